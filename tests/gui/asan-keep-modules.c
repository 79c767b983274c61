/* asan-keep-modules.c — preloaded into the GUI tests of a sanitized build only (see
 * tests/gui/meson.build and run-in-xvfb.sh): a dlclose() that keeps every library mapped.
 *
 * Why: Mesa loads its driver (swrast_dri.so: llvmpipe, LLVM) with dlopen and unloads it when the
 * display closes, before LeakSanitizer looks at the heap at exit. What the driver still held from
 * its globals then looks leaked, and its stack says only "<unknown module>", which no suppression
 * can name. With the driver kept mapped its globals are still scanned, so those blocks are
 * reachable and not reported, and whatever is reported names its library. Nothing of microcam's
 * is hidden by this: a block only microcam pointed to is still a leak. */
int dlclose (void *handle);

int
dlclose (void *handle)
{
  (void) handle;
  return 0;
}
