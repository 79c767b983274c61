/* cam-slice.h — planar sections of a mesh as GEOS polygons with holes.
 *
 * A CamSlicer keeps the mesh and a reentrant GEOS context (no globals): every
 * geometry it hands out belongs to that context, so free slices before the slicer. */
#pragma once

#include <glib.h>
#include <geos_c.h>

#include "cam-mesh.h"

G_BEGIN_DECLS

typedef struct _CamSlicer CamSlicer;

typedef struct {
  double z;
  GEOSContextHandle_t geos;  /* borrowed from the slicer */
  GEOSGeometry *area;        /* MultiPolygon: material at z (shells CCW, holes CW seen from +Z); never NULL */
  guint n_loops;             /* closed loops found */
  guint open_chains;         /* chains that did not close (mesh open or non-manifold at z) */
} CamSlice;

CamSlicer          *cam_slicer_new         (CamMesh *mesh);
void                cam_slicer_free        (CamSlicer *slicer);
GEOSContextHandle_t cam_slicer_get_context (CamSlicer *slicer);
CamMesh            *cam_slicer_get_mesh    (CamSlicer *slicer);

/* Section at height z. A vertex lying exactly on the plane counts as lying just above
 * it (symbolic perturbation), so the result is the section at z − ε: slicing exactly
 * at a top face gives the full face outline, exactly at the bottom gives nothing. */
CamSlice           *cam_slicer_slice       (CamSlicer *slicer,
                                            double     z,
                                            GError   **error);
void                cam_slice_free         (CamSlice *slice);

/* Signed area of a ring given as GEOS coordinates (positive when counter-clockwise). */
double              cam_slice_ring_signed_area (GEOSContextHandle_t geos,
                                                const GEOSGeometry *ring);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CamSlice, cam_slice_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CamSlicer, cam_slicer_free)

G_END_DECLS
