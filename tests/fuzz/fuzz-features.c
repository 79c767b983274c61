/* fuzz-features.c — libFuzzer target for the part → features → DFM → HTML pipeline: any mesh
 * the readers accept must be either analysed or refused with a message, never crash. */
#include "cam-dfm-html.h"
#include "cam-dfm.h"
#include "cam-features.h"
#include "cam-mesh.h"

#include <stdint.h>

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  /* loaded once for the whole run (test code: a static is fine here) */
  static CamLibrary *lib;
  static CamDfmRules *rules;
  if (lib == NULL)
    {
      lib = cam_library_new_with_config_dir (NULL);
      rules = cam_dfm_rules_new_builtin (NULL);
      g_assert (rules != NULL);
    }
  GError *error = NULL;
  CamMesh *mesh = cam_mesh_load_bytes (data, size, "fuzz.stl", &error);
  if (mesh == NULL)
    {
      g_assert (error != NULL);
      g_clear_error (&error);
      return 0;
    }
  CamFeatureOptions opts;
  cam_feature_options_init (&opts);
  opts.max_bands = 24;
  CamFeatureSet *set = cam_features_recognize (mesh, &opts, NULL, &error);
  g_assert ((set == NULL) == (error != NULL));
  if (set != NULL)
    {
      CamDfmOptions o = { "ss316l", NULL, 0.002, 0.4 };
      CamDfmReport *report = cam_dfm_review (set, rules, lib, &o, &error);
      g_assert (report != NULL);
      char *html = cam_dfm_html_build (set, report, mesh, "fuzz.stl");
      g_assert (html != NULL);
      g_free (html);
      cam_dfm_report_free (report);
      cam_feature_set_unref (set);
    }
  g_clear_error (&error);
  cam_mesh_unref (mesh);
  return 0;
}
