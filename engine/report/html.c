/*
 * report/html.c - the report for people: one self-contained HTML file (inline
 * CSS, inline SVG charts, a little inline JS, no network) that an auditor
 * opens every morning and that prints to a clean PDF. It has the run header,
 * a summary with charts by severity and domain, a portfolio table with each
 * project's computed RAG next to the RAG it reports, the findings grouped by
 * rule (at most HTML_PER_RULE each: report.json has them all) with filters
 * and sorting that degrade to a plain list without JS, then waived findings,
 * resolved ones (with a baseline), rules that did not run and the status of
 * every rule. Every byte of data is escaped and invalid UTF-8 becomes U+FFFD.
 * Two runs on the same input give the same bytes; the run's duration is
 * shown with --timings only. This file writes the markup; the stylesheet and the script
 * are engine/report/assets/report.css and report.js, embedded in the binary
 * at build time (core/embedded.h) and copied into the page unchanged.
 */
#include "load/row_ledger.h"
#include "report/json_escape.h"
#include "collect/report_model.h"
#include "collect/split.h"
#include "collect/scope.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/embedded.h"

#define HTML_PER_RULE 200   /* findings listed per rule */
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

/* ---- the model the page needs ------------------------------------------ */

typedef struct {
    char *id, *name, *manager, *status, *rag; /* owned; NULL when absent */
    bool in_table;
    size_t by_sev[4], waived, nnew;           /* listed or not (past --max-findings) */
    size_t listed;                            /* its unwaived findings this page lists */
    size_t row;                               /* its row in projects.csv */
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
                                     cell_dup(t, cr, i), true, {0}, 0, 0, 0, i};
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
        pg->p[pg->np++] = (proj){xstrdup(miss[i]), NULL, NULL, NULL, NULL, false, {0}, 0, 0, 0, 0};
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

/* How many of each project's unwaived findings the rule groups list (at
 * most HTML_PER_RULE per rule): a project whose count is higher says so. */
static void count_listed(page *pg)
{
    const pa_report *r = pg->r;
    for (int k = 0; k < r->nrules; k++) {
        const rgroup *g = &pg->g[k];
        size_t shown = 0;
        for (size_t i = g->from; i < g->to && shown < HTML_PER_RULE; i++) {
            const pa_finding *f = &r->all.v[i];
            if (f->waived)
                continue;
            shown++;
            proj *p = f->project_id && *f->project_id ? find_proj(pg, f->project_id) : NULL;
            if (p)
                p->listed++;
        }
    }
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
    for (size_t i = 0; i < r->all.n;) {
        const char *id = r->all.v[i].rule;
        size_t j = i;
        while (j < r->all.n && strcmp(r->all.v[j].rule, id) == 0)
            j++;
        int ri = reg_index(r->reg, id);
        rgroup *g = ri >= 0 && slot[ri] >= 0 ? &pg->g[slot[ri]] : NULL;
        for (size_t k = i; k < j; k++) {
            const pa_finding *f = &r->all.v[k];
            proj *p = f->project_id && *f->project_id ? find_proj(pg, f->project_id) : NULL;
            pg->aged |= f->first_seen[0] != 0;
            if (f->waived) {
                pg->waived++;
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
    count_listed(pg);
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
static void put_asset(sbuf *b, const char *path)
{
    for (int i = 0; builtin_assets[i].path; i++)
        if (strcmp(builtin_assets[i].path, path) == 0) {
            sb_add(b, builtin_assets[i].text, builtin_assets[i].len);
            return;
        }
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
        esc(b, e->file);
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
    sb_puts(b, "<nav class=\"toc\"><div class=\"wrap\">\n<a href=\"#summary\">Summary</a>\n"
               "<a href=\"#portfolio\">Portfolio<span class=\"c\">");
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
    sb_puts(b, "<p class=\"lede\">Computed RAG: red with any error or critical finding, amber with any warning, "
               "green otherwise (waived findings do not count). <span class=\"worse\">&#9650;</span> marks a "
               "project whose computed RAG is worse than the RAG it reports. Click a column to sort.</p>\n");
    sb_puts(b, "<div class=\"card tw\"><table class=\"pt\" id=\"ptable\"><thead><tr>"
               "<th class=\"s\">Project</th><th class=\"s\">Name</th><th class=\"s\">Manager</th>"
               "<th class=\"s\">Status</th><th class=\"s\" data-num>Reported</th><th class=\"s\" data-num>Computed</th>"
               "<th class=\"s n\">Critical</th><th class=\"s n\">Error</th><th class=\"s n\">Warning</th>"
               "<th class=\"s n\">Info</th>");
    if (pg->baseline)
        sb_puts(b, "<th class=\"s n\">New</th>");
    sb_puts(b, "<th class=\"s n\">Waived</th><th class=\"s\" data-num>Findings</th></tr></thead>\n<tbody>\n");
    for (size_t i = 0; i < pg->ntable; i++)
        project_row(pg, &pg->p[i], b);
    if (!pg->ntable)
        sb_printf(b, "<tr><td colspan=\"%d\" class=\"empty\">No project rows.</td></tr>\n", pg->baseline ? 13 : 12);
    sb_puts(b, "</tbody>\n");
    size_t norph = pg->np - pg->ntable;
    if (norph) {
        sb_printf(b, "<tbody><tr class=\"sub\"><td colspan=\"%d\">", pg->baseline ? 13 : 12);
        num(b, norph);
        sb_printf(b, " project %s named by findings but not in the projects table</td></tr>\n",
                  plural(norph, "id", "ids"));
        for (size_t i = pg->ntable; i < pg->np && i < pg->ntable + HTML_ORPHANS; i++)
            project_row(pg, &pg->p[i], b);
        if (norph > HTML_ORPHANS) {
            sb_printf(b, "<tr class=\"sub\"><td colspan=\"%d\">", pg->baseline ? 13 : 12);
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

static void finding_row(const page *pg, const pa_finding *f, size_t idx, sbuf *b)
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
    sb_printf(b, " id=\"f%zu\"><td><span class=\"sev s%d\">%s</span></td><td class=\"pid\">", idx, s, sev_label[s]);
    esc_cut(b, f->project_id, 200);
    sb_puts(b, "</td><td class=\"mono key\">");
    esc_cut(b, f->key, 200);
    sb_puts(b, "</td><td class=\"where\">");
    if (f->file) {
        sb_puts(b, "<span title=\"");
        esc(b, f->file);
        sb_puts(b, "\">");
        esc(b, base_name(f->file));
        sb_puts(b, "</span>");
        if (f->line)
            sb_printf(b, ":%u", f->line);
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
    if (pg->aged) {
        if (age >= 0)
            sb_printf(b, "<td class=\"age\" title=\"first seen %s\">%ld d</td>", f->first_seen, age);
        else
            sb_puts(b, "<td class=\"age\"></td>");
    }
    if (pg->baseline)
        sb_puts(b, f->baseline == BL_NEW        ? "<td><span class=\"bl bn\">NEW</span></td>"
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

static void rule_group(const page *pg, const rgroup *g, sbuf *b)
{
    const pa_report *r = pg->r;
    const pa_rule *rule = g->rule;
    int rs = rule->sev & 3;
    size_t total = g->active + (g->res->dropped > 0 ? g->res->dropped : 0);
    size_t listed = g->active < HTML_PER_RULE ? g->active : HTML_PER_RULE;
    /* The browser lays out a group only when it comes into view
     * (content-visibility); a close guess of its height keeps the scroll
     * bar and links to #r-ID right before that. */
    sb_printf(b, "<section class=\"card rule\" style=\"contain-intrinsic-size:auto %zupx\" id=\"r-",
              (size_t)150 + 50 * listed + (total > listed ? 40 : 0));
    esc(b, rule->id);
    sb_puts(b, "\" data-r=\"");
    esc(b, rule->id);
    sb_puts(b, "\" data-d=\"");
    esc(b, rule->domain);
    sb_printf(b, "\" data-s=\"%d\">\n<div class=\"rh\"><h3><span class=\"sev s%d\">%s</span> <a class=\"rid\" href=\"#r-",
              g->max_sev < 0 ? rs : g->max_sev, rs, sev_label[rs]);
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
    if (rule->doc && *rule->doc) {
        sb_puts(b, "<details class=\"doc\"><summary>What it checks, why it matters, how to fix</summary>"
                   "<div class=\"doctext\">\n");
        doc_html(b, rule->doc);
        sb_puts(b, "</div></details>\n");
    }
    finding_head(pg, b, false);
    size_t shown = 0;
    for (size_t i = g->from; i < g->to && shown < HTML_PER_RULE; i++) {
        if (r->all.v[i].waived)
            continue;
        finding_row(pg, &r->all.v[i], i, b);
        shown++;
    }
    sb_puts(b, "</tbody></table></div>\n");
    if (total > shown) {
        sb_puts(b, "<p class=\"more\"><strong>");
        num(b, total - shown);
        sb_printf(b, " more</strong> %s of ", plural(total - shown, "finding", "findings"));
        esc(b, rule->id);
        sb_printf(b, " not listed here (the first %zu are): see report.json / report.csv for all of them.", shown);
        if (g->res->dropped) {
            sb_puts(b, " ");
            esc_cut(b, g->res->message, MSG_MAX);
        }
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

/* The Owner filter: each owner (project manager) of an open finding, with
 * their count of open findings; findings with no owner match only "All". */
static void owner_select(const page *pg, sbuf *b)
{
    const pa_report *r = pg->r;
    const char **v = xmalloc((r->all.n + 1) * sizeof *v);
    size_t n = 0;
    for (size_t i = 0; i < r->all.n; i++)
        if (!r->all.v[i].waived && r->all.v[i].owner)
            v[n++] = r->all.v[i].owner;
    qsort(v, n, sizeof *v, cmp_cstr);
    sb_puts(b, "<label class=\"f\">Owner<select id=\"f-own\"><option value=\"\">All owners</option>");
    for (size_t i = 0, j; i < n; i = j) {
        for (j = i; j < n && strcmp(v[j], v[i]) == 0;)
            j++;
        sb_puts(b, "<option value=\"");
        esc_cut(b, v[i], 200);
        sb_puts(b, "\">");
        esc_cut(b, v[i], 60);
        sb_printf(b, " (%zu)</option>", j - i);
    }
    sb_puts(b, "</select></label>\n");
    free(v);
}

/* The filter bar: hidden without JS (class js-only), where the page is a
 * plain list. */
static void controls(const page *pg, sbuf *b)
{
    const pa_report *r = pg->r;
    sb_puts(b, "<form class=\"card controls js-only\" id=\"ctl\" autocomplete=\"off\">\n"
               "<fieldset class=\"chips\"><legend>Severity</legend>");
    size_t listed[4] = {0};
    for (int k = 0; k < r->nrules; k++) {
        const rgroup *g = &pg->g[k];
        size_t shown = 0;
        for (size_t i = g->from; i < g->to && shown < HTML_PER_RULE; i++)
            if (!r->all.v[i].waived) {
                listed[r->all.v[i].sev & 3]++;
                shown++;
            }
    }
    for (int s = 3; s >= 0; s--)
        sev_chip(b, s, listed[s]);
    sb_puts(b, "</fieldset>\n<label class=\"f\">Domain<select id=\"f-dom\"><option value=\"\">All domains</option>");
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
    sb_puts(b, "</select></label>\n<label class=\"f\">Project<select id=\"f-prj\"><option value=\"\">All projects"
               "</option>");
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
    sb_puts(b, "</span></h2>\n");
    sb_printf(b, "<p class=\"lede\">Grouped by rule. At most %d findings are listed per rule; report.json and "
                 "report.csv have every one. Waived findings are listed apart, below.",
              HTML_PER_RULE);
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
    sb_puts(b, "<noscript><p class=\"lede\">Filters and sorting need JavaScript; every listed finding is shown below."
               "</p></noscript>\n<div id=\"groups\">\n");
    for (int k = 0; k < r->nrules; k++)
        if (pg->g[k].active || pg->g[k].res->dropped)
            rule_group(pg, &pg->g[k], b);
    sb_puts(b, "</div>\n<p id=\"f-none\" class=\"card empty\" hidden>No finding matches these filters.</p>\n"
               "<p id=\"f-more\" class=\"card more\" hidden></p>\n</section>\n");
}

/* ---- waived, resolved, not run, all rules ------------------------------ */

/* "file.csv:12": the base name of a finding's or waiver's file and its line. */
static void where_text(sbuf *b, const char *file, uint32_t line)
{
    if (!file)
        return;
    esc(b, base_name(file));
    if (line)
        sb_printf(b, ":%u", line);
}

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
    sb_puts(b, "<section class=\"sec\" id=\"resolved\">\n<h2>Resolved since the baseline<span class=\"c\">");
    num(b, r->nresolved);
    sb_puts(b, "</span></h2>\n<p class=\"lede\">In the baseline ");
    esc(b, r->baseline_path);
    sb_puts(b, ", gone now.</p>\n");
    if (!r->nresolved) {
        sb_puts(b, "<p class=\"card empty\">Nothing was resolved since the baseline.</p>\n</section>\n");
        return;
    }
    sb_puts(b, "<div class=\"card tw\"><table class=\"ft\"><thead><tr><th>Rule</th><th>Severity</th><th>Project</th>"
               "<th>Key</th><th>Where</th><th>Message</th><th>First seen</th><th></th></tr></thead>\n<tbody>\n");
    size_t n = r->nresolved < HTML_LIST_CAP ? r->nresolved : HTML_LIST_CAP;
    for (size_t i = 0; i < n; i++) {
        const pa_resolved *x = &r->resolved[i];
        int s = x->severity ? sev_parse(x->severity, false) : -1;
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
                 "<details class=\"card all\"><summary>Status of every selected rule</summary>\n"
                 "<div class=\"tw\"><table class=\"ft\"><thead><tr><th>Rule</th><th>Severity</th><th>Domain</th>"
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
    sb_puts(b, "</tbody></table></div></details>\n</section>\n");
}

void report_html(const pa_report *r, const pa_text_opts *o, sbuf *b)
{
    (void)o;
    page pg;
    build_page(&pg, r);
    char T[16];
    date_format(r->T, T);
    sb_puts(b, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
               "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
               "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
               "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\n"
               "<meta name=\"generator\" content=\"pmoaudit ");
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
    portfolio(&pg, b);
    findings(&pg, b);
    waived(&pg, b);
    resolved(&pg, b);
    not_run(&pg, b);
    all_rules(&pg, b);
    sb_puts(b, "</main>\n<footer><div class=\"wrap\">Generated by pmoaudit ");
    esc(b, r->version);
    sb_printf(b, " &middot; as of %s &middot; exit code %d &middot; full detail in report.json and report.csv"
                 "</div></footer>\n<script>\n",
              T, r->exit_code);
    /* The script, engine/report/assets/report.js, embedded at build time:
     * print and portfolio-table helpers first, then the findings filters and
     * sorting (which stop early when the page has no findings filter bar). */
    put_asset(b, "engine/report/assets/report.js");
    sb_puts(b, "</script>\n</body>\n</html>\n");
    free_page(&pg);
}
