/* test-cam-mesh-weld.c — the weld and the mesh build give the same results as the first versions.
 *
 * ref_weld below is the welder microcam shipped first (spatial hash on cells of 2·tol, the own cell and
 * the 7 nearer neighbours probed in a fixed order, first vertex within tol wins, vertex indices kept
 * in a 4-byte table and coordinates read back from the vertex array), kept verbatim as the reference.
 * The current cam_mesh_weld is a faster implementation of the same rule; on sample parts, generated
 * 1M-facet-class meshes and corners jittered around the tolerance (where the greedy order decides
 * which vertex a corner joins) both must produce bit-identical vertex arrays and index arrays.
 * The mesh build welds with a tolerance per corner (cam_mesh_weld_local); ref_weld_local checks it
 * against the rule on a plain grid. (The first build, compared bit for bit until the build learnt to
 * keep zero-area facets and orient shells, is in git history at 448ca23.) */
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

static gint
cmp_u32 (gconstpointer a, gconstpointer b)
{
  guint32 x = *(const guint32 *) a, y = *(const guint32 *) b;
  return x < y ? -1 : x > y;
}

/* The local-tolerance rule, by a plain grid (every vertex looked at): a corner at exactly a vertex's
 * coordinates joins it; else, among the vertices within min(τ(corner), τ(vertex's first corner)), the
 * one whose fine cell (2·T, T the largest τ) comes first in the corner's probe order, then the oldest;
 * else it makes a new vertex. */
static void
ref_weld_local (const CamTriSoup *soup, double *vertices_out_tol, double **vertices, guint *n_vertices,
                guint32 **indices)
{
  gsize n_corners = soup->n_triangles * 3;
  double tmax = 0;
  for (gsize i = 0; i < n_corners; i++)
    tmax = MAX (tmax, cam_mesh_corner_tolerance (soup->xyz, i));
  tmax = MAX (tmax, 1e-9);
  *vertices_out_tol = tmax;
  RefWelder w = { 0 };
  w.inv_cell = 1.0 / (2.0 * tmax);
  GArray *v = g_array_new (FALSE, FALSE, sizeof (double));
  GArray *creator = g_array_new (FALSE, FALSE, sizeof (gsize));
  guint32 *idx = g_new (guint32, n_corners);
  GHashTable *cells = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_array_unref);
  for (gsize i = 0; i < n_corners; i++)
    {
      const float *s = soup->xyz + 3 * i;
      double p[3] = { s[0], s[1], s[2] };
      gint64 c[3];
      double f[3];
      ref_cell_of (&w, p, c, f);
      guint32 probe[8];
      for (int k = 0; k < 8; k++)
        probe[k] = ref_hash_cell (c[0] + ((k & 1) ? (f[0] < 0.5 ? -1 : 1) : 0),
                                  c[1] + ((k & 2) ? (f[1] < 0.5 ? -1 : 1) : 0),
                                  c[2] + ((k & 4) ? (f[2] < 0.5 ? -1 : 1) : 0));
      double tp = cam_mesh_corner_tolerance (soup->xyz, i);
      guint32 best = REF_EMPTY, best_rank = 8;
      guint nv = v->len / 3;
      /* Candidates: the vertices of the 27 cells around p's (cells are 2·T, wider than any τ), taken in
       * creation order (sorted), so that the oldest wins a tie of rank. */
      g_autoptr (GArray) cand = g_array_new (FALSE, FALSE, sizeof (guint32));
      for (int dx = -1; dx <= 1; dx++)
        for (int dy = -1; dy <= 1; dy++)
          for (int dz = -1; dz <= 1; dz++)
            {
              GArray *in = g_hash_table_lookup (cells, GUINT_TO_POINTER (ref_hash_cell (c[0] + dx, c[1] + dy, c[2] + dz)));
              if (in)
                g_array_append_vals (cand, in->data, in->len);
            }
      g_array_sort (cand, cmp_u32);
      for (guint ci = 0; ci < cand->len; ci++)
        {
          guint32 vi = g_array_index (cand, guint32, ci);
          if (ci > 0 && vi == g_array_index (cand, guint32, ci - 1))
            continue;
          const double *q = &g_array_index (v, double, 3 * vi);
          double dx = q[0] - p[0], dy = q[1] - p[1], dz = q[2] - p[2];
          double d2 = dx * dx + dy * dy + dz * dz;
          if (d2 == 0)
            {
              best = vi;
              break;
            }
          double t = MIN (tp, cam_mesh_corner_tolerance (soup->xyz, g_array_index (creator, gsize, vi)));
          if (d2 > t * t || d2 > tmax * tmax)
            continue;
          gint64 qc[3];
          double qf[3];
          ref_cell_of (&w, q, qc, qf);
          guint32 h = ref_hash_cell (qc[0], qc[1], qc[2]);
          for (guint32 k = 0; k < best_rank; k++)
            if (probe[k] == h)
              {
                best_rank = k;
                best = vi;
                break;
              }
        }
      if (best == REF_EMPTY)
        {
          best = nv;
          g_array_append_vals (v, p, 3);
          g_array_append_val (creator, i);
          gpointer key = GUINT_TO_POINTER (ref_hash_cell (c[0], c[1], c[2]));
          GArray *in = g_hash_table_lookup (cells, key);
          if (in == NULL)
            g_hash_table_insert (cells, key, in = g_array_new (FALSE, FALSE, sizeof (guint32)));
          g_array_append_val (in, best);
        }
      idx[i] = best;
    }
  g_hash_table_unref (cells);
  *n_vertices = v->len / 3;
  *vertices = (double *) g_array_free (v, FALSE);
  *indices = idx;
  g_array_unref (creator);
}

/* The mesh build welds with each corner's own tolerance: the same vertices and corners as the rule's
 * brute-force reference, and its facets are the welded corners less those left with a repeated vertex. */
static void
assert_same_mesh (CamTriSoup *soup, const char *what)
{
  double *rv = NULL, *nv = NULL, rt = 0, nt = 0;
  guint32 *ri = NULL, *ni = NULL;
  guint rn = 0, nn = 0;
  ref_weld_local (soup, &rt, &rv, &rn, &ri);
  g_autoptr (GError) error = NULL;
  assert_true (cam_mesh_weld_local (soup, &nt, &nv, &nn, &ni, NULL, &error));
  assert_memory_equal (&rt, &nt, sizeof (double));
  if (rn != nn)
    fail_msg ("%s: %u vertices, the reference local weld made %u", what, nn, rn);
  assert_memory_equal (rv, nv, 3 * sizeof (double) * rn);
  for (gsize i = 0; i < 3 * soup->n_triangles; i++)
    if (ri[i] != ni[i])
      fail_msg ("%s: corner %" G_GSIZE_FORMAT " joins vertex %u, the reference %u", what, i, ni[i], ri[i]);
  guint kept = 0;
  for (gsize t = 0; t < soup->n_triangles; t++)
    kept += ri[3 * t] != ri[3 * t + 1] && ri[3 * t + 1] != ri[3 * t + 2] && ri[3 * t] != ri[3 * t + 2];
  g_autoptr (GError) e2 = NULL;
  g_autoptr (CamMesh) m = cam_mesh_new_from_soup (soup, what, &e2);
  if (kept == 0)
    assert_null (m);
  else
    {
      assert_non_null (m);
      assert_int_equal (m->n_vertices, rn);
      assert_int_equal (m->n_triangles, kept);
      assert_int_equal (m->degenerate_dropped, soup->n_triangles - kept);
      assert_memory_equal (&m->weld_tolerance_mm, &rt, sizeof (double));
    }
  g_free (rv);
  g_free (nv);
  g_free (ri);
  g_free (ni);
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
      /* And through the file reader: the same mesh as from the soup. */
      g_autoptr (GError) error = NULL;
      g_autoptr (CamMesh) loaded = cam_mesh_load_file (files[f], NULL, NULL, NULL, &error);
      g_autoptr (CamMesh) ref = cam_mesh_new_from_soup (&soup, files[f], &error);
      assert_non_null (loaded);
      assert_int_equal (loaded->n_triangles, ref->n_triangles);
      assert_memory_equal (loaded->triangles, ref->triangles, 3 * sizeof (guint32) * ref->n_triangles);
      assert_memory_equal (loaded->vertices, ref->vertices, 3 * sizeof (double) * ref->n_vertices);
      assert_memory_equal (&loaded->volume_mm3, &ref->volume_mm3, sizeof (double));
      /* The sample parts and test parts are closed solids. */
      assert_true (loaded->watertight);
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
  /* Collapse a corner of some facets onto (within 0.02·tol of, below the float precision the local
   * tolerance allows for) another, so they weld into slivers and are dropped. */
  for (gsize t = 0; t < soup.n_triangles; t += 997)
    for (int a = 0; a < 3; a++)
      soup.xyz[9 * t + 6 + a] = soup.xyz[9 * t + 3 * (t % 2) + a] + (float) (0.02 * tol);
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
test_copies_of_a_part_keep_what_one_copy_keeps (void **state)
{
  (void) state;
  /* A 0.1 mm ball (UV sphere, 90 rings: edges from 0.06 µm near the poles) alone at the origin, then
   * 12 copies 30 mm apart. With a tolerance from the file's extent (1e-6 of a 108 mm diagonal:
   * 0.11 µm) the copies' polar facets collapsed; with each corner's own tolerance every copy keeps all
   * of its facets, and stays closed. */
  CamTriSoup one;
  sphere_soup (90, &one);
  for (gsize i = 0; i < 9 * one.n_triangles; i++)
    one.xyz[i] *= 0.01f;
  g_autoptr (CamMesh) m1 = cam_mesh_new_from_soup (&one, "one ball", NULL);
  assert_non_null (m1);
  assert_true (m1->watertight);
  CamTriSoup plate;
  cam_tri_soup_init (&plate);
  for (int c = 0; c < 12; c++)
    for (gsize t = 0; t < one.n_triangles; t++)
      {
        float xyz[9];
        for (int k = 0; k < 9; k++)
          xyz[k] = one.xyz[9 * t + k] + (k % 3 == 0 ? 30.0f * (c % 4) : k % 3 == 1 ? 30.0f * (c / 4) : 0.0f);
        cam_tri_soup_add (&plate, xyz);
      }
  g_autoptr (CamMesh) m12 = cam_mesh_new_from_soup (&plate, "12 balls", NULL);
  assert_non_null (m12);
  assert_int_equal (m12->n_triangles, 12 * m1->n_triangles);
  assert_int_equal (m12->n_vertices, 12 * m1->n_vertices);
  assert_int_equal (m12->n_shells, 12);
  assert_true (m12->watertight);
  /* (far from the origin the copies' float corners are rounded coarser: volume to 1e-4) */
  assert_float_equal (m12->volume_mm3, 12 * m1->volume_mm3, 1e-4 * m12->volume_mm3);
  /* The old rule would have dropped facets here: the test guards against going back to it. */
  double *v = NULL;
  guint32 *idx = NULL;
  guint nv = 0;
  assert_true (cam_mesh_weld (&plate, soup_tolerance (&plate), &v, &nv, &idx, NULL, NULL));
  guint collapsed = 0;
  for (gsize t = 0; t < plate.n_triangles; t++)
    collapsed += idx[3 * t] == idx[3 * t + 1] || idx[3 * t + 1] == idx[3 * t + 2] || idx[3 * t] == idx[3 * t + 2];
  assert_true (collapsed > 0);
  g_free (v);
  g_free (idx);
  cam_tri_soup_clear (&plate);
  cam_tri_soup_clear (&one);
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
    cmocka_unit_test (test_copies_of_a_part_keep_what_one_copy_keeps),
  };
  return cmocka_run_group_tests (tests, NULL, NULL);
}
