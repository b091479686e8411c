/*
 * test_csv.c - the CSV reader: fields, rows and the physical line where each
 * row starts, across LF, CRLF and CR line ends, quoted fields with
 * delimiters, quotes and newlines, blank lines, a BOM, and located errors.
 */
#include "load/csv_read.h"
#include "test.h"
#include "core/util.h"

#include <stdlib.h>

typedef struct {
    sbuf out;
} rows_seen;

static void on_field(void *ud, size_t index, const char *data, size_t len, uint32_t line)
{
    rows_seen *s = ud;
    (void)line;
    if (index)
        sb_putc(&s->out, '|');
    if (!data)
        sb_puts(&s->out, "<null>");
    else
        sb_add(&s->out, data, len);
}

static bool on_row(void *ud, size_t nfields, uint32_t line)
{
    rows_seen *s = ud;
    sb_printf(&s->out, " @%u/%zu\n", line, nfields);
    return true;
}

static void on_blank(void *ud, uint32_t line)
{
    rows_seen *s = ud;
    sb_printf(&s->out, "~%u\n", line);
}

/* Parse text; returns the rows as "a|b @line/nfields" lines and the blank
 * lines as "~line", or the error. */
static char *parse(const char *text, size_t len)
{
    rows_seen s;
    sb_init(&s.out);
    csvr_opts o = {on_field, on_row, &s, 0, 1024, NULL, NULL, on_blank};
    csvr_error e;
    int rc = csvr_buffer(text, len, &o, &e);
    if (rc != CSVR_OK)
        sb_printf(&s.out, "ERROR %d at %u:%u", rc, e.line, e.column);
    return sb_steal(&s.out);
}

#define EXPECT(text, want)                  \
    do {                                    \
        char *got_ = parse(text, strlen(text)); \
        CHECK_STR(got_, want);              \
        free(got_);                         \
    } while (0)

void suite_csv(void)
{
    CASE("LF rows carry their line numbers");
    EXPECT("a,b\n1,2\n3,4\n", "a|b @1/2\n1|2 @2/2\n3|4 @3/2\n");
    CASE("CRLF and a missing final newline");
    EXPECT("a,b\r\n1,2\r\n3,4", "a|b @1/2\n1|2 @2/2\n3|4 @3/2\n");
    CASE("CR-only line ends (old Mac exports)");
    EXPECT("a,b\r1,2\r3,4\r", "a|b @1/2\n1|2 @2/2\n3|4 @3/2\n");
    CASE("blank and white-space lines are skipped, counted and told (the row ledger counts them)");
    EXPECT("a,b\n\n1,2\n   \n\r\n3,4\n", "a|b @1/2\n~2\n1|2 @3/2\n~4\n~5\n3|4 @6/2\n");
    CASE("a blank line before the header and at the end; an empty quoted cell is no blank line");
    EXPECT("\na\n\"\"\n\t\n", "~1\na @2/1\n @3/1\n~4\n");
    CASE("a blank line inside a quoted cell is the cell's, not a blank line");
    EXPECT("a\n\"x\n\ny\"\n", "a @1/1\nx\n\ny @2/1\n");
    CASE("a quoted field spanning lines keeps the row's start line");
    EXPECT("a,b\n\"x\ny\nz\",2\n3,4\n", "a|b @1/2\nx\ny\nz|2 @2/2\n3|4 @5/2\n");
    CASE("a quoted field with CRLF inside keeps the CRLF");
    EXPECT("a,b\r\n\"x\r\ny\",2\r\n", "a|b @1/2\nx\r\ny|2 @2/2\n");
    CASE("quoted commas and doubled quotes");
    EXPECT("a,b\n\"x, y\",\"say \"\"hi\"\"\"\n", "a|b @1/2\nx, y|say \"hi\" @2/2\n");
    CASE("empty unquoted fields are null, quoted empty fields are empty");
    EXPECT("a,b,c\n,\"\",\n", "a|b|c @1/3\n<null>||<null> @2/3\n");
    CASE("a UTF-8 BOM is not part of the first header");
    EXPECT("\xEF\xBB\xBFid,name\n1,x\n", "id|name @1/2\n1|x @2/2\n");
    CASE("NUL bytes are data");
    {
        const char text[] = "a,b\n\0x,2\n";
        char *got = parse(text, sizeof text - 1);
        CHECK(memcmp(got, "a|b @1/2\n\0x|2 @2/2\n", 19) == 0);
        free(got);
    }
    CASE("ragged rows report their own field counts");
    EXPECT("a,b,c\n1\n1,2,3,4\n", "a|b|c @1/3\n1 @2/1\n1|2|3|4 @3/4\n");
    CASE("a stray quote in an unquoted field is an error at its line and column");
    EXPECT("a,b\n1,2\n3,4\"5\n", "a|b @1/2\n1|2 @2/2\n3ERROR 2 at 3:4"); /* field 3 came before */
    CASE("text after a closing quote is an error");
    EXPECT("a,b\n\"x\"y,2\n", "a|b @1/2\nERROR 2 at 2:4");
    CASE("an unterminated quote is reported at the line where its row started");
    EXPECT("a,b\n1,2\n3,\"never\nclosed\n", "a|b @1/2\n1|2 @2/2\n3ERROR 2 at 3:0");
    CASE("a cell past the size cap stops with an error, not unbounded memory");
    {
        sbuf big;
        sb_init(&big);
        sb_puts(&big, "a\n\"");
        for (int i = 0; i < 4000; i++)
            sb_putc(&big, 'x');
        sb_puts(&big, "\"\n");
        char *got = parse(big.data, big.len);
        CHECK(strstr(got, "ERROR 3") != NULL);
        free(got);
        sb_free(&big);
    }
    CASE("UTF-16 LE and BE with a BOM are converted");
    {
        static const char le[] = "\xFF\xFE" "a\0,\0b\0\n\0" "1\0,\0\xE9\0\n\0";
        static const char be[] = "\xFE\xFF" "\0a\0;\0b\0\n";
        char *got = parse(le, sizeof le - 1);
        CHECK_STR(got, "a|b @1/2\n1|\xC3\xA9 @2/2\n");
        free(got);
        got = parse(be, sizeof be - 1);
        CHECK_STR(got, "a|b @1/2\n");
        free(got);
    }
    CASE("the delimiter is guessed from the header line, outside quotes");
    EXPECT("a;b;\"c,d\"\n1;2;3\n", "a|b|c,d @1/3\n1|2|3 @2/3\n");
    EXPECT("a\tb\n1\t2\n", "a|b @1/2\n1|2 @2/2\n");
    EXPECT("a|b\n1|2\n", "a|b @1/2\n1|2 @2/2\n");
    EXPECT("a\n1\n", "a @1/1\n1 @2/1\n");
    CASE("binary data is refused with the place of the first bad byte");
    {
        static const char zip[] = "PK\x03\x04\x14\0\x06\0\x08\0\0\0!\0";
        char *got = parse(zip, sizeof zip - 1);
        CHECK_STR(got, "ERROR 6 at 1:3");
        free(got);
    }
    CASE("a declared Windows-1252 file is converted");
    {
        rows_seen s;
        sb_init(&s.out);
        csvr_opts o = {on_field, on_row, &s, 0, 1024, "cp1252", NULL, NULL};
        csvr_error e;
        CHECK(csvr_buffer("a;b\n\x80;caf\xE9\n", 11, &o, &e) == CSVR_OK);
        char *got = sb_steal(&s.out);
        CHECK_STR(got, "a|b @1/2\n\xE2\x82\xAC|caf\xC3\xA9 @2/2\n");
        free(got);
        o.encoding = "utf-16le";
        CHECK(csvr_buffer("a\0\n\0\0\xD8", 6, &o, &e) == CSVR_EENCODING && e.line == 2 && e.column == 1);
        o.encoding = "ebcdic";
        CHECK(csvr_buffer("a", 1, &o, &e) == CSVR_EENCODING && strstr(e.message, "unknown encoding"));
    }
}
