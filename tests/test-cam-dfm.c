/* test-cam-dfm.c — DFM findings on parts with known problems, a clean part, the rules data. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "cam-dfm-html.h"
#include "cam-dfm.h"
#include "cam-drill.h"
#include "cam-error.h"
#include "cam-plan.h"
#include "part-gen.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

typedef struct {
  CamLibrary *lib;
  CamDfmRules *rules;
} Fixture;

static int
setup (void **state)
{
  Fixture *fx = g_new0 (Fixture, 1);
  g_autoptr (GError) error = NULL;
  fx->lib = cam_library_new_with_config_dir (NULL);   /* built-in data only */
  fx->rules = cam_dfm_rules_new_builtin (&error);
  if (fx->rules == NULL)
    fail_msg ("%s", error->message);
  *state = fx;
  return 0;
}

static int
teardown (void **state)
{
  Fixture *fx = *state;
  cam_library_free (fx->lib);
  cam_dfm_rules_free (fx->rules);
  g_free (fx);
  return 0;
}

static CamFeatureSet *
features_of (const char *path)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CamMesh) m = cam_mesh_load_file (path, NULL, NULL, NULL, &error);
  if (m == NULL)
    fail_msg ("%s", error->message);
  CamFeatureSet *set = cam_features_recognize (m, NULL, NULL, &error);
  if (set == NULL)
    fail_msg ("%s", error->message);
  return set;
}

static CamDfmReport *
review (Fixture *fx, const CamFeatureSet *set, const char *material, double tol, double ra)
{
  g_autoptr (GError) error = NULL;
  CamDfmOptions o = { material, NULL, tol, ra };
  CamDfmReport *r = cam_dfm_review (set, fx->rules, fx->lib, &o, &error);
  if (r == NULL)
    fail_msg ("%s", error->message);
  return r;
}

static const CamDfmFinding *
finding (const CamDfmReport *r, const char *rule)
{
  for (guint i = 0; i < r->findings->len; i++)
    {
      const CamDfmFinding *f = g_ptr_array_index (r->findings, i);
      if (g_strcmp0 (f->rule, rule) == 0)
        return f;
    }
  fail_msg ("no finding %s", rule);
  return NULL;
}

static const CamDfmCritical *
critical (const CamDfmReport *r, const char *what)
{
  for (guint i = 0; i < r->critical->len; i++)
    {
      const CamDfmCritical *c = g_ptr_array_index (r->critical, i);
      if (g_strcmp0 (c->what, what) == 0)
        return c;
    }
  fail_msg ("no critical entry %s", what);
  return NULL;
}

static void
test_sample_plate_needs_peck_drilling_and_nothing_else (void **state)
{
  Fixture *fx = *state;
  g_autoptr (CamFeatureSet) set = features_of (SAMPLES_DIR "/a_plate_holes_pocket.stl");
  g_autoptr (CamDfmReport) r = review (fx, set, "ss316l", 0, 0);
  assert_int_equal (r->n_errors, 0);
  const CamDfmFinding *peck = finding (r, "hole-peck");
  assert_int_equal (peck->severity, CAM_DFM_NOTE);
  assert_string_equal (peck->process, "peck-drill");
  assert_string_equal (peck->pattern, "HP1");
  assert_true (fabs (cam_dfm_finding_value (peck, "depth_to_diameter") - 10.0) < 0.05);
  assert_true (cam_dfm_finding_value (peck, "pecks") > 1);
  /* the 16 holes are judged once, as a pattern */
  assert_int_equal (cam_dfm_report_count (r, "hole-peck", NULL), 1);
  assert_int_equal (cam_dfm_report_count (r, "micro-feature", NULL), 1);
  assert_int_equal (cam_dfm_report_count (r, "corner-radius", NULL), 0);
  const CamDfmCritical *h = critical (r, "smallest_hole");
  assert_true (fabs (h->value_mm - 0.2) < 1e-3);
  assert_string_equal (h->process, "peck-drill");
  const CamDfmCritical *c = critical (r, "tightest_radius");
  assert_string_equal (c->feature, "P1");
  assert_true (fabs (c->value_mm - 0.1) < 1e-3);
  assert_true (fabs (critical (r, "thinnest_wall")->value_mm - 0.9) < 1e-3);
  assert_string_equal (critical (r, "deepest_narrow_pocket")->feature, "P1");
}

static void
test_clean_part_has_no_errors_or_warnings (void **state)
{
  Fixture *fx = *state;
  g_autoptr (CamFeatureSet) set = features_of (TEST_DATA_DIR "/dfm_clean.stl");
  g_autoptr (CamDfmReport) r = review (fx, set, "al6061", 0, 0);
  assert_int_equal (r->n_errors, 0);
  assert_int_equal (r->n_warnings, 0);
}

static void
test_problem_part_findings (void **state)
{
  Fixture *fx = *state;
  g_autoptr (CamFeatureSet) set = features_of (TEST_DATA_DIR "/dfm_problems.stl");
  g_autoptr (CamDfmReport) r = review (fx, set, "ss316l", 0, 0);

  const CamDfmFinding *corner = finding (r, "corner-radius");
  assert_int_equal (corner->severity, CAM_DFM_ERROR);
  assert_string_equal (corner->feature, "P1");
  assert_true (cam_dfm_finding_value (corner, "corner_radius_mm") == 0.0);
  double tool_r = cam_dfm_finding_value (corner, "tool_radius_mm");
  assert_true (tool_r > 0 && cam_dfm_finding_value (corner, "ask_radius_mm") >= tool_r);
  assert_string_equal (corner->process, "micro-edm");   /* 316L conducts */

  const CamDfmFinding *tiny = finding (r, "hole-below-drill");
  assert_string_equal (tiny->process, "micro-edm");
  assert_true (fabs (cam_dfm_finding_value (tiny, "diameter_mm") - 0.03) < 1e-3);

  const CamDfmFinding *deep = finding (r, "deep-pocket");
  assert_int_equal (deep->severity, CAM_DFM_WARNING);
  assert_string_equal (deep->process, "long-reach-tool");
  double defl = cam_dfm_finding_value (deep, "deflection_um");
  assert_true (isfinite (defl) && defl > 0);
  assert_true (cam_dfm_finding_value (deep, "tool_reach_mm") < 2.5);

  const CamDfmFinding *wall = finding (r, "thin-wall");
  assert_true (fabs (cam_dfm_finding_value (wall, "thickness_mm") - 0.03) < 1e-3);
  assert_true (fabs (cam_dfm_finding_value (wall, "limit_mm") - 0.05) < 1e-9);

  const CamDfmFinding *u = finding (r, "undercut");
  assert_int_equal (u->severity, CAM_DFM_ERROR);
  assert_string_equal (u->process, "second-setup");
  finding (r, "pocket-aspect");
  /* errors come first */
  assert_int_equal (((CamDfmFinding *) g_ptr_array_index (r->findings, 0))->severity, CAM_DFM_ERROR);
  assert_string_equal (critical (r, "smallest_hole")->process, "micro-edm");
  assert_string_equal (critical (r, "deepest_narrow_pocket")->process, "long-reach-tool");
}

static void
test_tall_wall_narrow_slit_and_deep_corners (void **state)
{
  Fixture *fx = *state;
  g_autoptr (CamFeatureSet) set = features_of (TEST_DATA_DIR "/dfm_walls.stl");
  g_autoptr (CamDfmReport) r = review (fx, set, "ss316l", 0, 0);
  const CamDfmFinding *w = finding (r, "wall-too-tall");
  assert_true (fabs (cam_dfm_finding_value (w, "thickness_mm") - 0.1) < 1e-3);
  assert_true (fabs (cam_dfm_finding_value (w, "height_mm") - 2.0) < 1e-3);
  assert_true (cam_dfm_finding_value (w, "limit_ratio") < 20);
  const CamDfmFinding *n = finding (r, "pocket-too-narrow");
  assert_int_equal (n->severity, CAM_DFM_ERROR);
  assert_string_equal (n->process, "micro-edm");
  /* R0.1 corners 2 mm down: only a Ø0.5 long-reach tool gets there, ask for R ≥ 0.275 */
  assert_int_equal (cam_dfm_report_count (r, "corner-radius", NULL), 2);
  const CamDfmFinding *c = finding (r, "corner-radius");
  assert_true (fabs (cam_dfm_finding_value (c, "tool_radius_mm") - 0.25) < 1e-9);
  assert_true (fabs (cam_dfm_finding_value (c, "ask_radius_mm") - 0.275) < 1e-9);
  assert_true (fabs (cam_dfm_finding_value (c, "depth_mm") - 2.0) < 1e-3);
  /* no spindle advice for a slit no end mill cuts */
  assert_int_equal (cam_dfm_report_count (r, "spindle-speed", "S1"), 0);
}

static void
test_material_decides_the_alternative_process (void **state)
{
  Fixture *fx = *state;
  g_autoptr (CamFeatureSet) set = features_of (TEST_DATA_DIR "/dfm_problems.stl");
  /* PTFE does not conduct: no EDM; laser for a tiny hole, and its creep warning */
  g_autoptr (CamDfmReport) r = review (fx, set, "ptfe", 0, 0);
  assert_string_equal (finding (r, "hole-below-drill")->process, "laser");
  assert_null (finding (r, "corner-radius")->process);
  assert_int_equal (finding (r, "material-ptfe")->severity, CAM_DFM_WARNING);
  /* a hardened steel plate: the small holes go to EDM */
  g_autoptr (CamFeatureSet) plate = features_of (SAMPLES_DIR "/a_plate_holes_pocket.stl");
  g_autoptr (CamDfmReport) h = review (fx, plate, "h13-50hrc", 0, 0);
  assert_string_equal (finding (h, "hole-hard-material")->process, "micro-edm");
  finding (h, "material-hardened-steel");
  g_autoptr (CamDfmReport) cu = review (fx, plate, "cu-c110", 0, 0);
  finding (cu, "material-copper-burrs");
}

/* A hard, non-conducting material (a ceramic) made from the shipped PEEK entry: small holes
 * in it are ultrasonic work (no EDM without conduction, too hard for a drill). */
static void
test_hard_nonconductor_gets_ultrasonic (void **state)
{
  Fixture *fx = *state;
  const char *path = SAMPLES_DIR "/../materials/materials.json";
  g_autoptr (JsonParser) parser = json_parser_new ();
  assert_true (json_parser_load_from_file (parser, path, NULL));
  JsonArray *mats = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "materials");
  JsonObject *ceramic = NULL;
  for (guint i = 0; i < json_array_get_length (mats); i++)
    if (g_strcmp0 (json_object_get_string_member (json_array_get_object_element (mats, i), "id"), "peek") == 0)
      ceramic = json_array_get_object_element (mats, i);
  assert_non_null (ceramic);
  json_object_set_string_member (ceramic, "id", "alumina-test");
  json_object_set_boolean_member (ceramic, "conductive", FALSE);
  json_object_set_double_member (json_object_get_object_member (ceramic, "hardness"), "hb", 700);
  g_autoptr (JsonGenerator) gen = json_generator_new ();
  json_generator_set_root (gen, json_parser_get_root (parser));
  g_autofree char *doc = json_generator_to_data (gen, NULL);
  g_autoptr (GError) error = NULL;
  assert_true (cam_library_load_data (fx->lib, CAM_LIBRARY_MATERIALS, doc, -1, "test-ceramic.json", &error));
  assert_non_null (cam_library_find_material (fx->lib, "alumina-test"));

  g_autoptr (CamFeatureSet) plate = features_of (SAMPLES_DIR "/a_plate_holes_pocket.stl");
  g_autoptr (CamDfmReport) r = review (fx, plate, "alumina-test", 0, 0);
  assert_string_equal (finding (r, "hole-hard-material")->process, "ultrasonic");
  assert_string_equal (critical (r, "smallest_hole")->process, "ultrasonic");
}

static void
test_tolerance_and_finish_rules (void **state)
{
  Fixture *fx = *state;
  g_autoptr (CamFeatureSet) set = features_of (SAMPLES_DIR "/a_plate_holes_pocket.stl");
  g_autoptr (CamDfmReport) loose = review (fx, set, "al6061", 0.05, 1.6);
  assert_int_equal (cam_dfm_report_count (loose, "tolerance-trial-cut", NULL), 0);
  assert_int_equal (cam_dfm_report_count (loose, "tolerance-deflection", NULL), 0);
  assert_int_equal (cam_dfm_report_count (loose, "finish-polish", NULL), 0);
  assert_int_equal (cam_dfm_report_count (loose, "finish-fine", NULL), 0);

  g_autoptr (CamDfmReport) tight = review (fx, set, "al6061", 0.0002, 0.3);
  assert_int_equal (cam_dfm_report_count (tight, "tolerance-trial-cut", NULL), 1);
  const CamDfmFinding *pol = finding (tight, "finish-polish");
  assert_string_equal (pol->process, "polish");
  assert_true (cam_dfm_finding_value (pol, "time_factor") > 1);
  const CamDfmFinding *defl = finding (tight, "tolerance-deflection");
  assert_true (cam_dfm_finding_value (defl, "deflection_um") > cam_dfm_finding_value (defl, "allowed_um"));
  assert_true (fabs (critical (tight, "tightest_tolerance")->value_mm - 0.0002) < 1e-12);

  g_autoptr (CamDfmReport) fine = review (fx, set, "al6061", 0, 0.6);
  assert_int_equal (cam_dfm_report_count (fine, "finish-fine", NULL), 1);
  assert_int_equal (cam_dfm_report_count (fine, "finish-polish", NULL), 0);
}

static void
test_slow_spindle_is_noted (void **state)
{
  Fixture *fx = *state;
  g_autoptr (CamFeatureSet) set = features_of (SAMPLES_DIR "/a_plate_holes_pocket.stl");
  g_autoptr (GError) error = NULL;
  /* Ø0.2 drill in 316L wants ~48,000 rpm: fine on the 60k spindle, half speed on the 24k one */
  g_autoptr (CamDfmReport) fast = review (fx, set, "ss316l", 0, 0);
  assert_int_equal (cam_dfm_report_count (fast, "spindle-speed", NULL), 0);
  CamDfmOptions o = { "ss316l", "std24k", 0, 0 };
  g_autoptr (CamDfmReport) slow = cam_dfm_review (set, fx->rules, fx->lib, &o, &error);
  assert_non_null (slow);
  const CamDfmFinding *x = finding (slow, "spindle-speed");
  assert_true (fabs (cam_dfm_finding_value (x, "rpm_max") - 24000) < 1);
  assert_true (fabs (cam_dfm_finding_value (x, "tool_diameter_mm") - 0.2) < 1e-3);
  assert_true (cam_dfm_finding_value (x, "slowdown") > 1.5);
}

static void
test_unknown_material_or_machine_is_an_error (void **state)
{
  Fixture *fx = *state;
  g_autoptr (CamFeatureSet) set = features_of (TEST_DATA_DIR "/dfm_clean.stl");
  g_autoptr (GError) error = NULL;
  CamDfmOptions o = { "unobtainium", NULL, 0, 0 };
  assert_null (cam_dfm_review (set, fx->rules, fx->lib, &o, &error));
  assert_true (g_error_matches (error, CAM_ERROR, CAM_ERROR_INVALID));
  assert_non_null (strstr (error->message, "unobtainium"));
  g_clear_error (&error);
  CamDfmOptions m = { "al6061", "no-such-mill", 0, 0 };
  assert_null (cam_dfm_review (set, fx->rules, fx->lib, &m, &error));
  assert_non_null (strstr (error->message, "no-such-mill"));
}

static void
test_rules_file_errors_name_the_field (void **state)
{
  (void) state;
  g_autoptr (GError) error = NULL;
  assert_null (cam_dfm_rules_new_from_data ("{ nope", -1, "my-rules.json", &error));
  assert_non_null (strstr (error->message, "my-rules.json"));
  g_clear_error (&error);
  assert_null (cam_dfm_rules_new_from_data ("{\"micro_feature\": {\"below_mm\": \"small\"}}", -1, "r.json", &error));
  assert_non_null (strstr (error->message, "micro_feature.below_mm"));
  /* every number of the shipped file is read */
  g_autoptr (CamDfmRules) rules = cam_dfm_rules_new_builtin (&error);
  assert_non_null (rules);
  assert_true (rules->micro_feature_mm == 0.5);
  assert_true (cam_dfm_rules_min_wall (rules, "ptfe") > cam_dfm_rules_min_wall (rules, "ss316l"));
  assert_true (cam_dfm_rules_min_wall (rules, "unknown-material") == cam_dfm_rules_min_wall (rules, "default"));
  assert_true (rules->notes->len >= 5);
}

static void
test_html_report_is_written_atomically_with_pictures (void **state)
{
  Fixture *fx = *state;
  g_autoptr (CamFeatureSet) set = features_of (TEST_DATA_DIR "/dfm_problems.stl");
  g_autoptr (CamDfmReport) r = review (fx, set, "ss316l", 0, 0);
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("microcam-dfm-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "report.html", NULL);
  assert_true (cam_dfm_html_write (set, r, NULL, "dfm_problems.stl", path, &error));
  g_autofree char *html = NULL;
  assert_true (g_file_get_contents (path, &html, NULL, NULL));
  /* one picture per finding plus the overview */
  guint svgs = 0;
  for (const char *p = html; (p = strstr (p, "<svg")) != NULL; p++)
    svgs++;
  assert_int_equal (svgs, r->findings->len + 1);
  assert_non_null (strstr (html, "corner-radius"));
  assert_non_null (strstr (html, "second-setup"));
  /* with the part, each finding also gets its section view */
  g_autoptr (CamMesh) mesh = cam_mesh_load_file (TEST_DATA_DIR "/dfm_problems.stl", NULL, NULL, NULL, &error);
  assert_non_null (mesh);
  g_autofree char *with = cam_dfm_html_build (set, r, mesh, "dfm_problems.stl");
  guint svgs2 = 0;
  for (const char *p = with; (p = strstr (p, "<svg")) != NULL; p++)
    svgs2++;
  assert_int_equal (svgs2, 2 * r->findings->len + 1);
  assert_non_null (strstr (with, "section y = "));
  /* a directory in the way: the write fails with a message naming the path */
  g_autofree char *bad = g_build_filename (dir, "missing", "report.html", NULL);
  assert_false (cam_dfm_html_write (set, r, NULL, "x", bad, &error));
  assert_non_null (strstr (error->message, "report.html"));
  g_unlink (path);
  g_rmdir (dir);
}

/* Plan a generated 10 × 10 plate of the given thickness with one Ø0.3 through hole in 6061:
 * the DFM review's hole-drill-length finding (NULL when none) and the drill the planner picks
 * for the hole (NULL when it drills none). */
static const CamDfmFinding *
plate_with_hole (Fixture *fx, double thickness, CamDfmReport **report, const CamTool **drilled)
{
  static const GenHole hole[] = { { 5, 5, 0.3 } };
  g_autoptr (GError) error = NULL;
  g_autoptr (CamMesh) mesh = gen_plate (10, 10, thickness, hole, 1, NULL, 0, 48, &error);
  g_assert_no_error (error);
  g_autoptr (CamFeatureSet) set = cam_features_recognize (mesh, NULL, NULL, &error);
  g_assert_no_error (error);
  *report = review (fx, set, "al6061", 0, 0);
  CamPlanOptions opt;
  cam_plan_options_init (&opt);
  opt.material_id = "al6061";
  opt.machine_id = "micro60k";
  g_autoptr (CamJob) job = cam_plan_job (mesh, set, fx->lib, &opt, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  *drilled = NULL;
  for (guint i = 0; i < job->ops->len; i++)
    {
      const CamJobOp *op = cam_job_op (job, i);
      if (op->kind == CAM_JOB_OP_DRILL || op->kind == CAM_JOB_OP_PECK)
        *drilled = cam_library_find_tool (fx->lib, cam_job_tool (job, op->tool)->spec);
    }
  for (guint i = 0; i < (*report)->findings->len; i++)
    {
      const CamDfmFinding *f = g_ptr_array_index ((*report)->findings, i);
      if (g_strcmp0 (f->rule, "hole-drill-length") == 0)
        return f;
    }
  return NULL;
}

/* The DFM review asks of a drill's flutes what the planner asks (cam_drill_flute_needed): the
 * depth, and for a through hole the point and the 0.02 mm breakthrough. The library's Ø0.3
 * drill has 3 mm of flute and a 140° point (0.055 mm): a 2.9 mm plate needs 2.975 mm and is
 * drilled; a 2.95 mm plate needs 3.025 mm: the planner has no drill for it, and the review,
 * which used to compare 2.95 with 3, now says so. The sample plate's Ø0.2 × 2 mm holes need
 * 2.056 mm: not drill-0.2 (2 mm), drill-0.2-long (3 mm), for both. */
static void
test_drill_flute_length_as_the_planner_needs (void **state)
{
  Fixture *fx = *state;
  const CamTool *d03 = cam_library_find_tool (fx->lib, "drill-0.3");
  assert_non_null (d03);
  assert_float_equal (cam_drill_flute_needed (d03, 2.95, TRUE), 2.95 + 0.15 / tan (70 * G_PI / 180) + 0.02, 1e-12);
  assert_float_equal (cam_drill_flute_needed (d03, 2.95, FALSE), 2.95, 0);

  CamDfmReport *r = NULL;
  const CamTool *drilled = NULL;
  const CamDfmFinding *f = plate_with_hole (fx, 2.9, &r, &drilled);
  assert_null (f);
  assert_ptr_equal (drilled, d03);
  cam_dfm_report_free (r);

  f = plate_with_hole (fx, 2.95, &r, &drilled);
  assert_non_null (f);
  assert_null (drilled);
  assert_float_equal (cam_dfm_finding_value (f, "flute_length_mm"), 3.0, 1e-9);
  assert_float_equal (cam_dfm_finding_value (f, "flute_needed_mm"), cam_drill_flute_needed (d03, 2.95, TRUE), 1e-5);
  assert_non_null (strstr (f->message, "needs 3.025 mm of flute"));
  /* cut by helical milling → warning; no end mill either → an error that names the process and
   * the depth a drill of the size reaches */
  if (f->severity == CAM_DFM_ERROR)
    {
      assert_true (cam_dfm_finding_value (f, "reachable_depth_mm") < 2.95);
      assert_non_null (strstr (f->message, ", or by "));
    }
  cam_dfm_report_free (r);

  g_autoptr (CamFeatureSet) plate = features_of (SAMPLES_DIR "/a_plate_holes_pocket.stl");
  g_autoptr (CamDfmReport) sample = review (fx, plate, "ss316l", 0, 0);
  assert_int_equal (cam_dfm_report_count (sample, "hole-drill-length", NULL), 0);
  const CamTool *short_drill = cam_library_find_tool (fx->lib, "drill-0.2");
  assert_true (cam_drill_flute_needed (short_drill, 2.0, TRUE) > short_drill->loc_mm);
}

/* The wall: 0.08 mm thick, 1 mm tall, 2 mm long in 316L between two pockets. Under the
 * planner's finishing pass it bends (cam-wall.c): a warning or an error with the predicted µm,
 * never only a note; the severity follows the tolerance. */
static const CamDfmFinding *
thin_wall_deflection (Fixture *fx, double tol, CamDfmReport **report)
{
  static const GenPocket pockets[] = { { 1.0, 1.0, 2.96, 3.0, 0.2, 1.0 }, { 3.04, 1.0, 5.0, 3.0, 0.2, 1.0 } };
  g_autoptr (GError) error = NULL;
  g_autoptr (CamMesh) mesh = gen_plate (6, 4, 2, NULL, 0, pockets, 2, 48, &error);
  g_assert_no_error (error);
  g_autoptr (CamFeatureSet) set = cam_features_recognize (mesh, NULL, NULL, &error);
  g_assert_no_error (error);
  *report = review (fx, set, "ss316l", tol, 0);
  for (guint i = 0; i < (*report)->findings->len; i++)
    {
      const CamDfmFinding *x = g_ptr_array_index ((*report)->findings, i);
      if (g_strcmp0 (x->rule, "wall-deflection") == 0)
        return x;
    }
  return NULL;
}

static void
test_thin_wall_bends_under_the_finishing_pass (void **state)
{
  Fixture *fx = *state;
  g_autoptr (CamDfmReport) tight = NULL;
  const CamDfmFinding *x = thin_wall_deflection (fx, 0.002, &tight);
  assert_non_null (x);
  /* one full-height pass bends it ≈ 8 µm against 1 µm allowed; finished in axial steps while the
   * stock below holds it (what the planner does, cam-wall-finish.c) it stays within: a warning that
   * says the step, not an error */
  assert_int_equal (x->severity, CAM_DFM_WARNING);
  double d = cam_dfm_finding_value (x, "wall_deflection_um");
  assert_true (isfinite (d) && d > 3 * cam_dfm_finding_value (x, "allowed_um"));
  double step = cam_dfm_finding_value (x, "finish_step_mm");
  assert_true (step > 0 && step <= cam_dfm_finding_value (x, "usual_step_mm") + 1e-12);
  assert_true (cam_dfm_finding_value (x, "stepped_deflection_um") <= cam_dfm_finding_value (x, "allowed_um") + 1e-9);
  assert_non_null (strstr (x->message, "axial steps of"));
  assert_true (cam_dfm_finding_value (x, "ae_fit_mm") > 0);
  g_autoptr (CamDfmReport) dflt = NULL;   /* the default tolerance (0 → 0.01 mm) */
  const CamDfmFinding *z = thin_wall_deflection (fx, 0, &dflt);
  assert_non_null (z);
  assert_true (z->severity != CAM_DFM_NOTE);
  g_autoptr (CamDfmReport) loose = NULL;
  const CamDfmFinding *y = thin_wall_deflection (fx, 0.05, &loose);
  /* severity follows the tolerance: a looser one is never judged harder (enum: ERROR < WARNING < NOTE) */
  assert_true (y == NULL || y->severity >= x->severity);
  if (y != NULL)
    assert_true (cam_dfm_finding_value (y, "allowed_um") > cam_dfm_finding_value (x, "allowed_um"));
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_thin_wall_bends_under_the_finishing_pass),
    cmocka_unit_test (test_sample_plate_needs_peck_drilling_and_nothing_else),
    cmocka_unit_test (test_clean_part_has_no_errors_or_warnings),
    cmocka_unit_test (test_problem_part_findings),
    cmocka_unit_test (test_tall_wall_narrow_slit_and_deep_corners),
    cmocka_unit_test (test_material_decides_the_alternative_process),
    cmocka_unit_test (test_hard_nonconductor_gets_ultrasonic),
    cmocka_unit_test (test_tolerance_and_finish_rules),
    cmocka_unit_test (test_slow_spindle_is_noted),
    cmocka_unit_test (test_unknown_material_or_machine_is_an_error),
    cmocka_unit_test (test_rules_file_errors_name_the_field),
    cmocka_unit_test (test_html_report_is_written_atomically_with_pictures),
    cmocka_unit_test (test_drill_flute_length_as_the_planner_needs),
  };
  return cmocka_run_group_tests (tests, setup, teardown);
}
