/*
 * core/strpool.h - an interning string pool. Each table owns one: every text cell
 * is stored once as a small integer id, so repeated values (project ids in
 * timesheets, statuses, owners) cost four bytes per cell, and equality of two
 * cells of one table is an integer compare. Id 0 is reserved for "no string"
 * (null). Ids are dense and stable; the pool is append-only while loading and
 * read-only afterwards, so lookups need no lock.
 */
#ifndef PA_STRPOOL_H
#define PA_STRPOOL_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
    char *arena;       /* strings, each followed by a NUL */
    size_t alen, acap;
    size_t *off;       /* off[id] into arena */
    uint32_t *len;     /* len[id] */
    uint32_t count;    /* ids in use, including the reserved 0 */
    uint32_t cap;
    uint32_t *slots;   /* open-addressing hash table of ids; 0 = empty */
    uint32_t nslots;   /* power of two */
} strpool;

void sp_init(strpool *p);
void sp_free(strpool *p);
uint32_t sp_intern(strpool *p, const char *s, size_t n);
/* The id of s, or 0 when the pool does not hold it. */
uint32_t sp_find(const strpool *p, const char *s, size_t n);
static inline const char *sp_str(const strpool *p, uint32_t id, size_t *n)
{
    if (n)
        *n = p->len[id];
    return p->arena + p->off[id];
}
size_t sp_bytes(const strpool *p);

#endif
