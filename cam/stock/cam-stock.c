/* cam-stock.c — the tiled height field (cam-stock.h).
 *
 * Tiles live in a hash table keyed by their tile coordinates; a sweep walks cells row by row,
 * so consecutive lookups hit the same tile and the last one is kept at hand. A tile is made
 * on first touch with every cell at the box top: untouched stock costs nothing. */
#include "cam-stock-private.h"

#include <math.h>
#include <string.h>

typedef struct {
  gint64 tx, ty;
} TileKey;

typedef struct _CamStockTile {
  TileKey key;                                  /* first: the hash table's key points here */
  float h[CAM_STOCK_TILE * CAM_STOCK_TILE];     /* row-major, [y][x] */
} Tile;

static guint
tile_hash (gconstpointer p)
{
  const TileKey *k = p;
  guint64 h = (guint64) k->tx * 0x9E3779B97F4A7C15ull ^ (guint64) k->ty * 0xC2B2AE3D27D4EB4Full;
  return (guint) (h ^ (h >> 32));
}

static gboolean
tile_equal (gconstpointer a, gconstpointer b)
{
  const TileKey *x = a, *y = b;
  return x->tx == y->tx && x->ty == y->ty;
}

/* floor division, for negative cell indices of an unbounded stock */
static gint64
floor_div (gint64 a, gint64 b)
{
  gint64 q = a / b;
  return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

CamStock *
cam_stock_new (const double min[3], const double max[3], double cell_mm, guint64 max_cells)
{
  if (!isfinite (max[2]) || isnan (min[2]) || !(min[2] < max[2]) || !(cell_mm >= CAM_STOCK_MIN_CELL_MM * 0.999)
      || !isfinite (cell_mm))
    return NULL;
  for (int k = 0; k < 2; k++)
    if (isnan (min[k]) || isnan (max[k]) || !(min[k] < max[k]))
      return NULL;
  CamStock *s = g_new0 (CamStock, 1);
  memcpy (s->min, min, sizeof s->min);
  memcpy (s->max, max, sizeof s->max);
  s->cell = cell_mm;
  s->x0 = isfinite (min[0]) ? min[0] : 0;
  s->y0 = isfinite (min[1]) ? min[1] : 0;
  /* cells whose centre lies in the box */
  s->ix_lo = isfinite (min[0]) ? 0 : G_MININT64;
  s->iy_lo = isfinite (min[1]) ? 0 : G_MININT64;
  s->ix_hi = isfinite (max[0]) ? (gint64) floor ((max[0] - s->x0) / cell_mm - 0.5) : G_MAXINT64;
  s->iy_hi = isfinite (max[1]) ? (gint64) floor ((max[1] - s->y0) / cell_mm - 0.5) : G_MAXINT64;
  s->tiles = g_hash_table_new_full (tile_hash, tile_equal, NULL, g_free);
  s->max_cells = max_cells;
  return s;
}

void
cam_stock_free (CamStock *stock)
{
  if (stock == NULL)
    return;
  g_hash_table_destroy (stock->tiles);
  g_free (stock);
}

double
cam_stock_cell_mm (const CamStock *stock)
{
  return stock->cell;
}

void
cam_stock_box (const CamStock *stock, double min[3], double max[3])
{
  memcpy (min, stock->min, sizeof stock->min);
  memcpy (max, stock->max, sizeof stock->max);
}

guint64
cam_stock_n_cells (const CamStock *stock)
{
  return stock->n_cells;
}

gboolean
cam_stock_saturated (const CamStock *stock)
{
  return stock->saturated;
}

float *
cam_stock_row_at (CamStock *s, gint64 ix, gint64 iy)
{
  if (ix < s->ix_lo || ix > s->ix_hi || iy < s->iy_lo || iy > s->iy_hi)
    return NULL;
  TileKey key = { floor_div (ix, CAM_STOCK_TILE), floor_div (iy, CAM_STOCK_TILE) };
  Tile *t = s->last;
  if (t == NULL || t->key.tx != key.tx || t->key.ty != key.ty)
    {
      t = g_hash_table_lookup (s->tiles, &key);
      if (t == NULL)
        {
          const guint64 n = CAM_STOCK_TILE * CAM_STOCK_TILE;
          if (s->max_cells > 0 && s->n_cells + n > s->max_cells)
            {
              s->saturated = TRUE;
              return NULL;
            }
          t = g_new (Tile, 1);
          t->key = key;
          const float top = (float) s->max[2];
          for (guint64 k = 0; k < n; k++)
            t->h[k] = top;
          g_hash_table_insert (s->tiles, &t->key, t);
          s->n_cells += n;
        }
      s->last = t;
    }
  gint64 lx = ix - key.tx * CAM_STOCK_TILE, ly = iy - key.ty * CAM_STOCK_TILE;
  return &t->h[ly * CAM_STOCK_TILE + lx];
}

double
cam_stock_height_at (CamStock *stock, double x, double y)
{
  gint64 ix = cam_stock_ix (stock, x), iy = cam_stock_iy (stock, y);
  if (ix < stock->ix_lo || ix > stock->ix_hi || iy < stock->iy_lo || iy > stock->iy_hi)
    return -INFINITY;
  /* an untouched tile is the box top: no need to make it for a question */
  TileKey key = { floor_div (ix, CAM_STOCK_TILE), floor_div (iy, CAM_STOCK_TILE) };
  const Tile *t = g_hash_table_lookup (stock->tiles, &key);
  if (t == NULL)
    return stock->max[2];
  return t->h[(iy - key.ty * CAM_STOCK_TILE) * CAM_STOCK_TILE + (ix - key.tx * CAM_STOCK_TILE)];
}

double
cam_stock_cell_size (double min_tool_d_mm, double area_mm2, guint64 max_cells, gboolean *coarsened)
{
  double cell = isfinite (min_tool_d_mm) && min_tool_d_mm > 0 ? min_tool_d_mm / 32 : CAM_STOCK_MIN_CELL_MM;
  cell = MAX (cell, CAM_STOCK_MIN_CELL_MM);
  gboolean coarse = FALSE;
  if (max_cells > 0 && isfinite (area_mm2) && area_mm2 > 0 && area_mm2 / (cell * cell) > (double) max_cells)
    {
      cell = sqrt (area_mm2 / (double) max_cells);
      coarse = TRUE;
    }
  if (coarsened)
    *coarsened = coarse;
  return cell;
}
