#!/bin/bash
# test-bad-options.sh — bad usage exits 2 with a message, never opens a window for long.
set -uo pipefail
part="$MICROCAM_SOURCE_DIR/resources/samples/a_plate_holes_pocket.stl"
check () {
  local want=$1; shift
  "$MICROCAM" "$@" 2>"$TEST_TMPDIR/opt.err"
  local status=$?
  cat "$TEST_TMPDIR/opt.err"
  [ "$status" -eq 2 ] || { echo "FAIL: microcam $*: exit $status, wanted 2"; exit 1; }
  grep -q -- "$want" "$TEST_TMPDIR/opt.err" || { echo "FAIL: microcam $*: message lacks '$want'"; exit 1; }
}
check "--view bottom" --screenshot "$TEST_TMPDIR/x.png" --view bottom "$part"
check "--size 10x" --screenshot "$TEST_TMPDIR/x.png" --size 10x "$part"
check "need a PART" --screenshot "$TEST_TMPDIR/x.png"
check "only apply with --screenshot" --view top "$part"
echo "PASS"
