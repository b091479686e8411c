/*
 * waiver.c - loading waivers and applying them to findings. Waivers are
 * looked up by finding key and by fingerprint through string pools, so
 * applying them costs a hash lookup per finding whatever their number.
 */
#include "waiver.h"
#include "csvread.h"
#include "strpool.h"
#include "util.h"

#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>

enum { W_RULE, W_KEY, W_FP, W_REASON, W_APPROVER, W_EXPIRES, W_NCOLS };
static const char *const wcols[W_NCOLS] = {"rule", "key", "fingerprint", "reason", "approved_by", "expires"};

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

/* Check one waiver row and add it; false with w->err when malformed. */
static bool add_waiver(wload *w, uint32_t line)
{
    char **c = w->cells;
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
        w->err = xasprintf("%s:%u: %s", w->path, line, why);
        return false;
    }
    pa_report *r = w->r;
    GROW(r->waivers, w->ncap, (size_t)r->nwaivers + 1);
    pa_waiver *x = &r->waivers[r->nwaivers++];
    memset(x, 0, sizeof *x);
    x->rule = c[W_RULE];
    x->key = c[W_KEY];
    x->fingerprint = c[W_FP];
    x->reason = c[W_REASON];
    x->approved_by = c[W_APPROVER];
    x->has_expiry = c[W_EXPIRES] != NULL;
    x->expires = expires;
    x->file = w->path;
    x->line = line;
    x->expired = x->has_expiry && expires < r->T;
    free(c[W_EXPIRES]);
    memset(c, 0, sizeof w->cells);
    return true;
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
    wload w;
    memset(&w, 0, sizeof w);
    w.r = r;
    w.path = path;
    for (int k = 0; k < W_NCOLS; k++)
        w.pos[k] = -1;
    r->waivers_path = path;
    csvr_opts o = {on_field, on_row, &w, 0, 0, NULL, NULL};
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

void waivers_free(pa_report *r)
{
    for (int i = 0; i < r->nwaivers; i++) {
        pa_waiver *x = &r->waivers[i];
        free(x->rule);
        free(x->key);
        free(x->fingerprint);
        free(x->reason);
        free(x->approved_by);
    }
    free(r->waivers);
    r->waivers = NULL;
    r->nwaivers = 0;
}
