/*
 * cmd/common.h - the commands (one function each, called by cmd/main.c
 * only) and what they share (cmd/common.c).
 */
#ifndef PA_COMMON_H
#define PA_COMMON_H

#include "cmd/config.h"
#include "model/registry.h"
#include "run/run.h"
#include "core/util.h"

#include <stdbool.h>

int cmd_run(int argc, char **argv);     /* cmd/cli.c */
int cmd_gate(int argc, char **argv);    /* cmd/cli.c */
int cmd_list(int argc, char **argv);    /* cmd/cli.c */
int cmd_explain(int argc, char **argv); /* cmd/cli.c */
int cmd_schema(int argc, char **argv);  /* cmd/cli.c */
void cmd_run_help(void);                /* cmd/cli.c: pmoaudit help run */
void cmd_gate_help(void);               /* cmd/cli.c: pmoaudit help gate */
int cmd_test(int argc, char **argv);    /* cmd/test.c */
int cmd_docs(int argc, char **argv);    /* cmd/docs.c */
int cmd_init(int argc, char **argv);    /* cmd/init.c */
int cmd_lint(int argc, char **argv);    /* cmd/lint.c */
int cmd_inspect(int argc, char **argv); /* cmd/inspect.c */
int cmd_history(int argc, char **argv); /* cmd/history.c */

/* Load the rule registry: the built-in pack (builtin: RUN_* of run/run.h) plus paths, with
 * --set overrides; prints the error and returns 2 when something fails. */
int cli_load_registry(pa_registry *reg, int builtin, const char **paths, int npaths, const char **sets,
                      int nsets);

/*
 * The pack a command works on, the same for every command: the config
 * (-c FILE, else ./pmoaudit.lua when present) with its rule folders,
 * params, severities and domains. RULE_PATHs given on the command line
 * replace the config's rule folders; no_builtin leaves out the built-in
 * pack (as the config's `builtin = false` does).
 */
typedef struct {
    pa_runopts o;
    pa_config cfg;
} cli_pack;
/* Read the config; prints the error and returns 2, else 0 (close it either way). */
int cli_pack_open(cli_pack *p, const char *config, const char **paths, int npaths, bool no_builtin);
/* The pack's rules (run_pack_registry); prints the error and returns 2, else 0. */
int cli_pack_registry(const cli_pack *p, pa_registry *reg);
void cli_pack_close(cli_pack *p);

/* The gates rule r guards, joined with sep ("-" when none): list, explain, docs. */
void cli_gates_text(const pa_rule *r, const char *sep, sbuf *b);

/* cmd/lint.c: the columns each rule's check reads, as far as lint follows
 * its code (a row passed to a helper is not followed): use(ud, rule index,
 * table, column) once per read. Returns 0, or -1 when the rules do not load. */
typedef void (*lint_use_fn)(void *ud, int rule, const char *table, const char *column);
int lint_columns(pa_registry *reg, lint_use_fn use, void *ud);

/* Print "pmoaudit: message" to stderr; returns 2 (could not run as asked). */
int cli_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* The same for a message built elsewhere (an err out-parameter), which it frees. */
int cli_fail_free(char *msg);

#endif
