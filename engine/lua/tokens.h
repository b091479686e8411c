/*
 * lua/tokens.h - a scanner that splits Lua 5.4 source into tokens with their
 * lines, for lint's reading of rule code. It knows exactly what Lua's own
 * lexer knows about comments and strings (so a commented-out `row.x` is not
 * a column read), and nothing about grammar.
 */
#ifndef PA_LSCAN_H
#define PA_LSCAN_H

#include <stddef.h>

typedef enum { TK_NAME, TK_STRING, TK_NUMBER, TK_OP, TK_EOF } lscan_kind;

typedef struct {
    lscan_kind kind;
    const char *s; /* NAME, NUMBER, OP: the source text; STRING: the contents between the quotes */
    size_t n;
    int line;
} lscan_tok;

/* Tokens of src; the last one is TK_EOF. Never fails: a malformed tail (an
 * unfinished string) ends the list, since lint checks syntax separately. */
lscan_tok *lscan_tokens(const char *src, size_t len, size_t *ntok);
/* Does token t have exactly this text? */
int lscan_is(const lscan_tok *t, const char *text);

#endif
