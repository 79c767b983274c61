/* cam-mesh-weld.c — welding coincident triangle corners into shared vertices.
 *
 * Rule (unchanged since the first welder, which tests/test-cam-mesh-weld.c keeps as the reference):
 * corners are taken in order; a corner p joins the first vertex within tol found by probing a spatial
 * hash on a uniform grid of cell size 2·tol — p's own cell, then the one neighbour per axis on the side
 * p is nearer to (the far side is at least tol away), 8 cells in a fixed order:
 *
 *        +-------+-------+        p sits in the lower-left quarter of its cell, so the cells to its
 *        |       |       |        left and below (and the diagonal one) are the only neighbours
 *        +-------+-------+        that can hold a vertex within tol.
 *        |       | p     |
 *        +-------+-------+
 *
 * Local tolerances (cam_mesh_weld_local): each corner c has its own tolerance τ(c), from the edges of
 * its facet (cam_mesh_corner_tolerance), and p may join v only when |p − v| ≤ min(τ(p), τ(v)), τ(v)
 * being the tolerance of the corner that created v; the grid is laid out for the largest τ. A corner at
 * exactly a vertex's coordinates always joins it (there is at most one: the second corner there would
 * have joined the first). With one tolerance for all corners this is the rule above, unchanged.
 *
 * Within a probed cell the vertices are taken in creation order; a probe of cell hash h (32 bits,
 * Teschner et al. 2003) takes every vertex whose cell has hash h. If none is within tol, p becomes a
 * new vertex. (Greedy clustering, as in most mesh tools: Botsch et al., "Polygon Mesh Processing",
 * 2010, §3.4 on vertex welding.) So p joins, among the vertices within tol whose cell hash is one of
 * the 8 probed hashes h0..h7, the one with the least (first k with hash = hk, creation index): its rank.
 *
 * Search (faster, same result): the table is keyed by coarse cells of 16·tol, so a corner usually has
 * to look at its own coarse cell only — a neighbour coarse cell only when p is within 1.25·tol of the
 * shared wall (the extra 0.25·tol covers rounding in the scaled coordinates) — instead of 8 probes.
 * The candidates are all vertices within tol; only when one is found that is not at p's exact
 * coordinates are the 8 fine-cell hashes computed and the candidates ranked as above. A vertex at p's
 * exact coordinates needs no ranking: it is in p's own fine cell (rank 0), and no vertex created
 * before it can be within tol with rank 0 (the corner that created it would have joined that one).
 *
 * Table: open addressing with linear probing on the coarse cell's hash; slots of 16 bytes hold the
 * vertex's float coordinates and index, so a probe reads one cache line and never a vertex array.
 * Without deletions every vertex is reachable from its cell's home slot; the order along a chain does
 * not matter (every candidate is ranked), so growing re-inserts slot by slot. A bitmap of the
 * coarse-cell hashes in use (8 bits a slot) answers "empty" for neighbour cells without touching the
 * table. The table is fresh zeroed pages (index + 1 in a slot, 0 = free: no memset), on 2 MB pages
 * where the system offers them, and corners are hashed 16 ahead of their turn with their home slot
 * prefetched, so the cache miss overlaps the corners before.
 *
 * Recent vertices: a direct-mapped cache of 16,384 slots keyed by the corner's coordinate bits holds
 * (a vertex's exact coordinates, the vertex). A corner found there joins that vertex without the
 * coarse cell being computed — by the exact-coordinates argument above, what the full search returns.
 * STL repeats each corner ~6 times within a few rows of facets, so most corners end here.
 *
 * Memory (1M facets): the 16 MB table, 1 MB bitmap, the index array and 4 bytes a vertex (the corner
 * that created it); the vertex array (24 bytes a vertex) is made from those corners after the table is
 * freed.
 */
#include "cam-mesh-private.h"
#include "cam-page-advice.h"
#include "cam-error.h"

#include <math.h>
#include <string.h>
#ifdef G_OS_UNIX
#include <sys/mman.h>
#endif

#define EMPTY_SLOT G_MAXUINT32
#define COARSE 16.0      /* coarse cell edge, in tol */
#define NEAR_WALL 1.25   /* a coarse neighbour is searched when p is this close to the wall, in tol */

typedef struct {
  float x, y, z;
  guint32 ref;       /* vertex index + 1; 0 when free, so fresh zeroed memory is an empty table */
} Slot;

typedef struct {
  const float *xyz;   /* the soup's corners, for local tolerances */
  gboolean local;     /* tolerances per corner (else tol for all) */
  double inv_cell;    /* 1 / (2·tol): the rule's cells */
  double inv_coarse;  /* 1 / (COARSE·tol): the table's cells */
  double near;        /* NEAR_WALL / COARSE */
  double tol2;
  guint32 *creator;   /* per vertex, the corner that created it (its coordinates are that corner's) */
  guint n;
  guint cap_v;
  Slot *table;
  gsize mask;
  guint64 *used;      /* bit (h & used_mask): some vertex's coarse cell has hash h */
  gsize used_mask;
  Slot *recent;       /* RECENT slots by the hash of a vertex's coordinate bits: (its coordinates, it) */
} Welder;

#define RECENT 16384    /* 256 KB: covers a few rows of a grid-ordered mesh of millions of facets */

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

/* Cell index and position in the cell (0..1) along each axis at scale inv. Scaled coordinates beyond
 * ±2^62 (only a part of zero size far from the origin gets there) are clamped to stay integers. */
static inline void
cell_of (double inv, const double p[3], gint64 c[3], double f[3])
{
  for (int a = 0; a < 3; a++)
    {
      double s = CLAMP (p[a] * inv, -0x1p62, 0x1p62);
      double fl = floor (s);
      c[a] = (gint64) fl;
      f[a] = s - fl;
    }
}

static inline guint32
coarse_hash (const Welder *w, const double p[3])
{
  gint64 c[3];
  double f[3];
  cell_of (w->inv_coarse, p, c, f);
  return hash_cell (c[0], c[1], c[2]);
}

static inline guint32
fine_hash (const Welder *w, const double p[3])
{
  gint64 c[3];
  double f[3];
  cell_of (w->inv_cell, p, c, f);
  return hash_cell (c[0], c[1], c[2]);
}

static inline gboolean
used_has (const Welder *w, guint32 h)
{
  gsize bit = h & w->used_mask;
  return (w->used[bit >> 6] >> (bit & 63)) & 1;
}

static void
table_insert (Welder *w, guint32 h, float x, float y, float z, guint32 ref)
{
  gsize slot = h & w->mask;
  while (w->table[slot].ref != 0)
    slot = (slot + 1) & w->mask;
  w->table[slot] = (Slot) { x, y, z, ref };
  gsize bit = h & w->used_mask;
  w->used[bit >> 6] |= (guint64) 1 << (bit & 63);
}

/* Zeroed memory for the table: fresh anonymous pages (no memset; 2 MB pages where the system offers
 * them: a random probe of the 16 MB table otherwise misses the TLB as well as the cache). */
static Slot *
slots_new (gsize cap)
{
#if defined(G_OS_UNIX) && defined(MAP_ANONYMOUS)
  void *p = mmap (NULL, cap * sizeof (Slot), PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (p == MAP_FAILED)
    g_error ("%s: failed to allocate %" G_GSIZE_FORMAT " bytes", G_STRLOC, cap * sizeof (Slot));
#if defined(MADV_HUGEPAGE)
  madvise (p, cap * sizeof (Slot), MADV_HUGEPAGE);
#endif
  return p;
#else
  return g_new0 (Slot, cap);
#endif
}

static void
slots_free (Slot *t, gsize cap)
{
  if (t == NULL)
    return;
#if defined(G_OS_UNIX) && defined(MAP_ANONYMOUS)
  munmap (t, cap * sizeof (Slot));
#else
  (void) cap;
  g_free (t);
#endif
}

static void
table_alloc (Welder *w, gsize cap)
{
  w->table = slots_new (cap);
  w->mask = cap - 1;
  /* 8 bits a slot: at the table's fill limit (1/2) about 6 % of the bits are set. */
  w->used = g_new0 (guint64, cap / 8);
  w->used_mask = cap * 8 - 1;
}

static void
table_free (Welder *w)
{
  slots_free (w->table, w->mask + 1);
  g_free (w->used);
  w->table = NULL;
  w->used = NULL;
}

static void
table_grow (Welder *w)
{
  Slot *old = w->table;
  gsize old_cap = w->mask + 1;
  g_free (w->used);
  table_alloc (w, old_cap * 2);
  /* The order along a chain does not matter: the search ranks every candidate it finds. */
  for (gsize i = 0; i < old_cap; i++)
    if (old[i].ref != 0)
      {
        double q[3] = { old[i].x, old[i].y, old[i].z };
        table_insert (w, coarse_hash (w, q), old[i].x, old[i].y, old[i].z, old[i].ref);
      }
  slots_free (old, old_cap);
}

/* A corner on its way through the weld: AHEAD corners early it is looked up among the recent
 * vertices by its exact coordinates (resolved), or its coarse cell is computed and the home slot it
 * will read is prefetched. */
typedef struct {
  double p[3];
  double f[3];
  gint64 c[3];
  guint32 h;
  guint32 resolved;  /* a vertex at exactly these coordinates, or EMPTY_SLOT */
  guint32 r;         /* recent slot */
  guint32 bits[3];   /* the coordinates' bits */
} Corner;

#define AHEAD 16

static inline guint32
recent_slot (guint32 bx, guint32 by, guint32 bz)
{
  guint64 h = ((guint64) bx * 0x9e3779b97f4a7c15ull) ^ ((guint64) by * 0xc2b2ae3d27d4eb4full)
              ^ ((guint64) bz * 0x165667b19e3779f9ull);
  return (guint32) (h >> 50); /* 14 bits: RECENT */
}

static inline guint32
recent_find (const Welder *w, const Corner *k)
{
  const Slot *e = &w->recent[k->r];
  guint32 eb[3];
  memcpy (eb, e, sizeof eb);
  if (e->ref != 0 && eb[0] == k->bits[0] && eb[1] == k->bits[1] && eb[2] == k->bits[2])
    return e->ref - 1;
  return EMPTY_SLOT;
}

static inline void
corner_prepare (const Welder *w, const float *s, Corner *k)
{
  guint32 *b = k->bits;
  memcpy (b, s, 3 * sizeof (guint32));
  k->r = recent_slot (b[0], b[1], b[2]);
  k->resolved = recent_find (w, k);
  if (k->resolved != EMPTY_SLOT)
    return;
  for (int a = 0; a < 3; a++)
    k->p[a] = s[a];
  cell_of (w->inv_coarse, k->p, k->c, k->f);
  k->h = hash_cell (k->c[0], k->c[1], k->c[2]);
#if defined(__GNUC__)
  __builtin_prefetch (&w->table[k->h & w->mask]);
#endif
}

/* The best candidate so far under the rule: least rank, then least index. */
typedef struct {
  const double *p;
  gboolean have_fine;
  guint32 fine[8];    /* hashes of the 8 rule cells in probe order */
  guint rank;         /* 8: none yet */
  guint32 vi;
  gsize corner;       /* p's corner in the soup */
  double tol_p;       /* τ(p) for local tolerances; < 0 until needed */
} Pick;

static void
pick_consider (const Welder *w, Pick *pk, const Slot *s)
{
  if (!pk->have_fine)
    {
      gint64 c[3];
      double f[3];
      cell_of (w->inv_cell, pk->p, c, f);
      gint64 side[3];
      for (int a = 0; a < 3; a++)
        side[a] = f[a] < 0.5 ? -1 : 1;
      for (int j = 0; j < 8; j++)
        pk->fine[j] = hash_cell (c[0] + ((j & 1) ? side[0] : 0), c[1] + ((j & 2) ? side[1] : 0),
                                 c[2] + ((j & 4) ? side[2] : 0));
      pk->have_fine = TRUE;
    }
  double q[3] = { s->x, s->y, s->z };
  guint32 h = fine_hash (w, q);
  for (guint j = 0; j < pk->rank; j++)
    if (pk->fine[j] == h)
      {
        pk->rank = j;
        pk->vi = s->ref - 1;
        return;
      }
  /* Same rank: the vertex created first. */
  if (pk->rank < 8 && pk->fine[pk->rank] == h && s->ref - 1 < pk->vi)
    pk->vi = s->ref - 1;
}

/* Local tolerances: d2 (already within the largest tolerance) is also within min(τ(p), τ(v))². Rare
 * (only corners near a vertex but not on it get here), so the tolerances are computed, not stored. */
static gboolean
within_local (const Welder *w, Pick *pk, const Slot *s, double d2)
{
  if (pk->tol_p < 0)
    pk->tol_p = cam_mesh_corner_tolerance (w->xyz, pk->corner);
  double tv = cam_mesh_corner_tolerance (w->xyz, w->creator[s->ref - 1]);
  double t = MIN (pk->tol_p, tv);
  return d2 <= t * t;
}

/* Walks the chain of coarse hash h; returns the index of a vertex at p's exact coordinates, else
 * EMPTY_SLOT after letting every vertex within tol compete in pk. */
static inline guint32
search_chain (const Welder *w, guint32 h, Pick *pk)
{
  const double *p = pk->p;
  gsize slot = h & w->mask;
  for (;;)
    {
      const Slot *s = &w->table[slot];
      if (s->ref == 0)
        return EMPTY_SLOT;
      double dx = s->x - p[0], dy = s->y - p[1], dz = s->z - p[2];
      double d2 = dx * dx + dy * dy + dz * dz;
      /* d2 == 0 only for equal coordinates (float differences square to ≥ 1e-90). */
      if (d2 == 0)
        return s->ref - 1;
      if (d2 <= w->tol2 && (!w->local || within_local (w, pk, s, d2)))
        pick_consider (w, pk, s);
      slot = (slot + 1) & w->mask;
    }
}

static guint32
weld_point (Welder *w, const Corner *k, gsize corner)
{
  Pick pk = { .p = k->p, .have_fine = FALSE, .rank = 8, .vi = EMPTY_SLOT, .corner = corner, .tol_p = -1 };
  guint32 found = search_chain (w, k->h, &pk);
  if (found != EMPTY_SLOT)
    {
      w->recent[k->r] = (Slot) { (float) k->p[0], (float) k->p[1], (float) k->p[2], found + 1 };
      return found;
    }

  /* Coarse neighbours across the walls p is near (at most one a side: a cell is 16·tol wide). */
  gint64 side[3];
  int need = 0;
  for (int a = 0; a < 3; a++)
    {
      side[a] = k->f[a] < w->near ? -1 : k->f[a] > 1.0 - w->near ? 1 : 0;
      need |= side[a] ? 1 << a : 0;
    }
  for (int j = 1; j < 8; j++)
    {
      if ((j & need) != j)
        continue;
      guint32 h = hash_cell (k->c[0] + ((j & 1) ? side[0] : 0), k->c[1] + ((j & 2) ? side[1] : 0),
                             k->c[2] + ((j & 4) ? side[2] : 0));
      if (used_has (w, h) && (found = search_chain (w, h, &pk)) != EMPTY_SLOT)
        return found;
    }
  if (pk.rank < 8)
    return pk.vi;

  if (w->n == w->cap_v)
    {
      w->cap_v = w->cap_v * 2;
      w->creator = g_renew (guint32, w->creator, w->cap_v);
    }
  guint32 vi = w->n++;
  w->creator[vi] = (guint32) corner;
  /* p came from float corners: the conversion back is exact. */
  Slot e = { (float) k->p[0], (float) k->p[1], (float) k->p[2], vi + 1 };
  if ((gsize) w->n * 2 > w->mask + 1)
    table_grow (w);
  table_insert (w, k->h, e.x, e.y, e.z, e.ref);
  w->recent[k->r] = e;
  return vi;
}

double
cam_mesh_corner_tolerance (const float *xyz, gsize corner)
{
  const float *f = xyz + 9 * (corner / 3), *c = xyz + 3 * corner;
  double lmin = G_MAXDOUBLE, lmax = 0, mag = 0;
  for (int i = 0; i < 3; i++)
    {
      const float *a = f + 3 * i, *b = f + 3 * ((i + 1) % 3);
      double d2 = 0;
      for (int k = 0; k < 3; k++)
        d2 += ((double) b[k] - a[k]) * ((double) b[k] - a[k]);
      if (d2 > 0)
        lmin = MIN (lmin, d2);
      lmax = MAX (lmax, d2);
      mag = MAX (mag, fabs ((double) c[i]));
    }
  lmin = sqrt (lmin);
  lmax = sqrt (lmax);
  double precision = CAM_MESH_WELD_ULPS * MAX (mag, lmax);
  /* An edge no longer than the precision is rounding noise (OpenSCAD writes slivers whose short edge
   * is an ulp or two): its corners were meant to be one and may weld. A longer edge is geometry. */
  if (lmax == 0 || lmin <= precision)
    return precision;
  return MIN (precision, 0.25 * lmin);
}

static gboolean weld (const CamTriSoup *soup, gboolean local, double tol_mm, double **vertices,
                      guint *n_vertices, guint32 **indices, GCancellable *cancellable, GError **error);

gboolean
cam_mesh_weld (const CamTriSoup *soup,
               double            tol_mm,
               double          **vertices,
               guint            *n_vertices,
               guint32         **indices,
               GCancellable     *cancellable,
               GError          **error)
{
  return weld (soup, FALSE, tol_mm, vertices, n_vertices, indices, cancellable, error);
}

gboolean
cam_mesh_weld_local (const CamTriSoup *soup,
                     double           *max_tol_mm,
                     double          **vertices,
                     guint            *n_vertices,
                     guint32         **indices,
                     GCancellable     *cancellable,
                     GError          **error)
{
  /* The grid is laid out for the largest corner tolerance; 1e-9 mm keeps its cells finite for a soup
   * whose every corner sits at the origin. */
  double tmax = 0;
  for (gsize i = 0; i < 3 * soup->n_triangles; i++)
    tmax = MAX (tmax, cam_mesh_corner_tolerance (soup->xyz, i));
  tmax = MAX (tmax, 1e-9);
  *max_tol_mm = tmax;
  return weld (soup, TRUE, tmax, vertices, n_vertices, indices, cancellable, error);
}

static gboolean
weld (const CamTriSoup *soup,
      gboolean          local,
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
  w.xyz = soup->xyz;
  w.local = local;
  w.inv_cell = 1.0 / (2.0 * tol_mm);
  w.inv_coarse = 1.0 / (COARSE * tol_mm);
  w.near = NEAR_WALL / COARSE;
  w.tol2 = tol_mm * tol_mm;
  /* A closed mesh has about half as many vertices as facets. */
  w.cap_v = MAX (64, (guint) (soup->n_triangles / 2 + 16));
  w.creator = g_new (guint32, w.cap_v);
  gsize cap = 1024;
  while (cap < (gsize) w.cap_v * 2)
    cap *= 2;
  table_alloc (&w, cap);
  w.recent = g_new0 (Slot, RECENT);

  guint32 *idx = g_new (guint32, n_corners);
  cam_page_advise_huge (idx, sizeof (guint32) * n_corners);
  Corner ring[AHEAD];
  for (gsize i = 0; i < MIN (n_corners, AHEAD); i++)
    corner_prepare (&w, soup->xyz + 3 * i, &ring[i]);
  for (gsize i = 0; i < n_corners; i++)
    {
      if ((i & 0x3ffff) == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          g_free (idx);
          g_free (w.creator);
          table_free (&w);
          g_free (w.recent);
          return FALSE;
        }
      Corner *k = &ring[i % AHEAD];
      /* A repeat of one of the corners welded since this one was prepared is in the cache by now. */
      guint32 vi = k->resolved != EMPTY_SLOT ? k->resolved : recent_find (&w, k);
      idx[i] = vi != EMPTY_SLOT ? vi : weld_point (&w, k, i);
      if (i + AHEAD < n_corners)
        corner_prepare (&w, soup->xyz + 3 * (i + AHEAD), k);
    }

  table_free (&w);
  g_free (w.recent);
  /* The vertex array is made after the table is gone (the peak is then soup + indices + table), from
   * the creating corners, which come in increasing order. */
  double *v = g_new (double, 3 * (gsize) MAX (w.n, 1));
  cam_page_advise_huge (v, 3 * sizeof (double) * w.n);
  for (guint vi = 0; vi < w.n; vi++)
    for (int a = 0; a < 3; a++)
      v[3 * (gsize) vi + a] = soup->xyz[3 * (gsize) w.creator[vi] + a];
  g_free (w.creator);
  *vertices = v;
  *n_vertices = w.n;
  *indices = idx;
  return TRUE;
}
