/* cam-report.h — the process sheet of a job as one self-contained HTML page: per operation the
 * tool, the recommended speed and feed and the limit that sets them (from the physics engine), the
 * programmed speed and feed, predicted deflection, breakage safety factor, ploughing margin, finish
 * and time, a top view of its toolpath coloured by deflection (inline SVG), and the part's DFM
 * findings; and what a machinist sets the job up from: work zero in words and numbers, the stock,
 * the heights, each tool's coolant, each drilling cycle with its pecks (Q), the numbered features
 * on a picture of the part (cam-report-svg.c) and the features the plan cannot machine, with the
 * process that can. Human words throughout, a unit on every number. The traceable sheet a medical
 * or aerospace customer asks for. */
#pragma once

#include <gio/gio.h>

#include "cam-analysis.h"
#include "cam-dfm.h"
#include "cam-job.h"
#include "cam-library.h"
#include "cam-mesh.h"

G_BEGIN_DECLS

/* What the sheet knows of the job's part: the mesh (its picture) and its features and DFM review
 * for the job's material and machine (the default rules, through cam_analysis_run). */
typedef struct {
  CamMesh     *mesh;        /* NULL when the part could not be read */
  CamAnalysis *analysis;    /* NULL when it could not be reviewed */
  char        *problem;     /* in words, naming the file: why mesh or analysis is missing; else NULL */
} CamReportPart;

/* mesh: the part as the caller already has it, or NULL to read the job's part_path. Never fails:
 * whatever could not be had is said in problem, and the sheet says it too. */
CamReportPart *cam_report_part_new  (const CamJob *job, const CamLibrary *lib, CamMesh *mesh,
                                     GCancellable *cancellable);
void           cam_report_part_free (CamReportPart *part);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CamReportPart, cam_report_part_free)

/* part may be NULL (nothing known of the part): the sheet then says so instead of the picture
 * and the DFM review. */
char     *cam_report_build_html (const CamJob *job, const CamLibrary *lib, const CamReportPart *part,
                                 const char *job_name);
/* Atomic write; the error names the path. */
gboolean  cam_report_write_html (const CamJob *job, const CamLibrary *lib, const CamReportPart *part,
                                 const char *job_name, const char *path, GError **error);

G_END_DECLS
