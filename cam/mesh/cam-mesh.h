/* cam-mesh.h — the indexed triangle mesh every other module reads.
 *
 * Units are millimetres. A mesh is immutable once built (readers and
 * cam_mesh_new_from_soup() build it); share it with cam_mesh_ref(). */
#pragma once

#include <glib.h>
#include <gio/gio.h>

#include "cam-progress.h"

G_BEGIN_DECLS

typedef struct {
  double min[3];
  double max[3];
} CamBounds;

/* Unindexed triangles as readers produce them: 9 floats (3 corners × xyz) per facet. */
typedef struct {
  float *xyz;
  gsize n_triangles;
  gsize capacity;
} CamTriSoup;

typedef struct {
  /*< private >*/
  gint ref_count;
  /*< public, read-only >*/
  guint n_vertices;
  double *vertices;          /* 3 × n_vertices, welded */
  guint n_triangles;
  guint32 *triangles;        /* 3 × n_triangles, counter-clockwise seen from outside */
  double *normals;           /* 3 × n_triangles, unit facet normals; 0,0,0 for a facet of zero area */
  CamBounds bounds;
  double area_mm2;
  double volume_mm3;         /* signed-tetrahedra sum; meaningful when watertight */
  guint boundary_edges;      /* edges used by one facet (or an odd number of facets) */
  guint nonmanifold_edges;   /* edges used by three or more facets */
  guint misoriented_edges;   /* edges whose facets walk it one way more often than the other, after
                              * orientation: only a non-orientable surface (a Möbius band) keeps any */
  gboolean watertight;       /* closed (every edge's facets pair off, none open) and consistently oriented */
  guint degenerate_dropped;  /* facets with two corners in one vertex (after welding) dropped */
  guint zero_area_facets;    /* facets of zero area kept (three distinct corners in a line): they carry
                              * topology, but no normal */
  guint n_shells;            /* pieces connected through edges that two facets share */
  guint reoriented_facets;   /* facets turned to agree with their neighbours */
  guint inverted_shells;     /* closed shells found inside-out (by signed volume) and turned over */
  double min_edge_mm;
  double max_edge_mm;
  double weld_tolerance_mm;  /* the largest corner tolerance used; each corner's is local, see cam-mesh.c */
  GPtrArray *warnings;       /* char *: what the build changed or doubts, each naming the file */
  char *source_path;         /* may be NULL */
} CamMesh;

void      cam_tri_soup_init     (CamTriSoup *soup);
void      cam_tri_soup_clear    (CamTriSoup *soup);
void      cam_tri_soup_reserve  (CamTriSoup *soup, gsize n_triangles);
void      cam_tri_soup_add      (CamTriSoup *soup, const float xyz[9]);

/* Welds coincident corners, drops facets left with two corners in one vertex, orients the facets
 * consistently per shell (inside-out closed shells turned over, with a warning), computes normals,
 * bounds, area, volume and edge manifoldness. Fails (CAM_ERROR_EMPTY) when no facet is left. */
CamMesh  *cam_mesh_new_from_soup (const CamTriSoup *soup,
                                  const char       *source_name,
                                  GError          **error);

/* Reads STL (binary or ASCII, by content) or OBJ (by extension, else by content).
 * progress_cb may be NULL; it is called with 0..1 from the calling thread. */

CamMesh  *cam_mesh_load_file   (const char      *path,
                                CamProgressFunc  progress_cb,
                                gpointer         progress_data,
                                GCancellable    *cancellable,
                                GError         **error);

/* Parses bytes already in memory; name is used in messages. */
CamMesh  *cam_mesh_load_bytes  (const guint8 *data,
                                gsize         len,
                                const char   *name,
                                GError      **error);

CamMesh  *cam_mesh_ref         (CamMesh *mesh);
void      cam_mesh_unref       (CamMesh *mesh);

double    cam_bounds_diagonal  (const CamBounds *b);
void      cam_bounds_center    (const CamBounds *b, double out[3]);

/* Bytes owned by the mesh's arrays (for the memory benchmark). */
gsize     cam_mesh_memory_bytes (const CamMesh *mesh);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CamMesh, cam_mesh_unref)

G_END_DECLS
