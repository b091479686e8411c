/*
 * arena.c - the string arena of high-cardinality text columns and link
 * targets (see arena.h for the layout).
 */
#include "arena.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>

/* Past 16 GiB a reference no longer fits: fatal like any allocation failure. */
static void too_big(void)
{
    fprintf(stderr, "pmoaudit: out of memory: more than 16 GiB of text in one column\n");
    exit(70);
}

/* Room for need more bytes: the capacity doubles from 4096, so it is the
 * same whether the bytes come one string or one arena at a time. */
static void reserve(pa_arena *a, size_t need)
{
    if (a->len + need > (size_t)UINT32_MAX * 4)
        too_big();
    if (a->len + need > a->cap) {
        size_t ncap = a->cap ? a->cap * 2 : 4096;
        while (ncap < a->len + need)
            ncap *= 2;
        a->data = xrealloc(a->data, ncap);
        a->cap = ncap;
    }
}

uint32_t arena_add(pa_arena *a, const char *s, size_t n)
{
    if (n > UINT32_MAX - 8)
        too_big();
    size_t need = (4 + n + 1 + 3) & ~(size_t)3;
    reserve(a, need);
    char *p = a->data + a->len;
    uint32_t len = (uint32_t)n;
    memcpy(p, &len, sizeof len);
    memcpy(p + 4, s, n);
    memset(p + 4 + n, 0, need - 4 - n);
    uint32_t ref = (uint32_t)(a->len / 4);
    a->len += need;
    return ref;
}

uint32_t arena_append(pa_arena *a, const pa_arena *b)
{
    uint32_t base = (uint32_t)(a->len / 4);
    if (b->len == 0)
        return base;
    reserve(a, b->len);
    memcpy(a->data + a->len, b->data, b->len);
    a->len += b->len;
    return base;
}

void arena_free(pa_arena *a)
{
    free(a->data);
    a->data = NULL;
    a->len = a->cap = 0;
}
