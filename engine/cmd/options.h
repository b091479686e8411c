/*
 * cmd/options.h - the options of run and gate, and the settings of the
 * config file, as one table (cmd/options.c): for each its command-line
 * names, config key, type, bounds, default, help text and the field of
 * pa_runopts it fills. The command line (cmd/cli.c) and pmoaudit.lua
 * (cmd/config.c) both read this table.
 */
#ifndef PA_OPTIONS_H
#define PA_OPTIONS_H

#include "core/util.h"
#include "run/run.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

typedef enum {
    OPT_FLAG,        /* on/off: no value on the command line; true or false in the config */
    OPT_INT,         /* a whole number of `unit` from min to max, stored << shift */
    OPT_SEVERITY,    /* info, warning, error, critical or never */
    OPT_DATE,        /* YYYY-MM-DD */
    OPT_PATH,        /* a file or folder; in the config relative to its folder, "-" as it is */
    OPT_LIST,        /* a comma list; in the config a string or a list of strings */
    OPT_PATHS,       /* a path, repeatable; in the config a path or a list; the command line's replace the config's */
    OPT_SETS,        /* --set RULE.P=VALUE, repeatable; in the config params = { RULE = { P = VALUE } } */
    OPT_DELIMITER,   /* , ; | or tab */
    OPT_ENCODING,    /* a name load/dialect.c knows */
    OPT_DATE_FORMAT, /* a layout model/date_format.c accepts */
    OPT_PROFILE,     /* a bundled profile's name, or a .lua file */
    OPT_WAIVERS,     /* a waiver file; in the config also a list of waivers */
    OPT_SPLIT,       /* owner or project */
    OPT_HISTORY,     /* a history database; in the config also true (.pmoaudit/history.db there) */
    OPT_CONFIG,      /* -c FILE: read before every other option */
    OPT_SEVERITIES,  /* config: rule id -> severity */
    OPT_GATES,       /* config: gate -> { rules = {...}, block = {...} } */
    OPT_LIMITS,      /* config: a table of the OPT_IN_LIMITS entries */
    OPT_TABLES,      /* config: table -> file name or table spec */
    OPT_REQUIRES,    /* config: ">= X.Y", the oldest rule API the config and its rules need */
} opt_type;

#define OPT_NOT_IN_GATE 1u /* gate refuses it: the gate chooses the rules and the project */
#define OPT_IN_LIMITS 2u   /* its key is one of limits = {...}, not a setting of its own */
#define OPT_NEGATED 8u     /* the config key is the flag's opposite: builtin = false is --no-builtin */

typedef struct {
    const char *lng, *shrt;   /* command-line names ("--rules", "-r"); lng NULL: config only */
    const char *key;          /* config key; NULL: command line only */
    opt_type type;
    unsigned flags;           /* OPT_NOT_IN_GATE ... */
    size_t off, size;         /* the field of pa_runopts it fills, and its size */
    size_t count;             /* OPT_PATHS, OPT_SETS: offset of the int count; else 0 */
    size_t given;             /* offset of a bool set when the command line gives it; 0 = none */
    unsigned long long min, max; /* OPT_INT: the bounds, in unit */
    const char *unit;         /* OPT_INT: "threads", "rows", ... (the config's message) */
    const char *expect;       /* OPT_INT: what the command line's message says it expected */
    const char *def;          /* the default, read like a command-line value; NULL: none (0) */
    const char *arg;          /* the value's name in --help ("PATH"); NULL for a flag */
    const char *help;         /* the --help text; "\n" goes on under it */
    unsigned shift;           /* OPT_INT: stored as value << shift (megabytes -> bytes) */
    int order;                /* the config's order: which setting applies (and fails) first */
} opt_def;

#define OPTS_MAX 64

extern const opt_def opts_table[];
extern const int opts_count;

/* What opts_parse_argv found. */
enum { OPTS_GO = -1, OPTS_HELP = 0, OPTS_ERROR = 2 };

/* pa_runopts with every default: the table's, the number of cores for -j,
 * and the limits of lua/runtime.c. */
void opts_defaults(pa_runopts *o);
/* The -c/--config value among the arguments, or NULL (it is read before
 * the other options, which override it). */
const char *opts_config_arg(int argc, char **argv);
/* The arguments of command cmd ("run" or "gate") over o: options, and
 * positional arguments into o->args. Returns OPTS_GO, OPTS_HELP for -h, or
 * OPTS_ERROR with *err; a misspelt option's suggestion is one that cmd
 * takes. */
int opts_parse_argv(int argc, char **argv, const char *cmd, pa_runopts *o, char **err);
/* The entry named lng ("--rules"), or NULL. */
const opt_def *opts_cli(const char *lng);
/* Whether argv[*i] is option d; then *val is its value (the next argument
 * is consumed when needed; "" for a flag). A missing value is *err. */
bool opts_match(const opt_def *d, int argc, char **argv, int *i, const char **val, char **err);

/* Whether argv[*i] is one of the budget options (--max-instructions, the
 * other OPT_IN_LIMITS entries) that test and lint take besides run and
 * gate: 1 and the value stored into o (*i past it), 0 when it is none, -1
 * with *err for a bad value. */
int opts_parse_limit(int argc, char **argv, int *i, pa_runopts *o, char **err);
/* The entry gate refuses that argument a starts with, or NULL. */
const opt_def *opts_gate_refused(const char *a);
/* --help: one line per command-line option (and its continuations). */
void opts_help(FILE *f);
/* "--only and --project": the options gate refuses, for its help. */
void opts_gate_refused_text(sbuf *b);

/* The config's settings (not the keys inside limits), in their order; or
 * with limits true, the keys of limits = {...}. Returns how many. */
int opts_settings(const opt_def *out[OPTS_MAX], bool limits);
/* The field d fills: as it is (a severity, a date, a delimiter), a
 * string, a flag. */
void *opts_field(const opt_def *d, pa_runopts *o);
const char **opts_str(const opt_def *d, pa_runopts *o);
bool *opts_flag(const opt_def *d, pa_runopts *o);
/* Append v to the list d fills (-r, --set); replace: empty it first. */
void opts_push(const opt_def *d, pa_runopts *o, const char *v, bool replace);
/* Whether v is within d's bounds (from the command line: max only when the
 * table says it is checked there too); opts_set_int stores it. */
bool opts_int_ok(const opt_def *d, unsigned long long v);
void opts_set_int(const opt_def *d, pa_runopts *o, unsigned long long v);

#endif
