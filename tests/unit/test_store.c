/*
 * test_store.c - the string pool, typed loading into the column store,
 * header mapping, load-time findings (DAT-001, DAT-002), the index, and the
 * whole-table checks (DAT-003, DAT-004).
 */
#include "validate/dat_checks.h"
#include "store/index.h"
#include "load/table_load.h"
#include "test.h"
#include "core/util.h"

#include <stdlib.h>

static int count_rule(const pa_findings *f, const char *rule)
{
    int n = 0;
    for (size_t i = 0; i < f->n; i++)
        n += strcmp(f->v[i].rule, rule) == 0;
    return n;
}

static const pa_finding *find(const pa_findings *f, const char *rule, const char *column)
{
    for (size_t i = 0; i < f->n; i++)
        if (strcmp(f->v[i].rule, rule) == 0 && (!column || (f->v[i].column && !strcmp(f->v[i].column, column))))
            return &f->v[i];
    return NULL;
}

static int load(pa_store *st, const char *name, const char *csv, pa_findings *out, char **err)
{
    return load_buffer(st, csv, strlen(csv), name, name, NULL, out, err);
}

static void pool(void)
{
    strpool p;
    sp_init(&p);
    CASE("interning returns one id per distinct string, 0 is reserved");
    uint32_t a = sp_intern(&p, "PRJ-1", 5), b = sp_intern(&p, "PRJ-2", 5);
    CHECK(a != 0 && b != 0 && a != b);
    CHECK(sp_intern(&p, "PRJ-1", 5) == a);
    CHECK(sp_find(&p, "PRJ-2", 5) == b);
    CHECK(sp_find(&p, "PRJ-3", 5) == 0);
    char buf[16];
    for (int i = 0; i < 5000; i++) { /* forces rehashing and arena growth */
        snprintf(buf, sizeof buf, "k%d", i);
        sp_intern(&p, buf, strlen(buf));
    }
    size_t n;
    CHECK_STR(sp_str(&p, a, &n), "PRJ-1");
    CHECK(sp_find(&p, "k4999", 5) != 0);
    sp_free(&p);
}

static void typed_load(void)
{
    pa_store st;
    pa_findings out;
    char *err = NULL;
    store_init(&st, "mem");
    fnd_init(&out);
    CASE("a canonical table loads typed columns in schema order, extras as text");
    int rc = load(&st, "projects",
                  "Project ID,Name,Status,Budget,Start Date,Charter Approved,Region\n"
                  "PRJ-1001,Alpha,On Hold,\"$1,200.50\",2026-01-15,Yes,EMEA\n"
                  "PRJ-1002,Beta,weird,12x,2026-02-30,maybe,\n"
                  " ,Gamma,active,,,,\n",
                  &out, &err);
    CHECK(rc == 0);
    pa_table *t = store_table(&st, "projects");
    CHECK(t && t->nrows == 3);
    int status = tab_column(t, "status"), budget = tab_column(t, "budget"), region = tab_column(t, "region");
    int start = tab_column(t, "start_date"), charter = tab_column(t, "charter_approved");
    int sponsor = tab_column(t, "sponsor");
    CHECK(status >= 0 && budget >= 0 && region >= 0 && sponsor >= 0);
    CHECK(t->cols[region].type == TY_TEXT && t->cols[region].def == NULL);
    CHECK(t->cols[sponsor].csv_pos == -1 && tab_is_null(&t->cols[sponsor], 0));
    CHECK(!strcmp(t->cols[status].def->enums[t->cols[status].v.u8[0]], "on_hold"));
    CHECK(t->cols[budget].v.f64[0] == 1200.5);
    CHECK(t->cols[start].v.date[0] == date_from_ymd(2026, 1, 15));
    CHECK(t->cols[charter].v.u8[0] == 1);
    CHECK(t->line[0] == 2 && t->line[2] == 4);
    CASE("cells that do not parse are null and give one DAT-001 each");
    CHECK(tab_is_null(&t->cols[status], 1) && tab_is_null(&t->cols[budget], 1));
    CHECK(count_rule(&out, "DAT-001") == 4);
    const pa_finding *f = find(&out, "DAT-001", "status");
    CHECK(f && f->line == 3 && f->key && !strcmp(f->key, "PRJ-1002") && !strcmp(f->value, "weird"));
    CHECK(f && strstr(f->message, "one of proposed, active, on_hold, closed, cancelled") != NULL);
    CASE("an empty required cell gives DAT-002, a blank key is null");
    CHECK(count_rule(&out, "DAT-002") == 1);
    f = find(&out, "DAT-002", "project_id");
    CHECK(f && f->line == 4 && f->key == NULL);
    fnd_free(&out);
    store_free(&st);
}

static void load_errors(void)
{
    pa_store st;
    pa_findings out;
    char *err = NULL;
    store_init(&st, "mem");
    fnd_init(&out);
    CASE("a missing required column names the file and the column");
    CHECK(load(&st, "tasks", "task_id,name\nT1,x\n", &out, &err) == -1);
    CHECK(err && strstr(err, "tasks:1: missing required column 'project_id'") != NULL);
    free(err);
    err = NULL;
    CASE("an empty canonical file is an error; an empty extra file is an empty table");
    CHECK(load(&st, "risks", "", &out, &err) == -1);
    CHECK(err && strstr(err, "empty") != NULL);
    free(err);
    err = NULL;
    CHECK(load(&st, "vendors", "", &out, &err) == 0);
    CASE("malformed quoting is an error with line and column");
    CHECK(load(&st, "issues", "issue_id,project_id\nI1,P\"1\n", &out, &err) == -1);
    CHECK(err && strstr(err, "issues:2:5:") != NULL);
    free(err);
    err = NULL;
    CASE("duplicate headers keep their data under name_2");
    CHECK(load(&st, "notes", "a,a,b\n1,2,3\n", &out, &err) == 0);
    pa_table *t = store_table(&st, "notes");
    CHECK(t && tab_column(t, "a_2") == 1);
    CHECK(out.n == 1 && strcmp(out.v[0].rule, "DAT-005") == 0 && out.v[0].line == 1);
    CASE("short rows read as null and are a DAT-005 finding at their line");
    CHECK(load(&st, "lessons", "lesson_id,project_id,lesson\nL1,P1\n", &out, &err) == 0);
    CHECK(out.n == 2 && strcmp(out.v[1].rule, "DAT-005") == 0 && out.v[1].line == 2 &&
          strstr(out.v[1].message, "has 2 cell(s) but the header has 3; the missing cells (from column lesson)"));
    fnd_free(&out);
    store_free(&st);
}

static void predecessor_column(void)
{
    pa_store st;
    pa_findings out;
    char *err = NULL;
    store_init(&st, "mem");
    fnd_init(&out);
    CASE("predecessors keep their text and valid links; a bad entry is one DAT-001");
    CHECK(load(&st, "tasks",
               "task_id,project_id,predecessors\nT1,P,\nT2,P,T1\nT3,P,T1:SS+2d;T2;bad entry;T9:XX\n", &out,
               &err) == 0);
    pa_table *t = store_table(&st, "tasks");
    int pc = tab_column(t, "predecessors");
    CHECK(t->cols[pc].type == TY_LINKS);
    CHECK(t->cols[pc].link_start[1] - t->cols[pc].link_start[0] == 0);
    CHECK(t->cols[pc].link_start[2] - t->cols[pc].link_start[1] == 1);
    CHECK(t->cols[pc].link_start[3] - t->cols[pc].link_start[2] == 2);
    CHECK(!tab_is_null(&t->cols[pc], 2));
    CHECK(count_rule(&out, "DAT-001") == 1);
    size_t n;
    const char *id = tab_link_id(t, &t->links[t->cols[pc].link_start[1]], &n);
    CHECK(n == 2 && memcmp(id, "T1", 2) == 0);
    id = tab_link_id(t, &t->links[t->cols[pc].link_start[2] + 1], &n);
    CHECK(n == 2 && memcmp(id, "T2", 2) == 0);
    fnd_free(&out);
    store_free(&st);
}

/* A link is 8 bytes: its lag packed when whole thousandths of a day read
 * back the same, else kept beside; a target id named again is stored once. */
static void compact_links(void)
{
    pa_table *t = tab_new("tasks", "tasks.csv", NULL);
    static const double lags[] = {0, 2, -3, 1.5, 0.001, -268435.455, 268435.455};
    static const double odd[] = {-0.0, 1e-9, 0.0005, 268435.456, -268435.457, 268435.4559999, -1e12, 1.0 / 3};
    CASE("pa_tlink holds a target and a packed type and lag in 8 bytes");
    CHECK(sizeof(pa_tlink) == 8);
    CASE("lags in whole thousandths of a day are packed and read back bit for bit");
    for (size_t i = 0; i < sizeof lags / sizeof *lags; i++) {
        pa_tlink l = tab_link_make(t, "T1", 2, LINK_SF, lags[i]);
        double back = tab_link_lag(t, &l);
        CHECK(memcmp(&back, &lags[i], sizeof back) == 0 && tab_link_type(&l) == LINK_SF && !(l.tl & 4u));
    }
    CHECK(t->nlink_lags == 0);
    CASE("any other lag (-0, finer than 1/1000, past 2^28 thousandths) is kept in link_lags, exactly");
    for (size_t i = 0; i < sizeof odd / sizeof *odd; i++) {
        pa_tlink l = tab_link_make(t, "T2", 2, LINK_FF, odd[i]);
        double back = tab_link_lag(t, &l);
        CHECK(memcmp(&back, &odd[i], sizeof back) == 0 && tab_link_type(&l) == LINK_FF && (l.tl & 4u));
    }
    CHECK(t->nlink_lags == sizeof odd / sizeof *odd);
    CASE("a target id named by several links is stored once: two ids, 16 bytes of link_ids");
    pa_tlink a = tab_link_make(t, "T1", 2, LINK_FS, 0), b = tab_link_make(t, "T2", 2, LINK_FS, 0);
    CHECK(a.target != b.target && t->link_ids.len == 16);
    size_t n = 0;
    const char *id = tab_link_id(t, &b, &n);
    CHECK(n == 2 && memcmp(id, "T2", 2) == 0);
    tab_links_loaded(t);
    CASE("after loading, an id named again is stored again: the cache is gone, the target still right");
    pa_tlink c = tab_link_make(t, "T1", 2, LINK_FS, 0);
    id = tab_link_id(t, &c, &n);
    CHECK(c.target != a.target && n == 2 && memcmp(id, "T1", 2) == 0 && t->link_ids.len == 24);
    tab_free(t);
}

/* An index's hash slots follow its groups (at most half full), not its
 * rows; dropped with the store's derived data and built again the same. */
static void index_slots(void)
{
    pa_store st;
    pa_findings out;
    char *err = NULL;
    store_init(&st, "mem");
    fnd_init(&out);
    sbuf csv;
    sb_init(&csv);
    sb_puts(&csv, "id,status\n");
    for (int i = 0; i < 5000; i++)
        sb_printf(&csv, "N%d,%s\n", i, i % 3 == 0 ? "open" : i % 3 == 1 ? "closed" : "late");
    CHECK(load(&st, "notes", csv.data, &out, &err) == 0);
    pa_table *t = store_table(&st, "notes");
    int id = tab_column(t, "id"), status = tab_column(t, "status");
    CASE("3 values in 5000 rows: 16 slots (the least), not 16384");
    const pa_index *ix = idx_get(t, status);
    CHECK(ix->ngroups == 3 && ix->nslots == 16);
    CASE("5000 distinct ids (arena text): 16384 slots, the first power of two at least twice the groups");
    ix = idx_get(t, id);
    CHECK(t->cols[id].arena && ix->ngroups == 5000 && ix->nslots == 16384);
    bool found = true;
    for (int i = 0; i < 5000 && found; i++) {
        char k[16];
        int n = snprintf(k, sizeof k, "N%d", i);
        int64_t g = idx_find_text(t, id, ix, k, (size_t)n);
        found = g == i && ix->rows[ix->start[g]] == (uint32_t)i;
    }
    CHECK(found && idx_find_text(t, id, ix, "N5000", 5) == -1);
    CASE("store_drop_derived empties the slots; the index is built again, the same");
    store_drop_derived(&st);
    CHECK(t->derived[id].data == NULL && t->derived[status].data == NULL);
    ix = idx_get(t, status);
    CHECK(ix->ngroups == 3 && ix->nslots == 16 && ix->start[1] - ix->start[0] == 1667);
    sb_free(&csv);
    fnd_free(&out);
    store_free(&st);
}

static void indexes_and_checks(void)
{
    pa_store st;
    pa_findings out;
    char *err = NULL;
    store_init(&st, "mem");
    fnd_init(&out);
    load(&st, "projects", "project_id,name,status\nP1,a,active\nP2,b,active\nP1,c,closed\n,d,active\nP1,e,active\n",
         &out, &err);
    load(&st, "risks", "risk_id,project_id\nR1,P1\nR2,P9\nR3,\nR4,P2\nR5,P9\n", &out, &err);
    load(&st, "timesheets", "resource_id,project_id,week_start,hours\nX,P1,2026-01-05,8\n", &out, &err);
    pa_table *p = store_table(&st, "projects");
    CASE("an index groups rows by value in order of first appearance");
    const pa_index *ix = idx_get(p, p->key_col);
    CHECK(ix->ngroups == 2);
    int64_t g = idx_find(ix, sp_find(&p->pool, "P1", 2));
    CHECK(g == 0 && ix->start[1] - ix->start[0] == 3);
    CHECK(ix->rows[ix->start[0]] == 0 && ix->rows[ix->start[0] + 2] == 4);
    CHECK(idx_get(p, p->key_col) == ix); /* built once */
    fnd_free(&out);
    fnd_init(&out);
    CASE("DAT-003: every later row with a used key, blank keys never");
    dat_duplicates(&st, &out);
    CHECK(count_rule(&out, "DAT-003") == 2);
    CHECK(out.v[0].line == 4 && strstr(out.v[0].message, "line 2") != NULL);
    CASE("DAT-004: unknown project ids; resource ids only when resources.csv is loaded");
    dat_references(&st, &out);
    CHECK(count_rule(&out, "DAT-004") == 2);
    const pa_finding *f = find(&out, "DAT-004", "project_id");
    CHECK(f && !strcmp(f->value, "P9") && !strcmp(f->table, "risks"));
    fnd_free(&out);
    store_free(&st);
}

/* n rows "K<i>,P<i % 3>,name <i % 7>,K<i - 1>": distinct keys, repeating
 * projects and names, and a parent column of distinct values that are
 * also keys (as a predecessors cell holds task ids). */
static char *many_rows(int n)
{
    sbuf b;
    sb_init(&b);
    sb_puts(&b, "risk_id,project_id,title,parent\n");
    for (int i = 0; i < n; i++)
        sb_printf(&b, "K%d,P%d,name %d,K%d\n", i, i % 3, i % 7, i - 1);
    sb_printf(&b, "K17,P1,name 0,K16\n"); /* a duplicate key past the sample */
    return sb_steal(&b);
}

static void arena_columns(void)
{
    pa_store st;
    pa_findings out;
    char *err = NULL;
    store_init(&st, "mem");
    fnd_init(&out);
    int n = TAB_TEXT_SAMPLE + 1000;
    char *csv = many_rows(n);
    load(&st, "projects", "project_id,name,status\nP0,a,active\nP1,b,active\n", &out, &err);
    CHECK(load(&st, "risks", csv, &out, &err) == 0);
    free(csv);
    pa_table *t = store_table(&st, "risks");
    int pc = tab_column(t, "project_id"), tc = tab_column(t, "title");
    CASE("a column of distinct values moves to an arena after the sample; repeating ones stay interned");
    CHECK(t->cols[t->key_col].arena != NULL);
    CHECK(t->cols[tab_column(t, "parent")].arena != NULL); /* distinct within the column */
    CHECK(t->cols[pc].arena == NULL && t->cols[tc].arena == NULL);
    CHECK(t->pool.count < 2 * TAB_TEXT_SAMPLE + 20); /* the keys past the sample never reached the pool */
    CASE("cells read the same before and after the move");
    size_t len;
    CHECK(!strcmp(tab_text(t, t->key_col, 0, &len), "K0") && len == 2);
    CHECK(!strcmp(tab_text(t, t->key_col, TAB_TEXT_SAMPLE - 1, NULL), "K4095"));
    CHECK(!strcmp(tab_text(t, t->key_col, (size_t)n - 1, NULL), "K5095"));
    CASE("the index of an arena column groups by content and finds by text");
    const pa_index *ix = idx_get(t, t->key_col);
    CHECK(ix->ngroups == (uint32_t)n);
    int64_t g = idx_find_text(t, t->key_col, ix, "K17", 3);
    CHECK(g == 17 && ix->start[g + 1] - ix->start[g] == 2 && ix->rows[ix->start[g] + 1] == (uint32_t)n);
    CHECK(idx_find_text(t, t->key_col, ix, "K99999", 6) == -1);
    CHECK(idx_find_text(t, pc, idx_get(t, pc), "P2", 2) == 2);
    CASE("DAT-003 and DAT-004 over an arena key and an interned reference");
    dat_duplicates(&st, &out);
    CHECK(count_rule(&out, "DAT-003") == 1);
    dat_references(&st, &out);
    CHECK(count_rule(&out, "DAT-004") == n / 3); /* P2 is not a project */
    fnd_free(&out);
    store_free(&st);
}

void suite_store(void)
{
    pool();
    typed_load();
    load_errors();
    predecessor_column();
    compact_links();
    index_slots();
    indexes_and_checks();
    arena_columns();
}
