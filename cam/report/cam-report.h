/* cam-report.h — the process sheet of a job as one self-contained HTML page: per operation the
 * tool, the recommended speed and feed and the limit that sets them (from the physics engine), the
 * programmed speed and feed, predicted deflection, breakage safety factor, ploughing margin, finish
 * and time, a top view of its toolpath coloured by deflection (inline SVG), and the part's DFM
 * findings. The traceable sheet a medical or aerospace customer asks for. */
#pragma once

#include "cam-dfm.h"
#include "cam-job.h"
#include "cam-library.h"
#include "cam-mesh.h"

G_BEGIN_DECLS

/* The part's features and DFM review for a material and machine (the default rules, through
 * cam_analysis_run), as the sheet's last section. NULL with an error naming what failed. */
CamDfmReport *cam_report_review_part (const CamMesh *mesh, const CamLibrary *lib, const char *material_id,
                                      const char *machine_id, GError **error);

/* dfm may be NULL (part not available): the sheet then says so. */
char     *cam_report_build_html (const CamJob *job, const CamLibrary *lib, const CamDfmReport *dfm,
                                 const char *job_name);
/* Atomic write; the error names the path. */
gboolean  cam_report_write_html (const CamJob *job, const CamLibrary *lib, const CamDfmReport *dfm,
                                 const char *job_name, const char *path, GError **error);

G_END_DECLS
