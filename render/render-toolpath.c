/* render-toolpath.c — toolpath overlays: colour scales, legend, line layers.
 *
 * Continuous scales interpolate linearly between stops. Deflection and Ra use a
 * traffic-light scale whose amber stop is the limit (allowed deflection = 0.5 × feature
 * tolerance, the engine's default fraction; Ra = the finish target): green well inside,
 * red beyond. Safety factor: red below 1.5, amber at the engine's minimum 2, green from 3.
 * Feed uses a perceptually ordered blue→yellow ramp (viridis end points, van der Walt &
 * Smith 2015) over the toolpath's own range.
 */
#include "render-toolpath.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static const char *overlay_names[] = { "operation", "type", "feed", "deflection", "finish", "safety" };

const char *
render_overlay_to_string (RenderOverlay overlay)
{
  return (guint) overlay < G_N_ELEMENTS (overlay_names) ? overlay_names[overlay] : "type";
}

gboolean
render_overlay_from_string (const char *s, RenderOverlay *out)
{
  for (guint i = 0; s && i < G_N_ELEMENTS (overlay_names); i++)
    if (g_str_equal (s, overlay_names[i]))
      {
        *out = (RenderOverlay) i;
        return TRUE;
      }
  return FALSE;
}

static const float GREY[4] = { 0.55f, 0.55f, 0.55f, 0.8f };
static const float RAPID[4] = { 0.90f, 0.20f, 0.20f, 0.9f };

static void
stop (RenderToolpathLegend *l, double v, float r, float g, float b, const char *label)
{
  guint i = l->n_stops++;
  l->value[i] = v;
  l->rgba[i][0] = r, l->rgba[i][1] = g, l->rgba[i][2] = b, l->rgba[i][3] = 1.0f;
  g_strlcpy (l->label[i], label, sizeof l->label[i]);
}

/* Move categories for the type overlay, in legend order. */
enum { T_FEED, T_ARC, T_ENTRY, T_FINISH, T_CYCLE, T_LINK, T_RAPID };

static int
type_category (const CamMove *m)
{
  if (m->type == CAM_MOVE_RAPID)
    return T_RAPID;
  if (m->type == CAM_MOVE_CYCLE || (m->flags & (CAM_MOVE_FLAG_SPOT)))
    return T_CYCLE;
  if (m->flags & (CAM_MOVE_FLAG_LINK | CAM_MOVE_FLAG_AIR))
    return T_LINK;
  if (m->flags & (CAM_MOVE_FLAG_HELIX | CAM_MOVE_FLAG_RAMP | CAM_MOVE_FLAG_PLUNGE))
    return T_ENTRY;
  if (m->flags & CAM_MOVE_FLAG_FINISH)
    return T_FINISH;
  if (m->type == CAM_MOVE_ARC_CW || m->type == CAM_MOVE_ARC_CCW)
    return T_ARC;
  return T_FEED;
}

void
render_toolpath_legend (const CamToolpath *tp, RenderOverlay overlay, double tolerance_mm, double finish_ra_um,
                        RenderToolpathLegend *l)
{
  memset (l, 0, sizeof *l);
  l->overlay = overlay;
  l->limit = NAN;
  char buf[40];
  switch (overlay)
    {
    case RENDER_OVERLAY_OPERATION:
      {
        g_strlcpy (l->title, "Operation", sizeof l->title);
        l->categorical = TRUE;
        static const float pal[10][3] = { { 0.12f, 0.47f, 0.71f }, { 1.0f, 0.50f, 0.05f }, { 0.17f, 0.63f, 0.17f },
                                          { 0.84f, 0.15f, 0.16f }, { 0.58f, 0.40f, 0.74f }, { 0.55f, 0.34f, 0.29f },
                                          { 0.89f, 0.47f, 0.76f }, { 0.50f, 0.50f, 0.50f }, { 0.74f, 0.74f, 0.13f },
                                          { 0.09f, 0.75f, 0.81f } };
        guint n_ops = 0;
        for (guint i = 0; i < tp->moves->len; i++)
          n_ops = MAX (n_ops, (guint) cam_toolpath_move (tp, i)->op_index + 1);
        for (guint i = 0; i < MIN (n_ops, (guint) RENDER_TOOLPATH_MAX_STOPS); i++)
          {
            g_snprintf (buf, sizeof buf, "op%u", i + 1);
            stop (l, i, pal[i][0], pal[i][1], pal[i][2], buf);
          }
        break;
      }
    case RENDER_OVERLAY_TYPE:
      g_strlcpy (l->title, "Move type", sizeof l->title);
      l->categorical = TRUE;
      stop (l, T_FEED, 0.15f, 0.40f, 0.85f, "feed");
      stop (l, T_ARC, 0.10f, 0.70f, 0.80f, "arc");
      stop (l, T_ENTRY, 1.00f, 0.55f, 0.10f, "helix/ramp entry");
      stop (l, T_FINISH, 0.20f, 0.70f, 0.25f, "finishing");
      stop (l, T_CYCLE, 0.75f, 0.25f, 0.75f, "drilling cycle");
      stop (l, T_LINK, 0.60f, 0.60f, 0.60f, "link (air)");
      stop (l, T_RAPID, RAPID[0], RAPID[1], RAPID[2], "rapid");
      break;
    case RENDER_OVERLAY_FEED:
      {
        double lo = INFINITY, hi = 0;
        for (guint i = 0; i < tp->moves->len; i++)
          {
            const CamMove *m = cam_toolpath_move (tp, i);
            if (cam_move_is_cut (m) && isfinite (m->feed_mm_min) && m->feed_mm_min > 0)
              lo = MIN (lo, m->feed_mm_min), hi = MAX (hi, m->feed_mm_min);
          }
        if (!isfinite (lo))
          lo = 0, hi = 1;
        if (hi <= lo)
          hi = lo + 1;
        g_strlcpy (l->title, "Feed", sizeof l->title);
        g_strlcpy (l->unit, "mm/min", sizeof l->unit);
        static const float vir[5][3] = { { 0.27f, 0.00f, 0.33f }, { 0.23f, 0.32f, 0.55f }, { 0.13f, 0.57f, 0.55f },
                                         { 0.37f, 0.79f, 0.38f }, { 0.99f, 0.91f, 0.14f } };
        for (int k = 0; k < 5; k++)
          {
            double v = lo + (hi - lo) * k / 4.0;
            g_snprintf (buf, sizeof buf, "%.1f", v);
            stop (l, v, vir[k][0], vir[k][1], vir[k][2], buf);
          }
        break;
      }
    case RENDER_OVERLAY_DEFLECTION:
      {
        double allowed = 0.5 * (tolerance_mm > 0 ? tolerance_mm : 0.01) * 1000;
        g_strlcpy (l->title, "Tool deflection", sizeof l->title);
        g_strlcpy (l->unit, "µm", sizeof l->unit);
        l->limit = allowed;
        stop (l, 0, 0.15f, 0.65f, 0.25f, "0");
        g_snprintf (buf, sizeof buf, "%.2f", 0.5 * allowed);
        stop (l, 0.5 * allowed, 0.55f, 0.80f, 0.20f, buf);
        g_snprintf (buf, sizeof buf, "%.2f allowed", allowed);
        stop (l, allowed, 1.00f, 0.75f, 0.10f, buf);
        g_snprintf (buf, sizeof buf, "%.2f", 2 * allowed);
        stop (l, 2 * allowed, 0.85f, 0.10f, 0.10f, buf);
        break;
      }
    case RENDER_OVERLAY_FINISH:
      {
        double target = finish_ra_um > 0 ? finish_ra_um : 0.8;
        g_strlcpy (l->title, "Predicted Ra", sizeof l->title);
        g_strlcpy (l->unit, "µm", sizeof l->unit);
        l->limit = target;
        stop (l, 0, 0.15f, 0.65f, 0.25f, "0");
        g_snprintf (buf, sizeof buf, "%.2f", 0.5 * target);
        stop (l, 0.5 * target, 0.55f, 0.80f, 0.20f, buf);
        g_snprintf (buf, sizeof buf, "%.2f target", target);
        stop (l, target, 1.00f, 0.75f, 0.10f, buf);
        g_snprintf (buf, sizeof buf, "%.2f", 2 * target);
        stop (l, 2 * target, 0.85f, 0.10f, 0.10f, buf);
        break;
      }
    case RENDER_OVERLAY_SAFETY:
    default:
      g_strlcpy (l->title, "Breakage safety factor", sizeof l->title);
      l->limit = 2.0;
      stop (l, 1.0, 0.85f, 0.10f, 0.10f, "1");
      stop (l, 1.5, 0.95f, 0.40f, 0.10f, "1.5");
      stop (l, 2.0, 1.00f, 0.75f, 0.10f, "2 minimum");
      stop (l, 3.0, 0.55f, 0.80f, 0.20f, "3");
      stop (l, 5.0, 0.15f, 0.65f, 0.25f, "5+");
      break;
    }
}

static void
scale (const RenderToolpathLegend *l, double v, float rgba[4])
{
  if (v <= l->value[0])
    {
      memcpy (rgba, l->rgba[0], sizeof (float) * 4);
      return;
    }
  for (guint i = 1; i < l->n_stops; i++)
    if (v <= l->value[i])
      {
        float t = (float) ((v - l->value[i - 1]) / (l->value[i] - l->value[i - 1]));
        for (int k = 0; k < 4; k++)
          rgba[k] = l->rgba[i - 1][k] + t * (l->rgba[i][k] - l->rgba[i - 1][k]);
        return;
      }
  memcpy (rgba, l->rgba[l->n_stops - 1], sizeof (float) * 4);
}

void
render_toolpath_colour (const CamMove *m, const RenderToolpathLegend *l, float rgba[4])
{
  if (m->type == CAM_MOVE_RAPID && l->overlay != RENDER_OVERLAY_OPERATION)
    {
      memcpy (rgba, l->overlay == RENDER_OVERLAY_TYPE ? RAPID : GREY, sizeof (float) * 4);
      return;
    }
  double v = NAN;
  switch (l->overlay)
    {
    case RENDER_OVERLAY_OPERATION:
      memcpy (rgba, l->n_stops ? l->rgba[m->op_index % l->n_stops] : GREY, sizeof (float) * 4);
      if (m->type == CAM_MOVE_RAPID)
        rgba[3] = 0.6f;
      return;
    case RENDER_OVERLAY_TYPE:
      memcpy (rgba, l->rgba[type_category (m)], sizeof (float) * 4);
      return;
    case RENDER_OVERLAY_FEED: v = m->feed_mm_min; break;
    case RENDER_OVERLAY_DEFLECTION: v = m->deflection_um; break;
    case RENDER_OVERLAY_FINISH: v = m->ra_um; break;
    case RENDER_OVERLAY_SAFETY: v = m->safety_factor; break;
    default: break;
    }
  if (!isfinite (v))
    {
      memcpy (rgba, GREY, sizeof (float) * 4);
      return;
    }
  scale (l, v, rgba);
}

/* Faded towards a mid grey and mostly transparent: the context around the operation in focus,
 * present (so the engineer sees where it sits) but not read as part of it. */
void
render_toolpath_dim (float rgba[4])
{
  for (int k = 0; k < 3; k++)
    rgba[k] = 0.35f * rgba[k] + 0.65f * 0.6f;
  rgba[3] *= 0.3f;
}

gsize
render_toolpath_fill (const CamToolpath *tp_in, const double off[3], RenderOverlay overlay,
                      const RenderToolpathLegend *legend, gsize max_moves, RenderLines *cuts, RenderLines *rapids)
{
  return render_toolpath_fill_focus (tp_in, off, overlay, legend, max_moves, G_MAXUINT, cuts, rapids);
}

gsize
render_toolpath_fill_focus (const CamToolpath *tp_in, const double off[3], RenderOverlay overlay,
                            const RenderToolpathLegend *legend, gsize max_moves, guint focus_op, RenderLines *cuts,
                            RenderLines *rapids)
{
  (void) overlay;
  /* Expand only the programmed moves asked for (playback) so cycles show as run. */
  g_autoptr (CamToolpath) head = cam_toolpath_new ();
  memcpy (head->start, tp_in->start, sizeof head->start);
  gsize n = MIN (max_moves, (gsize) tp_in->moves->len);
  g_array_append_vals (head->moves, tp_in->moves->data, n);
  g_autoptr (CamToolpath) tp = cam_toolpath_expand_cycles (head);
  gsize added = 0;
  render_lines_reserve (cuts, tp->moves->len);
  double s[3];
  memcpy (s, tp->start, sizeof s);
  for (guint i = 0; i < tp->moves->len; i++)
    {
      const CamMove *m = cam_toolpath_move (tp, i);
      float c[4];
      render_toolpath_colour (m, legend, c);
      if (focus_op != G_MAXUINT && m->op_index != focus_op)
        render_toolpath_dim (c);
      RenderLines *layer = m->type == CAM_MOVE_RAPID ? rapids : cuts;
      if (m->type == CAM_MOVE_ARC_CW || m->type == CAM_MOVE_ARC_CCW)
        {
          guint np;
          g_autofree double *xyz = cam_move_arc_points (m, s, &cam_arc_chording_view, &np);
          for (guint j = 0; j < np; j++)
            for (int a = 0; a < 3; a++)
              xyz[3 * j + a] += off[a];
          render_lines_add_polyline (layer, xyz, np, c, FALSE);
          added += np - 1;
        }
      else if (m->type != CAM_MOVE_DWELL)
        {
          double a[3] = { s[0] + off[0], s[1] + off[1], s[2] + off[2] };
          double b[3] = { m->x + off[0], m->y + off[1], m->z + off[2] };
          render_lines_add_segment (layer, a, b, c, c);
          added++;
        }
      s[0] = m->x, s[1] = m->y, s[2] = m->z;
    }
  return added;
}

gsize
render_toolpath_fill_move (const CamToolpath *tp, const double off[3], gsize index, const float rgba[4],
                           RenderLines *lines)
{
  if (index >= tp->moves->len)
    return 0;
  const CamMove *m = cam_toolpath_move (tp, index);
  double s[3];
  cam_toolpath_move_start (tp, index, s);
  /* the one move as the controller runs it: a canned cycle expanded, an arc chorded */
  g_autoptr (GArray) moves = g_array_new (FALSE, FALSE, sizeof (CamMove));
  if (m->type == CAM_MOVE_CYCLE)
    cam_move_expand_cycle (m, s, moves);
  else
    g_array_append_val (moves, *m);
  gsize added = 0;
  for (guint i = 0; i < moves->len; i++)
    {
      const CamMove *e = &g_array_index (moves, CamMove, i);
      if (e->type == CAM_MOVE_ARC_CW || e->type == CAM_MOVE_ARC_CCW)
        {
          guint np;
          g_autofree double *xyz = cam_move_arc_points (e, s, &cam_arc_chording_view, &np);
          for (guint j = 0; j < np; j++)
            for (int a = 0; a < 3; a++)
              xyz[3 * j + a] += off[a];
          render_lines_add_polyline (lines, xyz, np, rgba, FALSE);
          added += np - 1;
        }
      else if (e->type != CAM_MOVE_DWELL)
        {
          double a[3] = { s[0] + off[0], s[1] + off[1], s[2] + off[2] };
          double b[3] = { e->x + off[0], e->y + off[1], e->z + off[2] };
          render_lines_add_segment (lines, a, b, rgba, rgba);
          added++;
        }
      s[0] = e->x, s[1] = e->y, s[2] = e->z;
    }
  return added;
}

char *
render_toolpath_describe_move (const CamMove *m)
{
  static const char *words[] = { "G0", "G1", "G2", "G3", "cycle", "G4" };
  GString *s = g_string_new (m->type < G_N_ELEMENTS (words) ? words[m->type] : "?");
  if (m->type == CAM_MOVE_CYCLE)
    {
      static const char *cyc[] = { "", "G81", "G82", "G83", "G73" };
      g_string_printf (s, "%s", m->cycle < G_N_ELEMENTS (cyc) ? cyc[m->cycle] : "cycle");
      g_string_append_printf (s, " Z%.4f R%.4f", m->z, m->r_z);
      if (m->q_mm > 0)
        g_string_append_printf (s, " Q%.4f", m->q_mm);
    }
  if (isfinite (m->feed_mm_min) && m->type != CAM_MOVE_RAPID)
    g_string_append_printf (s, " F%.1f mm/min", m->feed_mm_min);
  if (isfinite (m->rpm))
    g_string_append_printf (s, " S%.0f", m->rpm);
  if (isfinite (m->ap_mm) && isfinite (m->ae_mm))
    g_string_append_printf (s, " · ap %.3f ae %.3f mm", m->ap_mm, m->ae_mm);
  if (isfinite (m->fz_mm))
    g_string_append_printf (s, " · fz %.2f µm", m->fz_mm * 1000);
  if (isfinite (m->force_n))
    g_string_append_printf (s, " · %.2f N", m->force_n);
  if (isfinite (m->deflection_um))
    g_string_append_printf (s, " · deflection %.2f µm", m->deflection_um);
  if (isfinite (m->safety_factor))
    g_string_append_printf (s, " · SF %.1f", m->safety_factor);
  if (isfinite (m->ra_um))
    g_string_append_printf (s, " · Ra %.2f µm", m->ra_um);
  if (m->flags & CAM_MOVE_FLAG_FEED_REDUCED)
    g_string_append (s, " · feed reduced for engagement");
  if (m->source_line)
    g_string_append_printf (s, " · line %u", m->source_line);
  return g_string_free (s, FALSE);
}

gssize
render_toolpath_nearest_move (const CamToolpath *tp, const double off[3], const double p[3])
{
  gssize best = -1;
  double bd = INFINITY;
  double s[3];
  memcpy (s, tp->start, sizeof s);
  double q[3] = { p[0] - off[0], p[1] - off[1], p[2] - off[2] };
  for (guint i = 0; i < tp->moves->len; i++)
    {
      const CamMove *m = cam_toolpath_move (tp, i);
      guint k = m->type == CAM_MOVE_ARC_CW || m->type == CAM_MOVE_ARC_CCW ? 16 : 1;
      double a[3];
      memcpy (a, s, sizeof a);
      for (guint j = 1; j <= k; j++)
        {
          double b[3];
          if (m->type == CAM_MOVE_CYCLE)
            b[0] = m->x, b[1] = m->y, b[2] = m->z;
          else
            cam_move_point_at (m, s, (double) j / k, b);
          double d[3] = { b[0] - a[0], b[1] - a[1], b[2] - a[2] };
          double dd = d[0] * d[0] + d[1] * d[1] + d[2] * d[2];
          double t = dd > 0 ? ((q[0] - a[0]) * d[0] + (q[1] - a[1]) * d[1] + (q[2] - a[2]) * d[2]) / dd : 0;
          t = CLAMP (t, 0, 1);
          double e = 0;
          for (int c = 0; c < 3; c++)
            e += (a[c] + t * d[c] - q[c]) * (a[c] + t * d[c] - q[c]);
          if (e < bd)
            bd = e, best = i;
          memcpy (a, b, sizeof a);
        }
      cam_toolpath_move_start (tp, i + 1, s);
    }
  return best;
}
