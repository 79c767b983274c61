/* cli-report.c — `microcam-cli report JOB.json -o report.html`: the job's process sheet
 * (cam-report.c) with the part's DFM findings. */
#include "cli.h"
#include "cam-job-io.h"
#include "cam-report.h"

#include <stdio.h>

int
cli_report_main (int argc, char **argv)
{
  g_autofree char *out = NULL;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &out, "HTML file to write (atomically)", "FILE" },
    { NULL, 0, 0, 0, NULL, NULL, NULL },
  };
  g_autoptr (GOptionContext) ctx = g_option_context_new ("JOB.json — the job's process sheet as HTML");
  g_option_context_add_main_entries (ctx, entries, NULL);
  if (!cli_parse_options (ctx, &argc, &argv))
    return CLI_EXIT_USAGE;
  if (argc != 2 || out == NULL)
    {
      fprintf (stderr, "microcam-cli report: give one JOB.json and -o FILE (try --help)\n");
      return CLI_EXIT_USAGE;
    }
  g_autoptr (GError) error = NULL;
  g_autoptr (CamLibrary) lib = cam_library_new_default ();
  g_autoptr (CamJob) job = cli_load_job (argv[1], lib);
  if (job == NULL)
    return CLI_EXIT_BAD_INPUT;
  /* the part's picture and DFM review; what cannot be had is said in the sheet and here */
  g_autoptr (CamReportPart) part = cam_report_part_new (job, lib, NULL, NULL);
  if (part->problem)
    fprintf (stderr, "microcam-cli: report: %s\n", part->problem);
  g_autofree char *name = g_path_get_basename (argv[1]);
  if (!cam_report_write_html (job, lib, part, name, out, &error))
    {
      fprintf (stderr, "microcam-cli: %s\n", error->message);
      return CLI_EXIT_BAD_INPUT;
    }
  fprintf (stderr, "microcam-cli: wrote %s\n", out);
  return CLI_EXIT_OK;
}
