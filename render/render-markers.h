/* render-markers.h — a layer of round markers (shaded discs that read as spheres) at
 * positions in the part, for DFM findings, hole centres, probe points.
 *
 * Each marker has a radius in millimetres (it grows and shrinks with zoom) but is never
 * drawn smaller than a minimum size in pixels (default 9 px), so a Ø0.05 mm finding on a
 * 50 mm part stays visible. One marker can be highlighted (bigger, with a ring), e.g. the
 * row selected in a findings list. All markers: one VBO, one glDrawArrays(GL_POINTS).
 *
 *   g_autoptr (RenderMarkers) m = render_markers_new ();
 *   guint i = render_markers_add (m, hole->centre, 0.1, (float[4]) { 0.9f, 0.2f, 0.1f, 1 });
 *   render_layer_set_on_top (RENDER_LAYER (m), TRUE);   // visible through the part
 *   render_view_add_layer (view, RENDER_LAYER (m));
 *   render_markers_set_highlight (m, (int) i);
 *   int hit = render_markers_pick (m, render_view_get_camera (view), x, y, 4.0f);
 *
 * Positions in mm (part frame), colours straight RGBA 0..1.
 */
#pragma once

#include "render-layer.h"

G_BEGIN_DECLS

#define RENDER_TYPE_MARKERS (render_markers_get_type ())
G_DECLARE_FINAL_TYPE (RenderMarkers, render_markers, RENDER, MARKERS, RenderLayer)

RenderMarkers *render_markers_new           (void);

/* Returns the marker's index (0, 1, 2 … in the order added). */
guint          render_markers_add           (RenderMarkers *markers,
                                             const double   position[3],
                                             double         radius_mm,
                                             const float    rgba[4]);
void           render_markers_clear         (RenderMarkers *markers);
guint          render_markers_get_n_markers (RenderMarkers *markers);

/* −1 for none. */
void           render_markers_set_highlight (RenderMarkers *markers, int index);
int            render_markers_get_highlight (RenderMarkers *markers);
void           render_markers_set_min_size_px (RenderMarkers *markers, float px);

/* The marker whose drawn disc is under (x_px, y_px) in widget pixels (top-left origin),
 * give or take tolerance_px; the one nearest the eye when several are; −1 for none.
 * The camera is the view's (its viewport is in widget pixels). No GL needed. */
int            render_markers_pick          (RenderMarkers      *markers,
                                             const RenderCamera *camera,
                                             float               x_px,
                                             float               y_px,
                                             float               tolerance_px);

G_END_DECLS
