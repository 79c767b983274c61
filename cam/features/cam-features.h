/* cam-features.h — machinable features of a part cut from +Z in one setup.
 *
 * Recognises holes (and hole patterns), pockets, slots, bosses, thin walls, the outer
 * profile and what cannot be reached from +Z (undercuts, side holes). Units: mm.
 * Dimensions that do not apply to a kind are NAN. */
#pragma once

#include <gio/gio.h>
#include <glib.h>

#include "cam-mesh.h"

G_BEGIN_DECLS

typedef enum {
  CAM_FEATURE_HOLE,
  CAM_FEATURE_POCKET,
  CAM_FEATURE_SLOT,
  CAM_FEATURE_WALL,
  CAM_FEATURE_PROFILE,
  CAM_FEATURE_BOSS,
  CAM_FEATURE_UNDERCUT,
} CamFeatureKind;

const char *cam_feature_kind_to_string (CamFeatureKind kind);  /* "hole", "pocket", … */

typedef struct {
  char *id;                     /* "H1", "P1", "S1", "W1", "F1" (profile), "B1", "U1" */
  CamFeatureKind kind;
  double center[3];             /* xy of the axis / centroid, z at mid depth */
  CamBounds bbox;
  double top_z, bottom_z;       /* where the feature starts and its floor (or the part bottom) */
  double diameter_mm;           /* hole, round boss */
  double depth_mm;              /* hole/pocket/slot: from its top to its floor; undercut: height */
  int through;                  /* hole/pocket/slot: 1 through the part, 0 blind; −1 n/a */
  double min_width_mm;          /* pocket, slot: narrowest width; hole: diameter */
  double length_mm;             /* slot: length along its centre line (area / width) */
  double min_corner_radius_mm;  /* pocket, slot, profile: smallest radius a tool must form */
  double corner_at[2];          /* where that corner is */
  double thickness_mm;          /* wall (and profile: thinnest wall of the part), boss */
  double height_mm;             /* wall, boss, profile */
  double thin_at[3];            /* wall: where the thinnest place is */
  char *bottom;                 /* hole: "through", "flat", "cone", "tapered"; pocket "flat" */
  double tip_angle_deg;         /* hole with a cone bottom: included angle */
  double tip_depth_mm;          /* …and the cone's depth below the full-diameter part */
  double countersink_diameter_mm; /* hole with a cone at its mouth: diameter at the top */
  double countersink_angle_deg;   /* …and its included angle */
  gboolean open_side;           /* pocket/slot reaching the outer profile (a step or open slot) */
  char *parent;                 /* feature whose floor this one starts from, or NULL */
  char *pattern;                /* hole pattern id ("HP1") or NULL */
  GPtrArray *outline;           /* GArray* of doubles: closed xy rings (no repeat), top view */
} CamFeature;

typedef struct {
  char *id;                     /* "HP1" */
  double diameter_mm;
  double depth_mm;
  gboolean through;
  guint count;
  guint rows, cols;             /* when the holes sit on a grid, else 0 */
  double pitch_x_mm, pitch_y_mm;/* grid pitch (0 when not a grid) */
  gboolean polar;               /* evenly spaced on a circle (a bolt circle) */
  double pcd_mm;                /* …its diameter */
  double pcd_center[2];         /* …and centre */
  GPtrArray *members;           /* char* feature ids */
} CamHolePattern;

typedef struct {
  /*< private >*/
  gint ref_count;
  /*< public >*/
  GPtrArray *features;          /* CamFeature* */
  GPtrArray *patterns;          /* CamHolePattern* */
  CamBounds bounds;             /* of the part */
  guint n_levels;               /* distinct Z levels found */
  guint n_bands;                /* slabs between them that were sliced */
  GPtrArray *section_rings;     /* GArray* of doubles: every ring of every section (top view) */
  GPtrArray *warnings;          /* char*: what the analysis could not do well */
  double thinnest_wall_mm;      /* over the whole part (G_MAXDOUBLE when none) */
  double thinnest_wall_at[3];
} CamFeatureSet;

typedef struct {
  double wall_report_mm;   /* walls thinner than this become "wall" features; default 0.5 */
  double round_tol_mm;     /* circle-fit tolerance to call a loop round; default 2e-4 + 0.2 % of r */
  double sharp_deg;        /* a single vertex turning more is a sharp corner; default 25° */
  double slot_ratio;       /* length/width above which a narrow pocket is a slot; default 3 */
  guint max_bands;         /* cap on sliced slabs (curved parts); default 256 */
} CamFeatureOptions;

void cam_feature_options_init (CamFeatureOptions *opts);

/* Fails with a clear message (naming the mesh's source) when the mesh is not a closed
 * solid or when cancelled. opts may be NULL. */
CamFeatureSet *cam_features_recognize (CamMesh                 *mesh,
                                       const CamFeatureOptions *opts,
                                       GCancellable            *cancellable,
                                       GError                 **error);

CamFeatureSet    *cam_feature_set_ref   (CamFeatureSet *set);
void              cam_feature_set_unref (CamFeatureSet *set);
const CamFeature *cam_feature_set_find  (const CamFeatureSet *set, const char *id);
guint             cam_feature_set_count (const CamFeatureSet *set, CamFeatureKind kind);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CamFeatureSet, cam_feature_set_unref)

G_END_DECLS
