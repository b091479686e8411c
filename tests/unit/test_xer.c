/*
 * test_xer.c - the XER parser (load/xer_read.c): tables, fields and rows
 * with the line of each, P6's left-out trailing fields, CRLF, the version
 * in ERMHDR, the encoding chosen (UTF-8 when valid, Windows-1252 else) and
 * every structural error at its line and column; and the mapping
 * (load/xer_map.c) of a small export into a store with its ledger.
 */
#include "load/xer_read.h"
#include "load/xer_map.h"
#include "test.h"
#include "core/util.h"

#include <stdlib.h>

/* The tables of text as "NAME@line: f1,f2 | r1c1,r1c2 @line | ..." or
 * "error L:C: message". */
static char *parse_n(const char *text, size_t len)
{
    xer_file x;
    xer_error e;
    xer_init(&x);
    sbuf b;
    sb_init(&b);
    xer_limits lim = {8, 3, 4};
    if (xer_read_buffer(text, len, NULL, &lim, &x, &e) != 0) {
        sb_printf(&b, "error %u:%u: %s", e.line, e.column, e.message);
        xer_free(&x);
        return sb_steal(&b);
    }
    sb_printf(&b, "v%s %s", x.version, x.encoding);
    for (int i = 0; i < x.nt; i++) {
        const xer_table *t = &x.t[i];
        sb_printf(&b, "\n%s@%u:", t->name, t->line);
        for (size_t r = 0; r < t->g.nrows; r++) {
            sb_puts(&b, r ? " | " : " ");
            for (size_t c = 0; c < t->g.width[r]; c++) {
                size_t n;
                const char *s = grid_at(&t->g, r, c, &n);
                sb_printf(&b, "%s%.*s", c ? "," : "", (int)n, s ? s : "");
            }
            sb_printf(&b, " @%u", t->g.line[r]);
        }
    }
    xer_free(&x);
    return sb_steal(&b);
}

static char *parse(const char *text)
{
    return parse_n(text, strlen(text));
}

#define PARSES(text, want)          \
    do {                            \
        char *got_ = parse(text);   \
        CHECK_STR(got_, want);      \
        free(got_);                 \
    } while (0)

static void tables(void)
{
    CASE("xer: tables with their %F names and %R rows, each at its line; CRLF; trailing fields left out");
    PARSES("ERMHDR\t19.12\t2026-03-02\r\n%T\tPROJECT\r\n%F\tproj_id\tname\r\n%R\t1\tP1\r\n%R\t2\r\n"
           "%T\tTASK\r\n%F\ttask_id\r\n%E\r\n",
           "v19.12 UTF-8\nPROJECT@2: proj_id,name @3 | 1,P1 @4 | 2 @5\nTASK@6: task_id @7");
    CASE("xer: a blank line is no row; empty fields are kept; a table with no %F has no rows");
    PARSES("ERMHDR\n\n%T\tA\n%F\tx\ty\n%R\t\t\n\n%T\tB\n%E\n", "v UTF-8\nA@3: x,y @4 | , @5\nB@7:");
    CASE("xer: a UTF-8 byte-order mark before ERMHDR");
    PARSES("\xEF\xBB\xBF" "ERMHDR\t8.4\n%E\n", "v8.4 UTF-8");
    CASE("xer: bytes that are not UTF-8 are read as Windows-1252");
    PARSES("ERMHDR\t20.12\n%T\tT\n%F\tn\n%R\tCaf\xE9\x80\n%E\n",
           "v20.12 WINDOWS-1252\nT@2: n @3 | Caf\xC3\xA9\xE2\x82\xAC @4");
    CASE("xer: sniffing");
    CHECK(xer_sniff("ERMHDR\t1", 8));
    CHECK(xer_sniff("ERMHDR", 6));
    CHECK(xer_sniff("\xEF\xBB\xBF" "ERMHDR\n", 10));
    CHECK(!xer_sniff("ERMHDRX", 7));
    CHECK(!xer_sniff("project_id,ERMHDR", 17));
    CHECK(!xer_sniff("ERM", 3));
}

static void errors(void)
{
    CASE("xer: structural errors at their line and column");
    PARSES("", "error 1:1: not an XER export: the file is empty");
    PARSES("ERMHDR", "error 1:0: the export ends at line 1 without its %E line: the file looks truncated");
    PARSES("%T\tA\n", "error 1:1: not an XER export: its first line must start with ERMHDR");
    PARSES("ERMHDR\n%R\t1\n%E\n", "error 2:1: a %R line before any %T line: each table starts with %T and its name");
    PARSES("ERMHDR\n%T\tA\n%R\t1\n", "error 3:1: a %R row before the %F line of table A (line 2): its fields have no names");
    PARSES("ERMHDR\n%T\tA\n%F\tx\n%F\ty\n%E\n", "error 4:1: a second %F line in table A (its %F line is line 3)");
    PARSES("ERMHDR\n%T\n%E\n", "error 2:1: a %T line must name its table (%T, a tab, then the name)");
    PARSES("ERMHDR\n%T\tA\n%F\n%E\n", "error 3:1: the %F line of table A names no fields");
    PARSES("ERMHDR\n%T\tA\n%T\tA\n", "error 3:4: table A appears a second time (the first %T A is at line 2)");
    PARSES("ERMHDR\n%X\t1\n", "error 2:1: a line starting '%X\t1': expected %T, %F, %R or %E");
    PARSES("ERMHDR\n%T\tA\n%F\tx\n%R\t1\n", "error 4:0: the export ends at line 4 without its %E line: the file looks truncated");
    PARSES("ERMHDR\n%E\n%T\tA\n", "error 3:1: text after the %E line that ends the export");
    static const char nul[] = "ERMHDR\n%T\tA\n%F\tx\n%R\tab\001\x7F" "c\n%R\ta\0b\n%E\n";
    char *got = parse_n(nul, sizeof nul - 1);
    CHECK_STR(got, "error 5:5: a NUL byte in the line; an XER export is text");
    free(got);
    CASE("xer: limits (cell 8 bytes, 3 rows, 4 fields)");
    PARSES("ERMHDR\n%T\tA\n%F\tx\n%R\t123456789\n%E\n", "error 4:4: a field of 9 bytes passes the limit of 8 (--max-cell)");
    PARSES("ERMHDR\n%T\tA\n%F\tx\n%R\t1\n%R\t2\n%R\t3\n%R\t4\n%E\n", "error 7:1: table A has more than 3 rows (--max-rows)");
    PARSES("ERMHDR\n%T\tA\n%F\ta\tb\tc\td\te\n%E\n", "error 3:1: table A has 5 fields, more than 4 (--max-columns)");
}

static void encodings(void)
{
    CASE("xer: a declared encoding is used as given; a byte it lacks is an error at its line and column");
    xer_file x;
    xer_error e;
    xer_init(&x);
    const char *t = "ERMHDR\n%T\tA\n%F\tx\n%R\tab\x81\n%E\n";
    CHECK(xer_read_buffer(t, strlen(t), "cp1252", NULL, &x, &e) == -1);
    CHECK(e.line == 4 && e.column == 6);
    CHECK_STR(e.message, "byte 0x81 is not valid WINDOWS-1252 text; check the encoding the file was saved in");
    xer_free(&x);
    xer_init(&x);
    CHECK(xer_read_buffer(t, strlen(t), "utf-8", NULL, &x, &e) == -1);
    CHECK_STR(e.message, "byte 0x81 is not valid UTF-8 text; check the encoding the file was saved in");
    CHECK(e.line == 4 && e.column == 6);
    xer_free(&x);
    xer_init(&x);
    CHECK(xer_read_buffer(t, strlen(t), "klingon", NULL, &x, &e) == -1);
    CHECK(e.line == 0);
    xer_free(&x);
}

static void lookups(void)
{
    CASE("xer: tables by name and fields by name");
    xer_file x;
    xer_error e;
    xer_init(&x);
    const char *t = "ERMHDR\n%T\tTASK\n%F\ttask_id\ttask_code\n%E\n";
    CHECK(xer_read_buffer(t, strlen(t), NULL, NULL, &x, &e) == 0);
    const xer_table *tk = xer_table_named(&x, "TASK");
    CHECK(tk != NULL && xer_table_named(&x, "RSRC") == NULL);
    CHECK(tk && xer_field(tk, "task_code") == 1 && xer_field(tk, "task_id") == 0 && xer_field(tk, "x") == SIZE_MAX);
    xer_free(&x);
}

static void mapping(void)
{
    CASE("xer map: a small export into projects and tasks, with the ledger per table");
    const char *t = "ERMHDR\t19.12\n%T\tCALENDAR\n%F\tclndr_id\tdefault_flag\tday_hr_cnt\n%R\t1\tY\t10\n"
                    "%T\tPROJECT\n%F\tproj_id\tproj_short_name\n%R\t5\tP1\n"
                    "%T\tTASK\n%F\ttask_id\tproj_id\ttask_code\ttarget_drtn_hr_cnt\tstatus_code\n"
                    "%R\t7\t5\tA1\t25\tTK_Complete\n%R\t8\t5\tA2\t5\tTK_NotStart\textra\n"
                    "%T\tTASKPRED\n%F\ttask_id\tpred_task_id\tpred_type\tlag_hr_cnt\n%R\t7\t8\tPR_SS\t-5\n%E\n";
    pa_store st;
    store_init(&st, ".");
    pa_findings f;
    fnd_init(&f);
    char *err = NULL;
    CHECK(xmap_load_buffer(&st, t, strlen(t), "s.xer", NULL, &f, &err) == 0);
    pa_table *tk = store_table(&st, "tasks"), *pj = store_table(&st, "projects");
    CHECK(tk && tk->nrows == 1 && pj && pj->nrows == 1);
    CHECK(st.ledger.n == 4);
    const pa_ledger_file *e = &st.ledger.v[2];
    CHECK_STR(e->part, "TASK");
    CHECK(e->read == 2 && e->loaded == 1 && e->nleft == 1 && e->left[0].lines[0] == 11 && !e->left[0].chosen);
    e = &st.ledger.v[3]; /* the link's predecessor was left out with its row */
    CHECK(e->read == 1 && e->loaded == 0 && e->nleft == 1);
    CHECK_STR(e->left[0].reason, "its predecessor (pred_task_id) is not in table TASK");
    CHECK(st.ledger.v[0].read == 1 && st.ledger.v[0].loaded == 1); /* the calendar A1's duration used */
    free(err);
    fnd_free(&f);
    store_free(&st);
}

void suite_xer(void)
{
    tables();
    errors();
    encodings();
    lookups();
    mapping();
}
