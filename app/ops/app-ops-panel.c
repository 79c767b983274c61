/* app-ops-panel.c — the Operations page: construction, operations list, editing, background work
 * (drawing in the view: app-ops-overlay.c).
 *
 * Threads: planning (features + cam_plan_job) and regeneration (cam_job_generate) run in
 * a GTask thread. While one runs the panel's controls are insensitive and the job is only
 * touched by the thread; progress comes back through an atomic value polled by a timeout.
 * Cancel uses the task's GCancellable. */
#include "app-ops-panel-private.h"
#include "app-form.h"

#include <math.h>
#include <string.h>

#include "app-library-picker.h"
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

static GtkWidget *
op_row (const CamJob *job, guint i, const CamToolpathStats *st)
{
  const CamJobOp *op = cam_job_op (job, i);
  g_autofree char *sf = op->toolpath && isfinite (st->min_safety_factor) ? g_strdup_printf ("%.1f", st->min_safety_factor)
                                                                          : g_strdup ("–");
  g_autofree char *text = g_markup_printf_escaped (
    "<b>%s</b> %s  <tt>%s</tt>%s\n<small>%u moves · %.1f mm cut · defl %.2f µm · SF %s%s</small>", op->id,
    cam_job_op_kind_to_string (op->kind), cam_job_tool (job, op->tool)->spec, op->enabled ? "" : "  (off)",
    op->toolpath ? op->toolpath->moves->len : 0, op->toolpath ? st->cut_length_mm : 0.0,
    op->toolpath ? st->max_deflection_um : 0.0, sf, op->toolpath ? "" : " · not generated");
  GtkWidget *label = gtk_label_new (NULL);
  gtk_label_set_markup (GTK_LABEL (label), text);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_margin_start (label, 4);
  gtk_widget_set_margin_top (label, 2);
  gtk_widget_set_margin_bottom (label, 2);
  return label;
}

static void
fill_list (AppOpsPanel *self)
{
  int sel = app_ops_panel_get_selected (self);
  GtkWidget *child;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  if (self->job)
    {
      /* every operation's numbers in one pass over the program */
      guint n = self->job->ops->len;
      g_autofree CamToolpathStats *st = g_new0 (CamToolpathStats, MAX (n, 1));
      for (guint i = 0; i < n; i++)
        st[i].min_safety_factor = INFINITY;
      if (self->job->toolpath)
        cam_toolpath_stats_by_op (self->job->toolpath, NULL, n, st, NULL);
      for (guint i = 0; i < n; i++)
        gtk_list_box_append (self->list, op_row (self->job, i, &st[i]));
    }
  if (self->job && sel >= 0 && (guint) sel < self->job->ops->len)
    app_ops_panel_select_op (self, sel);
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
  app_ops_panel_rebuild_layers (self);
}

/* ---- background work ---- */

typedef struct {
  CamMesh *mesh;
  CamJob *job;           /* regenerate: the job; plan: NULL in, result out */
  const CamLibrary *lib;
  char *material_id, *machine_id;
  double tolerance, finish, margin;
  gint *progress;
} Work;

static void
work_free (Work *w)
{
  g_clear_pointer (&w->mesh, cam_mesh_unref);
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
      g_autoptr (CamFeatureSet) fs = cam_features_recognize (w->mesh, NULL, cancellable, &error);
      if (fs == NULL)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      g_atomic_int_set (w->progress, 100);
      CamPlanOptions opt;
      cam_plan_options_init (&opt);
      opt.material_id = w->material_id;
      opt.machine_id = w->machine_id;
      opt.tolerance_mm = w->tolerance;
      opt.finish_ra_um = w->finish;
      opt.stock_margin_mm = w->margin;
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
  g_task_return_pointer (task, cam_job_ref (w->job), (GDestroyNotify) cam_job_unref);
}

static gboolean
progress_tick (gpointer data)
{
  AppOpsPanel *self = data;
  gtk_progress_bar_set_fraction (self->progress, g_atomic_int_get (&self->progress_permille) / 1000.0);
  return G_SOURCE_CONTINUE;
}

static void
work_done (GObject *source, GAsyncResult *res, gpointer data)
{
  (void) source;
  AppOpsPanel *self = data;
  g_autoptr (GError) error = NULL;
  CamJob *job = g_task_propagate_pointer (G_TASK (res), &error);
  self->busy = FALSE;
  g_clear_handle_id (&self->progress_source, g_source_remove);
  gtk_progress_bar_set_fraction (self->progress, job ? 1.0 : 0.0);
  gboolean planned = job != NULL && job != self->job;
  if (job)
    {
      if (job != self->job)
        {
          g_clear_pointer (&self->job, cam_job_unref);
          self->job = job;
        }
      else
        cam_job_unref (job);
      CamKinematics kin;
      const CamMachine *m = cam_library_find_machine (self->lib, self->job->machine_id);
      cam_machine_kinematics (m ? m : current_machine (self), &kin);
      CamToolpathStats st;
      cam_toolpath_stats (self->job->toolpath, &kin, -1, &st);
      g_autofree char *text = g_strdup_printf ("%u operations · %.1f min · %zu moves · min SF %.2f · %u unreachable",
                                               self->job->ops->len, st.cycle_time_s / 60,
                                               (size_t) self->job->toolpath->moves->len, st.min_safety_factor,
                                               self->job->unreachable->len);
      app_ops_panel_set_status (self, text);
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
  w->material_id = g_strdup (mat->id);
  w->machine_id = g_strdup (mach->id);
  w->tolerance = gtk_spin_button_get_value (self->tolerance);
  w->finish = gtk_spin_button_get_value (self->finish);
  w->margin = gtk_spin_button_get_value (self->margin);
  start_work (self, w, "Planning…");
}

void
app_ops_panel_regenerate (AppOpsPanel *self)
{
  g_return_if_fail (APP_IS_OPS_PANEL (self));
  if (self->job == NULL || self->busy)
    return;
  Work *w = g_new0 (Work, 1);
  w->job = cam_job_ref (self->job);
  w->lib = self->lib;
  start_work (self, w, "Generating toolpaths…");
}

void
app_ops_panel_cancel (AppOpsPanel *self)
{
  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
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

static void
stale (AppOpsPanel *self, const char *what)
{
  if (self->job == NULL)
    return;
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

gboolean
app_ops_panel_move_op (AppOpsPanel *self, int index, int delta)
{
  if (self->job == NULL || self->busy || index < 0)
    return FALSE;
  int to = index + delta;
  if ((guint) index >= self->job->ops->len || to < 0 || (guint) to >= self->job->ops->len)
    return FALSE;
  gpointer a = self->job->ops->pdata[index];
  self->job->ops->pdata[index] = self->job->ops->pdata[to];
  self->job->ops->pdata[to] = a;
  stale (self, "Order changed");
  app_ops_panel_select_op (self, to);
  return TRUE;
}

gboolean
app_ops_panel_delete_op (AppOpsPanel *self, int index)
{
  if (self->job == NULL || self->busy || index < 0 || (guint) index >= self->job->ops->len)
    return FALSE;
  g_ptr_array_remove_index (self->job->ops, index);
  stale (self, "Operation deleted");
  return TRUE;
}

int
app_ops_panel_add_op (AppOpsPanel *self, CamJobOpKind kind)
{
  int sel = app_ops_panel_get_selected (self);
  if (self->job == NULL || self->busy || sel < 0)
    return -1;
  const CamJobOp *src = cam_job_op (self->job, sel);
  CamJobOp *op = cam_job_add_op (self->job, kind, src->tool);
  op->feature_id = g_strdup (src->feature_id);
  op->region_wkt = g_strdup (src->region_wkt);
  op->top_z = src->top_z;
  op->bottom_z = src->bottom_z;
  op->stock_to_leave_mm = src->stock_to_leave_mm;
  op->floor_stock_mm = src->floor_stock_mm;
  for (guint i = 0; i < src->holes->len; i++)
    cam_job_op_add_hole (op, &g_array_index (src->holes, CamJobHole, i));
  stale (self, "Operation added: regenerate to see its toolpath");
  int idx = self->job->ops->len - 1;
  app_ops_panel_select_op (self, idx);
  return idx;
}

static void
row_selected_cb (GtkListBox *list, GtkListBoxRow *row, gpointer data)
{
  (void) list;
  AppOpsPanel *self = data;
  gtk_widget_set_sensitive (self->edit_box, row != NULL && !self->busy);
  if (row == NULL || self->job == NULL)
    return;
  const CamJobOp *op = cam_job_op (self->job, gtk_list_box_row_get_index (row));
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
  CamJobOp *op = cam_job_op (self->job, sel);
  op->enabled = gtk_check_button_get_active (self->op_enabled);
  op->climb = gtk_check_button_get_active (self->op_climb);
  double f = gtk_spin_button_get_value (self->op_feed);
  double sd = gtk_spin_button_get_value (self->op_stepdown);
  double so = gtk_spin_button_get_value (self->op_stepover);
  op->feed_mm_min = f > 0 ? f : NAN;
  op->stepdown_mm = sd > 0 ? sd : NAN;
  op->stepover_mm = so > 0 ? so : NAN;
  app_ops_panel_regenerate (self);
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
  if (self->view)
    {
      render_view_remove_layer (self->view, RENDER_LAYER (self->cuts));
      render_view_remove_layer (self->view, RENDER_LAYER (self->rapids));
      render_view_remove_layer (self->view, RENDER_LAYER (self->legend_layer));
      render_view_remove_layer (self->view, RENDER_LAYER (self->stock_lines));
      render_view_remove_layer (self->view, RENDER_LAYER (self->stock_box));
      render_view_remove_layer (self->view, RENDER_LAYER (self->tool_lines));
      g_clear_object (&self->view);
    }
  g_clear_object (&self->cuts);
  g_clear_object (&self->rapids);
  g_clear_object (&self->legend_layer);
  g_clear_object (&self->stock_lines);
  g_clear_object (&self->stock_box);
  g_clear_object (&self->tool_lines);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->job_actions);
  g_clear_pointer (&self->job, cam_job_unref);
  g_clear_pointer (&self->mesh, cam_mesh_unref);
  g_clear_pointer (&self->status, g_free);
  g_clear_pointer (&self->job_path, g_free);
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
}

static void
app_ops_panel_init (AppOpsPanel *self)
{
  self->lib = app_library_picker_default_library ();
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
  self->job_actions = app_ops_panel_job_actions_new (self);
  gtk_widget_insert_action_group (GTK_WIDGET (self), "ops", self->job_actions);
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
  gtk_box_set_spacing (GTK_BOX (self), 6);
  gtk_widget_set_margin_start (GTK_WIDGET (self), 8);
  gtk_widget_set_margin_end (GTK_WIDGET (self), 8);
  gtk_widget_set_margin_top (GTK_WIDGET (self), 8);

  GtkGrid *grid = GTK_GRID (gtk_grid_new ());
  gtk_grid_set_row_spacing (grid, 4);
  gtk_grid_set_column_spacing (grid, 6);
  self->material = app_library_picker_new (self->lib, CAM_LIBRARY_MATERIALS);
  self->machine = app_library_picker_new (self->lib, CAM_LIBRARY_MACHINES);
  app_library_picker_select_id (self->material, self->lib, "al6061");
  app_library_picker_select_id (self->machine, self->lib, "micro60k");
  self->tolerance = app_form_spin (0.0005, 1, 0.001, 4, 0.01);
  self->finish = app_form_spin (0.05, 25, 0.1, 2, 0.8);
  self->margin = app_form_spin (0, 20, 0.1, 2, 0);
  app_form_row (grid, 0, "Material", GTK_WIDGET (self->material));
  app_form_row (grid, 1, "Machine", GTK_WIDGET (self->machine));
  app_form_row (grid, 2, "Tolerance ± mm", GTK_WIDGET (self->tolerance));
  app_form_row (grid, 3, "Finish Ra µm", GTK_WIDGET (self->finish));
  app_form_row (grid, 4, "Stock margin mm", GTK_WIDGET (self->margin));
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (grid));

  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  self->plan_button = gtk_button_new_with_label ("Plan");
  self->regen_button = gtk_button_new_with_label ("Regenerate");
  self->cancel_button = gtk_button_new_with_label ("Cancel");
  g_signal_connect (self->plan_button, "clicked", G_CALLBACK (plan_clicked), self);
  g_signal_connect (self->regen_button, "clicked", G_CALLBACK (regen_clicked), self);
  g_signal_connect (self->cancel_button, "clicked", G_CALLBACK (cancel_clicked), self);
  gtk_box_append (GTK_BOX (buttons), self->plan_button);
  gtk_box_append (GTK_BOX (buttons), self->regen_button);
  gtk_box_append (GTK_BOX (buttons), self->cancel_button);
  gtk_box_append (GTK_BOX (self), buttons);

  GtkWidget *out = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  GtkWidget *save = gtk_button_new_with_label ("Save Job…");
  GtkWidget *export = gtk_button_new_with_label ("Export G-code…");
  self->post_choice = GTK_DROP_DOWN (gtk_drop_down_new_from_strings ((const char *const[]) { "LinuxCNC", "Fanuc", "grbl", NULL }));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->post_choice), "Controller dialect (post-processor) for Export G-code");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (save), "ops.save-job");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (export), "ops.export-gcode");
  gtk_box_append (GTK_BOX (out), save);
  gtk_box_append (GTK_BOX (out), export);
  gtk_box_append (GTK_BOX (out), GTK_WIDGET (self->post_choice));
  GtkWidget *sheet = gtk_button_new_with_label ("Report…");
  gtk_widget_set_tooltip_text (sheet, "Export the process sheet (HTML): feeds and why, deflection, finish, DFM");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (sheet), "ops.export-report");
  gtk_box_append (GTK_BOX (out), sheet);
  gtk_box_append (GTK_BOX (self), out);
  self->progress = GTK_PROGRESS_BAR (gtk_progress_bar_new ());
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (self->progress));
  self->status_label = GTK_LABEL (gtk_label_new ("Load a part, then Plan"));
  gtk_label_set_wrap (self->status_label, TRUE);
  gtk_label_set_xalign (self->status_label, 0);
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (self->status_label));

  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_SINGLE);
  g_signal_connect (self->list, "row-selected", G_CALLBACK (row_selected_cb), self);
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (self->list));

  GtkWidget *order = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  const char *kinds[] = { "spot", "drill", "peck", "pocket", "profile", "face", "helix", NULL };
  self->add_kind = GTK_DROP_DOWN (gtk_drop_down_new_from_strings (kinds));
  gtk_drop_down_set_selected (self->add_kind, CAM_JOB_OP_POCKET);
  const struct { const char *label; GCallback cb; } ob[] = {
    { "Up", G_CALLBACK (up_clicked) }, { "Down", G_CALLBACK (down_clicked) },
    { "Delete", G_CALLBACK (delete_clicked) }, { "Add", G_CALLBACK (add_clicked) },
  };
  for (guint i = 0; i < G_N_ELEMENTS (ob); i++)
    {
      GtkWidget *b = gtk_button_new_with_label (ob[i].label);
      g_signal_connect (b, "clicked", ob[i].cb, self);
      gtk_box_append (GTK_BOX (order), b);
    }
  gtk_box_append (GTK_BOX (order), GTK_WIDGET (self->add_kind));
  gtk_box_append (GTK_BOX (self), order);

  GtkGrid *edit = GTK_GRID (gtk_grid_new ());
  gtk_grid_set_row_spacing (edit, 4);
  gtk_grid_set_column_spacing (edit, 6);
  self->op_enabled = GTK_CHECK_BUTTON (gtk_check_button_new_with_label ("Enabled"));
  self->op_climb = GTK_CHECK_BUTTON (gtk_check_button_new_with_label ("Climb milling"));
  self->op_feed = app_form_spin (0, 20000, 1, 1, 0);
  self->op_stepdown = app_form_spin (0, 10, 0.005, 3, 0);
  self->op_stepover = app_form_spin (0, 10, 0.005, 3, 0);
  gtk_grid_attach (edit, GTK_WIDGET (self->op_enabled), 0, 0, 1, 1);
  gtk_grid_attach (edit, GTK_WIDGET (self->op_climb), 1, 0, 1, 1);
  app_form_row (edit, 1, "Feed mm/min (0 = engine)", GTK_WIDGET (self->op_feed));
  app_form_row (edit, 2, "Stepdown mm (0 = engine)", GTK_WIDGET (self->op_stepdown));
  app_form_row (edit, 3, "Stepover mm (0 = engine)", GTK_WIDGET (self->op_stepover));
  GtkWidget *apply = gtk_button_new_with_label ("Apply and regenerate");
  g_signal_connect (apply, "clicked", G_CALLBACK (apply_cb), self);
  gtk_grid_attach (edit, apply, 0, 4, 2, 1);
  self->edit_box = GTK_WIDGET (edit);
  gtk_box_append (GTK_BOX (self), self->edit_box);

  const char *overlays[] = { "operation", "type", "feed", "deflection", "finish", "safety", NULL };
  self->overlay_dd = GTK_DROP_DOWN (gtk_drop_down_new_from_strings (overlays));
  gtk_drop_down_set_selected (self->overlay_dd, self->overlay);
  g_signal_connect (self->overlay_dd, "notify::selected", G_CALLBACK (app_ops_panel_overlay_changed_cb), self);
  GtkGrid *ov = GTK_GRID (gtk_grid_new ());
  gtk_grid_set_column_spacing (ov, 6);
  app_form_row (ov, 0, "Colour by", GTK_WIDGET (self->overlay_dd));
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (ov));
  self->legend_area = GTK_DRAWING_AREA (gtk_drawing_area_new ());
  gtk_drawing_area_set_content_height (self->legend_area, 120);
  gtk_drawing_area_set_draw_func (self->legend_area, app_ops_panel_legend_draw, self, NULL);
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (self->legend_area));
  self->playback = GTK_SCALE (gtk_scale_new_with_range (GTK_ORIENTATION_HORIZONTAL, 0, 1, 0.001));
  gtk_range_set_value (GTK_RANGE (self->playback), 1);
  g_signal_connect (self->playback, "value-changed", G_CALLBACK (app_ops_panel_playback_cb), self);
  app_form_row (ov, 1, "Playback", GTK_WIDGET (self->playback));
  self->move_label = GTK_LABEL (gtk_label_new ("Right-click near a move in the view to see its numbers"));
  gtk_label_set_wrap (self->move_label, TRUE);
  gtk_label_set_xalign (self->move_label, 0);
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (self->move_label));
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
  app_ops_panel_cancel (self);
  g_clear_pointer (&self->mesh, cam_mesh_unref);
  self->mesh = mesh ? cam_mesh_ref (mesh) : NULL;
  if (self->job && mesh)
    {
      /* another part: the job no longer applies (same file by path, however written) */
      g_autoptr (GFile) a = self->job->part_path ? g_file_new_for_path (self->job->part_path) : NULL;
      g_autoptr (GFile) b = mesh->source_path ? g_file_new_for_path (mesh->source_path) : NULL;
      if (a == NULL || b == NULL || !g_file_equal (a, b))
        {
          g_clear_pointer (&self->job, cam_job_unref);
          app_ops_panel_set_job_state (self, NULL, FALSE);
        }
    }
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
