/* render-grid.c — grid, axis triad, scale bar.
 *
 * Grid spacing: a 1-2-5 step near a tenth of the part's footprint diagonal, lines
 * snapped to multiples of the step (so they fall on round coordinates), one step of
 * margin around the part, on the plane z = the part's lowest point. Scale bar: the
 * longest 1-2-5 length not above ~120 px at the camera target.
 */
#include "render-grid.h"

#include <math.h>

#define TRIAD_PX 84
#define SCALE_BAR_PX 120.0

struct _RenderGrid
{
  CamBounds extent;
  double spacing;
  gboolean visible;
  RenderLines *grid;
  RenderLines *triad;
  RenderLines *bar;
  double bar_mm, bar_px;       /* what `bar` holds */
  int text_scale;
  RenderText *bar_label;
  RenderText *grid_label;
  RenderText *axis_label[3];
};

double
render_grid_nice_step (double approx)
{
  double p, m;
  if (!(approx > 0.0) || !isfinite (approx))
    return 1.0;
  p = pow (10.0, floor (log10 (approx)));
  m = approx / p;
  /* guard against log10 rounding (approx = 0.5 must give 0.5) */
  if (m >= 9.999999)
    return 10.0 * p;
  return (m >= 5.0 ? 5.0 : m >= 2.0 ? 2.0 : 1.0) * p;
}

char *
render_grid_format_length (double mm)
{
  if (mm < 1.0)
    return g_strdup_printf ("%g µm", round (mm * 1000.0 * 1000.0) / 1000.0);
  return g_strdup_printf ("%g mm", mm);
}

static void
build_grid (RenderGrid *grid, const CamBounds *b)
{
  static const float minor[4] = { 0.62f, 0.64f, 0.68f, 0.55f };
  static const float x_axis[4] = { 0.85f, 0.25f, 0.25f, 0.85f };
  static const float y_axis[4] = { 0.25f, 0.65f, 0.25f, 0.85f };
  double dx = b->max[0] - b->min[0], dy = b->max[1] - b->min[1];
  double s = render_grid_nice_step (MAX (sqrt (dx * dx + dy * dy), 1e-3) / 10.0);
  double x0 = (floor (b->min[0] / s) - 1.0) * s, x1 = (ceil (b->max[0] / s) + 1.0) * s;
  double y0 = (floor (b->min[1] / s) - 1.0) * s, y1 = (ceil (b->max[1] / s) + 1.0) * s;
  double z = b->min[2];
  long nx = lround ((x1 - x0) / s), ny = lround ((y1 - y0) / s);

  grid->spacing = s;
  grid->extent = (CamBounds) { { x0, y0, z }, { x1, y1, MAX (b->max[2], z) } };
  render_lines_clear (grid->grid);
  render_lines_reserve (grid->grid, (gsize) (nx + ny + 2));
  for (long i = 0; i <= nx; i++)
    {
      double x = x0 + (double) i * s;
      const float *c = fabs (x) < s * 1e-6 ? y_axis : minor;   /* x = 0 is the Y axis */
      render_lines_add_segment (grid->grid, (double[3]) { x, y0, z }, (double[3]) { x, y1, z }, c, c);
    }
  for (long j = 0; j <= ny; j++)
    {
      double y = y0 + (double) j * s;
      const float *c = fabs (y) < s * 1e-6 ? x_axis : minor;
      render_lines_add_segment (grid->grid, (double[3]) { x0, y, z }, (double[3]) { x1, y, z }, c, c);
    }
}

RenderGrid *
render_grid_new (void)
{
  static const float rgb[3][4] = {
    { 0.85f, 0.12f, 0.12f, 1.0f }, { 0.10f, 0.62f, 0.15f, 1.0f }, { 0.12f, 0.30f, 0.90f, 1.0f },
  };
  RenderGrid *grid = g_new0 (RenderGrid, 1);
  grid->visible = TRUE;
  grid->grid = render_lines_new ();
  grid->triad = render_lines_new ();
  grid->bar = render_lines_new ();
  for (int a = 0; a < 3; a++)
    {
      double tip[3] = { 0, 0, 0 };
      tip[a] = 1.0;
      render_lines_add_segment (grid->triad, (double[3]) { 0, 0, 0 }, tip, rgb[a], rgb[a]);
    }
  render_grid_set_bounds (grid, NULL);
  return grid;
}

void
render_grid_free (RenderGrid *grid)
{
  if (grid == NULL)
    return;
  g_object_unref (grid->grid);
  g_object_unref (grid->triad);
  g_object_unref (grid->bar);
  g_clear_pointer (&grid->bar_label, render_text_free);
  g_clear_pointer (&grid->grid_label, render_text_free);
  for (int a = 0; a < 3; a++)
    g_clear_pointer (&grid->axis_label[a], render_text_free);
  g_free (grid);
}

void
render_grid_set_bounds (RenderGrid *grid, const CamBounds *bounds)
{
  static const CamBounds fallback = { { -5.0, -5.0, 0.0 }, { 5.0, 5.0, 0.0 } };
  build_grid (grid, bounds != NULL ? bounds : &fallback);
}

double
render_grid_get_spacing (RenderGrid *grid)
{
  return grid->spacing;
}

void
render_grid_get_extent (RenderGrid *grid, CamBounds *extent)
{
  *extent = grid->extent;
}

void
render_grid_set_visible (RenderGrid *grid, gboolean visible)
{
  grid->visible = visible;
}

static void
render_grid_release_texts (RenderGrid *grid)
{
  if (grid->bar_label != NULL)
    render_text_release (grid->bar_label);
  if (grid->grid_label != NULL)
    render_text_release (grid->grid_label);
  for (int a = 0; a < 3; a++)
    if (grid->axis_label[a] != NULL)
      render_text_release (grid->axis_label[a]);
}

static void
ensure_texts (RenderGrid *grid, int scale)
{
  static const char *names[3] = { "X", "Y", "Z" };
  static const float colours[3][3] = {
    { 0.75f, 0.08f, 0.08f }, { 0.05f, 0.50f, 0.10f }, { 0.10f, 0.22f, 0.80f },
  };
  if (grid->bar_label != NULL && grid->text_scale == scale)
    return;
  /* the scale factor changed (window moved to another monitor): new textures; the GL
   * context is current here, so the old ones are deleted first */
  render_grid_release_texts (grid);
  g_clear_pointer (&grid->bar_label, render_text_free);
  g_clear_pointer (&grid->grid_label, render_text_free);
  for (int a = 0; a < 3; a++)
    g_clear_pointer (&grid->axis_label[a], render_text_free);
  grid->text_scale = scale;
  grid->bar_label = render_text_new ("Sans 10", scale);
  grid->grid_label = render_text_new ("Sans 8", scale);
  for (int a = 0; a < 3; a++)
    {
      grid->axis_label[a] = render_text_new ("Sans Bold 9", scale);
      render_text_set (grid->axis_label[a], names[a], colours[a]);
    }
}

static void
draw_triad (RenderGrid *grid, const RenderContext *ctx, int scale)
{
  mat4 rot, proj, vp;
  int size = TRIAD_PX * scale, margin = 8 * scale;
  const float reach = 1.55f;

  render_camera_rotation_matrix (ctx->camera, rot);
  glm_ortho (-reach, reach, -reach, reach, -2.0f, 2.0f, proj);
  glm_mat4_mul (proj, rot, vp);

  glViewport (margin, margin, size, size);
  glDisable (GL_DEPTH_TEST);
  render_lines_draw_with (grid->triad, ctx, (const float *) vp);
  glViewport (0, 0, ctx->width, ctx->height);

  for (int a = 0; a < 3; a++)
    {
      vec4 tip = { 0, 0, 0, 1 }, clip;
      tip[a] = 1.22f;
      glm_mat4_mulv (vp, tip, clip);
      float x = (float) margin + (clip[0] + 1.0f) * 0.5f * (float) size;
      float y = (float) (ctx->height - margin) - (clip[1] + 1.0f) * 0.5f * (float) size;
      render_text_draw (grid->axis_label[a], ctx->programs, ctx->width, ctx->height,
                        x, y, RENDER_TEXT_ANCHOR_CENTER);
    }
}

static void
draw_scale_bar (RenderGrid *grid, const RenderContext *ctx, int scale)
{
  static const float ink[4] = { 0.08f, 0.09f, 0.11f, 1.0f };
  static const float ink_rgb[3] = { 0.08f, 0.09f, 0.11f };
  static const float grey_rgb[3] = { 0.32f, 0.34f, 0.38f };
  double mm_per_px = ctx->mm_per_px;
  double length, px;
  mat4 screen;
  float right = (float) ctx->width - 16.0f * (float) scale;
  float base = (float) ctx->height - 14.0f * (float) scale;
  g_autofree char *bar_text = NULL, *label = NULL;

  if (!(mm_per_px > 0.0))
    return;
  length = render_grid_nice_step (SCALE_BAR_PX * scale * mm_per_px);
  px = length / mm_per_px;
  if (length != grid->bar_mm || fabs (px - grid->bar_px) > 0.25)
    {
      double tick = 5.0 * scale;
      double l = right - px, r = right;
      render_lines_clear (grid->bar);
      render_lines_add_segment (grid->bar, (double[3]) { l, base, 0 }, (double[3]) { r, base, 0 }, ink, ink);
      render_lines_add_segment (grid->bar, (double[3]) { l, base + 1, 0 }, (double[3]) { r, base + 1, 0 }, ink, ink);
      render_lines_add_segment (grid->bar, (double[3]) { l, base - tick, 0 }, (double[3]) { l, base + 1, 0 }, ink, ink);
      render_lines_add_segment (grid->bar, (double[3]) { r, base - tick, 0 }, (double[3]) { r, base + 1, 0 }, ink, ink);
      grid->bar_mm = length;
      grid->bar_px = px;
    }
  glm_ortho (0.0f, (float) ctx->width, (float) ctx->height, 0.0f, -1.0f, 1.0f, screen);
  glDisable (GL_DEPTH_TEST);
  render_lines_draw_with (grid->bar, ctx, (const float *) screen);

  /* the length centred over the bar; the grid spacing above it, smaller */
  bar_text = render_grid_format_length (length);
  render_text_set (grid->bar_label, bar_text, ink_rgb);
  render_text_draw (grid->bar_label, ctx->programs, ctx->width, ctx->height,
                    right - (float) px / 2.0f, base - 6.0f * (float) scale,
                    RENDER_TEXT_ANCHOR_BOTTOM_CENTER);
  if (grid->visible)
    {
      int tw, th;
      g_autofree char *grid_text = render_grid_format_length (grid->spacing);
      label = g_strdup_printf ("grid %s", grid_text);
      render_text_set (grid->grid_label, label, grey_rgb);
      render_text_get_size (grid->bar_label, &tw, &th);
      render_text_draw (grid->grid_label, ctx->programs, ctx->width, ctx->height,
                        right - (float) px / 2.0f, base - 8.0f * (float) scale - (float) th,
                        RENDER_TEXT_ANCHOR_BOTTOM_CENTER);
    }
}

void
render_grid_draw_plane (RenderGrid *grid, const RenderContext *ctx)
{
  if (!grid->visible)
    return;
  glEnable (GL_DEPTH_TEST);
  glDepthMask (GL_FALSE);   /* the grid never hides what is drawn after it */
  render_layer_draw (RENDER_LAYER (grid->grid), ctx);
  glDepthMask (GL_TRUE);
}

void
render_grid_draw_overlay (RenderGrid *grid, const RenderContext *ctx, int scale)
{
  ensure_texts (grid, scale);
  draw_triad (grid, ctx, scale);
  draw_scale_bar (grid, ctx, scale);
  glEnable (GL_DEPTH_TEST);
}

void
render_grid_release (RenderGrid *grid)
{
  render_layer_release (RENDER_LAYER (grid->grid));
  render_layer_release (RENDER_LAYER (grid->triad));
  render_layer_release (RENDER_LAYER (grid->bar));
  render_grid_release_texts (grid);
}
