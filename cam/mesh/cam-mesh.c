/* cam-mesh.c — building the indexed mesh from a triangle soup, and its measurements.
 *
 * Steps: bounds → weld tolerance → weld (cam-mesh-weld.c) → drop facets that collapsed → normals,
 * area, volume → edge census.
 *
 * Weld tolerance: 1e-6 of the bounding-box diagonal, floored at 1e-9 mm. STL stores float32, whose
 * spacing near 10 mm is ~1e-6 mm, so corners that an exporter meant to coincide land within a few
 * float ulps; a fixed 0.01 mm (common in macro CAM) would merge real features of a 0.05 mm part.
 *
 * Volume: sum of signed tetrahedra to the part's centre, V = Σ (a·(b×c))/6 (the divergence theorem;
 * Zhang & Chen, "Efficient feature extraction for 2D/3D objects in mesh representation", ICIP 2001).
 * Shifting to the centre first keeps the sum well conditioned for parts far from the origin.
 *
 * Edge census: facet edges grouped by their lower vertex (see census_edges); a group of 1 is a
 * boundary edge, of 2 a manifold edge (misoriented when both facets walk it the same way), of 3 or
 * more a non-manifold edge. On big meshes it runs on a second thread during the facet pass; the
 * result does not depend on it (counts of the same facets).
 */
#include "cam-mesh-private.h"
#include "cam-error.h"

#include <math.h>
#include <string.h>

#include "cam-page-advice.h"

void
cam_tri_soup_init (CamTriSoup *soup)
{
  memset (soup, 0, sizeof *soup);
}

void
cam_tri_soup_clear (CamTriSoup *soup)
{
  g_clear_pointer (&soup->xyz, g_free);
  soup->n_triangles = soup->capacity = 0;
}

void
cam_tri_soup_reserve (CamTriSoup *soup, gsize n_triangles)
{
  if (n_triangles <= soup->capacity)
    return;
  soup->xyz = g_renew (float, soup->xyz, 9 * n_triangles);
  soup->capacity = n_triangles;
  cam_page_advise_huge (soup->xyz, 9 * sizeof (float) * n_triangles);
}

void
cam_tri_soup_add (CamTriSoup *soup, const float xyz[9])
{
  if (soup->n_triangles == soup->capacity)
    cam_tri_soup_reserve (soup, MAX (1024, soup->capacity * 2));
  memcpy (soup->xyz + 9 * soup->n_triangles, xyz, 9 * sizeof (float));
  soup->n_triangles++;
}

double
cam_bounds_diagonal (const CamBounds *b)
{
  double dx = b->max[0] - b->min[0], dy = b->max[1] - b->min[1], dz = b->max[2] - b->min[2];
  return sqrt (dx * dx + dy * dy + dz * dz);
}

void
cam_bounds_center (const CamBounds *b, double out[3])
{
  for (int a = 0; a < 3; a++)
    out[a] = 0.5 * (b->min[a] + b->max[a]);
}

CamMesh *
cam_mesh_ref (CamMesh *mesh)
{
  g_atomic_int_inc (&mesh->ref_count);
  return mesh;
}

void
cam_mesh_unref (CamMesh *mesh)
{
  if (mesh == NULL || !g_atomic_int_dec_and_test (&mesh->ref_count))
    return;
  g_free (mesh->vertices);
  g_free (mesh->triangles);
  g_free (mesh->normals);
  g_free (mesh->source_path);
  g_free (mesh);
}

gsize
cam_mesh_memory_bytes (const CamMesh *mesh)
{
  return sizeof *mesh + 3 * sizeof (double) * (gsize) mesh->n_vertices
         + 3 * sizeof (guint32) * (gsize) mesh->n_triangles
         + 3 * sizeof (double) * (gsize) mesh->n_triangles;
}

static void
sub3 (const double *a, const double *b, double out[3])
{
  out[0] = a[0] - b[0];
  out[1] = a[1] - b[1];
  out[2] = a[2] - b[2];
}

static void
cross3 (const double a[3], const double b[3], double out[3])
{
  out[0] = a[1] * b[2] - a[2] * b[1];
  out[1] = a[2] * b[0] - a[0] * b[2];
  out[2] = a[0] * b[1] - a[1] * b[0];
}

/* Edge census: a compressed row per lower vertex listing (higher vertex << 1 | direction) of every
 * facet edge; each row is tiny (about 3 entries), so an insertion sort groups equal edges. Needs
 * 4 bytes per facet corner, a third of a global sort of 64-bit keys. (Edge lengths are measured in
 * the facet pass: every edge is some kept facet's edge.) A function of the facets alone, so it can
 * run on a second thread while the facet pass runs (cam_mesh_build). */
typedef struct {
  const guint32 *triangles;
  guint n_triangles;
  guint n_vertices;
  guint boundary_edges;
  guint nonmanifold_edges;
  guint misoriented_edges;
} Census;

static void
census_edges (Census *cs)
{
  const guint32 *tri = cs->triangles;
  gsize nt = cs->n_triangles;
  guint32 *start = g_new0 (guint32, (gsize) cs->n_vertices + 1);
  for (gsize t = 0; t < nt; t++)
    {
      guint32 a = tri[3 * t], b = tri[3 * t + 1], c = tri[3 * t + 2];
      start[MIN (a, b) + 1]++;
      start[MIN (b, c) + 1]++;
      start[MIN (c, a) + 1]++;
    }
  for (guint v = 0; v < cs->n_vertices; v++)
    start[v + 1] += start[v];
  guint32 *fill = g_memdup2 (start, sizeof (guint32) * cs->n_vertices);
  guint32 *entry = g_new (guint32, 3 * nt);
  cam_page_advise_huge (entry, 3 * sizeof (guint32) * nt);
  for (gsize t = 0; t < nt; t++)
    for (int k = 0; k < 3; k++)
      {
        guint32 a = tri[3 * t + k], b = tri[3 * t + (k + 1) % 3];
        guint32 lo = MIN (a, b), hi = MAX (a, b);
        entry[fill[lo]++] = (hi << 1) | (a > b ? 1u : 0u);
      }
  g_free (fill);

  for (guint lo = 0; lo < cs->n_vertices; lo++)
    {
      guint32 *row = entry + start[lo];
      guint32 n = start[lo + 1] - start[lo];
      for (guint32 i = 1; i < n; i++)
        for (guint32 j = i; j > 0 && row[j - 1] > row[j]; j--)
          {
            guint32 t = row[j];
            row[j] = row[j - 1];
            row[j - 1] = t;
          }
      for (guint32 i = 0; i < n;)
        {
          guint32 hi = row[i] >> 1, j = i, forward = 0;
          while (j < n && (row[j] >> 1) == hi)
            {
              forward += (row[j] & 1) == 0;
              j++;
            }
          guint32 uses = j - i;
          if (uses == 1)
            cs->boundary_edges++;
          else if (uses == 2 && forward != 1)
            cs->misoriented_edges++;
          else if (uses > 2)
            cs->nonmanifold_edges++;
          i = j;
        }
    }
  g_free (entry);
  g_free (start);
}

static gpointer
census_thread (gpointer data)
{
  census_edges (data);
  return NULL;
}

/* Below this many facets the census runs after the facet pass, on the calling thread. */
#define CENSUS_THREAD_MIN 50000

static gboolean
soup_bounds (const CamTriSoup *soup, CamBounds *b, const char *name, GError **error)
{
  for (int a = 0; a < 3; a++)
    {
      b->min[a] = G_MAXDOUBLE;
      b->max[a] = -G_MAXDOUBLE;
    }
  for (gsize i = 0; i < soup->n_triangles * 3; i++)
    for (int a = 0; a < 3; a++)
      {
        double v = soup->xyz[3 * i + a];
        if (!isfinite (v))
          {
            g_set_error (error, CAM_ERROR, CAM_ERROR_INVALID,
                         "%s: facet %" G_GSIZE_FORMAT " has a non-finite coordinate",
                         name, i / 3 + 1);
            return FALSE;
          }
        b->min[a] = MIN (b->min[a], v);
        b->max[a] = MAX (b->max[a], v);
      }
  return TRUE;
}

CamMesh *
cam_mesh_build (CamTriSoup       *soup,
                gboolean          consume_soup,
                const char       *source_name,
                CamProgressFunc   progress_cb,
                gpointer          progress_data,
                GCancellable     *cancellable,
                GError          **error)
{
  const char *name = source_name ? source_name : "mesh";
  if (soup->n_triangles == 0)
    {
      g_set_error (error, CAM_ERROR, CAM_ERROR_EMPTY, "%s: contains no facets", name);
      return NULL;
    }
  CamBounds soup_b;
  if (!soup_bounds (soup, &soup_b, name, error))
    return NULL;

  double diag = cam_bounds_diagonal (&soup_b);
  double tol = MAX (diag * 1e-6, 1e-9);

  g_autofree double *verts = NULL;
  g_autofree guint32 *idx = NULL;
  guint nv = 0;
  if (!cam_mesh_weld (soup, tol, &verts, &nv, &idx, cancellable, error))
    return NULL;
  if (progress_cb)
    progress_cb (0.6, progress_data);

  CamMesh *m = g_new0 (CamMesh, 1);
  m->ref_count = 1;
  m->source_path = g_strdup (source_name);
  m->weld_tolerance_mm = tol;
  m->n_vertices = nv;
  m->vertices = g_steal_pointer (&verts);

  /* Keep facets that still have area after welding. */
  /* The soup's corners are no longer needed once welded: free them before the mesh's arrays grow. */
  gsize n_soup = soup->n_triangles;
  if (consume_soup)
    cam_tri_soup_clear (soup);
  /* The weld's corner indices become the facets. One pass keeps the facets with area and measures
   * normals, area, volume, bounds and edge lengths (squared: sqrt is monotonic, so the root of the
   * least square is the least length; e1 and e2 square to the same bits as the edges taken the other
   * way round). Meanwhile a second thread counts the edges of all facets, which is the answer unless
   * the pass drops a facet; the facets are compacted (and counted again) only after it has joined. */
  m->triangles = g_steal_pointer (&idx);
  Census census = { m->triangles, (guint) n_soup, nv, 0, 0, 0 };
  GThread *census_worker = NULL;
  if (n_soup >= CENSUS_THREAD_MIN)
    census_worker = g_thread_try_new ("mesh-census", census_thread, &census, NULL);
  g_autoptr (GArray) dropped = g_array_new (FALSE, FALSE, sizeof (guint32));
  m->normals = g_new (double, 3 * n_soup);
  cam_page_advise_huge (m->normals, 3 * sizeof (double) * n_soup);
  double area_floor = tol * tol;
  double c[3];
  cam_bounds_center (&soup_b, c);
  double vol6 = 0, area2 = 0;
  double min_e2 = G_MAXDOUBLE, max_e2 = 0;
  for (int k = 0; k < 3; k++)
    {
      m->bounds.min[k] = G_MAXDOUBLE;
      m->bounds.max[k] = -G_MAXDOUBLE;
    }
  guint nt = 0;
  for (gsize t = 0; t < n_soup; t++)
    {
      guint32 a = m->triangles[3 * t], b = m->triangles[3 * t + 1], d = m->triangles[3 * t + 2];
      guint32 t32 = (guint32) t;
      if (a == b || b == d || a == d)
        {
          g_array_append_val (dropped, t32);
          continue;
        }
      const double *va = m->vertices + 3 * (gsize) a, *vb = m->vertices + 3 * (gsize) b,
                   *vd = m->vertices + 3 * (gsize) d;
      double e1[3], e2[3], n[3];
      sub3 (vb, va, e1);
      sub3 (vd, va, e2);
      cross3 (e1, e2, n);
      double len = sqrt (n[0] * n[0] + n[1] * n[1] + n[2] * n[2]);
      if (len <= area_floor)
        {
          g_array_append_val (dropped, t32);
          continue;
        }
      double pa[3], pb[3], pd[3], bxd[3];
      sub3 (va, c, pa);
      sub3 (vb, c, pb);
      sub3 (vd, c, pd);
      cross3 (pb, pd, bxd);
      vol6 += pa[0] * bxd[0] + pa[1] * bxd[1] + pa[2] * bxd[2];
      area2 += len;
      for (int k = 0; k < 3; k++)
        m->normals[3 * nt + k] = n[k] / len;
      nt++;

      /* Bounds of what is kept (dropped facets may have carried stray corners), corner by corner. */
      const double *corner[3] = { va, vb, vd };
      for (int i = 0; i < 3; i++)
        for (int k = 0; k < 3; k++)
          {
            m->bounds.min[k] = MIN (m->bounds.min[k], corner[i][k]);
            m->bounds.max[k] = MAX (m->bounds.max[k], corner[i][k]);
          }
      double e3[3];
      sub3 (vd, vb, e3);
      double l2[3] = { e1[0] * e1[0] + e1[1] * e1[1] + e1[2] * e1[2],
                       e3[0] * e3[0] + e3[1] * e3[1] + e3[2] * e3[2],
                       e2[0] * e2[0] + e2[1] * e2[1] + e2[2] * e2[2] };
      for (int i = 0; i < 3; i++)
        {
          min_e2 = MIN (min_e2, l2[i]);
          max_e2 = MAX (max_e2, l2[i]);
        }
    }
  if (census_worker)
    g_thread_join (census_worker);
  m->degenerate_dropped = dropped->len;
  if (dropped->len > 0)
    {
      /* Compact in place: facet nt is written at or before facet t, which is read first. */
      guint32 *tri = m->triangles;
      gsize keep = g_array_index (dropped, guint32, 0), next = 0;
      for (gsize t = keep; t < n_soup; t++)
        {
          if (next < dropped->len && g_array_index (dropped, guint32, next) == t)
            {
              next++;
              continue;
            }
          memmove (tri + 3 * keep, tri + 3 * t, 3 * sizeof (guint32));
          keep++;
        }
      g_assert (keep == nt);
    }
  m->n_triangles = nt;
  if (nt == 0)
    {
      g_set_error (error, CAM_ERROR, CAM_ERROR_EMPTY,
                   "%s: all %" G_GSIZE_FORMAT " facets are degenerate (zero area)", name, n_soup);
      cam_mesh_unref (m);
      return NULL;
    }
  m->triangles = g_renew (guint32, m->triangles, 3 * (gsize) nt);
  m->normals = g_renew (double, m->normals, 3 * (gsize) nt);
  m->volume_mm3 = vol6 / 6.0;
  m->area_mm2 = area2 / 2.0;
  m->min_edge_mm = sqrt (min_e2);
  m->max_edge_mm = sqrt (max_e2);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      cam_mesh_unref (m);
      return NULL;
    }
  if (!census_worker || dropped->len > 0)
    {
      census = (Census) { m->triangles, nt, nv, 0, 0, 0 };
      census_edges (&census);
    }
  m->boundary_edges = census.boundary_edges;
  m->nonmanifold_edges = census.nonmanifold_edges;
  m->misoriented_edges = census.misoriented_edges;
  m->watertight = m->boundary_edges == 0 && m->nonmanifold_edges == 0;
  if (progress_cb)
    progress_cb (1.0, progress_data);
  return m;
}

CamMesh *
cam_mesh_new_from_soup (const CamTriSoup *soup, const char *source_name, GError **error)
{
  return cam_mesh_build ((CamTriSoup *) soup, FALSE, source_name, NULL, NULL, NULL, error);
}
