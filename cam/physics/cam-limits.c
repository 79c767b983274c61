/* cam-limits.c — cam_cutting_evaluate() and the limit solver cam_cutting_recommend().
 *
 * Method. For fixed tool, material, machine, ap, ae and spindle speed n, every predicted quantity
 * rises monotonically with the chip load fz: force ∝ h^(1−mc) (Kienzle), deflection and stress ∝
 * force (linear beam), power ∝ force·n, feed = fz·z·n. Each limit is therefore one bound on fz:
 *
 *   fz ≤ fz_material                 the maker's chip-load table (× op factor, ÷ chip thinning)
 *   fz ≤ fz | δ_tip  = δ_allowed      deflection  (δ_allowed = fraction × feature tolerance; a drill: its bend at entry)
 *   fz ≤ fz | σv     = TRS / SF_min   breakage
 *   fz ≤ fz | P      = P_spindle      power
 *   fz ≤ vf_max / (z·n)              machine_max_feed
 *   fz ≥ h_min / thinning            ploughing (minimum chip thickness, a lower bound)
 *
 * Upper bounds are found by bisection on the full prediction (so the runout and ploughing terms
 * are included); the recommendation is the smallest upper bound, and that limit is "binding".
 * When the material's own table lies under the ploughing bound (typical for Ø < 0.2 mm tools in
 * steels, where chip load = k·D falls below k'·r_e), the chip load is raised to the ploughing
 * bound if every upper bound allows it: binding "ploughing". When the spindle caps n below the
 * material's cutting speed and the table sets fz, the binding limit is "spindle_max_rpm". If an
 * upper bound falls under the ploughing bound no feed satisfies both: since the force does not
 * fall below h_min, the chip is set at the ploughing bound, the exceeded limit is named binding and
 * CAM_CUT_WARN_INFEASIBLE says to reduce ap, ae or stick-out; when ap was not given the
 * solver first lowers ap until a feasible answer exists (and with optimise_ap / optimise_ae it scans
 * ap / ae for the largest removal rate ap·ae·vf).
 *
 * Defaults: tolerance 0.01 mm for finishing and drilling; roughing (slot, side, pocket) holds its
 * bend within the stock left for the finishing pass, min(0.05 mm, 0.1·D) unless given (stock_mm),
 * so a Ø0.05 tool may bend 2.5 µm, a Ø1 25 µm; deflection fraction 0.5
 * (deflection ≤ half the tolerance, the common "error budget" split between tool, machine and
 * measurement), minimum safety factor 2 on
 * TRS (brittle carbide under cyclic load; design choice, adjustable). Finishing aims at 0.7 × the
 * table chip (Sandvik Coromant Technical Guide: lower hex for finishing). Plunge/ramp feed is 25 %
 * of the cutting feed (makers' charts, e.g. Harvey Tool: reduced feed for plunging/ramping).
 * References: see cam-feeds.c, cam-force.c, cam-deflection.c, cam-finish.c, cam-drill.c. */
#include "cam-cutting-private.h"

#include <math.h>
#include <string.h>

#include "cam-error.h"

#define DEFAULT_TOLERANCE_MM 0.01
#define DEFAULT_ROUGHING_TOLERANCE_MM 0.05
#define ROUGHING_STOCK_D 0.1
#define DEFAULT_DEFLECTION_FRACTION 0.5
#define DEFAULT_MIN_SF 2.0
#define FINISH_CHIP_FACTOR 0.7
#define PLUNGE_FACTOR 0.25
#define PLOUGH_MARGIN 1.02
#define MAX_THINNING_COMPENSATION 5.0
/* The least axial depth worth cutting: a few minimum chips (below it the edge rounding takes the
 * whole depth: rubbing, not cutting; Liu, DeVor & Kapoor 2006, see the materials' minimum chip),
 * never under 1 µm. And the most levels a pocket may take before the plan says the tool cannot do
 * it in practice (design choice: 200 levels of a 0.3 mm deep pocket is 1.5 µm each). */
#define MIN_USEFUL_AP_MM 0.001
#define MIN_USEFUL_AP_HMIN 5.0
#define MAX_STEPDOWN_LEVELS 200.0

typedef struct {
  const CamTool *tool;
  const CamMaterial *mat;
  const CamMachine *machine;
  CamCutKind op;
  double ap, ae, depth;
  CamDrillEntry entry;
  double allowed_mm, min_sf;
  double rpm;
  gboolean rpm_given, fz_given, ap_given, ae_given;
  gboolean rpm_capped, rpm_raised;
  double thin;          /* radial chip thinning factor (drill: sin κ) */
  double helix;         /* peak force of the helical flutes / straight ones (cam-force.c) */
  double fz_table;      /* programmed fz from the material table */
  double fz_plough;     /* programmed fz at which h_max = h_min */
  CamDrillPlan sched;   /* drilling: the cycle and pecks, chosen from the torque limit (cam-drill.c) */
  double packed;        /* drilling: the chip column that schedule leaves in the flutes */
} Ctx;

static gboolean
invalid (GError **error, const char *fmt, double v, double w)
{
  g_set_error (error, CAM_ERROR, CAM_ERROR_INVALID, fmt, v, w);
  return FALSE;
}

static gboolean
bad_number (double v)
{
  return !isfinite (v) || v < 0;
}

static void
set_ap_dependent (Ctx *c)
{
  const CamTool *t = c->tool;
  if (c->op == CAM_CUT_DRILL)
    {
      double kappa = MIN (t->point_angle_deg, 179.0) / 2.0 * G_PI / 180.0;
      c->thin = sin (kappa);
      c->fz_table = cam_material_drill_feed (c->mat, t->d_mm) / MAX (t->flutes, 1);
    }
  else
    {
      c->thin = cam_feeds_thinning_factor (c->ae, t->d_mm);
      double h_target = cam_material_chip_load (c->mat, t->d_mm) * (c->op == CAM_CUT_FINISH ? FINISH_CHIP_FACTOR : 1.0);
      /* Chip-thinning compensation stops at 5× (Harvey Tool's radial chip thinning chart ends at
       * ae = 1 % of D, factor 5.03): lighter cuts keep that feed and their chip thins. */
      c->fz_table = h_target / MAX (c->thin, 1.0 / MAX_THINNING_COMPENSATION);
      c->helix = cam_force_helix_factor (t->d_mm, t->flutes, t->helix_deg, c->ap, c->ae, c->mat->mc,
                                         c->mat->kr_ratio);
    }
  c->fz_plough = cam_feeds_min_chip (c->mat, t) / c->thin;
}

static gboolean
resolve (Ctx *c, const CamTool *tool, const CamMaterial *mat, const CamMachine *machine,
         const CamEngagement *eng, GError **error)
{
  memset (c, 0, sizeof *c);
  c->tool = tool;
  c->mat = mat;
  c->machine = machine;
  c->op = eng->op;
  double D = tool->d_mm;
  if (bad_number (eng->ap_mm) || bad_number (eng->ae_mm) || bad_number (eng->depth_mm) || bad_number (eng->fz_mm)
      || bad_number (eng->stock_mm)
      || bad_number (eng->rpm) || bad_number (eng->tolerance_mm) || bad_number (eng->max_deflection_mm)
      || bad_number (eng->deflection_fraction) || bad_number (eng->min_safety_factor))
    {
      g_set_error (error, CAM_ERROR, CAM_ERROR_INVALID,
                   "ap, ae, depth, fz, rpm, tolerance and deflection must be finite and ≥ 0");
      return FALSE;
    }
  if ((guint) eng->op > CAM_CUT_DRILL)
    {
      g_set_error (error, CAM_ERROR, CAM_ERROR_INVALID, "unknown operation %d", (int) eng->op);
      return FALSE;
    }
  if ((guint) eng->drill_entry > CAM_DRILL_ENTRY_FLAT)
    {
      g_set_error (error, CAM_ERROR, CAM_ERROR_INVALID, "unknown drill entry %d", (int) eng->drill_entry);
      return FALSE;
    }
  gboolean mill = cam_tool_is_mill (tool);
  if (eng->op == CAM_CUT_DRILL && mill)
    {
      g_set_error (error, CAM_ERROR, CAM_ERROR_INVALID,
                   "a %s end mill does not drill: use a drill or spot drill tool for --op drill",
                   cam_tool_kind_to_string (tool->kind));
      return FALSE;
    }
  if (eng->op != CAM_CUT_DRILL && !mill)
    {
      g_set_error (error, CAM_ERROR, CAM_ERROR_INVALID, "a %s cannot mill (--op %s): use an end mill",
                   tool->kind == CAM_TOOL_SPOT ? "spot drill" : "drill", cam_cut_kind_to_string (eng->op));
      return FALSE;
    }

  if (eng->op == CAM_CUT_DRILL)
    {
      c->depth = eng->depth_mm > 0 ? eng->depth_mm : (tool->kind == CAM_TOOL_SPOT ? 0.4 * D : 3.0 * D);
      c->entry = eng->drill_entry;
    }
  else
    {
      c->ap_given = eng->ap_mm > 0;
      if (c->ap_given && eng->ap_mm > tool->loc_mm + 1e-9)
        return invalid (error, "ap %.4g mm is beyond the tool's length of cut %.4g mm", eng->ap_mm, tool->loc_mm);
      double ap_d = eng->op == CAM_CUT_SLOT ? cam_feeds_slot_ap_ratio (tool, mat) : mat->ap_side_d;
      c->ap = c->ap_given ? eng->ap_mm : MIN (ap_d * D, tool->loc_mm);
      if (eng->ae_mm > D + 1e-9)
        return invalid (error, "ae %.4g mm is wider than the tool diameter %.4g mm", eng->ae_mm, D);
      if (eng->op == CAM_CUT_SLOT)
        c->ae = D;
      else if (eng->ae_mm > 0)
        {
          c->ae = eng->ae_mm;
          c->ae_given = TRUE;
        }
      else
        c->ae = (eng->op == CAM_CUT_FINISH ? mat->ae_finish_d : mat->ae_side_d) * D;
    }
  gboolean roughing = eng->op == CAM_CUT_SLOT || eng->op == CAM_CUT_SIDE || eng->op == CAM_CUT_POCKET;
  double frac = eng->deflection_fraction > 0 ? eng->deflection_fraction : DEFAULT_DEFLECTION_FRACTION;
  double tol;
  if (eng->tolerance_mm > 0)
    tol = eng->tolerance_mm;
  else if (roughing)
    {
      /* A roughing pass with no tolerance of its own must leave the finishing pass its stock: its
       * bend is a share of the stock left, which scales with the tool (at most 0.1·D, the planner's
       * rule, and 0.05 mm) — not one 25 µm for every tool, half the diameter of a Ø0.05. */
      tol = eng->stock_mm > 0 ? eng->stock_mm : MIN (DEFAULT_ROUGHING_TOLERANCE_MM, ROUGHING_STOCK_D * D);
    }
  else
    tol = DEFAULT_TOLERANCE_MM;
  c->allowed_mm = eng->max_deflection_mm > 0 ? eng->max_deflection_mm : frac * tol;
  c->min_sf = eng->min_safety_factor > 0 ? eng->min_safety_factor : DEFAULT_MIN_SF;

  c->rpm_given = eng->rpm > 0;
  if (c->rpm_given)
    {
      if (eng->rpm > machine->rpm_max * (1 + 1e-9))
        return invalid (error, "rpm %.0f is above the machine's maximum %.0f", eng->rpm, machine->rpm_max);
      if (eng->rpm < machine->rpm_min * (1 - 1e-9))
        return invalid (error, "rpm %.0f is below the machine's minimum %.0f", eng->rpm, machine->rpm_min);
      c->rpm = eng->rpm;
    }
  else
    c->rpm = cam_feeds_recommended_rpm (tool, mat, machine, eng->op, &c->rpm_capped, &c->rpm_raised);
  c->fz_given = eng->fz_mm > 0;
  set_ap_dependent (c);
  if (c->op == CAM_CUT_DRILL)
    {
      /* The pecks follow from the torque limit at the feed the solver aims for: the given one, or
       * the highest it would try (the table, raised to the ploughing bound), so that the chips do
       * not cost that feed where shorter pecks can spare it. */
      double fz_aim = c->fz_given ? eng->fz_mm : MAX (c->fz_table, c->fz_plough * PLOUGH_MARGIN);
      cam_drill_schedule (tool, mat, machine, c->entry, c->rpm, fz_aim, c->min_sf, c->depth, &c->sched);
      c->packed = cam_drill_packed_depth (&c->sched);
    }
  return TRUE;
}

/* Every prediction at chip load fz (programmed, per tooth). */
static void
predict (const Ctx *c, double fz, CamCutResult *r)
{
  const CamTool *t = c->tool;
  const CamMaterial *m = c->mat;
  CamDrillPlan keep = r->drill;
  memset (r, 0, sizeof *r);
  r->drill = keep;
  r->op = c->op;
  r->allowed_deflection_um = c->allowed_mm * 1000.0;
  if (c->op == CAM_CUT_DRILL)
    {
      cam_drill_predict (t, m, c->machine, c->entry, c->rpm, fz, c->packed, r);
      return;
    }
  double D = t->d_mm;
  double tir = c->machine->runout_um * 1e-3;
  r->rpm = c->rpm;
  r->vc_m_min = cam_feeds_vc_at (t, c->rpm, c->ap);
  r->fz_mm = fz;
  r->feed_per_rev_mm = fz * t->flutes;
  r->feed_mm_min = r->feed_per_rev_mm * c->rpm;
  r->plunge_mm_min = PLUNGE_FACTOR * r->feed_mm_min;
  r->ap_mm = c->ap;
  r->ae_mm = c->ae;
  double phi = cam_feeds_engagement_angle (c->ae, D);
  r->engagement_deg = phi * 180.0 / G_PI;
  r->mrr_mm3_min = c->ap * c->ae * r->feed_mm_min;

  /* Chip (cam-feeds.c). */
  r->h_max_mm = fz * c->thin;
  r->h_mean_mm = cam_feeds_mean_chip (fz, c->ae, D);
  r->h_peak_mm = cam_feeds_peak_chip (r->h_max_mm, tir * c->thin, t->flutes);
  r->h_min_mm = cam_feeds_min_chip (m, t);

  /* Force (cam-force.c): peak on the heaviest flute, mean over the flutes in cut. Below h_min the
   * edge ploughs and the force stays at its h_min value. */
  double kr = sqrt (1.0 + m->kr_ratio * m->kr_ratio);
  r->fc_peak_n = cam_force_kienzle (m->kc11_n_mm2, m->mc, c->ap, MAX (r->h_peak_mm, r->h_min_mm));
  /* helical flutes: only part of ap cuts at once in a light radial cut (cam_force_helix_factor) */
  r->force_n = r->fc_peak_n * kr * c->helix;
  double z_in_cut = t->flutes * phi / (2.0 * G_PI);
  double fc_mean = z_in_cut * cam_force_kienzle (m->kc11_n_mm2, m->mc, c->ap, MAX (r->h_mean_mm, r->h_min_mm));
  r->force_mean_n = fc_mean * kr;
  r->torque_nmm = fc_mean * D / 2.0;
  r->power_w = r->torque_nmm * 2.0 * G_PI * c->rpm / 60.0 / 1000.0;

  /* Tool (cam-deflection.c): load at the middle of the engaged flute length. */
  double load_at = c->ap / 2.0;
  double tip = cam_deflection_at (t, r->force_n, load_at, 0.0);
  double top = cam_deflection_at (t, r->force_n, load_at, c->ap);
  r->deflection_um = tip * 1000.0;
  r->wall_taper_um = fabs (tip - top) * 1000.0;
  double torque_peak = r->fc_peak_n * D / 2.0 * MAX (1.0, z_in_cut);
  r->stress_mpa = cam_deflection_stress (t, r->force_n, load_at, torque_peak);
  r->safety_factor = r->stress_mpa > 0 ? t->trs_mpa / r->stress_mpa : G_MAXDOUBLE;

  /* Finish (cam-finish.c). */
  CamFinishSurfaces fs;
  cam_finish_surfaces (t, fz, c->ae, r->h_max_mm, r->h_min_mm, tir * c->thin, m->mc, tip,
                       fabs (tip - top), &fs);
  r->mark_spacing_mm = fs.mark_mm;
  r->rt_floor_um = fs.floor_rt_mm * 1000.0;
  r->rt_wall_um = fs.wall_rt_mm * 1000.0;
  r->ra_floor_um = cam_finish_ra_from_rt (fs.floor_rt_mm) * 1000.0;
  r->ra_wall_um = cam_finish_ra_from_rt (fs.wall_rt_mm) * 1000.0;
  gboolean floor = c->op == CAM_CUT_FINISH && (t->kind == CAM_TOOL_BALL || t->kind == CAM_TOOL_BULL);
  gboolean both = c->op == CAM_CUT_SLOT || c->op == CAM_CUT_POCKET;
  gboolean floor_rougher = r->rt_floor_um > r->rt_wall_um;
  gboolean use_floor = floor || (both && floor_rougher);
  r->rt_um = use_floor ? r->rt_floor_um : r->rt_wall_um;
  r->ra_um = use_floor ? r->ra_floor_um : r->ra_wall_um;
  r->finish_class = cam_finish_class_for_ra (r->ra_um);
}

typedef enum { CHECK_DEFLECTION, CHECK_BREAKAGE, CHECK_POWER } Check;

static gboolean
within (const Ctx *c, Check check, const CamCutResult *r)
{
  switch (check)
    {
    case CHECK_DEFLECTION: return r->deflection_um <= c->allowed_mm * 1000.0;
    case CHECK_BREAKAGE: return r->safety_factor >= c->min_sf;
    case CHECK_POWER:
    default: return r->power_w <= c->machine->power_w;
    }
}

/* Largest fz in (0, hi] that keeps the check, by bisection in log space; 0 when none does. */
static double
upper_bound (const Ctx *c, Check check, double hi)
{
  CamCutResult r = { 0 };
  predict (c, hi, &r);
  if (within (c, check, &r))
    return hi;
  double lo = hi * 1e-6;
  predict (c, lo, &r);
  if (!within (c, check, &r))
    return 0.0;
  for (int i = 0; i < 60 && hi / lo > 1.0 + 1e-9; i++)
    {
      double mid = sqrt (lo * hi);
      predict (c, mid, &r);
      if (within (c, check, &r))
        lo = mid;
      else
        hi = mid;
    }
  return lo;
}

static void
flag_warnings (const Ctx *c, CamCutResult *r)
{
  const CamTool *t = c->tool;
  const CamMaterial *m = c->mat;
  double tir = c->machine->runout_um * 1e-3;
  if (c->op != CAM_CUT_DRILL && c->ae < CAM_CUT_SKIM_AE_D * t->d_mm)
    r->warnings |= CAM_CUT_WARN_SKIM;
  else if (r->h_max_mm < r->h_min_mm * (1 - 1e-6))
    r->warnings |= CAM_CUT_WARN_PLOUGHING;
  if (c->op != CAM_CUT_DRILL && t->flutes >= 2 && tir * c->thin >= 0.5 * r->h_max_mm)
    r->warnings |= CAM_CUT_WARN_RUNOUT;
  if (r->deflection_um > c->allowed_mm * 1000.0 * (1 + 1e-6))
    r->warnings |= CAM_CUT_WARN_DEFLECTION;
  if (r->safety_factor < c->min_sf * (1 - 1e-6))
    r->warnings |= CAM_CUT_WARN_BREAKAGE;
  if (r->power_w > c->machine->power_w * (1 + 1e-6))
    r->warnings |= CAM_CUT_WARN_POWER;
  if (r->feed_mm_min > c->machine->max_feed_mm_min * (1 + 1e-6))
    r->warnings |= CAM_CUT_WARN_MAX_FEED;
  if (c->rpm_capped)
    r->warnings |= CAM_CUT_WARN_RPM_CAPPED;
  if (c->rpm_raised)
    r->warnings |= CAM_CUT_WARN_RPM_RAISED;
  if (c->op != CAM_CUT_DRILL)
    {
      double ap_d = c->op == CAM_CUT_SLOT ? cam_feeds_slot_ap_ratio (t, m) : m->ap_side_d;
      if (c->ap > ap_d * t->d_mm * (1 + 1e-6))
        r->warnings |= CAM_CUT_WARN_AP_LIMIT;
      double ae_d = c->op == CAM_CUT_FINISH ? MAX (m->ae_finish_d, m->ae_side_d) : m->ae_side_d;
      if (c->op != CAM_CUT_SLOT && c->ae > ae_d * t->d_mm * (1 + 1e-6))
        r->warnings |= CAM_CUT_WARN_AE_LIMIT;
    }
  if (t->material == CAM_TOOL_HSS && m->vc_hss_max <= 0)
    r->warnings |= CAM_CUT_WARN_HSS_UNSUITABLE;
  /* A chamfer mill edges and deburrs; a spot drill only spots. */
  if ((t->kind == CAM_TOOL_CHAMFER && c->op != CAM_CUT_FINISH)
      || (t->kind == CAM_TOOL_SPOT && c->depth > 0.5 * t->d_mm))
    r->warnings |= CAM_CUT_WARN_TOOL_KIND;
  /* The material's recommendation is the table chip, raised to the ploughing bound where the
   * table lies under it (what cam_cutting_recommend itself programs, see solve) — one rule for the
   * solver and for a program's review. */
  if (c->fz_given && r->fz_mm > MAX (c->fz_table, c->fz_plough * PLOUGH_MARGIN) * (1 + 1e-6))
    r->warnings |= CAM_CUT_WARN_CHIP_LOAD_HIGH;
  double vmax = c->op == CAM_CUT_DRILL ? m->vc_drill_max
                : t->material == CAM_TOOL_HSS && m->vc_hss_max > 0 ? m->vc_hss_max : m->vc_carbide_max;
  if (c->rpm_given && r->vc_m_min > vmax * (1 + 1e-6))
    r->warnings |= CAM_CUT_WARN_VC_HIGH;
  if (c->op == CAM_CUT_DRILL)
    cam_drill_fill_plan (t, m, &c->sched, r);
}

/* The limit closest to being hit (or most exceeded) at this prediction. */
static CamLimit
closest_limit (const Ctx *c, const CamCutResult *r)
{
  struct { CamLimit limit; double ratio; } all[] = {
    { CAM_LIMIT_MATERIAL, c->fz_table > 0 ? r->fz_mm / c->fz_table : 0 },
    { CAM_LIMIT_DEFLECTION, c->allowed_mm > 0 ? r->deflection_um / (c->allowed_mm * 1000.0) : 0 },
    { CAM_LIMIT_BREAKAGE, r->safety_factor > 0 ? c->min_sf / r->safety_factor : G_MAXDOUBLE },
    { CAM_LIMIT_POWER, r->power_w / c->machine->power_w },
    { CAM_LIMIT_MACHINE_MAX_FEED, r->feed_mm_min / c->machine->max_feed_mm_min },
    { CAM_LIMIT_PLOUGHING, r->h_max_mm > 0 ? r->h_min_mm / r->h_max_mm : G_MAXDOUBLE },
  };
  guint best = 0;
  for (guint i = 1; i < G_N_ELEMENTS (all); i++)
    if (all[i].ratio > all[best].ratio)
      best = i;
  CamLimit limit = all[best].limit;
  if (limit == CAM_LIMIT_MATERIAL && c->rpm_capped)
    limit = CAM_LIMIT_SPINDLE_MAX_RPM;
  return limit;
}

gboolean
cam_cutting_evaluate (const CamTool *tool, const CamMaterial *mat, const CamMachine *machine,
                      const CamEngagement *eng, CamCutResult *out, GError **error)
{
  g_return_val_if_fail (tool && mat && machine && eng && out, FALSE);
  Ctx c;
  if (!resolve (&c, tool, mat, machine, eng, error))
    return FALSE;
  double fz = c.fz_given ? eng->fz_mm : c.fz_table;
  memset (out, 0, sizeof *out);
  predict (&c, fz, out);
  flag_warnings (&c, out);
  out->binding_limit = closest_limit (&c, out);
  return TRUE;
}

/* Solves fz at the context's ap; returns FALSE when no fz meets every limit. */
static gboolean
solve (const Ctx *c, CamCutResult *out)
{
  double upper = c->fz_table;
  CamLimit binding = CAM_LIMIT_MATERIAL;
  /* Search up to the larger of the table and the ploughing bound (ploughing may need more). */
  double hi = MAX (c->fz_table, c->fz_plough * PLOUGH_MARGIN);
  double others = G_MAXDOUBLE;
  CamLimit others_limit = CAM_LIMIT_MATERIAL;
  const struct { Check check; CamLimit limit; } checks[] = {
    { CHECK_DEFLECTION, CAM_LIMIT_DEFLECTION },
    { CHECK_BREAKAGE, CAM_LIMIT_BREAKAGE },
    { CHECK_POWER, CAM_LIMIT_POWER },
  };
  for (guint i = 0; i < G_N_ELEMENTS (checks); i++)
    {
      /* A drill's sideways bend at entry (lip imbalance, or the holder's runout once seated in a
       * spot) is where the hole starts: a position error, held to the same share of the tolerance
       * as a mill's bend (thrust, and with it the bend, falls with the feed). */
      double u = upper_bound (c, checks[i].check, hi);
      if (u < others)
        {
          others = u;
          others_limit = checks[i].limit;
        }
    }
  double feed_cap = c->machine->max_feed_mm_min / (MAX (c->tool->flutes, 1) * c->rpm);
  if (feed_cap < others)
    {
      others = feed_cap;
      others_limit = CAM_LIMIT_MACHINE_MAX_FEED;
    }
  if (others < upper)
    {
      upper = others;
      binding = others_limit;
    }
  else if (c->rpm_capped)
    binding = CAM_LIMIT_SPINDLE_MAX_RPM;

  double plough = c->fz_plough * PLOUGH_MARGIN;
  /* A skim (contact under 1 % of D) makes no chip at any feed: the chip is not raised for it, the
   * table's (thinning-compensated, at most 5×) feed stands. */
  if (c->op != CAM_CUT_DRILL && c->ae < CAM_CUT_SKIM_AE_D * c->tool->d_mm)
    plough = 0;
  gboolean feasible = TRUE;
  double fz = upper;
  if (upper < plough)
    {
      if (others >= plough)
        {
          fz = plough;             /* the table is under the ploughing limit: raise the chip */
          binding = CAM_LIMIT_PLOUGHING;
        }
      else
        {
          /* A tool limit is exceeded even at the minimum chip. Below h_min the force no longer
           * falls (the edge ploughs), so a thinner chip would not help: cut at the ploughing
           * bound and report the exceeded limit. */
          feasible = FALSE;
          fz = MAX (upper, plough);
          binding = others_limit;   /* the limit exceeded, not the table's */
        }
    }
  if (!(fz > 0))
    {
      fz = c->fz_table;
      feasible = FALSE;
    }
  memset (out, 0, sizeof *out);
  predict (c, fz, out);
  flag_warnings (c, out);
  out->binding_limit = binding;
  if (!feasible)
    out->warnings |= CAM_CUT_WARN_INFEASIBLE;
  return feasible;
}

gboolean
cam_cutting_recommend (const CamTool *tool, const CamMaterial *mat, const CamMachine *machine,
                       const CamEngagement *eng, CamCutResult *out, GError **error)
{
  g_return_val_if_fail (tool && mat && machine && eng && out, FALSE);
  Ctx c;
  if (!resolve (&c, tool, mat, machine, eng, error))
    return FALSE;
  if (c.fz_given)
    return cam_cutting_evaluate (tool, mat, machine, eng, out, error);
  gboolean feasible = solve (&c, out);
  if (c.op == CAM_CUT_DRILL)
    return TRUE;
  /* ap not given: scan it down (20 steps) when asked (optimise_ap) or when no feed works at the
   * default ap. ae not given and optimise_ae (side, pocket, finish): scan it too (10 steps).
   * The best removal rate ap·ae·vf among the feasible answers wins. */
  gboolean scan_ap = !c.ap_given && (eng->optimise_ap || !feasible);
  gboolean scan_ae = !c.ae_given && eng->optimise_ae && c.op != CAM_CUT_SLOT;
  if (!scan_ap && !scan_ae)
    return TRUE;
  double ap_max = c.ap, ae_max = c.ae;
  int nk = scan_ap ? 20 : 1, nj = scan_ae ? 10 : 1;
  gboolean first_feasible_is_enough = !eng->optimise_ap && !scan_ae;
  CamCutResult best = *out;
  gboolean best_feasible = feasible;
  for (int k = nk; k >= 1; k--)
    {
      for (int j = nj; j >= 1; j--)
        {
          if (k == nk && j == nj)
            continue;   /* solved above */
          Ctx ck = c;
          ck.ap = ap_max * k / nk;
          ck.ae = ae_max * j / nj;
          set_ap_dependent (&ck);
          CamCutResult r;
          gboolean ok = solve (&ck, &r);
          if (ok && (!best_feasible || r.mrr_mm3_min > best.mrr_mm3_min * (1 + 1e-9)))
            {
              best = r;
              best_feasible = TRUE;
            }
        }
      if (first_feasible_is_enough && best_feasible)
        break;   /* the largest feasible ap is enough */
    }
  *out = best;
  return TRUE;
}

double
cam_cutting_max_feasible_ap (const CamTool *tool, const CamMaterial *mat, const CamMachine *machine,
                             const CamEngagement *eng, double ap_min, double ap_max)
{
  g_return_val_if_fail (tool && mat && machine && eng, 0.0);
  if (eng->op == CAM_CUT_DRILL || !(ap_max > 0) || !(ap_min > 0))
    return 0.0;
  ap_max = MIN (ap_max, tool->loc_mm);
  if (ap_min > ap_max)
    return 0.0;
  CamEngagement e = *eng;
  e.ap_mm = ap_max;
  e.fz_mm = 0;
  Ctx c;
  if (!resolve (&c, tool, mat, machine, &e, NULL))
    return 0.0;
  CamCutResult r;
  if (solve (&c, &r))
    return ap_max;
  c.ap = ap_min;
  set_ap_dependent (&c);
  if (!solve (&c, &r))
    return 0.0;
  /* Feasibility falls as ap rises (the force is linear in ap, Kienzle's chip width): bisection. */
  double lo = ap_min, hi = ap_max;
  for (int i = 0; i < 40 && hi - lo > 1e-5 * hi; i++)
    {
      double mid = 0.5 * (lo + hi);
      c.ap = mid;
      set_ap_dependent (&c);
      if (solve (&c, &r))
        lo = mid;
      else
        hi = mid;
    }
  return lo;
}

double
cam_cutting_min_useful_ap (const CamTool *tool, const CamMaterial *mat)
{
  return MAX (MIN_USEFUL_AP_MM, MIN_USEFUL_AP_HMIN * cam_feeds_min_chip (mat, tool));
}

double
cam_cutting_safe_stepdown (const CamTool *tool, const CamMaterial *mat, const CamMachine *machine,
                           const CamEngagement *limits, double depth_mm, char **why)
{
  g_return_val_if_fail (tool && mat && machine && limits, 0.0);
  if (why)
    *why = NULL;
  CamEngagement slot = *limits;
  slot.op = CAM_CUT_SLOT;
  slot.ae_mm = 0;
  slot.ap_mm = 0;
  slot.fz_mm = 0;
  double cap = MIN (cam_feeds_slot_ap_ratio (tool, mat) * tool->d_mm, tool->loc_mm);
  if (depth_mm > 0)
    cap = MIN (cap, depth_mm);
  double ap_min = MIN (cam_cutting_min_useful_ap (tool, mat), cap);
  double ap = cam_cutting_max_feasible_ap (tool, mat, machine, &slot, ap_min, cap);
  if (ap <= 0)
    {
      if (why)
        {
          CamEngagement e = slot;
          e.ap_mm = ap_min;
          CamCutResult r;
          if (cam_cutting_recommend (tool, mat, machine, &e, &r, NULL))
            *why = g_strdup_printf ("at an axial depth of %.4f mm (the least that still cuts) a Ø%.3f mm end mill in %s "
                                    "would deflect %.2f µm (allowed %.2f µm) with safety factor %.2f",
                                    ap_min, tool->d_mm, mat->id, r.deflection_um, r.allowed_deflection_um,
                                    r.safety_factor);
          else
            *why = g_strdup_printf ("no cut of a Ø%.3f mm end mill in %s keeps the limits", tool->d_mm, mat->id);
        }
      return 0.0;
    }
  if (depth_mm > 0 && depth_mm / ap > MAX_STEPDOWN_LEVELS)
    {
      if (why)
        *why = g_strdup_printf ("a Ø%.3f mm end mill in %s keeps its limits only at %.4f mm a level: %.0f levels for "
                                "%.3f mm", tool->d_mm, mat->id, ap, ceil (depth_mm / ap), depth_mm);
      return 0.0;
    }
  return ap;
}
