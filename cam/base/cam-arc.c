/* cam-arc.c — arcs into chords at a sagitta (the geometry is in cam-arc.h). */
#include "cam-arc.h"

#include <math.h>

const CamArcChording cam_arc_chording_view = {
  .sagitta_mm = 1e-3, .max_angle = 0, .small_angle = G_PI / 8, .min_chords = 4, .max_chords = 720,
};

double
cam_arc_chord_angle (const CamArcChording *c, double radius)
{
  double a = radius > c->sagitta_mm ? 2 * acos (1 - c->sagitta_mm / radius) : c->small_angle;
  return c->max_angle > 0 ? MIN (a, c->max_angle) : a;
}

guint
cam_arc_n_chords (const CamArcChording *c, double radius, double sweep)
{
  /* clamped as a double: a huge sweep over a tiny angle would overflow the cast */
  double n = ceil (fabs (sweep) / cam_arc_chord_angle (c, radius));
  if (!(n >= c->min_chords))
    return MAX (c->min_chords, 1u);
  return n > c->max_chords ? c->max_chords : (guint) n;
}
