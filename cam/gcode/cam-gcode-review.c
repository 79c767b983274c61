/* cam-gcode-review.c — evaluates an imported program's cutting moves with the physics engine.
 *
 * Method (assumptions listed in cam-gcode-review.h):
 *   1. Walk the moves once, keeping the tool position. A feed or arc whose lowest point is
 *      at or above the stock top, or that goes up, cuts air.
 *   2. Axial depth ap: the Z levels of earlier horizontal cutting moves are kept in a
 *      balanced tree (quantised to 0.1 µm); ap = (the nearest level above the move's lowest
 *      point, else the stock top) − that point. This is how step-down roughing works: each
 *      level removes the layer between it and the one above.
 *   3. Radial width ae = D: the full-slot engagement, the worst case for deflection and
 *      breakage (Kienzle force grows with ae through the engagement angle, see
 *      cam-force.c), stated as such in the report.
 *   4. Chip load fz = F / (n · z) (the definition of feed per tooth, e.g. Sandvik Coromant,
 *      "Milling formulas and definitions"); drilling: feed per revolution / flutes as
 *      cam-cutting.h defines it for drills.
 *   5. Drill entry: a drilling move (canned cycle, or straight plunge into the stock) is
 *      spotted when an earlier drilling move of the program, by any tool, went into the
 *      stock at the same XY (within SPOT_TOLERANCE_MM): a spot or centre drill, a pilot, or
 *      an earlier peck of the same hole. Its point then seats in that cone; otherwise it
 *      enters the flat surface and walks (the two entry models of cam-drill.c, passed as
 *      CamEngagement.drill_entry). The XY of every hole is kept in a hash grid of cells of
 *      2 · SPOT_TOLERANCE_MM, so finding an earlier hole looks at 2 × 2 cells: O(1) a move.
 *      Unspotted holes drilled with a twist drill become findings with their deflection.
 *   6. cam_cutting_evaluate() gives force, deflection, safety factor and Ra. Moves with
 *      the same (op, ap, fz, rpm, depth, entry) share one evaluation (a hash table), so a
 *      long program costs about one engine call per distinct cutting condition.
 * Engine warnings become findings at the first line where each one appears, with the
 * number of moves it applies to.
 */
#include "cam-gcode-review.h"

#include "cam-drill.h"

#include <math.h>
#include <string.h>

#include "cam-error.h"

#define LEVEL_QUANTUM_MM 1e-4
#define SPOT_TOLERANCE_MM 0.005 /* a spot this close to the hole's axis seats the drill's point */
#define UNSPOTTED_LISTED 10     /* unspotted holes named one by one; the rest are counted */

typedef struct {
  gint64 op, ap, fz, rpm, depth, entry;
} EvalKey;

typedef struct {
  gboolean ok;
  float force_n, deflection_um, safety_factor, ra_um, fz_mm;
  guint warnings;
  char *error;
  CamCutResult *full;   /* kept for the first result of each warning set */
} EvalValue;

static guint
key_hash (gconstpointer p)
{
  const EvalKey *k = p;
  guint64 h = 1469598103934665603ull;
  const gint64 *v = &k->op;
  for (int i = 0; i < 6; i++)
    h = (h ^ (guint64) v[i]) * 1099511628211ull;
  return (guint) (h ^ (h >> 32));
}

static gboolean
key_equal (gconstpointer a, gconstpointer b)
{
  return memcmp (a, b, sizeof (EvalKey)) == 0;
}

static void
value_free (gpointer p)
{
  EvalValue *v = p;
  g_free (v->error);
  g_free (v->full);
  g_free (v);
}

static gint
level_cmp (gconstpointer a, gconstpointer b, gpointer data)
{
  (void) data;
  gintptr x = (gintptr) a, y = (gintptr) b;
  return x < y ? -1 : x > y ? 1 : 0;
}

static gint64
quant (double v, double q)
{
  return isfinite (v) ? (gint64) llround (v / q) : G_MININT64;
}

/* ---- holes already drilled, by XY (method 5) ----
 * Cells of 2·SPOT_TOLERANCE_MM: a point within the tolerance of (x, y) lies in (x, y)'s cell or
 * in the neighbours towards the nearer sides, 2 × 2 cells. A cell maps to the last hole put in it
 * (index + 1), and each hole to the one before it in the same cell (or another cell whose key
 * hashes alike: every candidate's distance is checked), so a hole costs 24 bytes and a hash slot. */

typedef struct {
  double x, y;
  guint next;   /* index + 1 of the previous hole of the chain, 0 at its end */
} HoleXY;

typedef struct {
  GArray *xy;          /* of HoleXY */
  GHashTable *cells;   /* cell key → index + 1 of the chain's head */
} Holes;

static gpointer
cell_key (gint64 cx, gint64 cy)
{
  return GSIZE_TO_POINTER ((gsize) ((guint64) cx * 0x9E3779B97F4A7C15ull ^ (guint64) cy));
}

static gboolean
holes_near (const Holes *holes, double x, double y)
{
  const double cell = 2.0 * SPOT_TOLERANCE_MM;
  double fx = x / cell, fy = y / cell;
  gint64 cx = (gint64) floor (fx), cy = (gint64) floor (fy);
  gint64 nx = fx - (double) cx < 0.5 ? cx - 1 : cx + 1, ny = fy - (double) cy < 0.5 ? cy - 1 : cy + 1;
  const gint64 cells[4][2] = { { cx, cy }, { nx, cy }, { cx, ny }, { nx, ny } };
  for (int c = 0; c < 4; c++)
    for (guint k = GPOINTER_TO_UINT (g_hash_table_lookup (holes->cells, cell_key (cells[c][0], cells[c][1]))); k != 0;)
      {
        const HoleXY *p = &g_array_index (holes->xy, HoleXY, k - 1);
        if (hypot (p->x - x, p->y - y) <= SPOT_TOLERANCE_MM)
          return TRUE;
        k = p->next;
      }
  return FALSE;
}

static void
holes_add (Holes *holes, double x, double y)
{
  const double cell = 2.0 * SPOT_TOLERANCE_MM;
  gpointer key = cell_key ((gint64) floor (x / cell), (gint64) floor (y / cell));
  HoleXY p = { x, y, GPOINTER_TO_UINT (g_hash_table_lookup (holes->cells, key)) };
  g_array_append_val (holes->xy, p);
  g_hash_table_insert (holes->cells, key, GUINT_TO_POINTER (holes->xy->len));
}

typedef struct {
  const CamTool *tool;
  const CamMaterial *mat;
  const CamMachine *machine;
  const CamGcodeReviewOptions *opt;
  CamGcodeReview *out;
  GHashTable *cache;
  GHashTable *seen_errors;
  guint seen_warnings;
  guint max_findings;
  double recommended_rpm;
  Holes holes;              /* method 5 */
  gsize n_unspotted;
  guint32 unspotted_more_line;
} Review;

/* A finding (CAM_SEVERITY_NOTE) at line, about move (-1: the program). */
G_GNUC_PRINTF (5, 6) static void
finding (Review *rv, guint32 line, gssize move, const char *code, const char *fmt, ...)
{
  rv->out->n_findings++;
  if (rv->out->findings->len >= rv->max_findings)
    return;
  va_list ap;
  va_start (ap, fmt);
  cam_diagnostics_add (rv->out->findings, CAM_SEVERITY_NOTE, line, move, code, g_strdup_vprintf (fmt, ap));
  va_end (ap);
}

void
cam_gcode_review_options_init (CamGcodeReviewOptions *opt)
{
  memset (opt, 0, sizeof *opt);
}

void
cam_gcode_review_clear (CamGcodeReview *review)
{
  g_clear_pointer (&review->findings, g_array_unref);
}

static const EvalValue *
evaluate (Review *rv, CamCutKind op, double ap, double fz, double rpm, double depth, CamDrillEntry entry)
{
  EvalKey key = { op, quant (ap, 1e-7), quant (fz, 1e-9), quant (rpm, 1e-3), quant (depth, 1e-7), entry };
  EvalValue *v = g_hash_table_lookup (rv->cache, &key);
  if (v != NULL)
    return v;
  v = g_new0 (EvalValue, 1);
  CamEngagement eng;
  cam_engagement_init (&eng, op);
  if (op == CAM_CUT_DRILL)
    {
      eng.depth_mm = depth;
      eng.drill_entry = entry;
    }
  else
    {
      eng.ap_mm = ap;
      eng.ae_mm = rv->tool->d_mm;
    }
  eng.fz_mm = fz;
  eng.rpm = rpm;
  eng.tolerance_mm = rv->opt->tolerance_mm;
  eng.min_safety_factor = rv->opt->min_safety_factor;
  CamCutResult r;
  g_autoptr (GError) error = NULL;
  v->ok = cam_cutting_evaluate (rv->tool, rv->mat, rv->machine, &eng, &r, &error);
  if (v->ok && op == CAM_CUT_DRILL && rv->tool->kind != CAM_TOOL_SPOT)
    {
      /* The engine judged the process on the drill's travel; the planner and DFM judge it on
       * the depth drilled at full diameter (cam_drill_full_diameter_depth: less the point), so
       * a program they made does not get advice they did not give. */
      double top = rv->opt->stock_top_z;
      double full = cam_drill_full_diameter_depth (rv->tool, top, top - depth,
                                                   rv->opt->has_stock_bottom ? rv->opt->stock_bottom_z : -INFINITY);
      r.drill.process = cam_drill_choose_process (rv->mat, rv->tool->d_mm, full, 0.0);
      if (r.drill.process == CAM_PROCESS_MICRO_DRILL)
        r.warnings &= ~(guint) CAM_CUT_WARN_PROCESS;
      else
        r.warnings |= CAM_CUT_WARN_PROCESS;
    }
  if (v->ok)
    {
      v->force_n = (float) r.force_n;
      v->deflection_um = (float) r.deflection_um;
      v->safety_factor = (float) r.safety_factor;
      v->ra_um = (float) r.ra_um;
      v->fz_mm = (float) r.fz_mm;
      v->warnings = r.warnings;
      v->full = g_memdup2 (&r, sizeof r);
      if (!(rv->out->allowed_deflection_um > 0))
        rv->out->allowed_deflection_um = r.allowed_deflection_um;
    }
  else
    v->error = g_strdup (error->message);
  g_hash_table_insert (rv->cache, g_memdup2 (&key, sizeof key), v);
  return v;
}

static void
apply (Review *rv, gsize i, CamMove *m, const EvalValue *v, double ap, double ae)
{
  CamGcodeReview *out = rv->out;
  if (!v->ok)
    {
      if (!g_hash_table_contains (rv->seen_errors, v->error))
        {
          g_hash_table_add (rv->seen_errors, g_strdup (v->error));
          finding (rv, m->source_line, (gssize) i, "review-not-evaluated", "not evaluated: %s", v->error);
        }
      return;
    }
  m->ap_mm = (float) ap;
  m->ae_mm = (float) ae;
  m->fz_mm = v->fz_mm;
  m->force_n = v->force_n;
  m->deflection_um = v->deflection_um;
  m->safety_factor = v->safety_factor;
  m->ra_um = v->ra_um;
  out->n_evaluated++;
  if (v->deflection_um > out->max_deflection_um)
    {
      out->max_deflection_um = v->deflection_um;
      out->max_deflection_move = (gssize) i;
    }
  if (v->safety_factor < out->min_safety_factor)
    {
      out->min_safety_factor = v->safety_factor;
      out->min_safety_move = (gssize) i;
      out->worst_line = m->source_line;
    }
  if (isfinite (v->ra_um) && v->ra_um > out->max_ra_um)
    out->max_ra_um = v->ra_um;
  guint fresh = v->warnings & ~rv->seen_warnings;
  if (fresh != 0)
    {
      rv->seen_warnings |= v->warnings;
      g_autoptr (GPtrArray) words = cam_cut_result_warnings (v->full, rv->tool, rv->mat, rv->machine);
      for (guint k = 0; k < words->len; k++)
        finding (rv, m->source_line, (gssize) i, "review-engine", "%s", (const char *) g_ptr_array_index (words, k));
    }
}

/* A drilling move to depth below the stock top, spotted or not (method 5). An unspotted hole
 * drilled with a twist drill is a finding with the walking deflection beside the seated one. */
static void
drill_move (Review *rv, gsize i, CamMove *m, double fz, double rpm, double depth, gboolean spotted)
{
  const EvalValue *v = evaluate (rv, CAM_CUT_DRILL, 0, fz, rpm, depth,
                                 spotted ? CAM_DRILL_ENTRY_SPOTTED : CAM_DRILL_ENTRY_FLAT);
  apply (rv, i, m, v, depth, rv->tool->d_mm);
  if (spotted || !v->ok || rv->tool->kind != CAM_TOOL_DRILL)
    return;
  if (++rv->n_unspotted > UNSPOTTED_LISTED)
    {
      if (rv->n_unspotted == UNSPOTTED_LISTED + 1)
        rv->unspotted_more_line = m->source_line;
      return;
    }
  const EvalValue *seated = evaluate (rv, CAM_CUT_DRILL, 0, fz, rpm, depth, CAM_DRILL_ENTRY_SPOTTED);
  if (seated->ok)
    finding (rv, m->source_line, (gssize) i, "review-unspotted",
             "hole at line %u not spot-drilled: drill walks, deflection %.2f µm (%.2f µm in a spot)", m->source_line,
             v->deflection_um, seated->deflection_um);
  else
    finding (rv, m->source_line, (gssize) i, "review-unspotted",
             "hole at line %u not spot-drilled: drill walks, deflection %.2f µm", m->source_line, v->deflection_um);
}

/* Spindle speed for the chip load: the program's, else the engine's recommendation. */
static double
move_rpm (Review *rv, gsize i, const CamMove *m, gboolean *warned)
{
  if (isfinite (m->rpm) && m->rpm > 0)
    return m->rpm;
  if (!*warned)
    {
      *warned = TRUE;
      finding (rv, m->source_line, (gssize) i, "review-no-spindle",
               "cutting with the spindle stopped or no S: evaluated at the recommended %.0f rpm", rv->recommended_rpm);
    }
  return rv->recommended_rpm;
}

static gboolean review_impl (CamToolpath *tp, const CamTool *tool, const CamMaterial *mat,
                             const CamMachine *machine, const CamGcodeReviewOptions *opt, gint tool_index,
                             CamGcodeReview *out, GError **error);

gboolean
cam_gcode_review_run (CamToolpath *tp, const CamTool *tool, const CamMaterial *mat, const CamMachine *machine,
                      const CamGcodeReviewOptions *opt, CamGcodeReview *out, GError **error)
{
  return review_impl (tp, tool, mat, machine, opt, -1, out, error);
}

/* tool_index ≥ 0: only the moves with that CamMove.tool_index (as well as opt->tool_number). */
static gboolean
review_impl (CamToolpath *tp, const CamTool *tool, const CamMaterial *mat, const CamMachine *machine,
             const CamGcodeReviewOptions *opt, gint tool_index, CamGcodeReview *out, GError **error)
{
  g_return_val_if_fail (tp != NULL && tool != NULL && mat != NULL && machine != NULL && out != NULL, FALSE);
  CamGcodeReviewOptions defaults;
  cam_gcode_review_options_init (&defaults);
  if (opt == NULL)
    opt = &defaults;
  memset (out, 0, sizeof *out);
  out->findings = cam_diagnostics_new ();
  out->min_safety_factor = INFINITY;
  out->max_deflection_move = out->min_safety_move = -1;
  if (!(tool->d_mm > 0) || tool->flutes < 1)
    {
      g_set_error (error, CAM_ERROR, CAM_ERROR_INVALID, "review: the tool has no diameter or flutes");
      cam_gcode_review_clear (out);
      return FALSE;
    }

  Review rv = {
    .tool = tool, .mat = mat, .machine = machine, .opt = opt, .out = out,
    .cache = g_hash_table_new_full (key_hash, key_equal, g_free, value_free),
    .seen_errors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL),
    .max_findings = opt->max_findings ? opt->max_findings : 1000,
    .holes = { g_array_new (FALSE, FALSE, sizeof (HoleXY)), g_hash_table_new (g_direct_hash, g_direct_equal) },
  };
  gboolean capped_max = FALSE, raised_min = FALSE;
  gboolean is_mill = cam_tool_is_mill (tool);
  rv.recommended_rpm = cam_feeds_recommended_rpm (tool, mat, machine, is_mill ? CAM_CUT_SLOT : CAM_CUT_DRILL,
                                                  &capped_max, &raised_min);
  if (opt->tool_number == 0 && tool_index < 0 && tp->tools->len > 1)
    {
      GString *list = g_string_new (NULL);
      for (guint i = 0; i < tp->tools->len; i++)
        g_string_append_printf (list, "%sT%u", i ? ", " : "", ((CamToolpathTool *) g_ptr_array_index (tp->tools, i))->number);
      finding (&rv, 0, -1, "review-one-tool",
               "the program uses %u tools (%s): every move is evaluated with the one tool given; "
               "review one tool at a time with its number", tp->tools->len, list->str);
      g_string_free (list, TRUE);
    }
  GTree *levels = g_tree_new_full (level_cmp, NULL, NULL, NULL);
  const double top = opt->stock_top_z;
  gboolean warned_rpm = FALSE, warned_plunge = FALSE, warned_feed = FALSE, warned_ap = FALSE;
  double pos[3];
  memcpy (pos, tp->start, sizeof pos);
  guint n = tp->moves->len;
  gboolean cancelled = FALSE;
  guint stopped_at = n;
  for (guint i = 0; i < n; i++)
    {
      /* a look at Cancel every 8192 moves: about a millisecond of review between them */
      if ((i & 8191u) == 0 && opt->cancellable != NULL && g_cancellable_is_cancelled (opt->cancellable))
        {
          cancelled = TRUE;
          stopped_at = i;
          break;
        }
      CamMove *m = &g_array_index (tp->moves, CamMove, i);
      double start[3];
      memcpy (start, pos, sizeof start);
      pos[0] = m->x, pos[1] = m->y, pos[2] = m->z;
      if (m->type == CAM_MOVE_CYCLE) /* the tool ends at the cycle's retract height */
        pos[2] = m->retract == CAM_RETRACT_R_PLANE ? m->r_z : MAX (start[2], m->r_z);
      if (!cam_move_is_cut (m))
        continue;
      /* a hole into the stock, by any tool: spotted when one was drilled here before */
      gboolean hole = m->type == CAM_MOVE_CYCLE
                        ? m->z < top
                        : m->type == CAM_MOVE_FEED && MIN (start[2], m->z) < top - 1e-9 && m->z <= start[2] + 1e-9
                            && hypot (m->x - start[0], m->y - start[1]) < 1e-6;
      gboolean spotted = hole && holes_near (&rv.holes, m->x, m->y);
      if (hole && !spotted)
        holes_add (&rv.holes, m->x, m->y);
      if (tool_index >= 0 && m->tool_index != tool_index)
        {
          out->n_other_tool++;
          continue;
        }
      if (opt->tool_number > 0)
        {
          const CamToolpathTool *t = m->tool_index < tp->tools->len ? g_ptr_array_index (tp->tools, m->tool_index)
                                                                   : NULL;
          if (t == NULL || t->number != opt->tool_number)
            {
              out->n_other_tool++;
              continue;
            }
        }
      double feed = m->feed_mm_min;
      if (!(isfinite (feed) && feed > 0))
        {
          if (!warned_feed)
            finding (&rv, m->source_line, (gssize) i, "review-no-feed",
                     "cutting move without a feed rate: not evaluated");
          warned_feed = TRUE;
          continue;
        }
      if (m->type == CAM_MOVE_CYCLE)
        {
          double depth = top - m->z;
          if (depth <= 0)
            {
              out->n_air++;
              m->flags |= CAM_MOVE_FLAG_AIR;
              continue;
            }
          double rpm = move_rpm (&rv, i, m, &warned_rpm);
          drill_move (&rv, i, m, feed / (rpm * tool->flutes), rpm, depth, spotted);
          continue;
        }
      double z_lo = MIN (start[2], m->z);
      double dxy = hypot (m->x - start[0], m->y - start[1]);
      gboolean arc = m->type == CAM_MOVE_ARC_CW || m->type == CAM_MOVE_ARC_CCW;
      if (z_lo >= top - 1e-9 || m->z > start[2] + 1e-9)
        {
          out->n_air++;
          m->flags |= CAM_MOVE_FLAG_AIR;
          continue;
        }
      double rpm = move_rpm (&rv, i, m, &warned_rpm);
      if (!arc && dxy < 1e-6)
        {
          /* straight plunge */
          m->flags |= CAM_MOVE_FLAG_PLUNGE;
          if (is_mill)
            {
              if (!warned_plunge)
                finding (&rv, m->source_line, (gssize) i, "review-plunge",
                         "straight plunge with a Ø%.3g mm end mill to Z%.4f: micro end mills should enter by helix "
                         "or ramp unless that spot is already cleared (plunges are not evaluated)", tool->d_mm, m->z);
              warned_plunge = TRUE;
              continue;
            }
          drill_move (&rv, i, m, feed / (rpm * tool->flutes), rpm, top - z_lo, spotted);
          continue;
        }
      gintptr key = (gintptr) quant (z_lo, LEVEL_QUANTUM_MM);
      GTreeNode *above = g_tree_upper_bound (levels, (gconstpointer) key);
      double ref = above ? (double) (gintptr) g_tree_node_key (above) * LEVEL_QUANTUM_MM : top;
      ref = MIN (ref, top);
      double ap = ref - z_lo;
      if (ap < LEVEL_QUANTUM_MM)
        ap = LEVEL_QUANTUM_MM;
      if (fabs (m->z - start[2]) < 1e-9)
        g_tree_insert (levels, (gpointer) key, NULL);
      else
        m->flags |= arc ? CAM_MOVE_FLAG_HELIX : CAM_MOVE_FLAG_RAMP;
      if (ap > tool->loc_mm)
        {
          if (!warned_ap)
            finding (&rv, m->source_line, (gssize) i, "review-beyond-flutes",
                     "depth of cut %.4f mm beyond the flute length %.4f mm: evaluated at the flute length", ap,
                     tool->loc_mm);
          warned_ap = TRUE;
          ap = tool->loc_mm;
        }
      m->flags |= CAM_MOVE_FLAG_SLOT;
      const EvalValue *v = evaluate (&rv, CAM_CUT_SLOT, ap, feed / (rpm * tool->flutes), rpm, 0, CAM_DRILL_ENTRY_PLANNED);
      apply (&rv, i, m, v, ap, tool->d_mm);
    }
  if (!cancelled && rv.n_unspotted > UNSPOTTED_LISTED)
    finding (&rv, rv.unspotted_more_line, -1, "review-unspotted",
             "%" G_GSIZE_FORMAT " more holes not spot-drilled (from line %u on): each drill "
             "walks on entry", rv.n_unspotted - UNSPOTTED_LISTED, rv.unspotted_more_line);
  g_tree_destroy (levels);
  g_hash_table_destroy (rv.holes.cells);
  g_array_unref (rv.holes.xy);
  g_hash_table_destroy (rv.cache);
  g_hash_table_destroy (rv.seen_errors);
  if (cancelled)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "review cancelled: the moves before move %u have new numbers, "
                   "the rest their old ones", stopped_at);
      cam_gcode_review_clear (out);
      return FALSE;
    }
  return TRUE;
}

static gint
finding_cmp (gconstpointer a, gconstpointer b)
{
  const CamDiagnostic *x = a, *y = b;
  return x->line < y->line ? -1 : x->line > y->line;
}

gboolean
cam_gcode_review_run_tools (CamToolpath *tp, const CamGcodeReviewTool *tools, guint n_tools,
                            const CamTool *default_tool, const CamMaterial *mat, const CamMachine *machine,
                            const CamGcodeReviewOptions *opt_in, CamGcodeReview *out, GArray *per_tool,
                            GError **error)
{
  CamGcodeReviewOptions opt;
  if (opt_in)
    opt = *opt_in;
  else
    cam_gcode_review_options_init (&opt);
  memset (out, 0, sizeof *out);
  out->findings = cam_diagnostics_new ();
  out->min_safety_factor = INFINITY;
  out->max_deflection_move = out->min_safety_move = -1;
  guint max_findings = opt.max_findings ? opt.max_findings : 1000;
  GString *shared = g_string_new (NULL);
  guint n_shared = 0;
  for (guint t = 0; t < tp->tools->len; t++)
    {
      guint number = ((const CamToolpathTool *) g_ptr_array_index (tp->tools, t))->number;
      gboolean mapped = FALSE;
      for (guint k = 0; k < n_tools; k++)
        mapped |= tools[k].number == number;
      if (!mapped && default_tool != NULL)
        g_string_append_printf (shared, "%sT%u", n_shared++ ? ", " : "", number);
    }
  if (n_shared > 1)
    {
      cam_diagnostics_add (out->findings, CAM_SEVERITY_NOTE, 0, -1, "review-shared-tool",
                           g_strdup_printf ("%s are all evaluated with the same tool: give each its own (N=SPEC)",
                                            shared->str));
      out->n_findings++;
    }
  g_string_free (shared, TRUE);
  for (guint t = 0; t < tp->tools->len; t++)
    {
      const CamToolpathTool *pt = g_ptr_array_index (tp->tools, t);
      const CamTool *tool = default_tool;
      for (guint k = 0; k < n_tools; k++)
        if (tools[k].number == pt->number)
          tool = tools[k].tool;
      CamGcodeReview one;
      if (tool == NULL)
        {
          /* nothing to evaluate these moves with */
          memset (&one, 0, sizeof one);
          one.findings = cam_diagnostics_new ();
          one.min_safety_factor = INFINITY;
          one.max_deflection_move = one.min_safety_move = -1;
          for (guint i = 0; i < tp->moves->len; i++)
            {
              const CamMove *m = &g_array_index (tp->moves, CamMove, i);
              if (m->tool_index == t && cam_move_is_cut (m))
                one.n_other_tool++;
            }
        }
      else
        {
          opt.tool_number = 0;
          if (!review_impl (tp, tool, mat, machine, &opt, (gint) t, &one, error))
            {
              cam_gcode_review_clear (out);
              return FALSE;
            }
          /* run() counts the other tools' moves: here only this tool's matter */
          one.n_other_tool = 0;
        }
      out->n_evaluated += one.n_evaluated;
      out->n_air += one.n_air;
      out->n_other_tool += one.n_other_tool;
      if (one.max_deflection_move >= 0 && one.max_deflection_um > out->max_deflection_um)
        {
          out->max_deflection_um = one.max_deflection_um;
          out->max_deflection_move = one.max_deflection_move;
        }
      if (one.min_safety_move >= 0 && one.min_safety_factor < out->min_safety_factor)
        {
          out->min_safety_factor = one.min_safety_factor;
          out->min_safety_move = one.min_safety_move;
          out->worst_line = one.worst_line;
        }
      out->max_ra_um = MAX (out->max_ra_um, one.max_ra_um);
      if (!(out->allowed_deflection_um > 0))
        out->allowed_deflection_um = one.allowed_deflection_um;
      out->n_findings += one.n_findings;
      for (guint i = 0; i < one.findings->len && out->findings->len < max_findings; i++)
        {
          CamDiagnostic m = g_array_index (one.findings, CamDiagnostic, i);
          m.message = g_strdup_printf ("T%u: %s", pt->number, m.message);
          g_array_append_val (out->findings, m);
        }
      if (per_tool != NULL)
        g_array_append_val (per_tool, one);
      else
        cam_gcode_review_clear (&one);
    }
  g_array_sort (out->findings, finding_cmp);
  return TRUE;
}
