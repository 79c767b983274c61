/* cam-report-setup.c — the sections of the process sheet a machinist sets the job up from: work
 * zero (in words and numbers: work = model − work_offset, Z0 on the stock top, cam-job.h), the
 * stock and where the part sits in it, the heights, the tools with their coolant, and every
 * drilling cycle with its pecks as the post writes them (the Q, R and Z words of the operation's
 * canned-cycle moves, cam-gen-drill.c). */
#include "cam-report-private.h"
#include "cam-dfm-html.h"

#include <math.h>
#include <string.h>

/* "2.000 mm right of the stock's left side" for a signed offset d along an axis. */
static void
append_side (GString *s, double d, const char *plus, const char *minus, const char *side)
{
  report_append_mm (s, fabs (d));
  g_string_append_printf (s, " %s %s", d >= -5e-4 ? plus : minus, side);
}

void
report_append_setup (GString *s, const CamJob *job)
{
  const double *wz = job->work_offset, *lo = job->stock_min, *hi = job->stock_max;
  g_string_append (s, "<h2>Set-up</h2><table class='setup'>");

  g_string_append (s, "<tr id='work-zero'><th>Work zero</th><td>");
  cam_html_append_escaped (s, report_origin_words (job->origin));
  g_string_append (s, ".<br>On the stock: X0 is ");
  append_side (s, wz[0] - lo[0], "right of", "left of", "the stock's left side");
  g_string_append (s, ", Y0 is ");
  append_side (s, wz[1] - lo[1], "behind", "in front of", "the stock's front side");
  g_string_append (s, ", Z0 is ");
  if (fabs (wz[2] - hi[2]) < 5e-4)
    g_string_append (s, "on the stock top");
  else
    append_side (s, wz[2] - hi[2], "above", "below", "the stock top");
  g_string_append (s, ".<br>In the model's coordinates work zero is at X ");
  report_append_mm (s, wz[0]);
  g_string_append (s, ", Y ");
  report_append_mm (s, wz[1]);
  g_string_append (s, ", Z ");
  report_append_mm (s, wz[2]);
  g_string_append (s, " (program coordinates = model coordinates − these).</td></tr>");

  g_string_append (s, "<tr id='stock'><th>Stock</th><td>");
  g_string_append_printf (s, "<b>%.3f × %.3f × %.3f mm</b> (X × Y × Z)", hi[0] - lo[0], hi[1] - lo[1], hi[2] - lo[2]);
  g_string_append (s, "; in program coordinates from X ");
  report_append_mm (s, lo[0] - wz[0]);
  g_string_append (s, " to ");
  report_append_mm (s, hi[0] - wz[0]);
  g_string_append (s, ", Y ");
  report_append_mm (s, lo[1] - wz[1]);
  g_string_append (s, " to ");
  report_append_mm (s, hi[1] - wz[1]);
  g_string_append (s, ", Z ");
  report_append_mm (s, lo[2] - wz[2]);
  g_string_append (s, " (stock bottom) to ");
  report_append_mm (s, hi[2] - wz[2]);
  g_string_append (s, " (stock top)</td></tr>");

  const double *pl = job->part_min, *ph = job->part_max;
  g_string_append (s, "<tr id='part-in-stock'><th>Part in the stock</th><td>");
  g_string_append_printf (s, "part %.3f × %.3f × %.3f mm; stock around it: ", ph[0] - pl[0], ph[1] - pl[1],
                          ph[2] - pl[2]);
  report_append_mm (s, pl[0] - lo[0]);
  g_string_append (s, " at the left, ");
  report_append_mm (s, hi[0] - ph[0]);
  g_string_append (s, " at the right, ");
  report_append_mm (s, pl[1] - lo[1]);
  g_string_append (s, " at the front, ");
  report_append_mm (s, hi[1] - ph[1]);
  g_string_append (s, " at the back, ");
  report_append_mm (s, hi[2] - ph[2]);
  g_string_append (s, " on top</td></tr>");

  g_string_append (s, "<tr id='heights'><th>Heights</th><td>clearance height Z ");
  report_append_mm (s, cam_job_clearance_z (job));
  g_string_append (s, " (");
  report_append_mm (s, job->clearance_mm);
  g_string_append (s, " above the stock top: rapids between operations); retract plane (R) Z ");
  report_append_mm (s, cam_job_retract_z (job));
  g_string_append (s, " (");
  report_append_mm (s, job->retract_mm);
  g_string_append (s, " above the stock top: short hops, and R of the drilling cycles)</td></tr>");
  if (job->tolerance_mm > 0)
    g_string_append_printf (s, "<tr><th>Tolerance</th><td>±%.4f mm</td></tr>", job->tolerance_mm);
  if (job->finish_ra_um > 0)
    g_string_append_printf (s, "<tr><th>Surface finish asked</th><td>Ra %.2f µm</td></tr>", job->finish_ra_um);
  g_string_append (s, "</table>\n");
}

void
report_append_tools (GString *s, const CamJob *job, const CamMaterial *mat)
{
  g_string_append (s, "<h2>Tools</h2><table id='tools'><tr><th>Tool</th><th>What</th><th>Coolant</th>"
                      "<th>Operations</th></tr>");
  for (guint t = 0; t < job->tools->len; t++)
    {
      const CamJobTool *jt = cam_job_tool (job, t);
      g_autofree char *words = cam_tool_describe (jt->tool);
      g_string_append_printf (s, "<tr class='tool'><td>T%u</td><td>", jt->number);
      cam_html_append_escaped (s, words);
      g_string_append (s, " <code>");
      cam_html_append_escaped (s, jt->spec);
      g_string_append_printf (s, "</code></td><td class='coolant'>%s</td><td>", report_coolant_words (jt->coolant));
      gboolean first = TRUE;
      for (guint i = 0; i < job->ops->len; i++)
        if (cam_job_op (job, i)->tool == t)
          {
            g_string_append_printf (s, "%s%s", first ? "" : ", ", cam_job_op (job, i)->id);
            first = FALSE;
          }
      g_string_append (s, first ? "none</td></tr>" : "</td></tr>");
    }
  g_string_append (s, "</table>");
  if (mat && mat->coolant && *mat->coolant)
    {
      g_string_append (s, "<p class='note'>Coolant for ");
      cam_html_append_escaped (s, mat->name);
      g_string_append (s, ": ");
      cam_html_append_escaped (s, mat->coolant);
      g_string_append (s, "</p>");
    }
  g_string_append (s, "\n");
}

/* What the operation's moves program: the cycle, its Q (smallest and largest), R and depth. */
typedef struct {
  guint n_cycles, n_plunges;
  CamCycle cycle;
  double q_min, q_max, r_z, z_min, z_max, dwell_s;
} Drilled;

static void
drilled_scan (const CamJob *job, guint op, Drilled *d)
{
  *d = (Drilled) { 0, 0, CAM_CYCLE_NONE, INFINITY, 0, NAN, INFINITY, -INFINITY, 0 };
  const CamToolpath *tp = job->toolpath ? job->toolpath : cam_job_op (job, op)->toolpath;
  if (tp == NULL)
    return;
  for (gsize i = 0; i < tp->moves->len; i++)
    {
      const CamMove *m = cam_toolpath_move (tp, i);
      if ((tp == job->toolpath && m->op_index != op) || !cam_move_is_cut (m))
        continue;
      if (m->type == CAM_MOVE_CYCLE)
        {
          d->n_cycles++;
          d->cycle = m->cycle;
          d->r_z = m->r_z;
          d->dwell_s = m->dwell_s;
          if (m->cycle == CAM_CYCLE_PECK || m->cycle == CAM_CYCLE_CHIPBREAK)
            d->q_min = MIN (d->q_min, m->q_mm), d->q_max = MAX (d->q_max, m->q_mm);
        }
      else
        d->n_plunges++;
      d->z_min = MIN (d->z_min, m->z), d->z_max = MAX (d->z_max, m->z);
    }
}

void
report_append_drilling (GString *s, const CamJob *job)
{
  gboolean any = FALSE;
  for (guint i = 0; i < job->ops->len; i++)
    {
      const CamJobOp *op = cam_job_op (job, i);
      if (op->kind != CAM_JOB_OP_SPOT && op->kind != CAM_JOB_OP_DRILL && op->kind != CAM_JOB_OP_PECK)
        continue;
      if (!any)
        g_string_append (s, "<h2>Drilling</h2><table id='drilling'><tr><th>Operation</th><th>Tool</th>"
                            "<th>Cycle</th><th>Peck (Q)</th><th>R plane</th><th>Hole bottom</th><th>Holes</th></tr>");
      any = TRUE;
      Drilled d;
      drilled_scan (job, i, &d);
      g_string_append_printf (s, "<tr class='drill-op' id='drill-%s'><td>%s %s</td><td>T%u</td><td>", op->id, op->id,
                              report_op_kind_words (op->kind), cam_job_tool (job, op->tool)->number);
      if (d.n_cycles > 0)
        {
          cam_html_append_escaped (s, report_cycle_words (d.cycle));
          if (d.cycle == CAM_CYCLE_DRILL_DWELL)
            g_string_append_printf (s, " of %.2f s", d.dwell_s);
        }
      else if (d.n_plunges > 0)
        g_string_append (s, "pecks written as single moves (no canned cycle), each as deep as the schedule "
                            "allows at its depth");
      else
        g_string_append (s, "not generated yet");
      g_string_append (s, "</td><td class='q'>");
      if (d.n_cycles > 0 && isfinite (d.q_min))
        {
          g_string_append_printf (s, "Q %.4f mm", d.q_min);
          if (d.q_max > d.q_min + 5e-5)
            g_string_append_printf (s, " to %.4f mm", d.q_max);
          if (isfinite (d.r_z) && d.q_min > 0)
            g_string_append_printf (s, ", %.0f pecks a hole", ceil ((d.r_z - d.z_min) / d.q_min - 1e-9));
          /* a shrinking schedule cannot be one Q: the cycle takes its smallest (cam-gen-drill.c) */
          if (op->pecks->len > 1 && !op->explicit_pecks)
            {
              double first = g_array_index (op->pecks, double, 0);
              if (first > d.q_min + 5e-5)
                g_string_append_printf (s, " (the engine's schedule starts at %.4f mm and shrinks; the cycle uses "
                                        "its smallest peck)", first);
            }
        }
      else if (d.n_plunges > 0 && op->pecks->len > 0)
        {
          g_string_append (s, "pecks of ");
          guint n = op->pecks->len;
          for (guint k = 0; k < MIN (n, 6u); k++)
            g_string_append_printf (s, "%s%.4f", k ? ", " : "", g_array_index (op->pecks, double, k));
          if (n > 6)
            g_string_append_printf (s, " … %.4f", g_array_index (op->pecks, double, n - 1));
          g_string_append_printf (s, " mm (%u pecks a hole, the first from the hole's top)", n);
        }
      else
        g_string_append (s, "none: one feed to depth");
      g_string_append (s, "</td><td>");
      if (d.n_cycles > 0 && isfinite (d.r_z))
        {
          g_string_append (s, "Z ");
          report_append_mm (s, d.r_z);
        }
      else
        {
          g_string_append (s, "Z ");
          report_append_mm (s, cam_job_retract_z (job));
        }
      g_string_append (s, "</td><td>");
      if (isfinite (d.z_min))
        {
          g_string_append (s, "Z ");
          report_append_mm (s, d.z_min);
          if (d.z_max > d.z_min + 5e-4 && d.n_cycles > 0)
            {
              g_string_append (s, " to Z ");
              report_append_mm (s, d.z_max);
            }
        }
      g_string_append_printf (s, "</td><td>%u</td></tr>", op->holes ? op->holes->len : 0);
    }
  if (any)
    g_string_append (s, "</table>\n");
}
