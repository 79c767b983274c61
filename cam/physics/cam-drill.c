/* cam-drill.c — micro drilling: forces, peck schedule, cycle, spot-first rule, process choice.
 *
 * Chip and force per cutting lip (two lips, point angle σ, κ = σ/2):
 *   h = (f/2)·sin κ,  b = (D/2)/sin κ,  Fc_lip = kc1.1 · b · h^(1−mc)   (Kienzle, as in cam-force.c)
 *   torque M = 2 · Fc_lip · D/4        (each lip's force acts at mid-lip, D/4 from the axis)
 *   power  P = M · 2πn/60
 * (W. König, F. Klocke, "Fertigungsverfahren 1", drilling chapter; Sandvik Coromant Technical
 * Guide, drilling formulas: Pc = f·vc·D·kc/240 000 with kc at hm = (f/2)·sin κ — the same result.)
 * Thrust: the lips' feed-direction force 2·Kr·Fc_lip·sin κ, doubled for the chisel edge, which
 * carries about half the thrust of a conventional point (D. A. Stephenson, J. S. Agapiou,
 * "Metal Cutting Theory and Practice", 3rd ed., CRC 2016, drilling forces).
 * Lateral load: lip-height asymmetry gives a radial imbalance; we take 10 % of the lips' total
 * tangential force (D. F. Galloway, "Some experiments on the influence of various factors on drill
 * performance", Trans. ASME 79 (1957) 191–231, showed oversize and wander from lip asymmetry).
 * Entry: how that load bends the drill depends on what holds the point.
 *   - Flat entry (no spot): the point skids and the drill walks as a beam clamped in the holder
 *     and free at the point, with the radial force at the point (S. J. Lee, K. F. Eman, S. M. Wu,
 *     "An analysis of the drill wandering motion", ASME J. Eng. Ind. 109 (1987) 297–305; K. Gupta,
 *     O. B. Ozdoganlar, S. G. Kapoor, R. E. DeVor, "Modeling and prediction of hole profile in
 *     drilling, part 1", ASME J. Manuf. Sci. Eng. 125 (2003) 6–13: clamped–free beam, forces at
 *     the free end). For a slender micro drill this is tens of µm: the whole flute length and the
 *     shank bend (Ø0.2 × 3 mm flutes in 316L: 88 µm).
 *   - Spotted entry (what the engine prescribes, spot_first below, or what a program did: the
 *     caller says so with CamEngagement.drill_entry; micro drill makers — Mitsubishi
 *     Materials, Union Tool — spot before every micro drill, and M. Hasan, J. Zhao, Z. Jiang, "A
 *     review of modern advancements in micro drilling techniques", J. Manuf. Process. 29 (2017)
 *     343–375, name spotting or a pilot as the cure for wander): the point sits in the spot's cone,
 *     which pushes back on the side the imbalance pushes to. Statics of a point pressed by the
 *     thrust T into a seat whose contact face makes the angle α with the axis: the seat's radial
 *     reaction reaches T·cot α before the point climbs out (frictionless, so on the safe side);
 *     α is the spot's half angle, the drill's own κ in the spot of the drill's angle the engine
 *     prescribes (a sharper spot would seat the drill on its corners at the cone's rim, which the
 *     makers warn against, see spot first below). While imbalance ≤ T·cot α the point stays on the
 *     spot's axis: the imbalance goes into the seat and does not bend the drill. What bends it is
 *     the runout: the holder puts the point e = TIR/2 off the spindle axis, the seat pulls it
 *     back, so the tip deflects by e under F = e / (tip compliance) (Gupta et al. 2003, part 1:
 *     radial forces from the drill's axis offset in the holder). Deflection = e, bending load F.
 *     Past the seat the margins run in the hole, which guides them (Gupta et al. 2003, part 2,
 *     margin–hole wall contact), so the entry is the worst case either way.
 * Breakage: von Mises of torsion + axial compression on the flute core (0.8·D equivalent, see
 * cam-deflection.c) plus the bending of the entry load above, against TRS, and Euler buckling of
 * the fluted length as a column fixed at the shank: free at the point on a flat entry,
 * Pcr = π²·E·I/(4·L²), pinned in the spot, Pcr = π²·E·I/(0.699·L)² (S. P. Timoshenko, J. M. Gere,
 * "Theory of Elastic Stability", 2nd ed. 1961, §2.1–2.2: effective lengths 2L and 0.699L); the
 * safety factor is the smaller of the two.
 * Hole wall: the lip corner leaves feed marks like a turning tool with a corner radius we take as
 * 0.05·D (an estimate: real drilled walls are also burnished by the margins). No drilled hole is
 * smoother than the material's finish.drilled_ra_um (materials.json: Machinery's Handbook's
 * roughness-by-process chart, drilling Ra 1.6–6.3 µm, 0.8 with care; gummy and smearing work
 * at the chart's typical low end).
 *
 * Chip packing: the chips that fill the flutes must be pushed up the hole, and the pressure of
 * that granular column on the flute and the hole wall grows exponentially with its height, so the
 * chip-evacuation torque rises exponentially with the depth drilled since the flutes were last
 * cleared (J. C. Mellinger, O. B. Ozdoganlar, R. E. DeVor, S. G. Kapoor, "Modeling chip-evacuation
 * forces and prediction of chip-clogging in drilling", ASME J. Manuf. Sci. Eng. 124 (2002)
 * 605–614; the same authors, "Modeling chip-evacuation forces in drilling for various flute
 * geometries", ASME J. Manuf. Sci. Eng. 125 (2003) 405 ff., for holes of varying depth: the
 * critical depth at which the evacuation torque clogs the drill). We take the torque as the
 * cutting torque times 1 + 0.1·(e^(x/x_c) − 1), x the packed chip column, x_c = 2·D for long-chip
 * (stringy) materials and 4·D for short-chip ones: a few per cent at 1×D, a third more at 3×D in
 * 316L, and it runs away past 5–6×D, where the papers find clogging without pecks (the 0.1 and the
 * x_c are our calibration to that critical depth, not the papers' fitted coefficients). The stress,
 * and with it the safety factor against breakage, follows the torque. The column: the longest
 * peck of a full-retract G83 (each retract clears the flutes), the whole depth for a G73 (its short
 * retract only breaks the chip, the chips stay in the flutes) and a G81.
 * Peck schedule (shop practice from micro drill makers — Mitsubishi Materials, Union Tool, Guhring —
 * and Machinery's Handbook, deep-hole drilling): no peck up to 1×D for D < 0.3 mm, 2×D below 1 mm,
 * 3×D above; the first peck is the material's peck_first_d × D, each next one 15 % shorter, never
 * below half the first (degressive: the deeper the hole, the longer the chips' way out). Cycle:
 * G73 (chip-breaking, short retract) up to 3×D in stringy-chip materials and 5×D in short-chip
 * ones, since G73 leaves the chips in the flutes and stringy chips pack sooner; G83 (full retract
 * to clear chips) deeper (LinuxCNC G-code reference, G73/G83; Mitsubishi Materials and Union Tool
 * micro drill guides: step feed with full retract for deep holes in stainless and titanium).
 * The torque limit then sets the schedule (cam_drill_schedule): where the rule schedule's packed
 * chips bring the safety factor under the engine's minimum at the feed the solver aims for, the
 * hole is drilled with G83 and the first peck shortened (15 % a step, from the rule's) until it
 * holds, down to MIN_PECK_D × D (design choice: shorter pecks are mostly retract time, and the
 * drill itself, not the chips, is then what the feed must spare).
 * Spot first: micro drills walk on entry; spot when the drill is slender (flute length ≥ 5×D),
 * smaller than 1 mm, or the work is hard (≥ 300 HB), with a spot drill whose point angle is at
 * least the drill's: then the drill's centre meets the work first and its point seats in the
 * cone; in a sharper spot (a 90° spot for a 140° drill) the drill's corners touch the rim first
 * and chip (NS Tool, Union Tool and Mitsubishi Materials micro spot drill catalogues: 120° and
 * 140° micro spot/centre drills, "choose a spot angle equal to or larger than the drill's point
 * angle"; Harvey Tool, "Spot drill and drill point angles"). The engine prescribes a spot of the
 * drill's own angle, a dimple of 0.8·D: (0.8·D/2)·cot(σ/2) deep.
 * Process choice (T. Masuzawa, "State of the art of micromachining", CIRP Annals 49(2) (2000)
 * 473–488; microcam DOMAIN.md): below the smallest drill, deeper than the material's drill_max_ld,
 * or harder than ≈ 45 HRC (450 HB) under Ø1 mm a twist drill is not the right process: micro-EDM
 * for conductive work, laser drilling for polymers, ultrasonic drilling for hard non-conductors.
 * The depth it judges is the depth drilled at full diameter (the ratio drill_max_ld is a hole's
 * depth/diameter, as the DFM review measures it): the point's cone below it and a through hole's
 * point and breakthrough below the part are not (cam_drill_full_diameter_depth).
 * Point length: the cone of a point angle σ is D/2 · cot(σ/2) long (Machinery's Handbook, 29th ed.,
 * "Twist drills": drill point length; 0.3·D for the standard 118°). Flute length a hole needs: the
 * flutes must reach from the tip to above the surface at the bottom of the stroke, so a through
 * hole adds the point and the breakthrough below the part (Machinery's Handbook, drilling depth:
 * the point length is added for through holes), a blind hole only its depth. */
#include "cam-cutting-private.h"
#include "cam-drill.h"

#include <math.h>
#include <string.h>

#define CHISEL_FACTOR 2.0
#define LIP_IMBALANCE 0.10
#define FLUTE_EQUIVALENT 0.8
#define HARD_HB 450.0
#define SPOT_HB 300.0
#define PINNED_LENGTH 0.699   /* effective length factor of a fixed–pinned column */
#define PACKING_GAIN 0.1      /* chip packing: torque × 1 + 0.1·(e^(x/x_c) − 1) (top of the file) */
#define PACKING_LONG_D 2.0    /* x_c / D, long-chip materials */
#define PACKING_SHORT_D 4.0   /* x_c / D, short-chip materials */
#define CHIPBREAK_LONG_LD 3.0 /* deepest G73, × D, long-chip materials */
#define CHIPBREAK_SHORT_LD 5.0
#define PECK_SHRINK 0.85      /* each next peck 15 % shorter */
#define MIN_PECK_D 0.1        /* the shortest first peck the torque limit may ask, × D */
#define SPOT_DIMPLE_D 0.8     /* the prescribed spot dimple, × D */

/* The spot-first rule (see the top of the file): one place for the plan and the physics. */
static gboolean
spot_first (const CamTool *tool, const CamMaterial *mat)
{
  return tool->kind == CAM_TOOL_DRILL
         && (tool->loc_mm >= 5.0 * tool->d_mm || tool->d_mm < 1.0 || mat->hardness_hb >= SPOT_HB);
}

double
cam_drill_point_length (const CamTool *drill)
{
  double sigma = drill->point_angle_deg > 0 ? drill->point_angle_deg : 118.0;
  return 0.5 * drill->d_mm / tan (0.5 * sigma * G_PI / 180.0);
}

double
cam_drill_spot_depth (double dimple_d_mm, double spot_point_deg)
{
  double sigma = spot_point_deg > 0 ? MIN (spot_point_deg, 179.0) : 90.0;
  return 0.5 * dimple_d_mm / tan (0.5 * sigma * G_PI / 180.0);
}

double
cam_drill_packing_factor (const CamMaterial *mat, const CamTool *drill, double packed_depth_mm)
{
  double x_c = (mat->long_chips ? PACKING_LONG_D : PACKING_SHORT_D) * drill->d_mm;
  if (!(packed_depth_mm > 0) || !(x_c > 0))
    return 1.0;
  return 1.0 + PACKING_GAIN * expm1 (packed_depth_mm / x_c);
}

double
cam_drill_packed_depth (const CamDrillPlan *plan)
{
  if (plan->cycle != CAM_CYCLE_PECK)
    return plan->depth_mm;
  double longest = 0;
  for (guint i = 0; i < plan->n_pecks; i++)
    longest = MAX (longest, plan->pecks_mm[i]);
  return longest;
}

double
cam_drill_chipbreak_max_ld (const CamMaterial *mat)
{
  return mat->long_chips ? CHIPBREAK_LONG_LD : CHIPBREAK_SHORT_LD;
}

const char *
cam_drill_bend_to_string (CamDrillBend bend)
{
  switch (bend)
    {
    case CAM_DRILL_BEND_CLIMBS_OUT: return "climbs-out";
    case CAM_DRILL_BEND_RUNOUT: return "seated";
    case CAM_DRILL_BEND_WALKING:
    default: return "walking";
    }
}

const char *
cam_drill_bend_cause (CamDrillBend bend)
{
  return bend == CAM_DRILL_BEND_RUNOUT ? "runout" : "lip-imbalance";
}

const char *
cam_drill_bend_describe (CamDrillBend bend)
{
  switch (bend)
    {
    case CAM_DRILL_BEND_CLIMBS_OUT: return "lip imbalance: the point climbs out of the spot and walks";
    case CAM_DRILL_BEND_RUNOUT: return "runout: seated in the spot, only the holder's TIR/2 bends it";
    case CAM_DRILL_BEND_WALKING:
    default: return "lip imbalance: no spot, the free point walks";
    }
}

double
cam_drill_overrun (const CamTool *drill, gboolean through)
{
  return through ? cam_drill_point_length (drill) + CAM_DRILL_BREAKTHROUGH_MM : 0.0;
}

double
cam_drill_flute_needed (const CamTool *drill, double depth_mm, gboolean through)
{
  return depth_mm + cam_drill_overrun (drill, through);
}

double
cam_drill_full_diameter_depth (const CamTool *drill, double top_z, double bottom_z, double part_bottom_z)
{
  double full_to = MAX (bottom_z + cam_drill_point_length (drill), part_bottom_z);
  return MAX (top_z - full_to, 0.0);
}

void
cam_drill_predict (const CamTool *tool, const CamMaterial *mat, const CamMachine *machine,
                   CamDrillEntry entry, double rpm, double fz_mm, double packed_depth_mm, CamCutResult *r)
{
  double D = tool->d_mm;
  double kappa = MIN (tool->point_angle_deg, 179.0) / 2.0 * G_PI / 180.0;
  double f_rev = fz_mm * tool->flutes;
  int lips = MAX (tool->flutes, 1);
  r->rpm = rpm;
  r->vc_m_min = cam_feeds_vc_for_rpm (rpm, D);
  r->fz_mm = fz_mm;
  r->feed_per_rev_mm = f_rev;
  r->feed_mm_min = f_rev * rpm;
  r->plunge_mm_min = r->feed_mm_min;
  r->ap_mm = 0;
  r->ae_mm = D;
  r->engagement_deg = 360.0;
  r->mrr_mm3_min = G_PI * D * D / 4.0 * r->feed_mm_min;

  double h = fz_mm * sin (kappa);
  double b = (D / 2.0) / sin (kappa);
  r->h_max_mm = h;
  r->h_mean_mm = h;
  r->h_peak_mm = h;
  r->h_min_mm = cam_feeds_min_chip (mat, tool);
  double fc_lip = cam_force_kienzle (mat->kc11_n_mm2, mat->mc, b, MAX (h, r->h_min_mm));
  r->fc_peak_n = fc_lip;
  /* the chips packed in the flutes add their evacuation torque (top of the file) */
  double packing = tool->kind == CAM_TOOL_DRILL ? cam_drill_packing_factor (mat, tool, packed_depth_mm) : 1.0;
  r->torque_nmm = lips * fc_lip * D / 4.0 * packing;
  r->drill.packed_depth_mm = packed_depth_mm;
  r->drill.packing_torque_nmm = r->torque_nmm * (1.0 - 1.0 / packing);
  r->power_w = r->torque_nmm * 2.0 * G_PI * rpm / 60.0 / 1000.0;
  double thrust = CHISEL_FACTOR * lips * mat->kr_ratio * fc_lip * sin (kappa);
  r->force_n = thrust;
  r->force_mean_n = thrust;

  /* Entry (top of the file): walking on a flat entry, or seated in the spot. */
  double imbalance = LIP_IMBALANCE * lips * fc_lip;
  double compliance = cam_deflection_at (tool, 1.0, 0.0, 0.0); /* mm/N at the point */
  double runout_mm = machine != NULL && machine->runout_um > 0 ? 0.5 * machine->runout_um / 1000.0 : 0.0;
  double f_runout = compliance > 0 ? runout_mm / compliance : 0.0;
  /* the seat: the spot's half angle, the drill's own in the spot the engine prescribes */
  double alpha = kappa;
  double seat_holds = thrust / tan (alpha);
  gboolean spotted = entry == CAM_DRILL_ENTRY_SPOTTED || (entry == CAM_DRILL_ENTRY_PLANNED && spot_first (tool, mat));
  gboolean seated = spotted && imbalance + f_runout <= seat_holds;
  r->drill.entry = entry;
  r->drill.bend = seated ? CAM_DRILL_BEND_RUNOUT : spotted ? CAM_DRILL_BEND_CLIMBS_OUT : CAM_DRILL_BEND_WALKING;
  double lateral = seated ? f_runout : imbalance;
  r->deflection_um = (seated ? runout_mm : compliance * imbalance) * 1000.0;
  r->wall_taper_um = r->deflection_um;
  double d_core = FLUTE_EQUIVALENT * D;
  double axial = thrust / (G_PI * d_core * d_core / 4.0);
  double bend_torsion = cam_deflection_stress (tool, lateral, 0.0, r->torque_nmm);
  r->stress_mpa = bend_torsion + axial;
  double sf_strength = r->stress_mpa > 0 ? tool->trs_mpa / r->stress_mpa : G_MAXDOUBLE;
  double I = G_PI * pow (d_core, 4) / 64.0;
  double L = MIN (tool->loc_mm, tool->stickout_mm);
  double l_eff = seated ? PINNED_LENGTH * L : 2.0 * L;
  double p_cr = G_PI * G_PI * tool->young_gpa * 1000.0 * I / (l_eff * l_eff);
  r->drill.thrust_n = thrust;
  r->drill.buckling_sf = thrust > 0 ? p_cr / thrust : G_MAXDOUBLE;
  r->safety_factor = MIN (sf_strength, r->drill.buckling_sf);

  double rt = cam_finish_cusp_height (0.05 * D, f_rev) + (h >= r->h_min_mm ? 0.5 : 1.0) * r->h_min_mm;
  r->rt_um = rt * 1000.0;
  r->ra_um = cam_finish_drilled_ra (mat, cam_finish_ra_from_rt (rt) * 1000.0);
  r->rt_um = MAX (r->rt_um, r->ra_um * 18.0 * sqrt (3.0) / 8.0);
  r->ra_wall_um = r->ra_um;
  r->rt_wall_um = r->rt_um;
  r->ra_floor_um = r->ra_um;   /* the point's cone: cut by the same lips */
  r->rt_floor_um = r->rt_um;
  r->mark_spacing_mm = f_rev;
  r->finish_class = cam_finish_class_for_ra (r->ra_um);
}

/* Degressive pecks from `first` (each next PECK_SHRINK shorter, never below half the first); if
 * that needs more than CAM_DRILL_MAX_PECKS, the floor (and with it the first) is raised until it
 * fits. */
static void
degressive (double first, double depth_mm, CamDrillPlan *plan)
{
  double floor_q = 0.5 * first;
  for (;;)
    {
      double q = first, done = 0;
      guint n = 0;
      while (done < depth_mm - 1e-12 && n < CAM_DRILL_MAX_PECKS)
        {
          double step = MIN (q, depth_mm - done);
          plan->pecks_mm[n++] = step;
          done += step;
          q = MAX (floor_q, q * PECK_SHRINK);
        }
      if (done >= depth_mm - 1e-12)
        {
          plan->n_pecks = n;
          return;
        }
      floor_q *= 1.25;
      first = MAX (first, floor_q);
    }
}

void
cam_drill_pecks (const CamTool *tool, const CamMaterial *mat, double depth_mm, CamDrillPlan *plan)
{
  double D = tool->d_mm;
  double ld = depth_mm / D;
  double no_peck_ld = D < 0.3 ? 1.0 : D < 1.0 ? 2.0 : 3.0;
  plan->depth_mm = depth_mm;
  plan->aspect_ratio = ld;
  if (tool->kind == CAM_TOOL_SPOT || ld <= no_peck_ld)
    {
      plan->cycle = CAM_CYCLE_DRILL;
      plan->n_pecks = 1;
      plan->pecks_mm[0] = depth_mm;
      return;
    }
  plan->cycle = ld <= cam_drill_chipbreak_max_ld (mat) + 1e-9 ? CAM_CYCLE_CHIPBREAK : CAM_CYCLE_PECK;
  degressive (mat->peck_first_d * D, depth_mm, plan);
}

/* Safety factor against breakage at this feed with this chip column. */
static double
packed_sf (const CamTool *tool, const CamMaterial *mat, const CamMachine *machine, CamDrillEntry entry,
           double rpm, double fz_mm, double packed_mm)
{
  CamCutResult r = { 0 };
  cam_drill_predict (tool, mat, machine, entry, rpm, fz_mm, packed_mm, &r);
  return r.safety_factor;
}

void
cam_drill_schedule (const CamTool *tool, const CamMaterial *mat, const CamMachine *machine,
                    CamDrillEntry entry, double rpm, double fz_mm, double min_sf, double depth_mm,
                    CamDrillPlan *plan)
{
  cam_drill_pecks (tool, mat, depth_mm, plan);
  if (tool->kind != CAM_TOOL_DRILL)
    return;
  double sf = packed_sf (tool, mat, machine, entry, rpm, fz_mm, cam_drill_packed_depth (plan));
  if (sf >= min_sf)
    return;   /* the rule schedule's chips do not break the drill */
  double D = tool->d_mm;
  double rule_first = plan->cycle == CAM_CYCLE_PECK ? plan->pecks_mm[0] : mat->peck_first_d * D;
  double floor_first = MIN (MIN_PECK_D * D, rule_first);
  if (!(floor_first < depth_mm))
    return;   /* no shorter peck than the hole itself */
  /* Clearing the chips helps only where the chips are what breaks it: a G81/G73 stays when even
   * the shortest full-retract peck leaves the safety factor no better. */
  double sf_floor = packed_sf (tool, mat, machine, entry, rpm, fz_mm, floor_first);
  if (plan->cycle != CAM_CYCLE_PECK && sf_floor <= sf * (1 + 1e-9))
    return;
  double first = MIN (rule_first, depth_mm);
  while (first > floor_first * (1 + 1e-9)
         && packed_sf (tool, mat, machine, entry, rpm, fz_mm, first) < min_sf)
    first = MAX (floor_first, first * PECK_SHRINK);
  plan->cycle = CAM_CYCLE_PECK;
  degressive (first, depth_mm, plan);
}

CamProcess
cam_drill_choose_process (const CamMaterial *mat, double hole_d_mm, double depth_mm, double smallest_drill_mm)
{
  if (smallest_drill_mm <= 0)
    smallest_drill_mm = 0.05;
  CamProcess beyond = mat->conductive ? CAM_PROCESS_MICRO_EDM : CAM_PROCESS_LASER;
  if (hole_d_mm < smallest_drill_mm - 1e-9)
    return beyond;
  if (mat->hardness_hb >= HARD_HB && hole_d_mm < 1.0)
    return mat->conductive ? CAM_PROCESS_MICRO_EDM : CAM_PROCESS_ULTRASONIC;
  if (hole_d_mm > 0 && depth_mm / hole_d_mm > mat->drill_max_ld + 1e-9)
    return beyond;
  return CAM_PROCESS_MICRO_DRILL;
}

void
cam_drill_fill_plan (const CamTool *tool, const CamMaterial *mat, const CamDrillPlan *schedule, CamCutResult *r)
{
  CamDrillPlan *p = &r->drill;
  double depth_mm = schedule->depth_mm;
  p->depth_mm = depth_mm;
  p->aspect_ratio = schedule->aspect_ratio;
  p->cycle = schedule->cycle;
  p->n_pecks = schedule->n_pecks;
  memcpy (p->pecks_mm, schedule->pecks_mm, sizeof p->pecks_mm);
  p->process = tool->kind == CAM_TOOL_SPOT ? CAM_PROCESS_MICRO_DRILL
                                           : cam_drill_choose_process (mat, tool->d_mm, depth_mm, 0.0);
  p->spot_first = spot_first (tool, mat);
  /* a spot of the drill's own angle (top of the file), a dimple of 0.8·D */
  p->spot_angle_deg = p->spot_first ? tool->point_angle_deg : 0.0;
  p->spot_depth_mm = p->spot_first ? cam_drill_spot_depth (SPOT_DIMPLE_D * tool->d_mm, tool->point_angle_deg) : 0.0;
  if (p->spot_first && p->entry != CAM_DRILL_ENTRY_SPOTTED) /* not when the hole is already spotted */
    r->warnings |= CAM_CUT_WARN_SPOT_FIRST;
  if (p->process != CAM_PROCESS_MICRO_DRILL)
    r->warnings |= CAM_CUT_WARN_PROCESS;
  if (tool->kind == CAM_TOOL_DRILL && depth_mm > tool->loc_mm + 1e-9)
    r->warnings |= CAM_CUT_WARN_DRILL_DEPTH;
}
