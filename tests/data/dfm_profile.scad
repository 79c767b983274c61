// Fixture: outline and accessibility. An L-shaped 10 x 8 x 2 mm plate (top Z = 2) whose
// inside corner is rounded R0.5 (outer corners sharp), a 1 mm wide, 0.5 mm deep step along
// the edge x = 0 (a pocket open to the side), and a 2 x 0.5 x 0.4 mm groove cut sideways into
// the face y = 0 at z 0.8..1.2 (an undercut: its roof faces down).
// Regenerate: openscad --export-format binstl -o tests/data/dfm_profile.stl tests/data/dfm_profile.scad
$fn = 96;
eps = 0.01;
difference() {
  linear_extrude(height = 2) offset(r = -0.5) offset(delta = 0.5)
    polygon([[0, 0], [10, 0], [10, 4], [6, 4], [6, 8], [0, 8]]);
  translate([-eps, -eps, 1.5]) cube([1 + eps, 8 + 2 * eps, 0.5 + eps]);
  translate([3, -eps, 0.8]) cube([2, 0.5 + eps, 0.4]);
}
