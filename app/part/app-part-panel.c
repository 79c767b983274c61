/* app-part-panel.c — the part's facts in a two-column grid. */
#include "app-part-panel.h"

struct _AppPartPanel
{
  GtkBox parent_instance;

  GtkLabel *title_label;
  GtkLabel *status_label;
  GtkGrid *facts_grid;
  GtkLabel *note_label;
  GHashTable *values;        /* key → GtkLabel (owned by the grid) */
};

G_DEFINE_FINAL_TYPE (AppPartPanel, app_part_panel, GTK_TYPE_BOX)

/* Row order and titles; keys follow `microcam-cli info --json` where it has one. */
static const struct { const char *key; const char *title; } rows[] = {
  { "triangles", "Triangles" },
  { "vertices", "Vertices" },
  { "size_mm", "Size X × Y × Z" },
  { "bounds_min", "Bounds min" },
  { "bounds_max", "Bounds max" },
  { "volume_mm3", "Volume" },
  { "area_mm2", "Surface area" },
  { "watertight", "Watertight" },
  { "boundary_edges", "Boundary edges" },
  { "nonmanifold_edges", "Non-manifold edges" },
  { "misoriented_edges", "Misoriented edges" },
  { "degenerate_dropped", "Degenerate facets dropped" },
  { "min_edge_mm", "Smallest edge" },
  { "max_edge_mm", "Largest edge" },
  { "weld_tolerance_mm", "Weld tolerance" },
  { "load_time", "Load time" },
};

static void
app_part_panel_finalize (GObject *object)
{
  AppPartPanel *self = APP_PART_PANEL (object);
  g_hash_table_unref (self->values);
  G_OBJECT_CLASS (app_part_panel_parent_class)->finalize (object);
}

static void
app_part_panel_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), APP_TYPE_PART_PANEL);
  G_OBJECT_CLASS (app_part_panel_parent_class)->dispose (object);
}

static void
app_part_panel_class_init (AppPartPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = app_part_panel_finalize;
  object_class->dispose = app_part_panel_dispose;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/microcam/Microcam/ui/app-part-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, AppPartPanel, title_label);
  gtk_widget_class_bind_template_child (widget_class, AppPartPanel, status_label);
  gtk_widget_class_bind_template_child (widget_class, AppPartPanel, facts_grid);
  gtk_widget_class_bind_template_child (widget_class, AppPartPanel, note_label);
}

static void
app_part_panel_init (AppPartPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->values = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      GtkWidget *name = gtk_label_new (rows[i].title);
      GtkWidget *value = gtk_label_new ("–");
      gtk_label_set_xalign (GTK_LABEL (name), 0.0f);
      gtk_widget_add_css_class (name, "dim-label");
      gtk_label_set_xalign (GTK_LABEL (value), 0.0f);
      gtk_label_set_selectable (GTK_LABEL (value), TRUE);
      gtk_label_set_wrap (GTK_LABEL (value), TRUE);
      gtk_widget_add_css_class (value, "numeric");
      gtk_widget_set_hexpand (value, TRUE);
      gtk_grid_attach (self->facts_grid, name, 0, (int) i, 1, 1);
      gtk_grid_attach (self->facts_grid, value, 1, (int) i, 1, 1);
      g_hash_table_insert (self->values, (gpointer) rows[i].key, value);
    }
}

GtkWidget *
app_part_panel_new (void)
{
  return g_object_new (APP_TYPE_PART_PANEL, NULL);
}

static void
set_value (AppPartPanel *self, const char *key, const char *text)
{
  GtkLabel *label = g_hash_table_lookup (self->values, key);
  g_return_if_fail (label != NULL);
  gtk_label_set_text (label, text);
}

static void
set_count (AppPartPanel *self, const char *key, guint n)
{
  g_autofree char *text = g_strdup_printf ("%u", n);
  set_value (self, key, text);
}

/* A length for an engineer: mm, plus µm below 1 mm; tiny values in scientific form. */
static char *
format_length (double mm)
{
  if (mm >= 1.0)
    return g_strdup_printf ("%.4f mm", mm);
  if (mm >= 0.001)
    return g_strdup_printf ("%.4f mm (%.1f µm)", mm, mm * 1000.0);
  return g_strdup_printf ("%.2e mm (%.3g µm)", mm, mm * 1000.0);
}

void
app_part_panel_set_mesh (AppPartPanel *self, const CamMesh *m, double load_seconds)
{
  g_return_if_fail (APP_IS_PART_PANEL (self));

  if (m == NULL)
    {
      gtk_label_set_text (self->title_label, "No part loaded");
      gtk_label_set_text (self->status_label,
                          "Open an STL or OBJ file to see its size, volume and mesh quality.");
      for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
        set_value (self, rows[i].key, "–");
      gtk_widget_set_visible (GTK_WIDGET (self->note_label), FALSE);
      return;
    }

  g_autofree char *base = m->source_path ? g_path_get_basename (m->source_path) : g_strdup ("(unnamed part)");
  gtk_label_set_text (self->title_label, base);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->title_label), m->source_path);
  gtk_label_set_text (self->status_label,
                      m->watertight ? "Closed (watertight) mesh: volume is exact."
                                    : "Open mesh: volume is approximate; open edges are drawn red.");

  set_count (self, "triangles", m->n_triangles);
  set_count (self, "vertices", m->n_vertices);
  {
    g_autofree char *size = g_strdup_printf ("%.4f × %.4f × %.4f mm",
                                             m->bounds.max[0] - m->bounds.min[0],
                                             m->bounds.max[1] - m->bounds.min[1],
                                             m->bounds.max[2] - m->bounds.min[2]);
    g_autofree char *lo = g_strdup_printf ("%.4f, %.4f, %.4f mm", m->bounds.min[0], m->bounds.min[1], m->bounds.min[2]);
    g_autofree char *hi = g_strdup_printf ("%.4f, %.4f, %.4f mm", m->bounds.max[0], m->bounds.max[1], m->bounds.max[2]);
    g_autofree char *vol = g_strdup_printf ("%.6f mm³%s", m->volume_mm3, m->watertight ? "" : " (approx.)");
    g_autofree char *area = g_strdup_printf ("%.6f mm²", m->area_mm2);
    g_autofree char *emin = format_length (m->min_edge_mm);
    g_autofree char *emax = format_length (m->max_edge_mm);
    g_autofree char *weld = format_length (m->weld_tolerance_mm);
    g_autofree char *secs = load_seconds < 0.0 ? g_strdup ("–")
                            : load_seconds < 1.0 ? g_strdup_printf ("%.0f ms", load_seconds * 1000.0)
                                                 : g_strdup_printf ("%.2f s", load_seconds);
    set_value (self, "size_mm", size);
    set_value (self, "bounds_min", lo);
    set_value (self, "bounds_max", hi);
    set_value (self, "volume_mm3", vol);
    set_value (self, "area_mm2", area);
    set_value (self, "min_edge_mm", emin);
    set_value (self, "max_edge_mm", emax);
    set_value (self, "weld_tolerance_mm", weld);
    set_value (self, "load_time", secs);
  }
  set_value (self, "watertight", m->watertight ? "yes" : "no");
  set_count (self, "boundary_edges", m->boundary_edges);
  set_count (self, "nonmanifold_edges", m->nonmanifold_edges);
  set_count (self, "misoriented_edges", m->misoriented_edges);
  set_count (self, "degenerate_dropped", m->degenerate_dropped);

  if (m->boundary_edges > 0 || m->nonmanifold_edges > 0 || m->misoriented_edges > 0)
    {
      gtk_label_set_text (self->note_label,
                          "Red lines in the 3D view mark open and non-manifold edges; "
                          "orange faces are seen from inside. Repair the model before planning toolpaths.");
      gtk_widget_set_visible (GTK_WIDGET (self->note_label), TRUE);
    }
  else
    gtk_widget_set_visible (GTK_WIDGET (self->note_label), FALSE);
}

const char *
app_part_panel_get_value (AppPartPanel *panel, const char *key)
{
  GtkLabel *label;
  g_return_val_if_fail (APP_IS_PART_PANEL (panel), NULL);
  label = g_hash_table_lookup (panel->values, key);
  return label != NULL ? gtk_label_get_text (label) : NULL;
}
