/*
 * test_split.c - owners and --split-by (collect/owner.c, collect/split.c):
 * a project's owner is its trimmed manager; a finding is in the part of
 * every project it involves, or of their owners; file stems are safe file
 * names, unique even when names differ only in case.
 */
#include "load/table_load.h"
#include "collect/owner.h"
#include "collect/split.h"
#include "test.h"
#include "core/util.h"

#include <stdlib.h>

static void stem_is(const char *name, const char *want)
{
    char *s = split_stem(name);
    CHECK_STR(s, want);
    free(s);
}

static void stems(void)
{
    CASE("a name becomes a safe file-name stem");
    stem_is("Bo Chan", "Bo-Chan");
    stem_is("../../etc/passwd", "etc-passwd");
    stem_is(".hidden", "hidden");
    stem_is("..", "unnamed");
    stem_is("-rf /", "rf");
    stem_is("a\\b:c*d?e\"f<g>h|i", "a-b-c-d-e-f-g-h-i");
    stem_is("tab\tand\nnewline", "tab-and-newline");
    stem_is("Chloé Dubois", "Chloe-Dubois");
    stem_is("ÆØÅ ß × ÿ", "AOA-s-y");
    stem_is("日本", "unnamed");
    stem_is("", "unnamed");
    stem_is(NULL, "unnamed");
    stem_is("trailing dot.", "trailing-dot");
    stem_is("bad \xC3", "bad");
    char long_name[200];
    memset(long_name, 'x', sizeof long_name - 1);
    long_name[sizeof long_name - 1] = '\0';
    char *s = split_stem(long_name);
    CHECK(strlen(s) == 60);
    free(s);
}

static pa_finding *add(pa_findings *l, const char *key, const char *project)
{
    return fnd_add(l, "X-1", SEV_ERROR, "projects", key, project, "projects.csv", 2, NULL, NULL, "m", NULL);
}

static void parts(void)
{
    pa_store st;
    store_init(&st, "mem");
    pa_findings dat;
    fnd_init(&dat);
    char *err = NULL;
    const char *csv = "project_id,name,status,manager\nP3,c,active,  Bo Chan \nP1,a,active,bo chan\nP2,b,active,\n"
                      "P4,d,active,Bo/Chan\nP1,dup,active,Zed\n";
    CHECK(load_buffer(&st, csv, strlen(csv), "projects.csv", "projects", NULL, &dat, &err) == 0);
    CHECK(err == NULL);
    pa_owners o;
    owners_load(&o, &st);
    CASE("owners: the trimmed manager of each id, the first row of a duplicated id, NULL when blank");
    CHECK(o.n == 4);
    CHECK_STR(owners_of(&o, "P3"), "Bo Chan");
    CHECK_STR(owners_of(&o, "P1"), "bo chan");
    CHECK(owners_of(&o, "P2") == NULL && owners_of(&o, "P9") == NULL && owners_of(&o, NULL) == NULL);

    pa_report r;
    memset(&r, 0, sizeof r);
    r.owners = &o;
    fnd_init(&r.all);
    add(&r.all, "K1", "P1");
    const char *both[] = {"P1", "P3"};
    fnd_set_projects(add(&r.all, "K2", "P3"), both, 2);
    add(&r.all, "K3", NULL);
    add(&r.all, "K4", "P2");
    add(&r.all, "K5", "P9");
    owners_apply(&o, &r.all);
    CASE("a finding's owner is its project_id's");
    CHECK_STR(r.all.v[1].owner, "Bo Chan");
    CHECK(r.all.v[2].owner == NULL && r.all.v[3].owner == NULL && r.all.v[4].owner == NULL);

    CASE("by owner: the first part holds what no owner has; a finding is in each of its owners' parts");
    pa_split_part *p;
    size_t n = split_parts(&r, "owner", &p);
    if (n != 4) { /* the checks below index four parts */
        CHECK(n == 4);
        split_free(p, n);
        return;
    }
    CHECK(p[0].name == NULL && !strcmp(p[0].stem, "unassigned"));
    CHECK(p[0].n == 3 && p[0].idx[0] == 2 && p[0].idx[1] == 3 && p[0].idx[2] == 4);
    CHECK(p[0].nprojects == 1 && !strcmp(p[0].projects[0], "P2"));
    CHECK(!strcmp(p[1].name, "Bo Chan") && !strcmp(p[1].stem, "Bo-Chan") && p[1].n == 1 && p[1].idx[0] == 1);
    CHECK(!strcmp(p[2].name, "Bo/Chan") && !strcmp(p[2].stem, "Bo-Chan-2") && p[2].n == 0);
    CHECK(!strcmp(p[3].name, "bo chan") && !strcmp(p[3].stem, "bo-chan-3"));
    CHECK(p[3].n == 2 && p[3].idx[0] == 0 && p[3].idx[1] == 1);

    CASE("a part's report counts its findings only");
    pa_rule rule = {.id = "X-1", .selected = true, .sev = SEV_ERROR};
    pa_registry reg = {.v = &rule, .n = 1};
    pa_result res = {.status = ST_FAILED, .count = 5, .by_sev = {0, 0, 5, 0}};
    int order = 0;
    r.reg = &reg;
    r.results = &res;
    r.order = &order;
    r.nrules = 1;
    r.fail_on = SEV_ERROR;
    pa_report sub;
    split_report(&r, &p[3], &sub);
    CHECK(sub.all.n == 2 && sub.results[0].count == 2 && sub.by_sev[SEV_ERROR] == 2 && sub.failed == 1);
    CHECK(sub.exit_code == 1 && p[3].exit_code == 1 && p[3].by_sev[SEV_ERROR] == 2);
    split_report_free(&sub);
    split_report(&r, &p[2], &sub);
    CHECK(sub.all.n == 0 && sub.results[0].status == ST_PASSED && sub.passed == 1 && sub.exit_code == 0);
    split_report_free(&sub);
    split_free(p, n);

    CASE("by project: one part per id of projects.csv and per id only findings name");
    n = split_parts(&r, "project", &p);
    CHECK(n == 6 && p[0].name == NULL && !strcmp(p[0].stem, "no-project") && p[0].n == 1 && p[0].idx[0] == 2);
    CHECK(!strcmp(p[1].name, "P1") && p[1].n == 2 && !strcmp(p[3].name, "P3") && p[3].n == 1);
    CHECK(!strcmp(p[5].name, "P9") && p[5].n == 1 && p[5].nprojects == 1 && !strcmp(p[5].projects[0], "P9"));
    split_free(p, n);

    fnd_free(&r.all);
    owners_free(&o);
    fnd_free(&dat);
    store_free(&st);
}

void suite_split(void)
{
    stems();
    parts();
}
