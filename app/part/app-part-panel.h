/* app-part-panel.h — side panel page "Part": the loaded part's facts, as
 * `microcam-cli info` prints them (triangles, vertices, bounds, size, volume, area,
 * watertightness, boundary/non-manifold edges, degenerate facets, edge lengths). */
#pragma once

#include <gtk/gtk.h>

#include "cam-mesh.h"

G_BEGIN_DECLS

#define APP_TYPE_PART_PANEL (app_part_panel_get_type ())
G_DECLARE_FINAL_TYPE (AppPartPanel, app_part_panel, APP, PART_PANEL, GtkBox)

GtkWidget *app_part_panel_new      (void);
/* mesh NULL: back to "No part loaded". load_seconds < 0: not shown. */
void       app_part_panel_set_mesh (AppPartPanel *panel, const CamMesh *mesh, double load_seconds);
/* The value shown for a fact ("triangles", "volume", …), for tests; NULL if unknown. */
const char *app_part_panel_get_value (AppPartPanel *panel, const char *key);

G_END_DECLS
