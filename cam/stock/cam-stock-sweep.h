/* cam-stock-sweep.h — a tool moved through the stock: what each move removes.
 *
 * A move lowers every cell its tool passes over to the lowest height the tool's lower surface
 * reaches there (cam-stock-cutter.h), never below the box bottom, and reports what the
 * cutting engine needs of it:
 *   ae      the radial width of cut: the area newly cut (cells lowered by more than
 *           CAM_STOCK_CUT_EPS_MM) / the move's XY length, capped at D — the planner's
 *           definition (cam/gen/cam-gen-mill.c): for a straight cut at steady state the
 *           fresh area is ae · length exactly (the crescent ahead of the tool), at a slot
 *           entry it reaches D, in an inside corner it rises above the stepover.
 *           A move without XY length (a plunge) has ae = D when it cuts, else 0.
 *   ap      the axial depth: the deepest material removed below the surface within the
 *           footprint (the layer a step-down removes; a side cut's wall height).
 *   volume  mm³ removed.
 *   cut     whether any material was under the tool: a plunge into space a larger tool
 *           already cleared cuts nothing.
 * Straight moves and arcs in XY (G2/G3, helical with Z, several turns) are swept exactly up to
 * the cell size: per cell the lowest point of the tool over the move is found in closed form
 * where Z is constant along the move or the tool's end is flat, and by golden-section search
 * on the stretch of the move within reach of the cell otherwise (the height is convex along a
 * straight move, cam-stock-cutter.h). */
#pragma once

#include "cam-stock.h"
#include "cam-stock-cutter.h"

G_BEGIN_DECLS

#define CAM_STOCK_CUT_EPS_MM 1e-4 /* 0.1 µm: less is not material cut (the planner's air threshold) */

typedef struct {
  double ae_mm;
  double ap_mm;
  double volume_mm3;
  double area_mm2;      /* the area newly cut, the numerator of ae */
  gboolean cut;
} CamStockCut;

/* A straight move from a to b (x, y, z). */
void cam_stock_sweep_line (CamStock             *stock,
                           const CamStockCutter *cutter,
                           const double          a[3],
                           const double          b[3],
                           CamStockCut          *out);

/* An arc from a to b about the centre (cx, cy), turning sweep_rad radians (positive
 * counter-clockwise, extra full turns included, as cam_move_arc_sweep() gives it), Z going
 * linearly from a's to b's. The radius is a's distance from the centre. */
void cam_stock_sweep_arc  (CamStock             *stock,
                           const CamStockCutter *cutter,
                           const double          a[3],
                           const double          b[3],
                           double                cx,
                           double                cy,
                           double                sweep_rad,
                           CamStockCut          *out);

G_END_DECLS
