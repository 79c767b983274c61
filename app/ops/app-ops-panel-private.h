/* app-ops-panel-private.h — the Operations panel's state, shared by its two files:
 * app-ops-panel.c (construction, list, editing, background work) and app-ops-overlay.c
 * (toolpath layers, legend, playback, picking in the 3D view). */
#pragma once

#include "app-ops-panel.h"
#include "cam-dfm-rules.h"
#include "cam-library.h"
#include "render-box.h"
#include "render-legend.h"
#include "render-lines.h"

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

  RenderLines *cuts, *rapids;
  RenderLines *stock_lines;  /* stock box edges, thin */
  RenderBox *stock_box;      /* stock box faces, translucent */
  RenderLines *tool_lines;   /* the tool at the playback position, wireframe cylinder */
  RenderLegend *legend_layer;
  RenderOverlay overlay;
  RenderToolpathLegend legend;
  double playback_fraction;

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
  gboolean updating;
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

/* app-ops-files.c */
GActionGroup *app_ops_panel_job_actions_new (AppOpsPanel *self);
void app_ops_panel_update_job_actions (AppOpsPanel *self);

/* app-ops-overlay.c */
void app_ops_panel_rebuild_layers      (AppOpsPanel *self);
void app_ops_panel_legend_draw         (GtkDrawingArea *area, cairo_t *cr, int width, int height, gpointer data);
void app_ops_panel_click_cb            (GtkGestureClick *g, int n, double x, double y, gpointer data);
void app_ops_panel_overlay_changed_cb  (GObject *dd, GParamSpec *ps, gpointer data);
void app_ops_panel_playback_cb         (GtkRange *range, gpointer data);

G_END_DECLS
