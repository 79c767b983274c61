/* test-cam-gen-profile.c — outside/inside contours: no gouge, depths, spring pass, tabs, rs274. */
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

static void
quiet (const char *fmt, ...)
{
  (void) fmt;
}

/* A 4 × 3 rectangle at (3, 3) with an inside notch: a concave outline. */
static const char *OUTLINE = "POLYGON((3 3, 7 3, 7 6, 5.5 6, 5.5 5, 4.5 5, 4.5 6, 3 6, 3 3))";

static CamJobOp *
profile_op (OpFixture *f, CamSide side, guint tabs, gboolean spring)
{
  op_fixture_init (f, "al6061", "micro60k", 1.0);
  CamJobOp *op = cam_job_add_op (f->job, CAM_JOB_OP_PROFILE, op_fixture_tool (f, "em-flat-0.5"));
  op->region_wkt = g_strdup (OUTLINE);
  op->side = side;
  op->top_z = 0;
  op->bottom_z = -0.6;
  op->stock_to_leave_mm = 0.02;
  op->tabs = tabs;
  op->tab_height_mm = 0.15;
  op->tab_width_mm = 0.6;
  op->spring_pass = spring;
  g_autoptr (GError) error = NULL;
  assert_true (cam_gen_generate (&f->ctx, op, &error));
  g_assert_no_error (error);
  return op;
}

static double
clearance (const CamJobOp *op, gboolean inside)
{
  GEOSContextHandle_t g = GEOS_init_r ();
  GEOSContext_setNoticeHandler_r (g, quiet);
  GEOSWKTReader *rd = GEOSWKTReader_create_r (g);
  GEOSGeometry *region = GEOSWKTReader_read_r (g, rd, OUTLINE);
  double w = worst_clearance (g, region, op->toolpath, 0.25, op->stock_to_leave_mm, inside);
  GEOSGeom_destroy_r (g, region);
  GEOSWKTReader_destroy_r (g, rd);
  GEOS_finish_r (g);
  return w;
}

static void
test_outside_profile_keeps_off_the_part (void **state)
{
  (void) state;
  OpFixture f;
  CamJobOp *op = profile_op (&f, CAM_SIDE_OUTSIDE, 0, TRUE);
  double w = clearance (op, FALSE);
  if (w < -5e-4)
    fail_msg ("tool %.4f mm into the part", -w);
  /* the finishing contour runs at exactly R: clearance ~0 somewhere */
  assert_true (w < 1e-3);
  /* all depths reached, spring pass present, rapids above the stock */
  double deepest = 0;
  guint spring = 0;
  for (guint i = 0; i < op->toolpath->moves->len; i++)
    {
      const CamMove *m = cam_toolpath_move (op->toolpath, i);
      deepest = MIN (deepest, m->z);
      spring += (m->flags & CAM_MOVE_FLAG_SPRING) != 0;
    }
  assert_float_equal (deepest, -0.6, 1e-9);
  assert_true (spring > 0);
  g_autofree char *msg = check_rapids_above_stock (op->toolpath);
  if (msg)
    fail_msg ("%s", msg);
  op_fixture_clear (&f);
}

static void
test_inside_profile_keeps_inside (void **state)
{
  (void) state;
  OpFixture f;
  CamJobOp *op = profile_op (&f, CAM_SIDE_INSIDE, 0, FALSE);
  double w = clearance (op, TRUE);
  if (w < -5e-4)
    fail_msg ("tool %.4f mm past the contour", -w);
  op_fixture_clear (&f);
}

/* Tabs: at the levels below the tab top the tool rises over n gaps; elsewhere it cuts to
 * the bottom. */
static void
test_tabs_leave_material (void **state)
{
  (void) state;
  OpFixture f;
  CamJobOp *op = profile_op (&f, CAM_SIDE_OUTSIDE, 4, FALSE);
  guint at_tab = 0, at_bottom = 0;
  for (guint i = 0; i < op->toolpath->moves->len; i++)
    {
      const CamMove *m = cam_toolpath_move (op->toolpath, i);
      if (!cam_move_is_cut (m))
        continue;
      at_tab += fabs (m->z - (-0.6 + 0.15)) < 1e-9;
      at_bottom += fabs (m->z + 0.6) < 1e-9;
    }
  assert_true (at_tab > 4);
  assert_true (at_bottom > 4);
  op_fixture_clear (&f);
}

/* Climb milling on an outside contour runs clockwise (the part on the right, M3). */
static void
test_outside_climb_is_clockwise (void **state)
{
  (void) state;
  OpFixture f;
  CamJobOp *op = profile_op (&f, CAM_SIDE_OUTSIDE, 0, FALSE);
  double area2 = 0;
  double s[3];
  for (guint i = 0; i < op->toolpath->moves->len; i++)
    {
      const CamMove *m = cam_toolpath_move (op->toolpath, i);
      cam_toolpath_move_start (op->toolpath, i, s);
      if (m->type == CAM_MOVE_FEED && fabs (m->z + 0.6) < 1e-9 && fabs (s[2] + 0.6) < 1e-9)
        area2 += s[0] * m->y - m->x * s[1];
    }
  assert_true (area2 < 0); /* clockwise */
  op_fixture_clear (&f);
}

static void
test_profile_program_runs_in_rs274 (void **state)
{
  (void) state;
  RS274_REQUIRED ();
  OpFixture f;
  profile_op (&f, CAM_SIDE_OUTSIDE, 4, TRUE);
  cam_job_join_toolpaths (f.job);
  g_autofree char *dir = g_dir_make_tmp ("microcam-profile-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "profile.ngc", NULL);
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
    cmocka_unit_test (test_outside_profile_keeps_off_the_part),
    cmocka_unit_test (test_inside_profile_keeps_inside),
    cmocka_unit_test (test_tabs_leave_material),
    cmocka_unit_test (test_outside_climb_is_clockwise),
    cmocka_unit_test (test_profile_program_runs_in_rs274),
  };
  return cmocka_run_group_tests (tests, NULL, NULL);
}
