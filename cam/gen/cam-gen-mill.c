/* cam-gen-mill.c — milling moves with engagement from the material actually left.
 *
 * Method (per cutting move, at one Z level):
 *   sweep   = buffer(segment, R)                  the area the tool covers (GEOS buffer)
 *   new     = sweep − sweep of the previous move  (what this move alone adds)
 *   removed = new ∩ material left                  (clipped to the sweep's box first)
 *   ae      = area(removed) / length, capped at D  (for a straight cut at steady state
 *             area = ae · length exactly; at a slot entry it reaches D, in an inside
 *             corner it rises above the stepover — the engagement that breaks micro tools,
 *             cf. Bae et al., "Cutting force prediction for pocket machining", IJMTM 2003)
 *   ap      = the level's depth of cut.
 * Sweeps are subtracted from the material in batches (every 32 moves and at the end of
 * each ring), which keeps the GEOS work linear in the number of moves.
 * Failures are never silent: a GEOS call that fails (an exception inside GEOS, returned as
 * NULL or 2) is counted by kind and becomes a warning on the operation; a move whose
 * engagement could not be computed is flagged CAM_MOVE_FLAG_UNCHECKED and fed and evaluated
 * as a full slot (ae = D, the heaviest case), never as an air move (ae = 0).
 * Helical entry: pitch = 2π·r·tan(ramp angle) per turn (the makers' ramp limits, see
 * cam-job.c); a ramp zig-zags along a segment at the same angle.
 */
#include "cam-gen-mill.h"

#include <math.h>
#include <string.h>

#include "cam-error.h"

#define FLUSH_EVERY 32

static void
geos_notice (const char *fmt, ...)
{
  (void) fmt;
}

static void
geos_error (const char *message, void *data)
{
  CamGenMill *m = data;
  g_strlcpy (m->geos_message, message ? message : "", sizeof m->geos_message);
}

void
cam_gen_mill_geos_failed (CamGenMill *m, CamGenGeosFailure what)
{
  m->geos_failures[what]++;
}

/* The op's warnings for the failures counted. */
static void
warn_geos_failures (CamGenMill *m)
{
  static const char *const what[CAM_GEN_GEOS_N_KINDS] = {
    [CAM_GEN_GEOS_ENGAGEMENT] = "the engagement of %u move%s: fed and evaluated as a full slot, flagged "
                                "'engagement unknown'",
    [CAM_GEN_GEOS_MATERIAL] = "the material left (%u time%s): later moves take more material than is left "
                              "(feeds lower than needed)",
    [CAM_GEN_GEOS_OFFSET] = "an offset of the region (%u time%s): part of the area is not cut",
    [CAM_GEN_GEOS_TEST] = "a contact or containment test (%u time%s): the safe answer (material there, lift over) "
                          "taken",
  };
  for (int k = 0; k < CAM_GEN_GEOS_N_KINDS; k++)
    if (m->geos_failures[k] > 0)
      {
        /* every entry of the table takes the count (%u) and its plural ending (%s) */
        g_autofree char *text = g_strdup_printf (what[k], m->geos_failures[k], m->geos_failures[k] == 1 ? "" : "s");
        cam_job_op_warn (m->op, "the geometry (GEOS) failed computing %s (GEOS: %s)", text,
                         m->geos_message[0] ? m->geos_message : "no message");
      }
}

gboolean
cam_gen_mill_init (CamGenMill *m, const CamGenContext *ctx, CamJobOp *op, CamGenPlan *plan, GError **error)
{
  (void) error;
  memset (m, 0, sizeof *m);
  m->ctx = ctx;
  m->op = op;
  m->plan = plan;
  m->tp = cam_gen_toolpath_new (ctx, op);
  m->g = GEOS_init_r ();
  GEOSContext_setNoticeHandler_r (m->g, geos_notice);
  GEOSContext_setErrorMessageHandler_r (m->g, geos_error, m);
  m->r = 0.5 * cam_job_tool (ctx->job, op->tool)->tool->d_mm;
  m->retract_z = cam_job_retract_z (ctx->job);
  m->cleared_z = m->retract_z;
  m->pending = g_ptr_array_new ();
  m->chord_mm = MIN (0.0002, 0.1 * ctx->job->tolerance_mm);
  return TRUE;
}

static void
clear_pending (CamGenMill *m)
{
  for (guint i = 0; i < m->pending->len; i++)
    GEOSGeom_destroy_r (m->g, g_ptr_array_index (m->pending, i));
  g_ptr_array_set_size (m->pending, 0);
}

void
cam_gen_mill_clear (CamGenMill *m)
{
  if (m->g == NULL)
    return;
  clear_pending (m);
  g_ptr_array_unref (m->pending);
  if (m->remaining)
    GEOSGeom_destroy_r (m->g, m->remaining);
  if (m->allowed)
    GEOSGeom_destroy_r (m->g, m->allowed);
  if (m->prev_sweep)
    GEOSGeom_destroy_r (m->g, m->prev_sweep);
  if (m->helix_material)
    GEOSGeom_destroy_r (m->g, m->helix_material);
  g_clear_pointer (&m->tp, cam_toolpath_unref);
  GEOS_finish_r (m->g);
  m->g = NULL;
}

void
cam_gen_mill_finish (CamGenMill *m)
{
  g_clear_pointer (&m->op->toolpath, cam_toolpath_unref);
  m->op->toolpath = g_steal_pointer (&m->tp);
  warn_geos_failures (m);
  cam_gen_mill_clear (m);
}

typedef struct {
  double dx, dy;
} Shift;

static int
shift_xy (double *x, double *y, void *data)
{
  const Shift *s = data;
  *x -= s->dx;
  *y -= s->dy;
  return 1;
}

GEOSGeometry *
cam_gen_mill_read_region (CamGenMill *m, const char *wkt, GError **error)
{
  if (wkt == NULL || *wkt == '\0')
    {
      g_set_error (error, CAM_ERROR, CAM_ERROR_INVALID, "%s: no region to machine", m->op->id);
      return NULL;
    }
  GEOSWKTReader *rd = GEOSWKTReader_create_r (m->g);
  GEOSGeometry *g = GEOSWKTReader_read_r (m->g, rd, wkt);
  GEOSWKTReader_destroy_r (m->g, rd);
  if (g == NULL)
    {
      g_set_error (error, CAM_ERROR, CAM_ERROR_FORMAT, "%s: region is not valid WKT", m->op->id);
      return NULL;
    }
  Shift s = { m->ctx->job->work_offset[0], m->ctx->job->work_offset[1] };
  GEOSGeometry *w = GEOSGeom_transformXY_r (m->g, g, shift_xy, &s);
  GEOSGeom_destroy_r (m->g, g);
  if (!GEOSisValid_r (m->g, w))
    {
      GEOSGeometry *v = GEOSMakeValid_r (m->g, w);
      GEOSGeom_destroy_r (m->g, w);
      w = v;
    }
  double area = 0;
  if (w == NULL || !GEOSArea_r (m->g, w, &area) || area <= 0)
    {
      if (w)
        GEOSGeom_destroy_r (m->g, w);
      g_set_error (error, CAM_ERROR, CAM_ERROR_INVALID, "%s: region has no area", m->op->id);
      return NULL;
    }
  return w;
}

GEOSGeometry *
cam_gen_mill_buffer (CamGenMill *m, const GEOSGeometry *g, double distance)
{
  /* GEOS takes the segments of a quarter circle: within the chord tolerance, 4 to 64 of them
   * (8 when the radius is below the tolerance) */
  CamArcChording c = { .sagitta_mm = m->chord_mm, .small_angle = G_PI / 16, .min_chords = 4, .max_chords = 64 };
  guint q = cam_arc_n_chords (&c, fabs (distance), G_PI / 2);
  return GEOSBuffer_r (m->g, g, distance, (int) q);
}

void
cam_gen_mill_set_level (CamGenMill *m, double z, double ap_mm, double cleared_z,
                       const GEOSGeometry *material, const GEOSGeometry *allowed)
{
  clear_pending (m);
  if (m->remaining)
    GEOSGeom_destroy_r (m->g, m->remaining);
  if (m->allowed)
    GEOSGeom_destroy_r (m->g, m->allowed);
  if (m->prev_sweep)
    GEOSGeom_destroy_r (m->g, m->prev_sweep);
  m->prev_sweep = NULL;
  m->remaining = material ? GEOSGeom_clone_r (m->g, material) : NULL;
  m->material_unknown = m->remaining == NULL;
  if (m->material_unknown)
    cam_gen_mill_geos_failed (m, CAM_GEN_GEOS_MATERIAL);
  m->allowed = allowed ? GEOSGeom_clone_r (m->g, allowed) : NULL;
  m->level_z = z;
  m->level_ap = ap_mm;
  m->cleared_z = cleared_z;
}

void
cam_gen_mill_pos (const CamGenMill *m, double out[3])
{
  cam_toolpath_end_point (m->tp, out);
}

void
cam_gen_mill_flush (CamGenMill *m)
{
  if (m->pending->len == 0 || m->remaining == NULL)
    return;
  GEOSGeometry *coll = GEOSGeom_createCollection_r (m->g, GEOS_GEOMETRYCOLLECTION,
                                                    (GEOSGeometry **) m->pending->pdata, m->pending->len);
  if (coll == NULL)
    {
      cam_gen_mill_geos_failed (m, CAM_GEN_GEOS_MATERIAL);
      clear_pending (m);
      return;
    }
  g_ptr_array_set_size (m->pending, 0); /* owned by coll now */
  GEOSGeometry *u = GEOSUnaryUnion_r (m->g, coll);
  GEOSGeom_destroy_r (m->g, coll);
  GEOSGeometry *d = u ? GEOSDifference_r (m->g, m->remaining, u) : NULL;
  if (u)
    GEOSGeom_destroy_r (m->g, u);
  if (d == NULL)
    {
      /* the material stays as it was: more than is left, never less */
      cam_gen_mill_geos_failed (m, CAM_GEN_GEOS_MATERIAL);
      return;
    }
  GEOSGeom_destroy_r (m->g, m->remaining);
  m->remaining = d;
}

double
cam_gen_mill_remaining_area (CamGenMill *m)
{
  cam_gen_mill_flush (m);
  double a = 0;
  if (m->remaining && !GEOSArea_r (m->g, m->remaining, &a))
    {
      cam_gen_mill_geos_failed (m, CAM_GEN_GEOS_TEST);
      return INFINITY; /* unknown: material taken as left */
    }
  return a;
}

static GEOSGeometry *
line_of (CamGenMill *m, const double *xy, guint n)
{
  GEOSCoordSequence *cs = GEOSCoordSeq_create_r (m->g, n, 2);
  if (cs == NULL)
    return NULL;
  for (guint i = 0; i < n; i++)
    GEOSCoordSeq_setXY_r (m->g, cs, i, xy[2 * i], xy[2 * i + 1]);
  return GEOSGeom_createLineString_r (m->g, cs);
}

/* Radial width of cut of the polyline (xy, n ≥ 2) from the material left; records the sweep.
 * NAN when a GEOS call failed on the way: the engagement is unknown, not zero. */
static double
engagement (CamGenMill *m, const double *xy, guint n, double len)
{
  if (len < 1e-9)
    return 0;
  if (m->remaining == NULL)
    return m->material_unknown ? NAN : 0;
  GEOSGeometry *line = line_of (m, xy, n);
  GEOSGeometry *sweep = line ? GEOSBuffer_r (m->g, line, m->r, 4) : NULL;
  if (line)
    GEOSGeom_destroy_r (m->g, line);
  if (sweep == NULL)
    {
      /* nothing to compare the next move with: its fresh area is its whole sweep */
      if (m->prev_sweep)
        GEOSGeom_destroy_r (m->g, m->prev_sweep);
      m->prev_sweep = NULL;
      return NAN;
    }
  GEOSGeometry *fresh = m->prev_sweep ? GEOSDifference_r (m->g, sweep, m->prev_sweep) : GEOSGeom_clone_r (m->g, sweep);
  double x0, y0, x1, y1;
  double ae = NAN;
  if (fresh && GEOSGeom_getXMin_r (m->g, sweep, &x0) && GEOSGeom_getYMin_r (m->g, sweep, &y0)
      && GEOSGeom_getXMax_r (m->g, sweep, &x1) && GEOSGeom_getYMax_r (m->g, sweep, &y1))
    {
      /* Pending sweeps are not yet subtracted: take them out of the local material (when
       * the test itself fails, subtracting anyway is right either way). */
      GEOSGeometry *local = GEOSClipByRect_r (m->g, m->remaining, x0, y0, x1, y1);
      for (guint i = 0; local && i < m->pending->len; i++)
        {
          GEOSGeometry *p = g_ptr_array_index (m->pending, i);
          if (GEOSIntersects_r (m->g, p, sweep) != 0)
            {
              GEOSGeometry *d = GEOSDifference_r (m->g, local, p);
              GEOSGeom_destroy_r (m->g, local);
              local = d;
            }
        }
      if (local)
        {
          GEOSGeometry *rem = GEOSIntersection_r (m->g, local, fresh);
          double a = 0;
          if (rem && GEOSArea_r (m->g, rem, &a))
            ae = MIN (a / len, 2 * m->r);
          if (rem)
            GEOSGeom_destroy_r (m->g, rem);
          GEOSGeom_destroy_r (m->g, local);
        }
    }
  if (fresh)
    GEOSGeom_destroy_r (m->g, fresh);
  if (m->prev_sweep)
    GEOSGeom_destroy_r (m->g, m->prev_sweep);
  m->prev_sweep = GEOSGeom_clone_r (m->g, sweep);
  g_ptr_array_add (m->pending, sweep);
  if (m->pending->len >= FLUSH_EVERY)
    cam_gen_mill_flush (m);
  return ae;
}

/* Radial width of cut of a helix turn: every turn cuts a new layer, a pitch deep, through the
 * material that was there when the helix began — not the level's material less the earlier turns'
 * sweeps (in the plane those look cleared, and the turns after the first would pass for air while
 * each removes the full disk under the tool). NAN when GEOS failed. */
static double
helix_engagement (CamGenMill *m, const double *xy, guint n, double len)
{
  GEOSGeometry *line = line_of (m, xy, n);
  GEOSGeometry *sweep = line ? GEOSBuffer_r (m->g, line, m->r, 4) : NULL;
  if (line)
    GEOSGeom_destroy_r (m->g, line);
  if (sweep == NULL)
    return NAN;
  GEOSGeometry *cut = GEOSIntersection_r (m->g, sweep, m->helix_material);
  double a = 0, ae = NAN;
  if (cut && GEOSArea_r (m->g, cut, &a))
    ae = MIN (a / len, 2 * m->r);
  if (cut)
    GEOSGeom_destroy_r (m->g, cut);
  /* what the turn removes still leaves the level's material */
  g_ptr_array_add (m->pending, sweep);
  if (m->prev_sweep)
    GEOSGeom_destroy_r (m->g, m->prev_sweep);
  m->prev_sweep = NULL;
  return ae;
}

/* ae of a cutting move whose engagement came out NAN (a GEOS failure): the full slot, the
 * heaviest engagement, with the move flagged and the failure counted. */
static double
known_ae (CamGenMill *m, CamMove *mv, double ae)
{
  if (!isnan (ae))
    return ae;
  mv->flags |= CAM_MOVE_FLAG_UNCHECKED;
  cam_gen_mill_geos_failed (m, CAM_GEN_GEOS_ENGAGEMENT);
  return 2 * m->r;
}

void
cam_gen_mill_rapid (CamGenMill *m, double x, double y, double z)
{
  double p[3];
  cam_gen_mill_pos (m, p);
  if (fabs (p[0] - x) < 1e-9 && fabs (p[1] - y) < 1e-9 && fabs (p[2] - z) < 1e-9)
    return;
  CamMove mv = cam_gen_move (m->op, m->plan, CAM_MOVE_RAPID, x, y, z);
  mv.flags = CAM_MOVE_FLAG_LINK;
  cam_toolpath_append (m->tp, &mv);
  if (m->prev_sweep)
    {
      GEOSGeom_destroy_r (m->g, m->prev_sweep);
      m->prev_sweep = NULL;
    }
}

/* Is there material under a tool disk at (x, y) at this level? (Unknown: yes.) */
static gboolean
material_under_disk (CamGenMill *m, double x, double y)
{
  if (m->remaining == NULL)
    return m->material_unknown;
  cam_gen_mill_flush (m);
  GEOSGeometry *pt = GEOSGeom_createPointFromXY_r (m->g, x, y);
  double d = 0;
  if (pt == NULL || !GEOSDistance_r (m->g, pt, m->remaining, &d))
    {
      cam_gen_mill_geos_failed (m, CAM_GEN_GEOS_TEST);
      d = 0;
    }
  if (pt)
    GEOSGeom_destroy_r (m->g, pt);
  /* an empty remaining gives distance 0 in GEOS: test the area too */
  return d < m->r - 1e-7 && cam_gen_mill_remaining_area (m) > 1e-12;
}

static double
ap_of_move (CamGenMill *m, double z_end)
{
  /* Depth below the cleared height above the level, at the deeper end of the move. */
  double top = MIN (m->cleared_z, m->level_z + m->level_ap);
  return MAX (top - MIN (z_end, top), 0);
}

void
cam_gen_mill_feed (CamGenMill *m, double x, double y, double z, guint32 flags)
{
  double p[3];
  cam_gen_mill_pos (m, p);
  double len = sqrt ((x - p[0]) * (x - p[0]) + (y - p[1]) * (y - p[1]) + (z - p[2]) * (z - p[2]));
  if (len < 1e-7)
    return;
  CamMove mv = cam_gen_move (m->op, m->plan, CAM_MOVE_FEED, x, y, z);
  mv.flags = m->flags | flags;
  double lxy = hypot (x - p[0], y - p[1]);
  double ae;
  if (lxy < 1e-7)
    {
      /* Vertical: a plunge into material is a full-width cut; in air (above the cleared height,
       * or where a larger tool already cleared the disk under it) it is free. */
      ae = z < m->cleared_z - 1e-7 && material_under_disk (m, x, y) ? 2 * m->r : 0;
      if (ae > 0)
        mv.flags |= CAM_MOVE_FLAG_PLUNGE;
      mv.feed_mm_min = m->plan->plunge_mm_min;
    }
  else
    {
      double xy[4] = { p[0], p[1], x, y };
      /* At or above the cleared height the tool moves in air. */
      ae = MIN (z, p[2]) < m->cleared_z - 1e-9 ? engagement (m, xy, 2, lxy) : 0;
    }
  double ap = ap_of_move (m, MIN (z, p[2]));
  /* above the cleared height it is air, whatever the geometry said */
  ae = ap <= 1e-7 ? 0 : known_ae (m, &mv, ae);
  cam_gen_annotate_move (m->ctx, m->op, m->plan, &mv, MAX (ap, 1e-4), ae, m->finishing);
  cam_toolpath_append (m->tp, &mv);
}

void
cam_gen_mill_arc (CamGenMill *m, gboolean cw, double x, double y, double z, double cx, double cy, guint32 flags)
{
  double p[3];
  cam_gen_mill_pos (m, p);
  CamMove mv = cam_gen_move (m->op, m->plan, cw ? CAM_MOVE_ARC_CW : CAM_MOVE_ARC_CCW, x, y, z);
  mv.cx = cx;
  mv.cy = cy;
  mv.flags = m->flags | flags;
  double r = hypot (p[0] - cx, p[1] - cy);
  double sweep = cam_move_arc_sweep (&mv, p);
  double lxy = fabs (sweep) * r;
  /* the engagement polyline: 10× the chord tolerance is ample for an area ratio, 1 to 63
   * chords (a half turn each when the radius is below it) */
  CamArcChording c = { .sagitta_mm = m->chord_mm * 10, .small_angle = G_PI, .min_chords = 1, .max_chords = 63 };
  guint n;
  g_autofree double *xy = cam_move_arc_points (&mv, p, &c, &n);
  for (guint i = 0; i < n; i++)
    {
      xy[2 * i] = xy[3 * i];
      xy[2 * i + 1] = xy[3 * i + 1];
    }
  double ae = (mv.flags & CAM_MOVE_FLAG_HELIX) && m->helix_material
                 ? known_ae (m, &mv, helix_engagement (m, xy, n, MAX (lxy, 1e-9)))
                 : known_ae (m, &mv, engagement (m, xy, n, MAX (lxy, 1e-9)));
  double ap = ap_of_move (m, MIN (z, p[2]));
  if (mv.flags & CAM_MOVE_FLAG_HELIX)
    {
      /* A helix cuts the ramp its previous turn left: the pitch deep, also on the flat turns that
       * clean the ramp off at the bottom (never deeper than the material above the move). */
      double per_turn = fabs (p[2] - z) * (2 * G_PI / MAX (fabs (sweep), 1e-9));
      ap = MIN (MAX (MAX (per_turn, m->helix_pitch), 1e-4), MAX (ap, 1e-4));
    }
  cam_gen_annotate_move (m->ctx, m->op, m->plan, &mv, MAX (ap, 1e-4), ae, m->finishing);
  cam_toolpath_append (m->tp, &mv);
}

static double
ramp_angle (CamGenMill *m)
{
  double a = m->op->ramp_angle_deg;
  double max = cam_job_tool (m->ctx->job, m->op->tool)->max_ramp_deg;
  if (!isfinite (a) || a <= 0)
    a = max;
  return CLAMP (MIN (a, max), 0.1, 30.0) * G_PI / 180.0;
}

void
cam_gen_mill_helix_entry (CamGenMill *m, double cx, double cy, double helix_r, gboolean ccw)
{
  double p[3];
  cam_gen_mill_pos (m, p);
  double z = p[2];
  double target = m->level_z;
  double x0 = cx + helix_r, y0 = cy;
  if (fabs (p[0] - x0) > 1e-9 || fabs (p[1] - y0) > 1e-9)
    cam_gen_mill_feed (m, x0, y0, z, CAM_MOVE_FLAG_LINK);
  double pitch = 2 * G_PI * helix_r * tan (ramp_angle (m));
  if (m->max_ap > 0)
    pitch = MIN (pitch, m->max_ap); /* a turn cuts its pitch deep: keep it within the stepdown */
  if (pitch < 1e-5)
    return;
  m->helix_pitch = MIN (pitch, z - target);
  /* the material the helix goes down through (helix_engagement) */
  cam_gen_mill_flush (m);
  if (m->helix_material)
    GEOSGeom_destroy_r (m->g, m->helix_material);
  m->helix_material = m->remaining ? GEOSGeom_clone_r (m->g, m->remaining) : NULL;
  /* Half turns, each dropping pitch/2, until the level; then one flat turn. */
  double half = pitch / 2;
  int side = 0;
  while (z > target + 1e-9)
    {
      z = MAX (z - half, target);
      side ^= 1;
      double x = side ? cx - helix_r : cx + helix_r;
      cam_gen_mill_arc (m, !ccw, x, cy, z, cx, cy, CAM_MOVE_FLAG_HELIX);
    }
  if (side)
    cam_gen_mill_arc (m, !ccw, cx + helix_r, cy, z, cx, cy, CAM_MOVE_FLAG_HELIX);
  cam_gen_mill_arc (m, !ccw, cx - helix_r, cy, z, cx, cy, CAM_MOVE_FLAG_HELIX);
  cam_gen_mill_arc (m, !ccw, cx + helix_r, cy, z, cx, cy, CAM_MOVE_FLAG_HELIX);
  if (m->helix_material)
    GEOSGeom_destroy_r (m->g, m->helix_material);
  m->helix_material = NULL;
  cam_gen_mill_flush (m);
}

void
cam_gen_mill_ramp_entry (CamGenMill *m, double x0, double y0, double x1, double y1)
{
  double p[3];
  cam_gen_mill_pos (m, p);
  double z = p[2];
  double target = m->level_z;
  if (fabs (p[0] - x0) > 1e-9 || fabs (p[1] - y0) > 1e-9)
    cam_gen_mill_feed (m, x0, y0, z, CAM_MOVE_FLAG_LINK);
  double len = hypot (x1 - x0, y1 - y0);
  if (len < 1e-6)
    return;
  double drop = len * tan (ramp_angle (m));
  gboolean out = TRUE;
  while (z > target + 1e-9)
    {
      double dz = MIN (drop, z - target);
      double f = dz / drop;
      double ex = out ? x0 + f * (x1 - x0) : x1 + f * (x0 - x1);
      double ey = out ? y0 + f * (y1 - y0) : y1 + f * (y0 - y1);
      z -= dz;
      cam_gen_mill_feed (m, ex, ey, z, CAM_MOVE_FLAG_RAMP);
      if (f < 1)
        break;
      out = !out;
    }
  /* Back along the segment at the level to clean the ramp's floor. */
  double here[3];
  cam_gen_mill_pos (m, here);
  cam_gen_mill_feed (m, x0, y0, target, CAM_MOVE_FLAG_RAMP);
  cam_gen_mill_feed (m, x1, y1, target, CAM_MOVE_FLAG_RAMP);
  cam_gen_mill_feed (m, x0, y0, target, CAM_MOVE_FLAG_RAMP);
}

gboolean
cam_gen_mill_segment_allowed (CamGenMill *m, double x0, double y0, double x1, double y1)
{
  if (m->allowed == NULL)
    return TRUE;
  double xy[4] = { x0, y0, x1, y1 };
  GEOSGeometry *line = line_of (m, xy, 2);
  GEOSGeometry *grow = GEOSBuffer_r (m->g, m->allowed, 1e-6, 2);
  char ok = grow && line ? GEOSCovers_r (m->g, grow, line) : 2;
  if (line)
    GEOSGeom_destroy_r (m->g, line);
  if (grow)
    GEOSGeom_destroy_r (m->g, grow);
  if (ok == 2)
    cam_gen_mill_geos_failed (m, CAM_GEN_GEOS_TEST); /* not known to stay inside: lift over */
  return ok == 1;
}

gboolean
cam_gen_mill_link (CamGenMill *m, double x, double y, gboolean need_entry_if_lifted)
{
  double p[3];
  cam_gen_mill_pos (m, p);
  if (hypot (p[0] - x, p[1] - y) < 1e-9 && fabs (p[2] - m->level_z) < 1e-9)
    return TRUE;
  if (p[2] <= m->level_z + 1e-9 && cam_gen_mill_segment_allowed (m, p[0], p[1], x, y))
    {
      cam_gen_mill_feed (m, x, y, m->level_z, CAM_MOVE_FLAG_LINK);
      return TRUE;
    }
  /* Lift only as high as needed: the R plane above the stock. */
  cam_gen_mill_rapid (m, p[0], p[1], MAX (p[2], m->retract_z));
  cam_gen_mill_rapid (m, x, y, MAX (p[2], m->retract_z));
  cam_gen_mill_rapid (m, x, y, m->retract_z);
  /* Down in air to the cleared height, at plunge feed (no rapid below the stock top). */
  double air = MAX (m->cleared_z, m->level_z);
  if (air < m->retract_z - 1e-9)
    {
      CamMove mv = cam_gen_move (m->op, m->plan, CAM_MOVE_FEED, x, y, air);
      mv.feed_mm_min = m->plan->plunge_mm_min;
      mv.flags = CAM_MOVE_FLAG_LINK | CAM_MOVE_FLAG_AIR;
      cam_gen_annotate_move (m->ctx, m->op, m->plan, &mv, 1e-4, 0, FALSE);
      mv.feed_mm_min = m->plan->plunge_mm_min;
      cam_toolpath_append (m->tp, &mv);
    }
  if (m->prev_sweep)
    {
      GEOSGeom_destroy_r (m->g, m->prev_sweep);
      m->prev_sweep = NULL;
    }
  (void) need_entry_if_lifted;
  return air <= m->level_z + 1e-9;
}

/* Circle through three points; FALSE when they are (nearly) collinear. */
static gboolean
circle3 (const double *a, const double *b, const double *c, double *cx, double *cy, double *r)
{
  double d = 2 * (a[0] * (b[1] - c[1]) + b[0] * (c[1] - a[1]) + c[0] * (a[1] - b[1]));
  if (fabs (d) < 1e-14)
    return FALSE;
  double a2 = a[0] * a[0] + a[1] * a[1], b2 = b[0] * b[0] + b[1] * b[1], c2 = c[0] * c[0] + c[1] * c[1];
  *cx = (a2 * (b[1] - c[1]) + b2 * (c[1] - a[1]) + c2 * (a[1] - b[1])) / d;
  *cy = (a2 * (c[0] - b[0]) + b2 * (a[0] - c[0]) + c2 * (b[0] - a[0])) / d;
  *r = hypot (a[0] - *cx, a[1] - *cy);
  return TRUE;
}

/* Do the points p[0..n-1] lie on one circle within tol, turning one way by equal steps of
 * less than 90°? Sets the centre and the turning sign (+1 CCW). */
static gboolean
fits_arc (const double *p, guint n, double tol, double *cx, double *cy, int *turn)
{
  double r;
  if (n < 4 || !circle3 (p, p + 2 * (n / 2), p + 2 * (n - 1), cx, cy, &r) || r > 50.0)
    return FALSE;
  int sign = 0;
  double amin = INFINITY, amax = 0;
  for (guint i = 0; i < n; i++)
    {
      if (fabs (hypot (p[2 * i] - *cx, p[2 * i + 1] - *cy) - r) > tol)
        return FALSE;
      if (i == 0)
        continue;
      double ux = p[2 * (i - 1)] - *cx, uy = p[2 * (i - 1) + 1] - *cy;
      double vx = p[2 * i] - *cx, vy = p[2 * i + 1] - *cy;
      double cross = ux * vy - uy * vx, dot = ux * vx + uy * vy;
      /* A step of 45° or more is not a tessellated arc: GEOS's round joins step ≤ 22.5°, while the
       * four corners of a sharp square ring lie on one circle 90° apart (dot ≈ 0, a hair positive
       * in floating point) — taken as an arc they became 270° sweeps outside the stock. */
      if (dot <= G_SQRT2 / 2 * hypot (ux, uy) * hypot (vx, vy))
        return FALSE;
      double step = atan2 (fabs (cross), dot);
      amin = MIN (amin, step), amax = MAX (amax, step);
      int sg = cross > 0 ? 1 : -1;
      if (sign == 0)
        sign = sg;
      else if (sg != sign)
        return FALSE;
    }
  /* A tessellated arc (GEOS fillets) has equal steps; points that merely happen to be
   * concyclic (two symmetric corners of a straight wall) do not. */
  if (amax > 1.02 * amin + 1e-9)
    return FALSE;
  *turn = sign;
  return TRUE;
}

void
cam_gen_mill_ring (CamGenMill *m, const double *xy, guint n, guint start, guint32 flags)
{
  /* The ring from `start` around and back to it. Runs of vertices on one circle (the round
   * joins GEOS buffer makes at convex corners of an offset) become one G2/G3 arc through
   * them: the tool then follows the true offset curve, and the program is shorter. */
  g_autofree double *p = g_new (double, 2 * (n + 1));
  for (guint k = 0; k <= n; k++)
    {
      guint i = (start + k) % n;
      p[2 * k] = xy[2 * i];
      p[2 * k + 1] = xy[2 * i + 1];
    }
  guint k = 0;
  while (k < n)
    {
      guint best = 0;
      double bcx = 0, bcy = 0;
      int bturn = 0;
      for (guint len = 4; k + len - 1 <= n && len <= 257; len++)
        {
          double cx, cy;
          int turn;
          if (!fits_arc (p + 2 * k, len, 1e-5, &cx, &cy, &turn))
            {
              if (len > 4)
                break;
              continue;
            }
          best = len, bcx = cx, bcy = cy, bturn = turn;
        }
      if (best >= 4)
        {
          guint e = k + best - 1;
          cam_gen_mill_arc (m, bturn < 0, p[2 * e], p[2 * e + 1], m->level_z, bcx, bcy, flags);
          k = e;
        }
      else
        {
          cam_gen_mill_feed (m, p[2 * (k + 1)], p[2 * (k + 1) + 1], m->level_z, flags);
          k++;
        }
    }
  cam_gen_mill_flush (m);
}

guint
cam_gen_mill_nearest_vertex (const double *xy, guint n, double x, double y)
{
  guint best = 0;
  double bd = INFINITY;
  for (guint i = 0; i < n; i++)
    {
      double d = hypot (xy[2 * i] - x, xy[2 * i + 1] - y);
      if (d < bd)
        bd = d, best = i;
    }
  return best;
}

static void
add_ring (CamGenMill *m, GPtrArray *out, const GEOSGeometry *ring, gboolean want_ccw, double min_area)
{
  const GEOSCoordSequence *cs = GEOSGeom_getCoordSeq_r (m->g, ring);
  unsigned int n = 0;
  if (cs == NULL || !GEOSCoordSeq_getSize_r (m->g, cs, &n) || n < 4)
    return;
  n -= 1; /* closing point */
  GArray *a = g_array_sized_new (FALSE, FALSE, sizeof (double), 2 * n);
  double area2 = 0;
  for (unsigned int i = 0; i < n; i++)
    {
      double x, y;
      GEOSCoordSeq_getXY_r (m->g, cs, i, &x, &y);
      g_array_append_val (a, x);
      g_array_append_val (a, y);
    }
  double *p = (double *) a->data;
  for (unsigned int i = 0; i < n; i++)
    {
      unsigned int j = (i + 1) % n;
      area2 += p[2 * i] * p[2 * j + 1] - p[2 * j] * p[2 * i + 1];
    }
  if (fabs (area2) / 2 < min_area)
    {
      g_array_unref (a);
      return;
    }
  if ((area2 > 0) != want_ccw)
    for (unsigned int i = 0, j = n - 1; i < j; i++, j--)
      {
        double tx = p[2 * i], ty = p[2 * i + 1];
        p[2 * i] = p[2 * j], p[2 * i + 1] = p[2 * j + 1];
        p[2 * j] = tx, p[2 * j + 1] = ty;
      }
  g_ptr_array_add (out, a);
}

GPtrArray *
cam_gen_mill_rings (CamGenMill *m, const GEOSGeometry *geom, gboolean ccw_exterior, double min_area)
{
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  int ng = GEOSGetNumGeometries_r (m->g, geom);
  for (int i = 0; i < ng; i++)
    {
      const GEOSGeometry *poly = GEOSGetGeometryN_r (m->g, geom, i);
      if (GEOSGeomTypeId_r (m->g, poly) != GEOS_POLYGON)
        continue;
      add_ring (m, out, GEOSGetExteriorRing_r (m->g, poly), ccw_exterior, min_area);
      int nh = GEOSGetNumInteriorRings_r (m->g, poly);
      for (int h = 0; h < nh; h++)
        add_ring (m, out, GEOSGetInteriorRingN_r (m->g, poly, h), !ccw_exterior, min_area);
    }
  return out;
}
