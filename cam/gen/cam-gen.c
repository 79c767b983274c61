/* cam-gen.c — dispatch, nominal conditions, and physics on every move.
 *
 * Per-move physics: a move's engagement (ap, ae) is mapped to the engine's operation
 * (slot when ae ≥ 0.95·D, finishing for finish passes, side milling otherwise) and
 * evaluated at the op's spindle speed with cam_cutting_recommend() — the limit solver —
 * which returns the fastest chip load that keeps deflection under the allowed value,
 * the breakage safety factor above the minimum, the chip above the ploughing limit and
 * the power under the spindle's (see cam-cutting.h for the models and their sources).
 * The move's feed is the smaller of the op's nominal feed and that one: feed drops where
 * the engagement rises (entry slots, corners) and never rises above what was planned.
 * The engine's answers are cached per (kind, ap, ae) rounded to 0.1 µm.
 */
#include "cam-gen.h"

#include <math.h>
#include <string.h>

#include "cam-error.h"

double
cam_gen_snap (double v)
{
  return round (v * 1e4) / 1e4;
}

CamToolpath *
cam_gen_toolpath_new (const CamGenContext *ctx, const CamJobOp *op)
{
  CamToolpath *tp = cam_toolpath_new ();
  /* Keep tool indices identical to the job's so moves can say tool_index = op->tool. */
  for (guint i = 0; i < ctx->job->tools->len; i++)
    {
      const CamJobTool *t = cam_job_tool (ctx->job, i);
      g_autofree char *label = cam_tool_describe (t->tool);
      cam_toolpath_add_tool (tp, t->number, t->tool->d_mm, t->spec, label, t->coolant);
    }
  tp->start[0] = 0;
  tp->start[1] = 0;
  tp->start[2] = cam_job_clearance_z (ctx->job);
  (void) op; /* every op starts from the job's clearance point */
  return tp;
}

CamMove
cam_gen_move (const CamJobOp *op, const CamGenPlan *plan, CamMoveType type, double x, double y, double z)
{
  CamMove m = cam_move_init (type, x, y, z);
  m.tool_index = op->tool;
  m.rpm = plan ? plan->rpm : NAN;
  if (type != CAM_MOVE_RAPID && plan)
    m.feed_mm_min = plan->feed_mm_min;
  return m;
}

static void
engagement_defaults (const CamGenContext *ctx, CamEngagement *eng, CamCutKind kind)
{
  cam_engagement_init (eng, kind);
  eng->tolerance_mm = ctx->job->tolerance_mm;
  eng->min_safety_factor = ctx->min_safety_factor;
  eng->deflection_fraction = ctx->deflection_fraction;
}

gboolean
cam_gen_plan_mill (const CamGenContext *ctx, const CamJobOp *op, CamCutKind kind, double ap_mm, double ae_mm,
                  CamGenPlan *plan, GError **error)
{
  memset (plan, 0, sizeof *plan);
  const CamJobTool *jt = cam_job_tool (ctx->job, op->tool);
  CamEngagement eng;
  engagement_defaults (ctx, &eng, kind);
  eng.ap_mm = ap_mm;
  eng.ae_mm = ae_mm;
  if (kind == CAM_CUT_DRILL)
    eng.depth_mm = ap_mm;
  if (isfinite (op->rpm) && op->rpm > 0)
    eng.rpm = op->rpm;
  if (!cam_cutting_recommend (jt->tool, ctx->material, ctx->machine, &eng, &plan->result, error))
    {
      g_prefix_error (error, "%s (%s): ", op->id, jt->spec);
      return FALSE;
    }
  plan->rpm = plan->result.rpm;
  plan->fz_mm = plan->result.fz_mm;
  plan->feed_mm_min = plan->result.feed_mm_min;
  plan->plunge_mm_min = plan->result.plunge_mm_min;
  plan->ap_mm = plan->result.ap_mm;
  plan->ae_mm = plan->result.ae_mm;
  if (isfinite (op->feed_mm_min) && op->feed_mm_min > 0)
    {
      plan->feed_mm_min = op->feed_mm_min;
      plan->fz_mm = op->feed_mm_min / (plan->rpm * MAX (jt->tool->flutes, 1));
    }
  if (isfinite (op->plunge_mm_min) && op->plunge_mm_min > 0)
    plan->plunge_mm_min = op->plunge_mm_min;
  if (!(plan->plunge_mm_min > 0))
    plan->plunge_mm_min = plan->feed_mm_min / 3;
  plan->cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return TRUE;
}

void
cam_gen_plan_clear (CamGenPlan *plan)
{
  g_clear_pointer (&plan->cache, g_hash_table_unref);
}

void
cam_gen_annotate_move (const CamGenContext *ctx, const CamJobOp *op, CamGenPlan *plan, CamMove *m,
                      double ap_mm, double ae_mm, gboolean finishing)
{
  const CamJobTool *jt = cam_job_tool (ctx->job, op->tool);
  double d = jt->tool->d_mm;
  /* The engagement is evaluated (and cached) on a 0.1 µm grid, rounded up — the move keeps the
   * numbers it was fed for, so a check of the move at its own ap and ae finds the same limits. */
  ap_mm = CLAMP (ceil (ap_mm * 1e4 - 1e-6) / 1e4, 1e-4, jt->tool->loc_mm);
  ae_mm = CLAMP (ceil (ae_mm * 1e4 - 1e-6) / 1e4, 0, d);
  m->ap_mm = ap_mm;
  m->ae_mm = ae_mm;
  m->rpm = plan->rpm;
  if (ae_mm < 1e-4)
    {
      /* Nothing left to cut: an air move at the nominal feed, no load. */
      m->flags |= CAM_MOVE_FLAG_AIR;
      m->fz_mm = plan->fz_mm;
      m->force_n = 0;
      m->deflection_um = 0;
      m->safety_factor = NAN;
      if (!isfinite (m->feed_mm_min))
        m->feed_mm_min = plan->feed_mm_min;
      return;
    }
  /* a full-width cut is a slot, also in a finishing pass (and the heaviest case an unknown
   * engagement is taken as) */
  CamCutKind kind = ae_mm >= 0.95 * d ? CAM_CUT_SLOT : finishing ? CAM_CUT_FINISH : CAM_CUT_SIDE;
  if (kind == CAM_CUT_SLOT)
    m->flags |= CAM_MOVE_FLAG_SLOT;
  g_autofree char *key = g_strdup_printf ("%d:%.0f:%.0f", kind, ap_mm * 1e4, ae_mm * 1e4);
  CamCutResult *r = g_hash_table_lookup (plan->cache, key);
  if (r == NULL)
    {
      r = g_new0 (CamCutResult, 1);
      CamEngagement eng;
      engagement_defaults (ctx, &eng, kind);
      eng.ap_mm = ap_mm;
      eng.ae_mm = MAX (ae_mm, 1e-4);
      eng.rpm = plan->rpm;
      g_autoptr (GError) err = NULL;
      if (!cam_cutting_recommend (jt->tool, ctx->material, ctx->machine, &eng, r, &err))
        {
          /* Out of the engine's domain (e.g. ap beyond the flutes): keep the nominal. */
          memset (r, 0, sizeof *r);
          r->feed_mm_min = plan->feed_mm_min;
          r->fz_mm = plan->fz_mm;
          r->force_n = r->deflection_um = NAN;
          r->safety_factor = r->ra_um = NAN;
        }
      g_hash_table_insert (plan->cache, g_steal_pointer (&key), r);
    }
  double nominal = isfinite (m->feed_mm_min) && m->feed_mm_min > 0 ? m->feed_mm_min : plan->feed_mm_min;
  /* The feed is the engine's at this engagement: lower where the engagement rises (entry slots,
   * corners), higher where it falls (radial chip thinning keeps the chip above the ploughing
   * limit). A straight plunge's feed and a feed the user set are ceilings. */
  gboolean capped = (m->flags & CAM_MOVE_FLAG_PLUNGE) != 0 || (isfinite (op->feed_mm_min) && op->feed_mm_min > 0);
  double feed = r->feed_mm_min > 0 ? r->feed_mm_min : nominal;
  if (capped)
    {
      feed = MIN (feed, nominal);
      /* but never under the ploughing chip (a plunge's chip is its feed per tooth too) */
      if (r->h_min_mm > 0 && r->h_max_mm > 0 && r->fz_mm > 0 && r->feed_mm_min > 0)
        {
          double plough_feed = 1.02 * r->h_min_mm * (r->fz_mm / r->h_max_mm) * MAX (jt->tool->flutes, 1) * plan->rpm;
          feed = MAX (feed, MIN (plough_feed, r->feed_mm_min));
        }
    }
  if (feed < nominal * 0.999)
    m->flags |= CAM_MOVE_FLAG_FEED_REDUCED;
  m->feed_mm_min = feed;
  /* Scale the load to the feed actually used (force ∝ h^(1-mc) ≈ linear enough at the
   * small change a lower feed makes; the engine's numbers at its own fz are exact). */
  double fz = feed / (plan->rpm * MAX (jt->tool->flutes, 1));
  m->fz_mm = fz;
  if (r->fz_mm > 0 && fabs (fz - r->fz_mm) / r->fz_mm > 1e-3)
    {
      CamEngagement eng;
      engagement_defaults (ctx, &eng, kind);
      eng.ap_mm = ap_mm;
      eng.ae_mm = MAX (ae_mm, 1e-4);
      eng.rpm = plan->rpm;
      eng.fz_mm = fz;
      CamCutResult e;
      if (cam_cutting_evaluate (jt->tool, ctx->material, ctx->machine, &eng, &e, NULL))
        {
          m->force_n = e.force_n;
          m->deflection_um = e.deflection_um;
          m->safety_factor = e.safety_factor;
          m->ra_um = e.ra_um;
          return;
        }
    }
  m->force_n = r->force_n;
  m->deflection_um = r->deflection_um;
  m->safety_factor = r->safety_factor;
  m->ra_um = r->ra_um;
}

gboolean
cam_gen_choose_stepdown (const CamGenContext *ctx, CamJobOp *op, const CamGenPlan *plan, double depth_mm,
                         double *down)
{
  const CamTool *tool = cam_job_tool (ctx->job, op->tool)->tool;
  CamEngagement limits;
  engagement_defaults (ctx, &limits, CAM_CUT_SLOT);
  limits.rpm = plan->rpm;
  g_autofree char *why = NULL;
  double safe = cam_cutting_safe_stepdown (tool, ctx->material, ctx->machine, &limits, depth_mm, &why);
  if (safe <= 0)
    {
      g_free (op->not_cut);
      op->not_cut = g_steal_pointer (&why);
      cam_job_op_warn (op, "not cut: %s", op->not_cut);
      return FALSE;
    }
  /* on the 0.1 µm grid the moves are evaluated on (cam_gen_annotate_move rounds ap up to it) */
  safe = MAX (floor (safe * 1e4 + 1e-6) / 1e4, 1e-4);
  gboolean given = isfinite (op->stepdown_mm) && op->stepdown_mm > 0;
  double want = given ? op->stepdown_mm : plan->ap_mm > 0 ? plan->ap_mm : safe;
  if (want > safe * (1 + 1e-9))
    {
      if (given)
        cam_job_op_warn (op, "stepdown %.4f mm lowered to %.4f mm: deeper, a full-width cut of this tool breaks its "
                         "limits (deflection, breakage or the material's slot depth)", want, safe);
      want = safe;
    }
  *down = MIN (want, tool->loc_mm);
  return TRUE;
}

static void
count_breaches (const CamGenContext *ctx, CamJobOp *op)
{
  op->n_breaches = 0;
  g_clear_pointer (&op->first_breach, g_free);
  if (op->toolpath == NULL)
    return;
  for (gsize i = 0; i < cam_toolpath_n_moves (op->toolpath); i++)
    {
      const CamMove *m = cam_toolpath_move (op->toolpath, i);
      char *why = cam_gen_move_breach (ctx, op, m);
      if (why == NULL)
        continue;
      if (op->n_breaches++ == 0)
        op->first_breach = g_strdup_printf ("move %zu at (%.4f, %.4f, %.4f): %s", i, m->x, m->y, m->z, why);
      g_free (why);
    }
  if (op->n_breaches > 0)
    cam_job_op_warn (op, "%u move%s break%s a limit, first %s", op->n_breaches, op->n_breaches == 1 ? "" : "s",
                     op->n_breaches == 1 ? "s" : "", op->first_breach);
}

static gboolean generate_op (const CamGenContext *ctx, CamJobOp *op, GError **error);

gboolean
cam_gen_generate (const CamGenContext *ctx, CamJobOp *op, GError **error)
{
  g_clear_pointer (&op->not_cut, g_free);
  if (!generate_op (ctx, op, error))
    return FALSE;
  count_breaches (ctx, op);
  return TRUE;
}

static gboolean
generate_op (const CamGenContext *ctx, CamJobOp *op, GError **error)
{
  if (op->tool >= ctx->job->tools->len)
    {
      g_set_error (error, CAM_ERROR, CAM_ERROR_INVALID, "%s: tool index %u is not in the job (%u tools)",
                   op->id, op->tool, ctx->job->tools->len);
      return FALSE;
    }
  g_clear_pointer (&op->toolpath, cam_toolpath_unref);
  g_ptr_array_set_size (op->warnings, 0);
  if (op->stepdown_reason && isfinite (op->stepdown_mm))
    cam_job_op_warn (op, "%s", op->stepdown_reason);
  switch (op->kind)
    {
    case CAM_JOB_OP_SPOT:
    case CAM_JOB_OP_DRILL:
    case CAM_JOB_OP_PECK:
      return cam_gen_drill_generate (ctx, op, error);
    case CAM_JOB_OP_POCKET:
      return cam_gen_pocket_generate (ctx, op, error);
    case CAM_JOB_OP_PROFILE:
      return cam_gen_profile_generate (ctx, op, error);
    case CAM_JOB_OP_FACE:
      return cam_gen_face_generate (ctx, op, error);
    case CAM_JOB_OP_HELIX:
      return cam_gen_helix_generate (ctx, op, error);
    default:
      g_set_error (error, CAM_ERROR, CAM_ERROR_INVALID, "%s: unknown operation kind %d", op->id, op->kind);
      return FALSE;
    }
}

gboolean
cam_job_generate (const CamGenContext *ctx, CamProgressFunc progress, gpointer progress_data, GError **error)
{
  CamJob *job = ctx->job;
  for (guint i = 0; i < job->ops->len; i++)
    {
      if (g_cancellable_set_error_if_cancelled (ctx->cancellable, error))
        return FALSE;
      CamJobOp *op = cam_job_op (job, i);
      if (progress)
        progress ((double) i / MAX (job->ops->len, 1), progress_data);
      if (!op->enabled)
        continue;
      if (!cam_gen_generate (ctx, op, error))
        return FALSE;
    }
  cam_job_join_toolpaths (job);
  if (progress)
    progress (1.0, progress_data);
  return TRUE;
}

char *
cam_gen_move_breach (const CamGenContext *ctx, const CamJobOp *op, const CamMove *m)
{
  if (m->type == CAM_MOVE_RAPID || m->type == CAM_MOVE_DWELL || (m->flags & CAM_MOVE_FLAG_AIR))
    return NULL;
  const CamJobTool *jt = cam_job_tool (ctx->job, op->tool);
  const CamTool *tool = jt->tool;
  CamEngagement eng;
  CamCutKind kind;
  if (!cam_tool_is_mill (tool))
    {
      /* a drilling move: its numbers are the engine's for its cycle (cam-gen-drill.c) */
      double allowed = (ctx->deflection_fraction > 0 ? ctx->deflection_fraction : 0.5) * ctx->job->tolerance_mm;
      double min_sf = ctx->min_safety_factor > 0 ? ctx->min_safety_factor : 2.0;
      if (isfinite (m->deflection_um) && m->deflection_um > allowed * 1000.0 * (1 + 1e-6))
        return g_strdup_printf ("deflection %.2f µm exceeds the allowed %.2f µm", m->deflection_um, allowed * 1000.0);
      if (isfinite (m->safety_factor) && m->safety_factor < min_sf * (1 - 1e-6))
        return g_strdup_printf ("breakage safety factor %.2f is below the minimum %.2f", m->safety_factor, min_sf);
      return NULL;
    }
  if (!(m->ae_mm >= 1e-4) || !(m->ap_mm > 0) || !(m->fz_mm > 0) || !(m->rpm > 0))
    return NULL; /* no cut */
  kind = m->ae_mm >= 0.95 * tool->d_mm ? CAM_CUT_SLOT : (m->flags & CAM_MOVE_FLAG_FINISH) ? CAM_CUT_FINISH : CAM_CUT_SIDE;
  engagement_defaults (ctx, &eng, kind);
  eng.ap_mm = MIN (m->ap_mm, tool->loc_mm);
  eng.ae_mm = MIN (m->ae_mm, tool->d_mm);
  eng.fz_mm = m->fz_mm;
  eng.rpm = m->rpm;
  CamCutResult r;
  g_autoptr (GError) err = NULL;
  if (!cam_cutting_evaluate (tool, ctx->material, ctx->machine, &eng, &r, &err))
    return g_strdup_printf ("not evaluable: %s", err->message);
  guint breach = r.warnings & CAM_CUT_WARN_BREACHES;
  if ((m->flags & CAM_MOVE_FLAG_SPRING) != 0)
    breach &= ~(guint) CAM_CUT_WARN_PLOUGHING; /* a spring pass rubs by design, and says so */
  if (breach == 0)
    return NULL;
  r.warnings = breach;
  g_autoptr (GPtrArray) words = cam_cut_result_warnings (&r, tool, ctx->material, ctx->machine);
  g_ptr_array_add (words, NULL);
  return g_strjoinv ("; ", (char **) words->pdata);
}
