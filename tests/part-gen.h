/* part-gen.h — generated 2.5D test parts: a rectangular plate with through holes and flat
 * pockets, as a closed triangle mesh (header-only; for the plan test and the benchmark).
 *
 * Faces: the top (plate minus holes minus pockets), each pocket floor, the bottom (plate
 * minus holes), and vertical walls around every ring. Flat faces with holes are
 * triangulated with GEOS's constrained Delaunay triangulation (GEOSConstrainedDelaunay-
 * Triangulation, GEOS ≥ 3.10); every triangle is oriented by the face's outward normal. */
#pragma once

#include <geos_c.h>
#include <glib.h>
#include <math.h>

#include "cam-mesh.h"

typedef struct {
  double x, y, d;
} GenHole;

typedef struct {
  double x0, y0, x1, y1, corner_r, depth;
} GenPocket;

static inline void
gen_tri (CamTriSoup *soup, const double a[3], const double b[3], const double c[3], int up)
{
  /* up: +1 normal must point +Z, −1 −Z, 0 keep as given */
  double ux = b[0] - a[0], uy = b[1] - a[1], vx = c[0] - a[0], vy = c[1] - a[1];
  double nz = ux * vy - uy * vx;
  const double *p[3] = { a, b, c };
  if (up != 0 && nz * up < 0)
    p[1] = c, p[2] = b;
  float xyz[9];
  for (int i = 0; i < 3; i++)
    for (int k = 0; k < 3; k++)
      xyz[3 * i + k] = (float) p[i][k];
  cam_tri_soup_add (soup, xyz);
}

/* Triangulates a flat polygonal face at height z, normal up (+1) or down (−1). */
static inline void
gen_face (GEOSContextHandle_t g, CamTriSoup *soup, const GEOSGeometry *face, double z, int up)
{
  GEOSGeometry *tris = GEOSConstrainedDelaunayTriangulation_r (g, face);
  int n = tris ? GEOSGetNumGeometries_r (g, tris) : 0;
  for (int i = 0; i < n; i++)
    {
      const GEOSGeometry *t = GEOSGetGeometryN_r (g, tris, i);
      const GEOSCoordSequence *cs = GEOSGeom_getCoordSeq_r (g, GEOSGetExteriorRing_r (g, t));
      double p[3][3];
      for (int k = 0; k < 3; k++)
        {
          GEOSCoordSeq_getXY_r (g, cs, k, &p[k][0], &p[k][1]);
          p[k][2] = z;
        }
      gen_tri (soup, p[0], p[1], p[2], up);
    }
  if (tris)
    GEOSGeom_destroy_r (g, tris);
}

/* Walls along a ring between z0 < z1, facing right of the travel direction after the ring
 * is taken counter-clockwise when want_ccw (else clockwise): a CCW ring faces out of its
 * inside, a CW ring into it. */
static inline void
gen_walls (GEOSContextHandle_t g, CamTriSoup *soup, const GEOSGeometry *ring, double z0, double z1, gboolean want_ccw)
{
  const GEOSCoordSequence *cs = GEOSGeom_getCoordSeq_r (g, ring);
  unsigned int n = 0;
  GEOSCoordSeq_getSize_r (g, cs, &n);
  char ccw = 0;
  GEOSCoordSeq_isCCW_r (g, cs, &ccw);
  gboolean reverse = (ccw != 0) != want_ccw;
  for (unsigned int i = 0; i + 1 < n; i++)
    {
      double ax, ay, bx, by;
      GEOSCoordSeq_getXY_r (g, cs, reverse ? n - 1 - i : i, &ax, &ay);
      GEOSCoordSeq_getXY_r (g, cs, reverse ? n - 2 - i : i + 1, &bx, &by);
      double a0[3] = { ax, ay, z0 }, b0[3] = { bx, by, z0 }, a1[3] = { ax, ay, z1 }, b1[3] = { bx, by, z1 };
      gen_tri (soup, a0, b0, b1, 0);
      gen_tri (soup, a0, b1, a1, 0);
    }
}

/* Walls of every ring of a polygonal geometry, facing away from the solid (the polygon's
 * inside when solid_inside, else its outside). */
static inline void
gen_polygon_walls (GEOSContextHandle_t g, CamTriSoup *soup, const GEOSGeometry *geom, double z0, double z1,
                   gboolean solid_inside)
{
  int np = GEOSGetNumGeometries_r (g, geom);
  for (int i = 0; i < np; i++)
    {
      const GEOSGeometry *poly = GEOSGetGeometryN_r (g, geom, i);
      gen_walls (g, soup, GEOSGetExteriorRing_r (g, poly), z0, z1, solid_inside);
      int nh = GEOSGetNumInteriorRings_r (g, poly);
      for (int h = 0; h < nh; h++)
        gen_walls (g, soup, GEOSGetInteriorRingN_r (g, poly, h), z0, z1, !solid_inside);
    }
}

static inline void
gen_quiet (const char *fmt, ...)
{
  (void) fmt;
}

/* A plate w × h × t (bottom at z 0) with through holes and pockets from the top. */
static inline CamMesh *
gen_plate (double w, double h, double t, const GenHole *holes, guint n_holes, const GenPocket *pockets,
           guint n_pockets, guint circle_segments, GError **error)
{
  GEOSContextHandle_t g = GEOS_init_r ();
  GEOSContext_setNoticeHandler_r (g, gen_quiet);
  GEOSGeometry *plate = GEOSGeom_createRectangle_r (g, 0, 0, w, h);
  GPtrArray *hole_polys = g_ptr_array_new ();
  for (guint i = 0; i < n_holes; i++)
    {
      GEOSCoordSequence *cs = GEOSCoordSeq_create_r (g, circle_segments + 1, 2);
      for (guint k = 0; k <= circle_segments; k++)
        {
          double a = 2 * G_PI * (k % circle_segments) / circle_segments;
          GEOSCoordSeq_setXY_r (g, cs, k, holes[i].x + 0.5 * holes[i].d * cos (a), holes[i].y + 0.5 * holes[i].d * sin (a));
        }
      g_ptr_array_add (hole_polys, GEOSGeom_createPolygon_r (g, GEOSGeom_createLinearRing_r (g, cs), NULL, 0));
    }
  GPtrArray *pocket_polys = g_ptr_array_new ();
  for (guint i = 0; i < n_pockets; i++)
    {
      const GenPocket *p = &pockets[i];
      GEOSGeometry *box = GEOSGeom_createRectangle_r (g, p->x0 + p->corner_r, p->y0 + p->corner_r, p->x1 - p->corner_r,
                                                      p->y1 - p->corner_r);
      GEOSBufferParams *bp = GEOSBufferParams_create_r (g);
      GEOSBufferParams_setQuadrantSegments_r (g, bp, (int) MAX (2u, circle_segments / 4));
      GEOSGeometry *r = p->corner_r > 0 ? GEOSBufferWithParams_r (g, box, bp, p->corner_r) : GEOSGeom_clone_r (g, box);
      GEOSBufferParams_destroy_r (g, bp);
      GEOSGeom_destroy_r (g, box);
      g_ptr_array_add (pocket_polys, r);
    }
  GEOSGeometry *holes_u;
  {
    g_autofree GEOSGeometry **parts = g_new (GEOSGeometry *, MAX (hole_polys->len, 1));
    for (guint i = 0; i < hole_polys->len; i++)
      parts[i] = GEOSGeom_clone_r (g, g_ptr_array_index (hole_polys, i));
    GEOSGeometry *coll = GEOSGeom_createCollection_r (g, GEOS_GEOMETRYCOLLECTION, parts, hole_polys->len);
    holes_u = GEOSUnaryUnion_r (g, coll);
    GEOSGeom_destroy_r (g, coll);
  }
  CamTriSoup soup;
  cam_tri_soup_init (&soup);
  /* bottom: plate minus holes, facing down */
  GEOSGeometry *bottom = n_holes ? GEOSDifference_r (g, plate, holes_u) : GEOSGeom_clone_r (g, plate);
  gen_face (g, &soup, bottom, 0, -1);
  /* top: bottom minus pockets */
  GEOSGeometry *top = GEOSGeom_clone_r (g, bottom);
  for (guint i = 0; i < n_pockets; i++)
    {
      GEOSGeometry *d = GEOSDifference_r (g, top, g_ptr_array_index (pocket_polys, i));
      GEOSGeom_destroy_r (g, top);
      top = d;
      double fz = t - pockets[i].depth;
      GEOSGeometry *floor = n_holes ? GEOSDifference_r (g, g_ptr_array_index (pocket_polys, i), holes_u)
                                    : GEOSGeom_clone_r (g, g_ptr_array_index (pocket_polys, i));
      gen_face (g, &soup, floor, fz, +1);
      GEOSGeom_destroy_r (g, floor);
      /* pocket walls: the solid is outside the pocket polygon */
      gen_polygon_walls (g, &soup, g_ptr_array_index (pocket_polys, i), fz, t, FALSE);
    }
  gen_face (g, &soup, top, t, +1);
  /* outer walls: solid inside */
  gen_polygon_walls (g, &soup, plate, 0, t, TRUE);
  /* hole walls: solid outside; through the whole plate (pocketed holes would be shorter) */
  for (guint i = 0; i < n_holes; i++)
    {
      double ztop = t;
      for (guint k = 0; k < n_pockets; k++)
        if (GEOSIntersects_r (g, g_ptr_array_index (pocket_polys, k), g_ptr_array_index (hole_polys, i)) == 1)
          ztop = t - pockets[k].depth;
      gen_polygon_walls (g, &soup, g_ptr_array_index (hole_polys, i), 0, ztop, FALSE);
    }
  for (guint i = 0; i < hole_polys->len; i++)
    GEOSGeom_destroy_r (g, g_ptr_array_index (hole_polys, i));
  for (guint i = 0; i < pocket_polys->len; i++)
    GEOSGeom_destroy_r (g, g_ptr_array_index (pocket_polys, i));
  g_ptr_array_unref (hole_polys);
  g_ptr_array_unref (pocket_polys);
  GEOSGeom_destroy_r (g, holes_u);
  GEOSGeom_destroy_r (g, top);
  GEOSGeom_destroy_r (g, bottom);
  GEOSGeom_destroy_r (g, plate);
  GEOS_finish_r (g);
  CamMesh *mesh = cam_mesh_new_from_soup (&soup, "generated-plate", error);
  cam_tri_soup_clear (&soup);
  return mesh;
}
