/* render-view.h — the 3D view: a GtkGLArea (OpenGL 3.3 core) that draws the part, the
 * grid/triad/scale bar, and any number of overlay layers, with mouse camera control:
 *   left drag: orbit · middle drag or Shift+left drag: pan · wheel: zoom to cursor.
 *
 * GL objects exist only between realize and unrealize. When OpenGL cannot start (no
 * driver, GDK_DEBUG=gl-disable, shaders refused) the view emits "gl-failed" with a
 * sentence for the user and draws nothing; the window shows that sentence instead.
 *
 * Overlays for other modules (toolpaths, DFM findings): see render-lines.h and
 * render-markers.h. Add them with render_view_add_layer().
 */
#pragma once

#include <gtk/gtk.h>

#include "render-camera.h"
#include "render-layer.h"
#include "render-mesh.h"

G_BEGIN_DECLS

#define RENDER_TYPE_VIEW (render_view_get_type ())
G_DECLARE_FINAL_TYPE (RenderView, render_view, RENDER, VIEW, GtkGLArea)

GtkWidget    *render_view_new               (void);

/* How the part is drawn: solid (default); x-ray, semi-transparent so what is inside it —
 * a drill's cycle, a deep pass — shows through (render-mesh.h); or hidden. One choice per
 * view, so every page of a window shares it. Also the property "part-style" (guint, the
 * enum's value) for binding a header-bar drop-down to it. */
typedef enum {
  RENDER_PART_SOLID,
  RENDER_PART_XRAY,
  RENDER_PART_HIDDEN,
} RenderPartStyle;

/* The part (NULL: none). A new part is fitted in the current view direction. */
void          render_view_set_mesh          (RenderView *view, RenderMesh *mesh);
RenderMesh   *render_view_get_mesh          (RenderView *view);

void          render_view_set_view          (RenderView *view, RenderCameraView preset);
void          render_view_fit               (RenderView *view);
/* What render_view_fit() (F, Home) frames while there is no part: a box in model mm, e.g. a
 * G-code program's extent; NULL, NULL: the grid again. */
void          render_view_set_fit_bounds    (RenderView *view, const double min[3], const double max[3]);
void          render_view_set_orthographic  (RenderView *view, gboolean orthographic);
gboolean      render_view_get_orthographic  (RenderView *view);
void          render_view_set_show_edges    (RenderView *view, gboolean show);
gboolean      render_view_get_show_edges    (RenderView *view);
void          render_view_set_wireframe     (RenderView *view, gboolean wireframe);
gboolean      render_view_get_wireframe     (RenderView *view);
void          render_view_set_show_grid     (RenderView *view, gboolean show);
void          render_view_set_part_style    (RenderView *view, RenderPartStyle style);
RenderPartStyle render_view_get_part_style  (RenderView *view);

/* Layers are drawn in the order added (on-top layers last). The view holds a reference;
 * remove_layer releases its GL objects and drops the reference. Visibility:
 * render_layer_set_visible(). */
void          render_view_add_layer         (RenderView *view, RenderLayer *layer);
void          render_view_remove_layer      (RenderView *view, RenderLayer *layer);
/* Draws a layer's positions translated by offset mm (NULL: as they are): a G-code program
 * in work coordinates drawn where its work zero sits on the part (model = work + offset),
 * moved again at no cost when the placement changes. Kept until the layer is removed. */
void          render_view_set_layer_offset  (RenderView *view, RenderLayer *layer, const double offset[3]);

/* The camera, viewport in widget pixels. After changing it, call
 * render_view_camera_changed() so the view redraws. */
RenderCamera *render_view_get_camera        (RenderView *view);
void          render_view_camera_changed    (RenderView *view);

/* While TRUE, big parts are drawn coarse so the view keeps up (see render-mesh.h). The
 * view sets it itself during mouse drags and wheel zooms; camera animations may too. */
void          render_view_set_interacting   (RenderView *view, gboolean interacting);

/* TRUE when the display's OpenGL is a software rasterizer (Mesa llvmpipe, softpipe,
 * swrast); renderer, if not NULL, receives GL_RENDERER. Creates and drops a throw-away
 * GL context: call once at start-up. FALSE when OpenGL cannot start at all. */
gboolean      render_view_gl_is_software    (GdkDisplay *display, char **renderer);

/* NULL while OpenGL works; else the message also given by "gl-failed". */
const char   *render_view_get_gl_error      (RenderView *view);

/* Reads back the next complete frame from the GL framebuffer (inside the render handler,
 * after everything is drawn): texture is RGBA, framebuffer-sized, top row first.
 * error is set (texture NULL) when the view cannot draw. */
typedef void (*RenderViewCaptureFunc) (RenderView   *view,
                                       GdkTexture   *texture,
                                       const GError *error,
                                       gpointer      user_data);
void          render_view_capture_next_frame (RenderView            *view,
                                              RenderViewCaptureFunc  callback,
                                              gpointer               user_data);

/* With TRUE, each frame ends with glFinish() and "frame-rendered" reports the time the
 * whole frame took on the GPU (benchmarks). Default FALSE: the time to submit it. */
void          render_view_set_timed_frames  (RenderView *view, gboolean timed);

G_END_DECLS
