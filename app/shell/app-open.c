/* app-open.c — opening any file microcam knows, by its kind (see app-open.h), asking first
 * when that would throw away a job's changes not saved. */
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

static void
open_or_report (AppWindow *win, GFile *file)
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

/* Whether opening file would replace a job that has changes not saved: a part (another than
 * the job's own, which keeps the job: app_ops_panel_set_mesh) or a job. A program opens on the
 * G-code page and leaves the job as it is. Batch runs never ask. */
gboolean
app_open_would_discard (AppWindow *win, GFile *file)
{
  g_return_val_if_fail (APP_IS_WINDOW (win), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  AppDocument *doc = app_window_get_document (win);
  CamJob *job = app_document_get_job (doc);
  if (job == NULL || !app_document_get_dirty (doc) || app_window_get_batch_mode (win))
    return FALSE;
  g_autofree char *name = g_file_get_basename (file);
  AppFileKind kind = app_open_classify (name);
  if (kind == APP_FILE_GCODE)
    return FALSE;
  if (kind == APP_FILE_PART && job->part_path != NULL)
    {
      g_autoptr (GFile) part = g_file_new_for_path (job->part_path);
      if (g_file_equal (part, file))
        return FALSE;
    }
  return TRUE;
}

typedef struct {
  AppWindow *win;
  GFile *file;
} Pending;

static void
pending_free (Pending *p)
{
  g_object_unref (p->win);
  g_object_unref (p->file);
  g_free (p);
}

static void
saved_then_open (gpointer data, gboolean saved)
{
  Pending *p = data;
  if (saved)
    open_or_report (p->win, p->file);
  pending_free (p);
}

static void
discard_response_cb (GtkDialog *dialog, int response, gpointer data)
{
  (void) data;
  /* the dialog owns the request until answered (a window closed meanwhile frees it) */
  Pending *p = g_object_steal_data (G_OBJECT (dialog), "app-open-pending");
  gtk_window_destroy (GTK_WINDOW (dialog));
  if (p == NULL)
    return;
  GtkWidget *panel = app_window_get_panel (p->win, "operations");
  if (response == GTK_RESPONSE_REJECT)
    open_or_report (p->win, p->file);
  else if (response == GTK_RESPONSE_ACCEPT && panel != NULL)
    {
      /* to the job's file, or through the chooser; the file opens once the job is saved */
      app_ops_panel_save_then (APP_OPS_PANEL (panel), saved_then_open, p);
      return;
    }
  pending_free (p);
}

void
app_open_file_or_report (AppWindow *win, GFile *file)
{
  g_return_if_fail (APP_IS_WINDOW (win));
  if (!app_open_would_discard (win, file))
    {
      open_or_report (win, file);
      return;
    }
  GtkWidget *panel = app_window_get_panel (win, "operations");
  const char *job_path = panel ? app_ops_panel_get_job_path (APP_OPS_PANEL (panel)) : NULL;
  g_autofree char *job_name = job_path ? g_path_get_basename (job_path) : g_strdup ("the new job");
  g_autofree char *name = g_file_get_basename (file);
  GtkWidget *dialog = gtk_message_dialog_new (GTK_WINDOW (win), GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                              GTK_MESSAGE_QUESTION, GTK_BUTTONS_NONE,
                                              "Save the changes to %s before opening %s?", job_name, name);
  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog),
                                            "Opening %s replaces the job on the Operations page: the "
                                            "changes since it was %s are lost unless they are saved.",
                                            name, job_path ? "saved" : "planned");
  gtk_dialog_add_buttons (GTK_DIALOG (dialog), "_Discard Changes", GTK_RESPONSE_REJECT, "_Cancel",
                          GTK_RESPONSE_CANCEL, job_path ? "_Save" : "_Save As…", GTK_RESPONSE_ACCEPT, NULL);
  gtk_dialog_set_default_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT);
  gtk_window_set_title (GTK_WINDOW (dialog), "Unsaved job");
  Pending *p = g_new0 (Pending, 1);
  p->win = g_object_ref (win);
  p->file = g_object_ref (file);
  g_object_set_data_full (G_OBJECT (dialog), "app-open-pending", p, (GDestroyNotify) pending_free);
  g_signal_connect (dialog, "response", G_CALLBACK (discard_response_cb), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
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
