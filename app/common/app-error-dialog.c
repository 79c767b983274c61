/* app-error-dialog.c — see app-error-dialog.h. */
#include "app-error-dialog.h"

void
app_error_dialog_show (GtkWidget *from, const char *window_title, const char *primary, const char *detail)
{
  GtkRoot *root = from ? gtk_widget_get_root (from) : NULL;
  GtkWidget *d = gtk_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT, GTK_MESSAGE_ERROR,
                                         GTK_BUTTONS_CLOSE, "%s", primary);
  if (detail != NULL)
    gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (d), "%s", detail);
  if (window_title != NULL)
    gtk_window_set_title (GTK_WINDOW (d), window_title);
  g_signal_connect (d, "response", G_CALLBACK (gtk_window_destroy), NULL);
  gtk_window_present (GTK_WINDOW (d));
}
