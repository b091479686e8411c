/*
 * run/timings.c - --timings: the wall time of each phase of a run, the ten
 * slowest rules and the summed rule time of each domain, on stderr. Never
 * part of a report, so reports stay byte-identical between runs. May
 * include core/ and model/.
 */
#include "run/timings.h"
#include "core/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

double timing_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void timing_phase(bool on, const char *name, double *t0)
{
    double t = timing_now();
    if (on)
        fprintf(stderr, "pmoaudit: timing %-8s %8.3f s\n", name, t - *t0);
    *t0 = t;
}

static const pa_result *timed; /* for by_seconds; --timings runs single-threaded here */

static int by_seconds(const void *a, const void *b)
{
    double x = timed[*(const int *)a].seconds, y = timed[*(const int *)b].seconds;
    return x < y ? 1 : x > y ? -1 : *(const int *)a - *(const int *)b;
}

/* The ten slowest rules, with their own wall time. */
static void slowest_rules(const pa_registry *reg, const pa_result *res)
{
    int *idx = xmalloc(((size_t)reg->n + 1) * sizeof *idx), n = 0;
    for (int i = 0; i < reg->n; i++)
        if (reg->v[i].selected && !reg->v[i].engine)
            idx[n++] = i;
    timed = res;
    qsort(idx, (size_t)n, sizeof *idx, by_seconds);
    for (int k = 0; k < n && k < 10; k++)
        fprintf(stderr, "pmoaudit: timing   %-10s %8.3f s\n", reg->v[idx[k]].id, res[idx[k]].seconds);
    free(idx);
}

/* The summed rule time of each domain, in registry order (what `make
 * bench` reports per domain). With several workers the sums add up to more
 * than the rules phase's wall time. */
static void domain_times(const pa_registry *reg, const pa_result *res)
{
    for (int i = 0; i < reg->n; i++) {
        const char *d = reg->v[i].domain ? reg->v[i].domain : "";
        bool seen = !reg->v[i].selected;
        for (int j = 0; j < i && !seen; j++)
            seen = reg->v[j].selected && strcmp(reg->v[j].domain ? reg->v[j].domain : "", d) == 0;
        if (seen)
            continue;
        double s = 0;
        for (int j = i; j < reg->n; j++)
            if (reg->v[j].selected && strcmp(reg->v[j].domain ? reg->v[j].domain : "", d) == 0)
                s += res[j].seconds;
        fprintf(stderr, "pmoaudit: timing domain %-8s %8.3f s\n", d, s);
    }
}

void timing_rules(const pa_registry *reg, const pa_result *res)
{
    slowest_rules(reg, res);
    domain_times(reg, res);
}
