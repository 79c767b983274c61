/* cam-features-levels.c — step 1 of feature recognition: the Z levels that bound the bands.
 *
 * Method
 *   The distinct heights of the mesh's vertices (within 10 nm) are the levels: between two
 *   neighbouring ones every facet is vertical or spans the whole slab, so a slab ("band") whose
 *   facets are all vertical is prismatic and a band crossed by a sloped facet is tapered.
 *   Past max_bands + 1 of them (curved, freeform or textured parts) a choice is kept, with a
 *   warning: the lowest and highest, the floors (levels holding horizontal faces of 0.001 mm²
 *   or more, the faces a 2.5D tool cuts), and for the rest the levels nearest to evenly spaced
 *   heights. Evenly in height rather than in rank: a textured top holds most of a part's
 *   distinct heights within a few µm, and a choice by rank spent every band there.
 *
 *          z ↑   ───────── level (top)          ← kept: highest
 *            │    ∿∿∿∿∿∿∿∿  500 heights in 5 µm  ← one or two bands (a relief, cam-features.c)
 *            │   ───────── level (floor)         ← kept: horizontal faces
 *            │   ───────── level (bottom)        ← kept: lowest
 *
 * References
 *   - J. J. Shah, M. Mäntylä, "Parametric and Feature-Based CAD/CAM", Wiley 1995, ch. 8
 *     (2.5D cell decomposition by the heights of planar faces). */
#include "cam-features-private.h"

#include <math.h>
#include <stdlib.h>

typedef CamFeaturesCtx Ctx;

static int
cmp_double (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

static guint
find_level (const double *levels, guint n, double z)
{
  guint lo = 0, hi = n - 1;
  while (lo < hi)
    {
      guint mid = (lo + hi + 1) / 2;
      if (levels[mid] <= z + 1e-5)
        lo = mid;
      else
        hi = mid - 1;
    }
  return lo;
}

/* Over the cap (a curved, freeform or textured part), the levels kept are (a) the lowest and the
 * highest, (b) every level holding a horizontal facet — the floors and tops a 2.5D tool cuts,
 * as many as fit — and (c) for the rest of the budget, the levels nearest to evenly spaced
 * heights. Evenly in height, not in rank: a textured top puts most of a part's distinct heights
 * within a few µm, and choosing by rank spent every band there. */
static GArray *
choose_levels (const CamMesh *m, const double *lv, guint n, guint max_levels, GCancellable *cancellable)
{
  /* a level is flat when its horizontal facets add up to 0.001 mm² (a 32 µm square; a Ø0.1
   * hole's floor is 0.008 mm²): the crests of a fine texture, nearly level by chance, do not */
  g_autofree double *flat_area = g_new0 (double, n);
  for (guint t = 0; t < m->n_triangles; t++)
    {
      if (t % 65536 == 65535 && g_cancellable_is_cancelled (cancellable))
        break;   /* the caller looks at Cancel next */
      const guint32 *v = m->triangles + 3 * (gsize) t;
      double z0 = m->vertices[3 * (gsize) v[0] + 2], z1 = m->vertices[3 * (gsize) v[1] + 2],
             z2 = m->vertices[3 * (gsize) v[2] + 2];
      double lo = MIN (z0, MIN (z1, z2)), hi = MAX (z0, MAX (z1, z2));
      if (hi - lo > 1e-5)
        continue;
      const double *a = m->vertices + 3 * (gsize) v[0], *b = m->vertices + 3 * (gsize) v[1],
                   *d = m->vertices + 3 * (gsize) v[2];
      flat_area[find_level (lv, n, lo)] += 0.5 * fabs ((b[0] - a[0]) * (d[1] - a[1]) - (d[0] - a[0]) * (b[1] - a[1]));
    }
  g_autofree guint8 *flat = g_new0 (guint8, n);
  for (guint i = 0; i < n; i++)
    flat[i] = flat_area[i] >= 1e-3;
  g_autofree guint8 *take = g_new0 (guint8, MAX (n, 2u));
  take[0] = 1;
  take[MAX (n, 2u) - 1] = 1;
  guint n_flat = 0;
  for (guint i = 1; i + 1 < n; i++)
    n_flat += flat[i];
  guint budget = max_levels - 2, used = 0;
  /* (b): all flat levels, or an even pick of them when they alone exceed half the budget */
  guint flat_budget = MIN (n_flat, budget / 2);
  for (guint i = 1, seen = 0; i + 1 < n && n_flat > 0; i++)
    if (flat[i])
      {
        if ((guint64) seen * flat_budget / n_flat != (guint64) (seen + 1) * flat_budget / n_flat)
          {
            take[i] = 1;
            used++;
          }
        seen++;
      }
  /* (c): nearest levels to even heights; a level already taken is not counted twice */
  guint rest = budget - used;
  double z0 = lv[0], z1 = lv[n - 1];
  for (guint k = 1; k <= rest; k++)
    {
      double target = z0 + (z1 - z0) * k / (rest + 1);
      guint i = find_level (lv, n, target);
      if (i + 1 < n && lv[i + 1] - target < target - lv[i])
        i++;
      take[i] = 1;
    }
  GArray *keep = g_array_new (FALSE, FALSE, sizeof (double));
  for (guint i = 0; i < n; i++)
    if (take[i])
      g_array_append_val (keep, lv[i]);
  return keep;
}

/* STEP 1 */
void
cam_features_find_levels (CamFeaturesCtx *c)
{
  const CamMesh *m = c->mesh;
  g_autofree double *z = g_new (double, m->n_vertices);
  for (guint i = 0; i < m->n_vertices; i++)
    z[i] = m->vertices[3 * (gsize) i + 2];
  qsort (z, m->n_vertices, sizeof (double), cmp_double);
  GArray *lv = g_array_new (FALSE, FALSE, sizeof (double));
  for (guint i = 0; i < m->n_vertices; i++)
    if (lv->len == 0 || z[i] - g_array_index (lv, double, lv->len - 1) > 1e-5)
      g_array_append_val (lv, z[i]);
  guint max_levels = MAX (c->opts->max_bands, 2u) + 1;
  if (lv->len > max_levels)
    {
      guint n_all = lv->len;
      GArray *keep = choose_levels (m, (const double *) lv->data, lv->len, max_levels, c->cancellable);
      g_array_unref (lv);
      lv = keep;
      c->capped = TRUE;
      g_ptr_array_add (c->set->warnings,
                       g_strdup_printf ("the part has %u distinct heights (curved or sloped faces); "
                                        "analysed at %u of them",
                                        n_all, lv->len));
    }
  c->n_levels = lv->len;
  c->levels = (double *) g_array_free (lv, FALSE);
  guint nb = c->n_levels > 0 ? c->n_levels - 1 : 0;
  c->tapered = g_new0 (gboolean, MAX (nb, 1));
  for (guint t = 0; t < m->n_triangles; t++)
    {
      if (t % 65536 == 65535 && cam_features_cancelled (c))
        return;
      const double *nrm = m->normals + 3 * (gsize) t;
      if (fabs (nrm[2]) < 1e-9)
        continue;
      const guint32 *v = m->triangles + 3 * (gsize) t;
      double z0 = m->vertices[3 * (gsize) v[0] + 2], z1 = m->vertices[3 * (gsize) v[1] + 2],
             z2 = m->vertices[3 * (gsize) v[2] + 2];
      double lo = MIN (z0, MIN (z1, z2)), hi = MAX (z0, MAX (z1, z2));
      if (hi - lo <= 1e-5)
        continue;
      guint a = find_level (c->levels, c->n_levels, lo), b = find_level (c->levels, c->n_levels, hi);
      for (guint k = a; k < b && k < nb; k++)
        c->tapered[k] = TRUE;
    }
}
