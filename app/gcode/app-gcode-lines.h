/* app-gcode-lines.h — the lines of a G-code file as a GListModel for a GtkListView.
 *
 * Items are GtkStringObjects reading "   123  G1 X1 Y2 F100", made when the list asks for
 * them (only the rows on screen exist), from the mapped file and an array of line start
 * offsets: a 5-million-line program costs the offsets (8 bytes a line), not 5 million
 * objects and strings. Line numbers are 1-based and split at '\n' as the reader does
 * (cam-gcode-reader.h), a trailing '\r' dropped; item i is line i + 1.
 *
 * The model can be built in a worker thread (app_gcode_lines_new) and then handed to the
 * main thread; it is immutable afterwards. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define APP_TYPE_GCODE_LINES (app_gcode_lines_get_type ())
G_DECLARE_FINAL_TYPE (AppGcodeLines, app_gcode_lines, APP, GCODE_LINES, GObject)

/* Takes a reference to file (may be empty). cancellable may be NULL; NULL with
 * G_IO_ERROR_CANCELLED when cancelled during the scan. */
AppGcodeLines *app_gcode_lines_new         (GMappedFile  *file,
                                            GCancellable *cancellable,
                                            GError      **error);
guint          app_gcode_lines_get_n_lines (AppGcodeLines *lines);
/* The text of line (1-based) without its line end, and its length; NULL past the end. */
const char    *app_gcode_lines_get_text    (AppGcodeLines *lines, guint line, gsize *length);
/* Tells the list that line's row changed (it is drawn again: e.g. its colour). */
void           app_gcode_lines_changed     (AppGcodeLines *lines, guint line);
/* The row text ("   123  G1 X1"), newly allocated; rows are cut at 400 characters. */
char          *app_gcode_lines_format_row  (AppGcodeLines *lines, guint line);

G_END_DECLS
