/*
 * cmd/config.c - the config file, pmoaudit.lua: plain Lua data, one setting per
 * assignment (`fail_on = "warning"`). It runs as a Lua data file
 * (lua/data_file.c): the rules' sandbox, text mode only, an instruction
 * budget and a memory cap. The loader records the line of every setting
 * (every global the file assigns), so that an unknown
 * setting or a bad value is reported at its file:line (with a suggestion for
 * a misspelt name). Relative paths are taken from the config file's folder.
 * The settings fill the same pa_runopts as the command line, which is
 * applied afterwards and so wins. Which settings exist, their types, bounds
 * and fields are those of the option table (cmd/options.c); this file reads
 * each type from Lua.
 */
#include "cmd/config.h"
#include "cmd/options.h"
#include "core/version.h"
#include "model/date_format.h"
#include "load/dialect.h"
#include "lua/data_file.h"
#include "lua/parse.h"
#include "core/util.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>


#define CONFIG_BUDGET_MSG "the config file runs too long (it should only assign settings)"

typedef struct {
    ldf_file *f;
    const char *path;
    char *dir; /* the config file's folder, for relative paths */
    pa_config *cfg;
    char *err;
    const char *text; /* the file, and its syntax tree once params needs it (lua/parse.h) */
    size_t len;
    lp_tree *tree;
} loader;

static int line_of(loader *ld, const char *key)
{
    return ldf_line_of(ld->f, key);
}

static bool fail(loader *ld, const char *key, const char *fmt, const char *what)
{
    if (!ld->err)
        ld->err = xasprintf("%s:%d: '%s' %s%s", ld->path, line_of(ld, key), key, fmt, what ? what : "");
    return false;
}

static const char *keep(loader *ld, const char *s)
{
    pa_config *c = ld->cfg;
    c->strings = xrealloc(c->strings, (size_t)(c->nstrings + 1) * sizeof *c->strings);
    c->strings[c->nstrings] = xstrdup(s);
    return c->strings[c->nstrings++];
}

/* A path setting, taken relative to the config file's folder. */
static const char *keep_path(loader *ld, const char *p)
{
    if (p[0] == '/' || strcmp(ld->dir, ".") == 0)
        return keep(ld, p);
    char *full = xasprintf("%s/%s", ld->dir, p);
    const char *k = keep(ld, full);
    free(full);
    return k;
}

/* A string, or a list of strings joined with commas (only, skip, formats). */
static const char *string_or_list(loader *ld, const char *key, ldf_val v)
{
    ldf_file *f = ld->f;
    if (ldf_type(f, v) == LDF_STRING)
        return keep(ld, ldf_string(f, v, NULL));
    if (ldf_type(f, v) != LDF_TABLE) {
        fail(ld, key, "must be a string or a list of strings", NULL);
        return NULL;
    }
    sbuf b;
    sb_init(&b);
    long long n = (long long)ldf_len(f, v);
    int mark = ldf_mark(f);
    for (long long i = 1; i <= n; i++) {
        const char *item = ldf_string(f, ldf_index(f, v, i), NULL);
        if (!item) {
            sb_free(&b);
            fail(ld, key, "must be a list of strings", NULL);
            return NULL;
        }
        sb_printf(&b, "%s%s", i > 1 ? "," : "", item);
        ldf_release(f, mark);
    }
    const char *k = keep(ld, b.data ? b.data : "");
    sb_free(&b);
    return k;
}

/* The value of field key of the constructor field f (F_NAMED or F_KEYED), or NULL. */
static const lp_node *field_value(const lp_node *t, const char *key)
{
    const lp_node *f = lparse_field(t, key);
    return f ? f->kid[f->kind == F_KEYED ? 1 : 0] : NULL;
}

/* "file:line" of params[rule][param], at the param's own line when the
 * file writes it as a table constructor (read with lua/parse.c), else at
 * the line of `params`. An override then names the line to fix. */
static const char *param_where(loader *ld, const char *rule, const char *param)
{
    int line = line_of(ld, "params");
    if (!ld->tree)
        ld->tree = lparse(ld->text, ld->len);
    for (int k = 0; ld->tree->root && k < ld->tree->root->nkid; k++) {
        const lp_node *s = ld->tree->root->kid[k];
        for (int i = 0; s->kind == S_ASSIGN && i < s->n && i + s->n < s->nkid; i++) {
            if (s->kid[i]->kind != E_NAME || !lscan_is(s->kid[i]->tok, "params"))
                continue;
            const lp_node *f = lparse_field(field_value(s->kid[s->n + i], rule), param);
            if (f)
                line = f->line;
        }
    }
    char *w = xasprintf("%s:%d", ld->path, line);
    const char *kept = keep(ld, w);
    free(w);
    return kept;
}

/* params = { ["SCH-003"] = { warn_below = 0.85 }, ... } -> --set entries. */
static bool apply_params(loader *ld, const opt_def *d, ldf_val v, pa_runopts *o)
{
    ldf_file *f = ld->f;
    if (ldf_type(f, v) != LDF_TABLE)
        return fail(ld, "params", "must map rule ids to tables of params", NULL);
    ldf_val rk = 0, rv = 0;
    while (ldf_next(f, v, &rk, &rv)) {
        if (ldf_type(f, rk) != LDF_STRING || ldf_type(f, rv) != LDF_TABLE)
            return fail(ld, "params", "must map rule ids to tables of params, e.g. { [\"SCH-003\"] = "
                                      "{ warn_below = 0.85 } }", NULL);
        const char *rule = ldf_string(f, rk, NULL);
        int mark = ldf_mark(f);
        ldf_val pk = 0, pv = 0;
        while (ldf_next(f, rv, &pk, &pv)) {
            sbuf b;
            sb_init(&b);
            int vt = ldf_type(f, pv);
            bool ok = ldf_type(f, pk) == LDF_STRING &&
                      (vt == LDF_STRING || vt == LDF_NUMBER || vt == LDF_BOOLEAN || vt == LDF_TABLE);
            if (ok)
                sb_printf(&b, "%s.%s=", rule, ldf_string(f, pk, NULL));
            if (ok && vt == LDF_STRING) /* --set takes a string param raw */
                sb_puts(&b, ldf_string(f, pv, NULL));
            else if (ok && !ldf_literal(f, pv, &b)) {
                sb_free(&b);
                return fail(ld, "params", "", ldf_last_error(f));
            }
            if (ok) {
                opts_push(d, o, keep(ld, b.data), false);
                o->set_where[o->nsets - 1] = param_where(ld, rule, ldf_string(f, pk, NULL));
            }
            sb_free(&b);
            if (!ok)
                return fail(ld, "params", "values must be numbers, strings, booleans or tables", NULL);
        }
        ldf_release(f, mark);
    }
    return true;
}

/* severity = { ["SCH-003"] = "error" }: applied to the registry later. */
static bool apply_severity(loader *ld, ldf_val v)
{
    ldf_file *f = ld->f;
    pa_config *c = ld->cfg;
    if (ldf_type(f, v) != LDF_TABLE)
        return fail(ld, "severity", "must map rule ids to severities", NULL);
    ldf_val k = 0, sv = 0;
    while (ldf_next(f, v, &k, &sv)) {
        int s = ldf_type(f, sv) == LDF_STRING ? sev_parse(ldf_string(f, sv, NULL), false) : -1;
        if (ldf_type(f, k) != LDF_STRING || s < 0)
            return fail(ld, "severity", "must map rule ids to info, warning, error or critical", NULL);
        c->sev = xrealloc(c->sev, (size_t)(c->nsev + 1) * sizeof *c->sev);
        c->sev[c->nsev].rule = xstrdup(ldf_string(f, k, NULL));
        c->sev[c->nsev].sev = (pa_sev)s;
        c->sev[c->nsev].line = line_of(ld, "severity");
        c->nsev++;
    }
    return true;
}

/* gates.<G>.block = {"error", "critical"}: a list of severities -> bits. */
static bool gate_block(loader *ld, const char *gate, ldf_val v, unsigned *mask)
{
    ldf_file *f = ld->f;
    char *what = xasprintf("%s.block must list severities (info, warning, error, critical)", gate);
    bool ok = ldf_type(f, v) == LDF_TABLE && ldf_len(f, v) > 0;
    for (long long i = 1; ok && i <= (long long)ldf_len(f, v); i++) {
        int mark = ldf_mark(f);
        const char *name = ldf_string(f, ldf_index(f, v, i), NULL);
        int s = name ? sev_parse(name, false) : -1;
        ldf_release(f, mark);
        ok = s >= 0;
        if (ok)
            *mask |= 1u << s;
    }
    if (!ok)
        fail(ld, "gates", "entry ", what);
    free(what);
    return ok;
}

/* One gates entry: G3 = { rules = {...}, block = {...} } (the table v). */
static bool apply_gate(loader *ld, const char *name, ldf_val v)
{
    static const char *const keys[] = {"rules", "block", NULL};
    ldf_file *f = ld->f;
    pa_config *c = ld->cfg;
    if (ldf_type(f, v) != LDF_TABLE)
        return fail(ld, "gates", "must map gate names to { rules = {...}, block = {...} }", NULL);
    ldf_val key = 0, val = 0;
    while (ldf_next(f, v, &key, &val)) {
        const char *k = ldf_type(f, key) == LDF_STRING ? ldf_string(f, key, NULL) : "?";
        if (ldf_type(f, key) != LDF_STRING || (strcmp(k, "rules") != 0 && strcmp(k, "block") != 0)) {
            const char *s = str_suggest(k, keys);
            char *what = xasprintf("%s has an unknown key '%s'%s%s%s (use rules and block)", name, k,
                                   s ? " (did you mean '" : "", s ? s : "", s ? "'?)" : "");
            fail(ld, "gates", "entry ", what);
            free(what);
            return false;
        }
    }
    struct pa_cfg_gate g = {xstrdup(name), NULL, 0, line_of(ld, "gates")};
    bool ok = true;
    ldf_val rules = ldf_field(f, v, "rules");
    if (rules) {
        const char *list = string_or_list(ld, "gates", rules);
        ok = list != NULL;
        if (ok)
            g.rules = xstrdup(list);
    }
    ldf_val block = ok ? ldf_field(f, v, "block") : 0;
    if (block)
        ok = gate_block(ld, name, block, &g.block);
    if (!ok) {
        free(g.name);
        free(g.rules);
        return false;
    }
    c->gates = xrealloc(c->gates, (size_t)(c->ngates + 1) * sizeof *c->gates);
    c->gates[c->ngates++] = g;
    return true;
}

/* gates = { G3 = { rules = {"CST-*"}, block = {"error", "critical"} }, ... } */
static bool apply_gates(loader *ld, ldf_val v)
{
    ldf_file *f = ld->f;
    if (ldf_type(f, v) != LDF_TABLE)
        return fail(ld, "gates", "must map gate names to { rules = {...}, block = {...} }", NULL);
    ldf_val key = 0, val = 0;
    while (ldf_next(f, v, &key, &val)) {
        if (ldf_type(f, key) != LDF_STRING)
            return fail(ld, "gates", "must map gate names (strings) to tables", NULL);
        int mark = ldf_mark(f);
        bool ok = apply_gate(ld, ldf_string(f, key, NULL), val);
        ldf_release(f, mark);
        if (!ok)
            return false;
    }
    return true;
}

/* An OPT_INT setting's message: "must be a whole number of rows from 1 to
 * N", after the limit's name inside limits = {...}. */
static char *int_message(const opt_def *d)
{
    return xasprintf("%s%smust be a whole number of %s from %llu to %llu", d->flags & OPT_IN_LIMITS ? d->key : "",
                     d->flags & OPT_IN_LIMITS ? " " : "", d->unit, d->min, d->max);
}

/* An OPT_INT setting, checked against the table's bounds (those of the
 * command line's option). */
static bool apply_int(loader *ld, const opt_def *d, ldf_val v, pa_runopts *o)
{
    ldf_file *f = ld->f;
    long long n = ldf_is_integer(f, v) ? ldf_integer(f, v) : -1;
    if (n < 0 || !opts_int_ok(d, (unsigned long long)n)) {
        char *what = int_message(d);
        fail(ld, d->flags & OPT_IN_LIMITS ? "limits" : d->key, "", what);
        free(what);
        return false;
    }
    opts_set_int(d, o, (unsigned long long)n);
    return true;
}

/*
 * limits = { max_rows = 100000, ... }: the resource limits of the command
 * line's --max-* options (the table's OPT_IN_LIMITS entries), with the same
 * bounds. Keys in Lua's order; an unknown one lists the known ones.
 */
static bool apply_limits(loader *ld, ldf_val lv, pa_runopts *o)
{
    ldf_file *f = ld->f;
    const opt_def *lim[OPTS_MAX];
    const int n = opts_settings(lim, true);
    if (ldf_type(f, lv) != LDF_TABLE)
        return fail(ld, "limits", "must be a table, e.g. { max_rows = 1000000 }", NULL);
    ldf_val key = 0, val = 0;
    while (ldf_next(f, lv, &key, &val)) {
        const char *name = ldf_type(f, key) == LDF_STRING ? ldf_string(f, key, NULL) : "?";
        int k = 0;
        while (k < n && strcmp(lim[k]->key, name) != 0)
            k++;
        if (k == n) {
            sbuf known;
            sb_init(&known);
            for (int i = 0; i < n; i++)
                sb_printf(&known, "%s%s", i ? ", " : "", lim[i]->key);
            char what[160]; /* cut there, as it always was */
            snprintf(what, sizeof what, "%s (known: %s)", name, known.data);
            sb_free(&known);
            return fail(ld, "limits", "has no limit ", what);
        }
        if (!apply_int(ld, lim[k], val, o))
            return false;
    }
    return true;
}

/*
 * tables = { tasks = "msp_export.csv", risks = { file = "raid.csv", columns =
 * {...} } }: kept as the Lua source of a profile's `tables`, which
 * load/profile.c reads in its own sandbox and lays over the profile in use. A
 * string entry is short for { file = "..." }. Only data is allowed here
 * (computed columns need a profile file).
 */
/* Whether the value v is or holds a function (not expressible as data). */
static bool holds_function(ldf_file *f, ldf_val v, int depth)
{
    if (ldf_type(f, v) == LDF_FUNCTION)
        return true;
    if (ldf_type(f, v) != LDF_TABLE || depth > 8)
        return false;
    bool found = false;
    int mark = ldf_mark(f);
    ldf_val key = 0, val = 0;
    while (!found && ldf_next(f, v, &key, &val))
        found = holds_function(f, val, depth + 1);
    ldf_release(f, mark);
    return found;
}

static bool apply_tables(loader *ld, ldf_val v, pa_runopts *o)
{
    ldf_file *f = ld->f;
    if (ldf_type(f, v) != LDF_TABLE)
        return fail(ld, "tables", "must map table names to file names or table specs, e.g. "
                                  "{ tasks = \"msp_export.csv\" }", NULL);
    if (holds_function(f, v, 0))
        return fail(ld, "tables", "holds a function: computed columns need a profile file (profile = "
                                  "\"my-profile.lua\"; see docs/importing.md)", NULL);
    sbuf b;
    sb_init(&b);
    sb_puts(&b, "{");
    ldf_val key = 0, val = 0;
    while (ldf_next(f, v, &key, &val)) {
        int vt = ldf_type(f, val);
        if (ldf_type(f, key) != LDF_STRING || (vt != LDF_STRING && vt != LDF_TABLE)) {
            sb_free(&b);
            return fail(ld, "tables", "must map table names to a file name or a table spec { file = ..., "
                                      "columns = {...} }", NULL);
        }
        sb_printf(&b, "[\"%s\"] = ", ldf_string(f, key, NULL));
        if (vt == LDF_STRING)
            sb_puts(&b, "{ file = ");
        if (!ldf_literal(f, val, &b)) {
            sb_free(&b);
            return fail(ld, "tables", "", ldf_last_error(f));
        }
        sb_puts(&b, vt == LDF_STRING ? " }, " : ", ");
    }
    sb_puts(&b, "}");
    o->tables_src = keep(ld, b.data);
    char *origin = xasprintf("%s:%d", ld->path, line_of(ld, "tables"));
    o->tables_origin = keep(ld, origin);
    free(origin);
    sb_free(&b);
    return true;
}

/* A path setting (data, output, baseline, a waiver file): relative to the
 * config's folder, "-" (stdout) as it is. */
static bool apply_path(loader *ld, const opt_def *d, ldf_val v, pa_runopts *o)
{
    ldf_file *f = ld->f;
    if (ldf_type(f, v) != LDF_STRING)
        return fail(ld, d->key, d->type == OPT_WAIVERS ? "must be a waiver file or a list of waivers"
                                                       : "must be a path (a string)", NULL);
    const char *s = ldf_string(f, v, NULL);
    *opts_str(d, o) = strcmp(s, "-") == 0 ? keep(ld, s) : keep_path(ld, s);
    if (d->type == OPT_WAIVERS)
        o->waivers_lua = false;
    return true;
}

/* history = "file" (from the config's folder), true (.pmoaudit/history.db
 * in the config's folder, made when missing) or false (no history). */
static bool apply_history(loader *ld, const opt_def *d, ldf_val v, pa_runopts *o)
{
    if (ldf_type(ld->f, v) != LDF_BOOLEAN) {
        if (ldf_type(ld->f, v) != LDF_STRING)
            return fail(ld, d->key, "must be a file (a string), true or false", NULL);
        o->history_mkdir = false;
        return apply_path(ld, d, v, o);
    }
    bool on = ldf_truthy(ld->f, v);
    *opts_str(d, o) = on ? keep_path(ld, ".pmoaudit/history.db") : NULL;
    o->history_mkdir = on;
    return true;
}

/* rules = "pack" or {"pack", ...}: each a path from the config's folder. */
static bool apply_paths(loader *ld, const opt_def *d, ldf_val v, pa_runopts *o)
{
    ldf_file *f = ld->f;
    int t = ldf_type(f, v);
    if (t != LDF_STRING && t != LDF_TABLE)
        return fail(ld, d->key, "must be a rule folder or a list of them", NULL);
    long long n = t == LDF_STRING ? 1 : (long long)ldf_len(f, v);
    for (long long i = 1; i <= n; i++) {
        int mark = ldf_mark(f);
        const char *path = ldf_string(f, t == LDF_STRING ? v : ldf_index(f, v, i), NULL);
        if (!path)
            return fail(ld, d->key, "must be a list of paths", NULL);
        opts_push(d, o, keep_path(ld, path), false);
        ldf_release(f, mark);
    }
    return true;
}

/* The settings of one string each, checked as the command line checks
 * the option: severity, delimiter, encoding, date layout, profile. */
static bool apply_text(loader *ld, const opt_def *d, ldf_val val, pa_runopts *o)
{
    const char *v = ldf_type(ld->f, val) == LDF_STRING ? ldf_string(ld->f, val, NULL) : NULL;
    int s;
    switch (d->type) {
    case OPT_SEVERITY:
        if (!v || (s = sev_parse(v, true)) < 0)
            return fail(ld, d->key, "must be one of info, warning, error, critical, never", NULL);
        *(pa_sev *)opts_field(d, o) = (pa_sev)s;
        return true;
    case OPT_DELIMITER:
        if (!v || !(*(char *)opts_field(d, o) = dia_parse_delim(v)))
            return fail(ld, d->key, "must be one of \",\" \";\" \"|\" \"tab\"", NULL);
        return true;
    case OPT_ENCODING:
        if (!v || !dia_encoding_name(v))
            return fail(ld, d->key, "must be one of ", dia_encodings_help);
        break;
    case OPT_SPLIT:
        if (!v || (strcmp(v, "owner") != 0 && strcmp(v, "project") != 0))
            return fail(ld, d->key, "must be \"owner\" or \"project\"", NULL);
        break;
    case OPT_DATE_FORMAT:
        if (!v)
            return fail(ld, d->key, "must be a date layout such as \"DD/MM/YYYY\"", NULL);
        if (dfmt_check(v))
            return fail(ld, d->key, "is not a date layout: ", dfmt_check(v));
        break;
    default: /* OPT_PROFILE: a bundled name, or a .lua file from the config's folder */
        if (!v)
            return fail(ld, d->key, "must be a profile name (pmoaudit profiles) or a path to a .lua profile", NULL);
        if (strlen(v) > 4 && strcmp(v + strlen(v) - 4, ".lua") == 0) {
            *opts_str(d, o) = keep_path(ld, v);
            return true;
        }
        break;
    }
    *opts_str(d, o) = keep(ld, v);
    return true;
}

/* requires = ">= X.Y": refused when this engine's rule API is older. */
static bool apply_requires(loader *ld, const opt_def *d, ldf_val v)
{
    char *why = ver_requires(ldf_type(ld->f, v) == LDF_STRING ? ldf_string(ld->f, v, NULL) : NULL);
    if (!why)
        return true;
    fail(ld, d->key, why, NULL);
    free(why);
    return false;
}

/* One setting, read by its type. */
static bool apply_one(loader *ld, const opt_def *d, ldf_val v, pa_runopts *o)
{
    ldf_file *f = ld->f;
    switch (d->type) {
    case OPT_FLAG:
        if (ldf_type(f, v) != LDF_BOOLEAN)
            return fail(ld, d->key, "must be true or false", NULL);
        *opts_flag(d, o) = (d->flags & OPT_NEGATED) ? !ldf_truthy(f, v) : ldf_truthy(f, v);
        return true;
    case OPT_INT:
        return apply_int(ld, d, v, o);
    case OPT_WAIVERS:
        if (ldf_type(f, v) == LDF_TABLE) { /* inline: read from this file again later */
            *opts_str(d, o) = keep(ld, ld->path);
            o->waivers_lua = true;
            return true;
        }
        return apply_path(ld, d, v, o);
    case OPT_PATH:
        return apply_path(ld, d, v, o);
    case OPT_HISTORY:
        return apply_history(ld, d, v, o);
    case OPT_PATHS:
        return apply_paths(ld, d, v, o);
    case OPT_LIST:
        return (*opts_str(d, o) = string_or_list(ld, d->key, v)) != NULL;
    case OPT_SETS:
        return apply_params(ld, d, v, o);
    case OPT_SEVERITIES:
        return apply_severity(ld, v);
    case OPT_GATES:
        return apply_gates(ld, v);
    case OPT_LIMITS:
        return apply_limits(ld, v, o);
    case OPT_TABLES:
        return apply_tables(ld, v, o);
    case OPT_REQUIRES:
        return apply_requires(ld, d, v);
    default:
        return apply_text(ld, d, v, o);
    }
}

/* Apply the settings in the table's fixed order (not hash order), so that
 * the first error reported does not depend on the Lua version. An unknown
 * setting comes first, with the closest known one suggested. */
static bool apply_all(loader *ld, ldf_val env, pa_runopts *o)
{
    ldf_file *f = ld->f;
    const opt_def *set[OPTS_MAX];
    const char *names[OPTS_MAX + 1];
    const int n = opts_settings(set, false);
    for (int i = 0; i < n; i++)
        names[i] = set[i]->key;
    names[n] = NULL;
    ldf_val key = 0, val = 0;
    int mark0 = ldf_mark(f); /* requires first: a newer config's settings would fail as unknown */
    ldf_val req = ldf_rawfield(f, env, "requires", strlen("requires"));
    int r = 0;
    while (r < n - 1 && set[r]->type != OPT_REQUIRES)
        r++;
    bool req_ok = !req || apply_requires(ld, set[r], req);
    ldf_release(f, mark0);
    if (!req_ok)
        return false;
    while (ldf_next(f, env, &key, &val)) {
        const char *k = ldf_type(f, key) == LDF_STRING ? ldf_string(f, key, NULL) : "?";
        bool known = false;
        for (int i = 0; i < n; i++)
            known |= strcmp(k, names[i]) == 0;
        if (!known) {
            const char *s = str_suggest(k, names);
            if (!ld->err)
                ld->err = xasprintf("%s:%d: unknown setting '%s'%s%s%s (see docs/config.md)", ld->path, line_of(ld, k),
                                    k, s ? " (did you mean '" : "", s ? s : "", s ? "'?)" : "");
            return false;
        }
    }
    for (int i = 0; i < n; i++) {
        int mark = ldf_mark(f);
        ldf_val v = ldf_rawfield(f, env, names[i], strlen(names[i]));
        bool ok = !v || apply_one(ld, set[i], v, o);
        ldf_release(f, mark);
        if (!ok)
            return false;
    }
    return true;
}

int config_load(const char *explicit_path, pa_runopts *o, pa_config *cfg, char **err)
{
    memset(cfg, 0, sizeof *cfg);
    const char *path = explicit_path ? explicit_path : "pmoaudit.lua";
    struct stat sb;
    if (stat(path, &sb) != 0) {
        if (!explicit_path)
            return 0; /* no config: nothing to do */
        *err = xasprintf("%s: config file not found", path);
        return -1;
    }
    size_t len;
    char *text = read_whole_file(path, &len);
    if (!text) {
        *err = xasprintf("%s: cannot read the config file (%s)", path, xstrerror(errno));
        return -1;
    }
    cfg->path = xstrdup(path);
    ldf_opts opts = {.budget_msg = CONFIG_BUDGET_MSG};
    loader ld = {ldf_new(&opts), cfg->path, NULL, cfg, NULL, text, len, NULL};
    const char *slash = strrchr(path, '/');
    ld.dir = slash ? xstrndup(path, (size_t)(slash - path)) : xstrdup(".");
    char *chunk = xasprintf("@%s", path);
    char *lerr = NULL;
    int st = ld.f ? ldf_run(ld.f, text, len, chunk, NULL, &lerr) : LDF_EMEM;
    free(chunk);
    int rc = st == LDF_OK ? 0 : -1;
    if (st == LDF_EMEM) { /* say which file: Lua's message does not */
        free(lerr);
        *err = xasprintf("%s: not enough memory (a Lua data file may hold %zu MiB)", path, LDF_MEM >> 20);
    } else if (st != LDF_OK) {
        *err = lerr;
    } else if (!apply_all(&ld, ldf_globals(ld.f), o) || ldf_error(ld.f)) {
        *err = ldf_error(ld.f) ? xstrdup(ldf_error(ld.f)) : ld.err;
        ld.err = ldf_error(ld.f) ? ld.err : NULL;
        rc = -1;
    } else {
        o->sevs = cfg->sev;
        o->nsevs = cfg->nsev;
        o->config_path = cfg->path;
    }
    free(ld.err);
    free(ld.dir);
    ldf_free(ld.f);
    lparse_free(ld.tree);
    free(text);
    return rc;
}

const struct pa_cfg_gate *config_gate(const pa_config *cfg, const char *name)
{
    for (int i = 0; i < cfg->ngates; i++)
        if (strcasecmp(cfg->gates[i].name, name) == 0)
            return &cfg->gates[i];
    return NULL;
}

void config_free(pa_config *cfg)
{
    for (int i = 0; i < cfg->nstrings; i++)
        free(cfg->strings[i]);
    free(cfg->strings);
    for (int i = 0; i < cfg->nsev; i++)
        free(cfg->sev[i].rule);
    free(cfg->sev);
    for (int i = 0; i < cfg->ngates; i++) {
        free(cfg->gates[i].name);
        free(cfg->gates[i].rules);
    }
    free(cfg->gates);
    free(cfg->path);
    memset(cfg, 0, sizeof *cfg);
}
