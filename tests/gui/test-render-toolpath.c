/* test-render-toolpath.c — toolpath overlays without a display: the colour scales, the
 * legend, the line layers (segment counts, rapids apart), picking and the tooltip text. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <string.h>

#include "render-toolpath.h"

static CamToolpath *
sample (void)
{
  CamToolpath *tp = cam_toolpath_new ();
  tp->start[2] = 2;
  CamMove r = cam_move_init (CAM_MOVE_RAPID, 1, 1, 2);
  cam_toolpath_append (tp, &r);
  CamMove f = cam_move_init (CAM_MOVE_FEED, 2, 1, -0.1);
  f.feed_mm_min = 100, f.deflection_um = 1.0f, f.safety_factor = 6, f.ra_um = 0.2f;
  cam_toolpath_append (tp, &f);
  CamMove a = cam_move_init (CAM_MOVE_ARC_CCW, 1, 1, -0.1);
  a.cx = 1.5, a.cy = 1;
  a.feed_mm_min = 50, a.deflection_um = 9.0f, a.safety_factor = 1.2f, a.ra_um = 2.0f;
  a.op_index = 1;
  a.flags = CAM_MOVE_FLAG_FEED_REDUCED;
  cam_toolpath_append (tp, &a);
  CamMove c = cam_move_init (CAM_MOVE_CYCLE, 3, 3, -0.5);
  c.cycle = CAM_CYCLE_PECK, c.r_z = 0.2, c.q_mm = 0.2, c.feed_mm_min = 20;
  c.op_index = 2;
  cam_toolpath_append (tp, &c);
  return tp;
}

static void
test_overlay_words (void **state)
{
  (void) state;
  const char *w[] = { "type", "feed", "deflection", "finish", "safety", "operation" };
  for (guint i = 0; i < G_N_ELEMENTS (w); i++)
    {
      RenderOverlay o;
      assert_true (render_overlay_from_string (w[i], &o));
      assert_string_equal (render_overlay_to_string (o), w[i]);
    }
  RenderOverlay o;
  assert_false (render_overlay_from_string ("rainbow", &o));
}

/* Deflection: within the allowed value greenish, beyond it red; unknown grey. */
static void
test_deflection_scale_against_tolerance (void **state)
{
  (void) state;
  g_autoptr (CamToolpath) tp = sample ();
  RenderToolpathLegend l;
  render_toolpath_legend (tp, RENDER_OVERLAY_DEFLECTION, 0.01, 0.8, &l);
  assert_string_equal (l.unit, "µm");
  assert_float_equal (l.limit, 5.0, 1e-9); /* 0.5 × 10 µm */
  float ok[4], bad[4], unknown[4];
  render_toolpath_colour (cam_toolpath_move (tp, 1), &l, ok);
  render_toolpath_colour (cam_toolpath_move (tp, 2), &l, bad);
  render_toolpath_colour (cam_toolpath_move (tp, 3), &l, unknown);
  assert_true (ok[1] > ok[0]);   /* green dominates */
  assert_true (bad[0] > bad[1]); /* red dominates */
  assert_float_equal (unknown[0], unknown[1], 1e-6); /* grey */
  /* the safety scale runs the other way: a low factor is red */
  render_toolpath_legend (tp, RENDER_OVERLAY_SAFETY, 0.01, 0.8, &l);
  render_toolpath_colour (cam_toolpath_move (tp, 1), &l, ok);
  render_toolpath_colour (cam_toolpath_move (tp, 2), &l, bad);
  assert_true (ok[1] > ok[0] && bad[0] > bad[1]);
  /* feed: the range of the toolpath's own cutting feeds */
  render_toolpath_legend (tp, RENDER_OVERLAY_FEED, 0.01, 0.8, &l);
  assert_float_equal (l.value[0], 20, 1e-9);
  assert_float_equal (l.value[l.n_stops - 1], 100, 1e-9);
  assert_string_equal (l.unit, "mm/min");
}

static void
test_fill_puts_rapids_apart_and_expands_cycles (void **state)
{
  (void) state;
  g_autoptr (CamToolpath) tp = sample ();
  RenderToolpathLegend l;
  render_toolpath_legend (tp, RENDER_OVERLAY_TYPE, 0.01, 0.8, &l);
  assert_true (l.categorical);
  g_autoptr (RenderLines) cuts = render_lines_new ();
  g_autoptr (RenderLines) rapids = render_lines_new ();
  double off[3] = { 0, 0, 2 };
  gsize n = render_toolpath_fill (tp, off, RENDER_OVERLAY_TYPE, &l, G_MAXSIZE, cuts, rapids);
  assert_int_equal (n, render_lines_get_n_segments (cuts) + render_lines_get_n_segments (rapids));
  /* G83 from R0.2 to -0.5 by 0.2: feeds to 0, -0.2, -0.4, -0.5 with retracts: rapids > 4 */
  assert_true (render_lines_get_n_segments (rapids) > 6);
  /* the half-circle arc of radius 0.5 within 1 µm chords: many segments */
  assert_true (render_lines_get_n_segments (cuts) > 20);
  /* playback: fewer moves, fewer segments */
  g_autoptr (RenderLines) c2 = render_lines_new ();
  g_autoptr (RenderLines) r2 = render_lines_new ();
  gsize n2 = render_toolpath_fill (tp, off, RENDER_OVERLAY_TYPE, &l, 2, c2, r2);
  assert_int_equal (n2, 2);
}

static void
test_pick_and_describe (void **state)
{
  (void) state;
  g_autoptr (CamToolpath) tp = sample ();
  double off[3] = { 0, 0, 2 };
  double p[3] = { 1.5, 1.5 - 0.001, 1.9 }; /* top of the CCW half circle, model Z = work −0.1 + 2 */
  assert_int_equal (render_toolpath_nearest_move (tp, off, p), 2);
  g_autofree char *d = render_toolpath_describe_move (cam_toolpath_move (tp, 2));
  assert_non_null (strstr (d, "G3"));
  assert_non_null (strstr (d, "F50.0 mm/min"));
  assert_non_null (strstr (d, "deflection 9.00 µm"));
  assert_non_null (strstr (d, "SF 1.2"));
  assert_non_null (strstr (d, "feed reduced"));
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_overlay_words),
    cmocka_unit_test (test_deflection_scale_against_tolerance),
    cmocka_unit_test (test_fill_puts_rapids_apart_and_expands_cycles),
    cmocka_unit_test (test_pick_and_describe),
  };
  return cmocka_run_group_tests (tests, NULL, NULL);
}
