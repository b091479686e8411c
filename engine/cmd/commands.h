/*
 * cmd/commands.h - the list of subcommands (cmd/commands.c): for each its
 * synopsis, summary and the options it takes besides those of the option
 * table. main.c's usage, the did-you-mean for commands and options, the
 * shell completion scripts and the man page (tools/mangen.c) read it.
 */
#ifndef PA_COMMANDS_H
#define PA_COMMANDS_H

#include "core/util.h"
#include "core/version.h"

#include <stdbool.h>
#include <stdio.h>

/* What an option's value is, for completion: a file, a rule id list, ... */
typedef enum { ARG_NONE, ARG_FILE, ARG_DIR, ARG_RULES, ARG_PROFILE, ARG_WORDS, ARG_TEXT } cmds_arg;

/* One option of a command that is not in the option table. */
typedef struct {
    const char *lng, *shrt; /* "--coverage", "-v" or NULL */
    const char *arg;        /* the value's name in help ("DIR"), NULL for a flag */
    cmds_arg kind;
    const char *words;      /* ARG_WORDS: the values, space-separated */
    const char *help;
} cmds_opt;

#define CMDS_RUN_OPTS 1u   /* takes every option of the table (run) */
#define CMDS_GATE_OPTS 2u  /* takes those gate does not refuse */
#define CMDS_LIMIT_OPTS 4u /* takes the budget options (--max-instructions, ...) */

typedef struct {
    const char *name;
    const char *args;       /* the synopsis after the name: "[DATA_DIR] [options]" */
    const char *summary;    /* one line for usage */
    unsigned flags;         /* CMDS_RUN_OPTS ... */
    cmds_arg positional;    /* what its arguments are (completion) */
    const char *words;      /* positional ARG_WORDS: the values */
    const cmds_opt *opts;   /* its own options, ending with a NULL lng */
} cmds_def;

extern const cmds_def cmds_table[];
extern const int cmds_count;

/* The release version and the git commit the binary was built from
 * (build/gen/commit.c; "unknown" outside a checkout). */
extern const char pa_commit[];

/* Every option of command c: its own, then those of the option table it
 * takes (run's, gate's or the budget options), at most max. Returns how many. */
int cmds_options(const cmds_def *c, cmds_opt *out, int max);
/* The entry named name, or NULL. */
const cmds_def *cmds_find(const char *name);
/* usage: pmoaudit COMMAND [ARGS] and one line per command, to f. */
void cmds_usage(FILE *f);
/* The command nearest to a misspelt one ("rn" -> "run"), or NULL. */
const char *cmds_suggest(const char *name);
/* Whether command c takes option a (a long or short name, "--x=v" too). */
bool cmds_takes(const cmds_def *c, const char *a);
/* "unknown option 'A' for CMD: did you mean 'X'? (see pmoaudit help CMD)";
 * prints it as cli_fail does and returns 2. */
int cmds_unknown_option(const char *cmd, const char *a);
/* pmoaudit completion bash|zsh|fish: the script on stdout; 0, or 2. */
int cmds_completion(int argc, char **argv);

#endif
