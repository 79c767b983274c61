/* op-fixture.h — a job on the shipped libraries for the operation tests (header-only).
 * Also the geometric checks the operation tests share: rapids above the stock, tool disks
 * inside the allowed area (no gouge), floor coverage by rasterising swept tool disks. */
#pragma once

#include <geos_c.h>
#include <glib.h>
#include <math.h>
#include <string.h>

#include "cam-job.h"
#include "cam-library.h"
#include "cam-gen.h"

typedef struct {
  CamLibrary *lib;
  CamJob *job;
  CamGenContext ctx;
} OpFixture;

static inline void
op_fixture_init (OpFixture *f, const char *material, const char *machine, double part_top_z)
{
  memset (f, 0, sizeof *f);
  f->lib = cam_library_new_with_config_dir (NULL);
  f->job = cam_job_new ();
  f->job->material_id = g_strdup (material);
  f->job->machine_id = g_strdup (machine);
  double lo[3] = { 0, 0, 0 }, hi[3] = { 10, 10, part_top_z };
  cam_job_set_stock_from_part (f->job, lo, hi, 0);
  f->ctx.job = f->job;
  f->ctx.material = cam_library_find_material (f->lib, material);
  f->ctx.machine = cam_library_find_machine (f->lib, machine);
  g_assert_nonnull (f->ctx.material);
  g_assert_nonnull (f->ctx.machine);
}

static inline void
op_fixture_clear (OpFixture *f)
{
  cam_job_unref (f->job);
  cam_library_free (f->lib);
}

static inline guint
op_fixture_tool (OpFixture *f, const char *spec)
{
  g_autoptr (GError) error = NULL;
  const CamTool *lt = cam_library_find_tool (f->lib, spec);
  g_autoptr (CamTool) t = lt ? NULL : cam_tool_new_from_spec (spec, &error);
  g_assert_no_error (error);
  return cam_job_add_tool (f->job, spec, lt ? lt : t);
}

/* Every rapid that moves in XY does so at or above the stock top (work Z 0); rapids below
 * it only go straight up, or down into a hole already drilled (cycles, expanded). */
static inline char *
check_rapids_above_stock (const CamToolpath *tp_in)
{
  g_autoptr (CamToolpath) tp = cam_toolpath_expand_cycles (tp_in);
  double p[3] = { tp->start[0], tp->start[1], tp->start[2] };
  GHashTable *drilled = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  char *msg = NULL;
  for (guint i = 0; i < tp->moves->len && !msg; i++)
    {
      const CamMove *m = cam_toolpath_move (tp, i);
      g_autofree char *key = g_strdup_printf ("%.4f,%.4f", m->x, m->y);
      double *deepest = g_hash_table_lookup (drilled, key);
      if (m->type == CAM_MOVE_FEED && fabs (m->x - p[0]) < 1e-9 && fabs (m->y - p[1]) < 1e-9)
        {
          if (!deepest)
            {
              deepest = g_new (double, 1);
              *deepest = INFINITY;
              g_hash_table_insert (drilled, g_strdup (key), deepest);
            }
          *deepest = MIN (*deepest, m->z);
        }
      if (m->type == CAM_MOVE_RAPID)
        {
          gboolean moves_xy = fabs (m->x - p[0]) > 1e-9 || fabs (m->y - p[1]) > 1e-9;
          gboolean up = m->z >= p[2] - 1e-9;
          if (moves_xy && MIN (m->z, p[2]) < -1e-9)
            msg = g_strdup_printf ("move %u: rapid across at z %.4f below the stock top", i, MIN (m->z, p[2]));
          else if (!moves_xy && !up && m->z < -1e-9 && !(deepest && m->z >= *deepest - 1e-9))
            msg = g_strdup_printf ("move %u: rapid down to z %.4f into material", i, m->z);
        }
      p[0] = m->x, p[1] = m->y, p[2] = m->z;
    }
  g_hash_table_unref (drilled);
  return msg;
}

/* Samples every cutting move of tp at z ≤ below_z (and every move when below_z is +inf):
 * the tool centre must be at least min_clear from outside the region (disk inside the
 * pocket) — returns the worst clearance found (negative = gouge). finishing_only / rough
 * clearance: finish moves must keep R, roughing R + stock. */
static inline double
worst_clearance (GEOSContextHandle_t g, const GEOSGeometry *region, const CamToolpath *tp_in, double r_tool,
                 double stock, gboolean inside)
{
  g_autoptr (CamToolpath) tp = cam_toolpath_expand_cycles (tp_in);
  GEOSGeometry *boundary = GEOSBoundary_r (g, region);
  const GEOSPreparedGeometry *prep = GEOSPrepare_r (g, region);
  double worst = INFINITY;
  double s[3] = { tp->start[0], tp->start[1], tp->start[2] };
  for (guint i = 0; i < tp->moves->len; i++)
    {
      const CamMove *m = cam_toolpath_move (tp, i);
      if (cam_move_is_cut (m) && m->z < -1e-9)
        {
          /* finishing passes and links through cleared space may touch the finished wall */
          double need = r_tool + ((m->flags & (CAM_MOVE_FLAG_FINISH | CAM_MOVE_FLAG_LINK)) ? 0 : stock);
          double len = cam_move_length (m, s);
          guint n = MAX (2u, (guint) ceil (len / 0.002));
          for (guint k = 0; k <= n; k++)
            {
              double q[3];
              cam_move_point_at (m, s, (double) k / n, q);
              GEOSGeometry *pt = GEOSGeom_createPointFromXY_r (g, q[0], q[1]);
              double d = 0;
              GEOSDistance_r (g, pt, boundary, &d);
              gboolean in = GEOSPreparedContains_r (g, prep, pt) == 1;
              if (in != inside)
                d = -d;
              worst = MIN (worst, d - need);
              GEOSGeom_destroy_r (g, pt);
            }
        }
      s[0] = m->x, s[1] = m->y, s[2] = m->z;
    }
  GEOSPreparedGeom_destroy_r (g, prep);
  GEOSGeom_destroy_r (g, boundary);
  return worst;
}
