/* test-render-mesh.c — the part's CPU preparation for drawing (no GL, no display):
 * edge adjacency (feature, defect, all edges) and the coarse version of big parts. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "render/render-mesh.h"

/* A 1 mm cube as 12 facets, counter-clockwise from outside; skip drops one facet. */
static CamMesh *
cube (int skip)
{
  static const float v[8][3] = {
    { 0, 0, 0 }, { 1, 0, 0 }, { 1, 1, 0 }, { 0, 1, 0 },
    { 0, 0, 1 }, { 1, 0, 1 }, { 1, 1, 1 }, { 0, 1, 1 },
  };
  static const int f[12][3] = {
    { 0, 2, 1 }, { 0, 3, 2 }, { 4, 5, 6 }, { 4, 6, 7 }, { 0, 1, 5 }, { 0, 5, 4 },
    { 1, 2, 6 }, { 1, 6, 5 }, { 2, 3, 7 }, { 2, 7, 6 }, { 3, 0, 4 }, { 3, 4, 7 },
  };
  CamTriSoup soup;
  g_autoptr (GError) error = NULL;
  cam_tri_soup_init (&soup);
  for (int i = 0; i < 12; i++)
    {
      float xyz[9];
      if (i == skip)
        continue;
      for (int c = 0; c < 3; c++)
        for (int k = 0; k < 3; k++)
          xyz[3 * c + k] = v[f[i][c]][k];
      cam_tri_soup_add (&soup, xyz);
    }
  CamMesh *mesh = cam_mesh_new_from_soup (&soup, "cube", &error);
  cam_tri_soup_clear (&soup);
  assert_non_null (mesh);
  return mesh;
}

static void
test_cube_edges (void **state)
{
  (void) state;
  g_autoptr (CamMesh) mesh = cube (-1);
  g_autoptr (RenderMesh) rm = render_mesh_new (mesh);
  assert_int_equal (render_mesh_get_n_edges (rm), 18);        /* 12 cube edges + 6 face diagonals */
  assert_int_equal (render_mesh_get_n_feature_edges (rm), 12); /* diagonals are flat: not features */
  assert_int_equal (render_mesh_get_n_defect_edges (rm), 0);
  assert_int_equal (render_mesh_get_n_coarse_triangles (rm), 0); /* small parts: no coarse version */
}

static void
test_open_cube_has_defect_edges (void **state)
{
  (void) state;
  g_autoptr (CamMesh) mesh = cube (2);
  g_autoptr (RenderMesh) rm = render_mesh_new (mesh);
  /* the missing facet leaves a triangular hole: 3 boundary edges, drawn red */
  assert_int_equal (render_mesh_get_n_defect_edges (rm), 3);
}

static void
test_big_part_gets_coarse_version (void **state)
{
  /* a 20 × 20 mm wavy sheet of 400 × 400 quads = 320,000 facets */
  const int n = 400;
  CamTriSoup soup;
  g_autoptr (GError) error = NULL;
  (void) state;
  cam_tri_soup_init (&soup);
  cam_tri_soup_reserve (&soup, (gsize) 2 * n * n);
  for (int i = 0; i < n; i++)
    for (int j = 0; j < n; j++)
      {
        float p[4][3];
        for (int c = 0; c < 4; c++)
          {
            float x = 20.0f * (float) (i + (c == 1 || c == 2)) / n;
            float y = 20.0f * (float) (j + (c >= 2)) / n;
            p[c][0] = x;
            p[c][1] = y;
            p[c][2] = 0.5f * sinf (x) * cosf (y);
          }
        float t1[9] = { p[0][0], p[0][1], p[0][2], p[1][0], p[1][1], p[1][2], p[2][0], p[2][1], p[2][2] };
        float t2[9] = { p[0][0], p[0][1], p[0][2], p[2][0], p[2][1], p[2][2], p[3][0], p[3][1], p[3][2] };
        cam_tri_soup_add (&soup, t1);
        cam_tri_soup_add (&soup, t2);
      }
  g_autoptr (CamMesh) mesh = cam_mesh_new_from_soup (&soup, "sheet", &error);
  cam_tri_soup_clear (&soup);
  assert_non_null (mesh);
  assert_true (mesh->n_triangles >= RENDER_MESH_COARSE_MIN_TRIANGLES);

  g_autoptr (RenderMesh) rm = render_mesh_new (mesh);
  guint coarse = render_mesh_get_n_coarse_triangles (rm);
  /* about 200 cells along the diagonal: a few tens of thousands of facets, not 320k */
  assert_true (coarse > 10000);
  assert_true (coarse < mesh->n_triangles / 4);
  /* the open sheet's rim is all boundary: 4 × 400 edges */
  assert_int_equal (render_mesh_get_n_defect_edges (rm), 4 * n);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_cube_edges),
    cmocka_unit_test (test_open_cube_has_defect_edges),
    cmocka_unit_test (test_big_part_gets_coarse_version),
  };
  return cmocka_run_group_tests (tests, NULL, NULL);
}
