/* cam-gen-mill.h — the milling path builder shared by pocket, profile, face and helix ops.
 *
 * A CamGenMill appends moves to an op's toolpath while it tracks, with GEOS polygons,
 * the material still left at the current level. Every cutting move gets its radial
 * width of cut from that material (area the move removes / its length, capped at D) and
 * its physics from the engine (cam_gen_annotate_move), so entry slots and corners show
 * their real engagement. It also keeps the tool centre inside `allowed` (no gouge):
 * links that would leave it lift to the retract plane instead.
 * All XY here is work coordinates.
 */
#pragma once

#include <geos_c.h>

#include "cam-gen.h"

G_BEGIN_DECLS

/* What a failed GEOS call (NULL, or 0/2 for an exception) was computing; each kind becomes one
 * warning on the operation (with the count and GEOS's message) when the toolpath is finished. */
typedef enum {
  CAM_GEN_GEOS_ENGAGEMENT, /* a move's engagement: the move is flagged and taken as a full slot */
  CAM_GEN_GEOS_MATERIAL,   /* taking cut sweeps out of the material: the material left is over-estimated */
  CAM_GEN_GEOS_OFFSET,     /* an offset of the region: the rings past it are not cut */
  CAM_GEN_GEOS_TEST,       /* a contact or containment test: the safe answer is taken */
  CAM_GEN_GEOS_N_KINDS
} CamGenGeosFailure;

typedef struct {
  const CamGenContext *ctx;
  CamJobOp     *op;
  CamGenPlan    *plan;
  CamToolpath  *tp;
  GEOSContextHandle_t g;
  double        r;            /* tool radius */
  double        retract_z;    /* work Z of the R plane (above the stock) */
  double        level_z;      /* current cutting level */
  double        level_ap;     /* axial depth of cut at this level */
  double        cleared_z;    /* height down to which the area above this level is cleared */
  GEOSGeometry *remaining;    /* material left at this level (owned) */
  GEOSGeometry *allowed;      /* where the tool centre may go (owned), NULL = anywhere */
  GEOSGeometry *prev_sweep;   /* sweep of the previous cutting move (owned) */
  GPtrArray    *pending;      /* sweeps not yet subtracted from remaining */
  gboolean      finishing;
  guint32       flags;        /* added to every move (e.g. CAM_MOVE_FLAG_FINISH) */
  double        chord_mm;     /* chord error allowed when arcs become polylines */
  double        max_ap;       /* the op's safe stepdown: the most a helix turn may descend (0: no cap) */
  double        helix_pitch;  /* pitch of the helix being cut (its turns' axial depth) */
  GEOSGeometry *helix_material; /* the level's material when the helix began (owned), or NULL */
  gboolean      material_unknown; /* the level's material failed to come: every engagement unknown */
  guint         geos_failures[CAM_GEN_GEOS_N_KINDS];
  char          geos_message[200]; /* GEOS's last error message */
} CamGenMill;

gboolean      cam_gen_mill_init     (CamGenMill *m, const CamGenContext *ctx, CamJobOp *op,
                                    CamGenPlan *plan, GError **error);
/* Counts a failed GEOS call (cam_gen_mill_finish turns the counts into the op's warnings). */
void          cam_gen_mill_geos_failed (CamGenMill *m, CamGenGeosFailure what);

/* Hands the toolpath to op->toolpath, warns about GEOS failures, and frees the rest. */
void          cam_gen_mill_finish   (CamGenMill *m);
void          cam_gen_mill_clear    (CamGenMill *m);

/* Reads WKT (model XY) into a valid polygonal geometry in work XY; the error names the op. */
GEOSGeometry *cam_gen_mill_read_region (CamGenMill *m, const char *wkt, GError **error);

/* Starts a level: material (copied; NULL when computing it failed: the engagements are then
 * unknown, not air) and the allowed tool-centre area (copied, may be NULL: anywhere). */
void          cam_gen_mill_set_level (CamGenMill *m, double z, double ap_mm, double cleared_z,
                                     const GEOSGeometry *material, const GEOSGeometry *allowed);

/* Current tool position. */
void          cam_gen_mill_pos      (const CamGenMill *m, double out[3]);

void          cam_gen_mill_rapid    (CamGenMill *m, double x, double y, double z);
/* A cutting feed move with physics; flags are CamMoveFlags added to m->flags. */
void          cam_gen_mill_feed     (CamGenMill *m, double x, double y, double z, guint32 flags);
/* An arc (G2 when cw) around (cx, cy) to (x, y, z), with physics. */
void          cam_gen_mill_arc      (CamGenMill *m, gboolean cw, double x, double y, double z,
                                    double cx, double cy, guint32 flags);

/* Goes down from the current position into the level without a straight plunge: a helix
 * of radius helix_r around (cx, cy) within the op's ramp angle (ccw when ccw), ending on
 * the circle at the level with one flat turn. Falls back to a zig-zag ramp along the
 * segment (cx,cy)→(ex,ey) when helix_r is too small. */
void          cam_gen_mill_helix_entry (CamGenMill *m, double cx, double cy, double helix_r, gboolean ccw);
void          cam_gen_mill_ramp_entry  (CamGenMill *m, double x0, double y0, double x1, double y1);

/* Moves to (x, y) at the level: straight at the level when the segment stays in
 * `allowed` and in cleared space; otherwise up to the R plane, across, and down in air to
 * the cleared height. Returns TRUE when the tool arrived at the level (no entry needed). */
gboolean      cam_gen_mill_link     (CamGenMill *m, double x, double y, gboolean need_entry_if_lifted);

/* Does the segment keep the tool centre inside `allowed`? */
gboolean      cam_gen_mill_segment_allowed (CamGenMill *m, double x0, double y0, double x1, double y1);

/* Cuts along a closed ring (xy pairs, no repeated last point), starting at vertex `start`
 * and back to it. The tool must already be at that vertex. */
void          cam_gen_mill_ring     (CamGenMill *m, const double *xy, guint n, guint start, guint32 flags);

/* Rings of a polygonal geometry as GArray* of doubles (xy, open), exteriors CCW and
 * holes CW when ccw_exterior, the opposite otherwise. Tiny rings (area < min_area) dropped. */
GPtrArray    *cam_gen_mill_rings    (CamGenMill *m, const GEOSGeometry *geom, gboolean ccw_exterior,
                                    double min_area);

/* Index of the ring vertex closest to (x, y). */
guint         cam_gen_mill_nearest_vertex (const double *xy, guint n, double x, double y);

/* Area of material left (mm²). */
double        cam_gen_mill_remaining_area (CamGenMill *m);
/* Subtracts the pending sweeps from the material (done automatically now and then). */
void          cam_gen_mill_flush    (CamGenMill *m);

/* buffer with round joins; quadrant segments from the chord error. */
GEOSGeometry *cam_gen_mill_buffer   (CamGenMill *m, const GEOSGeometry *g, double distance);

G_END_DECLS
