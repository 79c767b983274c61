/* cam-mesh-load.c — from a path or bytes to a CamMesh: picks the reader, then builds the mesh. */
#include "cam-mesh-private.h"
#include "cam-error.h"
#include "cam-obj.h"
#include "cam-stl.h"

#include <string.h>

static gboolean
looks_like_obj (const char *name, const guint8 *data, gsize len)
{
  if (name && g_str_has_suffix (name, ".obj"))
    return TRUE;
  if (name && (g_str_has_suffix (name, ".OBJ") || g_str_has_suffix (name, ".Obj")))
    return TRUE;
  if (name && g_ascii_strcasecmp (name + MAX (strlen (name), 4) - 4, ".stl") == 0)
    return FALSE;
  /* Unknown extension: an OBJ starts with a comment or a record, never with "solid" or binary. */
  gsize i = 0;
  while (i < len && g_ascii_isspace (data[i]))
    i++;
  return i + 1 < len && (data[i] == '#' || ((data[i] == 'v' || data[i] == 'o' || data[i] == 'g'
                                              || data[i] == 'm')
                                             && g_ascii_isspace (data[i + 1])));
}

static gboolean
parse (const guint8 *data, gsize len, const char *name, gboolean mapped_file, CamTriSoup *soup,
       GError **error)
{
  if (looks_like_obj (name, data, len))
    return cam_obj_parse (data, len, name, soup, error);
  return mapped_file ? cam_stl_parse_mapped (data, len, name, soup, error)
                     : cam_stl_parse (data, len, name, soup, error);
}

static CamMesh *
build (CamTriSoup *soup, const char *name, CamProgressFunc progress_cb, gpointer progress_data,
       GCancellable *cancellable, GError **error)
{
  if (progress_cb)
    progress_cb (0.3, progress_data);
  CamMesh *mesh = NULL;
  if (!g_cancellable_set_error_if_cancelled (cancellable, error))
    mesh = cam_mesh_build (soup, TRUE, name, progress_cb, progress_data, cancellable, error);
  cam_tri_soup_clear (soup);
  return mesh;
}

CamMesh *
cam_mesh_load_bytes (const guint8 *data, gsize len, const char *name, GError **error)
{
  CamTriSoup soup;
  cam_tri_soup_init (&soup);
  name = name ? name : "(memory)";
  if (!parse (data, len, name, FALSE, &soup, error))
    {
      cam_tri_soup_clear (&soup);
      return NULL;
    }
  return build (&soup, name, NULL, NULL, NULL, error);
}

CamMesh *
cam_mesh_load_file (const char *path, CamProgressFunc progress_cb, gpointer progress_data,
                    GCancellable *cancellable, GError **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  g_autoptr (GError) local = NULL;
  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, CAM_ERROR, CAM_ERROR_IO, "%s: is a folder, not a part file", path);
      return NULL;
    }
  GMappedFile *mf = g_mapped_file_new (path, FALSE, &local);
  if (mf == NULL)
    {
      g_set_error (error, CAM_ERROR, CAM_ERROR_IO, "cannot read %s: %s", path, local->message);
      return NULL;
    }
  if (progress_cb)
    progress_cb (0.05, progress_data);
  /* An empty file maps to NULL contents. */
  static const guint8 nothing[1] = { 0 };
  const guint8 *data = (const guint8 *) g_mapped_file_get_contents (mf);
  gsize len = data ? g_mapped_file_get_length (mf) : 0;
  CamTriSoup soup;
  cam_tri_soup_init (&soup);
  gboolean ok = parse (data ? data : nothing, len, path, data != NULL, &soup, error);
  /* The file's pages are released before the mesh is built: peak memory is soup + mesh. */
  g_mapped_file_unref (mf);
  if (!ok)
    {
      cam_tri_soup_clear (&soup);
      return NULL;
    }
  return build (&soup, path, progress_cb, progress_data, cancellable, error);
}
