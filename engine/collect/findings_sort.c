/*
 * collect/findings_sort.c - the merged findings into report order, and
 * their fingerprints.
 *
 * Report order is rule, table, key, column, discriminator, then line and
 * message, so that the order is total and two runs agree byte for byte.
 * The sort is a stable natural merge sort of small records (a rank of rule
 * and table, a 16-byte key prefix, the finding's index), so that most
 * comparisons do not touch the findings; the findings are then permuted in
 * place. A fingerprint is a 128-bit FNV-1a hash of rule, table, key, column
 * and discriminator plus an occurrence number when all of those are equal:
 * line numbers are not part of it, so reordering rows keeps every one.
 */
#include "collect/findings_sort.h"
#include "core/util.h"

#include <stdlib.h>
#include <string.h>

/* Strings of two findings are often the very same pointer (the rule id)
 * or equal; NULL sorts as "". */
static int cmp_str(const char *a, const char *b)
{
    if (a == b)
        return 0;
    return strcmp(a ? a : "", b ? b : "");
}

/* Report order: rule, table, key, column, discriminator, then line and
 * message so that the order is total and two runs agree byte for byte. */
int fnd_compare(const pa_finding *a, const pa_finding *b)
{
    int c;
    if ((c = cmp_str(a->rule, b->rule)))
        return c;
    if ((c = cmp_str(a->table, b->table)))
        return c;
    if ((c = cmp_str(a->key, b->key)))
        return c;
    if ((c = cmp_str(a->column, b->column)))
        return c;
    if ((c = cmp_str(a->disc, b->disc)))
        return c;
    if (a->line != b->line)
        return a->line < b->line ? -1 : 1;
    if ((c = cmp_str(a->message, b->message)))
        return c;
    return cmp_str(a->value, b->value);
}

/*
 * Sorting compares small records instead of findings. A finding's strings
 * sit in their own block, so comparing two findings means two cache misses
 * before the first byte is compared; on a hundred thousand findings that
 * was most of the sort's time. A record carries what decides nearly every
 * comparison: the rank of the finding's (rule, table) pair among the
 * run's distinct pairs, and the first 16 bytes of its key, big-endian and
 * NUL-padded, so that comparing them as integers orders them as strcmp
 * orders the keys (NULL counts as "", as in fnd_compare). Only when both
 * are equal does the comparison read the findings (fnd_compare). When a
 * run has more than MAX_GROUPS distinct pairs (a custom rule naming many
 * tables), every record gets rank 0 and no prefix, and fnd_compare decides
 * every comparison, as before.
 */
typedef struct {
    uint64_t k0, k1;
    uint32_t group;
    const pa_finding *f;
} sort_rec;

#define MAX_GROUPS 256

/* The next 8 bytes of *s as a big-endian integer, NUL-padded; advances *s
 * past them (stopping at the NUL). */
static uint64_t be_prefix(const char **s)
{
    uint64_t v = 0;
    const unsigned char *p = (const unsigned char *)*s;
    for (int i = 0; i < 8; i++) {
        unsigned c = p ? *p : 0;
        v = v << 8 | c;
        if (c)
            p++;
    }
    *s = (const char *)p;
    return v;
}

static int cmp_rec(const sort_rec *a, const sort_rec *b)
{
    if (a->group != b->group)
        return a->group < b->group ? -1 : 1;
    if (a->k0 != b->k0)
        return a->k0 < b->k0 ? -1 : 1;
    if (a->k1 != b->k1)
        return a->k1 < b->k1 ? -1 : 1;
    return fnd_compare(a->f, b->f);
}

/* The (rule, table) ranks; false when there are more than MAX_GROUPS pairs. */
static bool rank_groups(sort_rec *r, size_t n)
{
    const pa_finding *pair[MAX_GROUPS];
    uint32_t rank[MAX_GROUPS] = {0};
    int npairs = 0, last = -1;
    for (size_t i = 0; i < n; i++) {
        const pa_finding *f = r[i].f;
        int g = last;
        if (g < 0 || cmp_str(pair[g]->rule, f->rule) || cmp_str(pair[g]->table, f->table)) {
            for (g = 0; g < npairs; g++)
                if (!cmp_str(pair[g]->rule, f->rule) && !cmp_str(pair[g]->table, f->table))
                    break;
            if (g == npairs) {
                if (npairs == MAX_GROUPS)
                    return false;
                pair[npairs++] = f;
            }
            last = g;
        }
        r[i].group = (uint32_t)g;
    }
    for (int g = 0; g < npairs; g++) { /* rank = how many pairs sort before */
        rank[g] = 0;
        for (int h = 0; h < npairs; h++) {
            int c = cmp_str(pair[h]->rule, pair[g]->rule);
            rank[g] += c < 0 || (c == 0 && cmp_str(pair[h]->table, pair[g]->table) < 0);
        }
    }
    for (size_t i = 0; i < n; i++)
        r[i].group = rank[r[i].group];
    return true;
}

/*
 * A stable natural merge sort. The findings arrive grouped by rule in rule
 * order, and many rules report rows in key order, so the list is mostly
 * ascending runs: finding them costs one comparison per finding, and only
 * the runs that are out of order get merged. Being stable, it gives
 * exactly the order the previous glibc qsort (a stable merge sort for
 * elements this large) gave, ties included: the order of equal findings is
 * the order they were reported in.
 */
static void merge_runs(sort_rec *a, sort_rec *tmp, size_t lo, size_t mid, size_t hi)
{
    if (cmp_rec(&a[mid - 1], &a[mid]) <= 0)
        return; /* already in order */
    memcpy(tmp + lo, a + lo, (mid - lo) * sizeof *a);
    size_t i = lo, j = mid, k = lo;
    while (i < mid && j < hi)
        a[k++] = cmp_rec(&a[j], &tmp[i]) < 0 ? a[j++] : tmp[i++];
    while (i < mid)
        a[k++] = tmp[i++];
}

static void sort_recs(sort_rec *a, size_t n)
{
    size_t *runs = xmalloc((n + 1) * sizeof *runs), nruns = 0;
    for (size_t i = 0; i < n;) { /* run starts; a descending pair starts a new run */
        runs[nruns++] = i;
        for (i++; i < n && cmp_rec(&a[i - 1], &a[i]) <= 0; i++)
            ;
    }
    runs[nruns] = n;
    sort_rec *tmp = nruns > 1 ? xmalloc(n * sizeof *tmp) : NULL;
    while (nruns > 1) { /* merge neighbours pairwise until one run is left */
        size_t k = 0;
        for (size_t r = 0; r < nruns; r += 2) {
            if (r + 1 < nruns)
                merge_runs(a, tmp, runs[r], runs[r + 1], runs[r + 2]);
            runs[k++] = runs[r];
        }
        runs[k] = n;
        nruns = k;
    }
    free(tmp);
    free(runs);
}

/*
 * The fingerprint hashes rule, table, key, column and discriminator with two
 * FNV-1a chains (h1, h2; core/util.c's hash_bytes): each field is hashed from
 * the basis XOR the chain so far, then a 0x1f separator likewise, and h2
 * also mixes in the field's position. When several findings share all five
 * (say, two rows with the same duplicated key), an occurrence number tells
 * them apart; sorting puts such findings next to each other, so the number
 * is stable under row reordering.
 *
 * Both chains walk each field once here, in step, without strlen, and the
 * hex digits are written by hand: calling hash_bytes four times per field
 * and snprintf per finding was most of what finalizing cost. The values
 * are those of the hash_bytes form (a unit test compares the two).
 */
#define FNV_BASIS 1469598103934665603ULL
#define FNV_PRIME 1099511628211ULL

void fnd_fingerprint(const pa_finding *f, unsigned occurrence, char out[33])
{
    static const char hex[] = "0123456789abcdef";
    uint64_t h1 = 0x9e3779b97f4a7c15ULL, h2 = 0xc2b2ae3d27d4eb4fULL;
    const char *parts[] = {f->rule, f->table, f->key, f->column, f->disc};
    for (int i = 0; i < 5; i++) {
        uint64_t a = FNV_BASIS ^ h1, b = FNV_BASIS ^ (h2 ^ (uint64_t)(i + 1) * 0x100000001b3ULL);
        for (const unsigned char *p = (const unsigned char *)(parts[i] ? parts[i] : ""); *p; p++) {
            a = (a ^ *p) * FNV_PRIME;
            b = (b ^ *p) * FNV_PRIME;
        }
        h1 = ((FNV_BASIS ^ a) ^ 0x1f) * FNV_PRIME;
        h2 = ((FNV_BASIS ^ b) ^ 0x1f) * FNV_PRIME;
    }
    if (occurrence) {
        h1 = hash_bytes(&occurrence, sizeof occurrence, h1);
        h2 = hash_bytes(&occurrence, sizeof occurrence, h2);
    }
    for (int i = 0; i < 16; i++) {
        out[15 - i] = hex[(h1 >> (4 * i)) & 0xF];
        out[31 - i] = hex[(h2 >> (4 * i)) & 0xF];
    }
    out[32] = '\0';
}

static bool same_identity(const pa_finding *a, const pa_finding *b)
{
    return !cmp_str(a->rule, b->rule) && !cmp_str(a->table, b->table) && !cmp_str(a->key, b->key) &&
           !cmp_str(a->column, b->column) && !cmp_str(a->disc, b->disc);
}

/*
 * Sorts records (see sort_rec), then puts the findings in that order in
 * place, cycle by cycle (each finding moves once), rather than copying
 * them into a new array: on a hundred thousand findings a new array is
 * 20 MB of fresh pages, and first-touch page faults were a large part of
 * the report phase's time on the benchmark machine.
 */
static void permute(pa_findings *l, sort_rec *r)
{
    for (size_t i = 0; i < l->n; i++)
        r[i].k0 = (uint64_t)(r[i].f - l->v); /* the prefixes are not needed any more */
    for (size_t i = 0; i < l->n; i++) {
        if (r[i].k0 == i)
            continue;
        pa_finding held = l->v[i];
        size_t j = i;
        for (;;) {
            size_t k = (size_t)r[j].k0;
            r[j].k0 = j; /* placed */
            if (k == i) {
                l->v[j] = held;
                break;
            }
            l->v[j] = l->v[k];
            j = k;
        }
    }
}

void fnd_finalize(pa_findings *l)
{
    if (l->n > 1) {
        sort_rec *r = xmalloc(l->n * sizeof *r);
        for (size_t i = 0; i < l->n; i++)
            r[i].f = &l->v[i];
        bool ranked = rank_groups(r, l->n);
        for (size_t i = 0; i < l->n; i++) {
            const char *k = ranked ? l->v[i].key : NULL;
            r[i].k0 = be_prefix(&k);
            r[i].k1 = be_prefix(&k);
            if (!ranked)
                r[i].group = 0;
        }
        sort_recs(r, l->n);
        permute(l, r);
        free(r);
    }
    unsigned occ = 0;
    for (size_t i = 0; i < l->n; i++) {
        occ = (i > 0 && same_identity(&l->v[i - 1], &l->v[i])) ? occ + 1 : 0;
        fnd_fingerprint(&l->v[i], occ, l->v[i].fingerprint);
    }
}
