/*
 * cmd/options.c - every option of run and gate and every setting of
 * pmoaudit.lua, in one table: names (long, short, config key), type,
 * bounds, default, --help text and the pa_runopts field it fills. Which
 * options exist only on the command line (no key) or only in the config
 * (no long name) is read off the table. From it come the command-line
 * parser (one parser per type, below), the defaults, --help, the options
 * gate refuses, and what cmd/config.c checks a setting against (the same
 * bounds, the keys it suggests for a misspelt one). Messages are those of
 * the options before the table existed, byte for byte. May include core/,
 * model/, load/ (the delimiter and encoding names) and run/ (pa_runopts).
 */
#include "cmd/options.h"
#include "load/dialect.h"
#include "model/date_format.h"
#include "model/finding.h"
#include "model/value.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define AT(f) .off = offsetof(pa_runopts, f), .size = sizeof(((pa_runopts *)0)->f)
#define OFF(f) offsetof(pa_runopts, f)

/* In the order of `pmoaudit help run`; config-only settings where they fit. */
const opt_def opts_table[] = {
    {.key = "requires", .type = OPT_REQUIRES, .order = 27, /* also read first of all by cmd/config.c */
     .help = "\">= X.Y\": the oldest rule API these settings and rules work with (docs/compatibility.md)"},
    {.key = "data", .type = OPT_PATH, AT(data_dir), .order = 1,
     .help = "the data directory (the command line's DATA_DIR wins)"},
    {.lng = "--rules", .shrt = "-r", .key = "rules", .type = OPT_PATHS, AT(rule_paths), .count = OFF(nrule_paths),
     .order = 2, .arg = "PATH", .help = "rule file or folder (repeatable)"},
    {.lng = "--no-builtin", .key = "builtin", .type = OPT_FLAG, .flags = OPT_NEGATED, AT(no_builtin), .order = 3,
     .help = "do not use the built-in rule pack"},
    {.lng = "--config", .shrt = "-c", .type = OPT_CONFIG, .arg = "FILE",
     .help = "settings file (default ./pmoaudit.lua when present)"},
    {.lng = "--as-of", .type = OPT_DATE, AT(T), .given = OFF(have_T), .arg = "YYYY-MM-DD",
     .help = "the date T the rules judge against (default today)"},
    {.lng = "--format", .shrt = "-f", .key = "formats", .type = OPT_LIST, AT(formats), .def = "text", .order = 10,
     .arg = "LIST", .help = "comma list of text, json, md, csv, html, junit, sarif (default text)"},
    {.lng = "--output", .shrt = "-o", .key = "output", .type = OPT_PATH, AT(output), .order = 11, .arg = "PATH",
     .help = "file for one format, folder for several; - is stdout"},
    {.lng = "--split-by", .key = "split_by", .type = OPT_SPLIT, AT(split_by), .order = 24, .arg = "BY",
     .help = "owner or project: also write one report per owner (the\nmanager in projects.csv) or per project into the -o\nfolder, as report-NAME.EXT"},
    {.lng = "--sarif-base", .key = "sarif_base", .type = OPT_PATH, AT(sarif_base), .def = ".", .order = 25,
     .arg = "DIR", .help = "SARIF file URIs are relative to DIR (default: the\ncurrent directory), e.g. the repository root"},
    {.lng = "--fail-on", .key = "fail_on", .type = OPT_SEVERITY, AT(fail_on), .given = OFF(fail_on_given),
     .def = "error", .order = 12, .arg = "SEVERITY",
     .help = "exit 1 on findings at or above it: info, warning, error\n(default), critical, never"},
    {.key = "severity", .type = OPT_SEVERITIES, .order = 6,
     .help = "rule id -> info, warning, error or critical: a rule's severity, raised or lowered"},
    {.lng = "--baseline", .key = "baseline", .type = OPT_PATH, AT(baseline), .order = 9, .arg = "FILE",
     .help = "a previous JSON report: mark findings new or existing,\ncarry first_seen forward, list the resolved ones"},
    {.lng = "--history", .key = "history", .type = OPT_HISTORY, AT(history), .order = 28,
     .arg = "FILE", .help = "keep every run in this SQLite file (docs/history.md); the\nbaseline is then the previous run on the same data and\nrules unless --baseline names one"},
    {.lng = "--trend-runs", .key = "trend_runs", .type = OPT_INT, AT(trend_runs), .min = 2, .max = 1000,
     .unit = "runs", .expect = "a number of runs from 2 to 1000", .def = "10", .order = 29, .arg = "N",
     .help = "with --history: the runs the HTML and Markdown trends\nshow, this one included (default 10)"},
    {.lng = "--fail-on-new", .key = "fail_on_new", .type = OPT_FLAG, AT(fail_on_new), .order = 13,
     .help = "only new findings (see --baseline) fail the run"},
    {.lng = "--waivers", .key = "waivers", .type = OPT_WAIVERS, AT(waivers), .order = 8, .arg = "FILE",
     .help = "accepted exceptions: CSV with rule, key (or fingerprint),\nreason, approved_by, expires"},
    {.lng = "--only", .key = "only", .type = OPT_LIST, .flags = OPT_NOT_IN_GATE, AT(only), .order = 4,
     .arg = "ID,...", .help = "run only these rules (globs like SCH-* allowed)"},
    {.lng = "--skip", .key = "skip", .type = OPT_LIST, AT(skip), .order = 5, .arg = "ID,...",
     .help = "do not run these rules (globs allowed)"},
    {.lng = "--project", .key = "projects", .type = OPT_LIST, .flags = OPT_NOT_IN_GATE, AT(projects), .order = 16,
     .arg = "ID,...",
     .help = "report only findings about these projects (globs\nallowed); the rules still see every project's data"},
    {.key = "gates", .type = OPT_GATES, .order = 17,
     .help = "gate -> { rules = {ids or globs}, block = {severities} } (docs/gates.md)"},
    {.lng = "--set", .key = "params", .type = OPT_SETS, AT(sets), .count = OFF(nsets), .order = 7,
     .arg = "RULE.P=VALUE", .help = "override rule parameter P (repeatable)"},
    {.lng = "--jobs", .shrt = "-j", .key = "jobs", .type = OPT_INT, AT(jobs), .min = 1, .max = 256,
     .unit = "threads", .expect = "a number of threads from 1 to 256", .order = 14, .arg = "N",
     .help = "worker threads (default: number of cores)"},
    {.lng = "--quiet", .shrt = "-q", .type = OPT_FLAG, AT(quiet), .help = "print nothing but errors"},
    {.lng = "--verbose", .shrt = "-v", .type = OPT_FLAG, AT(verbose), .help = "list every finding in the text report"},
    {.lng = "--no-color", .type = OPT_FLAG, AT(no_color), .help = "no colour even on a terminal"},
    {.lng = "--no-progress", .type = OPT_FLAG, AT(no_progress),
     .help = "no progress line on stderr (shown only on a terminal)"},
    {.lng = "--timings", .type = OPT_FLAG, AT(timings),
     .help = "print to stderr the wall time of each phase, the ten\nslowest rules and the rule time of each domain; write\neach rule's time into the JUnit report and the run's\nduration into the HTML report (reports then differ\nbetween runs)"},
    {.lng = "--stats", .type = OPT_PATH, AT(stats), .arg = "FILE",
     .help = "write each rule's findings, rows read, instructions and\ntime as JSON to FILE (for make bench; never in a report)"},
    {.key = "limits", .type = OPT_LIMITS, .order = 18,
     .help = "the resource limits of the --max-* options: { max_rows = 1000000, ... }"},
    {.lng = "--max-instructions", .key = "max_instructions", .type = OPT_INT, .flags = OPT_IN_LIMITS,
     AT(lim.instr_base), .min = 1000, .max = 1ULL << 62, .unit = "instructions",
     .expect = "a number from 1000 to 4611686018427387904", .def = "500000000", .order = 6, .arg = "N",
     .help = "instruction budget per rule (plus 20000 per row read)"},
    {.lng = "--max-rule-memory", .key = "max_rule_memory", .type = OPT_INT, .flags = OPT_IN_LIMITS,
     AT(lim.mem_limit), .min = 1, .max = 1ULL << 20, .shift = 20, .unit = "megabytes",
     .expect = "megabytes from 1 to 1048576", .def = "1024", .order = 5, .arg = "MB",
     .help = "memory a rule may use (default 1024)"},
    {.lng = "--max-memory", .key = "max_memory", .type = OPT_INT, .flags = OPT_IN_LIMITS,
     AT(lim.run_mem), .min = 16, .max = 1ULL << 24, .shift = 20, .unit = "megabytes",
     .expect = "megabytes from 16 to 16777216", .def = "4096", .order = 8, .arg = "MB",
     .help = "memory all rules together may hold (default 4096)"},
    {.lng = "--rule-timeout", .key = "rule_timeout", .type = OPT_INT, .flags = OPT_IN_LIMITS,
     AT(lim.timeout), .min = 1, .max = 86400, .unit = "seconds",
     .expect = "seconds from 1 to 86400", .def = "600", .order = 9, .arg = "SECONDS",
     .help = "wall-clock time a rule may run (default 600)"},
    {.lng = "--max-findings", .key = "max_findings", .type = OPT_INT, .flags = OPT_IN_LIMITS,
     AT(lim.max_findings), .min = 1, .max = 1ULL << 40, .unit = "findings",
     .expect = "a number from 1 to 1099511627776",
     .def = "100000", .order = 4, .arg = "N", .help = "findings listed per rule; all are counted (default 100000)"},
    {.lng = "--max-cell", .key = "max_cell", .type = OPT_INT, .flags = OPT_IN_LIMITS, AT(max_cell),
     .min = 256, .max = 1ULL << 31, .unit = "bytes", .expect = "a number of bytes from 256 to 2147483648",
     .def = "16777216", .order = 1, .arg = "BYTES", .help = "largest CSV cell accepted (default 16 MiB)"},
    {.lng = "--max-rows", .key = "max_rows", .type = OPT_INT, .flags = OPT_IN_LIMITS, AT(max_rows),
     .min = 1, .max = 1ULL << 40, .unit = "rows", .expect = "a number of rows from 1 to 1099511627776", .def = "10000000",
     .order = 2, .arg = "N", .help = "data rows accepted per CSV file (default 10000000)"},
    {.lng = "--max-columns", .key = "max_columns", .type = OPT_INT, .flags = OPT_IN_LIMITS, AT(max_cols), .min = 1,
     .max = 65536, .unit = "columns", .expect = "a number of columns from 1 to 65536", .def = "1024", .order = 3,
     .arg = "N", .help = "columns accepted per CSV header (default 1024)"},
    {.lng = "--regex-match-limit", .key = "regex_match_limit", .type = OPT_INT, .flags = OPT_IN_LIMITS,
     AT(lim.match_limit), .min = 1000, .max = 4294967295ULL, .unit = "steps",
     .expect = "a number of steps from 1000 to 4294967295", .def = "100000", .order = 7, .arg = "N",
     .help = "PCRE2 match limit of pmo.re (default 100000)"},
    {.lng = "--profile", .key = "profile", .type = OPT_PROFILE, AT(profile), .order = 22, .arg = "NAME|FILE",
     .help = "import profile for another tool's export (docs/importing.md)"},
    {.lng = "--all-rules", .key = "all_rules", .type = OPT_FLAG, AT(all_rules), .order = 26,
     .help = "also run the rules the import profile says do not fit\nits data (its rules.skip)"},
    {.key = "tables", .type = OPT_TABLES, .order = 23,
     .help = "table -> file name, or table -> a profile's table spec (docs/importing.md)"},
    {.lng = "--delimiter", .key = "delimiter", .type = OPT_DELIMITER, AT(delim), .order = 19, .arg = "D",
     .help = "CSV delimiter: , ; | or tab (default: guessed from each header)"},
    {.lng = "--encoding", .key = "encoding", .type = OPT_ENCODING, AT(encoding), .order = 20, .arg = "ENC",
     .help = "utf-8 (default), utf-16, windows-1252, latin-1 (a BOM wins)"},
    {.lng = "--date-format", .key = "date_format", .type = OPT_DATE_FORMAT, AT(date_format), .order = 21, .arg = "L",
     .help = "date layout, e.g. DD/MM/YYYY, MM/DD/YYYY, D-Mon-YYYY, excel"},
    {.key = "domains", .type = OPT_LIST, AT(domains), .order = 15,
     .help = "your own rule domains besides the built-in ones (read by pmoaudit lint)"},
};
const int opts_count = (int)(sizeof opts_table / sizeof *opts_table);
_Static_assert(sizeof opts_table / sizeof *opts_table <= OPTS_MAX, "OPTS_MAX bounds the arrays of opts_settings");

/* ---- fields ---- */

void *opts_field(const opt_def *d, pa_runopts *o)
{
    return (char *)o + d->off;
}

const char **opts_str(const opt_def *d, pa_runopts *o)
{
    return (const char **)opts_field(d, o);
}

bool *opts_flag(const opt_def *d, pa_runopts *o)
{
    return (bool *)opts_field(d, o);
}

void opts_push(const opt_def *d, pa_runopts *o, const char *v, bool replace)
{
    const char ***arr = (const char ***)opts_field(d, o);
    int *n = (int *)(void *)((char *)o + d->count);
    if (replace)
        *n = 0;
    *arr = xrealloc((void *)*arr, (size_t)(*n + 1) * sizeof **arr);
    (*arr)[(*n)++] = v;
    if (d->type == OPT_SETS) { /* where each came from: the config sets it after this (cmd/config.c) */
        o->set_where = xrealloc((void *)o->set_where, (size_t)*n * sizeof *o->set_where);
        o->set_where[*n - 1] = NULL;
    }
}

bool opts_int_ok(const opt_def *d, unsigned long long v)
{
    /* one bound for the command line and the config alike */
    return v >= d->min && v <= d->max;
}

/* The field is 32 bits wide (-j's int) or 64 (size_t, uint64_t, unsigned
 * long); the bounds keep the value within it. */
void opts_set_int(const opt_def *d, pa_runopts *o, unsigned long long v)
{
    char *p = (char *)o + d->off;
    if (d->size == sizeof(uint32_t)) {
        uint32_t x = (uint32_t)(v << d->shift);
        memcpy(p, &x, sizeof x);
    } else {
        uint64_t x = (uint64_t)v << d->shift;
        memcpy(p, &x, sizeof x);
    }
}

/* ---- the command line: one parser per type ---- */

/* A whole number as the command line has always read it: digits, no sign. */
static bool parse_count(const char *s, unsigned long long *out)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno || end == s || *end || s[0] == '-')
        return false;
    *out = v;
    return true;
}

/* Store value v of option d. first: the first time the command line gives
 * d (its paths replace the config's then). Returns 0, or -1 with *err. */
static int set_value(const opt_def *d, const char *v, pa_runopts *o, bool first, char **err)
{
    unsigned long long n;
    int s;
    switch (d->type) {
    case OPT_FLAG:
        *opts_flag(d, o) = true;
        break;
    case OPT_INT:
        if (!parse_count(v, &n) || !opts_int_ok(d, n))
            return *err = xasprintf("%s %s: expected %s", d->lng, v, d->expect), -1;
        opts_set_int(d, o, n);
        break;
    case OPT_SEVERITY:
        if ((s = sev_parse(v, true)) < 0)
            return *err = xasprintf("%s %s: expected info, warning, error, critical or never", d->lng, v), -1;
        *(pa_sev *)opts_field(d, o) = (pa_sev)s;
        break;
    case OPT_DATE:
        if (!val_parse_date(v, strlen(v), (pa_date *)opts_field(d, o)) || strlen(v) != 10)
            return *err = xasprintf("%s %s: expected a date YYYY-MM-DD", d->lng, v), -1;
        break;
    case OPT_PATHS:
    case OPT_SETS:
        opts_push(d, o, v, first && d->type == OPT_PATHS);
        break;
    case OPT_DELIMITER:
        if (!(*(char *)opts_field(d, o) = dia_parse_delim(v)))
            return *err = xasprintf("%s %s: expected one of , ; | tab", d->lng, v), -1;
        break;
    case OPT_ENCODING:
        if (!dia_encoding_name(v))
            return *err = xasprintf("%s %s: expected one of %s", d->lng, v, dia_encodings_help), -1;
        *opts_str(d, o) = v;
        break;
    case OPT_DATE_FORMAT:
        if (dfmt_check(v))
            return *err = xasprintf("%s %s: %s", d->lng, v, dfmt_check(v)), -1;
        *opts_str(d, o) = v;
        break;
    case OPT_SPLIT:
        if (strcmp(v, "owner") != 0 && strcmp(v, "project") != 0)
            return *err = xasprintf("%s %s: expected owner or project", d->lng, v), -1;
        *opts_str(d, o) = v;
        break;
    case OPT_WAIVERS: /* a file: not the config's inline list */
        o->waivers_lua = false;
        *opts_str(d, o) = v;
        break;
    case OPT_CONFIG: /* read before the other options */
        break;
    default: /* OPT_PATH, OPT_LIST, OPT_PROFILE: the text as given */
        *opts_str(d, o) = v;
        break;
    }
    return 0;
}

void opts_defaults(pa_runopts *o)
{
    memset(o, 0, sizeof *o);
    limits_default(&o->lim);
    char *err = NULL;
    for (int i = 0; i < opts_count; i++)
        if (opts_table[i].def && set_value(&opts_table[i], opts_table[i].def, o, false, &err) != 0)
            abort(); /* a default the table's own parser refuses (tests/unit/test_options.c) */
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    o->jobs = n < 1 ? 1 : n > 64 ? 64 : (int)n;
}

const opt_def *opts_cli(const char *lng)
{
    for (int i = 0; i < opts_count; i++)
        if (opts_table[i].lng && strcmp(opts_table[i].lng, lng) == 0)
            return &opts_table[i];
    return NULL;
}

/* --name=V, --name V, -n V and -nV; a flag matches its names only. */
bool opts_match(const opt_def *d, int argc, char **argv, int *i, const char **val, char **err)
{
    const char *a = argv[*i], *lng = d->lng, *shrt = d->shrt;
    *val = "";
    if (d->type == OPT_FLAG)
        return strcmp(a, lng) == 0 || (shrt && strcmp(a, shrt) == 0);
    size_t ln = strlen(lng);
    if (strncmp(a, lng, ln) == 0 && a[ln] == '=') {
        *val = a + ln + 1;
        return true;
    }
    bool match = strcmp(a, lng) == 0 || (shrt && strcmp(a, shrt) == 0);
    if (!match && shrt && strncmp(a, shrt, 2) == 0 && a[2] && shrt[2] == '\0' && a[1] != '-') {
        *val = a + 2; /* -j4 */
        return true;
    }
    if (!match)
        return false;
    if (*i + 1 >= argc) {
        *err = xasprintf("%s needs a value (see pmoaudit help run)", lng);
        return true;
    }
    *val = argv[++*i];
    return true;
}

const char *opts_config_arg(int argc, char **argv)
{
    const opt_def *d = opts_cli("--config");
    size_t ln = strlen(d->lng);
    const char *path = NULL;
    for (int i = 0; i < argc; i++) {
        if ((strcmp(argv[i], d->shrt) == 0 || strcmp(argv[i], d->lng) == 0) && i + 1 < argc)
            path = argv[++i];
        else if (strncmp(argv[i], d->lng, ln) == 0 && argv[i][ln] == '=')
            path = argv[i] + ln + 1;
    }
    return path;
}

/* The option of the table nearest to a misspelt one ("--fail-of"), or
 * NULL; for gate, never one that gate refuses (--onyl is not --only). */
static const char *nearest_option(const char *a, bool gate)
{
    const char *names[OPTS_MAX + 1];
    int n = 0;
    for (int i = 0; i < opts_count; i++)
        if (opts_table[i].lng && !(gate && (opts_table[i].flags & OPT_NOT_IN_GATE)))
            names[n++] = opts_table[i].lng;
    names[n] = NULL;
    char word[64];
    snprintf(word, sizeof word, "%.*s", (int)strcspn(a, "="), a); /* --fail-of=x: the name */
    return str_suggest(word, names);
}

/* An argument that is no option: run's DATA_DIR, gate's PROJECT GATE [DATA_DIR]. */
static int positional(const char *a, const char *cmd, pa_runopts *o, char **err)
{
    if (a[0] == '-' && a[1]) {
        const char *s = nearest_option(a, strcmp(cmd, "gate") == 0);
        return *err = xasprintf("unknown option '%s'%s%s%s (see pmoaudit help %s)", a, s ? ": did you mean '" : "",
                                s ? s : "", s ? "'?" : "", cmd),
               -1;
    }
    if (o->nargs == 3)
        return *err = xasprintf("too many arguments: '%s' (see pmoaudit help %s)", a, cmd), -1;
    o->args[o->nargs++] = a;
    return 0;
}

int opts_parse_argv(int argc, char **argv, const char *cmd, pa_runopts *o, char **err)
{
    bool seen[OPTS_MAX] = {false}; /* given before on this command line */
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0)
            return OPTS_HELP;
        const char *v = "";
        int k = 0;
        *err = NULL;
        while (k < opts_count && !(opts_table[k].lng && opts_match(&opts_table[k], argc, argv, &i, &v, err)))
            k++;
        if (*err)
            return OPTS_ERROR;
        if (k == opts_count) {
            if (positional(argv[i], cmd, o, err) != 0)
                return OPTS_ERROR;
            continue;
        }
        const opt_def *d = &opts_table[k];
        if (set_value(d, v, o, !seen[k], err) != 0)
            return OPTS_ERROR;
        if (d->given)
            *(bool *)((char *)o + d->given) = true;
        seen[k] = true;
    }
    return OPTS_GO;
}

int opts_parse_limit(int argc, char **argv, int *i, pa_runopts *o, char **err)
{
    for (int k = 0; k < opts_count; k++) {
        const opt_def *d = &opts_table[k];
        const char *v = "";
        *err = NULL;
        if (!(d->flags & OPT_IN_LIMITS) || !opts_match(d, argc, argv, i, &v, err))
            continue;
        if (*err || set_value(d, v, o, true, err) != 0)
            return -1;
        return 1;
    }
    return 0;
}

const opt_def *opts_gate_refused(const char *a)
{
    for (int i = 0; i < opts_count; i++)
        if ((opts_table[i].flags & OPT_NOT_IN_GATE) && strncmp(a, opts_table[i].lng, strlen(opts_table[i].lng)) == 0)
            return &opts_table[i];
    return NULL;
}

void opts_gate_refused_text(sbuf *b)
{
    int n = 0, k = 0;
    for (int i = 0; i < opts_count; i++)
        n += (opts_table[i].flags & OPT_NOT_IN_GATE) != 0;
    for (int i = 0; i < opts_count; i++)
        if (opts_table[i].flags & OPT_NOT_IN_GATE) {
            k++;
            sb_printf(b, "%s%s", k == 1 ? "" : k == n ? " and " : ", ", opts_table[i].lng);
        }
}

/* "  -r, --rules PATH         text": the names in 27 columns, then the
 * text; each "\n" of the text goes on at column 28. */
void opts_help(FILE *f)
{
    for (int i = 0; i < opts_count; i++) {
        const opt_def *d = &opts_table[i];
        if (!d->lng)
            continue;
        char names[64];
        snprintf(names, sizeof names, "%s%s%s", d->lng, d->arg ? " " : "", d->arg ? d->arg : "");
        fprintf(f, "  %s%s%-20s ", d->shrt ? d->shrt : "    ", d->shrt ? ", " : "", names);
        for (const char *p = d->help; *p; p++) {
            fputc(*p, f);
            if (*p == '\n')
                fprintf(f, "%27s", "");
        }
        fputc('\n', f);
    }
}

int opts_settings(const opt_def *out[OPTS_MAX], bool limits)
{
    int n = 0;
    for (int i = 0; i < opts_count && n < OPTS_MAX; i++)
        if (opts_table[i].key && ((opts_table[i].flags & OPT_IN_LIMITS) != 0) == limits)
            out[n++] = &opts_table[i];
    for (int i = 1; i < n; i++) /* a few dozen: insertion sort by order */
        for (int j = i; j > 0 && out[j - 1]->order > out[j]->order; j--) {
            const opt_def *t = out[j];
            out[j] = out[j - 1];
            out[j - 1] = t;
        }
    return n;
}
