/* cam-library.c — materials, tools and machines from the built-in GResource and the
 * user's config dir (see cam-library.h for the load order). JSON is parsed by json-glib. */
#include "cam-library.h"

#include <gio/gio.h>
#include <math.h>
#include <string.h>

#include "cam-data.h"
#include "cam-error.h"
#include "cam-json-field.h"

#define CAM_DATA_PREFIX "/io/github/microcam/cam/"

struct _CamLibrary {
  GPtrArray *items[3];      /* CamMaterial*, CamTool*, CamMachine* */
  GPtrArray *warnings;      /* char* */
  CamDrillMatch drill_match;/* from the tool documents' "drill_match" */
};

static const char *const kind_dirs[] = { "materials", "tools", "machines" };

CamLibrary *
cam_library_new (void)
{
  CamLibrary *lib = g_new0 (CamLibrary, 1);
  lib->items[CAM_LIBRARY_MATERIALS] = g_ptr_array_new_with_free_func ((GDestroyNotify) cam_material_free);
  lib->items[CAM_LIBRARY_TOOLS] = g_ptr_array_new_with_free_func ((GDestroyNotify) cam_tool_free);
  lib->items[CAM_LIBRARY_MACHINES] = g_ptr_array_new_with_free_func ((GDestroyNotify) cam_machine_free);
  lib->warnings = g_ptr_array_new_with_free_func (g_free);
  return lib;
}

void
cam_library_free (CamLibrary *lib)
{
  if (lib == NULL)
    return;
  for (guint k = 0; k < 3; k++)
    g_ptr_array_unref (lib->items[k]);
  g_ptr_array_unref (lib->warnings);
  g_free (lib);
}

static const char *
item_id (CamLibraryKind kind, gpointer item)
{
  switch (kind)
    {
    case CAM_LIBRARY_MATERIALS: return ((CamMaterial *) item)->id;
    case CAM_LIBRARY_TOOLS: return ((CamTool *) item)->id;
    case CAM_LIBRARY_MACHINES:
    default: return ((CamMachine *) item)->id;
    }
}

static gpointer
find (const CamLibrary *lib, CamLibraryKind kind, const char *id, guint *index)
{
  GPtrArray *arr = lib->items[kind];
  for (guint i = 0; id != NULL && i < arr->len; i++)
    if (g_strcmp0 (item_id (kind, g_ptr_array_index (arr, i)), id) == 0)
      {
        if (index)
          *index = i;
        return g_ptr_array_index (arr, i);
      }
  return NULL;
}

static void
add_item (CamLibrary *lib, CamLibraryKind kind, gpointer item)
{
  guint i;
  if (find (lib, kind, item_id (kind, item), &i) != NULL)
    {
      /* A later file replaces an entry with the same id (user overlay over built-in). */
      GDestroyNotify free_fn = kind == CAM_LIBRARY_MATERIALS ? (GDestroyNotify) cam_material_free
                               : kind == CAM_LIBRARY_TOOLS   ? (GDestroyNotify) cam_tool_free
                                                             : (GDestroyNotify) cam_machine_free;
      free_fn (lib->items[kind]->pdata[i]);
      lib->items[kind]->pdata[i] = item;
    }
  else
    g_ptr_array_add (lib->items[kind], item);
}

/* A tool document's "drill_match": {"over_mm", "under_mm"} replaces the library's (both or
 * neither: half a window would silently keep the other half of an older one). */
static void
load_drill_match (CamLibrary *lib, JsonObject *doc, const char *name)
{
  g_autoptr (GError) error = NULL;
  JsonObject *o = NULL;
  double over = 0, under = 0;
  if (!cam_json_field_object (doc, "drill_match", FALSE, &o, &error) || o == NULL)
    goto done;
  if (!cam_json_field_double (o, "over_mm", TRUE, 0, &over, &error)
      || !cam_json_field_double (o, "under_mm", TRUE, 0, &under, &error))
    goto done;
  if (over < 0 || under < 0)
    {
      g_set_error (&error, CAM_ERROR, CAM_ERROR_INVALID, "field '%s': needs a number ≥ 0 (mm)",
                   over < 0 ? "over_mm" : "under_mm");
      goto done;
    }
  lib->drill_match.over_mm = over;
  lib->drill_match.under_mm = under;
done:
  if (error != NULL)
    g_ptr_array_add (lib->warnings, g_strdup_printf ("%s: drill_match: %s, ignored", name, error->message));
}

gboolean
cam_library_load_data (CamLibrary *lib, CamLibraryKind kind, const char *data, gssize length,
                       const char *name, GError **error)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) local = NULL;
  if (!json_parser_load_from_data (parser, data, length, &local))
    {
      g_set_error (error, CAM_ERROR, CAM_ERROR_FORMAT, "%s: not valid JSON: %s", name, local->message);
      return FALSE;
    }
  JsonNode *root = json_parser_get_root (parser);
  const char *key = kind_dirs[kind];
  JsonObject *obj = root != NULL && JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  JsonNode *arr_node = obj != NULL ? json_object_get_member (obj, key) : NULL;
  if (arr_node == NULL || !JSON_NODE_HOLDS_ARRAY (arr_node))
    {
      g_set_error (error, CAM_ERROR, CAM_ERROR_FORMAT,
                   "%s: expected an object with a \"%s\" array", name, key);
      return FALSE;
    }
  if (kind == CAM_LIBRARY_TOOLS)
    load_drill_match (lib, obj, name);
  JsonArray *arr = json_node_get_array (arr_node);
  for (guint i = 0; i < json_array_get_length (arr); i++)
    {
      JsonNode *e = json_array_get_element (arr, i);
      if (!JSON_NODE_HOLDS_OBJECT (e))
        {
          g_ptr_array_add (lib->warnings, g_strdup_printf ("%s: %s[%u]: not an object, skipped", name, key, i));
          continue;
        }
      JsonObject *eo = json_node_get_object (e);
      JsonNode *id_node = json_object_get_member (eo, "id");
      const char *id = id_node != NULL && JSON_NODE_HOLDS_VALUE (id_node)
                           && json_node_get_value_type (id_node) == G_TYPE_STRING
                         ? json_node_get_string (id_node) : NULL;
      g_autoptr (GError) err = NULL;
      gpointer item = NULL;
      switch (kind)
        {
        case CAM_LIBRARY_MATERIALS: item = cam_material_new_from_json (eo, &err); break;
        case CAM_LIBRARY_TOOLS: item = cam_tool_new_from_json (eo, &err); break;
        case CAM_LIBRARY_MACHINES:
        default: item = cam_machine_new_from_json (eo, &err); break;
        }
      if (item == NULL)
        {
          g_ptr_array_add (lib->warnings, g_strdup_printf ("%s: %s[%u] (%s): %s, entry skipped", name, key, i,
                                                           id ? id : "no id", err ? err->message : "invalid"));
          continue;
        }
      add_item (lib, kind, item);
    }
  return TRUE;
}

gboolean
cam_library_load_file (CamLibrary *lib, CamLibraryKind kind, const char *path, GError **error)
{
  g_autofree char *data = NULL;
  gsize len = 0;
  g_autoptr (GError) local = NULL;
  if (!g_file_get_contents (path, &data, &len, &local))
    {
      g_set_error (error, CAM_ERROR, CAM_ERROR_IO, "%s: %s", path, local->message);
      return FALSE;
    }
  return cam_library_load_data (lib, kind, data, (gssize) len, path, error);
}

static int
compare_names (gconstpointer a, gconstpointer b)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}

void
cam_library_load_dir (CamLibrary *lib, CamLibraryKind kind, const char *dir)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  if (d == NULL)
    return;
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *n;
  while ((n = g_dir_read_name (d)) != NULL)
    if (g_str_has_suffix (n, ".json"))
      g_ptr_array_add (names, g_strdup (n));
  g_ptr_array_sort (names, compare_names);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (dir, g_ptr_array_index (names, i), NULL);
      g_autoptr (GError) error = NULL;
      if (!cam_library_load_file (lib, kind, path, &error))
        g_ptr_array_add (lib->warnings, g_strdup (error->message));
    }
}

static void
load_builtin (CamLibrary *lib, CamLibraryKind kind)
{
  GResource *res = cam_data_get_resource ();
  g_autofree char *dir = g_strconcat (CAM_DATA_PREFIX, kind_dirs[kind], "/", NULL);
  g_auto (GStrv) children = g_resource_enumerate_children (res, dir, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  if (children == NULL)
    return;
  g_autoptr (GPtrArray) names = g_ptr_array_new ();
  for (guint i = 0; children[i] != NULL; i++)
    if (g_str_has_suffix (children[i], ".json"))
      g_ptr_array_add (names, children[i]);
  g_ptr_array_sort (names, compare_names);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_strconcat (dir, g_ptr_array_index (names, i), NULL);
      g_autoptr (GBytes) bytes = g_resource_lookup_data (res, path, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
      g_autofree char *name = g_strconcat ("resources/", kind_dirs[kind], "/", g_ptr_array_index (names, i), NULL);
      g_autoptr (GError) error = NULL;
      gsize len = 0;
      const char *data = bytes ? g_bytes_get_data (bytes, &len) : NULL;
      if (data == NULL || !cam_library_load_data (lib, kind, data, (gssize) len, name, &error))
        g_ptr_array_add (lib->warnings, g_strdup (error ? error->message : name));
    }
}

CamLibrary *
cam_library_new_with_config_dir (const char *config_dir)
{
  CamLibrary *lib = cam_library_new ();
  for (guint k = 0; k < 3; k++)
    {
      load_builtin (lib, (CamLibraryKind) k);
      if (config_dir != NULL)
        {
          g_autofree char *dir = g_build_filename (config_dir, "microcam", kind_dirs[k], NULL);
          cam_library_load_dir (lib, (CamLibraryKind) k, dir);
        }
    }
  return lib;
}

CamLibrary *
cam_library_new_default (void)
{
  return cam_library_new_with_config_dir (g_get_user_config_dir ());
}

const CamMaterial *
cam_library_find_material (const CamLibrary *lib, const char *id)
{
  return find (lib, CAM_LIBRARY_MATERIALS, id, NULL);
}

const CamTool *
cam_library_find_tool (const CamLibrary *lib, const char *id)
{
  return find (lib, CAM_LIBRARY_TOOLS, id, NULL);
}

const CamMachine *
cam_library_find_machine (const CamLibrary *lib, const char *id)
{
  return find (lib, CAM_LIBRARY_MACHINES, id, NULL);
}

guint cam_library_n_materials (const CamLibrary *lib) { return lib->items[CAM_LIBRARY_MATERIALS]->len; }
guint cam_library_n_tools (const CamLibrary *lib) { return lib->items[CAM_LIBRARY_TOOLS]->len; }
guint cam_library_n_machines (const CamLibrary *lib) { return lib->items[CAM_LIBRARY_MACHINES]->len; }

const CamMaterial *
cam_library_get_material (const CamLibrary *lib, guint i)
{
  g_return_val_if_fail (i < lib->items[CAM_LIBRARY_MATERIALS]->len, NULL);
  return g_ptr_array_index (lib->items[CAM_LIBRARY_MATERIALS], i);
}

const CamTool *
cam_library_get_tool (const CamLibrary *lib, guint i)
{
  g_return_val_if_fail (i < lib->items[CAM_LIBRARY_TOOLS]->len, NULL);
  return g_ptr_array_index (lib->items[CAM_LIBRARY_TOOLS], i);
}

const CamMachine *
cam_library_get_machine (const CamLibrary *lib, guint i)
{
  g_return_val_if_fail (i < lib->items[CAM_LIBRARY_MACHINES]->len, NULL);
  return g_ptr_array_index (lib->items[CAM_LIBRARY_MACHINES], i);
}

const GPtrArray *
cam_library_get_warnings (const CamLibrary *lib)
{
  return lib->warnings;
}

double
cam_library_smallest_drill_mm (const CamLibrary *lib)
{
  double best = 0;
  for (guint i = 0; i < lib->items[CAM_LIBRARY_TOOLS]->len; i++)
    {
      const CamTool *t = g_ptr_array_index (lib->items[CAM_LIBRARY_TOOLS], i);
      if (t->kind == CAM_TOOL_DRILL && (best == 0 || t->d_mm < best))
        best = t->d_mm;
    }
  return best;
}

const CamDrillMatch *
cam_library_drill_match (const CamLibrary *lib)
{
  return &lib->drill_match;
}

/* Diameters are read from JSON and measured from float meshes: 1 nm of rounding is no size. */
#define SAME_SIZE_MM 1e-6

gboolean
cam_library_drill_fits (const CamLibrary *lib, const CamTool *drill, double diameter_mm)
{
  if (drill == NULL || drill->kind != CAM_TOOL_DRILL || !isfinite (diameter_mm))
    return FALSE;
  double dd = drill->d_mm - diameter_mm;
  return dd <= lib->drill_match.over_mm + SAME_SIZE_MM && -dd <= lib->drill_match.under_mm + SAME_SIZE_MM;
}

const CamTool *
cam_library_find_drill (const CamLibrary *lib, double diameter_mm, double depth_mm, gboolean through,
                        CamDrillFluteFunc flute_needed, const CamTool **sized)
{
  const CamTool *best = NULL, *longest = NULL;
  for (guint i = 0; i < lib->items[CAM_LIBRARY_TOOLS]->len; i++)
    {
      const CamTool *t = g_ptr_array_index (lib->items[CAM_LIBRARY_TOOLS], i);
      if (!cam_library_drill_fits (lib, t, diameter_mm))
        continue;
      if (longest == NULL || t->loc_mm > longest->loc_mm)
        longest = t;
      double need = flute_needed != NULL ? flute_needed (t, depth_mm, through) : depth_mm;
      if (t->loc_mm < need - 1e-9)
        continue;
      double off = fabs (t->d_mm - diameter_mm);
      if (best == NULL)
        best = t;
      else
        {
          double best_off = fabs (best->d_mm - diameter_mm);
          if (off < best_off - SAME_SIZE_MM || (fabs (off - best_off) <= SAME_SIZE_MM && t->loc_mm < best->loc_mm))
            best = t;
        }
    }
  if (sized != NULL)
    *sized = longest;
  return best;
}

const CamTool *
cam_library_find_helix_mill (const CamLibrary *lib, double diameter_mm, double depth_mm)
{
  const CamTool *best = NULL;
  for (guint i = 0; i < lib->items[CAM_LIBRARY_TOOLS]->len; i++)
    {
      const CamTool *t = g_ptr_array_index (lib->items[CAM_LIBRARY_TOOLS], i);
      if (t->kind != CAM_TOOL_FLAT || t->d_mm > CAM_HELIX_MAX_TOOL_RATIO * diameter_mm || t->reach_mm < depth_mm)
        continue;
      if (best == NULL || t->d_mm > best->d_mm || (t->d_mm == best->d_mm && t->reach_mm < best->reach_mm))
        best = t;
    }
  return best;
}
