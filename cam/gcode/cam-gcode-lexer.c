/* cam-gcode-lexer.c — splits one line of RS274/NGC-style G-code into words.
 *
 * Method: a single left-to-right pass over the bytes of the line (no copy, no
 * allocation). Syntax as in the NIST RS274/NGC interpreter, version 3 (Kramer, Proctor,
 * Messina, NISTIR 6556, 2000), §3.3 "Format of a line", and LinuxCNC's G-code overview
 * (linuxcnc.org/docs/html/gcode/overview.html): optional block delete '/', optional
 * line number N, words (letter + real value), comments in parentheses or after ';',
 * spaces and tabs ignored everywhere (also inside numbers), letters case-insensitive.
 * Numbers are read as a 64-bit decimal mantissa scaled by an exact power of ten, which is
 * correctly rounded for the ≤ 15 significant digits programs carry and several times
 * faster than strtod (no locale, no copy).
 */
#include "cam-gcode-lexer.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define skip_blank cam_gcode_skip_blank

#define lex_number cam_gcode_expr_number

static gboolean
fail (CamGcodeBlock *b, const char *fmt, char c)
{
  if ((unsigned char) c >= 0x20 && (unsigned char) c < 0x7f)
    snprintf (b->error, sizeof b->error, fmt, c);
  else
    {
      char hex[8];
      snprintf (hex, sizeof hex, "\\x%02x", (unsigned char) c);
      char tmpl[64];
      /* the format's %c becomes %s for a byte that is not printable */
      g_strlcpy (tmpl, fmt, sizeof tmpl);
      char *pc = strstr (tmpl, "%c");
      if (pc != NULL)
        pc[1] = 's';
      snprintf (b->error, sizeof b->error, tmpl, hex);
    }
  return FALSE;
}

/* A word's value: a plain number fast, else an expression, a parameter or a function. */
static gboolean
word_value (const char **p, const char *end, const CamGcodeParams *params, char letter, CamGcodeBlock *b,
            double *v)
{
  if (lex_number (p, end, v))
    return TRUE;
  const char *q = skip_blank (*p, end);
  if (q >= end || *q == '(' || *q == ';')
    return fail (b, "%c without a number", letter);
  if (params == NULL && (*q == '#' || *q == '['))
    return fail (b, "parameters and expressions after %c are not supported", letter);
  if (params == NULL || !(*q == '#' || *q == '[' || *q == '-' || *q == '+' || g_ascii_isalpha (*q)))
    return fail (b, "%c without a number", letter);
  char err[120];
  if (!cam_gcode_expr_value (p, end, params, v, err, sizeof err))
    {
      snprintf (b->error, sizeof b->error, "%c: %s", letter, err);
      return FALSE;
    }
  return TRUE;
}

/* "#ref = value": collected for after the line. */
static gboolean
lex_assignment (const char **p, const char *end, const CamGcodeParams *params, CamGcodeBlock *b)
{
  if (params == NULL)
    return fail (b, "parameters and expressions ('%c') are not supported", '#');
  if (b->n_assign == CAM_GCODE_MAX_ASSIGN)
    {
      snprintf (b->error, sizeof b->error, "more than %d parameter settings on one line", CAM_GCODE_MAX_ASSIGN);
      return FALSE;
    }
  char err[120];
  CamGcodeParamRef *ref = &b->assign[b->n_assign];
  if (!cam_gcode_expr_param_ref (p, end, params, ref, err, sizeof err))
    {
      snprintf (b->error, sizeof b->error, "%s", err);
      return FALSE;
    }
  *p = skip_blank (*p, end);
  if (*p >= end || **p != '=')
    {
      if (ref->index > 0)
        snprintf (b->error, sizeof b->error, "#%d without '=': a parameter setting is #n=value", ref->index);
      else
        snprintf (b->error, sizeof b->error, "#<%s> without '=': a parameter setting is #<name>=value", ref->name);
      return FALSE;
    }
  (*p)++;
  if (!cam_gcode_expr_value (p, end, params, &b->assign_value[b->n_assign], err, sizeof err))
    {
      snprintf (b->error, sizeof b->error, "%s", err);
      return FALSE;
    }
  b->n_assign++;
  return TRUE;
}

gboolean
cam_gcode_lex_line (const char *p, const char *end, const CamGcodeParams *params, CamGcodeBlock *b)
{
  b->has = 0;
  b->n_assign = 0;
  b->o_at = NULL;
  b->n_g = b->n_m = 0;
  b->block_delete = b->percent = b->o_word = b->o_flow = FALSE;
  b->error[0] = '\0';

  p = skip_blank (p, end);
  if (p < end && *p == '/')
    {
      b->block_delete = TRUE;
      p++;
    }
  p = skip_blank (p, end);
  if (p < end && *p == '%')
    {
      const char *q = skip_blank (p + 1, end);
      if (q == end || *q == '(' || *q == ';')
        {
          b->percent = TRUE;
          return TRUE;
        }
      return fail (b, "unexpected '%c' after %%", *q);
    }
  while (p < end)
    {
      char c = *p;
      if (c == ' ' || c == '\t' || c == '\r')
        {
          p++;
          continue;
        }
      if (c == ';')
        break;
      if (c == '(')
        {
          const char *q = memchr (p, ')', (size_t) (end - p));
          if (q == NULL)
            {
              snprintf (b->error, sizeof b->error, "comment not closed: '(' without ')'");
              return FALSE;
            }
          p = q + 1;
          continue;
        }
      if (c == '#')
        {
          if (!lex_assignment (&p, end, params, b))
            return FALSE;
          continue;
        }
      if (c == '[')
        return fail (b, "an expression ('%c') must follow a letter", c);
      char letter = (char) (c & ~0x20);
      if (!(letter >= 'A' && letter <= 'Z'))
        return fail (b, "unexpected character '%c'", c);
      p++;
      if (letter == 'O')
        {
          /* Fanuc "O1234" program number, or LinuxCNC "o100 sub" / "o<name> if [...]". */
          b->o_word = TRUE;
          b->o_at = p;
          double num;
          const char *q = p;
          if (!lex_number (&q, end, &num))
            b->o_flow = TRUE;
          else
            {
              q = skip_blank (q, end);
              if (q < end && *q != '(' && *q != ';')
                b->o_flow = TRUE;
            }
          return TRUE;
        }
      double v;
      if (!word_value (&p, end, params, letter, b, &v))
        return FALSE;
      switch (letter)
        {
        case 'N':
          break;
        case 'G':
          {
            /* one decimal at most (G90.1), below G1000 */
            double t = v * CAM_GCODE_G_SCALE;
            double r = nearbyint (t);
            if (v < 0 || fabs (t - r) > 1e-6 || r > CAM_GCODE_G (1000, 0))
              {
                snprintf (b->error, sizeof b->error, "G%g is not a G-code", v);
                return FALSE;
              }
            if (b->n_g == CAM_GCODE_MAX_G)
              {
                snprintf (b->error, sizeof b->error, "more than %d G-codes on one line", CAM_GCODE_MAX_G);
                return FALSE;
              }
            b->g[b->n_g++] = (int) r;
            break;
          }
        case 'M':
          {
            double r = nearbyint (v);
            if (v < 0 || fabs (v - r) > 1e-9 || r > 10000)
              {
                snprintf (b->error, sizeof b->error, "M%g is not an M-code", v);
                return FALSE;
              }
            if (b->n_m == CAM_GCODE_MAX_M)
              {
                snprintf (b->error, sizeof b->error, "more than %d M-codes on one line", CAM_GCODE_MAX_M);
                return FALSE;
              }
            b->m[b->n_m++] = (int) r;
            break;
          }
        default:
          {
            guint32 bit = CAM_GCODE_BIT (letter);
            if (b->has & bit)
              return fail (b, "%c given twice on one line", letter);
            b->has |= bit;
            b->v[letter - 'A'] = v;
            break;
          }
        }
    }
  return TRUE;
}
