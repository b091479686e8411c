/*
 * cmd/lint.c - `pmoaudit lint [RULE_PATH...]`: checks rule packs without any
 * data. It loads the rule and test files in the runtime's lint mode (a bad
 * file or declaration is recorded and loading goes on), then checks what
 * loading cannot: domains, the tables a rule names, and, by reading the
 * check function's tokens, the columns and params it uses and the tables it
 * reads without listing them. Every problem is one "file:line: message"
 * line, sorted; exit 1 when there is any, 2 when lint cannot run.
 *
 * The code check follows values, not grammar: it knows which names hold
 * the row (a row rule's first parameter, `for r in t:rows()`, `t:get(...)`),
 * a table (`ctx.tables.x`), a row set (`t:select(...)`, groups) or the
 * params, and checks the names read through them. What it cannot follow
 * (a row passed to a helper, a computed column name) it leaves alone: the
 * runtime still stops on a column a table does not have.
 */
#include "cmd/commands.h"
#include "cmd/common.h"
#include "cmd/config.h"
#include "cmd/options.h"
#include "lua/rule_decl.h"
#include "lua/runtime.h"
#include "lua/test_cases.h"
#include "lua/tokens.h"
#include "model/registry.h"
#include "core/util.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const builtin_domains[] = {"DAT", "STD", "GOV", "SCH", "CST", "RES",
                                              "RSK", "CHG", "MON", "CLS", "ISS", NULL};

typedef struct {
    pa_registry *reg;
    char **problems;
    int n;
    const char **domains; /* built-in ones, then the config's; NULL-terminated */
    const char **tables;  /* every known table name; NULL-terminated */
    lint_use_fn use;      /* lint_columns: told each column a check reads, or NULL */
    void *use_ud;
} linter;

static void problem(linter *li, const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void problem(linter *li, const char *file, int line, const char *fmt, ...)
{
    sbuf b;
    sb_init(&b);
    sb_printf(&b, "%s:%d: ", file, line);
    va_list ap;
    va_start(ap, fmt);
    sb_vprintf(&b, fmt, ap);
    va_end(ap);
    li->problems = xrealloc(li->problems, (size_t)(li->n + 1) * sizeof *li->problems);
    li->problems[li->n++] = sb_steal(&b);
}

/* Problems sort by file, then line as a number, then text. */
static int split_loc(const char *s, size_t *flen, long *line)
{
    for (const char *p = s; (p = strchr(p, ':')); p++) {
        char *end;
        long l = strtol(p + 1, &end, 10);
        if (end > p + 1 && *end == ':') {
            *flen = (size_t)(p - s);
            *line = l;
            return 1;
        }
    }
    *flen = strlen(s);
    *line = 0;
    return 0;
}

static int cmp_problem(const void *a, const void *b)
{
    const char *x = *(char *const *)a, *y = *(char *const *)b;
    size_t fx, fy;
    long lx, ly;
    split_loc(x, &fx, &lx);
    split_loc(y, &fy, &ly);
    int c = strncmp(x, y, fx < fy ? fx : fy);
    if (c == 0 && fx != fy)
        c = fx < fy ? -1 : 1;
    if (c == 0 && lx != ly)
        c = lx < ly ? -1 : 1;
    return c ? c : strcmp(x, y);
}

/* ---- metadata ---- */

/* The name in a tables entry ("tasks?", "risks|issues"): each part, bare. */
static void check_tables(linter *li, const pa_rule *r)
{
    for (int k = 0; k < r->ntables; k++) {
        for (const char *p = r->tables[k]; *p;) {
            size_t n = strcspn(p, "|?");
            char name[128];
            snprintf(name, sizeof name, "%.*s", (int)n, p);
            if (n && !usch_table(&li->reg->schemas, name)) {
                const char *s = str_suggest(name, li->tables);
                problem(li, r->file, r->line,
                        "rule %s: table '%s' is not in the data model and no schema{} declares it%s%s%s "
                        "(declare an extra CSV with schema{ table = \"%s\", columns = {...} })",
                        r->id, name, s ? " (did you mean '" : "", s ? s : "", s ? "'?)" : "", name);
            }
            p += n;
            while (*p == '|' || *p == '?')
                p++;
        }
    }
}

static void check_domain(linter *li, const pa_rule *r)
{
    for (int i = 0; li->domains[i]; i++)
        if (strcmp(li->domains[i], r->domain) == 0)
            return;
    const char *s = str_suggest(r->domain, li->domains);
    problem(li, r->file, r->line,
            "rule %s: unknown domain '%s'%s%s%s; use a built-in one (DAT STD GOV SCH CST RES RSK CHG MON CLS "
            "ISS) or list yours in pmoaudit.lua: domains = {\"%s\"}",
            r->id, r->domain, s ? " (did you mean '" : "", s ? s : "", s ? "'?)" : "", r->domain);
}

static void check_schemas(linter *li)
{
    const pa_userschema *us = &li->reg->schemas;
    for (int i = 0; i < us->n; i++) {
        const pa_usertable *u = &us->v[i];
        for (int k = u->def.ncols - u->nown; k < u->def.ncols; k++) {
            const char *fk = u->def.cols[k].fk;
            if (fk && !usch_table(us, fk))
                problem(li, u->file, u->line, "schema %s: column %s: fk = \"%s\" is not a known table", u->def.name,
                        u->def.cols[k].name, fk);
            else if (fk && !usch_table(us, fk)->key)
                problem(li, u->file, u->line, "schema %s: column %s: fk = \"%s\" names a table without a key",
                        u->def.name, u->def.cols[k].name, fk);
        }
    }
}

/* ---- the check function's code ---- */

/* What a name holds: B_ITER iterates rows (t:rows()), B_GROUPS row sets (t:groups(c)). */
typedef enum { B_NONE, B_CTX, B_TABLES, B_PARAMS, B_TABLE, B_ROW, B_ROWSET, B_ITER, B_GROUPS } bkind;

typedef struct {
    const lscan_tok *name;
    bkind kind;
    char table[64];
} binding;

typedef struct {
    linter *li;
    const pa_rule *r;
    const lscan_tok *t;
    size_t lo, hi; /* the body's tokens */
    binding *b;
    size_t nb, cap;
    const char **guarded; /* columns named in :has("...") */
    size_t nguarded;
} coder;

static bool tok_eq(const lscan_tok *a, const lscan_tok *b)
{
    return a->n == b->n && memcmp(a->s, b->s, a->n) == 0;
}

static binding *lookup(coder *c, const lscan_tok *name)
{
    for (size_t i = c->nb; i-- > 0;)
        if (tok_eq(c->b[i].name, name))
            return &c->b[i];
    return NULL;
}

static void bind(coder *c, const lscan_tok *name, bkind kind, const char *table)
{
    binding *x = lookup(c, name);
    if (!x) {
        GROW(c->b, c->cap, c->nb + 1);
        x = &c->b[c->nb++];
        x->name = name;
    }
    x->kind = kind;
    snprintf(x->table, sizeof x->table, "%s", table ? table : "");
}

static bool listed(const pa_rule *r, const char *table)
{
    for (int k = 0; k < r->ntables; k++)
        for (const char *p = r->tables[k]; *p;) {
            size_t n = strcspn(p, "|?");
            if (n == strlen(table) && strncmp(p, table, n) == 0)
                return true;
            p += n;
            while (*p == '|' || *p == '?')
                p++;
        }
    return false;
}

static bool guarded(const coder *c, const char *col)
{
    for (size_t i = 0; i < c->nguarded; i++)
        if (strcmp(c->guarded[i], col) == 0)
            return true;
    return false;
}

/* A column read through a row (or named to report/find/select/groups). */
static void check_column(coder *c, const char *table, const lscan_tok *at, const char *col)
{
    if (c->li->use && table[0] && col[0] != '_')
        c->li->use(c->li->use_ud, (int)(c->r - c->li->reg->v), table, col);
    const pa_tabledef *d = usch_table(&c->li->reg->schemas, table);
    if (!d || col[0] == '_' || guarded(c, col) || schema_column_index(d, col) >= 0)
        return;
    const char *names[256];
    int n = 0;
    for (int k = 0; k < d->ncols && n < 255; k++)
        names[n++] = d->cols[k].name;
    names[n] = NULL;
    const char *s = str_suggest(col, names);
    problem(c->li, c->r->file, at->line,
            "rule %s: table %s has no column '%s'%s%s%s (an extra CSV column must be declared with schema{} "
            "to be checked here)",
            c->r->id, table, col, s ? " (did you mean '" : "", s ? s : "", s ? "'?)" : "");
}

static void tok_str(const lscan_tok *t, char *buf, size_t cap)
{
    snprintf(buf, cap, "%.*s", (int)(t->n < cap ? t->n : cap - 1), t->s);
}

/* The index after the parenthesised list that opens at i. */
static size_t skip_parens(const coder *c, size_t i)
{
    int depth = 0;
    for (; i < c->hi; i++) {
        if (lscan_is(&c->t[i], "(") || lscan_is(&c->t[i], "{") || lscan_is(&c->t[i], "["))
            depth++;
        else if (lscan_is(&c->t[i], ")") || lscan_is(&c->t[i], "}") || lscan_is(&c->t[i], "]"))
            if (--depth == 0)
                return i + 1;
    }
    return i;
}

/* Field `name` (after . or in ["..."]) on a value of kind k: the new kind. */
static bkind field_of(coder *c, bkind k, char *table, const lscan_tok *at, const char *name)
{
    switch (k) {
    case B_CTX:
        return strcmp(name, "tables") == 0 ? B_TABLES : strcmp(name, "params") == 0 ? B_PARAMS : B_NONE;
    case B_TABLES:
        if (!listed(c->r, name))
            problem(c->li, c->r->file, at->line,
                    "rule %s: reads table %s but does not list it in 'tables' (add \"%s\" or \"%s?\")", c->r->id,
                    name, name, name);
        snprintf(table, 64, "%s", name);
        return B_TABLE;
    case B_PARAMS:
        for (int p = 0; p < c->r->nparams; p++)
            if (strcmp(c->r->params[p].name, name) == 0)
                return B_NONE;
        problem(c->li, c->r->file, at->line, "rule %s: uses param '%s' but does not declare it in 'params'",
                c->r->id, name);
        return B_NONE;
    case B_ROW:
        check_column(c, table, at, name);
        return B_NONE;
    default:
        return B_NONE;
    }
}

/* t:rows("a", "b"): each column named must exist (i: the name "rows"). */
static void check_rows_columns(coder *c, const char *table, size_t i)
{
    if (i + 1 >= c->hi || !lscan_is(&c->t[i + 1], "("))
        return;
    for (size_t j = i + 2; j < c->hi && !lscan_is(&c->t[j], ")"); j++) {
        if (c->t[j].kind != TK_STRING)
            continue;
        char col[128];
        tok_str(&c->t[j], col, sizeof col);
        check_column(c, table, &c->t[j], col);
    }
}

/* A method call v:name(args) on a value of kind k at token i (the name). */
static bkind method_of(coder *c, bkind k, const char *table, size_t i, const char *name)
{
    if ((k == B_TABLE || k == B_ROWSET) && strcmp(name, "rows") == 0)
        check_rows_columns(c, table, i);
    const lscan_tok *arg = i + 2 < c->hi && lscan_is(&c->t[i + 1], "(") ? &c->t[i + 2] : NULL;
    if (k == B_TABLE) {
        if (arg && arg->kind == TK_STRING &&
            (strcmp(name, "find") == 0 || strcmp(name, "select") == 0 || strcmp(name, "groups") == 0)) {
            char col[128];
            tok_str(arg, col, sizeof col);
            check_column(c, table, arg, col);
        }
        if (strcmp(name, "get") == 0 || strcmp(name, "find") == 0 || strcmp(name, "row") == 0)
            return B_ROW;
        if (strcmp(name, "select") == 0)
            return B_ROWSET;
        if (strcmp(name, "rows") == 0)
            return B_ITER;
        if (strcmp(name, "groups") == 0)
            return B_GROUPS;
    }
    if (k == B_ROWSET && strcmp(name, "rows") == 0)
        return B_ITER;
    return B_NONE;
}

/*
 * Follow the suffixes of a name at token i (.f, ["f"], :m(...), [i], (...))
 * checking each step; returns the kind of the whole and sets *next to the
 * token after it. `table` carries the table the value belongs to.
 */
static bkind follow(coder *c, size_t i, size_t *next, char *table)
{
    const binding *b = lookup(c, &c->t[i]);
    bkind k = b ? b->kind : B_NONE;
    snprintf(table, 64, "%s", b ? b->table : "");
    size_t j = i + 1;
    while (j < c->hi) {
        const lscan_tok *t = &c->t[j];
        char name[128];
        if (lscan_is(t, ".") && j + 1 < c->hi && c->t[j + 1].kind == TK_NAME) {
            tok_str(&c->t[j + 1], name, sizeof name);
            bool call = j + 2 < c->hi && (lscan_is(&c->t[j + 2], "(") || c->t[j + 2].kind == TK_STRING);
            if (k == B_CTX && strcmp(name, "report") == 0 && call) {
                size_t a = j + 3; /* report(row, "column", ...) */
                if (a + 2 < c->hi && c->t[a].kind == TK_NAME && lscan_is(&c->t[a + 1], ",") &&
                    c->t[a + 2].kind == TK_STRING) {
                    const binding *rb = lookup(c, &c->t[a]);
                    char col[128];
                    tok_str(&c->t[a + 2], col, sizeof col);
                    if (rb && rb->kind == B_ROW)
                        check_column(c, rb->table, &c->t[a + 2], col);
                }
            }
            k = field_of(c, k, table, &c->t[j + 1], name);
            j += 2;
        } else if (lscan_is(t, "[") && j + 2 < c->hi && c->t[j + 1].kind == TK_STRING &&
                   lscan_is(&c->t[j + 2], "]")) {
            tok_str(&c->t[j + 1], name, sizeof name);
            k = field_of(c, k, table, &c->t[j + 1], name);
            j += 3;
        } else if (lscan_is(t, "[")) {
            k = k == B_ROWSET ? B_ROW : B_NONE;
            j = skip_parens(c, j);
        } else if (lscan_is(t, ":") && j + 1 < c->hi && c->t[j + 1].kind == TK_NAME) {
            tok_str(&c->t[j + 1], name, sizeof name);
            k = method_of(c, k, table, j + 1, name);
            j += 2;
            if (j < c->hi && lscan_is(&c->t[j], "("))
                j = skip_parens(c, j);
            else if (j < c->hi && c->t[j].kind == TK_STRING)
                j++;
        } else if (lscan_is(t, "(")) {
            k = B_NONE;
            j = skip_parens(c, j);
        } else {
            break;
        }
    }
    *next = j;
    return k;
}

/* Does the expression that starts at i end at `end` (nothing after it)? */
static bool ends_expr(const coder *c, size_t end)
{
    if (end >= c->hi)
        return true;
    const lscan_tok *t = &c->t[end];
    static const char *const binops[] = {"or", "and", "..", "+", "-", "*", "/", "//", "%", "^",
                                         "==", "~=", "<", ">", "<=", ">=", "&", "|", "~", NULL};
    for (int i = 0; binops[i]; i++)
        if (lscan_is(t, binops[i]))
            return false;
    return true;
}

/* At a name that starts `a, b = ...` (with or without local): the index of
 * the "=", else 0. */
static size_t assignment(const coder *c, size_t i)
{
    size_t j = i;
    while (j + 2 < c->hi && lscan_is(&c->t[j + 1], ",") && c->t[j + 2].kind == TK_NAME)
        j += 2;
    return j + 1 < c->hi && lscan_is(&c->t[j + 1], "=") ? j + 1 : 0;
}

/*
 * `a, b = e1, e2`: bind each name to what its expression is, while the
 * expressions are simple chains (ctx.tables.x, t:get(id), ...); a name whose
 * expression is anything else holds nothing lint follows. Returns the
 * index after the last expression followed.
 */
static size_t assign(coder *c, size_t i, size_t eq)
{
    size_t k = eq + 1;
    bool following = true;
    for (size_t n = i; n < eq; n += 2) {
        bkind kind = B_NONE;
        char table[64] = "";
        if (following && k < c->hi && c->t[k].kind == TK_NAME) {
            size_t end;
            kind = follow(c, k, &end, table);
            bool comma = end < c->hi && lscan_is(&c->t[end], ",");
            if (!comma && !ends_expr(c, end))
                kind = B_NONE;
            following = comma;
            k = comma ? end + 1 : end;
        } else {
            following = false;
        }
        bind(c, &c->t[n], kind, table);
    }
    return k > eq + 1 ? k : eq + 1;
}

static void scan_body(coder *c)
{
    for (size_t i = c->lo; i < c->hi; i++) { /* :has("col") guards a column read */
        if (lscan_is(&c->t[i], ":") && i + 3 < c->hi && lscan_is(&c->t[i + 1], "has") &&
            lscan_is(&c->t[i + 2], "(") && c->t[i + 3].kind == TK_STRING) {
            char *col = xasprintf("%.*s", (int)c->t[i + 3].n, c->t[i + 3].s);
            c->guarded = xrealloc(c->guarded, (c->nguarded + 1) * sizeof *c->guarded);
            c->guarded[c->nguarded++] = col;
        }
    }
    for (size_t i = c->lo; i < c->hi; i++) {
        const lscan_tok *t = &c->t[i];
        if (t->kind != TK_NAME || (i > c->lo && (lscan_is(&c->t[i - 1], ".") || lscan_is(&c->t[i - 1], ":"))))
            continue;
        size_t eq = assignment(c, i);
        if (eq) {
            i = assign(c, i, eq) - 1;
            continue;
        }
        if (lscan_is(t, "for")) { /* for a[, b, ...] in <expr> do */
            size_t j = i + 1;
            const lscan_tok *vars[10] = {NULL};
            int nv = 0;
            while (j < c->hi && c->t[j].kind == TK_NAME && !lscan_is(&c->t[j], "in") && nv < 10) {
                vars[nv++] = &c->t[j++];
                if (j < c->hi && lscan_is(&c->t[j], ","))
                    j++;
            }
            if (nv && j + 1 < c->hi && lscan_is(&c->t[j], "in") && c->t[j + 1].kind == TK_NAME) {
                size_t end;
                char table[64];
                bkind k = follow(c, j + 1, &end, table);
                for (int v = 0; v < nv; v++)
                    bind(c, vars[v], B_NONE, NULL);
                if (k == B_ITER) /* for row [, cell, ...] in t:rows([column, ...]) */
                    bind(c, vars[0], B_ROW, table);
                else if (k == B_GROUPS && nv == 2)
                    bind(c, vars[1], B_ROWSET, table);
                i = end - 1;
            }
            continue;
        }
        size_t end;
        char table[64];
        follow(c, i, &end, table);
        if (end > i + 1)
            i = end - 1;
    }
}

/* The names of the function's parameters, from the tokens at its first line. */
static size_t params_at(const lscan_tok *t, size_t ntok, int line, const lscan_tok **p, size_t maxp, size_t *body)
{
    size_t i = 0;
    while (i < ntok && (t[i].line < line || !lscan_is(&t[i], "function")))
        i++;
    while (i < ntok && !lscan_is(&t[i], "("))
        i++;
    size_t n = 0;
    for (i++; i < ntok && !lscan_is(&t[i], ")"); i++)
        if (t[i].kind == TK_NAME && n < maxp)
            p[n++] = &t[i];
    *body = i + 1;
    return n;
}

static void check_code(linter *li, lrt *rt, const pa_rule *r, const char *text, size_t len)
{
    const char *chunk;
    int first, last;
    if (!lrt_check_span(rt, r->id, &chunk, &first, &last) || chunk[0] != '@' || strcmp(chunk + 1, r->file) != 0)
        return; /* a check defined in a lib helper: not followed */
    size_t ntok;
    lscan_tok *t = lscan_tokens(text, len, &ntok);
    coder c = {li, r, t, 0, 0, NULL, 0, 0, NULL, 0};
    const lscan_tok *params[2] = {NULL, NULL};
    size_t np = params_at(t, ntok, first, params, 2, &c.lo);
    c.hi = c.lo;
    while (c.hi < ntok && t[c.hi].kind != TK_EOF && t[c.hi].line <= last)
        c.hi++;
    if (r->each) {
        if (np > 0)
            bind(&c, params[0], B_ROW, r->each);
        if (np > 1)
            bind(&c, params[1], B_CTX, NULL);
    } else if (np > 0) {
        bind(&c, params[0], B_CTX, NULL);
    }
    scan_body(&c);
    for (size_t i = 0; i < c.nguarded; i++)
        free((char *)c.guarded[i]);
    free(c.guarded);
    free(c.b);
    free(t);
}

/* ---- the command ---- */

static const char *const lint_help =
    "usage: pmoaudit lint [RULE_PATH...] [-c FILE] [--builtin]\n"
    "\n"
    "Checks rule files without data: syntax, rule{} metadata, duplicate ids,\n"
    "unknown severities, domains and tables, columns and params a check uses\n"
    "that its tables and params do not have, tables it reads without listing\n"
    "them, and rules without a test case. Without RULE_PATH it checks the\n"
    "config's rule folders, or the built-in pack when there is no config.\n"
    "  -c, --config FILE  read custom domains (domains = {...}) and rule folders\n"
    "  --builtin          check the built-in pack (also with RULE_PATHs)\n"
    "  --max-instructions N and the other budget options of run: the budget of\n"
    "  the rule files' loading\n"
    "Exit 0 when clean, 1 when there are problems, 2 when lint cannot run.\n";

/* One pass over the test cases: mark the rules they test (tested[] is
 * indexed like the registry) and report those of rules not linted. */
static void check_test_targets(lrt *rt, linter *li, bool *tested)
{
    int nt = ltc_count(rt);
    for (int k = 1; k <= nt; k++) {
        ltc_case tc;
        ltc_read(rt, k, &tc);
        const char *id = tc.rule;
        int ri = id ? reg_index(li->reg, id) : -1;
        if (ri >= 0)
            tested[ri] = true;
        else if (id)
            problem(li, tc.file, tc.line, "test: there is no rule %s in the linted paths", id);
        ltc_free(&tc);
    }
}

static void lint_registry(linter *li, lrt *rt)
{
    check_schemas(li);
    bool *tested = xcalloc((size_t)li->reg->n + 1, sizeof *tested);
    check_test_targets(rt, li, tested);
    for (int i = 0; i < li->reg->n; i++) {
        const pa_rule *r = &li->reg->v[i];
        if (r->engine)
            continue;
        check_domain(li, r);
        check_tables(li, r);
        for (int s = 0; s < li->reg->nsrc; s++)
            if (strcmp(li->reg->src[s].path, r->file) == 0)
                check_code(li, rt, r, li->reg->src[s].text, li->reg->src[s].len);
        if (!tested[i])
            problem(li, r->file, r->line,
                    "rule %s has no test: add test{ rule = \"%s\", ... } cases to a *_test.lua file beside it "
                    "(see docs/rule-tests.md)",
                    r->id, r->id);
    }
    free(tested);
}

static const char **known_tables(const pa_registry *reg)
{
    const char **v = xcalloc((size_t)schema_ntables + (size_t)reg->schemas.n + 1, sizeof *v);
    int n = 0;
    for (int i = 0; i < schema_ntables; i++)
        v[n++] = schema_tables[i].name;
    for (int i = 0; i < reg->schemas.n; i++)
        if (!reg->schemas.v[i].extends)
            v[n++] = reg->schemas.v[i].def.name;
    return v;
}

static const char **known_domains(const char *extra)
{
    int n = 0;
    const char **v = xcalloc(sizeof builtin_domains / sizeof *builtin_domains, sizeof *v);
    for (int i = 0; builtin_domains[i]; i++)
        v[n++] = builtin_domains[i];
    for (const char *p = extra; p && *p;) {
        size_t len = strcspn(p, ",");
        v = xrealloc(v, (size_t)(n + 2) * sizeof *v);
        v[n++] = xstrndup(p, len);
        p += len + (p[len] == ',');
    }
    v[n] = NULL;
    return v;
}

int lint_columns(pa_registry *reg, lint_use_fn use, void *ud)
{
    linter li = {reg, NULL, 0, NULL, NULL, use, ud};
    char *err = NULL;
    lrt *rt = lrt_new(NULL);
    lrt_set_lint(rt);
    int rc = rt ? lrt_load_sources(rt, reg, &err) : -1; /* reg is loaded already: only the code's spans are needed */
    for (int i = 0; rc == 0 && i < reg->n; i++)
        for (int s = 0; s < reg->nsrc && !reg->v[i].engine; s++)
            if (strcmp(reg->src[s].path, reg->v[i].file) == 0)
                check_code(&li, rt, &reg->v[i], reg->src[s].text, reg->src[s].len);
    for (int i = 0; i < li.n; i++) /* the problems are lint's business, not the caller's */
        free(li.problems[i]);
    free(li.problems);
    free(err);
    lrt_free(rt);
    return rc;
}

static int run_lint(pa_registry *reg, pa_source *tests, int ntests, const char *domains, const pa_limits *lim)
{
    linter li = {reg, NULL, 0, known_domains(domains), NULL, NULL, NULL};
    char *err = NULL;
    lrt *rt = lrt_new(lim);
    lrt_set_lint(rt);
    int rc = lrt_load_sources(rt, reg, &err);
    if (rc == 0)
        rc = lrt_load_tests(rt, tests, ntests, &err);
    if (rc == 0)
        rc = lrt_extract(rt, reg, &err);
    if (rc != 0) { /* lint mode records problems, so this is rare: out of memory */
        cli_fail("%s", err);
        free(err);
        lrt_free(rt);
        return 2;
    }
    int np;
    char **lp = lrt_problems(rt, &np);
    for (int i = 0; i < np; i++) {
        li.problems = xrealloc(li.problems, (size_t)(li.n + 1) * sizeof *li.problems);
        li.problems[li.n++] = xstrdup(lp[i]);
    }
    li.tables = known_tables(reg);
    lint_registry(&li, rt);
    if (li.n > 1)
        qsort(li.problems, (size_t)li.n, sizeof *li.problems, cmp_problem);
    for (int i = 0; i < li.n; i++) {
        printf("%s\n", li.problems[i]);
        free(li.problems[i]);
    }
    printf("lint: %d rule%s, %d file%s: %d problem%s\n", reg->n, reg->n == 1 ? "" : "s", reg->nsrc + ntests,
           reg->nsrc + ntests == 1 ? "" : "s", li.n, li.n == 1 ? "" : "s");
    rc = li.n ? 1 : 0;
    free(li.problems);
    for (int i = 0; li.domains[i]; i++)
        if (i >= (int)(sizeof builtin_domains / sizeof *builtin_domains) - 1)
            free((char *)li.domains[i]);
    free(li.domains);
    free(li.tables);
    lrt_free(rt);
    return rc;
}

int cmd_lint(int argc, char **argv)
{
    const char *config = NULL;
    bool builtin = false;
    const char **paths = xcalloc((size_t)argc + 1, sizeof *paths);
    int npaths = 0, lim;
    pa_runopts budget; /* --max-instructions and the other budget options */
    opts_defaults(&budget);
    char *berr = NULL;
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
            fputs(lint_help, stdout);
            free(paths);
            return 0;
        } else if ((lim = opts_parse_limit(argc, argv, &i, &budget, &berr)) != 0) {
            if (lim < 0)
                return free(paths), cli_fail_free(berr);
        } else if ((strcmp(argv[i], "-c") == 0 || strcmp(argv[i], "--config") == 0) && i + 1 < argc) {
            config = argv[++i];
        } else if (strcmp(argv[i], "--builtin") == 0) {
            builtin = true;
        } else if (argv[i][0] == '-' && argv[i][1]) {
            free(paths);
            return cmds_unknown_option("lint", argv[i]);
        } else {
            paths[npaths++] = argv[i];
        }
    }
    pa_runopts o;
    memset(&o, 0, sizeof o);
    pa_config cfg;
    char *err = NULL;
    if (config_load(config, &o, &cfg, &err) != 0) {
        free(paths);
        config_free(&cfg);
        free((void *)o.rule_paths);
        free((void *)o.sets);
        int rc = cli_fail("%s", err);
        free(err);
        return rc;
    }
    const char **use = npaths ? paths : o.rule_paths;
    int nuse = npaths ? npaths : o.nrule_paths;
    if (nuse == 0)
        builtin = true;
    pa_registry reg;
    reg_init(&reg);
    pa_source *tests = NULL;
    int ntests = 0;
    int rc = 0;
    if (builtin) {
        reg_add_builtin(&reg);
        reg_builtin_tests(&reg, &tests, &ntests);
    }
    for (int i = 0; rc == 0 && i < nuse; i++)
        if (reg_add_path(&reg, use[i], &err) != 0 || reg_path_tests(&reg, use[i], &tests, &ntests, &err) != 0)
            rc = cli_fail("%s", err);
    if (rc == 0)
        rc = run_lint(&reg, tests, ntests, o.domains, &budget.lim);
    free(err);
    reg_free_sources(tests, ntests);
    reg_free(&reg);
    config_free(&cfg);
    free((void *)o.rule_paths);
    free((void *)o.sets);
    free(paths);
    return rc;
}
