/*
 * eval.c - running the selected rules.
 *
 * The engine's own checks (DAT-001..004) were found while loading; here
 * their findings are sorted into the DAT rules' result slots. Lua rules are
 * handed out to workers through an atomic counter, biggest first; every
 * worker loads the rule sources into its own runtime (Lua states are not
 * shared) and binds it to the one read-only store. Each rule writes only
 * its own result slot, so the order of work never shows in the report.
 */
#include "eval.h"
#include "progress.h"
#include "util.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct {
    pa_eval *ev;
    int *todo;
    int ntodo;
    atomic_int next;
    atomic_int done;
} work;

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
        res->count++;
        res->by_sev[f->sev]++;
        if (res->findings.n >= ev->lim.max_findings) {
            res->dropped++;
            fnd_clear(f);
            continue;
        }
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
            res->message = xasprintf("%zu findings; only the first %zu are listed (raise with --max-findings)",
                                     res->count, res->findings.n);
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
    if (rt)
        lrt_bind(rt, ev->st, ev->T);
    for (;;) {
        int k = atomic_fetch_add(&w->next, 1);
        if (k >= w->ntodo)
            break;
        int i = w->todo[k];
        if (ok) {
            struct timespec a, b;
            clock_gettime(CLOCK_MONOTONIC, &a);
            lrt_run(rt, ev->reg, i, &ev->results[i]);
            clock_gettime(CLOCK_MONOTONIC, &b);
            ev->results[i].seconds = (double)(b.tv_sec - a.tv_sec) + (double)(b.tv_nsec - a.tv_nsec) / 1e9;
            progress_rule(ev->reg->v[i].id, atomic_fetch_add(&w->done, 1) + 1, w->ntodo);
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

void eval_run(pa_eval *ev, pa_findings *dat)
{
    pa_registry *reg = ev->reg;
    ev->results = xcalloc((size_t)reg->n + 1, sizeof *ev->results);
    dat_results(ev, dat);
    work w;
    w.ev = ev;
    w.todo = xmalloc(((size_t)reg->n + 1) * sizeof *w.todo);
    w.ntodo = 0;
    atomic_init(&w.next, 0);
    atomic_init(&w.done, 0);
    for (int i = 0; i < reg->n; i++)
        if (reg->v[i].selected && !reg->v[i].engine)
            w.todo[w.ntodo++] = i;
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
    free(w.todo);
}

void eval_free(pa_eval *ev)
{
    if (!ev->results)
        return;
    for (int i = 0; i < ev->reg->n; i++) {
        free(ev->results[i].message);
        fnd_free(&ev->results[i].findings);
    }
    free(ev->results);
    ev->results = NULL;
}
