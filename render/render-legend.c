/* render-legend.c — overlay legend as a screen-space layer: 1-pixel lines for the colour
 * bar and swatches (RenderLines drawn with a pixel ortho matrix, as the scale bar in
 * render-grid.c) and RenderText labels. */
#include "render-legend.h"

#include <math.h>

#include "render-lines.h"
#include "render-text.h"

#define MARGIN_PX 16.0
#define BAR_W_PX 220.0
#define BAR_H_PX 12
#define SWATCH_PX 12
#define ROW_PX 18.0

struct _RenderLegend
{
  RenderLayer parent_instance;

  gboolean has;
  RenderToolpathLegend scale;
  RenderLines *ink;
  RenderText *title;
  RenderText *labels[RENDER_TOOLPATH_MAX_STOPS];
  gboolean built;
};

G_DEFINE_FINAL_TYPE (RenderLegend, render_legend, RENDER_TYPE_LAYER)

static const float TEXT_RGB[3] = { 0.08f, 0.09f, 0.11f };

/* Colour bar or swatches in pixels, below the title. */
static void
build (RenderLegend *self)
{
  render_lines_clear (self->ink);
  const RenderToolpathLegend *l = &self->scale;
  double x0 = MARGIN_PX, y0 = MARGIN_PX + ROW_PX;
  if (l->categorical)
    for (guint i = 0; i < l->n_stops; i++)
      for (int r = 0; r < SWATCH_PX; r++)
        {
          double y = y0 + i * ROW_PX + r + 0.5;
          render_lines_add_segment (self->ink, (double[3]) { x0, y, 0 }, (double[3]) { x0 + SWATCH_PX, y, 0 },
                                    l->rgba[i], l->rgba[i]);
        }
  else if (l->n_stops >= 2)
    {
      double lo = l->value[0], hi = l->value[l->n_stops - 1];
      double xyz[3 * RENDER_TOOLPATH_MAX_STOPS];
      float rgba[4 * RENDER_TOOLPATH_MAX_STOPS];
      for (int r = 0; r < BAR_H_PX; r++)
        {
          for (guint i = 0; i < l->n_stops; i++)
            {
              xyz[3 * i] = x0 + BAR_W_PX * (l->value[i] - lo) / MAX (hi - lo, 1e-12);
              xyz[3 * i + 1] = y0 + r + 0.5;
              xyz[3 * i + 2] = 0;
              for (int k = 0; k < 4; k++)
                rgba[4 * i + k] = l->rgba[i][k];
            }
          render_lines_add_polyline (self->ink, xyz, l->n_stops, rgba, TRUE);
        }
    }
  self->built = TRUE;
}

static void
render_legend_draw (RenderLayer *layer, const RenderContext *ctx)
{
  RenderLegend *self = RENDER_LEGEND (layer);
  if (!self->has || self->scale.n_stops == 0)
    return;
  const RenderToolpathLegend *l = &self->scale;
  if (!self->built)
    build (self);
  mat4 screen;
  glm_ortho (0.0f, (float) ctx->width, (float) ctx->height, 0.0f, -1.0f, 1.0f, screen);
  /* an on-top layer: the view has depth testing off while it draws */
  render_lines_draw_with (self->ink, ctx, (const float *) screen);
  if (self->title == NULL)
    self->title = render_text_new ("Sans Bold 10", 1);
  g_autofree char *title = l->unit[0] ? g_strdup_printf ("%s (%s)", l->title, l->unit) : g_strdup (l->title);
  render_text_set (self->title, title, TEXT_RGB);
  render_text_draw (self->title, ctx->programs, ctx->width, ctx->height, MARGIN_PX, MARGIN_PX,
                    RENDER_TEXT_ANCHOR_TOP_LEFT);
  double y0 = MARGIN_PX + ROW_PX;
  double lo = l->value[0], hi = l->value[l->n_stops - 1];
  for (guint i = 0; i < l->n_stops; i++)
    {
      if (self->labels[i] == NULL)
        self->labels[i] = render_text_new ("Sans 8", 1);
      render_text_set (self->labels[i], l->label[i], TEXT_RGB);
      float x, y;
      if (l->categorical)
        x = (float) (MARGIN_PX + SWATCH_PX + 6), y = (float) (y0 + i * ROW_PX - 1);
      else
        {
          /* alternate rows so neighbouring labels do not overlap */
          x = (float) (MARGIN_PX + BAR_W_PX * (l->value[i] - lo) / MAX (hi - lo, 1e-12));
          y = (float) (y0 + BAR_H_PX + 3 + (i % 2) * 12);
        }
      render_text_draw (self->labels[i], ctx->programs, ctx->width, ctx->height, x, y,
                        RENDER_TEXT_ANCHOR_TOP_LEFT);
    }
}

static void
render_legend_upload (RenderLayer *layer)
{
  (void) layer; /* the lines upload themselves when drawn */
}

static void
render_legend_release (RenderLayer *layer)
{
  RenderLegend *self = RENDER_LEGEND (layer);
  render_layer_release (RENDER_LAYER (self->ink));
  if (self->title)
    render_text_release (self->title);
  for (guint i = 0; i < RENDER_TOOLPATH_MAX_STOPS; i++)
    if (self->labels[i])
      render_text_release (self->labels[i]);
}

static void
render_legend_finalize (GObject *obj)
{
  RenderLegend *self = RENDER_LEGEND (obj);
  g_clear_object (&self->ink);
  g_clear_pointer (&self->title, render_text_free);
  for (guint i = 0; i < RENDER_TOOLPATH_MAX_STOPS; i++)
    g_clear_pointer (&self->labels[i], render_text_free);
  G_OBJECT_CLASS (render_legend_parent_class)->finalize (obj);
}

static void
render_legend_class_init (RenderLegendClass *klass)
{
  RenderLayerClass *layer_class = RENDER_LAYER_CLASS (klass);
  layer_class->upload = render_legend_upload;
  layer_class->draw = render_legend_draw;
  layer_class->release = render_legend_release;
  G_OBJECT_CLASS (klass)->finalize = render_legend_finalize;
}

static void
render_legend_init (RenderLegend *self)
{
  self->ink = render_lines_new ();
  render_layer_set_on_top (RENDER_LAYER (self), TRUE);
}

RenderLegend *
render_legend_new (void)
{
  return g_object_new (RENDER_TYPE_LEGEND, NULL);
}

void
render_legend_set (RenderLegend *self, const RenderToolpathLegend *scale)
{
  self->has = scale != NULL;
  if (scale)
    self->scale = *scale;
  self->built = FALSE;
  render_layer_changed (RENDER_LAYER (self));
}

const RenderToolpathLegend *
render_legend_get (RenderLegend *self)
{
  return self->has ? &self->scale : NULL;
}
