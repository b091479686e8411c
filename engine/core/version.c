/*
 * core/version.c - whether this engine meets what a rule pack requires:
 * rule{requires = ">= 0.2"} and pmoaudit.lua's requires = ">= 0.2" name the
 * oldest rule API the pack works with, so that an older pmoaudit refuses
 * the pack with one clear message (exit 2) instead of failing somewhere in
 * a rule. Only ">=" is accepted: a pack cannot know which later versions
 * it breaks on, and the compatibility promise (docs/compatibility.md) is
 * what keeps it working on them.
 */
#include "core/version.h"
#include "core/util.h"

#include <stdlib.h>
#include <string.h>

/* A whole number of at most 6 digits at *p; advances p. -1 when none. */
static long number(const char **p)
{
    long n = 0;
    int digits = 0;
    while (**p >= '0' && **p <= '9' && digits < 6) {
        n = n * 10 + (**p - '0');
        (*p)++;
        digits++;
    }
    return digits ? n : -1;
}

char *ver_requires(const char *req)
{
    const char *p = req;
    long major = -1, minor = -1;
    if (p && strncmp(p, ">=", 2) == 0) {
        p += 2;
        while (*p == ' ')
            p++;
        major = number(&p);
        if (major >= 0 && *p == '.') {
            p++;
            minor = number(&p);
        }
    }
    if (minor < 0 || *p)
        return xstrdup("must be a string \">= MAJOR.MINOR\" naming the oldest rule API the rules work with, "
                       "such as \">= " PA_RULE_API "\"");
    if (major < PA_RULE_API_MAJOR || (major == PA_RULE_API_MAJOR && minor <= PA_RULE_API_MINOR))
        return NULL;
    return xasprintf("asks for rule API >= %ld.%ld, but pmoaudit %s has rule API %s: upgrade pmoaudit (or use "
                     "an older version of these rules)", major, minor, PMOAUDIT_VERSION, PA_RULE_API);
}
