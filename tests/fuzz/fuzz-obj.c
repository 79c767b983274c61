/* fuzz.obj.c — libFuzzer target for the OBJ reader and mesh build. */
#include "cam-mesh.h"
#include "cam-obj.h"

#include <stdint.h>

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  CamTriSoup soup;
  cam_tri_soup_init (&soup);
  GError *error = NULL;
  if (cam_obj_parse (data, size, "fuzz.obj", &soup, &error))
    {
      CamMesh *mesh = cam_mesh_new_from_soup (&soup, "fuzz.obj", &error);
      g_assert ((mesh == NULL) == (error != NULL));
      g_clear_pointer (&mesh, cam_mesh_unref);
    }
  else
    g_assert (error != NULL && error->message[0] != '\0');
  g_clear_error (&error);
  cam_tri_soup_clear (&soup);
  return 0;
}
