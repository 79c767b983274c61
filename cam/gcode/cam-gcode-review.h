/* cam-gcode-review.h — physics on every cutting move of an imported program.
 *
 * A program carries no engagement; the review finds it by cutting the stock (cam/stock/):
 *   - the stock is the box given (stock_min..stock_max, work coordinates: microcam's posts
 *     write it in the program's header, cam-gcode-header.h), else unbounded in XY between
 *     stock_bottom_z (or no bottom) and stock_top_z (work Z0 by default);
 *   - every cutting move of the program, in order and by every tool the review knows,
 *     removes from a height field of cells of the smallest tool's D/32 (at least 1 µm;
 *     coarser, with a finding, when the region cut would take more than max_stock_cells);
 *   - a milling move is evaluated at its real engagement: ae = the area it newly cuts / its
 *     XY length (capped at D), ap = the deepest material it removes below the surface, the
 *     definitions of the planner (cam/gen/cam-gen-mill.c); the engine's kind as the planner
 *     maps it (cam_gen_annotate_move): ae ≥ 0.95·D a slot, else side milling;
 *   - the cells measure ae to about ±cell · (1 + D / the move's XY length): a move beyond the
 *     deflection or breakage limit at its measured ae but not at ae minus that is at the limit
 *     within the measurement; its numbers stay the measured ones, the limit is not reported
 *     against it, and one finding ("review-resolution") counts such moves;
 *   - a move that removes nothing (above the stock, outside it, or where a tool already
 *     cleared) cuts air and is not evaluated: a plunge into a pocket a larger tool cleared is
 *     no plunge;
 *   - moves of a T number with no tool given remove nothing (their geometry is unknown);
 *     cam_gcode_review_run() sweeps every move with its one tool;
 *   - a straight plunge (Z only) into material with an end mill is reported, not evaluated;
 *     with a drill it is a drilling move to its depth below the stock top, as are canned
 *     cycles that reach material;
 *   - a drilling move is spotted when an earlier drilling move (any tool: a spot or centre
 *     drill, a pilot, an earlier peck) went into the stock within 5 µm of its XY: its point
 *     seats in that cone and only the runout bends it; otherwise it enters the flat surface
 *     and walks (cam-drill.c), and a finding names the hole with its deflection;
 *   - chip load fz = F / (S · flutes); with the spindle off or S missing the engine's
 *     recommended speed is taken, and a finding says so.
 * Each evaluated move gets ap, ae, fz, force, deflection, safety factor and Ra; every cutting
 * move the stock knows gets ap and ae (0 for air). */
#pragma once

#include "cam-cutting.h"
#include "cam-gcode-reader.h"
#include "cam-toolpath.h"

G_BEGIN_DECLS

typedef struct {
  double stock_top_z;       /* work Z of the stock top; default 0 */
  gboolean has_stock_bottom; /* stock_bottom_z known: drills below it cut air (through holes) */
  double stock_bottom_z;    /* work Z of the stock's (part's) bottom */
  double tolerance_mm;      /* feature tolerance for the allowed deflection; 0 → engine default */
  double min_safety_factor; /* 0 → engine default (2) */
  guint  max_findings;      /* 0 → 1000 */
  guint  tool_number;       /* > 0: evaluate only the moves made with this T number */
  GCancellable *cancellable; /* may be NULL; looked at every 8192 moves: FALSE with G_IO_ERROR_CANCELLED,
                              * the moves reviewed by then keep their new numbers */
  gboolean has_stock_box;   /* stock_min..stock_max known (work coordinates); its top and bottom
                             * then stand for stock_top_z and stock_bottom_z */
  double stock_min[3], stock_max[3];
  guint64 max_stock_cells;  /* cells of the stock model at most; 0 → CAM_GCODE_REVIEW_MAX_CELLS */
} CamGcodeReviewOptions;

/* 2^24 cells: 64 MiB of heights, a 25 × 25 mm region at the 6.25 µm cells of a Ø0.2 mm tool */
#define CAM_GCODE_REVIEW_MAX_CELLS (G_GUINT64_CONSTANT (1) << 24)

typedef struct {
  gsize   n_evaluated;         /* cutting moves with physics */
  gsize   n_air;               /* feeds above the stock or upwards */
  gsize   n_other_tool;        /* cutting moves of other tools (tool_number set) */
  double  max_deflection_um;   /* 0 when none evaluated */
  gssize  max_deflection_move; /* -1 when none */
  double  min_safety_factor;   /* INFINITY when none evaluated */
  gssize  min_safety_move;
  double  max_ra_um;
  guint32 worst_line;          /* source line of the lowest safety factor (0 when none) */
  double  allowed_deflection_um;
  GArray *findings;            /* of CamDiagnostic (CAM_SEVERITY_NOTE): what the engine warns about, by line */
  guint   n_findings;          /* all of them, also those past max_findings */
  double  stock_cell_mm;       /* the stock model's cell edge (0 when nothing was swept) */
  gboolean stock_coarse;       /* cells coarser than D/32 to bound memory (a finding says so) */
  double  removed_mm3;         /* material the program removes, by the stock model */
} CamGcodeReview;

void     cam_gcode_review_options_init (CamGcodeReviewOptions *opt);

/* Takes the stock box and the tolerance a program's header gives (cam-gcode-header.h, as
 * microcam's posts write them) into opt: the box unless take_stock is FALSE (the user gave a
 * stock), the tolerance unless opt->tolerance_mm is already set (> 0). */
void     cam_gcode_review_options_take_header (CamGcodeReviewOptions     *opt,
                                               const CamGcodeHeaderStock *header,
                                               gboolean                   take_stock);

/* Evaluates every cutting move of tp (in place) with the one tool given. FALSE only for
 * bad arguments; problems of single moves become findings. out is cleared first; free
 * its contents with cam_gcode_review_clear(). */
gboolean cam_gcode_review_run   (CamToolpath                 *tp,
                                 const CamTool               *tool,
                                 const CamMaterial           *mat,
                                 const CamMachine            *machine,
                                 const CamGcodeReviewOptions *opt,
                                 CamGcodeReview              *out,
                                 GError                     **error);
void     cam_gcode_review_clear (CamGcodeReview *review);

/* A tool for the moves made with T number `number`. */
typedef struct {
  guint          number;
  const CamTool *tool;
} CamGcodeReviewTool;

/* Per tool of the program: the review of its moves with the tool mapped to its T number,
 * else with default_tool (may be NULL: those moves are not evaluated and counted in
 * n_other_tool). per_tool (may be NULL) gets one CamGcodeReview per T number of the
 * program, in the order of tp->tools (free each with cam_gcode_review_clear()); out holds
 * them merged (extremes over all, findings of all, by line). opt->tool_number > 0 evaluates only
 * that T number's moves (the other tools' review is empty, their moves counted in n_other_tool);
 * every tool known still cuts the stock, so that one is judged in the material the others left. */
gboolean cam_gcode_review_run_tools (CamToolpath                 *tp,
                                     const CamGcodeReviewTool    *tools,
                                     guint                        n_tools,
                                     const CamTool               *default_tool,
                                     const CamMaterial           *mat,
                                     const CamMachine            *machine,
                                     const CamGcodeReviewOptions *opt,
                                     CamGcodeReview              *out,
                                     GArray                      *per_tool,
                                     GError                     **error);

G_END_DECLS
