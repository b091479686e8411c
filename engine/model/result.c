/*
 * model/result.c - the names of a rule's statuses (see model/result.h).
 */
#include "model/result.h"

const char *status_name(pa_status s)
{
    static const char *const names[] = {"passed", "failed", "skipped", "errored"};
    return names[s];
}
