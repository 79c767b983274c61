/* test-cam-toolpath.c — moves, arcs, canned-cycle expansion, lengths and cycle time. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <string.h>

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

/* The whole-program planner as it was before the statistics streamed (cam-toolpath.c up to
 * 2026-11-29): the program with its cycles expanded (cam_toolpath_expand_cycles), one
 * block per expanded move, a backward pass over all of them, then a forward pass. The
 * streaming cam_toolpath_stats() must give the same lengths and times to the bit. */
typedef struct {
  double len, v, vj, vin, dwell;
  gboolean counted, cut;
} RefBlock;

static gboolean
ref_tangent (const CamMove *m, const double s[3], gboolean end, double t[3])
{
  if (m->type == CAM_MOVE_ARC_CW || m->type == CAM_MOVE_ARC_CCW)
    {
      double p[3];
      cam_move_point_at (m, s, end ? 1.0 : 0.0, p);
      double rx = p[0] - m->cx, ry = p[1] - m->cy;
      double sweep = cam_move_arc_sweep (m, s);
      double len = cam_move_length (m, s);
      if (len < 1e-12)
        return FALSE;
      double sign = sweep > 0 ? 1 : -1;
      double r = hypot (rx, ry);
      double horiz = fabs (sweep) * r / len;
      t[0] = r > 0 ? -sign * ry / r * horiz : 0;
      t[1] = r > 0 ? sign * rx / r * horiz : 0;
      t[2] = (m->z - s[2]) / len;
      return TRUE;
    }
  double d[3] = { m->x - s[0], m->y - s[1], m->z - s[2] };
  double l = sqrt (d[0] * d[0] + d[1] * d[1] + d[2] * d[2]);
  if (l < 1e-12)
    return FALSE;
  for (int k = 0; k < 3; k++)
    t[k] = d[k] / l;
  return TRUE;
}

static double
ref_trapezoid (double len, double v0, double v1, double v, double a)
{
  if (len <= 0)
    return 0;
  if (a <= 0 || !isfinite (a))
    return len / v;
  double d_acc = (v * v - v0 * v0) / (2 * a);
  double d_dec = (v * v - v1 * v1) / (2 * a);
  if (d_acc + d_dec <= len)
    return (v - v0) / a + (v - v1) / a + (len - d_acc - d_dec) / v;
  double vp = sqrt ((2 * a * len + v0 * v0 + v1 * v1) / 2);
  vp = MAX (vp, MAX (v0, v1));
  return (vp - v0) / a + (vp - v1) / a;
}

static void
ref_stats (const CamToolpath *tp, const CamKinematics *kin, int op, CamToolpathStats *out)
{
  CamKinematics k = { .rapid_mm_min = 5000, .max_feed_mm_min = 1e9, .accel_mm_s2 = INFINITY,
                      .tool_change_s = 0, .junction_deviation_mm = 0.01 };
  if (kin)
    k = *kin;
  memset (out, 0, sizeof *out);
  g_autoptr (CamToolpath) ex = cam_toolpath_expand_cycles (tp);
  guint n = ex->moves->len;
  g_autofree RefBlock *b = g_new0 (RefBlock, n + 1);
  double pos[3], prev_t[3] = { 0, 0, 0 };
  gboolean have_prev = FALSE;
  memcpy (pos, ex->start, sizeof pos);
  double a = k.accel_mm_s2;
  int prev_tool = -1;
  for (guint i = 0; i < n; i++)
    {
      const CamMove *m = &g_array_index (ex->moves, CamMove, i);
      RefBlock *bl = &b[i];
      bl->counted = op < 0 || m->op_index == op;
      if (prev_tool >= 0 && m->tool_index != prev_tool && bl->counted)
        {
          out->tool_changes++;
          out->cycle_time_s += k.tool_change_s;
        }
      prev_tool = m->tool_index;
      bl->len = cam_move_length (m, pos);
      bl->cut = m->type != CAM_MOVE_RAPID;
      double rate = m->type == CAM_MOVE_RAPID ? k.rapid_mm_min
                    : MIN (isfinite (m->feed_mm_min) && m->feed_mm_min > 0 ? m->feed_mm_min : k.max_feed_mm_min,
                           k.max_feed_mm_min);
      bl->v = MAX (rate, 1e-6) / 60.0;
      if (m->type == CAM_MOVE_DWELL)
        bl->dwell = isfinite (m->dwell_s) ? m->dwell_s : 0;
      double t0[3], t1[3];
      if (bl->len > 1e-12 && ref_tangent (m, pos, FALSE, t0))
        {
          if (have_prev)
            {
              double c = -(prev_t[0] * t0[0] + prev_t[1] * t0[1] + prev_t[2] * t0[2]);
              c = CLAMP (c, -1.0, 1.0);
              double sin_half = sqrt (0.5 * (1 - c));
              if (sin_half > 0.999999)
                bl->vj = INFINITY;
              else
                bl->vj = sqrt (a * k.junction_deviation_mm * sin_half / (1 - sin_half));
            }
          ref_tangent (m, pos, TRUE, t1);
          memcpy (prev_t, t1, sizeof prev_t);
          have_prev = TRUE;
        }
      else if (bl->len <= 1e-12)
        {
          have_prev = FALSE;
          bl->vj = 0;
        }
      if (!have_prev || i == 0)
        bl->vj = 0;
      bl->vj = MIN (bl->vj, bl->v);
      if (i > 0)
        bl->vj = MIN (bl->vj, b[i - 1].v);
      pos[0] = m->x, pos[1] = m->y, pos[2] = m->z;
    }
  double v_next = 0;
  for (guint ii = n; ii-- > 0;)
    {
      RefBlock *bl = &b[ii];
      double reach = isfinite (a) ? sqrt (v_next * v_next + 2 * a * bl->len) : INFINITY;
      bl->vin = MIN (bl->vj, reach);
      v_next = bl->vin;
    }
  double v_in = 0;
  for (guint i = 0; i < n; i++)
    {
      RefBlock *bl = &b[i];
      double vin = MIN (bl->vin, v_in);
      double vout = i + 1 < n ? b[i + 1].vin : 0;
      double reach = isfinite (a) ? sqrt (vin * vin + 2 * a * bl->len) : INFINITY;
      vout = MIN (vout, MIN (reach, bl->v));
      double t = ref_trapezoid (bl->len, vin, vout, bl->v, a) + bl->dwell;
      v_in = vout;
      if (!bl->counted)
        continue;
      out->cycle_time_s += t;
      if (bl->cut)
        {
          out->cut_length_mm += bl->len;
          out->cut_time_s += t;
        }
      else
        {
          out->rapid_length_mm += bl->len;
          out->rapid_time_s += t;
        }
    }
}

/* A program with everything the planner meets: rapids, feeds from 1 nm to 5 mm, arcs and
 * helices, all four cycles with G98/G99, dwells, zero-length moves, missing feeds, several
 * ops and tools, and physics on some moves. */
static CamToolpath *
random_program (guint32 seed, guint n)
{
  g_autoptr (GRand) rnd = g_rand_new_with_seed (seed);
  CamToolpath *tp = cam_toolpath_new ();
  tp->start[2] = 5;
  double p[3] = { 0, 0, 5 };
  for (guint i = 0; i < n; i++)
    {
      int kind = g_rand_int_range (rnd, 0, 100);
      double step = pow (10, g_rand_double_range (rnd, -6, 0.7)); /* 1 nm … 5 mm */
      double ang = g_rand_double_range (rnd, 0, 2 * G_PI);
      CamMove m;
      if (kind < 10)
        m = cam_move_init (CAM_MOVE_RAPID, p[0] + step * cos (ang), p[1] + step * sin (ang),
                           g_rand_double_range (rnd, 0.5, 3));
      else if (kind < 55)
        m = feed (p[0] + step * cos (ang), p[1] + step * sin (ang),
                  kind < 20 ? p[2] - g_rand_double_range (rnd, 0, 0.05) : p[2],
                  kind == 54 ? NAN : g_rand_double_range (rnd, 5, 3000));
      else if (kind < 75)
        {
          double r = MAX (step, 1e-3);
          double cx = p[0] - r * cos (ang), cy = p[1] - r * sin (ang);
          double end = ang + g_rand_double_range (rnd, -3, 3);
          m = cam_move_init (kind & 1 ? CAM_MOVE_ARC_CW : CAM_MOVE_ARC_CCW, cx + r * cos (end), cy + r * sin (end),
                             p[2] - (kind < 60 ? 0.02 : 0));
          m.cx = cx, m.cy = cy;
          m.turns = kind == 74 ? 1 : 0;
          m.feed_mm_min = (float) g_rand_double_range (rnd, 5, 3000);
        }
      else if (kind < 90)
        {
          m = cam_move_init (CAM_MOVE_CYCLE, p[0] + step, p[1], -g_rand_double_range (rnd, 0.05, 1.5));
          m.cycle = (guint8) g_rand_int_range (rnd, CAM_CYCLE_DRILL, CAM_CYCLE_CHIPBREAK + 1);
          m.retract = g_rand_boolean (rnd) ? CAM_RETRACT_R_PLANE : CAM_RETRACT_OLD_Z;
          m.r_z = g_rand_double_range (rnd, 0.05, 1);
          m.q_mm = (m.cycle == CAM_CYCLE_PECK || m.cycle == CAM_CYCLE_CHIPBREAK) ? g_rand_double_range (rnd, 0.05, 0.4) : 0;
          m.dwell_s = m.cycle == CAM_CYCLE_DRILL_DWELL ? 0.2f : 0;
          m.feed_mm_min = (float) g_rand_double_range (rnd, 5, 200);
        }
      else if (kind < 95)
        {
          m = cam_move_init (CAM_MOVE_DWELL, p[0], p[1], p[2]);
          m.dwell_s = 0.5f;
        }
      else
        m = feed (p[0], p[1], p[2], 100); /* zero length */
      m.op_index = (guint16) (i * 4 / n);
      m.tool_index = (guint16) (i * 3 / n);
      if (cam_move_is_cut (&m) && g_rand_int_range (rnd, 0, 3) == 0)
        {
          m.safety_factor = (float) g_rand_double_range (rnd, 1, 20);
          m.deflection_um = (float) g_rand_double_range (rnd, 0, 5);
          m.ra_um = (float) g_rand_double_range (rnd, 0, 1);
        }
      cam_toolpath_append (tp, &m);
      cam_toolpath_end_point (tp, p);
    }
  return tp;
}

static void
assert_same_sums (const CamToolpathStats *a, const CamToolpathStats *b)
{
  /* to the bit: same operations in the same order */
  assert_true (a->cut_length_mm == b->cut_length_mm);
  assert_true (a->rapid_length_mm == b->rapid_length_mm);
  assert_true (a->cut_time_s == b->cut_time_s);
  assert_true (a->rapid_time_s == b->rapid_time_s);
  assert_true (a->cycle_time_s == b->cycle_time_s);
  assert_int_equal (a->tool_changes, b->tool_changes);
}

static void
test_streaming_stats_equal_whole_program_planner (void **state)
{
  (void) state;
  const CamKinematics kins[] = {
    { .rapid_mm_min = 5000, .max_feed_mm_min = 2000, .accel_mm_s2 = 500, .tool_change_s = 6,
      .junction_deviation_mm = 0.002 },
    { .rapid_mm_min = 30000, .max_feed_mm_min = 10000, .accel_mm_s2 = 2, .tool_change_s = 0,
      .junction_deviation_mm = 0.05 },  /* slow machine: long runs of moves without a barrier */
    { .rapid_mm_min = 600, .max_feed_mm_min = 1000, .accel_mm_s2 = INFINITY, .tool_change_s = 3,
      .junction_deviation_mm = 0.01 },
    { .rapid_mm_min = 8000, .max_feed_mm_min = 4000, .accel_mm_s2 = 0, .tool_change_s = 1,
      .junction_deviation_mm = 0.01 },
  };
  for (guint32 seed = 1; seed <= 12; seed++)
    {
      g_autoptr (CamToolpath) tp = random_program (seed, 600);
      for (guint k = 0; k <= G_N_ELEMENTS (kins); k++)
        {
          const CamKinematics *kin = k < G_N_ELEMENTS (kins) ? &kins[k] : NULL;
          CamToolpathStats got, want, per_op[4], all;
          for (int op = -1; op < 4; op++)
            {
              cam_toolpath_stats (tp, kin, op, &got);
              ref_stats (tp, kin, op, &want);
              assert_same_sums (&got, &want);
              assert_true (got.cycle_time_s > 0 || op >= 0);
            }
          /* one pass for all ops gives what one call per op gives */
          cam_toolpath_stats_by_op (tp, kin, 4, per_op, &all);
          cam_toolpath_stats (tp, kin, -1, &got);
          assert_same_sums (&all, &got);
          assert_int_equal (all.n_moves, cam_toolpath_n_moves (tp));
          assert_int_equal (all.min_safety_move, got.min_safety_move);
          assert_int_equal (all.max_deflection_move, got.max_deflection_move);
          gsize n_moves = 0;
          for (int op = 0; op < 4; op++)
            {
              cam_toolpath_stats (tp, kin, op, &got);
              assert_same_sums (&per_op[op], &got);
              assert_int_equal (per_op[op].n_moves, got.n_moves);
              assert_int_equal (per_op[op].n_cut_moves, got.n_cut_moves);
              assert_int_equal (per_op[op].min_safety_move, got.min_safety_move);
              assert_true (per_op[op].max_deflection_um == got.max_deflection_um);
              assert_true (per_op[op].max_ra_um == got.max_ra_um);
              n_moves += per_op[op].n_moves;
            }
          assert_int_equal (n_moves, cam_toolpath_n_moves (tp));
          /* the expanded program has the same lengths and times (the extremes' indices differ) */
          g_autoptr (CamToolpath) ex = cam_toolpath_expand_cycles (tp);
          CamToolpathStats exs;
          cam_toolpath_stats (ex, kin, -1, &exs);
          assert_same_sums (&exs, &all);
          assert_true (exs.min_safety_factor == all.min_safety_factor);
        }
    }
}

/* A cycle's length is the sum of the moves it expands to. */
static void
test_cycle_length_is_expanded_length (void **state)
{
  (void) state;
  double start[3] = { 0, 0, 2 };
  CamMove c = cam_move_init (CAM_MOVE_CYCLE, 1, 0, -1.0);
  c.cycle = CAM_CYCLE_PECK;
  c.retract = CAM_RETRACT_OLD_Z;
  c.r_z = 0.2;
  c.q_mm = 0.3;
  g_autoptr (GArray) ex = g_array_new (FALSE, FALSE, sizeof (CamMove));
  cam_move_expand_cycle (&c, start, ex);
  /* rapid to (1,0,2) and down to R 0.2; feeds to -0.1, -0.4, -0.7, -1 each 0.254 mm deeper
   * than the last but the first; between them up to R (0.3, 0.6, 0.9) and down to 0.254 mm
   * above the last bottom (0.046, 0.346, 0.646); G98 back up to 2 */
  double want = 1 + 1.8 + (0.3 + 3 * (0.3 + 0.254)) + (0.3 + 0.6 + 0.9) + (0.046 + 0.346 + 0.646) + 3.0;
  assert_int_equal (ex->len, 2 + 4 + 6 + 1);
  assert_float_equal (cam_move_length (&c, start), want, 1e-12);
}

/* The bounds walk the starts one step at a time: the same as cam_toolpath_move_start(). */
static void
test_bounds_follow_move_starts (void **state)
{
  (void) state;
  g_autoptr (CamToolpath) tp = random_program (7, 400);
  double mn[3], mx[3], wmn[3], wmx[3];
  cam_toolpath_bounds (tp, mn, mx);
  for (int k = 0; k < 3; k++)
    wmn[k] = wmx[k] = tp->start[k];
  for (guint i = 0; i < tp->moves->len; i++)
    {
      const CamMove *m = cam_toolpath_move (tp, i);
      double s[3], e[3];
      cam_toolpath_move_start (tp, i, s);
      cam_toolpath_move_start (tp, i + 1, e);
      for (int q = 0; q <= 16; q++)
        {
          double p[3];
          if (m->type == CAM_MOVE_ARC_CW || m->type == CAM_MOVE_ARC_CCW)
            cam_move_point_at (m, s, q / 16.0, p);
          else
            memcpy (p, (double[3]) { m->x, m->y, q == 0 && m->type == CAM_MOVE_CYCLE ? m->r_z : m->z }, sizeof p);
          for (int k = 0; k < 3; k++)
            wmn[k] = MIN (wmn[k], p[k]), wmx[k] = MAX (wmx[k], p[k]);
        }
      /* where the tool ends lies within the box too */
      for (int k = 0; k < 3; k++)
        assert_true (e[k] >= mn[k] - 1e-12 && e[k] <= mx[k] + 1e-12);
    }
  for (int k = 0; k < 3; k++)
    {
      assert_true (mn[k] == wmn[k]);
      assert_true (mx[k] == wmx[k]);
    }
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

/* Arc chords: every chord within the sagitta of its arc and no chord more than needed (one
 * fewer would stand off further); the bounds and the small-radius angle hold. */
static void
test_arc_chords_meet_the_sagitta_and_no_more (void **state)
{
  (void) state;
  const double start[3] = { 2, 0, 0 };
  CamMove m = cam_move_init (CAM_MOVE_ARC_CCW, 0, 2, -1); /* quarter turn of r = 2 about the origin */
  m.cx = 0, m.cy = 0;
  const double r = 2, sagitta = 1e-4;
  CamArcChording c = { .sagitta_mm = sagitta, .small_angle = G_PI, .min_chords = 1, .max_chords = 100000 };
  guint n;
  g_autofree double *p = cam_move_arc_points (&m, start, &c, &n);
  guint chords = n - 1;
  assert_int_equal (chords, cam_arc_n_chords (&c, r, G_PI / 2));
  assert_true (chords > 1);
  assert_memory_equal (p, start, sizeof start);
  assert_true (fabs (p[3 * chords] - 0) < 1e-12 && fabs (p[3 * chords + 1] - 2) < 1e-12);
  assert_true (fabs (p[3 * chords + 2] + 1) < 1e-12);
  for (guint i = 0; i < chords; i++)
    {
      /* the chord's midpoint is where it stands off the arc most */
      double mx = (p[3 * i] + p[3 * i + 3]) / 2, my = (p[3 * i + 1] + p[3 * i + 4]) / 2;
      assert_true (r - hypot (mx, my) <= sagitta * (1 + 1e-9));
      assert_true (fabs (hypot (p[3 * i], p[3 * i + 1]) - r) < 1e-12);
    }
  double fewer = (G_PI / 2) / (chords - 1); /* one chord less: each spans more */
  assert_true (r * (1 - cos (fewer / 2)) > sagitta);
  /* bounds, cap and the radius below the sagitta */
  assert_int_equal (cam_arc_n_chords (&cam_arc_chording_view, 1e-4, 2 * G_PI), 16);
  assert_int_equal (cam_arc_n_chords (&cam_arc_chording_view, 1e3, 2 * G_PI), 720);
  assert_int_equal (cam_arc_n_chords (&cam_arc_chording_view, 1, 0), 4);
  CamArcChording capped = c;
  capped.max_angle = G_PI / 180;
  assert_int_equal (cam_arc_n_chords (&capped, 1e-5, G_PI), 180);
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
    cmocka_unit_test (test_streaming_stats_equal_whole_program_planner),
    cmocka_unit_test (test_cycle_length_is_expanded_length),
    cmocka_unit_test (test_bounds_follow_move_starts),
    cmocka_unit_test (test_append_toolpath_remaps_tools),
    cmocka_unit_test (test_arc_chords_meet_the_sagitta_and_no_more),
  };
  return cmocka_run_group_tests (tests, NULL, NULL);
}
