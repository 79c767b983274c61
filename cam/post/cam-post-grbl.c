/* cam-post-grbl.c — the grbl 1.1 dialect table and hooks.
 *
 * What grbl 1.1 accepts (github.com/gnea/grbl/wiki, "Grbl v1.1 Commands", and gcode.c):
 *   G0 G1 G2 G3 (I J or R; no P turns), G4 P seconds, G17–G19, G20/G21, G40, G43.1/G49,
 *   G53, G54–G59, G61, G80, G90/G91, G91.1, G92, G93/G94; M0 M1 M2 M30, M3 M4 M5, M7 M8 M9;
 *   F S T words, N line numbers, comments in ( ) or after ';'. Lines at most 80 characters
 *   (LINE_BUFFER_SIZE).
 * Not accepted, so never written: canned cycles (G73 G81–G89, G98/G99: holes go out as the
 *   moves LinuxCNC makes for them, cam_toolpath_expand_cycles()), M6 (error 20: tool change
 *   is a pause M0 for the operator), G43 H tool-length offsets, O-numbers, '%', P on arcs
 *   (each extra turn a full circle, cam-post.c). S is clamped to the machine's maximum by
 *   the caller's CamPostOptions.max_rpm (grbl scales S to $30).
 */
#include "cam-post.h"

#include <math.h>
#include <string.h>

#define GRBL_COMMENT_CHARS 64   /* comment text so that a line stays under 80 characters */

static void
comment (CamPostWriter *w, const char *fmt, ...) G_GNUC_PRINTF (2, 3);

static void
comment (CamPostWriter *w, const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  g_autofree char *raw = g_strdup_vprintf (fmt, ap);
  va_end (ap);
  g_autoptr (GString) plain = g_string_new (raw);
  /* plain ASCII: grbl counts bytes, and a sender may not pass UTF-8 ("Ø0.2" → "dia0.2") */
  g_string_replace (plain, "Ø", "dia", 0);
  g_string_replace (plain, "µ", "u", 0);
  g_string_replace (plain, "×", "x", 0);
  char *text = plain->str;
  for (char *p = text; *p; p++)
    if ((unsigned char) *p >= 0x80)
      *p = '?';
  if (strlen (text) > GRBL_COMMENT_CHARS)
    text[GRBL_COMMENT_CHARS] = '\0';
  cam_post_writer_comment (w, "%s", text);
}

static void
grbl_header (CamPostWriter *w, const CamToolpath *tp, const CamPostOptions *opt)
{
  comment (w, "microcam - grbl 1.1");
  if (opt->part_name)
    comment (w, "part %s", opt->part_name);
  if (opt->material)
    comment (w, "material %s", opt->material);
  if (opt->machine)
    comment (w, "machine %s", opt->machine);
  for (guint i = 0; i < tp->tools->len; i++)
    {
      const CamToolpathTool *t = g_ptr_array_index (tp->tools, i);
      comment (w, "T%u d%.3f %s", t->number, t->diameter_mm, t->spec);
    }
  if (isfinite (opt->cycle_time_s))
    comment (w, "cycle time %.1f min", opt->cycle_time_s / 60);
  if (isfinite (opt->min_safety_factor))
    comment (w, "min safety factor %.2f", opt->min_safety_factor);
  if (opt->has_stock)
    {
      g_autofree char *box = cam_post_stock_text (opt, cam_post_writer_decimals (w));
      comment (w, "stock: %s", box);
    }
  if (opt->tolerance_mm > 0)
    comment (w, "tolerance: +-%.4f mm", opt->tolerance_mm);
  for (const char *const *u = opt->unreachable; u && *u; u++)
    comment (w, "unreachable %s", *u);
}

static void
grbl_tool_change (CamPostWriter *w, const CamToolpathTool *tool, double rpm, const CamPostOptions *opt)
{
  const CamPostDialect *d = cam_post_writer_dialect (w);
  cam_post_writer_line (w, "%s %s", d->spindle_stop, d->coolant_off);
  comment (w, "change to T%u %s, set its length, resume", tool->number, tool->label);
  cam_post_writer_line (w, "M0");
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

static const CamPostDialect grbl = {
  .name = "grbl",
  .description = "grbl 1.1",
  .extension = "gcode",
  .decimals = 4,
  .feed_decimals = 1,
  .program_start = NULL,
  .program_end = "M30",
  .program_trailer = NULL,
  .comment_open = "(",
  .comment_close = ")",
  .safe_start = "G17 G21 G40 G49 G90 G94",
  .rapid = "G0",
  .feed = "G1",
  .arc_cw = "G2",
  .arc_ccw = "G3",
  .dwell_fmt = "G4 P%.3f",
  .canned_cycles = FALSE,
  .tool_change = FALSE,
  .tool_length_offset = FALSE,
  .spindle_cw = "M3",
  .spindle_stop = "M5",
  .coolant_mist = "M7",
  .coolant_flood = "M8",
  .coolant_off = "M9",
  .modal_coordinates = TRUE,
  .arc_turns_p = FALSE,
  .cycle_dwell_ms = FALSE,
  .header = grbl_header,
  .tool_change_hook = grbl_tool_change,
};

const CamPostDialect *
cam_post_grbl (void)
{
  return &grbl;
}
