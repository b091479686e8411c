/*
 * collect/waivers.h - accepted exceptions (--waivers FILE): a CSV with the columns
 * rule, key, fingerprint, reason, approved_by, expires. A waiver matches a
 * finding by rule (id or glob) and key, or by fingerprint alone. A waived
 * finding is still reported but does not count for --fail-on. A waiver whose
 * expiry date is before T no longer applies, and the report names it. So
 * does a waiver that matches nothing.
 */
#ifndef PA_WAIVER_H
#define PA_WAIVER_H

#include "collect/report_model.h"

/* Load the file into r->waivers; -1 with a located *err (exit 2). */
int waivers_load(pa_report *r, const char *path, char **err);
/* The same from a Lua file: waiver{...} calls, or waivers = { {...}, ... }
 * (which is how the config's inline waivers are read). */
int waivers_load_lua(pa_report *r, const char *path, char **err);
/* Mark the findings that waivers in force cover; count matches. */
void waivers_apply(pa_report *r);

#endif
