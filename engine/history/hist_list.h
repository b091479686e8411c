/*
 * history/hist_list.h - a run's list of findings as the history keeps it
 * (run_list.items): a JSON array with one [streak, detail, hash] array per
 * listed finding, in report order, and the content hash that tells whether
 * a finding still has its previous run's detail row.
 */
#ifndef PA_HIST_LIST_H
#define PA_HIST_LIST_H

#include "core/util.h"
#include "history/hist_db.h"
#include "model/finding.h"

#include <stdint.h>

/* Parse a list: '[' then [streak, detail, hash] arrays of non-negative
 * integers (streak and detail > 0) separated by commas, then ']'; white
 * space allowed between tokens. Returns the number of items, with *out (free
 * it; NULL when none), or -1 with *why (static text) when the text is not
 * such a list, as in a damaged or hand-edited file. */
long long hist_list_parse(const char *s, size_t n, hist_item **out, const char **why);
/* Append one item to a list being built in b ("[" first, "]" last). */
void hist_list_put(sbuf *b, const hist_item *x, bool first);
/* A 53-bit hash of everything a detail row stores of f (waiver included),
 * never 0: equal contents hash equal; NULL and "" differ, and so do fields
 * moved across a boundary. 53 bits, so that JSON readers that take numbers
 * as doubles read it exactly. */
uint64_t hist_content_hash(const pa_finding *f);

#endif
