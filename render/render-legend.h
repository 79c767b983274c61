/* render-legend.h — the colour legend of a toolpath overlay, drawn in the GL view in screen
 * space (top-left corner) so that screenshots carry it: title with the unit, then a colour
 * bar with its values (continuous scales) or a swatch per category.
 *
 *   g_autoptr (RenderLegend) legend = render_legend_new ();
 *   render_legend_set (legend, &toolpath_legend);      // from render_toolpath_legend()
 *   render_view_add_layer (view, RENDER_LAYER (legend));
 *   render_legend_set (legend, NULL);                  // hides it
 */
#pragma once

#include "render-layer.h"
#include "render-toolpath.h"

G_BEGIN_DECLS

#define RENDER_TYPE_LEGEND (render_legend_get_type ())
G_DECLARE_FINAL_TYPE (RenderLegend, render_legend, RENDER, LEGEND, RenderLayer)

RenderLegend *render_legend_new (void);
/* Copies the legend (NULL: nothing drawn). */
void          render_legend_set (RenderLegend *legend, const RenderToolpathLegend *scale);
/* The legend drawn, or NULL. */
const RenderToolpathLegend *render_legend_get (RenderLegend *legend);

G_END_DECLS
