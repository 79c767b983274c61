/* app-form.h — the small form pieces the side panel pages share: a spin button with its range
 * and digits, and a labelled row of a two-column grid. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

GtkSpinButton *app_form_spin (double lo, double hi, double step, int digits, double value);
/* label in column 0 (left-aligned), w in column 1 (expanding). */
void           app_form_row  (GtkGrid *grid, int row, const char *label, GtkWidget *w);
/* Shows or hides w with its label: the whole row of the grid it is in (app_form_row), or the
 * box it shares with its label. For a page whose setting the window shows once elsewhere. */
void           app_form_row_set_visible (GtkWidget *w, gboolean visible);

G_END_DECLS
