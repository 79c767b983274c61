/* cli.h — microcam-cli subcommands. Each lives in its own cli-NAME.c and returns
 * the process exit status: 0 success, 1 bad input (message on stderr naming the
 * file), 2 bad usage. */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "cam-analysis.h"
#include "cam-job.h"
#include "cam-library.h"

G_BEGIN_DECLS

enum { CLI_EXIT_OK = 0, CLI_EXIT_BAD_INPUT = 1, CLI_EXIT_USAGE = 2 };

int cli_info_main (int argc, char **argv);
int cli_export_main (int argc, char **argv);
int cli_report_main (int argc, char **argv);
int cli_feeds_main (int argc, char **argv);
int cli_materials_main (int argc, char **argv);
int cli_tools_main (int argc, char **argv);
int cli_machines_main (int argc, char **argv);
int cli_dfm_main (int argc, char **argv);
int cli_check_main (int argc, char **argv);
int cli_plan_main (int argc, char **argv);

/* Prints the builder's root as one JSON object followed by a newline on stdout. */
void cli_print_json (JsonBuilder *builder);

/* Opens a saved job (cam-job-io.h) for export and report: NULL after printing the message
 * naming the file; a warning on stderr when its part changed since planning. */
CamJob  *cli_load_job (const char *path, const CamLibrary *lib);

/* Loads the part at path and runs the one analysis (features → DFM, cam_analysis_run) with the
 * built-in DFM rules, which it hands back in *rules. NULL (message printed) when the part or the
 * rules cannot be read. */
CamAnalysis *cli_analyse_part (const char *path, const CamLibrary *lib, const CamAnalysisOptions *opts,
                               CamDfmRules **rules);

/* Parses options; on failure prints the message and usage hint, returns FALSE. */
gboolean cli_parse_options (GOptionContext *ctx, int *argc, char ***argv);

G_END_DECLS
