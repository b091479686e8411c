/*
 * load/profile.c - import profiles: reading the spec that reshapes another
 * tool's export into the data model's tables.
 *
 * A profile is a Lua file that returns a table: defaults (delimiter,
 * encoding, date_format), the rules that do not fit its data (rules =
 * { skip = {...}, why = "..." }) and, per target table, the files that
 * feed it (globs in the data directory), where the header is, rows to
 * keep (where) or drop, and its columns: a source header to rename, a
 * constant, a value map (with a default for values it lacks), a date
 * layout, or a Lua function of the source row. It runs as a Lua data file
 * (lua/data_file.c): the rules' sandbox (base, string, table, math and
 * utf8 only; text mode), an instruction budget for the file and one per
 * call of its functions, and a memory cap.
 *
 * The config's `tables` is read the same way and laid over the profile:
 * a table the profile has keeps everything the overlay does not name
 * (a column set to false is removed), a table it lacks is added whole.
 * Feeding the tables is load/profile_feed.c.
 */
#include "load/profile_impl.h"
#include "core/embedded.h"
#include "model/date_format.h"
#include "load/dialect.h"
#include "model/schema.h"
#include "model/value.h"

#include <errno.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BUDGET_LOAD 50000000u /* instructions to run the profile file itself */
#define BUDGET_ROW 1000000u   /* instructions per call of one of its functions */
#define BUDGET_MSG "the profile ran past its instruction budget"

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

/* A string field that, when given, replaces *dst. */
static bool set_string(reader *r, ldf_val t, const char *k, char **dst)
{
    char *v = NULL;
    if (!opt_string(r, t, k, &v))
        return false;
    if (v) {
        free(*dst);
        *dst = v;
    }
    return true;
}

/* Field k of table t when it is of the type (a handle kept for the
 * profile's life); false removes it (an overlay turning a filter off);
 * nil keeps *dst; another type is an error. */
static void set_ref(reader *r, ldf_val t, const char *k, int type, ldf_val *dst, bool *ok)
{
    ldf_file *f = r->p->df;
    ldf_val v = ldf_field(f, t, k);
    if (ldf_type(f, v) == type)
        *dst = v;
    else if (ldf_type(f, v) == LDF_BOOLEAN && !ldf_truthy(f, v))
        *dst = 0;
    else if (v)
        *ok = bad(r, "'%s' must be a %s", k, type == LDF_FUNCTION ? "function" : "table");
}

static bool dialect_fields(reader *r, ldf_val idx, char *delim, char **enc, char **date)
{
    char *d = NULL;
    if (!opt_string(r, idx, "delimiter", &d) || !set_string(r, idx, "encoding", enc) ||
        !set_string(r, idx, "date_format", date)) {
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

static void free_col(colspec *c)
{
    free(c->target);
    free(c->from);
    free(c->constant);
    free(c->date);
    free(c->dflt);
}

/* A value given as a string, number or boolean, as cell text (NULL: none). */
static char *scalar_text(ldf_file *f, ldf_val v)
{
    int vt = ldf_type(f, v);
    if (vt == LDF_BOOLEAN)
        return xstrdup(ldf_truthy(f, v) ? "true" : "false");
    if (vt != LDF_STRING && vt != LDF_NUMBER)
        return NULL;
    sbuf b;
    sb_init(&b);
    char *out = ldf_tostring(f, v, &b) ? sb_steal(&b) : NULL;
    sb_free(&b);
    return out;
}

/* The table form { from =, value =, map =, default =, date =, fn = }. */
static bool column_table(reader *r, colspec *c, const char *target, ldf_val idx)
{
    ldf_file *f = r->p->df;
    static const char *const keys[] = {"from", "value", "map", "default", "date", "fn", NULL};
    if (!only_keys(r, idx, keys) || !opt_string(r, idx, "from", &c->from) || !opt_string(r, idx, "date", &c->date))
        return false;
    if (c->date && dfmt_check(c->date))
        return bad(r, "date '%s': %s", c->date, dfmt_check(c->date));
    int mark = ldf_mark(f);
    ldf_val value = ldf_field(f, idx, "value"), dflt = ldf_field(f, idx, "default");
    c->constant = scalar_text(f, value);
    c->dflt = scalar_text(f, dflt);
    bool bad_value = value && !c->constant, bad_dflt = dflt && !c->dflt;
    ldf_release(f, mark);
    if (bad_value || bad_dflt)
        return bad(r, "column '%s': '%s' must be a string, number or boolean", target,
                   bad_value ? "value" : "default");
    bool ok = true;
    set_ref(r, idx, "map", LDF_TABLE, &c->map, &ok);
    set_ref(r, idx, "fn", LDF_FUNCTION, &c->fn, &ok);
    if (ok && !c->from && !c->constant && !c->fn)
        return bad(r, "column '%s' needs 'from', 'value' or 'fn'", target, NULL);
    if (ok && c->dflt && !c->map)
        return bad(r, "column '%s': 'default' is what a value that 'map' lacks becomes: give a map", target, NULL);
    return ok;
}

/* One entry of columns (the value idx, whose handle a function keeps) into
 * *c; false with r->err when it is not a column spec. */
static bool read_column(reader *r, colspec *c, const char *target, ldf_val idx)
{
    ldf_file *f = r->p->df;
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
                      "{ from =, value =, map =, default =, date =, fn = }", target, NULL);
    return column_table(r, c, target, idx);
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
    for (int i = 0; i < t->ncols; i++)
        free_col(&t->cols[i]);
    free(t->cols); /* the functions' and maps' handles go with the state */
    free(t->name);
    free(t->encoding);
    free(t->date);
    free(t->distinct);
    free(t->sheet);
    memset(t, 0, sizeof *t);
}

/* Column c of t replaces the one with its target, or is added. */
static void put_column(tabspec *t, colspec *c)
{
    for (int i = 0; i < t->ncols; i++)
        if (strcmp(t->cols[i].target, c->target) == 0) {
            free_col(&t->cols[i]);
            t->cols[i] = *c;
            return;
        }
    t->cols = xrealloc(t->cols, (size_t)(t->ncols + 1) * sizeof *t->cols);
    t->cols[t->ncols++] = *c;
}

static void remove_column(tabspec *t, const char *target)
{
    for (int i = 0; i < t->ncols; i++)
        if (strcmp(t->cols[i].target, target) == 0) {
            free_col(&t->cols[i]);
            memmove(&t->cols[i], &t->cols[i + 1], (size_t)(t->ncols - i - 1) * sizeof *t->cols);
            t->ncols--;
            return;
        }
}

/* The string keys of columns, sorted (errors and column order are stable);
 * NULL with r->err when a key is not a string. */
static char **column_names(reader *r, ldf_val cols, size_t *n)
{
    ldf_file *f = r->p->df;
    char **names = NULL;
    size_t cap = 0;
    *n = 0;
    int mark = ldf_mark(f);
    ldf_val key = 0, val = 0;
    bool ok = true;
    while (ok && ldf_next(f, cols, &key, &val)) {
        ok = ldf_type(f, key) == LDF_STRING;
        if (ok) {
            GROW(names, cap, *n + 1);
            names[(*n)++] = xstrdup(ldf_string(f, key, NULL));
        }
    }
    ldf_release(f, mark);
    if (!ok) {
        ldf_free_keys(names, *n);
        bad(r, "'columns' keys must be column names", NULL, NULL);
        return NULL;
    }
    if (*n > 1)
        qsort(names, *n, sizeof *names, cmp_str);
    return names;
}

/* The columns of table spec t: each entry replaces the column with its
 * name, or is added; `name = false` removes one (an overlay's way to drop
 * a profile's column). */
static bool read_columns(reader *r, tabspec *t, ldf_val cols)
{
    ldf_file *f = r->p->df;
    if (ldf_type(f, cols) != LDF_TABLE)
        return bad(r, "'columns' must map the table's columns to their sources", NULL, NULL);
    size_t n;
    char **names = column_names(r, cols, &n);
    if (!names)
        return !r->err;
    bool ok = true;
    for (size_t i = 0; i < n && ok; i++) {
        char norm[128];
        val_norm_header(names[i], strlen(names[i]), norm, sizeof norm);
        ldf_val v = ldf_field(f, cols, names[i]);
        if (ldf_type(f, v) == LDF_BOOLEAN && !ldf_truthy(f, v)) {
            remove_column(t, norm);
            continue;
        }
        colspec c;
        ok = read_column(r, &c, norm, v);
        if (ok)
            put_column(t, &c);
        else
            free_col(&c);
    }
    ldf_free_keys(names, n);
    return ok;
}

/* file = "glob" or files = {"glob", ...}: the files that feed table t,
 * replacing those it had (nothing given: they stay). */
static void read_globs(ldf_file *f, ldf_val idx, tabspec *t)
{
    int mark = ldf_mark(f);
    ldf_val files = ldf_field(f, idx, "files");
    if (!files)
        files = ldf_field(f, idx, "file");
    int ty = ldf_type(f, files);
    if (ty == LDF_STRING || ty == LDF_TABLE) {
        for (int i = 0; i < t->nglobs; i++)
            free(t->globs[i]);
        free(t->globs);
        t->globs = NULL;
        t->nglobs = 0;
    }
    if (ty == LDF_STRING) {
        t->globs = xmalloc(sizeof *t->globs);
        t->globs[t->nglobs++] = xstrdup(ldf_string(f, files, NULL));
    } else if (ty == LDF_TABLE) {
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

/* A boolean field that, when given, sets *dst. */
static void set_flag(ldf_file *f, ldf_val idx, const char *k, bool *dst)
{
    ldf_val flag = ldf_field(f, idx, k);
    if (ldf_type(f, flag) == LDF_BOOLEAN)
        *dst = ldf_truthy(f, flag);
}

/* tables.<name> = { file(s) = ..., columns = {...}, ... } (the table idx),
 * applied to t: a new spec with its defaults, or the profile's own one
 * when the config lays this over it. */
static bool read_table(reader *r, ldf_val idx, tabspec *t)
{
    ldf_file *f = r->p->df;
    static const char *const keys[] = {"file",      "files",     "header_row",  "transpose", "keep_other",
                                       "delimiter", "encoding",  "date_format", "where",     "drop",
                                       "distinct",  "columns",   "join",        "sheet",     NULL};
    if (!only_keys(r, idx, keys) || !dialect_fields(r, idx, &t->delim, &t->encoding, &t->date) ||
        !set_string(r, idx, "distinct", &t->distinct) || !set_string(r, idx, "sheet", &t->sheet))
        return false;
    read_globs(f, idx, t);
    if (t->nglobs == 0)
        return bad(r, "'file' must name the file (or a glob such as \"*.csv\") that feeds the table", NULL, NULL);
    ldf_val hr = ldf_field(f, idx, "header_row");
    if (hr) {
        if (!ldf_is_integer(f, hr) || ldf_integer(f, hr) < 1 || ldf_integer(f, hr) > 1000)
            return bad(r, "'header_row' must be a line number from 1 to 1000", NULL, NULL);
        t->header_row = (int)ldf_integer(f, hr);
    }
    set_flag(f, idx, "transpose", &t->transpose);
    set_flag(f, idx, "keep_other", &t->keep_other);
    bool ok = true;
    set_ref(r, idx, "where", LDF_FUNCTION, &t->where, &ok);
    set_ref(r, idx, "drop", LDF_FUNCTION, &t->drop, &ok);
    set_ref(r, idx, "join", LDF_TABLE, &t->joins, &ok);
    if (!ok)
        return false;
    ldf_val cols = ldf_field(f, idx, "columns");
    return !cols || read_columns(r, t, cols);
}

/* One entry of tables = {...}: laid over the profile's table of that name,
 * or added. */
static bool read_entry(reader *r, const char *name, ldf_val spec)
{
    pa_profile *p = r->p;
    if (ldf_type(p->df, spec) != LDF_TABLE)
        return bad(r, "must be a table spec { file = ..., columns = {...} }", NULL, NULL);
    for (int k = 0; k < p->nt; k++)
        if (strcmp(p->t[k].name, name) == 0)
            return read_table(r, spec, &p->t[k]);
    tabspec t;
    memset(&t, 0, sizeof t);
    t.name = xstrdup(name);
    t.header_row = 1;
    t.keep_other = true;
    if (!read_table(r, spec, &t)) {
        free_tab(&t);
        return false;
    }
    p->t = xrealloc(p->t, (size_t)(p->nt + 1) * sizeof *p->t);
    p->t[p->nt++] = t;
    return true;
}

/* tables = {...} (the table idx): each entry in name order. */
static bool read_tables(reader *r, ldf_val idx)
{
    ldf_file *f = r->p->df;
    if (ldf_type(f, idx) != LDF_TABLE)
        return bad(r, "'tables' must map table names to their specs", NULL, NULL);
    size_t n;
    char **names = ldf_sorted_keys(f, idx, &n);
    bool ok = true;
    for (size_t i = 0; i < n && ok; i++) {
        char where[160];
        snprintf(where, sizeof where, "tables.%s", names[i]);
        const char *saved = r->where;
        r->where = where;
        ok = read_entry(r, names[i], ldf_field(f, idx, names[i])); /* its handles live as long as the profile */
        r->where = saved;
    }
    ldf_free_keys(names, n);
    return ok;
}

/* rules = { skip = { "STD-001", "GOV-*" }, why = "..." }: the rules that do
 * not fit the profile's data. DAT rules judge whether the data was read at
 * all and cannot be left out. */
static bool read_rules(reader *r, ldf_val idx)
{
    pa_profile *p = r->p;
    ldf_file *f = p->df;
    if (!idx)
        return true;
    r->where = "rules";
    static const char *const keys[] = {"skip", "why", NULL};
    if (ldf_type(f, idx) != LDF_TABLE || !only_keys(r, idx, keys))
        return bad(r, "must be { skip = { \"RULE-ID\" or \"GLOB\", ... }, why = \"...\" }", NULL, NULL);
    if (!opt_string(r, idx, "why", &p->skip_why))
        return false;
    ldf_val skip = ldf_field(f, idx, "skip");
    size_t n = ldf_len(f, skip);
    for (size_t i = 1; i <= n; i++) {
        const char *id = ldf_string(f, ldf_index(f, skip, (long long)i), NULL);
        if (!id)
            return bad(r, "'skip' must list rule ids or globs (strings)", NULL, NULL);
        if (strncmp(id, "DAT-", 4) == 0 || fnmatch(id, "DAT-001", 0) == 0)
            return bad(r, "'%s': DAT rules say whether the data was read right; a profile cannot skip them", id,
                       NULL);
        p->skip = xrealloc(p->skip, (size_t)(p->nskip + 1) * sizeof *p->skip);
        p->skip[p->nskip++] = xstrdup(id);
    }
    if (p->nskip && !p->skip_why)
        return bad(r, "'why' must say why the skipped rules do not fit the data (the report shows it)", NULL, NULL);
    r->where = "";
    return true;
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

static bool is_path(const char *name)
{
    size_t len = strlen(name);
    return strchr(name, '/') || (len > 4 && strcmp(name + len - 4, ".lua") == 0);
}

static bool read_profile(reader *r, const char *name)
{
    pa_profile *p = r->p;
    const pa_embedded *e = NULL;
    size_t len = 0;
    char *text = NULL;
    if (!is_path(name) && !(e = find_bundled(name))) {
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
    if (!e && !(text = read_whole_file(name, &len))) {
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
    static const char *const keys[] = {"name", "description", "delimiter", "encoding", "date_format", "rules",
                                       "tables", NULL};
    ok = only_keys(r, idx, keys) && dialect_fields(r, idx, &p->delim, &p->encoding, &p->date) &&
         read_rules(r, ldf_field(p->df, idx, "rules"));
    if (ok)
        ok = read_tables(r, ldf_field(p->df, idx, "tables"));
    return ok;
}

/* The config's tables (Lua source of a table) over the profile. */
static bool read_overlay(reader *r, const char *tables_src, const char *origin)
{
    pa_profile *p = r->p;
    char *profile_origin = p->origin;
    p->origin = xstrdup(origin ? origin : "config");
    char *src = xasprintf("return %s", tables_src);
    ldf_val tables;
    bool ok = run_chunk(r, src, strlen(src), "=config tables", &tables);
    free(src);
    if (ok) {
        r->where = "tables";
        ok = read_tables(r, tables);
    }
    if (profile_origin) { /* errors while feeding name the profile, and the overlay after it */
        char *both = xasprintf("%s (with %s)", profile_origin, p->origin);
        free(p->origin);
        free(profile_origin);
        p->origin = both;
    }
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
        p->name = xstrdup(name);
        p->origin = is_path(name) ? xstrdup(name) : xasprintf("profile %s", name);
        ok = read_profile(&r, name);
    }
    if (ok && tables_src)
        ok = read_overlay(&r, tables_src, origin);
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
    for (int i = 0; i < p->nskip; i++)
        free(p->skip[i]);
    free(p->skip);
    free(p->skip_why);
    rled_free(p);
    free(p->name);
    free(p->origin);
    free(p->encoding);
    free(p->date);
    free(p->fields);
    free(p->typed);
    free(p->norms);
    free(p->tbuf);
    ldf_free(p->df);
    free(p);
}

const tabspec *prof_find_tab(const pa_profile *p, const char *name)
{
    for (int i = 0; p && i < p->nt; i++)
        if (strcmp(p->t[i].name, name) == 0)
            return &p->t[i];
    return NULL;
}

bool prof_has_table(const pa_profile *p, const char *name)
{
    return prof_find_tab(p, name) != NULL;
}

bool prof_matches(const tabspec *t, const char *base)
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
        if (prof_matches(&p->t[i], base) || join_matches(p, &p->t[i], base))
            return true;
    return false;
}

int prof_skips(const pa_profile *p, const char *const **globs, const char **why)
{
    *globs = p ? (const char *const *)p->skip : NULL;
    *why = p ? p->skip_why : NULL;
    return p ? p->nskip : 0;
}

void prof_note_source(const pa_profile *p, pa_store *st)
{
    if (!p || !p->name)
        return;
    free(st->profile);
    st->profile = xstrdup(p->name);
    for (int i = 0; i < p->nskip; i++) {
        st->skip = xrealloc(st->skip, (size_t)(st->nskip + 1) * sizeof *st->skip);
        st->skip[st->nskip++] = xstrdup(p->skip[i]);
    }
    if (p->skip_why)
        st->skip_why = xstrdup(p->skip_why);
}

void prof_describe_file(pa_profile *p, const char *base, sbuf *b)
{
    for (int i = 0; p && i < p->nt; i++) {
        const tabspec *t = &p->t[i];
        if (!prof_matches(t, base))
            continue;
        sb_printf(b, "  table %s%s%s%s:\n", t->name, t->transpose ? " (transposed)" : "",
                  t->where ? " (rows chosen by where)" : "", t->drop ? " (some rows dropped by drop)" : "");
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
            if (c->dflt)
                sb_printf(b, " (default \"%s\")", c->dflt);
            if (c->date)
                sb_printf(b, ", date %s", c->date);
            sb_putc(b, '\n');
        }
        if (t->keep_other)
            sb_puts(b, "    (other columns are kept as extra columns, by their normalised names)\n");
    }
}
