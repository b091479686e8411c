/*
 * load/row_ledger.c - accounting for every row an import profile reads,
 * and the findings of the row ledger.
 *
 * A profile reads one source file once per table it feeds, and one row
 * may reach several tables (a Jira export feeds projects, tasks, issues
 * and risks), so what became of a row is only known when every table has
 * been fed: each table marks the rows it loaded, refused (where), dropped
 * (drop, with the reason the profile gave) or skipped (distinct, header
 * rows), and rled_finish turns the marks into the file's ledger entry
 * (store/ledger.h). A row that reached no table is left out for the
 * first of: a drop, being above the header row, repeating the header, no
 * table's where taking it, a distinct column. Drops, header_row and
 * distinct are choices the profile states; the others are DAT-008
 * findings (rled_findings, for plain files too), one per file and reason.
 *
 * Values a column's map lacks and that were read as its default are
 * counted here too, for one DAT-009 finding per file, column and value.
 */
#include "load/profile_impl.h"
#include "load/row_ledger.h"
#include "core/cellref.h"
#include "core/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define R_DISTINCT_FMT "repeats an earlier row's %s (tables.%s.distinct)"

static const char *ledger_where(const pa_ledger_file *e)
{
    return e->where ? e->where : e->file;
}

/* The ledger entry of a file as findings name it: a workbook's sheet
 * ("book.xlsx:Sheet") is the workbook with the sheet as its part. */
static pa_ledger_file *ledger_entry(pa_ledger *l, const char *file, const char *part)
{
    if (!cref_has_sheet(file))
        return ledger_file(l, file, part);
    cref_loc c;
    cref_split(file, 0, &c);
    char *path = xstrndup(file, c.path_len), *sheet = xstrndup(c.sheet, c.sheet_len);
    pa_ledger_file *e = ledger_file(l, path, sheet);
    free(path);
    free(sheet);
    return e;
}

srcrows *rled_file(pa_profile *p, const char *file, const grid *g, const tabspec *t)
{
    srcrows *s = NULL;
    for (int i = 0; i < p->nsrc && !s; i++)
        if (strcmp(p->src[i].file, file) == 0)
            s = &p->src[i];
    if (!s) {
        p->src = xrealloc(p->src, (size_t)(p->nsrc + 1) * sizeof *p->src);
        s = &p->src[p->nsrc++];
        memset(s, 0, sizeof *s);
        s->file = xstrdup(file);
        s->part = g->part;
        s->nrows = g->nrows;
        s->line = xmalloc((g->nrows + 1) * sizeof *s->line);
        if (g->nrows)
            memcpy(s->line, g->line, g->nrows * sizeof *s->line);
        s->state = xcalloc(g->nrows + 1, 1);
        s->drop = xcalloc(g->nrows + 1, sizeof *s->drop);
        s->blank = xmalloc((g->nblank + 1) * sizeof *s->blank);
        if (g->nblank)
            memcpy(s->blank, g->blank, g->nblank * sizeof *s->blank);
        s->nblank = g->nblank;
        s->first_header = UINT32_MAX;
    }
    if (t->where && (!s->where_tables || !strstr(s->where_tables, t->name))) {
        char *w = xasprintf("%s%s%s", s->where_tables ? s->where_tables : "", s->where_tables ? ", " : "", t->name);
        free(s->where_tables);
        s->where_tables = w;
    }
    if (t->header_row > 1 && !s->header_row)
        s->header_row = xasprintf("header_row = %d", t->header_row);
    if (t->distinct && !s->distinct)
        s->distinct = xasprintf(R_DISTINCT_FMT, t->distinct, t->name);
    return s;
}

void rled_drop(srcrows *s, size_t r, const char *reason, bool chosen)
{
    if (s->drop[r])
        return; /* the first table's reason stays */
    int k = 0;
    while (k < s->nreasons && strcmp(s->reasons[k], reason) != 0)
        k++;
    if (k == s->nreasons) {
        s->reasons = xrealloc(s->reasons, (size_t)(k + 1) * sizeof *s->reasons);
        s->chosen = xrealloc(s->chosen, (size_t)(k + 1) * sizeof *s->chosen);
        s->reasons[k] = xstrdup(reason);
        s->chosen[k] = chosen;
        s->nreasons++;
    }
    s->drop[r] = (uint16_t)(k + 1 < UINT16_MAX ? k + 1 : UINT16_MAX - 1);
}

void rled_count(srcrows *s, const char *table, size_t n)
{
    for (int i = 0; i < s->ncounts; i++)
        if (strcmp(s->counts[i].table, table) == 0) {
            s->counts[i].rows += n;
            return;
        }
    s->counts = xrealloc(s->counts, (size_t)(s->ncounts + 1) * sizeof *s->counts);
    s->counts[s->ncounts++] = (pa_ledger_table){xstrdup(table), n};
}

void rled_unmapped(pa_profile *p, const char *file, const tabspec *t, const colspec *c, const char *value,
                   uint32_t line)
{
    unmapped *u = NULL;
    for (int i = 0; i < p->num && !u; i++)
        if (strcmp(p->um[i].file, file) == 0 && strcmp(p->um[i].table, t->name) == 0 &&
            strcmp(p->um[i].column, c->target) == 0 && strcmp(p->um[i].value, value) == 0)
            u = &p->um[i];
    if (!u) {
        p->um = xrealloc(p->um, (size_t)(p->num + 1) * sizeof *p->um);
        u = &p->um[p->num++];
        memset(u, 0, sizeof *u);
        u->file = xstrdup(file);
        u->table = xstrdup(t->name);
        u->column = xstrdup(c->target);
        u->from = c->from ? xstrdup(c->from) : NULL;
        u->value = xstrdup(value);
        u->dflt = xstrdup(c->dflt);
    }
    u->rows++;
    if (u->nlines < LEDGER_LINES)
        u->lines[u->nlines++] = line;
}

void rled_lines(const uint32_t *lines, int n, size_t total, sbuf *b)
{
    sb_printf(b, "line%s ", total == 1 ? "" : "s");
    for (int i = 0; i < n; i++)
        sb_printf(b, "%s%u", i == 0 ? "" : i + 1 == n && (size_t)n == total ? " and " : ", ", lines[i]);
    if (total > (size_t)n)
        sb_printf(b, " and %zu more", total - (size_t)n);
}

static const char *above(const srcrows *s, char *buf, size_t cap)
{
    snprintf(buf, cap, "above the header row%s%s%s", s->header_row ? " (" : "", s->header_row ? s->header_row : "",
             s->header_row ? ")" : "");
    return buf;
}

/* Why row r of s reached no table (chosen: a choice the profile states). */
static const char *why_left(const srcrows *s, size_t r, bool *chosen, char *buf, size_t cap)
{
    uint8_t st = s->state[r];
    *chosen = true;
    if (s->drop[r]) {
        *chosen = s->chosen[s->drop[r] - 1];
        return s->reasons[s->drop[r] - 1];
    }
    if (st & RS_ABOVE)
        return above(s, buf, cap);
    *chosen = false;
    if (st & RS_REPEAT)
        return "repeats the header row";
    if (st & RS_WHERE) {
        snprintf(buf, cap, "no table took it (the where of %s refused it)", s->where_tables ? s->where_tables : "?");
        return buf;
    }
    if (st & RS_DISTINCT) {
        *chosen = true;
        return s->distinct;
    }
    return "not loaded by any table";
}

/* The rows and blank lines of s, in line order, into entry e. */
static void account(srcrows *s, pa_ledger_file *e)
{
    char buf[300];
    size_t b = 0;
    for (size_t r = 0; r <= s->nrows; r++) {
        uint32_t at = r < s->nrows ? s->line[r] : UINT32_MAX;
        for (; b < s->nblank && s->blank[b] < at; b++) {
            if (s->blank[b] < s->first_header)
                ledger_leave(e, above(s, buf, sizeof buf), true, s->blank[b]);
            else
                ledger_leave(e, "blank line", false, s->blank[b]);
        }
        if (r == s->nrows || ((s->state[r] & RS_HEADER) && !(s->state[r] & RS_LOADED)))
            continue; /* a header is not a data row */
        if (s->state[r] & RS_LOADED) {
            e->read++;
            e->loaded++;
            continue;
        }
        bool chosen;
        const char *why = why_left(s, r, &chosen, buf, sizeof buf);
        ledger_leave(e, why, chosen, s->line[r]);
    }
}

/* The part of source file file (NULL: the whole file). */
static const char *part_of(const pa_profile *p, const char *file)
{
    for (int i = 0; i < p->nsrc; i++)
        if (strcmp(p->src[i].file, file) == 0)
            return p->src[i].part;
    return NULL;
}

/* The finding names file, a string that lives as long as the store (the
 * ledger entry's: a finding does not copy its file). */
static void um_finding(const pa_profile *p, const unmapped *u, const char *file, pa_findings *out)
{
    sbuf m;
    sb_init(&m);
    sb_printf(&m, "\"%s\"", u->value);
    if (u->from)
        sb_printf(&m, " (column '%s')", u->from);
    sb_printf(&m, " is not in the map of %s for tables.%s.columns.%s: read as \"%s\", the map's default, in %zu row%s (",
              p->origin, u->table, u->column, u->dflt, u->rows, u->rows == 1 ? "" : "s");
    rled_lines(u->lines, u->nlines, u->rows, &m);
    sb_printf(&m, "); if it means something else, add it to the map (tables.%s.columns.%s in the config)", u->table,
              u->column);
    fnd_add(out, "DAT-009", SEV_WARNING, u->table, NULL, NULL, file, u->lines[0], u->column, u->value, m.data,
            u->value);
    sb_free(&m);
}

void rled_finish(pa_profile *p, pa_store *st, pa_findings *out)
{
    for (int i = 0; i < p->nsrc; i++) {
        srcrows *s = &p->src[i];
        pa_ledger_file *e = ledger_entry(&st->ledger, s->file, s->part);
        for (int k = 0; k < s->ncounts; k++)
            ledger_table(e, s->counts[k].table, s->counts[k].rows);
        account(s, e);
    }
    for (int i = 0; i < p->num; i++)
        um_finding(p, &p->um[i], ledger_where(ledger_entry(&st->ledger, p->um[i].file, part_of(p, p->um[i].file))),
                   out);
    rled_free(p);
}

void rled_free(pa_profile *p)
{
    for (int i = 0; i < p->nsrc; i++) {
        srcrows *s = &p->src[i];
        free(s->file);
        free(s->line);
        free(s->state);
        free(s->drop);
        for (int k = 0; k < s->nreasons; k++)
            free(s->reasons[k]);
        free(s->reasons);
        free(s->chosen);
        free(s->blank);
        free(s->where_tables);
        free(s->header_row);
        free(s->distinct);
        for (int k = 0; k < s->ncounts; k++)
            free(s->counts[k].table);
        free(s->counts);
    }
    free(p->src);
    p->src = NULL;
    p->nsrc = 0;
    for (int i = 0; i < p->num; i++) {
        unmapped *u = &p->um[i];
        free(u->file);
        free(u->table);
        free(u->column);
        free(u->from);
        free(u->value);
        free(u->dflt);
    }
    free(p->um);
    p->um = NULL;
    p->num = 0;
}

void rled_findings(const pa_ledger *l, pa_findings *out)
{
    for (int i = 0; i < l->n; i++) {
        const pa_ledger_file *e = &l->v[i];
        for (int k = 0; k < e->nleft; k++) {
            const pa_leftout *x = &e->left[k];
            if (x->chosen || !x->rows)
                continue;
            sbuf m;
            sb_init(&m);
            /* a workbook's sheet is named as findings name it ("book.xlsx:Sheet"), another part beside its file */
            const char *where = ledger_where(e);
            bool part = e->part && !e->where;
            sb_printf(&m, "%zu row%s of %s%s%s%s left out: %s (", x->rows, x->rows == 1 ? "" : "s", where,
                      part ? " (" : "", part ? e->part : "", part ? ")" : "", x->reason);
            rled_lines(x->lines, x->nlines, x->rows, &m);
            sb_puts(&m, ")");
            char *disc = part ? xasprintf("%s|%s|%s", where, e->part, x->reason) : xasprintf("%s|%s", where, x->reason);
            fnd_add(out, "DAT-008", SEV_WARNING, e->ntables ? e->tables[0].table : NULL, NULL, NULL, where,
                    x->nlines ? x->lines[0] : 0, NULL, NULL, m.data, disc);
            free(disc);
            sb_free(&m);
        }
    }
}

void rled_describe(const pa_ledger_file *e, const char *indent, sbuf *b)
{
    bool part = e->part && !e->where;
    sb_printf(b, "%s%s%s%s%s: %zu row%s read, %zu loaded", indent, ledger_where(e), part ? " (" : "",
              part ? e->part : "", part ? ")" : "", e->read, e->read == 1 ? "" : "s", e->loaded);
    for (int k = 0; k < e->ntables; k++)
        sb_printf(b, "%s%s %zu", k ? ", " : " (", e->tables[k].table, e->tables[k].rows);
    sb_printf(b, "%s, %zu left out\n", e->ntables ? ")" : "", ledger_left_rows(e));
    for (int k = 0; k < e->nleft; k++) {
        const pa_leftout *x = &e->left[k];
        sb_printf(b, "%s  %zu %s%s (", indent, x->rows, x->reason, x->chosen ? "" : " [DAT-008]");
        rled_lines(x->lines, x->nlines, x->rows, b);
        sb_puts(b, ")\n");
    }
}
