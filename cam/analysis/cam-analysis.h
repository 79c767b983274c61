/* cam-analysis.h — one entry point from a part to its features and DFM review.
 *
 * `microcam-cli dfm`, `plan`, `report` and the app all call cam_analysis_run, so a part is
 * recognised with the same options everywhere: those the DFM rules give (the wall threshold …,
 * cam_analysis_feature_options), then reviewed against the same library and rules. */
#pragma once

#include <gio/gio.h>
#include <glib.h>

#include "cam-dfm-rules.h"
#include "cam-dfm.h"
#include "cam-features.h"
#include "cam-library.h"
#include "cam-mesh.h"

G_BEGIN_DECLS

typedef struct {
  const char *material_id;  /* required */
  const char *machine_id;   /* NULL → "micro60k" */
  double tolerance_mm;      /* 0 → none given */
  double finish_ra_um;      /* 0 → none given */
} CamAnalysisOptions;

typedef struct {
  /*< private >*/ gint ref_count;
  /*< public, read-only >*/
  CamMesh       *mesh;       /* a reference */
  CamFeatureSet *features;
  CamDfmReport  *dfm;
} CamAnalysis;

/* The feature-recognition options the rules ask for (walls thinner than rules->wall_report_mm
 * become features); the rest are cam_feature_options_init's. */
void         cam_analysis_feature_options (const CamDfmRules *rules, CamFeatureOptions *out);

/* part → features (options from the DFM rules: wall thresholds etc.) → DFM review. rules NULL →
 * the built-in rules. Thread-safe on immutable inputs; cancellable (G_IO_ERROR_CANCELLED). */
CamAnalysis *cam_analysis_run   (CamMesh *mesh, const CamLibrary *library, const CamDfmRules *rules,
                                 const CamAnalysisOptions *options, GCancellable *cancellable,
                                 GError **error);
CamAnalysis *cam_analysis_ref   (CamAnalysis *analysis);
void         cam_analysis_unref (CamAnalysis *analysis);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CamAnalysis, cam_analysis_unref)

G_END_DECLS
