#!/bin/bash
# bench-gcode-loop.sh BUILD_DIR [ITERATIONS] — interpreter speed on control flow: a program whose
# while loop runs ITERATIONS times (default 1,000,000), each iteration 4 blocks (while, a parameter
# setting, a G1 move with an expression, endwhile), read with bench-gcode-import --read; prints the
# blocks per second. A benchmark, not a test.
set -euo pipefail
build=$(cd "${1:?usage: bench-gcode-loop.sh BUILD_DIR [ITERATIONS]}" && pwd)
n=${2:-1000000}
bench="$build/tests/bench/bench-gcode-import"
[ -x "$bench" ] || { echo "bench-gcode-loop.sh: $bench not found (build it first)" >&2; exit 1; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/microcam-loop.XXXXXX"); trap 'rm -rf "$tmp"' EXIT
cat > "$tmp/loop.ngc" <<NGC
G21 G90 F100
#<i> = 0
o1 while [#<i> LT $n]
  #<i> = [#<i> + 1]
  G1 X[#<i> MOD 10] Y[#<i> * 0.001]
o1 endwhile
M2
NGC
start=$(date +%s.%N)
"$bench" --read "$tmp/loop.ngc" > "$tmp/out.txt"
end=$(date +%s.%N)
awk -v s="$start" -v e="$end" -v n="$n" 'BEGIN { t = e - s; b = 4 * n + 4;
  printf "loop of %d iterations: %d blocks in %.2f s = %.2f M blocks/s (%s)\n", n, b, t, b / t / 1e6, "goal 2 M/s" }'
