/* cam-features.c — feature recognition for a part machined from +Z in one setup.
 *
 * Method (2.5D decomposition by Z levels, as in "sliced" feature recognition)
 *   1. Z levels (cam-features-levels.c): the distinct heights of the mesh's vertices (within
 *      10 nm). Between two neighbouring levels every facet is either vertical or spans the whole slab, so a
 *      slab ("band") whose facets are all vertical is prismatic: one section describes it.
 *      Slabs holding sloped facets are marked tapered (cones, drafts, chamfers). Past
 *      max_bands + 1 heights (curved, freeform, textured parts) the levels kept are the
 *      floors (heights holding horizontal faces) and the heights nearest to evenly spaced
 *      ones, with a warning; their outlines are then simplified to 0.5 µm.
 *   1b. A tapered band whose section falls into far more separate outlines than the
 *      prismatic bands have (8 × + 64, or over 4000) is a rough or textured surface: it is
 *      not built into polygons, reaches through to what lies below, and is reported once.
 *      Each band's facets are listed in one pass (cam_slicer_prepare), not scanned per band.
 *   2. Each band is sliced at mid-height (cam-slice.c → GEOS MultiPolygon S_k).
 *   3. Footprint H = union of the shells of all sections (holes filled). The empty space
 *      in band k is V_k = H − S_k (GEOS overlay; a fast path takes the section's own
 *      holes when its shells equal H). Its connected parts are the candidate features.
 *   4. Top down, a void part of band k is compared with the reachable void parts of band
 *      k+1: identical (area to 1e-7 relative, box to 1 nm) → the same feature goes deeper;
 *      inside but different → a new feature starting on the floor above (parent);
 *      not covered from above → unreachable from +Z: an undercut ("needs another setup").
 *      In tapered bands a part contained in one part above continues it (cone bottoms,
 *      drafted walls).
 *   5. Each feature column is measured: round in every prismatic band and concentric →
 *      hole (least-squares circle of the section's vertices, cam-circle.c), with its
 *      bottom (through, flat, cone with its included angle); otherwise a pocket, or a slot
 *      when long and narrow (length = area / width > slot_ratio · width). Widths come from
 *      inward ray casting (cam-thickness.c) and GEOSMaximumInscribedCircle_r, corner radii
 *      from arcs fitted on the section outline. Islands inside a void are bosses.
 *   Cancel is looked at in every phase (per band, per column, every few thousand facets,
 *   loops or rays), so a cancelled call returns within a few milliseconds of work.
 *   6. Walls: the material sections' local thickness (cam-thickness.c); places thinner
 *      than wall_report_mm grouped by the pair of outlines they separate, their height the
 *      span of bands where they occur. Downward-facing facets above the part's bottom are
 *      undercuts too (a tool coming from +Z never touches them).
 *
 *          z ↑      band 2 (prismatic) │ pocket │   │hole│
 *            │─────────────────────────┴────────┴───┤    ├── level
 *            │      band 1 (prismatic)              │    │
 *            │──────────────────────────────────────┤    ├── level
 *
 * References
 *   - J. H. Vandenbrande, A. A. G. Requicha, "Spatial reasoning for the automatic
 *     recognition of machinable features in solid models", IEEE PAMI 15(12), 1993.
 *   - Y. S. Lee, T. C. Chang, "2.5D feature extraction by volume decomposition", and
 *     J. J. Shah, M. Mäntylä, "Parametric and Feature-Based CAD/CAM", Wiley 1995, ch. 8
 *     (cell decomposition into 2.5D volumes, accessibility from the tool direction).
 *   - GEOS C API (overlay, MaximumInscribedCircle). */
#include "cam-features-private.h"

/* More separate outlines than this in one sloped band's section: a rough or textured surface.
 * A part's real features give tens to a thousand outlines per section (a plate of 1024
 * holes and pockets: 1025); a 10 × 10 mm knurl of 0.25 mm pitch cut near its mean height gives
 * thousands, random roughness tens of thousands. */
#define CAM_FEATURES_RELIEF_LOOPS 4000u

typedef CamFeaturesComp Comp;
typedef CamFeaturesColumn Column;
typedef CamFeaturesCtx Ctx;

#include <math.h>
#include <string.h>

#include "cam-circle.h"
#include "cam-error.h"
#include "cam-slice.h"
#include "cam-thickness.h"

static void
comp_free (gpointer p)
{
  g_free (p);
}

static void
geom_bbox (GEOSContextHandle_t geos, const GEOSGeometry *g, double bb[4])
{
  GEOSGeom_getXMin_r (geos, g, &bb[0]);
  GEOSGeom_getYMin_r (geos, g, &bb[1]);
  GEOSGeom_getXMax_r (geos, g, &bb[2]);
  GEOSGeom_getYMax_r (geos, g, &bb[3]);
}

static gboolean
bbox_overlap (const double a[4], const double b[4], double tol)
{
  return a[0] <= b[2] + tol && b[0] <= a[2] + tol && a[1] <= b[3] + tol && b[1] <= a[3] + tol;
}

/* Copies a ring's coordinates (without the repeated last point) into a new GArray. */
GArray *
cam_features_ring_xy (GEOSContextHandle_t geos, const GEOSGeometry *ring)
{
  GArray *a = g_array_new (FALSE, FALSE, sizeof (double));
  const GEOSCoordSequence *seq = GEOSGeom_getCoordSeq_r (geos, ring);
  unsigned int n = 0;
  if (seq == NULL || !GEOSCoordSeq_getSize_r (geos, seq, &n) || n < 4)
    return a;
  g_array_set_size (a, 2 * n);
  GEOSCoordSeq_copyToBuffer_r (geos, seq, (double *) a->data, FALSE, FALSE);
  g_array_set_size (a, 2 * (n - 1));
  return a;
}

static double
xy_signed_area (const double *xy, guint n)
{
  double a = 0.0;
  for (guint k = 0; k < n; k++)
    {
      guint k1 = (k + 1) % n;
      a += xy[2 * k] * xy[2 * k1 + 1] - xy[2 * k1] * xy[2 * k + 1];
    }
  return 0.5 * a;
}


static void
add_polygons (Ctx *c, const GEOSGeometry *g, guint band, GPtrArray *out)
{
  int n = GEOSGetNumGeometries_r (c->geos, g);
  for (int i = 0; i < n; i++)
    {
      const GEOSGeometry *p = GEOSGetGeometryN_r (c->geos, g, i);
      int type = GEOSGeomTypeId_r (c->geos, p);
      if (type == GEOS_MULTIPOLYGON || type == GEOS_GEOMETRYCOLLECTION)
        {
          add_polygons (c, p, band, out);
          continue;
        }
      if (type != GEOS_POLYGON || GEOSisEmpty_r (c->geos, p))
        continue;
      double area = 0;
      GEOSArea_r (c->geos, p, &area);
      if (area < 1e-6)   /* below a 1 µm × 1 mm sliver: overlay noise, not a feature */
        continue;
      /* a strip whose mean width (2 · area / perimeter) is under 1 µm — what two sections of a
       * wavy freeform wall leave between them — is below the analysis' accuracy, whatever its
       * length; each such sliver would otherwise become a pocket or undercut of its own */
      double perimeter = 0;
      GEOSLength_r (c->geos, p, &perimeter);
      if (2.0 * area < 1e-3 * perimeter)
        continue;
      Comp *cp = g_new0 (Comp, 1);
      cp->poly = GEOSGeom_clone_r (c->geos, p);
      cp->area = area;
      cp->band = band;
      cp->col = -1;
      geom_bbox (c->geos, p, cp->bbox);
      cp->index = c->comps->len;
      g_ptr_array_add (c->comps, cp);
      g_ptr_array_add (out, cp);
    }
}

static GEOSGeometry *
shell_polygon (GEOSContextHandle_t geos, const GEOSGeometry *poly)
{
  GEOSGeometry *ring = GEOSGeom_clone_r (geos, GEOSGetExteriorRing_r (geos, poly));
  return GEOSGeom_createPolygon_r (geos, ring, NULL, 0);
}

/* Same polygon, vertex for vertex (boxes and vertex counts first: most pairs differ there). */
static gboolean
shells_equal (GEOSContextHandle_t geos, const GEOSGeometry *a, const GEOSGeometry *b)
{
  double ba[4], bb[4];
  geom_bbox (geos, a, ba);
  geom_bbox (geos, b, bb);
  if (memcmp (ba, bb, sizeof ba) != 0 || GEOSGetNumCoordinates_r (geos, a) != GEOSGetNumCoordinates_r (geos, b))
    return FALSE;
  /* the same ring may start at another vertex (the first facet cut differs from band to band):
   * compare cyclically from where b's first vertex is in a */
  GArray *ra = cam_features_ring_xy (geos, GEOSGetExteriorRing_r (geos, a));
  GArray *rb = cam_features_ring_xy (geos, GEOSGetExteriorRing_r (geos, b));
  guint n = ra->len / 2;
  gboolean same = n > 0 && rb->len == ra->len;
  const double *pa = (const double *) ra->data, *pb = (const double *) rb->data;
  guint shift = 0;
  while (same && shift < n && (pa[2 * shift] != pb[0] || pa[2 * shift + 1] != pb[1]))
    shift++;
  same = same && shift < n;
  for (guint i = 0; same && i < n; i++)
    {
      guint j = (i + shift) % n;
      same = pa[2 * j] == pb[2 * i] && pa[2 * j + 1] == pb[2 * i + 1];
    }
  g_array_unref (ra);
  g_array_unref (rb);
  return same;
}

/* the shells gathered so far, on a return before they are united */
static void
free_shells (GEOSContextHandle_t geos, GPtrArray *shells)
{
  for (guint i = 0; i < shells->len; i++)
    GEOSGeom_destroy_r (geos, g_ptr_array_index (shells, i));
  g_ptr_array_free (shells, TRUE);
}

/* STEPS 2–3 */
static gboolean
slice_and_find_voids (Ctx *c, CamSlicer *slicer, GCancellable *cancellable, GError **error)
{
  guint nb = c->n_levels - 1;
  const char *name = c->mesh->source_path ? c->mesh->source_path : "part";
  GPtrArray *shells = g_ptr_array_new ();
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      free_shells (c->geos, shells);
      return FALSE;
    }
  /* every band is cut once at mid-height: list the facets each cut meets in one pass */
  g_autofree double *mids = g_new (double, MAX (nb, 1));
  for (guint k = 0; k < nb; k++)
    mids[k] = 0.5 * (c->levels[k] + c->levels[k + 1]);
  cam_slicer_set_cancellable (slicer, cancellable);
  cam_slicer_prepare (slicer, mids, nb);
  /* over the cap the bands are an approximation anyway: outlines within 0.5 µm of a chord
   * (a finely facetted freeform wall) lose their extra vertices, which the overlays would
   * otherwise carry band after band */
  if (c->capped)
    cam_slicer_set_simplify (slicer, 5e-4);
  c->relief = g_new0 (gboolean, MAX (nb, 1));
  guint prev_first = 0;
  guint n_relief = 0, relief_loops = 0;
  double relief_lo = G_MAXDOUBLE, relief_hi = -G_MAXDOUBLE;
  /* prismatic bands first: their outline counts are what the part's real features give, and a
   * sloped band cut through many more separate outlines than that (and than 64) — or through
   * thousands — is a rough or textured surface (knurl, bead blast, an as-printed top) whose
   * specks are no features. Its section is then not built at all. */
  g_ptr_array_set_size (c->sections, nb);
  guint prism_loops = 0;
  gboolean any_prism = FALSE;
  for (int pass = 0; pass < 2; pass++)
    for (guint k = 0; k < nb; k++)
      {
        if ((pass == 0) == (gboolean) c->tapered[k])
          continue;
        if (g_cancellable_set_error_if_cancelled (cancellable, error))
          {
            free_shells (c->geos, shells);
            return FALSE;
          }
        guint max_loops = 0;
        if (c->tapered[k])
          max_loops = any_prism ? MIN (CAM_FEATURES_RELIEF_LOOPS, 8 * prism_loops + 64) : CAM_FEATURES_RELIEF_LOOPS;
        cam_slicer_set_max_loops (slicer, max_loops);
        CamSlice *s = cam_slicer_slice (slicer, mids[k], error);
        if (s == NULL)
          {
            free_shells (c->geos, shells);
            return FALSE;
          }
        if (!c->tapered[k])
          {
            any_prism = TRUE;
            prism_loops = MAX (prism_loops, s->n_loops);
          }
        if (s->too_complex)
          {
            c->relief[k] = TRUE;
            n_relief++;
            relief_loops = MAX (relief_loops, s->n_loops);
            relief_lo = MIN (relief_lo, c->levels[k]);
            relief_hi = MAX (relief_hi, c->levels[k + 1]);
          }
        g_ptr_array_index (c->sections, k) = s;
      }
  for (guint k = 0; k < nb; k++)
    {
      const CamSlice *s = g_ptr_array_index (c->sections, k);
      if (s->open_chains > 0)
        g_ptr_array_add (c->set->warnings,
                         g_strdup_printf ("%s: the section at z = %.4f mm has %u open outline(s); "
                                          "results there may be incomplete",
                                          name, s->z, s->open_chains));
      /* a shell equal to one of the band below's (a prismatic part's outline, band after band)
       * adds nothing to the union, and uniting many copies of one long outline costs more than
       * the slicing: keep one */
      int np = GEOSGetNumGeometries_r (c->geos, s->area);
      guint band_first = shells->len;
      for (int i = 0; i < np; i++)
        {
          GEOSGeometry *sh = shell_polygon (c->geos, GEOSGetGeometryN_r (c->geos, s->area, i));
          gboolean dup = FALSE;
          for (guint j = prev_first; j < band_first && !dup; j++)
            dup = shells_equal (c->geos, g_ptr_array_index (shells, j), sh);
          if (dup)
            GEOSGeom_destroy_r (c->geos, sh);
          else
            g_ptr_array_add (shells, sh);
        }
      /* the copies dropped stand for the band's own shells for the next band's comparison */
      if (shells->len > band_first || np == 0)
        prev_first = band_first;
    }
  if (n_relief > 0)
    g_ptr_array_add (c->set->warnings,
                     g_strdup_printf ("%s: between z = %.4f and %.4f mm the part is a rough or textured surface "
                                      "(%u band(s), up to %u separate outlines in one section): analysed as a "
                                      "surface to finish, not as features",
                                      name, relief_lo, relief_hi, n_relief, relief_loops));
  GEOSGeometry *coll = GEOSGeom_createCollection_r (c->geos, GEOS_GEOMETRYCOLLECTION,
                                                    (GEOSGeometry **) shells->pdata, shells->len);
  g_ptr_array_free (shells, TRUE);
  c->hull = GEOSUnaryUnion_r (c->geos, coll);
  GEOSGeom_destroy_r (c->geos, coll);
  if (c->capped && c->hull != NULL)
    {
      /* the footprint of a freeform part is pieced from hundreds of sections: simplified to the
       * sections' 0.5 µm (what it moves is below the voids' sliver limit), else every void
       * carries all its vertices through the overlays of every band */
      GEOSGeometry *simple = GEOSTopologyPreserveSimplify_r (c->geos, c->hull, 5e-4);
      if (simple != NULL && !GEOSisEmpty_r (c->geos, simple))
        {
          GEOSGeom_destroy_r (c->geos, c->hull);
          c->hull = simple;
        }
      else if (simple != NULL)
        GEOSGeom_destroy_r (c->geos, simple);
    }
  if (c->hull == NULL || GEOSisEmpty_r (c->geos, c->hull))
    {
      g_set_error (error, CAM_ERROR, CAM_ERROR_EMPTY,
                   "%s: no section of the part has any area; is it a solid?", name);
      return FALSE;
    }
  c->hull_boundary = GEOSBoundary_r (c->geos, c->hull);
  c->hull_boundary_prep = c->hull_boundary ? GEOSPrepare_r (c->geos, c->hull_boundary) : NULL;
  if (c->hull_boundary_prep == NULL)
    {
      g_set_error (error, CAM_ERROR, CAM_ERROR_INVALID, "%s: the part's outline is not a valid polygon", name);
      return FALSE;
    }
  double hull_area = 0;
  GEOSArea_r (c->geos, c->hull, &hull_area);
  int hull_n = GEOSGetNumGeometries_r (c->geos, c->hull);

  c->band_comps = g_new0 (GPtrArray *, nb);
  for (guint k = 0; k < nb; k++)
    c->band_comps[k] = g_ptr_array_new ();
  for (guint k = 0; k < nb; k++)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if (c->relief[k])
        continue;
      const CamSlice *s = g_ptr_array_index (c->sections, k);
      int np = GEOSGetNumGeometries_r (c->geos, s->area);
      double shell_area = 0;
      for (int i = 0; i < np; i++)
        {
          const GEOSGeometry *p = GEOSGetGeometryN_r (c->geos, s->area, i);
          shell_area += fabs (cam_slice_ring_signed_area (c->geos, GEOSGetExteriorRing_r (c->geos, p)));
        }
      if (np == hull_n && fabs (shell_area - hull_area) <= 1e-9 * hull_area)
        {
          /* fast path: the section's shells are the footprint, the voids are its holes */
          for (int i = 0; i < np; i++)
            {
              const GEOSGeometry *p = GEOSGetGeometryN_r (c->geos, s->area, i);
              int nh = GEOSGetNumInteriorRings_r (c->geos, p);
              for (int h = 0; h < nh; h++)
                {
                  GEOSGeometry *hp = GEOSGeom_createPolygon_r (
                    c->geos, GEOSGeom_clone_r (c->geos, GEOSGetInteriorRingN_r (c->geos, p, h)), NULL, 0);
                  add_polygons (c, hp, k, c->band_comps[k]);
                  GEOSGeom_destroy_r (c->geos, hp);
                }
            }
        }
      else
        {
          GEOSGeometry *v = GEOSDifference_r (c->geos, c->hull, s->area);
          if (v != NULL)
            {
              add_polygons (c, v, k, c->band_comps[k]);
              GEOSGeom_destroy_r (c->geos, v);
            }
        }
    }
  return TRUE;
}

static gboolean
comps_match (const Comp *a, const Comp *b)
{
  double tol = 1e-6;
  /* float STL rounding moves facet split points off their chords by ~1e-7 relative */
  return fabs (a->area - b->area) <= 1e-7 * MAX (a->area, b->area) + 1e-12
         && fabs (a->bbox[0] - b->bbox[0]) <= tol && fabs (a->bbox[1] - b->bbox[1]) <= tol
         && fabs (a->bbox[2] - b->bbox[2]) <= tol && fabs (a->bbox[3] - b->bbox[3]) <= tol;
}

static int
new_column (Ctx *c, guint band, int parent)
{
  Column col = { g_array_new (FALSE, FALSE, sizeof (guint)), parent, band, band, FALSE };
  g_array_append_val (c->columns, col);
  return (int) c->columns->len - 1;
}

static void
column_add (Ctx *c, int ci, Comp *cp)
{
  Column *col = &g_array_index (c->columns, Column, ci);
  g_array_append_val (col->comps, cp->index);
  col->bottom_band = MIN (col->bottom_band, cp->band);
  cp->col = ci;
}

/* STEP 4 */
static void
link_columns (Ctx *c)
{
  guint nb = c->n_levels - 1;
  GPtrArray *reach_above = NULL;
  for (int k = (int) nb - 1; k >= 0; k--)
    {
      if (cam_features_cancelled (c))
        break;
      /* a relief band hides nothing: what is below it is reached through it as from above it */
      if (c->relief[k])
        continue;
      GPtrArray *here = c->band_comps[k];
      GPtrArray *reach = g_ptr_array_new ();
      for (guint i = 0; i < here->len; i++)
        {
          Comp *cp = g_ptr_array_index (here, i);
          if (reach_above == NULL)
            {
              column_add (c, new_column (c, k, -1), cp);
              g_ptr_array_add (reach, cp);
              continue;
            }
          GPtrArray *cand = g_ptr_array_new ();
          for (guint j = 0; j < reach_above->len; j++)
            {
              Comp *d = g_ptr_array_index (reach_above, j);
              if (bbox_overlap (cp->bbox, d->bbox, 1e-7))
                g_ptr_array_add (cand, d);
            }
          /* the same outline one band up (boxes of other voids may overlap it) */
          Comp *same = NULL, *inside = NULL;
          for (guint j = 0; j < cand->len && same == NULL; j++)
            if (comps_match (cp, g_ptr_array_index (cand, j)))
              same = g_ptr_array_index (cand, j);
          if (same == NULL && (c->tapered[k] || c->tapered[k + 1]))
            for (guint j = 0; j < cand->len && inside == NULL; j++)
              {
                Comp *d = g_ptr_array_index (cand, j);
                if (d->area >= cp->area && GEOSContains_r (c->geos, d->poly, cp->poly) == 1)
                  inside = d;
              }
          Comp *d0 = cand->len == 1 ? g_ptr_array_index (cand, 0) : NULL;
          if (same != NULL)
            {
              column_add (c, same->col, cp);
              g_ptr_array_add (reach, cp);
            }
          else if (inside != NULL)
            {
              column_add (c, inside->col, cp);
              g_array_index (c->columns, Column, inside->col).tapered_continuation = TRUE;
              g_ptr_array_add (reach, cp);
            }
          else if (cand->len == 0)
            g_ptr_array_add (c->undercut_comps, cp);
          else
            {
              /* the part of cp under the voids above is reachable; the rest is not */
              GEOSGeometry *above;
              if (cand->len == 1)
                above = GEOSGeom_clone_r (c->geos, d0->poly);
              else
                {
                  GEOSGeometry **gs = g_new (GEOSGeometry *, cand->len);
                  for (guint j = 0; j < cand->len; j++)
                    gs[j] = GEOSGeom_clone_r (c->geos, ((Comp *) g_ptr_array_index (cand, j))->poly);
                  GEOSGeometry *col = GEOSGeom_createCollection_r (c->geos, GEOS_GEOMETRYCOLLECTION, gs, cand->len);
                  g_free (gs);
                  above = GEOSUnaryUnion_r (c->geos, col);
                  GEOSGeom_destroy_r (c->geos, col);
                }
              GEOSGeometry *in = GEOSIntersection_r (c->geos, cp->poly, above);
              GEOSGeometry *out = GEOSDifference_r (c->geos, cp->poly, above);
              GPtrArray *parts = g_ptr_array_new ();
              if (in != NULL)
                add_polygons (c, in, k, parts);
              for (guint p = 0; p < parts->len; p++)
                {
                  Comp *pc = g_ptr_array_index (parts, p);
                  Comp *best = NULL;
                  double best_ov = 0;
                  for (guint j = 0; j < cand->len; j++)
                    {
                      Comp *d = g_ptr_array_index (cand, j);
                      if (comps_match (pc, d))
                        {
                          best = d;
                          best_ov = G_MAXDOUBLE;
                          break;
                        }
                      if (!bbox_overlap (pc->bbox, d->bbox, 0))
                        continue;
                      if (cand->len == 1)
                        {
                          /* pc is a part of cp ∩ d: its overlap with d is all of it */
                          best = d;
                          break;
                        }
                      GEOSGeometry *ov = GEOSIntersection_r (c->geos, pc->poly, d->poly);
                      double a = 0;
                      if (ov != NULL)
                        {
                          GEOSArea_r (c->geos, ov, &a);
                          GEOSGeom_destroy_r (c->geos, ov);
                        }
                      if (a > best_ov)
                        {
                          best_ov = a;
                          best = d;
                        }
                    }
                  if (best != NULL && best_ov == G_MAXDOUBLE)
                    column_add (c, best->col, pc);
                  else
                    column_add (c, new_column (c, k, best ? best->col : -1), pc);
                  g_ptr_array_add (reach, pc);
                }
              g_ptr_array_free (parts, TRUE);
              if (out != NULL)
                {
                  GPtrArray *lost = g_ptr_array_new ();
                  add_polygons (c, out, k, lost);
                  for (guint p = 0; p < lost->len; p++)
                    g_ptr_array_add (c->undercut_comps, g_ptr_array_index (lost, p));
                  g_ptr_array_free (lost, TRUE);
                  GEOSGeom_destroy_r (c->geos, out);
                }
              if (in != NULL)
                GEOSGeom_destroy_r (c->geos, in);
              GEOSGeom_destroy_r (c->geos, above);
            }
          g_ptr_array_free (cand, TRUE);
        }
      if (reach_above != NULL)
        g_ptr_array_free (reach_above, TRUE);
      reach_above = reach;
    }
  if (reach_above != NULL)
    g_ptr_array_free (reach_above, TRUE);
}

static Comp *
comp_at (Ctx *c, const Column *col, guint i)
{
  return g_ptr_array_index (c->comps, g_array_index (col->comps, guint, i));
}

/* Round outline of a single-ring polygon, after dropping slicing's collinear points. */
static gboolean
poly_round (Ctx *c, const GEOSGeometry *poly, CamCircle *circle)
{
  if (GEOSGetNumInteriorRings_r (c->geos, poly) != 0)
    return FALSE;
  GArray *xy = cam_features_ring_xy (c->geos, GEOSGetExteriorRing_r (c->geos, poly));
  guint n = cam_circle_drop_collinear ((double *) xy->data, xy->len / 2, 1e-9);
  CamCircle fit;
  gboolean ok = cam_circle_fit ((double *) xy->data, n, &fit);
  ok = ok && cam_circle_ring_is_round ((double *) xy->data, n, 8, c->opts->round_tol_mm + 2e-3 * fit.r, circle);
  g_array_unref (xy);
  return ok;
}

/* Area centroid (the box centre if GEOS cannot give one). */
static void
centroid (GEOSContextHandle_t geos, const GEOSGeometry *g, const double bbox[4], double out[2])
{
  GEOSGeometry *cen = GEOSGetCentroid_r (geos, g);
  if (cen == NULL || GEOSisEmpty_r (geos, cen) || !GEOSGeomGetX_r (geos, cen, &out[0])
      || !GEOSGeomGetY_r (geos, cen, &out[1]))
    {
      out[0] = 0.5 * (bbox[0] + bbox[2]);
      out[1] = 0.5 * (bbox[1] + bbox[3]);
    }
  if (cen != NULL)
    GEOSGeom_destroy_r (geos, cen);
}

static void
add_outline (Ctx *c, CamFeature *f, const GEOSGeometry *poly)
{
  g_ptr_array_add (f->outline, cam_features_ring_xy (c->geos, GEOSGetExteriorRing_r (c->geos, poly)));
  int nh = GEOSGetNumInteriorRings_r (c->geos, poly);
  for (int h = 0; h < nh; h++)
    g_ptr_array_add (f->outline, cam_features_ring_xy (c->geos, GEOSGetInteriorRingN_r (c->geos, poly, h)));
}

void
cam_features_add (Ctx *c, CamFeature *f, int parent)
{
  g_ptr_array_add (c->set->features, f);
  g_array_append_val (c->parents, parent);
}

/* Corner radius of a void's outline; vertices on the footprint boundary are skipped. */
static void
void_corner_radius (Ctx *c, const GEOSGeometry *poly, gboolean open_side, CamFeature *f)
{
  GArray *xy = cam_features_ring_xy (c->geos, GEOSGetExteriorRing_r (c->geos, poly));
  guint n = cam_circle_drop_collinear ((double *) xy->data, xy->len / 2, 1e-9);
  const double *p = (const double *) xy->data;
  g_autofree guint8 *skip = NULL;
  if (open_side)
    {
      skip = g_new0 (guint8, MAX (n, 1));
      for (guint i = 0; i < n; i++)
        {
          GEOSGeometry *pt = GEOSGeom_createPointFromXY_r (c->geos, p[2 * i], p[2 * i + 1]);
          double d = 1;
          GEOSPreparedDistance_r (c->geos, c->hull_boundary_prep, pt, &d);
          skip[i] = d < 1e-6;
          GEOSGeom_destroy_r (c->geos, pt);
        }
    }
  int side = xy_signed_area (p, n) > 0 ? 1 : -1;
  double r, at[2];
  if (cam_circle_min_corner_radius (p, n, side, c->opts->sharp_deg, skip, &r, at))
    {
      f->min_corner_radius_mm = r;
      f->corner_at[0] = at[0];
      f->corner_at[1] = at[1];
    }
  g_array_unref (xy);
}

/* STEP 5 */
static void
classify_columns (Ctx *c)
{
  g_autofree int *col_feature = g_new (int, MAX (c->columns->len, 1));
  GPtrArray *bosses = g_ptr_array_new ();
  GArray *boss_col = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint ci = 0; ci < c->columns->len && !cam_features_cancelled (c); ci++)
    {
      const Column *col = &g_array_index (c->columns, Column, ci);
      Comp *top = comp_at (c, col, 0);
      double top_z = c->levels[col->top_band + 1], bottom_z = c->levels[col->bottom_band];
      double bb[4] = { G_MAXDOUBLE, G_MAXDOUBLE, -G_MAXDOUBLE, -G_MAXDOUBLE };
      double prism_bottom = top_z;
      gboolean round = TRUE, any_prism = FALSE;
      CamCircle circ = { 0 }, first = { 0 };
      for (guint i = 0; i < col->comps->len; i++)
        {
          Comp *cp = comp_at (c, col, i);
          bb[0] = MIN (bb[0], cp->bbox[0]);
          bb[1] = MIN (bb[1], cp->bbox[1]);
          bb[2] = MAX (bb[2], cp->bbox[2]);
          bb[3] = MAX (bb[3], cp->bbox[3]);
          /* a band is tapered when any facet spans it sloped (a dome around a bore): the
           * comp is still prismatic when it equals its neighbour in the column */
          gboolean prismatic = !c->tapered[cp->band];
          if (!prismatic && col->comps->len > 1)
            {
              Comp *nb = comp_at (c, col, i > 0 ? i - 1 : i + 1);
              prismatic = comps_match (cp, nb);
            }
          if (!prismatic)
            continue;
          if (round && poly_round (c, cp->poly, &circ))
            {
              if (!any_prism)
                first = circ;
              else if (hypot (circ.cx - first.cx, circ.cy - first.cy) > 1e-3)
                round = FALSE;
            }
          else
            round = FALSE;
          any_prism = TRUE;
          prism_bottom = MIN (prism_bottom, c->levels[cp->band]);
        }
      round = round && any_prism;
      gboolean through = col->bottom_band == 0;
      double area_top = top->area;
      double dist_out = 1;
      GEOSPreparedDistance_r (c->geos, c->hull_boundary_prep, top->poly, &dist_out);
      gboolean open_side = dist_out < 1e-6;

      CamFeature *f;
      if (round && !open_side)
        {
          f = cam_feature_new (CAM_FEATURE_HOLE);
          f->diameter_mm = 2.0 * first.r;
          f->min_width_mm = f->diameter_mm;
          f->center[0] = first.cx;
          f->center[1] = first.cy;
          f->depth_mm = top_z - (through ? bottom_z : prism_bottom);
          if (through)
            f->bottom = g_strdup ("through");
          else if (prism_bottom - bottom_z > 1e-5)
            {
              /* the tapered bands below the bore: a cone if they stay round and concentric */
              Comp *last = comp_at (c, col, col->comps->len - 1);
              CamCircle tip;
              double h = prism_bottom - bottom_z;
              if (poly_round (c, last->poly, &tip) && hypot (tip.cx - first.cx, tip.cy - first.cy) < 1e-3
                  && col->comps->len >= 2)
                {
                  /* the cone runs from the bore's diameter to (near) a point: the section at
                   * mid-height of the last band gives the slope */
                  double band_h = c->levels[last->band + 1] - c->levels[last->band];
                  double slope = (first.r - tip.r) / (0.5 * band_h);   /* Δr/Δz = tan(half angle) */
                  f->bottom = g_strdup ("cone");
                  f->tip_angle_deg = 2.0 * atan (slope) * 180.0 / G_PI;
                }
              else
                f->bottom = g_strdup ("tapered");
              f->tip_depth_mm = h;
            }
          else
            f->bottom = g_strdup ("flat");
          f->through = through;
          /* a round, concentric cone at the mouth (tapered top band): a countersink. The
           * section at mid-height is the mean of the bore and the top diameter. */
          CamCircle mouth;
          if (c->tapered[top->band] && top_z - c->levels[top->band] > 0 && poly_round (c, top->poly, &mouth)
              && hypot (mouth.cx - first.cx, mouth.cy - first.cy) < 1e-3 && mouth.r > first.r + 1e-6)
            {
              double h = top_z - c->levels[top->band];
              double d_top = 2.0 * (2.0 * mouth.r) - 2.0 * first.r;
              f->countersink_diameter_mm = d_top;
              f->countersink_angle_deg = 2.0 * atan ((0.5 * d_top - first.r) / h) * 180.0 / G_PI;
            }
        }
      else
        {
          /* width: local width by ray casting; slot or pocket by length over width */
          CamThicknessHit w;
          double width = NAN;
          if (cam_thickness_scan (c->geos, top->poly, G_MAXDOUBLE, 0.0, &w, NULL, c->cancellable))
            width = w.thickness;
          /* the inscribed circle only tells slots from pockets: 0.2 % of the width is plenty,
           * and a finer tolerance costs a lot on long, narrow outlines */
          double mic_tol = 2e-3 * (isfinite (width) ? width : MIN (top->bbox[2] - top->bbox[0], top->bbox[3] - top->bbox[1]));
          double span = hypot (top->bbox[2] - top->bbox[0], top->bbox[3] - top->bbox[1]);
          mic_tol = MAX (mic_tol, 1e-4 * span);   /* slivers: bounded work */
          /* GEOS 3.11 starts the search with a grid of square cells as wide as the outline's
           * narrow side: an outline 10⁷ times longer than wide asked for 10⁷ cells (1.3 GB, found
           * by fuzz-features). Past 10⁵ : 1 the narrow side is the width anyway. */
          double env_w = top->bbox[2] - top->bbox[0], env_h = top->bbox[3] - top->bbox[1];
          gboolean sliver = !(MIN (env_w, env_h) * 1e5 >= MAX (env_w, env_h));
          GEOSGeometry *mic = sliver ? NULL : GEOSMaximumInscribedCircle_r (c->geos, top->poly, MAX (mic_tol, 1e-6));
          double mic_d = sliver ? (isfinite (width) ? width : MIN (env_w, env_h)) : NAN;
          if (mic != NULL)
            {
              GEOSLength_r (c->geos, mic, &mic_d);
              mic_d *= 2.0;
              GEOSGeom_destroy_r (c->geos, mic);
            }
          if (!isfinite (width) || width > mic_d)
            width = mic_d;
          double length = area_top / width;
          gboolean slot = isfinite (mic_d) && length > c->opts->slot_ratio * mic_d && width > 0.8 * mic_d;
          f = cam_feature_new (slot ? CAM_FEATURE_SLOT : CAM_FEATURE_POCKET);
          f->min_width_mm = width;
          if (slot)
            f->length_mm = length;
          centroid (c->geos, top->poly, top->bbox, f->center);
          f->depth_mm = top_z - bottom_z;
          f->through = through;
          f->bottom = g_strdup (through ? "through" : (c->tapered[col->bottom_band] ? "tapered" : "flat"));
          f->open_side = open_side;
          void_corner_radius (c, top->poly, open_side, f);

          /* islands in the void: bosses standing on its floor */
          int nh = GEOSGetNumInteriorRings_r (c->geos, top->poly);
          for (int h = 0; h < nh; h++)
            {
              GEOSGeometry *isl = GEOSGeom_createPolygon_r (
                c->geos, GEOSGeom_clone_r (c->geos, GEOSGetInteriorRingN_r (c->geos, top->poly, h)), NULL, 0);
              CamFeature *b = cam_feature_new (CAM_FEATURE_BOSS);
              CamCircle bc;
              double ib[4];
              geom_bbox (c->geos, isl, ib);
              if (poly_round (c, isl, &bc))
                {
                  b->diameter_mm = 2.0 * bc.r;
                  b->center[0] = bc.cx;
                  b->center[1] = bc.cy;
                }
              else
                {
                  centroid (c->geos, isl, ib, b->center);
                }
              CamThicknessHit bt;
              if (cam_thickness_scan (c->geos, isl, G_MAXDOUBLE, 0.0, &bt, NULL, c->cancellable))
                b->thickness_mm = bt.thickness;
              b->height_mm = top_z - bottom_z;
              b->top_z = top_z;
              b->bottom_z = bottom_z;
              b->center[2] = 0.5 * (top_z + bottom_z);
              b->bbox = (CamBounds) { { ib[0], ib[1], bottom_z }, { ib[2], ib[3], top_z } };
              add_outline (c, b, isl);
              GEOSGeom_destroy_r (c->geos, isl);
              g_ptr_array_add (bosses, b);
              g_array_append_val (boss_col, ci);
            }
        }
      f->top_z = top_z;
      f->bottom_z = bottom_z;
      f->center[2] = 0.5 * (top_z + bottom_z);
      f->bbox = (CamBounds) { { bb[0], bb[1], bottom_z }, { bb[2], bb[3], top_z } };
      add_outline (c, f, top->poly);
      col_feature[ci] = (int) c->set->features->len;
      /* columns are made top down: a parent column is always classified already */
      cam_features_add (c, f, col->parent >= 0 ? col_feature[col->parent] : -1);
    }
  for (guint b = 0; b < bosses->len; b++)
    cam_features_add (c, g_ptr_array_index (bosses, b), col_feature[g_array_index (boss_col, guint, b)]);
  g_ptr_array_free (bosses, TRUE);
  g_array_unref (boss_col);
}

static void
store_section_rings (Ctx *c)
{
  guint nb = c->sections->len;
  for (guint k = 0; k < nb; k++)
    {
      if (nb > 8 && k != 0 && k != nb - 1)
        continue;
      const CamSlice *s = g_ptr_array_index (c->sections, k);
      int np = GEOSGetNumGeometries_r (c->geos, s->area);
      for (int i = 0; i < np; i++)
        {
          const GEOSGeometry *p = GEOSGetGeometryN_r (c->geos, s->area, i);
          g_ptr_array_add (c->set->section_rings, cam_features_ring_xy (c->geos, GEOSGetExteriorRing_r (c->geos, p)));
          int nh = GEOSGetNumInteriorRings_r (c->geos, p);
          for (int h = 0; h < nh; h++)
            g_ptr_array_add (c->set->section_rings,
                             cam_features_ring_xy (c->geos, GEOSGetInteriorRingN_r (c->geos, p, h)));
        }
    }
}

static void
ctx_clear (Ctx *c)
{
  for (guint i = 0; c->comps && i < c->comps->len; i++)
    {
      Comp *cp = g_ptr_array_index (c->comps, i);
      GEOSGeom_destroy_r (c->geos, cp->poly);
    }
  g_clear_pointer (&c->comps, g_ptr_array_unref);
  for (guint k = 0; c->band_comps && k + 1 < c->n_levels; k++)
    g_ptr_array_free (c->band_comps[k], TRUE);
  g_clear_pointer (&c->band_comps, g_free);
  for (guint i = 0; c->columns && i < c->columns->len; i++)
    g_array_unref (g_array_index (c->columns, Column, i).comps);
  g_clear_pointer (&c->columns, g_array_unref);
  g_clear_pointer (&c->undercut_comps, g_ptr_array_unref);
  g_clear_pointer (&c->sections, g_ptr_array_unref);
  if (c->hull_boundary_prep)
    GEOSPreparedGeom_destroy_r (c->geos, c->hull_boundary_prep);
  if (c->hull_boundary)
    GEOSGeom_destroy_r (c->geos, c->hull_boundary);
  if (c->hull)
    GEOSGeom_destroy_r (c->geos, c->hull);
  g_clear_pointer (&c->levels, g_free);
  g_clear_pointer (&c->tapered, g_free);
  g_clear_pointer (&c->relief, g_free);
  g_clear_pointer (&c->parents, g_array_unref);
}

/* Phase times for G_MESSAGES_DEBUG=microcam (what a profile of a big part needs first). */
#define PHASE(what)                                                                              \
  do                                                                                             \
    {                                                                                            \
      gint64 now_ = g_get_monotonic_time ();                                                     \
      g_debug ("features: %-18s %7.3f s (%u bands)", what, (now_ - t0) / 1e6, c.n_levels ? c.n_levels - 1 : 0); \
      t0 = now_;                                                                                 \
    }                                                                                            \
  while (0)

CamFeatureSet *
cam_features_recognize (CamMesh *mesh, const CamFeatureOptions *opts, GCancellable *cancellable, GError **error)
{
  g_return_val_if_fail (mesh != NULL, NULL);
  CamFeatureOptions defaults;
  if (opts == NULL)
    {
      cam_feature_options_init (&defaults);
      opts = &defaults;
    }
  const char *name = mesh->source_path ? mesh->source_path : "part";
  if (!mesh->watertight)
    {
      g_set_error (error, CAM_ERROR, CAM_ERROR_INVALID,
                   "%s: the mesh is not a closed solid (%u open edge(s), %u edge(s) shared by more than two "
                   "facets); feature recognition needs a watertight part — repair or re-export it",
                   name, mesh->boundary_edges, mesh->nonmanifold_edges);
      return NULL;
    }
  if (mesh->bounds.max[2] - mesh->bounds.min[2] <= 1e-5)
    {
      g_set_error (error, CAM_ERROR, CAM_ERROR_INVALID, "%s: the part has no height", name);
      return NULL;
    }

  Ctx c = { 0 };
  c.opts = opts;
  c.mesh = mesh;
  c.cancellable = cancellable;
  c.set = cam_feature_set_new ();
  c.set->bounds = mesh->bounds;
  c.sections = g_ptr_array_new_with_free_func ((GDestroyNotify) cam_slice_free);
  c.comps = g_ptr_array_new_with_free_func (comp_free);
  c.columns = g_array_new (FALSE, FALSE, sizeof (Column));
  c.undercut_comps = g_ptr_array_new ();
  c.parents = g_array_new (FALSE, FALSE, sizeof (int));
  CamSlicer *slicer = cam_slicer_new (mesh);
  c.geos = cam_slicer_get_context (slicer);

  if (mesh->misoriented_edges > 0)
    g_ptr_array_add (c.set->warnings,
                     g_strdup_printf ("%s: %u edge(s) join facets wound in opposite directions; sections there may "
                                      "be incomplete — re-export the part with consistent normals",
                                      name, mesh->misoriented_edges));
  gint64 t0 = g_get_monotonic_time ();
  cam_features_find_levels (&c);
  PHASE ("levels");
  c.set->n_levels = c.n_levels;
  c.set->n_bands = c.n_levels - 1;
  if (!slice_and_find_voids (&c, slicer, cancellable, error))
    {
      ctx_clear (&c);
      cam_slicer_free (slicer);
      cam_feature_set_unref (c.set);
      return NULL;
    }
  PHASE ("slicing and voids");
  /* every phase looks at Cancel as it goes and stops early; what it left is dropped here */
  link_columns (&c);
  PHASE ("columns");
  if (!cam_features_cancelled (&c))
    classify_columns (&c);
  PHASE ("classify");
  if (!cam_features_cancelled (&c))
    cam_features_find_walls (&c);
  PHASE ("walls");
  if (!cam_features_cancelled (&c))
    cam_features_find_profile (&c);
  PHASE ("profile");
  if (!cam_features_cancelled (&c))
    cam_features_find_undercuts (&c);
  PHASE ("undercuts");
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      ctx_clear (&c);
      cam_slicer_free (slicer);
      cam_feature_set_unref (c.set);
      return NULL;
    }
  store_section_rings (&c);
  cam_feature_set_finish (c.set, (const int *) c.parents->data);
  PHASE ("finish");
  CamFeatureSet *set = c.set;
  ctx_clear (&c);
  cam_slicer_free (slicer);
  return set;
}
