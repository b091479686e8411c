/*
 * outfile.c - temporary file, fsync, rename.
 */
#define _POSIX_C_SOURCE 200809L
#include "outfile.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

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

int out_write(const char *path, const char *data, size_t len, char **err)
{
    if (strcmp(path, "-") == 0) {
        if (write_all(STDOUT_FILENO, data, len) != 0) {
            *err = xasprintf("standard output: %s", strerror(errno));
            return -1;
        }
        return 0;
    }
    char *tmp = xasprintf("%s.tmp-XXXXXX", path);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        *err = xasprintf("%s: cannot create the report file: %s", path, strerror(errno));
        free(tmp);
        return -1;
    }
    int rc = write_all(fd, data, len);
    if (rc == 0)
        rc = fsync(fd);
    int saved = errno;
    if (fchmod(fd, 0644) != 0 && rc == 0) { /* mkstemp makes 0600 files */
        rc = -1;
        saved = errno;
    }
    if (close(fd) != 0 && rc == 0) {
        rc = -1;
        saved = errno;
    }
    if (rc == 0 && rename(tmp, path) != 0) {
        rc = -1;
        saved = errno;
    }
    if (rc != 0) {
        unlink(tmp);
        *err = xasprintf("%s: cannot write the report: %s", path, strerror(saved));
    }
    free(tmp);
    return rc;
}
