/*
 * cmd/config.h - the config file (pmoaudit.lua in the working directory, or -c
 * FILE): settings for `run` written as Lua assignments. See docs/config.md.
 */
#ifndef PA_CONFIG_H
#define PA_CONFIG_H

#include "model/registry.h"
#include "run/run.h"

typedef struct {
    char *path;            /* the file read, or NULL when there is none */
    char **strings;        /* copies the run options point into */
    int nstrings;
    run_sev *sev;          /* severity overrides (o->sevs points here) */
    int nsev;
    struct pa_cfg_gate {
        char *name;        /* the gate, e.g. "G3" */
        char *rules;       /* extra rule ids or globs, comma-joined; NULL for none */
        unsigned block;    /* bit (1 << severity) per blocking severity; 0 = default */
        int line;
    } *gates;              /* gates = { G3 = { rules = {...}, block = {...} } } */
    int ngates;
} pa_config;

/* Read the config into o. With explicit_path NULL, ./pmoaudit.lua is read
 * when it exists. Returns 0, or -1 with a located *err. o points into cfg
 * afterwards: free cfg after the run. */
int config_load(const char *explicit_path, pa_runopts *o, pa_config *cfg, char **err);
/* The config's entry for a gate (names compare case-insensitively), or NULL. */
const struct pa_cfg_gate *config_gate(const pa_config *cfg, const char *name);
void config_free(pa_config *cfg);

#endif
