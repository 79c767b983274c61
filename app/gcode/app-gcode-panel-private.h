/* app-gcode-panel-private.h — the G-code panel's state, shared by its files:
 * app-gcode-panel.c (construction, summary, messages, text pane, selection), app-gcode-work.c
 * (loading and review threads) and app-gcode-overlay.c (toolpath layers, highlight, legend, picking, camera). */
#pragma once

#include "app-gcode-lines.h"
#include "app-gcode-panel.h"
#include "cam-library.h"
#include "render-legend.h"
#include "render-lines.h"
#include "render-markers.h"
#include "render-work-zero.h"

G_BEGIN_DECLS

/* A program read from a file: shared (reference counted, g_atomic_rc_box) between the
 * panel and the threads working on it, so a new load never frees what a review still uses.
 * Only the main thread changes it (a review's result swaps in reader->toolpath, stats);
 * a thread gets references to what it reads when it starts (app-gcode-work.c). */
typedef struct {
  char *path;
  CamGcodeReader *reader;
  AppGcodeLines *lines;
  CamToolpathStats stats;
  char *stats_machine;       /* id of the machine the times are for */
  double bounds_min[3], bounds_max[3];
} AppGcodeProgram;

AppGcodeProgram *app_gcode_program_ref   (AppGcodeProgram *program);
void             app_gcode_program_unref (AppGcodeProgram *program);

/* A message row: its line and text. */
typedef struct {
  guint32 line;
  char *text;
} AppGcodeMessageRow;

struct _AppGcodePanel {
  GtkBox parent_instance;

  RenderView *view;
  AppDocument *doc;                     /* the window's (a reference), or NULL */
  const CamLibrary *lib;
  AppGcodeProgram *program;
  CamGcodeReview review;
  gboolean reviewed;
  double stock_top;
  double stock_thickness;               /* 0: unknown (through holes judged on their travel) */

  GtkLabel *file_label;
  GtkDropDown *material, *machine, *tool;
  GtkGrid *tool_map_grid;               /* "T n" → a library tool or the one above, per T number */
  GPtrArray *tool_map;                  /* of GtkDropDown, data "app-gcode-t" = T number */
  GtkSpinButton *stock_top_spin, *tolerance_spin, *thickness_spin;
  GtkWidget *open_button, *review_button, *cancel_button;
  GtkProgressBar *progress;
  GtkLabel *status_label;
  GtkLabel *summary_label;
  GtkButton *worst_button;
  GtkStringList *message_strings;
  GtkLabel *message_heading;
  GArray *message_rows;                 /* of AppGcodeMessageRow, parallel to message_strings */
  GtkSingleSelection *message_selection;
  GtkListView *message_list;
  GtkDropDown *overlay_dd;
  GtkDrawingArea *legend_area;
  GtkLabel *move_label;
  GtkSingleSelection *line_selection;
  GtkListView *line_list;
  GtkEntry *goto_entry;
  GtkLabel *program_heading;
  GHashTable *line_marks;               /* line → 1 error, 2 warning or finding: row colour */

  RenderLines *cuts, *rapids;
  RenderLines *highlight;               /* the selected line's moves, bright, over everything */
  RenderLines *tool_lines;              /* the tool at the selected move, wireframe */
  RenderMarkers *marker;                /* a dot at the selected move's end */
  RenderLegend *legend_layer;
  RenderWorkZero *work_zero;            /* where the program's X0 Y0 Z0 is on the part */
  AppGcodePlacement placement;
  gboolean z0_at_part_top;
  double work_offset[3];                /* model = work + work_offset: every layer is drawn so */
  gboolean placed_by_job;
  gboolean placing;                     /* set_placement moving its widgets */
  GtkDropDown *placement_dd;
  GtkCheckButton *z0_top_check;
  GtkLabel *placement_label;
  RenderOverlay overlay;
  RenderToolpathLegend legend;
  gboolean shown;                       /* the page is mapped: layers visible */
  gboolean refit_on_frame;
  gulong frame_handler;

  guint32 selected_line;
  gssize selected_move;                 /* the move the tool is drawn at, −1 for none */
  gsize n_highlighted;

  GCancellable *cancellable;
  guint generation;                     /* of the task whose result is awaited */
  gint progress_permille;               /* atomic; < 0: pulse */
  guint progress_source;
  char *status;
  gboolean busy;
  gboolean updating;
  gboolean review_again;                /* a setting changed while a task ran: review when it ends */
  gboolean disposed;                    /* a task coming back after this only frees its data */
};

/* app-gcode-overlay.c */
/* Fills cuts and rapids with tp coloured by the legend (cycles expanded as run, arcs as
 * chords within 1 µm) without copying the toolpath; FALSE when cancelled. Thread-safe on
 * layers not yet in a view. */
gboolean app_gcode_overlay_fill         (const CamToolpath *tp, const RenderToolpathLegend *legend,
                                         RenderLines *cuts, RenderLines *rapids, GCancellable *cancellable);
/* The legend for an overlay on a program (reviewed or not). */
void     app_gcode_overlay_legend       (const CamToolpath *tp, RenderOverlay overlay, double tolerance_mm,
                                         RenderToolpathLegend *out);
/* Puts freshly filled layers in place of the panel's (in the view too). */
void     app_gcode_panel_swap_layers    (AppGcodePanel *self, RenderLines *cuts, RenderLines *rapids,
                                         const RenderToolpathLegend *legend);
/* Recolours with the current overlay: on this thread for small programs, else in a task. */
void     app_gcode_panel_repaint        (AppGcodePanel *self);
void     app_gcode_panel_update_highlight (AppGcodePanel *self);
void     app_gcode_panel_clear_layers   (AppGcodePanel *self);
void     app_gcode_panel_layers_shown   (AppGcodePanel *self, gboolean shown);
void     app_gcode_panel_legend_draw    (GtkDrawingArea *area, cairo_t *cr, int width, int height, gpointer data);
void     app_gcode_panel_view_click_cb  (GtkGestureClick *g, int n, double x, double y, gpointer data);
void     app_gcode_panel_overlay_changed_cb (GObject *dd, GParamSpec *ps, gpointer data);
void     app_gcode_panel_frame_cb       (RenderView *view, double ms, gpointer data);

/* app-gcode-panel.c */
void     app_gcode_panel_refresh        (AppGcodePanel *self);
void     app_gcode_panel_fill_messages  (AppGcodePanel *self);
/* The rows of the T-number mapping for the program's tools. */
void     app_gcode_panel_fill_tool_map  (AppGcodePanel *self);
/* The tools given per T number (library tools; array of CamGcodeReviewTool). */
GArray  *app_gcode_panel_tool_mapping   (AppGcodePanel *self);

/* app-gcode-placement.c */
/* The placement widgets (a form row each) on the page's grid from row `row`; returns the next row. */
int      app_gcode_panel_build_placement (AppGcodePanel *self, GtkGrid *grid, int row);
/* Works out the offset again (program, part, job or choice changed) and moves the layers. */
void     app_gcode_panel_update_placement (AppGcodePanel *self);
/* Follows the document's part and job. */
void     app_gcode_panel_watch_document  (AppGcodePanel *self, AppDocument *doc);

/* app-gcode-work.c */
void     app_gcode_panel_set_status     (AppGcodePanel *self, const char *text);
/* Starts a task in a thread with progress; done gets the panel when the task is still the
 * one awaited (not superseded by another), else it only releases the task data. */
typedef void (*AppGcodeDoneFunc) (AppGcodePanel *self, GTask *task, gpointer task_data);
void     app_gcode_panel_start_task     (AppGcodePanel *self, const char *what, gpointer task_data,
                                         GDestroyNotify free_data, GTaskThreadFunc thread, AppGcodeDoneFunc done);

/* The overlay drop-down lists type … safety (RenderOverlay order, without operation). */
#define APP_GCODE_OVERLAY_ROW(overlay) ((guint) (overlay) - RENDER_OVERLAY_TYPE)

/* Programs of at most this many moves are recoloured on the main thread. */
#define APP_GCODE_SYNC_MOVES 200000

G_END_DECLS
