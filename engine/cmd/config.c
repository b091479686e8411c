/*
 * cmd/config.c - the config file, pmoaudit.lua: plain Lua data, one setting per
 * assignment (`fail_on = "warning"`). It runs as a Lua data file
 * (lua/data_file.c): the rules' sandbox, text mode only, an instruction
 * budget and a memory cap. The loader records the line of every setting
 * (every global the file assigns), so that an unknown
 * setting or a bad value is reported at its file:line (with a suggestion for
 * a misspelt name). Relative paths are taken from the config file's folder.
 * The settings fill the same pa_runopts as the command line, which is
 * applied afterwards and so wins.
 */
#include "cmd/config.h"
#include "model/date_format.h"
#include "load/dialect.h"
#include "lua/data_file.h"
#include "core/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>


static const char *const settings[] = {"data",     "rules",    "builtin",     "only",     "skip", "severity",
                                       "params",   "waivers",  "baseline",    "formats",  "output",
                                       "fail_on",  "fail_on_new", "jobs",     "domains",  "projects", "gates",
                                       "limits",   "delimiter", "encoding", "date_format", "profile", "tables",
                                       NULL};

#define CONFIG_BUDGET_MSG "the config file runs too long (it should only assign settings)"

typedef struct {
    ldf_file *f;
    const char *path;
    char *dir; /* the config file's folder, for relative paths */
    pa_config *cfg;
    char *err;
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

/* params = { ["SCH-003"] = { warn_below = 0.85 }, ... } -> --set entries. */
static bool apply_params(loader *ld, ldf_val v, pa_runopts *o)
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
            else if (ok)
                ldf_literal(f, pv, &b);
            if (ok) {
                o->sets = xrealloc((void *)o->sets, (size_t)(o->nsets + 1) * sizeof *o->sets);
                o->sets[o->nsets++] = keep(ld, b.data);
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

/*
 * limits = { max_rows = 100000, ... }: the resource limits of the command
 * line's --max-* options, with the same lower and upper bounds, so that a
 * value the command line refuses is refused here too.
 */
static const struct {
    const char *name;
    unsigned long long min, max;
    const char *unit;
} limit_defs[] = {
    {"max_cell", 256, 1ULL << 31, "bytes"},
    {"max_rows", 1, 1ULL << 40, "rows"},
    {"max_columns", 1, 65536, "columns"},
    {"max_findings", 1, 1ULL << 40, "findings"},
    {"max_rule_memory", 1, 1ULL << 20, "megabytes"},
    {"max_instructions", 1000, 1ULL << 62, "instructions"},
    {"regex_match_limit", 1000, 1ULL << 32, "steps"},
};

static void set_limit(pa_runopts *o, int k, unsigned long long v)
{
    switch (k) {
    case 0: o->max_cell = (size_t)v; break;
    case 1: o->max_rows = (size_t)v; break;
    case 2: o->max_cols = (size_t)v; break;
    case 3: o->lim.max_findings = (size_t)v; break;
    case 4: o->lim.mem_limit = (size_t)v << 20; break;
    case 5: o->lim.instr_base = v; break;
    default: o->lim.match_limit = (unsigned long)v; break;
    }
}

static bool apply_limits(loader *ld, ldf_val lv, pa_runopts *o)
{
    ldf_file *f = ld->f;
    const int n = (int)(sizeof limit_defs / sizeof limit_defs[0]);
    if (ldf_type(f, lv) != LDF_TABLE)
        return fail(ld, "limits", "must be a table, e.g. { max_rows = 1000000 }", NULL);
    ldf_val key = 0, val = 0;
    while (ldf_next(f, lv, &key, &val)) {
        const char *name = ldf_type(f, key) == LDF_STRING ? ldf_string(f, key, NULL) : "?";
        int k = 0;
        while (k < n && strcmp(limit_defs[k].name, name) != 0)
            k++;
        char what[160];
        if (k == n) {
            snprintf(what, sizeof what, "%s (known: max_cell, max_rows, max_columns, max_findings, "
                     "max_rule_memory, max_instructions, regex_match_limit)", name);
            return fail(ld, "limits", "has no limit ", what);
        }
        long long v = ldf_is_integer(f, val) ? ldf_integer(f, val) : -1;
        if (v < 0 || (unsigned long long)v < limit_defs[k].min || (unsigned long long)v > limit_defs[k].max) {
            snprintf(what, sizeof what, "%s must be a whole number of %s from %llu to %llu", name,
                     limit_defs[k].unit, limit_defs[k].min, limit_defs[k].max);
            return fail(ld, "limits", "", what);
        }
        set_limit(o, k, (unsigned long long)v);
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
        ldf_literal(f, val, &b);
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

static bool apply_one(loader *ld, const char *key, ldf_val idx, pa_runopts *o)
{
    ldf_file *f = ld->f;
    int t = ldf_type(f, idx);
    if (strcmp(key, "waivers") == 0 && t == LDF_TABLE) { /* inline: read from this file again later */
        o->waivers = keep(ld, ld->path);
        o->waivers_lua = true;
        return true;
    }
    bool is_path = strcmp(key, "data") == 0 || strcmp(key, "waivers") == 0 || strcmp(key, "baseline") == 0 ||
                   strcmp(key, "output") == 0;
    if (is_path) {
        if (t != LDF_STRING)
            return fail(ld, key,
                        strcmp(key, "waivers") == 0 ? "must be a waiver file or a list of waivers"
                                                    : "must be a path (a string)",
                        NULL);
        const char *v = ldf_string(f, idx, NULL);
        const char *kept = strcmp(v, "-") == 0 ? keep(ld, v) : keep_path(ld, v); /* "-": stdout */
        if (strcmp(key, "data") == 0)
            o->data_dir = kept;
        else if (strcmp(key, "baseline") == 0)
            o->baseline = kept;
        else if (strcmp(key, "output") == 0)
            o->output = kept;
        else {
            o->waivers = kept;
            o->waivers_lua = false;
        }
    } else if (strcmp(key, "rules") == 0) {
        if (t != LDF_STRING && t != LDF_TABLE)
            return fail(ld, key, "must be a rule folder or a list of them", NULL);
        long long n = t == LDF_STRING ? 1 : (long long)ldf_len(f, idx);
        for (long long i = 1; i <= n; i++) {
            const char *path = ldf_string(f, t == LDF_STRING ? idx : ldf_index(f, idx, i), NULL);
            if (!path)
                return fail(ld, key, "must be a list of paths", NULL);
            o->rule_paths = xrealloc((void *)o->rule_paths, (size_t)(o->nrule_paths + 1) * sizeof *o->rule_paths);
            o->rule_paths[o->nrule_paths++] = keep_path(ld, path);
        }
    } else if (strcmp(key, "builtin") == 0 || strcmp(key, "fail_on_new") == 0) {
        if (t != LDF_BOOLEAN)
            return fail(ld, key, "must be true or false", NULL);
        if (strcmp(key, "builtin") == 0)
            o->no_builtin = !ldf_truthy(f, idx);
        else
            o->fail_on_new = ldf_truthy(f, idx);
    } else if (strcmp(key, "only") == 0 || strcmp(key, "skip") == 0 || strcmp(key, "formats") == 0 ||
               strcmp(key, "domains") == 0 || strcmp(key, "projects") == 0) {
        const char **dst = strcmp(key, "only") == 0       ? &o->only
                           : strcmp(key, "skip") == 0     ? &o->skip
                           : strcmp(key, "domains") == 0  ? &o->domains
                           : strcmp(key, "projects") == 0 ? &o->projects
                                                          : &o->formats;
        if (!(*dst = string_or_list(ld, key, idx)))
            return false;
    } else if (strcmp(key, "fail_on") == 0) {
        int s = t == LDF_STRING ? sev_parse(ldf_string(f, idx, NULL), true) : -1;
        if (s < 0)
            return fail(ld, key, "must be one of info, warning, error, critical, never", NULL);
        o->fail_on = (pa_sev)s;
    } else if (strcmp(key, "jobs") == 0) {
        if (!ldf_is_integer(f, idx) || ldf_integer(f, idx) < 1 || ldf_integer(f, idx) > 256)
            return fail(ld, key, "must be a whole number of threads from 1 to 256", NULL);
        o->jobs = (int)ldf_integer(f, idx);
    } else if (strcmp(key, "delimiter") == 0) {
        if (t != LDF_STRING || !(o->delim = dia_parse_delim(ldf_string(f, idx, NULL))))
            return fail(ld, key, "must be one of \",\" \";\" \"|\" \"tab\"", NULL);
    } else if (strcmp(key, "encoding") == 0) {
        if (t != LDF_STRING || !dia_encoding_name(ldf_string(f, idx, NULL)))
            return fail(ld, key, "must be one of ", dia_encodings_help);
        o->encoding = keep(ld, ldf_string(f, idx, NULL));
    } else if (strcmp(key, "date_format") == 0) {
        if (t != LDF_STRING)
            return fail(ld, key, "must be a date layout such as \"DD/MM/YYYY\"", NULL);
        if (dfmt_check(ldf_string(f, idx, NULL)))
            return fail(ld, key, "is not a date layout: ", dfmt_check(ldf_string(f, idx, NULL)));
        o->date_format = keep(ld, ldf_string(f, idx, NULL));
    } else if (strcmp(key, "profile") == 0) {
        if (t != LDF_STRING)
            return fail(ld, key, "must be a profile name (pmoaudit profiles) or a path to a .lua profile", NULL);
        const char *v = ldf_string(f, idx, NULL);
        size_t n = strlen(v);
        o->profile = n > 4 && strcmp(v + n - 4, ".lua") == 0 ? keep_path(ld, v) : keep(ld, v);
    } else if (strcmp(key, "tables") == 0) {
        return apply_tables(ld, idx, o);
    } else if (strcmp(key, "severity") == 0) {
        return apply_severity(ld, idx);
    } else if (strcmp(key, "params") == 0) {
        return apply_params(ld, idx, o);
    } else if (strcmp(key, "gates") == 0) {
        return apply_gates(ld, idx);
    } else if (strcmp(key, "limits") == 0) {
        return apply_limits(ld, idx, o);
    }
    return true;
}

/* Apply the settings in a fixed order (not hash order), so that the
 * first error reported does not depend on the Lua version. */
static bool apply_all(loader *ld, ldf_val env, pa_runopts *o)
{
    ldf_file *f = ld->f;
    ldf_val key = 0, val = 0;
    while (ldf_next(f, env, &key, &val)) { /* unknown settings first, with a suggestion */
        const char *k = ldf_type(f, key) == LDF_STRING ? ldf_string(f, key, NULL) : "?";
        bool known = false;
        for (int i = 0; settings[i]; i++)
            known |= strcmp(k, settings[i]) == 0;
        if (!known) {
            const char *s = str_suggest(k, settings);
            if (!ld->err)
                ld->err = xasprintf("%s:%d: unknown setting '%s'%s%s%s (see docs/config.md)", ld->path, line_of(ld, k),
                                    k, s ? " (did you mean '" : "", s ? s : "", s ? "'?)" : "");
            return false;
        }
    }
    for (int i = 0; settings[i]; i++) {
        int mark = ldf_mark(f);
        ldf_val v = ldf_rawfield(f, env, settings[i], strlen(settings[i]));
        bool ok = !v || apply_one(ld, settings[i], v, o);
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
        *err = xasprintf("%s: cannot read the config file", path);
        return -1;
    }
    cfg->path = xstrdup(path);
    ldf_opts opts = {.budget_msg = CONFIG_BUDGET_MSG};
    loader ld = {ldf_new(&opts), cfg->path, NULL, cfg, NULL};
    const char *slash = strrchr(path, '/');
    ld.dir = slash ? xstrndup(path, (size_t)(slash - path)) : xstrdup(".");
    char *chunk = xasprintf("@%s", path);
    char *lerr = NULL;
    int st = ld.f ? ldf_run(ld.f, text, len, chunk, NULL, &lerr) : LDF_EMEM;
    free(chunk);
    free(text);
    int rc = st == LDF_OK ? 0 : -1;
    if (st == LDF_EMEM) { /* say which file: Lua's message does not */
        free(lerr);
        *err = xasprintf("%s: not enough memory (a Lua data file may hold %zu MiB)", path, LDF_MEM >> 20);
    } else if (st != LDF_OK) {
        *err = lerr;
    } else if (st == LDF_OK && (!apply_all(&ld, ldf_globals(ld.f), o) || ldf_error(ld.f))) {
        *err = ldf_error(ld.f) ? xstrdup(ldf_error(ld.f)) : ld.err;
        ld.err = ldf_error(ld.f) ? ld.err : NULL;
        rc = -1;
    }
    free(ld.err);
    free(ld.dir);
    ldf_free(ld.f);
    return rc;
}

int config_apply_severities(const pa_config *cfg, pa_registry *reg, char **err)
{
    for (int i = 0; i < cfg->nsev; i++) {
        int k = reg_index(reg, cfg->sev[i].rule);
        if (k < 0) {
            *err = xasprintf("%s:%d: severity: no rule %s (see `pmoaudit list`)", cfg->path, cfg->sev[i].line,
                             cfg->sev[i].rule);
            return -1;
        }
        reg->v[k].sev = cfg->sev[i].sev;
    }
    return 0;
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
