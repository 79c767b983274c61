/* test-cam-gcode-review.c — the review of an imported program decides each hole's drill entry
 * from the program (cam/cam-gcode-review.c, method 5): spotted when an earlier drilling move
 * went into the stock at the same XY (within 5 µm), by any tool; else the drill walks, and a
 * finding names the hole with its deflection. Numbers checked against the engine's own
 * evaluation with the entry given (cam-drill.c: seated → TIR/2; flat → lip imbalance on a
 * free point). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <math.h>
#include <string.h>

#include "cam-gcode-reader.h"
#include "cam-gcode-review.h"
#include "cam-error.h"
#include "cam-library.h"

typedef struct {
  CamLibrary *lib;
  const CamMaterial *mat;
  const CamMachine *machine;
  const CamTool *drill, *spot;
} Fixture;

static int
setup (void **state)
{
  Fixture *fx = g_new0 (Fixture, 1);
  fx->lib = cam_library_new_with_config_dir (NULL);
  fx->mat = cam_library_find_material (fx->lib, "ss316l");
  fx->machine = cam_library_find_machine (fx->lib, "micro60k");
  fx->drill = cam_library_find_tool (fx->lib, "drill-0.2-long");
  fx->spot = cam_library_find_tool (fx->lib, "spot-0.5-90");
  if (fx->mat == NULL || fx->machine == NULL || fx->drill == NULL || fx->spot == NULL)
    return -1;
  *state = fx;
  return 0;
}

static int
teardown (void **state)
{
  Fixture *fx = *state;
  cam_library_free (fx->lib);
  g_free (fx);
  return 0;
}

static CamGcodeReader *
read_text (const char *text)
{
  CamGcodeReader *r = cam_gcode_reader_new (NULL);
  g_autoptr (GError) error = NULL;
  assert_true (cam_gcode_reader_parse (r, text, strlen (text), "test.ngc", NULL, NULL, NULL, &error));
  assert_null (error);
  return r;
}

/* The engine's deflection for the program's drilling (S60000, F40, 2.056 mm) with an entry. */
static double
engine_deflection (const Fixture *fx, CamDrillEntry entry)
{
  CamEngagement eng;
  cam_engagement_init (&eng, CAM_CUT_DRILL);
  eng.depth_mm = 2.056;
  eng.rpm = 60000;
  eng.fz_mm = 40.0 / (60000 * 2);
  eng.drill_entry = entry;
  CamCutResult r;
  g_autoptr (GError) error = NULL;
  assert_true (cam_cutting_evaluate (fx->drill, fx->mat, fx->machine, &eng, &r, &error));
  return r.deflection_um;
}

/* Review with T1 = the spot drill, T2 = the drill; the CamMove of the source line. */
static void
review (const Fixture *fx, CamGcodeReader *r, CamGcodeReview *out)
{
  CamGcodeReviewTool map[] = { { 1, fx->spot }, { 2, fx->drill } };
  g_autoptr (GError) error = NULL;
  assert_true (cam_gcode_review_run_tools (r->toolpath, map, 2, NULL, fx->mat, fx->machine, NULL, out, NULL, &error));
}

static const CamMove *
move_at_line (CamGcodeReader *r, guint32 line)
{
  gssize i = cam_gcode_reader_find_line (r, line);
  assert_true (i >= 0);
  return cam_toolpath_move (r->toolpath, (guint) i);
}

static guint
count_findings (const CamGcodeReview *rv, const char *text)
{
  guint n = 0;
  for (guint i = 0; i < rv->findings->len; i++)
    n += strstr (g_array_index (rv->findings, CamDiagnostic, i).message, text) != NULL;
  return n;
}

static const char *
finding_at (const CamGcodeReview *rv, guint32 line, const char *text)
{
  for (guint i = 0; i < rv->findings->len; i++)
    {
      const CamDiagnostic *m = &g_array_index (rv->findings, CamDiagnostic, i);
      if (m->line == line && strstr (m->message, text) != NULL)
        return m->message;
    }
  return NULL;
}

/* Spot drill (T1) at both holes, then the drill (T2); the second hole 3 µm off its spot. */
static const char *const spotted_prog = "G21 G90 G17\n"                             /* 1 */
                                        "T1 M6\n"                                   /* 2 */
                                        "S30000 M3\n"                               /* 3 */
                                        "G0 X0 Y0 Z1\n"                             /* 4 */
                                        "G98 G81 X1 Y1 Z-0.08 R0.1 F30\n"           /* 5 spot */
                                        "X2.2\n"                                    /* 6 spot */
                                        "G80\n"                                     /* 7 */
                                        "T2 M6\n"                                   /* 8 */
                                        "S60000 M3\n"                               /* 9 */
                                        "G98 G83 X1 Y1 Z-2.056 R0.1 Q0.1 F40\n"     /* 10 drill */
                                        "X2.2 Y1.003\n"                             /* 11 drill */
                                        "G80\n"
                                        "M30\n";

/* The same drilling without the spots; hole 2 drilled again (an earlier hole spots it), and
 * hole 3 is 8 µm from hole 1's axis: not within 5 µm, so it walks. */
static const char *const unspotted_prog = "G21 G90 G17\n"                           /* 1 */
                                          "T2 M6\n"                                 /* 2 */
                                          "S60000 M3\n"                             /* 3 */
                                          "G0 X0 Y0 Z1\n"                           /* 4 */
                                          "G98 G83 X1 Y1 Z-2.056 R0.1 Q0.1 F40\n"   /* 5 walks */
                                          "X2.2\n"                                  /* 6 walks */
                                          "X2.2\n"                                  /* 7 redrilled: spotted */
                                          "X1.008\n"                                /* 8 8 µm off: walks */
                                          "G80\n"
                                          "M30\n";

static void
test_spot_then_drill_bends_by_runout (void **state)
{
  Fixture *fx = *state;
  g_autoptr (CamGcodeReader) r = read_text (spotted_prog);
  CamGcodeReview rv;
  review (fx, r, &rv);
  assert_int_equal (rv.n_evaluated, 4);
  double seated = engine_deflection (fx, CAM_DRILL_ENTRY_SPOTTED);
  assert_float_equal (seated, 0.5 * fx->machine->runout_um, 1e-9); /* TIR/2: micro60k 1 µm → 0.5 µm */
  assert_float_equal (move_at_line (r, 10)->deflection_um, seated, 1e-4);
  assert_float_equal (move_at_line (r, 11)->deflection_um, seated, 1e-4);
  assert_int_equal (count_findings (&rv, "not spot-drilled"), 0);
  /* spotted already: the engine does not ask for a spot on the drill's lines */
  assert_null (finding_at (&rv, 10, "spot first"));
  cam_gcode_review_clear (&rv);

  /* the drill's moves reviewed alone (T2 only): the spot drill's holes still count */
  CamGcodeReviewOptions opt;
  cam_gcode_review_options_init (&opt);
  opt.tool_number = 2;
  assert_true (cam_gcode_review_run (r->toolpath, fx->drill, fx->mat, fx->machine, &opt, &rv, NULL));
  assert_int_equal (rv.n_evaluated, 2);
  assert_float_equal (rv.max_deflection_um, seated, 1e-4);
  assert_int_equal (count_findings (&rv, "not spot-drilled"), 0);
  cam_gcode_review_clear (&rv);
}

/* Cancel: FALSE with G_IO_ERROR_CANCELLED and nothing left in the review (run and run_tools),
 * and no work done: not one move got numbers (the review writes them into the moves as it goes). */
static void
test_cancelled_review (void **state)
{
  Fixture *fx = *state;
  g_autoptr (CamGcodeReader) r = read_text (spotted_prog);
  const gsize bytes = r->toolpath->moves->len * sizeof (CamMove);
  g_autofree void *unreviewed = g_memdup2 (r->toolpath->moves->data, bytes);
  g_autoptr (GCancellable) c = g_cancellable_new ();
  g_cancellable_cancel (c);
  CamGcodeReviewOptions opt;
  cam_gcode_review_options_init (&opt);
  opt.cancellable = c;
  CamGcodeReview rv;
  GError *error = NULL;
  assert_false (cam_gcode_review_run (r->toolpath, fx->drill, fx->mat, fx->machine, &opt, &rv, &error));
  assert_true (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED));
  assert_null (rv.findings);
  assert_memory_equal (r->toolpath->moves->data, unreviewed, bytes);
  g_clear_error (&error);
  assert_false (cam_gcode_review_run_tools (r->toolpath, NULL, 0, fx->drill, fx->mat, fx->machine, &opt, &rv, NULL,
                                            &error));
  assert_true (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED));
  assert_null (rv.findings);
  assert_memory_equal (r->toolpath->moves->data, unreviewed, bytes);
  g_clear_error (&error);
  /* not cancelled: the same review runs */
  g_autoptr (GCancellable) live = g_cancellable_new ();
  opt.cancellable = live;
  assert_true (cam_gcode_review_run_tools (r->toolpath, NULL, 0, fx->drill, fx->mat, fx->machine, &opt, &rv, NULL,
                                           NULL));
  assert_true (rv.n_evaluated > 0);
  /* …and it does write into the moves: the comparisons above would see work done */
  assert_memory_not_equal (r->toolpath->moves->data, unreviewed, bytes);
  cam_gcode_review_clear (&rv);
}

static void
test_drill_only_walks_and_says_so (void **state)
{
  Fixture *fx = *state;
  g_autoptr (CamGcodeReader) r = read_text (unspotted_prog);
  CamGcodeReview rv;
  review (fx, r, &rv);
  assert_int_equal (rv.n_evaluated, 4);
  double walks = engine_deflection (fx, CAM_DRILL_ENTRY_FLAT);
  double seated = engine_deflection (fx, CAM_DRILL_ENTRY_SPOTTED);
  assert_true (walks > 50 * seated); /* tens of µm against 0.5 µm (cam-drill.c: 88 µm) */
  assert_float_equal (move_at_line (r, 5)->deflection_um, walks, 1e-4 * walks);
  assert_float_equal (move_at_line (r, 6)->deflection_um, walks, 1e-4 * walks);
  assert_float_equal (move_at_line (r, 7)->deflection_um, seated, 1e-4);
  assert_float_equal (move_at_line (r, 8)->deflection_um, walks, 1e-4 * walks);
  assert_float_equal (rv.max_deflection_um, walks, 1e-4 * walks);
  /* one finding per walking hole, at its line, with its deflection */
  assert_int_equal (count_findings (&rv, "not spot-drilled"), 3);
  g_autofree char *want = g_strdup_printf ("hole at line 5 not spot-drilled: drill walks, deflection %.2f µm",
                                           (double) (float) walks);
  const char *f5 = finding_at (&rv, 5, "not spot-drilled");
  assert_non_null (f5);
  assert_non_null (strstr (f5, want));
  assert_non_null (finding_at (&rv, 6, "hole at line 6 not spot-drilled"));
  assert_null (finding_at (&rv, 7, "not spot-drilled"));
  assert_non_null (finding_at (&rv, 8, "hole at line 8 not spot-drilled"));
  /* and the engine's advice to spot first */
  assert_true (count_findings (&rv, "spot first") >= 1);
  cam_gcode_review_clear (&rv);
}

/* Straight plunges (explicit pecks) drill too: the first enters the flat, the next ones are
 * in the hole the first one made. Past the first ten walking holes the rest are counted. */
static void
test_plunges_and_many_holes (void **state)
{
  Fixture *fx = *state;
  GString *p = g_string_new ("G21 G90\nT2 M6\nS60000 M3\nG0 X0 Y0 Z1\n");                   /* 1–4 */
  g_string_append (p, "G0 X5 Y5 Z0.1\nG1 Z-0.2 F40\nG0 Z0.1\nG0 Z-0.15\nG1 Z-0.4 F40\nG0 Z1\n"); /* 5–10 */
  for (int k = 0; k < 12; k++)                                                              /* 11–34 */
    g_string_append_printf (p, "G0 X%d Y0 Z0.1\nG1 Z-0.3 F40\n", k);
  g_string_append (p, "G0 Z1\nM30\n");
  g_autoptr (CamGcodeReader) r = read_text (p->str);
  g_string_free (p, TRUE);
  CamGcodeReview rv;
  review (fx, r, &rv);
  assert_non_null (finding_at (&rv, 6, "hole at line 6 not spot-drilled"));
  assert_null (finding_at (&rv, 9, "not spot-drilled"));
  assert_true (move_at_line (r, 9)->deflection_um < move_at_line (r, 6)->deflection_um / 10);
  /* 13 walking holes: 10 named (lines 6, 12, 14, …, 28), then one line for the other 3 */
  assert_int_equal (count_findings (&rv, "hole at line"), 10);
  assert_non_null (finding_at (&rv, 30, "3 more holes not spot-drilled (from line 30 on)"));
  assert_int_equal (rv.n_evaluated, 14);
  cam_gcode_review_clear (&rv);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_spot_then_drill_bends_by_runout),
    cmocka_unit_test (test_cancelled_review),
    cmocka_unit_test (test_drill_only_walks_and_says_so),
    cmocka_unit_test (test_plunges_and_many_holes),
  };
  return cmocka_run_group_tests (tests, setup, teardown);
}
