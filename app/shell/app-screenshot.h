/* app-screenshot.h — `microcam --screenshot OUT.png [--view iso|top|front|right]
 * [--size WxH] PART`: opens the real window, loads the part, reads back the first GL
 * frame drawn with it, writes the PNG (atomically) and quits: exit 0, or 1 with a
 * message on stderr when the part or OpenGL fails, 2 on bad options.
 *
 * Batch options are parsed from GApplication's option dictionary, so later features
 * (overlays, jobs) add their entries the same way. */
#pragma once

#include <gtk/gtk.h>

#include "app-window.h"

G_BEGIN_DECLS

typedef struct _AppScreenshot AppScreenshot;

/* Adds --screenshot, --view, --size, --overlay, --material, --machine, --tool-id to the
 * application's options. */
void           app_screenshot_add_options  (GApplication *app);
/* NULL without error when --screenshot was not given; NULL with error on a bad option. */
AppScreenshot *app_screenshot_new_from_options (GVariantDict *options, GError **error);
void           app_screenshot_free         (AppScreenshot *shot);

/* Sizes the window for the shot and waits for the part, then captures and quits app
 * with the exit status. Call before app_window_open(). */
void           app_screenshot_attach       (AppScreenshot  *shot,
                                            AppWindow      *win,
                                            GApplication   *app);

/* Opens what the shot is of: a part, a JOB.json (its part and toolpaths, coloured by
 * --overlay, default type), or a G-code program (.ngc .nc .tap .gcode .gc .cnc) on the
 * G-code page, reviewed with --material, --machine and --tool-id when the overlay needs
 * numbers (deflection, finish, safety). FALSE with a message when it cannot. */
gboolean       app_screenshot_open         (AppScreenshot  *shot,
                                            AppWindow      *win,
                                            GFile          *file,
                                            GError        **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AppScreenshot, app_screenshot_free)

G_END_DECLS
