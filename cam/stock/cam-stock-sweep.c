/* cam-stock-sweep.c — sweeping a cutter along a line or an arc (cam-stock-sweep.h).
 *
 * Method, per move:
 *   1. Rows: the cells a move can reach lie within R of its path: a capsule for a line, an
 *      annulus sector for an arc. Each row of cells is clipped to that shape (one x-interval
 *      for the capsule, two for the annulus), so a long diagonal move or a large arc visits
 *      its own cells, not its bounding box.
 *   2. Lowest tip height at a cell centre p over the move, z(s) + h(d(s)) for s ∈ [0, 1]:
 *        - first the stretch of s where d(s) ≤ R (a quadratic for a line; for an arc the
 *          angular window |θ − φ| ≤ α around the cell's polar angle φ, with
 *          cos α = (ρ² + r² − R²) / (2ρr), once per turn);
 *        - Z constant: the nearest point of that stretch (h is nondecreasing in d);
 *        - flat end: h = 0 on the stretch, so the stretch's lower end in Z;
 *        - otherwise golden-section search on the stretch (z linear + h convex of a convex
 *          distance is convex along a line; on an arc the window is short and the same
 *          search is used).
 *   3. The cell is lowered to that height (not below the box bottom); what it loses counts
 *      to the volume, to the fresh area when above CAM_STOCK_CUT_EPS_MM, and to ap. */
#include "cam-stock-sweep.h"

#include <math.h>
#include <string.h>

#include "cam-stock-private.h"

#define GOLDEN_STEPS 40  /* 0.618^40 ≈ 4e-9 of the stretch */

typedef struct {
  const CamStockCutter *c;
  gboolean arc;
  double a[3], b[3];
  /* line */
  double ux, uy, l2;
  /* arc */
  double cx, cy, r, th0, sweep;
} Path;

static double
path_z (const Path *p, double s)
{
  return p->a[2] + s * (p->b[2] - p->a[2]);
}

static double
path_dist (const Path *p, double px, double py, double s)
{
  if (!p->arc)
    return hypot (px - (p->a[0] + s * p->ux), py - (p->a[1] + s * p->uy));
  double th = p->th0 + s * p->sweep;
  return hypot (px - (p->cx + p->r * cos (th)), py - (p->cy + p->r * sin (th)));
}

static double
tip_at (const Path *p, double px, double py, double s)
{
  double d = MIN (path_dist (p, px, py, s), p->c->r_mm); /* inside the stretch by construction */
  return path_z (p, s) + cam_stock_cutter_height (p->c, d);
}

/* The lowest tip height on the stretch [s0, s1] (every s in it within R of p); s_near is the
 * s of the nearest point when Z is constant. */
static double
lowest_on (const Path *p, double px, double py, double s0, double s1, double s_near)
{
  double dz = p->b[2] - p->a[2];
  if (fabs (dz) < 1e-12)
    return tip_at (p, px, py, CLAMP (s_near, s0, s1));
  if (p->c->shape == CAM_STOCK_CUTTER_FLAT)
    return path_z (p, dz > 0 ? s0 : s1);
  const double g = 0.6180339887498949;
  double lo = s0, hi = s1;
  double x1 = hi - g * (hi - lo), x2 = lo + g * (hi - lo);
  double f1 = tip_at (p, px, py, x1), f2 = tip_at (p, px, py, x2);
  for (int k = 0; k < GOLDEN_STEPS && hi - lo > 1e-12; k++)
    {
      if (f1 <= f2)
        {
          hi = x2, x2 = x1, f2 = f1;
          x1 = hi - g * (hi - lo);
          f1 = tip_at (p, px, py, x1);
        }
      else
        {
          lo = x1, x1 = x2, f1 = f2;
          x2 = lo + g * (hi - lo);
          f2 = tip_at (p, px, py, x2);
        }
    }
  /* the ends of the stretch too: the minimum of a convex function may sit on one */
  double f = MIN (f1, f2);
  f = MIN (f, tip_at (p, px, py, s0));
  return MIN (f, tip_at (p, px, py, s1));
}

/* The lowest tip height at (px, py) over the move; INFINITY when the tool never reaches it. */
static double
lowest (const Path *p, double px, double py)
{
  const double R = p->c->r_mm;
  if (!p->arc)
    {
      double qx = px - p->a[0], qy = py - p->a[1];
      if (p->l2 < 1e-18)
        {
          double d = hypot (qx, qy);
          return d > R ? INFINITY : MIN (p->a[2], p->b[2]) + cam_stock_cutter_height (p->c, d);
        }
      double bq = qx * p->ux + qy * p->uy, cq = qx * qx + qy * qy - R * R;
      double disc = bq * bq - p->l2 * cq;
      if (disc < 0)
        return INFINITY;
      double sq = sqrt (disc);
      double s0 = MAX ((bq - sq) / p->l2, 0), s1 = MIN ((bq + sq) / p->l2, 1);
      if (s0 > s1)
        return INFINITY;
      return lowest_on (p, px, py, s0, s1, bq / p->l2);
    }
  double rx = px - p->cx, ry = py - p->cy;
  double rho = hypot (rx, ry);
  if (fabs (rho - p->r) > R)
    return INFINITY;
  double alpha;
  if (rho < 1e-12 || p->r < 1e-12)
    alpha = G_PI; /* at the centre (or a point arc): every point of the arc is as far */
  else
    {
      double ca = (rho * rho + p->r * p->r - R * R) / (2 * rho * p->r);
      alpha = ca >= 1 ? 0 : ca <= -1 ? G_PI : acos (ca);
    }
  double phi = rho < 1e-12 ? p->th0 : atan2 (ry, rx);
  double abs_sweep = fabs (p->sweep);
  if (abs_sweep < 1e-12)
    {
      /* no turn: the tool stays at the start point */
      double d = hypot (px - p->a[0], py - p->a[1]);
      return d > R ? INFINITY : MIN (p->a[2], p->b[2]) + cam_stock_cutter_height (p->c, d);
    }
  double th_lo = MIN (p->th0, p->th0 + p->sweep) - alpha, th_hi = MAX (p->th0, p->th0 + p->sweep) + alpha;
  double k0 = ceil ((th_lo - phi) / (2 * G_PI)), k1 = floor ((th_hi - phi) / (2 * G_PI));
  double best = INFINITY;
  for (double k = k0; k <= k1; k++)
    {
      double s_near = (phi + 2 * G_PI * k - p->th0) / p->sweep;
      double half = alpha / abs_sweep;
      double s0 = MAX (s_near - half, 0), s1 = MIN (s_near + half, 1);
      if (s0 > s1)
        continue;
      best = MIN (best, lowest_on (p, px, py, s0, s1, s_near));
    }
  return best;
}

/* The x-interval of row y within R of segment a–b: the hull of the two end disks and the
 * band between them (their union is convex, so its trace on a row is one interval). */
static gboolean
capsule_span (const Path *p, double y, double *lo, double *hi)
{
  const double R = p->c->r_mm;
  double l = INFINITY, h = -INFINITY;
  for (int e = 0; e < 2; e++)
    {
      const double *q = e ? p->b : p->a;
      double dy = y - q[1];
      if (fabs (dy) <= R)
        {
          double w = sqrt (R * R - dy * dy);
          l = MIN (l, q[0] - w);
          h = MAX (h, q[0] + w);
        }
    }
  double len = sqrt (p->l2);
  if (len > 1e-12)
    {
      /* the band: 0 ≤ (x − a)·û ≤ len and |(x − a) × û| ≤ R, each linear in x */
      double ux = p->ux / len, uy = p->uy / len, dy = y - p->a[1];
      double bl = -INFINITY, bh = INFINITY;
      /* along: (x − ax)·ux + dy·uy ∈ [0, len] */
      if (fabs (ux) > 1e-12)
        {
          double x0 = p->a[0] + (0 - dy * uy) / ux, x1 = p->a[0] + (len - dy * uy) / ux;
          bl = MAX (bl, MIN (x0, x1));
          bh = MIN (bh, MAX (x0, x1));
        }
      else if (dy * uy < 0 || dy * uy > len)
        bl = INFINITY;
      /* across: (x − ax)·uy − dy·ux ∈ [−R, R] */
      if (fabs (uy) > 1e-12)
        {
          double x0 = p->a[0] + (-R + dy * ux) / uy, x1 = p->a[0] + (R + dy * ux) / uy;
          bl = MAX (bl, MIN (x0, x1));
          bh = MIN (bh, MAX (x0, x1));
        }
      else if (fabs (dy * ux) > R)
        bl = INFINITY;
      if (bl <= bh)
        {
          l = MIN (l, bl);
          h = MAX (h, bh);
        }
    }
  *lo = l, *hi = h;
  return l <= h;
}

/* Lowers the cells of row iy from x lo to hi to the tool's lowest height over p. */
static void
sweep_span (CamStock *s, const Path *p, gint64 iy, double lo, double hi, CamStockCut *out, double *area_cells,
            double *vol)
{
  gint64 ix0 = MAX (cam_stock_ix (s, lo), s->ix_lo), ix1 = MIN (cam_stock_ix (s, hi), s->ix_hi);
  const double y = cam_stock_cy (s, iy);
  const float bottom = isfinite (s->min[2]) ? (float) s->min[2] : -G_MAXFLOAT;
  /* the tool never reaches below its lowest end point: a cell at or below it has nothing for this
   * move, which most cells of an overlapping pass are (the test that keeps long programs fast) */
  const float floor_z = (float) MIN (p->a[2], p->b[2]);
  /* a flat end moved level along a line, the common cut: in reach ⇔ squared distance ≤ R² */
  const gboolean flat_level = !p->arc && p->c->shape == CAM_STOCK_CUTTER_FLAT && p->a[2] == p->b[2]
                              && p->l2 > 1e-18;
  const double r2 = p->c->r_mm * p->c->r_mm, qy = y - p->a[1];
  for (gint64 ix = ix0; ix <= ix1;)
    {
      gint64 in_tile = CAM_STOCK_TILE - (ix - (gint64) floor ((double) ix / CAM_STOCK_TILE) * CAM_STOCK_TILE);
      gint64 n = MIN (in_tile, ix1 - ix + 1);
      float *row = cam_stock_row_at (s, ix, iy);
      for (gint64 k = 0; row != NULL && k < n; k++)
        {
          if (row[k] <= floor_z)
            continue;
          double z;
          if (flat_level)
            {
              double qx = cam_stock_cx (s, ix + k) - p->a[0];
              double t = CLAMP ((qx * p->ux + qy * p->uy) / p->l2, 0, 1);
              double ex = qx - t * p->ux, ey = qy - t * p->uy;
              z = ex * ex + ey * ey <= r2 ? p->a[2] : INFINITY;
            }
          else
            z = lowest (p, cam_stock_cx (s, ix + k), y);
          if (!(z < row[k]))
            continue;
          float now = MAX ((float) z, bottom);
          double removed = (double) row[k] - (double) now;
          if (removed <= 0)
            continue;
          row[k] = now;
          *vol += removed;
          if (removed > CAM_STOCK_CUT_EPS_MM)
            {
              *area_cells += 1;
              out->ap_mm = MAX (out->ap_mm, removed);
            }
        }
      ix += n;
    }
}

typedef gboolean (*SpanFunc) (const Path *p, double y, int which, double *lo, double *hi);

static gboolean
line_span (const Path *p, double y, int which, double *lo, double *hi)
{
  return which == 0 && capsule_span (p, y, lo, hi);
}

/* The two x-intervals of row y in the annulus r ± R about the centre (which: 0 left, 1 right). */
static gboolean
annulus_span (const Path *p, double y, int which, double *lo, double *hi)
{
  const double R = p->c->r_mm;
  double dy = y - p->cy, ro = p->r + R, ri = p->r - R;
  if (fabs (dy) > ro)
    return FALSE;
  double wo = sqrt (ro * ro - dy * dy);
  double wi = ri > 0 && fabs (dy) < ri ? sqrt (ri * ri - dy * dy) : 0;
  if (wi == 0 && which == 1)
    return FALSE; /* one interval through the middle */
  if (wi == 0)
    *lo = p->cx - wo, *hi = p->cx + wo;
  else if (which == 0)
    *lo = p->cx - wo, *hi = p->cx - wi;
  else
    *lo = p->cx + wi, *hi = p->cx + wo;
  return TRUE;
}

static void
sweep (CamStock *s, const Path *p, const double bmin[2], const double bmax[2], SpanFunc span, double lxy,
       CamStockCut *out)
{
  memset (out, 0, sizeof *out);
  double area_cells = 0, vol = 0;
  /* nothing to cut above the box top */
  if (MIN (p->a[2], p->b[2]) < s->max[2])
    {
      gint64 iy0 = MAX (cam_stock_iy (s, bmin[1]), s->iy_lo), iy1 = MIN (cam_stock_iy (s, bmax[1]), s->iy_hi);
      for (gint64 iy = iy0; iy <= iy1; iy++)
        for (int which = 0; which < 2; which++)
          {
            double lo, hi;
            if (span (p, cam_stock_cy (s, iy), which, &lo, &hi))
              sweep_span (s, p, iy, MAX (lo, bmin[0]), MIN (hi, bmax[0]), out, &area_cells, &vol);
          }
    }
  double cell2 = s->cell * s->cell;
  out->area_mm2 = area_cells * cell2;
  out->volume_mm3 = vol * cell2;
  out->cut = area_cells > 0;
  double d = 2 * p->c->r_mm;
  out->ae_mm = lxy > 1e-9 ? MIN (out->area_mm2 / lxy, d) : out->cut ? d : 0;
}

void
cam_stock_sweep_line (CamStock *stock, const CamStockCutter *cutter, const double a[3], const double b[3],
                      CamStockCut *out)
{
  Path p = { .c = cutter };
  memcpy (p.a, a, sizeof p.a);
  memcpy (p.b, b, sizeof p.b);
  p.ux = b[0] - a[0];
  p.uy = b[1] - a[1];
  p.l2 = p.ux * p.ux + p.uy * p.uy;
  const double R = cutter->r_mm;
  double bmin[2] = { MIN (a[0], b[0]) - R, MIN (a[1], b[1]) - R };
  double bmax[2] = { MAX (a[0], b[0]) + R, MAX (a[1], b[1]) + R };
  sweep (stock, &p, bmin, bmax, line_span, sqrt (p.l2), out);
}

void
cam_stock_sweep_arc (CamStock *stock, const CamStockCutter *cutter, const double a[3], const double b[3], double cx,
                     double cy, double sweep_rad, CamStockCut *out)
{
  Path p = { .c = cutter, .arc = TRUE, .cx = cx, .cy = cy, .sweep = sweep_rad };
  memcpy (p.a, a, sizeof p.a);
  memcpy (p.b, b, sizeof p.b);
  p.r = hypot (a[0] - cx, a[1] - cy);
  p.th0 = atan2 (a[1] - cy, a[0] - cx);
  /* the arc's box: its ends and the quadrant points it passes, grown by R */
  double bmin[2] = { MIN (a[0], b[0]), MIN (a[1], b[1]) }, bmax[2] = { MAX (a[0], b[0]), MAX (a[1], b[1]) };
  double lo = MIN (p.th0, p.th0 + sweep_rad), hi = MAX (p.th0, p.th0 + sweep_rad);
  for (double q = ceil (lo / (G_PI / 2)); q * (G_PI / 2) <= hi && q <= ceil (lo / (G_PI / 2)) + 4; q++)
    {
      double x = cx + p.r * cos (q * G_PI / 2), y = cy + p.r * sin (q * G_PI / 2);
      bmin[0] = MIN (bmin[0], x), bmin[1] = MIN (bmin[1], y);
      bmax[0] = MAX (bmax[0], x), bmax[1] = MAX (bmax[1], y);
    }
  const double R = cutter->r_mm;
  bmin[0] -= R, bmin[1] -= R, bmax[0] += R, bmax[1] += R;
  sweep (stock, &p, bmin, bmax, annulus_span, fabs (sweep_rad) * p.r, out);
}
