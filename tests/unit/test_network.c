/*
 * test_network.c - store/network.c: which tasks and links make a project's
 * remaining network, the order, the cycle it names, both passes, the
 * critical path, working days, sharing between threads, and a chain of
 * 200,000 tasks (no recursion, linear).
 */
#include "store/network.h"
#include "store/table.h"
#include "load/table_load.h"
#include "test.h"
#include "core/util.h"

#include <math.h>
#include <pthread.h>
#include <stdlib.h>

static pa_date T0;

static pa_table *load_tasks(pa_store *st, const char *csv)
{
    pa_findings out;
    char *err = NULL;
    store_init(st, "mem");
    fnd_init(&out);
    load_buffer(st, csv, strlen(csv), "tasks.csv", "tasks", NULL, &out, &err);
    fnd_free(&out);
    free(err);
    return st->tables[0];
}

/* The task_id of node k. */
static const char *id_of(const pa_table *t, const pa_net *net, uint32_t k)
{
    static char buf[64];
    size_t n = 0;
    const char *s = tab_text(t, tab_column(t, "task_id"), net->row[k], &n);
    snprintf(buf, sizeof buf, "%.*s", (int)n, s ? s : "?");
    return buf;
}

/* The ids of nodes v[0..n) joined with " ". */
static const char *ids(const pa_table *t, const pa_net *net, const uint32_t *v, uint32_t n)
{
    static char out[256];
    out[0] = 0;
    for (uint32_t i = 0; i < n; i++) {
        strncat(out, i ? " " : "", sizeof out - strlen(out) - 1);
        strncat(out, id_of(t, net, v[i]), sizeof out - strlen(out) - 1);
    }
    return out;
}

static bool near(double a, double b)
{
    return fabs(a - b) < 1e-9;
}

static void networks(void)
{
    pa_store st;
    pa_table *t = load_tasks(&st, "task_id,project_id,duration_days,percent_complete,actual_start,actual_finish,"
                                  "is_summary,predecessors\n"
                                  "A,P1,8,50,,,,\n"           /* r 4: 0-4 */
                                  "B,P1,3,,,,,A:SS+2d;Z\n"     /* 2-5; Z is complete: left out */
                                  "Z,P1,9,,,2026-01-01,,\n"
                                  "C,P1,6,,,,,B:FF-1d\n"       /* 5-1-6 < 0: 0-6 */
                                  "S,P1,30,,,,true,C\n"       /* a summary: no node */
                                  "D,P1,2,,2026-06-01,,,C;S\n" /* started: 0-2 */
                                  "E,P1,4,,,,,A:FS+1.5d;D:SF+3d\n" /* FS 5.5, SF 0+3-4: 5.5-9.5 */
                                  "X,P2,1,,,,,Y\n"
                                  "Y,P2,1,,,,,W\n"
                                  "W,P2,1,,,,,X\n"
                                  "V,P2,1,,,,,W\n"             /* downstream of the loop */
                                  "Q,P3,1,,,,,Q\n"             /* lists itself */
                                  "R,P4,5,100,,,,\n"           /* no considered task */
                                  "N,,5,,,,,\n");             /* no project */
    const pa_net *net = net_get(t, T0);
    CASE("the nodes are the considered tasks of each project, in file order");
    CHECK(net && net->nprojects == 4 && net->nnodes == 10);
    const net_project *p1 = net_project_of(net, 0), *p2 = net_project_of(net, 1), *p3 = net_project_of(net, 2),
                      *p4 = net_project_of(net, 3);
    CHECK(p1->n == 5 && p2->n == 4 && p3->n == 1 && p4->n == 0);
    CHECK_STR(ids(t, net, (uint32_t[]){0, 1, 2, 3, 4}, 5), "A B C D E");
    CASE("links to complete tasks and summaries are left out");
    CHECK(p1->nlinks == 5); /* B-A, C-B, D-C, E-A, E-D */
    CHECK(net->link_start[1] == 0 && net->link_start[2] == 1 && net->pred[0] == 0 && net->type[0] == LINK_SS);
    CASE("the forward pass of the catalogue: started tasks at 0, SS/FF/SF, leads and lags");
    CHECK(near(net->es[0], 0) && near(net->es[1], 2) && near(net->es[2], 0) && near(net->es[3], 0));
    CHECK(near(net->es[4], 5.5) && near(net_ef(net, 4), 9.5) && near(p1->cpl, 9.5));
    CASE("the backward pass gives total float from the network");
    /* LF: E 9.5; A by FS+1.5 from E's LS 5.5: 4; D by SF+3: 9.5 - 3 + 2 = 8.5; C by FS
     * from D's LS 6.5: 6.5; B by FF-1 from C: 7.5; A by SS+2 from B's LS 4.5: 6.5 > 4 */
    CHECK(near(net_float(net, 4), 0) && near(net_float(net, 0), 0));
    CHECK(near(net->lf[3], 8.5) && near(net_float(net, 3), 6.5));
    CHECK(near(net_float(net, 2), 0.5) && near(net_float(net, 1), 2.5));
    CASE("the critical path walks back along driving links");
    uint32_t path[8];
    uint32_t n = net_critical(net, p1, path);
    CHECK_STR(ids(t, net, path, n), "A E");
    CASE("a loop is found and named in the order of its logic, first task in the file first");
    CHECK(net_cyclic(p2) && p2->ncycle == 3);
    CHECK_STR(ids(t, net, net->cycle + p2->cycle0, p2->ncycle), "X W Y");
    CHECK(net_critical(net, p2, path) == 0);
    CHECK(net_cyclic(p3) && p3->ncycle == 1 && !strcmp(id_of(t, net, net->cycle[p3->cycle0]), "Q"));
    CHECK(!net_cyclic(p1) && !net_cyclic(p4) && p4->cpl == 0);
    CASE("a node is found by its row; a row of another project or a complete task is not");
    CHECK(net_node_of(net, p1, 3) == 2 && net_node_of(net, p1, 2) == -1 && net_node_of(net, p2, 0) == -1);
    CASE("the network is built once per table and bound to its as-of date");
    CHECK(net_get(t, T0) == net);
    CHECK(net_get(t, T0 + 1) == NULL);
    store_free(&st);
}

static void duplicates(void)
{
    pa_store st;
    pa_table *t = load_tasks(&st, "task_id,project_id,duration_days,actual_finish,predecessors\n"
                                  "K,P9,50,,\n"                 /* another project's K comes first */
                                  "D,P1,2,,\n"
                                  "D,P1,9,,D\n"                 /* names the first D: no loop */
                                  "E,P1,1,,D;K\n"               /* the first D; K is not in P1 */
                                  "X,P2,8,2026-01-01,\n"
                                  "X,P2,4,,\n"
                                  "Y,P2,6,,X\n");               /* the first X is complete */
    const pa_net *net = net_get(t, T0);
    const net_project *p1 = net_project_of(net, 1), *p2 = net_project_of(net, 2);
    CASE("a link names the first row of the project with that id");
    CHECK(!net_cyclic(p1) && p1->nlinks == 2 && near(net->es[p1->node0 + 1], 2) &&
          near(net->es[p1->node0 + 2], 2));
    CHECK(near(p1->cpl, 11));
    CHECK(p2->nlinks == 0 && near(p2->cpl, 6));
    store_free(&st);
}

static void *get_net(void *t)
{
    return (void *)net_get(t, T0);
}

static void sharing(void)
{
    pa_store st;
    pa_table *t = load_tasks(&st, "task_id,project_id,duration_days,predecessors\nA,P,1,\nB,P,2,A\n");
    pthread_t th[4];
    void *got[4];
    for (int i = 0; i < 4; i++)
        pthread_create(&th[i], NULL, get_net, t);
    for (int i = 0; i < 4; i++)
        pthread_join(th[i], &got[i]);
    CASE("workers asking at once share one network");
    CHECK(got[0] && got[0] == got[1] && got[1] == got[2] && got[2] == got[3]);
    store_free(&st);
}

/* A chain of n tasks closed into a loop or not: deep enough that a
 * recursive walk would overflow the stack. */
static void long_chain(uint32_t n, bool loop)
{
    sbuf b;
    sb_init(&b);
    sb_puts(&b, "task_id,project_id,duration_days,predecessors\n");
    for (uint32_t i = 0; i < n; i++) {
        char line[64];
        if (i > 0)
            snprintf(line, sizeof line, "T%u,P,1,T%u\n", i, i - 1);
        else if (loop)
            snprintf(line, sizeof line, "T0,P,1,T%u\n", n - 1);
        else
            snprintf(line, sizeof line, "T0,P,1,\n");
        sb_puts(&b, line);
    }
    pa_store st;
    pa_table *t = load_tasks(&st, b.data);
    sb_free(&b);
    const pa_net *net = net_get(t, T0);
    const net_project *p = net_project_of(net, 0);
    if (loop) {
        CHECK(net_cyclic(p) && p->ncycle == n && !strcmp(id_of(t, net, net->cycle[p->cycle0]), "T0"));
    } else {
        CHECK(!net_cyclic(p) && near(p->cpl, n) && near(net_float(net, 0), 0));
        uint32_t *path = xmalloc(n * sizeof *path);
        CHECK(net_critical(net, p, path) == n && path[0] == 0 && path[n - 1] == n - 1);
        free(path);
    }
    store_free(&st);
}

static void workdays(void)
{
    pa_date tue = date_from_ymd(2026, 6, 30);
    CASE("working days: Monday to Friday after from, up to and including to");
    CHECK(net_workdays(tue, tue) == 0 && net_workdays(tue, tue - 9) == 0);
    CHECK(net_workdays(tue, date_from_ymd(2026, 7, 3)) == 3);
    CHECK(net_workdays(tue, date_from_ymd(2026, 7, 5)) == 3);  /* Sunday */
    CHECK(net_workdays(tue, date_from_ymd(2026, 7, 6)) == 4);  /* Monday */
    CHECK(net_workdays(tue, date_from_ymd(2026, 7, 21)) == 15);
    CHECK(net_workdays(date_from_ymd(2026, 7, 4), date_from_ymd(2026, 7, 6)) == 1); /* from a Saturday */
    CHECK(net_workdays(date_from_ymd(1969, 12, 26), date_from_ymd(1970, 1, 9)) == 10); /* across day 0 */
    CHECK(net_workdays(date_from_ymd(2026, 1, 1), date_from_ymd(2027, 1, 1)) == 261);
}

void suite_network(void)
{
    T0 = date_from_ymd(2026, 6, 30);
    networks();
    duplicates();
    sharing();
    CASE("a chain of 200,000 tasks: order, passes and critical path without recursion");
    long_chain(200000, false);
    CASE("... and closed into one loop of 200,000 tasks");
    long_chain(200000, true);
    workdays();
}
