/* cam-gcode-params.h — the parameters of an RS274NGC program, as LinuxCNC keeps them.
 *
 * Numbered parameters #1–#5602 (0 until set; #1–#30 are a subroutine's arguments: saved on
 * a call, set from the call's arguments with the rest 0, restored on return), named
 * parameters #<name> (local to the subroutine, or the main program, that set them) and
 * #<_name> (global). Names are kept as LinuxCNC reads them: lower case, blanks removed.
 * Reading a named parameter that was never set is an error, as in LinuxCNC; predefined
 * read-only names (#<_x>, #<_feed> …) come from the interpreter through a lookup function.
 * Source: LinuxCNC G-code overview, "Parameters" (linuxcnc.org/docs/html/gcode/overview.html)
 * and O-codes "Subroutines" (…/gcode/o-code.html), checked against rs274. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CAM_GCODE_N_PARAMS 5603       /* #0 … #5602 (LinuxCNC RS274NGC_MAX_PARAMETERS) */
#define CAM_GCODE_N_SUB_ARGS 30       /* #1 … #30 */
#define CAM_GCODE_PARAM_NAME_MAX 64

/* Predefined names (without the leading '#<', lower case): TRUE with *value when known. */
typedef gboolean (*CamGcodeParamLookup) (gpointer data, const char *name, double *value);

typedef struct {
  double      num[CAM_GCODE_N_PARAMS];
  GHashTable *globals;   /* name → double* : names beginning with '_' */
  GPtrArray  *scopes;    /* of GHashTable name → double*: [0] the main program, then each call */
  GArray     *saved;     /* of double[30]: #1–#30 of each caller, one per scope past [0] */
  CamGcodeParamLookup lookup;
  gpointer    lookup_data;
} CamGcodeParams;

CamGcodeParams *cam_gcode_params_new  (void);
void            cam_gcode_params_free (CamGcodeParams *params);

/* Named: get FALSE when not set (and not predefined); set makes it in the right scope. */
gboolean cam_gcode_params_get_named (const CamGcodeParams *params, const char *name, double *value);
void     cam_gcode_params_set_named (CamGcodeParams *params, const char *name, double value);
gboolean cam_gcode_params_exists    (const CamGcodeParams *params, const char *name);

/* A call: a new local scope, #1–#30 saved and set to args (n_args ≤ 30, the rest 0). */
void     cam_gcode_params_push_call (CamGcodeParams *params, const double *args, guint n_args);
/* The return: the scope dropped, #1–#30 restored. FALSE when no call is open. */
gboolean cam_gcode_params_pop_call  (CamGcodeParams *params);
guint    cam_gcode_params_call_level (const CamGcodeParams *params);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CamGcodeParams, cam_gcode_params_free)

G_END_DECLS
