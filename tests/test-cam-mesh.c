/* test-cam-mesh.c — mesh building, STL and OBJ readers, and their error messages. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "cam-error.h"
#include "cam-mesh.h"
#include "cam-stl.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

/* A unit cube's 12 facets, outward winding. */
static const float cube[12][9] = {
  { 0, 0, 0, 0, 1, 0, 1, 1, 0 }, { 0, 0, 0, 1, 1, 0, 1, 0, 0 }, /* bottom z=0, normal -z */
  { 0, 0, 1, 1, 0, 1, 1, 1, 1 }, { 0, 0, 1, 1, 1, 1, 0, 1, 1 }, /* top */
  { 0, 0, 0, 1, 0, 0, 1, 0, 1 }, { 0, 0, 0, 1, 0, 1, 0, 0, 1 }, /* y=0 */
  { 0, 1, 0, 0, 1, 1, 1, 1, 1 }, { 0, 1, 0, 1, 1, 1, 1, 1, 0 }, /* y=1 */
  { 0, 0, 0, 0, 0, 1, 0, 1, 1 }, { 0, 0, 0, 0, 1, 1, 0, 1, 0 }, /* x=0 */
  { 1, 0, 0, 1, 1, 0, 1, 1, 1 }, { 1, 0, 0, 1, 1, 1, 1, 0, 1 }, /* x=1 */
};

static GByteArray *
binary_stl (const void *facets, guint n, const char *header, guint32 claimed)
{
  const float *tris = facets;
  GByteArray *b = g_byte_array_new ();
  guint8 head[80];
  memset (head, ' ', sizeof head);
  memcpy (head, header, MIN (strlen (header), sizeof head));
  g_byte_array_append (b, head, 80);
  guint32 le = GUINT32_TO_LE (claimed);
  g_byte_array_append (b, (guint8 *) &le, 4);
  for (guint i = 0; i < n; i++)
    {
      float rec[12] = { 0, 0, 0 };
      memcpy (rec + 3, tris + 9 * i, 9 * sizeof (float));
      g_byte_array_append (b, (guint8 *) rec, sizeof rec);
      guint16 attr = 0;
      g_byte_array_append (b, (guint8 *) &attr, 2);
    }
  return b;
}

static char *
ascii_stl (const float (*tris)[9], guint n)
{
  GString *s = g_string_new ("solid cube\n");
  for (guint i = 0; i < n; i++)
    {
      g_string_append (s, "  facet normal 0 0 0\n    outer loop\n");
      for (int c = 0; c < 3; c++)
        g_string_append_printf (s, "      vertex %g %g %g\n", tris[i][3 * c], tris[i][3 * c + 1],
                                tris[i][3 * c + 2]);
      g_string_append (s, "    endloop\n  endfacet\n");
    }
  g_string_append (s, "endsolid cube\n");
  return g_string_free (s, FALSE);
}

static void
assert_warning (const CamMesh *m, const char *name, const char *needle)
{
  for (guint i = 0; i < m->warnings->len; i++)
    {
      const char *w = g_ptr_array_index (m->warnings, i);
      if (strstr (w, needle) && strstr (w, name))
        return;
    }
  fail_msg ("no warning naming '%s' says '%s' (%u warnings)", name, needle, m->warnings->len);
}

static CamMesh *
load_expect_error (const void *data, gsize len, const char *name, const char *needle)
{
  g_autoptr (GError) error = NULL;
  CamMesh *m = cam_mesh_load_bytes (data, len, name, &error);
  assert_null (m);
  assert_non_null (error);
  if (strstr (error->message, needle) == NULL || strstr (error->message, name) == NULL)
    fail_msg ("message '%s' should name '%s' and say '%s'", error->message, name, needle);
  return NULL;
}

static void
test_binary_cube_is_welded_and_watertight (void **state)
{
  (void) state;
  g_autoptr (GByteArray) b = binary_stl (cube, 12, "binary cube", 12);
  g_autoptr (GError) error = NULL;
  g_autoptr (CamMesh) m = cam_mesh_load_bytes (b->data, b->len, "cube.stl", &error);
  assert_null (error);
  assert_int_equal (m->n_triangles, 12);
  assert_int_equal (m->n_vertices, 8);
  assert_true (m->watertight);
  assert_int_equal (m->boundary_edges, 0);
  assert_int_equal (m->nonmanifold_edges, 0);
  assert_int_equal (m->misoriented_edges, 0);
  assert_float_equal (m->volume_mm3, 1.0, 1e-12);
  assert_float_equal (m->area_mm2, 6.0, 1e-12);
  assert_float_equal (m->min_edge_mm, 1.0, 1e-12);
  assert_float_equal (m->max_edge_mm, sqrt (2.0), 1e-12);
  for (int k = 0; k < 3; k++)
    {
      assert_float_equal (m->bounds.min[k], 0.0, 0);
      assert_float_equal (m->bounds.max[k], 1.0, 0);
    }
  /* Bottom facet's normal points down. */
  assert_float_equal (m->normals[2], -1.0, 1e-12);
}

static void
test_binary_stl_starting_with_solid_is_read_as_binary (void **state)
{
  (void) state;
  g_autoptr (GByteArray) b = binary_stl (cube, 12, "solid exported by a CAD program facet", 12);
  g_autoptr (GError) error = NULL;
  g_autoptr (CamMesh) m = cam_mesh_load_bytes (b->data, b->len, "solid.stl", &error);
  assert_null (error);
  assert_int_equal (m->n_triangles, 12);
  assert_true (cam_stl_looks_binary (b->data, b->len));
}

static void
test_ascii_cube_matches_binary (void **state)
{
  (void) state;
  g_autofree char *text = ascii_stl (cube, 12);
  assert_false (cam_stl_looks_binary ((const guint8 *) text, strlen (text)));
  g_autoptr (GError) error = NULL;
  g_autoptr (CamMesh) m = cam_mesh_load_bytes ((const guint8 *) text, strlen (text), "cube.stl", &error);
  assert_null (error);
  assert_int_equal (m->n_triangles, 12);
  assert_int_equal (m->n_vertices, 8);
  assert_true (m->watertight);
  assert_float_equal (m->volume_mm3, 1.0, 1e-12);
}

static void
test_open_box_reports_boundary_edges (void **state)
{
  (void) state;
  /* Without its top (facets 2 and 3) the cube has a square hole: 4 boundary edges. */
  float open[10][9];
  memcpy (open[0], cube[0], sizeof cube[0] * 2);
  memcpy (open[2], cube[4], sizeof cube[0] * 8);
  g_autoptr (GByteArray) b = binary_stl (open, 10, "open", 10);
  g_autoptr (CamMesh) m = cam_mesh_load_bytes (b->data, b->len, "open.stl", NULL);
  assert_non_null (m);
  assert_false (m->watertight);
  assert_int_equal (m->boundary_edges, 4);
}

static void
test_flipped_facet_is_turned_to_agree (void **state)
{
  (void) state;
  float flipped[12][9];
  memcpy (flipped, cube, sizeof cube);
  /* Swap two corners of facet 0. */
  float tmp[3];
  memcpy (tmp, flipped[0] + 3, sizeof tmp);
  memcpy (flipped[0] + 3, flipped[0] + 6, sizeof tmp);
  memcpy (flipped[0] + 6, tmp, sizeof tmp);
  g_autoptr (GByteArray) b = binary_stl (flipped, 12, "flip", 12);
  g_autoptr (CamMesh) m = cam_mesh_load_bytes (b->data, b->len, "flip.stl", NULL);
  assert_non_null (m);
  /* Its three edges were walked the same way as the neighbours'; it is turned, so none is left. */
  assert_int_equal (m->misoriented_edges, 0);
  assert_int_equal (m->reoriented_facets, 1);
  assert_int_equal (m->inverted_shells, 0);
  assert_true (m->watertight);
  assert_float_equal (m->volume_mm3, 1.0, 1e-12);
  assert_float_equal (m->normals[2], -1.0, 1e-12); /* facet 0 is on the bottom: its normal points down */
  assert_warning (m, "flip.stl", "wound against their neighbours");
}

static void
reverse_facets (float (*tris)[9], guint n)
{
  for (guint i = 0; i < n; i++)
    {
      float tmp[3];
      memcpy (tmp, tris[i] + 3, sizeof tmp);
      memcpy (tris[i] + 3, tris[i] + 6, sizeof tmp);
      memcpy (tris[i] + 6, tmp, sizeof tmp);
    }
}

static void
test_inside_out_cube_is_turned_over_with_a_warning (void **state)
{
  (void) state;
  /* Every facet wound clockwise seen from outside: consistent, closed, volume −1 as read. */
  float inv[12][9];
  memcpy (inv, cube, sizeof cube);
  reverse_facets (inv, 12);
  g_autoptr (GByteArray) b = binary_stl (inv, 12, "inside-out", 12);
  g_autoptr (CamMesh) m = cam_mesh_load_bytes (b->data, b->len, "inv.stl", NULL);
  assert_non_null (m);
  assert_true (m->watertight);
  assert_int_equal (m->inverted_shells, 1);
  assert_int_equal (m->reoriented_facets, 0);
  assert_float_equal (m->volume_mm3, 1.0, 1e-12);
  assert_float_equal (m->normals[3 * 2 + 2], 1.0, 1e-12); /* the top faces up, so no undercut there */
  assert_warning (m, "inv.stl", "inside-out");
}

/* The cube scaled by s and moved by (o, o, o), optionally wound inward. */
static void
cube_at (float out[12][9], float s, float o, gboolean inward)
{
  for (int t = 0; t < 12; t++)
    for (int k = 0; k < 9; k++)
      out[t][k] = cube[t][k] * s + o;
  if (inward)
    reverse_facets (out, 12);
}

static void
test_cavity_stays_inward_and_a_wrong_one_is_turned (void **state)
{
  (void) state;
  /* A 3 mm cube with a 1 mm cavity in its middle: the cavity's shell rightly has normals pointing into
   * the void (negative volume on its own); the solid is 27 − 1 mm³. Written outward, it is turned. */
  for (int wrong = 0; wrong < 2; wrong++)
    {
      float tris[24][9];
      cube_at (tris, 3, 0, FALSE);
      cube_at (tris + 12, 1, 1, !wrong);
      g_autoptr (GByteArray) b = binary_stl (tris, 24, "hollow", 24);
      g_autoptr (CamMesh) m = cam_mesh_load_bytes (b->data, b->len, "hollow.stl", NULL);
      assert_non_null (m);
      assert_int_equal (m->n_shells, 2);
      assert_true (m->watertight);
      assert_int_equal (m->inverted_shells, wrong ? 1 : 0);
      assert_float_equal (m->volume_mm3, 26.0, 1e-9);
    }
}

static void
test_cubes_touching_along_an_edge_are_closed (void **state)
{
  (void) state;
  /* Two unit cubes sharing the edge x = y = 1: four facets on that edge, two each way. Closed (admesh
   * agrees), non-manifold there, two shells each oriented on its own. */
  float tris[24][9];
  memcpy (tris, cube, sizeof cube);
  for (int t = 0; t < 12; t++)
    for (int k = 0; k < 9; k++)
      tris[12 + t][k] = cube[t][k] + (k % 3 < 2 ? 1.0f : 0.0f);
  reverse_facets (tris + 12, 12); /* the second one inside-out, as well */
  g_autoptr (GByteArray) b = binary_stl (tris, 24, "touching", 24);
  g_autoptr (CamMesh) m = cam_mesh_load_bytes (b->data, b->len, "touch.stl", NULL);
  assert_non_null (m);
  assert_int_equal (m->n_shells, 2);
  assert_int_equal (m->nonmanifold_edges, 1);
  assert_int_equal (m->boundary_edges, 0);
  assert_true (m->watertight);
  assert_int_equal (m->inverted_shells, 1);
  assert_float_equal (m->volume_mm3, 2.0, 1e-12);
}

static void
test_zero_area_facet_keeps_a_closed_mesh_closed (void **state)
{
  (void) state;
  /* The top of the cube split at M = (0.5, 0, 1) on its front edge, which the front face does not
   * have: OpenSCAD closes such a T-junction with a facet of zero area along the edge. Dropping it
   * opens the mesh (3 boundary edges); kept, the mesh is closed, and it has no normal. */
  float tris[14][9];
  memcpy (tris, cube, 2 * sizeof cube[0]);
  memcpy (tris[2], cube[4], 8 * sizeof cube[0]);
  const float top[3][9] = { { 0, 0, 1, 0.5f, 0, 1, 0, 1, 1 },
                            { 0.5f, 0, 1, 1, 0, 1, 1, 1, 1 },
                            { 0.5f, 0, 1, 1, 1, 1, 0, 1, 1 } };
  const float line[9] = { 0, 0, 1, 1, 0, 1, 0.5f, 0, 1 };
  memcpy (tris[10], top, sizeof top);
  memcpy (tris[13], line, sizeof line);
  g_autoptr (GByteArray) b = binary_stl (tris, 14, "t-junction", 14);
  g_autoptr (CamMesh) m = cam_mesh_load_bytes (b->data, b->len, "tjunction.stl", NULL);
  assert_non_null (m);
  assert_int_equal (m->n_triangles, 14);
  assert_int_equal (m->zero_area_facets, 1);
  assert_int_equal (m->degenerate_dropped, 0);
  assert_int_equal (m->boundary_edges, 0);
  assert_true (m->watertight);
  assert_float_equal (m->volume_mm3, 1.0, 1e-12);
  assert_float_equal (m->area_mm2, 6.0, 1e-12);
  for (guint i = 0; i < 3 * m->n_triangles; i++)
    assert_false (isnan (m->normals[i]));
  assert_float_equal (m->normals[3 * 13] * m->normals[3 * 13] + m->normals[3 * 13 + 2] * m->normals[3 * 13 + 2],
                      0.0, 0.0);
}

static void
test_degenerate_facets_are_dropped_and_counted (void **state)
{
  (void) state;
  float tris[14][9];
  memcpy (tris, cube, sizeof cube);
  float sliver[9] = { 0, 0, 0, 0.5f, 0, 0, 1, 0, 0 }; /* collinear: zero area */
  float point[9] = { 1, 1, 1, 1, 1, 1, 1, 1, 1 };
  memcpy (tris[12], sliver, sizeof sliver);
  memcpy (tris[13], point, sizeof point);
  g_autoptr (GByteArray) b = binary_stl (tris, 14, "degenerate", 14);
  g_autoptr (CamMesh) m = cam_mesh_load_bytes (b->data, b->len, "deg.stl", NULL);
  assert_non_null (m);
  /* The point has no edge and is dropped; the collinear sliver has three corners and is kept. */
  assert_int_equal (m->degenerate_dropped, 1);
  assert_int_equal (m->zero_area_facets, 1);
  assert_int_equal (m->n_triangles, 13);
  assert_float_equal (m->area_mm2, 6.0, 1e-12);
}

static void
test_weld_tolerance_is_relative_to_part_size (void **state)
{
  (void) state;
  /* A 0.05 mm part: two triangles 0.5 µm apart must stay distinct (a fixed 0.01 mm weld would merge
   * them), while corners 1e-9 mm apart are the same vertex. */
  float tris[2][9] = {
    { 0, 0, 0, 0.05f, 0, 0, 0, 0.05f, 0 },
    { 0.0005f, 0, 0, 0.05f, 0.0001f, 0, 0.0005f, 0.05f, 0 },
  };
  g_autoptr (GByteArray) b = binary_stl (tris, 2, "tiny", 2);
  g_autoptr (CamMesh) m = cam_mesh_load_bytes (b->data, b->len, "tiny.stl", NULL);
  assert_non_null (m);
  assert_int_equal (m->n_vertices, 6);
  assert_true (m->weld_tolerance_mm < 1e-6);
}

static void
test_sample_plate_dimensions (void **state)
{
  (void) state;
  g_autoptr (GError) error = NULL;
  g_autoptr (CamMesh) m = cam_mesh_load_file (SAMPLES_DIR "/a_plate_holes_pocket.stl", NULL, NULL, NULL, &error);
  assert_null (error);
  assert_true (m->watertight);
  assert_int_equal (m->degenerate_dropped, 0);
  assert_float_equal (m->bounds.min[0], 0.0, 1e-6);
  assert_float_equal (m->bounds.max[0], 10.0, 1e-6);
  assert_float_equal (m->bounds.max[1], 10.0, 1e-6);
  assert_float_equal (m->bounds.max[2], 2.0, 1e-6);
  /* From the .scad source, with OpenSCAD's 64-gon circles (area n/2·r²·sin(2π/n)):
   * 200 − 16 holes × 2 mm × 0.0313655 − 0.3 mm × (9 − 4·0.1² + 0.0313655) = 196.29889 mm³. */
  double hole = 32 * 0.01 * sin (2 * G_PI / 64);
  double pocket = 9 - 4 * 0.01 + 32 * 0.1 * 0.1 * sin (2 * G_PI / 64);
  double expected = 200 - 16 * 2 * hole - 0.3 * pocket;
  assert_float_equal (m->volume_mm3, expected, 2e-4);
}

static void
test_sample_disk_loads_binary_with_text_header (void **state)
{
  (void) state;
  g_autoptr (GError) error = NULL;
  g_autoptr (CamMesh) m = cam_mesh_load_file (SAMPLES_DIR "/b_disk_spiral_channel.stl", NULL, NULL, NULL, &error);
  assert_null (error);
  assert_true (m->watertight);
  assert_float_equal (m->bounds.max[2] - m->bounds.min[2], 1.0, 1e-6);
  assert_float_equal (m->bounds.max[0] - m->bounds.min[0], 5.0, 2e-3);
}

static void
test_bad_stl_inputs_give_clear_messages (void **state)
{
  (void) state;
  load_expect_error ("", 0, "empty.stl", "empty");

  g_autoptr (GByteArray) b = binary_stl (cube, 12, "cube", 12);
  load_expect_error (b->data, b->len - 20, "cut.stl", "truncated");

  g_autoptr (GByteArray) huge = binary_stl (cube, 1, "liar", 0xffffffffu);
  load_expect_error (huge->data, huge->len, "huge.stl", "4294967295 facets");

  g_autoptr (GByteArray) nan = binary_stl (cube, 12, "nan", 12);
  float bad = NAN;
  memcpy (nan->data + 84 + 50 * 3 + 12 + 4, &bad, 4);
  load_expect_error (nan->data, nan->len, "nan.stl", "byte offset 250");

  const char *ascii_nan = "solid x\nfacet normal 0 0 1\nouter loop\nvertex 0 0 0\nvertex 1 0 0\n"
                          "vertex inf 1 0\nendloop\nendfacet\nendsolid x\n";
  load_expect_error (ascii_nan, strlen (ascii_nan), "ainf.stl", "line 6");

  const char *ascii_cut = "solid x\nfacet normal 0 0 1\nouter loop\nvertex 0 0 0\nvertex 1 0";
  load_expect_error (ascii_cut, strlen (ascii_cut), "acut.stl", "line 5");

  const char *two = "solid x\nfacet normal 0 0 1\nouter loop\nvertex 0 0 0\nvertex 1 0 0\nendloop\nendfacet\n";
  load_expect_error (two, strlen (two), "two.stl", "needs 3");

  guint8 garbage[333];
  for (gsize i = 0; i < sizeof garbage; i++)
    garbage[i] = (guint8) (i * 37 + 11);
  load_expect_error (garbage, sizeof garbage, "garbage.stl", "bytes");

  const char *no_facets = "solid x\nendsolid x\n";
  load_expect_error (no_facets, strlen (no_facets), "none.stl", "no facets");
}

static void
test_unreadable_path_names_the_file (void **state)
{
  (void) state;
  g_autoptr (GError) error = NULL;
  CamMesh *m = cam_mesh_load_file ("/nonexistent/dir/part.stl", NULL, NULL, NULL, &error);
  assert_null (m);
  assert_non_null (strstr (error->message, "/nonexistent/dir/part.stl"));
}

static void
test_obj_polygons_negative_indices_and_errors (void **state)
{
  (void) state;
  /* A concave "arrow" pentagon (area 2.5) as one face, with v/vt/vn corners and negative indices. */
  const char *obj = "# concave\nv 0 0 0\nv 2 0 0\nv 2 2 0\nv 1 0.5 0\nv 0 2 0\nvt 0 0\n"
                    "f -5/1/1 -4/1/1 -3/1 -2//1 -1\n";
  g_autoptr (GError) error = NULL;
  g_autoptr (CamMesh) m = cam_mesh_load_bytes ((const guint8 *) obj, strlen (obj), "arrow.obj", &error);
  assert_null (error);
  assert_int_equal (m->n_triangles, 3);
  /* Area of the arrow: square 4 minus the notch triangle (0,2),(1,0.5),(2,2): 0.5·2·1.5 = 1.5. */
  assert_float_equal (m->area_mm2, 2.5, 1e-6);
  assert_false (m->watertight);

  const char *range = "v 0 0 0\nv 1 0 0\nv 0 1 0\n\nf 1 2 3\nf 1 2 7\n";
  load_expect_error (range, strlen (range), "range.obj", "line 6");
  const char *zero = "v 0 0 0\nv 1 0 0\nv 0 1 0\nf 0 1 2\n";
  load_expect_error (zero, strlen (zero), "zero.obj", "index 0");
  const char *nan = "v nan 0 0\nv 1 0 0\nv 0 1 0\nf 1 2 3\n";
  load_expect_error (nan, strlen (nan), "nan.obj", "line 1");
  const char *none = "# nothing\nv 1 2 3\n";
  load_expect_error (none, strlen (none), "none.obj", "no faces");
}

static void
test_obj_cube_with_quads_is_watertight (void **state)
{
  (void) state;
  const char *obj = "v 0 0 0\nv 1 0 0\nv 1 1 0\nv 0 1 0\nv 0 0 1\nv 1 0 1\nv 1 1 1\nv 0 1 1\n"
                    "f 1 4 3 2\nf 5 6 7 8\nf 1 2 6 5\nf 2 3 7 6\nf 3 4 8 7\nf 4 1 5 8\n";
  g_autoptr (CamMesh) m = cam_mesh_load_bytes ((const guint8 *) obj, strlen (obj), "cube.obj", NULL);
  assert_non_null (m);
  assert_int_equal (m->n_triangles, 12);
  assert_true (m->watertight);
  assert_int_equal (m->misoriented_edges, 0);
  assert_float_equal (m->volume_mm3, 1.0, 1e-9);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_binary_cube_is_welded_and_watertight),
    cmocka_unit_test (test_binary_stl_starting_with_solid_is_read_as_binary),
    cmocka_unit_test (test_ascii_cube_matches_binary),
    cmocka_unit_test (test_open_box_reports_boundary_edges),
    cmocka_unit_test (test_flipped_facet_is_turned_to_agree),
    cmocka_unit_test (test_inside_out_cube_is_turned_over_with_a_warning),
    cmocka_unit_test (test_cavity_stays_inward_and_a_wrong_one_is_turned),
    cmocka_unit_test (test_cubes_touching_along_an_edge_are_closed),
    cmocka_unit_test (test_zero_area_facet_keeps_a_closed_mesh_closed),
    cmocka_unit_test (test_degenerate_facets_are_dropped_and_counted),
    cmocka_unit_test (test_weld_tolerance_is_relative_to_part_size),
    cmocka_unit_test (test_sample_plate_dimensions),
    cmocka_unit_test (test_sample_disk_loads_binary_with_text_header),
    cmocka_unit_test (test_bad_stl_inputs_give_clear_messages),
    cmocka_unit_test (test_unreadable_path_names_the_file),
    cmocka_unit_test (test_obj_polygons_negative_indices_and_errors),
    cmocka_unit_test (test_obj_cube_with_quads_is_watertight),
  };
  return cmocka_run_group_tests (tests, NULL, NULL);
}
