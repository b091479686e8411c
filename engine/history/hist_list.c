/*
 * history/hist_list.c - the compact per-run list of schema version 2. A run
 * stores each listed finding as [streak, detail, hash]: the streak row
 * holds the fingerprint and first_seen, the detail row the finding's text,
 * and the hash lets the next run see, without reading the detail row,
 * whether its finding's text is unchanged (then it lists the same detail
 * row instead of writing a new one). The list is plain JSON so that
 * sqlite3 (json_each) and other databases read it; this file parses it on
 * the baseline read's hot path without SQLite and builds it in a buffer.
 */
#include "history/hist_list.h"
#include "collect/report_model.h"

#include <stdlib.h>
#include <string.h>

static const char *skip_ws(const char *p, const char *end)
{
    while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
        p++;
    return p;
}

/* A non-negative decimal integer below 2^63 at *pp (after white space);
 * false when none. */
static bool read_uint(const char **pp, const char *end, unsigned long long *v)
{
    const char *p = *pp;
    if (p < end && (*p < '0' || *p > '9'))
        p = skip_ws(p, end);
    unsigned long long x = 0;
    const char *start = p;
    for (; p < end && (unsigned)(*p - '0') < 10 && p - start < 18; p++) /* 18 digits cannot overflow */
        x = x * 10 + (unsigned)(*p - '0');
    for (; p < end && (unsigned)(*p - '0') < 10; p++) {
        if (x > (0x7fffffffffffffffULL - (unsigned)(*p - '0')) / 10)
            return false;
        x = x * 10 + (unsigned)(*p - '0');
    }
    if (p == start)
        return false;
    *v = x;
    *pp = p;
    return true;
}

/* Expect the character c (after white space) at *pp. */
static bool expect(const char **pp, const char *end, char c)
{
    const char *p = *pp;
    if (p < end && *p != c)
        p = skip_ws(p, end);
    if (p >= end || *p != c)
        return false;
    *pp = p + 1;
    return true;
}

/* One [streak, detail, hash] at *p. */
static bool read_item(const char **p, const char *end, hist_item *x)
{
    unsigned long long s, d, h;
    if (!expect(p, end, '[') || !read_uint(p, end, &s) || !expect(p, end, ',') || !read_uint(p, end, &d) ||
        !expect(p, end, ',') || !read_uint(p, end, &h) || !expect(p, end, ']'))
        return false;
    if (s == 0 || d == 0)
        return false;
    *x = (hist_item){(long long)s, (long long)d, h};
    return true;
}

long long hist_list_parse(const char *s, size_t n, hist_item **out, const char **why)
{
    hist_item *v = NULL;
    size_t cnt = 0, cap = 0;
    *out = NULL;
    if (!s)
        goto bad;
    const char *p = s, *end = s + n;
    if (!expect(&p, end, '['))
        goto bad;
    if (!expect(&p, end, ']')) {
        /* about 32 bytes an item: one allocation for the usual list */
        cap = n / 16 + 1;
        v = xmalloc(cap * sizeof *v);
        for (;;) {
            GROW(v, cap, cnt + 1);
            if (!read_item(&p, end, &v[cnt]))
                goto bad;
            cnt++;
            if (expect(&p, end, ']'))
                break;
            if (!expect(&p, end, ','))
                goto bad;
        }
    }
    if (skip_ws(p, end) != end)
        goto bad;
    *out = v;
    return (long long)cnt;
bad:
    free(v);
    *why = "a run's finding list (run_list.items) is not a JSON array of [streak, detail, hash]";
    return -1;
}

/* The decimal digits of x into out (20 bytes at most), two at a time;
 * returns their number. */
static size_t put_uint(char *out, unsigned long long x)
{
    static const char pairs[] = "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
                                "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
                                "8081828384858687888990919293949596979899";
    char t[20];
    size_t i = sizeof t;
    while (x >= 100) {
        unsigned d = (unsigned)(x % 100);
        x /= 100;
        i -= 2;
        memcpy(t + i, pairs + 2 * d, 2);
    }
    if (x >= 10) {
        i -= 2;
        memcpy(t + i, pairs + 2 * x, 2);
    } else {
        t[--i] = (char)('0' + x);
    }
    memcpy(out, t + i, sizeof t - i);
    return sizeof t - i;
}

void hist_list_put(sbuf *b, const hist_item *x, bool first)
{
    char tmp[80];
    size_t n = 0;
    if (!first)
        tmp[n++] = ',';
    tmp[n++] = '[';
    n += put_uint(tmp + n, (unsigned long long)x->streak);
    tmp[n++] = ',';
    n += put_uint(tmp + n, (unsigned long long)x->detail);
    tmp[n++] = ',';
    n += put_uint(tmp + n, x->hash);
    tmp[n++] = ']';
    sb_add(b, tmp, n);
}

/* The hash: 8 bytes at a time, each field preceded by its length + 1 (0
 * for NULL), so that fields cannot run into each other. The words are
 * read in the machine's byte order: a file moved between machines of
 * another order only writes its next run's details again. */
static uint64_t mix(uint64_t h, uint64_t w)
{
    h ^= w;
    h *= 0x9e3779b97f4a7c15ULL;
    return h ^ (h >> 29);
}

static uint64_t add_str(uint64_t h, const char *s)
{
    if (!s)
        return mix(h, 0);
    size_t n = strlen(s);
    h = mix(h, (uint64_t)n + 1);
    for (; n >= 8; n -= 8, s += 8) {
        uint64_t w;
        memcpy(&w, s, 8);
        h = mix(h, w);
    }
    if (n) {
        uint64_t w = 0;
        memcpy(&w, s, n);
        h = mix(h, w);
    }
    return h;
}

uint64_t hist_content_hash(const pa_finding *f)
{
    const char *strs[] = {f->rule,   f->table, f->key,     f->project_id, f->owner, f->file,
                          f->column, f->value, f->message, f->disc};
    uint64_t h = mix(0x243f6a8885a308d3ULL, (uint64_t)f->sev + 1);
    for (size_t i = 0; i < sizeof strs / sizeof *strs; i++)
        h = add_str(h, strs[i]);
    h = mix(h, (uint64_t)f->line);
    h = mix(h, (uint64_t)f->nprojects + 1);
    for (int i = 0; i < f->nprojects; i++)
        h = add_str(h, f->projects[i]);
    const pa_waiver *w = f->waived ? f->waiver : NULL;
    h = mix(h, w ? 1 : 2);
    if (w) {
        h = add_str(add_str(add_str(h, w->reason), w->approved_by), w->file);
        h = mix(mix(h, w->has_expiry ? (uint64_t)(uint32_t)w->expires + 1 : 0), (uint64_t)w->line);
    }
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    h &= (1ULL << 53) - 1;
    return h ? h : 1;
}
