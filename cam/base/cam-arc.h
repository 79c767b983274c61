/* cam-arc.h — how finely an arc becomes chords: one rule for every producer and consumer of arcs.
 *
 * A chord of angle θ on a circle of radius r stands off the arc by the sagitta
 * s = r·(1 − cos(θ/2)), so the largest chord angle for a sagitta s is θ = 2·acos(1 − s/r)
 * (exact circle geometry). An arc of sweep φ then needs ⌈|φ| / θ⌉ chords. Each user says its
 * sagitta, a cap on θ, the angle for a circle no larger than the sagitta (where the formula has
 * no answer) and the bounds on the count, in one CamArcChording:
 *
 *        chord
 *     A ───────── B
 *       ╲   s   ╱      s = r (1 − cos θ/2)
 *        ╲ ─── ╱
 *          arc
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  double sagitta_mm;   /* largest gap between a chord and its arc */
  double max_angle;    /* largest chord angle in radians; 0: no cap */
  double small_angle;  /* chord angle when the radius is at or below the sagitta */
  guint  min_chords;   /* at least this many chords an arc (≥ 1) */
  guint  max_chords;   /* at most this many */
} CamArcChording;

/* For drawing programs and toolpaths: 1 µm, the finest feature the workbench shows, 4 to 720
 * chords an arc (a full circle stays smooth, a huge one bounded); π/8 for a radius under 1 µm. */
extern const CamArcChording cam_arc_chording_view;

/* The chord angle (radians) for an arc of radius r. */
double cam_arc_chord_angle (const CamArcChording *c, double radius);

/* Chords for an arc of radius r and sweep φ (radians, the sign ignored), within the bounds. */
guint  cam_arc_n_chords    (const CamArcChording *c, double radius, double sweep);

G_END_DECLS
