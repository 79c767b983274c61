/* cli-export.c — `microcam-cli export JOB.json --post linuxcnc|fanuc|grbl -o FILE [--per-tool]`: a
 * saved job's toolpath as a program for one controller, through the table-driven posts
 * (cam-post*.c); with --per-tool one complete program per tool (FILE-T1.ext, FILE-T2.ext …), each
 * path written printed on stdout. */
#include "cli.h"
#include "cam-post-job.h"
#include "cam-job-io.h"

#include <stdio.h>

int
cli_export_main (int argc, char **argv)
{
  g_autofree char *post = NULL, *out = NULL;
  gboolean line_numbers = FALSE, no_comments = FALSE, per_tool = FALSE;
  int decimals = 0;
  double warmup_s = 0;
  GOptionEntry entries[] = {
    { "post", 'p', 0, G_OPTION_ARG_STRING, &post, "Controller dialect: linuxcnc, fanuc or grbl", "NAME" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &out, "Program to write (atomically)", "FILE" },
    { "line-numbers", 0, 0, G_OPTION_ARG_NONE, &line_numbers, "Number the blocks (N10, N20, …)", NULL },
    { "no-comments", 0, 0, G_OPTION_ARG_NONE, &no_comments, "Leave out the header and operation comments", NULL },
    { "decimals", 0, 0, G_OPTION_ARG_INT, &decimals, "Decimals for coordinates (1–6; default: the dialect's)", "N" },
    { "warmup", 0, 0, G_OPTION_ARG_DOUBLE, &warmup_s, "Dwell after each spindle start, seconds (micro spindles)", "S" },
    { "per-tool", 0, 0, G_OPTION_ARG_NONE, &per_tool,
      "One complete program per tool: FILE-T1.ext, FILE-T2.ext … (paths printed on stdout)", NULL },
    { NULL, 0, 0, 0, NULL, NULL, NULL },
  };
  g_autoptr (GOptionContext) ctx = g_option_context_new ("JOB.json — write a job's toolpath as G-code for a controller");
  g_option_context_add_main_entries (ctx, entries, NULL);
  if (!cli_parse_options (ctx, &argc, &argv))
    return CLI_EXIT_USAGE;
  if (argc != 2 || out == NULL)
    {
      fprintf (stderr, "microcam-cli export: give one JOB.json and -o FILE (try --help)\n");
      return CLI_EXIT_USAGE;
    }
  const CamPostDialect *dialect = cam_post_find (post ? post : "linuxcnc");
  if (dialect == NULL)
    {
      fprintf (stderr, "microcam-cli export: unknown post '%s': use linuxcnc, fanuc or grbl\n", post);
      return CLI_EXIT_USAGE;
    }
  if (decimals != 0 && (decimals < 1 || decimals > 6))
    {
      fprintf (stderr, "microcam-cli export: --decimals %d: give 1 to 6\n", decimals);
      return CLI_EXIT_USAGE;
    }
  if (!(warmup_s >= 0 && warmup_s <= 600))
    {
      fprintf (stderr, "microcam-cli export: --warmup %g: give 0 to 600 seconds\n", warmup_s);
      return CLI_EXIT_USAGE;
    }

  g_autoptr (GError) error = NULL;
  g_autoptr (CamLibrary) lib = cam_library_new_default ();
  g_autoptr (CamJob) job = cli_load_job (argv[1], lib);
  if (job == NULL)
    return CLI_EXIT_BAD_INPUT;
  CamPostOptions po;
  cam_post_options_init (&po);
  po.comments = !no_comments;
  po.line_numbers = line_numbers;
  po.decimals = decimals;
  po.spindle_warmup_s = warmup_s;
  if (per_tool)
    {
      g_autoptr (GPtrArray) written = g_ptr_array_new_with_free_func (g_free);
      gboolean ok = cam_post_write_job_per_tool (job, lib, dialect, &po, out, written, &error);
      for (guint i = 0; i < written->len; i++)
        printf ("%s\n", (const char *) g_ptr_array_index (written, i));
      if (!ok)
        {
          fprintf (stderr, "microcam-cli: %s\n", error->message);
          return CLI_EXIT_BAD_INPUT;
        }
      fprintf (stderr, "microcam-cli: wrote %u programs, one per tool (%s)\n", written->len, dialect->description);
      return CLI_EXIT_OK;
    }
  if (!cam_post_write_job (job, lib, dialect, &po, out, &error))
    {
      fprintf (stderr, "microcam-cli: %s\n", error->message);
      return CLI_EXIT_BAD_INPUT;
    }
  fprintf (stderr, "microcam-cli: wrote %s (%s)\n", out, dialect->description);
  return CLI_EXIT_OK;
}
