/* test-cam-plan-limits.c — the planner keeps its promises, by construction (issue 11).
 *
 * A property test: for parts (the sample plate, a thin-walled block, a small plate with holes
 * and pockets), every material of the library, both machines and tolerances from ±0.001 to
 * ±0.1 mm, plan the job and check every move it emits:
 *   - every cutting move keeps every limit of the engine at its own engagement
 *     (cam_gen_move_breach: deflection ≤ allowed, safety factor ≥ minimum, chip ≥ ploughing
 *     limit, power, feed, the material's ap) — re-evaluated here, not read from the move;
 *   - every move stays inside the stock grown by the tool radius (arcs by their whole sweep),
 *     and rapids stay above the stock top unless they are over cleared air of a canned cycle;
 *   - an op the planner could not keep within the limits is not there: it is an unreachable
 *     entry with the reason (checked by a tolerance no tool can hold).
 * The sweep is reduced under a sanitizer (MICROCAM_PLAN_LIMITS_QUICK) to keep the suite's time. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <string.h>

#include "cam-features.h"
#include "cam-gen.h"
#include "cam-plan.h"
#include "part-gen.h"

typedef struct {
  const char *name;
  CamMesh *mesh;
  CamFeatureSet *fs;
} Part;

typedef struct {
  CamLibrary *lib;
  Part parts[3];
  guint n_parts;
} Fixture;

static void
add_part (Fixture *fx, const char *name, CamMesh *mesh)
{
  g_autoptr (GError) error = NULL;
  assert_non_null (mesh);
  Part *p = &fx->parts[fx->n_parts++];
  p->name = name;
  p->mesh = mesh;
  p->fs = cam_features_recognize (mesh, NULL, NULL, &error);
  g_assert_no_error (error);
}

static int
setup (void **state)
{
  Fixture *fx = g_new0 (Fixture, 1);
  g_autoptr (GError) error = NULL;
  fx->lib = cam_library_new_with_config_dir (NULL);
  add_part (fx, "sample plate", cam_mesh_load_file (SAMPLES_DIR "/a_plate_holes_pocket.stl", NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  /* 3 × 3 × 1 block hollowed to a 0.1 mm wall, 0.8 deep (the arcs-outside-the-stock case) */
  static const GenPocket thin[] = { { 0.1, 0.1, 2.9, 2.9, 0, 0.8 } };
  add_part (fx, "thin-walled block", gen_plate (3, 3, 1, NULL, 0, thin, 1, 48, &error));
  g_assert_no_error (error);
  static const GenHole holes[] = { { 1.0, 1.0, 0.3 }, { 2.0, 1.0, 0.5 }, { 3.0, 1.0, 0.25 } };
  static const GenPocket pockets[] = { { 0.5, 2.0, 3.5, 3.5, 0.15, 0.2 } };
  add_part (fx, "small plate", gen_plate (4, 4, 0.6, holes, G_N_ELEMENTS (holes), pockets, 1, 48, &error));
  g_assert_no_error (error);
  *state = fx;
  return 0;
}

static int
teardown (void **state)
{
  Fixture *fx = *state;
  for (guint i = 0; i < fx->n_parts; i++)
    {
      cam_feature_set_unref (fx->parts[i].fs);
      cam_mesh_unref (fx->parts[i].mesh);
    }
  cam_library_free (fx->lib);
  g_free (fx);
  return 0;
}

/* XY extent of a move from start (an arc by its whole sweep). */
static void
move_extent (const CamMove *m, const double start[3], double lo[3], double hi[3])
{
  for (int k = 0; k < 3; k++)
    {
      lo[k] = MIN (start[k], (&m->x)[k]);
      hi[k] = MAX (start[k], (&m->x)[k]);
    }
  if (m->type != CAM_MOVE_ARC_CW && m->type != CAM_MOVE_ARC_CCW)
    return;
  for (int i = 0; i <= 64; i++)
    {
      double p[3];
      cam_move_point_at (m, start, i / 64.0, p);
      for (int k = 0; k < 3; k++)
        lo[k] = MIN (lo[k], p[k]), hi[k] = MAX (hi[k], p[k]);
    }
}

typedef struct {
  guint plans, moves_checked, breaches, outside, low_rapids, ops_dropped;
  char first[512];
} Tally;

static void
check_job (const CamJob *job, const CamGenContext *ctx, const char *what, Tally *t)
{
  for (guint o = 0; o < job->ops->len; o++)
    {
      CamJobOp *op = cam_job_op (job, o);
      /* the planner never hands over an op it could not keep within the limits */
      if (op->not_cut || op->n_breaches)
        {
          t->ops_dropped++;
          if (t->first[0] == 0)
            g_snprintf (t->first, sizeof t->first, "%s: %s kept although %s", what, op->id,
                        op->not_cut ? op->not_cut : op->first_breach);
        }
      if (op->toolpath == NULL)
        continue;
      double r = 0.5 * cam_job_tool (job, op->tool)->tool->d_mm;
      double smin[3], smax[3];
      cam_job_model_to_work (job, job->stock_min, smin);
      cam_job_model_to_work (job, job->stock_max, smax);
      double pos[3] = { op->toolpath->start[0], op->toolpath->start[1], op->toolpath->start[2] };
      for (gsize i = 0; i < cam_toolpath_n_moves (op->toolpath); i++)
        {
          const CamMove *m = cam_toolpath_move (op->toolpath, i);
          g_autofree char *why = cam_gen_move_breach (ctx, op, m);
          t->moves_checked++;
          if (why)
            {
              t->breaches++;
              if (t->first[0] == 0)
                g_snprintf (t->first, sizeof t->first, "%s: %s move %zu at (%.4f, %.4f, %.4f): %s", what, op->id, i,
                            m->x, m->y, m->z, why);
            }
          double lo[3], hi[3];
          move_extent (m, pos, lo, hi);
          if (m->type != CAM_MOVE_RAPID && m->type != CAM_MOVE_CYCLE
              && (lo[0] < smin[0] - r - 1e-6 || hi[0] > smax[0] + r + 1e-6 || lo[1] < smin[1] - r - 1e-6
                  || hi[1] > smax[1] + r + 1e-6))
            {
              t->outside++;
              if (t->first[0] == 0)
                g_snprintf (t->first, sizeof t->first,
                            "%s: %s move %zu (type %d) reaches X %.4f..%.4f Y %.4f..%.4f outside the stock "
                            "X %.4f..%.4f Y %.4f..%.4f + R%.3f",
                            what, op->id, i, m->type, lo[0], hi[0], lo[1], hi[1], smin[0], smax[0], smin[1], smax[1], r);
            }
          /* a rapid that moves in XY does so above the stock top (Z0) */
          if (m->type == CAM_MOVE_RAPID && (fabs (m->x - pos[0]) > 1e-9 || fabs (m->y - pos[1]) > 1e-9)
              && lo[2] < smax[2] - 1e-6)
            {
              t->low_rapids++;
              if (t->first[0] == 0)
                g_snprintf (t->first, sizeof t->first, "%s: %s move %zu: rapid across at Z %.4f below the stock top",
                            what, op->id, i, lo[2]);
            }
          pos[0] = m->x, pos[1] = m->y, pos[2] = m->z;
        }
    }
}

static void
test_every_move_within_limits (void **state)
{
  Fixture *fx = *state;
  /* The whole sweep (every part, material, both machines, tolerances 0.001, 0.003, 0.01, 0.1) with
   * MICROCAM_PLAN_LIMITS_FULL=1 (README: tests, property sweep). By default every material on the two
   * small parts at ±0.001, ±0.01 and ±0.1, the machines taken in turn, and the sample plate at ±0.01;
   * under a sanitizer (MICROCAM_PLAN_LIMITS_QUICK) each material on one of the two small parts at
   * ±0.001, the hardest case. */
  gboolean full = g_getenv ("MICROCAM_PLAN_LIMITS_FULL") != NULL;
  gboolean quick = !full && g_getenv ("MICROCAM_PLAN_LIMITS_QUICK") != NULL;
  static const double tolerances[] = { 0.001, 0.1, 0.01, 0.003 };
  static const char *const machines[] = { "micro60k", "std24k" };
  Tally t = { 0 };
  for (guint pi = 0; pi < fx->n_parts; pi++)
    for (guint mi = 0; mi < cam_library_n_materials (fx->lib); mi++)
      for (guint ki = 0; ki < G_N_ELEMENTS (machines); ki++)
        for (guint ti = 0; ti < G_N_ELEMENTS (tolerances); ti++)
          {
            const CamMaterial *mat = cam_library_get_material (fx->lib, mi);
            if (!full)
              {
                if (ti == 3 || (quick && ti > 0) || ki != (mi + ti) % 2)
                  continue;
                if (pi == 0 && (quick || ti != 2))
                  continue;
                if (quick && mi % 2 != pi % 2)
                  continue;   /* each material on one of the two small parts */
              }
            CamPlanOptions opt;
            cam_plan_options_init (&opt);
            opt.material_id = mat->id;
            opt.machine_id = machines[ki];
            opt.tolerance_mm = tolerances[ti];
            opt.stock_margin_mm = pi == 2 ? 0.1 : 0;
            g_autoptr (GError) error = NULL;
            g_autoptr (CamJob) job = cam_plan_job (fx->parts[pi].mesh, fx->parts[pi].fs, fx->lib, &opt, NULL, NULL,
                                                   NULL, &error);
            g_assert_no_error (error);
            CamGenContext ctx = { .job = job, .material = mat,
                                  .machine = cam_library_find_machine (fx->lib, machines[ki]) };
            g_autofree char *what = g_strdup_printf ("%s, %s, %s, ±%g mm", fx->parts[pi].name, mat->id, machines[ki],
                                                     tolerances[ti]);
            check_job (job, &ctx, what, &t);
            t.plans++;
          }
  if (t.first[0])
    print_message ("first failure: %s\n", t.first);
  print_message ("%u plans, %u moves checked: %u breaches, %u outside the stock, %u low rapids, %u ops kept "
                 "against the limits\n", t.plans, t.moves_checked, t.breaches, t.outside, t.low_rapids, t.ops_dropped);
  assert_true (t.moves_checked > 5000);
  assert_int_equal (t.breaches, 0);
  assert_int_equal (t.outside, 0);
  assert_int_equal (t.low_rapids, 0);
  assert_int_equal (t.ops_dropped, 0);
}

/* A tighter tolerance never makes the plan more dangerous: the sample plate in 316L, the issue's
 * case (at ±0.001 mm the Ø0.2 mill's stepdown went from 0.04 to 0.2 mm, 19.3 µm, SF 1.65). */
static void
test_tighter_tolerance_is_safer (void **state)
{
  Fixture *fx = *state;
  g_autoptr (GHashTable) prev = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  static const double tolerances[] = { 0.1, 0.01, 0.003, 0.001 };
  gboolean quick = g_getenv ("MICROCAM_PLAN_LIMITS_QUICK") != NULL && g_getenv ("MICROCAM_PLAN_LIMITS_FULL") == NULL;
  guint compared = 0;
  for (guint ti = quick ? 1 : 0; ti < G_N_ELEMENTS (tolerances); ti += quick ? 2 : 1)
    {
      CamPlanOptions opt;
      cam_plan_options_init (&opt);
      opt.material_id = "ss316l";
      opt.machine_id = "micro60k";
      opt.tolerance_mm = tolerances[ti];
      g_autoptr (GError) error = NULL;
      g_autoptr (CamJob) job = cam_plan_job (fx->parts[0].mesh, fx->parts[0].fs, fx->lib, &opt, NULL, NULL, NULL, &error);
      g_assert_no_error (error);
      double max_defl = 0, min_sf = INFINITY;
      for (guint o = 0; o < job->ops->len; o++)
        {
          const CamJobOp *op = cam_job_op (job, o);
          if (op->kind == CAM_JOB_OP_POCKET)
            {
              /* the same tool never cuts deeper a level at a tighter tolerance */
              const char *id = cam_job_tool (job, op->tool)->spec;
              double *was = g_hash_table_lookup (prev, id);
              if (was)
                {
                  assert_true (op->stepdown_mm <= *was + 1e-9);
                  compared++;
                }
              g_hash_table_replace (prev, g_strdup (id), g_memdup2 (&op->stepdown_mm, sizeof (double)));
            }
          for (gsize i = 0; op->toolpath && i < cam_toolpath_n_moves (op->toolpath); i++)
            {
              const CamMove *m = cam_toolpath_move (op->toolpath, i);
              if (isfinite (m->deflection_um))
                max_defl = MAX (max_defl, m->deflection_um);
              if (isfinite (m->safety_factor))
                min_sf = MIN (min_sf, m->safety_factor);
            }
        }
      /* the move's own numbers: within half the tolerance (float rounding aside) and SF ≥ 2 */
      assert_true (max_defl <= 0.5 * tolerances[ti] * 1000.0 * (1 + 1e-4));
      assert_true (min_sf >= 2.0 * (1 - 1e-4));
    }
  assert_true (compared >= (quick ? 1u : 3u));
}

/* A tolerance no end mill can hold: no pocket op is emitted, and the pocket is unreachable with
 * the reason and the process that can make it. */
static void
test_infeasible_is_unreachable (void **state)
{
  Fixture *fx = *state;
  CamPlanOptions opt;
  cam_plan_options_init (&opt);
  opt.material_id = "h13-50hrc";
  opt.machine_id = "std24k";
  opt.tolerance_mm = 0.00002; /* ±0.02 µm */
  g_autoptr (GError) error = NULL;
  g_autoptr (CamJob) job = cam_plan_job (fx->parts[1].mesh, fx->parts[1].fs, fx->lib, &opt, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  for (guint o = 0; o < job->ops->len; o++)
    assert_int_not_equal (cam_job_op (job, o)->kind, CAM_JOB_OP_POCKET);
  gboolean found = FALSE;
  for (guint i = 0; i < job->unreachable->len; i++)
    {
      const CamUnreachable *u = g_ptr_array_index (job->unreachable, i);
      if (u->feature_id && u->feature_id[0] == 'P')
        {
          found = TRUE;
          assert_non_null (strstr (u->reason, "cannot hold"));
          assert_null (strstr (u->reason, "nan"));
          assert_string_equal (u->process, "micro-edm");
        }
    }
  assert_true (found);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_every_move_within_limits),
    cmocka_unit_test (test_tighter_tolerance_is_safer),
    cmocka_unit_test (test_infeasible_is_unreachable),
  };
  return cmocka_run_group_tests (tests, setup, teardown);
}
