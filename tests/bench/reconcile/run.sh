#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Reconciliation benchmark: joins the results of one large part back to its rows and writes
# the run's result files, measuring time and peak memory.
#   tests/bench/reconcile/run.sh [BUILD_DIR] [ROWS...]      (defaults: _build 500000)
# For each ROWS, generates in a temporary directory a source of ROWS records, its part and
# the three result files of its job (shuffled over the whole part, echoes normalized as a
# real org does: doubles in E-notation, datetimes in UTC with milliseconds, booleans in
# capitals, 18-character ids; ~7% failed, 1% unprocessed, 2% without result, 1% skipped by
# pre-flight, 2% rows identical to their predecessor), then reconciles and writes in a
# separate process and prints its CPU time (user + system) for reconciling, for writing
# the result files and in all, and its peak RSS.
set -eu
cd "$(dirname "$0")/../../.."

build=${1:-_build}
[ $# -gt 0 ] && shift
[ $# -gt 0 ] || set -- 500000
bench=$build/tests/bench/bench-reconcile
if [ ! -x "$bench" ]; then
  echo "run.sh: $bench is missing; build first (ninja -C $build)" >&2
  exit 2
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

printf '%9s %9s %9s %9s %8s %10s %8s  %s\n' rows part_MB reconcile write total peak_RSS index \
  "succeeded/failed/unprocessed/ambiguous/unmatched"
for rows in "$@"; do
  rm -rf "$tmp/bench"
  mkdir "$tmp/bench"
  "$bench" generate "$tmp/bench" "$rows"
  part_size=$(stat -c %s "$tmp/bench/part-0001.csv")
  set -- $("$bench" run "$tmp/bench")
  awk -v r="$1" -v ps="$part_size" -v rt="$2" -v wt="$3" -v cpu="$4" -v rss="$5" -v ix="$6" \
      -v s="$7" -v f="$8" -v u="$9" -v a="${10}" -v m="${11}" 'BEGIN {
    printf "%9d %9.1f %8.2fs %8.2fs %7.2fs %7.1f MiB %6.1f B  %d/%d/%d/%d/%d\n",
           r, ps / 1048576, rt, wt, cpu, rss / 1024, ix, s, f, u, a, m
  }'
  if [ "${11}" != 0 ]; then
    echo "run.sh: $rows rows: results matched no row" >&2
    exit 1
  fi
done
