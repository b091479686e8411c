/*
 * test_scope.c - --project: resolving ids and globs against projects.csv,
 * which findings a scope keeps (project_id, the projects list, or a
 * finding about the whole data), and the counts of findings past a cap.
 */
#include "load/table_load.h"
#include "collect/scope.h"
#include "test.h"
#include "core/util.h"

#include <stdlib.h>

static pa_finding *add(pa_findings *l, const char *key, const char *project, pa_sev sev)
{
    return fnd_add(l, "X-1", sev, "allocations", key, project, "a.csv", 2, NULL, NULL, "m", NULL);
}

static void projects_list(void)
{
    pa_findings l;
    fnd_init(&l);
    CASE("a finding's projects are sorted, unique, and NULL entries dropped");
    pa_finding *f = add(&l, "R1", "PRJ-3", SEV_ERROR);
    const char *ids[] = {"PRJ-3", NULL, "PRJ-1", "PRJ-3", "PRJ-2"};
    fnd_set_projects(f, ids, 5);
    CHECK(f->nprojects == 3);
    CHECK(!strcmp(f->projects[0], "PRJ-1") && !strcmp(f->projects[1], "PRJ-2") && !strcmp(f->projects[2], "PRJ-3"));
    fnd_set_projects(f, ids, 0);
    CHECK(f->nprojects == 0 && f->projects == NULL);
    fnd_free(&l);
}

static void resolve_and_filter(void)
{
    pa_store st;
    store_init(&st, "mem");
    pa_findings dat;
    fnd_init(&dat);
    char *err = NULL;
    const char *csv = "project_id,name,status\nPRJ-1001,A,active\nPRJ-1002,B,active\nPRJ-2001,C,active\n"
                      "PRJ-1001,dup,active\n";
    CHECK(load_buffer(&st, csv, strlen(csv), "projects.csv", "projects", NULL, &dat, &err) == 0);
    pa_scope s;
    CASE("globs and lists resolve to the sorted, unique ids of projects.csv");
    CHECK(scope_resolve(&s, "PRJ-2*,PRJ-1001", &st, &err) == 0);
    CHECK(s.nids == 2 && !strcmp(s.ids[0], "PRJ-1001") && !strcmp(s.ids[1], "PRJ-2001"));
    CASE("a finding is kept by its project_id or by one of its projects");
    pa_result res;
    memset(&res, 0, sizeof res);
    fnd_init(&res.findings);
    add(&res.findings, "R1", "PRJ-1001", SEV_ERROR);
    add(&res.findings, "R2", "PRJ-1002", SEV_WARNING);
    pa_finding *cross = add(&res.findings, "R3", "PRJ-1002", SEV_WARNING);
    const char *ids[] = {"PRJ-1002", "PRJ-2001"};
    fnd_set_projects(cross, ids, 2);
    add(&res.findings, "R4", NULL, SEV_INFO);
    CHECK(scope_has(&s, &res.findings.v[0]));
    CHECK(!scope_has(&s, &res.findings.v[1]));
    CHECK(scope_has(&s, cross));
    CHECK(!scope_has(&s, &res.findings.v[3]));
    CASE("the ids map to their number; projects.csv's others are not selected, unknown ids have none");
    CHECK(s.pids.n == 3 && pids_find(&s.pids, "PRJ-1002") == 1 && pids_find(&s.pids, "PRJ-9") == -1);
    CHECK(pids_find(&s.pids, NULL) == -1);
    CHECK(pids_in_scope(&s.pids, "PRJ-2001", NULL, 0) && !pids_in_scope(&s.pids, "PRJ-1002", NULL, 0));
    CHECK(!pids_in_scope(&s.pids, "PRJ-9", NULL, 0) && !pids_in_scope(&s.pids, NULL, NULL, 0));
    CASE("a finding about the whole data is in every scope");
    res.findings.v[3].every_project = true;
    CHECK(scope_has(&s, &res.findings.v[3]));
    CASE("a finding past the cap is counted by severity and in its project's slot");
    pids_count_unlisted(&s.pids, &res, SEV_WARNING, "PRJ-1002");
    pids_count_unlisted(&s.pids, &res, SEV_ERROR, "PRJ-9");
    pids_count_unlisted(&s.pids, &res, SEV_ERROR, NULL);
    CHECK(res.count == 3 && res.dropped == 3 && res.by_sev[SEV_ERROR] == 2 && res.unlisted_sev[SEV_WARNING] == 1);
    CHECK(res.nproj_slots == 4 && res.unlisted_proj[1][SEV_WARNING] == 1 && res.unlisted_proj[3][SEV_ERROR] == 2);
    free(res.unlisted_proj);
    fnd_free(&res.findings);
    scope_free(&s);
    CASE("a pattern that selects no project is an error naming it");
    CHECK(scope_resolve(&s, "PRJ-1001,NOPE-*", &st, &err) == -1);
    CHECK(err && strstr(err, "no project in projects.csv matches 'NOPE-*'"));
    free(err);
    scope_free(&s);
    CASE("no --project keeps everything");
    CHECK(scope_resolve(&s, NULL, &st, &err) == 0 && s.spec == NULL);
    pa_findings one;
    fnd_init(&one);
    CHECK(scope_has(&s, add(&one, "R9", NULL, SEV_INFO)));
    CHECK(pids_in_scope(&s.pids, "PRJ-9", NULL, 0) && s.pids.n == 3 && s.pids.selected == NULL);
    fnd_free(&one);
    scope_free(&s);
    fnd_free(&dat);
    store_free(&st);
}

void suite_scope(void)
{
    projects_list();
    resolve_and_filter();
}
