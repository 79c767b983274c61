/* cam-gcode-comp.h — cutter radius compensation (G41 G42 G41.1 G42.1 G40) as LinuxCNC's
 * RS274NGC interpreter runs it, for the XY plane (G17), Z (the third axis) carried along.
 *
 * What it does: the interpreter hands over the *programmed* moves (tool-edge path) while
 * compensation is on; the module turns them into the moves of the tool centre and gives them
 * back through a callback, in order, each with the source line it comes from:
 *
 *   - entry: the first move after G41/G42 (a line, G0 or G1, or an arc) goes from where the
 *     tool is to the programmed end point offset by the radius, perpendicular to that move
 *     (for an arc: along the end radius, outward or inward), and must be longer than the radius
 *     ("Length of cutter compensation entry move is not greater than the tool radius",
 *     "Radius of cutter compensation entry arc is not greater than the tool radius");
 *   - then every line and arc is offset by the radius to the left (G41) or right (G42) of the
 *     direction of travel;
 *   - a convex corner gets an arc about the programmed corner point (a G0 gets a straight
 *     traverse to where that arc would end, there being no arc traverse); within 0.05 rad of
 *     tangent no arc is added;
 *   - a concave corner is cut where the two offset paths meet: the move before is held back
 *     (queued) until the next XY move shows the corner, then its end point is moved to the
 *     intersection (line–line, arc–line, line–arc, arc–arc) and it is emitted; a move that
 *     would then run backwards, or an arc that would grow longer, is a gouge and an error;
 *   - moves with no XY motion (Z only) pass through at the tool's XY, queued behind the XY
 *     move before them, so they move with its end point;
 *   - an arc on whose inside the tool is, with a radius not above the tool radius, is an error;
 *   - G40 (and program end) flushes what is held: the last compensated move is emitted where
 *     it is; the next move, the exit move, is an ordinary move from there to its programmed
 *     end point, and must be straight (arc_not_allowed, kept here too);
 *   - a negative radius swaps the side (LinuxCNC: negative diameter in the tool table or
 *     G41.1 D-), a zero radius (T0, D0) makes compensation a pass-through.
 *
 * Method: a re-implementation, in this module's own code, of the algorithm of LinuxCNC's
 * interpreter (src/emc/rs274ngc: interp_convert.cc convert_straight_comp1/2 and
 * convert_arc_comp1/2, the canon queue of interp_queue.cc with move_endpoint_and_flush and
 * dequeue_canons), read to learn the method, not copied; documented at
 * linuxcnc.org/docs/html/gcode/tool-compensation.html and g-code.html#gcode:g41-g42.
 * Every construct is checked against LinuxCNC 2.9's rs274 (its canonical STRAIGHT_FEED /
 * STRAIGHT_TRAVERSE / ARC_FEED output) in tests/test-cam-gcode-comp.c with the programs of
 * tests/data/gcode-comp/ (matching within 1e-6 mm), including the same error messages.
 * Quirks of LinuxCNC kept on purpose, so that the same programs pass and fail: the entry
 * line's "direction" for the gouge check is its end normal, not its direction of travel
 * (LinuxCNC lets a concave corner pull the entry move back past its start); the convex-corner
 * test before an arc never checks the held move; the arc-growth gouge threshold is 0.0254 rad
 * for mm programs and 0.001 rad for inch programs (cam_gcode_comp_set_program_inches).
 *
 * Units: mm (the module is scale-free but for that one threshold). Positions are in the
 * program's coordinate system as the interpreter keeps it (offsets applied or not, the same
 * for every call). Not supported here: G18/G19 (lathe comp in XZ, tool orientation), rotary
 * and UVW axes, inverse-time feed (the interpreter's job per emitted move).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct CamGcodeComp CamGcodeComp;

typedef enum {
  CAM_COMP_OFF = 0,
  CAM_COMP_LEFT,            /* G41 / G41.1: the tool left of the direction of travel */
  CAM_COMP_RIGHT,           /* G42 / G42.1 */
} CamCompSide;

typedef enum {
  CAM_COMP_MOVE_TRAVERSE,   /* STRAIGHT_TRAVERSE (G0) */
  CAM_COMP_MOVE_FEED,       /* STRAIGHT_FEED (G1) */
  CAM_COMP_MOVE_ARC,        /* ARC_FEED */
} CamCompMoveKind;

/* One tool-centre move, as LinuxCNC's canonical command would be. */
typedef struct {
  CamCompMoveKind kind;
  double end[3];            /* end point, mm */
  double centre[2];         /* arcs: the centre (XY), mm */
  int rotation;             /* arcs: ARC_FEED's rotation, +n CCW, -n CW, |n|-1 extra full turns */
  guint32 source_line;      /* the line of the programmed move it belongs to (corner arcs: the
                             * move after the corner) */
  gboolean corner;          /* an arc or traverse added at a convex corner */
} CamCompMove;

/* Called for every move, in order; moves come late (a move is held until the next XY move or
 * G40), so the callback is the only place to collect them. */
typedef void (*CamCompEmit) (gpointer data, const CamCompMove *move);

CamGcodeComp *cam_gcode_comp_new  (CamCompEmit emit, gpointer data);
void          cam_gcode_comp_free (CamGcodeComp *c);

/* The 0.001 rad (inch) rather than 0.0254 rad (mm) arc-growth gouge threshold, as LinuxCNC
 * picks by the program's units (G20/G21). Default: mm. */
void     cam_gcode_comp_set_program_inches (CamGcodeComp *c, gboolean inches);

/* G41/G42 (radius = tool table diameter / 2, of the tool D names or the loaded one) or
 * G41.1/G42.1 (radius = D / 2), with the tool at current[] (programmed = actual there).
 * Errors: already on ("Cannot turn cutter radius comp on when already on"), side OFF. */
gboolean cam_gcode_comp_start (CamGcodeComp *c, CamCompSide side, double radius_mm,
                               const double current[3], char *err, gsize err_len);

/* A programmed straight move (G0 when rapid, else G1) to end[] (absolute). While compensation
 * is off this is a pass-through (emitted at once), keeping arc_not_allowed. */
gboolean cam_gcode_comp_line  (CamGcodeComp *c, gboolean rapid, const double end[3],
                               guint32 line, char *err, gsize err_len);

/* A programmed arc (G2 when cw) from the programmed point (cam_gcode_comp_position) to end[],
 * about the programmed centre[] (the interpreter works it out from I J or R against the
 * programmed start, as it would without compensation), turns ≥ 1 (P). While compensation is
 * off: a pass-through, but an error right after G40 ("The move just after exiting cutter
 * compensation mode must be straight, not an arc"). */
gboolean cam_gcode_comp_arc   (CamGcodeComp *c, gboolean cw, const double end[3],
                               const double centre[2], guint turns, guint32 line,
                               char *err, gsize err_len);

/* G40, and program end (M2/M30) with compensation on: flushes the held moves (with the gouge
 * check LinuxCNC makes there); after it the programmed point and the interpreter's current
 * point are the programmed end of the last move, the tool being at cam_gcode_comp_tool(). Safe
 * to call when off (nothing happens). */
gboolean cam_gcode_comp_stop  (CamGcodeComp *c, char *err, gsize err_len);

gboolean cam_gcode_comp_active (const CamGcodeComp *c);   /* between start and stop */
CamCompSide cam_gcode_comp_side (const CamGcodeComp *c);  /* after a negative radius swap */
double   cam_gcode_comp_radius (const CamGcodeComp *c);   /* ≥ 0 */

/* The programmed (uncompensated) point: where the next move starts for the interpreter —
 * incremental (G91) targets and IJK/R centres are taken from it. */
void     cam_gcode_comp_position (const CamGcodeComp *c, double programmed[3]);

/* Where the tool centre is (end of the last move given out or held). */
void     cam_gcode_comp_tool     (const CamGcodeComp *c, double tool[3]);

G_END_DECLS
