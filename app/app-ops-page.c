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
  return TRUE;
}
