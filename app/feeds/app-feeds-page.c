/* app-feeds-page.c — puts the Feeds & Speeds panel in every main window, as its "feeds" page.
 * Connected once to GtkApplication::window-added (app-application.c), so app-window.c needs
 * no knowledge of the panel and the panel builds and tests without the window. */
#include "app-feeds-panel.h"
#include "app-window.h"

void
app_feeds_panel_attach (GtkApplication *app, GtkWindow *window, gpointer data)
{
  (void) app;
  (void) data;
  if (APP_IS_WINDOW (window))
    app_window_add_panel (APP_WINDOW (window), app_feeds_panel_new (NULL), "feeds", "Feeds");
}
