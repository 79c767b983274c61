/* cam-dfm-html.c — the DFM review as one self-contained HTML file.
 *
 * Each finding gets an inline SVG top view: every section outline of the part in grey
 * (even-odd fill, so holes show), the finding's feature outlined in its severity's
 * colour, a cross-hair at the place the finding points to, and a 1 mm scale bar.
 * The overview outlines every feature in its kind's colour, with a legend.
 * With the mesh, each finding also gets a side view: the part turned a quarter turn about X
 * (y → −z′, z → y′, a proper rotation so facets keep their winding) is sliced by cam-slice.c
 * at z′ = −y of the finding, which is the section by the plane y = const drawn in (x, z),
 * with the feature's box dashed and the finding's place marked.
 * Outlines are thinned to what the picture can show (points closer than half a pixel
 * are dropped) so a million-facet part still gives a small file. */
#include "cam-dfm-html.h"

#include <gio/gio.h>
#include <math.h>
#include <string.h>

#include "cam-dfm-words.h"
#include "cam-error.h"
#include "cam-slice.h"

typedef struct {
  double x0, y0, scale;
  int px, py;
} View;

static View
view_for (const CamFeatureSet *set, int px)
{
  View v;
  double w = MAX (set->bounds.max[0] - set->bounds.min[0], 1e-6);
  double h = MAX (set->bounds.max[1] - set->bounds.min[1], 1e-6);
  double margin = 0.06 * MAX (w, h);
  v.scale = (px - 2.0) / (MAX (w, h) + 2 * margin);
  v.x0 = set->bounds.min[0] - margin;
  v.y0 = set->bounds.max[1] + margin;
  v.px = px;
  v.py = (int) ceil ((h + 2 * margin) * v.scale) + 2;
  return v;
}

static void
ring_path (GString *s, const View *v, const GArray *ring)
{
  guint n = ring->len / 2;
  const double *p = (const double *) ring->data;
  double lx = G_MAXDOUBLE, ly = G_MAXDOUBLE;
  gboolean first = TRUE;
  for (guint i = 0; i < n; i++)
    {
      double x = (p[2 * i] - v->x0) * v->scale, y = (v->y0 - p[2 * i + 1]) * v->scale;
      if (!first && fabs (x - lx) < 0.5 && fabs (y - ly) < 0.5 && i + 1 < n)
        continue;
      g_string_append_printf (s, "%s%.1f %.1f", first ? "M" : "L", x, y);
      lx = x;
      ly = y;
      first = FALSE;
    }
  if (!first)
    g_string_append (s, "Z");
}

char *
cam_dfm_html_top_view (const CamFeatureSet *set, const CamFeature *hl, const double *at, const char *color, int px)
{
  View v = view_for (set, px);
  GString *s = g_string_new (NULL);
  g_string_append_printf (s, "<svg xmlns='http://www.w3.org/2000/svg' width='%d' height='%d' viewBox='0 0 %d %d'>"
                             "<rect width='100%%' height='100%%' fill='#fbfbfb'/>",
                          v.px, v.py, v.px, v.py);
  GString *d = g_string_new (NULL);
  for (guint i = 0; i < set->section_rings->len; i++)
    ring_path (d, &v, g_ptr_array_index (set->section_rings, i));
  g_string_append_printf (s, "<path d='%s' fill='#d8dde3' fill-opacity='0.5' fill-rule='evenodd' stroke='#6b7785' "
                             "stroke-width='0.6'/>",
                          d->str);
  g_string_free (d, TRUE);
  if (hl != NULL)
    {
      GString *h = g_string_new (NULL);
      for (guint i = 0; i < hl->outline->len; i++)
        ring_path (h, &v, g_ptr_array_index (hl->outline, i));
      g_string_append_printf (s, "<path d='%s' fill='%s' fill-opacity='0.25' fill-rule='evenodd' stroke='%s' "
                                 "stroke-width='1.6'/>",
                              h->str, color, color);
      g_string_free (h, TRUE);
    }
  if (at != NULL)
    {
      double x = (at[0] - v.x0) * v.scale, y = (v.y0 - at[1]) * v.scale;
      g_string_append_printf (s, "<circle cx='%.1f' cy='%.1f' r='7' fill='none' stroke='%s' stroke-width='2'/>"
                                 "<path d='M%.1f %.1fh-6M%.1f %.1fh6M%.1f %.1fv-6M%.1f %.1fv6' stroke='%s' "
                                 "stroke-width='1.5'/>",
                              x, y, color, x - 7, y, x + 7, y, x, y - 7, x, y + 7, color);
    }
  /* 1 mm scale bar (or 0.1 mm on tiny parts) */
  double bar = v.scale >= 400 ? 0.1 : 1.0;
  double bl = bar * v.scale;
  g_string_append_printf (s, "<path d='M8 %d h%.1f' stroke='#333' stroke-width='2'/>"
                             "<text x='8' y='%d' font-size='10' font-family='sans-serif' fill='#333'>%g mm</text>",
                          v.py - 6, bl, v.py - 10, bar);
  g_string_append (s, "</svg>");
  return g_string_free (s, FALSE);
}

static CamMesh *
turned_mesh (const CamMesh *m)
{
  CamTriSoup soup;
  cam_tri_soup_init (&soup);
  cam_tri_soup_reserve (&soup, m->n_triangles);
  for (guint t = 0; t < m->n_triangles; t++)
    {
      float xyz[9];
      for (int k = 0; k < 3; k++)
        {
          const double *v = m->vertices + 3 * (gsize) m->triangles[3 * (gsize) t + k];
          xyz[3 * k] = (float) v[0];
          xyz[3 * k + 1] = (float) v[2];
          xyz[3 * k + 2] = (float) -v[1];
        }
      cam_tri_soup_add (&soup, xyz);
    }
  CamMesh *turned = cam_mesh_new_from_soup (&soup, "section", NULL);
  cam_tri_soup_clear (&soup);
  return turned;
}

static char *
side_view (const CamFeatureSet *set, CamSlicer *slicer, const CamFeature *hl, const double at[3], const char *color,
           int px)
{
  double x0 = set->bounds.min[0], x1 = set->bounds.max[0], z0 = set->bounds.min[2], z1 = set->bounds.max[2];
  double w = MAX (x1 - x0, 1e-6), h = MAX (z1 - z0, 1e-6);
  double margin = 0.06 * MAX (w, h);
  double scale = (px - 2.0) / (w + 2 * margin);
  int py = MAX ((int) ceil ((h + 2 * margin) * scale) + 2, 40);
  double ox = x0 - margin, oz = z1 + margin + 0.5 * (py / scale - (h + 2 * margin));
  GString *s = g_string_new (NULL);
  g_string_append_printf (s, "<svg xmlns='http://www.w3.org/2000/svg' width='%d' height='%d' viewBox='0 0 %d %d'>"
                             "<rect width='100%%' height='100%%' fill='#fbfbfb'/>",
                          px, py, px, py);
  /* through the feature's centre (a corner finding sits on the outline, where a section
   * would only graze the feature) */
  double y = hl != NULL ? hl->center[1] : at[1];
  g_autoptr (CamSlice) sl = cam_slicer_slice (slicer, -y, NULL);
  if (sl != NULL)
    {
      GString *d = g_string_new (NULL);
      int np = GEOSGetNumGeometries_r (sl->geos, sl->area);
      for (int i = 0; i < np; i++)
        {
          const GEOSGeometry *p = GEOSGetGeometryN_r (sl->geos, sl->area, i);
          int nh = GEOSGetNumInteriorRings_r (sl->geos, p);
          for (int r = -1; r < nh; r++)
            {
              const GEOSGeometry *ring = r < 0 ? GEOSGetExteriorRing_r (sl->geos, p) : GEOSGetInteriorRingN_r (sl->geos, p, r);
              const GEOSCoordSequence *seq = GEOSGeom_getCoordSeq_r (sl->geos, ring);
              unsigned int n = 0;
              if (seq == NULL || !GEOSCoordSeq_getSize_r (sl->geos, seq, &n) || n < 4)
                continue;
              g_autofree double *xy = g_new (double, 2 * n);
              GEOSCoordSeq_copyToBuffer_r (sl->geos, seq, xy, FALSE, FALSE);
              double lx = G_MAXDOUBLE, ly = G_MAXDOUBLE;
              for (unsigned int k = 0; k < n; k++)
                {
                  double X = (xy[2 * k] - ox) * scale, Y = (oz - xy[2 * k + 1]) * scale;
                  if (k > 0 && k + 1 < n && fabs (X - lx) < 0.5 && fabs (Y - ly) < 0.5)
                    continue;
                  g_string_append_printf (d, "%s%.1f %.1f", k == 0 ? "M" : "L", X, Y);
                  lx = X;
                  ly = Y;
                }
              g_string_append (d, "Z");
            }
        }
      g_string_append_printf (s, "<path d='%s' fill='#c9d0d8' fill-rule='evenodd' stroke='#6b7785' stroke-width='0.6'/>",
                              d->str);
      g_string_free (d, TRUE);
    }
  if (hl != NULL)
    g_string_append_printf (s, "<rect x='%.1f' y='%.1f' width='%.1f' height='%.1f' fill='none' stroke='%s' "
                               "stroke-width='1.4' stroke-dasharray='4 3'/>",
                            (hl->bbox.min[0] - ox) * scale, (oz - hl->bbox.max[2]) * scale,
                            MAX ((hl->bbox.max[0] - hl->bbox.min[0]) * scale, 1.0),
                            MAX ((hl->bbox.max[2] - hl->bbox.min[2]) * scale, 1.0), color);
  double X = (at[0] - ox) * scale, Y = (oz - at[2]) * scale;
  g_string_append_printf (s, "<circle cx='%.1f' cy='%.1f' r='6' fill='none' stroke='%s' stroke-width='2'/>"
                             "<text x='6' y='12' font-size='10' font-family='sans-serif' fill='#333'>section y = %.3f mm"
                             "</text></svg>",
                          X, Y, color, y);
  return g_string_free (s, FALSE);
}

static const char *const kind_colors[] = { "#1a8ce6", "#33b34d", "#8c59d9", "#f2731a", "#595959", "#cca61a", "#d91a80" };

/* The overview: every feature outlined in its kind's colour, with a legend. */
static char *
kinds_view (const CamFeatureSet *set, int px)
{
  g_autofree char *base = cam_dfm_html_top_view (set, NULL, NULL, "#000", px);
  View v = view_for (set, px);
  GString *s = g_string_new (NULL);
  g_string_append_len (s, base, (gssize) strlen (base) - (gssize) strlen ("</svg>"));
  for (guint i = 0; i < set->features->len; i++)
    {
      const CamFeature *f = g_ptr_array_index (set->features, i);
      if (f->kind == CAM_FEATURE_PROFILE)
        continue;
      GString *d = g_string_new (NULL);
      for (guint k = 0; k < f->outline->len; k++)
        ring_path (d, &v, g_ptr_array_index (f->outline, k));
      g_string_append_printf (s, "<path d='%s' fill='none' stroke='%s' stroke-width='1.2'><title>%s</title></path>",
                              d->str, kind_colors[f->kind], f->id);
      g_string_free (d, TRUE);
    }
  int y = 14;
  for (guint k = 0; k < G_N_ELEMENTS (kind_colors); k++)
    {
      if (cam_feature_set_count (set, (CamFeatureKind) k) == 0 || k == CAM_FEATURE_PROFILE)
        continue;
      g_string_append_printf (s, "<rect x='%d' y='%d' width='10' height='10' fill='%s'/>"
                                 "<text x='%d' y='%d' font-size='11' font-family='sans-serif' fill='#333'>%s</text>",
                              v.px - 86, y - 9, kind_colors[k], v.px - 72, y, cam_feature_kind_to_string ((CamFeatureKind) k));
      y += 14;
    }
  g_string_append (s, "</svg>");
  return g_string_free (s, FALSE);
}

static const char *
severity_color (CamDfmSeverity s)
{
  switch (s)
    {
    case CAM_DFM_ERROR: return "#d62828";
    case CAM_DFM_WARNING: return "#e09100";
    case CAM_DFM_NOTE:
    default: return "#2a6fdb";
    }
}

void
cam_html_append_escaped (GString *s, const char *text)
{
  g_autofree char *e = g_markup_escape_text (text ? text : "", -1);
  g_string_append (s, e);
}

static void
dim (GString *s, const char *label, double v, const char *unit)
{
  if (isfinite (v))
    g_string_append_printf (s, "%s %.4g%s; ", label, v, unit);
}

char *
cam_dfm_html_build (const CamFeatureSet *set, const CamDfmReport *report, CamMesh *mesh, const char *part_name)
{
  g_autoptr (CamMesh) turned = mesh != NULL ? turned_mesh (mesh) : NULL;
  g_autoptr (CamSlicer) slicer = turned != NULL ? cam_slicer_new (turned) : NULL;
  GString *s = g_string_new ("<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'>");
  g_string_append (s, "<title>DFM review — ");
  cam_html_append_escaped (s, part_name);
  g_string_append (s, "</title><style>"
                      "body{font-family:sans-serif;max-width:960px;margin:2em auto;color:#222}"
                      "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:4px 8px;"
                      "text-align:left;font-size:13px}.f{display:flex;gap:16px;align-items:flex-start;"
                      "border-top:1px solid #ddd;padding:12px 0}.sev{font-weight:bold;text-transform:uppercase}"
                      ".error{color:#d62828}.warning{color:#e09100}.note{color:#2a6fdb}"
                      "</style></head><body>\n<h1>DFM review: ");
  cam_html_append_escaped (s, part_name);
  g_string_append (s, "</h1>\n<p>Material <b>");
  cam_html_append_escaped (s, report->material_id);
  g_string_append (s, "</b>, machine <b>");
  cam_html_append_escaped (s, report->machine_id);
  g_string_append_printf (s, "</b>. Part %.3f × %.3f × %.3f mm, %u features. "
                             "<span class='error'>%u error(s)</span>, <span class='warning'>%u warning(s)</span>, "
                             "<span class='note'>%u note(s)</span>.</p>\n",
                          set->bounds.max[0] - set->bounds.min[0], set->bounds.max[1] - set->bounds.min[1],
                          set->bounds.max[2] - set->bounds.min[2], set->features->len, report->n_errors,
                          report->n_warnings, report->n_notes);
  g_autofree char *overview = kinds_view (set, 480);
  g_string_append (s, overview);

  g_string_append (s, "\n<h2>Process-critical features</h2>\n<table><tr><th>What</th><th>Feature</th>"
                      "<th>Value</th><th>Process</th></tr>\n");
  for (guint i = 0; i < report->critical->len; i++)
    {
      const CamDfmCritical *c = g_ptr_array_index (report->critical, i);
      g_string_append (s, "<tr><td>");
      cam_html_append_escaped (s, cam_dfm_critical_title (c->what));
      g_string_append (s, "</td><td>");
      cam_html_append_escaped (s, c->feature ? c->feature : "—");
      g_string_append (s, "</td><td>");
      cam_html_append_escaped (s, c->message);
      g_string_append (s, "</td><td>");
      cam_html_append_escaped (s, c->process);
      g_string_append (s, "</td></tr>\n");
    }
  g_string_append (s, "</table>\n<h2>Findings</h2>\n");
  if (report->findings->len == 0)
    g_string_append (s, "<p>Nothing to report.</p>\n");
  for (guint i = 0; i < report->findings->len; i++)
    {
      const CamDfmFinding *x = g_ptr_array_index (report->findings, i);
      const CamFeature *f = cam_feature_set_find (set, x->feature);
      const char *col = severity_color (x->severity);
      g_autofree char *svg = cam_dfm_html_top_view (set, f, x->at, col, 260);
      g_autofree char *side = slicer != NULL ? side_view (set, slicer, f, x->at, col, 260) : g_strdup ("");
      g_string_append_printf (s, "<div class='f'><div>%s<br>%s</div><div><span class='sev %s'>%s</span> <b>", svg, side,
                              cam_dfm_severity_to_string (x->severity), cam_dfm_severity_to_string (x->severity));
      cam_html_append_escaped (s, cam_dfm_rule_title (x->rule));
      g_string_append (s, "</b> <small>(");
      cam_html_append_escaped (s, x->rule);   /* the id, to find it in the JSON report */
      g_string_append (s, ")</small> on <b>");
      cam_html_append_escaped (s, x->feature);
      g_string_append (s, "</b><p>");
      cam_html_append_escaped (s, x->message);
      g_string_append (s, "</p>");
      if (x->process)
        {
          g_string_append (s, "<p>Process: <b>");
          cam_html_append_escaped (s, x->process);
          g_string_append (s, "</b></p>");
        }
      g_string_append (s, "<p><small>");
      for (guint k = 0; k < x->values->len; k++)
        {
          const CamDfmValue *cv = &g_array_index (x->values, CamDfmValue, k);
          if (isfinite (cv->value))
            {
              cam_html_append_escaped (s, cv->name);
              g_string_append_printf (s, " = %.4g; ", cv->value);
            }
        }
      g_string_append_printf (s, "at (%.3f, %.3f, %.3f)</small></p></div></div>\n", x->at[0], x->at[1], x->at[2]);
    }
  g_string_append (s, "<h2>Features</h2>\n<table><tr><th>Id</th><th>Kind</th><th>Centre (mm)</th>"
                      "<th>Dimensions</th></tr>\n");
  for (guint i = 0; i < set->features->len; i++)
    {
      const CamFeature *f = g_ptr_array_index (set->features, i);
      GString *dd = g_string_new (NULL);
      dim (dd, "Ø", f->diameter_mm, " mm");
      dim (dd, "depth", f->depth_mm, " mm");
      dim (dd, "width", f->min_width_mm, " mm");
      dim (dd, "corner R", f->min_corner_radius_mm, " mm");
      dim (dd, "thickness", f->thickness_mm, " mm");
      dim (dd, "height", f->height_mm, " mm");
      if (f->through == 1)
        g_string_append (dd, "through; ");
      g_string_append_printf (s, "<tr><td>%s</td><td>%s</td><td>%.3f, %.3f, %.3f</td><td>", f->id,
                              cam_feature_kind_to_string (f->kind), f->center[0], f->center[1], f->center[2]);
      cam_html_append_escaped (s, dd->str);
      g_string_append (s, "</td></tr>\n");
      g_string_free (dd, TRUE);
    }
  g_string_append (s, "</table>\n<p><small>microcam DFM review; thresholds and their sources: "
                      "resources/dfm/rules.json.</small></p>\n</body></html>\n");
  return g_string_free (s, FALSE);
}

gboolean
cam_dfm_html_write (const CamFeatureSet *set, const CamDfmReport *report, CamMesh *mesh, const char *part_name,
                    const char *path, GError **error)
{
  g_autofree char *html = cam_dfm_html_build (set, report, mesh, part_name);
  g_autoptr (GError) local = NULL;
  /* g_file_set_contents writes a temporary file and renames it over the target */
  if (!g_file_set_contents (path, html, -1, &local))
    {
      g_set_error (error, CAM_ERROR, CAM_ERROR_IO, "%s: cannot write the report: %s", path, local->message);
      return FALSE;
    }
  return TRUE;
}
