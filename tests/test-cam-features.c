/* test-cam-features.c — feature recognition on parts with known features (the samples and
 * the OpenSCAD fixtures in tests/data (*.scad beside each .stl)), to about 1 µm. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "cam-error.h"
#include "cam-features.h"
#include "cam-mesh.h"

#include <geos_c.h>
#include <math.h>
#include <string.h>

#define UM 1e-3   /* one micrometre, in mm */

static CamFeatureSet *
recognize (const char *path)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CamMesh) m = cam_mesh_load_file (path, NULL, NULL, NULL, &error);
  if (m == NULL)
    fail_msg ("%s", error->message);
  CamFeatureSet *set = cam_features_recognize (m, NULL, NULL, &error);
  if (set == NULL)
    fail_msg ("%s", error->message);
  return set;
}

/* The feature of that kind whose centre is nearest (x, y). */
static const CamFeature *
near (const CamFeatureSet *set, CamFeatureKind kind, double x, double y)
{
  const CamFeature *best = NULL;
  double bd = G_MAXDOUBLE;
  for (guint i = 0; i < set->features->len; i++)
    {
      const CamFeature *f = g_ptr_array_index (set->features, i);
      double d = hypot (f->center[0] - x, f->center[1] - y);
      if (f->kind == kind && d < bd)
        {
          bd = d;
          best = f;
        }
    }
  assert_non_null (best);
  assert_true (bd < 0.01);
  return best;
}

static void
assert_close (double got, double want, double tol)
{
  if (!(fabs (got - want) <= tol))
    fail_msg ("got %.9f, want %.9f ± %.9f", got, want, tol);
}

static void
test_sample_plate_holes_and_pocket (void **state)
{
  (void) state;
  g_autoptr (CamFeatureSet) set = recognize (SAMPLES_DIR "/a_plate_holes_pocket.stl");
  assert_int_equal (cam_feature_set_count (set, CAM_FEATURE_HOLE), 16);
  assert_int_equal (cam_feature_set_count (set, CAM_FEATURE_POCKET), 1);
  assert_int_equal (cam_feature_set_count (set, CAM_FEATURE_SLOT), 0);
  assert_int_equal (cam_feature_set_count (set, CAM_FEATURE_UNDERCUT), 0);
  assert_int_equal (cam_feature_set_count (set, CAM_FEATURE_PROFILE), 1);
  for (int i = 0; i < 4; i++)
    for (int j = 0; j < 4; j++)
      {
        const CamFeature *h = near (set, CAM_FEATURE_HOLE, 1.0 + 1.2 * i, 1.0 + 1.2 * j);
        assert_close (h->diameter_mm, 0.2, UM);
        assert_close (h->depth_mm, 2.0, UM);
        assert_int_equal (h->through, 1);
        assert_string_equal (h->bottom, "through");
        assert_close (h->center[0], 1.0 + 1.2 * i, UM);
        assert_close (h->center[1], 1.0 + 1.2 * j, UM);
        assert_non_null (h->pattern);
        assert_string_equal (h->pattern, "HP1");
      }
  assert_int_equal (set->patterns->len, 1);
  const CamHolePattern *hp = g_ptr_array_index (set->patterns, 0);
  assert_int_equal (hp->count, 16);
  assert_int_equal (hp->rows, 4);
  assert_int_equal (hp->cols, 4);
  assert_close (hp->pitch_x_mm, 1.2, UM);
  assert_close (hp->pitch_y_mm, 1.2, UM);

  const CamFeature *p = near (set, CAM_FEATURE_POCKET, 7.5, 7.5);
  assert_close (p->depth_mm, 0.3, UM);
  assert_close (p->min_width_mm, 3.0, UM);
  assert_close (p->min_corner_radius_mm, 0.1, UM);
  assert_close (p->bbox.min[0], 6.0, UM);
  assert_close (p->bbox.max[0], 9.0, UM);
  assert_close (p->bbox.min[1], 6.0, UM);
  assert_close (p->bbox.max[1], 9.0, UM);
  assert_close (p->bbox.min[2], 1.7, UM);
  assert_int_equal (p->through, 0);
  assert_false (p->open_side);
  /* thinnest wall: a hole 0.9 mm from the edge */
  assert_close (set->thinnest_wall_mm, 0.9, UM);
  /* ids are stable: holes row by row */
  assert_string_equal (((CamFeature *) g_ptr_array_index (set->features, 0))->id, "H1");
  assert_non_null (cam_feature_set_find (set, "P1"));
}

static void
test_fixture_holes_kinds_and_cone (void **state)
{
  (void) state;
  g_autoptr (CamFeatureSet) set = recognize (TEST_DATA_DIR "/dfm_features.stl");
  assert_int_equal (cam_feature_set_count (set, CAM_FEATURE_HOLE), 9);
  const CamFeature *t = near (set, CAM_FEATURE_HOLE, 2, 2);
  assert_close (t->diameter_mm, 0.3, UM);
  assert_int_equal (t->through, 1);
  assert_close (t->depth_mm, 2.0, UM);
  const CamFeature *flat = near (set, CAM_FEATURE_HOLE, 5, 2);
  assert_close (flat->diameter_mm, 0.5, UM);
  assert_int_equal (flat->through, 0);
  assert_close (flat->depth_mm, 1.0, UM);
  assert_string_equal (flat->bottom, "flat");
  const CamFeature *cone = near (set, CAM_FEATURE_HOLE, 8, 2);
  assert_close (cone->diameter_mm, 0.4, UM);
  assert_close (cone->depth_mm, 0.8, UM);
  assert_string_equal (cone->bottom, "cone");
  assert_close (cone->tip_angle_deg, 118.0, 0.5);
  assert_close (cone->tip_depth_mm, 0.2 / tan (59.0 * G_PI / 180.0), 2 * UM);
  /* the 3 × 2 pattern */
  const CamFeature *small = near (set, CAM_FEATURE_HOLE, 2.0, 5.1);
  assert_close (small->diameter_mm, 0.15, UM);
  assert_non_null (small->pattern);
  const CamHolePattern *hp = NULL;
  for (guint i = 0; i < set->patterns->len; i++)
    if (g_strcmp0 (((CamHolePattern *) g_ptr_array_index (set->patterns, i))->id, small->pattern) == 0)
      hp = g_ptr_array_index (set->patterns, i);
  assert_non_null (hp);
  assert_int_equal (hp->count, 6);
  assert_int_equal (hp->cols, 3);
  assert_int_equal (hp->rows, 2);
  assert_close (hp->pitch_x_mm, 0.5, UM);
  assert_close (hp->pitch_y_mm, 0.6, UM);
  /* holes of other sizes are not in it */
  assert_null (t->pattern);
}

static void
test_fixture_pockets_slot_boss_walls (void **state)
{
  (void) state;
  g_autoptr (CamFeatureSet) set = recognize (TEST_DATA_DIR "/dfm_features.stl");
  const CamFeature *p = near (set, CAM_FEATURE_POCKET, 6.5, 5.0);
  assert_close (p->depth_mm, 0.5, UM);
  assert_close (p->min_width_mm, 2.0, UM);
  assert_close (p->min_corner_radius_mm, 0.2, UM);
  assert_close (p->bbox.max[0] - p->bbox.min[0], 3.0, UM);

  const CamFeature *s = near (set, CAM_FEATURE_SLOT, 4.0, 8.5);
  assert_close (s->min_width_mm, 0.3, UM);
  assert_close (s->depth_mm, 0.2, UM);
  assert_close (s->min_corner_radius_mm, 0.15, UM);
  assert_close (s->bbox.min[0], 1.85, UM);
  assert_close (s->bbox.max[0], 6.15, UM);

  /* square pocket around a round boss: sharp corners, 0.7 mm between boss and wall */
  const CamFeature *pb = near (set, CAM_FEATURE_POCKET, 10.0, 5.5);
  assert_close (pb->min_corner_radius_mm, 0.0, 1e-12);
  assert_close (pb->min_width_mm, 0.7, UM);
  assert_close (pb->depth_mm, 0.4, UM);
  const CamFeature *b = near (set, CAM_FEATURE_BOSS, 10.0, 5.5);
  assert_close (b->diameter_mm, 0.6, UM);
  assert_close (b->height_mm, 0.4, UM);
  assert_string_equal (b->parent, pb->id);

  /* webs between the Ø0.15 holes: 0.5 − 0.15 along x, 0.6 − 0.15 along y, full height */
  const CamFeature *wx = near (set, CAM_FEATURE_WALL, 1.75, 4.5);
  assert_close (wx->thickness_mm, 0.35, UM);
  assert_close (wx->height_mm, 2.0, UM);
  const CamFeature *wy = near (set, CAM_FEATURE_WALL, 2.0, 4.8);
  assert_close (wy->thickness_mm, 0.45, UM);
  assert_int_equal (cam_feature_set_count (set, CAM_FEATURE_WALL), 7);
  assert_close (set->thinnest_wall_mm, 0.35, UM);
  assert_int_equal (cam_feature_set_count (set, CAM_FEATURE_UNDERCUT), 0);
}

static void
test_side_hole_is_an_undercut (void **state)
{
  (void) state;
  g_autoptr (CamFeatureSet) set = recognize (TEST_DATA_DIR "/dfm_problems.stl");
  assert_int_equal (cam_feature_set_count (set, CAM_FEATURE_UNDERCUT), 1);
  const CamFeature *u = near (set, CAM_FEATURE_UNDERCUT, 5.0, 6.5);
  assert_close (u->bbox.min[1], 6.3, 0.01);
  assert_close (u->bbox.max[1], 6.7, 0.01);
  assert_close (u->bbox.min[2], 0.8, 0.01);
  assert_close (u->bbox.max[2], 1.2, 0.01);
  /* the other features of that part */
  const CamFeature *tiny = near (set, CAM_FEATURE_HOLE, 6.0, 2.0);
  assert_close (tiny->diameter_mm, 0.03, UM);
  const CamFeature *sharp = near (set, CAM_FEATURE_POCKET, 2.0, 1.5);
  assert_close (sharp->min_corner_radius_mm, 0.0, 1e-12);
  assert_close (set->thinnest_wall_mm, 0.03, UM);
  const CamFeature *deep = near (set, CAM_FEATURE_SLOT, 2.5, 4.15);
  assert_close (deep->depth_mm, 2.5, UM);
  assert_close (deep->min_width_mm, 0.3, UM);
}

static void
test_profile_radius_open_step_and_side_groove (void **state)
{
  (void) state;
  g_autoptr (CamFeatureSet) set = recognize (TEST_DATA_DIR "/dfm_profile.stl");
  /* the L's inside corner, R0.5, is the outline's only concave corner */
  const CamFeature *f = near (set, CAM_FEATURE_PROFILE, 4.25, 3.5);
  assert_close (f->min_corner_radius_mm, 0.5, UM);
  assert_true (hypot (f->corner_at[0] - 6.5, f->corner_at[1] - 4.5) < 0.5);
  assert_close (f->height_mm, 2.0, UM);
  /* the step along x = 0 is open to the side; its corners are on the outline, not inside */
  const CamFeature *step = near (set, CAM_FEATURE_SLOT, 0.5, 4.0);
  assert_true (step->open_side);
  assert_close (step->depth_mm, 0.5, UM);
  assert_close (step->min_width_mm, 1.0, UM);
  assert_true (isnan (step->min_corner_radius_mm));
  /* the sideways groove cannot be reached from +Z */
  assert_int_equal (cam_feature_set_count (set, CAM_FEATURE_UNDERCUT), 1);
  const CamFeature *u = near (set, CAM_FEATURE_UNDERCUT, 4.0, 0.25);
  assert_close (u->bbox.min[0], 3.0, UM);
  assert_close (u->bbox.max[0], 5.0, UM);
  assert_close (u->bbox.min[2], 0.8, UM);
  assert_close (u->bbox.max[2], 1.2, UM);
}

static void
test_bore_in_a_dome_is_one_hole_and_the_underside_an_undercut (void **state)
{
  (void) state;
  g_autoptr (CamFeatureSet) set = recognize (TEST_DATA_DIR "/dfm_dome.stl");
  assert_int_equal (cam_feature_set_count (set, CAM_FEATURE_HOLE), 1);
  const CamFeature *h = near (set, CAM_FEATURE_HOLE, 0, 0);
  assert_close (h->diameter_mm, 1.0, UM);
  assert_close (h->bottom_z, 1.0, UM);
  assert_string_equal (h->bottom, "flat");
  const CamFeature *u = near (set, CAM_FEATURE_UNDERCUT, 0, 0);
  assert_true (u->bbox.min[2] < -1.9 && u->bbox.max[2] <= 0.0 + 0.2);
}

static void
test_holes_in_a_pocket_floor_counterbore_and_countersink (void **state)
{
  (void) state;
  g_autoptr (CamFeatureSet) set = recognize (TEST_DATA_DIR "/dfm_nested.stl");
  assert_int_equal (cam_feature_set_count (set, CAM_FEATURE_HOLE), 5);
  assert_int_equal (cam_feature_set_count (set, CAM_FEATURE_POCKET), 1);
  const CamFeature *p = near (set, CAM_FEATURE_POCKET, 3.0, 2.5);
  assert_close (p->min_corner_radius_mm, 0.3, UM);
  /* holes start on the pocket's floor */
  const CamFeature *t = near (set, CAM_FEATURE_HOLE, 2, 2);
  assert_string_equal (t->parent, p->id);
  assert_close (t->top_z, 1.5, UM);
  assert_close (t->depth_mm, 1.5, UM);
  assert_int_equal (t->through, 1);
  const CamFeature *b = near (set, CAM_FEATURE_HOLE, 4, 3);
  assert_string_equal (b->parent, p->id);
  assert_close (b->depth_mm, 0.4, UM);
  assert_close (b->diameter_mm, 0.2, UM);
  /* counterbore: the D1 bore 0.3 deep, and the D0.5 hole through from its floor */
  const CamFeature *cb = NULL, *cbh = NULL;
  for (guint i = 0; i < set->features->len; i++)
    {
      const CamFeature *f = g_ptr_array_index (set->features, i);
      if (f->kind == CAM_FEATURE_HOLE && hypot (f->center[0] - 8, f->center[1] - 2) < 1e-3)
        {
          if (fabs (f->diameter_mm - 1.0) < UM)
            cb = f;
          else
            cbh = f;
        }
    }
  assert_non_null (cb);
  assert_non_null (cbh);
  assert_close (cb->depth_mm, 0.3, UM);
  assert_int_equal (cb->through, 0);
  assert_close (cbh->diameter_mm, 0.5, UM);
  assert_string_equal (cbh->parent, cb->id);
  assert_close (cbh->top_z, 1.7, UM);
  /* countersink: one hole, the bore's diameter, the cone reported at its mouth */
  const CamFeature *cs = near (set, CAM_FEATURE_HOLE, 8, 5);
  assert_close (cs->diameter_mm, 0.5, UM);
  assert_close (cs->depth_mm, 2.0, UM);
  assert_close (cs->countersink_diameter_mm, 1.0, 10 * UM);
  assert_close (cs->countersink_angle_deg, 90.0, 0.05);
  assert_true (isnan (t->countersink_diameter_mm));
}

static void
test_holes_on_a_bolt_circle (void **state)
{
  (void) state;
  g_autoptr (CamFeatureSet) set = recognize (TEST_DATA_DIR "/dfm_polar.stl");
  assert_int_equal (cam_feature_set_count (set, CAM_FEATURE_HOLE), 9);
  assert_int_equal (set->patterns->len, 1);
  const CamHolePattern *hp = g_ptr_array_index (set->patterns, 0);
  assert_int_equal (hp->count, 8);
  assert_true (hp->polar);
  assert_int_equal (hp->rows, 0);
  assert_close (hp->pcd_mm, 4.0, UM);
  assert_close (hp->pcd_center[0], 0.0, UM);
  assert_close (hp->pcd_center[1], 0.0, UM);
  assert_close (hp->diameter_mm, 0.2, UM);
  const CamFeature *c = near (set, CAM_FEATURE_HOLE, 0, 0);
  assert_null (c->pattern);
  assert_close (c->diameter_mm, 0.5, UM);
  /* the grid plate's pattern is a grid, not a circle */
  g_autoptr (CamFeatureSet) grid = recognize (SAMPLES_DIR "/a_plate_holes_pocket.stl");
  assert_false (((CamHolePattern *) g_ptr_array_index (grid->patterns, 0))->polar);
}

static void
test_spiral_channel_is_a_slot_with_thin_walls (void **state)
{
  (void) state;
  g_autoptr (CamFeatureSet) set = recognize (SAMPLES_DIR "/b_disk_spiral_channel.stl");
  assert_int_equal (cam_feature_set_count (set, CAM_FEATURE_SLOT), 1);
  assert_int_equal (cam_feature_set_count (set, CAM_FEATURE_HOLE), 0);
  const CamFeature *s = g_ptr_array_index (set->features, 0);
  assert_int_equal (s->kind, CAM_FEATURE_SLOT);
  assert_close (s->depth_mm, 0.2, UM);
  /* 0.5 wide measured radially; across the spiral's slope it is a little narrower */
  assert_true (s->min_width_mm > 0.47 && s->min_width_mm <= 0.5 + UM);
  assert_close (s->min_corner_radius_mm, 0.25, UM);
  assert_true (cam_feature_set_count (set, CAM_FEATURE_WALL) >= 1);
  assert_true (set->thinnest_wall_mm > 0.2 && set->thinnest_wall_mm <= 0.25 + UM);
}

static void
test_clean_part (void **state)
{
  (void) state;
  g_autoptr (CamFeatureSet) set = recognize (TEST_DATA_DIR "/dfm_clean.stl");
  assert_int_equal (set->features->len, 3);
  const CamFeature *h = near (set, CAM_FEATURE_HOLE, 5, 5);
  assert_close (h->diameter_mm, 2.0, UM);
  const CamFeature *p = near (set, CAM_FEATURE_POCKET, 13, 13);
  assert_close (p->min_corner_radius_mm, 1.0, UM);
  assert_close (p->min_width_mm, 6.0, UM);
}

static void
test_open_mesh_is_refused_with_a_clear_message (void **state)
{
  (void) state;
  /* a unit cube with its top facets missing */
  static const float facets[10][9] = {
    { 0, 0, 0, 0, 1, 0, 1, 1, 0 }, { 0, 0, 0, 1, 1, 0, 1, 0, 0 }, { 0, 0, 0, 1, 0, 0, 1, 0, 1 },
    { 0, 0, 0, 1, 0, 1, 0, 0, 1 }, { 0, 1, 0, 0, 1, 1, 1, 1, 1 }, { 0, 1, 0, 1, 1, 1, 1, 1, 0 },
    { 0, 0, 0, 0, 0, 1, 0, 1, 1 }, { 0, 0, 0, 0, 1, 1, 0, 1, 0 }, { 1, 0, 0, 1, 1, 0, 1, 1, 1 },
    { 1, 0, 0, 1, 1, 1, 1, 0, 1 },
  };
  CamTriSoup soup;
  cam_tri_soup_init (&soup);
  for (int i = 0; i < 10; i++)
    cam_tri_soup_add (&soup, facets[i]);
  g_autoptr (GError) error = NULL;
  g_autoptr (CamMesh) m = cam_mesh_new_from_soup (&soup, "open-box.stl", &error);
  cam_tri_soup_clear (&soup);
  assert_non_null (m);
  CamFeatureSet *set = cam_features_recognize (m, NULL, NULL, &error);
  assert_null (set);
  assert_true (g_error_matches (error, CAM_ERROR, CAM_ERROR_INVALID));
  assert_non_null (strstr (error->message, "not a closed solid"));
}

/* GEOS calls this before every check for an interrupt, which its heavy operations (noding,
 * overlay, validity, buffers) make as they go: the number of calls measures the geometry work
 * done, independently of the clock. At cancel_after calls it presses Cancel. */
static struct {
  guint calls;
  guint cancel_after;   /* 0: never */
  GCancellable *cancellable;
  guint calls_at_cancel;
} geos_work;

static void
count_geos_work (void)
{
  geos_work.calls++;
  if (geos_work.cancel_after > 0 && geos_work.calls == geos_work.cancel_after)
    {
      g_cancellable_cancel (geos_work.cancellable);
      geos_work.calls_at_cancel = geos_work.calls;
    }
}

static CamFeatureSet *
recognize_counting (CamMesh *m, GCancellable *c, guint cancel_after, GError **error)
{
  geos_work.calls = 0;
  geos_work.calls_at_cancel = 0;
  geos_work.cancel_after = cancel_after;
  geos_work.cancellable = c;
  GEOSInterruptCallback *before = GEOS_interruptRegisterCallback (count_geos_work);
  CamFeatureSet *set = cam_features_recognize (m, NULL, c, error);
  GEOS_interruptRegisterCallback (before);
  return set;
}

/* Cancel stops the work: pressed before the start, nothing is sliced; pressed as the slicing has
 * begun (at the first GEOS interrupt check), the recognition stops at the next band, far short of a
 * full run, and nothing is returned. (The recognizer looks at Cancel before each band it slices and
 * once after classifying: that is where these presses land.) */
static void
test_cancelled_recognition_stops (void **state)
{
  (void) state;
  g_autoptr (GError) error = NULL;
  /* a dome: many bands to slice (30) */
  g_autoptr (CamMesh) m = cam_mesh_load_file (TEST_DATA_DIR "/dfm_dome.stl", NULL, NULL, NULL, &error);
  assert_non_null (m);

  CamFeatureSet *full = recognize_counting (m, NULL, 0, &error);
  assert_non_null (full);
  const guint full_work = geos_work.calls;
  const guint bands = full->n_bands;
  cam_feature_set_unref (full);
  assert_true (full_work > 1000); /* else the counter measures nothing */
  assert_true (bands >= 10);

  g_autoptr (GCancellable) before = g_cancellable_new ();
  g_cancellable_cancel (before);
  CamFeatureSet *set = recognize_counting (m, before, 0, &error);
  assert_null (set);
  assert_true (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED));
  assert_int_equal (geos_work.calls, 0);
  g_clear_error (&error);

  g_autoptr (GCancellable) during = g_cancellable_new ();
  set = recognize_counting (m, during, 1, &error);
  assert_null (set);
  assert_true (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED));
  assert_int_equal (geos_work.calls_at_cancel, 1);
  print_message ("GEOS work: full run %u, cancelled at %u, stopped at %u (%u bands)\n", full_work,
                 geos_work.calls_at_cancel, geos_work.calls, bands);
  /* after the press at most the rest of one band's slicing: a small part of the whole */
  assert_true (geos_work.calls < full_work / 20);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_sample_plate_holes_and_pocket),
    cmocka_unit_test (test_fixture_holes_kinds_and_cone),
    cmocka_unit_test (test_fixture_pockets_slot_boss_walls),
    cmocka_unit_test (test_side_hole_is_an_undercut),
    cmocka_unit_test (test_profile_radius_open_step_and_side_groove),
    cmocka_unit_test (test_bore_in_a_dome_is_one_hole_and_the_underside_an_undercut),
    cmocka_unit_test (test_holes_in_a_pocket_floor_counterbore_and_countersink),
    cmocka_unit_test (test_holes_on_a_bolt_circle),
    cmocka_unit_test (test_spiral_channel_is_a_slot_with_thin_walls),
    cmocka_unit_test (test_clean_part),
    cmocka_unit_test (test_open_mesh_is_refused_with_a_clear_message),
    cmocka_unit_test (test_cancelled_recognition_stops),
  };
  return cmocka_run_group_tests (tests, NULL, NULL);
}
