#!/bin/bash
# golden-commands.sh CLI SRC OUTDIR — runs a fixed set of microcam-cli commands on the bundled
# samples and writes each command's stdout (and the files it writes) into OUTDIR. The refactors of
# issue 10 must leave every one of these byte-identical: test-cli-golden.sh diffs a fresh run
# against tests/cli/golden/, which was made with this script before the refactor.
# Paths are relative (the samples are copied into OUTDIR's work folder) so outputs are portable.
set -u
cli=$1; src=$2; out=$3
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
cp "$src/resources/samples/a_plate_holes_pocket.stl" "$work/plate.stl"
cp "$src/resources/samples/b_disk_spiral_channel.stl" "$work/disk.stl"
cp "$src/tests/data/dfm_problems.stl" "$work/problems.stl"
cp "$src/tests/data/dfm_walls.stl" "$work/walls.stl"
mkdir -p "$out"; out=$(cd "$out" && pwd)
cd "$work"
run() { # NAME ARGS… — stdout to NAME.out, exit code appended
  local name=$1; shift
  "$cli" "$@" >"$out/$name.out" 2>/dev/null
  echo "exit $?" >>"$out/$name.out"
}
export XDG_CONFIG_HOME="$work/xdg"
run info-plate info plate.stl
run info-plate-json info plate.stl --json
run info-disk-json info disk.stl --json
run materials materials
run tools tools
run machines machines
run feeds-316-slot feeds --material ss316l --machine micro60k --tool-id em-flat-0.5 --op slot --json
run feeds-ti-drill feeds --material ti6al4v --machine micro60k --tool-id drill-0.3 --op drill --depth 1.5 --json
run feeds-al-side feeds --material al6061 --machine std24k --tool-id em-flat-1 --op side --ae 0.1 --optimise-ap
run dfm-plate-316 dfm plate.stl --material ss316l --json
run dfm-plate-316-txt dfm plate.stl --material ss316l --tolerance 0.001
run dfm-disk-al dfm disk.stl --material al6061 --json
run dfm-problems dfm problems.stl --material ti6al4v --json
run dfm-walls dfm walls.stl --material ss316l --tolerance 0.005 --json
run plan-plate-316 plan plate.stl --material ss316l --machine micro60k -o plate-316.json --ngc plate-316.ngc --json
run plan-plate-al plan plate.stl --material al6061 --machine micro60k --stock-margin 0.2 --origin corner -o plate-al.json --ngc plate-al.ngc
run plan-disk-al plan disk.stl --material al6061 --machine micro60k -o disk-al.json --json
run export-fanuc export plate-316.json --post fanuc -o plate-316-fanuc.nc --line-numbers
run export-grbl export plate-al.json --post grbl -o plate-al-grbl.gcode --decimals 4 --warmup 2
run export-per-tool export plate-316.json --per-tool -o plate-316-pt.ngc
run report report plate-316.json -o plate-316.html
run check-plate-316 check plate-316.ngc --material ss316l --machine micro60k --tool-id 1=spot-0.5-140 --tool-id 2=drill-0.2-long --tool-id 3=em-flat-2 --tool-id 4=em-flat-0.5 --tool-id 5=em-flat-0.2-r1 --stock-bottom -2 --json
run check-plate-al check plate-al.ngc --material al6061 --machine micro60k --tool-id 1=em-flat-3 --tool-id 2=spot-0.5-140 --tool-id 3=drill-0.2-long --tool-id 4=em-flat-2 --tool-id 5=em-flat-0.5 --tool-id 6=em-flat-0.2-r1 --stock-bottom -2.2
for f in *.json *.ngc *.nc *.gcode *.html; do
  [ -f "$f" ] && cp "$f" "$out/file-$f"
done
exit 0
