/* app-ops-unreachable.c — what the plan could not make (CamUnreachable, cam-job.h): a list on
 * the Operations page (feature, reason in words, the process that can make it instead) and a
 * marker in the view at each entry's x, y on the part's top. The status line's "N unreachable"
 * is a link to the list; right-clicking a marker (app_ops_panel_pick_at) or selecting a row
 * shows the reason and highlights the marker. Drawn with the DFM page's markers
 * (render-markers.h): never smaller than a few pixels, on top of the part. */
#include "app-ops-panel-private.h"
#include "cam-process-words.h"

#include <math.h>
#include <string.h>

/* Violet: not a severity colour of the DFM page's markers, nor an overlay's. */
static const float unreachable_rgba[4] = { 0.62f, 0.22f, 0.92f, 1.0f };

/* The process ids of the engine (cam_process_to_string and the plan's "second-setup"), in
 * words for the list; an id not known here is shown as it is. */
static const char *
process_words (const char *process)
{
  return cam_process_describe (process);
}

static const CamUnreachable *
entry (AppOpsPanel *self, int i)
{
  if (self->job == NULL || i < 0 || (guint) i >= self->job->unreachable->len)
    return NULL;
  return g_ptr_array_index (self->job->unreachable, i);
}

/* "hole3: no drill in the library is Ø0.100 mm or smaller … → micro-EDM …" */
static char *
entry_words (const CamUnreachable *u)
{
  GString *s = g_string_new (u->feature_id ? u->feature_id : "area");
  if (u->area_mm2 > 0)
    g_string_append_printf (s, " (%.4f mm² left)", u->area_mm2);
  g_string_append_printf (s, ": %s", u->reason ? u->reason : "no tool of the library can make it");
  if (u->process)
    g_string_append_printf (s, "\nInstead: %s", process_words (u->process));
  return g_string_free (s, FALSE);
}

static GtkWidget *
entry_row (const CamUnreachable *u)
{
  g_autofree char *head = g_markup_printf_escaped ("<b>%s</b>%s  <small>at X%.3f Y%.3f</small>",
                                                   u->feature_id ? u->feature_id : "area",
                                                   u->process ? "" : "  (no other process named)", u->x, u->y);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 3);
  gtk_widget_set_margin_bottom (box, 3);
  GtkWidget *h = gtk_label_new (NULL);
  gtk_label_set_markup (GTK_LABEL (h), head);
  gtk_label_set_xalign (GTK_LABEL (h), 0);
  GtkWidget *reason = gtk_label_new (u->reason ? u->reason : "no tool of the library can make it");
  gtk_label_set_wrap (GTK_LABEL (reason), TRUE);
  gtk_label_set_xalign (GTK_LABEL (reason), 0);
  gtk_label_set_max_width_chars (GTK_LABEL (reason), 44);
  gtk_box_append (GTK_BOX (box), h);
  gtk_box_append (GTK_BOX (box), reason);
  if (u->process)
    {
      g_autofree char *alt = g_markup_printf_escaped ("→ <i>%s</i>", process_words (u->process));
      GtkWidget *p = gtk_label_new (NULL);
      gtk_label_set_markup (GTK_LABEL (p), alt);
      gtk_label_set_xalign (GTK_LABEL (p), 0);
      gtk_label_set_wrap (GTK_LABEL (p), TRUE);
      gtk_box_append (GTK_BOX (box), p);
    }
  g_autofree char *tip = entry_words (u);
  gtk_widget_set_tooltip_text (box, tip);
  return box;
}

void
app_ops_panel_rebuild_unreachable (AppOpsPanel *self)
{
  GtkWidget *child;
  /* (a selected row going away tells the list's handler "none": it only clears the highlight) */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->unreachable_list))) != NULL)
    gtk_list_box_remove (self->unreachable_list, child);
  render_markers_clear (self->unreachable_markers);
  render_markers_set_highlight (self->unreachable_markers, -1);
  guint n = self->job ? self->job->unreachable->len : 0;
  gtk_widget_set_visible (GTK_WIDGET (self->unreachable_expander), n > 0);
  if (n == 0)
    return;
  g_autofree char *title = g_strdup_printf ("<b>%u unreachable feature%s</b> — not in the program", n,
                                            n == 1 ? "" : "s");
  gtk_expander_set_label (self->unreachable_expander, title);
  for (guint i = 0; i < n; i++)
    {
      const CamUnreachable *u = g_ptr_array_index (self->job->unreachable, i);
      gtk_list_box_append (self->unreachable_list, entry_row (u));
      /* on the part's top, sized as the area left (a whole feature: a small sphere) */
      double at[3] = { u->x, u->y, self->job->part_max[2] };
      double r = u->area_mm2 > 0 ? sqrt (u->area_mm2 / G_PI) : 0.05;
      render_markers_add (self->unreachable_markers, at, r, unreachable_rgba);
    }
}

int
app_ops_panel_unreachable_at (AppOpsPanel *self, float x, float y)
{
  if (self->view == NULL || self->job == NULL || self->job->unreachable->len == 0
      || !render_layer_get_visible (RENDER_LAYER (self->unreachable_markers)))
    return -1;
  return render_markers_pick (self->unreachable_markers, render_view_get_camera (self->view), x, y, 3.0f);
}

/* The entry's reason where the picked move's numbers go: one place to read what was picked. */
static void
show_entry (AppOpsPanel *self, int i)
{
  const CamUnreachable *u = entry (self, i);
  render_markers_set_highlight (self->unreachable_markers, u ? i : -1);
  if (u == NULL)
    return;
  g_autofree char *words = entry_words (u);
  g_autofree char *text = g_strdup_printf ("Unreachable: %s", words);
  gtk_label_set_text (self->move_label, text);
}

void
app_ops_panel_select_unreachable (AppOpsPanel *self, int i)
{
  GtkListBoxRow *row = entry (self, i) ? gtk_list_box_get_row_at_index (self->unreachable_list, i) : NULL;
  if (row == NULL)
    {
      gtk_list_box_unselect_all (self->unreachable_list);
      render_markers_set_highlight (self->unreachable_markers, -1);
      return;
    }
  gtk_expander_set_expanded (self->unreachable_expander, TRUE);
  gtk_list_box_select_row (self->unreachable_list, row);
  show_entry (self, i);
}

void
app_ops_panel_unreachable_selected_cb (GtkListBox *list, GtkListBoxRow *row, gpointer data)
{
  (void) list;
  AppOpsPanel *self = data;
  show_entry (self, row ? gtk_list_box_row_get_index (row) : -1);
}

gboolean
app_ops_panel_status_link_cb (GtkLabel *label, const char *uri, gpointer data)
{
  (void) label;
  AppOpsPanel *self = data;
  if (g_strcmp0 (uri, "unreachable") != 0)
    return FALSE;
  gtk_expander_set_expanded (self->unreachable_expander, TRUE);
  app_ops_panel_select_unreachable (self, 0);
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->unreachable_list, 0);
  if (row != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (row));
  return TRUE;
}

void
app_ops_panel_set_status_linked (AppOpsPanel *self, const char *text)
{
  app_ops_panel_set_status (self, text);
  guint n = self->job ? self->job->unreachable->len : 0;
  if (n == 0)
    return;
  g_autofree char *plain = g_strdup_printf ("%u unreachable", n);
  g_autofree char *escaped = g_markup_escape_text (text, -1);
  char *at = strstr (escaped, plain);
  if (at == NULL)
    return;
  /* the count leads to the list (app_ops_panel_status_link_cb) */
  g_autofree char *link = g_markup_printf_escaped ("<a href=\"unreachable\" title=\"%s\">%s</a>",
                                                   "Show what cannot be made, and why", plain);
  *at = '\0';
  g_autofree char *markup = g_strconcat (escaped, link, at + strlen (plain), NULL);
  gtk_label_set_markup (self->status_label, markup);
}
