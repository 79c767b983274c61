/* test-cam-report.c — the process sheet a machinist runs the job from: work zero in words and
 * numbers, the stock, coolant per tool, Q per peck operation, the unreachable features with the
 * process that makes them, a picture of the part with a label per feature (none overlapping),
 * human words instead of identifiers, and a note instead of the picture when the part is missing.
 * The expected values come from the job the planner made, never from the sheet. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "cam-analysis.h"
#include "cam-cutting.h"
#include "cam-plan.h"
#include "cam-report.h"
#include "cam-report-svg.h"
#include "part-gen.h"

/* 10 × 10 × 2 plate in 316L: four Ø0.2 through holes (10 diameters deep: peck drilling), a Ø0.07
 * hole no library tool makes, and a pocket with sharp inside corners no end mill forms. */
static const GenHole holes[] = {
  { 1.5, 1.5, 0.2 }, { 3.0, 1.5, 0.2 }, { 1.5, 3.0, 0.2 }, { 3.0, 3.0, 0.2 }, { 5.0, 2.0, 0.07 },
};
static const GenPocket pockets[] = {
  { 5.5, 5.5, 8.5, 7.5, 0.0, 0.2 },
};

typedef struct {
  CamLibrary *lib;
  CamMesh *mesh;
  CamAnalysis *analysis;
  CamJob *job;
} Planned;

static int
setup (void **state)
{
  Planned *p = g_new0 (Planned, 1);
  g_autoptr (GError) error = NULL;
  p->mesh = gen_plate (10, 10, 2, holes, G_N_ELEMENTS (holes), pockets, G_N_ELEMENTS (pockets), 48, &error);
  g_assert_no_error (error);
  p->lib = cam_library_new_with_config_dir (NULL);
  CamAnalysisOptions aopt = { "ss316l", "micro60k", 0, 0 };
  p->analysis = cam_analysis_run (p->mesh, p->lib, NULL, &aopt, NULL, &error);
  g_assert_no_error (error);
  CamPlanOptions opt;
  cam_plan_options_init (&opt);
  opt.material_id = "ss316l";
  opt.machine_id = "micro60k";
  opt.stock_margin_mm = 0.2;
  opt.origin = CAM_ORIGIN_CORNER;
  p->job = cam_plan_job (p->mesh, p->analysis->features, p->lib, &opt, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_free (p->job->part_path);
  p->job->part_path = g_strdup ("plate.stl");
  *state = p;
  return 0;
}

static int
teardown (void **state)
{
  Planned *p = *state;
  cam_job_unref (p->job);
  cam_analysis_unref (p->analysis);
  cam_mesh_unref (p->mesh);
  cam_library_free (p->lib);
  g_free (p);
  return 0;
}

static char *
sheet (const Planned *p, const CamJob *job)
{
  g_autoptr (CamReportPart) part = cam_report_part_new (job, p->lib, p->mesh, NULL);
  assert_null (part->problem);
  return cam_report_build_html (job, p->lib, part, "job");
}

/* The element with id='id' up to its row's (or table's) end, as a new string; fails the test when absent. */
static char *
element (const char *html, const char *id, const char *end)
{
  g_autofree char *key = g_strdup_printf ("id='%s'", id);
  const char *a = strstr (html, key);
  if (a == NULL)
    fail_msg ("no element %s", id);
  const char *b = strstr (a, end);
  assert_non_null (b);
  return g_strndup (a, b - a);
}

static guint
count (const char *html, const char *needle)
{
  guint n = 0;
  for (const char *at = strstr (html, needle); at; at = strstr (at + 1, needle))
    n++;
  return n;
}

static void
assert_contains (const char *haystack, const char *needle)
{
  if (strstr (haystack, needle) == NULL)
    fail_msg ("'%s' not in: %.2000s", needle, haystack);
}

/* A length as the sheet writes it: three decimals, a true minus sign, the unit. */
static char *
mm (double v)
{
  if (fabs (v) < 5e-4)
    v = 0;
  return g_strdup_printf ("%s%.3f mm", v < 0 ? "−" : "", fabs (v));
}

static void
test_sheet_gives_work_zero_and_stock (void **state)
{
  Planned *p = *state;
  g_autofree char *html = sheet (p, p->job);
  const CamJob *j = p->job;

  /* corner origin: X0 Y0 on the stock's corner, the model's numbers of work zero */
  g_autofree char *wz = element (html, "work-zero", "</tr>");
  assert_contains (wz, "front left corner");
  assert_contains (wz, "X0 is 0.000 mm right of the stock's left side");
  assert_contains (wz, "Y0 is 0.000 mm behind the stock's front side");
  assert_contains (wz, "Z0 is on the stock top");
  g_autofree char *ox = mm (j->work_offset[0]), *oz = mm (j->work_offset[2]);
  g_autofree char *model = g_strdup_printf ("work zero is at X %s, Y %s, Z %s", ox, ox, oz);
  assert_true (j->work_offset[0] < 0);   /* the stock's margin lies left of the model's X0 */
  assert_contains (wz, model);

  g_autofree char *stock = element (html, "stock", "</tr>");
  g_autofree char *size = g_strdup_printf ("%.3f × %.3f × %.3f mm", j->stock_max[0] - j->stock_min[0],
                                           j->stock_max[1] - j->stock_min[1], j->stock_max[2] - j->stock_min[2]);
  assert_contains (stock, size);
  assert_contains (stock, "10.400 × 10.400 × 2.200 mm");   /* 10 × 10 × 2 with 0.2 around and on top */

  g_autofree char *heights = element (html, "heights", "</tr>");
  g_autofree char *r = mm (cam_job_retract_z (j)), *c = mm (cam_job_clearance_z (j));
  g_autofree char *rz = g_strdup_printf ("retract plane (R) Z %s", r), *cz = g_strdup_printf ("clearance height Z %s", c);
  assert_contains (heights, rz);
  assert_contains (heights, cz);

  /* centre origin: work zero moves to the middle of the stock, the sheet says where */
  g_autoptr (CamJob) centred = cam_job_copy (p->job);
  cam_job_set_origin (centred, CAM_ORIGIN_CENTER);
  g_autofree char *html2 = sheet (p, centred);
  g_autofree char *wz2 = element (html2, "work-zero", "</tr>");
  assert_contains (wz2, "centre of the stock");
  g_autofree char *half = mm ((j->stock_max[0] - j->stock_min[0]) / 2);
  g_autofree char *x0 = g_strdup_printf ("X0 is %s right of the stock's left side", half);
  assert_contains (wz2, x0);
}

static void
test_sheet_gives_coolant_per_tool (void **state)
{
  Planned *p = *state;
  g_autoptr (CamJob) job = cam_job_copy (p->job);
  assert_true (job->tools->len >= 2);
  cam_job_tool (job, 0)->coolant = CAM_COOLANT_FLOOD;
  cam_job_tool (job, 1)->coolant = CAM_COOLANT_OFF;
  g_autofree char *html = sheet (p, job);
  g_autofree char *tools = element (html, "tools", "</table>");
  static const char *words[] = { "none (dry)", "mist", "flood" };
  assert_int_equal (count (tools, "<tr class='tool'>"), job->tools->len);
  for (guint t = 0; t < job->tools->len; t++)
    {
      const CamJobTool *jt = cam_job_tool (job, t);
      g_autofree char *row_key = g_strdup_printf ("<tr class='tool'><td>T%u</td>", jt->number);
      const char *row = strstr (tools, row_key);
      assert_non_null (row);
      g_autofree char *one = g_strndup (row, strstr (row, "</tr>") - row);
      g_autofree char *cell = g_strdup_printf ("<td class='coolant'>%s</td>", words[jt->coolant]);
      assert_contains (one, cell);
    }
}

static void
test_sheet_gives_q_of_every_peck_op (void **state)
{
  Planned *p = *state;
  g_autofree char *html = sheet (p, p->job);
  guint n_peck = 0;
  for (guint i = 0; i < p->job->ops->len; i++)
    {
      const CamJobOp *op = cam_job_op (p->job, i);
      if (op->kind != CAM_JOB_OP_PECK)
        continue;
      n_peck++;
      double q = INFINITY, r = NAN;
      for (gsize m = 0; m < p->job->toolpath->moves->len; m++)
        {
          const CamMove *mv = cam_toolpath_move (p->job->toolpath, m);
          if (mv->op_index == i && mv->type == CAM_MOVE_CYCLE)
            q = MIN (q, mv->q_mm), r = mv->r_z;
        }
      assert_true (isfinite (q) && q > 0);
      g_autofree char *id = g_strdup_printf ("drill-%s", op->id);
      g_autofree char *row = element (html, id, "</tr>");
      g_autofree char *qs = g_strdup_printf ("Q %.4f mm", q);
      assert_contains (row, qs);
      assert_contains (row, op->cycle == CAM_CYCLE_CHIPBREAK ? "G73" : "G83");
      g_autofree char *rs = mm (r);
      assert_contains (row, rs);
    }
  assert_true (n_peck > 0);
}

static void
test_sheet_lists_unreachable_with_process (void **state)
{
  Planned *p = *state;
  g_autoptr (CamJob) job = cam_job_copy (p->job);
  /* the planner's (the tiny hole, the sharp corners), and one with a process and no feature */
  assert_true (job->unreachable->len >= 1);
  CamUnreachable *u = cam_job_add_unreachable (job, NULL, "a slot narrower than every end mill", 7, 8, 0.25);
  u->process = g_strdup ("laser");
  g_autofree char *html = sheet (p, job);
  g_autofree char *table = element (html, "unreachable", "</table>");
  assert_int_equal (count (table, "<tr class='unreachable'>"), job->unreachable->len);
  guint areas = 0;
  const char *row = table;
  for (guint i = 0; i < job->unreachable->len; i++)
    {
      const CamUnreachable *e = g_ptr_array_index (job->unreachable, i);
      row = strstr (row + 1, "<tr class='unreachable'>");
      assert_non_null (row);
      g_autofree char *one = g_strndup (row, strstr (row, "</tr>") - row);
      g_autofree char *reason = g_markup_escape_text (e->reason, -1);
      assert_contains (one, reason);
      const char *process = e->process == NULL ? "no other process named"
                            : strcmp (e->process, "laser") == 0 ? "laser drilling or cutting"
                            : strcmp (e->process, "micro-edm") == 0 ? "micro-EDM (spark erosion)" : e->process;
      g_autofree char *cell = g_strdup_printf ("<td class='process'>%s</td>", process);
      assert_contains (one, cell);
      g_autofree char *x = mm (e->x - job->work_offset[0]), *y = mm (e->y - job->work_offset[1]);
      g_autofree char *where = g_strdup_printf ("X %s, Y %s", x, y);
      assert_contains (one, where);
      if (e->area_mm2 > 0)
        {
          g_autofree char *area = g_strdup_printf ("%.4f mm²", e->area_mm2);
          assert_contains (one, area);
        }
      else
        assert_contains (one, "the whole feature");
      areas += e->feature_id == NULL || e->area_mm2 > 0;
    }
  assert_contains (table, "laser drilling or cutting");
  /* each is marked red on the picture: the features' numbers and the areas' letters */
  assert_true (count (html, "class='mark unreachable'") >= areas + 1);
  assert_contains (html, ">A</text>");
}

/* Boxes of class label-box as x, y, w, h. */
static GArray *
label_boxes (const char *svg)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (double));  /* 4 a box */
  g_autoptr (GRegex) re = g_regex_new ("class='label-box' x='([-0-9.]+)' y='([-0-9.]+)' width='([0-9.]+)' "
                                       "height='([0-9.]+)'", 0, 0, NULL);
  g_autoptr (GMatchInfo) mi = NULL;
  g_regex_match (re, svg, 0, &mi);
  while (g_match_info_matches (mi))
    {
      double b[4];
      for (int k = 0; k < 4; k++)
        {
          g_autofree char *v = g_match_info_fetch (mi, k + 1);
          b[k] = g_ascii_strtod (v, NULL);
        }
      g_array_append_vals (out, b, 4);
      g_match_info_next (mi, NULL);
    }
  return out;
}

static void
test_picture_labels_every_feature_without_overlap (void **state)
{
  Planned *p = *state;
  g_autofree char *html = sheet (p, p->job);
  const char *a = strstr (html, "<svg class='part-picture'");
  assert_non_null (a);
  g_autofree char *svg = g_strndup (a, strstr (a, "</svg>") - a);
  guint areas = 0;
  for (guint i = 0; i < p->job->unreachable->len; i++)
    {
      /* an area left uncut gets a letter of its own; a whole feature keeps its number */
      const CamUnreachable *u = g_ptr_array_index (p->job->unreachable, i);
      areas += u->feature_id == NULL || u->area_mm2 > 0;
    }
  assert_true (areas >= 1);   /* the pocket's sharp corners */
  guint n_features = p->analysis->features->features->len;
  assert_true (n_features >= 7);   /* 5 holes, the pocket, the profile */
  assert_int_equal (count (html, "<tr class='feature'>"), n_features);
  assert_int_equal (count (svg, "class='feature-label'"), n_features + areas);
  /* every feature's number is on the picture */
  for (guint i = 1; i <= n_features; i++)
    {
      g_autofree char *label = g_strdup_printf ("class='feature-label'[^>]*>%u</text>", i);
      assert_true (g_regex_match_simple (label, svg, 0, 0));
    }
  /* no two labels overlap (feature numbers, work zero, the stock's sizes) */
  g_autoptr (GArray) boxes = label_boxes (svg);
  guint n_boxes = boxes->len / 4;
  assert_true (n_boxes >= n_features + 4);
  for (guint i = 0; i < n_boxes; i++)
    for (guint k = i + 1; k < n_boxes; k++)
      {
        const double *b = &g_array_index (boxes, double, 4 * i), *c = &g_array_index (boxes, double, 4 * k);
        gboolean overlap = b[0] < c[0] + c[2] && c[0] < b[0] + b[2] && b[1] < c[1] + c[3] && c[1] < b[1] + b[3];
        if (overlap)
          fail_msg ("labels %u and %u overlap", i, k);
      }
  /* the triad and the stock's sizes, with units */
  assert_contains (svg, "work zero X0 Y0 Z0");
  assert_contains (svg, ">X 10.400 mm<");
  assert_contains (svg, ">Z 2.200 mm<");
}

static void
test_missing_part_gives_a_note (void **state)
{
  Planned *p = *state;
  g_autoptr (CamJob) job = cam_job_copy (p->job);
  g_free (job->part_path);
  job->part_path = g_strdup ("/nonexistent/folder/gone.stl");
  g_autoptr (CamReportPart) part = cam_report_part_new (job, p->lib, NULL, NULL);
  assert_null (part->mesh);
  assert_non_null (part->problem);
  assert_contains (part->problem, "/nonexistent/folder/gone.stl");
  g_autofree char *html = cam_report_build_html (job, p->lib, part, "job");
  g_autofree char *note = element (html, "no-picture", "</p>");
  assert_contains (note, "/nonexistent/folder/gone.stl is missing");
  assert_null (strstr (html, "part-picture"));
  /* the rest of the sheet is still there */
  assert_non_null (strstr (html, "id='work-zero'"));
  assert_non_null (strstr (html, "id='drilling'"));
}

/* What a reader sees: the text outside tags, styles and pictures. */
static char *
visible_text (const char *html)
{
  g_autoptr (GRegex) drop = g_regex_new ("<svg.*?</svg>|<style.*?</style>|<code>.*?</code>|<[^>]*>",
                                         G_REGEX_DOTALL, 0, NULL);
  return g_regex_replace_literal (drop, html, -1, 0, " ", 0, NULL);
}

static void
test_sheet_uses_words_not_identifiers (void **state)
{
  Planned *p = *state;
  g_autofree char *html = sheet (p, p->job);
  g_autofree char *text = visible_text (html);
  g_autoptr (GRegex) ident = g_regex_new ("\\b[a-z]+_[a-z_]+\\b", 0, 0, NULL);
  g_autoptr (GMatchInfo) mi = NULL;
  if (g_regex_match (ident, text, 0, &mi))
    {
      g_autofree char *w = g_match_info_fetch (mi, 0);
      fail_msg ("identifier '%s' in the sheet", w);
    }
  assert_false (g_regex_match_simple ("\\bnan\\b|\\binf\\b", text, G_REGEX_CASELESS, 0));
  for (int l = CAM_LIMIT_MATERIAL; l <= CAM_LIMIT_MACHINE_MAX_FEED; l++)
    if (strchr (cam_limit_to_string ((CamLimit) l), '_'))
      assert_null (strstr (text, cam_limit_to_string ((CamLimit) l)));
  /* operations by what they do */
  assert_contains (text, "peck drilling");
  assert_contains (text, "pocket milling");
}

/* A unit cube, or a w × w height field of n × n cells with a bumpy top (many facets). */
static CamMesh *
field_mesh (guint n, double bump)
{
  CamTriSoup soup;
  cam_tri_soup_init (&soup);
  double h = 1.0 / n;
#define Z(i, j) (1.0 + bump * sin ((i) * 1.7) * cos ((j) * 2.3))
  for (guint i = 0; i < n; i++)
    for (guint j = 0; j < n; j++)
      {
        double x0 = i * h, x1 = x0 + h, y0 = j * h, y1 = y0 + h;
        float t1[9] = { x0, y0, Z (i, j), x1, y0, Z (i + 1, j), x1, y1, Z (i + 1, j + 1) };
        float t2[9] = { x0, y0, Z (i, j), x1, y1, Z (i + 1, j + 1), x0, y1, Z (i, j + 1) };
        cam_tri_soup_add (&soup, t1);
        cam_tri_soup_add (&soup, t2);
      }
  /* the base and two of the sides the viewer sees (front y = 0, right x = 1) */
  float base1[9] = { 0, 0, 0, 1, 1, 0, 1, 0, 0 }, base2[9] = { 0, 0, 0, 0, 1, 0, 1, 1, 0 };
  float f1[9] = { 0, 0, 0, 1, 0, 0, 1, 0, 1 }, f2[9] = { 0, 0, 0, 1, 0, 1, 0, 0, 1 };
  float r1[9] = { 1, 0, 0, 1, 1, 0, 1, 1, 1 }, r2[9] = { 1, 0, 0, 1, 1, 1, 1, 0, 1 };
  cam_tri_soup_add (&soup, base1);
  cam_tri_soup_add (&soup, base2);
  cam_tri_soup_add (&soup, f1);
  cam_tri_soup_add (&soup, f2);
  cam_tri_soup_add (&soup, r1);
  cam_tri_soup_add (&soup, r2);
#undef Z
  g_autoptr (GError) error = NULL;
  CamMesh *m = cam_mesh_new_from_soup (&soup, "field", &error);
  g_assert_no_error (error);
  cam_tri_soup_clear (&soup);
  return m;
}

static guint
distinct_fills (const char *svg)
{
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GRegex) re = g_regex_new ("<rect x='[^']*' y='[^']*' width='[^']*' height='[^']*' fill='(#[0-9a-f]{6})'",
                                       0, 0, NULL);
  g_autoptr (GMatchInfo) mi = NULL;
  g_regex_match (re, svg, 0, &mi);
  while (g_match_info_matches (mi))
    {
      g_hash_table_add (seen, g_match_info_fetch (mi, 1));
      g_match_info_next (mi, NULL);
    }
  return g_hash_table_size (seen);
}

/* The top, the front and the right face of a block get tones of their own; a bumpy top of 180 000
 * facets costs a picture no bigger than the grid allows. */
static void
test_picture_shades_faces_and_caps_its_size (void **state)
{
  (void) state;
  CamReportSvgOptions o = { .stock_max = { 1, 1, 1 } };
  g_autoptr (CamMesh) block = field_mesh (1, 0);
  g_autofree char *svg = cam_report_svg_iso (block, &o, NULL, 0);
  /* three faces, each lit and edged: at least 3 tones of face, 3 of edge */
  assert_true (distinct_fills (svg) >= 6);
  assert_true (g_str_has_prefix (svg, "<svg class='part-picture'"));

  g_autoptr (CamMesh) bumpy = field_mesh (300, 0.05);
  assert_true (bumpy->n_triangles > 180000);
  gint64 t0 = g_get_monotonic_time ();
  g_autofree char *big = cam_report_svg_iso (bumpy, &o, NULL, 0);
  double s = (g_get_monotonic_time () - t0) / 1e6;
  /* 320 × 270 cells at most, each one <rect> at worst */
  assert_true (count (big, "<rect") <= 320u * 270u);
  assert_true (strlen (big) < 4u * 1024 * 1024);
  assert_true (s < 5.0);
  assert_true (distinct_fills (big) > distinct_fills (svg));   /* the bumps show */
}

/* 25 holes 0.2 mm apart in a 10 mm stock (6 px apart on the picture): their labels cannot sit by
 * their markers, and still none overlaps another, a marker or an axis letter's box. */
static void
test_crowded_labels_do_not_overlap (void **state)
{
  (void) state;
  CamReportSvgOptions o = { .stock_max = { 10, 10, 1 } };
  g_autoptr (CamMesh) block = field_mesh (1, 0);
  CamReportMark marks[25];
  for (guint i = 0; i < 25; i++)
    {
      marks[i] = (CamReportMark) { .at = { 0.1 + 0.2 * (i % 5), 0.1 + 0.2 * (i / 5), 1 }, .unreachable = i == 7 };
      g_snprintf (marks[i].label, sizeof marks[i].label, "%u", i + 1);
    }
  g_autofree char *svg = cam_report_svg_iso (block, &o, marks, G_N_ELEMENTS (marks));
  assert_int_equal (count (svg, "class='feature-label'"), 25);
  assert_int_equal (count (svg, "class='mark unreachable'"), 1);
  g_autoptr (GArray) boxes = label_boxes (svg);
  guint n = boxes->len / 4;
  assert_int_equal (n, 25 + 4);   /* the marks, work zero, three sizes */
  for (guint i = 0; i < n; i++)
    for (guint k = i + 1; k < n; k++)
      {
        const double *b = &g_array_index (boxes, double, 4 * i), *c = &g_array_index (boxes, double, 4 * k);
        if (b[0] < c[0] + c[2] && c[0] < b[0] + b[2] && b[1] < c[1] + c[3] && c[1] < b[1] + b[3])
          fail_msg ("labels %u and %u overlap", i, k);
      }
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_sheet_gives_work_zero_and_stock),
    cmocka_unit_test (test_sheet_gives_coolant_per_tool),
    cmocka_unit_test (test_sheet_gives_q_of_every_peck_op),
    cmocka_unit_test (test_sheet_lists_unreachable_with_process),
    cmocka_unit_test (test_picture_labels_every_feature_without_overlap),
    cmocka_unit_test (test_missing_part_gives_a_note),
    cmocka_unit_test (test_sheet_uses_words_not_identifiers),
    cmocka_unit_test (test_picture_shades_faces_and_caps_its_size),
    cmocka_unit_test (test_crowded_labels_do_not_overlap),
  };
  return cmocka_run_group_tests (tests, setup, teardown);
}
