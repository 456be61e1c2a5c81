#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Runs one UI test program in a private desktop session:
#   - an Xvfb server on a display it picks itself (-displayfd), GDK_BACKEND=x11;
#   - a private D-Bus session bus (dbus-run-session);
#   - gnome-keyring-daemon with a "login" keyring unlocked by an empty password, the default
#     collection, so libsecret stores and finds secrets without a prompt;
#   - fresh HOME and XDG_* folders, removed afterwards;
#   - the build's compiled GSettings schemas (GSETTINGS_SCHEMA_DIR, set by meson) and the
#     keyfile backend, so settings land in $XDG_CONFIG_HOME and never in the user's dconf.
#
# usage: ui-session.sh PROGRAM [ARGS…]      (exit status: PROGRAM's)
set -eu

if [ "${1:-}" = "--inside-session" ]; then
  shift
  # Unlocking with an empty password makes the daemon load the login keyring prepared
  # below; a keyring without a password is stored in plain text and never locks.
  printf '' | gnome-keyring-daemon --unlock --components=secrets >/dev/null
  gnome-keyring-daemon --start --components=secrets >/dev/null
  if ! printf 'probe' | secret-tool store --label='Freight UI session probe' \
         freight-ui-session probe 2>/dev/null ||
     [ "$(secret-tool lookup freight-ui-session probe 2>/dev/null)" != "probe" ]; then
    echo "ui-session: the keyring does not store secrets" >&2
    exit 1
  fi
  secret-tool clear freight-ui-session probe
  exec "$@"
fi

if [ $# -eq 0 ]; then
  echo "usage: $0 PROGRAM [ARGS…]" >&2
  exit 2
fi

if [ ! -f "${GSETTINGS_SCHEMA_DIR:-}/gschemas.compiled" ]; then
  echo "ui-session: GSETTINGS_SCHEMA_DIR must hold the build's gschemas.compiled" >&2
  exit 2
fi

session=$(mktemp -d "${TMPDIR:-/tmp}/freight-ui.XXXXXX")
xvfb_pid=""
cleanup() {
  if [ -n "$xvfb_pid" ]; then
    kill "$xvfb_pid" 2>/dev/null || true
    wait "$xvfb_pid" 2>/dev/null || true
  fi
  rm -rf "$session"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

mkdir -p "$session/home" "$session/config" "$session/data/keyrings" "$session/cache" \
         "$session/state" "$session/runtime"
chmod 700 "$session/runtime" "$session/data/keyrings"
cat > "$session/data/keyrings/login.keyring" <<'KEYRING'
[keyring]
display-name=login
ctime=0
mtime=0
lock-on-idle=false
lock-after=false
KEYRING
printf 'login' > "$session/data/keyrings/default"

export HOME="$session/home"
export XDG_CONFIG_HOME="$session/config"
export XDG_DATA_HOME="$session/data"
export XDG_CACHE_HOME="$session/cache"
export XDG_STATE_HOME="$session/state"
export XDG_RUNTIME_DIR="$session/runtime"
export GSETTINGS_BACKEND=keyfile
export GDK_BACKEND=x11
export GSK_RENDERER="${GSK_RENDERER:-cairo}"
export GTK_A11Y=none
export NO_AT_BRIDGE=1
export LANG="${LANG:-C.UTF-8}"
unset DBUS_SESSION_BUS_ADDRESS WAYLAND_DISPLAY GNOME_KEYRING_CONTROL SSH_AUTH_SOCK

Xvfb -displayfd 3 -screen 0 1920x1200x24 -nolisten tcp -noreset \
  3>"$session/display" >"$session/xvfb.log" 2>&1 &
xvfb_pid=$!
# The stall test subtracts the time the X server waited for a CPU.
export FREIGHT_UI_XVFB_PID="$xvfb_pid"
tries=0
while [ ! -s "$session/display" ]; do
  tries=$((tries + 1))
  if [ $tries -gt 100 ] || ! kill -0 "$xvfb_pid" 2>/dev/null; then
    echo "ui-session: Xvfb did not start:" >&2
    cat "$session/xvfb.log" >&2
    exit 1
  fi
  sleep 0.1
done
export DISPLAY=":$(head -n 1 "$session/display")"

status=0
dbus-run-session -- "$0" --inside-session "$@" || status=$?
exit $status
