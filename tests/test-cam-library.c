/* test-cam-library.c — the material, tool and machine libraries: the shipped data loads whole,
 * with its sources; malformed entries warn with file, entry and field while the rest loads; the
 * user's config dir overlays the built-in data. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "cam-error.h"
#include "cam-library.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

static void
test_shipped_libraries_load_without_warnings (void **state)
{
  (void) state;
  g_autoptr (CamLibrary) lib = cam_library_new_with_config_dir (NULL);
  const GPtrArray *w = cam_library_get_warnings (lib);
  for (guint i = 0; i < w->len; i++)
    print_error ("warning: %s\n", (const char *) g_ptr_array_index (w, i));
  assert_int_equal (w->len, 0);
  const char *materials[] = { "ss316l", "ti6al4v", "h13-50hrc", "h13-annealed", "cu-c110", "al6061", "peek", "pom", "ptfe" };
  for (guint i = 0; i < G_N_ELEMENTS (materials); i++)
    {
      const CamMaterial *m = cam_library_find_material (lib, materials[i]);
      if (m == NULL)
        fail_msg ("material %s missing", materials[i]);
      /* Every data group cites its source. */
      assert_true (m->sources->len >= 8);
      assert_true (m->kc11_n_mm2 > 0 && m->mc > 0 && m->hmin_ratio > 0 && m->chip_load.n >= 3);
      assert_true (m->vc_carbide_max >= m->vc_carbide_min && m->vc_carbide_min > 0);
      assert_true (strlen (m->coolant) > 0);
    }
  const CamMachine *m60 = cam_library_find_machine (lib, "micro60k");
  const CamMachine *m24 = cam_library_find_machine (lib, "std24k");
  assert_non_null (m60);
  assert_non_null (m24);
  assert_true (m60->rpm_max == 60000 && m24->rpm_max == 24000);
  double dmin = 1e9, dmax = 0;
  for (guint i = 0; i < cam_library_n_tools (lib); i++)
    {
      const CamTool *t = cam_library_get_tool (lib, i);
      assert_non_null (t->id);
      assert_non_null (t->source);
      dmin = MIN (dmin, t->d_mm);
      dmax = MAX (dmax, t->d_mm);
    }
  assert_true (dmin <= 0.05 + 1e-12 && dmax >= 3.0 - 1e-12);
  assert_true (fabs (cam_library_smallest_drill_mm (lib) - 0.05) < 1e-12);
  g_autoptr (CamLibrary) empty = cam_library_new ();
  assert_true (cam_library_smallest_drill_mm (empty) == 0);
}

static void
test_malformed_entries_warn_and_the_rest_loads (void **state)
{
  (void) state;
  g_autoptr (CamLibrary) lib = cam_library_new ();
  const char *doc =
    "{\"machines\": ["
    "  {\"id\": \"good\", \"rpm_max\": 30000, \"power_w\": 200, \"max_feed_mm_min\": 3000},"
    "  {\"id\": \"badpower\", \"rpm_max\": 30000, \"power_w\": \"lots\", \"max_feed_mm_min\": 3000},"
    "  {\"id\": \"norpm\", \"power_w\": 100, \"max_feed_mm_min\": 3000},"
    "  42"
    "]}";
  assert_true (cam_library_load_data (lib, CAM_LIBRARY_MACHINES, doc, -1, "shop.json", NULL));
  assert_non_null (cam_library_find_machine (lib, "good"));
  assert_null (cam_library_find_machine (lib, "badpower"));
  const GPtrArray *w = cam_library_get_warnings (lib);
  assert_int_equal (w->len, 3);
  const char *w0 = g_ptr_array_index (w, 0);
  assert_non_null (strstr (w0, "shop.json"));
  assert_non_null (strstr (w0, "machines[1]"));
  assert_non_null (strstr (w0, "badpower"));
  assert_non_null (strstr (w0, "power_w"));
  assert_non_null (strstr (g_ptr_array_index (w, 1), "rpm_max"));

  /* A material with a nested bad field names the group and field. */
  const char *mdoc = "{\"materials\": [{\"id\": \"m\", \"hardness\": {\"hb\": 100}, \"cutting_speed\": {\"carbide_m_min\": [100, 50]}}]}";
  assert_true (cam_library_load_data (lib, CAM_LIBRARY_MATERIALS, mdoc, -1, "mat.json", NULL));
  const char *wm = g_ptr_array_index (w, w->len - 1);
  assert_non_null (strstr (wm, "mat.json"));
  assert_non_null (strstr (wm, "cutting_speed"));
  assert_non_null (strstr (wm, "carbide_m_min"));

  /* Not JSON at all: an error naming the file. */
  g_autoptr (GError) error = NULL;
  assert_false (cam_library_load_data (lib, CAM_LIBRARY_TOOLS, "{oops", -1, "broken.json", &error));
  assert_non_null (strstr (error->message, "broken.json"));
  g_autoptr (GError) e2 = NULL;
  assert_false (cam_library_load_data (lib, CAM_LIBRARY_TOOLS, "{\"machines\": []}", -1, "wrong.json", &e2));
  assert_non_null (strstr (e2->message, "\"tools\""));
}

static void
test_user_config_dir_overlays_builtin (void **state)
{
  (void) state;
  g_autofree char *dir = g_dir_make_tmp ("microcam-lib-XXXXXX", NULL);
  assert_non_null (dir);
  g_autofree char *mdir = g_build_filename (dir, "microcam", "machines", NULL);
  g_autofree char *tdir = g_build_filename (dir, "microcam", "tools", NULL);
  assert_int_equal (g_mkdir_with_parents (mdir, 0755), 0);
  assert_int_equal (g_mkdir_with_parents (tdir, 0755), 0);
  g_autofree char *mfile = g_build_filename (mdir, "shop.json", NULL);
  g_autofree char *tfile = g_build_filename (tdir, "mine.json", NULL);
  assert_true (g_file_set_contents (mfile,
    "{\"machines\": [{\"id\": \"micro60k\", \"name\": \"Our 60k\", \"rpm_max\": 50000, \"power_w\": 300,"
    " \"max_feed_mm_min\": 4000}, {\"id\": \"kern\", \"rpm_max\": 50000, \"power_w\": 1000, \"max_feed_mm_min\": 8000}]}",
    -1, NULL));
  assert_true (g_file_set_contents (tfile, "{\"tools\": [{\"id\": \"t1\", \"kind\": \"ball\", \"d\": 0.3}, "
                                           "{\"id\": \"t2\", \"kind\": \"flat\", \"d\": -1}]}", -1, NULL));
  g_autoptr (CamLibrary) lib = cam_library_new_with_config_dir (dir);
  const CamMachine *m = cam_library_find_machine (lib, "micro60k");
  assert_string_equal (m->name, "Our 60k");
  assert_true (m->rpm_max == 50000);
  assert_non_null (cam_library_find_machine (lib, "kern"));
  assert_non_null (cam_library_find_machine (lib, "std24k"));
  assert_non_null (cam_library_find_tool (lib, "t1"));
  assert_null (cam_library_find_tool (lib, "t2"));
  const GPtrArray *w = cam_library_get_warnings (lib);
  assert_int_equal (w->len, 1);
  assert_non_null (strstr (g_ptr_array_index (w, 0), "mine.json"));
  assert_non_null (strstr (g_ptr_array_index (w, 0), "t2"));
  g_remove (mfile);
  g_remove (tfile);
  g_rmdir (mdir);
  g_rmdir (tdir);
  g_autofree char *mc = g_build_filename (dir, "microcam", NULL);
  g_rmdir (mc);
  g_rmdir (dir);
}

static void
test_tables_interpolate_and_scale_below (void **state)
{
  (void) state;
  CamDiameterTable t = { 3, { 0.1, 1.0, 3.0 }, { 0.001, 0.01, 0.02 } };
  assert_true (fabs (cam_diameter_table_lookup (&t, 0.05) - 0.0005) < 1e-15);   /* ∝ D below */
  assert_true (fabs (cam_diameter_table_lookup (&t, 0.55) - 0.0055) < 1e-15);
  assert_true (fabs (cam_diameter_table_lookup (&t, 2.0) - 0.015) < 1e-15);
  assert_true (fabs (cam_diameter_table_lookup (&t, 5.0) - 0.02) < 1e-15);
  assert_true (cam_diameter_table_lookup (&t, -1) == 0);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_shipped_libraries_load_without_warnings),
    cmocka_unit_test (test_malformed_entries_warn_and_the_rest_loads),
    cmocka_unit_test (test_user_config_dir_overlays_builtin),
    cmocka_unit_test (test_tables_interpolate_and_scale_below),
  };
  return cmocka_run_group_tests (tests, NULL, NULL);
}
