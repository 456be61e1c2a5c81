#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks the form of the Flatpak manifest: valid JSON, the keys flatpak-builder needs, the
app ID, the sandbox permissions Freight relies on, and a meson module for Freight itself.

usage: check-flatpak-manifest.py MANIFEST APP_ID
"""
import json
import sys

REQUIRED_KEYS = ("id", "runtime", "runtime-version", "sdk", "command", "finish-args",
                 "modules")
REQUIRED_FINISH_ARGS = (
    "--share=network",                      # Salesforce and the local org
    "--share=ipc",                          # X11 shared memory
    "--socket=wayland",
    "--socket=fallback-x11",
    "--device=dri",                         # GL rendering
    "--talk-name=org.freedesktop.secrets",  # tokens in the keyring (libsecret)
)


def main():
    path, app_id = sys.argv[1], sys.argv[2]
    problems = []
    try:
        with open(path, encoding="utf-8") as f:
            manifest = json.load(f)
    except (OSError, json.JSONDecodeError) as e:
        print(f"{path}: not valid JSON: {e}")
        return 1

    for key in REQUIRED_KEYS:
        if key not in manifest:
            problems.append(f"missing key “{key}”")
    if manifest.get("id") != app_id:
        problems.append(f"id is “{manifest.get('id')}”, expected “{app_id}”")
    if manifest.get("runtime") != "org.gnome.Platform" or manifest.get("sdk") != "org.gnome.Sdk":
        problems.append("runtime and sdk must be org.gnome.Platform and org.gnome.Sdk")
    try:
        if float(manifest.get("runtime-version", "0")) < 43:
            problems.append("runtime-version must be 43 or newer (GTK 4.8, libadwaita 1.2)")
    except ValueError:
        problems.append(f"runtime-version “{manifest.get('runtime-version')}” is not a number")
    if manifest.get("command") != "freight":
        problems.append(f"command is “{manifest.get('command')}”, expected “freight”")

    finish_args = manifest.get("finish-args", [])
    for arg in REQUIRED_FINISH_ARGS:
        if arg not in finish_args:
            problems.append(f"finish-args lacks {arg}")
    if "--socket=x11" in finish_args:
        problems.append("use --socket=fallback-x11, not --socket=x11, next to wayland")

    modules = manifest.get("modules", [])
    if not modules or not isinstance(modules[-1], dict) or modules[-1].get("name") != "freight":
        problems.append("the last module must be freight itself")
    for module in modules:
        if not isinstance(module, dict):
            problems.append(f"module {module!r} must be inline, so its build system is checked")
        elif module.get("buildsystem") != "meson":
            problems.append(f"module {module.get('name')} does not use buildsystem meson")
        elif not module.get("sources"):
            problems.append(f"module {module.get('name')} has no sources")
    freight = next((m for m in modules if isinstance(m, dict) and m.get("name") == "freight"), {})
    if "-Dlocal_org=true" not in freight.get("config-opts", []):
        problems.append("the freight module must build the local org (-Dlocal_org=true)")

    for problem in problems:
        print(f"{path}: {problem}")
    if not problems:
        print(f"{path}: {len(modules)} module(s), {len(finish_args)} finish-args, form is right")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
