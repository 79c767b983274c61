/* test-cam-gen-helix.c — helical hole milling: stays in the hole, ramp angle, depth, rs274. */
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

static CamJobOp *
helix_op (OpFixture *f, double hole_d)
{
  op_fixture_init (f, "ti6al4v", "micro60k", 1.0);
  CamJobOp *op = cam_job_add_op (f->job, CAM_JOB_OP_HELIX, op_fixture_tool (f, "em-flat-0.5"));
  CamJobHole a = { .x = 2, .y = 3, .diameter_mm = hole_d, .top_z = 0, .bottom_z = -0.5 };
  CamJobHole b = { .x = 6, .y = 3, .diameter_mm = hole_d, .top_z = 0, .bottom_z = -0.5 };
  cam_job_op_add_hole (op, &a);
  cam_job_op_add_hole (op, &b);
  g_autoptr (GError) error = NULL;
  assert_true (cam_gen_generate (&f->ctx, op, &error));
  return op;
}

static void
test_helix_stays_in_the_hole_within_ramp_angle (void **state)
{
  (void) state;
  OpFixture f;
  CamJobOp *op = helix_op (&f, 1.0);
  const CamToolpath *tp = op->toolpath;
  double ramp = cam_job_tool (f.job, op->tool)->max_ramp_deg;
  guint arcs = 0;
  double deepest = 0;
  for (guint i = 0; i < tp->moves->len; i++)
    {
      const CamMove *m = cam_toolpath_move (tp, i);
      double s[3];
      cam_toolpath_move_start (tp, i, s);
      if (!cam_move_is_cut (m) || MIN (m->z, s[2]) >= 0)
        continue;
      deepest = MIN (deepest, m->z);
      double len = cam_move_length (m, s);
      for (int k = 0; k <= 20; k++)
        {
          double q[3];
          cam_move_point_at (m, s, k / 20.0, q);
          double r = MIN (hypot (q[0] - 2, q[1] - 3), hypot (q[0] - 6, q[1] - 3));
          assert_true (r <= 0.5 - 0.25 + 1e-6); /* tool disk inside the Ø1 hole */
        }
      if (m->type == CAM_MOVE_ARC_CCW || m->type == CAM_MOVE_ARC_CW)
        {
          arcs++;
          double drop = s[2] - m->z;
          double horiz = sqrt (MAX (len * len - drop * drop, 0));
          assert_true (atan2 (drop, horiz) * 180 / G_PI <= ramp + 0.01);
        }
      else
        assert_false (m->flags & CAM_MOVE_FLAG_PLUNGE);
    }
  assert_true (arcs > 4);
  assert_float_equal (deepest, -0.5, 1e-9);
  g_autofree char *msg = check_rapids_above_stock (tp);
  if (msg)
    fail_msg ("%s", msg);
  op_fixture_clear (&f);
}

static void
test_hole_too_small_for_the_tool_is_reported (void **state)
{
  (void) state;
  OpFixture f;
  CamJobOp *op = helix_op (&f, 0.52);
  assert_int_equal (op->warnings->len, 2);
  assert_non_null (strstr (g_ptr_array_index (op->warnings, 0), "too small"));
  op_fixture_clear (&f);
}

static void
test_helix_program_runs_in_rs274 (void **state)
{
  (void) state;
  RS274_REQUIRED ();
  OpFixture f;
  helix_op (&f, 1.0);
  cam_job_join_toolpaths (f.job);
  g_autofree char *dir = g_dir_make_tmp ("microcam-helix-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "helix.ngc", NULL);
  assert_true (cam_post_write_file (cam_post_linuxcnc (), f.job->toolpath, NULL, path, NULL));
  g_autofree char *text = NULL;
  g_file_get_contents (path, &text, NULL, NULL);
  assert_non_null (strstr (text, "G3 "));
  g_autofree char *diff = rs274_compare (f.job->toolpath, path);
  if (diff)
    fail_msg ("%s", diff);
  g_unlink (path);
  g_rmdir (dir);
  op_fixture_clear (&f);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_helix_stays_in_the_hole_within_ramp_angle),
    cmocka_unit_test (test_hole_too_small_for_the_tool_is_reported),
    cmocka_unit_test (test_helix_program_runs_in_rs274),
  };
  return cmocka_run_group_tests (tests, NULL, NULL);
}
