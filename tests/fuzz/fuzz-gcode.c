/* fuzz-gcode.c — libFuzzer target for the G-code reader, cycle expansion and statistics. */
#include "cam-gcode-reader.h"

#include <math.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  CamGcodeReaderOptions opt = { .max_messages = 50 };
  CamGcodeReader *r = cam_gcode_reader_new (&opt);
  GError *error = NULL;
  gboolean ok = cam_gcode_reader_parse (r, (const char *) data, size, "fuzz.ngc", NULL, NULL, NULL, &error);
  g_assert (ok && error == NULL);
  g_assert (r->errors->len <= 50 && r->warnings->len <= 50);
  for (guint i = 0; i < r->errors->len; i++)
    {
      const CamGcodeMessage *m = &g_array_index (r->errors, CamGcodeMessage, i);
      g_assert (m->line >= 1 && m->line <= r->n_lines && m->message[0] != '\0');
    }
  for (guint i = 0; i < r->toolpath->moves->len; i++)
    {
      const CamMove *m = cam_toolpath_move (r->toolpath, i);
      g_assert (m->source_line >= 1 && m->source_line <= r->n_lines);
      g_assert (m->tool_index < r->toolpath->tools->len);
    }
  /* lengths and times stay defined for whatever was read (when it expands to few moves) */
  double expanded = 0;
  for (guint i = 0; i < r->toolpath->moves->len; i++)
    {
      const CamMove *m = cam_toolpath_move (r->toolpath, i);
      expanded += m->type == CAM_MOVE_CYCLE && m->q_mm > 0 ? 3 * (m->r_z - m->z) / m->q_mm + 4 : 4;
    }
  if (expanded < 200000)
    {
      CamToolpathStats st;
      cam_toolpath_stats (r->toolpath, NULL, -1, &st);
      g_assert (!isnan (st.cut_length_mm) && !isnan (st.rapid_length_mm));
    }
  cam_gcode_reader_free (r);
  return 0;
}
