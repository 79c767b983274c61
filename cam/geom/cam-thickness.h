/* cam-thickness.h — local thickness of a planar region (wall thickness, slot width).
 *
 * The thickness at a boundary edge is the distance, along the edge's inward normal,
 * from its midpoint to the first other boundary edge: for material it is the wall
 * thickness, for a void (pocket, slot, hole) it is the width a tool must pass. */
#pragma once

#include <gio/gio.h>
#include <glib.h>
#include <geos_c.h>

G_BEGIN_DECLS

typedef struct {
  double thickness;   /* mm */
  double from[2];     /* midpoint of the boundary edge the ray left */
  double to[2];       /* where it met the opposite boundary */
  guint from_ring;    /* rings numbered polygon by polygon, exterior first */
  guint to_ring;
} CamThicknessHit;

/* Scans every boundary edge of a Polygon or MultiPolygon.
 * min_hit (may be NULL) receives the thinnest place; returns FALSE when no ray met an
 * opposite boundary (empty region). Edges shorter than ignore_below_mm are skipped as
 * ray sources (slicing artefacts). When thin_hits is not NULL, every hit thinner than
 * limit_mm is appended to it (a GArray of CamThicknessHit). Cancel (cancellable may be NULL)
 * is looked at every 4096 rays: a cancelled scan stops and returns FALSE. */
gboolean cam_thickness_scan (GEOSContextHandle_t  geos,
                             const GEOSGeometry  *region,
                             double               limit_mm,
                             double               ignore_below_mm,
                             CamThicknessHit     *min_hit,
                             GArray              *thin_hits,
                             GCancellable        *cancellable);

G_END_DECLS
