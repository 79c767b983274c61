/* cam-slice.c — exact planar sections of a triangle mesh.
 *
 * Method
 *   1. Classify every vertex against the plane z = h with a symbolic perturbation:
 *      z >= h counts as "above" (a vertex on the plane is treated as lifted by an
 *      infinitesimal ε). No vertex is then ever *on* the plane, so a triangle is either
 *      not cut or cut on exactly two of its edges — no special cases for vertices or
 *      edges lying in the plane, and the result is the section at h − ε.
 *   2. For a triangle whose corners run counter-clockwise seen from outside, the cut
 *      segment runs from the edge crossed downwards (above → below) to the edge crossed
 *      upwards (below → above). With the outward normal n that direction is ẑ × n, so the
 *      material lies on the segment's left: shells come out counter-clockwise, holes
 *      clockwise, seen from +Z.
 *
 *          above  c                 segment start = cut of edge c→a (down-crossing)
 *                / \                segment end   = cut of edge b→c (up-crossing)
 *      --------s-----e-------  z = h
 *              /       \
 *      below  a---------b
 *
 *   3. Segments are chained by the identity of the mesh edge they share (the welded
 *      vertex pair), never by comparing coordinates, so chaining is exact. The cut point
 *      of an edge is always computed from its lower-numbered vertex, so both facets
 *      sharing the edge get bit-identical points.
 *   4. Loops become GEOS polygons: each hole goes to the smallest shell containing it
 *      (GEOS prepared point-in-polygon); the result is repaired with GEOSMakeValid_r
 *      only when GEOSisValid_r says so.
 *
 * References
 *   - Edelsbrunner & Mücke, "Simulation of Simplicity", ACM TOG 9(1), 1990 (symbolic
 *     perturbation of degenerate cases).
 *   - Minetto, Volpato, Stolfi, Gregori, da Silva, "An optimal algorithm for 3D triangle
 *     mesh slicing", Computer-Aided Design 92, 2017 (slicing and loop construction by
 *     edge adjacency).
 *   - GEOS C API, geos_c.h (reentrant *_r functions). */
#include "cam-slice.h"

#include <math.h>
#include <string.h>

#include "cam-error.h"

struct _CamSlicer {
  CamMesh *mesh;
  GEOSContextHandle_t geos;
};

static void
geos_message (const char *message, void *user_data)
{
  (void) user_data;
  g_debug ("GEOS: %s", message);
}

CamSlicer *
cam_slicer_new (CamMesh *mesh)
{
  g_return_val_if_fail (mesh != NULL, NULL);
  CamSlicer *slicer = g_new0 (CamSlicer, 1);
  slicer->mesh = cam_mesh_ref (mesh);
  slicer->geos = GEOS_init_r ();
  GEOSContext_setNoticeMessageHandler_r (slicer->geos, geos_message, NULL);
  GEOSContext_setErrorMessageHandler_r (slicer->geos, geos_message, NULL);
  return slicer;
}

void
cam_slicer_free (CamSlicer *slicer)
{
  if (slicer == NULL)
    return;
  GEOS_finish_r (slicer->geos);
  cam_mesh_unref (slicer->mesh);
  g_free (slicer);
}

GEOSContextHandle_t
cam_slicer_get_context (CamSlicer *slicer)
{
  return slicer->geos;
}

CamMesh *
cam_slicer_get_mesh (CamSlicer *slicer)
{
  return slicer->mesh;
}

void
cam_slice_free (CamSlice *slice)
{
  if (slice == NULL)
    return;
  if (slice->area != NULL)
    GEOSGeom_destroy_r (slice->geos, slice->area);
  g_free (slice);
}

static inline guint64
edge_key (guint32 a, guint32 b)
{
  return a < b ? ((guint64) a << 32) | b : ((guint64) b << 32) | a;
}

/* Cut point of the mesh edge (a, b), computed from the lower-numbered vertex so that
 * both facets sharing the edge produce identical coordinates. */
static inline void
edge_point (const CamMesh *mesh, guint64 key, double h, double out[2])
{
  guint32 i = (guint32) (key >> 32), j = (guint32) (key & 0xffffffffu);
  const double *p = mesh->vertices + 3 * (gsize) i;
  const double *q = mesh->vertices + 3 * (gsize) j;
  double t = (h - p[2]) / (q[2] - p[2]);
  out[0] = p[0] + t * (q[0] - p[0]);
  out[1] = p[1] + t * (q[1] - p[1]);
}

double
cam_slice_ring_signed_area (GEOSContextHandle_t geos, const GEOSGeometry *ring)
{
  const GEOSCoordSequence *seq = GEOSGeom_getCoordSeq_r (geos, ring);
  unsigned int n = 0;
  if (seq == NULL || !GEOSCoordSeq_getSize_r (geos, seq, &n) || n < 4)
    return 0.0;
  g_autofree double *xy = g_new (double, 2 * n);
  GEOSCoordSeq_copyToBuffer_r (geos, seq, xy, FALSE, FALSE);
  double a = 0.0;
  for (unsigned int k = 0; k + 1 < n; k++)
    a += xy[2 * k] * xy[2 * k + 3] - xy[2 * k + 2] * xy[2 * k + 1];
  return 0.5 * a;
}

typedef struct {
  GArray *xy;   /* doubles, x y pairs, not closed */
  double area;  /* signed, shoelace */
  double bbox[4];
} Loop;

static void
loop_clear (gpointer p)
{
  Loop *l = p;
  g_clear_pointer (&l->xy, g_array_unref);
}

static GEOSGeometry *
loop_ring (GEOSContextHandle_t geos, const Loop *l, gboolean reverse)
{
  guint n = l->xy->len / 2;
  const double *xy = (const double *) l->xy->data;
  g_autofree double *buf = g_new (double, 2 * (n + 1));
  for (guint k = 0; k < n; k++)
    {
      guint src = reverse ? n - 1 - k : k;
      buf[2 * k] = xy[2 * src];
      buf[2 * k + 1] = xy[2 * src + 1];
    }
  buf[2 * n] = buf[0];
  buf[2 * n + 1] = buf[1];
  GEOSCoordSequence *seq = GEOSCoordSeq_copyFromBuffer_r (geos, buf, n + 1, FALSE, FALSE);
  return GEOSGeom_createLinearRing_r (geos, seq);
}

/* Collects the polygons of any geometry into a new MultiPolygon (takes ownership of g). */
static GEOSGeometry *
as_multipolygon (GEOSContextHandle_t geos, GEOSGeometry *g)
{
  if (g == NULL)
    return GEOSGeom_createEmptyCollection_r (geos, GEOS_MULTIPOLYGON);
  int type = GEOSGeomTypeId_r (geos, g);
  if (type == GEOS_MULTIPOLYGON)
    return g;
  GPtrArray *polys = g_ptr_array_new ();
  if (type == GEOS_POLYGON)
    {
      if (!GEOSisEmpty_r (geos, g))
        g_ptr_array_add (polys, g);
      else
        GEOSGeom_destroy_r (geos, g);
      g = NULL;
    }
  else
    {
      int n = GEOSGetNumGeometries_r (geos, g);
      for (int k = 0; k < n; k++)
        {
          const GEOSGeometry *part = GEOSGetGeometryN_r (geos, g, k);
          int pt = GEOSGeomTypeId_r (geos, part);
          if (pt == GEOS_POLYGON || pt == GEOS_MULTIPOLYGON)
            {
              int m = GEOSGetNumGeometries_r (geos, part);
              for (int j = 0; j < m; j++)
                {
                  const GEOSGeometry *pp = pt == GEOS_POLYGON ? part : GEOSGetGeometryN_r (geos, part, j);
                  if (!GEOSisEmpty_r (geos, pp))
                    g_ptr_array_add (polys, GEOSGeom_clone_r (geos, pp));
                }
            }
        }
      GEOSGeom_destroy_r (geos, g);
    }
  GEOSGeometry *out = GEOSGeom_createCollection_r (geos, GEOS_MULTIPOLYGON,
                                                   (GEOSGeometry **) polys->pdata, polys->len);
  g_ptr_array_free (polys, TRUE);
  return out;
}

static int
compare_shell_area (gconstpointer a, gconstpointer b, gpointer user_data)
{
  const Loop *loops = user_data;
  double da = loops[*(const guint *) a].area, db = loops[*(const guint *) b].area;
  return (da > db) - (da < db);
}

CamSlice *
cam_slicer_slice (CamSlicer *slicer, double z, GError **error)
{
  g_return_val_if_fail (slicer != NULL, NULL);
  const CamMesh *mesh = slicer->mesh;
  GEOSContextHandle_t geos = slicer->geos;

  if (!isfinite (z))
    {
      g_set_error (error, CAM_ERROR, CAM_ERROR_INVALID, "slice height is not a finite number");
      return NULL;
    }

  /* STEP 1: one segment per cut facet, as (start edge, end edge). */
  GArray *starts = g_array_new (FALSE, FALSE, sizeof (guint64));
  GArray *ends = g_array_new (FALSE, FALSE, sizeof (guint64));
  for (guint t = 0; t < mesh->n_triangles; t++)
    {
      const guint32 *v = mesh->triangles + 3 * (gsize) t;
      gboolean above[3];
      int n_above = 0;
      for (int k = 0; k < 3; k++)
        {
          above[k] = mesh->vertices[3 * (gsize) v[k] + 2] >= z;
          n_above += above[k];
        }
      if (n_above == 0 || n_above == 3)
        continue;
      guint64 s = 0, e = 0;
      for (int k = 0; k < 3; k++)
        {
          int k1 = (k + 1) % 3;
          if (above[k] && !above[k1])
            s = edge_key (v[k], v[k1]);
          else if (!above[k] && above[k1])
            e = edge_key (v[k], v[k1]);
        }
      g_array_append_val (starts, s);
      g_array_append_val (ends, e);
    }

  /* STEP 2: chain segments through shared edges. */
  guint n_seg = starts->len;
  const guint64 *sk = (const guint64 *) starts->data;
  const guint64 *ek = (const guint64 *) ends->data;
  GHashTable *by_start = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint s = 0; s < n_seg; s++)
    g_hash_table_insert (by_start, (gpointer) &sk[s], GUINT_TO_POINTER (s + 1));
  guint8 *used = g_new0 (guint8, n_seg);
  GArray *loops = g_array_new (FALSE, TRUE, sizeof (Loop));
  g_array_set_clear_func (loops, loop_clear);
  guint open_chains = 0;
  double total_area = 0.0;
  double diag = cam_bounds_diagonal (&mesh->bounds);
  double eps_len = 1e-12 * MAX (diag, 1.0);

  for (guint first = 0; first < n_seg; first++)
    {
      if (used[first])
        continue;
      GArray *xy = g_array_new (FALSE, FALSE, sizeof (double));
      guint s = first;
      gboolean closed = FALSE;
      while (TRUE)
        {
          used[s] = 1;
          double p[2];
          edge_point (mesh, sk[s], z, p);
          guint n = xy->len / 2;
          const double *d = (const double *) xy->data;
          if (n == 0 || fabs (d[2 * n - 2] - p[0]) > eps_len || fabs (d[2 * n - 1] - p[1]) > eps_len)
            g_array_append_vals (xy, p, 2);
          gpointer next = g_hash_table_lookup (by_start, &ek[s]);
          if (next == NULL)
            break;
          guint ns = GPOINTER_TO_UINT (next) - 1;
          if (ns == first)
            {
              closed = TRUE;
              break;
            }
          if (used[ns])
            break;
          s = ns;
        }
      if (!closed)
        {
          open_chains++;
          g_array_unref (xy);
          continue;
        }
      /* drop a closing duplicate */
      guint n = xy->len / 2;
      const double *d = (const double *) xy->data;
      if (n > 1 && fabs (d[0] - d[2 * n - 2]) <= eps_len && fabs (d[1] - d[2 * n - 1]) <= eps_len)
        g_array_set_size (xy, 2 * (--n));
      if (n < 3)
        {
          g_array_unref (xy);
          continue;
        }
      Loop l = { xy, 0.0, { G_MAXDOUBLE, G_MAXDOUBLE, -G_MAXDOUBLE, -G_MAXDOUBLE } };
      d = (const double *) xy->data;
      for (guint k = 0; k < n; k++)
        {
          guint k1 = (k + 1) % n;
          l.area += d[2 * k] * d[2 * k1 + 1] - d[2 * k1] * d[2 * k + 1];
          l.bbox[0] = MIN (l.bbox[0], d[2 * k]);
          l.bbox[1] = MIN (l.bbox[1], d[2 * k + 1]);
          l.bbox[2] = MAX (l.bbox[2], d[2 * k]);
          l.bbox[3] = MAX (l.bbox[3], d[2 * k + 1]);
        }
      l.area *= 0.5;
      /* loops of (numerically) no area come from a vertex touching the plane from below */
      if (fabs (l.area) <= 1e-18 * MAX (diag * diag, 1.0))
        {
          g_array_unref (xy);
          continue;
        }
      total_area += l.area;
      g_array_append_val (loops, l);
    }
  g_free (used);
  g_hash_table_destroy (by_start);
  g_array_unref (starts);
  g_array_unref (ends);

  /* STEP 3: shells and holes → polygons. An inside-out mesh gives a negative total:
   * flip the roles rather than return nothing. */
  gboolean flip = total_area < 0.0;
  Loop *L = (Loop *) loops->data;
  GArray *shells = g_array_new (FALSE, FALSE, sizeof (guint));
  GArray *holes = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint k = 0; k < loops->len; k++)
    {
      if (flip)
        L[k].area = -L[k].area;
      g_array_append_val (L[k].area > 0 ? shells : holes, k);
    }
  g_array_sort_with_data (shells, compare_shell_area, L);
  guint n_shells = shells->len;
  GPtrArray **shell_holes = g_new0 (GPtrArray *, n_shells);
  GEOSGeometry **shell_poly = g_new0 (GEOSGeometry *, n_shells);
  const GEOSPreparedGeometry **shell_prep = g_new0 (const GEOSPreparedGeometry *, n_shells);
  guint orphan_holes = 0;

  for (guint h = 0; h < holes->len; h++)
    {
      const Loop *hl = &L[g_array_index (holes, guint, h)];
      const double *hp = (const double *) hl->xy->data;
      gboolean placed = FALSE;
      for (guint s = 0; s < n_shells && !placed; s++)
        {
          const Loop *sl = &L[g_array_index (shells, guint, s)];
          if (sl->area < -hl->area || hl->bbox[0] < sl->bbox[0] || hl->bbox[1] < sl->bbox[1]
              || hl->bbox[2] > sl->bbox[2] || hl->bbox[3] > sl->bbox[3])
            continue;
          if (shell_prep[s] == NULL)
            {
              shell_poly[s] = GEOSGeom_createPolygon_r (geos, loop_ring (geos, sl, flip), NULL, 0);
              shell_prep[s] = GEOSPrepare_r (geos, shell_poly[s]);
            }
          /* test the midpoint of the hole's longest-lived edge: the first one */
          GEOSGeometry *pt = GEOSGeom_createPointFromXY_r (geos, 0.5 * (hp[0] + hp[2]), 0.5 * (hp[1] + hp[3]));
          if (GEOSPreparedIntersects_r (geos, shell_prep[s], pt) == 1)
            {
              if (shell_holes[s] == NULL)
                shell_holes[s] = g_ptr_array_new ();
              g_ptr_array_add (shell_holes[s], loop_ring (geos, hl, flip));
              placed = TRUE;
            }
          GEOSGeom_destroy_r (geos, pt);
        }
      if (!placed)
        orphan_holes++;
    }

  GEOSGeometry **polys = g_new0 (GEOSGeometry *, MAX (n_shells, 1));
  for (guint s = 0; s < n_shells; s++)
    {
      const Loop *sl = &L[g_array_index (shells, guint, s)];
      if (shell_prep[s] != NULL)
        GEOSPreparedGeom_destroy_r (geos, shell_prep[s]);
      if (shell_poly[s] != NULL)
        GEOSGeom_destroy_r (geos, shell_poly[s]);
      guint nh = shell_holes[s] ? shell_holes[s]->len : 0;
      polys[s] = GEOSGeom_createPolygon_r (geos, loop_ring (geos, sl, flip),
                                           nh ? (GEOSGeometry **) shell_holes[s]->pdata : NULL, nh);
      if (shell_holes[s])
        g_ptr_array_free (shell_holes[s], TRUE);
    }
  GEOSGeometry *area = GEOSGeom_createCollection_r (geos, GEOS_MULTIPOLYGON, polys, n_shells);
  g_free (polys);
  g_free (shell_holes);
  g_free (shell_poly);
  g_free (shell_prep);

  if (GEOSisValid_r (geos, area) != 1)
    {
      GEOSGeometry *fixed = GEOSMakeValid_r (geos, area);
      GEOSGeom_destroy_r (geos, area);
      area = as_multipolygon (geos, fixed);
    }

  CamSlice *slice = g_new0 (CamSlice, 1);
  slice->z = z;
  slice->geos = geos;
  slice->area = area;
  slice->n_loops = loops->len;
  slice->open_chains = open_chains + orphan_holes;
  g_array_unref (shells);
  g_array_unref (holes);
  g_array_unref (loops);
  return slice;
}
