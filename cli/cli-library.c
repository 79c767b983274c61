/* cli-library.c — `microcam-cli materials|tools|machines [--json]`: what the libraries hold
 * (built in, plus the user's ~/.config/microcam/{materials,tools,machines}/ JSON files). */
#include "cli.h"

#include <stdio.h>

#include "cam-library.h"

static gboolean
parse (const char *what, int *argc, char ***argv, gboolean *json)
{
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, json, "Print one JSON object", NULL },
    { NULL, 0, 0, 0, NULL, NULL, NULL },
  };
  g_autofree char *summary = g_strdup_printf ("- list the %s library", what);
  g_autoptr (GOptionContext) ctx = g_option_context_new (summary);
  g_option_context_add_main_entries (ctx, entries, NULL);
  if (!cli_parse_options (ctx, argc, argv))
    return FALSE;
  if (*argc > 1)
    {
      fprintf (stderr, "microcam-cli %s: unexpected argument '%s'\n(try --help)\n", what, (*argv)[1]);
      return FALSE;
    }
  return TRUE;
}

static CamLibrary *
load (void)
{
  CamLibrary *lib = cam_library_new_default ();
  const GPtrArray *w = cam_library_get_warnings (lib);
  for (guint i = 0; i < w->len; i++)
    fprintf (stderr, "microcam-cli: warning: %s\n", (const char *) g_ptr_array_index (w, i));
  return lib;
}

static void
add_d (JsonBuilder *b, const char *key, double v)
{
  json_builder_set_member_name (b, key);
  json_builder_add_double_value (b, v);
}

static void
add_s (JsonBuilder *b, const char *key, const char *v)
{
  json_builder_set_member_name (b, key);
  json_builder_add_string_value (b, v ? v : "");
}

int
cli_materials_main (int argc, char **argv)
{
  gboolean json = FALSE;
  if (!parse ("materials", &argc, &argv, &json))
    return CLI_EXIT_USAGE;
  g_autoptr (CamLibrary) lib = load ();
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "materials");
  json_builder_begin_array (b);
  for (guint i = 0; i < cam_library_n_materials (lib); i++)
    {
      const CamMaterial *m = cam_library_get_material (lib, i);
      if (!json)
        {
          printf ("%-14s %-42s %-22s vc %3.0f–%3.0f m/min  kc1.1 %4.0f N/mm²  mc %.2f\n", m->id, m->name,
                  m->hardness_label, m->vc_carbide_min, m->vc_carbide_max, m->kc11_n_mm2, m->mc);
          continue;
        }
      json_builder_begin_object (b);
      add_s (b, "id", m->id);
      add_s (b, "name", m->name);
      add_s (b, "iso_group", m->iso_group);
      add_s (b, "hardness", m->hardness_label);
      add_d (b, "hardness_hb", m->hardness_hb);
      add_d (b, "vc_carbide_min_m_min", m->vc_carbide_min);
      add_d (b, "vc_carbide_max_m_min", m->vc_carbide_max);
      add_d (b, "kc11_n_mm2", m->kc11_n_mm2);
      add_d (b, "mc", m->mc);
      add_d (b, "hmin_ratio", m->hmin_ratio);
      add_s (b, "coolant", m->coolant);
      json_builder_set_member_name (b, "sources");
      json_builder_begin_array (b);
      for (guint k = 0; k < m->sources->len; k++)
        json_builder_add_string_value (b, g_ptr_array_index (m->sources, k));
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  if (json)
    cli_print_json (b);
  return CLI_EXIT_OK;
}

int
cli_tools_main (int argc, char **argv)
{
  gboolean json = FALSE;
  if (!parse ("tools", &argc, &argv, &json))
    return CLI_EXIT_USAGE;
  g_autoptr (CamLibrary) lib = load ();
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "tools");
  json_builder_begin_array (b);
  for (guint i = 0; i < cam_library_n_tools (lib); i++)
    {
      const CamTool *t = cam_library_get_tool (lib, i);
      g_autofree char *desc = cam_tool_describe (t);
      if (!json)
        {
          printf ("%-20s %s, stick-out %.1f mm\n", t->id, desc, t->stickout_mm);
          continue;
        }
      json_builder_begin_object (b);
      add_s (b, "id", t->id);
      add_s (b, "name", t->name);
      add_s (b, "kind", cam_tool_kind_to_string (t->kind));
      add_d (b, "d_mm", t->d_mm);
      json_builder_set_member_name (b, "flutes");
      json_builder_add_int_value (b, t->flutes);
      add_d (b, "loc_mm", t->loc_mm);
      add_d (b, "corner_r_mm", t->corner_r_mm);
      add_d (b, "neck_d_mm", t->neck_d_mm);
      add_d (b, "reach_mm", t->reach_mm);
      add_d (b, "stickout_mm", t->stickout_mm);
      add_d (b, "shank_d_mm", t->shank_d_mm);
      add_s (b, "mat", cam_tool_material_to_string (t->material));
      add_d (b, "edge_radius_um", t->edge_radius_um);
      add_s (b, "source", t->source);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  if (json)
    cli_print_json (b);
  return CLI_EXIT_OK;
}

int
cli_machines_main (int argc, char **argv)
{
  gboolean json = FALSE;
  if (!parse ("machines", &argc, &argv, &json))
    return CLI_EXIT_USAGE;
  g_autoptr (CamLibrary) lib = load ();
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "machines");
  json_builder_begin_array (b);
  for (guint i = 0; i < cam_library_n_machines (lib); i++)
    {
      const CamMachine *m = cam_library_get_machine (lib, i);
      if (!json)
        {
          printf ("%-10s %-48s %6.0f–%6.0f rpm  %6.0f W  max feed %6.0f mm/min  runout %.1f µm  %s\n", m->id, m->name,
                  m->rpm_min, m->rpm_max, m->power_w, m->max_feed_mm_min, m->runout_um, m->dialect);
          continue;
        }
      json_builder_begin_object (b);
      add_s (b, "id", m->id);
      add_s (b, "name", m->name);
      add_d (b, "rpm_min", m->rpm_min);
      add_d (b, "rpm_max", m->rpm_max);
      add_d (b, "power_w", m->power_w);
      add_d (b, "max_feed_mm_min", m->max_feed_mm_min);
      add_d (b, "rapid_mm_min", m->rapid_mm_min);
      add_d (b, "accel_mm_s2", m->accel_mm_s2);
      add_d (b, "runout_um", m->runout_um);
      add_s (b, "dialect", m->dialect);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  if (json)
    cli_print_json (b);
  return CLI_EXIT_OK;
}
