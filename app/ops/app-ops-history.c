/* app-ops-history.c — see app-ops-history.h. */
#include "app-ops-history.h"

typedef struct {
  CamJob *job;       /* a snapshot (cam_job_copy), owned */
  char *label;       /* the edit that follows (undo stack) or that was undone (redo stack) */
  int selected;
} Entry;

struct _AppOpsHistory {
  GObject parent_instance;
  GQueue undo, redo; /* of Entry*, newest at the head */
  guint limit;
};

G_DEFINE_FINAL_TYPE (AppOpsHistory, app_ops_history, G_TYPE_OBJECT)

enum { PROP_0, PROP_CAN_UNDO, PROP_CAN_REDO, N_PROPS };
static GParamSpec *props[N_PROPS];

static void
entry_free (Entry *e)
{
  cam_job_unref (e->job);
  g_free (e->label);
  g_free (e);
}

static Entry *
entry_new (const CamJob *job, const char *label, int selected)
{
  Entry *e = g_new0 (Entry, 1);
  e->job = cam_job_copy (job);
  e->label = g_strdup (label);
  e->selected = selected;
  return e;
}

/* Notifies only what changed, so the actions following the properties update once. */
static void
changed (AppOpsHistory *self, gboolean could_undo, gboolean could_redo)
{
  if (could_undo != app_ops_history_can_undo (self))
    g_object_notify_by_pspec (G_OBJECT (self), props[PROP_CAN_UNDO]);
  if (could_redo != app_ops_history_can_redo (self))
    g_object_notify_by_pspec (G_OBJECT (self), props[PROP_CAN_REDO]);
}

static void
clear_queue (GQueue *q)
{
  Entry *e;
  while ((e = g_queue_pop_head (q)) != NULL)
    entry_free (e);
}

AppOpsHistory *
app_ops_history_new (guint limit)
{
  AppOpsHistory *self = g_object_new (APP_TYPE_OPS_HISTORY, NULL);
  self->limit = MAX (limit, 1);
  return self;
}

void
app_ops_history_record (AppOpsHistory *self, const CamJob *before, const char *label, int selected)
{
  g_return_if_fail (APP_IS_OPS_HISTORY (self));
  g_return_if_fail (before != NULL);
  gboolean u = app_ops_history_can_undo (self), r = app_ops_history_can_redo (self);
  g_queue_push_head (&self->undo, entry_new (before, label, selected));
  while (self->undo.length > self->limit)
    entry_free (g_queue_pop_tail (&self->undo));
  clear_queue (&self->redo);
  changed (self, u, r);
}

/* Moves the newest entry of from to the caller, pushing a snapshot of current on to. */
static CamJob *
step (AppOpsHistory *self, GQueue *from, GQueue *to, const CamJob *current, int current_selected,
      const char **label, int *selected)
{
  g_return_val_if_fail (current != NULL, NULL);
  gboolean u = app_ops_history_can_undo (self), r = app_ops_history_can_redo (self);
  Entry *e = g_queue_pop_head (from);
  if (e == NULL)
    return NULL;
  /* the entry's label names the edit between its job and current: it travels with current */
  Entry *back = entry_new (current, e->label, current_selected);
  g_queue_push_head (to, back);
  CamJob *job = g_steal_pointer (&e->job);
  if (label)
    *label = back->label;
  if (selected)
    *selected = e->selected;
  g_free (e->label);
  g_free (e);
  changed (self, u, r);
  return job;
}

CamJob *
app_ops_history_undo (AppOpsHistory *self, const CamJob *current, int current_selected, const char **label,
                      int *selected)
{
  g_return_val_if_fail (APP_IS_OPS_HISTORY (self), NULL);
  return step (self, &self->undo, &self->redo, current, current_selected, label, selected);
}

CamJob *
app_ops_history_redo (AppOpsHistory *self, const CamJob *current, int current_selected, const char **label,
                      int *selected)
{
  g_return_val_if_fail (APP_IS_OPS_HISTORY (self), NULL);
  return step (self, &self->redo, &self->undo, current, current_selected, label, selected);
}

gboolean
app_ops_history_can_undo (AppOpsHistory *self)
{
  g_return_val_if_fail (APP_IS_OPS_HISTORY (self), FALSE);
  return self->undo.length > 0;
}

gboolean
app_ops_history_can_redo (AppOpsHistory *self)
{
  g_return_val_if_fail (APP_IS_OPS_HISTORY (self), FALSE);
  return self->redo.length > 0;
}

const char *
app_ops_history_undo_label (AppOpsHistory *self)
{
  g_return_val_if_fail (APP_IS_OPS_HISTORY (self), NULL);
  Entry *e = g_queue_peek_head (&self->undo);
  return e ? e->label : NULL;
}

const char *
app_ops_history_redo_label (AppOpsHistory *self)
{
  g_return_val_if_fail (APP_IS_OPS_HISTORY (self), NULL);
  Entry *e = g_queue_peek_head (&self->redo);
  return e ? e->label : NULL;
}

void
app_ops_history_clear (AppOpsHistory *self)
{
  g_return_if_fail (APP_IS_OPS_HISTORY (self));
  gboolean u = app_ops_history_can_undo (self), r = app_ops_history_can_redo (self);
  clear_queue (&self->undo);
  clear_queue (&self->redo);
  changed (self, u, r);
}

static void
app_ops_history_finalize (GObject *obj)
{
  AppOpsHistory *self = APP_OPS_HISTORY (obj);
  clear_queue (&self->undo);
  clear_queue (&self->redo);
  G_OBJECT_CLASS (app_ops_history_parent_class)->finalize (obj);
}

static void
app_ops_history_get_property (GObject *obj, guint id, GValue *value, GParamSpec *pspec)
{
  AppOpsHistory *self = APP_OPS_HISTORY (obj);
  switch (id)
    {
    case PROP_CAN_UNDO: g_value_set_boolean (value, app_ops_history_can_undo (self)); break;
    case PROP_CAN_REDO: g_value_set_boolean (value, app_ops_history_can_redo (self)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (obj, id, pspec);
    }
}

static void
app_ops_history_class_init (AppOpsHistoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  object_class->finalize = app_ops_history_finalize;
  object_class->get_property = app_ops_history_get_property;
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  props[PROP_CAN_UNDO] = g_param_spec_boolean ("can-undo", NULL, NULL, FALSE, ro);
  props[PROP_CAN_REDO] = g_param_spec_boolean ("can-redo", NULL, NULL, FALSE, ro);
  g_object_class_install_properties (object_class, N_PROPS, props);
}

static void
app_ops_history_init (AppOpsHistory *self)
{
  g_queue_init (&self->undo);
  g_queue_init (&self->redo);
}
