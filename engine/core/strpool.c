/*
 * core/strpool.c - interning with open addressing (linear probing) over a
 * power-of-two table kept at most half full.
 */
#include "core/strpool.h"
#include "core/util.h"

#include <stdlib.h>
#include <string.h>

void sp_init(strpool *p)
{
    memset(p, 0, sizeof *p);
    p->cap = 64;
    p->off = xmalloc(p->cap * sizeof *p->off);
    p->len = xmalloc(p->cap * sizeof *p->len);
    p->acap = 1024;
    p->arena = xmalloc(p->acap);
    p->arena[0] = '\0';
    p->alen = 1;
    p->off[0] = 0;
    p->len[0] = 0;
    p->count = 1;
    p->nslots = 128;
    p->slots = xcalloc(p->nslots, sizeof *p->slots);
}

void sp_free(strpool *p)
{
    free(p->arena);
    free(p->off);
    free(p->len);
    free(p->slots);
    memset(p, 0, sizeof *p);
}

static uint32_t slot_of(const strpool *p, const char *s, size_t n, uint64_t h)
{
    uint32_t mask = p->nslots - 1;
    uint32_t i = (uint32_t)h & mask;
    for (;;) {
        uint32_t id = p->slots[i];
        if (id == 0 || (p->len[id] == n && memcmp(p->arena + p->off[id], s, n) == 0))
            return i;
        i = (i + 1) & mask;
    }
}

static void rehash(strpool *p)
{
    free(p->slots);
    p->nslots *= 2;
    p->slots = xcalloc(p->nslots, sizeof *p->slots);
    for (uint32_t id = 1; id < p->count; id++) {
        const char *s = p->arena + p->off[id];
        uint64_t h = hash_bytes(s, p->len[id], 0);
        p->slots[slot_of(p, s, p->len[id], h)] = id;
    }
}

uint32_t sp_find(const strpool *p, const char *s, size_t n)
{
    return p->slots[slot_of(p, s, n, hash_bytes(s, n, 0))];
}

uint32_t sp_intern(strpool *p, const char *s, size_t n)
{
    uint64_t h = hash_bytes(s, n, 0);
    uint32_t slot = slot_of(p, s, n, h);
    if (p->slots[slot])
        return p->slots[slot];
    if (p->count == UINT32_MAX) {
        /* Four billion distinct strings in one table: far past any limit. */
        abort();
    }
    if (p->count == p->cap) {
        p->cap *= 2;
        p->off = xrealloc(p->off, p->cap * sizeof *p->off);
        p->len = xrealloc(p->len, p->cap * sizeof *p->len);
    }
    if (p->alen + n + 1 > p->acap) {
        while (p->alen + n + 1 > p->acap)
            p->acap *= 2;
        p->arena = xrealloc(p->arena, p->acap);
    }
    uint32_t id = p->count++;
    memcpy(p->arena + p->alen, s, n);
    p->arena[p->alen + n] = '\0';
    p->off[id] = p->alen;
    p->len[id] = (uint32_t)n;
    p->alen += n + 1;
    p->slots[slot] = id;
    if ((uint64_t)p->count * 2 > p->nslots)
        rehash(p);
    return id;
}

size_t sp_bytes(const strpool *p)
{
    return p->acap + (size_t)p->cap * (sizeof *p->off + sizeof *p->len) +
           (size_t)p->nslots * sizeof *p->slots;
}
