/* test-render-camera.c — the viewer camera's maths, without a display or GL. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <math.h>

#include "render/render-camera.h"

static const vec3 box_min = { 0.0f, 0.0f, 0.0f };
static const vec3 box_max = { 10.0f, 10.0f, 2.0f };

static void
setup_camera (RenderCamera *cam, RenderCameraView view, gboolean ortho)
{
  vec3 c = { 5.0f, 5.0f, 1.0f };
  render_camera_init (cam);
  render_camera_set_viewport (cam, 800, 600);
  render_camera_set_scene (cam, c, 30.0f);
  cam->orthographic = ortho;
  render_camera_set_view (cam, view);
  render_camera_fit (cam, box_min, box_max, 0.08f);
}

static void
project_ok (const RenderCamera *cam, const vec3 p, float *x, float *y)
{
  assert_true (render_camera_project (cam, p, x, y));
}

static void
test_top_view_shows_x_right_and_y_up (void **state)
{
  RenderCamera cam;
  float x0, y0, x1, y1, x2, y2;
  (void) state;
  setup_camera (&cam, RENDER_CAMERA_VIEW_TOP, FALSE);
  project_ok (&cam, (vec3) { 5, 5, 2 }, &x0, &y0);
  project_ok (&cam, (vec3) { 9, 5, 2 }, &x1, &y1);
  project_ok (&cam, (vec3) { 5, 9, 2 }, &x2, &y2);
  assert_true (x1 > x0 + 50.0f);
  assert_float_equal (y1, y0, 0.5f);
  assert_true (y2 < y0 - 50.0f);        /* pixel rows grow downwards */
  assert_float_equal (x2, x0, 0.5f);
}

static void
test_front_view_shows_z_up (void **state)
{
  RenderCamera cam;
  float x0, y0, x1, y1, x2, y2;
  (void) state;
  setup_camera (&cam, RENDER_CAMERA_VIEW_FRONT, TRUE);
  project_ok (&cam, (vec3) { 5, 5, 1 }, &x0, &y0);
  project_ok (&cam, (vec3) { 5, 5, 2 }, &x1, &y1);
  project_ok (&cam, (vec3) { 9, 5, 1 }, &x2, &y2);
  assert_true (y1 < y0 - 10.0f);
  assert_float_equal (x1, x0, 0.5f);
  assert_true (x2 > x0 + 50.0f);
}

static void
test_right_view_shows_y_right (void **state)
{
  RenderCamera cam;
  float x0, y0, x1, y1;
  (void) state;
  setup_camera (&cam, RENDER_CAMERA_VIEW_RIGHT, TRUE);
  project_ok (&cam, (vec3) { 5, 5, 1 }, &x0, &y0);
  project_ok (&cam, (vec3) { 5, 9, 1 }, &x1, &y1);
  assert_true (x1 > x0 + 50.0f);
  assert_float_equal (y1, y0, 0.5f);
}

static void
test_fit_keeps_every_corner_inside_with_margin (void **state)
{
  (void) state;
  for (int view = RENDER_CAMERA_VIEW_ISO; view <= RENDER_CAMERA_VIEW_RIGHT; view++)
    for (int ortho = 0; ortho <= 1; ortho++)
      {
        RenderCamera cam;
        float xmin = 1e9f, xmax = -1e9f, ymin = 1e9f, ymax = -1e9f, x, y;
        setup_camera (&cam, (RenderCameraView) view, ortho);
        for (int i = 0; i < 8; i++)
          {
            vec3 p = { (i & 1) ? 10.0f : 0.0f, (i & 2) ? 10.0f : 0.0f, (i & 4) ? 2.0f : 0.0f };
            project_ok (&cam, p, &x, &y);
            xmin = MIN (xmin, x); xmax = MAX (xmax, x);
            ymin = MIN (ymin, y); ymax = MAX (ymax, y);
          }
        /* inside, with at least most of the 8 % margin (600 px · 0.08 = 48 px) */
        assert_true (xmin >= 40.0f && xmax <= 760.0f);
        assert_true (ymin >= 40.0f && ymax <= 560.0f);
        /* and tight: the box fills the viewport along one side */
        assert_true (xmax - xmin > 600.0f || ymax - ymin > 450.0f);
        /* centred: the picture of the box is in the middle of the viewport */
        assert_float_equal ((xmin + xmax) / 2.0f, 400.0f, 1.0f);
        assert_float_equal ((ymin + ymax) / 2.0f, 300.0f, 1.0f);
      }
}

static void
test_zoom_keeps_point_under_cursor (void **state)
{
  (void) state;
  for (int ortho = 0; ortho <= 1; ortho++)
    {
      RenderCamera cam;
      vec3 o, d, r, u, f, p, t;
      float x, y;
      setup_camera (&cam, RENDER_CAMERA_VIEW_ISO, ortho);
      /* the point under pixel (600, 150) on the target plane */
      render_camera_pick_ray (&cam, 600.0f, 150.0f, o, d);
      render_camera_get_basis (&cam, r, u, f);
      glm_vec3_sub (cam.target, o, t);
      glm_vec3_copy (o, p);
      glm_vec3_muladds (d, glm_vec3_dot (t, f) / glm_vec3_dot (d, f), p);

      float before = cam.distance;
      render_camera_zoom_at (&cam, 0.5f, 600.0f, 150.0f);
      assert_float_equal (cam.distance, before * 0.5f, 1e-4f);
      project_ok (&cam, p, &x, &y);
      assert_float_equal (x, 600.0f, 0.5f);
      assert_float_equal (y, 150.0f, 0.5f);
    }
}

static void
test_pick_ray_goes_through_projected_point (void **state)
{
  (void) state;
  for (int ortho = 0; ortho <= 1; ortho++)
    {
      RenderCamera cam;
      vec3 o, d, q, p = { 3.0f, 8.0f, 2.0f };
      float x, y;
      setup_camera (&cam, RENDER_CAMERA_VIEW_ISO, ortho);
      project_ok (&cam, p, &x, &y);
      render_camera_pick_ray (&cam, x, y, o, d);
      assert_float_equal (glm_vec3_norm (d), 1.0f, 1e-5f);
      /* distance from p to the ray is tiny compared with the part (10 mm) */
      glm_vec3_sub (p, o, q);
      float along = glm_vec3_dot (q, d);
      glm_vec3_muladds (d, -along, q);
      assert_true (glm_vec3_norm (q) < 1e-3f);
      assert_true (along > 0.0f);
      /* the centre pixel's ray passes through the target */
      render_camera_pick_ray (&cam, 400.0f, 300.0f, o, d);
      glm_vec3_sub (cam.target, o, q);
      glm_vec3_muladds (d, -glm_vec3_dot (q, d), q);
      assert_true (glm_vec3_norm (q) < 1e-3f);
    }
}

static void
test_pan_moves_scene_with_the_cursor (void **state)
{
  RenderCamera cam;
  vec3 p;
  float x, y;
  (void) state;
  setup_camera (&cam, RENDER_CAMERA_VIEW_FRONT, FALSE);
  glm_vec3_copy (cam.target, p);
  render_camera_pan (&cam, 40.0f, -25.0f);
  project_ok (&cam, p, &x, &y);
  assert_float_equal (x, 440.0f, 0.5f);
  assert_float_equal (y, 275.0f, 0.5f);
}

static void
test_orbit_clamps_elevation_and_top_view_is_stable (void **state)
{
  RenderCamera cam;
  mat4 v;
  (void) state;
  setup_camera (&cam, RENDER_CAMERA_VIEW_ISO, FALSE);
  render_camera_orbit (&cam, 0.0f, 10000.0f);
  assert_float_equal (cam.elevation, GLM_PI_2f, 1e-6f);
  render_camera_orbit (&cam, 0.0f, -100000.0f);
  assert_float_equal (cam.elevation, -GLM_PI_2f, 1e-6f);
  render_camera_set_view (&cam, RENDER_CAMERA_VIEW_TOP);
  render_camera_view_matrix (&cam, v);
  for (int i = 0; i < 4; i++)
    for (int j = 0; j < 4; j++)
      assert_true (isfinite (v[i][j]));
}

static void
test_projection_switch_keeps_scale (void **state)
{
  RenderCamera cam;
  float persp, ortho;
  (void) state;
  setup_camera (&cam, RENDER_CAMERA_VIEW_ISO, FALSE);
  persp = render_camera_mm_per_pixel (&cam);
  cam.orthographic = TRUE;
  ortho = render_camera_mm_per_pixel (&cam);
  assert_float_equal (persp, ortho, 1e-6f);
  /* a 10 mm part fitted into 600 px reads a few hundredths of a mm per pixel */
  assert_true (ortho > 0.005f && ortho < 0.05f);
}

static void
test_micro_part_is_fitted_too (void **state)
{
  RenderCamera cam;
  vec3 lo = { 0.0f, 0.0f, 0.0f }, hi = { 0.2f, 0.1f, 0.05f }, c = { 0.1f, 0.05f, 0.025f };
  float x, y;
  (void) state;
  render_camera_init (&cam);
  render_camera_set_viewport (&cam, 640, 480);
  render_camera_set_scene (&cam, c, 0.5f);
  render_camera_fit (&cam, lo, hi, 0.1f);
  project_ok (&cam, (vec3) { 0.2f, 0.1f, 0.05f }, &x, &y);
  assert_true (x > 0.0f && x < 640.0f && y > 0.0f && y < 480.0f);
  assert_true (render_camera_mm_per_pixel (&cam) < 0.001f);
}

static void
test_view_names_parse (void **state)
{
  RenderCameraView v;
  (void) state;
  assert_true (render_camera_view_from_string ("top", &v));
  assert_int_equal (v, RENDER_CAMERA_VIEW_TOP);
  assert_true (render_camera_view_from_string ("right", &v));
  assert_int_equal (v, RENDER_CAMERA_VIEW_RIGHT);
  assert_false (render_camera_view_from_string ("bottom", &v));
  assert_false (render_camera_view_from_string (NULL, &v));
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_top_view_shows_x_right_and_y_up),
    cmocka_unit_test (test_front_view_shows_z_up),
    cmocka_unit_test (test_right_view_shows_y_right),
    cmocka_unit_test (test_fit_keeps_every_corner_inside_with_margin),
    cmocka_unit_test (test_zoom_keeps_point_under_cursor),
    cmocka_unit_test (test_pick_ray_goes_through_projected_point),
    cmocka_unit_test (test_pan_moves_scene_with_the_cursor),
    cmocka_unit_test (test_orbit_clamps_elevation_and_top_view_is_stable),
    cmocka_unit_test (test_projection_switch_keeps_scale),
    cmocka_unit_test (test_micro_part_is_fitted_too),
    cmocka_unit_test (test_view_names_parse),
  };
  return cmocka_run_group_tests (tests, NULL, NULL);
}
