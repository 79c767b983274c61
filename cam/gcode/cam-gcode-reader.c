/* cam-gcode-reader.c — interprets a G-code program into a CamToolpath (import for review).
 *
 * Method: one pass over the mapped bytes, line by line (memchr for the newline); each line
 * is split into words by cam-gcode-lexer.c into a reused fixed-size block, then run against
 * the modal state in the order of execution of RS274/NGC (NIST RS274/NGC interpreter v3,
 * Kramer et al., NISTIR 6556, §3.8 "Order of execution"): feed, speed, tool select, tool
 * change, spindle, coolant, dwell, plane, units, tool length offset, distance mode, retract
 * mode, home, motion, stop.
 *
 * Semantics follow LinuxCNC's interpreter and its documentation
 * (linuxcnc.org/docs/html/gcode/g-code.html), which the test suite checks move by move
 * against `rs274 -g` (tests/test-cam-gcode-reader.c, tests/cli/test-cli-check.sh):
 *   - G2/G3 centre format: I J K are offsets from the start (G91.1, the default) or
 *     absolute (G90.1); the end must lie on the circle within 0.00127 mm or 0.1 % of the
 *     radius, and always within 100 × 0.00127 mm (LinuxCNC's default
 *     CENTER_ARC_RADIUS_TOLERANCE_MM and its relative tolerance; options.arc_tolerance_mm),
 *     start = end is a full circle, P n adds n−1 full turns.
 *   - G2/G3 radius format: R > 0 the short arc (≤ 180°), R < 0 the long one; the centre is
 *     on the perpendicular bisector of the chord at √(R² − (c/2)²); start = end is an error
 *     (a full circle has no defined centre in radius format).
 *   - Canned cycles (G17 only): R and Z, Q (G83/G73) and P (G82) are sticky; in G91 R is
 *     an increment from the Z at the start of the block and Z an increment from R, X Y are
 *     increments repeated L times; in G90 L repeats the same hole. Z and R are required at
 *     the start of a series; R below Z is an error.
 *   - G20: every length word × 25.4, feeds in in/min × 25.4.
 *   - G28 without axis words rapids home; with them, first to that intermediate point then
 *     home on the named axes. Home and all offsets are taken as zero (what `rs274` does
 *     without a parameter file); a warning says so.
 * G18/G19 arcs are turned into chords with a sagitta ≤ 1 µm (chord angle 2·acos(1 − s/r))
 * and at most 1° (polyline length within 1.3·10⁻⁵ of the arc's, 1 − sin(θ/2)/(θ/2) ≈ θ²/24),
 * because the toolpath model's arcs lie in XY; at most 20,000 chords an arc, and 20 million
 * chords, holes and pecks a program (memory stays bounded whatever the input).
 * LinuxCNC keeps the Z where a series of contiguous cycles began (interp_cycles.cc,
 * cycle_il): G98 returns there, and a G98 hole started at or below its R plane is
 * approached at that Z. Where the toolpath's cycle semantics (start Z, R) differ, one
 * extra rapid is added: after the hole up to that Z (CAM_GCODE_MOVE_FLAG_RETRACT), before
 * it straight to above the hole at that Z (CAM_GCODE_MOVE_FLAG_ENTRY); both checked
 * against rs274 in the tests.
 * Memory: cam_gcode_reader_read_file() hands the mapped file's pages behind the cursor back
 * every 4 MB (madvise MADV_DONTNEED on the read-only private mapping), so the peak is the
 * toolpath plus a few MB, not the toolpath plus the whole file (140 MB for 5 M lines).
 */
#include "cam-gcode-reader.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cam-error.h"
#include "cam-gcode-interp.h"
#include "cam-gcode-lexer.h"
#include "cam-page-advice.h"

#define INCH_MM 25.4
#define ARC_ABS_TOL_MM 0.00127   /* LinuxCNC default CENTER_ARC_RADIUS_TOLERANCE_MM */
#define ARC_REL_TOL 0.001        /* LinuxCNC RADIUS_TOLERANCE (0.1 %) */
#define CHORD_SAGITTA_MM 1e-3    /* G18/G19 arcs as chords: 1 µm … */
#define CHORD_MAX_ANGLE (G_PI / 180) /* … and 1°: chord length short of the arc by ≤ θ²/24 = 1.3·10⁻⁵ */
#define MAX_CHORDS 20000         /* per arc (many turns: coarser) */
#define MAX_PECKS 100000
#define MAX_EXPANDED 20000000    /* chords, holes and pecks in one program (memory bound) */
#define MAX_COORD_MM 1e6
#define PROGRESS_BYTES (4u << 20)
#define CANCEL_CHECK_BLOCKS 65536u

#define MOTION_NONE CAM_GCODE_MOTION_NONE

typedef CamGcodeInterp Interp;

CamGcodeReader *
cam_gcode_reader_new (const CamGcodeReaderOptions *options)
{
  CamGcodeReader *r = g_new0 (CamGcodeReader, 1);
  r->toolpath = cam_toolpath_new ();
  r->errors = cam_diagnostics_new ();
  r->warnings = cam_diagnostics_new ();
  r->header_tools = cam_gcode_header_tools_new ();
  r->name = g_strdup ("G-code");
  if (options != NULL)
    {
      r->options = *options;
      /* the reader keeps its own copies of the option strings */
      r->options_subroutine_path = g_strdup (options->subroutine_path);
      r->options_tool_table = g_strdup (options->tool_table);
      r->options.subroutine_path = r->options_subroutine_path;
      r->options.tool_table = r->options_tool_table;
    }
  if (r->options.max_messages == 0)
    r->options.max_messages = 1000;
  return r;
}

void
cam_gcode_reader_free (CamGcodeReader *r)
{
  if (r == NULL)
    return;
  cam_toolpath_unref (r->toolpath);
  g_free (r->line_first_move);
  g_free (r->options_subroutine_path);
  g_free (r->options_tool_table);
  g_array_unref (r->errors);
  g_array_unref (r->warnings);
  g_array_unref (r->header_tools);
  g_free (r->name);
  g_free (r);
}

char *
cam_gcode_reader_first_error (const CamGcodeReader *r)
{
  if (r->errors->len == 0)
    return NULL;
  const CamDiagnostic *m = &g_array_index (r->errors, CamDiagnostic, 0);
  return g_strdup_printf ("%s:%u: %s", r->name, m->line, m->message);
}

const CamGcodeHeaderTool *
cam_gcode_reader_header_tool (const CamGcodeReader *r, guint number)
{
  for (guint i = 0; i < r->header_tools->len; i++)
    {
      const CamGcodeHeaderTool *t = &g_array_index (r->header_tools, CamGcodeHeaderTool, i);
      if (t->number == number)
        return t;
    }
  return NULL;
}

gssize
cam_gcode_reader_find_line (const CamGcodeReader *r, guint32 line)
{
  if (r->line_first_move == NULL || line == 0 || line > r->n_lines)
    return -1;
  guint32 m = r->line_first_move[line];
  return m == G_MAXUINT32 ? -1 : (gssize) m;
}

/* line → first move, over the main program's lines: moves are in the order they are run,
 * which loops and subroutines take out of line order. */
static void
index_lines (CamGcodeReader *r)
{
  g_free (r->line_first_move);
  r->line_first_move = g_new (guint32, (gsize) r->n_lines + 1);
  memset (r->line_first_move, 0xff, sizeof (guint32) * ((gsize) r->n_lines + 1));
  const GArray *moves = r->toolpath->moves;
  for (guint i = moves->len; i-- > 0;)
    {
      guint32 l = g_array_index (moves, CamMove, i).source_line;
      if (l <= r->n_lines)
        r->line_first_move[l] = i;
    }
}

/* The line's diagnostics come before its moves are made (an error skips them): move -1, the
 * line finds them (cam_gcode_reader_find_line). */
void
cam_gcode_interp_message (Interp *s, CamSeverity severity, const char *code, const char *fmt, ...)
{
  gboolean is_error = severity == CAM_SEVERITY_ERROR;
  GArray *list = is_error ? s->r->errors : s->r->warnings;
  guint *count = is_error ? &s->r->n_errors : &s->r->n_warnings;
  (*count)++;
  if (list->len >= s->max_messages)
    return;
  va_list ap;
  va_start (ap, fmt);
  char *text = g_strdup_vprintf (fmt, ap);
  va_end (ap);
  /* a line of a subroutine file: the message names it; the diagnostic sits on the call's line */
  if (s->sources != NULL && s->cur.source != 0)
    {
      const CamGcodeSource *src = g_ptr_array_index (s->sources, s->cur.source);
      char *named = g_strdup_printf ("%s:%u: %s", src->name, s->line, text);
      g_free (text);
      text = named;
    }
  cam_diagnostics_add (list, severity, s->move_line, -1, code, text);
}

#define ERROR(s, ...) CAM_GCODE_ERROR (s, __VA_ARGS__)
#define WARN(s, ...) CAM_GCODE_WARN (s, __VA_ARGS__)
#define add_message cam_gcode_interp_message

static inline gboolean
has (const CamGcodeBlock *b, char letter)
{
  return (b->has & CAM_GCODE_BIT (letter)) != 0;
}

static inline double
val (const CamGcodeBlock *b, char letter)
{
  return b->v[letter - 'A'];
}

static int
current_tool (Interp *s)
{
  if (s->tool_index < 0)
    {
      g_autofree char *label = g_strdup_printf ("T%u (no tool change in the program)", s->selected_tool);
      s->tool_number = s->selected_tool;
      s->tool_index = (int) cam_toolpath_add_tool (s->r->toolpath, s->selected_tool, 0, NULL, label,
                                                   CAM_COOLANT_OFF);
    }
  return s->tool_index;
}

static void
change_tool (Interp *s)
{
  CamToolpath *tp = s->r->toolpath;
  for (guint i = 0; i < tp->tools->len; i++)
    {
      const CamToolpathTool *t = g_ptr_array_index (tp->tools, i);
      if (t->number == s->selected_tool)
        {
          s->tool_index = (int) i;
          s->tool_number = t->number;
          return;
        }
    }
  g_autofree char *label = g_strdup_printf ("T%u", s->selected_tool);
  s->tool_index = (int) cam_toolpath_add_tool (tp, s->selected_tool, 0, NULL, label, CAM_COOLANT_OFF);
  s->tool_number = s->selected_tool;
}

/* A move to machine position p (mm). NULL when the program has made too many moves. */
static CamMove *
emit (Interp *s, CamMoveType type, const double p[3])
{
  static CamMove overflow;
  if (s->r->toolpath->moves->len >= CAM_GCODE_MAX_MOVES)
    {
      if (!s->stop)
        ERROR (s, "more than %u moves: the review stops here", CAM_GCODE_MAX_MOVES);
      s->stop = TRUE;
      return &overflow;
    }
  CamMove m = cam_move_init (type, p[0], p[1], p[2]);
  m.source_line = s->move_line;
  m.tool_index = (guint16) current_tool (s);
  m.rpm = s->spindle_on ? (float) s->speed : 0.0f;
  if (type != CAM_MOVE_RAPID && type != CAM_MOVE_DWELL)
    m.feed_mm_min = s->feed > 0 ? (float) (s->feed * s->scale) : NAN;
  CamMove *out = cam_toolpath_append (s->r->toolpath, &m);
  s->pos[0] = p[0], s->pos[1] = p[1], s->pos[2] = p[2];
  return out;
}

/* A move to programmed point p (mm, program coordinates). */
static CamMove *
emit_program (Interp *s, CamMoveType type, const double p[3])
{
  double m[3];
  cam_gcode_to_machine (s, p, m);
  return emit (s, type, m);
}

/* Where the program is (mm, program coordinates): with cutter compensation on, the programmed
 * point, not the tool's centre, as in LinuxCNC. */
static void
program_position (const Interp *s, double p[3])
{
  if (s->comp && cam_gcode_comp_active (s->comp))
    cam_gcode_comp_position (s->comp, p);
  else
    cam_gcode_to_program (s, s->pos, p);
}

/* The compensated moves, as the module gives them back (late: a move waits for the next). */
static void
comp_emit (gpointer data, const CamCompMove *mv)
{
  Interp *s = data;
  guint32 line = s->move_line;
  s->move_line = mv->source_line;
  if (mv->kind == CAM_COMP_MOVE_ARC)
    {
      double c[3] = { mv->centre[0], mv->centre[1], mv->end[2] }, mc[3];
      cam_gcode_to_machine (s, c, mc);
      CamMove *m = emit_program (s, mv->rotation < 0 ? CAM_MOVE_ARC_CW : CAM_MOVE_ARC_CCW, mv->end);
      m->cx = mc[0];
      m->cy = mc[1];
      m->turns = (guint8) MIN (255, ABS (mv->rotation) - 1);
    }
  else
    emit_program (s, mv->kind == CAM_COMP_MOVE_TRAVERSE ? CAM_MOVE_RAPID : CAM_MOVE_FEED, mv->end);
  s->move_line = line;
}

static gboolean
comp_on (const Interp *s)
{
  return s->comp && cam_gcode_comp_active (s->comp);
}

static void
comp_stop (Interp *s)
{
  char err[200];
  if (comp_on (s) && !cam_gcode_comp_stop (s->comp, err, sizeof err))
    CAM_GCODE_ERROR (s, "%s", err);
}

/* G41/G42 (radius from the tool table, of the tool D names or the one in the spindle) and
 * G41.1/G42.1 (D the diameter in program units). */
static void
comp_start (Interp *s, int code, const CamGcodeBlock *b)
{
  CamCompSide side = code == CAM_G41_COMP_LEFT || code == CAM_G41_1_COMP_LEFT_DYN ? CAM_COMP_LEFT : CAM_COMP_RIGHT;
  double radius = 0;
  if (code == CAM_G41_1_COMP_LEFT_DYN || code == CAM_G42_1_COMP_RIGHT_DYN)
    {
      if (!(b->has & CAM_GCODE_BIT ('D')))
        {
          CAM_GCODE_ERROR (s, "G%g needs D, the tool diameter", CAM_GCODE_G_NUMBER (code));
          return;
        }
      radius = b->v['D' - 'A'] * s->scale / 2;
    }
  else
    {
      guint number = s->tool_index >= 0 ? s->tool_number : 0;
      if (b->has & CAM_GCODE_BIT ('D'))
        number = (guint) MAX (0, nearbyint (b->v['D' - 'A']));
      double d;
      if (!cam_gcode_tool_diameter (s, number, &d))
        {
          CAM_GCODE_WARN (s, "G%g: tool %u has no diameter (no tool table given, or not in it): compensation "
                             "with radius 0, the programmed path taken as the tool centre",
                          CAM_GCODE_G_NUMBER (code), number);
        }
      else
        radius = d / 2;
    }
  double p[3];
  program_position (s, p);
  char err[200];
  cam_gcode_comp_set_program_inches (s->comp, s->scale != 1.0);
  if (!cam_gcode_comp_start (s->comp, side, radius, p, err, sizeof err))
    CAM_GCODE_ERROR (s, "%s", err);
}

/* End point of a motion block in program coordinates (mm): axis words absolute or incremental. */
static void
target (const Interp *s, const CamGcodeBlock *b, double t[3])
{
  double cur[3];
  program_position (s, cur);
  for (int k = 0; k < 3; k++)
    {
      char letter = (char) ('X' + k);
      if (has (b, letter))
        {
          double v = val (b, letter) * s->scale;
          t[k] = s->incremental ? cur[k] + v : v;
        }
      else
        t[k] = cur[k];
    }
}

/* G53: the named axes in machine coordinates, the others where they are; as a program point. */
static void
target_machine (const Interp *s, const CamGcodeBlock *b, double t[3])
{
  double m[3] = { s->pos[0], s->pos[1], s->pos[2] };
  for (int k = 0; k < 3; k++)
    if (has (b, (char) ('X' + k)))
      m[k] = val (b, (char) ('X' + k)) * s->scale;
  cam_gcode_to_program (s, m, t);
}

static gboolean
need_feed (Interp *s, CamGcodeG code)
{
  if (s->feed > 0)
    return TRUE;
  ERROR (s, "G%g with no feed rate: program F before the first cutting move", CAM_GCODE_G_NUMBER (code));
  return FALSE;
}

/* Plane axes: in-plane first, second, and the helix axis; and the centre offset letters. */
static void
plane_axes (CamGcodeG plane, int *a0, int *a1, int *a2, char *o0, char *o1)
{
  switch (plane)
    {
    case CAM_G18_PLANE_ZX: *a0 = 2, *a1 = 0, *a2 = 1, *o0 = 'K', *o1 = 'I'; break;
    case CAM_G19_PLANE_YZ: *a0 = 1, *a1 = 2, *a2 = 0, *o0 = 'J', *o1 = 'K'; break;
    default:               *a0 = 0, *a1 = 1, *a2 = 2, *o0 = 'I', *o1 = 'J'; break;
    }
}

/* e: the end in program coordinates; the arc is worked out there and its points placed on
 * the machine (a rotated coordinate system turns the circle, it stays a circle). */
static void
arc (Interp *s, const CamGcodeBlock *b, gboolean cw, const double e[3])
{
  double start[3];
  program_position (s, start);
  int a0, a1, a2;
  char o0, o1;
  plane_axes (s->plane, &a0, &a1, &a2, &o0, &o1);
  CamGcodeG g = cw ? CAM_G2_ARC_CW : CAM_G3_ARC_CCW;
  double code = CAM_GCODE_G_NUMBER (g); /* for the messages */
  if (!need_feed (s, g))
    return;
  gboolean has_r = has (b, 'R');
  gboolean has_off = has (b, o0) || has (b, o1);
  if (has_r && has_off)
    {
      ERROR (s, "G%g with both R and %c/%c: give the centre one way", code, o0, o1);
      return;
    }
  if (!has_r && !has_off)
    {
      ERROR (s, "G%g needs the centre (%c, %c) or the radius (R)", code, o0, o1);
      return;
    }
  double sx = start[a0], sy = start[a1], ex = e[a0], ey = e[a1];
  double cx, cy;
  if (has_r)
    {
      double rr = val (b, 'R') * s->scale;
      double dx = ex - sx, dy = ey - sy, d = hypot (dx, dy);
      if (d < 1e-9)
        {
          ERROR (s, "G%g with R and the end at the start: a full circle needs its centre (%c, %c), not R",
                 code, o0, o1);
          return;
        }
      if (fabs (rr) < 1e-9)
        {
          ERROR (s, "G%g with R 0", code);
          return;
        }
      double half = d / 2;
      if (fabs (rr) < half - 1e-6)
        {
          ERROR (s, "G%g radius R %g is too small to reach the end point (chord %.4f mm)", code,
                 val (b, 'R'), d);
          return;
        }
      double h = sqrt (MAX (0.0, rr * rr - half * half));
      double ux = dx / d, uy = dy / d;
      /* short arc (R > 0) clockwise: centre to the right of start→end */
      double side = (cw ? 1.0 : -1.0) * (rr > 0 ? 1.0 : -1.0);
      cx = sx + dx / 2 + side * h * uy;
      cy = sy + dy / 2 - side * h * ux;
    }
  else
    {
      double i0 = has (b, o0) ? val (b, o0) * s->scale : 0;
      double i1 = has (b, o1) ? val (b, o1) * s->scale : 0;
      if (s->arc_absolute)
        {
          cx = has (b, o0) ? i0 : sx;
          cy = has (b, o1) ? i1 : sy;
        }
      else
        {
          cx = sx + i0;
          cy = sy + i1;
        }
      double r1 = hypot (sx - cx, sy - cy), r2 = hypot (ex - cx, ey - cy);
      if (r1 < 1e-9)
        {
          ERROR (s, "G%g with the centre at the start point (radius 0)", code);
          return;
        }
      /* LinuxCNC (interp_arc.cc arc_data_ijk): abs > 100·tol, or rel > 0.1 % and abs > tol;
       * in G20 rs274 applies only the first test (measured) */
      double abs_err = fabs (r1 - r2), tol = s->arc_tolerance;
      if (abs_err > 100 * tol || (s->scale == 1.0 && abs_err > tol && abs_err / MAX (r1, r2) > ARC_REL_TOL))
        {
          ERROR (s, "G%g: radius to the end (%.4f mm) differs from radius to the start (%.4f mm) by %.4f mm",
                 code, r2, r1, abs_err);
          return;
        }
    }
  guint turns = 0;
  if (has (b, 'P'))
    {
      double p = val (b, 'P');
      if (p < 1 || fabs (p - nearbyint (p)) > 1e-9 || p > 256)
        {
          ERROR (s, "G%g P %g: the number of turns must be a whole number from 1 to 256", code, p);
          return;
        }
      turns = (guint) nearbyint (p) - 1;
    }
  if (s->plane == CAM_G17_PLANE_XY && comp_on (s))
    {
      char err[200];
      double centre[2] = { cx, cy };
      if (!cam_gcode_comp_arc (s->comp, cw, e, centre, turns + 1, s->move_line, err, sizeof err))
        ERROR (s, "%s", err);
      return;
    }
  if (comp_on (s))
    {
      ERROR (s, "G%g in G%g with cutter compensation on: compensation is reviewed in the XY plane (G17)", code,
             CAM_GCODE_G_NUMBER (s->plane));
      return;
    }
  if (s->plane == CAM_G17_PLANE_XY)
    {
      double c[3] = { cx, cy, e[2] }, mc[3];
      cam_gcode_to_machine (s, c, mc);
      CamMove *m = emit_program (s, cw ? CAM_MOVE_ARC_CW : CAM_MOVE_ARC_CCW, e);
      m->cx = mc[0];
      m->cy = mc[1];
      m->turns = (guint8) turns;
      return;
    }
  /* G18/G19: chords (see the top of the file). */
  double r1 = hypot (sx - cx, sy - cy), r2 = hypot (ex - cx, ey - cy);
  double t0 = atan2 (sy - cy, sx - cx), t1 = atan2 (ey - cy, ex - cx);
  double sweep = t1 - t0;
  if (cw)
    {
      while (sweep >= -1e-12)
        sweep -= 2 * G_PI;
      sweep -= 2 * G_PI * turns;
    }
  else
    {
      while (sweep <= 1e-12)
        sweep += 2 * G_PI;
      sweep += 2 * G_PI * turns;
    }
  static const CamArcChording chording = {
    .sagitta_mm = CHORD_SAGITTA_MM, .max_angle = CHORD_MAX_ANGLE, .small_angle = G_PI / 2,
    .min_chords = 1, .max_chords = MAX_CHORDS,
  };
  guint n = cam_arc_n_chords (&chording, MAX (r1, r2), sweep);
  if (s->expanded + n > MAX_EXPANDED)
    {
      ERROR (s, "G%g in G%g: more than %d arc segments and cycle repeats in the program", code,
             CAM_GCODE_G_NUMBER (s->plane), MAX_EXPANDED);
      return;
    }
  s->expanded += n;
  double s2 = start[a2];
  for (guint i = 1; i <= n && !s->stop; i++)
    {
      double p[3];
      if (i == n)
        memcpy (p, e, sizeof p);
      else
        {
          double t = (double) i / n, a = t0 + sweep * t, rr = r1 + (r2 - r1) * t;
          p[a0] = cx + rr * cos (a);
          p[a1] = cy + rr * sin (a);
          p[a2] = s2 + (e[a2] - s2) * t;
        }
      emit_program (s, CAM_MOVE_FEED, p)->flags |= CAM_GCODE_MOVE_FLAG_CHORD;
    }
}

static void
canned_cycle (Interp *s, const CamGcodeBlock *b, CamGcodeG motion, gboolean new_series)
{
  double code = CAM_GCODE_G_NUMBER (motion); /* for the messages */
  if (s->plane != CAM_G17_PLANE_XY)
    {
      ERROR (s, "G%g in G%g: canned cycles are read in the XY plane (G17) only", code,
             CAM_GCODE_G_NUMBER (s->plane));
      return;
    }
  if (has (b, 'Z'))
    s->cyc_z = val (b, 'Z') * s->scale, s->have_cyc_z = TRUE;
  else if (new_series)
    {
      ERROR (s, "G%g needs Z (the hole bottom) at the start of a cycle series", code);
      return;
    }
  if (has (b, 'R'))
    s->cyc_r = val (b, 'R') * s->scale, s->have_cyc_r = TRUE;
  if (!s->have_cyc_r || !s->have_cyc_z)
    {
      ERROR (s, "G%g needs %s", code, !s->have_cyc_r ? "R (the retract plane)" : "Z (the hole bottom)");
      return;
    }
  if (has (b, 'Q'))
    {
      if (val (b, 'Q') <= 0)
        {
          ERROR (s, "G%g Q %g: the peck depth must be above 0", code, val (b, 'Q'));
          return;
        }
      s->cyc_q = val (b, 'Q') * s->scale;
    }
  if ((motion == CAM_G83_PECK || motion == CAM_G73_CHIPBREAK) && !(s->cyc_q > 0))
    {
      ERROR (s, "G%g needs Q (the peck depth)", code);
      return;
    }
  if (has (b, 'P'))
    {
      if (val (b, 'P') < 0)
        {
          ERROR (s, "G%g P %g: the dwell cannot be negative", code, val (b, 'P'));
          return;
        }
      s->cyc_p = val (b, 'P');
    }
  guint repeats = 1;
  if (has (b, 'L'))
    {
      double l = val (b, 'L');
      if (l < 0 || fabs (l - nearbyint (l)) > 1e-9 || l > 100000)
        {
          ERROR (s, "G%g L %g: the repeat count must be a whole number from 0 to 100000", code, l);
          return;
        }
      repeats = (guint) nearbyint (l);
    }
  /* the cycle is worked out in program coordinates; zoff takes its Z to the machine */
  double cp[3];
  program_position (s, cp);
  double zoff = s->pos[2] - cp[2];
  double r_z, z, x = cp[0], y = cp[1], dx = 0, dy = 0;
  if (s->incremental)
    {
      r_z = s->cycle_z0 + s->cyc_r;
      z = r_z + s->cyc_z;
      dx = has (b, 'X') ? val (b, 'X') * s->scale : 0;
      dy = has (b, 'Y') ? val (b, 'Y') * s->scale : 0;
    }
  else
    {
      r_z = s->cyc_r;
      z = s->cyc_z;
      if (has (b, 'X'))
        x = val (b, 'X') * s->scale;
      if (has (b, 'Y'))
        y = val (b, 'Y') * s->scale;
    }
  if (z > r_z)
    {
      ERROR (s, "G%g: the R plane (%.4f mm) is below the hole bottom Z (%.4f mm)", code, r_z, z);
      return;
    }
  if ((motion == CAM_G83_PECK || motion == CAM_G73_CHIPBREAK) && (r_z - z) / s->cyc_q > MAX_PECKS)
    {
      ERROR (s, "G%g: %.0f pecks of Q %.4g mm to reach Z: more than %d", code, ceil ((r_z - z) / s->cyc_q),
             s->cyc_q, MAX_PECKS);
      return;
    }
  /* what the holes expand to (cam_toolpath_expand_cycles: 3 moves a peck, 4 more a hole)
   * stays within the budget, and the peck loop always advances (Q far above the rounding
   * of Z within ±1 km) */
  if (fabs (r_z) > MAX_COORD_MM || fabs (z) > MAX_COORD_MM || fabs (x) > MAX_COORD_MM || fabs (y) > MAX_COORD_MM)
    {
      ERROR (s, "G%g: a hole beyond ±%.0f mm", code, MAX_COORD_MM);
      return;
    }
  if ((motion == CAM_G83_PECK || motion == CAM_G73_CHIPBREAK) && s->cyc_q < 1e-6)
    {
      ERROR (s, "G%g Q %g mm: the peck is below 1 nm", code, s->cyc_q);
      return;
    }
  double pecks = (motion == CAM_G83_PECK || motion == CAM_G73_CHIPBREAK) ? ceil ((r_z - z) / s->cyc_q) : 1;
  double cost = (double) repeats * (3 * pecks + 4);
  if ((double) s->expanded + cost > MAX_EXPANDED)
    {
      ERROR (s, "G%g: %u holes of %.0f pecks: more than %d arc segments and cycle moves in the program", code,
             repeats, pecks, MAX_EXPANDED);
      return;
    }
  s->expanded += (gsize) cost;
  CamCycle cycle = motion == CAM_G81_DRILL ? CAM_CYCLE_DRILL
                   : motion == CAM_G82_DRILL_DWELL ? CAM_CYCLE_DRILL_DWELL
                   : motion == CAM_G83_PECK ? CAM_CYCLE_PECK : CAM_CYCLE_CHIPBREAK;
  /* LinuxCNC raises to R first whenever the series began below R, even when the tool is
   * already at or above it (a zero-length or a downward rapid the toolpath's semantics
   * would not make) */
  double pz = cp[2];
  if (s->cycle_z0 < r_z && pz >= r_z)
    {
      double q[3] = { cp[0], cp[1], r_z };
      emit_program (s, CAM_MOVE_RAPID, q);
      pz = r_z;
    }
  for (guint i = 0; i < repeats && !s->stop; i++)
    {
      x += dx;
      y += dy;
      double p[3] = { x, y, z };
      /* LinuxCNC positions at the current Z when that is above R, else at the retract
       * height: with G98 the Z the series began at (which the toolpath's cycle semantics
       * cannot say by themselves) */
      if (!s->retract_r && pz <= r_z && s->cycle_z0 > r_z)
        {
          double q[3] = { x, y, s->cycle_z0 };
          emit_program (s, CAM_MOVE_RAPID, q)->flags |= CAM_GCODE_MOVE_FLAG_ENTRY;
          pz = s->cycle_z0;
        }
      double start_z = pz;
      CamMove *m = emit_program (s, CAM_MOVE_CYCLE, p);
      m->cycle = (guint8) cycle;
      m->retract = s->retract_r ? CAM_RETRACT_R_PLANE : CAM_RETRACT_OLD_Z;
      m->r_z = r_z + zoff;
      m->q_mm = (cycle == CAM_CYCLE_PECK || cycle == CAM_CYCLE_CHIPBREAK) ? s->cyc_q : 0;
      m->dwell_s = cycle == CAM_CYCLE_DRILL_DWELL ? (float) s->cyc_p : 0.0f;
      /* where the toolpath's semantics leave the tool (cam-toolpath.h) … */
      pz = s->retract_r ? r_z : MAX (start_z, r_z);
      s->pos[2] = pz + zoff;
      /* … and where LinuxCNC does: G98 goes back to the Z the series began at */
      double clear = MAX (s->cycle_z0, r_z);
      if (!s->retract_r && clear > pz)
        {
          double q[3] = { x, y, clear };
          emit_program (s, CAM_MOVE_RAPID, q)->flags |= CAM_GCODE_MOVE_FLAG_RETRACT;
          pz = clear;
        }
    }
}

/* Words that change nothing microcam reviews: say so once per line. */
static void
warn_ignored_words (Interp *s, const CamGcodeBlock *b)
{
  static const char ignored[] = "ABCUVW";
  for (const char *c = ignored; *c; c++)
    if (has (b, *c))
      WARN (s, "%c%g ignored: only X, Y and Z motion is reviewed", *c, val (b, *c));
}

static gboolean
is_cycle (int g)
{
  return g == CAM_G73_CHIPBREAK || g == CAM_G81_DRILL || g == CAM_G82_DRILL_DWELL || g == CAM_G83_PECK;
}

/* Cycles the toolpath has no cycle type for: run as the controller's moves (G74 G84 G85–G89). */
static gboolean
is_expanded_cycle (int g)
{
  return g == CAM_GCODE_G (74, 0) || (g >= CAM_GCODE_G (84, 0) && g <= CAM_GCODE_G (89, 0));
}

/* The modal group of a G-code (LinuxCNC's groups; 0 the non-modal ones), -1 unknown. */
static int
g_group (int g)
{
  switch (g)
    {
    case CAM_G4_DWELL: case CAM_G10_SET_TABLE: case CAM_G28_HOME: case CAM_G28_1_SET_HOME: case CAM_G30_HOME2:
    case CAM_G30_1_SET_HOME2: case CAM_G53_MACHINE_COORDS: case CAM_G92_OFFSET: case CAM_G92_1_OFFSET_RESET:
    case CAM_GCODE_G (52, 0):
    case CAM_G92_2_OFFSET_OFF: case CAM_G92_3_OFFSET_RESTORE:
      return 0;
    case CAM_G0_RAPID: case CAM_G1_LINEAR: case CAM_G2_ARC_CW: case CAM_G3_ARC_CCW:
    case CAM_GCODE_G (5, 0): case CAM_GCODE_G (5, 1): case CAM_GCODE_G (33, 0): case CAM_GCODE_G (33, 1):
    case CAM_GCODE_G (38, 2): case CAM_GCODE_G (38, 3): case CAM_GCODE_G (38, 4): case CAM_GCODE_G (38, 5):
    case CAM_G73_CHIPBREAK: case CAM_GCODE_G (74, 0): case CAM_GCODE_G (76, 0): case CAM_G80_CYCLE_OFF:
    case CAM_G81_DRILL: case CAM_G82_DRILL_DWELL: case CAM_G83_PECK: case CAM_GCODE_G (84, 0):
    case CAM_GCODE_G (85, 0): case CAM_GCODE_G (86, 0): case CAM_GCODE_G (87, 0): case CAM_GCODE_G (88, 0):
    case CAM_GCODE_G (89, 0):
      return 1;
    case CAM_G17_PLANE_XY: case CAM_G18_PLANE_ZX: case CAM_G19_PLANE_YZ:
    case CAM_GCODE_G (17, 1): case CAM_GCODE_G (18, 1): case CAM_GCODE_G (19, 1):
      return 2;
    case CAM_G90_ABSOLUTE: case CAM_G91_INCREMENTAL: return 3;
    case CAM_G90_1_ARC_ABSOLUTE: case CAM_G91_1_ARC_INCREMENTAL: return 4;
    case CAM_G93_INVERSE_TIME: case CAM_G94_UNITS_PER_MIN: case CAM_G95_UNITS_PER_REV: return 5;
    case CAM_G20_INCH: case CAM_G21_MM: return 6;
    case CAM_G40_COMP_OFF: case CAM_G41_COMP_LEFT: case CAM_G41_1_COMP_LEFT_DYN: case CAM_G42_COMP_RIGHT:
    case CAM_G42_1_COMP_RIGHT_DYN:
      return 7;
    case CAM_G43_LENGTH_OFFSET: case CAM_G43_1_LENGTH_DYN: case CAM_G43_2_LENGTH_ADD: case CAM_G49_LENGTH_OFF:
      return 8;
    case CAM_G98_RETRACT_OLD_Z: case CAM_G99_RETRACT_R: return 10;
    case CAM_G54_WORK1: case CAM_G55_WORK2: case CAM_G56_WORK3: case CAM_G57_WORK4: case CAM_G58_WORK5:
    case CAM_G59_WORK6: case CAM_G59_1_WORK7: case CAM_G59_2_WORK8: case CAM_G59_3_WORK9:
      return 12;
    case CAM_G61_EXACT_PATH: case CAM_G61_1_EXACT_STOP: case CAM_G64_BLEND: return 13;
    case CAM_G96_SURFACE_SPEED: case CAM_G97_RPM: return 14;
    case CAM_GCODE_G (7, 0): case CAM_GCODE_G (8, 0): return 15;
    case CAM_G15_POLAR_OFF: case CAM_G16_POLAR: return 16;
    default: return -1;
    }
}

/* M-codes LinuxCNC knows, by modal group (4 stop, 7 spindle, 6 tool change, 8 coolant, 9
 * overrides, 10 user, 5 I/O); -1 unknown. M100–M199 run user programs that the review
 * does not have, as rs274 without them: unknown. */
static int
m_group (int m)
{
  switch (m)
    {
    case 0: case 1: case 2: case 30: case 60: return 4;
    case 3: case 4: case 5: case 19: return 7;
    case 6: case 61: return 6;
    case 7: case 8: case 9: return 8;
    case 48: case 49: case 50: case 51: case 52: case 53: return 9;
    case 62: case 63: case 64: case 65: case 66: case 67: case 68: return 5;
    case 70: case 71: case 72: case 73: return 10;
    case 98: case 99: return 11;
    default: return -1;
    }
}

/* The cubic (G5: I J from the start, P Q from the end) or quadratic (G5.1: I J) spline from the
 * current point to e, in the XY plane, as chords of ≤ 1 µm sagitta. LinuxCNC runs G5 as biarcs
 * within its tolerance; the lengths agree to far below 0.1 %. */
static void
spline (Interp *s, const CamGcodeBlock *b, gboolean cubic, const double e[3])
{
  double start[3];
  program_position (s, start);
  const char *name = cubic ? "G5" : "G5.1";
  if (s->plane != CAM_G17_PLANE_XY)
    {
      ERROR (s, "%s is only in the XY plane (G17)", name);
      return;
    }
  if (!need_feed (s, CAM_G1_LINEAR))
    return;
  if (cubic && !(has (b, 'P') && has (b, 'Q')))
    {
      ERROR (s, "%s needs P and Q (the second control point from the end)", name);
      return;
    }
  if (!cubic && !(has (b, 'I') && has (b, 'J')))
    {
      ERROR (s, "%s needs I and J (the control point from the start)", name);
      return;
    }
  double p0[2] = { start[0], start[1] }, p3[2] = { e[0], e[1] };
  double i = has (b, 'I') ? val (b, 'I') * s->scale : 0, j = has (b, 'J') ? val (b, 'J') * s->scale : 0;
  double c1[2] = { p0[0] + i, p0[1] + j }, c2[2];
  if (cubic)
    c2[0] = p3[0] + val (b, 'P') * s->scale, c2[1] = p3[1] + val (b, 'Q') * s->scale;
  double hull = hypot (c1[0] - p0[0], c1[1] - p0[1]) + hypot (p3[0] - c1[0], p3[1] - c1[1]);
  guint n = (guint) CLAMP (ceil (sqrt (MAX (hull, 1e-9) / CHORD_SAGITTA_MM) * 2), 8, MAX_CHORDS);
  if (s->expanded + n > MAX_EXPANDED)
    {
      ERROR (s, "%s: more than %d arc segments and cycle repeats in the program", name, MAX_EXPANDED);
      return;
    }
  s->expanded += n;
  for (guint k = 1; k <= n && !s->stop; k++)
    {
      double t = (double) k / n, u = 1 - t, p[3];
      if (cubic)
        for (int a = 0; a < 2; a++)
          p[a] = u * u * u * p0[a] + 3 * u * u * t * c1[a] + 3 * u * t * t * c2[a] + t * t * t * p3[a];
      else
        for (int a = 0; a < 2; a++)
          p[a] = u * u * p0[a] + 2 * u * t * c1[a] + t * t * p3[a];
      p[2] = start[2] + (e[2] - start[2]) * t;
      if (k == n)
        memcpy (p, e, sizeof p);
      emit_program (s, CAM_MOVE_FEED, p)->flags |= CAM_GCODE_MOVE_FLAG_CHORD;
    }
}

/* Canned cycles as the controller's moves, in any plane: G74 G84 (tapping), G85 (bore, feed out),
 * G86 (bore, spindle stop, rapid out), G88 (bore, dwell, rapid out), G89 (bore, dwell, feed out)
 * always, and G81 G82 G83 G73 in G18/G19 (in G17 those stay CAM_MOVE_CYCLE holes). The hole runs
 * along the plane's third axis (Z in G17, Y in G18, X in G19), whose word is the bottom, R on that
 * axis; the other two place the hole. LinuxCNC's moves: to the hole at the clear height, rapid to R,
 * the cut (G83 pecks back to R then down to 0.254 mm above the last depth, G73 backs off 0.254 mm),
 * the way out, then to the clear height with G98. Source: LinuxCNC G-code reference, G73 G74 G81–G89
 * (linuxcnc.org/docs/html/gcode/g-code.html); the G18/G19 programs of its test suite agree. */
static void
expanded_cycle (Interp *s, const CamGcodeBlock *b, int motion)
{
  double code = CAM_GCODE_G_NUMBER (motion);
  /* the cycle's axes: u v place the hole, w is the drilling axis */
  int u = s->plane == CAM_G17_PLANE_XY ? 0 : s->plane == CAM_G18_PLANE_ZX ? 2 : 1;
  int v = s->plane == CAM_G17_PLANE_XY ? 1 : s->plane == CAM_G18_PLANE_ZX ? 0 : 2;
  int w = s->plane == CAM_G17_PLANE_XY ? 2 : s->plane == CAM_G18_PLANE_ZX ? 1 : 0;
  char lu = (char) ('X' + u), lv = (char) ('X' + v), lw = (char) ('X' + w);
  if (has (b, lw))
    s->cyc_z = val (b, lw) * s->scale, s->have_cyc_z = TRUE;
  if (has (b, 'R'))
    s->cyc_r = val (b, 'R') * s->scale, s->have_cyc_r = TRUE;
  if (has (b, 'P'))
    s->cyc_p = val (b, 'P');
  gboolean peck = motion == CAM_G83_PECK || motion == CAM_G73_CHIPBREAK;
  if (has (b, 'Q'))
    {
      if (val (b, 'Q') <= 0)
        {
          ERROR (s, "G%g Q %g: the peck depth must be above 0", code, val (b, 'Q'));
          return;
        }
      s->cyc_q = val (b, 'Q') * s->scale;
    }
  if (!s->have_cyc_r || !s->have_cyc_z)
    {
      ERROR (s, "G%g needs %s", code, !s->have_cyc_r ? "R (the retract plane)" : "the hole bottom (its axis word)");
      return;
    }
  if (peck && !(s->cyc_q > 0))
    {
      ERROR (s, "G%g needs Q (the peck depth)", code);
      return;
    }
  if (!need_feed (s, (CamGcodeG) motion))
    return;
  double cp[3];
  program_position (s, cp);
  double x = cp[u], y = cp[v], r_w, bottom, dx = 0, dy = 0;
  if (s->incremental)
    {
      r_w = s->cycle_z0 + s->cyc_r;
      bottom = r_w + s->cyc_z;
      dx = has (b, lu) ? val (b, lu) * s->scale : 0;
      dy = has (b, lv) ? val (b, lv) * s->scale : 0;
    }
  else
    {
      r_w = s->cyc_r;
      bottom = s->cyc_z;
      if (has (b, lu))
        x = val (b, lu) * s->scale;
      if (has (b, lv))
        y = val (b, lv) * s->scale;
    }
  if (bottom > r_w)
    {
      ERROR (s, "G%g: the R plane (%.4f mm) is below the hole bottom (%.4f mm)", code, r_w, bottom);
      return;
    }
  if (peck && (r_w - bottom) / s->cyc_q > MAX_PECKS)
    {
      ERROR (s, "G%g: more than %d pecks to reach the bottom", code, MAX_PECKS);
      return;
    }
  guint repeats = has (b, 'L') ? (guint) CLAMP (nearbyint (val (b, 'L')), 0, 100000) : 1;
  double pecks = peck ? ceil ((r_w - bottom) / s->cyc_q) : 1;
  if ((double) s->expanded + (6.0 + 3 * pecks) * repeats > MAX_EXPANDED)
    {
      ERROR (s, "G%g: more than %d arc segments and cycle moves in the program", code, MAX_EXPANDED);
      return;
    }
  s->expanded += (gsize) ((6.0 + 3 * pecks) * repeats);
#define AT(pt, U, V, W) (pt[u] = (U), pt[v] = (V), pt[w] = (W), pt)
  double q[3];
  double pw = cp[w];
  if (s->cycle_z0 < r_w && pw < r_w)
    {
      emit_program (s, CAM_MOVE_RAPID, AT (q, cp[u], cp[v], r_w));
      pw = r_w;
    }
  double clear = MAX (s->cycle_z0, r_w);
  for (guint i = 0; i < repeats && !s->stop; i++)
    {
      x += dx, y += dy;
      emit_program (s, CAM_MOVE_RAPID, AT (q, x, y, pw));
      if (pw != r_w)
        emit_program (s, CAM_MOVE_RAPID, AT (q, x, y, r_w));
      if (peck)
        for (double cd = r_w - s->cyc_q; cd > bottom && !s->stop; cd = cd - s->cyc_q)
          {
            emit_program (s, CAM_MOVE_FEED, AT (q, x, y, cd));
            if (motion == CAM_G83_PECK)
              emit_program (s, CAM_MOVE_RAPID, AT (q, x, y, r_w));
            emit_program (s, CAM_MOVE_RAPID, AT (q, x, y, cd + 0.254));
          }
      emit_program (s, CAM_MOVE_FEED, AT (q, x, y, bottom));
      gboolean dwell = motion == CAM_G82_DRILL_DWELL || motion == CAM_GCODE_G (88, 0)
                       || motion == CAM_GCODE_G (89, 0) || motion == CAM_GCODE_G (86, 0);
      if (dwell && s->cyc_p > 0)
        emit_program (s, CAM_MOVE_DWELL, AT (q, x, y, bottom))->dwell_s = (float) s->cyc_p;
      gboolean feed_out = motion == CAM_GCODE_G (74, 0) || motion == CAM_GCODE_G (84, 0)
                          || motion == CAM_GCODE_G (85, 0) || motion == CAM_GCODE_G (89, 0);
      /* a tap feeds out (spindle reversed), a drill or G86/G88 rapids out, straight to where the
       * cycle retracts: R, or with G98 the clear height (rs274: one move); G85/G89 feed to R */
      gboolean tap = motion == CAM_GCODE_G (74, 0) || motion == CAM_GCODE_G (84, 0);
      double out_w = (tap || !feed_out) && !s->retract_r ? clear : r_w;
      emit_program (s, feed_out ? CAM_MOVE_FEED : CAM_MOVE_RAPID, AT (q, x, y, out_w));
      pw = out_w;
      if (!s->retract_r && clear > pw)
        {
          emit_program (s, CAM_MOVE_RAPID, AT (q, x, y, clear));
          pw = clear;
        }
    }
#undef AT
}

/* Which words a line may carry: each must be used by a code on it (or the motion in force),
 * as LinuxCNC checks ("I word with no G2, G3 … to use it"). */
static gboolean
check_words (Interp *s, const CamGcodeBlock *b, int motion, const gboolean *used_g,
             const gboolean *used_m)
{
  gboolean arc = motion == CAM_G2_ARC_CW || motion == CAM_G3_ARC_CCW;
  gboolean spline = motion == CAM_GCODE_G (5, 0) || motion == CAM_GCODE_G (5, 1);
  gboolean cycle = is_cycle (motion) || is_expanded_cycle (motion);
  gboolean g10 = used_g[0], g4 = used_g[1], g64 = used_g[2], g41 = used_g[3], g43 = used_g[4],
           g76 = motion == CAM_GCODE_G (76, 0), g33_1 = motion == CAM_GCODE_G (33, 1),
           g33 = motion == CAM_GCODE_G (33, 0);
  gboolean m66 = used_m[0], m6x = used_m[1], m61 = used_m[2], m19 = used_m[3], m98 = used_m[4];
  struct { char letter; gboolean ok; const char *users; } rules[] = {
    { 'I', arc || spline || g10 || g76 || g33_1, "G2, G3, G5, G5.1, G10, G33.1, G76 or G87" },
    { 'J', arc || spline || g10 || g76, "G2, G3, G5, G5.1, G10 or G76" },
    { 'K', arc || g33 || g33_1 || g76 || g10, "G2, G3, G10, G33, G33.1 or G76" },
    { 'R', arc || cycle || g10 || g76 || m19, "G2, G3, G10, G76, M19 or a canned cycle" },
    { 'P', arc || g4 || g10 || g64 || g76 || spline || m66 || m6x || motion == CAM_G82_DRILL_DWELL
             || motion == CAM_GCODE_G (86, 0) || motion == CAM_GCODE_G (89, 0) || motion == CAM_G83_PECK
             || motion == CAM_G73_CHIPBREAK || motion == CAM_GCODE_G (84, 0) || motion == CAM_GCODE_G (74, 0)
             || motion == CAM_GCODE_G (88, 0) || m98,
      "G2, G3, G4, G5, G10, G64, G76, G82, G86, G88, G89, M62–M66 or M98" },
    { 'Q', motion == CAM_G83_PECK || motion == CAM_G73_CHIPBREAK || spline || g76 || g64 || m66 || m61 || m6x || m19,
      "G5, G64, G73, G76, G83, M19, M61 or M62–M68" },
    { 'L', cycle || g10 || g76 || m66 || m98, "G10, G76, M66, M98 or a canned cycle" },
    { 'D', g41, "G41, G41.1, G42 or G42.1" },
    { 'H', g43 || g76, "G43, G43.2 or G76" },
    { 'E', m66 || m6x || g76, "G76 or M62–M68" },
  };
  for (guint i = 0; i < G_N_ELEMENTS (rules); i++)
    if (has (b, rules[i].letter) && !rules[i].ok)
      {
        ERROR (s, "%c word with no %s to use it", rules[i].letter, rules[i].users);
        return FALSE;
      }
  return TRUE;
}

static void
run_block (Interp *s, const CamGcodeBlock *b)
{
  /* 0: not on this line (G0 is no modal-group choice here but motion_g's, which uses -1) */
  int motion_g = -1, plane = 0, units = 0, dist = 0, arc_dist = 0, retract = 0, nonmodal = 0, coords = 0;
  int tlo = 0, feed_mode = 0;
  int group_code[17];
  for (int i = 0; i < 17; i++)
    group_code[i] = -1;
  gboolean used_g[5] = { FALSE }; /* G10, G4, G64, G41…, G43… (for the word checks) */
  for (guint i = 0; i < b->n_g; i++)
    {
      int g = b->g[i];
      int grp = g_group (g);
      if (grp < 0)
        {
          ERROR (s, "unknown G-code G%g", CAM_GCODE_G_NUMBER (g));
          return;
        }
      /* G80 with a motion code: the motion (rs274 takes "G80 G0 X1") */
      if (grp == 1 && group_code[1] >= 0 && (g == CAM_G80_CYCLE_OFF || group_code[1] == CAM_G80_CYCLE_OFF))
        {
          if (g == CAM_G80_CYCLE_OFF)
            continue;
          group_code[1] = -1;
        }
      if (group_code[grp] >= 0 && group_code[grp] != g)
        {
          ERROR (s, "G%g and G%g on one line: both are in one modal group", CAM_GCODE_G_NUMBER (group_code[grp]),
                 CAM_GCODE_G_NUMBER (g));
          return;
        }
      group_code[grp] = g;
      switch (grp)
        {
        case 0: nonmodal = g; break;
        case 1: motion_g = g; break;
        case 2: plane = g; break;
        case 3: dist = g; break;
        case 4: arc_dist = g; break;
        case 5: feed_mode = g; break;
        case 6: units = g; break;
        case 8: tlo = g; break;
        case 10: retract = g; break;
        case 12: coords = g; break;
        default: break;
        }
      if (g == CAM_G10_SET_TABLE)
        used_g[0] = TRUE;
      if (g == CAM_G4_DWELL)
        used_g[1] = TRUE;
      if (g == CAM_G64_BLEND)
        used_g[2] = TRUE;
      if (grp == 7 && g != CAM_G40_COMP_OFF)
        used_g[3] = TRUE;
      if (g == CAM_G43_LENGTH_OFFSET || g == CAM_G43_2_LENGTH_ADD)
        used_g[4] = TRUE;
      if (g == CAM_GCODE_G (17, 1) || g == CAM_GCODE_G (18, 1) || g == CAM_GCODE_G (19, 1))
        {
          ERROR (s, "G%g (UVW planes) is not reviewed", CAM_GCODE_G_NUMBER (g));
          return;
        }
    }
  gboolean tool_change = FALSE, end = FALSE;
  int spindle = 0, m_groups[12];
  gboolean used_m[5] = { FALSE }; /* M66, M62–M65/M67/M68, M61, M19, M98 */
  for (int i = 0; i < 12; i++)
    m_groups[i] = -1;
  for (guint i = 0; i < b->n_m; i++)
    {
      int m = b->m[i], grp = m_group (m);
      if (grp < 0)
        {
          ERROR (s, "unknown M-code M%d", m);
          return;
        }
      if (m_groups[grp] >= 0 && m_groups[grp] != m)
        {
          ERROR (s, "M%d and M%d on one line: both are in one modal group", m_groups[grp], m);
          return;
        }
      m_groups[grp] = m;
      switch (m)
        {
        case CAM_M3_SPINDLE_CW: s->spindle_cw = TRUE; spindle = 1; break;
        case CAM_M4_SPINDLE_CCW: s->spindle_cw = FALSE; spindle = 1; break;
        case CAM_M5_SPINDLE_OFF: spindle = -1; break;
        case CAM_M6_TOOL_CHANGE: tool_change = TRUE; break;
        case CAM_M2_END: case CAM_M30_END_REWIND: end = TRUE; break;
        case CAM_M7_MIST: s->mist = TRUE; break;
        case CAM_M8_FLOOD: s->flood = TRUE; break;
        case CAM_M9_COOLANT_OFF: s->mist = s->flood = FALSE; break;
        case 66: used_m[0] = TRUE; break;
        case 62: case 63: case 64: case 65: case 67: case 68: used_m[1] = TRUE; break;
        case 61: used_m[2] = TRUE; break;
        case 19: used_m[3] = TRUE; break;
        case 98: used_m[4] = TRUE; break;
        default: break;
        }
    }
  gboolean axis_words = (b->has & (CAM_GCODE_BIT ('X') | CAM_GCODE_BIT ('Y') | CAM_GCODE_BIT ('Z'))) != 0;
  gboolean axis_any = (b->has & (CAM_GCODE_BIT ('X') | CAM_GCODE_BIT ('Y') | CAM_GCODE_BIT ('Z') | CAM_GCODE_BIT ('A')
                                 | CAM_GCODE_BIT ('B') | CAM_GCODE_BIT ('C') | CAM_GCODE_BIT ('U') | CAM_GCODE_BIT ('V')
                                 | CAM_GCODE_BIT ('W'))) != 0;
  /* the axis words belong to the group-0 code when it takes them (G10, G28, G30, G92) */
  gboolean axes_taken = nonmodal == CAM_G10_SET_TABLE || nonmodal == CAM_G28_HOME || nonmodal == CAM_G30_HOME2
                        || nonmodal == CAM_G92_OFFSET || nonmodal == CAM_GCODE_G (52, 0);
  int motion_eff = motion_g >= 0 ? motion_g : (axis_any && !axes_taken ? s->motion : -1);
  if (motion_g >= 0 && axes_taken && axis_any && motion_g != CAM_G80_CYCLE_OFF)
    {
      ERROR (s, "G%g and G%g on one line both use the axis words", CAM_GCODE_G_NUMBER (nonmodal),
             CAM_GCODE_G_NUMBER (motion_g));
      return;
    }
  if (!check_words (s, b, motion_eff, used_g, used_m))
    return;
  warn_ignored_words (s, b);

  /* F is kept as programmed and read in the length units in force when a move runs, as
   * the interpreter does (a feed set in G21 means in/min after a G20). */
  if (feed_mode)
    {
      s->inverse_time = feed_mode == CAM_G93_INVERSE_TIME;
      s->per_rev = feed_mode == CAM_G95_UNITS_PER_REV;
      if (feed_mode != CAM_G94_UNITS_PER_MIN)
        WARN (s, "G%g feed mode is not read: feeds taken as mm/min (in/min), times may be wrong",
              CAM_GCODE_G_NUMBER (feed_mode));
    }
  if (units == CAM_G20_INCH)
    s->scale = INCH_MM;
  else if (units == CAM_G21_MM)
    s->scale = 1.0;
  if (has (b, 'F'))
    {
      if (val (b, 'F') < 0)
        ERROR (s, "F %g: the feed rate cannot be negative", val (b, 'F'));
      else
        s->feed = val (b, 'F');
    }
  if (has (b, 'S'))
    {
      if (val (b, 'S') < 0)
        ERROR (s, "S %g: the spindle speed cannot be negative", val (b, 'S'));
      else
        s->speed = val (b, 'S');
    }
  if (has (b, 'T'))
    {
      double t = val (b, 'T');
      if (t < 0 || fabs (t - nearbyint (t)) > 1e-9 || t > 65535)
        ERROR (s, "T %g is not a tool number", t);
      else
        {
          s->selected_tool = (guint) nearbyint (t);
          s->params->num[5400] = s->selected_tool;
        }
    }
  if (used_m[2])
    {
      /* M61 Q: the tool in the spindle, without a change */
      if (!has (b, 'Q') || val (b, 'Q') < 0)
        ERROR (s, "M61 needs Q, the tool number");
      else
        {
          s->selected_tool = (guint) nearbyint (val (b, 'Q'));
          tool_change = TRUE;
        }
    }
  if (tool_change)
    change_tool (s);
  if (spindle != 0)
    s->spindle_on = spindle > 0;
  if (group_code[14] == CAM_G96_SURFACE_SPEED)
    WARN (s, "G96 constant surface speed ignored: S taken as rpm");

  if (nonmodal == CAM_G4_DWELL)
    {
      /* G4 P seconds (RS274/NGC), or G04 X seconds (Fanuc) */
      char letter = has (b, 'P') ? 'P' : has (b, 'X') && !has (b, 'Y') && !has (b, 'Z') && motion_g < 0 ? 'X' : 0;
      if (letter == 0 || val (b, letter) < 0)
        ERROR (s, "G4 needs P (or X), the dwell in seconds (0 or more)");
      else
        emit (s, CAM_MOVE_DWELL, s->pos)->dwell_s = (float) val (b, letter);
      if (letter == 'X')
        axes_taken = TRUE;
    }
  if (plane)
    s->plane = plane;
  /* cutter compensation, run as LinuxCNC runs it (cam-gcode-comp.c) */
  if (group_code[7] == CAM_G40_COMP_OFF)
    comp_stop (s);
  else if (group_code[7] >= 0)
    {
      if (comp_on (s))
        {
          ERROR (s, "G%g: cutter compensation is already on (G40 first)", CAM_GCODE_G_NUMBER (group_code[7]));
          return;
        }
      comp_start (s, group_code[7], b);
    }
  if (tlo)
    cam_gcode_g43 (s, tlo, b);
  if (coords)
    {
      static const int systems[] = { CAM_G54_WORK1, CAM_G55_WORK2, CAM_G56_WORK3, CAM_G57_WORK4, CAM_G58_WORK5,
                                     CAM_G59_WORK6, CAM_G59_1_WORK7, CAM_G59_2_WORK8, CAM_G59_3_WORK9 };
      for (int k = 0; k < 9; k++)
        if (systems[k] == coords)
          cam_gcode_select_system (s, k + 1);
    }
  if (dist)
    s->incremental = dist == CAM_G91_INCREMENTAL;
  if (arc_dist)
    s->arc_absolute = arc_dist == CAM_G90_1_ARC_ABSOLUTE;
  if (retract)
    s->retract_r = retract == CAM_G99_RETRACT_R;

  switch (nonmodal)
    {
    case CAM_G10_SET_TABLE:
      cam_gcode_g10 (s, b);
      break;
    case CAM_G28_1_SET_HOME:
    case CAM_G30_1_SET_HOME2:
      cam_gcode_set_home (s, nonmodal == CAM_G30_1_SET_HOME2);
      break;
    case CAM_G92_OFFSET:
    case CAM_G92_1_OFFSET_RESET:
    case CAM_G92_2_OFFSET_OFF:
    case CAM_G92_3_OFFSET_RESTORE:
    case CAM_GCODE_G (52, 0):
      cam_gcode_g92 (s, nonmodal, b);
      break;
    case CAM_G28_HOME:
    case CAM_G30_HOME2:
      {
        double home[3];
        cam_gcode_home_position (s, nonmodal == CAM_G30_HOME2, home);
        if (axis_words)
          {
            double p[3];
            target (s, b, p);
            emit_program (s, CAM_MOVE_RAPID, p);
            double m[3] = { s->pos[0], s->pos[1], s->pos[2] };
            for (int k = 0; k < 3; k++)
              if (has (b, (char) ('X' + k)))
                m[k] = home[k];
            emit (s, CAM_MOVE_RAPID, m);
          }
        else
          emit (s, CAM_MOVE_RAPID, home);
        break;
      }
    default:
      break;
    }
  gboolean machine_coords = nonmodal == CAM_G53_MACHINE_COORDS;
  if (machine_coords && s->incremental)
    {
      ERROR (s, "G53 in incremental distance mode (G91): LinuxCNC takes G53 in G90 only");
      return;
    }

  if (motion_g >= 0)
    {
      gboolean was_cycle = is_cycle (s->motion) || is_expanded_cycle (s->motion);
      int previous = s->motion;
      s->motion = motion_g == CAM_G80_CYCLE_OFF ? MOTION_NONE : motion_g;
      if (motion_g == CAM_G80_CYCLE_OFF && axis_any && !axes_taken)
        {
          ERROR (s, "X/Y/Z words with G80 on the same line: G80 cancels motion");
          return;
        }
      gboolean cycle = is_cycle (motion_g) || is_expanded_cycle (motion_g);
      if (cycle && !was_cycle)
        {
          double cp[3];
          program_position (s, cp);
          s->cycle_z0 = cp[s->plane == CAM_G17_PLANE_XY ? 2 : s->plane == CAM_G18_PLANE_ZX ? 1 : 0];
        }
      if (cycle && comp_on (s))
        {
          ERROR (s, "G%g with cutter compensation on: LinuxCNC refuses canned cycles under G41/G42",
                 CAM_GCODE_G_NUMBER (motion_g));
          return;
        }
      if (is_cycle (motion_g) && s->plane != CAM_G17_PLANE_XY)
        {
          expanded_cycle (s, b, motion_g);
          goto done;
        }
      if (is_cycle (motion_g))
        {
          canned_cycle (s, b, (CamGcodeG) motion_g, !was_cycle || previous != motion_g);
          goto done;
        }
      if (is_expanded_cycle (motion_g))
        {
          expanded_cycle (s, b, motion_g);
          goto done;
        }
    }
  gboolean arc_words = (b->has & (CAM_GCODE_BIT ('I') | CAM_GCODE_BIT ('J') | CAM_GCODE_BIT ('K'))) != 0;
  gboolean full_circle = !axis_words && arc_words && motion_g >= 0
                         && (s->motion == CAM_G2_ARC_CW || s->motion == CAM_G3_ARC_CCW);
  if (axes_taken || (!axis_words && !full_circle))
    {
      if (!axes_taken && axis_any && s->motion == MOTION_NONE)
        ERROR (s, "axis words with no motion mode in force (after G80): add G0 or G1");
      goto done;
    }

  switch (s->motion)
    {
    case MOTION_NONE:
      ERROR (s, "X/Y/Z words with no motion mode in force (after G80): add G0 or G1");
      return;
    case CAM_G0_RAPID:
    case CAM_G1_LINEAR:
    case CAM_GCODE_G (33, 0):
      {
        double p[3];
        if (machine_coords)
          target_machine (s, b, p);
        else
          target (s, b, p);
        /* G33 is paced by the spindle (K the pitch): no F needed */
        if (s->motion == CAM_G1_LINEAR && !need_feed (s, CAM_G1_LINEAR))
          return;
        if (comp_on (s) && s->motion != CAM_GCODE_G (33, 0))
          {
            char err[200];
            if (machine_coords)
              ERROR (s, "G53 with cutter compensation on (LinuxCNC refuses it)");
            else if (!cam_gcode_comp_line (s->comp, s->motion == CAM_G0_RAPID, p, s->move_line, err, sizeof err))
              ERROR (s, "%s", err);
            break;
          }
        emit_program (s, s->motion == CAM_G0_RAPID ? CAM_MOVE_RAPID : CAM_MOVE_FEED, p);
        break;
      }
    case CAM_G2_ARC_CW:
    case CAM_G3_ARC_CCW:
      {
        double p[3];
        target (s, b, p);
        arc (s, b, s->motion == CAM_G2_ARC_CW, p);
        break;
      }
    case CAM_GCODE_G (5, 0):
    case CAM_GCODE_G (5, 1):
      {
        double p[3];
        target (s, b, p);
        spline (s, b, s->motion == CAM_GCODE_G (5, 0), p);
        break;
      }
    case CAM_GCODE_G (33, 1):
      /* rigid tapping: down to Z and back on the spindle; LinuxCNC's RIGID_TAP ends where it began */
      WARN (s, "G33.1 rigid tapping is not drawn: the tool ends where it began");
      break;
    case CAM_GCODE_G (38, 2): case CAM_GCODE_G (38, 3): case CAM_GCODE_G (38, 4): case CAM_GCODE_G (38, 5):
      WARN (s, "G%g probing is not reviewable: the tool stays where it is", CAM_GCODE_G_NUMBER (s->motion));
      break;
    case CAM_GCODE_G (76, 0):
      ERROR (s, "G76 threading cycle is not reviewed (a lathe cycle)");
      break;
    case CAM_GCODE_G (87, 0):
      ERROR (s, "G87 back boring is not reviewed");
      break;
    default:
      if (is_expanded_cycle (s->motion) || s->plane != CAM_G17_PLANE_XY)
        expanded_cycle (s, b, s->motion);
      else
        canned_cycle (s, b, (CamGcodeG) s->motion, FALSE);
      break;
    }
done:
  /* M98/M99 run last on their line */
  if (m_groups[11] == 98)
    {
      if (!has (b, 'P'))
        ERROR (s, "M98 needs P, the subprogram number");
      else
        cam_gcode_flow_m98 (s, val (b, 'P'), has (b, 'L') ? val (b, 'L') : 1);
    }
  else if (m_groups[11] == 99)
    cam_gcode_flow_m99 (s);
  if (end)
    {
      comp_stop (s);
      s->r->ended = TRUE;
    }
}

/* The line's parameter settings, made after the line was read (as rs274ngc does). */
static void
assign_params (Interp *s, const CamGcodeBlock *b)
{
  for (guint i = 0; i < b->n_assign; i++)
    {
      const CamGcodeParamRef *ref = &b->assign[i];
      if (ref->index > 0)
        s->params->num[ref->index] = b->assign_value[i];
      else
        cam_gcode_params_set_named (s->params, ref->name, b->assign_value[i]);
    }
}

static char *
dir_of (const char *name)
{
  if (name == NULL || strchr (name, G_DIR_SEPARATOR) == NULL)
    return g_strdup (".");
  return g_path_get_dirname (name);
}

static gboolean
parse_impl (CamGcodeReader *r, const char *data, gsize length, const char *name, const char *path,
            CamProgressFunc progress, gpointer progress_data, GCancellable *cancellable, gboolean mapped_file,
            GError **error)
{
  g_free (r->name);
  r->name = g_strdup (name ? name : "G-code");
  Interp s = {
    .r = r,
    .max_messages = r->options.max_messages ? r->options.max_messages : 1000,
    .block_delete = r->options.block_delete,
    .scale = 1.0,
    .plane = CAM_G17_PLANE_XY,
    .motion = MOTION_NONE,
    .tool_index = -1,
    .arc_tolerance = r->options.arc_tolerance_mm > 0 ? r->options.arc_tolerance_mm : ARC_ABS_TOL_MM,
  };
  s.params = cam_gcode_params_new ();
  s.params->lookup = cam_gcode_flow_predefined;
  s.params->lookup_data = &s;
  s.dir = dir_of (path);
  cam_gcode_coords_init (&s);
  if (r->options.tool_table && !cam_gcode_read_tool_table (&s, r->options.tool_table, error))
    {
      cam_gcode_params_free (s.params);
      g_free (s.dir);
      return FALSE;
    }
  cam_gcode_flow_init (&s, data, length, r->name);
  s.comp = cam_gcode_comp_new (comp_emit, &s);
  /* Reserve room for a move per ~20 bytes: untouched pages of a large malloc cost no
   * memory, and the array then never has to be copied while it grows. */
  gsize guess = MIN (length / 20 + 16, (gsize) 200000000);
  guint n0 = r->toolpath->moves->len;
  g_array_set_size (r->toolpath->moves, n0 + (guint) guess);
  g_array_set_size (r->toolpath->moves, n0);

  CamGcodeBlock block;
  /* the header: lines before the first word (comments, blank and % lines) */
  gboolean leading = TRUE, ok = TRUE;
  const char *p, *eol;
  gsize next_progress = PROGRESS_BYTES, dropped = 0, furthest = 0;
  guint32 main_lines = 0;
  if (progress)
    progress (0.0, progress_data);
  while (!r->ended && cam_gcode_flow_next (&s, &p, &eol))
    {
      gboolean in_main = s.cur.source == 0;
      if (in_main)
        main_lines = MAX (main_lines, s.line);
      /* #5420–#5422, the current position, are plain numbered parameters: brought up to date
       * only for a line that can read them, not after every move */
      if (memchr (p, '#', (size_t) (eol - p)) != NULL)
        cam_gcode_coords_update_params (&s);
      gboolean lexed = cam_gcode_lex_line (p, eol, s.params, &block);
      if (leading && in_main)
        {
          /* a Fanuc program number (O1000 alone) opens the program before its header */
          if (!lexed || block.has != 0 || block.n_g > 0 || block.n_m > 0 || block.o_flow || block.n_assign > 0)
            leading = FALSE;
          else
            cam_gcode_header_read_line (p, eol, s.line, r->header_tools, &r->header);
        }
      if (!lexed)
        add_message (&s, CAM_SEVERITY_ERROR, "gcode-syntax", "%s", block.error);
      else if (block.percent)
        {
          if (in_main && ++s.n_percent >= 2)
            r->ended = TRUE;
        }
      else if (block.block_delete && s.block_delete)
        ;
      else
        {
          assign_params (&s, &block);
          if (block.o_word)
            {
              if (block.o_flow)
                cam_gcode_flow_oword (&s, &block, eol);
            }
          else
            run_block (&s, &block);
        }
      if (s.cur.source == 0)
        {
          gsize off = (gsize) (s.cur.pos - data);
          furthest = MAX (furthest, MIN (off, length));
        }
      if (furthest >= next_progress || (s.blocks % CANCEL_CHECK_BLOCKS) == 0)
        {
          /* pages behind the furthest point read are handed back; a loop that goes back faults them in again */
          if (mapped_file && furthest >= next_progress)
            {
              cam_page_drop_mapped (data + dropped, data + furthest - MIN (furthest, (gsize) PROGRESS_BYTES));
              dropped = MAX (dropped, furthest - MIN (furthest, (gsize) PROGRESS_BYTES));
            }
          if (furthest >= next_progress)
            next_progress = (furthest / PROGRESS_BYTES + 1) * PROGRESS_BYTES;
          if (g_cancellable_is_cancelled (cancellable))
            {
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "%s: reading cancelled at line %u", r->name,
                           s.line);
              ok = FALSE;
              break;
            }
          if (progress)
            progress ((double) furthest / (double) MAX (length, (gsize) 1), progress_data);
        }
    }
  /* a program that ends with compensation on: what is held is made */
  comp_stop (&s);
  cam_gcode_comp_free (s.comp);
  s.comp = NULL;
  /* lines read of the main program: up to its end, or all of them */
  r->n_lines = main_lines;
  if (ok)
    index_lines (r);
  cam_gcode_flow_clear (&s);
  cam_gcode_params_free (s.params);
  g_free (s.dir);
  if (s.tool_table)
    g_hash_table_unref (s.tool_table);
  if (ok && progress)
    progress (1.0, progress_data);
  return ok;
}

gboolean
cam_gcode_reader_parse (CamGcodeReader *r, const char *data, gsize length, const char *name,
                        CamProgressFunc progress, gpointer progress_data, GCancellable *cancellable,
                        GError **error)
{
  return parse_impl (r, data, length, name, name, progress, progress_data, cancellable, FALSE, error);
}

gboolean
cam_gcode_reader_read_file (CamGcodeReader *r, const char *path, CamProgressFunc progress, gpointer progress_data,
                            GCancellable *cancellable, GError **error)
{
  g_autoptr (GError) local = NULL;
  g_autofree char *base = g_path_get_basename (path);
  GMappedFile *map = g_mapped_file_new (path, FALSE, &local);
  if (map == NULL)
    {
      g_set_error (error, CAM_ERROR, CAM_ERROR_IO, "%s: cannot read: %s", path, local->message);
      return FALSE;
    }
  gboolean ok = parse_impl (r, g_mapped_file_get_contents (map), g_mapped_file_get_length (map), base, path,
                            progress, progress_data, cancellable, TRUE, error);
  g_mapped_file_unref (map);
  return ok;
}
