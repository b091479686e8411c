/*
 * core/util.c - checked allocation, the sbuf string builder and ASCII helpers.
 * See core/util.h for why allocation failure is fatal here.
 */
#include "core/util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/syscall.h>
#endif

static void oom(size_t n)
{
    fprintf(stderr, "pmoaudit: out of memory (allocating %zu bytes)\n", n);
    exit(70);
}

void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p)
        oom(n);
    return p;
}

void *xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size ? size : 1);
    if (!p)
        oom(n * size);
    return p;
}

void *xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q)
        oom(n);
    return q;
}

char *xstrdup(const char *s)
{
    return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
    char *p = xmalloc(n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *xasprintf(const char *fmt, ...)
{
    sbuf b;
    va_list ap;
    sb_init(&b);
    va_start(ap, fmt);
    sb_vprintf(&b, fmt, ap);
    va_end(ap);
    return sb_steal(&b);
}

int open_input(const char *path)
{
    /* O_NONBLOCK so that opening a FIFO with no writer returns at once; it
     * is cleared again for the reads of a regular file */
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return -1;
    struct stat sb;
    int e = 0;
    bool failed = fstat(fd, &sb) != 0;
    if (!failed && !S_ISREG(sb.st_mode))
        e = S_ISDIR(sb.st_mode) ? EISDIR : PA_ENOTREG;
    else if (failed || fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK) != 0)
        e = errno;
    if (e) {
        close(fd);
        errno = e;
        return -1;
    }
    return fd;
}

FILE *fopen_input(const char *path)
{
    int fd = open_input(path);
    if (fd < 0)
        return NULL;
    FILE *f = fdopen(fd, "rb");
    if (!f) {
        int e = errno;
        close(fd);
        errno = e;
    }
    return f;
}

const char *xstrerror(int e)
{
    return e == PA_ENOTREG ? "not a regular file (a FIFO, device or socket): pmoaudit reads regular files only"
                           : strerror(e);
}

char *read_whole_file(const char *path, size_t *len)
{
    FILE *f = fopen_input(path);
    if (!f)
        return NULL;
    sbuf b;
    sb_init(&b);
    char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0)
        sb_add(&b, buf, n);
    int bad = ferror(f);
    fclose(f);
    if (bad) {
        sb_free(&b);
        errno = EIO;
        return NULL;
    }
    *len = b.len;
    return b.data ? sb_steal(&b) : xstrdup("");
}

/* Capacity doubles so that n appends cost O(n) in total. */
void *xgrow(void *arr, size_t *cap, size_t need, size_t esz)
{
    if (need <= *cap)
        return arr;
    size_t ncap = *cap ? *cap : 8;
    while (ncap < need)
        ncap *= 2;
    arr = xrealloc(arr, ncap * esz);
    *cap = ncap;
    return arr;
}

void sb_init(sbuf *b)
{
    b->data = NULL;
    b->len = 0;
    b->cap = 0;
    b->to = NULL;
}

void sb_free(sbuf *b)
{
    free(b->data);
    sb_init(b);
}

void sb_reserve(sbuf *b, size_t extra)
{
    if (b->len + extra + 1 > b->cap) {
        size_t ncap = b->cap ? b->cap : 64;
        while (ncap < b->len + extra + 1)
            ncap *= 2;
        b->data = xrealloc(b->data, ncap);
        b->cap = ncap;
    }
}

void sb_add(sbuf *b, const char *s, size_t n)
{
    sb_reserve(b, n);
    if (n)
        memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void sb_puts(sbuf *b, const char *s)
{
    sb_add(b, s, strlen(s));
}

void sb_putc(sbuf *b, char c)
{
    sb_reserve(b, 1);
    b->data[b->len++] = c;
    b->data[b->len] = '\0';
}

void sb_vprintf(sbuf *b, const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    char tmp[256];
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap2);
    va_end(ap2);
    if (n < 0)
        return;
    if ((size_t)n < sizeof tmp) {
        sb_add(b, tmp, (size_t)n);
        return;
    }
    sb_reserve(b, (size_t)n);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    b->len += (size_t)n;
}

void sb_printf(sbuf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    sb_vprintf(b, fmt, ap);
    va_end(ap);
}

char *sb_steal(sbuf *b)
{
    char *s = b->data ? b->data : xstrdup("");
    sb_init(b);
    return s;
}

size_t u32_decimal(uint32_t v, char out[11])
{
    char rev[10];
    size_t n = 0;
    do {
        rev[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    for (size_t i = 0; i < n; i++)
        out[i] = rev[n - 1 - i];
    out[n] = '\0';
    return n;
}

void str_trim(const char **s, size_t *n)
{
    const char *p = *s;
    size_t len = *n;
    while (len && is_space((unsigned char)*p)) {
        p++;
        len--;
    }
    while (len && is_space((unsigned char)p[len - 1]))
        len--;
    *s = p;
    *n = len;
}

bool str_ieq(const char *a, size_t an, const char *b)
{
    size_t i;
    for (i = 0; i < an; i++) {
        if (!b[i] || ascii_lower(a[i]) != ascii_lower(b[i]))
            return false;
    }
    return b[i] == '\0';
}

/* FNV-1a, 64 bit: fast, good enough for hash tables and fingerprints. */
uint64_t hash_bytes(const void *data, size_t n, uint64_t seed)
{
    const unsigned char *p = data;
    uint64_t h = 1469598103934665603ULL ^ seed;
    for (size_t i = 0; i < n; i++) {
        h ^= p[i];
        h *= 1099511628211ULL;
    }
    return h;
}

/* Levenshtein distance of two short words (longer ones count as far apart). */
static size_t edit_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 64 || lb > 64)
        return 99;
    size_t d[65][65];
    for (size_t i = 0; i <= la; i++)
        d[i][0] = i;
    for (size_t j = 0; j <= lb; j++)
        d[0][j] = j;
    for (size_t i = 1; i <= la; i++)
        for (size_t j = 1; j <= lb; j++) {
            size_t c = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);
            if (d[i - 1][j] + 1 < c)
                c = d[i - 1][j] + 1;
            if (d[i][j - 1] + 1 < c)
                c = d[i][j - 1] + 1;
            d[i][j] = c;
        }
    return d[la][lb];
}

size_t str_distance(const char *a, const char *b)
{
    return edit_distance(a, b);
}

const char *str_suggest(const char *word, const char *const *choices)
{
    const char *best = NULL;
    size_t bd = 3;
    for (int i = 0; choices[i]; i++) {
        size_t d = edit_distance(word, choices[i]);
        if (d < bd) {
            bd = d;
            best = choices[i];
        }
    }
    size_t n = strlen(word);
    for (int i = 0; !best && n >= 4 && choices[i]; i++) /* a shortened name: "approved" for approved_by */
        if (strncmp(word, choices[i], n) == 0)
            best = choices[i];
    return best;
}

int term_columns(int fd)
{
    const char *env = getenv("COLUMNS");
    char *end;
    long c = env ? strtol(env, &end, 10) : 0;
    if (env && *env && !*end && c >= 20 && c <= 1000)
        return (int)c;
    struct winsize ws;
    if (ioctl(fd, TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 20)
        return ws.ws_col;
    return 80;
}

/* Linux gives each thread its own nice value (setpriority on its thread
 * id); a background thread lowered by a few steps gets the cycles the
 * other threads leave idle first, and its fair share only when it is the
 * last one running. Relative to the thread's current value, so a run
 * started with nice keeps its place among other processes. Elsewhere, or
 * when refused, the thread keeps its priority: only timing changes. */
void thread_lower_priority(int by)
{
#ifdef __linux__
    pid_t tid = (pid_t)syscall(SYS_gettid);
    errno = 0;
    int cur = getpriority(PRIO_PROCESS, (id_t)tid);
    if (errno == 0)
        (void)setpriority(PRIO_PROCESS, (id_t)tid, cur + by > 19 ? 19 : cur + by);
#else
    (void)by;
#endif
}
