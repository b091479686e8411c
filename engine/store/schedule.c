/*
 * store/schedule.c - the per-project schedule figures that rules SCH-010..020 judge
 * (rules-catalogue.md), computed in one pass over the tasks table.
 *
 * Eleven schedule rules share these figures. Walking a million tasks in Lua
 * cost about a second per worker (ten cell reads and a links iterator per
 * task, each a C call), and every worker that ran a schedule rule paid it
 * again. Here the walk is a loop over the column arrays, done once per
 * table and as-of date under the table's lock, the way store/index.c builds a
 * shared index; rules/lib/schedule.lua turns the result into Lua tables
 * (pmo.schedule) and keeps the rules themselves, with their thresholds and
 * messages, in Lua. tests/oracle recomputes every SCH finding from the CSV
 * independently, which keeps this walk honest.
 */
#include "store/schedule.h"
#include "store/index.h"
#include "store/table.h"
#include "core/util.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* The columns the walk reads; -1 when the table lacks one (all null). */
typedef struct {
    int project, task, pct, af, summary, bf, links;
} sched_cols;

static sched_cols find_cols(const pa_table *t)
{
    sched_cols c = {tab_column(t, "project_id"),    tab_column(t, "task_id"),
                    tab_column(t, "percent_complete"), tab_column(t, "actual_finish"),
                    tab_column(t, "is_summary"),    tab_column(t, "baseline_finish"),
                    tab_links_column(t)};
    return c;
}

static bool null_at(const pa_table *t, int col, uint32_t r)
{
    return col < 0 || tab_is_null(&t->cols[col], r);
}

static pa_date date_at(const pa_table *t, int col, uint32_t r)
{
    return t->cols[col].v.date[r];
}

/* percent_complete, null = 0 (any numeric type a schema may give it). */
static double pct_at(const pa_table *t, int col, uint32_t r)
{
    if (null_at(t, col, r))
        return 0;
    const pa_column *c = &t->cols[col];
    return c->type == TY_INT ? (double)c->v.i64[r] : c->type == TY_NUMBER || c->type == TY_MONEY ? c->v.f64[r] : 0;
}

static bool is_summary(const pa_table *t, int col, uint32_t r)
{
    return !null_at(t, col, r) && t->cols[col].type == TY_BOOL && t->cols[col].v.u8[r];
}

/*
 * The schedule terms of the product spec, defined here and nowhere else.
 * rules/lib/schedule.lua has no copy: its considered() answers from the rows
 * this walk lists (pmo.schedule). The rule tests of SCH-016 pin the edge
 * cases, and tests/e2e/lib_test.sh checks the lib against the figures.
 */

/* An incomplete task (data-model.md): actual_finish null and
 * percent_complete (null = 0) below 100. 100 without an actual_finish is
 * complete; an actual_finish makes a task complete whatever its percent. */
static bool incomplete(const pa_table *t, const sched_cols *c, uint32_t r)
{
    return null_at(t, c->af, r) && pct_at(t, c->pct, r) < 100;
}

/* A considered task (rules-catalogue.md, SCH-010..020): incomplete and not a
 * summary (is_summary null or false counts as not a summary). Only the
 * tasks of a project count: compute() walks the project_id groups, so a
 * task whose project_id is null is never considered. */
static bool considered(const pa_table *t, const sched_cols *c, uint32_t r)
{
    return incomplete(t, c, r) && !is_summary(t, c->summary, r);
}

/* A finished task (SCH-019, SCH-020): actual_finish not null. Not the
 * opposite of incomplete: a task at 100% without an actual_finish is
 * neither finished nor incomplete. */
static bool finished(const pa_table *t, const sched_cols *c, uint32_t r)
{
    return !null_at(t, c->af, r);
}

/* The valid links of row r: t->links[*b .. *e). */
static void links_of(const pa_table *t, int col, uint32_t r, uint32_t *b, uint32_t *e)
{
    *b = *e = 0;
    if (col < 0 || tab_is_null(&t->cols[col], r))
        return;
    *b = t->cols[col].link_start[r];
    *e = t->cols[col].link_start[r + 1];
}

/*
 * The task ids that some task of one project names as a predecessor: an
 * open-addressing set of (bytes, length), rebuilt per project. A task with
 * a successor is one whose id is in it. The arrays keep the size of the
 * biggest project so far (alloc), but each project uses and clears only
 * the slots its own links need (cap): clearing all of them for every
 * project made the walk cost projects x the biggest project's links.
 */
typedef struct {
    const char **s;
    size_t *n;
    uint32_t cap;   /* this project's slots: a power of two, at least twice the entries */
    uint32_t alloc; /* slots allocated (the largest project's so far) */
} idset;

/* Empty slots for `entries` ids. Only this project's slots are cleared:
 * clearing the largest project's for every project cost projects x
 * largest project, which grows faster than the tasks (issue 23). */
static void set_reset(idset *set, uint32_t entries)
{
    uint32_t cap = 16;
    while (cap < 2 * entries)
        cap *= 2;
    if (cap > set->alloc) {
        free(set->s);
        free(set->n);
        set->s = xmalloc(cap * sizeof *set->s);
        set->n = xmalloc(cap * sizeof *set->n);
        set->alloc = cap;
    }
    set->cap = cap;
    memset(set->s, 0, cap * sizeof *set->s);
}

/* Find s in the set; add it when add is true. Returns whether it was there. */
static bool set_probe(idset *set, const char *s, size_t n, bool add)
{
    uint32_t mask = set->cap - 1;
    for (uint32_t i = (uint32_t)hash_bytes(s, n, 0) & mask;; i = (i + 1) & mask) {
        if (!set->s[i]) {
            if (add) {
                set->s[i] = s;
                set->n[i] = n;
            }
            return false;
        }
        if (set->n[i] == n && memcmp(set->s[i], s, n) == 0)
            return true;
    }
}

/* Whether row r has a valid link with a negative lag: a lead (SCH-011). A
 * lag of -0 is no lead. */
static bool has_lead(const pa_table *t, int col, uint32_t r)
{
    uint32_t b, e;
    links_of(t, col, r, &b, &e);
    for (uint32_t k = b; k < e; k++)
        if (tab_link_lag(t, &t->links[k]) < 0)
            return true;
    return false;
}

/* Due, done and missed: non-summary tasks with baseline_finish <= T. */
static void count_due(const pa_table *t, const sched_cols *c, uint32_t r, pa_date T, sched_project *p)
{
    if (is_summary(t, c->summary, r) || null_at(t, c->bf, r))
        return;
    pa_date b = date_at(t, c->bf, r);
    if (b > T)
        return;
    p->due++;
    bool fin = finished(t, c, r);
    if (fin)
        p->done++;
    if (!fin || date_at(t, c->af, r) > b)
        p->missed++;
}

/* One project: the rows of its index group. out receives its considered
 * rows; has_pred[k] whether the k-th of them has a link. */
static void walk_project(const pa_table *t, const sched_cols *c, const uint32_t *rows, uint32_t nrows, pa_date T,
                         sched_project *p, uint32_t *out, uint8_t *has_pred, idset *set)
{
    uint32_t nlinks = 0;
    for (uint32_t i = 0; i < nrows; i++) {
        uint32_t b, e;
        links_of(t, c->links, rows[i], &b, &e);
        nlinks += e - b;
    }
    set_reset(set, nlinks);
    for (uint32_t i = 0; i < nrows; i++) {
        uint32_t r = rows[i], b, e;
        bool is_c = considered(t, c, r);
        links_of(t, c->links, r, &b, &e);
        for (uint32_t k = b; k < e; k++) {
            const pa_tlink *lk = &t->links[k];
            size_t n = 0;
            const char *id = tab_link_id(t, lk, &n);
            set_probe(set, id, n, true);
            if (is_c) {
                p->links++;
                p->pos_lag += tab_link_lag(t, lk) > 0;
                p->fs += tab_link_type(lk) == LINK_FS;
            }
        }
        if (is_c) {
            has_pred[p->n] = e > b;
            out[p->n++] = r;
        }
        count_due(t, c, r, T, p);
    }
    for (uint32_t k = 0; k < p->n; k++) {
        size_t n = 0;
        const char *id = null_at(t, c->task, out[k]) ? NULL : tab_text(t, c->task, out[k], &n);
        bool succ = id && set_probe(set, id, n, false);
        if (has_pred[k] && succ)
            continue;
        if (p->nex < 3) {
            p->ex_row[p->nex] = out[k];
            p->ex_kind[p->nex++] = has_pred[k] ? SCHED_NO_SUCCESSOR : succ ? SCHED_NO_PREDECESSOR : SCHED_NEITHER;
        }
        p->open++;
    }
}

static pa_sched *compute(pa_table *t, const sched_cols *c, const pa_index *ix, pa_date T)
{
    pa_sched *s = xcalloc(1, sizeof *s);
    s->T = T;
    s->nprojects = ix->ngroups;
    s->p = xcalloc(ix->ngroups ? ix->ngroups : 1, sizeof *s->p);
    s->rows = xmalloc((t->nrows ? t->nrows : 1) * sizeof *s->rows);
    uint8_t *has_pred = xmalloc(t->nrows ? t->nrows : 1);
    idset set = {0};
    uint32_t used = 0;
    for (uint32_t g = 0; g < ix->ngroups; g++) {
        sched_project *p = &s->p[g];
        const uint32_t *rows = ix->rows + ix->start[g];
        p->first_row = rows[0];
        p->rows = used;
        walk_project(t, c, rows, ix->start[g + 1] - ix->start[g], T, p, s->rows + used, has_pred, &set);
        used += p->n;
    }
    free(set.s);
    free(set.n);
    /* all: the same rows in file order, by marking them (has_pred reused:
     * 1 a considered row, 2 one with a lead); leads: those with a lead, so
     * that SCH-011 reads the links of its findings' tasks only */
    memset(has_pred, 0, t->nrows);
    uint32_t nleads = 0;
    for (uint32_t k = 0; k < used; k++) {
        uint32_t r = s->rows[k];
        has_pred[r] = has_lead(t, c->links, r) ? 2 : 1;
        nleads += has_pred[r] == 2;
    }
    s->all = xmalloc((used ? used : 1) * sizeof *s->all);
    s->leads = xmalloc((nleads ? nleads : 1) * sizeof *s->leads);
    for (uint32_t r = 0; r < t->nrows; r++) {
        if (has_pred[r])
            s->all[s->nall++] = r;
        if (has_pred[r] == 2)
            s->leads[s->nleads++] = r;
    }
    free(has_pred);
    return s;
}

static void free_sched(void *s)
{
    sched_free(s);
}

const pa_sched *sched_get(pa_table *t, pa_date T)
{
    sched_cols c = find_cols(t);
    if (c.project < 0)
        return NULL;
    const pa_index *ix = idx_get(t, c.project);
    tab_slot_wait(t, TAB_SLOT_SCHED(t));
    pa_sched *s = t->derived[TAB_SLOT_SCHED(t)].data;
    if (s && s->T != T) { /* a store is bound to one as-of date; never replace what a worker may read */
        s = NULL;
    } else if (!s) {
        tab_slot_build(t, TAB_SLOT_SCHED(t)); /* compute reads the table only: no lock held */
        s = compute(t, &c, ix, T);
        tab_slot_done(t, TAB_SLOT_SCHED(t), s, free_sched);
    }
    pthread_mutex_unlock(&t->lock);
    return s;
}

void sched_free(pa_sched *s)
{
    if (!s)
        return;
    free(s->p);
    free(s->rows);
    free(s->all);
    free(s->leads);
    free(s);
}
