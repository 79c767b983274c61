/* cli-check.c — `microcam-cli check`: review a G-code program from elsewhere.
 *
 *   microcam-cli check FILE.ngc --material ID --machine ID [--tool [N=]SPEC | --tool-id [N=]ID]…
 *                      [--tool-number N] [--stock=X0,Y0,Z0,X1,Y1,Z1 | --stock-top Z [--stock-bottom Z]]
 *                      [--tolerance MM] [--arc-tolerance MM] [--block-delete] [--progress] [--json]
 *
 * Reads the program (cam/cam-gcode-reader.h), evaluates every cutting move with the physics
 * engine under the assumptions of cam/cam-gcode-review.h, and prints lengths (canned cycles
 * expanded as the controller runs them, arcs by their true length), cycle time with the
 * machine's acceleration, deflection, safety factor and the worst line. A T number no tool option
 * names takes the library tool the program's header names (microcam's posts write one); the
 * stock box and the tolerance come from the header too (cam-gcode-header.h) unless --stock,
 * --stock-top, --stock-bottom or --tolerance say otherwise.
 * JSON keys (contract): moves, cut_length_mm, rapid_length_mm, time_s, max_deflection_um,
 * min_safety_factor, worst_line, errors [{line, message}]; also warnings, findings and more.
 * Exit 0: read without errors; 1: the file cannot be read or the program has errors (the
 * review is still printed); 2: usage. */
#include "cli.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cam-gcode-reader.h"
#include "cam-gcode-review.h"
#include "cam-json-write.h"
#include "cam-library.h"

static void
member_int (JsonBuilder *b, const char *key, gint64 v)
{
  json_builder_set_member_name (b, key);
  json_builder_add_int_value (b, v);
}

static void
member_messages (JsonBuilder *b, const char *key, const GArray *list)
{
  json_builder_set_member_name (b, key);
  json_builder_begin_array (b);
  for (guint i = 0; i < list->len; i++)
    {
      const CamDiagnostic *m = &g_array_index (list, CamDiagnostic, i);
      json_builder_begin_object (b);
      member_int (b, "line", m->line);
      json_builder_set_member_name (b, "code");
      json_builder_add_string_value (b, m->code ? m->code : "");
      json_builder_set_member_name (b, "message");
      json_builder_add_string_value (b, m->message);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

/* Moves as the controller makes them: cycles expanded, dwells not counted, each G18/G19
 * arc (read as chords) counted once, a G98 retract to the series' start Z as one move, and
 * a hole's entry at that Z as one move (cam-gcode-reader.h). */
static gsize
controller_moves (const CamToolpath *tp)
{
  gsize n = 0;
  guint32 chord_line = 0;
  gboolean after_entry = FALSE;
  double pos[3];
  memcpy (pos, tp->start, sizeof pos);
  g_autoptr (GArray) ex = g_array_sized_new (FALSE, FALSE, sizeof (CamMove), 64);
  for (guint i = 0; i < tp->moves->len; i++)
    {
      const CamMove *m = &g_array_index (tp->moves, CamMove, i);
      gboolean entry = after_entry;
      after_entry = (m->flags & CAM_GCODE_MOVE_FLAG_ENTRY) != 0;
      if (m->type == CAM_MOVE_DWELL)
        continue;
      if (m->type == CAM_MOVE_CYCLE)
        {
          /* one hole at a time into a reused array, so the whole program is never copied */
          g_array_set_size (ex, 0);
          cam_move_expand_cycle (m, pos, ex);
          for (guint k = 0; k < ex->len; k++)
            {
              const CamMove *e = &g_array_index (ex, CamMove, k);
              /* the cycle's positioning rapid is already made by the entry rapid */
              gboolean zero = k == 0 && e->x == pos[0] && e->y == pos[1] && e->z == pos[2];
              if (e->type != CAM_MOVE_DWELL && !(entry && zero))
                n++;
            }
          const CamMove *last = &g_array_index (ex, CamMove, ex->len - 1);
          pos[0] = last->x, pos[1] = last->y, pos[2] = last->z;
          chord_line = 0;
          continue;
        }
      pos[0] = m->x, pos[1] = m->y, pos[2] = m->z;
      if (m->flags & CAM_GCODE_MOVE_FLAG_RETRACT)
        continue; /* one straight move with the cycle's own retract */
      if (m->flags & CAM_GCODE_MOVE_FLAG_CHORD)
        {
          if (m->source_line == chord_line)
            continue;
          chord_line = m->source_line;
        }
      else
        chord_line = 0;
      n++;
    }
  return n;
}

static void
print_progress (double fraction, gpointer data)
{
  (void) data;
  fprintf (stderr, "\rreading %3.0f %%", fraction * 100);
  if (fraction >= 1.0)
    fprintf (stderr, "\r              \r");
}

/* "12=flat:d=0.2" → 12 and "flat:d=0.2"; no prefix → 0 and the whole string. */
static const char *
tool_prefix (const char *s, guint *number)
{
  const char *p = s;
  guint n = 0;
  while (g_ascii_isdigit (*p) && n < 100000)
    n = n * 10 + (guint) (*p++ - '0');
  if (p > s && *p == '=' && n > 0)
    {
      *number = n;
      return p + 1;
    }
  *number = 0;
  return s;
}

static const CamTool *
review_tool (GArray *mapping, const CamTool *default_tool, guint number)
{
  for (guint k = 0; k < mapping->len; k++)
    if (g_array_index (mapping, CamGcodeReviewTool, k).number == number)
      return g_array_index (mapping, CamGcodeReviewTool, k).tool;
  return default_tool;
}

/* The T numbers of the program that no --tool/--tool-id names take the library tool its header
 * names, "(T2: drill-0.2-long …)" as microcam's posts write (cam-gcode-header.h); a header id
 * the library lacks is said on stderr and leaves its moves unreviewed. FALSE when the mapping
 * is still empty. */
static gboolean
header_tools (const CamGcodeReader *reader, CamLibrary *lib, const char *path, GArray *mapping)
{
  const GPtrArray *tools = reader->toolpath->tools;
  for (guint i = 0; i < tools->len; i++)
    {
      guint number = ((const CamToolpathTool *) g_ptr_array_index (tools, i))->number;
      if (review_tool (mapping, NULL, number) != NULL)
        continue;
      const CamGcodeHeaderTool *h = cam_gcode_reader_header_tool (reader, number);
      if (h == NULL)
        continue;
      const CamTool *tool = cam_library_find_tool (lib, h->tool_id);
      if (tool == NULL)
        {
          fprintf (stderr, "microcam-cli check: warning: %s:%u: header tool T%u '%s' is not in the library "
                           "(microcam-cli tools lists them): its moves are not reviewed; give --tool-id %u=ID\n",
                   path, h->line, number, h->tool_id, number);
          continue;
        }
      CamGcodeReviewTool m = { number, tool };
      g_array_append_val (mapping, m);
    }
  return mapping->len > 0;
}

int
cli_check_main (int argc, char **argv)
{
  g_autofree char *material_id = NULL, *machine_id = NULL;
  g_auto (GStrv) tool_specs = NULL, tool_ids = NULL;
  double stock_top = NAN, stock_bottom = NAN, tolerance = NAN, arc_tolerance = 0;
  g_autofree char *stock_box = NULL, *tool_table = NULL, *subroutine_path = NULL;
  int tool_number = 0;
  gboolean json = FALSE, block_delete = FALSE, progress = FALSE;
  GOptionEntry entries[] = {
    { "material", 0, 0, G_OPTION_ARG_STRING, &material_id, "Material id (microcam-cli materials)", "ID" },
    { "machine", 0, 0, G_OPTION_ARG_STRING, &machine_id, "Machine id (microcam-cli machines)", "ID" },
    { "tool", 0, 0, G_OPTION_ARG_STRING_ARRAY, &tool_specs,
      "Tool spec KIND:key=value,… (see README); N=SPEC for the moves of T N (repeatable)", "[N=]SPEC" },
    { "tool-id", 0, 0, G_OPTION_ARG_STRING_ARRAY, &tool_ids,
      "Tool from the library (microcam-cli tools); N=ID for the moves of T N (repeatable)", "[N=]ID" },
    { "stock", 0, 0, G_OPTION_ARG_STRING, &stock_box,
      "Stock box in work coordinates, mm (default: the program header's, else unbounded XY below --stock-top)",
      "X0,Y0,Z0,X1,Y1,Z1" },
    { "stock-top", 0, 0, G_OPTION_ARG_DOUBLE, &stock_top, "Work Z of the stock top (default 0)", "Z" },
    { "stock-bottom", 0, 0, G_OPTION_ARG_DOUBLE, &stock_bottom,
      "Work Z of the stock's bottom: a drill's point and breakthrough below it cut air (default unknown)", "Z" },
    { "tolerance", 0, 0, G_OPTION_ARG_DOUBLE, &tolerance, "Feature tolerance (mm; allowed deflection = half)", "MM" },
    { "tool-number", 0, 0, G_OPTION_ARG_INT, &tool_number, "Evaluate only the moves of tool N (T N M6)", "N" },
    { "arc-tolerance", 0, 0, G_OPTION_ARG_DOUBLE, &arc_tolerance,
      "Arc end-point radius tolerance, mm (default 0.00127, LinuxCNC's)", "MM" },
    { "block-delete", 0, 0, G_OPTION_ARG_NONE, &block_delete, "Skip lines that start with '/'", NULL },
    { "tool-table", 0, 0, G_OPTION_ARG_FILENAME, &tool_table,
      "LinuxCNC tool table (T1 P1 Z… D…, mm): G43 length offsets and G41/G42 radii", "FILE" },
    { "subroutine-path", 0, 0, G_OPTION_ARG_STRING, &subroutine_path,
      "Folders (':' between) where o<name> call finds name.ngc after the program's folder", "DIRS" },
    { "progress", 0, 0, G_OPTION_ARG_NONE, &progress, "Show reading progress on stderr", NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, "Print one JSON object", NULL },
    { NULL, 0, 0, 0, NULL, NULL, NULL },
  };
  g_autoptr (GOptionContext) ctx = g_option_context_new ("FILE.ngc - review a G-code program: lengths, time, "
                                                         "deflection, safety factor, finish");
  g_option_context_add_main_entries (ctx, entries, NULL);
  if (!cli_parse_options (ctx, &argc, &argv))
    return CLI_EXIT_USAGE;
  if (argc != 2)
    {
      fprintf (stderr, "microcam-cli check: needs one G-code file\n(try --help)\n");
      return CLI_EXIT_USAGE;
    }
  if (material_id == NULL || machine_id == NULL)
    {
      fprintf (stderr, "microcam-cli check: needs --material ID --machine ID (and --tool SPEC or --tool-id ID "
                       "unless the program's header names its tools)\n(try --help)\n");
      return CLI_EXIT_USAGE;
    }
  /* the user's stock: a box, or a top (and bottom); none of them → the header's, else Z0 */
  gboolean user_stock = stock_box != NULL || !isnan (stock_top) || !isnan (stock_bottom);
  double box_min[3] = { 0 }, box_max[3] = { 0 };
  if (stock_box != NULL)
    {
      g_auto (GStrv) parts = g_strsplit (stock_box, ",", -1);
      gboolean ok = g_strv_length (parts) == 6;
      for (int k = 0; ok && k < 6; k++)
        {
          char *stop = NULL;
          double v = g_ascii_strtod (g_strstrip (parts[k]), &stop);
          ok = stop != parts[k] && *stop == '\0' && isfinite (v);
          (k < 3 ? box_min : box_max)[k % 3] = v;
        }
      for (int k = 0; ok && k < 3; k++)
        ok = box_min[k] < box_max[k];
      if (!ok || !isnan (stock_top) || !isnan (stock_bottom))
        {
          fprintf (stderr, "microcam-cli check: --stock wants X0,Y0,Z0,X1,Y1,Z1 (finite mm, each min below its max) "
                           "and no --stock-top/--stock-bottom beside it\n");
          return CLI_EXIT_USAGE;
        }
    }
  if (isnan (stock_top))
    stock_top = 0;
  if (!isnan (stock_bottom) && !(isfinite (stock_bottom) && stock_bottom < stock_top))
    {
      fprintf (stderr, "microcam-cli check: --stock-bottom %g must be finite and below --stock-top %g\n", stock_bottom,
               stock_top);
      return CLI_EXIT_USAGE;
    }
  gboolean user_tolerance = !isnan (tolerance);
  if (!user_tolerance)
    tolerance = 0;
  if (!isfinite (stock_top) || !(tolerance >= 0) || !isfinite (tolerance) || tool_number < 0
      || !(arc_tolerance >= 0) || !isfinite (arc_tolerance))
    {
      fprintf (stderr, "microcam-cli check: --stock-top and --tolerance must be finite (tolerance ≥ 0), "
                       "--tool-number ≥ 0\n");
      return CLI_EXIT_USAGE;
    }
  const char *path = argv[1];

  g_autoptr (CamLibrary) lib = cam_library_new_default ();
  const GPtrArray *lib_warnings = cam_library_get_warnings (lib);
  for (guint i = 0; i < lib_warnings->len; i++)
    fprintf (stderr, "microcam-cli: warning: %s\n", (const char *) g_ptr_array_index (lib_warnings, i));
  const CamMaterial *mat = cam_library_find_material (lib, material_id);
  if (mat == NULL)
    {
      fprintf (stderr, "microcam-cli check: unknown material '%s' (microcam-cli materials lists them)\n", material_id);
      return CLI_EXIT_BAD_INPUT;
    }
  const CamMachine *machine = cam_library_find_machine (lib, machine_id);
  if (machine == NULL)
    {
      fprintf (stderr, "microcam-cli check: unknown machine '%s' (microcam-cli machines lists them)\n", machine_id);
      return CLI_EXIT_BAD_INPUT;
    }
  /* tools: "SPEC" (all moves) or "N=SPEC" (the moves of T N), the same for library ids */
  g_autoptr (GPtrArray) owned = g_ptr_array_new_with_free_func ((GDestroyNotify) cam_tool_free);
  g_autoptr (GArray) mapping = g_array_new (FALSE, FALSE, sizeof (CamGcodeReviewTool));
  const CamTool *default_tool = NULL;
  g_autoptr (GError) error = NULL;
  for (int pass = 0; pass < 2; pass++)
    for (char **e = pass == 0 ? tool_specs : tool_ids; e && *e; e++)
      {
        guint number = 0;
        const char *rest = tool_prefix (*e, &number);
        const CamTool *tool;
        if (pass == 0)
          {
            CamTool *t = cam_tool_new_from_spec (rest, &error);
            if (t == NULL)
              {
                fprintf (stderr, "microcam-cli check: --tool '%s': %s\n", *e, error->message);
                return CLI_EXIT_BAD_INPUT;
              }
            g_ptr_array_add (owned, t);
            tool = t;
          }
        else if ((tool = cam_library_find_tool (lib, rest)) == NULL)
          {
            fprintf (stderr, "microcam-cli check: unknown tool id '%s' (microcam-cli tools lists them)\n", rest);
            return CLI_EXIT_BAD_INPUT;
          }
        if (number == 0 && default_tool != NULL)
          {
            fprintf (stderr, "microcam-cli check: one tool without a T number at most (give the others as N=…)\n");
            return CLI_EXIT_USAGE;
          }
        if (number == 0)
          default_tool = tool;
        else
          {
            CamGcodeReviewTool m = { number, tool };
            g_array_append_val (mapping, m);
          }
      }
  CamGcodeReaderOptions ropt = { .block_delete = block_delete, .arc_tolerance_mm = arc_tolerance,
                                 .tool_table = tool_table, .subroutine_path = subroutine_path };
  g_autoptr (CamGcodeReader) reader = cam_gcode_reader_new (&ropt);
  if (!cam_gcode_reader_read_file (reader, path, progress ? print_progress : NULL, NULL, NULL, &error))
    {
      fprintf (stderr, "microcam-cli check: %s\n", error->message);
      return CLI_EXIT_BAD_INPUT;
    }
  if (default_tool == NULL && !header_tools (reader, lib, path, mapping))
    {
      fprintf (stderr, "microcam-cli check: needs --tool SPEC or --tool-id ID (%s names no library tool in its "
                       "header)\n(try --help)\n", path);
      return CLI_EXIT_USAGE;
    }
  if (tool_number > 0)
    {
      /* only the moves of T tool_number, with its own tool or the default one */
      const CamTool *tool = default_tool;
      for (guint k = 0; k < mapping->len; k++)
        if (g_array_index (mapping, CamGcodeReviewTool, k).number == (guint) tool_number)
          tool = g_array_index (mapping, CamGcodeReviewTool, k).tool;
      if (tool == NULL)
        {
          fprintf (stderr, "microcam-cli check: --tool-number %d has no tool (give --tool %d=SPEC)\n", tool_number,
                   tool_number);
          return CLI_EXIT_USAGE;
        }
      /* the other tools cut the stock before and after T tool_number, so they keep their own
       * geometry where the header names it (the default tool is T tool_number's here) */
      if (default_tool != NULL)
        {
          gboolean mapped = FALSE;
          for (guint k = 0; k < mapping->len; k++)
            mapped |= g_array_index (mapping, CamGcodeReviewTool, k).number == (guint) tool_number;
          if (!mapped)
            {
              CamGcodeReviewTool m = { (guint) tool_number, default_tool };
              g_array_append_val (mapping, m);
            }
          header_tools (reader, lib, path, mapping);
        }
    }

  CamGcodeReviewOptions vopt;
  cam_gcode_review_options_init (&vopt);
  vopt.stock_top_z = stock_top;
  vopt.has_stock_bottom = !isnan (stock_bottom);
  vopt.stock_bottom_z = stock_bottom;
  vopt.tolerance_mm = tolerance;
  vopt.tool_number = (guint) tool_number;
  if (stock_box != NULL)
    {
      vopt.has_stock_box = TRUE;
      memcpy (vopt.stock_min, box_min, sizeof box_min);
      memcpy (vopt.stock_max, box_max, sizeof box_max);
    }
  /* what microcam's post wrote, "(stock: X…..… Y…..… Z…..…)" and "(tolerance: ±… mm)", where
   * the options say nothing */
  if (!user_tolerance)
    vopt.tolerance_mm = 0;
  cam_gcode_review_options_take_header (&vopt, &reader->header, !user_stock);
  CamGcodeReview review;
  g_autoptr (GArray) per_tool = g_array_new (FALSE, FALSE, sizeof (CamGcodeReview));
  g_array_set_clear_func (per_tool, (GDestroyNotify) cam_gcode_review_clear);
  if (!cam_gcode_review_run_tools (reader->toolpath, (const CamGcodeReviewTool *) mapping->data, mapping->len,
                                   default_tool, mat, machine, &vopt, &review, per_tool, &error))
    {
      fprintf (stderr, "microcam-cli check: %s: %s\n", path, error->message);
      return CLI_EXIT_BAD_INPUT;
    }
  /* the machine profile's kinematics, as the planner's cycle time uses them */
  CamKinematics kin;
  cam_machine_kinematics (machine, &kin);
  CamToolpathStats st;
  cam_toolpath_stats (reader->toolpath, &kin, -1, &st);
  gsize moves = controller_moves (reader->toolpath);
  g_autofree char *tool_desc = default_tool ? cam_tool_describe (default_tool) : NULL;
  g_autofree char *stock_words = NULL;
  if (vopt.has_stock_box)
    stock_words = g_strdup_printf ("the stock box X%g..%g Y%g..%g Z%g..%g (%s)", vopt.stock_min[0], vopt.stock_max[0],
                                   vopt.stock_min[1], vopt.stock_max[1], vopt.stock_min[2], vopt.stock_max[2],
                                   stock_box ? "--stock" : "the program's header");
  else
    stock_words = g_strdup_printf ("a stock unbounded in XY with its top at Z%g%s", stock_top,
                                   vopt.has_stock_bottom ? " and its bottom at --stock-bottom" : "");
  g_autofree char *assumption = g_strdup_printf (
    "every cutting move, in order and with its tool, cuts %s, modelled as a height field of %.2f µm cells; "
    "a milling move is evaluated at the engagement it really has there (ae = area newly cut / length, "
    "ap = deepest material removed; a slot when ae ≥ 0.95·D, else side milling); a move that removes nothing "
    "is air, and a plunge counts only into material; moves of a T number without a tool remove nothing; "
    "a hole is spot-drilled when an earlier drill went in within 5 µm of its XY, else its drill walks; "
    "drilling vs micro-EDM judged at full diameter (less the point; not below the stock bottom)",
    stock_words, review.stock_cell_mm * 1000);

  if (json)
    {
      g_autoptr (JsonBuilder) b = json_builder_new ();
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "file");
      json_builder_add_string_value (b, path);
      json_builder_set_member_name (b, "material");
      json_builder_add_string_value (b, mat->id);
      json_builder_set_member_name (b, "machine");
      json_builder_add_string_value (b, machine->id);
      json_builder_set_member_name (b, "tool");
      if (default_tool)
        json_builder_add_string_value (b, default_tool->id ? default_tool->id : tool_desc);
      else
        json_builder_add_null_value (b);
      member_int (b, "lines", reader->n_lines);
      member_int (b, "moves", (gint64) moves);
      member_int (b, "program_moves", (gint64) reader->toolpath->moves->len);
      member_int (b, "cut_moves", (gint64) st.n_cut_moves);
      cam_json_add_number_or_null (b, "cut_length_mm", st.cut_length_mm);
      cam_json_add_number_or_null (b, "rapid_length_mm", st.rapid_length_mm);
      cam_json_add_number_or_null (b, "time_s", st.cycle_time_s);
      cam_json_add_number_or_null (b, "cut_time_s", st.cut_time_s);
      cam_json_add_number_or_null (b, "rapid_time_s", st.rapid_time_s);
      member_int (b, "tool_changes", st.tool_changes);
      member_int (b, "evaluated_moves", (gint64) review.n_evaluated);
      member_int (b, "air_moves", (gint64) review.n_air);
      member_int (b, "other_tool_moves", (gint64) review.n_other_tool);
      json_builder_set_member_name (b, "tools");
      json_builder_begin_array (b);
      for (guint i = 0; i < reader->toolpath->tools->len; i++)
        {
          guint number = ((CamToolpathTool *) g_ptr_array_index (reader->toolpath->tools, i))->number;
          const CamGcodeReview *one = &g_array_index (per_tool, CamGcodeReview, i);
          const CamTool *t = review_tool (mapping, default_tool, number);
          g_autofree char *desc = t ? cam_tool_describe (t) : NULL;
          json_builder_begin_object (b);
          member_int (b, "number", number);
          json_builder_set_member_name (b, "tool");
          if (t)
            json_builder_add_string_value (b, t->id ? t->id : desc);
          else
            json_builder_add_null_value (b);
          member_int (b, "evaluated_moves", (gint64) one->n_evaluated);
          cam_json_add_number_or_null (b, "max_deflection_um", one->n_evaluated ? one->max_deflection_um : NAN);
          cam_json_add_number_or_null (b, "min_safety_factor", one->n_evaluated ? one->min_safety_factor : NAN);
          json_builder_set_member_name (b, "worst_line");
          if (one->worst_line > 0)
            json_builder_add_int_value (b, one->worst_line);
          else
            json_builder_add_null_value (b);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      cam_json_add_number_or_null (b, "max_deflection_um", review.n_evaluated ? review.max_deflection_um : NAN);
      cam_json_add_number_or_null (b, "allowed_deflection_um", review.allowed_deflection_um);
      cam_json_add_number_or_null (b, "min_safety_factor", review.n_evaluated ? review.min_safety_factor : NAN);
      cam_json_add_number_or_null (b, "max_ra_um", review.n_evaluated ? review.max_ra_um : NAN);
      json_builder_set_member_name (b, "worst_line");
      if (review.worst_line > 0)
        json_builder_add_int_value (b, review.worst_line);
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "worst_move");
      if (review.min_safety_move >= 0)
        {
          const CamMove *w = cam_toolpath_move (reader->toolpath, (gsize) review.min_safety_move);
          json_builder_begin_object (b);
          member_int (b, "line", w->source_line);
          cam_json_add_number_or_null (b, "x", w->x);
          cam_json_add_number_or_null (b, "y", w->y);
          cam_json_add_number_or_null (b, "z", w->z);
          cam_json_add_number_or_null (b, "feed_mm_min", w->feed_mm_min);
          cam_json_add_number_or_null (b, "rpm", w->rpm);
          cam_json_add_number_or_null (b, "ap_mm", w->ap_mm);
          cam_json_add_number_or_null (b, "ae_mm", w->ae_mm);
          cam_json_add_number_or_null (b, "fz_mm", w->fz_mm);
          cam_json_add_number_or_null (b, "force_n", w->force_n);
          cam_json_add_number_or_null (b, "deflection_um", w->deflection_um);
          cam_json_add_number_or_null (b, "safety_factor", w->safety_factor);
          cam_json_add_number_or_null (b, "ra_um", w->ra_um);
          json_builder_end_object (b);
        }
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "assumptions");
      json_builder_add_string_value (b, assumption);
      json_builder_set_member_name (b, "stock");
      if (vopt.has_stock_box)
        {
          json_builder_begin_object (b);
          for (int k = 0; k < 2; k++)
            {
              json_builder_set_member_name (b, k ? "max" : "min");
              json_builder_begin_array (b);
              for (int a = 0; a < 3; a++)
                json_builder_add_double_value (b, (k ? vopt.stock_max : vopt.stock_min)[a]);
              json_builder_end_array (b);
            }
          json_builder_end_object (b);
        }
      else
        json_builder_add_null_value (b);
      cam_json_add_number_or_null (b, "stock_cell_mm", review.stock_cell_mm > 0 ? review.stock_cell_mm : NAN);
      cam_json_add_number_or_null (b, "removed_mm3", review.removed_mm3);
      cam_json_add_number_or_null (b, "tolerance_mm", vopt.tolerance_mm > 0 ? vopt.tolerance_mm : NAN);
      member_messages (b, "errors", reader->errors);
      member_int (b, "errors_total", reader->n_errors);
      member_messages (b, "warnings", reader->warnings);
      member_int (b, "warnings_total", reader->n_warnings);
      member_messages (b, "findings", review.findings);
      json_builder_end_object (b);
      cli_print_json (b);
    }
  else
    {
      printf ("Review of %s in %s on %s\n", path, mat->name, machine->name);
      for (guint i = 0; i < reader->toolpath->tools->len; i++)
        {
          guint number = ((CamToolpathTool *) g_ptr_array_index (reader->toolpath->tools, i))->number;
          const CamGcodeReview *one = &g_array_index (per_tool, CamGcodeReview, i);
          const CamTool *t = review_tool (mapping, default_tool, number);
          g_autofree char *desc = t ? cam_tool_describe (t) : NULL;
          if (t == NULL)
            printf ("  T%-3u            not reviewed (no tool given for it)\n", number);
          else if (one->n_evaluated == 0)
            printf ("  T%-3u %s: no move evaluated\n", number, desc);
          else
            printf ("  T%-3u %s: %zu moves, max deflection %.3f µm, min safety %.2f at line %u\n", number, desc,
                    one->n_evaluated, one->max_deflection_um, one->min_safety_factor, one->worst_line);
        }
      printf ("  lines            %u\n", reader->n_lines);
      printf ("  moves            %zu (%u in the program, canned cycles as one)\n", moves, reader->toolpath->moves->len);
      printf ("  cut length       %.3f mm\n", st.cut_length_mm);
      printf ("  rapid length     %.3f mm\n", st.rapid_length_mm);
      printf ("  cycle time       %.1f s\n", st.cycle_time_s);
      if (review.n_evaluated > 0)
        {
          printf ("  max deflection   %.3f µm (allowed %.2f µm)\n", review.max_deflection_um,
                  review.allowed_deflection_um);
          const CamMove *w = cam_toolpath_move (reader->toolpath, (gsize) review.min_safety_move);
          printf ("  min safety       %.2f at line %u (ap %.4f mm, ae %.4f mm, fz %.5f mm, F %.1f, S %.0f, "
                  "force %.3f N, deflection %.3f µm)\n", review.min_safety_factor, review.worst_line, w->ap_mm,
                  w->ae_mm, w->fz_mm, w->feed_mm_min, w->rpm, w->force_n, w->deflection_um);
          printf ("  max Ra           %.3f µm\n", review.max_ra_um);
        }
      else
        printf ("  no cutting move below the stock top was evaluated\n");
      printf ("  assumptions      %s\n", assumption);
      for (guint i = 0; i < reader->errors->len; i++)
        {
          const CamDiagnostic *m = &g_array_index (reader->errors, CamDiagnostic, i);
          printf ("%s:%u: error: %s\n", path, m->line, m->message);
        }
      for (guint i = 0; i < reader->warnings->len && i < 50; i++)
        {
          const CamDiagnostic *m = &g_array_index (reader->warnings, CamDiagnostic, i);
          printf ("%s:%u: warning: %s\n", path, m->line, m->message);
        }
      if (reader->n_warnings > 50)
        printf ("… %u warnings in all (--json lists up to 1000)\n", reader->n_warnings);
      for (guint i = 0; i < review.findings->len; i++)
        {
          const CamDiagnostic *m = &g_array_index (review.findings, CamDiagnostic, i);
          printf ("%s:%u: review: %s\n", path, m->line, m->message);
        }
    }
  if (reader->n_errors > 0 && !json)
    fprintf (stderr, "microcam-cli check: %s: %u error%s in the program\n", path, reader->n_errors,
             reader->n_errors == 1 ? "" : "s");
  cam_gcode_review_clear (&review);
  return reader->n_errors > 0 ? CLI_EXIT_BAD_INPUT : CLI_EXIT_OK;
}
