/* render-text.h — a short label drawn in the GL view in screen space (scale bar,
 * axis letters), so that glReadPixels screenshots carry their labels.
 *
 * Text is laid out with Pango into a cairo image (main thread, no GL) and uploaded as a
 * texture at the next draw. Positions are framebuffer pixels, top-left origin. */
#pragma once

#include <glib.h>

#include "render-program.h"

G_BEGIN_DECLS

typedef struct _RenderText RenderText;

typedef enum {
  RENDER_TEXT_ANCHOR_TOP_LEFT,
  RENDER_TEXT_ANCHOR_BOTTOM_LEFT,
  RENDER_TEXT_ANCHOR_BOTTOM_CENTER,
  RENDER_TEXT_ANCHOR_CENTER,
} RenderTextAnchor;

/* font: a Pango font description such as "Sans 10"; scale: framebuffer pixels per
 * widget pixel (the widget's scale factor). */
RenderText *render_text_new      (const char *font, int scale);
void        render_text_free     (RenderText *text);
/* Re-lays out only when the string changes. */
void        render_text_set      (RenderText *text, const char *utf8, const float rgb[3]);
void        render_text_get_size (RenderText *text, int *width_px, int *height_px);

/* GL current. */
void        render_text_draw     (RenderText           *text,
                                  const RenderPrograms *programs,
                                  int                   viewport_width,
                                  int                   viewport_height,
                                  float                 x_px,
                                  float                 y_px,
                                  RenderTextAnchor      anchor);
void        render_text_release  (RenderText *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RenderText, render_text_free)

G_END_DECLS
