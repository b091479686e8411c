/*
 * fuzz_values.c - libFuzzer harness for every cell value parser of model/value.c:
 * int, number, money, date, bool, and the header and enum normalisers, on
 * the same bytes (an exact-size heap copy, so ASan catches a read past the
 * cell). Parsed dates must print and parse back to themselves; parsed
 * numbers must format without overflowing the buffer.
 */
#include "model/value.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = malloc(size ? size : 1);
    if (size)
        memcpy(s, data, size);
    int64_t i;
    double d;
    bool b;
    pa_date day;
    char buf[64];
    (void)val_parse_int(s, size, &i);
    if (val_parse_number(s, size, &d))
        val_format_number(d, buf, sizeof buf);
    if (val_parse_money(s, size, &d))
        val_format_number(d, buf, sizeof buf);
    (void)val_parse_bool(s, size, &b);
    if (val_parse_date(s, size, &day)) {
        char iso[11];
        pa_date back;
        date_format(day, iso);
        if (!val_parse_date(iso, strlen(iso), &back) || back != day)
            abort(); /* a date that does not survive a round trip */
    }
    char norm[256];
    val_norm_header(s, size, norm, sizeof norm);
    val_norm_enum(s, size, norm, sizeof norm);
    free(s);
    return 0;
}
