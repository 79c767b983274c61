/* app-gcode-panel.h — side panel page "G-code": review a program written elsewhere.
 *
 * Opens a G-code file (cam-gcode-reader.h) in a GTask thread with progress and Cancel and
 * draws it in the 3D view as a toolpath (coloured by move type until reviewed). With a
 * material, machine and tool picked from the library, Review runs the physics of
 * cam-gcode-review.h on every cutting move (in a thread); then the overlays (type, feed,
 * deflection, finish, safety) colour it, with a legend in the view and in the panel.
 * Summary: moves, cut and rapid length, cycle time, largest deflection, smallest safety
 * factor and its line (a button that jumps there). The reader's errors and warnings and the
 * review's findings are listed by line; the program's text is a list of its lines
 * (app-gcode-lines.h). Selection goes both ways: selecting a line highlights its moves in
 * the view with the tool drawn there; right-clicking a move in the view (left drag orbits)
 * selects and scrolls to its line. The layers are shown while the page is. */
#pragma once

#include <gtk/gtk.h>

#include "app-document.h"
#include "cam-gcode-reader.h"
#include "cam-gcode-review.h"
#include "render-toolpath.h"
#include "render-view.h"

G_BEGIN_DECLS

#define APP_TYPE_GCODE_PANEL (app_gcode_panel_get_type ())
G_DECLARE_FINAL_TYPE (AppGcodePanel, app_gcode_panel, APP, GCODE_PANEL, GtkBox)

/* view may be NULL (no 3D drawing, e.g. in tests). */
GtkWidget            *app_gcode_panel_new             (RenderView *view);

/* Makes the panel's material and machine views of the document's choice (hidden: the window
 * shows it once); the document's part and job place the program (app_gcode_panel_set_placement). The review's tolerance stays the page's: it judges a program written
 * elsewhere, not the part's tolerance (0: the engine's default, as `microcam-cli check`). */
void                  app_gcode_panel_set_document    (AppGcodePanel *panel, AppDocument *doc);
/* Starts reading the program in a thread (a load or review in progress is cancelled first).
 * Signal ::program-loaded () when a program is shown; a failed or cancelled read keeps the
 * previous one, emits ::load-failed (const char *message) and the status line (and a dialog
 * when the panel is in a shown window) names the file. */
void                  app_gcode_panel_open            (AppGcodePanel *panel, const char *path);
gboolean              app_gcode_panel_is_busy         (AppGcodePanel *panel);
void                  app_gcode_panel_cancel          (AppGcodePanel *panel);
const char           *app_gcode_panel_get_status      (AppGcodePanel *panel);
const char           *app_gcode_panel_get_path        (AppGcodePanel *panel);

/* The program read (NULL before the first load); read only. A finished review replaces the
 * toolpath by its reviewed copy: look it up again after one (a pointer kept is only valid
 * until then). */
const CamGcodeReader *app_gcode_panel_get_reader      (AppGcodePanel *panel);
CamToolpath          *app_gcode_panel_get_toolpath    (AppGcodePanel *panel);
/* The program's lines (app-gcode-lines.h; NULL before the first load). */
GListModel           *app_gcode_panel_get_lines       (AppGcodePanel *panel);
/* Lengths and times with the machine's kinematics (valid after a load). */
const CamToolpathStats *app_gcode_panel_get_stats     (AppGcodePanel *panel);

/* Review settings: library ids; FALSE when the library has no such entry. */
gboolean              app_gcode_panel_select_material (AppGcodePanel *panel, const char *material_id);
gboolean              app_gcode_panel_select_machine  (AppGcodePanel *panel, const char *machine_id);
gboolean              app_gcode_panel_select_tool_id  (AppGcodePanel *panel, const char *tool_id);
/* The moves of T number `number` reviewed with this library tool instead of the one above
 * (NULL: the one above again). FALSE when the program has no such T number or the library
 * no such tool. */
gboolean              app_gcode_panel_map_tool        (AppGcodePanel *panel, guint number, const char *tool_id);
/* The library id of the tool mapped to T number `number`, or NULL (the tool above). A program
 * whose header comments name library tools ("(T2: drill-0.2-long …)", as microcam's posts write
 * them) opens with those mapped. */
const char           *app_gcode_panel_get_mapped_tool (AppGcodePanel *panel, guint number);
/* Work Z of the stock top (default 0). */
void                  app_gcode_panel_set_stock_top   (AppGcodePanel *panel, double z);
/* The stock's thickness (0: unknown): drills below its bottom cut air, so a through hole's point
 * and breakthrough do not count when judging the process (microcam-cli check --stock-bottom). */
void                  app_gcode_panel_set_stock_thickness (AppGcodePanel *panel, double mm);
/* Runs the review in a thread with the picked material, machine and tool (every T number not
 * mapped to its own tool gets that one); signal ::reviewed () when done. */
void                  app_gcode_panel_review          (AppGcodePanel *panel);
/* The last review's summary, or NULL when none has run on the program shown. */
const CamGcodeReview *app_gcode_panel_get_review      (AppGcodePanel *panel);

/* Messages listed (errors, warnings, review findings), in list order. */
guint                 app_gcode_panel_get_n_messages  (AppGcodePanel *panel);
/* Line and text ("error: …", "warning: …", "review: …") of message i; 0 / NULL past the end. */
guint32               app_gcode_panel_get_message     (AppGcodePanel *panel, guint i, const char **text);
/* As clicking the message: selects its line. Returns the line (0 past the end). */
guint32               app_gcode_panel_activate_message (AppGcodePanel *panel, guint i);

/* Selection: a line (1-based) → index of its first move (−1 when the line makes none; the
 * line is selected anyway); a move → its line (0 when none). 0 / −1 clears. */
gssize                app_gcode_panel_select_line     (AppGcodePanel *panel, guint32 line);
guint32               app_gcode_panel_select_move     (AppGcodePanel *panel, gssize index);
guint32               app_gcode_panel_get_selected_line (AppGcodePanel *panel);
/* Segments drawn for the selected line's moves (the highlight layer). */
gsize                 app_gcode_panel_get_n_highlighted (AppGcodePanel *panel);

/* Overlay and legend (operation is taken as type: a program is one operation). */
void                  app_gcode_panel_set_overlay     (AppGcodePanel *panel, RenderOverlay overlay);
RenderOverlay         app_gcode_panel_get_overlay     (AppGcodePanel *panel);
const RenderToolpathLegend *app_gcode_panel_get_legend (AppGcodePanel *panel);
/* Segments in the view's toolpath layers (cuts + rapids). */
gsize                 app_gcode_panel_get_n_segments  (AppGcodePanel *panel);
/* The RGBA (0..1) move i is drawn in with the current overlay; FALSE past the end. */
gboolean              app_gcode_panel_get_move_colour (AppGcodePanel *panel, gsize i, float rgba[4]);

/* The move under view pixel (x, y) (−1 for none), and it described ("line 12: G1 …"), or
 * NULL. No view, no program or busy: −1 / NULL. */
gssize                app_gcode_panel_pick            (AppGcodePanel *panel, float x_px, float y_px);
char                 *app_gcode_panel_describe_at     (AppGcodePanel *panel, float x_px, float y_px);
/* Aims the view's camera at the whole program (done after each load). */
void                  app_gcode_panel_fit_view        (AppGcodePanel *panel);

/* Where the program is drawn on the part. A program runs in work coordinates (microcam's
 * posts write them: Z0 the stock top, X0 Y0 as the job's origin); the part is in model
 * coordinates; model = work + offset. AUTO: the document's job's work offset when the
 * program is the job's own (its header names the job's tools or stock, or its moves span the
 * job's toolpath); else, for a program whose header gives its stock ("(stock: X… Y… Z… work)"),
 * that stock centred on the part in X and Y with its bottom on the part's (as the planner makes
 * a stock from a part); else as MODEL. MODEL, CORNER, CENTRE: X0 Y0 at the part's model X0 Y0, at its
 * min-X/min-Y corner or at its centre (as `plan --origin`), Z0 at the part's top when
 * z0_at_part_top, else at model Z0. No part and no job: drawn as written (offset 0). */
typedef enum {
  APP_GCODE_PLACE_AUTO,
  APP_GCODE_PLACE_MODEL,
  APP_GCODE_PLACE_CORNER,
  APP_GCODE_PLACE_CENTRE,
} AppGcodePlacement;

void                  app_gcode_panel_set_placement   (AppGcodePanel *panel, AppGcodePlacement placement,
                                                       gboolean z0_at_part_top);
AppGcodePlacement     app_gcode_panel_get_placement   (AppGcodePanel *panel);
/* The offset in use (model = work + offset): where work zero is on the part, in model mm. */
void                  app_gcode_panel_get_work_offset (AppGcodePanel *panel, double offset[3]);
/* TRUE when the offset in use is the document's job's (AUTO on the job's own program). */
gboolean              app_gcode_panel_placed_by_job   (AppGcodePanel *panel);

/* Puts a G-code page in an AppWindow's side panel (app-gcode-page.c). The window is a
 * GtkWidget so this header needs no app-window.h. */
void                  app_gcode_panel_attach          (GtkWidget *app_window);
/* The page of a window, or NULL when none is attached. */
AppGcodePanel        *app_gcode_panel_from_window     (GtkWidget *app_window);
/* Attaches the page if needed, starts reading path and shows the page. FALSE (with a
 * message naming the file) when the file cannot be opened at all; read errors found
 * later are shown by the page. */
gboolean              app_gcode_panel_show_file       (GtkWidget *app_window, const char *path, GError **error);

G_END_DECLS
