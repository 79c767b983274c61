/* cam-slice.h — planar sections of a mesh as GEOS polygons with holes.
 *
 * A CamSlicer keeps the mesh and a reentrant GEOS context (no globals): every
 * geometry it hands out belongs to that context, so free slices before the slicer. */
#pragma once

#include <gio/gio.h>
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
  gboolean too_complex;      /* more loops than cam_slicer_set_max_loops allows: area left empty */
} CamSlice;

CamSlicer          *cam_slicer_new         (CamMesh *mesh);
void                cam_slicer_free        (CamSlicer *slicer);
GEOSContextHandle_t cam_slicer_get_context (CamSlicer *slicer);
CamMesh            *cam_slicer_get_mesh    (CamSlicer *slicer);

/* Prepares slicing at these heights (ascending): one pass over the facets lists, for each
 * height, the facets its plane cuts, so that cam_slicer_slice at exactly one of these heights
 * visits only them instead of the whole mesh (the lists hold the facets in mesh order, so the
 * section is the same). Heights whose lists would exceed a memory bound are left to the
 * full scan. */
void                cam_slicer_prepare     (CamSlicer    *slicer,
                                            const double *heights,
                                            guint         n_heights);

/* Cancel is looked at every 32768 facets and loops: a cancelled slice returns NULL with
 * G_IO_ERROR_CANCELLED. The cancellable is borrowed (NULL: none). */
void                cam_slicer_set_cancellable (CamSlicer *slicer, GCancellable *cancellable);

/* Loops are simplified before they become polygons: a vertex closer than tol_mm to the chord
 * that skips it is dropped (0, the default: every vertex is kept). */
void                cam_slicer_set_simplify    (CamSlicer *slicer, double tol_mm);

/* A section with more closed loops than this (0, the default: no limit) is not built into
 * polygons: it comes back with an empty area, its loop count and too_complex set — a rough
 * or textured surface cut near its mean height, where building thousands of specks would
 * cost seconds and tell nothing. */
void                cam_slicer_set_max_loops   (CamSlicer *slicer, guint max_loops);

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
