/*
 * lua/code_check.c - rule code read as data flow (see lua/code_check.h).
 *
 * The file is parsed once (lua/parse.c, names resolved to variables). For
 * each rule, an abstract value ("kind") is computed for every variable:
 * the check's parameters are seeded (a row of the `each` table, ctx), and
 * every assignment, `for` loop, table lookup and call joins what it
 * assigns into its target's kind. Kinds only rise (nothing known -> nil ->
 * one kind -> a type -> anything), so repeating the walk until nothing
 * changes ends, in a few passes; a last pass reports. Being flow-
 * insensitive, a variable that holds a row in one place and something else
 * in another is "anything", and nothing is reported about it: lint errs
 * towards silence rather than false alarms.
 *
 * A local (or file global) function whose name is only ever called gets
 * its parameters' kinds from its call sites, so a row handed to a helper
 * of the file is still a row. What cannot be followed (a row passed to a
 * lib helper, a computed column name, a value returned by a function) is
 * left alone; the run still stops on a column a table does not have.
 */
#include "lua/code_check.h"
#include "lua/api.h"
#include "lua/parse.h"
#include "lua/runtime.h"
#include "model/schema.h"
#include "model/user_schema.h"
#include "core/util.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Passes of the fixed point before giving up on a rule (a handful is typical). */
#define MAX_PASSES 12
/* Arguments whose kinds a call keeps for binding a helper's parameters. */
#define MAX_ARGS 8

/* ---- the file ---- */

struct lcheck_file {
    const char *path;
    lp_tree *tree;
    int *refs, *callee, *assigned, *defs; /* per variable: uses as a value, as a callee, as a target; definitions */
    const lp_node **fn_of;                /* per variable: the function it is defined as (one definition) */
    const lp_node **const_of;             /* per variable: the string literal a local is defined as, once */
    const char **guards;                  /* columns named in x:has("column") */
    size_t nguards, capguards;
    const char **fields_set;              /* names assigned as fields anywhere (x.name = ...) */
    size_t nfields_set, capfields_set;
    lcheck_column_fn on_column;           /* lcheck_on_column, or NULL */
    void *on_column_ud;
};

static void add_name(const char ***v, size_t *n, size_t *cap, const char *s)
{
    GROW(*v, *cap, *n + 1);
    (*v)[(*n)++] = s;
}

static bool has_name(const char *const *v, size_t n, const char *s, size_t len)
{
    for (size_t i = 0; i < n; i++)
        if (strlen(v[i]) == len && memcmp(v[i], s, len) == 0)
            return true;
    return false;
}

/* S_LOCAL and S_ASSIGN: the uses and definitions they make. */
static void scan_binding(lcheck_file *f, const lp_node *x)
{
    for (int k = 0; k < x->n; k++) {
        const lp_node *t = x->kid[k], *v = x->n + k < x->nkid ? x->kid[x->n + k] : NULL;
        if (t->kind == E_INDEX && t->dot)
            add_name(&f->fields_set, &f->nfields_set, &f->capfields_set, t->kid[1]->str);
        if (t->kind != E_NAME)
            continue;
        if (x->kind == S_ASSIGN)
            f->assigned[t->var]++;
        if (v || x->kind == S_ASSIGN)
            f->defs[t->var]++;
        if (v && v->kind == E_FUNCTION)
            f->fn_of[t->var] = v;
        if (v && v->kind == E_STRING && x->kind == S_LOCAL)
            f->const_of[t->var] = v;
    }
}

/* One pass over the tree: how each variable is used and defined, the
 * has() guards and the fields assigned. */
static void scan(lcheck_file *f, const lp_node *x)
{
    switch (x->kind) {
    case E_NAME:
        if (f->tree->vars[x->var].decl != x)
            f->refs[x->var]++;
        break;
    case E_CALL:
        if (x->kid[0]->kind == E_NAME)
            f->callee[x->kid[0]->var]++;
        break;
    case E_METHOD:
        if (lscan_is(x->tok, "has") && x->nkid > 1 && x->kid[1]->kind == E_STRING)
            add_name(&f->guards, &f->nguards, &f->capguards, x->kid[1]->str);
        break;
    case S_LOCAL:
    case S_ASSIGN:
        scan_binding(f, x);
        break;
    case S_FUNCTION:
    case S_LOCALFUNCTION:
        if (x->kid[0]->kind == E_NAME) {
            int v = x->kid[0]->var;
            f->assigned[v] += x->kind == S_FUNCTION;
            f->defs[v]++;
            f->fn_of[v] = x->kid[1];
        }
        break;
    default:
        break;
    }
    for (int k = 0; k < x->nkid; k++)
        scan(f, x->kid[k]);
}

lcheck_file *lcheck_open(const char *path, const char *src, size_t len)
{
    lcheck_file *f = xcalloc(1, sizeof *f);
    f->path = path;
    f->tree = lparse(src, len);
    size_t nv = (size_t)f->tree->nvars + 1;
    f->refs = xcalloc(nv, sizeof *f->refs);
    f->callee = xcalloc(nv, sizeof *f->callee);
    f->assigned = xcalloc(nv, sizeof *f->assigned);
    f->defs = xcalloc(nv, sizeof *f->defs);
    f->fn_of = xcalloc(nv, sizeof *f->fn_of);
    f->const_of = xcalloc(nv, sizeof *f->const_of);
    if (f->tree->root)
        scan(f, f->tree->root);
    return f;
}

void lcheck_close(lcheck_file *f)
{
    if (!f)
        return;
    lparse_free(f->tree);
    free(f->refs);
    free(f->callee);
    free(f->assigned);
    free(f->defs);
    free(f->fn_of);
    free(f->const_of);
    free(f->guards);
    free(f->fields_set);
    free(f);
}

const char *lcheck_error(const lcheck_file *f, int *line, bool *limit)
{
    *line = f->tree->err_line;
    *limit = f->tree->too_deep;
    return f->tree->root ? NULL : f->tree->err;
}

void lcheck_msgs_free(lcheck_msgs *m)
{
    for (size_t i = 0; i < m->n; i++)
        free(m->v[i]);
    free(m->v);
    memset(m, 0, sizeof *m);
}

static void msg_add(lcheck_msgs *m, char *s)
{
    GROW(m->v, m->cap, m->n + 1);
    m->v[m->n++] = s;
}

/* Is variable v a helper whose every use is a call (its parameters then come from the calls)? */
static bool called_only(const lcheck_file *f, int v)
{
    return f->fn_of[v] && f->defs[v] == 1 && f->refs[v] == f->callee[v] + f->assigned[v];
}

/* The string literal variable v always holds (a local defined once as one), or NULL. */
static const lp_node *constant(const lcheck_file *f, int v)
{
    return f->const_of[v] && f->defs[v] == 1 && f->assigned[v] == 0 ? f->const_of[v] : NULL;
}

/* ---- kinds ---- */

typedef enum {
    K_BOT, K_NIL, K_TOP, K_CTX, K_TABLES, K_PARAMS, K_REPORT, K_PMO, K_TABLE, K_ROW, K_ROWSET,
    K_ITER,   /* what t:rows(...) returns; node: that call */
    K_GROUPS, /* what t:groups(c) returns; col: c */
    K_IPAIRS, /* what ipairs(row set) returns */
    K_CELL,   /* a cell of tab's column col */
    K_STR, K_NUM, K_BOOL, K_DATE /* values of a Lua type; node: the literal, when one */
} kk;

typedef struct {
    const pa_tabledef *tab;
    const lp_node *node;
    kk k;
    int col;
} kv;

static const kv TOP = {.tab = NULL, .node = NULL, .k = K_TOP, .col = -1};

static kv mk(kk k, const pa_tabledef *tab, int col, const lp_node *node)
{
    return (kv){.tab = tab, .node = node, .k = k, .col = col};
}

/* The Lua type of a value kind: 's', 'n', 'b', 'd', or 0 when not known. */
static char ltype(kv v)
{
    switch (v.k) {
    case K_STR: return 's';
    case K_NUM: return 'n';
    case K_BOOL: return 'b';
    case K_DATE: return 'd';
    case K_CELL:
        switch (v.tab->cols[v.col].type) {
        case TY_INT:
        case TY_NUMBER:
        case TY_MONEY: return 'n';
        case TY_DATE: return 'd';
        case TY_BOOL: return 'b';
        default: return 's';
        }
    default: return 0;
    }
}

static bool same_literal(const lp_node *a, const lp_node *b)
{
    if (a == b)
        return true;
    if (!a || !b || a->kind != b->kind)
        return false;
    if (a->kind == E_STRING)
        return a->len == b->len && memcmp(a->str, b->str, a->len) == 0;
    return a->tok && b->tok && a->tok->n == b->tok->n && memcmp(a->tok->s, b->tok->s, a->tok->n) == 0;
}

static bool kv_eq(kv a, kv b)
{
    return a.k == b.k && a.tab == b.tab && a.col == b.col && same_literal(a.node, b.node);
}

/* The least kind above both: equal kinds stay, values of one Lua type become that type. */
static kv join(kv a, kv b)
{
    if (a.k == K_BOT || a.k == K_NIL)
        return b.k == K_BOT ? a : b;
    if (b.k == K_BOT || b.k == K_NIL || kv_eq(a, b))
        return a;
    char ta = ltype(a), tb = ltype(b);
    if (ta && ta == tb)
        return mk(ta == 's' ? K_STR : ta == 'n' ? K_NUM : ta == 'b' ? K_BOOL : K_DATE, NULL, -1, NULL);
    return TOP;
}

/* ---- the analysis of one rule ---- */

typedef struct {
    lcheck_file *f;
    const pa_registry *reg;
    const pa_rule *r;
    kv *st;          /* per variable */
    bool *seeded;    /* the check's parameters: kinds fixed */
    const lp_node *check;
    bool changed, report;
    unsigned what;
    lcheck_msgs *out;
} an;

static void problem(an *a, unsigned kind, int line, const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void problem(an *a, unsigned kind, int line, const char *fmt, ...)
{
    if (!a->report || !(a->what & kind))
        return;
    sbuf b;
    sb_init(&b);
    sb_printf(&b, "%s:%d: rule %s: ", a->f->path, line, a->r->id);
    va_list ap;
    va_start(ap, fmt);
    sb_vprintf(&b, fmt, ap);
    va_end(ap);
    msg_add(a->out, sb_steal(&b));
}

static void assign(an *a, int var, kv v)
{
    if (var < 0 || a->seeded[var])
        return;
    kv j = join(a->st[var], v);
    if (!kv_eq(j, a->st[var])) {
        a->st[var] = j;
        a->changed = true;
    }
}

static bool is_global(const an *a, const lp_node *x, const char *name)
{
    const lp_var *v = &a->f->tree->vars[x->var];
    return x->kind == E_NAME && v->global && a->f->defs[x->var] == 0 && lscan_is(v->name, name);
}

/* pmo.NAME as a callee (pmo not redefined by the file). */
static bool is_pmo(const an *a, const lp_node *x, const char *name)
{
    return x->kind == E_INDEX && x->dot && is_global(a, x->kid[0], "pmo") && strcmp(x->kid[1]->str, name) == 0;
}

/* A variable's kind; a global the file never assigns is the environment's (pmo, string, ...): unknown. */
static kv var_get(const an *a, const lp_node *x)
{
    kv v = a->st[x->var];
    if (v.k == K_BOT && is_global(a, x, "pmo"))
        return mk(K_PMO, NULL, -1, NULL);
    if (v.k == K_BOT && a->f->tree->vars[x->var].global && a->f->defs[x->var] == 0)
        return TOP;
    return v;
}

static const pa_tabledef *table_def(const an *a, const char *name)
{
    return usch_table(&a->reg->schemas, name);
}

/* The literal a kind carries as text: its value for a string, as written for a number. */
static void literal_text(kv v, const char **s, size_t *n)
{
    if (v.node->kind == E_STRING) {
        *s = v.node->str;
        *n = v.node->len;
    } else {
        *s = v.node->tok->s;
        *n = v.node->tok->n;
    }
}

/* How a side of a comparison reads in a message: projects.phase, "Execution", 3, true. */
static void render(sbuf *b, kv v)
{
    if (v.k == K_CELL) {
        sb_printf(b, "%s.%s", v.tab->name, v.tab->cols[v.col].name);
        return;
    }
    const char *s;
    size_t n;
    literal_text(v, &s, &n);
    if (v.node->kind == E_STRING)
        sb_printf(b, "\"%.*s\"", (int)(n > 60 ? 60 : n), s);
    else
        sb_printf(b, "%.*s", (int)(n > 60 ? 60 : n), s);
}

/* ---- names: columns, params, fields ---- */

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

/* A column read or named on a row of tab: the cell's kind; a problem when tab lacks it. */
static kv column(an *a, const pa_tabledef *tab, const char *col, int line)
{
    if (a->report && a->f->on_column && col[0] != '_')
        a->f->on_column(a->f->on_column_ud, a->r, tab->name, col);
    int k = schema_column_index(tab, col);
    if (k >= 0)
        return mk(K_CELL, tab, k, NULL);
    if (col[0] == '_' || has_name(a->f->guards, a->f->nguards, col, strlen(col)) ||
        usch_broken(&a->reg->schemas, tab->name)) /* its schema{} failed: that one error says why */
        return TOP;
    const char *names[256];
    int n = 0;
    for (int c = 0; c < tab->ncols && n < 255; c++)
        names[n++] = tab->cols[c].name;
    names[n] = NULL;
    const char *s = str_suggest(col, names);
    problem(a, LCHECK_NAMES, line,
            "table %s has no column '%s'%s%s%s (an extra CSV column must be declared with schema{} to be checked "
            "here)",
            tab->name, col, s ? " (did you mean '" : "", s ? s : "", s ? "'?)" : "");
    return TOP;
}

static kv param(an *a, const char *name, int line)
{
    const pa_rule *r = a->r;
    for (int p = 0; p < r->nparams; p++)
        if (strcmp(r->params[p].name, name) == 0) {
            const char *t = r->params[p].type;
            return strcmp(t, "number") == 0    ? mk(K_NUM, NULL, -1, NULL)
                   : strcmp(t, "string") == 0  ? mk(K_STR, NULL, -1, NULL)
                   : strcmp(t, "boolean") == 0 ? mk(K_BOOL, NULL, -1, NULL)
                                               : TOP;
        }
    const char *names[64];
    int n = 0;
    for (int p = 0; p < r->nparams && n < 63; p++)
        names[n++] = r->params[p].name;
    names[n] = NULL;
    const char *s = str_suggest(name, names);
    problem(a, LCHECK_NAMES, line, "uses param '%s' but does not declare it in 'params'%s%s%s", name,
            s ? " (did you mean '" : "", s ? s : "", s ? "'?)" : "");
    return TOP;
}

static kv ctx_field(an *a, const char *name, int line)
{
    static const char *const fields[] = {"T", "rule", "params", "tables", "report", NULL};
    static const kk kinds[] = {K_DATE, K_STR, K_PARAMS, K_TABLES, K_REPORT};
    for (int i = 0; fields[i]; i++)
        if (strcmp(fields[i], name) == 0)
            return mk(kinds[i], NULL, -1, NULL);
    if (!has_name(a->f->fields_set, a->f->nfields_set, name, strlen(name))) {
        const char *s = str_suggest(name, fields);
        problem(a, LCHECK_NAMES, line, "ctx has no field '%s'%s%s%s (it has T, rule, params, tables and report)",
                name, s ? " (did you mean '" : "", s ? s : "", s ? "'?)" : "");
    }
    return TOP;
}

/* obj.name (or obj["name"]) read at line. */
static kv field(an *a, kv obj, const char *name, int line)
{
    switch (obj.k) {
    case K_CTX:
        return ctx_field(a, name, line);
    case K_TABLES: {
        if (!listed(a->r, name))
            problem(a, LCHECK_NAMES, line,
                    "reads table %s but does not list it in 'tables' (add \"%s\" or \"%s?\")", name, name, name);
        const pa_tabledef *t = table_def(a, name);
        return t ? mk(K_TABLE, t, -1, NULL) : TOP;
    }
    case K_PARAMS:
        return param(a, name, line);
    case K_TABLE:
        if (!ldata_table_field(name))
            problem(a, LCHECK_NAMES, line, "tables have no field or method '%s' (they have name, file, columns and "
                    "the methods of docs/rule-api.md#tables)", name);
        return strcmp(name, "name") == 0 || strcmp(name, "file") == 0 ? mk(K_STR, NULL, -1, NULL) : TOP;
    case K_ROWSET:
        if (!ldata_rowset_field(name))
            problem(a, LCHECK_NAMES, line, "row sets have no field or method '%s' (use #rows, rows[i] or "
                    "rows:rows())", name);
        return TOP;
    case K_PMO: {
        bool known;
        const char *near = lrt_pmo_function(name, &known);
        if (!known && !has_name(a->f->fields_set, a->f->nfields_set, name, strlen(name)))
            problem(a, LCHECK_NAMES, line, "pmo has no function '%s'%s%s%s (see docs/rule-api.md)", name,
                    near ? " (did you mean 'pmo." : "", near ? near : "", near ? "'?)" : "");
        return TOP;
    }
    case K_ROW:
        if (strcmp(name, "_line") == 0 || strcmp(name, "_index") == 0)
            return mk(K_NUM, NULL, -1, NULL);
        return column(a, obj.tab, name, line);
    default:
        return TOP;
    }
}

/* ---- comparisons ---- */

/* The literal of a kind as (type letter, text), when it is one. */
static bool literal(kv v, char *vt, const char **s, size_t *n)
{
    if (!v.node || (v.k != K_STR && v.k != K_NUM && v.k != K_BOOL))
        return false;
    *vt = ltype(v);
    literal_text(v, s, n);
    return true;
}

/* cell OP literal (either order), where no cell can make == true, or where < raises. */
static void compare(an *a, const lp_node *e, kv l, kv r)
{
    bool cell_left = l.k == K_CELL;
    kv c = cell_left ? l : r, v = cell_left ? r : l;
    char vt;
    const char *s;
    size_t n;
    if (!a->report || c.k != K_CELL || !literal(v, &vt, &s, &n))
        return;
    const pa_coldef *cd = &c.tab->cols[c.col];
    bool eq = lscan_is(e->tok, "==") || lscan_is(e->tok, "~=");
    if (!eq && ltype(c) == vt)
        return; /* ordering two strings, two numbers: legal */
    sbuf why, what;
    sb_init(&why);
    sb_init(&what);
    if (schema_never_equal(cd->type, cd->enums, vt, s, n, &why)) {
        render(&what, l);
        sb_printf(&what, " %.*s ", (int)e->tok->n, e->tok->s);
        render(&what, r);
        problem(a, LCHECK_COMPARE, e->line, "%s is %s: %s", what.data,
                !eq ? "an error when it runs" : lscan_is(e->tok, "==") ? "always false" : "always true", why.data);
    }
    sb_free(&why);
    sb_free(&what);
}

/* t:find(col, value), t:select(col, value), t:get(value): a literal no cell of the column can equal. */
static void lookup(an *a, const lp_node *e, const pa_tabledef *tab, int col, kv v)
{
    char vt;
    const char *s;
    size_t n;
    if (!a->report || col < 0 || !literal(v, &vt, &s, &n))
        return;
    const pa_coldef *cd = &tab->cols[col];
    sbuf why;
    sb_init(&why);
    if (schema_never_equal(cd->type, cd->enums, vt, s, n, &why)) {
        sbuf what;
        sb_init(&what);
        sb_printf(&what, "%s:%.*s(", tab->name, (int)e->tok->n, e->tok->s);
        if (!lscan_is(e->tok, "get"))
            sb_printf(&what, "\"%s\", ", cd->name);
        render(&what, v);
        problem(a, LCHECK_COMPARE, e->line, "%s) never finds a row: %s", what.data, why.data);
        sb_free(&what);
    }
    sb_free(&why);
}

/* ---- expressions ---- */

static kv eval(an *a, const lp_node *e);
static void walk_block(an *a, const lp_node *b);
static void walk_function(an *a, const lp_node *fn, int bound);

/* The string a kind names as a column: a literal, or a constant local. */
static const char *name_of(kv v)
{
    return v.k == K_STR && v.node && v.node->kind == E_STRING && strlen(v.node->str) == v.node->len ? v.node->str
                                                                                                      : NULL;
}

static kv eval_index(an *a, const lp_node *e)
{
    kv obj = eval(a, e->kid[0]);
    const lp_node *key = e->kid[1];
    if (key->kind == E_STRING && strlen(key->str) == key->len)
        return field(a, obj, key->str, key->line);
    eval(a, key);
    return obj.k == K_ROWSET ? mk(K_ROW, obj.tab, -1, NULL) : TOP;
}

/* ctx.report{row = r, column = "c", ...}: its fields, once each; the column checked against the row. */
static void report_table(an *a, const lp_node *t)
{
    kv row = TOP, col = TOP;
    int line = t->line;
    for (int k = 0; k < t->nkid; k++) {
        const lp_node *fld = t->kid[k];
        if (fld->kind == F_KEYED)
            eval(a, fld->kid[0]);
        kv v = eval(a, fld->kid[fld->kind == F_KEYED ? 1 : 0]);
        if (fld->kind == F_NAMED && lscan_is(fld->tok, "row"))
            row = v;
        if (fld->kind == F_NAMED && lscan_is(fld->tok, "column")) {
            col = v;
            line = fld->line;
        }
    }
    if (row.k == K_ROW && name_of(col))
        column(a, row.tab, name_of(col), line);
}

/* The parameters of a helper called with these arguments join their kinds. */
static void bind_params(an *a, const lp_node *fn, const kv *argv, int nargs, bool open_end)
{
    for (int i = 0; i < fn->n; i++) {
        kv v = i < nargs && i < MAX_ARGS ? argv[i] : (open_end || i >= MAX_ARGS) ? TOP : mk(K_NIL, NULL, -1, NULL);
        assign(a, fn->kid[i]->var, v);
    }
}

/*
 * The column names that pmo.sweep (opts from, to, amount, by) and
 * pmo.latest / pmo.earliest (argument 2, opts by) read, checked against
 * the table of their first argument when they are written as constants.
 * Returns whether the options table literal has a `by` field.
 */
static bool helper_columns(an *a, const lp_node *e, const kv *argv, int nargs, bool sweep)
{
    const pa_tabledef *tab = nargs > 0 && (argv[0].k == K_TABLE || argv[0].k == K_ROWSET) ? argv[0].tab : NULL;
    if (tab && !sweep && nargs > 1 && name_of(argv[1]))
        column(a, tab, name_of(argv[1]), e->kid[2]->line);
    const lp_node *opts = nargs > (sweep ? 1 : 2) ? e->kid[sweep ? 2 : 3] : NULL;
    bool by = false;
    for (int k = 0; opts && opts->kind == E_TABLE && k < opts->nkid; k++) {
        const lp_node *fld = opts->kid[k], *v = fld->kid[0];
        if (fld->kind != F_NAMED)
            continue;
        bool is_by = lscan_is(fld->tok, "by");
        by = by || is_by;
        bool col = is_by || (sweep && (lscan_is(fld->tok, "from") || lscan_is(fld->tok, "to") ||
                                       lscan_is(fld->tok, "amount")));
        if (tab && col && v->kind == E_STRING && strlen(v->str) == v->len)
            column(a, tab, v->str, fld->line);
    }
    return by || (opts && opts->kind != E_TABLE);
}

/* What a call of a known function returns. */
static kv call_result(an *a, const lp_node *e, const kv *argv, int nargs)
{
    const lp_node *callee = e->kid[0];
    static const char *const pmo_fns[] = {"date", "blank", "is_date", "trim", "round", "month_start", "month_end",
                                          "add_months", "period_start", "period_end", "months_between", "period",
                                          "workdays", NULL};
    static const kk pmo_kinds[] = {K_DATE, K_BOOL, K_BOOL, K_STR, K_NUM, K_DATE, K_DATE,
                                   K_DATE, K_DATE, K_DATE, K_NUM, K_STR, K_NUM};
    for (int i = 0; pmo_fns[i]; i++)
        if (is_pmo(a, callee, pmo_fns[i]))
            return mk(pmo_kinds[i], NULL, -1, NULL);
    if (is_pmo(a, callee, "sweep")) {
        helper_columns(a, e, argv, nargs, true);
        return TOP;
    }
    if (is_pmo(a, callee, "latest") || is_pmo(a, callee, "earliest")) {
        bool by = helper_columns(a, e, argv, nargs, false);
        bool rows = nargs > 0 && (argv[0].k == K_TABLE || argv[0].k == K_ROWSET);
        return rows && !by ? mk(K_ROW, argv[0].tab, -1, NULL) : TOP;
    }
    if (is_global(a, callee, "tostring") || is_global(a, callee, "type"))
        return mk(K_STR, NULL, -1, NULL);
    if (is_global(a, callee, "ipairs") && nargs > 0 && argv[0].k == K_ROWSET)
        return mk(K_IPAIRS, argv[0].tab, -1, NULL);
    return TOP;
}

static kv eval_call(an *a, const lp_node *e)
{
    const lp_node *callee = e->kid[0];
    kv fk = eval(a, callee), argv[MAX_ARGS];
    int nargs = e->nkid - 1;
    for (int i = 0; i < MAX_ARGS; i++)
        argv[i] = TOP;
    for (int i = 0; i < nargs; i++) {
        const lp_node *arg = e->kid[i + 1];
        kv v = TOP;
        if (fk.k == K_REPORT && arg->kind == E_TABLE)
            report_table(a, arg);
        else
            v = eval(a, arg);
        if (i < MAX_ARGS)
            argv[i] = v;
    }
    if (fk.k == K_REPORT && nargs >= 2 && argv[0].k == K_ROW && name_of(argv[1]))
        column(a, argv[0].tab, name_of(argv[1]), e->kid[2]->line);
    if (callee->kind == E_NAME && called_only(a->f, callee->var)) {
        const lp_node *last = nargs ? e->kid[nargs] : NULL;
        bool open = last && (last->kind == E_CALL || last->kind == E_METHOD || last->kind == E_VARARG);
        bind_params(a, a->f->fn_of[callee->var], argv, open ? nargs - 1 : nargs, open);
    }
    return call_result(a, e, argv, nargs);
}

/* A method of a table: its column arguments checked; what it returns. */
static kv table_method(an *a, const lp_node *e, const pa_tabledef *tab, const kv *argv, int nargs)
{
    const char *m = e->tok->s;
    size_t mn = e->tok->n;
#define IS(x) (mn == sizeof x - 1 && memcmp(m, x, mn) == 0)
    if (!IS("get") && !IS("find") && !IS("select") && !IS("groups") && !IS("rows") && !IS("links")) {
        char name[64];
        snprintf(name, sizeof name, "%.*s", (int)(mn < 63 ? mn : 63), m);
        if (!ldata_table_field(name))
            problem(a, LCHECK_NAMES, e->line, "tables have no field or method '%s' (they have name, file, columns "
                    "and the methods of docs/rule-api.md#tables)", name);
        return IS("row") ? mk(K_ROW, tab, -1, NULL) : IS("has") ? mk(K_BOOL, NULL, -1, NULL) : TOP;
    }
    int col = -1;
    int first = IS("links") ? 1 : 0; /* the first argument that names a column (get's is a value) */
    for (int i = first; !IS("get") && i < nargs && i < MAX_ARGS && (i == first || IS("rows")); i++)
        if (name_of(argv[i])) {
            kv c = column(a, tab, name_of(argv[i]), e->kid[i + 1]->line);
            if (i == first && c.k == K_CELL)
                col = c.col;
        }
    if ((IS("find") || IS("select")) && nargs >= 2)
        lookup(a, e, tab, col, argv[1]);
    if (IS("get") && nargs >= 1 && tab->key)
        lookup(a, e, tab, schema_column_index(tab, tab->key), argv[0]);
    if (IS("get") || IS("find"))
        return mk(K_ROW, tab, -1, NULL);
    if (IS("select"))
        return mk(K_ROWSET, tab, -1, NULL);
    if (IS("groups"))
        return mk(K_GROUPS, tab, col, NULL);
    return IS("rows") ? mk(K_ITER, tab, -1, e) : TOP;
#undef IS
}

static kv eval_method(an *a, const lp_node *e)
{
    kv obj = eval(a, e->kid[0]), argv[MAX_ARGS];
    int nargs = e->nkid - 1;
    for (int i = 0; i < MAX_ARGS; i++)
        argv[i] = TOP;
    for (int i = 0; i < nargs; i++) {
        kv v = eval(a, e->kid[i + 1]);
        if (i < MAX_ARGS)
            argv[i] = v;
    }
    if (obj.k == K_TABLE)
        return table_method(a, e, obj.tab, argv, nargs);
    if (obj.k == K_ROWSET) {
        if (!lscan_is(e->tok, "rows")) {
            char name[64];
            snprintf(name, sizeof name, "%.*s", (int)(e->tok->n < 63 ? e->tok->n : 63), e->tok->s);
            problem(a, LCHECK_NAMES, e->line, "row sets have no field or method '%s' (use #rows, rows[i] or "
                    "rows:rows())", name);
            return TOP;
        }
        for (int i = 0; i < nargs && i < MAX_ARGS; i++)
            if (name_of(argv[i]))
                column(a, obj.tab, name_of(argv[i]), e->kid[i + 1]->line);
        return mk(K_ITER, obj.tab, -1, e);
    }
    return TOP;
}

static kv arith(const lp_node *e, kv l, kv r)
{
    char tl = ltype(l), tr = ltype(r);
    bool plus = lscan_is(e->tok, "+"), minus = lscan_is(e->tok, "-");
    if ((plus || minus) && tl == 'd' && tr == 'n')
        return mk(K_DATE, NULL, -1, NULL);
    if (plus && tl == 'n' && tr == 'd')
        return mk(K_DATE, NULL, -1, NULL);
    if ((minus && tl == 'd' && tr == 'd') || (tl == 'n' && tr == 'n'))
        return mk(K_NUM, NULL, -1, NULL);
    return TOP;
}

static kv eval_binop(an *a, const lp_node *e)
{
    kv l = eval(a, e->kid[0]), r = eval(a, e->kid[1]);
    const lscan_tok *op = e->tok;
    if (lscan_is(op, "and")) /* l when it is nil or false, else r */
        return l.k == K_TOP || l.k == K_BOT || ltype(l) == 'b' ? TOP : r;
    if (lscan_is(op, "or"))
        return join(l, r);
    if (lscan_is(op, "==") || lscan_is(op, "~=") || lscan_is(op, "<") || lscan_is(op, "<=") || lscan_is(op, ">") ||
        lscan_is(op, ">=")) {
        compare(a, e, l, r);
        return mk(K_BOOL, NULL, -1, NULL);
    }
    if (lscan_is(op, ".."))
        return mk(K_STR, NULL, -1, NULL);
    if (lscan_is(op, "&") || lscan_is(op, "|") || lscan_is(op, "~") || lscan_is(op, "<<") || lscan_is(op, ">>"))
        return mk(K_NUM, NULL, -1, NULL);
    return arith(e, l, r);
}

static kv eval(an *a, const lp_node *e)
{
    switch (e->kind) {
    case E_NIL: return mk(K_NIL, NULL, -1, NULL);
    case E_TRUE:
    case E_FALSE: return mk(K_BOOL, NULL, -1, e);
    case E_NUMBER: return mk(K_NUM, NULL, -1, e);
    case E_STRING: return mk(K_STR, NULL, -1, e);
    case E_FUNCTION: walk_function(a, e, -1); return TOP;
    case E_TABLE:
        for (int k = 0; k < e->nkid; k++)
            for (int j = 0; j < e->kid[k]->nkid; j++)
                eval(a, e->kid[k]->kid[j]);
        return TOP;
    case E_BINOP: return eval_binop(a, e);
    case E_UNOP: {
        kv v = eval(a, e->kid[0]);
        if (lscan_is(e->tok, "not"))
            return mk(K_BOOL, NULL, -1, NULL);
        return lscan_is(e->tok, "#") || ltype(v) == 'n' ? mk(K_NUM, NULL, -1, NULL) : TOP;
    }
    case E_NAME: {
        kv v = var_get(a, e);
        const lp_node *c = constant(a->f, e->var);
        return c && v.k == K_STR ? mk(K_STR, NULL, -1, c) : v;
    }
    case E_INDEX: return eval_index(a, e);
    case E_CALL: return eval_call(a, e);
    case E_METHOD: return eval_method(a, e);
    case E_PAREN: return eval(a, e->kid[0]);
    default: return TOP;
    }
}

/* ---- statements ---- */

/* A value assigned to variable var: a function the variable names is walked as that helper. */
static kv value_for(an *a, const lp_node *v, int var)
{
    if (v->kind == E_FUNCTION && var >= 0 && a->f->fn_of[var] == v) {
        walk_function(a, v, called_only(a->f, var) ? var : -1);
        return TOP;
    }
    return eval(a, v);
}

/* local names = values, names = values: values first, then the targets, pairwise. */
static void walk_binding(an *a, const lp_node *s)
{
    int n = s->n, nv = s->nkid - n;
    kv vals[MAX_ARGS];
    for (int i = 0; i < MAX_ARGS; i++)
        vals[i] = TOP;
    for (int i = 0; i < nv; i++) {
        const lp_node *t = i < n ? s->kid[i] : NULL;
        kv v = value_for(a, s->kid[n + i], t && t->kind == E_NAME ? t->var : -1);
        if (i < MAX_ARGS)
            vals[i] = v;
    }
    const lp_node *last = nv ? s->kid[s->nkid - 1] : NULL;
    bool open = last && (last->kind == E_CALL || last->kind == E_METHOD || last->kind == E_VARARG);
    for (int i = 0; i < n; i++) {
        const lp_node *t = s->kid[i];
        kv v = i < nv && i < MAX_ARGS ? vals[i] : (open || i >= MAX_ARGS) ? TOP : mk(K_NIL, NULL, -1, NULL);
        if (t->kind == E_NAME) {
            assign(a, t->var, v);
        } else { /* obj.name = v, obj[k] = v: obj and k are read */
            eval(a, t->kid[0]);
            if (!t->dot)
                eval(a, t->kid[1]);
        }
    }
}

/* for names in explist: rows, cells, groups and row sets bound from what the iterator is. */
static void walk_genfor(an *a, const lp_node *s)
{
    int n = s->n;
    kv it = TOP;
    for (int k = n; k < s->nkid - 1; k++) {
        kv v = eval(a, s->kid[k]);
        if (k == n)
            it = v;
    }
    for (int i = 0; i < n; i++) {
        kv v = TOP;
        if (it.k == K_ITER && i == 0)
            v = mk(K_ROW, it.tab, -1, NULL);
        else if (it.k == K_ITER && i < it.node->nkid) {
            const lp_node *c = it.node->kid[i];
            int col = c->kind == E_STRING ? schema_column_index(it.tab, c->str) : -1;
            v = col >= 0 ? mk(K_CELL, it.tab, col, NULL) : TOP;
        } else if (it.k == K_GROUPS && i == 0 && it.col >= 0)
            v = mk(K_CELL, it.tab, it.col, NULL);
        else if (it.k == K_GROUPS && i == 1)
            v = mk(K_ROWSET, it.tab, -1, NULL);
        else if (it.k == K_IPAIRS)
            v = i == 0 ? mk(K_NUM, NULL, -1, NULL) : i == 1 ? mk(K_ROW, it.tab, -1, NULL) : TOP;
        assign(a, s->kid[i]->var, v);
    }
    walk_block(a, s->kid[s->nkid - 1]);
}

static void walk_stmt(an *a, const lp_node *s)
{
    switch (s->kind) {
    case S_LOCAL:
    case S_ASSIGN: walk_binding(a, s); break;
    case S_CALL: eval(a, s->kid[0]); break;
    case S_DO: walk_block(a, s->kid[0]); break;
    case S_WHILE: eval(a, s->kid[0]); walk_block(a, s->kid[1]); break;
    case S_REPEAT: walk_block(a, s->kid[0]); eval(a, s->kid[1]); break;
    case S_IF:
        for (int k = 0; k < s->nkid; k++)
            if (k < 2 * s->n && k % 2 == 0)
                eval(a, s->kid[k]);
            else
                walk_block(a, s->kid[k]);
        break;
    case S_NUMFOR:
        for (int k = 1; k < s->nkid - 1; k++)
            eval(a, s->kid[k]);
        assign(a, s->kid[0]->var, mk(K_NUM, NULL, -1, NULL));
        walk_block(a, s->kid[s->nkid - 1]);
        break;
    case S_GENFOR: walk_genfor(a, s); break;
    case S_FUNCTION:
    case S_LOCALFUNCTION: {
        const lp_node *t = s->kid[0];
        if (t->kind == E_INDEX)
            eval(a, t->kid[0]);
        int var = t->kind == E_NAME ? t->var : -1;
        walk_function(a, s->kid[1], var >= 0 && called_only(a->f, var) ? var : -1);
        assign(a, var, TOP);
        break;
    }
    case S_RETURN:
        for (int k = 0; k < s->nkid; k++)
            eval(a, s->kid[k]);
        break;
    default: break;
    }
}

static void walk_block(an *a, const lp_node *b)
{
    for (int k = 0; k < b->nkid; k++)
        walk_stmt(a, b->kid[k]);
}

/* A function's body; its parameters are the check's seeds, a helper's call-site kinds (bound), or unknown. */
static void walk_function(an *a, const lp_node *fn, int bound)
{
    if (fn != a->check && bound < 0)
        for (int i = 0; i < fn->n; i++)
            assign(a, fn->kid[i]->var, TOP);
    walk_block(a, fn->kid[fn->n]);
}

/* The function with Lua's span first..last, first in the file's order. */
static const lp_node *find_function(const lp_node *x, int first, int last)
{
    if (x->kind == E_FUNCTION && x->line == first && x->line2 == last)
        return x;
    for (int k = 0; k < x->nkid; k++) {
        const lp_node *f = find_function(x->kid[k], first, last);
        if (f)
            return f;
    }
    return NULL;
}

/* The check's parameter i holds v throughout, unless the code assigns to it. */
static void seed(an *a, int i, kv v)
{
    if (i < a->check->n) {
        int var = a->check->kid[i]->var;
        a->st[var] = a->f->assigned[var] ? TOP : v;
        a->seeded[var] = true;
    }
}

void lcheck_rule(lcheck_file *f, const pa_registry *reg, const pa_rule *r, int first, int last, unsigned what,
                 lcheck_msgs *out)
{
    const lp_node *check = f->tree->root ? find_function(f->tree->root, first, last) : NULL;
    if (!check)
        return;
    an a = {f, reg, r, xcalloc((size_t)f->tree->nvars + 1, sizeof(kv)),
            xcalloc((size_t)f->tree->nvars + 1, sizeof(bool)), check, false, false, what, out};
    for (int i = 0; i < check->n; i++)
        seed(&a, i, TOP);
    const pa_tabledef *each = r->each ? table_def(&a, r->each) : NULL;
    if (r->each)
        seed(&a, 0, each ? mk(K_ROW, each, -1, NULL) : TOP);
    seed(&a, r->each ? 1 : 0, mk(K_CTX, NULL, -1, NULL));
    int pass = 0;
    do {
        a.changed = false;
        walk_block(&a, f->tree->root);
    } while (a.changed && ++pass < MAX_PASSES);
    if (!a.changed) {
        a.report = true;
        walk_block(&a, f->tree->root);
    }
    free(a.st);
    free(a.seeded);
}

void lcheck_on_column(lcheck_file *f, lcheck_column_fn fn, void *ud)
{
    f->on_column = fn;
    f->on_column_ud = ud;
}

/* ---- regexes ---- */

/* The first escape of a quoted pattern that Lua reads one way and PCRE would
 * have read another: its letter and what Lua makes of it; 0 when none. */
static char lua_only_escape(const lscan_tok *t, const char **lua_meaning, const char **pcre_meaning)
{
    for (size_t i = 0; i + 1 < t->n; i++) {
        if (t->s[i] != '\\')
            continue;
        char c = t->s[++i];
        if (c == 'b') {
            *lua_meaning = "a backspace";
            *pcre_meaning = "a word boundary";
        } else if (c == 'v') {
            *lua_meaning = "a vertical tab";
            *pcre_meaning = "any vertical white space";
        } else if (c == 'z') {
            *lua_meaning = "a skip of the white space after it";
            *pcre_meaning = "the end of the subject";
        } else if (c >= '0' && c <= '9') {
            *lua_meaning = "the byte of that number";
            *pcre_meaning = "a back-reference";
        } else {
            continue;
        }
        return c;
    }
    return 0;
}

typedef struct {
    lcheck_file *f;
    lcheck_msgs *out;
    const lp_node **done; /* literals already reported (a constant used by several calls) */
    size_t ndone, capdone;
} rx;

static void regex_call(rx *x, const lp_node *e)
{
    const lp_node *pat = e->nkid > 1 ? e->kid[1] : NULL, *flags = e->nkid > 2 ? e->kid[2] : NULL;
    if (pat && pat->kind == E_NAME)
        pat = constant(x->f, pat->var);
    if (!pat || pat->kind != E_STRING)
        return;
    for (size_t i = 0; i < x->ndone; i++)
        if (x->done[i] == pat)
            return;
    GROW(x->done, x->capdone, x->ndone + 1);
    x->done[x->ndone++] = pat;
    const char *lm, *pm;
    char c = lparse_is_long(pat->tok) ? 0 : lua_only_escape(pat->tok, &lm, &pm);
    if (c)
        msg_add(x->out, xasprintf("%s:%d: pmo.re: \"\\%c\" in a quoted string is %s to Lua, not %s as PCRE "
                                  "reads it (write \"\\\\%c\", or the pattern as a long string [[...]])",
                                  x->f->path, pat->line, c, lm, pm, c));
    if (flags && flags->kind != E_STRING)
        return; /* flags computed at run time */
    char err[512];
    if (!lregex_check(pat->str, pat->len, flags ? flags->str : "", err, sizeof err))
        msg_add(x->out, xasprintf("%s:%d: pmo.re: %s", x->f->path, pat->line, err));
}

static void regex_walk(rx *x, const lp_node *e)
{
    if (e->kind == E_CALL) {
        const lp_node *c = e->kid[0];
        const lp_var *v = c->kind == E_INDEX && c->kid[0]->kind == E_NAME ? &x->f->tree->vars[c->kid[0]->var] : NULL;
        if (v && c->dot && v->global && x->f->defs[c->kid[0]->var] == 0 && lscan_is(v->name, "pmo") &&
            strcmp(c->kid[1]->str, "re") == 0)
            regex_call(x, e);
    }
    for (int k = 0; k < e->nkid; k++)
        regex_walk(x, e->kid[k]);
}

void lcheck_regexes(lcheck_file *f, lcheck_msgs *out)
{
    if (!f->tree->root)
        return;
    rx x = {f, out, NULL, 0, 0};
    regex_walk(&x, f->tree->root);
    free(x.done);
}
