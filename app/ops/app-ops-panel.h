/* app-ops-panel.h — side panel page "Operations": the machining job of the part.
 *
 * Plan (auto-plan from the recognised features, cam-plan.h) or open a job file; the
 * operations list (kind, feature, tool, rpm, feed, time, largest deflection, smallest safety
 * factor) with add, edit (enable, feed override, stepdown, stepover, climb), reorder, delete
 * — each undoable (Undo/Redo) — and regenerate; selecting an operation highlights its moves
 * in the view (the others dimmed); the features no tool can make are listed (reason,
 * alternative process) with markers in the view; planning and generation run in a GTask
 * thread with progress and Cancel.
 * The toolpath is drawn in the 3D view coloured by an overlay (type, feed, deflection,
 * finish, safety, operation) with its legend, over the stock drawn as a translucent box;
 * playback (slider, play/pause, one move back or forward, the time and the move as a G-code line)
 * shows the path up to a move with the tool (a wireframe cylinder) there; right-clicking near a
 * move (left drag orbits) highlights it and shows its numbers, right-clicking an unreachable
 * feature's marker its reason. Save the job, export G-code.
 * The same engine and numbers as `microcam-cli plan`. */
#pragma once

#include <gtk/gtk.h>

#include "app-document.h"
#include "cam-job.h"
#include "cam-mesh.h"
#include "render-toolpath.h"
#include "render-view.h"

G_BEGIN_DECLS

#define APP_TYPE_OPS_PANEL (app_ops_panel_get_type ())
G_DECLARE_FINAL_TYPE (AppOpsPanel, app_ops_panel, APP, OPS_PANEL, GtkBox)

/* view may be NULL (no 3D drawing, e.g. in tests). */
GtkWidget    *app_ops_panel_new             (RenderView *view);

/* Makes the panel the document's: material, machine, tolerance, finish and stock margin
 * become views of the document's (hidden: the window shows them once), the panel follows the
 * document's part, plans from its analysis when it is current, keeps the document's job
 * (app_document_set_job) and, when the document's material or machine changes, the job's
 * (regenerate for the new feeds). Once, before use. */
void          app_ops_panel_set_document    (AppOpsPanel *panel, AppDocument *doc);
/* The part to plan for (NULL clears the job). */
void          app_ops_panel_set_mesh        (AppOpsPanel *panel, CamMesh *mesh);
gboolean      app_ops_panel_select_material (AppOpsPanel *panel, const char *material_id);
gboolean      app_ops_panel_select_machine  (AppOpsPanel *panel, const char *machine_id);

/* Background work: auto-plan the part, or regenerate the current job's toolpaths. */
void          app_ops_panel_plan            (AppOpsPanel *panel);
void          app_ops_panel_regenerate      (AppOpsPanel *panel);
void          app_ops_panel_cancel          (AppOpsPanel *panel);
gboolean      app_ops_panel_is_busy         (AppOpsPanel *panel);
const char   *app_ops_panel_get_status      (AppOpsPanel *panel);

/* The job (NULL before a plan or load). */
CamJob       *app_ops_panel_get_job         (AppOpsPanel *panel);
/* Opens a job file (cam-job-io); its toolpaths are shown as saved. */
gboolean      app_ops_panel_load_job        (AppOpsPanel *panel, const char *path, GError **error);
gboolean      app_ops_panel_save_job        (AppOpsPanel *panel, const char *path, GError **error);
/* Writes the job's process sheet (cam-report.h) with the part's DFM findings in a thread, on
 * a snapshot of the job as it is now; the status line (and a dialog on failure) says how it
 * went. */
void          app_ops_panel_export_report   (AppOpsPanel *panel, const char *path);
/* The job's file (where it was opened from or last saved; NULL for a new plan) and whether
 * it changed since: properties "job-path" and "modified" (notify), for the window's title. */
const char   *app_ops_panel_get_job_path    (AppOpsPanel *panel);
gboolean      app_ops_panel_get_modified    (AppOpsPanel *panel);
/* File → Save Job (to its file, or asks where when it has none or save_as), Export G-code…
 * (the chooser offers the post), Export Report…: the panel's actions ops.save-job,
 * ops.save-job-as, ops.export-gcode and ops.export-report do the same; they are enabled
 * only while there is a job (and, for G-code, a toolpath). Errors go to a dialog. */
void          app_ops_panel_ask_save_job    (AppOpsPanel *panel, gboolean save_as);
void          app_ops_panel_ask_export_gcode (AppOpsPanel *panel);
void          app_ops_panel_ask_export_report (AppOpsPanel *panel);
/* The panel's ops.* actions (the four above, and ops.plan, ops.regenerate), enabled as the
 * job allows; a window adds the same objects to its map as win.* (app-ops-page.c), for its
 * File menu, accelerators and D-Bus (org.gtk.Actions). */
GActionGroup *app_ops_panel_get_job_actions (AppOpsPanel *panel);
/* post: linuxcnc, fanuc or grbl (NULL = linuxcnc); written atomically. */
gboolean      app_ops_panel_export_gcode    (AppOpsPanel *panel, const char *post, const char *path, GError **error);
/* The same in a thread, on a snapshot of the job as it is now (edits meanwhile do not
 * change what is written); what File → Export G-code… runs. The status line (and a dialog
 * on failure) says how it went; per_tool as app_ops_panel_export_gcode_per_tool(). */
void          app_ops_panel_start_export_gcode (AppOpsPanel *panel, const char *post, const char *path,
                                                gboolean per_tool);
/* TRUE while a report or a G-code export started here is still being written. */
gboolean      app_ops_panel_is_writing      (AppOpsPanel *panel);
/* One program per tool: path "plate.ngc" gives plate-T1.ngc, plate-T2.ngc … (cam-post-job.h);
 * written (nullable, of char *) gets their paths. */
gboolean      app_ops_panel_export_gcode_per_tool (AppOpsPanel *panel, const char *post, const char *path,
                                                   GPtrArray *written, GError **error);

/* Editing (each marks the toolpaths stale; regenerate to see them). */
void          app_ops_panel_select_op       (AppOpsPanel *panel, int index);
int           app_ops_panel_get_selected    (AppOpsPanel *panel);
gboolean      app_ops_panel_move_op         (AppOpsPanel *panel, int index, int delta);
gboolean      app_ops_panel_delete_op       (AppOpsPanel *panel, int index);
/* A new op of this kind on the selected op's geometry and tool; its index, or −1. */
int           app_ops_panel_add_op          (AppOpsPanel *panel, CamJobOpKind kind);
/* An operation's overrides, as the edit form sets them: a feed, stepdown or stepover that is
 * NAN or ≤ 0 means "engine chooses". */
typedef struct {
  gboolean enabled, climb;
  double feed_mm_min, stepdown_mm, stepover_mm;
} AppOpsParams;
/* Sets them (Apply does this, then regenerates); FALSE when nothing changed or no such op. */
gboolean      app_ops_panel_set_op_params   (AppOpsPanel *panel, int index, const AppOpsParams *params);
/* Undo/Redo of the edits above (overrides, add, delete, move): the actions ops.undo and
 * ops.redo (win.undo, win.redo with Ctrl+Z, Shift+Ctrl+Z in a window) do the same. Not while
 * planning; a regeneration under way is dropped. A new plan, another job or part forget them. */
gboolean      app_ops_panel_undo            (AppOpsPanel *panel);
gboolean      app_ops_panel_redo            (AppOpsPanel *panel);
gboolean      app_ops_panel_can_undo        (AppOpsPanel *panel);
gboolean      app_ops_panel_can_redo        (AppOpsPanel *panel);
/* Saves the job (to its file, or through the chooser), then calls done once with whether it
 * was saved (FALSE: cancelled or failed); for "save, then open the other file". */
void          app_ops_panel_save_then       (AppOpsPanel *panel, void (*done) (gpointer data, gboolean saved),
                                             gpointer data);

/* Shows or hides all the page's layers in the view (toolpaths, stock, tool, legend), e.g.
 * while another page draws its own. */
void          app_ops_panel_set_layers_visible (AppOpsPanel *panel, gboolean visible);
/* Overlay, legend and playback (fraction of the moves shown, 0..1). */
void          app_ops_panel_set_overlay     (AppOpsPanel *panel, RenderOverlay overlay);
RenderOverlay app_ops_panel_get_overlay     (AppOpsPanel *panel);
const RenderToolpathLegend *app_ops_panel_get_legend (AppOpsPanel *panel);
void          app_ops_panel_set_playback    (AppOpsPanel *panel, double fraction);
/* Playback by moves: the number of programmed moves shown (0..N), one step back or forward
 * (delta moves), and play/pause (a timer that steps through the program in about 20 s). */
gsize         app_ops_panel_get_playback_move (AppOpsPanel *panel);
void          app_ops_panel_step_playback   (AppOpsPanel *panel, int delta);
void          app_ops_panel_set_playing     (AppOpsPanel *panel, gboolean playing);
gboolean      app_ops_panel_get_playing     (AppOpsPanel *panel);
/* What right-clicking at view pixel (x, y) does: an unreachable feature's marker shows its
 * reason (and selects it in the list), else the nearest move is picked — highlighted in the
 * view, its numbers shown. FALSE when nothing is there. */
gboolean      app_ops_panel_pick_at         (AppOpsPanel *panel, float x_px, float y_px);
/* The picked move (index in the job's toolpath), −1 for none. */
gssize        app_ops_panel_get_picked_move (AppOpsPanel *panel);
/* Segments in the view's toolpath layers (cuts + rapids). */
gsize         app_ops_panel_get_n_segments  (AppOpsPanel *panel);
/* Where the tool model is (model coordinates, the end of the last move shown); FALSE when none. */
gboolean      app_ops_panel_get_tool_position (AppOpsPanel *panel, double out[3]);
/* The move under view pixel (x, y), described, or NULL (for the view's tooltip and tests). */
char         *app_ops_panel_describe_at     (AppOpsPanel *panel, float x_px, float y_px);

/* Puts an Operations page in an AppWindow's side panel, following its part
 * (app-ops-page.c). The window is a GtkWidget so this header needs no app-window.h. */
void          app_ops_panel_attach          (GtkWidget *app_window);
/* For `microcam --screenshot OUT.png --overlay type|feed|deflection|finish|safety JOB.json`:
 * attaches the page if needed, opens the job, draws it with that overlay and its legend and
 * shows the Operations page, and opens the job's part in the window when another part (or
 * none) is shown — so a screenshot of a job is: this call instead of app_window_open().
 * FALSE with a message naming the file or the overlay word. */
gboolean      app_ops_panel_show_job        (GtkWidget *app_window, const char *job_path,
                                             const char *overlay, GError **error);

G_END_DECLS
