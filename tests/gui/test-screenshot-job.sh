#!/bin/bash
# test-screenshot-job.sh — `microcam --screenshot OUT.png --overlay WORD JOB.json`: plans the sample
# plate with microcam-cli, renders the job coloured by deflection, and checks the picture holds the
# legend's colour scale (green → red, top left) and green toolpath lines over the part; a bad overlay
# word fails with a message, and --overlay with a part (not a job) is a usage error.
set -euo pipefail
part="$MICROCAM_SOURCE_DIR/resources/samples/a_plate_holes_pocket.stl"
job="$TEST_TMPDIR/plate.json"
out="$TEST_TMPDIR/job-deflection.png"

"$MICROCAM_CLI" plan "$part" --material al6061 --machine micro60k -o "$job" >/dev/null
"$MICROCAM" --screenshot "$out" --overlay deflection --size 800x600 "$job"
test -s "$out" || { echo "FAIL: no PNG written"; exit 1; }

# Saturated green (toolpaths and the low end of the scale) and saturated red (the scale's top end).
green=$(convert "$out" -fx 'g > 0.55 && r < 0.6 && b < 0.45 ? 1 : 0' -format '%[fx:mean*w*h]' info:)
red=$(convert "$out" -crop 300x80+0+0 -fx 'r > 0.7 && g < 0.35 && b < 0.35 ? 1 : 0' -format '%[fx:mean*w*h]' info:)
echo "green pixels: $green, red pixels in the legend: $red"
[ "${green%.*}" -ge 200 ] || { echo "FAIL: no green toolpath or scale in the image"; exit 1; }
[ "${red%.*}" -ge 20 ] || { echo "FAIL: no legend colour scale top left"; exit 1; }

if "$MICROCAM" --screenshot "$TEST_TMPDIR/x.png" --overlay sparkle "$job" 2>"$TEST_TMPDIR/err"; then
  echo "FAIL: --overlay sparkle succeeded"; exit 1
fi
grep -q sparkle "$TEST_TMPDIR/err" || { echo "FAIL: message does not name the overlay word"; cat "$TEST_TMPDIR/err"; exit 1; }

set +e
"$MICROCAM" --screenshot "$TEST_TMPDIR/y.png" --overlay feed "$part" 2>"$TEST_TMPDIR/err"; rc=$?
set -e
[ $rc -eq 2 ] || { echo "FAIL: --overlay with a part exited $rc, wanted 2"; exit 1; }
grep -q "JOB.json" "$TEST_TMPDIR/err" || { echo "FAIL: message does not say a job is needed"; exit 1; }
echo "PASS: job screenshot with deflection overlay and legend"
