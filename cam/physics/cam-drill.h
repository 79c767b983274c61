/* cam-drill.h — drill geometry shared by the DFM review, the planner and the drilling
 * operation, so that all three judge a hole the same way (cam-drill.c; the physics of
 * drilling is declared with the rest of the cutting engine in cam-cutting.h). */
#pragma once

#include <glib.h>

#include "cam-cutting.h"
#include "cam-tool.h"

G_BEGIN_DECLS

/* The entry model that applied (CamDrillPlan.bend): "walking", "climbs-out", "seated". */
const char *cam_drill_bend_to_string (CamDrillBend bend);
/* What bends the drill in that model: "lip-imbalance" (walking, climbs-out) or "runout". */
const char *cam_drill_bend_cause     (CamDrillBend bend);
/* The cause in words for a reader, e.g. "runout: seated in the spot, …". */
const char *cam_drill_bend_describe  (CamDrillBend bend);

/* Length of the drill's point cone along the axis: D/2 · cot(σ/2) (σ the point angle,
 * 118° when the tool gives none). */
double cam_drill_point_length (const CamTool *drill);

/* A through hole's drill goes past the part's bottom by its point and this much more, so its
 * full diameter leaves the hole (no ring of material left at the exit). */
#define CAM_DRILL_BREAKTHROUGH_MM 0.02

/* How far the drill's tip travels below the hole's depth: a through hole's point length +
 * CAM_DRILL_BREAKTHROUGH_MM; 0 for a blind hole (drilled to its depth). */
double cam_drill_overrun (const CamTool *drill, gboolean through);

/* The flute length a hole of depth_mm (at full diameter; the DFM review's feature depth)
 * needs from this drill: depth_mm + cam_drill_overrun(). The planner picks drills by it and
 * the DFM review warns by it, so both judge a drill's reach the same way. */
double cam_drill_flute_needed (const CamTool *drill, double depth_mm, gboolean through);

/* The depth a hole is drilled at the drill's full diameter, which is what the process
 * choice (cam_drill_choose_process) and the DFM review judge: a drill travelling from
 * top_z to bottom_z has full diameter down to bottom_z + its point length, and below the
 * part's bottom (part_bottom_z; -INFINITY when unknown) a through hole's drill cuts air.
 * Never negative. */
double cam_drill_full_diameter_depth (const CamTool *drill, double top_z, double bottom_z,
                                      double part_bottom_z);

G_END_DECLS
