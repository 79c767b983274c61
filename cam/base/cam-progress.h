/* cam-progress.h — how long-running engine work reports progress. Lives in base/ so that
 * every subsystem (mesh loading, G-code reading, planning) can take one without depending on
 * the others. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Called now and then with the fraction done, 0–1, from the thread doing the work. */
typedef void (*CamProgressFunc) (double fraction, gpointer user_data);

G_END_DECLS
