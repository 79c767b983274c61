/* test-render-grid.c — grid spacing and scale-bar labels (no GL, no display). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "render/render-grid.h"

static void
test_nice_step_is_one_two_five (void **state)
{
  (void) state;
  assert_float_equal (render_grid_nice_step (0.5), 0.5, 1e-12);
  assert_float_equal (render_grid_nice_step (0.7), 0.5, 1e-12);
  assert_float_equal (render_grid_nice_step (1.43), 1.0, 1e-12);
  assert_float_equal (render_grid_nice_step (3.9), 2.0, 1e-12);
  assert_float_equal (render_grid_nice_step (120.0), 100.0, 1e-9);
  assert_float_equal (render_grid_nice_step (0.0042), 0.002, 1e-15);
  assert_float_equal (render_grid_nice_step (0.0), 1.0, 1e-12);
}

static void
test_scale_label_reads_um_below_a_millimetre (void **state)
{
  (void) state;
  static const struct { double mm; const char *text; } cases[] = {
    { 0.5, "500 µm" }, { 0.05, "50 µm" }, { 0.002, "2 µm" }, { 0.0005, "0.5 µm" },
    { 1.0, "1 mm" }, { 2.0, "2 mm" }, { 20.0, "20 mm" },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = render_grid_format_length (cases[i].mm);
      assert_string_equal (text, cases[i].text);
    }
}

static void
test_grid_spacing_follows_part_size (void **state)
{
  (void) state;
  /* a 10 × 10 mm plate: 1 mm grid; a Ø0.5 mm pin: 50 µm grid */
  CamBounds plate = { { 0, 0, 0 }, { 10, 10, 2 } };
  CamBounds pin = { { -0.25, -0.25, 0 }, { 0.25, 0.25, 1 } };
  CamBounds ext;
  g_autoptr (RenderGrid) grid = render_grid_new ();
  render_grid_set_bounds (grid, &plate);
  assert_float_equal (render_grid_get_spacing (grid), 1.0, 1e-12);
  render_grid_get_extent (grid, &ext);
  assert_true (ext.min[0] <= -1.0 && ext.max[0] >= 11.0);
  assert_float_equal (ext.min[2], 0.0, 1e-12);
  render_grid_set_bounds (grid, &pin);
  assert_float_equal (render_grid_get_spacing (grid), 0.05, 1e-12);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_nice_step_is_one_two_five),
    cmocka_unit_test (test_scale_label_reads_um_below_a_millimetre),
    cmocka_unit_test (test_grid_spacing_follows_part_size),
  };
  return cmocka_run_group_tests (tests, NULL, NULL);
}
