/* cam-obj.h — Wavefront OBJ reader: v and f records, polygons ear-clipped (holes by bridge edges),
 * negative (relative) indices, v/vt/vn forms. Everything else is skipped. */
#pragma once

#include "cam-mesh.h"

G_BEGIN_DECLS

gboolean cam_obj_parse (const guint8 *data,
                        gsize         len,
                        const char   *name,
                        CamTriSoup   *soup,
                        GError      **error);

G_END_DECLS
