/* app-dfm-panel.c — the DFM side panel: settings, findings by severity, the process-critical
 * summary, and the 3D overlays (severity markers, the selected feature, features by kind).
 *
 * The analysis (cam_analysis_run: features with the rules' options, then the DFM review —
 * what `microcam-cli dfm` and `plan` run) goes in a GTask thread on a reference to the
 * immutable mesh, the rules (never changed after loading) and copies of the settings; a
 * newer request cancels the older one, and only the newest result is shown (and handed to
 * the window's document, when the panel has one, for the Operations page to plan from). A camera flight is a 350 ms ease-in-out of the camera's target
 * and distance towards a fit of the feature's box, driven by the view's frame clock. */
#include "app-dfm-panel.h"

#include <math.h>

#include "app-form.h"
#include "app-library-picker.h"
#include "cam-analysis.h"
#include "cam-dfm-html.h"
#include "cam-dfm-words.h"
#include "cam-process-words.h"
#include "render-lines.h"
#include "render-markers.h"

struct _AppDfmPanel {
  GtkBox parent_instance;

  RenderView *view;              /* weak: owned by the window */
  AppDocument *document;         /* NULL for a panel on its own (tests) */
  CamMesh *mesh;
  CamFeatureSet *features;
  CamDfmReport *report;
  CamDfmRules *rules;
  char *status;

  GtkBox *pickers_box;
  GtkDropDown *material;
  GtkDropDown *machine;
  GtkSpinButton *tolerance;
  GtkSpinButton *finish;
  GtkCheckButton *show_features;
  GtkButton *save_report;
  GtkProgressBar *progress;
  GtkButton *cancel;
  GtkLabel *status_label;
  GtkLabel *critical_label;
  GtkListBox *list;

  GCancellable *cancellable;
  guint pulse_id;
  guint generation;
  int selected;

  RenderMarkers *markers;        /* one per finding, severity colours */
  RenderLines *highlight;        /* the selected finding's feature */
  RenderLines *kinds;            /* every feature, coloured by kind */
  RenderMarkers *hover;          /* one per feature but the profile, for picking only (not drawn) */
  GArray *hover_feature;         /* guint: marker → feature index */
  GtkEventController *motion;

  guint fly_id;
  gint64 fly_start;
  vec3 fly_from, fly_to;
  float fly_dist_from, fly_dist_to;
};

G_DEFINE_FINAL_TYPE (AppDfmPanel, app_dfm_panel, GTK_TYPE_BOX)

static const float severity_rgba[3][4] = {
  { 0.86f, 0.16f, 0.16f, 1.0f },  /* error */
  { 0.92f, 0.58f, 0.00f, 1.0f },  /* warning */
  { 0.17f, 0.44f, 0.86f, 1.0f },  /* note */
};

static const float kind_rgba[7][4] = {
  { 0.10f, 0.55f, 0.90f, 1.0f },  /* hole */
  { 0.20f, 0.70f, 0.30f, 1.0f },  /* pocket */
  { 0.55f, 0.35f, 0.85f, 1.0f },  /* slot */
  { 0.95f, 0.45f, 0.10f, 1.0f },  /* wall */
  { 0.35f, 0.35f, 0.35f, 1.0f },  /* profile */
  { 0.80f, 0.65f, 0.10f, 1.0f },  /* boss */
  { 0.85f, 0.10f, 0.50f, 1.0f },  /* undercut */
};

typedef struct {
  CamMesh *mesh;
  CamDfmRules *rules;
  char *material, *machine;
  double tolerance, finish;
  guint generation;
} Job;

typedef CamAnalysis JobResult;

static void
job_free (Job *j)
{
  cam_mesh_unref (j->mesh);
  g_free (j->material);
  g_free (j->machine);
  g_free (j);
}

static void
job_result_free (JobResult *r)
{
  cam_analysis_unref (r);
}

static void
analyse_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  (void) source;
  Job *job = data;
  GError *error = NULL;
  CamAnalysisOptions o = { job->material, job->machine, job->tolerance, job->finish };
  CamAnalysis *r = cam_analysis_run (job->mesh, app_library_picker_default_library (), job->rules, &o, cancellable,
                                     &error);
  if (r == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, r, (GDestroyNotify) job_result_free);
}

static void set_status (AppDfmPanel *self, const char *text);
static void rebuild_results (AppDfmPanel *self);

static gboolean
pulse_cb (gpointer data)
{
  gtk_progress_bar_pulse (GTK_PROGRESS_BAR (data));
  return G_SOURCE_CONTINUE;
}

static void
set_busy (AppDfmPanel *self, gboolean busy)
{
  gtk_widget_set_visible (GTK_WIDGET (self->progress), busy);
  gtk_widget_set_visible (GTK_WIDGET (self->cancel), busy);
  if (busy && self->pulse_id == 0)
    self->pulse_id = g_timeout_add (120, pulse_cb, self->progress);
  else if (!busy && self->pulse_id != 0)
    g_clear_handle_id (&self->pulse_id, g_source_remove);
}

static void
analyse_done (GObject *source, GAsyncResult *res, gpointer data)
{
  (void) source;
  AppDfmPanel *self = data;
  GTask *task = G_TASK (res);
  Job *job = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;
  JobResult *r = g_task_propagate_pointer (task, &error);
  if (job->generation != self->generation)
    {
      /* an older request: a newer one is running or done */
      if (r)
        job_result_free (r);
      g_object_unref (self);
      return;
    }
  set_busy (self, FALSE);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->features, cam_feature_set_unref);
  g_clear_pointer (&self->report, cam_dfm_report_free);
  if (r == NULL)
    {
      g_autofree char *msg = g_strdup_printf ("Analysis failed: %s", error->message);
      set_status (self, g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ? "Analysis cancelled" : msg);
    }
  else
    {
      self->features = cam_feature_set_ref (r->features);
      self->report = cam_dfm_report_ref (r->dfm);
      if (self->document != NULL)
        {
          CamAnalysisOptions o = { job->material, job->machine, job->tolerance, job->finish };
          app_document_set_analysis (self->document, r, &o);
        }
      job_result_free (r);
      g_autofree char *msg = g_strdup_printf ("%u features · %u error(s), %u warning(s), %u note(s)",
                                              self->features->features->len, self->report->n_errors,
                                              self->report->n_warnings, self->report->n_notes);
      set_status (self, msg);
    }
  rebuild_results (self);
  g_object_unref (self);
}

void
app_dfm_panel_cancel (AppDfmPanel *self)
{
  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
}

void
app_dfm_panel_analyse (AppDfmPanel *self)
{
  app_dfm_panel_cancel (self);
  g_clear_object (&self->cancellable);
  self->generation++;
  if (self->mesh == NULL || self->rules == NULL)
    {
      g_clear_pointer (&self->features, cam_feature_set_unref);
      g_clear_pointer (&self->report, cam_dfm_report_free);
      set_busy (self, FALSE);
      set_status (self, self->rules == NULL ? self->status : "Open a part to review it");
      rebuild_results (self);
      return;
    }
  const CamLibrary *lib = app_library_picker_default_library ();
  const CamMaterial *mat = app_library_picker_get_material (self->material, lib);
  const CamMachine *mac = app_library_picker_get_machine (self->machine, lib);
  if (mat == NULL || mac == NULL)
    {
      set_status (self, "Pick a material and a machine");
      return;
    }
  Job *job = g_new0 (Job, 1);
  job->mesh = cam_mesh_ref (self->mesh);
  job->rules = self->rules;
  job->material = g_strdup (mat->id);
  job->machine = g_strdup (mac->id);
  job->tolerance = gtk_spin_button_get_value (self->tolerance);
  job->finish = gtk_spin_button_get_value (self->finish);
  job->generation = self->generation;
  self->cancellable = g_cancellable_new ();
  GTask *task = g_task_new (NULL, self->cancellable, analyse_done, g_object_ref (self));
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, analyse_thread);
  g_object_unref (task);
  set_busy (self, TRUE);
  set_status (self, "Analysing…");
}

gboolean
app_dfm_panel_is_busy (AppDfmPanel *self)
{
  return self->cancellable != NULL;
}

static void
set_status (AppDfmPanel *self, const char *text)
{
  if (text != self->status)
    {
      g_free (self->status);
      self->status = g_strdup (text);
    }
  gtk_label_set_text (self->status_label, self->status ? self->status : "");
}

const char *
app_dfm_panel_get_status (AppDfmPanel *self)
{
  return self->status;
}

const CamFeatureSet *
app_dfm_panel_get_features (AppDfmPanel *self)
{
  return self->features;
}

const CamDfmReport *
app_dfm_panel_get_report (AppDfmPanel *self)
{
  return self->report;
}

/* ---- overlays ---- */

/* Outlines lie on upward faces (the top, a floor): they are lifted by a thousandth of the
 * part's size so the depth test does not hide them in the face itself. */
static void
add_outline (RenderLines *lines, const CamFeature *f, double z, const float rgba[4], double lift)
{
  z += lift;
  for (guint i = 0; i < f->outline->len; i++)
    {
      const GArray *ring = g_ptr_array_index (f->outline, i);
      guint n = ring->len / 2;
      if (n < 2)
        continue;
      g_autofree double *xyz = g_new (double, 3 * (n + 1));
      for (guint k = 0; k <= n; k++)
        {
          xyz[3 * k] = g_array_index (ring, double, 2 * (k % n));
          xyz[3 * k + 1] = g_array_index (ring, double, 2 * (k % n) + 1);
          xyz[3 * k + 2] = z;
        }
      render_lines_add_polyline (lines, xyz, n + 1, rgba, FALSE);
    }
}

static double
feature_size (const CamFeature *f)
{
  double s = MAX (f->bbox.max[0] - f->bbox.min[0], f->bbox.max[1] - f->bbox.min[1]);
  return MAX (s, 1e-3);
}

static double
outline_lift (AppDfmPanel *self)
{
  if (self->features == NULL)
    return 0.0;
  return 1e-3 * cam_bounds_diagonal (&self->features->bounds);
}

static void
rebuild_overlays (AppDfmPanel *self)
{
  double lift = outline_lift (self);
  render_markers_clear (self->markers);
  render_markers_clear (self->hover);
  g_array_set_size (self->hover_feature, 0);
  render_lines_clear (self->kinds);
  render_lines_clear (self->highlight);
  if (self->report != NULL)
    for (guint i = 0; i < self->report->findings->len; i++)
      {
        const CamDfmFinding *x = g_ptr_array_index (self->report->findings, i);
        const CamFeature *f = cam_feature_set_find (self->features, x->feature);
        /* small in mm: the layer keeps them at least 9 px, and close up they must not hide the feature */
        double r = f ? MIN (0.08 * feature_size (f), 0.1) : 0.05;
        render_markers_add (self->markers, x->at, r, severity_rgba[x->severity]);
      }
  if (self->features != NULL)
    for (guint i = 0; i < self->features->features->len; i++)
      {
        const CamFeature *f = g_ptr_array_index (self->features->features, i);
        add_outline (self->kinds, f, f->top_z, kind_rgba[f->kind], lift);
        if (f->kind == CAM_FEATURE_HOLE || f->kind == CAM_FEATURE_POCKET || f->kind == CAM_FEATURE_SLOT
            || f->kind == CAM_FEATURE_BOSS)
          add_outline (self->kinds, f, f->bottom_z, kind_rgba[f->kind], lift);
        if (f->kind == CAM_FEATURE_PROFILE)
          continue;   /* it covers the whole part: hovering shows what is inside it */
        double top[3] = { f->center[0], f->center[1], f->top_z };
        render_markers_add (self->hover, top, 0.5 * feature_size (f), kind_rgba[f->kind]);
        g_array_append_val (self->hover_feature, i);
      }
  render_markers_set_highlight (self->markers, -1);
  render_layer_changed (RENDER_LAYER (self->markers));
  render_layer_changed (RENDER_LAYER (self->kinds));
  render_layer_changed (RENDER_LAYER (self->highlight));
  if (self->view)
    gtk_widget_queue_draw (GTK_WIDGET (self->view));
}

static gboolean
fly_tick (GtkWidget *widget, GdkFrameClock *clock, gpointer data)
{
  AppDfmPanel *self = data;
  RenderCamera *cam = render_view_get_camera (self->view);
  double t = (gdk_frame_clock_get_frame_time (clock) - self->fly_start) / 350000.0;
  t = CLAMP (t, 0.0, 1.0);
  double e = t < 0.5 ? 2 * t * t : 1 - 2 * (1 - t) * (1 - t);   /* ease in-out */
  glm_vec3_lerp (self->fly_from, self->fly_to, (float) e, cam->target);
  cam->distance = self->fly_dist_from + (float) e * (self->fly_dist_to - self->fly_dist_from);
  render_view_camera_changed (self->view);
  (void) widget;
  if (t >= 1.0)
    {
      self->fly_id = 0;
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static void
fly_to (AppDfmPanel *self, const CamFeature *f, const double at[3])
{
  if (self->view == NULL)
    return;
  RenderCamera *cam = render_view_get_camera (self->view);
  RenderCamera goal = *cam;
  double half = 0.5 * MAX (feature_size (f), 0.6);
  vec3 bmin = { (float) (at[0] - half), (float) (at[1] - half), (float) (f->bottom_z) };
  vec3 bmax = { (float) (at[0] + half), (float) (at[1] + half), (float) (f->top_z) };
  render_camera_fit (&goal, bmin, bmax, 0.15f);
  glm_vec3_copy (cam->target, self->fly_from);
  glm_vec3_copy (goal.target, self->fly_to);
  self->fly_dist_from = cam->distance;
  self->fly_dist_to = goal.distance;
  if (self->fly_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self->view), self->fly_id);
  self->fly_id = 0;
  if (gtk_widget_get_mapped (GTK_WIDGET (self->view)))
    {
      self->fly_start = gdk_frame_clock_get_frame_time (gtk_widget_get_frame_clock (GTK_WIDGET (self->view)));
      self->fly_id = gtk_widget_add_tick_callback (GTK_WIDGET (self->view), fly_tick, self, NULL);
    }
  else
    {
      glm_vec3_copy (goal.target, cam->target);
      cam->distance = goal.distance;
      render_view_camera_changed (self->view);
    }
}

void
app_dfm_panel_select_finding (AppDfmPanel *self, int index)
{
  if (self->report == NULL || index < 0 || (guint) index >= self->report->findings->len)
    index = -1;
  self->selected = index;
  render_lines_clear (self->highlight);
  render_markers_set_highlight (self->markers, index);
  GtkListBoxRow *row = index >= 0 ? gtk_list_box_get_row_at_index (self->list, index) : NULL;
  if (gtk_list_box_get_selected_row (self->list) != row)
    gtk_list_box_select_row (self->list, row);
  if (index >= 0)
    {
      const CamDfmFinding *x = g_ptr_array_index (self->report->findings, index);
      const CamFeature *f = cam_feature_set_find (self->features, x->feature);
      double lift = outline_lift (self);
      if (f != NULL)
        {
          add_outline (self->highlight, f, f->top_z, severity_rgba[x->severity], lift);
          add_outline (self->highlight, f, f->bottom_z, severity_rgba[x->severity], lift);
          fly_to (self, f, x->at);
        }
    }
  render_layer_changed (RENDER_LAYER (self->highlight));
  render_layer_changed (RENDER_LAYER (self->markers));
  if (self->view)
    gtk_widget_queue_draw (GTK_WIDGET (self->view));
}

int
app_dfm_panel_get_selected (AppDfmPanel *self)
{
  return self->selected;
}

void
app_dfm_panel_set_show_features (AppDfmPanel *self, gboolean show)
{
  gtk_check_button_set_active (self->show_features, show);
}

static char *
describe_feature (const CamFeature *f)
{
  GString *s = g_string_new (NULL);
  g_string_append_printf (s, "%s %s", f->id, cam_feature_kind_to_string (f->kind));
  if (isfinite (f->diameter_mm))
    g_string_append_printf (s, "  Ø%.4f mm", f->diameter_mm);
  if (isfinite (f->min_width_mm) && f->kind != CAM_FEATURE_HOLE)
    g_string_append_printf (s, "  width %.4f mm", f->min_width_mm);
  if (isfinite (f->depth_mm))
    g_string_append_printf (s, "  depth %.4f mm%s", f->depth_mm, f->through == 1 ? " through" : "");
  if (isfinite (f->min_corner_radius_mm))
    g_string_append_printf (s, "  corner R%.4f mm", f->min_corner_radius_mm);
  if (isfinite (f->thickness_mm))
    g_string_append_printf (s, "  thickness %.4f mm", f->thickness_mm);
  if (isfinite (f->height_mm))
    g_string_append_printf (s, "  height %.4f mm", f->height_mm);
  return g_string_free (s, FALSE);
}

char *
app_dfm_panel_describe_at (AppDfmPanel *self, float x, float y)
{
  if (self->view == NULL || self->features == NULL)
    return NULL;
  int hit = render_markers_pick (self->hover, render_view_get_camera (self->view), x, y, 2.0f);
  if (hit < 0 || (guint) hit >= self->hover_feature->len)
    return NULL;
  return describe_feature (g_ptr_array_index (self->features->features, g_array_index (self->hover_feature, guint, hit)));
}

static void
motion_cb (GtkEventControllerMotion *c, double x, double y, gpointer data)
{
  (void) c;
  AppDfmPanel *self = data;
  g_autofree char *text = app_dfm_panel_describe_at (self, (float) x, (float) y);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->view), text);
}

/* ---- the list ---- */

static GtkWidget *
finding_row (const CamDfmFinding *x)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_widget_set_margin_top (box, 4);
  gtk_widget_set_margin_bottom (box, 4);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  static const char *const colors[] = { "#d62828", "#c77800", "#2a6fdb" };
  g_autofree char *head = g_markup_printf_escaped ("<span foreground='%s' weight='bold'>%s</span>  %s  <b>%s</b>%s%s",
                                                   colors[x->severity], cam_dfm_severity_to_string (x->severity),
                                                   x->feature, cam_dfm_rule_title (x->rule), x->process ? "  → " : "",
                                                   x->process ? cam_process_describe (x->process) : "");
  GtkWidget *h = gtk_label_new (NULL);
  gtk_label_set_markup (GTK_LABEL (h), head);
  /* the rule's id, as the JSON report and rules.json name it */
  g_autofree char *tip = g_strdup_printf ("rule %s", x->rule);
  gtk_widget_set_tooltip_text (h, tip);
  gtk_label_set_xalign (GTK_LABEL (h), 0);
  GtkWidget *m = gtk_label_new (x->message);
  gtk_label_set_wrap (GTK_LABEL (m), TRUE);
  gtk_label_set_xalign (GTK_LABEL (m), 0);
  gtk_label_set_max_width_chars (GTK_LABEL (m), 48);
  gtk_box_append (GTK_BOX (box), h);
  gtk_box_append (GTK_BOX (box), m);
  return box;
}

static void
rebuild_results (AppDfmPanel *self)
{
  GtkWidget *child;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  self->selected = -1;
  GString *crit = g_string_new (NULL);
  if (self->report != NULL)
    {
      for (guint i = 0; i < self->report->findings->len; i++)
        gtk_list_box_append (self->list, finding_row (g_ptr_array_index (self->report->findings, i)));
      for (guint i = 0; i < self->report->critical->len; i++)
        {
          const CamDfmCritical *c = g_ptr_array_index (self->report->critical, i);
          g_autofree char *line = g_markup_printf_escaped ("<b>%s</b>: %s → %s\n", cam_dfm_critical_title (c->what),
                                                           c->message, c->process ? cam_process_describe (c->process) : "—");
          g_string_append (crit, line);
        }
    }
  if (crit->len > 0)
    g_string_truncate (crit, crit->len - 1);
  gtk_label_set_markup (self->critical_label, crit->str);
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_report), self->report != NULL);
  g_string_free (crit, TRUE);
  rebuild_overlays (self);
}

guint
app_dfm_panel_count_overlays (AppDfmPanel *self)
{
  g_return_val_if_fail (APP_IS_DFM_PANEL (self), 0);
  return render_markers_get_n_markers (self->markers) + render_markers_get_n_markers (self->hover)
         + (guint) render_lines_get_n_segments (self->kinds);
}

static void
row_selected_cb (GtkListBox *list, GtkListBoxRow *row, gpointer data)
{
  (void) list;
  AppDfmPanel *self = data;
  int index = row ? gtk_list_box_row_get_index (row) : -1;
  if (index != self->selected)
    app_dfm_panel_select_finding (self, index);
}

/* ---- report ---- */

gboolean
app_dfm_panel_save_report (AppDfmPanel *self, const char *path, GError **error)
{
  if (self->report == NULL || self->features == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "There is no finished review to save");
      return FALSE;
    }
  g_autofree char *name = g_path_get_basename (self->mesh && self->mesh->source_path ? self->mesh->source_path : "part");
  return cam_dfm_html_write (self->features, self->report, self->mesh, name, path, error);
}

/* Writing the report slices the part once per finding: a thread, on references to the
 * review it shows, so a newer review may replace it meanwhile. */
typedef struct {
  CamFeatureSet *features;
  CamDfmReport *report;
  CamMesh *mesh;
  char *path;
} SaveJob;

static void
save_job_free (SaveJob *j)
{
  cam_feature_set_unref (j->features);
  cam_dfm_report_free (j->report);
  g_clear_pointer (&j->mesh, cam_mesh_unref);
  g_free (j->path);
  g_free (j);
}

static void
save_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  (void) source;
  (void) cancellable;
  SaveJob *j = data;
  g_autofree char *name = g_path_get_basename (j->mesh && j->mesh->source_path ? j->mesh->source_path : "part");
  GError *error = NULL;
  if (cam_dfm_html_write (j->features, j->report, j->mesh, name, j->path, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
save_done (GObject *source, GAsyncResult *res, gpointer data)
{
  (void) source;
  AppDfmPanel *self = data;
  SaveJob *j = g_task_get_task_data (G_TASK (res));
  g_autoptr (GError) error = NULL;
  if (g_task_propagate_boolean (G_TASK (res), &error))
    {
      g_autofree char *msg = g_strdup_printf ("Report saved to %s", j->path);
      set_status (self, msg);
    }
  else
    set_status (self, error->message);
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_report), self->report != NULL);
  g_object_unref (self);
}

static void
save_response_cb (GtkNativeDialog *dialog, int response, gpointer data)
{
  AppDfmPanel *self = data;
  g_autoptr (GFile) file = response == GTK_RESPONSE_ACCEPT ? gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog)) : NULL;
  g_autofree char *path = file ? g_file_get_path (file) : NULL;
  if (path != NULL && self->report != NULL && self->features != NULL)
    {
      SaveJob *j = g_new0 (SaveJob, 1);
      j->features = cam_feature_set_ref (self->features);
      j->report = cam_dfm_report_ref (self->report);
      j->mesh = self->mesh ? cam_mesh_ref (self->mesh) : NULL;
      j->path = g_steal_pointer (&path);
      GTask *task = g_task_new (NULL, NULL, save_done, g_object_ref (self));
      g_task_set_task_data (task, j, (GDestroyNotify) save_job_free);
      g_task_run_in_thread (task, save_thread);
      g_object_unref (task);
      gtk_widget_set_sensitive (GTK_WIDGET (self->save_report), FALSE);
      set_status (self, "Writing the report…");
    }
  g_object_unref (dialog);
  g_object_unref (self);
}

static void
save_clicked_cb (GtkButton *button, gpointer data)
{
  (void) button;
  AppDfmPanel *self = data;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkFileChooserNative *dialog = gtk_file_chooser_native_new ("Save DFM Report", GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                              GTK_FILE_CHOOSER_ACTION_SAVE, "_Save", "_Cancel");
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), "dfm-report.html");
  g_signal_connect (dialog, "response", G_CALLBACK (save_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* ---- settings ---- */

static void
settings_changed_cb (GObject *obj, GParamSpec *pspec, gpointer data)
{
  (void) obj;
  (void) pspec;
  app_dfm_panel_analyse (APP_DFM_PANEL (data));
}

static void
show_features_cb (GtkCheckButton *b, gpointer data)
{
  AppDfmPanel *self = data;
  render_layer_set_visible (RENDER_LAYER (self->kinds), gtk_check_button_get_active (b));
  if (self->view)
    gtk_widget_queue_draw (GTK_WIDGET (self->view));
}

gboolean
app_dfm_panel_select_material (AppDfmPanel *self, const char *id)
{
  return app_library_picker_select_id (self->material, app_library_picker_default_library (), id);
}

gboolean
app_dfm_panel_select_machine (AppDfmPanel *self, const char *id)
{
  return app_library_picker_select_id (self->machine, app_library_picker_default_library (), id);
}

void
app_dfm_panel_set_tolerance (AppDfmPanel *self, double tolerance_mm)
{
  gtk_spin_button_set_value (self->tolerance, tolerance_mm);
}

void
app_dfm_panel_set_finish (AppDfmPanel *self, double ra_um)
{
  gtk_spin_button_set_value (self->finish, ra_um);
}

void
app_dfm_panel_set_mesh (AppDfmPanel *self, CamMesh *mesh)
{
  if (mesh != self->mesh)
    {
      g_clear_pointer (&self->mesh, cam_mesh_unref);
      self->mesh = mesh ? cam_mesh_ref (mesh) : NULL;
      /* the old part's analysis stops, and its findings, markers and outlines go now, not when
       * the new part's analysis ends: drawn over the new part they would point at nothing */
      app_dfm_panel_cancel (self);
      g_clear_pointer (&self->features, cam_feature_set_unref);
      g_clear_pointer (&self->report, cam_dfm_report_free);
      rebuild_results (self);
    }
  app_dfm_panel_analyse (self);
}

static GtkWidget *
labelled (const char *text, GtkWidget *w)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *l = gtk_label_new (text);
  gtk_label_set_xalign (GTK_LABEL (l), 0);
  gtk_widget_set_size_request (l, 90, -1);
  gtk_widget_set_hexpand (w, TRUE);
  gtk_box_append (GTK_BOX (box), l);
  gtk_box_append (GTK_BOX (box), w);
  return box;
}

static void
app_dfm_panel_dispose (GObject *obj)
{
  AppDfmPanel *self = APP_DFM_PANEL (obj);
  app_dfm_panel_cancel (self);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->pulse_id, g_source_remove);
  if (self->view != NULL)
    {
      if (self->fly_id != 0)
        gtk_widget_remove_tick_callback (GTK_WIDGET (self->view), self->fly_id);
      self->fly_id = 0;
      render_view_remove_layer (self->view, RENDER_LAYER (self->kinds));
      render_view_remove_layer (self->view, RENDER_LAYER (self->highlight));
      render_view_remove_layer (self->view, RENDER_LAYER (self->markers));
      if (self->motion)
        gtk_widget_remove_controller (GTK_WIDGET (self->view), self->motion);
      self->motion = NULL;
      g_object_remove_weak_pointer (G_OBJECT (self->view), (gpointer *) &self->view);
      self->view = NULL;
    }
  gtk_widget_dispose_template (GTK_WIDGET (obj), APP_TYPE_DFM_PANEL);
  G_OBJECT_CLASS (app_dfm_panel_parent_class)->dispose (obj);
}

static void
app_dfm_panel_finalize (GObject *obj)
{
  AppDfmPanel *self = APP_DFM_PANEL (obj);
  g_clear_pointer (&self->mesh, cam_mesh_unref);
  g_clear_pointer (&self->features, cam_feature_set_unref);
  g_clear_pointer (&self->report, cam_dfm_report_free);
  g_clear_pointer (&self->rules, cam_dfm_rules_free);
  g_clear_object (&self->document);
  g_clear_object (&self->markers);
  g_clear_object (&self->highlight);
  g_clear_object (&self->kinds);
  g_clear_object (&self->hover);
  g_clear_pointer (&self->hover_feature, g_array_unref);
  g_free (self->status);
  G_OBJECT_CLASS (app_dfm_panel_parent_class)->finalize (obj);
}

static void
app_dfm_panel_class_init (AppDfmPanelClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  G_OBJECT_CLASS (klass)->dispose = app_dfm_panel_dispose;
  G_OBJECT_CLASS (klass)->finalize = app_dfm_panel_finalize;
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/microcam/Microcam/ui/app-dfm-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, AppDfmPanel, pickers_box);
  gtk_widget_class_bind_template_child (widget_class, AppDfmPanel, tolerance);
  gtk_widget_class_bind_template_child (widget_class, AppDfmPanel, finish);
  gtk_widget_class_bind_template_child (widget_class, AppDfmPanel, show_features);
  gtk_widget_class_bind_template_child (widget_class, AppDfmPanel, save_report);
  gtk_widget_class_bind_template_child (widget_class, AppDfmPanel, progress);
  gtk_widget_class_bind_template_child (widget_class, AppDfmPanel, cancel);
  gtk_widget_class_bind_template_child (widget_class, AppDfmPanel, status_label);
  gtk_widget_class_bind_template_child (widget_class, AppDfmPanel, critical_label);
  gtk_widget_class_bind_template_child (widget_class, AppDfmPanel, list);
}

static void
app_dfm_panel_init (AppDfmPanel *self)
{
  const CamLibrary *lib = app_library_picker_default_library ();
  gtk_widget_init_template (GTK_WIDGET (self));
  self->selected = -1;

  /* the pickers list the library: made here, in the template's box */
  self->material = app_library_picker_new (lib, CAM_LIBRARY_MATERIALS);
  self->machine = app_library_picker_new (lib, CAM_LIBRARY_MACHINES);
  app_library_picker_select_id (self->material, lib, "ss316l");
  app_library_picker_select_id (self->machine, lib, "micro60k");
  gtk_box_append (self->pickers_box, labelled ("Material", GTK_WIDGET (self->material)));
  gtk_box_append (self->pickers_box, labelled ("Machine", GTK_WIDGET (self->machine)));
  set_busy (self, FALSE);

  self->markers = render_markers_new ();
  render_layer_set_on_top (RENDER_LAYER (self->markers), TRUE);
  self->highlight = render_lines_new ();
  render_layer_set_on_top (RENDER_LAYER (self->highlight), TRUE);
  self->kinds = render_lines_new ();
  render_layer_set_visible (RENDER_LAYER (self->kinds), FALSE);
  self->hover = render_markers_new ();
  self->hover_feature = g_array_new (FALSE, FALSE, sizeof (guint));

  g_autoptr (GError) error = NULL;
  self->rules = cam_dfm_rules_new_default (&error);
  if (self->rules == NULL)
    set_status (self, error->message);

  g_signal_connect (self->list, "row-selected", G_CALLBACK (row_selected_cb), self);
  g_signal_connect_swapped (self->cancel, "clicked", G_CALLBACK (app_dfm_panel_cancel), self);
  g_signal_connect (self->show_features, "toggled", G_CALLBACK (show_features_cb), self);
  g_signal_connect (self->save_report, "clicked", G_CALLBACK (save_clicked_cb), self);
  g_signal_connect (self->material, "notify::selected", G_CALLBACK (settings_changed_cb), self);
  g_signal_connect (self->machine, "notify::selected", G_CALLBACK (settings_changed_cb), self);
  g_signal_connect (self->tolerance, "notify::value", G_CALLBACK (settings_changed_cb), self);
  g_signal_connect (self->finish, "notify::value", G_CALLBACK (settings_changed_cb), self);
}

GtkWidget *
app_dfm_panel_new (RenderView *view)
{
  AppDfmPanel *self = g_object_new (APP_TYPE_DFM_PANEL, NULL);
  if (view != NULL)
    {
      self->view = view;
      g_object_add_weak_pointer (G_OBJECT (view), (gpointer *) &self->view);
      render_view_add_layer (view, RENDER_LAYER (self->kinds));
      render_view_add_layer (view, RENDER_LAYER (self->highlight));
      render_view_add_layer (view, RENDER_LAYER (self->markers));
      self->motion = gtk_event_controller_motion_new ();
      g_signal_connect (self->motion, "motion", G_CALLBACK (motion_cb), self);
      gtk_widget_add_controller (GTK_WIDGET (view), self->motion);
    }
  return GTK_WIDGET (self);
}

static void
document_mesh_cb (AppDocument *doc, GParamSpec *pspec, AppDfmPanel *self)
{
  (void) pspec;
  app_dfm_panel_set_mesh (self, app_document_get_mesh (doc));
}

void
app_dfm_panel_set_document (AppDfmPanel *self, AppDocument *doc)
{
  g_return_if_fail (APP_IS_DFM_PANEL (self));
  g_return_if_fail (APP_IS_DOCUMENT (doc) && self->document == NULL);
  self->document = g_object_ref (doc);
  /* the settings are the document's, shown once by the window: these become its views */
  app_document_adopt_settings (doc, self->material, self->machine, self->tolerance, self->finish, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->pickers_box), FALSE);
  g_signal_connect_object (doc, "notify::mesh", G_CALLBACK (document_mesh_cb), self, 0);
  app_dfm_panel_set_mesh (self, app_document_get_mesh (doc));
}
