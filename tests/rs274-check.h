/* rs274-check.h — run a program through LinuxCNC's interpreter and compare its canonical
 * moves with microcam's toolpath. Header-only, for the tests that export G-code.
 *
 *   rs274 -g FILE.ngc OUT.txt -t tests/data/linuxcnc/tool.tbl -i tests/data/linuxcnc/rs274.ini
 *
 * rs274 exits 1 and prints the message on any error; OUT.txt holds one canonical call per
 * line, e.g. "   25 N..... STRAIGHT_TRAVERSE(1.0000, 1.0000, 2.0000, 0.0000, 0.0000, 0.0000)"
 * and "ARC_FEED(end1, end2, centre1, centre2, rotation, end3, …)" (rotation −1 = CW).
 * Comparison: the toolpath with canned cycles expanded (cam_toolpath_expand_cycles) and
 * the interpreter's moves, both without zero-length moves, must have the same kinds in
 * the same order and end points within 0.15 µm (the post writes 0.1 µm). */
#pragma once

#include <glib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cam-toolpath.h"

typedef struct {
  int kind;        /* 0 rapid, 1 feed, 2 arc cw, 3 arc ccw */
  double x, y, z;
  double cx, cy;
} Rs274Move;

static inline gboolean
rs274_available (void)
{
  g_autofree char *p = g_find_program_in_path ("rs274");
  return p != NULL;
}

#define RS274_MISSING_MESSAGE "rs274 (Debian linuxcnc-uspace) is required: run scripts/install-deps.sh"

/* A missing rs274 is a broken set-up, not a pass: the test suite's command (scripts/test.sh)
 * installs it through scripts/install-deps.sh, and a judge that is silently absent lets a wrong
 * program through. Only a developer without it may skip, by MICROCAM_ALLOW_MISSING_TOOLS=1 —
 * and never where CI is set, whatever that says. */
static inline gboolean
rs274_missing_allowed (void)
{
  return g_strcmp0 (g_getenv ("MICROCAM_ALLOW_MISSING_TOOLS"), "1") == 0 && g_getenv ("CI") == NULL;
}

/* The first statement of every cmocka test that runs rs274 (cmocka.h must be included before
 * it is used): fails the test when rs274 is missing, or skips it, saying so, under the escape hatch. */
#define RS274_REQUIRED()                                                                              \
  do                                                                                                  \
    {                                                                                                 \
      if (!rs274_available ())                                                                        \
        {                                                                                             \
          if (!rs274_missing_allowed ())                                                              \
            fail_msg ("%s", RS274_MISSING_MESSAGE);                                                   \
          print_message ("%s (skipped: MICROCAM_ALLOW_MISSING_TOOLS=1)\n", RS274_MISSING_MESSAGE);    \
          skip ();                                                                                    \
        }                                                                                             \
    }                                                                                                 \
  while (0)

/* Runs the interpreter; fills moves; FALSE with *message on an interpreter error. */
static inline gboolean
rs274_run (const char *ngc_path, GArray *moves, char **message)
{
  g_autofree char *dir = g_dir_make_tmp ("microcam-rs274-XXXXXX", NULL);
  g_autofree char *out = g_build_filename (dir, "canon.txt", NULL);
  g_autofree char *tbl = g_build_filename (TEST_DATA_DIR, "linuxcnc", "tool.tbl", NULL);
  g_autofree char *ini = g_build_filename (TEST_DATA_DIR, "linuxcnc", "rs274.ini", NULL);
  const char *argv[] = { "rs274", "-g", ngc_path, out, "-t", tbl, "-i", ini, NULL };
  g_autofree char *std_out = NULL, *std_err = NULL;
  int status = 0;
  g_autoptr (GError) error = NULL;
  /* rs274 truncates and maps $HOME/.tool.mmap: interpreters running at once (parallel
   * tests) with one HOME crash each other with SIGBUS, so each gets its own */
  g_auto (GStrv) env = g_environ_setenv (g_get_environ (), "HOME", dir, TRUE);
  gboolean ran = g_spawn_sync (dir, (char **) argv, env, G_SPAWN_SEARCH_PATH, NULL, NULL, &std_out, &std_err,
                               &status, &error);
  g_autofree char *text = NULL;
  g_file_get_contents (out, &text, NULL, NULL);
  const char *left[] = { "canon.txt", "rs274ngc.var", ".tool.mmap" };
  for (gsize i = 0; i < G_N_ELEMENTS (left); i++)
    {
      g_autofree char *f = g_build_filename (dir, left[i], NULL);
      g_unlink (f);
    }
  g_rmdir (dir);
  if (!ran || !g_spawn_check_wait_status (status, NULL))
    {
      *message = g_strdup_printf ("rs274 failed on %s: %s %s %s", ngc_path, error ? error->message : "",
                                  std_out ? std_out : "", std_err ? std_err : "");
      return FALSE;
    }
  g_auto (GStrv) lines = g_strsplit (text ? text : "", "\n", -1);
  for (char **l = lines; *l; l++)
    {
      Rs274Move m = { 0 };
      const char *p;
      if ((p = strstr (*l, "STRAIGHT_TRAVERSE(")) && sscanf (p, "STRAIGHT_TRAVERSE(%lf, %lf, %lf", &m.x, &m.y, &m.z) == 3)
        m.kind = 0;
      else if ((p = strstr (*l, "STRAIGHT_FEED(")) && sscanf (p, "STRAIGHT_FEED(%lf, %lf, %lf", &m.x, &m.y, &m.z) == 3)
        m.kind = 1;
      else if ((p = strstr (*l, "ARC_FEED(")))
        {
          int rot = 0;
          if (sscanf (p, "ARC_FEED(%lf, %lf, %lf, %lf, %d, %lf", &m.x, &m.y, &m.cx, &m.cy, &rot, &m.z) != 6)
            continue;
          m.kind = rot < 0 ? 2 : 3;
        }
      else
        continue;
      g_array_append_val (moves, m);
    }
  return TRUE;
}

static inline void
rs274_drop_zero_moves (GArray *moves, const double start[3])
{
  double p[3] = { start[0], start[1], start[2] };
  guint w = 0;
  for (guint i = 0; i < moves->len; i++)
    {
      Rs274Move m = g_array_index (moves, Rs274Move, i);
      gboolean zero = fabs (m.x - p[0]) < 1.5e-4 && fabs (m.y - p[1]) < 1.5e-4 && fabs (m.z - p[2]) < 1.5e-4
                      && m.kind < 2;
      p[0] = m.x, p[1] = m.y, p[2] = m.z;
      if (!zero)
        g_array_index (moves, Rs274Move, w++) = m;
    }
  g_array_set_size (moves, w);
}

/* NULL when the program matches the toolpath, else a description of the first difference. */
static inline char *
rs274_compare (const CamToolpath *tp, const char *ngc_path)
{
  g_autoptr (GArray) got = g_array_new (FALSE, TRUE, sizeof (Rs274Move));
  char *message = NULL;
  if (!rs274_run (ngc_path, got, &message))
    return message;
  g_autoptr (CamToolpath) ex = cam_toolpath_expand_cycles (tp);
  g_autoptr (GArray) want = g_array_new (FALSE, TRUE, sizeof (Rs274Move));
  for (guint i = 0; i < ex->moves->len; i++)
    {
      const CamMove *m = cam_toolpath_move (ex, i);
      Rs274Move r = { .x = m->x, .y = m->y, .z = m->z };
      switch (m->type)
        {
        case CAM_MOVE_RAPID: r.kind = 0; break;
        case CAM_MOVE_FEED: r.kind = 1; break;
        case CAM_MOVE_ARC_CW: r.kind = 2; r.cx = m->cx; r.cy = m->cy; break;
        case CAM_MOVE_ARC_CCW: r.kind = 3; r.cx = m->cx; r.cy = m->cy; break;
        default: continue;
        }
      g_array_append_val (want, r);
    }
  const double origin[3] = { 0, 0, 0 };
  rs274_drop_zero_moves (got, origin);
  rs274_drop_zero_moves (want, origin);
  if (got->len != want->len)
    {
      guint i = 0;
      while (i < MIN (got->len, want->len)
             && g_array_index (got, Rs274Move, i).kind == g_array_index (want, Rs274Move, i).kind
             && fabs (g_array_index (got, Rs274Move, i).z - g_array_index (want, Rs274Move, i).z) < 1.5e-4)
        i++;
      return g_strdup_printf ("%s: rs274 made %u moves, the toolpath has %u (first difference near move %u)",
                              ngc_path, got->len, want->len, i);
    }
  for (guint i = 0; i < got->len; i++)
    {
      const Rs274Move *a = &g_array_index (got, Rs274Move, i);
      const Rs274Move *b = &g_array_index (want, Rs274Move, i);
      gboolean ok = a->kind == b->kind && fabs (a->x - b->x) < 1.5e-4 && fabs (a->y - b->y) < 1.5e-4
                    && fabs (a->z - b->z) < 1.5e-4;
      if (ok && a->kind >= 2)
        ok = fabs (a->cx - b->cx) < 3e-4 && fabs (a->cy - b->cy) < 3e-4;
      if (!ok)
        return g_strdup_printf ("%s: move %u: rs274 kind %d (%.4f, %.4f, %.4f), toolpath kind %d (%.4f, %.4f, %.4f)",
                                ngc_path, i, a->kind, a->x, a->y, a->z, b->kind, b->x, b->y, b->z);
    }
  return NULL;
}
