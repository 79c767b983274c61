/* cam-gcode-lexer.h — one line of G-code into words (private to cam-gcode-reader.c).
 *
 * No allocation: a CamGcodeBlock is a fixed-size struct reused for every line. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CAM_GCODE_MAX_G 12
#define CAM_GCODE_MAX_M 6

#define CAM_GCODE_BIT(letter) (1u << ((letter) - 'A'))

typedef struct {
  guint32  has;                    /* CAM_GCODE_BIT(letter) for every word other than G, M, N */
  double   v[26];                  /* value of each word in `has` (program units) */
  guint    n_g, n_m;
  int      g[CAM_GCODE_MAX_G];     /* G numbers × 10: G90.1 → 901 */
  int      m[CAM_GCODE_MAX_M];
  gboolean block_delete;           /* the line starts with '/' */
  gboolean percent;                /* a '%' line (program start/end marker) */
  gboolean o_word;                 /* an O-word: Fanuc program number or LinuxCNC o-code */
  gboolean o_flow;                 /* … with more than a number (LinuxCNC sub/if/while …) */
  char     error[160];             /* non-empty: the line is malformed, this says why */
} CamGcodeBlock;

/* Splits [p, end) (one line, without its newline) into words. Returns FALSE with
 * b->error set when the line is malformed. Letters are case-insensitive; spaces and tabs
 * may appear anywhere (also inside numbers, as rs274ngc allows); ( … ) and ; comments. */
gboolean cam_gcode_lex_line (const char *p, const char *end, CamGcodeBlock *b);

G_END_DECLS
