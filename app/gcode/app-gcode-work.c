/* app-gcode-work.c — the G-code panel's background work (construction, messages and
 * selection: app-gcode-panel.c; drawing: app-gcode-overlay.c).
 *
 * Threads: reading (map the file, index its lines, cam_gcode_reader_parse, statistics,
 * the coloured layers) and the review (cam_gcode_review_run_tools, statistics, layers)
 * run in GTask threads; progress comes back through an atomic value polled by a timeout.
 * Only the task last started is awaited (a generation number): the result of one that a
 * newer task superseded is dropped. The program is shared with the threads by reference
 * (AppGcodeProgram), so opening another file while a review runs never frees what that
 * review reads. A toolpath is never changed once the panel shows it: the review writes the
 * moves' physics into its own copy of the program's toolpath (made in the thread from a
 * reference taken when it started), and review_done swaps that copy in on the main thread
 * — so the page, the picking and other threads never read moves a review is writing.
 * Cancel stops the review (its GCancellable) and drops its copy. */
#include "app-gcode-panel-private.h"
#include "app-error-dialog.h"

#include <math.h>
#include <string.h>

#include "app-library-picker.h"
#include "cam-error.h"
#include "cam-plan.h"

/* ---- the shared program ---- */

static void
program_clear (gpointer data)
{
  AppGcodeProgram *p = data;
  g_free (p->path);
  g_clear_pointer (&p->reader, cam_gcode_reader_free);
  g_clear_object (&p->lines);
  g_free (p->stats_machine);
}

AppGcodeProgram *
app_gcode_program_ref (AppGcodeProgram *program)
{
  return g_atomic_rc_box_acquire (program);
}

void
app_gcode_program_unref (AppGcodeProgram *program)
{
  g_atomic_rc_box_release_full (program, program_clear);
}

/* ---- status, progress, tasks ---- */

void
app_gcode_panel_set_status (AppGcodePanel *self, const char *text)
{
  g_free (self->status);
  self->status = g_strdup (text ? text : "");
  gtk_label_set_text (self->status_label, self->status);
}

static void
progress_cb (double fraction, gpointer data)
{
  g_atomic_int_set ((gint *) data, (gint) (fraction * 1000));
}

static gboolean
progress_tick (gpointer data)
{
  AppGcodePanel *self = data;
  gint v = g_atomic_int_get (&self->progress_permille);
  if (v < 0)
    gtk_progress_bar_pulse (self->progress);
  else
    gtk_progress_bar_set_fraction (self->progress, v / 1000.0);
  return G_SOURCE_CONTINUE;
}

typedef struct {
  AppGcodePanel *self;       /* a reference */
  guint generation;
  AppGcodeDoneFunc done;
} TaskCtx;

static void
task_done_cb (GObject *source, GAsyncResult *res, gpointer data)
{
  (void) source;
  TaskCtx *ctx = data;
  AppGcodePanel *self = ctx->self;
  if (ctx->generation == self->generation && self->busy && !self->disposed)
    {
      self->busy = FALSE;
      g_clear_handle_id (&self->progress_source, g_source_remove);
      gtk_progress_bar_set_fraction (self->progress, 0);
      ctx->done (self, G_TASK (res), g_task_get_task_data (G_TASK (res)));
      app_gcode_panel_refresh (self);
      if (self->review_again && !self->busy && self->reviewed)
        {
          self->review_again = FALSE;
          app_gcode_panel_review (self);
        }
    }
  g_object_unref (self);
  g_free (ctx);
}

void
app_gcode_panel_start_task (AppGcodePanel *self, const char *what, gpointer task_data, GDestroyNotify free_data,
                            GTaskThreadFunc thread, AppGcodeDoneFunc done)
{
  app_gcode_panel_cancel (self);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_atomic_int_set (&self->progress_permille, 0);
  TaskCtx *ctx = g_new0 (TaskCtx, 1);
  ctx->self = g_object_ref (self);
  ctx->generation = ++self->generation;
  ctx->done = done;
  GTask *task = g_task_new (NULL, self->cancellable, task_done_cb, ctx);
  g_task_set_task_data (task, task_data, free_data);
  self->busy = TRUE;
  g_clear_handle_id (&self->progress_source, g_source_remove);
  self->progress_source = g_timeout_add (100, progress_tick, self);
  app_gcode_panel_set_status (self, what);
  app_gcode_panel_refresh (self);
  g_task_run_in_thread (task, thread);
  g_object_unref (task);
}

void
app_gcode_panel_cancel (AppGcodePanel *self)
{
  g_return_if_fail (APP_IS_GCODE_PANEL (self));
  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
}

gboolean
app_gcode_panel_is_busy (AppGcodePanel *self)
{
  g_return_val_if_fail (APP_IS_GCODE_PANEL (self), FALSE);
  return self->busy;
}

const char *
app_gcode_panel_get_status (AppGcodePanel *self)
{
  return self->status;
}

static const CamMachine *
current_machine (AppGcodePanel *self)
{
  return app_library_picker_get_machine (self->machine, self->lib);
}

static void
kinematics (const CamMachine *machine, CamKinematics *kin)
{
  if (machine)
    cam_machine_kinematics (machine, kin);
  else
    memset (kin, 0, sizeof *kin);
}

/* ---- loading ---- */

typedef struct {
  char *path;
  char *machine_id;
  const CamMachine *machine;
  RenderOverlay overlay;
  double tolerance;
  gint *progress;
  AppGcodeProgram *program;      /* result */
  RenderLines *cuts, *rapids;
  RenderToolpathLegend legend;
} LoadWork;

static void
load_work_free (gpointer data)
{
  LoadWork *w = data;
  g_free (w->path);
  g_free (w->machine_id);
  g_clear_pointer (&w->program, app_gcode_program_unref);
  g_clear_object (&w->cuts);
  g_clear_object (&w->rapids);
  g_free (w);
}

static void
load_progress (double fraction, gpointer data)
{
  progress_cb (0.05 + 0.8 * fraction, data);
}

static void
load_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  (void) source;
  LoadWork *w = data;
  GError *error = NULL;
  if (g_cancellable_set_error_if_cancelled (cancellable, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  g_autoptr (GMappedFile) mf = g_mapped_file_new (w->path, FALSE, &error);
  if (mf == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  AppGcodeProgram *p = g_atomic_rc_box_new0 (AppGcodeProgram);
  w->program = p;
  p->path = g_strdup (w->path);
  p->lines = app_gcode_lines_new (mf, cancellable, &error);
  if (p->lines == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  progress_cb (0.05, w->progress);
  p->reader = cam_gcode_reader_new (NULL);
  gsize len = g_mapped_file_get_length (mf);
  if (!cam_gcode_reader_parse (p->reader, len ? g_mapped_file_get_contents (mf) : "", len, w->path, load_progress,
                               w->progress, cancellable, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  CamKinematics kin;
  kinematics (w->machine, &kin);
  cam_toolpath_stats (p->reader->toolpath, w->machine ? &kin : NULL, -1, &p->stats);
  p->stats_machine = g_strdup (w->machine_id);
  cam_toolpath_bounds (p->reader->toolpath, p->bounds_min, p->bounds_max);
  progress_cb (0.9, w->progress);
  app_gcode_overlay_legend (p->reader->toolpath, w->overlay, w->tolerance, &w->legend);
  w->cuts = render_lines_new ();
  w->rapids = render_lines_new ();
  render_lines_set_style (w->rapids, RENDER_LINE_DASHED);
  if (!app_gcode_overlay_fill (p->reader->toolpath, &w->legend, w->cuts, w->rapids, cancellable))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "%s: reading cancelled", w->path);
      return;
    }
  progress_cb (1.0, w->progress);
  g_task_return_boolean (task, TRUE);
}

static gboolean
is_cancel (const GError *error)
{
  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
show_error_dialog (AppGcodePanel *self, const char *title, const char *message)
{
  /* only where someone sees it: not for a page in no window or one not shown (tests, batch) */
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  if (GTK_IS_WINDOW (root) && gtk_widget_get_mapped (GTK_WIDGET (root)))
    app_error_dialog_show (GTK_WIDGET (self), NULL, title, message);
}

static void
load_done (AppGcodePanel *self, GTask *task, gpointer data)
{
  LoadWork *w = data;
  g_autoptr (GError) error = NULL;
  if (!g_task_propagate_boolean (task, &error))
    {
      g_autofree char *text = is_cancel (error) ? g_strdup_printf ("Cancelled: %s not opened", w->path)
                                                : g_strdup_printf ("Could not open %s: %s", w->path, error->message);
      app_gcode_panel_set_status (self, text);
      if (!is_cancel (error))
        show_error_dialog (self, "Could not open the G-code program", text);
      g_signal_emit_by_name (self, "load-failed", text);
      return;
    }
  g_clear_pointer (&self->program, app_gcode_program_unref);
  self->program = g_steal_pointer (&w->program);
  cam_gcode_review_clear (&self->review);
  self->reviewed = FALSE;
  self->selected_line = 0;
  self->selected_move = -1;
  app_gcode_panel_fill_messages (self); /* first: the rows are coloured by it when bound */
  gtk_single_selection_set_model (self->line_selection, G_LIST_MODEL (self->program->lines));
  app_gcode_panel_fill_tool_map (self);
  app_gcode_panel_swap_layers (self, w->cuts, w->rapids, &w->legend);
  app_gcode_panel_update_highlight (self);
  const CamGcodeReader *r = self->program->reader;
  g_autofree char *first = cam_gcode_reader_first_error (r);
  g_autofree char *text = first ? g_strdup_printf ("Read with %u error%s — first: %s", r->n_errors,
                                                   r->n_errors == 1 ? "" : "s", first)
                                : g_strdup_printf ("Read %s: %u moves", w->path, r->toolpath->moves->len);
  app_gcode_panel_set_status (self, text);
  /* the overlay changed while reading: colour again (in a thread for a large program) */
  if (w->overlay != self->overlay)
    app_gcode_panel_repaint (self);
  app_gcode_panel_fit_view (self);
  g_signal_emit_by_name (self, "program-loaded");
}

void
app_gcode_panel_open (AppGcodePanel *self, const char *path)
{
  g_return_if_fail (APP_IS_GCODE_PANEL (self));
  g_return_if_fail (path != NULL);
  LoadWork *w = g_new0 (LoadWork, 1);
  w->path = g_strdup (path);
  w->machine = current_machine (self);
  w->machine_id = w->machine ? g_strdup (w->machine->id) : NULL;
  w->overlay = self->overlay;
  w->tolerance = gtk_spin_button_get_value (self->tolerance_spin);
  w->progress = &self->progress_permille;
  g_autofree char *what = g_strdup_printf ("Reading %s…", path);
  app_gcode_panel_start_task (self, what, w, load_work_free, load_thread, load_done);
}

const char *
app_gcode_panel_get_path (AppGcodePanel *self)
{
  return self->program ? self->program->path : NULL;
}

const CamGcodeReader *
app_gcode_panel_get_reader (AppGcodePanel *self)
{
  return self->program ? self->program->reader : NULL;
}

CamToolpath *
app_gcode_panel_get_toolpath (AppGcodePanel *self)
{
  return self->program ? self->program->reader->toolpath : NULL;
}

GListModel *
app_gcode_panel_get_lines (AppGcodePanel *self)
{
  return self->program ? G_LIST_MODEL (self->program->lines) : NULL;
}

const CamToolpathStats *
app_gcode_panel_get_stats (AppGcodePanel *self)
{
  return self->program ? &self->program->stats : NULL;
}

/* ---- review ---- */

/* A toolpath of its own for a review to write into: tools, start and moves as in tp
 * (cam/toolpath has no copy; cam_toolpath_append_toolpath would renumber op indices). */
static CamToolpath *
toolpath_copy (const CamToolpath *tp)
{
  CamToolpath *copy = cam_toolpath_new ();
  for (guint i = 0; i < tp->tools->len; i++)
    {
      const CamToolpathTool *t = g_ptr_array_index (tp->tools, i);
      cam_toolpath_add_tool (copy, t->number, t->diameter_mm, t->spec, t->label, t->coolant);
    }
  memcpy (copy->start, tp->start, sizeof copy->start);
  g_array_append_vals (copy->moves, tp->moves->data, tp->moves->len);
  return copy;
}

typedef struct {
  AppGcodeProgram *program;
  CamToolpath *source;           /* the program's toolpath when asked: a reference, read only */
  CamToolpath *toolpath;         /* the thread's copy of it, reviewed: swapped in by review_done */
  const CamTool *tool;
  GArray *mapping;               /* CamGcodeReviewTool */
  const CamMaterial *material;
  const CamMachine *machine;
  CamGcodeReviewOptions options;
  RenderOverlay overlay;
  gint *progress;
  CamGcodeReview review;
  gboolean have_review;
  CamToolpathStats stats;
  RenderLines *cuts, *rapids;
  RenderToolpathLegend legend;
} ReviewWork;

static void
review_work_free (gpointer data)
{
  ReviewWork *w = data;
  if (w->have_review)
    cam_gcode_review_clear (&w->review);
  g_clear_pointer (&w->program, app_gcode_program_unref);
  g_clear_pointer (&w->source, cam_toolpath_unref);
  g_clear_pointer (&w->toolpath, cam_toolpath_unref);
  g_clear_pointer (&w->mapping, g_array_unref);
  g_clear_object (&w->cuts);
  g_clear_object (&w->rapids);
  g_free (w);
}

static void
review_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  (void) source;
  ReviewWork *w = data;
  GError *error = NULL;
  g_atomic_int_set (w->progress, -1);
  w->toolpath = toolpath_copy (w->source);
  CamToolpath *tp = w->toolpath;
  w->options.cancellable = cancellable;
  gboolean ok = cam_gcode_review_run_tools (tp, (const CamGcodeReviewTool *) w->mapping->data, w->mapping->len, w->tool, w->material, w->machine, &w->options, &w->review,
                                            NULL, &error);
  w->have_review = ok;
  if (ok)
    {
      CamKinematics kin;
      kinematics (w->machine, &kin);
      cam_toolpath_stats (tp, &kin, -1, &w->stats);
    }
  if (!ok)
    {
      g_task_return_error (task, error);
      return;
    }
  g_atomic_int_set (w->progress, 900);
  /* the deflection scale against what the review allowed (the engine's default tolerance when none is given) */
  double tolerance = w->options.tolerance_mm > 0 ? w->options.tolerance_mm : 2 * w->review.allowed_deflection_um / 1000;
  app_gcode_overlay_legend (tp, w->overlay, tolerance, &w->legend);
  w->cuts = render_lines_new ();
  w->rapids = render_lines_new ();
  render_lines_set_style (w->rapids, RENDER_LINE_DASHED);
  if (!app_gcode_overlay_fill (tp, &w->legend, w->cuts, w->rapids, cancellable))
    {
      g_clear_object (&w->cuts);
      g_clear_object (&w->rapids);
    }
  g_task_return_boolean (task, TRUE);
}

static void
review_done (AppGcodePanel *self, GTask *task, gpointer data)
{
  ReviewWork *w = data;
  g_autoptr (GError) error = NULL;
  if (!g_task_propagate_boolean (task, &error))
    {
      /* the engine's own word, or GTask's for a task whose cancellable fired */
      gboolean cancelled = g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      g_autofree char *text = cancelled ? g_strdup ("Review cancelled: Review again for deflection, finish and safety")
                                        : g_strdup_printf ("Review failed: %s", error->message);
      /* first: recolouring keeps the status line it finds */
      app_gcode_panel_set_status (self, text);
      if (cancelled && w->program == self->program)
        {
          /* the review shown was for other settings than those last asked for: none to
           * show (the cancelled copy is dropped; the program keeps its moves) */
          cam_gcode_review_clear (&self->review);
          self->reviewed = FALSE;
          app_gcode_panel_fill_messages (self);
          if (self->overlay != RENDER_OVERLAY_TYPE && self->overlay != RENDER_OVERLAY_FEED)
            app_gcode_panel_set_overlay (self, RENDER_OVERLAY_TYPE);
        }
      return;
    }
  if (w->program != self->program)
    return;
  /* the reviewed copy becomes the program's toolpath; whoever still reads the previous one
   * (a colouring thread) holds its own reference */
  cam_toolpath_unref (self->program->reader->toolpath);
  self->program->reader->toolpath = g_steal_pointer (&w->toolpath);
  cam_gcode_review_clear (&self->review);
  self->review = w->review;
  w->have_review = FALSE;
  self->reviewed = TRUE;
  self->program->stats = w->stats;
  g_free (self->program->stats_machine);
  self->program->stats_machine = g_strdup (w->machine->id);
  if (w->cuts && w->overlay == self->overlay)
    app_gcode_panel_swap_layers (self, w->cuts, w->rapids, &w->legend);
  app_gcode_panel_fill_messages (self);
  g_autofree char *desc = cam_tool_describe (w->tool);
  g_autofree char *mapped = w->mapping->len ? g_strdup_printf (" (and %u T number%s with their own)", w->mapping->len,
                                                               w->mapping->len == 1 ? "" : "s")
                                             : g_strdup ("");
  g_autofree char *text = g_strdup_printf ("Reviewed with %s%s in %s on %s%s", w->tool->id ? w->tool->id : desc, mapped,
                                           w->material->name ? w->material->name : w->material->id,
                                           w->machine->name ? w->machine->name : w->machine->id,
                                           g_cancellable_is_cancelled (g_task_get_cancellable (task))
                                             ? " (cancel came after the review had run)" : "");
  app_gcode_panel_set_status (self, text);
  /* the overlay changed while the review ran, or its layers were cancelled */
  if (w->cuts == NULL || w->overlay != self->overlay)
    app_gcode_panel_repaint (self);
  g_signal_emit_by_name (self, "reviewed");
}

void
app_gcode_panel_review (AppGcodePanel *self)
{
  g_return_if_fail (APP_IS_GCODE_PANEL (self));
  if (self->program == NULL || self->busy)
    return;
  const CamMaterial *mat = app_library_picker_get_material (self->material, self->lib);
  const CamMachine *mach = current_machine (self);
  const CamTool *tool = app_library_picker_get_tool (self->tool, self->lib);
  if (mat == NULL || mach == NULL || tool == NULL)
    {
      app_gcode_panel_set_status (self, "Pick a material, a machine and a tool");
      return;
    }
  ReviewWork *w = g_new0 (ReviewWork, 1);
  w->program = app_gcode_program_ref (self->program);
  w->source = cam_toolpath_ref (self->program->reader->toolpath);
  w->tool = tool;
  w->mapping = app_gcode_panel_tool_mapping (self);
  w->material = mat;
  w->machine = mach;
  cam_gcode_review_options_init (&w->options);
  w->options.stock_top_z = self->stock_top;
  w->options.has_stock_bottom = self->stock_thickness > 0;
  w->options.stock_bottom_z = self->stock_top - self->stock_thickness;
  w->options.tolerance_mm = gtk_spin_button_get_value (self->tolerance_spin);
  /* the stock box and tolerance microcam's post wrote in the program's header, as `check` takes
   * them, where the page's stock top and thickness are left at their defaults (0) and the
   * tolerance at 0 */
  cam_gcode_review_options_take_header (&w->options, &self->program->reader->header,
                                        self->stock_top == 0 && !(self->stock_thickness > 0));
  w->overlay = self->overlay;
  w->progress = &self->progress_permille;
  app_gcode_panel_start_task (self, "Reviewing every cutting move…", w, review_work_free, review_thread, review_done);
}

const CamGcodeReview *
app_gcode_panel_get_review (AppGcodePanel *self)
{
  return self->reviewed ? &self->review : NULL;
}
