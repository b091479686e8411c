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

/*
 * One table as every schema{} of it declares it: several rule files may add
 * columns to one table, and each declared column keeps the place of the
 * schema{} that declared it first.
 */
typedef struct {
    pa_tabledef def;   /* merged: a canonical table's columns, then the declared ones */
    const char *file;  /* the first declaring rule file (the registry's source path) */
    int line;
    const char **cfile; /* where each declared column was declared: cfile[k], cline[k] for */
    int *cline;         /* def.cols[ncols - nown + k] */
    const char *key_file; /* where `key` was given (extra tables), or NULL */
    int key_line;
    bool extends;      /* adds columns to a canonical table */
    bool broken;       /* a schema{} of it failed (lint goes on): its columns are not all known */
    int nown;          /* the declared columns are def.cols[ncols - nown ..] */
} pa_usertable;

typedef struct {
    pa_usertable *v;
    int n;
} pa_userschema;

const pa_tabledef *usch_find(const pa_userschema *s, const char *name);
/* Whether a schema{} of table name failed to load (lint mode goes on past
 * it): lint then does not report its columns as unknown, the one error at
 * the declaration says what is wrong. */
bool usch_broken(const pa_userschema *s, const char *name);
/* The declared definition of name if any, else the canonical one, else NULL. */
const pa_tabledef *usch_table(const pa_userschema *s, const char *name);
void usch_free(pa_userschema *s);
/* Parse "text", "int", "number", "money", "date", "bool" or "enum(a, b)";
 * enum values are normalised and stored in a new NULL-terminated array. */
bool usch_parse_type(const char *s, pa_type *t, char ***enums);

/* Free a NULL-terminated array of enum values (as usch_parse_type makes). */
void usch_free_enums(char **e);

#endif
