/* cam-wall.h — deflection of a thin wall under the finishing cutter.
 *
 * Shared by DFM and the planner so both judge a thin wall with the same numbers.
 * Units: mm, N, GPa in, mm out. */
#pragma once

#include <glib.h>

#include "cam-cutting.h"

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

/* Finishing a thin wall in axial steps from the top (cam-wall-finish.c): the planner's way, and
 * the DFM review's judgement of it. */
typedef struct {
  double usual_ap_mm;           /* the step asked for (the tool's roughing stepdown, ≤ the wall) */
  double usual_deflection_mm;   /* the wall's deflection finishing at that step */
  double usual_force_n;
  double ap_mm;                 /* the step that keeps the deflection allowed (= usual when it does) */
  double deflection_mm;         /* at ap_mm */
  double force_n;
  double allowed_mm;            /* tolerance × deflection share */
  double tolerance_mm;
  gboolean feasible;            /* FALSE: even a 1 µm step bends it too far (ap_mm = 1 µm) */
} CamWallStep;

/* The radial stock the planner leaves on walls for the finishing pass: min(0.01, 0.1·D). */
double   cam_wall_finish_stock_mm (const CamTool *tool);
/* limits: tolerance_mm and deflection_fraction (defaults 0.01 and 0.5), min_safety_factor.
 * FALSE when the cut cannot be evaluated (the tool cannot take that engagement at all). */
gboolean cam_wall_finish_step     (const CamWall *wall, const CamTool *tool, const CamMaterial *mat,
                                   const CamMachine *machine, const CamEngagement *limits, double ae_mm,
                                   double ap_max_mm, CamWallStep *out);

G_END_DECLS
