/*
 * cmd/common.c - what the commands share: the one way to say why a command
 * cannot run ("pmoaudit: message", exit 2), loading the rule registry with
 * that message on failure, and the gates of a rule as text. Every command
 * file may call these; nothing here calls a command. May include every
 * folder before cmd/ and cmd/common.h.
 */
#include "cmd/common.h"
#include "cmd/options.h"
#include "run/run.h"
#include "core/util.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int cli_fail(const char *fmt, ...)
{
    va_list ap;
    fputs("pmoaudit: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    return 2;
}

int cli_fail_free(char *msg)
{
    int rc = cli_fail("%s", msg);
    free(msg);
    return rc;
}

/* run_load_registry, with its error printed. */
int cli_load_registry(pa_registry *reg, int builtin, const char **paths, int npaths, const char **sets,
                      int nsets)
{
    char *err = NULL;
    return run_load_registry(reg, builtin, paths, npaths, sets, NULL, nsets, &err) != 0 ? cli_fail_free(err) : 0;
}

int cli_pack_open(cli_pack *p, const char *config, const char **paths, int npaths, bool no_builtin)
{
    opts_defaults(&p->o);
    char *err = NULL;
    if (config_load(config, &p->o, &p->cfg, &err) != 0)
        return cli_fail_free(err);
    if (npaths > 0) {
        free((void *)p->o.rule_paths);
        p->o.rule_paths = xcalloc((size_t)npaths, sizeof *paths);
        memcpy((void *)p->o.rule_paths, paths, (size_t)npaths * sizeof *paths);
        p->o.nrule_paths = npaths;
    }
    p->o.no_builtin = p->o.no_builtin || no_builtin;
    return 0;
}

int cli_pack_registry(const cli_pack *p, pa_registry *reg)
{
    char *err = NULL;
    if (run_pack_registry(&p->o, reg, &err) != 0)
        return cli_fail_free(err);
    for (int i = 0; i < p->cfg.ngates; i++)
        if (p->cfg.gates[i].rules)
            reg_add_gate(reg, p->cfg.gates[i].rules, p->cfg.gates[i].name);
    return 0;
}

void cli_pack_close(cli_pack *p)
{
    free((void *)p->o.rule_paths);
    free((void *)p->o.sets);
    free((void *)p->o.set_where);
    config_free(&p->cfg);
}

/* The gates a rule guards, joined with sep; "-" when none. */
void cli_gates_text(const pa_rule *r, const char *sep, sbuf *b)
{
    for (int k = 0; k < r->ngates; k++)
        sb_printf(b, "%s%s", k ? sep : "", r->gates[k]);
    if (!r->ngates)
        sb_puts(b, "-");
}
