/* cam-mesh-weld.c — welding coincident triangle corners into shared vertices.
 *
 * Method: a spatial hash on a uniform grid of cell size 2·tol. A corner p can only be within tol of
 * a vertex that lies in p's own cell or in the one neighbour per axis on the side p is nearer to
 * (the far side is at least tol away), so 8 cells cover every candidate:
 *
 *        +-------+-------+        p sits in the lower-left quarter of its cell, so the cells to its
 *        |       |       |        left and below (and the diagonal one) are the only neighbours
 *        +-------+-------+        that can hold a vertex within tol.
 *        |       | p     |
 *        +-------+-------+
 *
 * The first vertex found within tol wins (greedy clustering, as in most mesh tools: e.g. Botsch et al.,
 * "Polygon Mesh Processing", 2010, §3.4 on vertex welding). The table is open addressing with linear
 * probing, keyed by the cell, holding vertex indices; the common case (bit-identical STL corners) is
 * found in the first cell probed.
 */
#include "cam-mesh-private.h"
#include "cam-error.h"

#include <math.h>
#include <string.h>

#define EMPTY_SLOT G_MAXUINT32

typedef struct {
  double inv_cell;
  double tol2;
  double *v;          /* 3 × n */
  guint n;
  guint cap_v;
  guint32 *table;
  guint32 *cell_hash; /* per vertex, the hash of its own cell */
  gsize mask;
} Welder;

static inline guint32
hash_cell (gint64 cx, gint64 cy, gint64 cz)
{
  /* Teschner et al. 2003, "Optimized Spatial Hashing for Collision Detection": large primes xor. */
  guint64 h = ((guint64) cx * 73856093u) ^ ((guint64) cy * 19349663u) ^ ((guint64) cz * 83492791u);
  h ^= h >> 29;
  h *= 0xbf58476d1ce4e5b9ull;
  h ^= h >> 32;
  return (guint32) h;
}

static inline void
cell_of (const Welder *w, const double p[3], gint64 c[3], double f[3])
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
table_insert (Welder *w, guint32 vi)
{
  gsize slot = w->cell_hash[vi] & w->mask;
  while (w->table[slot] != EMPTY_SLOT)
    slot = (slot + 1) & w->mask;
  w->table[slot] = vi;
}

static void
table_grow (Welder *w)
{
  gsize cap = (w->mask + 1) * 2;
  g_free (w->table);
  w->table = g_new (guint32, cap);
  memset (w->table, 0xff, cap * sizeof (guint32));
  w->mask = cap - 1;
  for (guint i = 0; i < w->n; i++)
    table_insert (w, i);
}

static guint32
find_in_cell (const Welder *w, const gint64 c[3], const double p[3])
{
  guint32 h = hash_cell (c[0], c[1], c[2]);
  gsize slot = h & w->mask;
  while (w->table[slot] != EMPTY_SLOT)
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
  return EMPTY_SLOT;
}

static guint32
weld_point (Welder *w, const double p[3])
{
  gint64 c[3];
  double f[3];
  cell_of (w, p, c, f);

  guint32 found = find_in_cell (w, c, p);
  if (found != EMPTY_SLOT)
    return found;

  gint64 side[3];
  for (int a = 0; a < 3; a++)
    side[a] = f[a] < 0.5 ? -1 : 1;
  for (int k = 1; k < 8; k++)
    {
      gint64 nc[3] = { c[0] + ((k & 1) ? side[0] : 0),
                       c[1] + ((k & 2) ? side[1] : 0),
                       c[2] + ((k & 4) ? side[2] : 0) };
      found = find_in_cell (w, nc, p);
      if (found != EMPTY_SLOT)
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
  w->cell_hash[vi] = hash_cell (c[0], c[1], c[2]);
  if ((gsize) w->n * 2 > w->mask + 1)
    table_grow (w);
  else
    table_insert (w, vi);
  return vi;
}

gboolean
cam_mesh_weld (const CamTriSoup *soup,
               double            tol_mm,
               double          **vertices,
               guint            *n_vertices,
               guint32         **indices,
               GCancellable     *cancellable,
               GError          **error)
{
  g_return_val_if_fail (tol_mm > 0, FALSE);

  gsize n_corners = soup->n_triangles * 3;
  if (n_corners >= G_MAXINT32) /* the edge census packs a vertex index and a bit in 32 */
    {
      g_set_error (error, CAM_ERROR, CAM_ERROR_UNSUPPORTED,
                   "%" G_GSIZE_FORMAT " facets is more than microcam can index", soup->n_triangles);
      return FALSE;
    }

  Welder w = { 0 };
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
      if ((i & 0x3ffff) == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          g_free (idx);
          g_free (w.v);
          g_free (w.cell_hash);
          g_free (w.table);
          return FALSE;
        }
      const float *s = soup->xyz + 3 * i;
      double p[3] = { s[0], s[1], s[2] };
      idx[i] = weld_point (&w, p);
    }

  g_free (w.table);
  g_free (w.cell_hash);
  *vertices = g_renew (double, w.v, 3 * (gsize) MAX (w.n, 1));
  *n_vertices = w.n;
  *indices = idx;
  return TRUE;
}
