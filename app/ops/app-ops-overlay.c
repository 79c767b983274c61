/* app-ops-overlay.c — the Operations panel's drawing in the 3D view: the toolpath layers
 * coloured by the overlay (render-toolpath.c) with the selected operation in focus (the
 * others dimmed), the stock box and the tool model at the playback position, the legend (in
 * the view, render-legend.c, and in the panel with cairo), playback (play/pause, step, the
 * time and the move as a G-code line) and right-click picking: an unreachable feature's
 * marker, else a move (highlighted on top, its numbers shown). */
#include "app-ops-panel-private.h"
#include "app-legend-draw.h"

#include <math.h>
#include <string.h>

#include "cam-machine.h"

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
  /* shown with the page's other layers (the toolpath's) */
  render_layer_set_visible (RENDER_LAYER (self->work_zero),
                            self->job != NULL && render_layer_get_visible (RENDER_LAYER (self->cuts)));
  if (self->job == NULL)
    return;
  render_work_zero_set_position (self->work_zero, self->job->work_offset);
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

/* The picked move on top, in a colour no overlay uses for moves. */
static void
rebuild_picked (AppOpsPanel *self)
{
  static const float picked_rgba[4] = { 1.0f, 0.15f, 0.95f, 1.0f };
  render_lines_clear (self->picked_lines);
  if (self->job == NULL || self->job->toolpath == NULL || self->picked_move < 0)
    return;
  render_toolpath_fill_move (self->job->toolpath, self->job->work_offset, (gsize) self->picked_move, picked_rgba,
                             self->picked_lines);
}

void
app_ops_panel_rebuild_layers (AppOpsPanel *self)
{
  render_lines_clear (self->cuts);
  render_lines_clear (self->rapids);
  if (self->job == NULL || self->job->toolpath == NULL || (gsize) self->picked_move >= self->job->toolpath->moves->len)
    self->picked_move = -1;
  rebuild_picked (self);
  app_ops_panel_update_playback_label (self);
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
  int sel = app_ops_panel_get_selected (self);
  render_toolpath_fill_focus (self->job->toolpath, self->job->work_offset, self->overlay, &self->legend, upto,
                              sel >= 0 ? (guint) sel : G_MAXUINT, self->cuts, self->rapids);
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

/* "1:05" */
static char *
clock_words (double s)
{
  long t = (long) llround (MAX (s, 0));
  return t >= 3600 ? g_strdup_printf ("%ld:%02ld:%02ld", t / 3600, t / 60 % 60, t % 60)
                   : g_strdup_printf ("%ld:%02ld", t / 60, t % 60);
}

/* Where the playback is: the move (as a G-code line, in work coordinates as the program has
 * it) and the machine time up to it, on the job's machine. */
void
app_ops_panel_update_playback_label (AppOpsPanel *self)
{
  const CamToolpath *tp = self->job ? self->job->toolpath : NULL;
  if (tp == NULL || tp->moves->len == 0)
    {
      gtk_label_set_text (self->playback_label, self->job ? "No toolpath: Regenerate" : "");
      return;
    }
  gsize n = tp->moves->len, upto = app_ops_panel_get_playback_move (self);
  const CamMachine *mach = cam_library_find_machine (self->lib, self->job->machine_id);
  CamKinematics kin;
  if (mach != NULL)
    cam_machine_kinematics (mach, &kin);
  CamToolpathStats head_st;
  if (self->total_time_revision != self->job_revision + 1 || self->total_time_for != tp)
    {
      /* the whole program's time once per toolpath, not on every step of the playback */
      CamToolpathStats all;
      cam_toolpath_stats (tp, mach ? &kin : NULL, -1, &all);
      self->total_time_s = all.cycle_time_s;
      self->total_time_for = tp;
      self->total_time_revision = self->job_revision + 1;
    }
  g_autoptr (CamToolpath) head = cam_toolpath_new ();
  memcpy (head->start, tp->start, sizeof head->start);
  g_array_append_vals (head->moves, tp->moves->data, upto);
  cam_toolpath_stats (head, mach ? &kin : NULL, -1, &head_st);
  g_autofree char *t_now = clock_words (head_st.cycle_time_s), *t_all = clock_words (self->total_time_s);
  GString *s = g_string_new (NULL);
  g_string_append_printf (s, "Move %zu of %zu · %s of %s", (size_t) upto, (size_t) n, t_now, t_all);
  if (upto > 0)
    {
      const CamMove *m = cam_toolpath_move (tp, upto - 1);
      if (m->op_index < self->job->ops->len)
        g_string_append_printf (s, " · %s", cam_job_op (self->job, m->op_index)->id);
      static const char *const words[] = { "G0", "G1", "G2", "G3", "G8x", "G4" };
      static const char *const cycles[] = { "G8x", "G81", "G82", "G83", "G73" };
      const char *g = m->type == CAM_MOVE_CYCLE ? (m->cycle < G_N_ELEMENTS (cycles) ? cycles[m->cycle] : "G8x")
                      : m->type < G_N_ELEMENTS (words) ? words[m->type] : "?";
      g_string_append_printf (s, "\nN%zu %s", (size_t) upto, g);
      if (m->type == CAM_MOVE_DWELL)
        g_string_append_printf (s, " P%.2f", m->dwell_s);
      else
        g_string_append_printf (s, " X%.4f Y%.4f Z%.4f", m->x, m->y, m->z);
      if (m->type == CAM_MOVE_ARC_CW || m->type == CAM_MOVE_ARC_CCW)
        {
          double st[3];
          cam_toolpath_move_start (tp, upto - 1, st);
          g_string_append_printf (s, " I%.4f J%.4f", m->cx - st[0], m->cy - st[1]);
        }
      if (m->type == CAM_MOVE_CYCLE)
        {
          g_string_append_printf (s, " R%.4f", m->r_z);
          if (m->q_mm > 0)
            g_string_append_printf (s, " Q%.4f", m->q_mm);
        }
      if (m->type != CAM_MOVE_RAPID && isfinite (m->feed_mm_min))
        g_string_append_printf (s, " F%.0f", m->feed_mm_min);
      if (isfinite (m->rpm))
        g_string_append_printf (s, " S%.0f", m->rpm);
    }
  gtk_label_set_text (self->playback_label, s->str);
  g_string_free (s, TRUE);
}

gsize
app_ops_panel_get_playback_move (AppOpsPanel *self)
{
  g_return_val_if_fail (APP_IS_OPS_PANEL (self), 0);
  if (self->job == NULL || self->job->toolpath == NULL)
    return 0;
  return (gsize) llround (self->playback_fraction * self->job->toolpath->moves->len);
}

void
app_ops_panel_step_playback (AppOpsPanel *self, int delta)
{
  g_return_if_fail (APP_IS_OPS_PANEL (self));
  if (self->job == NULL || self->job->toolpath == NULL || self->job->toolpath->moves->len == 0)
    return;
  gssize n = self->job->toolpath->moves->len;
  gssize to = CLAMP ((gssize) app_ops_panel_get_playback_move (self) + delta, 0, n);
  app_ops_panel_set_playback (self, (double) to / (double) n);
}

/* About 20 s for the whole program, at least one move a tick: the path can be followed by eye. */
static gboolean
play_tick (gpointer data)
{
  AppOpsPanel *self = data;
  if (self->job == NULL || self->job->toolpath == NULL
      || app_ops_panel_get_playback_move (self) >= self->job->toolpath->moves->len)
    {
      self->play_source = 0;
      gtk_toggle_button_set_active (self->play_button, FALSE);
      return G_SOURCE_REMOVE;
    }
  app_ops_panel_step_playback (self, MAX (1, (int) (self->job->toolpath->moves->len / 400)));
  return G_SOURCE_CONTINUE;
}

void
app_ops_panel_set_playing (AppOpsPanel *self, gboolean playing)
{
  g_return_if_fail (APP_IS_OPS_PANEL (self));
  playing = playing && self->job != NULL && self->job->toolpath != NULL && self->job->toolpath->moves->len > 0;
  if (playing && self->play_source == 0)
    {
      /* from the start when the whole program is shown */
      if (app_ops_panel_get_playback_move (self) >= self->job->toolpath->moves->len)
        app_ops_panel_set_playback (self, 0);
      self->play_source = g_timeout_add (50, play_tick, self);
    }
  else if (!playing)
    g_clear_handle_id (&self->play_source, g_source_remove);
  if (gtk_toggle_button_get_active (self->play_button) != playing)
    gtk_toggle_button_set_active (self->play_button, playing);
  gtk_button_set_icon_name (GTK_BUTTON (self->play_button),
                            playing ? "media-playback-pause-symbolic" : "media-playback-start-symbolic");
}

gboolean
app_ops_panel_get_playing (AppOpsPanel *self)
{
  g_return_val_if_fail (APP_IS_OPS_PANEL (self), FALSE);
  return self->play_source != 0;
}

void
app_ops_panel_play_toggled_cb (GtkToggleButton *button, gpointer data)
{
  AppOpsPanel *self = data;
  if (gtk_toggle_button_get_active (button) != app_ops_panel_get_playing (self))
    app_ops_panel_set_playing (self, gtk_toggle_button_get_active (button));
}

void
app_ops_panel_step_back_cb (GtkButton *button, gpointer data)
{
  (void) button;
  app_ops_panel_set_playing (data, FALSE);
  app_ops_panel_step_playback (data, -1);
}

void
app_ops_panel_step_forward_cb (GtkButton *button, gpointer data)
{
  (void) button;
  app_ops_panel_set_playing (data, FALSE);
  app_ops_panel_step_playback (data, +1);
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

/* The move drawn within 6 px of view pixel (x, y), the nearest; −1 for none. */
static gssize
move_at (AppOpsPanel *self, float x, float y)
{
  if (self->view == NULL || self->job == NULL || self->job->toolpath == NULL)
    return -1;
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
  return best;
}

char *
app_ops_panel_describe_at (AppOpsPanel *self, float x, float y)
{
  gssize best = move_at (self, x, y);
  if (best < 0)
    return NULL;
  const CamMove *m = cam_toolpath_move (self->job->toolpath, best);
  g_autofree char *d = render_toolpath_describe_move (m);
  return g_strdup_printf ("%s move %zd: %s", cam_job_op (self->job, m->op_index)->id, (gssize) best, d);
}

gssize
app_ops_panel_get_picked_move (AppOpsPanel *self)
{
  g_return_val_if_fail (APP_IS_OPS_PANEL (self), -1);
  return self->picked_move;
}

void
app_ops_panel_show_picked (AppOpsPanel *self, gssize index)
{
  self->picked_move = index;
  rebuild_picked (self);
  if (index < 0 || self->job == NULL || self->job->toolpath == NULL)
    {
      gtk_label_set_text (self->move_label, "Right-click a move or a marker in the view to see its numbers");
      return;
    }
  const CamMove *m = cam_toolpath_move (self->job->toolpath, index);
  g_autofree char *d = render_toolpath_describe_move (m);
  const char *op = m->op_index < self->job->ops->len ? cam_job_op (self->job, m->op_index)->id : "?";
  g_autofree char *text = g_strdup_printf ("Picked: %s move %zd\n%s", op, (gssize) index, d);
  gtk_label_set_text (self->move_label, text);
}

gboolean
app_ops_panel_pick_at (AppOpsPanel *self, float x, float y)
{
  g_return_val_if_fail (APP_IS_OPS_PANEL (self), FALSE);
  int u = app_ops_panel_unreachable_at (self, x, y);
  if (u >= 0)
    {
      app_ops_panel_select_unreachable (self, u);
      return TRUE;
    }
  gssize best = move_at (self, x, y);
  if (best < 0)
    return FALSE;
  app_ops_panel_show_picked (self, best);
  return TRUE;
}

void
app_ops_panel_click_cb (GtkGestureClick *g, int n, double x, double y, gpointer data)
{
  (void) g;
  (void) n;
  app_ops_panel_pick_at (data, (float) x, (float) y);
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
                            RENDER_LAYER (self->legend_layer), RENDER_LAYER (self->picked_lines),
                            RENDER_LAYER (self->unreachable_markers) };
  for (gsize i = 0; i < G_N_ELEMENTS (layers); i++)
    render_layer_set_visible (layers[i], visible);
  render_layer_set_visible (RENDER_LAYER (self->work_zero), visible && self->job != NULL);
}
