/*
 * fuzz_xer.c - libFuzzer harness for the P6 XER reader and its mapping
 * (load/xer_read.c, load/xer_map.c): any bytes as an export in a data
 * directory, parsed, mapped onto projects, tasks and resources and fed to
 * the loader as `pmoaudit run` does. The first byte picks the options (a
 * small cell and row limit, a declared Windows-1252 encoding); the rest is
 * the file. Whatever the bytes, every ledger entry must add up (read =
 * loaded + the rows left out), or the harness aborts.
 */
#include "load/xer_map.h"
#include "model/finding.h"
#include "store/store.h"

#include <stdint.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    pa_load_opts lo = {.max_cell = (data[0] & 1) ? 64 : 0, .max_rows = (data[0] & 2) ? 16 : 0,
                       .encoding = (data[0] & 4) ? "windows-1252" : NULL};
    pa_store st;
    store_init(&st, "fuzz");
    pa_findings out;
    fnd_init(&out);
    char *err = NULL;
    /* a heap copy of exactly the file's bytes: ASan sees any read past the end */
    char *copy = malloc(size - 1 ? size - 1 : 1);
    for (size_t i = 1; i < size; i++)
        copy[i - 1] = (char)data[i];
    xmap_load_buffer(&st, copy, size - 1, "fuzz.xer", &lo, &out, &err);
    for (int i = 0; i < st.ledger.n; i++) {
        const pa_ledger_file *e = &st.ledger.v[i];
        if (e->read != e->loaded + ledger_left_rows(e) || e->loaded > e->read)
            abort(); /* a row counted twice or not at all */
    }
    free(copy);
    free(err);
    fnd_free(&out);
    store_free(&st);
    return 0;
}
