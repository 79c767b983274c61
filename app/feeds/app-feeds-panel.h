/* app-feeds-panel.h — side panel page "Feeds": material, machine, tool and engagement in,
 * live feeds and speeds, force, deflection, breakage and finish out (cam-cutting.h), with the
 * binding limit highlighted and the engine's warnings. The same numbers as
 * `microcam-cli feeds`. Its pickers are reusable: app_feeds_panel_get_material() etc. */
#pragma once

#include <gtk/gtk.h>

#include "app-document.h"
#include "cam-cutting.h"
#include "cam-library.h"

G_BEGIN_DECLS

#define APP_TYPE_FEEDS_PANEL (app_feeds_panel_get_type ())
G_DECLARE_FINAL_TYPE (AppFeedsPanel, app_feeds_panel, APP, FEEDS_PANEL, GtkBox)

/* lib NULL: the application's library (app_library_picker_default_library()). */
GtkWidget         *app_feeds_panel_new          (const CamLibrary *lib);

/* Makes the panel's material and machine views of the document's choice (hidden: the window
 * shows it once); picking them here (app_feeds_panel_select) changes the document's. */
void               app_feeds_panel_set_document (AppFeedsPanel *panel, AppDocument *doc);
/* Picks by id (NULL leaves a picker as it is); FALSE if an id is unknown. */
gboolean           app_feeds_panel_select       (AppFeedsPanel *panel, const char *material_id,
                                                 const char *machine_id, const char *tool_id);
/* A tool spec (KIND:key=value,…) instead of the library tool; NULL or "" goes back to the library. */
void               app_feeds_panel_set_tool_spec (AppFeedsPanel *panel, const char *spec);
/* Engagement: 0 means "default / recommend" as in CamEngagement. */
void               app_feeds_panel_set_engagement (AppFeedsPanel *panel, CamCutKind op, double ap_mm, double ae_mm,
                                                   double depth_mm);

const CamMaterial *app_feeds_panel_get_material (AppFeedsPanel *panel);
const CamMachine  *app_feeds_panel_get_machine  (AppFeedsPanel *panel);
/* The library tool, or the spec tool when a valid spec is entered. */
const CamTool     *app_feeds_panel_get_tool     (AppFeedsPanel *panel);
/* The last result; FALSE when the inputs are invalid (the panel shows why). */
gboolean           app_feeds_panel_get_result   (AppFeedsPanel *panel, CamCutResult *out);
/* The text shown for a result ("rpm", "feed_mm_min", "binding_limit", "warnings", "error" …), for tests. */
const char        *app_feeds_panel_get_value    (AppFeedsPanel *panel, const char *key);

/* GtkApplication::window-added handler: adds a Feeds page to every AppWindow (app-feeds-page.c). */
void               app_feeds_panel_attach       (GtkApplication *app, GtkWindow *window, gpointer data);

G_END_DECLS
