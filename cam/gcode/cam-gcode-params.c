/* cam-gcode-params.c — numbered and named parameters with LinuxCNC's scoping (see the header). */
#include "cam-gcode-params.h"

#include <string.h>

static GHashTable *
scope_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

CamGcodeParams *
cam_gcode_params_new (void)
{
  CamGcodeParams *p = g_new0 (CamGcodeParams, 1);
  p->globals = scope_new ();
  p->scopes = g_ptr_array_new_with_free_func ((GDestroyNotify) g_hash_table_unref);
  g_ptr_array_add (p->scopes, scope_new ());
  p->saved = g_array_new (FALSE, FALSE, sizeof (double) * CAM_GCODE_N_SUB_ARGS);
  return p;
}

void
cam_gcode_params_free (CamGcodeParams *p)
{
  if (p == NULL)
    return;
  g_hash_table_unref (p->globals);
  g_ptr_array_unref (p->scopes);
  g_array_unref (p->saved);
  g_free (p);
}

static GHashTable *
scope_for (const CamGcodeParams *p, const char *name)
{
  return name[0] == '_' ? p->globals : g_ptr_array_index (p->scopes, p->scopes->len - 1);
}

gboolean
cam_gcode_params_get_named (const CamGcodeParams *p, const char *name, double *value)
{
  /* predefined names are read-only and win over a global of the same name */
  if (name[0] == '_' && p->lookup != NULL && p->lookup (p->lookup_data, name, value))
    return TRUE;
  const double *v = g_hash_table_lookup (scope_for (p, name), name);
  if (v == NULL)
    return FALSE;
  *value = *v;
  return TRUE;
}

gboolean
cam_gcode_params_exists (const CamGcodeParams *p, const char *name)
{
  double v;
  return cam_gcode_params_get_named (p, name, &v);
}

void
cam_gcode_params_set_named (CamGcodeParams *p, const char *name, double value)
{
  GHashTable *scope = scope_for (p, name);
  double *v = g_hash_table_lookup (scope, name);
  if (v == NULL)
    {
      v = g_new (double, 1);
      g_hash_table_insert (scope, g_strdup (name), v);
    }
  *v = value;
}

void
cam_gcode_params_push_call (CamGcodeParams *p, const double *args, guint n_args)
{
  g_array_append_vals (p->saved, &p->num[1], 1);
  n_args = MIN (n_args, CAM_GCODE_N_SUB_ARGS);
  for (guint i = 0; i < CAM_GCODE_N_SUB_ARGS; i++)
    p->num[1 + i] = i < n_args ? args[i] : 0.0;
  g_ptr_array_add (p->scopes, scope_new ());
}

gboolean
cam_gcode_params_pop_call (CamGcodeParams *p)
{
  if (p->saved->len == 0)
    return FALSE;
  const double *saved = (const double *) (void *) (p->saved->data + (p->saved->len - 1) * g_array_get_element_size (p->saved));
  memcpy (&p->num[1], saved, sizeof (double) * CAM_GCODE_N_SUB_ARGS);
  g_array_set_size (p->saved, p->saved->len - 1);
  g_ptr_array_set_size (p->scopes, p->scopes->len - 1);
  return TRUE;
}

guint
cam_gcode_params_call_level (const CamGcodeParams *p)
{
  return p->saved->len;
}
