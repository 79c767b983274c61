/* cam-report-svg.c — see cam-report-svg.h.
 *
 * Method
 *   Isometric projection seen from the front right, above (the camera on the (1, −1, 1) diagonal,
 *   every axis at the same scale): screen right r = (1, 1, 0)/√2, screen up u = (−1, 1, 2)/√6,
 *   nearness d = (x − y + z)/√3.
 *
 *                 Z
 *                 |
 *                 |        the camera looks down this diagonal
 *         Y  .    |    .  X
 *              .  |  .
 *                 o
 *
 *   Hidden surfaces: a depth grid (a z-buffer of cells of cell_px, Catmull 1974, "A subdivision
 *   algorithm for computer display of curved surfaces") rather than the painter's algorithm: a
 *   painter's sort by one depth per triangle draws a long facet of a top face over the walls of a
 *   hole it only borders, and the cost of sorting grows with the mesh. Every triangle is scanned
 *   into the grid keeping the nearest per cell, so what is drawn is bounded by the grid (about
 *   60 000 cells at 640 px) whatever the facet count: a 1.5M-facet part costs one pass over its
 *   triangles, and the picture's size stays the same.
 *   Shading: Lambert, I = 0.25 + 0.75·max(0, n·L), the light over the viewer's left shoulder so
 *   that the top, the front and the right faces get three different tones; I is quantised to 24
 *   levels so that a flat face is one tone and each grid row is written as runs of one colour
 *   (one <rect> a run). A cell is darkened into an edge where its neighbour is background, or a
 *   facet turning by more than 25°, or a step in depth (a rim in front of a floor).
 *   Labels: every label is placed by a greedy search around its anchor (8 directions, growing
 *   distances, a leader line from the anchor) into the first box that overlaps no label,
 *   marker or axis letter placed before it and stays inside the picture.
 */
#include "cam-report-svg.h"
#include "cam-dfm-html.h"

#include <math.h>
#include <string.h>

#define N_LEVELS 24
#define MARGIN_PX 56.0
#define MAX_HEIGHT_PX 540.0
#define FONT_PX 11.0
#define CHAR_PX 6.6       /* the width of a digit at FONT_PX in a sans-serif face, with room to spare */
#define LABEL_H_PX 15.0

static const double R_[3] = { M_SQRT1_2, M_SQRT1_2, 0 };
static const double U_[3] = { -0.40824829046386301, 0.40824829046386301, 0.81649658092772603 };
static const double D_[3] = { 0.57735026918962573, -0.57735026918962573, 0.57735026918962573 };

typedef struct {
  double k, ox, oy;         /* px per mm, and the offsets */
  double width, height;
} View;

static void
project (const View *v, const double p[3], double out[3])
{
  out[0] = v->ox + v->k * (p[0] * R_[0] + p[1] * R_[1] + p[2] * R_[2]);
  out[1] = v->oy - v->k * (p[0] * U_[0] + p[1] * U_[1] + p[2] * U_[2]);
  out[2] = p[0] * D_[0] + p[1] * D_[1] + p[2] * D_[2];
}

/* The scale and offsets that fit every point of box (8 corners) and extra into the picture. */
static void
view_fit (View *v, const double lo[3], const double hi[3], double width)
{
  double x0 = INFINITY, x1 = -INFINITY, y0 = INFINITY, y1 = -INFINITY;
  for (int c = 0; c < 8; c++)
    {
      double p[3] = { c & 1 ? hi[0] : lo[0], c & 2 ? hi[1] : lo[1], c & 4 ? hi[2] : lo[2] };
      double sx = p[0] * R_[0] + p[1] * R_[1] + p[2] * R_[2];
      double sy = p[0] * U_[0] + p[1] * U_[1] + p[2] * U_[2];
      x0 = MIN (x0, sx), x1 = MAX (x1, sx), y0 = MIN (y0, sy), y1 = MAX (y1, sy);
    }
  double sw = MAX (x1 - x0, 1e-9), sh = MAX (y1 - y0, 1e-9);
  v->k = MIN ((width - 2 * MARGIN_PX) / sw, (MAX_HEIGHT_PX - 2 * MARGIN_PX) / sh);
  v->width = width;
  v->height = ceil (sh * v->k + 2 * MARGIN_PX);
  v->ox = (width - sw * v->k) / 2 - x0 * v->k;
  v->oy = MARGIN_PX + y1 * v->k;
}

/* ---- the depth grid ------------------------------------------------------------------------ */

typedef struct {
  int cols, rows;
  double cell;
  float *depth;             /* nearness, -INFINITY where empty */
  gint32 *tri;              /* triangle index, -1 where empty */
} Grid;

static void
grid_scan (Grid *g, const View *v, const CamMesh *mesh)
{
  for (guint t = 0; t < mesh->n_triangles; t++)
    {
      double s[3][3];
      for (int c = 0; c < 3; c++)
        {
          project (v, &mesh->vertices[3 * mesh->triangles[3 * t + c]], s[c]);
          s[c][0] /= g->cell, s[c][1] /= g->cell;
        }
      double area = (s[1][0] - s[0][0]) * (s[2][1] - s[0][1]) - (s[2][0] - s[0][0]) * (s[1][1] - s[0][1]);
      if (fabs (area) < 1e-12)
        continue;   /* seen edge-on: covers no cell centre */
      int i0 = MAX (0, (int) floor (MIN (MIN (s[0][0], s[1][0]), s[2][0]) - 0.5));
      int i1 = MIN (g->cols - 1, (int) ceil (MAX (MAX (s[0][0], s[1][0]), s[2][0]) - 0.5));
      int j0 = MAX (0, (int) floor (MIN (MIN (s[0][1], s[1][1]), s[2][1]) - 0.5));
      int j1 = MIN (g->rows - 1, (int) ceil (MAX (MAX (s[0][1], s[1][1]), s[2][1]) - 0.5));
      for (int j = j0; j <= j1; j++)
        for (int i = i0; i <= i1; i++)
          {
            double px = i + 0.5, py = j + 0.5;
            /* barycentric weights of the cell centre; all ≥ 0 inside (either winding) */
            double w0 = ((s[1][0] - px) * (s[2][1] - py) - (s[2][0] - px) * (s[1][1] - py)) / area;
            double w1 = ((s[2][0] - px) * (s[0][1] - py) - (s[0][0] - px) * (s[2][1] - py)) / area;
            double w2 = 1 - w0 - w1;
            if (w0 < 0 || w1 < 0 || w2 < 0)
              continue;
            float d = (float) (w0 * s[0][2] + w1 * s[1][2] + w2 * s[2][2]);
            gsize c = (gsize) j * g->cols + i;
            if (d > g->depth[c])
              g->depth[c] = d, g->tri[c] = (gint32) t;
          }
    }
}

/* The facet's normal turned towards the viewer (an open mesh shows its back faces). */
static void
facing_normal (const CamMesh *mesh, gint32 t, double n[3])
{
  memcpy (n, &mesh->normals[3 * t], 3 * sizeof (double));
  if (n[0] * D_[0] + n[1] * D_[1] + n[2] * D_[2] < 0)
    n[0] = -n[0], n[1] = -n[1], n[2] = -n[2];
}

static int
shade_level (const CamMesh *mesh, gint32 t)
{
  /* light over the viewer's left shoulder: (0.35, −0.6, 1) normalised */
  static const double L[3] = { 0.28745, -0.49277, 0.82129 };
  double n[3];
  facing_normal (mesh, t, n);
  double i = 0.25 + 0.75 * MAX (0.0, n[0] * L[0] + n[1] * L[1] + n[2] * L[2]);
  return CLAMP ((int) floor (i * N_LEVELS), 0, N_LEVELS - 1);
}

/* Is cell a drawn on an edge against cell b (which may be outside the grid: -1)? */
static gboolean
is_edge (const Grid *g, const CamMesh *mesh, gssize a, gssize b, double step)
{
  if (b < 0 || g->tri[b] < 0)
    return TRUE;
  if (g->tri[a] == g->tri[b])
    return FALSE;
  double na[3], nb[3];
  facing_normal (mesh, g->tri[a], na);
  facing_normal (mesh, g->tri[b], nb);
  if (na[0] * nb[0] + na[1] * nb[1] + na[2] * nb[2] < 0.906)   /* cos 25° */
    return TRUE;
  return fabs (g->depth[a] - g->depth[b]) > step;
}

static void
level_colour (int level, gboolean edge, char out[8])
{
  /* a steel blue-grey, lit; edges at 45 % */
  double i = (level + 0.5) / N_LEVELS * (edge ? 0.45 : 1.0);
  g_snprintf (out, 8, "#%02x%02x%02x", (int) (150 * i + 30), (int) (170 * i + 34), (int) (195 * i + 40));
}

static void
append_mesh (GString *s, const View *v, const CamMesh *mesh, double cell)
{
  Grid g = { .cell = cell };
  g.cols = (int) ceil (v->width / cell);
  g.rows = (int) ceil (v->height / cell);
  gsize n = (gsize) g.cols * g.rows;
  g.depth = g_new (float, n);
  g.tri = g_new (gint32, n);
  for (gsize c = 0; c < n; c++)
    g.depth[c] = -INFINITY, g.tri[c] = -1;
  grid_scan (&g, v, mesh);

  /* a step in nearness of 4 cells' worth of the part's size: steeper than any face not seen
   * nearly edge-on (the top face changes by 1.4 cells a cell) */
  double step = 4 * cell / v->k;
  g_autofree int *col = g_new (int, n);
  for (int j = 0; j < g.rows; j++)
    for (int i = 0; i < g.cols; i++)
      {
        gssize c = (gssize) j * g.cols + i;
        if (g.tri[c] < 0)
          {
            col[c] = -1;
            continue;
          }
        gboolean edge = is_edge (&g, mesh, c, i + 1 < g.cols ? c + 1 : -1, step)
                        || is_edge (&g, mesh, c, j + 1 < g.rows ? c + g.cols : -1, step)
                        || is_edge (&g, mesh, c, i > 0 ? c - 1 : -1, step)
                        || is_edge (&g, mesh, c, j > 0 ? c - g.cols : -1, step);
        col[c] = shade_level (mesh, g.tri[c]) + (edge ? N_LEVELS : 0);
      }
  g_string_append (s, "<g class='part' shape-rendering='crispEdges'>");
  for (int j = 0; j < g.rows; j++)
    for (int i = 0; i < g.cols;)
      {
        int c0 = col[(gsize) j * g.cols + i];
        int e = i + 1;
        while (e < g.cols && col[(gsize) j * g.cols + e] == c0)
          e++;
        if (c0 >= 0)
          {
            char hex[8];
            level_colour (c0 % N_LEVELS, c0 >= N_LEVELS, hex);
            g_string_append_printf (s, "<rect x='%g' y='%g' width='%g' height='%g' fill='%s'/>", i * cell,
                                    j * cell, (e - i) * cell, cell, hex);
          }
        i = e;
      }
  g_string_append (s, "</g>");
  g_free (g.depth);
  g_free (g.tri);
}

/* ---- labels -------------------------------------------------------------------------------- */

typedef struct {
  double x, y, w, h;
} Box;

static gboolean
boxes_overlap (const Box *a, const Box *b)
{
  return a->x < b->x + b->w && b->x < a->x + a->w && a->y < b->y + b->h && b->y < a->y + a->h;
}

static double
text_width (const char *text)
{
  return g_utf8_strlen (text, -1) * CHAR_PX + 8;
}

/* The first free box for a w × h label around (ax, ay), trying the preferred direction first
 * (radians, screen y down); added to taken. Returns the box. */
static Box
place_label (GArray *taken, const View *v, double ax, double ay, double w, double h, double prefer)
{
  static const double dist[] = { 6, 14, 24, 36, 50, 66, 86, 110, 140, 180 };
  Box best = { ax + 6, ay - h - 6, w, h };
  double best_cost = INFINITY;
  for (guint r = 0; r < G_N_ELEMENTS (dist); r++)
    for (int a = 0; a < 16; a++)
      {
        /* prefer, then alternately either side of it */
        double ang = prefer + (a % 2 ? 1 : -1) * ((a + 1) / 2) * (G_PI / 8);
        double c = cos (ang), sn = sin (ang);
        Box b = { ax + c * (dist[r] + w / 2) - w / 2, ay + sn * (dist[r] + h / 2) - h / 2, w, h };
        double cost = 0;
        if (b.x < 2 || b.y < 2 || b.x + w > v->width - 2 || b.y + h > v->height - 2)
          cost += 1e6;
        Box pad = { b.x - 1, b.y - 1, b.w + 2, b.h + 2 };
        for (guint k = 0; k < taken->len; k++)
          if (boxes_overlap (&pad, &g_array_index (taken, Box, k)))
            cost += 1e3;
        if (cost == 0)
          {
            g_array_append_val (taken, b);
            return b;
          }
        if (cost < best_cost)
          best_cost = cost, best = b;
      }
  g_array_append_val (taken, best);   /* no free place at all: the least crowded one */
  return best;
}

/* The label's box and text, and a leader from the anchor to the box's nearest point. */
static void
append_label (GString *s, const Box *b, double ax, double ay, const char *text, const char *cls,
              const char *colour)
{
  double nx = CLAMP (ax, b->x, b->x + b->w), ny = CLAMP (ay, b->y, b->y + b->h);
  if (hypot (nx - ax, ny - ay) > 5)
    g_string_append_printf (s, "<line x1='%.1f' y1='%.1f' x2='%.1f' y2='%.1f' stroke='%s' stroke-width='0.8'/>", ax,
                            ay, nx, ny, colour);
  g_string_append_printf (s, "<rect class='label-box' x='%.1f' y='%.1f' width='%.1f' height='%.1f' rx='3' "
                          "fill='#ffffff' fill-opacity='0.9' stroke='%s' stroke-width='0.8'/>",
                          b->x, b->y, b->w, b->h, colour);
  g_string_append_printf (s, "<text class='%s' x='%.1f' y='%.1f' text-anchor='middle' fill='%s'>", cls,
                          b->x + b->w / 2, b->y + b->h - 4, colour);
  cam_html_append_escaped (s, text);
  g_string_append (s, "</text>");
}

/* ---- stock, triad ---------------------------------------------------------------------------- */

static void
append_stock (GString *s, const View *v, const double lo[3], const double hi[3])
{
  /* corner c has x = hi if bit 0, y = hi if bit 1, z = hi if bit 2; the one farthest from the
   * viewer is (lo x, hi y, lo z) = 2: its three edges are hidden */
  double p[8][3];
  for (int c = 0; c < 8; c++)
    {
      double m[3] = { c & 1 ? hi[0] : lo[0], c & 2 ? hi[1] : lo[1], c & 4 ? hi[2] : lo[2] };
      project (v, m, p[c]);
    }
  g_string_append (s, "<g class='stock' fill='none' stroke='#5a6470' stroke-width='1'>");
  for (int a = 0; a < 8; a++)
    for (int bit = 1; bit < 8; bit <<= 1)
      {
        int b = a | bit;
        if (b == a)
          continue;
        gboolean hidden = a == 2 || b == 2;
        g_string_append_printf (s, "<line x1='%.1f' y1='%.1f' x2='%.1f' y2='%.1f'%s/>", p[a][0], p[a][1], p[b][0],
                                p[b][1], hidden ? " stroke-dasharray='4 3' stroke-opacity='0.6'" : "");
      }
  g_string_append (s, "</g>");
}

static void
append_triad (GString *s, GArray *taken, const View *v, const double o_model[3], const CamReportMark *marks,
              guint n_marks)
{
  static const char *names[3] = { "X", "Y", "Z" };
  static const char *colours[3] = { "#c0392b", "#1e8449", "#2563b0" };
  const double len = 40;
  double o[3];
  project (v, o_model, o);
  /* the marks' anchors are obstacles for every label, the triad's letters included */
  for (guint i = 0; i < n_marks; i++)
    {
      double a[3];
      project (v, marks[i].at, a);
      Box b = { a[0] - 4, a[1] - 4, 8, 8 };
      g_array_append_val (taken, b);
    }
  g_string_append (s, "<g class='triad'>");
  for (int k = 0; k < 3; k++)
    {
      double dx = len * R_[k], dy = -len * U_[k];
      double l = hypot (dx, dy), ux = dx / l, uy = dy / l;
      double tx = o[0] + ux * len, ty = o[1] + uy * len;
      g_string_append_printf (s, "<line x1='%.1f' y1='%.1f' x2='%.1f' y2='%.1f' stroke='%s' stroke-width='2'/>",
                              o[0], o[1], tx, ty, colours[k]);
      for (double t = 8; t <= len; t += 8)   /* no label over the axis itself */
        {
          Box on = { o[0] + ux * t - 3, o[1] + uy * t - 3, 6, 6 };
          g_array_append_val (taken, on);
        }
      g_string_append_printf (s, "<polygon points='%.1f,%.1f %.1f,%.1f %.1f,%.1f' fill='%s'/>", tx + ux * 7,
                              ty + uy * 7, tx - uy * 3.5, ty + ux * 3.5, tx + uy * 3.5, ty - ux * 3.5, colours[k]);
      double lx = tx + ux * 16, ly = ty + uy * 16;
      g_string_append_printf (s, "<text x='%.1f' y='%.1f' text-anchor='middle' font-weight='bold' fill='%s'>%s</text>",
                              lx, ly + 4, colours[k], names[k]);
      Box b = { lx - 6, ly - 7, 12, 14 };
      g_array_append_val (taken, b);
    }
  g_string_append_printf (s, "<circle cx='%.1f' cy='%.1f' r='3' fill='#223'/>", o[0], o[1]);
  g_string_append (s, "</g>");
}

char *
cam_report_svg_iso (const CamMesh *mesh, const CamReportSvgOptions *opt, const CamReportMark *marks, guint n_marks)
{
  double width = opt->width_px > 0 ? opt->width_px : 640;
  double cell = opt->cell_px > 0 ? opt->cell_px : 2;
  double lo[3], hi[3];
  for (int k = 0; k < 3; k++)
    {
      lo[k] = MIN (MIN (mesh->bounds.min[k], opt->stock_min[k]), opt->work_zero[k]);
      hi[k] = MAX (MAX (mesh->bounds.max[k], opt->stock_max[k]), opt->work_zero[k]);
    }
  View v;
  view_fit (&v, lo, hi, width);

  GString *s = g_string_new (NULL);
  g_string_append_printf (s, "<svg class='part-picture' xmlns='http://www.w3.org/2000/svg' width='%.0f' "
                          "height='%.0f' viewBox='0 0 %.0f %.0f' font-family='sans-serif' font-size='%.0f'>",
                          v.width, v.height, v.width, v.height, FONT_PX);
  append_mesh (s, &v, mesh, cell);
  append_stock (s, &v, opt->stock_min, opt->stock_max);
  g_autoptr (GArray) taken = g_array_new (FALSE, FALSE, sizeof (Box));
  append_triad (s, taken, &v, opt->work_zero, marks, n_marks);

  /* the features' markers, then their labels (up and right first: away from the triad's X) */
  for (guint i = 0; i < n_marks; i++)
    {
      double a[3];
      project (&v, marks[i].at, a);
      if (marks[i].unreachable)
        g_string_append_printf (s, "<g class='mark unreachable' stroke='#c0392b' stroke-width='1.6'>"
                                "<line x1='%.1f' y1='%.1f' x2='%.1f' y2='%.1f'/>"
                                "<line x1='%.1f' y1='%.1f' x2='%.1f' y2='%.1f'/></g>",
                                a[0] - 4, a[1] - 4, a[0] + 4, a[1] + 4, a[0] - 4, a[1] + 4, a[0] + 4, a[1] - 4);
      else
        /* a ring, so that a small hole stays visible inside it */
        g_string_append_printf (s, "<g class='mark' fill='none'><circle cx='%.1f' cy='%.1f' r='3.5' stroke='#ffffff' "
                                "stroke-width='2.4'/><circle cx='%.1f' cy='%.1f' r='3.5' stroke='#223' "
                                "stroke-width='1'/></g>", a[0], a[1], a[0], a[1]);
    }
  for (guint i = 0; i < n_marks; i++)
    {
      double a[3];
      project (&v, marks[i].at, a);
      Box b = place_label (taken, &v, a[0], a[1], text_width (marks[i].label), LABEL_H_PX, -G_PI / 4);
      append_label (s, &b, a[0], a[1], marks[i].label, "feature-label", marks[i].unreachable ? "#c0392b" : "#223");
    }

  /* work zero, then the stock's sizes along three of its outer edges, with units */
  double o[3];
  project (&v, opt->work_zero, o);
  const char *wz = "work zero X0 Y0 Z0";
  Box b = place_label (taken, &v, o[0], o[1], text_width (wz), LABEL_H_PX, G_PI * 3 / 4);
  append_label (s, &b, o[0], o[1], wz, "work-zero-label", "#223");
  const double *sl = opt->stock_min, *sh = opt->stock_max;
  struct { double a[3], b[3]; double prefer; int axis; } dims[3] = {
    { { sl[0], sl[1], sl[2] }, { sh[0], sl[1], sl[2] }, G_PI * 3 / 4, 0 },  /* front bottom: X */
    { { sh[0], sl[1], sl[2] }, { sh[0], sh[1], sl[2] }, G_PI / 4, 1 },      /* right bottom: Y */
    { { sl[0], sl[1], sl[2] }, { sl[0], sl[1], sh[2] }, G_PI, 2 },          /* front left: Z */
  };
  for (int d = 0; d < 3; d++)
    {
      double m[3], pa[3];
      for (int k = 0; k < 3; k++)
        m[k] = (dims[d].a[k] + dims[d].b[k]) / 2;
      project (&v, m, pa);
      g_autofree char *t = g_strdup_printf ("%c %.3f mm", "XYZ"[dims[d].axis],
                                            sh[dims[d].axis] - sl[dims[d].axis]);
      Box db = place_label (taken, &v, pa[0], pa[1], text_width (t), LABEL_H_PX, dims[d].prefer);
      append_label (s, &db, pa[0], pa[1], t, "stock-label", "#5a6470");
    }
  g_string_append (s, "</svg>");
  return g_string_free (s, FALSE);
}
