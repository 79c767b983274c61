/* test-physics-published.c — the engine against makers' charts and papers: every row of
 * published-cases.tsv (its kind, material, tool, operation and window) must fall inside its window.
 * All rows are checked and every one outside is listed with its source before the test fails, so a
 * data change shows at once every published case it leaves. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "cam-cutting.h"
#include "cam-library.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static CamLibrary *lib;

/* A spindle that never caps the speed, so the row judges the material's speed, not a machine. */
static CamMachine *
unlimited_spindle (void)
{
  CamMachine *m = cam_machine_copy (cam_library_find_machine (lib, "micro60k"));
  m->rpm_min = 0;
  m->rpm_max = 1e9;
  return m;
}

static gboolean
evaluate_row (char **f, double *value, char **why)
{
  const CamMaterial *mat = cam_library_find_material (lib, f[1]);
  if (mat == NULL)
    return (*why = g_strdup_printf ("no material %s", f[1])), FALSE;
  g_autoptr (GError) error = NULL;
  g_autoptr (CamTool) tool = cam_tool_new_from_spec (f[2], &error);
  if (tool == NULL)
    return (*why = g_strdup_printf ("tool %s: %s", f[2], error->message)), FALSE;
  CamCutKind op;
  if (!cam_cut_kind_from_string (f[3], &op))
    return (*why = g_strdup_printf ("no operation %s", f[3])), FALSE;

  if (strcmp (f[0], "fz_um") == 0)
    *value = cam_material_chip_load (mat, tool->d_mm) * 1000.0;
  else if (strcmp (f[0], "drill_f_um") == 0)
    *value = cam_material_drill_feed (mat, tool->d_mm) * 1000.0;
  else if (strcmp (f[0], "vc") == 0)
    {
      g_autoptr (CamMachine) spindle = unlimited_spindle ();
      double n = cam_feeds_recommended_rpm (tool, mat, spindle, op, NULL, NULL);
      *value = cam_feeds_vc_for_rpm (n, tool->d_mm);
    }
  else if (strcmp (f[0], "ap_d") == 0 || strcmp (f[0], "ra_um") == 0)
    {
      CamEngagement eng;
      cam_engagement_init (&eng, op);
      CamCutResult r;
      if (!cam_cutting_recommend (tool, mat, cam_library_find_machine (lib, "micro60k"), &eng, &r, &error))
        return (*why = g_strdup_printf ("recommend: %s", error->message)), FALSE;
      *value = strcmp (f[0], "ra_um") == 0 ? r.ra_um : r.ap_mm / tool->d_mm;
    }
  else
    return (*why = g_strdup_printf ("unknown kind %s", f[0])), FALSE;
  return TRUE;
}

static void
test_every_published_case_falls_inside (void **state)
{
  (void) state;
  g_autofree char *text = NULL;
  g_autoptr (GError) error = NULL;
  assert_true (g_file_get_contents (CASES_FILE, &text, NULL, &error));
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
  guint rows = 0, outside = 0;
  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (lines[i][0] == '#' || lines[i][0] == '\0')
        continue;
      g_auto (GStrv) f = g_strsplit (lines[i], "\t", -1);
      if (g_strv_length (f) < 7)
        fail_msg ("%s:%u: expected 7 tab-separated fields", CASES_FILE, i + 1);
      double lo = g_ascii_strtod (f[4], NULL), hi = g_ascii_strtod (f[5], NULL);
      double v = NAN;
      g_autofree char *why = NULL;
      rows++;
      if (!evaluate_row (f, &v, &why))
        fail_msg ("%s:%u: %s", CASES_FILE, i + 1, why);
      gboolean inside = isfinite (v) && v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9);
      printf ("%s %-8s %-13s %-28s %-7s %9.4g in [%g, %g]%s\n", inside ? "  " : "!!", f[0], f[1], f[2], f[3],
              v, lo, hi, inside ? "" : "  OUTSIDE");
      if (!inside)
        {
          outside++;
          fprintf (stderr, "%s:%u: %s %s %s %s = %.4g, outside [%g, %g] — %s\n", CASES_FILE, i + 1, f[0],
                   f[1], f[2], f[3], v, lo, hi, f[6]);
        }
    }
  assert_true (rows >= 40);
  if (outside > 0)
    fail_msg ("%u of %u published cases fall outside their windows", outside, rows);
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
    cmocka_unit_test (test_every_published_case_falls_inside),
  };
  return cmocka_run_group_tests (tests, setup, teardown);
}
