/* app-gcode-panel.c — the G-code page: construction, review settings, summary, messages and
 * the text pane, line ↔ move selection (threads: app-gcode-work.c; drawing in the view:
 * app-gcode-overlay.c). */
#include "app-gcode-panel-private.h"
#include "app-form.h"

#include <math.h>
#include <string.h>

#include "app-library-picker.h"

G_DEFINE_FINAL_TYPE (AppGcodePanel, app_gcode_panel, GTK_TYPE_BOX)


/* ---- summary and messages ---- */

static void
message_row_clear (gpointer data)
{
  g_free (((AppGcodeMessageRow *) data)->text);
}

static void
add_messages (AppGcodePanel *self, GPtrArray *texts, const GArray *list, const char *kind)
{
  gboolean error = strcmp (kind, "error") == 0;
  for (guint i = 0; list && i < list->len; i++)
    {
      const CamDiagnostic *m = &g_array_index (list, CamDiagnostic, i);
      if (error || !g_hash_table_contains (self->line_marks, GUINT_TO_POINTER (m->line)))
        g_hash_table_insert (self->line_marks, GUINT_TO_POINTER (m->line), GINT_TO_POINTER (error ? 1 : 2));
      AppGcodeMessageRow row = { m->line, g_strdup_printf ("%s: %s", kind, m->message) };
      g_array_append_val (self->message_rows, row);
      g_ptr_array_add (texts, g_strdup_printf ("line %u · %s", m->line, row.text));
    }
}

void
app_gcode_panel_fill_messages (AppGcodePanel *self)
{
  self->updating = TRUE;
  g_array_set_size (self->message_rows, 0);
  g_hash_table_remove_all (self->line_marks);
  g_autoptr (GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  if (self->program)
    {
      const CamGcodeReader *r = self->program->reader;
      add_messages (self, texts, r->errors, "error");
      add_messages (self, texts, r->warnings, "warning");
      if (self->reviewed)
        add_messages (self, texts, self->review.findings, "review");
    }
  if (self->program)
    {
      const CamGcodeReader *r = self->program->reader;
      g_autofree char *findings = self->reviewed ? g_strdup_printf (", review findings %u", self->review.n_findings)
                                                 : g_strdup ("");
      g_autofree char *h = g_strdup_printf ("Errors %u, warnings %u%s — click one for its line", r->n_errors,
                                            r->n_warnings, findings);
      gtk_label_set_text (self->message_heading, h);
    }
  else
    gtk_label_set_text (self->message_heading, "Errors, warnings and review findings");
  /* rows on screen take their colour when bound: rebind the marked ones (review findings) */
  if (self->program && self->reviewed && gtk_single_selection_get_model (self->line_selection) != NULL)
    {
      GHashTableIter it;
      gpointer key;
      g_hash_table_iter_init (&it, self->line_marks);
      while (g_hash_table_iter_next (&it, &key, NULL))
        app_gcode_lines_changed (self->program->lines, GPOINTER_TO_UINT (key));
      /* a changed row may have been the selected one */
      if (self->selected_line > 0 && gtk_single_selection_get_selected (self->line_selection) != self->selected_line - 1)
        gtk_single_selection_set_selected (self->line_selection, self->selected_line - 1);
    }
  g_ptr_array_add (texts, NULL);
  gtk_string_list_splice (self->message_strings, 0, g_list_model_get_n_items (G_LIST_MODEL (self->message_strings)),
                          (const char *const *) texts->pdata);
  gtk_single_selection_set_selected (self->message_selection, GTK_INVALID_LIST_POSITION);
  self->updating = FALSE;
}

static void
fill_summary (AppGcodePanel *self)
{
  if (self->program == NULL)
    {
      gtk_label_set_text (self->file_label, "No program: Open… a G-code file (.ngc, .nc, .tap, .gcode, .cnc)");
      gtk_label_set_text (self->summary_label, "");
      gtk_widget_set_sensitive (GTK_WIDGET (self->worst_button), FALSE);
      gtk_button_set_label (self->worst_button, "Worst line");
      gtk_label_set_text (self->program_heading, "Program");
      return;
    }
  const AppGcodeProgram *p = self->program;
  const CamGcodeReader *r = p->reader;
  const CamToolpathStats *st = &p->stats;
  g_autofree char *base = g_path_get_basename (p->path);
  g_autofree char *file = g_strdup_printf ("%s — %u lines, %u error%s, %u warning%s", base, r->n_lines, r->n_errors,
                                           r->n_errors == 1 ? "" : "s", r->n_warnings, r->n_warnings == 1 ? "" : "s");
  gtk_label_set_text (self->file_label, file);
  g_autofree char *heading = g_strdup_printf ("Program — %u lines", app_gcode_lines_get_n_lines (p->lines));
  gtk_label_set_text (self->program_heading, heading);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->file_label), p->path);
  GString *s = g_string_new (NULL);
  g_string_append_printf (s, "%u moves (%zu cutting) · %u tool%s · %u tool change%s\n", r->toolpath->moves->len,
                          (size_t) st->n_cut_moves, r->toolpath->tools->len, r->toolpath->tools->len == 1 ? "" : "s",
                          st->tool_changes, st->tool_changes == 1 ? "" : "s");
  /* the machine by its name: its library id is for files and scripts */
  const CamMachine *m = p->stats_machine ? cam_library_find_machine (self->lib, p->stats_machine) : NULL;
  g_string_append_printf (s, "cut %.3f mm · rapid %.3f mm · cycle time %.1f s (%s)", st->cut_length_mm,
                          st->rapid_length_mm, st->cycle_time_s,
                          m ? m->name : p->stats_machine ? p->stats_machine : "no machine picked");
  gboolean worst = FALSE;
  if (!self->reviewed)
    g_string_append (s, "\nNot reviewed: pick the material, the machine and the tool, then Review");
  else if (self->review.n_evaluated == 0)
    g_string_append (s, "\nReview: no cutting move below the stock top was evaluated");
  else
    {
      g_string_append_printf (s,
                              "\nlargest deflection %.3f µm (allowed %.2f µm) · smallest safety factor %.2f · "
                              "roughest finish Ra %.3f µm",
                              self->review.max_deflection_um, self->review.allowed_deflection_um,
                              self->review.min_safety_factor, self->review.max_ra_um);
      g_string_append_printf (s, "\n%zu moves evaluated, %zu in air", (size_t) self->review.n_evaluated,
                              (size_t) self->review.n_air);
      worst = self->review.worst_line > 0;
    }
  gtk_label_set_text (self->summary_label, s->str);
  g_string_free (s, TRUE);
  g_autofree char *wl = worst ? g_strdup_printf ("Worst line: %u (lowest safety factor)", self->review.worst_line)
                              : g_strdup ("Worst line");
  gtk_button_set_label (self->worst_button, wl);
  gtk_widget_set_sensitive (GTK_WIDGET (self->worst_button), worst);
}

void
app_gcode_panel_refresh (AppGcodePanel *self)
{
  gtk_widget_set_sensitive (self->review_button, !self->busy && self->program != NULL);
  gtk_widget_set_sensitive (self->cancel_button, self->busy);
  gtk_widget_set_sensitive (self->open_button, TRUE);
  fill_summary (self);
}

static void
settings_changed (AppGcodePanel *self)
{
  /* once reviewed, a new material, machine, tool, stock top or tolerance reviews again (after
   * the task running now, if one is) */
  if (!self->reviewed || self->updating)
    return;
  if (self->busy)
    self->review_again = TRUE;
  else
    app_gcode_panel_review (self);
}

static void
picker_changed_cb (GObject *o, GParamSpec *ps, gpointer data)
{
  (void) o;
  (void) ps;
  settings_changed (data);
}

gboolean
app_gcode_panel_select_material (AppGcodePanel *self, const char *id)
{
  return app_library_picker_select_id (self->material, self->lib, id);
}

gboolean
app_gcode_panel_select_machine (AppGcodePanel *self, const char *id)
{
  return app_library_picker_select_id (self->machine, self->lib, id);
}

gboolean
app_gcode_panel_select_tool_id (AppGcodePanel *self, const char *id)
{
  return app_library_picker_select_id (self->tool, self->lib, id);
}

/* ---- a tool per T number ---- */

static const char *header_tool (AppGcodePanel *self, guint number);

void
app_gcode_panel_fill_tool_map (AppGcodePanel *self)
{
  GtkWidget *child;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->tool_map_grid))) != NULL)
    gtk_grid_remove (self->tool_map_grid, child);
  g_ptr_array_set_size (self->tool_map, 0);
  const CamToolpath *tp = app_gcode_panel_get_toolpath (self);
  /* one tool named nowhere: the picker above is the whole story */
  gboolean named = FALSE;
  for (guint i = 0; tp && i < tp->tools->len && !named; i++)
    named = header_tool (self, ((const CamToolpathTool *) g_ptr_array_index (tp->tools, i))->number) != NULL;
  if (tp == NULL || (tp->tools->len < 2 && !named))
    {
      gtk_widget_set_visible (GTK_WIDGET (self->tool_map_grid), FALSE);
      return;
    }
  self->updating = TRUE;
  for (guint i = 0; i < tp->tools->len; i++)
    {
      const CamToolpathTool *t = g_ptr_array_index (tp->tools, i);
      GtkStringList *list = gtk_string_list_new ((const char *const[]) { "the tool above", NULL });
      for (guint k = 0; k < cam_library_n_tools (self->lib); k++)
        {
          const CamTool *lt = cam_library_get_tool (self->lib, k);
          g_autofree char *label = g_strdup_printf ("%s — %s", lt->id, lt->name);
          gtk_string_list_append (list, label);
        }
      GtkDropDown *dd = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (list), NULL));
      g_object_set_data (G_OBJECT (dd), "app-gcode-t", GUINT_TO_POINTER (t->number));
      gtk_widget_set_hexpand (GTK_WIDGET (dd), TRUE);
      g_signal_connect (dd, "notify::selected", G_CALLBACK (picker_changed_cb), self);
      g_autofree char *name = g_strdup_printf ("T%u", t->number);
      GtkWidget *l = gtk_label_new (name);
      gtk_label_set_xalign (GTK_LABEL (l), 0);
      gtk_grid_attach (self->tool_map_grid, l, 0, (int) i, 1, 1);
      gtk_grid_attach (self->tool_map_grid, GTK_WIDGET (dd), 1, (int) i, 1, 1);
      g_ptr_array_add (self->tool_map, dd);
      const char *id = header_tool (self, t->number);
      if (id)
        app_gcode_panel_map_tool (self, t->number, id);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->tool_map_grid), TRUE);
  self->updating = FALSE;
}

GArray *
app_gcode_panel_tool_mapping (AppGcodePanel *self)
{
  GArray *mapping = g_array_new (FALSE, FALSE, sizeof (CamGcodeReviewTool));
  for (guint i = 0; i < self->tool_map->len; i++)
    {
      GtkDropDown *dd = g_ptr_array_index (self->tool_map, i);
      guint sel = gtk_drop_down_get_selected (dd);
      if (sel == 0 || sel == GTK_INVALID_LIST_POSITION || sel > cam_library_n_tools (self->lib))
        continue;
      CamGcodeReviewTool m = { GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (dd), "app-gcode-t")),
                               cam_library_get_tool (self->lib, sel - 1) };
      g_array_append_val (mapping, m);
    }
  return mapping;
}

/* "(T2: drill-0.2-long drill Ø0.200 …)" in the program's header (what microcam's posts write,
 * read by the reader: cam_gcode_reader_header_tool): the library tool of T2. */
static const char *
header_tool (AppGcodePanel *self, guint number)
{
  const CamGcodeHeaderTool *t = cam_gcode_reader_header_tool (self->program->reader, number);
  const CamTool *lt = t != NULL ? cam_library_find_tool (self->lib, t->tool_id) : NULL;
  return lt != NULL ? lt->id : NULL;
}

gboolean
app_gcode_panel_map_tool (AppGcodePanel *self, guint number, const char *tool_id)
{
  g_return_val_if_fail (APP_IS_GCODE_PANEL (self), FALSE);
  for (guint i = 0; i < self->tool_map->len; i++)
    {
      GtkDropDown *dd = g_ptr_array_index (self->tool_map, i);
      if (GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (dd), "app-gcode-t")) != number)
        continue;
      if (tool_id == NULL)
        {
          gtk_drop_down_set_selected (dd, 0);
          return TRUE;
        }
      for (guint k = 0; k < cam_library_n_tools (self->lib); k++)
        if (g_strcmp0 (cam_library_get_tool (self->lib, k)->id, tool_id) == 0)
          {
            gtk_drop_down_set_selected (dd, k + 1);
            return TRUE;
          }
      return FALSE;
    }
  return FALSE;
}

void
app_gcode_panel_set_stock_top (AppGcodePanel *self, double z)
{
  gboolean changed = fabs (z - self->stock_top) > 1e-12;
  self->stock_top = z;
  if (fabs (gtk_spin_button_get_value (self->stock_top_spin) - z) > 1e-9)
    gtk_spin_button_set_value (self->stock_top_spin, z);
  if (changed)
    settings_changed (self);
}

void
app_gcode_panel_set_stock_thickness (AppGcodePanel *self, double mm)
{
  g_return_if_fail (APP_IS_GCODE_PANEL (self));
  gtk_spin_button_set_value (self->thickness_spin, mm);   /* thickness_cb reviews again */
}

static void
thickness_cb (GtkSpinButton *spin, gpointer data)
{
  AppGcodePanel *self = data;
  double t = gtk_spin_button_get_value (spin);
  if (fabs (t - self->stock_thickness) > 1e-12)
    {
      self->stock_thickness = t;
      settings_changed (self);
    }
}

static void
stock_top_cb (GtkSpinButton *spin, gpointer data)
{
  AppGcodePanel *self = data;
  double z = gtk_spin_button_get_value (spin);
  if (fabs (z - self->stock_top) > 1e-12)
    {
      self->stock_top = z;
      settings_changed (self);
    }
}

const char *
app_gcode_panel_get_mapped_tool (AppGcodePanel *self, guint number)
{
  g_return_val_if_fail (APP_IS_GCODE_PANEL (self), NULL);
  for (guint i = 0; i < self->tool_map->len; i++)
    {
      GtkDropDown *dd = g_ptr_array_index (self->tool_map, i);
      guint sel = gtk_drop_down_get_selected (dd);
      if (GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (dd), "app-gcode-t")) == number && sel > 0
          && sel <= cam_library_n_tools (self->lib))
        return cam_library_get_tool (self->lib, sel - 1)->id;
    }
  return NULL;
}

/* ---- messages ---- */

guint
app_gcode_panel_get_n_messages (AppGcodePanel *self)
{
  return self->message_rows->len;
}

guint32
app_gcode_panel_get_message (AppGcodePanel *self, guint i, const char **text)
{
  if (i >= self->message_rows->len)
    {
      if (text)
        *text = NULL;
      return 0;
    }
  const AppGcodeMessageRow *row = &g_array_index (self->message_rows, AppGcodeMessageRow, i);
  if (text)
    *text = row->text;
  return row->line;
}

guint32
app_gcode_panel_activate_message (AppGcodePanel *self, guint i)
{
  guint32 line = app_gcode_panel_get_message (self, i, NULL);
  if (line > 0)
    app_gcode_panel_select_line (self, line);
  return line;
}

static void
message_selected_cb (GObject *sel, GParamSpec *ps, gpointer data)
{
  (void) ps;
  AppGcodePanel *self = data;
  guint i = gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (sel));
  if (!self->updating && i != GTK_INVALID_LIST_POSITION)
    app_gcode_panel_activate_message (self, i);
}

/* ---- line selection ---- */

static void
scroll_to_row (GtkListView *list, guint pos)
{
  /* GTK 4.8 has no gtk_list_view_scroll_to(): the list's own action */
  if (gtk_widget_get_realized (GTK_WIDGET (list)))
    gtk_widget_activate_action (GTK_WIDGET (list), "list.scroll-to-item", "u", pos);
}

static void
describe_selection (AppGcodePanel *self, gssize move)
{
  if (self->program == NULL || self->selected_line == 0)
    {
      gtk_label_set_text (self->move_label, "Select a line, or right-click a move in the view");
      return;
    }
  if (move < 0)
    {
      g_autofree char *t = g_strdup_printf ("line %u makes no move", self->selected_line);
      gtk_label_set_text (self->move_label, t);
      return;
    }
  const CamMove *m = cam_toolpath_move (self->program->reader->toolpath, (gsize) move);
  /* the shown toolpath's own numbers: a review running writes its copy, never these */
  g_autofree char *d = render_toolpath_describe_move (m);
  g_autofree char *t = g_strdup_printf ("move %zd: %s", move, d);
  gtk_label_set_text (self->move_label, t);
}

static gssize
select_line_at (AppGcodePanel *self, guint32 line, gssize move)
{
  if (self->program == NULL || line > app_gcode_lines_get_n_lines (self->program->lines))
    line = 0;
  self->selected_line = line;
  gssize first = line ? cam_gcode_reader_find_line (self->program->reader, line) : -1;
  if (move < 0)
    move = first;
  self->updating = TRUE;
  guint pos = line ? line - 1 : GTK_INVALID_LIST_POSITION;
  if (gtk_single_selection_get_selected (self->line_selection) != pos)
    gtk_single_selection_set_selected (self->line_selection, pos);
  self->updating = FALSE;
  if (line)
    scroll_to_row (self->line_list, line - 1);
  self->selected_move = move;
  app_gcode_panel_update_highlight (self);
  describe_selection (self, move);
  return first;
}

gssize
app_gcode_panel_select_line (AppGcodePanel *self, guint32 line)
{
  g_return_val_if_fail (APP_IS_GCODE_PANEL (self), -1);
  return select_line_at (self, line, -1);
}

guint32
app_gcode_panel_select_move (AppGcodePanel *self, gssize index)
{
  g_return_val_if_fail (APP_IS_GCODE_PANEL (self), 0);
  const CamToolpath *tp = app_gcode_panel_get_toolpath (self);
  if (tp == NULL || index < 0 || (gsize) index >= tp->moves->len)
    {
      select_line_at (self, 0, -1);
      return 0;
    }
  guint32 line = cam_toolpath_move (tp, (gsize) index)->source_line;
  select_line_at (self, line, index);
  return line;
}

guint32
app_gcode_panel_get_selected_line (AppGcodePanel *self)
{
  return self->selected_line;
}

gsize
app_gcode_panel_get_n_highlighted (AppGcodePanel *self)
{
  return self->n_highlighted;
}

static void
goto_activate_cb (GtkEntry *entry, gpointer data)
{
  AppGcodePanel *self = data;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  guint64 line = 0;
  if (self->program == NULL || !g_ascii_string_to_unsigned (text, 10, 1, app_gcode_lines_get_n_lines (self->program->lines),
                                                            &line, NULL))
    {
      gtk_widget_error_bell (GTK_WIDGET (entry));
      return;
    }
  app_gcode_panel_select_line (self, (guint32) line);
}

static void
line_selected_cb (GObject *sel, GParamSpec *ps, gpointer data)
{
  (void) ps;
  AppGcodePanel *self = data;
  if (self->updating)
    return;
  guint i = gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (sel));
  select_line_at (self, i == GTK_INVALID_LIST_POSITION ? 0 : i + 1, -1);
}

/* ---- construction ---- */

static void
label_setup_cb (GtkSignalListItemFactory *f, GtkListItem *item, gpointer data)
{
  (void) f;
  GtkWidget *label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (GPOINTER_TO_INT (data))
    gtk_widget_add_css_class (label, "monospace");
  gtk_list_item_set_child (item, label);
}

static void
label_bind_cb (GtkSignalListItemFactory *f, GtkListItem *item, gpointer data)
{
  (void) f;
  (void) data;
  GtkStringObject *s = gtk_list_item_get_item (item);
  GtkWidget *label = gtk_list_item_get_child (item);
  gtk_label_set_text (GTK_LABEL (label), s ? gtk_string_object_get_string (s) : "");
  if (data == NULL)
    return;
  /* program rows: lines with an error in red, with a warning or a review finding in orange */
  AppGcodePanel *self = data;
  guint line = gtk_list_item_get_position (item) + 1;
  int mark = GPOINTER_TO_INT (g_hash_table_lookup (self->line_marks, GUINT_TO_POINTER (line)));
  if (mark == 0)
    {
      gtk_label_set_attributes (GTK_LABEL (label), NULL);
      return;
    }
  /* red for errors, dark orange for warnings and findings (16-bit channels) */
  PangoAttrList *attrs = pango_attr_list_new ();
  pango_attr_list_insert (attrs, mark == 1 ? pango_attr_foreground_new (0xc000, 0x1000, 0x1000)
                                           : pango_attr_foreground_new (0xb000, 0x5800, 0x0000));
  gtk_label_set_attributes (GTK_LABEL (label), attrs);
  pango_attr_list_unref (attrs);
}

static GtkListView *
string_list_view (GListModel *model, GtkSingleSelection **selection, gboolean mono, AppGcodePanel *marks)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (label_setup_cb), GINT_TO_POINTER (mono));
  g_signal_connect (factory, "bind", G_CALLBACK (label_bind_cb), marks);
  *selection = gtk_single_selection_new (model);
  gtk_single_selection_set_autoselect (*selection, FALSE);
  gtk_single_selection_set_can_unselect (*selection, TRUE);
  gtk_single_selection_set_selected (*selection, GTK_INVALID_LIST_POSITION);
  return GTK_LIST_VIEW (gtk_list_view_new (GTK_SELECTION_MODEL (g_object_ref (*selection)), factory));
}

static GtkWidget *
scrolled (GtkWidget *child, int min_height)
{
  GtkWidget *sw = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (sw), GTK_POLICY_AUTOMATIC, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (sw), min_height);
  gtk_scrolled_window_set_has_frame (GTK_SCROLLED_WINDOW (sw), TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (sw), child);
  return sw;
}

static GtkLabel *
wrapped_label (const char *text)
{
  GtkLabel *l = GTK_LABEL (gtk_label_new (text));
  gtk_label_set_wrap (l, TRUE);
  gtk_label_set_xalign (l, 0);
  return l;
}

static void
open_response_cb (GtkNativeDialog *dialog, int response, gpointer data)
{
  AppGcodePanel *self = data;
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = file ? g_file_get_path (file) : NULL;
      if (path)
        app_gcode_panel_open (self, path);
    }
  g_object_unref (dialog);
  g_object_unref (self);
}

static void
open_clicked (GtkButton *b, gpointer data)
{
  (void) b;
  AppGcodePanel *self = data;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkFileChooserNative *d = gtk_file_chooser_native_new ("Open G-code program", GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                         GTK_FILE_CHOOSER_ACTION_OPEN, "_Open", "_Cancel");
  GtkFileFilter *f = gtk_file_filter_new ();
  gtk_file_filter_set_name (f, "G-code (.ngc .nc .tap .gcode .cnc)");
  const char *const patterns[] = { "*.ngc", "*.nc", "*.tap", "*.gcode", "*.cnc", "*.NGC", "*.NC", "*.TAP", "*.GCODE", "*.CNC" };
  for (guint i = 0; i < G_N_ELEMENTS (patterns); i++)
    gtk_file_filter_add_pattern (f, patterns[i]);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (d), f);
  g_object_unref (f);
  g_signal_connect (d, "response", G_CALLBACK (open_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (d));
}

static void review_clicked (GtkButton *b, gpointer d) { (void) b; app_gcode_panel_review (d); }
static void cancel_clicked (GtkButton *b, gpointer d) { (void) b; app_gcode_panel_cancel (d); }

static void
worst_clicked (GtkButton *b, gpointer data)
{
  (void) b;
  AppGcodePanel *self = data;
  if (self->reviewed && self->review.min_safety_move >= 0)
    app_gcode_panel_select_move (self, self->review.min_safety_move);
}

static void
map_cb (GtkWidget *w, gpointer data)
{
  (void) w;
  app_gcode_panel_layers_shown (data, TRUE);
}

static void
unmap_cb (GtkWidget *w, gpointer data)
{
  (void) w;
  app_gcode_panel_layers_shown (data, FALSE);
}

static void
app_gcode_panel_dispose (GObject *obj)
{
  AppGcodePanel *self = APP_GCODE_PANEL (obj);
  self->disposed = TRUE;
  app_gcode_panel_cancel (self);
  g_clear_handle_id (&self->progress_source, g_source_remove);
  if (self->view)
    {
      g_clear_signal_handler (&self->frame_handler, self->view);
      render_view_remove_layer (self->view, RENDER_LAYER (self->cuts));
      render_view_remove_layer (self->view, RENDER_LAYER (self->rapids));
      render_view_remove_layer (self->view, RENDER_LAYER (self->highlight));
      render_view_remove_layer (self->view, RENDER_LAYER (self->tool_lines));
      render_view_remove_layer (self->view, RENDER_LAYER (self->marker));
      render_view_remove_layer (self->view, RENDER_LAYER (self->legend_layer));
      render_view_remove_layer (self->view, RENDER_LAYER (self->work_zero));
      g_clear_object (&self->view);
    }
  g_clear_object (&self->doc);
  g_clear_object (&self->work_zero);
  g_clear_object (&self->cuts);
  g_clear_object (&self->rapids);
  g_clear_object (&self->highlight);
  g_clear_object (&self->tool_lines);
  g_clear_object (&self->marker);
  g_clear_object (&self->legend_layer);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->line_selection);
  g_clear_object (&self->message_selection);
  G_OBJECT_CLASS (app_gcode_panel_parent_class)->dispose (obj);
}

static void
app_gcode_panel_finalize (GObject *obj)
{
  AppGcodePanel *self = APP_GCODE_PANEL (obj);
  g_clear_pointer (&self->program, app_gcode_program_unref);
  cam_gcode_review_clear (&self->review);
  g_clear_pointer (&self->message_rows, g_array_unref);
  g_clear_pointer (&self->tool_map, g_ptr_array_unref);
  g_clear_pointer (&self->line_marks, g_hash_table_unref);
  g_free (self->status);
  G_OBJECT_CLASS (app_gcode_panel_parent_class)->finalize (obj);
}

static void
app_gcode_panel_class_init (AppGcodePanelClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = app_gcode_panel_dispose;
  G_OBJECT_CLASS (klass)->finalize = app_gcode_panel_finalize;
  g_signal_new ("program-loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  g_signal_new ("load-failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                G_TYPE_STRING);
  g_signal_new ("reviewed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
app_gcode_panel_init (AppGcodePanel *self)
{
  self->lib = app_library_picker_default_library ();
  self->overlay = RENDER_OVERLAY_TYPE;
  self->selected_move = -1;
  self->line_marks = g_hash_table_new (NULL, NULL);
  self->message_rows = g_array_new (FALSE, FALSE, sizeof (AppGcodeMessageRow));
  g_array_set_clear_func (self->message_rows, message_row_clear);
  cam_gcode_review_clear (&self->review);
  self->cuts = render_lines_new ();
  self->rapids = render_lines_new ();
  render_lines_set_style (self->rapids, RENDER_LINE_DASHED);
  self->highlight = render_lines_new ();
  render_layer_set_on_top (RENDER_LAYER (self->highlight), TRUE);
  self->tool_lines = render_lines_new ();
  render_layer_set_on_top (RENDER_LAYER (self->tool_lines), TRUE);
  self->marker = render_markers_new ();
  render_layer_set_on_top (RENDER_LAYER (self->marker), TRUE);
  self->legend_layer = render_legend_new ();
  self->work_zero = render_work_zero_new ();
  self->placement = APP_GCODE_PLACE_AUTO;
  self->z0_at_part_top = TRUE;

  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
  gtk_box_set_spacing (GTK_BOX (self), 6);
  gtk_widget_set_margin_start (GTK_WIDGET (self), 8);
  gtk_widget_set_margin_end (GTK_WIDGET (self), 8);
  gtk_widget_set_margin_top (GTK_WIDGET (self), 8);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self), 8);

  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  self->open_button = gtk_button_new_with_label ("Open…");
  g_signal_connect (self->open_button, "clicked", G_CALLBACK (open_clicked), self);
  self->file_label = wrapped_label (NULL);
  gtk_widget_set_hexpand (GTK_WIDGET (self->file_label), TRUE);
  gtk_box_append (GTK_BOX (top), self->open_button);
  gtk_box_append (GTK_BOX (top), GTK_WIDGET (self->file_label));
  gtk_box_append (GTK_BOX (self), top);

  GtkGrid *grid = GTK_GRID (gtk_grid_new ());
  gtk_grid_set_row_spacing (grid, 4);
  gtk_grid_set_column_spacing (grid, 6);
  self->material = app_library_picker_new (self->lib, CAM_LIBRARY_MATERIALS);
  self->machine = app_library_picker_new (self->lib, CAM_LIBRARY_MACHINES);
  self->tool = app_library_picker_new (self->lib, CAM_LIBRARY_TOOLS);
  app_library_picker_select_id (self->material, self->lib, "al6061");
  app_library_picker_select_id (self->machine, self->lib, "micro60k");
  app_library_picker_select_id (self->tool, self->lib, "em-flat-0.2");
  self->stock_top_spin = app_form_spin (-100, 100, 0.01, 3, 0);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->stock_top_spin),
                               "Work Z of the stock top: feeds above it cut air (the review's assumption)");
  self->tolerance_spin = app_form_spin (0, 1, 0.001, 4, 0);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->tolerance_spin),
                               "Feature tolerance ± mm: the allowed deflection is half of it (0 = engine default)");
  app_form_row (grid, 0, "Material", GTK_WIDGET (self->material));
  app_form_row (grid, 1, "Machine", GTK_WIDGET (self->machine));
  app_form_row (grid, 2, "Tool (all T numbers)", GTK_WIDGET (self->tool));
  app_form_row (grid, 3, "Stock top Z mm", GTK_WIDGET (self->stock_top_spin));
  self->thickness_spin = app_form_spin (0, 200, 0.01, 3, 0);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->thickness_spin),
                               "Stock thickness (0 = unknown): a through hole's drill point and breakthrough below "
                               "the bottom cut air, and do not count when judging drilling against micro-EDM");
  g_signal_connect (self->thickness_spin, "value-changed", G_CALLBACK (thickness_cb), self);
  app_form_row (grid, 4, "Stock thickness mm (0: unknown)", GTK_WIDGET (self->thickness_spin));
  app_form_row (grid, 5, "Tolerance ± mm (0: engine default)", GTK_WIDGET (self->tolerance_spin));
  app_gcode_panel_build_placement (self, grid, 6);
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (grid));
  self->tool_map = g_ptr_array_new ();
  self->tool_map_grid = GTK_GRID (gtk_grid_new ());
  gtk_grid_set_row_spacing (self->tool_map_grid, 4);
  gtk_grid_set_column_spacing (self->tool_map_grid, 6);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->tool_map_grid), "A tool of the library for the moves of one T number");
  gtk_widget_set_visible (GTK_WIDGET (self->tool_map_grid), FALSE);
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (self->tool_map_grid));
  g_signal_connect (self->material, "notify::selected", G_CALLBACK (picker_changed_cb), self);
  g_signal_connect (self->machine, "notify::selected", G_CALLBACK (picker_changed_cb), self);
  g_signal_connect (self->tool, "notify::selected", G_CALLBACK (picker_changed_cb), self);
  g_signal_connect (self->stock_top_spin, "value-changed", G_CALLBACK (stock_top_cb), self);
  g_signal_connect_swapped (self->tolerance_spin, "value-changed", G_CALLBACK (settings_changed), self);

  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  self->review_button = gtk_button_new_with_label ("Review");
  gtk_widget_set_tooltip_text (self->review_button, "Deflection, safety factor and finish of every cutting move "
                                                    "(ae = D, ap from the Z levels cut before)");
  self->cancel_button = gtk_button_new_with_label ("Cancel");
  g_signal_connect (self->review_button, "clicked", G_CALLBACK (review_clicked), self);
  g_signal_connect (self->cancel_button, "clicked", G_CALLBACK (cancel_clicked), self);
  gtk_box_append (GTK_BOX (buttons), self->review_button);
  gtk_box_append (GTK_BOX (buttons), self->cancel_button);
  gtk_box_append (GTK_BOX (self), buttons);
  self->progress = GTK_PROGRESS_BAR (gtk_progress_bar_new ());
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (self->progress));
  self->status_label = wrapped_label ("Open a G-code program to review it");
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (self->status_label));

  self->summary_label = wrapped_label (NULL);
  gtk_label_set_selectable (self->summary_label, TRUE);
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (self->summary_label));
  self->worst_button = GTK_BUTTON (gtk_button_new_with_label ("Worst line"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->worst_button), "Select the move with the lowest safety factor");
  g_signal_connect (self->worst_button, "clicked", G_CALLBACK (worst_clicked), self);
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (self->worst_button));

  const char *overlays[] = { "type", "feed", "deflection", "finish", "safety", NULL };
  self->overlay_dd = GTK_DROP_DOWN (gtk_drop_down_new_from_strings (overlays));
  gtk_drop_down_set_selected (self->overlay_dd, APP_GCODE_OVERLAY_ROW (self->overlay));
  g_signal_connect (self->overlay_dd, "notify::selected", G_CALLBACK (app_gcode_panel_overlay_changed_cb), self);
  GtkGrid *ov = GTK_GRID (gtk_grid_new ());
  gtk_grid_set_column_spacing (ov, 6);
  app_form_row (ov, 0, "Colour by", GTK_WIDGET (self->overlay_dd));
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (ov));
  self->legend_area = GTK_DRAWING_AREA (gtk_drawing_area_new ());
  gtk_drawing_area_set_content_height (self->legend_area, 84);
  gtk_drawing_area_set_draw_func (self->legend_area, app_gcode_panel_legend_draw, self, NULL);
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (self->legend_area));

  self->message_heading = GTK_LABEL (gtk_label_new ("Errors, warnings and review findings"));
  gtk_label_set_xalign (self->message_heading, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->message_heading), "heading");
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (self->message_heading));
  self->message_strings = gtk_string_list_new (NULL);
  self->message_list = string_list_view (G_LIST_MODEL (self->message_strings), &self->message_selection, FALSE, NULL);
  g_signal_connect (self->message_selection, "notify::selected", G_CALLBACK (message_selected_cb), self);
  gtk_box_append (GTK_BOX (self), scrolled (GTK_WIDGET (self->message_list), 110));

  self->move_label = wrapped_label (NULL);
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (self->move_label));
  GtkWidget *th = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  self->program_heading = GTK_LABEL (gtk_label_new ("Program"));
  gtk_label_set_xalign (self->program_heading, 0);
  gtk_widget_set_hexpand (GTK_WIDGET (self->program_heading), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->program_heading), "heading");
  self->goto_entry = GTK_ENTRY (gtk_entry_new ());
  gtk_entry_set_placeholder_text (self->goto_entry, "Go to line");
  gtk_entry_set_input_purpose (self->goto_entry, GTK_INPUT_PURPOSE_DIGITS);
  gtk_editable_set_width_chars (GTK_EDITABLE (self->goto_entry), 10);
  g_signal_connect (self->goto_entry, "activate", G_CALLBACK (goto_activate_cb), self);
  gtk_box_append (GTK_BOX (th), GTK_WIDGET (self->program_heading));
  gtk_box_append (GTK_BOX (th), GTK_WIDGET (self->goto_entry));
  gtk_box_append (GTK_BOX (self), th);
  self->line_list = string_list_view (NULL, &self->line_selection, TRUE, self);
  g_signal_connect (self->line_selection, "notify::selected", G_CALLBACK (line_selected_cb), self);
  GtkWidget *text = scrolled (GTK_WIDGET (self->line_list), 320);
  gtk_widget_set_vexpand (text, TRUE);
  gtk_box_append (GTK_BOX (self), text);

  g_signal_connect (self, "map", G_CALLBACK (map_cb), self);
  g_signal_connect (self, "unmap", G_CALLBACK (unmap_cb), self);
  app_gcode_panel_layers_shown (self, FALSE);
  app_gcode_panel_update_placement (self);
  describe_selection (self, -1);
  app_gcode_panel_refresh (self);
}

GtkWidget *
app_gcode_panel_new (RenderView *view)
{
  AppGcodePanel *self = g_object_new (APP_TYPE_GCODE_PANEL, NULL);
  if (view)
    {
      self->view = g_object_ref (view);
      render_view_add_layer (view, RENDER_LAYER (self->cuts));
      render_view_add_layer (view, RENDER_LAYER (self->rapids));
      render_view_add_layer (view, RENDER_LAYER (self->highlight));
      render_view_add_layer (view, RENDER_LAYER (self->tool_lines));
      render_view_add_layer (view, RENDER_LAYER (self->marker));
      render_view_add_layer (view, RENDER_LAYER (self->legend_layer));
      render_view_add_layer (view, RENDER_LAYER (self->work_zero));
      app_gcode_panel_update_placement (self);
      GtkGesture *click = gtk_gesture_click_new ();
      gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
      g_signal_connect_object (click, "pressed", G_CALLBACK (app_gcode_panel_view_click_cb), self, 0);
      gtk_widget_add_controller (GTK_WIDGET (view), GTK_EVENT_CONTROLLER (click));
      self->frame_handler = g_signal_connect (view, "frame-rendered", G_CALLBACK (app_gcode_panel_frame_cb), self);
    }
  return GTK_WIDGET (self);
}

void
app_gcode_panel_set_document (AppGcodePanel *self, AppDocument *doc)
{
  g_return_if_fail (APP_IS_GCODE_PANEL (self));
  g_return_if_fail (APP_IS_DOCUMENT (doc));
  app_document_adopt_settings (doc, self->material, self->machine, NULL, NULL, NULL);
  app_gcode_panel_watch_document (self, doc);
}
