/* cam-feeds.c — spindle speed, chip load, radial chip thinning, minimum chip thickness, runout.
 *
 * Spindle speed from cutting speed:  n = 1000 · vc / (π · D)            [rpm, vc in m/min, D in mm]
 *   (Sandvik Coromant Technical Guide, "Milling formulas and definitions"; Machinery's Handbook)
 *   clamped to the spindle's [rpm_min, rpm_max]. The chip load per tooth is kept, so the table
 *   feed vf = n · z · fz follows the rpm really available (the feed is "scaled to keep chip load").
 *   Ball end mills cut at the effective diameter De = 2·√(ap·(D − ap)) when ap < D/2
 *   (Sandvik Coromant Technical Guide, "effective cutting diameter"; Harvey Tool ball-nose guide).
 *
 * Radial chip thinning (ae < D/2): the engagement angle φ = arccos(1 − 2·ae/D) and the largest chip
 *   h_max = fz · sin φ  =  fz · 2·√((ae/D)(1 − ae/D))        (ae < D/2; h_max = fz otherwise)
 *   (Sandvik Coromant Technical Guide: hex = fz·√(1 − (1 − 2ae/Dc)²); Harvey Tool "radial chip thinning").
 * Mean chip over the engagement (integral of fz·sin θ over θ ∈ [0, φ], divided by φ):
 *   h_m = fz · (1 − cos φ) / φ = fz · (2·ae/D) / φ
 *   (Y. Altintas, "Manufacturing Automation", 2nd ed., Cambridge 2012, ch. 2; Sandvik's hm formula).
 *
 *        fz
 *      |<->|          φ: the arc of the cutter in the work; the chip is thickest at its end.
 *    __|___|__
 *   /  tool   \  ae
 *
 * Minimum uncut chip thickness: below h_min the edge ploughs instead of cutting,
 *   h_min = k · r_e,  k ≈ 0.2–0.4 for metals
 *   (X. Liu, R. E. DeVor, S. G. Kapoor, J. Manuf. Sci. Eng. 128 (2006) 474–481; M. P. Vogler,
 *   R. E. DeVor, S. G. Kapoor, J. Manuf. Sci. Eng. 126 (2004) 685–694; M. Malekian et al.,
 *   J. Mater. Process. Technol. 212 (2012) 553–559). k per material is in the data file.
 *
 * Runout: with radial runout (TIR) the flutes cut at different radii; the longest flute's chip
 *   grows by up to the TIR and the shortest shrinks by as much — at fz ≤ TIR one flute does all
 *   the cutting (its chip is z·fz … here bounded by 2·h_max)
 *   (W. Y. Bao, I. N. Tansel, "Modeling micro-end-milling operations. Part II: tool run-out",
 *   Int. J. Mach. Tools Manuf. 40 (2000) 2175–2192).
 *
 * Axial depth in a full slot: micro end mills are not slotted at the 0.5–1·D of larger cutters.
 *   Kyocera SGS Precision Tools' micro end mill chart (catalogue "Micro tools" 2021, ae/ap
 *   recommendations by flute length or reach, slotting, all material groups) gives ap/D for
 *   DC ≤ 0.0312 in. (0.79 mm) | DC above, by the flute length (or reach) L in × D:
 *     L ≤ 3: 0.15 | 0.30    ≤ 5: 0.08 | 0.20    ≤ 8: 0.07 | 0.17    ≤ 15: 0.06 | 0.15    beyond: 0.04 | 0.10
 *   Harvey Tool ("Successful slotting with miniature cutting tools": a micro slot is made in
 *   shallow steps, not slotted at depth) says the same in words. The material's own ap_slot_d
 *   can only lower it (hardened steel). */
#include "cam-cutting-private.h"

#include <math.h>

double
cam_feeds_rpm_for_vc (double vc_m_min, double d_mm)
{
  return d_mm > 0 ? 1000.0 * vc_m_min / (G_PI * d_mm) : 0.0;
}

double
cam_feeds_vc_for_rpm (double rpm, double d_mm)
{
  return G_PI * d_mm * rpm / 1000.0;
}

double
cam_feeds_engagement_angle (double ae_mm, double d_mm)
{
  if (!(d_mm > 0) || !(ae_mm > 0))
    return 0.0;
  double c = 1.0 - 2.0 * MIN (ae_mm, d_mm) / d_mm;
  return acos (CLAMP (c, -1.0, 1.0));
}

double
cam_feeds_thinning_factor (double ae_mm, double d_mm)
{
  if (!(d_mm > 0) || !(ae_mm > 0))
    return 0.0;
  if (ae_mm >= d_mm / 2)
    return 1.0;
  return sin (cam_feeds_engagement_angle (ae_mm, d_mm));
}

double
cam_feeds_mean_chip (double fz_mm, double ae_mm, double d_mm)
{
  double phi = cam_feeds_engagement_angle (ae_mm, d_mm);
  if (!(phi > 0))
    return 0.0;
  return fz_mm * (1.0 - cos (phi)) / phi;
}

double
cam_feeds_peak_chip (double h_max_mm, double runout_mm, int flutes)
{
  if (flutes < 2)
    return h_max_mm;
  return h_max_mm + MIN (runout_mm, h_max_mm);
}

double
cam_feeds_slot_ap_ratio (const CamTool *tool, const CamMaterial *mat)
{
  static const struct { double reach_d, small, large; } chart[] = {
    { 3.0, 0.15, 0.30 }, { 5.0, 0.08, 0.20 }, { 8.0, 0.07, 0.17 }, { 15.0, 0.06, 0.15 }, { G_MAXDOUBLE, 0.04, 0.10 },
  };
  double d = tool->d_mm;
  double reach_d = d > 0 ? MAX (tool->loc_mm, tool->reach_mm) / d : 0.0;
  guint i = 0;
  while (reach_d > chart[i].reach_d + 1e-9)
    i++;
  double ratio = d <= 0.79 + 1e-9 ? chart[i].small : chart[i].large;
  return mat->ap_slot_d > 0 ? MIN (ratio, mat->ap_slot_d) : ratio;
}

double
cam_feeds_min_chip (const CamMaterial *mat, const CamTool *tool)
{
  return mat->hmin_ratio * tool->edge_radius_um * 1e-3;
}

/* The diameter that sets the cutting speed: a ball cutting shallower than its radius cuts
 * at a smaller effective diameter. */
static double
speed_diameter (const CamTool *tool, double ap_mm)
{
  if (tool->kind == CAM_TOOL_BALL && ap_mm > 0 && ap_mm < tool->d_mm / 2)
    return 2.0 * sqrt (ap_mm * (tool->d_mm - ap_mm));
  return tool->d_mm;
}

double
cam_feeds_recommended_rpm (const CamTool *tool, const CamMaterial *mat, const CamMachine *machine,
                           CamCutKind op, gboolean *capped_max, gboolean *raised_min)
{
  double vmin, vmax;
  if (op == CAM_CUT_DRILL)
    {
      vmin = mat->vc_drill_min;
      vmax = mat->vc_drill_max;
    }
  else if (tool->material == CAM_TOOL_HSS && mat->vc_hss_max > 0)
    {
      vmin = mat->vc_hss_min;
      vmax = mat->vc_hss_max;
    }
  else
    {
      vmin = mat->vc_carbide_min;
      vmax = mat->vc_carbide_max;
    }
  if (tool->material == CAM_TOOL_HSS && op == CAM_CUT_DRILL && mat->vc_hss_max > 0)
    {
      /* HSS drills run at HSS speeds at most. */
      vmin = MIN (vmin, mat->vc_hss_min);
      vmax = MIN (vmax, mat->vc_hss_max);
    }
  /* The makers' micro charts give three speeds — slotting, profiling, light cuts (Kyocera SGS
   * Series 1M/3M/5M: 57 / 78 / 118 m/min in 316): the range's bottom for a full slot, its middle
   * for side and pocket roughing, the top for finishing (Sandvik: finish at higher vc, lower fz).
   * Drilling keeps the middle of the drilling range. */
  double vc = op == CAM_CUT_FINISH ? vmax : op == CAM_CUT_SLOT ? vmin : 0.5 * (vmin + vmax);
  double n = cam_feeds_rpm_for_vc (vc, tool->d_mm);
  if (capped_max)
    *capped_max = n > machine->rpm_max;
  if (raised_min)
    *raised_min = n < machine->rpm_min;
  return CLAMP (n, machine->rpm_min, machine->rpm_max);
}

double
cam_feeds_vc_at (const CamTool *tool, double rpm, double ap_mm)
{
  return cam_feeds_vc_for_rpm (rpm, speed_diameter (tool, ap_mm));
}
