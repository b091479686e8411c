/*
 * core/arena.c - the string arena of high-cardinality text columns and link
 * targets (see core/arena.h for the layout).
 */
#include "core/arena.h"
#include "core/util.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>

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

/*
 * Fault in the pages of [p, p + n) in one call before a big copy into
 * fresh memory. Taking the page faults one 4 KiB page at a time is most of
 * the cost of such a copy on virtual machines (measured 3-4x, see
 * docs/performance.md). Only the pages wholly inside the range are asked
 * for, so neighbouring data is never touched; a kernel without
 * MADV_POPULATE_WRITE (before 5.14) refuses and the copy faults as usual.
 */
void arena_populate(void *p, size_t n)
{
#ifdef MADV_POPULATE_WRITE
    enum { PAGE = 4096, MIN_BYTES = 1 << 20 };
    if (n < MIN_BYTES)
        return;
    uintptr_t from = ((uintptr_t)p + PAGE - 1) & ~(uintptr_t)(PAGE - 1);
    uintptr_t to = ((uintptr_t)p + n) & ~(uintptr_t)(PAGE - 1);
    if (to > from)
        (void)madvise((void *)from, to - from, MADV_POPULATE_WRITE);
#else
    (void)p;
    (void)n;
#endif
}

uint32_t arena_append(pa_arena *a, const pa_arena *b)
{
    uint32_t base = (uint32_t)(a->len / 4);
    if (b->len == 0)
        return base;
    reserve(a, b->len);
    arena_populate(a->data + a->len, b->len);
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
