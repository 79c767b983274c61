/* test-cam-gen-pocket.c — pocket clearing: no gouge, floor covered, entry, feeds from the engine. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "cam-post.h"
#include "cam-gen-mill.h"
#include "op-fixture.h"
#include "rs274-check.h"

static void
geos_quiet (const char *fmt, ...)
{
  (void) fmt;
}

/* Square x0..x1 × y0..y1 with corner radius rc, optionally with a square island. */
static char *
rounded_square_wkt (GEOSContextHandle_t g, double x0, double y0, double x1, double y1, double rc,
                    const double *island)
{
  GEOSGeometry *box = GEOSGeom_createRectangle_r (g, x0 + rc, y0 + rc, x1 - rc, y1 - rc);
  GEOSGeometry *r = GEOSBuffer_r (g, box, rc, 32);
  GEOSGeom_destroy_r (g, box);
  if (island)
    {
      GEOSGeometry *is = GEOSGeom_createRectangle_r (g, island[0], island[1], island[2], island[3]);
      GEOSGeometry *d = GEOSDifference_r (g, r, is);
      GEOSGeom_destroy_r (g, r);
      GEOSGeom_destroy_r (g, is);
      r = d;
    }
  GEOSWKTWriter *w = GEOSWKTWriter_create_r (g);
  GEOSWKTWriter_setRoundingPrecision_r (g, w, 12);
  char *s = GEOSWKTWriter_write_r (g, w, r);
  char *out = g_strdup (s);
  GEOSFree_r (g, s);
  GEOSWKTWriter_destroy_r (g, w);
  GEOSGeom_destroy_r (g, r);
  return out;
}

typedef struct {
  OpFixture f;
  GEOSContextHandle_t g;
  CamJobOp *op;
  double R;
} Pocket;

static Pocket *
pocket_new_in (const char *material, const char *tool, const double *island)
{
  Pocket *p = g_new0 (Pocket, 1);
  op_fixture_init (&p->f, material, "micro60k", 2.0);
  p->g = GEOS_init_r ();
  GEOSContext_setNoticeHandler_r (p->g, geos_quiet);
  guint t = op_fixture_tool (&p->f, tool);
  p->R = 0.5 * cam_job_tool (p->f.job, t)->tool->d_mm;
  p->op = cam_job_add_op (p->f.job, CAM_JOB_OP_POCKET, t);
  p->op->region_wkt = rounded_square_wkt (p->g, 6, 6, 9, 9, 0.1, island);
  p->op->top_z = 0;
  p->op->bottom_z = -0.3;
  p->op->stock_to_leave_mm = 0.01;
  p->op->floor_stock_mm = 0.01;
  g_autoptr (GError) error = NULL;
  gboolean ok = cam_gen_generate (&p->f.ctx, p->op, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  return p;
}

static Pocket *
pocket_new (const char *tool, const double *island)
{
  return pocket_new_in ("al6061", tool, island);
}

static void
pocket_free (Pocket *p)
{
  op_fixture_clear (&p->f);
  GEOS_finish_r (p->g);
  g_free (p);
}

static GEOSGeometry *
region_work (Pocket *p)
{
  GEOSWKTReader *rd = GEOSWKTReader_create_r (p->g);
  GEOSGeometry *r = GEOSWKTReader_read_r (p->g, rd, p->op->region_wkt);
  GEOSWKTReader_destroy_r (p->g, rd);
  return r; /* work XY = model XY with the default origin */
}

static void
test_pocket_does_not_gouge (void **state)
{
  (void) state;
  Pocket *p = pocket_new ("em-flat-0.2", NULL);
  GEOSGeometry *region = region_work (p);
  double worst = worst_clearance (p->g, region, p->op->toolpath, p->R, p->op->stock_to_leave_mm, TRUE);
  /* 0.5 µm: the chord error allowed when round corners become polylines */
  if (worst < -5e-4)
    fail_msg ("tool disk %.4f mm past the wall", -worst);
  GEOSGeom_destroy_r (p->g, region);
  pocket_free (p);
}

static void
test_pocket_with_island_does_not_gouge (void **state)
{
  (void) state;
  const double island[] = { 7.2, 7.2, 7.8, 7.8 };
  Pocket *p = pocket_new ("em-flat-0.2", island);
  GEOSGeometry *region = region_work (p);
  double worst = worst_clearance (p->g, region, p->op->toolpath, p->R, p->op->stock_to_leave_mm, TRUE);
  if (worst < -5e-4)
    fail_msg ("tool disk %.4f mm into a wall or the island", -worst);
  GEOSGeom_destroy_r (p->g, region);
  pocket_free (p);
}

/* Rasterise the tool disks swept at the floor on a 5 µm grid: every point the tool can
 * reach (the region opened by the tool disk) must be covered. */
static void
test_pocket_floor_fully_covered (void **state)
{
  (void) state;
  const double island[] = { 7.2, 7.2, 7.8, 7.8 };
  Pocket *p = pocket_new ("em-flat-0.2", island);
  GEOSGeometry *region = region_work (p);
  GEOSGeometry *in = GEOSBuffer_r (p->g, region, -p->R, 32);
  GEOSGeometry *reach = GEOSBuffer_r (p->g, in, p->R - 0.002, 32); /* 2 µm inside the reachable edge */
  const GEOSPreparedGeometry *prep = GEOSPrepare_r (p->g, reach);
  const double h = 0.005, x0 = 5.9, y0 = 5.9;
  const int n = (int) ceil (3.2 / h);
  g_autofree guint8 *cov = g_new0 (guint8, n * n);
  g_autoptr (CamToolpath) tp = cam_toolpath_expand_cycles (p->op->toolpath);
  double s[3] = { tp->start[0], tp->start[1], tp->start[2] };
  double rr = (p->R - 1e-4) * (p->R - 1e-4);
  for (guint i = 0; i < tp->moves->len; i++)
    {
      const CamMove *m = cam_toolpath_move (tp, i);
      if (cam_move_is_cut (m) && m->z <= p->op->bottom_z + 1e-6 && s[2] <= p->op->bottom_z + 1e-6)
        {
          double len = cam_move_length (m, s);
          guint ns = MAX (1u, (guint) ceil (len / 0.002));
          for (guint k = 0; k <= ns; k++)
            {
              double q[3];
              cam_move_point_at (m, s, (double) k / ns, q);
              int ia = (int) floor ((q[0] - p->R - x0) / h), ib = (int) ceil ((q[0] + p->R - x0) / h);
              int ja = (int) floor ((q[1] - p->R - y0) / h), jb = (int) ceil ((q[1] + p->R - y0) / h);
              for (int a = MAX (ia, 0); a <= MIN (ib, n - 1); a++)
                for (int b = MAX (ja, 0); b <= MIN (jb, n - 1); b++)
                  {
                    double dx = x0 + a * h - q[0], dy = y0 + b * h - q[1];
                    if (dx * dx + dy * dy <= rr)
                      cov[a * n + b] = 1;
                  }
            }
        }
      s[0] = m->x, s[1] = m->y, s[2] = m->z;
    }
  guint missed = 0, checked = 0;
  double mx = 0, my = 0;
  for (int a = 0; a < n; a++)
    for (int b = 0; b < n; b++)
      {
        GEOSGeometry *pt = GEOSGeom_createPointFromXY_r (p->g, x0 + a * h, y0 + b * h);
        if (GEOSPreparedContains_r (p->g, prep, pt) == 1)
          {
            checked++;
            if (!cov[a * n + b])
              missed++, mx = x0 + a * h, my = y0 + b * h;
          }
        GEOSGeom_destroy_r (p->g, pt);
      }
  assert_true (checked > 100000);
  if (missed)
    fail_msg ("%u of %u floor points not covered, e.g. (%.3f, %.3f)", missed, checked, mx, my);
  GEOSPreparedGeom_destroy_r (p->g, prep);
  GEOSGeom_destroy_r (p->g, reach);
  GEOSGeom_destroy_r (p->g, in);
  GEOSGeom_destroy_r (p->g, region);
  pocket_free (p);
}

/* Never a straight plunge into material with an end mill under 1 mm; entries within the
 * tool's ramp angle; rapids only above the stock. */
static void
test_pocket_entry_and_rapids (void **state)
{
  (void) state;
  Pocket *p = pocket_new ("em-flat-0.2", NULL);
  const CamToolpath *tp = p->op->toolpath;
  double ramp = cam_job_tool (p->f.job, p->op->tool)->max_ramp_deg;
  guint helix = 0;
  for (guint i = 0; i < tp->moves->len; i++)
    {
      const CamMove *m = cam_toolpath_move (tp, i);
      double s[3];
      cam_toolpath_move_start (tp, i, s);
      if (!cam_move_is_cut (m) || m->z >= s[2] - 1e-9 || (m->flags & CAM_MOVE_FLAG_AIR))
        continue;
      /* a descending cutting move below the stock top: must be a helix or ramp in angle */
      assert_false (m->flags & CAM_MOVE_FLAG_PLUNGE);
      double len = cam_move_length (m, s);
      double horiz = sqrt (MAX (len * len - (s[2] - m->z) * (s[2] - m->z), 0));
      double angle = atan2 (s[2] - m->z, horiz) * 180 / G_PI;
      if (s[2] <= 1e-9)
        {
          if (angle > ramp + 0.01)
            fail_msg ("move %u descends at %.2f° > %.2f°", i, angle, ramp);
          helix += (m->flags & CAM_MOVE_FLAG_HELIX) != 0;
        }
    }
  assert_true (helix > 0);
  g_autofree char *msg = check_rapids_above_stock (tp);
  if (msg)
    fail_msg ("%s", msg);
  pocket_free (p);
}

/* Feeds follow the engine: each cutting move's feed is the engine's fastest within the limits for
 * that move's own engagement — slower than the nominal in slots and corners, faster where the
 * contact thins (radial chip thinning keeps the chip above the ploughing limit). */
static void
test_pocket_feeds_follow_engine (void **state)
{
  (void) state;
  Pocket *p = pocket_new ("em-flat-0.2", NULL);
  const CamJobTool *jt = cam_job_tool (p->f.job, p->op->tool);
  CamEngagement eng;
  cam_engagement_init (&eng, CAM_CUT_POCKET);
  eng.tolerance_mm = p->f.job->tolerance_mm;
  CamCutResult nominal;
  assert_true (cam_cutting_recommend (jt->tool, p->f.ctx.material, p->f.ctx.machine, &eng, &nominal, NULL));
  const CamToolpath *tp = p->op->toolpath;
  guint checked = 0, slots = 0, reduced = 0, raised = 0;
  for (guint i = 0; i < tp->moves->len; i++)
    {
      const CamMove *m = cam_toolpath_move (tp, i);
      if (!cam_move_is_cut (m))
        continue;
      assert_true (m->feed_mm_min > 0);
      assert_float_equal (m->rpm, nominal.rpm, 0.5);
      if ((m->flags & (CAM_MOVE_FLAG_AIR | CAM_MOVE_FLAG_PLUNGE)) || !(m->ae_mm > 0))
        continue;
      CamEngagement e;
      cam_engagement_init (&e, m->ae_mm >= 0.95 * jt->tool->d_mm ? CAM_CUT_SLOT
                                : (m->flags & CAM_MOVE_FLAG_FINISH) ? CAM_CUT_FINISH : CAM_CUT_SIDE);
      e.tolerance_mm = p->f.job->tolerance_mm;
      e.ap_mm = m->ap_mm;
      e.ae_mm = CLAMP (m->ae_mm, 1e-4, jt->tool->d_mm); /* the move keeps it as a float */
      e.rpm = nominal.rpm;
      CamCutResult r;
      if (!cam_cutting_recommend (jt->tool, p->f.ctx.material, p->f.ctx.machine, &e, &r, NULL))
        continue;
      double want = r.feed_mm_min;
      if (fabs (m->feed_mm_min - want) > 0.01 * want + 1e-4)
        fail_msg ("move %u: feed %.3f, engine says %.3f (ae %.4f ap %.4f)", i, m->feed_mm_min, want, m->ae_mm,
                  m->ap_mm);
      checked++;
      slots += (m->flags & CAM_MOVE_FLAG_SLOT) != 0;
      reduced += (m->flags & CAM_MOVE_FLAG_FEED_REDUCED) != 0;
      raised += m->feed_mm_min > nominal.feed_mm_min * 1.01;
      assert_true (isfinite (m->deflection_um) && isfinite (m->force_n));
    }
  assert_true (checked > 20);
  assert_true (slots > 0); /* the entry is a full-width cut: seen as such */
  assert_true (reduced > 0);
  assert_true (raised > 0);
  pocket_free (p);
}

/* In 316L the full-width entry and the inside corners load the Ø0.2 tool more than the
 * stepover does: those moves get a lower feed, and no move bends the tool past the allowed
 * deflection (0.5 × tolerance) or goes below the minimum safety factor, unless the engine
 * says no feed can meet them (then the move runs at the engine's slowest). */
static void
test_pocket_feed_drops_where_engagement_rises (void **state)
{
  (void) state;
  Pocket *p = pocket_new_in ("ss316l", "em-flat-0.2", NULL);
  const CamToolpath *tp = p->op->toolpath;
  const CamJobTool *jt = cam_job_tool (p->f.job, p->op->tool);
  double allowed_um = 0.5 * p->f.job->tolerance_mm * 1000;
  guint reduced = 0, light = 0;
  double slot_feed = INFINITY, side_feed = 0;
  for (guint i = 0; i < tp->moves->len; i++)
    {
      const CamMove *m = cam_toolpath_move (tp, i);
      if (!cam_move_is_cut (m) || (m->flags & CAM_MOVE_FLAG_AIR) || !(m->ae_mm > 0))
        continue;
      if (m->flags & CAM_MOVE_FLAG_FEED_REDUCED)
        reduced++;
      if (m->flags & CAM_MOVE_FLAG_SLOT)
        slot_feed = MIN (slot_feed, m->feed_mm_min);
      else if (!(m->flags & CAM_MOVE_FLAG_FINISH) && m->ae_mm < 0.5 * jt->tool->d_mm)
        side_feed = MAX (side_feed, m->feed_mm_min), light++;
      CamEngagement e;
      cam_engagement_init (&e, (m->flags & CAM_MOVE_FLAG_SLOT) ? CAM_CUT_SLOT
                                : (m->flags & CAM_MOVE_FLAG_FINISH) ? CAM_CUT_FINISH : CAM_CUT_SIDE);
      e.tolerance_mm = p->f.job->tolerance_mm;
      e.ap_mm = m->ap_mm;
      e.ae_mm = CLAMP (m->ae_mm, 1e-4, jt->tool->d_mm); /* the move keeps it as a float */
      e.rpm = m->rpm;
      CamCutResult r;
      g_autoptr (GError) err = NULL;
      if (!cam_cutting_recommend (jt->tool, p->f.ctx.material, p->f.ctx.machine, &e, &r, &err))
        fail_msg ("move %u (ap %.4f ae %.4f flags %x): %s", i, m->ap_mm, m->ae_mm, m->flags, err->message);
      gboolean infeasible = (r.warnings & CAM_CUT_WARN_INFEASIBLE) != 0;
      if (!infeasible)
        {
          if (m->deflection_um > allowed_um * 1.01 + 1e-3)
            fail_msg ("move %u: deflection %.3f µm > allowed %.3f", i, m->deflection_um, allowed_um);
          if (m->safety_factor < 2.0 * 0.99)
            fail_msg ("move %u: safety factor %.3f < 2", i, m->safety_factor);
        }
    }
  assert_true (reduced > 0);
  assert_true (light > 0 && isfinite (slot_feed));
  assert_true (slot_feed < side_feed); /* a full slot runs slower than a light side cut */
  pocket_free (p);
}

static void
test_pocket_program_runs_in_rs274 (void **state)
{
  (void) state;
  RS274_REQUIRED ();
  const double island[] = { 7.2, 7.2, 7.8, 7.8 };
  Pocket *p = pocket_new ("em-flat-0.2", island);
  cam_job_join_toolpaths (p->f.job);
  g_autofree char *dir = g_dir_make_tmp ("microcam-pocket-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "pocket.ngc", NULL);
  g_autoptr (GError) error = NULL;
  assert_true (cam_post_write_file (cam_post_linuxcnc (), p->f.job->toolpath, NULL, path, &error));
  g_autofree char *diff = rs274_compare (p->f.job->toolpath, path);
  if (diff)
    fail_msg ("%s", diff);
  g_unlink (path);
  g_rmdir (dir);
  pocket_free (p);
}

/* A tool too big for the region: no toolpath, a warning; a tool that cannot form the
 * corner radius: warning with the area left. */
static void
test_pocket_reports_what_the_tool_cannot_reach (void **state)
{
  (void) state;
  Pocket *p = pocket_new ("em-flat-0.5", NULL);
  gboolean found = FALSE;
  for (guint i = 0; i < p->op->warnings->len; i++)
    found |= strstr (g_ptr_array_index (p->op->warnings, i), "left") != NULL;
  assert_true (found);
  pocket_free (p);
}

/* GEOS fault injection: GEOS calls this before each of its interrupt checks (inside buffers,
 * overlays, validity); requesting an interrupt at every check of a window of calls makes the
 * GEOS operations running then throw, their internal retries (overlay with snapping, buffer
 * at reduced precision) too, so that the C API call fails as on a real TopologyException. */
static guint geos_calls;
static guint geos_fail_at; /* 0: never */
#define GEOS_FAIL_WINDOW 16

static void
geos_fault_callback (void)
{
  geos_calls++;
  if (geos_fail_at > 0 && geos_calls >= geos_fail_at && geos_calls < geos_fail_at + GEOS_FAIL_WINDOW)
    GEOS_interruptRequest ();
}

/* A GEOS failure during generation never passes silently: the operation either fails with a
 * message, or warns that the geometry failed, or (GEOS recovered inside) is the clean result to
 * the bit; a move whose engagement failed is flagged 'engagement unknown', fed and evaluated as
 * a full slot (not air), and the warning counts them. */
static void
test_pocket_geos_failure_is_a_warning_and_a_flagged_move (void **state)
{
  (void) state;
  Pocket *p = pocket_new ("em-flat-0.5", NULL);
  gsize clean_moves = p->op->toolpath->moves->len;
  g_autoptr (GArray) clean = g_array_copy (p->op->toolpath->moves);
  const guint clean_warnings = p->op->warnings->len; /* (what the tool cannot reach) */
  for (guint w = 0; w < clean_warnings; w++)
    assert_null (strstr (g_ptr_array_index (p->op->warnings, w), "GEOS"));
  GEOSInterruptCallback *old = GEOS_interruptRegisterCallback (geos_fault_callback);
  geos_calls = 0, geos_fail_at = 0;
  g_autoptr (GError) error = NULL;
  assert_true (cam_gen_generate (&p->f.ctx, p->op, &error));
  const guint total = geos_calls;
  assert_true (total > 100);
  assert_int_equal (p->op->toolpath->moves->len, clean_moves); /* counting changes nothing */
  guint flagged_runs = 0;
  for (guint i = 1; i < 8; i++)
    {
      geos_calls = 0, geos_fail_at = total * i / 8;
      g_clear_error (&error);
      gboolean ok = cam_gen_generate (&p->f.ctx, p->op, &error);
      GEOS_interruptCancel ();
      assert_true (geos_calls >= geos_fail_at); /* the interrupt was raised */
      if (!ok)
        {
          /* failing the whole operation is allowed, with a message naming it */
          assert_non_null (error);
          assert_non_null (strstr (error->message, p->op->id));
          continue;
        }
      gboolean warned = FALSE;
      guint said = 0;
      for (guint w = 0; w < p->op->warnings->len; w++)
        {
          const char *text = g_ptr_array_index (p->op->warnings, w);
          warned |= strstr (text, "the geometry (GEOS) failed") != NULL;
          const char *e = strstr (text, "the engagement of ");
          if (e)
            said = (guint) strtoul (e + strlen ("the engagement of "), NULL, 10);
        }
      if (!warned)
        {
          /* GEOS recovered by itself (its overlay retries with snapping after an exception):
           * then nothing may differ from the clean run */
          assert_int_equal (p->op->toolpath->moves->len, clean_moves);
          assert_memory_equal (p->op->toolpath->moves->data, clean->data, clean_moves * sizeof (CamMove));
          assert_int_equal (p->op->warnings->len, clean_warnings);
          continue;
        }
      guint flagged = 0;
      for (guint k = 0; k < p->op->toolpath->moves->len; k++)
        {
          const CamMove *m = cam_toolpath_move (p->op->toolpath, k);
          if (!(m->flags & CAM_MOVE_FLAG_UNCHECKED))
            continue;
          flagged++;
          assert_true (cam_move_is_cut (m));
          assert_false (m->flags & CAM_MOVE_FLAG_AIR);
          assert_float_equal (m->ae_mm, 2 * p->R, 1e-6);
          assert_true (m->flags & CAM_MOVE_FLAG_SLOT);
          assert_true (isfinite (m->safety_factor) && m->force_n > 0 && m->deflection_um > 0);
        }
      assert_int_equal (flagged, said);
      flagged_runs += flagged > 0;
    }
  GEOS_interruptRegisterCallback (old);
  geos_fail_at = 0;
  /* the engagement is most of a pocket's geometry: failures land there */
  assert_true (flagged_runs > 0);
  /* and without a failure the same operation is clean again */
  g_clear_error (&error);
  assert_true (cam_gen_generate (&p->f.ctx, p->op, &error));
  assert_int_equal (p->op->warnings->len, clean_warnings);
  for (guint k = 0; k < p->op->toolpath->moves->len; k++)
    assert_false (cam_toolpath_move (p->op->toolpath, k)->flags & CAM_MOVE_FLAG_UNCHECKED);
  pocket_free (p);
}

/* A ring whose four corners lie on one circle a hair under 90° apart (a sharp square ring, its
 * corners not exact in floating point, as the offset rings of an STL's pocket give them): it must
 * stay four straight cuts, never become a 270° arc that sweeps outside the pocket (issue 11:
 * `G3 X0.13 Y2.87 I1.37 J1.37` on a 3 × 3 mm block). */
static void
test_square_ring_is_not_an_arc (void **state)
{
  (void) state;
  OpFixture f;
  op_fixture_init (&f, "al6061", "micro60k", 2.0);
  guint t = op_fixture_tool (&f, "em-flat-0.2");
  CamJobOp *op = cam_job_add_op (f.job, CAM_JOB_OP_POCKET, t);
  g_autoptr (GError) error = NULL;
  CamGenPlan plan;
  assert_true (cam_gen_plan_mill (&f.ctx, op, CAM_CUT_POCKET, 0.02, 0.02, &plan, &error));
  CamGenMill m;
  cam_gen_mill_init (&m, &f.ctx, op, &plan, &error);
  double xy[8];
  for (int k = 0; k < 4; k++)
    {
      double a = (225.0 + k * 89.99) * G_PI / 180.0;
      xy[2 * k] = 1.5 + 1.9375 * cos (a);
      xy[2 * k + 1] = 1.5 + 1.9375 * sin (a);
    }
  cam_gen_mill_set_level (&m, -0.02, 0.02, 0, NULL, NULL);
  cam_gen_mill_rapid (&m, xy[0], xy[1], -0.02);
  cam_gen_mill_ring (&m, xy, 4, 0, 0);
  guint arcs = 0, lines = 0;
  for (guint i = 0; i < m.tp->moves->len; i++)
    {
      const CamMove *mv = cam_toolpath_move (m.tp, i);
      arcs += mv->type == CAM_MOVE_ARC_CW || mv->type == CAM_MOVE_ARC_CCW;
      lines += mv->type == CAM_MOVE_FEED;
    }
  assert_int_equal (arcs, 0);
  assert_int_equal (lines, 4);
  cam_gen_mill_clear (&m);
  cam_gen_plan_clear (&plan);
  op_fixture_clear (&f);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_pocket_does_not_gouge),
    cmocka_unit_test (test_pocket_with_island_does_not_gouge),
    cmocka_unit_test (test_pocket_floor_fully_covered),
    cmocka_unit_test (test_pocket_entry_and_rapids),
    cmocka_unit_test (test_pocket_feeds_follow_engine),
    cmocka_unit_test (test_pocket_feed_drops_where_engagement_rises),
    cmocka_unit_test (test_pocket_program_runs_in_rs274),
    cmocka_unit_test (test_pocket_reports_what_the_tool_cannot_reach),
    cmocka_unit_test (test_pocket_geos_failure_is_a_warning_and_a_flagged_move),
    cmocka_unit_test (test_square_ring_is_not_an_arc),
  };
  return cmocka_run_group_tests (tests, NULL, NULL);
}
