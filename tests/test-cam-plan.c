/* test-cam-plan.c — auto-planning a generated plate end to end: the ops it proposes, no
 * gouge anywhere, rapids above the stock, the job file round trip, rs274 on the program. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <geos_c.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "cam-dfm.h"
#include "cam-drill.h"
#include "cam-features.h"
#include "cam-job-io.h"
#include "cam-plan.h"
#include "cam-post.h"
#include "cam-wall.h"
#include "op-fixture.h"
#include "part-gen.h"
#include "rs274-check.h"

/* 10 × 10 × 1 plate: 3 × 3 Ø0.3 through holes (pitch 1, from (1.5, 1.5)), a 3 × 2 × 0.2
 * pocket with R0.15 corners at (5.5, 5.5) and a 1.5 × 1.5 × 0.3 one with R0.1 at (1.5, 6.5). */
static const GenHole holes[] = {
  { 1.5, 1.5, 0.3 }, { 2.5, 1.5, 0.3 }, { 3.5, 1.5, 0.3 }, { 1.5, 2.5, 0.3 }, { 2.5, 2.5, 0.3 },
  { 3.5, 2.5, 0.3 }, { 1.5, 3.5, 0.3 }, { 2.5, 3.5, 0.3 }, { 3.5, 3.5, 0.3 },
};
static const GenPocket pockets[] = {
  { 5.5, 5.5, 8.5, 7.5, 0.15, 0.2 },
  { 1.5, 6.5, 3.0, 8.0, 0.1, 0.3 },
};

typedef struct {
  CamLibrary *lib;
  CamMesh *mesh;
  CamFeatureSet *fs;
  CamJob *job;
} Planned;

static int
setup (void **state)
{
  Planned *p = g_new0 (Planned, 1);
  g_autoptr (GError) error = NULL;
  p->mesh = gen_plate (10, 10, 1, holes, G_N_ELEMENTS (holes), pockets, G_N_ELEMENTS (pockets), 48, &error);
  g_assert_no_error (error);
  g_assert_true (p->mesh->watertight);
  p->fs = cam_features_recognize (p->mesh, NULL, NULL, &error);
  g_assert_no_error (error);
  p->lib = cam_library_new_with_config_dir (NULL);
  CamPlanOptions opt;
  cam_plan_options_init (&opt);
  opt.material_id = "al6061";
  opt.machine_id = "micro60k";
  opt.stock_margin_mm = 0.1;
  p->job = cam_plan_job (p->mesh, p->fs, p->lib, &opt, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (p->job);
  *state = p;
  return 0;
}

static int
teardown (void **state)
{
  Planned *p = *state;
  cam_job_unref (p->job);
  cam_feature_set_unref (p->fs);
  cam_mesh_unref (p->mesh);
  cam_library_free (p->lib);
  g_free (p);
  return 0;
}

static void
test_plan_proposes_the_operations (void **state)
{
  Planned *p = *state;
  guint n[7] = { 0 };
  guint holes_drilled = 0;
  for (guint i = 0; i < p->job->ops->len; i++)
    {
      const CamJobOp *op = cam_job_op (p->job, i);
      n[op->kind]++;
      if (op->kind == CAM_JOB_OP_DRILL || op->kind == CAM_JOB_OP_PECK)
        {
          holes_drilled += op->holes->len;
          assert_float_equal (cam_job_tool (p->job, op->tool)->tool->d_mm, 0.3, 1e-9);
          /* through: past the bottom by the point length */
          for (guint h = 0; h < op->holes->len; h++)
            assert_true (g_array_index (op->holes, CamJobHole, h).bottom_z < -1.1 - 1e-6);
        }
      assert_non_null (op->toolpath);
      assert_true (cam_toolpath_n_moves (op->toolpath) > 0);
    }
  assert_int_equal (holes_drilled, G_N_ELEMENTS (holes));
  assert_int_equal (n[CAM_JOB_OP_FACE], 1); /* 0.1 mm of stock on top */
  assert_int_equal (n[CAM_JOB_OP_PROFILE], 1); /* 0.1 mm around */
  assert_true (n[CAM_JOB_OP_POCKET] >= 2);
  /* the spot drills come before the drills */
  gint last_spot = -1, first_drill = 1000;
  for (guint i = 0; i < p->job->ops->len; i++)
    {
      const CamJobOp *op = cam_job_op (p->job, i);
      if (op->kind == CAM_JOB_OP_SPOT)
        last_spot = i;
      if ((op->kind == CAM_JOB_OP_DRILL || op->kind == CAM_JOB_OP_PECK) && (gint) i < first_drill)
        first_drill = i;
    }
  assert_true (last_spot < first_drill);
  /* the corners (R0.15, R0.1) can be made by the library's end mills: nothing unreachable */
  for (guint i = 0; i < p->job->unreachable->len; i++)
    fail_msg ("unreachable: %s", ((CamUnreachable *) g_ptr_array_index (p->job->unreachable, i))->reason);
}

/* The Ø0.3 holes are drilled with a 140° carbide drill: the planner spots them with the
 * smallest spot drill of at least 140° that covers the hole (spot-0.5-140, not the 90° one whose
 * rim would meet the drill's corners first), to a dimple of the hole's diameter, 0.15·cot 70°
 * deep. Spotted by the 90° spot instead, the drill's generation warns, naming both angles. */
static void
test_plan_spots_with_the_drills_angle (void **state)
{
  Planned *p = *state;
  const CamJobOp *spot = NULL, *drill = NULL;
  for (guint i = 0; i < p->job->ops->len; i++)
    {
      const CamJobOp *op = cam_job_op (p->job, i);
      if (op->kind == CAM_JOB_OP_SPOT && spot == NULL)
        spot = op;
      if ((op->kind == CAM_JOB_OP_DRILL || op->kind == CAM_JOB_OP_PECK) && drill == NULL)
        drill = op;
    }
  assert_non_null (spot);
  assert_non_null (drill);
  const CamTool *st = cam_job_tool (p->job, spot->tool)->tool, *dt = cam_job_tool (p->job, drill->tool)->tool;
  assert_float_equal (dt->point_angle_deg, 140.0, 1e-9);
  assert_float_equal (st->point_angle_deg, 140.0, 1e-9);
  assert_float_equal (st->d_mm, 0.5, 1e-9);
  double depth = 0.15 / tan (70.0 * G_PI / 180.0);
  assert_float_equal (cam_drill_spot_depth (0.3, 140.0), depth, 1e-12);
  assert_float_equal (spot->top_z - spot->bottom_z, depth, 1e-9);
  double lowest = INFINITY;
  for (gsize i = 0; i < cam_toolpath_n_moves (spot->toolpath); i++)
    {
      const CamMove *m = cam_toolpath_move (spot->toolpath, i);
      if (cam_move_is_cut (m))
        lowest = MIN (lowest, m->z);
    }
  assert_float_equal (lowest, spot->top_z - depth, 1e-4); /* snapped to the post's 0.1 µm grid */
  for (guint w = 0; w < drill->warnings->len; w++)
    assert_null (strstr (g_ptr_array_index (drill->warnings, w), "sharper"));

  g_autoptr (CamJob) sharp = cam_job_copy (p->job);
  const CamTool *spot90 = cam_library_find_tool (p->lib, "spot-0.5-90");
  assert_non_null (spot90);
  guint t90 = cam_job_add_tool (sharp, "spot-0.5-90", spot90);
  const CamJobOp *warned = NULL;
  for (guint i = 0; i < sharp->ops->len; i++)
    if (cam_job_op (sharp, i)->kind == CAM_JOB_OP_SPOT)
      cam_job_op (sharp, i)->tool = t90;
  CamGenContext ctx = { .job = sharp, .material = cam_library_find_material (p->lib, sharp->material_id),
                       .machine = cam_library_find_machine (p->lib, sharp->machine_id) };
  g_autoptr (GError) error = NULL;
  assert_true (cam_job_generate (&ctx, NULL, NULL, &error));
  for (guint i = 0; i < sharp->ops->len && warned == NULL; i++)
    {
      const CamJobOp *op = cam_job_op (sharp, i);
      if (op->kind == CAM_JOB_OP_DRILL || op->kind == CAM_JOB_OP_PECK)
        for (guint w = 0; w < op->warnings->len; w++)
          if (strstr (g_ptr_array_index (op->warnings, w), "90° point, sharper than this 140° drill"))
            warned = op;
    }
  assert_non_null (warned);
}

static void
geos_quiet (const char *fmt, ...)
{
  (void) fmt;
}

/* Every cutting move below the part top keeps its tool disk inside what is removed there:
 * pockets at or above their floor, holes (drills on their axis), outside the part outline. */
static void
test_plan_never_gouges_the_part (void **state)
{
  Planned *p = *state;
  GEOSContextHandle_t g = GEOS_init_r ();
  GEOSContext_setNoticeHandler_r (g, geos_quiet);
  const CamJob *job = p->job;
  double oz = job->work_offset[2];
  double part_top = job->part_max[2] - oz; /* work Z of the part top */
  GEOSGeometry *part = GEOSGeom_createRectangle_r (g, 0, 0, 10, 10);
  g_autoptr (CamToolpath) tp = cam_toolpath_expand_cycles (job->toolpath);
  double s[3] = { tp->start[0], tp->start[1], tp->start[2] };
  double worst = INFINITY;
  for (guint i = 0; i < tp->moves->len; i++)
    {
      const CamMove *m = cam_toolpath_move (tp, i);
      if (cam_move_is_cut (m) && MIN (m->z, s[2]) < part_top - 1e-6)
        {
          const CamJobTool *jt = cam_job_tool (job, m->tool_index);
          double r = 0.5 * jt->tool->d_mm;
          gboolean pointed = jt->tool->kind == CAM_TOOL_DRILL || jt->tool->kind == CAM_TOOL_SPOT;
          double half_angle = 0.5 * (jt->tool->point_angle_deg > 0 ? jt->tool->point_angle_deg : 118) * G_PI / 180;
          double len = cam_move_length (m, s);
          guint ns = MAX (1u, (guint) ceil (len / 0.005));
          for (guint k = 0; k <= ns; k++)
            {
              double q[3];
              cam_move_point_at (m, s, (double) k / ns, q);
              if (q[2] >= part_top - 1e-6)
                continue;
              /* a drill's or spot drill's cone: its widest place in the part is at the top */
              if (pointed)
                r = MIN (0.5 * jt->tool->d_mm, (part_top - q[2]) * tan (half_angle));
              double model_z = q[2] + oz;
              /* the void at this height, in work XY (= model XY with the default origin) */
              double best = -INFINITY;
              for (guint h = 0; h < G_N_ELEMENTS (holes); h++)
                best = MAX (best, 0.5 * holes[h].d - hypot (q[0] - holes[h].x, q[1] - holes[h].y) - r);
              for (guint c = 0; c < G_N_ELEMENTS (pockets); c++)
                if (model_z >= 1 - pockets[c].depth - 1e-6)
                  {
                    const GenPocket *pk = &pockets[c];
                    /* signed distance inside a rounded rectangle */
                    double cx = CLAMP (q[0], pk->x0 + pk->corner_r, pk->x1 - pk->corner_r);
                    double cy = CLAMP (q[1], pk->y0 + pk->corner_r, pk->y1 - pk->corner_r);
                    double inside = pk->corner_r - hypot (q[0] - cx, q[1] - cy);
                    if (q[0] > pk->x0 + pk->corner_r && q[0] < pk->x1 - pk->corner_r)
                      inside = MIN (q[1] - pk->y0, pk->y1 - q[1]);
                    else if (q[1] > pk->y0 + pk->corner_r && q[1] < pk->y1 - pk->corner_r)
                      inside = MIN (q[0] - pk->x0, pk->x1 - q[0]);
                    best = MAX (best, inside - r);
                  }
              /* outside the part outline */
              double ox = MAX (-q[0], q[0] - 10), oy = MAX (-q[1], q[1] - 10);
              double out = ox > 0 && oy > 0 ? hypot (ox, oy) : MAX (ox, oy);
              best = MAX (best, out - r);
              if (best < worst)
                worst = best;
              if (best < -1e-3)
                fail_msg ("move %u (op %s, T%u) at (%.4f, %.4f, %.4f): %.4f mm into the part", i,
                          cam_job_op (job, m->op_index)->id, jt->number, q[0], q[1], q[2], -best);
            }
        }
      s[0] = m->x, s[1] = m->y, s[2] = m->z;
    }
  /* chord error of polylines around R0.1 corners: well under a micrometre */
  assert_true (worst > -1e-3);
  GEOSGeom_destroy_r (g, part);
  GEOS_finish_r (g);
}

static void
test_plan_rapids_stay_above_stock (void **state)
{
  Planned *p = *state;
  g_autofree char *msg = check_rapids_above_stock (p->job->toolpath);
  if (msg)
    fail_msg ("%s", msg);
}

static void
test_plan_program_runs_in_rs274 (void **state)
{
  Planned *p = *state;
  RS274_REQUIRED ();
  g_autofree char *dir = g_dir_make_tmp ("microcam-plan-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "plate.ngc", NULL);
  g_autoptr (GError) error = NULL;
  assert_true (cam_post_write_file (cam_post_linuxcnc (), p->job->toolpath, NULL, path, &error));
  g_autofree char *diff = rs274_compare (p->job->toolpath, path);
  if (diff)
    fail_msg ("%s", diff);
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_job_file_round_trip (void **state)
{
  Planned *p = *state;
  g_autofree char *dir = g_dir_make_tmp ("microcam-job-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "plate.json", NULL);
  g_autoptr (GError) error = NULL;
  assert_true (cam_job_io_save (p->job, path, &error));
  g_autoptr (CamJob) back = cam_job_io_load (path, p->lib, &error);
  g_assert_no_error (error);
  assert_int_equal (back->ops->len, p->job->ops->len);
  assert_int_equal (back->tools->len, p->job->tools->len);
  assert_int_equal (cam_toolpath_n_moves (back->toolpath), cam_toolpath_n_moves (p->job->toolpath));
  CamToolpathStats a, b;
  cam_toolpath_stats (p->job->toolpath, NULL, -1, &a);
  cam_toolpath_stats (back->toolpath, NULL, -1, &b);
  assert_float_equal (a.cut_length_mm, b.cut_length_mm, 1e-6);
  assert_float_equal (a.rapid_length_mm, b.rapid_length_mm, 1e-6);
  assert_float_equal (a.min_safety_factor, b.min_safety_factor, 1e-4);
  for (guint i = 0; i < back->ops->len; i++)
    {
      const CamJobOp *x = cam_job_op (p->job, i), *y = cam_job_op (back, i);
      assert_string_equal (x->id, y->id);
      assert_int_equal (x->kind, y->kind);
      assert_int_equal (x->holes->len, y->holes->len);
      assert_string_equal (cam_job_tool (p->job, x->tool)->spec, cam_job_tool (back, y->tool)->spec);
    }
  /* the saved job regenerates the same toolpaths */
  CamGenContext ctx = { .job = back, .material = cam_library_find_material (p->lib, back->material_id),
                       .machine = cam_library_find_machine (p->lib, back->machine_id) };
  assert_true (cam_job_generate (&ctx, NULL, NULL, &error));
  assert_int_equal (cam_toolpath_n_moves (back->toolpath), cam_toolpath_n_moves (p->job->toolpath));
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_job_file_errors_name_the_field (void **state)
{
  Planned *p = *state;
  g_autoptr (GError) error = NULL;
  g_autofree char *text = cam_job_io_to_data (p->job, FALSE);
  /* a hole coordinate that is a string */
  const char *key = "\"holes\":[{\"x\":";
  const char *x = strstr (text, key);
  assert_non_null (x);
  x += strlen (key);
  const char *end = strchr (x, ',');
  g_autofree char *bad = g_strdup_printf ("%.*s\"left\"%s", (int) (x - text), text, end);
  g_autoptr (CamJob) j = cam_job_io_from_data (bad, -1, "bad.json", p->lib, &error);
  assert_null (j);
  assert_non_null (strstr (error->message, "bad.json"));
  assert_non_null (strstr (error->message, ".holes[0].x"));
  g_clear_error (&error);
  g_autoptr (CamJob) j2 = cam_job_io_from_data ("{\"format\":\"microcam-job\",\"version\":7}", -1, "v.json",
                                                p->lib, &error);
  assert_null (j2);
  assert_non_null (strstr (error->message, "version 7"));
  g_clear_error (&error);
  g_autoptr (CamJob) j3 = cam_job_io_from_data ("[1]", -1, "a.json", p->lib, &error);
  assert_null (j3);
  assert_non_null (strstr (error->message, "a.json"));
}

/* The planner reports what no tool can reach, with the reason, instead of ignoring it. */
static void
test_plan_reports_unreachable (void **state)
{
  Planned *p = *state;
  /* a Ø0.07 hole: no drill of that size in the library, and no end mill small enough */
  static const GenHole tiny[] = { { 5, 2, 0.07 } };
  static const GenPocket sharp[] = { { 5.5, 5.5, 8.5, 7.5, 0.0, 0.2 } };
  g_autoptr (GError) error = NULL;
  g_autoptr (CamMesh) mesh = gen_plate (10, 10, 1, tiny, 1, sharp, 1, 48, &error);
  g_assert_no_error (error);
  g_autoptr (CamFeatureSet) fs = cam_features_recognize (mesh, NULL, NULL, &error);
  g_assert_no_error (error);
  CamPlanOptions opt;
  cam_plan_options_init (&opt);
  opt.material_id = "al6061";
  opt.machine_id = "micro60k";
  g_autoptr (CamJob) job = cam_plan_job (mesh, fs, p->lib, &opt, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  gboolean hole = FALSE, corner = FALSE;
  for (guint i = 0; i < job->unreachable->len; i++)
    {
      const CamUnreachable *u = g_ptr_array_index (job->unreachable, i);
      assert_true (u->reason && *u->reason);
      hole |= strstr (u->reason, "micro-EDM") != NULL && u->area_mm2 == 0;
      corner |= u->area_mm2 > 0 && strstr (u->reason, "corner") != NULL;
    }
  assert_true (hole);
  assert_true (corner);
}

/* Does any warning of the job's drilling ops say the engine advises micro-EDM? */
static gboolean
advises_edm (const CamJob *job)
{
  for (guint i = 0; i < job->ops->len; i++)
    {
      const CamJobOp *op = cam_job_op (job, i);
      for (guint k = 0; k < op->warnings->len; k++)
        if (strstr (g_ptr_array_index (op->warnings, k), "micro-edm") != NULL)
          return TRUE;
    }
  return FALSE;
}

static guint
dfm_too_deep (const CamLibrary *lib, const CamFeatureSet *fs, const char *material)
{
  g_autoptr (GError) error = NULL;
  CamDfmRules *rules = cam_dfm_rules_new_builtin (&error);
  g_assert_no_error (error);
  CamDfmOptions o = { material, NULL, 0, 0 };
  g_autoptr (CamDfmReport) r = cam_dfm_review (fs, rules, lib, &o, &error);
  g_assert_no_error (error);
  guint n = cam_dfm_report_count (r, "hole-too-deep", NULL);
  cam_dfm_rules_free (rules);
  return n;
}

/* A drilling op on one Ø0.2 hole drilled with drill-0.2-long from the top of a plate of the
 * given thickness (work Z0 on top) down to bottom_z: does it warn that micro-EDM is the process? */
static gboolean
op_advises_edm (double plate_mm, double bottom_z)
{
  OpFixture f;
  op_fixture_init (&f, "ss316l", "micro60k", plate_mm);
  CamJobOp *op = cam_job_add_op (f.job, CAM_JOB_OP_PECK, op_fixture_tool (&f, "drill-0.2-long"));
  CamJobHole h = { .x = 5, .y = 5, .diameter_mm = 0.2, .top_z = 0, .bottom_z = bottom_z, .through = TRUE };
  cam_job_op_add_hole (op, &h);
  g_autoptr (GError) error = NULL;
  assert_true (cam_gen_generate (&f.ctx, op, &error));
  gboolean edm = advises_edm (f.job);
  op_fixture_clear (&f);
  return edm;
}

/* The planner's drilling op and the DFM review judge a drill's process on the same depth: the
 * depth drilled at full diameter (cam_drill_choose_process against the material's 10×D in 316L),
 * not the drill's travel with its point and breakthrough below the part. The sample plate's
 * Ø0.2 × 2 mm through holes are exactly 10×D: DFM rates them peck-drillable, and the plan for
 * them used to say "the engine advises micro-edm" (2.056 mm travel = 10.28×D). A 3 mm plate
 * (15×D) is micro-EDM for both. */
static void
test_plan_and_dfm_agree_on_the_process (void **state)
{
  Planned *p = *state;
  const CamTool *drill = cam_library_find_tool (p->lib, "drill-0.2-long");
  const CamMaterial *ss = cam_library_find_material (p->lib, "ss316l");
  double extra = cam_drill_point_length (drill) + 0.02; /* the planner's through-hole travel */
  assert_true (extra > 0.05 && extra < 0.06);

  /* the sample, end to end: DFM and plan */
  g_autoptr (GError) error = NULL;
  g_autoptr (CamMesh) mesh = cam_mesh_load_file (SAMPLES_DIR "/a_plate_holes_pocket.stl", NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_autoptr (CamFeatureSet) fs = cam_features_recognize (mesh, NULL, NULL, &error);
  g_assert_no_error (error);
  assert_int_equal (dfm_too_deep (p->lib, fs, "ss316l"), 0);
  CamPlanOptions opt;
  cam_plan_options_init (&opt);
  opt.material_id = "ss316l";
  opt.machine_id = "micro60k";
  g_autoptr (CamJob) job = cam_plan_job (mesh, fs, p->lib, &opt, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  guint drilled = 0;
  for (guint i = 0; i < job->ops->len; i++)
    if (cam_job_op (job, i)->kind == CAM_JOB_OP_PECK || cam_job_op (job, i)->kind == CAM_JOB_OP_DRILL)
      drilled += cam_job_op (job, i)->holes->len;
  assert_int_equal (drilled, 16);
  assert_false (advises_edm (job));

  /* one hole, op by op: 10×D through (the sample's), 15×D through, and a blind hole drilled to
   * its tip whose full diameter reaches 10×D in the 3 mm plate */
  assert_int_equal (cam_drill_choose_process (ss, 0.2, 2.0, 0), CAM_PROCESS_MICRO_DRILL);
  assert_false (op_advises_edm (2.0, -2.0 - extra));
  assert_int_equal (cam_drill_choose_process (ss, 0.2, 3.0, 0), CAM_PROCESS_MICRO_EDM);
  assert_true (op_advises_edm (3.0, -3.0 - extra));
  assert_false (op_advises_edm (3.0, -2.0 - cam_drill_point_length (drill)));

  /* the 15×D plate in the DFM review: hole-too-deep, micro-EDM */
  static const GenHole deep[] = { { 5, 5, 0.2 } };
  g_autoptr (CamMesh) thick = gen_plate (10, 10, 3, deep, 1, NULL, 0, 48, &error);
  g_assert_no_error (error);
  g_autoptr (CamFeatureSet) fs3 = cam_features_recognize (thick, NULL, NULL, &error);
  g_assert_no_error (error);
  assert_int_equal (dfm_too_deep (p->lib, fs3, "ss316l"), 1);
}

/* GEOS calls this before each of its interrupt checks (in noding, overlay, buffers: the
 * generators' offsets and booleans): the count measures the geometry work done. */
static guint geos_work;

static void
count_geos_work (void)
{
  geos_work++;
}

typedef struct {
  GCancellable *cancellable;
  double cancelled_at;   /* 0: not yet */
  int reports_after;
} CancelAtFirst;

/* presses Cancel at the first report after the start: one operation generated */
static void
cancel_at_first (double fraction, gpointer data)
{
  CancelAtFirst *c = data;
  if (fraction <= 0)
    return;
  if (c->cancelled_at > 0)
    c->reports_after++;
  else
    {
      c->cancelled_at = fraction;
      g_cancellable_cancel (c->cancellable);
    }
}

/* Cancel pressed as the second of the operations starts: planning returns no job with
 * G_IO_ERROR_CANCELLED, reports nothing more, and has done a fraction of a full plan's work. */
static void
test_cancelled_plan_stops (void **state)
{
  Planned *p = *state;
  CamPlanOptions opt;
  cam_plan_options_init (&opt);
  opt.material_id = "al6061";
  opt.machine_id = "micro60k";
  opt.stock_margin_mm = 0.1;
  GEOSInterruptCallback *before = GEOS_interruptRegisterCallback (count_geos_work);

  geos_work = 0;
  g_autoptr (GError) error = NULL;
  g_autoptr (CamJob) full = cam_plan_job (p->mesh, p->fs, p->lib, &opt, NULL, NULL, NULL, &error);
  assert_non_null (full);
  const guint full_work = geos_work;
  const guint n_ops = full->ops->len;

  geos_work = 0;
  g_autoptr (GCancellable) c = g_cancellable_new ();
  CancelAtFirst first = { .cancellable = c };
  CamJob *job = cam_plan_job (p->mesh, p->fs, p->lib, &opt, cancel_at_first, &first, c, &error);
  const guint work = geos_work;
  GEOS_interruptRegisterCallback (before);
  print_message ("%u operations; geometry work: full plan %u, cancelled at %.2f: %u\n", n_ops, full_work,
                 first.cancelled_at, work);
  assert_null (job);
  assert_true (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED));
  assert_int_equal (first.reports_after, 0);
  assert_true (n_ops >= 3);
  assert_float_equal (first.cancelled_at, 1.0 / n_ops, 1e-9);
  assert_true (full_work > 100);
  assert_true (work < full_work / 10);
}

/* DFM and the planner judge a thin wall with one computation (cam-wall-finish.c): the wall,
 * 0.08 mm thick and 1 mm tall between two pockets in 316L, is a DFM warning that names the axial step
 * that holds it, and every pocket op of the plan whose tool is the one DFM judged finishes in steps
 * no deeper, saying why. */
static void
test_plan_holds_the_thin_wall_as_dfm_judges (void **state)
{
  Planned *pl = *state;
  static const GenPocket two[] = { { 1.0, 1.0, 2.96, 3.0, 0.6, 0.6 }, { 3.04, 1.0, 5.0, 3.0, 0.6, 0.6 } };
  g_autoptr (GError) error = NULL;
  g_autoptr (CamMesh) mesh = gen_plate (6, 4, 2, NULL, 0, two, 2, 48, &error);
  g_assert_no_error (error);
  g_autoptr (CamFeatureSet) fs = cam_features_recognize (mesh, NULL, NULL, &error);
  g_assert_no_error (error);
  g_autoptr (CamDfmRules) rules = cam_dfm_rules_new_builtin (&error);
  g_assert_no_error (error);
  CamDfmOptions o = { "ptfe", "micro60k", 0.01, 0 };
  g_autoptr (CamDfmReport) dfm = cam_dfm_review (fs, rules, pl->lib, &o, &error);
  g_assert_no_error (error);
  const CamDfmFinding *x = NULL;
  for (guint i = 0; i < dfm->findings->len && x == NULL; i++)
    if (g_strcmp0 (((const CamDfmFinding *) g_ptr_array_index (dfm->findings, i))->rule, "wall-deflection") == 0)
      x = g_ptr_array_index (dfm->findings, i);
  assert_non_null (x);
  assert_int_equal (x->severity, CAM_DFM_WARNING);
  double step = cam_dfm_finding_value (x, "finish_step_mm"), usual = cam_dfm_finding_value (x, "usual_step_mm");
  double tool_d = cam_dfm_finding_value (x, "tool_d_mm");
  assert_true (step > 0 && step <= usual + 1e-12);

  CamPlanOptions opt;
  cam_plan_options_init (&opt);
  opt.material_id = "ptfe";
  opt.machine_id = "micro60k";
  opt.tolerance_mm = 0.01;
  /* the plan: the held steps are chosen there; the generator fills in the others */
  g_autoptr (CamJob) job = cam_plan_operations (mesh, fs, pl->lib, &opt, &error);
  g_assert_no_error (error);
  const CamMaterial *mat = cam_library_find_material (pl->lib, "ptfe");
  const CamMachine *machine = cam_library_find_machine (pl->lib, "micro60k");
  assert_non_null (mat);
  assert_non_null (machine);
  guint chosen_by_plan = 0;
  for (guint i = 0; i < job->ops->len; i++)
    if (cam_job_op (job, i)->stepdown_reason != NULL)
      {
        chosen_by_plan++;
        assert_true (cam_job_op (job, i)->stepdown_mm > 0);
      }
  /* In PTFE (E 0.5 GPa) the Ø1 roughing step bends the 0.08 mm wall: the plan holds some op. */
  assert_true (chosen_by_plan >= 1);
  CamGenContext ctx = { .job = job, .material = mat, .machine = machine };
  assert_true (cam_job_generate (&ctx, NULL, NULL, &error));
  g_assert_no_error (error);
  /* The wall the DFM judged: its thickness and height from the finding's own feature. */
  const CamFeature *wall = NULL;
  for (guint i = 0; i < fs->features->len; i++)
    if (((const CamFeature *) g_ptr_array_index (fs->features, i))->kind == CAM_FEATURE_WALL)
      wall = g_ptr_array_index (fs->features, i);
  assert_non_null (wall);
  CamWall w = { wall->thickness_mm, wall->height_mm, wall->length_mm > 0 ? wall->length_mm : G_MAXDOUBLE,
                mat->young_gpa };
  guint judged = 0, held = 0;
  for (guint i = 0; i < job->ops->len; i++)
    {
      CamJobOp *op = cam_job_op (job, i);
      if (op->kind != CAM_JOB_OP_POCKET || !op->finish_walls)
        continue;
      const CamTool *tool = cam_job_tool (job, op->tool)->tool;
      /* Both pockets flank the wall: each finishing op must keep it within the share at the step
       * it actually takes. */
      CamEngagement limits;
      cam_engagement_init (&limits, CAM_CUT_SLOT);
      limits.tolerance_mm = job->tolerance_mm;
      double ae = op->stock_to_leave_mm > 0 ? op->stock_to_leave_mm : cam_wall_finish_stock_mm (tool);
      assert_true (isfinite (op->stepdown_mm) && op->stepdown_mm > 0);
      CamWallStep st;
      assert_true (cam_wall_finish_step (&w, tool, mat, machine, &limits, ae, op->stepdown_mm, &st));
      judged++;
      assert_true (st.usual_deflection_mm <= st.allowed_mm * (1 + 1e-6));
      gboolean said = FALSE;
      for (guint k = 0; k < op->warnings->len; k++)
        said |= strstr (g_ptr_array_index (op->warnings, k), "finished in") != NULL;
      if (op->stepdown_reason != NULL)
        {
          /* the generated op keeps the step and tells the engineer why */
          held++;
          assert_true (said);
          assert_non_null (strstr (op->stepdown_reason, "finished in"));
          assert_true (op->stepdown_mm < 0.3);
          assert_non_null (op->toolpath);
          assert_true (cam_toolpath_n_moves (op->toolpath) > 0);
        }
      if (fabs (tool->d_mm - tool_d) < 1e-9)
        assert_true (op->stepdown_mm <= step + 1e-9);
    }
  assert_true (judged >= 2);
  assert_int_equal (held, chosen_by_plan);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_plan_holds_the_thin_wall_as_dfm_judges),
    cmocka_unit_test (test_plan_proposes_the_operations),
    cmocka_unit_test (test_plan_spots_with_the_drills_angle),
    cmocka_unit_test (test_plan_never_gouges_the_part),
    cmocka_unit_test (test_plan_rapids_stay_above_stock),
    cmocka_unit_test (test_plan_program_runs_in_rs274),
    cmocka_unit_test (test_job_file_round_trip),
    cmocka_unit_test (test_job_file_errors_name_the_field),
    cmocka_unit_test (test_plan_reports_unreachable),
    cmocka_unit_test (test_plan_and_dfm_agree_on_the_process),
    cmocka_unit_test (test_cancelled_plan_stops),
  };
  return cmocka_run_group_tests (tests, setup, teardown);
}
