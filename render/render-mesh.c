/* render-mesh.c — upload the indexed part once; shade it; draw its edges.
 *
 * Edge adjacency without a hash table: every triangle edge (lo, hi) with lo < hi is
 * bucketed under lo (counting sort, O(n)); inside a bucket (a handful of entries at a
 * vertex) equal hi are grouped. A group of one is a boundary edge, three or more a
 * non-manifold edge, two a shared edge whose dihedral angle (from the facet normals)
 * decides whether it is a feature edge.
 * Shading: facet normals from screen-space derivatives (mesh.frag.glsl), so only
 * positions are uploaded: 12 bytes per vertex + 12 per facet.
 * Coarse version for big parts (drawn while the user drags the view): vertex clustering
 * (Rossignac & Borrel, "Multi-resolution 3D approximations for rendering complex
 * scenes", 1993): vertices snap to the first vertex of their cell in a grid of about
 * 200 cells along the part's diagonal; facets whose corners fall in fewer than three
 * cells vanish. Built once, in the loading thread, as a second index list.
 */
#include "render-mesh.h"

#include <math.h>
#include <string.h>

struct _RenderMesh
{
  RenderLayer parent_instance;

  CamMesh *mesh;
  float *positions;          /* 3 × n_vertices */
  GArray *all_edges;         /* guint32 pairs */
  GArray *feature_edges;     /* guint32 pairs */
  GArray *defect_edges;      /* guint32 pairs: boundary and non-manifold */
  gboolean show_edges;
  gboolean wireframe;
  gboolean xray;
  GArray *coarse_triangles;  /* guint32 triples, or NULL for small parts */
  gboolean coarse;

  GLuint vao, vbo, ebo_triangles, ebo_all, ebo_feature, ebo_defect, ebo_coarse;
};

G_DEFINE_FINAL_TYPE (RenderMesh, render_mesh, RENDER_TYPE_LAYER)

static const float part_rgb[3] = { 0.50f, 0.60f, 0.75f };
static const float back_rgb[3] = { 0.86f, 0.47f, 0.30f };

typedef struct {
  guint32 hi;
  guint32 tri;
} EdgeSlot;

static void
find_edges (RenderMesh *self)
{
  const CamMesh *m = self->mesh;
  const double cos_feature = cos (RENDER_MESH_FEATURE_ANGLE_DEG * G_PI / 180.0);
  guint32 *start = g_new0 (guint32, (gsize) m->n_vertices + 1);
  EdgeSlot *slots = g_new (EdgeSlot, (gsize) m->n_triangles * 3);
  guint32 *fill;

  for (guint t = 0; t < m->n_triangles; t++)
    for (int k = 0; k < 3; k++)
      {
        guint32 a = m->triangles[3 * t + k], b = m->triangles[3 * t + (k + 1) % 3];
        start[MIN (a, b) + 1]++;
      }
  for (guint v = 0; v < m->n_vertices; v++)
    start[v + 1] += start[v];
  fill = g_memdup2 (start, sizeof (guint32) * m->n_vertices);
  for (guint t = 0; t < m->n_triangles; t++)
    for (int k = 0; k < 3; k++)
      {
        guint32 a = m->triangles[3 * t + k], b = m->triangles[3 * t + (k + 1) % 3];
        EdgeSlot *s = &slots[fill[MIN (a, b)]++];
        s->hi = MAX (a, b);
        s->tri = t;
      }
  g_free (fill);

  for (guint32 lo = 0; lo < m->n_vertices; lo++)
    {
      EdgeSlot *b = slots + start[lo];
      guint n = start[lo + 1] - start[lo];
      /* insertion sort by hi: buckets hold the few edges of one vertex */
      for (guint i = 1; i < n; i++)
        for (guint j = i; j > 0 && b[j - 1].hi > b[j].hi; j--)
          {
            EdgeSlot tmp = b[j];
            b[j] = b[j - 1];
            b[j - 1] = tmp;
          }
      for (guint i = 0; i < n;)
        {
          guint j = i + 1;
          while (j < n && b[j].hi == b[i].hi)
            j++;
          guint32 pair[2] = { lo, b[i].hi };
          g_array_append_vals (self->all_edges, pair, 2);
          if (j - i != 2)
            g_array_append_vals (self->defect_edges, pair, 2);
          else
            {
              const double *n1 = m->normals + 3 * b[i].tri, *n2 = m->normals + 3 * b[i + 1].tri;
              if (n1[0] * n2[0] + n1[1] * n2[1] + n1[2] * n2[2] < cos_feature)
                g_array_append_vals (self->feature_edges, pair, 2);
            }
          i = j;
        }
    }
  g_free (start);
  g_free (slots);
}

static void
build_coarse (RenderMesh *self)
{
  const CamMesh *m = self->mesh;
  const CamBounds *b = &m->bounds;
  double cell = cam_bounds_diagonal (b) / RENDER_MESH_COARSE_CELLS;
  guint64 dims[3], n_cells;
  guint32 *cell_rep, *rep;

  if (m->n_triangles < RENDER_MESH_COARSE_MIN_TRIANGLES || !(cell > 0.0))
    return;
  for (;;)
    {
      for (int k = 0; k < 3; k++)
        dims[k] = (guint64) ((b->max[k] - b->min[k]) / cell) + 1;
      n_cells = dims[0] * dims[1] * dims[2];
      if (n_cells <= 8u * 1024u * 1024u)
        break;
      cell *= 1.25;
    }
  cell_rep = g_new (guint32, n_cells);
  memset (cell_rep, 0xff, n_cells * sizeof (guint32));
  rep = g_new (guint32, m->n_vertices);
  for (guint v = 0; v < m->n_vertices; v++)
    {
      guint64 c[3];
      for (int k = 0; k < 3; k++)
        c[k] = MIN ((guint64) ((m->vertices[3 * v + k] - b->min[k]) / cell), dims[k] - 1);
      guint64 id = (c[2] * dims[1] + c[1]) * dims[0] + c[0];
      if (cell_rep[id] == G_MAXUINT32)
        cell_rep[id] = v;
      rep[v] = cell_rep[id];
    }
  self->coarse_triangles = g_array_new (FALSE, FALSE, sizeof (guint32));
  for (guint t = 0; t < m->n_triangles; t++)
    {
      guint32 tri[3] = { rep[m->triangles[3 * t]], rep[m->triangles[3 * t + 1]], rep[m->triangles[3 * t + 2]] };
      if (tri[0] != tri[1] && tri[1] != tri[2] && tri[0] != tri[2])
        g_array_append_vals (self->coarse_triangles, tri, 3);
    }
  g_free (rep);
  g_free (cell_rep);
}

RenderMesh *
render_mesh_new (CamMesh *mesh)
{
  RenderMesh *self;
  g_return_val_if_fail (mesh != NULL, NULL);

  self = g_object_new (RENDER_TYPE_MESH, NULL);
  self->mesh = cam_mesh_ref (mesh);
  self->positions = g_new (float, (gsize) mesh->n_vertices * 3);
  for (gsize i = 0; i < (gsize) mesh->n_vertices * 3; i++)
    self->positions[i] = (float) mesh->vertices[i];
  find_edges (self);
  build_coarse (self);
  return self;
}

CamMesh *
render_mesh_get_cam_mesh (RenderMesh *self)
{
  g_return_val_if_fail (RENDER_IS_MESH (self), NULL);
  return self->mesh;
}

static GLuint
upload_indices (GLuint ebo, const void *data, gsize bytes)
{
  if (ebo == 0)
    glGenBuffers (1, &ebo);
  glBindBuffer (GL_ELEMENT_ARRAY_BUFFER, ebo);
  glBufferData (GL_ELEMENT_ARRAY_BUFFER, (GLsizeiptr) bytes, data, GL_STATIC_DRAW);
  return ebo;
}

static void
render_mesh_upload (RenderLayer *layer)
{
  RenderMesh *self = RENDER_MESH (layer);
  const CamMesh *m = self->mesh;

  if (self->vao == 0)
    {
      glGenVertexArrays (1, &self->vao);
      glGenBuffers (1, &self->vbo);
    }
  glBindVertexArray (self->vao);
  glBindBuffer (GL_ARRAY_BUFFER, self->vbo);
  glBufferData (GL_ARRAY_BUFFER, (GLsizeiptr) ((gsize) m->n_vertices * 3 * sizeof (float)),
                self->positions, GL_STATIC_DRAW);
  glEnableVertexAttribArray (0);
  glVertexAttribPointer (0, 3, GL_FLOAT, GL_FALSE, 3 * sizeof (float), (void *) 0);
  self->ebo_all = upload_indices (self->ebo_all, self->all_edges->data,
                                  self->all_edges->len * sizeof (guint32));
  self->ebo_feature = upload_indices (self->ebo_feature, self->feature_edges->data,
                                      self->feature_edges->len * sizeof (guint32));
  self->ebo_defect = upload_indices (self->ebo_defect, self->defect_edges->data,
                                     self->defect_edges->len * sizeof (guint32));
  if (self->coarse_triangles != NULL)
    self->ebo_coarse = upload_indices (self->ebo_coarse, self->coarse_triangles->data,
                                       self->coarse_triangles->len * sizeof (guint32));
  /* the triangle list stays bound to the VAO */
  self->ebo_triangles = upload_indices (self->ebo_triangles, m->triangles,
                                        (gsize) m->n_triangles * 3 * sizeof (guint32));
  glBindVertexArray (0);
  glBindBuffer (GL_ARRAY_BUFFER, 0);
}

static void
draw_edges (const RenderContext *ctx, GLuint ebo, guint n_indices,
            const float rgba[4])
{
  GLuint prog = ctx->programs->lines;
  if (n_indices == 0)
    return;
  glUseProgram (prog);
  render_program_set_mat4 (prog, "u_view_proj", (const float *) ctx->view_proj);
  render_program_set_int (prog, "u_style", 0);
  render_program_set_float (prog, "u_mm_per_px", MAX (ctx->mm_per_px, 1e-9f));
  render_program_set_float (prog, "u_dash_px", 6.0f);
  /* attributes 1 and 2 are disabled in this VAO: their constant values apply */
  glVertexAttrib4fv (1, rgba);
  glVertexAttrib1f (2, 0.0f);
  glBindBuffer (GL_ELEMENT_ARRAY_BUFFER, ebo);
  glDrawElements (GL_LINES, (GLsizei) n_indices, GL_UNSIGNED_INT, (void *) 0);
}

static void
render_mesh_draw (RenderLayer *layer, const RenderContext *ctx)
{
  RenderMesh *self = RENDER_MESH (layer);
  GLuint prog = ctx->programs->mesh;
  static const float edge_rgba[4] = { 0.10f, 0.12f, 0.16f, 1.0f };
  static const float wire_rgba[4] = { 0.10f, 0.12f, 0.16f, 0.55f };
  static const float defect_rgba[4] = { 0.90f, 0.08f, 0.08f, 1.0f };

  glUseProgram (prog);
  render_program_set_mat4 (prog, "u_view", (const float *) ctx->view);
  render_program_set_mat4 (prog, "u_proj", (const float *) ctx->proj);
  render_program_set_vec3 (prog, "u_color", part_rgb);
  render_program_set_vec3 (prog, "u_back_color", back_rgb);
  render_program_set_int (prog, "u_orthographic", ctx->camera->orthographic);
  render_program_set_float (prog, "u_alpha", self->xray ? RENDER_MESH_XRAY_ALPHA : 1.0f);
  /* x-ray: no depth writes, so the part never hides what is drawn after it and its own far
   * facets blend in whatever order they come (at 40 % alpha the order hardly shows;
   * sorting a million facets per frame would cost more than the whole frame) */
  if (self->xray)
    glDepthMask (GL_FALSE);

  /* push faces back a little so edges drawn at the same depth win */
  glEnable (GL_POLYGON_OFFSET_FILL);
  glPolygonOffset (1.0f, 1.0f);
  /* A closed, consistently wound part never shows a back face from outside: skip them
   * (about half the facets; on software GL that is most of the frame). Open or
   * misoriented meshes keep two-sided drawing so their defects show. */
  if (self->mesh->watertight && self->mesh->misoriented_edges == 0)
    {
      glEnable (GL_CULL_FACE);
      glCullFace (GL_BACK);
    }
  glBindVertexArray (self->vao);
  if (self->coarse && self->coarse_triangles != NULL)
    {
      glBindBuffer (GL_ELEMENT_ARRAY_BUFFER, self->ebo_coarse);
      glDrawElements (GL_TRIANGLES, (GLsizei) self->coarse_triangles->len, GL_UNSIGNED_INT, (void *) 0);
    }
  else
    {
      glBindBuffer (GL_ELEMENT_ARRAY_BUFFER, self->ebo_triangles);
      glDrawElements (GL_TRIANGLES, (GLsizei) (self->mesh->n_triangles * 3), GL_UNSIGNED_INT, (void *) 0);
    }
  glDisable (GL_CULL_FACE);
  glDisable (GL_POLYGON_OFFSET_FILL);
  glDepthMask (GL_TRUE);

  if (self->coarse && self->coarse_triangles != NULL)
    ;   /* while moving: no edges but the defects */
  else if (self->wireframe)
    draw_edges (ctx, self->ebo_all, self->all_edges->len, wire_rgba);
  else if (self->show_edges)
    draw_edges (ctx, self->ebo_feature, self->feature_edges->len, edge_rgba);
  draw_edges (ctx, self->ebo_defect, self->defect_edges->len, defect_rgba);

  /* leave the triangle list bound to the VAO for the next frame */
  glBindBuffer (GL_ELEMENT_ARRAY_BUFFER, self->ebo_triangles);
  glBindVertexArray (0);
}

static void
render_mesh_release (RenderLayer *layer)
{
  RenderMesh *self = RENDER_MESH (layer);
  GLuint buffers[] = { self->vbo, self->ebo_triangles, self->ebo_all, self->ebo_feature, self->ebo_defect,
                       self->ebo_coarse };
  for (gsize i = 0; i < G_N_ELEMENTS (buffers); i++)
    if (buffers[i] != 0)
      glDeleteBuffers (1, &buffers[i]);
  if (self->vao != 0)
    glDeleteVertexArrays (1, &self->vao);
  self->vao = self->vbo = self->ebo_triangles = self->ebo_all = self->ebo_feature = self->ebo_defect = 0;
  self->ebo_coarse = 0;
}

static void
render_mesh_finalize (GObject *object)
{
  RenderMesh *self = RENDER_MESH (object);
  g_clear_pointer (&self->mesh, cam_mesh_unref);
  g_free (self->positions);
  g_array_unref (self->all_edges);
  g_array_unref (self->feature_edges);
  g_array_unref (self->defect_edges);
  g_clear_pointer (&self->coarse_triangles, g_array_unref);
  G_OBJECT_CLASS (render_mesh_parent_class)->finalize (object);
}

static void
render_mesh_class_init (RenderMeshClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  RenderLayerClass *layer_class = RENDER_LAYER_CLASS (klass);

  object_class->finalize = render_mesh_finalize;
  layer_class->upload = render_mesh_upload;
  layer_class->draw = render_mesh_draw;
  layer_class->release = render_mesh_release;
}

static void
render_mesh_init (RenderMesh *self)
{
  self->all_edges = g_array_new (FALSE, FALSE, sizeof (guint32));
  self->feature_edges = g_array_new (FALSE, FALSE, sizeof (guint32));
  self->defect_edges = g_array_new (FALSE, FALSE, sizeof (guint32));
  self->show_edges = TRUE;
}

void
render_mesh_set_show_edges (RenderMesh *self, gboolean show)
{
  g_return_if_fail (RENDER_IS_MESH (self));
  self->show_edges = !!show;
  g_signal_emit_by_name (self, "changed");
}

void
render_mesh_set_wireframe (RenderMesh *self, gboolean wireframe)
{
  g_return_if_fail (RENDER_IS_MESH (self));
  self->wireframe = !!wireframe;
  g_signal_emit_by_name (self, "changed");
}

void
render_mesh_set_coarse (RenderMesh *self, gboolean coarse)
{
  g_return_if_fail (RENDER_IS_MESH (self));
  if (self->coarse == !!coarse)
    return;
  self->coarse = !!coarse;
  if (self->coarse_triangles != NULL)
    g_signal_emit_by_name (self, "changed");
}

void
render_mesh_set_xray (RenderMesh *self, gboolean xray)
{
  g_return_if_fail (RENDER_IS_MESH (self));
  if (self->xray == !!xray)
    return;
  self->xray = !!xray;
  g_signal_emit_by_name (self, "changed");
}

gboolean
render_mesh_get_xray (RenderMesh *self)
{
  g_return_val_if_fail (RENDER_IS_MESH (self), FALSE);
  return self->xray;
}

guint
render_mesh_get_n_coarse_triangles (RenderMesh *self)
{
  g_return_val_if_fail (RENDER_IS_MESH (self), 0);
  return self->coarse_triangles != NULL ? self->coarse_triangles->len / 3 : 0;
}

guint
render_mesh_get_n_feature_edges (RenderMesh *self)
{
  return self->feature_edges->len / 2;
}

guint
render_mesh_get_n_defect_edges (RenderMesh *self)
{
  return self->defect_edges->len / 2;
}

guint
render_mesh_get_n_edges (RenderMesh *self)
{
  return self->all_edges->len / 2;
}
