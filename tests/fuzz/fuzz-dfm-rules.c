/* fuzz-dfm-rules.c — libFuzzer target for the DFM rules reader (resources/dfm/rules.json). */
#include "cam-dfm-rules.h"

#include <stdint.h>

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  GError *error = NULL;
  CamDfmRules *r = cam_dfm_rules_new_from_data ((const char *) data, (gssize) size, "fuzz.json", &error);
  g_assert ((r == NULL) == (error != NULL));
  if (r != NULL)
    {
      (void) cam_dfm_rules_min_wall (r, "ptfe");
      (void) cam_dfm_rules_max_wall_ratio (r, NULL);
    }
  else
    g_assert (error->message[0] != '\0');
  g_clear_error (&error);
  cam_dfm_rules_free (r);
  return 0;
}
