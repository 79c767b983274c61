/* cam-gen-face.c — facing the stock top.
 *
 * Zig-zag raster across the stock (or op->region_wkt) in X, stepover e (the engine's
 * side-milling width, at most 0.8·D so passes overlap), each line running R + 0.05 mm past
 * the edges so the tool enters and leaves the material from the side: no plunge into
 * material. Levels from top_z down to bottom_z by the stepdown. Direction alternates
 * (zig-zag), which mixes climb and conventional — usual for facing (Sandvik Coromant,
 * "Face milling" application guide: zig-zag for light facing passes).
 */
#include "cam-gen-mill.h"

#include <math.h>
#include <string.h>

#include "cam-error.h"

gboolean
cam_gen_face_generate (const CamGenContext *ctx, CamJobOp *op, GError **error)
{
  const CamJob *job = ctx->job;
  const CamJobTool *jt = cam_job_tool (job, op->tool);
  if (!cam_tool_is_mill (jt->tool))
    {
      g_set_error (error, CAM_ERROR, CAM_ERROR_INVALID, "%s: facing needs an end mill, not %s", op->id, jt->spec);
      return FALSE;
    }
  CamGenPlan plan;
  if (!cam_gen_plan_mill (ctx, op, CAM_CUT_SIDE, 0, 0, &plan, error))
    return FALSE;
  double R = 0.5 * jt->tool->d_mm;
  double step = isfinite (op->stepover_mm) && op->stepover_mm > 0 ? op->stepover_mm : plan.ae_mm;
  if (!(step > 0) || step > 1.6 * R)
    step = 1.6 * R;
  double down = 0;
  if (!cam_gen_choose_stepdown (ctx, op, &plan, op->top_z - op->bottom_z, &down))
    {
      op->toolpath = cam_gen_toolpath_new (ctx, op);
      cam_gen_plan_clear (&plan);
      return TRUE;
    }
  op->stepover_mm = step;
  op->stepdown_mm = down;
  cam_gen_plan_clear (&plan);
  if (!cam_gen_plan_mill (ctx, op, CAM_CUT_SIDE, down, MIN (step, jt->tool->d_mm), &plan, error))
    return FALSE;

  CamGenMill m;
  cam_gen_mill_init (&m, ctx, op, &plan, error);
  m.max_ap = down;
  GEOSGeometry *area;
  if (op->region_wkt && *op->region_wkt)
    {
      area = cam_gen_mill_read_region (&m, op->region_wkt, error);
      if (area == NULL)
        {
          cam_gen_mill_clear (&m);
          cam_gen_plan_clear (&plan);
          return FALSE;
        }
    }
  else
    area = GEOSGeom_createRectangle_r (m.g, job->stock_min[0] - job->work_offset[0],
                                       job->stock_min[1] - job->work_offset[1],
                                       job->stock_max[0] - job->work_offset[0],
                                       job->stock_max[1] - job->work_offset[1]);
  double x0, y0, x1, y1;
  if (area == NULL || !GEOSGeom_getXMin_r (m.g, area, &x0) || !GEOSGeom_getYMin_r (m.g, area, &y0)
      || !GEOSGeom_getXMax_r (m.g, area, &x1) || !GEOSGeom_getYMax_r (m.g, area, &y1))
    {
      g_set_error (error, CAM_ERROR, CAM_ERROR_INVALID, "%s: the geometry (GEOS) failed on the area to face: %s",
                   op->id, m.geos_message[0] ? m.geos_message : "no message");
      if (area)
        GEOSGeom_destroy_r (m.g, area);
      cam_gen_mill_clear (&m);
      cam_gen_plan_clear (&plan);
      return FALSE;
    }
  double over = R; /* start and end with the tool beside the stock, its edge at the stock edge */
  double top = op->top_z, bottom = op->bottom_z;
  guint n = MAX (1u, (guint) ceil ((top - bottom) / down - 1e-6));
  double ap = (top - bottom) / n;
  guint lines = MAX (1u, (guint) ceil ((y1 - y0) / step)) + 1;
  double dy = (y1 - y0) / (lines - 1 > 0 ? lines - 1 : 1);
  double cleared = top;
  gboolean ok = TRUE;
  for (guint li = 1; li <= n && ok; li++)
    {
      if (g_cancellable_set_error_if_cancelled (ctx->cancellable, error))
        {
          ok = FALSE;
          break;
        }
      double z = li == n ? bottom : top - li * ap;
      cam_gen_mill_set_level (&m, z, cleared - z, cleared, area, NULL);
      /* Start outside the stock: down in air beside it. */
      double sx = x0 - over, sy = y0;
      double p[3];
      cam_gen_mill_pos (&m, p);
      cam_gen_mill_rapid (&m, p[0], p[1], MAX (p[2], m.retract_z));
      cam_gen_mill_rapid (&m, sx, sy, MAX (p[2], m.retract_z));
      cam_gen_mill_rapid (&m, sx, sy, m.retract_z);
      CamMove mv = cam_gen_move (op, &plan, CAM_MOVE_FEED, sx, sy, z);
      mv.feed_mm_min = plan.plunge_mm_min;
      mv.flags = CAM_MOVE_FLAG_LINK | CAM_MOVE_FLAG_AIR;
      cam_gen_annotate_move (ctx, op, &plan, &mv, 1e-4, 0, FALSE);
      cam_toolpath_append (m.tp, &mv);
      for (guint k = 0; k < lines; k++)
        {
          double y = y0 + k * dy;
          double xa = k % 2 ? x1 + over : x0 - over;
          double xb = k % 2 ? x0 - over : x1 + over;
          cam_gen_mill_feed (&m, xa, y, z, CAM_MOVE_FLAG_LINK);
          cam_gen_mill_feed (&m, xb, y, z, 0);
        }
      cam_gen_mill_flush (&m);
      cleared = z;
    }
  if (ok)
    {
      double p[3];
      cam_gen_mill_pos (&m, p);
      cam_gen_mill_rapid (&m, p[0], p[1], MAX (p[2], m.retract_z));
    }
  GEOSGeom_destroy_r (m.g, area);
  if (ok)
    cam_gen_mill_finish (&m);
  else
    cam_gen_mill_clear (&m);
  cam_gen_plan_clear (&plan);
  return ok;
}
