/* cam-wall.c — a thin wall as a cantilever strip clamped at its base.
 *
 * Model: the wall (thickness t, height h, length L) is clamped along its base and free at
 * the top edge, where the finishing cutter pushes it with the radial force F. Treated as a
 * cantilever strip of effective width b, the tip deflection is
 *     δ = F·h³ / (3·E·I),  I = b·t³/12
 * (Roark's Formulas for Stress and Strain, 7th ed., Young & Budynas 2002, Table 8.1 case 1a,
 * end load on a cantilever). A wall is a plate clamped on one edge and free on three; a
 * concentrated load on the free edge spreads over a width of the order of the height h on
 * each side (Timoshenko & Woinowsky-Krieger, Theory of Plates and Shells, 2nd ed. 1959,
 * ch. on cantilever plates), so b = contact + 2·h, capped at L. This is the static part of
 * the wall deflection that thin-wall milling studies compensate (Budak & Altintas,
 * "Peripheral milling conditions for improved dimensional accuracy", Int. J. Mach. Tools
 * Manuf. 34 (1994) 907–918; Ratchev, Liu, Huang & Becker, "Milling error prediction and
 * compensation in machining of low-rigidity parts", Int. J. Mach. Tools Manuf. 44 (2004)
 * 1629–1641). Limits: static (no chatter, no dynamic amplification), linear elastic,
 * the wall thinning during the pass and the support of the stock below are ignored, so it
 * is conservative when finishing in axial steps from the top. */
#include "cam-wall.h"

#include <math.h>

static gboolean
wall_ok (const CamWall *w)
{
  return w != NULL && w->thickness_mm > 0 && w->height_mm > 0 && w->length_mm > 0
         && w->young_gpa > 0;
}

double
cam_wall_effective_width_mm (const CamWall *wall, double contact_mm)
{
  if (!wall_ok (wall))
    return NAN;
  double c = contact_mm > 0 ? contact_mm : 0;
  return MIN (c + 2.0 * wall->height_mm, wall->length_mm);
}

/* stiffness F/δ of the strip, N/mm; E in N/mm² = GPa × 1000 */
static double
wall_stiffness_n_mm (const CamWall *wall, double contact_mm)
{
  double b = cam_wall_effective_width_mm (wall, contact_mm);
  double i = b * pow (wall->thickness_mm, 3) / 12.0;
  return 3.0 * wall->young_gpa * 1000.0 * i / pow (wall->height_mm, 3);
}

double
cam_wall_deflection_mm (const CamWall *wall, double force_n, double contact_mm)
{
  if (!wall_ok (wall) || !(force_n >= 0))
    return NAN;
  return force_n / wall_stiffness_n_mm (wall, contact_mm);
}

double
cam_wall_allowed_force_n (const CamWall *wall, double allowed_mm, double contact_mm)
{
  if (!wall_ok (wall) || !(allowed_mm > 0))
    return NAN;
  return allowed_mm * wall_stiffness_n_mm (wall, contact_mm);
}
