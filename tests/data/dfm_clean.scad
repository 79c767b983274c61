// Fixture: a part a shop makes without trouble (no DFM errors): 20 x 20 x 3 mm plate with a
// D2 through hole and a 6 x 6 x 1 mm pocket with R1 corners.
// Regenerate: openscad --export-format binstl -o tests/data/dfm_clean.stl tests/data/dfm_clean.scad
$fn = 96;
eps = 0.01;
difference() {
  cube([20, 20, 3]);
  translate([5, 5, -eps]) cylinder(d = 2, h = 3 + 2 * eps);
  translate([10, 10, 2]) linear_extrude(height = 1 + eps) offset(r = 1) offset(delta = -1) square([6, 6]);
}
