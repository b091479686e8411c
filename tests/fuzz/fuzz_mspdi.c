/*
 * fuzz_mspdi.c - libFuzzer harness for the MS Project XML reader
 * (load/mspdi_read.c): any bytes as an .xml file. A document that reads
 * must give a header row and rows of the same width, every cell readable
 * (the grid's invariants, checked here with abort()); one that does not
 * must say where (a line) and why. Crashes, leaks and undefined behaviour
 * are caught by the sanitizers.
 */
#include "load/mspdi_read.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    grid g;
    grid_init(&g);
    csvr_error e;
    int rc = mspdi_read_buffer(&g, (const char *)data, size, &e);
    if (rc == CSVR_OK) {
        if (g.nrows < 1 || !g.iso_dates || !g.part)
            abort();
        for (size_t r = 0; r < g.nrows; r++) {
            if (g.width[r] != g.width[0])
                abort();
            for (size_t c = 0; c < g.width[r]; c++) {
                size_t n;
                const char *s = grid_at(&g, r, c, &n);
                if (s && strlen(s) != n)
                    abort();
            }
        }
    } else if (e.message[0] == '\0' || (rc == CSVR_EPARSE && e.line == 0)) {
        abort();
    }
    grid_free(&g);
    return 0;
}
