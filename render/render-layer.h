/* render-layer.h — something the 3D view draws over the part: the base class of
 * RenderLines (segments: toolpaths, grid) and RenderMarkers (points: DFM findings).
 *
 * Life cycle and threads
 *   - Build a layer's geometry anywhere (a GTask thread is fine) before adding it.
 *   - render_view_add_layer() takes a reference; from then on, change it on the main
 *     thread only. Every change marks the layer dirty and emits "changed"; the view
 *     re-uploads it once, at its next frame, and redraws.
 *   - GL objects exist only while the view is realized: the view calls the class's
 *     upload() (when dirty) and draw() inside its render handler, and release() when it
 *     unrealizes or drops the layer. Subclasses never call GL elsewhere.
 *
 * One layer belongs to one view: its vertex arrays live in that view's GL context.
 * To show the same data in two windows, build two layers.
 *
 * Draw order: the part first, then layers in the order they were added. A layer with
 * "on-top" set is drawn without depth testing (seen through the part), after the others.
 */
#pragma once

#include <glib-object.h>

#include "render-camera.h"
#include "render-program.h"

G_BEGIN_DECLS

/* What a layer needs to draw one frame (valid during draw() only). */
typedef struct {
  const RenderCamera   *camera;
  const RenderPrograms *programs;
  mat4 view;
  mat4 proj;
  mat4 view_proj;
  int width, height;          /* viewport, framebuffer pixels */
  float mm_per_px;            /* at the camera target, framebuffer pixels */
} RenderContext;

#define RENDER_TYPE_LAYER (render_layer_get_type ())
G_DECLARE_DERIVABLE_TYPE (RenderLayer, render_layer, RENDER, LAYER, GObject)

struct _RenderLayerClass
{
  GObjectClass parent_class;

  /* GL context current for all three. upload() runs before draw() when dirty. */
  void (*upload)  (RenderLayer *layer);
  void (*draw)    (RenderLayer *layer, const RenderContext *ctx);
  void (*release) (RenderLayer *layer);

  gpointer padding[8];
};

void     render_layer_set_visible (RenderLayer *layer, gboolean visible);
gboolean render_layer_get_visible (RenderLayer *layer);
/* Draw without depth test, over the part (for markers that must never hide). */
void     render_layer_set_on_top  (RenderLayer *layer, gboolean on_top);
gboolean render_layer_get_on_top  (RenderLayer *layer);

/* For subclasses: geometry changed, upload again and redraw. */
void     render_layer_changed     (RenderLayer *layer);
/* For RenderView. */
gboolean render_layer_is_dirty    (RenderLayer *layer);
void     render_layer_upload      (RenderLayer *layer);
void     render_layer_draw        (RenderLayer *layer, const RenderContext *ctx);
void     render_layer_release     (RenderLayer *layer);

G_END_DECLS
