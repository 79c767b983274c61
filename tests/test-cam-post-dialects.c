/* test-cam-post-dialects.c — the grbl and Fanuc tables (cam-post-grbl.c, cam-post-fanuc.c): each
 * program checked against its dialect's rules, and read back (cam-gcode-reader) to the same lengths
 * as the toolpath it came from. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "cam-error.h"
#include "cam-gcode-reader.h"
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

/* Two tools; G83, G73, G81, G82 holes; a helix of two extra turns; arcs; a dwell. */
static CamToolpath *
sample_toolpath (void)
{
  CamToolpath *tp = cam_toolpath_new ();
  cam_toolpath_add_tool (tp, 1, 0.2, "drill:d=0.2", "drill 0.2", CAM_COOLANT_MIST);
  cam_toolpath_add_tool (tp, 2, 0.5, "flat:d=0.5,z=2", "flat 0.5", CAM_COOLANT_FLOOD);
  CamMove m = mv (CAM_MOVE_RAPID, 1, 1, 2, 0, 0, 80000);
  cam_toolpath_append (tp, &m);
  const guint8 kinds[] = { CAM_CYCLE_PECK, CAM_CYCLE_PECK, CAM_CYCLE_CHIPBREAK, CAM_CYCLE_DRILL,
                           CAM_CYCLE_DRILL_DWELL };
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      CamMove c = mv (CAM_MOVE_CYCLE, 1 + 1.2 * i, 1, -0.8, 0, 40, 80000);
      c.cycle = kinds[i];
      c.retract = i == 4 ? CAM_RETRACT_OLD_Z : CAM_RETRACT_R_PLANE;
      c.r_z = 0.2;
      c.q_mm = c.cycle == CAM_CYCLE_PECK || c.cycle == CAM_CYCLE_CHIPBREAK ? 0.15 : 0;
      c.dwell_s = 0.25;
      cam_toolpath_append (tp, &c);
    }
  m = mv (CAM_MOVE_RAPID, 3.3, 3, 2, 1, 0, 30000);
  cam_toolpath_append (tp, &m);
  m = mv (CAM_MOVE_RAPID, 3.3, 3, 0.2, 1, 0, 30000);
  cam_toolpath_append (tp, &m);
  m = mv (CAM_MOVE_FEED, 3.3, 3, 0, 1, 50, 30000);
  cam_toolpath_append (tp, &m);
  CamMove helix = mv (CAM_MOVE_ARC_CCW, 2.7, 3, -0.25, 1, 120, 30000);
  helix.cx = 3, helix.cy = 3;
  helix.turns = 2;
  cam_toolpath_append (tp, &helix);
  CamMove arc = mv (CAM_MOVE_ARC_CW, 3.3, 3, -0.25, 1, 150, 30000);
  arc.cx = 3, arc.cy = 3;
  cam_toolpath_append (tp, &arc);
  CamMove d = mv (CAM_MOVE_DWELL, 3.3, 3, -0.25, 1, 0, 30000);
  d.dwell_s = 0.5;
  cam_toolpath_append (tp, &d);
  m = mv (CAM_MOVE_FEED, 2.0, 2.5, -0.25, 1, 150, 30000);
  cam_toolpath_append (tp, &m);
  m = mv (CAM_MOVE_RAPID, 2.0, 2.5, 2, 1, 0, 30000);
  cam_toolpath_append (tp, &m);
  return tp;
}

static char *
generate (const CamPostDialect *d, const CamToolpath *tp, gboolean line_numbers)
{
  CamPostOptions opt;
  cam_post_options_init (&opt);
  opt.part_name = "plate with a rather long name that would not fit on one grbl line at all.stl";
  opt.material = "ss316l";
  opt.machine = "micro60k";
  opt.cycle_time_s = 42;
  opt.min_safety_factor = 2.5;
  opt.max_rpm = 60000;
  opt.line_numbers = line_numbers;
  opt.spindle_warmup_s = 2;
  g_autoptr (GError) error = NULL;
  char *text = cam_post_generate (d, tp, &opt, &error);
  g_assert_no_error (error);
  return text;
}

/* Reads a generated program back and compares the controller's lengths with the toolpath's. */
static void
assert_reads_back (const CamToolpath *tp, const char *text, double tol)
{
  g_autoptr (CamGcodeReader) r = cam_gcode_reader_new (NULL);
  assert_true (cam_gcode_reader_parse (r, text, strlen (text), "post.nc", NULL, NULL, NULL, NULL));
  if (r->errors->len > 0)
    fail_msg ("line %u: %s", g_array_index (r->errors, CamGcodeMessage, 0).line,
              g_array_index (r->errors, CamGcodeMessage, 0).message);
  /* both start at the origin, as the interpreter does */
  assert_float_equal (tp->start[2], 0, 0);
  CamToolpathStats a, b;
  cam_toolpath_stats (tp, NULL, -1, &a);
  cam_toolpath_stats (r->toolpath, NULL, -1, &b);
  assert_float_equal (b.cut_length_mm, a.cut_length_mm, tol);
  assert_float_equal (b.rapid_length_mm, a.rapid_length_mm, tol);
}

static gboolean
in_list (int v, const int *list, gsize n)
{
  for (gsize i = 0; i < n; i++)
    if (list[i] == v)
      return TRUE;
  return FALSE;
}

static void
test_grbl_rules (void **state)
{
  (void) state;
  g_autoptr (CamToolpath) tp = sample_toolpath ();
  for (int numbered = 0; numbered < 2; numbered++)
    {
      g_autofree char *text = generate (cam_post_grbl (), tp, numbered);
      /* grbl 1.1 gcode.c: the G and M codes it knows (×10 for G: G91.1 → 911) */
      const int g_ok[] = { 0, 10, 20, 30, 40, 170, 180, 190, 200, 210, 280, 300, 400, 431, 490, 530, 540, 550,
                           560, 570, 580, 590, 610, 800, 900, 910, 911, 920, 930, 940 };
      const int m_ok[] = { 0, 1, 2, 3, 4, 5, 7, 8, 9, 30 };
      g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
      guint n_arcs = 0;
      for (char **l = lines; *l; l++)
        {
          if (strlen (*l) > 80)
            fail_msg ("grbl line longer than 80 characters: %s", *l);
          gboolean has_g4 = strstr (*l, "G4 ") != NULL;
          int paren = 0;
          for (const char *p = *l; *p; p++)
            {
              if (*p == '(')
                paren++;
              if (*p == ')')
                paren--;
              if (paren > 0 || *p == ')')
                continue;
              if ((unsigned char) *p >= 0x80)
                fail_msg ("non-ASCII byte in: %s", *l);
              if (*p == '%' || *p == 'O' || *p == 'Q' || *p == 'H' || *p == 'L' || *p == 'D' || *p == 'E'
                  || *p == 'R')
                fail_msg ("word %c that grbl rejects (or that implies a canned cycle) in: %s", *p, *l);
              if (*p == 'P' && !has_g4)
                fail_msg ("P outside G4 in: %s", *l);
              if (*p == 'G' || *p == 'M')
                {
                  double v = g_ascii_strtod (p + 1, NULL);
                  int code = *p == 'G' ? (int) lround (v * 10) : (int) lround (v);
                  if (*p == 'G' && !in_list (code, g_ok, G_N_ELEMENTS (g_ok)))
                    fail_msg ("G%g is not a grbl G-code: %s", v, *l);
                  if (*p == 'M' && !in_list (code, m_ok, G_N_ELEMENTS (m_ok)))
                    fail_msg ("M%g is not a grbl M-code: %s", v, *l);
                  if (*p == 'G' && (code == 20 || code == 30))
                    n_arcs++;
                }
              if (*p == 'S' && g_ascii_strtod (p + 1, NULL) > 60000)
                fail_msg ("S above the machine's maximum: %s", *l);
            }
        }
      /* the helix's two extra turns are full circles of their own: 2 + 1 + 1 arcs */
      assert_int_equal (n_arcs, 4);
      assert_null (strstr (text, "G8"));
      assert_null (strstr (text, "G73"));
      assert_null (strstr (text, "M6"));
      assert_null (strstr (text, "G43"));
      assert_non_null (strstr (text, "M0\n"));
      assert_non_null (strstr (text, "S60000 M3"));   /* 80000 clamped */
      /* drilled holes went out as the moves the controller makes; same lengths back */
      assert_reads_back (tp, text, 2e-3);
    }
}

static void
test_grbl_program_runs_in_rs274 (void **state)
{
  (void) state;
  RS274_REQUIRED ();
  g_autoptr (CamToolpath) tp = sample_toolpath ();
  g_autofree char *text = generate (cam_post_grbl (), tp, TRUE);
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "microcam-test-grbl.ngc", NULL);
  assert_true (g_file_set_contents (path, text, -1, NULL));
  g_autoptr (GArray) moves = g_array_new (FALSE, TRUE, sizeof (Rs274Move));
  g_autofree char *message = NULL;
  gboolean ok = rs274_run (path, moves, &message);
  g_unlink (path);
  if (!ok)
    fail_msg ("%s", message);
  assert_true (moves->len > 20);
}

static void
test_fanuc_rules (void **state)
{
  (void) state;
  g_autoptr (CamToolpath) tp = sample_toolpath ();
  g_autofree char *text = generate (cam_post_fanuc (), tp, TRUE);
  assert_true (g_str_has_prefix (text, "%\nO1000\n"));
  assert_true (g_str_has_suffix (text, "M30\n%\n"));
  const char *must[] = { "T01 M06\n", "G43 H01\n", "T02 M06\n", "G43 H02\n", "G91 G28 Z0.\n",
                         "G99 G83 X1.000 Y1.000 Z-0.800 R0.200 Q0.150 F40.0", "G73", "G81",
                         "G98 G82 X5.800 Y1.000 Z-0.800 R0.200 P250 ", "G80\n", "G04 X2.000", "G04 X0.500",
                         "S60000 M03", "M07", "M08", "(PART PLATE WITH", "(MIN SAFETY FACTOR 2.50)" };
  for (guint i = 0; i < G_N_ELEMENTS (must); i++)
    if (strstr (text, must[i]) == NULL)
      fail_msg ("missing \"%s\" in\n%s", must[i], text);
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
  for (char **l = lines; *l; l++)
    {
      /* comments in upper case; no P on arcs (turns written as full circles) */
      const char *c = strchr (*l, '(');
      if (c != NULL)
        for (const char *p = c; *p; p++)
          if (g_ascii_islower (*p))
            fail_msg ("lower case in a Fanuc comment: %s", *l);
      if ((strstr (*l, "G02") || strstr (*l, "G03")) && strchr (*l, 'P'))
        fail_msg ("P on an arc: %s", *l);
      /* every coordinate carries a decimal point (Fanuc reads "X1" as 1 µm on IS-B) */
      for (const char *p = *l; *p && *p != '('; p++)
        if (strchr ("XYZIJRQ", *p) && p[1] != '\0')
          {
            const char *e = p + 1;
            while (*e == '-' || g_ascii_isdigit (*e) || *e == '.')
              e++;
            if (memchr (p + 1, '.', (size_t) (e - p - 1)) == NULL)
              fail_msg ("coordinate without a decimal point: %s", *l);
          }
    }
  assert_true (cam_post_find ("fanuc") == cam_post_fanuc ());
  assert_true (cam_post_find ("GRBL") == cam_post_grbl ());
  assert_true (cam_post_find ("linuxcnc") == cam_post_linuxcnc ());
}

static void
test_fanuc_reads_back (void **state)
{
  (void) state;
  g_autoptr (CamToolpath) tp = sample_toolpath ();
  g_autofree char *text = generate (cam_post_fanuc (), tp, FALSE);
  g_autoptr (CamGcodeReader) r = cam_gcode_reader_new (NULL);
  assert_true (cam_gcode_reader_parse (r, text, strlen (text), "fanuc.nc", NULL, NULL, NULL, NULL));
  assert_int_equal (r->errors->len, 0);
  /* the five holes come back as five cycles with the same parameters; the G82 dwell in ms */
  guint cycles = 0;
  for (guint i = 0; i < r->toolpath->moves->len; i++)
    {
      const CamMove *m = cam_toolpath_move (r->toolpath, i);
      if (m->type != CAM_MOVE_CYCLE)
        continue;
      const CamMove *o = cam_toolpath_move (tp, 1 + cycles);
      assert_int_equal (m->cycle, o->cycle);
      assert_int_equal (m->retract, o->retract);
      assert_float_equal (m->x, o->x, 1e-9);
      assert_float_equal (m->z, o->z, 1e-9);
      assert_float_equal (m->r_z, o->r_z, 1e-9);
      if (o->cycle == CAM_CYCLE_PECK || o->cycle == CAM_CYCLE_CHIPBREAK)
        assert_float_equal (m->q_mm, o->q_mm, 1e-9);
      cycles++;
    }
  assert_int_equal (cycles, 5);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_grbl_rules),
    cmocka_unit_test (test_grbl_program_runs_in_rs274),
    cmocka_unit_test (test_fanuc_rules),
    cmocka_unit_test (test_fanuc_reads_back),
  };
  return cmocka_run_group_tests (tests, NULL, NULL);
}
