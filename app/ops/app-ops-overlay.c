/* app-ops-overlay.c — the Operations panel's drawing in the 3D view: the toolpath layers
 * coloured by the overlay (render-toolpath.c), the stock box and the tool model at the
 * playback position, the legend (in the view, render-legend.c, and in the panel with
 * cairo), and right-click picking of a move. */
#include "app-ops-panel-private.h"
#include "app-legend-draw.h"

#include <math.h>

/* ---- drawing ---- */

/* The stock as a translucent box with thin edges and the tool at the last move shown as a wireframe cylinder
 * (radius and length of cut of the job's tool), both in model coordinates. */
static void
rebuild_stock_and_tool (AppOpsPanel *self, gsize upto)
{
  static const float stock_rgba[4] = { 0.35f, 0.45f, 0.60f, 1.0f };
  static const float tool_rgba[4] = { 0.95f, 0.55f, 0.05f, 1.0f };
  static const float stock_faces_rgba[4] = { 0.45f, 0.58f, 0.78f, 0.14f };
  render_lines_clear (self->stock_lines);
  render_lines_clear (self->tool_lines);
  render_box_clear (self->stock_box);
  if (self->job == NULL)
    return;
  const double *lo = self->job->stock_min, *hi = self->job->stock_max;
  render_box_set (self->stock_box, lo, hi, stock_faces_rgba);
  for (int e = 0; e < 12; e++)
    {
      /* the 12 edges: 4 along each axis */
      int axis = e / 4, a = e % 2, b = (e / 2) % 2;
      double p[3], q[3];
      for (int k = 0; k < 3; k++)
        {
          int bit = k == axis ? 0 : (k == (axis + 1) % 3 ? a : b);
          p[k] = bit ? hi[k] : lo[k];
          q[k] = k == axis ? hi[k] : p[k];
        }
      render_lines_add_segment (self->stock_lines, p, q, stock_rgba, stock_rgba);
    }
  const CamToolpath *tp = self->job->toolpath;
  if (tp == NULL || upto == 0)
    return;
  double tip[3];
  cam_toolpath_move_start (tp, MIN (upto, (gsize) tp->moves->len), tip);
  const CamMove *m = cam_toolpath_move (tp, MIN (upto, (gsize) tp->moves->len) - 1);
  const CamJobTool *jt = m->tool_index < self->job->tools->len ? cam_job_tool (self->job, m->tool_index) : NULL;
  if (jt == NULL)
    return;
  double r = 0.5 * jt->tool->d_mm, h = MAX (jt->tool->loc_mm, 4 * r);
  for (int k = 0; k < 3; k++)
    tip[k] += self->job->work_offset[k];
  double ring[2][3 * 33];
  for (int z = 0; z < 2; z++)
    for (int i = 0; i <= 32; i++)
      {
        double a = 2 * G_PI * i / 32;
        ring[z][3 * i] = tip[0] + r * cos (a);
        ring[z][3 * i + 1] = tip[1] + r * sin (a);
        ring[z][3 * i + 2] = tip[2] + z * h;
      }
  render_lines_add_polyline (self->tool_lines, ring[0], 33, tool_rgba, FALSE);
  render_lines_add_polyline (self->tool_lines, ring[1], 33, tool_rgba, FALSE);
  for (int i = 0; i < 32; i += 8)
    render_lines_add_segment (self->tool_lines, ring[0] + 3 * i, ring[1] + 3 * i, tool_rgba, tool_rgba);
}

void
app_ops_panel_rebuild_layers (AppOpsPanel *self)
{
  render_lines_clear (self->cuts);
  render_lines_clear (self->rapids);
  rebuild_stock_and_tool (self, self->job && self->job->toolpath
                                  ? (gsize) llround (self->playback_fraction * self->job->toolpath->moves->len) : 0);
  if (self->job == NULL || self->job->toolpath == NULL)
    {
      render_legend_set (self->legend_layer, NULL);
      return;
    }
  render_toolpath_legend (self->job->toolpath, self->overlay, self->job->tolerance_mm, self->job->finish_ra_um,
                          &self->legend);
  gsize n = self->job->toolpath->moves->len;
  gsize upto = (gsize) llround (self->playback_fraction * n);
  render_toolpath_fill (self->job->toolpath, self->job->work_offset, self->overlay, &self->legend, upto, self->cuts,
                        self->rapids);
  render_legend_set (self->legend_layer, &self->legend);
  gtk_widget_queue_draw (GTK_WIDGET (self->legend_area));
}

void
app_ops_panel_legend_draw (GtkDrawingArea *area, cairo_t *cr, int width, int height, gpointer data)
{
  (void) area;
  (void) height;
  AppOpsPanel *self = data;
  if (self->job != NULL)
    app_legend_draw (cr, &self->legend, width);
}

/* ---- overlay, playback, picking ---- */

void
app_ops_panel_set_overlay (AppOpsPanel *self, RenderOverlay overlay)
{
  self->overlay = overlay;
  if (gtk_drop_down_get_selected (self->overlay_dd) != (guint) overlay)
    gtk_drop_down_set_selected (self->overlay_dd, overlay);
  app_ops_panel_rebuild_layers (self);
}

RenderOverlay
app_ops_panel_get_overlay (AppOpsPanel *self)
{
  return self->overlay;
}

const RenderToolpathLegend *
app_ops_panel_get_legend (AppOpsPanel *self)
{
  return &self->legend;
}

void
app_ops_panel_set_playback (AppOpsPanel *self, double fraction)
{
  self->playback_fraction = CLAMP (fraction, 0, 1);
  if (fabs (gtk_range_get_value (GTK_RANGE (self->playback)) - self->playback_fraction) > 1e-9)
    gtk_range_set_value (GTK_RANGE (self->playback), self->playback_fraction);
  app_ops_panel_rebuild_layers (self);
}

gsize
app_ops_panel_get_n_segments (AppOpsPanel *self)
{
  return render_lines_get_n_segments (self->cuts) + render_lines_get_n_segments (self->rapids);
}

gboolean
app_ops_panel_get_tool_position (AppOpsPanel *self, double out[3])
{
  if (self->job == NULL || self->job->toolpath == NULL || self->job->toolpath->moves->len == 0)
    return FALSE;
  gsize upto = (gsize) llround (self->playback_fraction * self->job->toolpath->moves->len);
  if (upto == 0)
    return FALSE;
  cam_toolpath_move_start (self->job->toolpath, upto, out);
  for (int k = 0; k < 3; k++)
    out[k] += self->job->work_offset[k];
  return TRUE;
}

char *
app_ops_panel_describe_at (AppOpsPanel *self, float x, float y)
{
  if (self->view == NULL || self->job == NULL || self->job->toolpath == NULL)
    return NULL;
  const RenderCamera *cam = render_view_get_camera (self->view);
  const CamToolpath *tp = self->job->toolpath;
  const double *off = self->job->work_offset;
  gssize best = -1;
  float bd = 6.0f * 6.0f; /* pixels² */
  for (guint i = 0; i < tp->moves->len; i++)
    {
      const CamMove *m = cam_toolpath_move (tp, i);
      double s[3];
      cam_toolpath_move_start (tp, i, s);
      for (int k = 0; k <= 8; k++)
        {
          double q[3];
          if (m->type == CAM_MOVE_CYCLE)
            q[0] = m->x, q[1] = m->y, q[2] = s[2] + (m->z - s[2]) * k / 8.0;
          else
            cam_move_point_at (m, s, k / 8.0, q);
          vec3 w = { (float) (q[0] + off[0]), (float) (q[1] + off[1]), (float) (q[2] + off[2]) };
          float px, py;
          if (render_camera_project (cam, w, &px, &py) && (px - x) * (px - x) + (py - y) * (py - y) < bd)
            bd = (px - x) * (px - x) + (py - y) * (py - y), best = i;
        }
    }
  if (best < 0)
    return NULL;
  const CamMove *m = cam_toolpath_move (tp, best);
  g_autofree char *d = render_toolpath_describe_move (m);
  return g_strdup_printf ("%s move %zd: %s", cam_job_op (self->job, m->op_index)->id, (gssize) best, d);
}

void
app_ops_panel_click_cb (GtkGestureClick *g, int n, double x, double y, gpointer data)
{
  (void) g;
  (void) n;
  AppOpsPanel *self = data;
  g_autofree char *text = app_ops_panel_describe_at (self, (float) x, (float) y);
  if (text)
    gtk_label_set_text (self->move_label, text);
}

void
app_ops_panel_overlay_changed_cb (GObject *dd, GParamSpec *ps, gpointer data)
{
  (void) ps;
  AppOpsPanel *self = data;
  RenderOverlay o = (RenderOverlay) gtk_drop_down_get_selected (GTK_DROP_DOWN (dd));
  if (o != self->overlay)
    app_ops_panel_set_overlay (self, o);
}

void
app_ops_panel_playback_cb (GtkRange *range, gpointer data)
{
  AppOpsPanel *self = data;
  double v = gtk_range_get_value (range);
  if (fabs (v - self->playback_fraction) > 1e-9)
    app_ops_panel_set_playback (self, v);
}


void
app_ops_panel_set_layers_visible (AppOpsPanel *self, gboolean visible)
{
  g_return_if_fail (APP_IS_OPS_PANEL (self));
  RenderLayer *layers[] = { RENDER_LAYER (self->cuts), RENDER_LAYER (self->rapids), RENDER_LAYER (self->stock_lines),
                            RENDER_LAYER (self->stock_box), RENDER_LAYER (self->tool_lines),
                            RENDER_LAYER (self->legend_layer) };
  for (gsize i = 0; i < G_N_ELEMENTS (layers); i++)
    render_layer_set_visible (layers[i], visible);
}
