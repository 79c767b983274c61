/* test-app-feeds-panel.c — the Feeds & Speeds panel on a real display (run under run-in-xvfb.sh):
 * the pickers select library entries, the results match the engine's (and so
 * `microcam-cli feeds`), the binding limit and warnings show, bad specs and engagements say why. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <gtk/gtk.h>
#include <string.h>

#include "app-feeds-panel.h"
#include "app-library-picker.h"

static CamLibrary *lib;

static void
test_default_view_has_results (void **state)
{
  (void) state;
  GtkWidget *w = g_object_ref_sink (app_feeds_panel_new (lib));
  AppFeedsPanel *p = APP_FEEDS_PANEL (w);
  CamCutResult r;
  assert_true (app_feeds_panel_get_result (p, &r));
  assert_string_equal (app_feeds_panel_get_material (p)->id, "ss316l");
  assert_string_equal (app_feeds_panel_get_machine (p)->id, "micro60k");
  assert_string_equal (app_feeds_panel_get_tool (p)->id, "em-flat-0.2");
  assert_non_null (strstr (app_feeds_panel_get_value (p, "rpm"), "rpm"));
  assert_non_null (strstr (app_feeds_panel_get_value (p, "deflection_um"), "µm"));
  g_object_unref (w);
}

static void
test_panel_matches_engine (void **state)
{
  (void) state;
  GtkWidget *w = g_object_ref_sink (app_feeds_panel_new (lib));
  AppFeedsPanel *p = APP_FEEDS_PANEL (w);
  assert_true (app_feeds_panel_select (p, "al6061", "micro60k", "em-flat-0.5-r3"));
  app_feeds_panel_set_engagement (p, CAM_CUT_SIDE, 0.05, 0.05, 0);
  CamCutResult shown, engine;
  assert_true (app_feeds_panel_get_result (p, &shown));
  CamEngagement eng;
  cam_engagement_init (&eng, CAM_CUT_SIDE);
  eng.ap_mm = 0.05;
  eng.ae_mm = 0.05;
  assert_true (cam_cutting_recommend (cam_library_find_tool (lib, "em-flat-0.5-r3"), cam_library_find_material (lib, "al6061"),
                                      cam_library_find_machine (lib, "micro60k"), &eng, &engine, NULL));
  assert_true (shown.feed_mm_min == engine.feed_mm_min && shown.rpm == engine.rpm);
  g_autofree char *rpm = g_strdup_printf ("%.0f rpm", engine.rpm);
  assert_string_equal (app_feeds_panel_get_value (p, "rpm"), rpm);
  assert_string_equal (app_feeds_panel_get_value (p, "binding_limit"), cam_limit_to_string (engine.binding_limit));

  /* Drilling shows the cycle and the process. */
  assert_true (app_feeds_panel_select (p, "h13-50hrc", NULL, "drill-0.2"));
  app_feeds_panel_set_engagement (p, CAM_CUT_DRILL, 0, 0, 0.6);
  assert_string_equal (app_feeds_panel_get_value (p, "process"), "micro-edm");
  assert_non_null (strstr (app_feeds_panel_get_value (p, "warnings"), "micro-edm"));

  /* The drill's deflection says what bends it: seated in the spot the engine prescribes, the
   * runout; a stubby Ø2 drill that needs no spot walks under the lip imbalance. */
  assert_true (app_feeds_panel_select (p, "ss316l", "micro60k", "drill-0.2-long"));
  app_feeds_panel_set_engagement (p, CAM_CUT_DRILL, 0, 0, 2.0);
  assert_true (app_feeds_panel_get_result (p, &shown));
  assert_int_equal (shown.drill.bend, CAM_DRILL_BEND_RUNOUT);
  assert_non_null (strstr (app_feeds_panel_get_value (p, "deflection_um"), "at entry (runout: seated in the spot"));
  assert_null (strstr (app_feeds_panel_get_value (p, "deflection_um"), "lip imbalance"));
  assert_true (app_feeds_panel_select (p, "al6061", "std24k", NULL));
  app_feeds_panel_set_tool_spec (p, "drill:d=2,loc=6");
  app_feeds_panel_set_engagement (p, CAM_CUT_DRILL, 0, 0, 4.0);
  assert_true (app_feeds_panel_get_result (p, &shown));
  assert_int_equal (shown.drill.bend, CAM_DRILL_BEND_WALKING);
  assert_non_null (strstr (app_feeds_panel_get_value (p, "deflection_um"), "at entry (lip imbalance: no spot"));
  app_feeds_panel_set_tool_spec (p, NULL);
  g_object_unref (w);
}

static void
test_bad_inputs_are_explained (void **state)
{
  (void) state;
  GtkWidget *w = g_object_ref_sink (app_feeds_panel_new (lib));
  AppFeedsPanel *p = APP_FEEDS_PANEL (w);
  app_feeds_panel_set_tool_spec (p, "flat:d=-1");
  assert_false (app_feeds_panel_get_result (p, NULL));
  assert_non_null (strstr (app_feeds_panel_get_value (p, "error"), "'d'"));
  app_feeds_panel_set_tool_spec (p, "flat:d=0.3,stickout=20");
  assert_true (app_feeds_panel_get_result (p, NULL));
  assert_true (app_feeds_panel_get_tool (p)->stickout_mm == 20);
  app_feeds_panel_set_engagement (p, CAM_CUT_SLOT, 5.0, 0, 0);   /* beyond the length of cut */
  assert_false (app_feeds_panel_get_result (p, NULL));
  assert_non_null (strstr (app_feeds_panel_get_value (p, "error"), "length of cut"));
  app_feeds_panel_set_tool_spec (p, NULL);
  app_feeds_panel_set_engagement (p, CAM_CUT_SLOT, 0, 0, 0);
  assert_true (app_feeds_panel_get_result (p, NULL));
  assert_false (app_feeds_panel_select (p, "no-such-material", NULL, NULL));
  g_object_unref (w);
}

static int
setup (void **state)
{
  (void) state;
  gtk_init ();
  lib = cam_library_new_with_config_dir (NULL);
  return 0;
}

static int
teardown (void **state)
{
  (void) state;
  g_clear_pointer (&lib, cam_library_free);
  return 0;
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_default_view_has_results),
    cmocka_unit_test (test_panel_matches_engine),
    cmocka_unit_test (test_bad_inputs_are_explained),
  };
  return cmocka_run_group_tests (tests, setup, teardown);
}
