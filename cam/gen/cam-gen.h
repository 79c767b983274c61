/* cam-gen.h — generating an operation's toolpath, with physics on every cutting move.
 *
 * One signature for every operation (one file each: cam-gen-drill.c, cam-gen-pocket.c,
 * cam-gen-profile.c, cam-gen-face.c, cam-gen-helix.c): read the op's parameters and
 * geometry from the job, write op->toolpath (moves in work coordinates, op_index 0,
 * tool_index = op->tool) and op->warnings; areas the tool cannot reach go to
 * job->unreachable.
 *
 * Physics (cam-gen.c): the operation's nominal speeds and feeds come from
 * cam_cutting_recommend() (overridden by op->rpm/feed when finite); each cutting move
 * then gets its real engagement (ap, and ae from the material actually left) evaluated
 * by the engine, and its feed is lowered where that engagement would push deflection or
 * the breakage safety factor past the limits (CAM_MOVE_FLAG_FEED_REDUCED).
 */
#pragma once

#include <gio/gio.h>

#include "cam-cutting.h"
#include "cam-job.h"
#include "cam-mesh.h"

G_BEGIN_DECLS

typedef struct {
  CamJob            *job;
  const CamMaterial *material;
  const CamMachine  *machine;
  double             min_safety_factor;  /* 0 → engine default (2) */
  double             deflection_fraction;/* of the job tolerance; 0 → engine default (0.5) */
  GCancellable      *cancellable;
} CamGenContext;

/* The nominal cutting conditions of an op (what the engine recommends for its tool). */
typedef struct {
  double rpm;
  double fz_mm;
  double feed_mm_min;
  double plunge_mm_min;
  double ap_mm;        /* stepdown */
  double ae_mm;        /* stepover */
  CamCutResult result; /* the engine's full answer for the nominal engagement */
  GHashTable *cache;   /* per-engagement feed limits, owned */
} CamGenPlan;

/* Dispatches on op->kind, then checks every move (cam_gen_move_breach): op->n_breaches and
 * op->first_breach, with a warning when a move breaks a limit; op->not_cut when nothing could be cut
 * within the limits. */
gboolean cam_gen_generate         (const CamGenContext *ctx, CamJobOp *op, GError **error);

gboolean cam_gen_drill_generate   (const CamGenContext *ctx, CamJobOp *op, GError **error);
gboolean cam_gen_pocket_generate  (const CamGenContext *ctx, CamJobOp *op, GError **error);
gboolean cam_gen_profile_generate (const CamGenContext *ctx, CamJobOp *op, GError **error);
gboolean cam_gen_face_generate    (const CamGenContext *ctx, CamJobOp *op, GError **error);
gboolean cam_gen_helix_generate   (const CamGenContext *ctx, CamJobOp *op, GError **error);

/* Every enabled op in order, then cam_job_join_toolpaths(). progress may be NULL. */
gboolean cam_job_generate        (const CamGenContext *ctx, CamProgressFunc progress,
                                  gpointer progress_data, GError **error);

/* ---- shared by the operations ---- */

/* Nominal conditions for a milling op of this kind (CAM_CUT_POCKET, CAM_CUT_SIDE, …):
 * ap/ae 0 = the engine's default for the material. Honours op->rpm/feed overrides. */
gboolean cam_gen_plan_mill        (const CamGenContext *ctx, const CamJobOp *op, CamCutKind kind,
                                  double ap_mm, double ae_mm, CamGenPlan *plan, GError **error);
void     cam_gen_plan_clear       (CamGenPlan *plan);

/* Fills the physics fields and feed of a cutting move from its engagement: ae ≥ 0.95·D
 * is a slot (in a finishing pass too); other finishing moves use CAM_CUT_FINISH. Feed = the
 * engine's fastest within the limits at this engagement (a straight plunge's and a user's feed
 * are ceilings); ap and ae are rounded up to 0.1 µm and kept so in the move. */
void     cam_gen_annotate_move    (const CamGenContext *ctx, const CamJobOp *op, CamGenPlan *plan,
                                  CamMove *m, double ap_mm, double ae_mm, gboolean finishing);

/* NULL when the move keeps every limit of the engine at its engagement (ap, ae, fz, rpm as
 * stored in it): deflection within the allowed share of the job tolerance, breakage safety factor,
 * chip not below the ploughing limit (a skim under 1 % of D and a stated spring pass excepted),
 * power, machine feed, the material's ap; else the breach in words (free). One rule for the
 * generators' own guard, the property tests and what `check` calls a violation. */
char    *cam_gen_move_breach      (const CamGenContext *ctx, const CamJobOp *op, const CamMove *m);

/* The op's stepdown (*down): the one the op asks for (op->stepdown_mm, else the plan's) lowered to
 * cam_cutting_safe_stepdown for depth_mm (with a warning when the user's was deeper). FALSE when no
 * stepdown keeps the limits: op->not_cut says why (with a warning); the op then cuts nothing. */
gboolean cam_gen_choose_stepdown  (const CamGenContext *ctx, CamJobOp *op, const CamGenPlan *plan,
                                  double depth_mm, double *down);

/* A move of the op (tool_index = op->tool, rpm = plan rpm). */
CamMove  cam_gen_move             (const CamJobOp *op, const CamGenPlan *plan, CamMoveType type,
                                  double x, double y, double z);

/* A new toolpath for op with its tool registered at index op->tool. */
CamToolpath *cam_gen_toolpath_new (const CamGenContext *ctx, const CamJobOp *op);

/* Rounds to the 0.1 µm grid the LinuxCNC post writes (4 decimals), so canned-cycle peck
 * arithmetic is the same here as in the controller. */
double   cam_gen_snap             (double v);

G_END_DECLS
