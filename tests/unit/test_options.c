/*
 * test_options.c - the option table (cmd/options.c): every entry is
 * complete (help text, names, bounds), every option parses from the
 * command line and every setting from pmoaudit.lua, the bounds of a whole
 * number are enforced alike by both, the defaults are the engine's, and
 * docs/config.md names exactly the table's config keys.
 */
#include "cmd/config.h"
#include "cmd/options.h"
#include "core/version.h"
#include "load/table_load.h"
#include "test.h"
#include "core/util.h"

#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>

static char dir[] = "/tmp/pa-unit-options-XXXXXX";

/* A value of d's type that must be accepted on the command line. */
static const char *cli_sample(const opt_def *d, char *buf, size_t n)
{
    switch (d->type) {
    case OPT_INT: snprintf(buf, n, "%llu", d->min); return buf;
    case OPT_SEVERITY: return "warning";
    case OPT_DATE: return "2026-01-02";
    case OPT_SETS: return "STD-001.p=1";
    case OPT_DELIMITER: return ";";
    case OPT_ENCODING: return "latin-1";
    case OPT_DATE_FORMAT: return "DD/MM/YYYY";
    case OPT_SPLIT: return "owner";
    default: return "x";
    }
}

/* The same as a Lua value for the config. */
static const char *lua_sample(const opt_def *d, char *buf, size_t n)
{
    switch (d->type) {
    case OPT_FLAG: return "true";
    case OPT_INT: snprintf(buf, n, "%llu", d->min); return buf;
    case OPT_SEVERITY: return "\"warning\"";
    case OPT_LIST: return "{ \"a\", \"b\" }";
    case OPT_PATHS: return "{ \"x\" }";
    case OPT_SETS: return "{ [\"STD-001\"] = { p = 1 } }";
    case OPT_DELIMITER: return "\";\"";
    case OPT_ENCODING: return "\"latin-1\"";
    case OPT_DATE_FORMAT: return "\"DD/MM/YYYY\"";
    case OPT_PROFILE: return "\"jira\"";
    case OPT_SPLIT: return "\"project\"";
    case OPT_SEVERITIES: return "{ [\"STD-001\"] = \"error\" }";
    case OPT_GATES: return "{ G1 = { rules = {\"STD-*\"}, block = {\"warning\"} } }";
    case OPT_LIMITS: return "{ max_rows = 5 }";
    case OPT_TABLES: return "{ tasks = \"t.csv\" }";
    case OPT_REQUIRES: return "\">= 0.2\"";
    default: return "\"x\"";
    }
}

/* Parse argv (after the defaults); returns what opts_parse_argv did. */
static int cli(pa_runopts *o, int argc, const char **argv)
{
    opts_defaults(o);
    char *err = NULL;
    int rc = opts_parse_argv(argc, (char **)argv, "run", o, &err);
    free(err);
    return rc;
}

static void free_opts(pa_runopts *o)
{
    free((void *)o->rule_paths);
    free((void *)o->sets);
    free((void *)o->set_where);
}

/* Load a config whose text is `text` (a setting, or limits = { k = v }). */
static int config(pa_runopts *o, pa_config *cfg, const char *text)
{
    char *path = xasprintf("%s/pmoaudit.lua", dir);
    FILE *f = fopen(path, "w");
    fputs(text, f);
    fclose(f);
    opts_defaults(o);
    char *err = NULL;
    int rc = config_load(path, o, cfg, &err);
    free(err);
    free(path);
    return rc;
}

static void complete(void)
{
    CASE("each entry has its names, help text and, for a number, unit and bounds");
    for (int i = 0; i < opts_count; i++) {
        const opt_def *d = &opts_table[i];
        CHECK(d->lng || d->key);
        CHECK(d->help && d->help[0]);
        CHECK(!d->lng || (d->type == OPT_FLAG) == (d->arg == NULL));
        CHECK(!d->shrt || (d->lng && d->shrt[0] == '-' && d->shrt[1] && !d->shrt[2]));
        CHECK(!d->key || d->order > 0);
        CHECK((d->type != OPT_DATE && d->type != OPT_CONFIG) || !d->key);
        CHECK(d->type < OPT_SEVERITIES || !d->lng);
        CHECK(!(d->flags & OPT_IN_LIMITS) || d->type == OPT_INT);
        if (d->type == OPT_INT)
            CHECK(d->unit && d->expect && d->min <= d->max && (d->size == 4 || d->size == 8));
        for (int j = 0; j < i; j++) {
            const opt_def *e = &opts_table[j];
            CHECK(!d->lng || !e->lng || strcmp(d->lng, e->lng) != 0);
            CHECK(!d->shrt || !e->shrt || strcmp(d->shrt, e->shrt) != 0);
            CHECK(!d->key || !e->key || strcmp(d->key, e->key) != 0);
            CHECK(!d->key || !e->key || ((d->flags ^ e->flags) & OPT_IN_LIMITS) || d->order != e->order);
        }
    }
}

/* core/version.c: which requires strings this engine (rule API 0.2) meets. */
static void requires(void)
{
    CASE("requires: >= an older or equal rule API passes, a newer one says both versions, others are malformed");
    const char *ok[] = {">= 0.2", ">=0.1", ">= 0.0", ">=  0.2"};
    for (size_t i = 0; i < sizeof ok / sizeof *ok; i++) {
        char *why = ver_requires(ok[i]);
        CHECK(why == NULL);
        free(why);
    }
    char *why = ver_requires(">= 0.3");
    CHECK_STR(why, "asks for rule API >= 0.3, but pmoaudit " PMOAUDIT_VERSION " has rule API 0.2: upgrade pmoaudit "
                   "(or use an older version of these rules)");
    free(why);
    why = ver_requires(">= 1.0");
    CHECK(why && strstr(why, "rule API >= 1.0, but"));
    free(why);
    const char *bad[] = {"0.2", "> 0.2", ">= 0", ">= 0.2.1", ">= x.2", ">= 0.2 ", "", ">= 1234567.0", NULL};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        why = ver_requires(bad[i]);
        CHECK(why && strncmp(why, "must be a string \">= MAJOR.MINOR\" ", 34) == 0);
        free(why);
    }
}

static void every_option_parses(void)
{
    char buf[32];
    pa_runopts o;
    CASE("every command-line option parses, as --name V, --name=V and -n V");
    for (int i = 0; i < opts_count; i++) {
        const opt_def *d = &opts_table[i];
        if (!d->lng)
            continue;
        const char *v = cli_sample(d, buf, sizeof buf);
        const char *a1[] = {d->lng, v};
        CHECK(cli(&o, d->type == OPT_FLAG ? 1 : 2, a1) == OPTS_GO && o.nargs == 0);
        if (d->type == OPT_PATH || d->type == OPT_LIST || d->type == OPT_PROFILE || d->type == OPT_WAIVERS ||
            d->type == OPT_ENCODING || d->type == OPT_DATE_FORMAT)
            CHECK_STR(*opts_str(d, &o), v);
        if (d->type == OPT_FLAG)
            CHECK(*opts_flag(d, &o));
        if (d->given)
            CHECK(*(bool *)((char *)&o + d->given));
        free_opts(&o);
        if (d->type == OPT_FLAG)
            continue;
        char *eq = xasprintf("%s=%s", d->lng, v);
        const char *a2[] = {eq};
        CHECK(cli(&o, 1, a2) == OPTS_GO && o.nargs == 0);
        free_opts(&o);
        free(eq);
        const char *a3[] = {d->lng};
        CHECK(cli(&o, 1, a3) == OPTS_ERROR); /* needs a value */
        free_opts(&o);
        if (d->shrt) {
            const char *a4[] = {d->shrt, v};
            CHECK(cli(&o, 2, a4) == OPTS_GO && o.nargs == 0);
            free_opts(&o);
        }
    }
    CASE("every setting of the config parses");
    for (int i = 0; i < opts_count; i++) {
        const opt_def *d = &opts_table[i];
        if (!d->key)
            continue;
        char *text = d->flags & OPT_IN_LIMITS ? xasprintf("limits = { %s = %s }\n", d->key, lua_sample(d, buf, 32))
                                              : xasprintf("%s = %s\n", d->key, lua_sample(d, buf, 32));
        pa_config cfg;
        int rc = config(&o, &cfg, text);
        if (rc != 0)
            printf("not ok - config: %s", text);
        CHECK(rc == 0);
        if (d->type == OPT_FLAG)
            CHECK(*opts_flag(d, &o) == !(d->flags & OPT_NEGATED));
        free_opts(&o);
        config_free(&cfg);
        free(text);
    }
}

/* The field of d as bytes, to compare a value read both ways. */
static uint64_t stored(const opt_def *d, pa_runopts *o)
{
    uint64_t v = 0;
    if (d->size == 4) {
        uint32_t x;
        memcpy(&x, opts_field(d, o), 4);
        v = x;
    } else {
        memcpy(&v, opts_field(d, o), 8);
    }
    return v;
}

static void same_bounds(void)
{
    CASE("a whole number is held to the same bounds from the command line and the config");
    for (int i = 0; i < opts_count; i++) {
        const opt_def *d = &opts_table[i];
        if (d->type != OPT_INT)
            continue;
        unsigned long long tries[] = {d->min - 1, d->min, d->min + 1, d->max - 1, d->max, d->max + 1};
        for (size_t k = d->min == 0; k < sizeof tries / sizeof *tries; k++) {
            char num[32];
            snprintf(num, sizeof num, "%llu", tries[k]);
            pa_runopts a, b;
            const char *argv[] = {d->lng, num};
            bool by_cli = cli(&a, 2, argv) == OPTS_GO;
            char *text = d->flags & OPT_IN_LIMITS ? xasprintf("limits = { %s = %s }\n", d->key, num)
                                                  : xasprintf("%s = %s\n", d->key, num);
            pa_config cfg;
            bool by_config = config(&b, &cfg, text) == 0;
            bool in = tries[k] >= d->min && tries[k] <= d->max;
            CHECK(by_config == in);
            CHECK(by_cli == in); /* one bound, both ways */
            if (by_cli && by_config)
                CHECK(stored(d, &a) == stored(d, &b));
            free_opts(&a);
            free_opts(&b);
            config_free(&cfg);
            free(text);
        }
    }
}

static void defaults(void)
{
    CASE("the table's defaults are the engine's");
    pa_runopts o;
    opts_defaults(&o);
    pa_limits l;
    limits_default(&l);
    CHECK(o.lim.mem_limit == l.mem_limit && o.lim.instr_base == l.instr_base &&
          o.lim.instr_per_row == l.instr_per_row && o.lim.max_findings == l.max_findings &&
          o.lim.match_limit == l.match_limit);
    CHECK(o.max_rows == LOAD_MAX_ROWS_DEFAULT && o.max_cols == LOAD_MAX_COLS_DEFAULT);
    CHECK(o.max_cell == 16u << 20); /* load/csv_read.c's default */
    CHECK_STR(o.formats, "text");
    CHECK(o.fail_on == SEV_ERROR && o.jobs >= 1 && !o.have_T && !o.fail_on_given);
}

/* The `keys` in the first cell of each row of docs/config.md's tables. */
static int doc_keys(const char *text, char keys[][40], int max)
{
    int n = 0;
    for (const char *p = text; p && *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL) {
        if (strncmp(p, "| `", 3) != 0)
            continue;
        const char *end = strstr(p + 1, " |");
        for (const char *q = strchr(p, '`'); q && q < end && n < max;) {
            const char *close = strchr(q + 1, '`');
            if (!close || close - q - 1 >= 40)
                break;
            memcpy(keys[n], q + 1, (size_t)(close - q - 1));
            keys[n++][close - q - 1] = '\0';
            q = strchr(close + 1, '`');
        }
    }
    return n;
}

static void docs(void)
{
    CASE("docs/config.md lists every config key of the table, and no other");
    size_t len;
    char *text = read_whole_file("docs/config.md", &len);
    CHECK(text != NULL); /* the unit tests run from the repository's root */
    if (!text)
        return;
    char keys[80][40];
    int n = doc_keys(text, keys, 80);
    for (int i = 0; i < opts_count; i++) {
        bool found = !opts_table[i].key;
        for (int k = 0; k < n && !found; k++)
            found = strcmp(keys[k], opts_table[i].key) == 0;
        if (!found)
            printf("not ok - docs/config.md does not list '%s'\n", opts_table[i].key);
        CHECK(found);
    }
    for (int k = 0; k < n; k++) {
        bool found = false;
        for (int i = 0; i < opts_count && !found; i++)
            found = opts_table[i].key && strcmp(keys[k], opts_table[i].key) == 0;
        if (!found)
            printf("not ok - docs/config.md lists '%s', which the option table does not know\n", keys[k]);
        CHECK(found);
    }
    free(text);
}

void suite_options(void)
{
    if (!mkdtemp(dir)) {
        CHECK(!"mkdtemp");
        return;
    }
    complete();
    requires();
    every_option_parses();
    same_bounds();
    defaults();
    docs();
    char *path = xasprintf("%s/pmoaudit.lua", dir);
    unlink(path);
    free(path);
    rmdir(dir);
}
