/*
 * cmd/common.c - what the commands share: the one way to say why a command
 * cannot run ("pmoaudit: message", exit 2), loading the rule registry with
 * that message on failure, and the gates of a rule as text. Every command
 * file may call these; nothing here calls a command. May include every
 * folder before cmd/ and cmd/common.h.
 */
#include "cmd/common.h"
#include "run/run.h"
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

/* The gates a rule guards, joined with sep; "-" when none. */
void cli_gates_text(const pa_rule *r, const char *sep, sbuf *b)
{
    for (int k = 0; k < r->ngates; k++)
        sb_printf(b, "%s%s", k ? sep : "", r->gates[k]);
    if (!r->ngates)
        sb_puts(b, "-");
}
