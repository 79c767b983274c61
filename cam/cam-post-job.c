/* cam-post-job.c — see cam-post-job.h. */
#include "cam-post-job.h"
#include "cam-error.h"
#include "cam-plan.h"

gboolean
cam_post_write_job (const CamJob *job, const CamLibrary *lib, const CamPostDialect *dialect,
              const CamPostOptions *opt, const char *path, GError **error)
{
  if (job->toolpath == NULL)
    {
      g_set_error (error, CAM_ERROR, CAM_ERROR_INVALID, "%s: the job has no toolpath to export", path);
      return FALSE;
    }
  const CamMaterial *mat = job->material_id ? cam_library_find_material (lib, job->material_id) : NULL;
  const CamMachine *mach = job->machine_id ? cam_library_find_machine (lib, job->machine_id) : NULL;

  CamPostOptions po = *opt;
  g_autofree char *base = job->part_path ? g_path_get_basename (job->part_path) : NULL;
  g_autofree char *mat_s = mat ? g_strdup_printf ("%s (%s)", mat->id, mat->name) : g_strdup (job->material_id);
  g_autofree char *mach_s = mach ? g_strdup_printf ("%s (%s)", mach->id, mach->name) : g_strdup (job->machine_id);
  po.part_name = base;
  po.material = mat_s;
  po.machine = mach_s;

  /* Cycle time with the machine's acceleration when the machine is known, else the post's default. */
  CamToolpathStats st;
  if (mach)
    {
      CamKinematics kin;
      cam_plan_kinematics (mach, &kin);
      cam_toolpath_stats (job->toolpath, &kin, -1, &st);
      if (mach->rpm_max > 0 && po.max_rpm <= 0)
        po.max_rpm = mach->rpm_max;
    }
  else
    cam_toolpath_stats (job->toolpath, NULL, -1, &st);
  po.cycle_time_s = st.cycle_time_s;
  po.min_safety_factor = st.min_safety_factor;
  g_autofree char *where = NULL;
  if (st.min_safety_move >= 0)
    {
      const CamMove *m = cam_toolpath_move (job->toolpath, st.min_safety_move);
      where = g_strdup_printf ("%s, X%.4f Y%.4f Z%.4f", cam_job_op (job, m->op_index)->id, m->x, m->y, m->z);
      po.min_safety_where = where;
    }
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < job->ops->len; i++)
    {
      const CamJobOp *op = cam_job_op (job, i);
      g_ptr_array_add (names, g_strdup_printf ("%s: %s %s with T%u", op->id, cam_job_op_kind_to_string (op->kind),
                                               op->feature_id ? op->feature_id : "",
                                               cam_job_tool (job, op->tool)->number));
    }
  g_ptr_array_add (names, NULL);
  po.op_names = (const char *const *) names->pdata;
  return cam_post_write_file (dialect, job->toolpath, &po, path, error);
}
