/* cam-features-private.h — helpers shared by cam-features.c and cam-feature-set.c. */
#pragma once

#include <geos_c.h>

#include "cam-features.h"
#include "cam-slice.h"

G_BEGIN_DECLS

CamFeature    *cam_feature_new       (CamFeatureKind kind);
void           cam_feature_free      (CamFeature *feature);
CamFeatureSet *cam_feature_set_new   (void);

/* Sorts features by kind (then position), gives them ids "H1", "P1" …, resolves the
 * parent indices given in parents (−1: none; indices into the unsorted array) and groups
 * same-size holes into patterns. */
void           cam_feature_set_finish (CamFeatureSet *set, const int *parents);

/* ---- recognition state shared by cam-features.c and cam-features-material.c ---- */
typedef struct {
  GEOSGeometry *poly;
  double area;
  double bbox[4];
  guint band;
  int col;        /* column (feature) index, −1 unreachable */
  guint index;    /* in CamFeaturesCtx.comps */
} CamFeaturesComp;

typedef struct {
  GArray *comps;  /* guint indices into the comp array, top band first */
  int parent;
  guint top_band, bottom_band;
  gboolean tapered_continuation;
} CamFeaturesColumn;

typedef struct {
  GEOSContextHandle_t geos;
  const CamFeatureOptions *opts;
  CamMesh *mesh;
  double *levels;
  guint n_levels;
  gboolean *tapered;     /* per band */
  gboolean *relief;      /* per band: a rough or textured surface, not sliced into features */
  gboolean capped;       /* more distinct heights than the cap: levels were chosen */
  GCancellable *cancellable;
  GPtrArray *sections;   /* CamSlice* per band */
  GEOSGeometry *hull;
  const GEOSPreparedGeometry *hull_boundary_prep;
  GEOSGeometry *hull_boundary;
  GPtrArray *comps;      /* Comp* */
  GPtrArray **band_comps;/* per band, Comp* (reachable ones after step 4) */
  GArray *columns;       /* Column */
  GPtrArray *undercut_comps; /* Comp* (owned by comps) */
  CamFeatureSet *set;
  GArray *parents;       /* int per feature in set->features, before sorting */
} CamFeaturesCtx;

/* cam-features-levels.c: the Z levels (step 1) and which bands are tapered. */
void cam_features_find_levels    (CamFeaturesCtx *c);

/* cam-features-material.c: thin walls (step 6), the outer profile, undercuts. */
void cam_features_find_walls     (CamFeaturesCtx *c);
void cam_features_find_profile   (CamFeaturesCtx *c);
void cam_features_find_undercuts (CamFeaturesCtx *c);

/* TRUE once Cancel was pressed (an atomic read: cheap enough for every loop turn). */
static inline gboolean
cam_features_cancelled (const CamFeaturesCtx *c)
{
  return g_cancellable_is_cancelled (c->cancellable);
}

/* cam-features.c helpers used by both */
GArray *cam_features_ring_xy     (GEOSContextHandle_t geos, const GEOSGeometry *ring);
void    cam_features_add         (CamFeaturesCtx *c, CamFeature *f, int parent);

G_END_DECLS
