/* cam-mesh.c — building the indexed mesh from a triangle soup, and its measurements.
 *
 * Steps: bounds → weld with each corner's own tolerance (cam-mesh-weld.c) → drop facets left with two
 * corners in one vertex → consistent winding per shell, inside-out shells turned over, the edge census
 * (cam-mesh-orient.c) → normals, area, volume, bounds, edge lengths.
 *
 * Weld tolerance: local, from the corner's own facet (cam_mesh_corner_tolerance): 2^-21 (8 float32
 * ulps) of the corner's coordinates — where an exporter's rounding puts corners it meant to coincide —
 * but never more than a quarter of the facet's shortest edge, so a facet cannot collapse however big
 * the file is. It used to be 1e-6 of the whole file's bounding-box diagonal: a plate of 12 copies of a
 * part welded away thin facets that one copy kept. A fixed 0.01 mm (common in macro CAM) would merge
 * real features of a 0.05 mm part.
 *
 * Facets of zero area (three distinct corners in a line, common in OpenSCAD and CAD output) are kept:
 * their edges join the facets around them, and dropping them opens a closed mesh. They get a zero
 * normal and add no area. Facets with two corners in one vertex have no edge to share and are
 * dropped (as admesh does).
 *
 * Volume: sum of signed tetrahedra to the part's centre, V = Σ (a·(b×c))/6 (the divergence theorem;
 * Zhang & Chen, "Efficient feature extraction for 2D/3D objects in mesh representation", ICIP 2001).
 * Shifting to the centre first keeps the sum well conditioned for parts far from the origin.
 *
 * Watertight: every edge's facets pair off (none used by an odd number of facets) and, after
 * orientation, walk it as often one way as the other. An edge of four facets (two cubes touching along
 * it) can be closed; it is still counted non-manifold.
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
  g_clear_pointer (&mesh->warnings, g_ptr_array_unref);
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

  double tol = 0;
  g_autofree double *verts = NULL;
  g_autofree guint32 *idx = NULL;
  guint nv = 0;
  if (!cam_mesh_weld_local (soup, &tol, &verts, &nv, &idx, cancellable, error))
    return NULL;
  if (progress_cb)
    progress_cb (0.6, progress_data);

  CamMesh *m = g_new0 (CamMesh, 1);
  m->ref_count = 1;
  m->source_path = g_strdup (source_name);
  m->warnings = g_ptr_array_new_with_free_func (g_free);
  m->weld_tolerance_mm = tol;
  m->n_vertices = nv;
  m->vertices = g_steal_pointer (&verts);

  /* The soup's corners are no longer needed once welded: free them before the mesh's arrays grow. */
  gsize n_soup = soup->n_triangles;
  if (consume_soup)
    cam_tri_soup_clear (soup);

  /* Drop the facets left with two corners in one vertex: they have no edge to share (their two
   * neighbours meet directly). Facets of zero area with three distinct corners stay: their edges join
   * the facets around them, and dropping them would open the mesh. */
  guint32 *tri = g_steal_pointer (&idx);
  guint nt = 0;
  for (gsize t = 0; t < n_soup; t++)
    {
      guint32 a = tri[3 * t], b = tri[3 * t + 1], d = tri[3 * t + 2];
      if (a == b || b == d || a == d)
        continue;
      tri[3 * nt] = a, tri[3 * nt + 1] = b, tri[3 * nt + 2] = d;
      nt++;
    }
  m->degenerate_dropped = (guint) (n_soup - nt);
  m->triangles = tri;
  m->n_triangles = nt;
  if (nt == 0)
    {
      g_set_error (error, CAM_ERROR, CAM_ERROR_EMPTY,
                   "%s: all %" G_GSIZE_FORMAT " facets are degenerate (two corners in one point)", name, n_soup);
      cam_mesh_unref (m);
      return NULL;
    }
  m->triangles = g_renew (guint32, m->triangles, 3 * (gsize) nt);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      cam_mesh_unref (m);
      return NULL;
    }

  double c[3];
  cam_bounds_center (&soup_b, c);
  cam_mesh_orient (m, c, name);
  if (progress_cb)
    progress_cb (0.8, progress_data);

  /* One pass on the oriented facets: normals, area, volume, bounds and edge lengths (squared: sqrt is
   * monotonic). A facet whose cross product is within rounding of zero (its corners in a line) gets
   * no normal — a direction from rounding noise, or NaN, would mislead whoever reads it. */
  m->normals = g_new (double, 3 * (gsize) nt);
  cam_page_advise_huge (m->normals, 3 * sizeof (double) * nt);
  double vol6 = 0, area2 = 0;
  double min_e2 = G_MAXDOUBLE, max_e2 = 0;
  for (int k = 0; k < 3; k++)
    {
      m->bounds.min[k] = G_MAXDOUBLE;
      m->bounds.max[k] = -G_MAXDOUBLE;
    }
  for (gsize t = 0; t < nt; t++)
    {
      const double *va = m->vertices + 3 * (gsize) m->triangles[3 * t],
                   *vb = m->vertices + 3 * (gsize) m->triangles[3 * t + 1],
                   *vd = m->vertices + 3 * (gsize) m->triangles[3 * t + 2];
      double e1[3], e2[3], e3[3], n[3];
      sub3 (vb, va, e1);
      sub3 (vd, va, e2);
      sub3 (vd, vb, e3);
      cross3 (e1, e2, n);
      double l2[3] = { e1[0] * e1[0] + e1[1] * e1[1] + e1[2] * e1[2],
                       e3[0] * e3[0] + e3[1] * e3[1] + e3[2] * e3[2],
                       e2[0] * e2[0] + e2[1] * e2[1] + e2[2] * e2[2] };
      double longest2 = MAX (l2[0], MAX (l2[1], l2[2]));
      double len = sqrt (n[0] * n[0] + n[1] * n[1] + n[2] * n[2]);
      /* |e1 × e2| = |e1||e2| sin θ: below 1e-12 of the longest edge squared the corners are in a line
       * up to double rounding of float coordinates. */
      if (len <= 1e-12 * longest2)
        {
          m->zero_area_facets++;
          m->normals[3 * t] = m->normals[3 * t + 1] = m->normals[3 * t + 2] = 0;
        }
      else
        {
          area2 += len;
          for (int k = 0; k < 3; k++)
            m->normals[3 * t + k] = n[k] / len;
        }
      double pa[3], pb[3], pd[3], bxd[3];
      sub3 (va, c, pa);
      sub3 (vb, c, pb);
      sub3 (vd, c, pd);
      cross3 (pb, pd, bxd);
      vol6 += pa[0] * bxd[0] + pa[1] * bxd[1] + pa[2] * bxd[2];

      const double *corner[3] = { va, vb, vd };
      for (int i = 0; i < 3; i++)
        for (int k = 0; k < 3; k++)
          {
            m->bounds.min[k] = MIN (m->bounds.min[k], corner[i][k]);
            m->bounds.max[k] = MAX (m->bounds.max[k], corner[i][k]);
          }
      for (int i = 0; i < 3; i++)
        {
          min_e2 = MIN (min_e2, l2[i]);
          max_e2 = MAX (max_e2, l2[i]);
        }
    }
  m->volume_mm3 = vol6 / 6.0;
  m->area_mm2 = area2 / 2.0;
  m->min_edge_mm = sqrt (min_e2);
  m->max_edge_mm = sqrt (max_e2);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      cam_mesh_unref (m);
      return NULL;
    }
  if (progress_cb)
    progress_cb (1.0, progress_data);
  return m;
}

CamMesh *
cam_mesh_new_from_soup (const CamTriSoup *soup, const char *source_name, GError **error)
{
  return cam_mesh_build ((CamTriSoup *) soup, FALSE, source_name, NULL, NULL, NULL, error);
}
