/* render-lines.h — a layer of line segments with a colour per vertex.
 *
 * For toolpaths (one layer per style: cuts solid, rapids dashed), section outlines,
 * the grid. All segments live in one vertex buffer uploaded once after each change and
 * are drawn with ONE glDrawArrays(GL_LINES) call, so a million segments cost one call.
 * Lines are one pixel wide (core-profile GL has no wide lines).
 *
 * Example (a toolpath: feed moves blue, rapids red dashed):
 *
 *   g_autoptr (RenderLines) cuts = render_lines_new ();
 *   g_autoptr (RenderLines) rapids = render_lines_new ();
 *   render_lines_set_style (rapids, RENDER_LINE_DASHED);
 *   render_lines_reserve (cuts, n_moves);
 *   for (each move)
 *     render_lines_add_segment (move->rapid ? rapids : cuts, move->from, move->to,
 *                               colour_from, colour_to);
 *   render_view_add_layer (view, RENDER_LAYER (cuts));
 *   render_view_add_layer (view, RENDER_LAYER (rapids));
 *   ...
 *   render_layer_set_visible (RENDER_LAYER (rapids), FALSE);
 *   render_view_remove_layer (view, RENDER_LAYER (rapids));
 *
 * Positions are in the part's frame, millimetres (double, as cam/ gives them); colours are
 * straight (not premultiplied) RGBA in 0..1, alpha blended.
 */
#pragma once

#include "render-layer.h"

G_BEGIN_DECLS

typedef enum {
  RENDER_LINE_SOLID,
  RENDER_LINE_DASHED,  /* dashes of a constant size on screen (rapid moves) */
  RENDER_LINE_THIN,    /* faded to 40 % alpha (context, passes already done) */
} RenderLineStyle;

#define RENDER_TYPE_LINES (render_lines_get_type ())
G_DECLARE_FINAL_TYPE (RenderLines, render_lines, RENDER, LINES, RenderLayer)

RenderLines    *render_lines_new          (void);

void            render_lines_reserve      (RenderLines *lines, gsize n_segments);
void            render_lines_add_segment  (RenderLines  *lines,
                                           const double  a[3],
                                           const double  b[3],
                                           const float   rgba_a[4],
                                           const float   rgba_b[4]);
/* n_points points joined in order; colours per point (rgba has 4 × n_points floats),
 * or one colour for all when rgba_per_point is FALSE. Dashes run on along the polyline. */
void            render_lines_add_polyline (RenderLines  *lines,
                                           const double *xyz,
                                           gsize         n_points,
                                           const float  *rgba,
                                           gboolean      rgba_per_point);
void            render_lines_clear        (RenderLines *lines);
gsize           render_lines_get_n_segments (RenderLines *lines);

void            render_lines_set_style    (RenderLines *lines, RenderLineStyle style);
RenderLineStyle render_lines_get_style    (RenderLines *lines);
/* Dash and gap length in pixels (default 6). */
void            render_lines_set_dash_px  (RenderLines *lines, float dash_px);

/* For RenderView's own decorations (axis triad): draw with explicit matrices.
 * GL context current; uploads first when needed. */
void            render_lines_draw_with    (RenderLines         *lines,
                                           const RenderContext *ctx,
                                           const float         *view_proj);

G_END_DECLS
