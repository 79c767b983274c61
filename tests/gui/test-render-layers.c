/* test-render-layers.c — the overlay API other modules draw through (RenderLines,
 * RenderMarkers on a RenderView), checked on real GL frames under Xvfb: a solid line is
 * drawn where the camera projects it, a dashed line has gaps, markers are shaded discs,
 * the highlighted one has a white ring, picking finds them, hiding or removing a layer
 * takes it off the next frame, and geometry added to a shown layer is in the next one. Pixels are read back with
 * render_view_capture_next_frame(), the same path as `microcam --screenshot`. */
#include <gtk/gtk.h>
#include <stdio.h>
#include <stdlib.h>

#include "render-box.h"
#include "render-lines.h"
#include "render-markers.h"
#include "render-view.h"

typedef struct {
  RenderView *view;
  RenderLines *solid, *dashed;
  RenderMarkers *markers;
  RenderBox *box;
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
  rgb[0] = q[0];
  rgb[1] = q[1];
  rgb[2] = q[2];
}

/* Any pixel within r of (x, y) satisfying pred. */
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

static gboolean is_red (const int c[3]) { return c[0] > 180 && c[1] < 90 && c[2] < 90; }
static gboolean is_green (const int c[3]) { return c[1] > 140 && c[0] < 90 && c[2] < 90; }
static gboolean is_blue (const int c[3]) { return c[2] > 90 && c[0] < 60 && c[1] < 60; }
static gboolean is_white (const int c[3]) { return c[0] > 250 && c[1] > 250 && c[2] > 250; }

static void capture_cb (RenderView *view, GdkTexture *texture, const GError *error, gpointer data);

static void
check_frame (Test *t, const Pixels *px)
{
  const RenderCamera *cam = render_view_get_camera (t->view);
  float x, y;

  if (t->step == 0)
    {
      /* solid red diagonal through the origin */
      render_camera_project (cam, (vec3) { 1.0f, 1.0f, 0.0f }, &x, &y);
      CHECK (near (px, x, y, 1, is_red), "solid line drawn at its projection (%.0f, %.0f)", x, y);

      /* dashed green line along y = 3: both dashes and gaps along it */
      int on = 0, off = 0;
      for (float wx = -3.0f; wx <= 3.0f; wx += 0.02f)
        {
          render_camera_project (cam, (vec3) { wx, 3.0f, 0.0f }, &x, &y);
          if (near (px, x, y, 0, is_green))
            on++;
          else
            off++;
        }
      CHECK (on > 40 && off > 40, "dashed line has dashes (%d samples) and gaps (%d)", on, off);

      /* marker 0: a blue disc; marker 1 (highlighted): white ring around it */
      render_camera_project (cam, (vec3) { 0.0f, -3.0f, 0.0f }, &x, &y);
      CHECK (near (px, x, y, 1, is_blue), "marker drawn as a blue disc at (%.0f, %.0f)", x, y);
      CHECK (!near (px, x, y, 6, is_white), "plain marker has no ring");
      int hit = render_markers_pick (t->markers, cam, x + 2.0f, y - 1.0f, 3.0f);
      CHECK (hit == 0, "picking at marker 0 finds it (got %d)", hit);
      CHECK (render_markers_pick (t->markers, cam, 5.0f, 5.0f, 3.0f) == -1, "picking empty space finds nothing");
      render_camera_project (cam, (vec3) { 3.0f, -3.0f, 0.0f }, &x, &y);
      CHECK (near (px, x, y, 14, is_white), "highlighted marker has a white ring");

      /* the translucent box (x 1.5…3.5, y −1.5…0.5): tinted towards its blue, not opaque */
      int in[3], out[3];
      render_camera_project (cam, (vec3) { 2.5f, -0.5f, 0.0f }, &x, &y);
      pixel (px, (int) x, (int) y, in);
      render_camera_project (cam, (vec3) { 2.5f, 1.2f, 0.0f }, &x, &y);
      pixel (px, (int) x, (int) y, out);
      CHECK (in[2] - in[0] > out[2] - out[0] + 10, "box tints what is behind it blue (in %d,%d,%d; out %d,%d,%d)",
             in[0], in[1], in[2], out[0], out[1], out[2]);
      CHECK (in[0] > 60 && in[1] > 60, "box is translucent, not its opaque colour (%d,%d,%d)", in[0], in[1], in[2]);

      /* next frame: the solid line hidden, the markers removed, a segment added to the
       * dashed layer while it is shown */
      render_layer_set_visible (RENDER_LAYER (t->solid), FALSE);
      render_view_remove_layer (t->view, RENDER_LAYER (t->markers));
      render_box_clear (t->box);
      render_lines_add_segment (t->dashed, (double[3]) { -4, -1, 0 }, (double[3]) { 4, -1, 0 },
                                (float[4]) { 0.0f, 0.8f, 0.0f, 1.0f }, (float[4]) { 0.0f, 0.8f, 0.0f, 1.0f });
    }
  else
    {
      render_camera_project (cam, (vec3) { 1.0f, 1.0f, 0.0f }, &x, &y);
      CHECK (!near (px, x, y, 1, is_red), "hidden layer is not drawn");
      render_camera_project (cam, (vec3) { 0.0f, -3.0f, 0.0f }, &x, &y);
      CHECK (!near (px, x, y, 1, is_blue), "removed layer is not drawn");
      int on = 0;
      for (float wx = -3.0f; wx <= 3.0f; wx += 0.02f)
        {
          render_camera_project (cam, (vec3) { wx, 3.0f, 0.0f }, &x, &y);
          on += near (px, x, y, 0, is_green);
        }
      CHECK (on > 40, "the other layer stays");
      on = 0;
      for (float wx = -3.0f; wx <= 3.0f; wx += 0.02f)
        {
          render_camera_project (cam, (vec3) { wx, -1.0f, 0.0f }, &x, &y);
          on += near (px, x, y, 0, is_green);
        }
      CHECK (on > 40, "a segment added to a shown layer appears in the next frame");
      int in[3], out[3];
      render_camera_project (cam, (vec3) { 2.5f, -0.5f, 0.0f }, &x, &y);
      pixel (px, (int) x, (int) y, in);
      render_camera_project (cam, (vec3) { 2.5f, 1.2f, 0.0f }, &x, &y);
      pixel (px, (int) x, (int) y, out);
      CHECK (abs (in[2] - out[2]) < 8 && abs (in[0] - out[0]) < 8, "a cleared box is not drawn");
    }
}

static void
capture_cb (RenderView *view, GdkTexture *texture, const GError *error, gpointer data)
{
  Test *t = data;
  Pixels px;
  (void) view;

  if (texture == NULL)
    {
      fprintf (stderr, "FAIL: no frame: %s\n", error->message);
      t->failures++;
      g_main_loop_quit (t->loop);
      return;
    }
  px.width = gdk_texture_get_width (texture);
  px.height = gdk_texture_get_height (texture);
  px.stride = (gsize) px.width * 4;
  px.data = g_malloc (px.stride * (gsize) px.height);
  gdk_texture_download (texture, px.data, px.stride);   /* Cairo ARGB32: BGRA in memory */
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
  static const float red[4] = { 1.0f, 0.0f, 0.0f, 1.0f };
  static const float green[4] = { 0.0f, 0.8f, 0.0f, 1.0f };
  static const float blue[4] = { 0.0f, 0.1f, 1.0f, 1.0f };
  Test test = { 0 }, *t = &test;
  GtkWidget *window;

  setvbuf (stdout, NULL, _IOLBF, 0);
  gtk_init ();
  t->loop = g_main_loop_new (NULL, FALSE);
  window = gtk_window_new ();
  t->view = RENDER_VIEW (render_view_new ());
  gtk_widget_set_size_request (GTK_WIDGET (t->view), 400, 300);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (t->view));
  render_view_set_view (t->view, RENDER_CAMERA_VIEW_TOP);
  render_view_set_orthographic (t->view, TRUE);

  t->solid = render_lines_new ();
  render_lines_add_segment (t->solid, (double[3]) { -4, -4, 0 }, (double[3]) { 4, 4, 0 }, red, red);
  t->dashed = render_lines_new ();
  render_lines_set_style (t->dashed, RENDER_LINE_DASHED);
  render_lines_add_polyline (t->dashed, (double[6]) { -4, 3, 0, 4, 3, 0 }, 2, green, FALSE);
  t->markers = render_markers_new ();
  render_markers_add (t->markers, (double[3]) { 0, -3, 0 }, 0.3, blue);
  render_markers_add (t->markers, (double[3]) { 3, -3, 0 }, 0.3, blue);
  render_markers_set_highlight (t->markers, 1);
  render_view_add_layer (t->view, RENDER_LAYER (t->solid));
  render_view_add_layer (t->view, RENDER_LAYER (t->dashed));
  render_view_add_layer (t->view, RENDER_LAYER (t->markers));
  t->box = render_box_new ();
  render_box_set (t->box, (double[3]) { 1.5, -1.5, -0.5 }, (double[3]) { 3.5, 0.5, 0.5 },
                  (float[4]) { 0.1f, 0.2f, 1.0f, 0.35f });
  render_view_add_layer (t->view, RENDER_LAYER (t->box));

  render_view_capture_next_frame (t->view, capture_cb, t);
  gtk_window_present (GTK_WINDOW (window));
  g_main_loop_run (t->loop);

  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (t->solid);
  g_object_unref (t->dashed);
  g_object_unref (t->markers);
  g_object_unref (t->box);
  g_main_loop_unref (t->loop);
  if (t->failures == 0)
    printf ("PASS\n");
  return t->failures == 0 ? 0 : 1;
}
