/* render-camera.h — the viewer's camera: orbit, pan, zoom to cursor, view presets,
 * fit to a box, perspective or orthographic projection, and picking rays.
 *
 * Pure maths on cglm, no GL calls: tests/test-render-camera.c runs it without a display.
 *
 * World frame is the part's frame in millimetres with Z up (as on a milling machine).
 * The camera looks at `target` from `distance` along the direction given by azimuth
 * (around Z, from +X towards +Y) and elevation (from the XY plane towards +Z):
 *
 *          Z            eye = target + distance · (cos el·cos az, cos el·sin az, sin el)
 *          |  eye
 *          | /          screen right = (−sin az, cos az, 0)   (never degenerate, also
 *          |/ el                       straight from the top or the bottom)
 *          +------ Y    screen up    = right × forward
 *         /  az
 *        X
 *
 * Screen coordinates are widget pixels with the origin at the top-left corner (GTK's).
 * Orthographic views show a height of 2 · distance · tan(fov/2) at the target, so that
 * switching projection keeps the part the same size on screen.
 */
#pragma once

#include <glib.h>
#include <cglm/cglm.h>

G_BEGIN_DECLS

typedef enum {
  RENDER_CAMERA_VIEW_ISO,   /* from front-right-top: az −45°, el 35.26° */
  RENDER_CAMERA_VIEW_TOP,   /* looking down −Z, X right, Y up */
  RENDER_CAMERA_VIEW_FRONT, /* looking along +Y, X right, Z up */
  RENDER_CAMERA_VIEW_RIGHT, /* looking along −X, Y right, Z up */
} RenderCameraView;

typedef struct {
  vec3 target;          /* point orbited around, mm */
  float distance;       /* eye to target, mm, > 0 */
  float azimuth;        /* radians */
  float elevation;      /* radians, clamped to [−π/2, π/2] */
  float fov_y;          /* vertical field of view of the perspective projection, radians */
  gboolean orthographic;
  int width, height;    /* viewport in pixels, ≥ 1 */
  vec3 scene_center;    /* what must never be clipped: a sphere around the scene */
  float scene_radius;
} RenderCamera;

void     render_camera_init            (RenderCamera *cam);
void     render_camera_set_viewport    (RenderCamera *cam, int width, int height);
/* The sphere that bounds everything drawn; sets the near and far planes. */
void     render_camera_set_scene       (RenderCamera *cam, const vec3 center, float radius);

void     render_camera_set_view        (RenderCamera *cam, RenderCameraView view);
/* Parses "iso", "top", "front", "right"; FALSE for anything else. */
gboolean render_camera_view_from_string (const char *name, RenderCameraView *out);

/* Aims at the box centre and backs off so the whole box fits the viewport with a margin
 * (fraction of the smaller viewport side left free on each side, e.g. 0.08). */
void     render_camera_fit             (RenderCamera *cam,
                                        const vec3    box_min,
                                        const vec3    box_max,
                                        float         margin);

/* Mouse gestures; dx, dy in pixels since the last event. */
void     render_camera_orbit           (RenderCamera *cam, float dx_px, float dy_px);
void     render_camera_pan             (RenderCamera *cam, float dx_px, float dy_px);
/* factor < 1 zooms in. The point under (x_px, y_px) on the plane through the target
 * facing the camera stays under the cursor. */
void     render_camera_zoom_at         (RenderCamera *cam, float factor, float x_px, float y_px);

void     render_camera_get_eye         (const RenderCamera *cam, vec3 eye);
void     render_camera_get_basis       (const RenderCamera *cam, vec3 right, vec3 up, vec3 forward);
void     render_camera_view_matrix     (const RenderCamera *cam, mat4 view);
void     render_camera_projection      (const RenderCamera *cam, mat4 proj);
/* Only the rotation of the view (for the axis triad). */
void     render_camera_rotation_matrix (const RenderCamera *cam, mat4 rot);

/* Millimetres per pixel on the plane through the target facing the camera. */
float    render_camera_mm_per_pixel    (const RenderCamera *cam);

/* World ray through a pixel: origin at the eye (perspective) or on the plane through the
 * eye (orthographic), unit direction. */
void     render_camera_pick_ray        (const RenderCamera *cam,
                                        float x_px, float y_px,
                                        vec3 origin, vec3 direction);
/* World point to pixel (top-left origin); FALSE when behind the eye. */
gboolean render_camera_project         (const RenderCamera *cam,
                                        const vec3 world,
                                        float *x_px, float *y_px);

G_END_DECLS
