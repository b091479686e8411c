/*
 * core/util.h - small building blocks shared by every module: checked allocation,
 * a growable byte buffer (sbuf) used to build strings and reports, and a few
 * string helpers. Allocation failure is fatal (exit 70): pmoaudit cannot do
 * anything sensible without memory, and checking every malloc at every call
 * site would drown the real logic.
 */
#ifndef PA_UTIL_H
#define PA_UTIL_H

#include <stddef.h>
#include <stdint.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* The errno of open_input for a path that is neither a regular file nor
 * missing: a FIFO, a device or a socket (xstrerror says so in words). */
#define PA_ENOTREG 4095
/* Open path for reading when it is a regular file: a FIFO would block the
 * run forever and a device never ends, so both are refused (-1, errno
 * PA_ENOTREG; EISDIR for a folder). The descriptor is blocking. */
int open_input(const char *path);
/* open_input as a stdio stream ("rb"); NULL with errno set. */
FILE *fopen_input(const char *path);
/* strerror, plus the words for PA_ENOTREG. */
const char *xstrerror(int e);
/* The width of the terminal on fd: $COLUMNS when it is a number from 20 to
 * 1000, else the terminal's own, else 80. */
int term_columns(int fd);
/* A whole file, NUL-terminated (*len excludes the NUL); NULL with errno set
 * when it cannot be read. */
char *read_whole_file(const char *path, size_t *len);

/* Grow *arr (element size esz) so that it holds at least need elements. */
void *xgrow(void *arr, size_t *cap, size_t need, size_t esz);
#define GROW(arr, cap, need) ((arr) = xgrow((arr), &(cap), (need), sizeof *(arr)))

/* A growable byte buffer; always NUL-terminated after any append. A
 * report writer's buffer may also be tied to a file (to, set by out_open in
 * core/outfile.h): out_flush then sends what it holds there and empties it. */
struct out_stream;
typedef struct {
    char *data;
    size_t len;
    size_t cap;
    struct out_stream *to; /* NULL: the bytes stay in memory */
} sbuf;

void sb_init(sbuf *b);
void sb_free(sbuf *b);
void sb_reserve(sbuf *b, size_t extra);
void sb_add(sbuf *b, const char *s, size_t n);
void sb_puts(sbuf *b, const char *s);
void sb_putc(sbuf *b, char c);
void sb_printf(sbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void sb_vprintf(sbuf *b, const char *fmt, va_list ap);
char *sb_steal(sbuf *b); /* returns the string, leaves b empty */

/* ASCII helpers (locale independent). */
static inline bool is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
}
static inline char ascii_lower(char c)
{
    return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
}
/* The value of hex digit c (0-9, a-f, A-F), or -1. */
static inline int hex_digit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}
/* Trim ASCII white space in place on a (pointer, length) pair. */
void str_trim(const char **s, size_t *n);
bool str_ieq(const char *a, size_t an, const char *b);
uint64_t hash_bytes(const void *data, size_t n, uint64_t seed);

/* Lower the calling thread's scheduling priority by `by` nice steps (Linux;
 * elsewhere a no-op), for background work that should use idle cycles. */
void thread_lower_priority(int by);
/* v in decimal at out (NUL-terminated, at most 10 digits); returns the
 * number of digits. What "%u" prints, without printf's cost per call. */
size_t u32_decimal(uint32_t v, char out[11]);
/* The choice closest to word (edit distance at most 2), for "did you mean";
 * NULL when none is close. choices is NULL-terminated. */
const char *str_suggest(const char *word, const char *const *choices);
/* The edit distance of two words (99 for words longer than 64 bytes). */
size_t str_distance(const char *a, const char *b);

#endif
