/* test-cam-gen-face.c — facing: whole stock top covered, entries from the side, rs274. */
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
face_op (OpFixture *f)
{
  op_fixture_init (f, "al6061", "micro60k", 1.0);
  double lo[3] = { 0, 0, 0 }, hi[3] = { 4, 3, 1 };
  cam_job_set_stock_from_part (f->job, lo, hi, 0.15); /* 0.15 on top to face off */
  CamJobOp *op = cam_job_add_op (f->job, CAM_JOB_OP_FACE, op_fixture_tool (f, "em-flat-1"));
  op->top_z = 0;
  op->bottom_z = -0.15;
  g_autoptr (GError) error = NULL;
  assert_true (cam_gen_generate (&f->ctx, op, &error));
  return op;
}

static void
test_face_covers_the_stock_top (void **state)
{
  (void) state;
  OpFixture f;
  CamJobOp *op = face_op (&f);
  const CamJob *job = f.job;
  double x0 = job->stock_min[0] - job->work_offset[0], x1 = job->stock_max[0] - job->work_offset[0];
  double y0 = job->stock_min[1] - job->work_offset[1], y1 = job->stock_max[1] - job->work_offset[1];
  const double h = 0.01, r = 0.5 - 1e-4;
  int nx = (int) ceil ((x1 - x0) / h) + 1, ny = (int) ceil ((y1 - y0) / h) + 1;
  g_autofree guint8 *cov = g_new0 (guint8, nx * ny);
  const CamToolpath *tp = op->toolpath;
  guint descents = 0;
  for (guint i = 0; i < tp->moves->len; i++)
    {
      const CamMove *m = cam_toolpath_move (tp, i);
      double s[3];
      cam_toolpath_move_start (tp, i, s);
      /* descents below the stock top only beside the stock: no plunge into material */
      if (m->type == CAM_MOVE_FEED && m->z < s[2] - 1e-9 && m->z < 0)
        {
          descents++;
          /* the tool (R 0.5) at most touching the stock's side */
          assert_true (m->x <= x0 - 0.5 + 1e-9 || m->x >= x1 + 0.5 - 1e-9 || m->y <= y0 - 0.5 + 1e-9
                       || m->y >= y1 + 0.5 - 1e-9);
        }
      if (m->type != CAM_MOVE_FEED || fabs (m->z + 0.15) > 1e-9 || fabs (s[2] + 0.15) > 1e-9)
        continue;
      double len = cam_move_length (m, s);
      guint ns = MAX (1u, (guint) ceil (len / 0.005));
      for (guint k = 0; k <= ns; k++)
        {
          double q[3];
          cam_move_point_at (m, s, (double) k / ns, q);
          for (int a = MAX (0, (int) floor ((q[0] - r - x0) / h)); a <= MIN (nx - 1, (int) ceil ((q[0] + r - x0) / h)); a++)
            for (int b = MAX (0, (int) floor ((q[1] - r - y0) / h)); b <= MIN (ny - 1, (int) ceil ((q[1] + r - y0) / h)); b++)
              if (hypot (x0 + a * h - q[0], y0 + b * h - q[1]) <= r)
                cov[a * ny + b] = 1;
        }
    }
  assert_true (descents >= 1);
  for (int a = 0; a < nx; a++)
    for (int b = 0; b < ny; b++)
      if (!cov[a * ny + b])
        fail_msg ("stock top point (%.3f, %.3f) not faced", x0 + a * h, y0 + b * h);
  g_autofree char *msg = check_rapids_above_stock (tp);
  if (msg)
    fail_msg ("%s", msg);
  op_fixture_clear (&f);
}

static void
test_face_program_runs_in_rs274 (void **state)
{
  (void) state;
  RS274_REQUIRED ();
  OpFixture f;
  face_op (&f);
  cam_job_join_toolpaths (f.job);
  g_autofree char *dir = g_dir_make_tmp ("microcam-face-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "face.ngc", NULL);
  assert_true (cam_post_write_file (cam_post_linuxcnc (), f.job->toolpath, NULL, path, NULL));
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
    cmocka_unit_test (test_face_covers_the_stock_top),
    cmocka_unit_test (test_face_program_runs_in_rs274),
  };
  return cmocka_run_group_tests (tests, NULL, NULL);
}
