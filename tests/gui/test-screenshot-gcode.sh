#!/bin/bash
# test-screenshot-gcode.sh — `microcam --screenshot OUT.png --overlay safety --material ID --machine ID
# --tool-id ID PROGRAM.ngc`: the G-code page reads the program, reviews it with that tool and draws
# it coloured by the breakage safety factor with the legend. With a Ø0.05 mm end mill the slot at
# F300 breaks the tool (safety factor 0.58, as `microcam-cli check` says): the path is red; with a
# Ø1 mm end mill it is safe: green. A tool id not in the library and review options with a part
# are usage errors (exit 2) that name the problem.
set -euo pipefail
prog="$TEST_TMPDIR/slot.ngc"
cat >"$prog" <<'NGC'
%
(microcam screenshot test: a slot, an arc, a pocket pass, two drilled holes)
G21 G90 G17
T1 M6
S40000 M3
G0 Z1
G0 X0 Y0
G1 Z-0.05 F40
G1 X2 Y0 F300
G2 X3 Y1 I0 J1
G1 X3 Y3
G1 Z-0.1 F40
G1 X0 Y3 F250
G1 X0 Y0.5
G0 Z1
G81 X1 Y1 Z-0.2 R0.5 F50
X2 Y2
G80
G0 Z5
M30
%
NGC

red_below_legend() {  # saturated red pixels outside the legend (top 120 rows)
  convert "$1" -crop 800x480+0+120 -fx 'r > 0.7 && g < 0.35 && b < 0.35 ? 1 : 0' -format '%[fx:mean*w*h]' info:
}
green() {
  convert "$1" -crop 800x480+0+120 -fx 'g > 0.55 && r < 0.6 && b < 0.45 ? 1 : 0' -format '%[fx:mean*w*h]' info:
}

thin="$TEST_TMPDIR/safety-0.05.png"
thick="$TEST_TMPDIR/safety-1.png"
"$MICROCAM" --screenshot "$thin" --overlay safety --material al6061 --machine micro60k --tool-id em-flat-0.05 \
  --view top --size 800x600 "$prog"
"$MICROCAM" --screenshot "$thick" --overlay safety --material al6061 --machine micro60k --tool-id em-flat-1 \
  --view top --size 800x600 "$prog"
test -s "$thin" && test -s "$thick" || { echo "FAIL: no PNG written"; exit 1; }
r_thin=$(red_below_legend "$thin"); r_thick=$(red_below_legend "$thick"); g_thick=$(green "$thick")
legend_red=$(convert "$thin" -crop 300x80+0+0 -fx 'r > 0.7 && g < 0.35 && b < 0.35 ? 1 : 0' -format '%[fx:mean*w*h]' info:)
echo "red path pixels: Ø0.05 $r_thin, Ø1 $r_thick; green path pixels Ø1: $g_thick; red in the legend: $legend_red"
[ "${r_thin%.*}" -ge 500 ] || { echo "FAIL: the Ø0.05 mm tool's path is not drawn red (unsafe)"; exit 1; }
[ "${r_thick%.*}" -le 300 ] || { echo "FAIL: the Ø1 mm tool's path is drawn red"; exit 1; }
[ "${g_thick%.*}" -ge 500 ] || { echo "FAIL: the Ø1 mm tool's path is not drawn green (safe)"; exit 1; }
[ "${legend_red%.*}" -ge 20 ] || { echo "FAIL: no legend colour scale top left"; exit 1; }

# by type, without review options: drawn, exit 0
"$MICROCAM" --screenshot "$TEST_TMPDIR/type.png" --size 640x480 "$prog"
test -s "$TEST_TMPDIR/type.png" || { echo "FAIL: no PNG for the type overlay"; exit 1; }

set +e
"$MICROCAM" --screenshot "$TEST_TMPDIR/x.png" --overlay safety --tool-id em-sparkle "$prog" 2>"$TEST_TMPDIR/err"; rc=$?
set -e
[ $rc -eq 2 ] || { echo "FAIL: unknown --tool-id exited $rc, wanted 2"; cat "$TEST_TMPDIR/err"; exit 1; }
grep -q "em-sparkle" "$TEST_TMPDIR/err" || { echo "FAIL: message does not name the tool"; cat "$TEST_TMPDIR/err"; exit 1; }
set +e
"$MICROCAM" --screenshot "$TEST_TMPDIR/y.png" --material al6061 \
  "$MICROCAM_SOURCE_DIR/resources/samples/a_plate_holes_pocket.stl" 2>"$TEST_TMPDIR/err"; rc=$?
set -e
[ $rc -eq 2 ] || { echo "FAIL: --material with a part exited $rc, wanted 2"; exit 1; }
grep -q "G-code" "$TEST_TMPDIR/err" || { echo "FAIL: message does not say it is for G-code"; cat "$TEST_TMPDIR/err"; exit 1; }
set +e
"$MICROCAM" --screenshot "$TEST_TMPDIR/z.png" "$TEST_TMPDIR/missing.ngc" 2>"$TEST_TMPDIR/err"; rc=$?
set -e
[ $rc -eq 1 ] || { echo "FAIL: a missing program exited $rc, wanted 1"; exit 1; }
grep -q "missing.ngc" "$TEST_TMPDIR/err" || { echo "FAIL: message does not name the file"; cat "$TEST_TMPDIR/err"; exit 1; }
echo "PASS: G-code screenshot reviewed with the tool given, coloured by safety with its legend"
