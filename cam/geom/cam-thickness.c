/* cam-thickness.c — local thickness by inward ray casting.
 *
 * Method
 *   For every boundary edge of the region a ray starts at the edge's midpoint along the
 *   inward normal; the first boundary edge it meets gives the local thickness:
 *
 *        ───────────────●──────── opposite boundary
 *                       ↑ t = local thickness
 *        ──────────●────┴───●──── edge, ray from its midpoint
 *
 *   Rays also leave every vertex along the bisector of its two edge normals, so the
 *   vertex of a facetted circle that faces a wall measures the true distance.
 *   On two parallel faces this is the wall thickness; between two round holes the ray
 *   from the facet facing the other hole runs along the line of centres, so it is the
 *   web between them. Edges are bucketed in a uniform grid (each edge entered in the
 *   cells it crosses) and rays walk the grid with the Amanatides–Woo traversal, stopping
 *   at the nearest hit or at the limit. Cost is about O(n · cells walked).
 *
 * References
 *   - Amanatides & Woo, "A Fast Voxel Traversal Algorithm for Ray Tracing",
 *     Eurographics 1987.
 *   - Sheehy, Armstrong, Robinson, "Shape description by medial surface construction",
 *     IEEE TVCG 2(1), 1996 — local thickness as distance along the inward normal, the
 *     usual "thickness analysis" of CAD systems. */
#include "cam-thickness.h"

#include <math.h>
#include <string.h>

typedef struct {
  double x0, y0, x1, y1;
  guint ring;
} Edge;

typedef struct {
  GArray *edges;      /* Edge */
  double ox, oy;      /* grid origin */
  double cell;        /* cell size */
  int nx, ny;
  guint *start;       /* CSR: cell → first index in items, nx*ny + 1 entries */
  guint *items;       /* edge indices */
} Grid;

/* Walks the cells crossed by the segment o + t·d, t in [0, tmax] (d need not be unit).
 * The callback returns FALSE to stop. t_cell_exit receives the t at which the current
 * cell is left, for early termination of ray queries. */
static void
grid_walk (Grid *g, double ox, double oy, double dx, double dy, double tmax,
           gboolean (*cb) (Grid *, int, int, double, gpointer), gpointer data)
{
  double fx = (ox - g->ox) / g->cell, fy = (oy - g->oy) / g->cell;
  int ix = (int) floor (fx), iy = (int) floor (fy);
  ix = CLAMP (ix, 0, g->nx - 1);
  iy = CLAMP (iy, 0, g->ny - 1);
  int sx = dx > 0 ? 1 : (dx < 0 ? -1 : 0);
  int sy = dy > 0 ? 1 : (dy < 0 ? -1 : 0);
  double tdx = sx ? g->cell / fabs (dx) : G_MAXDOUBLE;
  double tdy = sy ? g->cell / fabs (dy) : G_MAXDOUBLE;
  double nxb = g->ox + (ix + (sx > 0)) * g->cell;
  double nyb = g->oy + (iy + (sy > 0)) * g->cell;
  double tmx = sx ? (nxb - ox) / dx : G_MAXDOUBLE;
  double tmy = sy ? (nyb - oy) / dy : G_MAXDOUBLE;
  while (TRUE)
    {
      double texit = MIN (tmx, tmy);
      if (!cb (g, ix, iy, texit, data))
        return;
      if (texit > tmax)
        return;
      if (tmx < tmy)
        {
          ix += sx;
          tmx += tdx;
        }
      else
        {
          iy += sy;
          tmy += tdy;
        }
      if (ix < 0 || iy < 0 || ix >= g->nx || iy >= g->ny)
        return;
    }
}

typedef struct {
  guint edge;
  guint *counts;   /* pass 1 */
  guint *fill;     /* pass 2 */
} InsertData;

static gboolean
count_cb (Grid *g, int ix, int iy, double texit, gpointer data)
{
  (void) texit;
  InsertData *d = data;
  if (d->fill == NULL)
    d->counts[iy * g->nx + ix]++;
  else
    g->items[g->start[iy * g->nx + ix] + d->fill[iy * g->nx + ix]++] = d->edge;
  return TRUE;
}

static void
grid_build (Grid *g, double bbox[4])
{
  guint n = g->edges->len;
  double w = MAX (bbox[2] - bbox[0], 1e-9), h = MAX (bbox[3] - bbox[1], 1e-9);
  /* about one edge per cell on average, at most 4M cells */
  double cells = CLAMP ((double) n, 1.0, 4.0e6);
  g->cell = sqrt (w * h / cells);
  g->cell = MAX (g->cell, MAX (w, h) / 4096.0);
  g->ox = bbox[0] - 0.5 * g->cell;
  g->oy = bbox[1] - 0.5 * g->cell;
  g->nx = (int) ceil (w / g->cell) + 2;
  g->ny = (int) ceil (h / g->cell) + 2;
  gsize nc = (gsize) g->nx * g->ny;
  guint *counts = g_new0 (guint, nc);
  InsertData d = { 0, counts, NULL };
  const Edge *E = (const Edge *) g->edges->data;
  for (guint e = 0; e < n; e++)
    {
      d.edge = e;
      grid_walk (g, E[e].x0, E[e].y0, E[e].x1 - E[e].x0, E[e].y1 - E[e].y0, 1.0, count_cb, &d);
    }
  g->start = g_new (guint, nc + 1);
  g->start[0] = 0;
  for (gsize c = 0; c < nc; c++)
    g->start[c + 1] = g->start[c] + counts[c];
  g->items = g_new (guint, MAX (g->start[nc], 1));
  memset (counts, 0, nc * sizeof (guint));
  d.fill = counts;
  for (guint e = 0; e < n; e++)
    {
      d.edge = e;
      grid_walk (g, E[e].x0, E[e].y0, E[e].x1 - E[e].x0, E[e].y1 - E[e].y0, 1.0, count_cb, &d);
    }
  g_free (counts);
}

typedef struct {
  double ox, oy, dx, dy;   /* unit direction */
  guint self, self2;
  double best_t;
  guint best_edge;
  double tmin;
} RayData;

static gboolean
ray_cb (Grid *g, int ix, int iy, double texit, gpointer data)
{
  RayData *r = data;
  const Edge *E = (const Edge *) g->edges->data;
  guint c = iy * g->nx + ix;
  for (guint k = g->start[c]; k < g->start[c + 1]; k++)
    {
      guint e = g->items[k];
      if (e == r->self || e == r->self2)
        continue;
      double ex = E[e].x1 - E[e].x0, ey = E[e].y1 - E[e].y0;
      double denom = r->dx * ey - r->dy * ex;
      if (fabs (denom) < 1e-15 * (fabs (ex) + fabs (ey)))
        continue;
      double ax = E[e].x0 - r->ox, ay = E[e].y0 - r->oy;
      double t = (ax * ey - ay * ex) / denom;
      double s = (ax * r->dy - ay * r->dx) / denom;
      if (t > r->tmin && t < r->best_t && s >= -1e-12 && s <= 1.0 + 1e-12)
        {
          r->best_t = t;
          r->best_edge = e;
        }
    }
  return r->best_t > texit;
}

static double
ring_signed_area (const double *xy, guint n)
{
  double a = 0.0;
  for (guint k = 0; k + 1 < n; k++)
    a += xy[2 * k] * xy[2 * k + 3] - xy[2 * k + 2] * xy[2 * k + 1];
  return 0.5 * a;
}

typedef struct {
  double ox, oy, dx, dy;
  guint self, self2;
} Ray;

static void
add_ring (GEOSContextHandle_t geos, const GEOSGeometry *ring, gboolean exterior, guint ring_id,
          GArray *edges, GArray *normals, double bbox[4], GArray *rays)
{
  guint first = edges->len;
  const GEOSCoordSequence *seq = GEOSGeom_getCoordSeq_r (geos, ring);
  unsigned int n = 0;
  if (seq == NULL || !GEOSCoordSeq_getSize_r (geos, seq, &n) || n < 4)
    return;
  g_autofree double *xy = g_new (double, 2 * n);
  GEOSCoordSeq_copyToBuffer_r (geos, seq, xy, FALSE, FALSE);
  double area = ring_signed_area (xy, n);
  /* region on the left of the ring when exterior CCW or hole CW */
  gboolean left = exterior ? area > 0 : area < 0;
  for (unsigned int k = 0; k + 1 < n; k++)
    {
      Edge e = { xy[2 * k], xy[2 * k + 1], xy[2 * k + 2], xy[2 * k + 3], ring_id };
      double dx = e.x1 - e.x0, dy = e.y1 - e.y0, len = hypot (dx, dy);
      double nrm[2] = { 0.0, 0.0 };
      if (len > 0)
        {
          nrm[0] = left ? -dy / len : dy / len;
          nrm[1] = left ? dx / len : -dx / len;
        }
      g_array_append_val (edges, e);
      g_array_append_vals (normals, nrm, 2);
      bbox[0] = MIN (bbox[0], MIN (e.x0, e.x1));
      bbox[1] = MIN (bbox[1], MIN (e.y0, e.y1));
      bbox[2] = MAX (bbox[2], MAX (e.x0, e.x1));
      bbox[3] = MAX (bbox[3], MAX (e.y0, e.y1));
    }
  /* rays from every edge's midpoint along its normal, and from every vertex along the
   * bisector of its edges' normals (so a facetted circle's vertex facing a wall is seen) */
  guint ne = edges->len - first;
  const Edge *E = (const Edge *) edges->data;
  const double *N = (const double *) normals->data;
  for (guint k = 0; k < ne; k++)
    {
      guint e = first + k, prev = first + (k + ne - 1) % ne;
      if (N[2 * e] == 0 && N[2 * e + 1] == 0)
        continue;
      Ray r = { 0.5 * (E[e].x0 + E[e].x1), 0.5 * (E[e].y0 + E[e].y1), N[2 * e], N[2 * e + 1], e, e };
      g_array_append_val (rays, r);
      double bx = N[2 * e] + N[2 * prev], by = N[2 * e + 1] + N[2 * prev + 1], bl = hypot (bx, by);
      if (bl > 1e-9)
        {
          Ray v = { E[e].x0, E[e].y0, bx / bl, by / bl, e, prev };
          g_array_append_val (rays, v);
        }
    }
}

gboolean
cam_thickness_scan (GEOSContextHandle_t geos, const GEOSGeometry *region, double limit_mm,
                    double ignore_below_mm, CamThicknessHit *min_hit, GArray *thin_hits,
                    GCancellable *cancellable)
{
  Grid g = { 0 };
  g.edges = g_array_new (FALSE, FALSE, sizeof (Edge));
  GArray *normals = g_array_new (FALSE, FALSE, sizeof (double));
  GArray *rays = g_array_new (FALSE, FALSE, sizeof (Ray));
  double bbox[4] = { G_MAXDOUBLE, G_MAXDOUBLE, -G_MAXDOUBLE, -G_MAXDOUBLE };
  guint ring_id = 0;
  int np = GEOSGetNumGeometries_r (geos, region);
  for (int p = 0; p < np; p++)
    {
      const GEOSGeometry *poly = GEOSGetGeometryN_r (geos, region, p);
      if (GEOSGeomTypeId_r (geos, poly) != GEOS_POLYGON || GEOSisEmpty_r (geos, poly))
        continue;
      add_ring (geos, GEOSGetExteriorRing_r (geos, poly), TRUE, ring_id++, g.edges, normals, bbox, rays);
      int nh = GEOSGetNumInteriorRings_r (geos, poly);
      for (int h = 0; h < nh; h++)
        add_ring (geos, GEOSGetInteriorRingN_r (geos, poly, h), FALSE, ring_id++, g.edges, normals, bbox, rays);
    }
  gboolean found = FALSE;
  if (g.edges->len == 0)
    goto out;
  grid_build (&g, bbox);

  double diag = hypot (bbox[2] - bbox[0], bbox[3] - bbox[1]);
  double reach = MIN (limit_mm, diag * 1.01);
  const Edge *E = (const Edge *) g.edges->data;
  CamThicknessHit best = { G_MAXDOUBLE, { 0, 0 }, { 0, 0 }, 0, 0 };
  for (guint i = 0; i < rays->len; i++)
    {
      /* a ray that walks the whole part (no limit) costs tens of µs on a part of many holes:
       * look at Cancel every 64 of them (a field read) so a press is answered within ms */
      if (i % 64 == 63 && g_cancellable_is_cancelled (cancellable))
        {
          found = FALSE;
          break;
        }
      const Ray *ray = &g_array_index (rays, Ray, i);
      guint e = ray->self;
      double len = hypot (E[e].x1 - E[e].x0, E[e].y1 - E[e].y0);
      if (len <= ignore_below_mm)
        continue;
      RayData r = { ray->ox, ray->oy, ray->dx, ray->dy, ray->self, ray->self2, 0, G_MAXUINT, 1e-9 * MAX (diag, 1e-3) };
      /* rays only need to go as far as the limit, or the best so far when only the minimum is wanted */
      double tmax = thin_hits ? reach : MIN (reach, best.thickness);
      r.best_t = tmax;
      grid_walk (&g, r.ox, r.oy, r.dx, r.dy, tmax, ray_cb, &r);
      if (r.best_edge == G_MAXUINT)
        continue;
      CamThicknessHit hit = { r.best_t, { r.ox, r.oy }, { r.ox + r.best_t * r.dx, r.oy + r.best_t * r.dy },
                              E[e].ring, E[r.best_edge].ring };
      found = TRUE;
      if (hit.thickness < best.thickness)
        best = hit;
      if (thin_hits != NULL && hit.thickness < limit_mm)
        g_array_append_val (thin_hits, hit);
    }
  if (min_hit != NULL)
    *min_hit = best;
out:
  g_free (g.start);
  g_free (g.items);
  g_array_unref (g.edges);
  g_array_unref (normals);
  g_array_unref (rays);
  return found;
}
