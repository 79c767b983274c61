/* test-cam-post-job.c — a job's programs: one per tool (cam_post_write_job_per_tool): names, one
 * tool change each, header with that tool only, the moves of all of them together are the single
 * program's (rs274 and the reader), Fanuc O-numbers, grbl without cycles, all-or-nothing writes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <glib/gstdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cam-error.h"
#include "cam-gcode-reader.h"
#include "cam-plan.h"
#include "cam-post-job.h"
#include "rs274-check.h"

typedef struct {
  CamLibrary *lib;
  CamJob *job;
  char *dir;
} Fixture;

static CamMove
mv (CamMoveType t, double x, double y, double z, double feed, double rpm, double sf)
{
  CamMove m = cam_move_init (t, x, y, z);
  m.feed_mm_min = t == CAM_MOVE_RAPID ? NAN : feed;
  m.rpm = rpm;
  m.safety_factor = t == CAM_MOVE_RAPID ? NAN : sf;
  return m;
}

static CamMove
cycle (CamCycle c, double x, double y, double z, double q)
{
  CamMove m = mv (CAM_MOVE_CYCLE, x, y, z, 40, 20000, 3.0);
  m.cycle = c;
  m.retract = CAM_RETRACT_R_PLANE;
  m.r_z = 0.2;
  m.q_mm = q;
  return m;
}

static CamMove
arc (CamMoveType t, double x, double y, double z, double cx, double cy, double feed, double sf)
{
  CamMove m = mv (t, x, y, z, feed, 30000, sf);
  m.cx = cx, m.cy = cy;
  return m;
}

static CamToolpath *
op_toolpath (const CamJob *job, guint tool, const CamMove *moves, gsize n)
{
  CamToolpath *tp = cam_toolpath_new ();
  const CamJobTool *t = cam_job_tool (job, tool);
  cam_toolpath_add_tool (tp, t->number, t->tool->d_mm, t->spec, t->spec, t->coolant);
  for (gsize i = 0; i < n; i++)
    cam_toolpath_append (tp, &moves[i]);
  return tp;
}

/* A job with two tools used in three operations, T1 again after T2: pecks, a helix, a full circle,
 * lines, arcs, a plain drill cycle. Safety factors 3.0 for T1, 1.5 at worst for T2. */
static int
setup (void **state)
{
  Fixture *f = g_new0 (Fixture, 1);
  f->lib = cam_library_new_with_config_dir (NULL);
  f->job = cam_job_new ();
  f->job->part_path = g_strdup ("/parts/plate.stl");
  f->job->material_id = g_strdup ("al6061");
  f->job->machine_id = g_strdup ("micro60k");
  double lo[3] = { 0, 0, 0 }, hi[3] = { 10, 10, 1 };
  cam_job_set_stock_from_part (f->job, lo, hi, 0);
  g_autoptr (CamTool) drill = cam_tool_new_from_spec ("drill:d=0.2", NULL);
  g_autoptr (CamTool) flat = cam_tool_new_from_spec ("flat:d=0.5,z=2", NULL);
  guint t1 = cam_job_add_tool (f->job, "drill:d=0.2", drill);
  guint t2 = cam_job_add_tool (f->job, "flat:d=0.5,z=2", flat);
  double up = cam_job_clearance_z (f->job);

  CamMove pecks[] = {
    mv (CAM_MOVE_RAPID, 1, 1, 0.2, 0, 20000, 0),
    cycle (CAM_CYCLE_PECK, 1, 1, -0.8, 0.1),
    cycle (CAM_CYCLE_PECK, 2, 1, -0.8, 0.1),
    cycle (CAM_CYCLE_PECK, 3, 1, -0.8, 0.1),
    mv (CAM_MOVE_RAPID, 3, 1, up, 0, 20000, 0),
  };
  CamMove mill[] = {
    mv (CAM_MOVE_RAPID, 5.3, 5, 0.2, 0, 30000, 0),
    mv (CAM_MOVE_FEED, 5.3, 5, 0, 50, 30000, 4),
    arc (CAM_MOVE_ARC_CCW, 4.7, 5, -0.05, 5, 5, 120, 4),
    arc (CAM_MOVE_ARC_CCW, 5.3, 5, -0.1, 5, 5, 120, 4),
    arc (CAM_MOVE_ARC_CCW, 5.3, 5, -0.1, 5, 5, 150, 1.5),
    mv (CAM_MOVE_FEED, 6, 5, -0.1, 150, 30000, 2),
    arc (CAM_MOVE_ARC_CW, 6, 6, -0.1, 6, 5.5, 150, 2),
    mv (CAM_MOVE_RAPID, 6, 6, up, 0, 30000, 0),
  };
  CamMove drills[] = {
    mv (CAM_MOVE_RAPID, 8, 8, 0.2, 0, 20000, 0),
    cycle (CAM_CYCLE_DRILL, 8, 8, -0.5, 0),
    cycle (CAM_CYCLE_DRILL, 8.5, 8, -0.5, 0),
  };
  CamJobOp *op = cam_job_add_op (f->job, CAM_JOB_OP_PECK, t1);
  op->toolpath = op_toolpath (f->job, t1, pecks, G_N_ELEMENTS (pecks));
  op = cam_job_add_op (f->job, CAM_JOB_OP_POCKET, t2);
  op->toolpath = op_toolpath (f->job, t2, mill, G_N_ELEMENTS (mill));
  op = cam_job_add_op (f->job, CAM_JOB_OP_DRILL, t1);
  op->toolpath = op_toolpath (f->job, t1, drills, G_N_ELEMENTS (drills));
  cam_job_join_toolpaths (f->job);
  f->dir = g_dir_make_tmp ("microcam-post-job-XXXXXX", NULL);
  *state = f;
  return 0;
}

static int
teardown (void **state)
{
  Fixture *f = *state;
  g_autoptr (GDir) d = g_dir_open (f->dir, 0, NULL);
  const char *name;
  while (d && (name = g_dir_read_name (d)))
    {
      g_autofree char *p = g_build_filename (f->dir, name, NULL);
      if (g_file_test (p, G_FILE_TEST_IS_DIR))
        g_rmdir (p);
      else
        g_unlink (p);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
  cam_job_unref (f->job);
  cam_library_free (f->lib);
  g_free (f);
  return 0;
}

static char *
slurp (const char *path)
{
  char *text = NULL;
  g_autoptr (GError) error = NULL;
  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return text;
}

/* Lines that match a regular expression, comments (in parentheses) removed first. */
static guint
count_words (const char *text, const char *regex)
{
  g_autoptr (GRegex) comments = g_regex_new ("\\([^)]*\\)", 0, 0, NULL);
  g_autofree char *bare = g_regex_replace_literal (comments, text, -1, 0, "", 0, NULL);
  g_autoptr (GRegex) re = g_regex_new (regex, G_REGEX_MULTILINE, 0, NULL);
  g_autoptr (GMatchInfo) mi = NULL;
  guint n = 0;
  for (g_regex_match (re, bare, 0, &mi); g_match_info_matches (mi); g_match_info_next (mi, NULL))
    n++;
  return n;
}

static double
cut_length (const char *text)
{
  g_autoptr (CamGcodeReader) r = cam_gcode_reader_new (NULL);
  assert_true (cam_gcode_reader_parse (r, text, strlen (text), "per-tool.nc", NULL, NULL, NULL, NULL));
  if (r->errors->len > 0)
    fail_msg ("line %u: %s", g_array_index (r->errors, CamGcodeMessage, 0).line,
              g_array_index (r->errors, CamGcodeMessage, 0).message);
  CamToolpathStats st;
  cam_toolpath_stats (r->toolpath, NULL, -1, &st);
  return st.cut_length_mm;
}

static GPtrArray *
write_per_tool (Fixture *f, const CamPostDialect *d, const CamPostOptions *opt_in, const char *name,
                char **single_text)
{
  CamPostOptions opt;
  cam_post_options_init (&opt);
  if (opt_in)
    opt = *opt_in;
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  g_autoptr (GError) error = NULL;
  GPtrArray *written = g_ptr_array_new_with_free_func (g_free);
  assert_true (cam_post_write_job_per_tool (f->job, f->lib, d, &opt, path, written, &error));
  g_assert_no_error (error);
  if (single_text)
    {
      g_autofree char *single = g_build_filename (f->dir, "single.nc", NULL);
      assert_true (cam_post_write_job (f->job, f->lib, d, &opt, single, &error));
      g_assert_no_error (error);
      *single_text = slurp (single);
      g_unlink (single);
    }
  return written;
}

static void
test_tool_path_names (void **state)
{
  (void) state;
  const char *cases[][2] = {
    { "plate.ngc", "plate-T3.ngc" },
    { "/tmp/out/plate.ngc", "/tmp/out/plate-T3.ngc" },
    { "dir.v2/plate", "dir.v2/plate-T3" },
    { "a.b.nc", "a.b-T3.nc" },
    { ".ngc", ".ngc-T3" },
    { "./p.ngc", "./p-T3.ngc" },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = cam_post_job_tool_path (cases[i][0], 3);
      assert_string_equal (got, cases[i][1]);
    }
}

/* The expected toolpath of one tool, built independently: that tool's moves of the joined path. */
static CamToolpath *
moves_of_tool (const CamToolpath *tp, guint tool)
{
  CamToolpath *out = cam_toolpath_new ();
  gboolean first = TRUE;
  for (guint i = 0; i < tp->moves->len; i++)
    if (cam_toolpath_move (tp, i)->tool_index == tool)
      {
        if (first)
          cam_toolpath_move_start (tp, i, out->start);
        first = FALSE;
        cam_toolpath_append (out, cam_toolpath_move (tp, i));
      }
  return out;
}

static void
test_linuxcnc_per_tool (void **state)
{
  Fixture *f = *state;
  g_autofree char *single = NULL;
  g_autoptr (GPtrArray) written = write_per_tool (f, cam_post_linuxcnc (), NULL, "plate.ngc", &single);
  assert_int_equal (written->len, 2);
  g_autofree char *p1 = g_build_filename (f->dir, "plate-T1.ngc", NULL);
  g_autofree char *p2 = g_build_filename (f->dir, "plate-T2.ngc", NULL);
  assert_string_equal (g_ptr_array_index (written, 0), p1);
  assert_string_equal (g_ptr_array_index (written, 1), p2);

  const CamMachine *mach = cam_library_find_machine (f->lib, "micro60k");
  CamKinematics kin;
  cam_machine_kinematics (mach, &kin);
  double sum = 0;
  for (guint k = 0; k < 2; k++)
    {
      g_autofree char *text = slurp (g_ptr_array_index (written, k));
      guint number = k + 1, other = 2 - k;
      /* one tool change, this tool's */
      assert_int_equal (count_words (text, "^T[0-9]+ M6$"), 1);
      g_autofree char *tc = g_strdup_printf ("\nT%u M6\nG43 H%u\n", number, number);
      assert_non_null (strstr (text, tc));
      /* header: this tool only, then safe start before any motion; spindle off and end last */
      g_autofree char *mine = g_strdup_printf ("\n(T%u: ", number);
      g_autofree char *theirs = g_strdup_printf ("(T%u: ", other);
      assert_non_null (strstr (text, mine));
      assert_null (strstr (text, theirs));
      assert_true (g_str_has_prefix (text, "(microcam "));
      const char *safe = strstr (text, "\nG17 G21 G40 G49 G80 G90 G94\n");
      assert_non_null (safe);
      assert_true (safe < strstr (text, "\nG0 "));
      assert_true (g_str_has_suffix (text, "\nM5 M9\nM30\n"));
      /* its operations only */
      assert_true ((strstr (text, "(op2:") != NULL) == (number == 2));
      assert_true ((strstr (text, "(op1:") != NULL) == (number == 1));
      assert_true ((strstr (text, "(op3:") != NULL) == (number == 1));
      /* cycle time and safety factor of this tool's moves */
      g_autoptr (CamToolpath) part = moves_of_tool (f->job->toolpath, k);
      CamToolpathStats st;
      cam_toolpath_stats (part, &kin, -1, &st);
      g_autofree char *ct = g_strdup_printf ("(estimated cycle time: %.1f s ", st.cycle_time_s);
      assert_non_null (strstr (text, ct));
      assert_non_null (strstr (text, number == 1 ? "safety factor: 3.00 at op1" : "safety factor: 1.50 at op2"));
      sum += cut_length (text);

      /* LinuxCNC runs it without error and makes exactly this tool's moves */
      RS274_REQUIRED ();
      g_autofree char *diff = rs274_compare (part, g_ptr_array_index (written, k));
      if (diff)
        fail_msg ("%s", diff);
    }
  /* together they cut what the single program cuts */
  double whole = cut_length (single);
  assert_true (whole > 1);
  assert_float_equal (sum, whole, 1e-6 * whole);
}

static void
test_fanuc_program_numbers (void **state)
{
  Fixture *f = *state;
  g_autoptr (GPtrArray) written = write_per_tool (f, cam_post_fanuc (), NULL, "plate.nc", NULL);
  assert_int_equal (written->len, 2);
  for (guint k = 0; k < 2; k++)
    {
      g_autofree char *text = slurp (g_ptr_array_index (written, k));
      g_autofree char *start = g_strdup_printf ("%%\nO%04u\n", 1001 + k);
      assert_true (g_str_has_prefix (text, start));
      assert_true (g_str_has_suffix (text, "\nM30\n%\n"));
      assert_int_equal (count_words (text, "^T[0-9]+ M06$"), 1);
      assert_int_equal (count_words (text, "^O[0-9]+$"), 1);
    }
  /* the caller's base number */
  CamPostOptions opt;
  cam_post_options_init (&opt);
  opt.program_number = 5000;
  g_autoptr (GPtrArray) again = write_per_tool (f, cam_post_fanuc (), &opt, "base.nc", NULL);
  g_autofree char *t2 = slurp (g_ptr_array_index (again, 1));
  assert_true (g_str_has_prefix (t2, "%\nO5002\n"));
  /* the single program keeps the dialect's number */
  g_autofree char *single = NULL;
  g_autoptr (GPtrArray) w3 = write_per_tool (f, cam_post_fanuc (), NULL, "x.nc", &single);
  assert_int_equal (w3->len, 2);
  assert_true (g_str_has_prefix (single, "%\nO1000\n"));
}

static void
test_grbl_per_tool (void **state)
{
  Fixture *f = *state;
  g_autofree char *single = NULL;
  g_autoptr (GPtrArray) written = write_per_tool (f, cam_post_grbl (), NULL, "plate.gcode", &single);
  assert_int_equal (written->len, 2);
  double sum = 0;
  for (guint k = 0; k < 2; k++)
    {
      g_autofree char *text = slurp (g_ptr_array_index (written, k));
      assert_int_equal (count_words (text, "(^| )(G8[0-9]|G73|G98|G99|M0?6|G43)( |$)"), 0);
      assert_int_equal (count_words (text, "^M0$"), 1);   /* the one tool change: a pause */
      sum += cut_length (text);
    }
  double whole = cut_length (single);
  assert_float_equal (sum, whole, 1e-6 * whole);
}

static guint
count_files (const char *dir)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;
  while (g_dir_read_name (d))
    n++;
  return n;
}

/* A target that cannot be written: no program is replaced, the error names it, no temporary
 * file is left. A toolpath that cannot be posted: nothing is written. */
static void
test_all_or_nothing (void **state)
{
  Fixture *f = *state;
  g_autofree char *path = g_build_filename (f->dir, "plate.ngc", NULL);
  g_autofree char *p1 = g_build_filename (f->dir, "plate-T1.ngc", NULL);
  g_autofree char *p2 = g_build_filename (f->dir, "plate-T2.ngc", NULL);
  assert_true (g_file_set_contents (p1, "KEEP", -1, NULL));
  assert_int_equal (g_mkdir (p2, 0755), 0);
  CamPostOptions opt;
  cam_post_options_init (&opt);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) written = g_ptr_array_new_with_free_func (g_free);
  assert_false (cam_post_write_job_per_tool (f->job, f->lib, cam_post_linuxcnc (), &opt, path, written, &error));
  g_assert_error (error, CAM_ERROR, CAM_ERROR_IO);
  assert_non_null (strstr (error->message, p2));
  assert_int_equal (written->len, 0);
  g_autofree char *kept = slurp (p1);
  assert_string_equal (kept, "KEEP");
  assert_int_equal (count_files (f->dir), 2);
  g_rmdir (p2);

  /* a move that cannot be posted in T2's operation: T1's program is not written either */
  g_clear_error (&error);
  CamMove *bad = NULL;
  for (guint i = 0; i < f->job->toolpath->moves->len; i++)
    if (cam_toolpath_move (f->job->toolpath, i)->tool_index == 1
        && cam_toolpath_move (f->job->toolpath, i)->type == CAM_MOVE_FEED)
      bad = cam_toolpath_move (f->job->toolpath, i);
  assert_non_null (bad);
  bad->x = NAN;
  assert_false (cam_post_write_job_per_tool (f->job, f->lib, cam_post_linuxcnc (), &opt, path, written, &error));
  assert_non_null (strstr (error->message, p2));
  g_autofree char *still = slurp (p1);
  assert_string_equal (still, "KEEP");
  assert_int_equal (count_files (f->dir), 1);
  bad->x = 6;

  /* a folder that does not exist: named */
  g_clear_error (&error);
  g_autofree char *nowhere = g_build_filename (f->dir, "no", "such", "x.ngc", NULL);
  assert_false (cam_post_write_job_per_tool (f->job, f->lib, cam_post_linuxcnc (), &opt, nowhere, NULL, &error));
  g_assert_error (error, CAM_ERROR, CAM_ERROR_IO);
  assert_non_null (strstr (error->message, "x-T1.ngc"));

  /* and once all is well, both are written and replace the earlier file */
  g_clear_error (&error);
  assert_true (cam_post_write_job_per_tool (f->job, f->lib, cam_post_linuxcnc (), &opt, path, written, &error));
  assert_int_equal (written->len, 2);
  g_autofree char *now = slurp (p1);
  assert_non_null (strstr (now, "T1 M6"));
  assert_int_equal (count_files (f->dir), 2);

  /* a job without a toolpath */
  g_clear_error (&error);
  g_autoptr (CamJob) empty = cam_job_new ();
  assert_false (cam_post_write_job_per_tool (empty, f->lib, cam_post_linuxcnc (), &opt, path, NULL, &error));
  g_assert_error (error, CAM_ERROR, CAM_ERROR_INVALID);
}

int
main (void)
{
  /* rs274 keeps its tool table in $HOME/.tool.mmap, truncated at start: two interpreters
   * running at once under one HOME (parallel tests) crash with SIGBUS. A HOME of our own. */
  g_autofree char *home = g_dir_make_tmp ("microcam-rs274-home-XXXXXX", NULL);
  g_setenv ("HOME", home, TRUE);
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_tool_path_names),
    cmocka_unit_test_setup_teardown (test_linuxcnc_per_tool, setup, teardown),
    cmocka_unit_test_setup_teardown (test_fanuc_program_numbers, setup, teardown),
    cmocka_unit_test_setup_teardown (test_grbl_per_tool, setup, teardown),
    cmocka_unit_test_setup_teardown (test_all_or_nothing, setup, teardown),
  };
  int failed = cmocka_run_group_tests (tests, NULL, NULL);
  g_autofree char *mmap_file = g_build_filename (home, ".tool.mmap", NULL);
  g_unlink (mmap_file);
  g_rmdir (home);
  return failed;
}
