/* app-error-dialog.h — the app's one error dialog: modal over the window that holds `from`
 * (none when it is in no window), the primary text, the detail under it, and a window title
 * (what the window list shows, and what tests look for). Closes with its button. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void app_error_dialog_show (GtkWidget *from, const char *window_title, const char *primary, const char *detail);

G_END_DECLS
