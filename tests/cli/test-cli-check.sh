#!/bin/bash
# microcam-cli check: JSON contract keys, exit codes, and moves/lengths against LinuxCNC's rs274
# (lengths summed from its STRAIGHT_TRAVERSE / STRAIGHT_FEED / ARC_FEED canonical calls, in mm,
# in whatever plane each arc lies).
set -u
cli=${MICROCAM_CLI:?}
src=${MICROCAM_SOURCE_DIR:?}
fail=0
check() { if eval "$2"; then echo "ok - $1"; else echo "not ok - $1"; fail=1; fi; }
. "$src/tests/require-tool.sh"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
export XDG_CONFIG_HOME="$tmp/config"

# A program with everything the reader understands: G17/G18/G19 arcs by IJK and R (both signs,
# full circles, turns), G20 and G21, G91, G90.1, canned cycles with G98/G99 and L repeats.
cat >"$tmp/prog.ngc" <<'NGC'
%
O0042 (review sample)
N5 G17 G21 G40 G49 G80 G90 G94
N10 T1 M6
N15 G43 H1
N20 S60000 M3
N25 G0 X0 Y0 Z2
N30 G1 Z-0.02 F40
N35 G1 X1 F120
N40 G2 X2 Y0 I0.5 J0
N45 G3 X3 Y1 R1
N50 G3 X3 Y3 R-1 ; more than half a turn
N55 G2 X3 Y3 I0 J-0.5 P2 (two full turns)
N60 G91 G1 X-0.5 Y-0.5
N65 G2 X-0.5 Y0.5 Z-0.01 R0.5 (helical)
N70 G90 G0 Z1
N75 G18 G2 X3 Z1 I0.5 K0
N80 G19 G3 Y4 Z0.5 J0.5 K-0.25
N85 G17 G90.1 G1 Z-0.01
N90 G2 X6 Y4 I4.5 J4
N95 G91.1 G0 Z2
N100 G98 G81 X1 Y1 Z-0.3 R0.2 F30
N105 X2
N110 G99 G83 X3 Y1 Z-0.5 R0.1 Q0.12
N115 G73 X4 Y1 Z-0.45 R0.1 Q0.1
N120 G98 G82 X5 Y1 Z-0.2 R0.1 P0.2 (at R after G99: LinuxCNC goes up to Z2 on the way)
N122 G99 G81 X6 Y1 Z-0.2 R0.1
N124 G98 X7 (the last hole of a G99 run: back to Z2)
N125 G80
N130 G0 Z2
N135 G91 G81 X0.5 Y0.5 Z-0.3 R-1.8 L3
N140 G90 G80
N142 G0 Z2
N145 G20 G1 X0.1 Y0.1 Z0.05 F5
N150 G2 X0.2 Y0.1 I0.05 J0
N155 G21 G0 Z3
N160 M5
N165 M30
%
NGC

"$cli" check "$tmp/prog.ngc" --material al6061 --machine micro60k --tool "flat:d=0.2,z=2" --json >"$tmp/check.json"; rc=$?
check "check --json exits 0 on a clean program" "[ $rc -eq 0 ]"
python3 - "$tmp/check.json" <<'PY' || fail=1
import json, math, sys
d = json.load(open(sys.argv[1]))
for k in ["moves", "cut_length_mm", "rapid_length_mm", "time_s", "max_deflection_um", "min_safety_factor",
          "worst_line", "errors"]:
    assert k in d, "missing key " + k
assert d["errors"] == [], d["errors"]
assert isinstance(d["moves"], int) and d["moves"] > 50, d["moves"]
for k in ["cut_length_mm", "rapid_length_mm", "time_s", "max_deflection_um", "min_safety_factor"]:
    assert isinstance(d[k], (int, float)) and math.isfinite(d[k]) and d[k] > 0, (k, d[k])
assert isinstance(d["worst_line"], int) and 1 <= d["worst_line"] <= d["lines"], d["worst_line"]
w = d["worst_move"]
assert w["line"] == d["worst_line"] and abs(w["safety_factor"] - d["min_safety_factor"]) < 1e-6, w
assert abs(w["ae_mm"] - 0.2) < 1e-6 and w["ap_mm"] > 0 and w["deflection_um"] <= d["max_deflection_um"], w
assert d["time_s"] > (d["cut_length_mm"] / 120.0) * 60 * 0.5
print("ok - check JSON keys and values")
PY

# The same program through LinuxCNC's interpreter: same number of moves, same lengths.
if require_tool rs274 linuxcnc-uspace; then
  (cd "$tmp" && HOME="$tmp" rs274 -g prog.ngc canon.txt -t "$src/tests/data/linuxcnc/tool.tbl" \
      -i "$src/tests/data/linuxcnc/rs274.ini" >rs274.log 2>&1); rc=$?
  check "rs274 runs the sample without error" "[ $rc -eq 0 ]"
  python3 - "$tmp/canon.txt" "$tmp/check.json" <<'PY' || fail=1
import json, math, re, sys
canon = open(sys.argv[1]).read().splitlines()
d = json.load(open(sys.argv[2]))
scale = 1.0
plane = "XY"
pos = [0.0, 0.0, 0.0]
cut = rapid = 0.0
moves = 0
# ARC_FEED(first_end, second_end, first_axis, second_axis, rotation, axis_end, ...): axes per plane
axes = {"XY": (0, 1, 2), "XZ": (2, 0, 1), "YZ": (1, 2, 0)}
num = r"(-?[0-9.]+)"
for line in canon:
    if "USE_LENGTH_UNITS(CANON_UNITS_INCHES)" in line: scale = 25.4
    elif "USE_LENGTH_UNITS(CANON_UNITS_MM)" in line: scale = 1.0
    m = re.search(r"SELECT_PLANE\(CANON_PLANE_(\w+)\)", line)
    if m: plane = m.group(1)
    m = re.search(r"(STRAIGHT_TRAVERSE|STRAIGHT_FEED)\(" + ", ".join([num] * 3), line)
    if m:
        p = [float(m.group(i)) * scale for i in (2, 3, 4)]
        l = math.dist(p, pos)
        if m.group(1) == "STRAIGHT_TRAVERSE": rapid += l
        else: cut += l
        pos = p; moves += 1
        continue
    m = re.search(r"ARC_FEED\(" + ", ".join([num] * 4) + r", (-?\d+), " + num, line)
    if m:
        e1, e2, c1, c2 = (float(m.group(i)) * scale for i in (1, 2, 3, 4))
        rot = int(m.group(5)); e3 = float(m.group(6)) * scale
        a0, a1, a2 = axes[plane]
        s1, s2, s3 = pos[a0], pos[a1], pos[a2]
        t0 = math.atan2(s2 - c2, s1 - c1); t1 = math.atan2(e2 - c2, e1 - c1)
        sweep = t1 - t0
        if rot > 0:
            while sweep <= 1e-12: sweep += 2 * math.pi
            sweep += 2 * math.pi * (rot - 1)
        else:
            while sweep >= -1e-12: sweep -= 2 * math.pi
            sweep -= 2 * math.pi * (-rot - 1)
        r = math.hypot(s1 - c1, s2 - c2)
        cut += math.hypot(abs(sweep) * r, e3 - s3)
        p = [0.0] * 3; p[a0], p[a1], p[a2] = e1, e2, e3
        pos = p; moves += 1
assert moves == d["moves"], ("moves", moves, d["moves"])
# rs274 prints 4 decimals: allow 1e-4 per move, and 1.3e-5 relative for the G18/G19 chords
tol_cut = 1e-4 * moves + 1.3e-5 * cut
assert abs(cut - d["cut_length_mm"]) < tol_cut, ("cut", cut, d["cut_length_mm"])
assert abs(rapid - d["rapid_length_mm"]) < 1e-4 * moves, ("rapid", rapid, d["rapid_length_mm"])
print("ok - moves %d, cut %.4f mm, rapid %.4f mm match rs274" % (moves, cut, rapid))
PY
  # 60 random programs (fixed seeds) through both: cycles switching G98/G99, arcs in every plane
  python3 "$src/tests/cli/check-vs-rs274.py" "$cli" "$src" "$tmp" 60 || fail=1
fi

# A program microcam planned, read back: the same cut length as the plan; per tool, the review
# (full-slot assumption) is never more optimistic than the planner's engagement from the stock.
if "$cli" plan "$src/resources/samples/a_plate_holes_pocket.stl" --material al6061 --machine micro60k \
     -o "$tmp/job.json" --ngc "$tmp/plan.ngc" --json >"$tmp/plan.json" 2>/dev/null; then
  python3 - "$cli" "$tmp" <<'PY' || fail=1
import json, subprocess, sys
cli, tmp = sys.argv[1], sys.argv[2]
plan = json.load(open(tmp + "/plan.json"))
def check(*extra):
    out = subprocess.run([cli, "check", tmp + "/plan.ngc", "--material", "al6061", "--machine", "micro60k",
                          "--json"] + list(extra), capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)
ops = plan["operations"]
d = check("--tool", ops[0]["tool"])
assert d["errors"] == [], d["errors"]
assert abs(d["cut_length_mm"] - plan["cut_length_mm"]) < 0.01, (d["cut_length_mm"], plan["cut_length_mm"])
assert len(d["tools"]) == len({o["tool"] for o in ops}), d["tools"]
assert any("the same tool" in f["message"] or "tools" in f["message"] for f in d["findings"]), d["findings"]
if len({o["tool"] for o in ops}) == len(ops):
    # every tool with its own spec in one run (T n = operation n here), and one at a time
    args = []
    for n, op in enumerate(ops, start=1):
        args += ["--tool", "%d=%s" % (n, op["tool"])]
    all_tools = check(*args)
    assert all_tools["other_tool_moves"] == 0, all_tools
    for n, op in enumerate(ops, start=1):
        if op["kind"] not in ("pocket", "profile", "face"):
            continue
        r = check("--tool", op["tool"], "--tool-number", str(n))
        t = all_tools["tools"][n - 1]
        assert t["number"] == n and t["evaluated_moves"] == r["evaluated_moves"] > 0, (t, r["evaluated_moves"])
        assert abs(t["min_safety_factor"] - r["min_safety_factor"]) < 1e-9, (t, r["min_safety_factor"])
        assert r["other_tool_moves"] > 0
        # within 3 %: the review measures ae on its stock cells (± a cell), and at light radial
        # cuts the helical flutes' peak force follows the arc in cut closely (cam_force_helix_factor)
        assert r["min_safety_factor"] <= op["min_safety_factor"] * 1.03, (n, r["min_safety_factor"], op["min_safety_factor"])
        assert r["max_deflection_um"] >= op["max_deflection_um"] * 0.97, (n, r["max_deflection_um"], op["max_deflection_um"])
    assert all_tools["min_safety_factor"] == min(t["min_safety_factor"] for t in all_tools["tools"])
print("ok - a planned program checks to the plan's cut length; the review bounds the planner's physics")
PY
else
  echo "not ok - microcam-cli plan failed on the sample: no program to read back"; fail=1
fi

# Errors name the line (an unknown G-code is one, as in rs274); ignored axes are warnings; the
# review still prints; exit 1.
printf 'G21 G90\nG0 X1 Y0 Z1\nG2 X1 Y0 R1 F50\nG1 X2 Y0 Z-0.01 F50 A3\nG66 X3\nM30\n' >"$tmp/bad.ngc"
"$cli" check "$tmp/bad.ngc" --material al6061 --machine micro60k --tool "flat:d=0.2" --json >"$tmp/bad.json"; rc=$?
check "program with an error exits 1" "[ $rc -eq 1 ]"
python3 - "$tmp/bad.json" <<'PY' || fail=1
import json, sys
d = json.load(open(sys.argv[1]))
assert [e["line"] for e in d["errors"]] == [3, 5], d["errors"]
assert "full circle" in d["errors"][0]["message"]
assert "G66" in d["errors"][1]["message"]
assert sorted(w["line"] for w in d["warnings"]) == [4], d["warnings"]
assert d["moves"] == 2, d["moves"]
print("ok - errors and warnings carry their lines")
PY

"$cli" check "$tmp/nonexistent.ngc" --material al6061 --machine micro60k --tool "flat:d=0.2" >/dev/null 2>"$tmp/err.txt"; rc=$?
check "missing file exits 1 naming it" "[ $rc -eq 1 ] && grep -q nonexistent.ngc '$tmp/err.txt'"
"$cli" check "$tmp/prog.ngc" --material al6061 --machine micro60k >/dev/null 2>&1; rc=$?
check "no tool (and none in the program's header) is a usage error (2)" "[ $rc -eq 2 ]"
"$cli" check "$tmp/prog.ngc" --material nosuch --machine micro60k --tool "flat:d=0.2" >/dev/null 2>&1; rc=$?
check "unknown material exits 1" "[ $rc -eq 1 ]"
"$cli" check "$tmp/prog.ngc" --material al6061 --machine micro60k --tool "flat:d=0.2,z=2" >"$tmp/text.txt"; rc=$?
check "text output names the worst line" "[ $rc -eq 0 ] && grep -q 'min safety' '$tmp/text.txt'"
# The planner's own program for the plate in 316L: Ø0.2 through holes in a 2 mm plate, drilled
# to Z-2.056 (point and breakthrough). With the stock's bottom given (or the header's stock box),
# they are judged as the planner and DFM judge them (10×D at full diameter: drilling), without it
# (--stock-top alone: not the header's box) on the travel less the point (10.1×D: micro-EDM
# advised); a bottom above the top is a usage error.
"$cli" plan "$src/resources/samples/a_plate_holes_pocket.stl" --material ss316l --machine micro60k \
  -o "$tmp/ss.json" --ngc "$tmp/ss.ngc" >/dev/null 2>&1
"$cli" check "$tmp/ss.ngc" --material ss316l --machine micro60k --tool-id drill-0.2-long --stock-bottom -2 \
  >"$tmp/ss-bottom.txt" 2>&1
"$cli" check "$tmp/ss.ngc" --material ss316l --machine micro60k --tool-id drill-0.2-long >"$tmp/ss-header.txt" 2>&1
"$cli" check "$tmp/ss.ngc" --material ss316l --machine micro60k --tool-id drill-0.2-long --stock-top 0 \
  >"$tmp/ss-nobottom.txt" 2>&1
check "check --stock-bottom: the planner's holes get no micro-EDM advice" "! grep -q 'use micro-edm' '$tmp/ss-bottom.txt'"
check "check without the stock bottom: judged on the travel, micro-EDM advised" "grep -q 'use micro-edm' '$tmp/ss-nobottom.txt'"
check "check with the header's stock box: its bottom counts, no micro-EDM advice" "! grep -q 'use micro-edm' '$tmp/ss-header.txt'"
"$cli" check "$tmp/ss.ngc" --material ss316l --machine micro60k --tool-id drill-0.2-long --stock-bottom 1 \
  >/dev/null 2>"$tmp/ss-err.txt"; rc=$?
check "check --stock-bottom above the top: usage error naming it" "[ $rc -eq 2 ] && grep -q 'stock-bottom' '$tmp/ss-err.txt'"

# A program microcam planned names its tools in its header, "(T2: drill-0.2-long …)": check needs no
# tool option for it, and gives what the same tools named with --tool-id give; an explicit option
# still wins for its T number; a header id not in the library is named, its moves left unreviewed.
"$cli" check "$tmp/ss.ngc" --material ss316l --machine micro60k --stock-bottom -2 --json \
  >"$tmp/ss-header.json" 2>"$tmp/ss-header.err"; rc=$?
check "check of a planned program with no tool options exits 0" "[ $rc -eq 0 ] && [ ! -s '$tmp/ss-header.err' ]"
ids=$(sed -n 's/^(T\([0-9]*\): \([^ )]*\).*/--tool-id \1=\2/p' "$tmp/ss.ngc")
check "the planned program's header names its tools" "[ -n \"\$ids\" ]"
# shellcheck disable=SC2086
"$cli" check "$tmp/ss.ngc" --material ss316l --machine micro60k --stock-bottom -2 --json $ids \
  >"$tmp/ss-explicit.json" 2>/dev/null
check "header tools review as the same --tool-id options" "cmp -s '$tmp/ss-header.json' '$tmp/ss-explicit.json'"
python3 - "$tmp/ss-header.json" <<'PY' || fail=1
import json, sys
d = json.load(open(sys.argv[1]))
assert d["other_tool_moves"] == 0 and d["evaluated_moves"] > 0, d
assert len(d["tools"]) >= 2 and all(t["tool"] is not None and t["evaluated_moves"] > 0 for t in d["tools"]), d["tools"]
print("ok - every tool of the planned program reviewed with its header tool")
PY
"$cli" check "$tmp/ss.ngc" --material ss316l --machine micro60k --stock-bottom -2 --json --tool-id 1=em-flat-1 \
  >"$tmp/ss-one.json" 2>/dev/null
check "an explicit --tool-id wins over the header" \
  "python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d[\"tools\"][0][\"tool\"] == \"em-flat-1\"' '$tmp/ss-one.json'"
sed 's/^(T2: [^ )]*/(T2: no-such-tool/' "$tmp/ss.ngc" >"$tmp/ss-unknown.ngc"
"$cli" check "$tmp/ss-unknown.ngc" --material ss316l --machine micro60k --json >"$tmp/ss-unknown.json" \
  2>"$tmp/ss-unknown.err"; rc=$?
check "a header tool not in the library is named, its moves not reviewed" \
  "[ $rc -eq 0 ] && grep -q \"ss-unknown.ngc:[0-9]*: header tool T2 'no-such-tool' is not in the library\" '$tmp/ss-unknown.err' \
   && python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d[\"tools\"][1][\"tool\"] is None and d[\"other_tool_moves\"] > 0' '$tmp/ss-unknown.json'"

exit $fail
