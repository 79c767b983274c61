/* cli-plan.c — `microcam-cli plan PART --material ID --machine ID [--tolerance MM]
 * [--finish RA_UM] [--stock-margin MM] [--origin model|corner|center] -o JOB.json
 * [--ngc OUT.ngc [--per-tool]] [--json]`: recognise the part's features (cam_analysis_run, as
 * `dfm` does), propose and generate a job
 * (cam-plan), write it (cam-job-io) and optionally its LinuxCNC program (cam-post), or with
 * --per-tool one program per tool (OUT-T1.ngc …, cam-post-job; paths on stderr).
 * Exit 0 when the job was written (even with unreachable features: they are reported),
 * 1 on bad input or a write failure, 2 on bad usage. */
#include "cli.h"
#include "cam-post-job.h"
#include "cam-json-write.h"

#include <math.h>
#include <stdio.h>

#include "cam-analysis.h"
#include "cam-error.h"
#include "cam-features.h"
#include "cam-job-io.h"
#include "cam-library.h"
#include "cam-mesh.h"
#include "cam-plan.h"
#include "cam-post.h"

static void
print_summary (const CamJob *job, const CamKinematics *kin, gboolean json)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "part");
  json_builder_add_string_value (b, job->part_path ? job->part_path : "");
  json_builder_set_member_name (b, "material");
  json_builder_add_string_value (b, job->material_id);
  json_builder_set_member_name (b, "machine");
  json_builder_add_string_value (b, job->machine_id);
  json_builder_set_member_name (b, "operations");
  json_builder_begin_array (b);
  if (!json)
    printf ("%-5s %-8s %-34s %7s %10s %9s %9s %7s\n", "op", "kind", "tool", "moves", "cut mm", "time s",
            "defl µm", "min SF");
  /* every operation's statistics and the whole program's in one pass over the moves */
  g_autofree CamToolpathStats *per_op = g_new0 (CamToolpathStats, MAX (job->ops->len, 1));
  CamToolpathStats all = { 0 };
  all.min_safety_factor = INFINITY;
  if (job->toolpath)
    cam_toolpath_stats_by_op (job->toolpath, kin, job->ops->len, per_op, &all);
  for (guint i = 0; i < job->ops->len; i++)
    {
      const CamJobOp *op = cam_job_op (job, i);
      const CamToolpathStats st = per_op[i];
      const CamJobTool *t = cam_job_tool (job, op->tool);
      g_autofree char *spec = cam_job_tool_spec_string (t->tool);
      gsize moves = op->toolpath ? cam_toolpath_n_moves (op->toolpath) : 0;
      double sf = isfinite (st.min_safety_factor) ? st.min_safety_factor : NAN;
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_string_value (b, op->id);
      json_builder_set_member_name (b, "kind");
      json_builder_add_string_value (b, cam_job_op_kind_to_string (op->kind));
      json_builder_set_member_name (b, "tool");
      json_builder_add_string_value (b, spec);
      json_builder_set_member_name (b, "tool_id");
      json_builder_add_string_value (b, t->spec);
      json_builder_set_member_name (b, "features");
      json_builder_add_string_value (b, op->feature_id ? op->feature_id : "");
      json_builder_set_member_name (b, "moves");
      json_builder_add_int_value (b, moves);
      cam_json_add_number_or_null (b, "cut_length_mm", st.cut_length_mm);
      cam_json_add_number_or_null (b, "time_s", st.cycle_time_s);
      cam_json_add_number_or_null (b, "max_deflection_um", st.max_deflection_um);
      cam_json_add_number_or_null (b, "min_safety_factor", sf);
      json_builder_set_member_name (b, "warnings");
      json_builder_begin_array (b);
      for (guint w = 0; w < op->warnings->len; w++)
        json_builder_add_string_value (b, g_ptr_array_index (op->warnings, w));
      json_builder_end_array (b);
      json_builder_end_object (b);
      if (!json)
        {
          printf ("%-5s %-8s %-34s %7zu %10.2f %9.1f %9.2f %7.2f\n", op->id, cam_job_op_kind_to_string (op->kind),
                  t->spec, (size_t) moves, st.cut_length_mm, st.cycle_time_s, st.max_deflection_um, sf);
          for (guint w = 0; w < op->warnings->len; w++)
            printf ("      note: %s\n", (const char *) g_ptr_array_index (op->warnings, w));
        }
    }
  json_builder_end_array (b);
  cam_json_add_number_or_null (b, "cycle_time_s", all.cycle_time_s);
  cam_json_add_number_or_null (b, "cut_length_mm", all.cut_length_mm);
  cam_json_add_number_or_null (b, "rapid_length_mm", all.rapid_length_mm);
  cam_json_add_number_or_null (b, "min_safety_factor", isfinite (all.min_safety_factor) ? all.min_safety_factor : NAN);
  g_autofree char *where = NULL;
  if (all.min_safety_move >= 0)
    {
      const CamMove *m = cam_toolpath_move (job->toolpath, all.min_safety_move);
      where = g_strdup_printf ("%s move %zd at (%.4f, %.4f, %.4f)", cam_job_op (job, m->op_index)->id,
                               (gssize) all.min_safety_move, m->x, m->y, m->z);
      json_builder_set_member_name (b, "min_safety_where");
      json_builder_add_string_value (b, where);
    }
  cam_json_add_number_or_null (b, "max_deflection_um", all.max_deflection_um);
  json_builder_set_member_name (b, "segments");
  json_builder_add_int_value (b, job->toolpath ? cam_toolpath_n_moves (job->toolpath) : 0);
  json_builder_set_member_name (b, "unreachable");
  json_builder_begin_array (b);
  for (guint i = 0; i < job->unreachable->len; i++)
    {
      const CamUnreachable *u = g_ptr_array_index (job->unreachable, i);
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "feature");
      if (u->feature_id)
        json_builder_add_string_value (b, u->feature_id);
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "reason");
      json_builder_add_string_value (b, u->reason ? u->reason : "");
      json_builder_set_member_name (b, "at");
      json_builder_begin_array (b);
      json_builder_add_double_value (b, u->x);
      json_builder_add_double_value (b, u->y);
      json_builder_end_array (b);
      cam_json_add_number_or_null (b, "area_mm2", u->area_mm2);
      /* the process that can make it instead (micro-edm, laser, ultrasonic, second-setup …) or null */
      json_builder_set_member_name (b, "alternative_process");
      if (u->process)
        json_builder_add_string_value (b, u->process);
      else
        json_builder_add_null_value (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  if (json)
    {
      cli_print_json (b);
      return;
    }
  printf ("\ncycle time %.1f s (%.2f min), cut %.2f mm, rapid %.2f mm, %zu moves\n", all.cycle_time_s,
          all.cycle_time_s / 60, all.cut_length_mm, all.rapid_length_mm,
          (size_t) (job->toolpath ? cam_toolpath_n_moves (job->toolpath) : 0));
  if (where)
    printf ("minimum breakage safety factor %.2f at %s\n", all.min_safety_factor, where);
  printf ("largest deflection %.2f µm\n", all.max_deflection_um);
  for (guint i = 0; i < job->unreachable->len; i++)
    {
      const CamUnreachable *u = g_ptr_array_index (job->unreachable, i);
      if (u->process)
        printf ("unreachable %s: %s (alternative process: %s)\n", u->feature_id ? u->feature_id : "-", u->reason,
                u->process);
      else
        printf ("unreachable %s: %s\n", u->feature_id ? u->feature_id : "-", u->reason);
    }
}

int
cli_plan_main (int argc, char **argv)
{
  gboolean json = FALSE, per_tool = FALSE;
  g_autofree char *material = NULL, *machine = NULL, *out = NULL, *ngc = NULL, *origin_s = NULL;
  double tolerance = 0.01, finish = 0.8, margin = 0.0;
  GOptionEntry entries[] = {
    { "material", 0, 0, G_OPTION_ARG_STRING, &material, "Workpiece material id (e.g. ss316l)", "ID" },
    { "machine", 0, 0, G_OPTION_ARG_STRING, &machine, "Machine id (e.g. micro60k)", "ID" },
    { "tolerance", 0, 0, G_OPTION_ARG_DOUBLE, &tolerance, "Feature tolerance, ± mm (default 0.01)", "MM" },
    { "finish", 0, 0, G_OPTION_ARG_DOUBLE, &finish, "Surface finish target Ra, µm (default 0.8)", "RA_UM" },
    { "stock-margin", 0, 0, G_OPTION_ARG_DOUBLE, &margin, "Stock around and above the part, mm (default 0)", "MM" },
    { "origin", 0, 0, G_OPTION_ARG_STRING, &origin_s, "Work zero X0 Y0: model (default), corner or center; Z0 = stock top", "WHERE" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &out, "Write the job here (JSON)", "JOB.json" },
    { "ngc", 0, 0, G_OPTION_ARG_FILENAME, &ngc, "Also write the LinuxCNC program", "OUT.ngc" },
    { "per-tool", 0, 0, G_OPTION_ARG_NONE, &per_tool, "With --ngc: one program per tool (OUT-T1.ngc, OUT-T2.ngc …)", NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, "Print a JSON summary", NULL },
    { NULL, 0, 0, 0, NULL, NULL, NULL },
  };
  g_autoptr (GOptionContext) ctx = g_option_context_new ("PART — plan micro-machining toolpaths and write the job");
  g_option_context_add_main_entries (ctx, entries, NULL);
  if (!cli_parse_options (ctx, &argc, &argv))
    return CLI_EXIT_USAGE;
  if (argc != 2)
    {
      fprintf (stderr, "microcam-cli plan: give exactly one part file (try --help)\n");
      return CLI_EXIT_USAGE;
    }
  if (material == NULL || machine == NULL || out == NULL)
    {
      fprintf (stderr, "microcam-cli plan: --material ID, --machine ID and -o JOB.json are required\n");
      return CLI_EXIT_USAGE;
    }
  if (per_tool && ngc == NULL)
    {
      fprintf (stderr, "microcam-cli plan: --per-tool goes with --ngc OUT.ngc\n");
      return CLI_EXIT_USAGE;
    }
  CamOrigin origin = CAM_ORIGIN_MODEL;
  if (origin_s && !cam_origin_from_string (origin_s, &origin))
    {
      fprintf (stderr, "microcam-cli plan: --origin must be model, corner or center, not '%s'\n", origin_s);
      return CLI_EXIT_USAGE;
    }
  if (!(tolerance > 0) || !(finish > 0) || !(margin >= 0) || !isfinite (tolerance) || !isfinite (finish)
      || !isfinite (margin))
    {
      fprintf (stderr, "microcam-cli plan: --tolerance and --finish must be positive, --stock-margin ≥ 0\n");
      return CLI_EXIT_BAD_INPUT;
    }
  g_autoptr (CamLibrary) lib = cam_library_new_default ();
  if (cam_library_find_material (lib, material) == NULL)
    {
      fprintf (stderr, "microcam-cli plan: unknown material '%s' (microcam-cli materials lists them)\n", material);
      return CLI_EXIT_BAD_INPUT;
    }
  const CamMachine *mach = cam_library_find_machine (lib, machine);
  if (mach == NULL)
    {
      fprintf (stderr, "microcam-cli plan: unknown machine '%s' (microcam-cli machines lists them)\n", machine);
      return CLI_EXIT_BAD_INPUT;
    }
  g_autoptr (GError) error = NULL;
  /* the features `microcam-cli dfm` finds (the one analysis entry point, options from the rules) */
  CamAnalysisOptions aopts = { material, machine, tolerance, finish };
  g_autoptr (CamDfmRules) rules = NULL;
  g_autoptr (CamAnalysis) analysis = cli_analyse_part (argv[1], lib, &aopts, &rules);
  if (analysis == NULL)
    return CLI_EXIT_BAD_INPUT;
  CamMesh *mesh = analysis->mesh;
  const CamFeatureSet *features = analysis->features;
  CamPlanOptions opt;
  cam_plan_options_init (&opt);
  opt.material_id = material;
  opt.machine_id = machine;
  opt.tolerance_mm = tolerance;
  opt.finish_ra_um = finish;
  opt.stock_margin_mm = margin;
  opt.origin = origin;
  opt.rules = rules;
  g_autoptr (CamJob) job = cam_plan_job (mesh, features, lib, &opt, NULL, NULL, NULL, &error);
  if (job == NULL)
    {
      fprintf (stderr, "microcam-cli: %s: %s\n", argv[1], error->message);
      return CLI_EXIT_BAD_INPUT;
    }
  if (!cam_job_io_save (job, out, &error))
    {
      fprintf (stderr, "microcam-cli: %s\n", error->message);
      return CLI_EXIT_BAD_INPUT;
    }
  CamKinematics kin;
  cam_machine_kinematics (mach, &kin);
  if (ngc)
    {
      CamPostOptions po;
      cam_post_options_init (&po);
      g_autoptr (GPtrArray) written = g_ptr_array_new_with_free_func (g_free);
      gboolean ok = per_tool ? cam_post_write_job_per_tool (job, lib, cam_post_linuxcnc (), &po, ngc, written, &error)
                             : cam_post_write_job (job, lib, cam_post_linuxcnc (), &po, ngc, &error);
      if (!ok)
        {
          fprintf (stderr, "microcam-cli: %s\n", error->message);
          return CLI_EXIT_BAD_INPUT;
        }
      for (guint i = 0; i < written->len; i++)
        fprintf (stderr, "microcam-cli: wrote %s\n", (const char *) g_ptr_array_index (written, i));
    }
  print_summary (job, &kin, json);
  return CLI_EXIT_OK;
}
