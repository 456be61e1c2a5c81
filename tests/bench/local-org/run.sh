#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Measures freight-local-org's ingest speed and memory: one insert job of ROWS simple
# Contact rows (LastName, FirstName, Email), uploaded with curl, processed with faults off.
# Prints rows/s (from close to JobComplete, wall clock and per CPU second of the server,
# which stays meaningful on a busy shared machine) and the server's peak RSS (VmHWM).
#
# usage: tests/bench/local-org/run.sh [BUILD_DIR] [ROWS]     (defaults: _build 1000000)
set -eu
cd "$(dirname "$0")/../../.."
build=${1:-_build}
rows=${2:-1000000}
org="$build/src/local-org/freight-local-org"
work=$(mktemp -d)
pid=""
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; [ -n "$pid" ] && wait "$pid" 2>/dev/null; rm -rf "$work"' EXIT

awk -v n="$rows" 'BEGIN { print "LastName,FirstName,Email";
  for (i = 0; i < n; i++) printf "Last%d,First%d,user%d@example.com\n", i, i, i }' \
  > "$work/contacts.csv"

"$org" --port=0 --data-dir="$work/data" > "$work/url" &
pid=$!
while [ ! -s "$work/url" ]; do sleep 0.1; done
url=$(head -n1 "$work/url")
token=$(curl -sf "$url/services/oauth2/token" -d grant_type=password \
  -d client_id=freight-local-org -d client_secret=freight-local-secret \
  -d username=admin@freight.local -d password=freight | jq -r .access_token)
auth="Authorization: Bearer $token"
jobs="$url/services/data/v62.0/jobs/ingest"
id=$(curl -sf -H "$auth" -H 'Content-Type: application/json' "$jobs" \
  -d '{"object":"Contact","operation":"insert"}' | jq -r .id)

up_start=$(date +%s.%N)
curl -sf -X PUT -H "$auth" -H 'Content-Type: text/csv' -H 'Transfer-Encoding: chunked' \
  --data-binary @"$work/contacts.csv" "$jobs/$id/batches"
start=$(date +%s.%N)
cpu_start=$(awk '{ print $14 + $15 }' "/proc/$pid/stat")
curl -sf -X PATCH -H "$auth" -H 'Content-Type: application/json' "$jobs/$id" \
  -d '{"state":"UploadComplete"}' > /dev/null
while :; do
  state=$(curl -sf -H "$auth" "$jobs/$id" | jq -r .state)
  case $state in JobComplete|Failed|Aborted) break ;; esac
  sleep 0.05
done
end=$(date +%s.%N)
cpu_end=$(awk '{ print $14 + $15 }' "/proc/$pid/stat")
info=$(curl -sf -H "$auth" "$jobs/$id")
curl -sf -H "$auth" "$jobs/$id/successfulResults" -o "$work/ok.csv"
rss=$(awk '/VmHWM/ { print $2 }' "/proc/$pid/status")
processed=$(echo "$info" | jq .numberRecordsProcessed)
failed=$(echo "$info" | jq .numberRecordsFailed)
echo "state=$state processed=$processed failed=$failed result_lines=$(wc -l < "$work/ok.csv")"
awk -v s="$start" -v e="$end" -v u="$up_start" -v n="$processed" -v r="$rss" \
    -v c="$((cpu_end - cpu_start))" -v hz="$(getconf CLK_TCK)" \
    -v b="$(stat -c %s "$work/contacts.csv")" 'BEGIN {
  printf "upload: %.1f MB in %.2f s\n", b / 1e6, s - u;
  printf "processing: %d rows in %.2f s wall = %.0f rows/s\n", n, e - s, n / (e - s);
  printf "server CPU: %.2f s = %.0f rows per CPU second\n", c / hz, n / (c / hz);
  printf "server peak RSS: %.1f MiB\n", r / 1024 }'
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
