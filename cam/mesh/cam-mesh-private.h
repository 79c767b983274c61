/* cam-mesh-private.h — pieces of mesh building shared by cam-mesh*.c only. */
#pragma once

#include "cam-mesh.h"

G_BEGIN_DECLS

/* Welds the soup's corners within tol_mm of each other.
 * On return *vertices (3 doubles each) and *indices (3 per soup triangle) are new arrays. */
gboolean cam_mesh_weld (const CamTriSoup *soup,
                        double            tol_mm,
                        double          **vertices,
                        guint            *n_vertices,
                        guint32         **indices,
                        GCancellable     *cancellable,
                        GError          **error);

/* Precision of a float32 exporter's corners, as a fraction of their size: 8 ulps (2^-24 each). Float
 * re-rounding moves a corner an ulp or two; 8 leaves room, yet stays far below real edges. */
#define CAM_MESH_WELD_ULPS (1.0 / 2097152.0)

/* The weld tolerance of soup corner `corner` (xyz: the soup's floats), from its own facet: the
 * precision P = CAM_MESH_WELD_ULPS of its coordinates' size (or of the facet's longest edge, near the
 * origin). When the facet's shortest edge is longer than P it is geometry, and the tolerance is at
 * most a quarter of it, so that no two corners of the facet can end in one vertex (|a − b| ≤ τ(a) +
 * τ(b) ≤ |a − b| / 2 would be needed). A shorter edge is rounding noise and may close. */
double   cam_mesh_corner_tolerance (const float *xyz, gsize corner);

/* cam_mesh_weld() with each corner's own tolerance (see cam-mesh-weld.c): a corner joins a vertex
 * within min(τ(corner), τ(the vertex's first corner)). *max_tol_mm is the largest tolerance used. */
gboolean cam_mesh_weld_local (const CamTriSoup *soup,
                              double           *max_tol_mm,
                              double          **vertices,
                              guint            *n_vertices,
                              guint32         **indices,
                              GCancellable     *cancellable,
                              GError          **error);

/* Consistent winding (cam-mesh-orient.c): turns facets of m->triangles (n_triangles of them, no
 * vertex repeated in one) so every shell is wound one way, outward; fills the edge census and the
 * orientation fields of m and adds its warnings. centre: where signed volumes are summed from. */
void     cam_mesh_orient (CamMesh *m, const double centre[3], const char *name);

/* cam_mesh_new_from_soup() with cancellation and progress (0..1 over the build). With consume_soup
 * the soup is cleared as soon as it is welded, to keep peak memory low. */
CamMesh *cam_mesh_build (CamTriSoup       *soup,
                         gboolean          consume_soup,
                         const char       *source_name,
                         CamProgressFunc   progress_cb,
                         gpointer          progress_data,
                         GCancellable     *cancellable,
                         GError          **error);


G_END_DECLS
