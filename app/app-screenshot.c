/* app-screenshot.c — render the loaded part once, write a PNG, quit. */
#include "app-screenshot.h"

#include <stdio.h>

#include "app-application.h"
#include "app-ops-panel.h"

#define WATCHDOG_S 120

struct _AppScreenshot
{
  char *path;
  RenderCameraView view;
  int width, height;
  char *overlay;              /* colouring of a job's toolpaths, or NULL */

  AppWindow *win;             /* weak */
  GApplication *app;          /* weak: outlives the window */
  guint watchdog;
  gboolean done;
};

void
app_screenshot_add_options (GApplication *app)
{
  static const GOptionEntry entries[] = {
    { "screenshot", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      "Render PART once, write the 3D view to OUT.png and quit", "OUT.png" },
    { "view", 0, 0, G_OPTION_ARG_STRING, NULL,
      "View direction for --screenshot: iso (default), top, front or right", "VIEW" },
    { "size", 0, 0, G_OPTION_ARG_STRING, NULL,
      "Size of the 3D view for --screenshot in pixels (default 1024x768)", "WxH" },
    { "overlay", 0, 0, G_OPTION_ARG_STRING, NULL,
      "Colour a JOB.json's toolpaths by type, feed, deflection, finish or safety (with --screenshot)", "WORD" },
    { NULL, 0, 0, 0, NULL, NULL, NULL },
  };
  g_application_add_main_option_entries (app, entries);
}

AppScreenshot *
app_screenshot_new_from_options (GVariantDict *options, GError **error)
{
  g_autoptr (AppScreenshot) shot = NULL;
  const char *path = NULL, *view = NULL, *size = NULL, *overlay = NULL;

  g_variant_dict_lookup (options, "screenshot", "^&ay", &path);
  g_variant_dict_lookup (options, "view", "&s", &view);
  g_variant_dict_lookup (options, "size", "&s", &size);
  g_variant_dict_lookup (options, "overlay", "&s", &overlay);
  if (path == NULL)
    {
      if (view != NULL || size != NULL || overlay != NULL)
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                       "--view, --size and --overlay only apply with --screenshot OUT.png");
          return NULL;
        }
      return NULL;
    }

  shot = g_new0 (AppScreenshot, 1);
  shot->path = g_strdup (path);
  shot->overlay = g_strdup (overlay);
  shot->view = RENDER_CAMERA_VIEW_ISO;
  shot->width = 1024;
  shot->height = 768;
  if (view != NULL && !render_camera_view_from_string (view, &shot->view))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "--view %s: use iso, top, front or right", view);
      return NULL;
    }
  if (size != NULL)
    {
      char *end = NULL;
      guint64 w = g_ascii_strtoull (size, &end, 10), h = 0;
      if (end != NULL && (*end == 'x' || *end == 'X'))
        h = g_ascii_strtoull (end + 1, &end, 10);
      if (end == NULL || *end != '\0' || w < 64 || h < 64 || w > 8192 || h > 8192)
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       "--size %s: give WIDTHxHEIGHT in pixels, each from 64 to 8192 (e.g. 1024x768)", size);
          return NULL;
        }
      shot->width = (int) w;
      shot->height = (int) h;
    }
  return g_steal_pointer (&shot);
}

void
app_screenshot_free (AppScreenshot *shot)
{
  if (shot == NULL)
    return;
  if (shot->watchdog != 0)
    g_source_remove (shot->watchdog);
  g_clear_weak_pointer (&shot->win);
  g_free (shot->path);
  g_free (shot->overlay);
  g_free (shot);
}

static void
finish (AppScreenshot *shot, int status, const char *message)
{
  if (shot->done)
    return;
  shot->done = TRUE;
  if (message != NULL)
    fprintf (status == 0 ? stdout : stderr, "microcam: %s\n", message);
  if (shot->watchdog != 0)
    {
      g_source_remove (shot->watchdog);
      shot->watchdog = 0;
    }
  app_application_set_exit_status (APP_APPLICATION (shot->app), status);
  g_application_quit (shot->app);
}

static void
captured_cb (RenderView *view, GdkTexture *texture, const GError *error, gpointer data)
{
  AppScreenshot *shot = data;
  g_autoptr (GError) local = NULL;
  g_autoptr (GBytes) png = NULL;
  g_autofree char *message = NULL;

  if (texture == NULL)
    {
      message = g_strdup_printf ("cannot take the screenshot %s: %s", shot->path, error->message);
      finish (shot, 1, message);
      return;
    }
  png = gdk_texture_save_to_png_bytes (texture);
  /* g_file_set_contents writes a temporary file and renames it: never half a PNG */
  if (!g_file_set_contents (shot->path, g_bytes_get_data (png, NULL), (gssize) g_bytes_get_size (png), &local))
    {
      message = g_strdup_printf ("cannot write the screenshot: %s", local->message);
      finish (shot, 1, message);
      return;
    }
  {
    int w = gdk_texture_get_width (texture), h = gdk_texture_get_height (texture);
    int scale = gtk_widget_get_scale_factor (GTK_WIDGET (view));
    if (w != shot->width * scale || h != shot->height * scale)
      /* a window manager may keep the window inside a smaller screen */
      fprintf (stderr, "microcam: the view got %d×%d px, not the %d×%d asked for\n",
               w / scale, h / scale, shot->width, shot->height);
    message = g_strdup_printf ("wrote %s (%d×%d px)", shot->path, w, h);
  }
  finish (shot, 0, message);
}

static void
mesh_changed_cb (AppWindow *win, AppScreenshot *shot)
{
  RenderView *view = app_window_get_view (win);
  render_view_set_view (view, shot->view);
  render_view_capture_next_frame (view, captured_cb, shot);
}

static void
load_failed_cb (AppWindow *win, GError *error, AppScreenshot *shot)
{
  (void) win;
  finish (shot, 1, error->message);
}

static void
gl_failed_cb (RenderView *view, const char *message, AppScreenshot *shot)
{
  g_autofree char *text = g_strdup_printf ("cannot take the screenshot %s: %s", shot->path, message);
  (void) view;
  finish (shot, 1, text);
}

static gboolean
watchdog_cb (gpointer data)
{
  AppScreenshot *shot = data;
  g_autofree char *text = g_strdup_printf ("cannot take the screenshot %s: nothing was drawn within %d s",
                                           shot->path, WATCHDOG_S);
  shot->watchdog = 0;
  finish (shot, 1, text);
  return G_SOURCE_REMOVE;
}

void
app_screenshot_attach (AppScreenshot *shot, AppWindow *win, GApplication *app)
{
  RenderView *view = app_window_get_view (win);

  g_set_weak_pointer (&shot->win, win);
  shot->app = app;
  app_window_set_batch_mode (win, TRUE);
  /* The window shrinks to its content; the view asks for exactly the shot's size. */
  gtk_widget_set_size_request (GTK_WIDGET (view), shot->width, shot->height);
  gtk_window_set_default_size (GTK_WINDOW (win), 1, 1);
  gtk_window_unmaximize (GTK_WINDOW (win));
  render_view_set_view (view, shot->view);

  g_signal_connect (win, "mesh-changed", G_CALLBACK (mesh_changed_cb), shot);
  g_signal_connect (win, "load-failed", G_CALLBACK (load_failed_cb), shot);
  g_signal_connect (view, "gl-failed", G_CALLBACK (gl_failed_cb), shot);
  shot->watchdog = g_timeout_add_seconds (WATCHDOG_S, watchdog_cb, shot);
}

gboolean
app_screenshot_open (AppScreenshot *shot, AppWindow *win, GFile *file, GError **error)
{
  g_autofree char *path = g_file_get_path (file);
  if (path != NULL && g_str_has_suffix (path, ".json"))
    return app_ops_panel_show_job (GTK_WIDGET (win), path, shot->overlay ? shot->overlay : "type", error);
  if (shot->overlay != NULL)
    {
      g_autofree char *name = g_file_get_parse_name (file);
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                   "--overlay %s colours a job's toolpaths: give a JOB.json, not the part %s", shot->overlay, name);
      return FALSE;
    }
  app_window_open (win, file);
  return TRUE;
}
