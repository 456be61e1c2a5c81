#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs freight-local-org under valgrind for a protocol test (tests/meson.build, suite
# 'valgrind'): any memory error or definite leak makes the org exit 9, which the harness
# reports when it stops the org.
# usage: FREIGHT_LOCAL_ORG_REAL=… valgrind-org.sh ARGS…
log=${VALGRIND_LOG_DIR:-/tmp}/freight-local-org-valgrind.$$.log
exec valgrind --quiet --suppressions="$(dirname "$0")/valgrind.supp" --leak-check=full --show-leak-kinds=definite \
  --errors-for-leak-kinds=definite --error-exitcode=9 --num-callers=30 \
  --log-file="$log" "$FREIGHT_LOCAL_ORG_REAL" "$@"
