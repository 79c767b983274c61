/* app-bench.h — `microcam --bench-frames N PART`: loads the part, then draws N frames
 * while orbiting, each ending with glFinish, and prints the mean frame time (the first
 * frames, with shader compilation and upload, are left out); for big parts, N more
 * frames with the coarse version the view draws while the user drags. Used by
 * tests/bench/bench-view-frames.sh; never a pass/fail test. */
#pragma once

#include <gtk/gtk.h>

#include "app-window.h"

G_BEGIN_DECLS

typedef struct _AppBench AppBench;

void      app_bench_add_options       (GApplication *app);
AppBench *app_bench_new_from_options  (GVariantDict *options, GError **error);
void      app_bench_free              (AppBench *bench);
void      app_bench_attach            (AppBench *bench, AppWindow *win, GApplication *app);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AppBench, app_bench_free)

G_END_DECLS
