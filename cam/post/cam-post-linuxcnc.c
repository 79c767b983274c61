/* cam-post-linuxcnc.c — the LinuxCNC (RS274/NGC) dialect table.
 *
 * Words as in the LinuxCNC G-code reference (linuxcnc.org/docs/2.9/html/gcode/g-code.html):
 * G17 G21 G40 G49 G80 G90 G94 safe start, T n M6 then G43 H n, G81/G82/G83/G73 with R
 * (and Q for pecks), G98/G99 retract, G2/G3 with I J (and P for extra turns), G4 P seconds,
 * M7 mist / M8 flood / M9 off, M30 end. Comments in parentheses.
 */
#include "cam-post.h"

static const CamPostDialect linuxcnc = {
  .name = "linuxcnc",
  .description = "LinuxCNC RS274/NGC",
  .extension = "ngc",
  .decimals = 4,
  .feed_decimals = 1,
  .program_start = NULL,
  .program_end = "M30",
  .program_trailer = NULL,
  .comment_open = "(",
  .comment_close = ")",
  .safe_start = "G17 G21 G40 G49 G80 G90 G94",
  .rapid = "G0",
  .feed = "G1",
  .arc_cw = "G2",
  .arc_ccw = "G3",
  .dwell_fmt = "G4 P%.3f",
  .canned_cycles = TRUE,
  .cycle_drill = "G81",
  .cycle_drill_dwell = "G82",
  .cycle_peck = "G83",
  .cycle_chipbreak = "G73",
  .cycle_cancel = "G80",
  .retract_old_z = "G98",
  .retract_r_plane = "G99",
  .tool_change = TRUE,
  .tool_length_offset = TRUE,
  .spindle_cw = "M3",
  .spindle_stop = "M5",
  .coolant_mist = "M7",
  .coolant_flood = "M8",
  .coolant_off = "M9",
  .modal_coordinates = TRUE,
  .arc_turns_p = TRUE,
  .header = NULL,
  .tool_change_hook = NULL,
};

const CamPostDialect *
cam_post_linuxcnc (void)
{
  return &linuxcnc;
}
