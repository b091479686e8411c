/*
 * model/schema.h - the canonical data model of data-model.md as static tables:
 * every table, its columns with type, required flag, enum values and foreign
 * key, and its primary key. Loading, the DAT checks, `pmoaudit schema` and
 * the rule API all read this one description, so adding a column is a
 * one-line change here.
 */
#ifndef PA_SCHEMA_H
#define PA_SCHEMA_H

#include "core/util.h"

#include <stdbool.h>
#include <stddef.h>

typedef enum {
    TY_TEXT,
    TY_INT,
    TY_NUMBER,
    TY_MONEY,
    TY_DATE,
    TY_BOOL,
    TY_ENUM,
    TY_LINKS /* the predecessors link list: text plus parsed links */
} pa_type;

typedef struct {
    const char *name;
    pa_type type;
    bool required;
    const char *const *enums; /* NULL-terminated, for TY_ENUM */
    const char *fk;           /* referenced table, or NULL */
    const char *note;
} pa_coldef;

typedef struct {
    const char *name;
    const char *key;                  /* primary key column, or NULL */
    const char *const *natural_key;   /* identifying columns for keyless tables */
    const pa_coldef *cols;
    int ncols;
} pa_tabledef;

extern const pa_tabledef schema_tables[];
extern const int schema_ntables;

const pa_tabledef *schema_table(const char *name);
/* The data-model table whose name is one or two letters off name (a
 * typo's likely meaning), or NULL; NULL too when name is a table. */
const char *schema_table_suggest(const char *name);
const pa_coldef *schema_column(const pa_tabledef *t, const char *name);
int schema_column_index(const pa_tabledef *t, const char *name);
const char *type_name(pa_type t);
/* Index of a normalised enum value in cd->enums, or -1. */
int schema_enum_index(const pa_coldef *cd, const char *v);
/*
 * Whether no cell of a column of type ty (with enum values enums) can equal
 * a value of Lua type vt ('s' string, 'n' number, 'b' boolean, 'd' date)
 * whose text is s (n bytes; strings and numbers): cells read as their type,
 * and an enum cell is always one of its normalised values. When none can,
 * appends why to *why, with the value to write instead when there is one
 * ("enum cells read normalised, as one of a, b (did you mean \"a\"?)"),
 * and returns true. Lint's comparison check and t:find/t:select at run time
 * word the same mistake the same way.
 */
bool schema_never_equal(pa_type ty, const char *const *enums, char vt, const char *s, size_t n, sbuf *why);

#endif
