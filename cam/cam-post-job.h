/* cam-post-job.h — writes a generated job as a G-code program with a dialect: the comment header
 * (part, material, machine, tools, cycle time, minimum safety factor and where), one comment per
 * operation, the machine's rpm cap. Shared by `plan --ngc`, `export` and the app's Export G-code. */
#pragma once

#include "cam-job.h"
#include "cam-library.h"
#include "cam-post.h"

G_BEGIN_DECLS

/* opt carries the caller's choices (comments, line numbers, decimals, warm-up); the header fields
 * are filled here. Written atomically; the error names the path. */
gboolean cam_post_write_job (const CamJob *job, const CamLibrary *lib, const CamPostDialect *dialect,
                       const CamPostOptions *opt, const char *path, GError **error);

G_END_DECLS
