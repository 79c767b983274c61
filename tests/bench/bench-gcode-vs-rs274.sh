#!/bin/bash
# bench-gcode-vs-rs274.sh BUILD_DIR [MOVES] — G-code import side by side with LinuxCNC's rs274:
# writes one program of MOVES moves (default 1,000,000; bench-gcode-import.c says what it holds),
# then runs each of these on that same file under /usr/bin/time (wall seconds, maximum resident
# set size) and prints a table:
#   microcam import      bench-gcode-import --read FILE (cam_gcode_reader_read_file only)
#   microcam-cli check   read + review of every cutting move + lengths + cycle time (--json)
#   rs274                rs274 -g FILE /dev/null with the test suite's tool table and ini
#                        (canonical calls to /dev/null; rs274 keeps no toolpath)
# A benchmark, not a test: it prints figures and fails only when a program is missing.
set -euo pipefail
build=$(cd "${1:?usage: bench-gcode-vs-rs274.sh BUILD_DIR [MOVES]}" && pwd)
moves=${2:-1000000}
src=$(cd "$(dirname "$0")/../.." && pwd)
bench="$build/tests/bench/bench-gcode-import"
cli="$build/cli/microcam-cli"
for exe in "$bench" "$cli" /usr/bin/time; do
  [ -x "$exe" ] || { echo "bench-gcode-vs-rs274.sh: $exe not found (build it first)" >&2; exit 1; }
done
tmp=$(mktemp -d "${TMPDIR:-/tmp}/microcam-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
"$bench" "$moves" --write prog.ngc >/dev/null
lines=$(wc -l <prog.ngc)
bytes=$(wc -c <prog.ngc)

# run NAME CMD… → appends a table row; leaves the figures in $secs and $kb
rows=()
run() {
  local name=$1 rc=0
  shift
  /usr/bin/time -f '%e %M' -o time.txt "$@" >out.txt 2>err.txt || rc=$?
  read -r secs kb <time.txt
  rows+=("$(awk -v n="$name" -v s="$secs" -v k="$kb" -v rc="$rc" \
    'BEGIN { printf "| %-52s | %8.2f | %8.1f | %4s |", n, s, k / 1024, rc }')")
}
run "microcam import (bench-gcode-import --read)" "$bench" --read prog.ngc
t_ours=$secs m_ours=$kb
run "microcam-cli check (read + review + lengths + time)" "$cli" check prog.ngc --material al6061 \
  --machine micro60k --tool "flat:d=0.2,z=2" --json
t_check=$secs m_check=$kb
t_rs=""
if command -v rs274 >/dev/null; then
  run "rs274 -g FILE /dev/null (LinuxCNC interpreter)" rs274 -g prog.ngc /dev/null \
    -t "$src/tests/data/linuxcnc/tool.tbl" -i "$src/tests/data/linuxcnc/rs274.ini"
  t_rs=$secs m_rs=$kb
else
  echo "rs274 not installed: microcam only"
fi

awk -v m="$moves" -v l="$lines" -v b="$bytes" -v d="$(date -u +%Y-%m-%d)" -v c="$(nproc)" \
  'BEGIN { printf "Program: %d moves, %d lines, %.1f MB (%s, %d cores)\n", m, l, b / 1e6, d, c }'
printf '| %-52s | %8s | %8s | %4s |\n' "run on the same file" "seconds" "peak MB" "exit"
printf '| %s | -------: | -------: | ---: |\n' "----------------------------------------------------"
printf '%s\n' "${rows[@]}"
if [ -n "$t_rs" ]; then
  awk -v a="$t_rs" -v b="$t_ours" -v c="$t_check" -v ma="$m_rs" -v mb="$m_ours" -v mc="$m_check" 'BEGIN {
    printf "import: %.1f× faster than rs274 (goal 5×), %.1f× its peak memory\n", a / b, mb / ma
    printf "check:  %.1f× faster than rs274, %.1f× its peak memory\n", a / c, mc / ma }'
fi
