#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The load benchmark: freight-cli load beside jsforce's bulk2.loadAndWaitForResults, on the
# same freight-local-org (faults off) and the same file of Account rows (an insert).
#
#   tests/bench/load/run.sh [--5m] [--rows N] [--preflight] [--no-jsforce] [BUILD_DIR]
#
# Generates a file of 1,000,000 rows (5,000,000 with --5m, or N), starts a fresh org for
# every client, and measures each client process under /usr/bin/time -v: CPU (user + sys),
# wall clock and peak RSS. freight-cli runs with --no-preflight, as jsforce checks nothing;
# --preflight also measures a load with the pre-flight check. jsforce comes from npm at the
# exact version of tests/bench/load/jsforce/package-lock.json, installed once with `npm ci`
# into $XDG_CACHE_HOME/freight-bench (Node.js 18 or newer). Prints the figures, the ratios
# and whether the targets hold: peak RSS <= 64 MiB, client CPU <= 1.5 s per million rows
# and at least 5 times below jsforce's.
set -eu
cd "$(dirname "$0")/../../.."
root=$(pwd)

rows=1000000
preflight=no
jsforce=yes
build=_build
while [ $# -gt 0 ]; do
  case $1 in
    --5m) rows=5000000 ;;
    --rows) rows=$2; shift ;;
    --preflight) preflight=yes ;;
    --no-jsforce) jsforce=no ;;
    -h|--help) sed -n '3,16p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "run.sh: unknown option $1" >&2; exit 2 ;;
    *) build=$1 ;;
  esac
  shift
done

cli=$build/src/cli/freight-cli
org=$build/src/local-org/freight-local-org
gen=$build/tests/bench/bench-load
for tool in "$cli" "$org" "$gen"; do
  if [ ! -x "$tool" ]; then
    echo "run.sh: $tool is missing; build first (ninja -C $build)" >&2
    exit 2
  fi
done
if [ ! -x /usr/bin/time ]; then
  echo "run.sh: /usr/bin/time is missing (apt-get install time)" >&2
  exit 2
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/freight-bench-load.XXXXXX")
pid=""
stop_org () {
  if [ -n "$pid" ]; then
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    pid=""
  fi
}
trap 'stop_org; rm -rf "$work"' EXIT
trap 'exit 130' INT TERM

# A fresh org for each client, so that each inserts into the same empty org.
start_org () {
  stop_org
  rm -rf "$work/org" "$work/url"
  "$org" --port=0 --data-dir="$work/org" > "$work/url" 2> "$work/org.log" &
  pid=$!
  while [ ! -s "$work/url" ]; do
    kill -0 "$pid" 2>/dev/null || { cat "$work/org.log" >&2; exit 1; }
    sleep 0.1
  done
  url=$(head -n1 "$work/url")
  token=$(curl -sf "$url/services/oauth2/token" -d grant_type=password \
    -d client_id=freight-local-org -d client_secret=freight-local-secret \
    -d username=admin@freight.local -d password=freight | jq -r .access_token)
}

# Reads /usr/bin/time -v's report: "CPU WALL RSS_KB".
measure () {
  awk -F': ' '
    /User time/ { user = $2 }
    /System time/ { sys = $2 }
    /Elapsed \(wall clock\)/ { n = split($2, t, ":"); wall = 0;
                               for (i = 1; i <= n; i++) wall = wall * 60 + t[i] }
    /Maximum resident set size/ { rss = $2 }
    END { printf "%.2f %.2f %d\n", user + sys, wall, rss }' "$1"
}

file=$work/accounts.csv
echo "Generating $rows Account rows..."
"$gen" generate "$file" "$rows"
size=$(stat -c %s "$file")
printf 'file: %s rows, %.1f MB; %s cores, load average %s\n' "$rows" \
  "$(echo "$size" | awk '{ print $1 / 1e6 }')" "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)"

run_freight () {
  name=$1
  shift
  start_org
  rm -rf "$work/out" "$work/data"
  if ! FREIGHT_INSTANCE_URL=$url FREIGHT_ACCESS_TOKEN=$token XDG_DATA_HOME=$work/data \
      /usr/bin/time -v -o "$work/$name.time" "$cli" load --object Account --operation insert \
      --file "$file" --output-dir "$work/out" --quiet --json "$@" \
      > "$work/$name.json" 2> "$work/$name.err"; then
    echo "run.sh: freight-cli load failed:" >&2
    cat "$work/$name.err" >&2
    exit 1
  fi
  succeeded=$(jq .counts.succeeded "$work/$name.json")
  if [ "$succeeded" != "$rows" ]; then
    echo "run.sh: freight-cli loaded $succeeded of $rows rows" >&2
    exit 1
  fi
  set -- $(measure "$work/$name.time")
  eval "${name}_cpu=$1 ${name}_wall=$2 ${name}_rss=$3"
}

run_freight freight --no-preflight
if [ "$preflight" = yes ]; then
  run_freight checked
fi

if [ "$jsforce" = yes ]; then
  lock=$root/tests/bench/load/jsforce/package-lock.json
  version=$(jq -r '.packages["node_modules/jsforce"].version' "$lock")
  cache=${XDG_CACHE_HOME:-$HOME/.cache}/freight-bench/jsforce-$version
  if [ ! -d "$cache/node_modules/jsforce" ] || ! cmp -s "$lock" "$cache/package-lock.json"; then
    echo "Installing jsforce $version into $cache..."
    rm -rf "$cache"
    mkdir -p "$cache"
    cp "$root/tests/bench/load/jsforce/package.json" "$lock" "$cache/"
    (cd "$cache" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
  fi
  start_org
  if ! NODE_PATH=$cache/node_modules /usr/bin/time -v -o "$work/jsforce.time" \
      node "$root/tests/bench/load/jsforce/load.js" "$url" "$token" Account "$file" \
      > "$work/jsforce.json" 2> "$work/jsforce.err"; then
    echo "run.sh: jsforce failed:" >&2
    cat "$work/jsforce.err" >&2
    exit 1
  fi
  succeeded=$(jq .succeeded "$work/jsforce.json")
  if [ "$succeeded" != "$rows" ]; then
    echo "run.sh: jsforce loaded $succeeded of $rows rows" >&2
    exit 1
  fi
  set -- $(measure "$work/jsforce.time")
  jsforce_cpu=$1 jsforce_wall=$2 jsforce_rss=$3
fi
stop_org

printf '\n%-34s %9s %9s %12s\n' client "CPU s" "wall s" "peak RSS"
row () {
  printf '%-34s %9.2f %9.2f %8.1f MiB\n' "$1" "$2" "$3" "$(echo "$4" | awk '{ print $1 / 1024 }')"
}
row "freight-cli load --no-preflight" "$freight_cpu" "$freight_wall" "$freight_rss"
if [ "$preflight" = yes ]; then
  row "freight-cli load (pre-flight)" "$checked_cpu" "$checked_wall" "$checked_rss"
fi
if [ "$jsforce" = yes ]; then
  row "jsforce $version loadAndWaitForResults" "$jsforce_cpu" "$jsforce_wall" "$jsforce_rss"
  awk -v fc="$freight_cpu" -v jc="$jsforce_cpu" -v fw="$freight_wall" -v jw="$jsforce_wall" \
      -v fr="$freight_rss" -v jr="$jsforce_rss" 'BEGIN {
    printf "\njsforce / freight-cli: CPU %.1fx, wall %.2fx, peak RSS %.1fx\n",
           jc / fc, jw / fw, jr / fr }'
fi

echo
awk -v cpu="$freight_cpu" -v rss="$freight_rss" -v rows="$rows" -v jc="${jsforce_cpu:-}" 'BEGIN {
  per_m = cpu / (rows / 1e6);
  printf "target: peak RSS <= 64 MiB: %.1f MiB  %s\n", rss / 1024, rss <= 65536 ? "ok" : "MISSED";
  printf "target: CPU <= 1.5 s per million rows: %.2f s  %s\n", per_m,
         per_m <= 1.5 ? "ok" : "MISSED";
  if (jc != "")
    printf "target: CPU at least 5x below jsforce: %.1fx  %s\n", jc / cpu,
           (jc / cpu >= 5) ? "ok" : "MISSED";
}'
