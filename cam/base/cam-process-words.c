/* cam-process-words.c — a process id in words (see cam-process-words.h). */
#include "cam-process-words.h"

#include <string.h>

const char *
cam_process_describe (const char *process)
{
  static const struct { const char *id, *words; } table[] = {
    { "micro-edm", "micro-EDM (spark erosion)" },
    { "ultrasonic", "ultrasonic machining" },
    { "laser", "laser drilling or cutting" },
    { "peck-drill", "peck drilling" },
    { "polish", "polishing" },
    { "long-reach-tool", "a long-reach tool" },
    { "second-setup", "a second set-up (from another side)" },
    { "micro-mill", "micro-milling" },
    { "micro-drill", "micro-drilling" },
    { "trial-cut", "trial cuts (measure, then correct the offset)" },
  };
  if (process == NULL)
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (table); i++)
    if (strcmp (process, table[i].id) == 0)
      return table[i].words;
  return process;
}
