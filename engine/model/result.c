/*
 * model/result.c - the names of a rule's statuses and the note of a cut
 * list (see model/result.h).
 */
#include "model/result.h"
#include "core/util.h"

const char *status_name(pa_status s)
{
    static const char *const names[] = {"passed", "failed", "skipped", "errored"};
    return names[s];
}

char *result_cap_note(const pa_result *res)
{
    return xasprintf("%zu findings: the first %zu are listed, %zu more not listed (raise --max-findings to list "
                     "them)",
                     res->count, res->findings.n + res->packed.n, res->dropped);
}
