/* app-feeds-page.c — puts the Feeds & Speeds panel in every main window, as its "feeds" page,
 * its material and machine the window document's.
 * Connected once to GtkApplication::window-added (app-application.c), so app-window.c needs
 * no knowledge of the panel and the panel builds and tests without the window. */
#include "app-feeds-panel.h"
#include "app-window.h"

void
app_feeds_panel_attach (GtkApplication *app, GtkWindow *window, gpointer data)
{
  (void) app;
  (void) data;
  if (!APP_IS_WINDOW (window))
    return;
  GtkWidget *panel = app_feeds_panel_new (NULL);
  app_window_add_panel (APP_WINDOW (window), panel, "feeds", "Feeds");
  app_feeds_panel_set_document (APP_FEEDS_PANEL (panel), app_window_get_document (APP_WINDOW (window)));
}
