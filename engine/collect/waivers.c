/*
 * collect/waivers.c - loading waivers and applying them to findings. Waivers are
 * looked up by finding key and by fingerprint through string pools, so
 * applying them costs a hash lookup per finding whatever their number.
 */
#include "collect/waivers.h"
#include "load/csv_read.h"
#include "lua/data_file.h"
#include "lua/tokens.h"
#include "core/strpool.h"
#include "core/util.h"

#include <fnmatch.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

enum { W_RULE, W_KEY, W_FP, W_REASON, W_APPROVER, W_EXPIRES, W_NCOLS };
static const char *const wcols[W_NCOLS + 1] = {"rule", "key", "fingerprint", "reason", "approved_by", "expires", NULL};

typedef struct {
    pa_report *r;
    const char *path;
    int pos[W_NCOLS];   /* header position of each column, -1 when absent */
    char *cells[W_NCOLS];
    bool header_done;
    size_t ncap;
    char *err;
} wload;

static void on_field(void *ud, size_t index, const char *data, size_t len, uint32_t line)
{
    wload *w = ud;
    (void)line;
    if (w->err)
        return;
    if (!w->header_done) {
        char name[64];
        val_norm_header(data ? data : "", data ? len : 0, name, sizeof name);
        for (int k = 0; k < W_NCOLS; k++)
            if (strcmp(name, wcols[k]) == 0 && w->pos[k] < 0)
                w->pos[k] = (int)index;
        return;
    }
    for (int k = 0; k < W_NCOLS; k++) {
        if (w->pos[k] == (int)index && data) {
            const char *s = data;
            size_t n = len;
            str_trim(&s, &n);
            free(w->cells[k]);
            w->cells[k] = n ? xstrndup(s, n) : NULL;
        }
    }
}

static bool header_ok(wload *w)
{
    if (w->pos[W_REASON] < 0 || w->pos[W_APPROVER] < 0 || (w->pos[W_FP] < 0 && w->pos[W_RULE] < 0)) {
        w->err = xasprintf("%s:1: a waiver file needs the columns rule, key (or fingerprint), reason, "
                           "approved_by and expires", w->path);
        return false;
    }
    return true;
}

/* Check one waiver (the cells, which it takes) and add it; false with
 * *err when malformed. where is "file:line" or "file:line: waiver N". */
static bool add_cells(pa_report *r, size_t *cap, const char *file, uint32_t line, const char *where, char **c,
                      char **err)
{
    const char *why = NULL;
    pa_date expires = 0;
    if (!c[W_FP] && !(c[W_RULE] && c[W_KEY]))
        why = "a waiver needs a rule and a key, or a fingerprint";
    else if (!c[W_REASON])
        why = "the reason is empty: say why the exception is accepted";
    else if (!c[W_APPROVER])
        why = "approved_by is empty: say who accepted the exception";
    else if (c[W_EXPIRES] && !val_parse_date(c[W_EXPIRES], strlen(c[W_EXPIRES]), &expires))
        why = "expires is not a date YYYY-MM-DD";
    if (why) {
        *err = xasprintf("%s: %s", where, why);
        for (int k = 0; k < W_NCOLS; k++) {
            free(c[k]);
            c[k] = NULL;
        }
        return false;
    }
    GROW(r->waivers, *cap, (size_t)r->nwaivers + 1);
    pa_waiver *x = &r->waivers[r->nwaivers++];
    memset(x, 0, sizeof *x);
    x->rule = c[W_RULE];
    x->key = c[W_KEY];
    x->fingerprint = c[W_FP];
    x->reason = c[W_REASON];
    x->approved_by = c[W_APPROVER];
    x->has_expiry = c[W_EXPIRES] != NULL;
    x->expires = expires;
    x->file = file;
    x->line = line;
    x->expired = x->has_expiry && expires < r->T;
    free(c[W_EXPIRES]);
    for (int k = 0; k < W_NCOLS; k++)
        c[k] = NULL;
    return true;
}

static bool add_waiver(wload *w, uint32_t line)
{
    char *loc = xasprintf("%s:%u", w->path, line);
    bool ok = add_cells(w->r, &w->ncap, w->path, line, loc, w->cells, &w->err);
    free(loc);
    return ok;
}

static bool on_row(void *ud, size_t nfields, uint32_t line)
{
    wload *w = ud;
    (void)nfields;
    if (!w->header_done) {
        w->header_done = true;
        return header_ok(w);
    }
    return add_waiver(w, line);
}

int waivers_load(pa_report *r, const char *path, char **err)
{
    size_t n = strlen(path);
    if (n > 4 && strcmp(path + n - 4, ".lua") == 0)
        return waivers_load_lua(r, path, err);
    wload w;
    memset(&w, 0, sizeof w);
    w.r = r;
    w.path = path;
    for (int k = 0; k < W_NCOLS; k++)
        w.pos[k] = -1;
    r->waivers_path = path;
    csvr_opts o = {on_field, on_row, &w, 0, 0, NULL, NULL, NULL};
    csvr_error e;
    int rc = csvr_file(path, &o, &e);
    for (int k = 0; k < W_NCOLS; k++)
        free(w.cells[k]);
    if (w.err) {
        *err = w.err;
        return -1;
    }
    if (rc == CSVR_EIO) {
        *err = xasprintf("%s: cannot read the waivers: %s", path, e.message);
        return -1;
    }
    if (rc != CSVR_OK) {
        *err = e.column ? xasprintf("%s:%u:%u: %s", path, e.line, e.column, e.message)
                        : xasprintf("%s:%u: %s", path, e.line, e.message);
        return -1;
    }
    if (!w.header_done) {
        *err = xasprintf("%s:1: the waiver file is empty: it needs a header row", path);
        return -1;
    }
    return 0;
}

/* ---- Lua waiver files, and the config's inline waivers ---- */

#define WAIVERS_BUDGET_MSG "the file runs too long (it should only list waivers)"

typedef struct {
    pa_report *r;
    const char *path;
    size_t cap;
    char *err;
} lload;

/* Copy the fields of the waiver table t into cells; false on a bad field. */
static bool lua_cells(ldf_file *f, ldf_val t, char **cells, const char **bad)
{
    ldf_val key = 0, val = 0;
    while (ldf_next(f, t, &key, &val)) {
        const char *k = ldf_type(f, key) == LDF_STRING ? ldf_string(f, key, NULL) : "?";
        bool known = false;
        for (int c = 0; c < W_NCOLS; c++)
            known |= strcmp(k, wcols[c]) == 0;
        if (!known) {
            *bad = k;
            return false;
        }
    }
    for (int c = 0; c < W_NCOLS; c++) {
        size_t n;
        const char *s = ldf_string(f, ldf_field(f, t, wcols[c]), &n);
        if (s)
            str_trim(&s, &n);
        cells[c] = s && n ? xstrndup(s, n) : NULL;
    }
    return true;
}

/* One waiver table: checked, added, or *err set with where it is. */
static bool lua_waiver(ldf_file *f, lload *ld, ldf_val t, int line, int entry)
{
    char *where = entry ? xasprintf("%s:%d: waiver %d", ld->path, line, entry) : xasprintf("%s:%d", ld->path, line);
    char *cells[W_NCOLS] = {0};
    const char *bad = NULL;
    bool ok;
    if (ldf_type(f, t) != LDF_TABLE) {
        ld->err = xasprintf("%s: a waiver is a table {rule = ..., key = ..., reason = ..., approved_by = ..., "
                            "expires = ...}", where);
        ok = false;
    } else if (!lua_cells(f, t, cells, &bad)) {
        const char *s = str_suggest(bad, wcols);
        ld->err = xasprintf("%s: unknown waiver field '%s'%s%s%s", where, bad, s ? " (did you mean '" : "",
                            s ? s : "", s ? "'?)" : "");
        ok = false;
    } else {
        ok = add_cells(ld->r, &ld->cap, ld->path, (uint32_t)line, where, cells, &ld->err);
    }
    free(where);
    return ok;
}

/* waiver{...} in a Lua waiver file: added at once, at its line. */
static const char *l_waiver(ldf_file *f, ldf_val arg, int line, void *ud)
{
    lload *ld = ud;
    if (!ld->err && !lua_waiver(f, ld, arg, line, 0))
        return ld->err;
    return NULL;
}

/* The line of each entry of the source's `waivers = { {...}, {...} }`
 * (0 where the list is built some other way): Lua itself only knows the
 * line of the whole assignment. */
static int *entry_lines(const char *text, size_t len, size_t n)
{
    int *lines = xcalloc(n + 1, sizeof *lines);
    size_t nt;
    lscan_tok *t = lscan_tokens(text, len, &nt);
    size_t i = 0;
    while (i + 2 < nt && !(lscan_is(&t[i], "waivers") && lscan_is(&t[i + 1], "=") && lscan_is(&t[i + 2], "{")))
        i++;
    int depth = 0;
    size_t k = 0;
    for (i += 2; i < nt && k < n; i++) {
        if (lscan_is(&t[i], "{") && ++depth == 2)
            lines[k++] = t[i].line;
        else if (lscan_is(&t[i], "}") && --depth == 0)
            break;
    }
    if (k != n) /* not one table constructor per entry: do not guess */
        memset(lines, 0, (n + 1) * sizeof *lines);
    free(t);
    return lines;
}

/* The list `waivers = { {...}, ... }` the file assigned, each entry located. */
static void list_waivers(ldf_file *f, lload *ld, const char *text, size_t len)
{
    ldf_val list = ldf_rawfield(f, ldf_globals(f), "waivers", 7);
    if (ldf_type(f, list) != LDF_TABLE)
        return;
    int line = ldf_line_of(f, "waivers");
    size_t n = ldf_len(f, list);
    int *lines = entry_lines(text, len, n);
    for (size_t i = 1; i <= n && !ld->err; i++) {
        int mark = ldf_mark(f);
        lua_waiver(f, ld, ldf_index(f, list, (long long)i), lines[i - 1] ? lines[i - 1] : line,
                   lines[i - 1] ? 0 : (int)i);
        ldf_release(f, mark);
    }
    free(lines);
}

/*
 * A Lua file of waivers: `waiver{...}` calls, each located at its line, or
 * a list `waivers = { {...}, ... }`, located at the assignment and the
 * entry's position (the config file's inline waivers are read this way).
 * Plain data in the data-file sandbox (lua/data_file.c): text only, an
 * instruction budget, a memory cap.
 */
int waivers_load_lua(pa_report *r, const char *path, char **err)
{
    size_t len;
    char *text = read_whole_file(path, &len);
    if (!text) {
        *err = xasprintf("%s: cannot read the waivers (%s)", path, xstrerror(errno));
        return -1;
    }
    r->waivers_path = path;
    lload ld = {r, path, (size_t)r->nwaivers, NULL};
    ldf_opts opts = {.budget_msg = WAIVERS_BUDGET_MSG};
    ldf_file *f = ldf_new(&opts);
    char *lerr = NULL;
    int st = f ? LDF_OK : LDF_EMEM;
    if (f) {
        ldf_define(f, "waiver", l_waiver, &ld);
        char *chunk = xasprintf("@%s", path);
        st = ldf_run(f, text, len, chunk, NULL, &lerr);
        free(chunk);
        if (st == LDF_OK)
            list_waivers(f, &ld, text, len);
    }
    int rc = 0;
    if (ld.err) {
        *err = ld.err;
        rc = -1;
    } else if (st == LDF_EMEM) {
        *err = xasprintf("%s: not enough memory (a Lua data file may hold %zu MiB)", path, LDF_MEM >> 20);
        rc = -1;
    } else if (st != LDF_OK || (f && ldf_error(f))) {
        *err = xstrdup(lerr ? lerr : ldf_error(f));
        rc = -1;
    }
    free(lerr);
    ldf_free(f);
    free(text);
    return rc;
}

/*
 * Waivers are indexed twice: by key and by fingerprint, each a string pool
 * whose ids lead to chains of waivers (next[]). A finding then checks only
 * the waivers with its key or its fingerprint, and the rule glob last.
 */
void waivers_apply(pa_report *r)
{
    int n = r->nwaivers;
    if (n == 0)
        return;
    strpool keys, fps;
    sp_init(&keys);
    sp_init(&fps);
    int *by_key = xmalloc(((size_t)n + 2) * sizeof *by_key), *by_fp = xmalloc(((size_t)n + 2) * sizeof *by_fp);
    int *next = xmalloc((size_t)n * sizeof *next);
    for (int i = 0; i < n + 2; i++)
        by_key[i] = by_fp[i] = -1;
    for (int i = n - 1; i >= 0; i--) { /* chains keep file order */
        pa_waiver *x = &r->waivers[i];
        if (x->fingerprint) {
            uint32_t id = sp_intern(&fps, x->fingerprint, strlen(x->fingerprint));
            next[i] = by_fp[id];
            by_fp[id] = i;
        } else {
            uint32_t id = sp_intern(&keys, x->key, strlen(x->key));
            next[i] = by_key[id];
            by_key[id] = i;
        }
    }
    for (size_t k = 0; k < r->all.n; k++) {
        pa_finding *f = &r->all.v[k];
        uint32_t fid = sp_find(&fps, f->fingerprint, strlen(f->fingerprint));
        uint32_t kid = f->key ? sp_find(&keys, f->key, strlen(f->key)) : 0;
        int chains[2] = {fid ? by_fp[fid] : -1, kid ? by_key[kid] : -1};
        for (int c = 0; c < 2 && !f->waived; c++) {
            for (int i = chains[c]; i >= 0; i = next[i]) {
                pa_waiver *x = &r->waivers[i];
                if (x->rule && fnmatch(x->rule, f->rule, 0) != 0)
                    continue;
                x->matched++;
                if (!x->expired) {
                    f->waived = true;
                    f->waiver = x;
                    break;
                }
            }
        }
    }
    free(by_key);
    free(by_fp);
    free(next);
    sp_free(&keys);
    sp_free(&fps);
}
