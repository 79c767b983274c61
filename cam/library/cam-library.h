/* cam-library.h — the material, tool and machine libraries, loaded once.
 *
 * Load order (later entries replace earlier ones with the same id):
 *   1. the libraries compiled into the engine (GResource built from resources/{materials,tools,machines})
 *   2. every *.json in g_get_user_config_dir()/microcam/{materials,tools,machines}/ (sorted by name)
 * A malformed entry is skipped with a warning naming the file, the entry and the field; the
 * rest of the file still loads. Warnings are kept in the library (cam_library_get_warnings). */
#pragma once

#include <glib.h>

#include "cam-machine.h"
#include "cam-material.h"
#include "cam-tool.h"

G_BEGIN_DECLS

typedef struct _CamLibrary CamLibrary;

typedef enum {
  CAM_LIBRARY_MATERIALS,
  CAM_LIBRARY_TOOLS,
  CAM_LIBRARY_MACHINES,
} CamLibraryKind;

/* An empty library. */
CamLibrary *cam_library_new (void);
/* Built-in data plus the user's config dir overlay. Never fails: problems become warnings. */
CamLibrary *cam_library_new_default (void);
/* As above with an explicit config dir (the folder that holds microcam/); NULL skips the overlay. */
CamLibrary *cam_library_new_with_config_dir (const char *config_dir);
void        cam_library_free (CamLibrary *lib);

/* Adds the entries of one JSON document; `name` names it in messages. Returns FALSE
 * (and sets error) only when the document as a whole is unreadable. */
gboolean cam_library_load_data (CamLibrary *lib, CamLibraryKind kind, const char *data, gssize length,
                                const char *name, GError **error);
gboolean cam_library_load_file (CamLibrary *lib, CamLibraryKind kind, const char *path, GError **error);
/* Every *.json in dir, sorted; a missing dir is fine. */
void     cam_library_load_dir  (CamLibrary *lib, CamLibraryKind kind, const char *dir);

const CamMaterial *cam_library_find_material (const CamLibrary *lib, const char *id);
const CamTool     *cam_library_find_tool     (const CamLibrary *lib, const char *id);
const CamMachine  *cam_library_find_machine  (const CamLibrary *lib, const char *id);

guint              cam_library_n_materials   (const CamLibrary *lib);
const CamMaterial *cam_library_get_material  (const CamLibrary *lib, guint i);
guint              cam_library_n_tools       (const CamLibrary *lib);
const CamTool     *cam_library_get_tool      (const CamLibrary *lib, guint i);
guint              cam_library_n_machines    (const CamLibrary *lib);
const CamMachine  *cam_library_get_machine   (const CamLibrary *lib, guint i);

/* The smallest drill in the library (mm), 0 when it holds none: a hole below it needs another
 * process (cam_drill_choose_process). */
double             cam_library_smallest_drill_mm (const CamLibrary *lib);

/* char* messages: "FILE: entry N (id): field: problem". */
const GPtrArray   *cam_library_get_warnings  (const CamLibrary *lib);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CamLibrary, cam_library_free)

G_END_DECLS
