/* cam-gcode-header.h — the tools a program's header comments name.
 *
 * microcam's posts open every program with comments, one a tool (cam/post/cam-post.c,
 * default_header):
 *
 *   (T2: drill-0.2-long drill Ø0.200 z2 loc 3.000 carbide)
 *
 * "T<number>:" then the tool's library id up to the first space or ')'. Reading those back lets
 * a program microcam wrote be reviewed with its own tools and no tool options (`check`, the
 * app's G-code page). Only the program's leading lines count (before its first word: the
 * header, not a comment somewhere in the body); the ids are as written, whether they are in
 * the library is the caller's question. */
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

/* An array of CamGcodeHeaderTool whose clear function frees tool_id. */
GArray  *cam_gcode_header_tools_new  (void);

G_END_DECLS
