/* app-window.h — the main window: header bar, 3D view, side panel pages.
 *
 * For other modules:
 *   app_window_add_panel (win, my_panel, "dfm", "DFM");   // a page in the side panel
 *   g_signal_connect (win, "mesh-changed", G_CALLBACK (on_part), data);
 *   CamMesh *mesh = app_window_get_mesh (win);            // NULL until a part is loaded
 *   render_view_add_layer (app_window_get_view (win), RENDER_LAYER (my_lines));
 *   AppDocument *doc = app_window_get_document (win);     // the part, its analysis, the job,
 *                                                         // the one material/machine choice
 *
 * Signals
 *   ::mesh-changed ()               a new part is shown (app_window_get_mesh()).
 *   ::load-failed (GError *error)   a load failed; the previous part stays.
 */
#pragma once

#include <gtk/gtk.h>

#include "app-document.h"
#include "cam-mesh.h"
#include "render-view.h"

G_BEGIN_DECLS

#define APP_TYPE_WINDOW (app_window_get_type ())
G_DECLARE_FINAL_TYPE (AppWindow, app_window, APP, WINDOW, GtkApplicationWindow)

AppWindow  *app_window_new          (GtkApplication *app);

/* Loads in a thread with progress and Cancel; errors go to a dialog (or, in batch mode,
 * only to ::load-failed). A load in progress is cancelled first. */
void        app_window_open         (AppWindow *win, GFile *file);
gboolean    app_window_is_loading   (AppWindow *win);

CamMesh    *app_window_get_mesh     (AppWindow *win);
RenderView *app_window_get_view     (AppWindow *win);
/* The same message the window shows when OpenGL could not start; NULL while it works. */
const char *app_window_get_gl_error (AppWindow *win);
/* The "Could not open" dialog: names the file, shows the message; the window keeps its part. */
void        app_window_show_open_error (AppWindow *win, GFile *file, const GError *error);

/* Adds a page to the side panel (a GtkStack with a switcher). name: a stable id
 * ("part", "feeds", "dfm", "operations"); title: what the switcher shows. The panel is
 * placed in a scrolled window. */
void        app_window_add_panel    (AppWindow  *win,
                                     GtkWidget  *panel,
                                     const char *name,
                                     const char *title);
void        app_window_show_panel   (AppWindow *win, const char *name);
/* The panel added under name, or NULL. */
GtkWidget  *app_window_get_panel    (AppWindow *win, const char *name);
/* The window's document (app-document.h): the header bar's process choice (material,
 * machine, tolerance, finish, stock margin) is its view; the pages observe it. */
AppDocument *app_window_get_document (AppWindow *win);

/* The job on the Operations page (NULL path: not saved yet) and whether it has changes not
 * saved: the title shows "*job.json (part.stl) — microcam". */
void        app_window_set_job      (AppWindow *win, const char *job_path, gboolean modified);
/* The G-code program on the G-code page: the title names it while no part or job is shown. */
void        app_window_set_program  (AppWindow *win, const char *path);
/* Adds a part, job or G-code file to the recent files (the Open Recent menu); not in batch mode. */
void        app_window_remember_recent (AppWindow *win, const char *path);
/* The view's "open a part" hint (shown until a part loads); other pages hide it when they
 * draw something without a part (a G-code program). */
void        app_window_set_empty_hint_visible (AppWindow *win, gboolean visible);
/* Whether the window is in batch mode (no dialogs). */
gboolean    app_window_get_batch_mode (AppWindow *win);

/* Batch mode (screenshots, benchmarks): no dialogs, window size neither restored nor saved. */
void        app_window_set_batch_mode (AppWindow *win, gboolean batch);

G_END_DECLS
