/*
 * run/run.h - the audit pipeline: the resolved options of a run (pa_runopts,
 * filled by the config file and the command line) in, the report and the
 * exit code out (run/run.c).
 */
#ifndef PA_RUN_H
#define PA_RUN_H

#include "collect/baseline.h"
#include "collect/gate.h"
#include "collect/owner.h"
#include "collect/report_model.h"
#include "collect/scope.h"
#include "eval/workers.h"
#include "history/hist_db.h"
#include "lua/runtime.h"
#include "model/finding.h"
#include "model/registry.h"
#include "model/value.h"
#include "store/store.h"

#include <stdbool.h>

/* A severity override of the config (severity = { ["STD-004"] = "error" }). */
typedef struct {
    char *rule;
    pa_sev sev;
    int line; /* in the config file, for messages */
} run_sev;

typedef struct { /* wide fields first, flags last: no padding holes */
    pa_limits lim;
    const char *data_dir;
    const char **rule_paths;
    const char *formats;
    const char *output;
    const char *baseline, *waivers;
    const char *only, *skip;
    const char *projects;    /* --project ID,... (globs); NULL for the whole portfolio */
    const char *args[3];     /* positional arguments: run's DATA_DIR; gate's PROJECT GATE [DATA_DIR] */
    const char **sets;
    const char **set_where;  /* per entry of sets: "file:line" of the config's params entry, NULL for --set */
    size_t max_cell, max_rows, max_cols; /* pa_load_opts; 0 = default */
    const char *domains;     /* custom rule domains, comma-joined (config only; used by lint) */
    const char *encoding;    /* --encoding / config encoding */
    const char *date_format; /* --date-format / config date_format */
    const char *profile;     /* --profile / config profile: a name or a .lua path */
    const char *tables_src;  /* config tables = {...}, as Lua source of a profile's tables */
    const char *tables_origin; /* where tables_src came from, for messages */
    const run_sev *sevs;     /* the config's severity overrides */
    const char *config_path; /* the config file read (for messages about sevs), or NULL */
    const char *sarif_base;  /* --sarif-base: SARIF URIs are relative to it (default ".") */
    const char *split_by;    /* --split-by: "owner", "project" or NULL */
    const char *stats;       /* --stats: the JSON file of each rule's work, or NULL */
    const char *history;     /* --history / config history: the history database, or NULL */
    pa_date T;
    pa_sev fail_on;
    int nrule_paths;
    int nargs;
    int nsets;
    int nsevs;
    int jobs;
    int trend_runs;          /* --trend-runs: runs in the reports' trend (this one included) */
    char delim;              /* --delimiter / config delimiter; 0 = guess */
    bool no_builtin;
    bool have_T;
    bool fail_on_new;
    bool all_rules;          /* --all-rules: the profile's rules.skip does not apply */
    bool waivers_lua;        /* waivers is the config file, with an inline waivers = {...} list */
    bool fail_on_given;      /* --fail-on on the command line (overrides a gate's block) */
    bool history_mkdir;      /* config history = true: make the default .pmoaudit/ folder */
    bool quiet, verbose, no_color, timings, no_progress;
} pa_runopts;

/* Everything a run builds. The report points into the rest, so it all
 * lives until run_free. */
typedef struct {
    pa_registry reg;
    pa_store st;
    pa_findings dat;     /* DAT findings of loading, until evaluation takes them */
    pa_eval ev;
    pa_scope scope;
    pa_owners owners;    /* the projects' managers, which findings' owner fields point into */
    pa_baseline base;    /* --baseline or the history's previous run, read before the rules run */
    bool have_base;      /* base holds a baseline */
    bool hist_on;        /* hist is open (--history) */
    pa_history hist;
    char hist_started[24]; /* UTC start time of the run, for the history */
    char *hist_strs[4];    /* the series, rules, options and packs of the run being recorded */
    const char *drops_skip; /* why DAT-007 cannot judge, or NULL (see read_baseline in run/run.c) */
    pa_trend trend;      /* with --history: the last runs' counts, rep.trend points here */
    pa_report rep;
    bool reported;       /* the reports were written: rep holds the counts */
    bool text_on_stdout; /* one of them was the text report, on stdout */
} pa_run;

/*
 * The audit: load the rules (built-in pack, -r paths, --set, the config's
 * severities; the gate's or --only/--skip selection), load the data, run
 * the DAT checks and the rules, keep --project's findings, build the
 * report with baseline and waivers, write every format. gate is the gate
 * command's gate, NULL for run. Returns the report's exit code, or 2 when
 * the run could not go as asked (the message is printed then, and
 * r->reported is false). Call run_free(r) in every case.
 */
int run_audit(const pa_runopts *o, pa_gate *gate, pa_run *r);
void run_free(pa_run *r);

/* What of the built-in pack a registry gets: none, all of it, or only its
 * engine rules for a pack's tests (reg_add_engine_rules). */
enum { RUN_NO_BUILTIN = 0, RUN_BUILTIN = 1, RUN_ENGINE_RULES = 2 };

/* The registry of a run, list or explain: the built-in pack (builtin, one
 * of RUN_*) plus paths, with --set overrides (where[i]: the config line of sets[i], or
 * NULL; where may be NULL), loaded in a Lua state. Returns 0, or -1 with
 * *err (a file that does not load, a bad override). */
int run_load_registry(pa_registry *reg, int builtin, const char **paths, int npaths, const char **sets,
                      const char **where, int nsets, char **err);
/* The rules a run with options o sees: the built-in pack unless
 * o->no_builtin, o's rule paths, its params (--set and the config's, each
 * error at its config line) and the config's severities. Every command
 * that reads rules goes through here, so that all see the same pack.
 * Returns 0, or -1 with *err. */
int run_pack_registry(const pa_runopts *o, pa_registry *reg, char **err);

#endif
