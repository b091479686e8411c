/*
 * cmd/init.c - `pmoaudit init [DIR]`: a starting point for a team's own audit.
 * It writes a commented config, one custom rule with its tests, and a
 * two-project data folder, so that `pmoaudit run` and `pmoaudit test rules`
 * work at once in DIR. It never overwrites a file.
 */
#include "cmd/common.h"
#include "core/outfile.h"
#include "core/util.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char config_text[] =
    "-- pmoaudit.lua: settings of `pmoaudit run` in this folder (see docs/config.md).\n"
    "-- Options given on the command line override these.\n"
    "\n"
    "data = \"data\"                -- the folder of CSV exports (projects.csv, tasks.csv, ...)\n"
    "rules = {\"rules\"}            -- your own rules; the built-in pack runs too\n"
    "-- builtin = false           -- uncomment to run only your own rules\n"
    "-- skip = {\"RES-003\"}        -- rules to leave out (ids or globs like \"SCH-*\")\n"
    "-- severity = { [\"STD-004\"] = \"error\" }\n"
    "params = {\n"
    "  [\"ACME-001\"] = { threshold = 1000000 },\n"
    "}\n"
    "-- waivers = \"waivers.csv\"   -- accepted exceptions: rule,key,reason,approved_by,expires\n"
    "formats = {\"text\"}           -- add \"html\", \"json\", \"junit\", \"sarif\", \"md\", \"csv\"\n"
    "-- output = \"reports\"        -- a folder, when there are several formats\n"
    "fail_on = \"error\"            -- exit 1 on findings at or above: info warning error critical never\n";

static const char rule_text[] =
    "-- ACME-001: an example custom rule. Copy it to start your own; see docs/rule-api.md.\n"
    "\n"
    "-- finance_partner is not in the data model: declaring it lets `pmoaudit lint`\n"
    "-- check the rules that read it (see docs/extra-tables.md).\n"
    "schema { table = \"projects\", columns = { {\"finance_partner\", \"text\"} } }\n"
    "\n"
    "rule {\n"
    "  id = \"ACME-001\",\n"
    "  title = \"Large projects name a finance partner\",\n"
    "  severity = \"warning\",\n"
    "  domain = \"STD\",\n"
    "  tables = {\"projects\"},\n"
    "  each = \"projects\",                       -- called once per row of projects.csv\n"
    "  params = { threshold = 1000000 },\n"
    "  doc = [[\n"
    "A project whose budget is above `threshold` and that names no finance\n"
    "partner (an extra column, finance_partner, in projects.csv).\n"
    "\n"
    "Why it matters: large budgets need someone in finance who follows them.\n"
    "\n"
    "How to fix: name the finance partner in the project register.]],\n"
    "  check = function(p, ctx)\n"
    "    if p.budget and p.budget > ctx.params.threshold and pmo.blank(p.finance_partner) then\n"
    "      ctx.report(p, \"finance_partner\",\n"
    "        string.format(\"%s has a budget of %.0f but no finance partner\", p.project_id, p.budget))\n"
    "    end\n"
    "  end,\n"
    "}\n";

static const char test_text[] =
    "-- Tests of ACME-001: run them with `pmoaudit test rules` (see docs/rule-tests.md).\n"
    "test {\n"
    "  rule = \"ACME-001\",\n"
    "  name = \"a large project without a finance partner is flagged\",\n"
    "  data = {\n"
    "    projects = [[\n"
    "project_id,name,status,budget,finance_partner\n"
    "PRJ-1001,Big,active,\"$2,500,000\",\n"
    "PRJ-1002,Big with partner,active,\"$2,500,000\",Dana Fox\n"
    "]],\n"
    "  },\n"
    "  expect = { count = 1, keys = {\"PRJ-1001\"}, columns = {\"finance_partner\"} },\n"
    "}\n"
    "\n"
    "test {\n"
    "  rule = \"ACME-001\",\n"
    "  name = \"a budget equal to the threshold is not above it\",\n"
    "  data = { projects = { { project_id = \"PRJ-1003\", name = \"Edge\", status = \"active\", budget = 1000000 } } },\n"
    "  expect = 0,\n"
    "}\n";

static const char projects_text[] =
    "project_id,name,status,phase,sponsor,manager,start_date,planned_finish,budget,charter_approved,"
    "business_case,finance_partner\n"
    "PRJ-1001,Customer Portal,active,execution,Ann Lee,Bo Chan,2026-01-05,2026-12-18,\"$2,400,000\",yes,BC-17,\n"
    "PRJ-1002,Data Platform,active,planning,Cy Park,Di Roy,2026-03-02,2027-03-31,\"$800,000\",no,BC-21,\n";

typedef struct {
    const char *path;
    const char *text;
} starter;

static const starter files[] = {
    {"pmoaudit.lua", config_text},
    {"rules/ACME-001.lua", rule_text},
    {"rules/ACME-001_test.lua", test_text},
    {"data/projects.csv", projects_text},
};

static int make_dir(const char *path)
{
    if (mkdir(path, 0777) != 0 && errno != EEXIST)
        return cli_fail("%s: cannot create the folder: %s", path, strerror(errno));
    return 0;
}

int cmd_init(int argc, char **argv)
{
    if (argc > 1 || (argc == 1 && argv[0][0] == '-'))
        return cli_fail("usage: pmoaudit init [DIR]");
    const char *dir = argc ? argv[0] : ".";
    int n = (int)(sizeof files / sizeof *files);
    for (int i = 0; i < n; i++) { /* refuse before writing anything */
        char *p = xasprintf("%s/%s", dir, files[i].path);
        struct stat sb;
        int exists = stat(p, &sb) == 0;
        free(p);
        if (exists)
            return cli_fail("%s/%s already exists: init never overwrites a file (use another folder)", dir,
                            files[i].path);
    }
    char *rules = xasprintf("%s/rules", dir), *data = xasprintf("%s/data", dir);
    int rc = make_dir(dir);
    if (rc == 0)
        rc = make_dir(rules);
    if (rc == 0)
        rc = make_dir(data);
    free(rules);
    free(data);
    for (int i = 0; i < n && rc == 0; i++) {
        char *p = xasprintf("%s/%s", dir, files[i].path);
        char *err = NULL;
        if (out_write(p, files[i].text, strlen(files[i].text), &err) != 0)
            rc = cli_fail("%s", err), free(err);
        else
            printf("wrote %s\n", p);
        free(p);
    }
    if (rc == 0)
        printf("\nNext, in %s:\n  pmoaudit lint           # check your rules without data\n"
               "  pmoaudit test rules     # the example rule's tests\n"
               "  pmoaudit run            # audit data/ with the built-in pack and your rules\n",
               dir);
    return rc;
}
