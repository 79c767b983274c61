/* app-ops-page.c — puts the Operations panel in a main window as its "operations" page and
 * keeps it on the window's part (::mesh-changed), so app-window.c needs one call and the
 * panel itself builds and tests without a window. */
#include "app-ops-panel.h"
#include "app-window.h"

static void
mesh_changed_cb (AppWindow *win, gpointer panel)
{
  app_ops_panel_set_mesh (APP_OPS_PANEL (panel), app_window_get_mesh (win));
}

void
app_ops_panel_attach (GtkWidget *app_window)
{
  g_return_if_fail (APP_IS_WINDOW (app_window));
  AppWindow *win = APP_WINDOW (app_window);
  if (g_object_get_data (G_OBJECT (win), "app-ops-panel") != NULL)
    return;
  GtkWidget *panel = app_ops_panel_new (app_window_get_view (win));
  g_object_set_data (G_OBJECT (win), "app-ops-panel", panel);
  g_signal_connect_object (win, "mesh-changed", G_CALLBACK (mesh_changed_cb), panel, 0);
  app_window_add_panel (win, panel, "operations", "Operations");
  if (app_window_get_mesh (win) != NULL)
    app_ops_panel_set_mesh (APP_OPS_PANEL (panel), app_window_get_mesh (win));
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
  AppOpsPanel *panel = g_object_get_data (G_OBJECT (app_window), "app-ops-panel");
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
