/* bench-dfm.c — feature recognition + DFM review on a ~1M-facet part.
 *
 * The part is built here (no fixture to ship): a 10 × 10 × 1 mm plate with a 20 × 20 grid
 * of Ø0.2 mm through holes at 0.5 mm pitch, each hole a 424-sided polygon, so that the
 * facet count is about 6 × 424 × 400 ≈ 1.02 million. Each grid cell's top and bottom faces
 * are a quad strip between the cell's square outline and the hole polygon, with the square's
 * points at the hole vertices' angles so neighbouring cells share edges exactly.
 *
 * Usage: bench-dfm [HOLE_SIDES] [GRID]   (defaults 424, 20). Prints the times and counts;
 * the goal is recognition + review under 3 s. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "cam-dfm.h"
#include "cam-features.h"
#include "cam-library.h"
#include "cam-mesh.h"

static void
tri (CamTriSoup *soup, const double a[3], const double b[3], const double c[3], const double want[3])
{
  double u[3] = { b[0] - a[0], b[1] - a[1], b[2] - a[2] }, v[3] = { c[0] - a[0], c[1] - a[1], c[2] - a[2] };
  double n[3] = { u[1] * v[2] - u[2] * v[1], u[2] * v[0] - u[0] * v[2], u[0] * v[1] - u[1] * v[0] };
  gboolean flip = n[0] * want[0] + n[1] * want[1] + n[2] * want[2] < 0;
  const double *p[3] = { a, flip ? c : b, flip ? b : c };
  float xyz[9];
  for (int k = 0; k < 3; k++)
    for (int j = 0; j < 3; j++)
      xyz[3 * k + j] = (float) p[k][j];
  cam_tri_soup_add (soup, xyz);
}

/* Point of the cell's square outline (half size h, centre c) in direction angle t. */
static void
square_point (double cx, double cy, double h, double t, double z, double out[3])
{
  double dx = cos (t), dy = sin (t);
  double s = h / MAX (fabs (dx), fabs (dy));
  out[0] = cx + s * dx;
  out[1] = cy + s * dy;
  out[2] = z;
  /* snap the coordinate on the cell's edge exactly so neighbours weld */
  if (fabs (dx) >= fabs (dy))
    out[0] = cx + (dx > 0 ? h : -h);
  else
    out[1] = cy + (dy > 0 ? h : -h);
}

int
main (int argc, char **argv)
{
  int k = argc > 1 ? atoi (argv[1]) : 424;
  int grid = argc > 2 ? atoi (argv[2]) : 20;
  k = MAX (8, k / 8 * 8);
  const double pitch = 0.5, r = 0.1, hz = 1.0, h = pitch / 2;
  CamTriSoup soup;
  cam_tri_soup_init (&soup);
  cam_tri_soup_reserve (&soup, (gsize) 6 * k * grid * grid + 64 * grid * k);
  gint64 t0 = g_get_monotonic_time ();
  const double up[3] = { 0, 0, 1 }, down[3] = { 0, 0, -1 };
  for (int i = 0; i < grid; i++)
    for (int j = 0; j < grid; j++)
      {
        double cx = h + pitch * i, cy = h + pitch * j;
        for (int s = 0; s < k; s++)
          {
            double t0a = 2 * G_PI * s / k, t1a = 2 * G_PI * (s + 1) / k;
            for (int face = 0; face < 2; face++)
              {
                double z = face ? hz : 0.0;
                double q0[3], q1[3];
                square_point (cx, cy, h, t0a, z, q0);
                square_point (cx, cy, h, t1a, z, q1);
                double c0[3] = { cx + r * cos (t0a), cy + r * sin (t0a), z };
                double c1[3] = { cx + r * cos (t1a), cy + r * sin (t1a), z };
                tri (&soup, c0, q0, q1, face ? up : down);
                tri (&soup, c0, q1, c1, face ? up : down);
              }
            /* hole wall, facing the axis */
            double a0[3] = { cx + r * cos (t0a), cy + r * sin (t0a), 0 }, a1[3] = { cx + r * cos (t1a), cy + r * sin (t1a), 0 };
            double b0[3] = { a0[0], a0[1], hz }, b1[3] = { a1[0], a1[1], hz };
            double tm = 0.5 * (t0a + t1a);
            double in[3] = { -cos (tm), -sin (tm), 0 };
            tri (&soup, a0, a1, b1, in);
            tri (&soup, a0, b1, b0, in);
            /* outer side walls where the cell touches the plate's edge */
            double q0[3], q1[3];
            square_point (cx, cy, h, t0a, 0, q0);
            square_point (cx, cy, h, t1a, 0, q1);
            double out[3] = { 0, 0, 0 };
            double eps = 1e-9;
            if (q0[0] < eps && q1[0] < eps)
              out[0] = -1;
            else if (q0[0] > grid * pitch - eps && q1[0] > grid * pitch - eps)
              out[0] = 1;
            else if (q0[1] < eps && q1[1] < eps)
              out[1] = -1;
            else if (q0[1] > grid * pitch - eps && q1[1] > grid * pitch - eps)
              out[1] = 1;
            if (out[0] != 0 || out[1] != 0)
              {
                double u0[3] = { q0[0], q0[1], hz }, u1[3] = { q1[0], q1[1], hz };
                tri (&soup, q0, q1, u1, out);
                tri (&soup, q0, u1, u0, out);
              }
          }
      }
  gint64 t1 = g_get_monotonic_time ();
  g_autoptr (GError) error = NULL;
  g_autoptr (CamMesh) mesh = cam_mesh_new_from_soup (&soup, "bench-plate", &error);
  cam_tri_soup_clear (&soup);
  if (mesh == NULL)
    {
      fprintf (stderr, "bench-dfm: %s\n", error->message);
      return 1;
    }
  gint64 t2 = g_get_monotonic_time ();
  g_autoptr (CamFeatureSet) set = cam_features_recognize (mesh, NULL, NULL, &error);
  if (set == NULL)
    {
      fprintf (stderr, "bench-dfm: %s\n", error->message);
      return 1;
    }
  gint64 t3 = g_get_monotonic_time ();
  g_autoptr (CamLibrary) lib = cam_library_new_with_config_dir (NULL);
  g_autoptr (CamDfmRules) rules = cam_dfm_rules_new_builtin (&error);
  CamDfmOptions opts = { "ss316l", NULL, 0.005, 0.8 };
  g_autoptr (CamDfmReport) report = cam_dfm_review (set, rules, lib, &opts, &error);
  if (report == NULL)
    {
      fprintf (stderr, "bench-dfm: %s\n", error->message);
      return 1;
    }
  gint64 t4 = g_get_monotonic_time ();
  printf ("bench-dfm: %u facets (%s), %u holes, %u features, %u findings\n", mesh->n_triangles,
          mesh->watertight ? "watertight" : "NOT watertight", cam_feature_set_count (set, CAM_FEATURE_HOLE),
          set->features->len, report->findings->len);
  printf ("  build soup       %8.3f s\n", (t1 - t0) / 1e6);
  printf ("  weld mesh        %8.3f s\n", (t2 - t1) / 1e6);
  printf ("  recognise        %8.3f s\n", (t3 - t2) / 1e6);
  printf ("  DFM review       %8.3f s\n", (t4 - t3) / 1e6);
  printf ("  recognise + DFM  %8.3f s   (goal < 3 s)\n", (t4 - t2) / 1e6);
  return cam_feature_set_count (set, CAM_FEATURE_HOLE) == (guint) (grid * grid) ? 0 : 1;
}
