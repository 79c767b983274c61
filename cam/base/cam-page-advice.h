/* cam-page-advice.h — what the readers and the mesh builder tell the kernel about their memory
 * (madvise); where the call is missing both do nothing, so callers need no #if. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Asks for 2 MB pages on the whole 2 MB pages inside a large block from g_malloc (Linux transparent
 * huge pages in "madvise" mode): filling 36 MB takes 18 page faults, not 9,000. The block stays the
 * allocator's, freed with g_free as usual. */
void cam_page_advise_huge (void *mem, gsize bytes);

/* In a read-only private file mapping (GMappedFile), hands the whole pages of [from, to) back to
 * the kernel: they are read again from the file if touched, so a big file's pages behind a
 * reader's cursor do not add up in resident memory while what it builds grows. */
void cam_page_drop_mapped (const void *from, const void *to);

G_END_DECLS
