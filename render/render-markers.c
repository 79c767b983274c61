/* render-markers.c — point sprites shaded as spheres; CPU picking by projection. */
#include "render-markers.h"

#include <math.h>

typedef struct {
  float position[3];
  guint8 rgba[4];
  float radius;
} MarkerVertex;

struct _RenderMarkers
{
  RenderLayer parent_instance;

  GArray *markers;       /* MarkerVertex */
  int highlight;
  float min_px;

  GLuint vao, vbo;
  guint uploaded;
};

G_DEFINE_FINAL_TYPE (RenderMarkers, render_markers, RENDER_TYPE_LAYER)

static void
render_markers_upload (RenderLayer *layer)
{
  RenderMarkers *self = RENDER_MARKERS (layer);

  if (self->vao == 0)
    {
      glGenVertexArrays (1, &self->vao);
      glGenBuffers (1, &self->vbo);
      glBindVertexArray (self->vao);
      glBindBuffer (GL_ARRAY_BUFFER, self->vbo);
      glEnableVertexAttribArray (0);
      glVertexAttribPointer (0, 3, GL_FLOAT, GL_FALSE, sizeof (MarkerVertex),
                             (void *) G_STRUCT_OFFSET (MarkerVertex, position));
      glEnableVertexAttribArray (1);
      glVertexAttribPointer (1, 4, GL_UNSIGNED_BYTE, GL_TRUE, sizeof (MarkerVertex),
                             (void *) G_STRUCT_OFFSET (MarkerVertex, rgba));
      glEnableVertexAttribArray (2);
      glVertexAttribPointer (2, 1, GL_FLOAT, GL_FALSE, sizeof (MarkerVertex),
                             (void *) G_STRUCT_OFFSET (MarkerVertex, radius));
      glBindVertexArray (0);
    }
  glBindBuffer (GL_ARRAY_BUFFER, self->vbo);
  glBufferData (GL_ARRAY_BUFFER, (GLsizeiptr) (self->markers->len * sizeof (MarkerVertex)),
                self->markers->data, GL_STATIC_DRAW);
  glBindBuffer (GL_ARRAY_BUFFER, 0);
  self->uploaded = self->markers->len;
}

static void
render_markers_draw (RenderLayer *layer, const RenderContext *ctx)
{
  RenderMarkers *self = RENDER_MARKERS (layer);
  GLuint prog = ctx->programs->markers;

  if (self->uploaded == 0)
    return;
  glEnable (GL_PROGRAM_POINT_SIZE);
  glUseProgram (prog);
  render_program_set_mat4 (prog, "u_view_proj", (const float *) ctx->view_proj);
  render_program_set_float (prog, "u_px_per_mm_at_w1", ctx->proj[1][1] * (float) ctx->height * 0.5f);
  render_program_set_float (prog, "u_min_px", self->min_px * (float) ctx->height / (float) ctx->camera->height);
  render_program_set_int (prog, "u_highlight", self->highlight);
  glBindVertexArray (self->vao);
  glDrawArrays (GL_POINTS, 0, (GLsizei) self->uploaded);
  glBindVertexArray (0);
  glDisable (GL_PROGRAM_POINT_SIZE);
}

static void
render_markers_release (RenderLayer *layer)
{
  RenderMarkers *self = RENDER_MARKERS (layer);
  if (self->vbo != 0)
    glDeleteBuffers (1, &self->vbo);
  if (self->vao != 0)
    glDeleteVertexArrays (1, &self->vao);
  self->vbo = self->vao = 0;
  self->uploaded = 0;
}

static void
render_markers_finalize (GObject *object)
{
  RenderMarkers *self = RENDER_MARKERS (object);
  g_array_unref (self->markers);
  G_OBJECT_CLASS (render_markers_parent_class)->finalize (object);
}

static void
render_markers_class_init (RenderMarkersClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  RenderLayerClass *layer_class = RENDER_LAYER_CLASS (klass);

  object_class->finalize = render_markers_finalize;
  layer_class->upload = render_markers_upload;
  layer_class->draw = render_markers_draw;
  layer_class->release = render_markers_release;
}

static void
render_markers_init (RenderMarkers *self)
{
  self->markers = g_array_new (FALSE, FALSE, sizeof (MarkerVertex));
  self->highlight = -1;
  self->min_px = 9.0f;
}

RenderMarkers *
render_markers_new (void)
{
  return g_object_new (RENDER_TYPE_MARKERS, NULL);
}

guint
render_markers_add (RenderMarkers *markers, const double position[3], double radius_mm,
                    const float rgba[4])
{
  MarkerVertex v;
  g_return_val_if_fail (RENDER_IS_MARKERS (markers), 0);
  for (int i = 0; i < 3; i++)
    v.position[i] = (float) position[i];
  for (int i = 0; i < 4; i++)
    v.rgba[i] = (guint8) lrintf (CLAMP (rgba[i], 0.0f, 1.0f) * 255.0f);
  v.radius = (float) MAX (radius_mm, 0.0);
  g_array_append_val (markers->markers, v);
  render_layer_changed (RENDER_LAYER (markers));
  return markers->markers->len - 1;
}

void
render_markers_clear (RenderMarkers *markers)
{
  g_return_if_fail (RENDER_IS_MARKERS (markers));
  g_array_set_size (markers->markers, 0);
  markers->highlight = -1;
  render_layer_changed (RENDER_LAYER (markers));
}

guint
render_markers_get_n_markers (RenderMarkers *markers)
{
  g_return_val_if_fail (RENDER_IS_MARKERS (markers), 0);
  return markers->markers->len;
}

void
render_markers_set_highlight (RenderMarkers *markers, int index)
{
  g_return_if_fail (RENDER_IS_MARKERS (markers));
  if (index < 0 || (guint) index >= markers->markers->len)
    index = -1;
  markers->highlight = index;
  g_signal_emit_by_name (markers, "changed");
}

int
render_markers_get_highlight (RenderMarkers *markers)
{
  g_return_val_if_fail (RENDER_IS_MARKERS (markers), -1);
  return markers->highlight;
}

void
render_markers_set_min_size_px (RenderMarkers *markers, float px)
{
  g_return_if_fail (RENDER_IS_MARKERS (markers));
  markers->min_px = MAX (px, 1.0f);
  g_signal_emit_by_name (markers, "changed");
}

int
render_markers_pick (RenderMarkers *markers, const RenderCamera *camera,
                     float x_px, float y_px, float tolerance_px)
{
  mat4 view, proj;
  int best = -1;
  float best_depth = G_MAXFLOAT;
  g_return_val_if_fail (RENDER_IS_MARKERS (markers), -1);

  render_camera_view_matrix (camera, view);
  render_camera_projection (camera, proj);
  for (guint i = 0; i < markers->markers->len; i++)
    {
      const MarkerVertex *m = &g_array_index (markers->markers, MarkerVertex, i);
      vec4 p = { m->position[0], m->position[1], m->position[2], 1.0f }, eye_p;
      float sx, sy;
      if (!render_camera_project (camera, m->position, &sx, &sy))
        continue;
      glm_mat4_mulv (view, p, eye_p);
      /* same size rule as markers.vert.glsl, in widget pixels */
      float w = camera->orthographic ? 1.0f : MAX (-eye_p[2], 1e-6f);
      float diameter = MAX (2.0f * m->radius * proj[1][1] * (float) camera->height * 0.5f / w,
                            markers->min_px);
      if ((int) i == markers->highlight)
        diameter = diameter * 1.4f + 6.0f;
      float reach = diameter * 0.5f + tolerance_px;
      float dx = sx - x_px, dy = sy - y_px;
      if (dx * dx + dy * dy <= reach * reach && -eye_p[2] < best_depth)
        {
          best = (int) i;
          best_depth = -eye_p[2];
        }
    }
  return best;
}
