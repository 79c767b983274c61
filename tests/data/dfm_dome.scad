// Fixture: a ball of R2 (cut flat where the bore leaves nothing) with a D1 bore from z = 1 up.
// Every Z band holds sloped facets: the bore must still be one round hole, and the lower
// half of the ball (facing down) an undercut.
// Regenerate: openscad --export-format binstl -o tests/data/dfm_dome.stl tests/data/dfm_dome.scad
$fn = 64;
difference() {
  sphere(r = 2);
  translate([0, 0, 1]) cylinder(r = 0.5, h = 2);
}
