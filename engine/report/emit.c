/*
 * report/emit.c - numbers and dates written into report buffers without the
 * printf family (see report/emit.h for why). Two digits at a time from a table,
 * right to left, which is what printf does minus the format parsing.
 */
#include "report/emit.h"

static const char digits2[] = "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
                              "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
                              "8081828384858687888990919293949596979899";

size_t em_utoa(uint64_t v, char *buf)
{
    char tmp[20];
    size_t i = sizeof tmp;
    while (v >= 100) {
        unsigned k = (unsigned)(v % 100) * 2;
        v /= 100;
        tmp[--i] = digits2[k + 1];
        tmp[--i] = digits2[k];
    }
    if (v >= 10) {
        unsigned k = (unsigned)v * 2;
        tmp[--i] = digits2[k + 1];
        tmp[--i] = digits2[k];
    } else {
        tmp[--i] = (char)('0' + v);
    }
    size_t n = sizeof tmp - i;
    memcpy(buf, tmp + i, n);
    buf[n] = '\0';
    return n;
}

void em_uint(sbuf *b, uint64_t v)
{
    char buf[21];
    em_add(b, buf, em_utoa(v, buf));
}

void em_int(sbuf *b, int64_t v)
{
    if (v < 0) {
        em_putc(b, '-');
        em_uint(b, 0 - (uint64_t)v); /* INT64_MIN too: unsigned negation */
    } else {
        em_uint(b, (uint64_t)v);
    }
}

void em_date(sbuf *b, pa_date d)
{
    char day[11];
    date_format(d, day);
    em_add(b, day, 10);
}
