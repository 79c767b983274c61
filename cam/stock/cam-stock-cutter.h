/* cam-stock-cutter.h — a tool's cutting end as a surface of revolution, for the stock sweeps.
 *
 * h(r): the height of the tool's lower surface above its tip at distance r from the axis,
 * for r ≤ R (D/2); beyond R the tool is not there. Every shape below has h nondecreasing and
 * convex in r, which the sweeps rely on (cam-stock-sweep.c):
 *
 *   flat   ████████  h = 0
 *   ball   ▀▄▄▄▄▄▄▀  h = R − √(R² − r²)
 *   bull   ▀▄▄▄▄▄▄▀  h = 0 for r ≤ R − rc, then rc − √(rc² − (r − R + rc)²)  (corner radius rc)
 *   point    ╲  ╱    h = r / tan(θ/2)  (drill, spot drill, chamfer mill: included angle θ)
 *             ╲╱
 * The flutes above the end are a cylinder of radius R: a 2.5D height field never needs them. */
#pragma once

#include <glib.h>
#include <math.h>

#include "cam-tool.h"

G_BEGIN_DECLS

typedef enum {
  CAM_STOCK_CUTTER_FLAT,
  CAM_STOCK_CUTTER_BALL,
  CAM_STOCK_CUTTER_BULL,
  CAM_STOCK_CUTTER_POINT,
} CamStockCutterShape;

typedef struct {
  CamStockCutterShape shape;
  double r_mm;          /* R = D/2 */
  double corner_r_mm;   /* bull: rc; ball: R */
  double cone_slope;    /* point: 1 / tan(θ/2), the rise per mm of radius */
} CamStockCutter;

/* The cutting end of tool (its kind, diameter, corner radius, point angle). */
void   cam_stock_cutter_init   (CamStockCutter *cutter, const CamTool *tool);

/* h(r) as above; INFINITY for r > R. */
static inline double
cam_stock_cutter_height (const CamStockCutter *c, double r)
{
  if (r > c->r_mm)
    return INFINITY;
  switch (c->shape)
    {
    case CAM_STOCK_CUTTER_FLAT:
      return 0;
    case CAM_STOCK_CUTTER_POINT:
      return r * c->cone_slope;
    case CAM_STOCK_CUTTER_BALL:
    case CAM_STOCK_CUTTER_BULL:
    default:
      {
        double flat = c->r_mm - c->corner_r_mm;
        if (r <= flat)
          return 0;
        double u = r - flat, rc = c->corner_r_mm;
        return rc - sqrt (MAX (rc * rc - u * u, 0));
      }
    }
}

G_END_DECLS
