/* cam-features-material.c — the material side of feature recognition: thin walls,
 * the outer profile and what a tool coming from +Z cannot reach.
 *
 * Method
 *   - Walls: in every band's section the local thickness is measured by inward ray
 *     casting (cam-thickness.c). Rays thinner than the report limit are grouped by the
 *     pair of outlines they join (e.g. a pocket's side and the outer profile); a group
 *     found at the same place and thickness in neighbouring bands is one wall, its height
 *     the span of those bands. The thinnest place of all sections is kept for the
 *     "process-critical" summary even when it is above the limit.
 *   - Profile: the footprint's outer rings; their inside corners (right turns of a
 *     counter-clockwise ring) set the largest tool that can cut the outline.
 *   - Undercuts: (a) void regions of a band not covered by reachable voids above it
 *     (side holes, T-slots, counterbores from below), grouped through the bands by
 *     overlap; (b) facets facing downwards above the part's bottom face, grouped by shared
 *     vertices (union–find). Either needs another setup (or a 4th/5th axis).
 *
 * References
 *   - R. E. Tarjan, "Efficiency of a good but not linear set union algorithm", J. ACM
 *     22(2), 1975 (union–find).
 *   - Y. Yang, "Accessibility analysis for 3-axis machining", in: L. Wang, A. Nee (eds.),
 *     Collaborative Design and Planning for Digital Manufacturing, Springer 2009 — a face
 *     is 3-axis accessible from +Z only if its normal has no downward component and no
 *     material lies above it. */
#include "cam-features-private.h"

#include <math.h>
#include <string.h>

#include "cam-circle.h"
#include "cam-thickness.h"

typedef struct {
  CamThicknessHit min;
  double bb[4];
  guint band_lo, band_hi;
} Wall;

static void
bb_add (double bb[4], const double p[2])
{
  bb[0] = MIN (bb[0], p[0]);
  bb[1] = MIN (bb[1], p[1]);
  bb[2] = MAX (bb[2], p[0]);
  bb[3] = MAX (bb[3], p[1]);
}

static GArray *
rect_ring (const double bb[4], double grow)
{
  GArray *a = g_array_new (FALSE, FALSE, sizeof (double));
  double r[8] = { bb[0] - grow, bb[1] - grow, bb[2] + grow, bb[1] - grow,
                  bb[2] + grow, bb[3] + grow, bb[0] - grow, bb[3] + grow };
  g_array_append_vals (a, r, 8);
  return a;
}

/* One band's thickness scan: every thin place, and the thinnest (of all when none is thin). */
typedef struct {
  const CamSlice *section;
  double limit;
  GCancellable *cancellable;
  gboolean scan;            /* FALSE: the section equals the one above (its walls reach lower) */
  GArray *hits;
  CamThicknessHit mh;
  gboolean found;
} BandScan;

static void
band_scan (GEOSContextHandle_t geos, BandScan *b)
{
  b->hits = g_array_new (FALSE, FALSE, sizeof (CamThicknessHit));
  b->found = cam_thickness_scan (geos, b->section->area, b->limit, 0.0, &b->mh, b->hits, b->cancellable);
  if (b->hits->len == 0 && !g_cancellable_is_cancelled (b->cancellable))
    b->found = cam_thickness_scan (geos, b->section->area, G_MAXDOUBLE, 0.0, &b->mh, NULL, b->cancellable);
}

typedef struct {
  BandScan *bands;
  guint *todo;
  guint n_todo;
} ScanWork;

/* The second core takes every other band to scan, with a GEOS context of its own (the scans only
 * read the sections); the results are merged in band order afterwards, as one thread would. */
static gpointer
scan_thread (gpointer data)
{
  ScanWork *w = data;
  GEOSContextHandle_t geos = GEOS_init_r ();
  for (guint i = 1; i < w->n_todo; i += 2)
    band_scan (geos, &w->bands[w->todo[i]]);
  GEOS_finish_r (geos);
  return NULL;
}

void
cam_features_find_walls (CamFeaturesCtx *c)
{
  double limit = c->opts->wall_report_mm;
  GArray *walls = g_array_new (FALSE, FALSE, sizeof (Wall));
  guint nb = c->sections->len;
  /* which bands need a scan: a section equal to the one above (same area to 1e-9, same rings)
   * has the same walls — they just reach one band lower */
  BandScan *bands = g_new0 (BandScan, MAX (nb, 1));
  g_autofree guint *todo = g_new (guint, MAX (nb, 1));
  guint n_todo = 0;
  double prev_area = -1.0;
  int prev_rings = -1;
  for (int k = (int) nb - 1; k >= 0; k--)
    {
      const CamSlice *s = g_ptr_array_index (c->sections, k);
      double area = 0;
      GEOSArea_r (c->geos, s->area, &area);
      int rings = 0, np = GEOSGetNumGeometries_r (c->geos, s->area);
      for (int p = 0; p < np; p++)
        rings += 1 + GEOSGetNumInteriorRings_r (c->geos, GEOSGetGeometryN_r (c->geos, s->area, p));
      bands[k].section = s;
      bands[k].limit = limit;
      bands[k].cancellable = c->cancellable;
      if (rings == prev_rings && fabs (area - prev_area) <= 1e-9 * MAX (area, 1e-12))
        continue;
      prev_area = area;
      prev_rings = rings;
      bands[k].scan = TRUE;
      todo[n_todo++] = (guint) k;
    }
  ScanWork work = { bands, todo, n_todo };
  GThread *helper = n_todo > 1 && g_get_num_processors () > 1 ? g_thread_new ("walls", scan_thread, &work) : NULL;
  for (guint i = 0; i < n_todo; i += helper ? 2 : 1)
    band_scan (c->geos, &bands[todo[i]]);
  if (helper != NULL)
    g_thread_join (helper);

  for (int k = (int) nb - 1; k >= 0 && !cam_features_cancelled (c); k--)
    {
      const CamSlice *s = bands[k].section;
      if (!bands[k].scan)
        {
          for (guint j = 0; j < walls->len; j++)
            if (g_array_index (walls, Wall, j).band_lo == (guint) k + 1)
              g_array_index (walls, Wall, j).band_lo = (guint) k;
          continue;
        }
      GArray *hits = g_steal_pointer (&bands[k].hits);
      CamThicknessHit mh = bands[k].mh;
      gboolean found = bands[k].found;
      if (found && mh.thickness < c->set->thinnest_wall_mm)
        {
          c->set->thinnest_wall_mm = mh.thickness;
          c->set->thinnest_wall_at[0] = 0.5 * (mh.from[0] + mh.to[0]);
          c->set->thinnest_wall_at[1] = 0.5 * (mh.from[1] + mh.to[1]);
          c->set->thinnest_wall_at[2] = s->z;
        }
      /* group by the pair of outlines a thin place joins */
      GHashTable *groups = g_hash_table_new (g_int64_hash, g_int64_equal);
      GArray *band_walls = g_array_new (FALSE, FALSE, sizeof (Wall));
      GArray *keys = g_array_sized_new (FALSE, FALSE, sizeof (gint64), hits->len);
      for (guint i = 0; i < hits->len; i++)
        {
          const CamThicknessHit *h = &g_array_index (hits, CamThicknessHit, i);
          guint a = MIN (h->from_ring, h->to_ring), b = MAX (h->from_ring, h->to_ring);
          gint64 key = ((gint64) a << 32) | b;
          g_array_append_val (keys, key);
        }
      for (guint i = 0; i < hits->len; i++)
        {
          const CamThicknessHit *h = &g_array_index (hits, CamThicknessHit, i);
          gint64 *key = &g_array_index (keys, gint64, i);
          gpointer gi = g_hash_table_lookup (groups, key);
          if (gi == NULL)
            {
              Wall w = { *h, { G_MAXDOUBLE, G_MAXDOUBLE, -G_MAXDOUBLE, -G_MAXDOUBLE }, (guint) k, (guint) k };
              g_array_append_val (band_walls, w);
              gi = GUINT_TO_POINTER (band_walls->len);
              g_hash_table_insert (groups, key, gi);
            }
          Wall *w = &g_array_index (band_walls, Wall, GPOINTER_TO_UINT (gi) - 1);
          if (h->thickness < w->min.thickness)
            w->min = *h;
          bb_add (w->bb, h->from);
          bb_add (w->bb, h->to);
        }
      /* continue walls of the band above found at the same place and thickness */
      for (guint i = 0; i < band_walls->len; i++)
        {
          Wall *w = &g_array_index (band_walls, Wall, i);
          gboolean merged = FALSE;
          for (guint j = 0; j < walls->len && !merged; j++)
            {
              Wall *o = &g_array_index (walls, Wall, j);
              /* same wall one band lower: same thickness (to 10 nm) and overlapping boxes */
              if (o->band_lo == (guint) k + 1 && fabs (o->min.thickness - w->min.thickness) < 1e-5
                  && o->bb[0] <= w->bb[2] + 1e-6 && w->bb[0] <= o->bb[2] + 1e-6 && o->bb[1] <= w->bb[3] + 1e-6
                  && w->bb[1] <= o->bb[3] + 1e-6)
                {
                  o->band_lo = (guint) k;
                  o->bb[0] = MIN (o->bb[0], w->bb[0]);
                  o->bb[1] = MIN (o->bb[1], w->bb[1]);
                  o->bb[2] = MAX (o->bb[2], w->bb[2]);
                  o->bb[3] = MAX (o->bb[3], w->bb[3]);
                  merged = TRUE;
                }
            }
          if (!merged)
            g_array_append_val (walls, *w);
        }
      g_array_unref (keys);
      g_array_unref (band_walls);
      g_hash_table_destroy (groups);
      g_array_unref (hits);
    }
  for (guint k = 0; k < nb; k++)
    g_clear_pointer (&bands[k].hits, g_array_unref);   /* left by a cancelled merge */
  g_free (bands);
  for (guint i = 0; i < walls->len && !cam_features_cancelled (c); i++)
    {
      const Wall *w = &g_array_index (walls, Wall, i);
      CamFeature *f = cam_feature_new (CAM_FEATURE_WALL);
      double zlo = c->levels[w->band_lo], zhi = c->levels[w->band_hi + 1];
      f->thickness_mm = w->min.thickness;
      f->height_mm = zhi - zlo;
      f->thin_at[0] = 0.5 * (w->min.from[0] + w->min.to[0]);
      f->thin_at[1] = 0.5 * (w->min.from[1] + w->min.to[1]);
      f->thin_at[2] = 0.5 * (zlo + zhi);
      memcpy (f->center, f->thin_at, sizeof f->center);
      f->top_z = zhi;
      f->bottom_z = zlo;
      f->bbox = (CamBounds) { { w->bb[0], w->bb[1], zlo }, { w->bb[2], w->bb[3], zhi } };
      g_ptr_array_add (f->outline, rect_ring (w->bb, 0.0));
      cam_features_add (c, f, -1);
    }
  g_array_unref (walls);
}

void
cam_features_find_profile (CamFeaturesCtx *c)
{
  int n = GEOSGetNumGeometries_r (c->geos, c->hull);
  double zlo = c->mesh->bounds.min[2], zhi = c->mesh->bounds.max[2];
  for (int i = 0; i < n && !cam_features_cancelled (c); i++)
    {
      const GEOSGeometry *p = GEOSGetGeometryN_r (c->geos, c->hull, i);
      CamFeature *f = cam_feature_new (CAM_FEATURE_PROFILE);
      double bb[4];
      GEOSGeom_getXMin_r (c->geos, p, &bb[0]);
      GEOSGeom_getYMin_r (c->geos, p, &bb[1]);
      GEOSGeom_getXMax_r (c->geos, p, &bb[2]);
      GEOSGeom_getYMax_r (c->geos, p, &bb[3]);
      GEOSGeometry *cen = GEOSGetCentroid_r (c->geos, p);
      if (cen == NULL || GEOSisEmpty_r (c->geos, cen) || !GEOSGeomGetX_r (c->geos, cen, &f->center[0])
          || !GEOSGeomGetY_r (c->geos, cen, &f->center[1]))
        {
          f->center[0] = 0.5 * (bb[0] + bb[2]);
          f->center[1] = 0.5 * (bb[1] + bb[3]);
        }
      if (cen != NULL)
        GEOSGeom_destroy_r (c->geos, cen);
      f->center[2] = 0.5 * (zlo + zhi);
      f->top_z = zhi;
      f->bottom_z = zlo;
      f->height_mm = zhi - zlo;
      f->thickness_mm = c->set->thinnest_wall_mm < G_MAXDOUBLE ? c->set->thinnest_wall_mm : NAN;
      f->bbox = (CamBounds) { { bb[0], bb[1], zlo }, { bb[2], bb[3], zhi } };
      GArray *xy = cam_features_ring_xy (c->geos, GEOSGetExteriorRing_r (c->geos, p));
      g_ptr_array_add (f->outline, g_array_copy (xy));
      guint m = cam_circle_drop_collinear ((double *) xy->data, xy->len / 2, 1e-9);
      double area = 0;
      const double *q = (const double *) xy->data;
      for (guint k = 0; k < m; k++)
        area += q[2 * k] * q[2 * ((k + 1) % m) + 1] - q[2 * ((k + 1) % m)] * q[2 * k + 1];
      double r, at[2];
      /* inside corners of the outline: right turns of a counter-clockwise ring */
      if (cam_circle_min_corner_radius (q, m, area > 0 ? -1 : 1, c->opts->sharp_deg, NULL, &r, at))
        {
          f->min_corner_radius_mm = r;
          f->corner_at[0] = at[0];
          f->corner_at[1] = at[1];
        }
      g_array_unref (xy);
      cam_features_add (c, f, -1);
    }
}

typedef struct {
  double bb[6];   /* xmin ymin zmin xmax ymax zmax */
  GEOSGeometry *top;  /* borrowed outline, may be NULL */
} Region;

static guint32
uf_find (guint32 *parent, guint32 v)
{
  while (parent[v] != v)
    {
      parent[v] = parent[parent[v]];
      v = parent[v];
    }
  return v;
}

static gboolean
bb3_overlap (const double a[6], const double b[6], double tol)
{
  for (int i = 0; i < 3; i++)
    if (a[i] > b[i + 3] + tol || b[i] > a[i + 3] + tol)
      return FALSE;
  return TRUE;
}

static void
region_merge (Region *into, const Region *r)
{
  for (int i = 0; i < 3; i++)
    {
      into->bb[i] = MIN (into->bb[i], r->bb[i]);
      into->bb[i + 3] = MAX (into->bb[i + 3], r->bb[i + 3]);
    }
  if (into->top == NULL)
    into->top = r->top;
}

void
cam_features_find_undercuts (CamFeaturesCtx *c)
{
  GArray *regions = g_array_new (FALSE, FALSE, sizeof (Region));
  /* (a) voids not reachable from above, merged through the bands by overlap */
  for (guint i = 0; i < c->undercut_comps->len && !cam_features_cancelled (c); i++)
    {
      const CamFeaturesComp *cp = g_ptr_array_index (c->undercut_comps, i);
      Region r = { { cp->bbox[0], cp->bbox[1], c->levels[cp->band], cp->bbox[2], cp->bbox[3],
                     c->levels[cp->band + 1] },
                   cp->poly };
      gboolean merged = FALSE;
      for (guint j = 0; j < regions->len && !merged; j++)
        {
          Region *o = &g_array_index (regions, Region, j);
          if (bb3_overlap (o->bb, r.bb, 1e-6) && o->top != NULL
              && GEOSIntersects_r (c->geos, o->top, cp->poly) == 1)
            {
              region_merge (o, &r);
              merged = TRUE;
            }
        }
      if (!merged)
        g_array_append_val (regions, r);
    }
  /* (b) facets facing down above the bottom face */
  const CamMesh *m = c->mesh;
  double zmin = m->bounds.min[2];
  g_autofree guint32 *parent = g_new (guint32, MAX (m->n_vertices, 1));
  for (guint v = 0; v < m->n_vertices; v++)
    parent[v] = v;
  GArray *down = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint t = 0; t < m->n_triangles; t++)
    {
      if (t % 65536 == 65535 && cam_features_cancelled (c))
        break;
      if (m->normals[3 * (gsize) t + 2] >= -1e-6)
        continue;
      const guint32 *v = m->triangles + 3 * (gsize) t;
      double zmax = MAX (m->vertices[3 * (gsize) v[0] + 2],
                         MAX (m->vertices[3 * (gsize) v[1] + 2], m->vertices[3 * (gsize) v[2] + 2]));
      if (zmax <= zmin + 1e-5)
        continue;
      g_array_append_val (down, t);
      guint32 a = uf_find (parent, v[0]), b = uf_find (parent, v[1]), d = uf_find (parent, v[2]);
      parent[b] = a;
      parent[uf_find (parent, d)] = uf_find (parent, a);
    }
  GHashTable *group = g_hash_table_new (NULL, NULL);
  GArray *facet_regions = g_array_new (FALSE, FALSE, sizeof (Region));
  for (guint i = 0; i < down->len; i++)
    {
      guint t = g_array_index (down, guint, i);
      const guint32 *v = m->triangles + 3 * (gsize) t;
      guint32 root = uf_find (parent, v[0]);
      gpointer gi = g_hash_table_lookup (group, GUINT_TO_POINTER (root + 1));
      if (gi == NULL)
        {
          Region r = { { G_MAXDOUBLE, G_MAXDOUBLE, G_MAXDOUBLE, -G_MAXDOUBLE, -G_MAXDOUBLE, -G_MAXDOUBLE }, NULL };
          g_array_append_val (facet_regions, r);
          gi = GUINT_TO_POINTER (facet_regions->len);
          g_hash_table_insert (group, GUINT_TO_POINTER (root + 1), gi);
        }
      Region *r = &g_array_index (facet_regions, Region, GPOINTER_TO_UINT (gi) - 1);
      for (int k = 0; k < 3; k++)
        for (int a = 0; a < 3; a++)
          {
            double x = m->vertices[3 * (gsize) v[k] + a];
            r->bb[a] = MIN (r->bb[a], x);
            r->bb[a + 3] = MAX (r->bb[a + 3], x);
          }
    }
  for (guint i = 0; i < facet_regions->len && !cam_features_cancelled (c); i++)
    {
      const Region *r = &g_array_index (facet_regions, Region, i);
      gboolean merged = FALSE;
      for (guint j = 0; j < regions->len && !merged; j++)
        if (bb3_overlap (g_array_index (regions, Region, j).bb, r->bb, 1e-6))
          {
            region_merge (&g_array_index (regions, Region, j), r);
            merged = TRUE;
          }
      if (!merged)
        g_array_append_val (regions, *r);
    }
  for (guint i = 0; i < regions->len; i++)
    {
      const Region *r = &g_array_index (regions, Region, i);
      CamFeature *f = cam_feature_new (CAM_FEATURE_UNDERCUT);
      f->bbox = (CamBounds) { { r->bb[0], r->bb[1], r->bb[2] }, { r->bb[3], r->bb[4], r->bb[5] } };
      for (int a = 0; a < 3; a++)
        f->center[a] = 0.5 * (r->bb[a] + r->bb[a + 3]);
      f->top_z = r->bb[5];
      f->bottom_z = r->bb[2];
      f->depth_mm = r->bb[5] - r->bb[2];
      f->height_mm = f->depth_mm;
      if (r->top != NULL)
        g_ptr_array_add (f->outline, cam_features_ring_xy (c->geos, GEOSGetExteriorRing_r (c->geos, r->top)));
      else
        {
          double bb[4] = { r->bb[0], r->bb[1], r->bb[3], r->bb[4] };
          g_ptr_array_add (f->outline, rect_ring (bb, 0.0));
        }
      cam_features_add (c, f, -1);
    }
  g_hash_table_destroy (group);
  g_array_unref (facet_regions);
  g_array_unref (down);
  g_array_unref (regions);
}
