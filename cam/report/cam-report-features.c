/* cam-report-features.c — the part's features numbered once for the whole sheet: the picture
 * (cam-report-svg.c) labels each with its number, the features table says what it is, where it
 * is and which operations cut it, and the unreachable table marks the ones the plan cannot
 * machine with the process that can. Areas the plan leaves (corners too tight for every tool)
 * are no feature: they get letters (A, B, …) in the picture and the table. */
#include "cam-report-private.h"
#include "cam-dfm-html.h"
#include "cam-report-svg.h"

#include <math.h>
#include <string.h>

static void
feature_free (ReportFeature *f)
{
  g_free (f->id);
  g_free (f->words);
  g_string_free (f->ops, TRUE);
  g_free (f);
}

static ReportFeature *
feature_add (ReportFeatures *rf, const char *id, char *words, double x, double y, double z)
{
  ReportFeature *f = g_new0 (ReportFeature, 1);
  f->number = rf->features->len + 1;
  f->id = g_strdup (id);
  f->words = words;
  f->at[0] = x, f->at[1] = y, f->at[2] = z;
  f->floor_z = NAN;
  f->ops = g_string_new (NULL);
  g_ptr_array_add (rf->features, f);
  if (f->id)
    g_hash_table_insert (rf->by_id, f->id, f);
  return f;
}

static void
feature_add_op (ReportFeature *f, const char *op_id)
{
  /* an op names a feature once, but a hole is also in the op's list: no op twice */
  g_auto (GStrv) have = g_strsplit (f->ops->str, ", ", -1);
  if (g_strv_contains ((const char *const *) have, op_id))
    return;
  g_string_append_printf (f->ops, "%s%s", f->ops->len ? ", " : "", op_id);
}

/* "A", "B", … "Z", "AA", "AB" … */
static char *
letters (guint i)
{
  char buf[8];
  int n = 0;
  char rev[8];
  do
    {
      rev[n++] = (char) ('A' + i % 26);
      i = i / 26;
    }
  while (i-- > 0 && n < 7);
  for (int k = 0; k < n; k++)
    buf[k] = rev[n - 1 - k];
  buf[n] = 0;
  return g_strdup (buf);
}

ReportFeatures *
report_features_new (const CamJob *job, const CamFeatureSet *fs)
{
  ReportFeatures *rf = g_new0 (ReportFeatures, 1);
  rf->features = g_ptr_array_new_with_free_func ((GDestroyNotify) feature_free);
  rf->by_id = g_hash_table_new (g_str_hash, g_str_equal);
  rf->marks = g_ptr_array_new_with_free_func (g_free);
  double top = job->part_max[2];

  /* 1. the part's own features, as recognised (the ids the planner and DFM use) */
  for (guint i = 0; fs && i < fs->features->len; i++)
    {
      const CamFeature *f = g_ptr_array_index (fs->features, i);
      double z = isfinite (f->top_z) ? f->top_z : f->bbox.max[2];
      ReportFeature *rfe = feature_add (rf, f->id, report_feature_words (f), f->center[0], f->center[1], z);
      rfe->floor_z = isfinite (f->bottom_z) ? f->bottom_z : f->bbox.min[2];
    }
  /* 2. what the operations cut: their holes (with where they are) and named features */
  for (guint i = 0; i < job->ops->len; i++)
    {
      const CamJobOp *op = cam_job_op (job, i);
      for (guint h = 0; op->holes && h < op->holes->len; h++)
        {
          const CamJobHole *hole = &g_array_index (op->holes, CamJobHole, h);
          if (hole->feature_id == NULL)
            continue;
          ReportFeature *f = g_hash_table_lookup (rf->by_id, hole->feature_id);
          if (f == NULL)
            f = feature_add (rf, hole->feature_id,
                             g_strdup_printf ("hole Ø%.3f mm, %.3f mm deep", hole->diameter_mm,
                                              hole->top_z - hole->bottom_z),
                             hole->x, hole->y, hole->top_z + job->work_offset[2]);
          feature_add_op (f, op->id);
        }
      g_auto (GStrv) ids = op->feature_id ? g_strsplit (op->feature_id, ",", -1) : NULL;
      for (guint k = 0; ids && ids[k]; k++)
        {
          g_strstrip (ids[k]);
          if (!*ids[k])
            continue;
          ReportFeature *f = g_hash_table_lookup (rf->by_id, ids[k]);
          if (f == NULL)
            f = feature_add (rf, ids[k], g_strdup ("feature (the part was not analysed)"), NAN, NAN, NAN);
          feature_add_op (f, op->id);
        }
    }
  /* 3. what no tool reaches: a whole feature is marked with its number; an area left uncut (in a
   *    feature or not) gets a letter at its place */
  guint n_areas = 0;
  for (guint i = 0; i < job->unreachable->len; i++)
    {
      const CamUnreachable *u = g_ptr_array_index (job->unreachable, i);
      ReportFeature *f = u->feature_id ? g_hash_table_lookup (rf->by_id, u->feature_id) : NULL;
      if (f == NULL && u->feature_id)
        f = feature_add (rf, u->feature_id, g_strdup ("feature (the part was not analysed)"), u->x, u->y, top);
      if (f && u->area_mm2 > 0)
        {
          f->left_mm2 += u->area_mm2;
          g_ptr_array_add (rf->marks, letters (n_areas++));
        }
      else if (f)
        {
          f->unreachable = TRUE;
          if (!isfinite (f->at[0]))
            f->at[0] = u->x, f->at[1] = u->y, f->at[2] = top;
          g_ptr_array_add (rf->marks, g_strdup_printf ("%u", f->number));
        }
      else
        g_ptr_array_add (rf->marks, letters (n_areas++));
    }
  return rf;
}

void
report_features_free (ReportFeatures *rf)
{
  if (rf == NULL)
    return;
  g_ptr_array_unref (rf->features);
  g_hash_table_unref (rf->by_id);
  g_ptr_array_unref (rf->marks);
  g_free (rf);
}

static int
cmp_uint (gconstpointer a, gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;
  return x < y ? -1 : x > y;
}

char *
report_feature_numbers (const ReportFeatures *rf, const char *ids)
{
  g_auto (GStrv) v = ids ? g_strsplit (ids, ",", -1) : NULL;
  g_autoptr (GArray) n = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint k = 0; v && v[k]; k++)
    {
      const ReportFeature *f = g_hash_table_lookup (rf->by_id, g_strstrip (v[k]));
      if (f)
        g_array_append_val (n, f->number);
    }
  g_array_sort (n, cmp_uint);
  GString *s = g_string_new (NULL);
  for (guint i = 0; i < n->len;)
    {
      guint j = i;
      while (j + 1 < n->len && g_array_index (n, guint, j + 1) <= g_array_index (n, guint, j) + 1)
        j++;
      guint a = g_array_index (n, guint, i), b = g_array_index (n, guint, j);
      g_string_append_printf (s, "%s%u", s->len ? ", " : "", a);
      if (b > a)
        g_string_append_printf (s, "%s%u", b > a + 1 ? "–" : ", ", b);
      i = j + 1;
    }
  return g_string_free (s, FALSE);
}

/* The job's model point in program coordinates, as "X 1.000 mm, Y 2.000 mm". */
static void
append_work_xy (GString *s, const CamJob *job, double x, double y)
{
  if (!isfinite (x) || !isfinite (y))
    {
      g_string_append (s, "unknown");
      return;
    }
  g_string_append (s, "X ");
  report_append_mm (s, x - job->work_offset[0]);
  g_string_append (s, ", Y ");
  report_append_mm (s, y - job->work_offset[1]);
}

static void
append_picture (GString *s, const CamJob *job, const CamReportPart *part, const ReportFeatures *rf)
{
  if (part == NULL || part->mesh == NULL)
    {
      g_string_append (s, "<p class='warn' id='no-picture'>No picture of the part: ");
      if (part && part->problem)
        cam_html_append_escaped (s, part->problem);
      else
        {
          g_string_append (s, "the part file ");
          cam_html_append_escaped (s, job->part_path ? job->part_path : "(none named in the job)");
          g_string_append (s, " was not read");
        }
      g_string_append (s, ".</p>");
      return;
    }
  g_autoptr (GArray) marks = g_array_new (FALSE, TRUE, sizeof (CamReportMark));
  for (guint i = 0; i < rf->features->len; i++)
    {
      const ReportFeature *f = g_ptr_array_index (rf->features, i);
      if (!isfinite (f->at[0]) || !isfinite (f->at[1]) || !isfinite (f->at[2]))
        continue;
      CamReportMark m = { .unreachable = f->unreachable };
      g_snprintf (m.label, sizeof m.label, "%u", f->number);
      memcpy (m.at, f->at, sizeof m.at);
      g_array_append_val (marks, m);
    }
  for (guint i = 0; i < job->unreachable->len; i++)
    {
      const CamUnreachable *u = g_ptr_array_index (job->unreachable, i);
      const char *mark = g_ptr_array_index (rf->marks, i);
      if (g_ascii_isdigit (mark[0]))
        continue;   /* a whole feature's: drawn above */
      const ReportFeature *f = u->feature_id ? g_hash_table_lookup (rf->by_id, u->feature_id) : NULL;
      CamReportMark m = { .unreachable = TRUE, .at = { u->x, u->y, job->part_max[2] } };
      if (f && isfinite (f->floor_z))
        m.at[2] = f->floor_z;   /* a corner left is on the feature's floor */
      g_strlcpy (m.label, mark, sizeof m.label);
      g_array_append_val (marks, m);
    }
  CamReportSvgOptions o = { 0 };
  memcpy (o.stock_min, job->stock_min, sizeof o.stock_min);
  memcpy (o.stock_max, job->stock_max, sizeof o.stock_max);
  memcpy (o.work_zero, job->work_offset, sizeof o.work_zero);
  g_autofree char *svg = cam_report_svg_iso (part->mesh, &o, (const CamReportMark *) marks->data, marks->len);
  g_string_append (s, "<figure class='picture'>");
  g_string_append (s, svg);
  g_string_append (s, "<figcaption>The part in its stock (lines; hidden edges dashed), seen from the front right "
                      "and above, every axis at the same scale; the triad is work zero (X0 Y0 Z0); numbers are "
                      "the features below; red crosses are what the plan does not machine, a letter where only an "
                      "area is left (Not machined).");
  g_string_append (s, "</figcaption></figure>");
}

void
report_append_features (GString *s, const CamJob *job, const CamReportPart *part, const ReportFeatures *rf)
{
  g_string_append (s, "<h2>The part and its features</h2>");
  append_picture (s, job, part, rf);
  if (rf->features->len == 0)
    {
      g_string_append (s, "<p>No features known.</p>\n");
      return;
    }
  g_string_append (s, "<table id='features'><tr><th>No.</th><th>Feature</th><th>Where (program X, Y)</th>"
                      "<th>Machined by</th></tr>");
  for (guint i = 0; i < rf->features->len; i++)
    {
      const ReportFeature *f = g_ptr_array_index (rf->features, i);
      g_string_append_printf (s, "<tr class='feature'><td>%u</td><td>", f->number);
      cam_html_append_escaped (s, f->words);
      if (f->id)
        {
          g_string_append (s, " <code>");
          cam_html_append_escaped (s, f->id);
          g_string_append (s, "</code>");
        }
      g_string_append (s, "</td><td>");
      append_work_xy (s, job, f->at[0], f->at[1]);
      g_string_append (s, "</td><td>");
      if (f->unreachable)
        g_string_append (s, "<span class='error'>not machined: see Not machined</span>");
      else if (f->ops->len)
        cam_html_append_escaped (s, f->ops->str);
      else
        g_string_append (s, "no operation");
      if (!f->unreachable && f->left_mm2 > 0)
        g_string_append_printf (s, "; <span class='warn'>%.4f mm² left uncut (see Not machined)</span>", f->left_mm2);
      g_string_append (s, "</td></tr>");
    }
  g_string_append (s, "</table>\n");
}

void
report_append_unreachable (GString *s, const CamJob *job, const ReportFeatures *rf)
{
  g_string_append (s, "<h2>Not machined</h2>");
  if (job->unreachable->len == 0)
    {
      g_string_append (s, "<p id='unreachable-none'>The plan machines every feature it was given: no tool of "
                          "the library is missing.</p>\n");
      return;
    }
  g_string_append_printf (s, "<p class='error'>%u feature%s or area%s the plan cannot machine with the tool "
                          "library: the program leaves %s uncut.</p>",
                          job->unreachable->len, job->unreachable->len == 1 ? "" : "s",
                          job->unreachable->len == 1 ? "" : "s", job->unreachable->len == 1 ? "it" : "them");
  g_string_append (s, "<table id='unreachable'><tr><th>Mark</th><th>Feature</th><th>Why</th>"
                      "<th>Make it instead by</th><th>Where (program X, Y)</th><th>Area</th></tr>");
  for (guint i = 0; i < job->unreachable->len; i++)
    {
      const CamUnreachable *u = g_ptr_array_index (job->unreachable, i);
      const ReportFeature *f = u->feature_id ? g_hash_table_lookup (rf->by_id, u->feature_id) : NULL;
      g_string_append (s, "<tr class='unreachable'><td class='error'>");
      cam_html_append_escaped (s, g_ptr_array_index (rf->marks, i));
      g_string_append (s, "</td><td>");
      if (f)
        {
          cam_html_append_escaped (s, f->words);
          g_string_append (s, " <code>");
          cam_html_append_escaped (s, f->id);
          g_string_append (s, "</code>");
        }
      else
        g_string_append (s, "an area (no single feature)");
      g_string_append (s, "</td><td>");
      cam_html_append_escaped (s, u->reason);
      g_string_append (s, "</td><td class='process'>");
      cam_html_append_escaped (s, u->process ? report_process_words (u->process) : "no other process named");
      g_string_append (s, "</td><td>");
      append_work_xy (s, job, u->x, u->y);
      g_string_append (s, "</td><td>");
      if (u->area_mm2 > 0)
        g_string_append_printf (s, "%.4f mm²", u->area_mm2);
      else
        g_string_append (s, "the whole feature");
      g_string_append (s, "</td></tr>");
    }
  g_string_append (s, "</table>\n");
}
