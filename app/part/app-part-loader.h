/* app-part-loader.h — reads a part file in a GTask thread: cam_mesh_load_file() and the
 * renderer's CPU preparation (render_mesh_new), with a progress fraction the main
 * thread can poll and a GCancellable for the Cancel button. */
#pragma once

#include <gio/gio.h>

#include "cam-mesh.h"
#include "render-mesh.h"

G_BEGIN_DECLS

typedef struct {
  CamMesh *mesh;
  RenderMesh *render_mesh;
  char *path;
  double seconds;          /* wall time of the load, for the part panel */
} AppLoadedPart;

void           app_loaded_part_free (AppLoadedPart *part);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AppLoadedPart, app_loaded_part_free)

#define APP_TYPE_PART_LOADER (app_part_loader_get_type ())
G_DECLARE_FINAL_TYPE (AppPartLoader, app_part_loader, APP, PART_LOADER, GObject)

AppPartLoader *app_part_loader_new          (GFile *file);
GFile         *app_part_loader_get_file     (AppPartLoader *loader);
/* 0..1, safe to call from the main thread while the load runs. */
double         app_part_loader_get_fraction (AppPartLoader *loader);
void           app_part_loader_cancel       (AppPartLoader *loader);

void           app_part_loader_load_async   (AppPartLoader       *loader,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
/* NULL with error set on failure; a cancelled load gives G_IO_ERROR_CANCELLED. */
AppLoadedPart *app_part_loader_load_finish  (AppPartLoader  *loader,
                                             GAsyncResult   *result,
                                             GError        **error);

G_END_DECLS
