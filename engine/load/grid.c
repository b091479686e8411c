/*
 * load/grid.c - a source table as a grid of cells (see load/grid.h): one
 * text buffer for all cells, offsets per cell and per row, and the
 * location of each row. Exports are spreadsheet-sized, and a whole grid
 * lets a transposed file (one column per record) be turned round and a
 * profile read its rows once per table it feeds.
 */
#include "load/grid.h"
#include "load/xlsx.h"

#include <stdlib.h>
#include <string.h>

void grid_init(grid *g)
{
    memset(g, 0, sizeof *g);
    sb_init(&g->text);
}

void grid_free(grid *g)
{
    sb_free(&g->text);
    free(g->off);
    free(g->len);
    free(g->first);
    free(g->width);
    free(g->line);
    free(g->blank);
    memset(g, 0, sizeof *g);
}

void grid_cell(grid *g, const char *data, size_t len)
{
    if (g->ncells == g->cellcap) {
        g->cellcap = g->cellcap ? g->cellcap * 2 : 1024;
        g->off = xrealloc(g->off, g->cellcap * sizeof *g->off);
        g->len = xrealloc(g->len, g->cellcap * sizeof *g->len);
    }
    g->len[g->ncells] = data ? len : 0;
    g->off[g->ncells] = data ? g->text.len : SIZE_MAX;
    if (data) {
        sb_add(&g->text, data, len);
        sb_putc(&g->text, 0);
    }
    g->ncells++;
}

void grid_row(grid *g, size_t nfields, uint32_t line)
{
    if (g->nrows == g->rowcap) {
        g->rowcap = g->rowcap ? g->rowcap * 2 : 256;
        g->first = xrealloc(g->first, g->rowcap * sizeof *g->first);
        g->width = xrealloc(g->width, g->rowcap * sizeof *g->width);
        g->line = xrealloc(g->line, g->rowcap * sizeof *g->line);
    }
    g->first[g->nrows] = g->ncells - nfields;
    g->width[g->nrows] = nfields;
    g->line[g->nrows] = line;
    g->nrows++;
}

static void on_cell(void *ud, size_t index, const char *data, size_t len, uint32_t line)
{
    (void)index;
    (void)line;
    grid_cell(ud, data, len);
}

static bool on_record(void *ud, size_t nfields, uint32_t line)
{
    grid_row(ud, nfields, line);
    return true;
}

static void on_blank(void *ud, uint32_t line)
{
    grid *g = ud;
    GROW(g->blank, g->blankcap, g->nblank + 1);
    g->blank[g->nblank++] = line;
}

int grid_read_csv(grid *g, const char *path, const csvr_opts *opts, csvr_error *e)
{
    csvr_opts co = *opts;
    co.field = on_cell;
    co.row = on_record;
    co.blank = on_blank;
    co.ud = g;
    return csvr_file(path, &co, e);
}

int grid_read_sheet(grid *g, struct xlsx_book *b, int i, const csvr_opts *opts, csvr_error *e)
{
    csvr_opts co = *opts;
    co.field = on_cell;
    co.row = on_record;
    co.blank = on_blank;
    co.ud = g;
    return xlsx_read_sheet(b, i, &co, e);
}

const char *grid_at(const grid *g, size_t r, size_t c, size_t *n)
{
    *n = 0;
    if (r >= g->nrows || c >= g->width[r])
        return NULL;
    size_t k = g->first[r] + c;
    if (g->off[k] == SIZE_MAX)
        return NULL;
    *n = g->len[k];
    return g->text.data + g->off[k];
}

/* GMPP's published layout runs its records down the columns. A transposed
 * row's location is its column number; the blank lines of the file are no
 * longer rows of anything and are dropped. */
void grid_transpose(grid *g)
{
    grid t;
    grid_init(&t);
    size_t w = 0;
    for (size_t r = 0; r < g->nrows; r++)
        if (g->width[r] > w)
            w = g->width[r];
    for (size_t c = 0; c < w; c++) {
        for (size_t r = 0; r < g->nrows; r++) {
            size_t n;
            const char *s = grid_at(g, r, c, &n);
            grid_cell(&t, s, n);
        }
        grid_row(&t, g->nrows, (uint32_t)(c + 1));
    }
    grid_free(g);
    *g = t;
    g->transposed = true;
}

size_t grid_row_at(const grid *g, uint32_t line)
{
    size_t r = 0;
    while (r < g->nrows && g->line[r] < line)
        r++;
    return r;
}
