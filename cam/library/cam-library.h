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

/* ---- tool queries shared by the DFM review and the planner, so the two never disagree ---- */

/* How far a drill's diameter may lie from a hole's nominal for that drill to make the hole:
 * drill − nominal ≤ over_mm and nominal − drill ≤ under_mm. From the "drill_match" object of the
 * tool documents (resources/tools/tools.json, whose "source" gives the reasoning; a later
 * document replaces it like a tool). A library no document gave it to matches exactly. */
typedef struct {
  double over_mm;
  double under_mm;
} CamDrillMatch;

const CamDrillMatch *cam_library_drill_match (const CamLibrary *lib);
/* Does this drill (CAM_TOOL_DRILL) make a hole of nominal diameter_mm? */
gboolean           cam_library_drill_fits    (const CamLibrary *lib, const CamTool *drill, double diameter_mm);

/* The flute length a hole depth_mm deep needs from a drill (through: its point and breakthrough
 * too). The library knows no drilling geometry: callers pass cam_drill_flute_needed (physics/). */
typedef double (*CamDrillFluteFunc) (const CamTool *drill, double depth_mm, gboolean through);

/* The drill that makes a hole: of the drills that fit its diameter (cam_library_drill_fits), the
 * one nearest the nominal whose flutes reach (flute_needed NULL: the depth alone), the shortest
 * of those (stiffest). NULL when none does. sized (may be NULL) receives the longest-fluted drill
 * that fits the diameter (NULL: no drill of that size at all), to say why none reaches. */
const CamTool     *cam_library_find_drill    (const CamLibrary *lib, double diameter_mm, double depth_mm,
                                              gboolean through, CamDrillFluteFunc flute_needed,
                                              const CamTool **sized);

/* A helically milled hole needs a tool at most this fraction of its diameter, so the helix has
 * room to move and the chips to leave (the planner's long-standing rule). */
#define CAM_HELIX_MAX_TOOL_RATIO 0.8

/* The flat end mill that mills a hole with no drill helically: the largest of diameter
 * ≤ CAM_HELIX_MAX_TOOL_RATIO × diameter_mm that reaches depth_mm (of equal diameters the shorter
 * reach, stiffer). NULL when none does. */
const CamTool     *cam_library_find_helix_mill (const CamLibrary *lib, double diameter_mm, double depth_mm);

/* char* messages: "FILE: entry N (id): field: problem". */
const GPtrArray   *cam_library_get_warnings  (const CamLibrary *lib);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CamLibrary, cam_library_free)

G_END_DECLS
