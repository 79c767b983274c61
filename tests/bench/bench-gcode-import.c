/* bench-gcode-import.c — import of a generated G-code program of ≥ 1,000,000 moves, side by side
 * with LinuxCNC's rs274 interpreting the same file.
 *
 * Run: meson benchmark -C build gcode-import, or build/tests/bench/bench-gcode-import [MOVES];
 * `bench-gcode-import MOVES --write FILE` only writes the program (e.g. for `microcam-cli check`),
 * `bench-gcode-import --read FILE` only imports a file; tests/bench/bench-gcode-vs-rs274.sh uses
 * both to put microcam and rs274 side by side under /usr/bin/time.
 * The program mixes what CAM output holds: G1 lines (70 %), G2/G3 arcs by IJ (20 %, 1 in 4 by R),
 * and canned cycles (G81/G83, 10 %), with comments and line numbers. Prints for microcam the
 * import time (mapped read + parse into the toolpath), MB/s, moves/s, peak memory (VmHWM), the
 * toolpath's own size, and the time of the review statistics (lengths and cycle time); for
 * rs274 (`rs274 -g FILE /dev/null`, canonical calls written to /dev/null) its time and peak
 * memory (ru_maxrss of the child, run before the import: see main), and the ratios. */
#include "cam-gcode-reader.h"

#include <glib/gstdio.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

static gsize
peak_rss_kb (void)
{
  g_autofree char *status = NULL;
  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return 0;
  const char *p = strstr (status, "VmHWM:");
  return p ? (gsize) g_ascii_strtoull (p + 6, NULL, 10) : 0;
}

static char *
write_program (gsize n_moves, const char *out_path, gsize *bytes)
{
  char *path = out_path ? g_strdup (out_path) : g_build_filename (g_get_tmp_dir (), "microcam-bench-import.ngc", NULL);
  FILE *f = fopen (path, "w");
  if (f == NULL)
    {
      fprintf (stderr, "bench-gcode-import: cannot write %s\n", path);
      exit (1);
    }
  fprintf (f, "%%\n(microcam benchmark program)\nG17 G21 G40 G49 G80 G90 G94\nT1 M6\nS60000 M3\n"
              "G0 X0 Y0 Z1\nG1 Z-0.05 F100\n");
  double x = 0, y = 0;
  gsize n = 0, line = 10;
  GRand *rand = g_rand_new_with_seed (42);
  while (n < n_moves)
    {
      int kind = g_rand_int_range (rand, 0, 100);
      if (kind < 70)
        {
          x = fmod (x + 0.0137, 10.0);
          y = fmod (y + 0.0071, 10.0);
          fprintf (f, "N%zu G1 X%.4f Y%.4f\n", line, x, y);
          n++;
        }
      else if (kind < 90)
        {
          /* half circle of radius 0.05 to the +X side and back to the line */
          double nx = x + 0.1;
          if (kind < 85)
            fprintf (f, "N%zu G%d X%.4f Y%.4f I0.05 J0 (arc)\n", line, kind & 1 ? 2 : 3, nx, y);
          else
            fprintf (f, "N%zu G%d X%.4f Y%.4f R0.05\n", line, kind & 1 ? 2 : 3, nx, y);
          x = nx > 10 ? nx - 10 : nx;
          if (nx > 10)
            fprintf (f, "G0 X%.4f\n", x), n++;
          n++;
        }
      else
        {
          /* a hole: up, cycle, back down (G83: 3 pecks → 10 controller moves) */
          if (kind < 95)
            fprintf (f, "N%zu G0 Z0.5\nG98 G81 X%.4f Y%.4f Z-0.2 R0.1 F30\nG80\nG1 Z-0.05 F100\n", line, x, y);
          else
            fprintf (f, "N%zu G0 Z0.5\nG98 G83 X%.4f Y%.4f Z-0.3 R0.1 Q0.12 F30\nG80\nG1 Z-0.05 F100\n", line, x,
                     y);
          n += 3;
        }
      line += 10;
    }
  fprintf (f, "G0 Z1\nM5\nM30\n%%\n");
  *bytes = (gsize) ftell (f);
  fclose (f);
  g_rand_free (rand);
  return path;
}

/* Runs rs274 on path; returns wall seconds (< 0 when it could not run), peak RSS in kB. */
static double
run_rs274 (const char *path, long *maxrss_kb, int *exit_status)
{
  g_autofree char *exe = g_find_program_in_path ("rs274");
  if (exe == NULL)
    return -1;
  gint64 t0 = g_get_monotonic_time ();
  pid_t pid = fork ();
  if (pid == 0)
    {
      int devnull = open ("/dev/null", O_WRONLY);
      dup2 (devnull, 1);
      dup2 (devnull, 2);
      if (chdir (g_get_tmp_dir ()) != 0)
        _exit (126);
      execl (exe, "rs274", "-g", path, "/dev/null", (char *) NULL);
      _exit (127);
    }
  int status = 0;
  struct rusage ru;
  memset (&ru, 0, sizeof ru);
  wait4 (pid, &status, 0, &ru);
  double dt = (g_get_monotonic_time () - t0) / 1e6;
  *maxrss_kb = ru.ru_maxrss;
  *exit_status = WIFEXITED (status) ? WEXITSTATUS (status) : -1;
  return dt;
}

/* Moves as the controller makes them, each hole expanded on its own (no program copy). */
static gsize
controller_moves (const CamToolpath *tp)
{
  g_autoptr (GArray) ex = g_array_new (FALSE, FALSE, sizeof (CamMove));
  double pos[3];
  memcpy (pos, tp->start, sizeof pos);
  gsize n = 0;
  for (guint i = 0; i < tp->moves->len; i++)
    {
      const CamMove *m = &g_array_index (tp->moves, CamMove, i);
      if (m->type != CAM_MOVE_CYCLE)
        {
          n++;
          pos[0] = m->x, pos[1] = m->y, pos[2] = m->z;
          continue;
        }
      g_array_set_size (ex, 0);
      cam_move_expand_cycle (m, pos, ex);
      n += ex->len;
      const CamMove *e = &g_array_index (ex, CamMove, ex->len - 1);
      pos[0] = e->x, pos[1] = e->y, pos[2] = e->z;
    }
  return n;
}

/* Imports path; prints the time and peak memory. */
static CamGcodeReader *
import (const char *path, double *seconds)
{
  g_autoptr (GError) error = NULL;
  CamGcodeReader *r = cam_gcode_reader_new (NULL);
  gint64 t0 = g_get_monotonic_time ();
  if (!cam_gcode_reader_read_file (r, path, NULL, NULL, NULL, &error))
    {
      fprintf (stderr, "bench-gcode-import: %s\n", error->message);
      exit (1);
    }
  *seconds = (g_get_monotonic_time () - t0) / 1e6;
  return r;
}

int
main (int argc, char **argv)
{
  gsize bytes = 0;
  if (argc > 2 && strcmp (argv[1], "--read") == 0)
    {
      /* only import an existing file (bench-gcode-vs-rs274.sh times it under /usr/bin/time) */
      gsize rss0 = peak_rss_kb ();
      double t_import;
      g_autoptr (CamGcodeReader) r = import (argv[2], &t_import);
      printf ("import %.3f s, peak memory (VmHWM) %.1f MB (%.1f MB before), %u lines, %u moves, %u errors\n",
              t_import, peak_rss_kb () / 1024.0, rss0 / 1024.0, r->n_lines, r->toolpath->moves->len, r->n_errors);
      return 0;
    }
  gsize want = argc > 1 ? (gsize) g_ascii_strtoull (argv[1], NULL, 10) : 1000000;
  if (argc > 3 && strcmp (argv[2], "--write") == 0)
    {
      /* only write the program (for `microcam-cli check` and bench-gcode-vs-rs274.sh) */
      g_autofree char *out = write_program (want, argv[3], &bytes);
      printf ("%s: %zu moves, %.1f MB\n", out, want, bytes / 1e6);
      return 0;
    }
  g_autofree char *path = write_program (want, NULL, &bytes);

  /* rs274 first: on Linux a child's ru_maxrss also holds the high-water mark of the image it
   * was forked from (kept across exec), so after the import it would report ours. */
  long rss_kb = 0;
  int status = 0;
  gsize rss_before_rs = peak_rss_kb ();
  double t_rs = run_rs274 (path, &rss_kb, &status);

  gsize rss0 = peak_rss_kb ();
  double t_import;
  g_autoptr (CamGcodeReader) r = import (path, &t_import);
  gsize rss1 = peak_rss_kb ();
  gint64 t0 = g_get_monotonic_time ();
  CamToolpathStats st;
  cam_toolpath_stats (r->toolpath, NULL, -1, &st);
  double t_stats = (g_get_monotonic_time () - t0) / 1e6;
  gsize rss2 = peak_rss_kb ();

  printf ("G-code import: %s, %.1f MB, %u lines\n", path, bytes / 1e6, r->n_lines);
  printf ("  program moves           %u (canned cycles as one), %zu as the controller moves, %u errors\n",
          r->toolpath->moves->len, controller_moves (r->toolpath), r->n_errors);
  printf ("  microcam import         %.3f s  (%.0f MB/s, %.2f M lines/s)\n", t_import, bytes / 1e6 / t_import,
          r->n_lines / 1e6 / t_import);
  printf ("  peak memory (VmHWM)     %.1f MB (%.1f MB before the import; toolpath %.1f MB = %zu B/move)\n",
          rss1 / 1024.0, rss0 / 1024.0, r->toolpath->moves->len * sizeof (CamMove) / 1e6, sizeof (CamMove));
  printf ("  lengths + cycle time    %.3f s (cut %.1f mm, rapid %.1f mm, %.0f s), peak memory then %.1f MB\n",
          t_stats, st.cut_length_mm, st.rapid_length_mm, st.cycle_time_s, rss2 / 1024.0);
  if (t_rs < 0)
    printf ("  rs274                   not installed\n");
  else
    {
      printf ("  rs274 -g FILE /dev/null %.3f s, peak memory %.1f MB (ru_maxrss, forked at %.1f MB), exit %d\n", t_rs,
              rss_kb / 1024.0, rss_before_rs / 1024.0, status);
      printf ("  ratio                   microcam import is %.1f× faster than rs274 (goal 5×), %.1f× its peak memory "
              "(rs274 streams canonical calls and keeps no toolpath)\n",
              t_rs / t_import, (double) rss1 / MAX (rss_kb, 1));
    }
  g_unlink (path);
  return 0;
}
