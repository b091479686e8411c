/*
 * cmd/main.c - entry point: the list of commands, their help, and the
 * dispatch to each command's function (cmd/cli.c, test.c, lint.c, docs.c,
 * init.c, inspect.c, history.c, commands.c for completion). The list of
 * commands, their synopses and options are cmd/commands.c's table. Only
 * this file calls the commands, and no command
 * calls back into it, so the commands depend on cmd/common.c and nothing
 * else of cmd/.
 */
#include "cmd/commands.h"
#include "cmd/common.h"
#include "cmd/options.h"

#include <stdio.h>
#include <string.h>

static void usage(void)
{
    cmds_usage(stderr);
}

/* The help of a command that has no function of its own for it: its
 * synopsis, what it does and its options, from cmd/commands.c. */
static void plain_help(const cmds_def *c, const char *text)
{
    printf("usage: pmoaudit %s %s\n\n%s", c->name, c->args, text);
    cmds_opt v[OPTS_MAX + 16];
    int n = cmds_options(c, v, OPTS_MAX + 16);
    for (int i = 0; i < n; i++) {
        char names[64];
        snprintf(names, sizeof names, "%s%s%s%s%s", v[i].shrt ? v[i].shrt : "", v[i].shrt ? ", " : "", v[i].lng,
                 v[i].arg ? " " : "", v[i].arg ? v[i].arg : "");
        printf("%s  %-20s %s\n", i ? "" : "\n", names, v[i].help);
    }
}

/* "unknown command 'rn': did you mean 'run'? (commands: ...)", exit 2. */
static int unknown_command(const char *cmd, const char *what)
{
    const char *s = cmds_suggest(cmd);
    sbuf b;
    sb_init(&b);
    for (int i = 0; i < cmds_count; i++)
        sb_printf(&b, "%s%s", i ? ", " : "", cmds_table[i].name);
    int rc = cli_fail("%s '%s'%s%s%s (commands: %s; see pmoaudit --help)", what, cmd, s ? ": did you mean '" : "",
                      s ? s : "", s ? "'?" : "", b.data);
    sb_free(&b);
    return rc;
}

static int help(const char *command)
{
    if (!command) {
        usage();
        fputs("\nSee `pmoaudit help run` for the options of run.\n", stderr);
        return 0;
    }
    if (strcmp(command, "run") == 0)
        cmd_run_help();
    else if (strcmp(command, "gate") == 0)
        cmd_gate_help();
    else if (strcmp(command, "list") == 0)
        plain_help(cmds_find(command), "Lists the built-in rules and those in the given files or folders.\n");
    else if (strcmp(command, "explain") == 0)
        plain_help(cmds_find(command), "Prints a rule's documentation, params and where it is declared. The id\n"
                                       "may differ in case (sch-001); a misspelt one gets the nearest ids.\n");
    else if (strcmp(command, "test") == 0)
        return cmd_test(1, (char *[]){"--help", NULL});
    else if (strcmp(command, "docs") == 0)
        return cmd_docs(1, (char *[]){"--help", NULL});
    else if (strcmp(command, "lint") == 0)
        return cmd_lint(1, (char *[]){"--help", NULL});
    else if (strcmp(command, "init") == 0)
        plain_help(cmds_find(command), "Writes a commented pmoaudit.lua, an example rule with its tests (rules/) "
                                       "and a small\ndata folder (data/) into DIR (default: here). Never "
                                       "overwrites a file.\n");
    else if (strcmp(command, "schema") == 0)
        plain_help(cmds_find(command), "Prints the tables, columns and types pmoaudit reads, with the tables and "
                                       "columns\nthat the rule files at RULE_PATH declare with schema{...}.\n");
    else if (strcmp(command, "inspect") == 0)
        return cmd_inspect(1, (char *[]){"--help", NULL});
    else if (strcmp(command, "history") == 0)
        return cmd_history(1, (char *[]){"--help", NULL});
    else if (strcmp(command, "completion") == 0)
        plain_help(cmds_find(command), "Prints a completion script for the shell, made from the commands, their "
                                       "options, the\nbuilt-in rule ids and the bundled profiles. For example:\n"
                                       "  source <(pmoaudit completion bash)\n"
                                       "make install puts them where bash-completion, zsh and fish look.\n");
    else if (strcmp(command, "help") == 0)
        plain_help(cmds_find(command), "Prints the help of COMMAND; the same as pmoaudit COMMAND --help.\n");
    else
        return unknown_command(command, "no help on");
    return 0;
}

/* -h or --help anywhere after a known command: its help, whatever else is
 * given ("pmoaudit schema rules --help"). The value of an option that takes
 * one is skipped: "run -o --help" writes to a file named --help. */
static bool wants_help(const char *cmd, int argc, char **argv)
{
    const cmds_def *c = cmds_find(cmd);
    if (!c)
        return false;
    cmds_opt v[OPTS_MAX + 16];
    int n = cmds_options(c, v, OPTS_MAX + 16);
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0)
            return true;
        for (int k = 0; k < n; k++)
            if (v[k].arg && (strcmp(argv[i], v[k].lng) == 0 || (v[k].shrt && strcmp(argv[i], v[k].shrt) == 0)))
                i++;
    }
    return false;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage();
        return 2;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "--version") == 0 || strcmp(cmd, "version") == 0) {
        printf("pmoaudit %s (commit %s, rule API %s)\n", PMOAUDIT_VERSION, pa_commit, PA_RULE_API);
        return 0;
    }
    if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0)
        return help(NULL);
    if (strcmp(cmd, "help") == 0)
        return help(argc < 3 ? NULL : strcmp(argv[2], "--help") == 0 || strcmp(argv[2], "-h") == 0 ? "help" : argv[2]);
    if (wants_help(cmd, argc - 2, argv + 2))
        return help(cmd);
    if (strcmp(cmd, "completion") == 0)
        return cmds_completion(argc - 2, argv + 2);
    if (strcmp(cmd, "run") == 0)
        return cmd_run(argc - 2, argv + 2);
    if (strcmp(cmd, "gate") == 0)
        return cmd_gate(argc - 2, argv + 2);
    if (strcmp(cmd, "list") == 0)
        return cmd_list(argc - 2, argv + 2);
    if (strcmp(cmd, "explain") == 0)
        return cmd_explain(argc - 2, argv + 2);
    if (strcmp(cmd, "init") == 0)
        return cmd_init(argc - 2, argv + 2);
    if (strcmp(cmd, "docs") == 0)
        return cmd_docs(argc - 2, argv + 2);
    if (strcmp(cmd, "test") == 0)
        return cmd_test(argc - 2, argv + 2);
    if (strcmp(cmd, "schema") == 0)
        return cmd_schema(argc - 2, argv + 2);
    if (strcmp(cmd, "lint") == 0)
        return cmd_lint(argc - 2, argv + 2);
    if (strcmp(cmd, "inspect") == 0)
        return cmd_inspect(argc - 2, argv + 2);
    if (strcmp(cmd, "history") == 0)
        return cmd_history(argc - 2, argv + 2);
    return unknown_command(cmd, "unknown command");
}
