/* app-ops-files.c — the Operations panel's files: open and save the job (cam-job-io), export
 * G-code through a post (cam-post-job), write the process sheet (cam-report) in a thread, the
 * file choosers behind File → Save Job / Export G-code / Export Report, and the job's state
 * for the window's title (where it was saved, and whether it changed since).
 *
 * The report and the chooser's G-code export run in GTask threads on a snapshot of the job
 * (cam_job_copy, taken on the main thread when asked) and a reference to the part: what they
 * write is the job as it was when asked, whatever is edited meanwhile, and they never read
 * what the main thread changes. They hand back only success or an error. */
#include "app-ops-panel-private.h"

#include <string.h>

#include "app-error-dialog.h"
#include "app-library-picker.h"
#include "cam-job-io.h"
#include "cam-post.h"
#include "cam-post-job.h"
#include "cam-report.h"

/* ---- job ---- */

CamJob *
app_ops_panel_get_job (AppOpsPanel *self)
{
  return self->job;
}

gboolean
app_ops_panel_load_job (AppOpsPanel *self, const char *path, GError **error)
{
  if (self->busy)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_BUSY, "the panel is busy: cancel first");
      return FALSE;
    }
  CamJob *job = cam_job_io_load (path, self->lib, error);
  if (job == NULL)
    return FALSE;
  g_clear_pointer (&self->job, cam_job_unref);
  self->job = job;
  app_ops_panel_job_changed (self);
  /* another job: the edits of the one before are not its */
  app_ops_history_clear (self->history);
  self->picked_move = -1;
  app_library_picker_select_id (self->material, self->lib, job->material_id);
  app_library_picker_select_id (self->machine, self->lib, job->machine_id);
  /* the job's tolerance and finish become the document's: what Regenerate plans with */
  if (job->tolerance_mm > 0)
    gtk_spin_button_set_value (self->tolerance, job->tolerance_mm);
  if (job->finish_ra_um > 0)
    gtk_spin_button_set_value (self->finish, job->finish_ra_um);
  g_autofree char *changed = NULL;
  gboolean same = cam_job_io_part_unchanged (job, &changed);
  g_autofree char *unreachable = job->unreachable->len ? g_strdup_printf (" · %u unreachable", job->unreachable->len)
                                                       : g_strdup ("");
  g_autofree char *text = g_strdup_printf ("%s: %u operations%s%s%s", path, job->ops->len, unreachable,
                                           same ? "" : " — warning: ", same ? "" : changed);
  app_ops_panel_set_status_linked (self, text);
  app_ops_panel_set_job_state (self, path, FALSE);
  app_ops_panel_refresh (self);
  return TRUE;
}

gboolean
app_ops_panel_save_job (AppOpsPanel *self, const char *path, GError **error)
{
  if (self->job == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "no job to save: plan or open one");
      return FALSE;
    }
  if (!cam_job_io_save (self->job, path, error))
    return FALSE;
  app_ops_panel_set_job_state (self, path, FALSE);
  return TRUE;
}

static const CamPostDialect *
export_dialect (AppOpsPanel *self, const char *post, GError **error)
{
  if (self->job == NULL || self->job->toolpath == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "no toolpath to export: plan or regenerate first");
      return NULL;
    }
  const CamPostDialect *dialect = cam_post_find (post ? post : "linuxcnc");
  if (dialect == NULL)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "unknown post '%s'", post);
  return dialect;
}

gboolean
app_ops_panel_export_gcode (AppOpsPanel *self, const char *post, const char *path, GError **error)
{
  const CamPostDialect *dialect = export_dialect (self, post, error);
  if (dialect == NULL)
    return FALSE;
  CamPostOptions po;
  cam_post_options_init (&po);
  return cam_post_write_job (self->job, self->lib, dialect, &po, path, error);
}

gboolean
app_ops_panel_export_gcode_per_tool (AppOpsPanel *self, const char *post, const char *path, GPtrArray *written,
                                     GError **error)
{
  const CamPostDialect *dialect = export_dialect (self, post, error);
  if (dialect == NULL)
    return FALSE;
  CamPostOptions po;
  cam_post_options_init (&po);
  return cam_post_write_job_per_tool (self->job, self->lib, dialect, &po, path, written, error);
}

/* ---- Save job… / Export G-code… ---- */

static const char *const post_names[] = { "linuxcnc", "fanuc", "grbl", NULL };

static void
report (AppOpsPanel *self, gboolean ok, const char *what, const char *path, const GError *error)
{
  g_autofree char *text = ok ? g_strdup_printf ("%s: %s", what, path) : g_strdup_printf ("%s failed: %s", what, error->message);
  app_ops_panel_set_status (self, text);
  /* a dialog only where someone sees it: not for a panel in no window (tests) */
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  if (!ok && GTK_IS_WINDOW (root) && gtk_widget_get_mapped (GTK_WIDGET (root)))
    {
      g_autofree char *primary = g_strdup_printf ("%s failed", what);
      app_error_dialog_show (GTK_WIDGET (self), NULL, primary, error->message);
    }
}

enum { SAVE_JOB, SAVE_GCODE, SAVE_REPORT };

typedef struct {
  CamJob *job;              /* the task's own snapshot (cam_job_copy) */
  CamMesh *mesh;            /* may be NULL: the sheet then has no DFM section */
  const CamLibrary *lib;
  char *path;
  char *post;               /* G-code export: linuxcnc | fanuc | grbl */
  gboolean per_tool;        /* G-code export: one program per tool */
  guint n_written;          /* G-code export per tool: programs written (thread → done) */
  char *first_written;
} ReportTask;

static void
report_task_free (ReportTask *t)
{
  cam_job_unref (t->job);
  g_clear_pointer (&t->mesh, cam_mesh_unref);
  g_free (t->path);
  g_free (t->post);
  g_free (t->first_written);
  g_free (t);
}

static ReportTask *
report_task_new (AppOpsPanel *self, const char *path)
{
  ReportTask *t = g_new0 (ReportTask, 1);
  t->job = cam_job_copy (self->job);
  t->mesh = self->mesh ? cam_mesh_ref (self->mesh) : NULL;
  t->lib = self->lib;
  t->path = g_strdup (path);
  return t;
}

static void
files_task_finished (AppOpsPanel *self)
{
  g_return_if_fail (self->files_in_flight > 0);
  self->files_in_flight--;
}

/* Feature recognition and DFM take a second on a large part: off the main thread. */
static void
report_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  ReportTask *t = data;
  (void) source;
  /* the part as the window has it (else read from the job's part_path): its picture and review */
  g_autoptr (CamReportPart) part = cam_report_part_new (t->job, t->lib, t->mesh, cancellable);
  g_autofree char *name = t->job->part_path ? g_path_get_basename (t->job->part_path) : g_strdup ("job");
  GError *error = NULL;
  if (cam_report_write_html (t->job, t->lib, part, name, t->path, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
report_done (GObject *source, GAsyncResult *res, gpointer data)
{
  AppOpsPanel *self = APP_OPS_PANEL (source);
  ReportTask *t = g_task_get_task_data (G_TASK (res));
  g_autoptr (GError) error = NULL;
  (void) data;
  gboolean ok = g_task_propagate_boolean (G_TASK (res), &error);
  files_task_finished (self);
  report (self, ok, "Export report", t->path, error);
}

void
app_ops_panel_export_report (AppOpsPanel *self, const char *path)
{
  if (self->job == NULL)
    {
      app_ops_panel_set_status (self, "Plan or open a job first");
      return;
    }
  ReportTask *t = report_task_new (self, path);
  app_ops_panel_set_status (self, "Writing the process sheet…");
  self->files_in_flight++;
  GTask *task = g_task_new (self, NULL, report_done, NULL);
  g_task_set_task_data (task, t, (GDestroyNotify) report_task_free);
  g_task_run_in_thread (task, report_thread);
  g_object_unref (task);
}

/* The post's tables and the file writing, off the main thread: a long program takes a while. */
static void
export_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  ReportTask *t = data;
  (void) source;
  (void) cancellable;
  const CamPostDialect *dialect = cam_post_find (t->post);
  CamPostOptions po;
  cam_post_options_init (&po);
  GError *error = NULL;
  gboolean ok;
  if (t->per_tool)
    {
      g_autoptr (GPtrArray) written = g_ptr_array_new_with_free_func (g_free);
      ok = cam_post_write_job_per_tool (t->job, t->lib, dialect, &po, t->path, written, &error);
      t->n_written = written->len;
      t->first_written = g_path_get_basename (written->len ? written->pdata[0] : t->path);
    }
  else
    ok = cam_post_write_job (t->job, t->lib, dialect, &po, t->path, &error);
  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
export_done (GObject *source, GAsyncResult *res, gpointer data)
{
  AppOpsPanel *self = APP_OPS_PANEL (source);
  ReportTask *t = g_task_get_task_data (G_TASK (res));
  g_autoptr (GError) error = NULL;
  (void) data;
  gboolean ok = g_task_propagate_boolean (G_TASK (res), &error);
  files_task_finished (self);
  if (ok && t->per_tool)
    {
      /* the status names the programs written, not the name typed */
      g_autofree char *text = g_strdup_printf ("Export G-code: %u programs, one per tool (%s …)", t->n_written,
                                               t->first_written);
      app_ops_panel_set_status (self, text);
      return;
    }
  report (self, ok, "Export G-code", t->path, error);
}

void
app_ops_panel_start_export_gcode (AppOpsPanel *self, const char *post, const char *path, gboolean per_tool)
{
  g_return_if_fail (APP_IS_OPS_PANEL (self));
  g_autoptr (GError) error = NULL;
  const CamPostDialect *dialect = export_dialect (self, post, &error);
  if (dialect == NULL)
    {
      report (self, FALSE, "Export G-code", path, error);
      return;
    }
  ReportTask *t = report_task_new (self, path);
  t->post = g_strdup (dialect->name);
  t->per_tool = per_tool;
  app_ops_panel_set_status (self, "Writing the G-code…");
  self->files_in_flight++;
  GTask *task = g_task_new (self, NULL, export_done, NULL);
  g_task_set_task_data (task, t, (GDestroyNotify) report_task_free);
  g_task_run_in_thread (task, export_thread);
  g_object_unref (task);
}

gboolean
app_ops_panel_is_writing (AppOpsPanel *self)
{
  g_return_val_if_fail (APP_IS_OPS_PANEL (self), FALSE);
  return self->files_in_flight > 0;
}

static void
save_response_cb (GtkNativeDialog *dialog, int response, AppOpsPanel *self)
{
  int what = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "what"));
  g_autoptr (GFile) file = response == GTK_RESPONSE_ACCEPT ? gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog)) : NULL;
  g_autofree char *path = file ? g_file_get_path (file) : NULL;
  if (file != NULL && path == NULL)
    {
      g_autofree char *uri = g_file_get_uri (file);
      g_autoptr (GError) error = g_error_new (G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "%s is not a local file", uri);
      report (self, FALSE, "Save", "", error);
    }
  else if (path != NULL && what == SAVE_REPORT)
    app_ops_panel_export_report (self, path);
  else if (path != NULL)
    {
      g_autoptr (GError) error = NULL;
      gboolean ok;
      if (what == SAVE_GCODE)
        {
          /* the post chosen in the dialog becomes the panel's choice too */
          const char *post = gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (dialog), "post");
          for (guint i = 0; post != NULL && post_names[i] != NULL; i++)
            if (g_str_equal (post, post_names[i]))
              gtk_drop_down_set_selected (self->post_choice, i);
          post = post_names[gtk_drop_down_get_selected (self->post_choice)];
          const char *per_tool = gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (dialog), "per-tool");
          app_ops_panel_start_export_gcode (self, post, path, g_strcmp0 (per_tool, "true") == 0);
        }
      else
        {
          ok = app_ops_panel_save_job (self, path, &error);
          report (self, ok, "Save job", path, error);
          app_ops_panel_finish_save_then (self, ok);
        }
    }
  if (what == SAVE_JOB && path == NULL)
    app_ops_panel_finish_save_then (self, FALSE);
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
  g_object_unref (self);
}

static void
ask_path (AppOpsPanel *self, int what)
{
  static const char *const titles[] = { "Save Job", "Export G-code", "Export Report" };
  gboolean gcode = what == SAVE_GCODE;
  if (self->job == NULL)
    {
      app_ops_panel_set_status (self, "Plan or open a job first");
      return;
    }
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkFileChooserNative *dialog = gtk_file_chooser_native_new (titles[what],
                                                              GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                              GTK_FILE_CHOOSER_ACTION_SAVE, "_Save", "_Cancel");
  const char *post = post_names[gtk_drop_down_get_selected (self->post_choice)];
  const CamPostDialect *d = cam_post_find (post);
  if (gcode)
    {
      static const char *const labels[] = { "LinuxCNC (RS274/NGC)", "Fanuc", "grbl", NULL };
      gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (dialog), "post", "Controller", (const char **) post_names,
                                   (const char **) labels);
      gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (dialog), "post", post);
      /* a check box: NAME-T1.ngc, NAME-T2.ngc … (cam_post_write_job_per_tool) */
      gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (dialog), "per-tool", "One program per tool", NULL, NULL);
      gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (dialog), "per-tool", "false");
    }
  /* next to the job file when there is one, else next to the part */
  const char *near = self->job_path ? self->job_path : self->job->part_path;
  if (near != NULL)
    {
      g_autofree char *dir = g_path_get_dirname (near);
      g_autoptr (GFile) folder = g_file_new_for_path (dir);
      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (dialog), folder, NULL);
    }
  const char *from = self->job_path ? self->job_path : self->job->part_path;
  g_autofree char *base = from ? g_path_get_basename (from) : g_strdup ("job");
  char *dot = strrchr (base, '.');
  if (dot)
    *dot = '\0';
  g_autofree char *name = g_strdup_printf ("%s%s.%s", base, what == SAVE_REPORT ? "-process-sheet" : "",
                                           gcode ? (d ? d->extension : "ngc") : what == SAVE_REPORT ? "html" : "json");
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  g_object_set_data (G_OBJECT (dialog), "what", GINT_TO_POINTER (what));
  g_signal_connect (dialog, "response", G_CALLBACK (save_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

void
app_ops_panel_ask_save_job (AppOpsPanel *self, gboolean save_as)
{
  g_return_if_fail (APP_IS_OPS_PANEL (self));
  if (save_as || self->job_path == NULL || self->job == NULL)
    {
      ask_path (self, SAVE_JOB);
      return;
    }
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_strdup (self->job_path);
  gboolean ok = app_ops_panel_save_job (self, path, &error);
  report (self, ok, "Save job", path, error);
}

void
app_ops_panel_finish_save_then (AppOpsPanel *self, gboolean saved)
{
  void (*done) (gpointer, gboolean) = self->save_then;
  gpointer data = self->save_then_data;
  self->save_then = NULL;
  self->save_then_data = NULL;
  if (done != NULL)
    done (data, saved);
}

void
app_ops_panel_save_then (AppOpsPanel *self, void (*done) (gpointer data, gboolean saved), gpointer data)
{
  g_return_if_fail (APP_IS_OPS_PANEL (self));
  /* one at a time: an earlier request that is still waiting for its chooser is given up */
  app_ops_panel_finish_save_then (self, FALSE);
  self->save_then = done;
  self->save_then_data = data;
  if (self->job == NULL)
    {
      app_ops_panel_finish_save_then (self, FALSE);
      return;
    }
  if (self->job_path == NULL)
    {
      ask_path (self, SAVE_JOB);   /* save_response_cb finishes it */
      return;
    }
  app_ops_panel_ask_save_job (self, FALSE);
  app_ops_panel_finish_save_then (self, !self->modified);
}

void
app_ops_panel_ask_export_gcode (AppOpsPanel *self)
{
  g_return_if_fail (APP_IS_OPS_PANEL (self));
  ask_path (self, SAVE_GCODE);
}

void
app_ops_panel_ask_export_report (AppOpsPanel *self)
{
  g_return_if_fail (APP_IS_OPS_PANEL (self));
  ask_path (self, SAVE_REPORT);
}

/* ---- actions: ops.* on the panel (its buttons), the same objects as win.* in a window ---- */

static void save_job_activated (GSimpleAction *a, GVariant *p, gpointer d) { (void) a; (void) p; app_ops_panel_ask_save_job (d, FALSE); }
static void save_job_as_activated (GSimpleAction *a, GVariant *p, gpointer d) { (void) a; (void) p; app_ops_panel_ask_save_job (d, TRUE); }
static void export_gcode_activated (GSimpleAction *a, GVariant *p, gpointer d) { (void) a; (void) p; app_ops_panel_ask_export_gcode (d); }
static void export_report_activated (GSimpleAction *a, GVariant *p, gpointer d) { (void) a; (void) p; app_ops_panel_ask_export_report (d); }

static void plan_activated (GSimpleAction *a, GVariant *p, gpointer d) { (void) a; (void) p; app_ops_panel_plan (d); }
static void undo_activated (GSimpleAction *a, GVariant *p, gpointer d) { (void) a; (void) p; app_ops_panel_undo (d); }
static void redo_activated (GSimpleAction *a, GVariant *p, gpointer d) { (void) a; (void) p; app_ops_panel_redo (d); }
static void regenerate_activated (GSimpleAction *a, GVariant *p, gpointer d) { (void) a; (void) p; app_ops_panel_regenerate (d); }

static const GActionEntry file_entries[] = {
  { "plan", plan_activated, NULL, NULL, NULL, { 0 } },
  { "regenerate", regenerate_activated, NULL, NULL, NULL, { 0 } },
  { "save-job", save_job_activated, NULL, NULL, NULL, { 0 } },
  { "save-job-as", save_job_as_activated, NULL, NULL, NULL, { 0 } },
  { "export-gcode", export_gcode_activated, NULL, NULL, NULL, { 0 } },
  { "export-report", export_report_activated, NULL, NULL, NULL, { 0 } },
  { "undo", undo_activated, NULL, NULL, NULL, { 0 } },
  { "redo", redo_activated, NULL, NULL, NULL, { 0 } },
};

GActionGroup *
app_ops_panel_job_actions_new (AppOpsPanel *self)
{
  GSimpleActionGroup *group = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (group), file_entries, G_N_ELEMENTS (file_entries), self);
  return G_ACTION_GROUP (group);
}

GActionGroup *
app_ops_panel_get_job_actions (AppOpsPanel *self)
{
  g_return_val_if_fail (APP_IS_OPS_PANEL (self), NULL);
  return self->job_actions;
}

void
app_ops_panel_update_job_actions (AppOpsPanel *self)
{
  if (self->job_actions == NULL)
    return;
  gboolean has_job = self->job != NULL && !self->busy;
  const struct { const char *name; gboolean on; } state[] = {
    { "plan", self->mesh != NULL && !self->busy },
    { "regenerate", has_job },
    { "save-job", has_job },
    { "save-job-as", has_job },
    { "export-gcode", has_job && self->job->toolpath != NULL },
    { "export-report", has_job },
  };
  for (guint i = 0; i < G_N_ELEMENTS (state); i++)
    {
      GAction *a = g_action_map_lookup_action (G_ACTION_MAP (self->job_actions), state[i].name);
      g_simple_action_set_enabled (G_SIMPLE_ACTION (a), state[i].on);
    }
}
