/* cam-stock-cutter.c — a CamTool's cutting end for the sweeps (cam-stock-cutter.h). */
#include "cam-stock-cutter.h"

#include <math.h>

void
cam_stock_cutter_init (CamStockCutter *c, const CamTool *tool)
{
  c->r_mm = tool->d_mm / 2;
  c->corner_r_mm = 0;
  c->cone_slope = 0;
  switch (tool->kind)
    {
    case CAM_TOOL_BALL:
      c->shape = CAM_STOCK_CUTTER_BALL;
      c->corner_r_mm = c->r_mm;
      break;
    case CAM_TOOL_BULL:
      c->shape = tool->corner_r_mm > 0 ? CAM_STOCK_CUTTER_BULL : CAM_STOCK_CUTTER_FLAT;
      c->corner_r_mm = MIN (tool->corner_r_mm, c->r_mm);
      break;
    case CAM_TOOL_DRILL:
    case CAM_TOOL_SPOT:
    case CAM_TOOL_CHAMFER:
      {
        /* a point angle outside (0°, 180°) is no cone: take the flat end the cam-tool.c
         * validation would have refused */
        double a = tool->point_angle_deg;
        if (isfinite (a) && a > 0 && a < 180)
          {
            c->shape = CAM_STOCK_CUTTER_POINT;
            c->cone_slope = 1.0 / tan (a / 2 * G_PI / 180);
          }
        else
          c->shape = CAM_STOCK_CUTTER_FLAT;
        break;
      }
    case CAM_TOOL_FLAT:
    default:
      c->shape = tool->corner_r_mm > 0 ? CAM_STOCK_CUTTER_BULL : CAM_STOCK_CUTTER_FLAT;
      c->corner_r_mm = MIN (tool->corner_r_mm, c->r_mm);
      break;
    }
}
