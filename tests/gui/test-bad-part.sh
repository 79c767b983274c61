#!/bin/bash
# test-bad-part.sh — a bad part file gives exit 1 and a message naming the file; a file
# that does not exist too. No PNG is written.
set -uo pipefail
bad="$TEST_TMPDIR/broken_part.stl"
# a binary STL header that claims 1000 facets, with the body cut short
{ printf 'binary header%67s' ''; printf '\xe8\x03\x00\x00'; head -c 100 /dev/zero; } > "$bad"
for f in "$bad" "$TEST_TMPDIR/missing_part.stl"; do
  out="$TEST_TMPDIR/bad.png"
  "$MICROCAM" --screenshot "$out" "$f" 2>"$TEST_TMPDIR/bad.err"
  status=$?
  cat "$TEST_TMPDIR/bad.err"
  [ "$status" -eq 1 ] || { echo "FAIL: $f: exit status $status, wanted 1"; exit 1; }
  grep -q "$(basename "$f")" "$TEST_TMPDIR/bad.err" || { echo "FAIL: the message does not name $f"; exit 1; }
  [ ! -e "$out" ] || { echo "FAIL: a PNG was written for $f"; exit 1; }
done
echo "PASS"
