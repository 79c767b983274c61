/* app-window-state.c — window.ini: size, maximized, side panel width. */
#include "app-window-state.h"

#include <errno.h>
#include <glib/gstdio.h>

#define GROUP "window"

char *
app_window_state_path (void)
{
  return g_build_filename (g_get_user_config_dir (), "microcam", "window.ini", NULL);
}

static int
read_int (GKeyFile *kf, const char *key, int fallback, int lo, int hi)
{
  g_autoptr (GError) error = NULL;
  int v = g_key_file_get_integer (kf, GROUP, key, &error);
  if (error != NULL)
    return fallback;
  return CLAMP (v, lo, hi);
}

void
app_window_state_load (AppWindowState *state)
{
  g_autoptr (GKeyFile) kf = g_key_file_new ();
  g_autofree char *path = app_window_state_path ();

  state->width = 1200;
  state->height = 760;
  state->maximized = FALSE;
  state->panel_width = 340;
  if (!g_key_file_load_from_file (kf, path, G_KEY_FILE_NONE, NULL))
    return;
  state->width = read_int (kf, "width", state->width, 400, 16384);
  state->height = read_int (kf, "height", state->height, 300, 16384);
  state->maximized = read_int (kf, "maximized", 0, 0, 1) != 0;
  state->panel_width = read_int (kf, "panel-width", state->panel_width, 120, 4000);
}

gboolean
app_window_state_save (const AppWindowState *state, GError **error)
{
  g_autoptr (GKeyFile) kf = g_key_file_new ();
  g_autofree char *path = app_window_state_path ();
  g_autofree char *dir = g_path_get_dirname (path);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int errsv = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errsv),
                   "%s: cannot create the folder: %s", dir, g_strerror (errsv));
      return FALSE;
    }
  g_key_file_set_integer (kf, GROUP, "width", state->width);
  g_key_file_set_integer (kf, GROUP, "height", state->height);
  g_key_file_set_integer (kf, GROUP, "maximized", state->maximized ? 1 : 0);
  g_key_file_set_integer (kf, GROUP, "panel-width", state->panel_width);
  /* g_key_file_save_to_file writes with g_file_set_contents: temp file + rename */
  return g_key_file_save_to_file (kf, path, error);
}
