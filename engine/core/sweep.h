/*
 * core/sweep.h - the sums of overlapping intervals, by one sort and one
 * sweep: given items [lo, hi] (inclusive integer coordinates, such as
 * day or month indexes) with an integer amount and a group, find in each
 * group the runs of coordinates over which the items covering them, and so
 * their sum, stay the same, and hand the runs whose sum exceeds a limit to
 * the caller with the items that make them up. Work is counted, not timed:
 * the caller charges it to a budget and tests check that it grows linearly.
 */
#ifndef PA_SWEEP_H
#define PA_SWEEP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct {
    int64_t lo, hi;  /* lo <= hi */
    int64_t amount;
    uint32_t group;  /* items of a group are summed together; groups run in ascending order */
} sweep_item;

/* A run: coordinates lo..hi of group, items[0..n) (indexes into the
 * caller's item array, ascending) covering every coordinate of it. */
typedef struct {
    uint32_t group;
    int64_t lo, hi;
    int64_t sum;
    const uint32_t *items;
    size_t n;
} sweep_run_t;

/* Called for each run over the limit; returning false stops the sweep
 * of that group (first = the first run only). */
typedef bool (*sweep_emit_fn)(void *ud, const sweep_run_t *run);

/* Scratch the caller provides, so that it can count the memory: for n items,
 * 2n events and n + n + n uint32 (active set, positions, sorting). */
typedef struct {
    int64_t coord;
    uint32_t group;
    uint32_t item;   /* high bit set: the item ends (its hi + 1) */
} sweep_event;

/* Bytes of scratch for n items. */
size_t sweep_scratch_size(size_t n);

/*
 * Sweep n items against limit (a run is emitted when its sum > limit).
 * scratch holds sweep_scratch_size(n) bytes, aligned for int64_t. Returns
 * the work done (events sorted and applied, items listed) in *work; false
 * when a running sum would overflow int64_t (nothing more is emitted).
 */
bool sweep_run(const sweep_item *items, size_t n, int64_t limit, void *scratch, sweep_emit_fn emit, void *ud,
               uint64_t *work);

#endif
