/*
 * test_chunk.c - one file loaded as several byte ranges (load/chunk.c,
 * store/table_concat.c): the store must be the one a one-pass load builds, down to
 * the string pool's slots and the arenas' bytes, with the same findings,
 * the same errors, and a one-pass load again when a quoted line break
 * crosses a cut.
 */
#include "load/table_load.h"
#include "loadutil.h"
#include "load/chunk.h"
#include "store/table_concat.h"
#include "test.h"
#include "core/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

static void put_bytes(const char *dir, const char *name, const char *data, size_t n)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    if (f) {
        fwrite(data, 1, n, f);
        fclose(f);
    }
}

static void put(const char *dir, const char *name, const char *text)
{
    put_bytes(dir, name, text, strlen(text));
}

/*
 * Tasks whose text columns take every path of the join: task_id is
 * distinct (an arena from the first range on); name is distinct in the
 * first half and repeats later (an arena in the file, interned in late
 * ranges); wbs repeats first and is distinct later (interned in the file,
 * an arena in late ranges); sparse has a value on every 9th row only, so
 * its pool-or-arena choice falls in the last range. Around them: bad
 * dates, numbers, links and bools, an empty required cell, ragged rows,
 * blank lines, CRLF line ends, a NUL byte and quoted line breaks.
 */
static void make_tasks(const char *dir, int rows)
{
    sbuf b;
    sb_init(&b);
    sb_puts(&b, "task_id,project_id,name,wbs,start,finish,duration_days,predecessors,constraint,resource,"
                "is_milestone,sparse,notes\n");
    for (int i = 0; i < rows; i++) {
        char name[64], wbs[32], sparse[32], pred[32];
        if (i % 2500 == 17)
            snprintf(name, sizeof name, "\"Task %d\nsecond line\"", i);
        else if (i < rows / 2)
            snprintf(name, sizeof name, "Task %d", i);
        else
            snprintf(name, sizeof name, "Name %d", i % 7);
        if (i < rows / 4)
            snprintf(wbs, sizeof wbs, "W%d", i % 3);
        else
            snprintf(wbs, sizeof wbs, "1.%d", i);
        sparse[0] = '\0';
        if (i % 9 == 0)
            snprintf(sparse, sizeof sparse, "S%d", i);
        if (i % 3 == 0)
            pred[0] = '\0';
        else if (i % 50 == 1)
            snprintf(pred, sizeof pred, "T%05d:XX", i - 1);
        else
            snprintf(pred, sizeof pred, "T%05d;T%05d:SS+2d", i - 1, i / 2);
        sb_printf(&b, "T%05d,%s,%s,%s,%s,2026-05-%02d,%s,%s,%s,R%d,%s,%s,%s", i,
                  i % 997 == 5 ? "" : i % 5 == 0 ? "PRJ-1" : "PRJ-2", name, wbs,
                  i % 1000 == 3 ? "2026-13-01" : "2026-04-01", i % 28 + 1, i % 777 == 1 ? "abc" : "5",
                  pred, i % 2 ? "ASAP" : "ALAP", i % 40, i % 1234 == 9 ? "maybe" : i % 2 ? "no" : "yes",
                  sparse, i % 11 == 0 ? "note" : "");
        if (i % 4999 == 4)
            sb_puts(&b, ",extra");
        if (i == 1234)
            sb_add(&b, "x\0y", 3);
        sb_puts(&b, i % 7 == 0 ? "\r\n" : "\n");
        if (i % 3001 == 2)
            sb_puts(&b, "\n");
        if (i == 8888)
            sb_puts(&b, "T99999,PRJ-1\n"); /* a short row */
    }
    put_bytes(dir, "tasks.csv", b.data, b.len);
    sb_free(&b);
}

static void make_dir(const char *d, int rows)
{
    put(d, "projects.csv", "project_id,name,status,start_date,budget\nPRJ-1,A,active,2026-01-05,\"$1,000\"\n"
                           "PRJ-2,B,closed,2026-02-30,12\nPRJ-3,C,bogus,2026-02-01,x\n");
    sbuf b;
    sb_init(&b);
    sb_puts(&b, "issue_id,project_id,title,priority,status,raised_date\n");
    for (int i = 0; i < 300; i++)
        sb_printf(&b, "I%d,PRJ-%d,Issue %d,%s,%s,2026-03-%02d\n", i, i % 3 + 1, i % 10,
                  i % 3 == 0 ? "high" : i % 3 == 1 ? "low" : "urgent-ish", i % 2 ? "open" : "closed", i % 28 + 1);
    put(d, "issues.csv", b.data);
    sb_free(&b);
    make_tasks(d, rows);
}

static bool same_mem(const void *a, const void *b, size_t n)
{
    return n == 0 || (a && b && memcmp(a, b, n) == 0);
}

static bool same_arena(const pa_arena *a, const pa_arena *b)
{
    return a->len == b->len && a->cap == b->cap && same_mem(a->data, b->data, a->len);
}

static bool same_pool(const strpool *a, const strpool *b)
{
    return a->count == b->count && a->alen == b->alen && a->acap == b->acap && a->cap == b->cap &&
           a->nslots == b->nslots && same_mem(a->arena, b->arena, a->alen) &&
           same_mem(a->off, b->off, a->count * sizeof *a->off) && same_mem(a->len, b->len, a->count * sizeof *a->len) &&
           same_mem(a->slots, b->slots, a->nslots * sizeof *a->slots);
}

/* Every cell that is not null, and every text reference. */
static bool same_cells(const pa_column *a, const pa_column *b, size_t nrows)
{
    size_t es = tab_elem_size(a->type);
    for (size_t r = 0; r < nrows; r++) {
        bool text = a->type == TY_TEXT || a->type == TY_LINKS;
        if ((text || !tab_is_null(a, r)) && memcmp(a->v.u8 + r * es, b->v.u8 + r * es, es) != 0)
            return false;
    }
    return true;
}

static bool same_column(const pa_column *a, const pa_column *b, size_t nrows, size_t cap)
{
    if (strcmp(a->name, b->name) || a->type != b->type || a->csv_pos != b->csv_pos || !a->arena != !b->arena ||
        a->sampled != b->sampled || a->distinct != b->distinct || !same_mem(a->nulls, b->nulls, (cap + 7) / 8) ||
        !same_cells(a, b, nrows))
        return false;
    if (a->arena && !same_arena(a->arena, b->arena))
        return false;
    return a->type != TY_LINKS || same_mem(a->link_start, b->link_start, (nrows + 1) * sizeof *a->link_start);
}

/* Links by their target's text: a target id met again is stored once per
 * table, so ranges loaded apart may keep one id twice where one pass kept
 * it once; the ids, types and lags read the same. */
static bool same_links(const pa_table *a, const pa_table *b)
{
    if (a->nlinks != b->nlinks || a->nlink_lags != b->nlink_lags ||
        !same_mem(a->link_lags, b->link_lags, a->nlink_lags * sizeof *a->link_lags))
        return false;
    for (size_t i = 0; i < a->nlinks; i++) {
        size_t na = 0, nb = 0;
        const char *ia = tab_link_id(a, &a->links[i], &na), *ib = tab_link_id(b, &b->links[i], &nb);
        if (na != nb || memcmp(ia, ib, na) != 0 || a->links[i].tl != b->links[i].tl)
            return false;
    }
    return true;
}

static bool same_table(const pa_table *a, const pa_table *b)
{
    if (strcmp(a->name, b->name) || strcmp(a->file, b->file) || a->ncols != b->ncols || a->nrows != b->nrows ||
        a->cap != b->cap || !same_mem(a->line, b->line, a->nrows * sizeof *a->line) || !same_pool(&a->pool, &b->pool) ||
        !same_links(a, b))
        return false;
    for (int i = 0; i < a->ncols; i++)
        if (!same_column(&a->cols[i], &b->cols[i], a->nrows, a->cap))
            return false;
    return true;
}

static bool same_str(const char *a, const char *b)
{
    return strcmp(a ? a : "", b ? b : "") == 0;
}

static bool same_findings(const pa_findings *a, const pa_findings *b)
{
    if (a->n != b->n)
        return false;
    for (size_t i = 0; i < a->n; i++) {
        const pa_finding *x = &a->v[i], *y = &b->v[i];
        if (strcmp(x->rule, y->rule) || x->line != y->line || strcmp(x->file, y->file) || !same_str(x->key, y->key) ||
            !same_str(x->table, y->table) || !same_str(x->column, y->column) || !same_str(x->value, y->value) ||
            !same_str(x->message, y->message) || !same_str(x->project_id, y->project_id))
            return false;
    }
    return true;
}

static bool same_store(const loaded *a, const loaded *b)
{
    if (a->rc != b->rc || a->st.ntables != b->st.ntables || a->st.nnotes != b->st.nnotes || !same_str(a->err, b->err))
        return false;
    for (int i = 0; i < a->st.ntables; i++)
        if (!same_table(a->st.tables[i], b->st.tables[i]))
            return false;
    for (int i = 0; i < a->st.nnotes; i++)
        if (strcmp(a->st.notes[i], b->st.notes[i]))
            return false;
    return same_findings(&a->f, &b->f);
}

static void path_of(char *path, size_t cap, const char *dir, const char *name)
{
    snprintf(path, cap, "%s/%s", dir, name);
}

static off_t size_of(const char *path)
{
    struct stat sb;
    return stat(path, &sb) == 0 ? sb.st_size : 0;
}

/* Plan, load and check the ranges of one file without joining them. */
static bool joins(const char *dir, const char *file, const char *name, int ranges, int *count)
{
    char path[600];
    path_of(path, sizeof path, dir, file);
    pa_load_opts o = {.jobs = ranges};
    pchunk_plan *p = pchunk_plan_file(path, size_of(path), &o, ranges);
    *count = p ? pchunk_count(p) : 0;
    if (!p)
        return false;
    for (int k = 0; k < *count; k++)
        pchunk_run(p, k, path, path, name, &o);
    bool ok = pchunk_joins(p);
    pchunk_free(p);
    return ok;
}

static void same_as_one_pass(const char *dir)
{
    loaded one, four;
    load_with(&one, dir, 1, 0);
    load_with(&four, dir, 4, 0);
    int n = 0;
    CASE("the task file is cut in 4 ranges whose guesses all hold");
    CHECK(joins(dir, "tasks.csv", "tasks", 4, &n));
    CHECK(n == 4);
    CASE("the fixture takes every text path: arena, pool, and the choice made in a later range");
    const pa_table *t = store_table(&one.st, "tasks");
    CHECK(t && t->nrows == 40001);
    if (t) {
        CHECK(t->cols[tab_column(t, "task_id")].arena != NULL);
        CHECK(t->cols[tab_column(t, "name")].arena != NULL);
        CHECK(t->cols[tab_column(t, "wbs")].arena == NULL);
        CHECK(t->cols[tab_column(t, "sparse")].arena != NULL);
        CHECK(t->cols[tab_column(t, "resource")].arena == NULL);
    }
    CASE("4 ranges give the store of one pass: pool, arenas, cells, nulls, lines, links");
    CHECK(one.rc == 0 && four.rc == 0);
    CHECK(same_store(&one, &four));
    CASE("and the same DAT-001/002/005 findings at the same lines");
    CHECK(one.f.n > 100);
    CHECK(same_findings(&one.f, &four.f));
    unload(&one);
    unload(&four);
}

/* A quoted cell with line breaks across the middle of the file. */
static void fallback(const char *dir)
{
    sbuf b;
    sb_init(&b);
    sb_puts(&b, "task_id,project_id,name\nT1,PRJ-1,short\nT2,PRJ-1,\"long");
    for (int i = 0; i < 300; i++)
        sb_printf(&b, "\nline %d", i);
    sb_puts(&b, "\"\nT3,PRJ-2,x\nT4,PRJ-2,2026-13-01\n");
    put(dir, "tasks.csv", b.data);
    sb_free(&b);
    int n = 0;
    CASE("a quoted line break across the cut: the guess is caught");
    CHECK(!joins(dir, "tasks.csv", "tasks", 2, &n));
    CHECK(n == 2);
    CASE("-j 256 on a small file: no range under an eighth of the size floor");
    char path[600];
    path_of(path, sizeof path, dir, "tasks.csv");
    pa_load_opts o = {.jobs = 256};
    off_t size = size_of(path);
    pchunk_plan *p = pchunk_plan_file(path, size, &o, 256);
    CHECK(p && pchunk_count(p) >= 2 && pchunk_count(p) <= size / 125);
    for (int k = 0; p && k < pchunk_count(p); k++)
        CHECK(pchunk_size(p, k) >= 125 || k == pchunk_count(p) - 1);
    pchunk_free(p);
    loaded one, two;
    load_with(&one, dir, 1, 0);
    load_with(&two, dir, 2, 0);
    CASE("and the file is loaded in one pass instead, with the same result");
    CHECK(one.rc == 0);
    CHECK(same_store(&one, &two));
    unload(&one);
    unload(&two);
}

/* Errors in a late range, and the row limit across ranges. */
static void errors(const char *dir)
{
    make_tasks(dir, 3000);
    loaded one, four;
    load_with(&one, dir, 1, 2500);
    load_with(&four, dir, 4, 2500);
    CASE("--max-rows counts the rows of every range: the one-pass error");
    CHECK(one.rc == -1 && four.rc == -1);
    CHECK(same_str(one.err, four.err));
    CHECK(one.err && strstr(one.err, "more than 2500 data rows") != NULL);
    unload(&one);
    unload(&four);
    char path[600];
    path_of(path, sizeof path, dir, "tasks.csv");
    FILE *f = fopen(path, "ab");
    if (f) {
        fputs("T77777,PRJ-1,bad\"quote,1\n", f);
        fclose(f);
    }
    load_with(&one, dir, 1, 0);
    load_with(&four, dir, 4, 0);
    CASE("malformed CSV in the last range: the one-pass message, line and column");
    CHECK(one.rc == -1 && four.rc == -1);
    CHECK(same_str(one.err, four.err));
    CHECK(one.err && strstr(one.err, "malformed quoting") != NULL);
    unload(&one);
    unload(&four);
}

void suite_chunk(void)
{
    char dir[] = "/tmp/pmoaudit-chunk.XXXXXX";
    if (!mkdtemp(dir)) {
        CASE("a temporary directory for the range-load tests");
        CHECK(0);
        return;
    }
    setenv("PMOAUDIT_CHUNK_BYTES", "1000", 1);
    make_dir(dir, 40000);
    same_as_one_pass(dir);
    errors(dir);
    fallback(dir);
    unsetenv("PMOAUDIT_CHUNK_BYTES");
    const char *files[] = {"projects.csv", "issues.csv", "tasks.csv"};
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        char path[600];
        path_of(path, sizeof path, dir, files[i]);
        unlink(path);
    }
    rmdir(dir);
}
