/*
 * fuzz_config.c - libFuzzer harness for the config loader (cmd/config.c): any
 * bytes as pmoaudit.lua. The loader reads a path, so each input is written
 * to a private temporary file first. Whatever the input, config_load must
 * return 0 or -1 with a message, within its instruction limit.
 */
#include "cmd/config.h"

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
        snprintf(path, sizeof path, "/tmp/pa-fuzz-config-%ld.lua", (long)getpid());
    FILE *f = fopen(path, "wb");
    if (!f)
        abort();
    fwrite(data, 1, size, f);
    fclose(f);
    pa_runopts o;
    memset(&o, 0, sizeof o);
    pa_config cfg;
    char *err = NULL;
    int rc = config_load(path, &o, &cfg, &err);
    unlink(path); /* no file left behind, even when the run stops here */
    if (rc != 0 && !err)
        abort(); /* a failure without a message */
    free(err);
    free((void *)o.rule_paths);
    free((void *)o.sets);
    free((void *)o.set_where);
    config_free(&cfg);
    return 0;
}
