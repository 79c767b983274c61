/* cam-diagnostic.h — one type for what the engine tells about an input: the errors and warnings
 * of reading a G-code program and the findings of reviewing it.
 *
 * A diagnostic names where (the 1-based source line; the move, when one move is meant), how bad
 * (error: the controller would stop, the line's motion is skipped; warning: something is ignored
 * or assumed; note: a finding of the review, the engine's advice), a stable code for tools that
 * sort or filter (a short kebab-case word, never translated) and the message for people. Lists
 * are GArrays of CamDiagnostic made by cam_diagnostics_new(), which free the messages. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  CAM_SEVERITY_ERROR,
  CAM_SEVERITY_WARNING,
  CAM_SEVERITY_NOTE,    /* a review finding */
} CamSeverity;

typedef struct {
  CamSeverity  severity;
  guint32      line;     /* 1-based source line; 0: the whole program */
  gssize       move;     /* index of the move it concerns; -1: none (or not known yet) */
  const char  *code;     /* static string, e.g. "gcode-syntax", "review-unspotted" */
  char        *message;  /* owned */
} CamDiagnostic;

/* A new, empty GArray of CamDiagnostic whose elements free their message. */
GArray     *cam_diagnostics_new   (void);

/* Appends one diagnostic; takes message (g_free'd with the array). */
void        cam_diagnostics_add   (GArray      *list,
                                   CamSeverity  severity,
                                   guint32      line,
                                   gssize       move,
                                   const char  *code,
                                   char        *message);

/* "error", "warning", "note". */
const char *cam_severity_name     (CamSeverity severity);

G_END_DECLS
