/* cam-dfm-mills.c — which end mills can machine a pocket: the planner's and the review's one query.
 *
 * A flat end mill machines a pocket whose floor lies depth_mm below the part's top when its reach
 * covers that depth (the holder comes from the top) and some stepdown keeps every limit of the
 * cutting engine at the job's tolerance (cam_cutting_safe_stepdown: the full-width entry of each
 * level is the heaviest cut). A tool that fits but cannot hold the tolerance is not offered: the
 * planner would have to break its limits to use it, and the DFM review would judge the part with a
 * tool the plan never takes. */
#include "cam-dfm.h"

#include <math.h>

#include "cam-cutting.h"

GPtrArray *
cam_dfm_pocket_mills (const CamLibrary *lib, const CamMaterial *mat, const CamMachine *machine,
                      double tolerance_mm, double min_safety_factor, double depth_mm)
{
  GPtrArray *a = g_ptr_array_new ();
  CamEngagement limits;
  cam_engagement_init (&limits, CAM_CUT_SLOT);
  limits.tolerance_mm = tolerance_mm > 0 ? tolerance_mm : 0.01; /* the planner's default */
  limits.min_safety_factor = min_safety_factor;
  for (guint i = 0; i < cam_library_n_tools (lib); i++)
    {
      const CamTool *t = cam_library_get_tool (lib, i);
      if (t->kind != CAM_TOOL_FLAT || t->reach_mm < depth_mm - 1e-9)
        continue;
      if (mat && machine && cam_cutting_safe_stepdown (t, mat, machine, &limits, depth_mm, NULL) <= 0)
        continue;
      g_ptr_array_add (a, (gpointer) t);
    }
  /* larger first; the same size: shorter reach first (stiffer) */
  for (guint i = 1; i < a->len; i++)
    for (guint j = i; j > 0; j--)
      {
        const CamTool *x = g_ptr_array_index (a, j - 1), *y = g_ptr_array_index (a, j);
        if (!(x->d_mm < y->d_mm || (x->d_mm == y->d_mm && x->reach_mm > y->reach_mm)))
          break;
        a->pdata[j - 1] = (gpointer) y;
        a->pdata[j] = (gpointer) x;
      }
  return a;
}
