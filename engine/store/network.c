/*
 * store/network.c - each project's remaining network, exactly as
 * rules-catalogue.md defines it for SCH-021..023, and the schedule it gives:
 * cycle detection, topological order, forward pass (early start and finish,
 * the critical path length), backward pass (late finish, total float) and
 * the critical path.
 *
 * Built once per tasks table, under the table's lock, on top of the schedule
 * figures of store/schedule.c: its list of considered rows (grouped by
 * project, file order within) is the list of nodes, so "considered" keeps
 * its one definition. Every step is a loop over arrays, never a recursion,
 * and linear in tasks plus links: a hash of the project's task ids
 * resolves the links (the first row of an id wins), Kahn's algorithm gives
 * the order and leaves a cycle's tasks unvisited, and a walk back along
 * unvisited predecessors names one cycle. Scratch memory is sized for the
 * largest project and reused; what is kept is 33 bytes per task (the row
 * numbers are the schedule figures') and 13 per link. tests/oracle recomputes SCH-021..023 from the CSV
 * independently, and tests/unit/test_network.c pins each step.
 */
#include "store/network.h"
#include "store/index.h"
#include "store/table.h"
#include "core/util.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define NONE UINT32_MAX

/* The columns the build reads; -1 when the table lacks one (all null). */
typedef struct {
    int project, task, started, dur, pct, links;
} net_cols;

/* Scratch of one project, sized for the largest (see allocate). */
typedef struct {
    uint32_t *hrow, *hnode; /* id hash: row + 1 of the first row with the id (0 = empty), its node or NONE */
    uint32_t hcap;          /* this project's slots: a power of two, at least twice its rows */
    uint32_t halloc;        /* slots allocated (the largest project's so far) */
    uint32_t *indeg, *succ_start, *succ, *seen;
    uint32_t ncycle, cycle_cap; /* net->cycle: used, allocated */
} net_scratch;

static bool null_at(const pa_table *t, int col, uint32_t r)
{
    return col < 0 || tab_is_null(&t->cols[col], r);
}

/* A number cell, null = 0 (int or number: a schema may give either). */
static double num_at(const pa_table *t, int col, uint32_t r)
{
    if (null_at(t, col, r))
        return 0;
    const pa_column *c = &t->cols[col];
    return c->type == TY_INT ? (double)c->v.i64[r] : c->type == TY_NUMBER || c->type == TY_MONEY ? c->v.f64[r] : 0;
}

/* r = d x (1 - pc/100): d = duration_days (null or negative: 0), pc =
 * percent_complete (null: 0). tests/oracle writes the same expression, so
 * the two agree to the last bit. */
static double remaining(const pa_table *t, const net_cols *c, uint32_t row)
{
    double d = num_at(t, c->dur, row);
    if (d < 0)
        d = 0;
    double pc = num_at(t, c->pct, row);
    return d * (1 - pc / 100);
}

double net_bound(const pa_net *net, uint32_t l, uint32_t s)
{
    uint32_t p = net->pred[l];
    double L = net->lag[l];
    switch (net->type[l]) {
    case LINK_SS:
        return net->es[p] + L;
    case LINK_FF:
        return net_ef(net, p) + L - net->r[s];
    case LINK_SF:
        return net->es[p] + L - net->r[s];
    default:
        return net_ef(net, p) + L;
    }
}

/* ---- resolving links: the project's task ids ---- */

/* Empty slots for a project of `rows` rows. Only the slots this project
 * uses are cleared: clearing the largest project's table for every project
 * would cost projects x largest project, which grows faster than the tasks. */
static void hash_reset(net_scratch *w, uint32_t rows)
{
    uint32_t cap = 16;
    while (cap < 2 * rows)
        cap *= 2;
    if (cap > w->halloc) {
        free(w->hrow);
        free(w->hnode);
        w->hrow = xmalloc(cap * sizeof *w->hrow);
        w->hnode = xmalloc(cap * sizeof *w->hnode);
        w->halloc = cap;
    }
    w->hcap = cap;
    memset(w->hrow, 0, cap * sizeof *w->hrow);
}

/* The slot of id s in the hash: its entry, or the empty slot where it goes. */
static uint32_t hash_slot(const net_scratch *w, const pa_table *t, int task_col, const char *s, size_t n)
{
    uint32_t mask = w->hcap - 1;
    for (uint32_t i = (uint32_t)hash_bytes(s, n, 0) & mask;; i = (i + 1) & mask) {
        if (!w->hrow[i])
            return i;
        size_t m = 0;
        const char *id = tab_text(t, task_col, w->hrow[i] - 1, &m);
        if (m == n && memcmp(id, s, n) == 0)
            return i;
    }
}

/* Every row of the project by task_id, the first row of an id only; the
 * rows that are nodes (considered) carry their node number. */
static void hash_project(net_scratch *w, const pa_table *t, const net_cols *c, const uint32_t *rows,
                         uint32_t nrows, const uint32_t *nrow, uint32_t n)
{
    hash_reset(w, nrows);
    if (c->task < 0)
        return;
    uint32_t k = 0;
    for (uint32_t i = 0; i < nrows; i++) {
        uint32_t r = rows[i], node = NONE;
        if (k < n && nrow[k] == r)
            node = k++;
        size_t len = 0;
        const char *id = tab_text(t, c->task, r, &len);
        if (!id)
            continue;
        uint32_t h = hash_slot(w, t, c->task, id, len);
        if (!w->hrow[h]) {
            w->hrow[h] = r + 1;
            w->hnode[h] = node;
        }
    }
}

/* The kept links of the project's nodes: a link whose predecessor is a node
 * of the same project; the others are satisfied and left out. Fills
 * link_start, pred (global node numbers), type and lag from net->nlinks on. */
static void resolve_links(pa_net *net, net_scratch *w, const pa_table *t, const net_cols *c, net_project *p)
{
    p->link0 = net->nlinks;
    for (uint32_t k = p->node0; k < p->node0 + p->n; k++) {
        uint32_t row = net->row[k];
        net->link_start[k] = net->nlinks;
        if (null_at(t, c->links, row))
            continue;
        const pa_column *lc = &t->cols[c->links];
        for (uint32_t i = lc->link_start[row]; i < lc->link_start[row + 1]; i++) {
            const pa_tlink *lk = &t->links[i];
            size_t len = 0;
            const char *id = tab_link_id(t, lk, &len);
            uint32_t h = c->task < 0 ? 0 : hash_slot(w, t, c->task, id, len);
            if (c->task < 0 || !w->hrow[h] || w->hnode[h] == NONE)
                continue;
            net->pred[net->nlinks] = p->node0 + w->hnode[h];
            net->type[net->nlinks] = (uint8_t)tab_link_type(lk);
            net->lag[net->nlinks] = tab_link_lag(t, lk);
            net->nlinks++;
        }
    }
    net->link_start[p->node0 + p->n] = net->nlinks;
    p->nlinks = net->nlinks - p->link0;
}

/* ---- order and cycles ---- */

/*
 * Kahn's algorithm over the project's nodes (local numbers in the scratch):
 * indeg counts each node's links whose predecessor is not placed yet, the
 * queue is the order array itself, seeded in file order. Returns how many
 * nodes were placed; fewer than n means a cycle, and the unplaced nodes
 * are exactly those with indeg > 0.
 */
static uint32_t topo_order(pa_net *net, net_scratch *w, const net_project *p)
{
    uint32_t n = p->n, b = p->node0, *out = net->order + b;
    memset(w->succ_start, 0, (n + 1) * sizeof *w->succ_start);
    for (uint32_t k = 0; k < n; k++) {
        w->indeg[k] = net->link_start[b + k + 1] - net->link_start[b + k];
        for (uint32_t l = net->link_start[b + k]; l < net->link_start[b + k + 1]; l++)
            w->succ_start[net->pred[l] - b + 1]++;
    }
    for (uint32_t k = 0; k < n; k++)
        w->succ_start[k + 1] += w->succ_start[k];
    memcpy(w->seen, w->succ_start, n * sizeof *w->seen); /* fill positions */
    for (uint32_t k = 0; k < n; k++)
        for (uint32_t l = net->link_start[b + k]; l < net->link_start[b + k + 1]; l++)
            w->succ[w->seen[net->pred[l] - b]++] = k;
    uint32_t head = 0, tail = 0;
    for (uint32_t k = 0; k < n; k++)
        if (w->indeg[k] == 0)
            out[tail++] = b + k;
    while (head < tail) {
        uint32_t v = out[head++] - b;
        for (uint32_t i = w->succ_start[v]; i < w->succ_start[v + 1]; i++)
            if (--w->indeg[w->succ[i]] == 0)
                out[tail++] = b + w->succ[i];
    }
    return tail;
}


/*
 * One cycle of a project whose order stopped at `placed` nodes. Every
 * unplaced node has an unplaced predecessor, so walking from the first
 * unplaced node (file order) to its first unplaced predecessor (cell
 * order), again and again, must come back to a node already walked: the
 * nodes from there on are a cycle, met successor first. It is kept
 * predecessor first (each task a predecessor of the next, the last one of
 * the first), starting at its task that comes first in the file. The walk
 * is written into the order array's unused tail: it visits only unplaced
 * nodes, each once.
 */
static void find_cycle(pa_net *net, net_scratch *w, net_project *p, uint32_t placed)
{
    uint32_t n = p->n, b = p->node0, *path = net->order + b + placed, len = 0, cur = 0;
    while (w->indeg[cur] == 0)
        cur++;
    memset(w->seen, 0, n * sizeof *w->seen);
    while (!w->seen[cur]) {
        w->seen[cur] = ++len;
        path[len - 1] = cur;
        uint32_t l = net->link_start[b + cur];
        while (w->indeg[net->pred[l] - b] == 0)
            l++;
        cur = net->pred[l] - b;
    }
    uint32_t from = w->seen[cur] - 1, m = len - from, first = from;
    for (uint32_t i = from; i < len; i++)
        if (path[i] < path[first])
            first = i;
    if (w->ncycle + m > w->cycle_cap) {
        w->cycle_cap = w->cycle_cap * 2 > w->ncycle + m ? w->cycle_cap * 2 : w->ncycle + m;
        net->cycle = xrealloc(net->cycle, w->cycle_cap * sizeof *net->cycle);
    }
    p->cycle0 = w->ncycle;
    p->ncycle = m;
    for (uint32_t j = 0, i = first; j < m; j++) {
        net->cycle[w->ncycle++] = b + path[i];
        i = i == from ? len - 1 : i - 1;
    }
}

/* ---- the passes ---- */

/* Forward pass in topological order: a started task has ES = 0, any other
 * the largest of 0 and its links' bounds; CPL is the largest EF. */
static void forward(pa_net *net, net_project *p)
{
    double cpl = 0;
    for (uint32_t i = 0; i < p->n; i++) {
        uint32_t k = net->order[p->node0 + i];
        double es = 0;
        if (!net->started[k])
            for (uint32_t l = net->link_start[k]; l < net->link_start[k + 1]; l++) {
                double x = net_bound(net, l, k);
                if (x > es)
                    es = x;
            }
        net->es[k] = es;
        if (net_ef(net, k) > cpl)
            cpl = net_ef(net, k);
    }
    p->cpl = cpl;
}

/*
 * Backward pass in reverse topological order: every task may finish by
 * CPL, and each link bounds its predecessor's late finish by the same
 * relation read backwards (FS: LF(p) <= LS(s) - L; SS: LS(p) <= LS(s) - L;
 * FF: LF(p) <= LF(s) - L; SF: LS(p) <= LF(s) - L, with LS = LF - r). A
 * started task's links bind too, so work that should have finished before
 * a started task began shows negative float.
 */
static void backward(pa_net *net, const net_project *p)
{
    uint32_t b = p->node0;
    for (uint32_t k = b; k < b + p->n; k++)
        net->lf[k] = p->cpl;
    for (uint32_t i = p->n; i-- > 0;) {
        uint32_t v = net->order[b + i];
        double lf = net->lf[v], ls = lf - net->r[v];
        for (uint32_t l = net->link_start[v]; l < net->link_start[v + 1]; l++) {
            uint32_t q = net->pred[l];
            double L = net->lag[l], x;
            switch (net->type[l]) {
            case LINK_SS:
                x = ls - L + net->r[q];
                break;
            case LINK_FF:
                x = lf - L;
                break;
            case LINK_SF:
                x = lf - L + net->r[q];
                break;
            default:
                x = ls - L;
                break;
            }
            if (x < net->lf[q])
                net->lf[q] = x;
        }
    }
}

/* ---- building ---- */

static net_cols find_cols(const pa_table *t)
{
    net_cols c = {tab_column(t, "project_id"),    tab_column(t, "task_id"),
                  tab_column(t, "actual_start"),  tab_column(t, "duration_days"),
                  tab_column(t, "percent_complete"), tab_links_column(t)};
    return c;
}

static uint32_t links_of_row(const pa_table *t, const net_cols *c, uint32_t r)
{
    if (null_at(t, c->links, r))
        return 0;
    return t->cols[c->links].link_start[r + 1] - t->cols[c->links].link_start[r];
}

/* Arrays sized from the schedule figures: every node, and every link a
 * node's cell holds (an upper bound of the kept links); scratch for the
 * largest project. */
static void allocate(pa_net *net, net_scratch *w, const pa_table *t, const net_cols *c, const pa_sched *s)
{
    size_t links = 0;
    uint32_t maxn = 1, maxl = 1;
    for (uint32_t g = 0; g < s->nprojects; g++) {
        uint32_t pl = 0;
        for (uint32_t k = s->p[g].rows; k < s->p[g].rows + s->p[g].n; k++)
            pl += links_of_row(t, c, s->rows[k]);
        links += pl;
        maxn = s->p[g].n > maxn ? s->p[g].n : maxn;
        maxl = pl > maxl ? pl : maxl;
        net->nnodes += s->p[g].n;
    }
    size_t n = net->nnodes ? net->nnodes : 1, l = links ? links : 1;
    net->r = xmalloc(n * sizeof *net->r);
    net->es = xcalloc(n, sizeof *net->es);
    net->lf = xcalloc(n, sizeof *net->lf);
    net->started = xmalloc(n);
    net->order = xmalloc(n * sizeof *net->order);
    net->link_start = xmalloc((n + 1) * sizeof *net->link_start);
    net->link_start[0] = 0;
    net->pred = xmalloc(l * sizeof *net->pred);
    net->type = xmalloc(l);
    net->lag = xmalloc(l * sizeof *net->lag);
    w->indeg = xmalloc(maxn * sizeof *w->indeg);
    w->seen = xmalloc(maxn * sizeof *w->seen);
    w->succ_start = xmalloc(((size_t)maxn + 1) * sizeof *w->succ_start);
    w->succ = xmalloc(maxl * sizeof *w->succ);
}

static void scratch_free(net_scratch *w)
{
    free(w->hrow);
    free(w->hnode);
    free(w->indeg);
    free(w->seen);
    free(w->succ_start);
    free(w->succ);
}

/* Project g: its nodes' durations, its links, its order, then either a
 * cycle or both passes. */
static void build_project(pa_net *net, net_scratch *w, const pa_table *t, const net_cols *c, const pa_index *ix,
                          const pa_sched *s, uint32_t g)
{
    net_project *p = &net->p[g];
    p->node0 = s->p[g].rows;
    p->n = s->p[g].n;
    for (uint32_t k = p->node0; k < p->node0 + p->n; k++) {
        net->r[k] = remaining(t, c, net->row[k]);
        net->started[k] = !null_at(t, c->started, net->row[k]);
    }
    if (p->n > 0) /* a project without open tasks (a closed one) needs no id hash */
        hash_project(w, t, c, ix->rows + ix->start[g], ix->start[g + 1] - ix->start[g], net->row + p->node0, p->n);
    resolve_links(net, w, t, c, p);
    if (p->n == 0)
        return;
    uint32_t placed = topo_order(net, w, p);
    if (placed < p->n) {
        find_cycle(net, w, p, placed);
        return;
    }
    forward(net, p);
    backward(net, p);
}

static pa_net *build(const pa_table *t, const net_cols *c, const pa_index *ix, const pa_sched *s)
{
    pa_net *net = xcalloc(1, sizeof *net);
    net_scratch w = {0};
    net->nprojects = s->nprojects;
    net->p = xcalloc(s->nprojects ? s->nprojects : 1, sizeof *net->p);
    net->row = s->rows;
    allocate(net, &w, t, c, s);
    for (uint32_t g = 0; g < s->nprojects; g++)
        build_project(net, &w, t, c, ix, s, g);
    scratch_free(&w);
    return net;
}

static void free_net(void *net)
{
    net_free(net);
}

const pa_net *net_get(pa_table *t, pa_date T)
{
    net_cols c = find_cols(t);
    if (c.project < 0)
        return NULL;
    const pa_sched *s = sched_get(t, T);
    if (!s)
        return NULL;
    const pa_index *ix = idx_get(t, c.project);
    tab_slot_wait(t, TAB_SLOT_NET(t));
    pa_net *net = t->derived[TAB_SLOT_NET(t)].data;
    if (!net) {
        tab_slot_build(t, TAB_SLOT_NET(t)); /* build reads the table and the figures only: no lock held */
        net = build(t, &c, ix, s);
        tab_slot_done(t, TAB_SLOT_NET(t), net, free_net);
    }
    pthread_mutex_unlock(&t->lock);
    return net;
}

void net_free(pa_net *net)
{
    if (!net)
        return;
    free(net->p);
    free(net->r);
    free(net->es);
    free(net->lf);
    free(net->started);
    free(net->order);
    free(net->link_start);
    free(net->pred);
    free(net->type);
    free(net->lag);
    free(net->cycle);
    free(net);
}

/* ---- reading ---- */

int64_t net_node_of(const pa_net *net, const net_project *p, uint32_t row)
{
    uint32_t lo = p->node0, hi = p->node0 + p->n;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (net->row[mid] < row)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < p->node0 + p->n && net->row[lo] == row ? (int64_t)lo : -1;
}

uint32_t net_critical(const pa_net *net, const net_project *p, uint32_t *out)
{
    if (p->n == 0 || net_cyclic(p))
        return 0;
    uint32_t cur = p->node0, len = 0;
    for (uint32_t k = p->node0 + 1; k < p->node0 + p->n; k++)
        if (net_ef(net, k) >= net_ef(net, cur)) /* the last on a tie: a finish milestone ends the path */
            cur = k;
    for (;;) {
        out[len++] = cur;
        uint32_t next = NONE;
        if (!net->started[cur])
            for (uint32_t l = net->link_start[cur]; l < net->link_start[cur + 1]; l++)
                if (net_bound(net, l, cur) == net->es[cur]) {
                    next = net->pred[l];
                    break;
                }
        if (next == NONE)
            break;
        cur = next;
    }
    for (uint32_t i = 0; i < len / 2; i++) {
        uint32_t x = out[i];
        out[i] = out[len - 1 - i];
        out[len - 1 - i] = x;
    }
    return len;
}

/* Weekdays from a Monday long ago up to and including day x (1970-01-05 was a Monday). */
static int64_t weekdays_upto(pa_date x)
{
    int64_t y = (int64_t)x - 4, q = y >= 0 ? y / 7 : -((-y + 6) / 7), rem = y - 7 * q;
    return 5 * q + (rem + 1 < 5 ? rem + 1 : 5);
}

int64_t net_workdays(pa_date from, pa_date to)
{
    return to <= from ? 0 : weekdays_upto(to) - weekdays_upto(from);
}
