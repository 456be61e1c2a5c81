#!/bin/sh
# Runs one libFuzzer target for a bounded time over its seed corpus.
# usage: run-fuzzer.sh FUZZER SEED_DIR WORK_DIR [libFuzzer options…]
set -eu
fuzzer=$1; seeds=$2; work=$3; shift 3
mkdir -p "$work"
exec "$fuzzer" "$@" "$work" "$seeds"
