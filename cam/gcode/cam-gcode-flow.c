/* cam-gcode-flow.c — O-word control flow of LinuxCNC's RS274NGC: subroutines (sub, endsub,
 * call with arguments, return with a value), if/elseif/else/endif, while/endwhile,
 * do/while, repeat/endrepeat, break and continue; subroutine files.
 *
 * Method: the program is run from a cursor over the mapped text, not streamed: a jump back
 * (a loop) sets the cursor to a line already read, a jump forward (a false condition, a
 * break, a subroutine body met in the main flow) reads lines ahead looking only at their
 * O-words, for the same label and the keyword that ends the construct, as rs274 does (labels
 * name one construct each). A call pushes a frame (return point, loops, ifs) and a parameter
 * scope (#1–#30 set from the arguments, the rest 0; named locals new). A subroutine not yet
 * met is looked for further on in the current file, then as the file <name>.ngc in the main
 * program's folder and then in each folder of options.subroutine_path — LinuxCNC's order
 * (its [RS274NGC]SUBROUTINE_PATH; rs274 looks in the working folder).
 * Bounds, so that no program can hang or exhaust memory: 100 nested calls, 200 million lines
 * run, 30 million moves (the reader), each a clear error naming the line.
 * Source: LinuxCNC "O Codes" (linuxcnc.org/docs/html/gcode/o-code.html); every construct
 * checked against rs274 (tests/test-cam-gcode-ngc.c). */
#include "cam-gcode-interp.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cam-gcode-expr.h"

typedef enum {
  KW_NONE, KW_SUB, KW_ENDSUB, KW_CALL, KW_RETURN, KW_DO, KW_WHILE, KW_ENDWHILE, KW_IF, KW_ELSEIF, KW_ELSE,
  KW_ENDIF, KW_BREAK, KW_CONTINUE, KW_REPEAT, KW_ENDREPEAT,
} Keyword;

#define KW(k) (1u << (k))

static const struct { const char *word; Keyword kw; } keywords[] = {
  { "endsub", KW_ENDSUB }, { "endwhile", KW_ENDWHILE }, { "endif", KW_ENDIF }, { "endrepeat", KW_ENDREPEAT },
  { "elseif", KW_ELSEIF }, { "else", KW_ELSE }, { "sub", KW_SUB }, { "call", KW_CALL }, { "return", KW_RETURN },
  { "do", KW_DO }, { "while", KW_WHILE }, { "if", KW_IF }, { "break", KW_BREAK }, { "continue", KW_CONTINUE },
  { "repeat", KW_REPEAT },
};

#define LABEL_MAX (CAM_GCODE_PARAM_NAME_MAX + 2)

#define skip_blank cam_gcode_skip_blank

/* The label after 'o' ("100" or "<name>", lower case, blanks dropped) and the keyword; p is
 * left after the keyword. FALSE when the text is no O-word with a keyword. */
static gboolean
parse_oword (const char **pp, const char *end, const CamGcodeParams *params, char label[LABEL_MAX], Keyword *kw)
{
  const char *p = skip_blank (*pp, end);
  gsize n = 0;
  if (p < end && (*p == '#' || *p == '['))
    {
      /* o#<sub> call, O[#2 * 10] call: the label is the value, as a number */
      double v;
      char err[120];
      if (params == NULL || !cam_gcode_expr_value (&p, end, params, &v, err, sizeof err) || v < 0 || v > 1e12)
        return FALSE;
      n = (gsize) g_snprintf (label, LABEL_MAX, "%.0f", nearbyint (v));
    }
  else if (p < end && *p == '<')
    {
      label[n++] = '<';
      for (p++; p < end && *p != '>'; p++)
        {
          if (*p == ' ' || *p == '\t')
            continue;
          if (n + 2 >= LABEL_MAX)
            return FALSE;
          label[n++] = g_ascii_tolower (*p);
        }
      if (p >= end)
        return FALSE;
      p++;
      label[n++] = '>';
    }
  else
    {
      guint64 v = 0;
      gboolean digits = FALSE;
      for (; p < end && (g_ascii_isdigit (*p) || *p == ' ' || *p == '\t'); p++)
        if (g_ascii_isdigit (*p))
          {
            digits = TRUE;
            if (v < 1000000000000ull)
              v = v * 10 + (guint64) (*p - '0');
          }
      if (!digits)
        return FALSE;
      n = (gsize) g_snprintf (label, LABEL_MAX, "%" G_GUINT64_FORMAT, v);
    }
  label[n] = '\0';
  p = skip_blank (p, end);
  char word[12];
  gsize w = 0;
  while (p < end && g_ascii_isalpha (*p))
    {
      if (w + 1 >= sizeof word)
        return FALSE;
      word[w++] = g_ascii_tolower (*p++);
    }
  word[w] = '\0';
  for (guint i = 0; i < G_N_ELEMENTS (keywords); i++)
    if (strcmp (word, keywords[i].word) == 0)
      {
        *kw = keywords[i].kw;
        *pp = p;
        return TRUE;
      }
  return FALSE;
}

/* An O-word line's label and keyword, without running anything (for the forward scans). */
static gboolean
line_oword (const char *p, const char *eol, const CamGcodeParams *params, char label[LABEL_MAX], Keyword *kw)
{
  p = skip_blank (p, eol);
  if (p < eol && *p == '/')
    p = skip_blank (p + 1, eol);
  if (p < eol && (*p == 'n' || *p == 'N'))
    {
      p++;
      while (p < eol && (g_ascii_isdigit (*p) || *p == ' ' || *p == '\t' || *p == '.'))
        p++;
    }
  if (p >= eol || (*p != 'o' && *p != 'O'))
    return FALSE;
  p++;
  return parse_oword (&p, eol, params, label, kw);
}

static CamGcodeFrame *
top (CamGcodeInterp *s)
{
  return &g_array_index (s->frames, CamGcodeFrame, s->frames->len - 1);
}

static void
frame_init (CamGcodeFrame *f, const char *label)
{
  memset (f, 0, sizeof *f);
  g_strlcpy (f->label, label, sizeof f->label);
  f->loops = g_array_new (FALSE, FALSE, sizeof (CamGcodeLoop));
  f->ifs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

static void
frame_clear (gpointer data)
{
  CamGcodeFrame *f = data;
  g_clear_pointer (&f->loops, g_array_unref);
  g_clear_pointer (&f->ifs, g_hash_table_unref);
}

static void
source_free (gpointer data)
{
  CamGcodeSource *src = data;
  if (src->map)
    g_mapped_file_unref (src->map);
  g_free (src->name);
  g_free (src);
}

void
cam_gcode_flow_init (CamGcodeInterp *s, const char *data, gsize length, const char *name)
{
  s->sources = g_ptr_array_new_with_free_func (source_free);
  CamGcodeSource *main_src = g_new0 (CamGcodeSource, 1);
  main_src->data = data;
  main_src->end = data + length;
  main_src->name = g_path_get_basename (name);
  g_ptr_array_add (s->sources, main_src);
  s->cur = (CamGcodeCursor) { 0, data, 0 };
  s->frames = g_array_new (FALSE, FALSE, sizeof (CamGcodeFrame));
  g_array_set_clear_func (s->frames, frame_clear);
  CamGcodeFrame f;
  frame_init (&f, "");
  g_array_append_val (s->frames, f);
  s->subs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

void
cam_gcode_flow_clear (CamGcodeInterp *s)
{
  g_clear_pointer (&s->frames, g_array_unref);
  g_clear_pointer (&s->subs, g_hash_table_unref);
  g_clear_pointer (&s->sources, g_ptr_array_unref);
}

static const CamGcodeSource *
source (const CamGcodeInterp *s, guint i)
{
  return g_ptr_array_index (s->sources, i);
}

/* Reads the line at the cursor: TRUE with its bounds, the cursor after it. */
static gboolean
read_line (CamGcodeInterp *s, CamGcodeCursor *c, const char **start, const char **eol)
{
  const CamGcodeSource *src = source (s, c->source);
  if (c->pos >= src->end)
    return FALSE;
  const char *nl = memchr (c->pos, '\n', (size_t) (src->end - c->pos));
  *start = c->pos;
  *eol = nl ? nl : src->end;
  c->pos = nl ? nl + 1 : src->end;
  c->line++;
  return TRUE;
}

gboolean
cam_gcode_flow_next (CamGcodeInterp *s, const char **start, const char **eol)
{
  if (s->stop)
    return FALSE;
  s->line_at = s->cur;
  if (!read_line (s, &s->cur, start, eol))
    {
      if (s->frames->len > 1)
        {
          CAM_GCODE_ERROR (s, "%s ended inside subroutine o%s: no endsub or return", source (s, s->cur.source)->name,
                           top (s)->label);
          s->stop = TRUE;
        }
      return FALSE;
    }
  s->line = s->cur.line;
  s->move_line = s->cur.source == 0 ? s->cur.line : top (s)->move_line;
  guint64 max_blocks = s->r->options.max_blocks ? s->r->options.max_blocks : CAM_GCODE_MAX_BLOCKS;
  if (++s->blocks > max_blocks)
    {
      CAM_GCODE_ERROR (s, "more than %llu lines run: a loop that does not end? (the review stops here)",
                       (unsigned long long) max_blocks);
      s->stop = TRUE;
      return FALSE;
    }
  return TRUE;
}

/* Reads ahead from c (in its file) for the O-word `label` with a keyword in `mask`; TRUE with
 * *found and c after that line, *at at its start. */
static gboolean
seek (CamGcodeInterp *s, CamGcodeCursor *c, const char *label, guint mask, Keyword *found, CamGcodeCursor *at)
{
  const char *start, *eol;
  for (;;)
    {
      CamGcodeCursor before = *c;
      if (!read_line (s, c, &start, &eol))
        return FALSE;
      char l[LABEL_MAX];
      Keyword kw;
      if (line_oword (start, eol, s->params, l, &kw) && (mask & KW (kw)) && strcmp (l, label) == 0)
        {
          *found = kw;
          if (at)
            *at = before;
          return TRUE;
        }
    }
}

static const char *
kw_name (Keyword kw)
{
  for (guint i = 0; i < G_N_ELEMENTS (keywords); i++)
    if (keywords[i].kw == kw)
      return keywords[i].word;
  return "?";
}

/* Jumps forward to the line ending a construct: after it (or at it with at_line). */
static gboolean
skip_to (CamGcodeInterp *s, const char *label, Keyword from, guint mask, gboolean at_line, Keyword *found)
{
  Keyword kw;
  CamGcodeCursor at;
  CamGcodeCursor c = s->cur;
  if (!seek (s, &c, label, mask, &kw, &at))
    {
      GString *want = g_string_new (NULL);
      for (int k = KW_SUB; k <= KW_ENDREPEAT; k++)
        if (mask & KW (k))
          g_string_append_printf (want, "%s%s", want->len ? " or " : "", kw_name ((Keyword) k));
      CAM_GCODE_ERROR (s, "o%s %s: no o%s %s follows in %s", label, kw_name (from), label, want->str,
                       source (s, s->cur.source)->name);
      g_string_free (want, TRUE);
      s->stop = TRUE;
      return FALSE;
    }
  s->cur = at_line ? at : c;
  if (found)
    *found = kw;
  return TRUE;
}

/* [expr] after the keyword; *given FALSE when there is none. */
static gboolean
optional_expr (CamGcodeInterp *s, const char **p, const char *eol, double *v, gboolean *given)
{
  *p = skip_blank (*p, eol);
  *given = FALSE;
  if (*p >= eol || **p != '[')
    return TRUE;
  char err[120];
  if (!cam_gcode_expr_value (p, eol, s->params, v, err, sizeof err))
    {
      CAM_GCODE_ERROR (s, "%s", err);
      return FALSE;
    }
  *given = TRUE;
  return TRUE;
}

static gboolean
required_expr (CamGcodeInterp *s, const char **p, const char *eol, const char *label, Keyword kw, double *v)
{
  gboolean given;
  if (!optional_expr (s, p, eol, v, &given))
    return FALSE;
  if (!given)
    {
      CAM_GCODE_ERROR (s, "o%s %s needs a condition in brackets: o%s %s [expression]", label, kw_name (kw), label,
                       kw_name (kw));
      return FALSE;
    }
  return TRUE;
}

static CamGcodeLoop *
find_loop (CamGcodeInterp *s, const char *label)
{
  GArray *loops = top (s)->loops;
  for (guint i = loops->len; i-- > 0;)
    {
      CamGcodeLoop *l = &g_array_index (loops, CamGcodeLoop, i);
      if (strcmp (l->label, label) == 0)
        return l;
    }
  return NULL;
}

static void
drop_loop (CamGcodeInterp *s, const char *label)
{
  GArray *loops = top (s)->loops;
  for (guint i = loops->len; i-- > 0;)
    if (strcmp (g_array_index (loops, CamGcodeLoop, i).label, label) == 0)
      {
        g_array_set_size (loops, i);
        return;
      }
}

static CamGcodeLoop *
push_loop (CamGcodeInterp *s, const char *label, CamGcodeLoopKind kind, CamGcodeCursor head)
{
  drop_loop (s, label);
  CamGcodeLoop l = { .kind = kind, .head = head };
  g_strlcpy (l.label, label, sizeof l.label);
  g_array_append_val (top (s)->loops, l);
  return &g_array_index (top (s)->loops, CamGcodeLoop, top (s)->loops->len - 1);
}

/* Where the subroutine `label` starts: known, further on in this file, or a file. */
static const CamGcodeSub *
find_sub (CamGcodeInterp *s, const char *label)
{
  const CamGcodeSub *sub = g_hash_table_lookup (s->subs, label);
  if (sub)
    return sub;
  /* further on in the file being run */
  CamGcodeCursor c = s->cur;
  Keyword kw;
  if (seek (s, &c, label, KW (KW_SUB), &kw, NULL))
    {
      CamGcodeSub *n = g_new0 (CamGcodeSub, 1);
      n->source = c.source;
      n->body = c;
      g_hash_table_insert (s->subs, g_strdup (label), n);
      return n;
    }
  if (label[0] != '<')
    return NULL;
  /* a file <name>.ngc: the program's folder, then the search path */
  g_autofree char *base = g_strdup_printf ("%.*s.ngc", (int) strlen (label) - 2, label + 1);
  GPtrArray *dirs = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (dirs, g_strdup (s->dir ? s->dir : "."));
  if (s->r->options.subroutine_path)
    {
      g_auto (GStrv) parts = g_strsplit (s->r->options.subroutine_path, ":", -1);
      for (guint i = 0; parts[i]; i++)
        if (parts[i][0])
          g_ptr_array_add (dirs, g_strdup (parts[i]));
    }
  const CamGcodeSub *found = NULL;
  for (guint i = 0; i < dirs->len && !found; i++)
    {
      g_autofree char *path = g_build_filename (g_ptr_array_index (dirs, i), base, NULL);
      GMappedFile *map = g_mapped_file_new (path, FALSE, NULL);
      if (map == NULL)
        {
          /* LinuxCNC matches the file name as written, then lower case */
          continue;
        }
      CamGcodeSource *src = g_new0 (CamGcodeSource, 1);
      src->map = map;
      src->data = g_mapped_file_get_contents (map);
      src->end = src->data + g_mapped_file_get_length (map);
      src->name = g_strdup (base);
      g_ptr_array_add (s->sources, src);
      CamGcodeCursor fc = { s->sources->len - 1, src->data, 0 };
      if (seek (s, &fc, label, KW (KW_SUB), &kw, NULL))
        {
          CamGcodeSub *n = g_new0 (CamGcodeSub, 1);
          n->source = fc.source;
          n->body = fc;
          g_hash_table_insert (s->subs, g_strdup (label), n);
          found = n;
        }
      else
        CAM_GCODE_ERROR (s, "%s has no o%s sub", path, label);
    }
  g_ptr_array_unref (dirs);
  return found;
}

static void
call (CamGcodeInterp *s, const char *label, const char *p, const char *eol)
{
  double args[CAM_GCODE_N_SUB_ARGS];
  guint n = 0;
  for (;;)
    {
      double v;
      gboolean given;
      if (!optional_expr (s, &p, eol, &v, &given))
        return;
      if (!given)
        break;
      if (n == CAM_GCODE_N_SUB_ARGS)
        {
          CAM_GCODE_ERROR (s, "o%s call: more than %d arguments", label, CAM_GCODE_N_SUB_ARGS);
          return;
        }
      args[n++] = v;
    }
  if (s->frames->len > CAM_GCODE_MAX_CALL_DEPTH)
    {
      CAM_GCODE_ERROR (s, "o%s call: subroutines nested more than %d deep (a recursion that does not end?)", label,
                       CAM_GCODE_MAX_CALL_DEPTH);
      s->stop = TRUE;
      return;
    }
  const CamGcodeSub *sub = find_sub (s, label);
  if (sub == NULL)
    {
      if (label[0] == '<')
        CAM_GCODE_ERROR (s, "o%s call: no such subroutine in the program, and no file %.*s.ngc in %s%s%s", label,
                         (int) strlen (label) - 2, label + 1, s->dir ? s->dir : ".",
                         s->r->options.subroutine_path ? " or " : "",
                         s->r->options.subroutine_path ? s->r->options.subroutine_path : "");
      else
        CAM_GCODE_ERROR (s, "o%s call: no o%s sub in the program", label, label);
      s->stop = TRUE;
      return;
    }
  CamGcodeFrame f;
  frame_init (&f, label);
  f.ret = s->cur;
  f.move_line = s->move_line;
  g_array_append_val (s->frames, f);
  cam_gcode_params_push_call (s->params, args, n);
  s->value_returned = FALSE;
  s->cur = sub->body;
}

static void
leave_sub (CamGcodeInterp *s, const char *label, Keyword kw, const char *p, const char *eol)
{
  double v;
  gboolean given;
  if (!optional_expr (s, &p, eol, &v, &given))
    return;
  if (s->frames->len <= 1)
    {
      CAM_GCODE_ERROR (s, "o%s %s outside a subroutine call", label, kw_name (kw));
      return;
    }
  /* endsub names its sub; a return may carry the label of the if it sits in (LinuxCNC) */
  if (kw == KW_ENDSUB && strcmp (top (s)->label, label) != 0)
    {
      CAM_GCODE_ERROR (s, "o%s %s inside subroutine o%s", label, kw_name (kw), top (s)->label);
      return;
    }
  s->value_returned = given;
  if (given)
    s->value = v;
  CamGcodeCursor ret = top (s)->ret;
  gboolean fanuc = top (s)->fanuc;
  g_array_set_size (s->frames, s->frames->len - 1);
  if (!fanuc)
    cam_gcode_params_pop_call (s->params);
  s->cur = ret;
}

/* "O<n>" alone on its line (comments aside): a Fanuc subprogram starts there. */
static gboolean
line_fanuc_program (const char *p, const char *eol, const char *label)
{
  p = skip_blank (p, eol);
  if (p >= eol || (*p != 'o' && *p != 'O'))
    return FALSE;
  p = skip_blank (p + 1, eol);
  guint64 v = 0;
  gboolean digits = FALSE;
  for (; p < eol && g_ascii_isdigit (*p); p++)
    {
      digits = TRUE;
      if (v < 1000000000000ull)
        v = v * 10 + (guint64) (*p - '0');
    }
  p = skip_blank (p, eol);
  if (!digits || (p < eol && *p != '(' && *p != ';'))
    return FALSE;
  char l[LABEL_MAX];
  g_snprintf (l, sizeof l, "%" G_GUINT64_FORMAT, v);
  return strcmp (l, label) == 0;
}

void
cam_gcode_flow_m98 (CamGcodeInterp *s, double program, double repeats)
{
  char label[LABEL_MAX];
  if (program < 0 || program > 1e12)
    {
      CAM_GCODE_ERROR (s, "M98 P%g: P is the subprogram number", program);
      return;
    }
  g_snprintf (label, sizeof label, "%.0f", nearbyint (program));
  guint n = repeats >= 1 ? (guint) MIN (nearbyint (repeats), 1e6) : 1;
  if (s->frames->len > CAM_GCODE_MAX_CALL_DEPTH)
    {
      CAM_GCODE_ERROR (s, "M98 P%s: subprograms nested more than %d deep", label, CAM_GCODE_MAX_CALL_DEPTH);
      s->stop = TRUE;
      return;
    }
  /* the subprogram: anywhere in the file being run, as LinuxCNC looks for it */
  g_autofree char *key = g_strdup_printf ("O%s", label);
  const CamGcodeSub *sub = g_hash_table_lookup (s->subs, key);
  if (sub == NULL)
    {
      CamGcodeCursor c = { s->cur.source, source (s, s->cur.source)->data, 0 };
      const char *start, *eol;
      while (read_line (s, &c, &start, &eol))
        if (line_fanuc_program (start, eol, label))
          {
            CamGcodeSub *nsub = g_new0 (CamGcodeSub, 1);
            nsub->source = c.source;
            nsub->body = c;
            g_hash_table_insert (s->subs, g_strdup (key), nsub);
            sub = nsub;
            break;
          }
    }
  if (sub == NULL)
    {
      CAM_GCODE_ERROR (s, "M98 P%s: no subprogram O%s in %s", label, label, source (s, s->cur.source)->name);
      s->stop = TRUE;
      return;
    }
  CamGcodeFrame f;
  frame_init (&f, key);
  f.ret = s->cur;
  f.move_line = s->move_line;
  f.fanuc = TRUE;
  f.repeats_left = n - 1;
  f.body = sub->body;
  g_array_append_val (s->frames, f);
  s->cur = sub->body;
}

void
cam_gcode_flow_m99 (CamGcodeInterp *s)
{
  if (s->frames->len <= 1 || !top (s)->fanuc)
    {
      /* M99 in the main program: LinuxCNC starts it again, for ever; the review ends here */
      CAM_GCODE_WARN (s, "M99 in the main program: the controller runs it again from the start; reviewed once");
      s->r->ended = TRUE;
      return;
    }
  CamGcodeFrame *f = top (s);
  if (f->repeats_left >= 1)
    {
      f->repeats_left--;
      s->cur = f->body;
      return;
    }
  CamGcodeCursor ret = f->ret;
  g_array_set_size (s->frames, s->frames->len - 1);
  s->cur = ret;
}

static gboolean
if_taken (CamGcodeInterp *s, const char *label)
{
  return GPOINTER_TO_INT (g_hash_table_lookup (top (s)->ifs, label)) == 2;
}

static void
set_if (CamGcodeInterp *s, const char *label, gboolean taken)
{
  g_hash_table_replace (top (s)->ifs, g_strdup (label), GINT_TO_POINTER (taken ? 2 : 1));
}

void
cam_gcode_flow_oword (CamGcodeInterp *s, const CamGcodeBlock *b, const char *eol)
{
  const char *p = b->o_at;
  char label[LABEL_MAX];
  Keyword kw;
  if (!parse_oword (&p, eol, s->params, label, &kw))
    {
      CAM_GCODE_ERROR (s, "O-word with no keyword this interpreter knows (sub, endsub, call, return, if, elseif, "
                          "else, endif, while, endwhile, do, repeat, endrepeat, break, continue)");
      return;
    }
  double v;
  switch (kw)
    {
    case KW_SUB:
      {
        /* met in the flow: remember it, run past its body */
        if (!g_hash_table_contains (s->subs, label))
          {
            CamGcodeSub *n = g_new0 (CamGcodeSub, 1);
            n->source = s->cur.source;
            n->body = s->cur;
            g_hash_table_insert (s->subs, g_strdup (label), n);
          }
        skip_to (s, label, kw, KW (KW_ENDSUB), FALSE, NULL);
        return;
      }
    case KW_CALL:
      call (s, label, p, eol);
      return;
    case KW_ENDSUB:
    case KW_RETURN:
      leave_sub (s, label, kw, p, eol);
      return;
    case KW_IF:
      if (!required_expr (s, &p, eol, label, kw, &v))
        return;
      set_if (s, label, v != 0);
      if (v == 0)
        skip_to (s, label, kw, KW (KW_ELSEIF) | KW (KW_ELSE) | KW (KW_ENDIF), TRUE, NULL);
      return;
    case KW_ELSEIF:
      if (if_taken (s, label))
        {
          skip_to (s, label, kw, KW (KW_ENDIF), FALSE, NULL);
          return;
        }
      if (!required_expr (s, &p, eol, label, kw, &v))
        return;
      if (v != 0)
        set_if (s, label, TRUE);
      else
        skip_to (s, label, kw, KW (KW_ELSEIF) | KW (KW_ELSE) | KW (KW_ENDIF), TRUE, NULL);
      return;
    case KW_ELSE:
      if (if_taken (s, label))
        skip_to (s, label, kw, KW (KW_ENDIF), FALSE, NULL);
      else
        set_if (s, label, TRUE);
      return;
    case KW_ENDIF:
      g_hash_table_remove (top (s)->ifs, label);
      return;
    case KW_DO:
      push_loop (s, label, CAM_LOOP_DO, s->cur);
      return;
    case KW_WHILE:
      {
        CamGcodeLoop *l = find_loop (s, label);
        if (!required_expr (s, &p, eol, label, kw, &v))
          return;
        if (l && l->kind == CAM_LOOP_DO)
          {
            /* the end of a do … while */
            if (v != 0)
              s->cur = l->head;
            else
              drop_loop (s, label);
            return;
          }
        if (v != 0)
          {
            /* head: this line, so that endwhile comes back to test again */
            push_loop (s, label, CAM_LOOP_WHILE, s->line_at);
          }
        else
          {
            drop_loop (s, label);
            skip_to (s, label, kw, KW (KW_ENDWHILE), FALSE, NULL);
          }
        return;
      }
    case KW_ENDWHILE:
      {
        CamGcodeLoop *l = find_loop (s, label);
        if (l == NULL || l->kind != CAM_LOOP_WHILE)
          {
            CAM_GCODE_ERROR (s, "o%s endwhile without o%s while", label, label);
            return;
          }
        s->cur = l->head;
        return;
      }
    case KW_REPEAT:
      {
        if (!required_expr (s, &p, eol, label, kw, &v))
          return;
        if (v < 1)
          {
            skip_to (s, label, kw, KW (KW_ENDREPEAT), FALSE, NULL);
            return;
          }
        push_loop (s, label, CAM_LOOP_REPEAT, s->cur)->count = floor (v);
        return;
      }
    case KW_ENDREPEAT:
      {
        CamGcodeLoop *l = find_loop (s, label);
        if (l == NULL || l->kind != CAM_LOOP_REPEAT)
          {
            CAM_GCODE_ERROR (s, "o%s endrepeat without o%s repeat", label, label);
            return;
          }
        if (--l->count >= 1)
          s->cur = l->head;
        else
          drop_loop (s, label);
        return;
      }
    case KW_BREAK:
    case KW_CONTINUE:
      {
        CamGcodeLoop *l = find_loop (s, label);
        if (l == NULL)
          {
            CAM_GCODE_ERROR (s, "o%s %s outside an o%s loop", label, kw_name (kw), label);
            return;
          }
        guint end_mask = l->kind == CAM_LOOP_WHILE ? KW (KW_ENDWHILE)
                         : l->kind == CAM_LOOP_DO ? KW (KW_WHILE) : KW (KW_ENDREPEAT);
        if (kw == KW_BREAK)
          {
            drop_loop (s, label);
            skip_to (s, label, kw, end_mask, FALSE, NULL);
          }
        else if (l->kind == CAM_LOOP_WHILE)
          s->cur = l->head;
        else
          skip_to (s, label, kw, end_mask, TRUE, NULL); /* run the loop's end: its test or its count */
        return;
      }
    case KW_NONE:
      break;
    }
}

gboolean
cam_gcode_flow_predefined (gpointer data, const char *name, double *value)
{
  CamGcodeInterp *s = data;
  double p[3];
  cam_gcode_to_program (s, s->pos, p);
  static const char *const axes[] = { "_x", "_y", "_z" };
  for (int k = 0; k < 3; k++)
    if (strcmp (name, axes[k]) == 0)
      {
        *value = p[k] / s->scale;
        return TRUE;
      }
  struct { const char *n; double v; } table[] = {
    { "_a", 0 }, { "_b", 0 }, { "_c", 0 }, { "_u", 0 }, { "_v", 0 }, { "_w", 0 },
    { "_line", s->line },
    { "_motion_mode", s->motion < 0 ? 800 : s->motion * 10 / CAM_GCODE_G_SCALE },
    { "_plane", s->plane * 10 / CAM_GCODE_G_SCALE },
    { "_ccomp", 400 },
    { "_metric", s->scale == 1.0 }, { "_imperial", s->scale != 1.0 },
    { "_absolute", !s->incremental }, { "_incremental", s->incremental },
    { "_inverse_time", s->inverse_time }, { "_units_per_minute", !s->inverse_time && !s->per_rev },
    { "_units_per_rev", s->per_rev },
    { "_coord_system", s->coord_system <= 6 ? 530 + 10 * s->coord_system : 590 + (s->coord_system - 6) },
    { "_tool_offset", s->tlo != 0 },
    { "_retract_r_plane", s->retract_r }, { "_retract_old_z", !s->retract_r },
    { "_spindle_rpm_mode", 1 }, { "_spindle_css_mode", 0 },
    { "_ijk_absolute_mode", s->arc_absolute }, { "_lathe_diameter_mode", 0 }, { "_lathe_radius_mode", 1 },
    { "_spindle_on", s->spindle_on }, { "_spindle_cw", s->spindle_cw },
    { "_mist", s->mist }, { "_flood", s->flood },
    { "_speed_override", 1 }, { "_feed_override", 1 }, { "_adaptive_feed", 0 }, { "_feed_hold", 0 },
    { "_feed", s->feed }, { "_rpm", s->speed },
    { "_current_tool", s->tool_index >= 0 ? s->tool_number : 0 }, { "_current_pocket", 0 },
    { "_selected_tool", s->selected_tool }, { "_selected_pocket", 0 },
    { "_value", s->value }, { "_value_returned", s->value_returned },
    { "_call_level", cam_gcode_params_call_level (s->params) }, { "_remap_level", 0 },
    { "_task", 0 },
  };
  for (guint i = 0; i < G_N_ELEMENTS (table); i++)
    if (strcmp (name, table[i].n) == 0)
      {
        *value = table[i].v;
        return TRUE;
      }
  return FALSE;
}
