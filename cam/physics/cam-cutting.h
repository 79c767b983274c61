/* cam-cutting.h — micro-cutting physics: feeds and speeds, force, deflection, breakage,
 * finish, drilling, and the limit solver. Pure functions of (tool, material, machine,
 * engagement); no state, no allocation in the per-move path.
 *
 * Implementation, one concept per file (each cites its sources at the top):
 *   cam-feeds.c       spindle speed, chip load, radial chip thinning, ploughing, runout
 *   cam-force.c       Kienzle force on mean and peak chip, torque, power
 *   cam-deflection.c  stepped cantilever tip deflection, bending/torsion stress, safety factor
 *   cam-finish.c      feed marks, scallops, Ra/Rt, finish classes, wall error
 *   cam-drill.c       drilling: rpm, feed/rev, thrust, pecks, cycle, process choice
 *   cam-limits.c      cam_cutting_evaluate / cam_cutting_recommend (the limit solver)
 *   cam-cutting.c     enums, engagement defaults, warnings in words
 *
 * Typical per-move use by a toolpath:
 *   CamEngagement eng;
 *   cam_engagement_init (&eng, CAM_CUT_SIDE);
 *   eng.ap_mm = 0.05; eng.ae_mm = 0.02; eng.fz_mm = plan.fz_mm; eng.rpm = plan.rpm;
 *   CamCutResult r;
 *   if (cam_cutting_evaluate (tool, mat, machine, &eng, &r, &error)) … r.force_n, r.deflection_um …
 * and per operation:
 *   cam_cutting_recommend (tool, mat, machine, &eng, &plan, &error);  → plan.rpm, plan.fz_mm, … */
#pragma once

#include <glib.h>

#include "cam-cycle.h"
#include "cam-machine.h"
#include "cam-material.h"
#include "cam-tool.h"

G_BEGIN_DECLS

typedef enum {
  CAM_CUT_SLOT,     /* full-width slot, ae = D */
  CAM_CUT_SIDE,     /* side (peripheral) milling, ae < D */
  CAM_CUT_POCKET,   /* pocket clearing: like side milling at the material's ae */
  CAM_CUT_FINISH,   /* finishing pass: light ae, low chip load for the finish */
  CAM_CUT_DRILL,    /* drilling with a drill (or spot drill) */
} CamCutKind;

const char *cam_cut_kind_to_string   (CamCutKind op);                       /* "slot" … */
gboolean    cam_cut_kind_from_string (const char *s, CamCutKind *out);

/* The limit that sets the recommended feed. Strings (cam_limit_to_string) are a
 * contract with the CLI's JSON: "material", "spindle_max_rpm", "deflection", "breakage",
 * "ploughing", "power", "machine_max_feed". */
typedef enum {
  CAM_LIMIT_MATERIAL,         /* the material's chip-load table at full spindle speed */
  CAM_LIMIT_SPINDLE_MAX_RPM,  /* chip load at the table value but speed capped by the spindle */
  CAM_LIMIT_DEFLECTION,       /* tip deflection at the allowed value */
  CAM_LIMIT_BREAKAGE,         /* bending/torsion stress at TRS / minimum safety factor */
  CAM_LIMIT_PLOUGHING,        /* chip load raised to stay above the minimum chip thickness */
  CAM_LIMIT_POWER,            /* spindle power */
  CAM_LIMIT_MACHINE_MAX_FEED, /* the machine's fastest cutting feed */
} CamLimit;

const char *cam_limit_to_string (CamLimit limit);
const char *cam_limit_describe  (CamLimit limit);  /* in words, for people */

typedef enum {
  CAM_FINISH_AS_MACHINED,  /* Ra > 0.8 µm */
  CAM_FINISH_FINE,         /* Ra ≤ 0.8 µm */
  CAM_FINISH_POLISHED,     /* Ra ≤ 0.4 µm */
} CamFinishClass;

const char    *cam_finish_class_to_string (CamFinishClass c);   /* "as machined", "fine", "polished" */
CamFinishClass cam_finish_class_for_ra    (double ra_um);


/* How the drill enters the work (CamEngagement.drill_entry; see cam-drill.c, entry). */
typedef enum {
  CAM_DRILL_ENTRY_PLANNED,   /* as the engine plans the hole: spotted first where it prescribes a spot */
  CAM_DRILL_ENTRY_SPOTTED,   /* a spot (or an earlier hole) is already there: the point seats in it */
  CAM_DRILL_ENTRY_FLAT,      /* straight onto the flat surface: the point is free */
} CamDrillEntry;

/* What bent the drill at entry, the model that applied (CamDrillPlan.bend; cam-drill.h puts it
 * in words). */
typedef enum {
  CAM_DRILL_BEND_WALKING,    /* flat entry: the lip imbalance bends the drill, free at the point */
  CAM_DRILL_BEND_CLIMBS_OUT, /* spotted, but the imbalance lifts the point out of the spot: walks */
  CAM_DRILL_BEND_RUNOUT,     /* seated in the spot: only the holder's runout bends the drill */
} CamDrillBend;

typedef enum {
  CAM_PROCESS_MICRO_MILL,
  CAM_PROCESS_MICRO_DRILL,
  CAM_PROCESS_MICRO_EDM,
  CAM_PROCESS_ULTRASONIC,
  CAM_PROCESS_LASER,
} CamProcess;

const char *cam_process_to_string (CamProcess p);  /* "micro-mill", "micro-drill", "micro-edm", "ultrasonic", "laser" */

/* Warning flags (CamCutResult.warnings); cam_cut_result_warnings() puts them in words with numbers. */
typedef enum {
  CAM_CUT_WARN_PLOUGHING       = 1 << 0,  /* chip thinner than the minimum chip thickness */
  CAM_CUT_WARN_RUNOUT          = 1 << 1,  /* runout comparable to the chip load */
  CAM_CUT_WARN_DEFLECTION      = 1 << 2,  /* deflection above the allowed value */
  CAM_CUT_WARN_BREAKAGE        = 1 << 3,  /* safety factor below the minimum */
  CAM_CUT_WARN_POWER           = 1 << 4,  /* power above the spindle's */
  CAM_CUT_WARN_MAX_FEED        = 1 << 5,  /* feed above the machine's max */
  CAM_CUT_WARN_RPM_CAPPED      = 1 << 6,  /* the material wants more rpm than the spindle has */
  CAM_CUT_WARN_RPM_RAISED      = 1 << 7,  /* spindle minimum above the material's speed */
  CAM_CUT_WARN_AP_LIMIT        = 1 << 8,  /* ap beyond the material's recommendation for micro tools */
  CAM_CUT_WARN_AE_LIMIT        = 1 << 9,  /* ae beyond the recommendation */
  CAM_CUT_WARN_HSS_UNSUITABLE  = 1 << 10, /* HSS tool in a material that needs carbide */
  CAM_CUT_WARN_INFEASIBLE      = 1 << 11, /* no feed meets every limit: reduce ap/ae/stick-out */
  CAM_CUT_WARN_DRILL_DEPTH     = 1 << 12, /* hole deeper than the drill's flutes */
  CAM_CUT_WARN_PROCESS         = 1 << 13, /* a drill is not the right process */
  CAM_CUT_WARN_SPOT_FIRST      = 1 << 14, /* spot drill first */
  CAM_CUT_WARN_TOOL_KIND       = 1 << 15, /* tool kind does not suit the operation */
  CAM_CUT_WARN_VC_HIGH         = 1 << 16, /* given rpm above the material's cutting speed */
  CAM_CUT_WARN_CHIP_LOAD_HIGH  = 1 << 17, /* given fz above the material's table */
  CAM_CUT_WARN_SKIM            = 1 << 18, /* radial contact under 1 % of D: the edge rubs, no chip forms */
} CamCutWarning;

/* The warnings that say a limit is broken — what the planner never emits and the review reports
 * as a violation. The others are advice (runout, the spindle's speed range, a spot first, a skim:
 * the last cut of an offset ring where the contact tapers off to nothing). */
#define CAM_CUT_WARN_BREACHES                                                                        \
  (CAM_CUT_WARN_INFEASIBLE | CAM_CUT_WARN_PLOUGHING | CAM_CUT_WARN_DEFLECTION | CAM_CUT_WARN_BREAKAGE   \
   | CAM_CUT_WARN_POWER | CAM_CUT_WARN_MAX_FEED | CAM_CUT_WARN_AP_LIMIT | CAM_CUT_WARN_HSS_UNSUITABLE    \
   | CAM_CUT_WARN_DRILL_DEPTH | CAM_CUT_WARN_PROCESS | CAM_CUT_WARN_TOOL_KIND | CAM_CUT_WARN_VC_HIGH     \
   | CAM_CUT_WARN_CHIP_LOAD_HIGH)

/* Radial contact below this share of D is a skim, not a cut (Harvey Tool's radial chip thinning chart
 * ends at ae = 1 % of D: below it no feed makes a chip of the minimum thickness). */
#define CAM_CUT_SKIM_AE_D 0.01

typedef struct {
  CamCutKind op;
  double ap_mm;              /* axial depth; 0 → material default for the op (drill: unused) */
  double ae_mm;              /* radial width / stepover; 0 → default (slot: D) */
  double depth_mm;           /* drilling: hole depth; 0 → 3·D */
  double fz_mm;              /* > 0: evaluate this chip load per tooth (drill: feed per rev / flutes) */
  double rpm;                /* > 0: evaluate this spindle speed */
  double tolerance_mm;       /* feature tolerance; 0 → 0.01 mm (finish, drill); roughing (slot/side/
                              * pocket) with 0: its bend is held within the stock left (stock_mm) */
  double max_deflection_mm;  /* allowed tip deflection; 0 → deflection_fraction × tolerance (finish,
                              * drill) or × the stock left for finishing (slot/side/pocket) */
  double stock_mm;           /* roughing: stock left for the finishing pass; 0 → min(0.05 mm, 0.1·D) */
  double deflection_fraction;/* 0 → 0.5 */
  double min_safety_factor;  /* 0 → 2.0 */
  gboolean optimise_ap;      /* recommend: also choose ap (≤ the material's limit) for max removal rate */
  gboolean optimise_ae;      /* recommend: also choose ae (side/pocket/finish, ≤ the default) likewise */
  CamDrillEntry drill_entry; /* drilling: the entry (0 → as planned) */
} CamEngagement;

/* Zeroes eng and sets op (every other field then takes its default). */
void cam_engagement_init (CamEngagement *eng, CamCutKind op);

#define CAM_DRILL_MAX_PECKS 64

typedef struct {
  CamProcess process;        /* micro-drill, or the alternative when a drill is not right */
  CamCycle cycle;             /* CAM_CYCLE_DRILL, _PECK or _CHIPBREAK */
  guint n_pecks;             /* 1 for G81 */
  double pecks_mm[CAM_DRILL_MAX_PECKS]; /* successive peck depths (increments), sum = depth */
  gboolean spot_first;
  double spot_angle_deg;     /* the spot drill's point angle the engine prescribes: the drill's own (cam-drill.c) */
  double spot_depth_mm;      /* spot dimple (0.8·D) depth for that spot, 0.4·D·cot(σ/2); 0 if no spot */
  double depth_mm;
  double aspect_ratio;       /* depth / D */
  double thrust_n;
  double buckling_sf;        /* Euler buckling load / thrust */
  CamDrillEntry entry;       /* the entry evaluated (CamEngagement.drill_entry) */
  CamDrillBend bend;         /* what bent the drill at entry: which deflection model applied */
  double packed_depth_mm;    /* chip column in the flutes at the worst moment (cam_drill_packed_depth) */
  double packing_torque_nmm; /* the share of torque_nmm that the packed chips add (cam_drill_packing_factor) */
} CamDrillPlan;

typedef struct {
  CamCutKind op;
  /* speeds and feeds */
  double rpm;
  double vc_m_min;
  double fz_mm;              /* programmed chip load per tooth (drill: feed per rev / flutes) */
  double feed_per_rev_mm;
  double feed_mm_min;
  double plunge_mm_min;
  double ap_mm, ae_mm;
  double engagement_deg;     /* tool engagement angle */
  double mrr_mm3_min;
  /* chip */
  double h_max_mm;           /* largest uncut chip thickness (after radial thinning) */
  double h_mean_mm;          /* mean uncut chip thickness over the engagement */
  double h_peak_mm;          /* largest chip of the heaviest-loaded flute with runout */
  double h_min_mm;           /* minimum chip thickness: ploughing below this */
  /* forces */
  double fc_peak_n;          /* tangential force on one flute at h_peak */
  double force_n;            /* peak resultant lateral force (drill: thrust) */
  double force_mean_n;
  double torque_nmm;         /* mean spindle torque */
  double power_w;            /* mean cutting power */
  /* tool */
  double deflection_um;      /* at the tip */
  double wall_taper_um;      /* deflection difference across ap (wall form error) */
  double stress_mpa;         /* equivalent stress at the critical section */
  double safety_factor;      /* TRS / stress */
  double allowed_deflection_um;
  /* finish of the surface the op makes: side and flat finishing the wall, ball/bull finishing the
   * floor, slot and pocket the rougher of the two, drilling the hole's wall */
  double ra_um;
  double rt_um;
  double ra_floor_um, rt_floor_um;   /* the floor under the cut (end edges) */
  double ra_wall_um, rt_wall_um;     /* the wall beside it (periphery) */
  double mark_spacing_mm;            /* feed marks: fz, up to the feed per rev with runout */
  CamFinishClass finish_class;
  /* verdict */
  CamLimit binding_limit;
  guint warnings;            /* CamCutWarning flags */
  CamDrillPlan drill;        /* op == CAM_CUT_DRILL */
} CamCutResult;

/* Predicts everything for the given engagement. rpm/fz at 0 take the recommended starting
 * values (material table, rpm clamped) without the limit solver. binding_limit names the
 * limit closest to being hit. FALSE + CAM_ERROR_INVALID on bad input (e.g. ap > length of cut,
 * a drill asked to mill). */
gboolean cam_cutting_evaluate (const CamTool *tool, const CamMaterial *mat, const CamMachine *machine,
                               const CamEngagement *eng, CamCutResult *out, GError **error);

/* The limit solver: fastest chip load (and ap/ae with eng->optimise_ap/optimise_ae) within every limit;
 * given rpm/fz in eng are kept (what-if), the rest solved. */
gboolean cam_cutting_recommend (const CamTool *tool, const CamMaterial *mat, const CamMachine *machine,
                                const CamEngagement *eng, CamCutResult *out, GError **error);

/* The largest axial depth in [ap_min, ap_max] (and within the flutes) at which eng's engagement
 * (op, ae, rpm, tolerance, limits; eng->ap_mm and fz_mm are ignored) has a chip load within every
 * limit — deflection, breakage, power, machine feed, and not below the ploughing chip. 0 when even
 * ap_min has none: no stepdown makes this cut safely. Planner and DFM ask this one question. */
double cam_cutting_max_feasible_ap (const CamTool *tool, const CamMaterial *mat, const CamMachine *machine,
                                    const CamEngagement *eng, double ap_min, double ap_max);

/* The least axial depth that is a cut, not a rub, for this tool in this material (mm). */
double cam_cutting_min_useful_ap   (const CamTool *tool, const CamMaterial *mat);

/* The stepdown of a milling operation: the largest ap, at most the material's slot depth
 * (ap_slot_d · D), the flutes and depth_mm (when > 0), at which a full slot keeps every limit of
 * limits (tolerance, deflection fraction, minimum safety factor, rpm; 0 → the engine's). Every
 * level starts in full engagement (helix, ramp, the first ring around it) and a slot is the
 * heaviest engagement a move can have, so at this ap every move of the level has a feed within the
 * limits. 0 when no useful ap does, or when depth_mm would take more than 200 levels; *why (may be
 * NULL; free) then says so with the numbers. Planner, generators and DFM ask this one question. */
double cam_cutting_safe_stepdown   (const CamTool *tool, const CamMaterial *mat, const CamMachine *machine,
                                    const CamEngagement *limits, double depth_mm, char **why);

/* Warnings in words, with numbers (char*, free with g_ptr_array_unref). */
GPtrArray *cam_cut_result_warnings (const CamCutResult *r, const CamTool *tool, const CamMaterial *mat,
                                    const CamMachine *machine);

/* ---- building blocks (pure functions, exposed for tests and other modules) ---- */

/* cam-feeds.c */
double cam_feeds_rpm_for_vc        (double vc_m_min, double d_mm);
double cam_feeds_vc_for_rpm        (double rpm, double d_mm);
double cam_feeds_engagement_angle  (double ae_mm, double d_mm);               /* radians */
double cam_feeds_thinning_factor   (double ae_mm, double d_mm);               /* h_max / fz ≤ 1 */
double cam_feeds_mean_chip         (double fz_mm, double ae_mm, double d_mm);
double cam_feeds_peak_chip         (double h_max_mm, double runout_mm, int flutes);
double cam_feeds_min_chip          (const CamMaterial *mat, const CamTool *tool);  /* mm */
/* The deepest full-slot ap the makers' micro chart allows for this tool (× D), see cam-feeds.c. */
double cam_feeds_slot_ap_ratio     (const CamTool *tool, const CamMaterial *mat);
/* Recommended rpm for the tool in the material on the machine; *capped set when the spindle's
 * max (or min) changed it. */
double cam_feeds_recommended_rpm   (const CamTool *tool, const CamMaterial *mat, const CamMachine *machine,
                                    CamCutKind op, gboolean *capped_max, gboolean *raised_min);

/* cam-force.c: Kienzle Fc = kc1.1 · b · h^(1−mc) */
double cam_force_kienzle           (double kc11_n_mm2, double mc, double b_mm, double h_mm);
/* Peak lateral force of helical flutes over that of straight ones at the same engagement (≤ 1). */
double cam_force_helix_factor      (double d_mm, int flutes, double helix_deg, double ap_mm, double ae_mm,
                                    double mc, double kr);

/* cam-deflection.c: point load F (N) at distance load_from_tip_mm from the tip. */
double cam_deflection_at           (const CamTool *tool, double force_n, double load_from_tip_mm,
                                    double at_from_tip_mm);                       /* mm */
/* Largest von Mises stress (MPa) over the tool's sections under bending F and torque. */
double cam_deflection_stress       (const CamTool *tool, double force_n, double load_from_tip_mm,
                                    double torque_nmm);

/* cam-finish.c */
double cam_finish_cusp_height      (double radius_mm, double step_mm);        /* mm */
double cam_finish_ra_from_rt       (double rt_mm);

/* cam-drill.c */
/* The makers' rule schedule (cycle from depth/D and the chips, first peck peck_first_d·D, each
 * next shorter), before any torque limit: what the DFM review quotes. cam_cutting_recommend
 * shortens the pecks (and turns G73/G81 into G83) where chip packing breaks the drill. */
void   cam_drill_pecks             (const CamTool *tool, const CamMaterial *mat, double depth_mm,
                                    CamDrillPlan *plan);
/* Torque of a drill with packed_depth_mm of chips in its flutes over that of a fresh cut (≥ 1):
 * 1 + 0.1·(e^(x/x_c) − 1), x_c = 2·D for long-chip materials, 4·D for short-chip ones. */
double cam_drill_packing_factor    (const CamMaterial *mat, const CamTool *drill, double packed_depth_mm);
/* The chip column the schedule leaves in the flutes: the longest peck of a full-retract G83 (its
 * retracts clear the flutes), the whole depth of a G73 (chip-break only) or a G81. */
double cam_drill_packed_depth      (const CamDrillPlan *plan);
/* The deepest hole (× D) drilled with chip-breaking G73 before full-retract G83: 3 for long-chip
 * (stringy) materials, 5 for short-chip ones. */
double cam_drill_chipbreak_max_ld  (const CamMaterial *mat);
/* The depth of the dimple of diameter dimple_d_mm a spot drill of point angle spot_point_deg
 * makes: (d/2)·cot(σ/2). */
double cam_drill_spot_depth        (double dimple_d_mm, double spot_point_deg);
/* The process for a hole of hole_d_mm × depth_mm in mat: micro-drill, or micro-edm (conductive) /
 * laser / ultrasonic when the hole is below the smallest drill (≤ 0 → 0.05 mm), deeper than a
 * micro drill reaches in this material, or the material too hard for a micro drill. */
CamProcess cam_drill_choose_process (const CamMaterial *mat, double hole_d_mm, double depth_mm,
                                     double smallest_drill_mm);

G_END_DECLS
