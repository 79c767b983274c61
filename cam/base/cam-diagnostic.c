/* cam-diagnostic.c — lists of CamDiagnostic (cam-diagnostic.h). */
#include "cam-diagnostic.h"

static void
diagnostic_clear (gpointer p)
{
  CamDiagnostic *d = p;
  g_free (d->message);
}

GArray *
cam_diagnostics_new (void)
{
  GArray *a = g_array_new (FALSE, FALSE, sizeof (CamDiagnostic));
  g_array_set_clear_func (a, diagnostic_clear);
  return a;
}

void
cam_diagnostics_add (GArray *list, CamSeverity severity, guint32 line, gssize move, const char *code, char *message)
{
  CamDiagnostic d = { .severity = severity, .line = line, .move = move, .code = code, .message = message };
  g_array_append_val (list, d);
}

const char *
cam_severity_name (CamSeverity severity)
{
  switch (severity)
    {
    case CAM_SEVERITY_ERROR: return "error";
    case CAM_SEVERITY_WARNING: return "warning";
    case CAM_SEVERITY_NOTE: return "note";
    }
  return "?";
}
