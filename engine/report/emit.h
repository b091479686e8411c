/*
 * report/emit.h - appending to an sbuf from the report writers' per-finding loops.
 * A report of a hundred thousand findings makes tens of millions of small
 * appends; sb_printf parses its format and formats into a scratch buffer
 * every time, and sb_add is a call into core/util.c even when the bytes fit.
 * Here a literal's length is known at compile time (EM_LIT), an append that
 * fits is an inline memcpy (em_add), and numbers and dates are written
 * digit by digit (em_uint, em_date). The bytes are the same as the printf
 * forms they replace ("%u", "%zu", "%lld", date_format).
 */
#ifndef PA_EMIT_H
#define PA_EMIT_H

#include "core/util.h"
#include "model/value.h"

#include <stdint.h>
#include <string.h>

/* Append n bytes; keeps the sbuf NUL-terminated like sb_add. */
static inline void em_add(sbuf *b, const char *s, size_t n)
{
    if (b->len + n < b->cap) {
        memcpy(b->data + b->len, s, n);
        b->len += n;
        b->data[b->len] = '\0';
    } else {
        sb_add(b, s, n);
    }
}

/* Append a string literal without strlen. */
#define EM_LIT(b, lit) em_add((b), "" lit, sizeof(lit) - 1)

static inline void em_putc(sbuf *b, char c)
{
    if (b->len + 1 < b->cap) {
        b->data[b->len++] = c;
        b->data[b->len] = '\0';
    } else {
        sb_putc(b, c);
    }
}

static inline void em_str(sbuf *b, const char *s)
{
    em_add(b, s, strlen(s));
}

/* v in decimal, as "%llu" writes it. */
void em_uint(sbuf *b, uint64_t v);
/* v in decimal, as "%lld" writes it. */
void em_int(sbuf *b, int64_t v);
/* The digits of v into buf (at least 21 bytes), NUL-terminated; returns
 * their count. */
size_t em_utoa(uint64_t v, char *buf);
/* d as YYYY-MM-DD, as date_format writes it. */
void em_date(sbuf *b, pa_date d);

#endif
