/*
 * fuzz_links.c - libFuzzer harness for the `predecessors` parser
 * (val_parse_links): any bytes as one cell. Each link handed to the callback
 * must point inside the cell, and its id must not be empty. Read again
 * with task ids known (val_parse_links_known, every id of odd length being
 * a task), the same entries must be valid: which tasks exist changes how
 * an entry splits into ID and lag, never whether it parses.
 */
#include "model/value.h"

#include <stdint.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

typedef struct {
    const char *start;
    size_t len;
    size_t links;
} span;

static void on_link(const pa_link *l, void *ud)
{
    span *s = ud;
    if (l->id < s->start || l->id + l->id_len > s->start + s->len || l->id_len == 0 || (unsigned)l->type > LINK_SF)
        abort(); /* a link outside the cell or with an empty id is a bug */
    s->links++;
}

static bool odd_is_task(const char *id, size_t n, void *ud)
{
    (void)id;
    (void)ud;
    return n % 2 == 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* A heap copy of exactly size bytes: ASan sees any read past the end. */
    char *cell = malloc(size ? size : 1);
    for (size_t i = 0; i < size; i++)
        cell[i] = (char)data[i];
    span s = {cell, size, 0}, k = {cell, size, 0};
    int bad = val_parse_links(cell, size, on_link, &s);
    int bad_known = val_parse_links_known(cell, size, odd_is_task, NULL, on_link, &k);
    if (bad != bad_known || s.links != k.links)
        abort(); /* validity depends on the known task ids: a bug */
    free(cell);
    return 0;
}
