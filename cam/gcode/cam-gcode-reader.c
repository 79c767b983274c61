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

/* The motion mode in force: a motion G-code, or none (after G80). */
#define MOTION_NONE (-1)

typedef struct {
  CamGcodeReader *r;
  guint     max_messages;
  gboolean  block_delete;
  guint32   line;
  double    pos[3];
  double    scale;            /* 1 (G21) or 25.4 (G20) */
  gboolean  incremental;      /* G91 */
  gboolean  arc_absolute;     /* G90.1 */
  CamGcodeG plane;            /* CAM_G17_PLANE_XY, …_ZX, …_YZ */
  int       motion;           /* a motion CamGcodeG or MOTION_NONE */
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

/* The line's diagnostics come before its moves are made (an error skips them): move -1, the
 * line finds them (cam_gcode_reader_find_line). */
G_GNUC_PRINTF (4, 5) static void
add_message (Interp *s, CamSeverity severity, const char *code, const char *fmt, ...)
{
  gboolean is_error = severity == CAM_SEVERITY_ERROR;
  GArray *list = is_error ? s->r->errors : s->r->warnings;
  guint *count = is_error ? &s->r->n_errors : &s->r->n_warnings;
  (*count)++;
  if (list->len >= s->max_messages)
    return;
  va_list ap;
  va_start (ap, fmt);
  cam_diagnostics_add (list, severity, s->line, -1, code, g_strdup_vprintf (fmt, ap));
  va_end (ap);
}

#define ERROR(s, ...) add_message ((s), CAM_SEVERITY_ERROR, "gcode-error", __VA_ARGS__)
#define WARN(s, ...) add_message ((s), CAM_SEVERITY_WARNING, "gcode-ignored", __VA_ARGS__)

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

static void
arc (Interp *s, const CamGcodeBlock *b, gboolean cw, const double e[3])
{
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
  double sx = s->pos[a0], sy = s->pos[a1], ex = e[a0], ey = e[a1];
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
  if (s->plane == CAM_G17_PLANE_XY)
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
is_cycle (int g)
{
  return g == CAM_G73_CHIPBREAK || g == CAM_G81_DRILL || g == CAM_G82_DRILL_DWELL || g == CAM_G83_PECK;
}

static gboolean
is_motion (int g)
{
  return g == CAM_G0_RAPID || g == CAM_G1_LINEAR || g == CAM_G2_ARC_CW || g == CAM_G3_ARC_CCW
         || g == CAM_G80_CYCLE_OFF || is_cycle (g);
}

static void
run_block (Interp *s, const CamGcodeBlock *b)
{
  /* 0: not on this line (G0 is no modal-group choice here but motion_g's, which uses -1) */
  int motion_g = -1, plane = 0, units = 0, dist = 0, arc_dist = 0, retract = 0;
  gboolean dwell = FALSE, home = FALSE, machine_coords = FALSE, axes_used = FALSE;
  for (guint i = 0; i < b->n_g; i++)
    {
      int g = b->g[i];
      if (is_motion (g))
        {
          if (motion_g >= 0 && motion_g != g)
            {
              ERROR (s, "G%g and G%g on one line: both are motion codes", CAM_GCODE_G_NUMBER (motion_g),
                     CAM_GCODE_G_NUMBER (g));
              return;
            }
          motion_g = g;
          continue;
        }
      switch (g)
        {
        case CAM_G17_PLANE_XY: case CAM_G18_PLANE_ZX: case CAM_G19_PLANE_YZ: plane = g; break;
        case CAM_G20_INCH: case CAM_G21_MM: units = g; break;
        case CAM_G90_ABSOLUTE: case CAM_G91_INCREMENTAL: dist = g; break;
        case CAM_G90_1_ARC_ABSOLUTE: case CAM_G91_1_ARC_INCREMENTAL: arc_dist = g; break;
        case CAM_G98_RETRACT_OLD_Z: case CAM_G99_RETRACT_R: retract = g; break;
        case CAM_G4_DWELL: dwell = TRUE; break;
        case CAM_G28_HOME: case CAM_G30_HOME2: home = TRUE; break;
        case CAM_G53_MACHINE_COORDS: machine_coords = TRUE; break;
        /* no effect on the path */
        case CAM_G40_COMP_OFF: case CAM_G43_LENGTH_OFFSET: case CAM_G49_LENGTH_OFF: case CAM_G94_UNITS_PER_MIN:
        case CAM_G97_RPM: case CAM_G61_EXACT_PATH: case CAM_G61_1_EXACT_STOP: case CAM_G64_BLEND:
        case CAM_G54_WORK1: case CAM_G55_WORK2: case CAM_G56_WORK3: case CAM_G57_WORK4: case CAM_G58_WORK5:
        case CAM_G59_WORK6: case CAM_G59_1_WORK7: case CAM_G59_2_WORK8: case CAM_G59_3_WORK9:
        case CAM_G15_POLAR_OFF: case CAM_G16_POLAR: case CAM_G28_1_SET_HOME: case CAM_G30_1_SET_HOME2:
          break;
        case CAM_G41_COMP_LEFT: case CAM_G42_COMP_RIGHT: case CAM_G41_1_COMP_LEFT_DYN: case CAM_G42_1_COMP_RIGHT_DYN:
          WARN (s, "G%g cutter radius compensation is not applied: the programmed path is taken as the tool centre",
                CAM_GCODE_G_NUMBER (g));
          break;
        case CAM_G43_1_LENGTH_DYN: case CAM_G43_2_LENGTH_ADD:
          WARN (s, "G%g dynamic tool length offset ignored", CAM_GCODE_G_NUMBER (g));
          break;
        case CAM_G92_OFFSET: case CAM_G92_1_OFFSET_RESET: case CAM_G92_2_OFFSET_OFF: case CAM_G92_3_OFFSET_RESTORE:
          WARN (s, "G%g coordinate offset ignored: coordinates are taken as programmed", CAM_GCODE_G_NUMBER (g));
          axes_used = TRUE;
          break;
        case CAM_G10_SET_TABLE:
          WARN (s, "G10 (tool or offset table) ignored");
          axes_used = TRUE;
          break;
        case CAM_G93_INVERSE_TIME: case CAM_G95_UNITS_PER_REV:
          WARN (s, "G%g feed mode is not read: feeds taken as mm/min (in/min), times may be wrong",
                CAM_GCODE_G_NUMBER (g));
          break;
        case CAM_G96_SURFACE_SPEED:
          WARN (s, "G96 constant surface speed ignored: S taken as rpm");
          break;
        default:
          WARN (s, "unknown G-code G%g ignored", CAM_GCODE_G_NUMBER (g));
          break;
        }
    }
  gboolean tool_change = FALSE, end = FALSE;
  int spindle = 0;
  for (guint i = 0; i < b->n_m; i++)
    {
      switch (b->m[i])
        {
        case CAM_M3_SPINDLE_CW: case CAM_M4_SPINDLE_CCW: spindle = 1; break;
        case CAM_M5_SPINDLE_OFF: spindle = -1; break;
        case CAM_M6_TOOL_CHANGE: tool_change = TRUE; break;
        case CAM_M2_END: case CAM_M30_END_REWIND: case CAM_M60_PALLET_CHANGE: end = TRUE; break;
        /* no effect on the path */
        case CAM_M0_STOP: case CAM_M1_OPTIONAL_STOP: case CAM_M7_MIST: case CAM_M8_FLOOD: case CAM_M9_COOLANT_OFF:
        case CAM_M48_OVERRIDES_ON: case CAM_M49_OVERRIDES_OFF: case CAM_M50_FEED_OVERRIDE:
        case CAM_M51_SPEED_OVERRIDE: case CAM_M52_ADAPTIVE_FEED: case CAM_M53_FEED_STOP:
          break;
        default:
          WARN (s, "unknown M-code M%d ignored", b->m[i]);
          break;
        }
    }
  warn_ignored_words (s, b);

  /* F is kept as programmed and read in the length units in force when a move runs, as
   * the interpreter does (a feed set in G21 means in/min after a G20). */
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
    s->plane = (CamGcodeG) plane;
  if (dist)
    s->incremental = dist == CAM_G91_INCREMENTAL;
  if (arc_dist)
    s->arc_absolute = arc_dist == CAM_G90_1_ARC_ABSOLUTE;
  if (retract)
    s->retract_r = retract == CAM_G99_RETRACT_R;

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
      gboolean was_cycle = is_cycle (s->motion);
      int previous = s->motion;
      s->motion = motion_g == CAM_G80_CYCLE_OFF ? MOTION_NONE : motion_g;
      if (motion_g == CAM_G80_CYCLE_OFF && axis_words && !axes_used)
        {
          ERROR (s, "X/Y/Z words with G80 on the same line: G80 cancels motion");
          return;
        }
      gboolean cycle = is_cycle (motion_g);
      if (cycle && !was_cycle)
        s->cycle_z0 = s->pos[2];
      if (cycle)
        {
          canned_cycle (s, b, (CamGcodeG) motion_g, !was_cycle || previous != motion_g);
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
    case CAM_G0_RAPID:
    case CAM_G1_LINEAR:
      {
        double p[3];
        target (s, b, machine_coords, p);
        if (s->motion == CAM_G1_LINEAR && !need_feed (s, CAM_G1_LINEAR))
          return;
        emit (s, s->motion == CAM_G0_RAPID ? CAM_MOVE_RAPID : CAM_MOVE_FEED, p);
        break;
      }
    case CAM_G2_ARC_CW:
    case CAM_G3_ARC_CCW:
      {
        double p[3];
        target (s, b, machine_coords, p);
        arc (s, b, s->motion == CAM_G2_ARC_CW, p);
        break;
      }
    default:
      canned_cycle (s, b, (CamGcodeG) s->motion, FALSE);
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
    .plane = CAM_G17_PLANE_XY,
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
  /* the header: lines before the first word (comments, blank and % lines) */
  gboolean leading = TRUE;
  const char *p = data, *end = data + length;
  gsize next_progress = PROGRESS_BYTES;
  if (progress)
    progress (0.0, progress_data);
  while (p < end && !r->ended)
    {
      const char *nl = memchr (p, '\n', (size_t) (end - p));
      const char *eol = nl ? nl : end;
      s.line++;
      gboolean lexed = cam_gcode_lex_line (p, eol, &block);
      if (leading)
        {
          /* a Fanuc program number (O1000 alone) opens the program before its header */
          if (!lexed || block.has != 0 || block.n_g > 0 || block.n_m > 0 || block.o_flow)
            leading = FALSE;
          else
            cam_gcode_header_read_line (p, eol, s.line, r->header_tools, &r->header);
        }
      if (!lexed)
        add_message (&s, CAM_SEVERITY_ERROR, "gcode-syntax", "%s", block.error);
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
