/*
 * lua/data_file.h - Lua data files: the config (pmoaudit.lua), Lua waiver
 * files and import profiles. One loader runs them all in the rules' sandbox
 * (lua/runtime.c's whitelisted environment and guards, text chunks only),
 * under an instruction budget and a memory cap, and reports errors as
 * rules do: "file:line: message" (lua/traceback.c). C reads what a file
 * assigned or returned through value handles, and calls the functions it
 * holds (a profile's column functions) under the budget, without ever
 * seeing a Lua header.
 *
 * Handles. An ldf_val names one Lua value the file owns. 0 is nil (and
 * "absent"). Every function that returns a handle makes a new one; they
 * pile up until ldf_release(f, mark) drops those made since ldf_mark(f), or
 * until ldf_free. A handle is only valid in the C frame that made it: a
 * callback given to ldf_define cannot use handles from outside, and those
 * it makes die when it returns.
 *
 * Errors. Nothing here raises a Lua error into C: every step that can fail
 * (running code, metamethods, memory) is protected. The first failure is
 * kept (ldf_error) and the step returns nil, false or LDF_E*.
 *
 * May include: core/. Only lua/data_file.c sees Lua's headers.
 */
#ifndef PA_LDF_H
#define PA_LDF_H

#include "core/util.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The documented defaults (docs/security.md, "Data files"). */
#define LDF_BUDGET 10000000ULL     /* instructions to run the file itself */
#define LDF_CALL_BUDGET 1000000ULL /* instructions per call of one of its functions */
#define LDF_MEM ((size_t)256 << 20) /* bytes the whole state may hold */
#define LDF_BUDGET_MSG "the file ran past its instruction budget"

typedef struct {
    uint64_t budget;        /* per run of a chunk; 0: LDF_BUDGET */
    uint64_t call_budget;   /* per ldf_call; 0: LDF_CALL_BUDGET */
    size_t mem;             /* the cap on the state's memory; 0: LDF_MEM */
    const char *budget_msg; /* what follows "file:line: " when a budget is spent; NULL: LDF_BUDGET_MSG */
    unsigned timeout;       /* wall-clock seconds per run or call; 0: 60 */
} ldf_opts;

typedef struct ldf_file ldf_file;
typedef int ldf_val;

enum { LDF_NIL, LDF_BOOLEAN, LDF_NUMBER, LDF_STRING, LDF_TABLE, LDF_FUNCTION, LDF_OTHER };
/* What ldf_run and ldf_run_file return. */
enum { LDF_OK = 0, LDF_ERUN = -1, LDF_EBINARY = -2, LDF_EMEM = -3, LDF_EREAD = -4 };

/* A sandboxed state for one data file (opts NULL: the defaults); NULL when
 * no state can be made (out of memory). */
ldf_file *ldf_new(const ldf_opts *opts);
void ldf_free(ldf_file *f);

/*
 * Run a chunk of text under the budget. chunkname is Lua's ("@path" for a
 * file, "=name" for embedded text); ret, when not NULL, gets the chunk's
 * first result. Returns LDF_OK, or with *err set (the caller frees it):
 * LDF_EBINARY ("binary chunks are not accepted", nothing ran), LDF_EMEM
 * (Lua's "not enough memory"), LDF_ERUN (a syntax or runtime error,
 * "file:line: message", or the budget's message at the line it struck).
 */
int ldf_run(ldf_file *f, const char *text, size_t len, const char *chunkname, ldf_val *ret, char **err);
/* The same for the file at path (chunk "@path"); LDF_EREAD, with no *err,
 * when it cannot be read. */
int ldf_run_file(ldf_file *f, const char *path, ldf_val *ret, char **err);

/* The first error since ldf_new (NULL: none). */
const char *ldf_error(const ldf_file *f);

/* The globals the file assigned (a table; reads of the sandbox's names are
 * not in it), and the line of the assignment to global key (0: unknown). */
ldf_val ldf_globals(ldf_file *f);
int ldf_line_of(ldf_file *f, const char *key);

/*
 * A global function `name` for the file, calling fn with its first
 * argument and the line of the call. fn returns NULL, or the message of an
 * error to raise at that line (fn keeps the string; the file may catch the
 * error with pcall). Names the file defines itself hide it.
 */
typedef const char *(*ldf_fn)(ldf_file *f, ldf_val arg, int line, void *ud);
void ldf_define(ldf_file *f, const char *name, ldf_fn fn, void *ud);

/* ---- reading values ---- */
int ldf_mark(ldf_file *f);
void ldf_release(ldf_file *f, int mark);

int ldf_type(ldf_file *f, ldf_val v);
bool ldf_is_integer(ldf_file *f, ldf_val v);
long long ldf_integer(ldf_file *f, ldf_val v); /* 0 unless a number with an integer value */
double ldf_number(ldf_file *f, ldf_val v);
bool ldf_truthy(ldf_file *f, ldf_val v);       /* Lua's truth: not nil, not false */
/* A string's bytes (NULL unless a string); they live as long as v. */
const char *ldf_string(ldf_file *f, ldf_val v, size_t *len);
/* v as Lua's tostring() makes it (a number as Lua prints it, __tostring
 * honoured), appended to b; false when that fails. */
bool ldf_tostring(ldf_file *f, ldf_val v, sbuf *b);
/* v as Lua source, tables with sorted keys (lrule_literal), appended to b.
 * False on an error, or when the text would pass 64 KiB (a table whose
 * sub-tables share each other is written out at each use): then
 * ldf_last_error says so, and ldf_error is untouched. */
bool ldf_literal(ldf_file *f, ldf_val v, sbuf *b);

/* t[key] as Lua reads it (__index honoured); nil when t is not a table. */
ldf_val ldf_field(ldf_file *f, ldf_val t, const char *key);
/* t[key] for a string key of n bytes, raw; nil when t is not a table. */
ldf_val ldf_rawfield(ldf_file *f, ldf_val t, const char *key, size_t n);
ldf_val ldf_index(ldf_file *f, ldf_val t, long long i); /* raw t[i] */
size_t ldf_len(ldf_file *f, ldf_val t);                 /* raw #t; 0 unless a table */
/*
 * The next entry of table t, in Lua's (hash) order: *key 0 starts. The
 * two handles are reused from one step to the next when nothing was made
 * in between. False at the end (or on an error).
 */
bool ldf_next(ldf_file *f, ldf_val t, ldf_val *key, ldf_val *val);
/* The string keys of t, sorted (NULL when none or on an error); free
 * with ldf_free_keys. */
char **ldf_sorted_keys(ldf_file *f, ldf_val t, size_t *n);
void ldf_free_keys(char **keys, size_t n);

/* ---- making values and calling functions ---- */
ldf_val ldf_new_string(ldf_file *f, const char *s, size_t n);
ldf_val ldf_new_integer(ldf_file *f, long long i);
ldf_val ldf_new_boolean(ldf_file *f, bool b);
ldf_val ldf_new_table(ldf_file *f);
/* One field of ldf_new_record: the value is the string s (n bytes) or,
 * with s NULL, the integer i; kind LDF_NUMBER makes it the float d
 * instead, kind LDF_BOOLEAN the boolean i != 0 (kind 0: as said first). */
typedef struct {
    const char *key;
    size_t klen;
    const char *s;
    size_t n;
    long long i;
    int kind;
    double d;
} ldf_field_init;
/* A table of the fields, set in order (a later one wins a key); 0 on error. */
ldf_val ldf_new_record(ldf_file *f, const ldf_field_init *fields, size_t n);
bool ldf_set(ldf_file *f, ldf_val t, const char *key, size_t n, ldf_val v); /* raw t[key] = v */
bool ldf_append(ldf_file *f, ldf_val t, ldf_val v);                         /* raw t[#t + 1] = v */

/*
 * Call function fn with the nargs handles of args (0 passes nil) under the
 * call budget; *result gets its first result. False on an error (the
 * message, "file:line: ...", is ldf_error's when it is the first).
 */
bool ldf_call(ldf_file *f, ldf_val fn, const ldf_val *args, int nargs, ldf_val *result);
/* The message of the last failed call or run (NULL: none failed). */
const char *ldf_last_error(const ldf_file *f);

#endif
