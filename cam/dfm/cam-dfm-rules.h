/* cam-dfm-rules.h — the DFM review's thresholds, read from resources/dfm/rules.json.
 *
 * The file is compiled into the engine (GResource); a copy in
 * $XDG_CONFIG_HOME/microcam/dfm/rules.json replaces it for a shop's own limits. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  char *material;     /* material id */
  char *rule;         /* rule id, e.g. "material-ptfe" */
  char *severity;     /* "error", "warning", "note" */
  char **kinds;       /* feature kinds it applies to */
  char *message;
  char *source;
} CamDfmMaterialNote;

typedef struct {
  double micro_feature_mm;
  double peck_above_ld;
  double spot_below_mm;
  double drill_max_ld_default;
  double laser_below_mm;
  char *process_conductive;           /* "micro-edm" */
  char *process_hard_nonconductive;   /* "ultrasonic" */
  char *process_nonconductive;        /* "laser" */
  double hard_above_hb;
  double corner_margin;
  double max_depth_to_width;
  double finish_radial_mm;
  double wall_report_mm;
  double trial_cut_below_mm;
  double deflection_fraction;
  double fine_ra_um, polished_ra_um;
  double fine_time_factor, polish_time_factor;
  GHashTable *min_wall_mm;            /* material id (or "default") → double* */
  GHashTable *max_wall_height_ratio;  /* material id (or "default") → double* */
  GPtrArray *notes;                   /* CamDfmMaterialNote* */
  char *origin;                       /* where the rules came from, for messages */
} CamDfmRules;

/* The user's copy when there is one, else the built-in rules. */
CamDfmRules *cam_dfm_rules_new_default   (GError **error);
/* Always the rules compiled into the engine (tests use these). */
CamDfmRules *cam_dfm_rules_new_builtin   (GError **error);
CamDfmRules *cam_dfm_rules_new_from_data (const char *data,
                                          gssize      length,
                                          const char *name,
                                          GError    **error);
void         cam_dfm_rules_free          (CamDfmRules *rules);

double       cam_dfm_rules_min_wall      (const CamDfmRules *rules, const char *material_id);
double       cam_dfm_rules_max_wall_ratio(const CamDfmRules *rules, const char *material_id);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CamDfmRules, cam_dfm_rules_free)

G_END_DECLS
