/*
 * cmd/main.c - entry point: the list of commands, their help, and the
 * dispatch to each command's function (cmd/cli.c, test.c, lint.c, docs.c,
 * init.c, inspect.c, history.c). Only this file calls the commands, and no command
 * calls back into it, so the commands depend on cmd/common.c and nothing
 * else of cmd/.
 */
#include "cmd/common.h"

#include <stdio.h>
#include <string.h>

static void usage(void)
{
    fputs("usage: pmoaudit COMMAND [ARGS]\n"
          "\n"
          "  run [DATA_DIR] [options]   audit a data directory (default ./data)\n"
          "  list [RULE_PATH...]        list rules: id, severity, domain, tables, title\n"
          "  gate PROJECT GATE [DIR]    may a project pass a stage gate? PASS or BLOCKED\n"
          "  explain RULE_ID            a rule's documentation and params\n"
          "  schema [RULE_PATH...]      the data model: tables, columns, types\n"
          "  inspect FILE               how a CSV file is read: dialect, columns, types, problems\n"
          "  history COMMAND            the runs kept with --history: list, show, diff, trend, prune, export\n"
          "  test [RULE_PATH...]        run the rules' test cases\n"
          "  lint [RULE_PATH...]        check rule files without data (syntax, metadata, columns)\n"
          "  docs [RULE_PATH...]        write a Markdown reference page per rule\n"
          "  init [DIR]                 write a starter config, rule, test and data folder\n"
          "  help COMMAND               help on one command\n"
          "  --version                  print the version\n",
          stderr);
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
        fputs("usage: pmoaudit list [RULE_PATH...] [--no-builtin]\n\nLists the built-in rules and those in "
              "the given files or folders.\n", stdout);
    else if (strcmp(command, "explain") == 0)
        fputs("usage: pmoaudit explain RULE_ID [-r RULE_PATH]...\n\nPrints a rule's documentation, params "
              "and where it is declared.\n", stdout);
    else if (strcmp(command, "test") == 0)
        return cmd_test(1, (char *[]){"--help", NULL});
    else if (strcmp(command, "docs") == 0)
        return cmd_docs(1, (char *[]){"--help", NULL});
    else if (strcmp(command, "lint") == 0)
        return cmd_lint(1, (char *[]){"--help", NULL});
    else if (strcmp(command, "init") == 0)
        fputs("usage: pmoaudit init [DIR]\n\nWrites a commented pmoaudit.lua, an example rule with its tests "
              "(rules/) and a small\ndata folder (data/) into DIR (default: here). Never overwrites a file.\n",
              stdout);
    else if (strcmp(command, "schema") == 0)
        fputs("usage: pmoaudit schema [RULE_PATH...]\n\nPrints the tables, columns and types pmoaudit reads, with the "
              "tables and columns\nthat the rule files at RULE_PATH declare with schema{...}.\n",
              stdout);
    else if (strcmp(command, "inspect") == 0)
        return cmd_inspect(1, (char *[]){"--help", NULL});
    else if (strcmp(command, "history") == 0)
        return cmd_history(1, (char *[]){"--help", NULL});
    else
        return cli_fail("no help on '%s' (commands: run, gate, test, lint, list, explain, docs, schema, init, inspect, history)", command);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage();
        return 2;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "--version") == 0 || strcmp(cmd, "version") == 0) {
        printf("pmoaudit %s\n", PMOAUDIT_VERSION);
        return 0;
    }
    if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0)
        return help(NULL);
    if (strcmp(cmd, "help") == 0)
        return help(argc > 2 ? argv[2] : NULL);
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
    return cli_fail("unknown command '%s' (commands: run, gate, test, lint, list, explain, docs, schema, init, inspect, history, help; see pmoaudit --help)",
                    cmd);
}
