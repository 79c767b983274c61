/* cam-stock.h — the stock as a tiled height field: where material is left, cell by cell.
 *
 * The stock is a box, min..max in the program's coordinates (mm). Seen from +Z it is a grid
 * of square cells; each cell keeps the height of the material's top surface there (float,
 * which resolves 1 nm at 10 mm). Material fills each cell from the box's bottom up to that
 * height, so a 2.5D machining program (every tool from +Z) is represented exactly up to the
 * cell size; undercuts are not.
 *
 *        cell (ix, iy) = [x0 + ix·c, x0 + (ix+1)·c) × [y0 + iy·c, …), judged at its centre
 *        ┌──┬──┬──┬──┐
 *        │  │  │  │  │  one tile = TILE × TILE cells, allocated the first time a tool
 *        ├──┼──┼──┼──┤  touches it, filled with the box top: only the regions a program
 *        │  │  │  │  │  cuts cost memory (4 bytes a cell)
 *        └──┴──┴──┴──┘
 *
 * The box's XY extent may be unbounded (±INFINITY: a program from elsewhere whose stock is
 * not known): every cell then holds material from the bottom to the top until cut. The top
 * must be finite; the bottom may be −INFINITY (unknown thickness).
 *
 * Memory is bounded by max_cells: a tile that would take the count past it is not made;
 * its cells then read as uncut stock (the top) and are never lowered, which overstates the
 * engagement there (the safe side for a review), and cam_stock_saturated() says so.
 * Pick the cell size with cam_stock_cell_size() so that the region a program cuts fits.
 *
 * Sweeping a tool through the stock is cam-stock-sweep.h; the tool's shape cam-stock-cutter.h.
 * This is the seed of a µm removal simulation; it is single-threaded. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CAM_STOCK_TILE 64        /* cells along a tile's edge (16 KiB of floats) */
#define CAM_STOCK_MIN_CELL_MM 1e-3 /* 1 µm: finer would resolve nothing a micro tool leaves */

typedef struct _CamStock CamStock;

/* A stock box min..max (XY may be ±INFINITY, top finite, bottom finite or −INFINITY) cut into
 * cells of cell_mm (≥ CAM_STOCK_MIN_CELL_MM); max_cells 0 = no cap. NULL for a bad box. */
CamStock *cam_stock_new        (const double min[3],
                                const double max[3],
                                double       cell_mm,
                                guint64      max_cells);
void      cam_stock_free       (CamStock *stock);

double    cam_stock_cell_mm    (const CamStock *stock);
void      cam_stock_box        (const CamStock *stock, double min[3], double max[3]);
/* Cells allocated so far (whole tiles) and whether a tile was refused by max_cells. */
guint64   cam_stock_n_cells    (const CamStock *stock);
gboolean  cam_stock_saturated  (const CamStock *stock);

/* The height of the material's top at (x, y): the box top where nothing has cut, −INFINITY
 * outside the box (no material). */
double    cam_stock_height_at  (CamStock *stock, double x, double y);

/* The cell size for a program: the smallest tool diameter / 32 (a slot of that tool is 32
 * cells wide, so its ae is resolved to ~3 %), never below CAM_STOCK_MIN_CELL_MM, and coarse
 * enough that area_mm2 (the region the program cuts) holds at most max_cells cells.
 * *coarsened (may be NULL) says whether the cap made it coarser than D/32. */
double    cam_stock_cell_size  (double    min_tool_d_mm,
                                double    area_mm2,
                                guint64   max_cells,
                                gboolean *coarsened);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CamStock, cam_stock_free)

G_END_DECLS
