/* cam-feature-set.c — the list of recognised features, ids and hole patterns.
 *
 * Hole patterns: holes of equal diameter, depth and kind (through/blind) within 1 µm
 * are one pattern; when their centres fill a rows × cols grid (every x of the set with
 * every y) the grid and its pitch are reported, as a drawing would dimension it; when they sit
 * on one circle at equal angles (three or more), the bolt circle's diameter and centre. */
#include "cam-features-private.h"

#include <math.h>
#include <string.h>

static const char *const kind_names[] = { "hole", "pocket", "slot", "wall", "profile", "boss", "undercut" };
static const char kind_prefix[] = { 'H', 'P', 'S', 'W', 'F', 'B', 'U' };

const char *
cam_feature_kind_to_string (CamFeatureKind kind)
{
  return (guint) kind < G_N_ELEMENTS (kind_names) ? kind_names[kind] : "unknown";
}

void
cam_feature_options_init (CamFeatureOptions *opts)
{
  opts->wall_report_mm = 0.5;
  opts->round_tol_mm = 2e-4;
  opts->sharp_deg = 25.0;
  opts->slot_ratio = 3.0;
  opts->max_bands = 256;
}

static void
ring_free (gpointer p)
{
  g_array_unref (p);
}

CamFeature *
cam_feature_new (CamFeatureKind kind)
{
  CamFeature *f = g_new0 (CamFeature, 1);
  f->kind = kind;
  f->diameter_mm = f->depth_mm = f->min_width_mm = f->length_mm = NAN;
  f->min_corner_radius_mm = f->thickness_mm = f->height_mm = NAN;
  f->tip_angle_deg = f->tip_depth_mm = NAN;
  f->countersink_diameter_mm = f->countersink_angle_deg = NAN;
  f->through = -1;
  f->outline = g_ptr_array_new_with_free_func (ring_free);
  return f;
}

void
cam_feature_free (CamFeature *f)
{
  if (f == NULL)
    return;
  g_free (f->id);
  g_free (f->bottom);
  g_free (f->parent);
  g_free (f->pattern);
  g_ptr_array_unref (f->outline);
  g_free (f);
}

static void
pattern_free (gpointer p)
{
  CamHolePattern *hp = p;
  g_free (hp->id);
  g_ptr_array_unref (hp->members);
  g_free (hp);
}

CamFeatureSet *
cam_feature_set_new (void)
{
  CamFeatureSet *set = g_new0 (CamFeatureSet, 1);
  set->ref_count = 1;
  set->features = g_ptr_array_new_with_free_func ((GDestroyNotify) cam_feature_free);
  set->patterns = g_ptr_array_new_with_free_func (pattern_free);
  set->section_rings = g_ptr_array_new_with_free_func (ring_free);
  set->warnings = g_ptr_array_new_with_free_func (g_free);
  set->thinnest_wall_mm = G_MAXDOUBLE;
  return set;
}

CamFeatureSet *
cam_feature_set_ref (CamFeatureSet *set)
{
  g_atomic_int_inc (&set->ref_count);
  return set;
}

void
cam_feature_set_unref (CamFeatureSet *set)
{
  if (set == NULL || !g_atomic_int_dec_and_test (&set->ref_count))
    return;
  g_ptr_array_unref (set->features);
  g_ptr_array_unref (set->patterns);
  g_ptr_array_unref (set->section_rings);
  g_ptr_array_unref (set->warnings);
  g_free (set);
}

const CamFeature *
cam_feature_set_find (const CamFeatureSet *set, const char *id)
{
  for (guint i = 0; id != NULL && i < set->features->len; i++)
    {
      const CamFeature *f = g_ptr_array_index (set->features, i);
      if (g_strcmp0 (f->id, id) == 0)
        return f;
    }
  return NULL;
}

guint
cam_feature_set_count (const CamFeatureSet *set, CamFeatureKind kind)
{
  guint n = 0;
  for (guint i = 0; i < set->features->len; i++)
    n += ((const CamFeature *) g_ptr_array_index (set->features, i))->kind == kind;
  return n;
}

typedef struct {
  CamFeature *f;
  guint orig;
} Slot;

/* kind, then top down, then row by row (y) and along the row (x), to 1 µm */
static int
compare_features (gconstpointer a, gconstpointer b)
{
  const CamFeature *fa = ((const Slot *) a)->f, *fb = ((const Slot *) b)->f;
  if (fa->kind != fb->kind)
    return (int) fa->kind - (int) fb->kind;
  const double q = 1e-3;
  if (fabs (fa->top_z - fb->top_z) > q)
    return fa->top_z > fb->top_z ? -1 : 1;
  if (fabs (fa->center[1] - fb->center[1]) > q)
    return fa->center[1] < fb->center[1] ? -1 : 1;
  if (fabs (fa->center[0] - fb->center[0]) > q)
    return fa->center[0] < fb->center[0] ? -1 : 1;
  return (fa->center[2] > fb->center[2]) - (fa->center[2] < fb->center[2]);
}

static int
cmp_double (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

static guint
distinct_sorted (double *v, guint n, double tol)
{
  qsort (v, n, sizeof (double), (int (*) (const void *, const void *)) cmp_double);
  guint m = 0;
  for (guint i = 0; i < n; i++)
    if (m == 0 || v[i] - v[m - 1] > tol)
      v[m++] = v[i];
  return m;
}

static int
cmp_angle (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

/* Centres on one circle (to 1 µm) at equal angular steps (to 0.01°). */
static void
polar_pattern (CamHolePattern *hp, GPtrArray *members, double tol)
{
  guint n = members->len;
  double cx = 0, cy = 0;
  for (guint k = 0; k < n; k++)
    {
      const CamFeature *m = g_ptr_array_index (members, k);
      cx += m->center[0] / n;
      cy += m->center[1] / n;
    }
  g_autofree double *ang = g_new (double, n);
  double r0 = -1;
  for (guint k = 0; k < n; k++)
    {
      const CamFeature *m = g_ptr_array_index (members, k);
      double r = hypot (m->center[0] - cx, m->center[1] - cy);
      if (r < 10 * tol || (r0 >= 0 && fabs (r - r0) > tol))
        return;
      r0 = r0 < 0 ? r : r0;
      ang[k] = atan2 (m->center[1] - cy, m->center[0] - cx);
    }
  qsort (ang, n, sizeof (double), (int (*) (const void *, const void *)) cmp_angle);
  double step = 2 * G_PI / n;
  for (guint k = 0; k < n; k++)
    {
      double d = (k + 1 < n ? ang[k + 1] : ang[0] + 2 * G_PI) - ang[k];
      if (fabs (d - step) > 0.01 * G_PI / 180.0)
        return;
    }
  hp->polar = TRUE;
  hp->pcd_mm = 2 * r0;
  hp->pcd_center[0] = cx;
  hp->pcd_center[1] = cy;
}

static void
group_patterns (CamFeatureSet *set)
{
  const double tol = 1e-3; /* 1 µm, in mm */
  GPtrArray *holes = g_ptr_array_new ();
  for (guint i = 0; i < set->features->len; i++)
    {
      CamFeature *f = g_ptr_array_index (set->features, i);
      if (f->kind == CAM_FEATURE_HOLE)
        g_ptr_array_add (holes, f);
    }
  g_autofree guint8 *done = g_new0 (guint8, holes->len + 1);
  for (guint i = 0; i < holes->len; i++)
    {
      if (done[i])
        continue;
      CamFeature *a = g_ptr_array_index (holes, i);
      GPtrArray *members = g_ptr_array_new ();
      for (guint j = i; j < holes->len; j++)
        {
          CamFeature *b = g_ptr_array_index (holes, j);
          if (done[j] || fabs (a->diameter_mm - b->diameter_mm) > tol || fabs (a->depth_mm - b->depth_mm) > tol
              || a->through != b->through || fabs (a->top_z - b->top_z) > tol)
            continue;
          done[j] = 1;
          g_ptr_array_add (members, b);
        }
      if (members->len < 2)
        {
          g_ptr_array_free (members, TRUE);
          continue;
        }
      CamHolePattern *hp = g_new0 (CamHolePattern, 1);
      hp->id = g_strdup_printf ("HP%u", set->patterns->len + 1);
      hp->diameter_mm = a->diameter_mm;
      hp->depth_mm = a->depth_mm;
      hp->through = a->through == 1;
      hp->count = members->len;
      hp->members = g_ptr_array_new_with_free_func (g_free);
      g_autofree double *xs = g_new (double, members->len);
      g_autofree double *ys = g_new (double, members->len);
      for (guint k = 0; k < members->len; k++)
        {
          CamFeature *m = g_ptr_array_index (members, k);
          g_ptr_array_add (hp->members, g_strdup (m->id));
          g_free (m->pattern);
          m->pattern = g_strdup (hp->id);
          xs[k] = m->center[0];
          ys[k] = m->center[1];
        }
      guint nx = distinct_sorted (xs, members->len, tol), ny = distinct_sorted (ys, members->len, tol);
      if (nx * ny == members->len && (nx > 1 || ny > 1))
        {
          /* a full grid only if the spacing is even along each axis */
          gboolean even = TRUE;
          for (guint k = 2; k < nx; k++)
            even &= fabs ((xs[k] - xs[k - 1]) - (xs[1] - xs[0])) <= tol;
          for (guint k = 2; k < ny; k++)
            even &= fabs ((ys[k] - ys[k - 1]) - (ys[1] - ys[0])) <= tol;
          if (even)
            {
              hp->cols = nx;
              hp->rows = ny;
              hp->pitch_x_mm = nx > 1 ? (xs[nx - 1] - xs[0]) / (nx - 1) : 0.0;
              hp->pitch_y_mm = ny > 1 ? (ys[ny - 1] - ys[0]) / (ny - 1) : 0.0;
            }
        }
      if (hp->rows == 0 && members->len >= 3)
        polar_pattern (hp, members, tol);
      g_ptr_array_add (set->patterns, hp);
      g_ptr_array_free (members, TRUE);
    }
  g_ptr_array_free (holes, TRUE);
}

void
cam_feature_set_finish (CamFeatureSet *set, const int *parents)
{
  guint n = set->features->len;
  g_autofree Slot *slots = g_new (Slot, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    {
      slots[i].f = g_ptr_array_index (set->features, i);
      slots[i].orig = i;
    }
  qsort (slots, n, sizeof (Slot), (int (*) (const void *, const void *)) compare_features);
  guint counters[G_N_ELEMENTS (kind_prefix)] = { 0 };
  g_autofree CamFeature **by_orig = g_new (CamFeature *, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    {
      CamFeature *f = slots[i].f;
      f->id = g_strdup_printf ("%c%u", kind_prefix[f->kind], ++counters[f->kind]);
      by_orig[slots[i].orig] = f;
    }
  for (guint i = 0; parents != NULL && i < n; i++)
    if (parents[i] >= 0 && (guint) parents[i] < n)
      by_orig[i]->parent = g_strdup (by_orig[parents[i]]->id);
  /* reorder the array itself without freeing */
  g_ptr_array_set_free_func (set->features, NULL);
  g_ptr_array_set_size (set->features, 0);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (set->features, slots[i].f);
  g_ptr_array_set_free_func (set->features, (GDestroyNotify) cam_feature_free);
  group_patterns (set);
}
