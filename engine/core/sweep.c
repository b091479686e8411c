/*
 * core/sweep.c - sums of overlapping intervals by sort and sweep (see
 * core/sweep.h). Each item makes two events, its start at lo and its end
 * at hi + 1; the events are sorted by group and coordinate (a merge sort
 * whose comparisons are counted), then applied in order, keeping the set
 * of covering items and their sum. Between two consecutive coordinates the
 * set does not change: that is a run. A run over the limit lists its items
 * in ascending order (a sort of the active set, counted too). Work is
 * O(n log n) for the sort plus the items listed, never items x days.
 */
#include "core/sweep.h"

#include <string.h>

#define ENDS 0x80000000u

size_t sweep_scratch_size(size_t n)
{
    return 2 * 2 * n * sizeof(sweep_event) + 3 * n * sizeof(uint32_t);
}

static bool ev_before(const sweep_event *a, const sweep_event *b)
{
    if (a->group != b->group)
        return a->group < b->group;
    return a->coord < b->coord;
}

/* Bottom-up merge sort of v[0..n) with tmp of the same size; stable, so
 * events of one coordinate stay in item order. Returns the sorted array
 * (v or tmp) and adds the comparisons to *work. */
static sweep_event *ev_sort(sweep_event *v, sweep_event *tmp, size_t n, uint64_t *work)
{
    for (size_t w = 1; w < n; w *= 2) {
        for (size_t lo = 0; lo < n; lo += 2 * w) {
            size_t mid = lo + w < n ? lo + w : n, hi = lo + 2 * w < n ? lo + 2 * w : n;
            size_t i = lo, j = mid, k = lo;
            while (i < mid && j < hi) {
                tmp[k++] = ev_before(&v[j], &v[i]) ? v[j++] : v[i++];
                (*work)++;
            }
            while (i < mid)
                tmp[k++] = v[i++];
            while (j < hi)
                tmp[k++] = v[j++];
        }
        sweep_event *s = v;
        v = tmp;
        tmp = s;
        *work += n / 16 + 1; /* the copying of a pass */
    }
    return v;
}

/* Insertion of the few, or a shell sort of the many, ascending: the active
 * set of a run listed in item order. Counted in *work. */
static void ids_sort(uint32_t *a, size_t n, uint64_t *work)
{
    static const size_t gaps[] = {701, 301, 132, 57, 23, 10, 4, 1};
    for (size_t g = 0; g < sizeof gaps / sizeof *gaps; g++) {
        size_t gap = gaps[g];
        for (size_t i = gap; i < n; i++) {
            uint32_t x = a[i];
            size_t j = i;
            while (j >= gap && a[j - gap] > x) {
                a[j] = a[j - gap];
                j -= gap;
                (*work)++;
            }
            a[j] = x;
            (*work)++;
        }
    }
}

typedef struct {
    uint32_t *active, *pos, *list;
    size_t nactive;
    int64_t sum;
} state;

static bool apply(state *s, const sweep_item *items, uint32_t ev)
{
    uint32_t it = ev & ~ENDS;
    int64_t a = items[it].amount;
    if (ev & ENDS) {
        a = -a;
        uint32_t p = s->pos[it], last = s->active[--s->nactive];
        s->active[p] = last;
        s->pos[last] = p;
    } else {
        s->pos[it] = (uint32_t)s->nactive;
        s->active[s->nactive++] = it;
    }
    if ((a > 0 && s->sum > INT64_MAX - a) || (a < 0 && s->sum < INT64_MIN - a))
        return false;
    s->sum += a;
    return true;
}

bool sweep_run(const sweep_item *items, size_t n, int64_t limit, void *scratch, sweep_emit_fn emit, void *ud,
               uint64_t *work)
{
    *work = 0;
    sweep_event *ev = scratch, *tmp = ev + 2 * n;
    state s = {(uint32_t *)(tmp + 2 * n), NULL, NULL, 0, 0};
    s.pos = s.active + n;
    s.list = s.pos + n;
    for (size_t i = 0; i < n; i++) {
        ev[2 * i] = (sweep_event){items[i].lo, items[i].group, (uint32_t)i};
        ev[2 * i + 1] = (sweep_event){items[i].hi + 1, items[i].group, (uint32_t)i | ENDS};
    }
    size_t ne = 2 * n;
    ev = ev_sort(ev, tmp, ne, work);
    bool stopped = false;
    for (size_t e = 0; e < ne;) {
        size_t f = e;
        for (; f < ne && ev[f].group == ev[e].group && ev[f].coord == ev[e].coord; f++)
            if (!apply(&s, items, ev[f].item))
                return false;
        *work += f - e;
        bool group_ends = f == ne || ev[f].group != ev[e].group;
        if (group_ends) {
            stopped = false; /* the set is empty again: the next group starts fresh */
        } else if (!stopped && s.nactive && s.sum > limit) {
            memcpy(s.list, s.active, s.nactive * sizeof *s.list);
            ids_sort(s.list, s.nactive, work);
            sweep_run_t r = {ev[e].group, ev[e].coord, ev[f].coord - 1, s.sum, s.list, s.nactive};
            stopped = !emit(ud, &r);
        }
        e = f;
    }
    return true;
}
