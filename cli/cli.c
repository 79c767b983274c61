/* cli.c — microcam-cli: picks the subcommand and hands it the rest of the arguments.
 * Each subcommand lives in its own cli-NAME.c (see cli.h). */
#include "cli.h"
#include "cam-job-io.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>

typedef struct {
  const char *name;
  int (*main) (int argc, char **argv);
  const char *summary;
} CliCommand;

static const CliCommand commands[] = {
  { "info", cli_info_main, "facts about a part: size, volume, watertightness" },
  { "feeds", cli_feeds_main, "feeds and speeds, force, deflection, breakage, finish for a tool" },
  { "materials", cli_materials_main, "list the material library" },
  { "tools", cli_tools_main, "list the tool library" },
  { "machines", cli_machines_main, "list the machine profiles" },
  { "dfm", cli_dfm_main, "features and design-for-manufacture review of a part" },
  { "check", cli_check_main, "review a G-code program: lengths, time, deflection, safety, worst line" },
  { "plan", cli_plan_main, "plan micro-milling/drilling toolpaths, write the job and G-code" },
  { "report", cli_report_main, "a job's process sheet (HTML): feeds and why, deflection, finish, DFM" },
  { "export", cli_export_main, "write a saved job as G-code for linuxcnc, fanuc or grbl" },
};

static void
print_usage (FILE *out)
{
  fprintf (out, "Usage: microcam-cli COMMAND [OPTIONS…]\n\nCommands:\n");
  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  %-10s %s\n", commands[i].name, commands[i].summary);
  fprintf (out, "\nmicrocam-cli COMMAND --help shows a command's options.\n");
}

void
cli_print_json (JsonBuilder *builder)
{
  g_autoptr (JsonGenerator) gen = json_generator_new ();
  g_autoptr (JsonNode) root = json_builder_get_root (builder);
  json_generator_set_root (gen, root);
  json_generator_set_pretty (gen, TRUE);
  g_autofree char *text = json_generator_to_data (gen, NULL);
  printf ("%s\n", text);
}

gboolean
cli_parse_options (GOptionContext *ctx, int *argc, char ***argv)
{
  g_autoptr (GError) error = NULL;
  if (!g_option_context_parse (ctx, argc, argv, &error))
    {
      fprintf (stderr, "microcam-cli: %s\n(try --help)\n", error->message);
      return FALSE;
    }
  return TRUE;
}

CamJob *
cli_load_job (const char *path, const CamLibrary *lib)
{
  g_autoptr (GError) error = NULL;
  CamJob *job = cam_job_io_load (path, lib, &error);
  if (job == NULL)
    {
      fprintf (stderr, "microcam-cli: %s\n", error->message);
      return NULL;
    }
  g_autofree char *changed = NULL;
  if (!cam_job_io_part_unchanged (job, &changed))
    fprintf (stderr, "microcam-cli: warning: %s\n", changed);
  return job;
}

int
main (int argc, char **argv)
{
  /* Numbers are printed and parsed with a '.' whatever the user's locale: JSON and G-code need it. */
  setlocale (LC_ALL, "");
  setlocale (LC_NUMERIC, "C");

  if (argc < 2 || strcmp (argv[1], "--help") == 0 || strcmp (argv[1], "-h") == 0)
    {
      print_usage (argc < 2 ? stderr : stdout);
      return argc < 2 ? CLI_EXIT_USAGE : CLI_EXIT_OK;
    }
  if (strcmp (argv[1], "--version") == 0)
    {
      printf ("microcam-cli %s\n", MICROCAM_VERSION);
      return CLI_EXIT_OK;
    }
  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    if (strcmp (argv[1], commands[i].name) == 0)
      return commands[i].main (argc - 1, argv + 1);

  fprintf (stderr, "microcam-cli: unknown command '%s'\n\n", argv[1]);
  print_usage (stderr);
  return CLI_EXIT_USAGE;
}

CamAnalysis *
cli_analyse_part (const char *path, const CamLibrary *lib, const CamAnalysisOptions *opts,
                  CamDfmRules **rules)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CamMesh) mesh = cam_mesh_load_file (path, NULL, NULL, NULL, &error);
  g_autoptr (CamDfmRules) r = mesh != NULL ? cam_dfm_rules_new_default (&error) : NULL;
  /* the material and machine were checked by the caller: what fails here is the part */
  CamAnalysis *analysis = r != NULL ? cam_analysis_run (mesh, lib, r, opts, NULL, &error) : NULL;
  if (analysis == NULL)
    {
      fprintf (stderr, "microcam-cli: %s\n", error->message);
      return NULL;
    }
  *rules = g_steal_pointer (&r);
  return analysis;
}
