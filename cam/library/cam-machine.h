/* cam-machine.h — a machine profile: spindle, axes, controller dialect.
 * Units: rpm, W, mm/min, mm/s², µm. Loaded from resources/machines/ (see the README there). */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef struct {
  char *id;                 /* "micro60k" */
  char *name;
  double rpm_min, rpm_max;
  double power_w;           /* spindle output power */
  double max_feed_mm_min;   /* fastest programmed cutting feed */
  double rapid_mm_min;
  double accel_mm_s2;
  double runout_um;         /* total indicated runout at the tool */
  char *dialect;            /* "linuxcnc", "fanuc", "grbl" … */
  double tool_change_s;     /* one T M6, chip to chip (default 6 s) */
  double junction_deviation_mm; /* cornering tolerance of the controller (default 0.002) */
  char *source;
} CamMachine;

/* How fast a machine moves: for times with a trapezoidal velocity profile. */
typedef struct {
  double rapid_mm_min;        /* G0 rate */
  double max_feed_mm_min;     /* programmed feeds are clamped to this */
  double accel_mm_s2;         /* path acceleration, the same on every axis */
  double tool_change_s;       /* time for one T M6 */
  double junction_deviation_mm; /* cornering tolerance (grbl's junction deviation) */
} CamKinematics;

/* The machine's kinematics for cam_toolpath_stats(); all from the profile (machines.json). */
void cam_machine_kinematics (const CamMachine *machine, CamKinematics *out);

CamMachine *cam_machine_new_from_json (JsonObject *obj, GError **error);
CamMachine *cam_machine_copy          (const CamMachine *machine);
void        cam_machine_free          (CamMachine *machine);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CamMachine, cam_machine_free)

G_END_DECLS
