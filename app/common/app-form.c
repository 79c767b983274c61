/* app-form.c — see app-form.h. */
#include "app-form.h"

GtkSpinButton *
app_form_spin (double lo, double hi, double step, int digits, double value)
{
  GtkSpinButton *s = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (lo, hi, step));
  gtk_spin_button_set_digits (s, (guint) digits);
  gtk_spin_button_set_value (s, value);
  return s;
}

void
app_form_row (GtkGrid *grid, int row, const char *label, GtkWidget *w)
{
  GtkWidget *l = gtk_label_new (label);
  gtk_label_set_xalign (GTK_LABEL (l), 0);
  gtk_grid_attach (grid, l, 0, row, 1, 1);
  gtk_widget_set_hexpand (w, TRUE);
  gtk_grid_attach (grid, w, 1, row, 1, 1);
}

void
app_form_row_set_visible (GtkWidget *w, gboolean visible)
{
  GtkWidget *parent = gtk_widget_get_parent (w);
  if (!GTK_IS_GRID (parent))
    {
      gtk_widget_set_visible (parent ? parent : w, visible);
      return;
    }
  int column, row, width, height;
  gtk_grid_query_child (GTK_GRID (parent), w, &column, &row, &width, &height);
  for (GtkWidget *c = gtk_widget_get_first_child (parent); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      int cc, cr, cw, ch;
      gtk_grid_query_child (GTK_GRID (parent), c, &cc, &cr, &cw, &ch);
      if (cr == row)
        gtk_widget_set_visible (c, visible);
    }
}
