/* main.c — microcam, the GTK 4 workbench: create the application and run it. */
#include "app-application.h"

int
main (int argc, char **argv)
{
  g_autoptr (AppApplication) app = app_application_new ();
  int status = g_application_run (G_APPLICATION (app), argc, argv);
  return status != 0 ? status : app_application_get_exit_status (app);
}
