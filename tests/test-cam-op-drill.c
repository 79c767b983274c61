/* test-cam-gen-drill.c — spot, drill and peck: order, pecks, feeds, rapids, rs274. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "cam-post.h"
#include "op-fixture.h"
#include "rs274-check.h"

/* The a_plate sample's holes: 4×4 Ø0.2 through, pitch 1.2 from (1, 1), plate 2 mm thick;
 * listed in a scrambled order. */
static CamJobOp *
add_holes_op (OpFixture *f, CamJobOpKind kind, const char *tool)
{
  CamJobOp *op = cam_job_add_op (f->job, kind, op_fixture_tool (f, tool));
  const int order[16] = { 5, 12, 0, 15, 3, 9, 6, 10, 1, 14, 7, 2, 13, 8, 11, 4 };
  for (int k = 0; k < 16; k++)
    {
      int i = order[k] % 4, j = order[k] / 4;
      CamJobHole h = { .x = 1 + 1.2 * i, .y = 1 + 1.2 * j, .diameter_mm = 0.2, .top_z = 0,
                       .bottom_z = -2.1, .through = TRUE };
      cam_job_op_add_hole (op, &h);
    }
  return op;
}

static double
xy_travel (const CamToolpath *tp)
{
  double len = 0, s[3] = { tp->start[0], tp->start[1], tp->start[2] };
  for (guint i = 0; i < tp->moves->len; i++)
    {
      const CamMove *m = cam_toolpath_move (tp, i);
      len += hypot (m->x - s[0], m->y - s[1]);
      s[0] = m->x, s[1] = m->y;
    }
  return len;
}

static void
test_holes_visited_once_in_a_short_order (void **state)
{
  (void) state;
  OpFixture f;
  op_fixture_init (&f, "ss316l", "micro60k", 2.0);
  CamJobOp *op = add_holes_op (&f, CAM_JOB_OP_DRILL, "drill-0.2");
  g_autoptr (GError) error = NULL;
  assert_true (cam_gen_generate (&f.ctx, op, &error));
  const CamToolpath *tp = op->toolpath;
  assert_int_equal (cam_toolpath_n_moves (tp), 16);
  GHashTable *seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < 16; i++)
    {
      const CamMove *m = cam_toolpath_move (tp, i);
      assert_int_equal (m->type, CAM_MOVE_CYCLE);
      assert_int_equal (m->cycle, CAM_CYCLE_DRILL);
      assert_float_equal (m->z, -2.1, 1e-9);
      assert_true (m->r_z > 0);
      g_hash_table_add (seen, g_strdup_printf ("%.3f,%.3f", m->x, m->y));
    }
  assert_int_equal (g_hash_table_size (seen), 16);
  g_hash_table_unref (seen);
  /* The best open path from (0,0) over a 4×4 grid of pitch 1.2 is a serpentine:
   * |(0,0)→(1,1)| + 15 × 1.2 = 19.41 mm; the scrambled input order is far longer. */
  double travel = xy_travel (tp);
  assert_true (travel < hypot (1, 1) + 15 * 1.2 + 1e-6);
  op_fixture_clear (&f);
}

/* Pecks: canned G83 with Q = the engine's smallest peck, so no peck is deeper than the
 * schedule; with explicit pecks the feeds stop exactly at the schedule's depths. */
static void
test_pecks_follow_the_engine_schedule (void **state)
{
  (void) state;
  OpFixture f;
  op_fixture_init (&f, "ss316l", "micro60k", 2.0);
  CamJobOp *op = add_holes_op (&f, CAM_JOB_OP_PECK, "drill-0.2");
  g_autoptr (GError) error = NULL;
  assert_true (cam_gen_generate (&f.ctx, op, &error));
  /* the engine's own schedule for this tool and depth */
  const CamJobTool *jt = cam_job_tool (f.job, op->tool);
  CamEngagement eng;
  cam_engagement_init (&eng, CAM_CUT_DRILL);
  eng.depth_mm = 2.1;
  eng.tolerance_mm = f.job->tolerance_mm;
  CamCutResult r;
  assert_true (cam_cutting_recommend (jt->tool, f.ctx.material, f.ctx.machine, &eng, &r, NULL));
  assert_true (r.drill.n_pecks > 1);
  assert_int_equal (op->pecks->len, r.drill.n_pecks);
  double qmin = INFINITY;
  for (guint i = 0; i < r.drill.n_pecks; i++)
    {
      assert_float_equal (g_array_index (op->pecks, double, i), r.drill.pecks_mm[i], 1e-12);
      if (i + 1 < r.drill.n_pecks)
        qmin = MIN (qmin, r.drill.pecks_mm[i]);
    }
  const CamMove *c = cam_toolpath_move (op->toolpath, 0);
  assert_int_equal (c->type, CAM_MOVE_CYCLE);
  assert_true (c->cycle == CAM_CYCLE_PECK || c->cycle == CAM_CYCLE_CHIPBREAK);
  assert_float_equal (c->q_mm, round (qmin * 1e4) / 1e4, 1e-9);
  assert_float_equal (c->feed_mm_min, r.feed_mm_min, 1e-6 * r.feed_mm_min); /* feeds follow the engine */

  /* explicit: each feed ends where the cumulative schedule says */
  op->explicit_pecks = TRUE;
  g_array_set_size (op->pecks, 0);
  assert_true (cam_gen_generate (&f.ctx, op, &error));
  const CamToolpath *tp = op->toolpath;
  double first_x = NAN, first_y = NAN;
  guint k = 0;
  double depth = 0;
  for (guint i = 0; i < tp->moves->len; i++)
    {
      const CamMove *m = cam_toolpath_move (tp, i);
      if (m->type != CAM_MOVE_FEED)
        continue;
      if (isnan (first_x))
        first_x = m->x, first_y = m->y;
      if (m->x != first_x || m->y != first_y)
        break;
      depth = k + 1 < r.drill.n_pecks ? depth + r.drill.pecks_mm[k] : 2.1;
      depth = MIN (depth, 2.1);
      assert_float_equal (m->z, -round (depth * 1e4) / 1e4, 1.1e-4);
      assert_float_equal (m->feed_mm_min, r.feed_mm_min, 1e-6 * r.feed_mm_min);
      k++;
    }
  assert_true (k >= 2);
  g_autofree char *msg = check_rapids_above_stock (tp);
  if (msg)
    fail_msg ("%s", msg);
  op_fixture_clear (&f);
}

static void
test_spot_depth_and_rapids (void **state)
{
  (void) state;
  OpFixture f;
  op_fixture_init (&f, "ss316l", "micro60k", 2.0);
  CamJobOp *op = add_holes_op (&f, CAM_JOB_OP_SPOT, "spot-0.5-90");
  g_autoptr (GError) error = NULL;
  assert_true (cam_gen_generate (&f.ctx, op, &error));
  for (guint i = 0; i < op->toolpath->moves->len; i++)
    {
      const CamMove *m = cam_toolpath_move (op->toolpath, i);
      /* a 90° spot dimple as wide as the Ø0.2 hole is 0.1 deep */
      assert_float_equal (m->z, -0.1, 1e-9);
      assert_true (m->flags & CAM_MOVE_FLAG_SPOT);
    }
  g_autofree char *msg = check_rapids_above_stock (op->toolpath);
  if (msg)
    fail_msg ("%s", msg);
  op_fixture_clear (&f);
}

static void
test_drilling_program_runs_in_rs274 (void **state)
{
  (void) state;
  RS274_REQUIRED ();
  OpFixture f;
  op_fixture_init (&f, "ss316l", "micro60k", 2.0);
  CamJobOp *spot = add_holes_op (&f, CAM_JOB_OP_SPOT, "spot-0.5-90");
  CamJobOp *peck = add_holes_op (&f, CAM_JOB_OP_PECK, "drill-0.2");
  CamJobOp *chip = add_holes_op (&f, CAM_JOB_OP_PECK, "drill-0.2");
  chip->cycle = CAM_CYCLE_CHIPBREAK;
  CamJobOp *expl = add_holes_op (&f, CAM_JOB_OP_PECK, "drill-0.2");
  expl->explicit_pecks = TRUE;
  g_autoptr (GError) error = NULL;
  assert_true (cam_job_generate (&f.ctx, NULL, NULL, &error));
  (void) spot, (void) peck;
  g_autofree char *dir = g_dir_make_tmp ("microcam-drill-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "drill.ngc", NULL);
  assert_true (cam_post_write_file (cam_post_linuxcnc (), f.job->toolpath, NULL, path, &error));
  g_autofree char *text = NULL;
  g_file_get_contents (path, &text, NULL, NULL);
  assert_non_null (strstr (text, "G83"));
  assert_non_null (strstr (text, "G73"));
  assert_non_null (strstr (text, "G81"));
  g_autofree char *diff = rs274_compare (f.job->toolpath, path);
  if (diff)
    fail_msg ("%s", diff);
  g_autofree char *msg = check_rapids_above_stock (f.job->toolpath);
  if (msg)
    fail_msg ("%s", msg);
  g_unlink (path);
  g_rmdir (dir);
  op_fixture_clear (&f);
}

static void
test_end_mill_cannot_drill (void **state)
{
  (void) state;
  OpFixture f;
  op_fixture_init (&f, "ss316l", "micro60k", 2.0);
  CamJobOp *op = add_holes_op (&f, CAM_JOB_OP_DRILL, "em-flat-0.2");
  g_autoptr (GError) error = NULL;
  assert_false (cam_gen_generate (&f.ctx, op, &error));
  assert_non_null (strstr (error->message, "not a drill"));
  op_fixture_clear (&f);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_holes_visited_once_in_a_short_order),
    cmocka_unit_test (test_pecks_follow_the_engine_schedule),
    cmocka_unit_test (test_spot_depth_and_rapids),
    cmocka_unit_test (test_drilling_program_runs_in_rs274),
    cmocka_unit_test (test_end_mill_cannot_drill),
  };
  return cmocka_run_group_tests (tests, NULL, NULL);
}
