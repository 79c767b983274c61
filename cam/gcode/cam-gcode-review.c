/* cam-gcode-review.c — evaluates an imported program's cutting moves with the physics engine.
 *
 * Method (assumptions listed in cam-gcode-review.h):
 *   1. Walk the moves once, keeping the tool position. A feed or arc whose lowest point is
 *      at or above the stock top, or that goes up, cuts air.
 *   2. The stock first (sweep_program): every cutting move, in program order and with its
 *      own tool, is swept through a height field of the stock (cam/stock/, cells of the
 *      smallest tool's D/32, coarser when the region cut is large). Each move gets what it
 *      removed: ae = fresh area / XY length (capped at D), ap = the deepest material removed
 *      below the surface, and whether it touched material at all. This is the planner's
 *      engagement (cam-gen-mill.c) measured on the program itself, so a review of a program
 *      microcam planned judges the moves the planner judged, with the numbers it used.
 *   3. The engine's kind as the planner maps it (cam_gen_annotate_move): a slot when
 *      ae ≥ 0.95·D, else side milling. A move that removed nothing is air; a straight plunge
 *      is judged only where it met material.
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
 *      Unspotted holes drilled with a twist drill become findings with their deflection; holes
 *      spotted by a spot drill sharper than the twist drill's point (a 90° spot for a 140° drill:
 *      the drill's corners meet the dimple's rim first and chip) one finding with their count.
 *   6. cam_cutting_evaluate() gives force, deflection, safety factor and Ra. Moves with
 *      the same (op, ap, ae, fz, rpm, depth, entry) share one evaluation (a hash table; ap
 *      and ae quantised to 0.1 µm and evaluated at the quantised values, as the planner's
 *      cache does), so a long program costs about one engine call per distinct condition.
 *   7. Resolution: the cells measure a move's fresh area to about one cell along its
 *      boundary, so its ae to ±cell · (1 + D / XY length): a few % on a long cut, nothing
 *      on a move of a few µm. A move beyond the deflection or breakage limit at its measured
 *      ae but within it at ae − that resolution is at the limit within the measurement (a
 *      plan that keeps its limits exactly lands there): its numbers stay the measured ones,
 *      the limit is not reported against it, and one finding counts such moves.
 * Engine warnings become findings at the first line where each one appears, with the
 * number of moves it applies to.
 */
#include "cam-gcode-review.h"

#include "cam-drill.h"
#include "cam-stock-sweep.h"

#include <math.h>
#include <string.h>

#include "cam-error.h"

#define ENGAGE_QUANTUM_MM 1e-4 /* ap and ae of the cache, the planner's 0.1 µm */
#define SLOT_AE_FRACTION 0.95  /* cam_gen_annotate_move: ae ≥ 0.95·D is a slot */
/* the flags this review sets on a move; cleared before each review sets them again */
#define REVIEW_FLAGS (CAM_MOVE_FLAG_AIR | CAM_MOVE_FLAG_PLUNGE | CAM_MOVE_FLAG_SLOT | CAM_MOVE_FLAG_RAMP \
                      | CAM_MOVE_FLAG_HELIX)
#define SPOT_TOLERANCE_MM 0.005 /* a spot this close to the hole's axis seats the drill's point */
#define UNSPOTTED_LISTED 10     /* unspotted holes named one by one; the rest are counted */

typedef struct {
  gint64 op, ap, ae, fz, rpm, depth, entry;
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
  for (int i = 0; i < 7; i++)
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
  double spot_angle; /* point angle of the spot drill that made it; 0: not a spot drill, or unknown */
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

static const HoleXY *
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
          return p;
        k = p->next;
      }
  return NULL;
}

static void
holes_add (Holes *holes, double x, double y, double spot_angle)
{
  const double cell = 2.0 * SPOT_TOLERANCE_MM;
  gpointer key = cell_key ((gint64) floor (x / cell), (gint64) floor (y / cell));
  HoleXY p = { x, y, spot_angle, GPOINTER_TO_UINT (g_hash_table_lookup (holes->cells, key)) };
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
  gsize n_sharp_spot;       /* holes spotted sharper than the drill's point (method 5) */
  guint32 sharp_spot_line;
  double sharp_spot_angle;
  gsize n_unresolved;       /* method 7 */
  guint32 unresolved_line;
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
cam_gcode_review_options_take_header (CamGcodeReviewOptions *opt, const CamGcodeHeaderStock *header,
                                      gboolean take_stock)
{
  if (take_stock && header->has_stock)
    {
      opt->has_stock_box = TRUE;
      memcpy (opt->stock_min, header->stock_min, sizeof opt->stock_min);
      memcpy (opt->stock_max, header->stock_max, sizeof opt->stock_max);
    }
  if (!(opt->tolerance_mm > 0) && header->tolerance_line > 0)
    opt->tolerance_mm = header->tolerance_mm;
}

void
cam_gcode_review_clear (CamGcodeReview *review)
{
  g_clear_pointer (&review->findings, g_array_unref);
}

static const EvalValue *
evaluate (Review *rv, CamCutKind op, double ap, double ae, double fz, double rpm, double depth, CamDrillEntry entry)
{
  EvalKey key = { op, quant (ap, ENGAGE_QUANTUM_MM), quant (ae, ENGAGE_QUANTUM_MM), quant (fz, 1e-9),
                  quant (rpm, 1e-3), quant (depth, 1e-7), entry };
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
      /* at the cache's quantised values, so every move of the key gets the same answer */
      eng.ap_mm = MAX ((double) key.ap * ENGAGE_QUANTUM_MM, ENGAGE_QUANTUM_MM);
      eng.ae_mm = MAX ((double) key.ae * ENGAGE_QUANTUM_MM, ENGAGE_QUANTUM_MM);
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
apply (Review *rv, gsize i, CamMove *m, const EvalValue *v, double ap, double ae, guint unresolved)
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
  /* each warning once, at the first move it applies to; limits the cells cannot resolve
   * (method 7) are not this move's */
  guint fresh = v->warnings & ~unresolved & ~rv->seen_warnings;
  if (fresh != 0)
    {
      rv->seen_warnings |= fresh;
      CamCutResult r = *v->full;
      r.warnings = fresh;
      g_autoptr (GPtrArray) words = cam_cut_result_warnings (&r, rv->tool, rv->mat, rv->machine);
      for (guint k = 0; k < words->len; k++)
        finding (rv, m->source_line, (gssize) i, "review-engine", "%s", (const char *) g_ptr_array_index (words, k));
    }
}

/* A drilling move to depth below the stock top, spotted or not (method 5). An unspotted hole
 * drilled with a twist drill is a finding with the walking deflection beside the seated one. */
static void
drill_move (Review *rv, gsize i, CamMove *m, double fz, double rpm, double depth, const HoleXY *spot)
{
  gboolean spotted = spot != NULL;
  const EvalValue *v = evaluate (rv, CAM_CUT_DRILL, 0, 0, fz, rpm, depth,
                                 spotted ? CAM_DRILL_ENTRY_SPOTTED : CAM_DRILL_ENTRY_FLAT);
  apply (rv, i, m, v, depth, rv->tool->d_mm, 0);
  /* a spot sharper than the drill's point: the drill's corners meet the dimple's rim first and
   * chip (cam-drill.c, spot first) — counted, one finding at the end */
  if (spotted && rv->tool->kind == CAM_TOOL_DRILL && spot->spot_angle > 0
      && spot->spot_angle < rv->tool->point_angle_deg - 1e-9 && rv->n_sharp_spot++ == 0)
    {
      rv->sharp_spot_line = m->source_line;
      rv->sharp_spot_angle = spot->spot_angle;
    }
  if (spotted || !v->ok || rv->tool->kind != CAM_TOOL_DRILL)
    return;
  if (++rv->n_unspotted > UNSPOTTED_LISTED)
    {
      if (rv->n_unspotted == UNSPOTTED_LISTED + 1)
        rv->unspotted_more_line = m->source_line;
      return;
    }
  const EvalValue *seated = evaluate (rv, CAM_CUT_DRILL, 0, 0, fz, rpm, depth, CAM_DRILL_ENTRY_SPOTTED);
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

/* ---- the stock (method 2) ---- */

typedef struct {
  double cell_mm;
  gboolean coarse;
  gboolean saturated;
  double removed_mm3;
  const CamTool *const *tools;   /* by CamMove.tool_index (NULL: unknown), n_tools of them */
  guint n_tools;
} Swept;

/* The stock box the options give, in work coordinates: the box, or unbounded XY between the
 * bottom (or none) and the top. */
static void
stock_box (const CamGcodeReviewOptions *opt, double min[3], double max[3])
{
  if (opt->has_stock_box)
    {
      memcpy (min, opt->stock_min, 3 * sizeof (double));
      memcpy (max, opt->stock_max, 3 * sizeof (double));
      return;
    }
  min[0] = min[1] = -INFINITY;
  max[0] = max[1] = INFINITY;
  max[2] = opt->stock_top_z;
  min[2] = opt->has_stock_bottom ? opt->stock_bottom_z : -INFINITY;
}

static void
grow (double lo[2], double hi[2], double x, double y, double r)
{
  lo[0] = MIN (lo[0], x - r), lo[1] = MIN (lo[1], y - r);
  hi[0] = MAX (hi[0], x + r), hi[1] = MAX (hi[1], y + r);
}

/* Sweeps every cutting move of tp whose tool_index has a tool in by_index (n entries, NULL:
 * unknown, removes nothing) through the stock, in program order, and leaves on each swept move
 * ap_mm and ae_mm (0 and CAM_MOVE_FLAG_AIR when it removed nothing). FALSE when cancelled. */
static gboolean
sweep_program (CamToolpath *tp, const CamTool *const *by_index, guint n, const CamGcodeReviewOptions *opt,
               Swept *out, GError **error)
{
  memset (out, 0, sizeof *out);
  out->tools = by_index;
  out->n_tools = n;
  double bmin[3], bmax[3];
  stock_box (opt, bmin, bmax);
  /* the cells: the smallest tool's D/32, coarser if the region the program cuts (within the
   * box) would take more than the cap */
  double d_min = INFINITY;
  for (guint k = 0; k < n; k++)
    if (by_index[k] != NULL)
      d_min = MIN (d_min, by_index[k]->d_mm);
  if (!isfinite (d_min))
    return TRUE;
  double lo[2] = { INFINITY, INFINITY }, hi[2] = { -INFINITY, -INFINITY };
  double pos[3];
  memcpy (pos, tp->start, sizeof pos);
  for (guint i = 0; i < tp->moves->len; i++)
    {
      const CamMove *m = &g_array_index (tp->moves, CamMove, i);
      const CamTool *t = m->tool_index < n ? by_index[m->tool_index] : NULL;
      if (t != NULL && cam_move_is_cut (m) && MIN (pos[2], m->z) < bmax[2])
        {
          double r = t->d_mm / 2;
          grow (lo, hi, pos[0], pos[1], r);
          grow (lo, hi, m->x, m->y, r);
          if (m->type == CAM_MOVE_ARC_CW || m->type == CAM_MOVE_ARC_CCW)
            grow (lo, hi, m->cx, m->cy, hypot (pos[0] - m->cx, pos[1] - m->cy) + r);
        }
      pos[0] = m->x, pos[1] = m->y, pos[2] = m->z;
      if (m->type == CAM_MOVE_CYCLE)
        pos[2] = m->retract == CAM_RETRACT_R_PLANE ? m->r_z : MAX (pos[2], m->r_z);
    }
  double area = 0;
  if (lo[0] <= hi[0])
    {
      double w = MIN (hi[0], bmax[0]) - MAX (lo[0], bmin[0]), h = MIN (hi[1], bmax[1]) - MAX (lo[1], bmin[1]);
      area = MAX (w, 0) * MAX (h, 0);
    }
  guint64 cap = opt->max_stock_cells ? opt->max_stock_cells : CAM_GCODE_REVIEW_MAX_CELLS;
  out->cell_mm = cam_stock_cell_size (d_min, area, cap, &out->coarse);
  /* the stock's own cap leaves room for the tiles the region's edges cut across */
  g_autoptr (CamStock) stock = cam_stock_new (bmin, bmax, out->cell_mm, 2 * cap + 4 * CAM_STOCK_TILE * CAM_STOCK_TILE);
  if (stock == NULL)
    {
      out->cell_mm = 0;
      return TRUE; /* a stock of no volume: nothing to sweep, every move is judged as air below */
    }
  g_autofree CamStockCutter *cutters = g_new0 (CamStockCutter, MAX (n, 1));
  for (guint k = 0; k < n; k++)
    if (by_index[k] != NULL)
      cam_stock_cutter_init (&cutters[k], by_index[k]);
  memcpy (pos, tp->start, sizeof pos);
  for (guint i = 0; i < tp->moves->len; i++)
    {
      /* as often as the review itself looks */
      if ((i & 8191u) == 0 && opt->cancellable != NULL && g_cancellable_is_cancelled (opt->cancellable))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "review cancelled while cutting the stock");
          return FALSE;
        }
      CamMove *m = &g_array_index (tp->moves, CamMove, i);
      double start[3];
      memcpy (start, pos, sizeof start);
      pos[0] = m->x, pos[1] = m->y, pos[2] = m->z;
      if (m->type == CAM_MOVE_CYCLE)
        pos[2] = m->retract == CAM_RETRACT_R_PLANE ? m->r_z : MAX (start[2], m->r_z);
      if (!cam_move_is_cut (m) || m->tool_index >= n || by_index[m->tool_index] == NULL)
        continue;
      const CamStockCutter *c = &cutters[m->tool_index];
      CamStockCut cut;
      const double end[3] = { m->x, m->y, m->z };
      if (m->type == CAM_MOVE_CYCLE)
        {
          /* down from where the controller starts the feed: the R plane or the height above it */
          const double top[3] = { m->x, m->y, MAX (start[2], m->r_z) };
          cam_stock_sweep_line (stock, c, top, end, &cut);
        }
      else if (m->type == CAM_MOVE_ARC_CW || m->type == CAM_MOVE_ARC_CCW)
        cam_stock_sweep_arc (stock, c, start, end, m->cx, m->cy, cam_move_arc_sweep (m, start), &cut);
      else
        cam_stock_sweep_line (stock, c, start, end, &cut);
      m->flags &= ~(guint32) REVIEW_FLAGS;
      m->ap_mm = (float) cut.ap_mm;
      m->ae_mm = (float) cut.ae_mm;
      if (!cut.cut)
        m->flags |= CAM_MOVE_FLAG_AIR;
      out->removed_mm3 += cut.volume_mm3;
    }
  out->saturated = cam_stock_saturated (stock);
  return TRUE;
}

/* What the stock model could not do as asked (program-wide findings). */
static void
stock_findings (const Swept *swept, GArray *findings, guint *n_findings, guint max_findings)
{
  if (swept->coarse)
    {
      (*n_findings)++;
      if (findings->len < max_findings)
        cam_diagnostics_add (findings, CAM_SEVERITY_NOTE, 0, -1, "review-stock-coarse",
                             g_strdup_printf ("the region cut is large: the stock model's cells are %.1f µm, coarser "
                                              "than 1/32 of the smallest tool, so ae and ap are resolved to %.1f µm",
                                              swept->cell_mm * 1000, swept->cell_mm * 1000));
    }
  if (swept->saturated)
    {
      (*n_findings)++;
      if (findings->len < max_findings)
        cam_diagnostics_add (findings, CAM_SEVERITY_NOTE, 0, -1, "review-stock-capped",
                             g_strdup ("the stock model reached its cell cap: where it has no cells the material is "
                                       "taken as uncut (the engagement there is overstated)"));
    }
}

static gboolean review_impl (CamToolpath *tp, const CamTool *tool, const CamMaterial *mat,
                             const CamMachine *machine, const CamGcodeReviewOptions *opt, gint tool_index,
                             const Swept *swept, CamGcodeReview *out, GError **error);

gboolean
cam_gcode_review_run (CamToolpath *tp, const CamTool *tool, const CamMaterial *mat, const CamMachine *machine,
                      const CamGcodeReviewOptions *opt, CamGcodeReview *out, GError **error)
{
  g_return_val_if_fail (tp != NULL && tool != NULL && out != NULL, FALSE);
  CamGcodeReviewOptions defaults;
  cam_gcode_review_options_init (&defaults);
  if (opt == NULL)
    opt = &defaults;
  /* every move cuts the stock with the one tool given, as it is evaluated with it */
  guint n = MAX (tp->tools->len, 1);
  g_autofree const CamTool **by_index = g_new (const CamTool *, n);
  for (guint k = 0; k < n; k++)
    by_index[k] = tool;
  Swept swept;
  if (!sweep_program (tp, by_index, n, opt, &swept, error))
    {
      memset (out, 0, sizeof *out);
      return FALSE;
    }
  return review_impl (tp, tool, mat, machine, opt, -1, &swept, out, error);
}

/* tool_index ≥ 0: only the moves with that CamMove.tool_index (as well as opt->tool_number).
 * The moves were swept through the stock first (sweep_program). */
static gboolean
review_impl (CamToolpath *tp, const CamTool *tool, const CamMaterial *mat, const CamMachine *machine,
             const CamGcodeReviewOptions *opt_in, gint tool_index, const Swept *swept, CamGcodeReview *out,
             GError **error)
{
  g_return_val_if_fail (tp != NULL && tool != NULL && mat != NULL && machine != NULL && out != NULL, FALSE);
  CamGcodeReviewOptions opt_local;
  if (opt_in)
    opt_local = *opt_in;
  else
    cam_gcode_review_options_init (&opt_local);
  if (opt_local.has_stock_box)
    {
      /* the box's top and bottom are the stock's: for the drilling depths as for the sweeps */
      opt_local.stock_top_z = opt_local.stock_max[2];
      opt_local.has_stock_bottom = isfinite (opt_local.stock_min[2]);
      opt_local.stock_bottom_z = opt_local.stock_min[2];
    }
  const CamGcodeReviewOptions *opt = &opt_local;
  memset (out, 0, sizeof *out);
  out->findings = cam_diagnostics_new ();
  out->min_safety_factor = INFINITY;
  out->max_deflection_move = out->min_safety_move = -1;
  out->stock_cell_mm = swept->cell_mm;
  out->stock_coarse = swept->coarse;
  out->removed_mm3 = swept->removed_mm3;
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
  if (tool_index < 0)
    stock_findings (swept, out->findings, &out->n_findings, rv.max_findings);
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
      const HoleXY *spot = hole ? holes_near (&rv.holes, m->x, m->y) : NULL;
      gboolean spotted = spot != NULL;
      if (hole && !spotted)
        {
          /* the tool that made it: a spot drill's point angle seats the next drill or chips it */
          const CamTool *mt = swept->tools != NULL && m->tool_index < swept->n_tools ? swept->tools[m->tool_index]
                                                                                    : NULL;
          holes_add (&rv.holes, m->x, m->y, mt != NULL && mt->kind == CAM_TOOL_SPOT ? mt->point_angle_deg : 0.0);
        }
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
      /* this review's numbers replace any earlier review's */
      m->fz_mm = m->force_n = m->deflection_um = m->safety_factor = m->ra_um = NAN;
      double feed = m->feed_mm_min;
      if (!(isfinite (feed) && feed > 0))
        {
          if (!warned_feed)
            finding (&rv, m->source_line, (gssize) i, "review-no-feed",
                     "cutting move without a feed rate: not evaluated");
          warned_feed = TRUE;
          continue;
        }
      /* method 2: what the move removed from the stock */
      if (m->flags & CAM_MOVE_FLAG_AIR)
        {
          out->n_air++;
          continue;
        }
      double rpm = move_rpm (&rv, i, m, &warned_rpm);
      if (m->type == CAM_MOVE_CYCLE)
        {
          drill_move (&rv, i, m, feed / (rpm * tool->flutes), rpm, top - m->z, spot);
          continue;
        }
      double z_lo = MIN (start[2], m->z);
      double dxy = hypot (m->x - start[0], m->y - start[1]);
      gboolean arc = m->type == CAM_MOVE_ARC_CW || m->type == CAM_MOVE_ARC_CCW;
      if (!arc && dxy < 1e-6)
        {
          /* straight plunge, into material (method 3) */
          m->flags |= CAM_MOVE_FLAG_PLUNGE;
          if (is_mill)
            {
              if (!warned_plunge)
                finding (&rv, m->source_line, (gssize) i, "review-plunge",
                         "straight plunge into material with a Ø%.3g mm end mill to Z%.4f (%.4f mm into it): micro "
                         "end mills should enter by helix or ramp (plunges are not evaluated)", tool->d_mm, m->z,
                         (double) m->ap_mm);
              warned_plunge = TRUE;
              continue;
            }
          drill_move (&rv, i, m, feed / (rpm * tool->flutes), rpm, top - z_lo, spot);
          continue;
        }
      double ap = MAX ((double) m->ap_mm, ENGAGE_QUANTUM_MM);
      double ae = MAX ((double) m->ae_mm, ENGAGE_QUANTUM_MM);
      if (fabs (m->z - start[2]) >= 1e-9)
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
      CamCutKind kind = ae >= SLOT_AE_FRACTION * tool->d_mm ? CAM_CUT_SLOT : CAM_CUT_SIDE;
      if (kind == CAM_CUT_SLOT)
        m->flags |= CAM_MOVE_FLAG_SLOT;
      double fz = feed / (rpm * tool->flutes);
      const EvalValue *v = evaluate (&rv, kind, ap, ae, fz, rpm, 0, CAM_DRILL_ENTRY_PLANNED);
      /* method 7: a limit counts as broken when it is broken at the smallest ae the cells allow */
      guint unresolved = 0;
      const guint limits = CAM_CUT_WARN_DEFLECTION | CAM_CUT_WARN_BREAKAGE;
      if (v->ok && (v->warnings & limits) && swept->cell_mm > 0)
        {
          double lxy = arc ? fabs (cam_move_arc_sweep (m, start)) * hypot (start[0] - m->cx, start[1] - m->cy) : dxy;
          double ae_lo = ae - swept->cell_mm * (1 + tool->d_mm / MAX (lxy, 1e-9));
          CamCutKind kind_lo = ae_lo >= SLOT_AE_FRACTION * tool->d_mm ? CAM_CUT_SLOT : CAM_CUT_SIDE;
          const EvalValue *lo = evaluate (&rv, kind_lo, ap, MAX (ae_lo, ENGAGE_QUANTUM_MM), fz, rpm, 0,
                                          CAM_DRILL_ENTRY_PLANNED);
          unresolved = lo->ok ? v->warnings & limits & ~lo->warnings : 0;
          if (unresolved != 0 && rv.n_unresolved++ == 0)
            rv.unresolved_line = m->source_line;
        }
      apply (&rv, i, m, v, ap, ae, unresolved);
    }
  if (!cancelled && rv.n_unresolved > 0)
    finding (&rv, rv.unresolved_line, -1, "review-resolution",
             "%" G_GSIZE_FORMAT " move%s (from line %u on) at a limit by less than the stock model resolves "
             "(ae to ±%.1f µm · (1 + D/length)): within the measurement, not reported as beyond it",
             rv.n_unresolved, rv.n_unresolved == 1 ? "" : "s", rv.unresolved_line, swept->cell_mm * 1000);
  if (!cancelled && rv.n_sharp_spot > 0)
    finding (&rv, rv.sharp_spot_line, -1, "review-spot-angle",
             "%" G_GSIZE_FORMAT " hole%s (from line %u on) spotted with a %.0f° spot drill, sharper than this %.0f° drill: "
             "its corners meet the dimple's rim first and chip; spot with %.0f° or more",
             rv.n_sharp_spot, rv.n_sharp_spot == 1 ? "" : "s", rv.sharp_spot_line, rv.sharp_spot_angle,
             tool->point_angle_deg, tool->point_angle_deg);
  if (!cancelled && rv.n_unspotted > UNSPOTTED_LISTED)
    finding (&rv, rv.unspotted_more_line, -1, "review-unspotted",
             "%" G_GSIZE_FORMAT " more holes not spot-drilled (from line %u on): each drill "
             "walks on entry", rv.n_unspotted - UNSPOTTED_LISTED, rv.unspotted_more_line);
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
  /* the stock first, by every tool known, in program order: a tool's engagement depends on
   * what the tools before it left (method 2) */
  guint n_index = MAX (tp->tools->len, 1);
  g_autofree const CamTool **by_index = g_new0 (const CamTool *, n_index);
  for (guint t = 0; t < tp->tools->len; t++)
    {
      guint number = ((const CamToolpathTool *) g_ptr_array_index (tp->tools, t))->number;
      by_index[t] = default_tool;
      for (guint k = 0; k < n_tools; k++)
        if (tools[k].number == number)
          by_index[t] = tools[k].tool;
    }
  Swept swept;
  if (!sweep_program (tp, by_index, n_index, &opt, &swept, error))
    {
      cam_gcode_review_clear (out);
      return FALSE;
    }
  out->stock_cell_mm = swept.cell_mm;
  out->stock_coarse = swept.coarse;
  out->removed_mm3 = swept.removed_mm3;
  stock_findings (&swept, out->findings, &out->n_findings, max_findings);
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
  /* only one T number evaluated: the others still cut the stock (above), not judged here */
  const guint only = opt.tool_number;
  opt.tool_number = 0;
  for (guint t = 0; t < tp->tools->len; t++)
    {
      const CamToolpathTool *pt = g_ptr_array_index (tp->tools, t);
      const CamTool *tool = default_tool;
      for (guint k = 0; k < n_tools; k++)
        if (tools[k].number == pt->number)
          tool = tools[k].tool;
      CamGcodeReview one;
      if (tool == NULL || (only > 0 && pt->number != only))
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
          if (!review_impl (tp, tool, mat, machine, &opt, (gint) t, &swept, &one, error))
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
