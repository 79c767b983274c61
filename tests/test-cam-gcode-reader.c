/* test-cam-gcode-reader.c — G-code import: arcs (IJ, R, turns, G18), G91, G20, canned cycles
 * checked move by move against LinuxCNC's rs274, errors with line numbers, warnings not fatal,
 * cancellation, and the physics review. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>
#include <unistd.h>

#include "cam-error.h"
#include "cam-gcode-reader.h"
#include "cam-gcode-review.h"
#include "cam-library.h"
#include "rs274-check.h"

static CamGcodeReader *
read_text (const char *text)
{
  CamGcodeReader *r = cam_gcode_reader_new (NULL);
  g_autoptr (GError) error = NULL;
  assert_true (cam_gcode_reader_parse (r, text, strlen (text), "test.ngc", NULL, NULL, NULL, &error));
  assert_null (error);
  return r;
}

static double
total_length (const CamToolpath *tp, gboolean cut)
{
  CamToolpathStats st;
  cam_toolpath_stats (tp, NULL, -1, &st);
  return cut ? st.cut_length_mm : st.rapid_length_mm;
}

/* Writes text to a temp file and returns the path (free with g_free, unlink). */
static char *
write_temp (const char *text)
{
  g_autoptr (GError) error = NULL;
  char *path = NULL;
  int fd = g_file_open_tmp ("microcam-gcode-XXXXXX.ngc", &path, &error);
  assert_true (fd >= 0);
  close (fd);
  assert_true (g_file_set_contents (path, text, -1, &error));
  return path;
}

/* The toolpath as the controller moves: cycles expanded and each G98 retract that the
 * reader completed with an extra rapid (CAM_GCODE_MOVE_FLAG_RETRACT) made one move again. */
static CamToolpath *
controller_path (const CamToolpath *tp)
{
  CamToolpath *ex = cam_toolpath_expand_cycles (tp);
  guint w = 0;
  for (guint i = 0; i < ex->moves->len; i++)
    {
      CamMove m = g_array_index (ex->moves, CamMove, i);
      if ((m.flags & CAM_GCODE_MOVE_FLAG_RETRACT) && w > 0)
        {
          CamMove *prev = &g_array_index (ex->moves, CamMove, w - 1);
          assert_int_equal (prev->type, CAM_MOVE_RAPID);
          assert_float_equal (prev->x, m.x, 0);
          assert_float_equal (prev->y, m.y, 0);
          prev->z = m.z;
          continue;
        }
      g_array_index (ex->moves, CamMove, w++) = m;
    }
  g_array_set_size (ex->moves, w);
  return ex;
}

static void
assert_same_as_rs274 (const CamToolpath *tp, const char *text)
{
  RS274_REQUIRED ();
  g_autofree char *path = write_temp (text);
  g_autoptr (CamToolpath) cp = controller_path (tp);
  g_autofree char *diff = rs274_compare (cp, path);
  g_unlink (path);
  if (diff != NULL)
    fail_msg ("%s", diff);
}

static void
test_arc_ij_and_r_lengths (void **state)
{
  (void) state;
  /* quarter circle r=1 by IJ, then 90° by R+ and 270° by R-, all on the same circle */
  const char *prog = "G21 G90 G17 F100\n"
                     "G0 X1 Y0 Z0\n"
                     "G3 X0 Y1 I-1 J0\n"       /* 90° ccw, length π/2 */
                     "G3 X-1 Y0 R1\n"          /* short arc: 90° */
                     "G3 X0 Y1 R-1\n"          /* long arc: 270° */
                     "G2 X0 Y1 I0 J-1 P2\n"    /* two full turns cw: 4π */
                     "M2\n";
  g_autoptr (CamGcodeReader) r = read_text (prog);
  assert_int_equal (r->errors->len, 0);
  CamToolpath *tp = r->toolpath;
  assert_int_equal (tp->moves->len, 5);
  double s[3];
  cam_toolpath_move_start (tp, 1, s);
  assert_float_equal (cam_move_length (cam_toolpath_move (tp, 1), s), G_PI / 2, 1e-9);
  cam_toolpath_move_start (tp, 2, s);
  assert_float_equal (cam_move_length (cam_toolpath_move (tp, 2), s), G_PI / 2, 1e-9);
  CamMove *m2 = cam_toolpath_move (tp, 2);
  assert_float_equal (m2->cx, 0, 1e-9);
  assert_float_equal (m2->cy, 0, 1e-9);
  cam_toolpath_move_start (tp, 3, s);
  assert_float_equal (cam_move_length (cam_toolpath_move (tp, 3), s), 3 * G_PI / 2, 1e-9);
  cam_toolpath_move_start (tp, 4, s);
  assert_float_equal (cam_move_length (cam_toolpath_move (tp, 4), s), 4 * G_PI, 1e-9);
  assert_float_equal (total_length (tp, TRUE), G_PI / 2 + G_PI / 2 + 3 * G_PI / 2 + 4 * G_PI, 1e-9);
  /* every move knows its line */
  assert_int_equal (cam_toolpath_move (tp, 0)->source_line, 2);
  assert_int_equal (cam_toolpath_move (tp, 4)->source_line, 6);
  /* line ↔ move, as a viewer selects them */
  assert_int_equal (cam_gcode_reader_find_line (r, 4), 2);
  assert_int_equal (cam_gcode_reader_find_line (r, 1), -1);   /* no motion on line 1 */
  assert_int_equal (cam_gcode_reader_find_line (r, 7), -1);
  assert_int_equal (cam_gcode_reader_find_line (r, 99), -1);
  assert_same_as_rs274 (tp, prog);
}

static void
test_arc_r_cw_centre_side (void **state)
{
  (void) state;
  /* G2 from (0,0) to (2,0) with R2: the short arc bulges up, centre below the chord */
  g_autoptr (CamGcodeReader) r = read_text ("G90 G0 X0 Y0\nG2 X2 Y0 R2 F50\nG2 X0 Y0 R-2\n");
  assert_int_equal (r->errors->len, 0);
  CamMove *a = cam_toolpath_move (r->toolpath, 1);
  assert_float_equal (a->cx, 1, 1e-12);
  assert_float_equal (a->cy, -sqrt (3), 1e-12);
  CamMove *b = cam_toolpath_move (r->toolpath, 2);
  double s[3];
  cam_toolpath_move_start (r->toolpath, 2, s);
  assert_true (fabs (cam_move_arc_sweep (b, s)) > G_PI);
}

static void
test_full_circle_with_r_is_an_error (void **state)
{
  (void) state;
  g_autoptr (CamGcodeReader) r = read_text ("G21 G90\nG0 X1 Y0\nF100\nG2 X1 Y0 R1\nG1 X2\n");
  assert_int_equal (r->errors->len, 1);
  const CamDiagnostic *e = &g_array_index (r->errors, CamDiagnostic, 0);
  assert_int_equal (e->line, 4);
  assert_non_null (strstr (e->message, "full circle"));
  /* the reading went on: the G1 after it is there */
  assert_int_equal (r->toolpath->moves->len, 2);
  g_autofree char *first = cam_gcode_reader_first_error (r);
  assert_string_equal (first, "test.ngc:4: G2 with R and the end at the start: a full circle needs its centre (I, J), not R");
}

static void
test_errors_name_the_line (void **state)
{
  (void) state;
  const char *prog = "G21 G90\n"            /* 1 */
                     "G0 X0 Y0 Z1\n"        /* 2 */
                     "G1 X1\n"              /* 3 no feed */
                     "G1 X1 X2 F10\n"       /* 4 X twice */
                     "G1 X1 (unclosed\n"    /* 5 */
                     "G2 X3 Y0 I5 J5 F10\n" /* 6 radius mismatch */
                     "G81 X1 Y1 Z-1\n"      /* 7 no R */
                     "G83 X1 Y1 Z-1 R1\n"   /* 8 no Q */
                     "G80 X1\n"             /* 9 axis words with G80 */
                     "G1 X#<nowhere>\n"     /* 10 a named parameter never set */
                     "G1 X5 $\n"            /* 11 bad character */
                     "G82 X1 Y1 Z2 R1 P1\n";/* 12 R below Z */
  g_autoptr (CamGcodeReader) r = read_text (prog);
  const guint want_lines[] = { 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 };
  const char *want_words[] = { "feed", "twice", "comment", "radius", "R", "Q", "G80", "not defined",
                               "unexpected character", "below" };
  assert_int_equal (r->errors->len, G_N_ELEMENTS (want_lines));
  for (guint i = 0; i < G_N_ELEMENTS (want_lines); i++)
    {
      const CamDiagnostic *e = &g_array_index (r->errors, CamDiagnostic, i);
      assert_int_equal (e->line, want_lines[i]);
      if (strstr (e->message, want_words[i]) == NULL)
        fail_msg ("line %u: '%s' does not mention '%s'", e->line, e->message, want_words[i]);
    }
  assert_int_equal (r->n_errors, G_N_ELEMENTS (want_lines));
}

/* Axes microcam does not review are warnings; codes and words LinuxCNC rejects are errors, as
 * rs274 gives them (an unknown G- or M-code, a word no code on the line uses). */
static void
test_unknown_words_are_warnings (void **state)
{
  (void) state;
  const char *prog = "G21 G90 F100\n"
                     "G0 X0 Y0 Z0 A10\n"   /* 2 rotary axis: warned */
                     "G1 X1 E0.5\n"        /* 3 E with no G76 or M66: error */
                     "G12 G1 X2\n"         /* 4 unknown G: error */
                     "M123\n"              /* 5 unknown M: error */
                     "G41 D1 G1 X3\n"      /* 6 cutter compensation: warned */
                     "G1 X4 I5\n"          /* 7 I with no G2/G3: error */
                     "G1 X4\n";
  g_autoptr (CamGcodeReader) r = read_text (prog);
  const guint err_lines[] = { 3, 4, 5, 7 };
  const char *err_words[] = { "E word", "G12", "M123", "I word" };
  assert_int_equal (r->errors->len, G_N_ELEMENTS (err_lines));
  for (guint i = 0; i < G_N_ELEMENTS (err_lines); i++)
    {
      const CamDiagnostic *e = &g_array_index (r->errors, CamDiagnostic, i);
      assert_int_equal (e->line, err_lines[i]);
      if (strstr (e->message, err_words[i]) == NULL)
        fail_msg ("line %u: '%s' does not mention '%s'", e->line, e->message, err_words[i]);
    }
  assert_int_equal (r->warnings->len, 2);
  assert_int_equal (g_array_index (r->warnings, CamDiagnostic, 0).line, 2);
  assert_int_equal (g_array_index (r->warnings, CamDiagnostic, 1).line, 6);
  /* the other lines' motion is read */
  assert_int_equal (r->toolpath->moves->len, 3);
  assert_float_equal (cam_toolpath_move (r->toolpath, 2)->x, 4, 0);
}

static void
test_incremental_g91 (void **state)
{
  (void) state;
  const char *prog = "G21 G90 G0 X1 Y1 Z1\nG91\nG1 X0.5 Y0.25 F60\nG1 Z-2\nG2 X1 Y0 I0.5 J0\nG90 G1 X0\nM2\n";
  g_autoptr (CamGcodeReader) r = read_text (prog);
  assert_int_equal (r->errors->len, 0);
  CamMove *m = cam_toolpath_move (r->toolpath, 1);
  assert_float_equal (m->x, 1.5, 1e-12);
  assert_float_equal (m->y, 1.25, 1e-12);
  assert_float_equal (cam_toolpath_move (r->toolpath, 2)->z, -1, 1e-12);
  CamMove *a = cam_toolpath_move (r->toolpath, 3);
  assert_float_equal (a->x, 2.5, 1e-12);
  assert_float_equal (a->cx, 2.0, 1e-12);
  assert_float_equal (a->cy, 1.25, 1e-12);
  assert_float_equal (cam_toolpath_move (r->toolpath, 4)->x, 0, 0);
  assert_same_as_rs274 (r->toolpath, prog);
}

static void
test_inch_g20 (void **state)
{
  (void) state;
  const char *prog = "G20 G90\nG0 X1 Y0 Z0.1\nG1 Z-0.01 F2\nG3 X0 Y1 I-1 J0\nG21\nG1 X0 Y0\nM2\n";
  g_autoptr (CamGcodeReader) r = read_text (prog);
  assert_int_equal (r->errors->len, 0);
  CamMove *m = cam_toolpath_move (r->toolpath, 0);
  assert_float_equal (m->x, 25.4, 1e-12);
  assert_float_equal (m->z, 2.54, 1e-12);
  CamMove *f = cam_toolpath_move (r->toolpath, 1);
  assert_float_equal (f->feed_mm_min, 2 * 25.4, 1e-5);
  double s[3];
  cam_toolpath_move_start (r->toolpath, 2, s);
  assert_float_equal (cam_move_length (cam_toolpath_move (r->toolpath, 2), s), 25.4 * G_PI / 2, 1e-9);
  /* after G21 the same F10 → 2 mm/min: F keeps its number, the units change */
  CamMove *g = cam_toolpath_move (r->toolpath, 3);
  assert_float_equal (g->feed_mm_min, 2, 1e-6);
  /* (rs274 writes inches here: tests/cli/test-cli-check.sh compares this in mm) */
}

static void
test_canned_cycles_like_rs274 (void **state)
{
  (void) state;
  const char *prog = "G21 G90 G17\n"
                     "G0 X0 Y0 Z2\n"
                     "G98 G81 X1 Y1 Z-0.5 R0.2 F30\n"   /* 3 */
                     "X2\n"                            /* 4: sticky Z R */
                     "G99 G82 X3 Y1 Z-0.4 R0.3 P0.5\n" /* 5 */
                     "G98 G83 X1 Y2 Z-1 R0.1 Q0.3\n"   /* 6: pecks with full retract */
                     "G99 G73 X2 Y2 Z-0.9 R0.1 Q0.25\n"/* 7: chip breaking */
                     "G98 G81 X3 Y2 Z-0.5 R0.1\n"       /* 8: at R after G99: in at Z2 */
                     "G0 Z2\n"                          /* 9: ends the series */
                     "G91 G81 X0.5 Y0 Z-0.6 R-0.1 L3\n"/* 10: three holes in incremental */
                     "G90 G80\n"
                     "G0 Z2\n"
                     "M30\n";
  g_autoptr (CamGcodeReader) r = read_text (prog);
  assert_int_equal (r->errors->len, 0);
  CamToolpath *tp = r->toolpath;
  /* 1 rapid + 2 G81 + 1 G82 + 1 G83 (+ its G98 lift back to Z2, where the series began,
   * from the G82's R plane) + 1 G73 + (entry at Z2 +) 1 G81 + 1 rapid + 3 repeats + 1 rapid */
  assert_int_equal (tp->moves->len, 14);
  CamMove *entry = cam_toolpath_move (tp, 7);
  assert_true (entry->flags & CAM_GCODE_MOVE_FLAG_ENTRY);
  assert_float_equal (entry->x, 3, 0);
  assert_float_equal (entry->z, 2, 0);
  CamMove *lift = cam_toolpath_move (tp, 5);
  assert_true (lift->flags & CAM_GCODE_MOVE_FLAG_RETRACT);
  assert_float_equal (lift->z, 2, 0);
  CamMove *c = cam_toolpath_move (tp, 2);
  assert_int_equal (c->type, CAM_MOVE_CYCLE);
  assert_int_equal (c->source_line, 4);
  assert_float_equal (c->z, -0.5, 0);
  assert_float_equal (c->r_z, 0.2, 0);
  CamMove *peck = cam_toolpath_move (tp, 4);
  assert_int_equal (peck->cycle, CAM_CYCLE_PECK);
  assert_float_equal (peck->q_mm, 0.3, 1e-12);
  /* incremental: R from the Z the cycle series began at (Z2), Z from R, X repeated */
  CamMove *inc = cam_toolpath_move (tp, 10);
  assert_int_equal (inc->source_line, 10);
  assert_float_equal (inc->r_z, 1.9, 1e-12);
  assert_float_equal (inc->z, 1.3, 1e-12);
  assert_float_equal (inc->x, 3.5, 1e-12);
  assert_float_equal (cam_toolpath_move (tp, 12)->x, 4.5, 1e-12);
  /* expansion: G83 from R0.1 to Z-1 in 0.3 pecks → feeds at -0.2, -0.5, -0.8, -1 */
  g_autoptr (CamToolpath) ex = cam_toolpath_expand_cycles (tp);
  guint feeds = 0;
  double deepest = 0;
  for (guint i = 0; i < ex->moves->len; i++)
    {
      const CamMove *m = cam_toolpath_move (ex, i);
      if (m->source_line == 6 && m->type == CAM_MOVE_FEED)
        feeds++, deepest = MIN (deepest, m->z);
    }
  assert_int_equal (feeds, 4);
  assert_float_equal (deepest, -1, 1e-12);
  assert_same_as_rs274 (tp, prog);
}

static void
test_g18_arc_as_chords (void **state)
{
  (void) state;
  /* half circle r=2 in XZ: true length 2π, chords of 1° */
  g_autoptr (CamGcodeReader) r = read_text ("G21 G90 G0 X0 Y0 Z0\nG18 G2 X4 Z0 I2 K0 F50\nG17\n");
  assert_int_equal (r->errors->len, 0);
  double len = total_length (r->toolpath, TRUE);
  assert_float_equal (len, 2 * G_PI, 2 * G_PI * 1.3e-5);
  guint n = r->toolpath->moves->len;
  assert_int_equal (n, 1 + 180);
  assert_int_equal (cam_gcode_reader_find_line (r, 2), 1);  /* the first chord */
  for (guint i = 1; i < n; i++)
    {
      const CamMove *m = cam_toolpath_move (r->toolpath, i);
      assert_int_equal (m->source_line, 2);
      assert_true (m->flags & CAM_GCODE_MOVE_FLAG_CHORD);
      assert_float_equal (hypot (m->x - 2, m->z), 2, 1e-9);
      assert_float_equal (m->y, 0, 0);
    }
  /* G2 in G18 is clockwise in the (Z, X) frame, seen from +Y: from X0 to X4 around X2 it
   * passes Z = -2 (rs274: ARC_FEED(0, 4, 0, 2, -1, …) in CANON_PLANE_XZ) */
  assert_true (cam_toolpath_move (r->toolpath, n / 2)->z < -1.9);
}

/* The "(T2: ID …)" header microcam's posts write gives each T number its library id; only
 * the comments before the program's first word count, and other comments are not tools. */
static void
test_header_names_the_tools (void **state)
{
  (void) state;
  g_autoptr (CamGcodeReader) r = read_text ("%\n"
                                            "(microcam 0.1.0 - LinuxCNC RS274/NGC)\n"
                                            "(T1: spot-0.5-90 spot \xc3\x98" "0.500 z2)\n"
                                            "\n"
                                            "  ( t12:em-flat-0.2-r1)  \n"
                                            "(T3 em-flat-2 no colon)\n"
                                            "(T4: )\n"
                                            "(T5: drill-0.3) G0 X1\n"
                                            "G21 G90\n"
                                            "(T6: em-flat-1 in the body)\n"
                                            "T1 M6\nG0 X1\n");
  assert_int_equal (r->header_tools->len, 2);
  const CamGcodeHeaderTool *t1 = cam_gcode_reader_header_tool (r, 1);
  assert_non_null (t1);
  assert_string_equal (t1->tool_id, "spot-0.5-90");
  assert_int_equal (t1->line, 3);
  const CamGcodeHeaderTool *t12 = cam_gcode_reader_header_tool (r, 12);
  assert_non_null (t12);
  assert_string_equal (t12->tool_id, "em-flat-0.2-r1");
  assert_int_equal (t12->line, 5);
  for (guint n = 3; n <= 6; n++)
    assert_null (cam_gcode_reader_header_tool (r, n));
  /* the header is comments only: the program reads as without it */
  assert_int_equal (r->errors->len, 0);
  assert_int_equal (r->toolpath->moves->len, 2);
}

static void
test_comments_numbers_percent_and_end (void **state)
{
  (void) state;
  const char *prog = "%\n"
                     "O1234 (program number)\n"
                     "N10 g21 g90 (lower case and a comment) ; and another\n"
                     "n20 G0 x 1 . 5 y-2 z1\n"       /* spaces inside numbers */
                     "/N30 G0 X9\n"                   /* block delete: run unless the switch is on */
                     "o100 sub\n"                     /* a subroutine never called: skipped */
                     "G0 X50\n"
                     "o100 endsub\n"
                     "M30\n"
                     "G0 X99\n"                       /* after the end: never read */
                     "%\n";
  g_autoptr (CamGcodeReader) r = read_text (prog);
  assert_int_equal (r->errors->len, 0);
  assert_int_equal (r->warnings->len, 0);
  assert_int_equal (r->toolpath->moves->len, 2);
  assert_float_equal (cam_toolpath_move (r->toolpath, 0)->x, 1.5, 0);
  assert_float_equal (cam_toolpath_move (r->toolpath, 0)->y, -2, 0);
  assert_true (r->ended);
  assert_int_equal (r->n_lines, 9);

  CamGcodeReaderOptions opt = { .block_delete = TRUE };
  g_autoptr (CamGcodeReader) r2 = cam_gcode_reader_new (&opt);
  assert_true (cam_gcode_reader_parse (r2, prog, strlen (prog), "t.ngc", NULL, NULL, NULL, NULL));
  assert_int_equal (r2->toolpath->moves->len, 1);
}

static void
test_expansion_is_bounded (void **state)
{
  (void) state;
  /* a few bytes must not expand into billions of moves: pecks × repeats and chords are budgeted */
  g_autoptr (CamGcodeReader) r = read_text ("G21 G90 G0 Z1\n"
                                            "G91 G83 X0.01 Z-100 R-0.5 Q0.01 L10000 F10\n"
                                            "G90 G83 X0 Y0 Z-1000 R0 Q0.000001\n"
                                            "G80\n"
                                            "G18 G2 X0 Z1 I1000000 K0 P256\n");
  assert_int_equal (r->errors->len, 2);
  assert_int_equal (g_array_index (r->errors, CamDiagnostic, 0).line, 2);
  assert_non_null (strstr (g_array_index (r->errors, CamDiagnostic, 0).message, "10000 holes"));
  assert_int_equal (g_array_index (r->errors, CamDiagnostic, 1).line, 3);
  assert_true (r->toolpath->moves->len <= 1 + 20000);
}

static void
test_home_dwell_offsets_like_rs274 (void **state)
{
  (void) state;
  /* G28 (home = 0 without a parameter file, as rs274), G91 G28 Z0 (Fanuc's tool change
   * retract), G4 P / G04 X dwells, G43 H, G53, G54, G61/G64: the moves match rs274 */
  const char *prog = "G21 G90 G54 G64 P0.01\n"
                     "T1 M6 G43 H1\n"
                     "G0 X1 Y2 Z3\n"
                     "G28 X2\n"
                     "G0 X1 Y1 Z1\n"
                     "G91 G28 Z0\n"
                     "G90 G1 X0.5 F100\n"
                     "G4 P0.5\n"
                     "G53 G0 Z2\n"
                     "G61 G1 X1 Y0.5\n"
                     "M2\n";
  g_autoptr (CamGcodeReader) r = read_text (prog);
  assert_int_equal (r->errors->len, 0);
  CamToolpath *tp = r->toolpath;
  /* G28 X2: through X2 (Y2 Z3 kept), then X home */
  assert_float_equal (cam_toolpath_move (tp, 1)->x, 2, 0);
  assert_float_equal (cam_toolpath_move (tp, 2)->x, 0, 0);
  assert_float_equal (cam_toolpath_move (tp, 2)->z, 3, 0);
  /* G91 G28 Z0: Z home from where it is */
  assert_float_equal (cam_toolpath_move (tp, 5)->z, 0, 0);
  assert_float_equal (cam_toolpath_move (tp, 5)->x, 1, 0);
  const CamMove *dwell = cam_toolpath_move (tp, 7);
  assert_int_equal (dwell->type, CAM_MOVE_DWELL);
  assert_float_equal (dwell->dwell_s, 0.5, 1e-6);
  assert_same_as_rs274 (tp, prog);
  /* home (#5161…) and the offsets are the parameters' values (0 with none stored, as rs274):
   * nothing assumed, nothing to warn about */
  assert_int_equal (r->warnings->len, 0);
  /* Fanuc's G04 X is a dwell too, not a move */
  g_autoptr (CamGcodeReader) f = read_text ("G0 X1\nG04 X1.5\nG1 X2 F10\n");
  assert_int_equal (f->toolpath->moves->len, 3);
  assert_float_equal (cam_toolpath_move (f->toolpath, 1)->dwell_s, 1.5, 1e-6);
  assert_float_equal (cam_toolpath_move (f->toolpath, 1)->x, 1, 0);
}

static void
test_tools_and_spindle (void **state)
{
  (void) state;
  g_autoptr (CamGcodeReader) r = read_text ("T3 M6\nS20000 M3\nG0 X1\nT5 M6\nM5\nG1 X2 F10\n");
  CamToolpath *tp = r->toolpath;
  assert_int_equal (tp->tools->len, 2);
  CamMove *a = cam_toolpath_move (tp, 0), *b = cam_toolpath_move (tp, 1);
  assert_int_equal (((CamToolpathTool *) g_ptr_array_index (tp->tools, a->tool_index))->number, 3);
  assert_int_equal (((CamToolpathTool *) g_ptr_array_index (tp->tools, b->tool_index))->number, 5);
  assert_float_equal (a->rpm, 20000, 0);
  assert_float_equal (b->rpm, 0, 0);
}

static void
progress_count (double fraction, gpointer data)
{
  (void) fraction;
  (*(int *) data)++;
}

typedef struct {
  GCancellable *cancellable;
  double cancelled_at;   /* the fraction at which Cancel was pressed (0: not yet) */
  int calls_after;       /* progress reports after that */
} CancelAtFirst;

/* presses Cancel at the first progress report after the start (0) */
static void
cancel_at_first (double fraction, gpointer data)
{
  CancelAtFirst *c = data;
  if (fraction <= 0)
    return;
  if (c->cancelled_at > 0)
    c->calls_after++;
  else
    {
      c->cancelled_at = fraction;
      g_cancellable_cancel (c->cancellable);
    }
}

static void
test_progress_and_cancel (void **state)
{
  (void) state;
  GString *s = g_string_new ("G21 G90 F100\n");
  for (int i = 0; s->len < (16u << 20); i++)
    g_string_append_printf (s, "G1 X%d.125 Y%d.5\n", i % 100, i % 37);
  int calls = 0;
  g_autoptr (CamGcodeReader) r = cam_gcode_reader_new (NULL);
  assert_true (cam_gcode_reader_parse (r, s->str, s->len, "big.ngc", progress_count, &calls, NULL, NULL));
  assert_true (calls >= 4);
  assert_int_equal (r->toolpath->moves->len, r->n_lines - 1);

  /* Cancel pressed at the first report (a quarter in): reading stops at the next look, one
   * progress step later, with no report after it and only about half of the moves read */
  const guint full_moves = r->toolpath->moves->len;
  g_autoptr (GCancellable) c = g_cancellable_new ();
  CancelAtFirst first = { .cancellable = c };
  g_autoptr (CamGcodeReader) r2 = cam_gcode_reader_new (NULL);
  g_autoptr (GError) error = NULL;
  assert_false (cam_gcode_reader_parse (r2, s->str, s->len, "big.ngc", cancel_at_first, &first, c, &error));
  assert_true (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED));
  assert_int_equal (first.calls_after, 0);
  const double read = (double) r2->toolpath->moves->len / full_moves;
  print_message ("cancelled at %.3f: %u of %u moves read\n", first.cancelled_at, r2->toolpath->moves->len,
                 full_moves);
  assert_true (first.cancelled_at > 0 && first.cancelled_at < 0.3);
  assert_true (read >= first.cancelled_at);
  assert_true (read <= 2 * first.cancelled_at + 0.01);
  g_string_free (s, TRUE);
}

static void
test_missing_file (void **state)
{
  (void) state;
  g_autoptr (CamGcodeReader) r = cam_gcode_reader_new (NULL);
  g_autoptr (GError) error = NULL;
  assert_false (cam_gcode_reader_read_file (r, "/nonexistent/x.ngc", NULL, NULL, NULL, &error));
  assert_true (g_error_matches (error, CAM_ERROR, CAM_ERROR_IO));
  assert_non_null (strstr (error->message, "/nonexistent/x.ngc"));
}

/* One diagnostic type for the reader and the review: severity, line, code and, for a finding
 * about one move, that move (which the finding's line makes). */
static void
test_diagnostics_say_severity_line_code_and_move (void **state)
{
  (void) state;
  g_autoptr (CamGcodeReader) r = read_text ("G21 G90 S60000 M3\n"
                                            "G1 X1 Y2 Z3 F100 A5\n"   /* 2 warning: A ignored */
                                            "G1 X(unclosed\n"        /* 3 syntax error */
                                            "G2 X1 Y2 R1 F100\n"      /* 4 error: full circle by R */
                                            "G0 Z0.1\n"
                                            "G1 Z-0.05 F50\n");      /* 6 plunge with an end mill */
  assert_int_equal (r->warnings->len, 1);
  const CamDiagnostic *w = &g_array_index (r->warnings, CamDiagnostic, 0);
  assert_int_equal (w->severity, CAM_SEVERITY_WARNING);
  assert_int_equal (w->line, 2);
  assert_string_equal (w->code, "gcode-ignored");
  assert_int_equal (w->move, -1);
  assert_int_equal (r->errors->len, 2);
  const CamDiagnostic *e0 = &g_array_index (r->errors, CamDiagnostic, 0);
  const CamDiagnostic *e1 = &g_array_index (r->errors, CamDiagnostic, 1);
  assert_int_equal (e0->severity, CAM_SEVERITY_ERROR);
  assert_int_equal (e0->line, 3);
  assert_string_equal (e0->code, "gcode-syntax");
  assert_int_equal (e1->severity, CAM_SEVERITY_ERROR);
  assert_int_equal (e1->line, 4);
  assert_string_equal (e1->code, "gcode-error");
  assert_non_null (strstr (e1->message, "G2 with R and the end at the start"));
  assert_string_equal (cam_severity_name (e1->severity), "error");

  g_autoptr (CamLibrary) lib = cam_library_new_default ();
  g_autoptr (CamTool) tool = cam_tool_new_from_spec ("flat:d=0.2,z=2", NULL);
  CamGcodeReview rv;
  assert_true (cam_gcode_review_run (r->toolpath, tool, cam_library_find_material (lib, "al6061"),
                                     cam_library_find_machine (lib, "micro60k"), NULL, &rv, NULL));
  gboolean plunge = FALSE;
  for (guint i = 0; i < rv.findings->len; i++)
    {
      const CamDiagnostic *f = &g_array_index (rv.findings, CamDiagnostic, i);
      assert_int_equal (f->severity, CAM_SEVERITY_NOTE);
      assert_non_null (f->code);
      if (strcmp (f->code, "review-plunge") != 0)
        continue;
      plunge = TRUE;
      assert_int_equal (f->line, 6);
      assert_true (f->move >= 0 && (guint) f->move < r->toolpath->moves->len);
      assert_int_equal (cam_toolpath_move (r->toolpath, (gsize) f->move)->source_line, 6);
    }
  assert_true (plunge);
  cam_gcode_review_clear (&rv);
}

static void
test_review_finds_the_worst_line (void **state)
{
  (void) state;
  g_autoptr (CamLibrary) lib = cam_library_new_default ();
  const CamMaterial *mat = cam_library_find_material (lib, "ss316l");
  const CamMachine *machine = cam_library_find_machine (lib, "micro60k");
  assert_non_null (mat);
  assert_non_null (machine);
  g_autoptr (CamTool) tool = cam_tool_new_from_spec ("flat:d=0.2,z=2", NULL);
  assert_non_null (tool);
  const char *prog = "G21 G90 S60000 M3\n"
                     "G0 X0 Y0 Z1\n"             /* 2 */
                     "G1 Z0.5 F100\n"            /* 3 air */
                     "G1 X1 Y0 Z-0.02 F100\n"    /* 4 ramp into ap 0.02 */
                     "G1 X2 F100\n"              /* 5 slot ap 0.02 */
                     "G1 X3 Z-0.1 F200\n"        /* 6 ramp into fresh stock, down to ap 0.1 */
                     "G1 X4 F300\n"              /* 7 slot ap 0.1 (nothing cut there before) at a higher feed: the worst */
                     "G1 X5 Z-0.05 F100\n"       /* 8 going up, but through fresh stock: it cuts */
                     "G1 X2 Z-0.02 F100\n"       /* 9 back over the slot, above its floor: air */
                     "G0 Z1\n";
  g_autoptr (CamGcodeReader) r = read_text (prog);
  CamGcodeReview rv;
  assert_true (cam_gcode_review_run (r->toolpath, tool, mat, machine, NULL, &rv, NULL));
  assert_int_equal (rv.n_evaluated, 5);
  assert_int_equal (rv.n_air, 2);
  assert_int_equal (rv.worst_line, 7);
  CamMove *m5 = cam_toolpath_move (r->toolpath, 3), *m7 = cam_toolpath_move (r->toolpath, 5);
  assert_float_equal (m5->ap_mm, 0.02, 1e-6);
  /* the stock model (cam/stock/) measures what each move removed: the slot is full width (to
   * its 6.25 µm cells), as deep as the stock above it */
  assert_float_equal (m7->ap_mm, 0.1, 1e-6);
  assert_float_equal (m7->ae_mm, 0.2, 0.2 * 0.03);
  assert_true (m7->flags & CAM_MOVE_FLAG_SLOT);
  assert_true (cam_toolpath_move (r->toolpath, 7)->flags & CAM_MOVE_FLAG_AIR);
  assert_float_equal (m7->fz_mm, 300.0 / (60000 * 2), 1e-9);
  assert_true (m7->deflection_um > m5->deflection_um);
  assert_float_equal (rv.max_deflection_um, m7->deflection_um, 1e-6);
  assert_float_equal (rv.min_safety_factor, m7->safety_factor, 1e-6);
  assert_true (isnan (cam_toolpath_move (r->toolpath, 1)->deflection_um));
  /* the same engine call by hand gives the same deflection */
  CamEngagement eng;
  cam_engagement_init (&eng, CAM_CUT_SLOT);
  /* at the 0.1 µm the review quantises ap and ae to */
  eng.ap_mm = round (m7->ap_mm * 1e4) / 1e4, eng.ae_mm = round (m7->ae_mm * 1e4) / 1e4;
  eng.fz_mm = 300.0 / 120000, eng.rpm = 60000;
  CamCutResult cr;
  assert_true (cam_cutting_evaluate (tool, mat, machine, &eng, &cr, NULL));
  assert_float_equal (cr.deflection_um, m7->deflection_um, 1e-4 * cr.deflection_um);
  cam_gcode_review_clear (&rv);
}

static void
test_review_drilling_cycles (void **state)
{
  (void) state;
  g_autoptr (CamLibrary) lib = cam_library_new_default ();
  const CamMaterial *mat = cam_library_find_material (lib, "ss316l");
  const CamMachine *machine = cam_library_find_machine (lib, "micro60k");
  g_autoptr (CamTool) drill = cam_tool_new_from_spec ("drill:d=0.2", NULL);
  g_autoptr (CamTool) mill = cam_tool_new_from_spec ("flat:d=0.2", NULL);
  const char *prog = "G21 G90 S30000 M3\nG0 X0 Y0 Z1\nG98 G83 X1 Y1 Z-0.6 R0.1 Q0.1 F20\nX2 Z-1 F120\nG80\n";
  g_autoptr (CamGcodeReader) r = read_text (prog);
  CamGcodeReview rv;
  assert_true (cam_gcode_review_run (r->toolpath, drill, mat, machine, NULL, &rv, NULL));
  assert_int_equal (rv.n_evaluated, 2);
  assert_int_equal (rv.worst_line, 4);   /* the higher feed */
  cam_gcode_review_clear (&rv);
  /* an end mill cannot drill: said so, nothing evaluated */
  assert_true (cam_gcode_review_run (r->toolpath, mill, mat, machine, NULL, &rv, NULL));
  assert_int_equal (rv.n_evaluated, 0);
  assert_true (rv.findings->len >= 1);
  assert_int_equal (g_array_index (rv.findings, CamDiagnostic, 0).line, 3);
  cam_gcode_review_clear (&rv);
}

static void
test_review_per_tool (void **state)
{
  (void) state;
  g_autoptr (CamLibrary) lib = cam_library_new_default ();
  const CamMaterial *mat = cam_library_find_material (lib, "al6061");
  const CamMachine *machine = cam_library_find_machine (lib, "micro60k");
  g_autoptr (CamTool) big = cam_tool_new_from_spec ("flat:d=1,z=2", NULL);
  g_autoptr (CamTool) small = cam_tool_new_from_spec ("flat:d=0.1,z=2", NULL);
  /* moves before any M6 (T0), then T2 */
  const char *prog = "G21 G90 S40000 M3\nG0 X0 Y0 Z1\nG1 X0.5 Z-0.05 F200\nG1 X2\n"
                     "G0 Z1\nT2 M6\nS60000 M3\nG0 X0 Y1\nG1 X0.5 Z-0.02 F60\nG1 X2\nG0 Z1\nM30\n";
  g_autoptr (CamGcodeReader) r = read_text (prog);
  assert_int_equal (r->toolpath->tools->len, 2);
  CamGcodeReviewTool map[] = { { 0, big }, { 2, small } };
  CamGcodeReview all;
  g_autoptr (GArray) per = g_array_new (FALSE, FALSE, sizeof (CamGcodeReview));
  g_array_set_clear_func (per, (GDestroyNotify) cam_gcode_review_clear);
  assert_true (cam_gcode_review_run_tools (r->toolpath, map, 2, NULL, mat, machine, NULL, &all, per, NULL));
  assert_int_equal (per->len, 2);
  const CamGcodeReview *t0 = &g_array_index (per, CamGcodeReview, 0), *t2 = &g_array_index (per, CamGcodeReview, 1);
  assert_int_equal (t0->n_evaluated, 2);
  assert_int_equal (t2->n_evaluated, 2);
  assert_int_equal (all.n_evaluated, 4);
  assert_int_equal (all.n_other_tool, 0);
  /* each move was evaluated with its own tool: ae = its diameter */
  assert_float_equal (cam_toolpath_move (r->toolpath, 2)->ae_mm, 1.0, 1e-6);
  assert_float_equal (cam_toolpath_move (r->toolpath, 6)->ae_mm, 0.1, 1e-6);
  assert_float_equal (all.min_safety_factor, MIN (t0->min_safety_factor, t2->min_safety_factor), 0);
  assert_int_equal (all.worst_line, t0->min_safety_factor < t2->min_safety_factor ? t0->worst_line : t2->worst_line);
  cam_gcode_review_clear (&all);
  /* a tool number without a tool: its moves are counted, not evaluated */
  CamGcodeReviewTool only[] = { { 2, small } };
  assert_true (cam_gcode_review_run_tools (r->toolpath, only, 1, NULL, mat, machine, NULL, &all, NULL, NULL));
  assert_int_equal (all.n_evaluated, 2);
  assert_int_equal (all.n_other_tool, 2);
  cam_gcode_review_clear (&all);
}

/* A program of more than 8 MB with the reader's whole repertoire (tool changes, lines, IJ and R
 * arcs, G18 arcs as chords, G98/G99 G81/G83 cycles, dwells), and every ~1000 lines a line with
 * an error (an arc that does not close, a bad number) or a warning (an A axis). Deterministic. */
static GString *
big_program (gsize min_bytes)
{
  GString *p = g_string_sized_new (min_bytes + 4096);
  g_autoptr (GRand) rnd = g_rand_new_with_seed (20261129);
  g_string_append (p, "%\nG21 G90 G17 G94\nT1 M6\nS24000 M3\nG0 X0 Y0 Z1\n");
  double x = 0, y = 0;
  for (guint k = 0; p->len < min_bytes; k++)
    {
      int what = g_rand_int_range (rnd, 0, 100);
      double nx = g_rand_double_range (rnd, -20, 20), ny = g_rand_double_range (rnd, -20, 20);
      nx = round (nx * 1e4) / 1e4, ny = round (ny * 1e4) / 1e4;
      if (k % 997 == 500)
        g_string_append_printf (p, "G2 X%.4f Y%.4f I3 J0 F300\n", x + 1.5, y + 0.7); /* does not close */
      else if (k % 997 == 900)
        g_string_append (p, "G1 X1.2.3 F200\n"); /* bad number */
      else if (k % 997 == 100)
        g_string_append_printf (p, "G1 X%.4f Y%.4f A5 F250\n", x = nx, y = ny); /* A axis: warning */
      else if (k % 20011 == 7)
        g_string_append_printf (p, "T%d M6\nS%d M3\n", 1 + (int) (k % 3), 20000 + (int) (k % 7) * 5000);
      else if (what < 55)
        g_string_append_printf (p, "G1 X%.4f Y%.4f Z%.4f F%d\n", x = nx, y = ny, g_rand_double_range (rnd, -0.5, 0),
                                100 + what * 10);
      else if (what < 70)
        g_string_append_printf (p, "G0 X%.4f Y%.4f Z1\n", x = nx, y = ny);
      else if (what < 80)
        {
          /* an IJ arc that closes: centre (x + r, y), the end on its circle */
          double r = g_rand_double_range (rnd, 0.5, 3), a = g_rand_double_range (rnd, 0.2, 3);
          double ex = round ((x + r - r * cos (a)) * 1e4) / 1e4, ey = round ((y + r * sin (a)) * 1e4) / 1e4;
          g_string_append_printf (p, "G%d X%.4f Y%.4f I%.4f J0 F200\n", what < 75 ? 2 : 3, ex, ey, r);
          x = ex, y = ey;
        }
      else if (what < 84)
        {
          double chord = hypot (nx - x, ny - y);
          g_string_append_printf (p, "G3 X%.4f Y%.4f R%.4f F180\n", nx, ny, 0.6 * chord + 30);
          x = nx, y = ny;
        }
      else if (what < 86)
        {
          /* a half circle in XZ at Z-0.1: chords */
          g_string_append_printf (p, "G1 Z-0.1 F100\nG18 G2 X%.4f Z-0.1 I0.5 K0 F150\nG17\n", x + 1.0);
          x += 1.0;
        }
      else if (what < 93)
        g_string_append_printf (p, "G98 G81 X%.4f Y%.4f Z-0.6 R0.1 F60\nX%.4f\nG80\n", nx, ny, nx + 0.5),
          x = nx + 0.5, y = ny;
      else if (what < 98)
        g_string_append_printf (p, "G99 G83 X%.4f Y%.4f Z-1.1 R0.1 Q0.2 F40\nG80\n", x = nx, y = ny);
      else
        g_string_append (p, "G4 P0.1\n");
    }
  g_string_append (p, "M30\n%\n");
  return p;
}

static void
assert_messages_equal (const GArray *a, const GArray *b)
{
  assert_int_equal (a->len, b->len);
  for (guint i = 0; i < a->len; i++)
    {
      const CamDiagnostic *x = &g_array_index (a, CamDiagnostic, i), *y = &g_array_index (b, CamDiagnostic, i);
      assert_int_equal (x->line, y->line);
      assert_string_equal (x->message, y->message);
    }
}

#define SAME_FIELD(a, b, f) (memcmp (&(a)->f, &(b)->f, sizeof (a)->f) == 0)

/* cam_gcode_reader_read_file maps the file and hands the pages behind its cursor back to the
 * kernel every 4 MB (madvise MADV_DONTNEED), so on a file over 8 MB it reads on over dropped
 * pages twice: the moves, tools, errors and warnings must be exactly those of parsing the same
 * bytes from memory (every field bit for bit, NAN included). */
static void
test_mapped_file_over_8mb_equals_memory (void **state)
{
  (void) state;
  g_autoptr (GString) prog = NULL;
  prog = big_program (8u * 1024 * 1024 + 600 * 1024);
  assert_true (prog->len > 8u * 1024 * 1024);
  g_autofree char *path = write_temp (prog->str);
  g_autofree char *base = g_path_get_basename (path);
  CamGcodeReaderOptions opt = { .max_messages = 1000000 };
  g_autoptr (CamGcodeReader) file = cam_gcode_reader_new (&opt);
  g_autoptr (CamGcodeReader) mem = cam_gcode_reader_new (&opt);
  g_autoptr (GError) error = NULL;
  assert_true (cam_gcode_reader_read_file (file, path, NULL, NULL, NULL, &error));
  assert_null (error);
  assert_true (cam_gcode_reader_parse (mem, prog->str, prog->len, base, NULL, NULL, NULL, &error));
  assert_null (error);
  g_unlink (path);

  assert_true (mem->ended && file->ended);
  assert_int_equal (file->n_lines, mem->n_lines);
  assert_true (mem->n_lines > 300000);
  assert_string_equal (file->name, mem->name);
  /* the program's errors and warnings are there, past both 4 MB marks too */
  assert_true (mem->n_errors > 500 && mem->n_warnings > 250);
  assert_int_equal (file->n_errors, mem->n_errors);
  assert_int_equal (file->n_warnings, mem->n_warnings);
  assert_int_equal (mem->errors->len, mem->n_errors);
  assert_true (g_array_index (mem->errors, CamDiagnostic, mem->errors->len - 1).line > mem->n_lines * 9 / 10);
  assert_messages_equal (file->errors, mem->errors);
  assert_messages_equal (file->warnings, mem->warnings);

  const CamToolpath *a = file->toolpath, *b = mem->toolpath;
  assert_memory_equal (a->start, b->start, sizeof a->start);
  assert_int_equal (a->tools->len, b->tools->len);
  assert_true (b->tools->len >= 3);
  for (guint i = 0; i < a->tools->len; i++)
    {
      const CamToolpathTool *x = g_ptr_array_index (a->tools, i), *y = g_ptr_array_index (b->tools, i);
      assert_int_equal (x->number, y->number);
      assert_true (SAME_FIELD (x, y, diameter_mm) && x->coolant == y->coolant);
      assert_true (g_strcmp0 (x->spec, y->spec) == 0 && g_strcmp0 (x->label, y->label) == 0);
    }
  assert_int_equal (a->moves->len, b->moves->len);
  assert_true (b->moves->len > 300000);
  guint kinds = 0;
  for (guint i = 0; i < a->moves->len; i++)
    {
      const CamMove *x = cam_toolpath_move (a, i), *y = cam_toolpath_move (b, i);
      gboolean same = SAME_FIELD (x, y, x) && SAME_FIELD (x, y, y) && SAME_FIELD (x, y, z) && SAME_FIELD (x, y, cx)
                      && SAME_FIELD (x, y, cy) && SAME_FIELD (x, y, type) && SAME_FIELD (x, y, cycle)
                      && SAME_FIELD (x, y, retract) && SAME_FIELD (x, y, turns) && SAME_FIELD (x, y, op_index)
                      && SAME_FIELD (x, y, tool_index) && SAME_FIELD (x, y, flags) && SAME_FIELD (x, y, source_line)
                      && SAME_FIELD (x, y, feed_mm_min) && SAME_FIELD (x, y, rpm) && SAME_FIELD (x, y, dwell_s)
                      && SAME_FIELD (x, y, ap_mm) && SAME_FIELD (x, y, ae_mm) && SAME_FIELD (x, y, fz_mm)
                      && SAME_FIELD (x, y, force_n) && SAME_FIELD (x, y, deflection_um)
                      && SAME_FIELD (x, y, safety_factor) && SAME_FIELD (x, y, ra_um);
      if (!same)
        fail_msg ("move %u (line %u) differs between the mapped file and memory", i, y->source_line);
      kinds |= 1u << y->type;
    }
  /* rapids, feeds, both arcs, cycles and dwells all made it */
  assert_int_equal (kinds & ((1u << CAM_MOVE_RAPID) | (1u << CAM_MOVE_FEED) | (1u << CAM_MOVE_ARC_CW)
                             | (1u << CAM_MOVE_ARC_CCW) | (1u << CAM_MOVE_CYCLE) | (1u << CAM_MOVE_DWELL)),
                    (1u << CAM_MOVE_RAPID) | (1u << CAM_MOVE_FEED) | (1u << CAM_MOVE_ARC_CW) | (1u << CAM_MOVE_ARC_CCW)
                      | (1u << CAM_MOVE_CYCLE) | (1u << CAM_MOVE_DWELL));
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_arc_ij_and_r_lengths),
    cmocka_unit_test (test_arc_r_cw_centre_side),
    cmocka_unit_test (test_full_circle_with_r_is_an_error),
    cmocka_unit_test (test_errors_name_the_line),
    cmocka_unit_test (test_unknown_words_are_warnings),
    cmocka_unit_test (test_incremental_g91),
    cmocka_unit_test (test_inch_g20),
    cmocka_unit_test (test_canned_cycles_like_rs274),
    cmocka_unit_test (test_g18_arc_as_chords),
    cmocka_unit_test (test_comments_numbers_percent_and_end),
    cmocka_unit_test (test_header_names_the_tools),
    cmocka_unit_test (test_expansion_is_bounded),
    cmocka_unit_test (test_home_dwell_offsets_like_rs274),
    cmocka_unit_test (test_tools_and_spindle),
    cmocka_unit_test (test_progress_and_cancel),
    cmocka_unit_test (test_missing_file),
    cmocka_unit_test (test_review_finds_the_worst_line),
    cmocka_unit_test (test_diagnostics_say_severity_line_code_and_move),
    cmocka_unit_test (test_review_drilling_cycles),
    cmocka_unit_test (test_review_per_tool),
    cmocka_unit_test (test_mapped_file_over_8mb_equals_memory),
  };
  return cmocka_run_group_tests (tests, NULL, NULL);
}
