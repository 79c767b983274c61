/* render-grid.h — the view's frame of reference: a millimetre grid under the part,
 * an axis triad in the lower-left corner, and a scale bar in the lower-right corner
 * whose label reads in µm below 1 mm ("500 µm", "2 mm").
 *
 * Geometry is built on the CPU (RenderLines); labels are RenderText, so everything is
 * in the GL framebuffer and therefore in screenshots. */
#pragma once

#include "cam-mesh.h"
#include "render-layer.h"
#include "render-lines.h"
#include "render-text.h"

G_BEGIN_DECLS

typedef struct _RenderGrid RenderGrid;

RenderGrid *render_grid_new         (void);
void        render_grid_free        (RenderGrid *grid);
/* NULL: a default 10 mm square around the origin. */
void        render_grid_set_bounds  (RenderGrid *grid, const CamBounds *bounds);
double      render_grid_get_spacing (RenderGrid *grid);
/* The box the grid covers (for the camera's clip sphere). */
void        render_grid_get_extent  (RenderGrid *grid, CamBounds *extent);
void        render_grid_set_visible (RenderGrid *grid, gboolean visible);

/* GL current. The plane first (before the part), the overlay (triad, scale bar) last.
 * scale: framebuffer pixels per widget pixel. */
void        render_grid_draw_plane   (RenderGrid *grid, const RenderContext *ctx);
void        render_grid_draw_overlay (RenderGrid *grid, const RenderContext *ctx, int scale);
void        render_grid_release     (RenderGrid *grid);

/* 1, 2 or 5 × 10ⁿ: the largest such step not above approx (approx > 0). */
double      render_grid_nice_step   (double approx);
/* "500 µm", "50 µm", "1 mm", "2.5 mm", "20 mm": µm below 1 mm. */
char       *render_grid_format_length (double mm);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RenderGrid, render_grid_free)

G_END_DECLS
