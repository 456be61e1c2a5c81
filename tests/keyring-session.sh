#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# keyring-session.sh COMMAND [ARGS…]
#
# Runs COMMAND in a private D-Bus session with its own unlocked GNOME Keyring and
# temporary HOME and XDG folders, so keyring tests never touch the user's keyring and can
# check every file the command writes. The keyring keeps its own files outside the
# folders the command sees, so a scan of them finds only what the command wrote.
#
# The command sees FREIGHT_TEST_SCAN_DIRS: the folders a secret must never appear in.
set -eu

if [ $# -eq 0 ]; then
  echo "usage: $0 COMMAND [ARGS…]" >&2
  exit 2
fi

for tool in dbus-run-session gnome-keyring-daemon gdbus; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "keyring-session: $tool is missing (build-aux/install-deps.sh installs it)" >&2
    exit 77
  fi
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/freight-keyring-XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
mkdir -p "$tmp/home" "$tmp/config" "$tmp/data" "$tmp/cache" "$tmp/run" "$tmp/keyring"
chmod 700 "$tmp/run"

export HOME="$tmp/home"
export XDG_CONFIG_HOME="$tmp/config"
export XDG_DATA_HOME="$tmp/data"
export XDG_CACHE_HOME="$tmp/cache"
export XDG_RUNTIME_DIR="$tmp/run"
export FREIGHT_TEST_SCAN_DIRS="$tmp/home:$tmp/config:$tmp/data:$tmp/cache"
export FREIGHT_KEYRING_TMP="$tmp"
unset GNOME_KEYRING_CONTROL SSH_AUTH_SOCK

# shellcheck disable=SC2016
dbus-run-session -- sh -c '
  # An empty line is an empty password: the login keyring is created and unlocked.
  # Warnings are fatal for the daemon, as in the UI session (where the G_DEBUG of the
  # tests reaches it): a warning such as "asked to register item …, but it is already
  # registered" (an item replaced) then fails the test instead of going unseen.
  echo | G_DEBUG=fatal-warnings XDG_DATA_HOME="$FREIGHT_KEYRING_TMP/keyring" \
    gnome-keyring-daemon --foreground --components=secrets --unlock \
    >"$FREIGHT_KEYRING_TMP/keyring.log" 2>&1 &
  keyring=$!
  if ! gdbus wait --session --timeout 20 org.freedesktop.secrets; then
    echo "keyring-session: gnome-keyring did not start:" >&2
    cat "$FREIGHT_KEYRING_TMP/keyring.log" >&2
    kill "$keyring" 2>/dev/null
    exit 1
  fi
  status=0
  "$@" || status=$?
  kill "$keyring" 2>/dev/null
  wait "$keyring" 2>/dev/null
  exit "$status"
' keyring-session "$@"
