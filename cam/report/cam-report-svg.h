/* cam-report-svg.h — the process sheet's picture of the part: an isometric view of the mesh as
 * inline SVG, drawn in plain C (no GL: the engine runs headless), with the stock box, the work-zero
 * triad and numbered markers on the features. */
#pragma once

#include <glib.h>

#include "cam-mesh.h"

G_BEGIN_DECLS

typedef struct {
  char     label[12];       /* what the marker says: the feature's number on the sheet, "A", … */
  double   at[3];           /* model coordinates */
  gboolean unreachable;     /* drawn red with a cross: the plan does not machine it */
} CamReportMark;

typedef struct {
  int    width_px;          /* of the whole picture; 0 → 640 */
  double cell_px;           /* side of one depth-grid cell; 0 → 2 (see cam-report-svg.c) */
  double stock_min[3], stock_max[3];  /* model coordinates */
  double work_zero[3];      /* model coordinates of work X0 Y0 Z0 */
} CamReportSvgOptions;

/* The picture as one <svg> element (class 'part-picture'). Markers carry class 'mark', their
 * labels class 'feature-label' inside a box of class 'label-box' whose x/y/width/height are the
 * box the layout kept free of every other label, marker and axis letter. */
char *cam_report_svg_iso (const CamMesh *mesh, const CamReportSvgOptions *opt, const CamReportMark *marks,
                          guint n_marks);

G_END_DECLS
