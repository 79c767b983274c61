/* cam-force.c — cutting force by Kienzle's law.
 *
 *   Fc = kc1.1 · b · h^(1 − mc)          [N; b chip width mm, h uncut chip thickness mm]
 *
 * O. Kienzle, "Die Bestimmung von Kräften und Leistungen an spanenden Werkzeugen und
 * Werkzeugmaschinen", VDI-Z 94 (1952) 299–305; values kc1.1 and mc per material from W. König,
 * F. Klocke, "Fertigungsverfahren 1: Drehen, Fräsen, Bohren", Springer, and the Sandvik Coromant
 * Technical Guide (kc1, mc). In milling, b = ap (straight-flute approximation) and h is the
 * local chip; the peak force uses the largest chip, the mean force the mean chip (cam-limits.c).
 *
 * Micro chips: Kienzle's law is fitted for h ≈ 0.05–1 mm; extrapolated to µm chips its rising
 * specific force (h^−mc) follows the size effect qualitatively (Vogler et al. 2004). Below the
 * minimum chip thickness the edge ploughs and the force no longer falls with h; cam-limits.c
 * therefore evaluates the force at max(h, h_min). */
#include "cam-cutting.h"

#include <math.h>

double
cam_force_kienzle (double kc11_n_mm2, double mc, double b_mm, double h_mm)
{
  if (!(b_mm > 0) || !(h_mm > 0))
    return 0.0;
  return kc11_n_mm2 * b_mm * pow (h_mm, 1.0 - mc);
}
