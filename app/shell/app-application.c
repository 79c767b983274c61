/* app-application.c — start-up, app.* actions, accelerators, command line. */
#include "app-application.h"
#include "app-feeds-panel.h"

#include <stdio.h>

#include "app-bench.h"
#include "app-screenshot.h"
#include "app-open.h"
#include "app-ops-panel.h"
#include "app-window.h"
#include "render-view.h"

#define RESOURCE_BASE "/io/github/microcam/Microcam"

struct _AppApplication
{
  GtkApplication parent_instance;
  int exit_status;
  AppScreenshot *screenshot;     /* batch jobs from the command line, or NULL */
  AppBench *bench;
};

G_DEFINE_FINAL_TYPE (AppApplication, app_application, GTK_TYPE_APPLICATION)

/* ---- app.* actions ---------------------------------------------------------------- */

static AppWindow *
active_or_new_window (AppApplication *self)
{
  GtkWindow *win = gtk_application_get_active_window (GTK_APPLICATION (self));
  if (win == NULL || !APP_IS_WINDOW (win))
    {
      win = GTK_WINDOW (app_window_new (GTK_APPLICATION (self)));
      gtk_window_present (win);
    }
  return APP_WINDOW (win);
}

static void
chooser_response_cb (GtkNativeDialog *dialog, int response, gpointer data)
{
  AppWindow *win = data;
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      if (file != NULL)
        app_open_file_or_report (win, file);
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
  g_object_unref (win);
}

static void
open_activated (GSimpleAction *action, GVariant *param, gpointer data)
{
  AppApplication *self = data;
  AppWindow *win = active_or_new_window (self);
  GtkFileChooserNative *chooser;
  (void) action;
  (void) param;

  chooser = gtk_file_chooser_native_new ("Open a Part, Job or G-code Program", GTK_WINDOW (win),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, "_Open", "_Cancel");
  app_open_add_filters (GTK_FILE_CHOOSER (chooser));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response_cb), g_object_ref (win));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
quit_activated (GSimpleAction *action, GVariant *param, gpointer data)
{
  GList *windows;
  (void) action;
  (void) param;
  /* close windows (so each remembers its size); a window whose job has changes not saved
   * asks first and stays open when the user says Cancel, and the application ends with
   * its last window */
  windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (data)));
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);
  if (windows == NULL)
    g_application_quit (G_APPLICATION (data));
  g_list_free (windows);
}

static void
about_activated (GSimpleAction *action, GVariant *param, gpointer data)
{
  static const char *authors[] = { "The microcam developers", NULL };
  (void) action;
  (void) param;
  gtk_show_about_dialog (gtk_application_get_active_window (GTK_APPLICATION (data)),
                         "program-name", "microcam",
                         "logo-icon-name", MICROCAM_APP_ID,
                         "version", MICROCAM_VERSION,
                         "comments", "CAM for micro machining: load a part, review it, plan micro "
                                     "milling and drilling, export G-code.",
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "authors", authors,
                         NULL);
}

static const GActionEntry app_entries[] = {
  { "open", open_activated, NULL, NULL, NULL, { 0 } },
  { "quit", quit_activated, NULL, NULL, NULL, { 0 } },
  { "about", about_activated, NULL, NULL, NULL, { 0 } },
};

static const struct { const char *action; const char *accels[3]; } accels[] = {
  { "app.open", { "<Primary>o", NULL, NULL } },
  { "app.quit", { "<Primary>q", NULL, NULL } },
  { "win.save-job", { "<Primary>s", NULL, NULL } },
  { "win.save-job-as", { "<Primary><Shift>s", NULL, NULL } },
  { "win.export-gcode", { "<Primary>e", NULL, NULL } },
  { "win.export-report", { "<Primary><Shift>e", NULL, NULL } },
  { "win.fullscreen", { "F11", NULL, NULL } },
  { "win.show-help-overlay", { "<Primary>question", NULL, NULL } },
};

/* ---- GApplication ---------------------------------------------------------------- */

/* On software OpenGL (Mesa llvmpipe: VMs, remote desktops, CI) GTK's GL renderer redraws
 * the whole window on the CPU for every 3D frame; its cairo renderer only copies the
 * GtkGLArea's pixels. Measured with tests/bench/bench-view-frames.sh on a 1M-facet part
 * (2-core machine, llvmpipe, 1024×768 view), frame interval with GSK_RENDERER=gl → cairo:
 * still 108 → 66 ms, while dragging 44 → 28 ms. The user's own GSK_RENDERER always wins.
 * Must run before the first window is realized. */
static void
choose_gsk_renderer (void)
{
  g_autofree char *renderer = NULL;
  if (g_getenv ("GSK_RENDERER") != NULL)
    return;
  if (render_view_gl_is_software (gdk_display_get_default (), &renderer))
    {
      g_debug ("OpenGL is software (%s): GTK draws the window with cairo", renderer);
      g_setenv ("GSK_RENDERER", "cairo", TRUE);
    }
}

static void
app_application_startup (GApplication *app)
{
  G_APPLICATION_CLASS (app_application_parent_class)->startup (app);
  choose_gsk_renderer ();
  g_action_map_add_action_entries (G_ACTION_MAP (app), app_entries, G_N_ELEMENTS (app_entries), app);
  for (gsize i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (app), accels[i].action, accels[i].accels);
  gtk_window_set_default_icon_name (MICROCAM_APP_ID);
  /* GtkApplication (unlike libadwaita's) loads no style.css by itself */
  g_autoptr (GtkCssProvider) css = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (css, RESOURCE_BASE "/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

static int
app_application_handle_local_options (GApplication *app, GVariantDict *options)
{
  AppApplication *self = APP_APPLICATION (app);
  g_autoptr (GError) error = NULL;

  self->screenshot = app_screenshot_new_from_options (options, &error);
  if (error == NULL)
    self->bench = app_bench_new_from_options (options, &error);
  if (error != NULL)
    {
      fprintf (stderr, "microcam: %s\n", error->message);
      return 2;
    }
  if (self->screenshot != NULL && self->bench != NULL)
    {
      fprintf (stderr, "microcam: give either --screenshot or --bench-frames, not both\n");
      return 2;
    }
  /* a batch run is its own process, never handed to a running microcam */
  if (self->screenshot != NULL || self->bench != NULL)
    g_application_set_flags (app, g_application_get_flags (app) | G_APPLICATION_NON_UNIQUE);
  return -1;
}

static gboolean
is_batch (AppApplication *self)
{
  return self->screenshot != NULL || self->bench != NULL;
}

static void
app_application_activate (GApplication *app)
{
  AppApplication *self = APP_APPLICATION (app);
  if (is_batch (self))
    {
      fprintf (stderr, "microcam: --screenshot and --bench-frames need a PART file\n");
      self->exit_status = 2;
      return;
    }
  gtk_window_present (GTK_WINDOW (active_or_new_window (self)));
}

static void
app_application_open (GApplication *app, GFile **files, int n_files, const char *hint)
{
  AppApplication *self = APP_APPLICATION (app);
  (void) hint;

  if (is_batch (self))
    {
      AppWindow *win;
      if (n_files != 1)
        {
          fprintf (stderr, "microcam: --screenshot and --bench-frames take exactly one PART file\n");
          self->exit_status = 2;
          return;
        }
      win = app_window_new (GTK_APPLICATION (app));
      if (self->screenshot != NULL)
        app_screenshot_attach (self->screenshot, win, app);
      else
        app_bench_attach (self->bench, win, app);
      gtk_window_present (GTK_WINDOW (win));
      if (self->screenshot != NULL)
        {
          g_autoptr (GError) error = NULL;
          if (!app_screenshot_open (self->screenshot, win, files[0], &error))
            {
              fprintf (stderr, "microcam: %s\n", error->message);
              self->exit_status = error->domain == G_OPTION_ERROR ? 2 : 1;
              gtk_window_destroy (GTK_WINDOW (win));
            }
        }
      else
        app_window_open (win, files[0]);
      return;
    }

  for (int i = 0; i < n_files; i++)
    {
      GtkWindow *active = gtk_application_get_active_window (GTK_APPLICATION (app));
      AppWindow *win;
      /* reuse an empty window, else one window per part */
      if (active != NULL && APP_IS_WINDOW (active) && app_window_get_mesh (APP_WINDOW (active)) == NULL &&
          !app_window_is_loading (APP_WINDOW (active)))
        win = APP_WINDOW (active);
      else
        win = app_window_new (GTK_APPLICATION (app));
      gtk_window_present (GTK_WINDOW (win));
      app_open_file_or_report (win, files[i]);
    }
}

static void
app_application_finalize (GObject *object)
{
  AppApplication *self = APP_APPLICATION (object);
  g_clear_pointer (&self->screenshot, app_screenshot_free);
  g_clear_pointer (&self->bench, app_bench_free);
  G_OBJECT_CLASS (app_application_parent_class)->finalize (object);
}

static void
app_application_class_init (AppApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = app_application_finalize;
  app_class->startup = app_application_startup;
  app_class->activate = app_application_activate;
  app_class->open = app_application_open;
  app_class->handle_local_options = app_application_handle_local_options;
}

static void
app_application_init (AppApplication *self)
{
  g_signal_connect (self, "window-added", G_CALLBACK (app_feeds_panel_attach), NULL);
  app_screenshot_add_options (G_APPLICATION (self));
  app_bench_add_options (G_APPLICATION (self));
  g_application_set_option_context_parameter_string (G_APPLICATION (self), "[PART.stl|PART.obj|JOB.json|PROGRAM.ngc …]");
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            "Open parts (STL, OBJ), jobs (JSON) or G-code programs in the microcam workbench.");
}

AppApplication *
app_application_new (void)
{
  const char *id = g_getenv ("MICROCAM_APP_ID");
  if (id == NULL || !g_application_id_is_valid (id))
    id = MICROCAM_APP_ID;
  g_set_application_name ("microcam");
  return g_object_new (APP_TYPE_APPLICATION,
                       "application-id", id,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", RESOURCE_BASE,
                       NULL);
}

int
app_application_get_exit_status (AppApplication *app)
{
  g_return_val_if_fail (APP_IS_APPLICATION (app), 1);
  return app->exit_status;
}

void
app_application_set_exit_status (AppApplication *app, int status)
{
  g_return_if_fail (APP_IS_APPLICATION (app));
  app->exit_status = status;
}
