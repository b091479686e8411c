/*
 * fuzz_sweep.c - libFuzzer harness for core/sweep.c and model/period.c.
 * Bytes become up to 256 intervals (4 bytes each: start, length, signed
 * amount, group) and a limit; every run the sweep reports must match a
 * brute force over every coordinate (its sum, over the limit, its items
 * exactly those covering it, ascending), and every coordinate over the
 * limit must lie in a reported run. The same bytes, read as dates and
 * month counts, must satisfy add_months and months_between's definitions:
 * the result lies in the target month, on the same day or its month's
 * last, and months_between(a, add_months(a, k)) is k whenever the day was
 * kept.
 */
#include "core/sweep.h"
#include "model/period.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

enum { MAXN = 256, SPAN = 256 + 64, GROUPS = 4 };

typedef struct {
    const sweep_item *it;
    int64_t (*load)[SPAN];
    int64_t limit;
    uint8_t (*covered)[SPAN];
} ud_t;

static bool check_run(void *ud, const sweep_run_t *r)
{
    ud_t *u = ud;
    if (r->sum <= u->limit || r->lo > r->hi || !r->n)
        abort();
    for (int64_t x = r->lo; x <= r->hi; x++) {
        if (u->load[r->group][x] != r->sum)
            abort();
        u->covered[r->group][x] = 1;
    }
    size_t covering = 0;
    for (size_t i = 0; i < r->n; i++) {
        const sweep_item *t = &u->it[r->items[i]];
        if ((i && r->items[i] <= r->items[i - 1]) || t->group != r->group || t->lo > r->lo || t->hi < r->hi)
            abort();
    }
    for (size_t i = 0; i < MAXN; i++) /* and no covering item is missing */
        if (u->it[i].group == r->group && u->it[i].lo <= r->lo && u->it[i].hi >= r->lo && u->it[i].amount != INT64_MIN)
            covering++;
    if (covering != r->n)
        abort();
    return true;
}

static void sweep_case(const uint8_t *data, size_t size)
{
    static sweep_item it[MAXN];
    static int64_t load[GROUPS][SPAN];
    static uint8_t covered[GROUPS][SPAN];
    memset(load, 0, sizeof load);
    memset(covered, 0, sizeof covered);
    int64_t limit = size ? (int64_t)data[0] * 2 - 128 : 0;
    size_t n = size > 1 ? (size - 1) / 4 : 0;
    n = n > MAXN ? MAXN : n;
    for (size_t i = 0; i < MAXN; i++)
        it[i] = (sweep_item){0, 0, INT64_MIN, 0xffffffffu}; /* unused slots match no group */
    /* items must come in ascending group order for the runs' group order,
     * but the sweep sorts: feed them as they come */
    for (size_t i = 0; i < n; i++) {
        const uint8_t *p = data + 1 + 4 * i;
        int64_t lo = p[0], hi = lo + (p[1] & 63);
        it[i] = (sweep_item){lo, hi, (int8_t)p[2], (uint32_t)(p[3] % GROUPS)};
        for (int64_t x = lo; x <= hi; x++)
            load[it[i].group][x] += it[i].amount;
    }
    void *scratch = malloc(sweep_scratch_size(n ? n : 1));
    ud_t u = {it, load, limit, covered};
    uint64_t work = 0;
    if (!sweep_run(it, n, limit, scratch, check_run, &u, &work))
        abort(); /* small amounts never overflow */
    for (int g = 0; g < GROUPS; g++)
        for (int x = 0; x < SPAN; x++) {
            int any = 0;
            for (size_t i = 0; i < n; i++)
                any |= it[i].group == (uint32_t)g && it[i].lo <= x && it[i].hi >= x;
            if (any && load[g][x] > limit && !covered[g][x])
                abort(); /* a coordinate over the limit in no run */
        }
    free(scratch);
}

static void months_case(const uint8_t *data, size_t size)
{
    for (size_t i = 0; i + 5 <= size; i += 5) {
        uint32_t v = (uint32_t)data[i] | (uint32_t)data[i + 1] << 8 | (uint32_t)data[i + 2] << 16;
        pa_date a = (pa_date)(v % 3652059u) + PERIOD_MIN_DATE; /* any day of the calendar */
        int64_t k = (int16_t)((uint16_t)data[i + 3] | (uint16_t)data[i + 4] << 8);
        pa_date b;
        if (!period_add_months(a, k, &b))
            continue;
        int ya, ma, da, yb, mb, db;
        date_to_ymd(a, &ya, &ma, &da);
        date_to_ymd(b, &yb, &mb, &db);
        if ((int64_t)yb * 12 + mb != (int64_t)ya * 12 + ma + k)
            abort(); /* not the target month */
        if (db != da && (db > da || period_month_end(b) != b))
            abort(); /* neither the same day nor the month's last */
        if (db == da && period_months_between(a, b) != k)
            abort();
        if (period_month_start(b) > b || period_month_end(b) < b)
            abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    sweep_case(data, size);
    months_case(data, size);
    return 0;
}
