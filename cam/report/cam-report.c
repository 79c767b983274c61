/* cam-report.c — see cam-report.h.
 *
 * The "why" of each operation's feeds comes from re-running the engine's limit solver
 * (cam_cutting_recommend) for the operation's tool and engagement: its binding limit, in words,
 * is the reason the feed is what it is. The per-move physics (deflection, safety, Ra) are the
 * ones the toolpath generator attached to every move, summarised over the operation.
 * Ploughing margin = largest uncut chip h_max / minimum chip thickness h_min (Malekian et al.,
 * "Modeling of minimum uncut chip thickness in micro machining of aluminum", J. Mater. Process.
 * Technol. 212 (2012); below 1 the edge rubs instead of cutting).
 *
 * The sheet's other parts live beside it: the words for the engine's identifiers
 * (cam-report-words.c), the set-up, tools and drilling sections (cam-report-setup.c), the numbered
 * features, their picture and the features not machined (cam-report-features.c, cam-report-svg.c). */
#include "cam-report.h"
#include "cam-analysis.h"
#include "cam-dfm-html.h"
#include "cam-cutting.h"
#include "cam-dfm-rules.h"
#include "cam-features.h"
#include "cam-error.h"
#include "cam-plan.h"
#include "cam-report-private.h"

#include <math.h>
#include <string.h>

static CamCutKind
engagement_op (CamJobOpKind kind)
{
  switch (kind)
    {
    case CAM_JOB_OP_SPOT:
    case CAM_JOB_OP_DRILL:
    case CAM_JOB_OP_PECK:
      return CAM_CUT_DRILL;
    case CAM_JOB_OP_POCKET:
      return CAM_CUT_POCKET;
    default:
      return CAM_CUT_SIDE;
    }
}

/* Green (0) → amber → red (at the allowed value and above). */
static void
ramp_colour (double t, char out[8])
{
  t = isfinite (t) ? CLAMP (t, 0.0, 1.0) : 0.0;
  int r = (int) (t < 0.5 ? 40 + 430 * t : 255);
  int g = (int) (t < 0.5 ? 170 : 170 - 300 * (t - 0.5));
  g_snprintf (out, 8, "#%02x%02x%02x", CLAMP (r, 0, 255), CLAMP (g, 0, 255), 40);
}

static void
svg_top_view (GString *s, const CamToolpath *tp, int op, double allowed_um, const double lo[2],
              const double hi[2])
{
  const double W = 360, H = 360, pad = 10;
  double span = MAX (MAX (hi[0] - lo[0], hi[1] - lo[1]), 1e-6);
  double k = (W - 2 * pad) / span;
#define SX(x) (pad + ((x) - lo[0]) * k)
#define SY(y) (H - pad - ((y) - lo[1]) * k)
  g_string_append_printf (s, "<svg xmlns='http://www.w3.org/2000/svg' width='%.0f' height='%.0f' "
                          "viewBox='0 0 %.0f %.0f'><rect width='100%%' height='100%%' fill='#f4f6f8' "
                          "stroke='#99a'/>", W, H, W, H);
  double a[3], next[3];
  memcpy (next, tp->start, sizeof next);
  for (gsize i = 0; i < tp->moves->len; i++)
    {
      const CamMove *m = cam_toolpath_move (tp, i);
      /* start of this move and of the next (cam_toolpath_move_start(), one step at a time) */
      memcpy (a, next, sizeof a);
      next[0] = m->x, next[1] = m->y;
      next[2] = m->type != CAM_MOVE_CYCLE ? m->z : m->retract == CAM_RETRACT_R_PLANE ? m->r_z : MAX (a[2], m->r_z);
      if (m->op_index != op || !cam_move_is_cut (m))
        continue;
      char col[8];
      ramp_colour (m->deflection_um / MAX (allowed_um, 1e-9), col);
      if (m->type == CAM_MOVE_CYCLE)
        {
          g_string_append_printf (s, "<circle cx='%.1f' cy='%.1f' r='2.5' fill='%s'/>", SX (m->x), SY (m->y), col);
          continue;
        }
      int steps = (m->type == CAM_MOVE_ARC_CW || m->type == CAM_MOVE_ARC_CCW) ? 8 : 1;
      g_string_append_printf (s, "<polyline fill='none' stroke='%s' stroke-width='1' points='%.1f,%.1f", col,
                              SX (a[0]), SY (a[1]));
      for (int j = 1; j <= steps; j++)
        {
          double p[3];
          cam_move_point_at (m, a, (double) j / steps, p);
          g_string_append_printf (s, " %.1f,%.1f", SX (p[0]), SY (p[1]));
        }
      g_string_append (s, "'/>");
    }
  g_string_append_printf (s, "<text x='%.0f' y='%.0f' font-size='10' fill='#445'>%.2f mm across</text></svg>",
                          pad, H - 2, span);
#undef SX
#undef SY
}

/* What the generator programmed, over one operation's cutting moves. */
typedef struct {
  double rpm, fmin, fmax;
} Programmed;

/* st: the operation's statistics (cam_toolpath_stats_by_op); prog: its programmed speeds. */
static void
op_section (GString *s, const CamJob *job, guint i, const CamMaterial *mat, const CamMachine *mach,
            const CamToolpathStats *stp, const Programmed *prog, const ReportFeatures *rf, const double lo[2],
            const double hi[2])
{
  const CamJobOp *op = cam_job_op (job, i);
  const CamJobTool *jt = cam_job_tool (job, op->tool);
  const CamToolpathStats st = *stp;
  double rpm = prog->rpm, fmin = prog->fmin, fmax = prog->fmax;
  gsize n_moves = st.n_moves;

  CamEngagement eng;
  cam_engagement_init (&eng, engagement_op (op->kind));
  if (job->tolerance_mm > 0)
    eng.tolerance_mm = job->tolerance_mm;
  if (eng.op == CAM_CUT_DRILL && op->holes && op->holes->len)
    {
      const CamJobHole *h = &g_array_index (op->holes, CamJobHole, 0);
      eng.depth_mm = op->kind == CAM_JOB_OP_SPOT ? MAX (op->spot_depth_mm, 0.01) : h->top_z - h->bottom_z;
    }
  if (eng.op != CAM_CUT_DRILL && isfinite (op->stepdown_mm) && op->stepdown_mm > 0)
    eng.ap_mm = op->stepdown_mm;
  if (eng.op != CAM_CUT_DRILL && isfinite (op->stepover_mm) && op->stepover_mm > 0)
    eng.ae_mm = op->stepover_mm;
  CamCutResult r;
  g_autoptr (GError) err = NULL;
  gboolean have_rec = mat && mach && cam_cutting_recommend (jt->tool, mat, mach, &eng, &r, &err);

  g_string_append_printf (s, "<section class='op'><h2>%s — %s</h2>", op->id, report_op_kind_words (op->kind));
  g_string_append (s, "<div class='row'><table>");
  g_autofree char *tool_words = cam_tool_describe (jt->tool);
  g_string_append_printf (s, "<tr><th>Tool</th><td>T%u ", jt->number);
  cam_html_append_escaped (s, tool_words);
  g_string_append (s, "<br><code>");
  cam_html_append_escaped (s, jt->spec);
  g_string_append_printf (s, "</code>; coolant: %s</td></tr>", report_coolant_words (jt->coolant));
  if (op->feature_id)
    {
      g_autofree char *numbers = report_feature_numbers (rf, op->feature_id);
      g_string_append (s, "<tr><th>Features</th><td>");
      if (*numbers)
        g_string_append_printf (s, "No. %s on the picture (", numbers);
      cam_html_append_escaped (s, op->feature_id);
      g_string_append (s, *numbers ? ")</td></tr>" : "</td></tr>");
    }
  if (have_rec)
    {
      if (eng.op == CAM_CUT_DRILL)
        g_string_append_printf (s, "<tr><th>Recommended</th><td>%.0f rpm (Vc %.1f m/min), f<sub>z</sub> %.4f mm, "
                                "%.1f mm/min</td></tr>", r.rpm, r.vc_m_min, r.fz_mm, r.feed_mm_min);
      else
        g_string_append_printf (s, "<tr><th>Recommended</th><td>%.0f rpm (Vc %.1f m/min), f<sub>z</sub> %.4f mm, "
                                "%.1f mm/min at the nominal a<sub>p</sub> %.3f × a<sub>e</sub> %.3f mm</td></tr>",
                                r.rpm, r.vc_m_min, r.fz_mm, r.feed_mm_min, r.ap_mm, r.ae_mm);
      g_string_append (s, "<tr><th>Why (binding limit)</th><td class='limit'>");
      report_append_limit (s, r.binding_limit);
      g_string_append (s, "</td></tr>");
      double margin = r.h_max_mm / MAX (r.h_min_mm, 1e-12);
      g_string_append_printf (s, "<tr><th>Ploughing margin</th><td>h<sub>max</sub> %.2f µm / h<sub>min</sub> %.2f µm = "
                              "%.2f×%s</td></tr>", r.h_max_mm * 1000, r.h_min_mm * 1000, margin,
                              margin < 1.0 ? " — below 1: the edge rubs" : "");
    }
  else
    {
      g_string_append (s, "<tr><th>Recommended</th><td>not available: ");
      cam_html_append_escaped (s, err ? err->message : "material or machine of the job not in the library");
      g_string_append (s, "</td></tr>");
    }
  if (isfinite (rpm))
    g_string_append_printf (s, "<tr><th>Programmed</th><td>%.0f rpm, feed %.1f–%.1f mm/min (the generator lowers "
                            "the feed where the real engagement rises: entry slots, corners)</td></tr>", rpm, fmin, fmax);
  double allowed = have_rec ? r.allowed_deflection_um : NAN;
  g_string_append_printf (s, "<tr><th>Largest tool deflection</th><td>%.2f µm", st.max_deflection_um);
  if (isfinite (allowed))
    g_string_append_printf (s, " (allowed %.2f µm)", allowed);
  g_string_append (s, "</td></tr>");
  if (isfinite (st.min_safety_factor))
    g_string_append_printf (s, "<tr><th>Smallest safety factor against breakage</th><td>%.2f (no unit: the "
                            "tool's strength over its stress)</td></tr>", st.min_safety_factor);
  if (st.max_ra_um > 0)
    g_string_append_printf (s, "<tr><th>Predicted Ra</th><td>%.3f µm (%s)</td></tr>", st.max_ra_um,
                            cam_finish_class_to_string (cam_finish_class_for_ra (st.max_ra_um)));
  g_string_append_printf (s, "<tr><th>Time</th><td>%.1f s; cutting %.2f mm, rapids %.2f mm, %" G_GSIZE_FORMAT
                          " moves</td></tr>", st.cycle_time_s, st.cut_length_mm, st.rapid_length_mm, n_moves);
  for (guint w = 0; op->warnings && w < op->warnings->len; w++)
    {
      g_string_append (s, "<tr><th>Warning</th><td class='warn'>");
      cam_html_append_escaped (s, g_ptr_array_index (op->warnings, w));
      g_string_append (s, "</td></tr>");
    }
  g_string_append (s, "</table><figure>");
  svg_top_view (s, job->toolpath, (int) i, isfinite (allowed) ? allowed : MAX (st.max_deflection_um, 1e-6), lo, hi);
  g_string_append (s, "<figcaption>Top view, coloured by tool deflection: green 0 → red at the allowed value"
                      "</figcaption></figure></div></section>\n");
}

CamReportPart *
cam_report_part_new (const CamJob *job, const CamLibrary *lib, CamMesh *mesh, GCancellable *cancellable)
{
  CamReportPart *part = g_new0 (CamReportPart, 1);
  g_autoptr (GError) error = NULL;
  if (mesh)
    part->mesh = cam_mesh_ref (mesh);
  else if (job->part_path == NULL)
    {
      part->problem = g_strdup ("the job names no part file");
      return part;
    }
  else if (!g_file_test (job->part_path, G_FILE_TEST_EXISTS))
    {
      part->problem = g_strdup_printf ("the part file %s is missing", job->part_path);
      return part;
    }
  else if ((part->mesh = cam_mesh_load_file (job->part_path, NULL, NULL, cancellable, &error)) == NULL)
    {
      /* the reader's message names the file */
      part->problem = g_strdup_printf ("the part could not be read: %s", error->message);
      return part;
    }
  if (job->material_id == NULL)
    {
      part->problem = g_strdup ("the job names no material, so the part was not reviewed");
      return part;
    }
  g_autoptr (CamDfmRules) rules = cam_dfm_rules_new_default (&error);
  /* the one analysis entry point, as `microcam-cli dfm` and the app's DFM page */
  CamAnalysisOptions aopts = { job->material_id, job->machine_id, 0, 0 };
  if (rules)
    part->analysis = cam_analysis_run (part->mesh, lib, rules, &aopts, cancellable, &error);
  if (part->analysis == NULL)
    {
      const char *name = job->part_path ? job->part_path : part->mesh->source_path;
      part->problem = g_strdup_printf ("the part %s could not be reviewed: %s", name ? name : "",
                                       error ? error->message : "no reason given");
    }
  return part;
}

void
cam_report_part_free (CamReportPart *part)
{
  if (part == NULL)
    return;
  g_clear_pointer (&part->mesh, cam_mesh_unref);
  g_clear_pointer (&part->analysis, cam_analysis_unref);
  g_free (part->problem);
  g_free (part);
}

char *
cam_report_build_html (const CamJob *job, const CamLibrary *lib, const CamReportPart *part, const char *job_name)
{
  const CamDfmReport *dfm = part && part->analysis ? part->analysis->dfm : NULL;
  ReportFeatures *rf = report_features_new (job, part && part->analysis ? part->analysis->features : NULL);
  const CamMaterial *mat = job->material_id ? cam_library_find_material (lib, job->material_id) : NULL;
  const CamMachine *mach = job->machine_id ? cam_library_find_machine (lib, job->machine_id) : NULL;
  CamKinematics kin;
  if (mach)
    cam_machine_kinematics (mach, &kin);
  GString *s = g_string_new ("<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'><title>Process sheet — ");
  cam_html_append_escaped (s, job_name);
  g_string_append (s, "</title><style>body{font:14px/1.4 sans-serif;margin:2em;color:#223}"
                      "h1{font-size:22px}h2{font-size:17px;border-bottom:1px solid #ccd;margin-top:1.6em}"
                      "table{border-collapse:collapse}th{text-align:left;padding:2px 12px 2px 0;color:#556;"
                      "vertical-align:top;white-space:nowrap}td{padding:2px 0}.row{display:flex;gap:2em;"
                      "flex-wrap:wrap}.limit b{color:#a40}.warn{color:#a60}.error{color:#b00}.note{color:#357}"
                      "figure{margin:0}figcaption{font-size:12px;color:#667;max-width:640px}#features td,#unreachable td,"
                      "#tools td,#drilling td{padding:2px 12px 2px 0;vertical-align:top}code{color:#667}"
                      "</style></head><body>\n");
  g_string_append (s, "<h1>Process sheet: ");
  cam_html_append_escaped (s, job->part_path ? job->part_path : job_name);
  g_string_append (s, "</h1><table>");
  g_string_append (s, "<tr><th>Job</th><td>");
  cam_html_append_escaped (s, job_name);
  g_string_append (s, "</td></tr><tr><th>Material</th><td>");
  cam_html_append_escaped (s, mat ? mat->name : job->material_id);
  g_string_append (s, "</td></tr><tr><th>Machine</th><td>");
  cam_html_append_escaped (s, mach ? mach->name : job->machine_id);
  g_string_append (s, "</td></tr>");
  /* every operation's lengths and times, and the whole job's, in one pass over the program */
  guint n_ops = job->ops->len;
  g_autofree CamToolpathStats *per_op = g_new0 (CamToolpathStats, MAX (n_ops, 1));
  CamToolpathStats all;
  if (job->toolpath)
    cam_toolpath_stats_by_op (job->toolpath, mach ? &kin : NULL, n_ops, per_op, &all);
  if (job->toolpath)
    {
      g_string_append_printf (s, "<tr><th>Cycle time</th><td>%.1f min (%.0f s), %u tool changes</td></tr>"
                              "<tr><th>Cut / rapid length</th><td>%.1f mm / %.1f mm</td></tr>",
                              all.cycle_time_s / 60, all.cycle_time_s, all.tool_changes,
                              all.cut_length_mm, all.rapid_length_mm);
      if (isfinite (all.min_safety_factor))
        g_string_append_printf (s, "<tr><th>Smallest safety factor against breakage</th><td>%.2f</td></tr>",
                                all.min_safety_factor);
      g_string_append_printf (s, "<tr><th>Largest tool deflection</th><td>%.2f µm</td></tr>", all.max_deflection_um);
    }
  if (job->unreachable->len)
    g_string_append_printf (s, "<tr><th>Not machined</th><td class='error'>%u (see Not machined)</td></tr>",
                            job->unreachable->len);
  g_string_append (s, "</table>\n");

  report_append_setup (s, job);
  report_append_tools (s, job, mat);
  report_append_drilling (s, job);
  report_append_features (s, job, part, rf);
  report_append_unreachable (s, job, rf);

  if (job->toolpath)
    {
      double mn[3], mx[3];
      cam_toolpath_bounds (job->toolpath, mn, mx);
      double lo[2] = { mn[0], mn[1] }, hi[2] = { mx[0], mx[1] };
      g_autofree Programmed *prog = g_new (Programmed, MAX (n_ops, 1));
      for (guint i = 0; i < n_ops; i++)
        prog[i] = (Programmed) { NAN, INFINITY, 0 };
      for (gsize m = 0; m < job->toolpath->moves->len; m++)
        {
          const CamMove *mv = cam_toolpath_move (job->toolpath, m);
          if (mv->op_index >= n_ops || !cam_move_is_cut (mv) || !isfinite (mv->feed_mm_min))
            continue;
          Programmed *pg = &prog[mv->op_index];
          pg->rpm = mv->rpm;
          pg->fmin = MIN (pg->fmin, mv->feed_mm_min);
          pg->fmax = MAX (pg->fmax, mv->feed_mm_min);
        }
      for (guint i = 0; i < n_ops; i++)
        op_section (s, job, i, mat, mach, &per_op[i], &prog[i], rf, lo, hi);
    }
  else
    g_string_append (s, "<p class='warn'>The job has no toolpath: generate it first.</p>");

  g_string_append (s, "<h2>Design for manufacture</h2>");
  if (dfm == NULL)
    {
      g_string_append (s, "<p class='warn'>No review of the part: ");
      cam_html_append_escaped (s, part && part->problem ? part->problem : "the part was not read");
      g_string_append (s, ".</p>");
    }
  else if (dfm->findings->len == 0)
    g_string_append (s, "<p>No findings.</p>");
  else
    {
      g_string_append (s, "<table id='dfm'><tr><th>Severity</th><th>Feature</th><th>Finding and fix</th>"
                          "<th>Other process</th></tr>");
      for (guint i = 0; i < dfm->findings->len; i++)
        {
          const CamDfmFinding *f = g_ptr_array_index (dfm->findings, i);
          const char *sev = cam_dfm_severity_to_string (f->severity);
          /* the rule's id stays in the page for tracing, out of the text people read */
          g_string_append (s, "<tr data-rule='");
          cam_html_append_escaped (s, f->rule);
          g_string_append_printf (s, "'><td class='%s'>%s</td><td>", sev, sev);
          const ReportFeature *rfe = f->feature ? g_hash_table_lookup (rf->by_id, f->feature) : NULL;
          if (rfe)
            g_string_append_printf (s, "No. %u ", rfe->number);
          cam_html_append_escaped (s, f->feature);
          g_string_append (s, "</td><td>");
          cam_html_append_escaped (s, f->message);
          g_string_append (s, "</td><td>");
          cam_html_append_escaped (s, report_process_words (f->process));
          g_string_append (s, "</td></tr>");
        }
      g_string_append (s, "</table>");
    }
  g_string_append (s, "<p style='color:#889;font-size:12px'>microcam " MICROCAM_VERSION
                      ": predictions from the cited models in the material, tool and machine libraries; "
                      "verify critical features by trial cut.</p></body></html>\n");
  report_features_free (rf);
  return g_string_free (s, FALSE);
}

gboolean
cam_report_write_html (const CamJob *job, const CamLibrary *lib, const CamReportPart *part, const char *job_name,
                       const char *path, GError **error)
{
  g_autofree char *html = cam_report_build_html (job, lib, part, job_name);
  g_autoptr (GError) local = NULL;
  if (!g_file_set_contents (path, html, -1, &local))
    {
      g_set_error (error, CAM_ERROR, CAM_ERROR_IO, "cannot write the report %s: %s", path, local->message);
      return FALSE;
    }
  return TRUE;
}
