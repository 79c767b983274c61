/* cam-cycle.c — see cam-cycle.h. */
#include "cam-cycle.h"

const char *
cam_cycle_to_gcode (CamCycle c)
{
  switch (c)
    {
    case CAM_CYCLE_DRILL: return "G81";
    case CAM_CYCLE_DRILL_DWELL: return "G82";
    case CAM_CYCLE_PECK: return "G83";
    case CAM_CYCLE_CHIPBREAK: return "G73";
    case CAM_CYCLE_NONE:
    default: return "G80";
    }
}
