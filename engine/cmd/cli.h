/*
 * cmd/cli.h - the options of `run` and `gate`, parsed into a pa_runopts.
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

#endif
