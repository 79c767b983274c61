/* app-legend-draw.h — an overlay's legend (render-toolpath.h) drawn with cairo in a side panel:
 * the title with its unit, then two columns of swatches (categories) or a gradient bar with
 * its stop labels (values). Used by the Operations and G-code pages. */
#pragma once

#include <gtk/gtk.h>

#include "render-toolpath.h"

G_BEGIN_DECLS

void app_legend_draw (cairo_t *cr, const RenderToolpathLegend *legend, int width);

G_END_DECLS
