/* cam-cutting.c — names of the cutting enums, engagement defaults, warnings in words.
 * The physics is in cam-feeds.c, cam-force.c, cam-deflection.c, cam-finish.c, cam-drill.c and
 * cam-limits.c (see cam-cutting.h). */
#include "cam-cutting.h"

#include <string.h>

static const char *const op_names[] = { "slot", "side", "pocket", "finish", "drill" };

const char *
cam_cut_kind_to_string (CamCutKind op)
{
  return (guint) op < G_N_ELEMENTS (op_names) ? op_names[op] : "unknown";
}

gboolean
cam_cut_kind_from_string (const char *s, CamCutKind *out)
{
  for (guint i = 0; s != NULL && i < G_N_ELEMENTS (op_names); i++)
    if (strcmp (s, op_names[i]) == 0)
      {
        *out = (CamCutKind) i;
        return TRUE;
      }
  return FALSE;
}

const char *
cam_limit_to_string (CamLimit limit)
{
  switch (limit)
    {
    case CAM_LIMIT_SPINDLE_MAX_RPM: return "spindle_max_rpm";
    case CAM_LIMIT_DEFLECTION: return "deflection";
    case CAM_LIMIT_BREAKAGE: return "breakage";
    case CAM_LIMIT_PLOUGHING: return "ploughing";
    case CAM_LIMIT_POWER: return "power";
    case CAM_LIMIT_MACHINE_MAX_FEED: return "machine_max_feed";
    case CAM_LIMIT_MATERIAL:
    default: return "material";
    }
}

const char *
cam_limit_describe (CamLimit limit)
{
  switch (limit)
    {
    case CAM_LIMIT_SPINDLE_MAX_RPM:
      return "the spindle's maximum speed: the tool wants more rpm, so the feed is lower to keep the chip load";
    case CAM_LIMIT_DEFLECTION:
      return "tool deflection: a faster feed would bend the tool beyond the allowed deflection";
    case CAM_LIMIT_BREAKAGE:
      return "tool breakage: a faster feed would bring the bending stress too close to the tool's rupture strength";
    case CAM_LIMIT_PLOUGHING:
      return "ploughing: the chip load is raised to stay above the minimum chip thickness of the cutting edge";
    case CAM_LIMIT_POWER:
      return "spindle power: a faster feed would need more power than the spindle has";
    case CAM_LIMIT_MACHINE_MAX_FEED:
      return "the machine's maximum feed rate";
    case CAM_LIMIT_MATERIAL:
    default:
      return "the material's recommended chip load for this tool diameter";
    }
}

const char *
cam_process_to_string (CamProcess p)
{
  switch (p)
    {
    case CAM_PROCESS_MICRO_MILL: return "micro-mill";
    case CAM_PROCESS_MICRO_EDM: return "micro-edm";
    case CAM_PROCESS_ULTRASONIC: return "ultrasonic";
    case CAM_PROCESS_LASER: return "laser";
    case CAM_PROCESS_MICRO_DRILL:
    default: return "micro-drill";
    }
}

void
cam_engagement_init (CamEngagement *eng, CamCutKind op)
{
  memset (eng, 0, sizeof *eng);
  eng->op = op;
}

GPtrArray *
cam_cut_result_warnings (const CamCutResult *r, const CamTool *tool, const CamMaterial *mat,
                         const CamMachine *machine)
{
  GPtrArray *w = g_ptr_array_new_with_free_func (g_free);
  guint f = r->warnings;
  if (f & CAM_CUT_WARN_INFEASIBLE)
    g_ptr_array_add (w, g_strdup_printf (
      "no feed meets every limit: even at the minimum chip thickness (%.2f µm) the %s limit is exceeded; %s",
      r->h_min_mm * 1000, cam_limit_to_string (r->binding_limit),
      r->op == CAM_CUT_DRILL ? "use a stronger (shorter) drill or another process"
                            : "reduce ap/ae, use a shorter stick-out or a stiffer tool"));
  if (f & CAM_CUT_WARN_PLOUGHING)
    g_ptr_array_add (w, g_strdup_printf (
      "ploughing: the chip (%.2f µm) is thinner than the minimum chip thickness %.2f µm (%.2f × edge radius %.1f µm): "
      "rubbing, burrs, heat and poor finish", r->h_max_mm * 1000, r->h_min_mm * 1000, mat->hmin_ratio,
      tool->edge_radius_um));
  if (f & CAM_CUT_WARN_SKIM)
    g_ptr_array_add (w, g_strdup_printf (
      "skim: radial contact %.4f mm is under 1 %% of D (%.3f mm): the edge rubs rather than cuts", r->ae_mm, tool->d_mm));
  if (f & CAM_CUT_WARN_RUNOUT)
    g_ptr_array_add (w, g_strdup_printf (
      "runout %.1f µm is at least half the chip (%.2f µm): one flute does most of the cutting (peak chip %.2f µm)",
      machine->runout_um, r->h_max_mm * 1000, r->h_peak_mm * 1000));
  if (f & CAM_CUT_WARN_DEFLECTION)
    g_ptr_array_add (w, g_strdup_printf ("deflection %.2f µm exceeds the allowed %.2f µm",
                                         r->deflection_um, r->allowed_deflection_um));
  if (f & CAM_CUT_WARN_BREAKAGE)
    g_ptr_array_add (w, g_strdup_printf ("breakage risk: safety factor %.2f (stress %.0f MPa vs TRS %.0f MPa)",
                                         r->safety_factor, r->stress_mpa, tool->trs_mpa));
  if (f & CAM_CUT_WARN_POWER)
    g_ptr_array_add (w, g_strdup_printf ("power %.0f W exceeds the spindle's %.0f W", r->power_w, machine->power_w));
  if (f & CAM_CUT_WARN_MAX_FEED)
    g_ptr_array_add (w, g_strdup_printf ("feed %.0f mm/min exceeds the machine's max %.0f mm/min",
                                         r->feed_mm_min, machine->max_feed_mm_min));
  if (f & CAM_CUT_WARN_RPM_CAPPED)
    g_ptr_array_add (w, g_strdup_printf (
      "the material wants more than the spindle's %.0f rpm for Ø%.3f mm: cutting speed only %.1f m/min, feed scaled down to keep the chip load",
      machine->rpm_max, tool->d_mm, r->vc_m_min));
  if (f & CAM_CUT_WARN_RPM_RAISED)
    g_ptr_array_add (w, g_strdup_printf ("the spindle's minimum %.0f rpm is above the material's cutting speed (%.0f m/min)",
                                         machine->rpm_min, r->vc_m_min));
  if (f & CAM_CUT_WARN_AP_LIMIT)
    g_ptr_array_add (w, g_strdup_printf ("ap %.3f mm is deeper than recommended for micro tools in %s", r->ap_mm, mat->id));
  if (f & CAM_CUT_WARN_AE_LIMIT)
    g_ptr_array_add (w, g_strdup_printf ("ae %.3f mm is wider than recommended for micro tools in %s", r->ae_mm, mat->id));
  if (f & CAM_CUT_WARN_HSS_UNSUITABLE)
    g_ptr_array_add (w, g_strdup_printf ("HSS is not suitable for %s: use carbide", mat->name));
  if (f & CAM_CUT_WARN_CHIP_LOAD_HIGH)
    g_ptr_array_add (w, g_strdup_printf ("chip load %.4f mm is above the material's recommendation", r->fz_mm));
  if (f & CAM_CUT_WARN_VC_HIGH)
    g_ptr_array_add (w, g_strdup_printf ("cutting speed %.0f m/min is above the material's recommendation", r->vc_m_min));
  if (f & CAM_CUT_WARN_DRILL_DEPTH)
    g_ptr_array_add (w, g_strdup_printf ("hole depth %.3f mm is beyond the drill's flute length %.3f mm",
                                         r->drill.depth_mm, tool->loc_mm));
  if (f & CAM_CUT_WARN_PROCESS)
    g_ptr_array_add (w, g_strdup_printf (
      "a twist drill is not the right process for Ø%.3f × %.3f mm (%.1f×D) in %s: use %s",
      tool->d_mm, r->drill.depth_mm, r->drill.aspect_ratio, mat->id, cam_process_to_string (r->drill.process)));
  if (f & CAM_CUT_WARN_SPOT_FIRST)
    g_ptr_array_add (w, g_strdup_printf ("spot first with a %.0f° spot drill (the drill's point angle or "
                                         "blunter, so its centre meets the work first), %.3f mm deep",
                                         r->drill.spot_angle_deg, r->drill.spot_depth_mm));
  if (f & CAM_CUT_WARN_TOOL_KIND)
    g_ptr_array_add (w, g_strdup_printf ("a %s is not meant for %s%s", tool->kind == CAM_TOOL_SPOT ? "spot drill" : "chamfer mill",
                                         r->op == CAM_CUT_DRILL ? "holes deeper than half its diameter" : cam_cut_kind_to_string (r->op),
                                         r->op == CAM_CUT_DRILL ? ": use a drill" : " milling: use an end mill"));
  return w;
}
