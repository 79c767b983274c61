/* cam-obj.c — Wavefront OBJ reader (geometry only).
 *
 * Records read: "v x y z [w]" and "f i i i …" where each corner is i, i/t, i//n or i/t/n, 1-based,
 * negative values counting back from the last vertex read (Wavefront Technologies, "Object Files
 * (.obj)", Advanced Visualizer manual, appendix B1). Every other record (vt, vn, g, o, s, usemtl,
 * mtllib, l, p …) is skipped: they do not change the part's shape.
 *
 * Polygons are triangulated by ear clipping in the polygon's own plane (Newell's normal; Eberly,
 * "Triangulation by Ear Clipping", Geometric Tools, 2002), so concave faces from CAD exports come out
 * right. Faces with holes arrive as one outline joined to each hole by a bridge edge walked there and
 * back (the hole's corners repeated, its ring reversed): the ear test skips points at an ear's own
 * corners, so those repeats do not block every ear (they used to, and the face was fanned across its
 * hole: area 24 for a 12 mm² face). A polygon that defeats it (self-intersecting) falls back to a fan.
 *
 * Numbers are whole words read by g_ascii_strtod: "3.1+e2" is refused, not read as 3.1.
 *
 * Faces may name vertices defined later in the file, so indices are resolved after the last line;
 * an index out of range is reported with the line of its face.
 */
#include "cam-obj.h"
#include "cam-error.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Ear clipping is O(n³) at worst: polygons larger than this (never seen in CAD output, easy to
 * make in a fuzzer) are fanned so a hostile file cannot stall the reader. */
#define MAX_EAR_CLIP 256

typedef struct {
  gint64 index;   /* 0-based, resolved; may still be out of range */
  guint line;
} Corner;

typedef struct {
  GArray *verts;   /* double × 3 */
  GArray *corners; /* Corner, faces back to back */
  GArray *sizes;   /* guint, corners per face */
} ObjData;

/* A number is a whole word: g_ascii_strtod (correctly rounded) must consume it to the next blank,
 * so "3.1+e2" (a typo for 3.1e+2) is an error, as in the STL reader, not 3.1 and some trailing noise. */
static gboolean
parse_double (const char *s, const char **endp, double *out)
{
  char *e = NULL;
  *out = g_ascii_strtod (s, &e);
  *endp = e;
  return e != s && (*e == '\0' || *e == ' ' || *e == '\t' || *e == '#');
}

/* --- triangulation -------------------------------------------------------------------------- */

static double
cross2 (const double *a, const double *b, const double *c)
{
  return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);
}

static gboolean
point_in_tri (const double *p, const double *a, const double *b, const double *c)
{
  double d1 = cross2 (a, b, p), d2 = cross2 (b, c, p), d3 = cross2 (c, a, p);
  return d1 >= 0 && d2 >= 0 && d3 >= 0;
}

static gboolean
same2 (const double *p, const double *q)
{
  return p[0] == q[0] && p[1] == q[1];
}

/* Writes (n-2) triangles of polygon-local indices into tris. */
static void
triangulate (const double *pts3, guint n, guint *tris)
{
  /* Newell's normal picks the projection plane: drop its largest component. */
  double nn[3] = { 0, 0, 0 };
  for (guint i = 0; i < n; i++)
    {
      const double *a = pts3 + 3 * i, *b = pts3 + 3 * ((i + 1) % n);
      nn[0] += (a[1] - b[1]) * (a[2] + b[2]);
      nn[1] += (a[2] - b[2]) * (a[0] + b[0]);
      nn[2] += (a[0] - b[0]) * (a[1] + b[1]);
    }
  int drop = 2;
  if (fabs (nn[0]) > fabs (nn[1]) && fabs (nn[0]) > fabs (nn[2]))
    drop = 0;
  else if (fabs (nn[1]) > fabs (nn[2]))
    drop = 1;
  int u = (drop + 1) % 3, v = (drop + 2) % 3;
  gboolean flip = nn[drop] < 0;

  g_autofree double *p2 = g_new (double, 2 * n);
  g_autofree guint *ring = g_new (guint, n);
  for (guint i = 0; i < n; i++)
    {
      p2[2 * i] = pts3[3 * i + u];
      p2[2 * i + 1] = flip ? -pts3[3 * i + v] : pts3[3 * i + v];
      ring[i] = i;
    }

  guint m = n, out = 0, guard = 0;
  while (m > 3 && guard < 2 * n * n)
    {
      gboolean clipped = FALSE;
      for (guint i = 0; i < m && !clipped; i++)
        {
          guint ia = ring[(i + m - 1) % m], ib = ring[i], ic = ring[(i + 1) % m];
          const double *a = p2 + 2 * ia, *b = p2 + 2 * ib, *c = p2 + 2 * ic;
          if (cross2 (a, b, c) <= 0)
            continue; /* reflex or flat corner: not an ear */
          gboolean empty = TRUE;
          for (guint j = 0; j < m && empty; j++)
            {
              guint ij = ring[j];
              const double *q = p2 + 2 * ij;
              /* A corner repeated at a bridge edge (a face with a hole, joined to its outline by an
               * edge walked there and back) sits on the ear's own corner: the same point, not in the
               * way. */
              if (ij == ia || ij == ib || ij == ic || same2 (q, a) || same2 (q, b) || same2 (q, c))
                continue;
              if (point_in_tri (q, a, b, c))
                empty = FALSE;
            }
          if (!empty)
            continue;
          tris[3 * out] = ia;
          tris[3 * out + 1] = ib;
          tris[3 * out + 2] = ic;
          out++;
          memmove (ring + i, ring + i + 1, (m - i - 1) * sizeof (guint));
          m--;
          clipped = TRUE;
        }
      guard++;
      if (!clipped)
        break;
    }
  /* What is left (a triangle, or a polygon no ear could be found in) is fanned. */
  for (guint i = 1; i + 1 < m; i++)
    {
      tris[3 * out] = ring[0];
      tris[3 * out + 1] = ring[i];
      tris[3 * out + 2] = ring[i + 1];
      out++;
    }
}

/* --- records -------------------------------------------------------------------------------- */

static gboolean
parse_vertex (ObjData *d, const char *s, const char *name, guint line, GError **error)
{
  double xyz[3];
  for (int k = 0; k < 3; k++)
    {
      const char *e;
      while (*s == ' ' || *s == '\t')
        s++;
      if (!parse_double (s, &e, &xyz[k]))
        {
          g_set_error (error, CAM_ERROR, CAM_ERROR_FORMAT,
                       "%s: line %u: vertex needs three numbers (x y z); coordinate %d is '%.*s'", name,
                       line, k + 1, (int) MIN (strcspn (s, " \t"), 24), s);
          return FALSE;
        }
      if (!isfinite (xyz[k]))
        {
          g_set_error (error, CAM_ERROR, CAM_ERROR_INVALID,
                       "%s: line %u: non-finite vertex coordinate", name, line);
          return FALSE;
        }
      s = e;
    }
  /* An optional weight w, a number too (a trailing word that is not one hides a typo). */
  while (*s == ' ' || *s == '\t')
    s++;
  if (*s != '\0' && *s != '#')
    {
      const char *e;
      double w;
      if (!parse_double (s, &e, &w))
        {
          g_set_error (error, CAM_ERROR, CAM_ERROR_FORMAT,
                       "%s: line %u: vertex has '%.*s' after x y z, which is not a number", name, line,
                       (int) MIN (strcspn (s, " \t"), 24), s);
          return FALSE;
        }
    }
  g_array_append_vals (d->verts, xyz, 3);
  return TRUE;
}

static gboolean
parse_face (ObjData *d, const char *s, const char *name, guint line, GError **error)
{
  guint count = 0;
  gint64 n_verts = (gint64) d->verts->len / 3;
  for (;;)
    {
      while (*s == ' ' || *s == '\t')
        s++;
      if (*s == '\0' || *s == '#')
        break;
      char *e = NULL;
      gint64 i = g_ascii_strtoll (s, &e, 10);
      if (e == s)
        {
          g_set_error (error, CAM_ERROR, CAM_ERROR_FORMAT,
                       "%s: line %u: face corner %u is not an index", name, line, count + 1);
          return FALSE;
        }
      if (i == 0)
        {
          g_set_error (error, CAM_ERROR, CAM_ERROR_FORMAT,
                       "%s: line %u: face corner %u has index 0 (OBJ indices start at 1)", name, line,
                       count + 1);
          return FALSE;
        }
      /* skip /t, //n, /t/n */
      while (*e && *e != ' ' && *e != '\t')
        e++;
      Corner c = { i > 0 ? i - 1 : n_verts + i, line };
      g_array_append_val (d->corners, c);
      count++;
      s = e;
    }
  if (count < 3)
    {
      g_set_error (error, CAM_ERROR, CAM_ERROR_FORMAT,
                   "%s: line %u: a face needs at least 3 corners, this one has %u", name, line, count);
      return FALSE;
    }
  g_array_append_val (d->sizes, count);
  return TRUE;
}

gboolean
cam_obj_parse (const guint8 *data, gsize len, const char *name, CamTriSoup *soup, GError **error)
{
  if (len == 0)
    {
      g_set_error (error, CAM_ERROR, CAM_ERROR_EMPTY, "%s: the file is empty (0 bytes)", name);
      return FALSE;
    }
  ObjData d = { g_array_new (FALSE, FALSE, sizeof (double)), g_array_new (FALSE, FALSE, sizeof (Corner)),
                g_array_new (FALSE, FALSE, sizeof (guint)) };
  gboolean ok = TRUE;
  GString *buf = g_string_new (NULL);
  const char *p = (const char *) data, *end = p + len;
  guint line = 0;

  while (ok && p < end)
    {
      const char *nl = memchr (p, '\n', (gsize) (end - p));
      const char *le = nl ? nl : end;
      line++;
      /* Lines ending in a backslash continue on the next one. */
      g_string_append_len (buf, p, le - p);
      p = nl ? nl + 1 : end;
      if (buf->len && buf->str[buf->len - 1] == '\r')
        g_string_truncate (buf, buf->len - 1);
      if (buf->len && buf->str[buf->len - 1] == '\\' && p < end)
        {
          g_string_truncate (buf, buf->len - 1);
          continue;
        }
      if (memchr (buf->str, '\0', buf->len))
        {
          g_set_error (error, CAM_ERROR, CAM_ERROR_FORMAT,
                       "%s: line %u: binary data (NUL byte) in a text OBJ file", name, line);
          ok = FALSE;
          break;
        }
      const char *s = buf->str;
      while (*s == ' ' || *s == '\t')
        s++;
      if (s[0] == 'v' && (s[1] == ' ' || s[1] == '\t'))
        ok = parse_vertex (&d, s + 2, name, line, error);
      else if (s[0] == 'f' && (s[1] == ' ' || s[1] == '\t'))
        ok = parse_face (&d, s + 2, name, line, error);
      g_string_truncate (buf, 0);
    }
  g_string_free (buf, TRUE);

  gint64 n_verts = (gint64) d.verts->len / 3;
  if (ok && d.sizes->len == 0)
    {
      g_set_error (error, CAM_ERROR, CAM_ERROR_EMPTY, "%s: OBJ with no faces (%" G_GINT64_FORMAT
                   " vertices)", name, n_verts);
      ok = FALSE;
    }
  for (guint i = 0; ok && i < d.corners->len; i++)
    {
      Corner *c = &g_array_index (d.corners, Corner, i);
      if (c->index < 0 || c->index >= n_verts)
        {
          g_set_error (error, CAM_ERROR, CAM_ERROR_FORMAT,
                       "%s: line %u: vertex index %" G_GINT64_FORMAT " is out of range (the file has %"
                       G_GINT64_FORMAT " vertices)", name, c->line,
                       c->index >= 0 ? c->index + 1 : c->index - n_verts, n_verts);
          ok = FALSE;
        }
    }

  const double *V = (const double *) d.verts->data;
  guint at = 0;
  for (guint f = 0; ok && f < d.sizes->len; f++)
    {
      guint n = g_array_index (d.sizes, guint, f);
      const Corner *cs = &g_array_index (d.corners, Corner, at);
      at += n;
      g_autofree double *pts = g_new (double, 3 * n);
      for (guint k = 0; k < n; k++)
        memcpy (pts + 3 * k, V + 3 * cs[k].index, 3 * sizeof (double));
      g_autofree guint *tris = g_new (guint, 3 * (n - 2));
      if (n <= MAX_EAR_CLIP)
        triangulate (pts, n, tris);
      else
        for (guint t = 0; t < n - 2; t++)
          tris[3 * t] = 0, tris[3 * t + 1] = t + 1, tris[3 * t + 2] = t + 2;
      for (guint t = 0; t < n - 2; t++)
        {
          float xyz[9];
          for (int c = 0; c < 3; c++)
            for (int k = 0; k < 3; k++)
              xyz[3 * c + k] = (float) pts[3 * tris[3 * t + c] + k];
          cam_tri_soup_add (soup, xyz);
        }
    }

  g_array_unref (d.verts);
  g_array_unref (d.corners);
  g_array_unref (d.sizes);
  return ok;
}
