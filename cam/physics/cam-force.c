/* cam-force.c — cutting force by Kienzle's law.
 *
 *   Fc = kc1.1 · b · h^(1 − mc)          [N; b chip width mm, h uncut chip thickness mm]
 *
 * O. Kienzle, "Die Bestimmung von Kräften und Leistungen an spanenden Werkzeugen und
 * Werkzeugmaschinen", VDI-Z 94 (1952) 299–305; values kc1.1 and mc per material from W. König,
 * F. Klocke, "Fertigungsverfahren 1: Drehen, Fräsen, Bohren", Springer, and the Sandvik Coromant
 * Technical Guide (kc1, mc). In milling, b = ap (straight-flute approximation) and h is the
 * local chip; the peak force uses the largest chip, the mean force the mean chip (cam-limits.c);
 * helical flutes lower the peak (cam_force_helix_factor, below).
 *
 * Micro chips: Kienzle's law is fitted for h ≈ 0.05–1 mm; extrapolated to µm chips its rising
 * specific force (h^−mc) follows the size effect qualitatively (Vogler et al. 2004). Below the
 * minimum chip thickness the edge ploughs and the force no longer falls with h; cam-limits.c
 * therefore evaluates the force at max(h, h_min). */
#include "cam-cutting.h"

#include <math.h>

double
cam_force_kienzle (double kc11_n_mm2, double mc, double b_mm, double h_mm)
{
  if (!(b_mm > 0) || !(h_mm > 0))
    return 0.0;
  return kc11_n_mm2 * b_mm * pow (h_mm, 1.0 - mc);
}

/* Helical flutes. A flute of helix angle β lags behind its tip by the angle z·tan β / R at height z,
 * so over an axial depth ap it spans ψ = ap·tan β / R of rotation. When ψ exceeds the engagement
 * arc φe (light radial cuts, deep axial ones) only part of ap is in the cut at any instant, and the
 * force rises and falls smoothly instead of a straight flute's full-length blow. The elemental
 * forces of the mechanistic milling model, summed over axial slices and flutes at every rotation
 * (Y. Altintas, "Manufacturing Automation", 2nd ed., Cambridge 2012, §2.4 "Mechanics of helical
 * end mills"; W. A. Kline, R. E. DeVor, J. R. Lindberg, "The prediction of cutting forces in end
 * milling with application to cornering cuts", Int. J. Mach. Tool Des. Res. 22 (1982) 7–22):
 *   h(θ) = fz·sin θ inside the arc [0, φe],  dFt = kc1.1·dz·h^(1−mc),  dFr = Kr·dFt,
 *   Fx = Σ −dFt·cos θ − dFr·sin θ,  Fy = Σ dFt·sin θ − dFr·cos θ,
 * and the peak of |F| over a tooth period (the axial integral done in closed form over the immersion:
 * a slice at height z sits at θ = θtip − z·tan β / R, so ∫dz = (R / tan β)·∫dθ). The ratio of that peak to the same sum for straight flutes
 * does not depend on fz (every elemental force scales as fz^(1−mc)), so it is computed once per
 * engagement and scales the straight-flute peak (which keeps the runout and ploughing terms of
 * cam-limits.c): cam_force_helix_factor. */
#define HELIX_GRID 512
#define HELIX_POSITIONS 128

/* The elemental force direction and size at immersion θ per unit axial length, for h = sin θ. */
static void
elemental (double th, double mc, double kr, double *fx, double *fy)
{
  double h = sin (th);
  double ft = h > 0 ? pow (h, 1.0 - mc) : 0.0, fr = kr * ft;
  *fx = -ft * cos (th) - fr * sin (th);
  *fy = ft * sin (th) - fr * cos (th);
}

/* Peak resultant over a tooth period per unit (R / tan β), with the flutes' slices spread over the
 * arc: the integral of the elemental force over the part of each flute inside [0, φe], from a
 * cumulative table (so the answer is smooth in ap and ae: a review measuring ae a little
 * differently gets a little different force, never a jump). */
static double
helical_peak (int flutes, double psi, double phi_e, double mc, double kr)
{
  static _Thread_local double cx[HELIX_GRID + 1], cy[HELIX_GRID + 1];
  double dth = phi_e / HELIX_GRID;
  cx[0] = cy[0] = 0.0;
  double px, py;
  elemental (0.0, mc, kr, &px, &py);
  for (int i = 1; i <= HELIX_GRID; i++)
    {
      double qx, qy;
      elemental (i * dth, mc, kr, &qx, &qy);
      cx[i] = cx[i - 1] + 0.5 * (px + qx) * dth;
      cy[i] = cy[i - 1] + 0.5 * (py + qy) * dth;
      px = qx, py = qy;
    }
  double pitch = 2.0 * G_PI / flutes;
  double peak = 0.0;
  for (int s = 0; s < HELIX_POSITIONS; s++)
    {
      /* flute j's slices cover immersions [a_j − ψ, a_j] (the tip leads), a_j = a + j·pitch */
      double a = pitch * s / HELIX_POSITIONS;
      double fx = 0.0, fy = 0.0;
      for (int j = 0; j < flutes + (int) ceil (psi / pitch) + 1; j++)
        {
          double hi = MIN (a + j * pitch, phi_e), lo = MAX (a + j * pitch - psi, 0.0);
          if (hi <= lo)
            continue;
          double ih = hi / dth, il = lo / dth;
          int kh = MIN ((int) ih, HELIX_GRID - 1), kl = MIN ((int) il, HELIX_GRID - 1);
          double wh = ih - kh, wl = il - kl;
          fx += (cx[kh] + wh * (cx[kh + 1] - cx[kh])) - (cx[kl] + wl * (cx[kl + 1] - cx[kl]));
          fy += (cy[kh] + wh * (cy[kh + 1] - cy[kh])) - (cy[kl] + wl * (cy[kl + 1] - cy[kl]));
        }
      peak = MAX (peak, hypot (fx, fy));
    }
  return peak;
}

/* The straight flute's peak per unit ap: one flute at the immersion of the largest elemental force. */
static double
straight_peak (double phi_e, double mc, double kr)
{
  double peak = 0.0;
  for (int i = 1; i <= HELIX_GRID; i++)
    {
      double fx, fy;
      elemental (phi_e * i / HELIX_GRID, mc, kr, &fx, &fy);
      peak = MAX (peak, hypot (fx, fy));
    }
  return peak;
}

typedef struct {
  double d, helix, ap, ae, mc, kr;
  int flutes;
  double factor;
} HelixMemo;

double
cam_force_helix_factor (double d_mm, int flutes, double helix_deg, double ap_mm, double ae_mm, double mc, double kr)
{
  if (!(d_mm > 0) || !(ap_mm > 0) || !(ae_mm > 0) || flutes < 1 || !(helix_deg > 0) || !(helix_deg < 80))
    return 1.0;
  /* a planner asks for the same engagement move after move: a few remembered answers per thread */
  static _Thread_local HelixMemo memo[8];
  static _Thread_local guint next;
  for (guint i = 0; i < G_N_ELEMENTS (memo); i++)
    if (memo[i].d == d_mm && memo[i].flutes == flutes && memo[i].helix == helix_deg && memo[i].ap == ap_mm
        && memo[i].ae == ae_mm && memo[i].mc == mc && memo[i].kr == kr)
      return memo[i].factor;
  double r = d_mm / 2.0;
  double phi_e = acos (CLAMP (1.0 - 2.0 * MIN (ae_mm, d_mm) / d_mm, -1.0, 1.0));
  double tb = tan (helix_deg * G_PI / 180.0);
  double psi = ap_mm * tb / r;   /* the flute's lag over ap */
  double straight = ap_mm * straight_peak (phi_e, mc, kr);
  double helical = (r / tb) * helical_peak (flutes, psi, phi_e, mc, kr);
  /* never above the straight flute's: the engine's baseline is one flute at its peak chip */
  double factor = straight > 0 ? CLAMP (helical / straight, 0.05, 1.0) : 1.0;
  memo[next % G_N_ELEMENTS (memo)] = (HelixMemo) { d_mm, helix_deg, ap_mm, ae_mm, mc, kr, flutes, factor };
  next++;
  return factor;
}
