/* app-application.h — the GtkApplication: app.* actions and accelerators, command line
 * (files to open, --screenshot, --bench-frames), window creation, exit status. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define APP_TYPE_APPLICATION (app_application_get_type ())
G_DECLARE_FINAL_TYPE (AppApplication, app_application, APP, APPLICATION, GtkApplication)

/* The application id is io.github.microcam.Microcam, or $MICROCAM_APP_ID when that is a
 * valid id (tests run several instances side by side). */
AppApplication *app_application_new             (void);

/* What main() returns once g_application_run() is done (batch runs set it). */
int             app_application_get_exit_status (AppApplication *app);
void            app_application_set_exit_status (AppApplication *app, int status);

G_END_DECLS
