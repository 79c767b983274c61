/* app-gcode-overlay.c — the G-code panel's drawing in the 3D view: the program's moves
 * coloured by the overlay (colours and legend from render-toolpath.c), the selected line's
 * moves highlighted over everything with the tool drawn where the selected move ends, the
 * legend (in the view, render-legend.c, and in the panel with cairo), right-click picking
 * and aiming the camera at the program.
 *
 * Method: the layers are filled move by move straight from the program's toolpath (a canned
 * cycle expanded on its own, as the controller runs it; arcs as chords within 1 µm, as
 * render_toolpath_fill draws them), so a 5-million-move program is never copied. Picking
 * projects each move's points once with one view-projection matrix and takes the move whose
 * screen segment passes nearest the pointer (within 6 px). */
#include "app-gcode-panel-private.h"
#include "app-legend-draw.h"

#include <cglm/cglm.h>
#include <math.h>
#include <string.h>

#include "app-library-picker.h"

#define PICK_RADIUS_PX 6.0f
/* Ra target of the finish overlay: the "fine" finish class (Ra 0.8 µm, DOMAIN.md). */
#define FINISH_TARGET_RA_UM 0.8
/* Tolerance for the deflection scale before a review gives the allowed deflection. */
#define DEFAULT_TOLERANCE_MM 0.01
/* At most this many segments are highlighted for one line. */
#define HIGHLIGHT_MAX_SEGMENTS 100000

/* ---- filling ---- */

/* Points along an arc from s, chords within 1 µm (the same rule as render_toolpath_fill). */
static double *
arc_points (const CamMove *m, const double s[3], guint *n_points)
{
  return cam_move_arc_points (m, s, &cam_arc_chording_view, n_points);
}

/* The moves a controller makes for one canned-cycle hole from s. */
static CamToolpath *
expand_cycle (const CamMove *m, const double s[3])
{
  g_autoptr (CamToolpath) one = cam_toolpath_new ();
  memcpy (one->start, s, sizeof one->start);
  cam_toolpath_append (one, m);
  return cam_toolpath_expand_cycles (one);
}

static gsize
add_move (const CamMove *m, const double s[3], const float *fixed_rgba, const RenderToolpathLegend *legend,
          RenderLines *cuts, RenderLines *rapids)
{
  float c[4];
  if (fixed_rgba)
    memcpy (c, fixed_rgba, sizeof c);
  else
    render_toolpath_colour (m, legend, c);
  RenderLines *layer = m->type == CAM_MOVE_RAPID && rapids ? rapids : cuts;
  switch (m->type)
    {
    case CAM_MOVE_ARC_CW:
    case CAM_MOVE_ARC_CCW:
      {
        guint n = 0;
        g_autofree double *xyz = arc_points (m, s, &n);
        render_lines_add_polyline (layer, xyz, n, c, FALSE);
        return n - 1;
      }
    case CAM_MOVE_CYCLE:
      {
        /* the hole's feeds in the cycle's colour (expanded they are plain feeds), its rapids as rapids */
        g_autoptr (CamToolpath) ex = expand_cycle (m, s);
        gsize added = 0;
        double a[3];
        memcpy (a, s, sizeof a);
        for (guint k = 0; k < ex->moves->len; k++)
          {
            const CamMove *e = cam_toolpath_move (ex, k);
            added += add_move (e, a, fixed_rgba || e->type != CAM_MOVE_RAPID ? c : NULL, legend, cuts, rapids);
            a[0] = e->x, a[1] = e->y, a[2] = e->z;
          }
        return added;
      }
    case CAM_MOVE_DWELL:
      return 0;
    default:
      {
        double b[3] = { m->x, m->y, m->z };
        render_lines_add_segment (layer, s, b, c, c);
        return 1;
      }
    }
}

gboolean
app_gcode_overlay_fill (const CamToolpath *tp, const RenderToolpathLegend *legend, RenderLines *cuts,
                        RenderLines *rapids, GCancellable *cancellable)
{
  render_lines_clear (cuts);
  render_lines_clear (rapids);
  render_lines_reserve (cuts, tp->moves->len);
  double s[3];
  memcpy (s, tp->start, sizeof s);
  for (guint i = 0; i < tp->moves->len; i++)
    {
      if ((i & 0xffff) == 0xffff && g_cancellable_is_cancelled (cancellable))
        return FALSE;
      const CamMove *m = cam_toolpath_move (tp, i);
      add_move (m, s, NULL, legend, cuts, rapids);
      if (m->type == CAM_MOVE_CYCLE)
        cam_toolpath_move_start (tp, i + 1, s);
      else
        s[0] = m->x, s[1] = m->y, s[2] = m->z;
    }
  return TRUE;
}

void
app_gcode_overlay_legend (const CamToolpath *tp, RenderOverlay overlay, double tolerance_mm,
                          RenderToolpathLegend *out)
{
  render_toolpath_legend (tp, overlay, tolerance_mm > 0 ? tolerance_mm : DEFAULT_TOLERANCE_MM, FINISH_TARGET_RA_UM,
                          out);
}

/* The tolerance the legend's deflection scale is drawn against. */
static double
legend_tolerance (AppGcodePanel *self)
{
  double t = gtk_spin_button_get_value (self->tolerance_spin);
  if (t > 0)
    return t;
  if (self->reviewed && self->review.allowed_deflection_um > 0)
    return 2 * self->review.allowed_deflection_um / 1000;
  return DEFAULT_TOLERANCE_MM;
}

/* ---- layers ---- */

static void
set_legend (AppGcodePanel *self, const RenderToolpathLegend *legend)
{
  if (legend)
    self->legend = *legend;
  else
    memset (&self->legend, 0, sizeof self->legend);
  render_legend_set (self->legend_layer, legend);
  gtk_widget_queue_draw (GTK_WIDGET (self->legend_area));
}

void
app_gcode_panel_swap_layers (AppGcodePanel *self, RenderLines *cuts, RenderLines *rapids,
                             const RenderToolpathLegend *legend)
{
  RenderLines *fresh[2] = { cuts, rapids };
  RenderLines **mine[2] = { &self->cuts, &self->rapids };
  for (int i = 0; i < 2; i++)
    {
      if (*mine[i] == fresh[i])
        continue;
      if (self->view)
        render_view_remove_layer (self->view, RENDER_LAYER (*mine[i]));
      g_object_unref (*mine[i]);
      *mine[i] = g_object_ref (fresh[i]);
      render_layer_set_visible (RENDER_LAYER (fresh[i]), self->shown);
      if (self->view)
        {
          render_view_add_layer (self->view, RENDER_LAYER (fresh[i]));
          render_view_set_layer_offset (self->view, RENDER_LAYER (fresh[i]), self->work_offset);
        }
    }
  set_legend (self, legend);
}

void
app_gcode_panel_clear_layers (AppGcodePanel *self)
{
  render_lines_clear (self->cuts);
  render_lines_clear (self->rapids);
  set_legend (self, NULL);
}

void
app_gcode_panel_layers_shown (AppGcodePanel *self, gboolean shown)
{
  self->shown = shown;
  RenderLayer *layers[] = { RENDER_LAYER (self->cuts), RENDER_LAYER (self->rapids), RENDER_LAYER (self->highlight),
                            RENDER_LAYER (self->tool_lines), RENDER_LAYER (self->marker),
                            RENDER_LAYER (self->legend_layer) };
  for (guint i = 0; i < G_N_ELEMENTS (layers); i++)
    render_layer_set_visible (layers[i], shown);
  render_layer_set_visible (RENDER_LAYER (self->work_zero), shown && self->program != NULL);
}

typedef struct {
  AppGcodeProgram *program;
  CamToolpath *toolpath;       /* the program's when asked (a review may swap in another) */
  RenderToolpathLegend legend;
  RenderLines *cuts, *rapids;
  char *status;                /* the status line before colouring, shown again after */
} PaintWork;

static void
paint_work_free (gpointer data)
{
  PaintWork *w = data;
  app_gcode_program_unref (w->program);
  cam_toolpath_unref (w->toolpath);
  g_free (w->status);
  g_clear_object (&w->cuts);
  g_clear_object (&w->rapids);
  g_free (w);
}

static void
paint_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  (void) source;
  PaintWork *w = data;
  if (app_gcode_overlay_fill (w->toolpath, &w->legend, w->cuts, w->rapids, cancellable))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "colouring cancelled");
}

static void
paint_done (AppGcodePanel *self, GTask *task, gpointer data)
{
  PaintWork *w = data;
  g_autoptr (GError) error = NULL;
  if (!g_task_propagate_boolean (task, &error))
    {
      /* the view keeps the colours it has: so do the overlay choice and the legend */
      self->overlay = self->legend.overlay;
      gtk_drop_down_set_selected (self->overlay_dd, APP_GCODE_OVERLAY_ROW (self->overlay));
      app_gcode_panel_set_status (self, "Colouring cancelled: the view keeps the previous overlay");
      return;
    }
  if (w->program == self->program && w->toolpath == self->program->reader->toolpath)
    app_gcode_panel_swap_layers (self, w->cuts, w->rapids, &w->legend);
  app_gcode_panel_set_status (self, w->status);
}

void
app_gcode_panel_repaint (AppGcodePanel *self)
{
  if (self->program == NULL)
    {
      app_gcode_panel_clear_layers (self);
      return;
    }
  const CamToolpath *tp = self->program->reader->toolpath;
  RenderToolpathLegend legend;
  app_gcode_overlay_legend (tp, self->overlay, legend_tolerance (self), &legend);
  if (tp->moves->len <= APP_GCODE_SYNC_MOVES)
    {
      app_gcode_overlay_fill (tp, &legend, self->cuts, self->rapids, NULL);
      set_legend (self, &legend);
      return;
    }
  PaintWork *w = g_new0 (PaintWork, 1);
  w->program = app_gcode_program_ref (self->program);
  w->toolpath = cam_toolpath_ref (self->program->reader->toolpath);
  w->legend = legend;
  w->cuts = render_lines_new ();
  w->rapids = render_lines_new ();
  render_lines_set_style (w->rapids, RENDER_LINE_DASHED);
  w->status = g_strdup (app_gcode_panel_get_status (self));
  g_autofree char *what = g_strdup_printf ("Colouring %u moves by %s…", tp->moves->len,
                                           render_overlay_to_string (self->overlay));
  app_gcode_panel_start_task (self, what, w, paint_work_free, paint_thread, paint_done);
}

/* The tool at p as a wireframe cylinder (radius and length of cut of the picked tool). */
static void
draw_tool (AppGcodePanel *self, const double p[3])
{
  static const float tool_rgba[4] = { 0.95f, 0.55f, 0.05f, 1.0f };
  static const float dot_rgba[4] = { 1.0f, 0.15f, 0.85f, 1.0f };
  const CamTool *tool = app_library_picker_get_tool (self->tool, self->lib);
  double r = tool ? 0.5 * tool->d_mm : 0.1, h = MAX (tool ? tool->loc_mm : 0, 4 * r);
  double ring[2][3 * 33];
  for (int z = 0; z < 2; z++)
    for (int i = 0; i <= 32; i++)
      {
        double a = 2 * G_PI * i / 32;
        ring[z][3 * i] = p[0] + r * cos (a);
        ring[z][3 * i + 1] = p[1] + r * sin (a);
        ring[z][3 * i + 2] = p[2] + z * h;
      }
  render_lines_add_polyline (self->tool_lines, ring[0], 33, tool_rgba, FALSE);
  render_lines_add_polyline (self->tool_lines, ring[1], 33, tool_rgba, FALSE);
  for (int i = 0; i < 32; i += 8)
    render_lines_add_segment (self->tool_lines, ring[0] + 3 * i, ring[1] + 3 * i, tool_rgba, tool_rgba);
  render_markers_add (self->marker, p, 0.25 * r, dot_rgba);
}

void
app_gcode_panel_update_highlight (AppGcodePanel *self)
{
  static const float hl_rgba[4] = { 1.0f, 0.15f, 0.85f, 1.0f };
  render_lines_clear (self->highlight);
  render_lines_clear (self->tool_lines);
  render_markers_clear (self->marker);
  self->n_highlighted = 0;
  if (self->program == NULL || self->selected_line == 0)
    return;
  const CamToolpath *tp = self->program->reader->toolpath;
  gssize first = cam_gcode_reader_find_line (self->program->reader, self->selected_line);
  if (first < 0)
    return;
  for (gsize i = (gsize) first; i < tp->moves->len && self->n_highlighted < HIGHLIGHT_MAX_SEGMENTS; i++)
    {
      const CamMove *m = cam_toolpath_move (tp, i);
      if (m->source_line != self->selected_line)
        break;
      double s[3];
      cam_toolpath_move_start (tp, i, s);
      self->n_highlighted += add_move (m, s, hl_rgba, NULL, self->highlight, NULL);
    }
  gssize at = self->selected_move >= 0 ? self->selected_move : first;
  if ((gsize) at < tp->moves->len)
    {
      double p[3];
      cam_toolpath_move_start (tp, (gsize) at + 1, p);
      draw_tool (self, p);
    }
}

/* ---- legend in the panel ---- */

void
app_gcode_panel_legend_draw (GtkDrawingArea *area, cairo_t *cr, int width, int height, gpointer data)
{
  (void) area;
  (void) height;
  AppGcodePanel *self = data;
  if (self->program != NULL)
    app_legend_draw (cr, &self->legend, width);
}

/* ---- overlay ---- */

void
app_gcode_panel_set_overlay (AppGcodePanel *self, RenderOverlay overlay)
{
  g_return_if_fail (APP_IS_GCODE_PANEL (self));
  /* an imported program is one operation: colouring by operation says nothing */
  if (overlay == RENDER_OVERLAY_OPERATION)
    overlay = RENDER_OVERLAY_TYPE;
  self->overlay = overlay;
  if (gtk_drop_down_get_selected (self->overlay_dd) != APP_GCODE_OVERLAY_ROW (overlay))
    gtk_drop_down_set_selected (self->overlay_dd, APP_GCODE_OVERLAY_ROW (overlay));
  /* while a thread works, its result is recoloured when it comes back */
  if (!self->busy)
    app_gcode_panel_repaint (self);
}

RenderOverlay
app_gcode_panel_get_overlay (AppGcodePanel *self)
{
  return self->overlay;
}

const RenderToolpathLegend *
app_gcode_panel_get_legend (AppGcodePanel *self)
{
  return &self->legend;
}

gsize
app_gcode_panel_get_n_segments (AppGcodePanel *self)
{
  return render_lines_get_n_segments (self->cuts) + render_lines_get_n_segments (self->rapids);
}

gboolean
app_gcode_panel_get_move_colour (AppGcodePanel *self, gsize i, float rgba[4])
{
  const CamToolpath *tp = app_gcode_panel_get_toolpath (self);
  if (tp == NULL || i >= tp->moves->len || self->legend.n_stops == 0)
    return FALSE;
  render_toolpath_colour (cam_toolpath_move (tp, i), &self->legend, rgba);
  return TRUE;
}

void
app_gcode_panel_overlay_changed_cb (GObject *dd, GParamSpec *ps, gpointer data)
{
  (void) ps;
  AppGcodePanel *self = data;
  guint row = gtk_drop_down_get_selected (GTK_DROP_DOWN (dd));
  RenderOverlay o = (RenderOverlay) (row + RENDER_OVERLAY_TYPE);
  if (row != GTK_INVALID_LIST_POSITION && o != self->overlay)
    app_gcode_panel_set_overlay (self, o);
}

/* ---- picking ---- */

static gboolean
project (mat4 vp, const RenderCamera *cam, const double p[3], float out[2])
{
  vec4 w = { (float) p[0], (float) p[1], (float) p[2], 1.0f }, c;
  glm_mat4_mulv (vp, w, c);
  if (c[3] <= 0.0f)
    return FALSE;
  out[0] = (c[0] / c[3] + 1.0f) * 0.5f * (float) cam->width;
  out[1] = (1.0f - c[1] / c[3]) * 0.5f * (float) cam->height;
  return TRUE;
}

/* Squared pixel distance from (x, y) to the screen segment a–b. */
static float
segment_d2 (const float a[2], const float b[2], float x, float y)
{
  float dx = b[0] - a[0], dy = b[1] - a[1];
  float dd = dx * dx + dy * dy;
  float t = dd > 0 ? ((x - a[0]) * dx + (y - a[1]) * dy) / dd : 0;
  t = CLAMP (t, 0.0f, 1.0f);
  float ex = a[0] + t * dx - x, ey = a[1] + t * dy - y;
  return ex * ex + ey * ey;
}

gssize
app_gcode_panel_pick (AppGcodePanel *self, float x, float y)
{
  g_return_val_if_fail (APP_IS_GCODE_PANEL (self), -1);
  if (self->view == NULL || self->program == NULL)
    return -1;
  const RenderCamera *cam = render_view_get_camera (self->view);
  const CamToolpath *tp = self->program->reader->toolpath;
  mat4 view, proj, vp;
  render_camera_view_matrix (cam, view);
  render_camera_projection (cam, proj);
  glm_mat4_mul (proj, view, vp);
  /* the moves are drawn where the placement puts them */
  glm_translate (vp, (vec3) { (float) self->work_offset[0], (float) self->work_offset[1], (float) self->work_offset[2] });
  gssize best = -1;
  float bd = PICK_RADIUS_PX * PICK_RADIUS_PX;
  double s[3];
  memcpy (s, tp->start, sizeof s);
  float ps[2];
  gboolean ps_ok = project (vp, cam, s, ps);
  for (guint i = 0; i < tp->moves->len; i++)
    {
      const CamMove *m = cam_toolpath_move (tp, i);
      double e[3] = { m->x, m->y, m->z };
      float pe[2];
      gboolean pe_ok = project (vp, cam, e, pe);
      float d = INFINITY;
      if (m->type == CAM_MOVE_ARC_CW || m->type == CAM_MOVE_ARC_CCW)
        {
          float a[2];
          gboolean a_ok = ps_ok;
          memcpy (a, ps, sizeof a);
          for (int k = 1; k <= 16; k++)
            {
              double q[3];
              float b[2];
              cam_move_point_at (m, s, k / 16.0, q);
              gboolean b_ok = project (vp, cam, q, b);
              if (a_ok && b_ok)
                d = MIN (d, segment_d2 (a, b, x, y));
              memcpy (a, b, sizeof a);
              a_ok = b_ok;
            }
        }
      else if (m->type == CAM_MOVE_CYCLE)
        {
          /* over the hole from its R plane (or the start height) down to the bottom */
          double top[3] = { m->x, m->y, MAX (s[2], m->r_z) };
          float pt[2];
          if (pe_ok && project (vp, cam, top, pt))
            d = segment_d2 (pt, pe, x, y);
        }
      else if (m->type != CAM_MOVE_DWELL && ps_ok && pe_ok)
        d = segment_d2 (ps, pe, x, y);
      if (d < bd)
        bd = d, best = i;
      if (m->type == CAM_MOVE_CYCLE)
        {
          cam_toolpath_move_start (tp, i + 1, s);
          ps_ok = project (vp, cam, s, ps);
        }
      else
        {
          memcpy (s, e, sizeof s);
          memcpy (ps, pe, sizeof ps);
          ps_ok = pe_ok;
        }
    }
  return best;
}

char *
app_gcode_panel_describe_at (AppGcodePanel *self, float x, float y)
{
  gssize i = app_gcode_panel_pick (self, x, y);
  if (i < 0)
    return NULL;
  const CamMove *m = cam_toolpath_move (self->program->reader->toolpath, (gsize) i);
  /* the shown toolpath's own numbers: a review running writes its copy, never these */
  g_autofree char *d = render_toolpath_describe_move (m);
  return g_strdup_printf ("line %u: move %zd: %s", m->source_line, i, d);
}

void
app_gcode_panel_view_click_cb (GtkGestureClick *g, int n, double x, double y, gpointer data)
{
  (void) g;
  (void) n;
  AppGcodePanel *self = data;
  if (!self->shown)
    return;
  gssize i = app_gcode_panel_pick (self, (float) x, (float) y);
  if (i >= 0)
    app_gcode_panel_select_move (self, i);
}

/* ---- camera ---- */

static void
fit_now (AppGcodePanel *self)
{
  RenderCamera *cam = render_view_get_camera (self->view);
  GtkWidget *w = GTK_WIDGET (self->view);
  int width = gtk_widget_get_width (w), height = gtk_widget_get_height (w);
  if (width <= 1 || height <= 1)
    gtk_widget_get_size_request (w, &width, &height);
  if (width > 1 && height > 1)
    render_camera_set_viewport (cam, width, height);
  vec3 lo, hi, c;
  for (int k = 0; k < 3; k++)
    {
      lo[k] = (float) (self->program->bounds_min[k] + self->work_offset[k]);
      hi[k] = (float) (self->program->bounds_max[k] + self->work_offset[k]);
    }
  /* the scene sphere sets the clip planes: make sure it holds the program */
  glm_vec3_center (lo, hi, c);
  float r = MAX (0.5f * glm_vec3_distance (lo, hi), 0.01f);
  vec3 sc;
  glm_vec3_copy (cam->scene_center, sc);
  float sr = cam->scene_radius;
  if (glm_vec3_distance (sc, c) + r > sr)
    render_camera_set_scene (cam, c, 3.0f * r);
  render_camera_fit (cam, lo, hi, 0.08f);
  render_view_camera_changed (self->view);
}

void
app_gcode_panel_fit_view (AppGcodePanel *self)
{
  g_return_if_fail (APP_IS_GCODE_PANEL (self));
  /* a load ends here: place the new program (F and Home then frame it too, while there is
   * no part) */
  app_gcode_panel_update_placement (self);
  if (self->view == NULL || self->program == NULL || self->program->reader->toolpath->moves->len == 0)
    return;
  fit_now (self);
  /* before its first frame the view fits itself to the part or the grid: fit again after it */
  GtkWidget *w = GTK_WIDGET (self->view);
  self->refit_on_frame = !gtk_widget_get_realized (w) || gtk_widget_get_width (w) <= 1;
}

void
app_gcode_panel_frame_cb (RenderView *view, double ms, gpointer data)
{
  (void) view;
  (void) ms;
  AppGcodePanel *self = data;
  if (!self->refit_on_frame)
    return;
  self->refit_on_frame = FALSE;
  if (self->program)
    fit_now (self);
}
