/* app-gcode-placement.c — where the G-code page draws the program on the part.
 *
 * A program runs in work coordinates; the part is in model coordinates; the page draws
 * every move at model = work + offset (render_view_set_layer_offset: moving the program
 * costs no refill, however long it is). The offset is the job's work offset (cam-job.h:
 * work = model − work_offset) when the program is the document's job's own, else taken from
 * the part's bounding box the way the planner takes it from the stock (cam_job_set_origin:
 * X0 Y0 at the model's origin, the min corner or the centre; Z0 at the top, which for a
 * part planned with no stock margin is the part's top). The work zero is drawn as a small
 * triad labelled "work zero" (render-work-zero.h).
 *
 * "The job's own" is read from what programs say: microcam's header names each T number's
 * tool ("(T1: em-flat-0.2 …)", cam-gcode-header.h) and the stock in work coordinates
 * ("(stock: X0.0000..20.0000 … work)"), so a program whose header names exactly the job's
 * tools, number for number, or the job's stock is the job's; so is one whose moves span the
 * box the job's toolpath spans (within the posts' 4-decimal rounding), for a program written
 * without a header.
 *
 * A program that is not the job's but gives its stock is placed by it (AUTO) the way the
 * planner makes a stock from a part (cam_job_set_stock_from_part): the stock centred on the
 * part in X and Y (equal margins), its bottom on the part's bottom. */
#include "app-gcode-panel-private.h"
#include "app-form.h"

#include <math.h>
#include <string.h>

/* microcam's posts write coordinates with 4 decimals: two programs of one toolpath agree
 * within half of the last digit on each side. */
#define SAME_BOUNDS_MM 2e-4

static gboolean
header_names_job_tools (const CamGcodeReader *r, const CamToolpath *job_tp)
{
  if (r->header_tools == NULL || r->header_tools->len == 0 || r->header_tools->len != job_tp->tools->len)
    return FALSE;
  for (guint i = 0; i < job_tp->tools->len; i++)
    {
      const CamToolpathTool *t = g_ptr_array_index (job_tp->tools, i);
      const CamGcodeHeaderTool *h = cam_gcode_reader_header_tool (r, t->number);
      if (h == NULL || t->spec == NULL || g_strcmp0 (h->tool_id, t->spec) != 0)
        return FALSE;
    }
  return TRUE;
}

static gboolean
spans_job_toolpath (const AppGcodeProgram *p, const CamToolpath *job_tp)
{
  double lo[3], hi[3];
  if (job_tp->moves->len == 0)
    return FALSE;
  cam_toolpath_bounds (job_tp, lo, hi);
  for (int k = 0; k < 3; k++)
    if (fabs (lo[k] - p->bounds_min[k]) > SAME_BOUNDS_MM || fabs (hi[k] - p->bounds_max[k]) > SAME_BOUNDS_MM)
      return FALSE;
  return TRUE;
}

/* The header's stock is the job's stock in work coordinates. */
static gboolean
header_gives_job_stock (const CamGcodeReader *r, const CamJob *job)
{
  if (!r->header.has_stock)
    return FALSE;
  for (int k = 0; k < 3; k++)
    if (fabs (r->header.stock_min[k] - (job->stock_min[k] - job->work_offset[k])) > SAME_BOUNDS_MM
        || fabs (r->header.stock_max[k] - (job->stock_max[k] - job->work_offset[k])) > SAME_BOUNDS_MM)
      return FALSE;
  return TRUE;
}

static gboolean
program_is_jobs (const AppGcodeProgram *p, const CamJob *job)
{
  if (p == NULL || job == NULL || job->toolpath == NULL)
    return FALSE;
  return header_names_job_tools (p->reader, job->toolpath) || header_gives_job_stock (p->reader, job)
         || spans_job_toolpath (p, job->toolpath);
}

/* The offset and a sentence saying where it comes from. */
static char *
work_out_offset (AppGcodePanel *self, double off[3], gboolean *by_job)
{
  CamJob *job = self->doc ? app_document_get_job (self->doc) : NULL;
  CamMesh *mesh = self->doc ? app_document_get_mesh (self->doc) : NULL;
  *by_job = FALSE;
  memset (off, 0, 3 * sizeof (double));
  if (self->placement == APP_GCODE_PLACE_AUTO && program_is_jobs (self->program, job))
    {
      memcpy (off, job->work_offset, 3 * sizeof (double));
      *by_job = TRUE;
      return g_strdup_printf ("Work zero as the job's (origin %s, Z0 the stock top): model X%.3f Y%.3f Z%.3f",
                              cam_origin_to_string (job->origin), off[0], off[1], off[2]);
    }
  if (mesh == NULL)
    return g_strdup ("No part open: the program is drawn as written (work zero at the view's origin)");
  const CamBounds *b = &mesh->bounds;
  const CamGcodeHeaderStock *hs = self->program ? &self->program->reader->header : NULL;
  if (self->placement == APP_GCODE_PLACE_AUTO && hs != NULL && hs->has_stock)
    {
      for (int k = 0; k < 2; k++)
        off[k] = 0.5 * (b->min[k] + b->max[k]) - 0.5 * (hs->stock_min[k] + hs->stock_max[k]);
      off[2] = b->min[2] - hs->stock_min[2];
      return g_strdup_printf ("Work zero from the program's stock (line %u), centred on the part, its bottom on "
                              "the part's: model X%.3f Y%.3f Z%.3f",
                              hs->stock_line, off[0], off[1], off[2]);
    }
  const char *xy = "the part's model X0 Y0";
  switch (self->placement)
    {
    case APP_GCODE_PLACE_CORNER:
      off[0] = b->min[0], off[1] = b->min[1];
      xy = "the part's corner (least X and Y)";
      break;
    case APP_GCODE_PLACE_CENTRE:
      off[0] = 0.5 * (b->min[0] + b->max[0]), off[1] = 0.5 * (b->min[1] + b->max[1]);
      xy = "the part's centre";
      break;
    case APP_GCODE_PLACE_AUTO:
    case APP_GCODE_PLACE_MODEL:
    default:
      break;
    }
  off[2] = self->z0_at_part_top ? b->max[2] : 0;
  return g_strdup_printf ("Work zero at %s, Z0 %s: model X%.3f Y%.3f Z%.3f", xy,
                          self->z0_at_part_top ? "at the part's top" : "at model Z0", off[0], off[1], off[2]);
}

void
app_gcode_panel_update_placement (AppGcodePanel *self)
{
  if (self->disposed)
    return;
  g_autofree char *why = work_out_offset (self, self->work_offset, &self->placed_by_job);
  gtk_label_set_text (self->placement_label, why);
  /* the Z0 choice is the part's; the job's work zero has its own Z0 (the stock top) */
  gtk_widget_set_sensitive (GTK_WIDGET (self->z0_top_check), !self->placed_by_job);
  render_work_zero_set_position (self->work_zero, self->work_offset);
  render_layer_set_visible (RENDER_LAYER (self->work_zero), self->shown && self->program != NULL);
  if (self->view == NULL)
    return;
  RenderLayer *layers[] = { RENDER_LAYER (self->cuts), RENDER_LAYER (self->rapids), RENDER_LAYER (self->highlight),
                            RENDER_LAYER (self->tool_lines), RENDER_LAYER (self->marker) };
  for (guint i = 0; i < G_N_ELEMENTS (layers); i++)
    render_view_set_layer_offset (self->view, layers[i], self->work_offset);
  if (self->program != NULL && self->program->reader->toolpath->moves->len > 0)
    {
      double lo[3], hi[3];
      for (int k = 0; k < 3; k++)
        {
          lo[k] = self->program->bounds_min[k] + self->work_offset[k];
          hi[k] = self->program->bounds_max[k] + self->work_offset[k];
        }
      render_view_set_fit_bounds (self->view, lo, hi);
    }
}

static void
placement_changed_cb (AppGcodePanel *self)
{
  guint row = gtk_drop_down_get_selected (self->placement_dd);
  if (row == GTK_INVALID_LIST_POSITION || self->placing)
    return;
  app_gcode_panel_set_placement (self, (AppGcodePlacement) row, gtk_check_button_get_active (self->z0_top_check));
}

int
app_gcode_panel_build_placement (AppGcodePanel *self, GtkGrid *grid, int row)
{
  const char *rows[] = { "automatic: the job's, else the part's X0 Y0", "the part's X0 Y0 (model)",
                         "the part's corner (least X and Y)", "the part's centre", NULL };
  self->placement_dd = GTK_DROP_DOWN (gtk_drop_down_new_from_strings (rows));
  gtk_drop_down_set_selected (self->placement_dd, (guint) self->placement);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->placement_dd),
                               "Where the program's X0 Y0 is on the part: a program runs in work coordinates, the "
                               "part is drawn in its model coordinates. Automatic: the job's work zero when the "
                               "program is the open job's (its header names the job's tools), else the part's X0 Y0");
  self->z0_top_check = GTK_CHECK_BUTTON (gtk_check_button_new_with_label ("Z0 at the part's top"));
  gtk_check_button_set_active (self->z0_top_check, self->z0_at_part_top);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->z0_top_check),
                               "As microcam's posts write programs: Z0 is the top of the stock. Off: Z0 is the "
                               "model's Z0");
  self->placement_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->placement_label, TRUE);
  gtk_label_set_xalign (self->placement_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->placement_label), "dim-label");
  g_signal_connect_swapped (self->placement_dd, "notify::selected", G_CALLBACK (placement_changed_cb), self);
  g_signal_connect_swapped (self->z0_top_check, "toggled", G_CALLBACK (placement_changed_cb), self);
  app_form_row (grid, row++, "Work zero", GTK_WIDGET (self->placement_dd));
  gtk_grid_attach (grid, GTK_WIDGET (self->z0_top_check), 1, row++, 1, 1);
  gtk_grid_attach (grid, GTK_WIDGET (self->placement_label), 0, row++, 2, 1);
  return row;
}

static void
document_changed_cb (GObject *doc, GParamSpec *ps, gpointer data)
{
  (void) doc;
  (void) ps;
  app_gcode_panel_update_placement (data);
}

void
app_gcode_panel_watch_document (AppGcodePanel *self, AppDocument *doc)
{
  g_set_object (&self->doc, doc);
  g_signal_connect_object (doc, "notify::mesh", G_CALLBACK (document_changed_cb), self, 0);
  g_signal_connect_object (doc, "notify::job", G_CALLBACK (document_changed_cb), self, 0);
  app_gcode_panel_update_placement (self);
}

void
app_gcode_panel_set_placement (AppGcodePanel *self, AppGcodePlacement placement, gboolean z0_at_part_top)
{
  g_return_if_fail (APP_IS_GCODE_PANEL (self));
  g_return_if_fail ((guint) placement <= APP_GCODE_PLACE_CENTRE);
  self->placement = placement;
  self->z0_at_part_top = !!z0_at_part_top;
  /* the widgets follow without calling back here half-way */
  self->placing = TRUE;
  gtk_drop_down_set_selected (self->placement_dd, (guint) placement);
  gtk_check_button_set_active (self->z0_top_check, self->z0_at_part_top);
  self->placing = FALSE;
  app_gcode_panel_update_placement (self);
}

AppGcodePlacement
app_gcode_panel_get_placement (AppGcodePanel *self)
{
  g_return_val_if_fail (APP_IS_GCODE_PANEL (self), APP_GCODE_PLACE_AUTO);
  return self->placement;
}

void
app_gcode_panel_get_work_offset (AppGcodePanel *self, double offset[3])
{
  g_return_if_fail (APP_IS_GCODE_PANEL (self));
  memcpy (offset, self->work_offset, sizeof self->work_offset);
}

gboolean
app_gcode_panel_placed_by_job (AppGcodePanel *self)
{
  g_return_val_if_fail (APP_IS_GCODE_PANEL (self), FALSE);
  return self->placed_by_job;
}
