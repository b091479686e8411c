/*
 * model/finding.h - what a rule reports. A finding names its rule, severity, and
 * where the problem is (table, key, project, file:line, column, value), with
 * a message for people and a fingerprint for machines: a hash of what the
 * problem is (rule, table, key, column, discriminator), not of where it sits,
 * so that baselines and waivers survive reordered or added rows.
 */
#ifndef PA_FINDING_H
#define PA_FINDING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum { SEV_INFO = 0, SEV_WARNING, SEV_ERROR, SEV_CRITICAL, SEV_NEVER } pa_sev;

const char *sev_name(pa_sev s);
/* Parse a severity name; returns -1 when unknown. allow_never admits "never". */
int sev_parse(const char *s, bool allow_never);

typedef enum { BL_NONE = 0, BL_NEW, BL_EXISTING } pa_baseline_mark;
struct pa_waiver;

typedef struct {
    const char *rule;   /* rule id; owned by the registry or static */
    pa_sev sev;
    char *table;        /* every string below may be NULL */
    char *key;
    char *project_id;
    const char *file;   /* owned by the table */
    uint32_t line;      /* 0 when the finding has no row */
    char *column;
    char *value;
    char *message;
    char *disc;         /* what distinguishes findings of one rule on one row */
    char *strs;         /* one block holding the seven strings above (see
                           fnd_add); the fields point into it */
    char **projects;    /* every project the finding involves (a resource's
                           over-allocation names several), sorted, unique;
                           NULL when the rule named none */
    int nprojects;
    const char *owner;  /* the manager of project_id in projects.csv, set by
                           collect/owner.c and owned there; NULL when unknown */
    char fingerprint[33];
    bool waived;        /* matched by a waiver in force; then waiver is set */
    bool every_project; /* about the whole data (an empty table): in every --project scope */
    bool reopened;      /* new against the baseline, but an earlier run of the
                           history had it: resolved once, and back */
    const struct pa_waiver *waiver;
    pa_baseline_mark baseline; /* BL_NONE when the run has no baseline */
    char first_seen[11];       /* as-of date of the run that first saw it */
} pa_finding;

struct pa_fpack_blk;

typedef struct {
    pa_finding *v;
    size_t n, cap;
    struct pa_fpack_blk *blocks; /* the strings of findings unpacked into the list
                                    (fpack_unpack), freed with it; NULL when none */
} pa_findings;

void fnd_init(pa_findings *l);
void fnd_free(pa_findings *l);
/* Free one finding's strings (the finding itself is not freed). */
void fnd_clear(pa_finding *f);
/* Append a finding; the strings are copied. Returns the new finding. */
pa_finding *fnd_add(pa_findings *l, const char *rule, pa_sev sev, const char *table, const char *key,
                    const char *project_id, const char *file, uint32_t line, const char *column,
                    const char *value, const char *message, const char *disc);
/* Set the projects a finding involves (copied, sorted, duplicates and
 * NULLs dropped); --project keeps the finding when one of them is selected. */
void fnd_set_projects(pa_finding *f, const char *const *ids, int n);
/* Move all of src's findings to the end of dst (src ends empty). */
void fnd_move(pa_findings *dst, pa_findings *src);
/* Sort a list of project ids, drop NULLs and repeats; returns how many are
 * left (at the front). */
int fnd_sort_projects(const char **ids, int n);

/*
 * The findings of one rule as it reports them, packed: a record each, one
 * after another in blocks of a megabyte, holding the severity, line, file,
 * which of the seven strings are there, those strings and the projects.
 * A stored pa_finding is 184 bytes plus an allocation for its strings; a
 * record is 16 bytes plus the strings, about half. The rules' findings
 * stay packed until the report is built (fpack_unpack), so the run never
 * holds them twice in the full form.
 */
typedef struct {
    struct pa_fpack_blk *first, *last;
    size_t n; /* records */
} pa_fpack;

void fpack_init(pa_fpack *p);
void fpack_free(pa_fpack *p);
/* Append a finding (strings copied; projects sorted and unique, see
 * fnd_sort_projects, or NULL). Returns the bytes it holds once unpacked
 * (the struct, its strings, its projects): what a rule is charged for it. */
size_t fpack_add(pa_fpack *p, pa_sev sev, const char *table, const char *key, const char *project_id,
                 const char *file, uint32_t line, const char *column, const char *value, const char *message,
                 const char *disc, const char *const *projects, int nprojects);
/* Append p's findings to dst as findings of rule `rule`, in the order they
 * were added. Their strings stay in p's blocks, which dst takes (fnd_free
 * frees them); their projects are copied. p ends empty. */
void fpack_unpack(pa_fpack *p, const char *rule, pa_findings *dst);

#endif
