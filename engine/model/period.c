/*
 * model/period.c - calendar periods over day numbers (see model/period.h):
 * month starts and ends, month arithmetic with the day clamped, whole
 * months between dates, ISO weeks, and period indexes and keys. Rules used
 * to write these by hand (and RES-001 its day sweep); the rule API now
 * hands them out from here, so that a month end or a leap year is worked
 * out in one place.
 */
#include "model/period.h"

#include <stdio.h>
#include <string.h>

const char period_unit_names[] = "day, week, month, quarter or year";

bool period_unit_parse(const char *name, period_unit *u)
{
    static const char *const names[] = {"day", "week", "month", "quarter", "year"};
    for (int i = 0; i < 5; i++)
        if (strcmp(name, names[i]) == 0) {
            *u = (period_unit)i;
            return true;
        }
    return false;
}

static int month_days(int y, int m)
{
    static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return mdays[m - 1] + (m == 2 && leap);
}

pa_date period_month_start(pa_date d)
{
    int y, m, dd;
    date_to_ymd(d, &y, &m, &dd);
    return d - (dd - 1);
}

pa_date period_month_end(pa_date d)
{
    int y, m, dd;
    date_to_ymd(d, &y, &m, &dd);
    return d + (month_days(y, m) - dd);
}

/* Months are counted from year 0 (index y * 12 + m - 1); the calendar's
 * months are 12 .. 119999, so any n outside a range twice that is out. */
bool period_add_months(pa_date d, int64_t n, pa_date *out)
{
    int y, m, dd;
    date_to_ymd(d, &y, &m, &dd);
    if (n < -240000 || n > 240000)
        return false;
    int64_t mi = (int64_t)y * 12 + (m - 1) + n;
    if (mi < 12 || mi > 9999 * 12 + 11)
        return false;
    int ny = (int)(mi / 12), nm = (int)(mi % 12) + 1;
    int md = month_days(ny, nm);
    *out = date_from_ymd(ny, nm, dd < md ? dd : md);
    return true;
}

int64_t period_months_between(pa_date a, pa_date b)
{
    int ya, ma, da, yb, mb, db;
    date_to_ymd(a, &ya, &ma, &da);
    date_to_ymd(b, &yb, &mb, &db);
    int64_t k = ((int64_t)yb - ya) * 12 + (mb - ma);
    pa_date s = 0;
    /* a + k months is in b's month (both in the calendar): one step back
     * when it overshoots b in the direction of travel */
    if (period_add_months(a, k, &s)) {
        if (k > 0 && s > b)
            k--;
        else if (k < 0 && s < b)
            k++;
        else if (k == 0)
            return 0;
    }
    return k;
}

/* Monday of d's week: day numbers count from a Thursday (1970-01-01). */
static pa_date monday_of(pa_date d)
{
    int wd = (int)(((d % 7) + 7 + 3) % 7); /* 0 = Monday */
    return d - wd;
}

void period_iso_week(pa_date d, int *year, int *week)
{
    pa_date thursday = monday_of(d) + 3; /* the week belongs to its Thursday's year */
    int y, m, dd;
    date_to_ymd(thursday, &y, &m, &dd);
    *year = y;
    *week = (int)((thursday - date_from_ymd(y, 1, 1)) / 7 + 1);
}

/* Floor division for the week index (days before 1970 are negative). */
static int64_t floor_div(int64_t a, int64_t b)
{
    return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

int64_t period_index(period_unit u, pa_date d)
{
    if (u == PER_DAY)
        return d;
    if (u == PER_WEEK)
        return floor_div((int64_t)d + 3, 7); /* week 0 starts on Monday 1969-12-29 */
    int y, m, dd;
    date_to_ymd(d, &y, &m, &dd);
    if (u == PER_MONTH)
        return (int64_t)y * 12 + m - 1;
    if (u == PER_QUARTER)
        return (int64_t)y * 4 + (m - 1) / 3;
    return y;
}

pa_date period_first(period_unit u, int64_t i)
{
    switch (u) {
    case PER_DAY:
        return (pa_date)i;
    case PER_WEEK:
        return (pa_date)(i * 7 - 3);
    case PER_MONTH:
        return date_from_ymd((int)(i / 12), (int)(i % 12) + 1, 1);
    case PER_QUARTER:
        return date_from_ymd((int)(i / 4), (int)(i % 4) * 3 + 1, 1);
    case PER_YEAR:
        break;
    }
    return date_from_ymd((int)i, 1, 1);
}

pa_date period_last(period_unit u, int64_t i)
{
    return period_first(u, i + 1) - 1;
}

void period_key(period_unit u, pa_date d, char *buf)
{
    int y, m, dd;
    if (u == PER_WEEK) {
        int wy, w;
        period_iso_week(d, &wy, &w);
        snprintf(buf, 16, "%04d-W%02d", wy % 10000, w % 100);
        return;
    }
    date_to_ymd(d, &y, &m, &dd);
    if (u == PER_DAY)
        date_format(d, buf);
    else if (u == PER_MONTH)
        snprintf(buf, 16, "%04d-%02d", y % 10000, m % 100);
    else if (u == PER_QUARTER)
        snprintf(buf, 16, "%04d-Q%d", y % 10000, (m - 1) % 12 / 3 + 1);
    else
        snprintf(buf, 16, "%04d", y % 10000);
}
