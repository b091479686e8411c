/*
 * lua/parse.c - a recursive-descent parser of Lua 5.4 over lua/tokens.c's
 * tokens (see lua/parse.h), written after lparser.c: the same statements,
 * the same operator priorities, the same scopes, the same nesting limit,
 * and its error messages in Lua's words. Nodes and their child lists live
 * in one arena freed with the tree. Names are resolved while parsing, as
 * Lua does: a local becomes visible after its declaration's values.
 *
 * Robust to any input: every loop advances or stops at the end token,
 * recursion is bounded by LP_MAX_LEVELS (as in Lua) and, for chains Lua
 * builds in a loop, by LP_MAX_DEPTH, and the first error stops the parse
 * (a longjmp back to lparse, which frees nothing but the arena).
 */
#include "lua/parse.h"
#include "core/util.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- memory ---- */

typedef struct arena_blk {
    struct arena_blk *next;
    size_t used, cap;
    max_align_t data[];
} arena_blk;

static void *alloc(lp_tree *t, size_t n)
{
    n = (n + sizeof(max_align_t) - 1) / sizeof(max_align_t) * sizeof(max_align_t);
    arena_blk *b = t->arena;
    if (!b || b->cap - b->used < n) {
        size_t cap = n > 65536 ? n : 65536;
        arena_blk *nb = xmalloc(sizeof *nb + cap);
        nb->next = b;
        nb->used = 0;
        nb->cap = cap;
        t->arena = b = nb;
    }
    void *p = (char *)b->data + b->used;
    b->used += n;
    memset(p, 0, n);
    return p;
}

/* ---- the parser's state ---- */

typedef struct {
    lp_tree *t;
    const lscan_tok *tok;
    size_t i, ntok;
    int level;
    bool no_near; /* the next error is Lua's semerror, without "near" */
    int *active; /* the variables in scope, innermost last */
    size_t nactive, capactive;
    int *globals; /* hash of global names -> var index + 1 */
    size_t nglobals, capglobals;
    size_t capvars;
    jmp_buf fail;
} parser;

/* A list of nodes being built (a statement list, arguments, fields), in
 * the arena: an error's longjmp leaves nothing to free. Growing doubles,
 * so what is left behind is at most the size of the final list. */
typedef struct {
    lp_node **v;
    int n, cap;
} nlist;

static void nl_push(lp_tree *t, nlist *l, lp_node *x)
{
    if (l->n == l->cap) {
        int cap = l->cap ? l->cap * 2 : 4;
        lp_node **v = alloc(t, (size_t)cap * sizeof *v);
        if (l->n)
            memcpy(v, l->v, (size_t)l->n * sizeof *v);
        l->v = v;
        l->cap = cap;
    }
    l->v[l->n++] = x;
}

static const lscan_tok *cur(const parser *p)
{
    return &p->tok[p->i];
}

static void next(parser *p)
{
    if (p->i + 1 < p->ntok)
        p->i++;
}

static const char *const keywords[] = {"and",   "break", "do",     "else", "elseif", "end",   "false", "for",
                                       "function", "goto", "if",   "in",   "local",  "nil",   "not",   "or",
                                       "repeat", "return", "then", "true", "until",  "while", NULL};

static bool is_keyword(const lscan_tok *t)
{
    if (t->kind != TK_NAME)
        return false;
    for (int k = 0; keywords[k]; k++)
        if (lscan_is(t, keywords[k]))
            return true;
    return false;
}

/* Is the current token this keyword or operator? */
static bool at(const parser *p, const char *s)
{
    return lscan_is(cur(p), s);
}

static bool at_name(const parser *p)
{
    return cur(p)->kind == TK_NAME && !is_keyword(cur(p));
}

/* ---- errors, in Lua's words ---- */

static void fail(parser *p, const char *fmt, ...) __attribute__((format(printf, 2, 3), noreturn));

static void fail(parser *p, const char *fmt, ...)
{
    char msg[120];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    const lscan_tok *t = cur(p);
    if (p->no_near) /* a semantic error: Lua names no token */
        snprintf(p->t->err, sizeof p->t->err, "%s", msg);
    else if (t->kind == TK_EOF)
        snprintf(p->t->err, sizeof p->t->err, "%s near <eof>", msg);
    else
        snprintf(p->t->err, sizeof p->t->err, "%s near '%s%.*s%s'", msg, t->kind == TK_STRING ? "\"" : "",
                 (int)(t->n > 40 ? 40 : t->n), t->s, t->kind == TK_STRING ? "\"" : "");
    p->t->err_line = t->line;
    longjmp(p->fail, 1);
}

static void expect(parser *p, const char *what)
{
    if (!at(p, what))
        fail(p, "'%s' expected", what);
    next(p);
}

/* The token closing what opened at line: Lua names the opener when it is on another line. */
static void expect_match(parser *p, const char *what, const char *opener, int line)
{
    if (at(p, what)) {
        next(p);
        return;
    }
    if (line == cur(p)->line)
        fail(p, "'%s' expected", what);
    fail(p, "'%s' expected (to close '%s' at line %d)", what, opener, line);
}

static void enter(parser *p)
{
    if (++p->level > LP_MAX_LEVELS)
        fail(p, "chunk has too many syntax levels");
}

/* ---- nodes ---- */

static lp_node *node(parser *p, lp_kind k, int line, const lscan_tok *tok)
{
    lp_node *x = alloc(p->t, sizeof *x);
    x->kind = k;
    x->line = line;
    x->tok = tok;
    x->var = -1;
    x->depth = 1;
    return x;
}

/* Give x the children of l. */
static lp_node *with_kids(parser *p, lp_node *x, nlist *l)
{
    x->kid = l->v;
    x->nkid = l->n;
    for (int k = 0; k < l->n; k++)
        if (l->v[k]->depth + 1 > x->depth)
            x->depth = l->v[k]->depth + 1;
    if (x->depth > LP_MAX_DEPTH) {
        p->t->too_deep = true;
        p->no_near = true;
        fail(p, "expressions nested deeper than %d levels", LP_MAX_DEPTH);
    }
    return x;
}

static lp_node *node2(parser *p, lp_kind k, int line, const lscan_tok *tok, lp_node *a, lp_node *b)
{
    nlist l = {0};
    nl_push(p->t, &l, a);
    if (b)
        nl_push(p->t, &l, b);
    return with_kids(p, node(p, k, line, tok), &l);
}

/* ---- strings ---- */

bool lparse_is_long(const lscan_tok *t)
{
    return t->kind == TK_STRING && t->s[-1] != '"' && t->s[-1] != '\'';
}

static size_t put_utf8(char *o, unsigned long x)
{
    if (x < 0x80) {
        o[0] = (char)x;
        return 1;
    }
    char buf[8];
    int n = 0;
    unsigned long mfb = 0x3f; /* the most that fits in the first byte */
    do {
        buf[7 - n++] = (char)(0x80 | (x & 0x3f));
        x >>= 6;
        mfb >>= 1;
    } while (x > mfb);
    buf[7 - n] = (char)((~mfb << 1) | x);
    memcpy(o, buf + 7 - n, (size_t)n + 1);
    return (size_t)n + 1;
}

/* One escape after a backslash at s (s < e); writes its bytes to o, returns them; *s moves past it. */
static size_t unescape(const char **sp, const char *e, char *o)
{
    const char *s = *sp;
    static const char from[] = "abfnrtv\\\"'\n", to[] = "\a\b\f\n\r\t\v\\\"'\n";
    const char *k = strchr(from, *s);
    size_t n = 0;
    if (*s == '\n' || *s == '\r') { /* an escaped line break, "\r\n" and "\n\r" as one */
        o[n++] = '\n';
        s += s + 1 < e && (s[1] == '\n' || s[1] == '\r') && s[1] != *s ? 2 : 1;
    } else if (k && *s) {
        o[n++] = to[k - from];
        s++;
    } else if (*s == 'x' && e - s >= 3 && hex_digit(s[1]) >= 0 && hex_digit(s[2]) >= 0) {
        o[n++] = (char)(hex_digit(s[1]) * 16 + hex_digit(s[2]));
        s += 3;
    } else if (*s >= '0' && *s <= '9') {
        int v = 0;
        for (int d = 0; d < 3 && s < e && *s >= '0' && *s <= '9'; d++)
            v = v * 10 + (*s++ - '0');
        o[n++] = (char)v;
    } else if (*s == 'z') {
        for (s++; s < e && (*s == ' ' || (*s >= '\t' && *s <= '\r'));)
            s++;
    } else if (*s == 'u' && s + 1 < e && s[1] == '{') {
        unsigned long v = 0;
        for (s += 2; s < e && hex_digit(*s) >= 0; s++)
            v = v < 0x8000000ul ? v * 16 + (unsigned long)hex_digit(*s) : v;
        if (s < e && *s == '}')
            s++;
        n = put_utf8(o, v);
    } else { /* an escape Lua refuses: kept as written */
        o[n++] = *s++;
    }
    *sp = s;
    return n;
}

/* The value of a string token: escapes decoded; a long string without its first newline. */
static void decode(parser *p, lp_node *x, const lscan_tok *t)
{
    const char *s = t->s, *e = t->s + t->n;
    char *o = alloc(p->t, t->n * 2 + 8); /* a \u{...} escape of 4 bytes or more decodes to at most 6 */
    size_t n = 0;
    if (lparse_is_long(t)) {
        if (s < e && (*s == '\r' || *s == '\n'))
            s += (s + 1 < e && (s[1] == '\r' || s[1] == '\n') && s[1] != *s) ? 2 : 1;
        memcpy(o, s, (size_t)(e - s));
        n = (size_t)(e - s);
    } else {
        while (s < e) {
            if (*s == '\\' && s + 1 < e) {
                s++;
                n += unescape(&s, e, o + n);
            } else {
                o[n++] = *s++;
            }
        }
    }
    o[n] = '\0';
    x->str = o;
    x->len = n;
}

/* ---- scopes ---- */

static int new_var(parser *p, const lscan_tok *name, lp_node *decl, bool global)
{
    lp_tree *t = p->t;
    GROW(t->vars, p->capvars, (size_t)t->nvars + 1);
    t->vars[t->nvars] = (lp_var){name, decl, global};
    return t->nvars++;
}

/* A local declared by the E_NAME x; visible once activated. */
static int declare(parser *p, lp_node *x)
{
    x->var = new_var(p, x->tok, x, false);
    return x->var;
}

static void activate(parser *p, int var)
{
    GROW(p->active, p->capactive, p->nactive + 1);
    p->active[p->nactive++] = var;
}

static unsigned name_hash(const lscan_tok *n)
{
    return (unsigned)hash_bytes(n->s, n->n, 0);
}

static bool same_name(const lscan_tok *a, const lscan_tok *b)
{
    return a->n == b->n && memcmp(a->s, b->s, a->n) == 0;
}

/* The global of this name (one per name and file), made on first use. */
static int global(parser *p, const lscan_tok *name)
{
    if (p->nglobals * 2 >= p->capglobals) {
        size_t cap = p->capglobals ? p->capglobals * 2 : 64;
        int *h = xcalloc(cap, sizeof *h);
        for (size_t k = 0; k < p->capglobals; k++)
            if (p->globals[k]) {
                size_t j = name_hash(p->t->vars[p->globals[k] - 1].name) & (cap - 1);
                while (h[j])
                    j = (j + 1) & (cap - 1);
                h[j] = p->globals[k];
            }
        free(p->globals);
        p->globals = h;
        p->capglobals = cap;
    }
    size_t j = name_hash(name) & (p->capglobals - 1);
    for (; p->globals[j]; j = (j + 1) & (p->capglobals - 1))
        if (same_name(p->t->vars[p->globals[j] - 1].name, name))
            return p->globals[j] - 1;
    p->globals[j] = new_var(p, name, NULL, true) + 1;
    p->nglobals++;
    return p->globals[j] - 1;
}

/* An E_NAME of the current token, resolved to the innermost variable of that name. */
static lp_node *name_ref(parser *p)
{
    if (!at_name(p))
        fail(p, "<name> expected");
    lp_node *x = node(p, E_NAME, cur(p)->line, cur(p));
    for (size_t k = p->nactive; k-- > 0;)
        if (same_name(p->t->vars[p->active[k]].name, x->tok)) {
            x->var = p->active[k];
            break;
        }
    if (x->var < 0)
        x->var = global(p, x->tok);
    next(p);
    return x;
}

/* A new E_NAME of the current token (a declaration; not yet in scope). */
static lp_node *name_decl(parser *p)
{
    if (!at_name(p))
        fail(p, "<name> expected");
    lp_node *x = node(p, E_NAME, cur(p)->line, cur(p));
    declare(p, x);
    next(p);
    return x;
}

/* ---- expressions ---- */

static lp_node *expr(parser *p, int limit);
static lp_node *block(parser *p);
static lp_node *funcbody(parser *p, int line, bool method);

/* expr {',' expr} into l. */
static void exprlist(parser *p, nlist *l)
{
    nl_push(p->t, l, expr(p, 0));
    while (at(p, ",")) {
        next(p);
        nl_push(p->t, l, expr(p, 0));
    }
}

/* '{' [field {sep field} [sep]] '}' */
static lp_node *constructor(parser *p)
{
    int line = cur(p)->line;
    expect(p, "{");
    nlist l = {0};
    while (!at(p, "}")) {
        lp_node *f;
        if (at_name(p) && p->i + 1 < p->ntok && lscan_is(&p->tok[p->i + 1], "=")) {
            const lscan_tok *name = cur(p);
            next(p);
            next(p);
            f = node2(p, F_NAMED, name->line, name, expr(p, 0), NULL);
        } else if (at(p, "[")) {
            int fl = cur(p)->line;
            next(p);
            lp_node *k = expr(p, 0);
            expect(p, "]");
            expect(p, "=");
            f = node2(p, F_KEYED, fl, NULL, k, expr(p, 0));
        } else {
            lp_node *v = expr(p, 0);
            f = node2(p, F_ITEM, v->line, NULL, v, NULL);
        }
        nl_push(p->t, &l, f);
        if (at(p, ",") || at(p, ";"))
            next(p);
        else
            break;
    }
    expect_match(p, "}", "{", line);
    return with_kids(p, node(p, E_TABLE, line, NULL), &l);
}

/* The arguments of a call: '(' [explist] ')', a table or a string; appended to l. */
static void funcargs(parser *p, nlist *l)
{
    if (cur(p)->kind == TK_STRING) {
        lp_node *s = node(p, E_STRING, cur(p)->line, cur(p));
        decode(p, s, cur(p));
        nl_push(p->t, l, s);
        next(p);
    } else if (at(p, "{")) {
        nl_push(p->t, l, constructor(p));
    } else if (at(p, "(")) {
        int line = cur(p)->line;
        next(p);
        if (!at(p, ")"))
            exprlist(p, l);
        expect_match(p, ")", "(", line);
    } else {
        fail(p, "function arguments expected");
    }
}

/* NAME | '(' expr ')' */
static lp_node *primary(parser *p)
{
    if (at(p, "(")) {
        int line = cur(p)->line;
        next(p);
        lp_node *e = expr(p, 0);
        expect_match(p, ")", "(", line);
        return node2(p, E_PAREN, line, NULL, e, NULL);
    }
    if (!at_name(p))
        fail(p, "unexpected symbol");
    return name_ref(p);
}

/* primary { '.' NAME | '[' exp ']' | ':' NAME funcargs | funcargs } */
static lp_node *suffixed(parser *p)
{
    int line = cur(p)->line; /* Lua gives a call the line where its expression starts */
    lp_node *e = primary(p);
    for (;;) {
        if (at(p, ".")) {
            next(p);
            if (!at_name(p))
                fail(p, "<name> expected");
            lp_node *k = node(p, E_STRING, cur(p)->line, cur(p));
            k->str = alloc(p->t, cur(p)->n + 1);
            memcpy((char *)k->str, cur(p)->s, cur(p)->n);
            k->len = cur(p)->n;
            next(p);
            e = node2(p, E_INDEX, k->line, k->tok, e, k);
            e->dot = true;
        } else if (at(p, "[")) {
            int kl = cur(p)->line;
            next(p);
            lp_node *k = expr(p, 0);
            expect(p, "]");
            e = node2(p, E_INDEX, kl, NULL, e, k);
        } else if (at(p, ":")) {
            next(p);
            if (!at_name(p))
                fail(p, "<name> expected");
            const lscan_tok *m = cur(p);
            next(p);
            nlist l = {0};
            nl_push(p->t, &l, e);
            funcargs(p, &l);
            e = with_kids(p, node(p, E_METHOD, line, m), &l);
        } else if (at(p, "(") || at(p, "{") || cur(p)->kind == TK_STRING) {
            nlist l = {0};
            nl_push(p->t, &l, e);
            funcargs(p, &l);
            e = with_kids(p, node(p, E_CALL, line, NULL), &l);
        } else {
            return e;
        }
    }
}

static lp_node *simple(parser *p)
{
    const lscan_tok *t = cur(p);
    lp_kind k;
    if (t->kind == TK_NUMBER)
        k = E_NUMBER;
    else if (t->kind == TK_STRING)
        k = E_STRING;
    else if (at(p, "nil"))
        k = E_NIL;
    else if (at(p, "true"))
        k = E_TRUE;
    else if (at(p, "false"))
        k = E_FALSE;
    else if (at(p, "..."))
        k = E_VARARG;
    else if (at(p, "{"))
        return constructor(p);
    else if (at(p, "function")) {
        next(p);
        return funcbody(p, cur(p)->line, false);
    } else
        return suffixed(p);
    lp_node *x = node(p, k, t->line, t);
    if (k == E_STRING)
        decode(p, x, t);
    next(p);
    return x;
}

/* Binary operators and their left and right priorities (lparser.c's priority[]). */
static const struct {
    const char *op;
    int left, right;
} binops[] = {{"or", 1, 1},   {"and", 2, 2}, {"<", 3, 3},   {">", 3, 3},    {"<=", 3, 3},   {">=", 3, 3},
              {"~=", 3, 3},   {"==", 3, 3},  {"|", 4, 4},   {"~", 5, 5},    {"&", 6, 6},    {"<<", 7, 7},
              {">>", 7, 7},   {"..", 9, 8},  {"+", 10, 10}, {"-", 10, 10},  {"*", 11, 11},  {"/", 11, 11},
              {"//", 11, 11}, {"%", 11, 11}, {"^", 14, 13}, {NULL, 0, 0}};
#define UNARY_PRIORITY 12

static int binop_at(const parser *p)
{
    if (cur(p)->kind != TK_OP && cur(p)->kind != TK_NAME)
        return -1;
    for (int k = 0; binops[k].op; k++)
        if (at(p, binops[k].op))
            return k;
    return -1;
}

/* subexpr of lparser.c: (simple | unop subexpr) { binop subexpr } while the operator binds tighter than limit. */
static lp_node *expr(parser *p, int limit)
{
    enter(p);
    lp_node *e;
    if (at(p, "not") || at(p, "-") || at(p, "#") || at(p, "~")) {
        const lscan_tok *op = cur(p);
        next(p);
        e = node2(p, E_UNOP, op->line, op, expr(p, UNARY_PRIORITY), NULL);
    } else {
        e = simple(p);
    }
    int k;
    while ((k = binop_at(p)) >= 0 && binops[k].left > limit) {
        const lscan_tok *op = cur(p);
        next(p);
        lp_node *r = expr(p, binops[k].right);
        e = node2(p, E_BINOP, op->line, op, e, r);
    }
    p->level--;
    return e;
}

/* '(' parlist ')' block 'end'; line: Lua's linedefined. A method gets `self` first. */
static lp_node *funcbody(parser *p, int line, bool method)
{
    lp_node *f = node(p, E_FUNCTION, line, NULL);
    size_t mark = p->nactive;
    nlist l = {0};
    if (method) {
        static const lscan_tok self = {TK_NAME, "self", 4, 0};
        lp_node *s = node(p, E_NAME, line, &self);
        activate(p, declare(p, s));
        nl_push(p->t, &l, s);
    }
    int open = cur(p)->line;
    expect(p, "(");
    while (!at(p, ")")) {
        if (at(p, "...")) {
            f->vararg = true;
            next(p);
            break;
        }
        lp_node *n = name_decl(p);
        activate(p, n->var);
        nl_push(p->t, &l, n);
        if (!at(p, ","))
            break;
        next(p);
        if (!at_name(p) && !at(p, "..."))
            fail(p, "<name> expected");
    }
    expect_match(p, ")", "(", open);
    f->n = l.n;
    nl_push(p->t, &l, block(p));
    f->line2 = cur(p)->line;
    expect_match(p, "end", "function", line);
    p->nactive = mark;
    return with_kids(p, f, &l);
}

/* ---- statements ---- */

static bool block_follow(const parser *p, bool until)
{
    return cur(p)->kind == TK_EOF || at(p, "else") || at(p, "elseif") || at(p, "end") || (until && at(p, "until"));
}

static lp_node *statement(parser *p);

/* The statements up to a block's end, in a scope of their own unless keep_scope (repeat). */
static lp_node *block_in(parser *p, bool keep_scope)
{
    size_t mark = p->nactive;
    lp_node *b = node(p, S_BLOCK, cur(p)->line, NULL);
    nlist l = {0};
    while (!block_follow(p, true)) {
        if (at(p, "return")) {
            nl_push(p->t, &l, statement(p));
            break;
        }
        lp_node *s = statement(p);
        if (s)
            nl_push(p->t, &l, s);
    }
    if (!keep_scope)
        p->nactive = mark;
    return with_kids(p, b, &l);
}

static lp_node *block(parser *p)
{
    return block_in(p, false);
}

/* local attnamelist ['=' explist]: the names enter scope after the values. */
static lp_node *local_stat(parser *p, int line)
{
    nlist l = {0};
    int closes = 0;
    do {
        lp_node *n = name_decl(p);
        nl_push(p->t, &l, n);
        if (at(p, "<")) {
            next(p);
            if (!at_name(p))
                fail(p, "<name> expected");
            const lscan_tok *attr = cur(p);
            next(p);
            expect(p, ">");
            bool close = lscan_is(attr, "close");
            p->no_near = true;
            if (!close && !lscan_is(attr, "const"))
                fail(p, "unknown attribute '%.*s'", (int)(attr->n > 40 ? 40 : attr->n), attr->s);
            if (close && ++closes > 1)
                fail(p, "multiple to-be-closed variables in local list");
            p->no_near = false;
        }
    } while (at(p, ",") && (next(p), true));
    int names = l.n;
    if (at(p, "=")) {
        next(p);
        exprlist(p, &l);
    }
    for (int k = 0; k < names; k++)
        activate(p, l.v[k]->var);
    lp_node *s = with_kids(p, node(p, S_LOCAL, line, NULL), &l);
    s->n = names;
    return s;
}

/* The rest of `for NAME = e, e [, e] do block end`, after the name. */
static lp_node *numeric_for(parser *p, int line, nlist *l)
{
    next(p); /* = */
    exprlist(p, l);
    if (l->n < 3 || l->n > 4)
        fail(p, l->n < 3 ? "',' expected" : "'do' expected");
    activate(p, l->v[0]->var);
    expect(p, "do");
    nl_push(p->t, l, block(p));
    expect_match(p, "end", "for", line);
    return with_kids(p, node(p, S_NUMFOR, line, NULL), l);
}

/* The rest of `for namelist in explist do block end`, after the first name. */
static lp_node *generic_for(parser *p, int line, nlist *l)
{
    while (at(p, ",")) {
        next(p);
        nl_push(p->t, l, name_decl(p));
    }
    int names = l->n;
    expect(p, "in");
    exprlist(p, l);
    for (int v = 0; v < names; v++)
        activate(p, l->v[v]->var);
    expect(p, "do");
    nl_push(p->t, l, block(p));
    expect_match(p, "end", "for", line);
    lp_node *s = with_kids(p, node(p, S_GENFOR, line, NULL), l);
    s->n = names;
    return s;
}

/* for ...: the loop's variables are in scope in its block only. */
static lp_node *for_stat(parser *p, int line)
{
    nlist l = {0};
    size_t mark = p->nactive;
    nl_push(p->t, &l, name_decl(p));
    lp_node *s = NULL;
    if (at(p, "="))
        s = numeric_for(p, line, &l);
    else if (at(p, ",") || at(p, "in"))
        s = generic_for(p, line, &l);
    else
        fail(p, "'=' or 'in' expected");
    p->nactive = mark;
    return s;
}

/* if cond then block {elseif cond then block} [else block] end */
static lp_node *if_stat(parser *p, int line)
{
    nlist l = {0};
    int pairs = 0;
    do {
        next(p); /* if / elseif */
        nl_push(p->t, &l, expr(p, 0));
        expect(p, "then");
        nl_push(p->t, &l, block(p));
        pairs++;
    } while (at(p, "elseif"));
    if (at(p, "else")) {
        next(p);
        nl_push(p->t, &l, block(p));
    }
    expect_match(p, "end", "if", line);
    lp_node *s = with_kids(p, node(p, S_IF, line, NULL), &l);
    s->n = pairs;
    return s;
}

/* function NAME {'.' NAME} [':' NAME] body */
static lp_node *function_stat(parser *p, int line)
{
    lp_node *target = name_ref(p);
    bool method = false;
    while (at(p, ".") || at(p, ":")) {
        method = at(p, ":");
        next(p);
        if (!at_name(p))
            fail(p, "<name> expected");
        lp_node *k = node(p, E_STRING, cur(p)->line, cur(p));
        k->str = alloc(p->t, cur(p)->n + 1);
        memcpy((char *)k->str, cur(p)->s, cur(p)->n);
        k->len = cur(p)->n;
        next(p);
        target = node2(p, E_INDEX, k->line, k->tok, target, k);
        target->dot = true;
        if (method)
            break;
    }
    return node2(p, S_FUNCTION, line, NULL, target, funcbody(p, line, method));
}

/* An expression statement: a call, or targets '=' values. */
static lp_node *expr_stat(parser *p)
{
    int line = cur(p)->line;
    lp_node *e = suffixed(p);
    if (!at(p, "=") && !at(p, ",")) {
        if (e->kind != E_CALL && e->kind != E_METHOD)
            fail(p, "syntax error");
        return node2(p, S_CALL, line, NULL, e, NULL);
    }
    nlist l = {0};
    nl_push(p->t, &l, e);
    while (at(p, ",")) {
        next(p);
        nl_push(p->t, &l, suffixed(p));
    }
    for (int k = 0; k < l.n; k++)
        if (l.v[k]->kind != E_NAME && l.v[k]->kind != E_INDEX)
            fail(p, "syntax error");
    int targets = l.n;
    expect(p, "=");
    exprlist(p, &l);
    lp_node *s = with_kids(p, node(p, S_ASSIGN, line, NULL), &l);
    s->n = targets;
    return s;
}

static lp_node *return_stat(parser *p, int line)
{
    nlist l = {0};
    if (!block_follow(p, true) && !at(p, ";"))
        exprlist(p, &l);
    if (at(p, ";"))
        next(p);
    return with_kids(p, node(p, S_RETURN, line, NULL), &l);
}

/* The statements that start with a keyword other than function/local/for/if. */
static lp_node *keyword_stat(parser *p, int line)
{
    if (at(p, "while")) {
        next(p);
        lp_node *c = expr(p, 0);
        expect(p, "do");
        lp_node *b = block(p);
        expect_match(p, "end", "while", line);
        return node2(p, S_WHILE, line, NULL, c, b);
    }
    if (at(p, "do")) {
        next(p);
        lp_node *b = block(p);
        expect_match(p, "end", "do", line);
        return node2(p, S_DO, line, NULL, b, NULL);
    }
    if (at(p, "repeat")) {
        next(p);
        size_t mark = p->nactive;
        lp_node *b = block_in(p, true);
        expect_match(p, "until", "repeat", line);
        lp_node *c = expr(p, 0);
        p->nactive = mark;
        return node2(p, S_REPEAT, line, NULL, b, c);
    }
    if (at(p, "break")) {
        next(p);
        return node(p, S_BREAK, line, NULL);
    }
    /* goto NAME */
    next(p);
    if (!at_name(p))
        fail(p, "<name> expected");
    lp_node *g = node(p, S_GOTO, line, cur(p));
    next(p);
    return g;
}

/* One statement, or NULL for ';'. */
static lp_node *statement(parser *p)
{
    int line = cur(p)->line;
    enter(p);
    lp_node *s = NULL;
    if (at(p, ";")) {
        next(p);
    } else if (at(p, "if")) {
        s = if_stat(p, line);
    } else if (at(p, "for")) {
        next(p);
        s = for_stat(p, line);
    } else if (at(p, "function")) {
        next(p);
        s = function_stat(p, line);
    } else if (at(p, "local")) {
        next(p);
        if (at(p, "function")) {
            next(p);
            lp_node *n = name_decl(p);
            activate(p, n->var); /* a local function sees itself */
            s = node2(p, S_LOCALFUNCTION, line, NULL, n, funcbody(p, cur(p)->line, false));
        } else {
            s = local_stat(p, line);
        }
    } else if (at(p, "::")) {
        next(p);
        if (!at_name(p))
            fail(p, "<name> expected");
        s = node(p, S_LABEL, line, cur(p));
        next(p);
        expect(p, "::");
    } else if (at(p, "return")) {
        next(p);
        s = return_stat(p, line);
    } else if (at(p, "while") || at(p, "do") || at(p, "repeat") || at(p, "break") || at(p, "goto")) {
        s = keyword_stat(p, line);
    } else {
        s = expr_stat(p);
    }
    p->level--;
    return s;
}

/* ---- the tree ---- */

lp_tree *lparse(const char *src, size_t len)
{
    lp_tree *t = xcalloc(1, sizeof *t);
    t->toks = lscan_tokens(src, len, &t->ntok);
    parser *p = xcalloc(1, sizeof *p);
    p->t = t;
    p->tok = t->toks;
    p->ntok = t->ntok;
    if (setjmp(p->fail) == 0) {
        lp_node *b = block(p);
        if (cur(p)->kind != TK_EOF)
            fail(p, "<eof> expected");
        t->root = b;
    }
    free(p->active);
    free(p->globals);
    free(p);
    return t;
}

void lparse_free(lp_tree *t)
{
    if (!t)
        return;
    for (arena_blk *b = t->arena, *nb; b; b = nb) {
        nb = b->next;
        free(b);
    }
    free(t->vars);
    free(t->toks);
    free(t);
}

const lp_node *lparse_field(const lp_node *t, const char *key)
{
    if (!t || t->kind != E_TABLE)
        return NULL;
    size_t n = strlen(key);
    for (int k = 0; k < t->nkid; k++) {
        const lp_node *f = t->kid[k];
        if ((f->kind == F_NAMED && f->tok->n == n && memcmp(f->tok->s, key, n) == 0) ||
            (f->kind == F_KEYED && f->kid[0]->kind == E_STRING && f->kid[0]->len == n &&
             memcmp(f->kid[0]->str, key, n) == 0))
            return f;
    }
    return NULL;
}
