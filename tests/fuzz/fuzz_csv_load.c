/*
 * fuzz_csv_load.c - libFuzzer harness for the CSV loader with typing: any
 * bytes as the file of a table of the data model. The first byte picks the
 * table (so every table's column types are reached), the rest is the file.
 * Every cell goes through its column's parser (model/value.c) and the DAT-001 and
 * DAT-002 findings are built, exactly as `pmoaudit run` does. A second,
 * small max_cell exercises the cell-size limit on the same input.
 */
#include "model/finding.h"
#include "load/table_load.h"
#include "model/schema.h"
#include "store/store.h"

#include <stdint.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    const pa_tabledef *def = &schema_tables[data[0] % schema_ntables];
    pa_load_opts lo = {.max_cell = (data[0] & 0x80) ? 256 : 0};
    pa_store st;
    store_init(&st, "fuzz");
    pa_findings out;
    fnd_init(&out);
    char *err = NULL;
    load_buffer(&st, (const char *)data + 1, size - 1, "fuzz.csv", def->name, &lo, &out, &err);
    free(err);
    fnd_free(&out);
    store_free(&st);
    return 0;
}
