/* cli-feeds.c — `microcam-cli feeds`: feeds and speeds, force, deflection, breakage and finish
 * for a tool in a material on a machine (the physics is in cam/cam-cutting.h).
 *
 *   microcam-cli feeds --material ID --machine ID (--tool SPEC | --tool-id ID)
 *                      --op slot|side|pocket|finish|drill [--ap MM] [--ae MM] [--depth MM]
 *                      [--max-deflection UM] [--tolerance MM] [--stock MM] [--fz MM] [--rpm N]
 *                      [--optimise-ap] [--optimise-ae] [--json]
 *
 * Without --fz/--rpm it recommends (limit solver); with them it evaluates the given chip load
 * and speed. Exit 0 ok, 1 bad input (unknown id, bad tool spec, ap beyond the flutes…), 2 usage. */
#include "cli.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cam-cutting.h"
#include "cam-drill.h"
#include "cam-json-write.h"
#include "cam-library.h"

static void
member_string (JsonBuilder *b, const char *key, const char *v)
{
  json_builder_set_member_name (b, key);
  json_builder_add_string_value (b, v ? v : "");
}

static void
print_json (const CamCutResult *r, const CamTool *tool, const CamMaterial *mat, const CamMachine *machine,
            GPtrArray *warnings)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autofree char *tool_desc = cam_tool_describe (tool);
  json_builder_begin_object (b);
  member_string (b, "material", mat->id);
  member_string (b, "machine", machine->id);
  member_string (b, "tool", tool->id ? tool->id : tool_desc);
  member_string (b, "tool_description", tool_desc);
  member_string (b, "op", cam_cut_kind_to_string (r->op));
  cam_json_add_number_or_null (b, "rpm", r->rpm);
  cam_json_add_number_or_null (b, "vc_m_min", r->vc_m_min);
  cam_json_add_number_or_null (b, "fz_mm", r->fz_mm);
  cam_json_add_number_or_null (b, "feed_per_rev_mm", r->feed_per_rev_mm);
  cam_json_add_number_or_null (b, "feed_mm_min", r->feed_mm_min);
  cam_json_add_number_or_null (b, "plunge_mm_min", r->plunge_mm_min);
  cam_json_add_number_or_null (b, "ap_mm", r->ap_mm);
  cam_json_add_number_or_null (b, "ae_mm", r->ae_mm);
  cam_json_add_number_or_null (b, "engagement_deg", r->engagement_deg);
  cam_json_add_number_or_null (b, "mrr_mm3_min", r->mrr_mm3_min);
  cam_json_add_number_or_null (b, "h_max_mm", r->h_max_mm);
  cam_json_add_number_or_null (b, "h_mean_mm", r->h_mean_mm);
  cam_json_add_number_or_null (b, "h_peak_mm", r->h_peak_mm);
  cam_json_add_number_or_null (b, "h_min_mm", r->h_min_mm);
  cam_json_add_number_or_null (b, "force_n", r->force_n);
  cam_json_add_number_or_null (b, "force_mean_n", r->force_mean_n);
  cam_json_add_number_or_null (b, "torque_nmm", r->torque_nmm);
  cam_json_add_number_or_null (b, "power_w", r->power_w);
  cam_json_add_number_or_null (b, "deflection_um", r->deflection_um);
  cam_json_add_number_or_null (b, "allowed_deflection_um", r->allowed_deflection_um);
  cam_json_add_number_or_null (b, "wall_taper_um", r->wall_taper_um);
  cam_json_add_number_or_null (b, "stress_mpa", r->stress_mpa);
  cam_json_add_number_or_null (b, "safety_factor", r->safety_factor);
  /* the section that breaks: the flutes' core (cam-deflection.c) */
  cam_json_add_number_or_null (b, "core_diameter_mm", tool->core_ratio * tool->d_mm);
  cam_json_add_number_or_null (b, "ra_um", r->ra_um);
  cam_json_add_number_or_null (b, "rt_um", r->rt_um);
  /* floor and wall apart (cam-finish.c) */
  cam_json_add_number_or_null (b, "ra_floor_um", r->ra_floor_um);
  cam_json_add_number_or_null (b, "rt_floor_um", r->rt_floor_um);
  cam_json_add_number_or_null (b, "ra_wall_um", r->ra_wall_um);
  cam_json_add_number_or_null (b, "rt_wall_um", r->rt_wall_um);
  cam_json_add_number_or_null (b, "mark_spacing_mm", r->mark_spacing_mm);
  member_string (b, "finish_class", cam_finish_class_to_string (r->finish_class));
  member_string (b, "binding_limit", cam_limit_to_string (r->binding_limit));
  member_string (b, "binding_limit_text", cam_limit_describe (r->binding_limit));
  if (r->op == CAM_CUT_DRILL)
    {
      member_string (b, "cycle", cam_cycle_to_gcode (r->drill.cycle));
      json_builder_set_member_name (b, "pecks");
      json_builder_begin_array (b);
      for (guint i = 0; i < r->drill.n_pecks; i++)
        json_builder_add_double_value (b, r->drill.pecks_mm[i]);
      json_builder_end_array (b);
      member_string (b, "process", cam_process_to_string (r->drill.process));
      cam_json_add_number_or_null (b, "depth_mm", r->drill.depth_mm);
      cam_json_add_number_or_null (b, "aspect_ratio", r->drill.aspect_ratio);
      json_builder_set_member_name (b, "spot_first");
      json_builder_add_boolean_value (b, r->drill.spot_first);
      cam_json_add_number_or_null (b, "spot_depth_mm", r->drill.spot_depth_mm);
      /* the spot the engine prescribes: the drill's own point angle (cam-drill.c) */
      cam_json_add_number_or_null (b, "spot_angle_deg", r->drill.spot_angle_deg);
      /* chip packing: the chip column in the flutes and the torque it adds (in torque_nmm) */
      cam_json_add_number_or_null (b, "packed_depth_mm", r->drill.packed_depth_mm);
      cam_json_add_number_or_null (b, "packing_torque_nmm", r->drill.packing_torque_nmm);
      cam_json_add_number_or_null (b, "thrust_n", r->drill.thrust_n);
      cam_json_add_number_or_null (b, "buckling_safety_factor", r->drill.buckling_sf);
      member_string (b, "entry_model", cam_drill_bend_to_string (r->drill.bend));
      member_string (b, "deflection_cause", cam_drill_bend_cause (r->drill.bend));
    }
  json_builder_set_member_name (b, "warnings");
  json_builder_begin_array (b);
  for (guint i = 0; i < warnings->len; i++)
    json_builder_add_string_value (b, g_ptr_array_index (warnings, i));
  json_builder_end_array (b);
  json_builder_end_object (b);
  cli_print_json (b);
}

static void
print_text (const CamCutResult *r, const CamTool *tool, const CamMaterial *mat, const CamMachine *machine,
            GPtrArray *warnings, gboolean what_if)
{
  g_autofree char *tool_desc = cam_tool_describe (tool);
  printf ("%s: %s in %s on %s\n", what_if ? "Evaluation" : "Recommendation", tool->id ? tool->id : tool_desc,
          mat->name, machine->name);
  printf ("  tool             %s\n", tool_desc);
  printf ("  operation        %s", cam_cut_kind_to_string (r->op));
  if (r->op == CAM_CUT_DRILL)
    printf ("  depth %.3f mm (%.1f × the diameter)\n", r->drill.depth_mm, r->drill.aspect_ratio);
  else
    printf ("  axial depth ap %.4f mm  radial width ae %.4f mm  (engagement %.0f°)\n", r->ap_mm, r->ae_mm, r->engagement_deg);
  printf ("  spindle          %.0f rpm  (cutting speed %.1f m/min)\n", r->rpm, r->vc_m_min);
  printf ("  chip load        %.5f mm/tooth  (%.5f mm/rev)\n", r->fz_mm, r->feed_per_rev_mm);
  printf ("  feed             %.1f mm/min  plunge %.1f mm/min\n", r->feed_mm_min, r->plunge_mm_min);
  printf ("  chip thickness   max %.3f µm  mean %.3f µm  peak (runout) %.3f µm  min (ploughing) %.3f µm\n",
          r->h_max_mm * 1000, r->h_mean_mm * 1000, r->h_peak_mm * 1000, r->h_min_mm * 1000);
  printf ("  force            %.3f N peak  %.3f N mean\n", r->force_n, r->force_mean_n);
  printf ("  torque / power   %.4f N·mm  %.2f W (spindle %.0f W)\n", r->torque_nmm, r->power_w, machine->power_w);
  if (r->op == CAM_CUT_DRILL)
    printf ("  deflection       %.3f µm at entry (%s; past it the hole guides the drill)\n", r->deflection_um,
            cam_drill_bend_describe (r->drill.bend));
  else
    printf ("  deflection       %.3f µm at the tip (allowed %.2f µm), wall taper %.3f µm\n", r->deflection_um,
            r->allowed_deflection_um, r->wall_taper_um);
  printf ("  stress           %.0f MPa  safety factor %.2f (the tool's rupture strength %.0f MPa; core Ø%.3f mm)\n",
          r->stress_mpa, r->safety_factor, tool->trs_mpa, tool->core_ratio * tool->d_mm);
  printf ("  finish           Ra %.3f µm  Rt %.3f µm  (%s)\n", r->ra_um, r->rt_um,
          cam_finish_class_to_string (r->finish_class));
  if (r->op == CAM_CUT_DRILL)
    printf ("                   hole wall (no drilled hole in this material is finer than Ra %.2f µm)\n",
            mat->drilled_ra_um);
  else
    printf ("                   floor Ra %.3f µm  wall Ra %.3f µm  feed marks %.2f µm apart\n", r->ra_floor_um,
            r->ra_wall_um, r->mark_spacing_mm * 1000.0);
  if (r->op == CAM_CUT_DRILL)
    {
      printf ("  process          %s\n", cam_process_to_string (r->drill.process));
      printf ("  cycle            %s, %u peck%s:", cam_cycle_to_gcode (r->drill.cycle), r->drill.n_pecks,
              r->drill.n_pecks == 1 ? "" : "s");
      for (guint i = 0; i < r->drill.n_pecks; i++)
        printf (" %.4f", r->drill.pecks_mm[i]);
      printf (" mm\n");
      if (r->drill.spot_first)
        printf ("  spot first       yes, %.0f° spot %.4f mm deep\n", r->drill.spot_angle_deg, r->drill.spot_depth_mm);
      else
        printf ("  spot first       no\n");
      printf ("  chip packing     %.4f mm of chips in the flutes add %.4f N·mm torque\n", r->drill.packed_depth_mm,
              r->drill.packing_torque_nmm);
    }
  /* in words (the identifier is the JSON's binding_limit, for scripts) */
  printf ("  binding limit    %s\n", cam_limit_describe (r->binding_limit));
  printf ("  coolant          %s\n", mat->coolant);
  for (guint i = 0; i < warnings->len; i++)
    printf ("  warning: %s\n", (const char *) g_ptr_array_index (warnings, i));
}

int
cli_feeds_main (int argc, char **argv)
{
  g_autofree char *material_id = NULL, *machine_id = NULL, *tool_spec = NULL, *tool_id = NULL, *op_s = NULL;
  double ap = 0, ae = 0, depth = 0, max_defl_um = 0, fz = 0, rpm = 0, tolerance = 0, stock = 0;
  gboolean json = FALSE, optimise_ap = FALSE, optimise_ae = FALSE;
  GOptionEntry entries[] = {
    { "material", 0, 0, G_OPTION_ARG_STRING, &material_id, "Material id (microcam-cli materials)", "ID" },
    { "machine", 0, 0, G_OPTION_ARG_STRING, &machine_id, "Machine id (microcam-cli machines)", "ID" },
    { "tool", 0, 0, G_OPTION_ARG_STRING, &tool_spec, "Tool spec KIND:key=value,… (see README)", "SPEC" },
    { "tool-id", 0, 0, G_OPTION_ARG_STRING, &tool_id, "Tool from the library (microcam-cli tools)", "ID" },
    { "op", 0, 0, G_OPTION_ARG_STRING, &op_s, "slot, side, pocket, finish or drill", "OP" },
    { "ap", 0, 0, G_OPTION_ARG_DOUBLE, &ap, "Axial depth of cut (mm)", "MM" },
    { "ae", 0, 0, G_OPTION_ARG_DOUBLE, &ae, "Radial width of cut / stepover (mm)", "MM" },
    { "depth", 0, 0, G_OPTION_ARG_DOUBLE, &depth, "Hole depth for --op drill (mm)", "MM" },
    { "max-deflection", 0, 0, G_OPTION_ARG_DOUBLE, &max_defl_um, "Allowed tool-tip deflection (µm)", "UM" },
    { "tolerance", 0, 0, G_OPTION_ARG_DOUBLE, &tolerance, "Feature tolerance (mm; allowed deflection = half; default 0.01 finishing; roughing: the stock left)", "MM" },
    { "stock", 0, 0, G_OPTION_ARG_DOUBLE, &stock, "Roughing: stock left for the finishing pass (mm; allowed deflection = half; default min(0.05, 0.1·D))", "MM" },
    { "fz", 0, 0, G_OPTION_ARG_DOUBLE, &fz, "Evaluate this chip load per tooth (mm)", "MM" },
    { "rpm", 0, 0, G_OPTION_ARG_DOUBLE, &rpm, "Evaluate at this spindle speed", "N" },
    { "optimise-ap", 0, 0, G_OPTION_ARG_NONE, &optimise_ap, "Also choose ap (when --ap is not given) for the best removal rate", NULL },
    { "optimise-ae", 0, 0, G_OPTION_ARG_NONE, &optimise_ae, "Also choose ae (when --ae is not given) for the best removal rate", NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, "Print one JSON object", NULL },
    { NULL, 0, 0, 0, NULL, NULL, NULL },
  };
  g_autoptr (GOptionContext) ctx = g_option_context_new ("- feeds and speeds, force, deflection, finish");
  g_option_context_add_main_entries (ctx, entries, NULL);
  if (!cli_parse_options (ctx, &argc, &argv))
    return CLI_EXIT_USAGE;
  if (argc > 1)
    {
      fprintf (stderr, "microcam-cli feeds: unexpected argument '%s'\n(try --help)\n", argv[1]);
      return CLI_EXIT_USAGE;
    }
  if (material_id == NULL || machine_id == NULL || op_s == NULL || (tool_spec == NULL) == (tool_id == NULL))
    {
      fprintf (stderr, "microcam-cli feeds: needs --material ID --machine ID --op OP and one of --tool SPEC or "
                       "--tool-id ID\n(try --help)\n");
      return CLI_EXIT_USAGE;
    }
  CamCutKind op;
  if (!cam_cut_kind_from_string (op_s, &op))
    {
      fprintf (stderr, "microcam-cli feeds: --op '%s' is not slot, side, pocket, finish or drill\n", op_s);
      return CLI_EXIT_USAGE;
    }

  g_autoptr (CamLibrary) lib = cam_library_new_default ();
  const GPtrArray *lib_warnings = cam_library_get_warnings (lib);
  for (guint i = 0; i < lib_warnings->len; i++)
    fprintf (stderr, "microcam-cli: warning: %s\n", (const char *) g_ptr_array_index (lib_warnings, i));

  const CamMaterial *mat = cam_library_find_material (lib, material_id);
  if (mat == NULL)
    {
      fprintf (stderr, "microcam-cli feeds: unknown material '%s' (microcam-cli materials lists them)\n", material_id);
      return CLI_EXIT_BAD_INPUT;
    }
  const CamMachine *machine = cam_library_find_machine (lib, machine_id);
  if (machine == NULL)
    {
      fprintf (stderr, "microcam-cli feeds: unknown machine '%s' (microcam-cli machines lists them)\n", machine_id);
      return CLI_EXIT_BAD_INPUT;
    }
  g_autoptr (CamTool) own_tool = NULL;
  const CamTool *tool;
  g_autoptr (GError) error = NULL;
  if (tool_id != NULL)
    {
      tool = cam_library_find_tool (lib, tool_id);
      if (tool == NULL)
        {
          fprintf (stderr, "microcam-cli feeds: unknown tool id '%s' (microcam-cli tools lists them)\n", tool_id);
          return CLI_EXIT_BAD_INPUT;
        }
    }
  else
    {
      own_tool = cam_tool_new_from_spec (tool_spec, &error);
      if (own_tool == NULL)
        {
          fprintf (stderr, "microcam-cli feeds: --tool '%s': %s\n", tool_spec, error->message);
          return CLI_EXIT_BAD_INPUT;
        }
      tool = own_tool;
    }
  const struct { const char *name; double v; } numbers[] = {
    { "--ap", ap }, { "--ae", ae }, { "--depth", depth }, { "--max-deflection", max_defl_um },
    { "--tolerance", tolerance }, { "--stock", stock }, { "--fz", fz }, { "--rpm", rpm },
  };
  for (guint i = 0; i < G_N_ELEMENTS (numbers); i++)
    if (!isfinite (numbers[i].v) || numbers[i].v < 0)
      {
        fprintf (stderr, "microcam-cli feeds: %s must be a positive number (got %g)\n", numbers[i].name, numbers[i].v);
        return CLI_EXIT_BAD_INPUT;
      }

  CamEngagement eng;
  cam_engagement_init (&eng, op);
  eng.ap_mm = ap;
  eng.ae_mm = ae;
  eng.depth_mm = depth;
  eng.max_deflection_mm = max_defl_um / 1000.0;
  eng.tolerance_mm = tolerance;
  eng.stock_mm = stock;
  eng.fz_mm = fz;
  eng.rpm = rpm;
  eng.optimise_ap = optimise_ap;
  eng.optimise_ae = optimise_ae;
  CamCutResult r;
  gboolean what_if = fz > 0;
  gboolean ok = what_if ? cam_cutting_evaluate (tool, mat, machine, &eng, &r, &error)
                        : cam_cutting_recommend (tool, mat, machine, &eng, &r, &error);
  if (!ok)
    {
      fprintf (stderr, "microcam-cli feeds: %s\n", error->message);
      return CLI_EXIT_BAD_INPUT;
    }
  g_autoptr (GPtrArray) warnings = cam_cut_result_warnings (&r, tool, mat, machine);
  if (json)
    print_json (&r, tool, mat, machine, warnings);
  else
    print_text (&r, tool, mat, machine, warnings, what_if);
  return CLI_EXIT_OK;
}
