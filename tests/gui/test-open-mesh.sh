#!/bin/bash
# test-open-mesh.sh — an open mesh shows its defects: a copy of the disk sample with 300
# facets cut away is drawn with red boundary edges, and the closed sample has none.
# Red edge pixels: R − G > 65 % (the grid's red X axis is paler, the orange inside faces
# far less saturated); the axis triad corner is left out.
set -euo pipefail
src="$MICROCAM_SOURCE_DIR/resources/samples/b_disk_spiral_channel.stl"
open="$TEST_TMPDIR/open_disk.stl"

# binary STL: 80-byte header, facet count (uint32 LE), 50 bytes per facet; drop the first k
n=$(od -An -t u4 -j 80 -N 4 "$src" | tr -d ' ')
k=300
m=$(( n - k ))
le32 () { printf "\\x$(printf %02x $(( $1 & 255 )))\\x$(printf %02x $(( ($1 >> 8) & 255 )))\\x$(printf %02x $(( ($1 >> 16) & 255 )))\\x$(printf %02x $(( ($1 >> 24) & 255 )))"; }
{ head -c 80 "$src"; le32 "$m"; tail -c +$(( 85 + 50 * k )) "$src"; } > "$open"

red_pixels () {
  convert "$1" \( -clone 0 -channel R -separate +channel \) \( -clone 0 -channel G -separate +channel \) \
    -delete 0 -compose MinusSrc -composite -threshold 65% \
    -fill black -draw 'rectangle 0,480 120,599' -format '%[fx:round(mean*w*h)]' info:
}

"$MICROCAM" --screenshot "$TEST_TMPDIR/open.png" --size 800x600 "$open"
"$MICROCAM" --screenshot "$TEST_TMPDIR/closed.png" --size 800x600 "$src"
n_open=$(red_pixels "$TEST_TMPDIR/open.png")
n_closed=$(red_pixels "$TEST_TMPDIR/closed.png")
echo "red edge pixels: open part $n_open, closed part $n_closed"
[ "$n_open" -ge 200 ] || { echo "FAIL: the open part's boundary edges are not drawn red"; exit 1; }
[ "$n_closed" -le 10 ] || { echo "FAIL: the closed part shows red defect edges"; exit 1; }
echo "PASS"
