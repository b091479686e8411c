/*
 * test_outfile.c - crash-safe report writing (core/outfile.c): staged files are
 * invisible until committed, a failed stage removes the batch, and a
 * SIGTERM or SIGINT between stage and commit removes the staged files and
 * exits 143 or 130 with the destination untouched (in a forked child).
 */
#include "core/outfile.h"
#include "test.h"
#include "core/util.h"

#include <dirent.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

static int temp_files(const char *dir)
{
    int n = 0;
    DIR *d = opendir(dir);
    for (struct dirent *e; d && (e = readdir(d));)
        n += strstr(e->d_name, ".tmp-") != NULL;
    if (d)
        closedir(d);
    return n;
}

static char *slurp(const char *path)
{
    size_t len;
    return read_whole_file(path, &len);
}

/* In a child: stage dst, then raise sig before the commit. Returns the
 * child's exit code (or -1 when it did not exit normally). */
static int staged_then_signal(const char *dst, int sig)
{
    pid_t pid = fork();
    if (pid == 0) {
        out_signals_install();
        char *err = NULL;
        if (out_stage(dst, "new", 3, &err) != 0)
            _exit(99);
        raise(sig);
        _exit(98); /* not reached: the handler exits */
    }
    int st = 0;
    waitpid(pid, &st, 0);
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

void suite_outfile(void)
{
    char dir[] = "/tmp/pa-unit-outfile-XXXXXX";
    if (!mkdtemp(dir)) {
        CHECK(!"mkdtemp");
        return;
    }
    char *dst = xasprintf("%s/report.json", dir);
    char *err = NULL;

    CASE("outfile: a staged report appears only on commit");
    CHECK(out_write(dst, "old", 3, &err) == 0);
    CHECK(out_stage(dst, "new", 3, &err) == 0);
    char *s = slurp(dst);
    CHECK_STR(s, "old");
    free(s);
    CHECK(temp_files(dir) == 1);
    CHECK(out_commit(&err) == 0);
    s = slurp(dst);
    CHECK_STR(s, "new");
    free(s);
    CHECK(temp_files(dir) == 0);

    CASE("outfile: abort removes the staged files");
    CHECK(out_stage(dst, "other", 5, &err) == 0);
    out_abort();
    CHECK(temp_files(dir) == 0);
    s = slurp(dst);
    CHECK_STR(s, "new");
    free(s);

    CASE("outfile: a stage into a missing folder names the path and the OS error");
    char *bad = xasprintf("%s/missing/report.json", dir);
    CHECK(out_stage(bad, "x", 1, &err) == -1);
    CHECK(err && strstr(err, "missing/report.json: cannot create the report file: No such file or directory"));
    free(err);
    err = NULL;
    free(bad);

    CASE("outfile: SIGTERM after staging exits 143, removes the staged file, keeps the report");
    CHECK(staged_then_signal(dst, SIGTERM) == 143);
    CHECK(temp_files(dir) == 0);
    s = slurp(dst);
    CHECK_STR(s, "new");
    free(s);
    CASE("outfile: SIGINT after staging exits 130 the same way");
    CHECK(staged_then_signal(dst, SIGINT) == 130);
    CHECK(temp_files(dir) == 0);

    unlink(dst);
    rmdir(dir);
    free(dst);
}
