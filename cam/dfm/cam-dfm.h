/* cam-dfm.h — design-for-manufacture review of recognised features.
 *
 * Judges each feature against the tool library, the material, the machine and the
 * thresholds of resources/dfm/rules.json, and says in plain words what will hurt and
 * what to do instead. Findings carry a rule id, the feature id and the numbers that
 * triggered them; the summary lists the process-critical features. */
#pragma once

#include <glib.h>

#include "cam-dfm-rules.h"
#include "cam-features.h"
#include "cam-library.h"

G_BEGIN_DECLS

typedef enum {
  CAM_DFM_ERROR,
  CAM_DFM_WARNING,
  CAM_DFM_NOTE,
} CamDfmSeverity;

const char *cam_dfm_severity_to_string (CamDfmSeverity severity);  /* "error", "warning", "note" */

typedef struct {
  char *name;     /* with its unit, e.g. "diameter_mm", "depth_to_diameter", "deflection_um" */
  double value;
} CamDfmValue;

typedef struct {
  CamDfmSeverity severity;
  char *rule;         /* e.g. "hole-below-drill" */
  char *feature;      /* feature id */
  char *message;      /* plain words, with the fix */
  char *process;      /* NULL, or micro-edm | ultrasonic | laser | peck-drill | polish | long-reach-tool | second-setup */
  char *pattern;      /* hole pattern the finding stands for, or NULL */
  double at[3];       /* where to show it */
  GArray *values;     /* CamDfmValue */
} CamDfmFinding;

typedef struct {
  char *what;         /* smallest_hole | tightest_radius | thinnest_wall | deepest_narrow_pocket | tightest_tolerance */
  char *feature;      /* may be NULL (tolerance) */
  double value_mm;
  char *process;      /* micro-drill, peck-drill, micro-mill, micro-edm, … */
  char *message;
  double at[3];
} CamDfmCritical;

typedef struct {
  const char *material_id;  /* required */
  const char *machine_id;   /* NULL → "micro60k" */
  double tolerance_mm;      /* 0 → none given */
  double finish_ra_um;      /* 0 → none given */
} CamDfmOptions;

typedef struct {
  /*< private >*/
  gint ref_count;
  /*< public, read-only >*/
  GPtrArray *findings;      /* CamDfmFinding*, errors first, then warnings, then notes */
  GPtrArray *critical;      /* CamDfmCritical* */
  guint n_errors, n_warnings, n_notes;
  char *material_id;
  char *machine_id;
  GHashTable *hole_tools;   /* hole feature id → id of the library tool that makes it: the drill
                             * (cam_library_find_drill), or the end mill that mills it helically;
                             * a hole no library tool makes is absent. The planner picks the same. */
} CamDfmReport;

/* Fails (CAM_ERROR_INVALID) only for unknown material or machine ids. */
CamDfmReport *cam_dfm_review      (const CamFeatureSet *features,
                                   const CamDfmRules   *rules,
                                   const CamLibrary    *library,
                                   const CamDfmOptions *options,
                                   GError             **error);
CamDfmReport *cam_dfm_report_ref  (CamDfmReport *report);
/* Drops a reference (the last one frees it). */
void          cam_dfm_report_free (CamDfmReport *report);

/* Whether a twist drill is the process for a hole: NULL when it is, else the process that makes
 * it ("micro-edm", "ultrasonic", "laser"): the judgement of the hole-below-drill,
 * hole-hard-material and hole-too-deep rules, which the planner makes with this same call. */
/* Flat end mills (owned by lib; free the array) that machine a pocket floor depth_mm below the
 * part's top within every limit at tolerance_mm (≤ 0 → 0.01, the planner's default) and
 * min_safety_factor (0 → the engine's): reach ≥ depth and cam_cutting_safe_stepdown > 0. Largest
 * first, the same size shorter reach first. The planner chooses its pocket tools from it and the
 * review judges pockets with it: one query. */
GPtrArray    *cam_dfm_pocket_mills         (const CamLibrary *lib, const CamMaterial *mat, const CamMachine *machine,
                                            double tolerance_mm, double min_safety_factor, double depth_mm);

const char   *cam_dfm_hole_process         (const CamDfmRules *rules, const CamLibrary *lib,
                                            const CamMaterial *mat, double diameter_mm, double depth_mm);
/* The process for a hole a drill could make but no library tool does (no drill of its size, no
 * end mill to mill it helically): the rules' process for the material. */
const char   *cam_dfm_hole_no_tool_process (const CamDfmRules *rules, const CamMaterial *mat, double diameter_mm);

/* First value with that name, NAN when absent. */
double        cam_dfm_finding_value (const CamDfmFinding *finding, const char *name);
/* Number of findings with that rule id (and, when feature is not NULL, that feature). */
guint         cam_dfm_report_count  (const CamDfmReport *report, const char *rule, const char *feature);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CamDfmReport, cam_dfm_report_free)

G_END_DECLS
