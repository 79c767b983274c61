/* app-dfm-page.c — puts the DFM panel in a main window as its "dfm" page and keeps it on the
 * window's part (::mesh-changed), so app-window.c needs one call and the panel itself builds
 * and tests without a window. */
#include "app-dfm-panel.h"
#include "app-window.h"

static void
mesh_changed_cb (AppWindow *win, gpointer panel)
{
  app_dfm_panel_set_mesh (APP_DFM_PANEL (panel), app_window_get_mesh (win));
}

void
app_dfm_panel_attach (GtkWidget *app_window)
{
  g_return_if_fail (APP_IS_WINDOW (app_window));
  AppWindow *win = APP_WINDOW (app_window);
  GtkWidget *panel = app_dfm_panel_new (app_window_get_view (win));
  g_signal_connect_object (win, "mesh-changed", G_CALLBACK (mesh_changed_cb), panel, 0);
  app_window_add_panel (win, panel, "dfm", "DFM");
  if (app_window_get_mesh (win) != NULL)
    app_dfm_panel_set_mesh (APP_DFM_PANEL (panel), app_window_get_mesh (win));
}
