/* app-dfm-panel.h — side panel page "DFM": the part's features and the design-for-manufacture
 * findings (cam-dfm.h), listed by severity with the process-critical summary. Selecting a
 * finding flies the camera to it and highlights its feature; markers in the 3D view are
 * coloured by severity; features can be drawn coloured by kind; hovering a feature in the
 * view shows its dimensions. The analysis runs in a GTask thread with progress and Cancel.
 * The same numbers as `microcam-cli dfm`. */
#pragma once

#include <gtk/gtk.h>

#include "app-document.h"
#include "cam-dfm.h"
#include "cam-features.h"
#include "cam-mesh.h"
#include "render-view.h"

G_BEGIN_DECLS

#define APP_TYPE_DFM_PANEL (app_dfm_panel_get_type ())
G_DECLARE_FINAL_TYPE (AppDfmPanel, app_dfm_panel, APP, DFM_PANEL, GtkBox)

/* view may be NULL (no 3D overlays, e.g. in tests). */
GtkWidget           *app_dfm_panel_new             (RenderView *view);

/* Makes the panel the document's: its material, machine, tolerance and finish become views
 * of the document's (and are hidden: the window shows them once), it follows the document's
 * part, and each finished analysis becomes the document's. Once, before use. */
void                 app_dfm_panel_set_document    (AppDfmPanel *panel, AppDocument *doc);
/* A new part (NULL clears): the analysis starts at once with the current settings. */
void                 app_dfm_panel_set_mesh        (AppDfmPanel *panel, CamMesh *mesh);
/* Settings; each change re-runs the review. FALSE for an unknown id. */
gboolean             app_dfm_panel_select_material (AppDfmPanel *panel, const char *material_id);
gboolean             app_dfm_panel_select_machine  (AppDfmPanel *panel, const char *machine_id);
void                 app_dfm_panel_set_tolerance   (AppDfmPanel *panel, double tolerance_mm);
void                 app_dfm_panel_set_finish      (AppDfmPanel *panel, double ra_um);

/* Starts (or restarts) the analysis; cancel stops a running one. */
void                 app_dfm_panel_analyse         (AppDfmPanel *panel);
void                 app_dfm_panel_cancel          (AppDfmPanel *panel);
gboolean             app_dfm_panel_is_busy         (AppDfmPanel *panel);
/* The status line ("3 errors, 1 warning, 5 notes", or why the analysis failed). */
const char          *app_dfm_panel_get_status      (AppDfmPanel *panel);

/* Results of the last finished analysis (NULL before or after a failure). */
const CamFeatureSet *app_dfm_panel_get_features    (AppDfmPanel *panel);
const CamDfmReport  *app_dfm_panel_get_report      (AppDfmPanel *panel);

/* Selects finding i of the report (−1: none): list row, camera flight, highlight. */
void                 app_dfm_panel_select_finding  (AppDfmPanel *panel, int index);
int                  app_dfm_panel_get_selected    (AppDfmPanel *panel);
/* Features drawn in the view, coloured by kind. */
void                 app_dfm_panel_set_show_features (AppDfmPanel *panel, gboolean show);
/* Writes the HTML report of the last review (what "Save Report…" does), atomically. */
gboolean             app_dfm_panel_save_report     (AppDfmPanel *panel, const char *path, GError **error);
/* Markers and feature-outline segments drawn now (for tests: they follow the shown part). */
guint                app_dfm_panel_count_overlays  (AppDfmPanel *panel);
/* What hovering at (x, y) in view pixels shows, or NULL (for tests; the view's tooltip). */
char                *app_dfm_panel_describe_at     (AppDfmPanel *panel, float x_px, float y_px);

/* Puts a DFM page in an AppWindow's side panel, following its part (app-dfm-page.c).
 * The window is passed as a GtkWidget so this header does not need app-window.h. */
void                 app_dfm_panel_attach          (GtkWidget *app_window);

G_END_DECLS
