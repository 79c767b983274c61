/* app-ops-history.h — Undo/Redo for the Operations page: a stack of job snapshots.
 *
 *        undo stack            current job           redo stack
 *   [s0] [s1] … [sN-1]  ──undo──►  sN  ──undo──►  [sN] …
 *                       ◄──redo──      ◄──redo──
 *
 * Before an edit (parameters, add, delete, reorder) the page records a snapshot of the job
 * as it is (cam_job_copy: deep for the operations, the toolpaths shared — a toolpath is never
 * changed once in a job, so a snapshot costs the operations, not the moves). Undo hands back
 * the newest snapshot and keeps a copy of the current job for Redo; a new edit clears Redo.
 * Each entry keeps the label of its edit ("Delete op3") and the operation selected then. The
 * stack holds at most `limit` entries (the oldest go first). Main thread only.
 *
 * Properties "can-undo", "can-redo" (notify) for the actions that follow them. */
#pragma once

#include <glib-object.h>

#include "cam-job.h"

G_BEGIN_DECLS

#define APP_TYPE_OPS_HISTORY (app_ops_history_get_type ())
G_DECLARE_FINAL_TYPE (AppOpsHistory, app_ops_history, APP, OPS_HISTORY, GObject)

AppOpsHistory *app_ops_history_new       (guint limit);

/* Records the job as it is before an edit named label, with the operation selected (−1: none).
 * Clears Redo. */
void           app_ops_history_record    (AppOpsHistory *history, const CamJob *before, const char *label,
                                          int selected);
/* The job to restore (a new reference, the caller's) or NULL when there is nothing to undo.
 * current is the job as it is now (with its selection): it goes on the Redo stack. *label
 * (nullable) gets the undone edit's name (the history's, valid until the next change),
 * *selected (nullable) the selection recorded with the job handed back. */
CamJob        *app_ops_history_undo      (AppOpsHistory *history, const CamJob *current, int current_selected,
                                          const char **label, int *selected);
/* The same the other way. */
CamJob        *app_ops_history_redo      (AppOpsHistory *history, const CamJob *current, int current_selected,
                                          const char **label, int *selected);
gboolean       app_ops_history_can_undo  (AppOpsHistory *history);
gboolean       app_ops_history_can_redo  (AppOpsHistory *history);
/* The name of the edit Undo (Redo) would take back, or NULL. */
const char    *app_ops_history_undo_label (AppOpsHistory *history);
const char    *app_ops_history_redo_label (AppOpsHistory *history);
/* Forgets everything (a new plan, another job or part). */
void           app_ops_history_clear     (AppOpsHistory *history);

G_END_DECLS
