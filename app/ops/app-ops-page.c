/* app-ops-page.c — puts the Operations panel in a main window as its "operations" page, on
 * the window's document (its part, analysis, process choice and job); gives the window the job's File actions
 * (win.save-job, win.save-job-as, win.export-gcode, win.export-report) and its Undo/Redo
 * (win.undo, win.redo: Ctrl+Z, Shift+Ctrl+Z in app-window.c), the job's name and
 * unsaved mark in the title, recent jobs, and asks before closing with unsaved changes.
 * So app-window.c needs one call and the panel itself builds and tests without a window. */
#include "app-ops-panel.h"
#include "app-window.h"

static AppOpsPanel *
window_panel (AppWindow *win)
{
  GtkWidget *panel = app_window_get_panel (win, "operations");
  return panel != NULL ? APP_OPS_PANEL (panel) : NULL;
}

/* The job's file and its unsaved changes in the title; a job opened or saved goes to the
 * recent files. */
static void
job_state_cb (AppOpsPanel *panel, GParamSpec *pspec, AppWindow *win)
{
  app_window_set_job (win, app_ops_panel_get_job_path (panel), app_ops_panel_get_modified (panel));
  if (g_str_equal (pspec->name, "job-path") && app_ops_panel_get_job_path (panel) != NULL)
    app_window_remember_recent (win, app_ops_panel_get_job_path (panel));
}

/* Closing a window whose job has changes not saved asks first: Save (to the job's file, or
 * through the chooser when it has none, after which the user closes again), Close without
 * Saving, or Cancel. */
static void
unsaved_response_cb (GtkDialog *dialog, int response, AppWindow *win)
{
  AppOpsPanel *panel = window_panel (win);
  gtk_window_destroy (GTK_WINDOW (dialog));
  if (response == GTK_RESPONSE_REJECT)
    {
      g_object_set_data (G_OBJECT (win), "app-ops-close-confirmed", GINT_TO_POINTER (1));
      gtk_window_close (GTK_WINDOW (win));
    }
  else if (response == GTK_RESPONSE_ACCEPT)
    {
      gboolean had_file = app_ops_panel_get_job_path (panel) != NULL;
      app_ops_panel_ask_save_job (panel, FALSE);
      if (had_file && !app_ops_panel_get_modified (panel))
        gtk_window_close (GTK_WINDOW (win));
    }
}

static gboolean
close_request_cb (AppWindow *win, AppOpsPanel *panel)
{
  if (!app_ops_panel_get_modified (panel) || app_ops_panel_get_job (panel) == NULL ||
      app_window_get_batch_mode (win) ||
      g_object_get_data (G_OBJECT (win), "app-ops-close-confirmed") != NULL)
    return FALSE;
  const char *path = app_ops_panel_get_job_path (panel);
  g_autofree char *name = path ? g_path_get_basename (path) : g_strdup ("the new job");
  GtkWidget *dialog = gtk_message_dialog_new (GTK_WINDOW (win), GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                              GTK_MESSAGE_QUESTION, GTK_BUTTONS_NONE,
                                              "Save the changes to %s before closing?", name);
  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog),
                                            "The operations and toolpaths changed since the job was %s.",
                                            path ? "saved" : "planned");
  gtk_dialog_add_buttons (GTK_DIALOG (dialog), "Close _without Saving", GTK_RESPONSE_REJECT, "_Cancel",
                          GTK_RESPONSE_CANCEL, path ? "_Save" : "_Save As…", GTK_RESPONSE_ACCEPT, NULL);
  gtk_dialog_set_default_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT);
  gtk_window_set_title (GTK_WINDOW (dialog), "Unsaved job");
  g_signal_connect_object (dialog, "response", G_CALLBACK (unsaved_response_cb), win, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

void
app_ops_panel_attach (GtkWidget *app_window)
{
  g_return_if_fail (APP_IS_WINDOW (app_window));
  AppWindow *win = APP_WINDOW (app_window);
  if (window_panel (win) != NULL)
    return;
  GtkWidget *panel = app_ops_panel_new (app_window_get_view (win));
  g_signal_connect_object (panel, "notify::modified", G_CALLBACK (job_state_cb), win, 0);
  g_signal_connect_object (panel, "notify::job-path", G_CALLBACK (job_state_cb), win, 0);
  g_signal_connect_object (win, "close-request", G_CALLBACK (close_request_cb), panel, 0);
  /* File → Save Job, Export G-code, Export Report: the panel's own actions, as win.* */
  GActionGroup *actions = app_ops_panel_get_job_actions (APP_OPS_PANEL (panel));
  g_auto (GStrv) names = g_action_group_list_actions (actions);
  for (guint i = 0; names[i] != NULL; i++)
    g_action_map_add_action (G_ACTION_MAP (win), g_action_map_lookup_action (G_ACTION_MAP (actions), names[i]));
  app_window_add_panel (win, panel, "operations", "Operations");
  app_ops_panel_set_document (APP_OPS_PANEL (panel), app_window_get_document (win));
}

gboolean
app_ops_panel_show_job (GtkWidget *app_window, const char *job_path, const char *overlay, GError **error)
{
  g_return_val_if_fail (APP_IS_WINDOW (app_window), FALSE);
  RenderOverlay o = RENDER_OVERLAY_TYPE;
  if (overlay && !render_overlay_from_string (overlay, &o))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "--overlay must be type, feed, deflection, finish, safety or operation, not '%s'", overlay);
      return FALSE;
    }
  app_ops_panel_attach (app_window);
  AppOpsPanel *panel = window_panel (APP_WINDOW (app_window));
  if (!app_ops_panel_load_job (panel, job_path, error))
    return FALSE;
  app_ops_panel_set_overlay (panel, o);
  app_window_show_panel (APP_WINDOW (app_window), "operations");
  /* Open the job's part when the window shows another one (its path as saved, else next
   * to the job file); the panel keeps the job for that part. */
  CamJob *job = app_ops_panel_get_job (panel);
  CamMesh *mesh = app_window_get_mesh (APP_WINDOW (app_window));
  if (job->part_path)
    {
      g_autoptr (GFile) part = g_file_new_for_path (job->part_path);
      if (!g_file_query_exists (part, NULL) && !g_path_is_absolute (job->part_path))
        {
          g_autofree char *dir = g_path_get_dirname (job_path);
          g_autofree char *base = g_path_get_basename (job->part_path);
          g_autofree char *next = g_build_filename (dir, base, NULL);
          g_object_unref (part);
          part = g_file_new_for_path (next);
          g_free (job->part_path);
          job->part_path = g_file_get_path (part);
        }
      g_autoptr (GFile) shown = mesh && mesh->source_path ? g_file_new_for_path (mesh->source_path) : NULL;
      if (shown == NULL || !g_file_equal (shown, part))
        app_window_open (APP_WINDOW (app_window), part);
    }
  return TRUE;
}
