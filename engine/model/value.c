/*
 * model/value.c - the cell parsers of data-model.md. Every parser trims ASCII white
 * space first, accepts exactly the documented forms and rejects everything
 * else, so that a cell either has one typed value or yields one DAT-001.
 */
#include "model/value.h"
#include "core/util.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

bool val_parse_int(const char *s, size_t n, int64_t *out)
{
    str_trim(&s, &n);
    size_t i = 0;
    bool neg = false;
    if (i < n && (s[i] == '+' || s[i] == '-'))
        neg = s[i++] == '-';
    if (i == n)
        return false;
    uint64_t v = 0;
    for (; i < n; i++) {
        if (!is_digit(s[i]))
            return false;
        unsigned d = (unsigned)(s[i] - '0');
        if (v > (UINT64_MAX - d) / 10)
            return false;
        v = v * 10 + d;
    }
    if (neg ? v > (uint64_t)INT64_MAX + 1 : v > (uint64_t)INT64_MAX)
        return false;
    *out = neg ? (int64_t)(0 - v) : (int64_t)v;
    return true;
}

/*
 * Validate "[sign]digits[.digits]" in s[0..n) and convert it with strtod
 * from a bounded copy. Digits are required before the point and after it
 * when there is one. Thousands separators are removed by the caller (money)
 * before this is called.
 */
/*
 * The common case of parse_decimal without strtod (which was a tenth of the
 * load time): at most 15 digits fit a double exactly, as does 10^k for
 * k <= 22, and IEEE division rounds correctly, so digits / 10^fracd is the
 * very double strtod returns (Clinger's fast path). s has the checked shape
 * [+-]digits[.digits].
 */
static bool exact_decimal(const char *s, size_t n, size_t fracd, double *out)
{
    static const double pow10[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
    uint64_t m = 0;
    bool neg = s[0] == '-';
    for (size_t i = 0; i < n; i++)
        if (is_digit(s[i]))
            m = m * 10 + (uint64_t)(s[i] - '0');
    double v = (double)m / pow10[fracd];
    *out = neg ? -v : v;
    return true;
}

static bool parse_decimal(const char *s, size_t n, double *out)
{
    size_t i = 0, intd = 0, fracd = 0;
    if (i < n && (s[i] == '+' || s[i] == '-'))
        i++;
    while (i < n && is_digit(s[i]))
        i++, intd++;
    if (i < n && s[i] == '.') {
        i++;
        while (i < n && is_digit(s[i]))
            i++, fracd++;
        if (fracd == 0)
            return false;
    }
    if (i != n || intd == 0 || n >= 64)
        return false;
    if (intd + fracd <= 15)
        return exact_decimal(s, n, fracd, out);
    char buf[64];
    memcpy(buf, s, n);
    buf[n] = '\0';
    double v = strtod(buf, NULL);
    if (!isfinite(v))
        return false;
    *out = v;
    return true;
}

bool val_parse_number(const char *s, size_t n, double *out)
{
    str_trim(&s, &n);
    if (n && s[n - 1] == '%')
        n--;
    return parse_decimal(s, n, out);
}

/* Length of a currency sign at s (0 when none): $ and the UTF-8 € £ ¥. */
static size_t currency_len(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    if (n >= 1 && u[0] == '$')
        return 1;
    if (n >= 3 && u[0] == 0xE2 && u[1] == 0x82 && u[2] == 0xAC)
        return 3; /* € */
    if (n >= 2 && u[0] == 0xC2 && (u[1] == 0xA3 || u[1] == 0xA5))
        return 2; /* £ ¥ */
    return 0;
}

/*
 * Money: [-][currency]digits[.digits], where the integer digits may carry
 * ',' thousands separators (then in groups of exactly three after a first
 * group of one to three). The minus sign, when present, comes first.
 */
bool val_parse_money(const char *s, size_t n, double *out)
{
    str_trim(&s, &n);
    bool neg = false;
    size_t i = 0;
    if (i < n && s[i] == '-')
        neg = true, i++;
    i += currency_len(s + i, n - i);
    char buf[64];
    size_t bl = 0;
    size_t group = 0, groups = 0;
    bool commas = false;
    for (; i < n && s[i] != '.'; i++) {
        if (is_digit(s[i])) {
            if (bl >= 40)
                return false;
            buf[bl++] = s[i];
            group++;
        } else if (s[i] == ',') {
            if (group == 0 || (groups == 0 ? group > 3 : group != 3))
                return false;
            commas = true;
            groups++;
            group = 0;
        } else {
            return false;
        }
    }
    if (commas && group != 3)
        return false;
    for (; i < n; i++) { /* '.' and the fraction; parse_decimal checks the shape */
        if (bl >= 60)
            return false;
        buf[bl++] = s[i];
    }
    double v;
    if (bl == 0 || buf[0] == '+' || buf[0] == '-' || !parse_decimal(buf, bl, &v))
        return false;
    *out = neg ? -v : v;
    return true;
}

/* Parse exactly k digits at s into *v. */
static bool digits_at(const char *s, size_t k, int *v)
{
    int x = 0;
    for (size_t i = 0; i < k; i++) {
        if (!is_digit(s[i]))
            return false;
        x = x * 10 + (s[i] - '0');
    }
    *v = x;
    return true;
}

/* The time part of an ISO date-time after the 'T': HH:MM[:SS[.frac]][Z|+HH[:MM]]. */
static bool valid_time(const char *s, size_t n)
{
    int h, mi, sec, oh, om;
    size_t i = 0;
    if (n < 5 || !digits_at(s, 2, &h) || s[2] != ':' || !digits_at(s + 3, 2, &mi))
        return false;
    if (h > 23 || mi > 59)
        return false;
    i = 5;
    if (i < n && s[i] == ':') {
        if (i + 3 > n || !digits_at(s + i + 1, 2, &sec) || sec > 60)
            return false;
        i += 3;
        if (i < n && (s[i] == '.' || s[i] == ',')) {
            size_t f = ++i;
            while (i < n && is_digit(s[i]))
                i++;
            if (i == f)
                return false;
        }
    }
    if (i == n)
        return true;
    if ((s[i] == 'Z' || s[i] == 'z') && i + 1 == n)
        return true;
    if (s[i] != '+' && s[i] != '-')
        return false;
    i++;
    if (i + 2 > n || !digits_at(s + i, 2, &oh) || oh > 23)
        return false;
    i += 2;
    if (i == n)
        return true;
    if (s[i] == ':')
        i++;
    if (i + 2 != n || !digits_at(s + i, 2, &om) || om > 59)
        return false;
    return true;
}

bool val_parse_date(const char *s, size_t n, pa_date *out)
{
    str_trim(&s, &n);
    int y, m, d;
    if (n < 10 || !digits_at(s, 4, &y) || s[4] != '-' || !digits_at(s + 5, 2, &m) ||
        s[7] != '-' || !digits_at(s + 8, 2, &d))
        return false;
    if (n > 10 && !((s[10] == 'T' || s[10] == 't') && valid_time(s + 11, n - 11)))
        return false;
    if (!date_valid_ymd(y, m, d))
        return false;
    *out = date_from_ymd(y, m, d);
    return true;
}

bool val_parse_bool(const char *s, size_t n, bool *out)
{
    static const char *const yes[] = {"true", "yes", "y", "1"};
    static const char *const no[] = {"false", "no", "n", "0"};
    str_trim(&s, &n);
    for (int i = 0; i < 4; i++) {
        if (str_ieq(s, n, yes[i])) {
            *out = true;
            return true;
        }
        if (str_ieq(s, n, no[i])) {
            *out = false;
            return true;
        }
    }
    return false;
}

static bool is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

bool date_valid_ymd(int y, int m, int d)
{
    static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1)
        return false;
    int max = mdays[m - 1] + (m == 2 && is_leap(y));
    return d <= max;
}

/* Howard Hinnant's days_from_civil: exact for the proleptic Gregorian calendar. */
pa_date date_from_ymd(int y, int m, int d)
{
    y -= m <= 2;
    int era = (y >= 0 ? y : y - 399) / 400;
    unsigned yoe = (unsigned)(y - era * 400);
    unsigned doy = (unsigned)((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1);
    unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return (pa_date)(era * 146097 + (int)doe - 719468);
}

void date_to_ymd(pa_date days, int *y, int *m, int *d)
{
    int z = days + 719468;
    int era = (z >= 0 ? z : z - 146096) / 146097;
    unsigned doe = (unsigned)(z - era * 146097);
    unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int yy = (int)yoe + era * 400;
    unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    unsigned mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = yy + (*m <= 2);
}

/* Digits by hand: reports and ctx.report() format a date per finding, and
 * snprintf's format parsing cost ten times the arithmetic. */
void date_format(pa_date days, char *buf)
{
    int y, m, d;
    date_to_ymd(days, &y, &m, &d);
    if (y < 0 || y > 9999) {
        memcpy(buf, "0000-00-00", 11); /* outside the calendar we print */
        return;
    }
    buf[0] = (char)('0' + y / 1000);
    buf[1] = (char)('0' + y / 100 % 10);
    buf[2] = (char)('0' + y / 10 % 10);
    buf[3] = (char)('0' + y % 10);
    buf[4] = '-';
    buf[5] = (char)('0' + m / 10);
    buf[6] = (char)('0' + m % 10);
    buf[7] = '-';
    buf[8] = (char)('0' + d / 10);
    buf[9] = (char)('0' + d % 10);
    buf[10] = '\0';
}

/* Headers collapse runs of separators into one '_'; enum values turn each
 * space or hyphen into its own '_' (data-model.md words them differently). */
static size_t normalise(const char *s, size_t n, char *out, size_t cap, bool header)
{
    str_trim(&s, &n);
    size_t o = 0;
    bool in_sep = false;
    for (size_t i = 0; i < n && o + 1 < cap; i++) {
        char c = s[i];
        /* a line break in a header cell (Alt+Enter in Excel) separates words too */
        bool sep = c == ' ' || c == '\t' || c == '-' || (header && (c == '.' || c == '\n' || c == '\r'));
        if (sep) {
            if (!in_sep || !header)
                out[o++] = '_';
            in_sep = true;
        } else {
            out[o++] = ascii_lower(c);
            in_sep = false;
        }
    }
    out[o] = '\0';
    return o;
}

size_t val_norm_header(const char *s, size_t n, char *out, size_t cap)
{
    return normalise(s, n, out, cap, true);
}

size_t val_norm_enum(const char *s, size_t n, char *out, size_t cap)
{
    return normalise(s, n, out, cap, false);
}

/* The range test comes first: converting a double outside int64_t's range
 * (or a NaN) to an integer is undefined behaviour. */
void val_format_number(double v, char *buf, size_t cap)
{
    if (fabs(v) < 1e15 && v == (double)(int64_t)v)
        snprintf(buf, cap, "%lld", (long long)(int64_t)v);
    else
        snprintf(buf, cap, "%.15g", v);
}

const char *const link_type_names[4] = {"FS", "SS", "FF", "SF"};

/* A lag: [+-]digits[.digits][d|D]. The sign is required. */
static bool parse_lag(const char *s, size_t n, double *lag)
{
    if (n && (s[n - 1] == 'd' || s[n - 1] == 'D'))
        n--;
    if (n < 2 || (s[0] != '+' && s[0] != '-'))
        return false;
    return parse_decimal(s, n, lag);
}

/* An ID: at least one character, none of them white space, ':' or ';'. */
static bool valid_id(const char *s, size_t n)
{
    if (n == 0)
        return false;
    for (size_t i = 0; i < n; i++)
        if (is_space((unsigned char)s[i]) || s[i] == ':' || s[i] == ';')
            return false;
    return true;
}

/*
 * One link, by the data model's grammar ID[:TYPE][LAG]: TYPE is FS, SS, FF
 * or SF (any case) right after a ':'; LAG is a signed number of days with
 * an optional 'd' at the very end. Task IDs may hold '-' and '+'
 * (ABC-123), so an entry without a type is read in two steps: when it is
 * exactly the id of a task (known says so), it is that task with no lag;
 * otherwise its trailing signed number is the lag (the ID is the shortest
 * prefix followed by a valid lag), so "T12-2" is T12 with a 2-day lead and
 * "ABC-123" is ABC with a 123-day lead unless ABC-123 is a task. lk->split
 * says an entry was read the second way. Nothing may hold white space.
 */
static bool parse_link(const char *s, size_t n, pa_link *lk, link_known known, void *kud)
{
    lk->type = LINK_FS;
    lk->lag = 0;
    lk->split = false;
    const char *colon = memchr(s, ':', n);
    if (colon) {
        size_t idn = (size_t)(colon - s), rn = n - idn - 1;
        const char *rest = colon + 1;
        if (!valid_id(s, idn) || rn < 2)
            return false;
        int t;
        for (t = 0; t < 4; t++)
            if (ascii_lower(rest[0]) == ascii_lower(link_type_names[t][0]) &&
                ascii_lower(rest[1]) == ascii_lower(link_type_names[t][1]))
                break;
        if (t == 4 || (rn > 2 && !parse_lag(rest + 2, rn - 2, &lk->lag)))
            return false;
        lk->type = (pa_link_type)t;
        lk->id = s;
        lk->id_len = idn;
        return true;
    }
    lk->id = s;
    lk->id_len = n;
    if (known && valid_id(s, n) && known(s, n, kud))
        return true;
    for (size_t k = 1; k < n; k++) { /* the shortest ID followed by a lag */
        if ((s[k] == '+' || s[k] == '-') && valid_id(s, k) && parse_lag(s + k, n - k, &lk->lag)) {
            lk->id_len = k;
            lk->split = true;
            return true;
        }
    }
    lk->lag = 0;
    return valid_id(s, n);
}

int val_parse_links(const char *s, size_t n, link_fn fn, void *ud)
{
    return val_parse_links_known(s, n, NULL, NULL, fn, ud);
}

int val_parse_links_known(const char *s, size_t n, link_known known, void *kud, link_fn fn, void *ud)
{
    int bad = 0;
    size_t start = 0;
    for (size_t i = 0; i <= n; i++) {
        if (i < n && s[i] != ';')
            continue;
        const char *e = s + start;
        size_t en = i - start;
        start = i + 1;
        str_trim(&e, &en);
        if (en == 0)
            continue;
        pa_link lk;
        if (parse_link(e, en, &lk, known, kud)) {
            if (fn)
                fn(&lk, ud);
        } else {
            bad++;
        }
    }
    return bad;
}
