/* test-app-document.c — one document for the pages (issue 10): the pages made views of one
 * AppDocument share its material/machine choice (a choice made on any page is every page's),
 * follow its part, the DFM page's analysis becomes the document's (the Operations page plans
 * from it while it is current), the job is the document's and follows its material, opening
 * a job sets the document's choice, and the G-code page showing a program hides the job's
 * layers. Panels in no window (run-in-xvfb.sh), views never shown. */
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
#include "app-document.h"
#include "app-feeds-panel.h"
#include "app-gcode-panel.h"
#include "app-ops-panel-private.h"   /* the layers, to see them hidden */

static CamMesh *plate;

static void
wait_until_idle (AppDfmPanel *dfm, AppOpsPanel *ops)
{
  gint64 until = g_get_monotonic_time () + 120 * G_USEC_PER_SEC;
  while ((app_dfm_panel_is_busy (dfm) || app_ops_panel_is_busy (ops)) && g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, TRUE);
  assert_false (app_dfm_panel_is_busy (dfm));
  assert_false (app_ops_panel_is_busy (ops));
}

typedef struct {
  AppDocument *doc;
  AppDfmPanel *dfm;
  AppOpsPanel *ops;
  AppFeedsPanel *feeds;
  AppGcodePanel *gcode;
} Pages;

static void
pages_new (Pages *p)
{
  p->doc = app_document_new ();
  p->dfm = APP_DFM_PANEL (g_object_ref_sink (app_dfm_panel_new (NULL)));
  p->ops = APP_OPS_PANEL (g_object_ref_sink (app_ops_panel_new (NULL)));
  p->feeds = APP_FEEDS_PANEL (g_object_ref_sink (app_feeds_panel_new (NULL)));
  p->gcode = APP_GCODE_PANEL (g_object_ref_sink (app_gcode_panel_new (NULL)));
  app_dfm_panel_set_document (p->dfm, p->doc);
  app_ops_panel_set_document (p->ops, p->doc);
  app_feeds_panel_set_document (p->feeds, p->doc);
  app_gcode_panel_set_document (p->gcode, p->doc);
}

static void
pages_free (Pages *p)
{
  g_object_unref (p->gcode);
  g_object_unref (p->feeds);
  g_object_unref (p->ops);
  g_object_unref (p->dfm);
  g_object_unref (p->doc);
}

static void
test_one_choice_for_every_page (void **state)
{
  (void) state;
  Pages p;
  pages_new (&p);
  /* the document's choice, not each page's own default (the Feeds and DFM pages had ss316l) */
  assert_string_equal (app_document_get_material_id (p.doc), "al6061");
  assert_string_equal (app_feeds_panel_get_material (p.feeds)->id, "al6061");
  assert_string_equal (app_feeds_panel_get_machine (p.feeds)->id, "micro60k");
  /* the pages' own pickers are hidden: the window shows the choice once */
  assert_false (gtk_widget_get_visible (GTK_WIDGET (p.ops->material)));
  assert_false (gtk_widget_get_visible (GTK_WIDGET (p.ops->tolerance)));
  /* a choice on the document is every page's */
  assert_true (app_document_set_material_id (p.doc, "ti6al4v"));
  assert_string_equal (app_feeds_panel_get_material (p.feeds)->id, "ti6al4v");
  assert_false (app_document_set_material_id (p.doc, "unobtainium"));
  assert_string_equal (app_document_get_material_id (p.doc), "ti6al4v");
  /* and a choice on any page is the document's (and so the others') */
  assert_true (app_gcode_panel_select_material (p.gcode, "pom"));
  assert_string_equal (app_document_get_material_id (p.doc), "pom");
  assert_string_equal (app_feeds_panel_get_material (p.feeds)->id, "pom");
  assert_true (app_feeds_panel_select (p.feeds, NULL, "std24k", NULL));
  assert_string_equal (app_document_get_machine_id (p.doc), "std24k");
  assert_true (app_dfm_panel_select_machine (p.dfm, "micro60k"));
  assert_string_equal (app_feeds_panel_get_machine (p.feeds)->id, "micro60k");
  /* tolerance and finish: the DFM and Operations pages' are the document's */
  app_dfm_panel_set_tolerance (p.dfm, 0.005);
  assert_true (fabs (app_document_get_tolerance (p.doc) - 0.005) < 1e-12);
  assert_true (fabs (gtk_spin_button_get_value (p.ops->tolerance) - 0.005) < 1e-12);
  app_document_set_finish (p.doc, 0.4);
  assert_true (fabs (gtk_spin_button_get_value (p.ops->finish) - 0.4) < 1e-12);
  pages_free (&p);
}

static void
test_part_analysis_and_job (void **state)
{
  (void) state;
  Pages p;
  pages_new (&p);
  app_document_set_mesh (p.doc, plate);
  /* every page follows the document's part: the DFM page analyses it */
  assert_true (app_dfm_panel_is_busy (p.dfm));
  assert_null (app_document_get_analysis (p.doc));
  wait_until_idle (p.dfm, p.ops);
  CamAnalysis *a = app_document_get_analysis (p.doc);
  assert_non_null (a);
  assert_ptr_equal (a->mesh, plate);
  /* the document's analysis is what the DFM page shows */
  assert_ptr_equal (a->dfm, app_dfm_panel_get_report (p.dfm));
  assert_ptr_equal (a->features, app_dfm_panel_get_features (p.dfm));

  /* the plan is made from it, and its job is the document's */
  app_ops_panel_plan (p.ops);
  wait_until_idle (p.dfm, p.ops);
  CamJob *job = app_ops_panel_get_job (p.ops);
  assert_non_null (job);
  assert_ptr_equal (app_document_get_job (p.doc), job);
  assert_string_equal (job->material_id, "al6061");
  /* the same plan as from a fresh analysis (what `microcam-cli plan` runs) */
  g_autoptr (CamJob) fresh = NULL;
  {
    AppOpsPanel *alone = APP_OPS_PANEL (g_object_ref_sink (app_ops_panel_new (NULL)));
    app_ops_panel_set_mesh (alone, plate);
    app_ops_panel_plan (alone);
    gint64 until = g_get_monotonic_time () + 120 * G_USEC_PER_SEC;
    while (app_ops_panel_is_busy (alone) && g_get_monotonic_time () < until)
      g_main_context_iteration (NULL, TRUE);
    fresh = cam_job_ref (app_ops_panel_get_job (alone));
    g_object_unref (alone);
  }
  assert_int_equal (fresh->ops->len, job->ops->len);
  assert_int_equal (fresh->toolpath->moves->len, job->toolpath->moves->len);
  for (guint i = 0; i < job->ops->len; i++)
    assert_string_equal (cam_job_op (fresh, i)->feature_id ? cam_job_op (fresh, i)->feature_id : "",
                         cam_job_op (job, i)->feature_id ? cam_job_op (job, i)->feature_id : "");

  /* another material: the analysis is no longer current, the job follows (to regenerate) */
  assert_false (app_ops_panel_get_modified (p.ops) && app_ops_panel_get_job_path (p.ops) != NULL);
  assert_true (app_document_set_material_id (p.doc, "ss316l"));
  assert_null (app_document_get_analysis (p.doc));
  assert_string_equal (job->material_id, "ss316l");
  assert_true (app_ops_panel_get_modified (p.ops));
  assert_non_null (strstr (app_ops_panel_get_status (p.ops), "Material changed"));
  wait_until_idle (p.dfm, p.ops);
  assert_non_null (app_document_get_analysis (p.doc));

  /* a saved job opened sets the document's choice */
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("microcam-doc-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "job.json", NULL);
  assert_true (app_document_set_material_id (p.doc, "cu-c110"));
  assert_true (app_ops_panel_save_job (p.ops, path, &error));
  assert_true (app_document_set_material_id (p.doc, "peek"));
  assert_true (app_ops_panel_load_job (p.ops, path, &error));
  assert_string_equal (app_document_get_material_id (p.doc), "cu-c110");
  assert_string_equal (app_feeds_panel_get_material (p.feeds)->id, "cu-c110");
  assert_ptr_equal (app_document_get_job (p.doc), app_ops_panel_get_job (p.ops));
  assert_false (app_ops_panel_get_modified (p.ops));
  g_unlink (path);
  g_rmdir (dir);

  /* a program shown by the G-code page: the job's layers give way, and come back */
  assert_true (render_layer_get_visible (RENDER_LAYER (p.ops->cuts)));
  app_document_set_program_shown (p.doc, TRUE);
  assert_false (render_layer_get_visible (RENDER_LAYER (p.ops->cuts)));
  assert_false (render_layer_get_visible (RENDER_LAYER (p.ops->legend_layer)));
  app_document_set_program_shown (p.doc, FALSE);
  assert_true (render_layer_get_visible (RENDER_LAYER (p.ops->cuts)));

  /* no part: no analysis, no job */
  app_document_set_mesh (p.doc, NULL);
  assert_null (app_document_get_analysis (p.doc));
  assert_null (app_ops_panel_get_job (p.ops));
  assert_null (app_document_get_job (p.doc));
  wait_until_idle (p.dfm, p.ops);
  pages_free (&p);
}

static int
setup (void **state)
{
  (void) state;
  gtk_init ();
  g_autofree char *path = g_build_filename (g_getenv ("MICROCAM_SOURCE_DIR"), "resources", "samples",
                                            "a_plate_holes_pocket.stl", NULL);
  plate = cam_mesh_load_file (path, NULL, NULL, NULL, NULL);
  return plate == NULL;
}

static int
teardown (void **state)
{
  (void) state;
  cam_mesh_unref (plate);
  return 0;
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_one_choice_for_every_page),
    cmocka_unit_test (test_part_analysis_and_job),
  };
  return cmocka_run_group_tests (tests, setup, teardown);
}
