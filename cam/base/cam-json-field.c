/* cam-json-field.c — see cam-json-field.h. */
#include "cam-json-field.h"

#include <math.h>

#include "cam-error.h"

static JsonNode *
member (JsonObject *obj, const char *field, gboolean required, GError **error)
{
  JsonNode *node = json_object_has_member (obj, field) ? json_object_get_member (obj, field) : NULL;
  if (node != NULL && JSON_NODE_HOLDS_NULL (node))
    node = NULL;
  if (node == NULL && required)
    g_set_error (error, CAM_ERROR, CAM_ERROR_INVALID, "field '%s': missing", field);
  return node;
}

static gboolean
node_number (JsonNode *node, const char *field, double *out, GError **error)
{
  if (JSON_NODE_HOLDS_VALUE (node))
    {
      GType t = json_node_get_value_type (node);
      if (t == G_TYPE_DOUBLE || t == G_TYPE_INT64)
        {
          double v = json_node_get_double (node);
          if (isfinite (v))
            {
              *out = v;
              return TRUE;
            }
        }
    }
  g_set_error (error, CAM_ERROR, CAM_ERROR_INVALID, "field '%s': expected a number", field);
  return FALSE;
}

gboolean
cam_json_field_double (JsonObject *obj, const char *field, gboolean required, double fallback,
                       double *out, GError **error)
{
  g_autoptr (GError) local = NULL;
  JsonNode *node = member (obj, field, required, &local);
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  if (node == NULL)
    {
      *out = fallback;
      return TRUE;
    }
  return node_number (node, field, out, error);
}

gboolean
cam_json_field_int (JsonObject *obj, const char *field, gboolean required, int fallback,
                    int *out, GError **error)
{
  double v = fallback;
  if (!cam_json_field_double (obj, field, required, fallback, &v, error))
    return FALSE;
  if (v != floor (v) || fabs (v) > G_MAXINT)
    {
      g_set_error (error, CAM_ERROR, CAM_ERROR_INVALID, "field '%s': expected a whole number", field);
      return FALSE;
    }
  *out = (int) v;
  return TRUE;
}

gboolean
cam_json_field_boolean (JsonObject *obj, const char *field, gboolean required, gboolean fallback,
                        gboolean *out, GError **error)
{
  g_autoptr (GError) local = NULL;
  JsonNode *node = member (obj, field, required, &local);
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  if (node == NULL)
    {
      *out = fallback;
      return TRUE;
    }
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    {
      g_set_error (error, CAM_ERROR, CAM_ERROR_INVALID, "field '%s': expected true or false", field);
      return FALSE;
    }
  *out = json_node_get_boolean (node);
  return TRUE;
}

gboolean
cam_json_field_string (JsonObject *obj, const char *field, gboolean required, const char *fallback,
                       char **out, GError **error)
{
  g_autoptr (GError) local = NULL;
  JsonNode *node = member (obj, field, required, &local);
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  if (node == NULL)
    {
      *out = g_strdup (fallback);
      return TRUE;
    }
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      g_set_error (error, CAM_ERROR, CAM_ERROR_INVALID, "field '%s': expected a string", field);
      return FALSE;
    }
  *out = g_strdup (json_node_get_string (node));
  return TRUE;
}

gboolean
cam_json_field_range (JsonObject *obj, const char *field, gboolean required,
                      double *min, double *max, GError **error)
{
  g_autoptr (GError) local = NULL;
  JsonNode *node = member (obj, field, required, &local);
  *min = *max = 0.0;
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  if (node == NULL)
    return TRUE;
  JsonArray *arr = JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
  if (arr == NULL || json_array_get_length (arr) != 2)
    {
      g_set_error (error, CAM_ERROR, CAM_ERROR_INVALID, "field '%s': expected [min, max]", field);
      return FALSE;
    }
  double a, b;
  if (!node_number (json_array_get_element (arr, 0), field, &a, error)
      || !node_number (json_array_get_element (arr, 1), field, &b, error))
    return FALSE;
  if (a < 0 || b < a)
    {
      g_set_error (error, CAM_ERROR, CAM_ERROR_INVALID,
                   "field '%s': range [%g, %g] must have 0 ≤ min ≤ max", field, a, b);
      return FALSE;
    }
  *min = a;
  *max = b;
  return TRUE;
}

gboolean
cam_json_field_object (JsonObject *obj, const char *field, gboolean required,
                       JsonObject **out, GError **error)
{
  g_autoptr (GError) local = NULL;
  JsonNode *node = member (obj, field, required, &local);
  *out = NULL;
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, CAM_ERROR, CAM_ERROR_INVALID, "field '%s': expected an object", field);
      return FALSE;
    }
  *out = json_node_get_object (node);
  return TRUE;
}
