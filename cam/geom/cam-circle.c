/* cam-circle.c — least-squares circle fitting on polylines.
 *
 * Method
 *   - Fit: the algebraic (Kåsa) fit on centred coordinates gives a start, refined by
 *     Gauss–Newton on the geometric distances Σ(|pᵢ − c| − r)². For points exactly on a
 *     circle both are exact; with the 1e-7 relative noise of float STL coordinates the
 *     geometric fit is unbiased where the algebraic one is not on short arcs.
 *     Facetted circles: CAD exporters put the polygon's *vertices* on the circle
 *     (OpenSCAD does), so fitting the vertices returns the nominal diameter; chord
 *     midpoints added by slicing are collinear and dropped first.
 *   - Corners: a ring's turning angles are scanned; a single vertex turning more than
 *     sharp_deg is a sharp corner; runs of consecutive small turns of the same sense with
 *     similar local (circumcircle) radius are arcs, fitted as above, end points included
 *     when they lie on the run's circle (the tangent points).
 *
 * References
 *   - I. Kåsa, "A circle fitting procedure and its error analysis", IEEE Trans. Instrum.
 *     Meas. IM-25(1), 1976.
 *   - N. Chernov, "Circular and Linear Regression: Fitting Circles and Lines by Least
 *     Squares", CRC Press 2010, ch. 4–5 (geometric fit, Gauss–Newton).
 *   - ISO 1101:2017 / ISO 12181 (roundness: least-squares reference circle). */
#include "cam-circle.h"

#include <math.h>
#include <string.h>

static gboolean
solve3 (double a[3][3], double b[3], double x[3])
{
  int idx[3] = { 0, 1, 2 };
  for (int c = 0; c < 3; c++)
    {
      int p = c;
      for (int r = c + 1; r < 3; r++)
        if (fabs (a[idx[r]][c]) > fabs (a[idx[p]][c]))
          p = r;
      int t = idx[c];
      idx[c] = idx[p];
      idx[p] = t;
      double piv = a[idx[c]][c];
      if (fabs (piv) < 1e-300)
        return FALSE;
      for (int r = c + 1; r < 3; r++)
        {
          double f = a[idx[r]][c] / piv;
          for (int k = c; k < 3; k++)
            a[idx[r]][k] -= f * a[idx[c]][k];
          b[idx[r]] -= f * b[idx[c]];
        }
    }
  for (int c = 2; c >= 0; c--)
    {
      double s = b[idx[c]];
      for (int k = c + 1; k < 3; k++)
        s -= a[idx[c]][k] * x[k];
      x[c] = s / a[idx[c]][c];
    }
  return isfinite (x[0]) && isfinite (x[1]) && isfinite (x[2]);
}

gboolean
cam_circle_fit (const double *xy, guint n, CamCircle *out)
{
  if (n < 3)
    return FALSE;
  double mx = 0, my = 0;
  for (guint i = 0; i < n; i++)
    {
      mx += xy[2 * i];
      my += xy[2 * i + 1];
    }
  mx /= n;
  my /= n;
  /* Kåsa: x² + y² + D x + E y + F = 0, least squares on centred coordinates */
  double a[3][3] = { { 0 } }, b[3] = { 0 }, s[3];
  for (guint i = 0; i < n; i++)
    {
      double x = xy[2 * i] - mx, y = xy[2 * i + 1] - my, z = -(x * x + y * y);
      double row[3] = { x, y, 1.0 };
      for (int r = 0; r < 3; r++)
        {
          for (int c = 0; c < 3; c++)
            a[r][c] += row[r] * row[c];
          b[r] += row[r] * z;
        }
    }
  if (!solve3 (a, b, s))
    return FALSE;
  double cx = -s[0] / 2, cy = -s[1] / 2;
  double r2 = cx * cx + cy * cy - s[2];
  if (!(r2 > 0))
    return FALSE;
  double r = sqrt (r2);
  /* Gauss–Newton on geometric distances */
  for (int it = 0; it < 20; it++)
    {
      double A[3][3] = { { 0 } }, B[3] = { 0 }, d[3];
      for (guint i = 0; i < n; i++)
        {
          double dx = xy[2 * i] - mx - cx, dy = xy[2 * i + 1] - my - cy;
          double di = hypot (dx, dy);
          if (di == 0)
            continue;
          double J[3] = { -dx / di, -dy / di, -1.0 };
          double res = di - r;
          for (int p = 0; p < 3; p++)
            {
              for (int q = 0; q < 3; q++)
                A[p][q] += J[p] * J[q];
              B[p] -= J[p] * res;
            }
        }
      if (!solve3 (A, B, d))
        break;
      cx += d[0];
      cy += d[1];
      r += d[2];
      if (fabs (d[0]) + fabs (d[1]) + fabs (d[2]) < 1e-15 * (1.0 + r))
        break;
    }
  double maxres = 0;
  for (guint i = 0; i < n; i++)
    maxres = MAX (maxres, fabs (hypot (xy[2 * i] - mx - cx, xy[2 * i + 1] - my - cy) - r));
  out->cx = cx + mx;
  out->cy = cy + my;
  out->r = fabs (r);
  out->max_residual = maxres;
  return isfinite (out->r) && out->r > 0;
}

guint
cam_circle_drop_collinear (double *xy, guint n, double tol_mm)
{
  /* float STL coordinates carry a rounding of about 6e-8 of their size: points lying on a
   * chord (split points of facets) are off it by that much, so the tolerance grows with it */
  double big = 0;
  for (guint i = 0; i < 2 * n; i++)
    big = MAX (big, fabs (xy[i]));
  double tol = tol_mm + 2.4e-7 * big;
  gboolean changed = TRUE;
  while (changed && n > 3)
    {
      changed = FALSE;
      guint w = 0;
      for (guint i = 0; i < n; i++)
        {
          const double *p = xy + 2 * ((i + n - 1) % n), *q = xy + 2 * ((i + 1) % n);
          const double *v = xy + 2 * i;
          /* prev may already have been moved by the compaction: use the kept one */
          if (w > 0)
            p = xy + 2 * (w - 1);
          double ax = v[0] - p[0], ay = v[1] - p[1], bx = q[0] - v[0], by = q[1] - v[1];
          double cx = q[0] - p[0], cy = q[1] - p[1], lc = hypot (cx, cy);
          /* distance of v from the chord p–q, and v between p and q */
          double dist = lc > 0 ? fabs (ax * cy - ay * cx) / lc : hypot (ax, ay);
          if (hypot (ax, ay) == 0 || hypot (bx, by) == 0 || (dist <= tol && ax * bx + ay * by > 0))
            {
              changed = TRUE;
              continue;
            }
          xy[2 * w] = v[0];
          xy[2 * w + 1] = v[1];
          w++;
        }
      n = w;
    }
  return n;
}

static double
turn_angle (const double *xy, guint n, guint i)
{
  const double *p = xy + 2 * ((i + n - 1) % n), *v = xy + 2 * i, *q = xy + 2 * ((i + 1) % n);
  double ax = v[0] - p[0], ay = v[1] - p[1], bx = q[0] - v[0], by = q[1] - v[1];
  return atan2 (ax * by - ay * bx, ax * bx + ay * by);
}

static double
circumradius (const double *xy, guint n, guint i)
{
  const double *p = xy + 2 * ((i + n - 1) % n), *v = xy + 2 * i, *q = xy + 2 * ((i + 1) % n);
  double a = hypot (v[0] - p[0], v[1] - p[1]), b = hypot (q[0] - v[0], q[1] - v[1]);
  double c = hypot (q[0] - p[0], q[1] - p[1]);
  double cr = fabs ((v[0] - p[0]) * (q[1] - p[1]) - (v[1] - p[1]) * (q[0] - p[0]));
  return cr > 0 ? a * b * c / (2.0 * cr) : G_MAXDOUBLE;
}

gboolean
cam_circle_ring_is_round (const double *xy, guint n, guint min_vertices, double tol_mm, CamCircle *out)
{
  if (n < MAX (min_vertices, 3u))
    return FALSE;
  int sense = 0;
  for (guint i = 0; i < n; i++)
    {
      double t = turn_angle (xy, n, i);
      int s = t > 0 ? 1 : (t < 0 ? -1 : 0);
      if (s == 0 || (sense != 0 && s != sense))
        return FALSE;
      sense = s;
    }
  CamCircle c;
  if (!cam_circle_fit (xy, n, &c) || c.max_residual > tol_mm)
    return FALSE;
  if (out)
    *out = c;
  return TRUE;
}

gboolean
cam_circle_min_corner_radius (const double *xy, guint n, int side, double sharp_deg, const guint8 *skip,
                              double *radius, double at[2])
{
  if (n < 3)
    return FALSE;
  double sharp = sharp_deg * G_PI / 180.0;
  g_autofree double *R = g_new (double, n);
  g_autofree double *T = g_new (double, n);
  gboolean any = FALSE;
  for (guint i = 0; i < n; i++)
    {
      T[i] = (skip != NULL && skip[i]) ? 0.0 : side * turn_angle (xy, n, i);
      R[i] = T[i] > 1e-9 ? circumradius (xy, n, i) : -1.0;
      if (T[i] > sharp)
        {
          *radius = 0.0;
          at[0] = xy[2 * i];
          at[1] = xy[2 * i + 1];
          return TRUE;
        }
      any |= R[i] > 0;
    }
  if (!any)
    return FALSE;
  /* start the scan just after a vertex that breaks runs (or anywhere for a full circle) */
  guint start = 0;
  for (guint i = 0; i < n; i++)
    if (R[i] < 0)
      {
        start = (i + 1) % n;
        break;
      }
  double best = G_MAXDOUBLE;
  g_autofree double *pts = g_new (double, 2 * (n + 2));
  guint i = 0;
  while (i < n)
    {
      guint a = (start + i) % n;
      if (R[a] < 0)
        {
          i++;
          continue;
        }
      guint len = 1;
      while (i + len < n)
        {
          guint b = (start + i + len) % n, pb = (start + i + len - 1) % n;
          if (R[b] < 0 || R[b] > 1.43 * R[pb] || R[b] < 0.7 * R[pb])
            break;
          len++;
        }
      double r = R[a], c[2] = { xy[2 * a], xy[2 * a + 1] };
      if (len >= 2)
        {
          /* the run with its two neighbours (the tangent points when they lie on its circle) */
          guint m = 0;
          for (guint k = 0; k < len + 2; k++)
            {
              guint v = (start + i + k + n - 1) % n;
              pts[2 * m] = xy[2 * v];
              pts[2 * m + 1] = xy[2 * v + 1];
              m++;
            }
          CamCircle cf;
          if (cam_circle_fit (pts, m, &cf) && cf.max_residual > 1e-4 * cf.r + 1e-7)
            cam_circle_fit (pts + 2, m - 2, &cf);
          if (cf.r > 0 && isfinite (cf.r))
            {
              r = cf.r;
              guint mid = (start + i + len / 2) % n;
              c[0] = xy[2 * mid];
              c[1] = xy[2 * mid + 1];
            }
        }
      if (r < best)
        {
          best = r;
          at[0] = c[0];
          at[1] = c[1];
        }
      i += len;
    }
  if (best == G_MAXDOUBLE)
    return FALSE;
  *radius = best;
  return TRUE;
}
