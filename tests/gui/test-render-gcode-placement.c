/* test-render-gcode-placement.c — the G-code page draws a program where it cuts, on real GL
 * frames under Xvfb: a program runs in work coordinates (Z0 the stock top), the part is in
 * model coordinates, so the program's first cutting move at Z0 must be drawn on the part's
 * top face (not 2 mm below it, inside the part, as before); the work zero is where the
 * placement says (the part's X0 Y0, corner or centre, Z0 at its top; the job's work offset
 * for the job's own program; the program's own stock line when it has one) and its triad is
 * drawn there; the part can be x-rayed (a pass
 * inside it shows through, tinted) or hidden (the pass in its own colour). Pixels are read
 * back with render_view_capture_next_frame(), the path of `microcam --screenshot`. */
#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "app-document.h"
#include "app-gcode-panel.h"
#include "render-view.h"
#include "render-work-zero.h"

#define CHECK(cond, ...) \
  G_STMT_START { if (!(cond)) { fprintf (stderr, "FAIL: " __VA_ARGS__); fprintf (stderr, "\n"); failures++; } \
                 else { fprintf (stdout, "ok: " __VA_ARGS__); fprintf (stdout, "\n"); } } G_STMT_END

static int failures;

/* The part: a block X 1…11, Y 2…12, Z −1…1 (top at model Z 1, so work Z0 is 1 mm above
 * model Z0 and no placement is the identity by accident). */
static const double part_lo[3] = { 1, 2, -1 }, part_hi[3] = { 11, 12, 1 };

/* Line 6 is the first cutting move at Z0; line 8 a pass 1.5 mm deep, inside the part. */
static const char program[] =
  "(T1: em-flat-0.2 test mill)\n"         /* 1 */
  "G21 G90 G17\n"                         /* 2 */
  "G0 Z1\n"                               /* 3 */
  "G0 X3 Y5\n"                            /* 4 */
  "G1 Z0 F100\n"                          /* 5 */
  "G1 X9 Y5 F300\n"                       /* 6 */
  "G1 Z-1.5 F50\n"                        /* 7 */
  "G1 X9 Y10 F300\n"                      /* 8 */
  "G0 Z1\n"                               /* 9 */
  "M30\n";                                /* 10 */

static CamMesh *
block (void)
{
  const int f[12][3] = {
    { 0, 2, 1 }, { 0, 3, 2 }, { 4, 5, 6 }, { 4, 6, 7 }, { 0, 1, 5 }, { 0, 5, 4 },
    { 1, 2, 6 }, { 1, 6, 5 }, { 2, 3, 7 }, { 2, 7, 6 }, { 3, 0, 4 }, { 3, 4, 7 },
  };
  float v[8][3];
  for (int i = 0; i < 8; i++)
    {
      v[i][0] = (float) ((i & 1) ^ ((i >> 1) & 1) ? part_hi[0] : part_lo[0]);
      v[i][1] = (float) (((i >> 1) & 1) ? part_hi[1] : part_lo[1]);
      v[i][2] = (float) (i >= 4 ? part_hi[2] : part_lo[2]);
    }
  CamTriSoup soup;
  cam_tri_soup_init (&soup);
  for (int i = 0; i < 12; i++)
    {
      float xyz[9];
      for (int c = 0; c < 3; c++)
        for (int k = 0; k < 3; k++)
          xyz[3 * c + k] = v[f[i][c]][k];
      cam_tri_soup_add (&soup, xyz);
    }
  g_autoptr (GError) error = NULL;
  CamMesh *mesh = cam_mesh_new_from_soup (&soup, "block", &error);
  cam_tri_soup_clear (&soup);
  if (mesh == NULL)
    g_error ("block: %s", error->message);
  return mesh;
}

typedef struct {
  RenderView *view;
  AppGcodePanel *panel;
  GMainLoop *loop;
  int step;
  float cut_rgba[4], deep_rgba[4];
  double deep_solid, deep_xray;        /* colour distance of the deep pass to its own colour */
} Test;

typedef struct {
  const guchar *data;
  int width, height;
  gsize stride;
} Pixels;

static void
pixel (const Pixels *p, int x, int y, int rgb[3])
{
  x = CLAMP (x, 0, p->width - 1);
  y = CLAMP (y, 0, p->height - 1);
  const guchar *q = p->data + (gsize) y * p->stride + 4 * (gsize) x;
  for (int k = 0; k < 3; k++)
    rgb[k] = q[k];
}

static double
distance (const int rgb[3], const float rgba[4])
{
  double d = 0;
  for (int k = 0; k < 3; k++)
    d += pow (rgb[k] - 255.0 * rgba[k], 2);
  return sqrt (d);
}

/* The smallest colour distance to rgba within r pixels of the projection of p. */
static double
nearest (const Pixels *px, const RenderCamera *cam, const double p[3], int r, const float rgba[4])
{
  float x, y;
  render_camera_project (cam, (vec3) { (float) p[0], (float) p[1], (float) p[2] }, &x, &y);
  double best = INFINITY;
  for (int dy = -r; dy <= r; dy++)
    for (int dx = -r; dx <= r; dx++)
      {
        int rgb[3];
        pixel (px, (int) x + dx, (int) y + dy, rgb);
        best = MIN (best, distance (rgb, rgba));
      }
  return best;
}

static void capture_cb (RenderView *view, GdkTexture *texture, const GError *error, gpointer data);

static void
check_frame (Test *t, const Pixels *px)
{
  const RenderCamera *cam = render_view_get_camera (t->view);
  double off[3];
  app_gcode_panel_get_work_offset (t->panel, off);
  /* the middle of line 6 (work X6 Y5 Z0) and of line 8 (work X9 Y7.5 Z−1.5), in model mm */
  const double cut[3] = { 6 + off[0], 5 + off[1], 0 + off[2] };
  const double below[3] = { cut[0], cut[1], cut[2] - 1.0 };
  const double deep[3] = { 9 + off[0], 7.5 + off[1], -1.5 + off[2] };
  if (t->step == 0)
    {
      double d_top = nearest (px, cam, cut, 1, t->cut_rgba);
      CHECK (fabs (cut[2] - part_hi[2]) < 1e-9 && d_top < 60,
             "the first cutting move at Z0 is drawn on the part's top (model Z %.3f, colour distance %.0f)", cut[2],
             d_top);
      CHECK (nearest (px, cam, below, 1, t->cut_rgba) > 60, "nothing of it is drawn 1 mm lower, inside the part");
      t->deep_solid = nearest (px, cam, deep, 0, t->deep_rgba);
      CHECK (t->deep_solid > 60, "a solid part hides the deep pass inside it (distance %.0f)", t->deep_solid);
      /* the triad's Z arm (blue) rises from the work zero */
      static const float z_arm[4] = { 0.12f, 0.30f, 0.90f, 1.0f };
      double arm_mm = RENDER_WORK_ZERO_ARM_PX * render_camera_mm_per_pixel (cam);
      const double up[3] = { off[0], off[1], off[2] + 0.6 * arm_mm };
      CHECK (nearest (px, cam, up, 2, z_arm) < 50, "the work-zero triad is drawn at the work zero");
      render_view_set_part_style (t->view, RENDER_PART_XRAY);
    }
  else if (t->step == 1)
    {
      t->deep_xray = nearest (px, cam, deep, 0, t->deep_rgba);
      CHECK (t->deep_xray < t->deep_solid - 40,
             "x-ray: the deep pass shows through the part, tinted (distance %.0f, solid %.0f)", t->deep_xray,
             t->deep_solid);
      CHECK (nearest (px, cam, cut, 1, t->cut_rgba) < 60, "x-ray: the cut on the top stays drawn");
      render_view_set_part_style (t->view, RENDER_PART_HIDDEN);
    }
  else
    {
      double d = nearest (px, cam, deep, 0, t->deep_rgba);
      CHECK (d < 40 && d < t->deep_xray, "hidden part: the deep pass in its own colour (distance %.0f)", d);
      g_main_loop_quit (t->loop);
      return;
    }
  t->step++;
  render_view_capture_next_frame (t->view, capture_cb, t);
}

static void
capture_cb (RenderView *view, GdkTexture *texture, const GError *error, gpointer data)
{
  (void) view;
  Test *t = data;
  if (texture == NULL)
    {
      fprintf (stderr, "FAIL: no frame: %s\n", error ? error->message : "?");
      failures++;
      g_main_loop_quit (t->loop);
      return;
    }
  /* to look at the frames: MICROCAM_TEST_FRAMES=DIR keeps them as DIR/placement-N.png */
  const char *keep = g_getenv ("MICROCAM_TEST_FRAMES");
  if (keep != NULL)
    {
      g_autofree char *name = g_strdup_printf ("%s/placement-%d.png", keep, t->step);
      gdk_texture_save_to_png (texture, name);
    }
  Pixels px = { NULL, gdk_texture_get_width (texture), gdk_texture_get_height (texture), 0 };
  px.stride = (gsize) px.width * 4;
  guchar *data_rgba = g_malloc ((gsize) px.height * px.stride);
  gdk_texture_download (texture, data_rgba, px.stride);
  /* gdk_texture_download gives B G R A (cairo's ARGB32 in memory): swap to R G B */
  for (gsize i = 0; i < (gsize) px.width * (gsize) px.height; i++)
    {
      guchar b = data_rgba[4 * i];
      data_rgba[4 * i] = data_rgba[4 * i + 2];
      data_rgba[4 * i + 2] = b;
    }
  px.data = data_rgba;
  check_frame (t, &px);
  g_free (data_rgba);
}

static gssize
move_of_line (AppGcodePanel *panel, guint32 line)
{
  const CamToolpath *tp = app_gcode_panel_get_toolpath (panel);
  for (guint i = 0; i < tp->moves->len; i++)
    if (cam_toolpath_move (tp, i)->source_line == line)
      return i;
  return -1;
}

static void
wait_idle (AppGcodePanel *p)
{
  gint64 until = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  while (app_gcode_panel_is_busy (p) && g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, TRUE);
}

static gboolean
same3 (const double a[3], double x, double y, double z)
{
  return fabs (a[0] - x) < 1e-9 && fabs (a[1] - y) < 1e-9 && fabs (a[2] - z) < 1e-9;
}

/* Placements without pixels: the part's, the job's for the job's own program. */
static void
check_placements (AppGcodePanel *panel, AppDocument *doc)
{
  double off[3];
  app_gcode_panel_get_work_offset (panel, off);
  CHECK (!app_gcode_panel_placed_by_job (panel) && same3 (off, 0, 0, 1),
         "automatic, no job: X0 Y0 at the model's, Z0 at the part's top (%g %g %g)", off[0], off[1], off[2]);
  app_gcode_panel_set_placement (panel, APP_GCODE_PLACE_CORNER, TRUE);
  app_gcode_panel_get_work_offset (panel, off);
  CHECK (same3 (off, 1, 2, 1), "corner: the part's least X and Y (%g %g %g)", off[0], off[1], off[2]);
  app_gcode_panel_set_placement (panel, APP_GCODE_PLACE_CENTRE, TRUE);
  app_gcode_panel_get_work_offset (panel, off);
  CHECK (same3 (off, 6, 7, 1), "centre (%g %g %g)", off[0], off[1], off[2]);
  app_gcode_panel_set_placement (panel, APP_GCODE_PLACE_CENTRE, FALSE);
  app_gcode_panel_get_work_offset (panel, off);
  CHECK (same3 (off, 6, 7, 0), "Z0 at model Z0 when asked (%g %g %g)", off[0], off[1], off[2]);

  /* the document's job, whose tools the program's header names: its work offset */
  g_autoptr (CamJob) job = cam_job_new ();
  const double stock_lo[3] = { 0.5, 1.5, -1 }, stock_hi[3] = { 11.5, 12.5, 1.2 };
  cam_job_set_stock (job, stock_lo, stock_hi);
  cam_job_set_origin (job, CAM_ORIGIN_CORNER);
  job->toolpath = cam_toolpath_new ();
  cam_toolpath_add_tool (job->toolpath, 1, 0.2, "em-flat-0.2", "test mill", CAM_COOLANT_OFF);
  app_document_set_job (doc, job);
  app_gcode_panel_set_placement (panel, APP_GCODE_PLACE_AUTO, TRUE);
  app_gcode_panel_get_work_offset (panel, off);
  CHECK (app_gcode_panel_placed_by_job (panel) && same3 (off, 0.5, 1.5, 1.2),
         "the job's own program: the job's work zero, Z0 its stock top (%g %g %g)", off[0], off[1], off[2]);
  app_gcode_panel_set_placement (panel, APP_GCODE_PLACE_MODEL, TRUE);
  CHECK (!app_gcode_panel_placed_by_job (panel), "a placement chosen by hand wins over the job's");
  app_document_set_job (doc, NULL);
  app_gcode_panel_set_placement (panel, APP_GCODE_PLACE_AUTO, TRUE);
}

int
main (int argc, char **argv)
{
  (void) argc;
  (void) argv;
  gtk_init ();
  g_autofree char *dir = g_dir_make_tmp ("microcam-placement-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "block.ngc", NULL);
  if (!g_file_set_contents (path, program, -1, NULL))
    g_error ("cannot write %s", path);

  Test t = { 0 };
  g_autoptr (AppDocument) doc = app_document_new ();
  g_autoptr (CamMesh) mesh = block ();
  app_document_set_mesh (doc, mesh);
  GtkWidget *window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 520);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  t.view = RENDER_VIEW (render_view_new ());
  gtk_widget_set_size_request (GTK_WIDGET (t.view), 520, 480);
  g_autoptr (RenderMesh) rm = render_mesh_new (mesh);
  render_view_set_mesh (t.view, rm);
  render_view_set_view (t.view, RENDER_CAMERA_VIEW_ISO);
  t.panel = APP_GCODE_PANEL (app_gcode_panel_new (t.view));
  app_gcode_panel_set_document (t.panel, doc);
  GtkWidget *scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (t.panel));
  gtk_widget_set_size_request (scroller, 360, -1);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (t.view));
  gtk_box_append (GTK_BOX (box), scroller);
  gtk_window_set_child (GTK_WINDOW (window), box);
  gtk_window_present (GTK_WINDOW (window));

  app_gcode_panel_open (t.panel, path);
  wait_idle (t.panel);
  CHECK (app_gcode_panel_get_reader (t.panel) != NULL && !app_gcode_panel_is_busy (t.panel), "the program is read");
  if (app_gcode_panel_get_reader (t.panel) == NULL)
    return 1;
  check_placements (t.panel, doc);
  gssize cut = move_of_line (t.panel, 6), deep = move_of_line (t.panel, 8);
  CHECK (cut >= 0 && deep >= 0, "lines 6 and 8 make moves");
  app_gcode_panel_get_move_colour (t.panel, (gsize) cut, t.cut_rgba);
  app_gcode_panel_get_move_colour (t.panel, (gsize) deep, t.deep_rgba);
  /* work zero on the part's corner, so the fitted view holds it */
  app_gcode_panel_set_placement (t.panel, APP_GCODE_PLACE_CORNER, TRUE);
  /* the camera on the part, as after opening it */
  render_view_fit (t.view);

  t.loop = g_main_loop_new (NULL, FALSE);
  render_view_capture_next_frame (t.view, capture_cb, &t);
  g_main_loop_run (t.loop);
  g_main_loop_unref (t.loop);

  /* a program that gives its stock (as microcam's posts write it) is placed by it: the part
   * X 1…11 Y 2…12 Z −1…1 with a 1 mm margin is the stock X 0…12 Y 1…13 Z −1…2, written with
   * its corner at work zero */
  g_autofree char *stock_path = g_build_filename (dir, "stock.ngc", NULL);
  static const char stock_program[] = "(stock: X0.0000..12.0000 Y0.0000..12.0000 Z-3.0000..0.0000 work)\n"
                                      "G21 G90\nG0 Z1\nG1 Z0 F100\nG1 X6 F300\nM30\n";
  if (!g_file_set_contents (stock_path, stock_program, -1, NULL))
    g_error ("cannot write %s", stock_path);
  app_gcode_panel_set_placement (t.panel, APP_GCODE_PLACE_AUTO, TRUE);
  app_gcode_panel_open (t.panel, stock_path);
  wait_idle (t.panel);
  double off[3];
  app_gcode_panel_get_work_offset (t.panel, off);
  CHECK (same3 (off, 0, 1, 2), "a program's stock line places it: its stock centred on the part, bottom on its "
         "bottom (%g %g %g)", off[0], off[1], off[2]);
  g_unlink (stock_path);
  gtk_window_destroy (GTK_WINDOW (window));
  g_unlink (path);
  g_rmdir (dir);
  if (failures)
    fprintf (stderr, "%d check(s) failed\n", failures);
  return failures ? 1 : 0;
}
