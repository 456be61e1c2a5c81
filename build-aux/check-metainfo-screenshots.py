#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""check-metainfo-screenshots.py METAINFO SCREENSHOT_DIR

Every screenshot the AppStream metainfo names by its address in the repository
(…/main/data/screenshots/NAME.png) is in data/screenshots as a PNG, with a caption, and
every PNG there is used."""
import os
import sys
import xml.etree.ElementTree as ET

PREFIX = 'https://raw.githubusercontent.com/freightapp/freight/main/data/screenshots/'


def main():
    metainfo, folder = sys.argv[1], sys.argv[2]
    root = ET.parse(metainfo).getroot()
    shots = root.findall('./screenshots/screenshot')
    problems = []
    if not shots:
        problems.append('the metainfo has no screenshots')
    used = set()
    for shot in shots:
        image = shot.find('image')
        if image is None or not (image.text or '').startswith(PREFIX):
            problems.append('a screenshot without an image under ' + PREFIX)
            continue
        name = image.text[len(PREFIX):]
        used.add(name)
        path = os.path.join(folder, name)
        if not os.path.isfile(path):
            problems.append(f'{name} is not in {folder}')
        elif open(path, 'rb').read(8) != b'\x89PNG\r\n\x1a\n':
            problems.append(f'{name} is not a PNG')
        if shot.find('caption') is None:
            problems.append(f'{name} has no caption')
    for name in sorted(set(os.listdir(folder)) - used):
        problems.append(f'{folder}/{name} is not referenced from the metainfo')
    for problem in problems:
        print(f'{metainfo}: {problem}')
    print(f'{len(shots)} screenshots checked')
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
