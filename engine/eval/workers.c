/*
 * eval/workers.c - running the selected rules.
 *
 * DAT-001/002/005 were found while loading, and DAT-007 (row counts against
 * the baseline) before evaluation. DAT-003/004/006 need whole tables;
 * they run here as the first job a worker takes, alongside the Lua rules
 * (they only read the store and its shared indexes), and only when
 * selected. Afterwards all DAT findings are sorted into the DAT rules'
 * result slots, in the order a one-thread run finds them. Lua rules are
 * handed out to workers through an atomic counter, biggest first; every
 * worker loads the rule sources into its own runtime (Lua states are not
 * shared) and binds it to the one read-only store. Each rule writes only
 * its own result slot, so the order of work never shows in the report.
 */
#include "eval/workers.h"
#include "validate/dat_checks.h"
#include "core/progress.h"
#include "core/util.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct {
    pa_eval *ev;
    int *todo;
    int ntodo;
    int nrunnable;           /* of todo, those with their tables: the progress line's total */
    atomic_int next;
    atomic_int done;
    bool dup, refs, empty;   /* DAT-003 / DAT-004 / DAT-006 selected */
    atomic_flag checks_taken;
    pa_findings checks;      /* their findings */
} work;

/* Seconds since *a on clock: CLOCK_MONOTONIC for wall time,
 * CLOCK_THREAD_CPUTIME_ID for the calling thread's CPU time. */
static double seconds_since(clockid_t clock, const struct timespec *a)
{
    struct timespec b;
    clock_gettime(clock, &b);
    return (double)(b.tv_sec - a->tv_sec) + (double)(b.tv_nsec - a->tv_nsec) / 1e9;
}

/* DAT-003/004/006, by the first worker to get here. */
static void run_checks(work *w)
{
    if ((!w->dup && !w->refs && !w->empty) || atomic_flag_test_and_set(&w->checks_taken))
        return;
    struct timespec a;
    clock_gettime(CLOCK_MONOTONIC, &a);
    if (w->dup)
        dat_duplicates(w->ev->st, &w->checks);
    if (w->refs)
        dat_references(w->ev->st, &w->checks);
    if (w->empty)
        dat_empty_tables(w->ev->st, &w->checks);
    w->ev->checks_seconds = seconds_since(CLOCK_MONOTONIC, &a);
}

static bool selected(const pa_registry *reg, const char *id)
{
    int i = reg_index(reg, id);
    return i >= 0 && reg->v[i].selected;
}

static void dat_results(pa_eval *ev, pa_findings *dat)
{
    pa_registry *reg = ev->reg;
    for (size_t k = 0; k < dat->n; k++) {
        pa_finding *f = &dat->v[k];
        int i = reg_index(reg, f->rule);
        if (i < 0 || !reg->v[i].selected || !reg->v[i].engine) {
            fnd_clear(f); /* a DAT rule the run did not select */
            continue;
        }
        pa_result *res = &ev->results[i];
        f->rule = reg->v[i].id;
        f->sev = reg->v[i].sev;
        if (!f->every_project && !pids_in_scope(ev->pids, f->project_id, f->projects, f->nprojects)) {
            fnd_clear(f); /* about other projects only (--project) */
            continue;
        }
        if (res->findings.n >= ev->lim.max_findings) { /* past the cap: counted, not kept */
            pids_count_unlisted(ev->pids, res, f->sev, f->project_id);
            fnd_clear(f);
            continue;
        }
        res->count++;
        res->by_sev[f->sev]++;
        GROW(res->findings.v, res->findings.cap, res->findings.n + 1);
        res->findings.v[res->findings.n++] = *f;
    }
    free(dat->v);
    fnd_init(dat);
    for (int i = 0; i < reg->n; i++) {
        if (!reg->v[i].engine || !reg->v[i].selected)
            continue;
        pa_result *res = &ev->results[i];
        res->status = res->count ? ST_FAILED : ST_PASSED;
        if (res->dropped)
            res->message = result_cap_note(res);
        else if (ev->drops_skip && strcmp(reg->v[i].id, "DAT-007") == 0) {
            res->status = ST_SKIPPED; /* no earlier row counts to compare with */
            res->message = xstrdup(ev->drops_skip);
        }
    }
}

/*
 * Queue order: the rules reading the most rows first. A rule's time grows
 * with the rows it reads, and a long rule left for the end of the queue
 * keeps one worker busy while the others idle; big ones first and the many
 * small ones after lets the workers finish together. Ties keep id order.
 */
typedef struct {
    uint64_t rows;
    int i;
} queued;

static int by_rows(const void *a, const void *b)
{
    const queued *x = a, *y = b;
    return x->rows != y->rows ? (x->rows < y->rows ? 1 : -1) : x->i - y->i;
}

static void order_queue(work *w)
{
    queued *q = xmalloc(((size_t)w->ntodo + 1) * sizeof *q);
    for (int k = 0; k < w->ntodo; k++)
        q[k] = (queued){lrt_rule_rows(w->ev->st, &w->ev->reg->v[w->todo[k]]), w->todo[k]};
    qsort(q, (size_t)w->ntodo, sizeof *q, by_rows);
    for (int k = 0; k < w->ntodo; k++)
        w->todo[k] = q[k].i;
    free(q);
}

static void *worker(void *arg)
{
    work *w = arg;
    pa_eval *ev = w->ev;
    lrt *rt = lrt_new(&ev->lim);
    char *err = NULL;
    bool ok = rt && lrt_load_sources(rt, ev->reg, &err) == 0;
    if (rt) {
        lrt_bind(rt, ev->st, ev->T);
        lrt_set_projects(rt, ev->pids);
    }
    run_checks(w);
    for (;;) {
        int k = atomic_fetch_add(&w->next, 1);
        if (k >= w->ntodo)
            break;
        int i = w->todo[k];
        if (ok) {
            struct timespec a, c;
            clock_gettime(CLOCK_MONOTONIC, &a);
            clock_gettime(CLOCK_THREAD_CPUTIME_ID, &c);
            lrt_run(rt, ev->reg, i, &ev->results[i]);
            ev->results[i].seconds = seconds_since(CLOCK_MONOTONIC, &a);
            ev->results[i].cpu_seconds = seconds_since(CLOCK_THREAD_CPUTIME_ID, &c);
            if (ev->results[i].status != ST_SKIPPED) /* the line counts the rules that run */
                progress_rule(ev->reg->v[i].id, atomic_fetch_add(&w->done, 1) + 1, w->nrunnable);
        } else {
            pa_result *res = &ev->results[i];
            res->status = ST_ERRORED;
            res->message = xasprintf("the rule runtime could not start: %s", err ? err : "out of memory");
        }
    }
    free(err);
    lrt_free(rt);
    return NULL;
}

/* A rule the import profile says does not fit its data: skipped, saying why. */
static bool skip_unfit(pa_eval *ev, int i)
{
    const char *why = ev->reg->v[i].unfit;
    if (!why)
        return false;
    ev->results[i].status = ST_SKIPPED;
    ev->results[i].message = xstrdup(why);
    return true;
}

void eval_run(pa_eval *ev, pa_findings *dat)
{
    pa_registry *reg = ev->reg;
    ev->results = xcalloc((size_t)reg->n + 1, sizeof *ev->results);
    work w;
    w.ev = ev;
    w.dup = selected(reg, "DAT-003");
    w.refs = selected(reg, "DAT-004");
    w.empty = selected(reg, "DAT-006");
    atomic_flag_clear(&w.checks_taken);
    fnd_init(&w.checks);
    w.todo = xmalloc(((size_t)reg->n + 1) * sizeof *w.todo);
    w.ntodo = 0;
    atomic_init(&w.next, 0);
    atomic_init(&w.done, 0);
    for (int i = 0; i < reg->n; i++)
        if (reg->v[i].selected && !reg->v[i].engine && !skip_unfit(ev, i))
            w.todo[w.ntodo++] = i;
    w.nrunnable = 0;
    for (int k = 0; k < w.ntodo; k++)
        w.nrunnable += lrt_rule_runnable(ev->st, &reg->v[w.todo[k]]);
    int jobs = ev->jobs < 1 ? 1 : ev->jobs;
    if (jobs > 1)
        order_queue(&w);
    if (jobs > w.ntodo)
        jobs = w.ntodo > 0 ? w.ntodo : 1;
    if (jobs == 1) {
        worker(&w);
    } else {
        pthread_t *th = xmalloc((size_t)jobs * sizeof *th);
        int started = 0;
        for (int j = 0; j < jobs; j++)
            if (pthread_create(&th[j], NULL, worker, &w) == 0)
                started++;
            else
                break;
        if (started == 0)
            worker(&w);
        for (int j = 0; j < started; j++)
            pthread_join(th[j], NULL);
        free(th);
    }
    run_checks(&w); /* when no worker ran (no Lua rule selected) */
    fnd_move(dat, &w.checks);
    dat_results(ev, dat);
    free(w.todo);
}

void eval_free(pa_eval *ev)
{
    if (!ev->results)
        return;
    for (int i = 0; i < ev->reg->n; i++) {
        free(ev->results[i].message);
        free(ev->results[i].unlisted_proj);
        free(ev->results[i].notes);
        fnd_free(&ev->results[i].findings);
        fpack_free(&ev->results[i].packed);
    }
    free(ev->results);
    ev->results = NULL;
}
