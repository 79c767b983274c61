/* app-ops-edit.c — the Operations page's edits of the job (an operation's overrides, add,
 * delete, reorder) and their Undo/Redo.
 *
 * Every edit records a snapshot of the job before it (app-ops-history.h) and then changes
 * self->job in place on the main thread; Undo and Redo swap in a snapshot. Either way the job
 * is "changed" (app_ops_panel_job_changed: a regeneration of an older revision is dropped) and
 * modified (the document's dirty flag). The document's material and machine are one choice
 * for every page, not an edit of the job: a restored snapshot takes the present ones. */
#include "app-ops-panel-private.h"

#include <math.h>

void
app_ops_panel_record_edit (AppOpsPanel *self, const char *label)
{
  if (self->job != NULL)
    app_ops_history_record (self->history, self->job, label, app_ops_panel_get_selected (self));
}

gboolean
app_ops_panel_move_op (AppOpsPanel *self, int index, int delta)
{
  g_return_val_if_fail (APP_IS_OPS_PANEL (self), FALSE);
  if (self->job == NULL || index < 0)
    return FALSE;
  int to = index + delta;
  if ((guint) index >= self->job->ops->len || to < 0 || (guint) to >= self->job->ops->len)
    return FALSE;
  const CamJobOp *op = cam_job_op (self->job, index);
  g_autofree char *label = g_strdup_printf ("Move %s %s", op->id, delta < 0 ? "up" : "down");
  app_ops_panel_record_edit (self, label);
  gpointer a = self->job->ops->pdata[index];
  self->job->ops->pdata[index] = self->job->ops->pdata[to];
  self->job->ops->pdata[to] = a;
  app_ops_panel_stale (self, "Order changed");
  app_ops_panel_select_op (self, to);
  return TRUE;
}

gboolean
app_ops_panel_delete_op (AppOpsPanel *self, int index)
{
  g_return_val_if_fail (APP_IS_OPS_PANEL (self), FALSE);
  if (self->job == NULL || index < 0 || (guint) index >= self->job->ops->len)
    return FALSE;
  g_autofree char *label = g_strdup_printf ("Delete %s", cam_job_op (self->job, index)->id);
  app_ops_panel_record_edit (self, label);
  g_ptr_array_remove_index (self->job->ops, index);
  app_ops_panel_stale (self, "Operation deleted");
  return TRUE;
}

int
app_ops_panel_add_op (AppOpsPanel *self, CamJobOpKind kind)
{
  g_return_val_if_fail (APP_IS_OPS_PANEL (self), -1);
  int sel = app_ops_panel_get_selected (self);
  if (self->job == NULL || sel < 0)
    return -1;
  g_autofree char *label = g_strdup_printf ("Add %s", cam_job_op_kind_to_string (kind));
  app_ops_panel_record_edit (self, label);
  const CamJobOp *src = cam_job_op (self->job, sel);
  CamJobOp *op = cam_job_add_op (self->job, kind, src->tool);
  op->feature_id = g_strdup (src->feature_id);
  op->region_wkt = g_strdup (src->region_wkt);
  op->top_z = src->top_z;
  op->bottom_z = src->bottom_z;
  op->stock_to_leave_mm = src->stock_to_leave_mm;
  op->floor_stock_mm = src->floor_stock_mm;
  for (guint i = 0; i < src->holes->len; i++)
    cam_job_op_add_hole (op, &g_array_index (src->holes, CamJobHole, i));
  app_ops_panel_stale (self, "Operation added: regenerate to see its toolpath");
  int idx = self->job->ops->len - 1;
  app_ops_panel_select_op (self, idx);
  return idx;
}

/* An override as the job keeps it: NAN (engine chooses) for anything not a positive number. */
static double
override (double v)
{
  return isfinite (v) && v > 0 ? v : NAN;
}

static gboolean
same_override (double a, double b)
{
  return (isnan (a) && isnan (b)) || a == b;
}

gboolean
app_ops_panel_set_op_params (AppOpsPanel *self, int index, const AppOpsParams *p)
{
  g_return_val_if_fail (APP_IS_OPS_PANEL (self), FALSE);
  g_return_val_if_fail (p != NULL, FALSE);
  if (self->job == NULL || index < 0 || (guint) index >= self->job->ops->len)
    return FALSE;
  CamJobOp *op = cam_job_op (self->job, index);
  double feed = override (p->feed_mm_min), sd = override (p->stepdown_mm), so = override (p->stepover_mm);
  if (op->enabled == !!p->enabled && op->climb == !!p->climb && same_override (op->feed_mm_min, feed)
      && same_override (op->stepdown_mm, sd) && same_override (op->stepover_mm, so))
    return FALSE;
  g_autofree char *label = g_strdup_printf ("Edit %s", op->id);
  app_ops_panel_record_edit (self, label);
  op->enabled = !!p->enabled;
  op->climb = !!p->climb;
  op->feed_mm_min = feed;
  if (!same_override (op->stepdown_mm, sd))
    g_clear_pointer (&op->stepdown_reason, g_free);   /* the engineer's step, no longer the planner's */
  op->stepdown_mm = sd;
  op->stepover_mm = so;
  g_autofree char *what = g_strdup_printf ("%s changed: regenerate to see its toolpath", op->id);
  app_ops_panel_stale (self, what);
  app_ops_panel_select_op (self, index);
  return TRUE;
}

/* Undo (TRUE) or Redo one edit. */
static gboolean
restore (AppOpsPanel *self, gboolean undo)
{
  if (self->job == NULL || self->planning
      || !(undo ? app_ops_history_can_undo (self->history) : app_ops_history_can_redo (self->history)))
    return FALSE;
  /* a regeneration running now is for the state being left: its result could not be used */
  app_ops_panel_abandon_work (self);
  const char *label = NULL;
  int selected = -1;
  int now = app_ops_panel_get_selected (self);
  CamJob *job = undo ? app_ops_history_undo (self->history, self->job, now, &label, &selected)
                     : app_ops_history_redo (self->history, self->job, now, &label, &selected);
  if (job == NULL)
    return FALSE;
  g_autofree char *what = g_strdup_printf ("%s: %s", undo ? "Undone" : "Redone", label ? label : "edit");
  char **keep[] = { &self->job->material_id, &self->job->machine_id };
  char **into[] = { &job->material_id, &job->machine_id };
  for (guint i = 0; i < G_N_ELEMENTS (keep); i++)
    if (g_strcmp0 (*keep[i], *into[i]) != 0)
      {
        g_free (*into[i]);
        *into[i] = g_strdup (*keep[i]);
      }
  g_clear_pointer (&self->job, cam_job_unref);
  self->job = job;
  app_ops_panel_job_changed (self);
  app_ops_panel_set_job_state (self, self->job_path, TRUE);
  app_ops_panel_set_status (self, what);
  app_ops_panel_refresh (self);
  app_ops_panel_select_op (self, self->job->ops->len > 0 ? MIN (selected, (int) self->job->ops->len - 1) : -1);
  return TRUE;
}

gboolean
app_ops_panel_undo (AppOpsPanel *self)
{
  g_return_val_if_fail (APP_IS_OPS_PANEL (self), FALSE);
  return restore (self, TRUE);
}

gboolean
app_ops_panel_redo (AppOpsPanel *self)
{
  g_return_val_if_fail (APP_IS_OPS_PANEL (self), FALSE);
  return restore (self, FALSE);
}

gboolean
app_ops_panel_can_undo (AppOpsPanel *self)
{
  g_return_val_if_fail (APP_IS_OPS_PANEL (self), FALSE);
  return self->job != NULL && !self->planning && app_ops_history_can_undo (self->history);
}

gboolean
app_ops_panel_can_redo (AppOpsPanel *self)
{
  g_return_val_if_fail (APP_IS_OPS_PANEL (self), FALSE);
  return self->job != NULL && !self->planning && app_ops_history_can_redo (self->history);
}

/* The actions (the buttons, Ctrl+Z, Shift+Ctrl+Z) follow the history, and their buttons
 * name what they would take back. */
void
app_ops_panel_update_undo_actions (AppOpsPanel *self)
{
  if (self->job_actions == NULL)
    return;
  GAction *u = g_action_map_lookup_action (G_ACTION_MAP (self->job_actions), "undo");
  GAction *r = g_action_map_lookup_action (G_ACTION_MAP (self->job_actions), "redo");
  g_simple_action_set_enabled (G_SIMPLE_ACTION (u), app_ops_panel_can_undo (self));
  g_simple_action_set_enabled (G_SIMPLE_ACTION (r), app_ops_panel_can_redo (self));
  const char *ul = app_ops_history_undo_label (self->history), *rl = app_ops_history_redo_label (self->history);
  g_autofree char *ut = ul ? g_strdup_printf ("Undo %s (Ctrl+Z)", ul) : g_strdup ("Undo (Ctrl+Z)");
  g_autofree char *rt = rl ? g_strdup_printf ("Redo %s (Shift+Ctrl+Z)", rl) : g_strdup ("Redo (Shift+Ctrl+Z)");
  gtk_widget_set_tooltip_text (self->undo_button, ut);
  gtk_widget_set_tooltip_text (self->redo_button, rt);
}
