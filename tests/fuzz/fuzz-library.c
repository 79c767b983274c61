/* fuzz-library.c — libFuzzer target for the material/tool/machine JSON loaders: any bytes either
 * fail with a message naming the document or load, with a warning per skipped entry. */
#include "cam-library.h"

#include <stdint.h>

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  for (int k = CAM_LIBRARY_MATERIALS; k <= CAM_LIBRARY_MACHINES; k++)
    {
      CamLibrary *lib = cam_library_new ();
      GError *error = NULL;
      if (!cam_library_load_data (lib, (CamLibraryKind) k, (const char *) data, (gssize) size, "fuzz.json", &error))
        g_assert (error != NULL && g_str_has_prefix (error->message, "fuzz.json"));
      g_clear_error (&error);
      const GPtrArray *w = cam_library_get_warnings (lib);
      for (guint i = 0; i < w->len; i++)
        g_assert (g_str_has_prefix (g_ptr_array_index (w, i), "fuzz.json"));
      cam_library_free (lib);
    }
  return 0;
}
