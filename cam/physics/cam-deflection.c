/* cam-deflection.c — tool deflection and stress: a stepped cantilever clamped at the holder.
 *
 *   holder │ shank Ø ds │ taper (steps) │ neck Ø dn │ flutes Ø 0.8·D │ tip
 *   x = 0 ─┴────────────┴───────────────┴───────────┴──────────●─────┘ x = L (stick-out)
 *                                                              F at ap/2 from the tip
 *
 * Deflection at a point (unit-load / virtual-work method for a beam with piecewise constant EI;
 * S. Timoshenko, J. Gere, "Mechanics of Materials", ch. 9–10):
 *   δ(xa) = F/E · ∫₀^min(xa,xF) (xF − x)(xa − x) / I(x) dx,   I = π d⁴ / 64
 * done in closed form per section. For a uniform beam loaded at its tip this is F·L³/(3EI).
 *
 * The fluted part bends like a round bar of about 0.8·D (J. Kops, D. T. Vo, "Determination of
 * the equivalent diameter of an end mill based on its compliance", CIRP Annals 39(1) (1990) 93–96).
 * The neck-to-shank taper (half angle taper_deg) is cut into 12 steps of its mid diameter.
 *
 * Stress: bending σ = 32·M/(π d³) with M = F·(distance to the load), and torsion τ = 16·T/(π d³),
 * combined as von Mises σv = √(σ² + 3τ²), checked at the clamp end of every section and along the
 * taper; the largest is compared with the tool material's transverse rupture strength (safety
 * factor = TRS/σv). The fluted part breaks at its core, not at the stiffness-equivalent 0.8·D: its
 * stress uses the core diameter (CamTool.core_ratio·D, ≈ 0.55·D for two-flute micro end mills; see
 * cam_tool_default_core_ratio), which raises the flute's stress (0.8/0.55)³ ≈ 3×. Where the section
 * changes (flute run-out into the neck or shank, neck into the taper) the notch raises the local
 * stress by Kt: a shoulder fillet in bending with r/d ≈ 0.1 and D/d ≈ 1.2–2 gives Kt ≈ 1.6–1.7
 * (W. D. Pilkey, D. F. Pilkey, "Peterson's Stress Concentration Factors", 3rd ed., Wiley 2008,
 * chart 3.10, stepped round bar in bending); 1.6 is used. The safety factor 2 on TRS then covers
 * scatter of carbide strength and cyclic loading, no longer the missing notch (cam-limits.c). */
#include "cam-cutting.h"

#include <math.h>

#define FLUTE_EQUIVALENT 0.8
#define TAPER_STEPS 12
#define SHOULDER_KT 1.6

typedef struct {
  double s0, s1;   /* from the tip, s0 < s1 */
  double d;        /* diameter for stiffness */
  double d_end;    /* diameter that carries the stress at the clamp end s1 (the flutes: their core) */
  double kt;       /* stress concentration at s1: a change of section there */
} Section;

/* Fills sections from the tip to the clamp; returns their count. */
static guint
sections (const CamTool *t, Section *out, guint max)
{
  guint n = 0;
  double L = t->stickout_mm;
  double neck_or_d = MIN (t->neck_d_mm, t->d_mm);
  double flute_d = FLUTE_EQUIVALENT * t->d_mm;
  double s = 0;

  double loc = MIN (t->loc_mm, L);
  double core_d = t->core_ratio * t->d_mm;
  /* the flute run-out is a notch unless the flutes run into the holder */
  out[n++] = (Section) { 0, loc, flute_d, core_d, loc < L ? SHOULDER_KT : 1.0 };
  s = loc;
  if (t->reach_mm > s && s < L)
    {
      double e = MIN (t->reach_mm, L);
      out[n++] = (Section) { s, e, neck_or_d, neck_or_d, e < L && t->shank_d_mm > neck_or_d ? SHOULDER_KT : 1.0 };
      s = e;
    }
  if (t->shank_d_mm > neck_or_d && s < L)
    {
      double taper_len = (t->shank_d_mm - neck_or_d) / (2.0 * tan (t->taper_deg * G_PI / 180.0));
      double step = taper_len / TAPER_STEPS;
      for (guint i = 0; i < TAPER_STEPS && s < L && n < max - 1; i++)
        {
          double e = MIN (s + step, L);
          double mid = (i + 0.5) / TAPER_STEPS;
          double end = (i + 1.0) / TAPER_STEPS;
          out[n++] = (Section) { s, e, neck_or_d + mid * (t->shank_d_mm - neck_or_d),
                                 neck_or_d + end * (t->shank_d_mm - neck_or_d), 1.0 };
          s = e;
        }
    }
  if (s < L && n < max)
    out[n++] = (Section) { s, L, t->shank_d_mm, t->shank_d_mm, 1.0 };
  return n;
}

double
cam_deflection_at (const CamTool *tool, double force_n, double load_from_tip_mm, double at_from_tip_mm)
{
  Section sec[TAPER_STEPS + 4];
  guint n = sections (tool, sec, G_N_ELEMENTS (sec));
  double L = tool->stickout_mm;
  double xF = L - CLAMP (load_from_tip_mm, 0.0, L);
  double xa = L - CLAMP (at_from_tip_mm, 0.0, L);
  double upper = MIN (xF, xa);
  double E = tool->young_gpa * 1000.0;   /* N/mm² */
  double sum = 0;
  for (guint i = 0; i < n; i++)
    {
      /* Section in clamp coordinates x = L − s. */
      double x0 = L - sec[i].s1, x1 = MIN (L - sec[i].s0, upper);
      if (x1 <= x0)
        continue;
      double I = G_PI * pow (sec[i].d, 4) / 64.0;
      double integral = xF * xa * (x1 - x0) - (xF + xa) * (x1 * x1 - x0 * x0) / 2.0
                        + (x1 * x1 * x1 - x0 * x0 * x0) / 3.0;
      sum += integral / I;
    }
  return force_n * sum / E;
}

static double
von_mises (double moment_nmm, double torque_nmm, double d)
{
  double sigma = 32.0 * moment_nmm / (G_PI * d * d * d);
  double tau = 16.0 * torque_nmm / (G_PI * d * d * d);
  return sqrt (sigma * sigma + 3.0 * tau * tau);
}

double
cam_deflection_stress (const CamTool *tool, double force_n, double load_from_tip_mm, double torque_nmm)
{
  Section sec[TAPER_STEPS + 4];
  guint n = sections (tool, sec, G_N_ELEMENTS (sec));
  double worst = 0;
  for (guint i = 0; i < n; i++)
    {
      /* The moment grows towards the clamp: the clamp end of each section carries the most. */
      double arm = MAX (0.0, sec[i].s1 - load_from_tip_mm);
      double d = sec[i].d_end;
      worst = MAX (worst, sec[i].kt * von_mises (force_n * arm, torque_nmm, d));
    }
  return worst;
}
