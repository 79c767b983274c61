/* cam-post.h — table-driven post-processor: a CamToolpath to a G-code program.
 *
 * A controller dialect is a CamPostDialect: a table of words and capabilities plus a
 * few optional hooks for what a table cannot say. cam-post.c walks the toolpath once
 * and asks the table how to write each thing; cam-post-linuxcnc.c is the first table.
 * Adding a controller = one cam-post-NAME.c with its table (and hooks if it needs
 * them) and one line in cam_post_find(). Where a dialect has no canned cycles, cycles
 * are written as the moves the controller would make (cam_toolpath_expand_cycles()).
 */
#pragma once

#include <glib.h>

#include "cam-toolpath.h"

G_BEGIN_DECLS

typedef struct _CamPostWriter CamPostWriter;
typedef struct _CamPostDialect CamPostDialect;

/* What goes into the comment header and a few choices that are not the dialect's. */
typedef struct {
  const char *part_name;
  const char *material;        /* id and/or name */
  const char *machine;
  double      cycle_time_s;    /* NAN = leave out */
  double      min_safety_factor; /* NAN/INFINITY = leave out */
  const char *min_safety_where;  /* e.g. "op2 line …", may be NULL */
  gboolean    comments;        /* header and per-op comments */
  gboolean    line_numbers;    /* N words, step 10 */
  int         decimals;        /* 0 = dialect default */
  double      spindle_warmup_s;/* dwell after M3, 0 = none */
  double      max_rpm;         /* clamp S, 0 = none */
  const char *const *op_names; /* optional: comment per op index, NULL-terminated array */
  guint       program_number;  /* where the dialect numbers programs (Fanuc O-number): 0 = its default */
  /* What a review of the program needs to know (cam/gcode/cam-gcode-header.h reads it back). */
  gboolean    has_stock;       /* stock_min..stock_max known: the header's "stock:" line */
  double      stock_min[3], stock_max[3]; /* work coordinates */
  double      tolerance_mm;    /* the job's tolerance, "tolerance:" line; 0 = leave out */
  const char *const *unreachable; /* "F7: reason — process: micro-edm", one "unreachable" line each;
                                   * NULL-terminated, may be NULL */
} CamPostOptions;

struct _CamPostDialect {
  const char *name;            /* "linuxcnc" */
  const char *description;
  const char *extension;       /* "ngc" */
  int         decimals;        /* coordinates */
  int         feed_decimals;
  const char *program_start;   /* first line(s), e.g. "%"; NULL = none */
  const char *program_number_fmt; /* line after program_start, printf of a guint, e.g. "O%04u"; NULL = none */
  guint       program_number;  /* default number for program_number_fmt */
  const char *program_end;     /* "M30" */
  const char *program_trailer; /* after the end, e.g. "%"; NULL = none */
  const char *comment_open;    /* "(" or ";" */
  const char *comment_close;   /* ")" or "" */
  const char *safe_start;      /* "G17 G21 G40 G49 G80 G90 G94" */
  const char *rapid;           /* "G0" */
  const char *feed;            /* "G1" */
  const char *arc_cw;          /* "G2" */
  const char *arc_ccw;         /* "G3" */
  const char *dwell_fmt;       /* printf for seconds, "G4 P%.3f" */
  gboolean    canned_cycles;   /* G81/G82/G83/G73 available */
  const char *cycle_drill;     /* "G81" */
  const char *cycle_drill_dwell; /* "G82" */
  const char *cycle_peck;      /* "G83" */
  const char *cycle_chipbreak; /* "G73" */
  const char *cycle_cancel;    /* "G80" */
  const char *retract_old_z;   /* "G98" */
  const char *retract_r_plane; /* "G99" */
  gboolean    tool_change;     /* T n M6 */
  gboolean    tool_length_offset; /* G43 H n */
  const char *spindle_cw;      /* "M3" */
  const char *spindle_stop;    /* "M5" */
  const char *coolant_mist;    /* "M7" */
  const char *coolant_flood;   /* "M8" */
  const char *coolant_off;     /* "M9" */
  gboolean    modal_coordinates; /* leave out words that did not change */
  gboolean    arc_turns_p;     /* P word for extra full turns on G2/G3; else each turn is a full circle */
  gboolean    cycle_dwell_ms;  /* G82 P in milliseconds (Fanuc), else seconds (LinuxCNC) */

  /* Optional hooks; NULL = the table's default behaviour. */
  void (*header) (CamPostWriter *w, const CamToolpath *tp, const CamPostOptions *opt);
  void (*tool_change_hook) (CamPostWriter *w, const CamToolpathTool *tool, double rpm,
                            const CamPostOptions *opt);
};

/* Writer helpers for hooks. */
void  cam_post_writer_line    (CamPostWriter *w, const char *fmt, ...) G_GNUC_PRINTF (2, 3);
void  cam_post_writer_comment (CamPostWriter *w, const char *fmt, ...) G_GNUC_PRINTF (2, 3);
const CamPostDialect *cam_post_writer_dialect (CamPostWriter *w);
/* Decimals of the program's coordinates (the options' or the dialect's). */
int   cam_post_writer_decimals (CamPostWriter *w);
/* "X0.0000..20.0000 Y0.0000..15.0000 Z-3.0000..0.0000": the stock box of opt at decimals,
 * for the header's stock line (the format cam-gcode-header.h reads). */
char *cam_post_stock_text     (const CamPostOptions *opt, int decimals);

/* The dialects that ship. */
const CamPostDialect *cam_post_linuxcnc (void);
const CamPostDialect *cam_post_fanuc    (void);   /* cam-post-fanuc.c */
const CamPostDialect *cam_post_grbl     (void);   /* cam-post-grbl.c */
/* By name ("linuxcnc"); NULL when unknown. */
const CamPostDialect *cam_post_find     (const char *name);

void  cam_post_options_init (CamPostOptions *opt);

/* The text a coordinate word gets: v rounded half away from zero to `decimals` fixed decimals,
 * never "-0.000" (what printf ("%.*f") writes for the rounded value; for the tests). */
char *cam_post_format_fixed (double v, int decimals);

/* The whole program as text. Fails (CAM_ERROR_INVALID) on a non-finite coordinate or a
 * cutting move without a feed. */
char     *cam_post_generate   (const CamPostDialect *dialect,
                               const CamToolpath    *tp,
                               const CamPostOptions *opt,
                               GError              **error);

/* Generates and writes atomically (temporary file + rename): on failure the earlier
 * file, if any, is left as it was and the error names the path and the reason. The
 * program is streamed to the file, never whole in memory. */
gboolean  cam_post_write_file (const CamPostDialect *dialect,
                               const CamToolpath    *tp,
                               const CamPostOptions *opt,
                               const char           *path,
                               GError              **error);

/* The program streamed to an open file descriptor (not closed): FALSE on a toolpath that
 * cannot be written (CAM_ERROR_INVALID) or a failed write (CAM_ERROR_IO), with what was
 * written up to there left in the file. */
gboolean  cam_post_write_fd   (const CamPostDialect *dialect,
                               const CamToolpath    *tp,
                               const CamPostOptions *opt,
                               int                   fd,
                               GError              **error);

/* The first half of cam_post_write_file (): the program in a new temporary file beside path
 * ("path.XXXXXX", fsync'ed); returns its name for the caller to rename over path (several
 * programs written as one, cam-post-job.c), or NULL with the error naming path (no file left). */
char     *cam_post_write_temp (const CamPostDialect *dialect,
                               const CamToolpath    *tp,
                               const CamPostOptions *opt,
                               const char           *path,
                               GError              **error);

G_END_DECLS
