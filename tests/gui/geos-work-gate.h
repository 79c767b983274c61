/* geos-work-gate.h — measures, and can hold, the geometry work of a panel's worker thread, so
 * that a cancel test is neither a race nor a test that passes whichever way the race went.
 *
 * GEOS calls the callback given to GEOS_interruptRegisterCallback() before each of its checks for
 * an interrupt, which its heavy operations (noding, overlay, validity, buffers) make as they go;
 * the feature recognizer and the toolpath generators do all their geometry through GEOS. So:
 *
 *   - the number of calls from worker threads measures the geometry work done (not the clock);
 *   - with hold set, the first worker call blocks until geos_work_gate_release(): the test knows
 *     the work has begun and is not finished when it presses Cancel, then lets it go on and
 *     checks that it stopped far short of a full run.
 *
 * Calls from the main thread are never held (the test's own thread must not block itself) nor
 * counted. Header-only, for the GUI panel tests. */
#pragma once

#include <geos_c.h>
#include <glib.h>

static struct {
  GMutex lock;
  GCond cond;
  GThread *main_thread;
  gboolean hold;
  gboolean held;      /* a worker is (or was) held */
  gboolean released;
  gint calls;         /* from worker threads */
} geos_work_gate;

static void
geos_work_gate_callback (void)
{
  if (g_thread_self () == geos_work_gate.main_thread)
    return;
  g_atomic_int_inc (&geos_work_gate.calls);
  g_mutex_lock (&geos_work_gate.lock);
  if (geos_work_gate.hold && !geos_work_gate.released)
    {
      geos_work_gate.held = TRUE;
      g_cond_broadcast (&geos_work_gate.cond);
      while (!geos_work_gate.released)
        g_cond_wait (&geos_work_gate.cond, &geos_work_gate.lock);
    }
  g_mutex_unlock (&geos_work_gate.lock);
}

/* Starts counting from zero; hold: block the first worker call until released. */
static inline void
geos_work_gate_start (gboolean hold)
{
  g_mutex_lock (&geos_work_gate.lock);
  geos_work_gate.main_thread = g_thread_self ();
  geos_work_gate.hold = hold;
  geos_work_gate.held = FALSE;
  geos_work_gate.released = FALSE;
  g_atomic_int_set (&geos_work_gate.calls, 0);
  g_mutex_unlock (&geos_work_gate.lock);
  GEOS_interruptRegisterCallback (geos_work_gate_callback);
}

/* Waits (main thread) until a worker is held; FALSE after 60 s without one. */
static inline gboolean
geos_work_gate_wait_held (void)
{
  gint64 until = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  g_mutex_lock (&geos_work_gate.lock);
  while (!geos_work_gate.held)
    if (!g_cond_wait_until (&geos_work_gate.cond, &geos_work_gate.lock, until))
      break;
  gboolean held = geos_work_gate.held;
  g_mutex_unlock (&geos_work_gate.lock);
  return held;
}

static inline void
geos_work_gate_release (void)
{
  g_mutex_lock (&geos_work_gate.lock);
  geos_work_gate.released = TRUE;
  g_cond_broadcast (&geos_work_gate.cond);
  g_mutex_unlock (&geos_work_gate.lock);
}

/* Stops counting (and holding); returns the worker calls counted since the start. */
static inline guint
geos_work_gate_stop (void)
{
  geos_work_gate_release ();
  GEOS_interruptRegisterCallback (NULL);
  return (guint) g_atomic_int_get (&geos_work_gate.calls);
}
