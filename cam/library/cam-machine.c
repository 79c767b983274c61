/* cam-machine.c — machine profiles of resources/machines/ (*.json) (see the README there). */
#include "cam-machine.h"

#include <math.h>
#include <string.h>

#include "cam-error.h"
#include "cam-json-field.h"

void
cam_machine_free (CamMachine *m)
{
  if (m == NULL)
    return;
  g_free (m->id);
  g_free (m->name);
  g_free (m->dialect);
  g_free (m->source);
  g_free (m);
}

CamMachine *
cam_machine_copy (const CamMachine *machine)
{
  CamMachine *m = g_memdup2 (machine, sizeof *machine);
  m->id = g_strdup (machine->id);
  m->name = g_strdup (machine->name);
  m->dialect = g_strdup (machine->dialect);
  m->source = g_strdup (machine->source);
  return m;
}

static gboolean
check (gboolean ok, const char *field, double v, const char *rule, GError **error)
{
  if (!ok)
    g_set_error (error, CAM_ERROR, CAM_ERROR_INVALID, "field '%s': %s (got %g)", field, rule, v);
  return ok;
}

CamMachine *
cam_machine_new_from_json (JsonObject *obj, GError **error)
{
  g_autoptr (CamMachine) m = g_new0 (CamMachine, 1);
  if (!cam_json_field_string (obj, "id", TRUE, NULL, &m->id, error)
      || !cam_json_field_string (obj, "name", FALSE, m->id, &m->name, error)
      || !cam_json_field_double (obj, "rpm_min", FALSE, 0, &m->rpm_min, error)
      || !cam_json_field_double (obj, "rpm_max", TRUE, 0, &m->rpm_max, error)
      || !cam_json_field_double (obj, "power_w", TRUE, 0, &m->power_w, error)
      || !cam_json_field_double (obj, "max_feed_mm_min", TRUE, 0, &m->max_feed_mm_min, error)
      || !cam_json_field_double (obj, "rapid_mm_min", FALSE, 0, &m->rapid_mm_min, error)
      || !cam_json_field_double (obj, "accel_mm_s2", FALSE, 1000, &m->accel_mm_s2, error)
      || !cam_json_field_double (obj, "runout_um", FALSE, 2, &m->runout_um, error)
      || !cam_json_field_string (obj, "dialect", FALSE, "linuxcnc", &m->dialect, error)
      /* A micro machining centre's tool change (chip to chip): 6 s — Kern Micro HD / Datron neo
       * brochures quote 4–8 s; the length measurement after it is not counted. */
      || !cam_json_field_double (obj, "tool_change_s", FALSE, 6.0, &m->tool_change_s, error)
      /* LinuxCNC's default naive-CAM/blending tolerance is of this order for micro work. */
      || !cam_json_field_double (obj, "junction_deviation_mm", FALSE, 0.002, &m->junction_deviation_mm, error)
      || !cam_json_field_string (obj, "source", FALSE, NULL, &m->source, error))
    return NULL;
  if (m->rapid_mm_min == 0)
    m->rapid_mm_min = m->max_feed_mm_min;
  if (!check (m->rpm_max > 0, "rpm_max", m->rpm_max, "must be > 0", error)
      || !check (m->rpm_min >= 0 && m->rpm_min < m->rpm_max, "rpm_min", m->rpm_min, "must be ≥ 0 and below rpm_max", error)
      || !check (m->power_w > 0, "power_w", m->power_w, "must be > 0", error)
      || !check (m->max_feed_mm_min > 0, "max_feed_mm_min", m->max_feed_mm_min, "must be > 0", error)
      || !check (m->rapid_mm_min > 0, "rapid_mm_min", m->rapid_mm_min, "must be > 0", error)
      || !check (m->accel_mm_s2 > 0, "accel_mm_s2", m->accel_mm_s2, "must be > 0", error)
      || !check (m->runout_um >= 0 && m->runout_um < 1000, "runout_um", m->runout_um, "must be 0 to 1000 µm", error)
      || !check (m->tool_change_s >= 0 && m->tool_change_s < 3600, "tool_change_s", m->tool_change_s, "must be 0 to 3600 s", error)
      || !check (m->junction_deviation_mm >= 0 && m->junction_deviation_mm < 10, "junction_deviation_mm", m->junction_deviation_mm, "must be 0 to 10 mm", error))
    return NULL;
  return g_steal_pointer (&m);
}

void
cam_machine_kinematics (const CamMachine *machine, CamKinematics *out)
{
  memset (out, 0, sizeof *out);
  out->rapid_mm_min = machine->rapid_mm_min > 0 ? machine->rapid_mm_min : 5000;
  out->max_feed_mm_min = machine->max_feed_mm_min > 0 ? machine->max_feed_mm_min : 5000;
  out->accel_mm_s2 = machine->accel_mm_s2 > 0 ? machine->accel_mm_s2 : INFINITY;
  out->tool_change_s = machine->tool_change_s;
  out->junction_deviation_mm = machine->junction_deviation_mm;
}
