#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# CSV reader benchmark: Freight's reader against libcsv on the same generated file.
#   tests/bench/csv/run.sh [BUILD_DIR] [ROWS]      (defaults: _build 1000000)
# Generates a ROWS-record Salesforce-like CSV (15 columns, quoted commas, doubled quotes,
# some line breaks inside quotes, some non-ASCII) in a temporary directory, parses it three
# times with each parser in separate processes, and prints the best throughput of each, the
# ratio, and peak RSS. Then checks that Freight's memory does not grow with the file: a file
# of twice the rows must not take more memory.
set -eu
cd "$(dirname "$0")/../../.."

build=${1:-_build}
rows=${2:-1000000}
bench=$build/tests/bench/bench-csv
if [ ! -x "$bench" ]; then
  echo "run.sh: $bench is missing; build first (ninja -C $build), with libcsv-dev installed" >&2
  exit 2
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

"$bench" generate "$tmp/bench.csv" "$rows"
size=$(stat -c %s "$tmp/bench.csv")
awk -v s="$size" -v r="$rows" 'BEGIN { printf "file: %d records, %.1f MB\n", r, s / 1e6 }'

# best IMPL FILE: runs IMPL three times, prints "MB/S RSS_KB CHECKSUM" of the fastest run.
best() {
  for i in 1 2 3; do
    "$bench" "$1" "$2"
  done | sort -k2 -n -r | head -n 1 | awk '{ print $2, $6, $5 }'
}

set -- $(best freight "$tmp/bench.csv")
freight_mbs=$1 freight_rss=$2 freight_sum=$3
set -- $(best libcsv "$tmp/bench.csv")
libcsv_mbs=$1 libcsv_rss=$2 libcsv_sum=$3

if [ "$freight_sum" != "$libcsv_sum" ]; then
  echo "run.sh: the parsers disagree on the content (checksums $freight_sum, $libcsv_sum)" >&2
  exit 1
fi

"$bench" generate "$tmp/bench2.csv" "$((rows * 2))"
set -- $(best freight "$tmp/bench2.csv")
freight2_rss=$2
rm -f "$tmp/bench2.csv"

awk -v f="$freight_mbs" -v l="$libcsv_mbs" -v fr="$freight_rss" -v lr="$libcsv_rss" \
    -v f2="$freight2_rss" -v rows="$rows" 'BEGIN {
  printf "freight reader: %8.1f MB/s   peak RSS %6.1f MiB\n", f, fr / 1024
  printf "libcsv:         %8.1f MB/s   peak RSS %6.1f MiB\n", l, lr / 1024
  printf "ratio:          %8.2fx\n", f / l
  printf "freight on %d records: peak RSS %.1f MiB (constant memory: %s)\n", rows * 2, f2 / 1024,
         (f2 <= fr * 1.05 + 1024) ? "yes" : "NO"
}'
