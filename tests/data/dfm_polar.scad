// Fixture: a nozzle plate. D6 x 1 mm disk (top Z = 1) with 8 D0.2 through holes evenly on a
// D4 circle around (0, 0) and a D0.5 centre hole.
// Regenerate: openscad --export-format binstl -o tests/data/dfm_polar.stl tests/data/dfm_polar.scad
$fn = 128;
eps = 0.01;
difference() {
  cylinder(d = 6, h = 1);
  for (i = [0:7]) rotate([0, 0, 45 * i + 10]) translate([2, 0, -eps]) cylinder(d = 0.2, h = 1 + 2 * eps);
  translate([0, 0, -eps]) cylinder(d = 0.5, h = 1 + 2 * eps);
}
