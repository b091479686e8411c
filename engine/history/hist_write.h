/*
 * history/hist_write.h - appending one run to the history: the run's row,
 * its tables' row counts, each selected rule's result and every listed
 * finding, in one transaction, so that a run killed on the way leaves
 * nothing of itself behind.
 */
#ifndef PA_HIST_WRITE_H
#define PA_HIST_WRITE_H

#include "collect/baseline.h"
#include "collect/report_model.h"
#include "history/hist_db.h"

/* What the report does not say about a run. */
typedef struct {
    const char *started;  /* UTC start time, YYYY-MM-DDTHH:MM:SSZ */
    const char *data_dir; /* canonical: the series a baseline is looked up in */
    const char *pack;     /* the rule packs: "builtin", then each -r folder */
    const char *rules;    /* the selected rule ids, sorted, comma-joined (hist_rules_key) */
    const char *options;  /* the options that change results, one "name=value" a line */
    int exit_code;
} hist_run;

/* The selected rules of reg as the series key: ids sorted (the report's
 * order), joined by commas (free it). */
char *hist_rules_key(const pa_registry *reg);
/* The rule packs of reg: "builtin" and each -r folder (canonical), one a
 * line (free it). */
char *hist_packs_text(const pa_registry *reg);
/* Append the run; returns its id (> 0), or -1 with *err, the history then
 * as it was before. b is the baseline the run was marked against (NULL
 * without): when it is the history's previous run (hist_baseline, with
 * want_match), the findings it matched reuse its streak and detail rows. */
long long hist_record(pa_history *h, const hist_run *run, const pa_report *r, const pa_baseline *b, char **err);
/* hist_record in two steps: write the run on a thread, inside a
 * transaction not yet committed (run, r and b, and the strings run points
 * to, stay as they are until hist_record_finish), while the caller writes
 * its reports; then commit it (keep) or roll it back. finish returns the
 * run's id, 0 when rolled back as asked, or -1 with *err;
 * hist_record_secs is the time the writing took, *waited the part of it
 * finish waited for. */
void hist_record_start(pa_history *h, const hist_run *run, const pa_report *r, const pa_baseline *b);
long long hist_record_finish(pa_history *h, bool keep, char **err);
double hist_record_secs(const pa_history *h, double *waited);
/* Free what hist_record_start kept (hist_close does, through
 * stop_writer). */
void hist_record_free(pa_history *h);

#endif
