/*
 * model/period.h - calendar periods over dates (model/value.h day numbers):
 * the start and end of a month, adding months with the day clamped to the
 * month's length, whole months between two dates, ISO weeks, and the
 * periods day, week (ISO, Monday to Sunday), month, quarter and year as
 * consecutive integer indexes with a text key each ("2026-03-05",
 * "2026-W10", "2026-03", "2026-Q1", "2026"). Pure functions; the rule API
 * (lua/api_period.c, lua/api_sweep.c) uses them.
 */
#ifndef PA_PERIOD_H
#define PA_PERIOD_H

#include "model/value.h"

#include <stdbool.h>
#include <stdint.h>

/* The first and last day of the calendar a date can be written in. */
#define PERIOD_MIN_DATE (-719162) /* 0001-01-01 */
#define PERIOD_MAX_DATE 2932896   /* 9999-12-31 */

typedef enum { PER_DAY, PER_WEEK, PER_MONTH, PER_QUARTER, PER_YEAR } period_unit;

/* The unit named day, week, month, quarter or year; false for any other name. */
bool period_unit_parse(const char *name, period_unit *u);
/* "day, week, month, quarter or year": the names period_unit_parse accepts. */
extern const char period_unit_names[];

pa_date period_month_start(pa_date d);
pa_date period_month_end(pa_date d);
/*
 * d plus n calendar months, the day kept where the month has it and
 * clamped to the month's last day where it has not (Jan 31 + 1 month =
 * Feb 28, or Feb 29 in a leap year). n may be negative. False when the
 * result falls outside 0001-01-01 .. 9999-12-31.
 */
bool period_add_months(pa_date d, int64_t n, pa_date *out);
/*
 * Whole months from a to b: for b >= a the largest k with
 * period_add_months(a, k) <= b, for b < a the smallest (negative) k with
 * period_add_months(a, k) >= b. Jan 31 to Feb 28 is 1, Jan 15 to Feb 14 is
 * 0, Mar 31 to Feb 28 is -1.
 */
int64_t period_months_between(pa_date a, pa_date b);
/* The ISO 8601 week of d: its week-numbering year and week 1..53. */
void period_iso_week(pa_date d, int *year, int *week);

/* The index of the period of unit u holding d; consecutive periods have
 * consecutive indexes. */
int64_t period_index(period_unit u, pa_date d);
/* The first and last day of period i of unit u (i from period_index). */
pa_date period_first(period_unit u, int64_t i);
pa_date period_last(period_unit u, int64_t i);
/* The key of the period of unit u holding d, NUL-terminated into buf (at
 * least 16 bytes): 2026-03-05, 2026-W10 (ISO year and week), 2026-03,
 * 2026-Q1, 2026. */
void period_key(period_unit u, pa_date d, char *buf);

#endif
