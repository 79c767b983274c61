/* app-part-loader.c — off-main-thread part loading with progress and cancel.
 *
 * The thread shares nothing with the UI: it reads its own file into a new mesh and render
 * mesh that nobody else has seen, reports progress through an atomic value, and hands the
 * part back to the caller's callback on the main thread, which swaps it in (or drops it:
 * app-window.c ignores a loader it no longer awaits). */
#include "app-part-loader.h"

#include "cam-error.h"

struct _AppPartLoader
{
  GObject parent_instance;
  GFile *file;
  GCancellable *cancellable;
  gint permille;             /* atomic */
};

G_DEFINE_FINAL_TYPE (AppPartLoader, app_part_loader, G_TYPE_OBJECT)

void
app_loaded_part_free (AppLoadedPart *part)
{
  if (part == NULL)
    return;
  g_clear_pointer (&part->mesh, cam_mesh_unref);
  g_clear_object (&part->render_mesh);
  g_free (part->path);
  g_free (part);
}

static void
app_part_loader_finalize (GObject *object)
{
  AppPartLoader *self = APP_PART_LOADER (object);
  g_clear_object (&self->file);
  g_clear_object (&self->cancellable);
  G_OBJECT_CLASS (app_part_loader_parent_class)->finalize (object);
}

static void
app_part_loader_class_init (AppPartLoaderClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = app_part_loader_finalize;
}

static void
app_part_loader_init (AppPartLoader *self)
{
  self->cancellable = g_cancellable_new ();
}

AppPartLoader *
app_part_loader_new (GFile *file)
{
  AppPartLoader *self = g_object_new (APP_TYPE_PART_LOADER, NULL);
  self->file = g_object_ref (file);
  return self;
}

GFile *
app_part_loader_get_file (AppPartLoader *loader)
{
  return loader->file;
}

double
app_part_loader_get_fraction (AppPartLoader *loader)
{
  return g_atomic_int_get (&loader->permille) / 1000.0;
}

void
app_part_loader_cancel (AppPartLoader *loader)
{
  g_cancellable_cancel (loader->cancellable);
}

static void
progress_cb (double fraction, gpointer data)
{
  AppPartLoader *self = data;
  /* reading and welding: 0–90 %; preparing the view's buffers: the rest */
  g_atomic_int_set (&self->permille, (gint) (CLAMP (fraction, 0.0, 1.0) * 900.0));
}

static void
load_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  AppPartLoader *self = source;
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_file_get_path (self->file);
  gint64 t0 = g_get_monotonic_time ();
  AppLoadedPart *part;
  (void) task_data;

  if (path == NULL)
    {
      g_autofree char *uri = g_file_get_uri (self->file);
      g_task_return_new_error (task, CAM_ERROR, CAM_ERROR_IO,
                               "%s: only files on a local disk can be opened", uri);
      return;
    }
  g_autoptr (CamMesh) mesh = cam_mesh_load_file (path, progress_cb, self, cancellable, &error);
  if (mesh == NULL)
    {
      if (g_cancellable_is_cancelled (cancellable))
        g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "Loading %s was cancelled", path);
      else
        g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (g_task_return_error_if_cancelled (task))
    return;

  part = g_new0 (AppLoadedPart, 1);
  part->render_mesh = render_mesh_new (mesh);
  part->mesh = g_steal_pointer (&mesh);
  part->path = g_steal_pointer (&path);
  part->seconds = (double) (g_get_monotonic_time () - t0) / 1e6;
  g_atomic_int_set (&self->permille, 1000);
  g_task_return_pointer (task, part, (GDestroyNotify) app_loaded_part_free);
}

void
app_part_loader_load_async (AppPartLoader *loader, GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr (GTask) task = g_task_new (loader, loader->cancellable, callback, user_data);
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, load_thread);
}

AppLoadedPart *
app_part_loader_load_finish (AppPartLoader *loader, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, loader), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
