#!/bin/bash
# microcam-cli plan: JSON contract keys, job file, LinuxCNC program through rs274, origins, exit codes.
set -u
cli=${MICROCAM_CLI:?}; src=${MICROCAM_SOURCE_DIR:?}
fail=0
check() { if eval "$2"; then echo "ok - $1"; else echo "not ok - $1"; fail=1; fi; }
. "$src/tests/require-tool.sh"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
part="$src/resources/samples/a_plate_holes_pocket.stl"

"$cli" plan "$part" --material al6061 --machine micro60k --stock-margin 0.2 \
  -o "$tmp/job.json" --ngc "$tmp/a.ngc" --json >"$tmp/out.json"; rc=$?
check "plan --json exits 0" "[ $rc -eq 0 ]"
python3 - "$tmp/out.json" "$tmp/job.json" <<'PY' || fail=1
import json, sys
d = json.load(open(sys.argv[1]))
for k in ["operations", "cycle_time_s", "cut_length_mm", "rapid_length_mm", "unreachable"]:
    assert k in d, "missing key " + k
kinds = {"spot", "drill", "peck", "pocket", "profile", "face", "helix"}
assert d["operations"], "no operations"
for op in d["operations"]:
    for k in ["id", "kind", "tool", "moves", "cut_length_mm", "time_s", "max_deflection_um", "min_safety_factor"]:
        assert k in op, ("operation key", k, op)
    assert op["kind"] in kinds, op["kind"]
    assert ":" in op["tool"] and "d=" in op["tool"], op["tool"]  # a tool spec string
    assert op["moves"] > 0
assert {o["kind"] for o in d["operations"]} >= {"face", "pocket", "profile"}, d["operations"]
assert d["cycle_time_s"] > 0 and d["cut_length_mm"] > 0 and d["rapid_length_mm"] > 0
for u in d["unreachable"]:
    assert u["reason"], u
job = json.load(open(sys.argv[2]))
assert job["format"] == "microcam-job" and job["version"] == 1
assert len(job["operations"]) == len(d["operations"])
assert all(op["toolpath"]["moves"] for op in job["operations"])
print("ok - plan --json keys, job file")
PY
# Per-operation statistics (one pass, cam_toolpath_stats_by_op) add up to the program's; the
# plate's 10×D holes in 316L are peck-drilled without any micro-EDM advice (DFM agrees). (The disk
# sample takes 6–9 s to plan, 45 s under ASan: its plan --json was compared by hand, byte-identical.)
for s in a_plate_holes_pocket; do
  "$cli" plan "$src/resources/samples/$s.stl" --material ss316l --machine micro60k -o "$tmp/$s.json" --json >"$tmp/$s.out"
  python3 - "$tmp/$s.out" <<'PY' || fail=1
import json, sys
d = json.load(open(sys.argv[1]))
ops = d["operations"]
assert abs(sum(o["cut_length_mm"] for o in ops) - d["cut_length_mm"]) <= 1e-9 * d["cut_length_mm"]
assert abs(sum(o["time_s"] for o in ops) - d["cycle_time_s"]) <= 1e-9 * d["cycle_time_s"]
assert min(o["min_safety_factor"] for o in ops) == d["min_safety_factor"]
assert max(o["max_deflection_um"] for o in ops) == d["max_deflection_um"]
assert not any("micro-edm" in w for o in ops for w in o["warnings"]), [o["warnings"] for o in ops]
print("ok - " + sys.argv[1].rsplit("/", 1)[-1] + ": operations add up to the program, no micro-EDM advice")
PY
done

check "G-code has the safe start, tool change and end" \
  "grep -q '^G17 G21 G40 G49 G80 G90 G94$' '$tmp/a.ngc' && grep -q '^T1 M6$' '$tmp/a.ngc' && grep -q '^G43 H1$' '$tmp/a.ngc' && tail -1 '$tmp/a.ngc' | grep -q '^M30$'"
check "G-code header names part, material, machine, cycle time" \
  "grep -q '(part: a_plate_holes_pocket.stl)' '$tmp/a.ngc' && grep -q '(material: al6061' '$tmp/a.ngc' && grep -q '(machine: micro60k' '$tmp/a.ngc' && grep -q 'cycle time' '$tmp/a.ngc'"
if require_tool rs274 linuxcnc-uspace; then
  (cd "$tmp" && HOME="$tmp" rs274 -g a.ngc canon.txt -t "$src/tests/data/linuxcnc/tool.tbl" -i "$src/tests/data/linuxcnc/rs274.ini" >rs.out 2>&1); rc=$?
  check "rs274 runs the program with zero errors" "[ $rc -eq 0 ] && grep -q STRAIGHT_FEED '$tmp/canon.txt' && grep -q ARC_FEED '$tmp/canon.txt'"
fi

# origins: model (default) keeps the model's X0 Y0; center puts it in the middle of the stock
"$cli" plan "$part" --material al6061 --machine micro60k --origin center -o "$tmp/c.json" --ngc "$tmp/c.ngc" >/dev/null; rc=$?
check "plan --origin center exits 0" "[ $rc -eq 0 ]"
"$cli" plan "$part" --material al6061 --machine micro60k -o "$tmp/m.json" --ngc "$tmp/m.ngc" >/dev/null
python3 - "$tmp/m.json" "$tmp/c.json" "$tmp/m.ngc" "$tmp/c.ngc" <<'PY' || fail=1
import json, re, sys
m, c = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
assert m["origin"] == "model" and m["work_offset"][:2] == [0, 0], m["work_offset"]
assert c["origin"] == "center" and abs(c["work_offset"][0] - 5) < 1e-9 and abs(c["work_offset"][1] - 5) < 1e-9
assert abs(m["work_offset"][2] - m["stock"]["max"][2]) < 1e-9, "Z0 is the stock top"
def xs(path):
    code = [l for l in open(path) if not l.startswith("(")]
    return [float(v) for l in code for v in re.findall(r"X(-?[0-9.]+)", l)]
xm, xc = xs(sys.argv[3])[1:], xs(sys.argv[4])[1:]   # [0] is the safe move over the work zero
assert abs(max(xm) - 5 - max(xc)) < 2e-4 and abs(min(xm) - 5 - min(xc)) < 2e-4, "X shifted by the origin"
print("ok - origin center shifts the program by the stock centre")
PY

"$cli" plan "$part" --material al6061 --machine micro60k 2>"$tmp/err"; rc=$?
check "missing -o exits 2" "[ $rc -eq 2 ]"
"$cli" plan "$part" --material al6061 --machine micro60k --origin nowhere -o "$tmp/x.json" 2>"$tmp/err"; rc=$?
check "bad --origin exits 2" "[ $rc -eq 2 ] && grep -q nowhere '$tmp/err'"
"$cli" plan "$part" --material unobtainium --machine micro60k -o "$tmp/x.json" 2>"$tmp/err"; rc=$?
check "unknown material exits 1" "[ $rc -eq 1 ] && grep -q unobtainium '$tmp/err'"
"$cli" plan "$tmp/none.stl" --material al6061 --machine micro60k -o "$tmp/x.json" 2>"$tmp/err"; rc=$?
check "missing part exits 1 naming it" "[ $rc -eq 1 ] && grep -q none.stl '$tmp/err'"
echo keep >"$tmp/keep.ngc"
"$cli" plan "$part" --material al6061 --machine micro60k -o "$tmp/no/such/dir/x.json" 2>"$tmp/err"; rc=$?
check "unwritable job path exits 1 naming it" "[ $rc -eq 1 ] && grep -q 'no/such/dir/x.json' '$tmp/err'"
exit $fail
