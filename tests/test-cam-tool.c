/* test-cam-tool.c — the KIND:key=value tool spec: defaults, validation, JSON entries. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "cam-error.h"
#include "cam-tool.h"

#include <math.h>
#include <string.h>

static void
test_spec_defaults_are_documented_values (void **state)
{
  (void) state;
  g_autoptr (GError) error = NULL;
  g_autoptr (CamTool) t = cam_tool_new_from_spec ("flat:d=0.2", &error);
  assert_non_null (t);
  assert_int_equal (t->kind, CAM_TOOL_FLAT);
  assert_int_equal (t->flutes, 2);
  assert_true (fabs (t->loc_mm - 0.3) < 1e-12);            /* 1.5·d */
  assert_true (t->corner_r_mm == 0);
  assert_true (fabs (t->neck_d_mm - 0.2) < 1e-12);         /* no neck */
  assert_true (fabs (t->reach_mm - t->loc_mm) < 1e-12);
  assert_true (fabs (t->shank_d_mm - 3.0) < 1e-12);
  assert_int_equal (t->material, CAM_TOOL_CARBIDE);
  assert_true (fabs (t->edge_radius_um - 2.0) < 1e-12);
  assert_true (fabs (t->young_gpa - 600) < 1e-12 && fabs (t->trs_mpa - 3800) < 1e-12);
  assert_true (t->stickout_mm >= 15.0);

  g_autoptr (CamTool) b = cam_tool_new_from_spec ("ball:d=1,mat=hss", NULL);
  assert_non_null (b);
  assert_true (fabs (b->corner_r_mm - 0.5) < 1e-12);
  assert_true (fabs (b->edge_radius_um - 5.0) < 1e-12 && fabs (b->young_gpa - 217) < 1e-12);

  g_autoptr (CamTool) n = cam_tool_new_from_spec ("bull:d=1, r=0.1, reach=3, stickout=20, edge=1.5, z=3", NULL);
  assert_non_null (n);
  assert_true (fabs (n->neck_d_mm - 0.95) < 1e-12);         /* 0.95·d when reach > loc */
  assert_int_equal (n->flutes, 3);
  assert_true (fabs (n->stickout_mm - 20) < 1e-12 && fabs (n->edge_radius_um - 1.5) < 1e-12);

  g_autoptr (CamTool) dr = cam_tool_new_from_spec ("drill:d=0.1", NULL);
  assert_true (fabs (dr->loc_mm - 0.6) < 1e-12 && fabs (dr->point_angle_deg - 140) < 1e-12);
  assert_false (cam_tool_is_mill (dr));
  g_autoptr (CamTool) sp = cam_tool_new_from_spec ("spot:d=1", NULL);
  assert_true (fabs (sp->point_angle_deg - 90) < 1e-12);
  g_autoptr (CamTool) ch = cam_tool_new_from_spec ("chamfer:d=2", NULL);
  assert_true (cam_tool_is_mill (ch));
}

static void
expect_bad (const char *spec, const char *words)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CamTool) t = cam_tool_new_from_spec (spec, &error);
  if (t != NULL)
    fail_msg ("spec '%s' was accepted", spec);
  assert_true (g_error_matches (error, CAM_ERROR, CAM_ERROR_INVALID));
  if (strstr (error->message, words) == NULL)
    fail_msg ("spec '%s': message '%s' lacks '%s'", spec, error->message, words);
}

static void
test_bad_specs_are_rejected_with_the_field (void **state)
{
  (void) state;
  expect_bad ("flat:d=-1", "'d'");
  expect_bad ("flat:d=0", "'d'");
  expect_bad ("ball:d=0.0000000000003", "below 1 µm"); /* found by fuzz-tool: NaN physics */
  expect_bad ("flat:d=1,z=0", "'z'");
  expect_bad ("flat:d=1,z=2.5", "'z'");
  expect_bad ("hex:d=1", "unknown kind");
  expect_bad ("flat:d=1,foo=2", "unknown key 'foo'");
  expect_bad ("flat:d=abc", "not a number");
  expect_bad ("flat:z=2", "diameter");
  expect_bad ("flat:d=1,r=0.1", "'r'");
  expect_bad ("ball:d=1,r=0.3", "'r'");
  expect_bad ("bull:d=1,r=0.6", "'r'");
  expect_bad ("flat:d=1,neck=2,reach=3", "'neck'");
  expect_bad ("flat:d=1,reach=0.5", "'reach'");
  expect_bad ("flat:d=1,reach=5,stickout=3", "'stickout'");
  expect_bad ("flat:d=1,mat=diamond", "'mat'");
  expect_bad ("flat:d=1,edge=-2", "'edge'");
  expect_bad ("flat:d=1,loc", "key=value");
}

static void
test_json_entry_and_describe (void **state)
{
  (void) state;
  g_autoptr (JsonParser) p = json_parser_new ();
  assert_true (json_parser_load_from_data (p, "{\"id\":\"x\",\"kind\":\"flat\",\"d\":0.1,\"neck\":0.095,\"reach\":0.5}", -1, NULL));
  g_autoptr (GError) error = NULL;
  g_autoptr (CamTool) t = cam_tool_new_from_json (json_node_get_object (json_parser_get_root (p)), &error);
  assert_non_null (t);
  assert_string_equal (t->id, "x");
  g_autofree char *d = cam_tool_describe (t);
  assert_non_null (strstr (d, "neck"));
  g_autoptr (CamTool) c = cam_tool_copy (t);
  assert_string_equal (c->id, "x");

  g_autoptr (JsonParser) q = json_parser_new ();
  assert_true (json_parser_load_from_data (q, "{\"id\":\"y\",\"kind\":\"flat\",\"d\":\"big\"}", -1, NULL));
  g_autoptr (GError) e2 = NULL;
  assert_null (cam_tool_new_from_json (json_node_get_object (json_parser_get_root (q)), &e2));
  assert_non_null (strstr (e2->message, "'d'"));
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_spec_defaults_are_documented_values),
    cmocka_unit_test (test_bad_specs_are_rejected_with_the_field),
    cmocka_unit_test (test_json_entry_and_describe),
  };
  return cmocka_run_group_tests (tests, NULL, NULL);
}
