/* test-app-ops-panel.c — the Operations panel on a real display (run-in-xvfb.sh) with a 3D
 * view that is never shown (camera maths only, no GL): planning in its thread gives the
 * engine's job, cancel stops it, reorder/delete/add/regenerate, overlays and playback
 * change the drawn segments, right-click picking describes a move, save/open/export. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <math.h>
#include <string.h>

#include "app-ops-panel-private.h"   /* the layers, to see them hidden */
#include "geos-work-gate.h"

static CamMesh *plate;

static void
wait_idle (AppOpsPanel *p)
{
  gint64 until = g_get_monotonic_time () + 120 * G_USEC_PER_SEC;
  while (app_ops_panel_is_busy (p) && g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, TRUE);
  assert_false (app_ops_panel_is_busy (p));
}

static void
test_plan_edit_regenerate (void **state)
{
  (void) state;
  GtkWidget *w = g_object_ref_sink (app_ops_panel_new (NULL));
  AppOpsPanel *p = APP_OPS_PANEL (w);
  assert_null (app_ops_panel_get_job (p));
  app_ops_panel_set_mesh (p, plate);
  assert_true (app_ops_panel_select_material (p, "al6061"));
  assert_false (app_ops_panel_select_material (p, "unobtainium"));
  app_ops_panel_plan (p);
  assert_true (app_ops_panel_is_busy (p));
  wait_idle (p);
  CamJob *job = app_ops_panel_get_job (p);
  assert_non_null (job);
  assert_true (job->ops->len >= 2);
  assert_non_null (strstr (app_ops_panel_get_status (p), "operations"));
  gsize all = app_ops_panel_get_n_segments (p);
  assert_true (all > 100);

  /* reorder and delete */
  char *first = g_strdup (cam_job_op (job, 0)->id);
  assert_true (app_ops_panel_move_op (p, 0, +1));
  assert_string_equal (cam_job_op (job, 1)->id, first);
  assert_false (app_ops_panel_move_op (p, 0, -1));
  guint n = job->ops->len;
  assert_true (app_ops_panel_delete_op (p, 1));
  assert_int_equal (job->ops->len, n - 1);
  g_free (first);
  /* add a profile on the selected op's region (a pocket's: drilling ops have no region), regenerate */
  int pocket = -1;
  for (guint i = 0; i < job->ops->len && pocket < 0; i++)
    if (cam_job_op (job, i)->kind == CAM_JOB_OP_POCKET)
      pocket = (int) i;
  assert_true (pocket >= 0);
  app_ops_panel_select_op (p, pocket);
  assert_int_equal (app_ops_panel_get_selected (p), pocket);
  int added = app_ops_panel_add_op (p, CAM_JOB_OP_PROFILE);
  assert_int_equal (added, (int) job->ops->len - 1);
  app_ops_panel_regenerate (p);
  wait_idle (p);
  assert_non_null (cam_job_op (app_ops_panel_get_job (p), added)->toolpath);
  g_object_unref (w);
}

/* Cancel pressed while planning is under way (its worker held at its first piece of geometry
 * work, so the press can neither come too late nor too early): no job is installed, the status
 * says so, and the worker stopped far short of the geometry work of a full plan. */
static void
test_cancel_stops_planning (void **state)
{
  (void) state;
  GtkWidget *w = g_object_ref_sink (app_ops_panel_new (NULL));
  AppOpsPanel *p = APP_OPS_PANEL (w);
  app_ops_panel_set_mesh (p, plate);
  wait_idle (p);
  geos_work_gate_start (FALSE);
  app_ops_panel_plan (p);
  wait_idle (p);
  const guint full_work = geos_work_gate_stop ();
  assert_non_null (app_ops_panel_get_job (p));
  assert_true (full_work > 100); /* else the count measures nothing */
  g_object_unref (w);

  w = g_object_ref_sink (app_ops_panel_new (NULL));
  p = APP_OPS_PANEL (w);
  app_ops_panel_set_mesh (p, plate);
  wait_idle (p);
  geos_work_gate_start (TRUE);
  app_ops_panel_plan (p);
  assert_true (geos_work_gate_wait_held ());
  assert_true (app_ops_panel_is_busy (p));
  app_ops_panel_cancel (p);
  geos_work_gate_release ();
  wait_idle (p);
  const guint work = geos_work_gate_stop ();
  print_message ("geometry work: full plan %u, cancelled one %u\n", full_work, work);
  assert_null (app_ops_panel_get_job (p));
  assert_non_null (strstr (app_ops_panel_get_status (p), "ancel"));
  assert_true (work < full_work / 100);
  g_object_unref (w);
}

static void
test_overlays_playback_and_picking (void **state)
{
  (void) state;
  GtkWidget *view = g_object_ref_sink (render_view_new ());
  RenderCamera *cam = render_view_get_camera (RENDER_VIEW (view));
  render_camera_set_viewport (cam, 800, 600);
  render_camera_set_view (cam, RENDER_CAMERA_VIEW_TOP);
  vec3 lo = { 0, 0, 0 }, hi = { 10, 10, 2 };
  render_camera_fit (cam, lo, hi, 0.05f);
  GtkWidget *w = g_object_ref_sink (app_ops_panel_new (RENDER_VIEW (view)));
  AppOpsPanel *p = APP_OPS_PANEL (w);
  app_ops_panel_set_mesh (p, plate);
  app_ops_panel_plan (p);
  wait_idle (p);
  gsize all = app_ops_panel_get_n_segments (p);
  double end_pos[3], quarter_pos[3];
  assert_true (app_ops_panel_get_tool_position (p, end_pos));
  app_ops_panel_set_playback (p, 0.25);
  gsize quarter = app_ops_panel_get_n_segments (p);
  assert_true (quarter > 0 && quarter < all);
  /* the tool model follows the playback */
  assert_true (app_ops_panel_get_tool_position (p, quarter_pos));
  assert_true (fabs (quarter_pos[0] - end_pos[0]) + fabs (quarter_pos[1] - end_pos[1]) + fabs (quarter_pos[2] - end_pos[2]) > 1e-6);
  app_ops_panel_set_playback (p, 1.0);
  assert_int_equal (app_ops_panel_get_n_segments (p), all);
  const char *names[] = { "deflection", "safety", "feed", "finish", "operation", "type" };
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      RenderOverlay o;
      assert_true (render_overlay_from_string (names[i], &o));
      app_ops_panel_set_overlay (p, o);
      assert_int_equal (app_ops_panel_get_overlay (p), o);
      assert_true (app_ops_panel_get_legend (p)->n_stops > 0);
      assert_int_equal (app_ops_panel_get_n_segments (p), all);
    }
  app_ops_panel_set_overlay (p, RENDER_OVERLAY_DEFLECTION);
  assert_string_equal (app_ops_panel_get_legend (p)->unit, "µm");
  /* a cutting move of the pocket, projected to the screen, is described when picked */
  CamJob *job = app_ops_panel_get_job (p);
  const CamToolpath *tp = job->toolpath;
  gssize target = -1;
  for (guint i = 0; i < tp->moves->len && target < 0; i++)
    if (cam_toolpath_move (tp, i)->type == CAM_MOVE_FEED && isfinite (cam_toolpath_move (tp, i)->deflection_um)
        && cam_toolpath_move (tp, i)->deflection_um > 0)
      target = i;
  assert_true (target >= 0);
  const CamMove *m = cam_toolpath_move (tp, target);
  vec3 at = { (float) (m->x + job->work_offset[0]), (float) (m->y + job->work_offset[1]),
              (float) (m->z + job->work_offset[2]) };
  float x, y;
  assert_true (render_camera_project (cam, at, &x, &y));
  g_autofree char *d = app_ops_panel_describe_at (p, x, y);
  assert_non_null (d);
  assert_non_null (strstr (d, "deflection"));
  g_autofree char *nothing = app_ops_panel_describe_at (p, 2, 2);
  assert_null (nothing);
  g_object_unref (w);
  g_object_unref (view);
}

static void
test_save_open_export (void **state)
{
  (void) state;
  GtkWidget *w = g_object_ref_sink (app_ops_panel_new (NULL));
  AppOpsPanel *p = APP_OPS_PANEL (w);
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("microcam-ops-XXXXXX", NULL);
  g_autofree char *job_path = g_build_filename (dir, "job.json", NULL);
  g_autofree char *ngc = g_build_filename (dir, "job.ngc", NULL);
  assert_false (app_ops_panel_save_job (p, job_path, &error));
  g_clear_error (&error);
  app_ops_panel_set_mesh (p, plate);
  app_ops_panel_plan (p);
  wait_idle (p);
  guint n = app_ops_panel_get_job (p)->ops->len;
  assert_true (app_ops_panel_save_job (p, job_path, &error));
  assert_true (app_ops_panel_export_gcode (p, NULL, ngc, &error));
  g_autofree char *grbl = g_build_filename (dir, "job.nc", NULL);
  assert_true (app_ops_panel_export_gcode (p, "grbl", grbl, &error));
  g_autofree char *grbl_text = NULL;
  assert_true (g_file_get_contents (grbl, &grbl_text, NULL, NULL));
  assert_null (strstr (grbl_text, "G83"));
  assert_null (strstr (grbl_text, "M6"));
  /* the process sheet is written in a thread; the status line says when */
  g_autofree char *sheet = g_build_filename (dir, "sheet.html", NULL);
  app_ops_panel_export_report (p, sheet);
  for (int i = 0; i < 3000 && strstr (app_ops_panel_get_status (p), "Export report") == NULL; i++)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (10000);
    }
  assert_non_null (strstr (app_ops_panel_get_status (p), "Export report: "));
  g_autofree char *html = NULL;
  assert_true (g_file_get_contents (sheet, &html, NULL, NULL));
  assert_non_null (strstr (html, "Why (binding limit)"));
  assert_non_null (strstr (html, "Design for manufacture"));
  assert_non_null (strstr (html, "<svg"));
  /* one program per tool: as many files as tools that cut, each with one tool change */
  g_autoptr (GPtrArray) written = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *per = g_build_filename (dir, "per.ngc", NULL);
  assert_true (app_ops_panel_export_gcode_per_tool (p, "linuxcnc", per, written, &error));
  assert_true (written->len >= 2);
  assert_true (written->len <= app_ops_panel_get_job (p)->tools->len);
  for (guint i = 0; i < written->len; i++)
    {
      g_autofree char *prog = NULL;
      assert_true (g_file_get_contents (written->pdata[i], &prog, NULL, NULL));
      const char *m6 = strstr (prog, "M6");
      assert_non_null (m6);
      assert_null (strstr (m6 + 2, "M6"));
      assert_non_null (strstr (written->pdata[i], "per-T"));
      g_unlink (written->pdata[i]);
    }
  g_autofree char *bad = g_build_filename (dir, "missing-dir", "x.ngc", NULL);
  assert_false (app_ops_panel_export_gcode (p, "linuxcnc", bad, &error));
  assert_non_null (strstr (error->message, "x.ngc"));
  g_clear_error (&error);
  g_autofree char *text = NULL;
  assert_true (g_file_get_contents (ngc, &text, NULL, NULL));
  assert_non_null (strstr (text, "G17 G21 G40 G49 G80 G90 G94"));
  GtkWidget *w2 = g_object_ref_sink (app_ops_panel_new (NULL));
  assert_true (app_ops_panel_load_job (APP_OPS_PANEL (w2), job_path, &error));
  assert_int_equal (app_ops_panel_get_job (APP_OPS_PANEL (w2))->ops->len, n);
  assert_false (app_ops_panel_load_job (APP_OPS_PANEL (w2), ngc, &error)); /* not a job */
  assert_non_null (strstr (error->message, "job.ngc"));
  g_unlink (job_path);
  g_unlink (ngc);
  g_rmdir (dir);
  g_object_unref (w2);
  g_object_unref (w);
}

static void
count_notify (GObject *obj, GParamSpec *pspec, gpointer data)
{
  (void) obj;
  (void) pspec;
  (*(int *) data)++;
}

static gboolean
action_enabled (AppOpsPanel *p, const char *name)
{
  return g_action_group_get_action_enabled (app_ops_panel_get_job_actions (p), name);
}

/* What the window's title and File menu follow: the job's file, its unsaved changes, and
 * which file actions are possible. */
static void
test_job_state_and_job_actions (void **state)
{
  (void) state;
  GtkWidget *w = g_object_ref_sink (app_ops_panel_new (NULL));
  AppOpsPanel *p = APP_OPS_PANEL (w);
  int n_modified = 0, n_path = 0;
  g_signal_connect (p, "notify::modified", G_CALLBACK (count_notify), &n_modified);
  g_signal_connect (p, "notify::job-path", G_CALLBACK (count_notify), &n_path);
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("microcam-ops-state-XXXXXX", NULL);
  g_autofree char *job_path = g_build_filename (dir, "plate.json", NULL);

  assert_null (app_ops_panel_get_job_path (p));
  assert_false (app_ops_panel_get_modified (p));
  assert_false (action_enabled (p, "save-job"));
  assert_false (action_enabled (p, "export-gcode"));
  assert_false (action_enabled (p, "export-report"));

  /* a new plan: changes with no file yet */
  app_ops_panel_set_mesh (p, plate);
  app_ops_panel_plan (p);
  assert_false (action_enabled (p, "save-job")); /* busy */
  wait_idle (p);
  assert_true (app_ops_panel_get_modified (p));
  assert_null (app_ops_panel_get_job_path (p));
  assert_true (action_enabled (p, "save-job"));
  assert_true (action_enabled (p, "save-job-as"));
  assert_true (action_enabled (p, "export-gcode"));
  assert_true (action_enabled (p, "export-report"));
  assert_int_equal (n_modified, 1);

  /* another page (G-code) hides the job's layers and shows them again */
  app_ops_panel_set_layers_visible (p, FALSE);
  assert_false (render_layer_get_visible (RENDER_LAYER (p->cuts)));
  assert_false (render_layer_get_visible (RENDER_LAYER (p->legend_layer)));
  assert_false (render_layer_get_visible (RENDER_LAYER (p->stock_box)));
  app_ops_panel_set_layers_visible (p, TRUE);
  assert_true (render_layer_get_visible (RENDER_LAYER (p->cuts)));
  assert_true (render_layer_get_visible (RENDER_LAYER (p->stock_box)));

  /* saved: clean, with its file */
  assert_true (app_ops_panel_save_job (p, job_path, &error));
  assert_false (app_ops_panel_get_modified (p));
  assert_string_equal (app_ops_panel_get_job_path (p), job_path);
  assert_int_equal (n_path, 1);

  /* an edit marks it changed; File → Save writes to its file without asking */
  assert_true (app_ops_panel_move_op (p, 0, +1));
  assert_true (app_ops_panel_get_modified (p));
  g_autofree char *first_id = g_strdup (cam_job_op (app_ops_panel_get_job (p), 0)->id);
  g_action_group_activate_action (app_ops_panel_get_job_actions (p), "save-job", NULL);
  assert_false (app_ops_panel_get_modified (p));
  GtkWidget *w2 = g_object_ref_sink (app_ops_panel_new (NULL));
  assert_true (app_ops_panel_load_job (APP_OPS_PANEL (w2), job_path, &error));
  assert_string_equal (cam_job_op (app_ops_panel_get_job (APP_OPS_PANEL (w2)), 0)->id, first_id);
  assert_string_equal (app_ops_panel_get_job_path (APP_OPS_PANEL (w2)), job_path);
  assert_false (app_ops_panel_get_modified (APP_OPS_PANEL (w2)));
  assert_true (action_enabled (APP_OPS_PANEL (w2), "save-job"));

  /* regenerating is a change to the saved job, and keeps its file */
  app_ops_panel_regenerate (APP_OPS_PANEL (w2));
  wait_idle (APP_OPS_PANEL (w2));
  assert_true (app_ops_panel_get_modified (APP_OPS_PANEL (w2)));
  assert_string_equal (app_ops_panel_get_job_path (APP_OPS_PANEL (w2)), job_path);

  /* another part: the job is gone, and so are its file and changes */
  g_autoptr (GError) e2 = NULL;
  g_autofree char *other = g_build_filename (g_getenv ("MICROCAM_SOURCE_DIR"), "resources", "samples",
                                             "b_disk_spiral_channel.stl", NULL);
  CamMesh *disk = cam_mesh_load_file (other, NULL, NULL, NULL, &e2);
  assert_non_null (disk);
  app_ops_panel_set_mesh (p, disk);
  assert_null (app_ops_panel_get_job (p));
  assert_null (app_ops_panel_get_job_path (p));
  assert_false (app_ops_panel_get_modified (p));
  assert_false (action_enabled (p, "save-job"));
  cam_mesh_unref (disk);

  g_unlink (job_path);
  g_rmdir (dir);
  g_object_unref (w2);
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
    cmocka_unit_test (test_plan_edit_regenerate),
    cmocka_unit_test (test_cancel_stops_planning),
    cmocka_unit_test (test_overlays_playback_and_picking),
    cmocka_unit_test (test_save_open_export),
    cmocka_unit_test (test_job_state_and_job_actions),
  };
  return cmocka_run_group_tests (tests, setup, teardown);
}
