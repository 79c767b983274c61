/* bench-dfm.c — feature recognition + DFM review on ~1.5M-facet parts.
 *
 * The parts are generated here (dfm-parts.c, no fixture to ship): a knurled and rough textured
 * plate, a noisy turned superellipsoid, a plate of 400 holes and pockets, and the original clean
 * plate with 400 Ø0.2 through holes. Each is welded, recognised and reviewed in 316L on the
 * micro60k at ±0.005 mm, as `microcam-cli dfm PART --material ss316l` does.
 *
 * Usage: bench-dfm [KIND|all] [SIZE]     KIND: textured, freeform, features, clean (default all)
 *        bench-dfm --write DIR           writes the four parts as binary STL into DIR
 * Prints the times and counts per part; the goal is recognition + review under 3 s each. Exit 1
 * when a part is not watertight, fails, or (features, clean) does not find all of its voids. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cam-analysis.h"
#include "cam-dfm.h"
#include "cam-features.h"
#include "cam-library.h"
#include "cam-mesh.h"
#include "dfm-parts.h"

static int
bench_one (DfmPartKind kind, guint size, const CamLibrary *lib, const CamDfmRules *rules)
{
  CamTriSoup soup;
  cam_tri_soup_init (&soup);
  gint64 t0 = g_get_monotonic_time ();
  dfm_part_build (kind, size, &soup);
  gint64 t1 = g_get_monotonic_time ();
  g_autoptr (GError) error = NULL;
  g_autoptr (CamMesh) mesh = cam_mesh_new_from_soup (&soup, dfm_part_name (kind), &error);
  cam_tri_soup_clear (&soup);
  if (mesh == NULL)
    {
      fprintf (stderr, "bench-dfm: %s\n", error->message);
      return 1;
    }
  gint64 t2 = g_get_monotonic_time ();
  CamFeatureOptions fopts;
  cam_analysis_feature_options (rules, &fopts);
  g_autoptr (CamFeatureSet) set = cam_features_recognize (mesh, &fopts, NULL, &error);
  if (set == NULL)
    {
      fprintf (stderr, "bench-dfm: %s: %s\n", dfm_part_name (kind), error->message);
      return 1;
    }
  gint64 t3 = g_get_monotonic_time ();
  CamDfmOptions opts = { "ss316l", "micro60k", 0.005, 0.8 };
  g_autoptr (CamDfmReport) report = cam_dfm_review (set, rules, lib, &opts, &error);
  if (report == NULL)
    {
      fprintf (stderr, "bench-dfm: %s: %s\n", dfm_part_name (kind), error->message);
      return 1;
    }
  gint64 t4 = g_get_monotonic_time ();
  guint voids = cam_feature_set_count (set, CAM_FEATURE_HOLE) + cam_feature_set_count (set, CAM_FEATURE_POCKET)
                + cam_feature_set_count (set, CAM_FEATURE_SLOT);
  printf ("bench-dfm %s: %u facets (%s), %u levels, %u bands, %u holes, %u pockets+slots, %u features, "
          "%u findings, %u analysis warnings\n",
          dfm_part_name (kind), mesh->n_triangles, mesh->watertight ? "watertight" : "NOT watertight",
          set->n_levels, set->n_bands, cam_feature_set_count (set, CAM_FEATURE_HOLE),
          voids - cam_feature_set_count (set, CAM_FEATURE_HOLE), set->features->len, report->findings->len,
          set->warnings->len);
  for (guint i = 0; i < set->warnings->len; i++)
    printf ("  warning: %s\n", (const char *) g_ptr_array_index (set->warnings, i));
  printf ("  build soup       %8.3f s\n", (t1 - t0) / 1e6);
  printf ("  weld mesh        %8.3f s\n", (t2 - t1) / 1e6);
  printf ("  recognise        %8.3f s\n", (t3 - t2) / 1e6);
  printf ("  DFM review       %8.3f s\n", (t4 - t3) / 1e6);
  printf ("  recognise + DFM  %8.3f s   (goal < 3 s)\n", (t4 - t2) / 1e6);
  if (!mesh->watertight)
    return 1;
  guint want = dfm_part_voids (kind, size);
  return want == 0 || voids == want ? 0 : 1;
}

int
main (int argc, char **argv)
{
  if (argc > 2 && strcmp (argv[1], "--write") == 0)
    {
      for (DfmPartKind k = DFM_PART_TEXTURED; k <= DFM_PART_CLEAN; k++)
        {
          CamTriSoup soup;
          cam_tri_soup_init (&soup);
          dfm_part_build (k, dfm_part_default_size (k), &soup);
          g_autofree char *name = g_strdup_printf ("dfm-%s.stl", dfm_part_name (k));
          g_autofree char *path = g_build_filename (argv[2], name, NULL);
          g_autoptr (GError) error = NULL;
          gboolean ok = dfm_part_write_stl (&soup, path, &error);
          printf ("%s: %" G_GSIZE_FORMAT " facets\n", path, soup.n_triangles);
          cam_tri_soup_clear (&soup);
          if (!ok)
            {
              fprintf (stderr, "bench-dfm: %s\n", error->message);
              return 1;
            }
        }
      return 0;
    }
  const char *which = argc > 1 ? argv[1] : "all";
  g_autoptr (GError) error = NULL;
  g_autoptr (CamLibrary) lib = cam_library_new_with_config_dir (NULL);
  g_autoptr (CamDfmRules) rules = cam_dfm_rules_new_builtin (&error);
  if (rules == NULL)
    {
      fprintf (stderr, "bench-dfm: %s\n", error->message);
      return 1;
    }
  int rc = 0, ran = 0;
  for (DfmPartKind k = DFM_PART_TEXTURED; k <= DFM_PART_CLEAN; k++)
    if (strcmp (which, "all") == 0 || strcmp (which, dfm_part_name (k)) == 0)
      {
        guint size = argc > 2 ? (guint) atoi (argv[2]) : dfm_part_default_size (k);
        rc |= bench_one (k, size, lib, rules);
        ran++;
      }
  if (ran == 0)
    {
      fprintf (stderr, "bench-dfm: unknown part '%s' (textured, freeform, features, clean or all)\n", which);
      return 2;
    }
  return rc;
}
