#!/bin/bash
# run-sample.sh — installs what is missing, builds microcam and opens it on a bundled sample part.
# Without a display it renders the part under Xvfb into sample.png instead and says so.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh build
part=resources/samples/a_plate_holes_pocket.stl
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  exec build/app/microcam "$part"
fi
echo "run-sample: no display; rendering $part under Xvfb to sample.png" >&2
xvfb-run -a -s "-screen 0 1280x800x24" env GDK_BACKEND=x11 GTK_A11Y=none \
  build/app/microcam --screenshot sample.png --view iso "$part"
echo "run-sample: wrote $(pwd)/sample.png"
