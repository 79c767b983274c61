/* bench-gcode-page.c — the G-code page on a large program: writes a program of N lines
 * (default 5,000,000: rows of G1 moves with a G2 half circle every 1000 lines), opens it
 * in the page with a 3D view that is never shown, and prints the wall time of reading
 * (thread) + drawing layers, of the review, of recolouring by deflection (thread), of a
 * right-click pick and of selecting the last line, with the longest the main loop went
 * without running (the UI's responsiveness) and the peak resident memory. Run under a display:
 *   tests/gui/run-in-xvfb.sh build/tests/bench/bench-gcode-page [LINES] */
#include <gtk/gtk.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>

#include "app-gcode-panel.h"

static double
now (void)
{
  return (double) g_get_monotonic_time () / 1e6;
}

/* Iterates the main loop until the page is idle; the longest gap between iterations. */
static double
wait_idle (AppGcodePanel *p)
{
  double last = now (), gap = 0;
  while (app_gcode_panel_is_busy (p))
    {
      g_main_context_iteration (NULL, TRUE);
      double t = now ();
      gap = MAX (gap, t - last);
      last = t;
    }
  return gap;
}

static long
peak_mb (void)
{
  struct rusage u;
  getrusage (RUSAGE_SELF, &u);
  return u.ru_maxrss / 1024;
}

static char *
write_program (guint n_lines)
{
  g_autofree char *dir = g_dir_make_tmp ("microcam-bench-XXXXXX", NULL);
  char *path = g_build_filename (dir, "large.ngc", NULL);
  FILE *f = fopen (path, "w");
  if (f == NULL)
    return NULL;
  fputs ("G21 G90 G17\nT1 M6\nS40000 M3\nG0 X0 Y0 Z1\nG1 Z-0.02 F50\n", f);
  double px = 0, py = 0;
  for (guint i = 5; i + 1 < n_lines; i++)
    {
      if (i % 1000 == 0) /* a half circle of radius 0.05 from where the tool is */
        {
          fprintf (f, "G2 X%.3f Y%.3f I0.05 J0 F300\n", px + 0.1, py);
          px += 0.1;
          continue;
        }
      px = (i % 200) * 0.01, py = (i / 200) * 0.001;
      fprintf (f, "G1 X%.3f Y%.3f F400\n", px, py);
    }
  fputs ("M30\n", f);
  fclose (f);
  return path;
}

int
main (int argc, char **argv)
{
  guint n = argc > 1 ? (guint) strtoul (argv[1], NULL, 10) : 5000000;
  gtk_init ();
  g_autofree char *path = write_program (MAX (n, 10u));
  if (path == NULL)
    return 1;
  GStatBuf st;
  g_stat (path, &st);
  GtkWidget *view = g_object_ref_sink (render_view_new ());
  render_camera_set_viewport (render_view_get_camera (RENDER_VIEW (view)), 800, 600);
  AppGcodePanel *p = APP_GCODE_PANEL (g_object_ref_sink (app_gcode_panel_new (RENDER_VIEW (view))));

  printf ("program: %u lines, %.1f MB\n", n, st.st_size / 1e6);
  double t0 = now ();
  app_gcode_panel_open (p, path);
  double gap = wait_idle (p);
  printf ("read + layers   %6.2f s  (longest main-loop gap %.3f s)  %u moves, %zu segments, peak %ld MB\n",
          now () - t0, gap, app_gcode_panel_get_toolpath (p)->moves->len, app_gcode_panel_get_n_segments (p),
          peak_mb ());
  t0 = now ();
  app_gcode_panel_review (p);
  gap = wait_idle (p);
  printf ("review          %6.2f s  (longest main-loop gap %.3f s)  max deflection %.3f µm, peak %ld MB\n",
          now () - t0, gap, app_gcode_panel_get_review (p)->max_deflection_um, peak_mb ());
  t0 = now ();
  app_gcode_panel_set_overlay (p, RENDER_OVERLAY_DEFLECTION);
  gap = wait_idle (p);
  printf ("recolour        %6.2f s  (longest main-loop gap %.3f s)  peak %ld MB\n", now () - t0, gap, peak_mb ());
  t0 = now ();
  gssize m = app_gcode_panel_pick (p, 400, 300);
  printf ("pick            %6.3f s  (move %zd)\n", now () - t0, m);
  t0 = now ();
  guint lines = g_list_model_get_n_items (app_gcode_panel_get_lines (p));
  gssize k = app_gcode_panel_select_line (p, lines - 1);
  printf ("select line %u  %.4f s  (move %zd, %zu segments highlighted)\n", lines - 1, now () - t0, k,
          app_gcode_panel_get_n_highlighted (p));
  g_object_unref (p);
  g_object_unref (view);
  g_unlink (path);
  g_autofree char *dir = g_path_get_dirname (path);
  g_rmdir (dir);
  return 0;
}
