/* cam-post-job.h — writes a generated job as a G-code program with a dialect: the comment header
 * (part, material, machine, tools, cycle time, minimum safety factor and where), one comment per
 * operation, the machine's rpm cap. Shared by `plan --ngc`, `export` and the app's Export G-code.
 * Also one program per tool: each a complete program on its own (header with that tool only, its
 * cycle time and minimum safety factor, its tool change, safe start, its operations, spindle off
 * and program end), for shops that load one tool per run or prove out tool by tool. */
#pragma once

#include "cam-job.h"
#include "cam-library.h"
#include "cam-post.h"

G_BEGIN_DECLS

/* opt carries the caller's choices (comments, line numbers, decimals, warm-up); the header fields
 * are filled here. Written atomically; the error names the path. */
gboolean cam_post_write_job (const CamJob *job, const CamLibrary *lib, const CamPostDialect *dialect,
                       const CamPostOptions *opt, const char *path, GError **error);

/* One program per tool that has moves, in the order the tools first cut, each named after path
 * with "-T<n>" before the extension ("plate.ngc" → "plate-T1.ngc", "plate-T2.ngc" …; n is the
 * program's T number). Where the dialect numbers programs (Fanuc) each program gets its own
 * number: base + n, base = opt->program_number or the dialect's default (O1000 → O1001, O1002 …),
 * wrapped into 1–9999.
 * Each program is streamed into a temporary file beside its target; only when every one is
 * complete are they renamed into place. If a program cannot be generated or written (or a target
 * is a folder), the error names that file, every temporary file is removed and no target is
 * replaced; should a rename still fail, the programs before it are in place and the error says
 * so. written_paths (nullable) gets the paths written (char *,
 * the caller's array should free them: g_ptr_array_new_with_free_func (g_free)), in order. */
gboolean cam_post_write_job_per_tool (const CamJob *job, const CamLibrary *lib,
                                      const CamPostDialect *dialect, const CamPostOptions *opt,
                                      const char *path, GPtrArray *written_paths, GError **error);

/* "dir/plate.ngc", 2 → "dir/plate-T2.ngc"; no extension: "dir/plate-T2". */
char    *cam_post_job_tool_path (const char *path, guint tool_number);

G_END_DECLS
