/* cam-material.h — a workpiece material as the cutting physics needs it.
 *
 * Every number comes from the data files in resources/materials/ (format in
 * resources/materials/README.md), each with its source. Units: mm, m/min, N/mm², HB.
 * A CamMaterial is a plain struct owned by a CamLibrary (or by whoever made it with
 * cam_material_new_from_json()); read its fields directly. */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define CAM_MATERIAL_MAX_POINTS 16

/* A table y(D): chip load per tooth (mm) or drill feed per revolution (mm) against the
 * tool diameter D (mm). Points sorted by D. */
typedef struct {
  guint n;
  double d_mm[CAM_MATERIAL_MAX_POINTS];
  double value_mm[CAM_MATERIAL_MAX_POINTS];
} CamDiameterTable;

typedef struct {
  char *id;                    /* e.g. "ss316l" */
  char *name;                  /* "316L stainless steel (annealed)" */
  char *iso_group;             /* ISO 513 group: P M K N S H, or "O" for polymers */
  double hardness_hb;          /* Brinell (HB); 0 for polymers (see hardness_label) */
  char *hardness_label;        /* "50 HRC", "Shore D 85" … */
  gboolean conductive;         /* electrically conductive: micro-EDM possible */

  double vc_carbide_min, vc_carbide_max;   /* m/min, end milling with carbide */
  double vc_hss_min, vc_hss_max;           /* m/min; 0 when HSS is not suitable */
  double vc_drill_min, vc_drill_max;       /* m/min, drilling with carbide micro drills */

  CamDiameterTable chip_load;  /* end mills: fz (mm/tooth) vs D, slotting / ae ≥ D/2 */
  CamDiameterTable drill_feed; /* drills: f (mm/rev) vs D */

  double kc11_n_mm2;           /* Kienzle specific cutting force at h = b = 1 mm */
  double mc;                   /* Kienzle exponent */
  double kr_ratio;             /* radial (thrust) / tangential force ratio */

  double hmin_ratio;           /* minimum uncut chip thickness / cutting-edge radius */

  double ap_slot_d;            /* recommended max axial depth in a full slot, × D */
  double ap_side_d;            /* … in side milling, × D */
  double ae_side_d;            /* recommended max radial width in side milling, × D */
  double ae_finish_d;          /* finishing radial width, × D */
  double drill_max_ld;         /* deepest hole (depth/D) for a twist micro drill */
  double peck_first_d;         /* first peck depth, × D */
  gboolean long_chips;         /* stringy chips: chip-breaking cycles help */

  double young_gpa;            /* Young's modulus E (GPa) for wall deflection; 0 = unknown */
  double drilled_ra_um;        /* the best Ra a twist drill leaves on the hole wall; 0 = unknown */

  char *coolant;               /* advice in words */
  GPtrArray *sources;          /* char*: "field: source" lines, for display */
} CamMaterial;

/* Parses one entry of a "materials" array. The error names the entry and field;
 * the caller adds the file. */
CamMaterial *cam_material_new_from_json (JsonObject *obj, GError **error);
CamMaterial *cam_material_copy          (const CamMaterial *mat);
void         cam_material_free          (CamMaterial *mat);

/* Table look-ups (linear between points; below the smallest D proportional to D, the
 * usual chip-load ∝ D rule; above the largest D the last value). */
double cam_diameter_table_lookup (const CamDiameterTable *table, double d_mm);
double cam_material_chip_load    (const CamMaterial *mat, double d_mm);
double cam_material_drill_feed   (const CamMaterial *mat, double d_mm);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CamMaterial, cam_material_free)

G_END_DECLS
