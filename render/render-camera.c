/* render-camera.c — orbit camera with presets, fit, zoom to cursor and picking.
 *
 * Method: the eye sits on a sphere around `target` (azimuth/elevation/distance, see the
 * diagram in render-camera.h). The view matrix is built from an explicit basis
 * (right = (−sin az, cos az, 0), up = right × forward), so the top and bottom views have
 * no gimbal singularity. Zoom to cursor scales the eye–target configuration about the
 * point P under the cursor on the target plane: target' = P + f·(target − P),
 * distance' = f·distance, hence eye' = P + f·(eye − P) and P keeps its pixel in both
 * projections. Fit projects the 8 box corners on the camera basis and solves for the
 * smallest distance at which every corner is inside the frustum (perspective) or the
 * smallest half-height (orthographic); in perspective it also shifts the target until
 * the corners' picture is centred (near corners project larger than far ones).
 * References: cglm documentation (glm_lookat, glm_perspective, glm_ortho, glm_unproject);
 * Shreiner et al., "OpenGL Programming Guide", 9th ed., ch. 5 (viewing transformations).
 */
#include "render-camera.h"

#include <math.h>
#include <string.h>

#define ISO_ELEVATION 0.61547970867f   /* atan(1/√2): the cube diagonal */

void
render_camera_init (RenderCamera *cam)
{
  memset (cam, 0, sizeof *cam);
  cam->distance = 20.0f;
  cam->fov_y = glm_rad (30.0f);
  cam->width = 1;
  cam->height = 1;
  cam->scene_radius = 10.0f;
  render_camera_set_view (cam, RENDER_CAMERA_VIEW_ISO);
}

void
render_camera_set_viewport (RenderCamera *cam, int width, int height)
{
  cam->width = MAX (width, 1);
  cam->height = MAX (height, 1);
}

void
render_camera_set_scene (RenderCamera *cam, const vec3 center, float radius)
{
  glm_vec3_copy ((float *) center, cam->scene_center);
  cam->scene_radius = radius > 1e-6f ? radius : 1e-6f;
}

void
render_camera_set_view (RenderCamera *cam, RenderCameraView view)
{
  switch (view)
    {
    case RENDER_CAMERA_VIEW_TOP:
      cam->azimuth = -GLM_PI_2f;
      cam->elevation = GLM_PI_2f;
      break;
    case RENDER_CAMERA_VIEW_FRONT:
      cam->azimuth = -GLM_PI_2f;
      cam->elevation = 0.0f;
      break;
    case RENDER_CAMERA_VIEW_RIGHT:
      cam->azimuth = 0.0f;
      cam->elevation = 0.0f;
      break;
    case RENDER_CAMERA_VIEW_ISO:
    default:
      cam->azimuth = -GLM_PI_4f;
      cam->elevation = ISO_ELEVATION;
      break;
    }
}

gboolean
render_camera_view_from_string (const char *name, RenderCameraView *out)
{
  static const struct { const char *name; RenderCameraView view; } names[] = {
    { "iso", RENDER_CAMERA_VIEW_ISO },
    { "top", RENDER_CAMERA_VIEW_TOP },
    { "front", RENDER_CAMERA_VIEW_FRONT },
    { "right", RENDER_CAMERA_VIEW_RIGHT },
  };
  for (gsize i = 0; name != NULL && i < G_N_ELEMENTS (names); i++)
    if (g_str_equal (name, names[i].name))
      {
        *out = names[i].view;
        return TRUE;
      }
  return FALSE;
}

void
render_camera_get_basis (const RenderCamera *cam, vec3 right, vec3 up, vec3 forward)
{
  float ce = cosf (cam->elevation), se = sinf (cam->elevation);
  float ca = cosf (cam->azimuth), sa = sinf (cam->azimuth);
  /* forward points from the eye to the target */
  forward[0] = -ce * ca;
  forward[1] = -ce * sa;
  forward[2] = -se;
  right[0] = -sa;
  right[1] = ca;
  right[2] = 0.0f;
  glm_vec3_cross (right, forward, up);
  glm_vec3_normalize (up);
}

void
render_camera_get_eye (const RenderCamera *cam, vec3 eye)
{
  vec3 r, u, f;
  render_camera_get_basis (cam, r, u, f);
  glm_vec3_copy ((float *) cam->target, eye);
  glm_vec3_muladds (f, -cam->distance, eye);
}

void
render_camera_view_matrix (const RenderCamera *cam, mat4 view)
{
  vec3 r, u, f, eye;
  render_camera_get_basis (cam, r, u, f);
  render_camera_get_eye (cam, eye);
  glm_lookat (eye, (float *) cam->target, u, view);
}

void
render_camera_rotation_matrix (const RenderCamera *cam, mat4 rot)
{
  vec3 r, u, f, origin = { 0.0f, 0.0f, 0.0f };
  render_camera_get_basis (cam, r, u, f);
  glm_look (origin, f, u, rot);
}

static float
half_height (const RenderCamera *cam)
{
  return cam->distance * tanf (cam->fov_y * 0.5f);
}

float
render_camera_mm_per_pixel (const RenderCamera *cam)
{
  return 2.0f * half_height (cam) / (float) cam->height;
}

void
render_camera_projection (const RenderCamera *cam, mat4 proj)
{
  vec3 eye;
  float aspect = (float) cam->width / (float) cam->height;
  float r = cam->scene_radius * 1.05f;
  render_camera_get_eye (cam, eye);
  float d = glm_vec3_distance (eye, (float *) cam->scene_center);
  /* never clip the pivot itself, whatever the scene sphere says */
  float near = MIN (d - r, cam->distance * 0.5f);
  float far = MAX (d + r, cam->distance * 1.5f);

  if (cam->orthographic)
    {
      float hh = half_height (cam);
      glm_ortho (-hh * aspect, hh * aspect, -hh, hh, near, far, proj);
    }
  else
    {
      near = MAX (near, cam->distance * 0.01f);
      glm_perspective (cam->fov_y, aspect, near, far, proj);
    }
}

/* Smallest distance (perspective) and half-height (orthographic) that keep the 8 corners
 * inside the frustum for the current target. */
static void
fit_distance (const RenderCamera *cam, const vec3 box_min, const vec3 box_max, float scale,
              float *need_d, float *need_hh)
{
  vec3 r, u, f;
  float aspect = (float) cam->width / (float) cam->height;
  float t_y = tanf (cam->fov_y * 0.5f);
  float t_x = t_y * aspect;

  render_camera_get_basis (cam, r, u, f);
  *need_d = 0.0f;
  *need_hh = 0.0f;
  for (int i = 0; i < 8; i++)
    {
      vec3 p = { (i & 1) ? box_max[0] : box_min[0],
                 (i & 2) ? box_max[1] : box_min[1],
                 (i & 4) ? box_max[2] : box_min[2] };
      glm_vec3_sub (p, (float *) cam->target, p);
      float x = fabsf (glm_vec3_dot (p, r));
      float y = fabsf (glm_vec3_dot (p, u));
      float toward_eye = -glm_vec3_dot (p, f);
      *need_d = MAX (*need_d, toward_eye + x / (t_x * scale));
      *need_d = MAX (*need_d, toward_eye + y / (t_y * scale));
      *need_hh = MAX (*need_hh, MAX (y, x / aspect) / scale);
    }
}

void
render_camera_fit (RenderCamera *cam, const vec3 box_min, const vec3 box_max, float margin)
{
  vec3 r, u, f;
  float t_y = tanf (cam->fov_y * 0.5f);
  float scale = 1.0f - 2.0f * CLAMP (margin, 0.0f, 0.45f);
  float need_d, need_hh;

  render_camera_get_basis (cam, r, u, f);
  glm_vec3_add ((float *) box_min, (float *) box_max, cam->target);
  glm_vec3_scale (cam->target, 0.5f, cam->target);

  /* In perspective the near corners look bigger, so the box centre is not the centre of
   * its picture: shift the target in its plane until the projected corners are centred
   * (a few fixed-point steps converge to well under a pixel), then back off to fit. */
  for (int iter = 0; iter < (cam->orthographic ? 1 : 6); iter++)
    {
      float lo_x = G_MAXFLOAT, hi_x = -G_MAXFLOAT, lo_y = G_MAXFLOAT, hi_y = -G_MAXFLOAT;
      fit_distance (cam, box_min, box_max, scale, &need_d, &need_hh);
      cam->distance = cam->orthographic ? need_hh / t_y : need_d;
      cam->distance = MAX (cam->distance, 1e-3f);
      if (cam->orthographic)
        break;
      for (int i = 0; i < 8; i++)
        {
          vec3 p = { (i & 1) ? box_max[0] : box_min[0],
                     (i & 2) ? box_max[1] : box_min[1],
                     (i & 4) ? box_max[2] : box_min[2] };
          glm_vec3_sub (p, cam->target, p);
          float depth = cam->distance + glm_vec3_dot (p, f);
          float sx = glm_vec3_dot (p, r) / depth, sy = glm_vec3_dot (p, u) / depth;
          lo_x = MIN (lo_x, sx); hi_x = MAX (hi_x, sx);
          lo_y = MIN (lo_y, sy); hi_y = MAX (hi_y, sy);
        }
      glm_vec3_muladds (r, 0.5f * (lo_x + hi_x) * cam->distance, cam->target);
      glm_vec3_muladds (u, 0.5f * (lo_y + hi_y) * cam->distance, cam->target);
    }
  /* an empty or point-like box still gets a usable view */
  cam->distance = MAX (cam->distance, 1e-3f);
}

void
render_camera_orbit (RenderCamera *cam, float dx_px, float dy_px)
{
  const float radians_per_px = 0.008f;
  cam->azimuth -= dx_px * radians_per_px;
  cam->azimuth = remainderf (cam->azimuth, 2.0f * GLM_PIf);
  cam->elevation = CLAMP (cam->elevation + dy_px * radians_per_px, -GLM_PI_2f, GLM_PI_2f);
}

void
render_camera_pan (RenderCamera *cam, float dx_px, float dy_px)
{
  vec3 r, u, f;
  float mm = render_camera_mm_per_pixel (cam);
  render_camera_get_basis (cam, r, u, f);
  glm_vec3_muladds (r, -dx_px * mm, cam->target);
  glm_vec3_muladds (u, dy_px * mm, cam->target);
}

void
render_camera_zoom_at (RenderCamera *cam, float factor, float x_px, float y_px)
{
  vec3 o, d, r, u, f, p, to_target;
  if (!(factor > 0.0f))
    return;
  render_camera_pick_ray (cam, x_px, y_px, o, d);
  render_camera_get_basis (cam, r, u, f);
  float denom = glm_vec3_dot (d, f);
  if (fabsf (denom) < 1e-6f)
    return;
  glm_vec3_sub (cam->target, o, to_target);
  float t = glm_vec3_dot (to_target, f) / denom;
  glm_vec3_copy (o, p);
  glm_vec3_muladds (d, t, p);

  /* target' = P + factor · (target − P) */
  glm_vec3_sub (cam->target, p, to_target);
  glm_vec3_scale (to_target, factor, to_target);
  glm_vec3_add (p, to_target, cam->target);
  cam->distance = MAX (cam->distance * factor, 1e-4f);
}

static void
view_projection (const RenderCamera *cam, mat4 vp)
{
  mat4 v, p;
  render_camera_view_matrix (cam, v);
  render_camera_projection (cam, p);
  glm_mat4_mul (p, v, vp);
}

void
render_camera_pick_ray (const RenderCamera *cam, float x_px, float y_px,
                        vec3 origin, vec3 direction)
{
  /* Built from the camera basis rather than by inverting the projection: exact in
   * float even with a far/near ratio of 10⁴. */
  vec3 r, u, f;
  float nx = 2.0f * x_px / (float) cam->width - 1.0f;
  float ny = 1.0f - 2.0f * y_px / (float) cam->height;
  float hh = half_height (cam);
  float hw = hh * (float) cam->width / (float) cam->height;

  render_camera_get_basis (cam, r, u, f);
  if (cam->orthographic)
    {
      glm_vec3_copy ((float *) cam->target, origin);
      glm_vec3_muladds (r, nx * hw, origin);
      glm_vec3_muladds (u, ny * hh, origin);
      glm_vec3_muladds (f, -cam->distance, origin);
      glm_vec3_copy (f, direction);
    }
  else
    {
      render_camera_get_eye (cam, origin);
      glm_vec3_copy (f, direction);
      glm_vec3_muladds (r, nx * hw / cam->distance, direction);
      glm_vec3_muladds (u, ny * hh / cam->distance, direction);
      glm_vec3_normalize (direction);
    }
}

gboolean
render_camera_project (const RenderCamera *cam, const vec3 world, float *x_px, float *y_px)
{
  mat4 vp;
  vec4 p = { world[0], world[1], world[2], 1.0f }, clip;
  view_projection (cam, vp);
  glm_mat4_mulv (vp, p, clip);
  if (clip[3] <= 0.0f)
    return FALSE;
  *x_px = (clip[0] / clip[3] + 1.0f) * 0.5f * (float) cam->width;
  *y_px = (1.0f - clip[1] / clip[3]) * 0.5f * (float) cam->height;
  return TRUE;
}
