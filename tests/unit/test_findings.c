/*
 * test_findings.c - report order, fingerprints (stable under reordering,
 * distinct for repeated identities) and JSON string escaping.
 */
#include "collect/findings_sort.h"
#include "model/finding.h"
#include "report/json_escape.h"
#include "test.h"

static void add(pa_findings *l, const char *rule, const char *key, const char *col, uint32_t line)
{
    fnd_add(l, rule, SEV_ERROR, "tasks", key, "P1", "tasks.csv", line, col, NULL, "m", NULL);
}

static bool same_str(const char *a, const char *b)
{
    return a == b || (a && b && strcmp(a, b) == 0);
}

/* Every field a rule sets, as fnd_add stores it, against the same finding
 * packed (fpack_add) and unpacked (fpack_unpack). */
static bool same_finding(const pa_finding *a, const pa_finding *b)
{
    bool same = a->rule == b->rule && a->sev == b->sev && a->file == b->file && a->line == b->line &&
                same_str(a->table, b->table) && same_str(a->key, b->key) && same_str(a->project_id, b->project_id) &&
                same_str(a->column, b->column) && same_str(a->value, b->value) &&
                same_str(a->message, b->message) && same_str(a->disc, b->disc) && a->nprojects == b->nprojects &&
                !b->owner && !b->waived && !b->every_project && !b->reopened && !b->waiver &&
                b->baseline == BL_NONE && !b->fingerprint[0] && !b->first_seen[0];
    for (int i = 0; same && i < a->nprojects; i++)
        same = strcmp(a->projects[i], b->projects[i]) == 0;
    return same;
}

/* The packed form of the rules' findings keeps every field, in order, and
 * is charged what the finding holds once unpacked. */
static void packed_findings(void)
{
    static const char *const file = "tasks.csv";
    const char *strs[] = {"tasks", "T0000018", "PRJ-10000", "predecessors", "T17;T16:FS-3d",
                          "task T0000018 of project PRJ-10000 has a lead", "T16"};
    const char *projects[] = {"PRJ-2", "PRJ-1", NULL, "PRJ-2"};
    pa_findings full, got;
    pa_fpack p;
    fnd_init(&full);
    fnd_init(&got);
    fpack_init(&p);
    size_t charged = 0, expect = 0;
    for (int k = 0; k < 300; k++) { /* k & 127: which of the seven strings are NULL; more than one block */
        const char *s[7];
        for (int i = 0; i < 7; i++)
            s[i] = (k >> i & 1) ? NULL : strs[i];
        char msg[8192];
        memset(msg, 'm', sizeof msg - 1);
        msg[k == 7 ? sizeof msg - 1 : (size_t)(20 + k)] = '\0'; /* one message of 8 KiB */
        if (s[5])
            s[5] = msg;
        pa_sev sev = (pa_sev)(k % 4);
        pa_finding *f = fnd_add(&full, "SCH-011", sev, s[0], s[1], s[2], k % 5 ? file : NULL, (uint32_t)k * 977u,
                                s[3], s[4], s[5], s[6]);
        int np = k % 3 == 0 ? 4 : 0;
        if (np)
            fnd_set_projects(f, projects, np);
        const char *ids[4] = {projects[0], projects[1], projects[2], projects[3]};
        int nids = np ? fnd_sort_projects(ids, np) : 0;
        charged += fpack_add(&p, sev, s[0], s[1], s[2], f->file, f->line, s[3], s[4], s[5], s[6], ids, nids);
        expect += sizeof *f + (size_t)f->nprojects * sizeof(char *);
        for (int i = 0; i < 7; i++)
            expect += s[i] ? strlen(s[i]) + 1 : 0;
        for (int i = 0; i < f->nprojects; i++)
            expect += strlen(f->projects[i]) + 1;
    }
    CASE("fnd_sort_projects sorts, drops NULL and repeats");
    CHECK(full.v[0].nprojects == 2 && !strcmp(full.v[0].projects[0], "PRJ-1") &&
          !strcmp(full.v[0].projects[1], "PRJ-2"));
    CASE("a packed finding is charged the bytes of its full form: struct, strings, projects");
    CHECK(p.n == 300 && charged == expect);
    CASE("unpacked, every packed finding has every field it was given, in the order given");
    fpack_unpack(&p, full.v[0].rule, &got);
    CHECK(p.n == 0 && p.first == NULL && got.n == 300 && got.blocks != NULL);
    bool same = got.n == full.n;
    for (size_t i = 0; same && i < got.n; i++)
        same = same_finding(&full.v[i], &got.v[i]);
    CHECK(same);
    CASE("the list owns the blocks: moved with fnd_move, freed with fnd_free (ASan checks)");
    pa_findings all;
    fnd_init(&all);
    fnd_move(&all, &got);
    CHECK(got.blocks == NULL && all.blocks != NULL && all.n == 300 && !strcmp(all.v[2].table, "tasks"));
    fnd_free(&all);
    fnd_free(&full);
    fpack_free(&p);
}

void suite_findings(void)
{
    packed_findings();
    pa_findings a, b;
    fnd_init(&a);
    fnd_init(&b);
    CASE("findings sort by rule, table, key, column, then line");
    add(&a, "SCH-011", "T2", NULL, 9);
    add(&a, "DAT-001", "T9", "start", 3);
    add(&a, "DAT-001", "T1", "finish", 7);
    add(&a, "DAT-001", "T1", "baseline_start", 8);
    add(&a, "DAT-003", "T5", "task_id", 12);
    add(&a, "DAT-003", "T5", "task_id", 20);
    fnd_finalize(&a);
    CHECK(!strcmp(a.v[0].rule, "DAT-001") && !strcmp(a.v[0].column, "baseline_start"));
    CHECK(!strcmp(a.v[2].key, "T9"));
    CHECK(!strcmp(a.v[5].rule, "SCH-011"));
    CASE("fingerprints ignore line numbers and tell repeated identities apart");
    add(&b, "DAT-003", "T5", "task_id", 40);
    add(&b, "DAT-003", "T5", "task_id", 30);
    add(&b, "SCH-011", "T2", NULL, 1);
    add(&b, "DAT-001", "T1", "baseline_start", 2);
    add(&b, "DAT-001", "T9", "start", 3);
    add(&b, "DAT-001", "T1", "finish", 4);
    fnd_finalize(&b);
    bool same = true;
    for (size_t i = 0; i < a.n; i++)
        same &= strcmp(a.v[i].fingerprint, b.v[i].fingerprint) == 0;
    CHECK(same);
    CHECK(strcmp(a.v[3].fingerprint, a.v[4].fingerprint) != 0);
    CHECK(strlen(a.v[0].fingerprint) == 32);
    fnd_free(&a);
    fnd_free(&b);

    CASE("JSON strings escape quotes, controls, and replace invalid UTF-8");
    sbuf s;
    sb_init(&s);
    json_strn(&s, "a\"b\\c\n\t\x01 \xC3\xA9 \xFF \xE2\x82", 16);
    CHECK_STR(s.data, "\"a\\\"b\\\\c\\n\\t\\u0001 \xC3\xA9 \xEF\xBF\xBD \xEF\xBF\xBD\xEF\xBF\xBD\"");
    sb_free(&s);
    sb_init(&s);
    json_str(&s, NULL);
    CHECK_STR(s.data, "null");
    sb_free(&s);
    CASE("severities parse by name; never only where allowed");
    CHECK(sev_parse("warning", false) == SEV_WARNING);
    CHECK(sev_parse("never", false) == -1);
    CHECK(sev_parse("never", true) == SEV_NEVER);
    CHECK(sev_parse("fatal", true) == -1);
}
