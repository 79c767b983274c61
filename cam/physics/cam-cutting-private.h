/* cam-cutting-private.h — helpers shared by the cam-cutting implementation files. */
#pragma once

#include "cam-cutting.h"

G_BEGIN_DECLS

/* cam-feeds.c: cutting speed at the diameter that cuts (ball: effective diameter at ap). */
double cam_feeds_vc_at (const CamTool *tool, double rpm, double ap_mm);

/* cam-finish.c: the floor and the wall one cut leaves. runout_mm: the radial runout's share of the
 * chip (TIR × the thinning factor); deflection and taper of the tool in the cut. */
typedef struct {
  double mark_mm;       /* feed-mark spacing: fz, growing to the feed per rev as one flute takes over */
  double floor_rt_mm;
  double wall_rt_mm;
} CamFinishSurfaces;
void cam_finish_surfaces (const CamTool *tool, double fz_mm, double ae_mm, double h_max_mm, double h_min_mm,
                          double runout_mm, double mc, double deflection_mm, double taper_mm,
                          CamFinishSurfaces *out);
/* A drilled hole's wall: the model's Ra, not below what drills leave in this material. */
double cam_finish_drilled_ra (const CamMaterial *mat, double model_ra_um);

/* cam-drill.c: physics of drilling at feed per tooth fz (feed per rev = fz · flutes) with the
 * given entry and packed_depth_mm of chips in the flutes (cam_drill_packed_depth), and the plan
 * (cycle, pecks, spot, process) for the hole. */
void cam_drill_predict (const CamTool *tool, const CamMaterial *mat, const CamMachine *machine,
                        CamDrillEntry entry, double rpm, double fz_mm, double packed_depth_mm, CamCutResult *r);
/* The peck schedule that follows from the torque limit: the rule schedule (cam_drill_pecks) where
 * its packed chips keep the safety factor ≥ min_sf at feed fz_mm, else full-retract G83 with the
 * longest first peck (≤ the rule's) that does, or the shortest the engine pecks. */
void cam_drill_schedule (const CamTool *tool, const CamMaterial *mat, const CamMachine *machine,
                         CamDrillEntry entry, double rpm, double fz_mm, double min_sf, double depth_mm,
                         CamDrillPlan *plan);
void cam_drill_fill_plan (const CamTool *tool, const CamMaterial *mat, const CamDrillPlan *schedule,
                          CamCutResult *r);

G_END_DECLS
