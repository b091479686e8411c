/*
 * cmd/inspect.c - `pmoaudit inspect FILE`: what pmoaudit sees in one CSV file,
 * so that a user can write a profile (or fix an export) quickly: the
 * dialect (encoding, delimiter), the header and how each column maps onto
 * the data model, the type each column's cells would pass as, the first
 * rows, and the problems a run would report (DAT findings and load errors),
 * each at its line. Under --profile it also shows which tables the file
 * feeds and from which source columns.
 */
#include "cmd/common.h"
#include "load/csv_read.h"
#include "model/date_format.h"
#include "load/dialect.h"
#include "load/table_load.h"
#include "load/profile.h"
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
    fputs("usage: pmoaudit inspect FILE [--profile NAME|FILE] [--table NAME] [--delimiter D] [--encoding ENC]\n"
          "                        [--date-format L] [--rows N]\n\n"
          "Shows how pmoaudit reads one CSV file: encoding, delimiter, header and column\n"
          "mapping, the type each column's cells pass as, the first rows, and the problems a\n"
          "run would report. --table says which table it is (default: from the file name).\n"
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

/* Load the file as a run would, into a scratch store, for its findings. */
static void show_problems(const char *path, const char *table, const pa_load_opts *lo)
{
    pa_store st;
    store_init(&st, ".");
    pa_findings f;
    fnd_init(&f);
    char *err = NULL;
    printf("problems a run would report:\n");
    if (load_file(&st, path, path, table, lo, &f, &err) != 0) {
        printf("  %s\n", err);
        free(err);
    }
    print_findings(&f, 30);
    for (int i = 0; i < st.nnotes; i++)
        printf("  note: %s\n", st.notes[i]);
    if (f.n == 0 && st.nnotes == 0 && !err)
        puts("  none");
    fnd_free(&f);
    store_free(&st);
}

int cmd_inspect(int argc, char **argv)
{
    const char *file = NULL, *profile = NULL, *table = NULL;
    pa_load_opts lo;
    memset(&lo, 0, sizeof lo);
    size_t want = 5;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!a) /* argv ends at argc with NULL */
            break;
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0)
            return usage();
        bool takes = strcmp(a, "--profile") == 0 || strcmp(a, "--table") == 0 || strcmp(a, "--delimiter") == 0 ||
                     strcmp(a, "--encoding") == 0 || strcmp(a, "--date-format") == 0 || strcmp(a, "--rows") == 0;
        if (takes && !v)
            return cli_fail("%s needs a value", a);
        if (strcmp(a, "--profile") == 0) {
            profile = v;
        } else if (strcmp(a, "--table") == 0) {
            table = v;
        } else if (strcmp(a, "--delimiter") == 0) {
            if (!(lo.delim = dia_parse_delim(v)))
                return cli_fail("--delimiter %s: expected one of , ; | tab", v);
        } else if (strcmp(a, "--encoding") == 0) {
            if (!dia_encoding_name(v))
                return cli_fail("--encoding %s: expected one of %s", v, dia_encodings_help);
            lo.encoding = v;
        } else if (strcmp(a, "--date-format") == 0) {
            if (dfmt_check(v))
                return cli_fail("--date-format %s: %s", v, dfmt_check(v));
            lo.date_format = v;
        } else if (strcmp(a, "--rows") == 0) {
            want = v ? (size_t)strtoul(v, NULL, 10) : want;
        } else if (a[0] == '-' && a[1]) {
            return cli_fail("unknown option '%s' for inspect (see pmoaudit help inspect)", a);
        } else if (!file) {
            file = a;
        } else {
            return cli_fail("inspect takes one file; '%s' is a second one", a);
        }
        if (takes)
            i++;
    }
    if (!file)
        return cli_fail("inspect needs a FILE (see pmoaudit help inspect)");
    const char *base = strrchr(file, '/') ? strrchr(file, '/') + 1 : file;
    char stem[256];
    snprintf(stem, sizeof stem, "%.*s", (int)(strlen(base) > 4 ? strcspn(base, ".") : strlen(base)), base);
    if (!table)
        table = stem;
    char *err = NULL;
    pa_profile *prof = NULL;
    if (profile && !(prof = prof_load(profile, NULL, NULL, &err))) {
        int rc = cli_fail("%s", err);
        free(err);
        return rc;
    }

    seen *v = xcalloc(1, sizeof *v);
    v->want = want;
    sb_init(&v->first);
    csvr_dialect d;
    memset(&d, 0, sizeof d);
    csvr_opts co = {on_field, on_row, v, lo.delim, 0, lo.encoding, &d, NULL};
    csvr_error e;
    int rc = csvr_file(file, &co, &e);
    printf("file: %s\n", file);
    if (d.encoding)
        printf("encoding: %s%s%s\n", d.encoding, d.bom ? " (byte-order mark)" : "",
               strcmp(d.encoding, "UTF-8") ? ", converted to UTF-8" : "");
    if (d.delim)
        printf("delimiter: %s%s\n", dia_delim_name(d.delim), d.delim_guessed ? " (guessed from the header line)" : "");
    if (rc == CSVR_EIO) {
        printf("cannot read: %s\n", e.message);
    } else {
        const pa_tabledef *def = schema_table(table);
        printf("table: %s (%s)\n", table, def ? "a table of the data model" : "an extra table: every column is text");
        printf("header: line %u; %zu data row(s)\n", v->header_line, v->rows);
        if (v->header_done)
            show_columns(v, def);
        printf("first rows:\n%s", v->first.data ? v->first.data : "  none\n");
        if (prof) {
            sbuf b;
            sb_init(&b);
            prof_describe_file(prof, base, &b);
            printf("under profile %s:\n%s", profile, b.data ? b.data : "  the profile does not read this file\n");
            sb_free(&b);
        }
        if (d.encoding && strcmp(d.encoding, "UTF-8") == 0 && !lo.encoding)
            utf8_hint(file);
        if (prof && prof_uses_file(prof, ".", base))
            printf("problems: see `pmoaudit run DIR --profile %s` (the profile reshapes this file)\n", profile);
        else
            show_problems(file, table, &lo);
    }
    for (size_t i = 0; i < v->ncol; i++) {
        free(v->col[i].name);
        free(v->col[i].example);
    }
    sb_free(&v->first);
    free(v);
    prof_free(prof);
    return rc == CSVR_EIO ? 2 : 0;
}
