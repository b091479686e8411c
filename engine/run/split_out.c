/*
 * run/split_out.c - --split-by owner|project: after the whole run's
 * reports, one report per part in every format asked for
 * (report-<stem>.<ext>) and split-index.csv, which says whose each file
 * is. Each part's files are staged and renamed together (core/outfile.c);
 * the index comes last, so a run stopped half-way leaves the previous
 * index naming the previous files. May include everything before run/.
 */
#include "run/split_out.h"
#include "collect/split.h"
#include "core/outfile.h"
#include "core/util.h"
#include "report/csv.h"
#include "report/formats.h"

#include <stdlib.h>

/* One part's reports, staged then renamed; 0, or -1 with *err. */
static int write_part(const pa_report *r, pa_split_part *p, const char *dir, const int *wanted, int nf,
                      const pa_text_opts *to, sbuf *b, char **err)
{
    pa_report sub;
    split_report(r, p, &sub);
    int rc = 0;
    for (int k = 0; k < nf && rc == 0; k++) {
        const fmt_def *f = &fmt_table[wanted[k]];
        char *path = xasprintf("%s/report-%s.%s", dir, p->stem, f->ext);
        out_stream s;
        rc = out_open(&s, b, path, err);
        if (rc == 0) {
            f->write(&sub, to, b);
            rc = out_close(&s, b, err);
        }
        free(path);
    }
    split_report_free(&sub);
    return rc != 0 ? -1 : out_commit(err);
}

long split_write(const pa_report *r, const char *by, const char *dir, const int *wanted, int nf,
                 const pa_text_opts *to, char **err)
{
    pa_split_part *parts;
    size_t n = split_parts(r, by, &parts);
    pa_text_opts plain = *to;
    plain.color = false; /* files, never a terminal */
    sbuf b;
    sb_init(&b);
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0; i++)
        rc = write_part(r, &parts[i], dir, wanted, nf, &plain, &b, err);
    if (rc == 0) {
        b.len = 0;
        report_split_index(parts, n, &b);
        char *path = xasprintf("%s/split-index.csv", dir);
        rc = out_write(path, b.data ? b.data : "", b.len, err);
        free(path);
    }
    sb_free(&b);
    split_free(parts, n);
    return rc != 0 ? -1 : (long)n;
}
