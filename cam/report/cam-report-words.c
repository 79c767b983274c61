/* cam-report-words.c — human words for what the engine names with identifiers, so that the
 * process sheet says "peck drilling" and "the spindle's maximum speed", never `peck` or
 * `spindle_max_rpm` (see cam-report-private.h). */
#include "cam-report-private.h"
#include "cam-dfm-html.h"

#include <math.h>
#include <string.h>

#include "cam-process-words.h"

const char *
report_op_kind_words (CamJobOpKind kind)
{
  switch (kind)
    {
    case CAM_JOB_OP_SPOT: return "spot drilling";
    case CAM_JOB_OP_DRILL: return "drilling";
    case CAM_JOB_OP_PECK: return "peck drilling";
    case CAM_JOB_OP_POCKET: return "pocket milling";
    case CAM_JOB_OP_PROFILE: return "profile milling";
    case CAM_JOB_OP_FACE: return "facing";
    case CAM_JOB_OP_HELIX: return "helical milling of a hole";
    default: return "operation";
    }
}

const char *
report_cycle_words (CamCycle cycle)
{
  switch (cycle)
    {
    case CAM_CYCLE_DRILL: return "G81 drilling: feed to depth, rapid out";
    case CAM_CYCLE_DRILL_DWELL: return "G82 drilling with a dwell at the bottom";
    case CAM_CYCLE_PECK: return "G83 peck drilling: after each peck the drill goes out to the R plane to clear "
                                "the chips";
    case CAM_CYCLE_CHIPBREAK: return "G73 chip-breaking peck drilling: a short retract after each peck";
    case CAM_CYCLE_NONE:
    default: return "no canned cycle";
    }
}

const char *
report_coolant_words (CamCoolant coolant)
{
  switch (coolant)
    {
    case CAM_COOLANT_MIST: return "mist";
    case CAM_COOLANT_FLOOD: return "flood";
    case CAM_COOLANT_OFF:
    default: return "none (dry)";
    }
}

const char *
report_origin_words (CamOrigin origin)
{
  switch (origin)
    {
    case CAM_ORIGIN_CORNER: return "the stock's front left corner: X0 Y0 at the stock's smallest X and Y, Z0 on the "
                                   "stock top";
    case CAM_ORIGIN_CENTER: return "the centre of the stock: X0 Y0 at the middle of the stock seen from above, Z0 on "
                                   "the stock top";
    case CAM_ORIGIN_MODEL:
    default: return "the part model's origin: X0 Y0 where the model has its X0 Y0, Z0 on the stock top";
    }
}

const char *
report_process_words (const char *process)
{
  return cam_process_describe (process);
}

char *
report_feature_words (const CamFeature *f)
{
  GString *s = g_string_new (NULL);
  const char *through = f->through == 1 ? ", through" : f->through == 0 ? ", blind" : "";
  switch (f->kind)
    {
    case CAM_FEATURE_HOLE:
      g_string_append_printf (s, "hole Ø%.3f mm, %.3f mm deep%s", f->diameter_mm, f->depth_mm, through);
      break;
    case CAM_FEATURE_POCKET:
      g_string_append_printf (s, "pocket %.3f mm wide at its narrowest, %.3f mm deep%s", f->min_width_mm,
                              f->depth_mm, through);
      break;
    case CAM_FEATURE_SLOT:
      g_string_append_printf (s, "slot %.3f mm wide, %.3f mm long, %.3f mm deep%s", f->min_width_mm, f->length_mm,
                              f->depth_mm, through);
      break;
    case CAM_FEATURE_WALL:
      g_string_append_printf (s, "thin wall %.3f mm thick, %.3f mm high", f->thickness_mm, f->height_mm);
      break;
    case CAM_FEATURE_PROFILE:
      g_string_append_printf (s, "outer profile, %.3f mm high", f->height_mm);
      break;
    case CAM_FEATURE_BOSS:
      g_string_append_printf (s, "boss %.3f mm high", f->height_mm);
      break;
    case CAM_FEATURE_UNDERCUT:
    default:
      g_string_append (s, "undercut: not reachable from the top");
      break;
    }
  if ((f->kind == CAM_FEATURE_POCKET || f->kind == CAM_FEATURE_SLOT) && isfinite (f->min_corner_radius_mm)
      && f->min_corner_radius_mm > 0)
    g_string_append_printf (s, ", inside corners R%.3f mm", f->min_corner_radius_mm);
  /* NAN sizes are not the feature's: say "unknown" rather than "nan" */
  g_autofree char *text = g_string_free (s, FALSE);
  g_autoptr (GRegex) nan = g_regex_new ("-?nan", G_REGEX_CASELESS, 0, NULL);
  return g_regex_replace_literal (nan, text, -1, 0, "unknown", 0, NULL);
}

void
report_append_limit (GString *s, CamLimit limit)
{
  const char *words = cam_limit_describe (limit);
  const char *colon = strchr (words, ':');
  g_autofree char *name = colon ? g_strndup (words, colon - words) : g_strdup (words);
  g_string_append (s, "<b>");
  cam_html_append_escaped (s, name);
  g_string_append (s, "</b>");
  if (colon)
    cam_html_append_escaped (s, colon);
}

void
report_append_mm (GString *s, double mm)
{
  if (!isfinite (mm))
    {
      g_string_append (s, "unknown");
      return;
    }
  if (fabs (mm) < 5e-4)
    mm = 0;   /* no "−0.000" */
  g_string_append_printf (s, "%s%.3f mm", mm < 0 ? "−" : "", fabs (mm));
}
