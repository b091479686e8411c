/*
 * test_pload.c - parallel file loading (load/parallel.c): a directory loaded on
 * several threads gives the same tables, rows, load notes, DAT findings and
 * first error as a one-thread load, whichever file finishes first.
 */
#include "load/dir_load.h"
#include "load/table_load.h"
#include "loadutil.h"
#include "test.h"
#include "core/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static void put(const char *dir, const char *name, const char *text)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    if (f) {
        fputs(text, f);
        fclose(f);
    }
}

/* A portfolio whose big file (tasks) is listed after smaller ones, with
 * DAT-001/002 findings in several files, a ragged row and two extra tables,
 * one of them unreadable (an unterminated quote). */
static void make_dir(const char *d)
{
    put(d, "projects.csv", "project_id,name,status,start_date\nPRJ-1,A,active,2026-01-05\n"
                           "PRJ-2,,closed,2026-13-01\nPRJ-3,C,bogus,2026-02-01\n");
    put(d, "milestones.csv", "milestone_id,project_id,baseline_date\nM1,PRJ-1,2026-02-30\nM2,,2026-03-01\nM3,PRJ-2\n");
    sbuf b;
    sb_init(&b);
    sb_printf(&b, "task_id,project_id,start,predecessors\n");
    for (int i = 0; i < 3000; i++)
        sb_printf(&b, "T%d,PRJ-%d,%s,%s\n", i, i % 3 + 1, i % 500 == 7 ? "TBC" : "2026-04-01",
                  i % 700 == 3 ? "T1:XX" : i ? "T0" : "");
    put(d, "tasks.csv", b.data);
    sb_free(&b);
    put(d, "notes.csv", "a,b\n1,2\n3,4\n");
    put(d, "broken.csv", "\"a,b\n1,2\n");
}

static bool same_findings(const pa_findings *a, const pa_findings *b)
{
    if (a->n != b->n)
        return false;
    for (size_t i = 0; i < a->n; i++) {
        const pa_finding *x = &a->v[i], *y = &b->v[i];
        if (strcmp(x->rule, y->rule) || x->line != y->line || strcmp(x->file, y->file) ||
            strcmp(x->column ? x->column : "", y->column ? y->column : "") ||
            strcmp(x->value ? x->value : "", y->value ? y->value : ""))
            return false;
    }
    return true;
}

static void same_as_one_thread(const char *dir)
{
    loaded one, four;
    load_with(&one, dir, 1, 0);
    load_with(&four, dir, 4, 0);
    CASE("a directory loads on 4 threads as on one: tables in schema order, then extra ones");
    CHECK(one.rc == 0 && four.rc == 0);
    CHECK(one.st.ntables == 4 && four.st.ntables == 4);
    for (int i = 0; i < one.st.ntables && i < four.st.ntables; i++) {
        CHECK_STR(four.st.tables[i]->name, one.st.tables[i]->name);
        CHECK(four.st.tables[i]->nrows == one.st.tables[i]->nrows);
    }
    CHECK_STR(four.st.tables[0]->name, "projects");
    CHECK_STR(four.st.tables[2]->name, "tasks");
    CHECK(four.st.tables[2]->nrows == 3000);
    CHECK_STR(four.st.tables[3]->name, "notes");
    CASE("the same DAT findings in the same order");
    CHECK(one.f.n >= 10);
    CHECK(same_findings(&one.f, &four.f));
    CASE("the same load notes in the same order, the unreadable extra table among them");
    CHECK(one.st.nnotes == four.st.nnotes && one.st.nnotes >= 1); /* short rows are DAT-005 findings */
    for (int i = 0; i < one.st.nnotes && i < four.st.nnotes; i++)
        CHECK_STR(four.st.notes[i], one.st.notes[i]);
    bool broken_noted = false;
    for (int i = 0; i < four.st.nnotes; i++)
        broken_noted |= strstr(four.st.notes[i], "extra table broken is left out") != NULL;
    CHECK(broken_noted);
    unload(&one);
    unload(&four);
}

static void first_error_wins(const char *dir)
{
    /* Two canonical tables lose a required column; tasks.csv, the bigger,
     * finishes last, but milestones comes first in schema order. */
    put(dir, "milestones.csv", "milestone_id,baseline_date\nM1,2026-02-01\n");
    put(dir, "tasks.csv", "task_id,start\nT1,2026-02-01\n");
    loaded one, two;
    load_with(&one, dir, 1, 0);
    load_with(&two, dir, 2, 0);
    CASE("with several bad files the error is the first one in schema order, as on one thread");
    CHECK(one.rc == -1 && two.rc == -1);
    CHECK_STR(two.err, one.err);
    CHECK(two.err && strstr(two.err, "milestones.csv") != NULL);
    unload(&one);
    unload(&two);
}

/* An extra table that fails after its header was read: it is left out with
 * a note, and so are its findings, which named its (freed) file. */
static void failed_extra_table(const char *dir)
{
    put(dir, "projects.csv", "project_id,name,status,start_date\nPRJ-1,A,active,2026-01-05\n");
    put(dir, "tasks.csv", "task_id,project_id\nT1,PRJ-1\n");
    put(dir, "milestones.csv", "milestone_id,project_id,baseline_date\nM1,PRJ-1,2026-02-01\n");
    put(dir, "dup.csv", "a,a\n1,2\n3,4\n5,6\n");
    for (int jobs = 1; jobs <= 2; jobs += 1) {
        pa_load_opts o = {.jobs = jobs, .max_rows = 2};
        loaded l;
        store_init(&l.st, dir);
        fnd_init(&l.f);
        l.err = NULL;
        l.rc = load_dir(&l.st, &o, &l.f, &l.err);
        CASE("an extra table over --max-rows is left out with its findings");
        bool noted = false, findings = false;
        for (int i = 0; i < l.st.nnotes; i++)
            noted |= strstr(l.st.notes[i], "extra table dup is left out") != NULL;
        for (size_t i = 0; i < l.f.n; i++)
            findings |= l.f.v[i].table && strcmp(l.f.v[i].table, "dup") == 0;
        CHECK(l.rc == 0 && noted && !findings);
        unload(&l);
    }
    char path[600];
    snprintf(path, sizeof path, "%s/dup.csv", dir);
    unlink(path);
}

void suite_pload(void)
{
    char dir[] = "/tmp/pmoaudit-pload.XXXXXX";
    if (!mkdtemp(dir)) {
        CASE("a temporary directory for the parallel-load tests");
        CHECK(0);
        return;
    }
    make_dir(dir);
    same_as_one_thread(dir);
    first_error_wins(dir);
    failed_extra_table(dir);
    const char *files[] = {"projects.csv", "milestones.csv", "tasks.csv", "notes.csv", "broken.csv"};
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        char path[600];
        snprintf(path, sizeof path, "%s/%s", dir, files[i]);
        unlink(path);
    }
    rmdir(dir);
}
