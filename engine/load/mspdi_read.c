/*
 * load/mspdi_read.c - MS Project XML (MSPDI) into a grid of task rows.
 *
 * The file streams through expat: only the fields the data model needs are
 * kept (no tree of the document), per Task element (UID, ID, Name, WBS,
 * OutlineLevel, Start, Finish, Duration, PercentComplete, ConstraintType
 * and ConstraintDate, ActualStart/Finish, TotalSlack, Milestone, Summary,
 * IsNull, Baseline number 0, PredecessorLink), plus the project's Title and
 * MinutesPerDay, the resources' names and the assignments. Links name
 * their predecessor by UID and assignments come after the tasks, so the
 * rows are made once the document has ended: one header row with the
 * column names of MS Project's CSV export, then one row per Task element
 * at that element's line, in document order, so that the msproject
 * profile maps an XML file as it maps a CSV export and the row ledger
 * accounts for every Task element. Values are turned into the export's
 * forms: durations and slack ("PT40H0M0S", tenths of minutes) into working
 * days by the project's MinutesPerDay, constraint codes 0-7 into their
 * names, links into "12FS+2 days" with the predecessor's ID; dates stay
 * ISO 8601 (the grid says so, and the loader reads them so).
 *
 * The reader refuses what MSPDI never has and an attacker would send: a
 * DOCTYPE (and so every entity declaration: no entity can expand),
 * elements nested deeper than MSPDI_MAX_DEPTH, a kept value longer than
 * MSPDI_MAX_TEXT. A root other than <Project> in the MSPDI namespace is
 * not MS Project XML. Every error names the line and column where expat
 * stopped. Values that cannot be converted pass through as written, for
 * DAT-001 to report.
 */
#include "load/mspdi_read.h"
#include "core/util.h"

#include <errno.h>
#include <expat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MSPDI_MAX_DEPTH 64
#define MSPDI_MAX_TEXT (1u << 20)
#define NS_SEP '|'

enum { T_UID, T_ID, T_NAME, T_WBS, T_OUTLINE, T_START, T_FINISH, T_DURATION, T_PCT, T_CTYPE, T_CDATE,
       T_ASTART, T_AFINISH, T_SLACK, T_MILESTONE, T_SUMMARY, T_ISNULL, T_DURFMT, T_NFIELDS };
static const char *const task_tags[T_NFIELDS + 1] = {
    "UID",         "ID",          "Name",       "WBS",       "OutlineLevel", "Start",
    "Finish",      "Duration",    "PercentComplete", "ConstraintType", "ConstraintDate", "ActualStart",
    "ActualFinish", "TotalSlack", "Milestone",  "Summary",   "IsNull",       "DurationFormat", NULL};

enum { L_UID, L_TYPE, L_LAG, L_FORMAT, L_NFIELDS };
static const char *const link_tags[L_NFIELDS + 1] = {"PredecessorUID", "Type", "LinkLag", "LagFormat", NULL};

enum { B_NUMBER, B_START, B_FINISH, B_DURATION, B_NFIELDS };
static const char *const base_tags[B_NFIELDS + 1] = {"Number", "Start", "Finish", "Duration", NULL};

enum { P_TITLE, P_MPD, P_NFIELDS };
static const char *const project_tags[P_NFIELDS + 1] = {"Title", "MinutesPerDay", NULL};

/* Resources (UID, Name) and assignments (TaskUID, ResourceUID): two fields each. */
static const char *const res_tags[3] = {"UID", "Name", NULL};
static const char *const asg_tags[3] = {"TaskUID", "ResourceUID", NULL};

/* The grid's columns: MS Project's CSV export names where it has one. */
enum { C_ID, C_UID, C_NAME, C_WBS, C_OUTLINE, C_START, C_FINISH, C_DURATION, C_PCT, C_PRED, C_CTYPE, C_CDATE,
       C_BSTART, C_BFINISH, C_BDURATION, C_ASTART, C_AFINISH, C_SLACK, C_MILESTONE, C_SUMMARY, C_RES, C_ISNULL,
       C_TITLE, C_NCOLS };
static const char *const columns[C_NCOLS] = {
    "ID",             "Unique ID",      "Name",          "WBS",           "Outline Level",  "Start",
    "Finish",         "Duration",       "% Complete",    "Predecessors",  "Constraint Type", "Constraint Date",
    "Baseline Start", "Baseline Finish", "Baseline Duration", "Actual Start", "Actual Finish", "Total Slack",
    "Milestone",      "Summary",        "Resource Names", "Is Null",      "Project Title"};

/* What an open element is. */
enum { K_OTHER, K_PROJECT, K_TASKS, K_TASK, K_BASELINE, K_LINK, K_RESOURCES, K_RESOURCE, K_ASSIGNMENTS,
       K_ASSIGNMENT, K_FIELD };

typedef struct {
    char *f[L_NFIELDS];
} mlink;

typedef struct {
    char *f[T_NFIELDS];
    char *base[B_NFIELDS]; /* the Baseline numbered 0 */
    mlink *links;
    size_t nlinks, linkcap;
    uint32_t line;
    sbuf res; /* its resources' names, "A,B" */
} mtask;

typedef struct {
    char *f[2];
} mpair;

typedef struct {
    XML_Parser xp;
    int depth;
    unsigned char kind[MSPDI_MAX_DEPTH + 2];
    char **target; /* where the text being kept goes */
    sbuf text;
    mtask *tasks;
    size_t ntasks, taskcap;
    char *base[B_NFIELDS]; /* the Baseline being read */
    mlink link;            /* the PredecessorLink being read */
    mpair *res, *asg;
    size_t nres, rescap, nasg, asgcap;
    char *project[P_NFIELDS];
    uint32_t tasks_line;
    size_t nix; /* tasks with a UID: the entries of the UID index */
    bool failed;
    csvr_error *e;
} mreader;

static void fail(mreader *r, const char *msg)
{
    if (r->failed)
        return;
    r->failed = true;
    r->e->code = CSVR_EPARSE;
    r->e->line = (uint32_t)XML_GetCurrentLineNumber(r->xp);
    r->e->column = (uint32_t)XML_GetCurrentColumnNumber(r->xp) + 1;
    snprintf(r->e->message, sizeof r->e->message, "%s", msg);
    XML_StopParser(r->xp, XML_FALSE);
}

/* The local name of an element of the MSPDI namespace, or NULL. */
static const char *mspdi_local(const char *name)
{
    size_t n = strlen(MSPDI_NS);
    return strncmp(name, MSPDI_NS, n) == 0 && name[n] == NS_SEP ? name + n + 1 : NULL;
}

static int tag_index(const char *const *tags, const char *local)
{
    for (int i = 0; tags[i]; i++)
        if (strcmp(tags[i], local) == 0)
            return i;
    return -1;
}

/* Keep the text of the element just opened in *dst. */
static int capture(mreader *r, char **dst)
{
    r->target = dst;
    r->text.len = 0;
    return K_FIELD;
}

static void free_fields(char **f, int n)
{
    for (int i = 0; i < n; i++) {
        free(f[i]);
        f[i] = NULL;
    }
}

/* The kind of element local under parent (may start a record or a kept field). */
static int child_kind(mreader *r, int parent, const char *local)
{
    int i;
    switch (parent) {
    case K_PROJECT:
        if (strcmp(local, "Tasks") == 0) {
            r->tasks_line = (uint32_t)XML_GetCurrentLineNumber(r->xp);
            return K_TASKS;
        }
        if (strcmp(local, "Resources") == 0)
            return K_RESOURCES;
        if (strcmp(local, "Assignments") == 0)
            return K_ASSIGNMENTS;
        return (i = tag_index(project_tags, local)) >= 0 ? capture(r, &r->project[i]) : K_OTHER;
    case K_TASKS:
        if (strcmp(local, "Task") != 0)
            return K_OTHER;
        GROW(r->tasks, r->taskcap, r->ntasks + 1);
        memset(&r->tasks[r->ntasks], 0, sizeof *r->tasks);
        sb_init(&r->tasks[r->ntasks].res);
        r->tasks[r->ntasks++].line = (uint32_t)XML_GetCurrentLineNumber(r->xp);
        return K_TASK;
    case K_TASK:
        if (strcmp(local, "Baseline") == 0)
            return K_BASELINE;
        if (strcmp(local, "PredecessorLink") == 0)
            return K_LINK;
        return (i = tag_index(task_tags, local)) >= 0 ? capture(r, &r->tasks[r->ntasks - 1].f[i]) : K_OTHER;
    case K_BASELINE:
        return (i = tag_index(base_tags, local)) >= 0 ? capture(r, &r->base[i]) : K_OTHER;
    case K_LINK:
        return (i = tag_index(link_tags, local)) >= 0 ? capture(r, &r->link.f[i]) : K_OTHER;
    case K_RESOURCES:
    case K_ASSIGNMENTS:
        if (strcmp(local, parent == K_RESOURCES ? "Resource" : "Assignment") != 0)
            return K_OTHER;
        if (parent == K_RESOURCES) {
            GROW(r->res, r->rescap, r->nres + 1);
            memset(&r->res[r->nres++], 0, sizeof *r->res);
            return K_RESOURCE;
        }
        GROW(r->asg, r->asgcap, r->nasg + 1);
        memset(&r->asg[r->nasg++], 0, sizeof *r->asg);
        return K_ASSIGNMENT;
    case K_RESOURCE:
        return (i = tag_index(res_tags, local)) >= 0 ? capture(r, &r->res[r->nres - 1].f[i]) : K_OTHER;
    case K_ASSIGNMENT:
        return (i = tag_index(asg_tags, local)) >= 0 ? capture(r, &r->asg[r->nasg - 1].f[i]) : K_OTHER;
    default: /* inside an element whose content is not read */
        return K_OTHER;
    }
}

static void XMLCALL on_start(void *ud, const XML_Char *name, const XML_Char **attrs)
{
    mreader *r = ud;
    (void)attrs;
    if (r->failed)
        return;
    if (++r->depth > MSPDI_MAX_DEPTH) {
        fail(r, "elements are nested deeper than 64 levels: this is not MS Project XML");
        return;
    }
    const char *local = mspdi_local(name);
    int k;
    if (r->depth == 1) {
        if (!local || strcmp(local, "Project") != 0) {
            char msg[200];
            const char *sep = strchr(name, NS_SEP);
            snprintf(msg, sizeof msg, "the root element is <%s>%s%.*s%s, not MS Project's <Project xmlns=\"%s\">",
                     sep ? sep + 1 : name, sep ? " in namespace \"" : " in no namespace",
                     sep ? (int)(sep - name > 60 ? 60 : sep - name) : 0, sep ? name : "", sep ? "\"" : "", MSPDI_NS);
            fail(r, msg);
            return;
        }
        k = K_PROJECT;
    } else {
        k = local ? child_kind(r, r->kind[r->depth - 1], local) : K_OTHER;
    }
    r->kind[r->depth] = (unsigned char)k;
}

/* The Baseline just read, when it is number 0, becomes its task's. */
static void end_baseline(mreader *r)
{
    const char *num = r->base[B_NUMBER];
    size_t n = num ? strlen(num) : 0;
    str_trim(&num, &n);
    if (num && n == 1 && num[0] == '0') {
        mtask *t = &r->tasks[r->ntasks - 1];
        free_fields(t->base, B_NFIELDS);
        memcpy(t->base, r->base, sizeof r->base);
        memset(r->base, 0, sizeof r->base);
    }
    free_fields(r->base, B_NFIELDS);
}

static void XMLCALL on_end(void *ud, const XML_Char *name)
{
    mreader *r = ud;
    (void)name;
    if (r->failed)
        return;
    int k = r->kind[r->depth];
    if (k == K_FIELD) {
        const char *v = r->text.data ? r->text.data : "";
        size_t n = r->text.len;
        str_trim(&v, &n);
        free(*r->target);
        *r->target = xstrndup(v, n);
        r->target = NULL;
    } else if (k == K_BASELINE) {
        end_baseline(r);
    } else if (k == K_LINK) {
        mtask *t = &r->tasks[r->ntasks - 1];
        GROW(t->links, t->linkcap, t->nlinks + 1);
        t->links[t->nlinks++] = r->link;
        memset(&r->link, 0, sizeof r->link);
    }
    r->depth--;
}

static void XMLCALL on_text(void *ud, const XML_Char *s, int len)
{
    mreader *r = ud;
    if (r->failed || r->kind[r->depth] != K_FIELD)
        return;
    if (r->text.len + (size_t)len > MSPDI_MAX_TEXT) {
        fail(r, "a value is longer than 1 MiB: this is not MS Project XML");
        return;
    }
    sb_add(&r->text, s, (size_t)len);
}

static void XMLCALL on_doctype(void *ud, const XML_Char *name, const XML_Char *sysid, const XML_Char *pubid,
                               int has_internal)
{
    (void)name;
    (void)sysid;
    (void)pubid;
    (void)has_internal;
    fail(ud, "a DOCTYPE is not accepted: MS Project XML has none, and its entities could expand without bound");
}

static void XMLCALL on_entity(void *ud, const XML_Char *name, int pe, const XML_Char *value, int vlen,
                              const XML_Char *base, const XML_Char *sysid, const XML_Char *pubid,
                              const XML_Char *notation)
{
    (void)name, (void)pe, (void)value, (void)vlen, (void)base, (void)sysid, (void)pubid, (void)notation;
    fail(ud, "an entity declaration is not accepted in MS Project XML");
}

/* ---- values ------------------------------------------------------------------ */

/* The trimmed value (NULL when absent or empty). */
static const char *val(const char *s, size_t *n)
{
    if (!s)
        return NULL;
    *n = strlen(s);
    str_trim(&s, n);
    return *n ? s : NULL;
}

/* A plain decimal: optional sign, digits, optional fraction; all of s. */
static bool decimal(const char *s, size_t n, double *out)
{
    size_t i = 0;
    double sign = 1, v = 0, scale = 1;
    if (i < n && (s[i] == '-' || s[i] == '+'))
        sign = s[i++] == '-' ? -1 : 1;
    size_t digits = 0;
    for (; i < n && s[i] >= '0' && s[i] <= '9'; i++, digits++)
        v = v * 10 + (s[i] - '0');
    if (i < n && s[i] == '.')
        for (i++; i < n && s[i] >= '0' && s[i] <= '9'; i++, digits++)
            v += (s[i] - '0') * (scale /= 10);
    *out = sign * v;
    return digits > 0 && i == n && digits < 300;
}

/* An xsd:duration of days and times ("PT40H0M0S", "-PT4H", "P1DT2H": a
 * day is 24 hours) as minutes; false for years, months, weeks or junk. */
static bool iso_minutes(const char *s, size_t n, double *out)
{
    size_t i = 0;
    bool neg = i < n && s[i] == '-', time = false, any = false;
    i += neg;
    if (i >= n || s[i++] != 'P')
        return false;
    double total = 0;
    while (i < n) {
        if (s[i] == 'T' && !time) {
            time = true;
            i++;
            continue;
        }
        size_t j = i;
        while (j < n && ((s[j] >= '0' && s[j] <= '9') || s[j] == '.'))
            j++;
        double v;
        if (j == i || j >= n || !decimal(s + i, j - i, &v))
            return false;
        char unit = s[j];
        if (!time && unit == 'D')
            total += v * 1440;
        else if (time && (unit == 'H' || unit == 'M' || unit == 'S'))
            total += unit == 'H' ? v * 60 : unit == 'M' ? v : v / 60;
        else
            return false;
        any = true;
        i = j + 1;
    }
    *out = neg ? -total : total;
    return any;
}

/* A number of days as text: up to 9 decimals, no trailing zeros. */
static void put_days(sbuf *b, double d)
{
    char buf[64];
    snprintf(buf, sizeof buf, "%.9f", d);
    char *dot = strchr(buf, '.');
    if (dot) {
        char *end = buf + strlen(buf);
        while (end > dot && (end[-1] == '0' || end[-1] == '.'))
            *--end = '\0';
    }
    sb_puts(b, strcmp(buf, "-0") == 0 ? "0" : buf);
}

/* A DurationFormat or LagFormat code (0 when absent or not one), and
 * whether it is an elapsed unit (em, eh, ed, ew, emo and their estimated
 * forms): elapsed time counts every minute, so its day is 1440 minutes. */
static int format_code(const char *raw, double dflt)
{
    size_t n;
    const char *s = val(raw, &n);
    double v = dflt;
    return (!s || decimal(s, n, &v)) && v >= 0 && v < 100 ? (int)v : 0;
}

static bool elapsed_format(int code)
{
    return code == 4 || code == 6 || code == 8 || code == 10 || code == 12 || code == 36 || code == 38 ||
           code == 40 || code == 42 || code == 44;
}

/* Duration: "PT40H0M0S" -> "5 days" (raw text when it does not convert). */
static void duration_cell(sbuf *b, const char *raw, double mpd)
{
    size_t n;
    const char *s = val(raw, &n);
    double m;
    if (!s)
        return;
    if (!iso_minutes(s, n, &m)) {
        sb_add(b, s, n);
        return;
    }
    put_days(b, m / mpd);
    sb_puts(b, " days");
}

/* TotalSlack, in tenths of minutes -> "N days". */
static void slack_cell(sbuf *b, const char *raw, double mpd)
{
    size_t n;
    const char *s = val(raw, &n);
    double v;
    if (!s)
        return;
    if (!decimal(s, n, &v)) {
        sb_add(b, s, n);
        return;
    }
    put_days(b, v / 10 / mpd);
    sb_puts(b, " days");
}

static void constraint_cell(sbuf *b, const char *raw)
{
    static const char *const names[8] = {"As Soon As Possible",    "As Late As Possible",   "Must Start On",
                                         "Must Finish On",         "Start No Earlier Than", "Start No Later Than",
                                         "Finish No Earlier Than", "Finish No Later Than"};
    size_t n;
    const char *s = val(raw, &n);
    if (s && n == 1 && s[0] >= '0' && s[0] <= '7')
        sb_puts(b, names[s[0] - '0']);
    else if (s)
        sb_add(b, s, n); /* an unknown code stays as written */
}

typedef struct {
    const char *uid;
    size_t task;
} uidix;

static int cmp_uid(const void *a, const void *b)
{
    return strcmp(((const uidix *)a)->uid, ((const uidix *)b)->uid);
}

/* The task whose UID is uid (trimmed), or SIZE_MAX. */
static size_t find_uid(const uidix *ix, size_t n, const char *uid)
{
    size_t un;
    const char *u = val(uid, &un);
    if (!u || un > 40)
        return SIZE_MAX;
    char key[48];
    memcpy(key, u, un);
    key[un] = '\0';
    uidix want = {key, 0};
    const uidix *hit = bsearch(&want, ix, n, sizeof *ix, cmp_uid);
    return hit ? hit->task : SIZE_MAX;
}

/* One link as the export writes it: "12FS", "12SS+2 days", "12FS+50%". A
 * predecessor that is not a task of the file, or a type that is not 0-3,
 * is written so that it does not parse as a link, for DAT-001. */
static void link_text(sbuf *b, const mreader *r, const uidix *ix, const mlink *l, double mpd)
{
    static const char *const types[4] = {"FF", "FS", "SF", "SS"};
    size_t n = 0, un = 0, tn, ln;
    const char *uid = val(l->f[L_UID], &un);
    size_t k = find_uid(ix, r->nix, l->f[L_UID]);
    const char *id = k != SIZE_MAX ? val(r->tasks[k].f[T_ID], &n) : NULL;
    if (!id) {
        sb_printf(b, "PredecessorUID %.*s: %s", uid ? (int)(un > 40 ? 40 : un) : 4, uid ? uid : "none",
                  k == SIZE_MAX ? "no task has this UID" : "the task with this UID has no ID");
        return;
    }
    sb_add(b, id, n);
    const char *type = val(l->f[L_TYPE], &tn);
    if (!type)
        sb_puts(b, "FS"); /* MSPDI's default */
    else if (tn == 1 && type[0] >= '0' && type[0] <= '3')
        sb_puts(b, types[type[0] - '0']);
    else
        sb_printf(b, " Type %.*s", (int)(tn > 20 ? 20 : tn), type);
    const char *lag = val(l->f[L_LAG], &ln);
    double v;
    if (!lag || (decimal(lag, ln, &v) && v == 0))
        return;
    if (!decimal(lag, ln, &v)) {
        sb_printf(b, " LinkLag %.*s", (int)(ln > 20 ? 20 : ln), lag);
        return;
    }
    int code = format_code(l->f[L_FORMAT], 7); /* LagFormat: days when absent */
    bool percent = code == 19 || code == 20 || code == 51 || code == 52;
    bool elapsed = elapsed_format(code);
    sb_putc(b, v < 0 ? '-' : '+');
    if (percent) {
        put_days(b, v < 0 ? -v : v);
        sb_putc(b, '%');
        return;
    }
    put_days(b, (v < 0 ? -v : v) / 10 / (elapsed ? 1440 : mpd));
    sb_puts(b, " days");
}

static void put_cell(grid *g, const sbuf *b)
{
    grid_cell(g, b->len ? b->data : NULL, b->len);
}

static void put_raw(grid *g, const char *s)
{
    grid_cell(g, s, s ? strlen(s) : 0);
}

/* Task t's row of the grid. */
static void task_row(grid *g, const mreader *r, const uidix *ix, const mtask *t, double mpd, sbuf *b)
{
    static const int raw[C_NCOLS] = {[C_ID] = T_ID + 1,         [C_UID] = T_UID + 1,
                                     [C_NAME] = T_NAME + 1,     [C_WBS] = T_WBS + 1,
                                     [C_OUTLINE] = T_OUTLINE + 1, [C_START] = T_START + 1,
                                     [C_FINISH] = T_FINISH + 1, [C_PCT] = T_PCT + 1,
                                     [C_CDATE] = T_CDATE + 1,   [C_ASTART] = T_ASTART + 1,
                                     [C_AFINISH] = T_AFINISH + 1, [C_MILESTONE] = T_MILESTONE + 1,
                                     [C_SUMMARY] = T_SUMMARY + 1, [C_ISNULL] = T_ISNULL + 1};
    for (int c = 0; c < C_NCOLS; c++) {
        b->len = 0;
        if (raw[c]) {
            put_raw(g, t->f[raw[c] - 1]);
            continue;
        }
        switch (c) {
        case C_DURATION: /* an elapsed duration (1 eday is PT24H) counts days of 24 hours */
            duration_cell(b, t->f[T_DURATION], elapsed_format(format_code(t->f[T_DURFMT], 0)) ? 1440 : mpd);
            break;
        case C_SLACK:
            slack_cell(b, t->f[T_SLACK], mpd);
            break;
        case C_CTYPE:
            constraint_cell(b, t->f[T_CTYPE]);
            break;
        case C_BSTART:
        case C_BFINISH:
            put_raw(g, t->base[c == C_BSTART ? B_START : B_FINISH]);
            continue;
        case C_BDURATION:
            duration_cell(b, t->base[B_DURATION], mpd);
            break;
        case C_PRED:
            for (size_t i = 0; i < t->nlinks; i++) {
                if (i)
                    sb_putc(b, ',');
                link_text(b, r, ix, &t->links[i], mpd);
            }
            break;
        case C_RES:
            sb_add(b, t->res.data ? t->res.data : "", t->res.len);
            break;
        default: /* C_TITLE */
            put_raw(g, r->project[P_TITLE]);
            continue;
        }
        put_cell(g, b);
    }
    grid_row(g, C_NCOLS, t->line);
}

/* The resource names of each assignment, in document order, onto its task. */
static void assign(mreader *r, const uidix *ix)
{
    for (size_t i = 0; i < r->nasg; i++) {
        size_t k = find_uid(ix, r->nix, r->asg[i].f[0]);
        const char *name = NULL;
        size_t rn = 0;
        for (size_t j = 0; j < r->nres && !name && k != SIZE_MAX; j++) {
            size_t a, b;
            const char *x = val(r->res[j].f[0], &a), *y = val(r->asg[i].f[1], &b);
            if (x && y && a == b && memcmp(x, y, a) == 0)
                name = val(r->res[j].f[1], &rn);
        }
        if (name) {
            if (r->tasks[k].res.len)
                sb_putc(&r->tasks[k].res, ',');
            sb_add(&r->tasks[k].res, name, rn);
        }
    }
}

/* Every task into g, after the header row. */
static void make_grid(mreader *r, grid *g)
{
    size_t n;
    const char *m = val(r->project[P_MPD], &n);
    double mpd = 480, v;
    if (m && decimal(m, n, &v) && v > 0 && v <= 1440)
        mpd = v;
    uidix *ix = xmalloc((r->ntasks + 1) * sizeof *ix);
    size_t nix = 0;
    for (size_t i = 0; i < r->ntasks; i++) {
        size_t un;
        const char *u = val(r->tasks[i].f[T_UID], &un);
        if (u && un <= 40) /* kept values are trimmed */
            ix[nix++] = (uidix){u, i};
    }
    qsort(ix, nix, sizeof *ix, cmp_uid);
    r->nix = nix;
    assign(r, ix);
    for (int c = 0; c < C_NCOLS; c++)
        grid_cell(g, columns[c], strlen(columns[c]));
    grid_row(g, C_NCOLS, r->tasks_line ? r->tasks_line : 1);
    sbuf b;
    sb_init(&b);
    for (size_t i = 0; i < r->ntasks; i++)
        task_row(g, r, ix, &r->tasks[i], mpd, &b);
    sb_free(&b);
    free(ix);
    g->iso_dates = true;
    g->part = "Tasks";
}

static void reader_free(mreader *r)
{
    for (size_t i = 0; i < r->ntasks; i++) {
        mtask *t = &r->tasks[i];
        free_fields(t->f, T_NFIELDS);
        free_fields(t->base, B_NFIELDS);
        for (size_t k = 0; k < t->nlinks; k++)
            free_fields(t->links[k].f, L_NFIELDS);
        free(t->links);
        sb_free(&t->res);
    }
    free(r->tasks);
    for (size_t i = 0; i < r->nres; i++)
        free_fields(r->res[i].f, 2);
    for (size_t i = 0; i < r->nasg; i++)
        free_fields(r->asg[i].f, 2);
    free(r->res);
    free(r->asg);
    free_fields(r->base, B_NFIELDS);
    free_fields(r->link.f, L_NFIELDS);
    free_fields(r->project, P_NFIELDS);
    sb_free(&r->text);
    if (r->xp)
        XML_ParserFree(r->xp);
}

static bool reader_init(mreader *r, csvr_error *e)
{
    memset(r, 0, sizeof *r);
    memset(e, 0, sizeof *e);
    sb_init(&r->text);
    r->e = e;
    r->xp = XML_ParserCreateNS(NULL, NS_SEP);
    if (!r->xp) {
        e->code = CSVR_EIO;
        snprintf(e->message, sizeof e->message, "not enough memory for the XML parser");
        return false;
    }
    XML_SetUserData(r->xp, r);
    XML_SetElementHandler(r->xp, on_start, on_end);
    XML_SetCharacterDataHandler(r->xp, on_text);
    XML_SetStartDoctypeDeclHandler(r->xp, on_doctype);
    XML_SetEntityDeclHandler(r->xp, on_entity);
    XML_SetParamEntityParsing(r->xp, XML_PARAM_ENTITY_PARSING_NEVER);
    return true;
}

/* Feed len bytes (final: the last); false when the document is bad. */
static bool feed(mreader *r, const char *data, size_t len, bool final)
{
    if (len > (size_t)INT32_MAX)
        len = (size_t)INT32_MAX;
    if (XML_Parse(r->xp, data, (int)len, final) != XML_STATUS_ERROR)
        return true;
    if (!r->failed) {
        r->failed = true;
        r->e->code = CSVR_EPARSE;
        r->e->line = (uint32_t)XML_GetCurrentLineNumber(r->xp);
        r->e->column = (uint32_t)XML_GetCurrentColumnNumber(r->xp) + 1;
        snprintf(r->e->message, sizeof r->e->message, "not well-formed XML: %s",
                 XML_ErrorString(XML_GetErrorCode(r->xp)));
    }
    return false;
}

static int finish(mreader *r, grid *g, bool ok)
{
    if (ok)
        make_grid(r, g);
    reader_free(r);
    return ok ? CSVR_OK : r->e->code;
}

int mspdi_read_buffer(grid *g, const char *data, size_t len, csvr_error *e)
{
    mreader r;
    if (!reader_init(&r, e))
        return e->code;
    return finish(&r, g, feed(&r, data, len, true));
}

int mspdi_read_file(grid *g, const char *path, csvr_error *e)
{
    mreader r;
    if (!reader_init(&r, e))
        return e->code;
    FILE *fp = fopen(path, "rb");
    if (!fp) {
        e->code = CSVR_EIO;
        snprintf(e->message, sizeof e->message, "cannot open (%s)", xstrerror(errno));
        reader_free(&r);
        return CSVR_EIO;
    }
    char buf[65536];
    bool ok = true, end = false;
    while (ok && !end) {
        size_t n = fread(buf, 1, sizeof buf, fp);
        end = n < sizeof buf;
        if (end && ferror(fp)) {
            e->code = CSVR_EIO;
            snprintf(e->message, sizeof e->message, "cannot read (%s)", xstrerror(errno));
            r.failed = true;
            ok = false;
            break;
        }
        ok = feed(&r, buf, n, end);
    }
    fclose(fp);
    return finish(&r, g, ok);
}

bool mspdi_is_file(const char *path)
{
    size_t n = strlen(path);
    return n > 4 && str_ieq(path + n - 4, 4, ".xml");
}
