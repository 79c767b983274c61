/* cam-gcode-comp.c — cutter radius compensation as LinuxCNC's interpreter runs it (see the
 * header for what, how and where from).
 *
 * State, in LinuxCNC's terms: the programmed point (prog) and the tool point (cur); a queue of
 * tool-centre moves not yet given out, each with the direction of its programmed motion (for
 * the gouge test) and, for arcs, the sweep it had when queued; and the "endpoint": the start
 * of the queued XY move, valid only until the queue is given out. */
#include "cam-gcode-comp.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define CONCAVE_TOL 0.05          /* rad: LinuxCNC TOLERANCE_CONCAVE_CORNER */
#define EQUAL_TOL   0.0001        /* LinuxCNC TOLERANCE_EQUAL */
#define ARC_GROW_MM 0.0254        /* rad, as LinuxCNC compares an arc's sweep growth (mm) */
#define ARC_GROW_IN 0.001         /* rad (inch programs) */
#define BUG_RADII   0.01          /* LinuxCNC's mismatched-radii bug check */

typedef struct {
  CamCompMove m;
  double dx, dy;                  /* direction of the programmed motion (lines) */
  double sweep;                   /* arcs: sweep when queued; 0 = not checked */
} Queued;

struct CamGcodeComp {
  CamCompEmit emit;
  gpointer data;
  gboolean inches;
  gboolean on;                    /* between start and stop */
  gboolean first;                 /* the next move is the entry move */
  gboolean arc_not_allowed;       /* the move after G40 must be straight */
  CamCompSide side;
  double radius;
  double prog[3], cur[3];
  GArray *queue;                  /* of Queued */
  double endpoint[2];
  gboolean endpoint_valid;
};

#define ERR(...) do { if (err && err_len) g_snprintf (err, err_len, __VA_ARGS__); return FALSE; } while (0)

static gboolean
inside_arc (CamCompSide side, int turn)
{
  return (side == CAM_COMP_LEFT && turn > 0) || (side == CAM_COMP_RIGHT && turn < 0);
}

/* The signed sweep (radians, + CCW) of the arc from p1 to p2 about c, turn as ARC_FEED's. */
static double
find_turn (double x1, double y1, double cx, double cy, int turn, double x2, double y2)
{
  if (turn == 0)
    return 0.0;
  double a = atan2 (y1 - cy, x1 - cx), b = atan2 (y2 - cy, x2 - cx);
  if (turn > 0) {
    if (b <= a)
      b += 2 * G_PI;
    return (b - a) + (turn - 1) * 2 * G_PI;
  }
  if (a <= b)
    a += 2 * G_PI;
  return (b - a) + (turn + 1) * 2 * G_PI;
}

CamGcodeComp *
cam_gcode_comp_new (CamCompEmit emit, gpointer data)
{
  CamGcodeComp *c = g_new0 (CamGcodeComp, 1);
  c->emit = emit;
  c->data = data;
  c->queue = g_array_new (FALSE, TRUE, sizeof (Queued));
  return c;
}

void
cam_gcode_comp_free (CamGcodeComp *c)
{
  if (!c)
    return;
  g_array_unref (c->queue);
  g_free (c);
}

void
cam_gcode_comp_set_program_inches (CamGcodeComp *c, gboolean inches)
{
  c->inches = inches;
}

static void
set_endpoint (CamGcodeComp *c, double x, double y)
{
  c->endpoint[0] = x;
  c->endpoint[1] = y;
  c->endpoint_valid = TRUE;
}

static void
emit_move (CamGcodeComp *c, const CamCompMove *m)
{
  if (c->emit)
    c->emit (c->data, m);
}

/* Give out everything held (LinuxCNC dequeue_canons). */
static void
dequeue (CamGcodeComp *c)
{
  c->endpoint_valid = FALSE;
  for (guint i = 0; i < c->queue->len; i++)
    emit_move (c, &g_array_index (c->queue, Queued, i).m);
  g_array_set_size (c->queue, 0);
}

static void
enqueue_line (CamGcodeComp *c, gboolean rapid, double dx, double dy, double x, double y, double z,
              guint32 line, gboolean corner)
{
  Queued q = { 0 };
  q.m.kind = rapid ? CAM_COMP_MOVE_TRAVERSE : CAM_COMP_MOVE_FEED;
  q.m.end[0] = x; q.m.end[1] = y; q.m.end[2] = z;
  q.m.source_line = line;
  q.m.corner = corner;
  q.dx = dx; q.dy = dy;
  g_array_append_val (c->queue, q);
}

static void
enqueue_arc (CamGcodeComp *c, double sweep, double x, double y,
             double cx, double cy, int turn, double z, guint32 line, gboolean corner)
{
  Queued q = { 0 };
  q.m.kind = CAM_COMP_MOVE_ARC;
  q.m.end[0] = x; q.m.end[1] = y; q.m.end[2] = z;
  q.m.centre[0] = cx; q.m.centre[1] = cy;
  q.m.rotation = turn;
  q.m.source_line = line;
  q.m.corner = corner;
  q.sweep = sweep;
  g_array_append_val (c->queue, q);
}

/* Move the XY end of every held move to (x, y), refusing a line that would then run against
 * its programmed direction or an arc that would sweep further; then give them out
 * (LinuxCNC move_endpoint_and_flush). */
static gboolean
move_endpoint_and_flush (CamGcodeComp *c, double x, double y, char *err, gsize err_len)
{
  if (c->queue->len == 0)
    return TRUE;
  for (guint i = 0; i < c->queue->len; i++) {
    Queued *q = &g_array_index (c->queue, Queued, i);
    if (q->m.kind == CAM_COMP_MOVE_ARC) {
      double r1 = hypot (q->m.end[0] - q->m.centre[0], q->m.end[1] - q->m.centre[1]);
      double r2 = hypot (x - q->m.centre[0], y - q->m.centre[1]);
      double l2 = find_turn (c->endpoint[0], c->endpoint[1], q->m.centre[0], q->m.centre[1],
                             q->m.rotation, x, y);
      if (fabs (r1 - r2) > BUG_RADII)
        ERR ("BUG: cutter compensation has generated an invalid arc with mismatched radii r1 %f r2 %f",
             r1, r2);
      if (q->sweep != 0.0 && c->endpoint_valid
          && fabs (l2) > fabs (q->sweep) + (c->inches ? ARC_GROW_IN : ARC_GROW_MM))
        ERR ("Arc move in concave corner cannot be reached by the tool without gouging");
    } else {
      double dot = q->dx * (x - c->endpoint[0]) + q->dy * (y - c->endpoint[1]);
      if (c->endpoint_valid && dot < 0)
        ERR (q->m.kind == CAM_COMP_MOVE_TRAVERSE
             ? "Straight traverse in concave corner cannot be reached by the tool without gouging"
             : "Straight feed in concave corner cannot be reached by the tool without gouging");
    }
    q->m.end[0] = x;
    q->m.end[1] = y;
  }
  dequeue (c);
  set_endpoint (c, x, y);
  return TRUE;
}

static const Queued *
queue_front (const CamGcodeComp *c)
{
  return c->queue->len ? &g_array_index (c->queue, Queued, 0) : NULL;
}

gboolean
cam_gcode_comp_start (CamGcodeComp *c, CamCompSide side, double radius_mm,
                      const double current[3], char *err, gsize err_len)
{
  if (c->on)
    ERR ("Cannot turn cutter radius comp on when already on");
  if (side != CAM_COMP_LEFT && side != CAM_COMP_RIGHT)
    ERR ("BUG: cutter compensation side is not left or right");
  if (radius_mm < 0) {            /* LinuxCNC: a negative radius swaps the side */
    radius_mm = -radius_mm;
    side = side == CAM_COMP_LEFT ? CAM_COMP_RIGHT : CAM_COMP_LEFT;
  }
  g_array_set_size (c->queue, 0);
  c->on = TRUE;
  c->first = TRUE;
  c->arc_not_allowed = FALSE;
  c->side = side;
  c->radius = radius_mm;
  c->endpoint_valid = FALSE;
  memcpy (c->prog, current, sizeof c->prog);
  memcpy (c->cur, current, sizeof c->cur);
  return TRUE;
}

static gboolean
passing (const CamGcodeComp *c)
{
  return !c->on || c->radius <= 0.0;
}

static gboolean
straight_entry (CamGcodeComp *c, gboolean rapid, const double p[3], guint32 line,
                char *err, gsize err_len)
{
  double cx = c->cur[0], cy = c->cur[1], r = c->radius;
  if (hypot (p[0] - cx, p[1] - cy) <= r)
    ERR ("Length of cutter compensation entry move is not greater than the tool radius");
  double alpha = atan2 (p[1] - cy, p[0] - cx) + (c->side == CAM_COMP_LEFT ? G_PI_2 : -G_PI_2);
  double ex = p[0] + r * cos (alpha), ey = p[1] + r * sin (alpha);
  set_endpoint (c, cx, cy);
  /* LinuxCNC queues the entry with its end normal as its "direction" */
  enqueue_line (c, rapid, cos (alpha), sin (alpha), ex, ey, p[2], line, FALSE);
  c->first = FALSE;
  memcpy (c->prog, p, sizeof c->prog);
  c->cur[0] = ex; c->cur[1] = ey; c->cur[2] = p[2];
  return TRUE;
}

static gboolean
straight_next (CamGcodeComp *c, gboolean rapid, const double p[3], guint32 line,
               char *err, gsize err_len)
{
  double cx = c->cur[0], cy = c->cur[1], cz = c->cur[2];
  double opx = c->prog[0], opy = c->prog[1];
  double ex = cx, ey = cy;

  if (p[0] == opx && p[1] == opy) {            /* no XY motion */
    enqueue_line (c, rapid, 0, 0, cx, cy, p[2], line, FALSE);
  } else {
    double r = c->radius, small = CONCAVE_TOL, beta, gamma;
    double theta = atan2 (cy - opy, cx - opx);  /* normal at the end of the move before */
    double alpha = atan2 (p[1] - opy, p[0] - opx);
    if (c->side == CAM_COMP_LEFT) {
      if (theta < alpha)
        theta += 2 * G_PI;
      beta = theta - alpha - G_PI_2;
      gamma = G_PI_2;
    } else {
      if (alpha < theta)
        alpha += 2 * G_PI;
      beta = alpha - theta - G_PI_2;
      gamma = -G_PI_2;
    }
    ex = p[0] + r * cos (alpha + gamma);
    ey = p[1] + r * sin (alpha + gamma);
    double mx = opx + r * cos (alpha + gamma), my = opy + r * sin (alpha + gamma);
    const Queued *front = queue_front (c);
    gboolean front_arc = front && front->m.kind == CAM_COMP_MOVE_ARC;
    gboolean concave = beta < -small || beta > G_PI + small
      || (beta > G_PI - small && front_arc
          && ((c->side == CAM_COMP_RIGHT && front->m.rotation > 0)
              || (c->side == CAM_COMP_LEFT && front->m.rotation < 0)));

    if (!concave && beta > small) {           /* convex: round the corner */
      if (!move_endpoint_and_flush (c, cx, cy, err, err_len))
        return FALSE;
      if (rapid)                              /* no arc traverse: straight to the arc's end */
        enqueue_line (c, TRUE, 0, 0, mx, my, cz, line, TRUE);
      else
        enqueue_arc (c, 0.0, mx, my, opx, opy, c->side == CAM_COMP_LEFT ? -1 : 1, cz,
                     line, TRUE);
      dequeue (c);
      set_endpoint (c, mx, my);
    } else if (concave) {
      if (!front_arc) {                       /* line → line */
        double half = (beta + G_PI) / 2.0;
        if (half == 0.0)
          ERR ("Zero degree inside corner is invalid for cutter compensation");
        double retreat = r / tan (half);
        double ix = cx + retreat * cos (theta + gamma), iy = cy + retreat * sin (theta + gamma);
        if (!move_endpoint_and_flush (c, ix, iy, err, err_len))
          return FALSE;
      } else {                                /* arc → line: the held arc is the compensated one */
        CamCompMove prev = front->m;
        double oldrad = hypot (prev.centre[1] - prev.end[1], prev.centre[0] - prev.end[0]);
        double base = atan2 (p[1] - opy, p[0] - opx);
        double th = prev.rotation > 0 ? base + G_PI_2 : base - G_PI_2;
        double phi = atan2 (prev.centre[1] - opy, prev.centre[0] - opx);
        gboolean in = inside_arc (c->side, prev.rotation);
        double olduncomp = in ? oldrad + r : oldrad - r;
        double d = olduncomp * cos (th - phi);  /* old centre to the new line, perpendicular */
        double l = (in ? d - r : d + r) / oldrad, ang;
        if (l > 1.0 || l < -1.0)
          ERR ("Arc to straight motion makes a corner the compensated tool can't fit in without gouging");
        if (in)
          ang = (prev.rotation > 0 ? -acos (l) : acos (l)) + th + G_PI;
        else
          ang = (prev.rotation > 0 ? acos (l) : -acos (l)) + th + G_PI;
        if (!move_endpoint_and_flush (c, prev.centre[0] + oldrad * cos (ang),
                                      prev.centre[1] + oldrad * sin (ang), err, err_len))
          return FALSE;
      }
    } else {                                  /* straight on, or tangent arc → line */
      dequeue (c);
      set_endpoint (c, cx, cy);
    }
    enqueue_line (c, rapid, p[0] - opx, p[1] - opy, ex, ey, p[2], line, FALSE);
  }
  memcpy (c->prog, p, sizeof c->prog);
  c->cur[0] = ex; c->cur[1] = ey; c->cur[2] = p[2];
  return TRUE;
}

gboolean
cam_gcode_comp_line (CamGcodeComp *c, gboolean rapid, const double end[3], guint32 line,
                     char *err, gsize err_len)
{
  if (passing (c)) {
    CamCompMove m = { 0 };
    m.kind = rapid ? CAM_COMP_MOVE_TRAVERSE : CAM_COMP_MOVE_FEED;
    memcpy (m.end, end, sizeof m.end);
    m.source_line = line;
    emit_move (c, &m);
    memcpy (c->prog, end, sizeof c->prog);
    memcpy (c->cur, end, sizeof c->cur);
    c->arc_not_allowed = FALSE;
    return TRUE;
  }
  return c->first ? straight_entry (c, rapid, end, line, err, err_len)
                  : straight_next (c, rapid, end, line, err, err_len);
}

static gboolean
arc_entry (CamGcodeComp *c, int turn, const double e[3], const double ctr[2], guint32 line,
           char *err, gsize err_len)
{
  double cx = c->cur[0], cy = c->cur[1], r = c->radius;
  if (hypot (e[0] - cx, e[1] - cy) <= r)
    ERR ("Radius of cutter compensation entry arc is not greater than the tool radius");
  gboolean in = inside_arc (c->side, turn);
  if (in && hypot (ctr[0] - cx, ctr[1] - cy) <= r)
    ERR ("Tool radius not less than arc radius with comp");
  double gamma = in ? atan2 (ctr[1] - e[1], ctr[0] - e[0]) : atan2 (e[1] - ctr[1], e[0] - ctr[0]);
  c->first = FALSE;
  memcpy (c->prog, e, sizeof c->prog);
  double ex = e[0] + r * cos (gamma), ey = e[1] + r * sin (gamma);
  /* new centre: on the line from the compensated end towards the programmed centre, as far
   * from the start as from the end */
  double b_len = hypot (cy - ey, cx - ex) / 2.0;
  double ab = atan2 (ctr[1] - ey, ctr[0] - ex);
  double a = atan2 (cy - ey, cx - ex) - ab;
  if (fabs (cos (a)) < EQUAL_TOL)
    ERR ("Tool radius not less than arc radius with comp");
  double c_len = b_len / cos (a);
  double ncx = ex + c_len * cos (ab), ncy = ey + c_len * sin (ab);
  enqueue_arc (c, find_turn (cx, cy, ncx, ncy, turn, ex, ey), ex, ey, ncx, ncy, turn,
               e[2], line, FALSE);
  c->cur[0] = ex; c->cur[1] = ey; c->cur[2] = e[2];
  return TRUE;
}

static gboolean
arc_next (CamGcodeComp *c, int turn, const double e[3], const double ctr[2], guint32 line,
          char *err, gsize err_len)
{
  double opx = c->prog[0], opy = c->prog[1];
  double cx = c->cur[0], cy = c->cur[1], cz = c->cur[2];
  double r = c->radius, small = CONCAVE_TOL;
  gboolean left = c->side == CAM_COMP_LEFT, ccw = turn > 0;
  double arc_radius = hypot (ctr[0] - e[0], ctr[1] - e[1]);
  double theta = atan2 (cy - opy, cx - opx) + (left ? -G_PI_2 : G_PI_2);  /* travel before */
  double delta = atan2 (ctr[1] - opy, ctr[0] - opx);
  double alpha = ccw ? delta - G_PI_2 : delta + G_PI_2;                  /* travel after */
  double beta = left ? theta - alpha : alpha - theta, gamma;
  if (beta > 1.5 * G_PI)
    beta -= 2 * G_PI;
  else if (beta < -G_PI_2)
    beta += 2 * G_PI;
  gboolean in = inside_arc (c->side, turn);
  if (in) {
    gamma = atan2 (ctr[1] - e[1], ctr[0] - e[0]);
    if (arc_radius <= r)
      ERR ("Tool radius not less than arc radius with comp");
  } else {
    gamma = atan2 (e[1] - ctr[1], e[0] - ctr[0]);
    delta += G_PI;
  }
  double ex = e[0] + r * cos (gamma), ey = e[1] + r * sin (gamma);
  double sweep = find_turn (opx, opy, ctr[0], ctr[1], turn, e[0], e[1]);

  if (beta < -small || beta > G_PI + small || (fabs (beta - G_PI) < small && !in)) {
    const Queued *front = queue_front (c);
    double mx, my;
    if (!front || front->m.kind != CAM_COMP_MOVE_ARC) {   /* line → arc */
      double cyv = arc_radius * sin (beta - G_PI_2), dist, l, ang;
      if (in) {
        dist = arc_radius - r;
        l = (cyv + r) / dist;
        if (l > 1.0 || l < -1.0)
          ERR ("Arc move in concave corner cannot be reached by the tool without gouging");
        ang = ccw ? theta + asin (l) : theta - asin (l);
      } else {
        dist = arc_radius + r;
        l = (cyv - r) / dist;
        if (l > 1.0 || l < -1.0)
          ERR ("Arc move in concave corner cannot be reached by the tool without gouging");
        ang = ccw ? theta + G_PI - asin (l) : theta + G_PI + asin (l);
      }
      mx = ctr[0] + dist * cos (ang);
      my = ctr[1] + dist * sin (ang);
    } else {                                              /* arc → arc */
      CamCompMove prev = front->m;
      double oldrad = hypot (prev.centre[1] - prev.end[1], prev.centre[0] - prev.end[0]);
      double newrad = in ? arc_radius - r : arc_radius + r;
      double cc = hypot (prev.centre[1] - ctr[1], prev.centre[0] - ctr[0]);
      if (oldrad == 0 || cc == 0)
        ERR ("Arc to arc motion is invalid because the arcs have the same center");
      double a = (oldrad * oldrad + cc * cc - newrad * newrad) / (2 * oldrad * cc);
      if (a > 1.0 || a < -1.0)
        ERR ("Arc to arc motion makes a corner the compensated tool can't fit in without gouging");
      double pull = acos (a), dir = atan2 (ctr[1] - prev.centre[1], ctr[0] - prev.centre[0]);
      if (inside_arc (c->side, prev.rotation))
        dir = ccw ? dir + pull : dir - pull;
      else
        dir = ccw ? dir - pull : dir + pull;
      mx = prev.centre[0] + oldrad * cos (dir);
      my = prev.centre[1] + oldrad * sin (dir);
    }
    if (!move_endpoint_and_flush (c, mx, my, err, err_len))
      return FALSE;
  } else if (beta > small) {                              /* convex: round the corner */
    double mx = opx + r * cos (delta), my = opy + r * sin (delta);
    dequeue (c);
    enqueue_arc (c, 0.0, mx, my, opx, opy, left ? -1 : 1, cz, line, TRUE);
    dequeue (c);
    set_endpoint (c, mx, my);
  } else {                                                /* tangent */
    dequeue (c);
    set_endpoint (c, cx, cy);
  }
  enqueue_arc (c, sweep, ex, ey, ctr[0], ctr[1], turn, e[2], line, FALSE);
  memcpy (c->prog, e, sizeof c->prog);
  c->cur[0] = ex; c->cur[1] = ey; c->cur[2] = e[2];
  return TRUE;
}

gboolean
cam_gcode_comp_arc (CamGcodeComp *c, gboolean cw, const double end[3], const double centre[2],
                    guint turns, guint32 line, char *err, gsize err_len)
{
  if (turns < 1)
    ERR ("BUG: cutter compensation arc with no turns");
  int turn = cw ? -(int) turns : (int) turns;
  if (passing (c)) {
    if (!c->on && c->arc_not_allowed)
      ERR ("The move just after exiting cutter compensation mode must be straight, not an arc");
    CamCompMove m = { 0 };
    m.kind = CAM_COMP_MOVE_ARC;
    memcpy (m.end, end, sizeof m.end);
    m.centre[0] = centre[0]; m.centre[1] = centre[1];
    m.rotation = turn;
    m.source_line = line;
    emit_move (c, &m);
    memcpy (c->prog, end, sizeof c->prog);
    memcpy (c->cur, end, sizeof c->cur);
    return TRUE;
  }
  return c->first ? arc_entry (c, turn, end, centre, line, err, err_len)
                  : arc_next (c, turn, end, centre, line, err, err_len);
}

gboolean
cam_gcode_comp_stop (CamGcodeComp *c, char *err, gsize err_len)
{
  if (!c->on)
    return TRUE;
  if (c->radius > 0.0) {
    if (!move_endpoint_and_flush (c, c->cur[0], c->cur[1], err, err_len))
      return FALSE;
    dequeue (c);
    c->arc_not_allowed = TRUE;
  }
  c->on = FALSE;
  c->first = FALSE;
  return TRUE;
}

gboolean
cam_gcode_comp_active (const CamGcodeComp *c)
{
  return c->on;
}

CamCompSide
cam_gcode_comp_side (const CamGcodeComp *c)
{
  return c->on ? c->side : CAM_COMP_OFF;
}

double
cam_gcode_comp_radius (const CamGcodeComp *c)
{
  return c->radius;
}

void
cam_gcode_comp_position (const CamGcodeComp *c, double programmed[3])
{
  memcpy (programmed, c->prog, 3 * sizeof (double));
}

void
cam_gcode_comp_tool (const CamGcodeComp *c, double tool[3])
{
  memcpy (tool, c->cur, 3 * sizeof (double));
}
