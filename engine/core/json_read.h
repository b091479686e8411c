/*
 * core/json_read.h - a small JSON reader for the files pmoaudit reads back, such
 * as a previous report given with --baseline. It parses a whole document
 * into a tree of values, and reports the first syntax error with its line
 * and column.
 */
#ifndef PA_JSONREAD_H
#define PA_JSONREAD_H

#include <stdbool.h>
#include <stddef.h>

typedef enum { JV_NULL, JV_BOOL, JV_NUMBER, JV_STRING, JV_ARRAY, JV_OBJECT } jv_type;

typedef struct jv {
    jv_type type;
    bool b;
    double num;
    char *str;          /* JV_STRING (NUL-terminated; may hold NULs before len) */
    size_t len;
    struct jv *items;   /* JV_ARRAY elements, JV_OBJECT values */
    char **keys;        /* JV_OBJECT keys */
    size_t n;
} jv;

/* Parse text; returns NULL and a message "line L, column C: ..." in *err. */
jv *jv_parse(const char *text, size_t len, char **err);
void jv_free(jv *v);
/* Member of an object (NULL when absent or v is not an object). */
const jv *jv_get(const jv *v, const char *key);
/* The string of a member, or NULL. */
const char *jv_str(const jv *v, const char *key);

#endif
