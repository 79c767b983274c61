/* test-cam-toolpath.c — moves, arcs, canned-cycle expansion, lengths and cycle time. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>

#include "cam-toolpath.h"

static CamMove
feed (double x, double y, double z, double f)
{
  CamMove m = cam_move_init (CAM_MOVE_FEED, x, y, z);
  m.feed_mm_min = f;
  return m;
}

static void
test_arc_length_is_true_helical_length (void **state)
{
  (void) state;
  g_autoptr (CamToolpath) tp = cam_toolpath_new ();
  tp->start[0] = 1, tp->start[1] = 0, tp->start[2] = 0;
  /* half circle CCW radius 1 from (1,0) to (-1,0), dropping 0.5 */
  CamMove a = cam_move_init (CAM_MOVE_ARC_CCW, -1, 0, -0.5);
  a.cx = 0, a.cy = 0;
  a.feed_mm_min = 100;
  cam_toolpath_append (tp, &a);
  assert_float_equal (cam_move_arc_sweep (&a, tp->start), G_PI, 1e-12);
  assert_float_equal (cam_move_length (&a, tp->start), hypot (G_PI, 0.5), 1e-12);
  /* same end point CW: the other half, negative sweep */
  a.type = CAM_MOVE_ARC_CW;
  assert_float_equal (cam_move_arc_sweep (&a, tp->start), -G_PI, 1e-12);
  /* full circle: start == end */
  CamMove full = cam_move_init (CAM_MOVE_ARC_CW, 1, 0, 0);
  full.cx = 0, full.cy = 0;
  assert_float_equal (cam_move_arc_sweep (&full, tp->start), -2 * G_PI, 1e-12);
  double mid[3];
  cam_move_point_at (&full, tp->start, 0.25, mid);
  assert_float_equal (mid[0], 0, 1e-12);
  assert_float_equal (mid[1], -1, 1e-12);
}

/* Expected from `rs274 -g` on "G0 Z2 / G0 X1 Y1 / G99 G83 X1 Y1 Z-1 R0.2 Q0.3 F50" (LinuxCNC 2.9). */
static void
test_g83_expands_like_linuxcnc (void **state)
{
  (void) state;
  g_autoptr (CamToolpath) tp = cam_toolpath_new ();
  tp->start[0] = 1, tp->start[1] = 1, tp->start[2] = 2;
  CamMove c = cam_move_init (CAM_MOVE_CYCLE, 1, 1, -1.0);
  c.cycle = CAM_CYCLE_PECK;
  c.retract = CAM_RETRACT_R_PLANE;
  c.r_z = 0.2;
  c.q_mm = 0.3;
  c.feed_mm_min = 50;
  cam_toolpath_append (tp, &c);
  g_autoptr (CamToolpath) ex = cam_toolpath_expand_cycles (tp);
  const double z[] = { 2.0, 0.2, -0.1, 0.2, 0.154, -0.4, 0.2, -0.146, -0.7, 0.2, -0.446, -1.0, 0.2 };
  const int feedp[] = { 0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 1, 0 };
  assert_int_equal (cam_toolpath_n_moves (ex), G_N_ELEMENTS (z));
  for (guint i = 0; i < G_N_ELEMENTS (z); i++)
    {
      const CamMove *m = cam_toolpath_move (ex, i);
      assert_float_equal (m->z, z[i], 1e-9);
      assert_int_equal (m->type == CAM_MOVE_FEED, feedp[i]);
    }
  /* G99 leaves the tool at R */
  double end[3];
  cam_toolpath_end_point (tp, end);
  assert_float_equal (end[2], 0.2, 1e-12);
}

/* rs274: "G98 G73 X3 Y1 Z-0.5 R0.2 Q0.2" from Z0.2 → feeds 0, -0.2, -0.4, -0.5 with 0.254 mm back-offs. */
static void
test_g73_expands_like_linuxcnc (void **state)
{
  (void) state;
  g_autoptr (CamToolpath) tp = cam_toolpath_new ();
  tp->start[0] = 2.2, tp->start[1] = 1, tp->start[2] = 0.2;
  CamMove c = cam_move_init (CAM_MOVE_CYCLE, 3, 1, -0.5);
  c.cycle = CAM_CYCLE_CHIPBREAK;
  c.retract = CAM_RETRACT_OLD_Z;
  c.r_z = 0.2;
  c.q_mm = 0.2;
  c.feed_mm_min = 50;
  cam_toolpath_append (tp, &c);
  g_autoptr (CamToolpath) ex = cam_toolpath_expand_cycles (tp);
  const double z[] = { 0.2, 0.0, 0.254, -0.2, 0.054, -0.4, -0.146, -0.5, 0.2 };
  assert_int_equal (cam_toolpath_n_moves (ex), G_N_ELEMENTS (z));
  for (guint i = 0; i < G_N_ELEMENTS (z); i++)
    assert_float_equal (cam_toolpath_move (ex, i)->z, z[i], 1e-9);
}

static void
test_g98_returns_to_old_z (void **state)
{
  (void) state;
  g_autoptr (CamToolpath) tp = cam_toolpath_new ();
  tp->start[2] = 3;
  CamMove c = cam_move_init (CAM_MOVE_CYCLE, 1, 1, -0.3);
  c.cycle = CAM_CYCLE_DRILL;
  c.retract = CAM_RETRACT_OLD_Z;
  c.r_z = 0.5;
  c.feed_mm_min = 40;
  cam_toolpath_append (tp, &c);
  c.x = 2;
  cam_toolpath_append (tp, &c);
  double s[3];
  cam_toolpath_move_start (tp, 1, s);
  assert_float_equal (s[2], 3, 1e-12);
  cam_toolpath_end_point (tp, s);
  assert_float_equal (s[0], 2, 1e-12);
  assert_float_equal (s[2], 3, 1e-12);
}

static void
test_stats_lengths_and_time_without_acceleration (void **state)
{
  (void) state;
  g_autoptr (CamToolpath) tp = cam_toolpath_new ();
  CamMove r = cam_move_init (CAM_MOVE_RAPID, 3, 4, 0);
  cam_toolpath_append (tp, &r);
  CamMove f = feed (3, 4, -1, 60);
  cam_toolpath_append (tp, &f);
  CamKinematics k = { .rapid_mm_min = 600, .max_feed_mm_min = 1000, .accel_mm_s2 = INFINITY };
  CamToolpathStats st;
  cam_toolpath_stats (tp, &k, -1, &st);
  assert_float_equal (st.rapid_length_mm, 5, 1e-12);
  assert_float_equal (st.cut_length_mm, 1, 1e-12);
  assert_float_equal (st.rapid_time_s, 0.5, 1e-9);
  assert_float_equal (st.cut_time_s, 1.0, 1e-9);
  assert_float_equal (st.cycle_time_s, 1.5, 1e-9);
}

/* One 10 mm move at 600 mm/min (10 mm/s) with a = 100 mm/s²: accelerate 0.1 s over 0.5 mm,
 * cruise 9 mm in 0.9 s, decelerate 0.1 s: 1.1 s. A 0.5 mm move never reaches 10 mm/s:
 * triangle with peak sqrt(a·L) = 7.07 mm/s, time 2·sqrt(L/a) = 0.1414 s. */
static void
test_trapezoidal_profile_times (void **state)
{
  (void) state;
  CamKinematics k = { .rapid_mm_min = 600, .max_feed_mm_min = 1000, .accel_mm_s2 = 100,
                      .junction_deviation_mm = 0.01 };
  CamToolpathStats st;
  g_autoptr (CamToolpath) a = cam_toolpath_new ();
  CamMove f = feed (10, 0, 0, 600);
  cam_toolpath_append (a, &f);
  cam_toolpath_stats (a, &k, -1, &st);
  assert_float_equal (st.cycle_time_s, 1.1, 1e-9);
  g_autoptr (CamToolpath) b = cam_toolpath_new ();
  f = feed (0.5, 0, 0, 600);
  cam_toolpath_append (b, &f);
  cam_toolpath_stats (b, &k, -1, &st);
  assert_float_equal (st.cycle_time_s, 2 * sqrt (0.5 / 100), 1e-9);
  /* Two collinear 5 mm moves run through without stopping: same as one 10 mm move. */
  g_autoptr (CamToolpath) c = cam_toolpath_new ();
  f = feed (5, 0, 0, 600);
  cam_toolpath_append (c, &f);
  f = feed (10, 0, 0, 600);
  cam_toolpath_append (c, &f);
  cam_toolpath_stats (c, &k, -1, &st);
  assert_float_equal (st.cycle_time_s, 1.1, 1e-6);
  /* A 90° corner must slow down: longer than straight through. */
  g_autoptr (CamToolpath) d = cam_toolpath_new ();
  f = feed (5, 0, 0, 600);
  cam_toolpath_append (d, &f);
  f = feed (5, 5, 0, 600);
  cam_toolpath_append (d, &f);
  cam_toolpath_stats (d, &k, -1, &st);
  assert_true (st.cycle_time_s > 1.1 + 1e-3);
  assert_true (st.cycle_time_s < 1.3);
}

static void
test_min_safety_factor_and_where (void **state)
{
  (void) state;
  g_autoptr (CamToolpath) tp = cam_toolpath_new ();
  for (int i = 0; i < 5; i++)
    {
      CamMove f = feed (i + 1, 0, 0, 100);
      f.safety_factor = i == 3 ? 1.7f : 4.0f;
      f.deflection_um = i == 1 ? 2.5f : 1.0f;
      f.op_index = i < 2 ? 0 : 1;
      cam_toolpath_append (tp, &f);
    }
  CamToolpathStats st;
  cam_toolpath_stats (tp, NULL, -1, &st);
  assert_float_equal (st.min_safety_factor, 1.7, 1e-6);
  assert_int_equal (st.min_safety_move, 3);
  assert_float_equal (st.max_deflection_um, 2.5, 1e-6);
  assert_int_equal (st.max_deflection_move, 1);
  cam_toolpath_stats (tp, NULL, 0, &st);
  assert_float_equal (st.cut_length_mm, 2, 1e-12);
  assert_float_equal (st.min_safety_factor, 4.0, 1e-6);
}

static void
test_append_toolpath_remaps_tools (void **state)
{
  (void) state;
  g_autoptr (CamToolpath) a = cam_toolpath_new ();
  cam_toolpath_add_tool (a, 1, 0.2, "drill:d=0.2", "d", CAM_COOLANT_MIST);
  g_autoptr (CamToolpath) b = cam_toolpath_new ();
  cam_toolpath_add_tool (b, 7, 0.5, "flat:d=0.5", "f", CAM_COOLANT_FLOOD);
  cam_toolpath_add_tool (b, 1, 0.2, "drill:d=0.2", "d", CAM_COOLANT_MIST);
  CamMove m = feed (1, 1, 0, 10);
  m.tool_index = 1;
  cam_toolpath_append (b, &m);
  cam_toolpath_append_toolpath (a, b, 3);
  assert_int_equal (a->tools->len, 2);
  assert_int_equal (cam_toolpath_move (a, 0)->tool_index, 0);
  assert_int_equal (cam_toolpath_move (a, 0)->op_index, 3);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_arc_length_is_true_helical_length),
    cmocka_unit_test (test_g83_expands_like_linuxcnc),
    cmocka_unit_test (test_g73_expands_like_linuxcnc),
    cmocka_unit_test (test_g98_returns_to_old_z),
    cmocka_unit_test (test_stats_lengths_and_time_without_acceleration),
    cmocka_unit_test (test_trapezoidal_profile_times),
    cmocka_unit_test (test_min_safety_factor_and_where),
    cmocka_unit_test (test_append_toolpath_remaps_tools),
  };
  return cmocka_run_group_tests (tests, NULL, NULL);
}
