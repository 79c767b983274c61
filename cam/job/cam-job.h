/* cam-job.h — a machining job: stock, work zero, heights, tools and ordered operations.
 *
 * Coordinates
 *   The part model and the stock box are in model coordinates. The program runs in work
 *   coordinates: work = model - work_offset. By default (CAM_ORIGIN_MODEL) program X0 Y0
 *   is the model's X0 Y0 and Z0 is the top of the stock; CAM_ORIGIN_CORNER puts X0 Y0 at
 *   the stock's min-x/min-y corner, CAM_ORIGIN_CENTER at the stock's centre (Z0 still the
 *   stock top). Every height of an operation (top_z, bottom_z, clearance …) is in work
 *   coordinates.
 *
 * Regions (pockets, profiles, facing) are stored as WKT (model XY, mm) so that a job is
 * plain data: an operation parses it with GEOS when it generates its toolpath. Polygon
 * holes are islands.
 *
 * Feeds: every operation's feed/plunge/rpm is NAN = "from the physics engine"; a finite
 * value is the engineer's override. The generated toolpath carries the values used.
 *
 * Files: cam-job-io.[ch] reads and writes a job as JSON ("format": "microcam-job",
 * "version": 1).
 */
#pragma once

#include <glib.h>

#include "cam-tool.h"
#include "cam-toolpath.h"

G_BEGIN_DECLS

typedef enum {
  CAM_JOB_OP_SPOT,
  CAM_JOB_OP_DRILL,
  CAM_JOB_OP_PECK,
  CAM_JOB_OP_POCKET,
  CAM_JOB_OP_PROFILE,
  CAM_JOB_OP_FACE,
  CAM_JOB_OP_HELIX,
} CamJobOpKind;

typedef enum {
  CAM_ORIGIN_MODEL,   /* X0 Y0 = model X0 Y0, Z0 = stock top */
  CAM_ORIGIN_CORNER,  /* X0 Y0 = stock min corner, Z0 = stock top */
  CAM_ORIGIN_CENTER,  /* X0 Y0 = stock centre, Z0 = stock top */
} CamOrigin;

typedef enum {
  CAM_ENTRY_HELIX,
  CAM_ENTRY_RAMP,
  CAM_ENTRY_PLUNGE,   /* refused for end mills under 1 mm */
} CamEntry;

typedef enum {
  CAM_SIDE_INSIDE,
  CAM_SIDE_OUTSIDE,
} CamSide;

/* A tool of the job: the cam-tool geometry plus where it sits in the machine. */
typedef struct {
  guint       number;           /* T word, 1-based */
  char       *spec;             /* "flat:d=0.2,z=2,loc=0.6" (cam-tool spec syntax), or the library id */
  CamTool    *tool;             /* owned, complete (cam_tool_complete) */
  double      max_ramp_deg;     /* steepest ramp/helix entry the tool accepts (see cam-job.c) */
  CamCoolant  coolant;
} CamJobTool;

typedef struct {
  double x, y;                  /* model coordinates */
  double diameter_mm;
  double top_z;                 /* work coordinates (usually 0) */
  double bottom_z;              /* hole bottom, work coordinates (through: below the part) */
  gboolean through;
  char  *feature_id;            /* may be NULL */
} CamJobHole;

typedef struct {
  char       *id;               /* "op1", unique within the job */
  CamJobOpKind   kind;
  guint       tool;             /* index into CamJob.tools */
  char       *feature_id;       /* comma-separated feature ids, may be NULL */
  gboolean    enabled;

  /* feeds: NAN = from the physics engine, finite = override */
  double      feed_mm_min;
  double      plunge_mm_min;
  double      rpm;

  /* heights, work coordinates */
  double      top_z;
  double      bottom_z;

  /* milling */
  double      stepdown_mm;      /* NAN = from the engine */
  char       *stepdown_reason;  /* why the planner set stepdown_mm (a thin wall), said on every generation */
  double      stepover_mm;      /* NAN = from the engine */
  double      stock_to_leave_mm;/* walls, during roughing */
  double      floor_stock_mm;   /* floor, during roughing */
  gboolean    finish_walls;
  gboolean    finish_floor;
  gboolean    climb;
  CamEntry    entry;
  double      ramp_angle_deg;   /* NAN = tool's max_ramp_deg */
  char       *region_wkt;       /* pocket/profile/face area, model XY */
  char       *rest_from_wkt;    /* rest machining: area already cleared by a larger tool, or NULL */

  /* profile */
  CamSide     side;
  gboolean    spring_pass;
  guint       tabs;             /* 0 = none */
  double      tab_width_mm;
  double      tab_height_mm;

  /* drilling / helix */
  GArray     *holes;            /* of CamJobHole */
  CamCycle    cycle;            /* G81/G82/G83/G73 */
  GArray     *pecks;            /* of double: peck depths (mm), first peck first; empty = engine */
  gboolean    explicit_pecks;   /* TRUE: follow a shrinking schedule move by move; FALSE: one
                                 * canned G83/G73 with Q = the schedule's smallest peck */
  double      dwell_s;
  double      spot_depth_mm;

  /* results of generation */
  CamToolpath *toolpath;        /* NULL until generated */
  GPtrArray  *warnings;         /* of char* */
  char       *not_cut;          /* why no toolpath keeps the limits (NULL when it was generated) */
  guint       n_breaches;       /* moves of the toolpath that break a limit (cam_gen_move_breach) */
  char       *first_breach;     /* the first of them in words, or NULL */
} CamJobOp;

typedef struct {
  char  *feature_id;            /* may be NULL for an area */
  char  *reason;                /* plain words: why no tool can cut it */
  double x, y;                  /* where, model coordinates */
  double area_mm2;              /* area left, 0 for a whole feature */
  char  *process;               /* the process that can make it instead ("micro-edm", "laser",
                                 * "ultrasonic", "second-setup", …), NULL when none is named */
} CamUnreachable;

typedef struct {
  /*< private >*/
  gint        ref_count;
  /*< public >*/
  char       *part_path;
  char       *part_sha256;      /* checksum of the part file, or NULL */
  char       *material_id;
  char       *machine_id;
  double      part_min[3], part_max[3];   /* model coordinates */
  double      stock_min[3], stock_max[3]; /* model coordinates */
  CamOrigin   origin;
  double      work_offset[3];   /* work = model - work_offset */
  double      clearance_mm;     /* above the stock top: safe height for long rapids */
  double      retract_mm;       /* above the stock top: R plane, short hops */
  double      tolerance_mm;
  double      finish_ra_um;
  GPtrArray  *tools;            /* of CamJobTool*, owned */
  GPtrArray  *ops;              /* of CamJobOp*, owned, in machining order */
  GPtrArray  *unreachable;      /* of CamUnreachable*, owned */
  CamToolpath *toolpath;        /* all ops joined, NULL until generated */
} CamJob;

CamJob     *cam_job_new             (void);
CamJob     *cam_job_ref             (CamJob *job);
void        cam_job_unref           (CamJob *job);
/* A deep copy (tools, operations, holes, pecks, warnings, unreachable areas): a snapshot that
 * a thread can read or generate into while the original is edited. The toolpaths (each op's
 * and the joined one) are shared by reference, not copied: a toolpath is never changed once
 * it is in a job — generating an op or joining the ops replaces the pointer with a new
 * toolpath (cam_gen_generate, cam_job_join_toolpaths) — so sharing them is safe. */
CamJob     *cam_job_copy            (const CamJob *job);

/* Stock = part bounds grown by margin_mm in X and Y and on top (the bottom stays at the
 * part's bottom), then the work offset for origin. */
void        cam_job_set_stock_from_part (CamJob *job, const double part_min[3],
                                         const double part_max[3], double margin_mm);
void        cam_job_set_stock       (CamJob *job, const double min[3], const double max[3]);
void        cam_job_set_origin      (CamJob *job, CamOrigin origin);
const char *cam_origin_to_string    (CamOrigin origin);
gboolean    cam_origin_from_string  (const char *s, CamOrigin *out);

/* Heights in work coordinates. */
double      cam_job_stock_top_z     (const CamJob *job);  /* always 0 with the stock top at Z0 */
double      cam_job_clearance_z     (const CamJob *job);
double      cam_job_retract_z       (const CamJob *job);
void        cam_job_model_to_work   (const CamJob *job, const double model[3], double work[3]);

/* Adds a copy of tool (spec is how it was asked for: a spec string or a library id).
 * Tools are matched by spec: the same spec returns the same index. Numbers T1, T2, … */
guint       cam_job_add_tool        (CamJob *job, const char *spec, const CamTool *tool);
CamJobTool *cam_job_tool            (const CamJob *job, guint index);
void        cam_job_tool_free       (CamJobTool *tool);
/* The spec string that rebuilds this tool with cam_tool_new_from_spec(). */
char       *cam_job_tool_spec_string (const CamTool *tool);

/* A new op with defaults (feeds NAN = engine, climb, helix entry, id "opN"). */
CamJobOp   *cam_job_add_op          (CamJob *job, CamJobOpKind kind, guint tool);
CamJobOp   *cam_job_op              (const CamJob *job, guint index);
void        cam_job_op_add_hole     (CamJobOp *op, const CamJobHole *hole);
void        cam_job_op_warn         (CamJobOp *op, const char *fmt, ...) G_GNUC_PRINTF (2, 3);
/* Returns the entry (owned by the job) so the caller may set its process. */
CamUnreachable *cam_job_add_unreachable (CamJob *job, const char *feature_id, const char *reason,
                                         double x, double y, double area_mm2);

const char *cam_job_op_kind_to_string   (CamJobOpKind kind);   /* spot|drill|peck|pocket|profile|face|helix */
gboolean    cam_job_op_kind_from_string (const char *s, CamJobOpKind *out);

/* Joins the ops' toolpaths in order into job->toolpath, with linking rapids at the
 * clearance height between operations. */
void        cam_job_join_toolpaths  (CamJob *job);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CamJob, cam_job_unref)

G_END_DECLS
