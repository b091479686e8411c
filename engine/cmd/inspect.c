/*
 * cmd/inspect.c - `pmoaudit inspect FILE`: what pmoaudit sees in one CSV file,
 * so that a user can write a profile (or fix an export) quickly: the
 * dialect (encoding, delimiter), the header and how each column maps onto
 * the data model, the type each column's cells would pass as, the first
 * rows, the row ledger (rows read, loaded, left out and why) and the
 * problems a run would report (DAT findings and load errors), each at its
 * line. Under --profile (or a config's profile and tables overlay, -c) a
 * file the profile reads is loaded exactly as a run loads it: the header
 * line used, each mapped column found or missing, the first mapped rows,
 * the ledger and the findings. Last, the built-in rules that read the
 * file's tables, split by whether the file fills the columns they read.
 */
#include "cmd/commands.h"
#include "load/xlsx.h"
#include "load/xlsx_load.h"
#include "core/cellref.h"
#include "cmd/common.h"
#include "cmd/config.h"
#include "load/links.h"
#include "load/row_ledger.h"
#include "load/csv_read.h"
#include "model/date_format.h"
#include "load/dialect.h"
#include "load/table_load.h"
#include "load/profile.h"
#include "load/mspdi_read.h"
#include "load/xer_map.h"
#include "load/xer_read.h"
#include "model/schema.h"
#include "core/util.h"
#include "model/value.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_COLS 512

static const char *const layouts[] = {"ISO",        "DD/MM/YYYY", "MM/DD/YYYY", "D-Mon-YYYY", "Month D, YYYY",
                                      "DD/Mon/YY", "DD-Mon-YY",  "M/D/YY",     NULL};
enum { K_BOOL, K_INT, K_NUM, K_MONEY, K_LAYOUT0 };
#define NKINDS (K_LAYOUT0 + 8)

typedef struct {
    char *name;       /* header as written */
    size_t filled;    /* non-empty cells */
    size_t ok[NKINDS];
    char *example;
} colstat;

typedef struct {
    colstat col[MAX_COLS];
    size_t ncol;
    bool header_done;
    uint32_t header_line;
    size_t rows, shown, want;
    sbuf first;       /* the first rows, printed */
    size_t width;     /* cells in the current row */
} seen;

static void on_field(void *ud, size_t i, const char *s, size_t n, uint32_t line)
{
    seen *v = ud;
    (void)line;
    v->width = i + 1;
    if (!v->header_done) {
        if (v->ncol < MAX_COLS)
            v->col[v->ncol++].name = s ? xstrndup(s, n) : xstrdup("");
        return;
    }
    if (v->shown < v->want) {
        if (i == 0)
            sb_printf(&v->first, "  line %u: ", line);
        sb_puts(&v->first, i ? " | " : "");
        for (size_t k = 0; s && k < n && k < 40; k++) /* one line per row: newlines shown as spaces */
            sb_putc(&v->first, (unsigned char)s[k] < 0x20 ? ' ' : s[k]);
        if (n > 40)
            sb_puts(&v->first, "...");
    }
    if (i >= v->ncol || !s)
        return;
    const char *t = s;
    size_t tn = n;
    str_trim(&t, &tn);
    if (!tn)
        return;
    colstat *c = &v->col[i];
    c->filled++;
    if (!c->example) { /* the first line of the cell, at most 30 bytes */
        size_t k = 0;
        while (k < tn && k < 30 && t[k] != '\n' && t[k] != '\r')
            k++;
        c->example = xstrndup(t, k);
    }
    int64_t iv;
    double d;
    bool b;
    pa_date dt;
    c->ok[K_INT] += val_parse_int(t, tn, &iv);
    c->ok[K_NUM] += val_parse_number(t, tn, &d);
    c->ok[K_MONEY] += val_parse_money(t, tn, &d);
    c->ok[K_BOOL] += val_parse_bool(t, tn, &b);
    for (int k = 0; layouts[k]; k++)
        c->ok[K_LAYOUT0 + k] += dfmt_parse(t, tn, layouts[k], &dt);
}

static bool on_row(void *ud, size_t nfields, uint32_t line)
{
    seen *v = ud;
    (void)nfields;
    if (!v->header_done) {
        v->header_done = true;
        v->header_line = line;
        return true;
    }
    v->rows++;
    if (v->shown < v->want) {
        sb_putc(&v->first, '\n');
        v->shown++;
    }
    return true;
}

/* What the non-empty cells of a column pass as: the most specific kind
 * that at least 4 in 5 of them fit, with the number that do not. */
static void inferred(const colstat *c, sbuf *b)
{
    if (!c->filled) {
        sb_puts(b, "empty");
        return;
    }
    static const char *const kinds[] = {"bool", "int", "number", "money"};
    int best = -1;
    for (int k = 0; k < NKINDS && best < 0; k++)
        if (c->ok[k] * 5 >= c->filled * 4 && !(k == K_BOOL && c->ok[K_INT] == c->ok[K_BOOL] && c->ok[K_INT]))
            best = k;
    if (best < 0) {
        sb_puts(b, "text");
        return;
    }
    if (best < K_LAYOUT0)
        sb_puts(b, kinds[best]);
    else if (best == K_LAYOUT0 + 1 && c->ok[K_LAYOUT0 + 2] == c->ok[best])
        sb_puts(b, "date DD/MM/YYYY or MM/DD/YYYY (ambiguous: declare date_format)");
    else
        sb_printf(b, "date %s", layouts[best - K_LAYOUT0]);
    if (c->ok[best] < c->filled)
        sb_printf(b, " except %zu cell(s)", c->filled - c->ok[best]);
}

static void print_findings(const pa_findings *f, size_t max)
{
    for (size_t i = 0; i < f->n && i < max; i++) {
        const pa_finding *x = &f->v[i];
        printf("  %s:%u  %s  %s%s%s\n", x->file ? x->file : "-", x->line, x->rule, x->column ? x->column : "",
               x->column ? ": " : "", x->message);
    }
    if (f->n > max)
        printf("  ... and %zu more\n", f->n - max);
}

/* The first byte of buf that is not valid UTF-8, or len (a sequence cut
 * by the end of the sample is not judged). */
static size_t bad_utf8(const unsigned char *u, size_t len)
{
    size_t i = 0;
    while (i < len) {
        unsigned c = u[i];
        size_t n;
        if (c < 0x80)
            n = 0;
        else if (c >= 0xC2 && c <= 0xDF)
            n = 1;
        else if (c >= 0xE0 && c <= 0xEF)
            n = 2;
        else if (c >= 0xF0 && c <= 0xF4)
            n = 3;
        else
            return i;
        if (i + n >= len)
            return len;
        for (size_t k = 1; k <= n; k++)
            if ((u[i + k] & 0xC0) != 0x80)
                return i;
        i += n + 1;
    }
    return len;
}

/* A file read as UTF-8 that is not: say where, and what to declare. */
static void utf8_hint(const char *path)
{
    FILE *f = fopen_input(path);
    if (!f)
        return;
    unsigned char *buf = xmalloc(1u << 20);
    size_t n = fread(buf, 1, 1u << 20, f);
    fclose(f);
    size_t at = bad_utf8(buf, n);
    if (at < n) {
        uint32_t line = 1, col = 1;
        for (size_t i = 0; i < at; i++, col++)
            if (buf[i] == '\n') {
                line++;
                col = 0;
            }
        printf("encoding check: %s:%u:%u: byte 0x%02X is not valid UTF-8: if the file is Windows-1252 or Latin-1, declare it "
               "(--encoding windows-1252, or encoding in the config or profile)\n", path, line, col, buf[at]);
    } else {
        puts("encoding check: valid UTF-8");
    }
    free(buf);
}

static int usage(void)
{
    fputs("usage: pmoaudit inspect FILE [--profile NAME|FILE] [-c CONFIG] [--table NAME] [--delimiter D]\n"
          "                        [--encoding ENC] [--date-format L] [--rows N]\n\n"
          "Shows how pmoaudit reads one CSV file: encoding, delimiter, header and column\n"
          "mapping, the type each column's cells pass as, the first rows, the row ledger\n"
          "(rows read, loaded, left out and why), the problems a run would report, and the\n"
          "built-in rules that fit the file's columns. --table says which table it is\n"
          "(default: from the file name). Under a profile (--profile, or -c with a config's\n"
          "profile and tables overlay) the file is loaded as a run loads it: the header line\n"
          "used, each mapped column found or missing, and the first mapped rows.\n"
          "Bundled profiles:\n",
          stdout);
    const char *n, *d;
    for (int i = 0; prof_bundled(i, &n, &d); i++)
        printf("  %-16s %s\n", n, d);
    return 0;
}

static void show_columns(const seen *v, const pa_tabledef *def)
{
    printf("columns (%zu):\n", v->ncol);
    for (size_t i = 0; i < v->ncol; i++) {
        const colstat *c = &v->col[i];
        char norm[256];
        if (!val_norm_header(c->name, strlen(c->name), norm, sizeof norm))
            snprintf(norm, sizeof norm, "column_%zu", i + 1);
        const pa_coldef *cd = def ? schema_column(def, norm) : NULL;
        sbuf b;
        sb_init(&b);
        inferred(c, &b);
        printf("  %3zu  %-28.28s -> %-22s %-14s cells look like: %s (%zu filled)%s%s%s\n", i + 1, c->name, norm,
               cd ? type_name(cd->type) : def ? "extra text" : "text", b.data, c->filled,
               c->example ? ", e.g. \"" : "", c->example ? c->example : "", c->example ? "\"" : "");
        sb_free(&b);
    }
    if (def)
        for (int k = 0; k < def->ncols; k++) {
            bool have = false;
            for (size_t i = 0; i < v->ncol && !have; i++) {
                char norm[256];
                val_norm_header(v->col[i].name, strlen(v->col[i].name), norm, sizeof norm);
                have = strcmp(norm, def->cols[k].name) == 0;
            }
            if (!have && def->cols[k].required)
                printf("  missing required column %s (a run stops with exit 2)\n", def->cols[k].name);
        }
}

/* ---- the rules that fit the file ---------------------------------------------- */

/* Whether rule r lists table t (tables entries may be "a|b" or "a?"). */
static bool lists_table(const pa_rule *r, const char *t)
{
    for (int k = 0; k < r->ntables; k++)
        for (const char *p = r->tables[k]; *p;) {
            size_t n = strcspn(p, "|?");
            if (n == strlen(t) && strncmp(p, t, n) == 0)
                return true;
            p += n;
            while (*p == '|' || *p == '?')
                p++;
        }
    return false;
}

typedef struct {
    const pa_store *st;
    sbuf *empty; /* per rule: the columns of the file's tables it reads that the file leaves empty */
} reads;

static bool filled(const pa_table *t, const char *col)
{
    int c = tab_column(t, col);
    for (size_t r = 0; c >= 0 && r < t->nrows; r++)
        if (!tab_is_null(&t->cols[c], r))
            return true;
    return false;
}

static void on_read(void *ud, int rule, const char *table, const char *col)
{
    reads *x = ud;
    const pa_table *t = store_table(x->st, table);
    if (!t || filled(t, col))
        return;
    sbuf *b = &x->empty[rule];
    char item[160];
    snprintf(item, sizeof item, "%s%s", b->len ? ", " : "", col);
    if (!b->data || !strstr(b->data, col))
        sb_puts(b, item);
}

/* The built-in rules that read the tables in st: those that judge columns
 * the file fills, and those that read columns it leaves empty (a finding
 * per row that only says the column is missing: the rule does not fit
 * this source). */
static void suggest_rules(const pa_store *st)
{
    pa_registry reg;
    if (cli_load_registry(&reg, true, NULL, 0, NULL, 0) != 0)
        return;
    reads x = {st, xcalloc((size_t)reg.n + 1, sizeof(sbuf))};
    lint_columns(&reg, on_read, &x);
    int *order;
    int n = reg_sorted(&reg, false, &order);
    sbuf fit, unfit;
    sb_init(&fit);
    sb_init(&unfit);
    int nfit = 0, nunfit = 0;
    for (int k = 0; k < n; k++) {
        const pa_rule *r = &reg.v[order[k]];
        bool concerns = false;
        for (int i = 0; i < st->ntables && !concerns; i++)
            concerns = lists_table(r, st->tables[i]->name);
        if (!concerns || r->engine)
            continue;
        const sbuf *e = &x.empty[order[k]];
        if (e->len)
            sb_printf(&unfit, "    %s (%s)\n", r->id, e->data);
        else
            sb_printf(&fit, "%s%s", nfit ? ", " : "", r->id);
        nfit += !e->len;
        nunfit += e->len > 0;
    }
    printf("built-in rules that read this file's tables:\n  judge columns it fills (%d): %s\n", nfit,
           nfit ? fit.data : "none");
    if (nunfit)
        printf("  read columns it leaves empty (%d): their findings would be about the missing column; if this "
               "source never has it, skip them (--skip, or rules.skip in a profile):\n%s", nunfit, unfit.data);
    sb_free(&fit);
    sb_free(&unfit);
    for (int i = 0; i < reg.n; i++)
        sb_free(&x.empty[i]);
    free(x.empty);
    free(order);
    reg_free(&reg);
}

/* ---- problems ---------------------------------------------------------------- */

/* The findings, notes and row ledger of a scratch load. */
static void show_load(pa_store *st, pa_findings *f, bool failed)
{
    lnk_resolve(st);
    rled_findings(&st->ledger, f);
    printf("rows:\n");
    sbuf b;
    sb_init(&b);
    for (int i = 0; i < st->ledger.n; i++)
        rled_describe(&st->ledger.v[i], "  ", &b);
    fputs(b.data ? b.data : "  none\n", stdout);
    sb_free(&b);
    printf("problems a run would report:\n");
    print_findings(f, 30);
    for (int i = 0; i < st->nnotes; i++)
        printf("  note: %s\n", st->notes[i]);
    if (f->n == 0 && st->nnotes == 0 && !failed)
        puts("  none");
}

/* Load the file as a run would, into a scratch store, for its findings. */
static void show_problems(const char *path, const char *table, const pa_load_opts *lo)
{
    pa_store st;
    store_init(&st, ".");
    pa_findings f;
    fnd_init(&f);
    char *err = NULL;
    bool failed = load_file(&st, path, path, table, lo, &f, &err) != 0;
    if (failed) {
        printf("load error:\n  %s\n", err);
        free(err);
    }
    show_load(&st, &f, failed);
    if (!failed)
        suggest_rules(&st);
    fnd_free(&f);
    store_free(&st);
}

/* The first rows of every table loaded, as column=value for the cells
 * that are not empty. */
static void show_rows(const pa_store *st, size_t want)
{
    for (int i = 0; i < st->ntables; i++) {
        const pa_table *t = st->tables[i];
        printf("first mapped rows of %s (%zu row%s):\n", t->name, t->nrows, t->nrows == 1 ? "" : "s");
        for (size_t r = 0; r < t->nrows && r < want; r++) {
            printf("  line %u:", t->line[r]);
            for (int c = 0, k = 0; c < t->ncols; c++) {
                char buf[64];
                size_t n;
                const char *v = tab_cell_text(t, c, r, buf, sizeof buf, &n);
                if (v)
                    printf("%s %s=%.*s%s", k++ ? " |" : "", t->cols[c].name, (int)(n > 40 ? 40 : n), v,
                           n > 40 ? "..." : "");
            }
            putchar('\n');
        }
    }
}

/* What the profile does with the file: loaded as a run loads it. */
static void show_profile(pa_profile *prof, const char *name, const char *file, const pa_load_opts *lo, size_t want)
{
    const char *slash = strrchr(file, '/');
    char *dir = slash ? xstrndup(file, (size_t)(slash - file)) : xstrdup(".");
    const char *base = slash ? slash + 1 : file;
    sbuf b, explain, errs;
    sb_init(&b);
    sb_init(&explain);
    sb_init(&errs);
    prof_describe_file(prof, base, &b);
    printf("under profile %s:\n%s", name, b.data ? b.data : "");
    pa_store st;
    store_init(&st, slash ? dir : ".");
    pa_findings f;
    fnd_init(&f);
    int loaded = prof_load_file(prof, &st, base, lo, &f, &explain, &errs);
    printf("what the profile does with this file:\n%s", explain.data ? explain.data : "");
    if (errs.data)
        printf("load errors (a run stops with exit 2):\n%s", errs.data);
    show_rows(&st, want);
    show_load(&st, &f, errs.data != NULL);
    if (loaded)
        suggest_rules(&st);
    fnd_free(&f);
    store_free(&st);
    sb_free(&b);
    sb_free(&explain);
    sb_free(&errs);
    free(dir);
}

/* A Primavera P6 XER export (its first line starts with ERMHDR): mapped
 * as a run maps it (load/xer_map.c), with its first rows and its ledger,
 * one entry per XER table. Returns true when path is one. */
static bool show_xer(const char *path, const pa_load_opts *lo, size_t want)
{
    size_t n;
    char *data = read_whole_file(path, &n);
    if (!data || !xer_sniff(data, n)) {
        free(data);
        return false;
    }
    printf("file: %s\nformat: Primavera P6 XER export (read natively; see docs/importing.md)\n", path);
    pa_store st;
    store_init(&st, ".");
    pa_findings f;
    fnd_init(&f);
    char *err = NULL;
    bool failed = xmap_load_buffer(&st, data, n, path, lo, &f, &err) != 0;
    if (failed) {
        printf("load error (a run stops with exit 2):\n  %s\n", err);
        free(err);
    }
    show_rows(&st, want);
    show_load(&st, &f, failed);
    if (!failed)
        suggest_rules(&st);
    fnd_free(&f);
    store_free(&st);
    free(data);
    return true;
}

/* ---- the command -------------------------------------------------------------- */

typedef struct {
    const char *file, *profile, *table, *config;
    size_t want;
} inspect_args;

/* The arguments into a and lo; 0, -1 when --help was printed, else exit 2. */
static int parse_args(int argc, char **argv, inspect_args *a, pa_load_opts *lo)
{
    for (int i = 0; i < argc; i++) {
        const char *o = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!o) /* argv ends at argc with NULL */
            break;
        if (strcmp(o, "-h") == 0 || strcmp(o, "--help") == 0)
            return usage(), -1;
        bool takes = strcmp(o, "--profile") == 0 || strcmp(o, "--table") == 0 || strcmp(o, "--delimiter") == 0 ||
                     strcmp(o, "--encoding") == 0 || strcmp(o, "--date-format") == 0 || strcmp(o, "--rows") == 0 ||
                     strcmp(o, "-c") == 0 || strcmp(o, "--config") == 0;
        if (takes && !v)
            return cli_fail("%s needs a value", o);
        if (strcmp(o, "--profile") == 0) {
            a->profile = v;
        } else if (strcmp(o, "--table") == 0) {
            a->table = v;
        } else if (strcmp(o, "-c") == 0 || strcmp(o, "--config") == 0) {
            a->config = v;
        } else if (strcmp(o, "--delimiter") == 0) {
            if (!(lo->delim = dia_parse_delim(v)))
                return cli_fail("--delimiter %s: expected one of , ; | tab", v);
        } else if (strcmp(o, "--encoding") == 0) {
            if (!dia_encoding_name(v))
                return cli_fail("--encoding %s: expected one of %s", v, dia_encodings_help);
            lo->encoding = v;
        } else if (strcmp(o, "--date-format") == 0) {
            if (dfmt_check(v))
                return cli_fail("--date-format %s: %s", v, dfmt_check(v));
            lo->date_format = v;
        } else if (strcmp(o, "--rows") == 0) {
            a->want = v ? (size_t)strtoul(v, NULL, 10) : a->want;
        } else if (o[0] == '-' && o[1]) {
            return cmds_unknown_option("inspect", o);
        } else if (!a->file) {
            a->file = o;
        } else {
            return cli_fail("inspect takes one file; '%s' is a second one", o);
        }
        if (takes)
            i++;
    }
    return a->file ? 0 : cli_fail("inspect needs a FILE (see pmoaudit help inspect)");
}

/* The profile of --profile, or of the config (-c) with its tables overlay;
 * the config's dialect settings where the command line gave none. NULL
 * without one; *rc 2 on an error. */
static pa_profile *load_profile(inspect_args *a, pa_load_opts *lo, pa_config *cfg, int *rc)
{
    pa_runopts ro;
    memset(&ro, 0, sizeof ro);
    char *err = NULL;
    *rc = 0;
    if (a->config && config_load(a->config, &ro, cfg, &err) != 0) {
        *rc = cli_fail_free(err);
        return NULL;
    }
    if (!lo->delim)
        lo->delim = ro.delim;
    if (!lo->encoding)
        lo->encoding = ro.encoding;
    if (!lo->date_format)
        lo->date_format = ro.date_format;
    if (!a->profile)
        a->profile = ro.profile;
    if (!a->profile && !ro.tables_src)
        return NULL;
    pa_profile *p = prof_load(a->profile, ro.tables_src, ro.tables_origin, &err);
    if (!p)
        *rc = cli_fail_free(err);
    if (!a->profile)
        a->profile = "(the config's tables)";
    return p;
}

/* Dialect, header, columns and first rows as the plain reader sees them. */
static void show_plain(const seen *v, const char *table)
{
    const pa_tabledef *def = schema_table(table);
    const char *near = schema_table_suggest(table);
    printf("table: %s (%s%s%s%s)\n", table, def ? "a table of the data model" : "an extra table: every column is text",
           near ? "; did you mean '" : "", near ? near : "", near ? "'?" : "");
    printf("header: line %u; %zu data row(s)\n", v->header_line, v->rows);
    if (v->header_done)
        show_columns(v, def);
    printf("first rows:\n%s", v->first.data ? v->first.data : "  none\n");
}

/* A workbook (load/xlsx.h): each sheet as `inspect` shows a CSV file, with
 * the table it feeds in a data directory. Exit 2 when it cannot be read. */
static int inspect_book(const char *path, const pa_load_opts *lo, size_t want)
{
    char msg[256];
    xlsx_limits lim = {0, lo->max_cols};
    xlsx_book *b = xlsx_open(path, &lim, msg, sizeof msg);
    printf("file: %s\n", path);
    if (!b) {
        printf("cannot read: %s\n", msg);
        return 2;
    }
    int rc = 0;
    for (int i = 0; i < xlsx_nsheets(b) && rc == 0; i++) {
        const char *table = ldx_table_of(b, path, i);
        printf("%ssheet: %s (%s%s)\n", i ? "\n" : "", xlsx_sheet_name(b, i),
               table ? "table " : "not read: no table is named after it", table ? table : "");
        seen *v = xcalloc(1, sizeof *v);
        v->want = want;
        sb_init(&v->first);
        csvr_opts co = {on_field, on_row, v, 0, lo->max_cell, NULL, NULL, NULL};
        csvr_error e;
        if (xlsx_read_sheet(b, i, &co, &e) != CSVR_OK) {
            printf("cannot read: %s:%s%s%s\n", path, xlsx_sheet_name(b, i), e.message[0] == '!' ? "" : ": ",
                   e.message);
            rc = 2;
        } else {
            show_plain(v, table ? table : xlsx_sheet_name(b, i));
        }
        for (size_t k = 0; k < v->ncol; k++) {
            free(v->col[k].name);
            free(v->col[k].example);
        }
        sb_free(&v->first);
        free(v);
    }
    xlsx_close(b);
    return rc;
}

int cmd_inspect(int argc, char **argv)
{
    inspect_args a = {NULL, NULL, NULL, NULL, 5};
    pa_load_opts lo;
    memset(&lo, 0, sizeof lo);
    int rc = parse_args(argc, argv, &a, &lo);
    if (rc || !a.file)
        return rc < 0 ? 0 : rc;
    if (cref_is_book(a.file) && !a.profile) /* a workbook: its sheets */
        return inspect_book(a.file, &lo, a.want);
    const char *base = strrchr(a.file, '/') ? strrchr(a.file, '/') + 1 : a.file;
    char stem[256];
    snprintf(stem, sizeof stem, "%.*s", (int)(strlen(base) > 4 ? strcspn(base, ".") : strlen(base)), base);
    const char *table = a.table ? a.table : stem;
    pa_config cfg;
    memset(&cfg, 0, sizeof cfg);
    pa_profile *prof = load_profile(&a, &lo, &cfg, &rc);
    if (rc) {
        config_free(&cfg);
        return rc;
    }
    if (mspdi_is_file(a.file)) { /* not CSV: only a profile reads it */
        printf("file: %s\nformat: MS Project XML (MSPDI)\n", a.file);
        if (prof && prof_uses_file(prof, ".", base))
            show_profile(prof, a.profile, a.file, &lo, a.want);
        else
            puts("  an XML file is read through a profile: --profile msproject");
        prof_free(prof);
        config_free(&cfg);
        return 0;
    }
    if (show_xer(a.file, &lo, a.want)) {
        prof_free(prof);
        config_free(&cfg);
        return 0;
    }
    seen *v = xcalloc(1, sizeof *v);
    v->want = a.want;
    sb_init(&v->first);
    csvr_dialect d;
    memset(&d, 0, sizeof d);
    csvr_opts co = {on_field, on_row, v, lo.delim, 0, lo.encoding, &d, NULL};
    csvr_error e;
    rc = csvr_file(a.file, &co, &e);
    printf("file: %s\n", a.file);
    if (d.encoding)
        printf("encoding: %s%s%s\n", d.encoding, d.bom ? " (byte-order mark)" : "",
               strcmp(d.encoding, "UTF-8") ? ", converted to UTF-8" : "");
    if (d.delim)
        printf("delimiter: %s%s\n", dia_delim_name(d.delim), d.delim_guessed ? " (guessed from the header line)" : "");
    bool profiled = prof && prof_uses_file(prof, ".", base);
    if (rc == CSVR_EIO) {
        printf("cannot read: %s\n", e.message);
    } else {
        if (!profiled)
            show_plain(v, table);
        if (d.encoding && strcmp(d.encoding, "UTF-8") == 0 && !lo.encoding)
            utf8_hint(a.file);
        if (profiled)
            show_profile(prof, a.profile, a.file, &lo, a.want);
        else if (prof)
            printf("under profile %s:\n  the profile does not read this file\n", a.profile);
        if (!profiled)
            show_problems(a.file, table, &lo);
    }
    for (size_t i = 0; i < v->ncol; i++) {
        free(v->col[i].name);
        free(v->col[i].example);
    }
    sb_free(&v->first);
    free(v);
    prof_free(prof);
    config_free(&cfg);
    return rc == CSVR_EIO ? 2 : 0;
}
