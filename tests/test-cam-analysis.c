/* test-cam-analysis.c — the one analysis entry point (cam_analysis_run) and the one drill query
 * (cam_library_find_drill) that the DFM review and the planner share.
 *
 * The table test: for every hole of the test parts and of plates with one hole of a size around
 * the library's drills (±1…6 µm), in a soft conductive, a non-conductive and a hardened material,
 * the DFM review's verdict — the library tool it judged the hole with (report->hole_tools), or
 * none and the process it names — equals the planner's: the tool of the operation that drills or
 * helically mills the hole, or the hole reported unreachable with the process it names. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "cam-analysis.h"
#include "cam-drill.h"
#include "cam-error.h"
#include "cam-plan.h"
#include "part-gen.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
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
  g_assert_no_error (error);
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

static CamMesh *
load (const char *path)
{
  g_autoptr (GError) error = NULL;
  CamMesh *m = cam_mesh_load_file (path, NULL, NULL, NULL, &error);
  if (m == NULL)
    fail_msg ("%s", error->message);
  return m;
}

/* ---- verdicts ---- */

typedef enum {
  VERDICT_DRILL,   /* drilled with tool */
  VERDICT_HELIX,   /* milled helically with tool */
  VERDICT_NONE,    /* no library tool: process (may be NULL: e.g. a longer drill is the fix) */
} VerdictKind;

typedef struct {
  VerdictKind kind;
  char *tool;
  char *process;
} Verdict;

static const char *
verdict_kind_name (VerdictKind k)
{
  return k == VERDICT_DRILL ? "drill" : k == VERDICT_HELIX ? "helix" : "none";
}

static void
verdict_clear (Verdict *v)
{
  g_clear_pointer (&v->tool, g_free);
  g_clear_pointer (&v->process, g_free);
}

/* The hole rules that name a process when no drill is the answer. */
static const char *const hole_rules[] = { "hole-below-drill", "hole-hard-material", "hole-too-deep",
                                          "hole-drill-size", "hole-drill-length" };

static void
dfm_verdict (const CamLibrary *lib, const CamAnalysis *a, const CamFeature *hole, Verdict *out)
{
  memset (out, 0, sizeof *out);
  const char *tool = g_hash_table_lookup (a->dfm->hole_tools, hole->id);
  if (tool != NULL)
    {
      const CamTool *t = cam_library_find_tool (lib, tool);
      assert_non_null (t);
      out->kind = t->kind == CAM_TOOL_DRILL ? VERDICT_DRILL : VERDICT_HELIX;
      out->tool = g_strdup (tool);
      return;
    }
  out->kind = VERDICT_NONE;
  for (guint i = 0; i < a->dfm->findings->len && out->process == NULL; i++)
    {
      const CamDfmFinding *x = g_ptr_array_index (a->dfm->findings, i);
      gboolean mine = g_strcmp0 (x->feature, hole->id) == 0
                      || (hole->pattern != NULL && g_strcmp0 (x->pattern, hole->pattern) == 0);
      if (mine && x->process != NULL && g_strv_contains ((const char *const *) hole_rules, x->rule))
        out->process = g_strdup (x->process);
    }
}

/* The planner's verdict from its operations (before generation: what it decided). */
static void
plan_verdict (const CamJob *job, const CamFeature *hole, Verdict *out)
{
  memset (out, 0, sizeof *out);
  gboolean found = FALSE;
  for (guint i = 0; i < job->ops->len; i++)
    {
      const CamJobOp *op = cam_job_op (job, i);
      if (op->kind != CAM_JOB_OP_DRILL && op->kind != CAM_JOB_OP_PECK && op->kind != CAM_JOB_OP_HELIX)
        continue;
      for (guint k = 0; k < op->holes->len; k++)
        if (g_strcmp0 (g_array_index (op->holes, CamJobHole, k).feature_id, hole->id) == 0)
          {
            assert_false (found); /* one operation makes a hole */
            found = TRUE;
            out->kind = op->kind == CAM_JOB_OP_HELIX ? VERDICT_HELIX : VERDICT_DRILL;
            out->tool = g_strdup (cam_job_tool (job, op->tool)->spec);
          }
    }
  for (guint i = 0; i < job->unreachable->len; i++)
    {
      const CamUnreachable *u = g_ptr_array_index (job->unreachable, i);
      if (g_strcmp0 (u->feature_id, hole->id) != 0)
        continue;
      assert_false (found);
      found = TRUE;
      out->kind = VERDICT_NONE;
      out->process = g_strdup (u->process);
    }
  if (!found)
    fail_msg ("the planner neither makes nor reports hole %s", hole->id);
}

/* Analysis + plan of one part in one material; every hole's two verdicts must be equal.
 * Returns the number of holes compared; the verdict of the first hole in *first (may be NULL). */
static guint
assert_plan_agrees_with_dfm (Fixture *fx, CamMesh *mesh, const char *material, const char *name, Verdict *first)
{
  g_autoptr (GError) error = NULL;
  CamAnalysisOptions ao = { material, "micro60k", 0, 0 };
  g_autoptr (CamAnalysis) a = cam_analysis_run (mesh, fx->lib, fx->rules, &ao, NULL, &error);
  g_assert_no_error (error);
  CamPlanOptions po;
  cam_plan_options_init (&po);
  po.material_id = material;
  po.machine_id = "micro60k";
  po.rules = fx->rules;
  g_autoptr (CamJob) job = cam_plan_operations (mesh, a->features, fx->lib, &po, &error);
  g_assert_no_error (error);
  guint n = 0;
  for (guint i = 0; i < a->features->features->len; i++)
    {
      const CamFeature *f = g_ptr_array_index (a->features->features, i);
      if (f->kind != CAM_FEATURE_HOLE)
        continue;
      Verdict d, p;
      dfm_verdict (fx->lib, a, f, &d);
      plan_verdict (job, f, &p);
      if (d.kind != p.kind || g_strcmp0 (d.tool, p.tool) != 0 || g_strcmp0 (d.process, p.process) != 0)
        fail_msg ("%s in %s, hole %s Ø%.4f × %.4f: DFM says %s %s %s, the planner %s %s %s", name, material, f->id,
                  f->diameter_mm, f->depth_mm, verdict_kind_name (d.kind), d.tool ? d.tool : "-",
                  d.process ? d.process : "-", verdict_kind_name (p.kind), p.tool ? p.tool : "-",
                  p.process ? p.process : "-");
      if (n == 0 && first != NULL)
        *first = d;
      else
        verdict_clear (&d);
      verdict_clear (&p);
      n++;
    }
  return n;
}

static const char *const materials[] = { "al6061", "peek", "h13-50hrc" };

static void
test_dfm_and_planner_agree_on_every_hole_of_the_test_parts (void **state)
{
  Fixture *fx = *state;
  g_autoptr (GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  const char *dirs[] = { SAMPLES_DIR, TEST_DATA_DIR };
  for (guint k = 0; k < G_N_ELEMENTS (dirs); k++)
    {
      g_autoptr (GDir) dir = g_dir_open (dirs[k], 0, NULL);
      assert_non_null (dir);
      const char *n;
      while ((n = g_dir_read_name (dir)) != NULL)
        if (g_str_has_suffix (n, ".stl") && (k == 0 || g_str_has_prefix (n, "dfm_")))
          g_ptr_array_add (parts, g_build_filename (dirs[k], n, NULL));
    }
  assert_true (parts->len >= 10);
  guint holes = 0;
  for (guint i = 0; i < parts->len; i++)
    {
      g_autoptr (CamMesh) mesh = load (g_ptr_array_index (parts, i));
      for (guint m = 0; m < G_N_ELEMENTS (materials); m++)
        holes += assert_plan_agrees_with_dfm (fx, mesh, materials[m], g_ptr_array_index (parts, i), NULL);
    }
  /* the parts hold 16 + 1 + 1 + 9 + 5 + 9 + 1 holes, each judged in three materials */
  assert_int_equal (holes, 3 * 42);
}

/* One 6 × 6 × t plate with a single through hole of diameter d. */
static CamMesh *
plate_with_hole (double d, double t)
{
  const GenHole hole[] = { { 3, 3, d } };
  g_autoptr (GError) error = NULL;
  CamMesh *m = gen_plate (6, 6, t, hole, 1, NULL, 0, 96, &error);
  g_assert_no_error (error);
  return m;
}

/* Holes at and around every drill size of the library: both judge each the same, and the
 * window from the data decides which drill makes it: 2.006 mm is no Ø2 drill's hole (6 µm
 * above it, the window takes 2), 2.0015 is, 1.998 is not (a drill 2 µm larger than the
 * hole makes it oversize, the window takes 1). */
static void
test_dfm_and_planner_agree_around_the_library_sizes (void **state)
{
  Fixture *fx = *state;
  const CamDrillMatch *w = cam_library_drill_match (fx->lib);
  static const double offsets_um[] = { -6, -3, -1.5, -0.5, 0, 0.5, 1.5, 3, 6 };
  static const double sizes[] = { 0.1, 0.2, 0.3, 0.5, 1.0, 2.0, 3.0 };
  guint compared = 0;
  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    for (guint o = 0; o < G_N_ELEMENTS (offsets_um); o++)
      {
        double d = sizes[s] + 1e-3 * offsets_um[o];
        g_autoptr (CamMesh) mesh = plate_with_hole (d, MAX (0.5, 2.5 * sizes[s]));
        for (guint m = 0; m < G_N_ELEMENTS (materials); m++)
          {
            g_autofree char *name = g_strdup_printf ("plate with a Ø%.4f hole", d);
            Verdict v = { 0 };
            assert_int_equal (assert_plan_agrees_with_dfm (fx, mesh, materials[m], name, &v), 1);
            compared++;
            /* in aluminium every size is drillable: the window alone decides the drill */
            if (m == 0)
              {
                double off = 1e-3 * offsets_um[o];
                gboolean in_window = -off <= w->over_mm && off <= w->under_mm;
                g_autofree char *drill_id = g_strdup_printf ("drill-%g", sizes[s]);
                if (in_window)
                  {
                    assert_int_equal (v.kind, VERDICT_DRILL);
                    assert_string_equal (v.tool, drill_id);
                  }
                else
                  assert_true (v.kind != VERDICT_DRILL || g_strcmp0 (v.tool, drill_id) != 0);
              }
            verdict_clear (&v);
          }
      }
  assert_int_equal (compared, G_N_ELEMENTS (sizes) * G_N_ELEMENTS (offsets_um) * G_N_ELEMENTS (materials));

  /* the Ø2.006: no Ø2 drill for either, DFM notes the size, the planner mills it */
  g_autoptr (CamMesh) mesh = plate_with_hole (2.006, 3);
  CamAnalysisOptions ao = { "al6061", NULL, 0, 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (CamAnalysis) a = cam_analysis_run (mesh, fx->lib, fx->rules, &ao, NULL, &error);
  g_assert_no_error (error);
  assert_int_equal (cam_dfm_report_count (a->dfm, "hole-drill-size", NULL), 1);
  const char *tool = g_hash_table_lookup (a->dfm->hole_tools, "H1");
  assert_non_null (tool);
  assert_int_equal (cam_library_find_tool (fx->lib, tool)->kind, CAM_TOOL_FLAT);
}

/* The window comes from the tool documents: the built-in one, then a shop's own. */
static void
test_drill_window_comes_from_the_tool_data (void **state)
{
  Fixture *fx = *state;
  const CamDrillMatch *w = cam_library_drill_match (fx->lib);
  assert_float_equal (w->over_mm, 0.001, 1e-12);
  assert_float_equal (w->under_mm, 0.002, 1e-12);
  const CamTool *d2 = cam_library_find_tool (fx->lib, "drill-2");
  assert_true (cam_library_drill_fits (fx->lib, d2, 2.0015));
  assert_false (cam_library_drill_fits (fx->lib, d2, 2.006));
  assert_false (cam_library_drill_fits (fx->lib, d2, 1.998));
  assert_ptr_equal (cam_library_find_drill (fx->lib, 2.0015, 3.0, TRUE, cam_drill_flute_needed, NULL), d2);
  assert_null (cam_library_find_drill (fx->lib, 2.006, 3.0, TRUE, cam_drill_flute_needed, NULL));

  /* Ø0.2 × 2 mm through: drill-0.2 (2 mm of flute) does not reach, drill-0.2-long does */
  const CamTool *sized = NULL;
  const CamTool *d = cam_library_find_drill (fx->lib, 0.2, 2.0, TRUE, cam_drill_flute_needed, &sized);
  assert_string_equal (d->id, "drill-0.2-long");
  assert_string_equal (sized->id, "drill-0.2-long");
  assert_string_equal (cam_library_find_drill (fx->lib, 0.2, 1.0, TRUE, cam_drill_flute_needed, NULL)->id, "drill-0.2");
  assert_null (cam_library_find_drill (fx->lib, 0.2, 5.0, TRUE, cam_drill_flute_needed, &sized));
  assert_string_equal (sized->id, "drill-0.2-long");

  /* a shop's document widens the window; a broken one is named and changes nothing */
  g_autoptr (CamLibrary) lib = cam_library_new_with_config_dir (NULL);
  d2 = cam_library_find_tool (lib, "drill-2");
  const char *shop = "{\"tools\": [], \"drill_match\": {\"over_mm\": 0.0, \"under_mm\": 0.01}}";
  g_autoptr (GError) error = NULL;
  assert_true (cam_library_load_data (lib, CAM_LIBRARY_TOOLS, shop, -1, "shop.json", &error));
  assert_true (cam_library_drill_fits (lib, d2, 2.006));
  assert_false (cam_library_drill_fits (lib, d2, 1.9995));
  guint n_warnings = cam_library_get_warnings (lib)->len;
  const char *bad = "{\"tools\": [], \"drill_match\": {\"over_mm\": -1, \"under_mm\": 0.5}}";
  assert_true (cam_library_load_data (lib, CAM_LIBRARY_TOOLS, bad, -1, "bad.json", &error));
  assert_int_equal (cam_library_get_warnings (lib)->len, n_warnings + 1);
  const char *msg = g_ptr_array_index (cam_library_get_warnings (lib), n_warnings);
  assert_non_null (strstr (msg, "bad.json"));
  assert_non_null (strstr (msg, "over_mm"));
  assert_float_equal (cam_library_drill_match (lib)->under_mm, 0.01, 1e-12);
  /* an empty library (no document) matches a drill only to its own size */
  g_autoptr (CamLibrary) empty = cam_library_new ();
  assert_float_equal (cam_library_drill_match (empty)->over_mm, 0, 0);
  assert_false (cam_library_drill_fits (empty, d2, 2.0005));
}

/* ---- the entry point against `microcam-cli dfm` and the two steps it stands for ---- */

static JsonObject *
cli_dfm_json (const char *part, const char *material, JsonParser *parser)
{
  const char *argv[] = { MICROCAM_CLI, "dfm", part, "--material", material, "--tolerance", "0.002", "--json", NULL };
  g_autofree char *out = NULL, *err = NULL;
  int status = 0;
  g_autoptr (GError) error = NULL;
  assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error));
  if (!g_spawn_check_wait_status (status, NULL))
    fail_msg ("microcam-cli dfm %s: %s", part, err);
  assert_true (json_parser_load_from_data (parser, out, -1, &error));
  return json_node_get_object (json_parser_get_root (parser));
}

static void
assert_same_as_two_steps (Fixture *fx, CamMesh *mesh, const CamAnalysis *a, const CamAnalysisOptions *ao)
{
  g_autoptr (GError) error = NULL;
  CamFeatureOptions fo;
  cam_feature_options_init (&fo);
  fo.wall_report_mm = fx->rules->wall_report_mm;
  g_autoptr (CamFeatureSet) set = cam_features_recognize (mesh, &fo, NULL, &error);
  g_assert_no_error (error);
  CamDfmOptions dopts = { ao->material_id, ao->machine_id, ao->tolerance_mm, ao->finish_ra_um };
  g_autoptr (CamDfmReport) r = cam_dfm_review (set, fx->rules, fx->lib, &dopts, &error);
  g_assert_no_error (error);
  assert_int_equal (a->features->features->len, set->features->len);
  assert_int_equal (a->dfm->findings->len, r->findings->len);
  for (guint i = 0; i < r->findings->len; i++)
    {
      const CamDfmFinding *x = g_ptr_array_index (r->findings, i), *y = g_ptr_array_index (a->dfm->findings, i);
      assert_string_equal (x->rule, y->rule);
      assert_string_equal (x->message, y->message);
    }
}

static void
test_analysis_gives_what_cli_dfm_prints (void **state)
{
  Fixture *fx = *state;
  static const char *const parts[] = { SAMPLES_DIR "/a_plate_holes_pocket.stl", TEST_DATA_DIR "/dfm_walls.stl",
                                       TEST_DATA_DIR "/dfm_problems.stl", TEST_DATA_DIR "/dfm_features.stl" };
  for (guint p = 0; p < G_N_ELEMENTS (parts); p++)
    {
      g_autoptr (CamMesh) mesh = load (parts[p]);
      CamAnalysisOptions ao = { "ss316l", NULL, 0.002, 0 };
      g_autoptr (GError) error = NULL;
      g_autoptr (CamAnalysis) a = cam_analysis_run (mesh, fx->lib, NULL, &ao, NULL, &error);
      g_assert_no_error (error);
      assert_ptr_equal (a->mesh, mesh);
      assert_string_equal (a->dfm->machine_id, "micro60k");
      assert_same_as_two_steps (fx, mesh, a, &ao);

      g_autoptr (JsonParser) parser = json_parser_new ();
      JsonObject *o = cli_dfm_json (parts[p], "ss316l", parser);
      JsonArray *features = json_object_get_array_member (o, "features");
      assert_int_equal (json_array_get_length (features), a->features->features->len);
      for (guint i = 0; i < a->features->features->len; i++)
        {
          const CamFeature *f = g_ptr_array_index (a->features->features, i);
          JsonObject *jf = json_array_get_object_element (features, i);
          assert_string_equal (json_object_get_string_member (jf, "id"), f->id);
          assert_string_equal (json_object_get_string_member (jf, "kind"), cam_feature_kind_to_string (f->kind));
          if (isfinite (f->diameter_mm))
            assert_float_equal (json_object_get_double_member (jf, "diameter_mm"), f->diameter_mm, 1e-12);
          if (isfinite (f->thickness_mm))
            assert_float_equal (json_object_get_double_member (jf, "thickness_mm"), f->thickness_mm, 1e-12);
        }
      JsonArray *findings = json_object_get_array_member (o, "findings");
      assert_int_equal (json_array_get_length (findings), a->dfm->findings->len);
      for (guint i = 0; i < a->dfm->findings->len; i++)
        {
          const CamDfmFinding *x = g_ptr_array_index (a->dfm->findings, i);
          JsonObject *jx = json_array_get_object_element (findings, i);
          assert_string_equal (json_object_get_string_member (jx, "rule"), x->rule);
          assert_string_equal (json_object_get_string_member (jx, "feature"), x->feature);
          assert_string_equal (json_object_get_string_member (jx, "severity"), cam_dfm_severity_to_string (x->severity));
          assert_string_equal (json_object_get_string_member (jx, "message"), x->message);
        }
    }
}

/* The walls the rules ask for: a review with a lower wall threshold finds fewer walls. */
static void
test_feature_options_come_from_the_rules (void **state)
{
  Fixture *fx = *state;
  g_autoptr (GError) error = NULL;
  g_autoptr (CamMesh) mesh = load (TEST_DATA_DIR "/dfm_walls.stl");
  CamAnalysisOptions ao = { "ss316l", NULL, 0, 0 };
  g_autoptr (CamAnalysis) a = cam_analysis_run (mesh, fx->lib, fx->rules, &ao, NULL, &error);
  g_assert_no_error (error);
  guint walls = cam_feature_set_count (a->features, CAM_FEATURE_WALL);
  assert_true (walls > 0);

  g_autoptr (CamDfmRules) strict = cam_dfm_rules_new_builtin (&error);
  g_assert_no_error (error);
  strict->wall_report_mm = 0.01; /* thinner than every wall of the part */
  CamFeatureOptions fo;
  cam_analysis_feature_options (strict, &fo);
  assert_float_equal (fo.wall_report_mm, 0.01, 0);
  g_autoptr (CamAnalysis) b = cam_analysis_run (mesh, fx->lib, strict, &ao, NULL, &error);
  g_assert_no_error (error);
  assert_int_equal (cam_feature_set_count (b->features, CAM_FEATURE_WALL), 0);
}

static void
test_analysis_honours_cancellation_and_bad_ids (void **state)
{
  Fixture *fx = *state;
  g_autoptr (CamMesh) mesh = load (SAMPLES_DIR "/a_plate_holes_pocket.stl");
  CamAnalysisOptions ao = { "al6061", NULL, 0, 0 };
  g_autoptr (GCancellable) c = g_cancellable_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (CamAnalysis) ok = cam_analysis_run (mesh, fx->lib, fx->rules, &ao, c, &error);
  g_assert_no_error (error);
  assert_non_null (ok);
  /* the reference keeps the mesh */
  CamAnalysis *kept = cam_analysis_ref (ok);
  assert_ptr_equal (kept, ok);
  cam_analysis_unref (kept);

  g_cancellable_cancel (c);
  CamAnalysis *none = cam_analysis_run (mesh, fx->lib, fx->rules, &ao, c, &error);
  assert_null (none);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  CamAnalysisOptions bad = { "unobtainium", NULL, 0, 0 };
  assert_null (cam_analysis_run (mesh, fx->lib, fx->rules, &bad, NULL, &error));
  g_assert_error (error, CAM_ERROR, CAM_ERROR_INVALID);
  assert_non_null (strstr (error->message, "unobtainium"));
  g_clear_error (&error);
  CamAnalysisOptions bad_machine = { "al6061", "lathe", 0, 0 };
  assert_null (cam_analysis_run (mesh, fx->lib, fx->rules, &bad_machine, NULL, &error));
  g_assert_error (error, CAM_ERROR, CAM_ERROR_INVALID);
  assert_non_null (strstr (error->message, "lathe"));
}

typedef struct {
  CamMesh *mesh;
  const CamLibrary *lib;
  GCancellable *cancellable;
  GError *error;
  CamAnalysis *result;
} Run;

static gpointer
run_thread (gpointer data)
{
  Run *r = data;
  CamAnalysisOptions ao = { "al6061", NULL, 0, 0 };
  r->result = cam_analysis_run (r->mesh, r->lib, NULL, &ao, r->cancellable, &r->error);
  return NULL;
}

/* Cancelled while recognising a large part (400 holes, 320,000 facets: a fraction of a second of
 * slicing on the 2-core machine, far longer than the 20 ms head start) in a worker thread: no
 * result, G_IO_ERROR_CANCELLED. */
static void
test_analysis_stops_when_cancelled_in_a_thread (void **state)
{
  Fixture *fx = *state;
  GenHole holes[400];
  for (guint i = 0; i < G_N_ELEMENTS (holes); i++)
    holes[i] = (GenHole) { 0.25 + 0.5 * (i % 20), 0.25 + 0.5 * (i / 20), 0.2 };
  g_autoptr (GError) error = NULL;
  g_autoptr (CamMesh) mesh = gen_plate (10, 10, 1, holes, G_N_ELEMENTS (holes), NULL, 0, 200, &error);
  g_assert_no_error (error);
  g_autoptr (GCancellable) c = g_cancellable_new ();
  Run r = { mesh, fx->lib, c, NULL, NULL };
  GThread *t = g_thread_new ("analysis", run_thread, &r);
  g_usleep (20000);
  g_cancellable_cancel (c);
  g_thread_join (t);
  assert_null (r.result);
  g_assert_error (r.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&r.error);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_drill_window_comes_from_the_tool_data),
    cmocka_unit_test (test_dfm_and_planner_agree_on_every_hole_of_the_test_parts),
    cmocka_unit_test (test_dfm_and_planner_agree_around_the_library_sizes),
    cmocka_unit_test (test_analysis_gives_what_cli_dfm_prints),
    cmocka_unit_test (test_feature_options_come_from_the_rules),
    cmocka_unit_test (test_analysis_honours_cancellation_and_bad_ids),
    cmocka_unit_test (test_analysis_stops_when_cancelled_in_a_thread),
  };
  return cmocka_run_group_tests (tests, setup, teardown);
}
