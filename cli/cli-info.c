/* cli-info.c — `microcam-cli info PART [--json]`: the part's facts. */
#include "cli.h"
#include "cam-json-write.h"
#include "cam-mesh.h"

#include <stdio.h>

static void
print_json (const CamMesh *m)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "file");
  json_builder_add_string_value (b, m->source_path ? m->source_path : "");
  json_builder_set_member_name (b, "triangles");
  json_builder_add_int_value (b, m->n_triangles);
  json_builder_set_member_name (b, "vertices");
  json_builder_add_int_value (b, m->n_vertices);
  json_builder_set_member_name (b, "bounds");
  json_builder_begin_object (b);
  cam_json_add_vec3 (b, "min", m->bounds.min);
  cam_json_add_vec3 (b, "max", m->bounds.max);
  json_builder_end_object (b);
  double size[3];
  for (int k = 0; k < 3; k++)
    size[k] = m->bounds.max[k] - m->bounds.min[k];
  cam_json_add_vec3 (b, "size_mm", size);
  json_builder_set_member_name (b, "volume_mm3");
  json_builder_add_double_value (b, m->volume_mm3);
  json_builder_set_member_name (b, "area_mm2");
  json_builder_add_double_value (b, m->area_mm2);
  json_builder_set_member_name (b, "watertight");
  json_builder_add_boolean_value (b, m->watertight);
  json_builder_set_member_name (b, "boundary_edges");
  json_builder_add_int_value (b, m->boundary_edges);
  json_builder_set_member_name (b, "nonmanifold_edges");
  json_builder_add_int_value (b, m->nonmanifold_edges);
  json_builder_set_member_name (b, "misoriented_edges");
  json_builder_add_int_value (b, m->misoriented_edges);
  json_builder_set_member_name (b, "degenerate_dropped");
  json_builder_add_int_value (b, m->degenerate_dropped);
  json_builder_set_member_name (b, "min_edge_mm");
  json_builder_add_double_value (b, m->min_edge_mm);
  json_builder_set_member_name (b, "max_edge_mm");
  json_builder_add_double_value (b, m->max_edge_mm);
  json_builder_set_member_name (b, "weld_tolerance_mm");
  json_builder_add_double_value (b, m->weld_tolerance_mm);
  json_builder_set_member_name (b, "zero_area_facets");
  json_builder_add_int_value (b, m->zero_area_facets);
  json_builder_set_member_name (b, "shells");
  json_builder_add_int_value (b, m->n_shells);
  json_builder_set_member_name (b, "reoriented_facets");
  json_builder_add_int_value (b, m->reoriented_facets);
  json_builder_set_member_name (b, "inverted_shells");
  json_builder_add_int_value (b, m->inverted_shells);
  json_builder_set_member_name (b, "warnings");
  json_builder_begin_array (b);
  for (guint i = 0; i < m->warnings->len; i++)
    json_builder_add_string_value (b, g_ptr_array_index (m->warnings, i));
  json_builder_end_array (b);
  json_builder_end_object (b);
  cli_print_json (b);
}

static void
print_text (const CamMesh *m)
{
  printf ("file            %s\n", m->source_path ? m->source_path : "");
  printf ("triangles       %u\n", m->n_triangles);
  printf ("vertices        %u\n", m->n_vertices);
  printf ("bounds min      %.4f %.4f %.4f mm\n", m->bounds.min[0], m->bounds.min[1], m->bounds.min[2]);
  printf ("bounds max      %.4f %.4f %.4f mm\n", m->bounds.max[0], m->bounds.max[1], m->bounds.max[2]);
  printf ("size            %.4f × %.4f × %.4f mm\n", m->bounds.max[0] - m->bounds.min[0],
          m->bounds.max[1] - m->bounds.min[1], m->bounds.max[2] - m->bounds.min[2]);
  printf ("volume          %.6f mm³%s\n", m->volume_mm3, m->watertight ? "" : " (not watertight: approximate)");
  printf ("area            %.6f mm²\n", m->area_mm2);
  printf ("watertight      %s\n", m->watertight ? "yes" : "no");
  printf ("boundary edges  %u\n", m->boundary_edges);
  printf ("non-manifold    %u edges\n", m->nonmanifold_edges);
  if (m->misoriented_edges)
    printf ("misoriented     %u edges (facets with flipped winding)\n", m->misoriented_edges);
  printf ("degenerate      %u facets dropped\n", m->degenerate_dropped);
  if (m->zero_area_facets)
    printf ("zero area       %u facets kept (corners in a line)\n", m->zero_area_facets);
  printf ("shells          %u\n", m->n_shells);
  printf ("smallest edge   %.6f mm (%.3f µm)\n", m->min_edge_mm, m->min_edge_mm * 1000.0);
  printf ("largest edge    %.6f mm\n", m->max_edge_mm);
}

int
cli_info_main (int argc, char **argv)
{
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, "Print one JSON object", NULL },
    { NULL, 0, 0, 0, NULL, NULL, NULL },
  };
  g_autoptr (GOptionContext) ctx = g_option_context_new ("PART — facts about a part (STL or OBJ)");
  g_option_context_add_main_entries (ctx, entries, NULL);
  if (!cli_parse_options (ctx, &argc, &argv))
    return CLI_EXIT_USAGE;
  if (argc != 2)
    {
      fprintf (stderr, "microcam-cli info: give exactly one part file (try --help)\n");
      return CLI_EXIT_USAGE;
    }

  g_autoptr (GError) error = NULL;
  g_autoptr (CamMesh) mesh = cam_mesh_load_file (argv[1], NULL, NULL, NULL, &error);
  if (mesh == NULL)
    {
      fprintf (stderr, "microcam-cli: %s\n", error->message);
      return CLI_EXIT_BAD_INPUT;
    }
  /* What the build repaired or doubts goes to stderr, so stdout stays the facts (and valid JSON). */
  for (guint i = 0; i < mesh->warnings->len; i++)
    fprintf (stderr, "microcam-cli: warning: %s\n", (const char *) g_ptr_array_index (mesh->warnings, i));
  if (json)
    print_json (mesh);
  else
    print_text (mesh);
  return CLI_EXIT_OK;
}
