/*
 * test_stream.c - reports streamed to their file (core/outfile.h, issue 19):
 * every format written through out_open/out_flush/out_close has the bytes
 * of the same report rendered whole in memory, while the writer's buffer
 * stays near OUT_CHUNK however large the report; a write that fails half-way
 * (a full device, a file-size limit) is reported with the path and the OS
 * error, and leaves neither a partial report nor a temporary file.
 */
#include "core/outfile.h"
#include "collect/report_model.h"
#include "load/table_load.h"
#include "report/formats.h"
#include "test.h"
#include "core/util.h"

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#define NFIND 6000 /* findings: megabytes of JSON, SARIF and HTML, many chunks each */

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

/* Two rules of two domains and NFIND findings between them, on a store
 * with a projects table, through report_build like a run. */
typedef struct {
    pa_store st;
    pa_registry reg;
    pa_rule rules[2];
    pa_result results[2];
    pa_report rep;
} fixture;

static void fixture_make(fixture *x)
{
    memset(x, 0, sizeof *x);
    store_init(&x->st, "mem");
    pa_findings dat;
    fnd_init(&dat);
    char *err = NULL;
    const char *csv = "project_id,name,status,manager\nP1,Alpha,active,Bo Chan\nP2,Beta,active,Ann Lee\n";
    CHECK(load_buffer(&x->st, csv, strlen(csv), "projects.csv", "projects", NULL, &dat, &err) == 0);
    fnd_free(&dat);
    static const char *ids[2] = {"SCH-900", "CST-900"}, *doms[2] = {"SCH", "CST"};
    reg_init(&x->reg);
    for (int i = 0; i < 2; i++) {
        x->rules[i] = (pa_rule){.id = (char *)ids[i], .title = "a stream test rule", .domain = (char *)doms[i],
                                .doc = "Checks nothing.", .file = "test.lua", .line = 1, .sev = SEV_ERROR,
                                .selected = true};
        x->results[i].status = ST_FAILED;
        fnd_init(&x->results[i].findings);
    }
    x->reg.v = x->rules;
    x->reg.n = 2;
    char key[32], msg[200];
    for (int k = 0; k < NFIND; k++) {
        pa_result *res = &x->results[k % 2];
        snprintf(key, sizeof key, "T-%06d", k);
        snprintf(msg, sizeof msg, "task %s is late by %d days <&> \"quoted\" \xC3\xA9%s and a long tail to fill a line",
                 key, k % 97, k % 7 ? "" : " \x1b[2J\r\xC2\x9b");
        fnd_add(&res->findings, ids[k % 2], k % 3 ? SEV_ERROR : SEV_WARNING, "tasks", key, k % 5 ? "P1" : "P2",
                "tasks.csv", (uint32_t)k + 2, "finish", "2026-01-01", msg, NULL);
        res->count++;
        res->by_sev[k % 3 ? SEV_ERROR : SEV_WARNING]++;
    }
    report_build(&x->rep, &x->reg, x->results, &x->st, date_from_ymd(2026, 6, 30), SEV_ERROR);
    report_tally(&x->rep);
}

static void fixture_free(fixture *x)
{
    report_free(&x->rep);
    for (int i = 0; i < 2; i++)
        fnd_free(&x->results[i].findings);
    store_free(&x->st);
}

/* Each format (or the text one) streamed into dir/report.<ext>: the bytes
 * of the in-memory rendering, written by a buffer that never held much
 * more than a chunk. */
static void same_bytes(const fixture *x, const char *dir, const pa_text_opts *o, bool text_only)
{
    pa_text_opts to = *o;
    for (int k = 0; k < fmt_count; k++) {
        const fmt_def *f = &fmt_table[k];
        if (text_only && strcmp(f->name, "text") != 0)
            continue;
        CASE(f->name);
        sbuf whole, b;
        sb_init(&whole);
        sb_init(&b);
        f->write(&x->rep, &to, &whole);
        char *path = xasprintf("%s/report.%s", dir, f->ext), *err = NULL;
        out_stream s;
        CHECK(out_open(&s, &b, path, &err) == 0);
        f->write(&x->rep, &to, &b);
        size_t cap = b.cap;
        CHECK(out_close(&s, &b, &err) == 0);
        CHECK(out_commit(&err) == 0);
        size_t len = 0;
        char *got = read_whole_file(path, &len);
        CHECK(got && len == whole.len && memcmp(got, whole.data, len) == 0);
        /* md is a summary cut at 60 KB, and never streamed */
        CHECK(strcmp(f->name, "md") == 0 || whole.len > 4 * OUT_CHUNK || strcmp(f->name, "junit") == 0);
        CHECK(cap <= 4 * OUT_CHUNK);
        free(got);
        free(path);
        sb_free(&whole);
        sb_free(&b);
    }
}

/* In a child limited to 200 KiB files (RLIMIT_FSIZE; out_signals_install
 * makes SIGXFSZ an EFBIG error): the JSON report fails half-way. Exit 0
 * when out_close said so and removed the temporary file. */
static int fails_half_way(const fixture *x, const char *path)
{
    pid_t pid = fork();
    if (pid == 0) {
        out_signals_install();
        struct rlimit rl = {200 * 1024, 200 * 1024};
        setrlimit(RLIMIT_FSIZE, &rl);
        sbuf b;
        sb_init(&b);
        out_stream s;
        char *err = NULL;
        if (out_open(&s, &b, path, &err) != 0)
            _exit(10);
        report_json(&x->rep, &b);
        if (b.cap > 4 * OUT_CHUNK)
            _exit(11);
        if (out_close(&s, &b, &err) == 0)
            _exit(12);
        char *want = xasprintf("%s: cannot write the report: %s", path, strerror(EFBIG));
        _exit(strcmp(err, want) == 0 ? 0 : 13);
    }
    int st = 0;
    waitpid(pid, &st, 0);
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

void suite_stream(void)
{
    char dir[] = "/tmp/pa-unit-stream-XXXXXX";
    if (!mkdtemp(dir)) {
        CHECK(!"mkdtemp");
        return;
    }
    fixture x;
    fixture_make(&x);
    CHECK(x.rep.all.n == NFIND);

    same_bytes(&x, dir, &(pa_text_opts){.verbose = true}, false);
    CASE("stream: the text report in colour, folded to 60 columns, control characters made visible");
    same_bytes(&x, dir, &(pa_text_opts){.verbose = true, .color = true, .width = 60}, true);
    CHECK(temp_files(dir) == 0);

    CASE("stream: a file-size limit half-way through is an error; the previous report stays, no temp file");
    char *json = xasprintf("%s/report.json", dir);
    size_t before_len = 0;
    char *before = read_whole_file(json, &before_len);
    CHECK(fails_half_way(&x, json) == 0);
    size_t after_len = 0;
    char *after = read_whole_file(json, &after_len);
    CHECK(before && after && before_len == after_len && memcmp(before, after, after_len) == 0);
    CHECK(temp_files(dir) == 0);
    free(before);
    free(after);

    CASE("stream: a full device (/dev/full) names it and the OS error");
    if (access("/dev/full", W_OK) == 0) {
        sbuf b;
        sb_init(&b);
        out_stream s;
        char *err = NULL;
        CHECK(out_open(&s, &b, "/dev/full", &err) == 0);
        report_csv(&x.rep, NULL, &b);
        CHECK(b.cap <= 4 * OUT_CHUNK);
        CHECK(out_close(&s, &b, &err) == -1);
        CHECK_STR(err, "/dev/full: cannot write the report: No space left on device");
        free(err);
        sb_free(&b);
    }

    fixture_free(&x);
    for (int k = 0; k < fmt_count; k++) {
        char *p = xasprintf("%s/report.%s", dir, fmt_table[k].ext);
        unlink(p);
        free(p);
    }
    free(json);
    rmdir(dir);
}
