/*
 * fuzz_textsim.c - libFuzzer harness for core/textsim.c (pmo.similar,
 * GOV-004): the first byte picks the options (threshold, min_len,
 * min_words, the GOV-004 stop words or none), the rest is texts, one per
 * line (an empty line is a text not judged). Each text's best match must be
 * the one a brute force over every pair finds, with the same overlap, and
 * the charged work must cover the bytes read.
 */
#include "core/textsim.h"
#include "core/util.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAXT 64

static void *blocks[4096];
static size_t nblocks;
static uint64_t charged;

static void *f_alloc(void *ud, size_t n)
{
    (void)ud;
    if (nblocks == sizeof blocks / sizeof *blocks)
        abort(); /* more blocks than the method ever asks for */
    return blocks[nblocks++] = xcalloc(1, n ? n : 1);
}

static void f_charge(void *ud, uint64_t n)
{
    (void)ud;
    charged += n;
}

typedef struct {
    const char *p;
    size_t n;
} word;

static int cmp_word(const void *a, const void *b)
{
    const word *x = a, *y = b;
    size_t n = x->n < y->n ? x->n : y->n;
    int c = memcmp(x->p, y->p, n);
    return c ? c : (x->n > y->n) - (x->n < y->n);
}

/* The word set of text, lower-cased into buf, sorted, each word once. */
static size_t set_of(const char *t, size_t len, const tsim_opts *o, char *buf, word *w)
{
    size_t pos = 0, b, l, n = 0, used = 0;
    while (t && tsim_next_word(t, len, &pos, &b, &l)) {
        if (l < o->min_len)
            continue;
        for (size_t k = 0; k < l; k++)
            buf[used + k] = ascii_lower(t[b + k]);
        bool stop = false;
        for (uint32_t k = 0; k < o->nstop && !stop; k++)
            stop = o->stop_len[k] == l && memcmp(o->stop[k], buf + used, l) == 0;
        if (!stop) {
            w[n].p = buf + used;
            w[n++].n = l;
            used += l;
        }
    }
    qsort(w, n, sizeof *w, cmp_word);
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (i == 0 || cmp_word(&w[i], &w[k - 1]) != 0)
            w[k++] = w[i];
    return k < o->min_words ? 0 : k;
}

static uint32_t common(const word *a, size_t na, const word *b, size_t nb)
{
    size_t i = 0, j = 0;
    uint32_t o = 0;
    while (i < na && j < nb) {
        int c = cmp_word(&a[i], &b[j]);
        if (c < 0)
            i++;
        else if (c > 0)
            j++;
        else
            o++, i++, j++;
    }
    return o;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const stop[] = {"project", "programme", "program", "phase", "the", "and", "for"};
    static const size_t stop_len[] = {7, 9, 7, 5, 3, 3, 3};
    static const double mins[] = {0.8, 0.5, 1.0, 0.75, 1.0 / 3, 0.05, 0.999, 1.5};
    if (size == 0)
        return 0;
    tsim_opts o = {mins[data[0] & 7], 1 + ((data[0] >> 3) & 3), 1 + ((data[0] >> 5) & 1), 0, stop, stop_len};
    if (data[0] & 0x40)
        o.nstop = 7;
    char *copy = malloc(size); /* exactly the texts: ASan sees a read past them */
    memcpy(copy, data + 1, size - 1);
    const char *text[MAXT];
    size_t len[MAXT];
    uint32_t n = 0;
    for (size_t at = 0; at < size - 1 && n < MAXT;) {
        const char *nl = memchr(copy + at, '\n', size - 1 - at);
        size_t l = nl ? (size_t)(nl - (copy + at)) : size - 1 - at;
        text[n] = l ? copy + at : NULL;
        len[n++] = l;
        at += l + 1;
    }
    tsim_match m[MAXT];
    tsim_env env = {f_alloc, f_charge, NULL};
    tsim_stats st;
    charged = 0;
    tsim_best(&env, &o, n, text, len, m, &st);
    if (charged < st.bytes)
        abort(); /* the bytes read were not charged */

    char *buf = malloc(size);
    word *w = malloc(size * sizeof *w + sizeof *w);
    size_t *off = calloc(n + 1, sizeof *off), *cnt = calloc(n + 1, sizeof *cnt), used = 0;
    for (uint32_t i = 0; i < n; i++) {
        off[i] = used;
        cnt[i] = set_of(text[i], len[i], &o, buf + used, w + used);
        used += len[i];
    }
    for (uint32_t i = 0; i < n; i++) {
        uint32_t best = TSIM_NONE, bi = 0, bu = 1;
        for (uint32_t j = 0; j < n && cnt[i]; j++) {
            if (j == i || !cnt[j])
                continue;
            uint32_t in = common(w + off[i], cnt[i], w + off[j], cnt[j]), un = (uint32_t)(cnt[i] + cnt[j]) - in;
            if ((double)in / un >= o.min && (best == TSIM_NONE || (uint64_t)in * bu > (uint64_t)bi * un))
                best = j, bi = in, bu = un;
        }
        if (m[i].other != best || (best != TSIM_NONE && (m[i].inter != bi || m[i].uni != bu)))
            abort(); /* not the best match by the definition */
    }
    free(off);
    free(cnt);
    free(w);
    free(buf);
    free(copy);
    for (size_t k = 0; k < nblocks; k++)
        free(blocks[k]);
    nblocks = 0;
    return 0;
}
