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
  char *source;
} CamMachine;

CamMachine *cam_machine_new_from_json (JsonObject *obj, GError **error);
CamMachine *cam_machine_copy          (const CamMachine *machine);
void        cam_machine_free          (CamMachine *machine);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CamMachine, cam_machine_free)

G_END_DECLS
