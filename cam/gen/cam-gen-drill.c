/* cam-gen-drill.c — spot drilling, drilling (G81) and peck drilling (G83/G73).
 *
 * Hole order: nearest neighbour from the op's start point, then 2-opt on the open path
 * until no exchange shortens it (Croes 1958, "A method for solving traveling-salesman
 * problems"; Lin 1965). With N holes one 2-opt pass is O(N²); passes stop after no
 * improvement or 50 passes.
 *
 * Cycle and pecks: from the physics engine (cam_cutting_recommend with CAM_CUT_DRILL: the
 * peck schedule from the depth/diameter ratio and the material, see cam-drill.c), or
 * the op's own op->pecks. A uniform schedule (every peck the same, the last one possibly
 * shorter) is exactly what the controller's G83/G73 with Q does, so it stays a canned
 * cycle. A schedule whose pecks shrink cannot be said with one Q: by default the canned
 * cycle takes Q = the schedule's smallest peck, so no peck is ever deeper than the
 * schedule allows at that depth (the schedules level off quickly, so this costs a few
 * pecks per hole); with op->explicit_pecks the holes are written as explicit moves doing
 * what G83 does (feed one peck, rapid out to R, rapid back to 0.254 mm above the bottom,
 * …) with each peck as scheduled.
 * Process: the warning that a drill is not the process judges the depth drilled at full
 * diameter (cam_drill_full_diameter_depth: not the point's cone, nor a through hole's point
 * and breakthrough below the part), the depth the DFM review and the planner judge.
 * Spot: a dimple of the hole's diameter (cam_drill_spot_depth for the spot's point angle); a
 * drill spotted before by a spot drill sharper than its own point gets a warning naming both.
 * Every cycle value is snapped to the post's 0.1 µm grid so the controller's peck
 * arithmetic equals ours (see cam-toolpath.c).
 */
#include "cam-gen.h"

#include <math.h>
#include <string.h>

#include "cam-drill.h"
#include "cam-error.h"

#define PECK_REENTRY_MM 0.254  /* rs274ngc G83_RAPID_DELTA, 0.010 in */

typedef struct {
  double x, y;
  double top_z, bottom_z;
  guint src;
} Hole;

static double
dist (const Hole *a, const Hole *b)
{
  return hypot (a->x - b->x, a->y - b->y);
}

/* Nearest neighbour then 2-opt; order[] gets indices into h. */
static void
order_holes (const Hole *h, guint n, double sx, double sy, guint *order)
{
  g_autofree gboolean *used = g_new0 (gboolean, n);
  double cx = sx, cy = sy;
  for (guint k = 0; k < n; k++)
    {
      guint best = 0;
      double bd = INFINITY;
      for (guint i = 0; i < n; i++)
        if (!used[i])
          {
            double d = hypot (h[i].x - cx, h[i].y - cy);
            if (d < bd)
              bd = d, best = i;
          }
      used[best] = TRUE;
      order[k] = best;
      cx = h[best].x, cy = h[best].y;
    }
  /* 2-opt on the open path start → order[0] → … → order[n-1]. */
  Hole start = { .x = sx, .y = sy };
  for (int pass = 0; pass < 50; pass++)
    {
      gboolean improved = FALSE;
      for (guint i = 0; i + 1 < n; i++)
        {
          const Hole *a = i == 0 ? &start : &h[order[i - 1]];
          const Hole *b = &h[order[i]];
          for (guint j = i + 1; j < n; j++)
            {
              const Hole *c = &h[order[j]];
              const Hole *d = j + 1 < n ? &h[order[j + 1]] : NULL;
              double before = dist (a, b) + (d ? dist (c, d) : 0);
              double after = dist (a, c) + (d ? dist (b, d) : 0);
              if (after < before - 1e-9)
                {
                  for (guint lo = i, hi = j; lo < hi; lo++, hi--)
                    {
                      guint t = order[lo];
                      order[lo] = order[hi];
                      order[hi] = t;
                    }
                  improved = TRUE;
                  b = &h[order[i]];
                }
            }
        }
      if (!improved)
        break;
    }
}

static gboolean
schedule_is_uniform (const double *pecks, guint n)
{
  for (guint i = 1; i + 1 < n; i++)
    if (fabs (pecks[i] - pecks[0]) > 1e-4)
      return FALSE;
  return n < 2 || pecks[n - 1] <= pecks[0] + 1e-4;
}

static void
annotate_drill (CamMove *m, const CamCutResult *r, double depth, double d)
{
  m->ap_mm = depth;
  m->ae_mm = d;
  m->fz_mm = r->fz_mm;
  m->force_n = r->force_n;
  m->deflection_um = r->deflection_um;
  m->safety_factor = r->safety_factor;
  m->ra_um = r->ra_um;
}

/* Whether two ops drill at the same place: the same feature, or their first holes coincide. */
static gboolean
same_holes (const CamJobOp *a, const CamJobOp *b)
{
  if (a->feature_id != NULL && b->feature_id != NULL && strcmp (a->feature_id, b->feature_id) == 0)
    return TRUE;
  if (a->holes->len == 0 || b->holes->len == 0)
    return FALSE;
  const CamJobHole *ha = &g_array_index (a->holes, CamJobHole, 0), *hb = &g_array_index (b->holes, CamJobHole, 0);
  return hypot (ha->x - hb->x, ha->y - hb->y) <= 0.005;
}

/* A drill spotted by a sharper spot drill seats on its corners at the dimple's rim, which chip:
 * the spot's point angle must be at least the drill's (cam-drill.c, spot first; makers' advice). */
static void
warn_sharp_spot (const CamJob *job, CamJobOp *op, const CamJobTool *jt)
{
  for (guint i = 0; i < job->ops->len; i++)
    {
      const CamJobOp *spot = g_ptr_array_index (job->ops, i);
      if (spot == op)
        return;   /* only the spots made before this drill */
      if (spot->kind != CAM_JOB_OP_SPOT || spot->tool >= job->tools->len || !same_holes (spot, op))
        continue;
      const CamJobTool *st = cam_job_tool (job, spot->tool);
      if (st->tool->point_angle_deg < jt->tool->point_angle_deg - 1e-9)
        {
          cam_job_op_warn (op, "spotted by %s with a %.0f° point, sharper than this %.0f° drill: its corners meet the "
                           "dimple's rim first and chip; spot with %.0f° or more",
                           st->spec, st->tool->point_angle_deg, jt->tool->point_angle_deg, jt->tool->point_angle_deg);
          return;
        }
    }
}

gboolean
cam_gen_drill_generate (const CamGenContext *ctx, CamJobOp *op, GError **error)
{
  CamJob *job = ctx->job;
  const CamJobTool *jt = cam_job_tool (job, op->tool);
  const CamTool *tool = jt->tool;
  guint n = op->holes->len;
  g_autoptr (CamToolpath) tp = cam_gen_toolpath_new (ctx, op);
  if (n == 0)
    {
      op->toolpath = g_steal_pointer (&tp);
      return TRUE;
    }
  if (tool->kind != CAM_TOOL_DRILL && tool->kind != CAM_TOOL_SPOT)
    {
      g_set_error (error, CAM_ERROR, CAM_ERROR_INVALID, "%s: %s is not a drill or spot drill", op->id,
                   jt->spec);
      return FALSE;
    }

  g_autofree Hole *h = g_new0 (Hole, n);
  double max_depth = 0, full_depth = 0;
  double part_bottom = job->part_max[2] > job->part_min[2] ? job->part_min[2] - job->work_offset[2] : -INFINITY;
  for (guint i = 0; i < n; i++)
    {
      const CamJobHole *src = &g_array_index (op->holes, CamJobHole, i);
      h[i].x = cam_gen_snap (src->x - job->work_offset[0]);
      h[i].y = cam_gen_snap (src->y - job->work_offset[1]);
      h[i].top_z = src->top_z;
      if (op->kind == CAM_JOB_OP_SPOT)
        {
          /* A dimple of the hole's diameter, capped at 80 % of the spot drill's diameter so it
           * stays on its point: (d/2)·cot(σ/2) deep for the spot's point angle σ (d/2 for a
           * 90° spot, 0.18·d for a 140° one). */
          double depth = op->spot_depth_mm > 0 ? op->spot_depth_mm
                         : cam_drill_spot_depth (MIN (src->diameter_mm, 0.8 * tool->d_mm), tool->point_angle_deg);
          h[i].bottom_z = src->top_z - depth;
        }
      else
        h[i].bottom_z = src->bottom_z;
      h[i].bottom_z = cam_gen_snap (h[i].bottom_z);
      h[i].src = i;
      max_depth = MAX (max_depth, h[i].top_z - h[i].bottom_z);
      full_depth = MAX (full_depth,
                        cam_gen_snap (cam_drill_full_diameter_depth (tool, h[i].top_z, h[i].bottom_z, part_bottom)));
    }

  CamGenPlan plan;
  if (!cam_gen_plan_mill (ctx, op, CAM_CUT_DRILL, MAX (max_depth, 1e-3), 0, &plan, error))
    return FALSE;
  const CamDrillPlan *dp = &plan.result.drill;
  /* The process on the depth drilled at full diameter, as the DFM review and the planner judge
   * it; the drill's travel (max_depth: point and breakthrough included) sets feeds and pecks. */
  CamProcess process = cam_drill_choose_process (ctx->material, tool->d_mm, full_depth, 0.0);
  if (process != CAM_PROCESS_MICRO_DRILL && op->kind != CAM_JOB_OP_SPOT)
    cam_job_op_warn (op, "the engine advises %s rather than drilling for %.3f mm deep holes with %s",
                     cam_process_to_string (process), full_depth, jt->spec);
  if (op->kind != CAM_JOB_OP_SPOT && tool->kind == CAM_TOOL_DRILL)
    warn_sharp_spot (job, op, jt);

  /* Peck schedule (increments, first first). */
  g_autofree double *pecks = NULL;
  guint n_pecks = 0;
  CamCycle cycle = CAM_CYCLE_DRILL;
  if (op->kind == CAM_JOB_OP_PECK)
    {
      cycle = op->cycle == CAM_CYCLE_CHIPBREAK ? CAM_CYCLE_CHIPBREAK
              : op->cycle == CAM_CYCLE_PECK ? CAM_CYCLE_PECK
              : dp->cycle == CAM_CYCLE_CHIPBREAK ? CAM_CYCLE_CHIPBREAK : CAM_CYCLE_PECK;
      if (op->pecks->len > 0)
        {
          n_pecks = op->pecks->len;
          pecks = g_memdup2 (op->pecks->data, sizeof (double) * n_pecks);
        }
      else
        {
          n_pecks = MAX (dp->n_pecks, 1);
          pecks = g_new0 (double, n_pecks);
          for (guint i = 0; i < n_pecks; i++)
            pecks[i] = dp->n_pecks ? dp->pecks_mm[i] : max_depth;
          /* Remember the schedule in the job so it is saved and shown. */
          g_array_set_size (op->pecks, 0);
          g_array_append_vals (op->pecks, pecks, n_pecks);
        }
      for (guint i = 0; i < n_pecks; i++)
        pecks[i] = MAX (cam_gen_snap (pecks[i]), 1e-4);
      if (!op->explicit_pecks && !schedule_is_uniform (pecks, n_pecks))
        {
          double qmin = pecks[0];
          for (guint i = 0; i + 1 < n_pecks; i++) /* the last peck is only the remainder */
            qmin = MIN (qmin, pecks[i]);
          for (guint i = 0; i < n_pecks; i++)
            pecks[i] = qmin;
        }
    }
  else if (op->kind == CAM_JOB_OP_DRILL && op->cycle == CAM_CYCLE_DRILL_DWELL)
    cycle = CAM_CYCLE_DRILL_DWELL;
  else if (op->kind == CAM_JOB_OP_SPOT && op->dwell_s > 0)
    cycle = CAM_CYCLE_DRILL_DWELL;
  gboolean canned = n_pecks == 0 || schedule_is_uniform (pecks, n_pecks);
  op->cycle = cycle;

  g_autofree guint *order = g_new0 (guint, n);
  order_holes (h, n, tp->start[0], tp->start[1], order);

  double r_z = cam_gen_snap (cam_job_retract_z (job));
  double feed = plan.feed_mm_min;
  for (guint k = 0; k < n; k++)
    {
      if (g_cancellable_set_error_if_cancelled (ctx->cancellable, error))
        {
          cam_gen_plan_clear (&plan);
          return FALSE;
        }
      const Hole *hole = &h[order[k]];
      double depth = hole->top_z - hole->bottom_z;
      if (canned)
        {
          CamMove m = cam_gen_move (op, &plan, CAM_MOVE_CYCLE, hole->x, hole->y, hole->bottom_z);
          m.cycle = cycle;
          m.retract = CAM_RETRACT_R_PLANE;
          m.r_z = r_z;
          m.q_mm = n_pecks ? pecks[0] : 0;
          m.dwell_s = cycle == CAM_CYCLE_DRILL_DWELL ? MAX (op->dwell_s, 0.1) : 0;
          m.feed_mm_min = feed;
          m.flags = CAM_MOVE_FLAG_PLUNGE | (op->kind == CAM_JOB_OP_SPOT ? CAM_MOVE_FLAG_SPOT : 0);
          annotate_drill (&m, &plan.result, depth, tool->d_mm);
          cam_toolpath_append (tp, &m);
          continue;
        }
      /* Explicit pecks following the schedule, as G83 (or G73) would move. */
      double here[3];
      cam_toolpath_end_point (tp, here);
      CamMove m = cam_gen_move (op, &plan, CAM_MOVE_RAPID, hole->x, hole->y, MAX (here[2], r_z));
      m.flags = CAM_MOVE_FLAG_LINK;
      if (here[2] < r_z)
        {
          CamMove up = cam_gen_move (op, &plan, CAM_MOVE_RAPID, here[0], here[1], r_z);
          up.flags = CAM_MOVE_FLAG_LINK;
          cam_toolpath_append (tp, &up);
        }
      cam_toolpath_append (tp, &m);
      if (m.z > r_z)
        {
          CamMove down = cam_gen_move (op, &plan, CAM_MOVE_RAPID, hole->x, hole->y, r_z);
          cam_toolpath_append (tp, &down);
        }
      double bottom = r_z;
      for (guint p = 0; p < n_pecks && bottom > hole->bottom_z; p++)
        {
          if (bottom < r_z)
            {
              if (cycle == CAM_CYCLE_PECK)
                {
                  CamMove out = cam_gen_move (op, &plan, CAM_MOVE_RAPID, hole->x, hole->y, r_z);
                  cam_toolpath_append (tp, &out);
                }
              CamMove back = cam_gen_move (op, &plan, CAM_MOVE_RAPID, hole->x, hole->y,
                                          cam_gen_snap (bottom + PECK_REENTRY_MM));
              cam_toolpath_append (tp, &back);
            }
          /* The first peck counts from the hole top, not from R. */
          double target = p == 0 ? hole->top_z - pecks[0] : bottom - pecks[p];
          if (p + 1 == n_pecks || target < hole->bottom_z)
            target = hole->bottom_z;
          CamMove f = cam_gen_move (op, &plan, CAM_MOVE_FEED, hole->x, hole->y, cam_gen_snap (target));
          f.feed_mm_min = feed;
          f.flags = CAM_MOVE_FLAG_PLUNGE;
          annotate_drill (&f, &plan.result, depth, tool->d_mm);
          cam_toolpath_append (tp, &f);
          bottom = f.z;
        }
      CamMove out = cam_gen_move (op, &plan, CAM_MOVE_RAPID, hole->x, hole->y, r_z);
      cam_toolpath_append (tp, &out);
    }
  cam_gen_plan_clear (&plan);
  op->toolpath = g_steal_pointer (&tp);
  return TRUE;
}
