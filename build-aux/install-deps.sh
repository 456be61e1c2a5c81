#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Installs every Debian 12 package that building, testing and benchmarking Freight needs.
# Used by README's set-up command and by .ci/run. Safe to run again.
set -eu

PACKAGES="
  meson ninja-build pkg-config gcc clang llvm libclang-rt-14-dev gettext git
  libglib2.0-dev libglib2.0-bin libgtk-4-dev libgtk-4-bin libadwaita-1-dev
  libsoup-3.0-dev glib-networking libjson-glib-dev libsecret-1-dev libcurl4-openssl-dev
  libsqlite3-dev sqlite3 libssl-dev openssl ca-certificates
  libcsv-dev
  desktop-file-utils appstream librsvg2-common adwaita-icon-theme fonts-cantarell libxml2-utils
  xvfb xauth dbus dbus-x11 gnome-keyring libsecret-tools
  valgrind python3 curl time jq
"

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo"
fi

missing=""
for p in $PACKAGES; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing="$missing $p"
  fi
done

# Node.js (interop tests run jsforce and the Salesforce CLI from npm) is often present
# already from NodeSource; Debian's own package is the fallback.
if ! command -v node >/dev/null 2>&1; then
  missing="$missing nodejs npm"
fi

if [ -n "$missing" ]; then
  echo "install-deps: installing:$missing"
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -q
  # shellcheck disable=SC2086
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $missing
else
  echo "install-deps: all packages present"
fi
