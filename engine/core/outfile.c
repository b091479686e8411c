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
 * device, a FIFO) is written in place instead: see write_special.
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

/* Write and flush one temporary file; -1 with errno set on failure. */
static int fill_tmp(int fd, const char *data, size_t len)
{
    if (write_all(fd, data, len) != 0 || fsync(fd) != 0)
        return -1;
    return fchmod(fd, 0644); /* mkstemp makes 0600 files */
}

/*
 * A destination that exists and is not a regular file (/dev/null,
 * /dev/stdout, a terminal, a FIFO) is written in place: renaming a staged
 * file over it would replace the device with a regular file. Opened
 * without blocking, so a FIFO that nobody reads is an error (ENXIO), not a
 * hang. Returns 1 when path is such a file (written, or *err set on
 * failure with -1), 0 when it is a regular file or absent.
 */
static int write_special(const char *path, const char *data, size_t len, char **err)
{
    struct stat sb;
    if (stat(path, &sb) != 0 || S_ISREG(sb.st_mode) || S_ISDIR(sb.st_mode))
        return 0;
    int fd = open(path, O_WRONLY | O_NONBLOCK | O_CLOEXEC);
    int rc = fd < 0 ? -1 : 0;
    if (rc == 0 && fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK) != 0)
        rc = -1;
    if (rc == 0)
        rc = write_all(fd, data, len);
    int saved = errno;
    if (fd >= 0 && close(fd) != 0 && rc == 0) {
        rc = -1;
        saved = errno;
    }
    if (rc != 0) {
        *err = xasprintf("%s: cannot write the report: %s", path,
                         saved == ENXIO ? "no process is reading this FIFO" : strerror(saved));
        return -1;
    }
    return 1;
}

int out_stage(const char *path, const char *data, size_t len, char **err)
{
    if (strcmp(path, "-") == 0) {
        if (write_all(STDOUT_FILENO, data, len) != 0) {
            *err = xasprintf("standard output: %s", strerror(errno));
            return -1;
        }
        return 0;
    }
    int special = write_special(path, data, len, err);
    if (special != 0) {
        if (special < 0)
            out_abort();
        return special < 0 ? -1 : 0;
    }
    int k = nstaged;
    if (k >= MAX_STAGED || strlen(path) + sizeof ".tmp-XXXXXX" > PATH_MAX) {
        *err = xasprintf("%s: cannot write the report: %s", path, k >= MAX_STAGED ? "too many files" : "path too long");
        return -1;
    }
    snprintf(staged_tmp[k], PATH_MAX, "%s.tmp-XXXXXX", path);
    int fd = mkstemp(staged_tmp[k]);
    if (fd < 0) {
        *err = xasprintf("%s: cannot create the report file: %s", path, strerror(errno));
        return -1;
    }
    staged_dst[k] = xstrdup(path);
    nstaged = k + 1; /* from here on the handler removes it */
    int rc = fill_tmp(fd, data, len);
    int saved = errno;
    if (close(fd) != 0 && rc == 0) {
        rc = -1;
        saved = errno;
    }
    if (rc != 0) {
        *err = xasprintf("%s: cannot write the report: %s", path, strerror(saved));
        out_abort();
    }
    return rc;
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
