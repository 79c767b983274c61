/* bench-toolpath-frames.c — frame time of a toolpath overlay with N segments (default
 * 5,000,000) in the 3D view, against a bare VBO draw of the same segments.
 *
 *   tests/gui/run-in-xvfb.sh build/tests/bench/bench-toolpath-frames [SEGMENTS] [FRAMES]
 *
 * A: a zig-zag toolpath of N feed moves with a deflection value each, coloured by
 *    render_toolpath_fill() into a RenderLines layer on a RenderView; the camera orbits a
 *    little each frame; frame times come from the view's timed frames (glFinish).
 * B: the same vertices (xyz float + RGBA8) in one VBO drawn with one glDrawArrays(GL_LINES)
 *    by a minimal shader in a plain GtkGLArea, timed to glFinish the same way.
 * Prints fill and frame times (median of FRAMES) and the ratio. Never fails on figures. */
#include <epoxy/gl.h>
#include <gtk/gtk.h>
#include <stdio.h>

#include "render-lines.h"
#include "render-toolpath.h"
#include "render-view.h"

static gsize n_segments = 5000000;
static int n_frames = 10;
static GMainLoop *loop;

static int
cmp_double (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

static double
median (GArray *ms)
{
  g_array_sort (ms, cmp_double);
  return ms->len ? g_array_index (ms, double, ms->len / 2) : NAN;
}

static CamToolpath *
make_toolpath (void)
{
  CamToolpath *tp = cam_toolpath_new ();
  g_array_set_size (tp->moves, 0);
  guint side = (guint) ceil (sqrt ((double) n_segments));
  for (gsize i = 0; i < n_segments; i++)
    {
      guint row = (guint) (i / side), col = (guint) (i % side);
      double x = 10.0 * (row % 2 ? side - 1 - col : col) / side;
      double y = 10.0 * row / side;
      CamMove m = cam_move_init (CAM_MOVE_FEED, x, y, -0.1);
      m.feed_mm_min = 100;
      m.deflection_um = (float) (10.0 * (i % 997) / 997.0);
      g_array_append_val (tp->moves, m);
    }
  return tp;
}

/* ---- A: the real view ---- */

typedef struct {
  RenderView *view;
  GArray *ms;
  int frame;
} A;

static void
a_frame_cb (RenderView *view, double ms, gpointer data)
{
  A *a = data;
  if (a->frame++ > 0) /* the first frame uploads */
    g_array_append_val (a->ms, ms);
  (void) view;
  if (a->frame > n_frames)
    g_main_loop_quit (loop);
}

/* Frames are driven from the frame clock (a redraw queued inside the render handler would
 * be dropped): each tick turns the camera, as a user orbiting does (as app-bench.c). */
static gboolean
a_tick_cb (GtkWidget *widget, GdkFrameClock *clock, gpointer data)
{
  (void) clock;
  (void) data;
  RenderView *view = RENDER_VIEW (widget);
  render_camera_orbit (render_view_get_camera (view), 3.0f, 0.0f);
  render_view_camera_changed (view);
  return G_SOURCE_CONTINUE;
}

/* ---- B: bare VBO ---- */

typedef struct {
  float xyz[3];
  guint8 rgba[4];
} Vertex;

typedef struct {
  GtkGLArea *area;
  Vertex *verts;
  gsize n_verts;
  GLuint prog, vao, vbo;
  GArray *ms;
  int frame;
  float angle;
} B;

static const char *VS = "#version 330 core\n"
                        "layout(location=0) in vec3 p; layout(location=1) in vec4 c; uniform mat4 m; out vec4 vc;\n"
                        "void main(){ gl_Position = m * vec4(p,1.0); vc = c; }\n";
static const char *FS = "#version 330 core\nin vec4 vc; out vec4 o; void main(){ o = vc; }\n";

static GLuint
shader (GLenum kind, const char *src)
{
  GLuint s = glCreateShader (kind);
  glShaderSource (s, 1, &src, NULL);
  glCompileShader (s);
  return s;
}

static void
b_realize (GtkGLArea *area, gpointer data)
{
  B *b = data;
  gtk_gl_area_make_current (area);
  b->prog = glCreateProgram ();
  glAttachShader (b->prog, shader (GL_VERTEX_SHADER, VS));
  glAttachShader (b->prog, shader (GL_FRAGMENT_SHADER, FS));
  glLinkProgram (b->prog);
  glGenVertexArrays (1, &b->vao);
  glGenBuffers (1, &b->vbo);
  glBindVertexArray (b->vao);
  glBindBuffer (GL_ARRAY_BUFFER, b->vbo);
  glBufferData (GL_ARRAY_BUFFER, (GLsizeiptr) (b->n_verts * sizeof (Vertex)), b->verts, GL_STATIC_DRAW);
  glEnableVertexAttribArray (0);
  glVertexAttribPointer (0, 3, GL_FLOAT, GL_FALSE, sizeof (Vertex), (void *) G_STRUCT_OFFSET (Vertex, xyz));
  glEnableVertexAttribArray (1);
  glVertexAttribPointer (1, 4, GL_UNSIGNED_BYTE, GL_TRUE, sizeof (Vertex), (void *) G_STRUCT_OFFSET (Vertex, rgba));
}

static gboolean
b_render (GtkGLArea *area, GdkGLContext *ctx, gpointer data)
{
  (void) ctx;
  B *b = data;
  gint64 t0 = g_get_monotonic_time ();
  glClearColor (0.95f, 0.95f, 0.96f, 1);
  glClear (GL_COLOR_BUFFER_BIT | GL_DEPTH_BUFFER_BIT);
  glEnable (GL_DEPTH_TEST);
  glUseProgram (b->prog);
  float c = cosf (b->angle), s = sinf (b->angle), k = 0.15f;
  /* rotate about Z around the middle of the 10 × 10 area, scale into clip space */
  float m[16] = { k * c, k * s * 0.6f, 0, 0, -k * s, k * c * 0.6f, 0, 0, 0, k * 0.8f, 0.01f, 0,
                  -k * 5 * (c - s), -k * 5 * (s + c) * 0.6f, 0, 1 };
  glUniformMatrix4fv (glGetUniformLocation (b->prog, "m"), 1, GL_FALSE, m);
  glBindVertexArray (b->vao);
  glDrawArrays (GL_LINES, 0, (GLsizei) b->n_verts);
  glFinish ();
  double ms = (g_get_monotonic_time () - t0) / 1000.0;
  if (b->frame++ > 0)
    g_array_append_val (b->ms, ms);
  if (b->frame > n_frames)
    g_main_loop_quit (loop);
  (void) area;
  return TRUE;
}

static gboolean
b_tick_cb (GtkWidget *widget, GdkFrameClock *clock, gpointer data)
{
  (void) clock;
  B *b = data;
  b->angle += 0.05f;
  gtk_gl_area_queue_render (GTK_GL_AREA (widget));
  return G_SOURCE_CONTINUE;
}

int
main (int argc, char **argv)
{
  if (argc > 1)
    n_segments = g_ascii_strtoull (argv[1], NULL, 10);
  if (argc > 2)
    n_frames = atoi (argv[2]);
  setvbuf (stdout, NULL, _IOLBF, 0);
  gtk_init ();
  loop = g_main_loop_new (NULL, FALSE);

  gint64 t0 = g_get_monotonic_time ();
  g_autoptr (CamToolpath) tp = make_toolpath ();
  gint64 t1 = g_get_monotonic_time ();
  RenderToolpathLegend legend;
  render_toolpath_legend (tp, RENDER_OVERLAY_DEFLECTION, 0.01, 0.8, &legend);
  RenderLines *cuts = render_lines_new ();
  RenderLines *rapids = render_lines_new ();
  gsize segs = render_toolpath_fill (tp, (double[3]) { 0, 0, 1 }, RENDER_OVERLAY_DEFLECTION, &legend, G_MAXSIZE, cuts,
                                     rapids);
  gint64 t2 = g_get_monotonic_time ();
  printf ("toolpath: %zu moves built in %.2f s; coloured into %zu segments in %.2f s\n", (size_t) n_segments,
          (t1 - t0) / 1e6, (size_t) segs, (t2 - t1) / 1e6);

  /* A */
  A a = { .ms = g_array_new (FALSE, FALSE, sizeof (double)) };
  GtkWidget *win = gtk_window_new ();
  a.view = RENDER_VIEW (render_view_new ());
  gtk_widget_set_size_request (GTK_WIDGET (a.view), 800, 600);
  gtk_window_set_child (GTK_WINDOW (win), GTK_WIDGET (a.view));
  render_view_set_timed_frames (a.view, TRUE);
  render_view_add_layer (a.view, RENDER_LAYER (cuts));
  render_view_add_layer (a.view, RENDER_LAYER (rapids));
  render_view_set_view (a.view, RENDER_CAMERA_VIEW_ISO);
  g_signal_connect (a.view, "frame-rendered", G_CALLBACK (a_frame_cb), &a);
  gtk_widget_add_tick_callback (GTK_WIDGET (a.view), a_tick_cb, &a, NULL);
  gtk_window_present (GTK_WINDOW (win));
  g_main_loop_run (loop);
  double ma = median (a.ms);
  gtk_window_destroy (GTK_WINDOW (win));

  /* B: the same vertices, colours as render_toolpath_colour gives them */
  B b = { .ms = g_array_new (FALSE, FALSE, sizeof (double)) };
  b.n_verts = 2 * n_segments;
  b.verts = g_new (Vertex, b.n_verts);
  double s[3] = { tp->start[0], tp->start[1], tp->start[2] };
  for (gsize i = 0; i < n_segments; i++)
    {
      const CamMove *m = cam_toolpath_move (tp, i);
      float c[4];
      render_toolpath_colour (m, &legend, c);
      Vertex v0 = { { (float) s[0], (float) s[1], (float) s[2] }, { (guint8) (255 * c[0]), (guint8) (255 * c[1]), (guint8) (255 * c[2]), 255 } };
      Vertex v1 = v0;
      v1.xyz[0] = (float) m->x, v1.xyz[1] = (float) m->y, v1.xyz[2] = (float) m->z;
      b.verts[2 * i] = v0;
      b.verts[2 * i + 1] = v1;
      s[0] = m->x, s[1] = m->y, s[2] = m->z;
    }
  GtkWidget *win2 = gtk_window_new ();
  b.area = GTK_GL_AREA (gtk_gl_area_new ());
  gtk_gl_area_set_required_version (b.area, 3, 3);
  gtk_gl_area_set_has_depth_buffer (b.area, TRUE);
  gtk_widget_set_size_request (GTK_WIDGET (b.area), 800, 600);
  gtk_window_set_child (GTK_WINDOW (win2), GTK_WIDGET (b.area));
  g_signal_connect (b.area, "realize", G_CALLBACK (b_realize), &b);
  g_signal_connect (b.area, "render", G_CALLBACK (b_render), &b);
  gtk_widget_add_tick_callback (GTK_WIDGET (b.area), b_tick_cb, &b, NULL);
  gtk_window_present (GTK_WINDOW (win2));
  g_main_loop_run (loop);
  double mb = median (b.ms);
  gtk_window_destroy (GTK_WINDOW (win2));

  printf ("frame (median of %d, 800×600, glFinish): RenderView toolpath layer %.1f ms, bare VBO %.1f ms, ratio %.2f\n",
          n_frames, ma, mb, ma / mb);
  g_free (b.verts);
  g_array_unref (a.ms);
  g_array_unref (b.ms);
  g_object_unref (cuts);
  g_object_unref (rapids);
  return 0;
}
