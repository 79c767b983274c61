#!/bin/bash
# microcam-cli report: the process sheet of a planned job names every operation with its tool, the
# recommended feed and its binding limit in words, deflection, safety, finish, time, a top-view SVG
# per operation and the part's DFM findings; bad input and usage exit 1 and 2.
set -u
cli=${MICROCAM_CLI:?}; src=${MICROCAM_SOURCE_DIR:?}
fail=0
check() { if eval "$2"; then echo "ok - $1"; else echo "not ok - $1"; fail=1; fi; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
part="$src/resources/samples/a_plate_holes_pocket.stl"

"$cli" plan "$part" --material ss316l --machine micro60k -o "$tmp/job.json" --json >"$tmp/plan.json"
"$cli" report "$tmp/job.json" -o "$tmp/report.html" 2>/dev/null; rc=$?
check "report exits 0 and writes HTML" "[ $rc -eq 0 ] && grep -q '<!DOCTYPE html>' '$tmp/report.html'"
python3 - "$tmp/plan.json" "$tmp/report.html" <<'PY' || fail=1
import json, re, sys
plan = json.load(open(sys.argv[1]))
html = open(sys.argv[2], encoding="utf-8").read()
ops = plan["operations"]
for op in ops:
    assert "<h2>%s — %s</h2>" % (op["id"], op["kind"]) in html, op["id"]
limits = re.findall(r"class='limit'><b>([a-z_]+)</b>", html)
assert len(limits) == len(ops), limits
assert set(limits) <= {"spindle_max_rpm", "deflection", "breakage", "ploughing", "power", "machine_max_feed", "material"}
assert html.count("<svg") == len(ops), html.count("<svg")
for word in ["Ploughing margin", "Max deflection", "Min safety factor", "Predicted Ra", "Cycle time",
             "316L", "Design for manufacture", "hole-peck"]:
    assert word in html, word
assert "<script" not in html and "http://" not in html.replace("http://www.w3.org/2000/svg", "")
print("ok - every operation, its binding limit, physics, SVG and the DFM findings are in the sheet")
PY
"$cli" report "$tmp/job.json" -o /nonexistent/dir/r.html 2>"$tmp/err"; rc=$?
check "unwritable path exits 1 and is named" "[ $rc -eq 1 ] && grep -q /nonexistent/dir/r.html '$tmp/err'"
printf '{"format":"something-else"}' >"$tmp/bad.json"
"$cli" report "$tmp/bad.json" -o "$tmp/b.html" 2>"$tmp/err"; rc=$?
check "not a job exits 1 naming the file" "[ $rc -eq 1 ] && grep -q bad.json '$tmp/err'"
"$cli" report "$tmp/job.json" 2>/dev/null; rc=$?
check "missing -o is a usage error (2)" "[ $rc -eq 2 ]"
exit $fail
