#!/usr/bin/env python3
"""make-sphere-stl.py OUT.stl [FACETS] — writes a closed binary STL: a UV sphere of
radius 5 mm with at least FACETS facets (default 1,000,000), for viewer benchmarks."""
import math
import struct
import sys

out = sys.argv[1]
want = int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000
# rings × segments quads, 2 facets each, less one per quad at the poles:
# 2·segments·(rings − 1) = 4·rings·(rings − 1) facets
rings = int(math.ceil((1.0 + math.sqrt(1.0 + want)) / 2.0))
segments = 2 * rings
r = 5.0

def point(i, j):
    th = math.pi * i / rings
    ph = 2.0 * math.pi * j / segments
    return (r * math.sin(th) * math.cos(ph), r * math.sin(th) * math.sin(ph), r * math.cos(th))

facets = []
for i in range(rings):
    for j in range(segments):
        a, b = point(i, j), point(i + 1, j)
        c, d = point(i + 1, j + 1), point(i, j + 1)
        if i != rings - 1:
            facets.append((a, b, c))
        if i != 0:
            facets.append((a, c, d))

with open(out, "wb") as f:
    f.write(b"microcam viewer benchmark sphere".ljust(80, b" "))
    f.write(struct.pack("<I", len(facets)))
    pack = struct.Struct("<12fH").pack
    for a, b, c in facets:
        f.write(pack(0.0, 0.0, 0.0, *a, *b, *c, 0))
print(f"{out}: {len(facets)} facets")
