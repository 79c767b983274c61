/* cam-job-io.h — job files: JSON, "format": "microcam-job", "version": 1.
 *
 * {
 *   "format": "microcam-job", "version": 1,
 *   "part": { "path": "plate.stl", "sha256": "…" | null, "min": [x,y,z], "max": [x,y,z] },
 *   "material": "ss316l", "machine": "micro60k",
 *   "stock": { "min": [x,y,z], "max": [x,y,z] },          model coordinates, mm
 *   "origin": "model" | "corner" | "center", "work_offset": [x,y,z],   work = model − offset
 *   "clearance_mm": 2.0, "retract_mm": 0.2,               above the stock top
 *   "tolerance_mm": 0.01, "finish_ra_um": 0.8,
 *   "tools": [ { "number": 1, "spec": "drill:d=0.2,…", "max_ramp_deg": 2, "coolant": "off|mist|flood" } ],
 *   "operations": [ {
 *       "id": "op1", "kind": "spot|drill|peck|pocket|profile|face|helix", "tool": 1 (T number),
 *       "enabled": true, "features": "H1,H2" | null,
 *       "feed_mm_min", "plunge_mm_min", "rpm": number | null (null = from the physics engine),
 *       "top_z", "bottom_z": work Z,
 *       "stepdown_mm", "stepover_mm": number | null, "stock_to_leave_mm", "floor_stock_mm",
 *       "finish_walls", "finish_floor", "climb": bool, "entry": "helix|ramp|plunge",
 *       "ramp_angle_deg": number | null, "region": WKT | null, "rest_from": WKT | null,
 *       "side": "inside|outside", "spring_pass": bool, "tabs": n, "tab_width_mm", "tab_height_mm",
 *       "holes": [ { "x", "y", "diameter_mm", "top_z", "bottom_z", "through", "feature" } ],
 *       "cycle": "G81|G82|G83|G73", "pecks": [mm…], "explicit_pecks": bool, "dwell_s", "spot_depth_mm",
 *       "warnings": [ "…" ],
 *       "toolpath": { "start": [x,y,z], "moves": [ [type, x, y, z, a, b, feed, rpm, flags,
 *                     ap, ae, fz, force_n, deflection_um, safety_factor, ra_um], … ] } | null
 *         type: "G0" "G1" "G2" "G3" "G4" (dwell: a = seconds) or the cycle word "G81" "G82"
 *         "G83" "G73" with a = R plane and b = Q (retract G99; "G98" appended → "G83/G98");
 *         arcs: a, b = absolute centre. Unknown numbers are null.
 *   } ],
 *   "unreachable": [ { "feature": id | null, "reason": "…", "x", "y", "area_mm2" } ]
 * }
 * Unknown top-level members are ignored (newer minor additions); a wrong type or a
 * missing required member is an error naming its path, e.g. "operations[2].holes[0].x".
 */
#pragma once

#include <glib.h>

#include "cam-job.h"
#include "cam-library.h"

G_BEGIN_DECLS

#define CAM_JOB_FORMAT  "microcam-job"
#define CAM_JOB_VERSION 1

/* The whole job as JSON text (pretty when pretty). */
char    *cam_job_io_to_data   (const CamJob *job, gboolean pretty);

/* Writes atomically (temp + rename); the error names the path. */
gboolean cam_job_io_save      (const CamJob *job, const char *path, GError **error);

/* Parses a job; tools are rebuilt from their spec (library id or spec string) with lib
 * (may be NULL: specs only). name is used in messages. */
CamJob  *cam_job_io_from_data (const char *data, gssize length, const char *name,
                               const CamLibrary *lib, GError **error);
CamJob  *cam_job_io_load      (const char *path, const CamLibrary *lib, GError **error);

/* Whether the part file is still the one the job was planned on (its SHA-256). FALSE with *why
 * (free it) in words when it changed or cannot be read; TRUE when it matches or the job keeps no
 * checksum. */
gboolean cam_job_io_part_unchanged (const CamJob *job, char **why);

G_END_DECLS
