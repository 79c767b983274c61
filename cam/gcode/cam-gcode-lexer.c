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

static const double pow10_table[] = {
  1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
  1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
};

static inline const char *
skip_blank (const char *p, const char *end)
{
  while (p < end && (*p == ' ' || *p == '\t' || *p == '\r'))
    p++;
  return p;
}

/* Reads [+|-] digits [. digits] with blanks allowed in between. */
static gboolean
lex_number (const char **pp, const char *end, double *out)
{
  const char *p = skip_blank (*pp, end);
  gboolean neg = FALSE;
  if (p < end && (*p == '+' || *p == '-'))
    {
      neg = *p == '-';
      p = skip_blank (p + 1, end);
    }
  guint64 mant = 0;
  int exp10 = 0, sig = 0, digits = 0;
  gboolean dot = FALSE;
  for (; p < end; p++)
    {
      char c = *p;
      if (c >= '0' && c <= '9')
        {
          digits++;
          if (sig < 18)
            {
              if (mant != 0 || c != '0')
                sig++;
              mant = mant * 10 + (guint64) (c - '0');
              if (dot)
                exp10--;
            }
          else if (!dot)
            exp10++;
        }
      else if (c == '.' && !dot)
        dot = TRUE;
      else if (c != ' ' && c != '\t')
        break;
    }
  if (digits == 0)
    return FALSE;
  double v = (double) mant;
  if (exp10 < 0)
    v = -exp10 < (int) G_N_ELEMENTS (pow10_table) ? v / pow10_table[-exp10] : v * pow (10, exp10);
  else if (exp10 > 0)
    v = exp10 < (int) G_N_ELEMENTS (pow10_table) ? v * pow10_table[exp10] : v * pow (10, exp10);
  *out = neg ? -v : v;
  *pp = p;
  return TRUE;
}

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

gboolean
cam_gcode_lex_line (const char *p, const char *end, CamGcodeBlock *b)
{
  b->has = 0;
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
      if (c == '#' || c == '[')
        return fail (b, "parameters and expressions ('%c') are not supported", c);
      char letter = (char) (c & ~0x20);
      if (!(letter >= 'A' && letter <= 'Z'))
        return fail (b, "unexpected character '%c'", c);
      p++;
      if (letter == 'O')
        {
          /* Fanuc "O1234" program number, or LinuxCNC "o100 sub" / "o<name> if [...]". */
          b->o_word = TRUE;
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
      if (!lex_number (&p, end, &v))
        {
          if (p < end && (*p == '#' || *p == '['))
            return fail (b, "parameters and expressions after %c are not supported", letter);
          return fail (b, "%c without a number", letter);
        }
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
