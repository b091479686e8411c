/*
 * core/memcap.h - the run's memory limit: one process-wide count of the
 * bytes that rules and Lua data files hold (their Lua states, and what C
 * keeps on their behalf: findings, compiled regexes), checked against one
 * limit (--max-memory). Plain C11 atomics; any thread may call these.
 */
#ifndef PA_CORE_MEMCAP_H
#define PA_CORE_MEMCAP_H

#include <stdbool.h>
#include <stddef.h>

#define MEMCAP_DEFAULT ((size_t)4096 << 20) /* the documented default of --max-memory */

/* Set the limit in bytes (0: the default). */
void memcap_set_limit(size_t bytes);
size_t memcap_limit(void);
/* Take n bytes when that keeps the count within the limit; false (and
 * nothing taken) when it would pass it. */
bool memcap_take(size_t n);
/* Take n bytes whatever the limit (what cannot be refused: a state being
 * built, findings of the engine's own checks). */
void memcap_force(size_t n);
void memcap_give(size_t n);
size_t memcap_used(void);

#endif
