#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks po/POTFILES.in against the sources.

Fails when a file under src/ or data/ has translatable strings (`_(`, `N_(`, `C_(`, `NC_(`,
`g_dngettext`, `ngettext`, `translatable="yes"`), or is a desktop file, metainfo or
GSettings schema, and is not listed; or when a listed file does not exist.

usage: check-potfiles.py SOURCE_ROOT
"""
import os
import re
import sys

MARKERS = re.compile(r'(?<![A-Za-z0-9_])(?:N?C?_)\s*\(|\bg_dngettext\b|\bngettext\b|'
                     r'translatable="yes"')
SCANNED_DIRS = ("src", "data")
CODE_SUFFIXES = (".c", ".h", ".ui")
ALWAYS_TRANSLATABLE = (".desktop.in", ".metainfo.xml.in", ".gschema.xml")


def listed_files(root):
    listed = []
    with open(os.path.join(root, "po", "POTFILES.in"), encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            line = line.strip()
            if line and not line.startswith("#"):
                listed.append((number, line))
    return listed


def translatable_files(root):
    found = set()
    for top in SCANNED_DIRS:
        for dirpath, dirnames, filenames in os.walk(os.path.join(root, top)):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith((".", "_build")))
            for name in sorted(filenames):
                path = os.path.join(dirpath, name)
                relative = os.path.relpath(path, root)
                if name.endswith(ALWAYS_TRANSLATABLE):
                    found.add(relative)
                elif name.endswith(CODE_SUFFIXES):
                    with open(path, encoding="utf-8", errors="replace") as f:
                        if MARKERS.search(f.read()):
                            found.add(relative)
    return found


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else "."
    listed = listed_files(root)
    problems = []
    seen = set()
    for number, path in listed:
        if not os.path.isfile(os.path.join(root, path)):
            problems.append(f"po/POTFILES.in:{number}: {path} does not exist; remove the line")
        if path in seen:
            problems.append(f"po/POTFILES.in:{number}: {path} is listed twice")
        seen.add(path)
    for path in sorted(translatable_files(root) - seen):
        problems.append(f"{path} has translatable strings but is missing from po/POTFILES.in")
    for problem in problems:
        print(problem)
    if not problems:
        print(f"po/POTFILES.in lists all {len(seen)} files with translatable strings")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
