/* cam-finish.c — surface finish: feed marks, scallops, Ra, finish classes.
 *
 * A round cutting profile of radius r stepping by f leaves cusps of height
 *   h = r − √(r² − (f/2)²)  ≈  f² / (8 r)
 * (the classic cusp/scallop formula: Machinery's Handbook, "ball end mill scallop height";
 * G. W. Vickers, K. W. Quan, "Ball-mills versus end-mills for curved surface machining",
 * J. Eng. Ind. 111 (1989) 22–26). Applied to:
 *   - walls cut by the periphery of any end mill: r = D/2, f = fz  (peripheral feed marks);
 *   - ball-end floors: r = D/2, f = stepover (scallop) and fz along the feed;
 *   - bull-nose floors: r = corner radius, f = fz; the stepover leaves a cusp only where it
 *     exceeds the flat bottom (D − 2r).
 * Ra of such an arc profile is Rt/(18√3/8): Ra = f²/(18√3·r) ≈ 0.0321 f²/r vs Rt = f²/(8r)
 * (G. Boothroyd, W. A. Knight, "Fundamentals of Machining and Machine Tools", 3rd ed., CRC 2006).
 *
 * Micro-scale additions (X. Liu, R. E. DeVor, S. G. Kapoor, "Model-based analysis of the surface
 * generation in microendmilling, Part I/II", J. Manuf. Sci. Eng. 129 (2007) 453–468; M. P. Vogler
 * et al. 2004, Part I: surface generation):
 *   - runout: the longest flute sets the wall, so marks grow toward those of one flute per rev,
 *     Rt_kin = min(f_rev²/(8r), fz²/(8r) + TIR);
 *   - minimum chip thickness: material ploughed and sprung back adds about h_min/2 to Rt when
 *     cutting, and h_min when the chip is below h_min (a simplification of their model).
 * Finish classes (microcam's brief): polished Ra ≤ 0.4 µm, fine Ra ≤ 0.8 µm, else as machined. */
#include "cam-cutting-private.h"

#include <math.h>

double
cam_finish_cusp_height (double radius_mm, double step_mm)
{
  if (!(radius_mm > 0) || !(step_mm > 0))
    return 0.0;
  double half = step_mm / 2.0;
  if (half >= radius_mm)
    return radius_mm;
  return radius_mm - sqrt (radius_mm * radius_mm - half * half);
}

double
cam_finish_ra_from_rt (double rt_mm)
{
  return rt_mm * 8.0 / (18.0 * sqrt (3.0));
}

CamFinishClass
cam_finish_class_for_ra (double ra_um)
{
  if (ra_um <= 0.4)
    return CAM_FINISH_POLISHED;
  if (ra_um <= 0.8)
    return CAM_FINISH_FINE;
  return CAM_FINISH_AS_MACHINED;
}

const char *
cam_finish_class_to_string (CamFinishClass c)
{
  switch (c)
    {
    case CAM_FINISH_POLISHED: return "polished";
    case CAM_FINISH_FINE: return "fine";
    case CAM_FINISH_AS_MACHINED:
    default: return "as machined";
    }
}

double
cam_finish_rt (const CamTool *tool, CamCutKind op, double fz_mm, double ae_mm, double h_max_mm,
               double h_min_mm, double runout_mm)
{
  double R = tool->d_mm / 2.0;
  double kin;
  gboolean floor = op == CAM_CUT_FINISH && (tool->kind == CAM_TOOL_BALL || tool->kind == CAM_TOOL_BULL);
  if (floor && tool->kind == CAM_TOOL_BALL)
    kin = MAX (cam_finish_cusp_height (R, ae_mm), cam_finish_cusp_height (R, fz_mm));
  else if (floor)
    {
      double r = tool->corner_r_mm;
      double flat = tool->d_mm - 2.0 * r;
      double over = ae_mm - flat;
      double scallop = over > 0 ? cam_finish_cusp_height (r, over) : 0.0;
      kin = MAX (scallop, cam_finish_cusp_height (r, fz_mm));
    }
  else
    {
      /* Wall by the periphery, with runout pulling toward one-flute marks. */
      double all = cam_finish_cusp_height (R, fz_mm);
      double one = cam_finish_cusp_height (R, fz_mm * tool->flutes);
      kin = MIN (one, all + runout_mm);
    }
  double plough = h_max_mm >= h_min_mm ? 0.5 * h_min_mm : h_min_mm;
  return kin + plough;
}
