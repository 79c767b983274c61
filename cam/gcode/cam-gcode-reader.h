/* cam-gcode-reader.h — a G-code program (common RS274/NGC dialect) into a CamToolpath.
 *
 * For reviewing programs written elsewhere: every move keeps the 1-based line it comes
 * from (CamMove.source_line). Understood:
 *   G0 G1 G2 G3 (IJK or R, P turns), G4 P (or Fanuc G04 X) dwell in seconds, G17 G18 G19, G20 G21, G90 G91, G90.1 G91.1,
 *   G81 G82 G83 G73 with G98/G99 and R Q P L, G80, F, S, T, M6, M3 M4 M5, M7 M8 M9,
 *   G43 H / G49 (tool length offsets taken as zero), G28 (home taken as X0 Y0 Z0),
 *   G40 G54–G59 G61 G64 G94 G97 (no effect on the path), comments ( ) and ;, line numbers N,
 *   % lines, O-words (program numbers), block delete '/', M0 M1, M2/M30 (end: rest ignored).
 * Arcs in G17 stay arcs (absolute centre, true helical length); arcs in G18/G19 become
 * chords of at most 1° within 1 µm (the toolpath model's arcs are XY arcs), so their length
 * is within 1.3·10⁻⁵ of the true one. Canned cycles become CAM_MOVE_CYCLE moves (one per hole, L repeats
 * expanded) with LinuxCNC semantics; cam_toolpath_expand_cycles() gives the controller's
 * moves. Everything is converted to mm and mm/min.
 *
 * Errors (the controller would stop: bad number, arc that does not close, cycle without R,
 * full circle given by R …) and warnings (words and codes that are ignored: A/B/C axes,
 * cutter compensation, unknown G/M codes …) are collected as CamDiagnostic (severity, line,
 * code "gcode-syntax", "gcode-error" or "gcode-ignored", message); the reading
 * goes on after either, skipping the line's motion on an error. Only I/O problems and
 * cancellation fail the whole read.
 *
 * The program's header comments "(T2: drill-0.2-long …)", as microcam's posts write them, are
 * read on the way into header_tools (cam-gcode-header.h), so a program microcam wrote names its
 * own tools.
 *
 * Speed: the file is mapped (GMappedFile) and scanned once; nothing is allocated per line
 * (messages excepted, capped by max_messages). */
#pragma once

#include <gio/gio.h>

#include "cam-diagnostic.h"
#include "cam-gcode-header.h"
#include "cam-progress.h"
#include "cam-toolpath.h"

G_BEGIN_DECLS

/* CamMove.flags bit set on the chords of a G18/G19 arc (all with the arc's source line);
 * the top bit, which CamMoveFlags leaves free. */
#define CAM_GCODE_MOVE_FLAG_CHORD (1u << 31)
/* … and on the rapid that completes a G98 retract to the Z where the cycle series began,
 * when that is above where the toolpath's cycle semantics retract (max(start z, R)):
 * LinuxCNC keeps that Z for the whole series of contiguous cycles. The controller makes
 * the cycle's retract and this rapid as one straight move. */
#define CAM_GCODE_MOVE_FLAG_RETRACT (1u << 30)
/* … and on the rapid LinuxCNC makes to a G98 hole when the tool is at or below its R plane
 * and the series began higher: straight (diagonal) to above the hole at that start Z; the
 * cycle's own positioning rapid then has zero length. */
#define CAM_GCODE_MOVE_FLAG_ENTRY (1u << 29)

/* The reader's errors and warnings and the review's findings are CamDiagnostic (cam-diagnostic.h);
 * this name is kept for readers of .line and .message not yet converted. */
typedef CamDiagnostic CamGcodeMessage;

typedef struct {
  gboolean block_delete;   /* skip lines starting with '/' (the controller's switch on); rs274's default is off */
  guint    max_messages;   /* per list (errors, warnings) kept; 0 → 1000 */
  double   arc_tolerance_mm; /* end-point radius tolerance of I J K arcs; 0 → 0.00127 (LinuxCNC's
                              * CENTER_ARC_RADIUS_TOLERANCE_MM default) */
  const char *subroutine_path; /* folders (':' between them) where o<name> call looks for name.ngc
                                * after the program's own folder (LinuxCNC's SUBROUTINE_PATH); may be NULL */
  guint64  max_blocks;      /* lines run before a program is stopped as a runaway; 0 → 2·10⁸ */
  const char *tool_table;   /* a LinuxCNC tool table ("T1 P1 Z0.5 D0.1"): G43 offsets; NULL: all 0 */
} CamGcodeReaderOptions;

typedef struct {
  CamToolpath *toolpath;   /* owned; start point (0, 0, 0) as in the interpreter */
  GArray      *errors;     /* of CamDiagnostic, CAM_SEVERITY_ERROR */
  GArray      *warnings;   /* of CamDiagnostic, CAM_SEVERITY_WARNING */
  guint        n_errors;   /* all of them, also those past max_messages */
  guint        n_warnings;
  GArray      *header_tools; /* of CamGcodeHeaderTool: the "(T2: ID …)" comments before the first
                              * word of the program (cam-gcode-header.h), in line order */
  CamGcodeHeaderStock header; /* the header's "(stock: …)" and "(tolerance: …)" lines, if any */
  guint32      n_lines;    /* lines read (up to the program end) */
  gboolean     ended;      /* M2/M30 or a closing % seen */
  char        *name;       /* file name for messages */
  CamGcodeReaderOptions options;
  guint32     *line_first_move; /* [line] → first move made by that line of the main program, or
                                 * G_MAXUINT32 (cam_gcode_reader_find_line) */
  char        *options_subroutine_path, *options_tool_table; /* the reader's copies */
} CamGcodeReader;

CamGcodeReader *cam_gcode_reader_new       (const CamGcodeReaderOptions *options);
void            cam_gcode_reader_free      (CamGcodeReader *reader);

/* Reads a program from memory. progress (may be NULL) gets 0..1 from the calling thread;
 * FALSE with G_IO_ERROR_CANCELLED when cancelled. */
gboolean        cam_gcode_reader_parse     (CamGcodeReader  *reader,
                                            const char      *data,
                                            gsize            length,
                                            const char      *name,
                                            CamProgressFunc  progress,
                                            gpointer         progress_data,
                                            GCancellable    *cancellable,
                                            GError         **error);

/* Maps the file and parses it; FALSE with CAM_ERROR_IO naming the file when it cannot
 * be read. */
gboolean        cam_gcode_reader_read_file (CamGcodeReader  *reader,
                                            const char      *path,
                                            CamProgressFunc  progress,
                                            gpointer         progress_data,
                                            GCancellable    *cancellable,
                                            GError         **error);

/* The first move made by source line `line` of the main program (the first time it runs),
 * or -1 when that line makes none; for a viewer's line ↔ move selection. The other way is
 * CamMove.source_line. Moves come in the order they are run, which loops and subroutine
 * calls take out of line order; moves made in a subroutine file carry the line of the
 * main program's call. */
gssize          cam_gcode_reader_find_line (const CamGcodeReader *reader, guint32 line);

/* The header's tool for T number `number` (its first such comment), or NULL. */
const CamGcodeHeaderTool *cam_gcode_reader_header_tool (const CamGcodeReader *reader, guint number);

/* "NAME:LINE: message" for the first error, or NULL when there is none. */
char           *cam_gcode_reader_first_error (const CamGcodeReader *reader);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CamGcodeReader, cam_gcode_reader_free)

G_END_DECLS
