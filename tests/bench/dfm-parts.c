/* dfm-parts.c — see dfm-parts.h. Every part is built from a table of shared vertices (or, for
 * the cell plates, from outlines sampled at the same angles on both sides of a shared edge),
 * so the soup welds into a closed solid. Each facet is oriented against a direction known to
 * point out of the solid there (tri()), which keeps the winding right without bookkeeping. */
#include "dfm-parts.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static void
tri (CamTriSoup *soup, const double a[3], const double b[3], const double c[3], const double want[3])
{
  double u[3] = { b[0] - a[0], b[1] - a[1], b[2] - a[2] }, v[3] = { c[0] - a[0], c[1] - a[1], c[2] - a[2] };
  double n[3] = { u[1] * v[2] - u[2] * v[1], u[2] * v[0] - u[0] * v[2], u[0] * v[1] - u[1] * v[0] };
  gboolean flip = n[0] * want[0] + n[1] * want[1] + n[2] * want[2] < 0;
  const double *p[3] = { a, flip ? c : b, flip ? b : c };
  float xyz[9];
  for (int k = 0; k < 3; k++)
    for (int j = 0; j < 3; j++)
      xyz[3 * k + j] = (float) p[k][j];
  cam_tri_soup_add (soup, xyz);
}

const char *
dfm_part_name (DfmPartKind kind)
{
  static const char *names[] = { "textured", "freeform", "features", "clean" };
  return names[kind];
}

guint
dfm_part_default_size (DfmPartKind kind)
{
  switch (kind)
    {
    case DFM_PART_TEXTURED:
      return 866;   /* 2 × 865² ≈ 1.50 M top facets */
    case DFM_PART_FREEFORM:
      return 613;   /* 4 × 613 × 612 ≈ 1.50 M facets */
    case DFM_PART_FEATURES:
      return 32;    /* 1024 cells × (2 × 432 + 4 × 144) facets ≈ 1.50 M */
    case DFM_PART_CLEAN:
    default:
      return 20;    /* 400 holes × 6 × 424 sides ≈ 1.03 M facets */
    }
}

guint
dfm_part_voids (DfmPartKind kind, guint size)
{
  return kind == DFM_PART_FEATURES || kind == DFM_PART_CLEAN ? size * size : 0;
}

/* ---- textured plate ---- */

static void
build_textured (guint n, CamTriSoup *soup)
{
  const double w = 10.0, base = 1.0, pitch = 0.25, knurl = 0.002, rough = 0.001;
  n = MAX (n, 4u);
  g_autofree double *z = g_new (double, (gsize) n * n);
  GRand *rand = g_rand_new_with_seed (11);
  for (guint j = 0; j < n; j++)
    for (guint i = 0; i < n; i++)
      {
        double x = w * i / (n - 1), y = w * j / (n - 1);
        /* knurl: crossed sines, 2 × knurl peak to valley, plus uniform roughness */
        double k = sin (2 * G_PI * (x + y) / pitch) + sin (2 * G_PI * (x - y) / pitch);
        z[(gsize) j * n + i] = base + knurl * (1.0 + 0.5 * k) + rough * g_rand_double (rand);
      }
  g_rand_free (rand);
  cam_tri_soup_reserve (soup, 2 * (gsize) (n - 1) * (n - 1) + 12 * (gsize) n);
#define P(i, j) { w * (i) / (n - 1), w * (j) / (n - 1), z[(gsize) (j) * n + (i)] }
  const double up[3] = { 0, 0, 1 }, down[3] = { 0, 0, -1 };
  for (guint j = 0; j + 1 < n; j++)
    for (guint i = 0; i + 1 < n; i++)
      {
        double a[3] = P (i, j), b[3] = P (i + 1, j), c[3] = P (i + 1, j + 1), d[3] = P (i, j + 1);
        tri (soup, a, b, c, up);
        tri (soup, a, c, d, up);
      }
  /* the four sides, each quad from the top edge down to z = 0, and the bottom as a fan */
  const double centre[3] = { 0.5 * w, 0.5 * w, 0.0 };
  for (int side = 0; side < 4; side++)
    for (guint s = 0; s + 1 < n; s++)
      {
        guint i0, j0, i1, j1;
        double out[3] = { 0, 0, 0 };
        switch (side)
          {
          case 0: i0 = s, j0 = 0, i1 = s + 1, j1 = 0, out[1] = -1; break;
          case 1: i0 = n - 1, j0 = s, i1 = n - 1, j1 = s + 1, out[0] = 1; break;
          case 2: i0 = s, j0 = n - 1, i1 = s + 1, j1 = n - 1, out[1] = 1; break;
          default: i0 = 0, j0 = s, i1 = 0, j1 = s + 1, out[0] = -1; break;
          }
        double t0[3] = P (i0, j0), t1[3] = P (i1, j1);
        double b0[3] = { t0[0], t0[1], 0.0 }, b1[3] = { t1[0], t1[1], 0.0 };
        tri (soup, b0, b1, t1, out);
        tri (soup, b0, t1, t0, out);
        tri (soup, centre, b0, b1, down);
      }
#undef P
}

/* ---- freeform body ---- */

static double
spow (double v, double e)
{
  return copysign (pow (fabs (v), e), v);
}

static void
build_freeform (guint rings, CamTriSoup *soup)
{
  rings = MAX (rings, 4u);
  const guint segs = 2 * rings;
  const double ax = 8.0, ay = 6.0, az = 4.0, e = 2.0 / 2.6;
  const double rx = 20.0 * G_PI / 180.0, ry = 35.0 * G_PI / 180.0;
  /* vertex table: north pole, (rings − 1) rings of segs, south pole */
  gsize nv = 2 + (gsize) (rings - 1) * segs;
  g_autofree double *v = g_new (double, 3 * nv);
  GRand *rand = g_rand_new_with_seed (12);
  for (gsize k = 0; k < nv; k++)
    {
      guint i = k == 0 ? 0 : (k == nv - 1 ? rings : 1 + (guint) ((k - 1) / segs));
      guint j = k == 0 || k == nv - 1 ? 0 : (guint) ((k - 1) % segs);
      double th = G_PI * i / rings, ph = 2.0 * G_PI * j / segs;
      double p[3] = { ax * spow (sin (th), e) * spow (cos (ph), e), ay * spow (sin (th), e) * spow (sin (ph), e),
                      az * spow (cos (th), e) };
      /* smooth waviness and a little noise, radial */
      double wav = 1.0 + 0.015 * sin (5 * ph + 3 * th) * sin (4 * th) + 0.002 / 6.0 * (g_rand_double (rand) - 0.5);
      for (int a = 0; a < 3; a++)
        p[a] *= wav;
      /* turn about X, then about Y */
      double y1 = p[1] * cos (rx) - p[2] * sin (rx), z1 = p[1] * sin (rx) + p[2] * cos (rx);
      double x2 = p[0] * cos (ry) + z1 * sin (ry), z2 = -p[0] * sin (ry) + z1 * cos (ry);
      v[3 * k] = x2 + 10.0;
      v[3 * k + 1] = y1 + 10.0;
      v[3 * k + 2] = z2 + 6.0;
    }
  g_rand_free (rand);
  const double centre[3] = { 10.0, 10.0, 6.0 };
  cam_tri_soup_reserve (soup, 4 * (gsize) rings * (rings - 1));
#define V(i, j) (v + 3 * ((i) == 0 ? 0 : ((i) == rings ? nv - 1 : 1 + (gsize) ((i) - 1) * segs + ((j) % segs))))
  for (guint i = 0; i < rings; i++)
    for (guint j = 0; j < segs; j++)
      {
        const double *a = V (i, j), *b = V (i + 1, j), *c = V (i + 1, j + 1), *d = V (i, j + 1);
        double m[3];
        for (int q = 0; q < 3; q++)
          m[q] = 0.25 * (a[q] + b[q] + c[q] + d[q]) - centre[q];
        if (i != rings - 1)
          tri (soup, a, b, c, m);
        if (i != 0)
          tri (soup, a, c, d, m);
      }
#undef V
}

/* ---- plates of cells (the clean plate and the many-features plate) ---- */

/* Point of the cell's square outline (half size h, centre c) in direction t; the coordinate on
 * the cell's edge is snapped so that neighbouring cells weld. */
static void
square_point (double cx, double cy, double h, double t, double z, double out[3])
{
  double dx = cos (t), dy = sin (t);
  double s = h / MAX (fabs (dx), fabs (dy));
  out[0] = cx + s * dx;
  out[1] = cy + s * dy;
  out[2] = z;
  if (fabs (dx) >= fabs (dy))
    out[0] = cx + (dx > 0 ? h : -h);
  else
    out[1] = cy + (dy > 0 ? h : -h);
}

typedef struct {
  double hx, hy, rc;   /* rounded rectangle half sizes and corner radius; a circle when hx = hy = rc */
  double depth;        /* from the top; ≥ the plate's height: through */
  gboolean cone;       /* blind hole: a 118° drill point below the depth */
} Void;

/* Distance from the centre to the void's outline in direction t (star-shaped: bisection). */
static double
void_radius (const Void *v, double t)
{
  double dx = cos (t), dy = sin (t), lo = 0.0, hi = hypot (v->hx, v->hy);
  for (int it = 0; it < 60; it++)
    {
      double m = 0.5 * (lo + hi);
      double px = fabs (m * dx), py = fabs (m * dy);
      double qx = MAX (px - (v->hx - v->rc), 0.0), qy = MAX (py - (v->hy - v->rc), 0.0);
      if (hypot (qx, qy) <= v->rc)
        lo = m;
      else
        hi = m;
    }
  return lo;
}

/* The cell's square outline has k points (at the angles 2πs/k, shared with the neighbours); the
 * void's outline m (m divides k): square point s connects to void vertex j(s), the nearest in
 * angle, so the ring between them is a strip of k + m triangles. */
static void
build_cells (guint grid, double pitch, double hz, guint k, guint m, double off, double margin,
             const Void *(*void_of) (guint i, guint j), CamTriSoup *soup)
{
  const double h = 0.5 * pitch;
  const double up[3] = { 0, 0, 1 }, down[3] = { 0, 0, -1 };
  const guint per = k / m;
  cam_tri_soup_reserve (soup, (gsize) (2 * k + 4 * m) * grid * grid + 8 * (gsize) grid * k);
  g_autofree double *ring = g_new (double, 2 * (gsize) m);
  for (guint i = 0; i < grid; i++)
    for (guint j = 0; j < grid; j++)
      {
        const Void *vd = void_of (i, j);
        gboolean through = vd->depth >= hz;
        double floor_z = through ? 0.0 : hz - vd->depth;
        double cx = off + h + pitch * i, cy = off + h + pitch * j;
        /* 118° point: depth r / tan 59° below the floor */
        double apex[3] = { cx, cy, floor_z - (vd->cone ? vd->hx / tan (59.0 * G_PI / 180.0) : 0.0) };
        double mid[3] = { cx, cy, 0.0 };
        for (guint v = 0; v < m; v++)
          {
            double t = 2 * G_PI * v / m, r = void_radius (vd, t);
            ring[2 * v] = cx + r * cos (t);
            ring[2 * v + 1] = cy + r * sin (t);
          }
        for (guint v = 0; v < m; v++)
          {
            guint v1 = (v + 1) % m;
            double c0[3] = { ring[2 * v], ring[2 * v + 1], hz }, c1[3] = { ring[2 * v1], ring[2 * v1 + 1], hz };
            /* the void's wall, facing its axis */
            double a0[3] = { c0[0], c0[1], floor_z }, a1[3] = { c1[0], c1[1], floor_z };
            double tm = 2 * G_PI * (v + 0.5) / m;
            double in[3] = { -cos (tm), -sin (tm), 0 };
            tri (soup, a0, a1, c1, in);
            tri (soup, a0, c1, c0, in);
            if (!through)
              tri (soup, apex, a0, a1, up);   /* the floor (flat, or a drill point), facing up */
          }
        for (guint s = 0; s < k; s++)
          {
            double ta = 2 * G_PI * s / k, tb = 2 * G_PI * (s + 1) / k;
            /* nearest void vertex in angle of each end of the square's segment */
            guint ja = ((s + per / 2) / per) % m, jb = ((s + 1 + per / 2) / per) % m;
            double ca[3] = { ring[2 * ja], ring[2 * ja + 1], hz }, cb[3] = { ring[2 * jb], ring[2 * jb + 1], hz };
            double q0[3], q1[3], p0[3], p1[3];
            square_point (cx, cy, h, ta, hz, q0);
            square_point (cx, cy, h, tb, hz, q1);
            tri (soup, ca, q0, q1, up);
            if (ja != jb)
              tri (soup, ca, q1, cb, up);
            square_point (cx, cy, h, ta, 0.0, p0);
            square_point (cx, cy, h, tb, 0.0, p1);
            if (through)
              {
                double da[3] = { ca[0], ca[1], 0.0 }, db[3] = { cb[0], cb[1], 0.0 };
                tri (soup, da, p0, p1, down);
                if (ja != jb)
                  tri (soup, da, p1, db, down);
              }
            else
              tri (soup, mid, p0, p1, down);
            /* outer side walls where the cell touches the plate's edge */
            double out[3] = { 0, 0, 0 };
            const double eps = 1e-9;
            const double lo = off + eps, hi = off + grid * pitch - eps;
            if (p0[0] < lo && p1[0] < lo)
              out[0] = -1;
            else if (p0[0] > hi && p1[0] > hi)
              out[0] = 1;
            else if (p0[1] < lo && p1[1] < lo)
              out[1] = -1;
            else if (p0[1] > hi && p1[1] > hi)
              out[1] = 1;
            if ((out[0] != 0 || out[1] != 0) && margin <= 0)
              {
                tri (soup, p0, p1, q1, out);
                tri (soup, p0, q1, q0, out);
              }
            else if (out[0] != 0 || out[1] != 0)
              {
                /* a frame around the grid: each side a trapezoid to the outer corners, fanned
                 * from the outer corner on its half of the side (the diagonals from the outer
                 * corners to the grid's corners split the frame into the four trapezoids) */
                const double mid = off + 0.5 * grid * pitch, a = off - margin, b = off + grid * pitch + margin;
                double along = out[0] != 0 ? 0.5 * (p0[1] + p1[1]) : 0.5 * (p0[0] + p1[0]);
                double edge = out[0] < 0 || out[1] < 0 ? a : b, far = along < mid ? a : b;
                for (int face = 0; face < 2; face++)
                  {
                    double z = face ? hz : 0.0;
                    double o[3] = { out[0] != 0 ? edge : far, out[0] != 0 ? far : edge, z };
                    tri (soup, o, face ? q0 : p0, face ? q1 : p1, face ? up : down);
                  }
              }
          }
      }
  if (margin <= 0)
    return;
  /* the frame's four middle triangles, and its four outer walls of one quad each */
  const double a = off - margin, b = off + grid * pitch + margin, mid = off + 0.5 * grid * pitch;
  const double g0 = off, g1 = off + grid * pitch;
  const double corner[4][2] = { { a, a }, { b, a }, { b, b }, { a, b } };
  const double midpt[4][2] = { { mid, g0 }, { g1, mid }, { mid, g1 }, { g0, mid } };
  const double outward[4][3] = { { 0, -1, 0 }, { 1, 0, 0 }, { 0, 1, 0 }, { -1, 0, 0 } };
  for (int side = 0; side < 4; side++)
    {
      const double *c0 = corner[side], *c1 = corner[(side + 1) % 4];
      for (int face = 0; face < 2; face++)
        {
          double z = face ? hz : 0.0;
          double o0[3] = { c0[0], c0[1], z }, o1[3] = { c1[0], c1[1], z }, pm[3] = { midpt[side][0], midpt[side][1], z };
          tri (soup, o0, pm, o1, face ? up : down);
        }
      double l0[3] = { c0[0], c0[1], 0.0 }, l1[3] = { c1[0], c1[1], 0.0 };
      double u0[3] = { c0[0], c0[1], hz }, u1[3] = { c1[0], c1[1], hz };
      tri (soup, l0, l1, u1, outward[side]);
      tri (soup, l0, u1, u0, outward[side]);
    }
}

static const Void *
clean_void (guint i, guint j)
{
  (void) i, (void) j;
  static const Void hole = { 0.1, 0.1, 0.1, 10.0, FALSE };
  return &hole;
}

/* A mix per cell: through holes Ø0.2–0.3, blind drilled holes, pockets of three depths. */
static const Void *
mixed_void (guint i, guint j)
{
  static const Void kinds[] = {
    { 0.1, 0.1, 0.1, 10.0, FALSE },   { 0.125, 0.125, 0.125, 10.0, FALSE }, { 0.15, 0.15, 0.15, 10.0, FALSE },
    { 0.1, 0.1, 0.1, 0.6, TRUE },     { 0.125, 0.125, 0.125, 0.8, TRUE },   { 0.3, 0.2, 0.06, 0.2, FALSE },
    { 0.32, 0.16, 0.04, 0.4, FALSE }, { 0.25, 0.25, 0.08, 0.8, FALSE },
  };
  return &kinds[(i * 3 + j * 5 + (i * j) % 3) % G_N_ELEMENTS (kinds)];
}

void
dfm_part_build (DfmPartKind kind, guint size, CamTriSoup *soup)
{
  switch (kind)
    {
    case DFM_PART_TEXTURED:
      build_textured (size, soup);
      break;
    case DFM_PART_FREEFORM:
      build_freeform (size, soup);
      break;
    case DFM_PART_FEATURES:
      build_cells (MAX (size, 1u), 0.75, 1.5, 432, 144, -0.375 * MAX (size, 1u), 1.0, mixed_void, soup);
      break;
    case DFM_PART_CLEAN:
    default:
      build_cells (MAX (size, 1u), 0.5, 1.0, 424, 424, 0.0, 0.0, clean_void, soup);
      break;
    }
}

gboolean
dfm_part_write_stl (const CamTriSoup *soup, const char *path, GError **error)
{
  gsize n = soup->n_triangles, len = 84 + 50 * n;
  g_autofree guint8 *buf = g_malloc0 (len);
  g_strlcpy ((char *) buf, "microcam DFM benchmark part", 80);
  guint32 count = GUINT32_TO_LE ((guint32) n);
  memcpy (buf + 80, &count, 4);
  for (gsize t = 0; t < n; t++)
    {
      /* normal left zero (readers recompute it); 9 little-endian floats; attribute 0 */
      guint8 *rec = buf + 84 + 50 * t + 12;
      for (int k = 0; k < 9; k++)
        {
          guint32 bits;
          memcpy (&bits, &soup->xyz[9 * t + k], 4);
          bits = GUINT32_TO_LE (bits);
          memcpy (rec + 4 * k, &bits, 4);
        }
    }
  return g_file_set_contents_full (path, (const char *) buf, (gssize) len, G_FILE_SET_CONTENTS_CONSISTENT, 0644,
                                   error);
}
