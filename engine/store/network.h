/*
 * store/network.h - each project's remaining network (rules-catalogue.md,
 * SCH-021..023): its considered tasks and the links between them, checked
 * for cycles, put in topological order, and scheduled by a forward and a
 * backward pass. Built once per tasks table, kept with it like an index,
 * and shared by every rule and worker.
 */
#ifndef PA_NET_H
#define PA_NET_H

#include "model/value.h"
#include "store/schedule.h"

#include <stdbool.h>
#include <stdint.h>

struct pa_table;

/* One project (a project_id group, in the order of store/schedule.c). */
typedef struct {
    uint32_t node0, n;      /* its tasks: nodes node0 .. node0 + n, in file order */
    uint32_t link0, nlinks; /* its links: links link0 .. link0 + nlinks */
    uint32_t cycle0, ncycle; /* with a cycle: net.cycle[cycle0 .. cycle0 + ncycle), else ncycle = 0 */
    double cpl;             /* critical path length; 0 with a cycle (no forward pass) */
} net_project;

/*
 * The networks of a tasks table. Node k is the considered task in row
 * row[k]; node numbers follow store/schedule.c's list of considered rows
 * (grouped by project, file order within), which row points into. The
 * links of node k, its predecessors, are link_start[k] .. link_start[k+1],
 * in the order of the predecessors cell. Times are working days from T.
 * In a project with a cycle, es, lf and order hold nothing meaningful.
 */
typedef struct pa_net {
    uint32_t nprojects;
    net_project *p;
    uint32_t nnodes, nlinks;
    const uint32_t *row;    /* per node: its row (the schedule figures' array) */
    double *r;              /* remaining duration */
    double *es;             /* early start (EF = ES + r) */
    double *lf;             /* late finish (total float = LF - EF) */
    uint8_t *started;       /* actual_start not null: ES = 0 */
    uint32_t *order;        /* per project, its nodes in topological order (same range as the nodes) */
    uint32_t *link_start;   /* nnodes + 1 entries */
    uint32_t *pred;         /* per link: the predecessor's node */
    uint8_t *type;          /* per link: pa_link_type */
    double *lag;            /* per link: lag in working days */
    uint32_t *cycle;        /* the nodes of each cyclic project's cycle, each a predecessor of the next */
} pa_net;

/*
 * The networks of tasks table t, built on first call from the schedule
 * figures as of T (thread-safe; every call on a table must pass the run's
 * T, as for sched_get). NULL when t has no project_id column or the
 * figures belong to another T.
 */
const pa_net *net_get(struct pa_table *t, pa_date T);
void net_free(pa_net *net);

/* The project of a project_id group number (as store/schedule.c numbers them). */
static inline const net_project *net_project_of(const pa_net *net, uint32_t g)
{
    return &net->p[g];
}
static inline bool net_cyclic(const net_project *p)
{
    return p->ncycle > 0;
}
static inline double net_ef(const pa_net *net, uint32_t k)
{
    return net->es[k] + net->r[k];
}
/* Total float from the network: LF - EF. */
static inline double net_float(const pa_net *net, uint32_t k)
{
    return net->lf[k] - net_ef(net, k);
}

/* The bound that link l puts on the early start of its successor s
 * (rules-catalogue.md): FS EF(p) + L, SS ES(p) + L, FF EF(p) + L - r(s),
 * SF ES(p) + L - r(s). The forward pass and the critical path use this one
 * expression, so a driving link's bound equals ES exactly. */
double net_bound(const pa_net *net, uint32_t l, uint32_t s);

/* Node of row in project p, or -1 (a binary search of its nodes). */
int64_t net_node_of(const pa_net *net, const net_project *p, uint32_t row);

/*
 * The critical path of an acyclic project into out (room for p->n nodes):
 * from the task with the largest EF (the last in file order on a tie, so
 * that a finish milestone ends the path),
 * back along driving links (the first link, in cell order, whose bound
 * equals the task's ES; none for a started task) to a task that no link
 * drives; returned start to finish. Returns the number of nodes.
 */
uint32_t net_critical(const pa_net *net, const net_project *p, uint32_t *out);

/* Working days D with from < D <= to (Monday to Friday); 0 when to <= from. */
int64_t net_workdays(pa_date from, pa_date to);

#endif
