/* cam-plan.c — auto-planning: features → operations → toolpaths.
 *
 * Method
 *   1. Stock = part bounds + margin (cam_job_set_stock_from_part), work zero per origin.
 *   2. Facing when the stock top is above the part top (largest end mill ≤ 3 mm).
 *   3. Holes, grouped by diameter and depth (≤ 1 µm apart). First whether a twist drill is the
 *      process at all (cam_dfm_hole_process, the DFM review's judgement; else: unreachable, with
 *      the process it advises, e.g. micro-EDM). The fixed-size-tool rule: a hole is drilled with
 *      the library drill of its own diameter whose flutes reach the depth — cam_library_find_drill,
 *      the query the DFM review asks, with the tool library's diameter window (drill_match in
 *      resources/tools/tools.json). The engine's drilling plan (cam_cutting_recommend, op drill)
 *      decides spot first, G81 vs G83/G73 and the peck schedule; the spot drill is the smallest
 *      whose point angle is at least the drill's (find_spot). Through holes go past the bottom
 *      by the drill's point length + 0.02 mm. Holes with no drill but room for an end mill
 *      (cam_library_find_helix_mill: tool ≤ 0.8 × hole Ø) are milled helically.
 *   4. Pockets and slots: region = the feature's outline (largest ring the shell, the
 *      others islands). Tools tried from the largest flat end mill down: the first whose
 *      reach covers the depth and whose disk fits (buffer(region, −R) not empty) roughs
 *      and finishes; each next smaller one machines only what the previous could not reach
 *      (region − opening(region, R_prev)) as rest machining. What even the smallest leaves
 *      (corners sharper than its radius, gaps narrower than it) is reported unreachable.
 *   5. Outer profile: when the outline leaves material inside the stock box, an outside
 *      profile to the part bottom (tabs when the stock has a margin, so the part stays on).
 *   6. Undercuts and side features: "needs another setup".
 *   Then every op is generated (cam_job_generate).
 */
#include "cam-plan.h"

#include <geos_c.h>
#include <math.h>
#include <string.h>

#include "cam-dfm.h"
#include "cam-drill.h"
#include "cam-error.h"
#include "cam-gen.h"
#include "cam-process-words.h"
#include "cam-wall.h"

void
cam_plan_options_init (CamPlanOptions *opt)
{
  memset (opt, 0, sizeof *opt);
  opt->tolerance_mm = 0.01;
  opt->finish_ra_um = 0.8;
  opt->origin = CAM_ORIGIN_MODEL;
  opt->stock_to_leave_mm = 0.01;
}

static void
geos_quiet (const char *fmt, ...)
{
  (void) fmt;
}

typedef struct {
  const CamLibrary *lib;
  CamJob *job;
  GEOSContextHandle_t g;
  const CamMaterial *mat;
  const CamMachine *machine;
  const CamPlanOptions *opt;
  const CamDfmRules *rules;
} Plan;

/* Flat end mills of the library, largest first. */
static GPtrArray *
flat_mills (const CamLibrary *lib)
{
  GPtrArray *a = g_ptr_array_new ();
  for (guint i = 0; i < cam_library_n_tools (lib); i++)
    {
      const CamTool *t = cam_library_get_tool (lib, i);
      if (t->kind == CAM_TOOL_FLAT)
        g_ptr_array_add (a, (gpointer) t);
    }
  for (guint i = 1; i < a->len; i++)
    for (guint j = i; j > 0; j--)
      {
        const CamTool *x = g_ptr_array_index (a, j - 1), *y = g_ptr_array_index (a, j);
        /* larger first; same size: shorter reach first (stiffer) */
        if (x->d_mm < y->d_mm || (x->d_mm == y->d_mm && x->reach_mm > y->reach_mm))
          {
            a->pdata[j - 1] = (gpointer) y;
            a->pdata[j] = (gpointer) x;
          }
      }
  return a;
}

static guint
add_tool (Plan *p, const CamTool *t)
{
  return cam_job_add_tool (p->job, t->id ? t->id : t->name, t);
}

/* The spot drill for a hole of hole_d made by a drill of drill_point_deg: one at least as large
 * as the hole whose point angle is at least the drill's, so the drill's centre, not its corners,
 * meets the work first (cam-drill.c, spot first), the smallest of those; when the library has
 * none, the bluntest of the large enough ones (the drill's generation then warns, naming the
 * angles, see cam-gen-drill.c). */
static const CamTool *
find_spot (Plan *p, double hole_d, double drill_point_deg)
{
  const CamTool *best = NULL;
  for (guint i = 0; i < cam_library_n_tools (p->lib); i++)
    {
      const CamTool *t = cam_library_get_tool (p->lib, i);
      if (t->kind != CAM_TOOL_SPOT || t->d_mm < hole_d)
        continue;
      if (best == NULL)
        {
          best = t;
          continue;
        }
      gboolean t_fits = t->point_angle_deg >= drill_point_deg - 1e-9;
      gboolean best_fits = best->point_angle_deg >= drill_point_deg - 1e-9;
      if (t_fits != best_fits)
        {
          if (t_fits)
            best = t;
          continue;
        }
      if (!t_fits && t->point_angle_deg != best->point_angle_deg)
        {
          if (t->point_angle_deg > best->point_angle_deg)
            best = t;
          continue;
        }
      if (t->d_mm < best->d_mm || (t->d_mm == best->d_mm && t->point_angle_deg < best->point_angle_deg))
        best = t;
    }
  return best;
}

/* A process id in words, the program's one table. */
static const char *
process_words (const char *process)
{
  return cam_process_describe (process);
}

typedef struct {
  double d, depth, top_z, bottom_z;
  gboolean through;
  GPtrArray *members; /* const CamFeature* */
} HoleGroup;

static void
plan_holes (Plan *p, const CamFeatureSet *fs)
{
  GPtrArray *groups = g_ptr_array_new ();
  for (guint i = 0; i < fs->features->len; i++)
    {
      const CamFeature *f = g_ptr_array_index (fs->features, i);
      if (f->kind != CAM_FEATURE_HOLE)
        continue;
      HoleGroup *grp = NULL;
      for (guint k = 0; k < groups->len && !grp; k++)
        {
          HoleGroup *c = g_ptr_array_index (groups, k);
          if (fabs (c->d - f->diameter_mm) < 0.001 && fabs (c->top_z - f->top_z) < 0.001
              && fabs (c->bottom_z - f->bottom_z) < 0.001 && c->through == (f->through == 1))
            grp = c;
        }
      if (!grp)
        {
          grp = g_new0 (HoleGroup, 1);
          grp->d = f->diameter_mm;
          grp->top_z = f->top_z;
          grp->bottom_z = f->bottom_z;
          grp->depth = f->depth_mm;
          grp->through = f->through == 1;
          grp->members = g_ptr_array_new ();
          g_ptr_array_add (groups, grp);
        }
      g_ptr_array_add (grp->members, (gpointer) f);
    }
  CamJob *job = p->job;
  double oz = job->work_offset[2];
  guint first = job->ops->len;
  /* Spots first for all groups that want them, then drilling: fewer tool changes. */
  GPtrArray *drill_ops = g_ptr_array_new ();
  for (guint k = 0; k < groups->len; k++)
    {
      HoleGroup *grp = g_ptr_array_index (groups, k);
      const CamFeature *f0 = g_ptr_array_index (grp->members, 0);
      g_autofree char *ids = NULL;
      {
        GString *s = g_string_new (NULL);
        for (guint i = 0; i < grp->members->len; i++)
          g_string_append_printf (s, "%s%s", i ? "," : "", ((const CamFeature *) g_ptr_array_index (grp->members, i))->id);
        ids = g_string_free (s, FALSE);
      }
      /* a twist drill at all? the DFM review's judgement (below the smallest drill, too hard, too deep) */
      const char *process = cam_dfm_hole_process (p->rules, p->lib, p->mat, grp->d, grp->depth);
      if (process != NULL)
        {
          for (guint i = 0; i < grp->members->len; i++)
            {
              const CamFeature *f = g_ptr_array_index (grp->members, i);
              g_autofree char *why = g_strdup_printf ("Ø%.3f × %.3f mm (depth/Ø %.1f) in %s: not for a twist drill; "
                                                      "process: %s", f->diameter_mm, f->depth_mm,
                                                      f->depth_mm / f->diameter_mm, p->mat->id, process_words (process));
              cam_job_add_unreachable (job, f->id, why, f->center[0], f->center[1], 0)->process = g_strdup (process);
            }
          continue;
        }
      /* the drill of its size whose flutes cover the depth, and for a through hole the point and
       * 0.02 mm more: the DFM review's query */
      const CamTool *sized = NULL;
      const CamTool *drill = cam_library_find_drill (p->lib, grp->d, grp->depth, grp->through, cam_drill_flute_needed,
                                                     &sized);
      if (drill == NULL)
        {
          const CamTool *mill = cam_library_find_helix_mill (p->lib, grp->d, grp->depth);
          if (mill)
            {
              CamJobOp *op = cam_job_add_op (job, CAM_JOB_OP_HELIX, add_tool (p, mill));
              op->feature_id = g_strdup (ids);
              for (guint i = 0; i < grp->members->len; i++)
                {
                  const CamFeature *f = g_ptr_array_index (grp->members, i);
                  CamJobHole h = { .x = f->center[0], .y = f->center[1], .diameter_mm = f->diameter_mm,
                                   .top_z = f->top_z - oz, .bottom_z = f->bottom_z - oz - (grp->through ? 0.02 : 0),
                                   .through = grp->through, .feature_id = f->id };
                  cam_job_op_add_hole (op, &h);
                }
              op->top_z = grp->top_z - oz;
              op->bottom_z = grp->bottom_z - oz;
              g_ptr_array_add (drill_ops, op);
            }
          else
            for (guint i = 0; i < grp->members->len; i++)
              {
                const CamFeature *f = g_ptr_array_index (grp->members, i);
                const char *alt = cam_dfm_hole_no_tool_process (p->rules, p->mat, grp->d);
                g_autofree char *why = sized
                  ? g_strdup_printf ("the Ø%.3f mm drills in the library cut %.3f mm; this %s hole needs %.3f mm of flute "
                                     "(depth %.3f%s): use a longer-flute drill, drill from both sides, or micro-EDM",
                                     f->diameter_mm, sized->loc_mm, grp->through ? "through" : "blind",
                                     cam_drill_flute_needed (sized, grp->depth, grp->through), f->depth_mm,
                                     grp->through ? " + point + 0.02 mm breakthrough" : "")
                  : g_strdup_printf ("no drill of Ø%.3f mm in the tool library and no end mill small enough to mill "
                                     "it: %s (process: %s)", f->diameter_mm, process_words (alt), alt);
                /* a drill of the size whose flutes are too short: a longer drill is the fix (as DFM says) */
                cam_job_add_unreachable (job, f->id, why, f->center[0], f->center[1], 0)->process
                  = sized ? NULL : g_strdup (alt);
              }
          continue;
        }
      /* Ask the engine how to drill this group. */
      CamEngagement eng;
      cam_engagement_init (&eng, CAM_CUT_DRILL);
      eng.depth_mm = grp->depth;
      eng.tolerance_mm = job->tolerance_mm;
      eng.min_safety_factor = p->opt->min_safety_factor;
      CamCutResult r;
      g_autoptr (GError) err = NULL;
      if (!cam_cutting_recommend (drill, p->mat, p->machine, &eng, &r, &err))
        {
          for (guint i = 0; i < grp->members->len; i++)
            {
              const CamFeature *f = g_ptr_array_index (grp->members, i);
              cam_job_add_unreachable (job, f->id, err->message, f->center[0], f->center[1], 0)->process
                = g_strdup (cam_dfm_hole_no_tool_process (p->rules, p->mat, grp->d));
            }
          continue;
        }
      if (r.drill.process != CAM_PROCESS_MICRO_DRILL)
        {
          for (guint i = 0; i < grp->members->len; i++)
            {
              const CamFeature *f = g_ptr_array_index (grp->members, i);
              g_autofree char *why = g_strdup_printf ("Ø%.3f × %.3f mm (depth/Ø %.1f) in %s: not for a twist drill; "
                                                      "process: %s", f->diameter_mm, f->depth_mm, r.drill.aspect_ratio,
                                                      p->mat->id, process_words (cam_process_to_string (r.drill.process)));
              cam_job_add_unreachable (job, f->id, why, f->center[0], f->center[1], 0)->process
                = g_strdup (cam_process_to_string (r.drill.process));
            }
          continue;
        }
      double extra = cam_drill_overrun (drill, grp->through);
      if (r.drill.spot_first)
        {
          const CamTool *spot = find_spot (p, grp->d, drill->point_angle_deg);
          if (spot)
            {
              CamJobOp *op = cam_job_add_op (job, CAM_JOB_OP_SPOT, add_tool (p, spot));
              op->feature_id = g_strdup (ids);
              for (guint i = 0; i < grp->members->len; i++)
                {
                  const CamFeature *f = g_ptr_array_index (grp->members, i);
                  CamJobHole h = { .x = f->center[0], .y = f->center[1], .diameter_mm = f->diameter_mm,
                                   .top_z = f->top_z - oz, .bottom_z = f->bottom_z - oz, .feature_id = f->id };
                  cam_job_op_add_hole (op, &h);
                }
              op->top_z = grp->top_z - oz;
              /* a dimple of the hole's diameter (at most 0.8 of the spot's, on its point), as
               * cam-gen-drill.c cuts it: (d/2)·cot(σ_spot/2) deep */
              op->bottom_z = op->top_z - cam_drill_spot_depth (MIN (grp->d, 0.8 * spot->d_mm), spot->point_angle_deg);
            }
        }
      CamJobOp *op = cam_job_add_op (job, r.drill.cycle == CAM_CYCLE_DRILL ? CAM_JOB_OP_DRILL : CAM_JOB_OP_PECK,
                                     add_tool (p, drill));
      op->cycle = r.drill.cycle;
      op->feature_id = g_strdup (ids);
      for (guint i = 0; i < grp->members->len; i++)
        {
          const CamFeature *f = g_ptr_array_index (grp->members, i);
          CamJobHole h = { .x = f->center[0], .y = f->center[1], .diameter_mm = f->diameter_mm,
                           .top_z = f->top_z - oz, .bottom_z = f->bottom_z - oz - extra,
                           .through = grp->through, .feature_id = f->id };
          cam_job_op_add_hole (op, &h);
        }
      op->top_z = grp->top_z - oz;
      op->bottom_z = grp->bottom_z - oz - extra;
      g_ptr_array_add (drill_ops, op);
      (void) f0;
    }
  /* All spot ops first, then the drilling (one spot drill, fewer tool changes). */
  {
    g_autoptr (GPtrArray) order = g_ptr_array_new ();
    for (int pass = 0; pass < 2; pass++)
      for (guint i = first; i < job->ops->len; i++)
        {
          CamJobOp *op = g_ptr_array_index (job->ops, i);
          if ((op->kind == CAM_JOB_OP_SPOT) == (pass == 0))
            g_ptr_array_add (order, op);
        }
    for (guint i = 0; i < order->len; i++)
      job->ops->pdata[first + i] = order->pdata[i];
  }
  g_ptr_array_unref (drill_ops);
  for (guint k = 0; k < groups->len; k++)
    {
      HoleGroup *grp = g_ptr_array_index (groups, k);
      g_ptr_array_unref (grp->members);
      g_free (grp);
    }
  g_ptr_array_unref (groups);
}

/* The feature's outline as a polygon (largest ring the shell, rings inside it islands). */
static GEOSGeometry *
outline_polygon (Plan *p, const CamFeature *f)
{
  GEOSContextHandle_t g = p->g;
  if (f->outline == NULL || f->outline->len == 0)
    return NULL;
  GPtrArray *polys = g_ptr_array_new ();
  for (guint i = 0; i < f->outline->len; i++)
    {
      GArray *xy = g_ptr_array_index (f->outline, i);
      guint n = xy->len / 2;
      if (n < 3)
        continue;
      GEOSCoordSequence *cs = GEOSCoordSeq_create_r (g, n + 1, 2);
      for (guint k = 0; k <= n; k++)
        GEOSCoordSeq_setXY_r (g, cs, k, g_array_index (xy, double, 2 * (k % n)), g_array_index (xy, double, 2 * (k % n) + 1));
      GEOSGeometry *ring = GEOSGeom_createLinearRing_r (g, cs);
      GEOSGeometry *poly = ring ? GEOSGeom_createPolygon_r (g, ring, NULL, 0) : NULL;
      if (poly)
        {
          GEOSGeometry *v = GEOSMakeValid_r (g, poly);
          GEOSGeom_destroy_r (g, poly);
          if (v)
            g_ptr_array_add (polys, v);
        }
    }
  if (polys->len == 0)
    {
      g_ptr_array_unref (polys);
      return NULL;
    }
  guint big = 0;
  double best = -1;
  for (guint i = 0; i < polys->len; i++)
    {
      double a = 0;
      GEOSArea_r (g, g_ptr_array_index (polys, i), &a);
      if (a > best)
        best = a, big = i;
    }
  GEOSGeometry *shape = GEOSGeom_clone_r (g, g_ptr_array_index (polys, big));
  for (guint i = 0; i < polys->len; i++)
    {
      GEOSGeometry *q = g_ptr_array_index (polys, i);
      if (i != big && GEOSContains_r (g, shape, q) == 1)
        {
          GEOSGeometry *d = GEOSDifference_r (g, shape, q);
          GEOSGeom_destroy_r (g, shape);
          shape = d;
        }
      GEOSGeom_destroy_r (g, q);
    }
  g_ptr_array_unref (polys);
  return shape;
}

static char *
to_wkt (Plan *p, const GEOSGeometry *geom)
{
  GEOSWKTWriter *w = GEOSWKTWriter_create_r (p->g);
  GEOSWKTWriter_setRoundingPrecision_r (p->g, w, 10);
  GEOSWKTWriter_setTrim_r (p->g, w, 1);
  char *s = GEOSWKTWriter_write_r (p->g, w, geom);
  char *out = g_strdup (s);
  GEOSFree_r (p->g, s);
  GEOSWKTWriter_destroy_r (p->g, w);
  return out;
}

static double
area_of (Plan *p, const GEOSGeometry *geom)
{
  double a = 0;
  if (geom == NULL || !GEOSArea_r (p->g, geom, &a))
    return 0;
  return a;
}

/* Thin walls (cam-wall-finish.c, the DFM review's own computation): every pocket op that finishes a
 * wall next to a thin-wall feature finishes it in axial steps small enough that the wall bends no
 * more than the deflection share of the tolerance; where even 1 µm steps cannot, the op says so, as
 * the DFM review's wall-deflection error does. */
static void
hold_thin_walls (Plan *p, const CamFeatureSet *fs)
{
  if (!(p->mat->young_gpa > 0))
    return;
  GEOSWKTReader *reader = GEOSWKTReader_create_r (p->g);
  for (guint i = 0; i < fs->features->len; i++)
    {
      const CamFeature *f = g_ptr_array_index (fs->features, i);
      if (f->kind != CAM_FEATURE_WALL || !(f->thickness_mm > 0) || !(f->height_mm > 0))
        continue;
      GEOSGeometry *at = GEOSGeom_createPointFromXY_r (p->g, f->thin_at[0], f->thin_at[1]);
      for (guint k = 0; at != NULL && k < p->job->ops->len; k++)
        {
          CamJobOp *op = cam_job_op (p->job, k);
          if (op->kind != CAM_JOB_OP_POCKET || !op->finish_walls || op->region_wkt == NULL)
            continue;
          GEOSGeometry *region = GEOSWKTReader_read_r (p->g, reader, op->region_wkt);
          double dist = INFINITY;
          if (region == NULL || !GEOSDistance_r (p->g, region, at, &dist))
            dist = INFINITY;
          if (region)
            GEOSGeom_destroy_r (p->g, region);
          if (dist > f->thickness_mm + 1e-3)
            continue;   /* this pocket does not touch that wall */
          const CamTool *tool = cam_job_tool (p->job, op->tool)->tool;
          CamEngagement limits;
          cam_engagement_init (&limits, CAM_CUT_SLOT);
          limits.tolerance_mm = p->job->tolerance_mm;
          limits.deflection_fraction = p->rules->deflection_fraction;
          if (p->opt->min_safety_factor > 0)
            limits.min_safety_factor = p->opt->min_safety_factor;
          double down = cam_cutting_safe_stepdown (tool, p->mat, p->machine, &limits, op->top_z - op->bottom_z, NULL);
          if (isfinite (op->stepdown_mm) && op->stepdown_mm > 0)
            down = MIN (down, op->stepdown_mm);
          double ae = op->stock_to_leave_mm > 0 ? op->stock_to_leave_mm : cam_wall_finish_stock_mm (tool);
          CamWall w = { f->thickness_mm, f->height_mm, f->length_mm > 0 ? f->length_mm : G_MAXDOUBLE,
                        p->mat->young_gpa };
          CamWallStep st;
          if (!(down > 0) || !cam_wall_finish_step (&w, tool, p->mat, p->machine, &limits, ae, down, &st)
              || st.usual_deflection_mm <= st.allowed_mm)
            continue;
          op->stepdown_mm = st.ap_mm;
          g_free (op->stepdown_reason);
          if (st.feasible)
            op->stepdown_reason = g_strdup_printf ("wall %s (%.3f mm thick, %.3f mm tall) finished in %.4f mm steps: at the usual "
                             "%.4f mm it would bend %.1f µm, %.1f µm allowed", f->id, f->thickness_mm, f->height_mm,
                             st.ap_mm, st.usual_ap_mm, 1000.0 * st.usual_deflection_mm, 1000.0 * st.allowed_mm);
          else
            op->stepdown_reason = g_strdup_printf ("wall %s (%.3f mm thick, %.3f mm tall) bends %.2f µm even in 1 µm steps, "
                             "%.1f µm allowed: no cutting pass holds it (DFM wall-deflection)", f->id,
                             f->thickness_mm, f->height_mm, 1000.0 * st.deflection_mm, 1000.0 * st.allowed_mm);
        }
      if (at)
        GEOSGeom_destroy_r (p->g, at);
    }
  GEOSWKTReader_destroy_r (p->g, reader);
}

/* opening(region, r) = buffer(buffer(region, −r), r): what a tool of radius r can reach. */
static GEOSGeometry *
opening (Plan *p, const GEOSGeometry *region, double r)
{
  GEOSGeometry *in = GEOSBuffer_r (p->g, region, -r, 16);
  if (in == NULL || area_of (p, in) < 1e-12)
    {
      if (in)
        GEOSGeom_destroy_r (p->g, in);
      return NULL;
    }
  GEOSGeometry *out = GEOSBuffer_r (p->g, in, r, 16);
  GEOSGeom_destroy_r (p->g, in);
  return out;
}

/* The smallest flat end mill that reaches and fits at all, the limits aside (to say why none is used). */
static const CamTool *
smallest_fitting_mill (Plan *p, const GEOSGeometry *region, double reach_depth)
{
  g_autoptr (GPtrArray) mills = flat_mills (p->lib);
  for (guint i = mills->len; i-- > 0;)
    {
      const CamTool *t = g_ptr_array_index (mills, i);
      if (t->reach_mm < reach_depth - 1e-9)
        continue;
      GEOSGeometry *reach = opening (p, region, 0.5 * t->d_mm);
      if (reach)
        {
          GEOSGeom_destroy_r (p->g, reach);
          return t;
        }
    }
  return NULL;
}

static void
plan_pocket (Plan *p, const CamFeature *f)
{
  CamJob *job = p->job;
  double oz = job->work_offset[2];
  GEOSGeometry *region = outline_polygon (p, f);
  if (region == NULL)
    {
      cam_job_add_unreachable (job, f->id, "no outline was recognised for this feature", f->center[0], f->center[1], 0);
      return;
    }
  double depth = f->top_z - f->bottom_z;
  /* the holder comes from the part's top: the reach is measured from there */
  double reach_depth = MAX (job->part_max[2], f->top_z) - f->bottom_z;
  /* Candidates: the end mills that reach the floor and keep every limit at the job's tolerance
   * (the DFM review's query), that fit somewhere; largest first. */
  g_autoptr (GPtrArray) mills = cam_dfm_pocket_mills (p->lib, p->mat, p->machine, job->tolerance_mm,
                                                      p->opt->min_safety_factor, reach_depth);
  g_autoptr (GPtrArray) fit = g_ptr_array_new ();
  GPtrArray *reach_of = g_ptr_array_new ();
  for (guint i = 0; i < mills->len; i++)
    {
      const CamTool *t = g_ptr_array_index (mills, i);
      if (fit->len && ((const CamTool *) g_ptr_array_index (fit, fit->len - 1))->d_mm <= t->d_mm + 1e-9)
        continue; /* same diameter, longer reach: the shorter one is stiffer */
      GEOSGeometry *reach = opening (p, region, 0.5 * t->d_mm);
      if (reach == NULL)
        continue;
      g_ptr_array_add (fit, (gpointer) t);
      g_ptr_array_add (reach_of, reach);
    }
  /* Largest tool first; then the largest tool that reaches as much as the smallest one
   * (what is left between them is thinner than the tolerance); one more in between when
   * they differ by more than 4× (the small tool would otherwise clear a lot). */
  g_autoptr (GArray) chosen = g_array_new (FALSE, FALSE, sizeof (guint));
  if (fit->len)
    {
      guint first = 0, last = fit->len - 1, fin = last;
      for (guint i = 0; i < fit->len; i++)
        {
          GEOSGeometry *d = GEOSDifference_r (p->g, g_ptr_array_index (reach_of, last), g_ptr_array_index (reach_of, i));
          GEOSGeometry *thick = d ? GEOSBuffer_r (p->g, d, -0.5 * p->job->tolerance_mm, 8) : NULL;
          gboolean same = area_of (p, thick) < 1e-12;
          if (d)
            GEOSGeom_destroy_r (p->g, d);
          if (thick)
            GEOSGeom_destroy_r (p->g, thick);
          if (same)
            {
              fin = i;
              break;
            }
        }
      g_array_append_val (chosen, first);
      if (fin != first)
        {
          double d1 = ((const CamTool *) g_ptr_array_index (fit, first))->d_mm;
          double df = ((const CamTool *) g_ptr_array_index (fit, fin))->d_mm;
          if (d1 / df > 4.0)
            {
              double want = sqrt (d1 * df);
              guint mid = first;
              double bd = INFINITY;
              for (guint i = first + 1; i < fin; i++)
                {
                  double dd = fabs (log (((const CamTool *) g_ptr_array_index (fit, i))->d_mm / want));
                  if (dd < bd)
                    bd = dd, mid = i;
                }
              if (mid != first)
                g_array_append_val (chosen, mid);
            }
          g_array_append_val (chosen, fin);
        }
    }
  GEOSGeometry *done = NULL;   /* area already cleared by a larger tool */
  double last_r = 0;
  gboolean any = FALSE;
  for (guint c = 0; c < chosen->len; c++)
    {
      guint i = g_array_index (chosen, guint, c);
      const CamTool *t = g_ptr_array_index (fit, i);
      GEOSGeometry *reach = GEOSGeom_clone_r (p->g, g_ptr_array_index (reach_of, i));
      CamJobOp *op = cam_job_add_op (job, CAM_JOB_OP_POCKET, add_tool (p, t));
      op->feature_id = g_strdup (f->id);
      op->region_wkt = to_wkt (p, region);
      if (done)
        op->rest_from_wkt = to_wkt (p, done);
      op->top_z = f->top_z - oz;
      op->bottom_z = f->bottom_z - oz;
      double stl = p->opt->stock_to_leave_mm >= 0 ? p->opt->stock_to_leave_mm : 0.01;
      op->stock_to_leave_mm = MIN (stl, 0.1 * t->d_mm);
      op->floor_stock_mm = MIN (stl, 0.25 * depth);
      any = TRUE;
      if (done)
        GEOSGeom_destroy_r (p->g, done);
      done = reach;
      last_r = 0.5 * t->d_mm;
    }
  for (guint i = 0; i < reach_of->len; i++)
    GEOSGeom_destroy_r (p->g, g_ptr_array_index (reach_of, i));
  g_ptr_array_unref (reach_of);
  const char *edm = p->mat->conductive ? p->rules->process_conductive : p->rules->process_nonconductive;
  if (!any)
    {
      g_autofree char *why = NULL;
      const CamTool *bare = smallest_fitting_mill (p, region, reach_depth);
      g_autofree char *limit = NULL;
      if (bare)
        {
          CamEngagement limits;
          cam_engagement_init (&limits, CAM_CUT_SLOT);
          limits.tolerance_mm = job->tolerance_mm;
          limits.min_safety_factor = p->opt->min_safety_factor;
          cam_cutting_safe_stepdown (bare, p->mat, p->machine, &limits, reach_depth, &limit);
        }
      if (bare && limit)
        why = g_strdup_printf ("the end mills that fit and reach %.3f mm deep cannot hold ±%.4f mm: %s; use %s or a "
                               "looser tolerance", reach_depth, job->tolerance_mm, limit, process_words (edm));
      else
        why = g_strdup_printf ("no end mill in the library fits (narrowest %.3f mm) and reaches %.3f mm deep",
                               f->min_width_mm, reach_depth);
      cam_job_add_unreachable (job, f->id, why, f->center[0], f->center[1], area_of (p, region))->process = g_strdup (edm);
    }
  else
    {
      GEOSGeometry *left = GEOSDifference_r (p->g, region, done);
      double la = area_of (p, left);
      GEOSGeometry *thick = left ? GEOSBuffer_r (p->g, left, -0.5 * p->job->tolerance_mm, 8) : NULL;
      gboolean negligible = area_of (p, thick) < 1e-12; /* nowhere thicker than the tolerance */
      if (thick)
        GEOSGeom_destroy_r (p->g, thick);
      if (!negligible)
        {
          double cx = f->center[0], cy = f->center[1];
          GEOSGeometry *c = GEOSPointOnSurface_r (p->g, left);
          if (c)
            {
              GEOSGeomGetX_r (p->g, c, &cx);
              GEOSGeomGetY_r (p->g, c, &cy);
              GEOSGeom_destroy_r (p->g, c);
            }
          /* the corner radius to ask for is the DFM review's: the tool radius and its margin */
          double ask = last_r * p->rules->corner_margin;
          g_autofree char *corners = isfinite (f->min_corner_radius_mm) && f->min_corner_radius_mm > 0
                                       ? g_strdup_printf ("internal corners of R%.3f mm", f->min_corner_radius_mm)
                                       : g_strdup ("sharp internal corners");
          g_autofree char *why = g_strdup_printf (
            "%.4f mm² left: %s or gaps narrower than the smallest end mill (Ø%.3f) that reaches %.3f mm deep "
            "within the limits; ask for corner radii ≥ %.3f mm or use %s",
            la, corners, 2 * last_r, reach_depth, ask, process_words (edm));
          cam_job_add_unreachable (job, f->id, why, cx, cy, la)->process = g_strdup (edm);
        }
      if (left)
        GEOSGeom_destroy_r (p->g, left);
    }
  if (done)
    GEOSGeom_destroy_r (p->g, done);
  GEOSGeom_destroy_r (p->g, region);
}

static void
plan_face_and_profile (Plan *p, const CamFeatureSet *fs)
{
  CamJob *job = p->job;
  double oz = job->work_offset[2];
  g_autoptr (GPtrArray) mills = flat_mills (p->lib);
  if (job->stock_max[2] > job->part_max[2] + 1e-6)
    {
      const CamTool *t = NULL;
      for (guint i = 0; i < mills->len && !t; i++)
        {
          const CamTool *c = g_ptr_array_index (mills, i);
          if (c->d_mm <= 3.0 + 1e-9)
            t = c;
        }
      if (t)
        {
          CamJobOp *op = cam_job_add_op (job, CAM_JOB_OP_FACE, add_tool (p, t));
          op->top_z = job->stock_max[2] - oz;
          op->bottom_z = job->part_max[2] - oz;
        }
    }
  for (guint i = 0; i < fs->features->len; i++)
    {
      const CamFeature *f = g_ptr_array_index (fs->features, i);
      if (f->kind != CAM_FEATURE_PROFILE)
        continue;
      GEOSGeometry *region = outline_polygon (p, f);
      if (region == NULL)
        continue;
      double box = (job->stock_max[0] - job->stock_min[0]) * (job->stock_max[1] - job->stock_min[1]);
      if (box - area_of (p, region) > 1e-4)
        {
          double height = f->top_z - f->bottom_z;
          const CamTool *t = NULL;
          for (guint k = 0; k < mills->len && !t; k++)
            {
              const CamTool *c = g_ptr_array_index (mills, k);
              if (c->reach_mm >= height && c->d_mm <= 3.0 + 1e-9)
                t = c;
            }
          if (t)
            {
              CamJobOp *op = cam_job_add_op (job, CAM_JOB_OP_PROFILE, add_tool (p, t));
              op->feature_id = g_strdup (f->id);
              op->side = CAM_SIDE_OUTSIDE;
              op->region_wkt = to_wkt (p, region);
              op->top_z = MIN (f->top_z, job->part_max[2]) - oz;
              op->bottom_z = f->bottom_z - oz;
              op->stock_to_leave_mm = 0.01;
              op->tabs = job->stock_min[2] >= f->bottom_z - 1e-9 ? 4 : 0;
              op->tab_height_mm = MIN (0.2, 0.25 * height);
              op->tab_width_mm = MAX (0.5, 2 * t->d_mm);
            }
          else
            cam_job_add_unreachable (job, f->id, "no end mill reaches the full height of the outer profile",
                                     f->center[0], f->center[1], 0)->process = g_strdup ("second-setup");
        }
      GEOSGeom_destroy_r (p->g, region);
    }
}

CamJob *
cam_plan_operations (CamMesh *mesh, const CamFeatureSet *fs, const CamLibrary *lib, const CamPlanOptions *opt_in,
                     GError **error)
{
  CamPlanOptions defaults;
  cam_plan_options_init (&defaults);
  const CamPlanOptions *opt = opt_in ? opt_in : &defaults;
  const CamMaterial *mat = cam_library_find_material (lib, opt->material_id);
  const CamMachine *machine = cam_library_find_machine (lib, opt->machine_id);
  if (mat == NULL)
    {
      g_set_error (error, CAM_ERROR, CAM_ERROR_INVALID, "unknown material '%s'", opt->material_id ? opt->material_id : "");
      return NULL;
    }
  if (machine == NULL)
    {
      g_set_error (error, CAM_ERROR, CAM_ERROR_INVALID, "unknown machine '%s'", opt->machine_id ? opt->machine_id : "");
      return NULL;
    }
  g_autoptr (CamJob) job = cam_job_new ();
  job->part_path = g_strdup (mesh->source_path);
  job->material_id = g_strdup (mat->id);
  job->machine_id = g_strdup (machine->id);
  job->tolerance_mm = opt->tolerance_mm > 0 ? opt->tolerance_mm : 0.01;
  job->finish_ra_um = opt->finish_ra_um > 0 ? opt->finish_ra_um : 0.8;
  job->origin = opt->origin;
  cam_job_set_stock_from_part (job, mesh->bounds.min, mesh->bounds.max, MAX (opt->stock_margin_mm, 0));
  if (mesh->source_path)
    {
      g_autofree char *data = NULL;
      gsize len = 0;
      if (g_file_get_contents (mesh->source_path, &data, &len, NULL))
        job->part_sha256 = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) data, len);
    }

  g_autoptr (CamDfmRules) builtin_rules = NULL;
  if (opt->rules == NULL && (builtin_rules = cam_dfm_rules_new_builtin (error)) == NULL)
    return NULL;
  Plan p = { .lib = lib, .job = job, .mat = mat, .machine = machine, .opt = opt,
             .rules = opt->rules ? opt->rules : builtin_rules };
  p.g = GEOS_init_r ();
  GEOSContext_setNoticeHandler_r (p.g, geos_quiet);
  GEOSContext_setErrorHandler_r (p.g, geos_quiet);
  plan_face_and_profile (&p, fs);
  /* the outer profile goes last: the part must stay held while it is machined */
  guint n_before = job->ops->len;
  CamJobOp *profile = NULL;
  for (guint i = 0; i < n_before; i++)
    if (cam_job_op (job, i)->kind == CAM_JOB_OP_PROFILE)
      profile = g_ptr_array_steal_index (job->ops, i);
  plan_holes (&p, fs);
  guint first_pocket = job->ops->len;
  for (guint i = 0; i < fs->features->len; i++)
    {
      const CamFeature *f = g_ptr_array_index (fs->features, i);
      if (f->kind == CAM_FEATURE_POCKET || f->kind == CAM_FEATURE_SLOT)
        plan_pocket (&p, f);
      else if (f->kind == CAM_FEATURE_UNDERCUT)
        cam_job_add_unreachable (job, f->id, "not reachable from +Z: needs another setup", f->center[0],
                                 f->center[1], 0)->process = g_strdup ("second-setup");
    }
  hold_thin_walls (&p, fs);
  /* One tool at a time: pocket ops by tool diameter, largest first (stable, so each
   * rest op still follows the larger tool's op of its pocket). */
  for (guint i = first_pocket + 1; i < job->ops->len; i++)
    for (guint j = i; j > first_pocket; j--)
      {
        CamJobOp *a = job->ops->pdata[j - 1], *b = job->ops->pdata[j];
        if (cam_job_tool (job, a->tool)->tool->d_mm >= cam_job_tool (job, b->tool)->tool->d_mm)
          break;
        job->ops->pdata[j - 1] = b;
        job->ops->pdata[j] = a;
      }
  if (profile)
    g_ptr_array_add (job->ops, profile);
  GEOS_finish_r (p.g);
  return g_steal_pointer (&job);
}

static const CamFeature *
feature_by_id (const CamFeatureSet *fs, const char *id)
{
  for (guint i = 0; i < fs->features->len; i++)
    {
      const CamFeature *f = g_ptr_array_index (fs->features, i);
      if (g_strcmp0 (f->id, id) == 0)
        return f;
    }
  return NULL;
}

CamJob *
cam_plan_job (CamMesh *mesh, const CamFeatureSet *fs, const CamLibrary *lib, const CamPlanOptions *opt_in,
              CamProgressFunc progress, gpointer progress_data, GCancellable *cancellable, GError **error)
{
  g_autoptr (CamJob) job = cam_plan_operations (mesh, fs, lib, opt_in, error);
  if (job == NULL)
    return NULL;
  CamPlanOptions defaults;
  cam_plan_options_init (&defaults);
  const CamPlanOptions *opt = opt_in ? opt_in : &defaults;
  CamGenContext ctx = { .job = job, .material = cam_library_find_material (lib, opt->material_id),
                        .machine = cam_library_find_machine (lib, opt->machine_id),
                        .min_safety_factor = opt->min_safety_factor, .cancellable = cancellable };
  if (!cam_job_generate (&ctx, progress, progress_data, error))
    return NULL;
  /* Ops that found nothing to cut are kept (visible), their warnings say why. */
  for (guint i = 0; i < job->ops->len; i++)
    {
      CamJobOp *op = cam_job_op (job, i);
      for (guint w = 0; w < op->warnings->len; w++)
        if (strstr (g_ptr_array_index (op->warnings, w), "does not fit"))
          cam_job_add_unreachable (job, op->feature_id, g_ptr_array_index (op->warnings, w), 0, 0, 0);
    }
  /* The promise: no op is emitted that cannot keep its limits. The tools were chosen so that one
   * can (cam_dfm_pocket_mills, the drilling plan); an op that still could not — or whose toolpath
   * has a move that breaks a limit (cam_gen_move_breach, the guard) — is taken out with every op of
   * its feature (a rest op depends on the larger tool's), and the feature is unreachable. */
  g_autoptr (GPtrArray) dropped = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < job->ops->len; i++)
    {
      CamJobOp *op = cam_job_op (job, i);
      if (op->not_cut == NULL && op->n_breaches == 0)
        continue;
      const CamJobTool *jt = cam_job_tool (job, op->tool);
      g_autofree char *why = op->not_cut
        ? g_strdup_printf ("%s with %s not cut: %s", cam_job_op_kind_to_string (op->kind), jt->spec, op->not_cut)
        : g_strdup_printf ("%s with %s not emitted: %u move%s would break a limit (%s)",
                           cam_job_op_kind_to_string (op->kind), jt->spec, op->n_breaches,
                           op->n_breaches == 1 ? "" : "s", op->first_breach);
      double x = 0, y = 0;
      const CamFeature *f = op->feature_id ? feature_by_id (fs, op->feature_id) : NULL;
      if (f)
        x = f->center[0], y = f->center[1];
      else if (op->holes->len)
        x = g_array_index (op->holes, CamJobHole, 0).x, y = g_array_index (op->holes, CamJobHole, 0).y;
      const CamMaterial *mat = ctx.material;
      CamUnreachable *u = cam_job_add_unreachable (job, op->feature_id, why, x, y, 0);
      g_autoptr (CamDfmRules) rules = opt->rules ? NULL : cam_dfm_rules_new_builtin (NULL);
      const CamDfmRules *R = opt->rules ? opt->rules : rules;
      if (R)
        u->process = g_strdup (mat->conductive ? R->process_conductive : R->process_nonconductive);
      g_ptr_array_add (dropped, g_strdup (op->feature_id ? op->feature_id : op->id));
    }
  if (dropped->len)
    {
      for (guint i = job->ops->len; i-- > 0;)
        {
          CamJobOp *op = cam_job_op (job, i);
          const char *key = op->feature_id ? op->feature_id : op->id;
          for (guint k = 0; k < dropped->len; k++)
            if (g_strcmp0 (g_ptr_array_index (dropped, k), key) == 0)
              {
                g_ptr_array_remove_index (job->ops, i);
                break;
              }
        }
      cam_job_join_toolpaths (job);
    }
  return g_steal_pointer (&job);
}
