/* test-cam-cutting.c — cutting physics: worked cases computed by hand from the formulas cited in
 * cam/cam-{feeds,force,deflection,finish,drill,limits}.c, monotonicity, the limit solver's
 * binding limits, and every shipped material × tool giving finite answers. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "cam-cutting.h"
#include "cam-error.h"
#include "cam-library.h"

#include <math.h>
#include <string.h>

static CamLibrary *lib;

#define assert_close(a, b, rel)                                                                    \
  do {                                                                                             \
    double _a = (a), _b = (b);                                                                     \
    if (!(fabs (_a - _b) <= (rel) * fabs (_b)))                                                    \
      fail_msg ("%s = %.9g, expected %.9g (±%g relative)", #a, _a, _b, (double) (rel));              \
  } while (0)

static const CamMaterial *mat (const char *id) { const CamMaterial *m = cam_library_find_material (lib, id); assert_non_null (m); return m; }
static const CamMachine *mach (const char *id) { const CamMachine *m = cam_library_find_machine (lib, id); assert_non_null (m); return m; }
static const CamTool *tool_id (const char *id) { const CamTool *t = cam_library_find_tool (lib, id); assert_non_null (t); return t; }

static CamTool *
spec (const char *s)
{
  g_autoptr (GError) error = NULL;
  CamTool *t = cam_tool_new_from_spec (s, &error);
  if (t == NULL)
    fail_msg ("spec %s: %s", s, error->message);
  return t;
}

/* Kienzle: Fc = kc1.1·b·h^(1−mc) = 2100 · 0.05 · 0.001^0.79 = 105 · 10^−2.37 = 0.447908 N (by hand). */
static void
test_kienzle_worked_case (void **state)
{
  (void) state;
  assert_close (cam_force_kienzle (2100, 0.21, 0.05, 0.001), 105.0 * pow (0.001, 0.79), 1e-12);
  assert_close (cam_force_kienzle (2100, 0.21, 0.05, 0.001), 0.447908, 1e-5);
  assert_true (cam_force_kienzle (2100, 0.21, 0.0, 0.001) == 0.0);
}

/* n = 1000·vc/(πD): 100 m/min on Ø0.1 → 318 309.9 rpm; ae = 0.1·D → sin φ = 2√(0.1·0.9) = 0.6;
 * slot mean chip 2·fz/π. */
static void
test_speed_thinning_mean_chip (void **state)
{
  (void) state;
  assert_close (cam_feeds_rpm_for_vc (100, 0.1), 318309.886, 1e-8);
  assert_close (cam_feeds_vc_for_rpm (318309.886, 0.1), 100, 1e-8);
  assert_close (cam_feeds_thinning_factor (0.1, 1.0), 0.6, 1e-12);
  assert_close (cam_feeds_thinning_factor (0.5, 1.0), 1.0, 1e-12);
  assert_close (cam_feeds_thinning_factor (1.0, 1.0), 1.0, 1e-12);
  assert_close (cam_feeds_engagement_angle (1.0, 1.0), G_PI, 1e-12);
  assert_close (cam_feeds_mean_chip (0.01, 1.0, 1.0), 0.02 / G_PI, 1e-12);
  /* Runout: 2 flutes, TIR ≥ chip → the long flute takes both chips. */
  assert_close (cam_feeds_peak_chip (0.001, 0.005, 2), 0.002, 1e-12);
  assert_close (cam_feeds_peak_chip (0.010, 0.001, 2), 0.011, 1e-12);
  assert_close (cam_feeds_peak_chip (0.010, 0.001, 1), 0.010, 1e-12);
}

/* Uniform cantilever (flute 0.8·D over the whole stick-out): δ = F·L³/(3·E·I).
 * Ø1, L 10, E 600 GPa, I = π·0.8⁴/64 → δ = 1000/(3·600000·0.0201062) = 0.0276310 mm.
 * Two steps (flute Ø0.8 eq. over 2 mm, shank Ø1 over 8 mm), tip load:
 * δ = F/E·[(10³ − 8³)/3/I₁ + 8/3/I₀.₈] = 0.0114482 mm. */
static void
test_cantilever_worked_cases (void **state)
{
  (void) state;
  g_autoptr (CamTool) uni = spec ("flat:d=1,loc=10,stickout=10,shank=1");
  assert_close (cam_deflection_at (uni, 1.0, 0.0, 0.0), 0.0276310, 1e-5);
  g_autoptr (CamTool) two = spec ("flat:d=1,loc=2,stickout=10,shank=1");
  assert_close (cam_deflection_at (two, 1.0, 0.0, 0.0), 0.0114482, 1e-5);
  /* Maxwell reciprocity: deflection at A from load at B equals deflection at B from load at A. */
  assert_close (cam_deflection_at (two, 1.0, 1.0, 3.0), cam_deflection_at (two, 1.0, 3.0, 1.0), 1e-9);
  /* Bending stress at the clamp: σ = 32·F·L/(π·d³) = 32·1·10/(π·1) = 101.859 MPa (shank Ø1); at
   * the flute run-out the core (0.55·D for two flutes) and the shoulder's Kt 1.6 carry it:
   * 1.6·32·1·2/(π·0.55³) = 195.91 MPa, the larger (it was 39.79 on the 0.8·D stiffness equivalent,
   * under-stated 5×). Torsion only: τ = 16·T/(π·d³) at the core, von Mises √3·τ, × Kt. */
  assert_close (cam_deflection_stress (two, 1.0, 0.0, 0.0), 1.6 * 64.0 / (G_PI * pow (0.55, 3)), 1e-9);
  assert_true (cam_deflection_stress (two, 1.0, 0.0, 0.0) > 320.0 / G_PI);
  assert_close (cam_deflection_stress (two, 0.0, 0.0, 1.0), 1.6 * sqrt (3.0) * 16.0 / (G_PI * pow (0.55, 3)), 1e-9);
  /* a tool that gives its core is read: 0.6·D → (0.55/0.6)³ of the stress */
  g_autoptr (CamTool) fat = spec ("flat:d=1,loc=2,stickout=10,shank=1");
  fat->core_ratio = 0.6;
  assert_close (cam_deflection_stress (fat, 1.0, 0.0, 0.0), 1.6 * 64.0 / (G_PI * pow (0.6, 3)), 1e-9);
}

/* Cusp h = r − √(r² − (s/2)²): r 0.5, s 0.1 → 2.50628 µm; Ra = Rt·8/(18√3). */
static void
test_finish_formulas (void **state)
{
  (void) state;
  assert_close (cam_finish_cusp_height (0.5, 0.1), 0.00250628, 1e-5);
  assert_close (cam_finish_ra_from_rt (1.0), 8.0 / (18.0 * sqrt (3.0)), 1e-12);
  assert_int_equal (cam_finish_class_for_ra (0.3), CAM_FINISH_POLISHED);
  assert_int_equal (cam_finish_class_for_ra (0.6), CAM_FINISH_FINE);
  assert_int_equal (cam_finish_class_for_ra (1.2), CAM_FINISH_AS_MACHINED);
}

/* A full evaluation by hand: Ø1 2-flute in 6061 (kc1.1 800, mc 0.25, Kr/Kt 0.35), slot ap 0.2,
 * fz 0.01, 30 000 rpm on micro60k (runout 1 µm):
 *   h_max 0.01, h_peak 0.011, Fc_peak = 800·0.2·0.011^0.75 = 5.43456 N, resultant ×√(1+0.35²) = 5.75781 N
 *   h_m = 2·0.01/π = 0.0063662; one flute in cut on average; Fc_mean = 800·0.2·h_m^0.75 = 3.60604 N
 *   torque = 3.60604·0.5 = 1.80302 N·mm; power = T·2π·30000/60/1000 = 5.66435 W; feed 600 mm/min. */
static void
test_evaluate_worked_case (void **state)
{
  (void) state;
  const CamTool *t = tool_id ("em-flat-1");
  CamEngagement eng;
  cam_engagement_init (&eng, CAM_CUT_SLOT);
  eng.ap_mm = 0.2;
  eng.fz_mm = 0.01;
  eng.rpm = 30000;
  CamCutResult r;
  g_autoptr (GError) error = NULL;
  assert_true (cam_cutting_evaluate (t, mat ("al6061"), mach ("micro60k"), &eng, &r, &error));
  assert_close (r.feed_mm_min, 600.0, 1e-12);
  assert_close (r.vc_m_min, G_PI * 30.0, 1e-12);
  assert_close (r.h_max_mm, 0.01, 1e-12);
  assert_close (r.h_peak_mm, 0.011, 1e-12);
  assert_close (r.fc_peak_n, 5.434561, 1e-5);
  /* helical flutes (30°) in a full slot 0.2 deep: the lag 0.2·tan30°/0.5 = 0.23 rad is small next
   * to the 180° arc, so the peak is the straight flute's within 1 % */
  double hf = cam_force_helix_factor (1.0, 2, 30.0, 0.2, 1.0, 0.25, 0.35);
  assert_true (hf > 0.99 && hf <= 1.0);
  assert_close (r.force_n, 5.757815 * hf, 1e-5);
  assert_close (r.torque_nmm, 1.803018, 1e-5);
  assert_close (r.power_w, 5.664348, 1e-5);
  assert_close (r.deflection_um, 1000.0 * cam_deflection_at (t, r.force_n, 0.1, 0.0), 1e-12);
  assert_close (r.safety_factor, t->trs_mpa / r.stress_mpa, 1e-12);
  /* Finish (cam-finish.c), by hand. Runout 1 µm is a tenth of the 10 µm chip: the marks are
   * 0.01·(1 + 0.1) = 0.011 mm apart. Wall: their cusp on R 0.5, the ploughed h_min = 0.3·3 µm, the
   * step between the flutes δ·(1 − 0.25)·2·0.001/(0.01 + 0.001) and the taper over the pass. Floor:
   * the marks on the 2° dish, 0.011·tan 2°, and h_min/2 (the chip is above h_min). The slot's Ra
   * is the rougher of the two, here the wall. */
  assert_close (r.mark_spacing_mm, 0.011, 1e-12);
  double wall = cam_finish_cusp_height (0.5, 0.011) + 0.0009 + r.deflection_um * 1e-3 * 0.75 * 2 * 0.001 / 0.011
                + r.wall_taper_um * 1e-3;
  double floor = 0.011 * tan (2.0 * G_PI / 180.0) + 0.00045;
  assert_close (r.rt_wall_um, wall * 1000, 1e-9);
  assert_close (r.rt_floor_um, floor * 1000, 1e-9);
  assert_true (wall > floor);
  assert_close (r.rt_um, wall * 1000, 1e-9);
  assert_close (r.ra_um, cam_finish_ra_from_rt (wall) * 1000, 1e-9);
  assert_close (r.ra_floor_um, cam_finish_ra_from_rt (floor) * 1000, 1e-9);
}

/* The same finishing pass on a 3 µm spindle is rougher than on a 1 µm one: the marks move toward
 * a feed per revolution and the flutes' deflection step grows (cam-finish.c). Floor and wall are
 * reported apart, and a flat end mill's floor is smoother than its wall. */
static void
test_runout_roughens_the_finish (void **state)
{
  (void) state;
  const CamTool *t = tool_id ("em-flat-1");
  CamEngagement eng;
  cam_engagement_init (&eng, CAM_CUT_FINISH);
  eng.ap_mm = 0.5;
  eng.ae_mm = 0.05;
  eng.fz_mm = 0.004;
  eng.rpm = 24000;
  CamCutResult tight, loose;
  assert_true (cam_cutting_evaluate (t, mat ("ss316l"), mach ("micro60k"), &eng, &tight, NULL));
  assert_true (cam_cutting_evaluate (t, mat ("ss316l"), mach ("std24k"), &eng, &loose, NULL));
  assert_true (loose.mark_spacing_mm > tight.mark_spacing_mm);
  assert_true (loose.ra_wall_um > 1.05 * tight.ra_wall_um);
  assert_close (tight.ra_um, tight.ra_wall_um, 1e-12);
  assert_true (tight.ra_floor_um < tight.ra_wall_um);
}

/* A drilled hole in 316L or Ti-6Al-4V is not "polished" (the finding): no drilled wall is
 * finer than the material's finish.drilled_ra_um (Machinery's Handbook chart, 1.6 µm for them). */
static void
test_drilled_hole_is_never_polished (void **state)
{
  (void) state;
  const char *ids[] = { "ss316l", "ti6al4v", "al6061" };
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      CamEngagement eng;
      cam_engagement_init (&eng, CAM_CUT_DRILL);
      eng.depth_mm = 1.5;
      CamCutResult r;
      assert_true (cam_cutting_recommend (tool_id ("drill-0.5"), mat (ids[i]), mach ("micro60k"), &eng, &r, NULL));
      assert_true (r.ra_um >= mat (ids[i])->drilled_ra_um - 1e-12);
      assert_true (mat (ids[i])->drilled_ra_um >= 0.8);
      assert_int_not_equal (r.finish_class, CAM_FINISH_POLISHED);
      if (i < 2)
        assert_int_equal (r.finish_class, CAM_FINISH_AS_MACHINED);
    }
}

/* A ball finishing pass: the floor's scallop grows with the stepover and sets the pass's Ra. */
static void
test_ball_floor_follows_the_stepover (void **state)
{
  (void) state;
  const CamTool *t = tool_id ("em-ball-1");
  CamEngagement eng;
  cam_engagement_init (&eng, CAM_CUT_FINISH);
  eng.ap_mm = 0.05;
  eng.fz_mm = 0.004;
  eng.rpm = 40000;
  CamCutResult fine, coarse;
  eng.ae_mm = 0.02;
  assert_true (cam_cutting_evaluate (t, mat ("al6061"), mach ("micro60k"), &eng, &fine, NULL));
  eng.ae_mm = 0.1;
  assert_true (cam_cutting_evaluate (t, mat ("al6061"), mach ("micro60k"), &eng, &coarse, NULL));
  assert_true (coarse.rt_floor_um > fine.rt_floor_um + 0.9 * 1000 * (cam_finish_cusp_height (0.5, 0.1) - cam_finish_cusp_height (0.5, 0.02)));
  assert_close (coarse.ra_um, coarse.ra_floor_um, 1e-12);
}

/* Helical flutes at light radial engagement: a Ø1 30° two-flute at ae = 0.05·D (arc 0.45 rad) and
 * ap = 1 mm (lag 1.15 rad): at most about 0.45/1.15 of the flute cuts at once, so the peak force is
 * well under half the straight flute's (the "finishing forces over-stated ~3×"). With no
 * helix the factor is 1; deeper cuts and lighter ones lower it further. */
static void
test_helix_lowers_light_cut_force (void **state)
{
  (void) state;
  double light = cam_force_helix_factor (1.0, 2, 30.0, 1.0, 0.05, 0.25, 0.35);
  assert_true (light < 0.45 && light > 0.2);
  assert_close (cam_force_helix_factor (1.0, 2, 0.0, 1.0, 0.05, 0.25, 0.35), 1.0, 1e-12);
  assert_true (cam_force_helix_factor (1.0, 2, 30.0, 1.0, 0.02, 0.25, 0.35) < light);
  assert_true (cam_force_helix_factor (1.0, 2, 30.0, 0.5, 0.05, 0.25, 0.35) > light);
  /* the engine uses it: a finishing pass's force falls against the straight-flute Kienzle value */
  const CamTool *t = tool_id ("em-flat-1");
  CamEngagement eng;
  cam_engagement_init (&eng, CAM_CUT_FINISH);
  eng.ap_mm = 1.0;
  eng.ae_mm = 0.05;
  eng.fz_mm = 0.005;
  eng.rpm = 30000;
  CamCutResult r;
  assert_true (cam_cutting_evaluate (t, mat ("al6061"), mach ("micro60k"), &eng, &r, NULL));
  double straight = r.fc_peak_n * sqrt (1.0 + 0.35 * 0.35);
  assert_close (r.force_n, straight * cam_force_helix_factor (1.0, 2, 30.0, 1.0, 0.05, 0.25, 0.35), 1e-9);
  assert_true (r.force_n < 0.45 * straight);
}

static void
test_longer_stickout_deflects_more (void **state)
{
  (void) state;
  g_autoptr (CamTool) a = spec ("flat:d=0.5,stickout=12");
  g_autoptr (CamTool) b = spec ("flat:d=0.5,stickout=25");
  g_autoptr (CamTool) c = spec ("flat:d=0.5,neck=0.47,reach=3,stickout=25");
  double da = cam_deflection_at (a, 1.0, 0.1, 0.0);
  double db = cam_deflection_at (b, 1.0, 0.1, 0.0);
  double dc = cam_deflection_at (c, 1.0, 0.1, 0.0);
  assert_true (db > da);
  assert_true (dc > 2 * db);   /* a 3 mm neck of Ø0.47 is far more compliant than the taper and shank */
}

static void
test_harder_material_runs_slower (void **state)
{
  (void) state;
  g_autoptr (CamTool) t = spec ("flat:d=3,z=3");
  gboolean capped, raised;
  double soft = cam_feeds_recommended_rpm (t, mat ("h13-annealed"), mach ("std24k"), CAM_CUT_SIDE, &capped, &raised);
  assert_false (capped);
  double hard = cam_feeds_recommended_rpm (t, mat ("h13-50hrc"), mach ("std24k"), CAM_CUT_SIDE, &capped, &raised);
  assert_false (capped);
  assert_true (hard < soft);
  double ss = cam_feeds_recommended_rpm (t, mat ("ss316l"), mach ("std24k"), CAM_CUT_SIDE, NULL, NULL);
  double ti = cam_feeds_recommended_rpm (t, mat ("ti6al4v"), mach ("std24k"), CAM_CUT_SIDE, NULL, NULL);
  assert_true (mat ("ti6al4v")->hardness_hb > mat ("ss316l")->hardness_hb && ti < ss);
}

/* Spindle cap: the same Ø0.2 tool on a 24k and a 60k spindle keeps its chip load; the feed
 * follows the rpm, and the binding limit says the spindle. */
static void
test_spindle_cap_scales_feed_keeps_chip_load (void **state)
{
  (void) state;
  const CamTool *t = tool_id ("em-flat-0.2");
  CamEngagement eng;
  cam_engagement_init (&eng, CAM_CUT_SIDE);
  eng.ap_mm = 0.03;   /* shallow enough that the table, not breakage, sets the chip on both */
  eng.ae_mm = 0.02;
  CamCutResult slow, fast;
  assert_true (cam_cutting_recommend (t, mat ("al6061"), mach ("std24k"), &eng, &slow, NULL));
  assert_true (cam_cutting_recommend (t, mat ("al6061"), mach ("micro60k"), &eng, &fast, NULL));
  assert_close (slow.rpm, 24000, 1e-12);
  assert_close (fast.rpm, 60000, 1e-12);
  assert_close (slow.fz_mm, fast.fz_mm, 1e-9);
  assert_close (fast.feed_mm_min / slow.feed_mm_min, 60000.0 / 24000.0, 1e-9);
  assert_int_equal (slow.binding_limit, CAM_LIMIT_SPINDLE_MAX_RPM);
  assert_true (slow.warnings & CAM_CUT_WARN_RPM_CAPPED);
  /* Chip thinning: ae = 0.1·D → programmed fz = table / 0.6. */
  assert_close (slow.fz_mm, cam_material_chip_load (mat ("al6061"), 0.2) / 0.6, 1e-9);
  assert_close (slow.h_max_mm, cam_material_chip_load (mat ("al6061"), 0.2), 1e-9);
  /* The compensation stops at 5×: at ae = 0.1 % of D the chip is thinner than the table's. */
  eng.ae_mm = 0.0002;
  assert_true (cam_cutting_recommend (t, mat ("al6061"), mach ("std24k"), &eng, &slow, NULL));
  assert_true (slow.fz_mm <= 5.0 * cam_material_chip_load (mat ("al6061"), 0.2) * (1 + 1e-9)
               || slow.binding_limit == CAM_LIMIT_PLOUGHING);
}

/* Ø0.05 in 316L: the table gives 0.25 µm/tooth, the edge (1 µm × 0.3) needs 0.3 µm: the solver
 * raises the chip load to the ploughing limit and says so. */
static void
test_ploughing_binds_for_tiny_tool_in_steel (void **state)
{
  (void) state;
  const CamTool *t = tool_id ("em-flat-0.05");
  CamEngagement eng;
  cam_engagement_init (&eng, CAM_CUT_SLOT);
  eng.ap_mm = 0.003;   /* at 0.005 mm the Ø0.028 core breaks first (SF 1.94): see below */
  CamCutResult r;
  assert_true (cam_cutting_recommend (t, mat ("ss316l"), mach ("micro60k"), &eng, &r, NULL));
  assert_int_equal (r.binding_limit, CAM_LIMIT_PLOUGHING);
  assert_close (r.h_min_mm, 0.3 * 0.001, 1e-9);
  assert_true (r.h_max_mm >= r.h_min_mm);
  assert_false (r.warnings & CAM_CUT_WARN_PLOUGHING);
  /* Evaluating the table value instead shows the ploughing warning. */
  eng.fz_mm = cam_material_chip_load (mat ("ss316l"), t->d_mm);
  assert_true (eng.fz_mm < 0.3 * 0.001);
  assert_true (cam_cutting_evaluate (t, mat ("ss316l"), mach ("micro60k"), &eng, &r, NULL));
  assert_true (r.warnings & CAM_CUT_WARN_PLOUGHING);
  assert_int_equal (r.binding_limit, CAM_LIMIT_PLOUGHING);
  /* Deeper, the core (0.55 × 0.05 = 0.0275 mm) with the flute run-out's Kt breaks even at the
   * minimum chip: infeasible, and the limit named is the one exceeded (breakage), not the table's. */
  eng.fz_mm = 0;
  eng.ap_mm = 0.005;
  assert_true (cam_cutting_recommend (t, mat ("ss316l"), mach ("micro60k"), &eng, &r, NULL));
  assert_true (r.warnings & CAM_CUT_WARN_INFEASIBLE);
  assert_int_equal (r.binding_limit, CAM_LIMIT_BREAKAGE);
  assert_true (r.safety_factor < 2.0);
}

/* A long-reach Ø0.5 (3 mm neck) in 6061 with 3 µm allowed: deflection binds, at the allowed value.
 * With 1 µm allowed even the minimum chip bends it too far: infeasible, said so. */
static void
test_deflection_binds_at_allowed_value (void **state)
{
  (void) state;
  const CamTool *t = tool_id ("em-flat-0.5-r3");
  CamEngagement eng;
  cam_engagement_init (&eng, CAM_CUT_SIDE);
  eng.ap_mm = 0.05;
  eng.ae_mm = 0.05;
  eng.max_deflection_mm = 0.003;
  CamCutResult r;
  assert_true (cam_cutting_recommend (t, mat ("al6061"), mach ("micro60k"), &eng, &r, NULL));
  assert_int_equal (r.binding_limit, CAM_LIMIT_DEFLECTION);
  assert_close (r.deflection_um, 3.0, 1e-3);
  assert_close (r.allowed_deflection_um, 3.0, 1e-12);
  assert_false (r.warnings & (CAM_CUT_WARN_INFEASIBLE | CAM_CUT_WARN_DEFLECTION | CAM_CUT_WARN_PLOUGHING));
  /* Loosening the allowance raises the feed. */
  CamCutResult loose;
  eng.max_deflection_mm = 0.004;
  assert_true (cam_cutting_recommend (t, mat ("al6061"), mach ("micro60k"), &eng, &loose, NULL));
  assert_true (loose.feed_mm_min > r.feed_mm_min);
  /* Default allowed deflection: half of the default tolerance, 0.05 mm roughing, 0.01 mm finishing;
   * or half of the given tolerance. */
  eng.max_deflection_mm = 0;
  assert_true (cam_cutting_recommend (t, mat ("al6061"), mach ("micro60k"), &eng, &r, NULL));
  assert_close (r.allowed_deflection_um, 25.0, 1e-12);
  eng.op = CAM_CUT_FINISH;
  assert_true (cam_cutting_recommend (t, mat ("al6061"), mach ("micro60k"), &eng, &r, NULL));
  assert_close (r.allowed_deflection_um, 5.0, 1e-12);
  eng.tolerance_mm = 0.002;
  assert_true (cam_cutting_recommend (t, mat ("al6061"), mach ("micro60k"), &eng, &r, NULL));
  assert_close (r.allowed_deflection_um, 1.0, 1e-12);
  eng.tolerance_mm = 0;
  eng.op = CAM_CUT_SIDE;
  /* Too tight: no feed works; the chip stays at the ploughing bound and the warning says so. */
  eng.max_deflection_mm = 0.001;
  assert_true (cam_cutting_recommend (t, mat ("al6061"), mach ("micro60k"), &eng, &r, NULL));
  assert_int_equal (r.binding_limit, CAM_LIMIT_DEFLECTION);
  assert_true (r.warnings & CAM_CUT_WARN_INFEASIBLE);
  assert_true (r.warnings & CAM_CUT_WARN_DEFLECTION);
  assert_true (r.h_max_mm >= r.h_min_mm);
}

static void
test_power_feed_breakage_bind (void **state)
{
  (void) state;
  const CamTool *t = tool_id ("em-flat-3");
  CamMachine weak = *mach ("std24k");
  weak.power_w = 20.0;
  CamEngagement eng;
  cam_engagement_init (&eng, CAM_CUT_SLOT);
  eng.ap_mm = 0.5;
  eng.max_deflection_mm = 1.0;
  CamCutResult r;
  assert_true (cam_cutting_recommend (t, mat ("ss316l"), &weak, &eng, &r, NULL));
  assert_int_equal (r.binding_limit, CAM_LIMIT_POWER);
  assert_close (r.power_w, 20.0, 1e-3);

  CamMachine slow = *mach ("std24k");
  slow.max_feed_mm_min = 200.0;
  assert_true (cam_cutting_recommend (t, mat ("al6061"), &slow, &eng, &r, NULL));
  assert_int_equal (r.binding_limit, CAM_LIMIT_MACHINE_MAX_FEED);
  assert_close (r.feed_mm_min, 200.0, 1e-9);

  /* A brittle imaginary tool material: breakage binds at the minimum safety factor. */
  g_autoptr (CamTool) weak_tool = spec ("flat:d=1,neck=0.9,reach=4");
  weak_tool->trs_mpa = 900.0;   /* (300 when the stress was on 0.8·D: the core and Kt triple it) */
  eng.ap_mm = 0.2;
  eng.min_safety_factor = 2.0;
  assert_true (cam_cutting_recommend (weak_tool, mat ("al6061"), mach ("micro60k"), &eng, &r, NULL));
  assert_int_equal (r.binding_limit, CAM_LIMIT_BREAKAGE);
  assert_close (r.safety_factor, 2.0, 1e-3);
}

static void
test_ball_scallop_and_finish_class (void **state)
{
  (void) state;
  const CamTool *t = tool_id ("em-ball-1");
  CamEngagement eng;
  cam_engagement_init (&eng, CAM_CUT_FINISH);
  eng.ap_mm = 0.05;
  eng.ae_mm = 0.1;   /* stepover */
  CamCutResult r;
  assert_true (cam_cutting_recommend (t, mat ("al6061"), mach ("micro60k"), &eng, &r, NULL));
  double scallop = cam_finish_cusp_height (0.5, 0.1);
  assert_true (r.rt_um >= scallop * 1000 - 1e-9);
  assert_int_equal (r.finish_class, cam_finish_class_for_ra (r.ra_um));
  /* A finer stepover gives a finer finish. */
  CamCutResult fine;
  eng.ae_mm = 0.02;
  assert_true (cam_cutting_recommend (t, mat ("al6061"), mach ("micro60k"), &eng, &fine, NULL));
  assert_true (fine.ra_um < r.ra_um);
}

/* Peck schedule: Ø0.1 × 1 mm in 316L (10×D): G83 (deeper than 3×D in a stringy-chip material), first peck 0.4·D, pecks never
 * grow, sum = depth. */
static void
test_drill_pecks_shrink_with_depth (void **state)
{
  (void) state;
  const CamTool *t = tool_id ("drill-0.1");
  CamEngagement eng;
  cam_engagement_init (&eng, CAM_CUT_DRILL);
  eng.depth_mm = 1.0;
  CamCutResult r;
  g_autoptr (GError) error = NULL;
  assert_true (cam_cutting_recommend (t, mat ("ss316l"), mach ("micro60k"), &eng, &r, &error));
  assert_int_equal (r.drill.cycle, CAM_CYCLE_PECK);
  assert_int_equal (r.drill.process, CAM_PROCESS_MICRO_DRILL);
  assert_true (r.drill.n_pecks > 2 && r.drill.n_pecks <= CAM_DRILL_MAX_PECKS);
  double sum = 0;
  for (guint i = 0; i < r.drill.n_pecks; i++)
    {
      sum += r.drill.pecks_mm[i];
      if (i > 0 && i + 1 < r.drill.n_pecks)
        assert_true (r.drill.pecks_mm[i] <= r.drill.pecks_mm[i - 1] + 1e-12);
    }
  assert_close (sum, 1.0, 1e-9);
  assert_true (r.drill.pecks_mm[0] <= 0.04 + 1e-12);
  assert_true (r.drill.pecks_mm[r.drill.n_pecks - 2] < r.drill.pecks_mm[0]);
  assert_true (r.drill.spot_first);
  assert_true (isfinite (r.force_n) && r.force_n > 0 && r.safety_factor > 0);
  assert_close (r.feed_mm_min, r.feed_per_rev_mm * r.rpm, 1e-12);

  /* Shallow: G81, one "peck". Stringy chips up to 3×D: G73; deeper they pack, G83. */
  eng.depth_mm = 0.05;
  assert_true (cam_cutting_recommend (t, mat ("ss316l"), mach ("micro60k"), &eng, &r, NULL));
  assert_int_equal (r.drill.cycle, CAM_CYCLE_DRILL);
  assert_int_equal (r.drill.n_pecks, 1);
  eng.depth_mm = 0.3;
  assert_true (cam_cutting_recommend (t, mat ("al6061"), mach ("micro60k"), &eng, &r, NULL));
  assert_int_equal (r.drill.cycle, CAM_CYCLE_CHIPBREAK);
  eng.depth_mm = 0.4;
  assert_true (cam_cutting_recommend (t, mat ("al6061"), mach ("micro60k"), &eng, &r, NULL));
  assert_int_equal (r.drill.cycle, CAM_CYCLE_PECK);

  /* Ø1 drill in 6061 on the 24k spindle: the table feed per rev, capped rpm; the entry bend is
   * reported but does not slow the feed. f = 0.02 mm/rev → 480 mm/min. */
  eng.depth_mm = 6.0;
  assert_true (cam_cutting_recommend (tool_id ("drill-1"), mat ("al6061"), mach ("std24k"), &eng, &r, NULL));
  assert_int_equal (r.binding_limit, CAM_LIMIT_SPINDLE_MAX_RPM);
  assert_close (r.feed_per_rev_mm, 0.02, 1e-12);
  assert_close (r.feed_mm_min, 480.0, 1e-12);
  assert_false (r.warnings & CAM_CUT_WARN_DEFLECTION);
  /* Lip chip h = (f/2)·sin 70°, Fc per lip = 800·(0.5/sin 70°)·h^0.75, torque = 2·Fc·D/4. */
  double k = sin (70.0 * G_PI / 180.0), h = 0.01 * k;
  double fc = 800.0 * (0.5 / k) * pow (h, 0.75);
  /* 6×D of stringy 6061: G83, whose retracts clear the chips; the flutes hold the first (longest)
   * peck, 1.0·D: the torque × 1 + 0.1·(e^(1/2) − 1) (cam_drill_packing_factor). */
  assert_int_equal (r.drill.cycle, CAM_CYCLE_PECK);
  assert_close (r.drill.packed_depth_mm, r.drill.pecks_mm[0], 1e-12);
  assert_close (r.drill.packed_depth_mm, 1.0, 1e-12);
  double packing = 1.0 + 0.1 * (exp (0.5) - 1.0);
  assert_close (cam_drill_packing_factor (mat ("al6061"), tool_id ("drill-1"), 1.0), packing, 1e-12);
  assert_close (r.torque_nmm, fc * 0.5 * packing, 1e-9);
  assert_close (r.drill.packing_torque_nmm, fc * 0.5 * (packing - 1.0), 1e-9);
  assert_close (r.power_w, fc * 0.5 * packing * 2 * G_PI * 24000 / 60 / 1000, 1e-9);
}

static void
test_drill_process_alternatives (void **state)
{
  (void) state;
  assert_int_equal (cam_drill_choose_process (mat ("ss316l"), 0.2, 1.0, 0.05), CAM_PROCESS_MICRO_DRILL);
  /* Below the smallest drill. */
  assert_int_equal (cam_drill_choose_process (mat ("ss316l"), 0.03, 0.1, 0.05), CAM_PROCESS_MICRO_EDM);
  assert_int_equal (cam_drill_choose_process (mat ("peek"), 0.03, 0.1, 0.05), CAM_PROCESS_LASER);
  /* Too hard for a micro drill. */
  assert_int_equal (cam_drill_choose_process (mat ("h13-50hrc"), 0.2, 0.4, 0.05), CAM_PROCESS_MICRO_EDM);
  CamMaterial glassy = *mat ("peek");
  glassy.hardness_hb = 600;
  assert_int_equal (cam_drill_choose_process (&glassy, 0.2, 0.4, 0.05), CAM_PROCESS_ULTRASONIC);
  /* Too deep: 20×D in 316L (max 10). */
  assert_int_equal (cam_drill_choose_process (mat ("ss316l"), 0.1, 2.0, 0.05), CAM_PROCESS_MICRO_EDM);
  assert_int_equal (cam_drill_choose_process (mat ("pom"), 0.1, 2.0, 0.05), CAM_PROCESS_LASER);

  CamEngagement eng;
  cam_engagement_init (&eng, CAM_CUT_DRILL);
  eng.depth_mm = 0.6;
  CamCutResult r;
  assert_true (cam_cutting_recommend (tool_id ("drill-0.2"), mat ("h13-50hrc"), mach ("micro60k"), &eng, &r, NULL));
  assert_int_equal (r.drill.process, CAM_PROCESS_MICRO_EDM);
  assert_true (r.warnings & CAM_CUT_WARN_PROCESS);
}

static void
test_bad_engagements_are_rejected (void **state)
{
  (void) state;
  CamEngagement eng;
  CamCutResult r;
  cam_engagement_init (&eng, CAM_CUT_SLOT);
  eng.ap_mm = 2.0;   /* beyond loc 1.5 */
  g_autoptr (GError) e1 = NULL;
  assert_false (cam_cutting_recommend (tool_id ("em-flat-1"), mat ("al6061"), mach ("micro60k"), &eng, &r, &e1));
  assert_true (g_error_matches (e1, CAM_ERROR, CAM_ERROR_INVALID));
  assert_non_null (strstr (e1->message, "length of cut"));
  cam_engagement_init (&eng, CAM_CUT_DRILL);
  g_autoptr (GError) e2 = NULL;
  assert_false (cam_cutting_evaluate (tool_id ("em-flat-1"), mat ("al6061"), mach ("micro60k"), &eng, &r, &e2));
  cam_engagement_init (&eng, CAM_CUT_SIDE);
  g_autoptr (GError) e3 = NULL;
  assert_false (cam_cutting_evaluate (tool_id ("drill-1"), mat ("al6061"), mach ("micro60k"), &eng, &r, &e3));
  cam_engagement_init (&eng, CAM_CUT_SIDE);
  eng.rpm = 90000;
  g_autoptr (GError) e4 = NULL;
  assert_false (cam_cutting_evaluate (tool_id ("em-flat-1"), mat ("al6061"), mach ("micro60k"), &eng, &r, &e4));
  assert_non_null (strstr (e4->message, "maximum"));
  cam_engagement_init (&eng, CAM_CUT_SIDE);
  eng.ae_mm = -1;
  g_autoptr (GError) e5 = NULL;
  assert_false (cam_cutting_evaluate (tool_id ("em-flat-1"), mat ("al6061"), mach ("micro60k"), &eng, &r, &e5));
}

static gboolean
finite_result (const CamCutResult *r)
{
  const double v[] = { r->rpm, r->vc_m_min, r->fz_mm, r->feed_mm_min, r->plunge_mm_min, r->h_max_mm, r->h_min_mm,
                       r->force_n, r->torque_nmm, r->power_w, r->deflection_um, r->stress_mpa, r->safety_factor,
                       r->ra_um, r->rt_um };
  for (guint i = 0; i < G_N_ELEMENTS (v); i++)
    if (!isfinite (v[i]) || v[i] < 0)
      return FALSE;
  return r->rpm > 0 && r->fz_mm > 0 && r->feed_mm_min > 0 && r->force_n > 0;
}

static void
test_every_material_and_tool_gives_finite_answers (void **state)
{
  (void) state;
  assert_true (cam_library_n_materials (lib) >= 9);
  assert_true (cam_library_n_tools (lib) >= 20);
  for (guint m = 0; m < cam_library_n_materials (lib); m++)
    for (guint t = 0; t < cam_library_n_tools (lib); t++)
      for (guint k = 0; k < cam_library_n_machines (lib); k++)
        {
          const CamTool *tool = cam_library_get_tool (lib, t);
          const CamCutKind ops_mill[] = { CAM_CUT_SLOT, CAM_CUT_SIDE, CAM_CUT_POCKET, CAM_CUT_FINISH };
          const CamCutKind ops_drill[] = { CAM_CUT_DRILL };
          gboolean mill = cam_tool_is_mill (tool);
          const CamCutKind *ops = mill ? ops_mill : ops_drill;
          guint n = mill ? G_N_ELEMENTS (ops_mill) : 1;
          for (guint o = 0; o < n; o++)
            {
              CamEngagement eng;
              cam_engagement_init (&eng, ops[o]);
              CamCutResult r;
              g_autoptr (GError) error = NULL;
              if (!cam_cutting_recommend (tool, cam_library_get_material (lib, m), cam_library_get_machine (lib, k),
                                          &eng, &r, &error))
                fail_msg ("%s %s %s: %s", tool->id, cam_library_get_material (lib, m)->id, cam_cut_kind_to_string (ops[o]),
                          error->message);
              if (!finite_result (&r))
                fail_msg ("%s in %s (%s): a value is not finite", tool->id, cam_library_get_material (lib, m)->id,
                          cam_cut_kind_to_string (ops[o]));
              g_autoptr (GPtrArray) w = cam_cut_result_warnings (&r, tool, cam_library_get_material (lib, m),
                                                                 cam_library_get_machine (lib, k));
              assert_non_null (w);
            }
        }
}

static void
test_optimise_ap_never_loses_removal_rate (void **state)
{
  (void) state;
  const CamTool *t = tool_id ("em-flat-0.2-r1");
  CamEngagement eng;
  cam_engagement_init (&eng, CAM_CUT_SLOT);
  CamCutResult plain, best;
  assert_true (cam_cutting_recommend (t, mat ("ti6al4v"), mach ("micro60k"), &eng, &plain, NULL));
  eng.optimise_ap = TRUE;
  assert_true (cam_cutting_recommend (t, mat ("ti6al4v"), mach ("micro60k"), &eng, &best, NULL));
  assert_true (best.mrr_mm3_min >= plain.mrr_mm3_min * (1 - 1e-9) || (plain.warnings & CAM_CUT_WARN_INFEASIBLE));
  assert_true (best.ap_mm <= mat ("ti6al4v")->ap_slot_d * 0.2 + 1e-12);

  /* Side milling with a long neck: choosing ae too never loses removal rate either. */
  cam_engagement_init (&eng, CAM_CUT_SIDE);
  eng.ap_mm = 0.1;
  assert_true (cam_cutting_recommend (t, mat ("ss316l"), mach ("micro60k"), &eng, &plain, NULL));
  eng.optimise_ae = TRUE;
  assert_true (cam_cutting_recommend (t, mat ("ss316l"), mach ("micro60k"), &eng, &best, NULL));
  assert_true (best.mrr_mm3_min >= plain.mrr_mm3_min * (1 - 1e-9) || (plain.warnings & CAM_CUT_WARN_INFEASIBLE));
  assert_true (best.ae_mm <= mat ("ss316l")->ae_side_d * 0.2 + 1e-12);
  assert_close (best.ap_mm, 0.1, 1e-12);
}

static void
test_tool_kind_and_hss_warnings (void **state)
{
  (void) state;
  CamEngagement eng;
  CamCutResult r;
  cam_engagement_init (&eng, CAM_CUT_SLOT);
  assert_true (cam_cutting_recommend (tool_id ("chamfer-1-90"), mat ("al6061"), mach ("micro60k"), &eng, &r, NULL));
  assert_true (r.warnings & CAM_CUT_WARN_TOOL_KIND);
  cam_engagement_init (&eng, CAM_CUT_DRILL);
  eng.depth_mm = 2.0;
  assert_true (cam_cutting_recommend (tool_id ("spot-1-90"), mat ("al6061"), mach ("micro60k"), &eng, &r, NULL));
  assert_true (r.warnings & CAM_CUT_WARN_TOOL_KIND);
  /* HSS in hardened steel: carbide only. HSS drills run no faster than HSS speeds. */
  g_autoptr (CamTool) hss = spec ("flat:d=2,mat=hss");
  cam_engagement_init (&eng, CAM_CUT_SIDE);
  assert_true (cam_cutting_recommend (hss, mat ("h13-50hrc"), mach ("std24k"), &eng, &r, NULL));
  assert_true (r.warnings & CAM_CUT_WARN_HSS_UNSUITABLE);
  g_autoptr (CamTool) hss_drill = spec ("drill:d=3,mat=hss");
  double n = cam_feeds_recommended_rpm (hss_drill, mat ("al6061"), mach ("std24k"), CAM_CUT_DRILL, NULL, NULL);
  assert_true (cam_feeds_vc_for_rpm (n, 3.0) <= mat ("al6061")->vc_hss_max + 1e-9);
}

static void
test_names (void **state)
{
  (void) state;
  const char *expect[] = { "material", "spindle_max_rpm", "deflection", "breakage", "ploughing", "power",
                           "machine_max_feed" };
  for (guint i = 0; i < G_N_ELEMENTS (expect); i++)
    {
      assert_string_equal (cam_limit_to_string ((CamLimit) i), expect[i]);
      assert_true (strlen (cam_limit_describe ((CamLimit) i)) > 10);
    }
  CamCutKind op;
  assert_true (cam_cut_kind_from_string ("finish", &op) && op == CAM_CUT_FINISH);
  assert_false (cam_cut_kind_from_string ("mill", &op));
  assert_string_equal (cam_cycle_to_gcode (CAM_CYCLE_CHIPBREAK), "G73");
  assert_string_equal (cam_process_to_string (CAM_PROCESS_MICRO_EDM), "micro-edm");
}

static int
setup (void **state)
{
  (void) state;
  lib = cam_library_new_with_config_dir (NULL);
  return cam_library_get_warnings (lib)->len == 0 ? 0 : -1;
}

static int
teardown (void **state)
{
  (void) state;
  g_clear_pointer (&lib, cam_library_free);
  return 0;
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_kienzle_worked_case),
    cmocka_unit_test (test_speed_thinning_mean_chip),
    cmocka_unit_test (test_cantilever_worked_cases),
    cmocka_unit_test (test_finish_formulas),
    cmocka_unit_test (test_evaluate_worked_case),
    cmocka_unit_test (test_helix_lowers_light_cut_force),
    cmocka_unit_test (test_longer_stickout_deflects_more),
    cmocka_unit_test (test_harder_material_runs_slower),
    cmocka_unit_test (test_spindle_cap_scales_feed_keeps_chip_load),
    cmocka_unit_test (test_ploughing_binds_for_tiny_tool_in_steel),
    cmocka_unit_test (test_runout_roughens_the_finish),
    cmocka_unit_test (test_drilled_hole_is_never_polished),
    cmocka_unit_test (test_ball_floor_follows_the_stepover),
    cmocka_unit_test (test_deflection_binds_at_allowed_value),
    cmocka_unit_test (test_power_feed_breakage_bind),
    cmocka_unit_test (test_ball_scallop_and_finish_class),
    cmocka_unit_test (test_drill_pecks_shrink_with_depth),
    cmocka_unit_test (test_drill_process_alternatives),
    cmocka_unit_test (test_bad_engagements_are_rejected),
    cmocka_unit_test (test_every_material_and_tool_gives_finite_answers),
    cmocka_unit_test (test_optimise_ap_never_loses_removal_rate),
    cmocka_unit_test (test_tool_kind_and_hss_warnings),
    cmocka_unit_test (test_names),
  };
  return cmocka_run_group_tests (tests, setup, teardown);
}
