/*
 * core/textsim.c - near-duplicate texts by the Jaccard similarity of their
 * word sets (core/textsim.h), in time close to linear in the input for the
 * texts a portfolio holds, never by comparing every pair:
 *
 *  1. Words are interned (one hash table), each text becomes a sorted set of
 *     word ids. Texts with identical sets form one group: members of a group
 *     of two or more are each other's best match (similarity 1), so a
 *     thousand identical names cost a thousand steps, not a million.
 *  2. Every distinct set is written in one global word order, rarest word
 *     first. Sets are taken by size, smallest first; each probes an inverted
 *     index word -> earlier sets with the first |A| - ceil(t|A|) + 1 words of
 *     its order (its prefix), then is added to the index under its first
 *     |A| - ceil(2t/(1+t)|A|) + 1 words. Two sets with J >= t share a word in
 *     those prefixes (prefix filtering, as in AllPairs and PPJoin), so no pair
 *     is missed; because rare words come first, sets that share only common
 *     words ("Migration", "Upgrade") never meet.
 *  3. A candidate B of A is skipped when |B| < t|A| (J >= t implies
 *     t|A| <= |B| <= |A|/t; the index holds no bigger set yet) and dropped
 *     when the words left after the shared one cannot reach the overlap
 *     ceil(t/(1+t)(|A|+|B|)) that J >= t needs (positional filter).
 *  4. Survivors are verified by counting |A n B|; J = |A n B| / |A u B| is
 *     compared with t as a double division, exactly as written.
 *
 * The bounds on sizes and overlaps are computed with a small slack in the
 * direction that keeps more candidates, so rounding can cost work but never
 * a match.
 */
#include "core/textsim.h"
#include "core/util.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define SLACK 1e-6
#define PRUNED UINT32_MAX
#define CHARGE_BATCH 65536

static bool word_byte(unsigned char c)
{
    return c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool tsim_next_word(const char *s, size_t n, size_t *pos, size_t *start, size_t *len)
{
    size_t i = *pos;
    while (i < n && !word_byte((unsigned char)s[i]))
        i++;
    if (i >= n) {
        *pos = n;
        return false;
    }
    size_t b = i;
    while (i < n && word_byte((unsigned char)s[i]))
        i++;
    *start = b;
    *len = i - b;
    *pos = i;
    return true;
}

typedef struct {
    const tsim_env *env;
    const tsim_opts *o;
    tsim_stats st;
    uint64_t owed; /* work not yet charged */
    /* words */
    char *wbytes;          /* interned words, lower-cased */
    size_t wused;
    size_t *wstart;
    uint32_t *wlen, *wtab; /* wtab: id + 1, 0 = empty slot */
    uint32_t nw, nstopw, wmask;
    /* texts: sorted word ids */
    uint32_t n;
    uint32_t *tid, *tcnt, *grp;
    size_t *toff;
    /* groups of identical sets */
    uint32_t ng;
    uint32_t *gfirst, *gsecond, *gsize, *gcnt, *granks;
    size_t *goff;
    tsim_match *gbest; /* best other group, as its first text */
} tsim;

static void *get(tsim *s, size_t count, size_t size)
{
    return s->env->alloc(s->env->ud, (count ? count : 1) * size);
}

static void work(tsim *s, uint64_t units)
{
    s->owed += units;
    if (s->owed >= CHARGE_BATCH) {
        s->env->charge(s->env->ud, s->owed);
        s->owed = 0;
    }
}

static uint32_t pow2_at_least(size_t n)
{
    uint32_t c = 16;
    while (c < n && c < (1u << 31))
        c <<= 1;
    return c;
}

/* The id of the word at wbytes[wused..wused+n) (just written there),
 * interning it when it is new. */
static uint32_t intern(tsim *s, size_t n)
{
    const char *w = s->wbytes + s->wused;
    uint32_t h = (uint32_t)hash_bytes(w, n, 0) & s->wmask;
    for (;; h = (h + 1) & s->wmask) {
        uint32_t e = s->wtab[h];
        if (!e)
            break;
        if (s->wlen[e - 1] == n && memcmp(s->wbytes + s->wstart[e - 1], w, n) == 0)
            return e - 1;
    }
    uint32_t id = s->nw++;
    s->wstart[id] = s->wused;
    s->wlen[id] = (uint32_t)n;
    s->wused += n;
    s->wtab[h] = id + 1;
    return id;
}

/* Copy a word lower-cased to the end of wbytes and intern it. */
static uint32_t add_word(tsim *s, const char *w, size_t n)
{
    char *d = s->wbytes + s->wused;
    for (size_t k = 0; k < n; k++)
        d[k] = ascii_lower(w[k]);
    return intern(s, n);
}

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

/* Phase 1: the word table and each text's sorted set of word ids. */
static void tokenize(tsim *s, const char *const *text, const size_t *len)
{
    const tsim_opts *o = s->o;
    size_t minlen = o->min_len ? o->min_len : 1, bytes = 0, maxw = o->nstop;
    for (uint32_t i = 0; i < s->n; i++) { /* count the words first: room for exactly them */
        size_t pos = 0, b, wl;
        if (!text[i])
            continue;
        bytes += len[i];
        while (tsim_next_word(text[i], len[i], &pos, &b, &wl))
            maxw += wl >= minlen;
        work(s, len[i]);
    }
    for (uint32_t k = 0; k < o->nstop; k++)
        bytes += o->stop_len[k];
    s->wbytes = get(s, bytes, 1);
    s->wstart = get(s, maxw, sizeof *s->wstart);
    s->wlen = get(s, maxw, sizeof *s->wlen);
    uint32_t cap = pow2_at_least(2 * maxw + 2);
    s->wtab = get(s, cap, sizeof *s->wtab);
    s->wmask = cap - 1;
    for (uint32_t k = 0; k < o->nstop; k++)
        add_word(s, o->stop[k], o->stop_len[k]);
    s->nstopw = s->nw;
    s->tid = get(s, maxw, sizeof *s->tid);
    s->toff = get(s, (size_t)s->n + 1, sizeof *s->toff);
    s->tcnt = get(s, s->n, sizeof *s->tcnt);
    size_t used = 0;
    for (uint32_t i = 0; i < s->n; i++) {
        s->toff[i] = used;
        if (!text[i])
            continue;
        size_t pos = 0, b, wl, first = used;
        while (tsim_next_word(text[i], len[i], &pos, &b, &wl)) {
            if (wl < minlen)
                continue;
            uint32_t id = add_word(s, text[i] + b, wl);
            if (id >= s->nstopw)
                s->tid[used++] = id;
        }
        work(s, len[i] + (used - first));
        s->st.bytes += len[i];
        qsort(s->tid + first, used - first, sizeof *s->tid, cmp_u32);
        size_t k = first;
        for (size_t m = first; m < used; m++)
            if (m == first || s->tid[m] != s->tid[k - 1])
                s->tid[k++] = s->tid[m];
        used = k;
        if (used - first < (o->min_words ? o->min_words : 1))
            used = first;
        s->tcnt[i] = (uint32_t)(used - first);
        s->st.words += s->tcnt[i];
        s->st.judged += s->tcnt[i] > 0;
    }
    s->toff[s->n] = used;
}

static bool same_set(const tsim *s, uint32_t i, uint32_t j)
{
    return s->tcnt[i] == s->tcnt[j] &&
           memcmp(s->tid + s->toff[i], s->tid + s->toff[j], s->tcnt[i] * sizeof *s->tid) == 0;
}

/* Phase 2: texts with identical sets into groups, numbered in order of
 * their first text. */
static void group(tsim *s)
{
    uint32_t cap = pow2_at_least(2 * (size_t)s->n + 2), mask = cap - 1;
    uint32_t *tab = get(s, cap, sizeof *tab); /* group + 1 */
    s->grp = get(s, s->n, sizeof *s->grp);
    s->gfirst = get(s, s->n, sizeof *s->gfirst);
    s->gsecond = get(s, s->n, sizeof *s->gsecond);
    s->gsize = get(s, s->n, sizeof *s->gsize);
    for (uint32_t i = 0; i < s->n; i++) {
        s->grp[i] = TSIM_NONE;
        if (!s->tcnt[i])
            continue;
        work(s, s->tcnt[i]);
        uint32_t h = (uint32_t)hash_bytes(s->tid + s->toff[i], s->tcnt[i] * sizeof *s->tid, 0) & mask;
        for (;; h = (h + 1) & mask) {
            uint32_t e = tab[h];
            if (!e) {
                uint32_t g = s->ng++;
                tab[h] = g + 1;
                s->gfirst[g] = i;
                s->gsecond[g] = TSIM_NONE;
                s->gsize[g] = 1;
                s->grp[i] = g;
                break;
            }
            if (same_set(s, i, s->gfirst[e - 1])) {
                uint32_t g = e - 1;
                if (s->gsize[g]++ == 1)
                    s->gsecond[g] = i;
                s->grp[i] = g;
                break;
            }
        }
    }
    s->st.sets = s->ng;
}

/* Phase 3: each group's words as ranks in the global order (fewest groups
 * first, then word id), sorted: the order prefixes are taken in. */
static void rank_words(tsim *s)
{
    uint32_t *df = get(s, s->nw, sizeof *df);
    s->gcnt = get(s, s->ng, sizeof *s->gcnt);
    s->goff = get(s, (size_t)s->ng + 1, sizeof *s->goff);
    size_t total = 0;
    for (uint32_t g = 0; g < s->ng; g++) {
        uint32_t i = s->gfirst[g];
        s->gcnt[g] = s->tcnt[i];
        s->goff[g] = total;
        total += s->tcnt[i];
        for (uint32_t k = 0; k < s->tcnt[i]; k++)
            df[s->tid[s->toff[i] + k]]++;
    }
    s->goff[s->ng] = total;
    /* counting sort of the words by df, stable in id */
    uint32_t *start = get(s, (size_t)s->ng + 2, sizeof *start), *rank = get(s, s->nw, sizeof *rank);
    for (uint32_t w = 0; w < s->nw; w++)
        start[df[w] + 1]++;
    for (uint32_t d = 1; d <= s->ng + 1; d++)
        start[d] += start[d - 1];
    for (uint32_t w = 0; w < s->nw; w++)
        rank[w] = start[df[w]]++;
    s->granks = get(s, total, sizeof *s->granks);
    for (uint32_t g = 0; g < s->ng; g++) {
        uint32_t i = s->gfirst[g], *r = s->granks + s->goff[g];
        for (uint32_t k = 0; k < s->gcnt[g]; k++)
            r[k] = rank[s->tid[s->toff[i] + k]];
        qsort(r, s->gcnt[g], sizeof *r, cmp_u32);
    }
    work(s, s->nw + total);
}

/* c - ceil(f c) + 1 (the prefix that must hold a shared word), 0 when f c
 * exceeds c, with the slack making it longer, never shorter. */
static uint32_t prefix(uint32_t c, double f)
{
    double need = ceil(f * c - SLACK);
    if (need < 1)
        need = 1;
    return need > c ? 0 : c - (uint32_t)need + 1;
}

/* The overlap J >= t needs for sets of a and b words (with slack: lower). */
static uint32_t overlap_needed(uint32_t a, uint32_t b, double t)
{
    double x = ceil(t / (1 + t) * ((double)a + b) - SLACK);
    return x < 1 ? 1 : (uint32_t)x;
}

static uint32_t intersect(const uint32_t *a, uint32_t na, const uint32_t *b, uint32_t nb)
{
    uint32_t i = 0, j = 0, o = 0;
    while (i < na && j < nb) {
        if (a[i] < b[j])
            i++;
        else if (a[i] > b[j])
            j++;
        else
            o++, i++, j++;
    }
    return o;
}

/* Keep other (a group) as g's best match when it beats the current one:
 * a higher similarity, or the same one and an earlier first text. */
static void offer(tsim *s, uint32_t g, uint32_t other, uint32_t inter, uint32_t uni)
{
    tsim_match *b = &s->gbest[g];
    uint32_t t = s->gfirst[other];
    uint64_t mine = (uint64_t)inter * b->uni, theirs = (uint64_t)b->inter * uni;
    if (b->other == TSIM_NONE || mine > theirs || (mine == theirs && t < b->other)) {
        b->other = t;
        b->inter = inter;
        b->uni = uni;
    }
}

typedef struct {
    size_t *poff;      /* index: postings of rank r at poff[r] .. */
    uint32_t *fill;    /* .. poff[r] + fill[r] */
    uint32_t *skip;    /* postings of rank r known to be too small */
    uint32_t *pg, *ppos, *acc, *touched, *order;
} tsim_index;

/* The groups by size, smallest first (stable: earlier groups first), and
 * the index's room: each group's index prefix counted per rank. */
static void index_layout(tsim *s, tsim_index *x, double ixf)
{
    uint32_t maxc = 0;
    for (uint32_t g = 0; g < s->ng; g++)
        if (s->gcnt[g] > maxc)
            maxc = s->gcnt[g];
    uint32_t *bysize = get(s, (size_t)maxc + 2, sizeof *bysize);
    for (uint32_t g = 0; g < s->ng; g++)
        bysize[s->gcnt[g] + 1]++;
    for (uint32_t c = 1; c <= maxc + 1; c++)
        bysize[c] += bysize[c - 1];
    x->order = get(s, s->ng, sizeof *x->order);
    for (uint32_t g = 0; g < s->ng; g++)
        x->order[bysize[s->gcnt[g]]++] = g;
    x->poff = get(s, (size_t)s->nw + 1, sizeof *x->poff);
    x->fill = get(s, s->nw, sizeof *x->fill);
    x->skip = get(s, s->nw, sizeof *x->skip);
    size_t total = 0;
    for (uint32_t g = 0; g < s->ng; g++) {
        uint32_t p = prefix(s->gcnt[g], ixf);
        for (uint32_t k = 0; k < p; k++)
            x->fill[s->granks[s->goff[g] + k]]++;
        total += p;
    }
    size_t at = 0;
    for (uint32_t r = 0; r < s->nw; r++) {
        x->poff[r] = at;
        at += x->fill[r];
        x->fill[r] = 0;
    }
    x->poff[s->nw] = at;
    x->pg = get(s, total, sizeof *x->pg);
    x->ppos = get(s, total, sizeof *x->ppos);
    x->acc = get(s, s->ng, sizeof *x->acc);
    x->touched = get(s, s->ng, sizeof *x->touched);
    work(s, s->ng + s->nw + total);
}

/* Probe the index with group a's prefix; returns how many groups it touched
 * (in x->touched, their running overlap or PRUNED in x->acc). */
static uint32_t probe(tsim *s, tsim_index *x, uint32_t a)
{
    double t = s->o->min;
    uint32_t ca = s->gcnt[a], pa = prefix(ca, t), nt = 0;
    const uint32_t *ra = s->granks + s->goff[a];
    double smallest = t * ca - SLACK;
    for (uint32_t i = 0; i < pa; i++) {
        uint32_t r = ra[i];
        const uint32_t *pg = x->pg + x->poff[r], *pp = x->ppos + x->poff[r];
        while (x->skip[r] < x->fill[r] && s->gcnt[pg[x->skip[r]]] < smallest)
            x->skip[r]++;
        for (uint32_t k = x->skip[r]; k < x->fill[r]; k++) {
            uint32_t b = pg[k], cb = s->gcnt[b];
            s->st.postings++;
            if (x->acc[b] == PRUNED)
                continue;
            if (x->acc[b] == 0)
                x->touched[nt++] = b;
            uint32_t left_a = ca - i - 1, left_b = cb - pp[k] - 1;
            uint32_t most = x->acc[b] + 1 + (left_a < left_b ? left_a : left_b);
            x->acc[b] = most < overlap_needed(ca, cb, t) ? PRUNED : x->acc[b] + 1;
        }
        work(s, 1 + x->fill[r] - x->skip[r]);
    }
    return nt;
}

/* Phase 4: probe, verify and index every group, smallest sets first. */
static void join(tsim *s)
{
    double t = s->o->min;
    s->gbest = get(s, s->ng, sizeof *s->gbest);
    for (uint32_t g = 0; g < s->ng; g++)
        s->gbest[g].other = TSIM_NONE;
    if (!(t <= 1))
        return;
    tsim_index x;
    index_layout(s, &x, 2 * t / (1 + t));
    for (uint32_t k = 0; k < s->ng; k++) {
        uint32_t a = x.order[k], nt = probe(s, &x, a);
        const uint32_t *ra = s->granks + s->goff[a];
        s->st.candidates += nt;
        for (uint32_t m = 0; m < nt; m++) {
            uint32_t b = x.touched[m];
            if (x.acc[b] != PRUNED) {
                uint32_t ca = s->gcnt[a], cb = s->gcnt[b];
                uint32_t o = intersect(ra, ca, s->granks + s->goff[b], cb), u = ca + cb - o;
                s->st.verified++;
                work(s, ca + cb);
                if ((double)o / u >= t) {
                    s->st.matches++;
                    offer(s, a, b, o, u);
                    offer(s, b, a, o, u);
                }
            }
            x.acc[b] = 0;
        }
        uint32_t p = prefix(s->gcnt[a], 2 * t / (1 + t));
        for (uint32_t i = 0; i < p; i++) {
            uint32_t r = ra[i];
            size_t at = x.poff[r] + x.fill[r]++;
            x.pg[at] = a;
            x.ppos[at] = i;
        }
    }
}

void tsim_best(const tsim_env *env, const tsim_opts *o, uint32_t n, const char *const *text, const size_t *len,
               tsim_match *out, tsim_stats *st)
{
    tsim s;
    memset(&s, 0, sizeof s);
    s.env = env;
    s.o = o;
    s.n = n;
    tokenize(&s, text, len);
    group(&s);
    rank_words(&s);
    join(&s);
    bool twins = o->min <= 1; /* identical sets have similarity 1 */
    for (uint32_t i = 0; i < n; i++) {
        uint32_t g = s.grp[i];
        out[i].other = TSIM_NONE;
        out[i].inter = out[i].uni = 0;
        if (g == TSIM_NONE)
            continue;
        if (s.gsize[g] >= 2 && twins) {
            out[i].other = i == s.gfirst[g] ? s.gsecond[g] : s.gfirst[g];
            out[i].inter = out[i].uni = s.gcnt[g];
        } else if (s.gbest[g].other != TSIM_NONE) {
            out[i] = s.gbest[g];
        }
    }
    work(&s, n);
    if (s.owed)
        env->charge(env->ud, s.owed);
    if (st)
        *st = s.st;
}
