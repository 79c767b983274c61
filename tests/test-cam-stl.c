/* test-cam-stl.c — the binary STL reader on files large enough for the mapped reader to hand pages
 * back (every 4 MB): same facets, same mesh, same messages as reading the bytes in memory. */
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

/* A closed torus grid of n × n quads as a binary STL (2n² facets, 50 bytes each). */
static GByteArray *
torus_stl (guint n)
{
  GByteArray *b = g_byte_array_new ();
  guint8 head[80] = "microcam test torus";
  g_byte_array_append (b, head, 80);
  guint32 count = GUINT32_TO_LE (2 * n * n);
  g_byte_array_append (b, (guint8 *) &count, 4);
  for (guint i = 0; i < n; i++)
    for (guint j = 0; j < n; j++)
      {
        float p[4][3];
        for (int k = 0; k < 4; k++)
          {
            guint ii = (i + (k == 1 || k == 2)) % n, jj = (j + (k >= 2)) % n;
            double u = 2 * G_PI * ii / n, v = 2 * G_PI * jj / n;
            p[k][0] = (float) ((4 + cos (v)) * cos (u));
            p[k][1] = (float) ((4 + cos (v)) * sin (u));
            p[k][2] = (float) sin (v);
          }
        const int tri[2][3] = { { 0, 1, 2 }, { 0, 2, 3 } };
        for (int t = 0; t < 2; t++)
          {
            guint8 rec[50] = { 0 };
            for (int c = 0; c < 3; c++)
              for (int a = 0; a < 3; a++)
                {
                  guint32 u;
                  memcpy (&u, &p[tri[t][c]][a], 4);
                  u = GUINT32_TO_LE (u);
                  memcpy (rec + 12 + 12 * c + 4 * a, &u, 4);
                }
            g_byte_array_append (b, rec, 50);
          }
      }
  return b;
}

static char *
write_temp (const GByteArray *b)
{
  g_autoptr (GError) error = NULL;
  char *path = NULL;
  int fd = g_file_open_tmp ("microcam-test-XXXXXX.stl", &path, &error);
  assert_true (fd >= 0);
  g_close (fd, NULL);
  assert_true (g_file_set_contents (path, (const char *) b->data, b->len, &error));
  return path;
}

static void
test_large_file_reads_as_bytes (void **state)
{
  (void) state;
  g_autoptr (GByteArray) b = torus_stl (160); /* 51,200 facets, 2.56 MB */
  g_autoptr (GByteArray) big = torus_stl (300); /* 180,000 facets, 9 MB: two page drops */
  GByteArray *files[] = { b, big };
  for (gsize f = 0; f < G_N_ELEMENTS (files); f++)
    {
      g_autofree char *path = write_temp (files[f]);
      g_autoptr (GError) error = NULL;
      CamTriSoup s1, s2;
      cam_tri_soup_init (&s1);
      cam_tri_soup_init (&s2);
      assert_true (cam_stl_parse (files[f]->data, files[f]->len, "mem", &s1, &error));
      GMappedFile *mf = g_mapped_file_new (path, FALSE, &error);
      assert_non_null (mf);
      assert_true (cam_stl_parse_mapped ((const guint8 *) g_mapped_file_get_contents (mf),
                                         g_mapped_file_get_length (mf), path, &s2, &error));
      /* The mapping stays readable after its pages were handed back. */
      assert_memory_equal (g_mapped_file_get_contents (mf), files[f]->data, files[f]->len);
      g_mapped_file_unref (mf);
      assert_int_equal (s1.n_triangles, s2.n_triangles);
      assert_memory_equal (s1.xyz, s2.xyz, 9 * sizeof (float) * s1.n_triangles);
      cam_tri_soup_clear (&s1);
      cam_tri_soup_clear (&s2);

      g_autoptr (CamMesh) m1 = cam_mesh_load_bytes (files[f]->data, files[f]->len, "mem.stl", &error);
      g_autoptr (CamMesh) m2 = cam_mesh_load_file (path, NULL, NULL, NULL, &error);
      assert_non_null (m1);
      assert_non_null (m2);
      assert_true (m2->watertight);
      assert_int_equal (m1->n_vertices, m2->n_vertices);
      assert_int_equal (m2->n_vertices, files[f]->len == b->len ? 160 * 160 : 300 * 300);
      assert_int_equal (m1->n_triangles, m2->n_triangles);
      assert_memory_equal (m1->vertices, m2->vertices, 3 * sizeof (double) * m1->n_vertices);
      assert_memory_equal (m1->triangles, m2->triangles, 3 * sizeof (guint32) * m1->n_triangles);
      assert_memory_equal (&m1->volume_mm3, &m2->volume_mm3, sizeof (double));
      g_unlink (path);
    }
}

static void
test_non_finite_deep_in_a_large_file (void **state)
{
  (void) state;
  g_autoptr (GByteArray) b = torus_stl (300);
  const struct {
    guint32 bits;
    const char *shown;
    guint64 facet;
    int coord;
  } cases[] = {
    { 0x7fc00000u, "NaN", 170001, 4 }, /* after two page drops */
    { 0xff800000u, "Inf", 80000, 8 },  /* the last record before the first drop */
    { 0x7f800001u, "NaN", 1, 0 },
  };
  for (gsize c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr (GByteArray) bad = g_byte_array_sized_new (b->len);
      g_byte_array_append (bad, b->data, b->len);
      guint64 off = 84 + 50 * (cases[c].facet - 1) + 12 + 4 * (guint64) cases[c].coord;
      guint32 le = GUINT32_TO_LE (cases[c].bits);
      memcpy (bad->data + off, &le, 4);
      g_autofree char *path = write_temp (bad);
      g_autoptr (GError) e1 = NULL;
      g_autoptr (GError) e2 = NULL;
      g_autoptr (CamMesh) m = cam_mesh_load_file (path, NULL, NULL, NULL, &e1);
      assert_null (m);
      g_assert_error (e1, CAM_ERROR, CAM_ERROR_INVALID);
      g_autofree char *want = g_strdup_printf ("%s: facet %" G_GUINT64_FORMAT " has a non-finite coordinate "
                                               "(%s) at byte offset %" G_GUINT64_FORMAT,
                                               path, cases[c].facet, cases[c].shown, off);
      assert_string_equal (e1->message, want);
      CamTriSoup soup;
      cam_tri_soup_init (&soup);
      assert_false (cam_stl_parse (bad->data, bad->len, path, &soup, &e2));
      assert_string_equal (e2->message, want);
      /* The facets before the bad one were read. */
      assert_int_equal (soup.n_triangles, cases[c].facet - 1);
      cam_tri_soup_clear (&soup);
      g_unlink (path);
    }
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_large_file_reads_as_bytes),
    cmocka_unit_test (test_non_finite_deep_in_a_large_file),
  };
  return cmocka_run_group_tests (tests, NULL, NULL);
}
