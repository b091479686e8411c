/*
 * cmd/cli.h - the command line: parsing `run` options into a pa_runopts, and
 * the commands themselves (cmd_*). cmd/main.c only dispatches.
 */
#ifndef PA_CLI_H
#define PA_CLI_H

#include "model/finding.h"
#include "lua/runtime.h"
#include "model/registry.h"
#include "core/util.h"
#include "model/value.h"

#include <stdbool.h>

typedef struct { /* wide fields first, flags last: no padding holes */
    pa_limits lim;
    const char *data_dir;
    const char **rule_paths;
    const char *formats;
    const char *output;
    const char *baseline, *waivers;
    const char *only, *skip;
    const char *projects;    /* --project ID,... (globs); NULL for the whole portfolio */
    const char *args[3];     /* positional arguments: run's DATA_DIR; gate's PROJECT GATE [DATA_DIR] */
    const char **sets;
    size_t max_cell, max_rows, max_cols; /* pa_load_opts; 0 = default */
    const char *domains;     /* custom rule domains, comma-joined (config only; used by lint) */
    const char *encoding;    /* --encoding / config encoding */
    const char *date_format; /* --date-format / config date_format */
    const char *profile;     /* --profile / config profile: a name or a .lua path */
    const char *tables_src;  /* config tables = {...}, as Lua source of a profile's tables */
    const char *tables_origin; /* where tables_src came from, for messages */
    pa_date T;
    pa_sev fail_on;
    int nrule_paths;
    int nargs;
    int nsets;
    int jobs;
    char delim;              /* --delimiter / config delimiter; 0 = guess */
    bool no_builtin;
    bool have_T;
    bool fail_on_new;
    bool waivers_lua;        /* waivers is the config file, with an inline waivers = {...} list */
    bool fail_on_given;      /* --fail-on on the command line (overrides a gate's block) */
    bool quiet, verbose, no_color, timings, no_progress;
} pa_runopts;

int cmd_run(int argc, char **argv);
int cmd_gate(int argc, char **argv);
int cmd_list(int argc, char **argv);
int cmd_explain(int argc, char **argv);
int cmd_schema(int argc, char **argv);
int cmd_test(int argc, char **argv); /* cmd/test.c */
int cmd_docs(int argc, char **argv); /* cmd/docs.c */
int cmd_init(int argc, char **argv); /* cmd/init.c */
int cmd_lint(int argc, char **argv); /* cmd/lint.c */
int cmd_inspect(int argc, char **argv); /* cmd/inspect.c */
int cmd_help(const char *command);
void cli_usage(void);

/* Load the rule registry: the built-in pack (when builtin) plus paths, with
 * --set overrides; prints the error and returns 2 when something fails. */
int cli_load_registry(pa_registry *reg, bool builtin, const char **paths, int npaths, const char **sets,
                      int nsets);

/* The gates rule r guards, joined with sep ("-" when none): list, explain, docs. */
void cli_gates_text(const pa_rule *r, const char *sep, sbuf *b);

/* Print "pmoaudit: message" to stderr; returns 2 (could not run as asked). */
int cli_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
