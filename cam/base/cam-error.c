/* cam-error.c — see cam-error.h. */
#include "cam-error.h"

G_DEFINE_QUARK (cam-error-quark, cam_error)
