/* app-gcode-lines.c — see app-gcode-lines.h.
 *
 * Method: one memchr pass over the mapped bytes records where each line starts (the same
 * split as the reader); get_item formats one row on demand. */
#include "app-gcode-lines.h"

#include <string.h>

#define ROW_MAX_CHARS 400

struct _AppGcodeLines
{
  GObject parent_instance;
  GMappedFile *file;
  const char *data;
  gsize length;
  gsize *starts;        /* n_lines + 1 entries: the last is the end of the data */
  guint n_lines;
};

static void app_gcode_lines_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (AppGcodeLines, app_gcode_lines, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, app_gcode_lines_model_init))

static GType
get_item_type (GListModel *model)
{
  (void) model;
  return GTK_TYPE_STRING_OBJECT;
}

static guint
get_n_items (GListModel *model)
{
  return APP_GCODE_LINES (model)->n_lines;
}

static gpointer
get_item (GListModel *model, guint position)
{
  AppGcodeLines *self = APP_GCODE_LINES (model);
  if (position >= self->n_lines)
    return NULL;
  g_autofree char *row = app_gcode_lines_format_row (self, position + 1);
  return gtk_string_object_new (row);
}

static void
app_gcode_lines_model_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

static void
app_gcode_lines_finalize (GObject *object)
{
  AppGcodeLines *self = APP_GCODE_LINES (object);
  g_free (self->starts);
  g_clear_pointer (&self->file, g_mapped_file_unref);
  G_OBJECT_CLASS (app_gcode_lines_parent_class)->finalize (object);
}

static void
app_gcode_lines_class_init (AppGcodeLinesClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = app_gcode_lines_finalize;
}

static void
app_gcode_lines_init (AppGcodeLines *self)
{
  (void) self;
}

AppGcodeLines *
app_gcode_lines_new (GMappedFile *file, GCancellable *cancellable, GError **error)
{
  g_return_val_if_fail (file != NULL, NULL);
  g_autoptr (AppGcodeLines) self = g_object_new (APP_TYPE_GCODE_LINES, NULL);
  self->file = g_mapped_file_ref (file);
  self->length = g_mapped_file_get_length (file);
  self->data = self->length > 0 ? g_mapped_file_get_contents (file) : "";
  /* count first, then fill: one exact allocation */
  gsize n = 0;
  const char *p = self->data, *end = self->data + self->length;
  while (p < end)
    {
      const char *nl = memchr (p, '\n', (size_t) (end - p));
      n++;
      p = nl ? nl + 1 : end;
      if ((n & 0xfffff) == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
    }
  if (n >= G_MAXUINT)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_TOO_MANY_LINKS, "more than %u lines", G_MAXUINT - 1);
      return NULL;
    }
  self->n_lines = (guint) n;
  self->starts = g_new (gsize, n + 1);
  gsize i = 0;
  p = self->data;
  while (p < end)
    {
      const char *nl = memchr (p, '\n', (size_t) (end - p));
      self->starts[i++] = (gsize) (p - self->data);
      p = nl ? nl + 1 : end;
    }
  self->starts[n] = self->length;
  return g_steal_pointer (&self);
}

guint
app_gcode_lines_get_n_lines (AppGcodeLines *self)
{
  g_return_val_if_fail (APP_IS_GCODE_LINES (self), 0);
  return self->n_lines;
}

const char *
app_gcode_lines_get_text (AppGcodeLines *self, guint line, gsize *length)
{
  g_return_val_if_fail (APP_IS_GCODE_LINES (self), NULL);
  if (line == 0 || line > self->n_lines)
    {
      if (length)
        *length = 0;
      return NULL;
    }
  gsize a = self->starts[line - 1], b = self->starts[line];
  if (b > a && self->data[b - 1] == '\n')
    b--;
  if (b > a && self->data[b - 1] == '\r')
    b--;
  if (length)
    *length = b - a;
  return self->data + a;
}

void
app_gcode_lines_changed (AppGcodeLines *self, guint line)
{
  g_return_if_fail (APP_IS_GCODE_LINES (self));
  if (line >= 1 && line <= self->n_lines)
    g_list_model_items_changed (G_LIST_MODEL (self), line - 1, 1, 1);
}

char *
app_gcode_lines_format_row (AppGcodeLines *self, guint line)
{
  gsize len = 0;
  const char *text = app_gcode_lines_get_text (self, line, &len);
  if (text == NULL)
    return NULL;
  GString *s = g_string_sized_new (MIN (len, ROW_MAX_CHARS) + 16);
  g_string_printf (s, "%6u  ", line);
  /* tabs as a space, other control bytes as '?', invalid UTF-8 replaced: a label needs valid text */
  gsize shown = MIN (len, (gsize) ROW_MAX_CHARS);
  g_autofree char *valid = g_utf8_make_valid (text, (gssize) shown);
  for (char *c = valid; *c; c++)
    if ((guchar) *c < 0x20)
      *c = *c == '\t' ? ' ' : '?';
  g_string_append (s, valid);
  if (shown < len)
    g_string_append (s, " …");
  return g_string_free (s, FALSE);
}
