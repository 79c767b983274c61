/* cam-tool.h — a cutting tool: geometry, tool material and the command-line spec.
 *
 * Units: mm, except edge_radius_um (µm) and the angles (degrees).
 *
 *            holder
 *   ██████████│
 *   ██████████│====== shank (shank_d) ======\taper\___ neck (neck_d) ___|flutes (d)|
 *             │<───────────────────── stickout ───────────────────────────────────>|tip
 *                                                    |<──────── reach ───────────>|
 *                                                                       |<─ loc ─>|
 *
 * Spec string (microcam-cli --tool): KIND:key=value,...
 *   KIND  flat | ball | bull | drill | spot | chamfer
 *   d        diameter, mm (required)
 *   z        flutes                      default 2
 *   loc      length of cut, mm           default 1.5·d (flat/ball/bull), 6·d drill, 1·d spot, 0.5·d chamfer
 *   r        corner radius, mm           flat 0, ball d/2 (forced), bull 0.1·d
 *   neck     neck diameter, mm           0.95·d when reach > loc, else none (= d)
 *   reach    neck length from the tip    = loc (no neck)
 *   stickout length out of the holder    max(15, end of taper + 5) mm
 *   shank    shank diameter, mm          3 for d ≤ 3, else d
 *   mat      carbide | hss               carbide
 *   edge     cutting-edge radius, µm     2 (carbide), 5 (hss)
 * Carbide: E 600 GPa, TRS 3800 MPa; HSS: E 217 GPa, TRS 3000 MPa (sources in cam-tool.c). */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef enum {
  CAM_TOOL_FLAT,
  CAM_TOOL_BALL,
  CAM_TOOL_BULL,
  CAM_TOOL_DRILL,
  CAM_TOOL_SPOT,
  CAM_TOOL_CHAMFER,
} CamToolKind;

typedef enum {
  CAM_TOOL_CARBIDE,
  CAM_TOOL_HSS,
} CamToolMaterial;

typedef struct {
  char *id;                /* library id, or NULL for a spec-made tool */
  char *name;              /* words, e.g. "Ø0.1 2-flute flat, 0.3 reach" */
  char *maker;             /* series / maker, may be NULL */
  char *source;            /* where the geometry comes from, may be NULL */
  CamToolKind kind;
  double d_mm;
  int flutes;
  double loc_mm;           /* length of cut (flute length) */
  double corner_r_mm;      /* ball: d/2; flat: 0 */
  double neck_d_mm;        /* = d_mm when there is no neck */
  double reach_mm;         /* neck length measured from the tip (≥ loc) */
  double stickout_mm;      /* from the holder face to the tip */
  double shank_d_mm;
  double taper_deg;        /* half angle of the neck-to-shank taper; default 15° */
  double point_angle_deg;  /* drills 140 (carbide)/118 (hss), spot 90, chamfer: included angle */
  CamToolMaterial material;
  double young_gpa;        /* Young's modulus of the tool material */
  double trs_mpa;          /* transverse rupture strength */
  double edge_radius_um;   /* cutting-edge radius */
  double helix_deg;        /* flute helix angle (end mills; 0: drills and the rest, not used) */
  double core_ratio;       /* core (web) diameter / D of the fluted part: the section that breaks
                            * (stiffness uses the larger equivalent 0.8·D, cam-deflection.c) */
} CamTool;

const char *cam_tool_kind_to_string (CamToolKind kind);
/* Core diameter / D of a tool family when its data does not say (sources in cam-tool.c). */
double      cam_tool_default_core_ratio (CamToolKind kind, int flutes);
gboolean    cam_tool_kind_from_string (const char *s, CamToolKind *out);
const char *cam_tool_material_to_string (CamToolMaterial mat);

/* Parses "flat:d=0.2,z=2,..." (see above). Fills every default, then validates. */
CamTool *cam_tool_new_from_spec (const char *spec, GError **error);
/* Parses one entry of a "tools" array (keys as in resources/tools/README.md). */
CamTool *cam_tool_new_from_json (JsonObject *obj, GError **error);
CamTool *cam_tool_copy          (const CamTool *tool);
void     cam_tool_free          (CamTool *tool);

/* Fills defaults for fields left at 0 (as the spec documents) and checks the geometry:
 * d > 0, flutes ≥ 1, corner radius ≤ d/2, neck ≤ d, reach ≥ loc, stickout ≥ reach, …
 * The error names the field. */
gboolean cam_tool_complete (CamTool *tool, GError **error);

/* TRUE for end mills (flat, ball, bull, chamfer); drills and spot drills are not. */
gboolean cam_tool_is_mill (const CamTool *tool);
/* A one-line description, e.g. "flat Ø0.100 z2 loc 0.150 neck Ø0.095×0.50 carbide". */
char *cam_tool_describe (const CamTool *tool);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CamTool, cam_tool_free)

G_END_DECLS
