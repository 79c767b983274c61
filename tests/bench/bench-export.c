/* bench-export.c — G-code export speed: a synthetic job of MOVES moves (default 5,000,000)
 * written with each post (cam_post_write_job: header statistics, program text, atomic write),
 * then one program per tool with the LinuxCNC post.
 *
 * The job: 10 × 10 mm, T1 Ø0.2 drill with G83 pecks at a 100 × 100 grid (pitch 0.09 mm; the grbl
 * post expands each into its pecks), T2 Ø0.5 ball end mill zig-zag finishing of a gently waved
 * floor (z = layer depth + 5 µm · sin · cos, so each move writes X and Z): rows of 700 G1 segments
 * across X (0.0136 mm each), rows joined by half-circle arcs (stepover 0.0131 mm, G2/G3 with I J),
 * layers 0.02 mm apart, the feed lowered on every 97th segment (F words come and go).
 * Prints per post: moves in the job, lines and bytes written, seconds, MB/s (10^6 bytes), CPU
 * seconds (CLOCK_PROCESS_CPUTIME_ID: less disturbed by other work on the machine) and the
 * peak resident memory during that export (VmHWM from /proc/self/status, reset before each post
 * by writing 5 to /proc/self/clear_refs, Linux proc(5)).
 * Run: meson benchmark -C build export   (or build/tests/bench/bench-export [MOVES] [DIR]);
 * DIR defaults to $TMPDIR or /tmp; the programs are deleted afterwards. */
#include <glib/gstdio.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cam-plan.h"
#include "cam-post-job.h"

/* CPU time of this process, s: on a shared machine less disturbed by others than wall time. */
static double
cpu_s (void)
{
  struct timespec ts;
  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

static long
peak_rss_kb (void)
{
  g_autofree char *status = NULL;
  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  const char *p = strstr (status, "VmHWM:");
  return p ? strtol (p + 6, NULL, 10) : -1;
}

static void
reset_peak_rss (void)
{
  FILE *f = fopen ("/proc/self/clear_refs", "w");
  if (f)
    {
      fputs ("5", f);
      fclose (f);
    }
}

static void
add (CamToolpath *tp, CamMoveType type, double x, double y, double z, guint op, guint tool, double feed)
{
  CamMove m = cam_move_init (type, x, y, z);
  m.op_index = op;
  m.tool_index = tool;
  m.feed_mm_min = type == CAM_MOVE_RAPID ? NAN : feed;
  m.rpm = tool == 0 ? 24000 : 30000;
  cam_toolpath_append (tp, &m);
}

/* The waved floor: ±5 µm around the layer depth. */
static double
wave (double x, double y, double z)
{
  return z + 0.005 * sin (2 * G_PI * x / 2.5) * cos (2 * G_PI * y / 3.1);
}

static CamJob *
synthetic_job (gsize n_moves)
{
  CamJob *job = cam_job_new ();
  job->part_path = g_strdup ("synthetic-plate.stl");
  job->material_id = g_strdup ("al6061");
  job->machine_id = g_strdup ("micro60k");
  double lo[3] = { 0, 0, 0 }, hi[3] = { 10, 10, 1 };
  cam_job_set_stock_from_part (job, lo, hi, 0);
  g_autoptr (CamTool) drill = cam_tool_new_from_spec ("drill:d=0.2", NULL);
  g_autoptr (CamTool) ball = cam_tool_new_from_spec ("ball:d=0.5,z=2", NULL);
  guint t1 = cam_job_add_tool (job, "drill:d=0.2", drill);
  guint t2 = cam_job_add_tool (job, "ball:d=0.5,z=2", ball);
  cam_job_add_op (job, CAM_JOB_OP_PECK, t1);
  cam_job_add_op (job, CAM_JOB_OP_FACE, t2);

  CamToolpath *tp = cam_toolpath_new ();
  for (guint i = 0; i < job->tools->len; i++)
    {
      const CamJobTool *t = cam_job_tool (job, i);
      g_autofree char *label = cam_tool_describe (t->tool);
      cam_toolpath_add_tool (tp, t->number, t->tool->d_mm, t->spec, label, t->coolant);
    }
  double clear = cam_job_clearance_z (job);
  tp->start[2] = clear;
  add (tp, CAM_MOVE_RAPID, 0, 0, clear, 0, t1, 0);
  for (int i = 0; i < 100 && tp->moves->len < n_moves / 50; i++)
    for (int j = 0; j < 100; j++)
      {
        CamMove c = cam_move_init (CAM_MOVE_CYCLE, 0.545 + 0.09 * i, 0.545 + 0.09 * (i % 2 ? 99 - j : j), -0.8);
        c.cycle = CAM_CYCLE_PECK;
        c.retract = CAM_RETRACT_R_PLANE;
        c.r_z = 0.2;
        c.q_mm = 0.04;
        c.feed_mm_min = 95.5;
        c.rpm = 24000;
        c.tool_index = t1;
        cam_toolpath_append (tp, &c);
      }
  add (tp, CAM_MOVE_RAPID, tp->moves->len ? g_array_index (tp->moves, CamMove, tp->moves->len - 1).x : 0,
       tp->moves->len ? g_array_index (tp->moves, CamMove, tp->moves->len - 1).y : 0, clear, 0, t1, 0);

  const guint segs = 700;
  const double x0 = 0.25, x1 = 9.75, step = 0.0131, y_first = 0.25;
  const guint rows = (guint) floor ((9.75 - y_first) / step);
  for (guint layer = 1; tp->moves->len < n_moves; layer++)
    {
      double z = -0.02 * layer;
      add (tp, CAM_MOVE_RAPID, x0, y_first, clear, 1, t2, 0);
      add (tp, CAM_MOVE_RAPID, x0, y_first, 0.1, 1, t2, 0);
      add (tp, CAM_MOVE_FEED, x0, y_first, wave (x0, y_first, z), 1, t2, 60);
      for (guint r = 0; r < rows && tp->moves->len < n_moves; r++)
        {
          double y = y_first + step * r;
          gboolean fwd = r % 2 == 0;
          for (guint s = 1; s <= segs && tp->moves->len < n_moves; s++)
            {
              double x = fwd ? x0 + (x1 - x0) * s / segs : x1 - (x1 - x0) * s / segs;
              double feed = tp->moves->len % 97 == 0 ? 287.5 : 312.0;
              add (tp, CAM_MOVE_FEED, x, y, wave (x, y, z), 1, t2, feed);
            }
          /* half circle over to the next row */
          double xe = fwd ? x1 : x0;
          CamMove a = cam_move_init (fwd ? CAM_MOVE_ARC_CCW : CAM_MOVE_ARC_CW, xe, y + step, wave (xe, y + step, z));
          a.cx = xe;
          a.cy = y + step / 2;
          a.op_index = 1;
          a.tool_index = t2;
          a.feed_mm_min = 312.0;
          a.rpm = 30000;
          cam_toolpath_append (tp, &a);
        }
      double end[3];
      cam_toolpath_end_point (tp, end);
      add (tp, CAM_MOVE_RAPID, end[0], end[1], clear, 1, t2, 0);
    }
  job->toolpath = tp;
  return job;
}

static gsize
count_lines (const char *path, gsize *bytes)
{
  g_autoptr (GMappedFile) f = g_mapped_file_new (path, FALSE, NULL);
  *bytes = 0;
  if (!f)
    return 0;
  const char *p = g_mapped_file_get_contents (f);
  gsize n = g_mapped_file_get_length (f), lines = 0;
  *bytes = n;
  for (const char *q = p; (q = memchr (q, '\n', n - (gsize) (q - p))); q++)
    lines++;
  return lines;
}

int
main (int argc, char **argv)
{
  gsize n = argc > 1 ? (gsize) g_ascii_strtoull (argv[1], NULL, 10) : 5000000;
  const char *dir = argc > 2 ? argv[2] : g_get_tmp_dir ();
  if (n < 1000)
    n = 1000;
  g_autoptr (CamLibrary) lib = cam_library_new_default ();
  gint64 t0 = g_get_monotonic_time ();
  g_autoptr (CamJob) job = synthetic_job (n);
  gint64 t1 = g_get_monotonic_time ();
  printf ("job: %u moves (%u tools), built in %.2f s; programs in %s\n", job->toolpath->moves->len,
          job->tools->len, (t1 - t0) / 1e6, dir);
  /* Part of every export: the header's cycle time and safety factor, one pass over the moves. */
  CamKinematics kin;
  cam_machine_kinematics (cam_library_find_machine (lib, "micro60k"), &kin);
  CamToolpathStats st;
  gint64 s0 = g_get_monotonic_time ();
  cam_toolpath_stats (job->toolpath, &kin, -1, &st);
  gint64 s1 = g_get_monotonic_time ();
  printf ("of each export: header statistics (cycle time %.0f s, min SF) %.2f s; job in memory %.0f MB\n",
          st.cycle_time_s, (s1 - s0) / 1e6, job->toolpath->moves->len * (double) sizeof (CamMove) / 1e6);
  printf ("%-18s %10s %10s %12s %8s %8s %8s %12s\n", "post", "moves", "lines", "bytes", "s", "MB/s", "CPU s",
          "peak RSS MB");
  const char *posts[] = { "linuxcnc", "fanuc", "grbl", "linuxcnc" };
  int rc = 0;
  for (guint k = 0; k < G_N_ELEMENTS (posts); k++)
    {
      gboolean per_tool = k == 3;
      const CamPostDialect *d = cam_post_find (posts[k]);
      g_autofree char *name = g_strdup_printf ("bench-export-%d-%s.%s", (int) getpid (), d->name, d->extension);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      CamPostOptions po;
      cam_post_options_init (&po);
      g_autoptr (GError) error = NULL;
      g_autoptr (GPtrArray) written = g_ptr_array_new_with_free_func (g_free);
      reset_peak_rss ();
      double ca = cpu_s ();
      gint64 a = g_get_monotonic_time ();
      gboolean ok = per_tool ? cam_post_write_job_per_tool (job, lib, d, &po, path, written, &error)
                             : cam_post_write_job (job, lib, d, &po, path, &error);
      gint64 b = g_get_monotonic_time ();
      double cb = cpu_s ();
      long rss = peak_rss_kb ();
      if (!ok)
        {
          fprintf (stderr, "bench-export: %s\n", error->message);
          rc = 1;
          continue;
        }
      if (!per_tool)
        g_ptr_array_add (written, g_strdup (path));
      gsize lines = 0, bytes = 0;
      for (guint i = 0; i < written->len; i++)
        {
          gsize b1 = 0;
          lines += count_lines (g_ptr_array_index (written, i), &b1);
          bytes += b1;
          if (!g_getenv ("BENCH_EXPORT_KEEP"))
            g_unlink (g_ptr_array_index (written, i));
        }
      double s = (b - a) / 1e6;
      g_autofree char *label = g_strdup_printf ("%s%s", d->name, per_tool ? " per tool" : "");
      printf ("%-18s %10u %10zu %12zu %8.2f %8.1f %8.2f %12.0f\n", label, job->toolpath->moves->len, lines, bytes, s,
              bytes / 1e6 / s, cb - ca, rss / 1024.0);
      fflush (stdout);
    }
  return rc;
}
