/* cam-page-advice.c — see cam-page-advice.h. */
#include "cam-page-advice.h"

#ifdef G_OS_UNIX
#include <sys/mman.h>
#include <unistd.h>
#endif

void
cam_page_advise_huge (void *mem, gsize bytes)
{
#if defined(G_OS_UNIX) && defined(MADV_HUGEPAGE)
  const guintptr huge = 2 << 20;
  guintptr a = ((guintptr) mem + huge - 1) & ~(huge - 1), b = ((guintptr) mem + bytes) & ~(huge - 1);
  if (bytes >= 4 * huge && b > a)
    madvise ((void *) a, b - a, MADV_HUGEPAGE);
#else
  (void) mem;
  (void) bytes;
#endif
}

void
cam_page_drop_mapped (const void *from, const void *to)
{
#if defined(G_OS_UNIX) && defined(MADV_DONTNEED)
  long page = sysconf (_SC_PAGESIZE);
  if (page <= 0)
    return;
  guintptr a = ((guintptr) from + (guintptr) page - 1) / (guintptr) page * (guintptr) page;
  guintptr b = (guintptr) to / (guintptr) page * (guintptr) page;
  if (b > a)
    madvise ((void *) a, b - a, MADV_DONTNEED);
#else
  (void) from;
  (void) to;
#endif
}
