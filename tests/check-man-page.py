#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks that data/freight-cli.1 describes every command and option of freight-cli.

Walks `freight-cli --help`, each command's --help and each subcommand's --help, and fails
for every command, subcommand, long option or short option the man page does not name.

usage: check-man-page.py FREIGHT_CLI MAN_PAGE
"""
import os
import re
import subprocess
import sys


def help_text(cli, *words):
    env = dict(os.environ, LC_ALL="C.UTF-8", LANGUAGE="C", LANG="C.UTF-8")
    out = subprocess.run([cli, *words, "--help"], capture_output=True, text=True, env=env)
    if out.returncode != 0:
        sys.exit(f"`freight-cli {' '.join(words)} --help` failed ({out.returncode}): "
                 f"{out.stderr}")
    return out.stdout


def commands(text):
    """The words listed under "Commands:"."""
    names = []
    block = re.search(r"^Commands:\n((?:  \S.*\n)+)", text, re.M)
    if block:
        for line in block.group(1).splitlines():
            names.append(line.split()[0])
    return names


def options(text):
    """(short, long) pairs of the option lines."""
    found = []
    for line in text.splitlines():
        m = re.match(r"^\s+(?:-(\w), )?--([\w-]+)", line)
        if m:
            found.append((m.group(1), m.group(2)))
    return found


def main():
    cli, man_path = sys.argv[1], sys.argv[2]
    man = open(man_path, encoding="utf-8").read().replace("\\-", "-").replace("\\e", "\\")
    headings = [line[4:].strip().strip('"') for line in man.splitlines()
                if line.startswith(".SS ")]
    missing = []

    def check_options(text, where):
        for short, long in options(text):
            if not re.search(r"--" + re.escape(long) + r"(?![\w-])", man):
                missing.append(f"option --{long} ({where})")
            if short and not re.search(r"(?<![\w-])-" + short + r"(?![\w-])", man):
                missing.append(f"option -{short} ({where})")

    def has_heading(words):
        return any(h == words or h.startswith(words + " ") for h in headings)

    top = help_text(cli)
    check_options(top, "freight-cli")
    for command in commands(top):
        if command == "help":
            if not has_heading("help"):
                missing.append("command help")
            continue
        text = help_text(cli, command)
        subs = commands(text)
        check_options(text, command)
        if not subs and not has_heading(command):
            missing.append(f"command {command}")
        for sub in subs:
            words = f"{command} {sub}"
            if not has_heading(words):
                missing.append(f"command {words}")
            check_options(help_text(cli, command, sub), words)

    for item in sorted(set(missing)):
        print(f"{man_path}: does not describe {item}")
    print(f"checked {len(headings)} sections of {man_path}")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
