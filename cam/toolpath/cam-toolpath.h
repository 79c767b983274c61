/* cam-toolpath.h — a toolpath: a flat array of moves with per-move physics.
 *
 * The one data model every producer and consumer of motion shares: the operations
 * (cam-gen-*.c) append moves, the G-code reader (import) fills it from a program, the
 * posts (cam-post.c) write it out, the viewer colours it, the statistics sum it.
 *
 * Conventions
 *   - Millimetres, mm/min, rpm, newtons, micrometres where the field name says _um.
 *   - Work coordinates (after the job's work offset): Z0 is the stock top by default.
 *   - A move runs from the end point of the previous move (or the toolpath's start
 *     point for move 0) to its own (x, y, z).
 *   - Arcs lie in the XY plane (G17); z may change along them (helix). The centre is
 *     absolute (cx, cy): the post converts it to I J offsets from the start point.
 *   - A CAM_MOVE_CYCLE is one hole of a canned drilling cycle (G81/G82/G83/G73) as the
 *     controller runs it, with LinuxCNC semantics: preliminary move to (x, y) at
 *     max(current z, r_z), then the cycle down to z (the hole bottom), then retract to
 *     r_z (G99) or to max(previous z, r_z) (G98). cam_toolpath_expand_cycles() turns it
 *     into the rapids and feeds a controller makes, for lengths, times and comparison
 *     with an interpreter.
 *   - Physics fields are NAN when unknown (e.g. rapids, or imported moves before a
 *     review).
 */
#pragma once

#include <glib.h>

#include "cam-arc.h"
#include "cam-cycle.h"
#include "cam-machine.h"  /* CamKinematics */

G_BEGIN_DECLS

typedef enum {
  CAM_MOVE_RAPID,      /* G0 */
  CAM_MOVE_FEED,       /* G1 */
  CAM_MOVE_ARC_CW,     /* G2, centre (cx, cy) */
  CAM_MOVE_ARC_CCW,    /* G3, centre (cx, cy) */
  CAM_MOVE_CYCLE,      /* one hole of a canned cycle, see cycle/r_z/q_mm */
  CAM_MOVE_DWELL,      /* G4: stays put for dwell_s (x, y, z unchanged) */
} CamMoveType;


typedef enum {
  CAM_RETRACT_OLD_Z,   /* G98 */
  CAM_RETRACT_R_PLANE, /* G99 */
} CamRetract;

/* What a move does within its operation (bit flags, for colouring and checks). */
typedef enum {
  CAM_MOVE_FLAG_NONE     = 0,
  CAM_MOVE_FLAG_PLUNGE   = 1 << 0, /* straight down into material */
  CAM_MOVE_FLAG_RAMP     = 1 << 1, /* ramp entry */
  CAM_MOVE_FLAG_HELIX    = 1 << 2, /* helical entry or helical hole milling */
  CAM_MOVE_FLAG_FINISH   = 1 << 3, /* finishing pass */
  CAM_MOVE_FLAG_LINK     = 1 << 4, /* linking move between cuts (lift, traverse, lead) */
  CAM_MOVE_FLAG_SLOT     = 1 << 5, /* full-width engagement */
  CAM_MOVE_FLAG_SPOT     = 1 << 6, /* spot drilling */
  CAM_MOVE_FLAG_SPRING   = 1 << 7, /* spring pass (same path again, no stock) */
  CAM_MOVE_FLAG_AIR      = 1 << 8, /* a feed move that removes no material */
  CAM_MOVE_FLAG_FEED_REDUCED = 1 << 9, /* feed lowered below the nominal for engagement */
  CAM_MOVE_FLAG_UNCHECKED = 1 << 10, /* engagement unknown (the geometry failed): fed and evaluated
                                      * as a full slot, the heaviest case, never as air */
} CamMoveFlags;

typedef struct {
  double x, y, z;            /* end point */
  union {
    struct { double cx, cy; };        /* arcs: absolute centre */
    struct { double r_z, q_mm; };     /* cycles: R plane, peck (0 for G81/G82) */
  };
  guint8   type;             /* CamMoveType */
  guint8   cycle;            /* CamCycle (CAM_MOVE_CYCLE) */
  guint8   retract;          /* CamRetract (CAM_MOVE_CYCLE) */
  guint8   turns;            /* arcs: extra full turns (P word - 1), normally 0 */
  guint16  op_index;         /* index into the job's operations (0 for imports) */
  guint16  tool_index;       /* index into CamToolpath.tools */
  guint32  flags;            /* CamMoveFlags */
  guint32  source_line;      /* 1-based line of an imported program, 0 when generated */
  float    feed_mm_min;      /* programmed feed (NAN for rapids) */
  float    rpm;              /* spindle speed in force */
  float    dwell_s;          /* CAM_MOVE_DWELL, G82 */
  /* physics, NAN when unknown */
  float    ap_mm;            /* axial depth of cut */
  float    ae_mm;            /* radial width of cut, from the material actually left */
  float    fz_mm;            /* chip load per tooth */
  float    force_n;          /* peak resultant cutting force */
  float    deflection_um;    /* tool tip deflection */
  float    safety_factor;    /* breakage safety factor */
  float    ra_um;            /* predicted roughness Ra */
} CamMove;

typedef enum {
  CAM_COOLANT_OFF,
  CAM_COOLANT_MIST,   /* M7 */
  CAM_COOLANT_FLOOD,  /* M8 */
} CamCoolant;

/* A tool as the toolpath needs it (the full geometry lives in the job's tools). */
typedef struct {
  guint       number;        /* T word / tool table pocket, 1-based */
  double      diameter_mm;
  char       *spec;          /* the cam-tool spec string, e.g. "flat:d=0.2,z=2" */
  char       *label;         /* free text for comments */
  CamCoolant  coolant;
} CamToolpathTool;

typedef struct {
  /*< private >*/
  gint ref_count;
  /*< public >*/
  GArray   *moves;            /* of CamMove */
  GPtrArray *tools;           /* of CamToolpathTool*, owned */
  double    start[3];         /* where the tool is before move 0 */
} CamToolpath;


typedef struct {
  gsize  n_moves;             /* programmed moves counted (the op's), cycles as one */
  gsize  n_cut_moves;
  double cut_length_mm;       /* feeds and arcs, cycles expanded */
  double rapid_length_mm;     /* rapids, cycles expanded */
  double cut_time_s;
  double rapid_time_s;
  double cycle_time_s;        /* all, with acceleration, dwells and tool changes */
  guint  tool_changes;
  double min_safety_factor;   /* INFINITY when no move has one */
  gssize min_safety_move;     /* index of that move, -1 when none */
  double max_deflection_um;   /* 0 when no move has one */
  gssize max_deflection_move;
  double max_ra_um;
} CamToolpathStats;

CamToolpath *cam_toolpath_new       (void);
CamToolpath *cam_toolpath_ref       (CamToolpath *tp);
void         cam_toolpath_unref     (CamToolpath *tp);

/* Returns the index of the new tool; copies the strings. */
guint        cam_toolpath_add_tool  (CamToolpath *tp,
                                     guint        number,
                                     double       diameter_mm,
                                     const char  *spec,
                                     const char  *label,
                                     CamCoolant   coolant);

/* A move with every physics field NAN, flags 0, source line 0. */
CamMove      cam_move_init          (CamMoveType type, double x, double y, double z);

/* Appends a copy and returns a pointer to it (valid until the next append). */
CamMove     *cam_toolpath_append    (CamToolpath *tp, const CamMove *move);
gsize        cam_toolpath_n_moves   (const CamToolpath *tp);
CamMove     *cam_toolpath_move      (const CamToolpath *tp, gsize i);

/* Start point of move i (end of move i-1, or tp->start). */
void         cam_toolpath_move_start (const CamToolpath *tp, gsize i, double out[3]);
/* Last position (tp->start when empty). */
void         cam_toolpath_end_point (const CamToolpath *tp, double out[3]);

/* Appends all moves of src to dst, remapping src's tools onto dst's (matched by number)
 * and setting op_index of the copied moves. */
void         cam_toolpath_append_toolpath (CamToolpath       *dst,
                                           const CamToolpath *src,
                                           guint16            op_index);

gboolean     cam_move_is_cut        (const CamMove *m);  /* feed, arc or cycle */

/* Length of one move from start (arcs by their true helical length; cycles expanded). */
double       cam_move_length        (const CamMove *m, const double start[3]);

/* Signed sweep angle of an arc in radians (negative for CW), including extra turns. */
double       cam_move_arc_sweep     (const CamMove *m, const double start[3]);

/* Point at parameter t ∈ [0, 1] along a rapid, feed or arc. */
void         cam_move_point_at      (const CamMove *m, const double start[3], double t, double out[3]);

/* The chords of an arc move m from start at chording c (cam-arc.h): a new array of
 * 3 × *n_points doubles, the points from start to the end (*n_points = chords + 1). */
double      *cam_move_arc_points    (const CamMove        *m,
                                     const double          start[3],
                                     const CamArcChording *c,
                                     guint                *n_points);

/* Appends to out (a GArray of CamMove) the rapids, feeds and dwell the controller makes for
 * one CAM_MOVE_CYCLE hole c started at start (LinuxCNC semantics, see the top of this file).
 * The moves keep c's op, tool, feed, physics and line. */
void         cam_move_expand_cycle  (const CamMove *c, const double start[3], GArray *out);

/* A new toolpath where every CAM_MOVE_CYCLE is replaced by the rapids and feeds the
 * controller makes (LinuxCNC semantics, see the top of this file); arcs and other moves
 * are copied. Expanded moves keep the cycle move's op, tool, feed, physics and line. */
CamToolpath *cam_toolpath_expand_cycles (const CamToolpath *tp);

/* Lengths, times (trapezoidal velocity profile, see cam-toolpath.c), extremes.
 * kin may be NULL: times then assume infinite acceleration and 5000 mm/min rapids.
 * Only moves with op_index == op are counted when op >= 0 (the velocity profile is
 * still planned over the whole program). Streams: canned cycles are expanded one hole at
 * a time, and memory does not grow with the program's length (cam-toolpath.c). The
 * results are those of the expanded program (cam_toolpath_expand_cycles()) to the bit,
 * but for the extremes' move indices, n_moves and n_cut_moves, which refer to tp. */
void         cam_toolpath_stats     (const CamToolpath   *tp,
                                     const CamKinematics *kin,
                                     int                  op,
                                     CamToolpathStats    *out);

/* The statistics of every operation in one pass: per_op[k] (k < n_ops) is what
 * cam_toolpath_stats (tp, kin, k, …) gives, and *all (may be NULL) what op -1 gives.
 * Moves with op_index >= n_ops count in all only. */
void         cam_toolpath_stats_by_op (const CamToolpath   *tp,
                                       const CamKinematics *kin,
                                       guint                n_ops,
                                       CamToolpathStats    *per_op,
                                       CamToolpathStats    *all);

/* Axis-aligned box of all end points and arcs' extents (cycles: down to z, up to r_z). */
void         cam_toolpath_bounds    (const CamToolpath *tp, double min[3], double max[3]);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CamToolpath, cam_toolpath_unref)

G_END_DECLS
