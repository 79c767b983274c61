/* cam-gcode-header.c — the header comments a review reads back (cam-gcode-header.h). */
#include "cam-gcode-header.h"

#include <math.h>
#include <string.h>

static const char *
skip_spaces (const char *p, const char *end)
{
  while (p < end && (*p == ' ' || *p == '\t' || *p == '\r'))
    p++;
  return p;
}

gboolean
cam_gcode_header_tool_parse (const char *p, const char *end, guint *number, char **tool_id)
{
  p = skip_spaces (p, end);
  if (p == end || *p != '(')
    return FALSE;
  p = skip_spaces (p + 1, end);
  if (p == end || (*p != 'T' && *p != 't'))
    return FALSE;
  p++;
  /* T numbers are what the reader accepts (0 … 65535) */
  guint n = 0;
  const char *digits = p;
  while (p < end && g_ascii_isdigit (*p) && n <= 65535)
    n = n * 10 + (guint) (*p++ - '0');
  if (p == digits || n > 65535 || p == end || *p != ':')
    return FALSE;
  const char *id = skip_spaces (p + 1, end);
  const char *q = id;
  while (q < end && *q != ' ' && *q != '\t' && *q != ')' && *q != '(')
    q++;
  if (q == id)
    return FALSE;
  /* the comment closes on this line and nothing but blanks follows it */
  const char *close = q;
  while (close < end && *close != ')' && *close != '(')
    close++;
  if (close == end || *close != ')' || skip_spaces (close + 1, end) != end)
    return FALSE;
  *number = n;
  *tool_id = g_strndup (id, (gsize) (q - id));
  return TRUE;
}

static void
header_tool_clear (gpointer p)
{
  CamGcodeHeaderTool *t = p;
  g_free (t->tool_id);
}

GArray *
cam_gcode_header_tools_new (void)
{
  GArray *a = g_array_new (FALSE, FALSE, sizeof (CamGcodeHeaderTool));
  g_array_set_clear_func (a, header_tool_clear);
  return a;
}

/* The text of a comment line alone on its line: a new string between '(' and ')' (or after ';'),
 * else NULL. */
static char *
comment_text (const char *p, const char *end)
{
  p = skip_spaces (p, end);
  if (p == end)
    return NULL;
  if (*p == ';')
    {
      const char *e = end;
      while (e > p && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
        e--;
      return g_strndup (p + 1, (gsize) (e - p - 1));
    }
  if (*p != '(')
    return NULL;
  const char *close = p + 1;
  while (close < end && *close != ')' && *close != '(')
    close++;
  if (close == end || *close != ')' || skip_spaces (close + 1, end) != end)
    return NULL;
  return g_strndup (p + 1, (gsize) (close - p - 1));
}

/* The keyword (any case) at the start of text, then an optional ':': the rest, or NULL. */
static const char *
after_keyword (const char *text, const char *keyword)
{
  while (*text == ' ' || *text == '\t')
    text++;
  gsize n = strlen (keyword);
  if (g_ascii_strncasecmp (text, keyword, n) != 0)
    return NULL;
  text += n;
  if (*text == ':')
    text++;
  else if (*text != ' ' && *text != '\t')
    return NULL;
  return text;
}

/* A whole number token [p, e): TRUE with its finite value. */
static gboolean
number (const char *p, const char *e, double *v)
{
  if (p >= e || e - p > 63)
    return FALSE;
  char buf[64];
  memcpy (buf, p, (gsize) (e - p));
  buf[e - p] = '\0';
  char *stop = NULL;
  *v = g_ascii_strtod (buf, &stop);
  return stop == buf + (e - p) && isfinite (*v);
}

gboolean
cam_gcode_header_stock_parse (const char *p, const char *end, double min[3], double max[3])
{
  g_autofree char *text = comment_text (p, end);
  const char *q = text ? after_keyword (text, "stock") : NULL;
  if (q == NULL)
    return FALSE;
  static const char axes[3] = { 'X', 'Y', 'Z' };
  double lo[3], hi[3];
  for (int k = 0; k < 3; k++)
    {
      while (*q == ' ' || *q == '\t')
        q++;
      if (g_ascii_toupper (*q) != axes[k])
        return FALSE;
      const char *a = q + 1, *e = a;
      while (*e && *e != ' ' && *e != '\t')
        e++;
      /* "min..max": split at the "..", each half a whole number */
      const char *dots = NULL;
      for (const char *d = a + 1; d + 1 < e; d++)
        if (d[0] == '.' && d[1] == '.')
          {
            dots = d;
            break;
          }
      if (dots == NULL || !number (a, dots, &lo[k]) || !number (dots + 2, e, &hi[k]) || !(lo[k] < hi[k]))
        return FALSE;
      q = e;
    }
  memcpy (min, lo, sizeof lo);
  memcpy (max, hi, sizeof hi);
  return TRUE;
}

gboolean
cam_gcode_header_tolerance_parse (const char *p, const char *end, double *tolerance_mm)
{
  g_autofree char *text = comment_text (p, end);
  const char *q = text ? after_keyword (text, "tolerance") : NULL;
  if (q == NULL)
    return FALSE;
  while (*q == ' ' || *q == '\t')
    q++;
  static const char *const signs[] = { "±", "+/-", "+-" };
  for (guint k = 0; k < G_N_ELEMENTS (signs); k++)
    if (g_str_has_prefix (q, signs[k]))
      {
        q += strlen (signs[k]);
        break;
      }
  const char *e = q;
  while (*e && *e != ' ' && *e != '\t' && g_ascii_tolower (*e) != 'm')
    e++;
  double v;
  if (!number (q, e, &v) || !(v > 0))
    return FALSE;
  while (*e == ' ' || *e == '\t')
    e++;
  if (g_ascii_strncasecmp (e, "mm", 2) == 0)
    e += 2;
  while (*e == ' ' || *e == '\t')
    e++;
  if (*e != '\0')
    return FALSE;
  *tolerance_mm = v;
  return TRUE;
}

void
cam_gcode_header_read_line (const char *p, const char *end, guint32 line, GArray *tools, CamGcodeHeaderStock *stock)
{
  CamGcodeHeaderTool t = { .line = line };
  double min[3], max[3], tol;
  if (cam_gcode_header_tool_parse (p, end, &t.number, &t.tool_id))
    g_array_append_val (tools, t);
  else if (!stock->has_stock && cam_gcode_header_stock_parse (p, end, min, max))
    {
      stock->has_stock = TRUE;
      memcpy (stock->stock_min, min, sizeof min);
      memcpy (stock->stock_max, max, sizeof max);
      stock->stock_line = line;
    }
  else if (stock->tolerance_line == 0 && cam_gcode_header_tolerance_parse (p, end, &tol))
    {
      stock->tolerance_mm = tol;
      stock->tolerance_line = line;
    }
}
