/*
 * test_runtime.c - the Lua runtime through its C interface: declaring
 * rules, metadata validation with file:line, running row and table rules
 * against a store, the row API, limits, and the sandbox.
 */
#include "load/table_load.h"
#include "lua/runtime.h"
#include "model/registry.h"
#include "test.h"
#include "core/util.h"

#include <stdlib.h>

static pa_registry reg;

/* Load one rule source; returns 0 or -1 with *err. */
static int declare(const char *src, char **err)
{
    reg_free(&reg);
    reg_init(&reg);
    reg.src = xcalloc(1, sizeof *reg.src);
    reg.src[0].path = xstrdup("r.lua");
    reg.src[0].text = xstrdup(src);
    reg.src[0].len = strlen(src);
    reg.nsrc = 1;
    return lrt_load_registry(&reg, err);
}

static pa_store st;

/* Load csv as table `name` (file name.csv) into s. */
static void load_csv(pa_store *s, const char *name, const char *csv)
{
    pa_findings out;
    char *err = NULL;
    char file[64];
    snprintf(file, sizeof file, "%s.csv", name);
    fnd_init(&out);
    load_buffer(s, csv, strlen(csv), file, name, NULL, &out, &err);
    fnd_free(&out);
    free(err);
}

static void make_store(void)
{
    store_init(&st, "mem");
    load_csv(&st, "projects", "project_id,name,status,start_date,budget\n"
                              "P1,Alpha,active,2026-01-10,100\n"
                              "P2,Beta,closed,,\n"
                              "P3,Gamma,active,2026-03-01,250.5\n");
    load_csv(&st, "tasks", "task_id,project_id,predecessors\nT1,P1,\nT2,P1,T1:SS+2d\nT3,P3,T1;T2\n");
}

/* Run the only rule of src; returns the result (caller frees). */
static pa_result run_one(const char *src, const pa_limits *lim)
{
    char *err = NULL;
    pa_result res;
    memset(&res, 0, sizeof res);
    if (declare(src, &err) != 0) {
        res.status = ST_ERRORED;
        res.message = err;
        return res;
    }
    lrt *rt = lrt_new(lim);
    lrt_load_sources(rt, &reg, &err);
    lrt_bind(rt, &st, date_from_ymd(2026, 6, 30));
    lrt_run(rt, &reg, 0, &res);
    fpack_unpack(&res.packed, reg.v[0].id, &res.findings); /* what report_build and rule tests do */
    lrt_free(rt);
    return res;
}

static void result_free(pa_result *r)
{
    free(r->message);
    fnd_free(&r->findings);
    fpack_free(&r->packed);
}

#define FIELDS "id='X-1', title='t', severity='warning', domain='STD', doc='d', "
#define HEAD "rule{" FIELDS

static void declarations(void)
{
    char *err = NULL;
    CASE("metadata is read into the registry");
    CHECK(declare(HEAD "tables={'projects','tasks?'}, params={b=2, a='x', g={planning={'G1'}}},"
                       " each='projects', check=function(r, ctx) end}",
                  &err) == 0);
    CHECK(reg.n == 1 && !strcmp(reg.v[0].id, "X-1") && reg.v[0].sev == SEV_WARNING);
    CHECK(reg.v[0].ntables == 2 && !strcmp(reg.v[0].each, "projects") && reg.v[0].line == 1);
    CHECK(reg.v[0].nparams == 3 && !strcmp(reg.v[0].params[0].name, "a"));
    CHECK_STR(reg.v[0].params[2].shown, "{ planning = {\"G1\"} }");
    CASE("a misspelt field is an error at the rule's line, with a suggestion");
    CHECK(declare("\n\n" HEAD "tables={}, chek=function() end}", &err) == -1);
    CHECK(err && strstr(err, "r.lua:3: rule X-1: unknown field 'chek' (did you mean 'check'?)") != NULL);
    free(err);
    CASE("an unknown severity, a missing check, a bad each are errors");
    CHECK(declare("rule{id='X', title='t', severity='fatal', domain='D', doc='d', tables={}, check=print}", &err) ==
          -1);
    CHECK(err && strstr(err, "unknown severity 'fatal'") != NULL);
    free(err);
    CHECK(declare(HEAD "tables={}}", &err) == -1);
    CHECK(err && strstr(err, "'check' must be a function") != NULL);
    free(err);
    CHECK(declare(HEAD "tables={'tasks'}, each='projects', check=print}", &err) == -1);
    CHECK(err && strstr(err, "must also be listed") != NULL);
    free(err);
    err = NULL;
    CHECK(declare(HEAD "tables={'tasks?'}, each='tasks?', check=print}", &err) == -1);
    CHECK(err && strstr(err, "each = \"tasks?\" must name one table the rule needs") != NULL);
    free(err);
    CASE("a declaration is copied at rule{}: changing the author's table after has no effect");
    CHECK(declare("local R = {" FIELDS "tables={'projects'}, each='projects', params={p={1}}, gates={'G1'}, check=print}\n"
                  "rule(R)\n"
                  "R.id, R.severity, R.each, R.title = 'Y\\27', 'bogus', 'nope', 42\n"
                  "R.tables[1], R.params.p[1], R.params.q, R.gates[1] = {}, 'x', 1, {}\n",
                  &err) == 0);
    CHECK(reg.n == 1 && !strcmp(reg.v[0].id, "X-1") && reg.v[0].sev == SEV_WARNING && !strcmp(reg.v[0].title, "t"));
    CHECK(reg.n == 1 && reg.v[0].ntables == 1 && !strcmp(reg.v[0].tables[0], "projects"));
    CHECK(reg.n == 1 && !strcmp(reg.v[0].each, "projects") && reg.v[0].ngates == 1);
    CHECK(reg.n == 1 && reg.v[0].nparams == 1 && !strcmp(reg.v[0].params[0].shown, "{1}"));
    CASE("a declaration is read raw: a metatable on it is never consulted");
    CHECK(declare("rule(setmetatable({" FIELDS "tables={'projects'}, check=print},\n"
                  "  {__index = function(t, k) error('read ' .. k) end}))",
                  &err) == 0);
    CHECK(reg.n == 1 && reg.v[0].each == NULL && reg.v[0].nparams == 0 && reg.v[0].ngates == 0);
    CASE("params are data, at most 16 tables deep: functions and tables that hold themselves are refused");
    err = NULL;
    CHECK(declare(HEAD "tables={}, params={f={print}}, check=print}", &err) == -1);
    CHECK(err && strstr(err, "r.lua:1: rule X-1: param 'f' holds a function (params are numbers, strings, booleans "
                             "and tables of them)") != NULL);
    free(err);
    err = NULL;
    CHECK(declare("local t = {}; t.t = t\n" HEAD "tables={}, params={loop=t}, check=print}", &err) == -1);
    CHECK(err && strstr(err, "r.lua:2: rule X-1: param 'loop' holds itself"));
    free(err);
    err = NULL;
    CHECK(declare(HEAD "tables={}, params={k={[{}]=1}}, check=print}", &err) == -1);
    CHECK(err && strstr(err, "param 'k' has a table as a key (keys are numbers, strings or booleans)") != NULL);
    free(err);
    CASE("a syntax error names the file and line");
    CHECK(declare("rule{id='X'\n  title='t'}", &err) == -1);
    CHECK(err && strstr(err, "r.lua:2:") != NULL);
    free(err);
    CASE("duplicate ids are refused");
    CHECK(declare(HEAD "tables={}, check=print}\n" HEAD "tables={}, check=print}", &err) == -1);
    CHECK(err && strstr(err, "duplicate rule id X-1") != NULL);
    free(err);
}

static void running(void)
{
    pa_result r;
    CASE("a row rule sees typed values and reports with the row's location");
    r = run_one(HEAD "tables={'projects'}, each='projects', check=function(p, ctx)\n"
                     "  if p.status == 'active' and p.budget > 200 and p.start_date > pmo.date('2026-02-01') then\n"
                     "    ctx.report(p, 'budget', 'big: ' .. p.budget .. ' from ' .. p.start_date)\n"
                     "  end end}",
                NULL);
    CHECK(r.status == ST_FAILED && r.count == 1);
    CHECK(r.findings.n == 1 && r.findings.v[0].line == 4 && !strcmp(r.findings.v[0].key, "P3"));
    CHECK_STR(r.findings.v[0].message, "big: 250.5 from 2026-03-01");
    CHECK_STR(r.findings.v[0].value, "250.5");
    CHECK_STR(r.findings.v[0].project_id, "P3");
    result_free(&r);
    CASE("a table rule joins through indexes, groups, and reads links");
    r = run_one(HEAD "tables={'projects','tasks'}, check=function(ctx)\n"
                     "  local t = ctx.tables.tasks\n"
                     "  for pid, rows in t:groups('project_id') do\n"
                     "    local p = ctx.tables.projects:get(pid)\n"
                     "    ctx.report{row=p, message=pid .. ' has ' .. #rows .. ' tasks', id=pid}\n"
                     "  end\n"
                     "  local n = 0\n"
                     "  for id, ty, lag in t:links(t:get('T2')) do n = n + 1; assert(id == 'T1' and ty == 'SS' and lag == 2) end\n"
                     "  assert(n == 1 and #t:select('project_id', 'P1') == 2 and t:find('project_id', 'P9') == nil)\n"
                     "  assert(ctx.T - pmo.date('2026-06-01') == 29 and tostring(ctx.T + 1) == '2026-07-01')\n"
                     "  assert(pmo.re('^P[0-9]$'):full('P1') and not pmo.re('^P'):full('XP1'))\n"
                     "end}",
                NULL);
    CHECK(r.status == ST_FAILED && r.count == 2);
    CHECK(r.findings.n == 2 && !strcmp(r.findings.v[0].message, "P1 has 2 tasks"));
    result_free(&r);
    CASE("a date cell read twice is one shared, immutable date; far dates still work");
    r = run_one(HEAD "tables={'projects'}, check=function(ctx)\n"
                     "  local a, b = ctx.tables.projects:get('P1'), ctx.tables.projects:get('P3')\n"
                     "  assert(rawequal(a.start_date, a.start_date) and a.start_date == pmo.date('2026-01-10'))\n"
                     "  local seen = {[a.start_date] = 1}\n"
                     "  assert(seen[a.start_date] == 1 and seen[b.start_date] == nil and b.start_date - a.start_date == 50)\n"
                     "  assert(not pcall(function() a.start_date.year = 1 end) and a.start_date.year == 2026)\n"
                     "  local far = pmo.date(2500, 1, 1)\n"
                     "  assert(far == pmo.date('2500-01-01') and tostring(far + 1) == '2500-01-02' and far > a.start_date)\n"
                     "  ctx.report{row=a, message=tostring(a.start_date)}\n"
                     "end}",
                NULL);
    CHECK(r.status == ST_FAILED && r.count == 1);
    CHECK(r.findings.n == 1 && !strcmp(r.findings.v[0].message, "2026-01-10"));
    result_free(&r);
    CASE("a missing table skips the rule and names the table");
    r = run_one(HEAD "tables={'meetings'}, check=function() end}", NULL);
    CHECK(r.status == ST_SKIPPED && r.message && strstr(r.message, "missing table: meetings"));
    result_free(&r);
    CASE("a runtime error in a row names the rule's line and the row being checked");
    r = run_one(HEAD "tables={'projects'}, each='projects', check=function(p)\n  return p.nope end}", NULL);
    CHECK(r.status == ST_ERRORED && r.message);
    CHECK(strstr(r.message, "r.lua:2: table projects has no column 'nope'") != NULL);
    CHECK(strstr(r.message, "while checking projects.csv:2") != NULL);
    result_free(&r);
}

/* Rows and dates are light userdata (lua/api_tables.c, lua/api_date.c): values without
 * allocation, equal when they name the same row or day. */
static void values(void)
{
    pa_result r;
    CASE("the same row read twice is one value, a stable table key; rows and dates do not mix");
    r = run_one(HEAD "tables={'projects'}, check=function(ctx)\n"
                     "  local p = ctx.tables.projects\n"
                     "  local a, b = p:get('P1'), p:row(1)\n"
                     "  assert(rawequal(a, b) and a == b and a ~= p:row(2) and type(a) == 'userdata')\n"
                     "  local seen = {[a] = 1}\n"
                     "  for row in p:rows() do seen[row] = (seen[row] or 0) + 1 end\n"
                     "  assert(seen[b] == 2 and seen[p:row(3)] == 1 and getmetatable(a) == false)\n"
                     "  assert(tostring(a) == 'row projects.csv:2' and a._index == 1)\n"
                     "  local ok, e = pcall(function() return a < a.start_date end)\n"
                     "  assert(not ok and e:find('expected a date, got a row'), e)\n"
                     "  ok, e = pcall(function() a.name = 'x' end)\n"
                     "  assert(not ok and e:find('rows are read%-only'), e)\n"
                     "  ok, e = pcall(function() return a.start_date.nope end)\n"
                     "  assert(not ok and e:find('dates have no field'), e)\n"
                     "  ctx.report{row=a, message='ok'}\n"
                     "end}",
                NULL);
    CHECK(r.status == ST_FAILED && r.findings.n == 1 && r.findings.v[0].line == 2);
    result_free(&r);

    CASE("t:rows(column, ...) hands out each row with those cells; row sets too");
    r = run_one(HEAD "tables={'projects','tasks'}, check=function(ctx)\n"
                     "  local p, seen = ctx.tables.projects, {}\n"
                     "  for row, id, budget, start in p:rows('project_id', 'budget', 'start_date') do\n"
                     "    assert(row.project_id == id and row.budget == budget and row.start_date == start)\n"
                     "    seen[#seen + 1] = id .. '=' .. tostring(budget)\n"
                     "  end\n"
                     "  assert(table.concat(seen, ' ') == 'P1=100.0 P2=nil P3=250.5', table.concat(seen, ' '))\n"
                     "  local n = 0\n"
                     "  for t, tid in ctx.tables.tasks:select('project_id', 'P1'):rows('task_id') do n = n + 1; assert(t.task_id == tid) end\n"
                     "  assert(n == 2)\n"
                     "  local ok, e = pcall(p.rows, p, 'nope')\n"
                     "  assert(not ok and e:find(\"no column 'nope'\"), e)\n"
                     "  ok, e = pcall(p.rows, p, 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i')\n"
                     "  assert(not ok and e:find('at most 8 columns'), e)\n"
                     "end}",
                NULL);
    CHECK(r.status == ST_PASSED);
    if (r.status != ST_PASSED)
        printf("  %s\n", r.message ? r.message : "?");
    result_free(&r);

    CASE("a row kept from an earlier binding is refused, not read from another table");
    char *err = NULL;
    CHECK(declare(HEAD "tables={'projects'}, check=function(ctx)\n"
                       "  if kept then return kept.name end\n"
                       "  kept = ctx.tables.projects:row(1)\n"
                       "end}",
                  &err) == 0);
    lrt *rt = lrt_new(NULL);
    lrt_load_sources(rt, &reg, &err);
    memset(&r, 0, sizeof r);
    lrt_bind(rt, &st, date_from_ymd(2026, 6, 30));
    lrt_run(rt, &reg, 0, &r);
    CHECK(r.status == ST_PASSED);
    result_free(&r);
    memset(&r, 0, sizeof r);
    lrt_bind(rt, &st, date_from_ymd(2026, 6, 30));
    lrt_run(rt, &reg, 0, &r);
    CHECK(r.status == ST_ERRORED && r.message && strstr(r.message, "not a row of the data being audited"));
    result_free(&r);
    lrt_free(rt);
}

/*
 * pmo.schedule (store/schedule.c): the per-project figures of SCH-010..020 on a
 * store where each figure has a case: complete, summary, project-less and
 * far-baseline tasks, links by id across tasks, lags and types.
 */
static void schedule(void)
{
    pa_store s2;
    char *err = NULL;
    store_init(&s2, "mem");
    load_csv(&s2, "tasks", "task_id,project_id,percent_complete,actual_finish,is_summary,baseline_finish,predecessors\n"
                           "T1,P1,100,2026-01-05,false,2026-01-01,\n"
                           "T2,P1,50,,false,2026-02-01,T1\n"
                           "T3,P1,0,,true,2026-01-01,T2\n"
                           "T4,P1,,,,2027-01-01,T2:FS-1d\n"
                           "T5,,10,,,,\n"
                           "T6,P2,20,,,,T9:SS+2d\n");
    CASE("pmo.schedule counts considered tasks, open ones, links and due baselines per project");
    /* T = 2026-06-30: T1 and T2 are due (baseline before T), T4 is not */
    CHECK(declare(HEAD "tables={'tasks'}, check=function(ctx)\n"
                       "  local agg, all = pmo.schedule(ctx.tables.tasks)\n"
                       "  local function list(v) return table.concat(v, ',') end\n"
                       "  local p1, p2 = agg.P1, agg.P2\n"
                       "  assert(list(all) == '2,4,6', list(all))\n"
                       "  assert(p1.n == 2 and list(p1.rows) == '2,4' and p1.open == 1, p1.open)\n"
                       "  assert(list(p1.open_ex) == 'T4 (no successor)', list(p1.open_ex))\n"
                       "  assert(p1.links == 2 and p1.pos_lag == 0 and p1.fs == 2)\n"
                       "  assert(p1.due == 2 and p1.done == 1 and p1.missed == 2)\n"
                       "  assert(p2.n == 1 and p2.open == 1 and list(p2.open_ex) == 'T6 (no successor)')\n"
                       "  assert(p2.links == 1 and p2.pos_lag == 1 and p2.fs == 0 and p2.due == 0)\n"
                       "  local n = 0; for _ in pairs(agg) do n = n + 1 end\n"
                       "  assert(n == 2)\n"
                       "  assert(not pcall(pmo.schedule, 'tasks'))\n"
                       "  ctx.report{message='ok'}\n"
                       "end}",
                  &err) == 0);
    lrt *rt = lrt_new(NULL);
    lrt_load_sources(rt, &reg, &err);
    pa_result r;
    memset(&r, 0, sizeof r);
    lrt_bind(rt, &s2, date_from_ymd(2026, 6, 30));
    lrt_run(rt, &reg, 0, &r);
    CHECK(r.status == ST_FAILED && r.packed.n == 1);
    if (r.status == ST_ERRORED)
        printf("  %s\n", r.message);
    result_free(&r);
    lrt_free(rt);
    store_free(&s2);
}

static void limits(void)
{
    pa_limits lim;
    limits_default(&lim);
    lim.instr_base = 2000000;
    lim.mem_limit = 8 << 20;
    pa_result r;
    CASE("an endless loop is stopped by the instruction budget, even inside pcall");
    r = run_one(HEAD "tables={}, check=function() while true do pcall(function() while true do end end) end end}",
                &lim);
    CHECK(r.status == ST_ERRORED && r.message && strstr(r.message, "instruction budget") != NULL);
    result_free(&r);
    CASE("unbounded allocation is stopped by the memory cap");
    r = run_one(HEAD "tables={}, check=function() local t = {} while true do t[#t+1] = {} end end}", &lim);
    CHECK(r.status == ST_ERRORED && r.message && strstr(r.message, "memory limit") != NULL);
    result_free(&r);
    CASE("findings past the cap are counted but not kept");
    lim.max_findings = 3;
    r = run_one(HEAD "tables={'projects'}, each='projects', check=function(p, ctx) ctx.report(p, nil, 'x') end}",
                &lim);
    CHECK(r.count == 3 && r.findings.n == 3 && r.dropped == 0);
    result_free(&r);
    lim.max_findings = 2;
    r = run_one(HEAD "tables={'projects'}, each='projects', check=function(p, ctx) ctx.report(p, nil, 'x') end}",
                &lim);
    CHECK(r.count == 3 && r.findings.n == 2 && r.dropped == 1 && r.message);
    result_free(&r);
}

static void sandbox(void)
{
    pa_result r;
    CASE("io, os, debug, package, dofile and string.dump are absent; require finds only lib helpers");
    r = run_one(HEAD "tables={}, check=function()\n"
                     "  assert(io == nil and os == nil and debug == nil and not pcall(require, 'os'))\n"
                     "  assert(package == nil and dofile == nil and loadfile == nil and string.dump == nil)\n"
                     "  assert(getmetatable('') == false and coroutine == nil)\n"
                     "end}",
                NULL);
    CHECK(r.status == ST_PASSED);
    result_free(&r);
    CASE("load refuses binary chunks and runs text in the rule's environment");
    r = run_one(HEAD "tables={}, check=function()\n"
                     "  local f, e = load('\\27Lua...')\n"
                     "  error(e)\n"
                     "end}",
                NULL);
    CHECK(r.status == ST_ERRORED && r.message && strstr(r.message, "binary chunks are not allowed"));
    result_free(&r);
    CASE("collectgarbage cannot stop the collector");
    r = run_one(HEAD "tables={}, check=function() collectgarbage('stop') end}", NULL);
    CHECK(r.status == ST_ERRORED && r.message && strstr(r.message, "not available"));
    result_free(&r);
}

void suite_runtime(void)
{
    reg_init(&reg);
    make_store();
    declarations();
    running();
    values();
    schedule();
    limits();
    sandbox();
    store_free(&st);
    reg_free(&reg);
}
