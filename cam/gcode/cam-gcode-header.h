/* cam-gcode-header.h — what a program's header comments say: its tools, stock and tolerance.
 *
 * microcam's posts open every program with comments (cam/post/cam-post.c, default_header; the
 * Fanuc and grbl headers write the stock and tolerance lines too, in capitals for Fanuc):
 *
 *   (T2: drill-0.2-long drill Ø0.200 z2 loc 3.000 carbide)
 *   (stock: X0.0000..20.0000 Y0.0000..15.0000 Z-3.0000..0.0000 work)
 *   (tolerance: ±0.0100 mm)
 *   (unreachable F7: no drill or end mill makes Ø0.100 × 1.5 mm — process: micro-edm)
 *
 * Tool: "T<number>:" then the tool's library id up to the first space or ')'.
 * Stock: the word "stock" (any case), an optional ':', then X, Y and Z ranges "A<min>..<max>" in
 *   that order, in the program's (work) coordinates, mm; words after them ("work") are free.
 *   Each min must be below its max. It is the box the program cuts, for the review's stock
 *   model (cam-gcode-review.h).
 * Tolerance: the word "tolerance" (any case), an optional ':', an optional "±", "+-" or "+/-",
 *   the number (mm, > 0), an optional "mm".
 * Unreachable lines are for people (the features the plan could not make and the process that
 *   can); nothing reads them back.
 * Reading those back lets a program microcam wrote be reviewed with its own tools, stock and
 * tolerance and no options (`check`, the app's G-code page). Only the program's leading lines
 * count (before its first word, a Fanuc program number alone excepted: the header, not a comment
 * somewhere in the body); the ids are as
 * written, whether they are in the library is the caller's question. A comment must close on
 * its line with nothing after it. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  guint    number;    /* the T number */
  char    *tool_id;   /* the library id as written */
  guint32  line;      /* 1-based line of the comment */
} CamGcodeHeaderTool;

/* One line [p, end) without its newline: TRUE with number and a new *tool_id when it is a
 * "(T<n>: ID …)" comment alone on its line (spaces around allowed, 'T' in either case). */
gboolean cam_gcode_header_tool_parse (const char *p,
                                      const char *end,
                                      guint      *number,
                                      char      **tool_id);

/* The stock and tolerance a header gives (the first line of each kind counts). */
typedef struct {
  gboolean has_stock;
  double   stock_min[3], stock_max[3]; /* work coordinates, mm */
  guint32  stock_line;                 /* 1-based, 0 when none */
  double   tolerance_mm;               /* 0 when none */
  guint32  tolerance_line;
} CamGcodeHeaderStock;

/* One line [p, end): TRUE with the box when it is a "(stock: X…..… Y…..… Z…..…)" comment. */
gboolean cam_gcode_header_stock_parse     (const char *p,
                                           const char *end,
                                           double      min[3],
                                           double      max[3]);
/* One line [p, end): TRUE with the tolerance (mm) when it is a "(tolerance: ±0.01 mm)" comment. */
gboolean cam_gcode_header_tolerance_parse (const char *p,
                                           const char *end,
                                           double     *tolerance_mm);
/* One leading line of a program: a tool comment is appended to tools (CamGcodeHeaderTool), a
 * stock or tolerance comment fills what *stock lacks so far; other lines change nothing. */
void     cam_gcode_header_read_line       (const char          *p,
                                           const char          *end,
                                           guint32              line,
                                           GArray              *tools,
                                           CamGcodeHeaderStock *stock);

/* An array of CamGcodeHeaderTool whose clear function frees tool_id. */
GArray  *cam_gcode_header_tools_new  (void);

G_END_DECLS
