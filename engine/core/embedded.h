/*
 * core/embedded.h - the built-in rule pack, embedded in the binary at build time
 * (build/gen/builtin_rules.c, generated from rules/ by tools/embed.c) so
 * that build/pmoaudit works from any directory with nothing installed.
 */
#ifndef PA_BUILTIN_H
#define PA_BUILTIN_H

#include <stddef.h>

typedef struct {
    const char *path;
    const char *text;
    size_t len;
} pa_embedded;

extern const pa_embedded builtin_rules[];
extern const int builtin_nrules;
/* The bundled import profiles (the .lua files of profiles/), NULL-path terminated. */
extern const pa_embedded builtin_profiles[];

#endif
