/*
 * load/xer_map.c - Primavera P6 XER exports onto the data model, as the
 * p6 profile maps P6's spreadsheet export (profiles/p6.lua): PROJECT rows
 * become projects (named and given a status by their root PROJWBS node),
 * TASK rows become tasks (WBS codes from PROJWBS, hours turned into days
 * with the hours per day of the activity's CALENDAR, P6's codes into the
 * model's words), TASKPRED rows their predecessors (lag in days of the
 * calendar SCHEDOPTIONS names), TASKRSRC rows their resources, and RSRC
 * rows resources. The mapped rows are fed to the loader's table sink
 * (load/table_load.h) at the line of their %R row, so typing and DAT
 * findings are as for a CSV file.
 *
 * Every %R row of every table gets its place in the row ledger, one entry
 * per table (its `part`): loaded into the tables it fed, or left out with
 * the reason (a table pmoaudit does not read, a row with more fields than
 * its %F line, a relationship whose activity is not in the file, ...).
 * A P6 code pmoaudit does not know is kept (as text, or read as a
 * documented default) and reported once per value as DAT-009.
 */
#include "load/xer_map.h"
#include "load/xer_read.h"
#include "load/row_ledger.h"
#include "core/strpool.h"
#include "core/util.h"

#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

enum { X_PROJECT, X_PROJWBS, X_CALENDAR, X_SCHEDOPT, X_TASK, X_TASKPRED, X_RSRC, X_TASKRSRC, NX };
enum { P_ID, P_SHORT, P_CLNDR, P_START, P_SCDEND, P_RECALC };
enum { W_ID, W_PROJ, W_NODE, W_STATUS, W_SHORT, W_NAME, W_PARENT };
enum { C_ID, C_DEFAULT, C_HOURS };
enum { S_PROJ, S_LAGCAL };
enum { T_ID, T_PROJ, T_WBS, T_CLNDR, T_PHYS, T_PCTTYPE, T_TYPE, T_STATUS, T_CODE, T_NAME, T_FLOAT, T_REMAIN,
       T_ACTWORK, T_REMWORK, T_TARGET, T_ASTART, T_AEND, T_ESTART, T_EEND, T_RSTART, T_REND, T_PSTART, T_PEND,
       T_CSTR, T_CSTRDATE, T_NF };
enum { K_TASK, K_PRED, K_TYPE, K_LAG };
enum { R_ID, R_SHORT, R_NAME };
enum { A_TASK, A_RSRC };

#define MAXF 28

/* The tables read: name, whether field 0 is a key rows are found by, why
 * a row no table needed is left out (a choice: no finding), and fields. */
static const struct {
    const char *name;
    bool keyed;
    const char *unused;
    const char *fields[MAXF];
} xt[NX] = {
    {"PROJECT", true, NULL,
     {"proj_id", "proj_short_name", "clndr_id", "plan_start_date", "scd_end_date", "last_recalc_date"}},
    {"PROJWBS", true, "a WBS node with no activity under it that is no project's root",
     {"wbs_id", "proj_id", "proj_node_flag", "status_code", "wbs_short_name", "wbs_name", "parent_wbs_id"}},
    {"CALENDAR", true, "a calendar no activity, relationship or project uses", {"clndr_id", "default_flag", "day_hr_cnt"}},
    {"SCHEDOPTIONS", true, "schedule options no relationship lag needed", {"proj_id", "sched_calendar_on_relationship_lag"}},
    {"TASK", true, NULL,
     {"task_id", "proj_id", "wbs_id", "clndr_id", "phys_complete_pct", "complete_pct_type", "task_type", "status_code",
      "task_code", "task_name", "total_float_hr_cnt", "remain_drtn_hr_cnt", "act_work_qty", "remain_work_qty",
      "target_drtn_hr_cnt", "act_start_date", "act_end_date", "early_start_date", "early_end_date", "restart_date",
      "reend_date", "target_start_date", "target_end_date", "cstr_type", "cstr_date"}},
    {"TASKPRED", false, NULL, {"task_id", "pred_task_id", "pred_type", "lag_hr_cnt"}},
    {"RSRC", true, NULL, {"rsrc_id", "rsrc_short_name", "rsrc_name"}},
    {"TASKRSRC", false, NULL, {"task_id", "rsrc_id"}},
};

/* The tables of the data model an export fills, in load order. */
enum { O_PROJECTS, O_TASKS, O_RESOURCES, NO };
static const char *const out_name[NO] = {"projects", "tasks", "resources"};
static const char *const out_cols[NO] =
    {"project_id,name,status,start_date,forecast_finish,data_date",
     "task_id,project_id,name,wbs,start,finish,actual_start,actual_finish,baseline_start,baseline_finish,"
     "duration_days,total_float_days,percent_complete,constraint,constraint_date,is_milestone,is_summary,"
     "predecessors,resource,activity_status",
     "resource_id,name"};

/* Row state: the tables it fed, or left out (its ledger line written). */
enum { ST_PROJECTS = 1, ST_TASKS = 2, ST_RESOURCES = 4, ST_LEFT = 8 };

typedef struct {
    const xer_table *t; /* NULL when the export lacks it */
    size_t pos[MAXF];   /* field -> position in the %F line, SIZE_MAX when absent */
    uint8_t *state;     /* row -> ST_* */
    strpool keys;       /* field 0's values (keyed tables) */
    size_t *row_of;     /* key id -> its first row */
    int led;            /* its ledger entry (an index: the array grows) */
} xtab;

/* A P6 code pmoaudit does not know: one DAT-009 per field and value. */
typedef struct {
    int t, f;
    char *value, *as;
    size_t rows;
    uint32_t lines[LEDGER_LINES];
    int nlines;
} xunknown;

typedef struct {
    pa_store *st;
    pa_findings *out;
    const char *file; /* the ledger's copy, which lives as long as the store */
    xer_file x;
    xtab t[NX];
    sbuf *pred, *res;  /* TASK row -> its predecessors, its resources */
    grid og[NO];       /* the mapped rows */
    bool has[NO];
    xunknown *unk;
    int nunk;
} xctx;

/* ---- looking things up --------------------------------------------------------- */

/* Field f of row r of table t, or NULL when absent or empty. */
static const char *get(const xctx *c, int t, size_t r, int f)
{
    const xtab *x = &c->t[t];
    size_t n;
    const char *s = x->t && x->pos[f] != SIZE_MAX ? grid_at(&x->t->g, r, x->pos[f], &n) : NULL;
    return s && n ? s : NULL;
}

/* The row of table t whose key is key (0: none; row 0 is the %F line). */
static size_t find(const xctx *c, int t, const char *key)
{
    const xtab *x = &c->t[t];
    if (!key || !x->t || !x->row_of)
        return 0;
    uint32_t id = sp_find(&x->keys, key, strlen(key));
    return id ? x->row_of[id] : 0;
}

static pa_ledger_file *entry(xctx *c, int t)
{
    return &c->st->ledger.v[c->t[t].led];
}

static void leave(xctx *c, int t, size_t r, const char *reason, bool chosen)
{
    c->t[t].state[r] |= ST_LEFT;
    ledger_leave(entry(c, t), reason, chosen, c->t[t].t->g.line[r]);
}

static bool yes(const char *s)
{
    return s && (strcmp(s, "Y") == 0 || strcmp(s, "y") == 0);
}

/* Record that field f of row r held value, a code pmoaudit does not know,
 * read as `as` (NULL: kept as it is). */
static void unknown(xctx *c, int t, size_t r, int f, const char *value, const char *as)
{
    xunknown *u = NULL;
    for (int i = 0; i < c->nunk && !u; i++)
        if (c->unk[i].t == t && c->unk[i].f == f && strcmp(c->unk[i].value, value) == 0)
            u = &c->unk[i];
    if (!u) {
        c->unk = xrealloc(c->unk, (size_t)(c->nunk + 1) * sizeof *c->unk);
        u = &c->unk[c->nunk++];
        memset(u, 0, sizeof *u);
        u->t = t;
        u->f = f;
        u->value = xstrdup(value);
        u->as = as ? xstrdup(as) : NULL;
    }
    u->rows++;
    if (u->nlines < LEDGER_LINES)
        u->lines[u->nlines++] = c->t[t].t->g.line[r];
}

/* ---- the tables read ------------------------------------------------------------ */

/* Table t's fields, row states, the rows with more fields than the %F line
 * (left out) and the key index. */
static void index_table(xctx *c, int t)
{
    xtab *x = &c->t[t];
    const grid *g = &x->t->g;
    for (int f = 0; f < MAXF; f++)
        x->pos[f] = xt[t].fields[f] ? xer_field(x->t, xt[t].fields[f]) : SIZE_MAX;
    x->state = xcalloc(g->nrows + 1, 1);
    if (xt[t].keyed) {
        sp_init(&x->keys);
        x->row_of = xcalloc(g->nrows + 1, sizeof *x->row_of);
    }
    for (size_t r = 1; r < g->nrows; r++) {
        if (g->width[r] > x->t->nfields) {
            leave(c, t, r, "more fields than its table's %F line names", false);
            continue;
        }
        const char *k = xt[t].keyed ? get(c, t, r, 0) : NULL;
        if (k) {
            uint32_t id = sp_intern(&x->keys, k, strlen(k));
            if (id <= g->nrows && !x->row_of[id])
                x->row_of[id] = r;
        }
    }
}

/* Every table of the export gets its ledger entry; the tables read are
 * indexed, the others' rows left out. */
static void index_tables(xctx *c)
{
    for (int i = 0; i < c->x.nt; i++) {
        const xer_table *xtb = &c->x.t[i];
        pa_ledger_file *e = ledger_file(&c->st->ledger, c->file, xtb->name);
        int led = (int)(e - c->st->ledger.v), t = 0;
        while (t < NX && strcmp(xt[t].name, xtb->name) != 0)
            t++;
        if (t < NX) {
            c->t[t].t = xtb;
            c->t[t].led = led;
            index_table(c, t);
            continue;
        }
        char *why = xasprintf("table %s is not read (pmoaudit reads PROJECT, PROJWBS, CALENDAR, SCHEDOPTIONS, TASK, "
                              "TASKPRED, RSRC and TASKRSRC)", xtb->name);
        for (size_t r = 1; r < xtb->g.nrows; r++)
            ledger_leave(&c->st->ledger.v[led], why, true, xtb->g.line[r]);
        free(why);
    }
}

/* ---- calendars and numbers ------------------------------------------------------ */

/* The hours per day of calendar key (marked as used), or 0. */
static double cal_hours(xctx *c, const char *key)
{
    size_t r = find(c, X_CALENDAR, key);
    const char *h = r ? get(c, X_CALENDAR, r, C_HOURS) : NULL;
    char *end;
    double v = h ? strtod(h, &end) : 0;
    if (!h || *end || !(v > 0 && v <= 24))
        return 0;
    c->t[X_CALENDAR].state[r] |= ST_TASKS;
    return v;
}

/* The hours per day of project row p's default calendar, else of the
 * export's default calendar (default_flag Y), else 8. */
static double project_hours(xctx *c, size_t p)
{
    double h = p ? cal_hours(c, get(c, X_PROJECT, p, P_CLNDR)) : 0;
    const xtab *cal = &c->t[X_CALENDAR];
    for (size_t r = 1; h == 0 && cal->t && r < cal->t->g.nrows; r++)
        if (!(cal->state[r] & ST_LEFT) && yes(get(c, X_CALENDAR, r, C_DEFAULT)))
            h = cal_hours(c, get(c, X_CALENDAR, r, C_ID));
    return h > 0 ? h : 8;
}

/* The hours per day of TASK row r: its calendar's, else its project's. */
static double task_hours(xctx *c, size_t r)
{
    double h = cal_hours(c, get(c, X_TASK, r, T_CLNDR));
    return h > 0 ? h : project_hours(c, find(c, X_PROJECT, get(c, X_TASK, r, T_PROJ)));
}

static bool number(const char *s, double *v)
{
    char *end;
    if (!s)
        return false;
    *v = strtod(s, &end);
    return *end == 0 && end != s && isfinite(*v);
}

/* Hours as days of hpd hours into b; text that is not a number is kept
 * for DAT-001 to report. */
static void put_days(sbuf *b, const char *hours, double hpd)
{
    double v;
    if (!hours)
        return;
    if (number(hours, &v))
        sb_printf(b, "%.6g", v / hpd + 0.0);
    else
        sb_puts(b, hours);
}

/* A P6 date-time ("2026-01-05 08:00") as its date; other text is kept for
 * DAT-001 to report. */
static void put_date(sbuf *b, const char *s)
{
    if (!s)
        return;
    size_t n = strlen(s);
    bool iso = n >= 10 && s[4] == '-' && s[7] == '-' && (n == 10 || s[10] == ' ' || s[10] == 'T');
    sb_add(b, s, iso ? 10 : n);
}

static void put_first_date(sbuf *b, const char *a, const char *b2, const char *c3, const char *d4)
{
    put_date(b, a ? a : b2 ? b2 : c3 ? c3 : d4);
}

/* ---- P6 codes ------------------------------------------------------------------- */

typedef struct {
    const char *code, *word;
} xcode;

static const xcode cstr_codes[] = {
    {"CS_ALAP", "ALAP"}, {"CS_MSO", "MSO"},   {"CS_MSOA", "SNET"},      {"CS_MSOB", "SNLT"},     {"CS_MEO", "MFO"},
    {"CS_MEOA", "FNET"}, {"CS_MEOB", "FNLT"}, {"CS_MANDSTART", "MSO"}, {"CS_MANDFIN", "MFO"}, {NULL, NULL}};
static const xcode task_status[] = {
    {"TK_NotStart", "Not Started"}, {"TK_Active", "In Progress"}, {"TK_Complete", "Completed"}, {NULL, NULL}};
static const xcode wbs_status[] = {{"WS_Open", "active"},        {"WS_Planned", "proposed"}, {"WS_Whatif", "proposed"},
                                   {"WS_Requested", "proposed"}, {"WS_Closed", "closed"},    {NULL, NULL}};
static const xcode link_types[] = {{"PR_FS", "FS"}, {"PR_SS", "SS"}, {"PR_FF", "FF"}, {"PR_SF", "SF"}, {NULL, NULL}};
/* task_type: "m" a milestone, "s" a summary (WBS summary), "" neither */
static const xcode task_types[] = {{"TT_Task", ""},   {"TT_Rsrc", ""}, {"TT_LOE", ""}, {"TT_Mile", "m"},
                                   {"TT_FinMile", "m"}, {"TT_WBS", "s"}, {NULL, NULL}};

static const char *code_word(const xcode *m, const char *v)
{
    for (int i = 0; v && m[i].code; i++)
        if (strcmp(m[i].code, v) == 0)
            return m[i].word;
    return NULL;
}

/* Field f of row r through map m into b: a code m lacks is kept as it is
 * (DAT-009). */
static void put_code(xctx *c, int t, size_t r, int f, const xcode *m, sbuf *b)
{
    const char *v = get(c, t, r, f), *w = code_word(m, v);
    if (v && !w)
        unknown(c, t, r, f, v, NULL);
    if (v)
        sb_puts(b, w ? w : v);
}

/* ---- relationships and assignments ---------------------------------------------- */

/* The hours per day a lag between TASK rows p (predecessor) and s is
 * counted in: P6's schedule option for relationship lag of s's project
 * (SCHEDOPTIONS), the predecessor's calendar when the export has none. */
static double lag_hours(xctx *c, size_t s, size_t p)
{
    size_t o = find(c, X_SCHEDOPT, get(c, X_TASK, s, T_PROJ));
    const char *mode = o ? get(c, X_SCHEDOPT, o, S_LAGCAL) : NULL;
    if (o)
        c->t[X_SCHEDOPT].state[o] |= ST_TASKS;
    if (mode && strcmp(mode, "rcal_Successor") == 0)
        return task_hours(c, s);
    if (mode && strcmp(mode, "rcal_24Hour") == 0)
        return 24;
    if (mode && strcmp(mode, "rcal_ProjDefault") == 0)
        return project_hours(c, find(c, X_PROJECT, get(c, X_TASK, s, T_PROJ)));
    if (mode && strcmp(mode, "rcal_Predecessor") != 0)
        unknown(c, X_SCHEDOPT, o, S_LAGCAL, mode, "rcal_Predecessor");
    return task_hours(c, p);
}

/* TASKPRED row r onto its successor's predecessors, or left out. */
static void link_pred(xctx *c, size_t r)
{
    size_t s = find(c, X_TASK, get(c, X_TASKPRED, r, K_TASK)), p = find(c, X_TASK, get(c, X_TASKPRED, r, K_PRED));
    const char *type = code_word(link_types, get(c, X_TASKPRED, r, K_TYPE)), *lag = get(c, X_TASKPRED, r, K_LAG);
    double hours = 0;
    const char *why = !s      ? "its activity (task_id) is not in table TASK"
                      : !p    ? "its predecessor (pred_task_id) is not in table TASK"
                      : !type ? "pred_type is not PR_FS, PR_SS, PR_FF or PR_SF"
                      : lag && !number(lag, &hours) ? "lag_hr_cnt is not a number"
                                                    : NULL;
    if (why) {
        leave(c, X_TASKPRED, r, why, false);
        return;
    }
    sbuf *b = &c->pred[s];
    const char *code = get(c, X_TASK, p, T_CODE);
    sb_printf(b, "%s%s:%s", b->len ? ";" : "", code ? code : "", type);
    if (hours != 0)
        sb_printf(b, "%+.6gd", hours / lag_hours(c, s, p));
    c->t[X_TASKPRED].state[r] |= ST_TASKS;
}

/* TASKRSRC row r onto its activity's resources, or left out. */
static void link_rsrc(xctx *c, size_t r)
{
    const char *rid = get(c, X_TASKRSRC, r, A_RSRC);
    size_t t = find(c, X_TASK, get(c, X_TASKRSRC, r, A_TASK)), s = find(c, X_RSRC, rid);
    const char *why = !t     ? "its activity (task_id) is not in table TASK"
                      : !rid ? "no rsrc_id (a role assigned without a resource)"
                      : !s   ? "its resource (rsrc_id) is not in table RSRC"
                             : NULL;
    if (why) {
        leave(c, X_TASKRSRC, r, why, false);
        return;
    }
    const char *name = get(c, X_RSRC, s, R_SHORT);
    name = name ? name : rid;
    sbuf *b = &c->res[t];
    bool dup = false; /* one resource assigned twice (two roles) is named once */
    for (const char *q = b->data; q && *q && !dup; q = strchr(q, ';') ? strchr(q, ';') + 1 : q + strlen(q)) {
        size_t n = strcspn(q, ";");
        dup = n == strlen(name) && memcmp(q, name, n) == 0;
    }
    if (!dup)
        sb_printf(b, "%s%s", b->len ? ";" : "", name);
    c->t[X_TASKRSRC].state[r] |= ST_TASKS;
}

static void link_all(xctx *c)
{
    const xtab *task = &c->t[X_TASK];
    size_t n = task->t ? task->t->g.nrows : 0;
    c->pred = xcalloc(n + 1, sizeof *c->pred);
    c->res = xcalloc(n + 1, sizeof *c->res);
    static const int links[] = {X_TASKPRED, X_TASKRSRC};
    for (int i = 0; i < 2; i++) {
        int k = links[i];
        const xtab *x = &c->t[k];
        for (size_t r = 1; x->t && r < x->t->g.nrows; r++) {
            if (x->state[r] & ST_LEFT)
                continue;
            if (!task->t)
                leave(c, k, r, "the export has no TASK table", false);
            else if (k == X_TASKPRED)
                link_pred(c, r);
            else
                link_rsrc(c, r);
        }
    }
}

/* ---- the mapped rows ------------------------------------------------------------ */

/* b as the next cell of g (b emptied). */
static void cell(grid *g, sbuf *b)
{
    grid_cell(g, b->data ? b->data : "", b->len);
    b->len = 0;
}

static void cell_str(grid *g, const char *s)
{
    grid_cell(g, s ? s : "", s ? strlen(s) : 0);
}

/* The header row of output table o, at line. */
static void header(xctx *c, int o, uint32_t line)
{
    const char *s = out_cols[o];
    size_t n = 0;
    while (*s) {
        size_t k = strcspn(s, ",");
        grid_cell(&c->og[o], s, k);
        n++;
        s += k + (s[k] == ',');
    }
    grid_row(&c->og[o], n, line);
    c->has[o] = true;
}

/* The WBS code of node key: the short names from the project's root
 * node down, joined by '.' as P6 shows them (each node marked as used);
 * a wbs_id PROJWBS lacks is kept as it is. */
static void put_wbs(xctx *c, const char *key, sbuf *b)
{
    size_t chain[64];
    int n = 0;
    size_t r = find(c, X_PROJWBS, key);
    if (key && !r)
        sb_puts(b, key);
    while (r && n < 64) {
        for (int i = 0; i < n; i++)
            if (chain[i] == r)
                r = 0; /* a loop of parents */
        if (!r)
            break;
        chain[n++] = r;
        if (yes(get(c, X_PROJWBS, r, W_NODE)))
            break;
        r = find(c, X_PROJWBS, get(c, X_PROJWBS, r, W_PARENT));
    }
    for (int i = n - 1; i >= 0; i--) {
        const char *s = get(c, X_PROJWBS, chain[i], W_SHORT);
        c->t[X_PROJWBS].state[chain[i]] |= ST_TASKS;
        sb_printf(b, "%s%s", i < n - 1 ? "." : "", s ? s : "");
    }
}

static bool is(const char *s, const char *code)
{
    return s && strcmp(s, code) == 0;
}

/* P6's Activity % Complete of TASK row r by its percent complete type:
 * physical (as entered), duration ((original - remaining) / original) or
 * units (actual / (actual + remaining) work); complete is 100 and not
 * started 0 for the last two. */
static void put_percent(xctx *c, size_t r, sbuf *b)
{
    const char *type = get(c, X_TASK, r, T_PCTTYPE), *status = get(c, X_TASK, r, T_STATUS);
    bool done = is(status, "TK_Complete"), fresh = is(status, "TK_NotStart");
    double v = done ? 100 : 0, a, rem;
    if (is(type, "CP_Phys")) {
        const char *p = get(c, X_TASK, r, T_PHYS);
        sb_puts(b, p ? p : "");
        return;
    }
    if (is(type, "CP_Units")) {
        if (number(get(c, X_TASK, r, T_ACTWORK), &a) && number(get(c, X_TASK, r, T_REMWORK), &rem) && a + rem > 0)
            v = a / (a + rem) * 100;
    } else {
        if (type && !is(type, "CP_Drtn"))
            unknown(c, X_TASK, r, T_PCTTYPE, type, "CP_Drtn");
        if (!done && !fresh && number(get(c, X_TASK, r, T_TARGET), &a) &&
            number(get(c, X_TASK, r, T_REMAIN), &rem) && a > 0)
            v = (a - rem) / a * 100;
    }
    sb_printf(b, "%.6g", v < 0 ? 0 : v > 100 ? 100 : v + 0.0);
}

/* The project_id of the project that TASK row r belongs to. */
static const char *task_project(const xctx *c, size_t r)
{
    const char *pid = get(c, X_TASK, r, T_PROJ);
    size_t p = find(c, X_PROJECT, pid);
    const char *s = p ? get(c, X_PROJECT, p, P_SHORT) : NULL;
    return s ? s : pid;
}

static void map_task(xctx *c, size_t r, sbuf *b)
{
    grid *g = &c->og[O_TASKS];
    double hpd = task_hours(c, r);
    cell_str(g, get(c, X_TASK, r, T_CODE));
    cell_str(g, task_project(c, r));
    cell_str(g, get(c, X_TASK, r, T_NAME));
    put_wbs(c, get(c, X_TASK, r, T_WBS), b);
    cell(g, b);
    put_first_date(b, get(c, X_TASK, r, T_ASTART), get(c, X_TASK, r, T_ESTART), get(c, X_TASK, r, T_RSTART),
                   get(c, X_TASK, r, T_PSTART));
    cell(g, b);
    put_first_date(b, get(c, X_TASK, r, T_AEND), get(c, X_TASK, r, T_EEND), get(c, X_TASK, r, T_REND),
                   get(c, X_TASK, r, T_PEND));
    cell(g, b);
    static const int dates[] = {T_ASTART, T_AEND, T_PSTART, T_PEND};
    for (int i = 0; i < 4; i++) {
        put_date(b, get(c, X_TASK, r, dates[i]));
        cell(g, b);
    }
    put_days(b, get(c, X_TASK, r, T_TARGET), hpd);
    cell(g, b);
    put_days(b, get(c, X_TASK, r, T_FLOAT), hpd);
    cell(g, b);
    put_percent(c, r, b);
    cell(g, b);
    put_code(c, X_TASK, r, T_CSTR, cstr_codes, b);
    cell(g, b);
    put_date(b, get(c, X_TASK, r, T_CSTRDATE));
    cell(g, b);
    const char *type = get(c, X_TASK, r, T_TYPE), *kind = code_word(task_types, type);
    if (type && !kind)
        unknown(c, X_TASK, r, T_TYPE, type, "TT_Task");
    cell_str(g, kind && *kind == 'm' ? "true" : "false");
    cell_str(g, kind && *kind == 's' ? "true" : "false");
    cell(g, &c->pred[r]);
    cell(g, &c->res[r]);
    put_code(c, X_TASK, r, T_STATUS, task_status, b);
    cell(g, b);
    grid_row(g, 20, c->t[X_TASK].t->g.line[r]);
    c->t[X_TASK].state[r] |= ST_TASKS;
}

/* Each project's root PROJWBS node (proj_node_flag Y): its name and status. */
static size_t *project_roots(xctx *c)
{
    const xtab *p = &c->t[X_PROJECT], *w = &c->t[X_PROJWBS];
    size_t *root = xcalloc(p->t->g.nrows + 1, sizeof *root);
    for (size_t r = 1; w->t && r < w->t->g.nrows; r++) {
        size_t k = (w->state[r] & ST_LEFT) || !yes(get(c, X_PROJWBS, r, W_NODE))
                       ? 0 : find(c, X_PROJECT, get(c, X_PROJWBS, r, W_PROJ));
        if (k && !root[k])
            root[k] = r;
    }
    return root;
}

static void map_project(xctx *c, size_t r, size_t root, sbuf *b)
{
    grid *g = &c->og[O_PROJECTS];
    const char *id = get(c, X_PROJECT, r, P_SHORT), *name = root ? get(c, X_PROJWBS, root, W_NAME) : NULL;
    id = id ? id : get(c, X_PROJECT, r, P_ID);
    cell_str(g, id);
    cell_str(g, name ? name : id);
    const char *code = root ? get(c, X_PROJWBS, root, W_STATUS) : NULL, *status = code_word(wbs_status, code);
    if (code && !status)
        unknown(c, X_PROJWBS, root, W_STATUS, code, "active");
    cell_str(g, status ? status : "active");
    static const int dates[] = {P_START, P_SCDEND, P_RECALC};
    for (int i = 0; i < 3; i++) {
        put_date(b, get(c, X_PROJECT, r, dates[i]));
        cell(g, b);
    }
    grid_row(g, 6, c->t[X_PROJECT].t->g.line[r]);
    c->t[X_PROJECT].state[r] |= ST_PROJECTS;
    if (root)
        c->t[X_PROJWBS].state[root] |= ST_PROJECTS;
}

static void map_resource(xctx *c, size_t r)
{
    grid *g = &c->og[O_RESOURCES];
    const char *id = get(c, X_RSRC, r, R_SHORT);
    cell_str(g, id ? id : get(c, X_RSRC, r, R_ID));
    cell_str(g, get(c, X_RSRC, r, R_NAME));
    grid_row(g, 2, c->t[X_RSRC].t->g.line[r]);
    c->t[X_RSRC].state[r] |= ST_RESOURCES;
}

/* Every table's mapped rows, in file order. */
static void map_all(xctx *c)
{
    static const int src[NO] = {X_PROJECT, X_TASK, X_RSRC};
    sbuf b;
    sb_init(&b);
    for (int o = 0; o < NO; o++) {
        const xtab *x = &c->t[src[o]];
        grid_init(&c->og[o]);
        if (!x->t)
            continue;
        header(c, o, x->t->g.nrows ? x->t->g.line[0] : x->t->line);
        size_t *roots = o == O_PROJECTS ? project_roots(c) : NULL;
        for (size_t r = 1; r < x->t->g.nrows; r++) {
            if (x->state[r] & ST_LEFT)
                continue;
            if (o == O_PROJECTS)
                map_project(c, r, roots[r], &b);
            else if (o == O_TASKS)
                map_task(c, r, &b);
            else
                map_resource(c, r);
        }
        free(roots);
    }
    sb_free(&b);
}

/* ---- the ledger and DAT-009 ----------------------------------------------------- */

static void account(xctx *c)
{
    static const int bit[NO] = {ST_PROJECTS, ST_TASKS, ST_RESOURCES};
    for (int t = 0; t < NX; t++) {
        const xtab *x = &c->t[t];
        for (size_t r = 1; x->t && r < x->t->g.nrows; r++) {
            if (x->state[r] & ST_LEFT)
                continue;
            if (!(x->state[r] & (ST_PROJECTS | ST_TASKS | ST_RESOURCES))) {
                leave(c, t, r, xt[t].unused ? xt[t].unused : "not needed by any table", true);
                continue;
            }
            pa_ledger_file *e = entry(c, t);
            e->read++;
            e->loaded++;
            for (int o = 0; o < NO; o++)
                if (x->state[r] & bit[o])
                    ledger_table(e, out_name[o], 1);
        }
    }
}

static void unknown_findings(xctx *c)
{
    for (int i = 0; i < c->nunk; i++) {
        const xunknown *u = &c->unk[i];
        sbuf m;
        sb_init(&m);
        sb_printf(&m, "\"%s\" in %s.%s is not a P6 code pmoaudit knows: ", u->value, xt[u->t].name,
                  xt[u->t].fields[u->f]);
        if (u->as)
            sb_printf(&m, "read as \"%s\"", u->as);
        else
            sb_puts(&m, "kept as it is");
        sb_printf(&m, " in %zu row%s (", u->rows, u->rows == 1 ? "" : "s");
        rled_lines(u->lines, u->nlines, u->rows, &m);
        sb_puts(&m, ")");
        char *disc = xasprintf("%s.%s|%s", xt[u->t].name, xt[u->t].fields[u->f], u->value);
        fnd_add(c->out, "DAT-009", SEV_WARNING, u->t == X_PROJWBS ? "projects" : "tasks", NULL, NULL, c->file,
                u->lines[0], xt[u->t].fields[u->f], u->value, m.data, disc);
        free(disc);
        sb_free(&m);
    }
}

static void free_ctx(xctx *c)
{
    size_t n = c->t[X_TASK].t ? c->t[X_TASK].t->g.nrows : 0;
    for (size_t r = 0; c->pred && r <= n; r++) {
        sb_free(&c->pred[r]);
        sb_free(&c->res[r]);
    }
    free(c->pred);
    free(c->res);
    for (int t = 0; t < NX; t++) {
        free(c->t[t].state);
        free(c->t[t].row_of);
        if (xt[t].keyed && c->t[t].t)
            sp_free(&c->t[t].keys);
    }
    for (int o = 0; o < NO; o++)
        grid_free(&c->og[o]);
    for (int i = 0; i < c->nunk; i++) {
        free(c->unk[i].value);
        free(c->unk[i].as);
    }
    free(c->unk);
    xer_free(&c->x);
}

/* The parsed export x (moved into c) mapped: ledger, rows, findings. */
static void map_export(xctx *c)
{
    index_tables(c);
    link_all(c);
    map_all(c);
    account(c);
    unknown_findings(c);
}

/* ---- into the store --------------------------------------------------------------- */

/* Output table o of every export through the loader's table sink: the
 * header once, then each export's rows at their lines. */
static int feed_table(pa_store *st, xctx *cs, int n, int o, const pa_load_opts *opts, pa_findings *out, char **err)
{
    load_table *lt = NULL;
    csvr_opts co;
    bool ok = true;
    for (int i = 0; i < n && ok; i++) {
        if (!cs[i].has[o])
            continue;
        const grid *g = &cs[i].og[o];
        size_t first = lt ? 1 : 0;
        if (!lt) {
            lt = load_begin(st, cs[i].file, out_name[o], opts, out);
            load_callbacks(lt, &co);
        } else {
            load_next_file(lt, cs[i].file);
        }
        for (size_t r = first; r < g->nrows && ok; r++) {
            for (size_t k = 0; k < g->width[r]; k++) {
                size_t len;
                const char *s = grid_at(g, r, k, &len);
                co.field(co.ud, k, s ? s : "", len, g->line[r]);
            }
            ok = co.row(co.ud, g->width[r], g->line[r]);
        }
    }
    if (!lt)
        return 0;
    csvr_error none;
    memset(&none, 0, sizeof none);
    return load_end(lt, CSVR_OK, &none, err);
}

static char *xer_message(const char *file, const xer_error *e)
{
    if (e->line == 0)
        return xasprintf("%s: %s", file, e->message);
    if (e->column == 0)
        return xasprintf("%s:%u: %s", file, e->line, e->message);
    return xasprintf("%s:%u:%u: %s", file, e->line, e->column, e->message);
}

/* Parse one export (path, or data when given) into c and map it. */
static int read_export(xctx *c, pa_store *st, const char *path, const char *data, size_t n, const pa_load_opts *o,
                       pa_findings *out, char **err)
{
    memset(c, 0, sizeof *c);
    c->st = st;
    c->out = out;
    xer_init(&c->x);
    xer_limits lim = {o ? o->max_cell : 0, o && o->max_rows ? o->max_rows : LOAD_MAX_ROWS_DEFAULT,
                      o && o->max_cols ? o->max_cols : LOAD_MAX_COLS_DEFAULT};
    const char *enc = o ? o->encoding : NULL;
    xer_error e;
    int rc = data ? xer_read_buffer(data, n, enc, &lim, &c->x, &e) : xer_read_file(path, enc, &lim, &c->x, &e);
    if (rc != 0) {
        *err = xer_message(path, &e);
        return -1;
    }
    if (xer_table_named(&c->x, "TASK") && !xer_table_named(&c->x, "PROJECT")) {
        *err = xasprintf("%s: the export has activities (TASK) but no PROJECT table; export the project from P6 "
                         "again", path);
        return -1;
    }
    c->file = ledger_file(&st->ledger, path, c->x.nt ? c->x.t[0].name : NULL)->file;
    map_export(c);
    return 0;
}

/* Every export's tables into the store (projects first); the exports are
 * freed. */
static int load_exports(pa_store *st, xctx *cs, int n, const pa_load_opts *o, pa_findings *out, char **err)
{
    int rc = 0;
    for (int k = 0; k < NO && rc == 0; k++)
        rc = feed_table(st, cs, n, k, o, out, err);
    for (int i = 0; i < n; i++)
        free_ctx(&cs[i]);
    return rc;
}

int xmap_load_buffer(pa_store *st, const char *data, size_t n, const char *display, const pa_load_opts *o,
                     pa_findings *out, char **err)
{
    xctx c;
    if (read_export(&c, st, display, data, n, o, out, err) != 0) {
        free_ctx(&c);
        return -1;
    }
    return load_exports(st, &c, 1, o, out, err);
}

/* ---- the data directory ------------------------------------------------------------ */

static bool ends_with(const char *s, const char *tail)
{
    size_t n = strlen(s), k = strlen(tail);
    return n > k && strcasecmp(s + n - k, tail) == 0;
}

static char *path_in(const char *dir, const char *base)
{
    size_t n = strlen(dir);
    return xasprintf("%s%s%s", dir, n && dir[n - 1] == '/' ? "" : "/", base);
}

/* Whether the run reads XER exports: without a profile or with p6's. */
static bool reads_xer(const pa_store *st)
{
    return !st->profile || strcmp(st->profile, "p6") == 0;
}

static bool starts_ermhdr(const char *path)
{
    FILE *f = fopen_input(path);
    char buf[16];
    size_t n = f ? fread(buf, 1, sizeof buf, f) : 0;
    if (f)
        fclose(f);
    return xer_sniff(buf, n);
}

bool xmap_claims(const pa_store *st, const char *base)
{
    if (!reads_xer(st) || !ends_with(base, ".csv"))
        return false;
    char *path = path_in(st->dir, base);
    bool yes_xer = starts_ermhdr(path);
    free(path);
    return yes_xer;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The paths of the exports in dir, sorted by name. */
static char **export_paths(const pa_store *st, int *n)
{
    DIR *d = opendir(st->dir);
    char **v = NULL;
    size_t cap = 0;
    *n = 0;
    struct dirent *de;
    while (d && (de = readdir(d))) {
        if (de->d_name[0] == '.' || !(ends_with(de->d_name, ".xer") || xmap_claims(st, de->d_name)))
            continue;
        GROW(v, cap, (size_t)*n + 1);
        v[(*n)++] = xstrdup(de->d_name);
    }
    if (d)
        closedir(d);
    if (*n > 1)
        qsort(v, (size_t)*n, sizeof *v, cmp_str);
    for (int i = 0; i < *n; i++) {
        char *p = path_in(st->dir, v[i]);
        free(v[i]);
        v[i] = p;
    }
    return v;
}

/* A <table>.csv beside the exports that fill table: an error (which one
 * is meant cannot be told). */
static char *clash(const pa_store *st, xctx *cs, int n)
{
    for (int o = 0; o < NO; o++)
        for (int i = 0; i < n; i++) {
            if (!cs[i].has[o])
                continue;
            char *base = xasprintf("%s.csv", out_name[o]), *path = path_in(st->dir, base);
            struct stat sb;
            char *err = stat(path, &sb) == 0 ? xasprintf("%s and the P6 export %s both give table %s: keep one of "
                                                         "them in the data directory", path, cs[i].file, out_name[o])
                                             : NULL;
            free(base);
            free(path);
            if (err)
                return err;
            break;
        }
    return NULL;
}

int xmap_load_dir(pa_store *st, const pa_load_opts *o, pa_findings *out, char **err)
{
    if (!reads_xer(st))
        return 0;
    int n;
    char **paths = export_paths(st, &n);
    xctx *cs = n ? xcalloc((size_t)n, sizeof *cs) : NULL;
    int done = 0, rc = 0;
    for (; done < n && rc == 0; done++)
        rc = read_export(&cs[done], st, paths[done], NULL, 0, o, out, err);
    if (rc == 0 && (*err = clash(st, cs, n)))
        rc = -1;
    if (rc == 0) {
        rc = load_exports(st, cs, n, o, out, err);
    } else {
        for (int i = 0; i < done; i++)
            free_ctx(&cs[i]);
    }
    for (int i = 0; i < n; i++)
        free(paths[i]);
    free(paths);
    free(cs);
    return rc == 0 ? n : -1;
}
