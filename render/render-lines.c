/* render-lines.c — one VBO of coloured segments, one draw call. */
#include "render-lines.h"

#include <math.h>

typedef struct {
  float position[3];
  guint8 rgba[4];
  float distance;   /* mm along the polyline, for dashes */
} LineVertex;

struct _RenderLines
{
  RenderLayer parent_instance;

  GArray *vertices;           /* LineVertex, two per segment */
  RenderLineStyle style;
  float dash_px;

  GLuint vao, vbo;
  gsize uploaded;             /* vertices in the VBO */
};

G_DEFINE_FINAL_TYPE (RenderLines, render_lines, RENDER_TYPE_LAYER)

static guint8
to_byte (float v)
{
  return (guint8) lrintf (CLAMP (v, 0.0f, 1.0f) * 255.0f);
}

static void
set_vertex (LineVertex *v, const double p[3], const float rgba[4], float distance)
{
  for (int i = 0; i < 3; i++)
    v->position[i] = (float) p[i];
  for (int i = 0; i < 4; i++)
    v->rgba[i] = to_byte (rgba[i]);
  v->distance = distance;
}

static void
render_lines_upload (RenderLayer *layer)
{
  RenderLines *self = RENDER_LINES (layer);

  if (self->vao == 0)
    {
      glGenVertexArrays (1, &self->vao);
      glGenBuffers (1, &self->vbo);
      glBindVertexArray (self->vao);
      glBindBuffer (GL_ARRAY_BUFFER, self->vbo);
      glEnableVertexAttribArray (0);
      glVertexAttribPointer (0, 3, GL_FLOAT, GL_FALSE, sizeof (LineVertex),
                             (void *) G_STRUCT_OFFSET (LineVertex, position));
      glEnableVertexAttribArray (1);
      glVertexAttribPointer (1, 4, GL_UNSIGNED_BYTE, GL_TRUE, sizeof (LineVertex),
                             (void *) G_STRUCT_OFFSET (LineVertex, rgba));
      glEnableVertexAttribArray (2);
      glVertexAttribPointer (2, 1, GL_FLOAT, GL_FALSE, sizeof (LineVertex),
                             (void *) G_STRUCT_OFFSET (LineVertex, distance));
      glBindVertexArray (0);
    }
  glBindBuffer (GL_ARRAY_BUFFER, self->vbo);
  glBufferData (GL_ARRAY_BUFFER, (GLsizeiptr) (self->vertices->len * sizeof (LineVertex)),
                self->vertices->data, GL_STATIC_DRAW);
  glBindBuffer (GL_ARRAY_BUFFER, 0);
  self->uploaded = self->vertices->len;
}

void
render_lines_draw_with (RenderLines *self, const RenderContext *ctx, const float *view_proj)
{
  GLuint prog = ctx->programs->lines;

  if (render_layer_is_dirty (RENDER_LAYER (self)))
    render_layer_upload (RENDER_LAYER (self));
  if (self->uploaded == 0)
    return;

  glUseProgram (prog);
  render_program_set_mat4 (prog, "u_view_proj", view_proj);
  render_program_set_int (prog, "u_style", (int) self->style);
  render_program_set_float (prog, "u_mm_per_px", MAX (ctx->mm_per_px, 1e-9f));
  render_program_set_float (prog, "u_dash_px", self->dash_px);
  glBindVertexArray (self->vao);
  glDrawArrays (GL_LINES, 0, (GLsizei) self->uploaded);
  glBindVertexArray (0);
}

static void
render_lines_draw (RenderLayer *layer, const RenderContext *ctx)
{
  render_lines_draw_with (RENDER_LINES (layer), ctx, (const float *) ctx->view_proj);
}

static void
render_lines_release (RenderLayer *layer)
{
  RenderLines *self = RENDER_LINES (layer);
  if (self->vbo != 0)
    glDeleteBuffers (1, &self->vbo);
  if (self->vao != 0)
    glDeleteVertexArrays (1, &self->vao);
  self->vbo = self->vao = 0;
  self->uploaded = 0;
}

static void
render_lines_finalize (GObject *object)
{
  RenderLines *self = RENDER_LINES (object);
  /* GL objects are gone already: RenderView releases a layer before dropping it. */
  g_array_unref (self->vertices);
  G_OBJECT_CLASS (render_lines_parent_class)->finalize (object);
}

static void
render_lines_class_init (RenderLinesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  RenderLayerClass *layer_class = RENDER_LAYER_CLASS (klass);

  object_class->finalize = render_lines_finalize;
  layer_class->upload = render_lines_upload;
  layer_class->draw = render_lines_draw;
  layer_class->release = render_lines_release;
}

static void
render_lines_init (RenderLines *self)
{
  self->vertices = g_array_new (FALSE, FALSE, sizeof (LineVertex));
  self->style = RENDER_LINE_SOLID;
  self->dash_px = 6.0f;
}

RenderLines *
render_lines_new (void)
{
  return g_object_new (RENDER_TYPE_LINES, NULL);
}

void
render_lines_reserve (RenderLines *lines, gsize n_segments)
{
  g_return_if_fail (RENDER_IS_LINES (lines));
  if (2 * n_segments > lines->vertices->len)
    g_array_set_size (g_array_set_size (lines->vertices, (guint) (2 * n_segments)), lines->vertices->len);
}

void
render_lines_add_segment (RenderLines *lines, const double a[3], const double b[3],
                          const float rgba_a[4], const float rgba_b[4])
{
  LineVertex v[2];
  g_return_if_fail (RENDER_IS_LINES (lines));
  double len = sqrt ((b[0] - a[0]) * (b[0] - a[0]) + (b[1] - a[1]) * (b[1] - a[1]) +
                     (b[2] - a[2]) * (b[2] - a[2]));
  set_vertex (&v[0], a, rgba_a, 0.0f);
  set_vertex (&v[1], b, rgba_b, (float) len);
  g_array_append_vals (lines->vertices, v, 2);
  render_layer_changed (RENDER_LAYER (lines));
}

void
render_lines_add_polyline (RenderLines *lines, const double *xyz, gsize n_points,
                           const float *rgba, gboolean rgba_per_point)
{
  double along = 0.0;
  g_return_if_fail (RENDER_IS_LINES (lines));
  if (n_points < 2)
    return;
  for (gsize i = 0; i + 1 < n_points; i++)
    {
      const double *a = xyz + 3 * i, *b = xyz + 3 * (i + 1);
      const float *ca = rgba_per_point ? rgba + 4 * i : rgba;
      const float *cb = rgba_per_point ? rgba + 4 * (i + 1) : rgba;
      double len = sqrt ((b[0] - a[0]) * (b[0] - a[0]) + (b[1] - a[1]) * (b[1] - a[1]) +
                         (b[2] - a[2]) * (b[2] - a[2]));
      LineVertex v[2];
      set_vertex (&v[0], a, ca, (float) along);
      along += len;
      set_vertex (&v[1], b, cb, (float) along);
      g_array_append_vals (lines->vertices, v, 2);
    }
  render_layer_changed (RENDER_LAYER (lines));
}

void
render_lines_clear (RenderLines *lines)
{
  g_return_if_fail (RENDER_IS_LINES (lines));
  g_array_set_size (lines->vertices, 0);
  render_layer_changed (RENDER_LAYER (lines));
}

gsize
render_lines_get_n_segments (RenderLines *lines)
{
  g_return_val_if_fail (RENDER_IS_LINES (lines), 0);
  return lines->vertices->len / 2;
}

void
render_lines_set_style (RenderLines *lines, RenderLineStyle style)
{
  g_return_if_fail (RENDER_IS_LINES (lines));
  lines->style = style;
  g_signal_emit_by_name (lines, "changed");
}

RenderLineStyle
render_lines_get_style (RenderLines *lines)
{
  g_return_val_if_fail (RENDER_IS_LINES (lines), RENDER_LINE_SOLID);
  return lines->style;
}

void
render_lines_set_dash_px (RenderLines *lines, float dash_px)
{
  g_return_if_fail (RENDER_IS_LINES (lines));
  lines->dash_px = MAX (dash_px, 1.0f);
  g_signal_emit_by_name (lines, "changed");
}
