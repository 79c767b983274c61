/* test-cam-gcode-ngc.c — the RS274NGC language as LinuxCNC runs it: expressions and their
 * operators, numbered and named parameters with their scopes, O-word subroutines (arguments,
 * return values, files), if/elseif/else, while, do/while, repeat, break/continue, coordinate
 * systems (G10 L2/L20, G92 family, G53, G28 with stored home), full circles, and the bounds that
 * stop a runaway program. Each program is compared move by move with rs274 where rs274 can run
 * it from here (tests/rs274-check.h); the values the debug lines print were read off rs274. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>
#include <unistd.h>

#include "cam-gcode-expr.h"
#include "cam-gcode-reader.h"
#include "rs274-check.h"

static CamGcodeReader *
read_text (const char *text)
{
  CamGcodeReader *r = cam_gcode_reader_new (NULL);
  g_autoptr (GError) error = NULL;
  assert_true (cam_gcode_reader_parse (r, text, strlen (text), "test.ngc", NULL, NULL, NULL, &error));
  return r;
}

static void
assert_no_errors (const CamGcodeReader *r)
{
  if (r->errors->len > 0)
    {
      const CamDiagnostic *e = &g_array_index (r->errors, CamDiagnostic, 0);
      fail_msg ("line %u: %s", e->line, e->message);
    }
}

static void
assert_same_as_rs274 (const CamToolpath *tp, const char *text)
{
  RS274_REQUIRED ();
  g_autoptr (GError) error = NULL;
  char *path = NULL;
  int fd = g_file_open_tmp ("microcam-ngc-XXXXXX.ngc", &path, &error);
  assert_true (fd >= 0);
  close (fd);
  assert_true (g_file_set_contents (path, text, -1, &error));
  g_autofree char *diff = rs274_compare (tp, path);
  g_unlink (path);
  g_free (path);
  if (diff != NULL)
    fail_msg ("%s", diff);
}

static double
eval (const char *text)
{
  g_autoptr (CamGcodeParams) params = cam_gcode_params_new ();
  params->num[1] = 3;
  cam_gcode_params_set_named (params, "loc", 4);
  const char *p = text;
  double v = NAN;
  char err[120];
  if (!cam_gcode_expr_value (&p, text + strlen (text), params, &v, err, sizeof err))
    fail_msg ("%s: %s", text, err);
  return v;
}

static gboolean
eval_fails (const char *text, const char *word)
{
  g_autoptr (CamGcodeParams) params = cam_gcode_params_new ();
  const char *p = text;
  double v;
  char err[120];
  if (cam_gcode_expr_value (&p, text + strlen (text), params, &v, err, sizeof err))
    return FALSE;
  return strstr (err, word) != NULL;
}

/* The values rs274 prints for the same expressions ((debug, …) lines, LinuxCNC 2.9). */
static void
test_expressions_as_linuxcnc (void **state)
{
  (void) state;
  assert_float_equal (eval ("[5 MOD -3]"), 2, 0);
  assert_float_equal (eval ("[-5 MOD 3]"), 1, 0);   /* the divisor's sign, not C's */
  assert_float_equal (eval ("[1 EQ 1.00001]"), 1, 0); /* within 0.0001 */
  assert_float_equal (eval ("[1 NE 1.001]"), 1, 0);
  assert_float_equal (eval ("round[-2.5]"), -3, 0);
  assert_float_equal (eval ("[2**3**2]"), 64, 0);    /* left to right */
  assert_float_equal (eval ("[1+2*3-4/2]"), 5, 0);
  assert_float_equal (eval ("[1 lt 2 and 0]"), 0, 0); /* comparison binds tighter than AND */
  assert_float_equal (eval ("atan[1]/[-1]"), 135, 1e-12);
  assert_float_equal (eval ("fix[-2.5]"), -3, 0);
  assert_float_equal (eval ("fup[-2.5]"), -2, 0);
  assert_float_equal (eval ("SIN[30]"), 0.5, 1e-12);
  assert_float_equal (eval ("[sqrt[16] + abs[-2] + exp[0] + ln[1]]"), 7, 1e-12);
  assert_float_equal (eval ("-#1"), -3, 0);
  assert_float_equal (eval ("#[#1 - 2]"), 3, 0);   /* #[1] */
  assert_float_equal (eval ("[#<LOC> * 2]"), 8, 0);   /* names in any case, blanks dropped */
  assert_float_equal (eval ("[#< l o c > XOR 0]"), 1, 0);
  assert_float_equal (eval ("exists[#<loc>]"), 1, 0);
  assert_float_equal (eval ("exists[#<nothere>]"), 0, 0);
  assert_float_equal (eval ("[ 1 . 5 + 1 ]"), 2.5, 0);
  assert_true (eval_fails ("[1/0]", "zero"));
  assert_true (eval_fails ("sqrt[-1]", "negative"));
  assert_true (eval_fails ("acos[2]", "-1 to 1"));
  assert_true (eval_fails ("#<nothere>", "not defined"));
  assert_true (eval_fails ("[1 + 2", "']'"));
  assert_true (eval_fails ("foo[1]", "unknown"));
  assert_true (eval_fails ("#6000", "out of range"));
  /* nesting is bounded: no stack to exhaust */
  GString *deep = g_string_new (NULL);
  for (int i = 0; i < 10000; i++)
    g_string_append_c (deep, '[');
  assert_true (eval_fails (deep->str, "deep"));
  g_string_free (deep, TRUE);
}

/* #1–#30 are a call's arguments (the rest 0 inside, restored after); settings on a line are
 * made after it is read; subroutines return values; a call may come before its definition. */
static void
test_parameters_and_subroutines (void **state)
{
  (void) state;
  const char *prog = "G21 G90 F100\n"
                     "#5 = 7 #1 = 1\n"
                     "o<later> call [3] [4]\n"              /* defined further on */
                     "G1 X#<_value> Y#5\n"                  /* 3*4+#5(0 inside) = 12; #5 back to 7 */
                     "#1 = 9 #2 = #1\n"                     /* #2 takes #1 as it was: 1 */
                     "G1 X#1 Y#2\n"
                     "o100 sub\n"
                     "  #<depth> = [#1 - 1]\n"
                     "  G1 Z-#1\n"
                     "  o101 if [#<depth> GT 0]\n"
                     "    o100 call [#<depth>]\n"            /* recursion, locals per call */
                     "  o101 endif\n"
                     "  G1 Z[#<depth> * 0.1]\n"
                     "o100 endsub\n"
                     "o100 call [3]\n"
                     "M2\n"
                     "o<later> sub\n"
                     "  o<later> return [#1 * #2 + #5]\n"
                     "o<later> endsub\n";
  g_autoptr (CamGcodeReader) r = read_text (prog);
  assert_no_errors (r);
  CamToolpath *tp = r->toolpath;
  assert_float_equal (cam_toolpath_move (tp, 0)->x, 12, 0);
  assert_float_equal (cam_toolpath_move (tp, 0)->y, 7, 0);
  assert_float_equal (cam_toolpath_move (tp, 1)->x, 9, 0);
  assert_float_equal (cam_toolpath_move (tp, 1)->y, 1, 0);
  /* Z-3 Z-2 Z-1 then back out Z0 Z0.1 Z0.2 */
  const double z[] = { -3, -2, -1, 0, 0.1, 0.2 };
  assert_int_equal (tp->moves->len, 2 + G_N_ELEMENTS (z));
  for (guint i = 0; i < G_N_ELEMENTS (z); i++)
    assert_float_equal (cam_toolpath_move (tp, 2 + i)->z, z[i], 1e-12);
  /* the moves of a subroutine carry its own lines; the line → move index still finds them */
  assert_int_equal (cam_toolpath_move (tp, 2)->source_line, 9);
  assert_int_equal (cam_gcode_reader_find_line (r, 9), 2);
  assert_int_equal (cam_gcode_reader_find_line (r, 4), 0);
  assert_same_as_rs274 (tp, prog);
}

static void
test_loops_and_branches (void **state)
{
  (void) state;
  const char *prog = "G21 G90 F100\n"
                     "#<i> = 5\n"
                     "o1 while [#<i> GT 0]\n"
                     "  #<i> = [#<i> - 1]\n"
                     "  o2 if [#<i> EQ 2]\n"
                     "    o1 continue\n"
                     "  o2 elseif [#<i> EQ 1]\n"
                     "    G1 Y1\n"
                     "  o2 else\n"
                     "    G1 X#<i>\n"
                     "  o2 endif\n"
                     "o1 endwhile\n"
                     "o3 repeat [3]\n"
                     "  G91 G1 Z-0.5\n"
                     "o3 endrepeat\n"
                     "G90\n"
                     "o4 do\n"
                     "  G1 X10\n"                        /* a do runs once even when false */
                     "o4 while [0]\n"
                     "#<n> = 0\n"
                     "o5 while [1]\n"
                     "  #<n> = [#<n> + 1]\n"
                     "  o6 if [#<n> GE 4]\n"
                     "    o5 break\n"
                     "  o6 endif\n"
                     "  G1 Y[#<n> * 2]\n"
                     "o5 endwhile\n"
                     "M2\n";
  g_autoptr (CamGcodeReader) r = read_text (prog);
  assert_no_errors (r);
  CamToolpath *tp = r->toolpath;
  /* X4 X3 (2: continue) Y1 X0, three Z steps, X10, Y2 Y4 Y6 */
  const double want[][3] = { { 4, 0, 0 }, { 3, 0, 0 }, { 3, 1, 0 }, { 0, 1, 0 }, { 0, 1, -0.5 }, { 0, 1, -1 },
                             { 0, 1, -1.5 }, { 10, 1, -1.5 }, { 10, 2, -1.5 }, { 10, 4, -1.5 }, { 10, 6, -1.5 } };
  assert_int_equal (tp->moves->len, G_N_ELEMENTS (want));
  for (guint i = 0; i < G_N_ELEMENTS (want); i++)
    {
      const CamMove *m = cam_toolpath_move (tp, i);
      assert_float_equal (m->x, want[i][0], 1e-12);
      assert_float_equal (m->y, want[i][1], 1e-12);
      assert_float_equal (m->z, want[i][2], 1e-12);
    }
  assert_same_as_rs274 (tp, prog);
}

/* A subroutine in its own file, found in the calling program's folder, with a return value. */
static void
test_subroutine_file (void **state)
{
  (void) state;
  g_autofree char *path = g_build_filename (TEST_DATA_DIR, "gcode-ngc", "calls-file.ngc", NULL);
  g_autoptr (CamGcodeReader) r = cam_gcode_reader_new (NULL);
  assert_true (cam_gcode_reader_read_file (r, path, NULL, NULL, NULL, NULL));
  assert_no_errors (r);
  /* rs274 (run in that folder): traverse to X10, feed X12, CCW arc to X8 about X10, feed Y20 */
  CamToolpath *tp = r->toolpath;
  assert_int_equal (tp->moves->len, 4);
  assert_float_equal (cam_toolpath_move (tp, 1)->x, 12, 1e-12);
  assert_int_equal (cam_toolpath_move (tp, 2)->type, CAM_MOVE_ARC_CCW);
  assert_float_equal (cam_toolpath_move (tp, 2)->cx, 10, 1e-12);
  assert_float_equal (cam_toolpath_move (tp, 3)->y, 20, 1e-12);
  /* the file's moves are the call's line in the main program */
  assert_int_equal (cam_toolpath_move (tp, 1)->source_line, 3);
  /* a call to a subroutine that is nowhere names what was looked for */
  g_autoptr (CamGcodeReader) m = read_text ("o<nowhere> call\nM2\n");
  assert_int_equal (m->errors->len, 1);
  assert_non_null (strstr (g_array_index (m->errors, CamDiagnostic, 0).message, "nowhere.ngc"));
}

/* Moves land on the machine through the coordinate system in use: G10 L2/L20, G92 and its
 * resets, G53, G28 to a stored home, G54–G59.3 switches (rs274: the same program). */
static void
test_coordinate_systems (void **state)
{
  (void) state;
  const char *prog = "G21 G90 F100\n"
                     "G0 X10 Y0 Z0\n"
                     "G92 X0\n"                  /* here reads X0 */
                     "G0 X1\n"                   /* machine X11 */
                     "G92.1\n"
                     "G10 L2 P2 X5 Y5 Z1\n"
                     "G55 G0 X1 Y1\n"            /* machine (6, 6, z) */
                     "G10 L20 P2 X0\n"           /* here reads X0 in G55 */
                     "G0 X2\n"
                     "G53 G0 X0 Y0\n"            /* machine (0, 0) */
                     "G54 G0 X3 Y3 Z3\n"
                     "G28.1\n"                    /* home stored here */
                     "G0 X0 Y0 Z0\n"
                     "G28\n"                      /* back to (3, 3, 3) */
                     "G92 X1 Y1\n"
                     "G92.2\n"                    /* off, values kept */
                     "G0 X0 Y0\n"
                     "G92.3\n"                    /* back on */
                     "G0 X0 Y0\n"
                     "#<_gx> = #5211\n"
                     "G1 X[#<_gx> - #5211] Y#5420\n"
                     "M2\n";
  g_autoptr (CamGcodeReader) r = read_text (prog);
  assert_no_errors (r);
  CamToolpath *tp = r->toolpath;
  assert_float_equal (cam_toolpath_move (tp, 1)->x, 11, 1e-12);
  assert_float_equal (cam_toolpath_move (tp, 2)->x, 6, 1e-12);
  assert_float_equal (cam_toolpath_move (tp, 2)->y, 6, 1e-12);
  assert_float_equal (cam_toolpath_move (tp, 3)->x, 8, 1e-12);
  assert_float_equal (cam_toolpath_move (tp, 4)->x, 0, 1e-12);
  assert_float_equal (cam_toolpath_move (tp, 6)->x, 0, 1e-12);
  assert_float_equal (cam_toolpath_move (tp, 7)->z, 3, 1e-12);
  assert_float_equal (cam_toolpath_move (tp, 7)->x, 3, 1e-12);
  /* rs274's canonical moves are in program coordinates (offsets given apart), so the move-by-move
   * comparison does not apply; its rapid length in machine terms is 53.4698 mm
   * (rs274-lengths.sh, which adds the offsets back), as here */
  CamToolpathStats st;
  cam_toolpath_stats (tp, NULL, -1, &st);
  assert_float_equal (st.rapid_length_mm, 53.4698, 1e-4);
  /* #5420–#5422 are where the tool is when the line is read */
  const char *pos = "G21 G90 F100\nG0 X3 Y4\nG1 X#5421 Y#5420\nG1 X[#5420 + 1]\nM2\n";
  g_autoptr (CamGcodeReader) pr = read_text (pos);
  assert_no_errors (pr);
  assert_float_equal (cam_toolpath_move (pr->toolpath, 1)->x, 4, 0);
  assert_float_equal (cam_toolpath_move (pr->toolpath, 1)->y, 3, 0);
  assert_float_equal (cam_toolpath_move (pr->toolpath, 2)->x, 5, 0);
  assert_same_as_rs274 (pr->toolpath, pos);
}

/* G2 with I J and no axis words is a full circle; two codes of one group are an error. */
static void
test_full_circle_and_groups (void **state)
{
  (void) state;
  const char *prog = "G21 G90 F100\nG0 X1 Y0\nG2 I-1 J0\nG3 I-1\nM2\n";
  g_autoptr (CamGcodeReader) r = read_text (prog);
  assert_no_errors (r);
  assert_int_equal (r->toolpath->moves->len, 3);
  assert_int_equal (cam_toolpath_move (r->toolpath, 1)->type, CAM_MOVE_ARC_CW);
  assert_same_as_rs274 (r->toolpath, prog);
  g_autoptr (CamGcodeReader) g = read_text ("G0 G1 X1 F10\nG90 G91 X1\nG20 G21\n");
  assert_int_equal (g->errors->len, 3);
}

/* Cutter compensation is run, not ignored: the tool centre the review sees is the compensated
 * path, corner arcs and concave intersections as rs274 makes them (cam-gcode-comp.c). */
static void
test_cutter_compensation_is_run (void **state)
{
  (void) state;
  const char *prog = "G21 G90 G17 F100\n"
                     "G0 X-5 Y-5 Z0\n"
                     "G41.1 D1\n"                 /* Ø1: 0.5 to the left */
                     "G1 X0 Y0\n"                 /* entry */
                     "G1 X10\n"
                     "G1 Y10\n"                   /* convex corners: arcs */
                     "G1 X5\n"
                     "G1 Y5\n"                    /* concave corner: intersection */
                     "G1 X0\n"
                     "G1 Y0\n"
                     "G40\n"
                     "G0 X-5 Y-5\n"
                     "M2\n";
  g_autoptr (CamGcodeReader) r = read_text (prog);
  assert_no_errors (r);
  CamToolpath *tp = r->toolpath;
  assert_same_as_rs274 (tp, prog);
  /* the first cut runs 0.5 left of its X+ travel: at Y 0.5, not on the programmed Y0 */
  assert_float_equal (cam_toolpath_move (tp, 2)->y, 0.5, 1e-9);
  gboolean corner_arc = FALSE;
  g_autoptr (CamGcodeReader) right = read_text ("G21 G90 F100\nG0 X-5 Y-5\nG42.1 D1\nG1 X0 Y0\nG1 X10\nG1 Y10\n"
                                                "G40\nG0 X20\nM2\n");
  assert_no_errors (right);
  corner_arc = FALSE;
  for (guint i = 0; i < right->toolpath->moves->len; i++)
    corner_arc |= cam_toolpath_move (right->toolpath, i)->type == CAM_MOVE_ARC_CCW;
  assert_true (corner_arc); /* outside corner: the tool goes round it */
  assert_same_as_rs274 (right->toolpath, "G21 G90 F100\nG0 X-5 Y-5\nG42.1 D1\nG1 X0 Y0\nG1 X10\nG1 Y10\n"
                                         "G40\nG0 X20\nM2\n");
  /* an entry shorter than the radius is rs274's error */
  g_autoptr (CamGcodeReader) shortentry = read_text ("G21 F100\nG0 X0 Y0\nG41.1 D4\nG1 X1\nG1 X10\nG40\nM2\n");
  assert_true (shortentry->errors->len >= 1);
  assert_non_null (strstr (g_array_index (shortentry->errors, CamDiagnostic, 0).message, "entry move"));
}

/* Fanuc subprograms (M98 P L … M99, after the main program's end) and canned cycles in the
 * G18/G19 planes (drilling along Y / X), move by move as rs274 runs them. */
static void
test_fanuc_subprograms_and_plane_cycles (void **state)
{
  (void) state;
  const char *fanuc = "G21 F40\nG90 G0 X0 Y0 Z6\nM98 P1 L3\nM30\n"
                      "O1\nG91 G0 X25\nG90 G99 G81 Z-25 R6\nM99\n";
  g_autoptr (CamGcodeReader) r = read_text (fanuc);
  assert_no_errors (r);
  assert_same_as_rs274 (r->toolpath, fanuc);
  const char *planes = "G21 G90 F100\nG18 G98\nG0 X0 Y50 Z0\nG81 X25 Z25 Y-25 R25\nG81 X25 Z50 Y12 R75\n"
                       "G91 G83 X10 Z10 Y-20 R-10 Q7 L2\nG80 G90\nG19 G99\nG0 X50 Y0 Z0\nG82 Y5 Z5 X-25 R25 P0.5\n"
                       "G80\nM2\n";
  g_autoptr (CamGcodeReader) p = read_text (planes);
  assert_no_errors (p);
  assert_same_as_rs274 (p->toolpath, planes);
}

/* A program that never ends, or recurses for ever, is stopped with an error naming the line. */
static void
test_runaway_programs_are_bounded (void **state)
{
  (void) state;
  g_autoptr (CamGcodeReader) rec = read_text ("o1 sub\no1 call\no1 endsub\no1 call\nM2\n");
  assert_true (rec->errors->len >= 1);
  assert_non_null (strstr (g_array_index (rec->errors, CamDiagnostic, 0).message, "nested"));
  g_autoptr (CamGcodeReader) open_if = read_text ("o1 if [0]\nG0 X1\nM2\n");
  assert_int_equal (open_if->errors->len, 1);
  assert_non_null (strstr (g_array_index (open_if->errors, CamDiagnostic, 0).message, "endif"));
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_expressions_as_linuxcnc),
    cmocka_unit_test (test_parameters_and_subroutines),
    cmocka_unit_test (test_loops_and_branches),
    cmocka_unit_test (test_subroutine_file),
    cmocka_unit_test (test_coordinate_systems),
    cmocka_unit_test (test_full_circle_and_groups),
    cmocka_unit_test (test_cutter_compensation_is_run),
    cmocka_unit_test (test_fanuc_subprograms_and_plane_cycles),
    cmocka_unit_test (test_runaway_programs_are_bounded),
  };
  return cmocka_run_group_tests (tests, NULL, NULL);
}
