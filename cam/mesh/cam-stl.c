/* cam-stl.c — STL reader, binary and ASCII.
 *
 * Binary STL: an 80-byte header, a little-endian uint32 facet count n, then n records of 50 bytes
 * (normal, three corners as float32 xyz, a uint16 attribute). The file size must be 84 + 50·n.
 * ASCII STL: "solid name" … "facet normal nx ny nz / outer loop / vertex x y z ×3 / endloop /
 * endfacet" … "endsolid name" (3D Systems, "StereoLithography Interface Specification", 1989).
 *
 * Telling them apart, by content: many binary exporters (OpenSCAD among them) begin the header with
 * the word "solid", so the first word alone decides nothing. A file is ASCII when it starts with
 * "solid" in any case (SolidWorks and old exporters write "SOLID … FACET NORMAL"), its name line ends,
 * and what follows is text whose first word is "facet" or "endsolid" (any case). The name line may hold
 * any bytes: a UTF-8 name ("solid 月球") used to make the file "binary" with a header claiming
 * 808,858,414 facets. Anything else is binary, valid only when its size is exactly 84 + 50·n; when it
 * is not, the message gives both rules' reasons.
 * Stored facet normals are ignored: they are often wrong, and the mesh recomputes them.
 *
 * Binary records are copied to the soup and checked for non-finite values by their exponent bits. Reading a mapped file, the pages behind the reader are handed back
 * every 4 MB, so loading holds the soup and not the soup plus the whole file.
 */
#include "cam-stl.h"
#include "cam-error.h"

#include <math.h>
#include <string.h>

#include "cam-page-advice.h"

#define STL_HEADER 84
#define STL_RECORD 50

static guint32
read_le32 (const guint8 *p)
{
  return (guint32) p[0] | (guint32) p[1] << 8 | (guint32) p[2] << 16 | (guint32) p[3] << 24;
}

/* Why the bytes do not read as ASCII STL, or NULL when they do: "solid" (any case) after optional
 * white space, a name line (any bytes: names are often UTF-8), then text whose first word is "facet"
 * or "endsolid" (any case). Only the first 512 bytes after the name line are looked at. */
static char *
ascii_refusal (const guint8 *data, gsize len)
{
  gsize i = 0;
  while (i < len && g_ascii_isspace (data[i]))
    i++;
  if (len - i < 5 || g_ascii_strncasecmp ((const char *) data + i, "solid", 5) != 0)
    return g_strdup ("it does not start with 'solid'");
  const guint8 *nl = memchr (data + i, '\n', len - i);
  if (nl == NULL)
    return g_strdup ("its 'solid' line never ends");
  gsize body = (gsize) (nl - data) + 1, end = MIN (len, body + 512);
  for (gsize k = body; k < end; k++)
    if (!(g_ascii_isprint (data[k]) || g_ascii_isspace (data[k])))
      return g_strdup_printf ("byte %" G_GSIZE_FORMAT " (0x%02x), after the 'solid' line, is not text", k, data[k]);
  gsize w = body;
  while (w < end && g_ascii_isspace (data[w]))
    w++;
  gsize we = w;
  while (we < end && !g_ascii_isspace (data[we]))
    we++;
  if ((we - w == 5 && g_ascii_strncasecmp ((const char *) data + w, "facet", 5) == 0)
      || (we - w == 8 && g_ascii_strncasecmp ((const char *) data + w, "endsolid", 8) == 0))
    return NULL;
  g_autofree char *word = g_strndup ((const char *) data + w, MIN (we - w, 24));
  return g_strdup_printf ("after the 'solid' line comes '%s', not 'facet'", word);
}

gboolean
cam_stl_looks_binary (const guint8 *data, gsize len)
{
  /* Text that reads as ASCII STL is ASCII, whatever its size; anything else is binary (whose own
   * size rule then decides whether it is a valid file). Binary floats are not text for 512 bytes. */
  g_autofree char *why = ascii_refusal (data, len);
  return why != NULL;
}

#define DROP_EVERY (80000 * (guint64) STL_RECORD) /* records between page drops: 4 MB */

static gboolean
parse_binary (const guint8 *data, gsize len, const char *name, gboolean mapped_file, CamTriSoup *soup,
              GError **error)
{
  g_autofree char *not_ascii = ascii_refusal (data, len);
  if (len < STL_HEADER)
    {
      g_set_error (error, CAM_ERROR, CAM_ERROR_FORMAT,
                   "%s: %" G_GSIZE_FORMAT " bytes is too short for a binary STL (84-byte header) "
                   "and it does not read as ASCII STL (%s)", name, len, not_ascii);
      return FALSE;
    }
  guint64 n = read_le32 (data + 80);
  guint64 expected = (guint64) STL_HEADER + STL_RECORD * n;
  if (expected != len)
    {
      if (expected > len)
        g_set_error (error, CAM_ERROR, CAM_ERROR_FORMAT,
                     "%s: binary STL header (byte 80) says %" G_GUINT64_FORMAT " facets, which needs %"
                     G_GUINT64_FORMAT " bytes, but the file has %" G_GSIZE_FORMAT
                     ": the file is truncated (it stops in facet %" G_GUINT64_FORMAT "); nor is it "
                     "ASCII STL: %s",
                     name, n, expected, len, (len - STL_HEADER) / STL_RECORD + 1, not_ascii);
      else
        g_set_error (error, CAM_ERROR, CAM_ERROR_FORMAT,
                     "%s: binary STL header (byte 80) says %" G_GUINT64_FORMAT " facets (%"
                     G_GUINT64_FORMAT " bytes) but the file has %" G_GSIZE_FORMAT
                     " bytes: extra data after byte %" G_GUINT64_FORMAT "; nor is it ASCII STL: %s",
                     name, n, expected, len, expected, not_ascii);
      return FALSE;
    }
  if (n == 0)
    {
      g_set_error (error, CAM_ERROR, CAM_ERROR_EMPTY, "%s: binary STL with no facets", name);
      return FALSE;
    }
  cam_tri_soup_reserve (soup, soup->n_triangles + n);
  /* Records straight into the reserved soup (read_le32 compiles to plain loads on little-endian
   * hosts); a float is finite unless its 8 exponent bits are all ones (IEEE 754 binary32). */
  float *out = soup->xyz + 9 * soup->n_triangles;
  const guint8 *rec = data + STL_HEADER;
  for (guint64 i = 0; i < n; i++, rec += STL_RECORD, out += 9)
    {
      guint32 bad = 0;
      for (int k = 0; k < 9; k++)
        {
          guint32 u = read_le32 (rec + 12 + 4 * k);
          memcpy (out + k, &u, sizeof u);
          bad |= (u & 0x7f800000u) == 0x7f800000u;
        }
      if (G_UNLIKELY (bad))
        for (int k = 0; k < 9; k++)
          if (!isfinite (out[k]))
            {
              soup->n_triangles += i;
              g_set_error (error, CAM_ERROR, CAM_ERROR_INVALID,
                           "%s: facet %" G_GUINT64_FORMAT " has a non-finite coordinate (%s) at byte offset %"
                           G_GUINT64_FORMAT, name, i + 1, isnan (out[k]) ? "NaN" : "Inf",
                           (guint64) (STL_HEADER + STL_RECORD * i + 12 + 4 * k));
              return FALSE;
            }
      if (mapped_file && (i + 1) % (DROP_EVERY / STL_RECORD) == 0)
        cam_page_drop_mapped (data, rec + STL_RECORD);
    }
  soup->n_triangles += n;
  return TRUE;
}

/* --- ASCII --------------------------------------------------------------------------------- */

typedef struct {
  const char *p, *end;
  guint line;
  const char *name;
  const char *tok;   /* current token, not NUL-terminated */
  gsize tok_len;
  guint tok_line;
} Lexer;

static gboolean
lex_next (Lexer *lx)
{
  while (lx->p < lx->end && g_ascii_isspace (*lx->p))
    {
      if (*lx->p == '\n')
        lx->line++;
      lx->p++;
    }
  if (lx->p >= lx->end)
    {
      lx->tok = NULL;
      lx->tok_len = 0;
      return FALSE;
    }
  lx->tok = lx->p;
  lx->tok_line = lx->line;
  while (lx->p < lx->end && !g_ascii_isspace (*lx->p))
    lx->p++;
  lx->tok_len = (gsize) (lx->p - lx->tok);
  return TRUE;
}

static gboolean
tok_is (const Lexer *lx, const char *word)
{
  gsize n = strlen (word);
  return lx->tok && lx->tok_len == n && g_ascii_strncasecmp (lx->tok, word, n) == 0;
}

static char *
tok_show (const Lexer *lx)
{
  if (!lx->tok)
    return g_strdup ("end of file");
  g_autofree char *raw = g_strndup (lx->tok, MIN (lx->tok_len, 24));
  g_autofree char *esc = g_strescape (raw, NULL);
  return g_strdup_printf ("'%s%s'", esc, lx->tok_len > 24 ? "…" : "");
}

static gboolean
expect (Lexer *lx, const char *word, GError **error)
{
  lex_next (lx);
  if (tok_is (lx, word))
    return TRUE;
  g_autofree char *shown = tok_show (lx);
  g_set_error (error, CAM_ERROR, CAM_ERROR_FORMAT, "%s: line %u: expected '%s', found %s",
               lx->name, lx->tok ? lx->tok_line : lx->line, word, shown);
  return FALSE;
}

static gboolean
read_number (Lexer *lx, double *out, GError **error)
{
  lex_next (lx);
  if (lx->tok && lx->tok_len < 64)
    {
      char buf[64];
      memcpy (buf, lx->tok, lx->tok_len);
      buf[lx->tok_len] = '\0';
      char *endp = NULL;
      double v = g_ascii_strtod (buf, &endp);
      if (endp && *endp == '\0' && endp != buf)
        {
          if (!isfinite (v))
            {
              g_set_error (error, CAM_ERROR, CAM_ERROR_INVALID,
                           "%s: line %u: non-finite coordinate '%s'", lx->name, lx->tok_line, buf);
              return FALSE;
            }
          *out = v;
          return TRUE;
        }
    }
  g_autofree char *shown = tok_show (lx);
  g_set_error (error, CAM_ERROR, CAM_ERROR_FORMAT, "%s: line %u: expected a number, found %s",
               lx->name, lx->tok ? lx->tok_line : lx->line, shown);
  return FALSE;
}

static gboolean
parse_ascii (const guint8 *data, gsize len, const char *name, CamTriSoup *soup, GError **error)
{
  Lexer lx = { (const char *) data, (const char *) data + len, 1, name, NULL, 0, 1 };
  gsize start = soup->n_triangles;

  if (!expect (&lx, "solid", error))
    return FALSE;
  /* The solid's name runs to the end of its line. */
  while (lx.p < lx.end && *lx.p != '\n')
    lx.p++;

  for (;;)
    {
      if (!lex_next (&lx))
        break; /* tolerate a missing "endsolid": many exporters forget it */
      if (tok_is (&lx, "endsolid"))
        {
          while (lx.p < lx.end && *lx.p != '\n')
            lx.p++;
          /* Several solids may follow one another. */
          if (!lex_next (&lx))
            break;
          if (!tok_is (&lx, "solid"))
            {
              g_autofree char *shown = tok_show (&lx);
              g_set_error (error, CAM_ERROR, CAM_ERROR_FORMAT,
                           "%s: line %u: expected 'solid' or end of file after 'endsolid', found %s",
                           name, lx.tok_line, shown);
              return FALSE;
            }
          while (lx.p < lx.end && *lx.p != '\n')
            lx.p++;
          continue;
        }
      if (!tok_is (&lx, "facet"))
        {
          g_autofree char *shown = tok_show (&lx);
          g_set_error (error, CAM_ERROR, CAM_ERROR_FORMAT,
                       "%s: line %u: expected 'facet' or 'endsolid', found %s", name, lx.tok_line, shown);
          return FALSE;
        }
      guint facet_line = lx.tok_line;
      double n;
      if (!expect (&lx, "normal", error))
        return FALSE;
      for (int k = 0; k < 3; k++)
        if (!read_number (&lx, &n, error))
          return FALSE;
      if (!expect (&lx, "outer", error) || !expect (&lx, "loop", error))
        return FALSE;

      /* Corners of the loop: three in every real file; more are fan-triangulated. */
      double corners[3][3];
      guint count = 0;
      for (;;)
        {
          lex_next (&lx);
          if (tok_is (&lx, "endloop"))
            break;
          if (!tok_is (&lx, "vertex"))
            {
              g_autofree char *shown = tok_show (&lx);
              g_set_error (error, CAM_ERROR, CAM_ERROR_FORMAT,
                           "%s: line %u: expected 'vertex' or 'endloop' in the facet of line %u, found %s",
                           name, lx.tok ? lx.tok_line : lx.line, facet_line, shown);
              return FALSE;
            }
          double v[3];
          for (int k = 0; k < 3; k++)
            if (!read_number (&lx, &v[k], error))
              return FALSE;
          if (count < 3)
            memcpy (corners[count], v, sizeof v);
          else
            {
              memcpy (corners[1], corners[2], sizeof v);
              memcpy (corners[2], v, sizeof v);
            }
          count++;
          if (count >= 3)
            {
              float xyz[9];
              for (int c = 0; c < 3; c++)
                for (int k = 0; k < 3; k++)
                  xyz[3 * c + k] = (float) corners[c][k];
              cam_tri_soup_add (soup, xyz);
            }
        }
      if (count < 3)
        {
          g_set_error (error, CAM_ERROR, CAM_ERROR_FORMAT,
                       "%s: line %u: the facet of line %u has %u vertices, a facet needs 3",
                       name, lx.tok_line, facet_line, count);
          return FALSE;
        }
      if (!expect (&lx, "endfacet", error))
        return FALSE;
    }

  if (soup->n_triangles == start)
    {
      g_set_error (error, CAM_ERROR, CAM_ERROR_EMPTY, "%s: ASCII STL with no facets", name);
      return FALSE;
    }
  return TRUE;
}

static gboolean
parse (const guint8 *data, gsize len, const char *name, gboolean mapped_file, CamTriSoup *soup,
       GError **error)
{
  if (len == 0)
    {
      g_set_error (error, CAM_ERROR, CAM_ERROR_EMPTY, "%s: the file is empty (0 bytes)", name);
      return FALSE;
    }
  if (cam_stl_looks_binary (data, len))
    return parse_binary (data, len, name, mapped_file, soup, error);
  return parse_ascii (data, len, name, soup, error);
}

gboolean
cam_stl_parse (const guint8 *data, gsize len, const char *name, CamTriSoup *soup, GError **error)
{
  return parse (data, len, name, FALSE, soup, error);
}

gboolean
cam_stl_parse_mapped (const guint8 *data, gsize len, const char *name, CamTriSoup *soup, GError **error)
{
  return parse (data, len, name, TRUE, soup, error);
}
