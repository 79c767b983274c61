/* render-mesh.h — the part, drawn shaded (two-sided lighting, back faces tinted so an
 * open or inverted mesh shows), with optional feature edges and wireframe. Open
 * (boundary) and non-manifold edges are always drawn in red: they are defects.
 *
 * render_mesh_new() does all the CPU work (float positions, edge adjacency, feature
 * edges) and calls no GL: run it in the loading thread, then hand the result to
 * render_view_set_mesh() on the main thread. */
#pragma once

#include "cam-mesh.h"
#include "render-layer.h"

G_BEGIN_DECLS

#define RENDER_TYPE_MESH (render_mesh_get_type ())
G_DECLARE_FINAL_TYPE (RenderMesh, render_mesh, RENDER, MESH, RenderLayer)

/* Edges whose facets meet at more than this angle are drawn as feature edges. */
#define RENDER_MESH_FEATURE_ANGLE_DEG 30.0

RenderMesh *render_mesh_new              (CamMesh *mesh);
CamMesh    *render_mesh_get_cam_mesh     (RenderMesh *self);

void        render_mesh_set_show_edges   (RenderMesh *self, gboolean show);
void        render_mesh_set_wireframe    (RenderMesh *self, gboolean wireframe);

/* X-ray: the part drawn semi-transparent (alpha RENDER_MESH_XRAY_ALPHA) without writing
 * depth, so what lies inside it (a drill's cycle, a deep pass) shows through, tinted. The
 * view draws an x-rayed part after the depth-tested layers (render-view.h, RenderPartStyle):
 * blending needs what is behind the part already in the frame. Its edges stay opaque. */
#define RENDER_MESH_XRAY_ALPHA 0.4f
void        render_mesh_set_xray         (RenderMesh *self, gboolean xray);
gboolean    render_mesh_get_xray         (RenderMesh *self);

/* Big parts (≥ RENDER_MESH_COARSE_MIN_TRIANGLES facets) also get a coarse version,
 * about RENDER_MESH_COARSE_CELLS vertices along the diagonal, drawn instead of the full
 * mesh while coarse is TRUE (RenderView sets it while the user drags the view). */
#define RENDER_MESH_COARSE_MIN_TRIANGLES 250000
#define RENDER_MESH_COARSE_CELLS 200.0
void        render_mesh_set_coarse       (RenderMesh *self, gboolean coarse);
guint       render_mesh_get_n_coarse_triangles (RenderMesh *self);   /* 0: none */

guint       render_mesh_get_n_feature_edges (RenderMesh *self);
guint       render_mesh_get_n_defect_edges  (RenderMesh *self);
guint       render_mesh_get_n_edges         (RenderMesh *self);

G_END_DECLS
