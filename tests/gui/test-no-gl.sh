#!/bin/bash
# test-no-gl.sh — with OpenGL disabled the app does not crash: --screenshot exits 1 (not a
# signal) and prints the sentence the window shows instead of the 3D view.
set -uo pipefail
out="$TEST_TMPDIR/nogl.png"
err="$TEST_TMPDIR/nogl.err"
GDK_DEBUG=gl-disable G_DEBUG= "$MICROCAM" --screenshot "$out" \
  "$MICROCAM_SOURCE_DIR/resources/samples/a_plate_holes_pocket.stl" 2>"$err"
status=$?
cat "$err"
[ "$status" -eq 1 ] || { echo "FAIL: exit status $status, wanted 1"; exit 1; }
grep -q "The 3D view needs OpenGL 3.3, which could not be started" "$err" || { echo "FAIL: no plain message"; exit 1; }
[ ! -e "$out" ] || { echo "FAIL: a PNG was written without OpenGL"; exit 1; }
echo "PASS"
