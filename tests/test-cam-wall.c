/* test-cam-wall.c — the thin-wall cantilever model against a hand calculation, and the
 * Young's moduli of the material library. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "cam-wall.h"
#include "cam-library.h"

#include <math.h>

static CamLibrary *lib;

#define assert_close(a, b, tol) assert_true (fabs ((a) - (b)) <= (tol))

/* The 316L wall, 0.08 × 1 × 2 mm. By hand: b = min(0.1 + 2·1, 2) = 2 mm,
 * I = 2·0.08³/12 = 8.5333e-5 mm⁴, k = 3·193000·I/1³ = 49.408 N/mm, so 1 N → 20.24 µm. */
static void
test_cantilever_by_hand (void **state)
{
  (void) state;
  CamWall w = { .thickness_mm = 0.08, .height_mm = 1.0, .length_mm = 2.0, .young_gpa = 193 };
  assert_close (cam_wall_effective_width_mm (&w, 0.1), 2.0, 1e-12);
  assert_close (cam_wall_deflection_mm (&w, 1.0, 0.1) * 1000.0, 20.239, 0.01);
  assert_close (cam_wall_allowed_force_n (&w, 0.010, 0.1), 0.49408, 1e-4);
  /* δ ∝ h³ / t³: double height on a long wall (width not capped) → 8× over 2h+c width ratio */
  CamWall a = { 0.1, 1.0, 100.0, 200 }, b = { 0.1, 2.0, 100.0, 200 };
  double ra = cam_wall_deflection_mm (&b, 1, 0) / cam_wall_deflection_mm (&a, 1, 0);
  assert_close (ra, 8.0 * 2.0 / 4.0, 1e-9);
  /* nonsense gives NaN, not a number that looks safe */
  CamWall bad = { 0, 1, 2, 193 };
  assert_true (isnan (cam_wall_deflection_mm (&bad, 1, 0.1)));
}

static void
test_every_material_has_a_modulus (void **state)
{
  (void) state;
  const char *ids[] = { "ss316l", "ti6al4v", "h13-50hrc", "h13-annealed", "cu-c110", "al6061",
                        "peek", "pom", "ptfe" };
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      const CamMaterial *m = cam_library_find_material (lib, ids[i]);
      assert_non_null (m);
      assert_true (m->young_gpa > 0.1 && m->young_gpa < 500);
    }
  assert_close (cam_library_find_material (lib, "ss316l")->young_gpa, 193, 1e-9);
  /* POM and PTFE are different materials: a PTFE wall is far softer */
  assert_true (cam_library_find_material (lib, "ptfe")->young_gpa
               < 0.5 * cam_library_find_material (lib, "pom")->young_gpa);
}

static int
setup (void **state)
{
  (void) state;
  lib = cam_library_new_with_config_dir (NULL);
  return cam_library_get_warnings (lib)->len == 0 ? 0 : -1;
}

static int
teardown (void **state)
{
  (void) state;
  g_clear_pointer (&lib, cam_library_free);
  return 0;
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_cantilever_by_hand),
    cmocka_unit_test (test_every_material_has_a_modulus),
  };
  return cmocka_run_group_tests (tests, setup, teardown);
}
