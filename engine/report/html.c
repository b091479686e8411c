/*
 * report/html.c - the report for people: one self-contained HTML file (inline
 * CSS, inline SVG charts, inline JS, no network) that an auditor opens every
 * morning and that prints to a clean PDF. It has the run header, a summary
 * with charts by severity and domain, with a baseline the findings that are
 * new since it, a portfolio table worst first by each project's health
 * score with its computed and reported RAG, the findings grouped by rule
 * with filters and sorting, then waived findings, resolved ones, rules that
 * did not run and the status of every rule.
 *
 * Every listed finding is on the page: the markup has the first
 * HTML_NOJS_ROWS of each rule (what a reader without JavaScript sees), and
 * all of them are in a JSON data block (<script type="application/json">,
 * escaped so that no data can end the element) from which report.js renders
 * the lists a page at a time, so that the page opens fast with hundreds of
 * thousands of findings. Every count shown is the report model's (listed or
 * not), never a number of rows. Every byte of data is escaped and invalid
 * UTF-8 becomes U+FFFD. Two runs on the same input give the same bytes; the
 * run's duration is shown with --timings only. This file writes the markup;
 * the stylesheet and the script are engine/report/assets/report.css and
 * report.js, embedded in the binary at build time (core/embedded.h) and
 * copied into the page unchanged; the Content-Security-Policy allows that
 * script by its SHA-256 and no other.
 */
#include "load/row_ledger.h"
#include "core/outfile.h"
#include "report/json_escape.h"
#include "core/cellref.h"
#include "report/emit.h"
#include "collect/report_model.h"
#include "collect/split.h"
#include "collect/scope.h"
#include "collect/owner.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/embedded.h"

#define HTML_NOJS_ROWS 20   /* findings of each rule in the markup (all are in the data block) */
#define HTML_NEW_ROWS 25    /* new findings in the markup (all are in the data block) */
#define JS_PAGE 100         /* findings report.js shows of each list at first (its PAGE) */
#define HTML_LIST_CAP 500   /* rows of the waived and resolved lists */
#define HTML_ORPHANS 200    /* project ids seen only in findings */
#define MSG_MAX 1000        /* bytes of a message shown */
#define VAL_MAX 160         /* bytes of a cell value shown */

static const char *const sev_label[4] = {"info", "warning", "error", "critical"};

/* ---- escaping ---------------------------------------------------------- */

/* Append n bytes of s as HTML text or attribute value: markup characters
 * become entities, invalid UTF-8 and control characters become U+FFFD. */
static void esc_n(sbuf *b, const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    sb_reserve(b, n);
    while (i < n) {
        size_t j = i;
        while (j < n && u[j] >= 0x20 && u[j] < 0x7F && u[j] != '&' && u[j] != '<' && u[j] != '>' && u[j] != '"' &&
               u[j] != '\'')
            j++;
        if (j > i) {
            sb_add(b, s + i, j - i);
            i = j;
            continue;
        }
        unsigned c = u[i];
        const char *ent = c == '&' ? "&amp;" : c == '<' ? "&lt;" : c == '>' ? "&gt;" : c == '"' ? "&quot;"
                        : c == '\'' ? "&#39;" : NULL;
        if (ent) {
            sb_puts(b, ent);
            i++;
        } else if (c == '\t' || c == '\n') {
            sb_putc(b, (char)c);
            i++;
        } else if (c < 0x80) {
            sb_puts(b, "\xEF\xBF\xBD"); /* C0 control or DEL */
            i++;
        } else {
            size_t len = utf8_seq(u + i, n - i);
            if (len == 0) {
                sb_puts(b, "\xEF\xBF\xBD");
                i++;
            } else {
                sb_add(b, s + i, len);
                i += len;
            }
        }
    }
}

static void esc(sbuf *b, const char *s)
{
    if (s)
        esc_n(b, s, strlen(s));
}

/* Escape at most max bytes of s (cut at a character boundary, with an
 * ellipsis), so that a 16 MiB cell cannot bloat the page. */
static void esc_cut(sbuf *b, const char *s, size_t max)
{
    if (!s)
        return;
    size_t n = strlen(s);
    if (n <= max) {
        esc_n(b, s, n);
        return;
    }
    while (max > 0 && ((unsigned char)s[max] & 0xC0) == 0x80)
        max--;
    esc_n(b, s, max);
    sb_puts(b, "\xE2\x80\xA6");
}

/* A count with thousands separators: 12,345. */
static void num(sbuf *b, size_t v)
{
    char tmp[32];
    int n = snprintf(tmp, sizeof tmp, "%zu", v);
    for (int i = 0; i < n; i++) {
        if (i && (n - i) % 3 == 0)
            sb_putc(b, ',');
        sb_putc(b, tmp[i]);
    }
}

static const char *plural(size_t n, const char *one, const char *many)
{
    return n == 1 ? one : many;
}

static const char *base_name(const char *path)
{
    const char *s = path ? strrchr(path, '/') : NULL;
    return s ? s + 1 : path;
}

/* "file.csv:12", or in a workbook "book.xlsx:Sheet!C12" (core/cellref.h). */
static void where_text(sbuf *b, const char *file, uint32_t line)
{
    if (!file)
        return;
    if (!cref_has_sheet(file)) {
        esc(b, base_name(file));
        if (line)
            sb_printf(b, ":%u", line);
        return;
    }
    sbuf w;
    sb_init(&w);
    cref_where(&w, file, line);
    esc(b, base_name(w.data));
    sb_free(&w);
}

/* ---- the model the page needs ------------------------------------------ */

typedef struct {
    char *id, *name, *manager, *status, *rag; /* owned; NULL when absent */
    bool in_table;
    size_t by_sev[4], waived, nnew;           /* listed or not (past --max-findings) */
    size_t listed;                            /* its unwaived findings this page lists */
    size_t row;                               /* its row in projects.csv */
    size_t size;                              /* its rows in the data (health_score) */
    long health;                              /* 0..10000: health_score, in hundredths */
} proj;

typedef struct {
    const pa_rule *rule;
    const pa_result *res;
    size_t from, to;       /* its findings in r->all */
    size_t active, waived; /* stored findings, not waived / waived */
    size_t by_sev[4];      /* not waived, past the cap included */
    int max_sev;           /* highest severity of its active findings, -1 */
} rgroup;

typedef struct {
    const pa_report *r;
    rgroup *g;             /* per rule of r->order */
    proj *p;               /* sorted by id: table projects, then orphans */
    size_t np, ntable;
    size_t active, waived, no_project;
    size_t new_waived;     /* listed new findings that a waiver matched */
    int *fproj;            /* per finding of r->all: its project's index in p, or -1 */
    int *fgroup;           /* per finding of r->all: its rule's index in g, or -1 */
    size_t *worst;         /* the table's projects, worst health first (the portfolio's order) */
    size_t unlisted_other; /* past --max-findings, of no project of the table */
    size_t rag[3];         /* computed RAG counts: green, amber, red */
    bool aged;             /* some finding has first_seen */
    bool baseline;
} page;

static int cmp_proj(const void *a, const void *b)
{
    return strcmp(((const proj *)a)->id, ((const proj *)b)->id);
}

/* Sort order of the table's projects: by id, then row, so that the first
 * row of a duplicated id comes first whatever qsort does. */
static int cmp_proj_row(const void *a, const void *b)
{
    const proj *x = a, *y = b;
    int c = strcmp(x->id, y->id);
    return c ? c : x->row < y->row ? -1 : x->row > y->row;
}

static int cmp_cstr(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static char *cell_dup(const pa_table *t, int col, size_t row)
{
    char buf[64];
    size_t n = 0;
    const char *s = col < 0 ? NULL : tab_cell_text(t, col, row, buf, sizeof buf, &n);
    return s ? xstrndup(s, n) : NULL;
}

/* The project of an id: the table's projects and the ids only findings
 * name are two sorted runs of pg->p. */
static proj *find_proj(const page *pg, const char *id)
{
    proj key = {.id = (char *)id};
    proj *p = pg->ntable ? bsearch(&key, pg->p, pg->ntable, sizeof *pg->p, cmp_proj) : NULL;
    if (!p && pg->np > pg->ntable)
        p = bsearch(&key, pg->p + pg->ntable, pg->np - pg->ntable, sizeof *pg->p, cmp_proj);
    return p;
}

/* In a --split-by part's report, the portfolio lists the part's projects. */
static bool in_part(const pa_report *r, const char *id)
{
    return !r->part || bsearch(&id, r->part->projects, r->part->nprojects, sizeof *r->part->projects, cmp_cstr);
}

/* The projects of projects.csv (first row of a duplicated id wins), sorted
 * by id, then the project ids that only findings name (capped). */
static void build_projects(page *pg)
{
    const pa_report *r = pg->r;
    const pa_table *t = store_table(r->st, "projects");
    size_t cap = 0;
    if (t && t->key_col >= 0) {
        int cn = tab_column(t, "name"), cm = tab_column(t, "manager"), cs = tab_column(t, "status"),
            cr = tab_column(t, "rag");
        for (size_t i = 0; i < t->nrows; i++) {
            char *id = cell_dup(t, t->key_col, i);
            if (!id || !*id || !in_part(r, id)) {
                free(id);
                continue;
            }
            GROW(pg->p, cap, pg->np + 1);
            pg->p[pg->np++] = (proj){id, cell_dup(t, cn, i), cell_dup(t, cm, i), cell_dup(t, cs, i),
                                     cell_dup(t, cr, i), true, {0}, 0, 0, 0, i, 1, 10000};
        }
    }
    if (pg->np)
        qsort(pg->p, pg->np, sizeof *pg->p, cmp_proj_row);
    size_t k = 0; /* drop duplicated ids, keeping the earliest row */
    for (size_t i = 0; i < pg->np; i++) {
        if (k && strcmp(pg->p[k - 1].id, pg->p[i].id) == 0) {
            free(pg->p[i].id), free(pg->p[i].name), free(pg->p[i].manager);
            free(pg->p[i].status), free(pg->p[i].rag);
            continue;
        }
        pg->p[k++] = pg->p[i];
    }
    pg->np = pg->ntable = k;
    /* project ids named by findings only */
    char **miss = NULL;
    size_t nmiss = 0, mcap = 0;
    for (size_t i = 0; i < r->all.n; i++) {
        const char *id = r->all.v[i].project_id;
        if (id && *id && !find_proj(pg, id)) {
            GROW(miss, mcap, nmiss + 1);
            miss[nmiss++] = (char *)id;
        }
    }
    if (nmiss)
        qsort(miss, nmiss, sizeof *miss, cmp_cstr);
    for (size_t i = 0; i < nmiss; i++) {
        if (i && strcmp(miss[i - 1], miss[i]) == 0)
            continue;
        GROW(pg->p, cap, pg->np + 1);
        pg->p[pg->np++] = (proj){xstrdup(miss[i]), NULL, NULL, NULL, NULL, false, {0}, 0, 0, 0, 0, 0, 10000};
    }
    free(miss);
}

/* 0 green, 1 amber, 2 red: red with any error or critical finding, amber
 * with any warning, green otherwise (waived findings do not count). */
static int computed_rag(const proj *p)
{
    return p->by_sev[SEV_ERROR] || p->by_sev[SEV_CRITICAL] ? 2 : p->by_sev[SEV_WARNING] ? 1 : 0;
}

static int reported_rag(const proj *p)
{
    if (!p->rag)
        return -1;
    return strcmp(p->rag, "red") == 0 ? 2 : strcmp(p->rag, "amber") == 0 ? 1 : strcmp(p->rag, "green") == 0 ? 0 : -1;
}

/*
 * Findings past a rule's --max-findings cap were counted per project as
 * they were reported (store/project_ids.h), so a project's row counts them
 * like listed ones: as unwaived and new, since no waiver or baseline can
 * match a finding that was not kept. Those of no project of the table are
 * counted apart (unlisted_other).
 */
static void add_unlisted(page *pg)
{
    const pa_report *r = pg->r;
    size_t placed = 0;
    for (size_t i = 0; r->unlisted_proj && r->scope && i < pg->ntable; i++) {
        int k = pids_find(&r->scope->pids, pg->p[i].id);
        if (k < 0 || k >= r->nproj_slots - 1)
            continue;
        size_t n = 0;
        for (int s = 0; s < 4; s++) {
            pg->p[i].by_sev[s] += r->unlisted_proj[k][s];
            n += r->unlisted_proj[k][s];
        }
        if (pg->baseline)
            pg->p[i].nnew += n;
        placed += n;
    }
    pg->unlisted_other = r->unlisted - placed;
}

/*
 * A project's size for its health score: its row of projects.csv and every
 * row of the other tables whose project_id names it (tasks, milestones,
 * risks, timesheets, ...).
 */
static void count_sizes(page *pg)
{
    const pa_store *st = pg->r->st;
    for (int i = 0; i < st->ntables; i++) {
        const pa_table *t = st->tables[i];
        int c = tab_column(t, "project_id");
        if (c < 0 || strcmp(t->name, "projects") == 0)
            continue;
        for (size_t row = 0; row < t->nrows; row++) {
            char buf[64];
            size_t n = 0;
            const char *s = tab_cell_text(t, c, row, buf, sizeof buf, &n);
            if (!s || !n || n >= 200)
                continue;
            char id[200];
            memcpy(id, s, n);
            id[n] = '\0';
            proj *p = pg->ntable ? bsearch(&(proj){.id = id}, pg->p, pg->ntable, sizeof *pg->p, cmp_proj) : NULL;
            if (p)
                p->size++;
        }
    }
}

/*
 * A project's health, 100 (no open finding) down to 0, in hundredths, as
 * docs/report-formats.md defines it: a critical finding costs 40 points whatever
 * the project's size (one makes the project red, below 70); errors,
 * warnings and infos cost 10, 2 and 0.5 points each on a project of up to
 * 20 rows, and proportionally less on a bigger one (times 20 / rows), so
 * that one bad cell in a large project costs little. Waived findings do
 * not count; findings past --max-findings do. Integer arithmetic, so that
 * the page is the same on every machine.
 */
static long health_score(const proj *p)
{
    unsigned long long size = p->size > 20 ? p->size : 20;
    unsigned long long spread = 1000ull * p->by_sev[SEV_ERROR] + 200ull * p->by_sev[SEV_WARNING] +
                                50ull * p->by_sev[SEV_INFO];
    unsigned long long cost = 4000ull * p->by_sev[SEV_CRITICAL] + spread * 20 / size;
    return cost >= 10000 ? 0 : (long)(10000 - cost);
}

typedef struct {
    long health;
    const char *id;
    size_t i;
} worst_key;

/* Worst health first, then by id (ids of the table are unique). */
static int cmp_worst(const void *a, const void *b)
{
    const worst_key *x = a, *y = b;
    if (x->health != y->health)
        return x->health < y->health ? -1 : 1;
    return strcmp(x->id, y->id);
}

/* Each listed finding's project, the projects' listed counts, sizes and
 * health, and the portfolio's order: worst health first, then by id. */
static void score_projects(page *pg)
{
    const pa_report *r = pg->r;
    pg->fproj = xmalloc((r->all.n + 1) * sizeof *pg->fproj);
    for (size_t i = 0; i < r->all.n; i++) {
        const pa_finding *f = &r->all.v[i];
        proj *p = f->project_id && *f->project_id ? find_proj(pg, f->project_id) : NULL;
        pg->fproj[i] = p ? (int)(p - pg->p) : -1;
        if (p && !f->waived)
            p->listed++;
    }
    count_sizes(pg);
    for (size_t i = 0; i < pg->np; i++)
        pg->p[i].health = health_score(&pg->p[i]);
    worst_key *k = xmalloc((pg->ntable + 1) * sizeof *k);
    for (size_t i = 0; i < pg->ntable; i++)
        k[i] = (worst_key){pg->p[i].health, pg->p[i].id, i};
    if (pg->ntable)
        qsort(k, pg->ntable, sizeof *k, cmp_worst);
    pg->worst = xmalloc((pg->ntable + 1) * sizeof *pg->worst);
    for (size_t i = 0; i < pg->ntable; i++)
        pg->worst[i] = k[i].i;
    free(k);
}

/* Group the findings by rule and count everything the page shows. */
static void build_page(page *pg, const pa_report *r)
{
    memset(pg, 0, sizeof *pg);
    pg->r = r;
    pg->baseline = r->baseline_path != NULL;
    pg->g = xcalloc((size_t)r->nrules + 1, sizeof *pg->g);
    int *slot = xmalloc(((size_t)r->reg->n + 1) * sizeof *slot);
    for (int i = 0; i < r->reg->n; i++)
        slot[i] = -1;
    for (int k = 0; k < r->nrules; k++) {
        pg->g[k] = (rgroup){&r->reg->v[r->order[k]], &r->results[r->order[k]], 0, 0, 0, 0, {0}, -1};
        slot[r->order[k]] = k;
    }
    build_projects(pg);
    pg->fgroup = xmalloc((r->all.n + 1) * sizeof *pg->fgroup);
    for (size_t i = 0; i < r->all.n;) {
        const char *id = r->all.v[i].rule;
        size_t j = i;
        while (j < r->all.n && strcmp(r->all.v[j].rule, id) == 0)
            j++;
        int ri = reg_index(r->reg, id);
        rgroup *g = ri >= 0 && slot[ri] >= 0 ? &pg->g[slot[ri]] : NULL;
        for (size_t k = i; k < j; k++) {
            pg->fgroup[k] = g ? slot[ri] : -1;
            const pa_finding *f = &r->all.v[k];
            proj *p = f->project_id && *f->project_id ? find_proj(pg, f->project_id) : NULL;
            pg->aged |= f->first_seen[0] != 0;
            if (f->waived) {
                pg->waived++;
                pg->new_waived += f->baseline == BL_NEW;
                if (g)
                    g->waived++;
                if (p)
                    p->waived++;
                continue;
            }
            pg->active++;
            if (!p)
                pg->no_project++;
            else {
                p->by_sev[f->sev & 3]++;
                p->nnew += f->baseline == BL_NEW;
            }
            if (g) {
                g->active++;
                g->by_sev[f->sev & 3]++;
                if ((int)f->sev > g->max_sev)
                    g->max_sev = (int)f->sev;
            }
        }
        if (g) {
            g->from = i, g->to = j;
            for (int s = 0; s < 4; s++) /* findings past the rule's cap */
                g->by_sev[s] += g->res->unlisted_sev[s];
        }
        i = j;
    }
    add_unlisted(pg);
    score_projects(pg);
    for (size_t i = 0; i < pg->ntable; i++)
        pg->rag[computed_rag(&pg->p[i])]++;
    free(slot);
}

static void free_page(page *pg)
{
    for (size_t i = 0; i < pg->np; i++) {
        free(pg->p[i].id), free(pg->p[i].name), free(pg->p[i].manager);
        free(pg->p[i].status), free(pg->p[i].rag);
    }
    free(pg->p);
    free(pg->g);
    free(pg->fproj);
    free(pg->fgroup);
    free(pg->worst);
}

/* Days between a finding's first_seen and T, or -1 without a date. */
static long age_days(const pa_report *r, const char *first_seen)
{
    pa_date d;
    if (!first_seen || !first_seen[0] || !val_parse_date(first_seen, strlen(first_seen), &d))
        return -1;
    return (long)r->T - (long)d;
}

/* ---- style and script -------------------------------------------------- */

/* Append the embedded file at path (see core/embedded.h) as it is, byte for
 * byte: the report's <style> and <script> are those files' exact text. */
static const pa_embedded *asset(const char *path)
{
    for (int i = 0; builtin_assets[i].path; i++)
        if (strcmp(builtin_assets[i].path, path) == 0)
            return &builtin_assets[i];
    return NULL;
}

static void put_asset(sbuf *b, const char *path)
{
    const pa_embedded *a = asset(path);
    if (a)
        sb_add(b, a->text, a->len);
}

/* ---- header ------------------------------------------------------------ */

/* Whether a rule comes from the embedded pack: its source has the path and
 * the text of one of the embedded files. */
static bool rule_builtin(const pa_registry *reg, const pa_rule *rule)
{
    for (int i = 0; i < reg->nsrc; i++) {
        if (reg->src[i].path != rule->file)
            continue;
        for (int k = 0; k < builtin_nrules; k++)
            if (strcmp(builtin_rules[k].path, rule->file) == 0 && builtin_rules[k].len == reg->src[i].len &&
                memcmp(builtin_rules[k].text, reg->src[i].text, reg->src[i].len) == 0)
                return true;
        return false;
    }
    return rule->engine;
}

static void rule_pack(const page *pg, sbuf *b)
{
    const pa_report *r = pg->r;
    int builtin = 0;
    const char *custom[4];
    int ncustom_files = 0;
    for (int k = 0; k < r->nrules; k++) {
        const pa_rule *rule = pg->g[k].rule;
        if (rule_builtin(r->reg, rule)) {
            builtin++;
            continue;
        }
        bool seen = false;
        for (int i = 0; i < ncustom_files && i < 4; i++)
            seen |= strcmp(custom[i], rule->file) == 0;
        if (!seen) {
            if (ncustom_files < 4)
                custom[ncustom_files] = rule->file;
            ncustom_files++;
        }
    }
    int ncustom = r->nrules - builtin;
    sb_printf(b, "%d %s: ", r->nrules, plural((size_t)r->nrules, "rule", "rules"));
    if (builtin && ncustom)
        sb_printf(b, "%d built-in, %d custom", builtin, ncustom);
    else if (builtin)
        sb_puts(b, "built-in pack");
    else
        sb_printf(b, "%d custom", ncustom);
    if (ncustom) {
        sb_puts(b, " (");
        for (int i = 0; i < ncustom_files && i < 3; i++) {
            sb_puts(b, i ? ", " : "");
            esc(b, custom[i]);
        }
        if (ncustom_files > 3)
            sb_printf(b, ", %d more files", ncustom_files - 3);
        sb_puts(b, ")");
    }
}

/*
 * The verdict box: the word agrees with the exit code, and the line under
 * it names the gate that was applied and the count it went by. With
 * --fail-on never nothing can fail: NOT GATED, in grey, never a green PASS.
 */
static void verdict(const pa_report *r, sbuf *b)
{
    sbuf g;
    sb_init(&g);
    report_gate_desc(r, &g);
    const char *v = report_verdict(r);
    if (r->exit_code == 3) {
        sb_printf(b, "<div class=\"verdict v-error\">ERROR<small>exit 3: %d %s could not finish</small></div>\n",
                  r->errored, plural((size_t)r->errored, "rule", "rules"));
    } else if (r->exit_code == 1) {
        sb_printf(b, "<div class=\"verdict v-fail\">%s<small>%s &middot; ", r->block ? "BLOCKED" : "FAIL", g.data);
        num(b, r->failing);
        sb_printf(b, " %s &middot; exit 1</small></div>\n",
                  r->block ? plural(r->failing, "finding blocks", "findings block")
                           : plural(r->failing, "finding at or above it", "findings at or above it"));
    } else if (strcmp(v, "NOT GATED") == 0) {
        sb_printf(b, "<div class=\"verdict v-none\">NOT GATED<small>%s &middot; ", g.data);
        num(b, r->total - r->waived);
        sb_printf(b, " %s &middot; exit 0</small></div>\n",
                  plural(r->total - r->waived, "finding does not fail the run", "findings do not fail the run"));
    } else {
        sb_printf(b, "<div class=\"verdict v-pass\">PASS<small>%s &middot; %s &middot; exit 0</small></div>\n", g.data,
                  r->block ? "no finding blocks" : "no finding at or above it");
    }
    sb_free(&g);
}

static void kv_open(sbuf *b, const char *cls, const char *label)
{
    sb_printf(b, "<div%s%s%s><dt>%s</dt><dd>", cls ? " class=\"" : "", cls ? cls : "", cls ? "\"" : "", label);
}

/* The row ledger: one line per input file (what was read, loaded and left
 * out, and why), and the rules the import profile says do not fit. */
static void ledger_html(const pa_store *st, sbuf *b)
{
    sb_puts(b, "<div class=\"tables ledger\">");
    for (int i = 0; i < st->ledger.n; i++) {
        const pa_ledger_file *e = &st->ledger.v[i];
        sb_puts(b, "<div>");
        esc(b, e->where ? e->where : e->file); /* a workbook's sheet: book.xlsx:Sheet */
        if (e->part && !e->where) {
            sb_puts(b, " (");
            esc(b, e->part);
            sb_putc(b, ')');
        }
        sb_puts(b, ": <b>");
        num(b, e->read);
        sb_puts(b, "</b> read, <b>");
        num(b, e->loaded);
        sb_puts(b, "</b> loaded");
        for (int k = 0; k < e->nleft; k++) {
            const pa_leftout *x = &e->left[k];
            sb_puts(b, k ? "; " : ", left out: ");
            num(b, x->rows);
            sb_putc(b, ' ');
            esc(b, x->reason);
            sbuf lines;
            sb_init(&lines);
            rled_lines(x->lines, x->nlines, x->rows, &lines);
            sb_puts(b, " (");
            esc(b, lines.data);
            sb_puts(b, x->chosen ? ")" : ", DAT-008)");
            sb_free(&lines);
        }
        sb_puts(b, "</div>");
    }
    if (st->nskip) {
        sb_puts(b, "<div>profile ");
        esc(b, st->profile);
        sb_puts(b, st->skip_off ? ": rules it says do not fit its data run anyway: " : ": not run: ");
        for (int k = 0; k < st->nskip; k++) {
            sb_puts(b, k ? ", " : "");
            esc(b, st->skip[k]);
        }
        sb_puts(b, " (");
        esc(b, st->skip_why);
        sb_puts(b, ")</div>");
    }
    sb_puts(b, "</div>\n");
}

static void header(const page *pg, sbuf *b)
{
    const pa_report *r = pg->r;
    char T[16];
    date_format(r->T, T);
    size_t rows = 0;
    for (int i = 0; i < r->st->ntables; i++)
        rows += r->st->tables[i]->nrows;
    sb_puts(b, "<header class=\"top\"><div class=\"wrap\">\n<div class=\"headline\"><div>\n"
               "<div class=\"brand\">pmoaudit &middot; portfolio audit report</div>\n<h1>");
    esc(b, r->st->dir);
    sb_printf(b, "<small>as of %s</small></h1>\n</div>\n", T);
    verdict(r, b);
    sb_puts(b, "</div>\n<dl class=\"run\">\n");
    kv_open(b, NULL, "Data directory");
    esc(b, r->st->dir);
    sb_puts(b, "</dd></div>\n");
    kv_open(b, NULL, "As of (T)");
    sb_printf(b, "%s</dd></div>\n", T);
    kv_open(b, NULL, "Data");
    sb_printf(b, "%d %s, ", r->st->ntables, plural((size_t)r->st->ntables, "table", "tables"));
    num(b, rows);
    sb_printf(b, " %s</dd></div>\n", plural(rows, "row", "rows"));
    kv_open(b, NULL, "Rule pack");
    rule_pack(pg, b);
    sb_puts(b, "</dd></div>\n");
    kv_open(b, NULL, "Fails on");
    sb_printf(b, "%s%s</dd></div>\n", r->fail_on == SEV_NEVER ? "never" : sev_name(r->fail_on),
              r->fail_on_new ? " (new findings only)" : "");
    if (r->part) { /* --split-by: whose report this is */
        kv_open(b, NULL, "Part of the run");
        if (r->part->name) {
            sb_printf(b, "%s ", r->part->by);
            esc(b, r->part->name);
        } else
            sb_printf(b, "no %s", r->part->by);
        sb_printf(b, " (%zu %s; counts and verdict are this part's)</dd></div>\n", r->part->nprojects,
                  plural(r->part->nprojects, "project", "projects"));
    }
    if (r->baseline_path) {
        kv_open(b, NULL, "Baseline");
        esc(b, r->baseline_path);
        if (r->baseline_as_of[0]) {
            sb_puts(b, " (as of ");
            esc(b, r->baseline_as_of);
            sb_puts(b, ")");
        }
        sb_puts(b, "</dd></div>\n");
    }
    if (r->waivers_path) {
        kv_open(b, NULL, "Waivers");
        esc(b, r->waivers_path);
        sb_printf(b, " (%d)</dd></div>\n", r->nwaivers);
    }
    if (r->seconds >= 0) /* --timings only: it would differ between two runs on the same input */
        sb_printf(b, "<div class=\"dur\"><dt>Run duration</dt><dd>%.2f s</dd></div>\n", r->seconds);
    sb_puts(b, "</dl>\n<div class=\"tables\">");
    for (int i = 0; i < r->st->ntables; i++) {
        const pa_table *t = r->st->tables[i];
        sb_puts(b, "<span title=\"");
        esc(b, t->file);
        sb_puts(b, "\">");
        esc(b, t->name);
        sb_puts(b, " <b>");
        num(b, t->nrows);
        sb_puts(b, "</b></span>");
    }
    sb_puts(b, "</div>\n");
    ledger_html(r->st, b);
    sb_puts(b, "</div></header>\n");
}

static void nav(const page *pg, sbuf *b)
{
    const pa_report *r = pg->r;
    sb_puts(b, "<nav class=\"toc\"><div class=\"wrap\">\n<a href=\"#summary\">Summary</a>\n");
    if (r->baseline_path) {
        sb_puts(b, "<a href=\"#new\">New<span class=\"c\">");
        num(b, r->nnew - pg->new_waived);
        sb_puts(b, "</span></a>\n");
    }
    if (r->trend)
        sb_printf(b, "<a href=\"#trends\">Trends<span class=\"c\">%d</span></a>\n", r->trend->nruns);
    sb_puts(b, "<a href=\"#portfolio\">Portfolio<span class=\"c\">");
    num(b, pg->ntable);
    sb_puts(b, "</span></a>\n<a href=\"#findings\">Findings<span class=\"c\">");
    num(b, r->by_sev[0] + r->by_sev[1] + r->by_sev[2] + r->by_sev[3]);
    sb_puts(b, "</span></a>\n");
    if (pg->waived || r->nwaivers) {
        sb_puts(b, "<a href=\"#waived\">Waived<span class=\"c\">");
        num(b, pg->waived);
        sb_puts(b, "</span></a>\n");
    }
    if (r->baseline_path) {
        sb_puts(b, "<a href=\"#resolved\">Resolved<span class=\"c\">");
        num(b, r->nresolved);
        sb_puts(b, "</span></a>\n");
    }
    sb_printf(b, "<a href=\"#notrun\">Not run<span class=\"c\">%d</span></a>\n", r->skipped + r->errored);
    sb_printf(b, "<a href=\"#rules\">All rules<span class=\"c\">%d</span></a>\n</div></nav>\n", r->nrules);
}

/* ---- summary ----------------------------------------------------------- */

static void kpi(sbuf *b, const char *cls, const char *link_sev, const char *label, size_t v, const char *detail)
{
    if (link_sev)
        sb_printf(b, "<a class=\"card kpi %s\" href=\"#findings\" data-sev=\"%s\" title=\"show only %s findings\">",
                  cls, link_sev, label);
    else
        sb_printf(b, "<div class=\"card kpi %s\">", cls);
    sb_puts(b, "<div class=\"v\">");
    num(b, v);
    sb_printf(b, "</div><div class=\"l\">%s</div>", label);
    if (detail)
        sb_printf(b, "<div class=\"d\">%s</div>", detail);
    sb_puts(b, link_sev ? "</a>\n" : "</div>\n");
}

/* Horizontal bars, one per severity, highest first. */
static void chart_severity(const pa_report *r, sbuf *b)
{
    size_t max = 1;
    for (int s = 0; s < 4; s++)
        if (r->by_sev[s] > max)
            max = r->by_sev[s];
    sb_puts(b, "<figure class=\"card\"><figcaption>Findings by severity</figcaption>\n"
               "<svg class=\"chart\" viewBox=\"0 0 520 140\" role=\"img\" aria-label=\"findings by severity\">\n");
    static const char *const color[4] = {"#2563eb", "#d97706", "#dc2626", "#7f1d1d"};
    for (int s = 3, row = 0; s >= 0; s--, row++) {
        int y = 8 + row * 32;
        unsigned w = r->by_sev[s] ? (unsigned)(2 + (r->by_sev[s] * 368) / max) : 0;
        sb_printf(b, "<text x=\"72\" y=\"%d\" text-anchor=\"end\">%s</text>", y + 16, sev_label[s]);
        sb_printf(b, "<rect x=\"80\" y=\"%d\" width=\"370\" height=\"22\" rx=\"3\" fill=\"#f1f5f9\"/>", y);
        if (w)
            sb_printf(b, "<rect x=\"80\" y=\"%d\" width=\"%u\" height=\"22\" rx=\"3\" fill=\"%s\"/>", y, w, color[s]);
        sb_printf(b, "<text class=\"t\" x=\"%u\" y=\"%d\">", 86 + w, y + 16);
        num(b, r->by_sev[s]);
        sb_puts(b, "</text>\n");
    }
    sb_puts(b, "</svg></figure>\n");
}

/* Two stacked bars: the projects' RAG as they report it and as computed
 * from the findings. */
static void chart_rag(const page *pg, sbuf *b)
{
    size_t rep[4] = {0}, worse = 0; /* green, amber, red, not reported */
    for (size_t i = 0; i < pg->ntable; i++) {
        int rr = reported_rag(&pg->p[i]);
        rep[rr < 0 ? 3 : rr]++;
        worse += rr >= 0 && computed_rag(&pg->p[i]) > rr;
    }
    const size_t *bars[2] = {rep, pg->rag};
    static const char *const label[2] = {"reported", "computed"};
    static const char *const color[4] = {"#16a34a", "#f59e0b", "#dc2626", "#cbd5e1"};
    static const char *const name[4] = {"green", "amber", "red", "not reported"};
    size_t n = pg->ntable ? pg->ntable : 1;
    sb_puts(b, "<figure class=\"card\"><figcaption>Project RAG: reported and computed</figcaption>\n"
               "<svg class=\"chart\" viewBox=\"0 0 520 96\" role=\"img\" aria-label=\"project RAG\">\n");
    for (int k = 0; k < 2; k++) {
        int y = 6 + k * 30;
        unsigned x = 80;
        sb_printf(b, "<text x=\"72\" y=\"%d\" text-anchor=\"end\">%s</text>", y + 16, label[k]);
        sb_printf(b, "<rect x=\"80\" y=\"%d\" width=\"420\" height=\"22\" rx=\"3\" fill=\"#f1f5f9\"/>", y);
        static const int order[4] = {2, 1, 0, 3}; /* red first; computed has no "not reported" */
        for (int j = 0; j < (k == 0 ? 4 : 3); j++) {
            int ci = order[j];
            size_t v = bars[k][ci];
            if (!v)
                continue;
            unsigned w = (unsigned)((v * 420) / n);
            sb_printf(b, "<rect x=\"%u\" y=\"%d\" width=\"%u\" height=\"22\" fill=\"%s\"><title>%zu %s</title></rect>",
                      x, y, w, color[ci], v, name[ci]);
            if (w >= 16)
                sb_printf(b, "<text x=\"%u\" y=\"%d\" text-anchor=\"middle\" style=\"fill:%s;font-weight:600\">%zu</text>",
                          x + w / 2, y + 16, ci == 3 ? "#334155" : "#fff", v);
            x += w;
        }
        sb_puts(b, "\n");
    }
    sb_printf(b, "<text x=\"80\" y=\"86\">%zu %s computed worse than reported</text>\n", worse,
              plural(worse, "project is", "projects are"));
    sb_puts(b, "</svg></figure>\n");
}

typedef struct {
    const char *name;
    size_t by_sev[4], total;
    int rules;
} dom;

static int cmp_dom(const void *a, const void *b)
{
    const dom *x = a, *y = b;
    if (x->total != y->total)
        return x->total > y->total ? -1 : 1;
    return strcmp(x->name, y->name);
}

/* One stacked bar per domain (critical, error, warning, info), the domain
 * with most findings first. */
static void chart_domains(const page *pg, sbuf *b)
{
    const pa_report *r = pg->r;
    dom *dv = xcalloc((size_t)r->nrules + 1, sizeof *dv);
    int nd = 0;
    for (int k = 0; k < r->nrules; k++) {
        const char *name = pg->g[k].rule->domain ? pg->g[k].rule->domain : "";
        int i = 0;
        while (i < nd && strcmp(dv[i].name, name) != 0)
            i++;
        if (i == nd)
            dv[nd++].name = name;
        dv[i].rules++;
        for (int s = 0; s < 4; s++) {
            dv[i].by_sev[s] += pg->g[k].by_sev[s];
            dv[i].total += pg->g[k].by_sev[s];
        }
    }
    qsort(dv, (size_t)nd, sizeof *dv, cmp_dom);
    size_t max = 1;
    for (int i = 0; i < nd; i++)
        if (dv[i].total > max)
            max = dv[i].total;
    int h = 30 + nd * 24;
    sb_printf(b, "<figure class=\"card\"><figcaption>Findings by domain</figcaption>\n"
                 "<svg class=\"chart\" viewBox=\"0 0 520 %d\" role=\"img\" aria-label=\"findings by domain\">\n",
              h);
    static const char *const color[4] = {"#2563eb", "#d97706", "#dc2626", "#7f1d1d"};
    for (int s = 3, x = 80; s >= 0; s--, x += 92) /* legend */
        sb_printf(b, "<rect x=\"%d\" y=\"4\" width=\"10\" height=\"10\" rx=\"2\" fill=\"%s\"/>"
                     "<text x=\"%d\" y=\"13\">%s</text>\n",
                  x, color[s], x + 15, sev_label[s]);
    for (int i = 0; i < nd; i++) {
        int y = 26 + i * 24;
        sb_printf(b, "<text x=\"72\" y=\"%d\" text-anchor=\"end\">", y + 13);
        esc_cut(b, dv[i].name, 12);
        sb_printf(b, "</text><rect x=\"80\" y=\"%d\" width=\"370\" height=\"17\" rx=\"3\" fill=\"#f1f5f9\"/>", y);
        unsigned x = 80;
        for (int s = 3; s >= 0; s--) {
            if (!dv[i].by_sev[s])
                continue;
            unsigned w = (unsigned)((dv[i].by_sev[s] * 368) / max) + 1;
            sb_printf(b, "<rect x=\"%u\" y=\"%d\" width=\"%u\" height=\"17\" fill=\"%s\"><title>", x, y, w, color[s]);
            esc(b, dv[i].name);
            sb_printf(b, " %s: %zu</title></rect>", sev_label[s], dv[i].by_sev[s]);
            x += w;
        }
        sb_printf(b, "<text class=\"t\" x=\"%u\" y=\"%d\">", x + 6, y + 13);
        num(b, dv[i].total);
        sb_puts(b, "</text>\n");
    }
    sb_puts(b, "</svg></figure>\n");
    free(dv);
}

/* ---- trends (--history) ------------------------------------------------ */

#define SPARK_W 120 /* a sparkline's viewBox: the points span x 2..118, y 2..22 */
#define SPARK_H 24

/* One sparkline: a polyline over the runs, oldest left, scaled to the
 * line's own largest count (a flat line at the bottom when all are 0), the
 * last point marked. The counts are also in data-values, oldest first, for
 * scripts and tests. Integer coordinates, so the bytes are the same on
 * every machine. */
static void sparkline(sbuf *b, const pa_trend *t, const pa_trend_line *l)
{
    size_t max = 1;
    for (int i = 0; i < t->nruns; i++)
        if (l->v[i] > max)
            max = l->v[i];
    sb_printf(b, "<svg class=\"spark\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"img\" data-values=\"",
              SPARK_W, SPARK_H, SPARK_W, SPARK_H);
    for (int i = 0; i < t->nruns; i++)
        sb_printf(b, "%s%zu", i ? " " : "", l->v[i]);
    sb_puts(b, "\"><polyline fill=\"none\" stroke=\"#2563eb\" stroke-width=\"1.5\" points=\"");
    long x = 0, y = 0;
    for (int i = 0; i < t->nruns; i++) {
        x = t->nruns == 1 ? SPARK_W / 2 : 2 + (long)i * (SPARK_W - 4) / (t->nruns - 1);
        y = SPARK_H - 2 - (long)((l->v[i] * (SPARK_H - 4)) / max);
        sb_printf(b, "%s%ld,%ld", i ? " " : "", x, y);
    }
    sb_printf(b, "\"/><circle cx=\"%ld\" cy=\"%ld\" r=\"2\" fill=\"#2563eb\"/></svg>", x, y);
}

static void trend_row(sbuf *b, const pa_trend *t, const pa_trend_line *l, const char *kind, const char *label)
{
    sb_printf(b, "<tr data-trend=\"%s\" data-name=\"", kind);
    esc(b, l->name ? l->name : "");
    sb_puts(b, "\"><td class=\"pid\">");
    esc_cut(b, label, 200);
    sb_puts(b, "</td><td>");
    sparkline(b, t, l);
    sb_puts(b, "</td><td class=\"n\">");
    num(b, l->v[0]);
    sb_puts(b, "</td><td class=\"n\">");
    num(b, l->v[t->nruns - 1]);
    sb_puts(b, "</td></tr>\n");
}

/* The findings not waived over the history's last runs, this one last: the
 * total, each rule domain, each project (at most HTML_LIST_CAP). */
static void trends(const page *pg, sbuf *b)
{
    const pa_trend *t = pg->r->trend;
    if (!t || t->nruns < 1)
        return;
    const char *s = t->nruns == 1 ? "" : "s";
    sb_printf(b, "<section class=\"sec\" id=\"trends\">\n<h2>Trends<span class=\"c\">%d run%s</span></h2>\n"
                 "<p class=\"lede\">Findings not waived in the last %d run%s of this data and rule selection in the "
                 "history, from %s to %s (this run).</p>\n",
              t->nruns, s, t->nruns, s, t->as_of[0], t->as_of[t->nruns - 1]);
    sb_printf(b, "<div class=\"card tw\"><table class=\"ft\"><thead><tr><th>Of</th><th>Trend</th><th>%s</th>"
                 "<th>%s</th></tr></thead>\n<tbody>\n",
              t->as_of[0], t->as_of[t->nruns - 1]);
    trend_row(b, t, &t->total, "total", "all findings");
    for (int i = 0; i < t->ndom; i++) {
        char label[80];
        snprintf(label, sizeof label, "domain %s", t->dom[i].name[0] ? t->dom[i].name : "(none)");
        trend_row(b, t, &t->dom[i], "domain", label);
    }
    int np = t->nproj < HTML_LIST_CAP ? t->nproj : HTML_LIST_CAP;
    for (int i = 0; i < np; i++)
        trend_row(b, t, &t->proj[i], "project", t->proj[i].name);
    sb_puts(b, "</tbody></table></div>\n");
    if (t->nproj > np)
        sb_printf(b, "<p class=\"more\"><strong>%d more</strong> projects: see <code>pmoaudit history trend "
                     "--project P</code>.</p>\n",
                  t->nproj - np);
    sb_puts(b, "</section>\n");
}

static void summary(const page *pg, sbuf *b)
{
    const pa_report *r = pg->r;
    sb_puts(b, "<section class=\"sec\" id=\"summary\">\n<h2>Summary</h2>\n<div class=\"kpis\">\n");
    kpi(b, "k3", "3", "critical", r->by_sev[SEV_CRITICAL], NULL);
    kpi(b, "k2", "2", "error", r->by_sev[SEV_ERROR], NULL);
    kpi(b, "k1", "1", "warning", r->by_sev[SEV_WARNING], NULL);
    kpi(b, "k0", "0", "info", r->by_sev[SEV_INFO], NULL);
    char det[160];
    snprintf(det, sizeof det, "%d failed &middot; %d passed &middot; %d skipped &middot; %d errored", r->failed,
             r->passed, r->skipped, r->errored);
    kpi(b, "", NULL, "rules", (size_t)r->nrules, det);
    snprintf(det, sizeof det, "%zu red &middot; %zu amber &middot; %zu green", pg->rag[2], pg->rag[1], pg->rag[0]);
    kpi(b, "", NULL, "projects", pg->ntable, det);
    if (pg->waived || r->waivers_path)
        kpi(b, "kw", NULL, "waived", r->waived ? r->waived : pg->waived, NULL);
    if (r->baseline_path) {
        if (r->history)
            snprintf(det, sizeof det, "%zu reopened &middot; %zu existing &middot; %zu resolved", r->nreopened,
                     r->nexisting, r->nresolved);
        else
            snprintf(det, sizeof det, "%zu existing &middot; %zu resolved", r->nexisting, r->nresolved);
        kpi(b, "kn", NULL, "new", r->nnew, det);
    }
    sb_puts(b, "</div>\n<div class=\"charts\">\n");
    sb_puts(b, "<div class=\"col\">\n");
    chart_severity(r, b);
    chart_rag(pg, b);
    sb_puts(b, "</div>\n");
    chart_domains(pg, b);
    sb_puts(b, "</div>\n");
    if (r->st->nnotes) {
        sb_puts(b, "<ul class=\"notes card\">\n");
        for (int i = 0; i < r->st->nnotes; i++) {
            sb_puts(b, "<li>");
            esc_cut(b, r->st->notes[i], MSG_MAX);
            sb_puts(b, "</li>\n");
        }
        sb_puts(b, "</ul>\n");
    }
    sb_puts(b, "</section>\n");
}

/* ---- portfolio --------------------------------------------------------- */

static void rag_cell(sbuf *b, int rag, const char *raw)
{
    static const char *const cls[3] = {"rg", "ra", "rr"}, *const name[3] = {"Green", "Amber", "Red"};
    if (rag >= 0)
        sb_printf(b, "<td data-v=\"%d\"><span class=\"rag %s\">%s</span>", rag, cls[rag], name[rag]);
    else if (raw) {
        sb_puts(b, "<td data-v=\"-1\"><span class=\"rag rn\">");
        esc_cut(b, raw, 40);
        sb_puts(b, "</span>");
    } else
        sb_puts(b, "<td data-v=\"-1\"><span class=\"rn\">&mdash;</span>");
}

static void count_cell(sbuf *b, size_t v)
{
    if (!v) {
        sb_puts(b, "<td class=\"n z\">0</td>");
        return;
    }
    sb_puts(b, "<td class=\"n\">");
    num(b, v);
    sb_puts(b, "</td>");
}

/* The health score (health_score): its hundredths sort, its whole points
 * show, coloured red below 70, amber below 90. */
static void health_cell(sbuf *b, const proj *p)
{
    char band = p->health < 7000 ? 'r' : p->health < 9000 ? 'a' : 'g';
    sb_printf(b, "<td class=\"n\" data-v=\"%ld\"><span class=\"hs h%c\" title=\"health %ld.%02ld of 100; %zu %s of data\">%ld</span></td>",
              p->health, band, p->health / 100, p->health % 100, p->size, plural(p->size, "row", "rows"), p->health / 100);
}

static void project_row(const page *pg, const proj *p, sbuf *b)
{
    size_t total = p->by_sev[0] + p->by_sev[1] + p->by_sev[2] + p->by_sev[3];
    int cr = computed_rag(p), rr = reported_rag(p);
    sb_puts(b, "<tr id=\"p-");
    esc_cut(b, p->id, 200);
    sb_puts(b, "\"><td class=\"pid\">");
    esc_cut(b, p->id, 200);
    sb_puts(b, "</td><td>");
    esc_cut(b, p->name, 200);
    sb_puts(b, "</td><td>");
    esc_cut(b, p->manager, 120);
    sb_puts(b, "</td><td>");
    esc_cut(b, p->status, 40);
    sb_puts(b, "</td>");
    health_cell(b, p);
    rag_cell(b, rr, p->rag);
    sb_puts(b, "</td>");
    if (p->in_table) {
        rag_cell(b, cr, NULL);
        if (rr >= 0 && cr > rr)
            sb_puts(b, "<span class=\"worse\" title=\"computed RAG is worse than reported\">&#9650;</span>");
        sb_puts(b, "</td>");
    } else
        sb_puts(b, "<td data-v=\"-1\"><span class=\"rn\">not in projects</span></td>");
    for (int s = 3; s >= 0; s--)
        count_cell(b, p->by_sev[s]);
    if (pg->baseline)
        count_cell(b, p->nnew);
    count_cell(b, p->waived);
    sb_printf(b, "<td class=\"go\" data-v=\"%zu\">", total);
    if (total) {
        sb_puts(b, "<a href=\"#findings\" data-p=\"");
        esc_cut(b, p->id, 200);
        sb_puts(b, "\">");
        num(b, total);
        sb_printf(b, " %s&nbsp;&rsaquo;</a>", plural(total, "finding", "findings"));
        if (total > p->listed) {
            sb_puts(b, "<small class=\"nl\">");
            num(b, total - p->listed);
            sb_puts(b, " not listed</small>");
        }
    } else
        sb_puts(b, "<span class=\"rn\">none</span>");
    sb_puts(b, "</td></tr>\n");
}

static void portfolio(const page *pg, sbuf *b)
{
    sb_puts(b, "<section class=\"sec\" id=\"portfolio\">\n<h2>Portfolio<span class=\"c\">");
    num(b, pg->ntable);
    sb_printf(b, " %s</span></h2>\n", plural(pg->ntable, "project", "projects"));
    sb_puts(b, "<p class=\"lede\">Worst first by <strong>health</strong>, 100 with no open finding: a critical "
               "finding costs 40 points, errors, warnings and infos 10, 2 and 0.5 points each on a project of up to "
               "20 rows of data, proportionally less on a bigger one; red below 70, amber below 90. Computed RAG: "
               "red with any error or critical finding, amber with any warning, green otherwise (waived findings do "
               "not count). <span class=\"worse\">&#9650;</span> marks a project whose computed RAG is worse than "
               "the RAG it reports. Click a column to sort.</p>\n");
    sb_puts(b, "<div class=\"card tw\"><table class=\"pt\" id=\"ptable\"><thead><tr>"
               "<th class=\"s\">Project</th><th class=\"s\">Name</th><th class=\"s\">Manager</th>"
               "<th class=\"s\">Status</th><th class=\"s\" data-num data-asc aria-sort=\"ascending\" "
               "title=\"health score, worst first (docs/report-formats.md)\">Health</th>"
               "<th class=\"s\" data-num>Reported</th><th class=\"s\" data-num>Computed</th>"
               "<th class=\"s n\">Critical</th><th class=\"s n\">Error</th><th class=\"s n\">Warning</th>"
               "<th class=\"s n\">Info</th>");
    if (pg->baseline)
        sb_puts(b, "<th class=\"s n\">New</th>");
    sb_puts(b, "<th class=\"s n\">Waived</th><th class=\"s\" data-num>Findings</th></tr></thead>\n<tbody>\n");
    for (size_t i = 0; i < pg->ntable; i++) {
        project_row(pg, &pg->p[pg->worst[i]], b);
        out_flush(b); /* streamed: the page is never whole in memory */
    }
    if (!pg->ntable)
        sb_printf(b, "<tr><td colspan=\"%d\" class=\"empty\">No project rows.</td></tr>\n", pg->baseline ? 14 : 13);
    sb_puts(b, "</tbody>\n");
    size_t norph = pg->np - pg->ntable;
    if (norph) {
        sb_printf(b, "<tbody><tr class=\"sub\"><td colspan=\"%d\">", pg->baseline ? 14 : 13);
        num(b, norph);
        sb_printf(b, " project %s named by findings but not in the projects table</td></tr>\n",
                  plural(norph, "id", "ids"));
        for (size_t i = pg->ntable; i < pg->np && i < pg->ntable + HTML_ORPHANS; i++)
            project_row(pg, &pg->p[i], b);
        if (norph > HTML_ORPHANS) {
            sb_printf(b, "<tr class=\"sub\"><td colspan=\"%d\">", pg->baseline ? 14 : 13);
            num(b, norph - HTML_ORPHANS);
            sb_puts(b, " more: see report.json / report.csv</td></tr>\n");
        }
        sb_puts(b, "</tbody>\n");
    }
    sb_puts(b, "</table></div>\n");
    if (pg->no_project) {
        sb_puts(b, "<p class=\"lede\" style=\"margin-top:8px\">");
        num(b, pg->no_project);
        sb_printf(b, " %s belong to no project (resources, timesheets without a project, ...).</p>\n",
                  plural(pg->no_project, "finding does not", "findings do not"));
    }
    if (pg->unlisted_other) {
        sb_puts(b, "<p class=\"lede\" style=\"margin-top:8px\">");
        num(b, pg->unlisted_other);
        sb_printf(b, " %s past <code>--max-findings</code> %s to no project of the projects table: no row above "
                     "counts %s.</p>\n",
                  plural(pg->unlisted_other, "finding", "findings"), plural(pg->unlisted_other, "belongs", "belong"),
                  plural(pg->unlisted_other, "it", "them"));
    }
    sb_puts(b, "</section>\n");
}

/* ---- findings by rule -------------------------------------------------- */

/* A rule's doc: paragraphs at blank lines, `code` spans, and a short lead-in
 * such as "How to fix:" in bold. */
static void doc_html(sbuf *b, const char *doc)
{
    const char *s = doc;
    while (*s) {
        while (*s == '\n' || *s == ' ' || *s == '\t' || *s == '\r')
            s++;
        if (!*s)
            break;
        const char *e = s;
        while (*e && !(e[0] == '\n' && (e[1] == '\n' || (e[1] == '\r' && e[2] == '\n'))))
            e++;
        const char *c = memchr(s, ':', (size_t)(e - s));
        sb_puts(b, "<p>");
        if (c && c - s <= 24 && c > s) {
            bool label = true;
            for (const char *q = s; q < c; q++)
                label &= (*q >= 'A' && *q <= 'Z') || (*q >= 'a' && *q <= 'z') || *q == ' ';
            if (label) {
                sb_puts(b, "<strong>");
                esc_n(b, s, (size_t)(c - s + 1));
                sb_puts(b, "</strong>");
                s = c + 1;
            }
        }
        bool code = false;
        for (const char *q = s; q < e;) {
            const char *t = memchr(q, '`', (size_t)(e - q));
            esc_n(b, q, t ? (size_t)(t - q) : (size_t)(e - q));
            if (!t)
                break;
            sb_puts(b, code ? "</code>" : "<code>");
            code = !code;
            q = t + 1;
        }
        if (code)
            sb_puts(b, "</code>");
        sb_puts(b, "</p>\n");
        s = e;
    }
}

/* The rule's example finding (run/rule_examples.h), when the run looked
 * for examples: the text report's lines of its first failing test case. */
static void example_html(const pa_registry *reg, const pa_rule *rule, sbuf *b)
{
    if (!reg->examples)
        return;
    if (!rule->example_from) {
        sb_puts(b, "<p><strong>Example finding:</strong> none (no test case of ");
        esc(b, rule->id);
        sb_puts(b, " expects findings).</p>\n");
        return;
    }
    sb_puts(b, "<p><strong>Example finding</strong>, from the test case ");
    esc(b, rule->example_from);
    sb_puts(b, ":</p>\n<pre class=\"example\">");
    size_t n = strlen(rule->example);
    esc_n(b, rule->example, n && rule->example[n - 1] == '\n' ? n - 1 : n); /* no blank line before </pre> */
    sb_puts(b, "</pre>\n");
}

/* One finding as a table row. report.js writes the same markup from the
 * data block (row()), so the page looks the same with and without
 * JavaScript. with_rule: the table of new findings, with a Rule column
 * first and no age or baseline column (every finding there is new). */
static void finding_row(const page *pg, const pa_finding *f, bool with_rule, sbuf *b)
{
    const pa_report *r = pg->r;
    int s = f->sev & 3;
    long age = age_days(r, f->first_seen);
    sb_printf(b, "<tr data-s=\"%d\" data-p=\"", s);
    esc_cut(b, f->project_id, 200);
    sb_putc(b, '"');
    if (f->owner) {
        sb_puts(b, " data-o=\"");
        esc_cut(b, f->owner, 200);
        sb_putc(b, '"');
    }
    if (age >= 0)
        sb_printf(b, " data-a=\"%ld\"", age);
    if (f->baseline != BL_NONE)
        sb_printf(b, " data-b=\"%s\"", f->baseline == BL_NEW ? "n" : "e");
    sb_puts(b, ">");
    if (with_rule) {
        sb_puts(b, "<td class=\"rid\">");
        esc(b, f->rule);
        sb_puts(b, "</td>");
    }
    sb_printf(b, "<td><span class=\"sev s%d\">%s</span></td><td class=\"pid\">", s, sev_label[s]);
    esc_cut(b, f->project_id, 200);
    sb_puts(b, "</td><td class=\"mono key\">");
    esc_cut(b, f->key, 200);
    sb_puts(b, "</td><td class=\"where\">");
    if (f->file) {
        sb_puts(b, "<span title=\"");
        sbuf w;
        sb_init(&w);
        cref_where(&w, f->file, 0); /* the path (and sheet) */
        esc(b, w.data);
        sb_free(&w);
        sb_puts(b, "\">");
        where_text(b, f->file, f->line);
        sb_puts(b, "</span>");
    } else if (f->table)
        esc(b, f->table);
    if (f->column) {
        sb_puts(b, "<span class=\"col\">");
        esc_cut(b, f->column, 80);
        sb_puts(b, "</span>");
    }
    sb_puts(b, "</td><td class=\"msg\">");
    esc_cut(b, f->message, MSG_MAX);
    sb_puts(b, "</td><td class=\"val\">");
    if (f->value) {
        sb_puts(b, "<code>");
        esc_cut(b, f->value, VAL_MAX);
        sb_puts(b, "</code>");
    }
    sb_puts(b, "</td>");
    if (pg->aged && !with_rule) {
        if (age >= 0)
            sb_printf(b, "<td class=\"age\" title=\"first seen %s\">%ld d</td>", f->first_seen, age);
        else
            sb_puts(b, "<td class=\"age\"></td>");
    }
    if (pg->baseline && !with_rule)
        sb_puts(b, f->reopened ? "<td><span class=\"bl bn\" title=\"resolved in an earlier run, and back\">REOPENED</span>"
                                 "</td>"
                   : f->baseline == BL_NEW      ? "<td><span class=\"bl bn\">NEW</span></td>"
                   : f->baseline == BL_EXISTING ? "<td><span class=\"bl be\">existing</span></td>"
                                                : "<td></td>");
    sb_puts(b, "</tr>\n");
}

static void finding_head(const page *pg, sbuf *b, bool waived)
{
    if (waived)
        sb_puts(b, "<div class=\"tw\"><table class=\"ft\"><thead><tr><th>Rule</th><th>Severity</th><th>Project</th>"
                   "<th>Key</th><th>Where</th><th>Message</th><th>Reason</th><th>Approved by</th><th>Expires</th>"
                   "<th>Waiver</th>");
    else {
        /* fixed widths: every rule's table lines up with the others */
        sb_puts(b, "<div class=\"tw\"><table class=\"ft fx\"><thead><tr><th class=\"w-sev\">Severity</th>"
                   "<th class=\"w-prj\">Project</th><th class=\"w-key\">Key</th><th class=\"w-where\">Where</th>"
                   "<th>Message</th><th class=\"w-val\">Value</th>");
        if (pg->aged)
            sb_puts(b, "<th class=\"w-age\" title=\"days since the finding was first seen\">Open for</th>");
        if (pg->baseline)
            sb_puts(b, "<th class=\"w-bl\">Baseline</th>");
    }
    sb_puts(b, "</tr></thead>\n<tbody>\n");
}

/* The rule's header: severity, id, title, then its counts (the model's:
 * every finding in scope, listed or not) and tables. */
static void rule_head(const rgroup *g, size_t total, sbuf *b)
{
    const pa_rule *rule = g->rule;
    int rs = rule->sev & 3;
    sb_printf(b, "<div class=\"rh\"><h3><span class=\"sev s%d\">%s</span> <a class=\"rid\" href=\"#r-", rs, sev_label[rs]);
    esc(b, rule->id);
    sb_puts(b, "\">");
    esc(b, rule->id);
    sb_puts(b, "</a> ");
    esc(b, rule->title);
    sb_puts(b, "</h3>\n<div class=\"rmeta\"><span>domain ");
    esc(b, rule->domain);
    sb_puts(b, "</span><span>");
    num(b, total);
    sb_printf(b, " %s</span>", plural(total, "finding", "findings"));
    for (int s = 3; s >= 0; s--)
        if (g->by_sev[s] && g->by_sev[s] != total) {
            sb_puts(b, "<span>");
            num(b, g->by_sev[s]);
            sb_printf(b, " %s</span>", sev_label[s]);
        }
    if (g->waived) {
        sb_puts(b, "<span>");
        num(b, g->waived);
        sb_puts(b, " waived</span>");
    }
    sb_puts(b, "<span>tables: ");
    for (int i = 0; i < rule->ntables; i++) {
        sb_puts(b, i ? ", " : "");
        esc(b, rule->tables[i]);
    }
    sb_puts(b, "</span><span class=\"shown\"></span></div></div>\n");
}

/*
 * A rule's findings: its header and doc, then a table with its first
 * HTML_NOJS_ROWS findings, which report.js replaces with the whole list
 * from the data block (a page at a time). Without JavaScript a note says
 * how many more the list has; findings past --max-findings are announced
 * in both cases, being in no list at all.
 */
static void rule_group(const page *pg, const rgroup *g, int k, sbuf *b)
{
    const pa_report *r = pg->r;
    const pa_rule *rule = g->rule;
    size_t total = g->active + g->res->dropped;
    size_t first = g->active < JS_PAGE ? g->active : JS_PAGE;
    /* The browser lays out a group only when it comes into view
     * (content-visibility); a close guess of its height keeps the scroll
     * bar and links to #r-ID right before that. */
    sb_printf(b, "<section class=\"card rule\" style=\"contain-intrinsic-size:auto %zupx\" id=\"r-",
              (size_t)150 + 50 * first + (total > first ? 40 : 0));
    esc(b, rule->id);
    sb_printf(b, "\" data-g=\"%d\" data-r=\"", k);
    esc(b, rule->id);
    sb_puts(b, "\" data-d=\"");
    esc(b, rule->domain);
    sb_printf(b, "\" data-s=\"%d\">\n", g->max_sev < 0 ? (int)(rule->sev & 3) : g->max_sev);
    rule_head(g, total, b);
    if (rule->doc && *rule->doc) {
        sb_puts(b, "<details class=\"doc\"><summary>What it checks, why it matters, how to fix</summary>"
                   "<div class=\"doctext\">\n");
        doc_html(b, rule->doc);
        example_html(r->reg, rule, b);
        sb_puts(b, "</div></details>\n");
    }
    finding_head(pg, b, false);
    size_t shown = 0;
    for (size_t i = g->from; i < g->to && shown < HTML_NOJS_ROWS; i++) {
        if (r->all.v[i].waived)
            continue;
        finding_row(pg, &r->all.v[i], false, b);
        out_flush(b);
        shown++;
    }
    sb_puts(b, "</tbody></table></div>\n");
    if (g->active > shown) {
        sb_puts(b, "<noscript><p class=\"more\"><strong>");
        num(b, g->active - shown);
        sb_printf(b, " more</strong> %s of ", plural(g->active - shown, "finding", "findings"));
        esc(b, rule->id);
        sb_printf(b, " (the first %zu are above) are listed here with JavaScript on; report.json and report.csv "
                     "have every one.</p></noscript>\n",
                  shown);
    }
    if (g->res->dropped) {
        sb_puts(b, "<p class=\"more cut\"><strong>");
        num(b, g->res->dropped);
        sb_printf(b, " not listed</strong>: %s of ", plural(g->res->dropped, "a finding", "findings"));
        esc(b, rule->id);
        sb_printf(b, " past <code>--max-findings</code>, counted above but listed in no report. ");
        esc_cut(b, g->res->message, MSG_MAX);
        sb_puts(b, "</p>\n");
    }
    sb_puts(b, "</section>\n");
}

static void sev_chip(sbuf *b, int s, size_t n)
{
    sb_printf(b, "<label class=\"chip\"><input type=\"checkbox\" name=\"sev\" value=\"%d\" checked>"
                 "<i class=\"s%d\"></i>%s <span class=\"c\">",
              s, s, sev_label[s]);
    num(b, n);
    sb_puts(b, "</span></label>");
}

typedef struct {
    const char *name;
    size_t n, unlisted;
} owner_count;

static int cmp_owner_count(const void *a, const void *b)
{
    return strcmp(((const owner_count *)a)->name, ((const owner_count *)b)->name);
}

/*
 * The Owner filter: each owner (project manager) of an open finding, with
 * their count of open findings, those past --max-findings included (by
 * the owner of their project); findings with no owner match only "All".
 */
static void owner_select(const page *pg, sbuf *b)
{
    const pa_report *r = pg->r;
    owner_count *v = xmalloc((r->all.n + pg->ntable + 1) * sizeof *v);
    size_t n = 0;
    for (size_t i = 0; i < r->all.n; i++)
        if (!r->all.v[i].waived && r->all.v[i].owner)
            v[n++] = (owner_count){r->all.v[i].owner, 1, 0};
    for (size_t i = 0; i < pg->ntable && r->owners; i++) {
        const proj *p = &pg->p[i];
        size_t all = p->by_sev[0] + p->by_sev[1] + p->by_sev[2] + p->by_sev[3];
        const char *o = all > p->listed ? owners_of(r->owners, p->id) : NULL;
        if (o)
            v[n++] = (owner_count){o, all - p->listed, all - p->listed};
    }
    qsort(v, n, sizeof *v, cmp_owner_count);
    sb_puts(b, "<label class=\"f\">Owner<select id=\"f-own\"><option value=\"\">All owners</option>");
    for (size_t i = 0, j; i < n; i = j) {
        size_t cnt = 0, cut = 0;
        for (j = i; j < n && strcmp(v[j].name, v[i].name) == 0; j++)
            cnt += v[j].n, cut += v[j].unlisted;
        sb_puts(b, "<option value=\"");
        esc_cut(b, v[i].name, 200);
        if (cut)
            sb_printf(b, "\" data-more=\"%zu", cut);
        sb_puts(b, "\">");
        esc_cut(b, v[i].name, 60);
        if (cut)
            sb_printf(b, " (%zu, %zu not listed)</option>", cnt, cut);
        else
            sb_printf(b, " (%zu)</option>", cnt);
    }
    sb_puts(b, "</select></label>\n");
    free(v);
}

/* The Domain filter: the domains of the rules with findings. */
static void domain_select(const page *pg, sbuf *b)
{
    const pa_report *r = pg->r;
    sb_puts(b, "<label class=\"f\">Domain<select id=\"f-dom\"><option value=\"\">All domains</option>");
    const char **doms = xcalloc((size_t)r->nrules + 1, sizeof *doms);
    int nd = 0;
    for (int k = 0; k < r->nrules; k++) {
        const char *dname = pg->g[k].rule->domain ? pg->g[k].rule->domain : "";
        bool seen = false;
        for (int i = 0; i < nd; i++)
            seen |= strcmp(doms[i], dname) == 0;
        if (!seen && pg->g[k].active)
            doms[nd++] = dname;
    }
    qsort(doms, (size_t)nd, sizeof *doms, cmp_cstr);
    for (int i = 0; i < nd; i++) {
        sb_puts(b, "<option>");
        esc(b, doms[i]);
        sb_puts(b, "</option>");
    }
    free(doms);
    sb_puts(b, "</select></label>\n");
}

/* The Project filter: each project with open findings and its count (the
 * model's), with how many of them are past --max-findings. */
static void project_select(const page *pg, sbuf *b)
{
    sb_puts(b, "<label class=\"f\">Project<select id=\"f-prj\"><option value=\"\">All projects</option>");
    for (size_t i = 0; i < pg->np && i < pg->ntable + HTML_ORPHANS; i++) {
        const proj *p = &pg->p[i];
        size_t n = p->by_sev[0] + p->by_sev[1] + p->by_sev[2] + p->by_sev[3];
        if (!n)
            continue;
        sb_puts(b, "<option value=\"");
        esc_cut(b, p->id, 200);
        if (n > p->listed)
            sb_printf(b, "\" data-more=\"%zu", n - p->listed);
        sb_puts(b, "\">");
        esc_cut(b, p->id, 200);
        if (p->name) {
            sb_puts(b, " &mdash; ");
            esc_cut(b, p->name, 40);
        }
        if (n > p->listed)
            sb_printf(b, " (%zu, %zu not listed)</option>", n, n - p->listed);
        else
            sb_printf(b, " (%zu)</option>", n);
    }
    sb_puts(b, "</select></label>\n");
}

/* The filter bar: hidden without JS (class js-only), where the page is a
 * plain list. */
static void controls(const page *pg, sbuf *b)
{
    const pa_report *r = pg->r;
    sb_puts(b, "<form class=\"card controls js-only\" id=\"ctl\" autocomplete=\"off\">\n"
               "<fieldset class=\"chips\"><legend>Severity</legend>");
    for (int s = 3; s >= 0; s--)
        sev_chip(b, s, r->by_sev[s]);
    sb_puts(b, "</fieldset>\n");
    domain_select(pg, b);
    project_select(pg, b);
    owner_select(pg, b);
    sb_puts(b, "<label class=\"f\">Rule<select id=\"f-rule\"><option value=\"\">All rules</option>");
    for (int k = 0; k < r->nrules; k++) {
        if (!pg->g[k].active)
            continue;
        sb_puts(b, "<option value=\"");
        esc(b, pg->g[k].rule->id);
        sb_puts(b, "\">");
        esc(b, pg->g[k].rule->id);
        sb_puts(b, " &mdash; ");
        esc_cut(b, pg->g[k].rule->title, 50);
        sb_puts(b, "</option>");
    }
    sb_puts(b, "</select></label>\n");
    if (pg->baseline)
        sb_puts(b, "<label class=\"f\">Baseline<select id=\"f-bl\"><option value=\"\">New and existing</option>"
                   "<option value=\"n\">New only</option><option value=\"e\">Existing only</option></select></label>\n");
    sb_puts(b, "<label class=\"f\">Search<input type=\"search\" id=\"f-txt\" placeholder=\"key, message, value\">"
               "</label>\n<label class=\"f\">Sort by<select id=\"f-sort\"><option value=\"rule\">Rule id</option>"
               "<option value=\"sev\">Severity, highest first</option><option value=\"dom\">Domain</option>"
               "<option value=\"prj\">Project</option>");
    if (pg->aged)
        sb_puts(b, "<option value=\"age\">Age, oldest first</option>");
    sb_puts(b, "</select></label>\n<button type=\"button\" id=\"f-reset\">Reset</button>\n"
               "<output id=\"f-count\"></output>\n</form>\n");
}

static void findings(const page *pg, sbuf *b)
{
    const pa_report *r = pg->r;
    size_t total = r->by_sev[0] + r->by_sev[1] + r->by_sev[2] + r->by_sev[3];
    sb_puts(b, "<section class=\"sec\" id=\"findings\">\n<h2>Findings<span class=\"c\">");
    num(b, total);
    sb_printf(b, "</span></h2>\n<p class=\"lede\">Grouped by rule, every finding of the run (waived ones are listed "
                 "apart, below). Each list shows its first %d findings and more on request; the filters find any "
                 "of them.",
              JS_PAGE);
    if (r->unlisted) {
        sb_puts(b, " <strong>");
        num(b, r->unlisted);
        sb_printf(b, " %s past <code>--max-findings</code></strong> %s counted here but listed in no report%s.",
                  plural(r->unlisted, "finding", "findings"), plural(r->unlisted, "is", "are"),
                  r->waivers_path || r->baseline_path ? ", and count as unwaived and new" : "");
    }
    sb_puts(b, "</p>\n");
    if (!pg->active && !r->unlisted) {
        sb_puts(b, "<p class=\"ok\">No finding: every rule that ran passed.</p>\n</section>\n");
        return;
    }
    controls(pg, b);
    sb_printf(b, "<noscript><p class=\"warnbox\">JavaScript is off: each rule below shows its first %d findings, "
                 "and the filters do not work. The full lists need JavaScript; report.json and report.csv have "
                 "every finding.</p></noscript>\n<div id=\"groups\">\n",
              HTML_NOJS_ROWS);
    for (int k = 0; k < r->nrules; k++)
        if (pg->g[k].active || pg->g[k].res->dropped)
            rule_group(pg, &pg->g[k], k, b);
    sb_puts(b, "</div>\n<p id=\"f-none\" class=\"card empty\" hidden>No finding matches these filters.</p>\n"
               "<p id=\"f-more\" class=\"card more\" hidden></p>\n</section>\n");
}

/* ---- new since the baseline -------------------------------------------- */

typedef struct {
    int sev;
    size_t i;
} new_key;

/* Most severe first, then report order. */
static int cmp_new(const void *a, const void *b)
{
    const new_key *x = a, *y = b;
    if (x->sev != y->sev)
        return x->sev > y->sev ? -1 : 1;
    return x->i < y->i ? -1 : x->i > y->i;
}

/*
 * With a baseline, the findings this run has and the baseline had not,
 * first after the summary: most severe first, the first HTML_NEW_ROWS in
 * the markup, all of them (a page at a time) with JavaScript. The count is
 * the model's: new findings past --max-findings included, waived ones
 * apart.
 */
static void new_since(const page *pg, sbuf *b)
{
    const pa_report *r = pg->r;
    if (!r->baseline_path)
        return;
    size_t n = r->nnew - pg->new_waived;
    sb_puts(b, "<section class=\"sec\" id=\"new\">\n<h2>New since the baseline<span class=\"c\">");
    num(b, n);
    sb_puts(b, "</span></h2>\n<p class=\"lede\">Findings of this run that the baseline ");
    esc(b, base_name(r->baseline_path));
    if (r->baseline_as_of[0]) {
        sb_puts(b, " (as of ");
        esc(b, r->baseline_as_of);
        sb_puts(b, ")");
    }
    sb_puts(b, " did not have, most severe first.");
    if (pg->new_waived) {
        sb_puts(b, " ");
        num(b, pg->new_waived);
        sb_printf(b, " new waived %s listed under Waived.", plural(pg->new_waived, "finding is", "findings are"));
    }
    if (r->unlisted) {
        sb_puts(b, " <strong>");
        num(b, r->unlisted);
        sb_puts(b, " not listed</strong>: past <code>--max-findings</code>, counted as new.");
    }
    sb_puts(b, "</p>\n");
    new_key *v = xmalloc((r->all.n + 1) * sizeof *v);
    size_t nv = 0;
    for (size_t i = 0; i < r->all.n; i++)
        if (!r->all.v[i].waived && r->all.v[i].baseline == BL_NEW && pg->fgroup[i] >= 0)
            v[nv++] = (new_key){r->all.v[i].sev & 3, i};
    if (!nv) {
        sb_puts(b, "<p class=\"ok\">No listed finding is new since the baseline.</p>\n</section>\n");
        free(v);
        return;
    }
    qsort(v, nv, sizeof *v, cmp_new);
    sb_puts(b, "<div class=\"card\"><div class=\"tw\"><table class=\"ft\"><thead><tr><th>Rule</th><th>Severity</th>"
               "<th>Project</th><th>Key</th><th>Where</th><th>Message</th><th>Value</th></tr></thead>\n"
               "<tbody id=\"new-rows\">\n");
    size_t shown = nv < HTML_NEW_ROWS ? nv : HTML_NEW_ROWS;
    for (size_t i = 0; i < shown; i++) {
        finding_row(pg, &r->all.v[v[i].i], true, b);
        out_flush(b);
    }
    sb_puts(b, "</tbody></table></div>\n");
    if (nv > shown) {
        sb_puts(b, "<noscript><p class=\"more\"><strong>");
        num(b, nv - shown);
        sb_printf(b, " more</strong> new %s listed here with JavaScript on; report.json and report.csv have every "
                     "one.</p></noscript>\n",
                  plural(nv - shown, "finding is", "findings are"));
    }
    sb_puts(b, "</div>\n</section>\n");
    free(v);
}

/* ---- the findings as data, for report.js ------------------------------- */

/* A sorted table of distinct strings: the owners, files, tables and
 * columns the findings name, written once and referred to by number. */
typedef struct {
    const char **v;
    size_t n;
} stab;

static void stab_finish(stab *t)
{
    if (!t->n)
        return;
    qsort(t->v, t->n, sizeof *t->v, cmp_cstr);
    size_t k = 0;
    for (size_t i = 0; i < t->n; i++)
        if (!k || strcmp(t->v[k - 1], t->v[i]) != 0)
            t->v[k++] = t->v[i];
    t->n = k;
}

static long stab_find(const stab *t, const char *s)
{
    if (!s || !t->n)
        return -1;
    const char **hit = bsearch(&s, t->v, t->n, sizeof *t->v, cmp_cstr);
    return hit ? (long)(hit - t->v) : -1;
}

/* s as a JSON string safe in <script>, cut as esc_cut cuts (the markup's
 * rows show the same text); null for NULL. */
static void jstr(sbuf *b, const char *s, size_t max)
{
    if (!s) {
        EM_LIT(b, "null");
        return;
    }
    size_t n = strlen(s);
    if (n <= max) {
        json_strn_html(b, s, n);
        return;
    }
    while (max > 0 && ((unsigned char)s[max] & 0xC0) == 0x80)
        max--;
    json_strn_html(b, s, max);
    b->len--; /* reopen the string for the ellipsis */
    EM_LIT(b, "\xE2\x80\xA6\"");
}

static void stab_write(sbuf *b, const char *name, const stab *t, size_t max)
{
    sb_printf(b, ",\n\"%s\":[", name);
    for (size_t i = 0; i < t->n; i++) {
        if (i)
            em_putc(b, ',');
        jstr(b, t->v[i], max);
        out_flush(b);
    }
    em_putc(b, ']');
}

typedef struct {
    const page *pg;
    stab own, file, tab, col;
} dctx;

/* Whether the data block has finding i of r->all: the page lists it (not
 * waived) and it belongs to a selected rule. */
static bool in_data(const page *pg, size_t i)
{
    return !pg->r->all.v[i].waived && pg->fgroup[i] >= 0;
}

enum { D_RULE, D_SEV, D_PRJ, D_OWN, D_FILE, D_TAB, D_LINE, D_COL, D_AGE, D_BL, D_KEY, D_MSG, D_VAL };

/* A number of finding i for the data block: an index into a table of the
 * block (-1 for none), a line, an age in days or a baseline mark. */
static long data_num(const dctx *c, size_t i, int what)
{
    const page *pg = c->pg;
    const pa_finding *f = &pg->r->all.v[i];
    switch (what) {
    case D_RULE: return pg->fgroup[i];
    case D_SEV: return f->sev & 3;
    case D_PRJ: return pg->fproj[i];
    case D_OWN: return stab_find(&c->own, f->owner);
    case D_FILE: return stab_find(&c->file, f->file);
    case D_TAB: return f->file ? -1 : stab_find(&c->tab, f->table);
    case D_LINE: return f->file ? (long)f->line : 0;
    case D_COL: return stab_find(&c->col, f->column);
    case D_AGE: return age_days(pg->r, f->first_seen);
    default: return f->baseline == BL_NEW ? 1 : f->baseline == BL_EXISTING ? 2 : 0;
    }
}

static void put_long(sbuf *b, long v)
{
    if (v < 0)
        EM_LIT(b, "-1");
    else
        em_uint(b, (uint64_t)v);
}

/*
 * One column of the data block: a field of every finding it has, as an
 * array; a column of numbers that are all the same is that one number
 * (report.js spreads it), and an absent string is 0, not null: the block
 * is the page's bulk, and bytes are what the browser parses.
 */
static void data_column(const dctx *c, sbuf *b, const char *name, int what)
{
    const page *pg = c->pg;
    const pa_report *r = pg->r;
    sb_printf(b, ",\n\"%s\":", name);
    bool same = what < D_KEY, seen = false;
    long v0 = 0;
    for (size_t i = 0; i < r->all.n && same; i++)
        if (in_data(pg, i)) {
            long v = data_num(c, i, what);
            same = !seen || v == v0;
            v0 = v, seen = true;
        }
    if (same) {
        put_long(b, v0);
        return;
    }
    em_putc(b, '[');
    bool first = true;
    for (size_t i = 0; i < r->all.n; i++) {
        if (!in_data(pg, i))
            continue;
        const pa_finding *f = &r->all.v[i];
        if (!first)
            em_putc(b, ',');
        first = false;
        const char *str = what == D_KEY ? f->key : what == D_MSG ? f->message : what == D_VAL ? f->value : NULL;
        if (what < D_KEY)
            put_long(b, data_num(c, i, what));
        else if (!str)
            em_putc(b, '0');
        else
            jstr(b, str, what == D_KEY ? 200 : what == D_MSG ? MSG_MAX : VAL_MAX);
        out_flush(b); /* the data block is the page's bulk: streamed */
    }
    em_putc(b, ']');
}

static const char *data_str(const pa_finding *f, int what)
{
    return what == D_KEY ? f->key : what == D_MSG ? f->message : f->value;
}

static size_t digits(size_t v)
{
    size_t n = 1;
    while (v >= 10)
        v /= 10, n++;
    return n;
}

/*
 * A column of strings (keys, messages, values) whose strings repeat is
 * written as a table of its distinct strings ("ks", "ms", "vs") and a
 * column of numbers into it (-1: none), when that is shorter than the
 * strings themselves; returns false, writing nothing, when it is not.
 */
static bool data_str_table(const dctx *c, sbuf *b, const char *name, int what)
{
    const page *pg = c->pg;
    const pa_report *r = pg->r;
    stab t = {xmalloc((r->all.n + 1) * sizeof *t.v), 0};
    size_t raw = 0, refs = 0, nrefs = 0;
    for (size_t i = 0; i < r->all.n; i++) {
        const char *str = in_data(pg, i) ? data_str(&r->all.v[i], what) : NULL;
        if (str)
            t.v[t.n++] = str, raw += strlen(str) + 3, nrefs++;
    }
    stab_finish(&t);
    size_t table = 0;
    for (size_t i = 0; i < t.n; i++)
        table += strlen(t.v[i]) + 3;
    refs = nrefs * (digits(t.n) + 1);
    bool use = table + refs < raw - raw / 10;
    if (use) {
        size_t max = what == D_KEY ? 200 : what == D_MSG ? MSG_MAX : VAL_MAX;
        sb_printf(b, ",\n\"%ss\":[", name);
        for (size_t i = 0; i < t.n; i++) {
            if (i)
                em_putc(b, ',');
            jstr(b, t.v[i], max);
            out_flush(b);
        }
        sb_printf(b, "],\n\"%s\":[", name);
        bool first = true;
        for (size_t i = 0; i < r->all.n; i++) {
            if (!in_data(pg, i))
                continue;
            if (!first)
                em_putc(b, ',');
            first = false;
            put_long(b, stab_find(&t, data_str(&r->all.v[i], what)));
            out_flush(b);
        }
        em_putc(b, ']');
    }
    free(t.v);
    return use;
}

/*
 * A finding's owner is its project's manager (collect/owner.c), so the
 * block says each project's owner once ("po") instead of each finding's.
 * Returns false, and writes nothing, when some finding's owner is not its
 * project's: then the block has the per-finding column "o".
 */
static bool data_project_owners(const dctx *c, sbuf *b)
{
    const page *pg = c->pg;
    const pa_report *r = pg->r;
    long *po = xmalloc((pg->np + 1) * sizeof *po);
    bool *set = xcalloc(pg->np + 1, sizeof *set);
    bool ok = true;
    for (size_t i = 0; i < r->all.n && ok; i++) {
        if (!in_data(pg, i))
            continue;
        long o = data_num(c, i, D_OWN);
        int p = pg->fproj[i];
        if (p < 0)
            ok = o < 0;
        else if (set[p])
            ok = po[p] == o;
        else
            po[p] = o, set[p] = true;
    }
    if (ok) {
        EM_LIT(b, ",\n\"po\":[");
        for (size_t p = 0; p < pg->np; p++) {
            if (p)
                em_putc(b, ',');
            put_long(b, set[p] ? po[p] : -1);
            out_flush(b);
        }
        em_putc(b, ']');
    }
    free(po);
    free(set);
    return ok;
}

/* The string tables of the findings the data block has. */
static void data_strings(dctx *c)
{
    const pa_report *r = c->pg->r;
    stab *t[4] = {&c->own, &c->file, &c->tab, &c->col};
    for (int k = 0; k < 4; k++)
        t[k]->v = xmalloc((r->all.n + 1) * sizeof *t[k]->v);
    for (size_t i = 0; i < r->all.n; i++) {
        const pa_finding *f = &r->all.v[i];
        if (!in_data(c->pg, i))
            continue;
        if (f->owner)
            c->own.v[c->own.n++] = f->owner;
        if (f->file)
            c->file.v[c->file.n++] = f->file;
        else if (f->table)
            c->tab.v[c->tab.n++] = f->table;
        if (f->column)
            c->col.v[c->col.n++] = f->column;
    }
    for (int k = 0; k < 4; k++)
        stab_finish(t[k]);
}

/*
 * The data block: every finding the page lists (not waived), in report
 * order, as the columns of one JSON object that report.js parses once and
 * renders the lists from, a page at a time; strings that repeat (owners,
 * files, tables, columns, project ids) are written once and referred to
 * by number (-1: none). docs/report-formats.md describes the fields.
 * Every string goes through json_strn_html, so that no data can end the
 * <script> element or start markup in it.
 */
static void data_block(const page *pg, sbuf *b)
{
    const pa_report *r = pg->r;
    if (!pg->active)
        return;
    dctx c = {.pg = pg};
    data_strings(&c);
    size_t n = 0;
    for (size_t i = 0; i < r->all.n; i++)
        n += in_data(pg, i);
    char T[16];
    date_format(r->T, T);
    sb_printf(b, "<script type=\"application/json\" id=\"pa-data\">{\"v\":1,\"asof\":\"%s\",\"n\":%zu,\n\"rules\":[", T,
              n);
    for (int k = 0; k < r->nrules; k++) {
        EM_LIT(b, "[");
        jstr(b, pg->g[k].rule->id, (size_t)-1);
        em_putc(b, ',');
        jstr(b, pg->g[k].rule->domain ? pg->g[k].rule->domain : "", (size_t)-1);
        sb_puts(b, k + 1 < r->nrules ? "]," : "]");
    }
    EM_LIT(b, "],\n\"prj\":[");
    for (size_t i = 0; i < pg->np; i++) {
        if (i)
            em_putc(b, ',');
        jstr(b, pg->p[i].id, (size_t)-1);
        out_flush(b);
    }
    em_putc(b, ']');
    stab_write(b, "own", &c.own, (size_t)-1);
    stab_write(b, "file", &c.file, (size_t)-1);
    stab_write(b, "tab", &c.tab, (size_t)-1);
    stab_write(b, "col", &c.col, 80);
    bool po = data_project_owners(&c, b);
    static const char *const names[] = {"r", "s", "p", "o", "f", "t", "l", "c", "a", "b", "k", "m", "v"};
    for (int w = D_RULE; w <= D_VAL; w++)
        if ((w != D_AGE || pg->aged) && (w != D_BL || pg->baseline) && (w != D_OWN || !po))
            if (w < D_KEY || !data_str_table(&c, b, names[w], w))
                data_column(&c, b, names[w], w);
    EM_LIT(b, "}</script>\n");
    free(c.own.v), free(c.file.v), free(c.tab.v), free(c.col.v);
}

/* ---- waived, resolved, not run, all rules ------------------------------ */

/* "file.csv:12": the base name of a finding's or waiver's file and its line. */

static void waived_row(const pa_finding *f, sbuf *b)
{
    int s = f->sev & 3;
    const pa_waiver *w = f->waiver;
    sb_puts(b, "<tr><td class=\"rid\">");
    esc(b, f->rule);
    sb_printf(b, "</td><td><span class=\"sev s%d\">%s</span></td><td class=\"pid\">", s, sev_label[s]);
    esc_cut(b, f->project_id, 200);
    sb_puts(b, "</td><td class=\"mono key\">");
    esc_cut(b, f->key, 200);
    sb_puts(b, "</td><td class=\"where\">");
    where_text(b, f->file, f->line);
    sb_puts(b, "</td><td class=\"msg\">");
    esc_cut(b, f->message, MSG_MAX);
    sb_puts(b, "</td><td>");
    if (w) {
        esc_cut(b, w->reason, MSG_MAX);
        sb_puts(b, "</td><td>");
        esc_cut(b, w->approved_by, 200);
        sb_puts(b, "</td><td class=\"age\">");
        if (w->has_expiry) {
            char d[16];
            date_format(w->expires, d);
            sb_puts(b, d);
        } else
            sb_puts(b, "never");
        sb_puts(b, "</td><td class=\"where\">");
        where_text(b, w->file, w->line);
    } else
        sb_puts(b, "</td><td></td><td></td><td>");
    sb_puts(b, "</td></tr>\n");
}

/* One line about a waiver that no longer applies or matched nothing. */
static void waiver_note(const pa_waiver *w, const char *what, sbuf *b)
{
    sb_puts(b, "<li><span class=\"mono\">");
    esc(b, base_name(w->file));
    sb_printf(b, ":%u</span> ", w->line);
    esc(b, w->rule);
    sb_puts(b, " ");
    if (w->key) {
        sb_puts(b, "key <span class=\"mono\">");
        esc_cut(b, w->key, 200);
        sb_puts(b, "</span>");
    } else if (w->fingerprint) {
        sb_puts(b, "fingerprint <span class=\"mono\">");
        esc_cut(b, w->fingerprint, 64);
        sb_puts(b, "</span>");
    }
    sb_printf(b, ": %s", what);
    if (w->has_expiry) {
        char d[16];
        date_format(w->expires, d);
        sb_printf(b, " (expires %s)", d);
    }
    if (w->approved_by) {
        sb_puts(b, ", approved by ");
        esc_cut(b, w->approved_by, 200);
    }
    sb_puts(b, "</li>\n");
}

static void waived(const page *pg, sbuf *b)
{
    const pa_report *r = pg->r;
    if (!pg->waived && !r->waivers_path)
        return;
    sb_puts(b, "<section class=\"sec\" id=\"waived\">\n<h2>Waived findings<span class=\"c\">");
    num(b, pg->waived);
    sb_puts(b, "</span></h2>\n<p class=\"lede\">Accepted exceptions: they do not count for the exit code and "
               "stop applying when their waiver expires.</p>\n");
    size_t nexp = 0, nunused = 0;
    for (int i = 0; i < r->nwaivers; i++) {
        nexp += r->waivers[i].expired;
        nunused += !r->waivers[i].expired && r->waivers[i].matched == 0;
    }
    if (nexp || nunused) {
        sb_puts(b, "<div class=\"warnbox\"><ul style=\"margin:0;padding-left:18px\">\n");
        for (int i = 0; i < r->nwaivers; i++) {
            const pa_waiver *w = &r->waivers[i];
            if (w->expired) {
                char what[96];
                snprintf(what, sizeof what, "expired, no longer applies (%zu %s now reported)", w->matched,
                         plural(w->matched, "finding", "findings"));
                waiver_note(w, what, b);
            } else if (w->matched == 0)
                waiver_note(w, "unused, matches no finding", b);
        }
        sb_puts(b, "</ul></div>\n");
    }
    if (pg->waived) {
        sb_puts(b, "<div class=\"card\">");
        finding_head(pg, b, true);
        size_t shown = 0;
        for (size_t i = 0; i < r->all.n && shown < HTML_LIST_CAP; i++)
            if (r->all.v[i].waived) {
                waived_row(&r->all.v[i], b);
                out_flush(b);
                shown++;
            }
        sb_puts(b, "</tbody></table></div>\n");
        if (pg->waived > shown) {
            sb_puts(b, "<p class=\"more\"><strong>");
            num(b, pg->waived - shown);
            sb_puts(b, " more</strong> waived findings: see report.json / report.csv.</p>\n");
        }
        sb_puts(b, "</div>\n");
    } else
        sb_puts(b, "<p class=\"ok\">No finding is waived.</p>\n");
    sb_puts(b, "</section>\n");
}

static void resolved(const page *pg, sbuf *b)
{
    const pa_report *r = pg->r;
    if (!r->baseline_path)
        return;
    const char *since = r->base_last_run ? "the last run" : "the baseline";
    sb_printf(b, "<section class=\"sec\" id=\"resolved\">\n<h2>Resolved since %s<span class=\"c\">", since);
    num(b, r->nresolved);
    sb_puts(b, "</span></h2>\n<p class=\"lede\">In the baseline ");
    esc(b, r->baseline_path);
    sb_puts(b, ", gone now.</p>\n");
    if (!r->nresolved) {
        sb_printf(b, "<p class=\"card empty\">Nothing was resolved since %s.</p>\n</section>\n", since);
        return;
    }
    sb_puts(b, "<div class=\"card tw\"><table class=\"ft\"><thead><tr><th>Rule</th><th>Severity</th><th>Project</th>"
               "<th>Key</th><th>Where</th><th>Message</th><th>First seen</th><th></th></tr></thead>\n<tbody>\n");
    size_t n = r->nresolved < HTML_LIST_CAP ? r->nresolved : HTML_LIST_CAP;
    for (size_t i = 0; i < n; i++) {
        const pa_resolved *x = &r->resolved[i];
        int s = x->severity ? sev_parse(x->severity, false) : -1;
        if (r->trend) { /* with --history: the fingerprint, as `history diff` names it */
            sb_puts(b, "<tr data-fp=\"");
            esc(b, x->fingerprint ? x->fingerprint : "");
            sb_puts(b, "\"><td class=\"rid\">");
        } else
            sb_puts(b, "<tr><td class=\"rid\">");
        esc(b, x->rule);
        if (s >= 0)
            sb_printf(b, "</td><td><span class=\"sev s%d\">%s</span></td><td class=\"pid\">", s, sev_label[s]);
        else {
            sb_puts(b, "</td><td>");
            esc_cut(b, x->severity, 20);
            sb_puts(b, "</td><td class=\"pid\">");
        }
        esc_cut(b, x->project_id, 200);
        sb_puts(b, "</td><td class=\"mono key\">");
        esc_cut(b, x->key, 200);
        sb_puts(b, "</td><td class=\"where\">");
        where_text(b, x->file, x->line);
        sb_puts(b, "</td><td class=\"msg\">");
        esc_cut(b, x->message, MSG_MAX);
        sb_puts(b, "</td><td class=\"age\">");
        esc_cut(b, x->first_seen, 20);
        sb_puts(b, "</td><td><span class=\"bl br\">RESOLVED</span></td></tr>\n");
        out_flush(b);
    }
    sb_puts(b, "</tbody></table></div>\n");
    if (r->nresolved > n) {
        sb_puts(b, "<p class=\"more\"><strong>");
        num(b, r->nresolved - n);
        sb_puts(b, " more</strong> resolved findings: see report.json.</p>\n");
    }
    sb_puts(b, "</section>\n");
}

static void not_run(const page *pg, sbuf *b)
{
    const pa_report *r = pg->r;
    sb_printf(b, "<section class=\"sec\" id=\"notrun\">\n<h2>Rules that did not run<span class=\"c\">%d</span></h2>\n",
              r->skipped + r->errored);
    if (!r->skipped && !r->errored) {
        sb_puts(b, "<p class=\"ok\">Every selected rule ran to the end.</p>\n</section>\n");
        return;
    }
    sb_puts(b, "<div class=\"card tw\"><table class=\"ft\"><thead><tr><th>Status</th><th>Rule</th><th>Title</th>"
               "<th>Why</th><th>Declared at</th></tr></thead>\n<tbody>\n");
    for (int k = 0; k < r->nrules; k++) {
        const rgroup *g = &pg->g[k];
        if (g->res->status != ST_SKIPPED && g->res->status != ST_ERRORED)
            continue;
        bool err = g->res->status == ST_ERRORED;
        sb_printf(b, "<tr><td><span class=\"sev %s\">%s</span></td><td class=\"rid\">", err ? "s2" : "s0",
                  status_name(g->res->status));
        esc(b, g->rule->id);
        sb_puts(b, "</td><td>");
        esc(b, g->rule->title);
        sb_puts(b, "</td><td class=\"msg\">");
        esc_cut(b, g->res->message, MSG_MAX);
        sb_puts(b, "</td><td class=\"mono\">");
        esc(b, g->rule->file);
        sb_printf(b, ":%d</td></tr>\n", g->rule->line);
    }
    sb_puts(b, "</tbody></table></div>\n</section>\n");
}

static void all_rules(const page *pg, sbuf *b)
{
    const pa_report *r = pg->r;
    sb_printf(b, "<section class=\"sec\" id=\"rules\">\n<h2>All rules<span class=\"c\">%d</span></h2>\n"
                 "<p class=\"lede\">The status of every selected rule and its count of findings (waived and "
                 "not listed ones included).</p>\n<div class=\"card all\"><div class=\"tw\"><table class=\"ft\">"
                 "<thead><tr><th>Rule</th><th>Severity</th><th>Domain</th>"
                 "<th>Title</th><th>Status</th><th class=\"n\">Findings</th></tr></thead>\n<tbody>\n",
              r->nrules);
    for (int k = 0; k < r->nrules; k++) {
        const rgroup *g = &pg->g[k];
        int s = g->rule->sev & 3;
        sb_puts(b, "<tr><td class=\"rid\">");
        if (g->active) {
            sb_puts(b, "<a href=\"#r-");
            esc(b, g->rule->id);
            sb_puts(b, "\">");
            esc(b, g->rule->id);
            sb_puts(b, "</a>");
        } else
            esc(b, g->rule->id);
        sb_printf(b, "</td><td><span class=\"sev s%d\">%s</span></td><td>", s, sev_label[s]);
        esc(b, g->rule->domain);
        sb_puts(b, "</td><td>");
        esc(b, g->rule->title);
        sb_printf(b, "</td><td>%s</td>", status_name(g->res->status));
        count_cell(b, g->res->count);
        sb_puts(b, "</tr>\n");
    }
    sb_puts(b, "</tbody></table></div></div>\n</section>\n");
}

void report_html(const pa_report *r, const pa_text_opts *o, sbuf *b)
{
    (void)o;
    page pg;
    build_page(&pg, r);
    char T[16];
    date_format(r->T, T);
    /* The one script that may run is report.js, by its SHA-256 (computed
     * when it was embedded): markup that escaped escaping could not run. */
    const pa_embedded *js = asset("engine/report/assets/report.js");
    sb_printf(b, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                 "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                 "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                 "style-src 'unsafe-inline'; script-src 'sha256-%s'; img-src data:\">\n"
                 "<meta name=\"generator\" content=\"pmoaudit ",
              js ? js->sha256 : "");
    esc(b, r->version);
    sb_puts(b, "\">\n<title>Portfolio audit: ");
    esc(b, r->st->dir);
    sb_printf(b, " as of %s</title>\n<style>\n", T);
    /* The stylesheet: engine/report/assets/report.css, embedded at build time. */
    put_asset(b, "engine/report/assets/report.css");
    sb_puts(b, "</style>\n</head>\n<body>\n");
    header(&pg, b);
    nav(&pg, b);
    sb_puts(b, "<main class=\"wrap\">\n");
    summary(&pg, b);
    trends(&pg, b);
    new_since(&pg, b);
    portfolio(&pg, b);
    findings(&pg, b);
    waived(&pg, b);
    resolved(&pg, b);
    not_run(&pg, b);
    all_rules(&pg, b);
    sb_puts(b, "</main>\n<footer><div class=\"wrap\">Generated by pmoaudit ");
    esc(b, r->version);
    sb_printf(b, " &middot; as of %s &middot; exit code %d &middot; full detail in report.json and report.csv"
                 "</div></footer>\n",
              T, r->exit_code);
    data_block(&pg, b);
    /* The script, engine/report/assets/report.js, embedded at build time and
     * written right after <script> so that the element's text is the file
     * the hash was taken of: print and portfolio-table helpers first, then
     * the lists, filters and sorting (which stop early without data). */
    sb_puts(b, "<script>");
    put_asset(b, "engine/report/assets/report.js");
    sb_puts(b, "</script>\n</body>\n</html>\n");
    free_page(&pg);
}
