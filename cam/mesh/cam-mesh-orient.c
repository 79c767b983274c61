/* cam-mesh-orient.c — consistent winding per shell, inside-out shells, the edge census.
 *
 * Exporters get winding wrong in two ways: a facet here and there walks its edges against its
 * neighbours (its normal points in), or a whole part is written inside-out (every normal points in, so
 * the signed volume is negative and a top face looks like an undercut). Both are repaired here, before
 * normals and volume are measured, and both are reported as warnings.
 *
 * STEP 1 — edges. Facet edges (half-edges h = 3·t + k, from corner k to corner k+1) are grouped by
 * their lower vertex in compressed rows, as the census always did; within a row, equal higher
 * vertices are one edge. An edge of two facets links them (twin); an edge of one facet, or of three
 * or more, links nothing.
 *
 * STEP 2 — shells. Breadth-first over twins from each unvisited facet: a shell is what two-facet edges
 * connect (two cubes touching along an edge are two shells). A neighbour across edge a–b must walk it
 * b→a; if it walks a→b too, it is turned (marked; corners swapped at the end):
 *
 *        a                      a
 *       /|\                    /|\          t walks a→b, u walks b→a: consistent.
 *      / | \                  / | \         Had u walked a→b, u is turned.
 *     / t|u \                / t|u \
 *        b                      b
 *
 * Within a shell the orientation the majority of its facets had wins (the seed's is arbitrary), so
 * "turned to agree" counts the minority. A one-sided surface (Möbius band) cannot be oriented: some
 * edge stays walked the same way by both facets and is counted misoriented.
 *
 * STEP 3 — outward. A closed shell (no edge of odd use among its facets) bounds a region; its signed
 * volume Σ a·(b×c)/6 is positive when it is wound counter-clockwise seen from outside. But a cavity's
 * shell is rightly negative: so each closed shell's nesting depth is counted — the closed shells whose
 * bounding box holds its own and which hold sample points of it (up to 16 facet centroids, all of them:
 * a shell that merely intersects another is not inside it), tested by the generalised winding number
 * w = Σ Ω/4π over the other shell's facets, Ω the solid angle of a facet seen from the point
 * (Van Oosterom & Strackee, "The solid angle of a plane triangle", IEEE Trans. Biomed. Eng. 30(2), 1983;
 * Jacobson et al., "Robust inside-outside segmentation using generalized winding numbers", SIGGRAPH
 * 2013). |w| > ½ is inside. At even depth the volume must be positive, at odd depth negative;
 * a shell of the wrong sign is turned over.
 *
 * STEP 4 — census on the final winding: boundary (odd use), non-manifold (3+ uses), misoriented (the
 * facets walk the edge one way more often than the other).
 */
#include "cam-mesh-private.h"

#include <math.h>
#include <string.h>

#define NO_TWIN G_MAXUINT32
#define NO_SHELL G_MAXUINT32
/* Nesting is tested between closed shells pairwise by bounding box; beyond this many (a mesh of loose
 * particles) the inside-out test is skipped rather than made quadratic. */
#define MAX_NESTED_SHELLS 4096
#define SAMPLES 16

typedef struct {
  guint n;             /* facets */
  guint first;         /* into the breadth-first order */
  guint n_turned;      /* facets turned to agree with the seed */
  gboolean open;
  double vol6;
  double lo[3], hi[3];
} Shell;

static inline guint32
half_dir (const guint32 *tri, guint32 h)
{
  guint32 a = tri[h], b = tri[h - h % 3 + (h % 3 + 1) % 3];
  return a > b;
}

static void
sub3 (const double *a, const double *b, double out[3])
{
  for (int k = 0; k < 3; k++)
    out[k] = a[k] - b[k];
}

static double
det3 (const double a[3], const double b[3], const double c[3])
{
  return a[0] * (b[1] * c[2] - b[2] * c[1]) - a[1] * (b[0] * c[2] - b[2] * c[0])
         + a[2] * (b[0] * c[1] - b[1] * c[0]);
}

static double
norm3 (const double a[3])
{
  return sqrt (a[0] * a[0] + a[1] * a[1] + a[2] * a[2]);
}

/* Winding number of the facets order[first..first+n) about p (flip: facets to take reversed). */
static double
winding (const CamMesh *m, const guint32 *order, guint first, guint n, const guint8 *flip, const double p[3])
{
  double sum = 0;
  for (guint i = 0; i < n; i++)
    {
      guint32 t = order[first + i];
      double a[3], b[3], c[3];
      sub3 (m->vertices + 3 * (gsize) m->triangles[3 * t], p, a);
      sub3 (m->vertices + 3 * (gsize) m->triangles[3 * t + 1], p, b);
      sub3 (m->vertices + 3 * (gsize) m->triangles[3 * t + 2], p, c);
      double la = norm3 (a), lb = norm3 (b), lc = norm3 (c);
      double num = det3 (a, b, c);
      double den = la * lb * lc + (a[0] * b[0] + a[1] * b[1] + a[2] * b[2]) * lc
                   + (a[0] * c[0] + a[1] * c[1] + a[2] * c[2]) * lb + (b[0] * c[0] + b[1] * c[1] + b[2] * c[2]) * la;
      double omega = 2.0 * atan2 (num, den);
      sum += flip[t] ? -omega : omega;
    }
  return sum / (4.0 * G_PI);
}

static gboolean
box_holds (const Shell *outer, const Shell *inner)
{
  for (int k = 0; k < 3; k++)
    if (inner->lo[k] < outer->lo[k] || inner->hi[k] > outer->hi[k])
      return FALSE;
  return TRUE;
}

static void
centroid (const CamMesh *m, guint32 t, double out[3])
{
  for (int k = 0; k < 3; k++)
    out[k] = (m->vertices[3 * (gsize) m->triangles[3 * t] + k] + m->vertices[3 * (gsize) m->triangles[3 * t + 1] + k]
              + m->vertices[3 * (gsize) m->triangles[3 * t + 2] + k]) / 3.0;
}

/* Whether every sample point of shell s lies inside shell o. */
static gboolean
shell_inside (const CamMesh *m, const guint32 *order, const Shell *sh, guint s, guint o, const guint8 *flip)
{
  const Shell *a = &sh[s], *b = &sh[o];
  guint step = MAX (1u, a->n / SAMPLES);
  for (guint i = 0; i < a->n; i += step)
    {
      double p[3];
      centroid (m, order[a->first + i], p);
      if (fabs (winding (m, order, b->first, b->n, flip, p)) <= 0.5)
        return FALSE;
    }
  return TRUE;
}

void
cam_mesh_orient (CamMesh *m, const double centre[3], const char *name)
{
  guint32 *tri = m->triangles;
  const guint32 nt = m->n_triangles, nv = m->n_vertices;
  const gsize nh = 3 * (gsize) nt;

  /* STEP 1: rows of (higher vertex << 32 | half-edge) per lower vertex. */
  guint32 *start = g_new0 (guint32, (gsize) nv + 1);
  for (gsize h = 0; h < nh; h++)
    {
      guint32 a = tri[h], b = tri[h - h % 3 + (h % 3 + 1) % 3];
      start[MIN (a, b) + 1]++;
    }
  for (guint v = 0; v < nv; v++)
    start[v + 1] += start[v];
  guint32 *fill = g_memdup2 (start, sizeof (guint32) * nv);
  guint64 *entry = g_new (guint64, MAX (nh, 1));
  for (gsize h = 0; h < nh; h++)
    {
      guint32 a = tri[h], b = tri[h - h % 3 + (h % 3 + 1) % 3];
      entry[fill[MIN (a, b)]++] = (guint64) MAX (a, b) << 32 | h;
    }
  g_free (fill);
  guint32 *twin = g_new (guint32, MAX (nh, 1));
  guint8 *odd = g_new0 (guint8, MAX (nh, 1)); /* the half-edge's edge has an odd number of facets */
  for (guint lo = 0; lo < nv; lo++)
    {
      guint64 *row = entry + start[lo];
      guint32 n = start[lo + 1] - start[lo];
      for (guint32 i = 1; i < n; i++)
        for (guint32 j = i; j > 0 && row[j - 1] > row[j]; j--)
          {
            guint64 t = row[j];
            row[j] = row[j - 1];
            row[j - 1] = t;
          }
      for (guint32 i = 0; i < n;)
        {
          guint32 j = i;
          while (j < n && (row[j] >> 32) == (row[i] >> 32))
            j++;
          guint32 uses = j - i;
          for (guint32 e = i; e < j; e++)
            {
              guint32 h = (guint32) row[e];
              twin[h] = uses == 2 ? (guint32) row[e == i ? i + 1 : i] : NO_TWIN;
              odd[h] = uses % 2;
            }
          i = j;
        }
    }

  /* STEP 2: shells, breadth first; order holds the facets shell after shell. */
  guint32 *shell_of = g_new (guint32, MAX (nt, 1));
  memset (shell_of, 0xff, sizeof (guint32) * nt);
  guint8 *flip = g_new0 (guint8, MAX (nt, 1));
  guint32 *order = g_new (guint32, MAX (nt, 1));
  GArray *shells = g_array_new (FALSE, TRUE, sizeof (Shell));
  guint qt = 0;
  for (guint32 seed = 0; seed < nt; seed++)
    {
      if (shell_of[seed] != NO_SHELL)
        continue;
      guint32 s = shells->len;
      Shell fresh = { .first = qt };
      g_array_append_val (shells, fresh);
      shell_of[seed] = s;
      guint qh = qt;
      order[qt++] = seed;
      while (qh < qt)
        {
          guint32 t = order[qh++];
          for (int k = 0; k < 3; k++)
            {
              guint32 h = 3 * t + k, g = twin[h];
              if (g == NO_TWIN)
                continue;
              guint32 u = g / 3;
              guint8 need = flip[t] ^ (half_dir (tri, h) == half_dir (tri, g));
              if (shell_of[u] == NO_SHELL)
                {
                  shell_of[u] = s;
                  flip[u] = need;
                  order[qt++] = u;
                }
            }
        }
      g_array_index (shells, Shell, s).n = qt - fresh.first;
    }
  Shell *sh = (Shell *) shells->data;
  guint n_shells = shells->len;

  /* The majority's winding wins in each shell. */
  for (guint32 t = 0; t < nt; t++)
    sh[shell_of[t]].n_turned += flip[t];
  guint reoriented = 0;
  for (guint s = 0; s < n_shells; s++)
    {
      if (2 * sh[s].n_turned > sh[s].n)
        {
          for (guint i = 0; i < sh[s].n; i++)
            flip[order[sh[s].first + i]] ^= 1;
          sh[s].n_turned = sh[s].n - sh[s].n_turned;
        }
      reoriented += sh[s].n_turned;
      for (int k = 0; k < 3; k++)
        {
          sh[s].lo[k] = G_MAXDOUBLE;
          sh[s].hi[k] = -G_MAXDOUBLE;
        }
    }

  /* STEP 3: signed volume, closedness and box per shell. */
  for (guint32 t = 0; t < nt; t++)
    {
      Shell *s = &sh[shell_of[t]];
      double p[3][3];
      for (int c = 0; c < 3; c++)
        {
          const double *v = m->vertices + 3 * (gsize) tri[3 * t + c];
          sub3 (v, centre, p[c]);
          for (int k = 0; k < 3; k++)
            {
              s->lo[k] = MIN (s->lo[k], v[k]);
              s->hi[k] = MAX (s->hi[k], v[k]);
            }
          s->open |= odd[3 * t + c];
        }
      double d = det3 (p[0], p[1], p[2]);
      s->vol6 += flip[t] ? -d : d;
    }
  guint n_closed = 0;
  for (guint s = 0; s < n_shells; s++)
    n_closed += !sh[s].open;
  guint inverted = 0, inverted_facets = 0;
  gboolean nesting_skipped = n_closed > MAX_NESTED_SHELLS;
  for (guint s = 0; s < n_shells && !nesting_skipped; s++)
    {
      if (sh[s].open || sh[s].vol6 == 0)
        continue;
      guint depth = 0;
      for (guint o = 0; o < n_shells; o++)
        if (o != s && !sh[o].open && box_holds (&sh[o], &sh[s]) && shell_inside (m, order, sh, s, o, flip))
          depth++;
      gboolean want_positive = depth % 2 == 0;
      if ((sh[s].vol6 > 0) != want_positive)
        {
          for (guint i = 0; i < sh[s].n; i++)
            flip[order[sh[s].first + i]] ^= 1;
          sh[s].vol6 = -sh[s].vol6;
          inverted++;
          inverted_facets += sh[s].n;
        }
    }

  /* STEP 4: the census on the final winding (a turned facet walks each edge the other way). */
  guint boundary = 0, nonmanifold = 0, misoriented = 0;
  for (guint lo = 0; lo < nv; lo++)
    {
      const guint64 *row = entry + start[lo];
      guint32 n = start[lo + 1] - start[lo];
      for (guint32 i = 0; i < n;)
        {
          guint32 j = i, forward = 0;
          while (j < n && (row[j] >> 32) == (row[i] >> 32))
            {
              guint32 h = (guint32) row[j];
              forward += (half_dir (tri, h) ^ flip[h / 3]) == 0;
              j++;
            }
          guint32 uses = j - i;
          if (uses % 2 == 1)
            boundary++;
          if (uses > 2)
            nonmanifold++;
          if (uses % 2 == 0 && 2 * forward != uses)
            misoriented++;
          i = j;
        }
    }

  for (guint32 t = 0; t < nt; t++)
    if (flip[t])
      {
        guint32 x = tri[3 * t + 1];
        tri[3 * t + 1] = tri[3 * t + 2];
        tri[3 * t + 2] = x;
      }

  m->n_shells = n_shells;
  m->reoriented_facets = reoriented;
  m->inverted_shells = inverted;
  m->boundary_edges = boundary;
  m->nonmanifold_edges = nonmanifold;
  m->misoriented_edges = misoriented;
  m->watertight = boundary == 0 && misoriented == 0;
  if (reoriented > 0)
    g_ptr_array_add (m->warnings,
                     g_strdup_printf ("%s: %u facet(s) were wound against their neighbours (normal pointing the "
                                      "other way); turned to agree with them",
                                      name, reoriented));
  if (inverted > 0)
    g_ptr_array_add (m->warnings,
                     g_strdup_printf ("%s: %u closed shell(s) (%u facets) were inside-out — normals pointing into "
                                      "the material, negative volume; turned over",
                                      name, inverted, inverted_facets));
  if (nesting_skipped)
    g_ptr_array_add (m->warnings,
                     g_strdup_printf ("%s: %u closed shells, too many to test which lie inside which; none was "
                                      "checked for being inside-out",
                                      name, n_closed));
  if (misoriented > 0)
    g_ptr_array_add (m->warnings,
                     g_strdup_printf ("%s: %u edge(s) cannot be wound consistently (a one-sided surface, or facets "
                                      "stacked on an edge); the mesh is not a solid",
                                      name, misoriented));

  g_array_unref (shells);
  g_free (order);
  g_free (flip);
  g_free (shell_of);
  g_free (odd);
  g_free (twin);
  g_free (entry);
  g_free (start);
}
