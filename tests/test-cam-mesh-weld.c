/* test-cam-mesh-weld.c — the weld and the mesh build give the same results as the first versions.
 *
 * ref_weld below is the welder microcam shipped first (spatial hash on cells of 2·tol, the own cell and
 * the 7 nearer neighbours probed in a fixed order, first vertex within tol wins, vertex indices kept
 * in a 4-byte table and coordinates read back from the vertex array), kept verbatim as the reference.
 * The current cam_mesh_weld is a faster implementation of the same rule; on sample parts, generated
 * 1M-facet-class meshes and corners jittered around the tolerance (where the greedy order decides
 * which vertex a corner joins) both must produce bit-identical vertex arrays and index arrays.
 * ref_build is the first cam_mesh_build (bounds, weld, a facet pass, a bounds pass, the edge census
 * with edge lengths), likewise kept: every field of the built mesh must be bit-identical. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "cam-error.h"
#include "cam-mesh-private.h"
#include "cam-stl.h"

#include <math.h>
#include <string.h>

/* --- the first welder, verbatim but for names (cam-mesh-weld.c at 6057ada) ---------------------- */

#define REF_EMPTY G_MAXUINT32

typedef struct {
  double inv_cell;
  double tol2;
  double *v;          /* 3 × n */
  guint n;
  guint cap_v;
  guint32 *table;
  guint32 *cell_hash; /* per vertex, the hash of its own cell */
  gsize mask;
} RefWelder;

static inline guint32
ref_hash_cell (gint64 cx, gint64 cy, gint64 cz)
{
  /* Teschner et al. 2003, "Optimized Spatial Hashing for Collision Detection": large primes xor. */
  guint64 h = ((guint64) cx * 73856093u) ^ ((guint64) cy * 19349663u) ^ ((guint64) cz * 83492791u);
  h ^= h >> 29;
  h *= 0xbf58476d1ce4e5b9ull;
  h ^= h >> 32;
  return (guint32) h;
}

static inline void
ref_cell_of (const RefWelder *w, const double p[3], gint64 c[3], double f[3])
{
  for (int a = 0; a < 3; a++)
    {
      double s = p[a] * w->inv_cell;
      double fl = floor (s);
      c[a] = (gint64) fl;
      f[a] = s - fl;
    }
}

static void
ref_table_insert (RefWelder *w, guint32 vi)
{
  gsize slot = w->cell_hash[vi] & w->mask;
  while (w->table[slot] != REF_EMPTY)
    slot = (slot + 1) & w->mask;
  w->table[slot] = vi;
}

static void
ref_table_grow (RefWelder *w)
{
  gsize cap = (w->mask + 1) * 2;
  g_free (w->table);
  w->table = g_new (guint32, cap);
  memset (w->table, 0xff, cap * sizeof (guint32));
  w->mask = cap - 1;
  for (guint i = 0; i < w->n; i++)
    ref_table_insert (w, i);
}

static guint32
ref_find_in_cell (const RefWelder *w, const gint64 c[3], const double p[3])
{
  guint32 h = ref_hash_cell (c[0], c[1], c[2]);
  gsize slot = h & w->mask;
  while (w->table[slot] != REF_EMPTY)
    {
      guint32 vi = w->table[slot];
      if (w->cell_hash[vi] == h)
        {
          const double *q = w->v + 3 * (gsize) vi;
          double dx = q[0] - p[0], dy = q[1] - p[1], dz = q[2] - p[2];
          if (dx * dx + dy * dy + dz * dz <= w->tol2)
            return vi;
        }
      slot = (slot + 1) & w->mask;
    }
  return REF_EMPTY;
}

static guint32
ref_weld_point (RefWelder *w, const double p[3])
{
  gint64 c[3];
  double f[3];
  ref_cell_of (w, p, c, f);

  guint32 found = ref_find_in_cell (w, c, p);
  if (found != REF_EMPTY)
    return found;

  gint64 side[3];
  for (int a = 0; a < 3; a++)
    side[a] = f[a] < 0.5 ? -1 : 1;
  for (int k = 1; k < 8; k++)
    {
      gint64 nc[3] = { c[0] + ((k & 1) ? side[0] : 0),
                       c[1] + ((k & 2) ? side[1] : 0),
                       c[2] + ((k & 4) ? side[2] : 0) };
      found = ref_find_in_cell (w, nc, p);
      if (found != REF_EMPTY)
        return found;
    }

  if (w->n == w->cap_v)
    {
      w->cap_v = w->cap_v * 2;
      w->v = g_renew (double, w->v, 3 * (gsize) w->cap_v);
      w->cell_hash = g_renew (guint32, w->cell_hash, w->cap_v);
    }
  guint32 vi = w->n++;
  memcpy (w->v + 3 * (gsize) vi, p, 3 * sizeof (double));
  w->cell_hash[vi] = ref_hash_cell (c[0], c[1], c[2]);
  if ((gsize) w->n * 2 > w->mask + 1)
    ref_table_grow (w);
  else
    ref_table_insert (w, vi);
  return vi;
}

static void
ref_weld (const CamTriSoup *soup, double tol_mm, double **vertices, guint *n_vertices, guint32 **indices)
{
  gsize n_corners = soup->n_triangles * 3;
  RefWelder w = { 0 };
  w.inv_cell = 1.0 / (2.0 * tol_mm);
  w.tol2 = tol_mm * tol_mm;
  /* A closed mesh has about half as many vertices as facets. */
  w.cap_v = MAX (64, (guint) (soup->n_triangles / 2 + 16));
  w.v = g_new (double, 3 * (gsize) w.cap_v);
  w.cell_hash = g_new (guint32, w.cap_v);
  gsize cap = 1024;
  while (cap < (gsize) w.cap_v * 2)
    cap *= 2;
  w.table = g_new (guint32, cap);
  memset (w.table, 0xff, cap * sizeof (guint32));
  w.mask = cap - 1;

  guint32 *idx = g_new (guint32, n_corners);
  for (gsize i = 0; i < n_corners; i++)
    {
      const float *s = soup->xyz + 3 * i;
      double p[3] = { s[0], s[1], s[2] };
      idx[i] = ref_weld_point (&w, p);
    }

  g_free (w.table);
  g_free (w.cell_hash);
  *vertices = g_renew (double, w.v, 3 * (gsize) MAX (w.n, 1));
  *n_vertices = w.n;
  *indices = idx;
}

/* --- the first mesh build, verbatim but for names (cam-mesh.c at 6057ada) ------------------------ */

static void
ref_sub3 (const double *a, const double *b, double out[3])
{
  out[0] = a[0] - b[0];
  out[1] = a[1] - b[1];
  out[2] = a[2] - b[2];
}

static void
ref_cross3 (const double a[3], const double b[3], double out[3])
{
  out[0] = a[1] * b[2] - a[2] * b[1];
  out[1] = a[2] * b[0] - a[0] * b[2];
  out[2] = a[0] * b[1] - a[1] * b[0];
}

/* Edge census: a compressed row per lower vertex listing (higher vertex << 1 | direction) of every
 * facet edge; each row is tiny (about 3 entries), so an insertion sort groups equal edges. Needs
 * 4 bytes per facet corner, a third of a global sort of 64-bit keys. */
static void
ref_census_edges (CamMesh *m)
{
  gsize n_corners = 3 * (gsize) m->n_triangles;
  guint32 *start = g_new0 (guint32, (gsize) m->n_vertices + 1);
  for (gsize i = 0; i < n_corners; i++)
    {
      guint32 a = m->triangles[i], b = m->triangles[i - i % 3 + (i + 1) % 3];
      start[MIN (a, b) + 1]++;
    }
  for (guint v = 0; v < m->n_vertices; v++)
    start[v + 1] += start[v];
  guint32 *fill = g_memdup2 (start, sizeof (guint32) * m->n_vertices);
  guint32 *entry = g_new (guint32, n_corners);
  for (gsize i = 0; i < n_corners; i++)
    {
      guint32 a = m->triangles[i], b = m->triangles[i - i % 3 + (i + 1) % 3];
      guint32 lo = MIN (a, b), hi = MAX (a, b);
      entry[fill[lo]++] = (hi << 1) | (a > b ? 1u : 0u);
    }
  g_free (fill);

  m->min_edge_mm = G_MAXDOUBLE;
  m->max_edge_mm = 0;
  for (guint lo = 0; lo < m->n_vertices; lo++)
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
            m->boundary_edges++;
          else if (uses == 2 && forward != 1)
            m->misoriented_edges++;
          else if (uses > 2)
            m->nonmanifold_edges++;

          double d[3];
          ref_sub3 (m->vertices + 3 * (gsize) lo, m->vertices + 3 * (gsize) hi, d);
          double len = sqrt (d[0] * d[0] + d[1] * d[1] + d[2] * d[2]);
          m->min_edge_mm = MIN (m->min_edge_mm, len);
          m->max_edge_mm = MAX (m->max_edge_mm, len);
          i = j;
        }
    }
  g_free (entry);
  g_free (start);
  m->watertight = m->boundary_edges == 0 && m->nonmanifold_edges == 0;
}

static gboolean
ref_soup_bounds (const CamTriSoup *soup, CamBounds *b, const char *name, GError **error)
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

static CamMesh *
ref_build (CamTriSoup *soup, gboolean consume_soup, const char *source_name, GError **error)
{
  const char *name = source_name ? source_name : "mesh";
  if (soup->n_triangles == 0)
    {
      g_set_error (error, CAM_ERROR, CAM_ERROR_EMPTY, "%s: contains no facets", name);
      return NULL;
    }
  CamBounds soup_b;
  if (!ref_soup_bounds (soup, &soup_b, name, error))
    return NULL;

  double diag = cam_bounds_diagonal (&soup_b);
  double tol = MAX (diag * 1e-6, 1e-9);

  g_autofree double *verts = NULL;
  g_autofree guint32 *idx = NULL;
  guint nv = 0;
  ref_weld (soup, tol, &verts, &nv, &idx);

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
  m->triangles = g_new (guint32, 3 * n_soup);
  m->normals = g_new (double, 3 * n_soup);
  double area_floor = tol * tol;
  double c[3];
  cam_bounds_center (&soup_b, c);
  double vol6 = 0, area2 = 0;
  guint nt = 0;
  for (gsize t = 0; t < n_soup; t++)
    {
      guint32 a = idx[3 * t], b = idx[3 * t + 1], d = idx[3 * t + 2];
      if (a == b || b == d || a == d)
        {
          m->degenerate_dropped++;
          continue;
        }
      double e1[3], e2[3], n[3];
      ref_sub3 (m->vertices + 3 * (gsize) b, m->vertices + 3 * (gsize) a, e1);
      ref_sub3 (m->vertices + 3 * (gsize) d, m->vertices + 3 * (gsize) a, e2);
      ref_cross3 (e1, e2, n);
      double len = sqrt (n[0] * n[0] + n[1] * n[1] + n[2] * n[2]);
      if (len <= area_floor)
        {
          m->degenerate_dropped++;
          continue;
        }
      double pa[3], pb[3], pd[3], bxd[3];
      ref_sub3 (m->vertices + 3 * (gsize) a, c, pa);
      ref_sub3 (m->vertices + 3 * (gsize) b, c, pb);
      ref_sub3 (m->vertices + 3 * (gsize) d, c, pd);
      ref_cross3 (pb, pd, bxd);
      vol6 += pa[0] * bxd[0] + pa[1] * bxd[1] + pa[2] * bxd[2];
      area2 += len;
      m->triangles[3 * nt] = a;
      m->triangles[3 * nt + 1] = b;
      m->triangles[3 * nt + 2] = d;
      for (int k = 0; k < 3; k++)
        m->normals[3 * nt + k] = n[k] / len;
      nt++;
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

  /* Bounds of what is left (dropped facets may have carried stray corners). */
  for (int k = 0; k < 3; k++)
    {
      m->bounds.min[k] = G_MAXDOUBLE;
      m->bounds.max[k] = -G_MAXDOUBLE;
    }
  for (gsize i = 0; i < 3 * (gsize) nt; i++)
    for (int k = 0; k < 3; k++)
      {
        double v = m->vertices[3 * (gsize) m->triangles[i] + k];
        m->bounds.min[k] = MIN (m->bounds.min[k], v);
        m->bounds.max[k] = MAX (m->bounds.max[k], v);
      }

  ref_census_edges (m);
  return m;
}

/* --- comparison ----------------------------------------------------------------------------- */

static void
assert_same_weld (const CamTriSoup *soup, double tol, const char *what)
{
  double *rv = NULL, *nv = NULL;
  guint32 *ri = NULL, *ni = NULL;
  guint rn = 0, nn = 0;
  ref_weld (soup, tol, &rv, &rn, &ri);
  g_autoptr (GError) error = NULL;
  assert_true (cam_mesh_weld (soup, tol, &nv, &nn, &ni, NULL, &error));
  if (rn != nn)
    fail_msg ("%s: %u vertices, the first welder made %u", what, nn, rn);
  assert_memory_equal (rv, nv, 3 * sizeof (double) * rn);
  for (gsize i = 0; i < 3 * soup->n_triangles; i++)
    if (ri[i] != ni[i])
      fail_msg ("%s: corner %" G_GSIZE_FORMAT " joins vertex %u, the first welder's %u", what, i, ni[i],
                ri[i]);
  g_free (rv);
  g_free (nv);
  g_free (ri);
  g_free (ni);
}

static void
assert_same_mesh (CamTriSoup *soup, const char *what)
{
  g_autoptr (GError) e1 = NULL;
  g_autoptr (GError) e2 = NULL;
  g_autoptr (CamMesh) r = ref_build (soup, FALSE, what, &e1);
  g_autoptr (CamMesh) m = cam_mesh_new_from_soup (soup, what, &e2);
  assert_true ((r == NULL) == (m == NULL));
  if (r == NULL)
    {
      assert_string_equal (e1->message, e2->message);
      return;
    }
  if (r->n_vertices != m->n_vertices || r->n_triangles != m->n_triangles)
    fail_msg ("%s: %u vertices %u facets, the first build %u and %u", what, m->n_vertices, m->n_triangles,
              r->n_vertices, r->n_triangles);
  assert_memory_equal (r->vertices, m->vertices, 3 * sizeof (double) * r->n_vertices);
  assert_memory_equal (r->triangles, m->triangles, 3 * sizeof (guint32) * r->n_triangles);
  assert_memory_equal (r->normals, m->normals, 3 * sizeof (double) * r->n_triangles);
  assert_memory_equal (&r->bounds, &m->bounds, sizeof r->bounds);
  /* Sums and measurements bit for bit: same terms in the same order. */
  assert_memory_equal (&r->area_mm2, &m->area_mm2, sizeof (double));
  assert_memory_equal (&r->volume_mm3, &m->volume_mm3, sizeof (double));
  assert_memory_equal (&r->min_edge_mm, &m->min_edge_mm, sizeof (double));
  assert_memory_equal (&r->max_edge_mm, &m->max_edge_mm, sizeof (double));
  assert_memory_equal (&r->weld_tolerance_mm, &m->weld_tolerance_mm, sizeof (double));
  assert_int_equal (r->boundary_edges, m->boundary_edges);
  assert_int_equal (r->nonmanifold_edges, m->nonmanifold_edges);
  assert_int_equal (r->misoriented_edges, m->misoriented_edges);
  assert_int_equal (r->watertight, m->watertight);
  assert_int_equal (r->degenerate_dropped, m->degenerate_dropped);
}

static double
soup_tolerance (const CamTriSoup *soup)
{
  /* As cam_mesh_build: 1e-6 of the corners' bounding-box diagonal, at least 1e-9 mm. */
  double lo[3] = { G_MAXDOUBLE, G_MAXDOUBLE, G_MAXDOUBLE }, hi[3] = { -G_MAXDOUBLE, -G_MAXDOUBLE, -G_MAXDOUBLE };
  for (gsize i = 0; i < 3 * soup->n_triangles; i++)
    for (int a = 0; a < 3; a++)
      {
        lo[a] = MIN (lo[a], soup->xyz[3 * i + a]);
        hi[a] = MAX (hi[a], soup->xyz[3 * i + a]);
      }
  double d2 = 0;
  for (int a = 0; a < 3; a++)
    d2 += (hi[a] - lo[a]) * (hi[a] - lo[a]);
  return MAX (sqrt (d2) * 1e-6, 1e-9);
}

static void
read_soup (const char *path, CamTriSoup *soup)
{
  g_autofree char *data = NULL;
  gsize len = 0;
  assert_true (g_file_get_contents (path, &data, &len, NULL));
  cam_tri_soup_init (soup);
  g_autoptr (GError) error = NULL;
  assert_true (cam_stl_parse ((const guint8 *) data, len, path, soup, &error));
}

static void
test_sample_parts_weld_as_before (void **state)
{
  (void) state;
  const char *files[] = { SAMPLES_DIR "/a_plate_holes_pocket.stl", SAMPLES_DIR "/b_disk_spiral_channel.stl",
                          TEST_DATA_DIR "/dfm_features.stl", TEST_DATA_DIR "/dfm_polar.stl",
                          TEST_DATA_DIR "/dfm_dome.stl", TEST_DATA_DIR "/dfm_problems.stl" };
  for (gsize f = 0; f < G_N_ELEMENTS (files); f++)
    {
      CamTriSoup soup;
      read_soup (files[f], &soup);
      double tol = soup_tolerance (&soup);
      assert_same_weld (&soup, tol, files[f]);
      /* A coarser tolerance merges real features: the greedy order decides more corners. */
      assert_same_weld (&soup, tol * 3000, files[f]);
      assert_same_mesh (&soup, files[f]);
      /* And through the file reader. */
      g_autoptr (GError) error = NULL;
      g_autoptr (CamMesh) loaded = cam_mesh_load_file (files[f], NULL, NULL, NULL, &error);
      g_autoptr (CamMesh) ref = ref_build (&soup, FALSE, files[f], &error);
      assert_non_null (loaded);
      assert_int_equal (loaded->n_triangles, ref->n_triangles);
      assert_memory_equal (loaded->triangles, ref->triangles, 3 * sizeof (guint32) * ref->n_triangles);
      assert_memory_equal (loaded->vertices, ref->vertices, 3 * sizeof (double) * ref->n_vertices);
      assert_memory_equal (&loaded->volume_mm3, &ref->volume_mm3, sizeof (double));
      cam_tri_soup_clear (&soup);
    }
}

/* The UV sphere of tests/bench/make-sphere-stl.py (radius 5 mm, rings × 2·rings segments). */
static void
sphere_soup (guint rings, CamTriSoup *soup)
{
  cam_tri_soup_init (soup);
  guint segments = 2 * rings;
  for (guint i = 0; i < rings; i++)
    for (guint j = 0; j < segments; j++)
      {
        float p[4][3];
        guint ii[4] = { i, i + 1, i + 1, i }, jj[4] = { j, j, j + 1, j + 1 };
        for (int k = 0; k < 4; k++)
          {
            double th = G_PI * ii[k] / rings, ph = 2.0 * G_PI * jj[k] / segments;
            p[k][0] = (float) (5.0 * sin (th) * cos (ph));
            p[k][1] = (float) (5.0 * sin (th) * sin (ph));
            p[k][2] = (float) (5.0 * cos (th));
          }
        float t[9];
        if (i != rings - 1)
          {
            memcpy (t, p[0], 12), memcpy (t + 3, p[1], 12), memcpy (t + 6, p[2], 12);
            cam_tri_soup_add (soup, t);
          }
        if (i != 0)
          {
            memcpy (t, p[0], 12), memcpy (t + 3, p[2], 12), memcpy (t + 6, p[3], 12);
            cam_tri_soup_add (soup, t);
          }
      }
}

static void
test_generated_sphere_welds_as_before (void **state)
{
  (void) state;
  CamTriSoup soup;
  sphere_soup (160, &soup); /* 101,760 facets: the seam and the poles weld corners of many facets */
  assert_same_weld (&soup, soup_tolerance (&soup), "sphere");
  assert_same_mesh (&soup, "sphere");
  /* Rings 0.1 mm apart at the equator: a tolerance near the spacing makes chains of merges. */
  assert_same_weld (&soup, 0.02, "sphere at 0.02 mm");
  assert_same_weld (&soup, 0.07, "sphere at 0.07 mm");
  cam_tri_soup_clear (&soup);
}

static void
test_jittered_corners_weld_as_before (void **state)
{
  (void) state;
  CamTriSoup soup;
  sphere_soup (60, &soup);
  double tol = soup_tolerance (&soup);
  GRand *rand = g_rand_new_with_seed (20261129);
  /* Every corner moved independently by up to ±s·tol per axis: for s near 1 a corner is often within
   * tol of two vertices, and which one it joins depends on the search order, cell by cell. */
  const double spread[] = { 0.3, 0.7, 1.0, 1.6, 3.0 };
  for (gsize k = 0; k < G_N_ELEMENTS (spread); k++)
    {
      CamTriSoup j;
      cam_tri_soup_init (&j);
      cam_tri_soup_reserve (&j, soup.n_triangles);
      for (gsize t = 0; t < soup.n_triangles; t++)
        {
          float xyz[9];
          for (int c = 0; c < 9; c++)
            xyz[c] = soup.xyz[9 * t + c] + (float) (g_rand_double_range (rand, -1, 1) * spread[k] * tol);
          cam_tri_soup_add (&j, xyz);
        }
      g_autofree char *what = g_strdup_printf ("sphere jittered ±%.1f tol", spread[k]);
      assert_same_weld (&j, tol, what);
      /* Jitter makes facets collapse (dropped) and open seams (boundary, misoriented edges). */
      assert_same_mesh (&j, what);
      cam_tri_soup_clear (&j);
    }
  g_rand_free (rand);
  cam_tri_soup_clear (&soup);
}

static void
test_big_mesh_with_dropped_facets_builds_as_before (void **state)
{
  (void) state;
  /* 57,120 facets: enough for the edge census to run on its own thread during the facet pass. With
   * corners jittered by ±1.6·tol and a corner of every 997th facet moved onto another, facets collapse:
   * the facets are compacted after the census thread joined and counted again. Without jitter nothing is dropped and its count stands. */
  CamTriSoup soup;
  sphere_soup (120, &soup);
  assert_true (soup.n_triangles >= 50000);
  assert_same_mesh (&soup, "sphere of 57,120 facets");
  double tol = soup_tolerance (&soup);
  GRand *rand = g_rand_new_with_seed (5);
  for (gsize i = 0; i < 9 * soup.n_triangles; i++)
    soup.xyz[i] += (float) (g_rand_double_range (rand, -1, 1) * 1.6 * tol);
  g_rand_free (rand);
  /* Collapse a corner of some facets onto (within 0.3·tol of) another, so they weld into slivers. */
  for (gsize t = 0; t < soup.n_triangles; t += 997)
    for (int a = 0; a < 3; a++)
      soup.xyz[9 * t + 6 + a] = soup.xyz[9 * t + 3 * (t % 2) + a] + (float) (0.3 * tol);
  g_autoptr (GError) error = NULL;
  g_autoptr (CamMesh) m = cam_mesh_new_from_soup (&soup, "jittered", &error);
  assert_non_null (m);
  assert_true (m->degenerate_dropped > 0);
  assert_true (m->boundary_edges > 0);
  assert_same_mesh (&soup, "sphere of 57,120 facets jittered ±1.6 tol");
  cam_tri_soup_clear (&soup);
}

static void
test_lattice_at_cell_boundaries_welds_as_before (void **state)
{
  (void) state;
  /* Corners on a lattice of step 0.45·tol around the cell walls (multiples of 2·tol), both signs of zero
   * and the origin: every corner has several vertices within tol and the cell walls split them. */
  double tol = 1.0 / 1024; /* exact in binary: lattice points sit exactly on cell walls */
  CamTriSoup soup;
  cam_tri_soup_init (&soup);
  GRand *rand = g_rand_new_with_seed (7);
  for (int t = 0; t < 20000; t++)
    {
      float xyz[9];
      for (int c = 0; c < 9; c++)
        {
          int step = g_rand_int_range (rand, -12, 13);
          xyz[c] = (float) (step * 0.45 * tol);
          if (step == 0 && g_rand_boolean (rand))
            xyz[c] = -0.0f;
        }
      cam_tri_soup_add (&soup, xyz);
    }
  assert_same_weld (&soup, tol, "lattice");
  assert_same_weld (&soup, tol * 0.999, "lattice, tolerance just under the wall spacing");
  assert_same_mesh (&soup, "lattice");
  g_rand_free (rand);
  cam_tri_soup_clear (&soup);
}

static void
test_unwelded_soup_grows_the_table (void **state)
{
  (void) state;
  /* Three distinct corners a facet: three times the vertices the table is sized for, so it grows
   * (twice) while corners are being welded; the order along each chain must survive. */
  CamTriSoup soup;
  cam_tri_soup_init (&soup);
  GRand *rand = g_rand_new_with_seed (11);
  for (int t = 0; t < 30000; t++)
    {
      float xyz[9];
      for (int c = 0; c < 9; c++)
        xyz[c] = (float) g_rand_double_range (rand, 0, 2);
      cam_tri_soup_add (&soup, xyz);
    }
  /* Revisit earlier corners, exactly and within tol, after the table has grown. */
  for (int t = 0; t < 10000; t++)
    {
      gsize from = (gsize) g_rand_int_range (rand, 0, 30000);
      float xyz[9];
      for (int c = 0; c < 9; c++)
        xyz[c] = soup.xyz[9 * from + c] + (c % 2 ? 0.0f : 2e-6f);
      cam_tri_soup_add (&soup, xyz);
    }
  assert_same_weld (&soup, soup_tolerance (&soup), "random corners");
  assert_same_mesh (&soup, "random corners");
  g_rand_free (rand);
  cam_tri_soup_clear (&soup);
}

static void
test_all_degenerate_fails_as_before (void **state)
{
  (void) state;
  CamTriSoup soup;
  cam_tri_soup_init (&soup);
  const float flat[9] = { 0, 0, 0, 1, 1, 1, 2, 2, 2 }, point[9] = { 1, 2, 3, 1, 2, 3, 1, 2, 3 };
  cam_tri_soup_add (&soup, flat);
  cam_tri_soup_add (&soup, point);
  assert_same_mesh (&soup, "degenerate");
  cam_tri_soup_clear (&soup);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_sample_parts_weld_as_before),
    cmocka_unit_test (test_generated_sphere_welds_as_before),
    cmocka_unit_test (test_jittered_corners_weld_as_before),
    cmocka_unit_test (test_big_mesh_with_dropped_facets_builds_as_before),
    cmocka_unit_test (test_lattice_at_cell_boundaries_welds_as_before),
    cmocka_unit_test (test_unwelded_soup_grows_the_table),
    cmocka_unit_test (test_all_degenerate_fails_as_before),
  };
  return cmocka_run_group_tests (tests, NULL, NULL);
}
