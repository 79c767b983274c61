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
 *     α is the larger of the spot's half angle (45°) and the drill's (κ, the lip edge touches the
 *     cone's rim when the drill is blunter). While imbalance ≤ T·cot α the point stays on the
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
 * Peck schedule (shop practice from micro drill makers — Mitsubishi Materials, Union Tool, Guhring —
 * and Machinery's Handbook, deep-hole drilling): no peck up to 1×D for D < 0.3 mm, 2×D below 1 mm,
 * 3×D above; the first peck is the material's peck_first_d × D, each next one 15 % shorter, never
 * below half the first (chips pack harder as the hole deepens). Cycle: G73 (chip-breaking, short
 * retract) for stringy-chip materials up to 5×D, G83 (full retract to clear chips) deeper or
 * otherwise (LinuxCNC G-code reference, G73/G83).
 * Spot first: micro drills walk on entry; spot with a 90° spot drill when the drill is slender
 * (flute length ≥ 5×D), smaller than 1 mm, or the work is hard (≥ 300 HB).
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

#define CHISEL_FACTOR 2.0
#define LIP_IMBALANCE 0.10
#define FLUTE_EQUIVALENT 0.8
#define HARD_HB 450.0
#define SPOT_HB 300.0
#define SPOT_ANGLE_DEG 90.0   /* the spot drill the engine asks for (cam-cutting.c warning) */
#define PINNED_LENGTH 0.699   /* effective length factor of a fixed–pinned column */

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
                   CamDrillEntry entry, double rpm, double fz_mm, CamCutResult *r)
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
  r->torque_nmm = lips * fc_lip * D / 4.0;
  r->power_w = r->torque_nmm * 2.0 * G_PI * rpm / 60.0 / 1000.0;
  double thrust = CHISEL_FACTOR * lips * mat->kr_ratio * fc_lip * sin (kappa);
  r->force_n = thrust;
  r->force_mean_n = thrust;

  /* Entry (top of the file): walking on a flat entry, or seated in the spot. */
  double imbalance = LIP_IMBALANCE * lips * fc_lip;
  double compliance = cam_deflection_at (tool, 1.0, 0.0, 0.0); /* mm/N at the point */
  double runout_mm = machine != NULL && machine->runout_um > 0 ? 0.5 * machine->runout_um / 1000.0 : 0.0;
  double f_runout = compliance > 0 ? runout_mm / compliance : 0.0;
  double alpha = MAX (SPOT_ANGLE_DEG / 2.0 * G_PI / 180.0, kappa);
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
  plan->cycle = mat->long_chips && ld <= 5.0 ? CAM_CYCLE_CHIPBREAK : CAM_CYCLE_PECK;
  double first = mat->peck_first_d * D;
  double floor_q = 0.5 * first;
  /* If the shrinking schedule needs too many pecks, raise the floor until it fits. */
  for (;;)
    {
      double q = first, done = 0;
      guint n = 0;
      while (done < depth_mm - 1e-12 && n < CAM_DRILL_MAX_PECKS)
        {
          double step = MIN (q, depth_mm - done);
          plan->pecks_mm[n++] = step;
          done += step;
          q = MAX (floor_q, q * 0.85);
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
cam_drill_fill_plan (const CamTool *tool, const CamMaterial *mat, double depth_mm, CamCutResult *r)
{
  CamDrillPlan *p = &r->drill;
  cam_drill_pecks (tool, mat, depth_mm, p);
  p->process = tool->kind == CAM_TOOL_SPOT ? CAM_PROCESS_MICRO_DRILL
                                           : cam_drill_choose_process (mat, tool->d_mm, depth_mm, 0.0);
  p->spot_first = spot_first (tool, mat);
  /* 90° spot: a dimple of 0.8·D is 0.4·D deep (tan 45° = 1). */
  p->spot_depth_mm = p->spot_first ? 0.4 * tool->d_mm : 0.0;
  if (p->spot_first && p->entry != CAM_DRILL_ENTRY_SPOTTED) /* not when the hole is already spotted */
    r->warnings |= CAM_CUT_WARN_SPOT_FIRST;
  if (p->process != CAM_PROCESS_MICRO_DRILL)
    r->warnings |= CAM_CUT_WARN_PROCESS;
  if (tool->kind == CAM_TOOL_DRILL && depth_mm > tool->loc_mm + 1e-9)
    r->warnings |= CAM_CUT_WARN_DRILL_DEPTH;
}
