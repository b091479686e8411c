/*
 * test_xlsx.c - the workbook reader (load/xlsx.c) and workbook locations
 * (core/cellref.c): cell references, serial dates in both date systems,
 * which number formats are dates, and a sheet streamed through the CSV
 * callbacks (sparse cells, skipped rows, merged ranges, an early stop,
 * located errors) from a workbook built here with libzip.
 */
#include "load/xlsx.h"
#include "core/cellref.h"
#include "core/util.h"
#include "test.h"

#include <stdlib.h>
#include <unistd.h>
#include <zip.h>

static void ref_and_names(void)
{
    CASE("xlsx_ref: A1, XFD1048576 and what is not a reference");
    uint32_t c = 99, r = 99;
    CHECK(xlsx_ref("A1", &c, &r) && c == 0 && r == 1);
    CHECK(xlsx_ref("AB12", &c, &r) && c == 27 && r == 12);
    CHECK(xlsx_ref("XFD1048576", &c, &r) && c == 16383 && r == 1048576);
    CHECK(!xlsx_ref("XFE1", &c, &r));
    CHECK(!xlsx_ref("A1048577", &c, &r));
    CHECK(!xlsx_ref("A0", &c, &r));
    CHECK(!xlsx_ref("a1", &c, &r));
    CHECK(!xlsx_ref("A1B", &c, &r));
    CHECK(!xlsx_ref("12", &c, &r));
    CHECK(!xlsx_ref("", &c, &r));
    char n[8];
    xlsx_col_name(0, n);
    CHECK_STR(n, "A");
    xlsx_col_name(25, n);
    CHECK_STR(n, "Z");
    xlsx_col_name(26, n);
    CHECK_STR(n, "AA");
    xlsx_col_name(16383, n);
    CHECK_STR(n, "XFD");
}

static const char *serial(double v, bool d1904)
{
    static char out[32];
    return xlsx_serial_date(v, d1904, out, sizeof out) ? out : "-";
}

static void dates(void)
{
    CASE("xlsx_serial_date: the 1900 system with its 29 February, the 1904 system, times, bounds");
    CHECK_STR(serial(1, false), "1900-01-01");
    CHECK_STR(serial(59, false), "1900-02-28");
    CHECK_STR(serial(60, false), "1900-02-29");
    CHECK_STR(serial(61, false), "1900-03-01");
    CHECK_STR(serial(45292, false), "2024-01-01");
    CHECK_STR(serial(45383.5, false), "2024-04-01T12:00:00");
    CHECK_STR(serial(45383.99998, false), "2024-04-01T23:59:58");
    CHECK_STR(serial(45383.9999999, false), "2024-04-02");
    CHECK_STR(serial(2958465, false), "9999-12-31");
    CHECK_STR(serial(2958466, false), "-");
    CHECK_STR(serial(0.5, false), "-");
    CHECK_STR(serial(-1, false), "-");
    CHECK_STR(serial(0, true), "1904-01-01");
    CHECK_STR(serial(1155, true), "1907-03-01");
    CHECK_STR(serial(43830, true), "2024-01-01");

    CASE("xlsx_format_is_date: built-in ids 14-22, custom codes, elapsed times and quoted text");
    CHECK(xlsx_format_is_date(14, NULL));
    CHECK(xlsx_format_is_date(22, NULL));
    CHECK(!xlsx_format_is_date(0, NULL));
    CHECK(!xlsx_format_is_date(10, NULL));
    CHECK(!xlsx_format_is_date(49, NULL));
    CHECK(xlsx_format_is_date(164, "dd/mm/yyyy"));
    CHECK(xlsx_format_is_date(164, "[$-409]mmmm d, yyyy;@"));
    CHECK(xlsx_format_is_date(170, "yyyy\\-mm\\-dd"));
    CHECK(!xlsx_format_is_date(164, "[h]:mm"));
    CHECK(!xlsx_format_is_date(164, "0.00%"));
    CHECK(!xlsx_format_is_date(164, "General"));
    CHECK(!xlsx_format_is_date(164, "#,##0 \"days\""));
    CHECK(!xlsx_format_is_date(164, "0.00E+00"));
    CHECK(!xlsx_format_is_date(14 + 150, NULL));
}

static const char *where(const char *loc, uint32_t line)
{
    static sbuf b;
    sb_free(&b);
    sb_init(&b);
    cref_where(&b, loc, line);
    return b.data ? b.data : "";
}

static void locations(void)
{
    CASE("cref_where: a cell, a whole row, a sheet, and files that are not workbooks");
    CHECK_STR(where("data/book.xlsx:Tasks!C", 12), "data/book.xlsx:Tasks!C12");
    CHECK_STR(where("data/book.xlsx:Tasks", 7), "data/book.xlsx:Tasks!7:7");
    CHECK_STR(where("data/book.xlsx:Tasks!C", 0), "data/book.xlsx:Tasks");
    CHECK_STR(where("D:/x/BOOK.XLSX:My Plan!AB", 3), "D:/x/BOOK.XLSX:My Plan!AB3");
    CHECK_STR(where("data/book.xlsx:Plan!2", 3), "data/book.xlsx:Plan!2!3:3");
    CHECK_STR(where("data/tasks.csv", 5), "data/tasks.csv:5");
    CHECK_STR(where("odd:dir/tasks.csv", 5), "odd:dir/tasks.csv:5");
    CHECK_STR(where("data/tasks.csv", 0), "data/tasks.csv");
    CHECK(cref_has_sheet("a.xlsx:S"));
    CHECK(!cref_has_sheet("a.xlsx"));
    CHECK(!cref_has_sheet("a.csv:S"));
    CHECK(cref_is_book("A.Xlsx") && !cref_is_book("a.xls") && !cref_is_book("xlsx"));
    cref_loc c;
    cref_split("b.xlsx:S!D", 9, &c);
    CHECK(c.path_len == 6 && c.sheet_len == 1 && strncmp(c.sheet, "S", 1) == 0);
    CHECK_STR(c.cell, "D9");
    cref_split("data/tasks.csv", 4294967295u, &c);
    CHECK(c.path_len == 14 && !c.sheet);
    CHECK_STR(c.cell, "4294967295");
    char d[11];
    CHECK(u32_decimal(0, d) == 1 && strcmp(d, "0") == 0);
    CHECK(u32_decimal(10, d) == 2 && strcmp(d, "10") == 0);
    CHECK(u32_decimal(1000000007u, d) == 10 && strcmp(d, "1000000007") == 0);
}

/* ---- a sheet streamed ------------------------------------------------------- */

#define NS "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\""

static char *write_book(const char *sheet, const char *sst)
{
    char *path = xstrdup("/tmp/pa-xlsx-XXXXXX");
    int fd = mkstemp(path);
    close(fd);
    int err = 0;
    zip_t *z = zip_open(path, ZIP_TRUNCATE, &err);
    const char *names[] = {"xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/worksheets/sheet1.xml",
                           "xl/sharedStrings.xml", "xl/styles.xml"};
    const char *texts[] = {
        "<workbook " NS " xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
        "<sheets><sheet name=\" Tasks \" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>",
        "<Relationships><Relationship Id=\"rId1\" Target=\"/xl/worksheets/sheet1.xml\"/></Relationships>", sheet,
        sst, "<styleSheet " NS "><cellXfs><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/></cellXfs></styleSheet>"};
    for (int i = 0; i < 5; i++)
        zip_file_add(z, names[i], zip_source_buffer(z, texts[i], strlen(texts[i]), 0), 0);
    zip_close(z);
    return path;
}

typedef struct {
    sbuf out;
    int stop_after;
} seen;

static void on_field(void *ud, size_t index, const char *data, size_t len, uint32_t line)
{
    seen *s = ud;
    (void)line;
    if (index)
        sb_putc(&s->out, '|');
    sb_add(&s->out, data ? data : "~", data ? len : 1);
}

static bool on_row(void *ud, size_t nfields, uint32_t line)
{
    seen *s = ud;
    sb_printf(&s->out, " @%u/%zu\n", line, nfields);
    return --s->stop_after != 0;
}

static void on_blank(void *ud, uint32_t line)
{
    seen *s = ud;
    sb_printf(&s->out, "blank %u\n", line);
}

/* The sheet's rows as text, or the error. */
static char *stream(const char *sheet, int stop_after, int *rc)
{
    char *path = write_book(sheet, "<sst " NS "><si><t>ID</t></si><si><r><t>A</t></r><r><t>b</t></r></si></sst>");
    char err[256] = "";
    xlsx_book *b = xlsx_open(path, NULL, err, sizeof err);
    seen s = {{0}, stop_after};
    sb_init(&s.out);
    csvr_opts co = {on_field, on_row, &s, 0, 0, NULL, NULL, on_blank};
    csvr_error e;
    *rc = b ? xlsx_read_sheet(b, xlsx_find_sheet(b, "tasks"), &co, &e) : -1;
    if (!b)
        sb_puts(&s.out, err);
    else if (*rc && *rc != CSVR_ESTOPPED)
        sb_puts(&s.out, e.message);
    xlsx_close(b);
    unlink(path);
    free(path);
    return sb_steal(&s.out);
}

static void sheets(void)
{
    int rc;
    CASE("a sheet: sparse cells, skipped rows, a merged range over rows, padding to the header's width");
    char *got = stream("<worksheet " NS "><sheetData>"
                       "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>0</v></c><c r=\"C2\" t=\"inlineStr\"><is><t>When</t></is>"
                       "</c></row>"
                       "<row r=\"3\"><c r=\"A3\" t=\"s\"><v>1</v></c><c r=\"B3\" t=\"b\"><v>1</v></c><c s=\"1\"><v>"
                       "45292</v></c></row>"
                       "<row r=\"4\"><c r=\"C4\"><v>7</v></c></row><row r=\"5\"/>"
                       "<row><c r=\"D6\"><v>1.5</v></c></row>"
                       "</sheetData><mergeCells><mergeCell ref=\"A3:A4\"/><mergeCell ref=\"A6:B6\"/></mergeCells>"
                       "</worksheet>",
                       -1, &rc);
    CHECK(rc == CSVR_OK);
    CHECK_STR(got, "ID|~|When @2/3\nAb|TRUE|2024-01-01 @3/3\nAb|~|7 @4/3\nblank 5\n~|~|~|1.5 @6/4\n");
    free(got);

    CASE("a sheet part shorter than the word the merged-range scan looks for (a fuzz find)");
    got = stream("<x/>", -1, &rc);
    CHECK(rc == CSVR_OK);
    CHECK_STR(got, "");
    free(got);

    CASE("a sheet: the row callback stops the read");
    got = stream("<worksheet " NS "><sheetData><row><c><v>1</v></c></row><row><c><v>2</v></c></row>"
                 "</sheetData></worksheet>",
                 1, &rc);
    CHECK(rc == CSVR_ESTOPPED);
    CHECK_STR(got, "1 @1/1\n");
    free(got);

    CASE("a sheet: located errors");
    got = stream("<worksheet " NS "><sheetData><row><c t=\"s\"><v>9</v></c></row></sheetData></worksheet>", -1,
                 &rc);
    CHECK(rc == CSVR_EPARSE);
    CHECK_STR(got, "!A1: shared string '9' does not exist (the workbook has 2)");
    free(got);
    got = stream("<worksheet " NS "><sheetData><row r=\"3\"/><row r=\"2\"/></sheetData></worksheet>", -1, &rc);
    CHECK_STR(got, "blank 3\n!2:2: the row comes after row 3");
    free(got);
    got = stream("<worksheet " NS "><sheetData><row><c r=\"B1\"/><c r=\"A1\"/></row></sheetData></worksheet>", -1,
                 &rc);
    CHECK_STR(got, "!A1: the cell comes after B1 in its row");
    free(got);
    got = stream("<worksheet " NS "><sheetData><row><c r=\"A1\"><v>1</c></row></sheetData></worksheet>", -1, &rc);
    CHECK_STR(got, "xl/worksheets/sheet1.xml:1:110: mismatched tag (after cell A1)");
    free(got);
}

static void limits(void)
{
    CASE("a part bigger than max_part, and a value past max_cols");
    char *path = write_book("<worksheet " NS "><sheetData><row><c r=\"E1\"><v>1</v></c></row></sheetData></worksheet>",
                            "<sst " NS "/>");
    char err[256] = "";
    xlsx_limits small = {100, 0};
    xlsx_book *b = xlsx_open(path, &small, err, sizeof err);
    CHECK(b == NULL);
    CHECK_STR(err, "xl/workbook.xml: the part would decompress to 229 bytes, more than the 100 allowed (a zip bomb?)");
    xlsx_limits narrow = {0, 4};
    b = xlsx_open(path, &narrow, err, sizeof err);
    csvr_opts co = {on_field, on_row, NULL, 0, 0, NULL, NULL, NULL};
    csvr_error e;
    CHECK(b && xlsx_read_sheet(b, 0, &co, &e) == CSVR_EPARSE);
    CHECK_STR(e.message, "!E1: a value past column 4, the limit (raise it with --max-columns or limits.max_columns)");
    xlsx_close(b);
    unlink(path);
    free(path);
}

void suite_xlsx(void)
{
    ref_and_names();
    dates();
    locations();
    sheets();
    limits();
}
