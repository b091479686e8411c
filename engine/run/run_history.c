/*
 * run/run_history.c - what a run does with --history: the file is opened
 * before the rules load (a damaged or foreign file is exit 2 before any
 * work and stays as it was); the baseline is the series' previous run
 * (history/hist_base.c) when --baseline gives none; after the reports are
 * written, the run goes in with its exit code (history/hist_write.c). The
 * series of a run is its data folder (canonical) and its rule selection.
 */
#include "run/run_history.h"
#include "history/hist_base.h"
#include "history/hist_write.h"
#include "core/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

int runhist_open(const pa_runopts *o, pa_run *r, char **err)
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

int runhist_baseline(const pa_runopts *o, pa_run *r, char **err)
{
    if (!r->hist_on)
        return 0;
    char day[11];
    date_format(o->T, day);
    char *dir = series_dir(o), *rules = hist_rules_key(&r->reg);
    bool found = false;
    pa_baseline *b = &r->base;
    /* --baseline wins: then the history only tells which findings reopened */
    int rc = hist_baseline(&r->hist, dir, rules, day, r->have_base ? NULL : b, &found, err);
    if (rc == 0 && !r->have_base)
        r->have_base = found;
    if (rc == 0 && r->have_base)
        rc = hist_watch_reopened(&r->hist, b, err);
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

/* The rule packs: "builtin" and each -r folder, one a line. */
static char *packs_text(const pa_registry *reg)
{
    sbuf b;
    sb_init(&b);
    for (int i = 0; i < reg->npacks; i++)
        sb_printf(&b, "%s%s", i ? "\n" : "", reg->packs[i].root ? reg->packs[i].root : "builtin");
    return b.data ? b.data : xstrdup("");
}

int runhist_record(const pa_runopts *o, pa_run *r, int exit_code, char **err)
{
    if (!r->hist_on)
        return 0;
    char *dir = series_dir(o), *rules = hist_rules_key(&r->reg), *opts = options_text(o), *pack = packs_text(&r->reg);
    hist_run run = {.started = r->hist_started, .data_dir = dir, .pack = pack, .rules = rules, .options = opts,
                    .exit_code = exit_code};
    long long id = hist_record(&r->hist, &run, &r->rep, err);
    free(dir);
    free(rules);
    free(opts);
    free(pack);
    if (id > 0 && !o->quiet)
        fprintf(stderr, "pmoaudit: history %s: run %lld\n", o->history, id);
    return id > 0 ? 0 : -1;
}
