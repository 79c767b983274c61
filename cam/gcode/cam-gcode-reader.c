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

enum {
  MOTION_NONE = -1,
  MOTION_G0 = 0, MOTION_G1 = 10, MOTION_G2 = 20, MOTION_G3 = 30,
  MOTION_G73 = 730, MOTION_G80 = 800, MOTION_G81 = 810, MOTION_G82 = 820, MOTION_G83 = 830,
};

typedef struct {
  CamGcodeReader *r;
  guint     max_messages;
  gboolean  block_delete;
  guint32   line;
  double    pos[3];
  double    scale;            /* 1 (G21) or 25.4 (G20) */
  gboolean  incremental;      /* G91 */
  gboolean  arc_absolute;     /* G90.1 */
  int       plane;            /* 170, 180, 190 */
  int       motion;
  gboolean  retract_r;        /* G99 */
  double    feed;             /* F as programmed (units/min), 0 = none yet */
  double    speed;            /* S, rpm */
  gboolean  spindle_on;
  guint     selected_tool;    /* T */
  int       tool_index;       /* index into toolpath->tools, -1 none yet */
  guint     tool_number;
  /* canned cycles: sticky values as programmed (mm) */
  gboolean  have_cyc_z, have_cyc_r;
  double    cyc_z, cyc_r, cyc_q, cyc_p;
  double    cycle_z0;         /* Z where the current series of cycles began (G98, G91 R) */
  int       n_percent;
  double    arc_tolerance;    /* mm */
  gsize     expanded;         /* G18/G19 chords, cycle holes and their pecks so far */
} Interp;

static void
message_clear (gpointer p)
{
  CamGcodeMessage *m = p;
  g_free (m->message);
}

CamGcodeReader *
cam_gcode_reader_new (const CamGcodeReaderOptions *options)
{
  CamGcodeReader *r = g_new0 (CamGcodeReader, 1);
  r->toolpath = cam_toolpath_new ();
  r->errors = g_array_new (FALSE, FALSE, sizeof (CamGcodeMessage));
  g_array_set_clear_func (r->errors, message_clear);
  r->warnings = g_array_new (FALSE, FALSE, sizeof (CamGcodeMessage));
  g_array_set_clear_func (r->warnings, message_clear);
  r->name = g_strdup ("G-code");
  if (options != NULL)
    r->options = *options;
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
  g_array_unref (r->errors);
  g_array_unref (r->warnings);
  g_free (r->name);
  g_free (r);
}

char *
cam_gcode_reader_first_error (const CamGcodeReader *r)
{
  if (r->errors->len == 0)
    return NULL;
  const CamGcodeMessage *m = &g_array_index (r->errors, CamGcodeMessage, 0);
  return g_strdup_printf ("%s:%u: %s", r->name, m->line, m->message);
}

gssize
cam_gcode_reader_find_line (const CamGcodeReader *r, guint32 line)
{
  const GArray *moves = r->toolpath->moves;
  guint lo = 0, hi = moves->len;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      if (g_array_index (moves, CamMove, mid).source_line < line)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo < moves->len && g_array_index (moves, CamMove, lo).source_line == line ? (gssize) lo : -1;
}

G_GNUC_PRINTF (3, 4) static void
add_message (Interp *s, gboolean is_error, const char *fmt, ...)
{
  GArray *list = is_error ? s->r->errors : s->r->warnings;
  guint *count = is_error ? &s->r->n_errors : &s->r->n_warnings;
  (*count)++;
  if (list->len >= s->max_messages)
    return;
  va_list ap;
  va_start (ap, fmt);
  CamGcodeMessage m = { .line = s->line, .message = g_strdup_vprintf (fmt, ap) };
  va_end (ap);
  g_array_append_val (list, m);
}

#define ERROR(s, ...) add_message ((s), TRUE, __VA_ARGS__)
#define WARN(s, ...) add_message ((s), FALSE, __VA_ARGS__)

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

static CamMove *
emit (Interp *s, CamMoveType type, const double p[3])
{
  CamMove m = cam_move_init (type, p[0], p[1], p[2]);
  m.source_line = s->line;
  m.tool_index = (guint16) current_tool (s);
  m.rpm = s->spindle_on ? (float) s->speed : 0.0f;
  if (type != CAM_MOVE_RAPID && type != CAM_MOVE_DWELL)
    m.feed_mm_min = s->feed > 0 ? (float) (s->feed * s->scale) : NAN;
  CamMove *out = cam_toolpath_append (s->r->toolpath, &m);
  s->pos[0] = p[0], s->pos[1] = p[1], s->pos[2] = p[2];
  return out;
}

/* End point of a motion block: axis words in program units, absolute or incremental. */
static void
target (const Interp *s, const CamGcodeBlock *b, gboolean absolute, double t[3])
{
  for (int k = 0; k < 3; k++)
    {
      char letter = (char) ('X' + k);
      if (has (b, letter))
        {
          double v = val (b, letter) * s->scale;
          t[k] = s->incremental && !absolute ? s->pos[k] + v : v;
        }
      else
        t[k] = s->pos[k];
    }
}

static gboolean
need_feed (Interp *s, int code)
{
  if (s->feed > 0)
    return TRUE;
  ERROR (s, "G%d with no feed rate: program F before the first cutting move", code);
  return FALSE;
}

/* Plane axes: in-plane first, second, and the helix axis; and the centre offset letters. */
static void
plane_axes (int plane, int *a0, int *a1, int *a2, char *o0, char *o1)
{
  switch (plane)
    {
    case 180: *a0 = 2, *a1 = 0, *a2 = 1, *o0 = 'K', *o1 = 'I'; break;
    case 190: *a0 = 1, *a1 = 2, *a2 = 0, *o0 = 'J', *o1 = 'K'; break;
    default:  *a0 = 0, *a1 = 1, *a2 = 2, *o0 = 'I', *o1 = 'J'; break;
    }
}

static void
arc (Interp *s, const CamGcodeBlock *b, gboolean cw, const double e[3])
{
  int a0, a1, a2;
  char o0, o1;
  plane_axes (s->plane, &a0, &a1, &a2, &o0, &o1);
  int code = cw ? 2 : 3;
  if (!need_feed (s, code))
    return;
  gboolean has_r = has (b, 'R');
  gboolean has_off = has (b, o0) || has (b, o1);
  if (has_r && has_off)
    {
      ERROR (s, "G%d with both R and %c/%c: give the centre one way", code, o0, o1);
      return;
    }
  if (!has_r && !has_off)
    {
      ERROR (s, "G%d needs the centre (%c, %c) or the radius (R)", code, o0, o1);
      return;
    }
  double sx = s->pos[a0], sy = s->pos[a1], ex = e[a0], ey = e[a1];
  double cx, cy;
  if (has_r)
    {
      double rr = val (b, 'R') * s->scale;
      double dx = ex - sx, dy = ey - sy, d = hypot (dx, dy);
      if (d < 1e-9)
        {
          ERROR (s, "G%d with R and the end at the start: a full circle needs its centre (%c, %c), not R",
                 code, o0, o1);
          return;
        }
      if (fabs (rr) < 1e-9)
        {
          ERROR (s, "G%d with R 0", code);
          return;
        }
      double half = d / 2;
      if (fabs (rr) < half - 1e-6)
        {
          ERROR (s, "G%d radius R %g is too small to reach the end point (chord %.4f mm)", code,
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
          ERROR (s, "G%d with the centre at the start point (radius 0)", code);
          return;
        }
      /* LinuxCNC (interp_arc.cc arc_data_ijk): abs > 100·tol, or rel > 0.1 % and abs > tol;
       * in G20 rs274 applies only the first test (measured) */
      double abs_err = fabs (r1 - r2), tol = s->arc_tolerance;
      if (abs_err > 100 * tol || (s->scale == 1.0 && abs_err > tol && abs_err / MAX (r1, r2) > ARC_REL_TOL))
        {
          ERROR (s, "G%d: radius to the end (%.4f mm) differs from radius to the start (%.4f mm) by %.4f mm",
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
          ERROR (s, "G%d P %g: the number of turns must be a whole number from 1 to 256", code, p);
          return;
        }
      turns = (guint) nearbyint (p) - 1;
    }
  if (s->plane == 170)
    {
      CamMove *m = emit (s, cw ? CAM_MOVE_ARC_CW : CAM_MOVE_ARC_CCW, e);
      m->cx = cx;
      m->cy = cy;
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
  double rmax = MAX (r1, r2);
  double step = rmax > CHORD_SAGITTA_MM ? 2 * acos (1 - CHORD_SAGITTA_MM / rmax) : G_PI / 2;
  step = MIN (step, CHORD_MAX_ANGLE);
  double nf = ceil (fabs (sweep) / step);
  guint n = nf < 1 ? 1 : nf > MAX_CHORDS ? MAX_CHORDS : (guint) nf;
  if (s->expanded + n > MAX_EXPANDED)
    {
      ERROR (s, "G%d in G%d: more than %d arc segments and cycle repeats in the program", code, s->plane / 10,
             MAX_EXPANDED);
      return;
    }
  s->expanded += n;
  double s2 = s->pos[a2];
  for (guint i = 1; i <= n; i++)
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
      emit (s, CAM_MOVE_FEED, p)->flags |= CAM_GCODE_MOVE_FLAG_CHORD;
    }
}

static void
canned_cycle (Interp *s, const CamGcodeBlock *b, int motion, gboolean new_series)
{
  int code = motion / 10;
  if (s->plane != 170)
    {
      ERROR (s, "G%d in G%d: canned cycles are read in the XY plane (G17) only", code, s->plane / 10);
      return;
    }
  if (has (b, 'Z'))
    s->cyc_z = val (b, 'Z') * s->scale, s->have_cyc_z = TRUE;
  else if (new_series)
    {
      ERROR (s, "G%d needs Z (the hole bottom) at the start of a cycle series", code);
      return;
    }
  if (has (b, 'R'))
    s->cyc_r = val (b, 'R') * s->scale, s->have_cyc_r = TRUE;
  if (!s->have_cyc_r || !s->have_cyc_z)
    {
      ERROR (s, "G%d needs %s", code, !s->have_cyc_r ? "R (the retract plane)" : "Z (the hole bottom)");
      return;
    }
  if (has (b, 'Q'))
    {
      if (val (b, 'Q') <= 0)
        {
          ERROR (s, "G%d Q %g: the peck depth must be above 0", code, val (b, 'Q'));
          return;
        }
      s->cyc_q = val (b, 'Q') * s->scale;
    }
  if ((motion == MOTION_G83 || motion == MOTION_G73) && !(s->cyc_q > 0))
    {
      ERROR (s, "G%d needs Q (the peck depth)", code);
      return;
    }
  if (has (b, 'P'))
    {
      if (val (b, 'P') < 0)
        {
          ERROR (s, "G%d P %g: the dwell cannot be negative", code, val (b, 'P'));
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
          ERROR (s, "G%d L %g: the repeat count must be a whole number from 0 to 100000", code, l);
          return;
        }
      repeats = (guint) nearbyint (l);
    }
  double r_z, z, x = s->pos[0], y = s->pos[1], dx = 0, dy = 0;
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
      ERROR (s, "G%d: the R plane (%.4f mm) is below the hole bottom Z (%.4f mm)", code, r_z, z);
      return;
    }
  if ((motion == MOTION_G83 || motion == MOTION_G73) && (r_z - z) / s->cyc_q > MAX_PECKS)
    {
      ERROR (s, "G%d: %.0f pecks of Q %.4g mm to reach Z: more than %d", code, ceil ((r_z - z) / s->cyc_q),
             s->cyc_q, MAX_PECKS);
      return;
    }
  /* what the holes expand to (cam_toolpath_expand_cycles: 3 moves a peck, 4 more a hole)
   * stays within the budget, and the peck loop always advances (Q far above the rounding
   * of Z within ±1 km) */
  if (fabs (r_z) > MAX_COORD_MM || fabs (z) > MAX_COORD_MM || fabs (x) > MAX_COORD_MM || fabs (y) > MAX_COORD_MM)
    {
      ERROR (s, "G%d: a hole beyond ±%.0f mm", code, MAX_COORD_MM);
      return;
    }
  if ((motion == MOTION_G83 || motion == MOTION_G73) && s->cyc_q < 1e-6)
    {
      ERROR (s, "G%d Q %g mm: the peck is below 1 nm", code, s->cyc_q);
      return;
    }
  double pecks = (motion == MOTION_G83 || motion == MOTION_G73) ? ceil ((r_z - z) / s->cyc_q) : 1;
  double cost = (double) repeats * (3 * pecks + 4);
  if ((double) s->expanded + cost > MAX_EXPANDED)
    {
      ERROR (s, "G%d: %u holes of %.0f pecks: more than %d arc segments and cycle moves in the program", code,
             repeats, pecks, MAX_EXPANDED);
      return;
    }
  s->expanded += (gsize) cost;
  CamCycle cycle = motion == MOTION_G81 ? CAM_CYCLE_DRILL
                   : motion == MOTION_G82 ? CAM_CYCLE_DRILL_DWELL
                   : motion == MOTION_G83 ? CAM_CYCLE_PECK : CAM_CYCLE_CHIPBREAK;
  /* LinuxCNC raises to R first whenever the series began below R, even when the tool is
   * already at or above it (a zero-length or a downward rapid the toolpath's semantics
   * would not make) */
  if (s->cycle_z0 < r_z && s->pos[2] >= r_z)
    {
      double q[3] = { s->pos[0], s->pos[1], r_z };
      emit (s, CAM_MOVE_RAPID, q);
    }
  for (guint i = 0; i < repeats; i++)
    {
      x += dx;
      y += dy;
      double p[3] = { x, y, z };
      /* LinuxCNC positions at the current Z when that is above R, else at the retract
       * height: with G98 the Z the series began at (which the toolpath's cycle semantics
       * cannot say by themselves) */
      if (!s->retract_r && s->pos[2] <= r_z && s->cycle_z0 > r_z)
        {
          double q[3] = { x, y, s->cycle_z0 };
          emit (s, CAM_MOVE_RAPID, q)->flags |= CAM_GCODE_MOVE_FLAG_ENTRY;
        }
      double start_z = s->pos[2];
      CamMove *m = emit (s, CAM_MOVE_CYCLE, p);
      m->cycle = (guint8) cycle;
      m->retract = s->retract_r ? CAM_RETRACT_R_PLANE : CAM_RETRACT_OLD_Z;
      m->r_z = r_z;
      m->q_mm = (cycle == CAM_CYCLE_PECK || cycle == CAM_CYCLE_CHIPBREAK) ? s->cyc_q : 0;
      m->dwell_s = cycle == CAM_CYCLE_DRILL_DWELL ? (float) s->cyc_p : 0.0f;
      /* where the toolpath's semantics leave the tool (cam-toolpath.h) … */
      s->pos[2] = s->retract_r ? r_z : MAX (start_z, r_z);
      /* … and where LinuxCNC does: G98 goes back to the Z the series began at */
      double clear = MAX (s->cycle_z0, r_z);
      if (!s->retract_r && clear > s->pos[2])
        {
          double q[3] = { x, y, clear };
          emit (s, CAM_MOVE_RAPID, q)->flags |= CAM_GCODE_MOVE_FLAG_RETRACT;
        }
    }
}

/* Words that change nothing microcam reviews: say so once per line. */
static void
warn_ignored_words (Interp *s, const CamGcodeBlock *b)
{
  static const char ignored[] = "ABCUVWE";
  for (const char *c = ignored; *c; c++)
    if (has (b, *c))
      WARN (s, "%c%g ignored: only X, Y and Z motion is reviewed", *c, val (b, *c));
}

static gboolean
is_motion (int g)
{
  return g == MOTION_G0 || g == MOTION_G1 || g == MOTION_G2 || g == MOTION_G3 || g == MOTION_G73
         || g == MOTION_G80 || g == MOTION_G81 || g == MOTION_G82 || g == MOTION_G83;
}

static void
run_block (Interp *s, const CamGcodeBlock *b)
{
  int motion_g = -1, plane = 0, units = 0, dist = 0, arc_dist = 0, retract = 0;
  gboolean dwell = FALSE, home = FALSE, machine_coords = FALSE, axes_used = FALSE;
  for (guint i = 0; i < b->n_g; i++)
    {
      int g = b->g[i];
      if (is_motion (g))
        {
          if (motion_g >= 0 && motion_g != g)
            {
              ERROR (s, "G%g and G%g on one line: both are motion codes", motion_g / 10.0, g / 10.0);
              return;
            }
          motion_g = g;
          continue;
        }
      switch (g)
        {
        case 170: case 180: case 190: plane = g; break;
        case 200: case 210: units = g; break;
        case 900: case 910: dist = g; break;
        case 901: case 911: arc_dist = g; break;
        case 980: case 990: retract = g; break;
        case 40: dwell = TRUE; break;
        case 280: case 300: home = TRUE; break;
        case 530: machine_coords = TRUE; break;
        case 400: case 430: case 490: case 940: case 970: case 610: case 611: case 640:
        case 540: case 550: case 560: case 570: case 580: case 590: case 591: case 592: case 593:
        case 150: case 160: case 281: case 301:
          break;
        case 410: case 420: case 411: case 421:
          WARN (s, "G%g cutter radius compensation is not applied: the programmed path is taken as the tool centre",
                g / 10.0);
          break;
        case 431: case 432:
          WARN (s, "G%g dynamic tool length offset ignored", g / 10.0);
          break;
        case 920: case 921: case 922: case 923:
          WARN (s, "G%g coordinate offset ignored: coordinates are taken as programmed", g / 10.0);
          axes_used = TRUE;
          break;
        case 100:
          WARN (s, "G10 (tool or offset table) ignored");
          axes_used = TRUE;
          break;
        case 930: case 950:
          WARN (s, "G%g feed mode is not read: feeds taken as mm/min (in/min), times may be wrong", g / 10.0);
          break;
        case 960:
          WARN (s, "G96 constant surface speed ignored: S taken as rpm");
          break;
        default:
          WARN (s, "unknown G-code G%g ignored", g / 10.0);
          break;
        }
    }
  gboolean tool_change = FALSE, end = FALSE;
  int spindle = 0;
  for (guint i = 0; i < b->n_m; i++)
    {
      switch (b->m[i])
        {
        case 3: case 4: spindle = 1; break;
        case 5: spindle = -1; break;
        case 6: tool_change = TRUE; break;
        case 2: case 30: case 60: end = TRUE; break;
        case 0: case 1: case 7: case 8: case 9: case 48: case 49: case 50: case 51: case 52: case 53:
          break;
        default:
          WARN (s, "unknown M-code M%d ignored", b->m[i]);
          break;
        }
    }
  warn_ignored_words (s, b);

  /* F is kept as programmed and read in the length units in force when a move runs, as
   * the interpreter does (a feed set in G21 means in/min after a G20). */
  if (units == 200)
    s->scale = INCH_MM;
  else if (units == 210)
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
        s->selected_tool = (guint) nearbyint (t);
    }
  if (tool_change)
    change_tool (s);
  if (spindle != 0)
    s->spindle_on = spindle > 0;

  if (dwell)
    {
      /* G4 P seconds (RS274/NGC), or G04 X seconds (Fanuc) */
      char letter = has (b, 'P') ? 'P' : has (b, 'X') && !has (b, 'Y') && !has (b, 'Z') ? 'X' : 0;
      if (letter == 0 || val (b, letter) < 0)
        ERROR (s, "G4 needs P (or X), the dwell in seconds (0 or more)");
      else
        {
          CamMove *m = emit (s, CAM_MOVE_DWELL, s->pos);
          m->dwell_s = (float) val (b, letter);
        }
      if (letter == 'X')
        axes_used = TRUE;
    }
  if (plane)
    s->plane = plane;
  if (dist)
    s->incremental = dist == 910;
  if (arc_dist)
    s->arc_absolute = arc_dist == 901;
  if (retract)
    s->retract_r = retract == 990;

  gboolean axis_words = (b->has & (CAM_GCODE_BIT ('X') | CAM_GCODE_BIT ('Y') | CAM_GCODE_BIT ('Z'))) != 0;
  if (home)
    {
      WARN (s, "G28/G30: home taken as X0 Y0 Z0 (work coordinates, no parameter file)");
      double p[3];
      if (axis_words)
        {
          target (s, b, FALSE, p);
          emit (s, CAM_MOVE_RAPID, p);
          for (int k = 0; k < 3; k++)
            if (has (b, (char) ('X' + k)))
              p[k] = 0;
        }
      else
        p[0] = p[1] = p[2] = 0;
      emit (s, CAM_MOVE_RAPID, p);
      axes_used = TRUE;
    }
  if (machine_coords)
    WARN (s, "G53: machine coordinates taken as work coordinates (offsets unknown)");

  if (motion_g >= 0)
    {
      gboolean was_cycle = s->motion == MOTION_G73 || (s->motion >= MOTION_G81 && s->motion <= MOTION_G83);
      int previous = s->motion;
      s->motion = motion_g == MOTION_G80 ? MOTION_NONE : motion_g;
      if (motion_g == MOTION_G80 && axis_words && !axes_used)
        {
          ERROR (s, "X/Y/Z words with G80 on the same line: G80 cancels motion");
          return;
        }
      gboolean cycle = motion_g == MOTION_G73 || (motion_g >= MOTION_G81 && motion_g <= MOTION_G83);
      if (cycle && !was_cycle)
        s->cycle_z0 = s->pos[2];
      if (cycle)
        {
          canned_cycle (s, b, motion_g, !was_cycle || previous != motion_g);
          return;
        }
    }
  if (axes_used || !axis_words)
    goto done;

  switch (s->motion)
    {
    case MOTION_NONE:
      ERROR (s, "X/Y/Z words with no motion mode in force (after G80): add G0 or G1");
      return;
    case MOTION_G0:
    case MOTION_G1:
      {
        double p[3];
        target (s, b, machine_coords, p);
        if (s->motion == MOTION_G1 && !need_feed (s, 1))
          return;
        emit (s, s->motion == MOTION_G0 ? CAM_MOVE_RAPID : CAM_MOVE_FEED, p);
        break;
      }
    case MOTION_G2:
    case MOTION_G3:
      {
        double p[3];
        target (s, b, machine_coords, p);
        arc (s, b, s->motion == MOTION_G2, p);
        break;
      }
    default:
      canned_cycle (s, b, s->motion, FALSE);
      break;
    }
done:
  if (end)
    s->r->ended = TRUE;
}

static gboolean
parse_impl (CamGcodeReader *r, const char *data, gsize length, const char *name, CamProgressFunc progress,
            gpointer progress_data, GCancellable *cancellable, gboolean mapped_file, GError **error)
{
  g_free (r->name);
  r->name = g_strdup (name ? name : "G-code");
  Interp s = {
    .r = r,
    .max_messages = r->options.max_messages ? r->options.max_messages : 1000,
    .block_delete = r->options.block_delete,
    .scale = 1.0,
    .plane = 170,
    .motion = MOTION_NONE,
    .tool_index = -1,
    .arc_tolerance = r->options.arc_tolerance_mm > 0 ? r->options.arc_tolerance_mm : ARC_ABS_TOL_MM,
  };
  /* Reserve room for a move per ~20 bytes: untouched pages of a large malloc cost no
   * memory, and the array then never has to be copied while it grows. */
  gsize guess = MIN (length / 20 + 16, (gsize) 200000000);
  guint n0 = r->toolpath->moves->len;
  g_array_set_size (r->toolpath->moves, n0 + (guint) guess);
  g_array_set_size (r->toolpath->moves, n0);

  CamGcodeBlock block;
  const char *p = data, *end = data + length;
  gsize next_progress = PROGRESS_BYTES;
  if (progress)
    progress (0.0, progress_data);
  while (p < end && !r->ended)
    {
      const char *nl = memchr (p, '\n', (size_t) (end - p));
      const char *eol = nl ? nl : end;
      s.line++;
      if (!cam_gcode_lex_line (p, eol, &block))
        ERROR (&s, "%s", block.error);
      else if (block.percent)
        {
          if (++s.n_percent >= 2)
            r->ended = TRUE;
        }
      else if (block.block_delete && s.block_delete)
        ;
      else if (block.o_word)
        {
          if (block.o_flow)
            WARN (&s, "o-code (subroutine or flow control) not run: the line is ignored");
        }
      else
        run_block (&s, &block);
      p = nl ? nl + 1 : end;
      if ((gsize) (p - data) >= next_progress)
        {
          if (mapped_file)
            cam_page_drop_mapped (data + (next_progress - PROGRESS_BYTES), p);
          next_progress += PROGRESS_BYTES;
          if (g_cancellable_is_cancelled (cancellable))
            {
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "%s: reading cancelled at line %u", r->name,
                           s.line);
              return FALSE;
            }
          if (progress)
            progress ((double) (p - data) / (double) length, progress_data);
        }
    }
  r->n_lines = s.line;
  if (progress)
    progress (1.0, progress_data);
  return TRUE;
}

gboolean
cam_gcode_reader_parse (CamGcodeReader *r, const char *data, gsize length, const char *name,
                        CamProgressFunc progress, gpointer progress_data, GCancellable *cancellable,
                        GError **error)
{
  return parse_impl (r, data, length, name, progress, progress_data, cancellable, FALSE, error);
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
  gboolean ok = parse_impl (r, g_mapped_file_get_contents (map), g_mapped_file_get_length (map), base, progress,
                            progress_data, cancellable, TRUE, error);
  g_mapped_file_unref (map);
  return ok;
}
