/* cam-stock-private.h — the height field's cells, for the sweeps (cam-stock-sweep.c) only. */
#pragma once

#include <math.h>

#include "cam-stock.h"

G_BEGIN_DECLS

struct _CamStock {
  double min[3], max[3];   /* the box */
  double x0, y0;           /* where cell (0, 0) starts: the box's corner, or 0 when unbounded */
  double cell;             /* cell edge, mm */
  gint64 ix_lo, ix_hi, iy_lo, iy_hi; /* cells inside the box (inclusive); G_MININT64/G_MAXINT64 unbounded */
  GHashTable *tiles;       /* TileKey* → Tile* (the key is the tile's first member) */
  guint64 n_cells, max_cells;
  gboolean saturated;
  struct _CamStockTile *last; /* the tile looked up last: a row of a sweep stays in one tile */
};

/* The heights of the TILE cells of row iy from the tile holding cell (ix, iy), at the index of
 * ix in that row: out[k] is cell (ix + k, iy) for k < TILE − (ix mod TILE). Makes the tile at
 * the box top on first touch. NULL when the cell is outside the box or the tile was refused
 * (max_cells): no material is known to be there to lower. */
float  *cam_stock_row_at   (CamStock *stock, gint64 ix, gint64 iy);

/* Cell index of a coordinate (floor), and the centre of a cell. */
static inline gint64
cam_stock_ix (const CamStock *s, double x)
{
  return (gint64) floor ((x - s->x0) / s->cell);
}

static inline gint64
cam_stock_iy (const CamStock *s, double y)
{
  return (gint64) floor ((y - s->y0) / s->cell);
}

static inline double
cam_stock_cx (const CamStock *s, gint64 ix)
{
  return s->x0 + ((double) ix + 0.5) * s->cell;
}

static inline double
cam_stock_cy (const CamStock *s, gint64 iy)
{
  return s->y0 + ((double) iy + 0.5) * s->cell;
}

G_END_DECLS
