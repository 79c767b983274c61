/* cam-cycle.h — the one drilling-cycle enum: what the physics chooses for a hole (cam-drill.c),
 * what a job's operation asks for, what a toolpath's CAM_MOVE_CYCLE move does and what the
 * G-code reader recognises. Lives in base/ so every subsystem names cycles the same way. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  CAM_CYCLE_NONE,        /* G80: no canned cycle */
  CAM_CYCLE_DRILL,       /* G81: feed to z, rapid out */
  CAM_CYCLE_DRILL_DWELL, /* G82: feed to z, dwell dwell_s, rapid out */
  CAM_CYCLE_PECK,        /* G83: pecks of q_mm with full retract to r_z between pecks (chip clearing) */
  CAM_CYCLE_CHIPBREAK,   /* G73: pecks of q_mm with a short chip-breaking retract */
} CamCycle;

/* "G80", "G81", "G82", "G83", "G73". */
const char *cam_cycle_to_gcode (CamCycle c);

G_END_DECLS
