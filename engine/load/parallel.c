/*
 * load/parallel.c - parallel file loading. Files are independent until the DAT-003
 * and DAT-004 checks, which run after loading: each table has its own
 * string pool and columns, so loading two files at once needs no locks.
 * Each job loads into a private store and findings list; workers take the
 * next job from an atomic counter, biggest file first, so the largest file
 * (tasks.csv) starts at once and the small ones fill the other threads.
 * The private results are merged in queue order afterwards, which keeps
 * the store and the report byte-identical to a one-thread load.
 *
 * A file big enough to be worth it is cut into byte ranges (load/chunk.c);
 * its ranges are work items like whole files, and it is joined (or, when
 * the cut guessed wrong, loaded again in one pass) in its turn in the
 * queue-order merge.
 */
#include "load/parallel.h"
#include "load/chunk.h"
#include "load/xlsx_load.h"
#include "core/util.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

typedef struct {
    pa_store st;         /* private: the job's table and notes */
    pa_findings out;     /* private: the job's DAT-001/002 findings */
    char *err;
    int rc;
    off_t size;
    pchunk_plan *plan;   /* the file's ranges, or NULL: loaded in one pass */
} result;

typedef struct {
    int job;
    int range;           /* with a plan: which range */
    size_t size;
} item;

typedef struct {
    const pload_jobs *q;
    const pa_load_opts *o;
    result *res;
    item *items;         /* biggest first */
    int nitems;
    atomic_int next;
} pool;

void pload_add(pload_jobs *q, char *path, char *name, bool extra)
{
    GROW(q->v, q->cap, (size_t)q->n + 1);
    q->v[q->n++] = (pload_job){path, name, extra};
}

void pload_free(pload_jobs *q)
{
    for (int i = 0; i < q->n; i++) {
        free(q->v[i].path);
        free(q->v[i].name);
    }
    free(q->v);
    memset(q, 0, sizeof *q);
}

static void *worker(void *arg)
{
    pool *p = arg;
    for (;;) {
        int k = atomic_fetch_add(&p->next, 1);
        if (k >= p->nitems)
            return NULL;
        const item *it = &p->items[k];
        const pload_job *j = &p->q->v[it->job];
        result *r = &p->res[it->job];
        if (r->plan)
            pchunk_run(r->plan, it->range, j->path, j->path, j->name, p->o);
        else
            r->rc = ldx_is_book(j->path) ? ldx_load(&r->st, j->path, j->name, p->o, &r->out, &r->err)
                                         : load_file(&r->st, j->path, j->path, j->name, p->o, &r->out, &r->err);
    }
}

static int by_size(const void *a, const void *b)
{
    const item *x = a, *y = b;
    if (x->size != y->size)
        return x->size < y->size ? 1 : -1;
    return x->job != y->job ? x->job - y->job : x->range - y->range;
}

/* The work items: one per file, one per range of a file cut in ranges. */
static void plan_items(pool *p, int jobs)
{
    int cap = p->q->n + 1;
    p->items = xmalloc((size_t)cap * sizeof *p->items);
    p->nitems = 0;
    for (int i = 0; i < p->q->n; i++) {
        result *r = &p->res[i];
        r->plan = jobs > 1 && !ldx_is_book(p->q->v[i].path) ? pchunk_plan_file(p->q->v[i].path, r->size, p->o, jobs) : NULL;
        int n = r->plan ? pchunk_count(r->plan) : 1;
        if (p->nitems + n > cap) {
            cap = (p->nitems + n) * 2;
            p->items = xrealloc(p->items, (size_t)cap * sizeof *p->items);
        }
        for (int k = 0; k < n; k++)
            p->items[p->nitems++] = (item){i, k, r->plan ? pchunk_size(r->plan, k) : (size_t)r->size};
    }
    qsort(p->items, (size_t)p->nitems, sizeof *p->items, by_size);
}

/* Move job r's table, notes and findings into st. An extra table that could
 * not be read is left out with a note, as the one-thread loader did. */
static void merge(pa_store *st, const pload_job *j, result *r, pa_findings *out)
{
    for (int k = 0; k < r->st.nnotes; k++) {
        st->notes = xrealloc(st->notes, (size_t)(st->nnotes + 1) * sizeof *st->notes);
        st->notes[st->nnotes++] = r->st.notes[k];
    }
    r->st.nnotes = 0;
    ledger_move(&st->ledger, &r->st.ledger);
    if (r->rc != 0) {
        store_note(st, "%s (extra table %s is left out)", r->err, j->name);
    } else {
        st->tables = xrealloc(st->tables, (size_t)(st->ntables + r->st.ntables) * sizeof *st->tables);
        for (int k = 0; k < r->st.ntables; k++)
            st->tables[st->ntables++] = r->st.tables[k];
        r->st.ntables = 0;
    }
    fnd_move(out, &r->out);
}

static void run_jobs(pool *p, int jobs)
{
    pthread_t *th = xmalloc((size_t)jobs * sizeof *th);
    int started = 0;
    for (int t = 0; t < jobs; t++) {
        if (pthread_create(&th[started], NULL, worker, p) != 0)
            break;
        started++;
    }
    worker(p); /* the calling thread works too; with no thread started it does all */
    for (int t = 0; t < started; t++)
        pthread_join(th[t], NULL);
    free(th);
}

int pload_run(pa_store *st, const pload_jobs *q, const pa_load_opts *o, pa_findings *out, char **err)
{
    pool p = {q, o, xcalloc((size_t)q->n + 1, sizeof(result)), NULL, 0, 0};
    atomic_init(&p.next, 0);
    for (int i = 0; i < q->n; i++) {
        struct stat sb;
        store_init(&p.res[i].st, st->dir);
        fnd_init(&p.res[i].out);
        p.res[i].size = stat(q->v[i].path, &sb) == 0 ? sb.st_size : 0;
    }
    int jobs = o && o->jobs > 1 ? o->jobs : 1;
    plan_items(&p, jobs);
    if (jobs > p.nitems)
        jobs = p.nitems > 0 ? p.nitems : 1;
    run_jobs(&p, jobs - 1);
    int rc = 0;
    for (int i = 0; i < q->n; i++) {
        result *r = &p.res[i];
        if (r->plan && rc == 0)
            r->rc = pchunk_finish(r->plan, &r->st, q->v[i].path, q->v[i].path, q->v[i].name, o, &r->out, &r->err);
        else
            pchunk_free(r->plan);
        if (rc == 0 && r->rc != 0 && !q->v[i].extra) {
            *err = r->err;   /* the first failing canonical table, in queue order */
            r->err = NULL;
            rc = -1;
        }
        if (rc == 0)
            merge(st, &q->v[i], r, out);
        free(r->err);
        fnd_free(&r->out);
        store_free(&r->st);
    }
    free(p.res);
    free(p.items);
    return rc;
}
