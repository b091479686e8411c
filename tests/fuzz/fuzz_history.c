/*
 * fuzz_history.c - libFuzzer harness for the history database (history/):
 * any bytes as a --history file, then everything a run and `pmoaudit
 * history` read from it: the checks of hist_open, list and trend, the
 * baseline of a series and the export of run 1. SQLite reads a path, so
 * each input is written to a private temporary file (and its -wal and -shm
 * files are removed after). Each call must return 0, or -1 with a message.
 */
#include "collect/baseline.h"
#include "history/hist_base.h"
#include "history/hist_db.h"
#include "history/hist_export.h"
#include "history/hist_query.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char path[64], wal[72], shm[72];

/* rc must be 0, or -1 with a message; the message is freed. */
static void expect(int rc, char **err)
{
    if (rc != 0 && !*err)
        abort();
    free(*err);
    *err = NULL;
}

static void read_all(pa_history *h)
{
    char *err = NULL;
    sbuf out;
    sb_init(&out);
    expect(hq_list(h, HQ_TABLE, &out, &err), &err);
    hq_filter f = {.project = "PRJ-*", .rule = NULL, .domain = "STD"};
    expect(hq_trend(h, &f, HQ_JSON, &out, &err), &err);
    sb_free(&out);
    pa_baseline b;
    memset(&b, 0, sizeof b);
    bool found = false;
    int rc = hist_baseline(h, "/data", "STD-002,STD-003,STD-004", "2026-03-31", &b, &found, &err);
    expect(rc, &err);
    if (rc == 0 && found)
        expect(hist_watch_reopened(h, &b, &err), &err);
    baseline_free(&b);
    hist_export x;
    expect(hist_export_load(h, 1, &x, &err), &err);
    hist_export_free(&x);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!path[0]) {
        snprintf(path, sizeof path, "/tmp/pa-fuzz-history-%ld.db", (long)getpid());
        snprintf(wal, sizeof wal, "%s-wal", path);
        snprintf(shm, sizeof shm, "%s-shm", path);
    }
    FILE *f = fopen(path, "wb");
    if (!f)
        abort();
    fwrite(data, 1, size, f);
    fclose(f);
    pa_history h;
    char *err = NULL;
    int rc = hist_open(&h, path, false, false, &err);
    expect(rc, &err);
    if (rc == 0) {
        read_all(&h);
        hist_close(&h);
    }
    unlink(path); /* no file left behind */
    unlink(wal);
    unlink(shm);
    return 0;
}
