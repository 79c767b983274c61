/* cam-toolpath.c — flat move array, canned-cycle expansion, lengths and cycle time.
 *
 * Canned cycles are expanded exactly as LinuxCNC's rs274ngc interpreter runs them
 * (checked against `rs274 -g` canonical output in tests/test-cam-post.c):
 *   preliminary: if z < R rapid up to R; rapid in XY at the current height; rapid down to R.
 *   G81/G82: feed to the bottom (G82: dwell), retract.
 *   G83: feed to R - q, rapid to R, rapid to (last bottom + 0.254 mm), feed q deeper, …
 *        (0.254 mm = G83_RAPID_DELTA 0.010 in, rs274ngc interp_cycles.cc)
 *   G73: feed to R - q, rapid up 0.254 mm (G73_RETRACT 0.010 in), feed q deeper, …
 *   retract: G99 to R; G98 to max(z before the cycle, R).
 *
 * Cycle time: each programmed move gets a trapezoidal velocity profile (accelerate at a,
 * cruise at the programmed rate, decelerate at a). Corner speeds come from grbl's
 * junction-deviation model (S. Jeon / grbl planner.c: v_junction² = a·δ·sin(θ/2)/(1-sin(θ/2)),
 * θ the angle between the two directions), then a backward and a forward pass keep
 * every entry/exit speed reachable within a move's length — grbl's planner recalculation
 * (planner.c, "planner_recalculate"). Arcs use their true (helical) length and the
 * tangent directions at their ends.
 * The statistics stream: each cycle is expanded into a small scratch array, and the planner
 * keeps only the moves since the last one whose entry speed nothing after it can change
 * (see Planner below), so a 5-million-move program needs no copy of itself; the sums are
 * made in the same order with the same operations as over the whole expanded program
 * (tests/test-cam-toolpath.c compares them to the bit).
 */
#include "cam-toolpath.h"

#include <math.h>
#include <string.h>

/* rs274ngc interp_cycles.cc: G83_RAPID_DELTA and G73_RETRACT are 0.010 inch. */
#define CYCLE_DELTA_MM 0.254
/* A Q so small that a hole takes more pecks than this is not a program anyone runs
 * (imported or hand-edited jobs): the hole is then expanded as one feed, like G81. */
#define MAX_PECKS 100000

static void
tool_free (gpointer p)
{
  CamToolpathTool *t = p;
  g_free (t->spec);
  g_free (t->label);
  g_free (t);
}

CamToolpath *
cam_toolpath_new (void)
{
  CamToolpath *tp = g_new0 (CamToolpath, 1);
  tp->ref_count = 1;
  tp->moves = g_array_new (FALSE, FALSE, sizeof (CamMove));
  tp->tools = g_ptr_array_new_with_free_func (tool_free);
  return tp;
}

CamToolpath *
cam_toolpath_ref (CamToolpath *tp)
{
  g_atomic_int_inc (&tp->ref_count);
  return tp;
}

void
cam_toolpath_unref (CamToolpath *tp)
{
  if (tp == NULL || !g_atomic_int_dec_and_test (&tp->ref_count))
    return;
  g_array_unref (tp->moves);
  g_ptr_array_unref (tp->tools);
  g_free (tp);
}

guint
cam_toolpath_add_tool (CamToolpath *tp, guint number, double diameter_mm,
                       const char *spec, const char *label, CamCoolant coolant)
{
  CamToolpathTool *t = g_new0 (CamToolpathTool, 1);
  t->number = number;
  t->diameter_mm = diameter_mm;
  t->spec = g_strdup (spec ? spec : "");
  t->label = g_strdup (label ? label : "");
  t->coolant = coolant;
  g_ptr_array_add (tp->tools, t);
  return tp->tools->len - 1;
}

CamMove
cam_move_init (CamMoveType type, double x, double y, double z)
{
  CamMove m;
  memset (&m, 0, sizeof m);
  m.type = type;
  m.x = x;
  m.y = y;
  m.z = z;
  m.feed_mm_min = NAN;
  m.rpm = NAN;
  m.ap_mm = m.ae_mm = m.fz_mm = NAN;
  m.force_n = m.deflection_um = m.safety_factor = m.ra_um = NAN;
  return m;
}

CamMove *
cam_toolpath_append (CamToolpath *tp, const CamMove *move)
{
  g_array_append_vals (tp->moves, move, 1);
  return &g_array_index (tp->moves, CamMove, tp->moves->len - 1);
}

gsize
cam_toolpath_n_moves (const CamToolpath *tp)
{
  return tp->moves->len;
}

CamMove *
cam_toolpath_move (const CamToolpath *tp, gsize i)
{
  g_return_val_if_fail (i < tp->moves->len, NULL);
  return &g_array_index (tp->moves, CamMove, i);
}

void
cam_toolpath_move_start (const CamToolpath *tp, gsize i, double out[3])
{
  /* A cycle leaves the tool at its retract height, not at the hole bottom; with G98 that
   * height depends on where the tool was before, so walk back over consecutive cycles. */
  gsize k = i;
  while (k > 0 && g_array_index (tp->moves, CamMove, k - 1).type == CAM_MOVE_CYCLE)
    k--;
  if (k == 0)
    memcpy (out, tp->start, sizeof (double) * 3);
  else
    {
      const CamMove *p = &g_array_index (tp->moves, CamMove, k - 1);
      out[0] = p->x, out[1] = p->y, out[2] = p->z;
    }
  for (; k < i; k++)
    {
      const CamMove *c = &g_array_index (tp->moves, CamMove, k);
      out[0] = c->x, out[1] = c->y;
      out[2] = c->retract == CAM_RETRACT_R_PLANE ? c->r_z : MAX (out[2], c->r_z);
    }
}

void
cam_toolpath_end_point (const CamToolpath *tp, double out[3])
{
  cam_toolpath_move_start (tp, tp->moves->len, out);
}

void
cam_toolpath_append_toolpath (CamToolpath *dst, const CamToolpath *src, guint16 op_index)
{
  g_autofree guint *map = g_new0 (guint, MAX (src->tools->len, 1));
  for (guint i = 0; i < src->tools->len; i++)
    {
      const CamToolpathTool *t = g_ptr_array_index (src->tools, i);
      gboolean found = FALSE;
      for (guint j = 0; j < dst->tools->len && !found; j++)
        {
          const CamToolpathTool *d = g_ptr_array_index (dst->tools, j);
          if (d->number == t->number)
            {
              map[i] = j;
              found = TRUE;
            }
        }
      if (!found)
        map[i] = cam_toolpath_add_tool (dst, t->number, t->diameter_mm, t->spec, t->label, t->coolant);
    }
  if (dst->moves->len == 0)
    memcpy (dst->start, src->start, sizeof dst->start);
  for (guint i = 0; i < src->moves->len; i++)
    {
      CamMove m = g_array_index (src->moves, CamMove, i);
      m.op_index = op_index;
      m.tool_index = src->tools->len ? map[MIN (m.tool_index, src->tools->len - 1)] : 0;
      g_array_append_val (dst->moves, m);
    }
}

gboolean
cam_move_is_cut (const CamMove *m)
{
  return m->type == CAM_MOVE_FEED || m->type == CAM_MOVE_ARC_CW
         || m->type == CAM_MOVE_ARC_CCW || m->type == CAM_MOVE_CYCLE;
}

double
cam_move_arc_sweep (const CamMove *m, const double start[3])
{
  double a0 = atan2 (start[1] - m->cy, start[0] - m->cx);
  double a1 = atan2 (m->y - m->cy, m->x - m->cx);
  double sweep = a1 - a0;
  if (m->type == CAM_MOVE_ARC_CCW)
    {
      while (sweep <= 1e-12)
        sweep += 2 * G_PI;
      sweep += 2 * G_PI * m->turns;
    }
  else
    {
      while (sweep >= -1e-12)
        sweep -= 2 * G_PI;
      sweep -= 2 * G_PI * m->turns;
    }
  return sweep;
}

static double
arc_radius (const CamMove *m, const double start[3])
{
  return hypot (start[0] - m->cx, start[1] - m->cy);
}

void
cam_move_point_at (const CamMove *m, const double start[3], double t, double out[3])
{
  if (m->type == CAM_MOVE_ARC_CW || m->type == CAM_MOVE_ARC_CCW)
    {
      double a0 = atan2 (start[1] - m->cy, start[0] - m->cx);
      double r = arc_radius (m, start);
      double a = a0 + t * cam_move_arc_sweep (m, start);
      out[0] = m->cx + r * cos (a);
      out[1] = m->cy + r * sin (a);
      out[2] = start[2] + t * (m->z - start[2]);
      return;
    }
  out[0] = start[0] + t * (m->x - start[0]);
  out[1] = start[1] + t * (m->y - start[1]);
  out[2] = start[2] + t * (m->z - start[2]);
}

double *
cam_move_arc_points (const CamMove *m, const double start[3], const CamArcChording *c, guint *n_points)
{
  guint k = cam_arc_n_chords (c, arc_radius (m, start), cam_move_arc_sweep (m, start));
  double *xyz = g_new (double, 3 * (k + 1));
  for (guint j = 0; j <= k; j++)
    cam_move_point_at (m, start, (double) j / k, xyz + 3 * j);
  *n_points = k + 1;
  return xyz;
}

/* Appends to out (a GArray of CamMove) the moves a controller makes for one canned-cycle hole. */
void
cam_move_expand_cycle (const CamMove *c, const double start[3], GArray *out)
{
  CamMove r = *c;
  r.type = CAM_MOVE_RAPID;
  r.cycle = CAM_CYCLE_NONE;
  r.cx = r.cy = 0;
  CamMove f = r;
  f.type = CAM_MOVE_FEED;

#define PUSH(mv, X, Y, Z) do { mv.x = (X); mv.y = (Y); mv.z = (Z); g_array_append_vals (out, &mv, 1); } while (0)
  /* Same statements, in the same order and with the same doubles, as rs274ngc's
   * convert_cycle_xy / cycle_g83 / cycle_g73, so the peck count agrees exactly. */
  double old_cc = start[2];
  if (old_cc < c->r_z)
    {
      PUSH (r, start[0], start[1], c->r_z);
      old_cc = c->r_z;
    }
  PUSH (r, c->x, c->y, old_cc);
  if (old_cc != c->r_z)
    PUSH (r, c->x, c->y, c->r_z);

  switch ((CamCycle) c->cycle)
    {
    case CAM_CYCLE_PECK:
      if (c->q_mm > 0 && (c->r_z - c->z) / c->q_mm < MAX_PECKS)
        for (double cd = c->r_z - c->q_mm; cd > c->z; cd = cd - c->q_mm)
          {
            PUSH (f, c->x, c->y, cd);
            PUSH (r, c->x, c->y, c->r_z);
            PUSH (r, c->x, c->y, cd + CYCLE_DELTA_MM);
          }
      PUSH (f, c->x, c->y, c->z);
      break;
    case CAM_CYCLE_CHIPBREAK:
      if (c->q_mm > 0 && (c->r_z - c->z) / c->q_mm < MAX_PECKS)
        for (double cd = c->r_z - c->q_mm; cd > c->z; cd = cd - c->q_mm)
          {
            PUSH (f, c->x, c->y, cd);
            PUSH (r, c->x, c->y, cd + CYCLE_DELTA_MM);
          }
      PUSH (f, c->x, c->y, c->z);
      break;
    case CAM_CYCLE_DRILL_DWELL:
      PUSH (f, c->x, c->y, c->z);
      {
        CamMove d = r;
        d.type = CAM_MOVE_DWELL;
        PUSH (d, c->x, c->y, c->z);
      }
      break;
    case CAM_CYCLE_DRILL:
    case CAM_CYCLE_NONE:
    default:
      PUSH (f, c->x, c->y, c->z);
      break;
    }
  double rz = c->retract == CAM_RETRACT_R_PLANE ? c->r_z : old_cc;
  PUSH (r, c->x, c->y, rz);
#undef PUSH
}

CamToolpath *
cam_toolpath_expand_cycles (const CamToolpath *tp)
{
  CamToolpath *out = cam_toolpath_new ();
  for (guint i = 0; i < tp->tools->len; i++)
    {
      const CamToolpathTool *t = g_ptr_array_index (tp->tools, i);
      cam_toolpath_add_tool (out, t->number, t->diameter_mm, t->spec, t->label, t->coolant);
    }
  memcpy (out->start, tp->start, sizeof out->start);
  double pos[3];
  memcpy (pos, tp->start, sizeof pos);
  for (guint i = 0; i < tp->moves->len; i++)
    {
      const CamMove *m = &g_array_index (tp->moves, CamMove, i);
      if (m->type == CAM_MOVE_CYCLE)
        cam_move_expand_cycle (m, pos, out->moves);
      else
        g_array_append_vals (out->moves, m, 1);
      const CamMove *last = &g_array_index (out->moves, CamMove, out->moves->len - 1);
      pos[0] = last->x, pos[1] = last->y, pos[2] = last->z;
    }
  return out;
}

double
cam_move_length (const CamMove *m, const double start[3])
{
  switch ((CamMoveType) m->type)
    {
    case CAM_MOVE_ARC_CW:
    case CAM_MOVE_ARC_CCW:
      {
        double s = fabs (cam_move_arc_sweep (m, start)) * arc_radius (m, start);
        return hypot (s, m->z - start[2]);
      }
    case CAM_MOVE_CYCLE:
      {
        g_autoptr (GArray) tmp = g_array_new (FALSE, FALSE, sizeof (CamMove));
        cam_move_expand_cycle (m, start, tmp);
        double len = 0, p[3];
        memcpy (p, start, sizeof p);
        for (guint i = 0; i < tmp->len; i++)
          {
            const CamMove *e = &g_array_index (tmp, CamMove, i);
            len += cam_move_length (e, p);
            p[0] = e->x, p[1] = e->y, p[2] = e->z;
          }
        return len;
      }
    case CAM_MOVE_DWELL:
      return 0;
    case CAM_MOVE_RAPID:
    case CAM_MOVE_FEED:
    default:
      return sqrt ((m->x - start[0]) * (m->x - start[0]) + (m->y - start[1]) * (m->y - start[1])
                   + (m->z - start[2]) * (m->z - start[2]));
    }
}

/* Unit tangent at the start (end = FALSE) or end of a move. */
static gboolean
move_tangent (const CamMove *m, const double s[3], gboolean end, double t[3])
{
  if (m->type == CAM_MOVE_ARC_CW || m->type == CAM_MOVE_ARC_CCW)
    {
      double p[3];
      cam_move_point_at (m, s, end ? 1.0 : 0.0, p);
      double rx = p[0] - m->cx, ry = p[1] - m->cy;
      double sweep = cam_move_arc_sweep (m, s);
      double len = cam_move_length (m, s);
      if (len < 1e-12)
        return FALSE;
      double sign = sweep > 0 ? 1 : -1;
      double r = hypot (rx, ry);
      double horiz = fabs (sweep) * r / len;
      t[0] = r > 0 ? -sign * ry / r * horiz : 0;
      t[1] = r > 0 ? sign * rx / r * horiz : 0;
      t[2] = (m->z - s[2]) / len;
      return TRUE;
    }
  double d[3] = { m->x - s[0], m->y - s[1], m->z - s[2] };
  double l = sqrt (d[0] * d[0] + d[1] * d[1] + d[2] * d[2]);
  if (l < 1e-12)
    return FALSE;
  for (int k = 0; k < 3; k++)
    t[k] = d[k] / l;
  return TRUE;
}

/* One move as the controller makes it, for the planner. */
typedef struct {
  double   len;    /* mm */
  double   v;      /* cruise, mm/s */
  double   vj;     /* max entry speed from the junction with the previous move */
  double   vin;    /* planned entry speed */
  double   dwell;  /* s */
  guint16  op;     /* CamMove.op_index */
  gboolean cut;
} Block;

/* Time to travel len starting at v0 and ending at v1 with cruise v and acceleration a. */
static double
trapezoid_time (double len, double v0, double v1, double v, double a)
{
  if (len <= 0)
    return 0;
  if (a <= 0 || !isfinite (a))
    return len / v;
  double d_acc = (v * v - v0 * v0) / (2 * a);
  double d_dec = (v * v - v1 * v1) / (2 * a);
  if (d_acc + d_dec <= len)
    return (v - v0) / a + (v - v1) / a + (len - d_acc - d_dec) / v;
  /* Triangle: the peak speed reached before having to slow down. */
  double vp = sqrt ((2 * a * len + v0 * v0 + v1 * v1) / 2);
  vp = MAX (vp, MAX (v0, v1));
  return (vp - v0) / a + (vp - v1) / a;
}

/* The streaming planner. Blocks wait in `pending` only until a block whose entry speed no
 * later block can lower arrives (a "barrier": its junction speed is reachable from a stop
 * within its own length, sqrt(2·a·len) ≥ vj, or it starts from a stop, vj = 0). From such
 * a block on, the backward pass of the whole-program planner would give the same numbers
 * whatever follows, so everything before it is planned and timed at once, in program
 * order, with the same operations as over the whole array. Memory: the moves between two
 * barriers (a handful on real programs) instead of the whole expanded program. */
typedef struct {
  CamKinematics     k;
  int               filter_op;   /* `all` counts only this op when ≥ 0 */
  CamToolpathStats *all;         /* may be NULL */
  guint             n_ops;
  CamToolpathStats *per_op;      /* n_ops of them, may be NULL */
  GArray           *pending;     /* of Block */
  double            pos[3];
  double            prev_t[3];
  gboolean          have_prev;
  double            prev_v;
  gsize             n_blocks;    /* blocks seen so far */
  double            v_in;        /* forward pass: exit speed of the last timed block */
} Planner;

static void
planner_account (Planner *p, const Block *bl, double t)
{
  CamToolpathStats *outs[2] = {
    p->all && (p->filter_op < 0 || bl->op == p->filter_op) ? p->all : NULL,
    p->per_op && bl->op < p->n_ops ? &p->per_op[bl->op] : NULL,
  };
  for (int j = 0; j < 2; j++)
    {
      CamToolpathStats *out = outs[j];
      if (out == NULL)
        continue;
      out->cycle_time_s += t;
      if (bl->cut)
        {
          out->cut_length_mm += bl->len;
          out->cut_time_s += t;
        }
      else
        {
          out->rapid_length_mm += bl->len;
          out->rapid_time_s += t;
        }
    }
}

/* Plans and times the pending blocks before index `upto`; the block at `upto` (whose vin is
 * final, or the end of the program when upto == len) stays. */
static void
planner_flush (Planner *p, guint upto)
{
  GArray *pa = p->pending;
  Block *b = (Block *) (void *) pa->data;
  double a = p->k.accel_mm_s2;
  /* Backward pass: exit speed of the last move of the program is 0. */
  double v_next = upto < pa->len ? b[upto].vin : 0;
  for (guint ii = upto; ii-- > 0;)
    {
      Block *bl = &b[ii];
      double reach = isfinite (a) ? sqrt (v_next * v_next + 2 * a * bl->len) : INFINITY;
      bl->vin = MIN (bl->vj, reach);
      v_next = bl->vin;
    }
  /* Forward pass and times. */
  for (guint i = 0; i < upto; i++)
    {
      Block *bl = &b[i];
      double vin = MIN (bl->vin, p->v_in);
      double vout = i + 1 < pa->len ? b[i + 1].vin : 0;
      double reach = isfinite (a) ? sqrt (vin * vin + 2 * a * bl->len) : INFINITY;
      vout = MIN (vout, MIN (reach, bl->v));
      double t = trapezoid_time (bl->len, vin, vout, bl->v, a) + bl->dwell;
      p->v_in = vout;
      planner_account (p, bl, t);
    }
  g_array_remove_range (pa, 0, upto);
}

/* Adds one move the controller makes (no cycles), starting at p->pos. */
static void
planner_add (Planner *p, const CamMove *m)
{
  const CamKinematics *k = &p->k;
  double a = k->accel_mm_s2;
  Block blk = { 0 };
  Block *bl = &blk;
  bl->op = m->op_index;
  bl->len = cam_move_length (m, p->pos);
  bl->cut = m->type != CAM_MOVE_RAPID;
  double rate = m->type == CAM_MOVE_RAPID ? k->rapid_mm_min
                : MIN (isfinite (m->feed_mm_min) && m->feed_mm_min > 0 ? m->feed_mm_min : k->max_feed_mm_min,
                       k->max_feed_mm_min);
  bl->v = MAX (rate, 1e-6) / 60.0;
  if (m->type == CAM_MOVE_DWELL)
    bl->dwell = isfinite (m->dwell_s) ? m->dwell_s : 0;
  double t0[3], t1[3];
  if (bl->len > 1e-12 && move_tangent (m, p->pos, FALSE, t0))
    {
      if (p->have_prev)
        {
          double c = -(p->prev_t[0] * t0[0] + p->prev_t[1] * t0[1] + p->prev_t[2] * t0[2]);
          c = CLAMP (c, -1.0, 1.0);
          double sin_half = sqrt (0.5 * (1 - c));
          if (sin_half > 0.999999)
            bl->vj = INFINITY; /* straight on */
          else
            bl->vj = sqrt (a * k->junction_deviation_mm * sin_half / (1 - sin_half));
        }
      move_tangent (m, p->pos, TRUE, t1);
      memcpy (p->prev_t, t1, sizeof p->prev_t);
      p->have_prev = TRUE;
    }
  else if (bl->len <= 1e-12)
    {
      p->have_prev = FALSE; /* a stop (dwell, zero move) */
      bl->vj = 0;
    }
  if (!p->have_prev || p->n_blocks == 0)
    bl->vj = 0;
  bl->vj = MIN (bl->vj, bl->v);
  if (p->n_blocks > 0)
    bl->vj = MIN (bl->vj, p->prev_v);
  p->prev_v = bl->v;
  p->n_blocks++;
  p->pos[0] = m->x, p->pos[1] = m->y, p->pos[2] = m->z;
  /* Its entry speed is final when a stop before it is reachable: vin = min(vj, reach) with
   * reach = sqrt(v_next² + 2·a·len) ≥ sqrt(2·a·len) for any v_next ≥ 0 (also in floating
   * point: rounding is monotonic), so vin = vj exactly. */
  gboolean barrier = !isfinite (a) || bl->vj <= sqrt (2 * a * bl->len);
  if (barrier)
    bl->vin = bl->vj;
  g_array_append_vals (p->pending, bl, 1);
  if (barrier)
    planner_flush (p, p->pending->len - 1);
}

static void
stats_init (CamToolpathStats *out)
{
  memset (out, 0, sizeof *out);
  out->min_safety_factor = INFINITY;
  out->min_safety_move = -1;
  out->max_deflection_move = -1;
}

/* Extremes and counts of one programmed move. */
static void
stats_add_move (CamToolpathStats *out, const CamMove *m, gsize i)
{
  out->n_moves++;
  if (cam_move_is_cut (m))
    out->n_cut_moves++;
  if (isfinite (m->safety_factor) && m->safety_factor < out->min_safety_factor)
    {
      out->min_safety_factor = m->safety_factor;
      out->min_safety_move = (gssize) i;
    }
  if (isfinite (m->deflection_um) && m->deflection_um > out->max_deflection_um)
    {
      out->max_deflection_um = m->deflection_um;
      out->max_deflection_move = (gssize) i;
    }
  if (isfinite (m->ra_um) && m->ra_um > out->max_ra_um)
    out->max_ra_um = m->ra_um;
}

/* The one implementation behind cam_toolpath_stats() and cam_toolpath_stats_by_op(). */
static void
stats_run (const CamToolpath *tp, const CamKinematics *kin, int filter_op, CamToolpathStats *all, guint n_ops,
           CamToolpathStats *per_op)
{
  Planner p = { .k = { .rapid_mm_min = 5000, .max_feed_mm_min = 1e9, .accel_mm_s2 = INFINITY,
                       .tool_change_s = 0, .junction_deviation_mm = 0.01 },
                .filter_op = filter_op, .all = all, .n_ops = per_op ? n_ops : 0, .per_op = per_op };
  if (kin)
    p.k = *kin;
  if (all)
    stats_init (all);
  for (guint j = 0; j < p.n_ops; j++)
    stats_init (&per_op[j]);

  /* Extremes on the programmed moves (indices refer to tp), and tool changes: the moves
   * a cycle expands to keep its tool and op, so counting them here gives the same count
   * and the same sums, added before any move's time as the whole-program planner does. */
  int prev_tool = -1;
  for (guint i = 0; i < tp->moves->len; i++)
    {
      const CamMove *m = &g_array_index (tp->moves, CamMove, i);
      CamToolpathStats *outs[2] = {
        all && (filter_op < 0 || m->op_index == filter_op) ? all : NULL,
        p.n_ops && m->op_index < p.n_ops ? &per_op[m->op_index] : NULL,
      };
      gboolean change = prev_tool >= 0 && m->tool_index != prev_tool;
      prev_tool = m->tool_index;
      for (int j = 0; j < 2; j++)
        if (outs[j])
          {
            stats_add_move (outs[j], m, i);
            if (change)
              {
                outs[j]->tool_changes++;
                outs[j]->cycle_time_s += p.k.tool_change_s;
              }
          }
    }

  /* Lengths and times on the moves the controller makes, a cycle's at a time. */
  p.pending = g_array_sized_new (FALSE, FALSE, sizeof (Block), 64);
  g_autoptr (GArray) scratch = g_array_sized_new (FALSE, FALSE, sizeof (CamMove), 64);
  memcpy (p.pos, tp->start, sizeof p.pos);
  for (guint i = 0; i < tp->moves->len; i++)
    {
      const CamMove *m = &g_array_index (tp->moves, CamMove, i);
      if (m->type != CAM_MOVE_CYCLE)
        {
          planner_add (&p, m);
          continue;
        }
      g_array_set_size (scratch, 0);
      cam_move_expand_cycle (m, p.pos, scratch);
      for (guint e = 0; e < scratch->len; e++)
        planner_add (&p, &g_array_index (scratch, CamMove, e));
    }
  planner_flush (&p, p.pending->len);
  g_array_unref (p.pending);
}

void
cam_toolpath_stats (const CamToolpath *tp, const CamKinematics *kin, int op, CamToolpathStats *out)
{
  stats_run (tp, kin, op, out, 0, NULL);
}

void
cam_toolpath_stats_by_op (const CamToolpath *tp, const CamKinematics *kin, guint n_ops, CamToolpathStats *per_op,
                          CamToolpathStats *all)
{
  stats_run (tp, kin, -1, all, n_ops, per_op);
}

static void
bounds_add (double min[3], double max[3], double x, double y, double z)
{
  min[0] = MIN (min[0], x), max[0] = MAX (max[0], x);
  min[1] = MIN (min[1], y), max[1] = MAX (max[1], y);
  min[2] = MIN (min[2], z), max[2] = MAX (max[2], z);
}

void
cam_toolpath_bounds (const CamToolpath *tp, double min[3], double max[3])
{
  for (int k = 0; k < 3; k++)
    min[k] = max[k] = tp->start[k];
  double s[3];
  memcpy (s, tp->start, sizeof s);
  for (guint i = 0; i < tp->moves->len; i++)
    {
      const CamMove *m = &g_array_index (tp->moves, CamMove, i);
      bounds_add (min, max, m->x, m->y, m->z);
      if (m->type == CAM_MOVE_CYCLE)
        bounds_add (min, max, m->x, m->y, m->r_z);
      if (m->type == CAM_MOVE_ARC_CW || m->type == CAM_MOVE_ARC_CCW)
        for (int q = 0; q <= 16; q++)
          {
            double p[3];
            cam_move_point_at (m, s, q / 16.0, p);
            bounds_add (min, max, p[0], p[1], p[2]);
          }
      /* start of the next move, as cam_toolpath_move_start() gives it, without walking
       * back over a run of cycles each time */
      double z = m->type != CAM_MOVE_CYCLE ? m->z : m->retract == CAM_RETRACT_R_PLANE ? m->r_z : MAX (s[2], m->r_z);
      s[0] = m->x, s[1] = m->y, s[2] = z;
    }
}
