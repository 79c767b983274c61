/* cam-gcode-interp.h — the interpreter's state, shared by the reader (modal execution,
 * cam-gcode-reader.c), the O-word control flow (cam-gcode-flow.c) and the coordinate systems
 * (cam-gcode-coords.c). Private to cam/gcode. */
#pragma once

#include "cam-gcode-comp.h"
#include "cam-gcode-lexer.h"
#include "cam-gcode-params.h"
#include "cam-gcode-reader.h"

G_BEGIN_DECLS

/* A file the program runs lines of: the main program or a subroutine file. */
typedef struct {
  const char  *data, *end;
  char        *name;        /* base name, for messages */
  GMappedFile *map;         /* owned for subroutine files; NULL for the main program */
} CamGcodeSource;

/* Where the next line is read. */
typedef struct {
  guint       source;       /* index into Interp.sources */
  const char *pos;          /* start of the next line */
  guint32     line;         /* number of the line last read (1-based) */
} CamGcodeCursor;

typedef enum { CAM_LOOP_WHILE, CAM_LOOP_DO, CAM_LOOP_REPEAT } CamGcodeLoopKind;

typedef struct {
  char             label[CAM_GCODE_PARAM_NAME_MAX + 2];
  CamGcodeLoopKind kind;
  CamGcodeCursor   head;    /* WHILE: at the while line (re-read, re-tested); DO/REPEAT: after the opening line */
  double           count;   /* REPEAT: iterations left */
} CamGcodeLoop;

/* One level of the call stack: [0] the main program, then one per subroutine call. */
typedef struct {
  char           label[CAM_GCODE_PARAM_NAME_MAX + 2];
  CamGcodeCursor ret;       /* after the call line */
  guint32        move_line; /* the line of the main program moves made here are attributed to */
  GArray        *loops;     /* of CamGcodeLoop, innermost last */
  GHashTable    *ifs;       /* label → GINT_TO_POINTER (1 + branch taken) */
  gboolean       fanuc;     /* an M98 call: no parameter scope of its own; M99 returns */
  double         repeats_left; /* M98 L: runs still to come after this one */
  CamGcodeCursor body;      /* M98: where the subprogram starts (for its repeats) */
} CamGcodeFrame;

typedef struct {
  guint          source;
  CamGcodeCursor body;      /* after the sub line */
} CamGcodeSub;

typedef struct {
  double z;                 /* length offset, mm */
  double diameter;          /* mm */
} CamGcodeToolEntry;

typedef struct {
  CamGcodeReader *r;
  guint     max_messages;
  gboolean  block_delete;
  guint32   line;             /* the line being run, in its own file (messages) */
  guint32   move_line;        /* the main-program line its moves are attributed to */
  double    pos[3];           /* machine position (mm): where the moves go */
  double    scale;            /* 1 (G21) or 25.4 (G20) */
  gboolean  incremental;      /* G91 */
  gboolean  arc_absolute;     /* G90.1 */
  int       plane;            /* CAM_G17_PLANE_XY, …_ZX, …_YZ */
  int       motion;           /* a motion CamGcodeG or MOTION_NONE */
  gboolean  retract_r;        /* G99 */
  double    feed;             /* F as programmed (units/min), 0 = none yet */
  double    speed;            /* S, rpm */
  gboolean  spindle_on, spindle_cw, mist, flood;
  guint     selected_tool;    /* T */
  int       tool_index;       /* index into toolpath->tools, -1 none yet */
  guint     tool_number;
  gboolean  inverse_time, per_rev;
  /* canned cycles: sticky values as programmed (mm) */
  gboolean  have_cyc_z, have_cyc_r;
  double    cyc_z, cyc_r, cyc_q, cyc_p;
  double    cycle_z0;         /* machine Z where the current series of cycles began (G98, G91 R) */
  int       n_percent;
  double    arc_tolerance;    /* mm */
  gsize     expanded;         /* G18/G19 chords, cycle holes and their pecks so far */
  gboolean  stop;             /* a fatal error (a runaway program): stop reading */

  /* coordinate systems (cam-gcode-coords.c); the stored values live in params->num */
  int       coord_system;     /* 1 … 9: G54 … G59.3 */
  double    g5x[3], rotation; /* the active system's origin (mm) and XY rotation (degrees) */
  double    g92[3];           /* the active G92 offset (mm) */
  double    tlo;              /* tool length offset in Z (mm) */
  GHashTable *tool_table;     /* tool number → CamGcodeToolEntry* (options.tool_table), may be NULL */
  CamGcodeComp *comp;         /* cutter radius compensation (cam-gcode-comp.h) */

  /* parameters and control flow (cam-gcode-flow.c) */
  CamGcodeParams *params;
  GPtrArray *sources;         /* of CamGcodeSource* : [0] the main program */
  CamGcodeCursor cur;
  CamGcodeCursor line_at;     /* the cursor at the start of the line being run (a while's head) */
  GArray    *frames;          /* of CamGcodeFrame */
  GHashTable *subs;           /* label → CamGcodeSub* */
  char      *dir;             /* the main program's folder: subroutine files are looked for there first */
  guint64   blocks;           /* lines run, for the runaway bound */
  double    value;            /* #<_value> */
  gboolean  value_returned;
} CamGcodeInterp;

#define CAM_GCODE_MOTION_NONE (-1)
#define CAM_GCODE_MAX_CALL_DEPTH 100
#define CAM_GCODE_MAX_BLOCKS 200000000ull  /* lines run in one program (loops): ~100 s at 2 M/s */
#define CAM_GCODE_MAX_MOVES 30000000u      /* moves in one program (memory: ~3 GB at 96 B) */

G_GNUC_PRINTF (4, 5) void cam_gcode_interp_message (CamGcodeInterp *s, CamSeverity severity, const char *code,
                                                     const char *fmt, ...);
#define CAM_GCODE_ERROR(s, ...) cam_gcode_interp_message ((s), CAM_SEVERITY_ERROR, "gcode-error", __VA_ARGS__)
#define CAM_GCODE_WARN(s, ...) cam_gcode_interp_message ((s), CAM_SEVERITY_WARNING, "gcode-ignored", __VA_ARGS__)

/* cam-gcode-flow.c */
void     cam_gcode_flow_init   (CamGcodeInterp *s, const char *data, gsize length, const char *name);
void     cam_gcode_flow_clear  (CamGcodeInterp *s);
/* The next line to run: FALSE at the end of the main program. */
gboolean cam_gcode_flow_next   (CamGcodeInterp *s, const char **start, const char **eol);
/* Runs an O-word line (sub, call, if, while …). */
void     cam_gcode_flow_oword  (CamGcodeInterp *s, const CamGcodeBlock *b, const char *eol);
/* Fanuc subprograms (LinuxCNC runs them too): M98 P<n> [L<k>] runs the lines after "O<n>"
 * up to M99, k times; M99 returns. */
void     cam_gcode_flow_m98    (CamGcodeInterp *s, double program, double repeats);
void     cam_gcode_flow_m99    (CamGcodeInterp *s);
/* Predefined named parameters (#<_x> …): the CamGcodeParams lookup. */
gboolean cam_gcode_flow_predefined (gpointer interp, const char *name, double *value);

/* cam-gcode-coords.c */
void     cam_gcode_coords_init      (CamGcodeInterp *s);
/* machine (mm) ↔ program (mm, before units): machine = rot(program + g92) + g5x (+ tlo in Z) */
void     cam_gcode_to_machine       (const CamGcodeInterp *s, const double program[3], double machine[3]);
void     cam_gcode_to_program       (const CamGcodeInterp *s, const double machine[3], double program[3]);
/* Rotates a vector (arc centre offsets, incremental cycle steps) from program to machine. */
void     cam_gcode_rotate_vector    (const CamGcodeInterp *s, double v[2]);
void     cam_gcode_select_system    (CamGcodeInterp *s, int system);
/* G10 L1/L10/L11/L2/L20 with its P, axis words and R; G92 family; G43 family; tool table file. */
void     cam_gcode_g10              (CamGcodeInterp *s, const CamGcodeBlock *b);
void     cam_gcode_g92              (CamGcodeInterp *s, int code, const CamGcodeBlock *b);
void     cam_gcode_g43              (CamGcodeInterp *s, int code, const CamGcodeBlock *b);
/* G28/G30 stored positions (#5161…, #5181…), machine mm. */
void     cam_gcode_home_position    (const CamGcodeInterp *s, gboolean g30, double machine[3]);
void     cam_gcode_set_home         (CamGcodeInterp *s, gboolean g30);
/* #5420… current position, after every move. */
void     cam_gcode_coords_update_params (CamGcodeInterp *s);
gboolean cam_gcode_read_tool_table  (CamGcodeInterp *s, const char *path, GError **error);
/* The tool table's diameter of tool `number` (mm); FALSE when the table has none. */
gboolean cam_gcode_tool_diameter    (const CamGcodeInterp *s, guint number, double *diameter);

G_END_DECLS
