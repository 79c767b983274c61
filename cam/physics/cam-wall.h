/* cam-wall.h — deflection of a thin wall under the finishing cutter.
 *
 * Shared by DFM and the planner so both judge a thin wall with the same numbers.
 * Units: mm, N, GPa in, mm out. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  double thickness_mm;  /* t: wall thickness */
  double height_mm;     /* h: free height above the clamped base */
  double length_mm;     /* L: wall length along the cut */
  double young_gpa;     /* E of the material */
} CamWall;

/* Effective width of wall that carries a point-like radial load at the free edge:
 * the tool's axial contact length plus ≈ h on each side, at most the wall length. */
double cam_wall_effective_width_mm (const CamWall *wall, double contact_mm);

/* Static deflection (mm) at the free top edge under radial force force_n applied over
 * an axial contact length contact_mm at the top; ≤ 0 or NaN inputs give NaN. */
double cam_wall_deflection_mm (const CamWall *wall, double force_n, double contact_mm);

/* The force (N) that deflects the wall by allowed_mm: the finishing pass must stay below it. */
double cam_wall_allowed_force_n (const CamWall *wall, double allowed_mm, double contact_mm);

G_END_DECLS
