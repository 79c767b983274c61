#!/bin/bash
# test-job-files.sh — a job in the running app, through its File menu actions (as D-Bus
# org.gtk.Actions, which the menu items and accelerators use):
#  1. opening JOB.json shows its part and "plate.json (a_plate_holes_pocket.stl) — microcam";
#  2. win.regenerate changes the toolpaths: the title gets the unsaved mark "*";
#  3. app.quit then asks ("Unsaved job") and the window stays;
#  4. win.save-job (Ctrl+S) writes the job to its own file: the mark goes, the file is a
#     job microcam-cli can export;
#  5. win.export-gcode opens the chooser; app.quit now closes; the job is a recent file;
#  6. a G-code program on the command line opens on the G-code page: "plate.ngc — microcam",
#     and goes to the recent files too.
# Waits on window titles and files, never on fixed sleeps.
set -euo pipefail
part="$MICROCAM_SOURCE_DIR/resources/samples/a_plate_holes_pocket.stl"
job="$TEST_TMPDIR/plate.json"
app_path="/$(tr '.' '/' <<<"$MICROCAM_APP_ID")"

wait_for () {  # wait_for SECONDS COMMAND… — retry until COMMAND succeeds
  local limit=$1; shift
  for _ in $(seq $(( limit * 10 ))); do
    "$@" >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  echo "FAIL: timed out waiting for: $*"; xdotool search --onlyvisible --name . getwindowname %@ 2>/dev/null || true
  return 1
}
find_window () { xdotool search --onlyvisible --name "$1" | head -n1 | grep -q .; }
action () {  # action win.NAME|app.NAME
  local path=$app_path
  [ "${1%%.*}" = win ] && path="$app_path/window/1"
  gdbus call --session --dest "$MICROCAM_APP_ID" --object-path "$path" \
    --method org.gtk.Actions.Activate "${1#*.}" '[]' '{}' >/dev/null
}
enabled () {  # enabled win.NAME — the action can be activated now
  gdbus call --session --dest "$MICROCAM_APP_ID" --object-path "$app_path/window/1" \
    --method org.gtk.Actions.Describe "${1#*.}" | grep -q '^((true,'
}

"$MICROCAM_CLI" plan "$part" --material al6061 --machine micro60k -o "$job" >/dev/null
"$MICROCAM" "$job" &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT

wait_for 60 find_window "^plate.json \\(a_plate_holes_pocket.stl\\) — microcam$"
echo "job opened with its part, no unsaved mark"

wait_for 30 enabled win.regenerate
action win.regenerate
wait_for 60 find_window "^\*plate.json \\(a_plate_holes_pocket.stl\\) — microcam$"
echo "regenerated: the title shows unsaved changes"

action app.quit
wait_for 30 find_window "^Unsaved job$"
find_window "^\*plate.json" || { echo "FAIL: the window closed with unsaved changes"; exit 1; }
dialog=$(xdotool search --onlyvisible --name "^Unsaved job$" | head -n1)
xdotool windowfocus --sync "$dialog"
xdotool key Escape
wait_for 30 bash -c "! xdotool search --onlyvisible --name '^Unsaved job$' | grep -q ."
echo "quitting asked first; Escape kept the window"

touch -d '1 minute ago' "$job"
: > "$job.marker"
action win.save-job
wait_for 30 find_window "^plate.json \\(a_plate_holes_pocket.stl\\) — microcam$"
[ "$job" -nt "$job.marker" ] || { echo "FAIL: Save Job did not write $job "; exit 1; }
"$MICROCAM_CLI" export "$job" --post linuxcnc -o "$TEST_TMPDIR/plate.ngc" 2>/dev/null
grep -q "M30" "$TEST_TMPDIR/plate.ngc" || { echo "FAIL: the saved job does not export"; exit 1; }
echo "Save Job wrote the job to its file; the mark is gone"

action win.export-gcode
wait_for 30 find_window "^Export G-code$"
chooser=$(xdotool search --onlyvisible --name "^Export G-code$" | head -n1)
xdotool windowfocus --sync "$chooser"
xdotool key Escape
wait_for 30 bash -c "! xdotool search --onlyvisible --name '^Export G-code$' | grep -q ."
echo "Export G-code opened its chooser"

action app.quit
wait "$pid"
trap - EXIT
grep -q "plate.json" "$XDG_DATA_HOME/recently-used.xbel" || { echo "FAIL: the job is not in recent files"; exit 1; }
echo "the job is in the recent files"

"$MICROCAM" "$TEST_TMPDIR/plate.ngc" &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
wait_for 60 find_window "^plate.ngc — microcam$"
action app.quit
wait "$pid"
trap - EXIT
grep -q "plate.ngc" "$XDG_DATA_HOME/recently-used.xbel" || { echo "FAIL: the program is not in recent files"; exit 1; }
echo "a program opened from the command line: its name in the title, in the recent files"
echo "PASS"
