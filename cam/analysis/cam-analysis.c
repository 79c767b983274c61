/* cam-analysis.c — see cam-analysis.h. Recognition is the long part (slicing every Z band);
 * the review is a pass over the features. Cancellation is checked before each and inside
 * recognition, and always reported as G_IO_ERROR_CANCELLED with no result. */
#include "cam-analysis.h"


#include "cam-error.h"

void
cam_analysis_feature_options (const CamDfmRules *rules, CamFeatureOptions *out)
{
  cam_feature_options_init (out);
  if (rules != NULL)
    out->wall_report_mm = rules->wall_report_mm;
}

CamAnalysis *
cam_analysis_run (CamMesh *mesh, const CamLibrary *library, const CamDfmRules *rules,
                  const CamAnalysisOptions *options, GCancellable *cancellable, GError **error)
{
  g_return_val_if_fail (mesh != NULL && library != NULL && options != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  /* unknown ids fail before the slow part, as the review would after it */
  if (options->material_id == NULL || cam_library_find_material (library, options->material_id) == NULL)
    {
      g_set_error (error, CAM_ERROR, CAM_ERROR_INVALID, "unknown material '%s'",
                   options->material_id ? options->material_id : "");
      return NULL;
    }
  const char *machine_id = options->machine_id ? options->machine_id : "micro60k";
  if (cam_library_find_machine (library, machine_id) == NULL)
    {
      g_set_error (error, CAM_ERROR, CAM_ERROR_INVALID, "unknown machine '%s'", machine_id);
      return NULL;
    }
  g_autoptr (CamDfmRules) builtin = NULL;
  if (rules == NULL && (rules = builtin = cam_dfm_rules_new_builtin (error)) == NULL)
    return NULL;

  CamFeatureOptions fopts;
  cam_analysis_feature_options (rules, &fopts);
  g_autoptr (CamFeatureSet) features = cam_features_recognize (mesh, &fopts, cancellable, error);
  if (features == NULL)
    return NULL;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  CamDfmOptions dopts = { options->material_id, machine_id, options->tolerance_mm, options->finish_ra_um };
  g_autoptr (CamDfmReport) dfm = cam_dfm_review (features, rules, library, &dopts, error);
  if (dfm == NULL)
    return NULL;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  CamAnalysis *a = g_new0 (CamAnalysis, 1);
  a->ref_count = 1;
  a->mesh = cam_mesh_ref (mesh);
  a->features = g_steal_pointer (&features);
  a->dfm = g_steal_pointer (&dfm);
  return a;
}

CamAnalysis *
cam_analysis_ref (CamAnalysis *analysis)
{
  g_return_val_if_fail (analysis != NULL, NULL);
  g_atomic_int_inc (&analysis->ref_count);
  return analysis;
}

void
cam_analysis_unref (CamAnalysis *analysis)
{
  if (analysis == NULL || !g_atomic_int_dec_and_test (&analysis->ref_count))
    return;
  cam_mesh_unref (analysis->mesh);
  cam_feature_set_unref (analysis->features);
  cam_dfm_report_free (analysis->dfm);
  g_free (analysis);
}
