/* app-legend-draw.c — see app-legend-draw.h. */
#include "app-legend-draw.h"

void
app_legend_draw (cairo_t *cr, const RenderToolpathLegend *l, int width)
{
  if (l->n_stops == 0)
    return;
  cairo_set_source_rgb (cr, 0.2, 0.2, 0.2);
  cairo_select_font_face (cr, "sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
  cairo_set_font_size (cr, 11);
  g_autofree char *title = l->unit[0] ? g_strdup_printf ("%s (%s)", l->title, l->unit) : g_strdup (l->title);
  cairo_move_to (cr, 4, 12);
  cairo_show_text (cr, title);
  cairo_select_font_face (cr, "sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  double y = 20;
  if (l->categorical)
    {
      /* swatches in two columns: the page is narrow */
      double col = MAX (width / 2.0, 80);
      for (guint i = 0; i < l->n_stops; i++)
        {
          double x = 4 + (i % 2) * col, yy = y + (i / 2) * 14;
          cairo_set_source_rgba (cr, l->rgba[i][0], l->rgba[i][1], l->rgba[i][2], l->rgba[i][3]);
          cairo_rectangle (cr, x, yy, 12, 10);
          cairo_fill (cr);
          cairo_set_source_rgb (cr, 0.2, 0.2, 0.2);
          cairo_move_to (cr, x + 16, yy + 9);
          cairo_show_text (cr, l->label[i]);
        }
      return;
    }
  double x0 = 4, x1 = MAX (width - 8, 40);
  cairo_pattern_t *pat = cairo_pattern_create_linear (x0, 0, x1, 0);
  double lo = l->value[0], hi = l->value[l->n_stops - 1];
  for (guint i = 0; i < l->n_stops; i++)
    cairo_pattern_add_color_stop_rgba (pat, (l->value[i] - lo) / MAX (hi - lo, 1e-12), l->rgba[i][0], l->rgba[i][1],
                                       l->rgba[i][2], l->rgba[i][3]);
  cairo_rectangle (cr, x0, y, x1 - x0, 12);
  cairo_set_source (cr, pat);
  cairo_fill (cr);
  cairo_pattern_destroy (pat);
  cairo_set_source_rgb (cr, 0.2, 0.2, 0.2);
  cairo_set_font_size (cr, 9);
  for (guint i = 0; i < l->n_stops; i++)
    {
      double x = x0 + (x1 - x0) * (l->value[i] - lo) / MAX (hi - lo, 1e-12);
      cairo_move_to (cr, MIN (x, x1 - 30), y + 24 + (i % 2) * 10);
      cairo_show_text (cr, l->label[i]);
    }
}
