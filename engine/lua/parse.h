/*
 * lua/parse.h - Lua 5.4 source parsed into a syntax tree, with every name
 * resolved to the variable it denotes (a local of some scope, or a global
 * of the file), for lint's reading of rule code (lua/code_check.c). The
 * grammar and the scoping rules are Lua's own (lparser.c): `local x = x`
 * reads the outer x, a `repeat` condition sees the loop body's locals, a
 * local function sees itself. It needs no Lua headers and runs no code.
 *
 * It accepts every chunk Lua accepts; it does not repeat the checks Lua's
 * code generator makes (goto targets, `...` outside a vararg function,
 * assignment to a <const>), so a few chunks Lua refuses still parse. Lint
 * reports syntax errors from Lua's own loader, and uses the tree only for
 * files that load.
 */
#ifndef PA_LPARSE_H
#define PA_LPARSE_H

#include "lua/tokens.h"

#include <stdbool.h>
#include <stddef.h>

/* The nesting Lua allows (LUAI_MAXCCALLS): deeper syntax is an error, as in Lua. */
#define LP_MAX_LEVELS 200
/* A tree deeper than this (a chain such as a.b.c... or x + x + ... of
 * that length, which Lua accepts) is not built: walking it recursively
 * could exhaust the C stack. lparse says so with too_deep. */
#define LP_MAX_DEPTH 500

typedef enum {
    /* expressions */
    E_NIL, E_TRUE, E_FALSE, E_NUMBER, E_STRING, E_VARARG,
    E_FUNCTION, /* kid[0..n-1]: the parameters (E_NAME), kid[n]: the body; vararg */
    E_TABLE,    /* kid: the fields */
    E_BINOP,    /* tok: the operator; kid[0] op kid[1] */
    E_UNOP,     /* tok: the operator; kid[0] */
    E_NAME,     /* tok: the name; var: what it denotes */
    E_INDEX,    /* kid[0][kid[1]]; for a.name, kid[1] is an E_STRING of the name and dot is set */
    E_CALL,     /* kid[0](kid[1..]) */
    E_METHOD,   /* kid[0]:tok(kid[1..]) */
    E_PAREN,    /* (kid[0]): one value */
    /* table constructor fields */
    F_ITEM,     /* kid[0]: a positional value */
    F_NAMED,    /* tok = kid[0] */
    F_KEYED,    /* [kid[0]] = kid[1] */
    /* statements */
    S_BLOCK,    /* kid: the statements */
    S_LOCAL,    /* kid[0..n-1]: the names (E_NAME), then the values */
    S_ASSIGN,   /* kid[0..n-1]: the targets, then the values */
    S_CALL,     /* kid[0]: an E_CALL or E_METHOD */
    S_DO,       /* kid[0]: the block */
    S_WHILE,    /* kid[0]: condition, kid[1]: block */
    S_REPEAT,   /* kid[0]: block, kid[1]: condition (in the block's scope) */
    S_IF,       /* kid: condition, block, condition, block, ... [, else block]; n: the pairs */
    S_NUMFOR,   /* kid[0]: the variable, kid[1..nkid-2]: start, limit [, step], kid[nkid-1]: block */
    S_GENFOR,   /* kid[0..n-1]: the variables, then the expressions, then the block */
    S_FUNCTION, /* function a.b:c() ... end: kid[0] the target (E_NAME or E_INDEX), kid[1] the E_FUNCTION */
    S_LOCALFUNCTION, /* kid[0]: the name, kid[1]: the E_FUNCTION */
    S_RETURN,   /* kid: the values */
    S_BREAK, S_GOTO, S_LABEL /* tok: the label */
} lp_kind;

typedef struct lp_node {
    lp_kind kind;
    int line;       /* where Lua places it: a call at the start of its expression, an operator at its
                       token, a function at its first line (Lua's linedefined) */
    int line2;      /* E_FUNCTION: the line of its `end` (Lua's lastlinedefined) */
    int n;          /* the count the kind's comment names */
    int var;        /* E_NAME: index in lp_tree.vars */
    int depth;      /* the height of the subtree */
    bool dot;       /* E_INDEX written a.name */
    bool vararg;    /* E_FUNCTION with ... */
    const lscan_tok *tok;
    const char *str; /* E_STRING: the value, escapes decoded (NUL-terminated; len may hold NULs) */
    size_t len;
    struct lp_node **kid;
    int nkid;
} lp_node;

typedef struct {
    const lscan_tok *name;
    lp_node *decl;  /* the E_NAME that declares a local; NULL for a global */
    bool global;
} lp_var;

typedef struct lp_tree lp_tree;
struct lp_tree {
    lp_node *root;  /* the chunk's S_BLOCK; NULL when there is an error */
    lp_var *vars;
    int nvars;
    int err_line;   /* a syntax error: its line and Lua's wording ("'=' expected near 'x'") */
    char err[160];
    bool too_deep;  /* the error is LP_MAX_DEPTH, not a syntax error */
    lscan_tok *toks;
    size_t ntok;
    void *arena;
};

/* Parse src. Never fails outright: on a syntax error root is NULL and err says why. */
lp_tree *lparse(const char *src, size_t len);
void lparse_free(lp_tree *t);
/* Whether a TK_STRING token is a long string ([[...]], [==[...]==]), where
 * backslashes are not escapes. */
bool lparse_is_long(const lscan_tok *t);
/* The field `key` (a name or a ["string"] key) of the E_TABLE t, or NULL. */
const lp_node *lparse_field(const lp_node *t, const char *key);

#endif
