/* cam-report-private.h — the process sheet's parts, one concept a file, for cam-report.c:
 * human words for the engine's enums (cam-report-words.c), the set-up sections
 * (cam-report-setup.c) and the numbered features with their picture and the unreachable ones
 * (cam-report-features.c). */
#pragma once

#include "cam-cutting.h"
#include "cam-features.h"
#include "cam-report.h"

G_BEGIN_DECLS

/* ---- cam-report-words.c: what the sheet says instead of identifiers ---- */
const char *report_op_kind_words (CamJobOpKind kind);    /* "peck drilling", "pocket milling", … */
const char *report_cycle_words   (CamCycle cycle);       /* "peck drilling, full retract to R …" */
const char *report_coolant_words (CamCoolant coolant);   /* "mist", "flood", "none (dry)" */
const char *report_origin_words  (CamOrigin origin);
/* "micro-EDM (spark erosion)" …; an unknown name is returned as given (NULL: NULL). */
const char *report_process_words (const char *process);
/* What a feature is, with its sizes and units ("hole Ø0.200 mm, 2.000 mm deep, through"). */
char       *report_feature_words (const CamFeature *f);
/* The limit that sets a feed, in words, its name in bold (cam_limit_describe). */
void        report_append_limit  (GString *s, CamLimit limit);
/* A length in mm with 3 decimals and the unit, with a true minus sign: "−2.000 mm". */
void        report_append_mm     (GString *s, double mm);

/* ---- cam-report-setup.c ---- */
/* Work zero, the stock and the part, the heights (rows id='work-zero', 'stock', 'heights'). */
void report_append_setup    (GString *s, const CamJob *job);
/* Every tool with its coolant and the operations it cuts (table id='tools'). */
void report_append_tools    (GString *s, const CamJob *job, const CamMaterial *mat);
/* Every drilling operation: its cycle in words, the pecks (Q), R plane, depth (table id='drilling'). */
void report_append_drilling (GString *s, const CamJob *job);

/* ---- cam-report-features.c ---- */
/* One numbered feature: the picture's labels and every table use its number. */
typedef struct {
  guint    number;
  char    *id;              /* the feature's id ("H1"), may be NULL */
  char    *words;           /* what it is, with its sizes */
  double   at[3];           /* model coordinates of its marker; NAN when unknown */
  double   floor_z;         /* model Z of its floor (where a corner left uncut is); NAN when unknown */
  GString *ops;             /* the operations that cut it, "op1, op2", or empty */
  gboolean unreachable;     /* the plan does not machine it at all */
  double   left_mm2;        /* area the plan leaves uncut in it (corners too tight for every tool) */
} ReportFeature;

typedef struct {
  GPtrArray  *features;     /* ReportFeature*, in number order */
  GHashTable *by_id;        /* id → ReportFeature* (borrowed) */
  GPtrArray  *marks;        /* char*: per job->unreachable entry, its mark on the picture: the feature's
                             * number for a whole feature, a letter ("A", …) for an area left uncut */
} ReportFeatures;

/* The features of the part (fs may be NULL: then those the job names), numbered. */
ReportFeatures *report_features_new  (const CamJob *job, const CamFeatureSet *fs);
void            report_features_free (ReportFeatures *rf);
/* "1–16" for a comma-separated list of feature ids: their numbers, runs joined. */
char           *report_feature_numbers (const ReportFeatures *rf, const char *ids);
/* The picture (or why there is none) and the table of the numbered features. */
void report_append_features    (GString *s, const CamJob *job, const CamReportPart *part, const ReportFeatures *rf);
/* The features and areas the plan cannot machine (table id='unreachable'). */
void report_append_unreachable (GString *s, const CamJob *job, const ReportFeatures *rf);

G_END_DECLS
