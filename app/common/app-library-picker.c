/* app-library-picker.c — see app-library-picker.h. */
#include "app-library-picker.h"

static gpointer
load_library (gpointer data)
{
  (void) data;
  CamLibrary *lib = cam_library_new_default ();
  const GPtrArray *w = cam_library_get_warnings (lib);
  for (guint i = 0; i < w->len; i++)
    g_warning ("%s", (const char *) g_ptr_array_index (w, i));
  return lib;
}

const CamLibrary *
app_library_picker_default_library (void)
{
  /* One library per process, read on first use (the UI's equivalent of the CLI's per-run load). */
  static GOnce once = G_ONCE_INIT;
  return g_once (&once, load_library, NULL);
}

static guint
n_items (const CamLibrary *lib, CamLibraryKind kind)
{
  switch (kind)
    {
    case CAM_LIBRARY_MATERIALS: return cam_library_n_materials (lib);
    case CAM_LIBRARY_TOOLS: return cam_library_n_tools (lib);
    case CAM_LIBRARY_MACHINES:
    default: return cam_library_n_machines (lib);
    }
}

static const char *
item_id (const CamLibrary *lib, CamLibraryKind kind, guint i)
{
  switch (kind)
    {
    case CAM_LIBRARY_MATERIALS: return cam_library_get_material (lib, i)->id;
    case CAM_LIBRARY_TOOLS: return cam_library_get_tool (lib, i)->id;
    case CAM_LIBRARY_MACHINES:
    default: return cam_library_get_machine (lib, i)->id;
    }
}

static const char *
item_name (const CamLibrary *lib, CamLibraryKind kind, guint i)
{
  switch (kind)
    {
    case CAM_LIBRARY_MATERIALS: return cam_library_get_material (lib, i)->name;
    case CAM_LIBRARY_TOOLS: return cam_library_get_tool (lib, i)->name;
    case CAM_LIBRARY_MACHINES:
    default: return cam_library_get_machine (lib, i)->name;
    }
}

/* The closed drop-down shows its choice ellipsized, so long names ("em-flat-0.2 — 2-flute
 * flat end mill Ø0.2 …") do not set the side panel's width; the open list shows them whole. */
static void
setup_label (GtkSignalListItemFactory *f, GtkListItem *item, gpointer ellipsize)
{
  (void) f;
  GtkWidget *label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (GPOINTER_TO_INT (ellipsize))
    {
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_width_chars (GTK_LABEL (label), 14);
    }
  gtk_list_item_set_child (item, label);
}

static void
bind_label (GtkSignalListItemFactory *f, GtkListItem *item, gpointer ellipsize)
{
  (void) f;
  GtkWidget *label = gtk_list_item_get_child (item);
  const char *text = gtk_string_object_get_string (gtk_list_item_get_item (item));
  gtk_label_set_text (GTK_LABEL (label), text);
  if (GPOINTER_TO_INT (ellipsize))
    gtk_widget_set_tooltip_text (label, text);
}

static GtkListItemFactory *
label_factory (gboolean ellipsize)
{
  GtkListItemFactory *f = gtk_signal_list_item_factory_new ();
  g_signal_connect (f, "setup", G_CALLBACK (setup_label), GINT_TO_POINTER (ellipsize));
  g_signal_connect (f, "bind", G_CALLBACK (bind_label), GINT_TO_POINTER (ellipsize));
  return f;
}

GtkDropDown *
app_library_picker_new (const CamLibrary *lib, CamLibraryKind kind)
{
  GtkStringList *list = gtk_string_list_new (NULL);
  for (guint i = 0; i < n_items (lib, kind); i++)
    {
      g_autofree char *label = g_strdup_printf ("%s — %s", item_id (lib, kind, i), item_name (lib, kind, i));
      gtk_string_list_append (list, label);
    }
  /* typing in the open list finds an entry by id or name (34 tools) */
  GtkExpression *text = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
  GtkDropDown *dd = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (list), text));
  g_autoptr (GtkListItemFactory) button = label_factory (TRUE);
  g_autoptr (GtkListItemFactory) popup = label_factory (FALSE);
  gtk_drop_down_set_factory (dd, button);
  gtk_drop_down_set_list_factory (dd, popup);
  gtk_drop_down_set_enable_search (dd, TRUE);
  g_object_set_data (G_OBJECT (dd), "app-library-kind", GINT_TO_POINTER (kind + 1));
  gtk_widget_set_hexpand (GTK_WIDGET (dd), TRUE);
  return dd;
}

gboolean
app_library_picker_select_id (GtkDropDown *picker, const CamLibrary *lib, const char *id)
{
  CamLibraryKind kind = (CamLibraryKind) (GPOINTER_TO_INT (g_object_get_data (G_OBJECT (picker), "app-library-kind")) - 1);
  for (guint i = 0; i < n_items (lib, kind); i++)
    if (g_strcmp0 (item_id (lib, kind, i), id) == 0)
      {
        gtk_drop_down_set_selected (picker, i);
        return TRUE;
      }
  return FALSE;
}

static guint
selected (GtkDropDown *picker, const CamLibrary *lib, CamLibraryKind kind)
{
  guint i = gtk_drop_down_get_selected (picker);
  return i < n_items (lib, kind) ? i : G_MAXUINT;
}

const CamMaterial *
app_library_picker_get_material (GtkDropDown *picker, const CamLibrary *lib)
{
  guint i = selected (picker, lib, CAM_LIBRARY_MATERIALS);
  return i == G_MAXUINT ? NULL : cam_library_get_material (lib, i);
}

const CamTool *
app_library_picker_get_tool (GtkDropDown *picker, const CamLibrary *lib)
{
  guint i = selected (picker, lib, CAM_LIBRARY_TOOLS);
  return i == G_MAXUINT ? NULL : cam_library_get_tool (lib, i);
}

const CamMachine *
app_library_picker_get_machine (GtkDropDown *picker, const CamLibrary *lib)
{
  guint i = selected (picker, lib, CAM_LIBRARY_MACHINES);
  return i == G_MAXUINT ? NULL : cam_library_get_machine (lib, i);
}

const char *
app_library_picker_id_at (const CamLibrary *lib, CamLibraryKind kind, guint i)
{
  return i < n_items (lib, kind) ? item_id (lib, kind, i) : NULL;
}

guint
app_library_picker_index_of (const CamLibrary *lib, CamLibraryKind kind, const char *id)
{
  for (guint i = 0; id != NULL && i < n_items (lib, kind); i++)
    if (g_str_equal (item_id (lib, kind, i), id))
      return i;
  return G_MAXUINT;
}
