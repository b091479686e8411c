/*
 * test_value.c - every type's accepted and rejected forms (data-model.md,
 * "Types"), dates, header and enum normalisation, and predecessors links.
 */
#include "test.h"
#include "model/date_format.h"
#include "model/value.h"

#include <math.h>
#include <stdlib.h>

static int parses_int(const char *s, long long want)
{
    int64_t v;
    return val_parse_int(s, strlen(s), &v) && v == want;
}

static int parses_number(const char *s, double want)
{
    double v;
    return val_parse_number(s, strlen(s), &v) && fabs(v - want) < 1e-9;
}

static int parses_money(const char *s, double want)
{
    double v;
    return val_parse_money(s, strlen(s), &v) && fabs(v - want) < 1e-9;
}

static int parses_date(const char *s, const char *want)
{
    pa_date d;
    char buf[16];
    if (!val_parse_date(s, strlen(s), &d))
        return 0;
    date_format(d, buf);
    return strcmp(buf, want) == 0;
}

static int rejects(bool (*fn)(const char *, size_t, void *), const char *s)
{
    double space[2];
    return !fn(s, strlen(s), space);
}

#define REJECTS(fn, s) CHECK(rejects((bool (*)(const char *, size_t, void *))(fn), (s)))

static void ints(void)
{
    CASE("int accepts an optional sign and digits");
    CHECK(parses_int("42", 42));
    CHECK(parses_int("-7", -7));
    CHECK(parses_int("+5", 5));
    CHECK(parses_int("  12 ", 12));
    CHECK(parses_int("9223372036854775807", 9223372036854775807LL));
    CASE("int rejects decimals, words, overflow and a lone sign");
    REJECTS(val_parse_int, "5.0");
    REJECTS(val_parse_int, "1e3");
    REJECTS(val_parse_int, "five");
    REJECTS(val_parse_int, "-");
    REJECTS(val_parse_int, "1 2");
    REJECTS(val_parse_int, "9223372036854775808");
    REJECTS(val_parse_int, "");
}

static void numbers(void)
{
    CASE("number accepts decimals with '.', a sign and a '%' suffix");
    CHECK(parses_number("3.25", 3.25));
    CHECK(parses_number("-0.5", -0.5));
    CHECK(parses_number("45%", 45));
    CHECK(parses_number("12.5%", 12.5));
    CHECK(parses_number(" 100 ", 100));
    CASE("a number is the same double strtod gives, with and without its fast path");
    {
        static const char *const cases[] = {"0.1", "0.3", "1.005", "-0", "+7.25", "123456789012345",
                                            "12345678.9012345", "0.000000000000001", "999999999999999",
                                            "9007199254740993", "1234567890123456.7", "0.1234567890123456789"};
        for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
            double v = 0, w = strtod(cases[i], NULL);
            CHECK(val_parse_number(cases[i], strlen(cases[i]), &v) && memcmp(&v, &w, sizeof v) == 0);
        }
    }
    CASE("number rejects commas, exponents, text and a bare '%'");
    REJECTS(val_parse_number, "1,5");
    REJECTS(val_parse_number, "1,000");
    REJECTS(val_parse_number, "1e3");
    REJECTS(val_parse_number, "%");
    REJECTS(val_parse_number, "abc");
    REJECTS(val_parse_number, "5%%");
    REJECTS(val_parse_number, ".");
    REJECTS(val_parse_number, ".5");
    REJECTS(val_parse_number, "7.");
    REJECTS(val_parse_number, "50 %");
    REJECTS(val_parse_number, "nan");
}

static void money(void)
{
    CASE("money accepts currency signs, thousands separators, decimals, a minus first");
    CHECK(parses_money("$1,250,000.00", 1250000));
    CHECK(parses_money("1250000", 1250000));
    CHECK(parses_money("\xE2\x82\xAC" "75,000", 75000));   /* € */
    CHECK(parses_money("\xC2\xA3" "12.50", 12.5));         /* £ */
    CHECK(parses_money("\xC2\xA5" "300", 300));            /* ¥ */
    CHECK(parses_money("-$1,000", -1000));
    CHECK(parses_money("-500.25", -500.25));
    CHECK(parses_money("999", 999));
    CASE("money rejects misplaced separators, other currencies and text");
    REJECTS(val_parse_money, "1,2345");
    REJECTS(val_parse_money, "12345,678");
    REJECTS(val_parse_money, "1,000,00");
    REJECTS(val_parse_money, ",100");
    REJECTS(val_parse_money, "$");
    REJECTS(val_parse_money, "USD 100");
    REJECTS(val_parse_money, "100$");
    REJECTS(val_parse_money, "--5");
    REJECTS(val_parse_money, "1.000,50");
    REJECTS(val_parse_money, "12x");
    REJECTS(val_parse_money, "$-1,000");
    REJECTS(val_parse_money, "+5");
    REJECTS(val_parse_money, "$.50");
    REJECTS(val_parse_money, "5.");
    REJECTS(val_parse_money, "$ 5");
}

static void dates(void)
{
    CASE("date accepts ISO dates and date-times, keeping the date");
    CHECK(parses_date("2026-03-04", "2026-03-04"));
    CHECK(parses_date(" 2024-02-29 ", "2024-02-29"));
    CHECK(parses_date("2026-03-04T09:30", "2026-03-04"));
    CHECK(parses_date("2026-03-04T09:30:15Z", "2026-03-04"));
    CHECK(parses_date("2026-03-04T09:30:15.250+02:00", "2026-03-04"));
    CHECK(parses_date("2026-03-04T23:59:59-0500", "2026-03-04"));
    CHECK(parses_date("2000-02-29", "2000-02-29"));
    CASE("date rejects impossible dates and other layouts");
    REJECTS(val_parse_date, "2026-02-30");
    REJECTS(val_parse_date, "2025-02-29");
    REJECTS(val_parse_date, "1900-02-29");
    REJECTS(val_parse_date, "2026-13-01");
    REJECTS(val_parse_date, "2026-00-10");
    REJECTS(val_parse_date, "2026-3-4");
    REJECTS(val_parse_date, "04/03/2026");
    REJECTS(val_parse_date, "2026-03-04 09:30");
    REJECTS(val_parse_date, "2026-03-04T25:00");
    REJECTS(val_parse_date, "2026-03-04Tnoon");
    REJECTS(val_parse_date, "20260304");
    CASE("date arithmetic round-trips across the calendar");
    CHECK(date_from_ymd(1970, 1, 1) == 0);
    CHECK(date_from_ymd(2026, 3, 1) - date_from_ymd(2026, 2, 28) == 1);
    CHECK(date_from_ymd(2024, 3, 1) - date_from_ymd(2024, 2, 28) == 2);
    int ok = 1;
    for (pa_date d = date_from_ymd(1899, 12, 25); d < date_from_ymd(2101, 1, 5); d++) {
        int y, m, dd;
        date_to_ymd(d, &y, &m, &dd);
        ok &= date_from_ymd(y, m, dd) == d && date_valid_ymd(y, m, dd);
    }
    CHECK(ok);
}

static void bools_and_names(void)
{
    bool b;
    CASE("bool accepts true false yes no y n 1 0 in any case");
    const char *yes[] = {"true", "TRUE", "Yes", "y", "Y", "1", " yes "};
    const char *no[] = {"false", "False", "NO", "n", "0"};
    for (size_t i = 0; i < sizeof yes / sizeof *yes; i++)
        CHECK(val_parse_bool(yes[i], strlen(yes[i]), &b) && b);
    for (size_t i = 0; i < sizeof no / sizeof *no; i++)
        CHECK(val_parse_bool(no[i], strlen(no[i]), &b) && !b);
    CASE("bool rejects anything else");
    CHECK(!val_parse_bool("maybe", 5, &b));
    CHECK(!val_parse_bool("2", 1, &b));
    CHECK(!val_parse_bool("t", 1, &b));
    CHECK(!val_parse_bool("", 0, &b));

    char out[64];
    CASE("headers are trimmed, lower-cased, and runs of space, '-' and '.' become one '_'");
    val_norm_header("  Project ID ", 13, out, sizeof out);
    CHECK_STR(out, "project_id");
    val_norm_header("Percent-Complete", 16, out, sizeof out);
    CHECK_STR(out, "percent_complete");
    val_norm_header("Capacity  Hours. Week", 21, out, sizeof out);
    CHECK_STR(out, "capacity_hours_week");
    val_norm_header("planned_finish", 14, out, sizeof out);
    CHECK_STR(out, "planned_finish");
    CASE("enum values are trimmed, lower-cased, each space or hyphen becomes '_'");
    val_norm_enum(" On Hold ", 9, out, sizeof out);
    CHECK_STR(out, "on_hold");
    val_norm_enum("In-Progress", 11, out, sizeof out);
    CHECK_STR(out, "in_progress");
    val_norm_enum("On  Hold", 8, out, sizeof out);
    CHECK_STR(out, "on__hold");
    val_norm_enum("gate.review", 11, out, sizeof out);
    CHECK_STR(out, "gate.review");
}

typedef struct {
    char ids[8][16];
    int types[8];
    double lags[8];
    int n;
} links_seen;

static void collect_link(const pa_link *lk, void *ud)
{
    links_seen *s = ud;
    if (s->n >= 8)
        return;
    snprintf(s->ids[s->n], sizeof s->ids[0], "%.*s", (int)lk->id_len, lk->id);
    s->types[s->n] = lk->type;
    s->lags[s->n] = lk->lag;
    s->n++;
}

static int links(const char *cell, links_seen *s)
{
    memset(s, 0, sizeof *s);
    return val_parse_links(cell, strlen(cell), collect_link, s);
}

/* Only ABC-123 is a task. */
static bool known_abc123(const char *id, size_t n, void *ud)
{
    (void)ud;
    return n == 7 && memcmp(id, "ABC-123", 7) == 0;
}

static void predecessors(void)
{
    links_seen s;
    CASE("links: ID, ID:TYPE and ID:TYPE+LAG, separated by ';'");
    CHECK(links("T00012;T00013:SS+2d;T00014:FS-1d", &s) == 0);
    CHECK(s.n == 3);
    CHECK_STR(s.ids[0], "T00012");
    CHECK(s.types[0] == LINK_FS && s.lags[0] == 0);
    CHECK_STR(s.ids[1], "T00013");
    CHECK(s.types[1] == LINK_SS && s.lags[1] == 2);
    CHECK(s.types[2] == LINK_FS && s.lags[2] == -1);
    CASE("links: lag without 'd', lag without type, lower-case type, spaces, trailing ';'");
    CHECK(links(" T1:ff+3 ; T2+1.5d ; T3-2d ;", &s) == 0);
    CHECK(s.n == 3);
    CHECK(s.types[0] == LINK_FF && s.lags[0] == 3);
    CHECK_STR(s.ids[1], "T2");
    CHECK(s.lags[1] == 1.5);
    CHECK_STR(s.ids[2], "T3");
    CHECK(s.lags[2] == -2);
    CASE("links: an entry that is a task's id is that task (data-model.md), else its trailing number is the lag");
    {
        links_seen k;
        memset(&k, 0, sizeof k);
        CHECK(val_parse_links_known("ABC-123;ABC-124;ABC-123-2d;ABC-123:SS", 37, known_abc123, NULL, collect_link,
                                    &k) == 0);
        CHECK(k.n == 4);
        CHECK_STR(k.ids[0], "ABC-123");
        CHECK(k.lags[0] == 0);
        CHECK_STR(k.ids[1], "ABC");
        CHECK(k.lags[1] == -124);
        CHECK_STR(k.ids[2], "ABC-123");
        CHECK(k.lags[2] == -2);
        CHECK_STR(k.ids[3], "ABC-123");
        CHECK(k.types[3] == LINK_SS);
    }
    CASE("links: a trailing signed number is the lag, as the grammar says (shortest ID)");
    CHECK(links("TSK-0012", &s) == 0 && s.n == 1);
    CHECK_STR(s.ids[0], "TSK");
    CHECK(s.lags[0] == -12);
    CHECK(links("T1-2-3", &s) == 0);
    CHECK_STR(s.ids[0], "T1-2");
    CHECK(s.lags[0] == -3);
    CASE("links: commas may be part of an ID; white space around ':' may not");
    CHECK(links("A,B", &s) == 0 && s.n == 1);
    CHECK_STR(s.ids[0], "A,B");
    CHECK(links("T1 :SS", &s) == 1);
    CHECK(links("T1: SS+1d", &s) == 1);
    CASE("links: bad entries are counted, good ones still reported");
    CHECK(links("T1;T2:XX;T3:SS+;T4", &s) == 2);
    CHECK(s.n == 2);
    CHECK_STR(s.ids[1], "T4");
    CHECK(links("T1:SS2d", &s) == 1);
    CHECK(links("T1 T2", &s) == 1);
    CHECK(links(":FS", &s) == 1);
    CHECK(links("T1:SF-0.5d", &s) == 0 && s.types[0] == LINK_SF && s.lags[0] == -0.5);
}

/* Found by tests/fuzz/fuzz_values: numbers beyond int64_t's range were
 * converted to an integer before the range test (undefined behaviour). */
static void number_format(void)
{
    char b[64];
    CASE("number format: integral values print without a fraction");
    val_format_number(42.0, b, sizeof b);
    CHECK_STR(b, "42");
    val_format_number(-1e14, b, sizeof b);
    CHECK_STR(b, "-100000000000000");
    CASE("number format: out of int64_t range and NaN print as %g");
    val_format_number(2092233720368547758070.0, b, sizeof b);
    CHECK_STR(b, "2.09223372036855e+21");
    val_format_number(-1e300, b, sizeof b);
    CHECK_STR(b, "-1e+300");
    val_format_number((double)NAN, b, sizeof b);
    CHECK(strstr(b, "nan") != NULL);
}

/* Parse s by layout and return YYYY-MM-DD, or "-" when it does not parse. */
static const char *by_layout(const char *s, const char *layout)
{
    static char buf[16];
    pa_date d;
    if (!dfmt_parse(s, strlen(s), layout, &d))
        return "-";
    date_format(d, buf);
    return buf;
}

static void date_layouts(void)
{
    CASE("date layouts: day-first and month-first slash dates, with and without leading zeros");
    CHECK_STR(by_layout("04/05/2026", "DD/MM/YYYY"), "2026-05-04");
    CHECK_STR(by_layout("4/5/2026", "DD/MM/YYYY"), "2026-05-04");
    CHECK_STR(by_layout("04/05/2026", "MM/DD/YYYY"), "2026-04-05");
    CHECK_STR(by_layout("12/31/2026", "DD/MM/YYYY"), "-");
    CHECK_STR(by_layout("31/12/2026", "MM/DD/YYYY"), "-");
    CHECK_STR(by_layout("2026-05-04", "DD/MM/YYYY"), "-");
    CHECK_STR(by_layout("29/02/2025", "DD/MM/YYYY"), "-");
    CHECK_STR(by_layout("04/05/2026x", "DD/MM/YYYY"), "-");
    CASE("date layouts: month names, two-digit years, weekdays and times around the date");
    CHECK_STR(by_layout("5-Jan-2026", "D-Mon-YYYY"), "2026-01-05");
    CHECK_STR(by_layout("05-JAN-26", "DD-Mon-YY"), "2026-01-05");
    CHECK_STR(by_layout("5-Janu-2026", "D-Mon-YYYY"), "-");
    CHECK_STR(by_layout("January 5, 2026", "Month D, YYYY"), "2026-01-05");
    CHECK_STR(by_layout("Sept 30, 2026", "Month D, YYYY"), "2026-09-30");
    CHECK_STR(by_layout("Monday, January 5, 2026 8:00 AM", "Month D, YYYY"), "2026-01-05");
    CHECK_STR(by_layout("Mon 1/5/26", "M/D/YY"), "2026-01-05");
    CHECK_STR(by_layout("03/Feb/26 4:15 PM", "DD/Mon/YY"), "2026-02-03");
    CHECK_STR(by_layout("03/02/2026 17:30:00", "DD/MM/YYYY"), "2026-02-03");
    CHECK_STR(by_layout("03/02/2026 25:30", "DD/MM/YYYY"), "-");
    CHECK_STR(by_layout("1/5/99", "M/D/YY"), "1999-01-05");
    CASE("date layouts: ISO dates and date-times, Excel serials");
    CHECK_STR(by_layout("2026-01-05T09:30:00Z", NULL), "2026-01-05");
    CHECK_STR(by_layout("2026-01-05", "ISO"), "2026-01-05");
    CHECK_STR(by_layout("46027", "excel"), "2026-01-05");
    CHECK_STR(by_layout("46027.75", "excel"), "2026-01-05");
    CHECK_STR(by_layout("61", "excel"), "1900-03-01");
    CHECK_STR(by_layout("59", "excel"), "1900-02-28");
    CHECK_STR(by_layout("60", "excel"), "-");
    CHECK_STR(by_layout("-3", "excel"), "-");
    CASE("date layouts: checking a layout");
    CHECK(dfmt_check("DD/MM/YYYY") == NULL && dfmt_check("Month D, YYYY") == NULL && dfmt_check("excel") == NULL);
    CHECK(dfmt_check("DD/MM") != NULL && dfmt_check("YYYY-MM-DD-DD") != NULL && dfmt_check("dd/mm/yyyy") != NULL);
    CASE("a slash date is ambiguous when both readings are dates and differ");
    CHECK(dfmt_ambiguous("03/04/2026", 10) && !dfmt_ambiguous("13/04/2026", 10) && !dfmt_ambiguous("04/04/2026", 10));
}

void suite_value(void)
{
    number_format();
    date_layouts();
    ints();
    numbers();
    money();
    dates();
    bools_and_names();
    predecessors();
}
