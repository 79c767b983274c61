/* cam-material.c — material entries of resources/materials/ (*.json) and their tables.
 *
 * Format (documented in resources/materials/README.md): one object per material with groups
 * "hardness", "cutting_speed", "chip_load", "drill_feed", "kienzle", "min_chip_thickness",
 * "limits", "coolant"; each group carries a "source" string naming where its numbers come from.
 *
 * Table look-up: piecewise linear in D between the tabulated diameters. Below the smallest
 * diameter the value scales in proportion to D — the chip-load ∝ D rule makers' charts use for
 * miniature tools (e.g. Harvey Tool speeds & feeds charts list chip load as a fraction of D);
 * above the largest the last value holds. */
#include "cam-material.h"

#include <math.h>

#include "cam-error.h"
#include "cam-json-field.h"

void
cam_material_free (CamMaterial *m)
{
  if (m == NULL)
    return;
  g_free (m->id);
  g_free (m->name);
  g_free (m->iso_group);
  g_free (m->hardness_label);
  g_free (m->coolant);
  g_clear_pointer (&m->sources, g_ptr_array_unref);
  g_free (m);
}

CamMaterial *
cam_material_copy (const CamMaterial *mat)
{
  CamMaterial *m = g_memdup2 (mat, sizeof *mat);
  m->id = g_strdup (mat->id);
  m->name = g_strdup (mat->name);
  m->iso_group = g_strdup (mat->iso_group);
  m->hardness_label = g_strdup (mat->hardness_label);
  m->coolant = g_strdup (mat->coolant);
  m->sources = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; mat->sources != NULL && i < mat->sources->len; i++)
    g_ptr_array_add (m->sources, g_strdup (g_ptr_array_index (mat->sources, i)));
  return m;
}

double
cam_diameter_table_lookup (const CamDiameterTable *t, double d)
{
  if (t->n == 0 || !(d > 0))
    return 0.0;
  if (d <= t->d_mm[0])
    return t->value_mm[0] * d / t->d_mm[0];
  for (guint i = 1; i < t->n; i++)
    if (d <= t->d_mm[i])
      {
        double u = (d - t->d_mm[i - 1]) / (t->d_mm[i] - t->d_mm[i - 1]);
        return t->value_mm[i - 1] + u * (t->value_mm[i] - t->value_mm[i - 1]);
      }
  return t->value_mm[t->n - 1];
}

double
cam_material_chip_load (const CamMaterial *mat, double d_mm)
{
  return cam_diameter_table_lookup (&mat->chip_load, d_mm);
}

double
cam_material_drill_feed (const CamMaterial *mat, double d_mm)
{
  return cam_diameter_table_lookup (&mat->drill_feed, d_mm);
}

static gboolean
prefix_error (GError **error, const char *group)
{
  if (error != NULL && *error != NULL)
    g_prefix_error (error, "%s.", group);
  return FALSE;
}

/* Reads group.source into the material's source list (optional for user data). */
static gboolean
read_source (CamMaterial *m, JsonObject *group, const char *group_name, GError **error)
{
  g_autofree char *source = NULL;
  if (!cam_json_field_string (group, "source", FALSE, NULL, &source, error))
    return prefix_error (error, group_name);
  if (source != NULL)
    g_ptr_array_add (m->sources, g_strdup_printf ("%s: %s", group_name, source));
  return TRUE;
}

static gboolean
read_table (JsonObject *group, const char *group_name, CamDiameterTable *t, GError **error)
{
  JsonNode *node = json_object_get_member (group, "points");
  JsonArray *arr = node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
  if (arr == NULL || json_array_get_length (arr) == 0 || json_array_get_length (arr) > CAM_MATERIAL_MAX_POINTS)
    {
      g_set_error (error, CAM_ERROR, CAM_ERROR_INVALID,
                   "%s.points: expected 1 to %d [diameter_mm, value_mm] pairs", group_name, CAM_MATERIAL_MAX_POINTS);
      return FALSE;
    }
  t->n = json_array_get_length (arr);
  for (guint i = 0; i < t->n; i++)
    {
      JsonNode *p = json_array_get_element (arr, i);
      JsonArray *pair = JSON_NODE_HOLDS_ARRAY (p) ? json_node_get_array (p) : NULL;
      JsonNode *a = pair && json_array_get_length (pair) == 2 ? json_array_get_element (pair, 0) : NULL;
      JsonNode *b = pair && json_array_get_length (pair) == 2 ? json_array_get_element (pair, 1) : NULL;
      if (a == NULL || b == NULL || !JSON_NODE_HOLDS_VALUE (a) || !JSON_NODE_HOLDS_VALUE (b)
          || (json_node_get_value_type (a) != G_TYPE_DOUBLE && json_node_get_value_type (a) != G_TYPE_INT64)
          || (json_node_get_value_type (b) != G_TYPE_DOUBLE && json_node_get_value_type (b) != G_TYPE_INT64))
        {
          g_set_error (error, CAM_ERROR, CAM_ERROR_INVALID,
                       "%s.points[%u]: expected [diameter_mm, value_mm]", group_name, i);
          return FALSE;
        }
      t->d_mm[i] = json_node_get_double (a);
      t->value_mm[i] = json_node_get_double (b);
      if (!(t->d_mm[i] > 0) || !(t->value_mm[i] > 0) || !isfinite (t->d_mm[i]) || !isfinite (t->value_mm[i])
          || (i > 0 && t->d_mm[i] <= t->d_mm[i - 1]))
        {
          g_set_error (error, CAM_ERROR, CAM_ERROR_INVALID,
                       "%s.points[%u]: values must be > 0 and diameters increasing", group_name, i);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
positive (double v, const char *field, GError **error)
{
  if (v > 0)
    return TRUE;
  g_set_error (error, CAM_ERROR, CAM_ERROR_INVALID, "%s: must be > 0 (got %g)", field, v);
  return FALSE;
}

CamMaterial *
cam_material_new_from_json (JsonObject *obj, GError **error)
{
  g_autoptr (CamMaterial) m = g_new0 (CamMaterial, 1);
  m->sources = g_ptr_array_new_with_free_func (g_free);
  JsonObject *g = NULL;

  if (!cam_json_field_string (obj, "id", TRUE, NULL, &m->id, error)
      || !cam_json_field_string (obj, "name", FALSE, m->id, &m->name, error)
      || !cam_json_field_string (obj, "iso_group", FALSE, "", &m->iso_group, error)
      || !cam_json_field_boolean (obj, "conductive", FALSE, TRUE, &m->conductive, error))
    return NULL;

  /* hardness */
  if (!cam_json_field_object (obj, "hardness", TRUE, &g, error))
    return NULL;
  if (!cam_json_field_double (g, "hb", FALSE, 0, &m->hardness_hb, error)
      || !cam_json_field_string (g, "label", FALSE, "", &m->hardness_label, error)
      || !read_source (m, g, "hardness", error))
    return (prefix_error (error, "hardness"), NULL);
  if (m->hardness_hb < 0 || m->hardness_hb > 1000)
    {
      g_set_error (error, CAM_ERROR, CAM_ERROR_INVALID, "hardness.hb: %g is not a Brinell hardness", m->hardness_hb);
      return NULL;
    }

  /* cutting speeds */
  if (!cam_json_field_object (obj, "cutting_speed", TRUE, &g, error))
    return NULL;
  if (!cam_json_field_range (g, "carbide_m_min", TRUE, &m->vc_carbide_min, &m->vc_carbide_max, error)
      || !cam_json_field_range (g, "hss_m_min", FALSE, &m->vc_hss_min, &m->vc_hss_max, error)
      || !cam_json_field_range (g, "drill_carbide_m_min", FALSE, &m->vc_drill_min, &m->vc_drill_max, error))
    return (prefix_error (error, "cutting_speed"), NULL);
  if (!read_source (m, g, "cutting_speed", error))
    return NULL;
  if (!positive (m->vc_carbide_min, "cutting_speed.carbide_m_min", error))
    return NULL;
  if (m->vc_drill_max == 0)
    {
      /* Without drill data, drill at the lower milling speed (drilling runs slower than milling:
       * Sandvik Coromant Technical Guide, drilling section). */
      m->vc_drill_min = 0.5 * m->vc_carbide_min;
      m->vc_drill_max = m->vc_carbide_min;
    }

  /* chip load and drill feed tables */
  if (!cam_json_field_object (obj, "chip_load", TRUE, &g, error))
    return NULL;
  if (!read_table (g, "chip_load", &m->chip_load, error) || !read_source (m, g, "chip_load", error))
    return NULL;
  if (!cam_json_field_object (obj, "drill_feed", TRUE, &g, error))
    return NULL;
  if (!read_table (g, "drill_feed", &m->drill_feed, error) || !read_source (m, g, "drill_feed", error))
    return NULL;

  /* Kienzle */
  if (!cam_json_field_object (obj, "kienzle", TRUE, &g, error))
    return NULL;
  if (!cam_json_field_double (g, "kc11_n_mm2", TRUE, 0, &m->kc11_n_mm2, error)
      || !cam_json_field_double (g, "mc", TRUE, 0, &m->mc, error)
      || !cam_json_field_double (g, "kr_ratio", FALSE, 0.4, &m->kr_ratio, error))
    return (prefix_error (error, "kienzle"), NULL);
  if (!read_source (m, g, "kienzle", error)
      || !positive (m->kc11_n_mm2, "kienzle.kc11_n_mm2", error))
    return NULL;
  if (!(m->mc >= 0 && m->mc < 0.6))
    {
      g_set_error (error, CAM_ERROR, CAM_ERROR_INVALID, "kienzle.mc: must be between 0 and 0.6 (got %g)", m->mc);
      return NULL;
    }
  if (!(m->kr_ratio >= 0 && m->kr_ratio <= 3))
    {
      g_set_error (error, CAM_ERROR, CAM_ERROR_INVALID, "kienzle.kr_ratio: must be between 0 and 3 (got %g)", m->kr_ratio);
      return NULL;
    }

  /* minimum chip thickness */
  if (!cam_json_field_object (obj, "min_chip_thickness", TRUE, &g, error))
    return NULL;
  if (!cam_json_field_double (g, "ratio_to_edge_radius", TRUE, 0, &m->hmin_ratio, error))
    return (prefix_error (error, "min_chip_thickness"), NULL);
  if (!read_source (m, g, "min_chip_thickness", error)
      || !positive (m->hmin_ratio, "min_chip_thickness.ratio_to_edge_radius", error))
    return NULL;

  /* limits for micro tools */
  if (!cam_json_field_object (obj, "limits", TRUE, &g, error))
    return NULL;
  if (!cam_json_field_double (g, "ap_slot_d", TRUE, 0, &m->ap_slot_d, error)
      || !cam_json_field_double (g, "ap_side_d", TRUE, 0, &m->ap_side_d, error)
      || !cam_json_field_double (g, "ae_side_d", TRUE, 0, &m->ae_side_d, error)
      || !cam_json_field_double (g, "ae_finish_d", FALSE, 0.05, &m->ae_finish_d, error)
      || !cam_json_field_double (g, "drill_max_ld", TRUE, 0, &m->drill_max_ld, error)
      || !cam_json_field_double (g, "peck_first_d", FALSE, 0.5, &m->peck_first_d, error)
      || !cam_json_field_boolean (g, "long_chips", FALSE, FALSE, &m->long_chips, error))
    return (prefix_error (error, "limits"), NULL);
  if (!read_source (m, g, "limits", error)
      || !positive (m->ap_slot_d, "limits.ap_slot_d", error)
      || !positive (m->ap_side_d, "limits.ap_side_d", error)
      || !positive (m->ae_side_d, "limits.ae_side_d", error)
      || !positive (m->ae_finish_d, "limits.ae_finish_d", error)
      || !positive (m->drill_max_ld, "limits.drill_max_ld", error)
      || !positive (m->peck_first_d, "limits.peck_first_d", error))
    return NULL;
  if (m->ae_side_d > 1.0 || m->ae_finish_d > 1.0)
    {
      g_set_error (error, CAM_ERROR, CAM_ERROR_INVALID, "limits.ae_side_d: radial width is at most 1 × D");
      return NULL;
    }

  /* elastic: Young's modulus, for the deflection of thin walls under the cutter (optional) */
  if (!cam_json_field_object (obj, "elastic", FALSE, &g, error))
    return NULL;
  if (g != NULL)
    {
      if (!cam_json_field_double (g, "young_gpa", TRUE, 0, &m->young_gpa, error))
        return (prefix_error (error, "elastic"), NULL);
      if (!read_source (m, g, "elastic", error)
          || !positive (m->young_gpa, "elastic.young_gpa", error))
        return NULL;
    }

  /* finish: what a twist drill leaves in this material at best (optional) */
  if (!cam_json_field_object (obj, "finish", FALSE, &g, error))
    return NULL;
  if (g != NULL)
    {
      if (!cam_json_field_double (g, "drilled_ra_um", TRUE, 0, &m->drilled_ra_um, error))
        return (prefix_error (error, "finish"), NULL);
      if (!read_source (m, g, "finish", error)
          || !positive (m->drilled_ra_um, "finish.drilled_ra_um", error))
        return NULL;
    }

  /* coolant */
  if (!cam_json_field_object (obj, "coolant", FALSE, &g, error))
    return NULL;
  if (g != NULL)
    {
      if (!cam_json_field_string (g, "advice", FALSE, "", &m->coolant, error))
        return (prefix_error (error, "coolant"), NULL);
      if (!read_source (m, g, "coolant", error))
        return NULL;
    }
  else
    m->coolant = g_strdup ("");
  return g_steal_pointer (&m);
}
