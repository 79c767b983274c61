/* render-box.h — a layer that draws an axis-aligned box as translucent faces (the stock
 * around a part): the part and the toolpaths inside stay visible through it.
 *
 *   g_autoptr (RenderBox) stock = render_box_new ();
 *   render_box_set (stock, job->stock_min, job->stock_max, (float[4]) { 0.35, 0.45, 0.6, 0.18 });
 *   render_view_add_layer (view, RENDER_LAYER (stock));
 *
 * Faces are drawn depth-tested but without writing depth, so what is drawn after them (the
 * toolpaths) is not hidden; each face's shade depends on its direction so the box reads as
 * a solid. Drawn with the lines program (position, colour per vertex). */
#pragma once

#include "render-layer.h"

G_BEGIN_DECLS

#define RENDER_TYPE_BOX (render_box_get_type ())
G_DECLARE_FINAL_TYPE (RenderBox, render_box, RENDER, BOX, RenderLayer)

RenderBox *render_box_new   (void);
/* lo < hi on each axis (else the box is cleared); rgba straight, alpha is the faces' opacity. */
void       render_box_set   (RenderBox *box, const double lo[3], const double hi[3], const float rgba[4]);
void       render_box_clear (RenderBox *box);
gboolean   render_box_is_empty (RenderBox *box);

G_END_DECLS
