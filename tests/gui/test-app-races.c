/* test-app-races.c — background work on snapshots (issue 10): every task of the pages works
 * on data nobody else changes and hands back a result the main thread swaps in, so editing
 * while a task runs neither crashes (run under ASan+UBSan too) nor changes what the task
 * makes. On a real display (run-in-xvfb.sh), panels in no window, views never shown.
 *
 * The first test is the crash of the issue: plan → Export report → reorder while the report
 * thread runs (the reorder joined the job's toolpaths again, freeing the toolpath the report
 * read: SEGV in report_thread under ASan). Then an edit during each kind of task: plan,
 * regenerate, report, G-code export, DFM analysis, G-code review; and cam_job_copy itself. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <math.h>
#include <string.h>

#include "app-dfm-panel.h"
#include "app-gcode-panel.h"
#include "app-ops-panel.h"
#include "cam-library.h"

static CamMesh *plate, *disk;
static char *dir;

static void
wait_ops (AppOpsPanel *p)
{
  gint64 until = g_get_monotonic_time () + 120 * G_USEC_PER_SEC;
  while ((app_ops_panel_is_busy (p) || app_ops_panel_is_writing (p)) && g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, TRUE);
  assert_false (app_ops_panel_is_busy (p));
  assert_false (app_ops_panel_is_writing (p));
}

static void
wait_dfm (AppDfmPanel *p)
{
  gint64 until = g_get_monotonic_time () + 120 * G_USEC_PER_SEC;
  while (app_dfm_panel_is_busy (p) && g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, TRUE);
  assert_false (app_dfm_panel_is_busy (p));
}

static void
wait_gcode (AppGcodePanel *p)
{
  gint64 until = g_get_monotonic_time () + 120 * G_USEC_PER_SEC;
  while (app_gcode_panel_is_busy (p) && g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, TRUE);
  assert_false (app_gcode_panel_is_busy (p));
}

/* Lets the threads of tasks no longer awaited finish (their results are dropped when they
 * come back): a few seconds of the main loop. */
static void
drain (double seconds)
{
  gint64 until = g_get_monotonic_time () + (gint64) (seconds * G_USEC_PER_SEC);
  while (g_get_monotonic_time () < until)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (5000);
    }
}

static char *
tmp_path (const char *name)
{
  return g_build_filename (dir, name, NULL);
}

static char *
contents (const char *path)
{
  char *text = NULL;
  assert_true (g_file_get_contents (path, &text, NULL, NULL));
  return text;
}

static AppOpsPanel *
planned_panel (void)
{
  AppOpsPanel *p = APP_OPS_PANEL (g_object_ref_sink (app_ops_panel_new (NULL)));
  app_ops_panel_set_mesh (p, plate);
  app_ops_panel_plan (p);
  wait_ops (p);
  assert_non_null (app_ops_panel_get_job (p));
  assert_true (app_ops_panel_get_job (p)->ops->len >= 3);
  return p;
}

static void
test_reorder_during_report (void **state)
{
  (void) state;
  AppOpsPanel *p = planned_panel ();
  g_autofree char *before = tmp_path ("before.html");
  g_autofree char *during = tmp_path ("during.html");
  g_autofree char *after = tmp_path ("after.html");
  app_ops_panel_export_report (p, before);
  wait_ops (p);
  assert_non_null (strstr (app_ops_panel_get_status (p), "Export report: "));

  /* the reorder (and a delete) while the thread writes the sheet */
  g_autofree char *first = g_strdup (cam_job_op (app_ops_panel_get_job (p), 0)->id);
  app_ops_panel_export_report (p, during);
  assert_true (app_ops_panel_is_writing (p));
  assert_true (app_ops_panel_move_op (p, 0, +1));
  assert_true (app_ops_panel_move_op (p, 1, +1));
  guint n = app_ops_panel_get_job (p)->ops->len;
  assert_true (app_ops_panel_delete_op (p, (int) n - 1));
  wait_ops (p);
  assert_non_null (strstr (app_ops_panel_get_status (p), "Export report: "));
  /* the sheet is the job as it was when asked: byte for byte the one written before */
  g_autofree char *a = contents (before);
  g_autofree char *b = contents (during);
  assert_string_equal (a, b);
  /* and the edits are real: the job now is another sheet, its first op no longer first */
  assert_string_equal (cam_job_op (app_ops_panel_get_job (p), 2)->id, first);
  app_ops_panel_export_report (p, after);
  wait_ops (p);
  g_autofree char *c = contents (after);
  assert_true (strcmp (a, c) != 0);
  g_autofree char *heading = g_strdup_printf ("<h2>%s ", first);
  assert_ptr_equal (strstr (a, heading), strstr (a, "<h2>op"));
  assert_true (strstr (c, heading) > strstr (c, "<h2>op"));
  g_unlink (before);
  g_unlink (during);
  g_unlink (after);
  g_object_unref (p);
}

static void
test_edit_during_regenerate (void **state)
{
  (void) state;
  AppOpsPanel *p = planned_panel ();
  CamJob *job = app_ops_panel_get_job (p);
  guint n = job->ops->len;
  g_autofree char *first = g_strdup (cam_job_op (job, 0)->id);
  app_ops_panel_regenerate (p);
  assert_true (app_ops_panel_is_busy (p));
  /* edits while the thread generates its copy of the job */
  assert_true (app_ops_panel_move_op (p, 0, +1));
  app_ops_panel_select_op (p, 1);
  int added = app_ops_panel_add_op (p, CAM_JOB_OP_DRILL);
  assert_int_equal (added, (int) n);
  assert_true (app_ops_panel_delete_op (p, added));
  wait_ops (p);
  /* the toolpaths generated for the job before the edit are dropped; the edit stays */
  job = app_ops_panel_get_job (p);
  assert_int_equal (job->ops->len, n);
  assert_string_equal (cam_job_op (job, 1)->id, first);
  assert_non_null (strstr (app_ops_panel_get_status (p), "changed while"));
  assert_true (app_ops_panel_get_modified (p));
  /* regenerating the edited job gives it toolpaths in its new order */
  app_ops_panel_regenerate (p);
  wait_ops (p);
  job = app_ops_panel_get_job (p);
  assert_string_equal (cam_job_op (job, 1)->id, first);
  assert_non_null (strstr (app_ops_panel_get_status (p), "operations"));
  assert_non_null (job->toolpath);
  gboolean op1_first = FALSE;
  for (guint i = 0; i < job->toolpath->moves->len && !op1_first; i++)
    {
      const CamMove *m = cam_toolpath_move (job->toolpath, i);
      if (!(m->flags & CAM_MOVE_FLAG_LINK))
        {
          op1_first = m->op_index == 0;
          break;
        }
    }
  assert_true (op1_first);
  g_object_unref (p);
}

static void
test_edit_during_plan (void **state)
{
  (void) state;
  AppOpsPanel *p = planned_panel ();
  guint n = app_ops_panel_get_job (p)->ops->len;
  /* a new plan while the current job is edited: the plan replaces the job (the edits were
   * to the job the user asked to plan again) */
  app_ops_panel_plan (p);
  assert_true (app_ops_panel_is_busy (p));
  assert_true (app_ops_panel_delete_op (p, 0));
  assert_true (app_ops_panel_move_op (p, 0, +1));
  wait_ops (p);
  CamJob *job = app_ops_panel_get_job (p);
  assert_int_equal (job->ops->len, n);
  assert_string_equal (job->material_id, "al6061");
  assert_non_null (job->toolpath);
  assert_non_null (strstr (app_ops_panel_get_status (p), "operations"));
  /* a plan while the material changes: planned for a material no longer chosen, dropped;
   * the job kept is the one there was, its edits made while planning kept */
  app_ops_panel_plan (p);
  assert_true (app_ops_panel_is_busy (p));
  assert_true (app_ops_panel_delete_op (p, 0));
  assert_true (app_ops_panel_select_material (p, "cu-c110"));
  wait_ops (p);
  assert_non_null (strstr (app_ops_panel_get_status (p), "changed while planning"));
  assert_ptr_equal (app_ops_panel_get_job (p), job);
  assert_int_equal (job->ops->len, n - 1);
  app_ops_panel_plan (p);
  wait_ops (p);
  assert_string_equal (app_ops_panel_get_job (p)->material_id, "cu-c110");

  /* another part while planning: that plan is cancelled and, should it still come back,
   * dropped: the new part has no job until it is planned */
  app_ops_panel_plan (p);
  assert_true (app_ops_panel_is_busy (p));
  app_ops_panel_set_mesh (p, disk);
  assert_false (app_ops_panel_is_busy (p));
  assert_null (app_ops_panel_get_job (p));
  drain (3.0);
  assert_false (app_ops_panel_is_busy (p));
  assert_null (app_ops_panel_get_job (p));
  assert_true (app_ops_panel_get_n_segments (p) == 0);
  g_object_unref (p);
}

static void
test_edit_during_gcode_export (void **state)
{
  (void) state;
  AppOpsPanel *p = planned_panel ();
  g_autoptr (GError) error = NULL;
  g_autofree char *now = tmp_path ("now.ngc");
  g_autofree char *threaded = tmp_path ("threaded.ngc");
  assert_true (app_ops_panel_export_gcode (p, "fanuc", now, &error));
  app_ops_panel_start_export_gcode (p, "fanuc", threaded, FALSE);
  assert_true (app_ops_panel_is_writing (p));
  assert_true (app_ops_panel_move_op (p, 0, +1));
  assert_true (app_ops_panel_delete_op (p, 1));
  wait_ops (p);
  assert_non_null (strstr (app_ops_panel_get_status (p), "Export G-code: "));
  g_autofree char *a = contents (now);
  g_autofree char *b = contents (threaded);
  assert_string_equal (a, b);
  /* one program per tool, the same way, while the part changes under the job */
  g_autofree char *per = tmp_path ("per.ngc");
  app_ops_panel_start_export_gcode (p, "linuxcnc", per, TRUE);
  app_ops_panel_set_mesh (p, disk);
  assert_null (app_ops_panel_get_job (p));
  wait_ops (p);
  assert_non_null (strstr (app_ops_panel_get_status (p), "programs, one per tool"));
  guint programs = 0;
  g_autoptr (GDir) written = g_dir_open (dir, 0, NULL);
  const char *name;
  while ((name = g_dir_read_name (written)) != NULL)
    if (g_str_has_prefix (name, "per-T"))
      {
        g_autofree char *path = tmp_path (name);
        g_autofree char *prog = contents (path);
        assert_non_null (strstr (prog, "M30"));
        programs++;
      }
  assert_true (programs >= 2);
  /* no job: refused with a message, nothing started */
  app_ops_panel_start_export_gcode (p, "linuxcnc", per, FALSE);
  assert_false (app_ops_panel_is_writing (p));
  assert_non_null (strstr (app_ops_panel_get_status (p), "no toolpath"));
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  while ((name = g_dir_read_name (d)) != NULL)
    if (g_str_has_suffix (name, ".ngc"))
      {
        g_autofree char *path = tmp_path (name);
        g_unlink (path);
      }
  g_object_unref (p);
}

static void
test_job_copy_is_independent (void **state)
{
  (void) state;
  AppOpsPanel *p = planned_panel ();
  CamJob *job = app_ops_panel_get_job (p);
  CamJob *copy = cam_job_copy (job);
  assert_int_equal (copy->ops->len, job->ops->len);
  assert_int_equal (copy->tools->len, job->tools->len);
  assert_string_equal (copy->material_id, job->material_id);
  assert_memory_equal (copy->work_offset, job->work_offset, sizeof job->work_offset);
  /* toolpaths are shared (never changed once in a job), everything else is the copy's own */
  assert_ptr_equal (copy->toolpath, job->toolpath);
  int drill = -1;
  for (guint i = 0; i < job->ops->len; i++)
    {
      CamJobOp *a = cam_job_op (job, i), *b = cam_job_op (copy, i);
      assert_string_equal (a->id, b->id);
      assert_ptr_equal (a->toolpath, b->toolpath);
      assert_true (a->holes != b->holes);
      assert_int_equal (a->holes->len, b->holes->len);
      if (a->holes->len > 0 && drill < 0)
        drill = (int) i;
    }
  assert_true (drill >= 0);
  guint holes = cam_job_op (job, drill)->holes->len;
  double d = g_array_index (cam_job_op (job, drill)->holes, CamJobHole, 0).diameter_mm;
  g_array_set_size (cam_job_op (copy, drill)->holes, 0);
  cam_job_op (copy, drill)->feed_mm_min = 12.5;
  g_free (cam_job_tool (copy, 0)->spec);
  cam_job_tool (copy, 0)->spec = g_strdup ("changed");
  g_ptr_array_remove_index (copy->ops, 0);
  cam_job_join_toolpaths (copy);
  assert_true (copy->toolpath != job->toolpath);
  assert_int_equal (cam_job_op (job, drill)->holes->len, holes);
  assert_true (g_array_index (cam_job_op (job, drill)->holes, CamJobHole, 0).diameter_mm == d);
  assert_true (isnan (cam_job_op (job, drill)->feed_mm_min) || cam_job_op (job, drill)->feed_mm_min != 12.5);
  assert_true (strcmp (cam_job_tool (job, 0)->spec, "changed") != 0);
  cam_job_unref (copy);
  /* the original is whole after the copy is gone */
  assert_non_null (job->toolpath);
  assert_true (job->toolpath->moves->len > 0);
  g_object_unref (p);
}

static void
test_edit_during_dfm_analysis (void **state)
{
  (void) state;
  /* what the final settings give when nothing else happens */
  AppDfmPanel *ref = APP_DFM_PANEL (g_object_ref_sink (app_dfm_panel_new (NULL)));
  assert_true (app_dfm_panel_select_material (ref, "h13-50hrc"));
  app_dfm_panel_set_tolerance (ref, 0.005);
  app_dfm_panel_set_mesh (ref, plate);
  wait_dfm (ref);
  const CamDfmReport *want = app_dfm_panel_get_report (ref);
  assert_non_null (want);

  AppDfmPanel *p = APP_DFM_PANEL (g_object_ref_sink (app_dfm_panel_new (NULL)));
  app_dfm_panel_set_mesh (p, disk);
  assert_true (app_dfm_panel_is_busy (p));
  /* another part, material and tolerance while the thread recognises the first */
  app_dfm_panel_set_mesh (p, plate);
  assert_true (app_dfm_panel_select_material (p, "h13-50hrc"));
  app_dfm_panel_set_tolerance (p, 0.005);
  wait_dfm (p);
  drain (1.0);
  const CamDfmReport *got = app_dfm_panel_get_report (p);
  assert_non_null (got);
  assert_int_equal (got->findings->len, want->findings->len);
  assert_int_equal (got->n_errors, want->n_errors);
  assert_int_equal (got->n_warnings, want->n_warnings);
  assert_int_equal (got->n_notes, want->n_notes);
  assert_int_equal (cam_feature_set_count (app_dfm_panel_get_features (p), CAM_FEATURE_HOLE),
                    cam_feature_set_count (app_dfm_panel_get_features (ref), CAM_FEATURE_HOLE));
  /* a part taken away during an analysis: nothing shown, nothing left running */
  app_dfm_panel_select_material (p, "al6061");
  assert_true (app_dfm_panel_is_busy (p));
  app_dfm_panel_set_mesh (p, NULL);
  assert_false (app_dfm_panel_is_busy (p));
  drain (1.0);
  assert_null (app_dfm_panel_get_report (p));
  g_object_unref (p);
  g_object_unref (ref);
}

/* A slot, an arc and a pocket pass (lines 1–12), then a second program of drilling only. */
static const char slot_program[] =
  "G21 G90 G17\nT1 M6\nS40000 M3\nG0 Z1\nG0 X0 Y0\nG1 Z-0.05 F40\nG1 X2 Y0 F300\n"
  "G2 X3 Y1 I0 J1\nG1 X3 Y3\nG1 Z-0.1 F40\nG1 X0 Y3 F250\nG0 Z1\nM30\n";
static const char drill_program[] =
  "G21 G90 G17\nT1 M6\nS30000 M3\nG0 Z1\nG81 X1 Y1 Z-0.2 R0.5 F50\nX2 Y2\nX3 Y1\nG80\nG0 Z5\nM30\n";

static char *
write_program (const char *name, const char *text)
{
  char *path = tmp_path (name);
  assert_true (g_file_set_contents (path, text, -1, NULL));
  return path;
}

static void
test_edit_during_gcode_review (void **state)
{
  (void) state;
  g_autofree char *slot = write_program ("slot.ngc", slot_program);
  g_autofree char *drill = write_program ("drill.ngc", drill_program);
  AppGcodePanel *p = APP_GCODE_PANEL (g_object_ref_sink (app_gcode_panel_new (NULL)));
  app_gcode_panel_open (p, slot);
  wait_gcode (p);
  assert_true (app_gcode_panel_select_material (p, "al6061"));
  assert_true (app_gcode_panel_select_tool_id (p, "em-flat-0.2"));
  app_gcode_panel_review (p);
  wait_gcode (p);
  CamToolpath *shown = app_gcode_panel_get_toolpath (p);
  cam_toolpath_ref (shown);
  gsize cut = (gsize) app_gcode_panel_select_line (p, 7);
  float before = cam_toolpath_move (shown, cut)->deflection_um;
  assert_true (before > 0);

  /* another tool: the review runs on its own copy; the toolpath shown keeps its numbers */
  assert_true (app_gcode_panel_select_tool_id (p, "em-flat-1"));
  assert_true (app_gcode_panel_is_busy (p));
  assert_true (cam_toolpath_move (shown, cut)->deflection_um == before);
  app_gcode_panel_select_line (p, 9);      /* the move label reads the shown moves meanwhile */
  app_gcode_panel_set_stock_top (p, 0.0);  /* a setting changed while it runs: reviewed after */
  wait_gcode (p);
  assert_true (cam_toolpath_move (shown, cut)->deflection_um == before);
  const CamToolpath *now = app_gcode_panel_get_toolpath (p);
  assert_true (now != shown);
  assert_true (cam_toolpath_move (now, cut)->deflection_um < before);
  /* the numbers are the engine's for the last settings */
  g_autoptr (CamGcodeReader) r = cam_gcode_reader_new (NULL);
  assert_true (cam_gcode_reader_read_file (r, slot, NULL, NULL, NULL, NULL));
  g_autoptr (CamLibrary) lib = cam_library_new_default ();
  CamGcodeReviewOptions opt;
  cam_gcode_review_options_init (&opt);
  opt.stock_top_z = 0.0;
  CamGcodeReview direct;
  assert_true (cam_gcode_review_run_tools (r->toolpath, NULL, 0, cam_library_find_tool (lib, "em-flat-1"),
                                           cam_library_find_material (lib, "al6061"),
                                           cam_library_find_machine (lib, "micro60k"), &opt, &direct, NULL, NULL));
  assert_true (fabs (direct.max_deflection_um - app_gcode_panel_get_review (p)->max_deflection_um) < 1e-9);
  cam_gcode_review_clear (&direct);
  cam_toolpath_unref (shown);

  /* another program opened while a review runs: that review is dropped, the new program shown */
  assert_true (app_gcode_panel_select_tool_id (p, "em-flat-0.2"));
  assert_true (app_gcode_panel_is_busy (p));
  app_gcode_panel_open (p, drill);
  wait_gcode (p);
  drain (1.0);
  assert_string_equal (app_gcode_panel_get_path (p), drill);
  assert_null (app_gcode_panel_get_review (p));
  app_gcode_panel_review (p);
  assert_true (app_gcode_panel_is_busy (p));
  app_gcode_panel_cancel (p);
  wait_gcode (p);
  assert_null (app_gcode_panel_get_review (p));
  app_gcode_panel_review (p);
  wait_gcode (p);
  assert_non_null (app_gcode_panel_get_review (p));
  g_object_unref (p);
  g_unlink (slot);
  g_unlink (drill);
}

static int
setup (void **state)
{
  (void) state;
  gtk_init ();
  dir = g_dir_make_tmp ("microcam-races-XXXXXX", NULL);
  const char *src = g_getenv ("MICROCAM_SOURCE_DIR");
  g_autofree char *a = g_build_filename (src, "resources", "samples", "a_plate_holes_pocket.stl", NULL);
  g_autofree char *b = g_build_filename (src, "resources", "samples", "b_disk_spiral_channel.stl", NULL);
  plate = cam_mesh_load_file (a, NULL, NULL, NULL, NULL);
  disk = cam_mesh_load_file (b, NULL, NULL, NULL, NULL);
  return dir == NULL || plate == NULL || disk == NULL;
}

static int
teardown (void **state)
{
  (void) state;
  /* the threads of dropped tasks hold references until they finish */
  drain (1.0);
  cam_mesh_unref (plate);
  cam_mesh_unref (disk);
  g_rmdir (dir);
  g_free (dir);
  return 0;
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_reorder_during_report),
    cmocka_unit_test (test_edit_during_regenerate),
    cmocka_unit_test (test_edit_during_plan),
    cmocka_unit_test (test_edit_during_gcode_export),
    cmocka_unit_test (test_job_copy_is_independent),
    cmocka_unit_test (test_edit_during_dfm_analysis),
    cmocka_unit_test (test_edit_during_gcode_review),
  };
  return cmocka_run_group_tests (tests, setup, teardown);
}
