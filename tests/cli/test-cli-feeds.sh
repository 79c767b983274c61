#!/bin/bash
# microcam-cli feeds / materials / tools / machines: JSON contract keys, values, exit codes 0/1/2.
set -u
cli=${MICROCAM_CLI:?}
fail=0
check() { if eval "$2"; then echo "ok - $1"; else echo "not ok - $1"; fail=1; fi; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
export XDG_CONFIG_HOME="$tmp/config"   # no user overlay unless a test writes one

"$cli" feeds --material ss316l --machine micro60k --tool "flat:d=0.2,z=2" --op slot --ap 0.02 --json >"$tmp/slot.json"; rc=$?
check "feeds slot --json exits 0" "[ $rc -eq 0 ]"
python3 - "$tmp/slot.json" <<'PY' || fail=1
import json, math, sys
d = json.load(open(sys.argv[1]))
keys = ["rpm", "vc_m_min", "fz_mm", "feed_mm_min", "plunge_mm_min", "h_max_mm", "h_min_mm", "force_n",
        "torque_nmm", "power_w", "deflection_um", "stress_mpa", "safety_factor", "ra_um", "rt_um"]
for k in keys:
    assert k in d, "missing key " + k
    assert isinstance(d[k], (int, float)) and math.isfinite(d[k]) and d[k] >= 0, (k, d[k])
assert d["binding_limit"] in ["spindle_max_rpm", "deflection", "breakage", "ploughing", "power",
                              "machine_max_feed", "material"], d["binding_limit"]
assert isinstance(d["warnings"], list)
# Ø0.2 in 316L wants ~143,000 rpm: capped at 60,000 and the feed follows: vf = n·z·fz.
assert d["rpm"] == 60000, d["rpm"]
assert abs(d["feed_mm_min"] - d["rpm"] * 2 * d["fz_mm"]) < 1e-6 * d["feed_mm_min"]
assert abs(d["vc_m_min"] - math.pi * 0.2 * 60000 / 1000) < 1e-9
assert d["h_max_mm"] >= d["h_min_mm"]
print("ok - feeds JSON keys and values")
PY

"$cli" feeds --material ss316l --machine micro60k --tool-id drill-0.1 --op drill --depth 0.8 --json >"$tmp/drill.json"; rc=$?
check "feeds drill --json exits 0" "[ $rc -eq 0 ]"
python3 - "$tmp/drill.json" <<'PY' || fail=1
import json, sys
d = json.load(open(sys.argv[1]))
assert d["cycle"] in ["G81", "G83", "G73"], d["cycle"]
assert d["cycle"] == "G83", d["cycle"]          # 8×D with a Ø0.1 drill
assert isinstance(d["pecks"], list) and len(d["pecks"]) > 2
assert abs(sum(d["pecks"]) - 0.8) < 1e-9, sum(d["pecks"])
assert all(b <= a + 1e-12 for a, b in zip(d["pecks"][:-2], d["pecks"][1:-1])), d["pecks"]
assert d["process"] == "micro-drill", d["process"]
print("ok - drill JSON: cycle, pecks, process")
PY

"$cli" feeds --material h13-50hrc --machine micro60k --tool-id drill-0.2 --op drill --depth 0.6 --json >"$tmp/hard.json"
check "hardened steel Ø0.2 hole → micro-edm" "python3 -c 'import json,sys; assert json.load(open(\"$tmp/hard.json\"))[\"process\"] == \"micro-edm\"'"

# The drill's deflection names the model that applied: seated in the spot the engine prescribes
# (Ø0.2 micro drill) the runout bends it; a stubby Ø2 drill in 6061 needs no spot and walks.
"$cli" feeds --material ss316l --machine micro60k --tool-id drill-0.2-long --op drill --depth 2 --json >"$tmp/seated.json"
"$cli" feeds --material ss316l --machine micro60k --tool-id drill-0.2-long --op drill --depth 2 >"$tmp/seated.txt"
"$cli" feeds --material al6061 --machine std24k --tool drill:d=2,loc=6 --op drill --depth 4 --json >"$tmp/walks.json"
"$cli" feeds --material al6061 --machine std24k --tool drill:d=2,loc=6 --op drill --depth 4 >"$tmp/walks.txt"
python3 - "$tmp/seated.json" "$tmp/walks.json" <<'PY' || fail=1
import json, sys
s, w = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
for d in (s, w):   # the existing drill keys stay
    for k in ["deflection_um", "cycle", "pecks", "process", "spot_first", "thrust_n", "buckling_safety_factor"]:
        assert k in d, "missing key " + k
assert s["entry_model"] == "seated" and s["deflection_cause"] == "runout", s
assert abs(s["deflection_um"] - 0.5) < 1e-9, s["deflection_um"]   # micro60k TIR 1 µm / 2
assert w["entry_model"] == "walking" and w["deflection_cause"] == "lip-imbalance", w
print("ok - drill JSON: entry_model, deflection_cause")
PY
check "seated drill: deflection text says runout" "grep -q 'deflection .*at entry (runout: seated in the spot' '$tmp/seated.txt' && ! grep -q 'lip imbalance' '$tmp/seated.txt'"
check "walking drill: deflection text says lip imbalance" "grep -q 'deflection .*at entry (lip imbalance: no spot' '$tmp/walks.txt'"

# What-if: a given fz and rpm are evaluated, not replaced.
"$cli" feeds --material al6061 --machine std24k --tool-id em-flat-1 --op side --ap 0.5 --ae 0.1 --fz 0.005 --rpm 20000 --json >"$tmp/whatif.json"; rc=$?
check "what-if exits 0" "[ $rc -eq 0 ]"
check "what-if keeps fz and rpm" "python3 -c 'import json; d=json.load(open(\"$tmp/whatif.json\")); assert d[\"fz_mm\"] == 0.005 and d[\"rpm\"] == 20000 and abs(d[\"feed_mm_min\"] - 200) < 1e-9'"

# Tighter deflection allowance → slower feed.
"$cli" feeds --material al6061 --machine micro60k --tool-id em-flat-0.5-r3 --op side --ap 0.05 --ae 0.05 --max-deflection 3 --json >"$tmp/d3.json"
"$cli" feeds --material al6061 --machine micro60k --tool-id em-flat-0.5-r3 --op side --ap 0.05 --ae 0.05 --max-deflection 4 --json >"$tmp/d4.json"
check "deflection binds and a looser allowance feeds faster" "python3 -c 'import json; a=json.load(open(\"$tmp/d3.json\")); b=json.load(open(\"$tmp/d4.json\")); assert a[\"binding_limit\"] == \"deflection\" and abs(a[\"deflection_um\"] - 3) < 0.01 and b[\"feed_mm_min\"] > a[\"feed_mm_min\"]'"

"$cli" feeds --material ti6al4v --machine micro60k --tool-id em-flat-0.2-r1 --op side --json >"$tmp/plain.json"
"$cli" feeds --material ti6al4v --machine micro60k --tool-id em-flat-0.2-r1 --op side --optimise-ap --optimise-ae --json >"$tmp/opt.json"; rc=$?
check "--optimise-ap/--optimise-ae never lose removal rate" "[ $rc -eq 0 ] && python3 -c 'import json; a=json.load(open(\"$tmp/plain.json\")); b=json.load(open(\"$tmp/opt.json\")); assert b[\"mrr_mm3_min\"] >= a[\"mrr_mm3_min\"] * (1 - 1e-9), (a[\"mrr_mm3_min\"], b[\"mrr_mm3_min\"])'"

"$cli" feeds --material ss316l --machine micro60k --tool-id em-flat-1 --op slot >"$tmp/text"; rc=$?
check "text output exits 0 and names the binding limit" "[ $rc -eq 0 ] && grep -q 'binding limit' '$tmp/text' && grep -q 'rpm' '$tmp/text'"

# Bad input: exit 1 with a message.
bad() { "$cli" feeds "$@" 2>"$tmp/err" >/dev/null; echo $?; }
check "negative diameter exits 1" "[ \$(bad --material ss316l --machine micro60k --tool flat:d=-1 --op slot) -eq 1 ] && grep -q \"'d'\" '$tmp/err'"
check "zero flutes exits 1" "[ \$(bad --material ss316l --machine micro60k --tool flat:d=1,z=0 --op slot) -eq 1 ] && grep -q \"'z'\" '$tmp/err'"
check "unknown material exits 1" "[ \$(bad --material unobtainium --machine micro60k --tool-id em-flat-1 --op slot) -eq 1 ] && grep -q unobtainium '$tmp/err'"
check "unknown machine exits 1" "[ \$(bad --material ss316l --machine nope --tool-id em-flat-1 --op slot) -eq 1 ] && grep -q nope '$tmp/err'"
check "unknown tool id exits 1" "[ \$(bad --material ss316l --machine micro60k --tool-id nope --op slot) -eq 1 ]"
check "ap beyond the length of cut exits 1" "[ \$(bad --material ss316l --machine micro60k --tool-id em-flat-1 --op slot --ap 3) -eq 1 ] && grep -q 'length of cut' '$tmp/err'"
check "bad tool kind exits 1" "[ \$(bad --material ss316l --machine micro60k --tool hex:d=1 --op slot) -eq 1 ]"
check "drilling with an end mill exits 1" "[ \$(bad --material ss316l --machine micro60k --tool-id em-flat-1 --op drill) -eq 1 ]"
# Bad usage: exit 2.
check "missing --material is usage (2)" "[ \$(bad --machine micro60k --tool-id em-flat-1 --op slot) -eq 2 ]"
check "both --tool and --tool-id is usage (2)" "[ \$(bad --material ss316l --machine micro60k --tool flat:d=1 --tool-id em-flat-1 --op slot) -eq 2 ]"
check "unknown --op is usage (2)" "[ \$(bad --material ss316l --machine micro60k --tool-id em-flat-1 --op mill) -eq 2 ]"
check "unknown option is usage (2)" "[ \$(bad --material ss316l --bogus) -eq 2 ]"

# Listings, and a user overlay with a malformed entry: warning names file, entry and field.
"$cli" materials --json >"$tmp/mats.json"; rc=$?
check "materials --json lists every required id" "[ $rc -eq 0 ] && python3 -c 'import json; ids={m[\"id\"] for m in json.load(open(\"$tmp/mats.json\"))[\"materials\"]}; assert {\"ss316l\",\"ti6al4v\",\"h13-50hrc\",\"h13-annealed\",\"cu-c110\",\"al6061\",\"peek\",\"pom\",\"ptfe\"} <= ids, ids'"
"$cli" machines --json >"$tmp/machines.json"
check "machines: micro60k 60000 rpm, std24k 24000 rpm" "python3 -c 'import json; m={x[\"id\"]: x for x in json.load(open(\"$tmp/machines.json\"))[\"machines\"]}; assert m[\"micro60k\"][\"rpm_max\"] == 60000 and m[\"std24k\"][\"rpm_max\"] == 24000'"
"$cli" tools >"$tmp/tools.txt"
check "tools lists em-flat-0.05 and drill-3" "grep -q em-flat-0.05 '$tmp/tools.txt' && grep -q drill-3 '$tmp/tools.txt'"
mkdir -p "$tmp/config/microcam/tools"
printf '{"tools": [{"id": "shop-1", "kind": "flat", "d": 0.4}, {"id": "shop-2", "kind": "flat", "d": 0.4, "z": 0}]}' \
  >"$tmp/config/microcam/tools/shop.json"
"$cli" feeds --material al6061 --machine micro60k --tool-id shop-1 --op slot --json >"$tmp/shop.json" 2>"$tmp/err"; rc=$?
check "a user tool is usable by id" "[ $rc -eq 0 ]"
check "the malformed user entry is named with file and field" "grep -q 'shop.json' '$tmp/err' && grep -q 'shop-2' '$tmp/err' && grep -q \"'z'\" '$tmp/err'"
exit $fail
