/* render-box.c — six translucent faces, 36 vertices, one draw call (see render-box.h). */
#include "render-box.h"

#include <math.h>

typedef struct {
  float position[3];
  guint8 rgba[4];
  float distance;   /* unused (solid style); keeps the lines program's vertex layout */
} BoxVertex;

struct _RenderBox
{
  RenderLayer parent_instance;

  BoxVertex vertices[36];
  guint n_vertices;          /* 0 or 36 */
  GLuint vao, vbo;
  guint uploaded;
};

G_DEFINE_FINAL_TYPE (RenderBox, render_box, RENDER_TYPE_LAYER)

static void
render_box_upload (RenderLayer *layer)
{
  RenderBox *self = RENDER_BOX (layer);
  if (self->vao == 0)
    {
      glGenVertexArrays (1, &self->vao);
      glGenBuffers (1, &self->vbo);
      glBindVertexArray (self->vao);
      glBindBuffer (GL_ARRAY_BUFFER, self->vbo);
      glEnableVertexAttribArray (0);
      glVertexAttribPointer (0, 3, GL_FLOAT, GL_FALSE, sizeof (BoxVertex), (void *) G_STRUCT_OFFSET (BoxVertex, position));
      glEnableVertexAttribArray (1);
      glVertexAttribPointer (1, 4, GL_UNSIGNED_BYTE, GL_TRUE, sizeof (BoxVertex), (void *) G_STRUCT_OFFSET (BoxVertex, rgba));
      glEnableVertexAttribArray (2);
      glVertexAttribPointer (2, 1, GL_FLOAT, GL_FALSE, sizeof (BoxVertex), (void *) G_STRUCT_OFFSET (BoxVertex, distance));
      glBindVertexArray (0);
    }
  glBindBuffer (GL_ARRAY_BUFFER, self->vbo);
  glBufferData (GL_ARRAY_BUFFER, (GLsizeiptr) (self->n_vertices * sizeof (BoxVertex)), self->vertices, GL_STATIC_DRAW);
  glBindBuffer (GL_ARRAY_BUFFER, 0);
  self->uploaded = self->n_vertices;
}

static void
render_box_draw (RenderLayer *layer, const RenderContext *ctx)
{
  RenderBox *self = RENDER_BOX (layer);
  GLuint prog = ctx->programs->lines;
  if (self->uploaded == 0)
    return;
  glUseProgram (prog);
  render_program_set_mat4 (prog, "u_view_proj", (const float *) ctx->view_proj);
  render_program_set_int (prog, "u_style", 0);
  render_program_set_float (prog, "u_mm_per_px", MAX (ctx->mm_per_px, 1e-9f));
  render_program_set_float (prog, "u_dash_px", 6.0f);
  /* translucent: seen through, and hiding nothing drawn after it */
  glDepthMask (GL_FALSE);
  glBindVertexArray (self->vao);
  glDrawArrays (GL_TRIANGLES, 0, (GLsizei) self->uploaded);
  glBindVertexArray (0);
  glDepthMask (GL_TRUE);
}

static void
render_box_release (RenderLayer *layer)
{
  RenderBox *self = RENDER_BOX (layer);
  if (self->vbo != 0)
    glDeleteBuffers (1, &self->vbo);
  if (self->vao != 0)
    glDeleteVertexArrays (1, &self->vao);
  self->vbo = self->vao = 0;
  self->uploaded = 0;
}

static void
render_box_class_init (RenderBoxClass *klass)
{
  RenderLayerClass *layer_class = RENDER_LAYER_CLASS (klass);
  layer_class->upload = render_box_upload;
  layer_class->draw = render_box_draw;
  layer_class->release = render_box_release;
}

static void
render_box_init (RenderBox *self)
{
  (void) self;
}

RenderBox *
render_box_new (void)
{
  return g_object_new (RENDER_TYPE_BOX, NULL);
}

static guint8
to_byte (float v)
{
  return (guint8) lrintf (CLAMP (v, 0.0f, 1.0f) * 255.0f);
}

void
render_box_set (RenderBox *self, const double lo[3], const double hi[3], const float rgba[4])
{
  g_return_if_fail (RENDER_IS_BOX (self));
  if (!(lo[0] < hi[0] && lo[1] < hi[1] && lo[2] < hi[2]))
    {
      render_box_clear (self);
      return;
    }
  /* per face: the axis it faces, the side (0 = lo, 1 = hi), and a shade so that top, sides
   * and front differ as under a light from above */
  static const float shade[3][2] = { { 0.80f, 0.90f }, { 0.85f, 0.75f }, { 0.65f, 1.00f } };
  guint n = 0;
  for (int axis = 0; axis < 3; axis++)
    for (int side = 0; side < 2; side++)
      {
        int u = (axis + 1) % 3, v = (axis + 2) % 3;
        static const int corner[6][2] = { { 0, 0 }, { 1, 0 }, { 1, 1 }, { 0, 0 }, { 1, 1 }, { 0, 1 } };
        for (int k = 0; k < 6; k++)
          {
            BoxVertex *bv = &self->vertices[n++];
            bv->position[axis] = (float) (side ? hi[axis] : lo[axis]);
            bv->position[u] = (float) (corner[k][0] ? hi[u] : lo[u]);
            bv->position[v] = (float) (corner[k][1] ? hi[v] : lo[v]);
            for (int c = 0; c < 3; c++)
              bv->rgba[c] = to_byte (rgba[c] * shade[axis][side]);
            bv->rgba[3] = to_byte (rgba[3]);
            bv->distance = 0;
          }
      }
  self->n_vertices = n;
  render_layer_changed (RENDER_LAYER (self));
}

void
render_box_clear (RenderBox *self)
{
  g_return_if_fail (RENDER_IS_BOX (self));
  if (self->n_vertices == 0)
    return;
  self->n_vertices = 0;
  render_layer_changed (RENDER_LAYER (self));
}

gboolean
render_box_is_empty (RenderBox *self)
{
  g_return_val_if_fail (RENDER_IS_BOX (self), TRUE);
  return self->n_vertices == 0;
}
