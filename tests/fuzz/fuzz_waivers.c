/*
 * fuzz_waivers.c - libFuzzer harness for the waiver loader (collect/waivers.c): any
 * bytes as the --waivers CSV, then applied to a report of two findings. The loader
 * reads a path, so each input is written to a private temporary file. Two
 * findings give the waivers something to match.
 * waivers_load must return 0, or -1 with a message.
 */
#include "collect/findings_sort.h"
#include "collect/report_model.h"
#include "collect/waivers.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char path[64];

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!path[0])
        snprintf(path, sizeof path, "/tmp/pa-fuzz-waivers-%ld.csv", (long)getpid());
    FILE *f = fopen(path, "wb");
    if (!f)
        abort();
    fwrite(data, 1, size, f);
    fclose(f);
    pa_report r;
    memset(&r, 0, sizeof r);
    r.T = 20000;
    fnd_init(&r.all); /* findings for the waivers to match: by key and rule glob */
    fnd_add(&r.all, "SCH-001", SEV_ERROR, "projects", "PRJ-1", "PRJ-1", "p.csv", 2, "end", "x", "m", NULL);
    fnd_add(&r.all, "DAT-002", SEV_WARNING, "tasks", "T-1", NULL, "t.csv", 3, NULL, NULL, "m", "d");
    fnd_finalize(&r.all);
    char *err = NULL;
    int rc = waivers_load(&r, path, &err);
    unlink(path); /* no file left behind, even when the run stops here */
    if (rc == 0)
        waivers_apply(&r);
    else if (!err)
        abort();
    free(err);
    report_free(&r); /* the waivers and the findings */
    return 0;
}
