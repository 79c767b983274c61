/* app-open.c — opening any file microcam knows, by its kind (see app-open.h). */
#include "app-open.h"

#include <string.h>

#include "app-gcode-panel.h"
#include "app-ops-panel.h"

static const char *const part_suffixes[] = { "stl", "obj", NULL };
static const char *const job_suffixes[] = { "json", NULL };
/* what CAM systems and controllers name programs: LinuxCNC .ngc, Fanuc/Haas .nc and .tap,
 * grbl senders .gcode/.gc, and .cnc */
static const char *const gcode_suffixes[] = { "ngc", "nc", "tap", "gcode", "gc", "cnc", NULL };

static gboolean
has_suffix (const char *name, const char *const *suffixes)
{
  const char *dot = strrchr (name, '.');
  if (dot == NULL || strchr (dot, '/') != NULL)
    return FALSE;
  for (; *suffixes != NULL; suffixes++)
    if (g_ascii_strcasecmp (dot + 1, *suffixes) == 0)
      return TRUE;
  return FALSE;
}

AppFileKind
app_open_classify (const char *name)
{
  g_return_val_if_fail (name != NULL, APP_FILE_PART);
  if (has_suffix (name, job_suffixes))
    return APP_FILE_JOB;
  if (has_suffix (name, gcode_suffixes))
    return APP_FILE_GCODE;
  return APP_FILE_PART;
}

gboolean
app_open_file (AppWindow *win, GFile *file, GError **error)
{
  g_return_val_if_fail (APP_IS_WINDOW (win), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_autofree char *name = g_file_get_basename (file);
  AppFileKind kind = app_open_classify (name);
  if (kind == APP_FILE_PART)
    {
      app_window_open (win, file);
      return TRUE;
    }
  g_autofree char *path = g_file_get_path (file);
  if (path == NULL)
    {
      g_autofree char *uri = g_file_get_uri (file);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "%s: only local files can be opened", uri);
      return FALSE;
    }
  gboolean ok = kind == APP_FILE_JOB ? app_ops_panel_show_job (GTK_WIDGET (win), path, "type", error)
                                     : app_gcode_panel_show_file (GTK_WIDGET (win), path, error);
  if (ok)
    app_window_remember_recent (win, path);
  return ok;
}

void
app_open_file_or_report (AppWindow *win, GFile *file)
{
  g_autoptr (GError) error = NULL;
  if (!app_open_file (win, file, &error))
    {
      if (app_window_get_batch_mode (win))
        g_warning ("%s", error->message);
      else
        app_window_show_open_error (win, file, error);
    }
}

static void
add_filter (GtkFileChooser *chooser, const char *name, const char *const *a, const char *const *b,
            const char *const *c)
{
  g_autoptr (GtkFileFilter) filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, name);
  const char *const *lists[] = { a, b, c };
  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    for (const char *const *s = lists[i]; s != NULL && *s != NULL; s++)
      gtk_file_filter_add_suffix (filter, *s);
  gtk_file_chooser_add_filter (chooser, filter);
}

void
app_open_add_filters (GtkFileChooser *chooser)
{
  add_filter (chooser, "All microcam files (parts, jobs, G-code)", part_suffixes, job_suffixes, gcode_suffixes);
  add_filter (chooser, "Parts (STL, OBJ)", part_suffixes, NULL, NULL);
  add_filter (chooser, "Jobs (microcam JSON)", job_suffixes, NULL, NULL);
  add_filter (chooser, "G-code programs (.ngc .nc .tap .gcode)", gcode_suffixes, NULL, NULL);
}
