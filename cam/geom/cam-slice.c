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
 *      only when GEOSisValid_r says so. With many shells, a tree of their boxes (GEOS STRtree)
 *      gives each hole its candidates, tried smallest shell first as the plain loop would.
 *   5. Options for big parts: cam_slicer_prepare lists, in one pass, the facets each of a set
 *      of heights cuts; loops may be simplified (a vertex within tol of the chord skipping
 *      it is dropped); a section of more loops than a limit is left unbuilt (too_complex);
 *      Cancel is looked at every 32768 facets, loops and holes.
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
  GCancellable *cancellable;  /* borrowed */
  double simplify_mm;
  guint max_loops;
  /* cam_slicer_prepare: facets cut at heights[i] are tris[start[i] .. start[i + 1]) */
  double *heights;
  guint n_heights;
  guint *start;
  guint32 *tris;
};

/* How often the long loops look at Cancel: 32768 facets take well under a millisecond. */
#define CANCEL_EVERY 32768u

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
  g_free (slicer->heights);
  g_free (slicer->start);
  g_free (slicer->tris);
  g_free (slicer);
}

void
cam_slicer_set_cancellable (CamSlicer *slicer, GCancellable *cancellable)
{
  slicer->cancellable = cancellable;
}

void
cam_slicer_set_simplify (CamSlicer *slicer, double tol_mm)
{
  slicer->simplify_mm = MAX (tol_mm, 0.0);
}

void
cam_slicer_set_max_loops (CamSlicer *slicer, guint max_loops)
{
  slicer->max_loops = max_loops;
}

/* First index i with heights[i] > z (n when none). */
static guint
first_above (const double *heights, guint n, double z)
{
  guint lo = 0, hi = n;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      if (heights[mid] > z)
        hi = mid;
      else
        lo = mid + 1;
    }
  return lo;
}

void
cam_slicer_prepare (CamSlicer *slicer, const double *heights, guint n_heights)
{
  g_return_if_fail (slicer != NULL);
  g_clear_pointer (&slicer->heights, g_free);
  g_clear_pointer (&slicer->start, g_free);
  g_clear_pointer (&slicer->tris, g_free);
  slicer->n_heights = 0;
  const CamMesh *m = slicer->mesh;
  if (n_heights == 0 || m->n_triangles == 0)
    return;
  /* a facet is cut at h when its lowest corner is below h and its highest at or above it
   * (cam_slicer_slice's rule): the heights in (zmin, zmax] */
  guint *count = g_new0 (guint, (gsize) n_heights + 1);
  guint64 total = 0;
  for (guint t = 0; t < m->n_triangles; t++)
    {
      if (t % CANCEL_EVERY == CANCEL_EVERY - 1 && g_cancellable_is_cancelled (slicer->cancellable))
        {
          /* no lists: the slice that follows sees Cancel at once */
          g_free (count);
          return;
        }
      const guint32 *v = m->triangles + 3 * (gsize) t;
      double z0 = m->vertices[3 * (gsize) v[0] + 2], z1 = m->vertices[3 * (gsize) v[1] + 2],
             z2 = m->vertices[3 * (gsize) v[2] + 2];
      double lo = MIN (z0, MIN (z1, z2)), hi = MAX (z0, MAX (z1, z2));
      guint a = first_above (heights, n_heights, lo), b = first_above (heights, n_heights, hi);
      if (a < b)
        {
          count[a]++;
          count[b]--;   /* a difference array: prefix sums give each height's count */
          total += b - a;
        }
    }
  /* more than 32 facets a facet (all of them cut at 32 heights or more): the full scan per
   * slice costs no more than these lists would take in memory */
  if (total > 32 * (guint64) m->n_triangles || total >= G_MAXUINT)
    {
      g_free (count);
      return;
    }
  slicer->start = g_new (guint, (gsize) n_heights + 1);
  guint run = 0, acc = 0;
  for (guint i = 0; i < n_heights; i++)
    {
      run += count[i];
      slicer->start[i] = acc;
      acc += run;
    }
  slicer->start[n_heights] = acc;
  slicer->tris = g_new (guint32, MAX (acc, 1u));
  /* fill in facet order, so each list is ascending */
  memcpy (count, slicer->start, (gsize) n_heights * sizeof (guint));
  for (guint t = 0; t < m->n_triangles; t++)
    {
      const guint32 *v = m->triangles + 3 * (gsize) t;
      double z0 = m->vertices[3 * (gsize) v[0] + 2], z1 = m->vertices[3 * (gsize) v[1] + 2],
             z2 = m->vertices[3 * (gsize) v[2] + 2];
      double lo = MIN (z0, MIN (z1, z2)), hi = MAX (z0, MAX (z1, z2));
      guint a = first_above (heights, n_heights, lo), b = first_above (heights, n_heights, hi);
      for (guint i = a; i < b; i++)
        slicer->tris[count[i]++] = t;
    }
  g_free (count);
  slicer->heights = g_memdup2 (heights, (gsize) n_heights * sizeof (double));
  slicer->n_heights = n_heights;
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

static GEOSGeometry *
box_geometry (GEOSContextHandle_t geos, const double bb[4])
{
  return GEOSGeom_createRectangle_r (geos, bb[0], bb[1], bb[2], bb[3]);
}

static void
collect_candidate (void *item, void *user_data)
{
  g_array_append_val ((GArray *) user_data, *(guint *) item);
}

static gint
compare_guint (gconstpointer a, gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;
  return (x > y) - (x < y);
}

/* Drops the vertices of a closed ring (no repeated last point) that lie within tol of the chord
 * from the last kept vertex to a later one: each kept chord is extended while every vertex it
 * skips stays within tol (and at most 256 are skipped, which bounds the work). The first vertex
 * is kept. Returns the new count; compacts in place. */
static guint
simplify_ring (double *xy, guint n, double tol)
{
  if (n < 4)
    return n;
  guint out = 1, a = 0;
  while (a < n)
    {
      guint best = a + 1;
      for (guint j = a + 2; j <= n && j - a <= 257; j++)
        {
          const double *pa = xy + 2 * a, *pj = xy + 2 * (j % n);
          double dx = pj[0] - pa[0], dy = pj[1] - pa[1], len = hypot (dx, dy);
          gboolean ok = len > 0;
          for (guint i = a + 1; i < j && ok; i++)
            {
              const double *pi = xy + 2 * i;
              ok = fabs ((pi[0] - pa[0]) * dy - (pi[1] - pa[1]) * dx) <= tol * len;
            }
          if (!ok)
            break;
          best = j;
        }
      if (best >= n)
        break;
      xy[2 * out] = xy[2 * best];
      xy[2 * out + 1] = xy[2 * best + 1];
      out++;
      a = best;
    }
  return out;
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

  /* STEP 1: one segment per cut facet, as (start edge, end edge). A prepared height visits
   * only the facets listed for it. */
  const guint32 *list = NULL;
  guint n_visit = mesh->n_triangles;
  if (slicer->n_heights > 0)
    {
      guint i = first_above (slicer->heights, slicer->n_heights, z);
      if (i > 0 && slicer->heights[i - 1] == z)
        {
          list = slicer->tris + slicer->start[i - 1];
          n_visit = slicer->start[i] - slicer->start[i - 1];
        }
    }
  GArray *starts = g_array_new (FALSE, FALSE, sizeof (guint64));
  GArray *ends = g_array_new (FALSE, FALSE, sizeof (guint64));
  for (guint it = 0; it < n_visit; it++)
    {
      if (it % CANCEL_EVERY == CANCEL_EVERY - 1 && g_cancellable_is_cancelled (slicer->cancellable))
        {
          g_array_unref (starts);
          g_array_unref (ends);
          g_cancellable_set_error_if_cancelled (slicer->cancellable, error);
          return NULL;
        }
      guint t = list ? list[it] : it;
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

  gboolean cancelled = FALSE;
  for (guint first = 0; first < n_seg && !cancelled; first++)
    {
      if (first % CANCEL_EVERY == CANCEL_EVERY - 1 && g_cancellable_is_cancelled (slicer->cancellable))
        cancelled = TRUE;
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
      if (n >= 3 && slicer->simplify_mm > 0)
        n = simplify_ring ((double *) xy->data, n, slicer->simplify_mm);
      g_array_set_size (xy, 2 * n);
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
  if (cancelled)
    {
      g_array_unref (loops);
      g_cancellable_set_error_if_cancelled (slicer->cancellable, error);
      return NULL;
    }
  if (slicer->max_loops > 0 && loops->len > slicer->max_loops)
    {
      CamSlice *slice = g_new0 (CamSlice, 1);
      slice->z = z;
      slice->geos = geos;
      slice->area = GEOSGeom_createEmptyCollection_r (geos, GEOS_MULTIPOLYGON);
      slice->n_loops = loops->len;
      slice->open_chains = open_chains;
      slice->too_complex = TRUE;
      g_array_unref (loops);
      return slice;
    }

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
  /* many shells (islands of a rough surface, a grid of bosses): a tree of their boxes gives each
   * hole its candidates, which are then tried in the same order, smallest shell first */
  GEOSSTRtree *tree = NULL;
  g_autofree guint *shell_slot = NULL;
  GPtrArray *tree_envs = g_ptr_array_new ();
  GArray *cand = g_array_new (FALSE, FALSE, sizeof (guint));
  if (n_shells > 32)
    {
      tree = GEOSSTRtree_create_r (geos, 10);
      shell_slot = g_new (guint, n_shells);
      for (guint s = 0; s < n_shells; s++)
        {
          const Loop *sl = &L[g_array_index (shells, guint, s)];
          shell_slot[s] = s;
          GEOSGeometry *env = box_geometry (geos, sl->bbox);
          GEOSSTRtree_insert_r (geos, tree, env, &shell_slot[s]);
          g_ptr_array_add (tree_envs, env);
        }
    }

  for (guint h = 0; h < holes->len; h++)
    {
      if (h % CANCEL_EVERY == CANCEL_EVERY - 1 && g_cancellable_is_cancelled (slicer->cancellable))
        cancelled = TRUE;
      if (cancelled)
        break;
      const Loop *hl = &L[g_array_index (holes, guint, h)];
      const double *hp = (const double *) hl->xy->data;
      gboolean placed = FALSE;
      g_array_set_size (cand, 0);
      if (tree != NULL)
        {
          GEOSGeometry *env = box_geometry (geos, hl->bbox);
          GEOSSTRtree_query_r (geos, tree, env, collect_candidate, cand);
          GEOSGeom_destroy_r (geos, env);
          g_array_sort (cand, compare_guint);
        }
      guint n_cand = tree != NULL ? cand->len : n_shells;
      for (guint ci = 0; ci < n_cand && !placed; ci++)
        {
          guint s = tree != NULL ? g_array_index (cand, guint, ci) : ci;
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
  if (tree != NULL)
    GEOSSTRtree_destroy_r (geos, tree);
  g_ptr_array_unref (tree_envs);
  g_array_unref (cand);

  GEOSGeometry **polys = g_new0 (GEOSGeometry *, MAX (n_shells, 1));
  for (guint s = 0; s < n_shells; s++)
    {
      const Loop *sl = &L[g_array_index (shells, guint, s)];
      if (cancelled)
        {
          /* nothing built yet is kept: free what the placing made */
          if (shell_prep[s] != NULL)
            GEOSPreparedGeom_destroy_r (geos, shell_prep[s]);
          if (shell_poly[s] != NULL)
            GEOSGeom_destroy_r (geos, shell_poly[s]);
          for (guint i = 0; shell_holes[s] && i < shell_holes[s]->len; i++)
            GEOSGeom_destroy_r (geos, g_ptr_array_index (shell_holes[s], i));
          if (shell_holes[s])
            g_ptr_array_free (shell_holes[s], TRUE);
          continue;
        }
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
  g_free (shell_holes);
  g_free (shell_poly);
  g_free (shell_prep);
  if (cancelled)
    {
      g_free (polys);
      g_array_unref (shells);
      g_array_unref (holes);
      g_array_unref (loops);
      g_cancellable_set_error_if_cancelled (slicer->cancellable, error);
      return NULL;
    }
  GEOSGeometry *area = GEOSGeom_createCollection_r (geos, GEOS_MULTIPOLYGON, polys, n_shells);
  g_free (polys);

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
