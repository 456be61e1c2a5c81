#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks that a translation covers every message of the current sources.

Extracts the messages of the files in po/POTFILES.in the way `freight-pot` does (xgettext
with GLib's keywords), merges po/LANG.po with them, and fails on each message that is
untranslated or fuzzy, so a string added to the sources without a translation is caught
even before the template is regenerated.

usage: check-po-complete.py SOURCE_ROOT LANG
"""
import os
import subprocess
import sys
import tempfile

XGETTEXT_ARGS = [
    "--from-code=UTF-8", "--add-comments",
    "--keyword=_", "--keyword=N_", "--keyword=C_:1c,2", "--keyword=NC_:1c,2",
    "--keyword=g_dcgettext:2", "--keyword=g_dngettext:2,3", "--keyword=g_dpgettext2:2c,3",
]


def messages(po_text):
    """Yields (msgctxt, msgid) for each message of msgattrib's output but the header."""
    context = msgid = None
    current = None
    for line in po_text.splitlines() + [""]:
        if line.startswith("msgctxt "):
            context, current = line[8:].strip('"'), "ctxt"
        elif line.startswith("msgid "):
            msgid, current = line[6:].strip('"'), "id"
        elif line.startswith('"') and current == "id":
            msgid += line.strip('"')
        elif line.startswith('"') and current == "ctxt":
            context += line.strip('"')
        elif not line.strip():
            if msgid:
                yield context, msgid
            context = msgid = current = None
        elif line.startswith("msgstr"):
            current = "str"


def main():
    root, lang = sys.argv[1], sys.argv[2]
    po = os.path.join(root, "po", lang + ".po")
    with tempfile.TemporaryDirectory() as tmp:
        pot = os.path.join(tmp, "freight.pot")
        merged = os.path.join(tmp, lang + ".po")
        subprocess.run(["xgettext", *XGETTEXT_ARGS, "--package-name=freight",
                        "--directory=" + root,
                        "--files-from=" + os.path.join(root, "po", "POTFILES.in"),
                        "--output=" + pot], check=True)
        subprocess.run(["msgmerge", "--quiet", "--no-fuzzy-matching", "--output-file=" + merged,
                        po, pot], check=True)
        problems = []
        for flag, what in (("--untranslated", "untranslated"), ("--only-fuzzy", "fuzzy")):
            out = subprocess.run(["msgattrib", flag, "--no-obsolete", merged],
                                 check=True, capture_output=True, text=True).stdout
            for context, msgid in messages(out):
                where = f" (context {context})" if context else ""
                problems.append(f"po/{lang}.po: {what}: \"{msgid}\"{where}")
        stats = subprocess.run(["msgfmt", "--statistics", "-o", os.devnull, merged],
                               check=True, capture_output=True, text=True).stderr.strip()
    for problem in problems:
        print(problem)
    print(f"po/{lang}.po against the current sources: {stats}")
    if problems:
        print(f"Translate them in po/{lang}.po (meson compile -C _build freight-update-po "
              "merges the new messages in).")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
