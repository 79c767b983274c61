#!/bin/bash
# finish-matrix.sh CLI — the issue-12 finish audit: predicted Ra over 9 materials × 9 end mills, slot
# and finish, on the 1 µm-runout micro60k and the 3 µm-runout std24k. Prints each case and counts how
# often the two spindles give the same Ra (runout ignored) and how many slots come out "polished"
# (Ra ≤ 0.4 µm). Not a test: a figure to rerun when the finish model or the data change.
#   tests/bench/finish-matrix.sh build/cli/microcam-cli
set -u
cli=${1:?usage: finish-matrix.sh MICROCAM-CLI}
mats="ss316l ti6al4v h13-50hrc h13-annealed cu-c110 al6061 peek pom ptfe"
tools="em-flat-0.1 em-flat-0.2 em-flat-0.3 em-flat-0.5 em-flat-1 em-flat-2 em-flat-3 em-ball-0.5 em-bull-1-r0.1"
ra () {
  "$cli" feeds --json --material "$1" --tool-id "$2" --op "$3" --machine "$4" 2>/dev/null |
    python3 -c "import json,sys; print(round(json.load(sys.stdin)['ra_um'],3))" 2>/dev/null
}
same=0; total=0; pol=0; slots=0
for op in slot finish; do
  for m in $mats; do
    for t in $tools; do
      a=$(ra "$m" "$t" "$op" micro60k); b=$(ra "$m" "$t" "$op" std24k)
      [ -z "$a" ] || [ -z "$b" ] && continue
      total=$((total + 1)); [ "$a" = "$b" ] && same=$((same + 1))
      if [ "$op" = slot ]; then
        slots=$((slots + 1))
        python3 -c "import sys; sys.exit(0 if $a <= 0.4 else 1)" && pol=$((pol + 1))
      fi
      echo "$op $m $t micro60k $a std24k $b"
    done
  done
done
echo "same Ra on 1 µm and 3 µm runout: $same of $total; slots polished (Ra ≤ 0.4 on micro60k): $pol of $slots"
