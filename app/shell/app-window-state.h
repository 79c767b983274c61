/* app-window-state.h — remembers the main window's size, maximized state and side panel
 * width in $XDG_CONFIG_HOME/microcam/window.ini (a GKeyFile, written atomically). */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef struct {
  int width, height;
  gboolean maximized;
  int panel_width;          /* side panel, pixels */
} AppWindowState;

/* Defaults when the file is missing or unreadable. */
void     app_window_state_load (AppWindowState *state);
/* FALSE with error when the file cannot be written. */
gboolean app_window_state_save (const AppWindowState *state, GError **error);
char    *app_window_state_path (void);

G_END_DECLS
