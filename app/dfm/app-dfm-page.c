/* app-dfm-page.c — puts the DFM panel in a main window as its "dfm" page, on the window's
 * document (its part and process choice), so app-window.c needs one call and the panel
 * itself builds and tests without a window. */
#include "app-dfm-panel.h"
#include "app-window.h"

void
app_dfm_panel_attach (GtkWidget *app_window)
{
  g_return_if_fail (APP_IS_WINDOW (app_window));
  AppWindow *win = APP_WINDOW (app_window);
  GtkWidget *panel = app_dfm_panel_new (app_window_get_view (win));
  app_window_add_panel (win, panel, "dfm", "DFM");
  app_dfm_panel_set_document (APP_DFM_PANEL (panel), app_window_get_document (win));
}
