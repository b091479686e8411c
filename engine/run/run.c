/*
 * run/run.c - the pipeline of the whole tool, in one function: load rules
 * -> load data -> schema checks and rules (N workers, scoped and capped as
 * they report) -> report,
 * baseline and waivers -> write each format atomically -> exit code, and
 * with --history the run appended to the history database. Rules
 * load first, so a broken rule file stops the run (exit 2) before any time
 * goes into reading data. A problem that stops the run is one message on
 * stderr and exit 2; everything built so far is freed by run_free, the one
 * cleanup of every path. May include every folder before run/; the options
 * come parsed (cmd/), so nothing here reads argv or the config file.
 */
#include "run/run.h"
#include "run/rule_examples.h"
#include "run/split_out.h"
#include "run/timings.h"
#include "collect/baseline.h"
#include "collect/waivers.h"
#include "history/hist_base.h"
#include "history/hist_trend.h"
#include "history/hist_write.h"
#include "core/memcap.h"
#include "core/outfile.h"
#include "core/progress.h"
#include "core/util.h"
#include "load/dir_load.h"
#include "load/profile.h"
#include "load/table_load.h"
#include "lua/code_check.h"
#include "report/formats.h"

#include <errno.h>
#include <fnmatch.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* A message built by a stage (an err out-parameter) is the one line a
 * stopped run prints: "pmoaudit: message"; exit 2. */
static int run_fail(char *err)
{
    fprintf(stderr, "pmoaudit: %s\n", err);
    free(err);
    return 2;
}

int run_load_registry(pa_registry *reg, int builtin, const char **paths, int npaths, const char **sets,
                      const char **where, int nsets, char **err)
{
    reg_init(reg);
    if (builtin == RUN_BUILTIN)
        reg_add_builtin(reg);
    else if (builtin == RUN_ENGINE_RULES)
        reg_add_engine_rules(reg);
    for (int i = 0; i < npaths; i++)
        if (reg_add_path(reg, paths[i], err) != 0)
            return -1;
    for (int i = 0; i < nsets; i++)
        if (reg_add_override(reg, sets[i], where ? where[i] : NULL, err) != 0)
            return -1;
    return lrt_load_registry(reg, err);
}

/* The config's severity overrides; a rule id the registry lacks is an
 * error at the override's line. */
static int apply_severities(const pa_runopts *o, pa_registry *reg, char **err)
{
    for (int i = 0; i < o->nsevs; i++) {
        int k = reg_index(reg, o->sevs[i].rule);
        if (k < 0) {
            *err = xasprintf("%s:%d: severity: no rule %s (see `pmoaudit list`)", o->config_path, o->sevs[i].line,
                             o->sevs[i].rule);
            return -1;
        }
        reg->v[k].sev = o->sevs[i].sev;
    }
    return 0;
}

int run_pack_registry(const pa_runopts *o, pa_registry *reg, char **err)
{
    if (run_load_registry(reg, !o->no_builtin, o->rule_paths, o->nrule_paths, o->sets, o->set_where, o->nsets,
                          err) != 0)
        return -1;
    return apply_severities(o, reg, err);
}

/*
 * A run that selects no rule judges nothing and would pass: that is an
 * input error (exit 2) whose message names what emptied the selection.
 */
static int none_selected(const pa_runopts *o, const pa_gate *gate, const pa_registry *reg, char **err)
{
    for (int i = 0; i < reg->n; i++)
        if (reg->v[i].selected)
            return 0;
    if (reg->n == 0) {
        *err = xasprintf("no rule to run: %s", o->no_builtin ? "--no-builtin and no rule file or folder (-r)"
                                                            : "the rule files declare no rule");
        return -1;
    }
    sbuf b;
    sb_init(&b);
    if (o->only)
        sb_printf(&b, "--only %s", o->only);
    if (o->skip)
        sb_printf(&b, "%s--skip %s", o->only ? " and " : "", o->skip);
    if (gate)
        *err = xasprintf("no rule to run: %s leave%s none of the rules that guard gate %s (see `pmoaudit list`)",
                         b.len ? b.data : "the selection", o->only && o->skip ? "" : "s", gate->name);
    else
        *err = xasprintf("no rule to run: %s leave%s none of the %d rules loaded (see `pmoaudit list`)",
                         b.len ? b.data : "the selection", o->only && o->skip ? "" : "s", reg->n);
    sb_free(&b);
    return -1;
}

/* Rules: the registry, the config's severities, then which rules run (the
 * gate's, or --only/--skip); at least one must. */
static int load_rules(const pa_runopts *o, pa_gate *gate, pa_run *r, char **err)
{
    if (run_pack_registry(o, &r->reg, err) != 0 || (gate && gate_select(&r->reg, gate, err) != 0) ||
        reg_select(&r->reg, o->only, o->skip, err) != 0)
        return -1;
    return none_selected(o, gate, &r->reg, err);
}

/* Data: every CSV file of the data directory (through an import profile
 * when one is given), with the DAT findings of loading in r->dat. */
static int load_data(const pa_runopts *o, pa_run *r, char **err)
{
    progress_enable(!o->no_progress && !o->quiet && isatty(STDERR_FILENO));
    store_init(&r->st, o->data_dir);
    pa_load_opts lo = {.max_cell = o->max_cell, .max_rows = o->max_rows, .max_cols = o->max_cols,
                       .schemas = &r->reg.schemas, .jobs = o->jobs, .delim = o->delim, .encoding = o->encoding,
                       .date_format = o->date_format, .profile = NULL};
    int rc = 0;
    if (o->profile || o->tables_src)
        rc = (lo.profile = prof_load(o->profile, o->tables_src, o->tables_origin, err)) ? 0 : -1;
    if (rc == 0)
        rc = load_dir(&r->st, &lo, &r->dat, err);
    prof_free(lo.profile);
    progress_clear();
    return rc;
}

/*
 * A number param of an engine rule: the last --set (or config set) for it,
 * else its declared default. The runtime checked at load that both are
 * numbers.
 */
static double engine_param(const pa_registry *reg, int i, const char *name, double dflt)
{
    const char *v = NULL;
    for (int k = 0; k < reg->v[i].nparams; k++)
        if (strcmp(reg->v[i].params[k].name, name) == 0)
            v = reg->v[i].params[k].shown;
    for (int k = 0; k < reg->novr; k++)
        if (strcmp(reg->ovr[k].rule, reg->v[i].id) == 0 && strcmp(reg->ovr[k].param, name) == 0)
            v = reg->ovr[k].value;
    return v ? strtod(v, NULL) : dflt;
}

/* ---- the history (--history, history/) ----
 * The file is opened before the rules load, so a damaged or foreign file
 * is exit 2 before any work and stays as it was; the baseline is the
 * series' previous run when --baseline gives none; the run goes in once
 * its reports are written. A run's series is its data folder (canonical)
 * and its rule selection. */
static int runhist_open(const pa_runopts *o, pa_run *r, char **err)
{
    if (!o->history)
        return 0;
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(r->hist_started, sizeof r->hist_started, "%Y-%m-%dT%H:%M:%SZ", &tm);
    if (hist_open(&r->hist, o->history, true, o->history_mkdir, err) != 0)
        return -1;
    r->hist_on = true;
    return 0;
}

/* The data folder as the series names it: canonical when it exists. */
static char *series_dir(const pa_runopts *o)
{
    char *real = realpath(o->data_dir, NULL);
    return real ? real : xstrdup(o->data_dir);
}

static int runhist_baseline(const pa_runopts *o, pa_run *r, char **err)
{
    if (!r->hist_on)
        return 0;
    char day[11];
    date_format(o->T, day);
    char *dir = series_dir(o), *rules = hist_rules_key(&r->reg);
    bool found = false;
    double t0 = timing_now();
    pa_baseline *b = &r->base;
    /* --baseline wins: then the history only tells which findings reopened */
    int rc = hist_baseline(&r->hist, dir, rules, day, r->have_base ? NULL : b, &found, err);
    if (rc == 0 && !r->have_base)
        r->have_base = found;
    if (rc == 0 && r->have_base)
        rc = hist_watch_reopened(&r->hist, b, err);
    if (o->timings) /* inside "load": the baseline run is found before the files load */
        fprintf(stderr, "pmoaudit: timing history  %8.3f s (the baseline run found, inside load)\n", timing_now() - t0);
    free(dir);
    free(rules);
    return rc;
}

/* The options that change what a run finds or how it is judged, one
 * "name=value" a line, so that two runs' results can be compared knowing
 * how each was made. */
static char *options_text(const pa_runopts *o)
{
    sbuf b;
    sb_init(&b);
    sb_printf(&b, "fail_on=%s\n", sev_name(o->fail_on));
    const char *names[] = {"only", "skip", "project", "profile", "waivers", "baseline", "encoding", "date_format"};
    const char *vals[] = {o->only, o->skip, o->projects, o->profile, o->waivers, o->baseline, o->encoding,
                          o->date_format};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if (vals[i])
            sb_printf(&b, "%s=%s\n", names[i], vals[i]);
    for (int i = 0; i < o->nsets; i++)
        sb_printf(&b, "set=%s\n", o->sets[i]);
    for (int i = 0; i < o->nsevs; i++)
        sb_printf(&b, "severity=%s=%s\n", o->sevs[i].rule, sev_name(o->sevs[i].sev));
    for (int i = 0; i < o->nrule_paths; i++)
        sb_printf(&b, "rules=%s\n", o->rule_paths[i]);
    sb_printf(&b, "max_findings=%llu\n", (unsigned long long)o->lim.max_findings);
    if (o->delim)
        sb_printf(&b, "delimiter=%c\n", o->delim);
    if (o->fail_on_new)
        sb_puts(&b, "fail_on_new=true\n");
    if (o->all_rules)
        sb_puts(&b, "all_rules=true\n");
    if (o->no_builtin)
        sb_puts(&b, "builtin=false\n");
    return b.data ? b.data : xstrdup("");
}


/* The run is written on the history's thread while the reports are, so
 * that its cost hides behind theirs; it is committed only once every
 * report is written (runhist_finish), so a run that stops before is not
 * recorded. */
static void runhist_start(const pa_runopts *o, pa_run *r)
{
    if (!r->hist_on)
        return;
    char **s = r->hist_strs;
    s[0] = series_dir(o);
    s[1] = hist_rules_key(&r->reg);
    s[2] = options_text(o);
    s[3] = hist_packs_text(&r->reg);
    hist_run run = {.started = r->hist_started, .data_dir = s[0], .pack = s[3], .rules = s[1], .options = s[2],
                    .exit_code = r->rep.exit_code};
    hist_record_start(&r->hist, &run, &r->rep, r->have_base ? &r->base : NULL);
}

static int runhist_finish(const pa_runopts *o, pa_run *r, char **err)
{
    if (!r->hist_on)
        return 0;
    double t0 = timing_now(), waited;
    long long id = hist_record_finish(&r->hist, true, err);
    if (o->timings) {
        double secs = hist_record_secs(&r->hist, &waited);
        fprintf(stderr, "pmoaudit: timing history  %8.3f s (the run recorded, after the reports: written alongside "
                        "them in %.3f s, %.3f s of it waited for, then committed)\n", timing_now() - t0, secs, waited);
    }
    for (int i = 0; i < 4; i++) {
        free(r->hist_strs[i]);
        r->hist_strs[i] = NULL;
    }
    if (id > 0 && !o->quiet)
        fprintf(stderr, "pmoaudit: history %s: run %lld\n", o->history, id);
    return id > 0 ? 0 : -1;
}

/* The trend the reports show: the series' last runs with this one, read
 * after the report is built and before it is written. Only the HTML and
 * Markdown reports show it, so a run writing neither reads none (it costs
 * a pass over each earlier run's findings). */
static int runhist_trend(const pa_runopts *o, pa_run *r, const int *wanted, int nf, char **err)
{
    bool shown = false;
    for (int k = 0; k < nf; k++)
        shown |= strcmp(fmt_table[wanted[k]].name, "html") == 0 || strcmp(fmt_table[wanted[k]].name, "md") == 0;
    if (!r->hist_on || !shown)
        return 0;
    double t0 = timing_now();
    if (hist_trend(&r->hist, &r->rep, o->trend_runs > 0 ? o->trend_runs : 1, &r->trend, err) != 0)
        return -1;
    if (o->timings)
        fprintf(stderr, "pmoaudit: timing history  %8.3f s (the trend read, inside report)\n", timing_now() - t0);
    r->rep.trend = &r->trend;
    r->rep.base_last_run = r->hist.base_run != 0 && !o->baseline;
    return 0;
}

/*
 * --baseline is read before the data are loaded, and so is the history's
 * baseline run: its findings are then read on the history's thread while
 * the files load and the rules run. DAT-007 (baseline_drops, after the
 * load) compares each table's row count with the one the baseline
 * records, and its findings join the other DAT findings of loading.
 * Without row counts to compare with, DAT-007 is skipped, never passed
 * (r->ev.drops_skip says why).
 */
static int read_baseline(const pa_runopts *o, pa_run *r, char **err)
{
    r->drops_skip = "no baseline: DAT-007 compares row counts with those of an earlier run (--baseline)";
    if (o->baseline && baseline_load(&r->base, o->baseline, err) != 0)
        return -1;
    r->have_base = o->baseline != NULL;
    return runhist_baseline(o, r, err);
}

static int baseline_drops(pa_run *r, char **err)
{
    if (!r->have_base)
        return 0;
    int i = reg_index(&r->reg, "DAT-007");
    if (i < 0 || !r->reg.v[i].selected)
        return 0;
    double max_drop = engine_param(&r->reg, i, "max_drop", 0.5);
    if (!(max_drop >= 0 && max_drop <= 1)) {
        *err = xasprintf("DAT-007.max_drop = %g: expected a share between 0 and 1 (0.5 = half the rows)", max_drop);
        return -1;
    }
    dat_rows *rows;
    int n = baseline_tables(&r->base, &rows);
    if (n < 0)
        r->drops_skip = "the baseline records no row counts (data.tables): give the report.json of an earlier "
                        "pmoaudit run";
    else
        r->drops_skip = NULL;
    dat_row_drops(&r->st, rows, n, max_drop, r->base.as_of, &r->dat);
    free(rows);
    return 0;
}

/* The DAT checks and the selected rules on N workers; --project's scope
 * and the --max-findings cap apply as findings are reported. */
/* The rules the import profile says do not fit its data (rules.skip) are
 * reported skipped, unless --only chose the rules or --all-rules is given. */
static void skip_unfit(const pa_runopts *o, pa_run *r)
{
    pa_store *st = &r->st;
    st->skip_off = o->all_rules || o->only;
    for (int i = 0; i < r->reg.n && !st->skip_off; i++) {
        pa_rule *x = &r->reg.v[i];
        for (int k = 0; k < st->nskip && x->selected && !x->engine && !x->unfit; k++)
            if (fnmatch(st->skip[k], x->id, 0) == 0)
                x->unfit = xasprintf("does not fit data read with profile %s: %s (--all-rules runs it)", st->profile,
                                     st->skip_why);
    }
}

/*
 * The rules' Lua states are closed by now, but glibc keeps what their
 * worker threads freed in those threads' arenas, where the report phase
 * (on this thread) cannot reuse it: hand it back to the system, so that the
 * report phase's findings array and page model come on top of what is in
 * use, not of the rules' peak. Elsewhere a no-op. Before that, the indexes,
 * schedule figures and networks the rules built are freed (a tenth of a
 * gigabyte on a dense million-task portfolio): nothing after the rules
 * reads them (a slot asked for again would be built again).
 */
static void heap_trim(void)
{
#ifdef __GLIBC__
    malloc_trim(0);
#endif
}

/* The DAT checks and the selected rules on N workers, then --project. */
static void evaluate(const pa_runopts *o, pa_run *r, double *t0)
{
    r->ev = (pa_eval){.reg = &r->reg, .st = &r->st, .T = o->T, .lim = o->lim, .jobs = o->jobs,
                      .pids = &r->scope.pids, .drops_skip = r->drops_skip};
    eval_run(&r->ev, &r->dat);
    store_drop_derived(&r->st);
    heap_trim();
    progress_clear();
    timing_phase(o->timings, "rules", t0);
    if (o->timings) /* DAT-003/004/006 ran on a worker during "rules" */
        fprintf(stderr, "pmoaudit: timing checks   %8.3f s (DAT-003/004/006, inside rules)\n", r->ev.checks_seconds);
    if (o->timings)
        timing_rules(&r->reg, r->ev.results);
}

/* Expired and unused waivers are worth a warning wherever the run is read. */
static void waiver_notes(const pa_runopts *o, const pa_report *rep)
{
    for (int i = 0; i < rep->nwaivers && !o->quiet; i++) {
        const pa_waiver *w = &rep->waivers[i];
        char day[11];
        date_format(w->expires, day);
        if (w->expired)
            fprintf(stderr, "pmoaudit: warning: %s:%u: waiver expired on %s and no longer applies (%zu finding%s)\n",
                    w->file, w->line, day, w->matched, w->matched == 1 ? "" : "s");
        else if (w->matched == 0)
            fprintf(stderr, "pmoaudit: warning: %s:%u: waiver matches no finding (unused)\n", w->file, w->line);
    }
}

/* The selected rules of one source file: their comparisons no cell can satisfy, read from the code. */
static void file_notes(const pa_registry *reg, const pa_source *src, lcheck_msgs *m)
{
    lcheck_file *f = NULL;
    for (int i = 0; i < reg->n; i++) {
        const pa_rule *r = &reg->v[i];
        if (!r->selected || r->engine || !r->check_first || strcmp(r->file, src->path) != 0)
            continue;
        if (!f)
            f = lcheck_open(src->path, src->text, src->len);
        lcheck_rule(f, reg, r, r->check_first, r->check_last, LCHECK_COMPARE, m);
    }
    lcheck_close(f);
}

/*
 * Warnings about the selected rules' code, so that a rule written without
 * lint is caught too. First the comparisons that are never true (a date
 * cell == "2026-01-12", an enum cell == "Execution"), read from each
 * check as lint reads them (lua/code_check.c): Lua compares two strings,
 * or values of two types, without calling any code of pmoaudit, so the
 * run cannot see them happen. Then the lookups that could never match,
 * seen while the rules ran (t:find, t:select, t:get; lua/api_tables.c).
 * Each once, "pmoaudit: warning: file:line: rule ID: ..." on stderr.
 */
static void code_notes(const pa_runopts *o, const pa_run *r)
{
    if (o->quiet)
        return;
    lcheck_msgs m = {0};
    for (int s = 0; s < r->reg.nsrc; s++)
        file_notes(&r->reg, &r->reg.src[s], &m);
    for (size_t i = 0; i < m.n; i++)
        fprintf(stderr, "pmoaudit: warning: %s\n", m.v[i]);
    for (int i = 0; r->ev.results && i < r->reg.n; i++) {
        for (const char *p = r->ev.results[i].notes, *nl; p && *p; p = nl + 1) {
            nl = strchr(p, '\n');
            bool seen = false;
            for (size_t k = 0; k < m.n && !seen; k++)
                seen = strlen(m.v[k]) == (size_t)(nl - p) && strncmp(m.v[k], p, (size_t)(nl - p)) == 0;
            if (!seen)
                fprintf(stderr, "pmoaudit: warning: %.*s\n", (int)(nl - p), p);
        }
    }
    lcheck_msgs_free(&m);
}

/* The report model: findings merged and sorted, marked against the
 * baseline, waived, counted; the exit code decided. */
static int collect(const pa_runopts *o, pa_gate *gate, pa_run *r, char **err)
{
    pa_report *rep = &r->rep;
    report_build(rep, &r->reg, r->ev.results, &r->st, o->T, o->fail_on);
    owners_load(&r->owners, &r->st);
    owners_apply(&r->owners, &rep->all);
    rep->owners = &r->owners;
    rep->fail_on_new = o->fail_on_new;
    rep->scope = &r->scope;
    rep->gate = gate;
    if (gate && !o->fail_on_given)
        rep->block = gate->block;
    if (r->have_base && baseline_apply(rep, &r->base, err) != 0)
        return -1;
    if (o->timings && r->hist.read_secs > 0)
        fprintf(stderr, "pmoaudit: timing history  %8.3f s (the baseline's findings, read alongside the load and "
                        "the rules)\n",
                r->hist.read_secs);
    if (o->waivers &&
        (o->waivers_lua ? waivers_load_lua(rep, o->waivers, err) : waivers_load(rep, o->waivers, err)) != 0)
        return -1;
    waivers_apply(rep);
    report_tally(rep);
    waiver_notes(o, rep);
    code_notes(o, r);
    return 0;
}

static bool is_dir(const char *p)
{
    struct stat sb;
    return stat(p, &sb) == 0 && S_ISDIR(sb.st_mode);
}

/* Put the staged reports in place together, then name them. */
static int commit_reports(const pa_runopts *o, bool folder, const int *wanted, int nf, char **err)
{
    const char *out = o->output;
    if (out_commit(err) != 0)
        return -1;
    for (int k = 0; k < nf && !o->quiet && out && strcmp(out, "-") != 0; k++) {
        if (folder)
            fprintf(stderr, "pmoaudit: wrote %s/report.%s\n", out, fmt_table[wanted[k]].ext);
        else
            fprintf(stderr, "pmoaudit: wrote %s\n", out);
    }
    return 0;
}

/* Where the reports go: a folder for several formats or --split-by (made
 * when missing), else one file or stdout. Returns 0 and *folder, or -1
 * with *err. */
static int out_folder(const pa_runopts *o, int nf, bool *folder, char **err)
{
    const char *out = o->output;
    bool to_file = out && strcmp(out, "-") != 0;
    if (o->split_by && !to_file) {
        *err = xasprintf("--split-by %s writes one report per %s: give a folder with -o", o->split_by, o->split_by);
        return -1;
    }
    if (!out && nf > 1) {
        *err = xasprintf("-f %s writes several reports: give a folder with -o", o->formats);
        return -1;
    }
    *folder = to_file && (nf > 1 || o->split_by || is_dir(out));
    struct stat sb;
    if (*folder && o->split_by && stat(out, &sb) == 0 && !S_ISDIR(sb.st_mode)) {
        *err = xasprintf("-o %s: --split-by writes several reports into a folder, and %s is a file", out, out);
        return -1;
    }
    if (*folder && !is_dir(out) && mkdir(out, 0777) != 0) {
        *err = xasprintf("%s: cannot create the output folder: %s", out, strerror(errno));
        return -1;
    }
    return 0;
}

/* The folder SARIF URIs are relative to (--sarif-base, default the current
 * directory), absolute with symbolic links resolved, when -f has sarif.
 * Returns 0 (*base NULL without sarif), or -1 with *err. */
static int sarif_base(const pa_runopts *o, const int *wanted, int nf, char **base, char **err)
{
    *base = NULL;
    bool sarif = false;
    for (int k = 0; k < nf; k++)
        sarif |= strcmp(fmt_table[wanted[k]].name, "sarif") == 0;
    if (!sarif)
        return 0;
    const char *dir = o->sarif_base ? o->sarif_base : ".";
    *base = realpath(dir, NULL);
    if (!*base || !is_dir(*base)) {
        *err = xasprintf("--sarif-base %s: %s", dir, *base ? "not a folder" : strerror(errno));
        free(*base);
        *base = NULL;
        return -1;
    }
    return 0;
}

/* Render every format into its staged file as it goes (core/outfile.c),
 * then commit them all:
 * an interrupted or failed run leaves all previous reports as they were.
 * With --split-by, the parts' reports follow (run/split_out.c). Returns 0,
 * or -1 with *err. */
static int write_reports(const pa_runopts *o, const pa_report *rep, const int *wanted, int nf, char **err)
{
    const char *out = o->output;
    bool folder = false;
    char *base = NULL;
    if (out_folder(o, nf, &folder, err) != 0 || sarif_base(o, wanted, nf, &base, err) != 0)
        return -1;
    sbuf b; /* one buffer for every format, streamed to its file as it fills */
    sb_init(&b);
    int rc = 0;
    pa_text_opts to = {.verbose = o->verbose, .timings = o->timings, .sarif_base = base};
    for (int k = 0; k < nf && rc == 0; k++) {
        const fmt_def *f = &fmt_table[wanted[k]];
        char *path = folder ? xasprintf("%s/report.%s", out, f->ext) : xstrdup(out ? out : "-");
        bool to_tty = strcmp(path, "-") == 0 && isatty(STDOUT_FILENO);
        to.color = to_tty && !o->no_color && !getenv("NO_COLOR");
        to.width = to_tty ? term_columns(STDOUT_FILENO) : 0;
        out_stream s;
        if (strcmp(f->name, "text") != 0 || !o->quiet || strcmp(path, "-") != 0) {
            rc = out_open(&s, &b, path, err);
            if (rc == 0) {
                f->write(rep, &to, &b);
                rc = out_close(&s, &b, err);
            }
        }
        free(path);
    }
    sb_free(&b);
    rc = rc != 0 ? -1 : commit_reports(o, folder, wanted, nf, err);
    long parts = rc == 0 && o->split_by ? split_write(rep, o->split_by, out, wanted, nf, &to, err) : 0;
    if (parts > 0 && !o->quiet)
        fprintf(stderr, "pmoaudit: wrote %ld reports by %s as %s/report-NAME.EXT, listed in %s/split-index.csv\n",
                parts, o->split_by, out, out);
    free(base);
    return rc != 0 || parts < 0 ? -1 : 0;
}

static bool text_on_stdout(const pa_runopts *o, const int *wanted, int nf)
{
    bool on = false;
    for (int k = 0; k < nf; k++)
        on |= strcmp(fmt_table[wanted[k]].name, "text") == 0 && (!o->output || strcmp(o->output, "-") == 0);
    return on;
}

/* The HTML report shows the example finding of each rule it details: the
 * rules with findings (run/rule_examples.h). */
static void html_examples(pa_run *r)
{
    bool *want = xcalloc((size_t)r->reg.n + 1, sizeof *want);
    for (int i = 0; i < r->reg.n; i++)
        want[i] = r->ev.results[i].count > 0;
    rex_fill(&r->reg, want);
    free(want);
}

int run_audit(const pa_runopts *o, pa_gate *gate, pa_run *r)
{
    memset(r, 0, sizeof *r);
    int wanted[FMT_MAX], nf = 0, rc = 2;
    char *err = NULL;
    bool collected = false;
    double t0 = 0, t_start = 0;
    out_signals_install();
    memcap_set_limit(o->lim.run_mem);
    if (fmt_parse(o->formats, wanted, &nf, &err) != 0 || runhist_open(o, r, &err) != 0)
        goto cleanup;
    t0 = t_start = timing_now();
    if (load_rules(o, gate, r, &err) != 0 || read_baseline(o, r, &err) != 0 || load_data(o, r, &err) != 0)
        goto cleanup;
    skip_unfit(o, r);
    timing_phase(o->timings, "load", &t0);
    if (scope_resolve(&r->scope, o->projects, &r->st, &err) != 0 || baseline_drops(r, &err) != 0)
        goto cleanup;
    evaluate(o, r, &t0);
    collected = true;
    if (o->stats && timing_stats(o->stats, &r->reg, r->ev.results, &r->st, &err) != 0)
        goto cleanup;
    if (collect(o, gate, r, &err) != 0 || runhist_trend(o, r, wanted, nf, &err) != 0)
        goto cleanup;
    r->rep.seconds = o->timings ? timing_now() - t_start : -1;
    for (int i = 0; i < nf; i++)
        if (strcmp(fmt_table[wanted[i]].name, "html") == 0 && !r->reg.examples)
            html_examples(r);
    runhist_start(o, r);
    if (write_reports(o, &r->rep, wanted, nf, &err) != 0)
        goto cleanup; /* the history's write is rolled back when it closes */
    r->reported = true;
    r->text_on_stdout = text_on_stdout(o, wanted, nf);
    rc = r->rep.exit_code;
    if (runhist_finish(o, r, &err) != 0)
        goto cleanup;
cleanup:
    if (err)
        rc = run_fail(err);
    if (collected) { /* the report phase ran, whether or not it got through */
        timing_phase(o->timings, "report", &t0);
        if (o->timings)
            fprintf(stderr, "pmoaudit: timing %-8s %8.3f s\n", "total", timing_now() - t_start);
    }
    return rc;
}

void run_free(pa_run *r)
{
    hist_close(&r->hist); /* first: its threads may still read the baseline and the report */
    for (int i = 0; i < 4; i++)
        free(r->hist_strs[i]);
    report_free(&r->rep);
    trend_free(&r->trend);
    eval_free(&r->ev);
    scope_free(&r->scope);
    owners_free(&r->owners);
    baseline_free(&r->base);
    fnd_free(&r->dat);
    store_free(&r->st);
    reg_free(&r->reg);
}
