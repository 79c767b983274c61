/* bench-plan.c — auto-plan and toolpath generation for a 10 × 10 × 1 mm plate with 400
 * Ø0.2 through holes (20 × 20, pitch 0.3) and 20 pockets (0.6 × 0.6 × 0.2, R0.1 corners),
 * in 316L on the 60k micro spindle; then the LinuxCNC program.
 * Prints the time of each stage, the operations and the segment count.
 * Run: meson benchmark -C build plan   (or build/tests/bench/bench-plan [OUT.ngc]) */
#include <stdio.h>

#include "cam-features.h"
#include "cam-plan.h"
#include "cam-post.h"
#include "../part-gen.h"

int
main (int argc, char **argv)
{
  GenHole holes[400];
  GenPocket pockets[20];
  for (int i = 0; i < 20; i++)
    for (int j = 0; j < 20; j++)
      holes[i * 20 + j] = (GenHole) { 0.5 + 0.3 * i, 0.5 + 0.3 * j, 0.2 };
  for (int c = 0; c < 4; c++)
    for (int r = 0; r < 5; r++)
      {
        double x = 6.7 + 0.8 * c, y = 0.5 + 0.8 * r;
        pockets[c * 5 + r] = (GenPocket) { x, y, x + 0.6, y + 0.6, 0.1, 0.2 };
      }
  g_autoptr (GError) error = NULL;
  gint64 t0 = g_get_monotonic_time ();
  g_autoptr (CamMesh) mesh = gen_plate (10, 10, 1, holes, 400, pockets, 20, 32, &error);
  if (!mesh)
    {
      fprintf (stderr, "bench-plan: %s\n", error->message);
      return 1;
    }
  gint64 t1 = g_get_monotonic_time ();
  g_autoptr (CamFeatureSet) fs = cam_features_recognize (mesh, NULL, NULL, &error);
  if (!fs)
    {
      fprintf (stderr, "bench-plan: %s\n", error->message);
      return 1;
    }
  gint64 t2 = g_get_monotonic_time ();
  g_autoptr (CamLibrary) lib = cam_library_new_default ();
  CamPlanOptions opt;
  cam_plan_options_init (&opt);
  opt.material_id = "ss316l";
  opt.machine_id = "micro60k";
  g_autoptr (CamJob) job = cam_plan_job (mesh, fs, lib, &opt, NULL, NULL, NULL, &error);
  if (!job)
    {
      fprintf (stderr, "bench-plan: %s\n", error->message);
      return 1;
    }
  gint64 t3 = g_get_monotonic_time ();
  g_autofree char *text = cam_post_generate (cam_post_linuxcnc (), job->toolpath, NULL, &error);
  gint64 t4 = g_get_monotonic_time ();
  if (argc > 1)
    g_file_set_contents (argv[1], text, -1, NULL);
  CamKinematics kin;
  cam_machine_kinematics (cam_library_find_machine (lib, "micro60k"), &kin);
  CamToolpathStats st;
  cam_toolpath_stats (job->toolpath, &kin, -1, &st);
  g_autoptr (CamToolpath) ex = cam_toolpath_expand_cycles (job->toolpath);

  printf ("part: %u facets, %u features (%u holes, %u pockets)\n", mesh->n_triangles, fs->features->len,
          cam_feature_set_count (fs, CAM_FEATURE_HOLE), cam_feature_set_count (fs, CAM_FEATURE_POCKET));
  for (guint i = 0; i < job->ops->len; i++)
    {
      const CamJobOp *op = cam_job_op (job, i);
      printf ("  %-5s %-7s %-16s %6u moves\n", op->id, cam_job_op_kind_to_string (op->kind),
              cam_job_tool (job, op->tool)->spec, op->toolpath ? op->toolpath->moves->len : 0);
    }
  printf ("unreachable: %u\n", job->unreachable->len);
  printf ("segments: %u programmed, %u as the controller runs them (cycles expanded)\n", job->toolpath->moves->len,
          ex->moves->len);
  printf ("G-code: %zu bytes; cycle time %.0f s, cut %.1f mm, rapid %.1f mm, min SF %.2f\n", strlen (text),
          st.cycle_time_s, st.cut_length_mm, st.rapid_length_mm, st.min_safety_factor);
  printf ("time: mesh %.3f s, features %.3f s, plan+generate %.3f s, post %.3f s, total %.3f s\n",
          (t1 - t0) / 1e6, (t2 - t1) / 1e6, (t3 - t2) / 1e6, (t4 - t3) / 1e6, (t4 - t0) / 1e6);
  return 0;
}
