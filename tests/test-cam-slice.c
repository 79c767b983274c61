/* test-cam-slice.c — planar sections: areas, orientation, holes, vertices on the plane,
 * inside-out and open meshes. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "cam-error.h"
#include "cam-mesh.h"
#include "cam-slice.h"

#include <math.h>

/* Adds an axis-aligned box with outward (counter-clockwise from outside) facets. */
static void
add_box (CamTriSoup *soup, double x0, double y0, double z0, double x1, double y1, double z1, gboolean flip,
         int skip_facet)
{
  const double c[8][3] = { { x0, y0, z0 }, { x1, y0, z0 }, { x1, y1, z0 }, { x0, y1, z0 },
                           { x0, y0, z1 }, { x1, y0, z1 }, { x1, y1, z1 }, { x0, y1, z1 } };
  static const int f[12][3] = { { 0, 2, 1 }, { 0, 3, 2 }, { 4, 5, 6 }, { 4, 6, 7 }, { 0, 1, 5 }, { 0, 5, 4 },
                                { 2, 3, 7 }, { 2, 7, 6 }, { 1, 2, 6 }, { 1, 6, 5 }, { 0, 4, 7 }, { 0, 7, 3 } };
  for (int t = 0; t < 12; t++)
    {
      if (t == skip_facet)
        continue;
      float xyz[9];
      for (int k = 0; k < 3; k++)
        for (int a = 0; a < 3; a++)
          xyz[3 * k + a] = (float) c[f[t][flip ? 2 - k : k]][a];
      cam_tri_soup_add (&soup[0], xyz);
    }
}

static CamMesh *
box_mesh (gboolean flip, int skip_facet)
{
  CamTriSoup soup;
  cam_tri_soup_init (&soup);
  add_box (&soup, 0, 0, 0, 2, 3, 1, flip, skip_facet);
  g_autoptr (GError) error = NULL;
  CamMesh *m = cam_mesh_new_from_soup (&soup, "box", &error);
  cam_tri_soup_clear (&soup);
  assert_non_null (m);
  return m;
}

static double
area_of (const CamSlice *s)
{
  double a = 0;
  GEOSArea_r (s->geos, s->area, &a);
  return a;
}

static void
test_box_section_is_its_footprint (void **state)
{
  (void) state;
  g_autoptr (CamMesh) m = box_mesh (FALSE, -1);
  g_autoptr (CamSlicer) s = cam_slicer_new (m);
  g_autoptr (GError) error = NULL;
  g_autoptr (CamSlice) sl = cam_slicer_slice (s, 0.5, &error);
  assert_non_null (sl);
  assert_int_equal (GEOSGetNumGeometries_r (sl->geos, sl->area), 1);
  assert_true (fabs (area_of (sl) - 6.0) < 1e-12);
  assert_int_equal (sl->open_chains, 0);
  /* the shell runs counter-clockwise seen from +Z */
  const GEOSGeometry *p = GEOSGetGeometryN_r (sl->geos, sl->area, 0);
  assert_true (cam_slice_ring_signed_area (sl->geos, GEOSGetExteriorRing_r (sl->geos, p)) > 0);
}

static void
test_vertices_on_the_plane_count_as_above (void **state)
{
  (void) state;
  g_autoptr (CamMesh) m = box_mesh (FALSE, -1);
  g_autoptr (CamSlicer) s = cam_slicer_new (m);
  g_autoptr (GError) error = NULL;
  /* exactly at the top face: the section just below it, the full face */
  g_autoptr (CamSlice) top = cam_slicer_slice (s, 1.0, &error);
  assert_non_null (top);
  assert_true (fabs (area_of (top) - 6.0) < 1e-12);
  assert_int_equal (top->open_chains, 0);
  /* exactly at the bottom face: nothing is below it */
  g_autoptr (CamSlice) bottom = cam_slicer_slice (s, 0.0, &error);
  assert_non_null (bottom);
  assert_true (area_of (bottom) == 0.0);
  assert_int_equal (bottom->open_chains, 0);
  /* above the part */
  g_autoptr (CamSlice) above = cam_slicer_slice (s, 1.5, &error);
  assert_true (area_of (above) == 0.0);
}

static void
test_inside_out_mesh_still_gives_material (void **state)
{
  (void) state;
  g_autoptr (CamMesh) m = box_mesh (TRUE, -1);
  g_autoptr (CamSlicer) s = cam_slicer_new (m);
  g_autoptr (GError) error = NULL;
  g_autoptr (CamSlice) sl = cam_slicer_slice (s, 0.25, &error);
  assert_true (fabs (area_of (sl) - 6.0) < 1e-12);
}

static void
test_open_mesh_reports_open_chains (void **state)
{
  (void) state;
  /* a side facet missing: the section at mid-height cannot close */
  g_autoptr (CamMesh) m = box_mesh (FALSE, 8);
  g_autoptr (CamSlicer) s = cam_slicer_new (m);
  g_autoptr (GError) error = NULL;
  g_autoptr (CamSlice) sl = cam_slicer_slice (s, 0.75, &error);
  assert_non_null (sl);
  assert_true (sl->open_chains > 0);
}

static void
test_nan_height_is_refused (void **state)
{
  (void) state;
  g_autoptr (CamMesh) m = box_mesh (FALSE, -1);
  g_autoptr (CamSlicer) s = cam_slicer_new (m);
  g_autoptr (GError) error = NULL;
  CamSlice *sl = cam_slicer_slice (s, NAN, &error);
  assert_null (sl);
  assert_true (g_error_matches (error, CAM_ERROR, CAM_ERROR_INVALID));
}

/* The sample plate: 10 × 10 with 16 round holes of 64 facets on a circle of r 0.1. */
static void
test_sample_plate_section_has_sixteen_holes (void **state)
{
  (void) state;
  g_autoptr (GError) error = NULL;
  g_autoptr (CamMesh) m = cam_mesh_load_file (SAMPLES_DIR "/a_plate_holes_pocket.stl", NULL, NULL, NULL, &error);
  assert_non_null (m);
  g_autoptr (CamSlicer) s = cam_slicer_new (m);
  g_autoptr (CamSlice) low = cam_slicer_slice (s, 1.0, &error);
  assert_non_null (low);
  assert_int_equal (GEOSGetNumGeometries_r (low->geos, low->area), 1);
  const GEOSGeometry *p = GEOSGetGeometryN_r (low->geos, low->area, 0);
  assert_int_equal (GEOSGetNumInteriorRings_r (low->geos, p), 16);
  for (int h = 0; h < 16; h++)
    assert_true (cam_slice_ring_signed_area (low->geos, GEOSGetInteriorRingN_r (low->geos, p, h)) < 0);
  double polygon64 = 0.5 * 64 * 0.01 * sin (2 * G_PI / 64);
  assert_true (fabs (area_of (low) - (100.0 - 16 * polygon64)) < 1e-5);
  /* through the pocket: one more hole, 3 × 3 less the corners' (1 − π/4)·r² */
  g_autoptr (CamSlice) high = cam_slicer_slice (s, 1.85, &error);
  p = GEOSGetGeometryN_r (high->geos, high->area, 0);
  assert_int_equal (GEOSGetNumInteriorRings_r (high->geos, p), 17);
  double pocket = 9.0 - 4 * (1 - G_PI / 4) * 0.01;
  assert_true (fabs (area_of (high) - (100.0 - 16 * polygon64 - pocket)) < 1e-4);
  /* slicing exactly at the pocket floor's vertices (z as stored, 1.7 in float) gives the
   * section just below it: the floor's vertices count as above the plane */
  double floor_z = NAN;
  for (guint v = 0; v < m->n_vertices; v++)
    if (fabs (m->vertices[3 * v + 2] - 1.7) < 1e-5)
      floor_z = m->vertices[3 * v + 2];
  assert_true (isfinite (floor_z));
  g_autoptr (CamSlice) floor = cam_slicer_slice (s, floor_z, &error);
  assert_int_equal (floor->open_chains, 0);
  assert_true (fabs (area_of (floor) - area_of (low)) < 1e-4);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_box_section_is_its_footprint),
    cmocka_unit_test (test_vertices_on_the_plane_count_as_above),
    cmocka_unit_test (test_inside_out_mesh_still_gives_material),
    cmocka_unit_test (test_open_mesh_reports_open_chains),
    cmocka_unit_test (test_nan_height_is_refused),
    cmocka_unit_test (test_sample_plate_section_has_sixteen_holes),
  };
  return cmocka_run_group_tests (tests, NULL, NULL);
}
