#!/bin/bash
# run-in-xvfb.sh [--asan-no-leak-check] COMMAND [ARGS…] — runs COMMAND on a private Xvfb display
# inside its own D-Bus session, with private XDG folders and a unique application id, so GUI tests
# can run in parallel and never touch the user's settings. Xvfb is killed on exit.
# (Recipe: ../shared/GUI-TESTING.md — Xvfb -displayfd, dbus-run-session, GDK_BACKEND=x11.)
# --asan-no-leak-check: in a sanitized build, no LeakSanitizer check for this command (memory
# errors and undefined behaviour are still caught); tests/gui/meson.build says which and why.
set -euo pipefail
no_leak_check=
if [ "${1:-}" = --asan-no-leak-check ]; then
  no_leak_check=1
  shift
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/microcam-gui.XXXXXX")
xvfb_pid=
cleanup() {
  if [ -n "$xvfb_pid" ]; then
    kill "$xvfb_pid" 2>/dev/null || true
    wait "$xvfb_pid" 2>/dev/null || true
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT

# Xvfb writes the display number to fd 3 once it accepts clients.
Xvfb -displayfd 3 -screen 0 2560x1600x24 -nolisten tcp -noreset 3>"$tmp/display" 2>"$tmp/xvfb.log" &
xvfb_pid=$!
for _ in $(seq 300); do
  [ -s "$tmp/display" ] && break
  kill -0 "$xvfb_pid" 2>/dev/null || break
  sleep 0.1
done
if [ ! -s "$tmp/display" ]; then
  echo "run-in-xvfb: Xvfb did not start:" >&2
  cat "$tmp/xvfb.log" >&2
  exit 1
fi

export DISPLAY=":$(head -n1 "$tmp/display")"
export GDK_BACKEND=x11
unset WAYLAND_DISPLAY
export XDG_CONFIG_HOME="$tmp/config" XDG_DATA_HOME="$tmp/data" XDG_CACHE_HOME="$tmp/cache"
export XDG_RUNTIME_DIR="$tmp/runtime"
mkdir -p "$XDG_CONFIG_HOME" "$XDG_DATA_HOME" "$XDG_CACHE_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"
export MICROCAM_APP_ID="io.github.microcam.Microcam.Test$$"
export TEST_TMPDIR="$tmp"
# no accessibility bus: nothing here reads it, and it logs noise
export GTK_A11Y=none

# A sanitized build (tests/gui/meson.build sets MICROCAM_ASAN_PRELOAD): keep dlopened libraries
# mapped (asan-keep-modules.c says why); preloading it ahead of libasan is fine for that
if [ -n "${MICROCAM_ASAN_PRELOAD:-}" ]; then
  export LD_PRELOAD="$MICROCAM_ASAN_PRELOAD${LD_PRELOAD:+:$LD_PRELOAD}"
  export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"
  if [ -n "$no_leak_check" ]; then
    export ASAN_OPTIONS="$ASAN_OPTIONS:detect_leaks=0"
  fi
fi

status=0
dbus-run-session -- "$@" || status=$?
exit "$status"
