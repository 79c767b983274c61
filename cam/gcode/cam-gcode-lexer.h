/* cam-gcode-lexer.h — one line of G-code into words (private to cam-gcode-reader.c).
 *
 * No allocation: a CamGcodeBlock is a fixed-size struct reused for every line. */
#pragma once

#include <glib.h>

#include "cam-gcode-expr.h"

G_BEGIN_DECLS

#define CAM_GCODE_MAX_G 12
#define CAM_GCODE_MAX_M 6
#define CAM_GCODE_MAX_ASSIGN 50   /* parameter settings on one line (LinuxCNC MAX_NAMED_PARAMETERS) */

#define CAM_GCODE_BIT(letter) (1u << ((letter) - 'A'))

/* A G-code as a whole number: G90.1 has a decimal, so the lexer keeps the code × 10. */
#define CAM_GCODE_G_SCALE 10
#define CAM_GCODE_G(major, minor) ((major) * CAM_GCODE_G_SCALE + (minor))
/* The number as written, for messages: CAM_G90_1_ARC_ABSOLUTE → 90.1 ("G%g"). */
#define CAM_GCODE_G_NUMBER(g) ((double) (g) / CAM_GCODE_G_SCALE)

/* The G-codes the reader knows (RS274/NGC and LinuxCNC's G-code reference), by number and what
 * they do. */
typedef enum {
  CAM_G0_RAPID              = CAM_GCODE_G (0, 0),
  CAM_G1_LINEAR             = CAM_GCODE_G (1, 0),
  CAM_G2_ARC_CW             = CAM_GCODE_G (2, 0),
  CAM_G3_ARC_CCW            = CAM_GCODE_G (3, 0),
  CAM_G4_DWELL              = CAM_GCODE_G (4, 0),
  CAM_G10_SET_TABLE         = CAM_GCODE_G (10, 0),
  CAM_G15_POLAR_OFF         = CAM_GCODE_G (15, 0),
  CAM_G16_POLAR             = CAM_GCODE_G (16, 0),
  CAM_G17_PLANE_XY          = CAM_GCODE_G (17, 0),
  CAM_G18_PLANE_ZX          = CAM_GCODE_G (18, 0),
  CAM_G19_PLANE_YZ          = CAM_GCODE_G (19, 0),
  CAM_G20_INCH              = CAM_GCODE_G (20, 0),
  CAM_G21_MM                = CAM_GCODE_G (21, 0),
  CAM_G28_HOME              = CAM_GCODE_G (28, 0),
  CAM_G28_1_SET_HOME        = CAM_GCODE_G (28, 1),
  CAM_G30_HOME2             = CAM_GCODE_G (30, 0),
  CAM_G30_1_SET_HOME2       = CAM_GCODE_G (30, 1),
  CAM_G40_COMP_OFF          = CAM_GCODE_G (40, 0),
  CAM_G41_COMP_LEFT         = CAM_GCODE_G (41, 0),
  CAM_G41_1_COMP_LEFT_DYN   = CAM_GCODE_G (41, 1),
  CAM_G42_COMP_RIGHT        = CAM_GCODE_G (42, 0),
  CAM_G42_1_COMP_RIGHT_DYN  = CAM_GCODE_G (42, 1),
  CAM_G43_LENGTH_OFFSET     = CAM_GCODE_G (43, 0),
  CAM_G43_1_LENGTH_DYN      = CAM_GCODE_G (43, 1),
  CAM_G43_2_LENGTH_ADD      = CAM_GCODE_G (43, 2),
  CAM_G49_LENGTH_OFF        = CAM_GCODE_G (49, 0),
  CAM_G53_MACHINE_COORDS    = CAM_GCODE_G (53, 0),
  CAM_G54_WORK1             = CAM_GCODE_G (54, 0),
  CAM_G55_WORK2             = CAM_GCODE_G (55, 0),
  CAM_G56_WORK3             = CAM_GCODE_G (56, 0),
  CAM_G57_WORK4             = CAM_GCODE_G (57, 0),
  CAM_G58_WORK5             = CAM_GCODE_G (58, 0),
  CAM_G59_WORK6             = CAM_GCODE_G (59, 0),
  CAM_G59_1_WORK7           = CAM_GCODE_G (59, 1),
  CAM_G59_2_WORK8           = CAM_GCODE_G (59, 2),
  CAM_G59_3_WORK9           = CAM_GCODE_G (59, 3),
  CAM_G61_EXACT_PATH        = CAM_GCODE_G (61, 0),
  CAM_G61_1_EXACT_STOP      = CAM_GCODE_G (61, 1),
  CAM_G64_BLEND             = CAM_GCODE_G (64, 0),
  CAM_G73_CHIPBREAK         = CAM_GCODE_G (73, 0),
  CAM_G80_CYCLE_OFF         = CAM_GCODE_G (80, 0),
  CAM_G81_DRILL             = CAM_GCODE_G (81, 0),
  CAM_G82_DRILL_DWELL       = CAM_GCODE_G (82, 0),
  CAM_G83_PECK              = CAM_GCODE_G (83, 0),
  CAM_G90_ABSOLUTE          = CAM_GCODE_G (90, 0),
  CAM_G90_1_ARC_ABSOLUTE    = CAM_GCODE_G (90, 1),
  CAM_G91_INCREMENTAL       = CAM_GCODE_G (91, 0),
  CAM_G91_1_ARC_INCREMENTAL = CAM_GCODE_G (91, 1),
  CAM_G92_OFFSET            = CAM_GCODE_G (92, 0),
  CAM_G92_1_OFFSET_RESET    = CAM_GCODE_G (92, 1),
  CAM_G92_2_OFFSET_OFF      = CAM_GCODE_G (92, 2),
  CAM_G92_3_OFFSET_RESTORE  = CAM_GCODE_G (92, 3),
  CAM_G93_INVERSE_TIME      = CAM_GCODE_G (93, 0),
  CAM_G94_UNITS_PER_MIN     = CAM_GCODE_G (94, 0),
  CAM_G95_UNITS_PER_REV     = CAM_GCODE_G (95, 0),
  CAM_G96_SURFACE_SPEED     = CAM_GCODE_G (96, 0),
  CAM_G97_RPM               = CAM_GCODE_G (97, 0),
  CAM_G98_RETRACT_OLD_Z     = CAM_GCODE_G (98, 0),
  CAM_G99_RETRACT_R         = CAM_GCODE_G (99, 0),
} CamGcodeG;

/* The M-codes the reader knows (their numbers need no scaling). */
typedef enum {
  CAM_M0_STOP           = 0,
  CAM_M1_OPTIONAL_STOP  = 1,
  CAM_M2_END            = 2,
  CAM_M3_SPINDLE_CW     = 3,
  CAM_M4_SPINDLE_CCW    = 4,
  CAM_M5_SPINDLE_OFF    = 5,
  CAM_M6_TOOL_CHANGE    = 6,
  CAM_M7_MIST           = 7,
  CAM_M8_FLOOD          = 8,
  CAM_M9_COOLANT_OFF    = 9,
  CAM_M30_END_REWIND    = 30,
  CAM_M48_OVERRIDES_ON  = 48,
  CAM_M49_OVERRIDES_OFF = 49,
  CAM_M50_FEED_OVERRIDE = 50,
  CAM_M51_SPEED_OVERRIDE = 51,
  CAM_M52_ADAPTIVE_FEED = 52,
  CAM_M53_FEED_STOP     = 53,
  CAM_M60_PALLET_CHANGE = 60,
} CamGcodeM;

typedef struct {
  guint32  has;                    /* CAM_GCODE_BIT(letter) for every word other than G, M, N */
  double   v[26];                  /* value of each word in `has` (program units) */
  guint    n_g, n_m;
  int      g[CAM_GCODE_MAX_G];     /* CAM_GCODE_G (major, minor): CamGcodeG when known */
  int      m[CAM_GCODE_MAX_M];     /* CamGcodeM when known */
  gboolean block_delete;           /* the line starts with '/' */
  gboolean percent;                /* a '%' line (program start/end marker) */
  gboolean o_word;                 /* an O-word: Fanuc program number or LinuxCNC o-code */
  gboolean o_flow;                 /* … with more than a number (LinuxCNC sub/if/while …) */
  const char *o_at;                /* o_word: the text after the 'o' (to the end of the line) */
  guint    n_assign;               /* parameter settings "#1=…", "#<x>=…": made after the line is read */
  CamGcodeParamRef assign[CAM_GCODE_MAX_ASSIGN];
  double   assign_value[CAM_GCODE_MAX_ASSIGN];
  char     error[160];             /* non-empty: the line is malformed, this says why */
} CamGcodeBlock;

/* Splits [p, end) (one line, without its newline) into words. Returns FALSE with
 * b->error set when the line is malformed. Letters are case-insensitive; spaces and tabs
 * may appear anywhere (also inside numbers, as rs274ngc allows); ( … ) and ; comments.
 * A word's value may be an expression or a parameter (cam-gcode-expr.h), evaluated with
 * params as they stand before the line (NULL: a '#' or '[' is an error); the line's own
 * parameter settings are only collected (b->assign), as rs274ngc makes them after reading. */
gboolean cam_gcode_lex_line (const char *p, const char *end, const CamGcodeParams *params, CamGcodeBlock *b);

G_END_DECLS
