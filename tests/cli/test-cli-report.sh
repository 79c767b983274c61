#!/bin/bash
# microcam-cli report: the process sheet of a planned job names every operation with its tool, the
# recommended feed and its binding limit in words, deflection, safety, finish, time, a top-view SVG
# per operation, the set-up (work zero, stock, coolant, drilling Q), a picture of the part (a note
# when the part file is missing) and the part's DFM findings; bad input and usage exit 1 and 2.
set -u
cli=${MICROCAM_CLI:?}; src=${MICROCAM_SOURCE_DIR:?}
fail=0
check() { if eval "$2"; then echo "ok - $1"; else echo "not ok - $1"; fail=1; fi; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
part="$src/resources/samples/a_plate_holes_pocket.stl"

"$cli" plan "$part" --material ss316l --machine micro60k -o "$tmp/job.json" --json >"$tmp/plan.json"
"$cli" report "$tmp/job.json" -o "$tmp/report.html" 2>/dev/null; rc=$?
check "report exits 0 and writes HTML" "[ $rc -eq 0 ] && grep -q '<!DOCTYPE html>' '$tmp/report.html'"
python3 - "$tmp/plan.json" "$tmp/report.html" "$tmp/job.json" <<'PY' || fail=1
import json, re, sys
plan = json.load(open(sys.argv[1]))
html = open(sys.argv[2], encoding="utf-8").read()
job = json.load(open(sys.argv[3]))
ops = plan["operations"]
words = {"spot": "spot drilling", "drill": "drilling", "peck": "peck drilling", "pocket": "pocket milling",
         "profile": "profile milling", "face": "facing", "helix": "helical milling of a hole"}
for op in ops:
    assert "<h2>%s — %s</h2>" % (op["id"], words[op["kind"]]) in html, op["id"]
# the binding limit in words (cam_limit_describe's name), never its JSON identifier
limits = re.findall(r"class='limit'><b>([^<]+)</b>", html)
assert len(limits) == len(ops), limits
assert all("_" not in l for l in limits), limits
assert "spindle_max_rpm" not in html and "machine_max_feed" not in html
# one top view per operation and the picture of the part
assert html.count("<svg") == len(ops) + 1, html.count("<svg")
assert html.count("<svg class='part-picture'") == 1
for word in ["Ploughing margin", "Largest tool deflection", "Smallest safety factor", "Predicted Ra", "Cycle time",
             "316L", "Design for manufacture", "data-rule='hole-peck'", "id='work-zero'", "id='stock'",
             "<td class='coolant'>", "Not machined"]:
    assert word in html, word
# every peck operation's Q, as its canned cycles in the job program it
pecks = 0
for op in job["operations"]:
    qs = [m[5] for m in op.get("toolpath", {}).get("moves", []) if m[0] in ("G83", "G73")]
    if op["kind"] == "peck" and qs:
        pecks += 1
        row = html[html.index("id='drill-%s'" % op["id"]):]
        assert ("Q %.4f mm" % min(qs)) in row[:row.index("</tr>")], op["id"]
assert pecks > 0
assert "<script" not in html and "http://" not in html.replace("http://www.w3.org/2000/svg", "")
print("ok - every operation, its binding limit in words, physics, set-up, drilling Q, the part's picture and the DFM findings are in the sheet")
PY
# the part file gone: the sheet says so instead of the picture, and still gets written
sed "s|$part|$tmp/gone.stl|" "$tmp/job.json" >"$tmp/gone.json"
"$cli" report "$tmp/gone.json" -o "$tmp/gone.html" 2>"$tmp/err"; rc=$?
check "a missing part is a note, not an error" "[ $rc -eq 0 ] && grep -q 'gone.stl is missing' '$tmp/err' && grep -q \"id='no-picture'\" '$tmp/gone.html' && ! grep -q part-picture '$tmp/gone.html'"
"$cli" report "$tmp/job.json" -o /nonexistent/dir/r.html 2>"$tmp/err"; rc=$?
check "unwritable path exits 1 and is named" "[ $rc -eq 1 ] && grep -q /nonexistent/dir/r.html '$tmp/err'"
printf '{"format":"something-else"}' >"$tmp/bad.json"
"$cli" report "$tmp/bad.json" -o "$tmp/b.html" 2>"$tmp/err"; rc=$?
check "not a job exits 1 naming the file" "[ $rc -eq 1 ] && grep -q bad.json '$tmp/err'"
"$cli" report "$tmp/job.json" 2>/dev/null; rc=$?
check "missing -o is a usage error (2)" "[ $rc -eq 2 ]"
exit $fail
