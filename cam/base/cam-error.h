/* cam-error.h — the GError domain shared by the whole engine.
 *
 * Messages are written for a process engineer: they name the file and the problem
 * (line for text formats, byte offset for binary ones), never an internal code. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CAM_ERROR (cam_error_quark ())

typedef enum {
  CAM_ERROR_IO,          /* cannot open, read or write a file */
  CAM_ERROR_FORMAT,      /* the bytes are not a valid file of the expected format */
  CAM_ERROR_EMPTY,       /* valid syntax but nothing usable in it */
  CAM_ERROR_INVALID,     /* a value out of its domain: NaN, negative diameter, unknown id */
  CAM_ERROR_UNSUPPORTED, /* understood but not something microcam does */
} CamErrorCode;

/* Cancelled work always fails with GIO's G_IO_ERROR_CANCELLED (what
 * g_cancellable_set_error_if_cancelled() sets), never with a code of this domain, so every
 * caller tests one error. */

GQuark cam_error_quark (void);

G_END_DECLS
