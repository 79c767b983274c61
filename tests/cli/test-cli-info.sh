#!/bin/bash
# microcam-cli info: JSON contract keys, values on a sample part, exit codes 0/1/2.
set -u
cli=${MICROCAM_CLI:?}; src=${MICROCAM_SOURCE_DIR:?}
fail=0
check() { if eval "$2"; then echo "ok - $1"; else echo "not ok - $1"; fail=1; fi; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

"$cli" info --json "$src/resources/samples/a_plate_holes_pocket.stl" >"$tmp/out.json"; rc=$?
check "info --json exits 0" "[ $rc -eq 0 ]"
python3 - "$tmp/out.json" <<'PY' || fail=1
import json, sys
d = json.load(open(sys.argv[1]))
for k in ["triangles", "vertices", "bounds", "volume_mm3", "area_mm2", "watertight",
          "boundary_edges", "nonmanifold_edges", "degenerate_dropped"]:
    assert k in d, "missing key " + k
assert d["bounds"]["min"] == [0, 0, 0] or all(abs(v) < 1e-6 for v in d["bounds"]["min"]), d["bounds"]
assert all(abs(a - b) < 1e-6 for a, b in zip(d["bounds"]["max"], [10, 10, 2])), d["bounds"]
assert d["watertight"] is True and d["boundary_edges"] == 0 and d["nonmanifold_edges"] == 0
assert abs(d["volume_mm3"] - 196.2989) < 1e-3, d["volume_mm3"]
print("ok - info --json keys and values")
PY

"$cli" info "$src/resources/samples/b_disk_spiral_channel.stl" | grep -q "watertight *yes"
check "text output says watertight" "[ $? -eq 0 ]"

printf 'solid x\nfacet normal 0 0 1\nouter loop\nvertex 0 0 0\n' >"$tmp/cut.stl"
"$cli" info "$tmp/cut.stl" 2>"$tmp/err"; rc=$?
check "truncated ASCII STL exits 1" "[ $rc -eq 1 ]"
check "message names the file and line" "grep -q 'cut.stl: line 5' '$tmp/err'"

"$cli" info "$tmp/missing.stl" 2>"$tmp/err"; rc=$?
check "missing file exits 1 and is named" "[ $rc -eq 1 ] && grep -q missing.stl '$tmp/err'"

"$cli" info 2>/dev/null; rc=$?
check "no part is a usage error (2)" "[ $rc -eq 2 ]"
"$cli" info --bogus x.stl 2>/dev/null; rc=$?
check "unknown option is a usage error (2)" "[ $rc -eq 2 ]"
"$cli" frobnicate 2>/dev/null; rc=$?
check "unknown command is a usage error (2)" "[ $rc -eq 2 ]"
exit $fail
