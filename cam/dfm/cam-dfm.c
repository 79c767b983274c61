/* cam-dfm.c — design-for-manufacture rules on recognised features.
 *
 * Method: every rule is a comparison of a measured dimension with a limit that comes
 * from data — the tool library (smallest drill, end mills and their reach), the
 * material library (drilling depth limit, conductivity, hardness), the cutting engine
 * (peck schedule, process choice, tool deflection of a long-reach tool) and
 * resources/dfm/rules.json (micro-feature size, corner margin, wall limits, finish
 * classes, material notes), each with its source in that file. Rules:
 *
 *   micro-feature        note     hole Ø / slot or pocket width / boss below the micro size
 *   hole-below-drill     warning  Ø below the smallest drill → micro-EDM / ultrasonic / laser
 *   hole-too-deep        warning  depth/Ø beyond the material's drilling limit → micro-EDM …
 *   hole-hard-material   warning  small hole in a material too hard for micro drills
 *   hole-peck            note     the engine's peck schedule needs more than one peck → peck-drill
 *   hole-drill-size      note     no drill of that size in the library (cam_library_find_drill, the
 *                                 planner's query and window): helical milling (cam_library_find_helix_mill);
 *                        error    …nor an end mill to mill it: order a drill, or the other process
 *   hole-drill-length    warning  no drill of that size has the flute length the hole needs: its depth,
 *                        error    …and no end mill mills it helically: no tool cuts it → the process
 *                                 through holes + point + breakthrough (cam_drill_flute_needed, as
 *                                 the planner picks drills)
 *   hole-flat-bottom     note     blind hole drawn flat: a drill leaves a cone
 *   corner-radius        error    inside corner below the smallest end mill reaching that depth
 *   corner-tight         note     corner radius within the margin of the tool radius
 *   pocket-too-narrow    error    no end mill fits the width
 *   deep-pocket          warning  no fitting tool reaches the floor → long-reach tool (deflection)
 *   pocket-aspect        warning  depth/width above the milling limit
 *   thin-wall            warning  wall below the material's minimum
 *   wall-too-tall        warning  wall height/thickness above the material's ratio
 *   undercut             error    not reachable from +Z → second setup
 *   tolerance-deflection warning  finishing tool's deflection above the allowed share of the tolerance
 *   tolerance-trial-cut  note     tolerance tight enough to need trial cuts
 *   finish-fine / finish-polish  note  finish target and its cost impact
 *   spindle-speed        note     the part's smallest tool wants more rpm than the machine has
 *   material-*           from rules.json material_notes
 *
 * References: see resources/dfm/rules.json (every threshold's source) and cam-drill.c /
 * cam-deflection.c for the engine's models. */
#include "cam-dfm.h"
#include "cam-wall.h"

#include <math.h>
#include <stdarg.h>
#include <string.h>

#include "cam-cutting.h"
#include "cam-drill.h"
#include "cam-error.h"

const char *
cam_dfm_severity_to_string (CamDfmSeverity s)
{
  switch (s)
    {
    case CAM_DFM_ERROR: return "error";
    case CAM_DFM_WARNING: return "warning";
    case CAM_DFM_NOTE:
    default: return "note";
    }
}

static void
value_clear (gpointer p)
{
  g_free (((CamDfmValue *) p)->name);
}

static void
finding_free (gpointer p)
{
  CamDfmFinding *f = p;
  g_free (f->rule);
  g_free (f->feature);
  g_free (f->message);
  g_free (f->process);
  g_free (f->pattern);
  g_array_unref (f->values);
  g_free (f);
}

static void
critical_free (gpointer p)
{
  CamDfmCritical *c = p;
  g_free (c->what);
  g_free (c->feature);
  g_free (c->process);
  g_free (c->message);
  g_free (c);
}

CamDfmReport *
cam_dfm_report_ref (CamDfmReport *r)
{
  g_atomic_int_inc (&r->ref_count);
  return r;
}

void
cam_dfm_report_free (CamDfmReport *r)
{
  if (r == NULL || !g_atomic_int_dec_and_test (&r->ref_count))
    return;
  g_ptr_array_unref (r->findings);
  g_ptr_array_unref (r->critical);
  g_hash_table_unref (r->hole_tools);
  g_free (r->material_id);
  g_free (r->machine_id);
  g_free (r);
}

double
cam_dfm_finding_value (const CamDfmFinding *f, const char *name)
{
  for (guint i = 0; i < f->values->len; i++)
    if (g_strcmp0 (g_array_index (f->values, CamDfmValue, i).name, name) == 0)
      return g_array_index (f->values, CamDfmValue, i).value;
  return NAN;
}

guint
cam_dfm_report_count (const CamDfmReport *r, const char *rule, const char *feature)
{
  guint n = 0;
  for (guint i = 0; i < r->findings->len; i++)
    {
      const CamDfmFinding *f = g_ptr_array_index (r->findings, i);
      n += g_strcmp0 (f->rule, rule) == 0 && (feature == NULL || g_strcmp0 (f->feature, feature) == 0);
    }
  return n;
}

typedef struct {
  const CamFeatureSet *set;
  const CamDfmRules *rules;
  const CamLibrary *lib;
  const CamDfmOptions *opts;
  const CamMaterial *mat;
  const CamMachine *machine;
  CamDfmReport *report;
  GHashTable *process;      /* feature id → process it needs (for the summary) */
  gboolean part_level;      /* findings about the whole part do not set a feature's process */
  GHashTable *walls_seen;   /* "rule thickness height" → CamDfmFinding* (walls alike judged once) */
  GHashTable *mills_at;     /* depth → GPtrArray of cam_dfm_pocket_mills (asked once per depth) */
} Review;

G_GNUC_PRINTF (6, 7)
static CamDfmFinding *
add (Review *rv, CamDfmSeverity sev, const char *rule, const CamFeature *f, const char *process,
     const char *fmt, ...)
{
  CamDfmFinding *x = g_new0 (CamDfmFinding, 1);
  x->severity = sev;
  x->rule = g_strdup (rule);
  x->feature = g_strdup (f->id);
  x->process = g_strdup (process);
  x->pattern = g_strdup (f->pattern);
  memcpy (x->at, f->center, sizeof x->at);
  x->values = g_array_new (FALSE, FALSE, sizeof (CamDfmValue));
  g_array_set_clear_func (x->values, value_clear);
  va_list ap;
  va_start (ap, fmt);
  x->message = g_strdup_vprintf (fmt, ap);
  va_end (ap);
  g_ptr_array_add (rv->report->findings, x);
  if (process != NULL && !rv->part_level)
    g_hash_table_replace (rv->process, g_strdup (f->id), g_strdup (process));
  return x;
}

static void
val (CamDfmFinding *x, const char *name, double v)
{
  CamDfmValue cv = { g_strdup (name), v };
  g_array_append_val (x->values, cv);
}

/* ---- tool library queries ---- */

static gboolean
is_end_mill (const CamTool *t)
{
  return t->kind == CAM_TOOL_FLAT || t->kind == CAM_TOOL_BALL || t->kind == CAM_TOOL_BULL;
}

static const CamTool *
smallest_drill (const CamLibrary *lib)
{
  const CamTool *best = NULL;
  for (guint i = 0; i < cam_library_n_tools (lib); i++)
    {
      const CamTool *t = cam_library_get_tool (lib, i);
      if (t->kind == CAM_TOOL_DRILL && (best == NULL || t->d_mm < best->d_mm))
        best = t;
    }
  return best;
}

/* The smallest end mill that machines a floor depth deep within the limits at the tolerance —
 * the planner's query (cam_dfm_pocket_mills) — NULL when none does. */
/* cam_dfm_pocket_mills for this review, kept per depth: a part of a thousand pockets has a few
 * depths, and each query runs the cutting engine's stepdown search for every end mill. */
static GPtrArray *
pocket_mills (const Review *rv, double depth)
{
  GPtrArray *mills = g_hash_table_lookup (rv->mills_at, &depth);
  if (mills == NULL)
    {
      mills = cam_dfm_pocket_mills (rv->lib, rv->mat, rv->machine, rv->opts->tolerance_mm, 0, depth);
      g_hash_table_insert (rv->mills_at, g_memdup2 (&depth, sizeof depth), mills);
    }
  return mills;
}

static const CamTool *
smallest_mill_reaching (const Review *rv, double depth)
{
  GPtrArray *mills = pocket_mills (rv, depth);
  return mills->len ? g_ptr_array_index (mills, mills->len - 1) : NULL;
}

/* Largest end mill of diameter ≤ max_d (and radius ≤ max_r when finite); with need_reach, only
 * those the planner would take for that depth (cam_dfm_pocket_mills); else of all end mills the one
 * reaching deepest. */
static const CamTool *
largest_mill_fitting (const Review *rv, double max_d, double max_r, double depth, gboolean need_reach)
{
  const CamLibrary *lib = rv->lib;
  const CamTool *best = NULL;
  if (need_reach)
    {
      GPtrArray *mills = pocket_mills (rv, depth);
      for (guint i = 0; i < mills->len && best == NULL; i++)
        {
          const CamTool *t = g_ptr_array_index (mills, i);
          if (t->d_mm <= max_d + 1e-9 && !(isfinite (max_r) && 0.5 * t->d_mm > max_r + 1e-9))
            best = t;
        }
      return best;
    }
  for (guint i = 0; i < cam_library_n_tools (lib); i++)
    {
      const CamTool *t = cam_library_get_tool (lib, i);
      if (!is_end_mill (t) || t->d_mm > max_d + 1e-9 || (isfinite (max_r) && 0.5 * t->d_mm > max_r + 1e-9))
        continue;
      if (best == NULL || t->reach_mm > best->reach_mm || (t->reach_mm == best->reach_mm && t->d_mm > best->d_mm))
        best = t;
    }
  return best;
}

/* Tip deflection (µm) of tool finishing a wall depth deep at the feed the cutting engine's
 * limit solver recommends (it slows the feed to keep deflection within the tolerance's share
 * until the chip would get thinner than the ploughing limit: what is left is real). */
static double
finishing_deflection_um (Review *rv, const CamTool *tool, double depth)
{
  CamEngagement eng;
  cam_engagement_init (&eng, CAM_CUT_FINISH);
  eng.ap_mm = MIN (depth, tool->loc_mm);
  eng.ae_mm = MIN (rv->rules->finish_radial_mm, 0.5 * tool->d_mm);
  if (rv->opts->tolerance_mm > 0)
    eng.tolerance_mm = rv->opts->tolerance_mm;
  CamCutResult r;
  g_autoptr (GError) error = NULL;
  eng.deflection_fraction = rv->rules->deflection_fraction;
  if (!cam_cutting_recommend (tool, rv->mat, rv->machine, &eng, &r, &error))
    return NAN;
  return r.deflection_um;
}

/* A necked copy of tool reaching depth (what a long-reach catalogue offers). */
static CamTool *
long_reach_copy (const CamTool *tool, double depth)
{
  CamTool *t = cam_tool_copy (tool);
  t->reach_mm = MAX (depth, t->loc_mm);
  t->neck_d_mm = 0;
  t->stickout_mm = 0;
  g_autoptr (GError) error = NULL;
  if (!cam_tool_complete (t, &error))
    {
      cam_tool_free (t);
      return NULL;
    }
  return t;
}

static const char *
kind_name (const CamFeature *f)
{
  return cam_feature_kind_to_string (f->kind);
}

/* Measured sizes carry about 1 µm of facet and float noise: holes are judged in the part's
 * favour by half of that, so a drawn 10 × D hole is not called 10.00001 × D. */
#define HOLE_MEASURE_MM 0.0005

static CamProcess
hole_process (const CamLibrary *lib, const CamMaterial *mat, double d, double depth)
{
  return cam_drill_choose_process (mat, d + HOLE_MEASURE_MM, MAX (depth - HOLE_MEASURE_MM, 0.0),
                                   cam_library_smallest_drill_mm (lib));
}

/* The process named for a hole a twist drill should not make (proc from hole_process). */
static const char *
hole_beyond (const CamDfmRules *R, CamProcess proc, double d)
{
  return d + HOLE_MEASURE_MM < R->laser_below_mm ? "laser" : cam_process_to_string (proc);
}

/* A drillable hole that no library tool makes (no drill of its size, no end mill to mill it). */
static const char *
hole_no_tool_process (const CamDfmRules *R, const CamMaterial *mat, double d)
{
  if (d + HOLE_MEASURE_MM < R->laser_below_mm)
    return "laser";
  return mat->conductive ? R->process_conductive : R->process_nonconductive;
}

const char *
cam_dfm_hole_process (const CamDfmRules *rules, const CamLibrary *lib, const CamMaterial *mat,
                      double diameter_mm, double depth_mm)
{
  CamProcess proc = hole_process (lib, mat, diameter_mm, depth_mm);
  return proc == CAM_PROCESS_MICRO_DRILL ? NULL : hole_beyond (rules, proc, diameter_mm);
}

const char *
cam_dfm_hole_no_tool_process (const CamDfmRules *rules, const CamMaterial *mat, double diameter_mm)
{
  return hole_no_tool_process (rules, mat, diameter_mm);
}

/* Records the library tool that makes hole f (and every hole of its pattern, judged once). */
static void
hole_tool (Review *rv, const CamFeature *f, const CamTool *tool)
{
  if (tool == NULL)
    return;
  const char *id = tool->id ? tool->id : tool->name;
  g_hash_table_replace (rv->report->hole_tools, g_strdup (f->id), g_strdup (id));
  for (guint i = 0; f->pattern != NULL && i < rv->set->patterns->len; i++)
    {
      const CamHolePattern *hp = g_ptr_array_index (rv->set->patterns, i);
      if (g_strcmp0 (hp->id, f->pattern) == 0)
        for (guint k = 0; k < hp->members->len; k++)
          g_hash_table_replace (rv->report->hole_tools, g_strdup (g_ptr_array_index (hp->members, k)), g_strdup (id));
    }
}

/* ---- rules ---- */

static void
review_hole (Review *rv, const CamFeature *f)
{
  const CamDfmRules *R = rv->rules;
  double d = f->diameter_mm, depth = f->depth_mm, ld = depth / d;
  const char *count_text = "";
  g_autofree char *count_buf = NULL;
  if (f->pattern != NULL)
    for (guint i = 0; i < rv->set->patterns->len; i++)
      {
        const CamHolePattern *hp = g_ptr_array_index (rv->set->patterns, i);
        if (g_strcmp0 (hp->id, f->pattern) == 0)
          count_text = count_buf = g_strdup_printf (" (%u holes, pattern %s)", hp->count, hp->id);
      }
  if (d < R->micro_feature_mm)
    {
      CamDfmFinding *x = add (rv, CAM_DFM_NOTE, "micro-feature", f, NULL,
                              "Micro hole Ø%.3f mm%s: needs micro drills, a high-speed spindle and careful "
                              "spotting; positions are checked optically",
                              d, count_text);
      val (x, "diameter_mm", d);
      val (x, "limit_mm", R->micro_feature_mm);
    }
  const CamTool *sd = smallest_drill (rv->lib);
  double sd_d = sd ? sd->d_mm : 0.0;
  const double meas = HOLE_MEASURE_MM;
  CamProcess proc = hole_process (rv->lib, rv->mat, d, depth);
  ld = MAX (depth - meas, 0.0) / (d + meas);
  double max_ld = rv->mat->drill_max_ld > 0 ? rv->mat->drill_max_ld : R->drill_max_ld_default;
  const char *beyond = hole_beyond (R, proc, d);
  if (sd != NULL && d + meas < sd_d)
    {
      CamDfmFinding *x = add (rv, CAM_DFM_WARNING, "hole-below-drill", f, beyond,
                              "Ø%.3f mm%s is below the smallest drill in the library (Ø%.3f mm): make it by %s",
                              d, count_text, sd_d, beyond);
      val (x, "diameter_mm", d);
      val (x, "smallest_drill_mm", sd_d);
      return;
    }
  if (proc != CAM_PROCESS_MICRO_DRILL && rv->mat->hardness_hb >= R->hard_above_hb && d < 1.0)
    {
      CamDfmFinding *x = add (rv, CAM_DFM_WARNING, "hole-hard-material", f, beyond,
                              "%s is too hard for a Ø%.3f mm twist drill%s: make it by %s",
                              rv->mat->name, d, count_text, beyond);
      val (x, "hardness_hb", rv->mat->hardness_hb);
      val (x, "diameter_mm", d);
      return;
    }
  if (proc != CAM_PROCESS_MICRO_DRILL)
    {
      CamDfmFinding *x = add (rv, CAM_DFM_WARNING, "hole-too-deep", f, beyond,
                              "Depth %.3f mm is %.1f × Ø%.3f%s, beyond the %.0f × D a micro drill manages in %s: "
                              "make it by %s, or shorten it (counterbore from the other side)",
                              depth, ld, d, count_text, max_ld, rv->mat->name, beyond);
      val (x, "depth_to_diameter", ld);
      val (x, "limit_depth_to_diameter", max_ld);
      return;
    }
  g_hash_table_replace (rv->process, g_strdup (f->id), g_strdup ("micro-drill"));
  /* the library's drill for it, by the query and the diameter window the planner uses; the peck
   * schedule is that drill's (or, when no drill of the size reaches, the longest of the size) */
  const CamTool *sized = NULL;
  const CamTool *reaching = cam_library_find_drill (rv->lib, d, depth, f->through == 1, cam_drill_flute_needed, &sized);
  const CamTool *drill = reaching != NULL ? reaching : sized;
  const CamTool *helix = reaching == NULL ? cam_library_find_helix_mill (rv->lib, d, depth) : NULL;
  hole_tool (rv, f, reaching != NULL ? reaching : helix);
  if (drill == NULL && helix != NULL)
    {
      CamDfmFinding *x = add (rv, CAM_DFM_NOTE, "hole-drill-size", f, NULL,
                              "No Ø%.3f mm drill in the library%s: drill undersize and mill it helically, "
                              "ream, or order a special drill",
                              d, count_text);
      val (x, "diameter_mm", d);
    }
  else if (drill == NULL)
    {
      const char *alt = hole_no_tool_process (R, rv->mat, d);
      /* no library tool cuts it at all: an error (issue 12), naming the process that can */
      CamDfmFinding *x = add (rv, CAM_DFM_ERROR, "hole-drill-size", f, alt,
                              "No Ø%.3f mm drill in the library%s and no end mill of Ø%.3f mm or less reaching "
                              "%.3f mm to mill it helically: order a special drill, or make it by %s",
                              d, count_text, CAM_HELIX_MAX_TOOL_RATIO * d, depth, alt);
      val (x, "diameter_mm", d);
      val (x, "depth_mm", depth);
    }
  CamDrillPlan plan = { 0 };
  if (drill != NULL)
    cam_drill_pecks (drill, rv->mat, depth, &plan);
  gboolean peck = drill != NULL ? plan.n_pecks > 1 : ld > R->peck_above_ld;
  if (peck)
    {
      CamDfmFinding *x = add (rv, CAM_DFM_NOTE, "hole-peck", f, "peck-drill",
                              "Depth/diameter %.1f%s: peck drill (%s) %s",
                              ld, count_text, cam_cycle_to_gcode (plan.cycle),
                              drill ? "with the engine's shrinking peck schedule" : "");
      val (x, "depth_to_diameter", ld);
      if (drill != NULL)
        val (x, "pecks", plan.n_pecks);
      val (x, "peck_above_ld", R->peck_above_ld);
    }
  /* flute length: the depth, and for a through hole the point and the breakthrough below the
   * part, as the planner asks of the drill it picks (cam_drill_flute_needed) */
  const CamTool *longest = sized;
  if (longest != NULL && reaching == NULL)
    {
      double need = cam_drill_flute_needed (longest, depth, f->through == 1);
      g_autofree char *milled = helix != NULL ? g_strdup_printf (", or mill it helically with the Ø%.3f end mill (%s)",
                                                                 helix->d_mm, helix->id ? helix->id : helix->name)
                                              : NULL;
      /* milled helically it is still cut (warning); with no end mill either, no library tool makes
       * it by cutting: an error naming the other process and how shallow a drill can go */
      /* the process is named in the words only: the planner still drills what its drills reach and
       * does not list the hole unreachable yet, and DFM and plan must agree (test-cam-analysis) */
      const char *alt = helix == NULL ? hole_no_tool_process (R, rv->mat, d) : NULL;
      double reachable = depth - (need - longest->loc_mm);
      g_autofree char *other = alt != NULL ? g_strdup_printf ("; make it at most %.3f mm deep, or by %s",
                                                              MAX (reachable, 0.0), alt)
                                           : NULL;
      CamDfmFinding *x = add (rv, alt != NULL ? CAM_DFM_ERROR : CAM_DFM_WARNING, "hole-drill-length", f, NULL,
                              "Depth %.3f mm%s needs %.3f mm of flute, longer than the Ø%.3f drills' flutes "
                              "(%.3f mm)%s: a long-series drill, or drill from both sides%s%s",
                              depth, f->through == 1 ? " + point + breakthrough" : "", need, d, longest->loc_mm,
                              count_text, milled ? milled : "", other ? other : "");
      val (x, "reachable_depth_mm", MAX (reachable, 0.0));
      val (x, "depth_mm", depth);
      val (x, "flute_length_mm", longest->loc_mm);
      val (x, "flute_needed_mm", need);
    }
  if (f->through == 0 && g_strcmp0 (f->bottom, "flat") == 0)
    {
      CamDfmFinding *x = add (rv, CAM_DFM_NOTE, "hole-flat-bottom", f, NULL,
                              "Blind hole Ø%.3f drawn with a flat bottom%s: a drill leaves a cone; accept the "
                              "drill point in the drawing or finish the bottom with an end mill",
                              d, count_text);
      val (x, "diameter_mm", d);
    }
}

/* Inside-corner rule, shared by pockets, slots and the profile. reach is measured from the
 * part's top, because the tool comes from there. */
static void
review_corner (Review *rv, const CamFeature *f, double reach)
{
  double r = f->min_corner_radius_mm;
  if (!isfinite (r))
    return;
  const CamTool *t = smallest_mill_reaching (rv, reach);
  if (t == NULL)
    return;   /* nothing reaches at all: deep-pocket says so */
  double tr = 0.5 * t->d_mm;
  double ask = tr * rv->rules->corner_margin;
  if (r < tr - 1e-6)
    {
      const char *edm = rv->mat->conductive ? rv->rules->process_conductive : NULL;
      CamDfmFinding *x = add (rv, CAM_DFM_ERROR, "corner-radius", f, edm,
                              "Inside corner R%.3f mm of %s %s at %.3f mm depth is sharper than the smallest end mill "
                              "that reaches it (Ø%.3f mm, R%.3f): ask the designer for R ≥ %.3f mm%s",
                              r, kind_name (f), f->id, reach, t->d_mm, tr, ask,
                              edm ? ", or finish the corners by micro-EDM" : "");
      x->at[0] = f->corner_at[0];
      x->at[1] = f->corner_at[1];
      x->at[2] = f->bottom_z;
      val (x, "corner_radius_mm", r);
      val (x, "tool_radius_mm", tr);
      val (x, "ask_radius_mm", ask);
      val (x, "depth_mm", reach);
    }
  else if (r < ask - 1e-6)
    {
      CamDfmFinding *x = add (rv, CAM_DFM_NOTE, "corner-tight", f, NULL,
                              "Inside corner R%.3f mm is within %.0f %% of the Ø%.3f tool's radius: the tool wraps the "
                              "corner at full engagement (slow down there); R ≥ %.3f mm machines cleaner",
                              r, (rv->rules->corner_margin - 1.0) * 100.0, 2.0 * r, r * rv->rules->corner_margin);
      x->at[0] = f->corner_at[0];
      x->at[1] = f->corner_at[1];
      x->at[2] = f->bottom_z;
      val (x, "corner_radius_mm", r);
      val (x, "ask_radius_mm", r * rv->rules->corner_margin);
    }
}

static void
review_pocket (Review *rv, const CamFeature *f)
{
  const CamDfmRules *R = rv->rules;
  double w = f->min_width_mm, depth = f->depth_mm;
  double reach = rv->set->bounds.max[2] - f->bottom_z;
  g_hash_table_replace (rv->process, g_strdup (f->id), g_strdup ("micro-mill"));
  if (w < R->micro_feature_mm)
    {
      CamDfmFinding *x = add (rv, CAM_DFM_NOTE, "micro-feature", f, NULL,
                              "Micro %s %.3f mm wide: micro end mills (≤ Ø%.3f), high spindle speed, light cuts",
                              kind_name (f), w, w);
      val (x, "min_width_mm", w);
      val (x, "limit_mm", R->micro_feature_mm);
    }
  double max_r = isfinite (f->min_corner_radius_mm) && f->min_corner_radius_mm > 0 ? f->min_corner_radius_mm : NAN;
  const CamTool *fit = largest_mill_fitting (rv, w, NAN, reach, FALSE);
  if (fit == NULL)
    {
      const char *alt = rv->mat->conductive ? rv->rules->process_conductive : rv->rules->process_nonconductive;
      CamDfmFinding *x = add (rv, CAM_DFM_ERROR, "pocket-too-narrow", f, alt,
                              "%s %s is %.3f mm wide: no end mill in the library fits; widen it or make it by %s",
                              kind_name (f), f->id, w, alt);
      val (x, "min_width_mm", w);
      return;
    }
  review_corner (rv, f, reach);
  /* the corner-forming (finishing) tool decides the reach problem */
  const CamTool *reaching = largest_mill_fitting (rv, w, max_r, reach, TRUE);
  if (reaching == NULL && isfinite (max_r))
    reaching = largest_mill_fitting (rv, w, NAN, reach, TRUE);
  if (reaching == NULL)
    {
      const CamTool *best = largest_mill_fitting (rv, w, max_r, reach, FALSE);
      if (best == NULL)
        best = fit;
      g_autoptr (CamTool) lr = long_reach_copy (best, reach);
      double defl = lr ? finishing_deflection_um (rv, lr, depth) : NAN;
      CamDfmFinding *x = add (rv, CAM_DFM_WARNING, "deep-pocket", f, "long-reach-tool",
                              "Floor of %s %s is %.3f mm below the top, beyond the reach of any end mill that fits "
                              "(Ø%.3f reaches %.3f mm): a long-reach Ø%.3f tool would deflect about %.1f µm "
                              "finishing; or make it shallower or wider",
                              kind_name (f), f->id, reach, best->d_mm, best->reach_mm, best->d_mm, defl);
      val (x, "depth_mm", reach);
      val (x, "tool_diameter_mm", best->d_mm);
      val (x, "tool_reach_mm", best->reach_mm);
      val (x, "deflection_um", defl);
      g_hash_table_replace (rv->process, g_strdup (f->id), g_strdup ("long-reach-tool"));
    }
  double ratio = depth / w;
  if (ratio > R->max_depth_to_width)
    {
      CamDfmFinding *x = add (rv, CAM_DFM_WARNING, "pocket-aspect", f, "long-reach-tool",
                              "%s %s is %.1f × deeper than wide (limit %.0f): slender tools chatter and bend; "
                              "make it wider or shallower",
                              kind_name (f), f->id, ratio, R->max_depth_to_width);
      val (x, "depth_to_width", ratio);
      val (x, "limit", R->max_depth_to_width);
    }
  if (rv->opts->tolerance_mm > 0 && reaching != NULL)
    {
      double defl = finishing_deflection_um (rv, reaching, depth);
      double allowed = R->deflection_fraction * rv->opts->tolerance_mm * 1000.0;
      if (isfinite (defl) && defl > allowed)
        {
          CamDfmFinding *x = add (rv, CAM_DFM_WARNING, "tolerance-deflection", f, NULL,
                                  "Finishing %s %s with the Ø%.3f tool bends it about %.2f µm, more than the %.2f µm "
                                  "a ±%.4f mm tolerance allows: spring passes, a shorter tool, or a looser tolerance",
                                  kind_name (f), f->id, reaching->d_mm, defl, allowed, rv->opts->tolerance_mm);
          val (x, "deflection_um", defl);
          val (x, "allowed_um", allowed);
          val (x, "tolerance_mm", rv->opts->tolerance_mm);
        }
    }
}

/* Walls of the same thickness and height (to 1 µm), e.g. the webs of a hole array, get one
 * finding that counts them instead of one each. */
static gboolean
wall_seen (Review *rv, const char *rule, const CamFeature *f)
{
  g_autofree char *key = g_strdup_printf ("%s %.3f %.3f", rule, f->thickness_mm, f->height_mm);
  CamDfmFinding *x = g_hash_table_lookup (rv->walls_seen, key);
  if (x == NULL)
    return FALSE;
  for (guint i = 0; i < x->values->len; i++)
    if (g_strcmp0 (g_array_index (x->values, CamDfmValue, i).name, "count") == 0)
      g_array_index (x->values, CamDfmValue, i).value += 1;
  return TRUE;
}

static void
wall_remember (Review *rv, const char *rule, const CamFeature *f, CamDfmFinding *x)
{
  val (x, "count", 1);
  g_hash_table_insert (rv->walls_seen, g_strdup_printf ("%s %.3f %.3f", rule, f->thickness_mm, f->height_mm), x);
}

/* The wall under the finishing pass (cam-wall.c, cam-wall-finish.c — the planner's own computation):
 * the smallest end mill that reaches the wall's height (cam_dfm_pocket_mills, the planner's choice)
 * leaves cam_wall_finish_stock_mm on the wall. Finished in one pass over its height the wall would
 * bend d_full; the planner finishes level by level from the top at the tool's roughing stepdown, or
 * finer where that still bends it past the deflection share of the tolerance, so the stock below
 * holds it. A wall that only such stepped finishing keeps in tolerance is a warning (the design
 * depends on it, and it costs time); one that bends past the tolerance even in 1 µm steps is an
 * error: nothing cuts it. */
static void
review_wall_deflection (Review *rv, const CamFeature *f)
{
  double tol = rv->opts->tolerance_mm > 0 ? rv->opts->tolerance_mm : 0.01;
  const CamTool *tool = smallest_mill_reaching (rv, f->height_mm);
  if (tool == NULL || !(rv->mat->young_gpa > 0))
    return;
  CamEngagement limits;
  cam_engagement_init (&limits, CAM_CUT_SLOT);
  limits.tolerance_mm = tol;
  limits.deflection_fraction = rv->rules->deflection_fraction;
  double down = cam_cutting_safe_stepdown (tool, rv->mat, rv->machine, &limits, f->height_mm, NULL);
  if (!(down > 0))
    return;   /* the tool cannot cut at all: the pocket rules say so */
  double ae = cam_wall_finish_stock_mm (tool);
  /* no wall length on the feature: the load spreads over contact + 2·h (cam_wall_effective_width_mm) */
  CamWall w = { f->thickness_mm, f->height_mm, f->length_mm > 0 ? f->length_mm : G_MAXDOUBLE,
                rv->mat->young_gpa };
  CamWallStep full, st;
  if (!cam_wall_finish_step (&w, tool, rv->mat, rv->machine, &limits, ae, f->height_mm, &full)
      || !cam_wall_finish_step (&w, tool, rv->mat, rv->machine, &limits, ae, down, &st)
      || full.usual_deflection_mm <= full.allowed_mm)
    return;
  double d_um = 1000.0 * full.usual_deflection_mm, share_um = 1000.0 * st.allowed_mm;
  /* the radial width that would keep it in one pass: force about linear in ae at small engagement */
  double ae_fit = ae * share_um / d_um;
  CamDfmFinding *x;
  if (st.feasible)
    x = add (rv, CAM_DFM_WARNING, "wall-deflection", f, NULL,
             "Wall %.3f mm thick, %.3f mm tall would bend %.1f µm under one full-height Ø%.3f finishing pass "
             "(%.2f N, ae %.3f mm) against %.1f µm allowed: it holds only finished in axial steps of ≤ %.4f mm "
             "from the top while the stock below supports it (%.2g µm each; the plan does so%s), or with ae ≤ %.4f mm; "
             "else leave support stock, or make it by wire/micro-EDM",
             f->thickness_mm, f->height_mm, d_um, tool->d_mm, full.usual_force_n, ae, share_um, st.ap_mm,
             1000.0 * st.deflection_mm,
             st.ap_mm < st.usual_ap_mm - 1e-9 ? ", finer than its usual stepdown" : " at its usual stepdown", ae_fit);
  else
    x = add (rv, st.deflection_mm > tol ? CAM_DFM_ERROR : CAM_DFM_WARNING, "wall-deflection", f, NULL,
             "Wall %.3f mm thick, %.3f mm tall bends %.1f µm under the Ø%.3f finishing pass (%.2f N, ae %.3f mm) "
             "and still %.2f µm in 1 µm axial steps, against %.1f µm allowed (±%.4f mm): no cutting pass holds "
             "it; leave support stock and finish it last, make it thicker, or make it by wire/micro-EDM",
             f->thickness_mm, f->height_mm, d_um, tool->d_mm, full.usual_force_n, ae, 1000.0 * st.deflection_mm,
             share_um, tol);
  memcpy (x->at, f->thin_at, sizeof x->at);
  val (x, "wall_deflection_um", d_um);
  val (x, "allowed_um", share_um);
  val (x, "tolerance_um", 1000.0 * tol);
  val (x, "force_n", full.usual_force_n);
  val (x, "tool_d_mm", tool->d_mm);
  val (x, "ae_fit_mm", ae_fit);
  val (x, "usual_step_mm", st.usual_ap_mm);
  val (x, "finish_step_mm", st.ap_mm);
  val (x, "stepped_deflection_um", 1000.0 * st.deflection_mm);
}

static void
review_wall (Review *rv, const CamFeature *f)
{
  review_wall_deflection (rv, f);
  double t = f->thickness_mm, h = f->height_mm;
  double min_w = cam_dfm_rules_min_wall (rv->rules, rv->mat->id);
  double max_q = cam_dfm_rules_max_wall_ratio (rv->rules, rv->mat->id);
  const char *rule = t + 0.0005 < min_w ? "thin-wall" : h / t > max_q ? "wall-too-tall" : "micro-feature";
  if (wall_seen (rv, rule, f))
    return;
  if (t + 0.0005 < min_w)   /* half a µm of measurement noise in the part's favour */
    {
      CamDfmFinding *x = add (rv, CAM_DFM_WARNING, "thin-wall", f, NULL,
                              "Wall %.3f mm thick is thinner than %.3f mm, the limit for %s: it will bend and "
                              "chatter; make it at least %.3f mm",
                              t, min_w, rv->mat->name, min_w);
      memcpy (x->at, f->thin_at, sizeof x->at);
      val (x, "thickness_mm", t);
      val (x, "limit_mm", min_w);
      wall_remember (rv, rule, f, x);
    }
  else if (h / t > max_q)
    {
      CamDfmFinding *x = add (rv, CAM_DFM_WARNING, "wall-too-tall", f, NULL,
                              "Wall %.3f mm thick and %.3f mm tall (%.0f:1) is beyond %.0f:1 for %s: finish both "
                              "sides in alternating steps, or make it at least %.3f mm thick",
                              t, h, h / t, max_q, rv->mat->name, h / max_q);
      memcpy (x->at, f->thin_at, sizeof x->at);
      val (x, "thickness_mm", t);
      val (x, "height_mm", h);
      val (x, "limit_ratio", max_q);
      wall_remember (rv, rule, f, x);
    }
  else
    {
      CamDfmFinding *x = add (rv, CAM_DFM_NOTE, "micro-feature", f, NULL,
                              "Micro wall %.3f mm thick, %.3f mm tall: finish it with light radial passes",
                              t, h);
      memcpy (x->at, f->thin_at, sizeof x->at);
      val (x, "thickness_mm", t);
      val (x, "limit_mm", rv->rules->micro_feature_mm);
      wall_remember (rv, rule, f, x);
    }
}

static void
review_boss (Review *rv, const CamFeature *f)
{
  double s = isfinite (f->diameter_mm) ? f->diameter_mm : f->thickness_mm;
  if (isfinite (s) && s < rv->rules->micro_feature_mm)
    {
      CamDfmFinding *x = add (rv, CAM_DFM_NOTE, "micro-feature", f, NULL,
                              "Micro boss %.3f mm across, %.3f mm tall: it bends under the cut; finish with light "
                              "passes",
                              s, f->height_mm);
      val (x, "size_mm", s);
    }
}

/* The smallest tool the part needs (a drill for drilled holes, an end mill for the narrowest
 * width or tightest inside corner) against the spindle: cutting speed from the material's
 * range (cam-feeds.c, cam_feeds_rpm_for_vc: n = 1000·vc / (π·D)). */
static void
review_spindle (Review *rv)
{
  const CamFeature *which = NULL;
  double d = G_MAXDOUBLE;
  gboolean drill = FALSE;
  for (guint i = 0; i < rv->set->features->len; i++)
    {
      const CamFeature *f = g_ptr_array_index (rv->set->features, i);
      const char *proc = g_hash_table_lookup (rv->process, f->id);
      double need = G_MAXDOUBLE;
      gboolean is_drill = FALSE;
      if (f->kind == CAM_FEATURE_HOLE && g_strcmp0 (proc, "micro-drill") == 0)
        {
          need = f->diameter_mm;
          is_drill = TRUE;
        }
      else if (f->kind == CAM_FEATURE_HOLE && g_strcmp0 (proc, "peck-drill") == 0)
        {
          need = f->diameter_mm;
          is_drill = TRUE;
        }
      else if ((f->kind == CAM_FEATURE_POCKET || f->kind == CAM_FEATURE_SLOT)
               && (proc == NULL || g_strcmp0 (proc, "micro-mill") == 0 || g_strcmp0 (proc, "long-reach-tool") == 0))
        {
          need = f->min_width_mm;
          if (isfinite (f->min_corner_radius_mm) && f->min_corner_radius_mm > 0)
            need = MIN (need, 2.0 * f->min_corner_radius_mm);
        }
      if (isfinite (need) && need < d)
        {
          d = need;
          which = f;
          drill = is_drill;
        }
    }
  if (which == NULL)
    return;
  const CamMaterial *m = rv->mat;
  double vc = drill ? 0.5 * (m->vc_drill_min + m->vc_drill_max) : 0.5 * (m->vc_carbide_min + m->vc_carbide_max);
  double want = cam_feeds_rpm_for_vc (vc, d);
  if (!(want > 1.05 * rv->machine->rpm_max))
    return;
  double slow = want / rv->machine->rpm_max;
  CamDfmFinding *x = add (rv, CAM_DFM_NOTE, "spindle-speed", which, NULL,
                          "The Ø%.3f mm %s for %s wants about %.0f rpm in %s (vc %.0f m/min); %s gives %.0f rpm, so "
                          "the feed is scaled down to keep the chip load: about %.1f × slower than at full cutting speed",
                          d, drill ? "drill" : "end mill", which->id, want, m->name, vc, rv->machine->name,
                          rv->machine->rpm_max, slow);
  val (x, "tool_diameter_mm", d);
  val (x, "rpm_wanted", want);
  val (x, "rpm_max", rv->machine->rpm_max);
  val (x, "slowdown", slow);
}

static void
review_part (Review *rv)
{
  const CamFeature *profile = NULL;
  for (guint i = 0; i < rv->set->features->len && profile == NULL; i++)
    {
      const CamFeature *f = g_ptr_array_index (rv->set->features, i);
      if (f->kind == CAM_FEATURE_PROFILE)
        profile = f;
    }
  if (profile == NULL)
    return;
  const CamDfmRules *R = rv->rules;
  double tol = rv->opts->tolerance_mm, ra = rv->opts->finish_ra_um;
  rv->part_level = TRUE;
  if (tol > 0 && tol < R->trial_cut_below_mm)
    {
      CamDfmFinding *x = add (rv, CAM_DFM_NOTE, "tolerance-trial-cut", profile, NULL,
                              "±%.4f mm is below what a machine holds from the program alone (%.3f mm): plan trial "
                              "cuts (cut, measure, adjust) on the critical features",
                              tol, R->trial_cut_below_mm);
      val (x, "tolerance_mm", tol);
    }
  if (ra > 0 && ra <= R->polished_ra_um)
    {
      CamDfmFinding *x = add (rv, CAM_DFM_NOTE, "finish-polish", profile, "polish",
                              "Ra %.2f µm needs polishing after machining (Ra ≤ %.1f): about %.1f × the machining "
                              "time of an as-machined finish",
                              ra, R->polished_ra_um, R->polish_time_factor);
      val (x, "ra_um", ra);
      val (x, "time_factor", R->polish_time_factor);
    }
  else if (ra > 0 && ra <= R->fine_ra_um)
    {
      CamDfmFinding *x = add (rv, CAM_DFM_NOTE, "finish-fine", profile, NULL,
                              "Ra %.2f µm needs fine finishing passes (Ra ≤ %.1f): about %.1f × the machining time",
                              ra, R->fine_ra_um, R->fine_time_factor);
      val (x, "ra_um", ra);
      val (x, "time_factor", R->fine_time_factor);
    }
  /* material notes: once per part, on the first feature of a kind they concern */
  for (guint n = 0; n < R->notes->len; n++)
    {
      const CamDfmMaterialNote *mn = g_ptr_array_index (R->notes, n);
      if (g_strcmp0 (mn->material, rv->mat->id) != 0)
        continue;
      for (guint i = 0; i < rv->set->features->len; i++)
        {
          const CamFeature *f = g_ptr_array_index (rv->set->features, i);
          if (mn->kinds[0] != NULL && !g_strv_contains ((const char *const *) mn->kinds, kind_name (f)))
            continue;
          CamDfmSeverity sev = g_strcmp0 (mn->severity, "error") == 0     ? CAM_DFM_ERROR
                               : g_strcmp0 (mn->severity, "warning") == 0 ? CAM_DFM_WARNING
                                                                          : CAM_DFM_NOTE;
          const char *proc = g_strcmp0 (mn->rule, "material-hardened-steel") == 0 ? R->process_conductive : NULL;
          add (rv, sev, mn->rule, f, proc, "%s", mn->message);
          break;
        }
    }
}

static void
add_critical (Review *rv, const char *what, const CamFeature *f, double value, const double at[3],
              const char *fmt, ...) G_GNUC_PRINTF (6, 7);

static void
add_critical (Review *rv, const char *what, const CamFeature *f, double value, const double at[3],
              const char *fmt, ...)
{
  CamDfmCritical *c = g_new0 (CamDfmCritical, 1);
  c->what = g_strdup (what);
  c->feature = f ? g_strdup (f->id) : NULL;
  c->value_mm = value;
  const char *p = f ? g_hash_table_lookup (rv->process, f->id) : NULL;
  c->process = g_strdup (p ? p : (f && f->kind == CAM_FEATURE_HOLE ? "micro-drill" : "micro-mill"));
  memcpy (c->at, at, sizeof c->at);
  va_list ap;
  va_start (ap, fmt);
  c->message = g_strdup_vprintf (fmt, ap);
  va_end (ap);
  g_ptr_array_add (rv->report->critical, c);
}

static void
summarise (Review *rv)
{
  const CamFeature *hole = NULL, *radius = NULL, *deep = NULL, *wall = NULL, *profile = NULL;
  for (guint i = 0; i < rv->set->features->len; i++)
    {
      const CamFeature *f = g_ptr_array_index (rv->set->features, i);
      if (f->kind == CAM_FEATURE_HOLE && (hole == NULL || f->diameter_mm < hole->diameter_mm - 1e-4))
        hole = f;
      if ((f->kind == CAM_FEATURE_POCKET || f->kind == CAM_FEATURE_SLOT || f->kind == CAM_FEATURE_PROFILE)
          && isfinite (f->min_corner_radius_mm)
          && (radius == NULL || f->min_corner_radius_mm < radius->min_corner_radius_mm - 1e-9))
        radius = f;
      if ((f->kind == CAM_FEATURE_POCKET || f->kind == CAM_FEATURE_SLOT)
          && (deep == NULL || f->depth_mm / f->min_width_mm > deep->depth_mm / deep->min_width_mm))
        deep = f;
      if (f->kind == CAM_FEATURE_WALL && (wall == NULL || f->thickness_mm < wall->thickness_mm))
        wall = f;
      if (f->kind == CAM_FEATURE_PROFILE && profile == NULL)
        profile = f;
    }
  if (hole != NULL)
    add_critical (rv, "smallest_hole", hole, hole->diameter_mm, hole->center, "Ø%.3f mm × %.3f mm %s",
                  hole->diameter_mm, hole->depth_mm, hole->through == 1 ? "through" : "blind");
  if (radius != NULL)
    {
      double at[3] = { radius->corner_at[0], radius->corner_at[1], radius->bottom_z };
      add_critical (rv, "tightest_radius", radius, radius->min_corner_radius_mm, at, "R%.3f mm inside corner of %s %s",
                    radius->min_corner_radius_mm, kind_name (radius), radius->id);
    }
  if (rv->set->thinnest_wall_mm < G_MAXDOUBLE)
    {
      const CamFeature *wf = wall != NULL && fabs (wall->thickness_mm - rv->set->thinnest_wall_mm) < 1e-9 ? wall : profile;
      add_critical (rv, "thinnest_wall", wf, rv->set->thinnest_wall_mm, rv->set->thinnest_wall_at,
                    "%.3f mm at (%.3f, %.3f, %.3f)", rv->set->thinnest_wall_mm, rv->set->thinnest_wall_at[0],
                    rv->set->thinnest_wall_at[1], rv->set->thinnest_wall_at[2]);
    }
  if (deep != NULL)
    add_critical (rv, "deepest_narrow_pocket", deep, deep->depth_mm, deep->center,
                  "%s %s: %.3f mm deep, %.3f mm wide (%.1f:1)", kind_name (deep), deep->id, deep->depth_mm,
                  deep->min_width_mm, deep->depth_mm / deep->min_width_mm);
  if (rv->opts->tolerance_mm > 0 && profile != NULL)
    {
      add_critical (rv, "tightest_tolerance", NULL, rv->opts->tolerance_mm, profile->center, "±%.4f mm%s",
                    rv->opts->tolerance_mm,
                    rv->opts->tolerance_mm < rv->rules->trial_cut_below_mm ? ": trial cuts" : "");
      CamDfmCritical *c = g_ptr_array_index (rv->report->critical, rv->report->critical->len - 1);
      g_free (c->process);
      c->process = g_strdup (rv->opts->tolerance_mm < rv->rules->trial_cut_below_mm ? "trial-cut" : "micro-mill");
    }
}

static int
by_severity (gconstpointer a, gconstpointer b)
{
  const CamDfmFinding *x = *(const CamDfmFinding *const *) a, *y = *(const CamDfmFinding *const *) b;
  return (int) x->severity - (int) y->severity;
}

CamDfmReport *
cam_dfm_review (const CamFeatureSet *set, const CamDfmRules *rules, const CamLibrary *lib,
                const CamDfmOptions *opts, GError **error)
{
  g_return_val_if_fail (set != NULL && rules != NULL && lib != NULL && opts != NULL, NULL);
  const CamMaterial *mat = cam_library_find_material (lib, opts->material_id);
  if (mat == NULL)
    {
      g_set_error (error, CAM_ERROR, CAM_ERROR_INVALID, "unknown material '%s'", opts->material_id ? opts->material_id : "");
      return NULL;
    }
  const char *machine_id = opts->machine_id ? opts->machine_id : "micro60k";
  const CamMachine *machine = cam_library_find_machine (lib, machine_id);
  if (machine == NULL)
    {
      g_set_error (error, CAM_ERROR, CAM_ERROR_INVALID, "unknown machine '%s'", machine_id);
      return NULL;
    }
  if (opts->tolerance_mm < 0 || opts->finish_ra_um < 0 || !isfinite (opts->tolerance_mm) || !isfinite (opts->finish_ra_um))
    {
      g_set_error (error, CAM_ERROR, CAM_ERROR_INVALID, "tolerance and finish must be positive numbers");
      return NULL;
    }
  CamDfmReport *report = g_new0 (CamDfmReport, 1);
  report->ref_count = 1;
  report->findings = g_ptr_array_new_with_free_func (finding_free);
  report->critical = g_ptr_array_new_with_free_func (critical_free);
  report->hole_tools = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  report->material_id = g_strdup (mat->id);
  report->machine_id = g_strdup (machine->id);
  Review rv = { set, rules, lib, opts, mat, machine, report,
                g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free), FALSE,
                g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL),
                g_hash_table_new_full (g_double_hash, g_double_equal, g_free, (GDestroyNotify) g_ptr_array_unref) };

  GHashTable *patterns_done = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < set->features->len; i++)
    {
      const CamFeature *f = g_ptr_array_index (set->features, i);
      switch (f->kind)
        {
        case CAM_FEATURE_HOLE:
          /* a pattern is judged once, on its first hole; the others share its process */
          if (f->pattern != NULL && g_hash_table_contains (patterns_done, f->pattern))
            break;
          if (f->pattern != NULL)
            g_hash_table_add (patterns_done, f->pattern);
          review_hole (&rv, f);
          break;
        case CAM_FEATURE_POCKET:
        case CAM_FEATURE_SLOT:
          review_pocket (&rv, f);
          break;
        case CAM_FEATURE_WALL:
          review_wall (&rv, f);
          break;
        case CAM_FEATURE_PROFILE:
          review_corner (&rv, f, f->height_mm);
          break;
        case CAM_FEATURE_BOSS:
          review_boss (&rv, f);
          break;
        case CAM_FEATURE_UNDERCUT:
          {
            CamDfmFinding *x = add (&rv, CAM_DFM_ERROR, "undercut", f, "second-setup",
                                    "Faces of %s (%.3f × %.3f × %.3f mm) cannot be reached from +Z: they need another "
                                    "setup (turn the part over) or a 4th/5th axis",
                                    f->id, f->bbox.max[0] - f->bbox.min[0], f->bbox.max[1] - f->bbox.min[1],
                                    f->bbox.max[2] - f->bbox.min[2]);
            val (x, "height_mm", f->bbox.max[2] - f->bbox.min[2]);
          }
          break;
        default:
          break;
        }
    }
  g_hash_table_destroy (patterns_done);
  /* say how many walls a grouped finding stands for */
  for (guint i = 0; i < report->findings->len; i++)
    {
      CamDfmFinding *x = g_ptr_array_index (report->findings, i);
      double n = cam_dfm_finding_value (x, "count");
      if (isfinite (n) && n > 1)
        {
          char *m = g_strdup_printf ("%s (%.0f walls like this)", x->message, n);
          g_free (x->message);
          x->message = m;
        }
    }
  g_hash_table_destroy (rv.walls_seen);
  g_hash_table_destroy (rv.mills_at);
  rv.part_level = TRUE;
  review_spindle (&rv);
  review_part (&rv);
  summarise (&rv);
  g_ptr_array_sort (report->findings, by_severity);
  for (guint i = 0; i < report->findings->len; i++)
    {
      const CamDfmFinding *x = g_ptr_array_index (report->findings, i);
      report->n_errors += x->severity == CAM_DFM_ERROR;
      report->n_warnings += x->severity == CAM_DFM_WARNING;
      report->n_notes += x->severity == CAM_DFM_NOTE;
    }
  g_hash_table_destroy (rv.process);
  return report;
}
