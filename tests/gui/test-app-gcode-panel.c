/* test-app-gcode-panel.c — the G-code page on a real display (run-in-xvfb.sh) with a 3D view
 * that is never shown (camera maths only, no GL): reading in its thread gives the reader's
 * program, the review fills the physics, line ↔ move selection agrees with
 * CamMove.source_line, errors and warnings are listed by line and jump there, Cancel stops
 * a large read, overlays recolour the moves, right-click picking finds a move. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <math.h>
#include <string.h>

#include "app-gcode-lines.h"
#include "app-gcode-panel.h"
#include "cam-library.h"

static char *dir;

/* A slot, an arc, a pocket pass and two drilled holes: lines 1–20. */
static const char program[] =
  "%\n"                                   /* 1 */
  "(microcam test: slot and holes)\n"     /* 2 */
  "G21 G90 G17\n"                         /* 3 */
  "T1 M6\n"                               /* 4 */
  "S40000 M3\n"                           /* 5 */
  "G0 Z1\n"                               /* 6 */
  "G0 X0 Y0\n"                            /* 7 */
  "G1 Z-0.05 F40\n"                       /* 8 */
  "G1 X2 Y0 F300\n"                       /* 9 */
  "G2 X3 Y1 I0 J1\n"                      /* 10 */
  "G1 X3 Y3\n"                            /* 11 */
  "G1 Z-0.1 F40\n"                        /* 12 */
  "G1 X0 Y3 F250\n"                       /* 13 */
  "G0 Z1\n"                               /* 14 */
  "G81 X1 Y1 Z-0.2 R0.5 F50\n"            /* 15 */
  "X2 Y2\n"                               /* 16 */
  "G80\n"                                 /* 17 */
  "G0 Z5\n"                               /* 18 */
  "M30\n"                                 /* 19 */
  "%\n";                                  /* 20 */

/* Line 4: an A word (ignored, a warning); line 6: an arc whose end is off its circle (an error). */
static const char faulty[] =
  "G21 G90 G17\n"                         /* 1 */
  "S30000 M3\n"                           /* 2 */
  "G0 X0 Y0 Z1\n"                         /* 3 */
  "G1 X1 Y0 Z-0.05 A15 F100\n"            /* 4 */
  "G1 X2\n"                               /* 5 */
  "G2 X3 Y0 I5 J5\n"                      /* 6 */
  "G1 X4 Y1\n"                            /* 7 */
  "M30\n";                                /* 8 */

static char *
write_file (const char *name, const char *text, gssize len)
{
  char *path = g_build_filename (dir, name, NULL);
  assert_true (g_file_set_contents (path, text, len, NULL));
  return path;
}

static void
wait_idle (AppGcodePanel *p)
{
  gint64 until = g_get_monotonic_time () + 120 * G_USEC_PER_SEC;
  while (app_gcode_panel_is_busy (p) && g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, TRUE);
  assert_false (app_gcode_panel_is_busy (p));
}

static AppGcodePanel *
open_program (GtkWidget *view, const char *path)
{
  AppGcodePanel *p = APP_GCODE_PANEL (g_object_ref_sink (app_gcode_panel_new (view ? RENDER_VIEW (view) : NULL)));
  assert_null (app_gcode_panel_get_reader (p));
  app_gcode_panel_open (p, path);
  assert_true (app_gcode_panel_is_busy (p));
  wait_idle (p);
  assert_non_null (app_gcode_panel_get_reader (p));
  return p;
}

static void
test_open_matches_reader_and_lines (void **state)
{
  (void) state;
  g_autofree char *path = write_file ("slot.ngc", program, -1);
  AppGcodePanel *p = open_program (NULL, path);
  g_autoptr (CamGcodeReader) r = cam_gcode_reader_new (NULL);
  assert_true (cam_gcode_reader_read_file (r, path, NULL, NULL, NULL, NULL));
  const CamToolpath *tp = app_gcode_panel_get_toolpath (p);
  assert_int_equal (tp->moves->len, r->toolpath->moves->len);
  assert_true (tp->moves->len >= 10);
  assert_int_equal (app_gcode_panel_get_reader (p)->n_errors, 0);
  assert_string_equal (app_gcode_panel_get_path (p), path);
  /* lengths as the engine counts them */
  CamToolpathStats st;
  cam_toolpath_stats (r->toolpath, NULL, -1, &st);
  assert_true (fabs (app_gcode_panel_get_stats (p)->cut_length_mm - st.cut_length_mm) < 1e-9);
  assert_true (app_gcode_panel_get_stats (p)->cycle_time_s > 0);
  /* every move is drawn by type before any review */
  assert_null (app_gcode_panel_get_review (p));
  assert_int_equal (app_gcode_panel_get_overlay (p), RENDER_OVERLAY_TYPE);
  assert_true (app_gcode_panel_get_n_segments (p) >= tp->moves->len);
  assert_true (app_gcode_panel_get_legend (p)->n_stops > 0);
  /* the text pane: one row per line, "N  text" */
  GListModel *lines = app_gcode_panel_get_lines (p);
  assert_int_equal (g_list_model_get_n_items (lines), 20);
  g_autoptr (GtkStringObject) row = g_list_model_get_item (lines, 8);
  assert_non_null (strstr (gtk_string_object_get_string (row), "9  G1 X2 Y0 F300"));
  assert_null (g_list_model_get_item (lines, 20));
  gsize len = 0;
  assert_memory_equal (app_gcode_lines_get_text (APP_GCODE_LINES (lines), 10, &len), "G2 X3 Y1 I0 J1", 14);
  assert_int_equal (len, 14);
  /* a file that is not there: the status names it, the program stays */
  g_autofree char *missing = g_build_filename (dir, "missing.ngc", NULL);
  app_gcode_panel_open (p, missing);
  wait_idle (p);
  assert_non_null (strstr (app_gcode_panel_get_status (p), "missing.ngc"));
  assert_string_equal (app_gcode_panel_get_path (p), path);
  g_object_unref (p);
}

static void
test_review_fills_physics (void **state)
{
  (void) state;
  g_autofree char *path = write_file ("slot.ngc", program, -1);
  AppGcodePanel *p = open_program (NULL, path);
  assert_true (app_gcode_panel_select_material (p, "al6061"));
  assert_true (app_gcode_panel_select_machine (p, "micro60k"));
  assert_true (app_gcode_panel_select_tool_id (p, "em-flat-0.2"));
  assert_false (app_gcode_panel_select_tool_id (p, "no-such-tool"));
  app_gcode_panel_review (p);
  assert_true (app_gcode_panel_is_busy (p));
  wait_idle (p);
  const CamGcodeReview *rv = app_gcode_panel_get_review (p);
  assert_non_null (rv);
  assert_true (rv->n_evaluated > 0);
  assert_true (rv->max_deflection_um > 0);
  assert_true (isfinite (rv->min_safety_factor) && rv->min_safety_factor > 0);
  assert_true (rv->worst_line >= 8 && rv->worst_line <= 16);
  /* the same numbers as the engine run directly (what `microcam-cli check` prints) */
  g_autoptr (CamGcodeReader) r = cam_gcode_reader_new (NULL);
  assert_true (cam_gcode_reader_read_file (r, path, NULL, NULL, NULL, NULL));
  g_autoptr (CamLibrary) lib = cam_library_new_default ();
  CamGcodeReviewOptions opt;
  cam_gcode_review_options_init (&opt);
  CamGcodeReview direct;
  assert_true (cam_gcode_review_run_tools (r->toolpath, NULL, 0, cam_library_find_tool (lib, "em-flat-0.2"),
                                           cam_library_find_material (lib, "al6061"),
                                           cam_library_find_machine (lib, "micro60k"), &opt, &direct, NULL, NULL));
  assert_true (fabs (direct.max_deflection_um - rv->max_deflection_um) < 1e-9);
  assert_int_equal (direct.worst_line, rv->worst_line);
  cam_gcode_review_clear (&direct);
  /* a bigger tool bends less: the change reviews again by itself */
  double d02 = rv->max_deflection_um;
  assert_true (app_gcode_panel_select_tool_id (p, "em-flat-1"));
  assert_true (app_gcode_panel_is_busy (p));
  wait_idle (p);
  assert_true (app_gcode_panel_get_review (p)->max_deflection_um < d02);
  double d1 = app_gcode_panel_get_review (p)->max_deflection_um;
  /* a change while a review runs is reviewed when it ends: the last tool picked wins */
  assert_true (app_gcode_panel_select_tool_id (p, "em-flat-0.2"));
  assert_true (app_gcode_panel_is_busy (p));
  assert_true (app_gcode_panel_select_tool_id (p, "em-flat-1"));
  wait_idle (p);
  assert_true (fabs (app_gcode_panel_get_review (p)->max_deflection_um - d1) < 1e-9);
  assert_non_null (strstr (app_gcode_panel_get_status (p), "em-flat-1"));
  /* stock top above the program: every feed cuts air */
  app_gcode_panel_set_stock_top (p, -1.0);
  assert_true (app_gcode_panel_is_busy (p));
  wait_idle (p);
  assert_int_equal (app_gcode_panel_get_review (p)->n_evaluated, 0);
  g_object_unref (p);
}

/* Two tools: T1 slots, T2 cuts a second slot. */
static const char two_tools[] =
  "G21 G90 G17\n"
  "T1 M6\n"
  "S40000 M3\n"
  "G0 X0 Y0 Z1\n"
  "G1 Z-0.05 F40\n"
  "G1 X2 F300\n"
  "G0 Z1\n"
  "T2 M6\n"
  "S40000 M3\n"
  "G0 X0 Y1\n"
  "G1 Z-0.05 F40\n"
  "G1 X2 F300\n"
  "G0 Z1\n"
  "M30\n";

static void
test_tool_per_t_number (void **state)
{
  (void) state;
  g_autofree char *path = write_file ("two.ngc", two_tools, -1);
  AppGcodePanel *p = open_program (NULL, path);
  assert_true (app_gcode_panel_select_tool_id (p, "em-flat-0.1"));
  assert_true (app_gcode_panel_map_tool (p, 2, "em-flat-1"));
  assert_false (app_gcode_panel_map_tool (p, 3, "em-flat-1"));
  assert_false (app_gcode_panel_map_tool (p, 2, "no-such-tool"));
  app_gcode_panel_review (p);
  wait_idle (p);
  const CamGcodeReview *rv = app_gcode_panel_get_review (p);
  assert_non_null (rv);
  assert_non_null (strstr (app_gcode_panel_get_status (p), "T number"));
  /* the same as the engine with that mapping; the Ø1 tool's slot does not bend like the Ø0.1 one */
  g_autoptr (CamGcodeReader) r = cam_gcode_reader_new (NULL);
  assert_true (cam_gcode_reader_read_file (r, path, NULL, NULL, NULL, NULL));
  g_autoptr (CamLibrary) lib = cam_library_new_default ();
  CamGcodeReviewTool map = { 2, cam_library_find_tool (lib, "em-flat-1") };
  CamGcodeReviewOptions opt;
  cam_gcode_review_options_init (&opt);
  CamGcodeReview direct;
  assert_true (cam_gcode_review_run_tools (r->toolpath, &map, 1, cam_library_find_tool (lib, "em-flat-0.1"),
                                           cam_library_find_material (lib, "al6061"),
                                           cam_library_find_machine (lib, "micro60k"), &opt, &direct, NULL, NULL));
  assert_true (fabs (direct.max_deflection_um - rv->max_deflection_um) < 1e-9);
  assert_true (fabs (direct.min_safety_factor - rv->min_safety_factor) < 1e-9);
  cam_gcode_review_clear (&direct);
  const CamToolpath *tp = app_gcode_panel_get_toolpath (p);
  float d1 = cam_toolpath_move (tp, cam_gcode_reader_find_line (r, 6))->deflection_um;
  float d2 = cam_toolpath_move (tp, cam_gcode_reader_find_line (r, 12))->deflection_um;
  assert_true (d1 > 0 && d2 > 0 && d2 < d1);
  /* back to one tool for all: both slots alike again (changing the mapping reviews again) */
  assert_true (app_gcode_panel_map_tool (p, 2, NULL));
  wait_idle (p);
  /* a review swaps in its own reviewed copy of the toolpath: look it up again */
  tp = app_gcode_panel_get_toolpath (p);
  d1 = cam_toolpath_move (tp, cam_gcode_reader_find_line (r, 6))->deflection_um;
  d2 = cam_toolpath_move (tp, cam_gcode_reader_find_line (r, 12))->deflection_um;
  assert_true (fabsf (d1 - d2) < 1e-3f * d1);
  g_object_unref (p);
}

/* The sample plate planned and exported by microcam-cli: read without errors, each T number
 * reviewed with the library tool its header names, no move safer than the planner said. */
static void
test_exported_program (void **state)
{
  (void) state;
  g_autofree char *part = g_build_filename (g_getenv ("MICROCAM_SOURCE_DIR"), "resources", "samples",
                                            "a_plate_holes_pocket.stl", NULL);
  g_autofree char *job = g_build_filename (dir, "plate.json", NULL);
  g_autofree char *ngc = g_build_filename (dir, "plate.ngc", NULL);
  const char *argv[] = { g_getenv ("MICROCAM_CLI"), "plan", part, "--material", "al6061", "--machine", "micro60k",
                         "-o", job, "--ngc", ngc, NULL };
  int status = -1;
  assert_non_null (argv[0]);
  assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, NULL, &status,
                             NULL));
  assert_true (g_spawn_check_wait_status (status, NULL));
  AppGcodePanel *p = open_program (NULL, ngc);
  const CamGcodeReader *r = app_gcode_panel_get_reader (p);
  assert_int_equal (r->n_errors, 0);
  assert_true (r->toolpath->tools->len >= 3);
  g_autofree char *text = NULL;
  assert_true (g_file_get_contents (ngc, &text, NULL, NULL));
  for (guint i = 0; i < r->toolpath->tools->len; i++)
    {
      guint n = ((const CamToolpathTool *) g_ptr_array_index (r->toolpath->tools, i))->number;
      const char *id = app_gcode_panel_get_mapped_tool (p, n);
      assert_non_null (id);
      g_autofree char *header = g_strdup_printf ("(T%u: %s ", n, id);
      assert_non_null (strstr (text, header));
    }
  app_gcode_panel_review (p);
  wait_idle (p);
  const CamGcodeReview *rv = app_gcode_panel_get_review (p);
  assert_true (rv->n_evaluated > 0);
  /* full-slot engagement is the heaviest case: never safer than the plan's own figure */
  const char *sf = strstr (text, "(minimum breakage safety factor: ");
  assert_non_null (sf);
  double planned = g_ascii_strtod (sf + strlen ("(minimum breakage safety factor: "), NULL);
  assert_true (rv->min_safety_factor > 0 && rv->min_safety_factor <= planned + 0.01);
  g_unlink (job);
  g_unlink (ngc);
  g_object_unref (p);
}

static gboolean
findings_mention (const CamGcodeReview *rv, const char *word)
{
  for (guint i = 0; i < rv->findings->len; i++)
    if (strstr (g_array_index (rv->findings, CamGcodeMessage, i).message, word) != NULL)
      return TRUE;
  return FALSE;
}

/* The planner's program for the plate in 316L: with the stock box its header names (the page's
 * stock top and thickness left at 0), or with the stock's thickness given, its through holes are
 * judged as the planner judged them (drilling); with a stock top of its own and no thickness, on
 * their whole travel. */
static void
test_stock_thickness_judges_through_holes (void **state)
{
  (void) state;
  g_autofree char *part = g_build_filename (g_getenv ("MICROCAM_SOURCE_DIR"), "resources", "samples",
                                            "a_plate_holes_pocket.stl", NULL);
  g_autofree char *job = g_build_filename (dir, "plate-316.json", NULL);
  g_autofree char *ngc = g_build_filename (dir, "plate-316.ngc", NULL);
  const char *argv[] = { g_getenv ("MICROCAM_CLI"), "plan", part, "--material", "ss316l", "--machine", "micro60k",
                         "-o", job, "--ngc", ngc, NULL };
  int status = -1;
  assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                             NULL, NULL, NULL, NULL, &status, NULL));
  assert_true (g_spawn_check_wait_status (status, NULL));
  AppGcodePanel *p = open_program (NULL, ngc);
  assert_true (app_gcode_panel_select_material (p, "ss316l"));
  app_gcode_panel_review (p);
  wait_idle (p);
  assert_non_null (app_gcode_panel_get_review (p));
  assert_false (findings_mention (app_gcode_panel_get_review (p), "micro-edm"));
  /* a stock top of the page's own: the header's box no longer counts, the bottom is unknown */
  app_gcode_panel_set_stock_top (p, 0.001);
  wait_idle (p);
  assert_non_null (app_gcode_panel_get_review (p));
  assert_true (findings_mention (app_gcode_panel_get_review (p), "micro-edm"));
  app_gcode_panel_set_stock_thickness (p, 2.0);
  wait_idle (p);
  assert_non_null (app_gcode_panel_get_review (p));
  assert_false (findings_mention (app_gcode_panel_get_review (p), "micro-edm"));
  g_unlink (job);
  g_unlink (ngc);
  g_object_unref (p);
}

/* The first descendant of w of type t (depth first). */
static GtkWidget *
find_child (GtkWidget *w, GType t)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (w, t))
    return w;
  for (GtkWidget *c = gtk_widget_get_first_child (w); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *hit = find_child (c, t);
      if (hit)
        return hit;
    }
  return NULL;
}

/* The selection of the page's list view showing n rows (the text pane, the messages). */
static GtkSelectionModel *
program_selection (GtkWidget *w, guint n)
{
  if (GTK_IS_DROP_DOWN (w)) /* its popover has a list view of its own */
    return NULL;
  if (GTK_IS_LIST_VIEW (w))
    {
      GtkSelectionModel *m = gtk_list_view_get_model (GTK_LIST_VIEW (w));
      if (m && g_list_model_get_n_items (G_LIST_MODEL (m)) == n)
        return m;
    }
  for (GtkWidget *c = gtk_widget_get_first_child (w); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkSelectionModel *m = program_selection (c, n);
      if (m)
        return m;
    }
  return NULL;
}

static void
test_line_move_selection_agree (void **state)
{
  (void) state;
  g_autofree char *path = write_file ("slot.ngc", program, -1);
  AppGcodePanel *p = open_program (NULL, path);
  const CamGcodeReader *r = app_gcode_panel_get_reader (p);
  const CamToolpath *tp = r->toolpath;
  for (guint i = 0; i < tp->moves->len; i++)
    {
      guint32 line = cam_toolpath_move (tp, i)->source_line;
      assert_int_equal (app_gcode_panel_select_move (p, i), line);
      assert_int_equal (app_gcode_panel_get_selected_line (p), line);
      assert_true (app_gcode_panel_get_n_highlighted (p) > 0);
      gssize first = app_gcode_panel_select_line (p, line);
      assert_true (first >= 0 && (guint) first <= i);
      assert_int_equal (cam_toolpath_move (tp, first)->source_line, line);
      assert_true (first == 0 || cam_toolpath_move (tp, first - 1)->source_line != line);
      assert_int_equal (first, cam_gcode_reader_find_line (r, line));
    }
  /* the arc of line 10 and the two holes of lines 15 and 16 are found from their lines */
  gssize arc = app_gcode_panel_select_line (p, 10);
  assert_true (arc >= 0);
  assert_true (cam_toolpath_move (tp, arc)->type == CAM_MOVE_ARC_CW);
  assert_true (app_gcode_panel_get_n_highlighted (p) >= 4); /* drawn as chords */
  gssize hole = app_gcode_panel_select_line (p, 16);
  assert_true (cam_toolpath_move (tp, hole)->type == CAM_MOVE_CYCLE);
  /* a comment makes no move: selected, nothing highlighted */
  assert_int_equal (app_gcode_panel_select_line (p, 2), -1);
  assert_int_equal (app_gcode_panel_get_selected_line (p), 2);
  assert_int_equal (app_gcode_panel_get_n_highlighted (p), 0);
  /* clearing */
  assert_int_equal (app_gcode_panel_select_move (p, -1), 0);
  assert_int_equal (app_gcode_panel_get_selected_line (p), 0);
  assert_int_equal (app_gcode_panel_select_line (p, 999), -1);
  assert_int_equal (app_gcode_panel_get_selected_line (p), 0);
  /* the Go to line entry (the page's only GtkEntry) selects what it is given, refuses the rest */
  GtkWidget *entry = find_child (GTK_WIDGET (p), GTK_TYPE_ENTRY);
  assert_non_null (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), "16");
  g_signal_emit_by_name (entry, "activate");
  assert_int_equal (app_gcode_panel_get_selected_line (p), 16);
  gtk_editable_set_text (GTK_EDITABLE (entry), "21");
  g_signal_emit_by_name (entry, "activate");
  assert_int_equal (app_gcode_panel_get_selected_line (p), 16);
  /* the text pane follows the selection */
  GtkSelectionModel *lines_sel = program_selection (GTK_WIDGET (p), 20);
  assert_non_null (lines_sel);
  assert_int_equal (gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (lines_sel)), 15);
  /* clicking a row (selecting it in the list) selects that line and its moves */
  gtk_selection_model_select_item (lines_sel, 8, TRUE);
  assert_int_equal (app_gcode_panel_get_selected_line (p), 9);
  assert_true (app_gcode_panel_get_n_highlighted (p) > 0);
  g_object_unref (p);
}

static void
test_errors_and_warnings_by_line (void **state)
{
  (void) state;
  g_autofree char *path = write_file ("faulty.ngc", faulty, -1);
  AppGcodePanel *p = open_program (NULL, path);
  const CamGcodeReader *r = app_gcode_panel_get_reader (p);
  assert_true (r->n_errors >= 1);
  assert_true (r->n_warnings >= 1);
  assert_int_equal (app_gcode_panel_get_n_messages (p), r->errors->len + r->warnings->len);
  /* the status names the first error */
  assert_non_null (strstr (app_gcode_panel_get_status (p), "faulty.ngc:6"));
  gboolean arc_error = FALSE, a_warning = FALSE;
  for (guint i = 0; i < app_gcode_panel_get_n_messages (p); i++)
    {
      const char *text = NULL;
      guint32 line = app_gcode_panel_get_message (p, i, &text);
      assert_non_null (text);
      if (line == 6 && g_str_has_prefix (text, "error: "))
        arc_error = TRUE;
      if (line == 4 && g_str_has_prefix (text, "warning: ") && strchr (text, 'A'))
        a_warning = TRUE;
      /* clicking a message selects its line */
      assert_int_equal (app_gcode_panel_activate_message (p, i), line);
      assert_int_equal (app_gcode_panel_get_selected_line (p), line);
    }
  assert_true (arc_error);
  assert_true (a_warning);
  /* the list on the page is wired the same way: selecting a row goes to its line */
  GtkSelectionModel *msgs = program_selection (GTK_WIDGET (p), app_gcode_panel_get_n_messages (p));
  assert_non_null (msgs);
  app_gcode_panel_select_line (p, 0);
  gtk_selection_model_select_item (msgs, 1, TRUE);
  assert_int_equal (app_gcode_panel_get_selected_line (p), app_gcode_panel_get_message (p, 1, NULL));
  assert_int_equal (app_gcode_panel_get_message (p, 1000, NULL), 0);
  /* the moves after the bad arc are still read */
  const CamToolpath *tp = app_gcode_panel_get_toolpath (p);
  assert_int_equal (cam_toolpath_move (tp, tp->moves->len - 1)->source_line, 7);
  g_object_unref (p);
}

/* 300k lines of zigzag: big enough for the threaded recolouring path. */
static char *
write_large (guint n_lines)
{
  GString *s = g_string_sized_new (n_lines * 24);
  g_string_append (s, "G21 G90 G17\nS40000 M3\nG0 X0 Y0 Z1\nG1 Z-0.02 F50\n");
  for (guint i = 4; i < n_lines - 1; i++)
    g_string_append_printf (s, "G1 X%.3f Y%.3f F400\n", (i % 200) * 0.01, (i / 200) * 0.005);
  g_string_append (s, "M30\n");
  char *path = write_file ("large.ngc", s->str, (gssize) s->len);
  g_string_free (s, TRUE);
  return path;
}

static void
test_cancel_large_program (void **state)
{
  (void) state;
  g_autofree char *small = write_file ("slot.ngc", program, -1);
  g_autofree char *large = write_large (300000);
  AppGcodePanel *p = open_program (NULL, small);
  guint small_moves = app_gcode_panel_get_toolpath (p)->moves->len;
  app_gcode_panel_open (p, large);
  assert_true (app_gcode_panel_is_busy (p));
  app_gcode_panel_cancel (p);
  wait_idle (p);
  assert_non_null (strstr (app_gcode_panel_get_status (p), "Cancelled"));
  /* the program shown before stays */
  assert_string_equal (app_gcode_panel_get_path (p), small);
  assert_int_equal (app_gcode_panel_get_toolpath (p)->moves->len, small_moves);
  /* read to the end, it has all its lines and moves; recolouring it runs in a thread */
  app_gcode_panel_open (p, large);
  wait_idle (p);
  assert_string_equal (app_gcode_panel_get_path (p), large);
  assert_int_equal (g_list_model_get_n_items (app_gcode_panel_get_lines (p)), 300000);
  assert_true (app_gcode_panel_get_toolpath (p)->moves->len > 299000);
  gsize n = app_gcode_panel_get_n_segments (p);
  app_gcode_panel_set_overlay (p, RENDER_OVERLAY_FEED);
  assert_true (app_gcode_panel_is_busy (p));
  wait_idle (p);
  assert_int_equal (app_gcode_panel_get_legend (p)->overlay, RENDER_OVERLAY_FEED);
  assert_int_equal (app_gcode_panel_get_n_segments (p), n);
  /* a review cancelled as it starts: no review shown, the physics overlays give way to type */
  app_gcode_panel_set_overlay (p, RENDER_OVERLAY_DEFLECTION);
  wait_idle (p);
  app_gcode_panel_review (p);
  assert_true (app_gcode_panel_is_busy (p));
  app_gcode_panel_cancel (p);
  wait_idle (p);
  if (app_gcode_panel_get_review (p) == NULL)
    {
      assert_int_equal (app_gcode_panel_get_legend (p)->overlay, RENDER_OVERLAY_TYPE);
      assert_non_null (strstr (app_gcode_panel_get_status (p), "Review cancelled"));
    }
  else /* the review was done before Cancel reached it: it is shown, and says so */
    assert_non_null (strstr (app_gcode_panel_get_status (p), "cancel came after"));
  /* the last line is found in a 300k-line program */
  gssize last = app_gcode_panel_select_line (p, 299999);
  assert_true (last >= 0);
  assert_int_equal (app_gcode_panel_select_move (p, last), 299999);
  g_unlink (large);
  g_object_unref (p);
}

static guint
distinct_cut_colours (AppGcodePanel *p)
{
  const CamToolpath *tp = app_gcode_panel_get_toolpath (p);
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < tp->moves->len; i++)
    {
      float c[4];
      if (!cam_move_is_cut (cam_toolpath_move (tp, i)))
        continue;
      assert_true (app_gcode_panel_get_move_colour (p, i, c));
      char *k = g_strdup_printf ("%.3f %.3f %.3f", c[0], c[1], c[2]);
      g_ptr_array_add (keys, k);
      g_hash_table_add (seen, k);
    }
  return g_hash_table_size (seen);
}

static void
test_overlays_and_picking (void **state)
{
  (void) state;
  GtkWidget *view = g_object_ref_sink (render_view_new ());
  RenderCamera *cam = render_view_get_camera (RENDER_VIEW (view));
  render_camera_set_viewport (cam, 800, 600);
  render_camera_set_view (cam, RENDER_CAMERA_VIEW_TOP);
  g_autofree char *path = write_file ("slot.ngc", program, -1);
  AppGcodePanel *p = open_program (view, path);
  /* the camera is aimed at the program: its corners are on screen */
  const CamGcodeReader *r = app_gcode_panel_get_reader (p);
  const CamToolpath *tp = r->toolpath;
  float x, y;
  vec3 corner = { 3, 3, 0 };
  assert_true (render_camera_project (cam, corner, &x, &y));
  assert_true (x > 0 && x < 800 && y > 0 && y < 600);
  gsize all = app_gcode_panel_get_n_segments (p);
  /* unreviewed: deflection colours every cut grey (no numbers) */
  app_gcode_panel_set_overlay (p, RENDER_OVERLAY_DEFLECTION);
  assert_int_equal (distinct_cut_colours (p), 1);
  app_gcode_panel_select_material (p, "al6061");
  app_gcode_panel_select_tool_id (p, "em-flat-0.2");
  app_gcode_panel_review (p);
  wait_idle (p);
  assert_int_equal (app_gcode_panel_get_legend (p)->overlay, RENDER_OVERLAY_DEFLECTION);
  assert_string_equal (app_gcode_panel_get_legend (p)->unit, "µm");
  assert_true (distinct_cut_colours (p) > 1);
  float type_c[4], defl_c[4];
  gssize cut = app_gcode_panel_select_line (p, 9);
  assert_true (app_gcode_panel_get_move_colour (p, cut, defl_c));
  const char *names[] = { "safety", "feed", "finish", "type" };
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      RenderOverlay o;
      assert_true (render_overlay_from_string (names[i], &o));
      app_gcode_panel_set_overlay (p, o);
      assert_int_equal (app_gcode_panel_get_overlay (p), o);
      assert_int_equal (app_gcode_panel_get_legend (p)->overlay, o);
      assert_true (app_gcode_panel_get_legend (p)->n_stops > 0);
      assert_int_equal (app_gcode_panel_get_n_segments (p), all);
    }
  assert_true (app_gcode_panel_get_move_colour (p, cut, type_c));
  assert_true (fabsf (type_c[0] - defl_c[0]) + fabsf (type_c[1] - defl_c[1]) + fabsf (type_c[2] - defl_c[2]) > 0.05f);
  assert_true (app_gcode_panel_get_legend (p)->categorical);
  /* a program is one operation: that overlay is taken as type */
  app_gcode_panel_set_overlay (p, RENDER_OVERLAY_OPERATION);
  assert_int_equal (app_gcode_panel_get_overlay (p), RENDER_OVERLAY_TYPE);

  /* right-click picking: the middle of line 13's move (X3 Y3 → X0 Y3 at Z-0.1) */
  gssize m13 = cam_gcode_reader_find_line (r, 13);
  vec3 mid = { 1.5f, 3.0f, -0.1f };
  assert_true (render_camera_project (cam, mid, &x, &y));
  gssize picked = app_gcode_panel_pick (p, x, y);
  assert_int_equal (picked, m13);
  g_autofree char *d = app_gcode_panel_describe_at (p, x, y);
  assert_non_null (d);
  assert_true (g_str_has_prefix (d, "line 13:"));
  assert_int_equal (app_gcode_panel_select_move (p, picked), 13);
  assert_int_equal (app_gcode_panel_get_selected_line (p), 13);
  /* far from every move: nothing */
  assert_int_equal (app_gcode_panel_pick (p, 2, 2), -1);
  assert_null (app_gcode_panel_describe_at (p, 2, 2));
  (void) tp;
  g_object_unref (p);
  g_object_unref (view);
}

static int
setup (void **state)
{
  (void) state;
  gtk_init ();
  dir = g_dir_make_tmp ("microcam-gcode-XXXXXX", NULL);
  return dir == NULL;
}

static int
teardown (void **state)
{
  (void) state;
  const char *names[] = { "slot.ngc", "faulty.ngc", "large.ngc", "two.ngc" };
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (dir, names[i], NULL);
      g_unlink (path);
    }
  g_rmdir (dir);
  g_free (dir);
  return 0;
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_open_matches_reader_and_lines),
    cmocka_unit_test (test_review_fills_physics),
    cmocka_unit_test (test_tool_per_t_number),
    cmocka_unit_test (test_exported_program),
    cmocka_unit_test (test_stock_thickness_judges_through_holes),
    cmocka_unit_test (test_line_move_selection_agree),
    cmocka_unit_test (test_errors_and_warnings_by_line),
    cmocka_unit_test (test_cancel_large_program),
    cmocka_unit_test (test_overlays_and_picking),
  };
  return cmocka_run_group_tests (tests, setup, teardown);
}
