/* cam-gcode-review.h — physics on every cutting move of an imported program.
 *
 * A program from elsewhere carries no engagement, so the review assumes (and says):
 *   - the stock top is at stock_top_z (work Z0 by default): feeds above it cut air;
 *   - ap of a milling move = depth of its lowest point below the nearest Z level already
 *     cut before it by a horizontal cutting move (or below the stock top): step-down
 *     levels are taken as having cleared the material above them;
 *   - ae = D (full slot) for every milling move: without the stock the material left is
 *     unknown and the slot is the heaviest engagement, so the deflection is an upper bound
 *     and the safety factor a lower bound for the programmed feed and speed;
 *   - a straight plunge (Z only) with an end mill is reported, not evaluated; with a drill
 *     it is a drilling move to its depth below the stock top, as are canned cycles;
 *   - a drilling move is spotted when an earlier drilling move (any tool: a spot or centre
 *     drill, a pilot, an earlier peck) went into the stock within 5 µm of its XY: its point
 *     seats in that cone and only the runout bends it; otherwise it enters the flat surface
 *     and walks (cam-drill.c), and a finding names the hole with its deflection;
 *   - chip load fz = F / (S · flutes); with the spindle off or S missing the engine's
 *     recommended speed is taken, and a finding says so.
 * Each evaluated move gets ap, ae, fz, force, deflection, safety factor and Ra. */
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
} CamGcodeReviewOptions;

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
} CamGcodeReview;

void     cam_gcode_review_options_init (CamGcodeReviewOptions *opt);

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
 * them merged (extremes over all, findings of all, by line). opt->tool_number is ignored. */
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
