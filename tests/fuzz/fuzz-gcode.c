/* fuzz-gcode.c — libFuzzer target for the G-code reader, cycle expansion, statistics and the
 * physics review. */
#include "cam-gcode-reader.h"
#include "cam-gcode-review.h"
#include "cam-library.h"

#include <math.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  /* a loop that never ends is stopped after 10⁵ lines here (2·10⁸ by default: seconds per input) */
  CamGcodeReaderOptions opt = { .max_messages = 50, .max_blocks = 100000 };
  CamGcodeReader *r = cam_gcode_reader_new (&opt);
  GError *error = NULL;
  gboolean ok = cam_gcode_reader_parse (r, (const char *) data, size, "fuzz.ngc", NULL, NULL, NULL, &error);
  g_assert (ok && error == NULL);
  g_assert (r->errors->len <= 50 && r->warnings->len <= 50);
  for (guint i = 0; i < r->errors->len; i++)
    {
      const CamDiagnostic *m = &g_array_index (r->errors, CamDiagnostic, i);
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
  /* the review of whatever was read: every evaluated move gets finite physics */
  static CamLibrary *lib;
  static CamTool *tools[2];
  if (lib == NULL)
    {
      lib = cam_library_new_with_config_dir (NULL);
      tools[0] = cam_tool_new_from_spec ("flat:d=0.2,z=2", NULL);
      tools[1] = cam_tool_new_from_spec ("drill:d=0.3", NULL);
    }
  const CamMaterial *mat = cam_library_find_material (lib, "ss316l");
  const CamMachine *machine = cam_library_find_machine (lib, "micro60k");
  g_assert (mat != NULL && machine != NULL);
  for (int k = 0; k < 2; k++)
    {
      CamGcodeReviewOptions vopt;
      cam_gcode_review_options_init (&vopt);
      vopt.max_findings = 20;
      CamGcodeReview rv;
      g_assert (cam_gcode_review_run (r->toolpath, tools[k], mat, machine, &vopt, &rv, NULL));
      g_assert (rv.findings->len <= 20);
      if (rv.n_evaluated > 0)
        {
          g_assert (rv.min_safety_factor >= 0 && rv.max_deflection_um >= 0 && rv.worst_line >= 1);
          const CamMove *w = cam_toolpath_move (r->toolpath, (gsize) rv.min_safety_move);
          g_assert (w->source_line == rv.worst_line);
        }
      cam_gcode_review_clear (&rv);
    }
  cam_gcode_reader_free (r);
  return 0;
}
