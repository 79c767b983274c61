/* test-cam-job.c — stock, work zero, heights, tools, ops and joining their toolpaths. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <string.h>

#include "cam-job.h"

static void
test_stock_and_origins (void **state)
{
  (void) state;
  g_autoptr (CamJob) job = cam_job_new ();
  double lo[3] = { 1, 2, 0 }, hi[3] = { 11, 8, 2 };
  cam_job_set_stock_from_part (job, lo, hi, 0.5);
  assert_float_equal (job->stock_min[0], 0.5, 1e-12);
  assert_float_equal (job->stock_max[1], 8.5, 1e-12);
  assert_float_equal (job->stock_min[2], 0, 1e-12);   /* bottom stays on the part's bottom */
  assert_float_equal (job->stock_max[2], 2.5, 1e-12); /* margin on top */
  /* model origin: X0 Y0 = model X0 Y0, Z0 = stock top */
  double w[3];
  double p[3] = { 1, 2, 2 };
  cam_job_model_to_work (job, p, w);
  assert_float_equal (w[0], 1, 1e-12);
  assert_float_equal (w[1], 2, 1e-12);
  assert_float_equal (w[2], -0.5, 1e-12);
  assert_float_equal (cam_job_stock_top_z (job), 0, 1e-12);
  assert_true (cam_job_clearance_z (job) > cam_job_retract_z (job));
  assert_true (cam_job_retract_z (job) > 0);
  cam_job_set_origin (job, CAM_ORIGIN_CORNER); /* stock corner at (0.5, 1.5) */
  cam_job_model_to_work (job, p, w);
  assert_float_equal (w[0], 0.5, 1e-12);
  assert_float_equal (w[1], 0.5, 1e-12);
  cam_job_set_origin (job, CAM_ORIGIN_CENTER);
  cam_job_model_to_work (job, p, w);
  assert_float_equal (w[0], 1 - 6, 1e-12);
  assert_float_equal (w[1], 2 - 5, 1e-12);
  CamOrigin o;
  assert_true (cam_origin_from_string ("centre", &o) && o == CAM_ORIGIN_CENTER);
  assert_false (cam_origin_from_string ("middle", &o));
}

static void
test_tools_and_ops (void **state)
{
  (void) state;
  g_autoptr (CamJob) job = cam_job_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (CamTool) t = cam_tool_new_from_spec ("flat:d=0.3,z=2,neck=0.28,reach=1.2", &error);
  g_assert_no_error (error);
  guint a = cam_job_add_tool (job, "flat:d=0.3,z=2,neck=0.28,reach=1.2", t);
  guint b = cam_job_add_tool (job, "flat:d=0.3,z=2,neck=0.28,reach=1.2", t);
  assert_int_equal (a, b);
  assert_int_equal (cam_job_tool (job, a)->number, 1);
  assert_true (cam_job_tool (job, a)->max_ramp_deg > 0 && cam_job_tool (job, a)->max_ramp_deg <= 3);
  /* the spec string written for a tool builds the same tool again */
  g_autofree char *spec = cam_job_tool_spec_string (t);
  g_autoptr (CamTool) u = cam_tool_new_from_spec (spec, &error);
  g_assert_no_error (error);
  assert_float_equal (u->d_mm, t->d_mm, 1e-9);
  assert_float_equal (u->neck_d_mm, t->neck_d_mm, 1e-9);
  assert_float_equal (u->reach_mm, t->reach_mm, 1e-9);
  assert_float_equal (u->stickout_mm, t->stickout_mm, 1e-9);
  assert_int_equal (u->flutes, t->flutes);
  CamJobOp *op1 = cam_job_add_op (job, CAM_JOB_OP_POCKET, a);
  CamJobOp *op2 = cam_job_add_op (job, CAM_JOB_OP_DRILL, a);
  assert_string_equal (op1->id, "op1");
  assert_string_equal (op2->id, "op2");
  assert_true (isnan (op1->feed_mm_min)); /* from the engine unless overridden */
  g_ptr_array_remove_index (job->ops, 0);
  CamJobOp *op3 = cam_job_add_op (job, CAM_JOB_OP_FACE, a);
  assert_string_equal (op3->id, "op3"); /* ids stay unique after a deletion */
  const char *kinds[] = { "spot", "drill", "peck", "pocket", "profile", "face", "helix" };
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      CamJobOpKind k;
      assert_true (cam_job_op_kind_from_string (kinds[i], &k));
      assert_string_equal (cam_job_op_kind_to_string (k), kinds[i]);
    }
}

/* Joining: the program starts at clearance, goes over to each op's first point at
 * clearance (never diagonally through the stock), and keeps the ops' tools and moves. */
static void
test_join_links_at_clearance (void **state)
{
  (void) state;
  g_autoptr (CamJob) job = cam_job_new ();
  double lo[3] = { 0, 0, 0 }, hi[3] = { 10, 10, 1 };
  cam_job_set_stock_from_part (job, lo, hi, 0);
  g_autoptr (CamTool) t1 = cam_tool_new_from_spec ("drill:d=0.2", NULL);
  g_autoptr (CamTool) t2 = cam_tool_new_from_spec ("flat:d=0.5", NULL);
  guint i1 = cam_job_add_tool (job, "drill:d=0.2", t1);
  guint i2 = cam_job_add_tool (job, "flat:d=0.5", t2);
  double clear = cam_job_clearance_z (job);
  for (int k = 0; k < 2; k++)
    {
      CamJobOp *op = cam_job_add_op (job, k ? CAM_JOB_OP_POCKET : CAM_JOB_OP_DRILL, k ? i2 : i1);
      op->toolpath = cam_toolpath_new ();
      op->toolpath->start[2] = clear;
      CamMove r = cam_move_init (CAM_MOVE_RAPID, 3 + k, 4, 0.2);
      r.tool_index = op->tool;
      cam_toolpath_append (op->toolpath, &r);
      CamMove f = cam_move_init (CAM_MOVE_FEED, 3 + k, 4, -0.5);
      f.tool_index = op->tool;
      f.feed_mm_min = 10;
      cam_toolpath_append (op->toolpath, &f);
    }
  cam_job_join_toolpaths (job);
  const CamToolpath *tp = job->toolpath;
  assert_int_equal (tp->tools->len, 2);
  /* safe move, over, (op1: 2 moves), up, over, (op2: 2 moves) */
  assert_int_equal (cam_toolpath_n_moves (tp), 1 + 1 + 2 + 1 + 1 + 2);
  double s[3];
  for (guint i = 0; i < tp->moves->len; i++)
    {
      const CamMove *m = cam_toolpath_move (tp, i);
      cam_toolpath_move_start (tp, i, s);
      if (m->type == CAM_MOVE_RAPID && (fabs (m->x - s[0]) > 1e-9 || fabs (m->y - s[1]) > 1e-9))
        {
          assert_float_equal (m->z, clear, 1e-12);
          assert_float_equal (s[2], clear, 1e-12);
        }
    }
  assert_int_equal (cam_toolpath_move (tp, 2)->op_index, 0);
  assert_int_equal (cam_toolpath_move (tp, 7)->op_index, 1);
  assert_int_equal (cam_toolpath_move (tp, 7)->tool_index, i2);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_stock_and_origins),
    cmocka_unit_test (test_tools_and_ops),
    cmocka_unit_test (test_join_links_at_clearance),
  };
  return cmocka_run_group_tests (tests, NULL, NULL);
}
