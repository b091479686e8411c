/*
 * cmd/history.c - pmoaudit history: list, show, diff, trend, prune and
 * export over the history database that runs with --history write
 * (docs/history.md). The file is --history FILE, else the config's
 * history setting (-c FILE or ./pmoaudit.lua); it is never created here,
 * and a file that is not a history is exit 2 as in a run. The queries are
 * history/hist_query.c's; export rebuilds a run (history/hist_export.c)
 * and writes it with the report writers of a run.
 */
#include "cmd/common.h"
#include "cmd/config.h"
#include "cmd/options.h"
#include "core/outfile.h"
#include "history/hist_export.h"
#include "history/hist_query.h"
#include "model/value.h"
#include "report/formats.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char history_usage[] =
    "usage: pmoaudit history COMMAND [--history FILE] [-c CONFIG] [-f FORMAT]\n"
    "\n"
    "  list                       every run with its counts, oldest first\n"
    "  show RUN                   one run: settings, tables, rule results, findings\n"
    "  diff RUN1 RUN2             findings new in RUN2, resolved since RUN1, severity changed\n"
    "  trend [--project P] [--rule R] [--domain D]\n"
    "                             findings (not waived) per run, by severity, new and reopened\n"
    "  prune --keep N | --before YYYY-MM-DD\n"
    "                             delete older runs with their findings\n"
    "  export RUN [-f LIST] [-o PATH]\n"
    "                             write a past run's report again (-f as in run)\n"
    "\n"
    "RUN is a run number of `history list`, or `last`. FILE is the history that\n"
    "`pmoaudit run --history FILE` writes; without --history, the config's history\n"
    "setting is used. -f is table (default), json or csv; for export, a report format.\n";

typedef struct {
    const char *file, *config, *format, *output, *project, *rule, *domain, *before;
    const char *pos[3];
    int npos;
    long long keep;
} hist_args;

/* --name VALUE or --name=VALUE; returns the value or NULL. */
static const char *opt_value(int argc, char **argv, int *i, const char *name, const char *shrt)
{
    size_t n = strlen(name);
    if (!argv[*i])
        return NULL;
    if (strncmp(argv[*i], name, n) == 0 && argv[*i][n] == '=')
        return argv[*i] + n + 1;
    if ((strcmp(argv[*i], name) == 0 || (shrt && strcmp(argv[*i], shrt) == 0)) && *i + 1 < argc)
        return argv[++*i];
    return NULL;
}

static int parse_args(int argc, char **argv, hist_args *a)
{
    static const char *const names[] = {"--history", "--config", "--format", "--output", "--project",
                                        "--rule",    "--domain", "--before", "--keep"};
    static const char *const shorts[] = {NULL, "-c", "-f", "-o", NULL, NULL, NULL, NULL, NULL};
    const char **dst[] = {&a->file, &a->config, &a->format, &a->output, &a->project, &a->rule, &a->domain, &a->before};
    for (int i = 0; i < argc; i++) {
        const char *v = NULL;
        int k = 0;
        for (; k < 9 && !(v = opt_value(argc, argv, &i, names[k], shorts[k])); k++)
            ;
        if (v && k < 8)
            *dst[k] = v;
        else if (v && (a->keep = strtoll(v, NULL, 10)) < 1)
            return cli_fail("--keep %s: expected a number of runs from 1", v);
        else if (!v && argv[i][0] == '-' && strcmp(argv[i], "-") != 0)
            return cli_fail("history: unknown option or missing value: %s (see pmoaudit help history)", argv[i]);
        else if (!v && a->npos < 3)
            a->pos[a->npos++] = argv[i];
        else if (!v)
            return cli_fail("history: too many arguments: %s", argv[i]);
    }
    return -1;
}

/* The history file: --history, else the config's setting. */
static int history_path(hist_args *a, pa_runopts *o, pa_config *cfg)
{
    char *err = NULL;
    opts_defaults(o);
    if (config_load(a->config, o, cfg, &err) != 0)
        return cli_fail_free(err);
    if (!a->file)
        a->file = o->history;
    if (!a->file)
        return cli_fail("history: no history file: give --history FILE, or set history in pmoaudit.lua");
    return -1;
}

static int run_number(pa_history *h, const char *s, long long *id)
{
    char *end = NULL;
    if (strcmp(s, "last") == 0) {
        char *err = NULL;
        long long n = 0;
        if (hq_last_run(h, &n, &err) != 0)
            return cli_fail_free(err);
        *id = n;
        return n > 0 ? -1 : cli_fail("%s: the history holds no run", h->path);
    }
    *id = strtoll(s, &end, 10);
    if (!*s || *end || *id < 1)
        return cli_fail("history: %s is not a run number (see pmoaudit history list)", s);
    return -1;
}

static int table_format(const char *f, hq_format *out)
{
    if (!f || strcmp(f, "table") == 0 || strcmp(f, "text") == 0)
        *out = HQ_TABLE;
    else if (strcmp(f, "json") == 0)
        *out = HQ_JSON;
    else if (strcmp(f, "csv") == 0)
        *out = HQ_CSV;
    else
        return cli_fail("-f %s: expected table, json or csv", f);
    return -1;
}

/* Write one export report per format: a file (or stdout) for one, report.EXT
 * in the -o folder for several; staged and committed together. */
static int export_write(const pa_report *rep, const char *formats, const char *output)
{
    int wanted[FMT_MAX], nf = 0;
    char *err = NULL;
    if (fmt_parse(formats, wanted, &nf, &err) != 0)
        return cli_fail_free(err);
    if (nf > 1 && (!output || strcmp(output, "-") == 0))
        return cli_fail("-f %s writes several reports: give a folder with -o", formats);
    if (nf > 1)
        mkdir(output, 0777);
    pa_text_opts to = {.width = 0};
    sbuf b;
    sb_init(&b);
    int rc = 0;
    for (int k = 0; k < nf && rc == 0; k++) {
        b.len = 0;
        fmt_table[wanted[k]].write(rep, &to, &b);
        char *path = nf > 1 ? xasprintf("%s/report.%s", output, fmt_table[wanted[k]].ext)
                            : xstrdup(output ? output : "-");
        rc = out_stage(path, b.data ? b.data : "", b.len, &err);
        free(path);
    }
    sb_free(&b);
    if (rc != 0 || out_commit(&err) != 0)
        return cli_fail_free(err);
    return -1;
}

static int do_export(pa_history *h, const hist_args *a)
{
    if (a->npos != 2)
        return cli_fail("history export RUN: give one run number (see pmoaudit history list)");
    long long id = 0;
    int rc = run_number(h, a->pos[1], &id);
    if (rc >= 0)
        return rc;
    hist_export x;
    char *err = NULL;
    if (hist_export_load(h, id, &x, &err) != 0) {
        hist_export_free(&x);
        return cli_fail_free(err);
    }
    rc = export_write(&x.rep, a->format ? a->format : "json", a->output);
    hist_export_free(&x);
    return rc >= 0 ? rc : 0;
}

static int do_prune(pa_history *h, const hist_args *a)
{
    pa_date d;
    if ((a->keep > 0) == (a->before != NULL))
        return cli_fail("history prune: give either --keep N or --before YYYY-MM-DD");
    if (a->before && (strlen(a->before) != 10 || !val_parse_date(a->before, 10, &d)))
        return cli_fail("--before %s: expected a date YYYY-MM-DD", a->before);
    long long gone = 0, left = 0;
    char *err = NULL;
    if (hq_prune(h, a->keep, a->before, &gone, &left, &err) != 0)
        return cli_fail_free(err);
    printf("pruned %lld run%s; %lld left\n", gone, gone == 1 ? "" : "s", left);
    return 0;
}

/* list, show, diff, trend: a query printed to stdout. */
static int do_query(pa_history *h, const hist_args *a, const char *cmd)
{
    hq_format fmt = HQ_TABLE;
    int rc = table_format(a->format, &fmt);
    if (rc >= 0)
        return rc;
    long long r1 = 0, r2 = 0;
    int want = strcmp(cmd, "show") == 0 ? 2 : strcmp(cmd, "diff") == 0 ? 3 : 1;
    if (a->npos != want)
        return cli_fail("history %s: %s", cmd, want == 1 ? "takes no argument" : want == 2 ? "give one run number"
                                                                                            : "give two run numbers");
    if ((want > 1 && (rc = run_number(h, a->pos[1], &r1)) >= 0) || (want > 2 && (rc = run_number(h, a->pos[2], &r2)) >= 0))
        return rc;
    sbuf out;
    sb_init(&out);
    char *err = NULL;
    hq_filter f = {a->project, a->rule, a->domain};
    rc = strcmp(cmd, "list") == 0   ? hq_list(h, fmt, &out, &err)
         : strcmp(cmd, "show") == 0 ? hq_show(h, r1, fmt, &out, &err)
         : strcmp(cmd, "diff") == 0 ? hq_diff(h, r1, r2, fmt, &out, &err)
                                    : hq_trend(h, &f, fmt, &out, &err);
    if (rc == 0)
        fwrite(out.data ? out.data : "", 1, out.len, stdout);
    sb_free(&out);
    return rc == 0 ? 0 : cli_fail_free(err);
}

int cmd_history(int argc, char **argv)
{
    if (argc < 1 || strcmp(argv[0], "--help") == 0 || strcmp(argv[0], "-h") == 0) {
        fputs(history_usage, argc < 1 ? stderr : stdout);
        return argc < 1 ? 2 : 0;
    }
    static const char *const cmds[] = {"list", "show", "diff", "trend", "prune", "export"};
    int c = 0;
    while (c < 6 && strcmp(argv[0], cmds[c]) != 0)
        c++;
    if (c == 6)
        return cli_fail("history: unknown command '%s' (list, show, diff, trend, prune, export)", argv[0]);
    hist_args a = {0};
    pa_runopts o;
    pa_config cfg = {0};
    int rc = parse_args(argc, argv, &a);
    if (rc < 0)
        rc = history_path(&a, &o, &cfg);
    pa_history h = {0};
    char *err = NULL;
    if (rc < 0 && hist_open(&h, a.file, false, false, &err) != 0)
        rc = cli_fail_free(err);
    if (rc < 0)
        rc = c == 4 ? do_prune(&h, &a) : c == 5 ? do_export(&h, &a) : do_query(&h, &a, cmds[c]);
    hist_close(&h);
    config_free(&cfg);
    return rc;
}
