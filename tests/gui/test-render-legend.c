/* test-render-legend.c — a toolpath overlay and its legend on real GL frames under Xvfb
 * (read back as `microcam --screenshot` does): the moves are drawn in their overlay colour
 * where the camera projects them, the legend's colour bar runs green → red for deflection,
 * its title is drawn, and a categorical legend shows one swatch per category. */
#include <gtk/gtk.h>
#include <stdio.h>

#include "render-legend.h"
#include "render-toolpath.h"
#include "render-view.h"

typedef struct {
  RenderView *view;
  RenderLines *cuts, *rapids;
  RenderLegend *legend;
  CamToolpath *tp;
  GMainLoop *loop;
  int step;
  int failures;
} Test;

#define CHECK(cond, ...) \
  G_STMT_START { if (!(cond)) { fprintf (stderr, "FAIL: " __VA_ARGS__); fprintf (stderr, "\n"); t->failures++; } \
                 else { fprintf (stdout, "ok: " __VA_ARGS__); fprintf (stdout, "\n"); } } G_STMT_END

typedef struct {
  guchar *data;
  int width, height;
  gsize stride;
} Pixels;

static void
pixel (const Pixels *p, int x, int y, int rgb[3])
{
  x = CLAMP (x, 0, p->width - 1);
  y = CLAMP (y, 0, p->height - 1);
  const guchar *q = p->data + (gsize) y * p->stride + 4 * (gsize) x;
  rgb[0] = q[0], rgb[1] = q[1], rgb[2] = q[2];
}

static gboolean
near (const Pixels *p, float fx, float fy, int r, gboolean (*pred) (const int rgb[3]))
{
  for (int dy = -r; dy <= r; dy++)
    for (int dx = -r; dx <= r; dx++)
      {
        int rgb[3];
        pixel (p, (int) fx + dx, (int) fy + dy, rgb);
        if (pred (rgb))
          return TRUE;
      }
  return FALSE;
}

static gboolean is_reddish (const int c[3]) { return c[0] > 150 && c[1] < 90 && c[2] < 90; }
static gboolean is_greenish (const int c[3]) { return c[1] > 120 && c[0] < 110 && c[2] < 110; }
static gboolean is_bluish (const int c[3]) { return c[2] > 150 && c[0] < 90; }
static gboolean is_ink (const int c[3]) { return c[0] < 90 && c[1] < 90 && c[2] < 90; }

static void capture_cb (RenderView *view, GdkTexture *texture, const GError *error, gpointer data);

static void
check_frame (Test *t, const Pixels *px)
{
  const RenderCamera *cam = render_view_get_camera (t->view);
  float x, y;
  if (t->step == 0)
    {
      /* move 1 (deflection 1 µm of 5 allowed): green; move 2 (9 µm): red */
      render_camera_project (cam, (vec3) { 1.5f, 1.0f, 1.0f }, &x, &y);
      CHECK (near (px, x, y, 2, is_greenish), "low-deflection move drawn green at (%.0f, %.0f)", x, y);
      render_camera_project (cam, (vec3) { 2.5f, 1.5f, 1.0f }, &x, &y);
      CHECK (near (px, x, y, 2, is_reddish), "high-deflection move drawn red at (%.0f, %.0f)", x, y);
      CHECK (near (px, 16 + 4, 34 + 6, 2, is_greenish), "legend bar starts green");
      CHECK (near (px, 16 + 216, 34 + 6, 2, is_reddish), "legend bar ends red");
      int ink = 0;
      for (int yy = 16; yy < 30; yy++)
        for (int xx = 16; xx < 140; xx++)
          {
            int c[3];
            pixel (px, xx, yy, c);
            ink += is_ink (c);
          }
      CHECK (ink > 20, "legend title drawn (%d dark pixels)", ink);
      /* next: the type overlay, categorical */
      RenderToolpathLegend l;
      render_toolpath_legend (t->tp, RENDER_OVERLAY_TYPE, 0.01, 0.8, &l);
      render_lines_clear (t->cuts);
      render_lines_clear (t->rapids);
      render_toolpath_fill (t->tp, (double[3]) { 0, 0, 1 }, RENDER_OVERLAY_TYPE, &l, G_MAXSIZE, t->cuts, t->rapids);
      render_legend_set (t->legend, &l);
    }
  else
    {
      CHECK (near (px, 16 + 6, 34 + 6, 2, is_bluish), "first swatch (feed) is blue");
      render_camera_project (cam, (vec3) { 1.5f, 1.0f, 1.0f }, &x, &y);
      CHECK (near (px, x, y, 2, is_bluish), "feed move drawn blue with the type overlay");
    }
}

static void
capture_cb (RenderView *view, GdkTexture *texture, const GError *error, gpointer data)
{
  Test *t = data;
  (void) view;
  if (texture == NULL)
    {
      fprintf (stderr, "FAIL: no frame: %s\n", error->message);
      t->failures++;
      g_main_loop_quit (t->loop);
      return;
    }
  Pixels px;
  px.width = gdk_texture_get_width (texture);
  px.height = gdk_texture_get_height (texture);
  px.stride = (gsize) px.width * 4;
  px.data = g_malloc (px.stride * (gsize) px.height);
  gdk_texture_download (texture, px.data, px.stride); /* BGRA in memory */
  for (gsize i = 0; i < px.stride * (gsize) px.height; i += 4)
    {
      guchar b = px.data[i];
      px.data[i] = px.data[i + 2];
      px.data[i + 2] = b;
    }
  check_frame (t, &px);
  g_free (px.data);
  if (++t->step < 2)
    render_view_capture_next_frame (t->view, capture_cb, t);
  else
    g_main_loop_quit (t->loop);
}

int
main (void)
{
  Test test = { 0 }, *t = &test;
  setvbuf (stdout, NULL, _IOLBF, 0);
  gtk_init ();
  t->loop = g_main_loop_new (NULL, FALSE);
  GtkWidget *window = gtk_window_new ();
  t->view = RENDER_VIEW (render_view_new ());
  gtk_widget_set_size_request (GTK_WIDGET (t->view), 500, 400);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (t->view));
  render_view_set_view (t->view, RENDER_CAMERA_VIEW_TOP);
  render_view_set_orthographic (t->view, TRUE);

  /* work Z0 at model Z 1: moves at work 0 lie in the model plane z = 1 */
  t->tp = cam_toolpath_new ();
  t->tp->start[0] = 1, t->tp->start[1] = 1;
  CamMove a = cam_move_init (CAM_MOVE_FEED, 2, 1, 0);
  a.feed_mm_min = 100, a.deflection_um = 1.0f;
  cam_toolpath_append (t->tp, &a);
  CamMove b = cam_move_init (CAM_MOVE_FEED, 3, 2, 0);
  b.feed_mm_min = 100, b.deflection_um = 9.0f;
  cam_toolpath_append (t->tp, &b);
  RenderToolpathLegend l;
  render_toolpath_legend (t->tp, RENDER_OVERLAY_DEFLECTION, 0.01, 0.8, &l);
  t->cuts = render_lines_new ();
  t->rapids = render_lines_new ();
  render_toolpath_fill (t->tp, (double[3]) { 0, 0, 1 }, RENDER_OVERLAY_DEFLECTION, &l, G_MAXSIZE, t->cuts, t->rapids);
  t->legend = render_legend_new ();
  render_legend_set (t->legend, &l);
  render_view_add_layer (t->view, RENDER_LAYER (t->cuts));
  render_view_add_layer (t->view, RENDER_LAYER (t->rapids));
  render_view_add_layer (t->view, RENDER_LAYER (t->legend));

  render_view_capture_next_frame (t->view, capture_cb, t);
  gtk_window_present (GTK_WINDOW (window));
  g_main_loop_run (t->loop);

  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (t->cuts);
  g_object_unref (t->rapids);
  g_object_unref (t->legend);
  cam_toolpath_unref (t->tp);
  g_main_loop_unref (t->loop);
  if (t->failures == 0)
    printf ("PASS\n");
  return t->failures == 0 ? 0 : 1;
}
