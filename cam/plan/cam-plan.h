/* cam-plan.h — propose a complete job from a part's recognised features.
 *
 * Holes → spot (when the engine advises it) + drill (G81) or peck (G83/G73) with the
 * library drill of the hole's diameter (cam_library_find_drill, the DFM review's query);
 * holes without a drill → helical milling (cam_library_find_helix_mill).
 * Pockets and slots → pocket with the largest end mill that fits and reaches the floor,
 * then rest machining with smaller tools only where the larger one could not reach.
 * Stock above the part → facing; outline narrower than the stock → outside profile.
 * What no tool can do goes to job->unreachable with the reason in words.
 */
#pragma once

#include <gio/gio.h>

#include "cam-dfm-rules.h"
#include "cam-features.h"
#include "cam-job.h"
#include "cam-library.h"
#include "cam-mesh.h"

G_BEGIN_DECLS

typedef struct {
  const char *material_id;
  const char *machine_id;
  double      tolerance_mm;     /* 0 → 0.01 */
  double      finish_ra_um;     /* 0 → 0.8 */
  double      stock_margin_mm;  /* around and above the part */
  CamOrigin   origin;
  double      min_safety_factor;/* 0 → engine default */
  double      stock_to_leave_mm;/* finishing allowance on pocket walls and floors; < 0 → 0.01 */
  const CamDfmRules *rules;     /* the DFM rules whose process the planner names for a hole it
                                 * cannot drill (as the review does); NULL → the built-in rules */
} CamPlanOptions;

void    cam_plan_options_init (CamPlanOptions *opt);

/* The plan alone: operations, their tools and what no tool reaches, before any toolpath is made
 * (cam_plan_job = this + cam_job_generate). Fast: for deciding, e.g. which tool makes a hole. */
CamJob *cam_plan_operations (CamMesh               *mesh,
                             const CamFeatureSet   *features,
                             const CamLibrary      *lib,
                             const CamPlanOptions  *opt,
                             GError               **error);

/* Plans and generates every operation's toolpath (job->toolpath joined). progress may be NULL. */
CamJob *cam_plan_job (CamMesh               *mesh,
                      const CamFeatureSet   *features,
                      const CamLibrary      *lib,
                      const CamPlanOptions  *opt,
                      CamProgressFunc        progress,
                      gpointer               progress_data,
                      GCancellable          *cancellable,
                      GError               **error);


G_END_DECLS
