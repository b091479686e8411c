/*
 * model/schema.c - the data model of data-model.md, table by table. Column order
 * follows the spec so that `pmoaudit schema` reads like it.
 */
#include "model/schema.h"
#include "model/value.h"
#include "core/util.h"

#include <string.h>

static const char *const e_project_status[] = {"proposed", "active", "on_hold", "closed", "cancelled", NULL};
static const char *const e_phase[] = {"initiation", "planning", "execution", "closing", "closed", NULL};
static const char *const e_rag[] = {"green", "amber", "red", NULL};
static const char *const e_priority[] = {"low", "medium", "high", "critical", NULL};
static const char *const e_ms_status[] = {"planned", "achieved", "missed", "cancelled", NULL};
static const char *const e_risk_status[] = {"open", "mitigating", "closed", "occurred", NULL};
static const char *const e_issue_status[] = {"open", "in_progress", "resolved", "closed", NULL};
static const char *const e_change_status[] = {"submitted", "approved", "rejected", "implemented", "withdrawn", NULL};
static const char *const e_meeting_type[] = {"steering", "status", "gate_review", "other", NULL};

#define TEXT(n) {n, TY_TEXT, false, NULL, NULL, NULL}
#define REQ(n) {n, TY_TEXT, true, NULL, NULL, NULL}
#define COL(n, t) {n, t, false, NULL, NULL, NULL}
#define REQT(n, t) {n, t, true, NULL, NULL, NULL}
#define ENUM(n, e) {n, TY_ENUM, false, e, NULL, NULL}
#define PROJ_FK {"project_id", TY_TEXT, true, NULL, "projects", NULL}
#define RES_FK {"resource_id", TY_TEXT, true, NULL, "resources", NULL}
#define N(a) (int)(sizeof a / sizeof a[0])

static const pa_coldef c_projects[] = {
    REQ("project_id"),
    REQ("name"),
    {"status", TY_ENUM, true, e_project_status, NULL, NULL},
    ENUM("phase", e_phase),
    TEXT("portfolio"),
    TEXT("program"),
    {"sponsor", TY_TEXT, false, NULL, NULL, "accountable executive"},
    {"manager", TY_TEXT, false, NULL, NULL, "project manager"},
    {"rag", TY_ENUM, false, e_rag, NULL, "self-reported status"},
    ENUM("priority", e_priority),
    COL("start_date", TY_DATE),
    {"planned_finish", TY_DATE, false, NULL, NULL, "the baseline finish"},
    COL("forecast_finish", TY_DATE),
    COL("actual_finish", TY_DATE),
    {"budget", TY_MONEY, false, NULL, NULL, "budget at completion (BAC)"},
    {"planned_value", TY_MONEY, false, NULL, NULL, "PV to date"},
    {"earned_value", TY_MONEY, false, NULL, NULL, "EV to date"},
    {"actual_cost", TY_MONEY, false, NULL, NULL, "AC to date"},
    COL("charter_approved", TY_BOOL),
    {"business_case", TY_TEXT, false, NULL, NULL, "reference to the approved business case"},
};

static const pa_coldef c_milestones[] = {
    REQ("milestone_id"),
    PROJ_FK,
    TEXT("name"),
    {"gate", TY_TEXT, false, NULL, NULL, "e.g. G1; blank = not a stage gate"},
    COL("baseline_date", TY_DATE),
    COL("forecast_date", TY_DATE),
    COL("actual_date", TY_DATE),
    ENUM("status", e_ms_status),
    TEXT("approved_by"),
    COL("approval_date", TY_DATE),
};

static const pa_coldef c_tasks[] = {
    REQ("task_id"),
    PROJ_FK,
    TEXT("name"),
    TEXT("wbs"),
    COL("baseline_start", TY_DATE),
    COL("baseline_finish", TY_DATE),
    COL("start", TY_DATE),
    {"finish", TY_DATE, false, NULL, NULL, "current forecast"},
    COL("actual_start", TY_DATE),
    COL("actual_finish", TY_DATE),
    {"duration_days", TY_NUMBER, false, NULL, NULL, "working days"},
    {"percent_complete", TY_NUMBER, false, NULL, NULL, "0-100"},
    {"predecessors", TY_LINKS, false, NULL, NULL, "links ID[:TYPE][LAG] separated by ';'"},
    {"constraint", TY_TEXT, false, NULL, NULL, "ASAP ALAP SNET SNLT FNET FNLT MSO MFO"},
    COL("total_float_days", TY_NUMBER),
    TEXT("resource"),
    COL("is_milestone", TY_BOOL),
    COL("is_summary", TY_BOOL),
};

static const pa_coldef c_resources[] = {
    REQ("resource_id"),
    TEXT("name"),
    TEXT("role"),
    TEXT("department"),
    {"capacity_hours_week", TY_NUMBER, false, NULL, NULL, "null means 40"},
    COL("cost_rate", TY_MONEY),
};

static const pa_coldef c_allocations[] = {
    RES_FK,
    PROJ_FK,
    REQT("start_date", TY_DATE),
    REQT("end_date", TY_DATE),
    {"percent", TY_NUMBER, true, NULL, NULL, "share of the resource's capacity"},
};

static const pa_coldef c_risks[] = {
    REQ("risk_id"),
    PROJ_FK,
    TEXT("title"),
    TEXT("category"),
    {"probability", TY_INT, false, NULL, NULL, "1-5"},
    {"impact", TY_INT, false, NULL, NULL, "1-5"},
    {"score", TY_INT, false, NULL, NULL, "if null: probability x impact"},
    TEXT("owner"),
    TEXT("mitigation"),
    ENUM("status", e_risk_status),
    COL("raised_date", TY_DATE),
    COL("review_date", TY_DATE),
    COL("due_date", TY_DATE),
};

static const pa_coldef c_issues[] = {
    REQ("issue_id"),
    PROJ_FK,
    TEXT("title"),
    ENUM("priority", e_priority),
    TEXT("owner"),
    ENUM("status", e_issue_status),
    COL("raised_date", TY_DATE),
    COL("due_date", TY_DATE),
    COL("resolved_date", TY_DATE),
};

static const pa_coldef c_changes[] = {
    REQ("change_id"),
    PROJ_FK,
    TEXT("title"),
    TEXT("requested_by"),
    COL("requested_date", TY_DATE),
    COL("cost_impact", TY_MONEY),
    COL("schedule_impact_days", TY_NUMBER),
    ENUM("status", e_change_status),
    TEXT("approved_by"),
    COL("approval_date", TY_DATE),
    COL("implemented_date", TY_DATE),
};

static const pa_coldef c_status_reports[] = {
    PROJ_FK,
    REQT("report_date", TY_DATE),
    ENUM("rag", e_rag),
    TEXT("author"),
    TEXT("summary"),
};

static const pa_coldef c_lessons[] = {
    TEXT("lesson_id"),
    PROJ_FK,
    COL("recorded_date", TY_DATE),
    TEXT("category"),
    TEXT("lesson"),
};

static const pa_coldef c_meetings[] = {
    TEXT("meeting_id"),
    PROJ_FK,
    REQT("date", TY_DATE),
    ENUM("type", e_meeting_type),
    TEXT("minutes_ref"),
};

static const pa_coldef c_timesheets[] = {
    RES_FK,
    PROJ_FK,
    REQT("week_start", TY_DATE),
    REQT("hours", TY_NUMBER),
};

static const char *const nk_allocations[] = {"resource_id", "project_id", "start_date", "end_date", NULL};
static const char *const nk_status_reports[] = {"project_id", "report_date", NULL};
static const char *const nk_timesheets[] = {"resource_id", "project_id", "week_start", NULL};

const pa_tabledef schema_tables[] = {
    {"projects", "project_id", NULL, c_projects, N(c_projects)},
    {"milestones", "milestone_id", NULL, c_milestones, N(c_milestones)},
    {"tasks", "task_id", NULL, c_tasks, N(c_tasks)},
    {"resources", "resource_id", NULL, c_resources, N(c_resources)},
    {"allocations", NULL, nk_allocations, c_allocations, N(c_allocations)},
    {"risks", "risk_id", NULL, c_risks, N(c_risks)},
    {"issues", "issue_id", NULL, c_issues, N(c_issues)},
    {"changes", "change_id", NULL, c_changes, N(c_changes)},
    {"status_reports", NULL, nk_status_reports, c_status_reports, N(c_status_reports)},
    {"lessons", "lesson_id", NULL, c_lessons, N(c_lessons)},
    {"meetings", "meeting_id", NULL, c_meetings, N(c_meetings)},
    {"timesheets", NULL, nk_timesheets, c_timesheets, N(c_timesheets)},
};
const int schema_ntables = N(schema_tables);

const pa_tabledef *schema_table(const char *name)
{
    for (int i = 0; i < schema_ntables; i++)
        if (strcmp(schema_tables[i].name, name) == 0)
            return &schema_tables[i];
    return NULL;
}

const char *schema_table_suggest(const char *name)
{
    if (schema_table(name))
        return NULL;
    const char *names[64];
    int n = 0;
    for (int i = 0; i < schema_ntables && n < 63; i++)
        names[n++] = schema_tables[i].name;
    names[n] = NULL;
    return str_suggest(name, names);
}

int schema_column_index(const pa_tabledef *t, const char *name)
{
    for (int i = 0; i < t->ncols; i++)
        if (strcmp(t->cols[i].name, name) == 0)
            return i;
    return -1;
}

const pa_coldef *schema_column(const pa_tabledef *t, const char *name)
{
    int i = schema_column_index(t, name);
    return i < 0 ? NULL : &t->cols[i];
}

const char *type_name(pa_type t)
{
    static const char *const names[] = {"text", "int", "number", "money", "date", "bool", "enum", "links"};
    return names[t];
}

int schema_enum_index(const pa_coldef *cd, const char *v)
{
    for (int i = 0; cd->enums && cd->enums[i]; i++)
        if (strcmp(cd->enums[i], v) == 0)
            return i;
    return -1;
}

/* What a cell of type ty reads as in Lua, plural, and its Lua type letter. */
static const char *reads_as(pa_type ty, char *vt)
{
    switch (ty) {
    case TY_INT:
    case TY_NUMBER:
    case TY_MONEY:
        *vt = 'n';
        return "numbers";
    case TY_DATE:
        *vt = 'd';
        return "dates";
    case TY_BOOL:
        *vt = 'b';
        return "booleans";
    default:
        *vt = 's';
        return "strings";
    }
}

/* An enum column and a string: true when its normalised form is not one
 * of the values, with them listed and the closest suggested. */
static bool enum_mismatch(const char *const *enums, const char *s, size_t n, sbuf *why)
{
    for (int i = 0; enums && enums[i]; i++)
        if (strlen(enums[i]) == n && memcmp(enums[i], s, n) == 0)
            return false;
    char norm[128];
    val_norm_enum(s, n, norm, sizeof norm);
    sb_puts(why, "enum cells read normalised, as one of ");
    for (int i = 0; enums && enums[i]; i++)
        sb_printf(why, "%s%s", i ? ", " : "", enums[i]);
    const char *best = NULL;
    for (int i = 0; enums && enums[i] && !best; i++)
        if (strcmp(enums[i], norm) == 0)
            best = enums[i];
    if (!best && enums)
        best = str_suggest(norm, enums);
    if (best)
        sb_printf(why, " (did you mean \"%s\"?)", best);
    return true;
}

bool schema_never_equal(pa_type ty, const char *const *enums, char vt, const char *s, size_t n, sbuf *why)
{
    static const struct {
        char vt;
        const char *name;
    } names[] = {{'s', "string"}, {'n', "number"}, {'b', "boolean"}, {'d', "date"}};
    char cell;
    const char *plural = reads_as(ty, &cell);
    if (cell == vt)
        return ty == TY_ENUM && vt == 's' && enum_mismatch(enums, s, n, why);
    const char *vname = "value";
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if (names[i].vt == vt)
            vname = names[i].name;
    sb_printf(why, "%s cells read as %s, never as a %s", type_name(ty), plural, vname);
    pa_date d;
    double x;
    bool b;
    if (vt == 's' && cell == 'd' && val_parse_date(s, n, &d))
        sb_printf(why, " (write pmo.date(\"%.*s\"))", (int)n, s);
    else if (vt == 's' && cell == 'n' && val_parse_number(s, n, &x))
        sb_printf(why, " (write %.*s)", (int)n, s);
    else if (vt == 's' && cell == 'b' && val_parse_bool(s, n, &b))
        sb_printf(why, " (write %s)", b ? "true" : "false");
    else if (vt == 'n' && cell == 's' && n < 64)
        sb_printf(why, " (write \"%.*s\")", (int)n, s);
    return true;
}
