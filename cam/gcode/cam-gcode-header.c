/* cam-gcode-header.c — "(T2: drill-0.2-long …)" header comments (cam-gcode-header.h). */
#include "cam-gcode-header.h"

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
