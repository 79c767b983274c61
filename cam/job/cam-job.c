/* cam-job.c — see cam-job.h. */
#include "cam-job.h"

#include <math.h>
#include <stdarg.h>
#include <string.h>

static void
hole_clear (gpointer p)
{
  CamJobHole *h = p;
  g_free (h->feature_id);
}

void
cam_job_tool_free (CamJobTool *t)
{
  if (t == NULL)
    return;
  g_free (t->spec);
  cam_tool_free (t->tool);
  g_free (t);
}

char *
cam_job_tool_spec_string (const CamTool *t)
{
  GString *s = g_string_new (cam_tool_kind_to_string (t->kind));
  g_string_append_printf (s, ":d=%.4g,z=%d,loc=%.4g", t->d_mm, t->flutes, t->loc_mm);
  if (t->kind == CAM_TOOL_BULL)
    g_string_append_printf (s, ",r=%.4g", t->corner_r_mm);
  if (t->neck_d_mm < t->d_mm - 1e-9)
    g_string_append_printf (s, ",neck=%.4g,reach=%.4g", t->neck_d_mm, t->reach_mm);
  g_string_append_printf (s, ",stickout=%.4g,shank=%.4g,mat=%s,edge=%.3g", t->stickout_mm,
                          t->shank_d_mm, cam_tool_material_to_string (t->material), t->edge_radius_um);
  return g_string_free (s, FALSE);
}

static void
op_free (gpointer p)
{
  CamJobOp *op = p;
  g_free (op->id);
  g_free (op->feature_id);
  g_free (op->region_wkt);
  g_free (op->stepdown_reason);
  g_free (op->rest_from_wkt);
  g_clear_pointer (&op->holes, g_array_unref);
  g_clear_pointer (&op->pecks, g_array_unref);
  g_clear_pointer (&op->toolpath, cam_toolpath_unref);
  g_clear_pointer (&op->warnings, g_ptr_array_unref);
  g_free (op->not_cut);
  g_free (op->first_breach);
  g_free (op);
}

static void
unreachable_free (gpointer p)
{
  CamUnreachable *u = p;
  g_free (u->feature_id);
  g_free (u->reason);
  g_free (u->process);
  g_free (u);
}

CamJob *
cam_job_new (void)
{
  CamJob *job = g_new0 (CamJob, 1);
  job->ref_count = 1;
  job->tools = g_ptr_array_new_with_free_func ((GDestroyNotify) cam_job_tool_free);
  job->ops = g_ptr_array_new_with_free_func (op_free);
  job->unreachable = g_ptr_array_new_with_free_func (unreachable_free);
  job->clearance_mm = 2.0;
  job->retract_mm = 0.2;
  job->tolerance_mm = 0.01;
  job->finish_ra_um = 0.8;
  job->origin = CAM_ORIGIN_MODEL;
  return job;
}

CamJob *
cam_job_ref (CamJob *job)
{
  g_atomic_int_inc (&job->ref_count);
  return job;
}

void
cam_job_unref (CamJob *job)
{
  if (job == NULL || !g_atomic_int_dec_and_test (&job->ref_count))
    return;
  g_free (job->part_path);
  g_free (job->part_sha256);
  g_free (job->material_id);
  g_free (job->machine_id);
  g_ptr_array_unref (job->tools);
  g_ptr_array_unref (job->ops);
  g_ptr_array_unref (job->unreachable);
  g_clear_pointer (&job->toolpath, cam_toolpath_unref);
  g_free (job);
}

static CamJobOp *
op_copy (const CamJobOp *src)
{
  CamJobOp *op = g_new (CamJobOp, 1);
  *op = *src;  /* the scalars; every pointer is replaced below */
  op->id = g_strdup (src->id);
  op->feature_id = g_strdup (src->feature_id);
  op->region_wkt = g_strdup (src->region_wkt);
  op->stepdown_reason = g_strdup (src->stepdown_reason);
  op->rest_from_wkt = g_strdup (src->rest_from_wkt);
  op->holes = g_array_sized_new (FALSE, TRUE, sizeof (CamJobHole), src->holes->len);
  g_array_set_clear_func (op->holes, hole_clear);
  for (guint i = 0; i < src->holes->len; i++)
    cam_job_op_add_hole (op, &g_array_index (src->holes, CamJobHole, i));
  op->pecks = g_array_sized_new (FALSE, TRUE, sizeof (double), src->pecks->len);
  g_array_append_vals (op->pecks, src->pecks->data, src->pecks->len);
  op->toolpath = src->toolpath ? cam_toolpath_ref (src->toolpath) : NULL;
  op->warnings = g_ptr_array_new_full (src->warnings->len, g_free);
  for (guint i = 0; i < src->warnings->len; i++)
    g_ptr_array_add (op->warnings, g_strdup (g_ptr_array_index (src->warnings, i)));
  op->not_cut = g_strdup (src->not_cut);
  op->first_breach = g_strdup (src->first_breach);
  return op;
}

CamJob *
cam_job_copy (const CamJob *src)
{
  g_return_val_if_fail (src != NULL, NULL);
  CamJob *job = cam_job_new ();
  job->part_path = g_strdup (src->part_path);
  job->part_sha256 = g_strdup (src->part_sha256);
  job->material_id = g_strdup (src->material_id);
  job->machine_id = g_strdup (src->machine_id);
  memcpy (job->part_min, src->part_min, sizeof job->part_min);
  memcpy (job->part_max, src->part_max, sizeof job->part_max);
  memcpy (job->stock_min, src->stock_min, sizeof job->stock_min);
  memcpy (job->stock_max, src->stock_max, sizeof job->stock_max);
  job->origin = src->origin;
  memcpy (job->work_offset, src->work_offset, sizeof job->work_offset);
  job->clearance_mm = src->clearance_mm;
  job->retract_mm = src->retract_mm;
  job->tolerance_mm = src->tolerance_mm;
  job->finish_ra_um = src->finish_ra_um;
  for (guint i = 0; i < src->tools->len; i++)
    {
      const CamJobTool *s = g_ptr_array_index (src->tools, i);
      CamJobTool *t = g_new (CamJobTool, 1);
      *t = *s;
      t->spec = g_strdup (s->spec);
      t->tool = cam_tool_copy (s->tool);
      g_ptr_array_add (job->tools, t);
    }
  for (guint i = 0; i < src->ops->len; i++)
    g_ptr_array_add (job->ops, op_copy (g_ptr_array_index (src->ops, i)));
  for (guint i = 0; i < src->unreachable->len; i++)
    {
      const CamUnreachable *u = g_ptr_array_index (src->unreachable, i);
      cam_job_add_unreachable (job, u->feature_id, u->reason, u->x, u->y, u->area_mm2)->process = g_strdup (u->process);
    }
  job->toolpath = src->toolpath ? cam_toolpath_ref (src->toolpath) : NULL;
  return job;
}

void
cam_job_set_origin (CamJob *job, CamOrigin origin)
{
  job->origin = origin;
  job->work_offset[2] = job->stock_max[2];
  switch (origin)
    {
    case CAM_ORIGIN_CORNER:
      job->work_offset[0] = job->stock_min[0];
      job->work_offset[1] = job->stock_min[1];
      break;
    case CAM_ORIGIN_CENTER:
      job->work_offset[0] = 0.5 * (job->stock_min[0] + job->stock_max[0]);
      job->work_offset[1] = 0.5 * (job->stock_min[1] + job->stock_max[1]);
      break;
    case CAM_ORIGIN_MODEL:
    default:
      job->work_offset[0] = 0;
      job->work_offset[1] = 0;
      break;
    }
}

void
cam_job_set_stock (CamJob *job, const double min[3], const double max[3])
{
  memcpy (job->stock_min, min, sizeof job->stock_min);
  memcpy (job->stock_max, max, sizeof job->stock_max);
  cam_job_set_origin (job, job->origin);
}

void
cam_job_set_stock_from_part (CamJob *job, const double part_min[3], const double part_max[3],
                             double margin_mm)
{
  memcpy (job->part_min, part_min, sizeof job->part_min);
  memcpy (job->part_max, part_max, sizeof job->part_max);
  double lo[3] = { part_min[0] - margin_mm, part_min[1] - margin_mm, part_min[2] };
  double hi[3] = { part_max[0] + margin_mm, part_max[1] + margin_mm, part_max[2] + margin_mm };
  cam_job_set_stock (job, lo, hi);
}

static const char *origin_names[] = { "model", "corner", "center" };

const char *
cam_origin_to_string (CamOrigin origin)
{
  return (guint) origin < G_N_ELEMENTS (origin_names) ? origin_names[origin] : "model";
}

gboolean
cam_origin_from_string (const char *s, CamOrigin *out)
{
  for (guint i = 0; s && i < G_N_ELEMENTS (origin_names); i++)
    if (g_str_equal (s, origin_names[i]))
      {
        *out = (CamOrigin) i;
        return TRUE;
      }
  if (s && g_str_equal (s, "centre"))
    {
      *out = CAM_ORIGIN_CENTER;
      return TRUE;
    }
  return FALSE;
}

double
cam_job_stock_top_z (const CamJob *job)
{
  return job->stock_max[2] - job->work_offset[2];
}

double
cam_job_clearance_z (const CamJob *job)
{
  return cam_job_stock_top_z (job) + job->clearance_mm;
}

double
cam_job_retract_z (const CamJob *job)
{
  return cam_job_stock_top_z (job) + job->retract_mm;
}

void
cam_job_model_to_work (const CamJob *job, const double model[3], double work[3])
{
  for (int k = 0; k < 3; k++)
    work[k] = model[k] - job->work_offset[k];
}

/* Ramp/helix entry limit for micro end mills: makers advise 1–3° for tools under 1 mm
 * and up to 5° above (Harvey Tool, "Ramping to Success", In The Loupe, 2017; NS Tool
 * MSE230 catalogue cutting conditions: helical entry 1–2° for D ≤ 1 mm). */
static double
default_ramp_deg (const CamTool *t)
{
  return t->d_mm < 1.0 ? 2.0 : 3.0;
}

guint
cam_job_add_tool (CamJob *job, const char *spec, const CamTool *tool)
{
  for (guint i = 0; i < job->tools->len; i++)
    {
      CamJobTool *t = g_ptr_array_index (job->tools, i);
      if (g_strcmp0 (t->spec, spec) == 0)
        return i;
    }
  CamJobTool *t = g_new0 (CamJobTool, 1);
  t->number = job->tools->len + 1;
  t->spec = g_strdup (spec);
  t->tool = cam_tool_copy (tool);
  t->max_ramp_deg = default_ramp_deg (tool);
  t->coolant = CAM_COOLANT_MIST;
  g_ptr_array_add (job->tools, t);
  return job->tools->len - 1;
}

CamJobTool *
cam_job_tool (const CamJob *job, guint index)
{
  g_return_val_if_fail (index < job->tools->len, NULL);
  return g_ptr_array_index (job->tools, index);
}

CamJobOp *
cam_job_add_op (CamJob *job, CamJobOpKind kind, guint tool)
{
  CamJobOp *op = g_new0 (CamJobOp, 1);
  guint n = job->ops->len + 1;
  /* unique id even after deletions */
  for (;; n++)
    {
      g_autofree char *id = g_strdup_printf ("op%u", n);
      gboolean used = FALSE;
      for (guint i = 0; i < job->ops->len && !used; i++)
        used = g_str_equal (((CamJobOp *) g_ptr_array_index (job->ops, i))->id, id);
      if (!used)
        {
          op->id = g_steal_pointer (&id);
          break;
        }
    }
  op->kind = kind;
  op->tool = tool;
  op->enabled = TRUE;
  op->feed_mm_min = op->plunge_mm_min = op->rpm = NAN;
  op->stepdown_mm = op->stepover_mm = NAN;
  op->ramp_angle_deg = NAN;
  op->finish_walls = op->finish_floor = TRUE;
  op->climb = TRUE;
  op->entry = CAM_ENTRY_HELIX;
  op->side = CAM_SIDE_INSIDE;
  op->tab_width_mm = 0.5;
  op->tab_height_mm = 0.1;
  op->holes = g_array_new (FALSE, TRUE, sizeof (CamJobHole));
  g_array_set_clear_func (op->holes, hole_clear);
  op->pecks = g_array_new (FALSE, TRUE, sizeof (double));
  op->cycle = kind == CAM_JOB_OP_PECK ? CAM_CYCLE_PECK : CAM_CYCLE_DRILL;
  op->warnings = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (job->ops, op);
  return op;
}

CamJobOp *
cam_job_op (const CamJob *job, guint index)
{
  g_return_val_if_fail (index < job->ops->len, NULL);
  return g_ptr_array_index (job->ops, index);
}

void
cam_job_op_add_hole (CamJobOp *op, const CamJobHole *hole)
{
  CamJobHole h = *hole;
  h.feature_id = g_strdup (hole->feature_id);
  g_array_append_val (op->holes, h);
}

void
cam_job_op_warn (CamJobOp *op, const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  g_ptr_array_add (op->warnings, g_strdup_vprintf (fmt, ap));
  va_end (ap);
}

CamUnreachable *
cam_job_add_unreachable (CamJob *job, const char *feature_id, const char *reason,
                         double x, double y, double area_mm2)
{
  CamUnreachable *u = g_new0 (CamUnreachable, 1);
  u->feature_id = g_strdup (feature_id);
  u->reason = g_strdup (reason);
  u->x = x;
  u->y = y;
  u->area_mm2 = area_mm2;
  g_ptr_array_add (job->unreachable, u);
  return u;
}

static const char *op_names[] = { "spot", "drill", "peck", "pocket", "profile", "face", "helix" };

const char *
cam_job_op_kind_to_string (CamJobOpKind kind)
{
  return (guint) kind < G_N_ELEMENTS (op_names) ? op_names[kind] : "unknown";
}

gboolean
cam_job_op_kind_from_string (const char *s, CamJobOpKind *out)
{
  for (guint i = 0; s && i < G_N_ELEMENTS (op_names); i++)
    if (g_str_equal (s, op_names[i]))
      {
        *out = (CamJobOpKind) i;
        return TRUE;
      }
  return FALSE;
}

void
cam_job_join_toolpaths (CamJob *job)
{
  g_clear_pointer (&job->toolpath, cam_toolpath_unref);
  CamToolpath *all = cam_toolpath_new ();
  double clear = cam_job_clearance_z (job);
  all->start[0] = 0;
  all->start[1] = 0;
  all->start[2] = clear;
  for (guint i = 0; i < job->tools->len; i++)
    {
      const CamJobTool *t = g_ptr_array_index (job->tools, i);
      g_autofree char *label = cam_tool_describe (t->tool);
      cam_toolpath_add_tool (all, t->number, t->tool->d_mm, t->spec, label, t->coolant);
    }
  for (guint i = 0; i < job->ops->len; i++)
    {
      CamJobOp *op = g_ptr_array_index (job->ops, i);
      if (!op->enabled || op->toolpath == NULL || cam_toolpath_n_moves (op->toolpath) == 0)
        continue;
      /* Link: up to clearance from wherever the previous op ended, then over to the
       * next op's start at clearance (ops start with their own descent). */
      double here[3];
      float rpm = NAN;
      for (guint k = 0; k < op->toolpath->moves->len && isnan (rpm); k++)
        rpm = cam_toolpath_move (op->toolpath, k)->rpm;
      if (all->moves->len == 0)
        {
          /* The controller's position is unknown at program start: go to clearance first. */
          CamMove safe = cam_move_init (CAM_MOVE_RAPID, all->start[0], all->start[1], clear);
          safe.op_index = i;
          safe.tool_index = op->tool;
          safe.flags = CAM_MOVE_FLAG_LINK;
          safe.rpm = rpm;
          cam_toolpath_append (all, &safe);
        }
      cam_toolpath_end_point (all, here);
      if (here[2] < clear - 1e-9)
        {
          /* the lift ends the previous op (with its tool): the next op's comment and tool
           * change come after it in the program */
          const CamMove *last = cam_toolpath_move (all, all->moves->len - 1);
          CamMove up = cam_move_init (CAM_MOVE_RAPID, here[0], here[1], clear);
          up.op_index = last->op_index;
          up.tool_index = last->tool_index;
          up.flags = CAM_MOVE_FLAG_LINK;
          cam_toolpath_append (all, &up);
        }
      double s[3];
      /* Over to where the op's first move goes, at clearance: the op's own moves then
       * come down (rapids to the R plane, or its canned cycles). */
      const CamMove *first = cam_toolpath_move (op->toolpath, 0);
      s[0] = first->x, s[1] = first->y, s[2] = clear;
      if (fabs (s[0] - here[0]) > 1e-9 || fabs (s[1] - here[1]) > 1e-9 || fabs (s[2] - clear) > 1e-9)
        {
          CamMove over = cam_move_init (CAM_MOVE_RAPID, s[0], s[1], MAX (s[2], clear));
          over.op_index = i;
          over.tool_index = op->tool;
          over.flags = CAM_MOVE_FLAG_LINK;
          over.rpm = rpm;
          cam_toolpath_append (all, &over);
          if (s[2] < clear - 1e-9)
            {
              CamMove down = cam_move_init (CAM_MOVE_RAPID, s[0], s[1], s[2]);
              down.op_index = i;
              down.tool_index = op->tool;
              down.flags = CAM_MOVE_FLAG_LINK;
              down.rpm = rpm;
              cam_toolpath_append (all, &down);
            }
        }
      gsize before = all->moves->len;
      cam_toolpath_append_toolpath (all, op->toolpath, i);
      /* op toolpaths index job tools directly: keep the job's tool indices */
      for (gsize k = before; k < all->moves->len; k++)
        cam_toolpath_move (all, k)->tool_index = op->tool;
    }
  job->toolpath = all;
}
