#!/bin/bash
# test-interactive.sh — the app as a user runs it (no batch options):
#  1. the window opens at the size remembered in window.ini and shows the part in its title;
#  2. win.open-file (the recent-files menu's action) opens another part; W in the view
#     toggles the wireframe; Ctrl+O opens the file chooser;
#  3. a bad part shows an error dialog and the previous part stays;
#  4. app.about and win.show-help-overlay open their windows;
#  5. a resize is written to window.ini (and kept by app.quit); the part is in recent files.
# Waits on window titles and files, never on fixed sleeps.
set -euo pipefail
samples="$MICROCAM_SOURCE_DIR/resources/samples"
ini="$XDG_CONFIG_HOME/microcam/window.ini"
app_path="/$(tr '.' '/' <<<"$MICROCAM_APP_ID")"
mkdir -p "$(dirname "$ini")"
printf '[window]\nwidth=1000\nheight=700\nmaximized=0\npanel-width=380\n' > "$ini"

wait_for () {  # wait_for SECONDS COMMAND… — retry until COMMAND succeeds
  local limit=$1; shift
  for _ in $(seq $(( limit * 10 ))); do
    "$@" >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  echo "FAIL: timed out waiting for: $*"; return 1
}
find_window () { xdotool search --onlyvisible --name "$1" | head -n1 | grep -q .; }
geometry () { xdotool getwindowgeometry "$1" | sed -n 's/.*Geometry: //p'; }
action () {  # action win.NAME|app.NAME [PARAM-GVARIANT]
  local params='[]'
  [ $# -gt 1 ] && params="[$2]"
  local path=$app_path
  [ "${1%%.*}" = win ] && path="$app_path/window/1"
  gdbus call --session --dest "$MICROCAM_APP_ID" --object-path "$path" \
    --method org.gtk.Actions.Activate "${1#*.}" "$params" '{}' >/dev/null
}

"$MICROCAM" "$samples/a_plate_holes_pocket.stl" &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT

wait_for 60 find_window "a_plate_holes_pocket.stl — microcam"
wid=$(xdotool search --onlyvisible --name "a_plate_holes_pocket.stl — microcam" | head -n1)
size=$(geometry "$wid")
echo "window: $size"
[ "$size" = "1000x700" ] || { echo "FAIL: window is $size, window.ini said 1000x700"; exit 1; }

action win.open-file "<'$samples/b_disk_spiral_channel.stl'>"
wait_for 60 find_window "b_disk_spiral_channel.stl — microcam"
echo "opened the second part through win.open-file"

# the 3D view's own shortcuts: W toggles the wireframe (the picture changes a lot)
pixels_changed () {
  import -window "$wid" "$TEST_TMPDIR/after.png"
  local ae
  ae=$(compare -metric AE "$TEST_TMPDIR/before.png" "$TEST_TMPDIR/after.png" null: 2>&1 || true)
  [ "${ae%%.*}" -gt 2000 ]
}
# first let the picture settle (other panels add overlays once their analysis is done):
# two captures half a second apart that are the same
picture_settled () {
  import -window "$wid" "$TEST_TMPDIR/before.png"
  # drawn: a window not painted yet is a flat image
  [ "$(convert "$TEST_TMPDIR/before.png" -format '%k' info:)" -gt 100 ] || return 1
  sleep 0.5
  import -window "$wid" "$TEST_TMPDIR/again.png"
  local ae
  ae=$(compare -metric AE "$TEST_TMPDIR/before.png" "$TEST_TMPDIR/again.png" null: 2>&1 || true)
  [ "${ae%%.*}" -eq 0 ]
}
wait_for 60 picture_settled
xdotool windowfocus --sync "$wid"
xdotool key w
wait_for 30 pixels_changed
echo "W in the view toggled the wireframe"

# Ctrl+O, the accelerator of app.open: the file chooser opens (Escape closes it)
xdotool key ctrl+o
wait_for 30 find_window "Open a Part"
chooser=$(xdotool search --onlyvisible --name "Open a Part" | head -n1)
xdotool windowfocus --sync "$chooser"
xdotool key Escape
wait_for 30 bash -c "! xdotool search --onlyvisible --name 'Open a Part' | grep -q ."
echo "Ctrl+O opened the file chooser"

bad="$TEST_TMPDIR/not_a_part.stl"
head -c 300 /dev/urandom > "$bad"
action win.open-file "<'$bad'>"
wait_for 60 find_window "Could not open the part"
find_window "b_disk_spiral_channel.stl — microcam" || { echo "FAIL: the previous part is gone"; exit 1; }
echo "error dialog shown, previous part kept"

action app.about
wait_for 30 find_window "About microcam"
action win.show-help-overlay
wait_for 30 find_window "Keyboard Shortcuts"
echo "About dialog and shortcuts window open"

xdotool windowsize "$wid" 1100 720
# the window saves its state shortly after each resize
if ! wait_for 30 grep -q '^width=1100$' "$ini"; then cat "$ini"; exit 1; fi
grep -q '^height=720$' "$ini" || { echo "FAIL: window.ini has the wrong height:"; cat "$ini"; exit 1; }
echo "window.ini remembers 1100x720"
action app.quit
wait "$pid"
trap - EXIT
grep -q '^width=1100$' "$ini" || { echo "FAIL: quitting lost the size:"; cat "$ini"; exit 1; }
grep -q "b_disk_spiral_channel.stl" "$XDG_DATA_HOME/recently-used.xbel" || { echo "FAIL: not in recent files"; exit 1; }
echo "PASS"
