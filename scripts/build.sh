#!/bin/bash
# build.sh DIR [meson options…] — configure (once) and build DIR.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=$1; shift
if [ -f "$dir/build.ninja" ]; then
  meson setup --reconfigure "$dir" "$@" >/dev/null
else
  meson setup "$dir" "$@"
fi
meson compile -C "$dir"
