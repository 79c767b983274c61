/* cam-post-fanuc.c — the Fanuc-style (0i/30i-MF, ISO 6983) milling dialect table and hooks.
 *
 * Words as in the Fanuc Series 0i-MF operator's manual (B-64604EN), "Programming":
 *   program between '%' lines, O-number first; G17 G21 G40 G49 G80 G90 G94 safe start;
 *   T n M06 then G43 H n; G81/G82/G83/G73 with R, Q (incremental peck depth, positive) and
 *   G98/G99 initial-level / R-point return; G82 dwell P in milliseconds (P1000 = 1 s);
 *   G04 X seconds; G02/G03 with I J (no P for turns: each extra turn is written as a full
 *   circle, cam-post.c); M30 end.
 * Coordinates with 3 decimals (increment system IS-B, 0.001 mm, the standard; machines
 * with IS-C take --decimals 4). Comments in parentheses, upper case (older controls do
 * not display lower case).
 */
#include "cam-post.h"

#include <math.h>

/* Upper-case ASCII comment text (Fanuc controls take ISO/EIA characters only: "Ø0.2" becomes
 * "DIA0.2", "µm" "UM"), shortened to what a Fanuc line holds comfortably. */
static void
comment (CamPostWriter *w, const char *text)
{
  g_autoptr (GString) plain = g_string_new (text);
  g_string_replace (plain, "Ø", "DIA", 0);
  g_string_replace (plain, "µ", "U", 0);
  g_autofree char *ascii = g_str_to_ascii (plain->str, "C");
  g_autofree char *up = g_ascii_strup (ascii, -1);
  if (g_utf8_strlen (up, -1) > 60)
    *g_utf8_offset_to_pointer (up, 60) = '\0';
  cam_post_writer_comment (w, "%s", up);
}

static void
fanuc_header (CamPostWriter *w, const CamToolpath *tp, const CamPostOptions *opt)
{
  comment (w, "MICROCAM - FANUC");
  if (opt->part_name)
    {
      g_autofree char *t = g_strdup_printf ("PART %s", opt->part_name);
      comment (w, t);
    }
  if (opt->material)
    {
      g_autofree char *t = g_strdup_printf ("MATERIAL %s", opt->material);
      comment (w, t);
    }
  if (opt->machine)
    {
      g_autofree char *t = g_strdup_printf ("MACHINE %s", opt->machine);
      comment (w, t);
    }
  for (guint i = 0; i < tp->tools->len; i++)
    {
      const CamToolpathTool *tool = g_ptr_array_index (tp->tools, i);
      g_autofree char *t = g_strdup_printf ("T%u D%.3f %s", tool->number, tool->diameter_mm, tool->spec);
      comment (w, t);
    }
  if (isfinite (opt->cycle_time_s))
    {
      g_autofree char *t = g_strdup_printf ("CYCLE TIME %.1f MIN", opt->cycle_time_s / 60);
      comment (w, t);
    }
  if (isfinite (opt->min_safety_factor))
    {
      g_autofree char *t = g_strdup_printf ("MIN SAFETY FACTOR %.2f", opt->min_safety_factor);
      comment (w, t);
    }
  /* at the program's own decimals (3, IS-B), so the box stays within the 60 characters */
  if (opt->has_stock)
    {
      g_autofree char *box = cam_post_stock_text (opt, cam_post_writer_decimals (w));
      g_autofree char *t = g_strdup_printf ("STOCK: %s", box);
      comment (w, t);
    }
  if (opt->tolerance_mm > 0)
    {
      g_autofree char *t = g_strdup_printf ("TOLERANCE: +-%.4f MM", opt->tolerance_mm);
      comment (w, t);
    }
  for (const char *const *u = opt->unreachable; u && *u; u++)
    {
      g_autofree char *t = g_strdup_printf ("UNREACHABLE %s", *u);
      comment (w, t);
    }
}

static void
fanuc_tool_change (CamPostWriter *w, const CamToolpathTool *tool, double rpm, const CamPostOptions *opt)
{
  const CamPostDialect *d = cam_post_writer_dialect (w);
  cam_post_writer_line (w, "M05 M09");
  cam_post_writer_line (w, "G91 G28 Z0.");   /* tool change position: Z home (Fanuc practice) */
  cam_post_writer_line (w, "G90");
  g_autofree char *t = g_strdup_printf ("T%u %s", tool->number, tool->label);
  comment (w, t);
  cam_post_writer_line (w, "T%02u M06", tool->number);
  cam_post_writer_line (w, "G43 H%02u", tool->number);
  if (isfinite (rpm) && rpm > 0)
    {
      cam_post_writer_line (w, "S%.0f %s", rpm, d->spindle_cw);
      if (opt->spindle_warmup_s > 0)
        cam_post_writer_line (w, d->dwell_fmt, opt->spindle_warmup_s);
    }
  if (tool->coolant == CAM_COOLANT_MIST)
    cam_post_writer_line (w, "%s", d->coolant_mist);
  else if (tool->coolant == CAM_COOLANT_FLOOD)
    cam_post_writer_line (w, "%s", d->coolant_flood);
}

static const CamPostDialect fanuc = {
  .name = "fanuc",
  .description = "Fanuc-style ISO milling (0i/30i)",
  .extension = "nc",
  .decimals = 3,
  .feed_decimals = 1,
  .program_start = "%",
  .program_number_fmt = "O%04u",   /* O0001–O9999 */
  .program_number = 1000,
  .program_end = "M30",
  .program_trailer = "%",
  .comment_open = "(",
  .comment_close = ")",
  .safe_start = "G17 G21 G40 G49 G80 G90 G94",
  .rapid = "G00",
  .feed = "G01",
  .arc_cw = "G02",
  .arc_ccw = "G03",
  .dwell_fmt = "G04 X%.3f",
  .canned_cycles = TRUE,
  .cycle_drill = "G81",
  .cycle_drill_dwell = "G82",
  .cycle_peck = "G83",
  .cycle_chipbreak = "G73",
  .cycle_cancel = "G80",
  .retract_old_z = "G98",
  .retract_r_plane = "G99",
  .tool_change = TRUE,
  .tool_length_offset = TRUE,
  .spindle_cw = "M03",
  .spindle_stop = "M05",
  .coolant_mist = "M07",
  .coolant_flood = "M08",
  .coolant_off = "M09",
  .modal_coordinates = TRUE,
  .arc_turns_p = FALSE,
  .cycle_dwell_ms = TRUE,
  .header = fanuc_header,
  .tool_change_hook = fanuc_tool_change,
};

const CamPostDialect *
cam_post_fanuc (void)
{
  return &fanuc;
}
