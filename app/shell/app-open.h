/* app-open.h — one place that decides what a file is and where it opens: a part (STL, OBJ)
 * is loaded into the window, a job (.json) shows its part and toolpaths on the Operations
 * page, a G-code program (.ngc .nc .tap .gcode .gc .cnc) opens on the G-code page for review.
 * Used by the command line, File → Open, Open Recent and drag and drop. */
#pragma once

#include "app-window.h"

G_BEGIN_DECLS

typedef enum {
  APP_FILE_PART,
  APP_FILE_JOB,
  APP_FILE_GCODE,
} AppFileKind;

/* By the name's suffix, case-insensitive; anything else is taken as a part, whose reader
 * then says what is wrong with it. */
AppFileKind app_open_classify (const char *name);

/* Opens file in win by its kind. A part loads in a thread (its errors come later, as for
 * app_window_open()); a job or a G-code program fail here with a message naming the file. */
gboolean    app_open_file     (AppWindow *win, GFile *file, GError **error);
/* The same, with the error in the window's "Could not open" dialog; what File → Open, Open
 * Recent and drag and drop do. When opening would replace a job with changes not saved
 * (app_open_would_discard) it asks first — Save (then opens), Discard Changes (opens), Cancel. */
void        app_open_file_or_report (AppWindow *win, GFile *file);
/* TRUE when opening file in win replaces the job while the document is dirty (a part other
 * than the job's own, or a job; never a G-code program, never in batch mode). */
gboolean    app_open_would_discard (AppWindow *win, GFile *file);

/* Adds the file chooser's filters: all that opens, parts, jobs, G-code. */
void        app_open_add_filters (GtkFileChooser *chooser);

G_END_DECLS
