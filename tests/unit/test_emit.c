/*
 * test_emit.c - the hand-written formatting of the findings and report path
 * against the printf and hash_bytes forms it replaced: numbers, dates,
 * fingerprints, the stable natural merge sort of fnd_finalize (against a
 * straightforward stable insertion sort), and the fast JSON escaping.
 */
#include "collect/findings_sort.h"
#include "report/emit.h"
#include "model/finding.h"
#include "report/json_escape.h"
#include "test.h"

#include <inttypes.h>
#include <stdint.h>
#include <stdlib.h>

/* The fingerprint as model/finding.c computed it before (hash_bytes, snprintf). */
static uint64_t ref_field(uint64_t h, const char *s)
{
    h = hash_bytes(s ? s : "", s ? strlen(s) : 0, h);
    return hash_bytes("\x1f", 1, h);
}

static void ref_fingerprint(const pa_finding *f, unsigned occurrence, char out[33])
{
    uint64_t h1 = 0x9e3779b97f4a7c15ULL, h2 = 0xc2b2ae3d27d4eb4fULL;
    const char *parts[] = {f->rule, f->table, f->key, f->column, f->disc};
    for (int i = 0; i < 5; i++) {
        h1 = ref_field(h1, parts[i]);
        h2 = ref_field(h2 ^ (uint64_t)(i + 1) * 0x100000001b3ULL, parts[i]);
    }
    if (occurrence) {
        h1 = hash_bytes(&occurrence, sizeof occurrence, h1);
        h2 = hash_bytes(&occurrence, sizeof occurrence, h2);
    }
    snprintf(out, 33, "%016llx%016llx", (unsigned long long)h1, (unsigned long long)h2);
}

static uint64_t rng = 88172645463325252ULL;
static uint64_t next_rand(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

static void check_numbers(void)
{
    CASE("em_uint and em_int write what %llu and %lld write");
    uint64_t samples[] = {0, 1, 9, 10, 99, 100, 101, 999, 1000, 4294967295u, 4294967296u, UINT64_MAX};
    bool same = true;
    char want[32];
    for (int i = 0; i < 12 + 5000; i++) {
        uint64_t v = i < 12 ? samples[i] : next_rand() >> (next_rand() % 64);
        sbuf b;
        sb_init(&b);
        EM_LIT(&b, "x=");
        em_uint(&b, v);
        snprintf(want, sizeof want, "x=%" PRIu64, v);
        same &= strcmp(b.data, want) == 0;
        b.len = 0;
        em_int(&b, -(int64_t)(v >> 1));
        snprintf(want, sizeof want, "%" PRId64, -(int64_t)(v >> 1));
        same &= strcmp(b.data, want) == 0;
        sb_free(&b);
    }
    CHECK(same);
    sbuf b;
    sb_init(&b);
    em_int(&b, INT64_MIN);
    CHECK_STR(b.data, "-9223372036854775808");
    sb_free(&b);
}

static void check_dates(void)
{
    CASE("date_format writes what %04d-%02d-%02d wrote, from year 0 to 9999 and outside");
    bool same = true;
    char got[11], want[16];
    for (pa_date d = -719530; d <= 2932900; d++) {
        int y, m, dd;
        date_to_ymd(d, &y, &m, &dd);
        if (y < 0 || y > 9999)
            snprintf(want, sizeof want, "0000-00-00");
        else
            snprintf(want, sizeof want, "%04d-%02d-%02d", y, m, dd);
        date_format(d, got);
        same &= strcmp(got, want) == 0;
    }
    CHECK(same);
    date_format(0, got);
    CHECK_STR(got, "1970-01-01");
    sbuf b;
    sb_init(&b);
    em_date(&b, 20634);
    CHECK_STR(b.data, "2026-06-30");
    sb_free(&b);
}

/* A stable insertion sort: the order fnd_finalize must produce. */
static void ref_sort(const pa_finding **p, size_t n)
{
    for (size_t i = 1; i < n; i++) {
        const pa_finding *x = p[i];
        size_t j = i;
        while (j > 0 && fnd_compare(p[j - 1], x) > 0) {
            p[j] = p[j - 1];
            j--;
        }
        p[j] = x;
    }
}

/* ntables distinct tables: more than fnd_finalize ranks (256) takes its
 * fallback path. */
static void check_sort(size_t n, unsigned ntables)
{
    static const char *const rules[] = {"DAT-001", "DAT-004", "STD-006", "SCH-011"};
    static const char *const cols[] = {NULL, "start", "finish"};
    static const char *const prefixes[] = {"T", "LONG-KEY-PREFIX-", "LONG-KEY-\xC3\xA9", "\x80", "a\xE9", ""};
    pa_findings l;
    fnd_init(&l);
    for (size_t i = 0; i < n; i++) {
        char key[48], msg[32], table[16];
        /* mostly ascending runs with a few out of order, and many ties */
        unsigned k = (unsigned)(i % 7 == 0 ? next_rand() % 400 : i / 8);
        snprintf(key, sizeof key, "%s%05u", prefixes[i % 97 == 0 ? next_rand() % 6 : (i / 500) % 6], k);
        snprintf(msg, sizeof msg, "m%u", (unsigned)(next_rand() % 3));
        snprintf(table, sizeof table, "t%u", (unsigned)(next_rand() % ntables));
        pa_finding *f = fnd_add(&l, rules[(i / 700) % 4], SEV_ERROR, i % 11 ? table : NULL, i % 13 ? key : NULL,
                                "P1", "tasks.csv", (uint32_t)(next_rand() % 5), cols[next_rand() % 3], NULL, msg,
                                i % 17 ? NULL : "d");
        f->sev = (pa_sev)(i % 4); /* not compared: tells equal findings apart */
    }
    const pa_finding **ref = malloc(n * sizeof *ref);
    pa_finding *copy = malloc(n * sizeof *copy);
    memcpy(copy, l.v, n * sizeof *copy);
    for (size_t i = 0; i < n; i++)
        ref[i] = &copy[i];
    ref_sort(ref, n);
    fnd_finalize(&l);
    bool same_order = true, same_fp = true;
    unsigned occ = 0;
    for (size_t i = 0; i < n; i++) {
        same_order &= l.v[i].strs == ref[i]->strs && l.v[i].sev == ref[i]->sev;
        char fp[33];
        occ = (i > 0 && !strcmp(ref[i - 1]->rule, ref[i]->rule) &&
               !strcmp(ref[i - 1]->table ? ref[i - 1]->table : "", ref[i]->table ? ref[i]->table : "") &&
               !strcmp(ref[i - 1]->key ? ref[i - 1]->key : "", ref[i]->key ? ref[i]->key : "") &&
               !strcmp(ref[i - 1]->column ? ref[i - 1]->column : "", ref[i]->column ? ref[i]->column : "") &&
               !strcmp(ref[i - 1]->disc ? ref[i - 1]->disc : "", ref[i]->disc ? ref[i]->disc : ""))
                  ? occ + 1
                  : 0;
        ref_fingerprint(ref[i], occ, fp);
        same_fp &= strcmp(fp, l.v[i].fingerprint) == 0;
    }
    CHECK(same_order);
    CHECK(same_fp);
    free(ref);
    free(copy);
    fnd_free(&l);
}

static void check_sort_and_fingerprints(void)
{
    pa_findings l;
    CASE("fnd_finalize: the stable order of fnd_compare, and the fingerprints of the hash_bytes form");
    check_sort(3000, 3);
    CASE("fnd_finalize with more (rule, table) pairs than it ranks");
    check_sort(3000, 400);

    CASE("fnd_finalize leaves a sorted list as it is, and sorts a reversed one");
    fnd_init(&l);
    for (int i = 0; i < 50; i++) {
        char key[8];
        snprintf(key, sizeof key, "K%02d", 49 - i);
        fnd_add(&l, "R", SEV_INFO, "t", key, NULL, NULL, 0, NULL, NULL, "m", NULL);
    }
    fnd_finalize(&l);
    bool sorted = true;
    for (size_t i = 1; i < l.n; i++)
        sorted &= strcmp(l.v[i - 1].key, l.v[i].key) < 0;
    CHECK(sorted);
    CHECK_STR(l.v[0].key, "K00");
    fnd_finalize(&l);
    CHECK_STR(l.v[49].key, "K49");
    fnd_free(&l);
}

static void check_json(void)
{
    CASE("json_strn copies plain runs and escapes the rest, over every byte value");
    char all[256];
    for (int i = 0; i < 256; i++)
        all[i] = (char)(i ? i : 'z');
    sbuf b;
    sb_init(&b);
    json_strn(&b, all, sizeof all);
    /* 0x01..0x1f: \b and \f as \u0008 \u000c, \t \n \r short; 0x80..0xff invalid alone */
    CHECK(strncmp(b.data, "\"z\\u0001", 8) == 0);
    CHECK(strstr(b.data, "\\t\\n\\u000b\\u000c\\r") != NULL);
    CHECK(strstr(b.data, " !\\\"#$") != NULL);
    CHECK(strstr(b.data, "[\\\\]") != NULL);
    CHECK(strstr(b.data, "}~\x7f\xEF\xBF\xBD") != NULL);
    sb_free(&b);
}

static void check_json_html(void)
{
    CASE("json_strn_html leaves no markup character and no U+2028/9 raw inside a <script>");
    const char in[] = "</script><!--x&y>\xE2\x80\xA8\xE2\x80\xA9\xE2\x80\xA7\xFF\"\\\n";
    sbuf b;
    sb_init(&b);
    json_strn_html(&b, in, sizeof in - 1);
    CHECK_STR(b.data, "\"\\u003c/script\\u003e\\u003c!--x\\u0026y\\u003e\\u2028\\u2029\xE2\x80\xA7"
                      "\xEF\xBF\xBD\\\"\\\\\\n\"");
    CASE("json_strn_html writes every byte value as json_strn does, but for < > &");
    char all[256];
    for (int i = 0; i < 256; i++)
        all[i] = (char)(i ? i : 'z');
    sbuf j;
    sb_init(&j);
    b.len = 0;
    json_strn(&j, all, sizeof all);
    json_strn_html(&b, all, sizeof all);
    CHECK(strstr(b.data, ";\\u003c=\\u003e?") != NULL && strstr(b.data, "%\\u0026'") != NULL);
    CHECK(strchr(b.data, '<') == NULL && strchr(b.data, '>') == NULL && strchr(b.data, '&') == NULL);
    CHECK(b.len == j.len + 3 * 5); /* each of the three grew from 1 byte to 6 */
    sb_free(&j);
    sb_free(&b);
}

void suite_emit(void)
{
    check_numbers();
    check_dates();
    check_sort_and_fingerprints();
    check_json();
    check_json_html();
}
