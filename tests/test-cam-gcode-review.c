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
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "cam-gcode-reader.h"
#include "cam-gcode-review.h"
#include "cam-error.h"
#include "cam-features.h"
#include "cam-library.h"
#include "cam-plan.h"
#include "cam-post-job.h"
#include "part-gen.h"

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
                                          "X2.2\n"                                  /* 7 redrilled: nothing left to cut */
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

/* The spot drill's point against the drill's: the 90° spot (T1) before the 140° drill (T2) seats
 * the drill on its corners at the dimple's rim — one finding for both holes at the first drill
 * line, naming the angles; a 140° spot drill in T1 gives none. */
static void
test_sharper_spot_than_drill_is_a_finding (void **state)
{
  Fixture *fx = *state;
  g_autoptr (CamGcodeReader) r = read_text (spotted_prog);
  CamGcodeReview rv;
  review (fx, r, &rv);
  assert_int_equal (count_findings (&rv, "spotted with a 90° spot drill, sharper than this 140° drill"), 1);
  const char *msg = finding_at (&rv, 10, "spot with 140° or more");
  assert_non_null (msg);
  assert_non_null (strstr (msg, "2 holes"));
  cam_gcode_review_clear (&rv);

  const CamTool *spot140 = cam_library_find_tool (fx->lib, "spot-0.5-140");
  assert_non_null (spot140);
  assert_float_equal (spot140->point_angle_deg, 140.0, 1e-9);
  CamGcodeReviewTool map[] = { { 1, spot140 }, { 2, fx->drill } };
  g_autoptr (GError) error = NULL;
  assert_true (cam_gcode_review_run_tools (r->toolpath, map, 2, NULL, fx->mat, fx->machine, NULL, &rv, NULL, &error));
  assert_int_equal (count_findings (&rv, "sharper than"), 0);
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
  /* the stock model knows hole 2 is drilled when it is drilled again: that pass cuts air */
  assert_int_equal (rv.n_evaluated, 3);
  assert_int_equal (rv.n_air, 1);
  double walks = engine_deflection (fx, CAM_DRILL_ENTRY_FLAT);
  double seated = engine_deflection (fx, CAM_DRILL_ENTRY_SPOTTED);
  assert_true (walks > 50 * seated); /* tens of µm against 0.5 µm (cam-drill.c: 88 µm) */
  assert_float_equal (move_at_line (r, 5)->deflection_um, walks, 1e-4 * walks);
  assert_float_equal (move_at_line (r, 6)->deflection_um, walks, 1e-4 * walks);
  assert_true (isnan (move_at_line (r, 7)->deflection_um));
  assert_true (move_at_line (r, 7)->flags & CAM_MOVE_FLAG_AIR);
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

/* The header's stock and tolerance lines in the forms the three posts write, and what is refused. */
static void
test_header_stock_and_tolerance (void **state)
{
  (void) state;
  double mn[3], mx[3], tol = 0;
#define LINE(s) (s), (s) + strlen (s)
  assert_true (cam_gcode_header_stock_parse (LINE ("(stock: X0.0000..20.0000 Y-1.5..15 Z-3.0000..0.0000 work)"), mn, mx));
  assert_true (mn[0] == 0 && mx[0] == 20 && mn[1] == -1.5 && mx[1] == 15 && mn[2] == -3 && mx[2] == 0);
  assert_true (cam_gcode_header_stock_parse (LINE ("  (STOCK: X-10.000..10.000 Y0.000..5.000 Z-2.000..0.000)\r"), mn, mx));
  assert_true (mn[0] == -10 && mx[1] == 5);
  assert_true (cam_gcode_header_stock_parse (LINE ("; stock X0..1 Y0..1 Z-1..0"), mn, mx));
  assert_false (cam_gcode_header_stock_parse (LINE ("(stock: X1..0 Y0..1 Z-1..0)"), mn, mx));      /* min above max */
  assert_false (cam_gcode_header_stock_parse (LINE ("(stock: X0..1 Y0..1)"), mn, mx));             /* no Z */
  assert_false (cam_gcode_header_stock_parse (LINE ("(stock: Y0..1 X0..1 Z-1..0)"), mn, mx));      /* order */
  assert_false (cam_gcode_header_stock_parse (LINE ("(stock: X0..1e Y0..1 Z-1..0)"), mn, mx));     /* not a number */
  assert_false (cam_gcode_header_stock_parse (LINE ("(stock: X0..1 Y0..1 Z-1..0) G0"), mn, mx));   /* not alone */
  assert_false (cam_gcode_header_stock_parse (LINE ("(stocks: X0..1 Y0..1 Z-1..0)"), mn, mx));
  assert_true (cam_gcode_header_tolerance_parse (LINE ("(tolerance: ±0.0100 mm)"), &tol) && tol == 0.01);
  assert_true (cam_gcode_header_tolerance_parse (LINE ("(TOLERANCE: +-0.0020 MM)"), &tol) && tol == 0.002);
  assert_true (cam_gcode_header_tolerance_parse (LINE ("(tolerance +/-0.005)"), &tol) && tol == 0.005);
  assert_false (cam_gcode_header_tolerance_parse (LINE ("(tolerance: ±0 mm)"), &tol));
  assert_false (cam_gcode_header_tolerance_parse (LINE ("(tolerance: ±0.01 um)"), &tol));
#undef LINE
  /* read with the program: only the header counts, the first of each kind */
  g_autoptr (CamGcodeReader) r = read_text ("%\nO1000\n(T1: em-flat-0.2 flat)\n(stock: X0..4 Y0..3 Z-1..0 work)\n"
                                            "(stock: X0..9 Y0..9 Z-9..0 work)\n(tolerance: ±0.0050 mm)\n"
                                            "G21 G90\n(tolerance: ±0.1000 mm)\nM30\n");
  assert_true (r->header.has_stock);
  assert_int_equal (r->header.stock_line, 4);
  assert_true (r->header.stock_max[0] == 4 && r->header.stock_min[2] == -1);
  assert_int_equal (r->header.tolerance_line, 6);
  assert_true (r->header.tolerance_mm == 0.005);
  assert_int_equal (r->header_tools->len, 1);
  /* the options take them unless told otherwise */
  CamGcodeReviewOptions opt;
  cam_gcode_review_options_init (&opt);
  cam_gcode_review_options_take_header (&opt, &r->header, FALSE);
  assert_false (opt.has_stock_box);
  assert_true (opt.tolerance_mm == 0.005);
  opt.tolerance_mm = 0.02;
  cam_gcode_review_options_take_header (&opt, &r->header, TRUE);
  assert_true (opt.has_stock_box && opt.stock_max[1] == 3);
  assert_true (opt.tolerance_mm == 0.02);
}

/* ---- one set of rules: `check` on what `plan` wrote ----
 * The planner keeps every move within its limits (deflection ≤ allowed, safety factor ≥ the
 * minimum); the review of the program it wrote, with the tools, stock and tolerance its header
 * names (as `microcam-cli check` reads them), must report no deflection or breakage finding and
 * no plunge into material. Every such finding is printed with its line and numbers, and the
 * program kept, for whoever fixes it. */

typedef struct {
  guint breaches;
  guint evaluated;
} PlanCheck;

static void
plan_and_check (CamLibrary *lib, CamMesh *mesh, const char *part, const char *material, double tolerance,
                PlanCheck *out)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CamFeatureSet) fs = cam_features_recognize (mesh, NULL, NULL, &error);
  assert_non_null (fs);
  CamPlanOptions popt;
  cam_plan_options_init (&popt);
  popt.material_id = material;
  popt.machine_id = "micro60k";
  popt.tolerance_mm = tolerance;
  g_autoptr (CamJob) job = cam_plan_job (mesh, fs, lib, &popt, NULL, NULL, NULL, &error);
  if (job == NULL)
    fail_msg ("%s in %s: %s", part, material, error->message);
  g_autofree char *dir = g_dir_make_tmp ("microcam-review-XXXXXX", &error);
  assert_non_null (dir);
  g_autofree char *path = g_build_filename (dir, "plan.ngc", NULL);
  CamPostOptions post;
  cam_post_options_init (&post);
  assert_true (cam_post_write_job (job, lib, cam_post_linuxcnc (), &post, path, &error));

  g_autoptr (CamGcodeReader) r = cam_gcode_reader_new (NULL);
  assert_true (cam_gcode_reader_read_file (r, path, NULL, NULL, NULL, &error));
  assert_int_equal (r->n_errors, 0);
  /* the header gives the tools, the stock box and the tolerance */
  assert_true (r->header.has_stock);
  assert_float_equal (r->header.tolerance_mm, job->tolerance_mm, 1e-9);
  g_autoptr (GArray) map = g_array_new (FALSE, FALSE, sizeof (CamGcodeReviewTool));
  for (guint i = 0; i < r->header_tools->len; i++)
    {
      const CamGcodeHeaderTool *h = &g_array_index (r->header_tools, CamGcodeHeaderTool, i);
      CamGcodeReviewTool t = { h->number, cam_library_find_tool (lib, h->tool_id) };
      assert_non_null (t.tool);
      g_array_append_val (map, t);
    }
  CamGcodeReviewOptions opt;
  cam_gcode_review_options_init (&opt);
  cam_gcode_review_options_take_header (&opt, &r->header, TRUE);
  assert_true (opt.has_stock_box);
  CamGcodeReview rv;
  assert_true (cam_gcode_review_run_tools (r->toolpath, (const CamGcodeReviewTool *) map->data, map->len, NULL,
                                           cam_library_find_material (lib, material),
                                           cam_library_find_machine (lib, "micro60k"), &opt, &rv, NULL, &error));
  out->evaluated += (guint) rv.n_evaluated;
  guint breaches_before = out->breaches;
  for (guint i = 0; i < rv.findings->len; i++)
    {
      const CamDiagnostic *f = &g_array_index (rv.findings, CamDiagnostic, i);
      if (strcmp (f->code, "review-plunge") == 0 || strstr (f->message, "breakage risk") != NULL
          || strstr (f->message, "exceeds the allowed") != NULL)
        {
          out->breaches++;
          const CamMove *m = f->move >= 0 ? cam_toolpath_move (r->toolpath, (gsize) f->move) : NULL;
          print_message ("%s %s ±%g: line %u: %s (ap %.4f ae %.4f fz %.5f F %.1f S %.0f)\n", part, material,
                         job->tolerance_mm, f->line, f->message, m ? m->ap_mm : NAN, m ? m->ae_mm : NAN,
                         m ? m->fz_mm : NAN, m ? m->feed_mm_min : NAN, m ? m->rpm : NAN);
        }
    }
  cam_gcode_review_clear (&rv);
  if (out->breaches > breaches_before)
    print_message ("%s %s: the program is kept in %s\n", part, material, path);
  else
    {
      g_unlink (path);
      g_rmdir (dir);
    }
}

static void
test_check_accepts_what_plan_wrote (void **state)
{
  Fixture *fx = *state;
  /* the sample part and two generated plates: holes and pockets (the plan test's), a thin wall
   * between two pockets */
  static const GenHole holes[] = { { 1.5, 1.5, 0.3 }, { 2.5, 1.5, 0.3 }, { 1.5, 2.5, 0.3 }, { 2.5, 2.5, 0.3 } };
  static const GenPocket pockets[] = { { 5.5, 5.5, 8.5, 7.5, 0.15, 0.2 }, { 1.5, 6.5, 3.0, 8.0, 0.1, 0.3 } };
  static const GenPocket walls[] = { { 1, 1, 4.4, 5, 0.2, 0.4 }, { 4.6, 1, 8, 5, 0.2, 0.4 } };
  g_autoptr (GError) error = NULL;
  g_autoptr (CamMesh) sample = cam_mesh_load_file (SAMPLES_DIR "/a_plate_holes_pocket.stl", NULL, NULL, NULL, &error);
  assert_non_null (sample);
  g_autoptr (CamMesh) plate = gen_plate (10, 10, 1, holes, G_N_ELEMENTS (holes), pockets, G_N_ELEMENTS (pockets), 48,
                                         &error);
  assert_non_null (plate);
  g_autoptr (CamMesh) wall = gen_plate (9, 6, 1, NULL, 0, walls, G_N_ELEMENTS (walls), 48, &error);
  assert_non_null (wall);
  struct {
    const char *name;
    CamMesh *mesh;
  } parts[] = { { "sample", sample }, { "plate", plate }, { "thin-wall", wall } };
  static const char *const materials[] = { "ss316l", "al6061" };
  PlanCheck pc = { 0 };
  for (guint p = 0; p < G_N_ELEMENTS (parts); p++)
    for (guint k = 0; k < G_N_ELEMENTS (materials); k++)
      plan_and_check (fx->lib, parts[p].mesh, parts[p].name, materials[k], 0.01, &pc);
  /* the review did judge moves (a test that evaluates nothing proves nothing) */
  assert_true (pc.evaluated > 500);
  assert_int_equal (pc.breaches, 0);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_spot_then_drill_bends_by_runout),
    cmocka_unit_test (test_sharper_spot_than_drill_is_a_finding),
    cmocka_unit_test (test_cancelled_review),
    cmocka_unit_test (test_drill_only_walks_and_says_so),
    cmocka_unit_test (test_plunges_and_many_holes),
    cmocka_unit_test (test_header_stock_and_tolerance),
    cmocka_unit_test (test_check_accepts_what_plan_wrote),
  };
  return cmocka_run_group_tests (tests, setup, teardown);
}
