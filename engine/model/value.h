/*
 * model/value.h - parsing and printing of cell values: the typed forms of
 * data-model.md (int, number, money, date, bool, enum), header and enum
 * normalisation, and the `predecessors` link list. Pure functions over
 * (pointer, length) pairs: cells may hold NUL bytes, so nothing here relies
 * on NUL termination of its input.
 */
#ifndef PA_VALUE_H
#define PA_VALUE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Dates are days since 1970-01-01 (negative before). */
typedef int32_t pa_date;

bool val_parse_int(const char *s, size_t n, int64_t *out);
bool val_parse_number(const char *s, size_t n, double *out);
bool val_parse_money(const char *s, size_t n, double *out);
bool val_parse_date(const char *s, size_t n, pa_date *out);
bool val_parse_bool(const char *s, size_t n, bool *out);

bool date_valid_ymd(int y, int m, int d);
pa_date date_from_ymd(int y, int m, int d);
void date_to_ymd(pa_date days, int *y, int *m, int *d);
/* Writes YYYY-MM-DD and a NUL into buf (at least 11 bytes). */
void date_format(pa_date days, char *buf);

/*
 * Normalise a header name or enum value into out (NUL-terminated, at most
 * cap-1 bytes; longer input is truncated). Headers turn runs of spaces,
 * hyphens and dots into one '_'; enums turn each space or hyphen into '_'.
 * Returns the length written.
 */
size_t val_norm_header(const char *s, size_t n, char *out, size_t cap);
size_t val_norm_enum(const char *s, size_t n, char *out, size_t cap);

/* Format a number the way reports print it: integral values without a
 * fraction, others with up to 15 significant digits. */
void val_format_number(double v, char *buf, size_t cap);

/* One link of a `predecessors` cell. */
typedef enum { LINK_FS = 0, LINK_SS, LINK_FF, LINK_SF } pa_link_type;
extern const char *const link_type_names[4];

typedef struct {
    const char *id; /* points into the parsed cell */
    size_t id_len;
    pa_link_type type;
    double lag; /* days; negative is a lead */
    bool split; /* no TYPE: the ID and a lag were split at a trailing signed number */
} pa_link;

/*
 * Parse a predecessors cell: entries separated by ';', each `ID[:TYPE][LAG]`.
 * Calls fn for each valid link. Returns the number of invalid (non-empty)
 * entries; empty entries (a trailing ';') are ignored. Whether an entry
 * parses never depends on which tasks exist; how an entry without a TYPE
 * splits into ID and lag does (data-model.md): val_parse_links reads it as
 * if no task id held a sign, val_parse_links_known asks known(id, n) whether
 * the whole entry is a task's id first.
 */
typedef void (*link_fn)(const pa_link *link, void *ud);
typedef bool (*link_known)(const char *id, size_t n, void *ud);
int val_parse_links(const char *s, size_t n, link_fn fn, void *ud);
int val_parse_links_known(const char *s, size_t n, link_known known, void *kud, link_fn fn, void *ud);

#endif
