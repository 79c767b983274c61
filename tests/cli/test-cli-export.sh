#!/bin/bash
# microcam-cli export: a planned job through each post; LinuxCNC output run by rs274 with zero errors
# and identical to what plan --ngc wrote; Fanuc framing; grbl without canned cycles, tool changes or
# length offsets; options; unwritable path and unknown post; an earlier file survives a failed write;
# --per-tool: one program per tool, each with one tool change, through rs274, together the same cuts.
set -u
cli=${MICROCAM_CLI:?}; src=${MICROCAM_SOURCE_DIR:?}
fail=0
check() { if eval "$2"; then echo "ok - $1"; else echo "not ok - $1"; fail=1; fi; }
. "$src/tests/require-tool.sh"
# rs274 judges most of what follows: without it (escape hatch only) the test is skipped (77)
require_tool rs274 linuxcnc-uspace || exit 77
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
# rs274 truncates and maps $HOME/.tool.mmap: interpreters of parallel tests must not share it (SIGBUS)
export HOME="$tmp"
part="$src/resources/samples/a_plate_holes_pocket.stl"

"$cli" plan "$part" --material ss316l --machine micro60k -o "$tmp/job.json" --ngc "$tmp/plan.ngc" >/dev/null
check "plan writes the job" "[ -s '$tmp/job.json' ]"

for post in linuxcnc fanuc grbl; do
  "$cli" export "$tmp/job.json" --post $post -o "$tmp/$post.nc" 2>/dev/null; rc=$?
  check "export --post $post exits 0 and writes a program" "[ $rc -eq 0 ] && [ -s '$tmp/$post.nc' ]"
done
check "linuxcnc export equals plan --ngc" "cmp -s '$tmp/plan.ngc' '$tmp/linuxcnc.nc'"
check "linuxcnc has canned peck cycles (sample holes are 10xD)" "grep -q '^G83 ' '$tmp/linuxcnc.nc' || grep -q ' G83 ' '$tmp/linuxcnc.nc'"
(cd "$tmp" && rs274 -g linuxcnc.nc canon.txt -t "$src/tests/data/linuxcnc/tool.tbl" -i "$src/tests/data/linuxcnc/rs274.ini" >rs.out 2>&1); rc=$?
check "rs274 runs the linuxcnc export with zero errors" "[ $rc -eq 0 ] && ! grep -qi error '$tmp/rs.out' && grep -q STRAIGHT_FEED '$tmp/canon.txt'"
check "fanuc starts with % and an O number, ends with %" "head -1 '$tmp/fanuc.nc' | grep -q '^%$' && sed -n 2p '$tmp/fanuc.nc' | grep -q '^O[0-9]' && tail -1 '$tmp/fanuc.nc' | grep -q '^%$'"
check "fanuc program is plain ASCII (no Ø or µ in comments)" "! LC_ALL=C grep -q '[^ -~]' '$tmp/fanuc.nc'"
check "grbl has no canned cycle, M6 or G43" "! grep -qE '(^| )(G8[1-3]|G73|M0?6|G43)( |$)' '$tmp/grbl.nc'"
check "grbl drills the holes as moves (G1 down to the hole bottom)" "[ \$(grep -c '^G1 ' '$tmp/grbl.nc') -gt 16 ] || [ \$(grep -c 'G1' '$tmp/grbl.nc') -gt 16 ]"
(cd "$tmp" && rs274 -g grbl.nc canon-grbl.txt -t "$src/tests/data/linuxcnc/tool.tbl" -i "$src/tests/data/linuxcnc/rs274.ini" >rs-grbl.out 2>&1); rc=$?
check "rs274 also reads the grbl program without errors" "[ $rc -eq 0 ] && ! grep -qi error '$tmp/rs-grbl.out'"

"$cli" export "$tmp/job.json" --post linuxcnc --line-numbers --no-comments --decimals 3 -o "$tmp/opt.ngc" 2>/dev/null
check "--line-numbers numbers blocks" "grep -qE '^N[0-9]+ ' '$tmp/opt.ngc'"
check "--no-comments leaves no comment" "! grep -q '(' '$tmp/opt.ngc'"
check "--decimals 3 writes at most 3 decimals" "! grep -qE '[XYZ]-?[0-9]+\.[0-9]{4}' '$tmp/opt.ngc'"

# --per-tool: one complete program per tool (FILE-Tn.ext), paths on stdout
ntools=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["tools"]))' "$tmp/job.json")
cutlen() { "$cli" check "$1" --material ss316l --machine micro60k --tool flat:d=0.2 --json 2>/dev/null \
  | python3 -c 'import json,sys; d=json.load(sys.stdin); print(repr(d["cut_length_mm"]) if not d["errors"] else "errors")'; }
mkdir -p "$tmp/pt"
for post in linuxcnc fanuc grbl; do
  "$cli" export "$tmp/job.json" --post $post -o "$tmp/pt/$post.nc" --per-tool >"$tmp/pt/$post.list" 2>/dev/null; rc=$?
  n=$(ls "$tmp/pt/$post"-T*.nc 2>/dev/null | wc -l)
  check "$post --per-tool: exit 0, one file per tool ($ntools), each path printed" \
    "[ $rc -eq 0 ] && [ $n -eq $ntools ] && [ \$(wc -l <'$tmp/pt/$post.list') -eq $ntools ] && [ -s \"\$(head -1 '$tmp/pt/$post.list')\" ]"
  one=1
  for f in "$tmp/pt/$post"-T*.nc; do
    # T words outside comments: exactly one (linuxcnc/fanuc T n M6; grbl none but its M0 pause)
    t=$(sed 's/([^)]*)//g' "$f" | grep -cE '(^| )T[0-9]+( |$)')
    if [ $post = grbl ]; then [ "$(grep -c '^M0$' "$f")" -eq 1 ] && [ "$t" -eq 0 ] || one=0
    else [ "$t" -eq 1 ] || one=0; fi
    tail -2 "$f" | grep -qE '^M30$' || one=0
  done
  check "$post --per-tool: each program has exactly one tool change and ends with M30" "[ $one -eq 1 ]"
done
"$cli" plan "$part" --material ss316l --machine micro60k -o "$tmp/pt/plan.json" --ngc "$tmp/pt/plan.nc" --per-tool >/dev/null 2>&1; rc=$?
same=1; for f in "$tmp/pt/linuxcnc"-T*.nc; do cmp -s "$f" "$tmp/pt/plan-${f##*-}" || same=0; done
check "plan --ngc --per-tool writes the same programs as export --per-tool" "[ $rc -eq 0 ] && [ $same -eq 1 ]"
"$cli" plan "$part" --material ss316l --machine micro60k -o "$tmp/pt/plan.json" --per-tool >/dev/null 2>&1; rc=$?
check "plan --per-tool without --ngc is a usage error (2)" "[ $rc -eq 2 ]"
rm -f "$tmp/pt/plan"-T*.nc
ok=1
for f in "$tmp/pt/linuxcnc"-T*.nc; do
  (cd "$tmp/pt" && rs274 -g "$f" canon.txt -t "$src/tests/data/linuxcnc/tool.tbl" -i "$src/tests/data/linuxcnc/rs274.ini" >rs.out 2>&1) || ok=0
  grep -qi error "$tmp/pt/rs.out" && ok=0
  grep -q STRAIGHT_FEED "$tmp/pt/canon.txt" || ok=0
done
check "rs274 runs every linuxcnc per-tool program with zero errors" "[ $ok -eq 1 ]"
check "fanuc per-tool programs have distinct O numbers" \
  "[ \$(awk 'FNR == 2' '$tmp/pt/fanuc'-T*.nc | grep '^O[0-9]' | sort -u | wc -l) -eq $ntools ]"
check "grbl programs are plain ASCII without '?' stand-ins (Ø → dia)" \
  "! cat '$tmp/grbl.nc' '$tmp/pt/grbl'-T*.nc | LC_ALL=C grep -q '[^ -~]' && ! grep -q '?' '$tmp/grbl.nc' '$tmp/pt/grbl'-T*.nc"
check "grbl per-tool programs have no canned cycle, M6 or G43" \
  "! cat '$tmp/pt/grbl'-T*.nc | grep -qE '(^| )(G8[1-3]|G73|G98|G99|M0?6|G43)( |$)'"
for post in linuxcnc fanuc grbl; do
  "$cli" export "$tmp/job.json" --post $post -o "$tmp/pt/whole-$post.nc" 2>/dev/null
  whole=$(cutlen "$tmp/pt/whole-$post.nc")
  parts=$(for f in "$tmp/pt/$post"-T*.nc; do cutlen "$f"; done | tr '\n' ' ')
  check "$post per-tool programs together cut what the single program cuts ($whole mm)" \
    "python3 -c 'import sys; w=float(sys.argv[1]); p=[float(x) for x in sys.argv[2].split()]; sys.exit(0 if w > 1 and abs(sum(p) - w) <= 1e-6 * w else 1)' '$whole' '$parts'"
done
"$cli" export "$tmp/job.json" --post linuxcnc -o "/nonexistent/dir/x.ngc" --per-tool 2>"$tmp/err"; rc=$?
check "--per-tool to an unwritable folder exits 1 and names the file" "[ $rc -eq 1 ] && grep -q '/nonexistent/dir/x-T1.ngc' '$tmp/err'"

cp "$part" "$tmp/part.stl"
"$cli" plan "$tmp/part.stl" --material al6061 --machine micro60k -o "$tmp/own.json" >/dev/null
"$cli" export "$tmp/own.json" -o "$tmp/own.ngc" 2>"$tmp/err"
check "an unchanged part gives no warning" "! grep -q 'has changed' '$tmp/err'"
printf ' ' >>"$tmp/part.stl"
"$cli" export "$tmp/own.json" -o "$tmp/own.ngc" 2>"$tmp/err"; rc=$?
check "a changed part is reported (checksum)" "[ $rc -eq 0 ] && grep -q 'part.stl has changed since the job was planned' '$tmp/err'"

echo "KEEP" >"$tmp/keep.nc"
"$cli" export "$tmp/job.json" --post linuxcnc -o "/nonexistent/dir/x.ngc" 2>"$tmp/err"; rc=$?
check "unwritable path exits 1 and is named" "[ $rc -eq 1 ] && grep -q '/nonexistent/dir/x.ngc' '$tmp/err'"
chmod 0555 "$tmp"; "$cli" export "$tmp/job.json" --post linuxcnc -o "$tmp/keep.nc" 2>/dev/null; chmod 0755 "$tmp"
check "a failed write leaves the earlier file intact" "[ \"\$(cat '$tmp/keep.nc')\" = KEEP ] || [ \$(id -u) -eq 0 ]"
"$cli" export "$tmp/job.json" --post haas -o "$tmp/h.nc" 2>/dev/null; rc=$?
check "unknown post is a usage error (2)" "[ $rc -eq 2 ]"
"$cli" export "$tmp/job.json" 2>/dev/null; rc=$?
check "missing -o is a usage error (2)" "[ $rc -eq 2 ]"
echo '{"format":"microcam-job","version":99}' >"$tmp/bad.json"
"$cli" export "$tmp/bad.json" --post linuxcnc -o "$tmp/b.ngc" 2>"$tmp/err"; rc=$?
check "a job of an unknown version exits 1 naming the file" "[ $rc -eq 1 ] && grep -q bad.json '$tmp/err'"
exit $fail
