// Fixture: features inside features. 10 x 7 x 2 mm plate (top Z = 2) with
//  - a 4 x 3 x 0.5 pocket (R0.3 corners) from (1, 1) with a D0.3 through hole at (2, 2) and a
//    D0.2 blind hole 0.4 deep at (4, 3) in its floor
//  - a counterbore: D1.0 x 0.3 deep over a D0.5 through hole at (8, 2)
//  - a countersink: 90 deg cone from D1.0 at the top down to a D0.5 through hole at (8, 5)
// Regenerate: openscad --export-format binstl -o tests/data/dfm_nested.stl tests/data/dfm_nested.scad
$fn = 128;
eps = 0.01;
difference() {
  cube([10, 7, 2]);
  translate([1, 1, 1.5]) linear_extrude(height = 0.5 + eps) offset(r = 0.3) offset(delta = -0.3) square([4, 3]);
  translate([2, 2, -eps]) cylinder(d = 0.3, h = 2);
  translate([4, 3, 1.1]) cylinder(d = 0.2, h = 0.5);
  translate([8, 2, 1.7]) cylinder(d = 1.0, h = 0.3 + eps);
  translate([8, 2, -eps]) cylinder(d = 0.5, h = 2 + 2 * eps);
  translate([8, 5, 1.75]) cylinder(d1 = 0.5, d2 = 1.0, h = 0.25 + 1e-6);
  translate([8, 5, -eps]) cylinder(d = 0.5, h = 2 + 2 * eps);
}
