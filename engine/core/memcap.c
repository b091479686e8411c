/*
 * core/memcap.c - the run's memory limit (see core/memcap.h). Every Lua
 * state takes from this count in chunks of a megabyte or more and gives
 * back what it no longer needs (lua/state.c), so the atomic is touched
 * about once per megabyte allocated, not once per allocation; C code that
 * keeps memory for a rule (findings, regexes) takes it here too. When a
 * take would pass the limit it fails and the caller refuses the memory:
 * the rule that asked is stopped, nothing is torn down.
 */
#include "core/memcap.h"

#include <stdatomic.h>

static atomic_size_t used;
static atomic_size_t limit = MEMCAP_DEFAULT;

void memcap_set_limit(size_t bytes)
{
    atomic_store(&limit, bytes ? bytes : MEMCAP_DEFAULT);
}

size_t memcap_limit(void)
{
    return atomic_load(&limit);
}

/* A compare-and-swap loop, so that two threads near the limit cannot both
 * pass it, and a refused take leaves no trace for another to trip on. */
bool memcap_take(size_t n)
{
    size_t lim = atomic_load(&limit);
    size_t cur = atomic_load(&used);
    do {
        if (n > lim || cur > lim - n)
            return false;
    } while (!atomic_compare_exchange_weak(&used, &cur, cur + n));
    return true;
}

void memcap_force(size_t n)
{
    atomic_fetch_add(&used, n);
}

void memcap_give(size_t n)
{
    atomic_fetch_sub(&used, n);
}

size_t memcap_used(void)
{
    return atomic_load(&used);
}
