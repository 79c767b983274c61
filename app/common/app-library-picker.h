/* app-library-picker.h — drop-downs that pick a material, tool or machine from the engine's
 * library (cam-library.h). Reusable by any panel (feeds, operations…):
 *
 *   const CamLibrary *lib = app_library_picker_default_library ();
 *   GtkDropDown *mat = app_library_picker_new (lib, CAM_LIBRARY_MATERIALS);
 *   …
 *   const CamMaterial *m = app_library_picker_get_material (mat, lib);
 *
 * Items read "id — name"; the selection index is the library index. */
#pragma once

#include <gtk/gtk.h>

#include "cam-library.h"

G_BEGIN_DECLS

/* The library loaded once for the whole application (built-in data plus the user's config dir). */
const CamLibrary  *app_library_picker_default_library (void);

GtkDropDown       *app_library_picker_new          (const CamLibrary *lib, CamLibraryKind kind);
/* Selects the entry with this id; FALSE if the library has none. */
gboolean           app_library_picker_select_id    (GtkDropDown *picker, const CamLibrary *lib, const char *id);
const CamMaterial *app_library_picker_get_material (GtkDropDown *picker, const CamLibrary *lib);
const CamTool     *app_library_picker_get_tool     (GtkDropDown *picker, const CamLibrary *lib);
const CamMachine  *app_library_picker_get_machine  (GtkDropDown *picker, const CamLibrary *lib);
/* The id of entry i of a kind (NULL past the end), and the index of an id (G_MAXUINT when
 * the library has none): a picker's "selected" is that index. */
const char        *app_library_picker_id_at        (const CamLibrary *lib, CamLibraryKind kind, guint i);
guint              app_library_picker_index_of     (const CamLibrary *lib, CamLibraryKind kind, const char *id);

G_END_DECLS
