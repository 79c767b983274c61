/* cam-dfm-rules.c — reads the DFM thresholds (resources/dfm/rules.json) with json-glib.
 * Every number in that file carries its source next to it; this file only parses. */
#include "cam-dfm-rules.h"

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "cam-dfm-res.h"
#include "cam-error.h"

static gboolean
get_number (JsonObject *root, const char *section, const char *key, double *out, const char *name,
            GError **error)
{
  JsonObject *sec = json_object_has_member (root, section) ? json_object_get_object_member (root, section) : NULL;
  JsonNode *n = sec && json_object_has_member (sec, key) ? json_object_get_member (sec, key) : NULL;
  if (n == NULL || JSON_NODE_TYPE (n) != JSON_NODE_VALUE || json_node_get_value_type (n) == G_TYPE_STRING
      || json_node_get_value_type (n) == G_TYPE_BOOLEAN)
    {
      g_set_error (error, CAM_ERROR, CAM_ERROR_FORMAT, "%s: %s.%s is missing or not a number", name, section, key);
      return FALSE;
    }
  *out = json_node_get_double (n);
  return TRUE;
}

static char *
get_string (JsonObject *root, const char *section, const char *key, const char *name, GError **error)
{
  JsonObject *sec = json_object_has_member (root, section) ? json_object_get_object_member (root, section) : NULL;
  const char *s = sec && json_object_has_member (sec, key) ? json_object_get_string_member (sec, key) : NULL;
  if (s == NULL)
    {
      g_set_error (error, CAM_ERROR, CAM_ERROR_FORMAT, "%s: %s.%s is missing or not a string", name, section, key);
      return NULL;
    }
  return g_strdup (s);
}

static void
note_free (gpointer p)
{
  CamDfmMaterialNote *n = p;
  g_free (n->material);
  g_free (n->rule);
  g_free (n->severity);
  g_strfreev (n->kinds);
  g_free (n->message);
  g_free (n->source);
  g_free (n);
}

void
cam_dfm_rules_free (CamDfmRules *r)
{
  if (r == NULL)
    return;
  g_free (r->process_conductive);
  g_free (r->process_hard_nonconductive);
  g_free (r->process_nonconductive);
  g_clear_pointer (&r->min_wall_mm, g_hash_table_unref);
  g_clear_pointer (&r->max_wall_height_ratio, g_hash_table_unref);
  g_clear_pointer (&r->notes, g_ptr_array_unref);
  g_free (r->origin);
  g_free (r);
}

static double *
boxed_double (double v)
{
  double *p = g_new (double, 1);
  *p = v;
  return p;
}

CamDfmRules *
cam_dfm_rules_new_from_data (const char *data, gssize length, const char *name, GError **error)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) local = NULL;
  if (!json_parser_load_from_data (parser, data, length, &local))
    {
      g_set_error (error, CAM_ERROR, CAM_ERROR_FORMAT, "%s: not valid JSON: %s", name, local->message);
      return NULL;
    }
  JsonNode *root_node = json_parser_get_root (parser);
  if (root_node == NULL || !JSON_NODE_HOLDS_OBJECT (root_node))
    {
      g_set_error (error, CAM_ERROR, CAM_ERROR_FORMAT, "%s: the top level is not a JSON object", name);
      return NULL;
    }
  JsonObject *root = json_node_get_object (root_node);
  g_autoptr (CamDfmRules) r = g_new0 (CamDfmRules, 1);
  r->origin = g_strdup (name);
  r->min_wall_mm = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  r->max_wall_height_ratio = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  r->notes = g_ptr_array_new_with_free_func (note_free);
  if (!get_number (root, "micro_feature", "below_mm", &r->micro_feature_mm, name, error)
      || !get_number (root, "drilling", "peck_above_ld", &r->peck_above_ld, name, error)
      || !get_number (root, "drilling", "spot_below_mm", &r->spot_below_mm, name, error)
      || !get_number (root, "drilling", "drill_max_ld_default", &r->drill_max_ld_default, name, error)
      || !get_number (root, "drilling", "laser_below_mm", &r->laser_below_mm, name, error)
      || !get_number (root, "alternative_processes", "hard_above_hb", &r->hard_above_hb, name, error)
      || !get_number (root, "milling", "corner_margin", &r->corner_margin, name, error)
      || !get_number (root, "milling", "max_depth_to_width", &r->max_depth_to_width, name, error)
      || !get_number (root, "milling", "finish_radial_mm", &r->finish_radial_mm, name, error)
      || !get_number (root, "walls", "report_below_mm", &r->wall_report_mm, name, error)
      || !get_number (root, "tolerance", "trial_cut_below_mm", &r->trial_cut_below_mm, name, error)
      || !get_number (root, "tolerance", "deflection_fraction", &r->deflection_fraction, name, error)
      || !get_number (root, "finish", "fine_ra_um", &r->fine_ra_um, name, error)
      || !get_number (root, "finish", "polished_ra_um", &r->polished_ra_um, name, error)
      || !get_number (root, "finish", "fine_time_factor", &r->fine_time_factor, name, error)
      || !get_number (root, "finish", "polish_time_factor", &r->polish_time_factor, name, error))
    return NULL;
  if (!(r->process_conductive = get_string (root, "alternative_processes", "conductive", name, error))
      || !(r->process_hard_nonconductive = get_string (root, "alternative_processes", "hard_nonconductive", name, error))
      || !(r->process_nonconductive = get_string (root, "alternative_processes", "nonconductive", name, error)))
    return NULL;

  JsonObject *mats = json_object_has_member (root, "materials") ? json_object_get_object_member (root, "materials") : NULL;
  if (mats == NULL || !json_object_has_member (mats, "default"))
    {
      g_set_error (error, CAM_ERROR, CAM_ERROR_FORMAT, "%s: materials.default is missing", name);
      return NULL;
    }
  g_autoptr (GList) ids = json_object_get_members (mats);
  for (GList *l = ids; l != NULL; l = l->next)
    {
      const char *id = l->data;
      double w, q;
      if (!get_number (mats, id, "min_wall_mm", &w, name, error)
          || !get_number (mats, id, "max_wall_height_ratio", &q, name, error))
        return NULL;
      g_hash_table_insert (r->min_wall_mm, g_strdup (id), boxed_double (w));
      g_hash_table_insert (r->max_wall_height_ratio, g_strdup (id), boxed_double (q));
    }

  JsonArray *notes = json_object_has_member (root, "material_notes") ? json_object_get_array_member (root, "material_notes") : NULL;
  for (guint i = 0; notes != NULL && i < json_array_get_length (notes); i++)
    {
      JsonObject *o = json_array_get_object_element (notes, i);
      const char *keys[] = { "material", "rule", "severity", "message" };
      for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
        if (o == NULL || !json_object_has_member (o, keys[k]) || json_object_get_string_member (o, keys[k]) == NULL)
          {
            g_set_error (error, CAM_ERROR, CAM_ERROR_FORMAT, "%s: material_notes[%u]: %s is missing", name, i, keys[k]);
            return NULL;
          }
      const char *sev = json_object_get_string_member (o, "severity");
      if (g_strcmp0 (sev, "error") != 0 && g_strcmp0 (sev, "warning") != 0 && g_strcmp0 (sev, "note") != 0)
        {
          g_set_error (error, CAM_ERROR, CAM_ERROR_FORMAT,
                       "%s: material_notes[%u]: severity '%s' is not error, warning or note", name, i, sev);
          return NULL;
        }
      CamDfmMaterialNote *n = g_new0 (CamDfmMaterialNote, 1);
      n->material = g_strdup (json_object_get_string_member (o, "material"));
      n->rule = g_strdup (json_object_get_string_member (o, "rule"));
      n->severity = g_strdup (sev);
      n->message = g_strdup (json_object_get_string_member (o, "message"));
      n->source = g_strdup (json_object_get_string_member_with_default (o, "source", ""));
      JsonArray *kinds = json_object_has_member (o, "kinds") ? json_object_get_array_member (o, "kinds") : NULL;
      /* A non-string element would end the list early and strand the rest: refuse it. */
      for (guint k = 0; kinds != NULL && k < json_array_get_length (kinds); k++)
        if (json_node_get_value_type (json_array_get_element (kinds, k)) != G_TYPE_STRING)
          {
            g_set_error (error, CAM_ERROR, CAM_ERROR_FORMAT,
                         "%s: material_notes[%u].kinds[%u]: must be a feature kind (a string)", name, i, k);
            note_free (n);
            return NULL;
          }
      GStrvBuilder *b = g_strv_builder_new ();
      for (guint k = 0; kinds != NULL && k < json_array_get_length (kinds); k++)
        g_strv_builder_add (b, json_array_get_string_element (kinds, k));
      n->kinds = g_strv_builder_end (b);
      g_strv_builder_unref (b);
      g_ptr_array_add (r->notes, n);
    }
  return g_steal_pointer (&r);
}

CamDfmRules *
cam_dfm_rules_new_default (GError **error)
{
  g_autofree char *user = g_build_filename (g_get_user_config_dir (), "microcam", "dfm", "rules.json", NULL);
  g_autofree char *contents = NULL;
  gsize len = 0;
  if (g_file_get_contents (user, &contents, &len, NULL))
    return cam_dfm_rules_new_from_data (contents, (gssize) len, user, error);
  return cam_dfm_rules_new_builtin (error);
}

CamDfmRules *
cam_dfm_rules_new_builtin (GError **error)
{
  g_autoptr (GBytes) bytes = g_resource_lookup_data (cam_dfm_get_resource (), "/io/github/microcam/dfm/rules.json",
                                                     G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (bytes == NULL)
    return NULL;
  gsize n = 0;
  const char *data = g_bytes_get_data (bytes, &n);
  return cam_dfm_rules_new_from_data (data, (gssize) n, "built-in dfm/rules.json", error);
}

static double
lookup (GHashTable *t, const char *id)
{
  double *v = id ? g_hash_table_lookup (t, id) : NULL;
  if (v == NULL)
    v = g_hash_table_lookup (t, "default");
  return v ? *v : 0.0;
}

double
cam_dfm_rules_min_wall (const CamDfmRules *rules, const char *material_id)
{
  return lookup (rules->min_wall_mm, material_id);
}

double
cam_dfm_rules_max_wall_ratio (const CamDfmRules *rules, const char *material_id)
{
  return lookup (rules->max_wall_height_ratio, material_id);
}
