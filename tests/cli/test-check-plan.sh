#!/bin/bash
# `microcam-cli check` on what `microcam-cli plan` wrote (issue 11: one set of rules): the program's
# header gives check its tools, stock box and tolerance, and the review, judging each move at the
# engagement it really has in that stock, reports no deflection, breakage or plunge finding for a
# plan. Also the header lines themselves, the --stock option and its refusals.
set -u
cli=${MICROCAM_CLI:?}
src=${MICROCAM_SOURCE_DIR:?}
fail=0
check() { if eval "$2"; then echo "ok - $1"; else echo "not ok - $1"; fail=1; fi; }
. "$src/tests/require-tool.sh"
require_tool python3 python3
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
export XDG_CONFIG_HOME="$tmp/config"

# The findings of a check --json that say a limit is broken or an end mill plunges into material,
# one "line: message" each.
breaches() {
  python3 - "$1" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
for f in doc["findings"]:
    m = f["message"]
    if f.get("code") == "review-plunge" or "exceeds the allowed" in m or "breakage risk" in m:
        print("%d: %s" % (f["line"], m))
PY
}

# the sample part here (the generated test parts, tests/part-gen.h, are planned and checked the same
# way in tests/test-cam-gcode-review.c, test_check_accepts_what_plan_wrote)
for part in "$src/resources/samples/a_plate_holes_pocket.stl"; do
  name=$(basename "$part" .stl)
  for mat in ss316l al6061; do
    out="$tmp/$name-$mat"
    if ! "$cli" plan "$part" --material "$mat" --machine micro60k -o "$out.json" --ngc "$out.ngc" >"$out.plan" 2>&1; then
      echo "not ok - plan $name $mat"; cat "$out.plan"; fail=1; continue
    fi
    check "$name $mat: the header names the stock box and the tolerance" \
      "grep -q '^(stock: X.*\.\..* Y.*\.\..* Z.*\.\..* work)\$' '$out.ngc' && grep -q '^(tolerance: ±0.0100 mm)\$' '$out.ngc'"
    "$cli" check "$out.ngc" --material "$mat" --machine micro60k --json >"$out.check" 2>"$out.err"
    rc=$?
    check "$name $mat: check reads the program (exit $rc)" "[ $rc -eq 0 ]"
    check "$name $mat: check takes the header's stock box and tolerance" \
      "python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d[\"stock\"] is not None and d[\"tolerance_mm\"] == 0.01 and d[\"evaluated_moves\"] > 0 and d[\"stock_cell_mm\"] > 0' '$out.check'"
    b=$(breaches "$out.check")
    check "$name $mat: no deflection, breakage or plunge finding" "[ -z \"\$b\" ]"
    [ -n "$b" ] && echo "$b" | sed "s|^|#   $name $mat line |"
  done
done

# --stock: a box from elsewhere; air outside it; bad boxes refused as usage errors
cat >"$tmp/slot.ngc" <<'NGC'
G21 G90 G17
T1 M6
S60000 M3
G0 X-2 Y1 Z1
G1 Z-0.02 F50
G1 X-1 F120
G1 X3 F120
G0 Z1
M30
NGC
"$cli" check "$tmp/slot.ngc" --material al6061 --machine micro60k --tool flat:d=0.2 --json >"$tmp/unbounded.json"
"$cli" check "$tmp/slot.ngc" --material al6061 --machine micro60k --tool flat:d=0.2 --stock=0,0,-1,2,2,0 \
  --json >"$tmp/box.json"
# (the plunge is a finding, not evaluated)
check "without a box every feed below the top cuts" \
  "python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d[\"stock\"] is None and d[\"air_moves\"] == 0 and d[\"evaluated_moves\"] == 2' '$tmp/unbounded.json'"
check "with --stock the moves outside the box cut air" \
  "python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d[\"stock\"] == {\"min\": [0, 0, -1], \"max\": [2, 2, 0]}, d[\"stock\"]; assert d[\"air_moves\"] == 2 and d[\"evaluated_moves\"] == 1' '$tmp/box.json'"
for bad in "0,0,-1,2,2" "0,0,0,2,2,0" "a,0,-1,2,2,0"; do
  "$cli" check "$tmp/slot.ngc" --material al6061 --machine micro60k --tool flat:d=0.2 --stock="$bad" >/dev/null 2>"$tmp/err"
  rc=$?
  check "--stock=$bad is a usage error (exit $rc)" "[ $rc -eq 2 ] && grep -q -- '--stock' '$tmp/err'"
done
"$cli" check "$tmp/slot.ngc" --material al6061 --machine micro60k --tool flat:d=0.2 --stock=0,0,-1,2,2,0 \
  --stock-top 0 >/dev/null 2>&1
check "--stock with --stock-top is a usage error" "[ $? -eq 2 ]"
exit $fail
