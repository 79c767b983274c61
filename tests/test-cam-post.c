/* test-cam-post.c — the table-driven post and its LinuxCNC table, checked by rs274. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>
#include <unistd.h>

#include "cam-error.h"
#include "cam-post.h"
#include "rs274-check.h"

static CamMove
mv (CamMoveType t, double x, double y, double z, guint tool, double feed, double rpm)
{
  CamMove m = cam_move_init (t, x, y, z);
  m.tool_index = tool;
  m.feed_mm_min = t == CAM_MOVE_RAPID ? NAN : feed;
  m.rpm = rpm;
  return m;
}

/* A program with everything the post writes: two tools, cycles of three kinds, arcs and a
 * helix, a dwell, rpm change. */
static CamToolpath *
sample_toolpath (void)
{
  CamToolpath *tp = cam_toolpath_new ();
  cam_toolpath_add_tool (tp, 1, 0.2, "drill:d=0.2", "Ø0.2 drill", CAM_COOLANT_MIST);
  cam_toolpath_add_tool (tp, 2, 0.5, "flat:d=0.5,z=2", "Ø0.5 flat", CAM_COOLANT_FLOOD);
  tp->start[2] = 2;
  CamMove m = mv (CAM_MOVE_RAPID, 0, 0, 2, 0, 0, 20000);
  cam_toolpath_append (tp, &m);
  m = mv (CAM_MOVE_RAPID, 1, 1, 2, 0, 0, 20000);
  cam_toolpath_append (tp, &m);
  /* G83 run of three holes, same parameters */
  for (int i = 0; i < 3; i++)
    {
      CamMove c = mv (CAM_MOVE_CYCLE, 1 + 1.2 * i, 1, -1.0, 0, 40, 20000);
      c.cycle = CAM_CYCLE_PECK;
      c.retract = CAM_RETRACT_R_PLANE;
      c.r_z = 0.2;
      c.q_mm = 0.15;
      cam_toolpath_append (tp, &c);
    }
  /* G73 and G81 and G82 */
  CamMove c = mv (CAM_MOVE_CYCLE, 4, 2.2, -0.5, 0, 40, 20000);
  c.cycle = CAM_CYCLE_CHIPBREAK;
  c.retract = CAM_RETRACT_R_PLANE;
  c.r_z = 0.2;
  c.q_mm = 0.1;
  cam_toolpath_append (tp, &c);
  c.cycle = CAM_CYCLE_DRILL;
  c.x = 5;
  c.q_mm = 0;
  cam_toolpath_append (tp, &c);
  c.cycle = CAM_CYCLE_DRILL_DWELL;
  c.x = 6;
  c.dwell_s = 0.2;
  c.retract = CAM_RETRACT_OLD_Z;
  cam_toolpath_append (tp, &c);
  m = mv (CAM_MOVE_RAPID, 6, 2.2, 2, 0, 0, 20000);
  cam_toolpath_append (tp, &m);
  /* tool 2: helix down, full circle, line, arc, rpm change */
  m = mv (CAM_MOVE_RAPID, 3.3, 3, 2, 1, 0, 30000);
  cam_toolpath_append (tp, &m);
  m = mv (CAM_MOVE_RAPID, 3.3, 3, 0.2, 1, 0, 30000);
  cam_toolpath_append (tp, &m);
  m = mv (CAM_MOVE_FEED, 3.3, 3, 0, 1, 50, 30000);
  cam_toolpath_append (tp, &m);
  for (int k = 1; k <= 4; k++)
    {
      CamMove a = mv (CAM_MOVE_ARC_CCW, k % 2 ? 2.7 : 3.3, 3, -0.025 * k, 1, 120, 30000);
      a.cx = 3, a.cy = 3;
      cam_toolpath_append (tp, &a);
    }
  CamMove full = mv (CAM_MOVE_ARC_CW, 3.3, 3, -0.1, 1, 150, 30000);
  full.cx = 3, full.cy = 3;
  cam_toolpath_append (tp, &full);
  m = mv (CAM_MOVE_FEED, 3.3, 2.12345678, -0.1, 1, 150, 30000);
  cam_toolpath_append (tp, &m);
  CamMove d = mv (CAM_MOVE_DWELL, 3.3, 2.12345678, -0.1, 1, 0, 30000);
  d.dwell_s = 0.5;
  cam_toolpath_append (tp, &d);
  m = mv (CAM_MOVE_FEED, 2.0, 2.12345678, -0.1, 1, 150, 24000);
  cam_toolpath_append (tp, &m);
  m = mv (CAM_MOVE_RAPID, 2.0, 2.12345678, 2, 1, 0, 24000);
  cam_toolpath_append (tp, &m);
  return tp;
}

static void
test_linuxcnc_words (void **state)
{
  (void) state;
  g_autoptr (CamToolpath) tp = sample_toolpath ();
  CamPostOptions opt;
  cam_post_options_init (&opt);
  opt.part_name = "plate.stl";
  opt.material = "ss316l";
  opt.machine = "micro60k";
  opt.cycle_time_s = 12.34;
  opt.min_safety_factor = 2.5;
  g_autoptr (GError) error = NULL;
  g_autofree char *text = cam_post_generate (cam_post_linuxcnc (), tp, &opt, &error);
  g_assert_no_error (error);
  const char *must[] = { "(part: plate.stl)", "(material: ss316l)", "(machine: micro60k)",
                         "(T1: drill:d=0.2", "(T2: flat:d=0.5", "cycle time: 12.3 s",
                         "safety factor: 2.50", "G17 G21 G40 G49 G80 G90 G94\n", "T1 M6\nG43 H1\nS20000 M3\nM7\n",
                         "G99 G83 X1.0000 Y1.0000 Z-1.0000 R0.2000 Q0.1500 F40.0\n", "\nX2.2000 Y1.0000\n",
                         "G80\n", "G73", "G81", "G98 G82", " P0.200", "M5 M9\n", "T2 M6\nG43 H2\nS30000 M3\nM8\n",
                         "G3 X2.7000 Y3.0000 Z-0.0250 I-0.3000 J0.0000 F120.0", "G2 X3.3000 Y3.0000 I-0.3000 J0.0000 F150.0",
                         "Y2.1235", "G4 P0.500", "S24000 M3", "M30\n" };
  for (guint i = 0; i < G_N_ELEMENTS (must); i++)
    if (strstr (text, must[i]) == NULL)
      fail_msg ("missing \"%s\" in\n%s", must[i], text);
  assert_null (strstr (text, "-0.0000"));
  assert_true (cam_post_find ("linuxcnc") == cam_post_linuxcnc ());
  assert_null (cam_post_find ("nosuch"));
}

static void
test_linuxcnc_program_runs_in_rs274 (void **state)
{
  (void) state;
  RS274_REQUIRED ();
  g_autoptr (CamToolpath) tp = sample_toolpath ();
  g_autofree char *dir = g_dir_make_tmp ("microcam-post-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "sample.ngc", NULL);
  g_autoptr (GError) error = NULL;
  assert_true (cam_post_write_file (cam_post_linuxcnc (), tp, NULL, path, &error));
  g_autofree char *diff = rs274_compare (tp, path);
  if (diff)
    fail_msg ("%s", diff);
  g_unlink (path);
  g_rmdir (dir);
}

/* A comparison that would miss a wrong program is worthless: change one move and see it fail. */
static void
test_rs274_comparison_catches_a_difference (void **state)
{
  (void) state;
  RS274_REQUIRED ();
  g_autoptr (CamToolpath) tp = sample_toolpath ();
  g_autofree char *dir = g_dir_make_tmp ("microcam-post-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "sample.ngc", NULL);
  assert_true (cam_post_write_file (cam_post_linuxcnc (), tp, NULL, path, NULL));
  cam_toolpath_move (tp, cam_toolpath_n_moves (tp) - 2)->x += 0.001;
  g_autofree char *diff = rs274_compare (tp, path);
  assert_non_null (diff);
  /* a broken program makes rs274 fail, and that is reported */
  g_file_set_contents (path, "G21 G90\nG2 X1 Y0 I0.3 J0 F100\nM30\n", -1, NULL);
  g_autofree char *diff2 = rs274_compare (tp, path);
  assert_non_null (diff2);
  assert_non_null (strstr (diff2, "rs274 failed"));
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_failed_write_keeps_earlier_file (void **state)
{
  (void) state;
  g_autoptr (CamToolpath) tp = sample_toolpath ();
  g_autofree char *dir = g_dir_make_tmp ("microcam-post-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "keep.ngc", NULL);
  assert_true (cam_post_write_file (cam_post_linuxcnc (), tp, NULL, path, NULL));
  g_autofree char *before = NULL;
  g_file_get_contents (path, &before, NULL, NULL);
  /* a toolpath that cannot be written: nothing replaces the earlier file */
  CamMove bad = cam_move_init (CAM_MOVE_FEED, NAN, 0, 0);
  bad.feed_mm_min = 10;
  cam_toolpath_append (tp, &bad);
  g_autoptr (GError) error = NULL;
  assert_false (cam_post_write_file (cam_post_linuxcnc (), tp, NULL, path, &error));
  assert_non_null (strstr (error->message, path));
  g_autofree char *after = NULL;
  g_file_get_contents (path, &after, NULL, NULL);
  assert_string_equal (before, after);
  /* a folder that does not exist: the error names the path */
  g_autofree char *nowhere = g_build_filename (dir, "no", "such", "dir", "x.ngc", NULL);
  g_clear_error (&error);
  cam_toolpath_move (tp, cam_toolpath_n_moves (tp) - 1)->x = 1;
  assert_false (cam_post_write_file (cam_post_linuxcnc (), tp, NULL, nowhere, &error));
  g_assert_error (error, CAM_ERROR, CAM_ERROR_IO);
  assert_non_null (strstr (error->message, nowhere));
  g_unlink (path);
  g_rmdir (dir);
}

/* Options: line numbers on every line, comments off, 3 decimals, spindle capped — and the
 * program still runs in rs274. */
static void
test_options_line_numbers_no_comments (void **state)
{
  (void) state;
  g_autoptr (CamToolpath) tp = sample_toolpath ();
  CamPostOptions opt;
  cam_post_options_init (&opt);
  opt.line_numbers = TRUE;
  opt.comments = FALSE;
  opt.decimals = 3;
  opt.max_rpm = 24000;
  opt.spindle_warmup_s = 2;
  g_autofree char *text = cam_post_generate (cam_post_linuxcnc (), tp, &opt, NULL);
  assert_non_null (text);
  assert_null (strchr (text, '('));
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
  guint n = 0;
  for (char **l = lines; *l && **l; l++, n++)
    assert_true ((*l)[0] == 'N');
  assert_true (n > 20);
  assert_non_null (strstr (text, "X1.000 Y1.000"));
  assert_null (strstr (text, "S30000"));      /* capped */
  assert_non_null (strstr (text, "S24000 M3"));
  assert_non_null (strstr (text, "G4 P2.000")); /* warm-up dwell */
  RS274_REQUIRED ();
  g_autofree char *dir = g_dir_make_tmp ("microcam-post-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "n.ngc", NULL);
  assert_true (g_file_set_contents (path, text, -1, NULL));
  g_autoptr (GArray) moves = g_array_new (FALSE, TRUE, sizeof (Rs274Move));
  g_autofree char *msg = NULL;
  if (!rs274_run (path, moves, &msg))
    fail_msg ("%s", msg);
  assert_true (moves->len > 20);
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_cutting_move_without_feed_is_refused (void **state)
{
  (void) state;
  g_autoptr (CamToolpath) tp = cam_toolpath_new ();
  cam_toolpath_add_tool (tp, 1, 1, "flat:d=1", "", CAM_COOLANT_OFF);
  CamMove m = cam_move_init (CAM_MOVE_FEED, 1, 0, 0);
  cam_toolpath_append (tp, &m);
  g_autoptr (GError) error = NULL;
  g_autofree char *text = cam_post_generate (cam_post_linuxcnc (), tp, NULL, &error);
  assert_null (text);
  assert_non_null (strstr (error->message, "no feed"));
}

/* The fast number writer gives exactly the text the post wrote with printf: round half away
 * from zero to the decimals, then "%.*f", no "-0". Ties, carries (9.99995), magnitudes up to
 * and past the integer fast path (2^40 counts of the last digit), random coordinates. */
static void
check_fixed (double v, int dec)
{
  double scale = pow (10, dec);
  double r = round (v * scale) / scale;
  if (r == 0)
    r = 0;
  g_autofree char *want = g_strdup_printf ("%.*f", dec, r);
  g_autofree char *got = cam_post_format_fixed (v, dec);
  if (strcmp (want, got) != 0)
    fail_msg ("%.17g with %d decimals: printf %s, writer %s", v, dec, want, got);
}

static void
test_number_text_as_printf (void **state)
{
  (void) state;
  const double special[] = { 0.0, -0.0, 1e-9, -1e-9, 0.00005, -0.00005, 0.00004999, 1.00005, -1.00005,
                             2.5, -2.5, 0.5, -0.5, 9.99995, -9.99995, 99999.99995, 0.1 + 0.2, 1e12 / 3,
                             -1e12 / 3, 109951.1627775, 109951.1627776, 1099511.627776, 1e15, -1e15,
                             123456789.123456789, 4.35, 2.675, 1.0005, 1.005 };
  for (int dec = 0; dec <= 6; dec++)
    for (gsize i = 0; i < G_N_ELEMENTS (special); i++)
      check_fixed (special[i], dec);
  g_autoptr (GRand) rand = g_rand_new_with_seed (6);
  for (int n = 0; n < 600000; n++)
    {
      int dec = g_rand_int_range (rand, 1, 7);
      double mag = pow (10, g_rand_int_range (rand, -6, 9));
      double v = g_rand_double_range (rand, -1, 1) * mag;
      if (n % 3 == 0)   /* exact ties at the last decimal and just beside them */
        v = (floor (v * pow (10, dec)) + 0.5) / pow (10, dec) + (n % 2 ? 0 : 1e-12);
      check_fixed (v, dec);
    }
}

/* Streaming a program to a file gives the text cam_post_generate () builds, across several
 * flushes; a device that is full is an I/O error, and the file writer leaves nothing behind. */
static void
test_streamed_program_equals_text (void **state)
{
  (void) state;
  g_autoptr (CamToolpath) tp = sample_toolpath ();
  for (int i = 0; i < 150000; i++)
    {
      CamMove m = mv (CAM_MOVE_FEED, 3 + 0.00001 * i, 3 + (i % 2) * 0.2, -0.1 - 1e-7 * i, 1, 100 + i % 7, 30000);
      cam_toolpath_append (tp, &m);
    }
  g_autoptr (GError) error = NULL;
  g_autofree char *text = cam_post_generate (cam_post_grbl (), tp, NULL, &error);
  g_assert_no_error (error);
  assert_true (strlen (text) > 2 * 1024 * 1024);   /* more than one piece of 1 MiB */
  g_autofree char *dir = g_dir_make_tmp ("microcam-post-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "big.gcode", NULL);
  assert_true (cam_post_write_file (cam_post_grbl (), tp, NULL, path, &error));
  g_autofree char *back = NULL;
  assert_true (g_file_get_contents (path, &back, NULL, NULL));
  assert_true (strcmp (back, text) == 0);
  g_unlink (path);
  g_rmdir (dir);
  int fd = g_open ("/dev/full", O_WRONLY | O_CLOEXEC, 0);
  if (fd >= 0)
    {
      assert_false (cam_post_write_fd (cam_post_grbl (), tp, NULL, fd, &error));
      g_assert_error (error, CAM_ERROR, CAM_ERROR_IO);
      close (fd);
    }
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_streamed_program_equals_text),
    cmocka_unit_test (test_number_text_as_printf),
    cmocka_unit_test (test_linuxcnc_words),
    cmocka_unit_test (test_linuxcnc_program_runs_in_rs274),
    cmocka_unit_test (test_rs274_comparison_catches_a_difference),
    cmocka_unit_test (test_failed_write_keeps_earlier_file),
    cmocka_unit_test (test_options_line_numbers_no_comments),
    cmocka_unit_test (test_cutting_move_without_feed_is_refused),
  };
  return cmocka_run_group_tests (tests, NULL, NULL);
}
