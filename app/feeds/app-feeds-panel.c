/* app-feeds-panel.c — the Feeds & Speeds page: pickers and spin buttons in, results out.
 * Every change recomputes at once (the engine answers in well under a millisecond). */
#include "app-feeds-panel.h"
#include "app-form.h"

#include <math.h>

#include "app-library-picker.h"
#include "cam-drill.h"

struct _AppFeedsPanel
{
  GtkBox parent_instance;

  const CamLibrary *lib;
  GtkGrid *inputs, *outputs;  /* the widgets: app-feeds-panel.ui */
  GtkDropDown *material;
  GtkDropDown *machine;
  GtkDropDown *tool;
  GtkEntry *spec;
  GtkDropDown *op;
  GtkSpinButton *ap, *ae, *depth, *max_defl, *fz, *rpm;
  GtkCheckButton *opt_ap, *opt_ae;
  GtkLabel *binding;
  GtkLabel *warnings;
  GtkLabel *tool_label;
  GHashTable *values;        /* key → GtkLabel (owned by the grid) */
  CamTool *spec_tool;        /* owned; NULL without a valid spec */
  CamCutResult result;
  gboolean have_result;
  guint updating;
};

G_DEFINE_FINAL_TYPE (AppFeedsPanel, app_feeds_panel, GTK_TYPE_BOX)

/* Result rows; keys follow `microcam-cli feeds --json`. */
static const struct { const char *key; const char *title; } rows[] = {
  { "cut", "Cut" },
  { "rpm", "Spindle speed" },
  { "vc_m_min", "Cutting speed" },
  { "fz_mm", "Chip load" },
  { "feed_mm_min", "Feed" },
  { "plunge_mm_min", "Plunge feed" },
  { "h_max_mm", "Largest chip thickness" },
  { "h_min_mm", "Ploughing limit (thinnest chip)" },
  { "force_n", "Peak force" },
  { "torque_nmm", "Torque" },
  { "power_w", "Power" },
  { "deflection_um", "Tip deflection" },
  { "wall_taper_um", "Wall taper" },
  { "stress_mpa", "Stress" },
  { "safety_factor", "Safety factor" },
  { "ra_um", "Roughness Ra" },
  { "rt_um", "Roughness depth Rt" },
  { "ra_floor_um", "Floor Ra" },
  { "ra_wall_um", "Wall Ra" },
  { "finish_class", "Finish class" },
  { "cycle", "Drill cycle" },
  { "pecks", "Pecks" },
  { "process", "Process" },
};

static void
set_value (AppFeedsPanel *self, const char *key, const char *text)
{
  GtkLabel *label = g_hash_table_lookup (self->values, key);
  if (label != NULL)
    gtk_label_set_text (label, text);
}

static void
set_valuef (AppFeedsPanel *self, const char *key, const char *fmt, double v)
{
  g_autofree char *text = isfinite (v) ? g_strdup_printf (fmt, v) : g_strdup ("–");
  set_value (self, key, text);
}

static void
clear_results (AppFeedsPanel *self, const char *why)
{
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    set_value (self, rows[i].key, "–");
  self->have_result = FALSE;
  gtk_label_set_text (self->binding, "");
  gtk_label_set_text (self->warnings, why);
  gtk_widget_add_css_class (GTK_WIDGET (self->warnings), "error");
}

static void
recompute (AppFeedsPanel *self)
{
  if (self->updating > 0)
    return;
  const CamMaterial *mat = app_feeds_panel_get_material (self);
  const CamMachine *machine = app_feeds_panel_get_machine (self);

  /* A spec entered replaces the library tool. */
  g_clear_pointer (&self->spec_tool, cam_tool_free);
  const char *spec = gtk_editable_get_text (GTK_EDITABLE (self->spec));
  g_autoptr (GError) error = NULL;
  if (spec != NULL && *spec != '\0')
    {
      self->spec_tool = cam_tool_new_from_spec (spec, &error);
      if (self->spec_tool == NULL)
        {
          gtk_label_set_text (self->tool_label, "");
          g_autofree char *why = g_strdup_printf ("Tool spec: %s", error->message);
          clear_results (self, why);
          return;
        }
    }
  const CamTool *tool = app_feeds_panel_get_tool (self);
  if (mat == NULL || machine == NULL || tool == NULL)
    {
      clear_results (self, "Pick a material, a machine and a tool.");
      return;
    }
  g_autofree char *desc = cam_tool_describe (tool);
  gtk_label_set_text (self->tool_label, desc);

  CamEngagement eng;
  cam_engagement_init (&eng, (CamCutKind) gtk_drop_down_get_selected (self->op));
  eng.ap_mm = gtk_spin_button_get_value (self->ap);
  eng.ae_mm = gtk_spin_button_get_value (self->ae);
  eng.depth_mm = gtk_spin_button_get_value (self->depth);
  eng.max_deflection_mm = gtk_spin_button_get_value (self->max_defl) / 1000.0;
  eng.fz_mm = gtk_spin_button_get_value (self->fz);
  eng.rpm = gtk_spin_button_get_value (self->rpm);
  eng.optimise_ap = gtk_check_button_get_active (self->opt_ap);
  eng.optimise_ae = gtk_check_button_get_active (self->opt_ae);
  CamCutResult r;
  gboolean ok = eng.fz_mm > 0 ? cam_cutting_evaluate (tool, mat, machine, &eng, &r, &error)
                              : cam_cutting_recommend (tool, mat, machine, &eng, &r, &error);
  if (!ok)
    {
      clear_results (self, error->message);
      return;
    }
  self->result = r;
  self->have_result = TRUE;
  g_autofree char *cut = g_strdup_printf ("ap %.4f mm × ae %.4f mm (%.3f mm³/min)", r.ap_mm, r.ae_mm, r.mrr_mm3_min);
  set_value (self, "cut", r.op == CAM_CUT_DRILL ? "–" : cut);
  set_valuef (self, "rpm", "%.0f rpm", r.rpm);
  set_valuef (self, "vc_m_min", "%.1f m/min", r.vc_m_min);
  g_autofree char *fz = g_strdup_printf ("%.5f mm/tooth (%.5f mm/rev)", r.fz_mm, r.feed_per_rev_mm);
  set_value (self, "fz_mm", fz);
  set_valuef (self, "feed_mm_min", "%.1f mm/min", r.feed_mm_min);
  set_valuef (self, "plunge_mm_min", "%.1f mm/min", r.plunge_mm_min);
  set_valuef (self, "h_max_mm", "%.3f µm", r.h_max_mm * 1000);
  set_valuef (self, "h_min_mm", "%.3f µm", r.h_min_mm * 1000);
  set_valuef (self, "force_n", "%.3f N", r.force_n);
  set_valuef (self, "torque_nmm", "%.4f N·mm", r.torque_nmm);
  g_autofree char *power = g_strdup_printf ("%.2f W of %.0f W", r.power_w, machine->power_w);
  set_value (self, "power_w", power);
  g_autofree char *defl = r.op == CAM_CUT_DRILL
                            ? g_strdup_printf ("%.3f µm at entry (%s)", r.deflection_um,
                                               cam_drill_bend_describe (r.drill.bend))
                            : g_strdup_printf ("%.3f µm (allowed %.2f µm)", r.deflection_um, r.allowed_deflection_um);
  set_value (self, "deflection_um", defl);
  set_valuef (self, "wall_taper_um", "%.3f µm", r.wall_taper_um);
  set_valuef (self, "stress_mpa", "%.0f MPa", r.stress_mpa);
  set_valuef (self, "safety_factor", "%.2f", r.safety_factor);
  set_valuef (self, "ra_um", "%.3f µm", r.ra_um);
  set_valuef (self, "rt_um", "%.3f µm", r.rt_um);
  set_valuef (self, "ra_floor_um", "%.3f µm", r.ra_floor_um);
  set_valuef (self, "ra_wall_um", "%.3f µm", r.ra_wall_um);
  set_value (self, "finish_class", cam_finish_class_to_string (r.finish_class));
  if (r.op == CAM_CUT_DRILL)
    {
      set_value (self, "cycle", cam_cycle_to_gcode (r.drill.cycle));
      GString *pecks = g_string_new (NULL);
      for (guint i = 0; i < r.drill.n_pecks; i++)
        g_string_append_printf (pecks, "%s%.4f", i ? " " : "", r.drill.pecks_mm[i]);
      g_string_append (pecks, " mm");
      set_value (self, "pecks", pecks->str);
      g_string_free (pecks, TRUE);
      set_value (self, "process", cam_process_to_string (r.drill.process));
    }
  else
    {
      set_value (self, "cycle", "–");
      set_value (self, "pecks", "–");
      set_value (self, "process", "micro-mill");
    }
  /* in words: the identifier (cam_limit_to_string) is for scripts, in the JSON */
  g_autofree char *binding = g_markup_printf_escaped ("<b>What limits the feed</b>\n%s", cam_limit_describe (r.binding_limit));
  gtk_label_set_markup (self->binding, binding);
  gboolean tool_limit = r.binding_limit == CAM_LIMIT_DEFLECTION || r.binding_limit == CAM_LIMIT_BREAKAGE
                        || r.binding_limit == CAM_LIMIT_POWER || r.binding_limit == CAM_LIMIT_PLOUGHING;
  gtk_widget_remove_css_class (GTK_WIDGET (self->binding), "warning");
  gtk_widget_remove_css_class (GTK_WIDGET (self->binding), "accent");
  gtk_widget_add_css_class (GTK_WIDGET (self->binding), tool_limit ? "warning" : "accent");
  g_autoptr (GPtrArray) w = cam_cut_result_warnings (&r, tool, mat, machine);
  GString *text = g_string_new (NULL);
  for (guint i = 0; i < w->len; i++)
    g_string_append_printf (text, "%s⚠ %s", i ? "\n" : "", (const char *) g_ptr_array_index (w, i));
  gtk_label_set_text (self->warnings, text->str);
  g_string_free (text, TRUE);
  gtk_widget_remove_css_class (GTK_WIDGET (self->warnings), "error");
  gtk_widget_add_css_class (GTK_WIDGET (self->warnings), "warning");
}

static void
changed_cb (AppFeedsPanel *self)
{
  recompute (self);
}

static void
add_row (GtkGrid *grid, int row, const char *title, GtkWidget *widget)
{
  GtkWidget *label = gtk_label_new (title);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_grid_attach (grid, label, 0, row, 1, 1);
  gtk_grid_attach (grid, widget, 1, row, 1, 1);
}

static void
app_feeds_panel_finalize (GObject *object)
{
  AppFeedsPanel *self = APP_FEEDS_PANEL (object);
  g_hash_table_unref (self->values);
  g_clear_pointer (&self->spec_tool, cam_tool_free);
  G_OBJECT_CLASS (app_feeds_panel_parent_class)->finalize (object);
}

static void
app_feeds_panel_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), APP_TYPE_FEEDS_PANEL);
  G_OBJECT_CLASS (app_feeds_panel_parent_class)->dispose (object);
}

static void
app_feeds_panel_class_init (AppFeedsPanelClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  G_OBJECT_CLASS (klass)->dispose = app_feeds_panel_dispose;
  G_OBJECT_CLASS (klass)->finalize = app_feeds_panel_finalize;
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/microcam/Microcam/ui/app-feeds-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, AppFeedsPanel, inputs);
  gtk_widget_class_bind_template_child (widget_class, AppFeedsPanel, outputs);
  gtk_widget_class_bind_template_child (widget_class, AppFeedsPanel, spec);
  gtk_widget_class_bind_template_child (widget_class, AppFeedsPanel, op);
  gtk_widget_class_bind_template_child (widget_class, AppFeedsPanel, ap);
  gtk_widget_class_bind_template_child (widget_class, AppFeedsPanel, ae);
  gtk_widget_class_bind_template_child (widget_class, AppFeedsPanel, depth);
  gtk_widget_class_bind_template_child (widget_class, AppFeedsPanel, max_defl);
  gtk_widget_class_bind_template_child (widget_class, AppFeedsPanel, fz);
  gtk_widget_class_bind_template_child (widget_class, AppFeedsPanel, rpm);
  gtk_widget_class_bind_template_child (widget_class, AppFeedsPanel, opt_ap);
  gtk_widget_class_bind_template_child (widget_class, AppFeedsPanel, opt_ae);
  gtk_widget_class_bind_template_child (widget_class, AppFeedsPanel, tool_label);
  gtk_widget_class_bind_template_child (widget_class, AppFeedsPanel, binding);
  gtk_widget_class_bind_template_child (widget_class, AppFeedsPanel, warnings);
}

static void
app_feeds_panel_init (AppFeedsPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->values = g_hash_table_new (g_str_hash, g_str_equal);
}

static void
build (AppFeedsPanel *self)
{
  /* the pickers list the library (given to app_feeds_panel_new): made here, in the
   * template's input rows 0–2 */
  self->material = app_library_picker_new (self->lib, CAM_LIBRARY_MATERIALS);
  self->machine = app_library_picker_new (self->lib, CAM_LIBRARY_MACHINES);
  self->tool = app_library_picker_new (self->lib, CAM_LIBRARY_TOOLS);
  add_row (self->inputs, 0, "Material", GTK_WIDGET (self->material));
  add_row (self->inputs, 1, "Machine", GTK_WIDGET (self->machine));
  add_row (self->inputs, 2, "Tool", GTK_WIDGET (self->tool));

  /* one row per result, from the table (its keys are the CLI's) */
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      GtkWidget *value = gtk_label_new ("–");
      gtk_label_set_xalign (GTK_LABEL (value), 0.0f);
      gtk_label_set_selectable (GTK_LABEL (value), TRUE);
      gtk_label_set_wrap (GTK_LABEL (value), TRUE);
      add_row (self->outputs, (int) i, rows[i].title, value);
      g_hash_table_insert (self->values, (gpointer) rows[i].key, value);
    }

  const GPtrArray *lw = cam_library_get_warnings (self->lib);
  if (lw->len > 0)
    {
      GString *t = g_string_new ("Library problems (skipped entries):");
      for (guint i = 0; i < lw->len; i++)
        g_string_append_printf (t, "\n%s", (const char *) g_ptr_array_index (lw, i));
      GtkWidget *l = gtk_label_new (t->str);
      g_string_free (t, TRUE);
      gtk_label_set_xalign (GTK_LABEL (l), 0.0f);
      gtk_label_set_wrap (GTK_LABEL (l), TRUE);
      gtk_widget_add_css_class (l, "error");
      gtk_box_append (GTK_BOX (self), l);
    }

  /* Sensible first view: a Ø0.2 end mill slotting 316L on the micro spindle. */
  app_library_picker_select_id (self->material, self->lib, "ss316l");
  app_library_picker_select_id (self->machine, self->lib, "micro60k");
  app_library_picker_select_id (self->tool, self->lib, "em-flat-0.2");

  g_signal_connect_swapped (self->material, "notify::selected", G_CALLBACK (changed_cb), self);
  g_signal_connect_swapped (self->machine, "notify::selected", G_CALLBACK (changed_cb), self);
  g_signal_connect_swapped (self->tool, "notify::selected", G_CALLBACK (changed_cb), self);
  g_signal_connect_swapped (self->op, "notify::selected", G_CALLBACK (changed_cb), self);
  g_signal_connect_swapped (self->spec, "changed", G_CALLBACK (changed_cb), self);
  g_signal_connect_swapped (self->opt_ap, "toggled", G_CALLBACK (changed_cb), self);
  g_signal_connect_swapped (self->opt_ae, "toggled", G_CALLBACK (changed_cb), self);
  GtkSpinButton *spins[] = { self->ap, self->ae, self->depth, self->max_defl, self->fz, self->rpm };
  for (guint i = 0; i < G_N_ELEMENTS (spins); i++)
    g_signal_connect_swapped (spins[i], "value-changed", G_CALLBACK (changed_cb), self);
  recompute (self);
}

GtkWidget *
app_feeds_panel_new (const CamLibrary *lib)
{
  AppFeedsPanel *self = g_object_new (APP_TYPE_FEEDS_PANEL, NULL);
  self->lib = lib != NULL ? lib : app_library_picker_default_library ();
  build (self);
  return GTK_WIDGET (self);
}

gboolean
app_feeds_panel_select (AppFeedsPanel *self, const char *material_id, const char *machine_id, const char *tool_id)
{
  gboolean ok = TRUE;
  self->updating++;
  if (material_id != NULL)
    ok = app_library_picker_select_id (self->material, self->lib, material_id) && ok;
  if (machine_id != NULL)
    ok = app_library_picker_select_id (self->machine, self->lib, machine_id) && ok;
  if (tool_id != NULL)
    {
      ok = app_library_picker_select_id (self->tool, self->lib, tool_id) && ok;
      gtk_editable_set_text (GTK_EDITABLE (self->spec), "");
    }
  self->updating--;
  recompute (self);
  return ok;
}

void
app_feeds_panel_set_tool_spec (AppFeedsPanel *self, const char *spec)
{
  gtk_editable_set_text (GTK_EDITABLE (self->spec), spec != NULL ? spec : "");
}

void
app_feeds_panel_set_engagement (AppFeedsPanel *self, CamCutKind op, double ap_mm, double ae_mm, double depth_mm)
{
  self->updating++;
  gtk_drop_down_set_selected (self->op, (guint) op);
  gtk_spin_button_set_value (self->ap, ap_mm);
  gtk_spin_button_set_value (self->ae, ae_mm);
  gtk_spin_button_set_value (self->depth, depth_mm);
  self->updating--;
  recompute (self);
}

const CamMaterial *
app_feeds_panel_get_material (AppFeedsPanel *self)
{
  return app_library_picker_get_material (self->material, self->lib);
}

const CamMachine *
app_feeds_panel_get_machine (AppFeedsPanel *self)
{
  return app_library_picker_get_machine (self->machine, self->lib);
}

const CamTool *
app_feeds_panel_get_tool (AppFeedsPanel *self)
{
  if (self->spec_tool != NULL)
    return self->spec_tool;
  return app_library_picker_get_tool (self->tool, self->lib);
}

gboolean
app_feeds_panel_get_result (AppFeedsPanel *self, CamCutResult *out)
{
  if (self->have_result && out != NULL)
    *out = self->result;
  return self->have_result;
}

const char *
app_feeds_panel_get_value (AppFeedsPanel *self, const char *key)
{
  if (g_strcmp0 (key, "binding_limit") == 0)
    return self->have_result ? cam_limit_to_string (self->result.binding_limit) : NULL;
  if (g_strcmp0 (key, "warnings") == 0 || g_strcmp0 (key, "error") == 0)
    return gtk_label_get_text (self->warnings);
  GtkLabel *label = g_hash_table_lookup (self->values, key);
  return label != NULL ? gtk_label_get_text (label) : NULL;
}

void
app_feeds_panel_set_document (AppFeedsPanel *self, AppDocument *doc)
{
  g_return_if_fail (APP_IS_FEEDS_PANEL (self));
  g_return_if_fail (APP_IS_DOCUMENT (doc));
  app_document_adopt_settings (doc, self->material, self->machine, NULL, NULL, NULL);
}
