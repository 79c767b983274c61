#!/bin/bash
# microcam-cli dfm: JSON contract keys, values on the sample plate, the HTML report, exit codes.
set -u
cli=${MICROCAM_CLI:?}; src=${MICROCAM_SOURCE_DIR:?}
fail=0
check() { if eval "$2"; then echo "ok - $1"; else echo "not ok - $1"; fail=1; fi; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

"$cli" dfm "$src/resources/samples/a_plate_holes_pocket.stl" --material ss316l --json \
  --report "$tmp/report.html" >"$tmp/out.json"; rc=$?
check "dfm --json exits 0" "[ $rc -eq 0 ]"
python3 - "$tmp/out.json" <<'PY' || fail=1
import json, sys
d = json.load(open(sys.argv[1]))
for k in ["features", "findings", "critical"]:
    assert k in d, "missing key " + k
kinds = {"hole", "pocket", "slot", "wall", "profile", "boss", "undercut"}
for f in d["features"]:
    for k in ["id", "kind", "center", "bbox"]:
        assert k in f, ("feature key", k, f)
    assert f["kind"] in kinds, f["kind"]
    assert len(f["center"]) == 3
holes = [f for f in d["features"] if f["kind"] == "hole"]
assert len(holes) == 16, len(holes)
for h in holes:
    assert abs(h["diameter_mm"] - 0.2) < 1e-3 and abs(h["depth_mm"] - 2.0) < 1e-3 and h["through"] is True, h
pockets = [f for f in d["features"] if f["kind"] == "pocket"]
assert len(pockets) == 1
p = pockets[0]
assert abs(p["depth_mm"] - 0.3) < 1e-3 and abs(p["min_width_mm"] - 3.0) < 1e-3, p
assert abs(p["min_corner_radius_mm"] - 0.1) < 1e-3, p
assert "thickness_mm" in [k for f in d["features"] for k in f], "no thickness anywhere"
ids = {f["id"] for f in d["features"]}
procs = {"micro-edm", "ultrasonic", "laser", "peck-drill", "polish", "long-reach-tool", "second-setup"}
for x in d["findings"]:
    for k in ["severity", "rule", "feature", "message", "values"]:
        assert k in x, ("finding key", k, x)
    assert x["severity"] in ("error", "warning", "note")
    assert x["feature"] in ids, x["feature"]
    if "process" in x:
        assert x["process"] in procs, x["process"]
assert not [x for x in d["findings"] if x["severity"] == "error"], "sample plate has no errors"
assert any(x["rule"] == "hole-peck" and x["process"] == "peck-drill" for x in d["findings"])
c = d["critical"]
for k in ["smallest_hole", "tightest_radius", "thinnest_wall", "deepest_narrow_pocket"]:
    assert k in c and "process" in c[k] and "value_mm" in c[k], k
assert abs(c["smallest_hole"]["value_mm"] - 0.2) < 1e-3
print("ok - dfm --json keys and values")
PY
check "report written" "[ -s '$tmp/report.html' ] && grep -q '<svg' '$tmp/report.html'"

"$cli" dfm "$src/tests/data/dfm_problems.stl" --material ptfe --tolerance 0.001 --finish 0.3 >"$tmp/out.txt"; rc=$?
check "findings do not change the exit status" "[ $rc -eq 0 ]"
check "text lists errors and the summary" "grep -q 'corner-radius' '$tmp/out.txt' && grep -q 'Process-critical' '$tmp/out.txt'"

printf 'solid x\nfacet normal 0 0 1\nouter loop\nvertex 0 0 0\nvertex 1 0 0\nvertex 0 1 0\nendloop\nendfacet\nendsolid x\n' >"$tmp/open.stl"
"$cli" dfm "$tmp/open.stl" --material ss316l 2>"$tmp/err"; rc=$?
check "open mesh exits 1 naming the file and problem" "[ $rc -eq 1 ] && grep -q 'open.stl' '$tmp/err' && grep -q 'not a closed solid' '$tmp/err'"
"$cli" dfm "$src/resources/samples/a_plate_holes_pocket.stl" --material unobtainium 2>"$tmp/err"; rc=$?
check "unknown material exits 1" "[ $rc -eq 1 ] && grep -q unobtainium '$tmp/err'"
"$cli" dfm "$src/resources/samples/a_plate_holes_pocket.stl" 2>/dev/null; rc=$?
check "missing --material is a usage error (2)" "[ $rc -eq 2 ]"
"$cli" dfm --material ss316l 2>/dev/null; rc=$?
check "no part is a usage error (2)" "[ $rc -eq 2 ]"
"$cli" dfm "$src/resources/samples/a_plate_holes_pocket.stl" --material ss316l --report "$tmp/no/such/dir/r.html" >/dev/null 2>"$tmp/err"; rc=$?
check "unwritable report exits 1 naming it" "[ $rc -eq 1 ] && grep -q 'r.html' '$tmp/err'"
exit $fail
