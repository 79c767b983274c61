/* render-toolpath.h — a CamToolpath as coloured line layers, with its legend.
 *
 * Overlays colour each move by: its operation, its type (rapid, feed, arc, entry, finish,
 * cycle, link), its feed (mm/min), the tool deflection (µm, against the allowed value from
 * the feature tolerance), the predicted Ra (µm, against the finish target) or the breakage
 * safety factor. Rapids go to their own (dashed) layer; canned cycles are drawn as the
 * controller runs them; arcs as polylines within 1 µm. Positions are converted from work
 * to model coordinates (+ work offset) so the path sits on the part.
 *
 * Usage (main thread, or build in a thread and add to the view afterwards):
 *   RenderToolpathLegend legend;
 *   render_toolpath_legend (job->toolpath, RENDER_OVERLAY_DEFLECTION, job->tolerance_mm,
 *                           job->finish_ra_um, &legend);
 *   render_toolpath_fill (job->toolpath, job->work_offset, RENDER_OVERLAY_DEFLECTION, &legend,
 *                         G_MAXSIZE, cuts, rapids);   // G_MAXSIZE: all moves (playback: fewer)
 * and draw the legend's stops (colour, label) with the unit next to the view.
 */
#pragma once

#include "cam-toolpath.h"
#include "render-lines.h"

G_BEGIN_DECLS

typedef enum {
  RENDER_OVERLAY_OPERATION,
  RENDER_OVERLAY_TYPE,
  RENDER_OVERLAY_FEED,
  RENDER_OVERLAY_DEFLECTION,
  RENDER_OVERLAY_FINISH,
  RENDER_OVERLAY_SAFETY,
} RenderOverlay;

/* "operation", "type", "feed", "deflection", "finish", "safety" (the --overlay words). */
const char *render_overlay_to_string   (RenderOverlay overlay);
gboolean    render_overlay_from_string (const char *s, RenderOverlay *out);

#define RENDER_TOOLPATH_MAX_STOPS 10

typedef struct {
  RenderOverlay overlay;
  char   title[48];        /* "Tool deflection" */
  char   unit[16];         /* "µm" */
  gboolean categorical;    /* TRUE: stops are categories; FALSE: a continuous scale */
  guint  n_stops;
  double value[RENDER_TOOLPATH_MAX_STOPS];    /* scale: increasing values at the stops */
  float  rgba[RENDER_TOOLPATH_MAX_STOPS][4];
  char   label[RENDER_TOOLPATH_MAX_STOPS][40];
  double limit;            /* the value that matters (allowed deflection, Ra target, min SF), or NAN */
} RenderToolpathLegend;

/* The scale for an overlay over this toolpath (feed range from its moves, deflection
 * against 0.5 × tolerance, Ra against finish_ra_um, safety against 2). */
void  render_toolpath_legend (const CamToolpath *tp, RenderOverlay overlay, double tolerance_mm,
                              double finish_ra_um, RenderToolpathLegend *out);

/* The colour of one move (rapids and moves without the overlay's number: grey). */
void  render_toolpath_colour (const CamMove *m, const RenderToolpathLegend *legend, float rgba[4]);

/* Adds the first max_moves moves (programmed moves; cycles expanded) to cuts and rapids.
 * Returns the number of segments added. */
gsize render_toolpath_fill   (const CamToolpath *tp, const double work_offset[3], RenderOverlay overlay,
                              const RenderToolpathLegend *legend, gsize max_moves,
                              RenderLines *cuts, RenderLines *rapids);

/* The same with one operation in focus (the one selected in a list): moves of op_index
 * focus_op keep their colours, the others are dimmed (render_toolpath_dim); G_MAXUINT: none. */
gsize render_toolpath_fill_focus (const CamToolpath *tp, const double work_offset[3], RenderOverlay overlay,
                                  const RenderToolpathLegend *legend, gsize max_moves, guint focus_op,
                                  RenderLines *cuts, RenderLines *rapids);
/* Fades a colour to context: greyed and mostly transparent. */
void  render_toolpath_dim    (float rgba[4]);
/* Adds move index alone (a cycle expanded, an arc chorded) in one colour, e.g. the picked move
 * on a layer drawn on top. Returns the number of segments added (0 past the end). */
gsize render_toolpath_fill_move (const CamToolpath *tp, const double work_offset[3], gsize index,
                                 const float rgba[4], RenderLines *lines);

/* One line about a move for a tooltip: "G1 F118 mm/min · ap 0.050 ae 0.021 mm · fz 1.2 µm ·
 * 0.31 N · 2.1 µm · SF 4.2 · Ra 0.31 µm" (numbers that are unknown are left out). */
char *render_toolpath_describe_move (const CamMove *m);

/* Index of the move whose path passes closest to the model-space point p (for picking:
 * pass the point under the mouse on the part), or -1 for an empty toolpath. */
gssize render_toolpath_nearest_move (const CamToolpath *tp, const double work_offset[3], const double p[3]);

G_END_DECLS
