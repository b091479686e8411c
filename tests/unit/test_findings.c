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

void suite_findings(void)
{
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
