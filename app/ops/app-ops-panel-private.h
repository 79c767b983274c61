/* app-ops-panel-private.h — the Operations panel's state, shared by its files:
 * app-ops-panel.c (construction, list, editing, background work), app-ops-edit.c (the edits
 * and their Undo/Redo), app-ops-overlay.c (toolpath layers, legend, playback, picking in the
 * 3D view), app-ops-unreachable.c (what cannot be made: list and markers) and app-ops-files.c. */
#pragma once

#include "app-ops-history.h"
#include "app-ops-panel.h"
#include "cam-dfm-rules.h"
#include "cam-library.h"
#include "render-box.h"
#include "render-legend.h"
#include "render-lines.h"
#include "render-markers.h"
#include "render-work-zero.h"

G_BEGIN_DECLS

struct _AppOpsPanel {
  GtkBox parent_instance;

  RenderView *view;
  AppDocument *document;     /* NULL for a panel on its own (tests) */
  CamMesh *mesh;
  CamJob *job;
  const CamLibrary *lib;
  CamDfmRules *rules;        /* the built-in rules: plans recognise and check as the CLI's */

  GtkGrid *settings_grid;              /* the widgets: app-ops-panel.ui */
  GtkDropDown *material;
  GtkDropDown *machine;
  GtkSpinButton *tolerance;
  GtkSpinButton *finish;
  GtkSpinButton *margin;
  GtkWidget *plan_button, *regen_button, *cancel_button;
  GtkWidget *undo_button, *redo_button;
  GtkDropDown *post_choice;            /* linuxcnc | fanuc | grbl for Export G-code */
  GtkProgressBar *progress;
  GtkLabel *status_label;
  GtkListBox *list;
  GtkWidget *edit_box;
  GtkCheckButton *op_enabled, *op_climb;
  GtkSpinButton *op_feed, *op_stepdown, *op_stepover;
  GtkDropDown *add_kind;
  GtkDropDown *overlay_dd;
  GtkDrawingArea *legend_area;
  GtkScale *playback;
  GtkLabel *move_label;
  GtkToggleButton *play_button;
  GtkLabel *playback_label;            /* move n of N, time, the move as a G-code line */
  GtkLabel *op_warnings;               /* the selected operation's warnings */
  GtkExpander *unreachable_expander;   /* "N unreachable features": the list below */
  GtkListBox *unreachable_list;

  RenderLines *cuts, *rapids;
  RenderLines *stock_lines;  /* stock box edges, thin */
  RenderBox *stock_box;      /* stock box faces, translucent */
  RenderLines *tool_lines;   /* the tool at the playback position, wireframe cylinder */
  RenderLegend *legend_layer;
  RenderLines *picked_lines;           /* the move picked (right-click), drawn on top */
  RenderMarkers *unreachable_markers;  /* one per unreachable entry, on top */
  RenderWorkZero *work_zero;          /* the job's X0 Y0 Z0 (model = work + work_offset) */
  RenderOverlay overlay;
  RenderToolpathLegend legend;
  double playback_fraction;
  gssize picked_move;        /* index in job->toolpath, −1 for none */
  guint play_source;         /* playing: the timeout that advances the playback */
  double total_time_s;       /* the program's time, for the playback label: of total_time_for */
  const CamToolpath *total_time_for;  /* (compared, never dereferenced) at job_revision + 1 = total_time_revision */
  guint total_time_revision;

  AppOpsHistory *history;    /* Undo/Redo of the edits (app-ops-edit.c) */
  /* Save then go on (app_ops_panel_save_then): called once with the outcome */
  void (*save_then) (gpointer data, gboolean saved);
  gpointer save_then_data;

  char *job_path;            /* the job's file (opened or saved); NULL for a new plan */
  gboolean modified;         /* changed since it was opened or saved */
  GActionGroup *job_actions; /* ops.plan, ops.regenerate, ops.save-job, ops.save-job-as, ops.export-gcode, ops.export-report */

  GCancellable *cancellable;
  guint work_generation;   /* of the plan/regeneration whose result is awaited */
  guint job_revision;      /* bumped by every edit of self->job (and a new job): a
                            * regeneration of an older revision is discarded */
  guint files_in_flight;   /* report and G-code exports running on snapshots */
  gint progress_permille;  /* atomic */
  guint progress_source;
  char *status;
  gboolean busy;
  gboolean planning;         /* busy with a plan (not a regeneration): no Undo meanwhile */
  gboolean updating;
  gboolean filling;          /* fill_list is replacing the rows */
};

/* app-ops-panel.c */
void app_ops_panel_set_status          (AppOpsPanel *self, const char *text);
/* list, sensitivity, actions and layers after a change of the job or of busy */
void app_ops_panel_refresh             (AppOpsPanel *self);
/* Every change to self->job (an edit, a new or another job) calls this: a regeneration
 * started before it no longer matches the job and is discarded when it comes back. */
void app_ops_panel_job_changed         (AppOpsPanel *self);
/* path may be NULL (a job not saved yet); notifies "job-path" and "modified" */
void app_ops_panel_set_job_state       (AppOpsPanel *self, const char *path, gboolean modified);

/* Stops awaiting the running task: its result is dropped when it comes (app-ops-panel.c). */
void app_ops_panel_abandon_work        (AppOpsPanel *self);
/* The job's edits changed it: rejoin its toolpaths, mark it modified, say what (app-ops-panel.c). */
void app_ops_panel_stale               (AppOpsPanel *self, const char *what);

/* app-ops-edit.c */
/* Before an edit of self->job: a snapshot for Undo. */
void app_ops_panel_record_edit         (AppOpsPanel *self, const char *label);
void app_ops_panel_update_undo_actions (AppOpsPanel *self);

/* app-ops-unreachable.c */
/* The list and the markers of self->job's unreachable entries; the status link to them. */
void app_ops_panel_rebuild_unreachable (AppOpsPanel *self);
/* The entry whose marker is under view pixel (x, y), or −1. */
int  app_ops_panel_unreachable_at      (AppOpsPanel *self, float x_px, float y_px);
/* Selects entry i in the list (the expander opened) and highlights its marker; −1: none. */
void app_ops_panel_select_unreachable  (AppOpsPanel *self, int i);
void app_ops_panel_unreachable_selected_cb (GtkListBox *list, GtkListBoxRow *row, gpointer data);
gboolean app_ops_panel_status_link_cb  (GtkLabel *label, const char *uri, gpointer data);
/* The status text, its "N unreachable" (when the job has N) a link to the list. */
void app_ops_panel_set_status_linked   (AppOpsPanel *self, const char *text);

/* app-ops-files.c */
/* Continues a pending app_ops_panel_save_then with the outcome (no-op when none). */
void app_ops_panel_finish_save_then    (AppOpsPanel *self, gboolean saved);
GActionGroup *app_ops_panel_job_actions_new (AppOpsPanel *self);
void app_ops_panel_update_job_actions (AppOpsPanel *self);

/* app-ops-overlay.c */
void app_ops_panel_rebuild_layers      (AppOpsPanel *self);
void app_ops_panel_legend_draw         (GtkDrawingArea *area, cairo_t *cr, int width, int height, gpointer data);
void app_ops_panel_click_cb            (GtkGestureClick *g, int n, double x, double y, gpointer data);
void app_ops_panel_overlay_changed_cb  (GObject *dd, GParamSpec *ps, gpointer data);
void app_ops_panel_playback_cb         (GtkRange *range, gpointer data);
void app_ops_panel_play_toggled_cb     (GtkToggleButton *button, gpointer data);
void app_ops_panel_step_back_cb        (GtkButton *button, gpointer data);
void app_ops_panel_step_forward_cb     (GtkButton *button, gpointer data);
/* The playback label (move, time, line) for the position now. */
void app_ops_panel_update_playback_label (AppOpsPanel *self);
/* The picked move's numbers (index −1: the hint), and its highlight. */
void app_ops_panel_show_picked         (AppOpsPanel *self, gssize index);

G_END_DECLS
