/* render-work-zero.h — the program's work zero in the view: a small X/Y/Z triad (red, green,
 * blue, as the corner triad) of a constant size on screen at the point of the part where
 * the program's X0 Y0 Z0 is, labelled "work zero", drawn over the part (on top) so it shows
 * inside the stock too.
 *
 *   g_autoptr (RenderWorkZero) wz = render_work_zero_new ();
 *   render_work_zero_set_position (wz, job->work_offset);   // model = work + work_offset
 *   render_view_add_layer (view, RENDER_LAYER (wz));
 *
 * Positions in mm, model frame. No GL until the view draws it. */
#pragma once

#include "render-layer.h"

G_BEGIN_DECLS

/* Length of each arm on screen, widget pixels. */
#define RENDER_WORK_ZERO_ARM_PX 36.0f

#define RENDER_TYPE_WORK_ZERO (render_work_zero_get_type ())
G_DECLARE_FINAL_TYPE (RenderWorkZero, render_work_zero, RENDER, WORK_ZERO, RenderLayer)

RenderWorkZero *render_work_zero_new          (void);
void            render_work_zero_set_position (RenderWorkZero *self, const double model[3]);
void            render_work_zero_get_position (RenderWorkZero *self, double model[3]);
/* The label next to the triad (default "work zero"). */
void            render_work_zero_set_label    (RenderWorkZero *self, const char *label);
const char     *render_work_zero_get_label    (RenderWorkZero *self);

G_END_DECLS
