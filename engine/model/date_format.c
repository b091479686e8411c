/*
 * model/date_format.c - parsing dates by a declared layout.
 *
 * A layout is a string of tokens and literal characters: YYYY (4 digits),
 * YY (2 digits: 00-49 are 20xx, 50-99 are 19xx), MM or M and DD or D (1 or 2
 * digits either way, as exports drop leading zeros), Mon (an English month
 * abbreviation) and Month (a full English month name, or its abbreviation).
 * A space in the layout matches one or more spaces; other characters match
 * themselves. Two things real exports add are accepted around any layout: a
 * leading weekday ("Mon 1/5/26", "Monday, January 5, 2026") and a trailing
 * time ("8:00 AM", "17:30:00", or ISO "T08:00:00Z"); the date part is kept.
 * "excel" reads spreadsheet serial day numbers (1900 date system).
 */
#include "model/date_format.h"
#include "core/util.h"

#include <string.h>
#include <strings.h>

static const char *const months[] = {"january", "february", "march",     "april",   "may",      "june",
                                     "july",    "august",   "september", "october", "november", "december"};
static const char *const wdays[] = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};

static bool starts(const char *layout, const char *tok)
{
    return strncmp(layout, tok, strlen(tok)) == 0;
}

static bool is_excel(const char *layout)
{
    return str_ieq(layout, strlen(layout), "excel");
}

static bool is_iso(const char *layout)
{
    return !layout || str_ieq(layout, strlen(layout), "iso") || strcmp(layout, "YYYY-MM-DD") == 0;
}

const char *dfmt_check(const char *layout)
{
    if (is_iso(layout) || is_excel(layout))
        return NULL;
    int y = 0, m = 0, d = 0;
    for (const char *p = layout; *p;) {
        if (starts(p, "YYYY") || starts(p, "YY")) {
            y++;
            p += starts(p, "YYYY") ? 4 : 2;
        } else if (starts(p, "Month") || starts(p, "Mon") || starts(p, "MM") || *p == 'M') {
            m++;
            p += starts(p, "Month") ? 5 : starts(p, "Mon") ? 3 : starts(p, "MM") ? 2 : 1;
        } else if (starts(p, "DD") || *p == 'D') {
            d++;
            p += starts(p, "DD") ? 2 : 1;
        } else if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9')) {
            return "a layout is made of YYYY or YY, MM or M or Mon or Month, DD or D, and separators "
                   "(e.g. DD/MM/YYYY, D-Mon-YYYY, \"Month D, YYYY\"), or ISO, or excel";
        } else {
            p++;
        }
    }
    if (y != 1 || m != 1 || d != 1)
        return "a layout needs exactly one year (YYYY or YY), one month (MM, M, Mon or Month) and one day (DD or D)";
    return NULL;
}

/* 1 to max digits at *s; advances it. */
static bool num(const char **s, const char *end, int min, int max, int *v)
{
    int k = 0;
    *v = 0;
    while (*s < end && k < max && **s >= '0' && **s <= '9') {
        *v = *v * 10 + (**s - '0');
        (*s)++;
        k++;
    }
    return k >= min && !(*s < end && **s >= '0' && **s <= '9');
}

/* A month name at *s: full when `full`, else the 3-letter abbreviation;
 * a full-name token also takes the abbreviation (and "Sept"). */
static bool month_name(const char **s, const char *end, bool full, int *m)
{
    for (int i = 0; i < 12; i++) {
        size_t len = strlen(months[i]);
        size_t avail = (size_t)(end - *s);
        if (full && avail >= len && str_ieq(*s, len, months[i]) &&
            !(avail > len && ((*s)[len] | 32) >= 'a' && ((*s)[len] | 32) <= 'z')) {
            *s += len;
            *m = i + 1;
            return true;
        }
    }
    for (int i = 0; i < 12; i++) {
        char ab[4] = {months[i][0], months[i][1], months[i][2], 0};
        if (end - *s >= 3 && str_ieq(*s, 3, ab)) {
            const char *p = *s + 3;
            if (full && i == 8 && p < end && (*p | 32) == 't')
                p++;
            if (p < end && ((*p | 32) >= 'a' && (*p | 32) <= 'z'))
                continue;
            *s = p;
            *m = i + 1;
            return true;
        }
    }
    return false;
}

/* Skip "Mon ", "Monday, " before the date. */
static void skip_weekday(const char **s, const char *end)
{
    for (int i = 0; i < 7; i++) {
        size_t len = strlen(wdays[i]);
        const char *p = *s;
        if ((size_t)(end - p) >= len && str_ieq(p, len, wdays[i]))
            p += len;
        else if (end - p >= 3 && strncasecmp(p, wdays[i], 3) == 0)
            p += 3;
        else
            continue;
        if (p < end && *p == ',')
            p++;
        if (p < end && *p == ' ') {
            while (p < end && *p == ' ')
                p++;
            *s = p;
        }
        return;
    }
}

/* What may follow the date: nothing, or a time ("8:00 AM", "T08:00:00Z"). */
static bool time_tail(const char *s, const char *end)
{
    if (s == end)
        return true;
    if (*s != ' ' && *s != 'T')
        return false;
    s++;
    while (s < end && *s == ' ')
        s++;
    int h, mi;
    if (!num(&s, end, 1, 2, &h) || h > 23 || s == end || *s != ':' || (s++, !num(&s, end, 2, 2, &mi)) || mi > 59)
        return false;
    for (; s < end; s++)
        if (!strchr("0123456789:.+-Z AMPamp", *s))
            return false;
    return true;
}

static bool parse_excel(const char *s, size_t n, pa_date *out)
{
    const char *p = s, *end = s + n;
    int64_t v = 0;
    int k = 0;
    while (p < end && *p >= '0' && *p <= '9' && k < 8) {
        v = v * 10 + (*p++ - '0');
        k++;
    }
    if (k == 0)
        return false;
    if (p < end && *p == '.') /* a time of day as the fraction */
        for (p++; p < end && *p >= '0' && *p <= '9'; p++)
            ;
    if (p != end || v < 1 || v > 2958465)
        return false;
    /* Serial 1 is 1900-01-01 and Excel counts a 1900-02-29 that never was (60). */
    pa_date base = date_from_ymd(1899, 12, v >= 61 ? 30 : 31);
    *out = base + (pa_date)v;
    return v != 60;
}

bool dfmt_parse(const char *s, size_t n, const char *layout, pa_date *out)
{
    str_trim(&s, &n);
    if (is_iso(layout))
        return val_parse_date(s, n, out);
    if (is_excel(layout))
        return parse_excel(s, n, out);
    const char *p = s, *end = s + n;
    int y = -1, m = -1, d = -1;
    skip_weekday(&p, end);
    for (const char *l = layout; *l;) {
        bool ok;
        if (starts(l, "YYYY")) {
            ok = num(&p, end, 4, 4, &y);
            l += 4;
        } else if (starts(l, "YY")) {
            ok = num(&p, end, 2, 2, &y);
            y += y < 50 ? 2000 : 1900;
            l += 2;
        } else if (starts(l, "Month") || starts(l, "Mon")) {
            bool full = starts(l, "Month");
            ok = month_name(&p, end, full, &m);
            l += full ? 5 : 3;
        } else if (starts(l, "MM") || *l == 'M') {
            ok = num(&p, end, 1, 2, &m);
            l += starts(l, "MM") ? 2 : 1;
        } else if (starts(l, "DD") || *l == 'D') {
            ok = num(&p, end, 1, 2, &d);
            l += starts(l, "DD") ? 2 : 1;
        } else if (*l == ' ') {
            ok = p < end && *p == ' ';
            while (p < end && *p == ' ')
                p++;
            l++;
        } else {
            ok = p < end && *p == *l;
            p++;
            l++;
        }
        if (!ok)
            return false;
    }
    if (!time_tail(p, end) || !date_valid_ymd(y, m, d))
        return false;
    *out = date_from_ymd(y, m, d);
    return true;
}

bool dfmt_ambiguous(const char *s, size_t n)
{
    pa_date a, b;
    str_trim(&s, &n);
    return dfmt_parse(s, n, "DD/MM/YYYY", &a) && dfmt_parse(s, n, "MM/DD/YYYY", &b) && a != b;
}
