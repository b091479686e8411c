/*
 * fuzz_csv_ranges.c - differential harness for loading one file as byte
 * ranges (load/chunk.c, store/table_concat.c): any bytes as the file of a table of the
 * data model, loaded in one pass and as 2-4 ranges (cut wherever a line
 * feed falls, the size floor lowered to 1 byte). The two must give the
 * same result code and message, rows, lines, cells, string pool, text
 * storage choices, findings and row ledger; a difference aborts. The first byte picks
 * the table and the number of ranges, the rest is the file.
 */
#include "model/finding.h"
#include "load/table_load.h"
#include "load/chunk.h"
#include "model/schema.h"
#include "store/store.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char path[64];

static void remove_file(void)
{
    unlink(path);
}

static bool same_str(const char *a, const char *b)
{
    return strcmp(a ? a : "", b ? b : "") == 0;
}

static void check(bool ok, const char *what)
{
    if (!ok) {
        fprintf(stderr, "fuzz_csv_ranges: ranges differ from one pass: %s\n", what);
        abort();
    }
}

static void same_table(const pa_table *a, const pa_table *b)
{
    check(a->nrows == b->nrows && a->ncols == b->ncols && a->cap == b->cap, "shape");
    check(a->nrows == 0 || memcmp(a->line, b->line, a->nrows * sizeof *a->line) == 0, "lines");
    check(a->pool.count == b->pool.count && a->pool.alen == b->pool.alen &&
              memcmp(a->pool.arena, b->pool.arena, a->pool.alen) == 0,
          "string pool");
    /* link_ids may hold an id once or twice (a cache of recent ids, which
     * each range fills on its own): compare what each link says instead */
    check(a->nlinks == b->nlinks, "links");
    for (size_t k = 0; k < a->nlinks; k++) {
        size_t nx = 0, ny = 0;
        const char *x = tab_link_id(a, &a->links[k], &nx), *y = tab_link_id(b, &b->links[k], &ny);
        double lx = tab_link_lag(a, &a->links[k]), ly = tab_link_lag(b, &b->links[k]);
        uint64_t bx, by; /* bit for bit: -0 and 0 are two lags here */
        memcpy(&bx, &lx, sizeof bx);
        memcpy(&by, &ly, sizeof by);
        check(nx == ny && memcmp(x, y, nx) == 0 && tab_link_type(&a->links[k]) == tab_link_type(&b->links[k]) &&
                  bx == by,
              "links");
    }
    for (int i = 0; i < a->ncols; i++) {
        const pa_column *x = &a->cols[i], *y = &b->cols[i];
        check(!x->arena == !y->arena && x->sampled == y->sampled && x->distinct == y->distinct, "text storage");
        for (size_t r = 0; r < a->nrows; r++) {
            char bx[64], by[64];
            size_t nx = 0, ny = 0;
            const char *sx = tab_cell_text(a, i, r, bx, sizeof bx, &nx);
            const char *sy = tab_cell_text(b, i, r, by, sizeof by, &ny);
            check(!sx == !sy && nx == ny && (!sx || memcmp(sx, sy, nx) == 0), "cell");
            if (x->type == TY_TEXT || x->type == TY_LINKS)
                check(x->v.sid[r] == y->v.sid[r], "text reference");
        }
    }
}

/* A failed load frees its table, which owns the findings' file names. */
static void same_findings(const pa_findings *a, const pa_findings *b, bool loaded)
{
    check(a->n == b->n, "number of findings");
    for (size_t i = 0; i < a->n; i++) {
        const pa_finding *x = &a->v[i], *y = &b->v[i];
        check(strcmp(x->rule, y->rule) == 0 && x->line == y->line && same_str(x->key, y->key) &&
                  same_str(x->column, y->column) && same_str(x->value, y->value) &&
                  same_str(x->message, y->message) && (!loaded || strcmp(x->file, y->file) == 0),
              "finding");
    }
}

/* The row ledgers: every count, reason and kept line. */
static void same_ledger(const pa_ledger *a, const pa_ledger *b)
{
    check(a->n == b->n, "ledger entries");
    for (int i = 0; i < a->n; i++) {
        const pa_ledger_file *x = &a->v[i], *y = &b->v[i];
        check(x->read == y->read && x->loaded == y->loaded && x->ntables == y->ntables && x->nleft == y->nleft,
              "ledger counts");
        for (int k = 0; k < x->ntables; k++)
            check(x->tables[k].rows == y->tables[k].rows, "ledger table rows");
        for (int k = 0; k < x->nleft; k++) {
            const pa_leftout *l = &x->left[k], *m = &y->left[k];
            check(strcmp(l->reason, m->reason) == 0 && l->rows == m->rows && l->nlines == m->nlines &&
                      memcmp(l->lines, m->lines, (size_t)l->nlines * sizeof *l->lines) == 0,
                  "ledger reasons");
        }
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    if (!path[0]) {
        snprintf(path, sizeof path, "/tmp/fuzz-ranges-%ld.csv", (long)getpid());
        setenv("PMOAUDIT_CHUNK_BYTES", "1", 1);
        atexit(remove_file);
    }
    FILE *f = fopen(path, "wb");
    if (!f)
        return 0;
    fwrite(data + 1, 1, size - 1, f);
    fclose(f);
    const char *name = schema_tables[data[0] % schema_ntables].name;
    int ranges = 2 + (data[0] >> 6) % 3;
    pa_load_opts lo = {.jobs = ranges, .max_rows = (data[0] & 0x20) ? 3 : 0};
    pa_store one, cut;
    pa_findings f1, f2;
    char *e1 = NULL, *e2 = NULL;
    store_init(&one, "fuzz");
    store_init(&cut, "fuzz");
    fnd_init(&f1);
    fnd_init(&f2);
    int rc1 = load_file(&one, path, "fuzz.csv", name, &lo, &f1, &e1);
    pchunk_plan *p = pchunk_plan_file(path, (off_t)(size - 1), &lo, ranges);
    if (p) {
        for (int k = 0; k < pchunk_count(p); k++)
            pchunk_run(p, k, path, "fuzz.csv", name, &lo);
        int rc2 = pchunk_finish(p, &cut, path, "fuzz.csv", name, &lo, &f2, &e2);
        check(rc1 == rc2 && same_str(e1, e2) && one.ntables == cut.ntables, "result");
        if (rc1 == 0)
            same_table(one.tables[0], cut.tables[0]);
        same_findings(&f1, &f2, rc1 == 0);
        same_ledger(&one.ledger, &cut.ledger);
    }
    free(e1);
    free(e2);
    fnd_free(&f1);
    fnd_free(&f2);
    store_free(&one);
    store_free(&cut);
    return 0;
}
