/* cam-gen-pocket.c — contour-parallel pocket clearing with stepdowns, entry and finishing.
 *
 * Method (Held, "On the Computational Geometry of Pocket Machining", LNCS 500, 1991,
 * ch. 5: contour-parallel offsetting):
 *
 *   A_k = buffer(region, −(R + s + k·e))      k = 0, 1, … until empty
 *           R tool radius, s wall stock to leave, e stepover (≤ R so that nothing is left
 *           between rings nor inside the innermost one)
 *
 *     ┌──────────────┐   A_0 ring: last roughing pass
 *     │ ┌──────────┐ │   A_1 …
 *     │ │ ┌──────┐ │ │   A_k leaf: entered by helix (or ramp), cut first
 *     │ │ └──────┘ │ │
 *     │ └──────────┘ │   order: inside-out (post-order over the offset tree, so split
 *     └──────────────┘   regions around islands are each finished before moving on)
 *
 * Levels: equal steps of at most the stepdown from top_z to the floor (+ floor stock).
 * Direction: climb (M3: material on the right of travel: exteriors CCW, islands CW),
 * or conventional. Entry: helix of radius ≤ R on the leaf's largest inscribed circle
 * (GEOSMaximumInscribedCircle), or a zig-zag ramp along its longest edge when there is
 * no room; never a straight plunge with an end mill under 1 mm. Finishing: after each
 * level a wall pass at exactly R (removing the wall stock), then the floor at full depth
 * with every ring at offsets from R (removing the floor stock).
 * Rest machining (op->rest_from_wkt): the material is the region minus what a larger tool
 * cleared; rings that cannot touch it are skipped and the tool goes down in cleared air.
 * Engagement and physics on every move: cam-gen-mill.c.
 */
#include "cam-gen-mill.h"

#include <math.h>
#include <string.h>

#include "cam-error.h"

typedef struct _Node Node;
struct _Node {
  GEOSGeometry *poly;     /* one polygon of A_k (owned) */
  guint k;
  GPtrArray *children;    /* Node* */
};

static void
node_free (CamGenMill *m, Node *n)
{
  for (guint i = 0; i < n->children->len; i++)
    node_free (m, g_ptr_array_index (n->children, i));
  g_ptr_array_unref (n->children);
  GEOSGeom_destroy_r (m->g, n->poly);
  g_free (n);
}

static gboolean
is_empty (CamGenMill *m, const GEOSGeometry *g)
{
  double a = 0;
  return g == NULL || GEOSisEmpty_r (m->g, g) == 1 || !GEOSArea_r (m->g, g, &a) || a < 1e-12;
}

/* Offset tree of region at offsets off0 + k·step. */
static GPtrArray *
offset_tree (CamGenMill *m, const GEOSGeometry *region, double off0, double step, const GEOSGeometry *reach)
{
  GPtrArray *roots = g_ptr_array_new ();
  GPtrArray *prev = NULL;
  for (guint k = 0; k < 100000; k++)
    {
      if (k > 0 && !isfinite (step))
        break;
      GEOSGeometry *a = cam_gen_mill_buffer (m, region, -(k == 0 ? off0 : off0 + k * step));
      if (a == NULL)
        {
          /* a failure, not the offset collapsing (that is an empty geometry) */
          cam_gen_mill_geos_failed (m, CAM_GEN_GEOS_OFFSET);
          break;
        }
      if (is_empty (m, a))
        {
          if (a)
            GEOSGeom_destroy_r (m->g, a);
          break;
        }
      GPtrArray *level = g_ptr_array_new ();
      int ng = GEOSGetNumGeometries_r (m->g, a);
      for (int i = 0; i < ng; i++)
        {
          const GEOSGeometry *pg = GEOSGetGeometryN_r (m->g, a, i);
          double area = 0;
          if (GEOSGeomTypeId_r (m->g, pg) != GEOS_POLYGON || !GEOSArea_r (m->g, pg, &area) || area < 1e-10)
            continue;
          Node *n = g_new0 (Node, 1);
          n->poly = GEOSGeom_clone_r (m->g, pg);
          n->k = k;
          n->children = g_ptr_array_new ();
          /* Rest machining: a ring whose tool disk cannot touch the material is skipped
           * (its inner rings still are considered). */
          g_ptr_array_add (level, n);
          Node *parent = NULL;
          if (prev)
            {
              GEOSGeometry *pt = GEOSPointOnSurface_r (m->g, pg);
              for (guint j = 0; j < prev->len && parent == NULL; j++)
                {
                  Node *c = g_ptr_array_index (prev, j);
                  if (GEOSIntersects_r (m->g, c->poly, pt) == 1)
                    parent = c;
                }
              GEOSGeom_destroy_r (m->g, pt);
            }
          if (parent)
            g_ptr_array_add (parent->children, n);
          else
            g_ptr_array_add (roots, n);
        }
      GEOSGeom_destroy_r (m->g, a);
      if (prev)
        g_ptr_array_unref (prev);
      prev = level;
    }
  if (prev)
    g_ptr_array_unref (prev);
  (void) reach;
  return roots;
}

/* Does the tool running on this polygon's boundary touch material? */
static gboolean
touches_material (CamGenMill *m, const Node *n)
{
  cam_gen_mill_flush (m);
  if (m->remaining == NULL || is_empty (m, m->remaining))
    return FALSE;
  GEOSGeometry *b = GEOSBoundary_r (m->g, n->poly);
  GEOSGeometry *band = b ? GEOSBuffer_r (m->g, b, m->r, 4) : NULL;
  char hit = band ? GEOSIntersects_r (m->g, band, m->remaining) : 2;
  if (hit == 1)
    {
      GEOSGeometry *i = GEOSIntersection_r (m->g, band, m->remaining);
      double a = 0;
      if (i && GEOSArea_r (m->g, i, &a))
        hit = a > 1e-8;
      else
        hit = 2;
      if (i)
        GEOSGeom_destroy_r (m->g, i);
    }
  if (hit == 2)
    {
      /* unknown: the ring is cut (an air pass at worst, never material left uncut) */
      cam_gen_mill_geos_failed (m, CAM_GEN_GEOS_TEST);
      hit = 1;
    }
  if (band)
    GEOSGeom_destroy_r (m->g, band);
  if (b)
    GEOSGeom_destroy_r (m->g, b);
  return hit == 1;
}

/* Is a tool disk at (x, y) entirely in air? */
static gboolean
disk_in_air (CamGenMill *m, double x, double y)
{
  cam_gen_mill_flush (m);
  if (m->remaining == NULL || is_empty (m, m->remaining))
    return TRUE;
  GEOSGeometry *pt = GEOSGeom_createPointFromXY_r (m->g, x, y);
  double d = 0;
  if (pt == NULL || !GEOSDistance_r (m->g, pt, m->remaining, &d))
    {
      /* unknown: material taken as there (a helix or ramp entry, never a plunge into it) */
      cam_gen_mill_geos_failed (m, CAM_GEN_GEOS_TEST);
      d = 0;
    }
  if (pt)
    GEOSGeom_destroy_r (m->g, pt);
  return d >= m->r - 1e-7;
}

typedef struct {
  CamGenMill *m;
  gboolean ccw;         /* exterior direction */
  gboolean rest;
  gboolean need_entry;  /* not at the level yet */
} Walk;

/* Takes the tool to the level near a leaf polygon: helix/ramp in material, straight down in air. */
static void
enter (Walk *w, const GEOSGeometry *poly)
{
  CamGenMill *m = w->m;
  GEOSGeometry *mic = GEOSMaximumInscribedCircle_r (m->g, poly, MAX (m->r * 0.01, 1e-4));
  double cx = 0, cy = 0, rho = 0;
  if (mic)
    {
      const GEOSCoordSequence *cs = GEOSGeom_getCoordSeq_r (m->g, mic);
      double x1, y1;
      GEOSCoordSeq_getXY_r (m->g, cs, 0, &cx, &cy);
      GEOSCoordSeq_getXY_r (m->g, cs, 1, &x1, &y1);
      rho = hypot (x1 - cx, y1 - cy);
      GEOSGeom_destroy_r (m->g, mic);
    }
  double hr = MIN (0.9 * rho, m->r);
  double p[3];
  cam_gen_mill_pos (m, p);
  double ex = cx + (hr > 0.05 * m->r ? hr : 0), ey = cy;
  /* Over the entry point: at the current height when that stays in cleared space. */
  if (p[2] <= m->cleared_z + 1e-9 && p[2] < m->retract_z - 1e-9
      && cam_gen_mill_segment_allowed (m, p[0], p[1], ex, ey))
    cam_gen_mill_feed (m, ex, ey, p[2], CAM_MOVE_FLAG_LINK);
  else
    {
      cam_gen_mill_rapid (m, p[0], p[1], MAX (p[2], m->retract_z));
      cam_gen_mill_rapid (m, ex, ey, MAX (p[2], m->retract_z));
      cam_gen_mill_rapid (m, ex, ey, m->retract_z);
      CamMove mv = cam_gen_move (m->op, m->plan, CAM_MOVE_FEED, ex, ey, m->cleared_z);
      mv.feed_mm_min = m->plan->plunge_mm_min;
      cam_gen_annotate_move (m->ctx, m->op, m->plan, &mv, 1e-4, 0, FALSE);
      mv.flags |= CAM_MOVE_FLAG_LINK | CAM_MOVE_FLAG_AIR;
      cam_toolpath_append (m->tp, &mv);
    }
  if (disk_in_air (m, ex, ey))
    cam_gen_mill_feed (m, ex, ey, m->level_z, CAM_MOVE_FLAG_LINK);
  else if (hr > 0.05 * m->r)
    cam_gen_mill_helix_entry (m, cx, cy, hr, w->ccw);
  else
    {
      /* No room for a helix: ramp along the polygon's longest edge. */
      GPtrArray *rings = cam_gen_mill_rings (m, poly, TRUE, 0);
      double best = 0, x0 = cx, y0 = cy, x1 = cx, y1 = cy;
      if (rings->len)
        {
          GArray *r = g_ptr_array_index (rings, 0);
          const double *xy = (const double *) r->data;
          guint n = r->len / 2;
          for (guint i = 0; i < n; i++)
            {
              guint j = (i + 1) % n;
              double l = hypot (xy[2 * j] - xy[2 * i], xy[2 * j + 1] - xy[2 * i + 1]);
              if (l > best)
                best = l, x0 = xy[2 * i], y0 = xy[2 * i + 1], x1 = xy[2 * j], y1 = xy[2 * j + 1];
            }
        }
      g_ptr_array_unref (rings);
      if (best > 1e-4)
        cam_gen_mill_ramp_entry (m, x0, y0, x1, y1);
      else
        cam_job_op_warn (m->op, "no room to enter near (%.3f, %.3f) without plunging: skipped", cx, cy);
    }
  w->need_entry = FALSE;
}

static void
cut_rings (Walk *w, const GEOSGeometry *poly, guint32 flags)
{
  CamGenMill *m = w->m;
  GPtrArray *rings = cam_gen_mill_rings (m, poly, w->ccw, 1e-10);
  g_autofree gboolean *done = g_new0 (gboolean, rings->len + 1);
  for (guint c = 0; c < rings->len; c++)
    {
      /* nearest ring next */
      double p[3];
      cam_gen_mill_pos (m, p);
      guint best = 0, bv = 0;
      double bd = INFINITY;
      for (guint i = 0; i < rings->len; i++)
        if (!done[i])
          {
            GArray *r = g_ptr_array_index (rings, i);
            guint v = cam_gen_mill_nearest_vertex ((double *) r->data, r->len / 2, p[0], p[1]);
            double d = hypot (g_array_index (r, double, 2 * v) - p[0], g_array_index (r, double, 2 * v + 1) - p[1]);
            if (d < bd)
              bd = d, best = i, bv = v;
          }
      done[best] = TRUE;
      GArray *r = g_ptr_array_index (rings, best);
      const double *xy = (const double *) r->data;
      if (!cam_gen_mill_link (m, xy[2 * bv], xy[2 * bv + 1], TRUE))
        {
          /* lifted and came down in air above the level: enter again */
          enter (w, poly);
          cam_gen_mill_link (m, xy[2 * bv], xy[2 * bv + 1], TRUE);
        }
      cam_gen_mill_ring (m, xy, r->len / 2, bv, flags);
    }
  g_ptr_array_unref (rings);
}

static void
walk (Walk *w, Node *n)
{
  for (guint i = 0; i < n->children->len; i++)
    walk (w, g_ptr_array_index (n->children, i));
  if (w->rest && !touches_material (w->m, n))
    return;
  if (w->need_entry)
    enter (w, n->poly);
  cut_rings (w, n->poly, 0);
}

static void
cut_level (CamGenMill *m, Walk *w, const GEOSGeometry *region, double off0, double step)
{
  GPtrArray *roots = offset_tree (m, region, off0, step, NULL);
  for (guint i = 0; i < roots->len; i++)
    {
      double p[3];
      cam_gen_mill_pos (m, p);
      w->need_entry = p[2] > m->level_z + 1e-9;
      Node *root = g_ptr_array_index (roots, i);
      if (i > 0)
        {
          /* Another separate area: lift over the wall between them. */
          cam_gen_mill_rapid (m, p[0], p[1], MAX (p[2], m->retract_z));
          w->need_entry = TRUE;
        }
      walk (w, root);
      node_free (m, root);
    }
  g_ptr_array_unref (roots);
}

gboolean
cam_gen_pocket_generate (const CamGenContext *ctx, CamJobOp *op, GError **error)
{
  const CamJobTool *jt = cam_job_tool (ctx->job, op->tool);
  if (!cam_tool_is_mill (jt->tool))
    {
      g_set_error (error, CAM_ERROR, CAM_ERROR_INVALID, "%s: a pocket needs an end mill, not %s", op->id, jt->spec);
      return FALSE;
    }
  if (op->entry == CAM_ENTRY_PLUNGE && jt->tool->d_mm < 1.0)
    {
      cam_job_op_warn (op, "straight plunge refused for a Ø%.3f mm end mill: helix entry used", jt->tool->d_mm);
      op->entry = CAM_ENTRY_HELIX;
    }
  CamGenPlan plan;
  if (!cam_gen_plan_mill (ctx, op, CAM_CUT_POCKET, 0, 0, &plan, error))
    return FALSE;
  double R = 0.5 * jt->tool->d_mm;
  double step = isfinite (op->stepover_mm) && op->stepover_mm > 0 ? op->stepover_mm : plan.ae_mm;
  if (!(step > 0) || step > R)
    step = MIN (R, step > 0 ? step : 0.4 * jt->tool->d_mm);
  double down = 0;
  if (!cam_gen_choose_stepdown (ctx, op, &plan, op->top_z - op->bottom_z, &down))
    {
      /* no stepdown keeps the limits: nothing is cut (op->not_cut says why) */
      op->toolpath = cam_gen_toolpath_new (ctx, op);
      cam_gen_plan_clear (&plan);
      return TRUE;
    }
  op->stepover_mm = step;
  op->stepdown_mm = down;
  /* the nominal feed for the stepdown actually cut */
  cam_gen_plan_clear (&plan);
  if (!cam_gen_plan_mill (ctx, op, CAM_CUT_POCKET, down, step, &plan, error))
    return FALSE;

  CamGenMill m;
  cam_gen_mill_init (&m, ctx, op, &plan, error);
  m.max_ap = down;
  GEOSGeometry *region = cam_gen_mill_read_region (&m, op->region_wkt, error);
  if (region == NULL)
    {
      cam_gen_mill_clear (&m);
      cam_gen_plan_clear (&plan);
      return FALSE;
    }
  GEOSGeometry *material = GEOSGeom_clone_r (m.g, region);
  gboolean rest = FALSE;
  if (op->rest_from_wkt && *op->rest_from_wkt)
    {
      GEOSGeometry *done = cam_gen_mill_read_region (&m, op->rest_from_wkt, NULL);
      if (done)
        {
          GEOSGeometry *d = GEOSDifference_r (m.g, material, done);
          GEOSGeom_destroy_r (m.g, done);
          if (d)
            {
              GEOSGeom_destroy_r (m.g, material);
              material = d;
              rest = TRUE;
            }
          else
            cam_gen_mill_geos_failed (&m, CAM_GEN_GEOS_MATERIAL); /* the whole region taken as material */
        }
    }
  GEOSGeometry *allowed = cam_gen_mill_buffer (&m, region, -R);
  if (allowed == NULL)
    cam_gen_mill_geos_failed (&m, CAM_GEN_GEOS_OFFSET); /* said by cam_gen_mill_finish, not "does not fit" */
  if (is_empty (&m, allowed))
    {
      if (allowed)
        cam_job_op_warn (op, "the Ø%.3f mm tool does not fit in the region", jt->tool->d_mm);
      if (allowed)
        GEOSGeom_destroy_r (m.g, allowed);
      GEOSGeom_destroy_r (m.g, region);
      GEOSGeom_destroy_r (m.g, material);
      cam_gen_mill_finish (&m);
      cam_gen_plan_clear (&plan);
      return TRUE;
    }
  {
    /* What the tool cannot reach (corners sharper than R, gaps narrower than D). */
    GEOSGeometry *reach = GEOSBuffer_r (m.g, allowed, R, 16);
    GEOSGeometry *left = reach ? GEOSDifference_r (m.g, region, reach) : NULL;
    double a = 0;
    if (left == NULL || !GEOSArea_r (m.g, left, &a))
      cam_job_op_warn (op, "what the Ø%.3f mm tool cannot reach is unknown (the geometry failed)", jt->tool->d_mm);
    else if (a > 1e-6)
      cam_job_op_warn (op, "%.4f mm² in corners or gaps narrower than the Ø%.3f mm tool is left", a,
                       jt->tool->d_mm);
    if (left)
      GEOSGeom_destroy_r (m.g, left);
    if (reach)
      GEOSGeom_destroy_r (m.g, reach);
  }

  double wall = op->finish_walls ? MAX (op->stock_to_leave_mm, 0) : 0;
  double floor_stock = op->finish_floor ? MAX (op->floor_stock_mm, 0) : 0;
  double top = op->top_z, bottom = op->bottom_z;
  if (floor_stock >= top - bottom)
    floor_stock = 0;
  floor_stock = MIN (floor_stock, down); /* the floor pass is a level too: within the stepdown */
  double rough_bottom = bottom + floor_stock;
  guint n = MAX (1u, (guint) ceil ((top - rough_bottom) / down - 1e-6));
  double ap = (top - rough_bottom) / n;
  Walk w = { .m = &m, .ccw = op->climb, .rest = rest };
  double cleared = top;
  for (guint li = 1; li <= n; li++)
    {
      if (g_cancellable_set_error_if_cancelled (ctx->cancellable, error))
        goto fail;
      double z = li == n ? rough_bottom : top - li * ap;
      cam_gen_mill_set_level (&m, z, cleared - z, cleared, material, allowed);
      m.finishing = FALSE;
      m.flags = 0;
      cut_level (&m, &w, region, R + wall, step);
      if (wall > 0)
        {
          m.finishing = TRUE;
          m.flags = CAM_MOVE_FLAG_FINISH;
          cut_level (&m, &w, region, R, INFINITY);
        }
      cleared = z;
    }
  if (floor_stock > 0)
    {
      /* Floor (and the walls of the last bit of depth) at the final depth. */
      cam_gen_mill_set_level (&m, bottom, floor_stock, cleared, material, allowed);
      m.finishing = TRUE;
      m.flags = CAM_MOVE_FLAG_FINISH;
      cut_level (&m, &w, region, R, step);
    }
  {
    double p[3];
    cam_gen_mill_pos (&m, p);
    cam_gen_mill_rapid (&m, p[0], p[1], MAX (p[2], m.retract_z));
  }
  GEOSGeom_destroy_r (m.g, region);
  GEOSGeom_destroy_r (m.g, material);
  GEOSGeom_destroy_r (m.g, allowed);
  cam_gen_mill_finish (&m);
  cam_gen_plan_clear (&plan);
  return TRUE;

fail:
  GEOSGeom_destroy_r (m.g, region);
  GEOSGeom_destroy_r (m.g, material);
  GEOSGeom_destroy_r (m.g, allowed);
  cam_gen_mill_clear (&m);
  cam_gen_plan_clear (&plan);
  return FALSE;
}
