#!/bin/bash
# with-private-home.sh COMMAND [ARGS…] — runs COMMAND with a HOME and XDG folders of its own, made
# fresh and empty with mktemp -d and removed afterwards. meson runs every test through it (the
# default test setup in tests/meson.build), so no test reads the user's ~/.config/microcam
# (materials, tools, machines, DFM rules, window.ini) or writes to their home, cache or recent
# files, and two tests never see each other's files. meson's test() env cannot do this: it has no
# fresh folder per test.
set -euo pipefail

# Whose folders these must not be: the account's home from the password database (HOME itself may
# already be something else), and the folders the caller had.
user_home=$(getent passwd "$(id -u)" | cut -d: -f6 || true)
caller_config=${XDG_CONFIG_HOME:-${HOME:-}/.config}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/microcam-test-home.XXXXXX")
cleanup() {
  chmod -R u+rwx "$tmp" 2>/dev/null || true   # a test may leave a folder it made unreadable
  rm -rf "$tmp"
}
trap cleanup EXIT

export HOME="$tmp/home"
export XDG_CONFIG_HOME="$tmp/config" XDG_DATA_HOME="$tmp/data" XDG_CACHE_HOME="$tmp/cache"
export XDG_STATE_HOME="$tmp/state"
mkdir -p "$HOME" "$XDG_CONFIG_HOME" "$XDG_DATA_HOME" "$XDG_CACHE_HOME" "$XDG_STATE_HOME"
# tests (tests/cli/test-cli-private-home.sh) check that they run under this wrapper
export MICROCAM_PRIVATE_HOME="$tmp"

for d in "$user_home" "$user_home/.config" "$caller_config"; do
  case "$d" in
    "" | /) continue ;;
  esac
  if [ "$XDG_CONFIG_HOME" = "$d" ] || [ "$HOME" = "$d" ]; then
    echo "with-private-home: the private folders are the user's own ($d): refusing to run $1" >&2
    exit 1
  fi
done
if [ -n "$(ls -A "$XDG_CONFIG_HOME")" ]; then
  echo "with-private-home: $XDG_CONFIG_HOME is not empty: refusing to run $1" >&2
  exit 1
fi

# Not exec: the folder must be removed after the command. (On a timeout meson kills the whole
# process group, this script with the test; the EXIT trap still runs.)
status=0
"$@" || status=$?
exit "$status"
