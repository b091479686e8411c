/*
 * core/outfile.c - crash-safe report files. Each report is first written to a
 * temporary file beside its destination (same folder, so same file system)
 * and fsync'd: that is "staging". Once every report of a run is staged, the
 * batch is committed: each temporary file is renamed over its destination
 * with SIGINT and SIGTERM blocked, and the folder is fsync'd so the renames
 * survive a power cut. A signal before the commit runs the handler, which
 * removes the staged files and exits 130 (SIGINT) or 143 (SIGTERM): the
 * previous reports stay as they were. SIGXFSZ is ignored so that a file-size
 * limit (ulimit -f) is a write error (EFBIG) like a full disk, reported with
 * the path, not a crash. A destination that is not a regular file (a
 * device, a FIFO) is written in place instead: see open_special. A report
 * is either handed over whole (out_stage) or streamed while it is rendered
 * (out_open, out_flush, out_close), so that its size never has to fit in
 * memory.
 */
#define _POSIX_C_SOURCE 200809L
#include "core/outfile.h"
#include "core/util.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/*
 * The staged temporary files, as fixed buffers the signal handler can read
 * without locks or allocation: a slot is filled first and only then counted
 * (nstaged is the publication point), so the handler never sees half a path.
 */
#define MAX_STAGED 32
static char staged_tmp[MAX_STAGED][PATH_MAX];
static char *staged_dst[MAX_STAGED];
static volatile sig_atomic_t nstaged;

static void on_signal(int sig)
{
    for (int i = 0; i < nstaged; i++)
        unlink(staged_tmp[i]); /* async-signal-safe */
    _exit(128 + sig);
}

void out_signals_install(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaddset(&sa.sa_mask, SIGINT);
    sigaddset(&sa.sa_mask, SIGTERM);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    signal(SIGXFSZ, SIG_IGN);
}

static int write_all(int fd, const char *data, size_t len)
{
    while (len) {
        ssize_t n = write(fd, data, len);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        data += n;
        len -= (size_t)n;
    }
    return 0;
}

/* The folder part of path ("." for a bare name), for the folder fsync. */
static char *folder_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return xstrdup(".");
    if (slash == path)
        return xstrdup("/");
    return xstrndup(path, (size_t)(slash - path));
}

/*
 * A destination that exists and is not a regular file (/dev/null,
 * /dev/stdout, a terminal, a FIFO) is written in place: renaming a staged
 * file over it would replace the device with a regular file. Opened
 * without blocking, so a FIFO that nobody reads is an error (ENXIO), not a
 * hang. Returns 1 with *fd when path is such a file, 0 when it is a regular
 * file or absent, -1 with *err when it cannot be opened.
 */
static int open_special(const char *path, int *fd, char **err)
{
    struct stat sb;
    if (stat(path, &sb) != 0 || S_ISREG(sb.st_mode) || S_ISDIR(sb.st_mode))
        return 0;
    *fd = open(path, O_WRONLY | O_NONBLOCK | O_CLOEXEC);
    if (*fd >= 0 && fcntl(*fd, F_SETFL, fcntl(*fd, F_GETFL) & ~O_NONBLOCK) == 0)
        return 1;
    int saved = errno;
    if (*fd >= 0)
        close(*fd);
    *fd = -1;
    *err = xasprintf("%s: cannot write the report: %s", path,
                     saved == ENXIO ? "no process is reading this FIFO" : strerror(saved));
    return -1;
}

/* A temporary file beside path, counted among the staged files before a
 * byte is written (so that a signal removes it); 0, or -1 with *err. */
static int open_staged(out_stream *s, const char *path, char **err)
{
    int k = nstaged;
    if (k >= MAX_STAGED || strlen(path) + sizeof ".tmp-XXXXXX" > PATH_MAX) {
        *err = xasprintf("%s: cannot write the report: %s", path, k >= MAX_STAGED ? "too many files" : "path too long");
        return -1;
    }
    snprintf(staged_tmp[k], PATH_MAX, "%s.tmp-XXXXXX", path);
    s->fd = mkstemp(staged_tmp[k]);
    if (s->fd < 0) {
        *err = xasprintf("%s: cannot create the report file: %s", path, strerror(errno));
        return -1;
    }
    staged_dst[k] = xstrdup(path);
    nstaged = k + 1; /* from here on the handler removes it */
    return 0;
}

int out_open(out_stream *s, sbuf *b, const char *path, char **err)
{
    *s = (out_stream){.fd = -1, .kind = OUT_STAGED};
    if (strcmp(path, "-") == 0) {
        s->kind = OUT_STDOUT;
        s->fd = STDOUT_FILENO;
    } else {
        int special = open_special(path, &s->fd, err);
        if (special > 0)
            s->kind = OUT_SPECIAL;
        if (special < 0 || (special == 0 && open_staged(s, path, err) != 0)) {
            out_abort();
            return -1;
        }
    }
    s->path = xstrdup(path);
    b->to = s;
    return 0;
}

void out_drain(sbuf *b)
{
    out_stream *s = b->to;
    if (!s || !b->len)
        return;
    if (!s->err && write_all(s->fd, b->data, b->len) != 0)
        s->err = errno ? errno : EIO;
    b->len = 0; /* after a failure the rest is dropped: out_close reports it */
    b->data[0] = '\0';
}

int out_close(out_stream *s, sbuf *b, char **err)
{
    if (b->to == s)
        out_drain(b);
    b->to = NULL;
    int e = s->err;
    if (s->kind == OUT_STAGED && !e && (fsync(s->fd) != 0 || fchmod(s->fd, 0644) != 0)) /* mkstemp makes 0600 */
        e = errno;
    if (s->kind != OUT_STDOUT && close(s->fd) != 0 && !e)
        e = errno;
    if (e) {
        if (s->kind == OUT_STDOUT)
            *err = xasprintf("standard output: %s", strerror(e));
        else
            *err = xasprintf("%s: cannot write the report: %s", s->path, strerror(e));
        if (s->kind != OUT_STDOUT)
            out_abort();
    }
    free(s->path);
    s->path = NULL;
    return e ? -1 : 0;
}

int out_stage(const char *path, const char *data, size_t len, char **err)
{
    out_stream s;
    sbuf b;
    sb_init(&b);
    if (out_open(&s, &b, path, err) != 0)
        return -1;
    if (write_all(s.fd, data, len) != 0)
        s.err = errno ? errno : EIO;
    return out_close(&s, &b, err);
}

/* Renames and folder syncs; SIGINT/SIGTERM wait until the batch is in place. */
int out_commit(char **err)
{
    sigset_t block, old;
    sigemptyset(&block);
    sigaddset(&block, SIGINT);
    sigaddset(&block, SIGTERM);
    sigprocmask(SIG_BLOCK, &block, &old);
    int rc = 0;
    for (int i = 0; i < nstaged && rc == 0; i++) {
        if (rename(staged_tmp[i], staged_dst[i]) != 0) {
            *err = xasprintf("%s: cannot write the report: %s", staged_dst[i], strerror(errno));
            rc = -1;
            break;
        }
        staged_tmp[i][0] = '\0'; /* renamed: nothing left to remove */
        char *dir = folder_of(staged_dst[i]);
        int dfd = open(dir, O_RDONLY | O_DIRECTORY);
        if (dfd >= 0) { /* best effort: some file systems refuse fsync on folders */
            fsync(dfd);
            close(dfd);
        }
        free(dir);
    }
    out_abort(); /* drops what is left; after a failed rename, removes it */
    sigprocmask(SIG_SETMASK, &old, NULL);
    return rc;
}

void out_abort(void)
{
    int n = nstaged;
    nstaged = 0;
    for (int i = 0; i < n; i++) {
        if (staged_tmp[i][0])
            unlink(staged_tmp[i]);
        free(staged_dst[i]);
        staged_dst[i] = NULL;
    }
}

int out_write(const char *path, const char *data, size_t len, char **err)
{
    if (out_stage(path, data, len, err) != 0)
        return -1;
    return out_commit(err);
}
