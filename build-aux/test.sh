#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# README's test command. Builds Freight three ways and runs every test:
#   _build        -Werror, all suites (unit, data, po, integration, interop, ui)
#   _build-asan   ASan + UBSan, the unit and integration suites
#   _build-fuzz   clang + libFuzzer, short bounded runs of every fuzz target
# and ends with the line `N passed, N failed`.
#
# FREIGHT_TEST_QUICK=1 skips the sanitizer and fuzz builds (for a fast local loop).
set -u
cd "$(dirname "$0")/.."

jobs=$(nproc 2>/dev/null || echo 2)
logs=""
status=0

run_build() {
  dir=$1; shift
  suites=$1; shift
  if [ ! -f "$dir/build.ninja" ]; then
    env ${setup_env:-} meson setup "$dir" "$@" || { status=1; return; }
  fi
  ninja -C "$dir" || { status=1; return; }
  suite_args=""
  for s in $suites; do suite_args="$suite_args --suite $s"; done
  # shellcheck disable=SC2086
  meson test -C "$dir" --print-errorlogs --num-processes "$jobs" $suite_args || status=1
  logs="$logs $dir/meson-logs/testlog.json"
}

setup_env="" run_build _build "" -Dwerror=true

if [ "${FREIGHT_TEST_QUICK:-0}" != 1 ]; then
  setup_env="" run_build _build-asan "unit" -Dwerror=true -Db_sanitize=address,undefined \
    -Db_lundef=false -Dbuildtype=debug -Dapp=false
  setup_env="CC=clang" run_build _build-fuzz "fuzz" -Dfuzzing=true -Db_sanitize=address,undefined \
    -Db_lundef=false -Dapp=false -Dbuildtype=debugoptimized
fi

# shellcheck disable=SC2086
python3 build-aux/summarize-tests.py $logs || status=1
exit $status
