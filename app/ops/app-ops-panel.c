/* app-ops-panel.c — the Operations page: construction, operations list, editing, background work
 * (drawing in the view: app-ops-overlay.c).
 *
 * Threads: planning (features + cam_plan_job) and regeneration (cam_job_generate) run in
 * a GTask thread on data nobody else changes: planning on a reference to the part (a CamMesh
 * is never changed once loaded) and copies of the settings; regeneration on a snapshot of
 * the job (cam_job_copy), never on self->job. The thread's job comes back to work_done on
 * the main thread, which swaps it in — or drops it: a task superseded (Cancel, another part,
 * another task) by its generation number, a regeneration of a job edited meanwhile by the
 * job's revision. So the UI never reads what a thread writes and edits while a task runs are
 * safe. Progress comes back through an atomic value polled by a timeout. */
#include "app-ops-panel-private.h"
#include "app-form.h"

#include <math.h>
#include <string.h>

#include "app-library-picker.h"
#include "cam-analysis.h"
#include "cam-features.h"
#include "cam-gen.h"
#include "cam-plan.h"
#include "render-legend.h"

G_DEFINE_FINAL_TYPE (AppOpsPanel, app_ops_panel, GTK_TYPE_BOX)

enum { PROP_0, PROP_MODIFIED, PROP_JOB_PATH, N_PROPS };
static GParamSpec *props[N_PROPS];

void
app_ops_panel_set_status (AppOpsPanel *self, const char *text)
{
  g_free (self->status);
  self->status = g_strdup (text);
  gtk_label_set_text (self->status_label, text);
}

void
app_ops_panel_set_job_state (AppOpsPanel *self, const char *path, gboolean modified)
{
  if (g_strcmp0 (self->job_path, path) != 0)
    {
      char *copy = g_strdup (path);   /* path may be self->job_path itself */
      g_free (self->job_path);
      self->job_path = copy;
      g_object_notify_by_pspec (G_OBJECT (self), props[PROP_JOB_PATH]);
    }
  if (self->modified != !!modified)
    {
      self->modified = !!modified;
      g_object_notify_by_pspec (G_OBJECT (self), props[PROP_MODIFIED]);
    }
  /* the document's dirty flag is this: the job is the one thing the document saves */
  if (self->document != NULL)
    app_document_set_dirty (self->document, self->modified && self->job != NULL);
}

gboolean
app_ops_panel_get_modified (AppOpsPanel *self)
{
  g_return_val_if_fail (APP_IS_OPS_PANEL (self), FALSE);
  return self->modified;
}

const char *
app_ops_panel_get_job_path (AppOpsPanel *self)
{
  g_return_val_if_fail (APP_IS_OPS_PANEL (self), NULL);
  return self->job_path;
}

static const CamMachine *
current_machine (AppOpsPanel *self)
{
  return app_library_picker_get_machine (self->machine, self->lib);
}

/* ---- list ---- */

/* Per operation, from its cutting moves: the spindle speed and the feed range the engine
 * chose (or the overrides), for the list. */
typedef struct {
  double rpm, feed_lo, feed_hi;
} OpFeeds;

static void
op_feeds (const CamJob *job, guint n, OpFeeds *out)
{
  for (guint i = 0; i < n; i++)
    out[i] = (OpFeeds) { NAN, INFINITY, -INFINITY };
  const CamToolpath *tp = job->toolpath;
  for (guint i = 0; tp != NULL && i < tp->moves->len; i++)
    {
      const CamMove *m = cam_toolpath_move (tp, i);
      if (m->op_index >= n || !cam_move_is_cut (m))
        continue;
      OpFeeds *f = &out[m->op_index];
      if (isfinite (m->rpm) && !isfinite (f->rpm))
        f->rpm = m->rpm;
      if (isfinite (m->feed_mm_min) && m->feed_mm_min > 0)
        f->feed_lo = MIN (f->feed_lo, m->feed_mm_min), f->feed_hi = MAX (f->feed_hi, m->feed_mm_min);
    }
}

static const char *const op_kind_words[] = { "Spot drill", "Drill", "Peck drill", "Pocket", "Profile", "Face",
                                             "Helical bore" };

/* "12 s", "3.4 min" */
static char *
duration_words (double s)
{
  return s < 60 ? g_strdup_printf ("%.0f s", s) : g_strdup_printf ("%.1f min", s / 60);
}

static GtkWidget *
op_row (const CamJob *job, guint i, const CamToolpathStats *st, const OpFeeds *f)
{
  const CamJobOp *op = cam_job_op (job, i);
  const CamJobTool *jt = cam_job_tool (job, op->tool);
  const char *kind = (guint) op->kind < G_N_ELEMENTS (op_kind_words) ? op_kind_words[op->kind] : "Operation";
  gboolean gen = op->toolpath != NULL;
  double rpm = isfinite (op->rpm) ? op->rpm : f->rpm;
  g_autofree char *rpm_s = isfinite (rpm) ? g_strdup_printf ("%.0f rpm", rpm) : g_strdup ("rpm –");
  g_autofree char *feed_s = isfinite (op->feed_mm_min) ? g_strdup_printf ("%.0f mm/min (set)", op->feed_mm_min)
                            : f->feed_lo > f->feed_hi ? g_strdup ("feed –")
                            : f->feed_hi - f->feed_lo < 0.5 ? g_strdup_printf ("%.0f mm/min", f->feed_hi)
                                                          : g_strdup_printf ("%.0f–%.0f mm/min", f->feed_lo, f->feed_hi);
  g_autofree char *time_s = gen ? duration_words (st->cycle_time_s) : g_strdup ("not generated");
  g_autofree char *sf = gen && isfinite (st->min_safety_factor) ? g_strdup_printf ("%.1f", st->min_safety_factor)
                                                                 : g_strdup ("–");
  g_autofree char *tool = jt->tool ? cam_tool_describe (jt->tool) : g_strdup (jt->spec);
  g_autofree char *text = g_markup_printf_escaped (
    "<b>%s %s</b>  %s%s\n<small>T%u %s\n%s · %s · %s\n%u move%s · deflection up to %.2f µm · safety factor ≥ %s</small>",
    op->id, kind, op->feature_id ? op->feature_id : "", op->enabled ? "" : "  (off)", jt->number, tool, rpm_s,
    feed_s, time_s, gen ? op->toolpath->moves->len : 0, gen && op->toolpath->moves->len == 1 ? "" : "s",
    gen ? st->max_deflection_um : 0.0, sf);
  GtkWidget *label = gtk_label_new (NULL);
  gtk_label_set_markup (GTK_LABEL (label), text);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_margin_start (label, 4);
  gtk_widget_set_margin_top (label, 2);
  gtk_widget_set_margin_bottom (label, 2);
  return label;
}

static void
fill_list (AppOpsPanel *self)
{
  int sel = app_ops_panel_get_selected (self);
  /* the rows come and go: the selection's redraw waits for the refresh's one */
  self->filling = TRUE;
  GtkWidget *child;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  if (self->job)
    {
      /* every operation's numbers in one pass over the program */
      guint n = self->job->ops->len;
      g_autofree CamToolpathStats *st = g_new0 (CamToolpathStats, MAX (n, 1));
      g_autofree OpFeeds *feeds = g_new0 (OpFeeds, MAX (n, 1));
      for (guint i = 0; i < n; i++)
        st[i].min_safety_factor = INFINITY;
      /* times on the job's machine: its accelerations and rapids, as the CLI's */
      const CamMachine *m = cam_library_find_machine (self->lib, self->job->machine_id);
      CamKinematics kin;
      if (m != NULL)
        cam_machine_kinematics (m, &kin);
      if (self->job->toolpath)
        cam_toolpath_stats_by_op (self->job->toolpath, m ? &kin : NULL, n, st, NULL);
      op_feeds (self->job, n, feeds);
      for (guint i = 0; i < n; i++)
        gtk_list_box_append (self->list, op_row (self->job, i, &st[i], &feeds[i]));
    }
  if (self->job && sel >= 0 && (guint) sel < self->job->ops->len)
    app_ops_panel_select_op (self, sel);
  self->filling = FALSE;
}

void
app_ops_panel_refresh (AppOpsPanel *self)
{
  gtk_widget_set_sensitive (self->plan_button, !self->busy && self->mesh != NULL);
  gtk_widget_set_sensitive (self->regen_button, !self->busy && self->job != NULL);
  gtk_widget_set_sensitive (self->cancel_button, self->busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->list), !self->busy);
  gtk_widget_set_sensitive (self->edit_box, !self->busy && app_ops_panel_get_selected (self) >= 0);
  fill_list (self);
  app_ops_panel_update_job_actions (self);
  app_ops_panel_update_undo_actions (self);
  app_ops_panel_rebuild_unreachable (self);
  app_ops_panel_rebuild_layers (self);
}

/* ---- background work ---- */

typedef struct {
  CamMesh *mesh;
  CamAnalysis *analysis; /* plan: the document's analysis of mesh with these settings, or NULL */
  const CamDfmRules *rules; /* plan: the panel's, never changed after loading */
  CamJob *job;           /* regenerate: the thread's own copy of the job; plan: NULL */
  const CamLibrary *lib; /* the library is never changed after it is loaded */
  char *material_id, *machine_id;
  double tolerance, finish, margin;
  gint *progress;
  guint generation;      /* self->work_generation when started */
  guint revision;        /* regenerate: self->job_revision of the job copied */
} Work;

static void
work_free (Work *w)
{
  g_clear_pointer (&w->mesh, cam_mesh_unref);
  g_clear_pointer (&w->analysis, cam_analysis_unref);
  g_clear_pointer (&w->job, cam_job_unref);
  g_free (w->material_id);
  g_free (w->machine_id);
  g_free (w);
}

static void
progress_cb (double fraction, gpointer data)
{
  g_atomic_int_set ((gint *) data, (gint) (fraction * 1000));
}

static void
work_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  (void) source;
  Work *w = data;
  g_autoptr (GError) error = NULL;
  if (w->job == NULL)
    {
      /* the features `microcam-cli plan` and the DFM page find (one analysis entry point,
       * options from the rules): the document's when it is of this part with these settings */
      CamAnalysisOptions aopts = { w->material_id, w->machine_id, w->tolerance, w->finish };
      g_autoptr (CamAnalysis) analysis = w->analysis ? cam_analysis_ref (w->analysis)
                                                     : cam_analysis_run (w->mesh, w->lib, w->rules, &aopts,
                                                                         cancellable, &error);
      if (analysis == NULL)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      const CamFeatureSet *fs = analysis->features;
      g_atomic_int_set (w->progress, 100);
      CamPlanOptions opt;
      cam_plan_options_init (&opt);
      opt.material_id = w->material_id;
      opt.machine_id = w->machine_id;
      opt.tolerance_mm = w->tolerance;
      opt.finish_ra_um = w->finish;
      opt.stock_margin_mm = w->margin;
      opt.rules = w->rules;
      CamJob *job = cam_plan_job (w->mesh, fs, w->lib, &opt, progress_cb, w->progress, cancellable, &error);
      if (job == NULL)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      g_task_return_pointer (task, job, (GDestroyNotify) cam_job_unref);
      return;
    }
  CamGenContext ctx = { .job = w->job, .material = cam_library_find_material (w->lib, w->job->material_id),
                       .machine = cam_library_find_machine (w->lib, w->job->machine_id), .cancellable = cancellable };
  if (ctx.material == NULL || ctx.machine == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "the job's material '%s' or machine '%s' is not in the library",
                               w->job->material_id, w->job->machine_id);
      return;
    }
  if (!cam_job_generate (&ctx, progress_cb, w->progress, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  /* the copy, generated: nobody else has seen it */
  g_task_return_pointer (task, g_steal_pointer (&w->job), (GDestroyNotify) cam_job_unref);
}

static gboolean
progress_tick (gpointer data)
{
  AppOpsPanel *self = data;
  gtk_progress_bar_set_fraction (self->progress, g_atomic_int_get (&self->progress_permille) / 1000.0);
  return G_SOURCE_CONTINUE;
}

/* The settings a plan was started with are still those chosen. */
static gboolean
plan_settings_current (AppOpsPanel *self, const Work *w)
{
  const CamMaterial *mat = app_library_picker_get_material (self->material, self->lib);
  const CamMachine *mach = current_machine (self);
  return mat != NULL && mach != NULL && g_strcmp0 (mat->id, w->material_id) == 0
         && g_strcmp0 (mach->id, w->machine_id) == 0 && gtk_spin_button_get_value (self->tolerance) == w->tolerance
         && gtk_spin_button_get_value (self->finish) == w->finish && gtk_spin_button_get_value (self->margin) == w->margin;
}

static void
work_done (GObject *source, GAsyncResult *res, gpointer data)
{
  (void) source;
  AppOpsPanel *self = data;
  Work *w = g_task_get_task_data (G_TASK (res));
  g_autoptr (GError) error = NULL;
  g_autoptr (CamJob) job = g_task_propagate_pointer (G_TASK (res), &error);
  if (w->generation != self->work_generation)
    {
      /* superseded (cancelled, another part, a newer task): its result is for data gone */
      g_object_unref (self);
      return;
    }
  self->busy = FALSE;
  self->planning = FALSE;
  g_clear_handle_id (&self->progress_source, g_source_remove);
  gboolean planned = w->mesh != NULL;
  const char *dropped = NULL;
  if (job && !planned && (self->job == NULL || w->revision != self->job_revision))
    /* Regenerated toolpaths of a job edited (reordered, deleted, added, changed) while
     * they were generated: they are not the job's any more. Discarded, deliberately
     * not merged: the edit has already joined the job's toolpaths as they are now. */
    dropped = "The job changed while its toolpaths were generated: Regenerate again";
  else if (job && planned && !plan_settings_current (self, w))
    /* A plan for a material, machine, tolerance, finish or margin no longer chosen: it
     * would show a job the settings (the document's choice) do not describe. Discarded. */
    dropped = "The settings changed while planning: Plan again";
  if (dropped != NULL)
    {
      g_clear_pointer (&job, cam_job_unref);
      app_ops_panel_set_status (self, dropped);
      gtk_progress_bar_set_fraction (self->progress, 0.0);
      app_ops_panel_refresh (self);
      g_object_unref (self);
      return;
    }
  gtk_progress_bar_set_fraction (self->progress, job ? 1.0 : 0.0);
  if (job)
    {
      /* A plan replaces the job, even one edited while planning: the user asked for a new
       * plan of this part with these settings (a plan of another part was superseded
       * above, one of other settings dropped). A regeneration replaces the job by its
       * generated copy of the same revision. */
      g_clear_pointer (&self->job, cam_job_unref);
      self->job = g_steal_pointer (&job);
      app_ops_panel_job_changed (self);
      if (planned)
        {
          /* a new job: the edits of the one it replaces cannot be undone into it */
          app_ops_history_clear (self->history);
          self->picked_move = -1;
        }
      CamKinematics kin;
      const CamMachine *m = cam_library_find_machine (self->lib, self->job->machine_id);
      cam_machine_kinematics (m ? m : current_machine (self), &kin);
      CamToolpathStats st;
      cam_toolpath_stats (self->job->toolpath, &kin, -1, &st);
      g_autofree char *text = g_strdup_printf ("%u operations · %.1f min · %zu moves · min SF %.2f · %u unreachable",
                                               self->job->ops->len, st.cycle_time_s / 60,
                                               (size_t) self->job->toolpath->moves->len, st.min_safety_factor,
                                               self->job->unreachable->len);
      app_ops_panel_set_status_linked (self, text);
      /* a new plan has no file yet; regenerated toolpaths are a change to the saved job */
      app_ops_panel_set_job_state (self, planned ? NULL : self->job_path, TRUE);
    }
  else
    app_ops_panel_set_status (self, g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ? "Cancelled" : error->message);
  app_ops_panel_refresh (self);
  g_object_unref (self);
}

static void
start_work (AppOpsPanel *self, Work *w, const char *what)
{
  app_ops_panel_cancel (self);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_atomic_int_set (&self->progress_permille, 0);
  w->progress = &self->progress_permille;
  w->generation = ++self->work_generation;
  self->planning = w->mesh != NULL;
  GTask *task = g_task_new (NULL, self->cancellable, work_done, g_object_ref (self));
  g_task_set_task_data (task, w, (GDestroyNotify) work_free);
  self->busy = TRUE;
  self->progress_source = g_timeout_add (100, progress_tick, self);
  app_ops_panel_set_status (self, what);
  app_ops_panel_refresh (self);
  g_task_run_in_thread (task, work_thread);
  g_object_unref (task);
}

void
app_ops_panel_plan (AppOpsPanel *self)
{
  g_return_if_fail (APP_IS_OPS_PANEL (self));
  if (self->mesh == NULL || self->busy)
    return;
  if (self->rules == NULL)
    {
      app_ops_panel_set_status (self, "The built-in DFM rules could not be read: see the log");
      return;
    }
  const CamMaterial *mat = app_library_picker_get_material (self->material, self->lib);
  const CamMachine *mach = current_machine (self);
  if (mat == NULL || mach == NULL)
    {
      app_ops_panel_set_status (self, "Pick a material and a machine");
      return;
    }
  Work *w = g_new0 (Work, 1);
  w->mesh = cam_mesh_ref (self->mesh);
  w->lib = self->lib;
  w->rules = self->rules;
  w->material_id = g_strdup (mat->id);
  w->machine_id = g_strdup (mach->id);
  w->tolerance = gtk_spin_button_get_value (self->tolerance);
  w->finish = gtk_spin_button_get_value (self->finish);
  w->margin = gtk_spin_button_get_value (self->margin);
  CamAnalysis *analysis = self->document ? app_document_get_analysis (self->document) : NULL;
  if (analysis != NULL && analysis->mesh == self->mesh)
    w->analysis = cam_analysis_ref (analysis);
  start_work (self, w, "Planning…");
}

void
app_ops_panel_regenerate (AppOpsPanel *self)
{
  g_return_if_fail (APP_IS_OPS_PANEL (self));
  if (self->job == NULL || self->busy)
    return;
  Work *w = g_new0 (Work, 1);
  w->job = cam_job_copy (self->job);
  w->revision = self->job_revision;
  w->lib = self->lib;
  start_work (self, w, "Generating toolpaths…");
}

void
app_ops_panel_cancel (AppOpsPanel *self)
{
  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
}

/* Stops awaiting the running task: its result, when it comes, is dropped (work_done). */
void
app_ops_panel_abandon_work (AppOpsPanel *self)
{
  if (!self->busy)
    return;
  app_ops_panel_cancel (self);
  self->work_generation++;
  self->busy = FALSE;
  self->planning = FALSE;
  g_clear_handle_id (&self->progress_source, g_source_remove);
  gtk_progress_bar_set_fraction (self->progress, 0.0);
}

void
app_ops_panel_job_changed (AppOpsPanel *self)
{
  self->job_revision++;
  if (self->document != NULL)
    app_document_set_job (self->document, self->job);
}

gboolean
app_ops_panel_is_busy (AppOpsPanel *self)
{
  return self->busy;
}

const char *
app_ops_panel_get_status (AppOpsPanel *self)
{
  return self->status;
}

/* ---- editing ---- */

void
app_ops_panel_stale (AppOpsPanel *self, const char *what)
{
  if (self->job == NULL)
    return;
  app_ops_panel_job_changed (self);
  cam_job_join_toolpaths (self->job);
  app_ops_panel_set_job_state (self, self->job_path, TRUE);
  app_ops_panel_set_status (self, what);
  app_ops_panel_refresh (self);
}

void
app_ops_panel_select_op (AppOpsPanel *self, int index)
{
  GtkListBoxRow *row = index >= 0 ? gtk_list_box_get_row_at_index (self->list, index) : NULL;
  if (row)
    gtk_list_box_select_row (self->list, row);
  else
    gtk_list_box_unselect_all (self->list);
}

int
app_ops_panel_get_selected (AppOpsPanel *self)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->list);
  return row ? gtk_list_box_row_get_index (row) : -1;
}

static void
row_selected_cb (GtkListBox *list, GtkListBoxRow *row, gpointer data)
{
  (void) list;
  AppOpsPanel *self = data;
  gtk_widget_set_sensitive (self->edit_box, row != NULL && !self->busy);
  /* the selected operation's moves stand out in the view, the others dimmed */
  if (!self->filling)
    app_ops_panel_rebuild_layers (self);
  gtk_widget_set_visible (GTK_WIDGET (self->op_warnings), FALSE);
  if (row == NULL || self->job == NULL)
    return;
  const CamJobOp *op = cam_job_op (self->job, gtk_list_box_row_get_index (row));
  if (op->warnings->len > 0)
    {
      GString *text = g_string_new (NULL);
      for (guint i = 0; i < op->warnings->len; i++)
        g_string_append_printf (text, "%s• %s", i ? "\n" : "", (const char *) g_ptr_array_index (op->warnings, i));
      gtk_label_set_text (self->op_warnings, text->str);
      g_string_free (text, TRUE);
      gtk_widget_set_visible (GTK_WIDGET (self->op_warnings), TRUE);
    }
  self->updating = TRUE;
  gtk_check_button_set_active (self->op_enabled, op->enabled);
  gtk_check_button_set_active (self->op_climb, op->climb);
  gtk_spin_button_set_value (self->op_feed, isfinite (op->feed_mm_min) ? op->feed_mm_min : 0);
  gtk_spin_button_set_value (self->op_stepdown, isfinite (op->stepdown_mm) ? op->stepdown_mm : 0);
  gtk_spin_button_set_value (self->op_stepover, isfinite (op->stepover_mm) ? op->stepover_mm : 0);
  self->updating = FALSE;
}

static void
apply_cb (GtkButton *b, gpointer data)
{
  (void) b;
  AppOpsPanel *self = data;
  int sel = app_ops_panel_get_selected (self);
  if (self->job == NULL || sel < 0 || self->updating)
    return;
  AppOpsParams p = { gtk_check_button_get_active (self->op_enabled), gtk_check_button_get_active (self->op_climb),
                     gtk_spin_button_get_value (self->op_feed), gtk_spin_button_get_value (self->op_stepdown),
                     gtk_spin_button_get_value (self->op_stepover) };
  app_ops_panel_set_op_params (self, sel, &p);
  app_ops_panel_regenerate (self);
}

/* A spin button where 0 means "engine chooses" says so in the field itself. */
static gboolean
engine_output_cb (GtkSpinButton *spin, gpointer data)
{
  (void) data;
  if (gtk_spin_button_get_value (spin) != 0)
    return FALSE;
  gtk_editable_set_text (GTK_EDITABLE (spin), "0 = engine chooses");
  return TRUE;
}

/* …and reads that text (or anything that is no number) back as 0. */
static int
engine_input_cb (GtkSpinButton *spin, double *value, gpointer data)
{
  (void) data;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (spin));
  char *end = NULL;
  double v = g_ascii_strtod (text, &end);
  if (end == text)
    {
      *value = 0;
      return TRUE;
    }
  *value = v;
  return TRUE;
}

/* ---- construction ---- */

static void plan_clicked (GtkButton *b, gpointer d) { (void) b; app_ops_panel_plan (d); }
static void regen_clicked (GtkButton *b, gpointer d) { (void) b; app_ops_panel_regenerate (d); }
static void cancel_clicked (GtkButton *b, gpointer d) { (void) b; app_ops_panel_cancel (d); }
static void up_clicked (GtkButton *b, gpointer d) { (void) b; app_ops_panel_move_op (d, app_ops_panel_get_selected (d), -1); }
static void down_clicked (GtkButton *b, gpointer d) { (void) b; app_ops_panel_move_op (d, app_ops_panel_get_selected (d), +1); }
static void delete_clicked (GtkButton *b, gpointer d) { (void) b; app_ops_panel_delete_op (d, app_ops_panel_get_selected (d)); }
static void
add_clicked (GtkButton *b, gpointer d)
{
  (void) b;
  AppOpsPanel *self = d;
  app_ops_panel_add_op (self, (CamJobOpKind) gtk_drop_down_get_selected (self->add_kind));
}

static void
app_ops_panel_dispose (GObject *obj)
{
  AppOpsPanel *self = APP_OPS_PANEL (obj);
  app_ops_panel_cancel (self);
  g_clear_handle_id (&self->progress_source, g_source_remove);
  g_clear_handle_id (&self->play_source, g_source_remove);
  app_ops_panel_finish_save_then (self, FALSE);
  if (self->view)
    {
      render_view_remove_layer (self->view, RENDER_LAYER (self->cuts));
      render_view_remove_layer (self->view, RENDER_LAYER (self->rapids));
      render_view_remove_layer (self->view, RENDER_LAYER (self->legend_layer));
      render_view_remove_layer (self->view, RENDER_LAYER (self->stock_lines));
      render_view_remove_layer (self->view, RENDER_LAYER (self->stock_box));
      render_view_remove_layer (self->view, RENDER_LAYER (self->tool_lines));
      render_view_remove_layer (self->view, RENDER_LAYER (self->picked_lines));
      render_view_remove_layer (self->view, RENDER_LAYER (self->unreachable_markers));
      render_view_remove_layer (self->view, RENDER_LAYER (self->work_zero));
      g_clear_object (&self->view);
    }
  g_clear_object (&self->cuts);
  g_clear_object (&self->rapids);
  g_clear_object (&self->legend_layer);
  g_clear_object (&self->stock_lines);
  g_clear_object (&self->stock_box);
  g_clear_object (&self->tool_lines);
  g_clear_object (&self->picked_lines);
  g_clear_object (&self->unreachable_markers);
  g_clear_object (&self->work_zero);
  g_clear_object (&self->history);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->job_actions);
  g_clear_object (&self->document);
  g_clear_pointer (&self->rules, cam_dfm_rules_free);
  g_clear_pointer (&self->job, cam_job_unref);
  g_clear_pointer (&self->mesh, cam_mesh_unref);
  g_clear_pointer (&self->status, g_free);
  g_clear_pointer (&self->job_path, g_free);
  /* the list tells its selection went when its rows go: not to a panel half disposed */
  if (self->list != NULL)
    g_signal_handlers_disconnect_by_data (self->list, self);
  if (self->unreachable_list != NULL)
    g_signal_handlers_disconnect_by_data (self->unreachable_list, self);
  gtk_widget_dispose_template (GTK_WIDGET (obj), APP_TYPE_OPS_PANEL);
  G_OBJECT_CLASS (app_ops_panel_parent_class)->dispose (obj);
}

static void
app_ops_panel_get_property (GObject *obj, guint id, GValue *value, GParamSpec *pspec)
{
  AppOpsPanel *self = APP_OPS_PANEL (obj);
  switch (id)
    {
    case PROP_MODIFIED:
      g_value_set_boolean (value, self->modified);
      break;
    case PROP_JOB_PATH:
      g_value_set_string (value, self->job_path);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (obj, id, pspec);
    }
}

static void
app_ops_panel_class_init (AppOpsPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  object_class->dispose = app_ops_panel_dispose;
  object_class->get_property = app_ops_panel_get_property;
  /* For the window's title and recent files: the job's file, and changes not saved to it. */
  props[PROP_MODIFIED] = g_param_spec_boolean ("modified", NULL, NULL, FALSE,
                                               G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  props[PROP_JOB_PATH] = g_param_spec_string ("job-path", NULL, NULL, NULL,
                                              G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, props);

  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/microcam/Microcam/ui/app-ops-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, AppOpsPanel, settings_grid);
  gtk_widget_class_bind_template_child (widget_class, AppOpsPanel, tolerance);
  gtk_widget_class_bind_template_child (widget_class, AppOpsPanel, finish);
  gtk_widget_class_bind_template_child (widget_class, AppOpsPanel, margin);
  gtk_widget_class_bind_template_child (widget_class, AppOpsPanel, plan_button);
  gtk_widget_class_bind_template_child (widget_class, AppOpsPanel, regen_button);
  gtk_widget_class_bind_template_child (widget_class, AppOpsPanel, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, AppOpsPanel, post_choice);
  gtk_widget_class_bind_template_child (widget_class, AppOpsPanel, progress);
  gtk_widget_class_bind_template_child (widget_class, AppOpsPanel, status_label);
  gtk_widget_class_bind_template_child (widget_class, AppOpsPanel, list);
  gtk_widget_class_bind_template_child (widget_class, AppOpsPanel, add_kind);
  gtk_widget_class_bind_template_child (widget_class, AppOpsPanel, edit_box);
  gtk_widget_class_bind_template_child (widget_class, AppOpsPanel, op_enabled);
  gtk_widget_class_bind_template_child (widget_class, AppOpsPanel, op_climb);
  gtk_widget_class_bind_template_child (widget_class, AppOpsPanel, op_feed);
  gtk_widget_class_bind_template_child (widget_class, AppOpsPanel, op_stepdown);
  gtk_widget_class_bind_template_child (widget_class, AppOpsPanel, op_stepover);
  gtk_widget_class_bind_template_child (widget_class, AppOpsPanel, overlay_dd);
  gtk_widget_class_bind_template_child (widget_class, AppOpsPanel, legend_area);
  gtk_widget_class_bind_template_child (widget_class, AppOpsPanel, playback);
  gtk_widget_class_bind_template_child (widget_class, AppOpsPanel, move_label);
  gtk_widget_class_bind_template_child (widget_class, AppOpsPanel, undo_button);
  gtk_widget_class_bind_template_child (widget_class, AppOpsPanel, redo_button);
  gtk_widget_class_bind_template_child (widget_class, AppOpsPanel, play_button);
  gtk_widget_class_bind_template_child (widget_class, AppOpsPanel, playback_label);
  gtk_widget_class_bind_template_child (widget_class, AppOpsPanel, op_warnings);
  gtk_widget_class_bind_template_child (widget_class, AppOpsPanel, unreachable_expander);
  gtk_widget_class_bind_template_child (widget_class, AppOpsPanel, unreachable_list);
  gtk_widget_class_bind_template_callback (widget_class, plan_clicked);
  gtk_widget_class_bind_template_callback (widget_class, regen_clicked);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked);
  gtk_widget_class_bind_template_callback (widget_class, up_clicked);
  gtk_widget_class_bind_template_callback (widget_class, down_clicked);
  gtk_widget_class_bind_template_callback (widget_class, delete_clicked);
  gtk_widget_class_bind_template_callback (widget_class, add_clicked);
  gtk_widget_class_bind_template_callback (widget_class, apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_selected_cb);
  gtk_widget_class_bind_template_callback_full (widget_class, "play_toggled_cb", G_CALLBACK (app_ops_panel_play_toggled_cb));
  gtk_widget_class_bind_template_callback_full (widget_class, "step_back_cb", G_CALLBACK (app_ops_panel_step_back_cb));
  gtk_widget_class_bind_template_callback_full (widget_class, "step_forward_cb", G_CALLBACK (app_ops_panel_step_forward_cb));
  gtk_widget_class_bind_template_callback_full (widget_class, "status_link_cb", G_CALLBACK (app_ops_panel_status_link_cb));
  gtk_widget_class_bind_template_callback_full (widget_class, "unreachable_selected_cb",
                                                G_CALLBACK (app_ops_panel_unreachable_selected_cb));
}

static void
app_ops_panel_init (AppOpsPanel *self)
{
  self->lib = app_library_picker_default_library ();
  g_autoptr (GError) rules_error = NULL;
  self->rules = cam_dfm_rules_new_default (&rules_error);
  if (self->rules == NULL)
    g_warning ("DFM rules: %s", rules_error->message);  /* built in: only a broken build */
  self->overlay = RENDER_OVERLAY_TYPE;
  self->playback_fraction = 1.0;
  self->cuts = render_lines_new ();
  self->rapids = render_lines_new ();
  render_lines_set_style (self->rapids, RENDER_LINE_DASHED);
  self->legend_layer = render_legend_new ();
  self->stock_lines = render_lines_new ();
  render_lines_set_style (self->stock_lines, RENDER_LINE_THIN);
  self->stock_box = render_box_new ();
  self->tool_lines = render_lines_new ();
  self->picked_lines = render_lines_new ();
  render_layer_set_on_top (RENDER_LAYER (self->picked_lines), TRUE);
  self->work_zero = render_work_zero_new ();
  render_layer_set_visible (RENDER_LAYER (self->work_zero), FALSE);
  self->unreachable_markers = render_markers_new ();
  render_layer_set_on_top (RENDER_LAYER (self->unreachable_markers), TRUE);
  self->picked_move = -1;
  self->history = app_ops_history_new (100);
  self->job_actions = app_ops_panel_job_actions_new (self);
  gtk_widget_insert_action_group (GTK_WIDGET (self), "ops", self->job_actions);
  gtk_widget_init_template (GTK_WIDGET (self));

  /* the pickers list the library: made here, in the template's settings grid (rows 0, 1) */
  self->material = app_library_picker_new (self->lib, CAM_LIBRARY_MATERIALS);
  self->machine = app_library_picker_new (self->lib, CAM_LIBRARY_MACHINES);
  app_library_picker_select_id (self->material, self->lib, "al6061");
  app_library_picker_select_id (self->machine, self->lib, "micro60k");
  app_form_row (self->settings_grid, 0, "Material", GTK_WIDGET (self->material));
  app_form_row (self->settings_grid, 1, "Machine", GTK_WIDGET (self->machine));
  gtk_drop_down_set_selected (self->add_kind, CAM_JOB_OP_POCKET);
  gtk_drop_down_set_selected (self->overlay_dd, self->overlay);
  g_signal_connect (self->overlay_dd, "notify::selected", G_CALLBACK (app_ops_panel_overlay_changed_cb), self);
  gtk_drawing_area_set_draw_func (self->legend_area, app_ops_panel_legend_draw, self, NULL);
  g_signal_connect (self->playback, "value-changed", G_CALLBACK (app_ops_panel_playback_cb), self);
  GtkSpinButton *engine_spins[] = { self->op_feed, self->op_stepdown, self->op_stepover };
  for (guint i = 0; i < G_N_ELEMENTS (engine_spins); i++)
    {
      g_signal_connect (engine_spins[i], "output", G_CALLBACK (engine_output_cb), NULL);
      g_signal_connect (engine_spins[i], "input", G_CALLBACK (engine_input_cb), NULL);
      gtk_editable_set_width_chars (GTK_EDITABLE (engine_spins[i]), 18);
    }
  app_ops_panel_refresh (self);
}

GtkWidget *
app_ops_panel_new (RenderView *view)
{
  AppOpsPanel *self = g_object_new (APP_TYPE_OPS_PANEL, NULL);
  if (view)
    {
      self->view = g_object_ref (view);
      /* the stock's faces first: translucent and not writing depth, they tint the part
       * behind them but not the toolpaths drawn after them */
      render_view_add_layer (view, RENDER_LAYER (self->stock_box));
      render_view_add_layer (view, RENDER_LAYER (self->cuts));
      render_view_add_layer (view, RENDER_LAYER (self->rapids));
      render_view_add_layer (view, RENDER_LAYER (self->stock_lines));
      render_view_add_layer (view, RENDER_LAYER (self->tool_lines));
      render_view_add_layer (view, RENDER_LAYER (self->picked_lines));
      render_view_add_layer (view, RENDER_LAYER (self->unreachable_markers));
      render_view_add_layer (view, RENDER_LAYER (self->work_zero));
      render_view_add_layer (view, RENDER_LAYER (self->legend_layer));
      GtkGesture *click = gtk_gesture_click_new ();
      gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
      g_signal_connect_object (click, "pressed", G_CALLBACK (app_ops_panel_click_cb), self, 0);
      gtk_widget_add_controller (GTK_WIDGET (view), GTK_EVENT_CONTROLLER (click));
    }
  return GTK_WIDGET (self);
}

void
app_ops_panel_set_mesh (AppOpsPanel *self, CamMesh *mesh)
{
  if (mesh == self->mesh)
    return;
  /* a plan or regeneration for the previous part no longer applies */
  app_ops_panel_abandon_work (self);
  g_clear_pointer (&self->mesh, cam_mesh_unref);
  self->mesh = mesh ? cam_mesh_ref (mesh) : NULL;
  if (self->job)
    {
      /* another part (or none): the job no longer applies (same file by path, however written) */
      g_autoptr (GFile) a = self->job->part_path ? g_file_new_for_path (self->job->part_path) : NULL;
      g_autoptr (GFile) b = mesh && mesh->source_path ? g_file_new_for_path (mesh->source_path) : NULL;
      if (a == NULL || b == NULL || !g_file_equal (a, b))
        {
          g_clear_pointer (&self->job, cam_job_unref);
          app_ops_panel_job_changed (self);
          app_ops_panel_set_job_state (self, NULL, FALSE);
          app_ops_history_clear (self->history);
        }
    }
  /* what was said about the previous part does not describe this one */
  app_ops_panel_set_playing (self, FALSE);
  self->picked_move = -1;
  app_ops_panel_show_picked (self, -1);
  if (self->job == NULL)
    app_ops_panel_set_status (self, mesh ? "Plan the part, or open a job" : "Load a part, then Plan");
  app_ops_panel_refresh (self);
}

gboolean
app_ops_panel_select_material (AppOpsPanel *self, const char *id)
{
  return app_library_picker_select_id (self->material, self->lib, id);
}

gboolean
app_ops_panel_select_machine (AppOpsPanel *self, const char *id)
{
  return app_library_picker_select_id (self->machine, self->lib, id);
}

/* ---- the document ---- */

static void
document_mesh_cb (AppDocument *doc, GParamSpec *pspec, AppOpsPanel *self)
{
  (void) pspec;
  app_ops_panel_set_mesh (self, app_document_get_mesh (doc));
}

/* One material and machine for the whole document: the job follows a new choice (its
 * toolpaths keep the old feeds until regenerated, as after any edit). */
static void
document_choice_cb (AppDocument *doc, GParamSpec *pspec, AppOpsPanel *self)
{
  gboolean material = g_str_equal (pspec->name, "material-id");
  const char *id = material ? app_document_get_material_id (doc) : app_document_get_machine_id (doc);
  if (self->job == NULL)
    return;
  char **field = material ? &self->job->material_id : &self->job->machine_id;
  if (g_strcmp0 (*field, id) == 0)
    return;
  g_free (*field);
  *field = g_strdup (id);
  app_ops_panel_stale (self, material ? "Material changed: Regenerate for its feeds" : "Machine changed: Regenerate for its feeds");
}

static void
document_program_cb (AppDocument *doc, GParamSpec *pspec, AppOpsPanel *self)
{
  (void) pspec;
  app_ops_panel_set_layers_visible (self, !app_document_get_program_shown (doc));
}

void
app_ops_panel_set_document (AppOpsPanel *self, AppDocument *doc)
{
  g_return_if_fail (APP_IS_OPS_PANEL (self));
  g_return_if_fail (APP_IS_DOCUMENT (doc) && self->document == NULL);
  self->document = g_object_ref (doc);
  app_document_adopt_settings (doc, self->material, self->machine, self->tolerance, self->finish, self->margin);
  gtk_widget_set_visible (GTK_WIDGET (self->settings_grid), FALSE);
  g_signal_connect_object (doc, "notify::mesh", G_CALLBACK (document_mesh_cb), self, 0);
  g_signal_connect_object (doc, "notify::material-id", G_CALLBACK (document_choice_cb), self, 0);
  g_signal_connect_object (doc, "notify::machine-id", G_CALLBACK (document_choice_cb), self, 0);
  g_signal_connect_object (doc, "notify::program-shown", G_CALLBACK (document_program_cb), self, 0);
  app_ops_panel_set_mesh (self, app_document_get_mesh (doc));
  app_document_set_job (doc, self->job);
  app_document_set_dirty (doc, self->modified && self->job != NULL);
}
