/* cli-dfm.c — `microcam-cli dfm PART --material ID [--machine ID] [--tolerance MM]
 * [--finish RA_UM] [--json] [--report out.html]`: features, DFM findings and the
 * process-critical summary. Exit 0 whenever the analysis ran, whatever it found. */
#include "cli.h"
#include "cam-json-write.h"

#include <math.h>
#include <stdio.h>

#include "cam-analysis.h"
#include "cam-dfm-html.h"
#include "cam-dfm.h"
#include "cam-error.h"
#include "cam-features.h"
#include "cam-library.h"
#include "cam-mesh.h"

static void
feature_json (JsonBuilder *b, const CamFeature *f, double top_z)
{
  json_builder_begin_object (b);
  cam_json_add_string_if_set (b, "id", f->id);
  cam_json_add_string_if_set (b, "kind", cam_feature_kind_to_string (f->kind));
  cam_json_add_vec3 (b, "center", f->center);
  json_builder_set_member_name (b, "bbox");
  json_builder_begin_object (b);
  cam_json_add_vec3 (b, "min", f->bbox.min);
  cam_json_add_vec3 (b, "max", f->bbox.max);
  json_builder_end_object (b);
  cam_json_add_number_if_finite (b, "diameter_mm", f->diameter_mm);
  cam_json_add_number_if_finite (b, "depth_mm", f->depth_mm);
  if (f->through >= 0)
    {
      json_builder_set_member_name (b, "through");
      json_builder_add_boolean_value (b, f->through == 1);
    }
  cam_json_add_number_if_finite (b, "min_width_mm", f->min_width_mm);
  cam_json_add_number_if_finite (b, "min_corner_radius_mm", f->min_corner_radius_mm);
  cam_json_add_number_if_finite (b, "thickness_mm", f->thickness_mm);
  cam_json_add_number_if_finite (b, "height_mm", f->height_mm);
  cam_json_add_number_if_finite (b, "length_mm", f->length_mm);
  if (f->kind == CAM_FEATURE_POCKET || f->kind == CAM_FEATURE_SLOT)
    {
      cam_json_add_number_if_finite (b, "depth_to_width", f->depth_mm / f->min_width_mm);
      cam_json_add_number_if_finite (b, "floor_depth_mm", top_z - f->bottom_z);
    }
  if (f->kind == CAM_FEATURE_HOLE)
    cam_json_add_number_if_finite (b, "depth_to_diameter", f->depth_mm / f->diameter_mm);
  cam_json_add_string_if_set (b, "bottom", f->bottom);
  cam_json_add_number_if_finite (b, "tip_angle_deg", f->tip_angle_deg);
  cam_json_add_number_if_finite (b, "tip_depth_mm", f->tip_depth_mm);
  cam_json_add_number_if_finite (b, "countersink_diameter_mm", f->countersink_diameter_mm);
  cam_json_add_number_if_finite (b, "countersink_angle_deg", f->countersink_angle_deg);
  cam_json_add_number_if_finite (b, "top_z", f->top_z);
  cam_json_add_number_if_finite (b, "bottom_z", f->bottom_z);
  if (f->kind == CAM_FEATURE_POCKET || f->kind == CAM_FEATURE_SLOT)
    {
      json_builder_set_member_name (b, "open_side");
      json_builder_add_boolean_value (b, f->open_side);
    }
  cam_json_add_string_if_set (b, "parent", f->parent);
  cam_json_add_string_if_set (b, "pattern", f->pattern);
  json_builder_end_object (b);
}

static void
print_json (const CamFeatureSet *set, const CamDfmReport *r, const char *path)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  cam_json_add_string_if_set (b, "file", path);
  cam_json_add_string_if_set (b, "material", r->material_id);
  cam_json_add_string_if_set (b, "machine", r->machine_id);
  json_builder_set_member_name (b, "features");
  json_builder_begin_array (b);
  for (guint i = 0; i < set->features->len; i++)
    feature_json (b, g_ptr_array_index (set->features, i), set->bounds.max[2]);
  json_builder_end_array (b);

  json_builder_set_member_name (b, "patterns");
  json_builder_begin_array (b);
  for (guint i = 0; i < set->patterns->len; i++)
    {
      const CamHolePattern *hp = g_ptr_array_index (set->patterns, i);
      json_builder_begin_object (b);
      cam_json_add_string_if_set (b, "id", hp->id);
      cam_json_add_number_if_finite (b, "diameter_mm", hp->diameter_mm);
      cam_json_add_number_if_finite (b, "depth_mm", hp->depth_mm);
      json_builder_set_member_name (b, "through");
      json_builder_add_boolean_value (b, hp->through);
      json_builder_set_member_name (b, "count");
      json_builder_add_int_value (b, hp->count);
      if (hp->rows > 0)
        {
          json_builder_set_member_name (b, "rows");
          json_builder_add_int_value (b, hp->rows);
          json_builder_set_member_name (b, "cols");
          json_builder_add_int_value (b, hp->cols);
          cam_json_add_number_if_finite (b, "pitch_x_mm", hp->pitch_x_mm);
          cam_json_add_number_if_finite (b, "pitch_y_mm", hp->pitch_y_mm);
        }
      if (hp->polar)
        {
          cam_json_add_number_if_finite (b, "pcd_mm", hp->pcd_mm);
          double c3[3] = { hp->pcd_center[0], hp->pcd_center[1], 0 };
          cam_json_add_vec3 (b, "pcd_center", c3);
        }
      json_builder_set_member_name (b, "members");
      json_builder_begin_array (b);
      for (guint k = 0; k < hp->members->len; k++)
        json_builder_add_string_value (b, g_ptr_array_index (hp->members, k));
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "findings");
  json_builder_begin_array (b);
  for (guint i = 0; i < r->findings->len; i++)
    {
      const CamDfmFinding *x = g_ptr_array_index (r->findings, i);
      json_builder_begin_object (b);
      cam_json_add_string_if_set (b, "severity", cam_dfm_severity_to_string (x->severity));
      cam_json_add_string_if_set (b, "rule", x->rule);
      cam_json_add_string_if_set (b, "feature", x->feature);
      cam_json_add_string_if_set (b, "message", x->message);
      cam_json_add_string_if_set (b, "process", x->process);
      cam_json_add_string_if_set (b, "pattern", x->pattern);
      cam_json_add_vec3 (b, "at", x->at);
      json_builder_set_member_name (b, "values");
      json_builder_begin_object (b);
      for (guint k = 0; k < x->values->len; k++)
        {
          const CamDfmValue *v = &g_array_index (x->values, CamDfmValue, k);
          cam_json_add_number_if_finite (b, v->name, v->value);
        }
      json_builder_end_object (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "critical");
  json_builder_begin_object (b);
  for (guint i = 0; i < r->critical->len; i++)
    {
      const CamDfmCritical *c = g_ptr_array_index (r->critical, i);
      json_builder_set_member_name (b, c->what);
      json_builder_begin_object (b);
      cam_json_add_string_if_set (b, "feature", c->feature);
      cam_json_add_number_if_finite (b, "value_mm", c->value_mm);
      cam_json_add_string_if_set (b, "process", c->process);
      cam_json_add_string_if_set (b, "message", c->message);
      cam_json_add_vec3 (b, "at", c->at);
      json_builder_end_object (b);
    }
  json_builder_end_object (b);

  json_builder_set_member_name (b, "summary");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "errors");
  json_builder_add_int_value (b, r->n_errors);
  json_builder_set_member_name (b, "warnings");
  json_builder_add_int_value (b, r->n_warnings);
  json_builder_set_member_name (b, "notes");
  json_builder_add_int_value (b, r->n_notes);
  json_builder_end_object (b);

  json_builder_set_member_name (b, "analysis_warnings");
  json_builder_begin_array (b);
  for (guint i = 0; i < set->warnings->len; i++)
    json_builder_add_string_value (b, g_ptr_array_index (set->warnings, i));
  json_builder_end_array (b);
  json_builder_end_object (b);
  cli_print_json (b);
}

static void
print_text (const CamFeatureSet *set, const CamDfmReport *r, const char *path)
{
  printf ("part      %s\nmaterial  %s   machine %s\n\nFeatures (%u)\n", path, r->material_id, r->machine_id,
          set->features->len);
  for (guint i = 0; i < set->features->len; i++)
    {
      const CamFeature *f = g_ptr_array_index (set->features, i);
      printf ("  %-5s %-8s at (%.3f, %.3f, %.3f) mm", f->id, cam_feature_kind_to_string (f->kind), f->center[0],
              f->center[1], f->center[2]);
      if (isfinite (f->diameter_mm))
        printf ("  Ø%.4f mm", f->diameter_mm);
      if (isfinite (f->min_width_mm) && f->kind != CAM_FEATURE_HOLE)
        printf ("  width %.4f mm", f->min_width_mm);
      if (isfinite (f->depth_mm))
        printf ("  depth %.4f mm", f->depth_mm);
      if (f->through == 1)
        printf (" through");
      if (isfinite (f->min_corner_radius_mm))
        printf ("  corner R%.4f mm", f->min_corner_radius_mm);
      if (isfinite (f->thickness_mm))
        printf ("  thickness %.4f mm", f->thickness_mm);
      if (isfinite (f->height_mm))
        printf ("  height %.4f mm", f->height_mm);
      if (f->pattern)
        printf ("  [%s]", f->pattern);
      printf ("\n");
    }
  for (guint i = 0; i < set->patterns->len; i++)
    {
      const CamHolePattern *hp = g_ptr_array_index (set->patterns, i);
      printf ("  %s: %u × Ø%.4f mm", hp->id, hp->count, hp->diameter_mm);
      if (hp->rows > 0)
        printf (", %u × %u grid, pitch %.4f × %.4f mm", hp->cols, hp->rows, hp->pitch_x_mm, hp->pitch_y_mm);
      if (hp->polar)
        printf (", on a Ø%.4f mm circle at (%.4f, %.4f)", hp->pcd_mm, hp->pcd_center[0], hp->pcd_center[1]);
      printf ("\n");
    }
  printf ("\nFindings: %u error(s), %u warning(s), %u note(s)\n", r->n_errors, r->n_warnings, r->n_notes);
  for (guint i = 0; i < r->findings->len; i++)
    {
      const CamDfmFinding *x = g_ptr_array_index (r->findings, i);
      printf ("  %-7s %-5s %-20s %s", cam_dfm_severity_to_string (x->severity), x->feature, x->rule, x->message);
      if (x->process)
        printf (" [process: %s]", x->process);
      printf ("\n");
    }
  printf ("\nProcess-critical features\n");
  for (guint i = 0; i < r->critical->len; i++)
    {
      const CamDfmCritical *c = g_ptr_array_index (r->critical, i);
      /* the JSON key ("smallest_hole") in words ("smallest hole"): keys are words joined by '_' */
      g_autofree char *what = g_strdelimit (g_strdup (c->what), "_", ' ');
      printf ("  %-22s %-5s %s → %s\n", what, c->feature ? c->feature : "-", c->message, c->process);
    }
  for (guint i = 0; i < set->warnings->len; i++)
    printf ("analysis: %s\n", (const char *) g_ptr_array_index (set->warnings, i));
}

int
cli_dfm_main (int argc, char **argv)
{
  gboolean json = FALSE;
  g_autofree char *material = NULL, *machine = NULL, *report_path = NULL;
  double tolerance = 0.0, finish = 0.0;
  GOptionEntry entries[] = {
    { "material", 0, 0, G_OPTION_ARG_STRING, &material, "Workpiece material id (e.g. ss316l)", "ID" },
    { "machine", 0, 0, G_OPTION_ARG_STRING, &machine, "Machine id (default micro60k)", "ID" },
    { "tolerance", 0, 0, G_OPTION_ARG_DOUBLE, &tolerance, "Tightest feature tolerance, ± mm", "MM" },
    { "finish", 0, 0, G_OPTION_ARG_DOUBLE, &finish, "Surface finish target Ra, µm", "RA_UM" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, "Print one JSON object", NULL },
    { "report", 0, 0, G_OPTION_ARG_FILENAME, &report_path, "Write a self-contained HTML report", "OUT.html" },
    { NULL, 0, 0, 0, NULL, NULL, NULL },
  };
  g_autoptr (GOptionContext) ctx = g_option_context_new ("PART — features and design-for-manufacture review");
  g_option_context_add_main_entries (ctx, entries, NULL);
  if (!cli_parse_options (ctx, &argc, &argv))
    return CLI_EXIT_USAGE;
  if (argc != 2)
    {
      fprintf (stderr, "microcam-cli dfm: give exactly one part file (try --help)\n");
      return CLI_EXIT_USAGE;
    }
  if (material == NULL)
    {
      fprintf (stderr, "microcam-cli dfm: --material ID is required (microcam-cli materials lists them)\n");
      return CLI_EXIT_USAGE;
    }
  if (tolerance < 0 || finish < 0 || !isfinite (tolerance) || !isfinite (finish))
    {
      fprintf (stderr, "microcam-cli dfm: --tolerance and --finish must be positive numbers\n");
      return CLI_EXIT_BAD_INPUT;
    }

  g_autoptr (GError) error = NULL;
  g_autoptr (CamLibrary) lib = cam_library_new_default ();
  if (cam_library_find_material (lib, material) == NULL)
    {
      fprintf (stderr, "microcam-cli dfm: unknown material '%s' (microcam-cli materials lists them)\n", material);
      return CLI_EXIT_BAD_INPUT;
    }
  if (machine != NULL && cam_library_find_machine (lib, machine) == NULL)
    {
      fprintf (stderr, "microcam-cli dfm: unknown machine '%s' (microcam-cli machines lists them)\n", machine);
      return CLI_EXIT_BAD_INPUT;
    }
  CamAnalysisOptions aopts = { material, machine, tolerance, finish };
  g_autoptr (CamDfmRules) rules = NULL;
  g_autoptr (CamAnalysis) analysis = cli_analyse_part (argv[1], lib, &aopts, &rules);
  if (analysis == NULL)
    return CLI_EXIT_BAD_INPUT;
  CamMesh *mesh = analysis->mesh;
  const CamFeatureSet *set = analysis->features;
  const CamDfmReport *report = analysis->dfm;
  if (report_path != NULL)
    {
      g_autofree char *base = g_path_get_basename (argv[1]);
      if (!cam_dfm_html_write (set, report, mesh, base, report_path, &error))
        {
          fprintf (stderr, "microcam-cli: %s\n", error->message);
          return CLI_EXIT_BAD_INPUT;
        }
    }
  if (json)
    print_json (set, report, argv[1]);
  else
    print_text (set, report, argv[1]);
  if (report_path != NULL && !json)
    printf ("\nreport written to %s\n", report_path);
  return CLI_EXIT_OK;
}
