/*
 * model/user_schema.c - tables a rule pack declared (see model/user_schema.h):
 * looking them up beside the canonical schema, parsing a column type, and
 * freeing what a declaration owns. Plain C: lua/schema_decl.c fills these
 * from schema{...} in rule files.
 */
#include "model/user_schema.h"
#include "core/util.h"
#include "model/value.h"

#include <stdlib.h>
#include <string.h>

#define MAX_ENUMS 255 /* enum cells are stored as one byte */

void usch_free_enums(char **e)
{
    for (int i = 0; e && e[i]; i++)
        free(e[i]);
    free(e);
}

bool usch_parse_type(const char *s, pa_type *t, char ***enums)
{
    static const struct {
        const char *name;
        pa_type t;
    } plain[] = {{"text", TY_TEXT}, {"int", TY_INT},   {"number", TY_NUMBER},
                 {"money", TY_MONEY}, {"date", TY_DATE}, {"bool", TY_BOOL}};
    *enums = NULL;
    for (size_t i = 0; i < sizeof plain / sizeof plain[0]; i++)
        if (strcmp(s, plain[i].name) == 0) {
            *t = plain[i].t;
            return true;
        }
    size_t n = strlen(s);
    if (strncmp(s, "enum(", 5) != 0 || n < 7 || s[n - 1] != ')')
        return false;
    char **v = xcalloc(MAX_ENUMS + 1, sizeof *v);
    int k = 0;
    for (const char *p = s + 5; p < s + n - 1;) {
        size_t len = strcspn(p, ",)");
        char norm[64];
        size_t m = val_norm_enum(p, len, norm, sizeof norm);
        if (m == 0 || m >= sizeof norm || k == MAX_ENUMS) {
            usch_free_enums(v);
            return false;
        }
        for (int j = 0; j < k; j++)
            if (strcmp(v[j], norm) == 0) { /* a repeated value */
                usch_free_enums(v);
                return false;
            }
        v[k++] = xstrdup(norm);
        p += len + (p[len] == ',');
    }
    *t = TY_ENUM;
    *enums = v;
    return true;
}

static void free_owned(pa_usertable *u)
{
    pa_coldef *cols = (pa_coldef *)u->def.cols;
    for (int i = u->def.ncols - u->nown; i < u->def.ncols; i++) {
        free((char *)cols[i].name);
        free((char *)cols[i].fk);
        free((char *)cols[i].note);
        usch_free_enums((char **)cols[i].enums);
    }
    free(cols);
    free(u->cfile);
    free(u->cline);
    free((char *)u->def.name);
    if (!u->extends)
        free((char *)u->def.key);
}

const pa_tabledef *usch_find(const pa_userschema *s, const char *name)
{
    for (int i = 0; s && i < s->n; i++)
        if (strcmp(s->v[i].def.name, name) == 0)
            return &s->v[i].def;
    return NULL;
}

bool usch_broken(const pa_userschema *s, const char *name)
{
    for (int i = 0; s && i < s->n; i++)
        if (strcmp(s->v[i].def.name, name) == 0)
            return s->v[i].broken;
    return false;
}

const pa_tabledef *usch_table(const pa_userschema *s, const char *name)
{
    const pa_tabledef *d = usch_find(s, name);
    return d ? d : schema_table(name);
}

void usch_free(pa_userschema *s)
{
    for (int i = 0; i < s->n; i++)
        free_owned(&s->v[i]);
    free(s->v);
    s->v = NULL;
    s->n = 0;
}
