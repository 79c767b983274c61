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
 * "Polygon Mesh Processing", 2010, §3.4 on vertex welding): the own cell first, then the neighbours in a
 * fixed order; within a cell, vertices in the order they were created. The table is open addressing
 * with linear probing keyed by a 32-bit hash of the cell; vertices whose cells share a hash share a
 * probe chain and are all checked (distance, then hash). Linear probing without deletions keeps the
 * entries of one hash in creation order along the chain, which is what makes the result that order.
 *
 * Speed (1M-facet STL: 3M corners, 0.5M vertices): each slot holds the vertex's float coordinates and
 * its index (16 bytes), so a probe is one cache line and the vertex array is never read back; a vertex
 * whose coordinates equal the corner's exactly (the common case: STL repeats bit-identical corners) is
 * accepted without recomputing its cell. A bitmap of the cell hashes in use, 1 byte per slot, answers
 * "empty cell" for the neighbour cells of a new vertex without touching the table (the table is 16 MB,
 * the bitmap 1 MB). The table is on 2 MB pages where the system offers them, and the corners are
 * hashed 16 ahead of their turn with their table slot prefetched, so the miss overlaps the welding
 * of the corners before (the order of welding is unchanged).
 */
#include "cam-mesh-private.h"
#include "cam-error.h"

#include <math.h>
#include <string.h>
#ifdef G_OS_UNIX
#include <sys/mman.h>
#endif

#define EMPTY_SLOT G_MAXUINT32

typedef struct {
  float x, y, z;
  guint32 vi;        /* EMPTY_SLOT when free */
} Slot;

typedef struct {
  double inv_cell;
  double tol2;
  double *v;          /* 3 × n */
  guint n;
  guint cap_v;
  Slot *table;
  gsize mask;
  guint64 *used;      /* bit (h & used_mask): some vertex's cell has hash h */
  gsize used_mask;
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

static inline guint32
hash_of_point (const Welder *w, const double p[3])
{
  gint64 c[3];
  double f[3];
  cell_of (w, p, c, f);
  return hash_cell (c[0], c[1], c[2]);
}

static inline gboolean
used_has (const Welder *w, guint32 h)
{
  gsize bit = h & w->used_mask;
  return (w->used[bit >> 6] >> (bit & 63)) & 1;
}

static void
table_insert (Welder *w, guint32 h, const double p[3], guint32 vi)
{
  gsize slot = h & w->mask;
  while (w->table[slot].vi != EMPTY_SLOT)
    slot = (slot + 1) & w->mask;
  /* p came from float corners: the conversion back is exact. */
  w->table[slot] = (Slot) { (float) p[0], (float) p[1], (float) p[2], vi };
  gsize bit = h & w->used_mask;
  w->used[bit >> 6] |= (guint64) 1 << (bit & 63);
}

static void
table_alloc (Welder *w, gsize cap)
{
  g_aligned_free (w->table);
  g_free (w->used);
  w->table = g_aligned_alloc (cap, sizeof (Slot), 2 << 20);
#if defined(G_OS_UNIX) && defined(MADV_HUGEPAGE)
  /* 2 MB pages: a random probe of the 16 MB table otherwise misses the TLB as well as the cache. */
  madvise (w->table, cap * sizeof (Slot), MADV_HUGEPAGE);
#endif
  memset (w->table, 0xff, cap * sizeof (Slot));
  w->mask = cap - 1;
  /* 8 bits a slot: at the table's fill limit (1/2) about 6 % of the bits are set. */
  w->used = g_new0 (guint64, cap / 8);
  w->used_mask = cap * 8 - 1;
}

static void
table_grow (Welder *w)
{
  table_alloc (w, (w->mask + 1) * 2);
  /* Re-inserted in creation order: each chain stays in creation order. */
  for (guint i = 0; i < w->n; i++)
    {
      const double *p = w->v + 3 * (gsize) i;
      table_insert (w, hash_of_point (w, p), p, i);
    }
}

static inline guint32
find_in_cell (const Welder *w, guint32 h, const double p[3])
{
  if (!used_has (w, h))
    return EMPTY_SLOT;
  gsize slot = h & w->mask;
  for (;;)
    {
      const Slot *s = &w->table[slot];
      if (s->vi == EMPTY_SLOT)
        return EMPTY_SLOT;
      double dx = s->x - p[0], dy = s->y - p[1], dz = s->z - p[2];
      double d2 = dx * dx + dy * dy + dz * dz;
      /* d2 == 0 only for equal coordinates (float differences square to ≥ 1e-90): same cell. */
      if (d2 <= w->tol2)
        {
          double q[3] = { s->x, s->y, s->z };
          if (d2 == 0 || hash_of_point (w, q) == h)
            return s->vi;
        }
      slot = (slot + 1) & w->mask;
    }
}

/* A corner on its way through the weld: its cell is computed AHEAD corners early, when the table slot
 * and the bitmap word it will read are prefetched. */
typedef struct {
  double p[3];
  double f[3];
  gint64 c[3];
  guint32 h;
} Corner;

#define AHEAD 16

static inline void
corner_prepare (const Welder *w, const float *s, Corner *k)
{
  for (int a = 0; a < 3; a++)
    k->p[a] = s[a];
  cell_of (w, k->p, k->c, k->f);
  k->h = hash_cell (k->c[0], k->c[1], k->c[2]);
#if defined(__GNUC__)
  __builtin_prefetch (&w->used[(k->h & w->used_mask) >> 6]);
  __builtin_prefetch (&w->table[k->h & w->mask]);
#endif
}

static guint32
weld_point (Welder *w, const Corner *k)
{
  const double *p = k->p;
  guint32 found = find_in_cell (w, k->h, p);
  if (found != EMPTY_SLOT)
    return found;

  gint64 side[3];
  for (int a = 0; a < 3; a++)
    side[a] = k->f[a] < 0.5 ? -1 : 1;
  for (int j = 1; j < 8; j++)
    {
      found = find_in_cell (w, hash_cell (k->c[0] + ((j & 1) ? side[0] : 0),
                                          k->c[1] + ((j & 2) ? side[1] : 0),
                                          k->c[2] + ((j & 4) ? side[2] : 0)), p);
      if (found != EMPTY_SLOT)
        return found;
    }

  if (w->n == w->cap_v)
    {
      w->cap_v = w->cap_v * 2;
      w->v = g_renew (double, w->v, 3 * (gsize) w->cap_v);
    }
  guint32 vi = w->n++;
  memcpy (w->v + 3 * (gsize) vi, p, 3 * sizeof (double));
  if ((gsize) w->n * 2 > w->mask + 1)
    table_grow (w);
  else
    table_insert (w, k->h, p, vi);
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
  gsize cap = 1024;
  while (cap < (gsize) w.cap_v * 2)
    cap *= 2;
  table_alloc (&w, cap);

  guint32 *idx = g_new (guint32, n_corners);
  Corner ring[AHEAD];
  for (gsize i = 0; i < MIN (n_corners, AHEAD); i++)
    corner_prepare (&w, soup->xyz + 3 * i, &ring[i]);
  for (gsize i = 0; i < n_corners; i++)
    {
      if ((i & 0x3ffff) == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          g_free (idx);
          g_free (w.v);
          g_aligned_free (w.table);
          g_free (w.used);
          return FALSE;
        }
      Corner *k = &ring[i % AHEAD];
      idx[i] = weld_point (&w, k);
      if (i + AHEAD < n_corners)
        corner_prepare (&w, soup->xyz + 3 * (i + AHEAD), k);
    }

  g_aligned_free (w.table);
  g_free (w.used);
  *vertices = g_renew (double, w.v, 3 * (gsize) MAX (w.n, 1));
  *n_vertices = w.n;
  *indices = idx;
  return TRUE;
}
