#!/bin/bash
# bench-view-frames.sh MICROCAM [FACETS] [FRAMES] — frame time of the 3D view on a closed
# part of FACETS facets (default 1,000,000) under a private Xvfb (Mesa llvmpipe):
# `microcam --bench-frames N` orbits the camera and times each frame to glFinish.
# A benchmark, not a test: it prints figures and never fails on them.
set -euo pipefail
microcam=${1:?usage: bench-view-frames.sh path/to/microcam [FACETS] [FRAMES]}
facets=${2:-1000000}
frames=${3:-20}
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/microcam-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

python3 "$here/make-sphere-stl.py" "$tmp/sphere.stl" "$facets"
export MICROCAM="$microcam" PART="$tmp/sphere.stl" FRAMES="$frames"
"$here/../gui/run-in-xvfb.sh" bash -c '"$MICROCAM" --bench-frames "$FRAMES" "$PART"' 2>&1 |
  grep -v '^dbus-daemon'
