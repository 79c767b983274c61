// Fixture for tests/test-cam-features.c and test-cam-dfm.c: a 12 x 10 x 2 mm plate (top Z = 2)
// with features of known size. Circles use $fn = 128: their vertices lie on the nominal circle.
// Regenerate: openscad --export-format binstl -o tests/data/dfm_features.stl tests/data/dfm_features.scad
$fn = 128;
eps = 0.01;
difference() {
  cube([12, 10, 2]);
  // through hole D0.3 at (2, 2)
  translate([2, 2, -eps]) cylinder(d = 0.3, h = 2 + 2 * eps);
  // blind flat-bottomed hole D0.5, 1.0 deep, at (5, 2)
  translate([5, 2, 1]) cylinder(d = 0.5, h = 1 + eps);
  // blind drilled hole D0.4, 0.8 deep to the full diameter, 118 deg cone below, at (8, 2)
  translate([8, 2, 1.2]) cylinder(d = 0.4, h = 0.8 + eps);
  translate([8, 2, 1.2 - 0.2 / tan(59)]) cylinder(d1 = 0, d2 = 0.4, h = 0.2 / tan(59) + 1e-4);
  // 3 x 2 pattern of D0.15 through holes, pitch 0.5 x 0.6, from (1.5, 4.5)
  for (i = [0:2], j = [0:1])
    translate([1.5 + 0.5 * i, 4.5 + 0.6 * j, -eps]) cylinder(d = 0.15, h = 2 + 2 * eps);
  // pocket 3 x 2, 0.5 deep, corner radius 0.2, from (5, 4)
  translate([5, 4, 1.5]) linear_extrude(height = 0.5 + eps)
    offset(r = 0.2) offset(delta = -0.2) square([3, 2]);
  // slot 0.3 wide, 4 long between centres, 0.2 deep, round ends, along x at y = 8.5 from x = 2
  translate([0, 0, 1.8]) linear_extrude(height = 0.2 + eps) hull() {
    translate([2, 8.5]) circle(d = 0.3);
    translate([6, 8.5]) circle(d = 0.3);
  }
  // pocket 2 x 2, 0.4 deep with a D0.6 boss in its middle, from (9, 4.5)
  translate([9, 4.5, 1.6]) linear_extrude(height = 0.4 + eps) difference() {
    square([2, 2]);
    translate([1, 1]) circle(d = 0.6);
  }
}
