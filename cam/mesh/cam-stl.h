/* cam-stl.h — STL reader (binary and ASCII). Bytes in, triangles or an error out. */
#pragma once

#include "cam-mesh.h"

G_BEGIN_DECLS

gboolean cam_stl_looks_binary (const guint8 *data, gsize len);

/* Appends the file's facets to soup. name is used in messages. */
gboolean cam_stl_parse (const guint8 *data,
                        gsize         len,
                        const char   *name,
                        CamTriSoup   *soup,
                        GError      **error);

/* cam_stl_parse() on a whole file mapped read-only and privately (GMappedFile, not writable): a binary
 * STL's pages behind the reader are dropped from memory as it goes (read again if touched). */
gboolean cam_stl_parse_mapped (const guint8 *data,
                               gsize         len,
                               const char   *name,
                               CamTriSoup   *soup,
                               GError      **error);

G_END_DECLS
