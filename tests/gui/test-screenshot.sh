#!/bin/bash
# test-screenshot.sh PART VIEW — `microcam --screenshot` of a sample part: the PNG exists
# at the requested size, is not blank (many colours), and the part is centred: the
# bounding box of part-coloured pixels (blue-grey shading, not the grey grid, the
# labels or the axis triad) has its centre within 2 % of the image centre, spans most
# of the image and keeps a margin on every side.
set -euo pipefail
part="$MICROCAM_SOURCE_DIR/resources/samples/$1"
view=$2
out="$TEST_TMPDIR/shot-$view.png"

"$MICROCAM" --screenshot "$out" --view "$view" --size 800x600 "$part"
test -s "$out" || { echo "FAIL: no PNG written"; exit 1; }

size=$(convert "$out" -format '%w %h' info:)
[ "$size" = "800 600" ] || { echo "FAIL: image is $size, wanted 800 600"; exit 1; }

colours=$(convert "$out" -format '%k' info:)
echo "distinct colours: $colours"
[ "$colours" -ge 200 ] || { echo "FAIL: only $colours colours: blank or flat image"; exit 1; }

# Part pixels: the shading of the part colour (0.50, 0.60, 0.75) keeps blue above red by
# 0.09–0.40; background, grid, edges and labels are near grey, the triad's Z axis far
# bluer. Mask = (B − R > 9 %) − (B − R > 40 %), with the triad (lower left) and the scale
# bar (lower right) corners blacked out; %@ is the bounding box of what is left.
geometry=$(convert "$out" \
    \( -clone 0 -channel B -separate +channel \) \( -clone 0 -channel R -separate +channel \) \
    -delete 0 -compose MinusSrc -composite \
    \( -clone 0 -threshold 9% \) \( -clone 0 -threshold 40% \) -delete 0 -compose MinusSrc -composite \
    -fill black -draw 'rectangle 0,480 120,599' -draw 'rectangle 650,510 799,599' \
    -format '%@' info:)
read -r w h x y <<<"$(tr 'x+' '  ' <<<"$geometry")"
echo "part bounding box: ${w}x${h} at +${x}+${y}"
cx=$(( x + w / 2 )); cy=$(( y + h / 2 ))
dx=$(( cx - 400 )); dy=$(( cy - 300 ))
[ "${dx#-}" -le 16 ] && [ "${dy#-}" -le 12 ] || { echo "FAIL: part centre ($cx, $cy) is off the image centre (400, 300)"; exit 1; }
# fitted: the part spans most of the width or the height
[ "$w" -ge 480 ] || [ "$h" -ge 360 ] || { echo "FAIL: part is only ${w}x${h} px: not fitted"; exit 1; }
# and not clipped: a margin on every side
[ "$x" -ge 8 ] && [ "$y" -ge 8 ] && [ $(( x + w )) -le 792 ] && [ $(( y + h )) -le 592 ] || { echo "FAIL: part touches the image border"; exit 1; }
echo "PASS: $1 ($view) centred at ($cx, $cy)"
