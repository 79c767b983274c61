/* bench-mesh-load.c — load + weld time for a generated binary STL of ≥ 1,000,000 facets.
 *
 * Run: meson benchmark -C build --suite … or build/tests/bench/bench-mesh-load [FACETS] [RUNS]
 * Prints load+weld time, facets per second, peak memory (VmHWM), the indexed mesh's own size, and the
 * ratio to reading the same file with `cat` (raw read, page cache warm for both). The machine is shared,
 * so both are timed RUNS times (default 5): the best run is the figure, the median shows the spread.
 * Peak memory is the first load's (later loads reuse freed memory). */
#include "cam-mesh.h"

#include <glib/gstdio.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static gsize
peak_rss_kb (void)
{
  g_autofree char *status = NULL;
  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return 0;
  const char *p = strstr (status, "VmHWM:");
  return p ? (gsize) g_ascii_strtoull (p + 6, NULL, 10) : 0;
}

/* A closed, finely tessellated torus-like grid: (n × n) quads → 2n² facets, every vertex shared by 6. */
static char *
write_part (guint n, gsize *n_facets)
{
  char *path = g_build_filename (g_get_tmp_dir (), "microcam-bench-1m.stl", NULL);
  FILE *f = fopen (path, "wb");
  char header[80] = "microcam benchmark torus";
  fwrite (header, 1, 80, f);
  guint32 count = 2 * n * n;
  fwrite (&count, 4, 1, f);
  double R = 4.0, r = 1.0;
  for (guint i = 0; i < n; i++)
    for (guint j = 0; j < n; j++)
      {
        float p[4][3];
        for (int k = 0; k < 4; k++)
          {
            guint ii = (i + (k == 1 || k == 2)) % n, jj = (j + (k >= 2)) % n;
            double u = 2 * G_PI * ii / n, v = 2 * G_PI * jj / n;
            p[k][0] = (float) ((R + r * cos (v)) * cos (u));
            p[k][1] = (float) ((R + r * cos (v)) * sin (u));
            p[k][2] = (float) (r * sin (v));
          }
        int tri[2][3] = { { 0, 1, 2 }, { 0, 2, 3 } };
        for (int t = 0; t < 2; t++)
          {
            float rec[12] = { 0 };
            for (int c = 0; c < 3; c++)
              memcpy (rec + 3 + 3 * c, p[tri[t][c]], sizeof p[0]);
            fwrite (rec, 4, 12, f);
            guint16 attr = 0;
            fwrite (&attr, 2, 1, f);
          }
      }
  fclose (f);
  *n_facets = count;
  return path;
}

static int
cmp_double (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

int
main (int argc, char **argv)
{
  gsize want = argc > 1 ? (gsize) g_ascii_strtoull (argv[1], NULL, 10) : 1000000;
  guint n = (guint) ceil (sqrt (want / 2.0));
  gsize facets;
  g_autofree char *path = write_part (n, &facets);

  guint runs = argc > 2 ? (guint) CLAMP (g_ascii_strtoull (argv[2], NULL, 10), 1, 100) : 5;

  /* Raw read with cat, page cache warm (read once untimed, then time each run). */
  g_autofree char *cmd = g_strdup_printf ("cat '%s' > /dev/null", path);
  if (system (cmd) != 0)
    return 1;
  g_autofree double *cat_s = g_new (double, runs);
  for (guint r = 0; r < runs; r++)
    {
      gint64 t0 = g_get_monotonic_time ();
      if (system (cmd) != 0)
        return 1;
      cat_s[r] = (g_get_monotonic_time () - t0) / 1e6;
    }
  qsort (cat_s, runs, sizeof (double), cmp_double);

  gsize rss_before = peak_rss_kb (), peak = 0;
  g_autofree double *load_s = g_new (double, runs);
  guint n_vertices = 0;
  gboolean watertight = FALSE;
  double mesh_mb = 0;
  for (guint r = 0; r < runs; r++)
    {
      gint64 t0 = g_get_monotonic_time ();
      g_autoptr (GError) error = NULL;
      g_autoptr (CamMesh) m = cam_mesh_load_file (path, NULL, NULL, NULL, &error);
      load_s[r] = (g_get_monotonic_time () - t0) / 1e6;
      if (!m)
        {
          fprintf (stderr, "bench: %s\n", error->message);
          return 1;
        }
      if (r == 0)
        {
          peak = peak_rss_kb ();
          n_vertices = m->n_vertices;
          watertight = m->watertight;
          mesh_mb = cam_mesh_memory_bytes (m) / 1048576.0;
        }
    }
  qsort (load_s, runs, sizeof (double), cmp_double);
  double best = load_s[0], cat_best = MAX (cat_s[0], 1e-6);
  printf ("facets            %" G_GSIZE_FORMAT " (%u vertices, watertight %s)\n", facets, n_vertices,
          watertight ? "yes" : "no");
  printf ("file              %.1f MB\n", (84.0 + 50.0 * facets) / 1048576.0);
  printf ("load+weld         %.3f s best of %u (%.2f M facets/s), median %.3f s\n", best, runs,
          facets / best / 1e6, load_s[runs / 2]);
  printf ("cat (raw read)    %.3f s best, median %.3f s → ratio %.1f× (best to best)\n", cat_s[0],
          cat_s[runs / 2], best / cat_best);
  printf ("indexed mesh      %.1f MB\n", mesh_mb);
  printf ("peak RSS          %.1f MB (%.1f MB before loading; load adds %.2f× the mesh's size)\n",
          peak / 1024.0, rss_before / 1024.0, (peak - rss_before) / 1024.0 / mesh_mb);
  g_unlink (path);
  return 0;
}
