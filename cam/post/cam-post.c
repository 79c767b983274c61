/* cam-post.c — walks a toolpath once and writes it in a dialect's words.
 *
 * Method: one pass over the moves with a small modal state (motion word, feed, spindle,
 * tool, active canned cycle and its parameters, last written coordinates). Each move is
 * written with only the words that changed when the dialect is modal. Arc centres become
 * I J offsets from the start point (RS274/NGC, NIST IR 6556 §3.5.3). Canned cycles stay
 * canned where the dialect has them: the first hole of a run writes G98/G99 Gxx X Y Z R
 * Q F, the following holes with the same Z R Q F only X Y (modal), and the run ends with
 * G80. Without canned cycles the hole is written as the moves the controller would make
 * (cam_move_expand_cycle(), hole by hole: no copy of the toolpath).
 * Numbers: fixed decimals (4 for mm by default: 0.1 µm), "-0.0000" written as "0.0000".
 * Speed (tests/bench/bench-export.c): coordinates are rounded once to an integer count of the
 * last decimal (round half away from zero, as before) and its digits written directly, which
 * is the text printf ("%.*f") gives for that rounded value as long as the count is below 2^40
 * (then the double's error is < 2^-13 of the last digit; larger values still go to printf); a
 * move is built in one reused line buffer; files are streamed in pieces of 1 MiB (the program
 * is never whole in memory), cam_post_generate () builds one pre-sized string.
 * Files: written to a temporary file beside the target (mkstemp), fsync'ed, then renamed over
 * it (rename(2) replaces atomically within a filesystem, POSIX.1-2017); on any failure the
 * temporary file is removed and the target is left as it was.
 */
#include "cam-post.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cam-error.h"

struct _CamPostWriter {
  const CamPostDialect *d;
  const CamPostOptions *opt;
  GString *out;
  GString *line;        /* scratch for one move's words, reused */
  int fd;               /* >= 0: out is flushed here as it fills */
  int io_errno;         /* first failed write, 0 = none */
  guint line_no;
  int decimals;
  double scale;         /* 10^decimals */
};

/* 10^n for the decimals a program uses (exact doubles, the same values pow () returns). */
static double
pow10i (int n)
{
  static const double tab[] = { 1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9 };
  return n >= 0 && n < (int) G_N_ELEMENTS (tab) ? tab[n] : pow (10, n);
}

void
cam_post_options_init (CamPostOptions *opt)
{
  memset (opt, 0, sizeof *opt);
  opt->cycle_time_s = NAN;
  opt->min_safety_factor = NAN;
  opt->comments = TRUE;
}

const CamPostDialect *
cam_post_writer_dialect (CamPostWriter *w)
{
  return w->d;
}

int
cam_post_writer_decimals (CamPostWriter *w)
{
  return w->decimals;
}

char *
cam_post_stock_text (const CamPostOptions *opt, int decimals)
{
  g_autofree char *x0 = cam_post_format_fixed (opt->stock_min[0], decimals);
  g_autofree char *x1 = cam_post_format_fixed (opt->stock_max[0], decimals);
  g_autofree char *y0 = cam_post_format_fixed (opt->stock_min[1], decimals);
  g_autofree char *y1 = cam_post_format_fixed (opt->stock_max[1], decimals);
  g_autofree char *z0 = cam_post_format_fixed (opt->stock_min[2], decimals);
  g_autofree char *z1 = cam_post_format_fixed (opt->stock_max[2], decimals);
  return g_strdup_printf ("X%s..%s Y%s..%s Z%s..%s", x0, x1, y0, y1, z0, z1);
}

/* g_string_append_len () without the call where the string has room (GString's len and
 * allocated_len are public fields): the writer appends a few bytes millions of times. */
static inline void
put (GString *s, const char *p, gsize n)
{
  if (s->len + n < s->allocated_len)
    {
      memcpy (s->str + s->len, p, n);
      s->len += n;
      s->str[s->len] = '\0';
    }
  else
    g_string_append_len (s, p, (gssize) n);
}

/* Appends the decimal digits of u. */
static void
append_uint (GString *s, guint64 u)
{
  char buf[24];
  char *p = buf + sizeof buf;
  do
    *--p = (char) ('0' + u % 10);
  while ((u /= 10) > 0);
  put (s, p, buf + sizeof buf - p);
}

static void
line_number (CamPostWriter *w)
{
  if (w->opt->line_numbers)
    {
      w->line_no += 10;
      g_string_append_c (w->out, 'N');
      append_uint (w->out, w->line_no);
      g_string_append_c (w->out, ' ');
    }
}

static void
writer_vline (CamPostWriter *w, const char *fmt, va_list ap)
{
  line_number (w);
  g_string_append_vprintf (w->out, fmt, ap);
  g_string_append_c (w->out, '\n');
}

/* One line of text as it is. */
static void
writer_put (CamPostWriter *w, const char *text, gsize len)
{
  line_number (w);
  put (w->out, text, len);
  put (w->out, "\n", 1);
}

void
cam_post_writer_line (CamPostWriter *w, const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  writer_vline (w, fmt, ap);
  va_end (ap);
}

void
cam_post_writer_comment (CamPostWriter *w, const char *fmt, ...)
{
  if (!w->opt->comments)
    return;
  va_list ap;
  va_start (ap, fmt);
  g_autofree char *text = g_strdup_vprintf (fmt, ap);
  va_end (ap);
  /* Comment text may not contain the closing delimiter or a newline. */
  for (char *p = text; *p; p++)
    if (*p == '\n' || *p == '(' || *p == ')')
      *p = *p == '\n' ? ' ' : (*p == '(' ? '[' : ']');
  cam_post_writer_line (w, "%s%s%s", w->d->comment_open, text, w->d->comment_close);
}

/* Appends v with `decimals` fixed decimals, rounded half away from zero: the text of
 * printf ("%.*f", decimals, round (v * 10^decimals) / 10^decimals), "-0.000" as "0.000"
 * (see the top of the file for why the digits of the rounded count are that text). */
static void
append_fixed (GString *s, double v, int decimals)
{
  double scale = pow10i (decimals);
  double k = round (v * scale);
  if (!(fabs (k) < 0x1p40) || decimals > 9)
    {
      double r = k / scale;
      if (r == 0)
        r = 0; /* no "-0.0000" */
      g_string_append_printf (s, "%.*f", decimals, r);
      return;
    }
  char buf[48];
  char *p = buf + sizeof buf;
  guint64 u = (guint64) fabs (k);
  for (int i = 0; i < decimals; i++, u /= 10)
    *--p = (char) ('0' + u % 10);
  if (decimals > 0)
    *--p = '.';
  do
    *--p = (char) ('0' + u % 10);
  while ((u /= 10) > 0);
  if (k < 0)
    *--p = '-';
  put (s, p, buf + sizeof buf - p);
}

/* Appends " X1.2345" etc. */
static void
word (GString *s, char letter, double v, int decimals)
{
  char head[2] = { ' ', letter };
  put (s, head, 2);
  append_fixed (s, v, decimals);
}

static double
rnd (double v, int decimals)
{
  double scale = pow10i (decimals);
  return round (v * scale) / scale;
}

static gboolean
same (double a, double b, int decimals)
{
  double scale = pow10i (decimals);
  return round (a * scale) == round (b * scale);
}

/* For the tests: the number text word () writes. */
char *
cam_post_format_fixed (double v, int decimals)
{
  GString *s = g_string_new (NULL);
  append_fixed (s, v, decimals);
  return g_string_free (s, FALSE);
}

typedef struct {
  int motion;           /* -1 none, else CamMoveType or 100 + cycle */
  double x, y, z;
  gboolean known;       /* x y z known */
  double feed;
  double rpm;
  int tool;
  gboolean cycle_active;
  CamMove cycle;        /* parameters of the active cycle */
} Modal;

static void
default_header (CamPostWriter *w, const CamToolpath *tp, const CamPostOptions *opt)
{
  cam_post_writer_comment (w, "microcam %s — %s", MICROCAM_VERSION, w->d->description);
  if (opt->part_name)
    cam_post_writer_comment (w, "part: %s", opt->part_name);
  if (opt->material)
    cam_post_writer_comment (w, "material: %s", opt->material);
  if (opt->machine)
    cam_post_writer_comment (w, "machine: %s", opt->machine);
  for (guint i = 0; i < tp->tools->len; i++)
    {
      const CamToolpathTool *t = g_ptr_array_index (tp->tools, i);
      cam_post_writer_comment (w, "T%u: %s %s", t->number, t->spec, t->label);
    }
  if (isfinite (opt->cycle_time_s))
    cam_post_writer_comment (w, "estimated cycle time: %.1f s (%.1f min)", opt->cycle_time_s,
                             opt->cycle_time_s / 60);
  if (isfinite (opt->min_safety_factor))
    cam_post_writer_comment (w, "minimum breakage safety factor: %.2f%s%s", opt->min_safety_factor,
                             opt->min_safety_where ? " at " : "",
                             opt->min_safety_where ? opt->min_safety_where : "");
  /* the stock and tolerance a review of this program takes (cam-gcode-header.h), and what the
   * plan could not make */
  if (opt->has_stock)
    {
      g_autofree char *box = cam_post_stock_text (opt, w->decimals);
      cam_post_writer_comment (w, "stock: %s work", box);
    }
  if (opt->tolerance_mm > 0)
    cam_post_writer_comment (w, "tolerance: ±%.4f mm", opt->tolerance_mm);
  for (const char *const *u = opt->unreachable; u && *u; u++)
    cam_post_writer_comment (w, "unreachable %s", *u);
}

static void
write_tool_change (CamPostWriter *w, const CamToolpathTool *t, double rpm, Modal *st, gboolean first)
{
  const CamPostDialect *d = w->d;
  const CamPostOptions *opt = w->opt;
  if (isfinite (rpm) && opt->max_rpm > 0)
    rpm = MIN (rpm, opt->max_rpm);
  if (d->tool_change_hook)
    {
      d->tool_change_hook (w, t, rpm, opt);
      st->rpm = rpm;
      return;
    }
  if (!first)
    cam_post_writer_line (w, "%s %s", d->spindle_stop, d->coolant_off);
  cam_post_writer_comment (w, "T%u %s", t->number, t->label);
  if (d->tool_change)
    cam_post_writer_line (w, "T%u M6", t->number);
  if (d->tool_length_offset)
    cam_post_writer_line (w, "G43 H%u", t->number);
  if (isfinite (rpm) && rpm > 0)
    {
      cam_post_writer_line (w, "S%.0f %s", rpm, d->spindle_cw);
      if (opt->spindle_warmup_s > 0)
        cam_post_writer_line (w, d->dwell_fmt, opt->spindle_warmup_s);
    }
  if (t->coolant == CAM_COOLANT_MIST)
    cam_post_writer_line (w, "%s", d->coolant_mist);
  else if (t->coolant == CAM_COOLANT_FLOOD)
    cam_post_writer_line (w, "%s", d->coolant_flood);
  st->rpm = rpm;
}

static void
end_cycle (CamPostWriter *w, Modal *st)
{
  if (st->cycle_active)
    {
      cam_post_writer_line (w, "%s", w->d->cycle_cancel);
      st->cycle_active = FALSE;
      st->motion = -1;
    }
}

static void
append_xyz (GString *s, Modal *st, double x, double y, double z, int dec, gboolean modal, gboolean force_xy)
{
  if (force_xy || !modal || !st->known || !same (x, st->x, dec))
    word (s, 'X', x, dec);
  if (force_xy || !modal || !st->known || !same (y, st->y, dec))
    word (s, 'Y', y, dec);
  if (!modal || !st->known || !same (z, st->z, dec))
    word (s, 'Z', z, dec);
}

static void
append_feed (CamPostWriter *w, GString *s, Modal *st, double feed)
{
  if (!isfinite (st->feed) || fabs (st->feed - feed) > 1e-9 || !w->d->modal_coordinates)
    {
      /* rounded down, never up: a planned feed is the fastest its move's limits allow (deflection,
       * breakage: cam-limits.c), so the program must not run faster than it (a feed under one
       * unit of the last decimal is written as that unit, not as F0) */
      double scale = pow10i (w->d->feed_decimals);
      double written = floor (feed * scale * (1 + 1e-12)) / scale;
      if (!(written > 0))
        written = 1 / scale;
      g_string_append_printf (s, " F%.*f", w->d->feed_decimals, written);
      st->feed = feed;
    }
}

static const char *
cycle_word (const CamPostDialect *d, guint8 cycle)
{
  switch ((CamCycle) cycle)
    {
    case CAM_CYCLE_PECK: return d->cycle_peck;
    case CAM_CYCLE_CHIPBREAK: return d->cycle_chipbreak;
    case CAM_CYCLE_DRILL_DWELL: return d->cycle_drill_dwell;
    case CAM_CYCLE_DRILL:
    case CAM_CYCLE_NONE:
    default: return d->cycle_drill;
    }
}

static gboolean
write_move (CamPostWriter *w, const CamMove *m, const double start[3], Modal *st, GError **error)
{
  const CamPostDialect *d = w->d;
  int dec = w->decimals;
  gboolean modal = d->modal_coordinates;
  GString *s = w->line;
  g_string_truncate (s, 0);

  if (!isfinite (m->x) || !isfinite (m->y) || !isfinite (m->z))
    {
      g_set_error (error, CAM_ERROR, CAM_ERROR_INVALID, "move to a non-finite position (%g, %g, %g)",
                   m->x, m->y, m->z);
      return FALSE;
    }
  if (m->type != CAM_MOVE_RAPID && m->type != CAM_MOVE_DWELL
      && !(isfinite (m->feed_mm_min) && m->feed_mm_min > 0))
    {
      g_set_error (error, CAM_ERROR, CAM_ERROR_INVALID,
                   "cutting move to (%.4f, %.4f, %.4f) has no feed", m->x, m->y, m->z);
      return FALSE;
    }
  if (m->type != CAM_MOVE_CYCLE)
    end_cycle (w, st);
  if (isfinite (m->rpm) && m->rpm > 0)
    {
      double rpm = w->opt->max_rpm > 0 ? MIN (m->rpm, w->opt->max_rpm) : m->rpm;
      if (!isfinite (st->rpm) || fabs (rpm - st->rpm) > 0.5)
        {
          end_cycle (w, st);
          cam_post_writer_line (w, "S%.0f %s", rpm, d->spindle_cw);
          st->rpm = rpm;
        }
    }

  switch ((CamMoveType) m->type)
    {
    case CAM_MOVE_RAPID:
    case CAM_MOVE_FEED:
      {
        gboolean rapid = m->type == CAM_MOVE_RAPID;
        if (!modal || st->motion != m->type)
          g_string_append (s, rapid ? d->rapid : d->feed);
        append_xyz (s, st, m->x, m->y, m->z, dec, modal, FALSE);
        if (s->len == 0 || (s->len == strlen (rapid ? d->rapid : d->feed)))
          {
            /* Nothing moves at this resolution: skip the line. */
            if (s->len == 0)
              return TRUE;
            /* A motion word alone would be an empty move: write the Z anyway. */
            word (s, 'Z', m->z, dec);
          }
        if (!rapid)
          append_feed (w, s, st, m->feed_mm_min);
        st->motion = m->type;
        break;
      }
    case CAM_MOVE_ARC_CW:
    case CAM_MOVE_ARC_CCW:
      {
        if (m->turns > 0 && !d->arc_turns_p)
          {
            /* No P word: each extra turn is a full circle back to the start, Z shared out
             * along the helix by angle; the last line below is the remaining arc. */
            double sweep = fabs (cam_move_arc_sweep (m, start));
            for (guint t = 0; t < m->turns; t++)
              {
                double z = start[2] + (m->z - start[2]) * (2 * G_PI * (t + 1)) / sweep;
                g_autoptr (GString) c = g_string_new (m->type == CAM_MOVE_ARC_CW ? d->arc_cw : d->arc_ccw);
                append_xyz (c, st, start[0], start[1], z, dec, modal, TRUE);
                word (c, 'I', m->cx - rnd (start[0], dec), dec);
                word (c, 'J', m->cy - rnd (start[1], dec), dec);
                append_feed (w, c, st, m->feed_mm_min);
                cam_post_writer_line (w, "%s", c->str);
                st->x = start[0], st->y = start[1], st->z = z, st->known = TRUE;
              }
          }
        g_string_append (s, m->type == CAM_MOVE_ARC_CW ? d->arc_cw : d->arc_ccw);
        /* Arcs always carry X Y: a full circle must be explicit. */
        append_xyz (s, st, m->x, m->y, m->z, dec, modal, TRUE);
        /* I J from the start as the controller knows it (the rounded previous end point). */
        word (s, 'I', m->cx - rnd (start[0], dec), dec);
        word (s, 'J', m->cy - rnd (start[1], dec), dec);
        if (m->turns > 0 && d->arc_turns_p)
          g_string_append_printf (s, " P%u", m->turns + 1u);
        append_feed (w, s, st, m->feed_mm_min);
        st->motion = m->type;
        break;
      }
    case CAM_MOVE_DWELL:
      cam_post_writer_line (w, d->dwell_fmt, isfinite (m->dwell_s) ? m->dwell_s : 0.0);
      return TRUE;
    case CAM_MOVE_CYCLE:
      {
        gboolean same_cycle = st->cycle_active && st->cycle.cycle == m->cycle
                              && st->cycle.retract == m->retract && same (st->cycle.z, m->z, dec)
                              && same (st->cycle.r_z, m->r_z, dec) && same (st->cycle.q_mm, m->q_mm, dec)
                              && fabs (st->feed - m->feed_mm_min) < 1e-9
                              && (m->cycle != CAM_CYCLE_DRILL_DWELL || st->cycle.dwell_s == m->dwell_s);
        if (same_cycle)
          {
            word (s, 'X', m->x, dec);
            word (s, 'Y', m->y, dec);
          }
        else
          {
            end_cycle (w, st);
            g_string_append_printf (s, "%s %s",
                                    m->retract == CAM_RETRACT_R_PLANE ? d->retract_r_plane : d->retract_old_z,
                                    cycle_word (d, m->cycle));
            word (s, 'X', m->x, dec);
            word (s, 'Y', m->y, dec);
            word (s, 'Z', m->z, dec);
            word (s, 'R', m->r_z, dec);
            if (m->cycle == CAM_CYCLE_PECK || m->cycle == CAM_CYCLE_CHIPBREAK)
              word (s, 'Q', m->q_mm, dec);
            if (m->cycle == CAM_CYCLE_DRILL_DWELL && d->cycle_dwell_ms)
              g_string_append_printf (s, " P%.0f", isfinite (m->dwell_s) ? m->dwell_s * 1000 : 0.0);
            else if (m->cycle == CAM_CYCLE_DRILL_DWELL)
              g_string_append_printf (s, " P%.3f", isfinite (m->dwell_s) ? m->dwell_s : 0.0);
            st->feed = NAN;
            append_feed (w, s, st, m->feed_mm_min);
            st->cycle_active = TRUE;
            st->cycle = *m;
          }
        /* Where the cycle leaves the tool. */
        double rz = m->retract == CAM_RETRACT_R_PLANE ? m->r_z : MAX (start[2], m->r_z);
        writer_put (w, s->str[0] == ' ' ? s->str + 1 : s->str, s->str[0] == ' ' ? s->len - 1 : s->len);
        st->x = m->x, st->y = m->y, st->z = rz, st->known = TRUE;
        st->motion = -1;
        return TRUE;
      }
    default:
      break;
    }
  writer_put (w, s->str[0] == ' ' ? s->str + 1 : s->str, s->str[0] == ' ' ? s->len - 1 : s->len);
  st->x = m->x, st->y = m->y, st->z = m->z, st->known = TRUE;
  return TRUE;
}

#define FLUSH_BYTES (1u << 20)

/* Writes out's bytes to fd (keeps the first error in io_errno) and empties out. */
static void
writer_flush (CamPostWriter *w)
{
  gsize done = 0;
  while (done < w->out->len && w->io_errno == 0)
    {
      gssize n = write (w->fd, w->out->str + done, w->out->len - done);
      if (n < 0 && errno != EINTR)
        w->io_errno = errno;
      else if (n > 0)
        done += (gsize) n;
    }
  g_string_truncate (w->out, 0);
}

/* The program into *text (fd < 0) or streamed to fd. */
static gboolean
post_run (const CamPostDialect *d, const CamToolpath *tp_in, const CamPostOptions *opt_in, int fd,
          char **text, GError **error)
{
  CamPostOptions defaults;
  cam_post_options_init (&defaults);
  const CamPostOptions *opt = opt_in ? opt_in : &defaults;
  const CamToolpath *tp = tp_in;
  /* Without canned cycles each hole is written as the moves the controller makes for it,
   * expanded here one hole at a time (cam_move_expand_cycle (), the same moves as
   * cam_toolpath_expand_cycles () without a copy of the whole toolpath). */
  g_autoptr (GArray) holes = d->canned_cycles ? NULL : g_array_new (FALSE, FALSE, sizeof (CamMove));

  /* In memory ~16 bytes a move: pages past what is written are never touched, so the estimate
   * costs address space, not memory, and saves the copies of a growing string. */
  gsize reserve = fd >= 0 ? FLUSH_BYTES + 4096 : 4096 + 16 * (gsize) tp->moves->len;
  CamPostWriter w = { .d = d, .opt = opt, .out = g_string_sized_new (reserve), .line = g_string_sized_new (128),
                      .fd = fd, .decimals = opt->decimals > 0 ? opt->decimals : d->decimals };
  if (d->program_start)
    g_string_append_printf (w.out, "%s\n", d->program_start);
  if (d->program_number_fmt)
    {
      g_string_append_printf (w.out, d->program_number_fmt,
                              opt->program_number > 0 ? opt->program_number : d->program_number);
      g_string_append_c (w.out, '\n');
    }
  if (d->header)
    d->header (&w, tp, opt);
  else
    default_header (&w, tp, opt);
  cam_post_writer_line (&w, "%s", d->safe_start);

  Modal st = { .motion = -1, .feed = NAN, .rpm = NAN, .tool = -1 };
  int last_op = -1;
  double start[3];
  memcpy (start, tp->start, sizeof start);
  gboolean ok = TRUE;
  for (guint i = 0; i < tp->moves->len && ok; i++)
    {
      const CamMove *m = &g_array_index (tp->moves, CamMove, i);
      if ((int) m->tool_index != st.tool && m->tool_index < tp->tools->len)
        {
          end_cycle (&w, &st);
          write_tool_change (&w, g_ptr_array_index (tp->tools, m->tool_index), m->rpm, &st, st.tool < 0);
          st.tool = m->tool_index;
          st.motion = -1;
        }
      if ((int) m->op_index != last_op && opt->op_names)
        {
          guint n = 0;
          while (opt->op_names[n])
            n++;
          if (m->op_index < n)
            cam_post_writer_comment (&w, "%s", opt->op_names[m->op_index]);
        }
      last_op = m->op_index;
      const CamMove *run = m;
      guint n_run = 1;
      if (holes && m->type == CAM_MOVE_CYCLE)
        {
          g_array_set_size (holes, 0);
          cam_move_expand_cycle (m, start, holes);
          run = &g_array_index (holes, CamMove, 0);
          n_run = holes->len;
        }
      for (guint k = 0; k < n_run && ok; k++)
        {
          const CamMove *e = &run[k];
          if (!write_move (&w, e, start, &st, error))
            {
              g_prefix_error (error, "move %u: ", i + 1);
              ok = FALSE;
            }
          /* Where the next move starts (cam_toolpath_move_start (), one move at a time): a cycle
           * leaves the tool at its R plane (G99) or at the higher of R and where it was (G98). */
          if (e->type == CAM_MOVE_CYCLE)
            start[2] = e->retract == CAM_RETRACT_R_PLANE ? e->r_z : MAX (start[2], e->r_z);
          else
            start[2] = e->z;
          start[0] = e->x, start[1] = e->y;
        }
      if (ok && fd >= 0 && w.out->len >= FLUSH_BYTES)
        {
          writer_flush (&w);
          ok = w.io_errno == 0;
        }
    }
  if (ok)
    {
      end_cycle (&w, &st);
      cam_post_writer_line (&w, "%s %s", d->spindle_stop, d->coolant_off);
      cam_post_writer_line (&w, "%s", d->program_end);
      if (d->program_trailer)
        g_string_append_printf (w.out, "%s\n", d->program_trailer);
      if (fd >= 0)
        writer_flush (&w);
    }
  /* A move that cannot be written has set the error already; a failed write has not. */
  if (w.io_errno != 0)
    {
      ok = FALSE;
      g_set_error (error, CAM_ERROR, CAM_ERROR_IO, "%s", g_strerror (w.io_errno));
    }
  g_string_free (w.line, TRUE);
  if (ok && text)
    *text = g_string_free (w.out, FALSE);
  else
    g_string_free (w.out, TRUE);
  return ok;
}

char *
cam_post_generate (const CamPostDialect *d, const CamToolpath *tp, const CamPostOptions *opt, GError **error)
{
  char *text = NULL;
  return post_run (d, tp, opt, -1, &text, error) ? text : NULL;
}

gboolean
cam_post_write_fd (const CamPostDialect *d, const CamToolpath *tp, const CamPostOptions *opt, int fd,
                   GError **error)
{
  return post_run (d, tp, opt, fd, NULL, error);
}

char *
cam_post_write_temp (const CamPostDialect *d, const CamToolpath *tp, const CamPostOptions *opt,
                     const char *path, GError **error)
{
  g_autofree char *tmp = g_strdup_printf ("%s.XXXXXX", path);
  int fd = g_mkstemp_full (tmp, O_RDWR | O_CLOEXEC, 0666);
  if (fd < 0)
    {
      int e = errno;
      g_set_error (error, CAM_ERROR, CAM_ERROR_IO, "cannot write G-code %s: %s", path, g_strerror (e));
      return NULL;
    }
  g_autoptr (GError) local = NULL;
  gboolean ok = cam_post_write_fd (d, tp, opt, fd, &local);
  int e = 0;
  if (ok && fsync (fd) != 0)
    e = errno;
  if (close (fd) != 0 && ok && e == 0)
    e = errno;
  if (ok && e == 0)
    return g_steal_pointer (&tmp);
  g_unlink (tmp);
  if (!ok && local->domain == CAM_ERROR && local->code == CAM_ERROR_IO)
    g_set_error (error, CAM_ERROR, CAM_ERROR_IO, "cannot write G-code %s: %s", path, local->message);
  else if (!ok)
    g_set_error (error, local->domain, local->code, "%s: %s", path, local->message);
  else
    g_set_error (error, CAM_ERROR, CAM_ERROR_IO, "cannot write G-code %s: %s", path, g_strerror (e));
  return NULL;
}

gboolean
cam_post_write_file (const CamPostDialect *d, const CamToolpath *tp, const CamPostOptions *opt,
                     const char *path, GError **error)
{
  g_autofree char *tmp = cam_post_write_temp (d, tp, opt, path, error);
  if (tmp == NULL)
    return FALSE;
  if (g_rename (tmp, path) != 0)
    {
      int e = errno;
      g_unlink (tmp);
      g_set_error (error, CAM_ERROR, CAM_ERROR_IO, "cannot write G-code %s: %s", path, g_strerror (e));
      return FALSE;
    }
  return TRUE;
}

const CamPostDialect *
cam_post_find (const char *name)
{
  const CamPostDialect *all[] = { cam_post_linuxcnc (), cam_post_fanuc (), cam_post_grbl () };
  for (guint i = 0; name && i < G_N_ELEMENTS (all); i++)
    if (g_ascii_strcasecmp (all[i]->name, name) == 0)
      return all[i];
  return NULL;
}
