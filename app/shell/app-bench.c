/* app-bench.c — frame time of the 3D view on the loaded part (orbiting, glFinish). */
#include "app-bench.h"

#include <stdio.h>

#include "app-application.h"

#define WARMUP_FRAMES 3
#define WATCHDOG_S 600

struct _AppBench
{
  int frames;
  AppWindow *win;            /* weak */
  GApplication *app;
  gboolean running;
  int seen;
  double sum_ms, min_ms, max_ms;
  gint64 t_first;
  gulong frame_id;
  guint watchdog;
  gboolean coarse_phase;
};

void
app_bench_add_options (GApplication *app)
{
  static const GOptionEntry entries[] = {
    { "bench-frames", 0, 0, G_OPTION_ARG_INT, NULL,
      "Benchmark: draw N frames of PART while orbiting, print the mean frame time, quit", "N" },
    { NULL, 0, 0, 0, NULL, NULL, NULL },
  };
  g_application_add_main_option_entries (app, entries);
}

AppBench *
app_bench_new_from_options (GVariantDict *options, GError **error)
{
  AppBench *bench;
  int frames = 0;
  if (!g_variant_dict_lookup (options, "bench-frames", "i", &frames))
    return NULL;
  if (frames < 1 || frames > 100000)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "--bench-frames %d: give a number of frames from 1 to 100000", frames);
      return NULL;
    }
  bench = g_new0 (AppBench, 1);
  bench->frames = frames;
  bench->min_ms = G_MAXDOUBLE;
  return bench;
}

void
app_bench_free (AppBench *bench)
{
  if (bench == NULL)
    return;
  g_clear_handle_id (&bench->watchdog, g_source_remove);
  g_clear_weak_pointer (&bench->win);
  g_free (bench);
}

static void fail (AppBench *bench, const char *message);

static void
frame_cb (RenderView *view, double ms, AppBench *bench)
{
  int n;
  if (!bench->running)
    return;
  bench->seen++;
  if (bench->seen == WARMUP_FRAMES)
    bench->t_first = g_get_monotonic_time ();
  if (bench->seen <= WARMUP_FRAMES)
    return;

  n = bench->seen - WARMUP_FRAMES;
  bench->sum_ms += ms;
  bench->min_ms = MIN (bench->min_ms, ms);
  bench->max_ms = MAX (bench->max_ms, ms);
  if (n < bench->frames)
    return;

  {
    CamMesh *mesh = app_window_get_mesh (bench->win);
    RenderMesh *rmesh = render_view_get_mesh (view);
    double wall_ms = (double) (g_get_monotonic_time () - bench->t_first) / 1000.0 / n;
    int w = gtk_widget_get_width (GTK_WIDGET (view)), h = gtk_widget_get_height (GTK_WIDGET (view));
    const char *renderer = (const char *) glGetString (GL_RENDERER);
    if (!bench->coarse_phase)
      printf ("bench-frames: %u facets, %d frames at %d×%d px on %s\n",
              mesh->n_triangles, n, w, h, renderer != NULL ? renderer : "?");
    printf ("bench-frames: %s: draw+glFinish mean %.1f ms (min %.1f, max %.1f); "
            "frame interval mean %.1f ms = %.1f frames/s\n",
            bench->coarse_phase ? "while dragging (coarse)" : "still (full detail)",
            bench->sum_ms / n, bench->min_ms, bench->max_ms, wall_ms, 1000.0 / wall_ms);
    if (!bench->coarse_phase && render_mesh_get_n_coarse_triangles (rmesh) > 0)
      {
        /* second phase: what the user sees while dragging */
        printf ("bench-frames: coarse version while dragging: %u facets\n",
                render_mesh_get_n_coarse_triangles (rmesh));
        bench->coarse_phase = TRUE;
        bench->seen = WARMUP_FRAMES - 1;
        bench->sum_ms = bench->max_ms = 0.0;
        bench->min_ms = G_MAXDOUBLE;
        render_view_set_interacting (view, TRUE);
        return;
      }
  }
  bench->running = FALSE;
  g_clear_handle_id (&bench->watchdog, g_source_remove);
  app_application_set_exit_status (APP_APPLICATION (bench->app), 0);
  g_application_quit (bench->app);
}

/* Drives the frames from the frame clock: a redraw queued from inside the render handler
 * would be dropped. Each tick turns the camera, as a user orbiting does. */
static gboolean
tick_cb (GtkWidget *widget, GdkFrameClock *clock, gpointer data)
{
  AppBench *bench = data;
  RenderView *view = RENDER_VIEW (widget);
  (void) clock;
  if (!bench->running)
    return G_SOURCE_CONTINUE;
  render_camera_orbit (render_view_get_camera (view), 3.0f, 0.0f);
  render_view_camera_changed (view);
  return G_SOURCE_CONTINUE;
}

static gboolean
watchdog_cb (gpointer data)
{
  AppBench *bench = data;
  bench->watchdog = 0;
  fail (bench, "no frames were drawn within the time limit");
  return G_SOURCE_REMOVE;
}

static void
mesh_changed_cb (AppWindow *win, AppBench *bench)
{
  RenderView *view = app_window_get_view (win);
  render_view_set_timed_frames (view, TRUE);
  bench->running = TRUE;
  bench->seen = 0;
  render_view_camera_changed (view);
}

static void
fail (AppBench *bench, const char *message)
{
  if (!bench->running && bench->seen < 0)
    return;
  fprintf (stderr, "microcam: --bench-frames: %s\n", message);
  bench->running = FALSE;
  bench->seen = -1;
  g_clear_handle_id (&bench->watchdog, g_source_remove);
  app_application_set_exit_status (APP_APPLICATION (bench->app), 1);
  g_application_quit (bench->app);
}

static void
load_failed_cb (AppWindow *win, GError *error, AppBench *bench)
{
  (void) win;
  fail (bench, error->message);
}

static void
gl_failed_cb (RenderView *view, const char *message, AppBench *bench)
{
  (void) view;
  fail (bench, message);
}

void
app_bench_attach (AppBench *bench, AppWindow *win, GApplication *app)
{
  RenderView *view = app_window_get_view (win);
  g_set_weak_pointer (&bench->win, win);
  bench->app = app;
  app_window_set_batch_mode (win, TRUE);
  gtk_widget_set_size_request (GTK_WIDGET (view), 1024, 768);
  gtk_window_set_default_size (GTK_WINDOW (win), 1, 1);
  g_signal_connect (win, "mesh-changed", G_CALLBACK (mesh_changed_cb), bench);
  g_signal_connect (win, "load-failed", G_CALLBACK (load_failed_cb), bench);
  g_signal_connect (view, "gl-failed", G_CALLBACK (gl_failed_cb), bench);
  bench->frame_id = g_signal_connect (view, "frame-rendered", G_CALLBACK (frame_cb), bench);
  gtk_widget_add_tick_callback (GTK_WIDGET (view), tick_cb, bench, NULL);
  bench->watchdog = g_timeout_add_seconds (WATCHDOG_S, watchdog_cb, bench);
}
