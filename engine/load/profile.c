/*
 * load/profile.c - import profiles: reshaping another tool's export into the
 * data model's tables.
 *
 * A profile is a Lua file that returns a table: defaults (delimiter,
 * encoding, date_format) and, per target table, the files that feed it
 * (globs in the data directory), where the header is, rows to keep (where)
 * or drop, and its columns: a source header to rename, a constant, a value
 * map, a date layout, or a Lua function of the source row. It runs as a
 * Lua data file (lua/data_file.c): the rules' sandbox (base, string, table,
 * math and utf8 only; text mode), an instruction budget for the file and
 * one per call of its functions, and a memory cap.
 *
 * Each source file is read whole with csvread into a grid of cells (exports
 * are spreadsheet-sized; a whole grid also lets a transposed file, with
 * one column per record, be turned round). The mapped rows are then fed to
 * the loader's table sink (load_begin .. load_end) as if they were a
 * canonical CSV, so typing, DAT findings and line numbers are the same as
 * for a plain file: each row keeps the line where it started in its source.
 */
#include "load/profile.h"
#include "lua/data_file.h"
#include "core/embedded.h"
#include "model/date_format.h"
#include "load/dialect.h"
#include "model/schema.h"
#include "model/value.h"

#include <dirent.h>
#include <fnmatch.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BUDGET_LOAD 50000000u /* instructions to run the profile file itself */
#define BUDGET_ROW 1000000u   /* instructions per call of one of its functions */
#define BUDGET_MSG "the profile ran past its instruction budget"

typedef struct {
    char *target;   /* column of the table */
    char *from;     /* source header, or NULL */
    char *constant; /* a constant value (NULL: none) */
    ldf_val fn;     /* function(row) or, with from, function(value, row); 0: none */
    ldf_val map;    /* value map table; 0: none */
    char *date;     /* date layout of this column */
    int pos;        /* source position of `from` in the current file, or -1 */
} colspec;

typedef struct {
    char *name;
    char **globs;
    int nglobs;
    int header_row;  /* 1-based record number of the header */
    bool transpose;  /* records run down the columns */
    bool keep_other; /* unmapped source columns become extra columns */
    char delim;
    char *encoding, *date;
    ldf_val where, drop; /* functions of the row; 0: none */
    ldf_val joins;       /* { name = { file =, key =, header_row = } }; 0: none */
    char *distinct;  /* keep the first row for each value of this column */
    colspec *cols;
    int ncols;
} tabspec;

struct pa_profile {
    ldf_file *df;
    char *origin;
    char delim;
    char *encoding, *date;
    tabspec *t;
    int nt;
    char **shaped; /* files whose row shapes were already reported (by another table) */
    int nshaped;
    ldf_field_init *fields; /* a source row's fields (row_value), reused */
    size_t fieldcap;
    char *norms; /* their normalised header names, 256 bytes each */
    size_t normcap;
};

/* ---- reading the profile's table ------------------------------------------ */

typedef struct {
    pa_profile *p;
    const char *where; /* "tables.tasks.columns.status" */
    char *err;
} reader;

static bool bad(reader *r, const char *fmt, const char *a, const char *b)
{
    if (!r->err) {
        char *m = xasprintf(fmt, a ? a : "", b ? b : "");
        r->err = xasprintf("%s: %s%s%s", r->p->origin, r->where, r->where[0] ? ": " : "", m);
        free(m);
    }
    return false;
}

/* Every string key of table t must be one of keys. */
static bool only_keys(reader *r, ldf_val t, const char *const *keys)
{
    ldf_file *f = r->p->df;
    int mark = ldf_mark(f);
    ldf_val key = 0, val = 0;
    bool ok = true;
    while (ok && ldf_next(f, t, &key, &val)) {
        const char *k = ldf_string(f, key, NULL);
        ok = false;
        for (int i = 0; k && keys[i]; i++)
            ok |= strcmp(k, keys[i]) == 0;
        if (!ok) {
            const char *s = k ? str_suggest(k, keys) : NULL;
            char *hint = s ? xasprintf(" (did you mean '%s'?)", s) : xstrdup("");
            bad(r, "unknown key '%s'%s", k ? k : "?", hint);
            free(hint);
        }
    }
    ldf_release(f, mark);
    return ok;
}

/* Field k of table t as a string copy (NULL when nil). */
static bool opt_string(reader *r, ldf_val t, const char *k, char **out)
{
    ldf_file *f = r->p->df;
    int mark = ldf_mark(f);
    ldf_val v = ldf_field(f, t, k);
    int ty = ldf_type(f, v);
    *out = ty == LDF_STRING ? xstrdup(ldf_string(f, v, NULL)) : NULL;
    ldf_release(f, mark);
    if (ty != LDF_NIL && ty != LDF_STRING)
        return bad(r, "'%s' must be a string", k, NULL);
    return true;
}

/* Field k of table t when it is of the type (a handle kept for the
 * profile's life), else 0; another type than nil is an error. */
static ldf_val opt_ref(reader *r, ldf_val t, const char *k, int type, bool *ok)
{
    ldf_file *f = r->p->df;
    ldf_val v = ldf_field(f, t, k);
    if (ldf_type(f, v) == type)
        return v;
    if (v)
        *ok = bad(r, "'%s' must be a %s", k, type == LDF_FUNCTION ? "function" : "table");
    return 0;
}

static bool dialect_fields(reader *r, ldf_val idx, char *delim, char **enc, char **date)
{
    char *d = NULL;
    if (!opt_string(r, idx, "delimiter", &d) || !opt_string(r, idx, "encoding", enc) ||
        !opt_string(r, idx, "date_format", date)) {
        free(d);
        return false;
    }
    if (d && !(*delim = dia_parse_delim(d))) {
        free(d);
        return bad(r, "'delimiter' must be one of , ; | tab", NULL, NULL);
    }
    free(d);
    if (*enc && !dia_encoding_name(*enc))
        return bad(r, "unknown encoding '%s' (known: %s)", *enc, dia_encodings_help);
    if (*date && dfmt_check(*date))
        return bad(r, "date_format '%s': %s", *date, dfmt_check(*date));
    return true;
}

/* One entry of columns (the value idx, whose handle a function keeps). */
static bool read_column(reader *r, tabspec *t, const char *target, ldf_val idx)
{
    ldf_file *f = r->p->df;
    t->cols = xrealloc(t->cols, (size_t)(t->ncols + 1) * sizeof *t->cols);
    colspec *c = &t->cols[t->ncols++];
    memset(c, 0, sizeof *c);
    c->target = xstrdup(target);
    c->pos = -1;
    int ty = ldf_type(f, idx);
    if (ty == LDF_STRING) {
        c->from = xstrdup(ldf_string(f, idx, NULL));
        return true;
    }
    if (ty == LDF_FUNCTION) {
        c->fn = idx;
        return true;
    }
    if (ty != LDF_TABLE)
        return bad(r, "column '%s' must be a source header (string), a function(row), or a table "
                      "{ from =, value =, map =, date =, fn = }", target, NULL);
    static const char *const keys[] = {"from", "value", "map", "date", "fn", NULL};
    if (!only_keys(r, idx, keys) || !opt_string(r, idx, "from", &c->from) || !opt_string(r, idx, "date", &c->date))
        return false;
    if (c->date && dfmt_check(c->date))
        return bad(r, "date '%s': %s", c->date, dfmt_check(c->date));
    ldf_val value = ldf_field(f, idx, "value");
    int vt = ldf_type(f, value);
    if (vt == LDF_STRING || vt == LDF_NUMBER) {
        sbuf b;
        sb_init(&b);
        if (ldf_tostring(f, value, &b))
            c->constant = sb_steal(&b);
        sb_free(&b);
    } else if (vt == LDF_BOOLEAN) {
        c->constant = xstrdup(ldf_truthy(f, value) ? "true" : "false");
    }
    if (vt != LDF_NIL && !c->constant)
        return bad(r, "column '%s': 'value' must be a string, number or boolean", target, NULL);
    bool ok = true;
    c->map = opt_ref(r, idx, "map", LDF_TABLE, &ok);
    c->fn = opt_ref(r, idx, "fn", LDF_FUNCTION, &ok);
    if (ok && !c->from && !c->constant && !c->fn)
        return bad(r, "column '%s' needs 'from', 'value' or 'fn'", target, NULL);
    return ok;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void free_tab(tabspec *t)
{
    for (int i = 0; i < t->nglobs; i++)
        free(t->globs[i]);
    free(t->globs);
    for (int i = 0; i < t->ncols; i++) {
        colspec *c = &t->cols[i];
        free(c->target);
        free(c->from);
        free(c->constant);
        free(c->date);
    }
    free(t->cols); /* the functions' and maps' handles go with the state */
    free(t->name);
    free(t->encoding);
    free(t->date);
    free(t->distinct);
    memset(t, 0, sizeof *t);
}

/* The columns of table spec t: each entry in sorted order, so that errors
 * and the column order are stable. */
static bool read_columns(reader *r, tabspec *t, ldf_val cols)
{
    ldf_file *f = r->p->df;
    if (ldf_type(f, cols) != LDF_TABLE)
        return bad(r, "'columns' must map the table's columns to their sources", NULL, NULL);
    char **names = NULL;
    size_t n = 0, cap = 0;
    int mark = ldf_mark(f);
    ldf_val key = 0, val = 0;
    bool ok = true;
    while (ok && ldf_next(f, cols, &key, &val)) {
        ok = ldf_type(f, key) == LDF_STRING;
        if (ok) {
            GROW(names, cap, n + 1);
            names[n++] = xstrdup(ldf_string(f, key, NULL));
        }
    }
    ldf_release(f, mark);
    if (!ok) {
        for (size_t i = 0; i < n; i++)
            free(names[i]);
        free(names);
        return bad(r, "'columns' keys must be column names", NULL, NULL);
    }
    if (n > 1)
        qsort(names, n, sizeof *names, cmp_str);
    for (size_t i = 0; i < n && ok; i++) {
        char norm[128];
        val_norm_header(names[i], strlen(names[i]), norm, sizeof norm);
        ok = read_column(r, t, norm, ldf_field(f, cols, names[i]));
    }
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
    return ok;
}

/* file = "glob" or files = {"glob", ...}: the files that feed table t. */
static void read_globs(ldf_file *f, ldf_val idx, tabspec *t)
{
    int mark = ldf_mark(f);
    ldf_val files = ldf_field(f, idx, "files");
    if (!files)
        files = ldf_field(f, idx, "file");
    if (ldf_type(f, files) == LDF_STRING) {
        t->globs = xmalloc(sizeof *t->globs);
        t->globs[t->nglobs++] = xstrdup(ldf_string(f, files, NULL));
    } else if (ldf_type(f, files) == LDF_TABLE) {
        size_t n = ldf_len(f, files);
        t->globs = xcalloc(n + 1, sizeof *t->globs);
        for (size_t i = 1; i <= n; i++) {
            const char *g = ldf_string(f, ldf_index(f, files, (long long)i), NULL);
            if (g)
                t->globs[t->nglobs++] = xstrdup(g);
        }
    }
    ldf_release(f, mark);
}

/* tables.<name> = { file(s) = ..., columns = {...}, ... } (the table idx). */
static bool read_table(reader *r, const char *name, ldf_val idx, tabspec *t)
{
    ldf_file *f = r->p->df;
    static const char *const keys[] = {"file",      "files",     "header_row",  "transpose", "keep_other",
                                       "delimiter", "encoding",  "date_format", "where",     "drop",
                                       "distinct",  "columns",   "join",        NULL};
    memset(t, 0, sizeof *t);
    t->name = xstrdup(name);
    t->header_row = 1;
    t->keep_other = true;
    if (!only_keys(r, idx, keys) || !dialect_fields(r, idx, &t->delim, &t->encoding, &t->date) ||
        !opt_string(r, idx, "distinct", &t->distinct))
        return false;
    read_globs(f, idx, t);
    if (t->nglobs == 0)
        return bad(r, "'file' must name the file (or a glob such as \"*.csv\") that feeds the table", NULL, NULL);
    ldf_val hr = ldf_field(f, idx, "header_row");
    if (hr) {
        if (!ldf_is_integer(f, hr) || ldf_integer(f, hr) < 1 || ldf_integer(f, hr) > 1000)
            return bad(r, "'header_row' must be a record number from 1 to 1000", NULL, NULL);
        t->header_row = (int)ldf_integer(f, hr);
    }
    ldf_val flag = ldf_field(f, idx, "transpose");
    if (ldf_type(f, flag) == LDF_BOOLEAN)
        t->transpose = ldf_truthy(f, flag);
    flag = ldf_field(f, idx, "keep_other");
    if (ldf_type(f, flag) == LDF_BOOLEAN)
        t->keep_other = ldf_truthy(f, flag);
    bool ok = true;
    t->where = opt_ref(r, idx, "where", LDF_FUNCTION, &ok);
    t->drop = opt_ref(r, idx, "drop", LDF_FUNCTION, &ok);
    t->joins = opt_ref(r, idx, "join", LDF_TABLE, &ok);
    if (!ok)
        return false;
    ldf_val cols = ldf_field(f, idx, "columns");
    return !cols || read_columns(r, t, cols);
}

/* tables = {...} (the table idx): add or replace each table's spec. */
static bool read_tables(reader *r, ldf_val idx)
{
    ldf_file *f = r->p->df;
    pa_profile *p = r->p;
    if (ldf_type(f, idx) != LDF_TABLE)
        return bad(r, "'tables' must map table names to their specs", NULL, NULL);
    size_t n;
    char **names = ldf_sorted_keys(f, idx, &n);
    bool ok = true;
    for (size_t i = 0; i < n; i++) {
        char where[160];
        snprintf(where, sizeof where, "tables.%s", names[i]);
        const char *saved = r->where;
        r->where = where;
        ldf_val spec = ok ? ldf_field(f, idx, names[i]) : 0;
        if (ok && ldf_type(f, spec) != LDF_TABLE) {
            ok = bad(r, "must be a table spec { file = ..., columns = {...} }", NULL, NULL);
        } else if (ok) {
            tabspec t;
            ok = read_table(r, names[i], spec, &t);
            int k = 0;
            while (k < p->nt && strcmp(p->t[k].name, names[i]) != 0)
                k++;
            if (!ok) {
                free_tab(&t);
            } else if (k < p->nt) {
                free_tab(&p->t[k]);
                p->t[k] = t;
            } else {
                p->t = xrealloc(p->t, (size_t)(p->nt + 1) * sizeof *p->t);
                p->t[p->nt++] = t;
            }
        }
        r->where = saved;
        free(names[i]);
    }
    free(names);
    return ok;
}

static const pa_embedded *find_bundled(const char *name)
{
    char want[300];
    snprintf(want, sizeof want, "profiles/%s.lua", name);
    for (int i = 0; builtin_profiles[i].path; i++)
        if (strcmp(builtin_profiles[i].path, want) == 0)
            return &builtin_profiles[i];
    return NULL;
}

int prof_bundled(int i, const char **name, const char **description)
{
    if (i < 0 || !builtin_profiles[i].path)
        return 0;
    static _Thread_local char nm[128], desc[256];
    const char *path = builtin_profiles[i].path;
    const char *b = strrchr(path, '/');
    snprintf(nm, sizeof nm, "%.*s", (int)(strlen(b + 1) - 4), b + 1);
    /* the first line is "-- name: description" */
    const char *t = builtin_profiles[i].text, *dash = strstr(t, ": ");
    const char *eol = strchr(t, '\n');
    snprintf(desc, sizeof desc, "%.*s", dash && eol && dash < eol ? (int)(eol - dash - 2) : 0, dash ? dash + 2 : "");
    *name = nm;
    *description = desc;
    return 1;
}

/* Run a chunk that returns a table, *ret. */
static bool run_chunk(reader *r, const char *text, size_t len, const char *chunkname, ldf_val *ret)
{
    char *err = NULL;
    int st = ldf_run(r->p->df, text, len, chunkname, ret, &err);
    if (st == LDF_EBINARY) {
        free(err);
        return bad(r, "binary chunks are not accepted", NULL, NULL);
    }
    if (st != LDF_OK) {
        if (!r->err)
            r->err = err;
        else
            free(err);
        return false;
    }
    if (ldf_type(r->p->df, *ret) != LDF_TABLE)
        return bad(r, "a profile must return a table: return { tables = {...} }", NULL, NULL);
    return true;
}

static bool read_profile(reader *r, const char *name)
{
    pa_profile *p = r->p;
    const pa_embedded *e = NULL;
    size_t len = strchr(name, '/') ? 0 : strlen(name);
    bool is_path = strchr(name, '/') || (len > 4 && strcmp(name + len - 4, ".lua") == 0);
    char *text = NULL;
    if (!is_path && !(e = find_bundled(name))) {
        sbuf b;
        sb_init(&b);
        const char *n, *d;
        for (int i = 0; prof_bundled(i, &n, &d); i++)
            sb_printf(&b, "%s%s", i ? ", " : "", n);
        r->err = xasprintf("no import profile '%s' (bundled: %s; or give a path to a .lua file)", name,
                           b.data ? b.data : "none");
        sb_free(&b);
        return false;
    }
    if (is_path && !(text = read_whole_file(name, &len))) {
        r->err = xasprintf("%s: cannot read the profile (%s)", name, xstrerror(errno));
        return false;
    }
    char *chunk = xasprintf("@%s", e ? e->path : name);
    ldf_val idx;
    bool ok = run_chunk(r, e ? e->text : text, e ? e->len : len, chunk, &idx);
    free(chunk);
    free(text);
    if (!ok)
        return false;
    static const char *const keys[] = {"name", "description", "delimiter", "encoding", "date_format", "tables",
                                       NULL};
    ok = only_keys(r, idx, keys) && dialect_fields(r, idx, &p->delim, &p->encoding, &p->date);
    if (ok)
        ok = read_tables(r, ldf_field(p->df, idx, "tables"));
    return ok;
}

pa_profile *prof_load(const char *name, const char *tables_src, const char *origin, char **err)
{
    pa_profile *p = xcalloc(1, sizeof *p);
    ldf_opts opts = {BUDGET_LOAD, BUDGET_ROW, 0, BUDGET_MSG, 0};
    p->df = ldf_new(&opts);
    reader r = {p, "", NULL};
    bool ok = p->df != NULL;
    if (!ok)
        r.err = xstrdup("not enough memory for the profile's Lua state");
    if (ok && name) {
        size_t n = strlen(name);
        p->origin = strchr(name, '/') || (n > 4 && strcmp(name + n - 4, ".lua") == 0)
                        ? xstrdup(name)
                        : xasprintf("profile %s", name);
        ok = read_profile(&r, name);
    }
    if (ok && tables_src) {
        free(p->origin);
        p->origin = xstrdup(origin ? origin : "config");
        char *src = xasprintf("return %s", tables_src);
        ldf_val tables;
        ok = run_chunk(&r, src, strlen(src), "=config tables", &tables);
        free(src);
        if (ok) {
            r.where = "tables";
            ok = read_tables(&r, tables);
        }
    }
    if (!ok) {
        *err = r.err ? r.err : xstrdup("the profile failed to load");
        prof_free(p);
        return NULL;
    }
    return p;
}

void prof_free(pa_profile *p)
{
    if (!p)
        return;
    for (int i = 0; i < p->nt; i++)
        free_tab(&p->t[i]);
    free(p->t);
    for (int i = 0; i < p->nshaped; i++)
        free(p->shaped[i]);
    free(p->shaped);
    free(p->origin);
    free(p->encoding);
    free(p->date);
    free(p->fields);
    free(p->norms);
    ldf_free(p->df);
    free(p);
}

static const tabspec *find_tab(const pa_profile *p, const char *name)
{
    for (int i = 0; p && i < p->nt; i++)
        if (strcmp(p->t[i].name, name) == 0)
            return &p->t[i];
    return NULL;
}

bool prof_has_table(const pa_profile *p, const char *name)
{
    return find_tab(p, name) != NULL;
}

static bool matches(const tabspec *t, const char *base)
{
    for (int i = 0; i < t->nglobs; i++)
        if (fnmatch(t->globs[i], base, 0) == 0)
            return true;
    return false;
}

/* Whether a join of t reads file base. */
static bool join_matches(const pa_profile *p, const tabspec *t, const char *base)
{
    if (!t->joins)
        return false;
    ldf_file *f = p->df;
    bool hit = false;
    int mark = ldf_mark(f);
    ldf_val name = 0, spec = 0;
    while (!hit && ldf_next(f, t->joins, &name, &spec)) {
        int each = ldf_mark(f);
        const char *glob = ldf_string(f, ldf_field(f, spec, "file"), NULL);
        hit = glob && fnmatch(glob, base, 0) == 0;
        ldf_release(f, each);
    }
    ldf_release(f, mark);
    return hit;
}

bool prof_uses_file(const pa_profile *p, const char *dir, const char *base)
{
    (void)dir;
    for (int i = 0; p && i < p->nt; i++)
        if (matches(&p->t[i], base) || join_matches(p, &p->t[i], base))
            return true;
    return false;
}

/* ---- a file as a grid of cells ----------------------------------------------- */

typedef struct {
    sbuf text;       /* every cell's bytes, each followed by a NUL */
    size_t *off;     /* cell -> offset in text, SIZE_MAX for a null cell */
    size_t *len;
    size_t ncells, cellcap;
    size_t *first;   /* row -> its first cell */
    size_t *width;   /* row -> its number of cells */
    uint32_t *line;  /* row -> physical line where it starts */
    size_t nrows, rowcap;
} grid;

static void on_cell(void *ud, size_t index, const char *data, size_t len, uint32_t line)
{
    grid *g = ud;
    (void)index;
    (void)line;
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

static bool on_record(void *ud, size_t nfields, uint32_t line)
{
    grid *g = ud;
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
    return true;
}

static void grid_free(grid *g)
{
    sb_free(&g->text);
    free(g->off);
    free(g->len);
    free(g->first);
    free(g->width);
    free(g->line);
    memset(g, 0, sizeof *g);
}

/* Cell c of row r, or NULL (n = 0) when null or past the row's end. */
static const char *cell(const grid *g, size_t r, size_t c, size_t *n)
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

/* Records that run down the columns (GMPP's published layout): record j
 * becomes column j. A transposed row's "line" is its column number. */
static void transpose(grid *g)
{
    grid t;
    memset(&t, 0, sizeof t);
    size_t w = 0;
    for (size_t r = 0; r < g->nrows; r++)
        if (g->width[r] > w)
            w = g->width[r];
    for (size_t c = 0; c < w; c++) {
        for (size_t r = 0; r < g->nrows; r++) {
            size_t n;
            const char *s = cell(g, r, c, &n);
            on_cell(&t, r, s, n, 0);
        }
        on_record(&t, g->nrows, (uint32_t)(c + 1));
    }
    grid_free(g);
    *g = t;
}

/* ---- feeding one table ------------------------------------------------------- */

typedef struct {
    pa_profile *p;
    const tabspec *t;
    load_table *lt;
    csvr_opts sink;   /* the loader's callbacks */
    const char *file; /* display name of the file being fed */
    size_t nout;      /* output columns: t->ncols mapped, then kept source columns */
    int *kept;        /* output column -> source position for kept columns */
    char **outname;
    const char **layout;
    bool header_sent;
    char *err;
    ldf_val joined; /* the joined rows (an empty table without joins) */
} feeder;

static bool same_header(const char *a, size_t an, const char *b)
{
    char x[256], y[256];
    val_norm_header(a, an, x, sizeof x);
    val_norm_header(b, strlen(b), y, sizeof y);
    return strcmp(x, y) == 0;
}

/* The Lua view of source row r: values by raw header and by normalised
 * header name (empty cells are nil), plus _file (the file's name without
 * .csv) and _line. 0 when it cannot be made (ldf_error says why). */
static ldf_val row_value(pa_profile *p, const char *file, const grid *g, size_t hdr, size_t r)
{
    size_t w = g->width[hdr], n = 0;
    GROW(p->fields, p->fieldcap, 2 * w + 2);
    GROW(p->norms, p->normcap, 256 * w + 1);
    const char *base = strrchr(file, '/') ? strrchr(file, '/') + 1 : file;
    size_t bn = strlen(base);
    p->fields[n++] = (ldf_field_init){"_file", 5, base, bn > 4 && strcmp(base + bn - 4, ".csv") == 0 ? bn - 4 : bn, 0};
    p->fields[n++] = (ldf_field_init){"_line", 5, NULL, 0, g->line[r]};
    for (size_t c = 0; c < w; c++) {
        size_t hn, vn;
        const char *h = cell(g, hdr, c, &hn);
        const char *v = cell(g, r, c, &vn);
        str_trim(&v, &vn);
        if (!h || !v || vn == 0)
            continue;
        char *norm = p->norms + 256 * c;
        val_norm_header(h, hn, norm, 256);
        p->fields[n++] = (ldf_field_init){norm, strlen(norm), v, vn, 0};
        p->fields[n++] = (ldf_field_init){h, hn, v, vn, 0};
    }
    return ldf_new_record(p->df, p->fields, n);
}

/* Where in the profile a Lua step runs: a column's fn or map
 * (tables.T.columns.C), or the table's where or drop (tables.T.where), for
 * the row at line. */
typedef struct {
    const char *column, *fn;
    uint32_t line;
} site;

/* A Lua step that failed: f->err says where and why. */
static bool step_failed(feeder *f, const site *at)
{
    const char *why = ldf_last_error(f->p->df);
    char what[160];
    if (at->column)
        snprintf(what, sizeof what, "tables.%s.columns.%s", f->t->name, at->column);
    else
        snprintf(what, sizeof what, "tables.%s.%s", f->t->name, at->fn);
    if (!f->err)
        f->err = xasprintf("%s:%u: %s, %s: %s", f->file, at->line, f->p->origin, what, why ? why : "error");
    return false;
}

/* Call fn with nargs arguments under the per-call budget; one result. */
static bool call(feeder *f, ldf_val fn, const ldf_val *args, int nargs, const site *at, ldf_val *result)
{
    if (ldf_error(f->p->df)) /* making an argument failed */
        return step_failed(f, at);
    return ldf_call(f->p->df, fn, args, nargs, result) || step_failed(f, at);
}

/* The value v as cell text in b (nil: null, *present false). */
static bool value_text(feeder *f, ldf_val v, sbuf *b, bool *present, const site *at)
{
    ldf_file *df = f->p->df;
    b->len = 0;
    *present = true;
    switch (ldf_type(df, v)) {
    case LDF_NIL:
        *present = false;
        break;
    case LDF_BOOLEAN:
        sb_puts(b, ldf_truthy(df, v) ? "true" : "false");
        break;
    case LDF_NUMBER:
        if (ldf_is_integer(df, v))
            sb_printf(b, "%lld", ldf_integer(df, v));
        else
            sb_printf(b, "%.15g", ldf_number(df, v));
        break;
    default:
        if (!ldf_tostring(df, v, b))
            return step_failed(f, at);
    }
    return true;
}

/* Map a value through the map table (exact, then as normalised enums). */
static bool map_value(feeder *f, ldf_val map, sbuf *v, bool *present, const site *at)
{
    ldf_file *df = f->p->df;
    int mark = ldf_mark(df);
    const char *key = *present ? v->data : "";
    size_t kn = *present ? v->len : 0;
    str_trim(&key, &kn);
    ldf_val hit = ldf_rawfield(df, map, key, kn);
    if (!hit) {
        char want[128], have[128];
        val_norm_enum(key, kn, want, sizeof want);
        ldf_val k = 0, val = 0;
        while (!hit && ldf_next(df, map, &k, &val)) {
            size_t hn;
            const char *h = ldf_string(df, k, &hn);
            if (h) {
                val_norm_enum(h, hn, have, sizeof have);
                if (strcmp(want, have) == 0)
                    hit = val;
            }
        }
    }
    bool ok = ldf_error(df) ? step_failed(f, at) : !hit || value_text(f, hit, v, present, at);
    ldf_release(df, mark);
    return ok; /* unmapped: passes through, so DAT-001 can name it */
}

static bool send(feeder *f, size_t i, const char *s, size_t n, uint32_t line)
{
    f->sink.field(f->sink.ud, i, s, n, line);
    return true;
}

/* One output cell of mapped column c for source row r. */
static bool out_cell(feeder *f, const grid *g, size_t hdr, size_t r, const colspec *c, sbuf *v, bool *present)
{
    ldf_file *df = f->p->df;
    site at = {c->target, NULL, g->line[r]};
    size_t n = 0;
    const char *s = c->pos >= 0 ? cell(g, r, (size_t)c->pos, &n) : NULL;
    *present = s != NULL;
    v->len = 0;
    if (s)
        sb_add(v, s, n);
    if (c->constant && (!s || !n)) {
        v->len = 0;
        sb_puts(v, c->constant);
        *present = true;
    }
    if (c->fn) {
        int mark = ldf_mark(df);
        ldf_val args[3], result = 0;
        int nargs = 0;
        if (c->from)
            args[nargs++] = *present ? ldf_new_string(df, v->data, v->len) : 0;
        args[nargs++] = row_value(f->p, f->file, g, hdr, r);
        args[nargs++] = f->joined;
        bool ok = call(f, c->fn, args, nargs, &at, &result) && value_text(f, result, v, present, &at);
        ldf_release(df, mark);
        if (!ok)
            return false;
    }
    return !c->map || map_value(f, c->map, v, present, &at);
}

/* where/drop: whether row r is kept. */
static int keep_row(feeder *f, const grid *g, size_t hdr, size_t r)
{
    ldf_file *df = f->p->df;
    const ldf_val fns[2] = {f->t->where, f->t->drop};
    for (int k = 0; k < 2; k++) {
        if (!fns[k])
            continue;
        int mark = ldf_mark(df);
        site at = {NULL, k ? "drop" : "where", g->line[r]};
        ldf_val args[2] = {row_value(f->p, f->file, g, hdr, r), f->joined}, result = 0;
        bool ok = call(f, fns[k], args, 2, &at, &result);
        bool yes = ok && ldf_truthy(df, result);
        ldf_release(df, mark);
        if (!ok)
            return -1;
        if (yes == (k == 1))
            return 0;
    }
    return 1;
}

/* Resolve the mapped columns against this file's header; the first file
 * also fixes the output columns and sends them as the header row. */
static bool resolve(feeder *f, const grid *g, size_t hdr)
{
    const tabspec *t = f->t;
    const pa_tabledef *def = schema_table(t->name);
    for (int i = 0; i < t->ncols; i++) {
        colspec *c = &t->cols[i];
        c->pos = -1;
        for (size_t k = 0; c->from && k < g->width[hdr] && c->pos < 0; k++) {
            size_t n;
            const char *h = cell(g, hdr, k, &n);
            if (h && ((n == strlen(c->from) && memcmp(h, c->from, n) == 0) || same_header(h, n, c->from)))
                c->pos = (int)k;
        }
        const pa_coldef *cd = def ? schema_column(def, c->target) : NULL;
        if (c->from && c->pos < 0 && !c->constant && !c->fn && cd && cd->required) {
            sbuf b;
            sb_init(&b);
            for (size_t k = 0; k < g->width[hdr]; k++) {
                size_t n;
                const char *h = cell(g, hdr, k, &n);
                sb_printf(&b, "%s%.*s", k ? ", " : "", (int)n, h ? h : "");
            }
            f->err = xasprintf("%s:%u: %s: tables.%s.columns.%s reads column '%s', which the header lacks (it "
                               "has: %s)", f->file, g->line[hdr], f->p->origin, t->name, c->target, c->from,
                               b.data ? b.data : "");
            sb_free(&b);
            return false;
        }
    }
    if (f->header_sent)
        return true;
    f->nout = 0;
    for (int i = 0; i < t->ncols; i++) {
        f->outname = xrealloc(f->outname, (f->nout + 1) * sizeof *f->outname);
        f->kept = xrealloc(f->kept, (f->nout + 1) * sizeof *f->kept);
        f->layout = xrealloc(f->layout, (f->nout + 1) * sizeof *f->layout);
        f->outname[f->nout] = xstrdup(t->cols[i].target);
        f->kept[f->nout] = -1;
        f->layout[f->nout] = t->cols[i].date ? t->cols[i].date : t->date ? t->date : f->p->date;
        f->nout++;
    }
    for (size_t k = 0; t->keep_other && k < g->width[hdr]; k++) {
        bool used = false;
        for (int i = 0; i < t->ncols; i++)
            used |= t->cols[i].pos == (int)k;
        size_t n;
        const char *h = cell(g, hdr, k, &n);
        char norm[256];
        if (!h || !val_norm_header(h, n, norm, sizeof norm))
            snprintf(norm, sizeof norm, "column_%zu", k + 1);
        for (size_t o = 0; o < f->nout && !used; o++)
            used = strcmp(f->outname[o], norm) == 0; /* a mapped column already has the name */
        if (used)
            continue;
        f->outname = xrealloc(f->outname, (f->nout + 1) * sizeof *f->outname);
        f->kept = xrealloc(f->kept, (f->nout + 1) * sizeof *f->kept);
        f->layout = xrealloc(f->layout, (f->nout + 1) * sizeof *f->layout);
        f->outname[f->nout] = xstrdup(norm);
        f->kept[f->nout] = (int)k;
        f->layout[f->nout] = t->date ? t->date : f->p->date;
        f->nout++;
    }
    load_set_layouts(f->lt, f->layout, f->nout);
    for (size_t o = 0; o < f->nout; o++)
        send(f, o, f->outname[o], strlen(f->outname[o]), g->line[hdr]);
    f->sink.row(f->sink.ud, f->nout, g->line[hdr]);
    f->header_sent = true;
    return true;
}

/* The distinct column's value seen before? (A Lua table is the set.) */
static bool seen_before(feeder *f, ldf_val set, const char *s, size_t n)
{
    ldf_file *df = f->p->df;
    int mark = ldf_mark(df);
    bool seen = ldf_rawfield(df, set, s, n) != 0;
    if (!seen)
        ldf_set(df, set, s, n, ldf_new_boolean(df, true));
    ldf_release(df, mark);
    return seen;
}

static bool feed_grid(feeder *f, const grid *g, ldf_val set)
{
    const tabspec *t = f->t;
    size_t hdr = (size_t)t->header_row - 1;
    if (hdr >= g->nrows)
        return true; /* no header: an empty file, judged by load_end */
    if (!resolve(f, g, hdr))
        return false;
    int distinct = -1;
    for (int i = 0; t->distinct && i < t->ncols; i++)
        if (strcmp(t->cols[i].target, t->distinct) == 0)
            distinct = i;
    sbuf v, dv;
    sb_init(&v);
    sb_init(&dv);
    bool ok = true;
    size_t width = g->width[hdr];
    bool already = false; /* one DAT-005 per ragged row, not one per table that reads it */
    for (int i = 0; i < f->p->nshaped && !already; i++)
        already = strcmp(f->p->shaped[i], f->file) == 0;
    if (!already) {
        f->p->shaped = xrealloc(f->p->shaped, (size_t)(f->p->nshaped + 1) * sizeof *f->p->shaped);
        f->p->shaped[f->p->nshaped++] = xstrdup(f->file);
    }
    for (size_t r = hdr + 1; r < g->nrows && ok; r++) {
        int keep = keep_row(f, g, hdr, r);
        if (keep <= 0) {
            ok = keep == 0;
            continue;
        }
        if (distinct >= 0) {
            bool present;
            if (!(ok = out_cell(f, g, hdr, r, &t->cols[distinct], &dv, &present)))
                break;
            bool seen = present && seen_before(f, set, dv.data, dv.len);
            if (ldf_error(f->p->df)) { /* the set could not grow */
                site at = {t->cols[distinct].target, NULL, g->line[r]};
                ok = step_failed(f, &at);
                break;
            }
            if (seen)
                continue;
        }
        if (g->width[r] != width && !already) {
            bool lost = false;
            for (size_t c = width; c < g->width[r]; c++) {
                size_t n;
                lost |= cell(g, r, c, &n) && n;
            }
            if (g->width[r] < width || lost) {
                char *m = xasprintf("the row has %zu cell(s) but the header has %zu; %s", g->width[r],
                                    width, g->width[r] < width ? "the missing cells read as empty"
                                                                : "the extra cells are not loaded");
                load_shape(f->lt, g->line[r], NULL, m);
                free(m);
            }
        }
        for (size_t o = 0; o < f->nout && ok; o++) {
            if (f->kept[o] >= 0) {
                size_t n;
                const char *s = cell(g, r, (size_t)f->kept[o], &n);
                send(f, o, s, n, g->line[r]);
                continue;
            }
            bool present;
            ok = out_cell(f, g, hdr, r, &t->cols[o], &v, &present);
            if (ok)
                send(f, o, present ? (v.data ? v.data : "") : NULL, present ? v.len : 0, g->line[r]);
        }
        if (ok)
            f->sink.row(f->sink.ud, f->nout, g->line[r]);
    }
    sb_free(&v);
    sb_free(&dv);
    return ok;
}

static char **matching_files(const char *dir, const tabspec *t, int *n)
{
    DIR *d = opendir(dir);
    char **names = NULL;
    size_t cap = 0;
    *n = 0;
    if (!d)
        return NULL;
    struct dirent *de;
    while ((de = readdir(d)))
        if (de->d_name[0] != '.' && matches(t, de->d_name)) {
            GROW(names, cap, (size_t)*n + 1);
            names[(*n)++] = xstrdup(de->d_name);
        }
    closedir(d);
    if (*n > 1)
        qsort(names, (size_t)*n, sizeof *names, cmp_str);
    return names;
}

static char *csv_message(const char *file, int rc, const csvr_error *e)
{
    if (rc == CSVR_EIO || e->line == 0)
        return xasprintf("%s: %s", file, e->message);
    if (e->column)
        return xasprintf("%s:%u:%u: %s", file, e->line, e->column, e->message);
    return xasprintf("%s:%u: %s", file, e->line, e->message);
}

/*
 * join = { rel = { file = "*relationships*.csv", key = "Successor" } }: read
 * those files first and group their rows by the key column, so that a
 * column function can look up the rows that belong to its row (P6 keeps
 * an activity's predecessors in a separate relationships export). The
 * functions get { rel = { [key] = {row, row, ...} } } as their last argument.
 */
/* The rows of the files of one join, grouped by key column key, into
 * groups; false with *err on a CSV error or a missing key column. */
static bool join_files(pa_profile *p, const tabspec *t, const tabspec *jt, const char *key, ldf_val groups,
                       const char *dir, const pa_load_opts *lo, char **err)
{
    ldf_file *f = p->df;
    int nfiles;
    char **files = matching_files(dir, jt, &nfiles);
    for (int i = 0; i < nfiles; i++) {
        char *path = xasprintf("%s/%s", dir, files[i]);
        grid g;
        memset(&g, 0, sizeof g);
        sb_init(&g.text);
        csvr_opts co = {on_cell, on_record, &g, lo->delim, lo->max_cell, lo->encoding, NULL};
        csvr_error e;
        int rc = csvr_file(path, &co, &e);
        size_t hdr = (size_t)jt->header_row - 1, kpos = SIZE_MAX;
        for (size_t c = 0; rc == CSVR_OK && hdr < g.nrows && c < g.width[hdr]; c++) {
            size_t n;
            const char *h = cell(&g, hdr, c, &n);
            if (h && same_header(h, n, key))
                kpos = c;
        }
        if (rc != CSVR_OK || kpos == SIZE_MAX) {
            free(*err); /* the last file's error is reported */
            *err = rc != CSVR_OK ? csv_message(path, rc, &e)
                                 : xasprintf("%s: %s: tables.%s.join: no column '%s' in the header", path,
                                             p->origin, t->name, key);
        }
        for (size_t r = hdr + 1; !*err && r < g.nrows; r++) {
            size_t n;
            const char *k = cell(&g, r, kpos, &n);
            if (!k)
                continue;
            int mark = ldf_mark(f);
            ldf_val list = ldf_rawfield(f, groups, k, n);
            if (!list && (list = ldf_new_table(f)))
                ldf_set(f, groups, k, n, list);
            ldf_append(f, list, row_value(p, path, &g, hdr, r));
            ldf_release(f, mark);
            if (ldf_error(f))
                *err = xasprintf("%s: %s: tables.%s.join: %s", path, p->origin, t->name, ldf_error(f));
        }
        grid_free(&g);
        free(path);
        free(files[i]);
    }
    free(files);
    return !*err;
}

/*
 * join = { rel = { file = "*relationships*.csv", key = "Successor" } }: read
 * those files first and group their rows by the key column, so that a
 * column function can look up the rows that belong to its row (P6 keeps
 * an activity's predecessors in a separate relationships export). The
 * functions get { rel = { [key] = {row, row, ...} } } as their last
 * argument, which this returns (0 with *err on an error).
 */
static ldf_val read_joins(pa_profile *p, const tabspec *t, const char *dir, const pa_load_opts *lo, char **err)
{
    ldf_file *f = p->df;
    ldf_val out = ldf_new_table(f);
    if (!out) {
        *err = xasprintf("%s: tables.%s: %s", p->origin, t->name, ldf_error(f));
        return 0;
    }
    ldf_val name = 0, spec = 0;
    while (t->joins && ldf_next(f, t->joins, &name, &spec)) {
        int mark = ldf_mark(f);
        tabspec jt;
        memset(&jt, 0, sizeof jt);
        jt.header_row = 1;
        const char *glob = ldf_string(f, ldf_field(f, spec, "file"), NULL);
        const char *key = ldf_string(f, ldf_field(f, spec, "key"), NULL);
        ldf_val hr = ldf_field(f, spec, "header_row");
        if (ldf_type(f, hr) == LDF_NUMBER)
            jt.header_row = (int)ldf_integer(f, hr);
        size_t nn;
        const char *nm = ldf_string(f, name, &nn);
        if (!glob || !key || !nm || jt.header_row < 1) {
            *err = xasprintf("%s: tables.%s.join: each join needs file = \"glob\" and key = \"source column\"",
                             p->origin, t->name);
            return 0;
        }
        char *g0 = xstrdup(glob);
        jt.globs = &g0;
        jt.nglobs = 1;
        ldf_val groups = ldf_new_table(f);
        bool ok = join_files(p, t, &jt, key, groups, dir, lo, err) && ldf_set(f, out, nm, nn, groups);
        free(g0);
        ldf_release(f, mark);
        if (!ok) {
            if (!*err)
                *err = xasprintf("%s: tables.%s.join: %s", p->origin, t->name, ldf_error(f));
            return 0;
        }
    }
    return out;
}

/* Read every file of table t into one table of the store. */
static int load_table_spec(pa_profile *p, const tabspec *t, pa_store *st, const pa_load_opts *o, pa_findings *out,
                           char **err)
{
    int nfiles;
    char **files = matching_files(st->dir, t, &nfiles);
    if (nfiles == 0) {
        free(files);
        if (strcmp(t->name, "projects") != 0)
            return 0; /* absent: the rules that need it are skipped */
        *err = xasprintf("%s: %s: no file matches '%s' for table projects (the one required table)", st->dir,
                         p->origin, t->globs[0]);
        return -1;
    }
    pa_load_opts lo = *o;
    lo.delim = t->delim ? t->delim : p->delim ? p->delim : o->delim;
    lo.encoding = t->encoding ? t->encoding : p->encoding ? p->encoding : o->encoding;
    lo.date_format = t->date ? t->date : p->date ? p->date : o->date_format;
    size_t dn = strlen(st->dir);
    char **paths = xcalloc((size_t)nfiles, sizeof *paths);
    for (int i = 0; i < nfiles; i++)
        paths[i] = xasprintf("%s%s%s", st->dir, dn && st->dir[dn - 1] == '/' ? "" : "/", files[i]);
    feeder f;
    memset(&f, 0, sizeof f);
    f.p = p;
    f.t = t;
    int mark = ldf_mark(p->df);
    if (!(f.joined = read_joins(p, t, st->dir, &lo, err))) {
        ldf_release(p->df, mark);
        for (int i = 0; i < nfiles; i++) {
            free(files[i]);
            free(paths[i]);
        }
        free(files);
        free(paths);
        return -1;
    }
    f.lt = load_begin(st, paths[0], t->name, &lo, out);
    load_callbacks(f.lt, &f.sink);
    ldf_val set = ldf_new_table(p->df); /* of the distinct column's values */
    int rc = CSVR_OK;
    csvr_error e;
    memset(&e, 0, sizeof e);
    char *fatal = NULL;
    for (int i = 0; i < nfiles && !fatal; i++) {
        grid g;
        memset(&g, 0, sizeof g);
        sb_init(&g.text);
        csvr_opts co = {on_cell, on_record, &g, lo.delim, lo.max_cell, lo.encoding, NULL};
        rc = csvr_file(paths[i], &co, &e);
        f.file = paths[i];
        if (i > 0)
            load_next_file(f.lt, paths[i]);
        if (rc != CSVR_OK) {
            fatal = csv_message(paths[i], rc, &e);
        } else {
            if (t->transpose)
                transpose(&g);
            if (!feed_grid(&f, &g, set))
                fatal = f.err ? f.err : xstrdup("the profile failed");
            f.err = NULL;
        }
        grid_free(&g);
    }
    ldf_release(p->df, mark);
    int result;
    if (fatal) {
        csvr_error none;
        memset(&none, 0, sizeof none);
        char *ignored = NULL;
        if (load_end(f.lt, CSVR_OK, &none, &ignored) == 0) /* added: take it back out */
            tab_free(st->tables[--st->ntables]);
        free(ignored);
        *err = fatal;
        result = -1;
    } else {
        result = load_end(f.lt, CSVR_OK, &e, err);
    }
    for (size_t i = 0; i < f.nout; i++)
        free(f.outname[i]);
    free(f.outname);
    free(f.kept);
    free(f.layout);
    for (int i = 0; i < nfiles; i++) {
        free(files[i]);
        free(paths[i]);
    }
    free(files);
    free(paths);
    return result;
}

int prof_load_tables(pa_profile *p, pa_store *st, const pa_load_opts *o, pa_findings *out, char **err)
{
    for (int i = 0; i < schema_ntables; i++) {
        const tabspec *t = find_tab(p, schema_tables[i].name);
        if (t && load_table_spec(p, t, st, o, out, err) != 0)
            return -1;
    }
    for (int i = 0; i < p->nt; i++) /* tables outside the data model, by name */
        if (!schema_table(p->t[i].name) && load_table_spec(p, &p->t[i], st, o, out, err) != 0)
            return -1;
    return 0;
}

void prof_describe_file(pa_profile *p, const char *base, sbuf *b)
{
    for (int i = 0; p && i < p->nt; i++) {
        const tabspec *t = &p->t[i];
        if (!matches(t, base))
            continue;
        sb_printf(b, "  table %s%s%s:\n", t->name, t->transpose ? " (transposed)" : "",
                  t->where ? " (rows chosen by where)" : "");
        for (int k = 0; k < t->ncols; k++) {
            const colspec *c = &t->cols[k];
            sb_printf(b, "    %-22s <- ", c->target);
            if (c->from)
                sb_printf(b, "\"%s\"", c->from);
            if (c->constant)
                sb_printf(b, "%sconstant \"%s\"", c->from ? " or " : "", c->constant);
            if (c->fn)
                sb_printf(b, "%sa function", c->from || c->constant ? " through " : "");
            if (c->map)
                sb_puts(b, ", value map");
            if (c->date)
                sb_printf(b, ", date %s", c->date);
            sb_putc(b, '\n');
        }
        if (t->keep_other)
            sb_puts(b, "    (other columns are kept as extra columns, by their normalised names)\n");
    }
}
