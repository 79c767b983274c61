/* test-cam-stock.c — the stock height field and the sweeps of a tool through it (cam/stock/):
 * the engagement a move really has, as the planner defines it (cam/gen/cam-gen-mill.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <math.h>
#include <string.h>

#include "cam-stock-sweep.h"

/* A flat end mill of diameter d as the sweeps see it. */
static CamStockCutter
flat (double d)
{
  CamTool t = { .kind = CAM_TOOL_FLAT, .d_mm = d };
  CamStockCutter c;
  cam_stock_cutter_init (&c, &t);
  return c;
}

static CamStock *
box_stock (double x0, double y0, double x1, double y1, double bottom, double top, double cell)
{
  const double min[3] = { x0, y0, bottom }, max[3] = { x1, y1, top };
  CamStock *s = cam_stock_new (min, max, cell, 0);
  assert_non_null (s);
  return s;
}

static void
line (CamStock *s, const CamStockCutter *c, double x0, double y0, double z0, double x1, double y1, double z1,
      CamStockCut *out)
{
  const double a[3] = { x0, y0, z0 }, b[3] = { x1, y1, z1 };
  cam_stock_sweep_line (s, c, a, b, out);
}

static void
test_slot_is_full_width_at_its_depth (void **state)
{
  (void) state;
  CamStockCutter c = flat (0.2);
  g_autoptr (CamStock) s = box_stock (0, 0, 5, 5, -1, 0, 0.2 / 32);
  CamStockCut cut;
  line (s, &c, 1, 2, -0.05, 4, 2, -0.05, &cut);
  assert_true (cut.cut);
  /* the fresh area of a slot cut from nothing is D·L plus the disc of its two ends */
  double expect_area = 0.2 * 3 + G_PI * 0.01;
  assert_true (fabs (cut.area_mm2 - expect_area) < 0.03 * expect_area);
  assert_true (cut.ae_mm > 0.95 * 0.2 && cut.ae_mm <= 0.2);
  assert_true (fabs (cut.ap_mm - 0.05) < 1e-6);
  assert_true (fabs (cut.volume_mm3 - expect_area * 0.05) < 0.03 * expect_area * 0.05);
  /* the cells under the path are at the slot's floor, outside they keep the top */
  assert_true (fabs (cam_stock_height_at (s, 2.5, 2) + 0.05) < 1e-6);
  assert_true (fabs (cam_stock_height_at (s, 2.5, 2.2)) < 1e-9);
  /* the same pass again cuts nothing */
  line (s, &c, 1, 2, -0.05, 4, 2, -0.05, &cut);
  assert_false (cut.cut);
  assert_true (cut.ae_mm == 0 && cut.volume_mm3 == 0);
  /* a second level under it: full width again, ap the step */
  line (s, &c, 1, 2, -0.08, 4, 2, -0.08, &cut);
  assert_true (cut.ae_mm > 0.95 * 0.2);
  assert_true (fabs (cut.ap_mm - 0.03) < 1e-6);
}

static void
test_parallel_pass_cuts_the_stepover (void **state)
{
  (void) state;
  CamStockCutter c = flat (0.2);
  g_autoptr (CamStock) s = box_stock (0, 0, 5, 5, -1, 0, 0.2 / 32);
  CamStockCut cut;
  line (s, &c, 1, 2, -0.04, 4, 2, -0.04, &cut);
  /* the next pass 0.05 mm over (a quarter of D): ae ≈ s over the length, its ends add a little */
  for (int k = 1; k <= 3; k++)
    {
      double y = 2 + 0.05 * k;
      line (s, &c, 1, y, -0.04, 4, y, -0.04, &cut);
      assert_true (cut.cut);
      assert_true (fabs (cut.ae_mm - 0.05) < 0.01);
      assert_true (fabs (cut.ap_mm - 0.04) < 1e-6);
      assert_true (cut.ae_mm < 0.95 * 0.2); /* side milling for the planner's mapping */
    }
  /* a pass along the middle of what is cut is air */
  line (s, &c, 1.5, 2.1, -0.04, 3.5, 2.1, -0.04, &cut);
  assert_false (cut.cut);
  /* a pass above the stock cuts nothing either */
  line (s, &c, 0, 0, 0.1, 5, 5, 0.1, &cut);
  assert_false (cut.cut);
}

static void
test_plunge_into_cleared_pocket_cuts_nothing (void **state)
{
  (void) state;
  CamStockCutter big = flat (1.0), small = flat (0.2);
  g_autoptr (CamStock) s = box_stock (0, 0, 6, 6, -2, 0, 0.2 / 32);
  CamStockCut cut;
  /* a Ø1 mill clears 2 × 2 mm, 0.3 deep, in passes 0.5 apart */
  for (double y = 2.5; y <= 3.5 + 1e-9; y += 0.5)
    line (s, &big, 2.5, y, -0.3, 3.5, y, -0.3, &cut);
  /* the Ø0.2 plunges into the middle of it: no material under it */
  line (s, &small, 3, 3, 1, 3, 3, -0.3, &cut);
  assert_false (cut.cut);
  assert_true (cut.ae_mm == 0 && cut.ap_mm == 0 && cut.volume_mm3 == 0);
  /* a plunge deeper than the pocket cuts the last 0.1 mm, at full width */
  line (s, &small, 3, 3, -0.3, 3, 3, -0.4, &cut);
  assert_true (cut.cut);
  assert_true (fabs (cut.ap_mm - 0.1) < 1e-6);
  assert_true (fabs (cut.ae_mm - 0.2) < 1e-12);
  double v = G_PI * 0.01 * 0.1;
  assert_true (fabs (cut.volume_mm3 - v) < 0.05 * v);
  /* a plunge outside the stock box cuts nothing */
  line (s, &small, 7, 7, 1, 7, 7, -1, &cut);
  assert_false (cut.cut);
}

static void
test_arc_cuts_its_ring (void **state)
{
  (void) state;
  CamStockCutter c = flat (0.2);
  g_autoptr (CamStock) s = box_stock (-3, -3, 3, 3, -1, 0, 0.2 / 32);
  CamStockCut cut;
  /* a quarter circle of radius 1 CCW from (1, 0) to (0, 1), 0.05 deep */
  const double a[3] = { 1, 0, -0.05 }, b[3] = { 0, 1, -0.05 };
  cam_stock_sweep_arc (s, &c, a, b, 0, 0, G_PI / 2, &cut);
  assert_true (cut.cut);
  /* the ring's quarter (2πr·D/4) and the disc of its two ends */
  double area = G_PI / 2 * 0.2 + G_PI * 0.01;
  assert_true (fabs (cut.area_mm2 - area) < 0.03 * area);
  assert_true (cut.ae_mm > 0.95 * 0.2);
  assert_true (fabs (cut.ap_mm - 0.05) < 1e-6);
  /* on the arc the floor is cut, off its sweep it is not */
  assert_true (fabs (cam_stock_height_at (s, cos (G_PI / 4), sin (G_PI / 4)) + 0.05) < 1e-6);
  assert_true (cam_stock_height_at (s, -1, 0) == 0);
  assert_true (cam_stock_height_at (s, 0, 0) == 0);
  /* a full helical turn inside the cut quarter and beyond, descending 0.05: the last of it is
   * deepest where it ends */
  const double h0[3] = { 1, 0, -0.05 }, h1[3] = { 1, 0, -0.1 };
  cam_stock_sweep_arc (s, &c, h0, h1, 0, 0, 2 * G_PI, &cut);
  assert_true (cut.cut);
  assert_true (fabs (cam_stock_height_at (s, 1, 0) + 0.1) < 2e-3);
  assert_true (fabs (cam_stock_height_at (s, -1, 0) + 0.075) < 2e-3); /* halfway down at half the turn */
  /* the first quarter clockwise, from (0, 1) back to (1, 0), at its own depth: already cut */
  const double c0[3] = { 0, 1, -0.05 }, c1[3] = { 1, 0, -0.05 };
  cam_stock_sweep_arc (s, &c, c0, c1, 0, 0, -G_PI / 2, &cut);
  assert_true (cut.volume_mm3 < 1e-4);
}

static void
test_tool_shapes (void **state)
{
  (void) state;
  CamTool ball = { .kind = CAM_TOOL_BALL, .d_mm = 1 };
  CamTool bull = { .kind = CAM_TOOL_BULL, .d_mm = 1, .corner_r_mm = 0.1 };
  CamTool drill = { .kind = CAM_TOOL_DRILL, .d_mm = 1, .point_angle_deg = 90 };
  CamStockCutter cb, cu, cd;
  cam_stock_cutter_init (&cb, &ball);
  cam_stock_cutter_init (&cu, &bull);
  cam_stock_cutter_init (&cd, &drill);
  assert_true (fabs (cam_stock_cutter_height (&cb, 0.5) - 0.5) < 1e-12);
  assert_true (fabs (cam_stock_cutter_height (&cb, 0.3) - (0.5 - 0.4)) < 1e-12);
  assert_true (cam_stock_cutter_height (&cu, 0.4) == 0);
  assert_true (fabs (cam_stock_cutter_height (&cu, 0.5) - 0.1) < 1e-6);
  assert_true (fabs (cam_stock_cutter_height (&cd, 0.25) - 0.25) < 1e-12); /* 90°: rises 1 per 1 */
  assert_true (isinf (cam_stock_cutter_height (&cd, 0.6)));
  /* a 90° drill plunged 1 mm: a cone then the cylinder, V = πR²(1 − R) + πR³/3 */
  g_autoptr (CamStock) s = box_stock (-2, -2, 2, 2, -3, 0, 1.0 / 32);
  CamStockCut cut;
  line (s, &cd, 0, 0, 1, 0, 0, -1, &cut);
  double v = G_PI * 0.25 * 0.5 + G_PI * 0.125 / 3;
  assert_true (fabs (cut.volume_mm3 - v) < 0.03 * v);
  assert_true (fabs (cut.ap_mm - 1) < 0.03); /* the cell nearest the point is off its axis */
  assert_true (fabs (cam_stock_height_at (s, 0.25, 0) - (-1 + 0.25)) < 0.04);
  /* a ball ramp: the groove's floor is the ball's tip height along the ramp */
  g_autoptr (CamStock) r = box_stock (-2, -2, 2, 2, -3, 0, 1.0 / 32);
  line (r, &cb, -1, 0, 0, 1, 0, -0.2, &cut);
  assert_true (cut.cut);
  assert_true (fabs (cam_stock_height_at (r, 0, 0) + 0.1) < 0.01);
  /* the box bottom: nothing below it is material */
  g_autoptr (CamStock) thin = box_stock (-2, -2, 2, 2, -0.5, 0, 1.0 / 32);
  line (thin, &cd, 0, 0, 1, 0, 0, -2, &cut);
  assert_true (fabs (cut.ap_mm - 0.5) < 1e-6);
  assert_true (cam_stock_height_at (thin, 0, 0) == -0.5);
}

static void
test_sparse_stock_stays_small (void **state)
{
  (void) state;
  /* 1 m × 1 m at 1 µm cells would be 10¹² cells: only the tiles a tool touches are made */
  const double min[3] = { -500, -500, -10 }, max[3] = { 500, 500, 0 };
  g_autoptr (CamStock) s = cam_stock_new (min, max, 1e-3, G_GUINT64_CONSTANT (1) << 24);
  assert_non_null (s);
  assert_true (cam_stock_n_cells (s) == 0);
  CamStockCutter c = flat (0.032);
  CamStockCut cut;
  for (int k = 0; k < 4; k++)
    {
      double x = -400 + 250 * k;
      line (s, &c, x, x, -0.01, x + 0.5, x, -0.01, &cut);
      assert_true (cut.cut);
      assert_true (cut.ae_mm > 0.9 * 0.032);
    }
  /* four 0.53 × 0.032 mm grooves: a handful of 64 × 64 tiles each, never the box */
  guint64 cells = cam_stock_n_cells (s);
  assert_true (cells > 0 && cells <= 4 * 12 * CAM_STOCK_TILE * CAM_STOCK_TILE);
  assert_false (cam_stock_saturated (s));
  /* an unbounded stock makes tiles where it is touched, at the top, negative indices too */
  const double umin[3] = { -INFINITY, -INFINITY, -INFINITY }, umax[3] = { INFINITY, INFINITY, 0 };
  g_autoptr (CamStock) u = cam_stock_new (umin, umax, 0.01, 2 * CAM_STOCK_TILE * CAM_STOCK_TILE);
  assert_non_null (u);
  line (u, &c, -1e4, -1e4, -0.01, -1e4 + 0.1, -1e4, -0.01, &cut);
  assert_true (cut.cut);
  assert_true (cam_stock_height_at (u, 3e5, -7e5) == 0);
  /* the cap: a third tile is refused and said so, its cells read as uncut stock */
  line (u, &c, 1e4, 1e4, -0.01, 1e4 + 0.1, 1e4, -0.01, &cut);
  line (u, &c, 2e4, 2e4, -0.01, 2e4 + 0.1, 2e4, -0.01, &cut);
  line (u, &c, 3e4, 3e4, -0.01, 3e4 + 0.1, 3e4, -0.01, &cut);
  assert_true (cam_stock_n_cells (u) <= 2 * CAM_STOCK_TILE * CAM_STOCK_TILE);
  assert_true (cam_stock_saturated (u));
  /* the cell size for a program: D/32, ≥ 1 µm, coarser when the region would pass the cap */
  gboolean coarse = TRUE;
  assert_true (fabs (cam_stock_cell_size (0.2, 100, 1u << 24, &coarse) - 0.2 / 32) < 1e-15);
  assert_false (coarse);
  assert_true (cam_stock_cell_size (0.01, 1, 1u << 24, NULL) == CAM_STOCK_MIN_CELL_MM);
  double cell = cam_stock_cell_size (0.2, 1e4, 1u << 20, &coarse);
  assert_true (coarse);
  assert_true (1e4 / (cell * cell) <= (double) (1u << 20) * 1.0001);
  /* a box with no volume is refused */
  const double flat_min[3] = { 0, 0, 0 }, flat_max[3] = { 1, 1, 0 };
  assert_null (cam_stock_new (flat_min, flat_max, 0.01, 0));
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_slot_is_full_width_at_its_depth),
    cmocka_unit_test (test_parallel_pass_cuts_the_stepover),
    cmocka_unit_test (test_plunge_into_cleared_pocket_cuts_nothing),
    cmocka_unit_test (test_arc_cuts_its_ring),
    cmocka_unit_test (test_tool_shapes),
    cmocka_unit_test (test_sparse_stock_stays_small),
  };
  return cmocka_run_group_tests (tests, NULL, NULL);
}
