/* fuzz-tool.c — libFuzzer target for the tool spec parser (KIND:key=value,…); every tool it accepts
 * must give finite physics in every operation it suits (cam_cutting_recommend). */
#include "cam-cutting.h"
#include "cam-library.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static void
check_finite (const CamCutResult *r)
{
  const double v[] = { r->rpm, r->fz_mm, r->feed_mm_min, r->force_n, r->torque_nmm, r->power_w,
                       r->deflection_um, r->stress_mpa, r->safety_factor, r->ra_um, r->rt_um };
  for (guint i = 0; i < G_N_ELEMENTS (v); i++)
    g_assert (!isnan (v[i]) && v[i] >= 0);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  if (size > 4096)
    return 0;
  g_autofree char *spec = g_strndup ((const char *) data, size);
  GError *error = NULL;
  CamTool *tool = cam_tool_new_from_spec (spec, &error);
  g_assert ((tool == NULL) == (error != NULL));
  g_clear_error (&error);
  if (tool == NULL)
    return 0;
  CamLibrary *lib = cam_library_new_with_config_dir (NULL);
  const CamMaterial *mat = cam_library_find_material (lib, "ss316l");
  const CamMachine *machine = cam_library_find_machine (lib, "micro60k");
  CamCutKind op = cam_tool_is_mill (tool) ? CAM_CUT_SIDE : CAM_CUT_DRILL;
  CamEngagement eng;
  cam_engagement_init (&eng, op);
  CamCutResult r;
  if (cam_cutting_recommend (tool, mat, machine, &eng, &r, &error))
    check_finite (&r);
  g_clear_error (&error);
  cam_library_free (lib);
  cam_tool_free (tool);
  return 0;
}
