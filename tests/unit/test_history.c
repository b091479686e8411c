/*
 * test_history.c - the history database (history/): a new file gets the
 * current schema and the pmoaudit application id; a file that is not a
 * history (not SQLite, another program's database, a newer schema) is
 * refused without a byte changed; a run recorded and read back as the
 * next run's baseline carries first_seen, and a finding that comes back
 * after a run without it is marked reopened; prune and the queries; the
 * run list's parser (a damaged list is refused) and the content hash.
 */
#include "collect/baseline.h"
#include "collect/report_model.h"
#include "history/hist_base.h"
#include "history/hist_db.h"
#include "history/hist_list.h"
#include "history/hist_query.h"
#include "history/hist_write.h"
#include "core/util.h"
#include "test.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <unistd.h>

static char dir[64];

static char *path_of(const char *name)
{
    return xasprintf("%s/%s", dir, name);
}

static long long pragma(pa_history *h, const char *sql)
{
    sqlite3_stmt *st;
    long long v = -1;
    if (sqlite3_prepare_v2(h->db, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

/* The first column of a query's first row as text ("" when none). */
static void pragma_text(pa_history *h, const char *sql, char *out, size_t n)
{
    sqlite3_stmt *st;
    out[0] = '\0';
    if (sqlite3_prepare_v2(h->db, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW &&
        sqlite3_column_text(st, 0))
        snprintf(out, n, "%s", (const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
}

static void write_file(const char *p, const char *text)
{
    FILE *f = fopen(p, "wb");
    fputs(text, f);
    fclose(f);
}

static void open_new(void)
{
    CASE("a new history gets schema version 2, the application id and WAL");
    char *p = path_of("new.db"), *err = NULL;
    pa_history h;
    CHECK(hist_open(&h, p, false, false, &err) == -1);
    CHECK(err && strstr(err, "no such history file"));
    free(err);
    err = NULL;
    CHECK(access(p, F_OK) != 0);
    CHECK(hist_open(&h, p, true, false, &err) == 0);
    CHECK(pragma(&h, "PRAGMA user_version") == HIST_SCHEMA_VERSION);
    CHECK(pragma(&h, "PRAGMA application_id") == HIST_APP_ID);
    CHECK(pragma(&h, "SELECT count(*) FROM sqlite_master WHERE type = 'table'") == 7);
    CHECK(pragma(&h, "SELECT count(*) FROM sqlite_master WHERE type = 'view' AND name = 'finding'") == 1);
    hist_close(&h);
    CASE("opening it again migrates nothing and keeps it");
    CHECK(hist_open(&h, p, false, false, &err) == 0);
    CHECK(pragma(&h, "PRAGMA user_version") == HIST_SCHEMA_VERSION);
    hist_close(&h);
    free(p);
}

/* Opening must fail with a message holding want, and leave text as it was. */
static void refused(const char *name, const char *text, const char *want)
{
    char *p = path_of(name), *err = NULL;
    pa_history h;
    CHECK(hist_open(&h, p, true, false, &err) == -1);
    CHECK(err && strstr(err, want));
    if (err && !strstr(err, want))
        printf("    got: %s\n", err);
    free(err);
    if (text) {
        size_t n = 0;
        char *now = read_whole_file(p, &n);
        CHECK(now && n == strlen(text) && memcmp(now, text, n) == 0);
        free(now);
    }
    free(p);
}

static void refusals(void)
{
    CASE("a text file is not a history, and is left as it was");
    char *p = path_of("text.db");
    const char *text = "project_id,name\nPRJ-1,Alpha\n";
    write_file(p, text);
    refused("text.db", text, "not a pmoaudit history database (file is not a database)");
    free(p);
    CASE("another program's database is refused");
    p = path_of("other.db");
    sqlite3 *db;
    sqlite3_open(p, &db);
    sqlite3_exec(db, "CREATE TABLE t (x)", NULL, NULL, NULL);
    sqlite3_close(db);
    refused("other.db", NULL, "a SQLite database of another program");
    free(p);
    CASE("a schema newer than this build is refused");
    p = path_of("newer.db");
    sqlite3_open(p, &db);
    sqlite3_exec(db, "PRAGMA application_id = 1347243841; PRAGMA user_version = 7; CREATE TABLE run (id)", NULL,
                 NULL, NULL);
    sqlite3_close(db);
    refused("newer.db", NULL, "history schema version 7 was written by a newer pmoaudit");
    free(p);
}

/* A report of one rule X-1 on table t with a finding per key (NULL ends). */
typedef struct {
    pa_registry reg;
    pa_result res[1];
    pa_store st;
    pa_report rep;
    pa_baseline b; /* the report points into it, as a run's does */
} fake_run;

static void fake(fake_run *f, const char *day, const char *const *keys)
{
    memset(f, 0, sizeof *f);
    reg_init(&f->reg);
    f->reg.v = xcalloc(1, sizeof *f->reg.v);
    f->reg.v[0] = (pa_rule){.id = xstrdup("X-1"), .title = xstrdup("t"), .domain = xstrdup("STD"),
                            .sev = SEV_ERROR, .selected = true, .file = ""};
    f->reg.n = 1;
    store_init(&f->st, "/data");
    f->st.tables = xcalloc(1, sizeof *f->st.tables);
    f->st.tables[0] = tab_new("t", "t.csv", NULL);
    f->st.tables[0]->nrows = 10;
    f->st.ntables = 1;
    f->res[0].status = ST_PASSED;
    for (int i = 0; keys[i]; i++) {
        fnd_add(&f->res[0].findings, "X-1", SEV_ERROR, "t", keys[i], "PRJ-1", "t.csv", (uint32_t)i + 2, "c",
                NULL, keys[i], NULL);
        f->res[0].count++;
        f->res[0].by_sev[SEV_ERROR]++;
        f->res[0].status = ST_FAILED;
    }
    pa_date T;
    val_parse_date(day, 10, &T);
    report_build(&f->rep, &f->reg, f->res, &f->st, T, SEV_ERROR);
}

static void fake_free(fake_run *f)
{
    report_free(&f->rep);
    baseline_free(&f->b);
    fnd_free(&f->res[0].findings);
    reg_free(&f->reg);
    store_free(&f->st);
}

/* One nightly run: baseline from the history, marks, tally, record. */
static void night(pa_history *h, const char *day, const char *const *keys, fake_run *f)
{
    fake(f, day, keys);
    char *rules = hist_rules_key(&f->reg), *err = NULL;
    bool found = false;
    CHECK(hist_baseline(h, "/data", rules, day, &f->b, &found, &err) == 0);
    if (found) {
        CHECK(hist_watch_reopened(h, &f->b, &err) == 0);
        CHECK(baseline_apply(&f->rep, &f->b, &err) == 0);
    }
    report_tally(&f->rep);
    hist_run run = {.started = "2026-01-01T00:00:00Z", .data_dir = "/data", .pack = "builtin", .rules = rules,
                    .options = "fail_on=error\n", .exit_code = f->rep.exit_code};
    CHECK(hist_record(h, &run, &f->rep, found ? &f->b : NULL, &err) > 0);
    free(rules);
}

static pa_finding *by_key(fake_run *f, const char *key)
{
    for (size_t i = 0; i < f->rep.all.n; i++)
        if (strcmp(f->rep.all.v[i].key, key) == 0)
            return &f->rep.all.v[i];
    return NULL;
}

static void nights(void)
{
    char *p = path_of("nights.db"), *err = NULL;
    pa_history h;
    CHECK(hist_open(&h, p, true, false, &err) == 0);
    fake_run f;
    CASE("the first run of a series has no baseline");
    night(&h, "2026-03-01", (const char *[]){"A", "B", NULL}, &f);
    CHECK(f.rep.baseline_path == NULL && by_key(&f, "A")->baseline == BL_NONE);
    fake_free(&f);
    CASE("the next run: existing findings keep first_seen, gone ones are resolved");
    night(&h, "2026-03-02", (const char *[]){"A", "C", NULL}, &f);
    CHECK(f.rep.nnew == 1 && f.rep.nexisting == 1 && f.rep.nresolved == 1 && f.rep.nreopened == 0);
    CHECK_STR(by_key(&f, "A")->first_seen, "2026-03-01");
    CHECK_STR(f.rep.resolved[0].key, "B");
    CHECK(f.rep.baseline_path && strstr(f.rep.baseline_path, ", run 1"));
    fake_free(&f);
    CASE("a finding back after a run without it is reopened, its first_seen starts again");
    night(&h, "2026-03-03", (const char *[]){"A", "B", "C", NULL}, &f);
    pa_finding *b = by_key(&f, "B");
    CHECK(b->baseline == BL_NEW && b->reopened && !by_key(&f, "C")->reopened && f.rep.nreopened == 1);
    CHECK_STR(b->first_seen, "2026-03-03");
    CHECK_STR(by_key(&f, "A")->first_seen, "2026-03-01");
    fake_free(&f);
    CASE("a run dated before the others takes no later run as its baseline");
    night(&h, "2026-02-01", (const char *[]){"A", NULL}, &f);
    CHECK(f.rep.baseline_path == NULL);
    fake_free(&f);
    CASE("trend counts per run in date order; prune --keep removes the oldest runs");
    sbuf out;
    sb_init(&out);
    hq_filter none = {0};
    CHECK(hq_trend(&h, &none, HQ_CSV, &out, &err) == 0);
    CHECK_STR(out.data, "run,as_of,findings,critical,error,warning,info,new,reopened\r\n"
                        "4,2026-02-01,1,0,1,0,0,0,0\r\n1,2026-03-01,2,0,2,0,0,0,0\r\n"
                        "2,2026-03-02,2,0,2,0,0,1,0\r\n3,2026-03-03,3,0,3,0,0,1,1\r\n");
    long long gone = 0, left = 0;
    CHECK(hq_prune(&h, 2, NULL, &gone, &left, &err) == 0 && gone == 2 && left == 2);
    CHECK(pragma(&h, "SELECT count(*) FROM finding WHERE run_id IN (1, 2)") == 0);
    char ok[64];
    pragma_text(&h, "PRAGMA integrity_check", ok, sizeof ok);
    CHECK_STR(ok, "ok");
    sb_free(&out);
    hist_close(&h);
    free(p);
}

/* A prune by another process between a run's baseline read and its
 * record removes the baseline run and the rows only it listed: the run
 * must not point its list at them. */
static void prune_midway(void)
{
    char *p = path_of("midway.db"), *err = NULL;
    pa_history h, other;
    CHECK(hist_open(&h, p, true, false, &err) == 0);
    fake_run f;
    const char *const keys[] = {"A", "B", NULL};
    night(&h, "2026-03-01", keys, &f);
    fake_free(&f);
    night(&h, "2026-03-02", keys, &f);
    fake_free(&f);
    CASE("a run whose baseline run is pruned while it runs records whole findings, not dangling ids");
    fake(&f, "2026-03-03", keys);
    char *rules = hist_rules_key(&f.reg);
    bool found = false;
    CHECK(hist_baseline(&h, "/data", rules, "2026-03-03", &f.b, &found, &err) == 0 && found);
    CHECK(hist_watch_reopened(&h, &f.b, &err) == 0);
    CHECK(baseline_apply(&f.rep, &f.b, &err) == 0);
    report_tally(&f.rep);
    long long gone = 0, left = 0;
    CHECK(hist_open(&other, p, false, false, &err) == 0);
    CHECK(hq_prune(&other, 0, "2026-03-03", &gone, &left, &err) == 0 && gone == 2 && left == 0);
    hist_close(&other);
    hist_run run = {.started = "2026-01-01T00:00:00Z", .data_dir = "/data", .pack = "builtin", .rules = rules,
                    .options = "fail_on=error\n", .exit_code = f.rep.exit_code};
    long long id = hist_record(&h, &run, &f.rep, &f.b, &err);
    CHECK(id > 0);
    char sql[160], got[64];
    snprintf(sql, sizeof sql, "SELECT group_concat(key || ':' || first_seen, ' ') FROM finding WHERE run_id = %lld", id);
    pragma_text(&h, sql, got, sizeof got);
    CHECK_STR(got, "A:2026-03-01 B:2026-03-01");
    fake_free(&f);
    free(rules);
    hist_close(&h);
    free(p);
}

/* hist_list_parse on text: the count, or -1 (then *why set, no items). */
static long long parse_n(const char *text, hist_item **v)
{
    const char *why = NULL;
    long long n = hist_list_parse(text, strlen(text), v, &why);
    CHECK((n < 0) == (why != NULL));
    if (n < 0)
        CHECK(*v == NULL);
    return n;
}

static void list_format(void)
{
    CASE("a run's list: [] and items with white space between tokens");
    hist_item *v = NULL;
    CHECK(parse_n("[]", &v) == 0 && v == NULL);
    CHECK(parse_n(" [ [1,2,3] ,\n [40, 50 ,9007199254740991]] ", &v) == 2);
    CHECK(v && v[0].streak == 1 && v[0].detail == 2 && v[0].hash == 3 && v[1].streak == 40 && v[1].detail == 50 &&
          v[1].hash == 9007199254740991ULL);
    free(v);
    CASE("a list built by hist_list_put parses back to its items");
    sbuf b;
    sb_init(&b);
    hist_item in[3] = {{7, 8, 0}, {123456789, 1, 42}, {1, 9223372036854775807LL, 9007199254740991ULL}};
    sb_putc(&b, '[');
    for (int i = 0; i < 3; i++)
        hist_list_put(&b, &in[i], i == 0);
    sb_putc(&b, ']');
    CHECK_STR(b.data, "[[7,8,0],[123456789,1,42],[1,9223372036854775807,9007199254740991]]");
    CHECK(parse_n(b.data, &v) == 3 && memcmp(v, in, sizeof in) == 0);
    free(v);
    sb_free(&b);
    CASE("a damaged list is refused, never read past its end");
    const char *bad[] = {"", "[", "]", "[[1,2]]", "[[1,2,3]", "[[1,2,3],]", "[[1,2,3]]]", "[[1,2,3]] x", "[[0,2,3]]",
                         "[[1,0,3]]", "[[1,2,-3]]", "[[1,2,3.5]]", "[[1,2,\"3\"]]", "[1,2,3]", "{}", "[[1 2 3]]",
                         "[[9223372036854775808,1,1]]", "[[1,2,99999999999999999999]]", "[[1,2,3][4,5,6]]"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        long long n = parse_n(bad[i], &v);
        CHECK(n == -1);
        if (n != -1)
            printf("    accepted: %s\n", bad[i]);
    }
    char cut[] = "[[1,2,3],[4,5,6]]"; /* a prefix without its NUL: the parser stops at n */
    const char *why = NULL;
    CHECK(hist_list_parse(cut, 12, &v, &why) == -1 && why);
}

/* A finding with the given key, message and table. */
static pa_finding *one(pa_findings *l, const char *table, const char *key, const char *project, const char *msg)
{
    return fnd_add(l, "X-1", SEV_ERROR, table, key, project, "t.csv", 3, "c", NULL, msg, NULL);
}

static void content_hash(void)
{
    CASE("the content hash: equal for equal content, another for any change; never 0, below 2^53");
    pa_findings l;
    fnd_init(&l);
    one(&l, "t", "K1", "PRJ-1", "overdue by 3 days");
    one(&l, "t", "K1", "PRJ-1", "overdue by 3 days");
    one(&l, "t", "K1", "PRJ-1", "overdue by 4 days");
    one(&l, NULL, "K1", "PRJ-1", "overdue by 3 days");
    one(&l, "", "K1", "PRJ-1", "overdue by 3 days");
    one(&l, "t", "K1P", "RJ-1", "overdue by 3 days"); /* the same bytes, another boundary */
    uint64_t h[6];
    for (int i = 0; i < 6; i++) {
        h[i] = hist_content_hash(&l.v[i]);
        CHECK(h[i] != 0 && h[i] < (1ULL << 53));
    }
    CHECK(h[0] == h[1]);
    for (int i = 2; i < 6; i++) /* h[1] is h[0]: each differs from both */
        for (int j = 0; j < i; j++)
            CHECK(h[i] != h[j]);
    pa_finding *f = &l.v[1];
    f->line = 4;
    CHECK(hist_content_hash(f) != h[0]);
    f->line = 3;
    const char *two[] = {"PRJ-1", "PRJ-2"};
    fnd_set_projects(f, two, 2);
    CHECK(hist_content_hash(f) != h[0]);
    CASE("a waiver, its reason and its expiry are content");
    pa_waiver w = {.reason = xstrdup("agreed"), .approved_by = xstrdup("PMO"), .file = "w.csv", .line = 2};
    pa_finding *g = &l.v[0];
    g->waived = true;
    g->waiver = &w;
    uint64_t hw = hist_content_hash(g);
    CHECK(hw != h[0]);
    free(w.reason);
    w.reason = xstrdup("agreed again");
    CHECK(hist_content_hash(g) != hw);
    w.has_expiry = true;
    w.expires = 20000;
    CHECK(hist_content_hash(g) != hw);
    free(w.reason);
    free(w.approved_by);
    fnd_free(&l);
}

void suite_history(void)
{
    list_format();
    content_hash();
    snprintf(dir, sizeof dir, "/tmp/pa-unit-history.XXXXXX");
    if (!mkdtemp(dir)) {
        CASE("history: a temporary folder");
        CHECK(0);
        return;
    }
    open_new();
    refusals();
    nights();
    prune_midway();
    char *cmd = xasprintf("rm -rf '%s'", dir);
    if (system(cmd) != 0)
        printf("note: could not remove %s\n", dir);
    free(cmd);
}
