/* test-cam-mesh-readers.c — the STL and OBJ readers on the inputs that used to get a wrong verdict:
 * ASCII STL in upper case or with a UTF-8 name, files that are neither format, OBJ faces with holes,
 * malformed OBJ numbers. Every file is written here. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "cam-error.h"
#include "cam-mesh.h"
#include "cam-stl.h"

#include <math.h>
#include <string.h>

/* A unit cube's 12 facets, outward winding, as ASCII STL with the given keywords' case. */
static const float cube[12][9] = {
  { 0, 0, 0, 0, 1, 0, 1, 1, 0 }, { 0, 0, 0, 1, 1, 0, 1, 0, 0 }, { 0, 0, 1, 1, 0, 1, 1, 1, 1 },
  { 0, 0, 1, 1, 1, 1, 0, 1, 1 }, { 0, 0, 0, 1, 0, 0, 1, 0, 1 }, { 0, 0, 0, 1, 0, 1, 0, 0, 1 },
  { 0, 1, 0, 0, 1, 1, 1, 1, 1 }, { 0, 1, 0, 1, 1, 1, 1, 1, 0 }, { 0, 0, 0, 0, 0, 1, 0, 1, 1 },
  { 0, 0, 0, 0, 1, 1, 0, 1, 0 }, { 1, 0, 0, 1, 1, 0, 1, 1, 1 }, { 1, 0, 0, 1, 1, 1, 1, 0, 1 },
};

static char *
ascii_cube (const char *solid_line, gboolean upper)
{
  GString *s = g_string_new (solid_line);
  for (guint i = 0; i < 12; i++)
    {
      g_string_append (s, upper ? "  FACET NORMAL  0.00000000E+00  0.00000000E+00  1.00000000E+00\n    OUTER LOOP\n"
                                : "  facet normal 0 0 0\n    outer loop\n");
      for (int c = 0; c < 3; c++)
        g_string_append_printf (s, upper ? "      VERTEX %.8E %.8E %.8E\n" : "      vertex %g %g %g\n",
                                cube[i][3 * c], cube[i][3 * c + 1], cube[i][3 * c + 2]);
      g_string_append (s, upper ? "    ENDLOOP\n  ENDFACET\n" : "    endloop\n  endfacet\n");
    }
  g_string_append (s, upper ? "ENDSOLID\n" : "endsolid\n");
  return g_string_free (s, FALSE);
}

static void
assert_reads_cube (const char *text, const char *name)
{
  gsize len = strlen (text);
  assert_false (cam_stl_looks_binary ((const guint8 *) text, len));
  g_autoptr (GError) error = NULL;
  g_autoptr (CamMesh) m = cam_mesh_load_bytes ((const guint8 *) text, len, name, &error);
  if (m == NULL)
    fail_msg ("%s: %s", name, error->message);
  assert_int_equal (m->n_triangles, 12);
  assert_true (m->watertight);
  assert_float_equal (m->volume_mm3, 1.0, 1e-12);
}

static void
test_upper_case_ascii_stl_is_ascii (void **state)
{
  (void) state;
  /* As SolidWorks and admesh's examples write it: "SOLID", "FACET NORMAL", "VERTEX" … */
  g_autofree char *text = ascii_cube ("SOLID  Untitled1\n", TRUE);
  assert_reads_cube (text, "upper.stl");
}

static void
test_utf8_solid_name_is_ascii (void **state)
{
  (void) state;
  /* A name in UTF-8 ("moon" in Chinese): it used to make the file "binary", header 808,858,414 facets. */
  g_autofree char *text = ascii_cube ("solid \xe6\x9c\x88\xe7\x90\x83\n", FALSE);
  assert_reads_cube (text, "moon.stl");
}

static void
test_neither_format_names_both_rules (void **state)
{
  (void) state;
  /* "solid" and a name, then binary bytes, of a size no binary STL has: both rules are reported. */
  guint8 data[300];
  memset (data, 0, sizeof data);
  memcpy (data, "solid part\n", 11);
  for (gsize i = 11; i < sizeof data; i++)
    data[i] = (guint8) (i * 7 + 3);
  g_autoptr (GError) error = NULL;
  g_autoptr (CamMesh) m = cam_mesh_load_bytes (data, sizeof data, "neither.stl", &error);
  assert_null (m);
  const char *msg = error->message;
  if (!strstr (msg, "neither.stl") || !strstr (msg, "binary STL header") || !strstr (msg, "nor is it ASCII STL")
      || !strstr (msg, "is not text"))
    fail_msg ("the message should give both rules' reasons: %s", msg);

  /* Text, but not STL: the ASCII rule's reason is the word found. */
  const char *text = "solid x\nhello world, this is not a facet\n";
  g_autoptr (GError) e2 = NULL;
  g_autoptr (CamMesh) m2 = cam_mesh_load_bytes ((const guint8 *) text, strlen (text), "hello.stl", &e2);
  assert_null (m2);
  if (!strstr (e2->message, "hello.stl") || !strstr (e2->message, "'hello'"))
    fail_msg ("the message should name the word after the solid line: %s", e2->message);
}

static CamMesh *
load_obj (const char *text, const char *name, GError **error)
{
  return cam_mesh_load_bytes ((const guint8 *) text, strlen (text), name, error);
}

static void
test_obj_face_with_a_hole_by_a_bridge_edge (void **state)
{
  (void) state;
  /* A 4 × 4 square with a 2 × 2 hole, as one face: the outline, a bridge edge 1 → 5 to the hole,
   * the hole walked clockwise, and back. Area 16 − 4 = 12 (a fan across the hole gave 24). */
  const char *obj = "v 0 0 0\nv 4 0 0\nv 4 4 0\nv 0 4 0\nv 1 1 0\nv 1 3 0\nv 3 3 0\nv 3 1 0\n"
                    "f 1 2 3 4 1 5 6 7 8 5\n";
  g_autoptr (GError) error = NULL;
  g_autoptr (CamMesh) m = load_obj (obj, "hole.obj", &error);
  assert_null (error);
  assert_int_equal (m->n_triangles, 8);
  assert_float_equal (m->area_mm2, 12.0, 1e-9);
  /* Every triangle faces +z: none was clipped across the hole's reversed ring. */
  for (guint t = 0; t < m->n_triangles; t++)
    assert_float_equal (m->normals[3 * t + 2], 1.0, 1e-12);
}

static void
test_obj_numbers_are_whole_words (void **state)
{
  (void) state;
  g_autoptr (GError) error = NULL;
  g_autoptr (CamMesh) bad = load_obj ("v 0 0 0\nv 1 0 0\nv 0 1 3.1+e2\nf 1 2 3\n", "typo.obj", &error);
  assert_null (bad);
  if (!strstr (error->message, "typo.obj") || !strstr (error->message, "line 3")
      || !strstr (error->message, "3.1+e2"))
    fail_msg ("the message should name the file, the line and the number: %s", error->message);

  g_autoptr (GError) e2 = NULL;
  g_autoptr (CamMesh) w = load_obj ("v 0 0 0 1\nv 1 0 0 1x\nv 0 1 0\nf 1 2 3\n", "w.obj", &e2);
  assert_null (w);
  assert_non_null (strstr (e2->message, "line 2"));

  g_autoptr (GError) e3 = NULL;
  g_autoptr (CamMesh) good = load_obj ("v 0 0 0\nv 1 0 0 1.0\nv 0 1 3.1e+2 # a comment\nf 1 2 3\n", "ok.obj", &e3);
  assert_null (e3);
  assert_float_equal (good->bounds.max[2], 310.0, 0);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_upper_case_ascii_stl_is_ascii),
    cmocka_unit_test (test_utf8_solid_name_is_ascii),
    cmocka_unit_test (test_neither_format_names_both_rules),
    cmocka_unit_test (test_obj_face_with_a_hole_by_a_bridge_edge),
    cmocka_unit_test (test_obj_numbers_are_whole_words),
  };
  return cmocka_run_group_tests (tests, NULL, NULL);
}
