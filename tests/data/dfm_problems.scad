// Fixture: a part with DFM problems: 10 x 8 x 3 mm block (top Z = 3) with
//  - a sharp-cornered 2 x 1 x 0.5 pocket from (1, 1)          -> corner-radius error
//  - a 0.3 wide, 2.5 deep slot-like pocket from (1, 4), 3 long -> deep-pocket (long reach)
//  - a 0.03 mm wall between a 1 x 1 x 1 pocket and the edge x = 10 -> thin-wall
//  - a D0.03 through hole at (6, 2)                            -> hole-below-drill (micro-EDM)
//  - a D0.4 side hole along x at y = 6.5, z = 1               -> undercut (second setup)
// Regenerate: openscad --export-format binstl -o tests/data/dfm_problems.stl tests/data/dfm_problems.scad
$fn = 64;
eps = 0.01;
difference() {
  cube([10, 8, 3]);
  translate([1, 1, 2.5]) cube([2, 1, 0.5 + eps]);
  translate([1, 4, 0.5]) linear_extrude(height = 2.5 + eps)
    offset(r = 0.1) offset(delta = -0.1) square([3, 0.3]);
  translate([8.97, 1, 2]) linear_extrude(height = 1 + eps)
    offset(r = 0.2) offset(delta = -0.2) square([1, 1]);
  translate([6, 2, -eps]) cylinder(d = 0.03, h = 3 + 2 * eps);
  translate([-eps, 6.5, 1]) rotate([0, 90, 0]) cylinder(d = 0.4, h = 10 + 2 * eps);
}
