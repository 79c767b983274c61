/* fuzz-job.c — libFuzzer target for the job file reader (cam-job-io): whatever it accepts
 * must write back, read again, sum up and post without trouble. */
#include "cam-job-io.h"
#include "cam-post.h"

#include <stdint.h>

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  GError *error = NULL;
  CamJob *job = cam_job_io_from_data ((const char *) data, (gssize) size, "fuzz.json", NULL, &error);
  if (job == NULL)
    {
      g_assert (error != NULL && error->message[0] != '\0');
      g_clear_error (&error);
      return 0;
    }
  char *text = cam_job_io_to_data (job, FALSE);
  CamJob *again = cam_job_io_from_data (text, -1, "again.json", NULL, &error);
  g_assert_no_error (error);
  g_assert (again->ops->len == job->ops->len);
  if (job->toolpath)
    {
      CamToolpathStats st;
      cam_toolpath_stats (job->toolpath, NULL, -1, &st);
      char *gcode = cam_post_generate (cam_post_linuxcnc (), job->toolpath, NULL, &error);
      g_assert ((gcode == NULL) == (error != NULL));
      g_free (gcode);
      g_clear_error (&error);
    }
  g_free (text);
  cam_job_unref (again);
  cam_job_unref (job);
  return 0;
}
