/*
 * cmd/common.c - what the commands share: the one way to say why a command
 * cannot run ("pmoaudit: message", exit 2), loading the rule registry with
 * that message on failure, and the gates of a rule as text. Every command
 * file may call these; nothing here calls a command. May include every
 * folder before cmd/ and cmd/common.h.
 */
#include "cmd/common.h"
#include "lua/runtime.h"
#include "core/util.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

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

/* A message built elsewhere (an err out-parameter): printed, then freed. */
static int fail_free(char *msg)
{
    int rc = cli_fail("%s", msg);
    free(msg);
    return rc;
}

/* The registry of a run, list or explain: built-in pack plus paths. */
int cli_load_registry(pa_registry *reg, bool builtin, const char **paths, int npaths, const char **sets,
                      int nsets)
{
    char *err = NULL;
    reg_init(reg);
    if (builtin)
        reg_add_builtin(reg);
    for (int i = 0; i < npaths; i++)
        if (reg_add_path(reg, paths[i], &err) != 0)
            return fail_free(err);
    for (int i = 0; i < nsets; i++)
        if (reg_add_override(reg, sets[i], &err) != 0)
            return fail_free(err);
    if (lrt_load_registry(reg, &err) != 0)
        return fail_free(err);
    return 0;
}

/* The gates a rule guards, joined with sep; "-" when none. */
void cli_gates_text(const pa_rule *r, const char *sep, sbuf *b)
{
    for (int k = 0; k < r->ngates; k++)
        sb_printf(b, "%s%s", k ? sep : "", r->gates[k]);
    if (!r->ngates)
        sb_puts(b, "-");
}
