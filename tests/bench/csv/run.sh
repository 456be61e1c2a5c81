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

# best IMPL FILE: runs IMPL three times, each in its own process, and prints
# "CPU_MB/S RSS_KB CHECKSUM WALL_MB/S" of the fastest run (by CPU time).
best() {
  for i in 1 2 3; do
    "$bench" "$1" "$2"
  done | sort -k2 -n -r | head -n 1 | awk '{ print $2, $6, $5, $7 }'
}

set -- $(best freight "$tmp/bench.csv")
freight_mbs=$1 freight_rss=$2 freight_sum=$3 freight_wall=$4
set -- $(best libcsv "$tmp/bench.csv")
libcsv_mbs=$1 libcsv_rss=$2 libcsv_sum=$3 libcsv_wall=$4

if [ "$freight_sum" != "$libcsv_sum" ]; then
  echo "run.sh: the parsers disagree on the content (checksums $freight_sum, $libcsv_sum)" >&2
  exit 1
fi

"$bench" generate "$tmp/bench2.csv" "$((rows * 2))"
set -- $(best freight "$tmp/bench2.csv")
freight2_rss=$2
rm -f "$tmp/bench2.csv"

awk -v f="$freight_mbs" -v l="$libcsv_mbs" -v fr="$freight_rss" -v lr="$libcsv_rss" \
    -v fw="$freight_wall" -v lw="$libcsv_wall" -v f2="$freight2_rss" -v rows="$rows" 'BEGIN {
  printf "                 MB/s (CPU time)  MB/s (wall)  peak RSS\n"
  printf "freight reader:  %15.1f  %11.1f  %6.1f MiB\n", f, fw, fr / 1024
  printf "libcsv:          %15.1f  %11.1f  %6.1f MiB\n", l, lw, lr / 1024
  printf "ratio:           %14.2fx  %10.2fx\n", f / l, fw / lw
  printf "freight on %d records: peak RSS %.1f MiB (constant memory: %s)\n", rows * 2, f2 / 1024,
         (f2 <= fr * 1.05 + 1024) ? "yes" : "NO"
}'
