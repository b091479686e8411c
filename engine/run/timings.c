/*
 * run/timings.c - --timings: the wall time of each phase of a run, the ten
 * slowest rules (with the instructions each ran) and the summed rule time
 * of each domain, on stderr; and --stats: every selected rule's status,
 * findings, rows read, instructions and time as a JSON file, which `make
 * bench` and the complexity test read. Neither is ever part of a report, so
 * reports stay byte-identical between runs. May include core/, model/,
 * lua/ (the rows a rule reads) and report/ (JSON strings).
 */
#include "run/timings.h"
#include "core/outfile.h"
#include "core/util.h"
#include "lua/runtime.h"
#include "report/json_escape.h"

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

/* The ten slowest rules, with their own wall time and instruction count. */
static void slowest_rules(const pa_registry *reg, const pa_result *res)
{
    int *idx = xmalloc(((size_t)reg->n + 1) * sizeof *idx), n = 0;
    for (int i = 0; i < reg->n; i++)
        if (reg->v[i].selected && !reg->v[i].engine)
            idx[n++] = i;
    timed = res;
    qsort(idx, (size_t)n, sizeof *idx, by_seconds);
    for (int k = 0; k < n && k < 10; k++)
        fprintf(stderr, "pmoaudit: timing   %-10s %8.3f s %15llu instructions\n", reg->v[idx[k]].id,
                res[idx[k]].seconds, (unsigned long long)res[idx[k]].instructions);
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

/*
 * --stats FILE: one JSON object per selected rule, in registry order: its
 * status, findings, rows, instructions, wall seconds and CPU seconds (of
 * its worker thread; steadier than the wall time on a busy machine). The
 * instruction count is what the rule's budget was charged (the same on
 * every run of the same data); rows are those of the tables the rule
 * declares, which its budget allows for. The engine's DAT checks have no
 * count (null). Written atomically; returns 0, or -1 with *err.
 */
int timing_stats(const char *path, const pa_registry *reg, const pa_result *res, const pa_store *st, char **err)
{
    sbuf b;
    sb_init(&b);
    sb_puts(&b, "{\n  \"rules\": [");
    const char *sep = "\n";
    for (int i = 0; i < reg->n; i++) {
        const pa_rule *r = &reg->v[i];
        if (!r->selected)
            continue;
        sb_printf(&b, "%s    {\"id\": ", sep);
        json_str(&b, r->id);
        sb_printf(&b, ", \"status\": \"%s\", \"findings\": %zu, ", status_name(res[i].status), res[i].count);
        if (r->engine)
            sb_puts(&b, "\"rows\": null, \"instructions\": null");
        else
            sb_printf(&b, "\"rows\": %llu, \"instructions\": %llu", (unsigned long long)lrt_rule_rows(st, r),
                      (unsigned long long)res[i].instructions);
        sb_printf(&b, ", \"seconds\": %.6f, \"cpu_seconds\": %.6f}", res[i].seconds, res[i].cpu_seconds);
        sep = ",\n";
    }
    sb_puts(&b, "\n  ]\n}\n");
    int rc = out_write(path, b.data, b.len, err);
    sb_free(&b);
    return rc;
}
