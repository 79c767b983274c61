/* test-render-toolpath-focus.c — an operation in focus on real GL frames under Xvfb
 * (render_view_capture_next_frame, as `microcam --screenshot`): with op 0 in focus
 * (render_toolpath_fill_focus, what selecting an operation on the Operations page does) its
 * feed line keeps its colour and op 1's is dimmed to a faint grey; with none in focus both are
 * coloured; the picked move (render_toolpath_fill_move) is drawn in its own colour. */
#include <gtk/gtk.h>
#include <stdio.h>

#include "render-toolpath.h"
#include "render-view.h"

typedef struct {
  RenderView *view;
  RenderLines *cuts, *rapids, *picked;
  CamToolpath *tp;
  RenderToolpathLegend legend;
  GMainLoop *loop;
  int step, failures;
} Test;

#define CHECK(cond, ...) \
  G_STMT_START { if (!(cond)) { fprintf (stderr, "FAIL: " __VA_ARGS__); fprintf (stderr, "\n"); t->failures++; } \
                 else { fprintf (stdout, "ok: " __VA_ARGS__); fprintf (stdout, "\n"); } } G_STMT_END

/* The most saturated pixel (max − min of R, G, B) within 2 px of the projection of p. */
static int
chroma_near (Test *t, const guchar *px, int w, int h, const double p[3], int rgb_out[3])
{
  float fx, fy;
  render_camera_project (render_view_get_camera (t->view), (vec3) { (float) p[0], (float) p[1], (float) p[2] }, &fx, &fy);
  int best = -1;
  for (int dy = -2; dy <= 2; dy++)
    for (int dx = -2; dx <= 2; dx++)
      {
        int x = CLAMP ((int) fx + dx, 0, w - 1), y = CLAMP ((int) fy + dy, 0, h - 1);
        const guchar *q = px + ((gsize) y * w + x) * 4;
        int c = MAX (MAX (q[0], q[1]), q[2]) - MIN (MIN (q[0], q[1]), q[2]);
        if (c > best)
          {
            best = c;
            for (int k = 0; k < 3; k++)
              rgb_out[k] = q[k];
          }
      }
  return best;
}

static void
fill (Test *t, guint focus)
{
  render_lines_clear (t->cuts);
  render_lines_clear (t->rapids);
  render_toolpath_fill_focus (t->tp, (double[3]) { 0, 0, 0 }, RENDER_OVERLAY_OPERATION, &t->legend, G_MAXSIZE, focus,
                              t->cuts, t->rapids);
}

static void capture_cb (RenderView *view, GdkTexture *texture, const GError *error, gpointer data);

static void
check (Test *t, const guchar *px, int w, int h)
{
  const double on0[3] = { 0, 2, 0 }, on1[3] = { 0, -2, 0 }, picked[3] = { 0, -3.5, 0 };
  int rgb0[3], rgb1[3], rgbp[3];
  int c0 = chroma_near (t, px, w, h, on0, rgb0), c1 = chroma_near (t, px, w, h, on1, rgb1);
  if (t->step == 0)
    {
      CHECK (c0 > 100, "op 0 in focus keeps its colour (chroma %d, %d %d %d)", c0, rgb0[0], rgb0[1], rgb0[2]);
      CHECK (c1 < 40, "op 1 out of focus is dimmed to grey (chroma %d, %d %d %d)", c1, rgb1[0], rgb1[1], rgb1[2]);
      int cp = chroma_near (t, px, w, h, picked, rgbp);
      CHECK (cp > 150 && rgbp[0] > 200 && rgbp[2] > 200 && rgbp[1] < 100,
             "the picked move is drawn in magenta (%d %d %d)", rgbp[0], rgbp[1], rgbp[2]);
    }
  else
    {
      CHECK (c0 > 100 && c1 > 100, "no focus: both coloured (chroma %d, %d)", c0, c1);
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
  int w = gdk_texture_get_width (texture), h = gdk_texture_get_height (texture);
  guchar *px = g_malloc ((gsize) w * h * 4);
  gdk_texture_download (texture, px, (gsize) w * 4); /* Cairo ARGB32: BGRA in memory */
  for (gsize i = 0; i < (gsize) w * h * 4; i += 4)
    {
      guchar b = px[i];
      px[i] = px[i + 2];
      px[i + 2] = b;
    }
  check (t, px, w, h);
  g_free (px);
  if (++t->step < 2)
    {
      fill (t, G_MAXUINT);
      render_view_capture_next_frame (t->view, capture_cb, t);
    }
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
  gtk_widget_set_size_request (GTK_WIDGET (t->view), 400, 300);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (t->view));
  render_view_set_view (t->view, RENDER_CAMERA_VIEW_TOP);
  render_view_set_orthographic (t->view, TRUE);
  render_view_set_show_grid (t->view, FALSE);

  /* op 0 along y = 2, op 1 along y = −2 and (its last move, the one picked) y = −3.5 */
  t->tp = cam_toolpath_new ();
  t->tp->start[0] = -4, t->tp->start[1] = 2;
  const struct { CamMoveType type; double x, y; guint16 op; } moves[] = {
    { CAM_MOVE_FEED, 4, 2, 0 }, { CAM_MOVE_RAPID, -4, -2, 1 }, { CAM_MOVE_FEED, 4, -2, 1 },
    { CAM_MOVE_RAPID, -4, -3.5, 1 }, { CAM_MOVE_FEED, 4, -3.5, 1 },
  };
  for (guint i = 0; i < G_N_ELEMENTS (moves); i++)
    {
      CamMove m = cam_move_init (moves[i].type, moves[i].x, moves[i].y, 0);
      m.op_index = moves[i].op;
      m.feed_mm_min = moves[i].type == CAM_MOVE_FEED ? 100 : NAN;
      cam_toolpath_append (t->tp, &m);
    }
  render_toolpath_legend (t->tp, RENDER_OVERLAY_OPERATION, 0.01, 0.8, &t->legend);
  t->cuts = render_lines_new ();
  t->rapids = render_lines_new ();
  t->picked = render_lines_new ();
  render_layer_set_on_top (RENDER_LAYER (t->picked), TRUE);
  fill (t, 0);
  render_toolpath_fill_move (t->tp, (double[3]) { 0, 0, 0 }, 4, (float[4]) { 1.0f, 0.15f, 0.95f, 1.0f }, t->picked);
  render_view_add_layer (t->view, RENDER_LAYER (t->cuts));
  render_view_add_layer (t->view, RENDER_LAYER (t->picked));

  render_view_capture_next_frame (t->view, capture_cb, t);
  gtk_window_present (GTK_WINDOW (window));
  g_main_loop_run (t->loop);

  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (t->cuts);
  g_object_unref (t->rapids);
  g_object_unref (t->picked);
  cam_toolpath_unref (t->tp);
  g_main_loop_unref (t->loop);
  if (t->failures == 0)
    printf ("PASS\n");
  return t->failures == 0 ? 0 : 1;
}
