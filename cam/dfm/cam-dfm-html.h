/* cam-dfm-html.h — a self-contained HTML DFM report (inline SVG pictures, no scripts),
 * for mailing to a designer. Works headless: the pictures are top views drawn from the
 * part's sections, not from the GL viewer. */
#pragma once

#include <glib.h>

#include "cam-dfm.h"
#include "cam-features.h"
#include "cam-mesh.h"

G_BEGIN_DECLS

/* The whole document as a string. With the part's mesh (may be NULL) each finding also gets
 * a side view: the part's section by the plane y = const through the finding. */
char     *cam_dfm_html_build (const CamFeatureSet *features,
                              const CamDfmReport  *report,
                              CamMesh             *mesh,
                              const char          *part_name);

/* Writes it atomically (temp file + rename): a failed write leaves an older file intact. */
gboolean  cam_dfm_html_write (const CamFeatureSet *features,
                              const CamDfmReport  *report,
                              CamMesh             *mesh,
                              const char          *part_name,
                              const char          *path,
                              GError             **error);

/* An SVG top view (part outline, the feature highlighted, a marker at `at`) of size px. */
char     *cam_dfm_html_top_view (const CamFeatureSet *features,
                                 const CamFeature    *highlight,
                                 const double        *at,
                                 const char          *color,
                                 int                  px);

/* Appends text with HTML's special characters escaped (NULL appends nothing); shared by every
 * HTML page the engine writes (DFM report, process sheet). */
void cam_html_append_escaped (GString *s, const char *text);

G_END_DECLS
