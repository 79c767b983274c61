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
