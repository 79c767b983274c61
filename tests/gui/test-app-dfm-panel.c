/* test-app-dfm-panel.c — the DFM panel on a real display (run under run-in-xvfb.sh), with a
 * 3D view that is never shown (camera maths only, no GL): the analysis runs in its thread
 * and gives the same findings as the engine, selecting a finding flies the camera to it
 * and highlights it, hovering a hole describes it, settings re-run the review. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <math.h>
#include <string.h>

#include "app-dfm-panel.h"
#include "geos-work-gate.h"
#include "render-markers.h"

static CamMesh *plate;

static void
wait_idle (AppDfmPanel *p)
{
  gint64 until = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  while (app_dfm_panel_is_busy (p) && g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, TRUE);
  assert_false (app_dfm_panel_is_busy (p));
}

static void
test_findings_match_the_engine (void **state)
{
  (void) state;
  GtkWidget *w = g_object_ref_sink (app_dfm_panel_new (NULL));
  AppDfmPanel *p = APP_DFM_PANEL (w);
  assert_null (app_dfm_panel_get_report (p));
  app_dfm_panel_set_mesh (p, plate);
  assert_true (app_dfm_panel_is_busy (p));
  wait_idle (p);
  const CamDfmReport *r = app_dfm_panel_get_report (p);
  assert_non_null (r);
  assert_int_equal (cam_feature_set_count (app_dfm_panel_get_features (p), CAM_FEATURE_HOLE), 16);
  assert_int_equal (r->n_errors, 0);
  assert_int_equal (cam_dfm_report_count (r, "hole-peck", NULL), 1);
  assert_non_null (strstr (app_dfm_panel_get_status (p), "0 error(s)"));
  /* a tighter finish re-runs the review */
  app_dfm_panel_set_finish (p, 0.3);
  wait_idle (p);
  assert_int_equal (cam_dfm_report_count (app_dfm_panel_get_report (p), "finish-polish", NULL), 1);
  /* another material */
  assert_true (app_dfm_panel_select_material (p, "h13-50hrc"));
  wait_idle (p);
  assert_int_equal (cam_dfm_report_count (app_dfm_panel_get_report (p), "hole-hard-material", NULL), 1);
  assert_false (app_dfm_panel_select_material (p, "unobtainium"));
  /* the report button's work */
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("dfm-panel-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "r.html", NULL);
  assert_true (app_dfm_panel_save_report (p, path, &error));
  g_autofree char *html = NULL;
  assert_true (g_file_get_contents (path, &html, NULL, NULL));
  assert_non_null (strstr (html, "hole-hard-material"));
  g_remove (path);
  g_rmdir (dir);
  g_object_unref (w);
}

/* Cancel pressed while the analysis is under way (its worker held at its first piece of geometry
 * work, so the press can neither come too late nor too early): no findings are installed, the
 * status says so, and the worker stopped far short of the geometry work of a full analysis. */
static void
test_cancel_stops_the_analysis (void **state)
{
  (void) state;
  /* a dome: 30 bands to slice, looked at for Cancel before each */
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (g_getenv ("MICROCAM_SOURCE_DIR"), "tests", "data", "dfm_dome.stl", NULL);
  g_autoptr (CamMesh) dome = cam_mesh_load_file (path, NULL, NULL, NULL, &error);
  assert_non_null (dome);

  GtkWidget *w = g_object_ref_sink (app_dfm_panel_new (NULL));
  AppDfmPanel *p = APP_DFM_PANEL (w);
  geos_work_gate_start (FALSE);
  app_dfm_panel_set_mesh (p, dome);
  wait_idle (p);
  const guint full_work = geos_work_gate_stop ();
  assert_non_null (app_dfm_panel_get_report (p));
  assert_true (full_work > 1000); /* else the count measures nothing */
  g_object_unref (w);

  w = g_object_ref_sink (app_dfm_panel_new (NULL));
  p = APP_DFM_PANEL (w);
  geos_work_gate_start (TRUE);
  app_dfm_panel_set_mesh (p, dome);
  assert_true (geos_work_gate_wait_held ());
  assert_true (app_dfm_panel_is_busy (p));
  app_dfm_panel_cancel (p);
  geos_work_gate_release ();
  wait_idle (p);
  const guint work = geos_work_gate_stop ();
  print_message ("geometry work: full analysis %u, cancelled one %u\n", full_work, work);
  assert_null (app_dfm_panel_get_report (p));
  assert_null (app_dfm_panel_get_features (p));
  assert_non_null (strstr (app_dfm_panel_get_status (p), "cancelled"));
  assert_true (work < full_work / 20);
  g_object_unref (w);
}

/* Opening another part while the analysis runs: the old part's findings, markers and outlines go
 * at once (they would be drawn over the new part), the running analysis is dropped, and what
 * shows at the end is the newest part's. */
static void
test_new_part_clears_the_old_results_at_once (void **state)
{
  (void) state;
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (g_getenv ("MICROCAM_SOURCE_DIR"), "tests", "data", "dfm_dome.stl", NULL);
  g_autoptr (CamMesh) dome = cam_mesh_load_file (path, NULL, NULL, NULL, &error);
  assert_non_null (dome);
  GtkWidget *w = g_object_ref_sink (app_dfm_panel_new (NULL));
  AppDfmPanel *p = APP_DFM_PANEL (w);
  app_dfm_panel_set_mesh (p, plate);
  wait_idle (p);
  assert_non_null (app_dfm_panel_get_report (p));
  assert_true (app_dfm_panel_count_overlays (p) > 0);

  /* the dome's analysis is held inside its geometry work: the plate's results are gone already */
  geos_work_gate_start (TRUE);
  app_dfm_panel_set_mesh (p, dome);
  assert_true (geos_work_gate_wait_held ());
  assert_true (app_dfm_panel_is_busy (p));
  assert_null (app_dfm_panel_get_report (p));
  assert_null (app_dfm_panel_get_features (p));
  assert_int_equal (app_dfm_panel_count_overlays (p), 0);

  /* and another part before the dome's analysis ends: that one is what shows */
  g_autoptr (CamMesh) other = cam_mesh_ref (plate);
  app_dfm_panel_set_mesh (p, NULL);
  assert_int_equal (app_dfm_panel_count_overlays (p), 0);
  app_dfm_panel_set_mesh (p, other);
  geos_work_gate_release ();
  wait_idle (p);
  geos_work_gate_stop ();
  assert_non_null (app_dfm_panel_get_report (p));
  assert_int_equal (cam_feature_set_count (app_dfm_panel_get_features (p), CAM_FEATURE_HOLE), 16);
  assert_true (app_dfm_panel_count_overlays (p) > 0);
  g_object_unref (w);
}

static void
test_selecting_a_finding_flies_the_camera_and_highlights (void **state)
{
  (void) state;
  GtkWidget *view = g_object_ref_sink (render_view_new ());
  RenderCamera *cam = render_view_get_camera (RENDER_VIEW (view));
  render_camera_set_viewport (cam, 800, 600);
  vec3 lo = { 0, 0, 0 }, hi = { 10, 10, 2 };
  render_camera_fit (cam, lo, hi, 0.08f);
  float far_distance = cam->distance;
  GtkWidget *w = g_object_ref_sink (app_dfm_panel_new (RENDER_VIEW (view)));
  AppDfmPanel *p = APP_DFM_PANEL (w);
  app_dfm_panel_set_mesh (p, plate);
  wait_idle (p);
  const CamDfmReport *r = app_dfm_panel_get_report (p);
  int peck = -1;
  for (guint i = 0; i < r->findings->len; i++)
    if (g_strcmp0 (((CamDfmFinding *) g_ptr_array_index (r->findings, i))->rule, "hole-peck") == 0)
      peck = (int) i;
  assert_true (peck >= 0);
  app_dfm_panel_select_finding (p, peck);
  assert_int_equal (app_dfm_panel_get_selected (p), peck);
  const CamDfmFinding *x = g_ptr_array_index (r->findings, peck);
  /* the view is not shown: the camera jumps straight to the finding, much closer, with the
   * finding in the middle of the picture */
  vec3 at = { (float) x->at[0], (float) x->at[1], (float) x->at[2] };
  float cx, cy;
  assert_true (render_camera_project (cam, at, &cx, &cy));
  assert_true (fabs (cx - 400) < 60 && fabs (cy - 300) < 60);
  assert_true (cam->distance < 0.5f * far_distance);

  /* hovering the hole under the camera's target describes it */
  vec3 top = { (float) x->at[0], (float) x->at[1], 2.0f };
  float px, py;
  assert_true (render_camera_project (cam, top, &px, &py));
  g_autofree char *text = app_dfm_panel_describe_at (p, px, py);
  assert_non_null (text);
  assert_non_null (strstr (text, "hole"));
  assert_non_null (strstr (text, "Ø0.2000"));
  /* far away from every feature: nothing */
  g_autofree char *none = app_dfm_panel_describe_at (p, -500, -500);
  assert_null (none);

  app_dfm_panel_select_finding (p, -1);
  assert_int_equal (app_dfm_panel_get_selected (p), -1);
  app_dfm_panel_set_show_features (p, TRUE);
  g_object_unref (w);
  g_object_unref (view);
}

static void
test_broken_part_says_why (void **state)
{
  (void) state;
  static const float facets[2][9] = { { 0, 0, 0, 1, 0, 0, 0, 1, 0 }, { 0, 0, 0, 0, 1, 0, 0, 0, 1 } };
  CamTriSoup soup;
  cam_tri_soup_init (&soup);
  cam_tri_soup_add (&soup, facets[0]);
  cam_tri_soup_add (&soup, facets[1]);
  g_autoptr (CamMesh) open = cam_mesh_new_from_soup (&soup, "open.stl", NULL);
  cam_tri_soup_clear (&soup);
  assert_non_null (open);
  GtkWidget *w = g_object_ref_sink (app_dfm_panel_new (NULL));
  AppDfmPanel *p = APP_DFM_PANEL (w);
  app_dfm_panel_set_mesh (p, open);
  wait_idle (p);
  assert_null (app_dfm_panel_get_report (p));
  assert_non_null (strstr (app_dfm_panel_get_status (p), "not a closed solid"));
  g_object_unref (w);
}

static int
setup (void **state)
{
  (void) state;
  gtk_init ();
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (g_getenv ("MICROCAM_SOURCE_DIR"), "resources", "samples",
                                            "a_plate_holes_pocket.stl", NULL);
  plate = cam_mesh_load_file (path, NULL, NULL, NULL, &error);
  return plate == NULL;
}

static int
teardown (void **state)
{
  (void) state;
  cam_mesh_unref (plate);
  return 0;
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_findings_match_the_engine),
    cmocka_unit_test (test_cancel_stops_the_analysis),
    cmocka_unit_test (test_new_part_clears_the_old_results_at_once),
    cmocka_unit_test (test_selecting_a_finding_flies_the_camera_and_highlights),
    cmocka_unit_test (test_broken_part_says_why),
  };
  return cmocka_run_group_tests (tests, setup, teardown);
}
