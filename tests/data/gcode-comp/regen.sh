#!/bin/sh
# regen.sh — the expected tool-centre moves of every program here, from LinuxCNC's interpreter.
#
#   cd tests/data/gcode-comp && ./regen.sh        (needs rs274, Debian linuxcnc-uspace)
#
# rs274 prints canonical coordinates with 4 decimals only, so each NAME.ngc is run scaled by
# 1000 (X Y Z I J R words, G41.1/G42.1 D words, the tool table's diameters): compensation is
# similar under scale (its tests are on angles), so dividing the canonical output by 1000 gives
# the moves of the program as written to ±5e-8 mm. NAME.expected holds, one a line,
#   R x y z                       STRAIGHT_TRAVERSE
#   F x y z                       STRAIGHT_FEED
#   A x y z cx cy rotation        ARC_FEED (rotation: +n CCW, -n CW)
#   E line message                rs274 stopped with this error on that program line
# tool.tbl is in inches (rs274 without an INI has inch machine units): T2 D0.2 is a 2.54 mm
# radius in a G21 program.
set -eu
command -v rs274 >/dev/null || { echo "rs274 not found" >&2; exit 3; }
TMP=$(mktemp -d); trap 'rm -rf "$TMP"' EXIT
awk '/^T/{ for(i=1;i<=NF;i++) if($i ~ /^D/) $i = sprintf("D%.10g", substr($i,2)*1000); } {print}' tool.tbl > "$TMP/tool.tbl"
for f in *.ngc; do
  n=${f%.ngc}
  # scale: strip comments, multiply the axis/centre/radius words (and D on G41.1/G42.1)
  awk '{ sub(/\(.*\)/, ""); sub(/;.*/, ""); line = toupper($0); out = ""
         dyn = (line ~ /G4[12]\.1/)
         while (match(line, /[A-Z][-+]?[0-9.]+/)) {
           w = substr(line, RSTART, RLENGTH); L = substr(w, 1, 1); v = substr(w, 2)
           if (L ~ /[XYZIJR]/ || (L == "D" && dyn)) w = sprintf("%s%.10g", L, v * 1000)
           out = out substr(line, 1, RSTART - 1) w; line = substr(line, RSTART + RLENGTH) }
         print out line }' "$f" > "$TMP/$f"
  (cd "$TMP" && rs274 -t tool.tbl -g "$f" canon.txt < /dev/null > out.txt 2> err.txt) || true
  awk '
    function args(s) { sub(/^[^(]*\(/, "", s); sub(/\)[^)]*$/, "", s); gsub(/ /, "", s); return split(s, A, ",") }
    / STRAIGHT_TRAVERSE\(/ { args($0); printf "R %.7f %.7f %.7f\n", A[1]/1000, A[2]/1000, A[3]/1000 }
    / STRAIGHT_FEED\(/     { args($0); printf "F %.7f %.7f %.7f\n", A[1]/1000, A[2]/1000, A[3]/1000 }
    / ARC_FEED\(/          { args($0); printf "A %.7f %.7f %.7f %.7f %.7f %d\n", A[1]/1000, A[2]/1000, A[6]/1000, A[3]/1000, A[4]/1000, A[5] }
  ' "$TMP/canon.txt" > "$n.expected"
  msg=$(grep -v -x executing "$TMP/err.txt" | head -n 1 || true)
  if [ -n "$msg" ]; then
    text=$(grep -v -x executing "$TMP/err.txt" | sed -n 2p)
    ln=$(grep -n -x -F "$text" "$TMP/$f" | head -n 1 | cut -d: -f1)
    echo "E ${ln:-0} $msg" >> "$n.expected"
  fi
  echo "$n: $(grep -c . "$n.expected") lines${msg:+ (error: $msg)}"
done
