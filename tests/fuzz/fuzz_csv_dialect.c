/*
 * fuzz_csv_dialect.c - libFuzzer harness for the CSV reader's dialect and
 * encoding handling (load/csv_read.c): byte-order marks, refusal of UTF-16, the
 * delimiter and the cell-size cap, on any bytes. The first byte picks the
 * delimiter and a small or default cell cap. Reported error positions must
 * be sane (a line within the input).
 *
 * This tree has no import-profile dialect detection yet; when that lands
 * (delimiter and encoding sniffing), point this harness at it.
 */
#include "load/csv_read.h"

#include <stdint.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

typedef struct {
    size_t fields, rows;
    uint32_t last_line;
} tally;

static void on_field(void *ud, size_t index, const char *d, size_t len, uint32_t line)
{
    tally *t = ud;
    (void)index;
    if (len && d == NULL)
        abort();
    if (line < t->last_line)
        abort(); /* rows start on ascending lines */
    t->fields++;
}

static bool on_row(void *ud, size_t nfields, uint32_t line)
{
    tally *t = ud;
    (void)nfields;
    t->last_line = line;
    return ++t->rows < 100000;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char delims[] = {0, ';', '\t', '|', ','};
    if (size < 1)
        return 0;
    tally t = {0, 0, 0};
    csvr_opts o = {.field = on_field, .row = on_row, .ud = &t, .delim = delims[data[0] % 5],
                   .max_cell = (data[0] & 0x80) ? 300 : 0};
    csvr_error e;
    int rc = csvr_buffer((const char *)data + 1, size - 1, &o, &e);
    if (rc != CSVR_OK && rc != CSVR_ESTOPPED && e.line > size + 1)
        abort(); /* an error located past the end of the input */
    return 0;
}
