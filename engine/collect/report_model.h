/*
 * collect/report_model.h - the run's outcome as every report writer sees it: the rules
 * with their results, all findings merged into report order with their
 * fingerprints, and the summary counts. Writers only read this; each one
 * turns it into bytes in its own file (report/text.c, report/json.c).
 */
#ifndef PA_REPORT_H
#define PA_REPORT_H

#include "model/result.h"
#include "model/registry.h"
#include "store/store.h"
#include "core/util.h"

/* An accepted exception (--waivers): matches findings by rule and key, or
 * by fingerprint, until it expires. */
typedef struct pa_waiver {
    char *rule;         /* rule id or glob */
    char *key;          /* finding key, or NULL when fingerprint is given */
    char *fingerprint;
    char *reason, *approved_by;
    bool has_expiry;
    pa_date expires;
    const char *file;   /* the waiver file, and the line of this waiver */
    uint32_t line;
    bool expired;       /* expires < T: no longer applies */
    size_t matched;     /* findings it waived (or would have, when expired) */
} pa_waiver;

struct pa_scope;
struct pa_gate;
struct pa_owners;
struct pa_split_part;

/* A finding of the baseline that this run no longer has. */
typedef struct {
    char *rule, *severity, *table, *key, *project_id, *file, *column, *message, *fingerprint, *first_seen;
    uint32_t line;
} pa_resolved;

/* One line of a trend: a name (a domain, a project id; NULL for the
 * totals) and its count in each run of the window, oldest first. */
typedef struct {
    char *name;
    size_t *v;
} pa_trend_line;

/* The last runs of the history's series, this run included as the last
 * (run/run.c fills it from history/hist_trend.c): findings not waived, in
 * total, per rule domain and per project (the finding's project_id). */
typedef struct {
    int nruns;
    char (*as_of)[11];     /* each run's as-of date */
    pa_trend_line total;
    pa_trend_line *dom, *proj; /* sorted by name */
    int ndom, nproj;
} pa_trend;

void trend_free(pa_trend *t);

typedef struct {
    const char *version;
    pa_date T;
    const pa_store *st;
    const pa_registry *reg;
    const pa_result *results;
    int *order;            /* selected rules, sorted by id */
    int nrules;
    pa_findings all;       /* merged, sorted, fingerprinted: the listed findings */
    size_t by_sev[4];      /* not waived, including findings past a cap */
    size_t waived;
    size_t total;          /* every finding in scope: waived and unlisted ones included */
    size_t failing;        /* those that fail the run (report_tally): the exit code's count */
    size_t unlisted;       /* past a rule's --max-findings cap: counted, not listed */
    size_t unlisted_sev[4];
    size_t (*unlisted_proj)[4]; /* unlisted by project slot (store/project_ids.h); NULL when none */
    int nproj_slots;
    int passed, failed, skipped, errored;
    pa_sev fail_on;
    bool fail_on_new;      /* only new findings count for fail_on */
    unsigned block;        /* when non-zero, the severities (bit 1 << sev) that
                              fail the run instead of fail_on: a gate's */
    const struct pa_scope *scope; /* --project, or NULL for the whole portfolio */
    const struct pa_gate *gate;   /* the gate command's gate, or NULL for run */
    int exit_code;
    /* baseline (--baseline) */
    const char *baseline_path; /* NULL without a baseline */
    char baseline_as_of[11];
    size_t nnew, nexisting;
    size_t nreopened;          /* of the new ones, those an earlier run of the history had */
    bool history;              /* the run has a history (--history): reopened is known */
    bool base_last_run;        /* the baseline is the history's previous run (no --baseline) */
    pa_resolved *resolved;
    size_t nresolved;
    const pa_trend *trend;     /* with --history: the totals over the last runs; else NULL */
    /* waivers (--waivers) */
    const char *waivers_path;  /* NULL without waivers */
    pa_waiver *waivers;
    int nwaivers;
    /* the run's wall time for the HTML header, with --timings only (negative
     * without), so that the default reports are byte-identical between runs */
    double seconds;
    /* owners (collect/owner.h): the managers the findings' owner fields point into */
    const struct pa_owners *owners;
    /* --split-by: the part of the run this report covers (collect/split.h),
       or NULL in the whole run's report */
    const struct pa_split_part *part;
} pa_report;

/* Moves the findings out of results (which stay otherwise intact), sorts
 * and fingerprints them; first_seen starts as T. */
void report_build(pa_report *r, const pa_registry *reg, pa_result *results, const pa_store *st, pa_date T,
                  pa_sev fail_on);
/* Counts and exit code, after baseline_apply and waivers_apply: every
 * count is computed on all findings, listed or not (docs/verdicts.md). */
void report_tally(pa_report *r);
/* The verdict word of a run that is not a gate's: ERROR, FAIL, PASS, or
 * NOT GATED when no severity fails the run (--fail-on never). */
const char *report_verdict(const pa_report *r);
/* The applied gate, for the banners: "fail on error", "fail on new
 * warning", "blocking critical, error" (a gate), "fail on never". */
void report_gate_desc(const pa_report *r, sbuf *b);
void report_free(pa_report *r);
/* The severities that fail the run, as bits (1 << sev): the gate's block
 * set, else those at or above fail_on. */
unsigned report_fail_mask(const pa_report *r);

/* How a writer writes (every writer gets these; most read a few). */
typedef struct {
    bool color;
    bool verbose;
    int width; /* the terminal's columns to fold the text report to; 0: no folding */
    bool timings;           /* --timings: JUnit writes each rule's measured time (else 0) */
    const char *sarif_base; /* the folder SARIF URIs are relative to, absolute and
                               resolved (run/run.c); NULL: the current directory */
} pa_text_opts;

void report_text(const pa_report *r, const pa_text_opts *o, sbuf *out);
void report_json(const pa_report *r, sbuf *out);
void report_junit(const pa_report *r, const pa_text_opts *o, sbuf *out);
void report_sarif(const pa_report *r, const pa_text_opts *o, sbuf *out);
void report_md(const pa_report *r, const pa_text_opts *o, sbuf *out);
void report_csv(const pa_report *r, const pa_text_opts *o, sbuf *out);
void report_html(const pa_report *r, const pa_text_opts *o, sbuf *out);

#endif
