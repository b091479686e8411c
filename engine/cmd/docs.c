/*
 * cmd/docs.c - `pmoaudit docs [RULE_PATH...] [-o DIR]`: Markdown reference
 * pages for the rules, one per rule (id, title, severity, domain, tables,
 * params, doc, where it is declared, an example finding from its tests)
 * and an index grouped by domain. The
 * built-in pack's pages are docs/rules/, made by `make rule-docs`.
 */
#include "cmd/commands.h"
#include "cmd/common.h"
#include "core/outfile.h"
#include "model/registry.h"
#include "run/rule_examples.h"
#include "core/util.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static void tables_md(const pa_rule *r, sbuf *b)
{
    if (!r->ntables)
        sb_puts(b, "all tables (checked by the engine)");
    for (int k = 0; k < r->ntables; k++) {
        const char *t = r->tables[k];
        size_t n = strlen(t);
        sb_puts(b, k ? ", " : "");
        if (n && t[n - 1] == '?')
            sb_printf(b, "`%.*s` (when present)", (int)(n - 1), t);
        else if (strchr(t, '|'))
            sb_printf(b, "one of `%s`", t);
        else
            sb_printf(b, "`%s`", t);
    }
}

/* The example finding (run/rule_examples.h) in a fence longer than any run
 * of backticks in it, so a message cannot close it. */
static void example_md(const pa_rule *r, sbuf *b)
{
    sb_puts(b, "\n## Example finding\n\n");
    if (!r->example_from) {
        sb_printf(b, "No test case of %s expects findings, so there is no example.\n", r->id);
        return;
    }
    int run = 0, longest = 0;
    for (const char *p = r->example; *p; p++)
        longest = (run = *p == '`' ? run + 1 : 0) > longest ? run : longest;
    int fence = longest < 3 ? 3 : longest + 1;
    sb_printf(b, "From the test case %s, as the text report lists it:\n\n%.*stext\n%s%.*s\n",
              r->example_from, fence, "````````````````", r->example, fence, "````````````````");
}

static void rule_page(const pa_rule *r, sbuf *b)
{
    sb_printf(b, "# %s: %s\n\n", r->id, r->title);
    sb_printf(b, "| | |\n|---|---|\n| severity | %s |\n| domain | %s |\n| tables | ", sev_name(r->sev), r->domain);
    tables_md(r, b);
    sb_puts(b, " |\n| gates | ");
    if (r->ngates)
        cli_gates_text(r, ", ", b);
    else
        sb_puts(b, "none");
    sb_printf(b, " |\n| kind | %s |\n| declared in | `%s:%d` |\n\n",
              r->engine ? "engine check, driven by the data model" : r->each ? "row rule" : "table rule", r->file,
              r->line);
    if (r->nparams) {
        sb_puts(b, "## Params\n\n| param | default | type |\n|---|---|---|\n");
        for (int k = 0; k < r->nparams; k++)
            sb_printf(b, "| `%s` | `%s` | %s |\n", r->params[k].name, r->params[k].shown, r->params[k].type);
        sb_printf(b, "\nChange one with `--set %s.PARAM=VALUE`.\n\n", r->id);
    }
    sb_printf(b, "## What it checks\n\n%s\n", r->doc);
    example_md(r, b);
}

static int write_page(const char *dir, const char *name, const sbuf *b)
{
    char *path = xasprintf("%s/%s", dir, name);
    char *err = NULL;
    int rc = out_write(path, b->data ? b->data : "", b->len, &err);
    free(path);
    if (rc != 0)
        return cli_fail("%s", err);
    return 0;
}

int cmd_docs(int argc, char **argv)
{
    const char **paths = NULL, *out = "docs/rules", *config = NULL;
    int npaths = 0;
    bool builtin = true;
    for (int i = 0; i < argc; i++) {
        if ((strcmp(argv[i], "-o") == 0 || strcmp(argv[i], "--output") == 0) && i + 1 < argc) {
            out = argv[++i];
        } else if ((strcmp(argv[i], "-c") == 0 || strcmp(argv[i], "--config") == 0) && i + 1 < argc) {
            config = argv[++i];
        } else if (strcmp(argv[i], "--no-builtin") == 0) {
            builtin = false;
        } else if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
            fputs("usage: pmoaudit docs [RULE_PATH...] [--no-builtin] [-c FILE] [-o DIR]\n\nWrites a Markdown page per "
                  "rule and an index (README.md) into DIR (default docs/rules):\nthe built-in pack's rules and "
                  "those of RULE_PATH, else of the config's rule folders\n(-c FILE, or ./pmoaudit.lua).\n",
                  stdout);
            free(paths);
            return 0;
        } else if (argv[i][0] == '-') {
            free(paths);
            return cmds_unknown_option("docs", argv[i]);
        } else {
            paths = xrealloc(paths, (size_t)(npaths + 1) * sizeof *paths);
            paths[npaths++] = argv[i];
        }
    }
    pa_registry reg;
    reg_init(&reg);
    cli_pack pack;
    int rc = cli_pack_open(&pack, config, paths, npaths, !builtin);
    if (rc == 0) {
        reg_free(&reg);
        rc = cli_pack_registry(&pack, &reg);
    }
    if (rc == 0)
        rex_fill(&reg, NULL);
    if (rc == 0 && mkdir(out, 0777) != 0 && errno != EEXIST)
        rc = cli_fail("%s: cannot create the folder: %s", out, strerror(errno));
    if (rc == 0) {
        int *order;
        int n = reg_sorted(&reg, false, &order);
        sbuf index;
        sb_init(&index);
        sb_printf(&index, "# Rule reference\n\n%d rules. Made by `pmoaudit docs`; do not edit by hand.\n", n);
        const char *domain = "";
        for (int k = 0; k < n && rc == 0; k++) {
            const pa_rule *r = &reg.v[order[k]];
            if (strcmp(r->domain, domain) != 0) {
                domain = r->domain;
                sb_printf(&index, "\n## %s\n\n| rule | severity | gates | title |\n|---|---|---|---|\n", domain);
            }
            sb_printf(&index, "| [%s](%s.md) | %s | ", r->id, r->id, sev_name(r->sev));
            cli_gates_text(r, ", ", &index);
            sb_printf(&index, " | %s |\n", r->title);
            sbuf page;
            sb_init(&page);
            rule_page(r, &page);
            char *name = xasprintf("%s.md", r->id);
            rc = write_page(out, name, &page);
            free(name);
            sb_free(&page);
        }
        if (rc == 0)
            rc = write_page(out, "README.md", &index);
        if (rc == 0)
            printf("pmoaudit: wrote %d rule pages and README.md into %s\n", n, out);
        sb_free(&index);
        free(order);
    }
    reg_free(&reg);
    cli_pack_close(&pack);
    free(paths);
    return rc;
}
