/* test-cam-gcode-comp.c — cutter radius compensation against LinuxCNC's interpreter.
 *
 * Each program in tests/data/gcode-comp/NAME.ngc (written for one construct: entry and exit,
 * convex and concave corners, line→arc, arc→line, arc→arc, Z moves, arc entry, G91, the tool
 * table, the errors) is read by a small interpreter here (G0–G3 with IJ/R/P, G17, G20/G21,
 * G90/G91, G40, G41/G42 [D], G41.1/G42.1 D, T M6, M2) that feeds cam-gcode-comp; the
 * tool-centre moves it gives back must be those of rs274 (LinuxCNC 2.9) in NAME.expected,
 * kind, rotation and every coordinate within 1e-6 mm, and an error must be rs274's message
 * on the same line. NAME.expected is rs274's canonical output; regenerate all of them with
 *   cd tests/data/gcode-comp && ./regen.sh
 * (it runs each program scaled ×1000 so that rs274's 4 printed decimals give 1e-7 mm).
 *
 * Standalone build (meson adds it as cam-gcode-comp):
 *   gcc -std=c11 -Wall -Wextra -Wpedantic -Werror -Icam/gcode -Icam/base \
 *     $(pkg-config --cflags glib-2.0 cmocka) cam/gcode/cam-gcode-comp.c \
 *     tests/test-cam-gcode-comp.c $(pkg-config --libs glib-2.0 cmocka) -lm -o /tmp/test-comp
 *   /tmp/test-comp        (from the source root, or with TEST_DATA_DIR set at build time) */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <glib.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cam-gcode-comp.h"

#ifndef TEST_DATA_DIR
#define TEST_DATA_DIR "tests/data"
#endif

#define TOL_MM 1e-6

static void
collect (gpointer data, const CamCompMove *m)
{
  g_array_append_val ((GArray *) data, *m);
}

/* ---- a small interpreter for the test programs ---- */

typedef struct {
  double dia_in[100];             /* tool table diameters, inches (rs274's machine units) */
} Tools;

static void
load_tools (const char *path, Tools *t)
{
  g_autofree char *text = NULL;
  memset (t, 0, sizeof *t);
  assert_true (g_file_get_contents (path, &text, NULL, NULL));
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
  for (char **l = lines; *l; l++) {
    int n = -1;
    char *dp = strstr (*l, " D");
    if (sscanf (*l, "T%d", &n) == 1 && dp && n >= 0 && n < 100)
      t->dia_in[n] = g_ascii_strtod (dp + 2, NULL);
  }
}

/* LinuxCNC arc_data_r: the centre of an R arc from start s to end e */
static void
centre_from_r (gboolean cw, const double s[2], const double e[2], double r, double c[2])
{
  double mx = (s[0] + e[0]) / 2, my = (s[1] + e[1]) / 2, ar = fabs (r);
  double half = hypot (mx - e[0], my - e[1]);
  if (half / ar > 1 - 1e-12)
    half = ar;
  double theta = atan2 (e[1] - s[1], e[0] - s[0]) + (((cw && r > 0) || (!cw && r < 0)) ? -G_PI_2 : G_PI_2);
  double off = ar * cos (asin (half / ar));
  c[0] = mx + off * cos (theta);
  c[1] = my + off * sin (theta);
}

/* Runs NAME.ngc; returns FALSE with the error and its line where the module refuses a move. */
static gboolean
run_program (const char *name, GArray *moves, char *err, gsize err_len, guint *err_line)
{
  g_autofree char *path = g_strdup_printf ("%s/gcode-comp/%s.ngc", TEST_DATA_DIR, name);
  g_autofree char *tpath = g_strdup_printf ("%s/gcode-comp/tool.tbl", TEST_DATA_DIR);
  g_autofree char *text = NULL;
  Tools tools;
  load_tools (tpath, &tools);
  assert_true (g_file_get_contents (path, &text, NULL, NULL));
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);

  CamGcodeComp *c = cam_gcode_comp_new (collect, moves);
  double u = 1.0;                 /* mm per program unit */
  gboolean absolute = TRUE, ok = TRUE;
  int motion = 0, loaded = 0, tword = -1;
  *err_line = 0;

  for (guint ln = 1; lines[ln - 1] && ok; ln++) {
    char buf[512];
    g_strlcpy (buf, lines[ln - 1], sizeof buf);
    char *p;
    while ((p = strchr (buf, '(')) != NULL) {
      char *q = strchr (p, ')');
      memmove (p, q ? q + 1 : p + strlen (p), strlen (q ? q + 1 : p + strlen (p)) + 1);
    }
    if ((p = strchr (buf, ';')) != NULL)
      *p = '\0';
    double w[26];
    gboolean has[26] = { FALSE };
    double g[8];
    int ng = 0, m = -1;
    for (p = buf; *p;) {
      if (!g_ascii_isalpha (*p)) { p++; continue; }
      int letter = g_ascii_toupper (*p) - 'A';
      char *end;
      double v = g_ascii_strtod (p + 1, &end);
      assert_true (end != p + 1);
      p = end;
      if (letter == 'G' - 'A') { assert_true (ng < 8); g[ng++] = v; }
      else if (letter == 'M' - 'A') m = (int) v;
      else { w[letter] = v; has[letter] = TRUE; }
    }
#define HAS(L) has[(L) - 'A']
#define W(L) w[(L) - 'A']
    int comp = 0;                 /* 40, 41, 42, 411, 421 */
    for (int i = 0; i < ng; i++) {
      int code = (int) lround (g[i] * 10);
      switch (code) {
      case 0: case 10: case 20: case 30: motion = code / 10; break;
      case 170: case 940: case 970: case 640: case 610: break;
      case 200: u = 25.4; cam_gcode_comp_set_program_inches (c, TRUE); break;
      case 210: u = 1.0; cam_gcode_comp_set_program_inches (c, FALSE); break;
      case 900: absolute = TRUE; break;
      case 910: absolute = FALSE; break;
      case 400: comp = 40; break;
      case 410: comp = 41; break;
      case 420: comp = 42; break;
      case 411: comp = 411; break;
      case 421: comp = 421; break;
      default: fail_msg ("%s:%u: G%g not understood by the test", name, ln, g[i]);
      }
    }
    if (HAS ('T'))
      tword = (int) W ('T');
    if (m == 6)
      loaded = tword;
    if (comp == 40)
      ok = cam_gcode_comp_stop (c, err, err_len);
    else if (comp) {
      double here[3], r;
      cam_gcode_comp_position (c, here);
      if (comp > 100)             /* G41.1/G42.1 D: a diameter in program units */
        r = W ('D') * u / 2;
      else                        /* G41/G42 [D tool]: the tool table (inches) */
        r = tools.dia_in[HAS ('D') ? (int) W ('D') : loaded] * 25.4 / 2;
      ok = cam_gcode_comp_start (c, (comp == 41 || comp == 411) ? CAM_COMP_LEFT : CAM_COMP_RIGHT,
                                 r, here, err, err_len);
    }
    if (ok && (HAS ('X') || HAS ('Y') || HAS ('Z'))) {
      double from[3], to[3];
      cam_gcode_comp_position (c, from);   /* incremental targets from the programmed point */
      for (int a = 0; a < 3; a++) {
        int L = "XYZ"[a] - 'A';
        to[a] = has[L] ? (absolute ? w[L] * u : from[a] + w[L] * u) : from[a];
      }
      if (motion <= 1)
        ok = cam_gcode_comp_line (c, motion == 0, to, ln, err, err_len);
      else {
        double ctr[2];
        if (HAS ('R'))
          centre_from_r (motion == 2, from, to, W ('R') * u, ctr);
        else {
          ctr[0] = from[0] + (HAS ('I') ? W ('I') * u : 0);
          ctr[1] = from[1] + (HAS ('J') ? W ('J') * u : 0);
        }
        ok = cam_gcode_comp_arc (c, motion == 2, to, ctr, HAS ('P') ? (guint) W ('P') : 1, ln,
                                 err, err_len);
      }
    }
    if (ok && (m == 2 || m == 30)) {
      ok = cam_gcode_comp_stop (c, err, err_len);
      if (ok) { ln++; break; }
    }
    if (!ok)
      *err_line = ln;
  }
  cam_gcode_comp_free (c);
  return ok;
#undef HAS
#undef W
}

/* ---- the comparison ---- */

static void
check_program (const char *name)
{
  g_autofree char *epath = g_strdup_printf ("%s/gcode-comp/%s.expected", TEST_DATA_DIR, name);
  g_autofree char *text = NULL;
  assert_true (g_file_get_contents (epath, &text, NULL, NULL));
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);

  g_autoptr (GArray) got = g_array_new (FALSE, TRUE, sizeof (CamCompMove));
  char err[256] = "";
  guint err_line = 0;
  gboolean ok = run_program (name, got, err, sizeof err, &err_line);

  guint n = 0;
  const char *want_err = NULL;
  guint want_err_line = 0;
  for (char **l = lines; *l; l++) {
    if (!**l)
      continue;
    if (**l == 'E') {
      char *end;
      want_err_line = (guint) strtoul (*l + 2, &end, 10);
      want_err = end + 1;
      continue;
    }
    double v[6] = { 0 };
    int rot = 0;
    char kind = 0;
    int k = sscanf (*l, "%c %lf %lf %lf %lf %lf %d", &kind, &v[0], &v[1], &v[2], &v[3], &v[4], &rot);
    assert_true (k == 4 || k == 7);
    if (n >= got->len)
      fail_msg ("%s: move %u (%s) missing: the module gave %u moves%s%s", name, n + 1, *l, got->len,
                ok ? "" : ", error: ", ok ? "" : err);
    const CamCompMove *m = &g_array_index (got, CamCompMove, n);
    CamCompMoveKind want = kind == 'R' ? CAM_COMP_MOVE_TRAVERSE
                         : kind == 'F' ? CAM_COMP_MOVE_FEED : CAM_COMP_MOVE_ARC;
    double d = 0;
    for (int a = 0; a < 3; a++)
      d = fmax (d, fabs (m->end[a] - v[a]));
    if (want == CAM_COMP_MOVE_ARC)
      d = fmax (d, fmax (fabs (m->centre[0] - v[3]), fabs (m->centre[1] - v[4])));
    if (m->kind != want || d > TOL_MM || (want == CAM_COMP_MOVE_ARC && m->rotation != rot))
      fail_msg ("%s: move %u: rs274 %s, module kind %d end %.7f %.7f %.7f centre %.7f %.7f rot %d (off by %.3g mm)",
                name, n + 1, *l, m->kind, m->end[0], m->end[1], m->end[2], m->centre[0],
                m->centre[1], m->rotation, d);
    n++;
  }
  if (want_err) {
    if (ok)
      fail_msg ("%s: rs274 stops on line %u (%s), the module does not", name, want_err_line, want_err);
    assert_string_equal (err, want_err);
    assert_int_equal (err_line, want_err_line);
  } else if (!ok)
    fail_msg ("%s: the module stops on line %u: %s", name, err_line, err);
  assert_int_equal (got->len, n);
}

#define PROGRAM_TEST(fn, name) static void fn (void **s) { (void) s; check_program (name); }
PROGRAM_TEST (test_entry_exit, "entry-exit")
PROGRAM_TEST (test_convex, "convex")
PROGRAM_TEST (test_concave, "concave")
PROGRAM_TEST (test_line_arc, "line-arc")
PROGRAM_TEST (test_arc_line, "arc-line")
PROGRAM_TEST (test_arc_arc, "arc-arc")
PROGRAM_TEST (test_small_arc, "small-arc")
PROGRAM_TEST (test_zmoves, "zmoves")
PROGRAM_TEST (test_entry_arc, "entry-arc")
PROGRAM_TEST (test_incremental, "incremental")
PROGRAM_TEST (test_tooltable, "tooltable")
PROGRAM_TEST (test_err_entry, "err-entry")
PROGRAM_TEST (test_err_arc_radius, "err-arc-radius")
PROGRAM_TEST (test_err_gouge, "err-gouge")
PROGRAM_TEST (test_err_arc_after_g40, "err-arc-after-g40")
PROGRAM_TEST (test_exit_then_arc, "exit-then-arc")

/* ---- the API itself ---- */

static void
test_api (void **s)
{
  (void) s;
  g_autoptr (GArray) got = g_array_new (FALSE, TRUE, sizeof (CamCompMove));
  CamGcodeComp *c = cam_gcode_comp_new (collect, got);
  char err[200];
  const double o[3] = { 0, 0, 0 }, a[3] = { 10, 0, 0 }, b[3] = { 20, 0, -1 }, z[3] = { 20, 0, -2 };

  assert_false (cam_gcode_comp_active (c));
  assert_true (cam_gcode_comp_line (c, TRUE, o, 1, err, sizeof err));      /* pass-through */
  assert_int_equal (got->len, 1);
  /* a negative radius swaps the side */
  assert_true (cam_gcode_comp_start (c, CAM_COMP_LEFT, -2.0, o, err, sizeof err));
  assert_true (cam_gcode_comp_active (c));
  assert_int_equal (cam_gcode_comp_side (c), CAM_COMP_RIGHT);
  assert_float_equal (cam_gcode_comp_radius (c), 2.0, 0);
  assert_false (cam_gcode_comp_start (c, CAM_COMP_LEFT, 1.0, o, err, sizeof err));
  assert_string_equal (err, "Cannot turn cutter radius comp on when already on");
  assert_true (cam_gcode_comp_line (c, FALSE, a, 2, err, sizeof err));
  assert_int_equal (got->len, 1);                  /* held until the next XY move shows the corner */
  double pp[3], tp[3];
  cam_gcode_comp_position (c, pp);
  cam_gcode_comp_tool (c, tp);
  assert_float_equal (pp[0], 10, 0);
  assert_float_equal (pp[1], 0, 0);
  assert_float_equal (tp[1], -2, 1e-12);           /* right of +X */
  assert_true (cam_gcode_comp_line (c, FALSE, b, 3, err, sizeof err));
  assert_true (cam_gcode_comp_line (c, FALSE, z, 4, err, sizeof err));     /* Z only: queued */
  assert_int_equal (got->len, 2);
  assert_true (cam_gcode_comp_stop (c, err, sizeof err));
  assert_false (cam_gcode_comp_active (c));
  assert_int_equal (got->len, 4);
  const CamCompMove *last = &g_array_index (got, CamCompMove, 3);
  assert_float_equal (last->end[0], 20, 1e-12);
  assert_float_equal (last->end[1], -2, 1e-12);
  assert_float_equal (last->end[2], -2, 0);
  assert_int_equal (last->source_line, 4);
  /* after G40 the next move must be straight */
  const double e[3] = { 30, -10, -2 }, ctr[2] = { 20, -10 };
  assert_false (cam_gcode_comp_arc (c, TRUE, e, ctr, 1, 5, err, sizeof err));
  assert_string_equal (err, "The move just after exiting cutter compensation mode must be straight, not an arc");
  assert_true (cam_gcode_comp_line (c, FALSE, e, 5, err, sizeof err));
  assert_true (cam_gcode_comp_arc (c, TRUE, o, ctr, 1, 6, err, sizeof err));  /* then arcs again */
  /* a zero radius is a pass-through */
  assert_true (cam_gcode_comp_start (c, CAM_COMP_LEFT, 0.0, o, err, sizeof err));
  guint before = got->len;
  assert_true (cam_gcode_comp_line (c, FALSE, a, 7, err, sizeof err));
  assert_int_equal (got->len, before + 1);
  assert_float_equal (g_array_index (got, CamCompMove, before).end[1], 0, 0);
  assert_true (cam_gcode_comp_stop (c, err, sizeof err));
  cam_gcode_comp_free (c);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_entry_exit),
    cmocka_unit_test (test_convex),
    cmocka_unit_test (test_concave),
    cmocka_unit_test (test_line_arc),
    cmocka_unit_test (test_arc_line),
    cmocka_unit_test (test_arc_arc),
    cmocka_unit_test (test_small_arc),
    cmocka_unit_test (test_zmoves),
    cmocka_unit_test (test_entry_arc),
    cmocka_unit_test (test_incremental),
    cmocka_unit_test (test_tooltable),
    cmocka_unit_test (test_err_entry),
    cmocka_unit_test (test_err_arc_radius),
    cmocka_unit_test (test_err_gouge),
    cmocka_unit_test (test_err_arc_after_g40),
    cmocka_unit_test (test_exit_then_arc),
    cmocka_unit_test (test_api),
  };
  return cmocka_run_group_tests (tests, NULL, NULL);
}
