#!/bin/bash
# test-cancel-load.sh — loading shows a progress bar with Cancel, and cancelling keeps the
# part that was there, without an error dialog. The "part" being loaded is a named pipe:
# its read blocks until this script writes to it, so the load is reliably in progress
# when Cancel is pressed (no race against a fast disk).
set -euo pipefail
samples="$MICROCAM_SOURCE_DIR/resources/samples"
app_path="/$(tr '.' '/' <<<"$MICROCAM_APP_ID")"

wait_for () {
  local limit=$1; shift
  for _ in $(seq $(( limit * 10 ))); do
    "$@" >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  echo "FAIL: timed out waiting for: $*"; return 1
}
find_window () { xdotool search --onlyvisible --name "$1" | head -n1 | grep -q .; }
action () {
  local params='[]'
  [ $# -gt 1 ] && params="[$2]"
  gdbus call --session --dest "$MICROCAM_APP_ID" --object-path "$app_path/window/1" \
    --method org.gtk.Actions.Activate "$1" "$params" '{}' >/dev/null
}
differ () {  # differ A B — number of differing pixels
  compare -metric AE "$1" "$2" null: 2>&1 || true
}
snap () { import -window "$wid" "$TEST_TMPDIR/$1.png"; }
drawn () { [ "$(convert "$1" -format '%k' info:)" -gt 100 ]; }
settled () {  # drawn (not a blank window yet) and unchanged over half a second
  snap a; drawn "$TEST_TMPDIR/a.png" || return 1
  sleep 0.5; snap b; [ "$(differ "$TEST_TMPDIR/a.png" "$TEST_TMPDIR/b.png")" = 0 ]
}
progress_shown () { snap now; [ "$(differ "$TEST_TMPDIR/before.png" "$TEST_TMPDIR/now.png")" -gt 500 ]; }
back_as_before () { snap now; [ "$(differ "$TEST_TMPDIR/before.png" "$TEST_TMPDIR/now.png")" = 0 ]; }

"$MICROCAM" "$samples/a_plate_holes_pocket.stl" &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
title="a_plate_holes_pocket.stl — microcam"
wait_for 60 find_window "$title"
wid=$(xdotool search --onlyvisible --name "$title" | head -n1)
wait_for 60 settled
cp "$TEST_TMPDIR/b.png" "$TEST_TMPDIR/before.png"

fifo="$TEST_TMPDIR/slow_part.stl"
mkfifo "$fifo"
action open-file "<'$fifo'>"
wait_for 30 progress_shown
echo "progress bar shown while loading"
action cancel-load
exec 3>"$fifo"     # lets the blocked read go on: it now sees a cancelled load
exec 3>&-
wait_for 30 back_as_before
echo "progress bar gone, the view is as before"
find_window "$title" || { echo "FAIL: the previous part is gone"; exit 1; }
if find_window "Could not open the part"; then echo "FAIL: a cancelled load showed an error"; exit 1; fi
action cancel-load     # nothing to cancel: harmless
echo "PASS"
