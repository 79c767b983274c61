/* cam-gcode-expr.c — RS274NGC expressions by recursive descent with one level per operator
 * precedence (see the header for the language and its source). */
#include "cam-gcode-expr.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define TOLERANCE_EQUAL 0.0001   /* LinuxCNC interp_internal.hh */
#define DEG (G_PI / 180.0)

typedef struct {
  const char *p, *end;
  const CamGcodeParams *params;
  char *err;
  gsize err_len;
  int depth;
} Cursor;

static const double pow10_table[] = {
  1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
  1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
};

#define skip_blank cam_gcode_skip_blank

gboolean
cam_gcode_expr_number (const char **pp, const char *end, double *out)
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

G_GNUC_PRINTF (2, 3) static gboolean
fail (Cursor *c, const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  g_vsnprintf (c->err, c->err_len, fmt, ap);
  va_end (ap);
  return FALSE;
}

static char
peek (Cursor *c)
{
  c->p = skip_blank (c->p, c->end);
  return c->p < c->end ? *c->p : '\0';
}

/* Matches a keyword case-insensitively, blanks allowed between its letters (rs274 drops all
 * blanks before it parses). */
static gboolean
keyword (Cursor *c, const char *word)
{
  const char *q = skip_blank (c->p, c->end);
  for (const char *w = word; *w; w++)
    {
      q = skip_blank (q, c->end);
      if (q >= c->end || g_ascii_tolower (*q) != *w)
        return FALSE;
      q++;
    }
  c->p = q;
  return TRUE;
}

static gboolean expression (Cursor *c, double *out);
static gboolean value (Cursor *c, double *out);

static gboolean
bracketed (Cursor *c, double *out)
{
  if (peek (c) != '[')
    return fail (c, "'[' expected");
  c->p++;
  if (++c->depth > CAM_GCODE_EXPR_MAX_DEPTH)
    return fail (c, "expression nested more than %d deep", CAM_GCODE_EXPR_MAX_DEPTH);
  if (!expression (c, out))
    return FALSE;
  c->depth--;
  if (peek (c) != ']')
    return fail (c, "']' expected to close the expression");
  c->p++;
  return TRUE;
}

/* <name>: lower case, blanks dropped. */
static gboolean
read_name (Cursor *c, char *name)
{
  if (peek (c) != '<')
    return fail (c, "'<' expected");
  c->p++;
  gsize n = 0;
  for (; c->p < c->end && *c->p != '>'; c->p++)
    {
      char ch = *c->p;
      if (ch == ' ' || ch == '\t')
        continue;
      if (ch == '\r' || ch == '(' || ch == ';' || ch == '[' || ch == '#')
        break;
      if (n + 1 >= CAM_GCODE_PARAM_NAME_MAX)
        return fail (c, "parameter name longer than %d characters", CAM_GCODE_PARAM_NAME_MAX - 1);
      name[n++] = g_ascii_tolower (ch);
    }
  name[n] = '\0';
  if (c->p >= c->end || *c->p != '>')
    return fail (c, "named parameter not closed with '>'");
  c->p++;
  if (n == 0)
    return fail (c, "named parameter #<> without a name");
  return TRUE;
}

static gboolean
param_ref (Cursor *c, CamGcodeParamRef *ref)
{
  if (peek (c) != '#')
    return fail (c, "'#' expected");
  c->p++;
  ref->index = 0;
  ref->name[0] = '\0';
  if (peek (c) == '<')
    return read_name (c, ref->name);
  double v;
  if (++c->depth > CAM_GCODE_EXPR_MAX_DEPTH)
    return fail (c, "parameters nested more than %d deep", CAM_GCODE_EXPR_MAX_DEPTH);
  if (!value (c, &v))
    return FALSE;
  c->depth--;
  double r = nearbyint (v);
  if (fabs (v - r) > 0.0001)
    return fail (c, "parameter number #%g is not a whole number", v);
  if (r < 1 || r >= CAM_GCODE_N_PARAMS)
    return fail (c, "parameter number #%g out of range (1 to %d)", r, CAM_GCODE_N_PARAMS - 1);
  ref->index = (int) r;
  return TRUE;
}

static gboolean
param_value (Cursor *c, double *out)
{
  CamGcodeParamRef ref;
  if (!param_ref (c, &ref))
    return FALSE;
  if (ref.index > 0)
    {
      *out = c->params->num[ref.index];
      return TRUE;
    }
  if (!cam_gcode_params_get_named (c->params, ref.name, out))
    return fail (c, "named parameter #<%s> not defined", ref.name);
  return TRUE;
}

typedef enum { F_ABS, F_ACOS, F_ASIN, F_ATAN, F_COS, F_EXP, F_EXISTS, F_FIX, F_FUP, F_LN, F_ROUND,
               F_SIN, F_SQRT, F_TAN } Func;

static const struct { const char *name; Func f; } functions[] = {
  { "abs", F_ABS }, { "acos", F_ACOS }, { "asin", F_ASIN }, { "atan", F_ATAN }, { "cos", F_COS },
  { "exists", F_EXISTS }, { "exp", F_EXP }, { "fix", F_FIX }, { "fup", F_FUP }, { "ln", F_LN },
  { "round", F_ROUND }, { "sin", F_SIN }, { "sqrt", F_SQRT }, { "tan", F_TAN },
};

static gboolean
function (Cursor *c, double *out)
{
  for (guint i = 0; i < G_N_ELEMENTS (functions); i++)
    {
      const char *save = c->p;
      if (!keyword (c, functions[i].name) || peek (c) != '[')
        {
          c->p = save;
          continue;
        }
      Func f = functions[i].f;
      if (f == F_EXISTS)
        {
          c->p++;
          char name[CAM_GCODE_PARAM_NAME_MAX];
          if (peek (c) != '#')
            return fail (c, "EXISTS needs a named parameter: EXISTS[#<name>]");
          c->p++;
          if (!read_name (c, name))
            return FALSE;
          if (peek (c) != ']')
            return fail (c, "']' expected after EXISTS[#<%s>", name);
          c->p++;
          *out = cam_gcode_params_exists (c->params, name) ? 1.0 : 0.0;
          return TRUE;
        }
      double a;
      if (!bracketed (c, &a))
        return FALSE;
      switch (f)
        {
        case F_ABS: *out = fabs (a); break;
        case F_ACOS:
          if (a < -1 || a > 1)
            return fail (c, "ACOS[%g]: the argument must be from -1 to 1", a);
          *out = acos (a) / DEG;
          break;
        case F_ASIN:
          if (a < -1 || a > 1)
            return fail (c, "ASIN[%g]: the argument must be from -1 to 1", a);
          *out = asin (a) / DEG;
          break;
        case F_ATAN:
          {
            double b;
            if (peek (c) != '/')
              return fail (c, "ATAN needs two arguments: ATAN[y]/[x]");
            c->p++;
            if (!bracketed (c, &b))
              return FALSE;
            *out = atan2 (a, b) / DEG;
            break;
          }
        case F_COS: *out = cos (a * DEG); break;
        case F_EXP: *out = exp (a); break;
        case F_FIX: *out = floor (a); break;
        case F_FUP: *out = ceil (a); break;
        case F_LN:
          if (a <= 0)
            return fail (c, "LN[%g]: the argument must be above 0", a);
          *out = log (a);
          break;
        case F_ROUND: *out = a < 0 ? -floor (-a + 0.5) : floor (a + 0.5); break;
        case F_SIN: *out = sin (a * DEG); break;
        case F_SQRT:
          if (a < 0)
            return fail (c, "SQRT[%g]: the argument cannot be negative", a);
          *out = sqrt (a);
          break;
        case F_TAN: *out = tan (a * DEG); break;
        case F_EXISTS: break;
        }
      return TRUE;
    }
  const char *q = c->p;
  char word[16];
  gsize n = 0;
  while (q < c->end && g_ascii_isalpha (*q) && n + 1 < sizeof word)
    word[n++] = *q++;
  word[n] = '\0';
  return fail (c, "unknown function or operator '%s'", word);
}

static gboolean
value (Cursor *c, double *out)
{
  char ch = peek (c);
  if (ch == '[')
    return bracketed (c, out);
  if (ch == '#')
    return param_value (c, out);
  if (ch == '-' || ch == '+')
    {
      const char *q = skip_blank (c->p + 1, c->end);
      if (q < c->end && (g_ascii_isdigit (*q) || *q == '.'))
        {
          if (cam_gcode_expr_number (&c->p, c->end, out))
            return TRUE;
          return fail (c, "bad number");
        }
      c->p++;
      if (++c->depth > CAM_GCODE_EXPR_MAX_DEPTH)
        return fail (c, "signs nested more than %d deep", CAM_GCODE_EXPR_MAX_DEPTH);
      if (!value (c, out))
        return FALSE;
      c->depth--;
      if (ch == '-')
        *out = -*out;
      return TRUE;
    }
  if (g_ascii_isalpha (ch))
    {
      if (++c->depth > CAM_GCODE_EXPR_MAX_DEPTH)
        return fail (c, "functions nested more than %d deep", CAM_GCODE_EXPR_MAX_DEPTH);
      if (!function (c, out))
        return FALSE;
      c->depth--;
      return TRUE;
    }
  if (cam_gcode_expr_number (&c->p, c->end, out))
    return TRUE;
  if (ch == '\0')
    return fail (c, "a value is missing at the end of the line");
  return fail (c, "a number, '[', '#' or a function expected, not '%c'", ch);
}

typedef enum { OP_NONE, OP_POW, OP_MUL, OP_DIV, OP_MOD, OP_ADD, OP_SUB, OP_EQ, OP_NE, OP_GT, OP_GE,
               OP_LT, OP_LE, OP_AND, OP_OR, OP_XOR } Op;

/* The binary operator at the cursor and its level (4 tightest … 0 loosest), without consuming it. */
static Op
peek_op (Cursor *c, int *level, const char **after)
{
  char ch = peek (c);
  const char *save = c->p;
  Op op = OP_NONE;
  if (ch == '*')
    {
      c->p++;
      if (peek (c) == '*')
        c->p++, op = OP_POW, *level = 4;
      else
        op = OP_MUL, *level = 3;
    }
  else if (ch == '/')
    c->p++, op = OP_DIV, *level = 3;
  else if (ch == '+')
    c->p++, op = OP_ADD, *level = 2;
  else if (ch == '-')
    c->p++, op = OP_SUB, *level = 2;
  else if (keyword (c, "mod"))
    op = OP_MOD, *level = 3;
  else if (keyword (c, "eq"))
    op = OP_EQ, *level = 1;
  else if (keyword (c, "ne"))
    op = OP_NE, *level = 1;
  else if (keyword (c, "gt"))
    op = OP_GT, *level = 1;
  else if (keyword (c, "ge"))
    op = OP_GE, *level = 1;
  else if (keyword (c, "lt"))
    op = OP_LT, *level = 1;
  else if (keyword (c, "le"))
    op = OP_LE, *level = 1;
  else if (keyword (c, "and"))
    op = OP_AND, *level = 0;
  else if (keyword (c, "or"))
    op = OP_OR, *level = 0;
  else if (keyword (c, "xor"))
    op = OP_XOR, *level = 0;
  *after = c->p;
  c->p = save;
  return op;
}

static gboolean
apply (Cursor *c, Op op, double a, double b, double *out)
{
  switch (op)
    {
    case OP_POW:
      if (a < 0 && fabs (b - nearbyint (b)) > 1e-12)
        return fail (c, "%g ** %g: a negative number to a fractional power", a, b);
      *out = pow (a, b);
      break;
    case OP_MUL: *out = a * b; break;
    case OP_DIV:
      if (b == 0)
        return fail (c, "division by zero");
      *out = a / b;
      break;
    case OP_MOD:
      if (b == 0)
        return fail (c, "MOD by zero");
      *out = fmod (a, b);
      if (*out < 0)
        *out += fabs (b);
      break;
    case OP_ADD: *out = a + b; break;
    case OP_SUB: *out = a - b; break;
    case OP_EQ: *out = fabs (a - b) < TOLERANCE_EQUAL; break;
    case OP_NE: *out = fabs (a - b) >= TOLERANCE_EQUAL; break;
    case OP_GT: *out = a > b; break;
    case OP_GE: *out = a >= b; break;
    case OP_LT: *out = a < b; break;
    case OP_LE: *out = a <= b; break;
    case OP_AND: *out = a != 0 && b != 0; break;
    case OP_OR: *out = a != 0 || b != 0; break;
    case OP_XOR: *out = (a != 0) != (b != 0); break;
    case OP_NONE: break;
    }
  return TRUE;
}

static gboolean
binary (Cursor *c, int level, double *out)
{
  if (level > 4)
    return value (c, out);
  if (!binary (c, level + 1, out))
    return FALSE;
  for (;;)
    {
      int op_level = -1;
      const char *after;
      Op op = peek_op (c, &op_level, &after);
      if (op == OP_NONE || op_level != level)
        return TRUE;
      c->p = after;
      double b;
      if (!binary (c, level + 1, &b))
        return FALSE;
      if (!apply (c, op, *out, b, out))
        return FALSE;
    }
}

static gboolean
expression (Cursor *c, double *out)
{
  return binary (c, 0, out);
}

gboolean
cam_gcode_expr_value (const char **p, const char *end, const CamGcodeParams *params, double *out, char *err,
                      gsize err_len)
{
  Cursor c = { *p, end, params, err, err_len, 0 };
  if (!value (&c, out))
    return FALSE;
  if (!isfinite (*out))
    return fail (&c, "the value is not a finite number");
  *p = c.p;
  return TRUE;
}

gboolean
cam_gcode_expr_param_ref (const char **p, const char *end, const CamGcodeParams *params, CamGcodeParamRef *ref,
                          char *err, gsize err_len)
{
  Cursor c = { *p, end, params, err, err_len, 0 };
  if (!param_ref (&c, ref))
    return FALSE;
  *p = c.p;
  return TRUE;
}
