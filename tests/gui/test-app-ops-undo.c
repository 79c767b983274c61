/* test-app-ops-undo.c — the Operations page as a process engineer uses it (issue 11), on a real
 * display (run-in-xvfb.sh) with views that are never shown (camera maths, no GL):
 *   - Undo/Redo: an edit of an operation's overrides, add, delete and reorder, each undone and
 *     redone, leave the job byte-identical (its job file) to what it was at that step; a new
 *     edit forgets Redo; the actions follow; a new plan forgets everything;
 *   - the document's dirty flag: set by a plan, an edit, an undo; cleared by saving;
 *   - opening another part while the job has changes not saved asks first, in a real window:
 *     Cancel keeps everything, Discard opens the part, Save writes the job and then opens;
 *   - unreachable features: a list row and a marker for each, the status's link opens the
 *     list, right-clicking a marker shows the reason (and the alternative process);
 *   - playback by moves: step forward and back, the time and the move as a G-code line, play
 *     runs to the end; the picked move is highlighted (a layer of its own) and described;
 *   - the list names each operation's tool, rpm, feed and time; 0 = "engine chooses" fields;
 *   - the status line and the picked move are cleared when the part changes. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <math.h>
#include <string.h>

#include "app-open.h"
#include "app-ops-panel-private.h"
#include "app-window.h"
#include "cam-job-io.h"

static CamMesh *plate;
static char *plate_path, *disk_path;

static void
wait_idle (AppOpsPanel *p)
{
  /* planning the plate takes seconds plain, minutes under ASan on a 2-core CI machine */
  gint64 until = g_get_monotonic_time () + 600 * G_USEC_PER_SEC;
  while (app_ops_panel_is_busy (p) && g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, TRUE);
  assert_false (app_ops_panel_is_busy (p));
}

/* The job as its file has it: what "the job matches" means. */
static char *
job_text (AppOpsPanel *p)
{
  return cam_job_io_to_data (app_ops_panel_get_job (p), FALSE);
}

static gboolean
action_enabled (AppOpsPanel *p, const char *name)
{
  return g_action_group_get_action_enabled (app_ops_panel_get_job_actions (p), name);
}

static int
first_of_kind (const CamJob *job, CamJobOpKind kind)
{
  for (guint i = 0; i < job->ops->len; i++)
    if (cam_job_op (job, i)->kind == kind)
      return (int) i;
  return -1;
}

static void
test_undo_redo_each_edit (void **state)
{
  (void) state;
  AppDocument *doc = app_document_new ();
  AppOpsPanel *p = APP_OPS_PANEL (g_object_ref_sink (app_ops_panel_new (NULL)));
  app_ops_panel_set_document (p, doc);
  app_document_set_mesh (doc, plate);
  assert_false (app_ops_panel_can_undo (p));
  app_ops_panel_plan (p);
  wait_idle (p);
  assert_true (app_document_get_dirty (doc)); /* a new plan is not saved */
  assert_false (app_ops_panel_can_undo (p));
  assert_false (action_enabled (p, "undo"));
  assert_true (app_ops_panel_get_job (p)->ops->len >= 3);

  char *step[5];
  int pocket = first_of_kind (app_ops_panel_get_job (p), CAM_JOB_OP_POCKET);
  assert_true (pocket >= 0);
  /* as the planner leaves an op beside a thin wall: its step and why */
  CamJobOp *held = cam_job_op (app_ops_panel_get_job (p), pocket);
  held->stepdown_mm = 0.05;
  g_free (held->stepdown_reason);
  held->stepdown_reason = g_strdup ("wall W1 (0.080 mm thick, 1.000 mm tall) finished in 0.0500 mm steps");
  step[0] = job_text (p);
  /* 1. an edit of the overrides, regenerated */
  const CamJobOp *op = cam_job_op (app_ops_panel_get_job (p), pocket);
  AppOpsParams params = { op->enabled, !op->climb, 90.0, 0.02, 0 };
  assert_true (app_ops_panel_set_op_params (p, pocket, &params));
  assert_false (app_ops_panel_set_op_params (p, pocket, &params)); /* the same again: no edit */
  op = cam_job_op (app_ops_panel_get_job (p), pocket);
  /* the engineer's step replaces the planner's, and its reason goes with it (undo brings both back) */
  assert_float_equal (op->stepdown_mm, 0.02, 1e-12);
  assert_null (op->stepdown_reason);
  assert_float_equal (op->feed_mm_min, 90.0, 1e-12);
  assert_true (isnan (op->stepover_mm)); /* 0 = engine chooses */
  app_ops_panel_regenerate (p);
  wait_idle (p);
  step[1] = job_text (p);
  assert_string_not_equal (step[1], step[0]);
  assert_true (action_enabled (p, "undo"));
  assert_false (action_enabled (p, "redo"));
  /* 2. add a profile on the pocket's region */
  app_ops_panel_select_op (p, pocket);
  int added = app_ops_panel_add_op (p, CAM_JOB_OP_PROFILE);
  assert_true (added > 0);
  step[2] = job_text (p);
  /* 3. delete the first operation */
  guint n = app_ops_panel_get_job (p)->ops->len;
  assert_true (app_ops_panel_delete_op (p, 0));
  assert_int_equal (app_ops_panel_get_job (p)->ops->len, n - 1);
  step[3] = job_text (p);
  /* 4. reorder */
  g_autofree char *moved = g_strdup (cam_job_op (app_ops_panel_get_job (p), 0)->id);
  assert_true (app_ops_panel_move_op (p, 0, +1));
  assert_string_equal (cam_job_op (app_ops_panel_get_job (p), 1)->id, moved);
  step[4] = job_text (p);
  for (int i = 1; i < 5; i++)
    assert_string_not_equal (step[i], step[i - 1]);

  /* the document saved: clean; an undo is a change again */
  g_autofree char *dir = g_dir_make_tmp ("microcam-undo-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "plate.json", NULL);
  g_autoptr (GError) error = NULL;
  assert_true (app_ops_panel_save_job (p, path, &error));
  assert_false (app_document_get_dirty (doc));

  /* undo each, newest first: the job as it was at each step, byte for byte */
  assert_non_null (strstr (gtk_widget_get_tooltip_text (p->undo_button), "Move"));
  for (int i = 3; i >= 0; i--)
    {
      assert_true (app_ops_panel_can_undo (p));
      g_action_group_activate_action (app_ops_panel_get_job_actions (p), "undo", NULL);
      g_autofree char *now = job_text (p);
      assert_string_equal (now, step[i]);
      assert_true (app_document_get_dirty (doc));
      assert_non_null (strstr (app_ops_panel_get_status (p), "Undone"));
    }
  assert_false (app_ops_panel_can_undo (p));
  assert_false (app_ops_panel_undo (p));
  assert_false (action_enabled (p, "undo"));
  assert_true (action_enabled (p, "redo"));
  /* the undone edit restored the toolpaths of its time: no regeneration needed */
  assert_non_null (app_ops_panel_get_job (p)->toolpath);
  /* redo each, oldest first */
  for (int i = 1; i <= 4; i++)
    {
      assert_true (app_ops_panel_redo (p));
      g_autofree char *now = job_text (p);
      assert_string_equal (now, step[i]);
    }
  assert_false (app_ops_panel_can_redo (p));
  assert_false (app_ops_panel_redo (p));

  /* a new edit after an undo forgets what could be redone */
  assert_true (app_ops_panel_undo (p));
  assert_true (app_ops_panel_can_redo (p));
  assert_true (app_ops_panel_delete_op (p, 0));
  assert_false (app_ops_panel_can_redo (p));
  assert_true (app_ops_panel_can_undo (p));

  /* the document's material is one choice for every page: an undo keeps the present one */
  assert_true (app_document_set_material_id (doc, "ss316l"));
  assert_string_equal (app_ops_panel_get_job (p)->material_id, "ss316l");
  assert_true (app_ops_panel_undo (p));
  assert_string_equal (app_ops_panel_get_job (p)->material_id, "ss316l");

  /* a new plan is a new job: nothing to undo into it */
  app_ops_panel_plan (p);
  assert_false (app_ops_panel_can_undo (p)); /* not while planning */
  wait_idle (p);
  assert_false (app_ops_panel_can_undo (p));
  assert_false (app_ops_panel_can_redo (p));

  for (int i = 0; i < 5; i++)
    g_free (step[i]);
  g_unlink (path);
  g_rmdir (dir);
  g_object_unref (p);
  g_object_unref (doc);
}

/* An undo while the edit's regeneration runs drops that regeneration (it is for the state
 * undone) and restores the job as it was. */
static void
test_undo_during_regeneration (void **state)
{
  (void) state;
  AppOpsPanel *p = APP_OPS_PANEL (g_object_ref_sink (app_ops_panel_new (NULL)));
  app_ops_panel_set_mesh (p, plate);
  app_ops_panel_plan (p);
  wait_idle (p);
  g_autofree char *before = job_text (p);
  AppOpsParams params = { TRUE, TRUE, 75.0, 0, 0 };
  assert_true (app_ops_panel_set_op_params (p, 0, &params));
  app_ops_panel_regenerate (p);
  assert_true (app_ops_panel_is_busy (p));
  assert_true (app_ops_panel_undo (p));
  assert_false (app_ops_panel_is_busy (p));
  g_autofree char *now = job_text (p);
  assert_string_equal (now, before);
  /* the dropped regeneration's result, when it comes, changes nothing */
  for (int i = 0; i < 200; i++)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (10000);
    }
  g_autofree char *later = job_text (p);
  assert_string_equal (later, before);
  g_object_unref (p);
}

static GtkWindow *
find_dialog (GtkWindow *parent)
{
  GListModel *tops = gtk_window_get_toplevels ();
  for (guint i = 0; i < g_list_model_get_n_items (tops); i++)
    {
      g_autoptr (GtkWindow) w = g_list_model_get_item (tops, i);
      if (GTK_IS_MESSAGE_DIALOG (w) && gtk_window_get_transient_for (w) == parent && gtk_widget_get_visible (GTK_WIDGET (w)))
        return w;
    }
  return NULL;
}

static CamMesh *
wait_for_mesh (AppWindow *win, const char *path)
{
  gint64 until = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  g_autoptr (GFile) want = g_file_new_for_path (path);
  while (g_get_monotonic_time () < until)
    {
      CamMesh *m = app_window_get_mesh (win);
      if (m != NULL && !app_window_is_loading (win))
        {
          g_autoptr (GFile) have = g_file_new_for_path (m->source_path);
          if (g_file_equal (have, want))
            return m;
        }
      g_main_context_iteration (NULL, TRUE);
    }
  return NULL;
}

static void
answer (AppWindow *win, int response)
{
  GtkWindow *dialog = find_dialog (GTK_WINDOW (win));
  assert_non_null (dialog);
  gtk_dialog_response (GTK_DIALOG (dialog), response);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  assert_null (find_dialog (GTK_WINDOW (win)));
}

static void
test_open_asks_while_unsaved (void **state)
{
  (void) state;
  GtkApplication *app = gtk_application_new ("io.github.microcam.TestOpsUndo", G_APPLICATION_NON_UNIQUE);
  assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));
  AppWindow *win = app_window_new (app);
  AppDocument *doc = app_window_get_document (win);
  AppOpsPanel *p = APP_OPS_PANEL (app_window_get_panel (win, "operations"));
  g_autoptr (GFile) plate_file = g_file_new_for_path (plate_path);
  g_autoptr (GFile) disk_file = g_file_new_for_path (disk_path);
  g_autoptr (GFile) program = g_file_new_for_path ("/nonexistent/program.ngc");

  /* nothing to lose: no question */
  app_open_file_or_report (win, plate_file);
  assert_null (find_dialog (GTK_WINDOW (win)));
  assert_non_null (wait_for_mesh (win, plate_path));
  app_ops_panel_plan (p);
  wait_idle (p);
  assert_true (app_document_get_dirty (doc));
  assert_true (app_open_would_discard (win, disk_file));
  assert_false (app_open_would_discard (win, plate_file)); /* its own part keeps the job */
  assert_false (app_open_would_discard (win, program));    /* a program leaves the job alone */

  /* Cancel: nothing opens, the job stays */
  CamJob *job = app_ops_panel_get_job (p);
  app_open_file_or_report (win, disk_file);
  assert_false (app_window_is_loading (win));
  answer (win, GTK_RESPONSE_CANCEL);
  assert_false (app_window_is_loading (win));
  assert_true (app_ops_panel_get_job (p) == job);
  assert_true (app_document_get_dirty (doc));

  /* Save: the job is written to its file, then the part opens */
  g_autofree char *dir = g_dir_make_tmp ("microcam-open-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "plate.json", NULL);
  g_autoptr (GError) error = NULL;
  assert_true (app_ops_panel_save_job (p, path, &error));
  assert_false (app_document_get_dirty (doc));
  assert_false (app_open_would_discard (win, disk_file));
  assert_true (app_ops_panel_delete_op (p, 0));
  assert_true (app_document_get_dirty (doc));
  guint n_edited = app_ops_panel_get_job (p)->ops->len;
  g_autofree char *first_edited = g_strdup (cam_job_op (app_ops_panel_get_job (p), 0)->id);
  app_open_file_or_report (win, disk_file);
  answer (win, GTK_RESPONSE_ACCEPT);
  g_autofree char *saved = NULL;
  assert_true (g_file_get_contents (path, &saved, NULL, NULL));
  g_autoptr (CamJob) reread = cam_job_io_load (path, app_document_get_library (doc), &error);
  assert_non_null (reread);
  /* what was saved is the job with its deletion */
  assert_int_equal (reread->ops->len, n_edited);
  assert_string_equal (cam_job_op (reread, 0)->id, first_edited);
  assert_non_null (wait_for_mesh (win, disk_path));
  assert_null (app_ops_panel_get_job (p));
  assert_false (app_document_get_dirty (doc));

  /* Discard: the part opens, the changes are gone */
  app_ops_panel_plan (p);
  wait_idle (p);
  assert_true (app_document_get_dirty (doc));
  app_open_file_or_report (win, plate_file);
  answer (win, GTK_RESPONSE_REJECT);
  assert_non_null (wait_for_mesh (win, plate_path));
  assert_null (app_ops_panel_get_job (p));
  assert_false (app_document_get_dirty (doc));
  /* the status says nothing of the part before */
  assert_string_equal (app_ops_panel_get_status (p), "Plan the part, or open a job");

  g_unlink (path);
  g_rmdir (dir);
  gtk_window_destroy (GTK_WINDOW (win));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_object_unref (app);
}

/* A view that is never shown: the camera looks down on the plate. */
static GtkWidget *
top_view (void)
{
  GtkWidget *view = g_object_ref_sink (render_view_new ());
  RenderCamera *cam = render_view_get_camera (RENDER_VIEW (view));
  render_camera_set_viewport (cam, 800, 600);
  render_camera_set_view (cam, RENDER_CAMERA_VIEW_TOP);
  vec3 lo = { (float) plate->bounds.min[0], (float) plate->bounds.min[1], (float) plate->bounds.min[2] };
  vec3 hi = { (float) plate->bounds.max[0], (float) plate->bounds.max[1], (float) plate->bounds.max[2] };
  render_camera_fit (cam, lo, hi, 0.05f);
  return view;
}

static void
test_unreachable_list_markers_and_reason (void **state)
{
  (void) state;
  GtkWidget *view = top_view ();
  AppOpsPanel *p = APP_OPS_PANEL (g_object_ref_sink (app_ops_panel_new (RENDER_VIEW (view))));
  app_ops_panel_set_mesh (p, plate);
  app_ops_panel_plan (p);
  wait_idle (p);
  CamJob *job = app_ops_panel_get_job (p);
  guint planned = job->unreachable->len;
  /* the plan's own entries, and one more where the view can find it (the middle of the part) */
  assert_int_equal (render_markers_get_n_markers (p->unreachable_markers), planned);
  double mx = 0.5 * (job->part_min[0] + job->part_max[0]), my = 0.5 * (job->part_min[1] + job->part_max[1]);
  CamUnreachable *u = cam_job_add_unreachable (job, "hole99", "no drill of the library is Ø0.030 mm or smaller",
                                               mx, my, 0);
  u->process = g_strdup ("micro-edm");
  app_ops_panel_refresh (p);
  guint n = planned + 1;
  assert_int_equal (render_markers_get_n_markers (p->unreachable_markers), n);
  assert_true (gtk_widget_get_visible (GTK_WIDGET (p->unreachable_expander)));
  guint rows = 0;
  for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (p->unreachable_list)); c; c = gtk_widget_get_next_sibling (c))
    rows++;
  assert_int_equal (rows, n);
  g_autofree char *title = g_strdup_printf ("%u unreachable", n);
  assert_non_null (strstr (gtk_expander_get_label (p->unreachable_expander), title));

  /* the status's "N unreachable" is a link to the list */
  if (planned > 0)
    {
      assert_non_null (strstr (app_ops_panel_get_status (p), "unreachable"));
      assert_true (gtk_label_get_use_markup (p->status_label));
      assert_non_null (strstr (gtk_label_get_label (p->status_label), "href=\"unreachable\""));
    }
  gtk_expander_set_expanded (p->unreachable_expander, FALSE);
  gboolean handled = FALSE;
  g_signal_emit_by_name (p->status_label, "activate-link", "unreachable", &handled);
  assert_true (handled);
  assert_true (gtk_expander_get_expanded (p->unreachable_expander));

  /* right-clicking its marker tells why, and what can make it instead */
  vec3 at = { (float) mx, (float) my, (float) job->part_max[2] };
  float x, y;
  assert_true (render_camera_project (render_view_get_camera (RENDER_VIEW (view)), at, &x, &y));
  assert_true (app_ops_panel_pick_at (p, x, y));
  const char *said = gtk_label_get_text (p->move_label);
  assert_non_null (strstr (said, "hole99"));
  assert_non_null (strstr (said, "Ø0.030 mm"));
  assert_non_null (strstr (said, "micro-EDM"));
  assert_int_equal (render_markers_get_highlight (p->unreachable_markers), (int) n - 1);
  GtkListBoxRow *sel = gtk_list_box_get_selected_row (p->unreachable_list);
  assert_non_null (sel);
  assert_int_equal (gtk_list_box_row_get_index (sel), (int) n - 1);
  /* hidden with the page's other layers */
  app_ops_panel_set_layers_visible (p, FALSE);
  assert_false (render_layer_get_visible (RENDER_LAYER (p->unreachable_markers)));
  app_ops_panel_set_layers_visible (p, TRUE);

  /* another part: no list, no markers */
  app_ops_panel_set_mesh (p, NULL);
  assert_int_equal (render_markers_get_n_markers (p->unreachable_markers), 0);
  assert_false (gtk_widget_get_visible (GTK_WIDGET (p->unreachable_expander)));
  g_object_unref (p);
  g_object_unref (view);
}

static void
test_playback_steps_time_line_and_pick (void **state)
{
  (void) state;
  GtkWidget *view = top_view ();
  AppOpsPanel *p = APP_OPS_PANEL (g_object_ref_sink (app_ops_panel_new (RENDER_VIEW (view))));
  app_ops_panel_set_mesh (p, plate);
  app_ops_panel_plan (p);
  wait_idle (p);
  CamJob *job = app_ops_panel_get_job (p);
  gsize n = job->toolpath->moves->len;
  assert_int_equal (app_ops_panel_get_playback_move (p), n);
  g_autofree char *end_text = g_strdup (gtk_label_get_text (p->playback_label));
  g_autofree char *of = g_strdup_printf ("Move %zu of %zu", (size_t) n, (size_t) n);
  assert_non_null (strstr (end_text, of));

  /* to the first feed move: its line, in the program's words */
  gsize k = 0;
  while (k < n && cam_toolpath_move (job->toolpath, k)->type != CAM_MOVE_FEED)
    k++;
  assert_true (k < n);
  app_ops_panel_set_playback (p, 0);
  assert_int_equal (app_ops_panel_get_playback_move (p), 0);
  app_ops_panel_step_playback (p, (int) k + 1);
  assert_int_equal (app_ops_panel_get_playback_move (p), k + 1);
  const char *t = gtk_label_get_text (p->playback_label);
  g_autofree char *line = g_strdup_printf ("N%zu G1 X", (size_t) (k + 1));
  assert_non_null (strstr (t, line));
  assert_non_null (strstr (t, " F"));
  app_ops_panel_step_playback (p, -1);
  assert_int_equal (app_ops_panel_get_playback_move (p), k);
  app_ops_panel_step_playback (p, -1000000);
  assert_int_equal (app_ops_panel_get_playback_move (p), 0);
  /* the time grows with the moves shown: "m:ss of m:ss" */
  app_ops_panel_set_playback (p, 0.5);
  g_autofree char *half = g_strdup (gtk_label_get_text (p->playback_label));
  assert_non_null (strstr (half, " of "));
  assert_string_not_equal (half, end_text);

  /* play runs to the end and stops by itself */
  app_ops_panel_set_playing (p, TRUE);
  assert_true (app_ops_panel_get_playing (p));
  assert_true (gtk_toggle_button_get_active (p->play_button));
  gint64 until = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  while (app_ops_panel_get_playing (p) && g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, TRUE);
  assert_false (app_ops_panel_get_playing (p));
  assert_int_equal (app_ops_panel_get_playback_move (p), n);
  assert_false (gtk_toggle_button_get_active (p->play_button));

  /* the picked move: drawn on its own layer on top, its numbers in the label */
  gssize target = -1;
  for (guint i = 0; i < n && target < 0; i++)
    if (cam_toolpath_move (job->toolpath, i)->type == CAM_MOVE_FEED
        && isfinite (cam_toolpath_move (job->toolpath, i)->deflection_um)
        && isfinite (cam_toolpath_move (job->toolpath, i)->safety_factor))
      target = i;
  assert_true (target >= 0);
  const CamMove *m = cam_toolpath_move (job->toolpath, target);
  vec3 at = { (float) (m->x + job->work_offset[0]), (float) (m->y + job->work_offset[1]),
              (float) (m->z + job->work_offset[2]) };
  float x, y;
  assert_true (render_camera_project (render_view_get_camera (RENDER_VIEW (view)), at, &x, &y));
  assert_int_equal (render_lines_get_n_segments (p->picked_lines), 0);
  assert_true (app_ops_panel_pick_at (p, x, y));
  assert_true (app_ops_panel_get_picked_move (p) >= 0);
  assert_true (render_lines_get_n_segments (p->picked_lines) >= 1);
  assert_non_null (strstr (gtk_label_get_text (p->move_label), "deflection"));
  assert_non_null (strstr (gtk_label_get_text (p->move_label), "SF"));

  /* the part changes: nothing said of the old one stays */
  app_ops_panel_set_mesh (p, NULL);
  assert_int_equal (app_ops_panel_get_picked_move (p), -1);
  assert_int_equal (render_lines_get_n_segments (p->picked_lines), 0);
  assert_null (strstr (gtk_label_get_text (p->move_label), "deflection"));
  assert_string_equal (gtk_label_get_text (p->playback_label), "");
  assert_string_equal (app_ops_panel_get_status (p), "Load a part, then Plan");
  g_object_unref (p);
  g_object_unref (view);
}

static void
test_list_words_and_engine_fields (void **state)
{
  (void) state;
  AppOpsPanel *p = APP_OPS_PANEL (g_object_ref_sink (app_ops_panel_new (NULL)));
  app_ops_panel_set_mesh (p, plate);
  app_ops_panel_plan (p);
  wait_idle (p);
  CamJob *job = app_ops_panel_get_job (p);
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (p->list, 0);
  assert_non_null (row);
  const char *text = gtk_label_get_text (GTK_LABEL (gtk_list_box_row_get_child (row)));
  const CamJobOp *op = cam_job_op (job, 0);
  print_message ("row 0: %s\n", text);
  /* tool, rpm, feed, time and the feature, as the engine chose them */
  g_autofree char *tool = g_strdup_printf ("T%u ", cam_job_tool (job, op->tool)->number);
  assert_non_null (strstr (text, tool));
  assert_non_null (strstr (text, " rpm"));
  assert_non_null (strstr (text, " mm/min"));
  assert_true (strstr (text, " s\n") != NULL || strstr (text, " min\n") != NULL);
  if (op->feature_id)
    assert_non_null (strstr (text, op->feature_id));
  /* no identifiers: "safety factor", not "SF"; kinds in words */
  assert_non_null (strstr (text, "safety factor"));
  /* a field where 0 means "engine chooses" says so, in the field and its tooltip */
  app_ops_panel_select_op (p, 0);
  gtk_spin_button_set_value (p->op_stepover, 0);
  gtk_spin_button_update (p->op_stepover);
  assert_non_null (strstr (gtk_editable_get_text (GTK_EDITABLE (p->op_stepover)), "engine chooses"));
  assert_float_equal (gtk_spin_button_get_value (p->op_stepover), 0, 0);
  assert_non_null (strstr (gtk_widget_get_tooltip_text (GTK_WIDGET (p->op_feed)), "0 = engine chooses"));
  gtk_editable_set_text (GTK_EDITABLE (p->op_stepover), "0.025");
  gtk_spin_button_update (p->op_stepover);
  assert_float_equal (gtk_spin_button_get_value (p->op_stepover), 0.025, 1e-9);
  g_object_unref (p);
}

static int
setup (void **state)
{
  (void) state;
  gtk_init ();
  g_set_application_name ("microcam-test");
  g_autoptr (GError) error = NULL;
  plate_path = g_build_filename (g_getenv ("MICROCAM_SOURCE_DIR"), "resources", "samples", "a_plate_holes_pocket.stl",
                                 NULL);
  disk_path = g_build_filename (g_getenv ("MICROCAM_SOURCE_DIR"), "resources", "samples", "b_disk_spiral_channel.stl",
                                NULL);
  plate = cam_mesh_load_file (plate_path, NULL, NULL, NULL, &error);
  return plate == NULL;
}

static int
teardown (void **state)
{
  (void) state;
  cam_mesh_unref (plate);
  g_free (plate_path);
  g_free (disk_path);
  return 0;
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_undo_redo_each_edit),
    cmocka_unit_test (test_undo_during_regeneration),
    cmocka_unit_test (test_open_asks_while_unsaved),
    cmocka_unit_test (test_unreachable_list_markers_and_reason),
    cmocka_unit_test (test_playback_steps_time_line_and_pick),
    cmocka_unit_test (test_list_words_and_engine_fields),
  };
  return cmocka_run_group_tests (tests, setup, teardown);
}
