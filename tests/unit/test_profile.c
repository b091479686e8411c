/*
 * test_profile.c - import profiles: the bundled ones load, the config's
 * `tables` overlay, a profile fed through the loader into typed tables, and
 * errors that name the place (unknown keys with a suggestion, bad layouts).
 */
#include "load/dir_load.h"
#include "load/profile.h"
#include "store/table.h"
#include "test.h"

#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

static char *load_err(const char *name, const char *tables)
{
    char *err = NULL;
    pa_profile *p = prof_load(name, tables, "cfg.lua:4", &err);
    prof_free(p);
    return err;
}

static void bundled(void)
{
    CASE("every bundled profile loads and names its tables");
    const char *n, *d;
    int count = 0;
    for (int i = 0; prof_bundled(i, &n, &d); i++) {
        char *err = NULL;
        pa_profile *p = prof_load(n, NULL, NULL, &err);
        CHECK(p != NULL && err == NULL);
        CHECK(d[0] != 0);
        CHECK(p && prof_has_table(p, "projects"));
        prof_free(p);
        free(err);
        count++;
    }
    CHECK(count == 6);
    CASE("an unknown profile lists the bundled ones");
    char *err = load_err("nosuch", NULL);
    CHECK(err && strstr(err, "no import profile 'nosuch' (bundled: gmpp-published, gmpp, itdashboard, jira, msproject, p6;"));
    free(err);
}

static void overlay(void)
{
    CASE("the config's tables: a file name per table; claimed files are not extra tables");
    char *err = NULL;
    pa_profile *p = prof_load(NULL, "{ tasks = { file = \"msp*.csv\" } }", "cfg.lua:4", &err);
    CHECK(p && prof_has_table(p, "tasks") && !prof_has_table(p, "projects"));
    CHECK(p && prof_uses_file(p, ".", "msp_export.csv") && !prof_uses_file(p, ".", "tasks.csv"));
    prof_free(p);
    CASE("the overlay replaces the profile's entry for a table");
    p = prof_load("jira", "{ risks = { file = \"raid.csv\" } }", "cfg.lua:4", &err);
    CHECK(p && prof_uses_file(p, ".", "raid.csv") && prof_has_table(p, "tasks"));
    prof_free(p);
    CASE("errors name the place and suggest a key");
    err = load_err(NULL, "{ issues = { file = \"b.csv\", colums = {} } }");
    CHECK_STR(err ? err : "", "cfg.lua:4: tables.issues: unknown key 'colums' (did you mean 'columns'?)");
    free(err);
    err = load_err(NULL, "{ issues = { file = \"b.csv\", columns = { raised_date = { from = \"x\", date = \"DD/MM\" } } } }");
    CHECK(err && strstr(err, "date 'DD/MM': a layout needs exactly one year"));
    free(err);
    err = load_err(NULL, "{ issues = { columns = {} } }");
    CHECK(err && strstr(err, "'file' must name the file"));
    free(err);
    err = load_err(NULL, "{ issues = { file = \"b.csv\", columns = { title = 3 } } }");
    CHECK(err && strstr(err, "column 'title' must be a source header"));
    free(err);
}

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    if (f) {
        fputs(text, f);
        fclose(f);
    }
}

static void through_loader(void)
{
    CASE("a profile feeds typed tables: renames, maps, constants, functions, where, distinct");
    char dir[] = "/tmp/pa-prof-XXXXXX";
    if (!mkdtemp(dir)) {
        CHECK(0);
        return;
    }
    char path[128], prof[128];
    snprintf(path, sizeof path, "%s/export.csv", dir);
    snprintf(prof, sizeof prof, "%s/p.lua", dir);
    write_file(path, "Key;Proj;State;Due;Kind\nA-1;P1;Doing;31/12/2026;task\nA-2;P1;Done;01/02/2026;bug\n"
                     "A-3;P2;Odd;2026-01-01;task\n");
    write_file(prof, "return { delimiter = ';', tables = {\n"
                     " projects = { file = 'export.csv', distinct = 'project_id', keep_other = false,\n"
                     "   columns = { project_id = 'Proj', name = function(r) return 'Project ' .. r.Proj end,\n"
                     "               status = { value = 'active' } } },\n"
                     " issues = { file = 'export.csv', where = function(r) return r.kind == 'task' end,\n"
                     "   columns = { issue_id = 'Key', project_id = 'Proj', due_date = { from = 'Due', date = 'DD/MM/YYYY' },\n"
                     "               status = { from = 'State', map = { doing = 'in_progress', Done = 'closed' } } } } } }\n");
    char *err = NULL;
    pa_profile *p = prof_load(prof, NULL, NULL, &err);
    CHECK(p != NULL);
    pa_store st;
    store_init(&st, dir);
    pa_findings out;
    fnd_init(&out);
    pa_load_opts lo = {.profile = p};
    CHECK(p && load_dir(&st, &lo, &out, &err) == 0);
    pa_table *pr = store_table(&st, "projects"), *is = store_table(&st, "issues");
    CHECK(pr && pr->nrows == 2 && is && is->nrows == 2);
    CHECK(!store_table(&st, "export"));
    if (pr && is) {
        CHECK_STR(tab_text(pr, tab_column(pr, "name"), 1, NULL), "Project P2");
        CHECK(is->line[0] == 2 && is->line[1] == 4);
        CHECK(tab_column(is, "kind") >= 0); /* kept as an extra column */
    }
    /* "Odd" is not mapped: DAT-001 names it; 2026-01-01 is not DD/MM/YYYY; the bug A-2
     * reaches no table (issues' where refuses it, projects has P1 already): DAT-008 */
    CHECK(out.n == 3 && strcmp(out.v[0].rule, "DAT-001") == 0 && out.v[0].line == 4);
    CHECK(out.n == 3 && strcmp(out.v[2].rule, "DAT-008") == 0 && out.v[2].line == 3);
    CHECK(st.ledger.n == 1 && st.ledger.v[0].read == 3 && st.ledger.v[0].loaded == 2 &&
          ledger_table_rows(&st.ledger.v[0], "projects") == 2 && ledger_table_rows(&st.ledger.v[0], "issues") == 2);
    fnd_free(&out);
    store_free(&st);
    prof_free(p);
    free(err);
    unlink(path);
    unlink(prof);
    rmdir(dir);
}

void suite_profile(void)
{
    bundled();
    overlay();
    through_loader();
}
