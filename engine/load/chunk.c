/*
 * load/chunk.c - loading one big file on several threads.
 *
 * A portfolio's task file is most of its bytes, so loading files side by
 * side (load/parallel.c) leaves the other threads idle while it loads. Here such a
 * file is cut into N byte ranges, each range is loaded into a private
 * table by the ordinary loader, and the tables are joined in file order.
 * The result must be exactly what one pass gives, so every step that could
 * differ is either checked or rebuilt in order:
 *
 * - Where to cut. Range k starts after the first line feed at or past
 *   size*k/N. That is only a guess: the line feed could sit inside a quoted
 *   cell. The guess is checked after the parse: range k-1, which started at
 *   a true row start, must end exactly at its last byte, at a row boundary
 *   and outside quotes (csvr_range.clean). Then range k did start at a row
 *   start, and by induction every range parsed what one pass would have.
 *   If a check fails, the file is loaded again in one pass; only files
 *   with a quoted line break across a cut pay for it.
 * - The dialect and the header. csvr_plain_head looks at the first block
 *   as csvr_file does (BOM, binary refusal, delimiter guess) and finds the
 *   end of the header row. Every range but the first is fed the header
 *   bytes first, so its loader builds the same columns; the header's
 *   findings from those ranges are dropped, the first range has them.
 * - Lines. Each range counts lines from 1. Range k's rows and findings are
 *   moved by the number of line terminators before it (the sum of the
 *   earlier ranges' counts) less the header's own lines.
 * - Text, pools and arenas: store/table_concat.c replays the text cells in load order.
 * - The row ledger: each range counts its own rows (blank lines before the
 *   header only in the first); the counts are added up, lines moved.
 * - Failures. A range that fails (malformed CSV, a limit, a missing
 *   column) or that leaves a load note makes the whole file load again in
 *   one pass, so the message is the one a one-pass load gives, found where
 *   it finds it. So does a file whose ranges hold more rows than --max-rows
 *   allows in total. Broken files are rare; correctness comes first.
 *
 * When. The join is pipelined: the thread that finishes a range appends
 * every range that is ready in file order (range 0's table is the
 * destination), so joining the big file overlaps the loading of the
 * others; one thread joins at a time, under the plan's mutex.
 *
 * Memory: each range is freed as soon as it is appended, and the columns
 * of a range are released one by one as they are copied (store/table_concat.c), so
 * the big file is never held twice.
 */
#include "load/chunk.h"
#include "store/table_concat.h"
#include "core/util.h"

#include <fcntl.h>
#include <pthread.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef struct {
    csvr_range rg;
    pa_store st;     /* private: the range's table */
    pa_findings out; /* private: its findings */
    char *err;
    int rc;
} range;

struct pchunk_plan {
    int n;
    range *r;
    const pa_load_opts *o;
    pthread_mutex_t lock; /* guards the join state below */
    bool *done;           /* range k is loaded */
    int next;             /* the next range to join */
    bool joining;         /* a thread is appending ranges */
    bool failed;          /* a check failed: load the file in one pass */
    size_t rows;          /* rows joined so far */
    int64_t before;       /* line terminators before range `next` */
    uint32_t hdr_lines;   /* the header's lines, as the first joined range read them */
};

static size_t min_bytes(void)
{
    const char *e = getenv("PMOAUDIT_CHUNK_BYTES");
    char *end;
    unsigned long long v = e && *e ? strtoull(e, &end, 10) : 0;
    return e && *e && *end == '\0' && v > 0 ? (size_t)v : PCHUNK_MIN_BYTES;
}

/* The offset just past the first line feed at or after from, or 0. */
static size_t after_lf(int fd, size_t from, size_t size)
{
    char buf[1 << 16];
    while (from < size) {
        ssize_t got = pread(fd, buf, sizeof buf, (off_t)from);
        if (got <= 0)
            return 0;
        const char *lf = memchr(buf, '\n', (size_t)got);
        if (lf)
            return from + (size_t)(lf - buf) + 1;
        from += (size_t)got;
    }
    return 0;
}

/* Range starts: cuts[0] = skip, then one per accepted cut; returns the count. */
static int cut(const char *path, size_t size, size_t skip, size_t hdr_end, int ranges, size_t *cuts)
{
    int fd = open_input(path);
    if (fd < 0)
        return 0;
    int n = 0;
    cuts[n++] = skip;
    for (int k = 1; k < ranges; k++) {
        size_t at = (size_t)((unsigned long long)size * (unsigned)k / (unsigned)ranges);
        size_t s = after_lf(fd, at > hdr_end ? at : hdr_end, size);
        if (s > cuts[n - 1] && s < size)
            cuts[n++] = s;
    }
    close(fd);
    return n;
}

pchunk_plan *pchunk_plan_file(const char *path, off_t size, const pa_load_opts *o, int ranges)
{
    size_t min = min_bytes(), per = min / 8 ? min / 8 : 1; /* a range is at least an eighth of the floor */
    if (size > 0 && (size_t)size / per < (size_t)ranges)
        ranges = (int)((size_t)size / per);
    if (ranges < 2 || size <= 0 || (size_t)size <= min)
        return NULL;
    csvr_opts co;
    memset(&co, 0, sizeof co);
    if (o) {
        co.delim = o->delim;
        co.encoding = o->encoding;
        co.max_cell = o->max_cell;
    }
    char delim;
    size_t skip, hdr_end;
    if (!csvr_plain_head(path, &co, &delim, &skip, &hdr_end))
        return NULL;
    size_t *cuts = xmalloc((size_t)ranges * sizeof *cuts);
    int n = cut(path, (size_t)size, skip, hdr_end, ranges, cuts);
    if (n < 2) {
        free(cuts);
        return NULL;
    }
    pchunk_plan *p = xcalloc(1, sizeof *p);
    p->n = n;
    p->r = xcalloc((size_t)n, sizeof *p->r);
    p->done = xcalloc((size_t)n, sizeof *p->done);
    p->o = o;
    pthread_mutex_init(&p->lock, NULL);
    for (int k = 0; k < n; k++) {
        csvr_range *rg = &p->r[k].rg;
        rg->hdr_start = k ? skip : 0;
        rg->hdr_end = k ? hdr_end : 0;
        rg->start = cuts[k];
        rg->end = k + 1 < n ? cuts[k + 1] : (size_t)size;
        rg->last = k + 1 == n;
        rg->delim = delim;
        store_init(&p->r[k].st, "");
        fnd_init(&p->r[k].out);
    }
    free(cuts);
    return p;
}

int pchunk_count(const pchunk_plan *p)
{
    return p->n;
}

size_t pchunk_size(const pchunk_plan *p, int k)
{
    return p->r[k].rg.end - p->r[k].rg.start;
}

/*
 * Whether range k can be appended: it loaded without a problem or a note,
 * it ends where the next range starts (unless it is the last), it read
 * the header as the others did, and the rows so far fit --max-rows.
 */
static bool range_ok(pchunk_plan *p, int k)
{
    const range *r = &p->r[k];
    if (r->rc != 0 || r->st.ntables != 1 || r->st.nnotes != 0 || (!r->rg.last && !r->rg.clean))
        return false;
    const pa_table *t = r->st.tables[0];
    size_t max_rows = p->o && p->o->max_rows ? p->o->max_rows : LOAD_MAX_ROWS_DEFAULT;
    p->rows += t->nrows;
    if (p->rows > max_rows)
        return false;
    if (k == 0)
        return true;
    if (k == 1)
        p->hdr_lines = r->rg.hdr_lines;
    return r->rg.hdr_lines == p->hdr_lines && t->ncols == p->r[0].st.tables[0]->ncols &&
           (t->nrows == 0 || t->line[0] > r->rg.hdr_lines);
}

/* Range r's findings, moved to the lines of the whole file and to the
 * table t that outlives them; the header's findings are dropped. */
static void move_findings(pa_findings *out, range *r, const pa_table *t, int64_t delta)
{
    size_t kept = 0;
    for (size_t i = 0; i < r->out.n; i++) {
        pa_finding *f = &r->out.v[i];
        if (f->line <= r->rg.hdr_lines) {
            fnd_clear(f);
            continue;
        }
        f->line = (uint32_t)((int64_t)f->line + delta);
        f->file = t->file;
        r->out.v[kept++] = *f;
    }
    r->out.n = kept;
    fnd_move(out, &r->out);
}

static void free_range(range *r)
{
    free(r->err);
    r->err = NULL;
    fnd_free(&r->out);
    store_free(&r->st);
}

/* Append range k to range 0's table; false when a check fails. */
static bool join(pchunk_plan *p, int k)
{
    range *r = &p->r[k];
    if (!range_ok(p, k))
        return false;
    if (k == 0) {
        p->before = r->rg.lines;
        return true;
    }
    range *first = &p->r[0];
    pa_table *t = first->st.tables[0];
    int64_t delta = p->before - r->rg.hdr_lines;
    tabcat_append(t, r->st.tables[0], delta);
    move_findings(&first->out, r, t, delta);
    if (first->st.ledger.n == 1 && r->st.ledger.n == 1)
        ledger_add(&first->st.ledger.v[0], &r->st.ledger.v[0], delta);
    p->before += (int64_t)r->rg.lines - r->rg.hdr_lines;
    free_range(r);
    return true;
}

/* Range k is loaded: join what is ready, unless another thread is at it
 * (it will see range k before it stops). */
static void joins_ready(pchunk_plan *p, int k)
{
    pthread_mutex_lock(&p->lock);
    p->done[k] = true;
    if (p->joining) {
        pthread_mutex_unlock(&p->lock);
        return;
    }
    p->joining = true;
    while (!p->failed && p->next < p->n && p->done[p->next]) {
        int j = p->next;
        pthread_mutex_unlock(&p->lock);
        bool ok = join(p, j);
        pthread_mutex_lock(&p->lock);
        p->failed = !ok;
        p->next++;
    }
    p->joining = false;
    pthread_mutex_unlock(&p->lock);
}

void pchunk_run(pchunk_plan *p, int k, const char *path, const char *display, const char *name,
                const pa_load_opts *o)
{
    range *r = &p->r[k];
    r->rc = load_range(&r->st, path, display, name, o, &r->rg, &r->out, &r->err);
    joins_ready(p, k);
}

bool pchunk_joins(const pchunk_plan *p)
{
    return !p->failed && p->next == p->n;
}

void pchunk_free(pchunk_plan *p)
{
    if (!p)
        return;
    for (int k = 0; k < p->n; k++)
        free_range(&p->r[k]);
    pthread_mutex_destroy(&p->lock);
    free(p->done);
    free(p->r);
    free(p);
}

int pchunk_finish(pchunk_plan *p, pa_store *st, const char *path, const char *display, const char *name,
                  const pa_load_opts *o, pa_findings *out, char **err)
{
    if (!pchunk_joins(p)) {
        pchunk_free(p);
        return load_file(st, path, display, name, o, out, err);
    }
    range *first = &p->r[0];
    fnd_move(out, &first->out);
    st->tables = xrealloc(st->tables, (size_t)(st->ntables + 1) * sizeof *st->tables);
    st->tables[st->ntables++] = first->st.tables[0];
    first->st.ntables = 0;
    ledger_move(&st->ledger, &first->st.ledger);
    pchunk_free(p);
#ifdef __GLIBC__
    malloc_trim(0); /* the ranges' arrays were freed in the loader threads' arenas: give the pages back */
#endif
    return 0;
}
