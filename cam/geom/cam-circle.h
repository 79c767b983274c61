/* cam-circle.h — least-squares circles on polylines: hole diameters and corner radii. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  double cx, cy, r;
  double max_residual;  /* largest |distance to centre − r| over the points */
} CamCircle;

/* Least-squares circle through n ≥ 3 points (x y pairs). FALSE when they are collinear. */
gboolean cam_circle_fit (const double *xy, guint n, CamCircle *out);

/* Removes vertices lying on the chord of their neighbours (slicing adds chord midpoints and
 * facet split points): closer to it than tol_mm plus the float rounding of the coordinates
 * (2.4e-7 of their size). xy is a closed ring without the repeated last point; returns the
 * new count, compacting in place. */
guint cam_circle_drop_collinear (double *xy, guint n, double tol_mm);

/* TRUE when the ring (no repeated last point) is a convex polygon whose vertices lie on
 * one circle within tol_mm (and at least min_vertices of them): a round hole or boss. */
gboolean cam_circle_ring_is_round (const double *xy, guint n, guint min_vertices, double tol_mm,
                                   CamCircle *out);

/* Smallest radius of the corners a rotating tool has to form, on a ring (no repeated last
 * point). side = +1: corners where the ring turns left (the inside of a counter-clockwise
 * pocket outline), −1: where it turns right (inside corners of a CCW outer profile).
 * A single vertex turning more than sharp_deg is a sharp corner (radius 0). Rounded
 * corners are runs of small turns; their radius is the least-squares circle of the run.
 * Vertices with skip[i] set (skip may be NULL) are not corners (e.g. they lie on the
 * part's outline, where the tool comes from outside).
 * Returns FALSE when the ring has no such corner; *at receives the corner (x y). */
gboolean cam_circle_min_corner_radius (const double *xy, guint n, int side, double sharp_deg,
                                       const guint8 *skip, double *radius, double at[2]);

G_END_DECLS
