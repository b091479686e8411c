/*
 * collect/split.h - --split-by owner|project: the run's findings in parts,
 * one per owner (the manager of a project in projects.csv) or per project,
 * each written as a report of its own (report-<stem>.<ext>, run/run.c)
 * whose counts and verdict are those of its findings alone. A finding is
 * in the part of every project it involves (its project_id and projects,
 * as --project decides), or of their owners; the findings that involve no
 * project, or only projects without an owner, are in the first part, whose
 * name is NULL (stem "no-project" or "unassigned").
 */
#ifndef PA_SPLIT_H
#define PA_SPLIT_H

#include "collect/report_model.h"

#include <stddef.h>

typedef struct pa_split_part {
    const char *by;        /* "owner" or "project" */
    const char *name;      /* the owner or the project id (borrowed); NULL for the first part */
    char *stem;            /* of its file names, report-<stem>.<ext>: a safe file name, unique
                              among the parts even on a case-insensitive file system */
    const char **projects; /* the projects.csv ids (in --project's scope) it covers, sorted; borrowed */
    size_t nprojects;
    size_t *idx;           /* its findings: ascending indexes into the whole report's r->all */
    size_t n, cap;
    size_t by_sev[4];      /* its report's counts, set by split_report */
    size_t waived;
    int exit_code;
} pa_split_part;

/* The parts of r by "owner" or "project": the first part (name NULL),
 * then one per owner or project in byte order of the names: every owner
 * or project of projects.csv in --project's scope, with or without
 * findings, and in project mode the ids that findings name but
 * projects.csv lacks. Needs r->owners. Returns the number of parts. */
size_t split_parts(const pa_report *r, const char *by, pa_split_part **out);
/* The report of one part: r's rules, with the counts, statuses, baseline
 * marks and resolved findings of the part's findings, tallied by
 * report_tally (so its exit code is the part's own: the run's exit code
 * stays r's). sub borrows from r and part; free it with split_report_free.
 * Sets the part's counts. */
void split_report(const pa_report *r, pa_split_part *part, pa_report *sub);
void split_report_free(pa_report *sub);
void split_free(pa_split_part *parts, size_t n);
/* name as a file-name stem: ASCII letters, digits, '_', '.' and '-' are
 * kept, the accented Latin-1 letters lose their accent ("Chloé" ->
 * "Chloe"), every other byte (path separators, spaces, control
 * characters, other UTF-8) becomes '-', runs of '-' become one, leading dots and dashes and
 * trailing ones go, and it is cut to 60 bytes; "unnamed" when nothing is
 * left. Never empty, never "." or "..", never a path. */
char *split_stem(const char *name);

#endif
