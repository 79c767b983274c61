/* dfm-parts.h — closed test parts for the DFM benchmark and the cancel test, generated in
 * memory (no fixture to ship). Each fills a triangle soup with a watertight solid whose
 * facets wind counter-clockwise seen from outside; `size` scales the facet count (the
 * defaults of dfm_part_default_size() give about 1.5 million facets, the clean plate 1.03 M).
 *
 *   textured  — a 10 × 10 × 1 mm plate whose top is a knurl (two crossed sine waves, 4 µm
 *               peak to valley, 0.25 mm pitch) plus 1 µm of random roughness: a height field
 *               on a size × size grid, every vertex at its own height.
 *   freeform  — a noisy superellipsoid (exponent 2.6, 8 × 6 × 4 mm semi-axes, 1.5 % smooth
 *               radial waviness and 2 µm random noise) turned 20° about X and 35° about Y:
 *               no face is flat or axis-aligned. size = rings of the UV grid.
 *   features  — a 12 × 12 × 1.5 mm plate with size × size cells, each a void: through holes
 *               and blind holes of four diameters, rounded-rectangle pockets of three depths
 *               (size² features), each outline a 480-gon.
 *   clean     — the original benchmark plate: 20 × 20 Ø0.2 through holes of 424 sides.
 */
#pragma once

#include <glib.h>

#include "cam-mesh.h"

G_BEGIN_DECLS

typedef enum {
  DFM_PART_TEXTURED,
  DFM_PART_FREEFORM,
  DFM_PART_FEATURES,
  DFM_PART_CLEAN,
} DfmPartKind;

const char *dfm_part_name         (DfmPartKind kind);   /* "textured", … */
guint       dfm_part_default_size (DfmPartKind kind);
/* Number of void features (holes + pockets) the part was built with (0 for textured and freeform). */
guint       dfm_part_voids        (DfmPartKind kind, guint size);
void        dfm_part_build        (DfmPartKind kind, guint size, CamTriSoup *soup);

/* Writes the soup as a binary STL, atomically; FALSE with error set when it cannot. */
gboolean    dfm_part_write_stl    (const CamTriSoup *soup, const char *path, GError **error);

G_END_DECLS
