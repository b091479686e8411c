/*
 * test_period.c - model/period.c and core/sweep.c. Month arithmetic at its
 * edges (month ends clamped, leap years including 1900 and 2000, negative
 * months, year boundaries, the calendar's ends), whole months between two
 * dates against the definition by add_months, ISO weeks at year
 * boundaries, period indexes and keys; then the sweep against a brute force
 * over every coordinate on random items, and its work on growing inputs:
 * counted, never timed, it must grow like n log n and not like n x span.
 */
#include "core/sweep.h"
#include "core/util.h"
#include "model/period.h"
#include "test.h"

#include <stdint.h>
#include <stdlib.h>

static pa_date D(int y, int m, int d)
{
    return date_from_ymd(y, m, d);
}

/* d + n months, formatted ("out" when outside the calendar). */
static const char *plus(pa_date d, int64_t n)
{
    static char buf[16];
    pa_date r;
    if (!period_add_months(d, n, &r))
        return "out";
    date_format(r, buf);
    return buf;
}

static void months(void)
{
    CASE("add_months clamps the day to the month's length");
    CHECK_STR(plus(D(2026, 1, 31), 1), "2026-02-28");
    CHECK_STR(plus(D(2024, 1, 31), 1), "2024-02-29");  /* leap year */
    CHECK_STR(plus(D(1900, 1, 31), 1), "1900-02-28");  /* not a leap year: divisible by 100 */
    CHECK_STR(plus(D(2000, 1, 31), 1), "2000-02-29");  /* leap: divisible by 400 */
    CHECK_STR(plus(D(2024, 2, 29), 12), "2025-02-28");
    CHECK_STR(plus(D(2024, 2, 29), 48), "2028-02-29");
    CHECK_STR(plus(D(2026, 3, 31), 1), "2026-04-30");
    CHECK_STR(plus(D(2026, 1, 15), 0), "2026-01-15");
    CASE("add_months backwards and across years");
    CHECK_STR(plus(D(2026, 3, 31), -1), "2026-02-28");
    CHECK_STR(plus(D(2026, 1, 31), -1), "2025-12-31");
    CHECK_STR(plus(D(2026, 1, 10), -13), "2024-12-10");
    CHECK_STR(plus(D(2025, 12, 31), 2), "2026-02-28");
    CHECK_STR(plus(D(2026, 5, 31), -15), "2025-02-28");
    CASE("add_months at the calendar's ends");
    CHECK_STR(plus(D(9999, 12, 1), 1), "out");
    CHECK_STR(plus(D(9999, 11, 30), 1), "9999-12-30");
    CHECK_STR(plus(D(1, 1, 31), -1), "out");
    CHECK_STR(plus(D(1, 2, 28), -1), "0001-01-28");
    CHECK_STR(plus(D(2026, 1, 1), INT64_MAX), "out");
    CHECK_STR(plus(D(2026, 1, 1), INT64_MIN), "out");

    CASE("month_start and month_end");
    CHECK(period_month_start(D(2026, 3, 17)) == D(2026, 3, 1));
    CHECK(period_month_end(D(2026, 2, 3)) == D(2026, 2, 28));
    CHECK(period_month_end(D(2024, 2, 3)) == D(2024, 2, 29));
    CHECK(period_month_end(D(2025, 12, 31)) == D(2025, 12, 31));
    CHECK(period_month_start(D(1969, 12, 31)) == D(1969, 12, 1)); /* before day 0 */

    CASE("months_between: whole months, both directions");
    CHECK(period_months_between(D(2026, 1, 31), D(2026, 2, 28)) == 1);
    CHECK(period_months_between(D(2026, 1, 15), D(2026, 2, 14)) == 0);
    CHECK(period_months_between(D(2026, 1, 15), D(2026, 2, 15)) == 1);
    CHECK(period_months_between(D(2026, 3, 31), D(2026, 2, 28)) == -1);
    CHECK(period_months_between(D(2026, 3, 15), D(2026, 2, 16)) == 0);
    CHECK(period_months_between(D(2025, 12, 31), D(2026, 12, 31)) == 12);
    CHECK(period_months_between(D(2024, 2, 29), D(2025, 2, 28)) == 12);
    CHECK(period_months_between(D(2026, 6, 30), D(2026, 6, 1)) == 0);
    /* the definition: the largest k with a + k months <= b (b >= a), over many pairs */
    int bad = 0;
    for (pa_date a = D(2023, 11, 25); a < D(2024, 4, 5); a += 3)
        for (pa_date b = a - 400; b < a + 400; b += 7) {
            int64_t k = period_months_between(a, b);
            pa_date x, y;
            period_add_months(a, k, &x);
            period_add_months(a, k + (b >= a ? 1 : -1), &y);
            if (b >= a ? !(x <= b && y > b) : !(x >= b && y < b))
                bad++;
        }
    CHECK(bad == 0);
}

static void weeks_and_keys(void)
{
    char k[16];
    int y, w;
    CASE("ISO weeks at year boundaries");
    period_iso_week(D(2026, 1, 1), &y, &w); /* a Thursday: week 1 of 2026 */
    CHECK(y == 2026 && w == 1);
    period_iso_week(D(2021, 1, 3), &y, &w); /* a Sunday: week 53 of 2020 */
    CHECK(y == 2020 && w == 53);
    period_iso_week(D(2024, 12, 30), &y, &w); /* a Monday: week 1 of 2025 */
    CHECK(y == 2025 && w == 1);
    period_iso_week(D(2026, 3, 5), &y, &w);
    CHECK(y == 2026 && w == 10);
    CASE("period keys");
    period_key(PER_WEEK, D(2021, 1, 3), k);
    CHECK_STR(k, "2020-W53");
    period_key(PER_MONTH, D(2026, 3, 5), k);
    CHECK_STR(k, "2026-03");
    period_key(PER_QUARTER, D(2026, 12, 31), k);
    CHECK_STR(k, "2026-Q4");
    period_key(PER_DAY, D(2026, 3, 5), k);
    CHECK_STR(k, "2026-03-05");
    period_key(PER_YEAR, D(2026, 3, 5), k);
    CHECK_STR(k, "2026");
    CASE("period indexes are consecutive; first and last days bound each period");
    period_unit units[] = {PER_DAY, PER_WEEK, PER_MONTH, PER_QUARTER, PER_YEAR};
    int bad = 0;
    for (int u = 0; u < 5; u++)
        for (pa_date d = D(1969, 12, 1); d < D(1971, 2, 1); d++) {
            int64_t i = period_index(units[u], d);
            if (period_first(units[u], i) > d || period_last(units[u], i) < d ||
                period_index(units[u], d + 1) - i > 1 || period_first(units[u], i + 1) != period_last(units[u], i) + 1)
                bad++;
        }
    CHECK(bad == 0);
    CHECK(period_first(PER_WEEK, period_index(PER_WEEK, D(2026, 3, 5))) == D(2026, 3, 2)); /* Monday */
    CHECK(period_last(PER_WEEK, period_index(PER_WEEK, D(1970, 1, 1))) == D(1970, 1, 4)); /* Sunday */
    period_unit u;
    CHECK(period_unit_parse("quarter", &u) && u == PER_QUARTER);
    CHECK(!period_unit_parse("months", &u));
}

/* ---- the sweep ---- */

typedef struct {
    int64_t *load;   /* brute force: per group x coordinate */
    int64_t span, limit;
    int bad, runs;
    const sweep_item *it;
    bool first;
    int64_t last_group;
} check_ud;

/* Every run must match the brute force: each coordinate's sum is the run's
 * and over the limit, and the listed items are exactly those covering it. */
static bool on_run(void *ud, const sweep_run_t *r)
{
    check_ud *c = ud;
    c->runs++;
    if (c->first && c->last_group == (int64_t)r->group)
        c->bad++;
    c->last_group = r->group;
    for (int64_t x = r->lo; x <= r->hi; x++)
        if (c->load[r->group * c->span + x] != r->sum || r->sum <= c->limit)
            c->bad++;
    int64_t sum = 0;
    for (size_t i = 0; i < r->n; i++) {
        const sweep_item *t = &c->it[r->items[i]];
        if (i && r->items[i] <= r->items[i - 1])
            c->bad++; /* ascending */
        if (t->group != r->group || t->lo > r->lo || t->hi < r->hi)
            c->bad++;
        sum += t->amount;
    }
    if (sum != r->sum)
        c->bad++;
    return !c->first;
}

static void sweep_against_brute_force(bool first)
{
    enum { N = 400, GROUPS = 5, SPAN = 120 };
    sweep_item it[N];
    srand(7);
    int64_t *load = xcalloc(GROUPS * SPAN + SPAN, sizeof *load);
    for (int i = 0; i < N; i++) {
        int64_t lo = rand() % 100, hi = lo + rand() % 15;
        it[i] = (sweep_item){lo, hi, 1 + rand() % 40, (uint32_t)(rand() % GROUPS)};
        for (int64_t x = lo; x <= hi; x++)
            load[it[i].group * SPAN + x] += it[i].amount;
    }
    /* count the coordinates over the limit per group, and their runs at least */
    int64_t limit = 180;
    int over = 0, over_groups = 0;
    for (int g = 0; g < GROUPS; g++) {
        int og = 0;
        for (int x = 0; x < SPAN; x++)
            og += load[g * SPAN + x] > limit;
        over += og;
        over_groups += og > 0;
    }
    void *scratch = xmalloc(sweep_scratch_size(N));
    check_ud c = {load, SPAN, limit, 0, 0, it, first, -1};
    uint64_t work = 0;
    CHECK(sweep_run(it, N, limit, scratch, on_run, &c, &work));
    CHECK(c.bad == 0);
    CHECK(over > 0 && over < GROUPS * 100); /* some coordinates over the limit, not all */
    CHECK(first ? c.runs == over_groups : c.runs >= over_groups);
    free(scratch);
    free(load);
}

/* Work of the sweep of n items each spanning span coordinates, all in one
 * group and all overlapping a little, with a limit nothing reaches. */
static uint64_t sweep_work(size_t n, int64_t span)
{
    sweep_item *it = xmalloc(n * sizeof *it);
    for (size_t i = 0; i < n; i++)
        it[i] = (sweep_item){(int64_t)(i * 37 % 1000003), (int64_t)(i * 37 % 1000003) + span, 1, (uint32_t)(i % 3)};
    void *scratch = xmalloc(sweep_scratch_size(n));
    check_ud c = {NULL, 0, INT64_MAX, 0, 0, it, false, -1};
    uint64_t work = 0;
    sweep_run(it, n, INT64_MAX - 1, scratch, on_run, &c, &work);
    free(scratch);
    free(it);
    return work;
}

static bool count_run(void *ud, const sweep_run_t *r)
{
    (void)r;
    (*(int *)ud)++;
    return true;
}

static void sweep_edges(void)
{
    CASE("sweep: touching ranges do not overlap; ends are inclusive");
    sweep_item it[] = {{10, 19, 60, 0}, {20, 29, 60, 0}, {19, 19, 50, 0}};
    void *scratch = xmalloc(sweep_scratch_size(3));
    int runs = 0;
    uint64_t work = 0;
    CHECK(sweep_run(it, 2, 100, scratch, count_run, &runs, &work) && runs == 0);
    CHECK(sweep_run(it, 3, 100, scratch, count_run, &runs, &work) && runs == 1); /* day 19: 60 + 50 */
    CASE("sweep: an overflowing sum is refused");
    sweep_item big[] = {{0, 5, INT64_MAX - 1, 0}, {3, 4, 2, 0}};
    runs = 0;
    CHECK(!sweep_run(big, 2, 0, scratch, count_run, &runs, &work));
    CASE("sweep: no items, no runs");
    runs = 0;
    CHECK(sweep_run(it, 0, 0, scratch, count_run, &runs, &work) && runs == 0 && work == 0);
    free(scratch);
}

void suite_period(void)
{
    months();
    weeks_and_keys();
    CASE("sweep: every run matches a brute force over the coordinates");
    sweep_against_brute_force(false);
    CASE("sweep: first = the first run of each group only");
    sweep_against_brute_force(true);
    sweep_edges();
    CASE("sweep: work grows like n log n, and not with the length of the ranges");
    uint64_t w1 = sweep_work(2000, 30), w4 = sweep_work(8000, 30), wlong = sweep_work(2000, 30000);
    CHECK(w4 < 5 * w1);  /* 4x items: 4 x (log 16000 / log 4000) = 4.7x at most */
    CHECK(w4 > 3 * w1);
    CHECK(wlong < 2 * w1); /* ranges 1000x longer: about the same work */
}
