/*
 * core/arena.h - an append-only arena of strings for text that is not worth
 * interning. A string is stored as its length (4 bytes), its bytes and a
 * NUL, padded to a multiple of 4 bytes, and named by its offset divided by
 * 4, so a 32-bit reference reaches 16 GiB of text. Unlike the string pool
 * (core/strpool.h) there is no hash table and no lookup: adding is a copy at
 * the end, and equal strings are stored twice. It is read-only once the
 * table is loaded.
 */
#ifndef PA_ARENA_H
#define PA_ARENA_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

typedef struct {
    char *data;
    size_t len, cap; /* bytes; always a multiple of 4 */
} pa_arena;

uint32_t arena_add(pa_arena *a, const char *s, size_t n);
/* Append all of b's strings after a's; a reference r of b becomes the
 * returned base + r in a. */
uint32_t arena_append(pa_arena *a, const pa_arena *b);
void arena_free(pa_arena *a);
/* Fault in the pages wholly inside [p, p + n) at once, before a copy of a
 * megabyte or more into fresh memory (arena_append, store/table_concat.c). */
void arena_populate(void *p, size_t n);

static inline const char *arena_str(const pa_arena *a, uint32_t ref, size_t *n)
{
    const char *p = a->data + (size_t)ref * 4;
    uint32_t len;
    memcpy(&len, p, sizeof len);
    if (n)
        *n = len;
    return p + 4;
}

#endif
