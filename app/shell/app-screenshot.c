/* app-screenshot.c — render the loaded part once, write a PNG, quit. */
#include "app-screenshot.h"

#include <stdio.h>

#include "app-application.h"
#include "app-gcode-panel.h"
#include "app-open.h"
#include "app-ops-panel.h"

#define WATCHDOG_S 120

struct _AppScreenshot
{
  char *path;
  RenderCameraView view;
  int width, height;
  char *overlay;              /* colouring of a job's toolpaths, or NULL */
  char *material, *machine, *tool_id;  /* review of a G-code program, or NULL */
  gulong frame_handler;       /* G-code: waiting for the view's first frame */

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
      "Colour a JOB.json's toolpaths or a G-code program by type, feed, deflection, finish or safety (with --screenshot)", "WORD" },
    { "material", 0, 0, G_OPTION_ARG_STRING, NULL,
      "Material id for reviewing a G-code program (with --screenshot; default al6061)", "ID" },
    { "machine", 0, 0, G_OPTION_ARG_STRING, NULL,
      "Machine id for reviewing a G-code program (with --screenshot; default micro60k)", "ID" },
    { "tool-id", 0, 0, G_OPTION_ARG_STRING, NULL,
      "Library tool for every T number of a G-code program (with --screenshot; default em-flat-0.2)", "ID" },
    { NULL, 0, 0, 0, NULL, NULL, NULL },
  };
  g_application_add_main_option_entries (app, entries);
}

AppScreenshot *
app_screenshot_new_from_options (GVariantDict *options, GError **error)
{
  g_autoptr (AppScreenshot) shot = NULL;
  const char *path = NULL, *view = NULL, *size = NULL, *overlay = NULL;
  const char *material = NULL, *machine = NULL, *tool_id = NULL;

  g_variant_dict_lookup (options, "screenshot", "^&ay", &path);
  g_variant_dict_lookup (options, "view", "&s", &view);
  g_variant_dict_lookup (options, "size", "&s", &size);
  g_variant_dict_lookup (options, "overlay", "&s", &overlay);
  g_variant_dict_lookup (options, "material", "&s", &material);
  g_variant_dict_lookup (options, "machine", "&s", &machine);
  g_variant_dict_lookup (options, "tool-id", "&s", &tool_id);
  if (path == NULL)
    {
      if (view != NULL || size != NULL || overlay != NULL || material != NULL || machine != NULL || tool_id != NULL)
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                       "--view, --size, --overlay, --material, --machine and --tool-id only apply with "
                       "--screenshot OUT.png");
          return NULL;
        }
      return NULL;
    }

  shot = g_new0 (AppScreenshot, 1);
  shot->path = g_strdup (path);
  shot->overlay = g_strdup (overlay);
  shot->material = g_strdup (material);
  shot->machine = g_strdup (machine);
  shot->tool_id = g_strdup (tool_id);
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
  g_free (shot->material);
  g_free (shot->machine);
  g_free (shot->tool_id);
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

/* ---- a G-code program: read, reviewed when the overlay needs numbers, then shot ---- */

static void
gcode_frame_cb (RenderView *view, double ms, AppScreenshot *shot)
{
  (void) ms;
  /* the view fits itself to the grid at its first frame: aim at the program after it */
  g_clear_signal_handler (&shot->frame_handler, view);
  if (shot->win == NULL)
    return;
  app_gcode_panel_fit_view (app_gcode_panel_from_window (GTK_WIDGET (shot->win)));
  render_view_capture_next_frame (view, captured_cb, shot);
}

static void
gcode_ready (AppScreenshot *shot)
{
  if (shot->win == NULL)
    return;
  RenderView *view = app_window_get_view (shot->win);
  if (shot->frame_handler == 0)
    shot->frame_handler = g_signal_connect (view, "frame-rendered", G_CALLBACK (gcode_frame_cb), shot);
  gtk_widget_queue_draw (GTK_WIDGET (view));
}

static void
gcode_loaded_cb (AppGcodePanel *panel, AppScreenshot *shot)
{
  const CamGcodeReader *r = app_gcode_panel_get_reader (panel);
  g_autofree char *first = cam_gcode_reader_first_error (r);
  if (first)
    fprintf (stderr, "microcam: %u error%s in the program — first: %s\n", r->n_errors, r->n_errors == 1 ? "" : "s",
             first);
  if (shot->tool_id)
    {
      /* --tool-id is the tool of every T number, whatever the program's header names */
      for (guint i = 0; i < r->toolpath->tools->len; i++)
        app_gcode_panel_map_tool (panel, ((const CamToolpathTool *) g_ptr_array_index (r->toolpath->tools, i))->number,
                                  NULL);
    }
  RenderOverlay o = app_gcode_panel_get_overlay (panel);
  if (o == RENDER_OVERLAY_DEFLECTION || o == RENDER_OVERLAY_FINISH || o == RENDER_OVERLAY_SAFETY)
    app_gcode_panel_review (panel); /* ::reviewed comes next */
  else
    gcode_ready (shot);
}

static void
gcode_reviewed_cb (AppGcodePanel *panel, AppScreenshot *shot)
{
  (void) panel;
  gcode_ready (shot);
}

static void
gcode_failed_cb (AppGcodePanel *panel, const char *message, AppScreenshot *shot)
{
  (void) panel;
  finish (shot, 1, message);
}

static gboolean
open_gcode (AppScreenshot *shot, AppWindow *win, const char *path, GError **error)
{
  RenderOverlay o = RENDER_OVERLAY_TYPE;
  if (shot->overlay && !render_overlay_from_string (shot->overlay, &o))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "--overlay must be type, feed, deflection, finish or safety, not '%s'", shot->overlay);
      return FALSE;
    }
  app_gcode_panel_attach (GTK_WIDGET (win));
  AppGcodePanel *panel = app_gcode_panel_from_window (GTK_WIDGET (win));
  const struct { const char *option, *id; gboolean (*select) (AppGcodePanel *, const char *); const char *list; } picks[] = {
    { "--material", shot->material, app_gcode_panel_select_material, "materials" },
    { "--machine", shot->machine, app_gcode_panel_select_machine, "machines" },
    { "--tool-id", shot->tool_id, app_gcode_panel_select_tool_id, "tools" },
  };
  for (guint i = 0; i < G_N_ELEMENTS (picks); i++)
    if (picks[i].id && !picks[i].select (panel, picks[i].id))
      {
        g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, "%s %s: not in the library (microcam-cli %s lists them)",
                     picks[i].option, picks[i].id, picks[i].list);
        return FALSE;
      }
  app_gcode_panel_set_overlay (panel, o);
  g_signal_connect (panel, "program-loaded", G_CALLBACK (gcode_loaded_cb), shot);
  g_signal_connect (panel, "reviewed", G_CALLBACK (gcode_reviewed_cb), shot);
  g_signal_connect (panel, "load-failed", G_CALLBACK (gcode_failed_cb), shot);
  return app_gcode_panel_show_file (GTK_WIDGET (win), path, error);
}

gboolean
app_screenshot_open (AppScreenshot *shot, AppWindow *win, GFile *file, GError **error)
{
  g_autofree char *path = g_file_get_path (file);
  if (path != NULL && app_open_classify (path) == APP_FILE_GCODE)
    return open_gcode (shot, win, path, error);
  if (shot->material != NULL || shot->machine != NULL || shot->tool_id != NULL)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                   "--material, --machine and --tool-id review a G-code program (.ngc .nc .tap .gcode .cnc)");
      return FALSE;
    }
  if (path != NULL && g_str_has_suffix (path, ".json"))
    return app_ops_panel_show_job (GTK_WIDGET (win), path, shot->overlay ? shot->overlay : "type", error);
  if (shot->overlay != NULL)
    {
      g_autofree char *name = g_file_get_parse_name (file);
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                   "--overlay %s colours a job's toolpaths or a G-code program: give a JOB.json or a PROGRAM.ngc, "
                   "not the part %s", shot->overlay, name);
      return FALSE;
    }
  app_window_open (win, file);
  return TRUE;
}
