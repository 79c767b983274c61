/* app-gcode-page.c — puts the G-code panel in a main window as its "gcode" page, so
 * app-window.c needs one call, the open-by-file-type code one more, and the panel itself
 * builds and tests without a window. */
#include "app-gcode-panel.h"
#include "app-window.h"

/* Every program shown goes to the recent files (File → Open Recent), however it was opened;
 * the view's "open a part" hint goes, since the view now shows something. */
static void
program_loaded_cb (AppGcodePanel *panel, gpointer win)
{
  app_window_remember_recent (APP_WINDOW (win), app_gcode_panel_get_path (panel));
  app_window_set_empty_hint_visible (APP_WINDOW (win), FALSE);
  app_window_set_program (APP_WINDOW (win), app_gcode_panel_get_path (panel));
}

/* While the G-code page is shown, the document says a program has the view: the job's
 * toolpaths and legend (the Operations page observes it) give way, so the program's lines
 * and legend are the only ones in the view. */
static void
page_mapped_cb (GtkWidget *panel, gpointer win)
{
  (void) panel;
  app_document_set_program_shown (app_window_get_document (APP_WINDOW (win)), TRUE);
}

static void
page_unmapped_cb (GtkWidget *panel, gpointer win)
{
  (void) panel;
  app_document_set_program_shown (app_window_get_document (APP_WINDOW (win)), FALSE);
}

void
app_gcode_panel_attach (GtkWidget *app_window)
{
  g_return_if_fail (APP_IS_WINDOW (app_window));
  AppWindow *win = APP_WINDOW (app_window);
  if (app_window_get_panel (win, "gcode") != NULL)
    return;
  GtkWidget *panel = app_gcode_panel_new (app_window_get_view (win));
  g_signal_connect_object (panel, "program-loaded", G_CALLBACK (program_loaded_cb), win, 0);
  g_signal_connect_object (panel, "map", G_CALLBACK (page_mapped_cb), win, 0);
  g_signal_connect_object (panel, "unmap", G_CALLBACK (page_unmapped_cb), win, 0);
  app_window_add_panel (win, panel, "gcode", "G-code");
  app_gcode_panel_set_document (APP_GCODE_PANEL (panel), app_window_get_document (win));
}

AppGcodePanel *
app_gcode_panel_from_window (GtkWidget *app_window)
{
  g_return_val_if_fail (APP_IS_WINDOW (app_window), NULL);
  GtkWidget *panel = app_window_get_panel (APP_WINDOW (app_window), "gcode");
  return panel != NULL ? APP_GCODE_PANEL (panel) : NULL;
}

gboolean
app_gcode_panel_show_file (GtkWidget *app_window, const char *path, GError **error)
{
  g_return_val_if_fail (APP_IS_WINDOW (app_window), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  /* a file that cannot be opened at all is said now; what is wrong inside it, by the page */
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT, "%s: no such G-code file (or not a regular file)", path);
      return FALSE;
    }
  app_gcode_panel_attach (app_window);
  AppGcodePanel *panel = app_gcode_panel_from_window (app_window);
  app_window_show_panel (APP_WINDOW (app_window), "gcode");
  app_gcode_panel_open (panel, path);
  return TRUE;
}
