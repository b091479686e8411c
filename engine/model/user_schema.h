/*
 * model/user_schema.h - tables declared by a rule pack: `schema{...}` in a
 * rule file types an extra CSV (columns, types, key, required columns,
 * references) or adds typed extra columns to a canonical table. The
 * declarations are collected while the rule files load (lua/schema_decl.c),
 * kept in the registry, and handed to the loader, the DAT checks, lint and
 * `pmoaudit schema` as ordinary pa_tabledefs, so nothing downstream knows
 * who declared a table.
 */
#ifndef PA_USER_SCHEMA_H
#define PA_USER_SCHEMA_H

#include "model/schema.h"

#include <stdbool.h>

typedef struct {
    pa_tabledef def;   /* merged: a canonical table's columns, then the declared ones */
    const char *file;  /* declaring rule file (the registry's source path) */
    int line;
    bool extends;      /* adds columns to a canonical table */
    int nown;          /* the declared columns are def.cols[ncols - nown ..] */
} pa_usertable;

typedef struct {
    pa_usertable *v;
    int n;
} pa_userschema;

const pa_tabledef *usch_find(const pa_userschema *s, const char *name);
/* The declared definition of name if any, else the canonical one, else NULL. */
const pa_tabledef *usch_table(const pa_userschema *s, const char *name);
void usch_free(pa_userschema *s);
/* Parse "text", "int", "number", "money", "date", "bool" or "enum(a, b)";
 * enum values are normalised and stored in a new NULL-terminated array. */
bool usch_parse_type(const char *s, pa_type *t, char ***enums);

/* Free a NULL-terminated array of enum values (as usch_parse_type makes). */
void usch_free_enums(char **e);

#endif
