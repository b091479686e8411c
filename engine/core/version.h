/*
 * core/version.h - the rule API version and the check of a rule pack's
 * requires = ">= X.Y" against it (core/version.c). The release version is
 * PMOAUDIT_VERSION (the Makefile's VERSION); docs/compatibility.md says
 * when each is raised.
 */
#ifndef PA_VERSION_H
#define PA_VERSION_H

/* The rule API: rule{}, test{}, schema{}, pmo.*, ctx.*, pmoaudit.lua. The
 * minor number grows when something is added, the major one when
 * something is removed or changes meaning. */
#define PA_RULE_API_MAJOR 0
#define PA_RULE_API_MINOR 2
#define PA_RULE_API "0.2"

/* NULL when this engine meets req (">= X.Y"); else why not, as the text
 * that follows "'requires' " in a message: "asks for rule API >= 0.3, but
 * ...", or "must be ..." for a malformed req (NULL req: not a string).
 * The caller frees it. */
char *ver_requires(const char *req);

#endif
