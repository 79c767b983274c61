/* cam-gcode-expr.h — RS274NGC values and expressions, evaluated as LinuxCNC does.
 *
 * A value is a number, a bracketed expression `[…]`, a parameter `#5`, `#[#1+1]`, `##2`,
 * `#<name>`, a signed value (`-#1`), or a function: ABS ACOS ASIN COS EXP FIX FUP LN ROUND SIN
 * SQRT TAN of a bracketed expression, ATAN[y]/[x], EXISTS[#<name>]. Binary operators, all left
 * to right, from the tightest: ** ; * / MOD ; + - ; EQ NE GT GE LT LE ; AND OR XOR. Angles in
 * degrees; EQ and NE compare within 0.0001 (LinuxCNC's TOLERANCE_EQUAL); MOD's result takes
 * the divisor's magnitude when negative (−5 MOD 3 = 1); ROUND rounds half away from zero; FIX
 * is floor and FUP ceiling (FIX[−2.5] = −3). Letters are case-insensitive, blanks ignored.
 * Source: LinuxCNC G-code overview, "Expressions", "Binary Operators", "Functions"
 * (linuxcnc.org/docs/html/gcode/overview.html); each rule checked against rs274 (tests). */
#pragma once

#include <glib.h>

#include "cam-gcode-params.h"

G_BEGIN_DECLS

#define CAM_GCODE_EXPR_MAX_DEPTH 64   /* nested brackets and functions: a bound, not a language rule */

/* A parameter an assignment sets: index ≥ 1 numbered, else name[] (lower case, no blanks). */
typedef struct {
  int  index;
  char name[CAM_GCODE_PARAM_NAME_MAX];
} CamGcodeParamRef;

/* Reads a value at *p and advances past it. FALSE with err (a sentence) on a syntax error, an
 * unknown function, a parameter not set, a division by zero or a domain error. */
gboolean cam_gcode_expr_value     (const char **p, const char *end, const CamGcodeParams *params,
                                   double *out, char *err, gsize err_len);

/* Reads a parameter reference at *p, which points at '#': the parameter itself, not its value. */
gboolean cam_gcode_expr_param_ref (const char **p, const char *end, const CamGcodeParams *params,
                                   CamGcodeParamRef *ref, char *err, gsize err_len);

/* Skips the blanks rs274ngc ignores (spaces, tabs, a CR before the newline). */
static inline const char *
cam_gcode_skip_blank (const char *p, const char *end)
{
  while (p < end && (*p == ' ' || *p == '\t' || *p == '\r'))
    p++;
  return p;
}

/* Reads a plain number ([+|-] digits [. digits], blanks allowed inside, as rs274ngc reads
 * them); FALSE and *p unchanged when there is none. */
gboolean cam_gcode_expr_number    (const char **p, const char *end, double *out);

G_END_DECLS
