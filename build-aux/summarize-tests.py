#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Counts test results from meson's testlog.json files and prints `N passed, N failed`.

A GTest executable (TAP) counts once per test case it ran; any other test counts once.
A TAP executable that crashed or timed out counts its passed cases and at least one failure.
"""
import json
import re
import sys

TAP_OK = re.compile(r"^ok \d+")
TAP_NOT_OK = re.compile(r"^not ok \d+")
TAP_SKIP = re.compile(r"#\s*(SKIP|skip)")
FAIL_RESULTS = {"FAIL", "TIMEOUT", "ERROR", "UNEXPECTEDPASS", "INTERRUPT"}


def count(path):
    passed = failed = skipped = 0
    failures = []
    try:
        lines = open(path, encoding="utf-8", errors="replace").read().splitlines()
    except OSError:
        return 0, 1, 0, [f"{path}: missing (the build or the test run did not happen)"]
    for line in lines:
        if not line.strip():
            continue
        entry = json.loads(line)
        out = entry.get("stdout") or ""
        ok = not_ok = skip = 0
        for tap in out.splitlines():
            if TAP_NOT_OK.match(tap):
                not_ok += 1
            elif TAP_OK.match(tap):
                if TAP_SKIP.search(tap):
                    skip += 1
                else:
                    ok += 1
        result = entry.get("result", "FAIL")
        if ok or not_ok or skip:
            if result in FAIL_RESULTS and not_ok == 0:
                not_ok = 1
            passed += ok
            failed += not_ok
            skipped += skip
        elif result == "SKIP":
            skipped += 1
        elif result in FAIL_RESULTS:
            failed += 1
        else:
            passed += 1
        if result in FAIL_RESULTS or not_ok:
            failures.append(f"{path}: {entry.get('name')} ({result})")
    return passed, failed, skipped, failures


def main():
    total_passed = total_failed = total_skipped = 0
    all_failures = []
    for path in sys.argv[1:]:
        p, f, s, fl = count(path)
        print(f"{path}: {p} passed, {f} failed, {s} skipped")
        total_passed += p
        total_failed += f
        total_skipped += s
        all_failures += fl
    for f in all_failures:
        print(f"FAILED: {f}")
    if total_skipped:
        print(f"{total_skipped} skipped")
    print(f"{total_passed} passed, {total_failed} failed")
    return 1 if total_failed else 0


if __name__ == "__main__":
    sys.exit(main())
