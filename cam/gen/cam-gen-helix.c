/* cam-gen-helix.c — helical milling of holes larger than the end mill.
 *
 * Tool centre on a helix of radius rc = (D_hole − D_tool)/2 around the hole axis, pitch
 * 2π·rc·tan(ramp angle) per turn, down to the hole bottom, then one flat turn to clean
 * the floor and the last wall, then back to the axis and out (orbital drilling: Brinksmeier,
 * Fangmann, Meyer, "Orbital drilling kinematics", Prod. Eng. 2, 2008). Counter-clockwise
 * (climb with M3: wall on the right of travel) unless conventional. Holes whose rc is
 * below 5 % of the tool radius are drilling work, not helical milling: they are skipped
 * with a warning. Holes are visited nearest-first.
 */
#include "cam-gen-mill.h"

#include <math.h>
#include <string.h>

#include "cam-error.h"

gboolean
cam_gen_helix_generate (const CamGenContext *ctx, CamJobOp *op, GError **error)
{
  const CamJob *job = ctx->job;
  const CamJobTool *jt = cam_job_tool (job, op->tool);
  if (!cam_tool_is_mill (jt->tool))
    {
      g_set_error (error, CAM_ERROR, CAM_ERROR_INVALID, "%s: helical milling needs an end mill, not %s", op->id,
                   jt->spec);
      return FALSE;
    }
  CamGenPlan plan;
  if (!cam_gen_plan_mill (ctx, op, CAM_CUT_SLOT, 0, 0, &plan, error))
    return FALSE;
  double R = 0.5 * jt->tool->d_mm;
  /* the helix pitch is the axial depth each turn cuts: at most the safe stepdown */
  double pitch_max = 0;
  if (!cam_gen_choose_stepdown (ctx, op, &plan, op->top_z - op->bottom_z, &pitch_max))
    {
      op->toolpath = cam_gen_toolpath_new (ctx, op);
      cam_gen_plan_clear (&plan);
      return TRUE;
    }
  CamGenMill m;
  cam_gen_mill_init (&m, ctx, op, &plan, error);
  m.max_ap = pitch_max;
  guint n = op->holes->len;
  g_autofree gboolean *done = g_new0 (gboolean, n + 1);
  gboolean ok = TRUE;
  for (guint c = 0; c < n && ok; c++)
    {
      if (g_cancellable_set_error_if_cancelled (ctx->cancellable, error))
        {
          ok = FALSE;
          break;
        }
      double p[3];
      cam_gen_mill_pos (&m, p);
      guint best = 0;
      double bd = INFINITY;
      for (guint i = 0; i < n; i++)
        {
          const CamJobHole *h = &g_array_index (op->holes, CamJobHole, i);
          double d = hypot (h->x - job->work_offset[0] - p[0], h->y - job->work_offset[1] - p[1]);
          if (!done[i] && d < bd)
            bd = d, best = i;
        }
      done[best] = TRUE;
      const CamJobHole *h = &g_array_index (op->holes, CamJobHole, best);
      double cx = h->x - job->work_offset[0], cy = h->y - job->work_offset[1];
      double rc = 0.5 * h->diameter_mm - R;
      if (rc < 0.05 * R)
        {
          cam_job_op_warn (op, "hole %s Ø%.3f: too small for helical milling with Ø%.3f (drill it)",
                           h->feature_id ? h->feature_id : "?", h->diameter_mm, jt->tool->d_mm);
          continue;
        }
      GEOSGeometry *pt = GEOSGeom_createPointFromXY_r (m.g, cx, cy);
      GEOSGeometry *disk = pt ? cam_gen_mill_buffer (&m, pt, 0.5 * h->diameter_mm) : NULL;
      GEOSGeometry *allowed = pt ? GEOSBuffer_r (m.g, pt, rc + 1e-6, 32) : NULL;
      if (allowed == NULL)
        {
          /* where the centre may go is unknown: nowhere (NULL would mean anywhere) */
          cam_gen_mill_geos_failed (&m, CAM_GEN_GEOS_OFFSET);
          allowed = GEOSGeom_createEmptyPolygon_r (m.g);
        }
      /* a failed disk: set_level counts it and every engagement is unknown, not air */
      cam_gen_mill_set_level (&m, h->bottom_z, h->top_z - h->bottom_z, h->top_z, disk, allowed);
      if (pt)
        GEOSGeom_destroy_r (m.g, pt);
      if (disk)
        GEOSGeom_destroy_r (m.g, disk);
      GEOSGeom_destroy_r (m.g, allowed);
      /* Over the axis, down in air to the hole top, out to the helix start. */
      cam_gen_mill_rapid (&m, p[0], p[1], MAX (p[2], m.retract_z));
      cam_gen_mill_rapid (&m, cx, cy, MAX (p[2], m.retract_z));
      cam_gen_mill_rapid (&m, cx, cy, m.retract_z);
      CamMove mv = cam_gen_move (op, &plan, CAM_MOVE_FEED, cx, cy, h->top_z);
      mv.feed_mm_min = plan.plunge_mm_min;
      mv.flags = CAM_MOVE_FLAG_LINK | CAM_MOVE_FLAG_AIR;
      cam_gen_annotate_move (ctx, op, &plan, &mv, 1e-4, 0, FALSE);
      cam_toolpath_append (m.tp, &mv);
      cam_gen_mill_helix_entry (&m, cx, cy, rc, op->climb);
      /* back to the axis at the bottom, then out */
      cam_gen_mill_feed (&m, cx, cy, h->bottom_z, CAM_MOVE_FLAG_LINK);
      cam_gen_mill_rapid (&m, cx, cy, m.retract_z);
    }
  if (ok)
    cam_gen_mill_finish (&m);
  else
    cam_gen_mill_clear (&m);
  cam_gen_plan_clear (&plan);
  return ok;
}
