// Fixture: walls and narrow slots. 4 x 3 x 2.5 mm block (top Z = 2.5) with
//  - two 1 x 2 pockets, 2 mm deep, R0.1 corners, 0.1 mm apart (a 0.1 x 2 mm wall: 20:1)
//  - a 0.04 mm wide, 0.1 mm deep slit (narrower than the smallest end mill)
// Regenerate: openscad --export-format binstl -o tests/data/dfm_walls.stl tests/data/dfm_walls.scad
$fn = 64;
eps = 0.01;
difference() {
  cube([4, 3, 2.5]);
  translate([0.5, 0.5, 0.5]) linear_extrude(height = 2 + eps) offset(r = 0.1) offset(delta = -0.1) square([1, 2]);
  translate([1.6, 0.5, 0.5]) linear_extrude(height = 2 + eps) offset(r = 0.1) offset(delta = -0.1) square([1, 2]);
  translate([3.2, 0.5, 2.4]) cube([0.04, 2, 0.1 + eps]);
}
