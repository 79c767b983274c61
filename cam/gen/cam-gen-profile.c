/* cam-gen-profile.c — inside/outside contour at several depths, spring pass, tabs.
 *
 * Tool-centre path: buffer(region, ±(R + s)) (outside +, inside −), s the stock to leave
 * for the finishing pass, which then runs at exactly ±R at the full depth of each level.
 * Direction: climb keeps the wall on the right of travel with an M3 spindle (the G41
 * side, LinuxCNC G-code reference "G41 … climb"): outside contours clockwise, inside
 * contours counter-clockwise; conventional reverses them.
 * Entry: a zig-zag ramp along the path's longest edge within the tool's ramp angle.
 * Spring pass: the finishing contour once more at the floor, no stock (removes what the
 * tool's deflection left). Tabs: n equal gaps along each contour where, below
 * bottom_z + tab height, the tool rises over the tab.
 */
#include "cam-gen-mill.h"

#include <math.h>
#include <string.h>

#include "cam-error.h"

static double
ring_length (const double *xy, guint n)
{
  double l = 0;
  for (guint i = 0; i < n; i++)
    {
      guint j = (i + 1) % n;
      l += hypot (xy[2 * j] - xy[2 * i], xy[2 * j + 1] - xy[2 * i + 1]);
    }
  return l;
}

/* Is the arc length s (from the ring start) inside a tab? */
static gboolean
in_tab (double s, double total, guint tabs, double width)
{
  if (tabs == 0)
    return FALSE;
  double pitch = total / tabs;
  double f = fmod (s, pitch);
  return fabs (f - 0.5 * pitch) < 0.5 * width;
}

/* The ring, started at vertex `start`, with tabs: at levels below tab_z the parts of the
 * ring inside a tab are run at tab_z. */
static void
ring_with_tabs (CamGenMill *m, const double *xy, guint n, guint start, guint tabs, double width, double tab_z,
                guint32 flags)
{
  if (tabs == 0 || m->level_z >= tab_z)
    {
      cam_gen_mill_ring (m, xy, n, start, flags);
      return;
    }
  double total = ring_length (xy, n);
  double s = 0;
  for (guint k = 1; k <= n; k++)
    {
      guint i0 = (start + k - 1) % n, i1 = (start + k) % n;
      double x0 = xy[2 * i0], y0 = xy[2 * i0 + 1], x1 = xy[2 * i1], y1 = xy[2 * i1 + 1];
      double len = hypot (x1 - x0, y1 - y0);
      /* split the edge at tab boundaries in steps of a tenth of the tab width */
      guint parts = MAX (1u, (guint) ceil (len / MAX (width / 10, 1e-3)));
      for (guint p = 1; p <= parts; p++)
        {
          double t = (double) p / parts;
          double sm = s + (t - 0.5 / parts) * len;
          double z = in_tab (sm, total, tabs, width) ? tab_z : m->level_z;
          double here[3];
          cam_gen_mill_pos (m, here);
          if (fabs (here[2] - z) > 1e-9)
            cam_gen_mill_feed (m, here[0], here[1], z, flags);
          cam_gen_mill_feed (m, x0 + t * (x1 - x0), y0 + t * (y1 - y0), z, flags);
        }
      s += len;
    }
  double here[3];
  cam_gen_mill_pos (m, here);
  if (fabs (here[2] - m->level_z) > 1e-9)
    cam_gen_mill_feed (m, here[0], here[1], m->level_z, flags);
  cam_gen_mill_flush (m);
}

static void
contour_level (CamGenMill *m, const GEOSGeometry *path, gboolean ccw, gboolean ramp, guint tabs,
               double tab_w, double tab_z, guint32 flags)
{
  GPtrArray *rings = cam_gen_mill_rings (m, path, ccw, 1e-10);
  for (guint r = 0; r < rings->len; r++)
    {
      GArray *a = g_ptr_array_index (rings, r);
      const double *xy = (const double *) a->data;
      guint n = a->len / 2;
      /* start at the longest edge (room to ramp) */
      guint best = 0;
      double bl = -1;
      for (guint i = 0; i < n; i++)
        {
          guint j = (i + 1) % n;
          double l = hypot (xy[2 * j] - xy[2 * i], xy[2 * j + 1] - xy[2 * i + 1]);
          if (l > bl)
            bl = l, best = i;
        }
      double p[3];
      cam_gen_mill_pos (m, p);
      gboolean at_level = FALSE;
      if (p[2] <= m->level_z + 1e-9 && cam_gen_mill_segment_allowed (m, p[0], p[1], xy[2 * best], xy[2 * best + 1]))
        at_level = cam_gen_mill_link (m, xy[2 * best], xy[2 * best + 1], TRUE);
      else if (p[2] < m->cleared_z + 1e-9 && p[2] > m->level_z
               && cam_gen_mill_segment_allowed (m, p[0], p[1], xy[2 * best], xy[2 * best + 1]))
        cam_gen_mill_feed (m, xy[2 * best], xy[2 * best + 1], p[2], CAM_MOVE_FLAG_LINK);
      else
        at_level = cam_gen_mill_link (m, xy[2 * best], xy[2 * best + 1], TRUE);
      if (!at_level && ramp)
        {
          guint j = (best + 1) % n;
          cam_gen_mill_ramp_entry (m, xy[2 * best], xy[2 * best + 1], xy[2 * j], xy[2 * j + 1]);
        }
      ring_with_tabs (m, xy, n, best, tabs, tab_w, tab_z, flags);
    }
  g_ptr_array_unref (rings);
}

gboolean
cam_gen_profile_generate (const CamGenContext *ctx, CamJobOp *op, GError **error)
{
  const CamJobTool *jt = cam_job_tool (ctx->job, op->tool);
  if (!cam_tool_is_mill (jt->tool))
    {
      g_set_error (error, CAM_ERROR, CAM_ERROR_INVALID, "%s: a profile needs an end mill, not %s", op->id, jt->spec);
      return FALSE;
    }
  CamGenPlan plan;
  if (!cam_gen_plan_mill (ctx, op, CAM_CUT_SLOT, 0, 0, &plan, error))
    return FALSE;
  double R = 0.5 * jt->tool->d_mm;
  double down = 0;
  if (!cam_gen_choose_stepdown (ctx, op, &plan, op->top_z - op->bottom_z, &down))
    {
      op->toolpath = cam_gen_toolpath_new (ctx, op);
      cam_gen_plan_clear (&plan);
      return TRUE;
    }
  op->stepdown_mm = down;
  cam_gen_plan_clear (&plan);
  if (!cam_gen_plan_mill (ctx, op, CAM_CUT_SLOT, down, 0, &plan, error))
    return FALSE;

  CamGenMill m;
  cam_gen_mill_init (&m, ctx, op, &plan, error);
  m.max_ap = down;
  GEOSGeometry *region = cam_gen_mill_read_region (&m, op->region_wkt, error);
  if (region == NULL)
    {
      cam_gen_mill_clear (&m);
      cam_gen_plan_clear (&plan);
      return FALSE;
    }
  gboolean outside = op->side == CAM_SIDE_OUTSIDE;
  double sign = outside ? 1 : -1;
  double stock = op->finish_walls ? MAX (op->stock_to_leave_mm, 0) : 0;
  /* Material: outside, the stock around the region; inside, the region itself. */
  GEOSGeometry *material;
  if (outside)
    {
      const CamJob *job = ctx->job;
      GEOSGeometry *box = GEOSGeom_createRectangle_r (m.g, job->stock_min[0] - job->work_offset[0],
                                                      job->stock_min[1] - job->work_offset[1],
                                                      job->stock_max[0] - job->work_offset[0],
                                                      job->stock_max[1] - job->work_offset[1]);
      material = GEOSDifference_r (m.g, box, region);
      if (material == NULL)
        {
          /* the whole stock taken as material: engagements too high, never air */
          cam_gen_mill_geos_failed (&m, CAM_GEN_GEOS_MATERIAL);
          material = g_steal_pointer (&box);
        }
      if (box)
        GEOSGeom_destroy_r (m.g, box);
    }
  else
    material = GEOSGeom_clone_r (m.g, region);
  /* Where the tool centre may go: outside the part grown by R, or inside it shrunk by R. */
  GEOSGeometry *allowed;
  if (outside)
    {
      GEOSGeometry *grown = cam_gen_mill_buffer (&m, region, R);
      GEOSGeometry *big = GEOSBuffer_r (m.g, region, R + 1000, 4);
      allowed = grown && big ? GEOSDifference_r (m.g, big, grown) : NULL;
      GEOSGeometry *b = allowed ? GEOSBuffer_r (m.g, allowed, 1e-6, 2) : NULL;
      if (allowed)
        GEOSGeom_destroy_r (m.g, allowed);
      allowed = b;
      if (grown)
        GEOSGeom_destroy_r (m.g, grown);
      if (big)
        GEOSGeom_destroy_r (m.g, big);
    }
  else
    allowed = cam_gen_mill_buffer (&m, region, -R);
  if (allowed == NULL)
    {
      /* unknown where the centre may go: nowhere, so every link lifts over (NULL would mean anywhere) */
      cam_gen_mill_geos_failed (&m, CAM_GEN_GEOS_OFFSET);
      allowed = GEOSGeom_createEmptyPolygon_r (m.g);
    }
  GEOSGeometry *rough = cam_gen_mill_buffer (&m, region, sign * (R + stock));
  GEOSGeometry *fin = cam_gen_mill_buffer (&m, region, sign * R);
  double a = 0;
  gboolean cancelled = FALSE;
  if (rough == NULL || fin == NULL)
    {
      cam_gen_mill_geos_failed (&m, CAM_GEN_GEOS_OFFSET); /* said by cam_gen_mill_finish */
      goto done;
    }
  if (!GEOSArea_r (m.g, fin, &a) || a <= 0)
    {
      cam_job_op_warn (op, "the Ø%.3f mm tool does not fit inside the contour", jt->tool->d_mm);
      goto done;
    }
  {
    gboolean ccw = outside ? !op->climb : op->climb;
    double top = op->top_z, bottom = op->bottom_z;
    guint n = MAX (1u, (guint) ceil ((top - bottom) / down - 1e-6));
    double ap = (top - bottom) / n;
    double tab_z = bottom + (op->tabs ? op->tab_height_mm : 0);
    double cleared = top;
    for (guint li = 1; li <= n; li++)
      {
        if (g_cancellable_set_error_if_cancelled (ctx->cancellable, error))
          {
            cancelled = TRUE;
            break;
          }
        double z = li == n ? bottom : top - li * ap;
        cam_gen_mill_set_level (&m, z, cleared - z, cleared, material, allowed);
        m.finishing = FALSE;
        m.flags = 0;
        contour_level (&m, rough, ccw, TRUE, op->tabs, op->tab_width_mm, tab_z, 0);
        if (stock > 0)
          {
            m.finishing = TRUE;
            m.flags = CAM_MOVE_FLAG_FINISH;
            contour_level (&m, fin, ccw, TRUE, op->tabs, op->tab_width_mm, tab_z, CAM_MOVE_FLAG_FINISH);
          }
        cleared = z;
      }
    if (op->spring_pass)
      {
        m.finishing = TRUE;
        m.flags = CAM_MOVE_FLAG_FINISH | CAM_MOVE_FLAG_SPRING;
        contour_level (&m, fin, ccw, TRUE, op->tabs, op->tab_width_mm, tab_z,
                       CAM_MOVE_FLAG_FINISH | CAM_MOVE_FLAG_SPRING);
      }
    double p[3];
    cam_gen_mill_pos (&m, p);
    cam_gen_mill_rapid (&m, p[0], p[1], MAX (p[2], m.retract_z));
  }
done:
  if (rough)
    GEOSGeom_destroy_r (m.g, rough);
  if (fin)
    GEOSGeom_destroy_r (m.g, fin);
  GEOSGeom_destroy_r (m.g, region);
  GEOSGeom_destroy_r (m.g, material);
  GEOSGeom_destroy_r (m.g, allowed);
  gboolean ok = !cancelled;
  if (ok)
    cam_gen_mill_finish (&m);
  else
    cam_gen_mill_clear (&m);
  cam_gen_plan_clear (&plan);
  return ok;
}
