/* cam-process-words.h — a process id in words, for people (one table for the whole program).
 *
 * The ids are the DFM rules' and the planner's (resources/dfm/rules.json, CamUnreachable.process,
 * CamDfmFinding.process): "micro-edm", "laser", "ultrasonic", "peck-drill", "polish",
 * "long-reach-tool", "second-setup", "micro-mill", "micro-drill", "trial-cut". */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The words for process ("micro-EDM (spark erosion)"), the id itself when it is not known, NULL
 * for NULL. Static strings. */
const char *cam_process_describe (const char *process);

G_END_DECLS
