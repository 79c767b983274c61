/* cam-wall-finish.c — how a thin wall is finished without bending it past its tolerance.
 *
 * The planner finishes a pocket's walls level by level from the top (cam-gen-pocket.c: each level is
 * roughed, then its wall finished, before the next goes down), so while a level's wall is finished
 * the uncut stock below it still holds the wall: what bends is a strip one step ap tall, clamped at
 * the current floor, under the finishing force at that ap (cam-wall.c's cantilever strip with
 * h = ap). This is the thin-wall practice of makers and of the studies cam-wall.c cites (Harvey Tool,
 * "Machining thin walls": step down and finish each level while the material below supports it;
 * Ratchev et al. 2004: error falls with the supported height). The step that keeps the deflection
 * within the allowed share of the tolerance is found by bisection: force and strip both grow with ap,
 * so the deflection rises monotonically with it. DFM and the planner both call this, so the review's
 * verdict and the plan's step are one computation. */
#include "cam-wall.h"

#include <math.h>
#include <string.h>

#define AP_FLOOR_MM 0.001   /* a finishing step under 1 µm is not a machining step any more */

double
cam_wall_finish_stock_mm (const CamTool *tool)
{
  return MIN (0.01, 0.1 * tool->d_mm);
}

static double
deflection_at (const CamWall *wall, const CamTool *tool, const CamMaterial *mat, const CamMachine *machine,
               const CamEngagement *limits, double ae_mm, double ap_mm, double *force_n)
{
  CamEngagement eng = *limits;
  eng.op = CAM_CUT_FINISH;
  eng.ap_mm = MIN (ap_mm, tool->loc_mm);
  eng.ae_mm = ae_mm;
  eng.fz_mm = 0;
  CamCutResult r;
  g_autoptr (GError) err = NULL;
  if (!cam_cutting_recommend (tool, mat, machine, &eng, &r, &err))
    {
      return NAN;
    }
  /* a step as deep as the wall is one pass over its whole free height, the flutes at its top */
  CamWall strip = *wall;
  strip.height_mm = MIN (ap_mm, wall->height_mm);
  if (force_n)
    *force_n = r.force_n;
  return cam_wall_deflection_mm (&strip, r.force_n, MIN (eng.ap_mm, strip.height_mm));
}

gboolean
cam_wall_finish_step (const CamWall *wall, const CamTool *tool, const CamMaterial *mat, const CamMachine *machine,
                      const CamEngagement *limits, double ae_mm, double ap_max_mm, CamWallStep *out)
{
  memset (out, 0, sizeof *out);
  double tol = limits->tolerance_mm > 0 ? limits->tolerance_mm : 0.01;
  double frac = limits->deflection_fraction > 0 ? limits->deflection_fraction : 0.5;
  out->allowed_mm = tol * frac;
  out->tolerance_mm = tol;
  double hi = MIN (ap_max_mm, wall->height_mm);
  if (!(hi > 0) || !(ae_mm > 0))
    return FALSE;
  out->usual_ap_mm = hi;
  out->usual_deflection_mm = deflection_at (wall, tool, mat, machine, limits, ae_mm, hi, &out->usual_force_n);
  if (!isfinite (out->usual_deflection_mm))
    return FALSE;
  out->ap_mm = hi;
  out->deflection_mm = out->usual_deflection_mm;
  out->force_n = out->usual_force_n;
  out->feasible = TRUE;
  if (out->usual_deflection_mm <= out->allowed_mm)
    return TRUE;
  double lo = MIN (AP_FLOOR_MM, hi);
  double f_lo = 0;
  double d_lo = deflection_at (wall, tool, mat, machine, limits, ae_mm, lo, &f_lo);
  if (!isfinite (d_lo) || d_lo > out->allowed_mm)
    {
      out->feasible = FALSE;
      out->ap_mm = lo;
      out->deflection_mm = d_lo;
      out->force_n = f_lo;
      return TRUE;
    }
  for (int i = 0; i < 40 && hi - lo > 1e-5; i++)
    {
      double mid = 0.5 * (lo + hi);
      double f = 0;
      double d = deflection_at (wall, tool, mat, machine, limits, ae_mm, mid, &f);
      if (isfinite (d) && d <= out->allowed_mm)
        lo = mid, d_lo = d, f_lo = f;
      else
        hi = mid;
    }
  /* on the 0.1 µm grid the generator cuts levels on, rounded down so the step keeps its promise */
  out->ap_mm = MAX (floor (lo * 1e4) / 1e4, 1e-4);
  out->deflection_mm = deflection_at (wall, tool, mat, machine, limits, ae_mm, out->ap_mm, &out->force_n);
  return TRUE;
}
