/*
 * model/registry.c - the rule registry: collecting rule sources, loading them once
 * to learn their metadata, selecting rules for a run and recording
 * parameter overrides.
 */
#include "model/registry.h"
#include "core/embedded.h"
#include "core/util.h"

#include <dirent.h>
#include <errno.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

void reg_init(pa_registry *r)
{
    memset(r, 0, sizeof *r);
}

void reg_free_rule(pa_rule *x)
{
    free(x->id);
    free(x->title);
    free(x->domain);
    free(x->doc);
    free(x->each);
    free(x->unfit);
    for (int k = 0; k < x->ntables; k++)
        free(x->tables[k]);
    free(x->tables);
    for (int k = 0; k < x->ngates; k++)
        free(x->gates[k]);
    free(x->gates);
    for (int k = 0; k < x->nparams; k++) {
        free(x->params[k].name);
        free(x->params[k].type);
        free(x->params[k].shown);
    }
    free(x->params);
}

void reg_free(pa_registry *r)
{
    for (int i = 0; i < r->n; i++)
        reg_free_rule(&r->v[i]);
    free(r->v);
    usch_free(&r->schemas);
    reg_free_sources(r->src, r->nsrc);
    reg_free_sources(r->libs, r->nlibs);
    for (int i = 0; i < r->novr; i++) {
        free(r->ovr[i].rule);
        free(r->ovr[i].param);
        free(r->ovr[i].value);
    }
    free(r->ovr);
    reg_init(r);
}

static void push_source(pa_source **src, int *n, const char *path, const char *text, size_t len)
{
    *src = xrealloc(*src, (size_t)(*n + 1) * sizeof **src);
    pa_source *s = &(*src)[(*n)++];
    s->path = xstrdup(path);
    s->text = xstrndup(text, len);
    s->len = len;
}

static void add_source(pa_registry *r, const char *path, const char *text, size_t len)
{
    push_source(&r->src, &r->nsrc, path, text, len);
}

static bool is_lib_file(const char *path)
{
    return strncmp(path, "lib/", 4) == 0 || strstr(path, "/lib/") != NULL;
}

static bool is_test_file(const char *path)
{
    size_t n = strlen(path);
    return n >= 9 && strcmp(path + n - 9, "_test.lua") == 0;
}

void reg_add_builtin(pa_registry *r)
{
    for (int i = 0; i < builtin_nrules; i++) {
        const pa_embedded *e = &builtin_rules[i];
        if (is_lib_file(e->path))
            push_source(&r->libs, &r->nlibs, e->path, e->text, e->len);
        else if (!is_test_file(e->path))
            add_source(r, e->path, e->text, e->len);
    }
}

void reg_builtin_tests(pa_source **src, int *n)
{
    *src = NULL;
    *n = 0;
    for (int i = 0; i < builtin_nrules; i++)
        if (is_test_file(builtin_rules[i].path) && !is_lib_file(builtin_rules[i].path))
            push_source(src, n, builtin_rules[i].path, builtin_rules[i].text, builtin_rules[i].len);
}

void reg_free_sources(pa_source *src, int n)
{
    for (int i = 0; i < n; i++) {
        free(src[i].path);
        free(src[i].text);
    }
    free(src);
}

static int read_file(const char *path, char **text, size_t *len)
{
    *text = read_whole_file(path, len);
    return *text ? 0 : -1;
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

static int cmp_strp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * Files below dir, depth first, sorted so the order is stable. Three
 * kinds: rule files, test files (*_test.lua), and lib helpers (the *.lua in
 * lib/ folders, which rules require and which are never rules themselves).
 */
typedef enum { FILES_RULES, FILES_TESTS, FILES_LIBS } file_kind;

/* The real folders a walk has entered (device and inode): a folder reached
 * again through a link (`a -> .`, or two links to one place) is not walked
 * again, so a walk is linear in the real folders whatever links say. */
typedef struct {
    struct {
        dev_t dev;
        ino_t ino;
    } *v;
    size_t n, cap;
} dirset;

static bool dirset_enter(dirset *s, const struct stat *sb)
{
    for (size_t i = 0; i < s->n; i++)
        if (s->v[i].dev == sb->st_dev && s->v[i].ino == sb->st_ino)
            return false;
    GROW(s->v, s->cap, s->n + 1);
    s->v[s->n].dev = sb->st_dev;
    s->v[s->n].ino = sb->st_ino;
    s->n++;
    return true;
}

static void collect(const char *dir, file_kind kind, bool in_lib, dirset *seen, char ***files, size_t *n,
                    size_t *cap)
{
    struct stat ds;
    if (stat(dir, &ds) != 0 || !dirset_enter(seen, &ds))
        return;
    DIR *d = opendir(dir);
    if (!d)
        return;
    char **names = NULL;
    size_t nn = 0, ncap = 0;
    struct dirent *de;
    while ((de = readdir(d))) {
        if (de->d_name[0] == '.')
            continue;
        GROW(names, ncap, nn + 1);
        names[nn++] = xstrdup(de->d_name);
    }
    closedir(d);
    if (nn > 1)
        qsort(names, nn, sizeof *names, cmp_strp);
    for (size_t i = 0; i < nn; i++) {
        char *p = xasprintf("%s/%s", dir, names[i]);
        struct stat sb;
        bool want = false;
        if (stat(p, &sb) == 0 && S_ISDIR(sb.st_mode)) {
            bool lib = in_lib || strcmp(names[i], "lib") == 0;
            if (!lib || kind == FILES_LIBS)
                collect(p, kind, lib, seen, files, n, cap);
        } else if (ends_with(names[i], ".lua")) {
            bool test = ends_with(names[i], "_test.lua");
            want = kind == FILES_LIBS ? in_lib && !test : !in_lib && test == (kind == FILES_TESTS);
        }
        if (want) {
            GROW(*files, *cap, *n + 1);
            (*files)[(*n)++] = p;
        } else {
            free(p);
        }
        free(names[i]);
    }
    free(names);
}

/* The files of a path: the file itself, or the rule (or test) files below it. */
/* Read the files (and free the list) into src; -1 with *err at the first
 * one that cannot be read. */
static int read_sources(char **files, size_t n, pa_source **src, int *nsrc, char **err)
{
    int rc = 0;
    for (size_t i = 0; i < n; i++) {
        char *text;
        size_t len;
        if (rc == 0 && read_file(files[i], &text, &len) != 0) {
            *err = xasprintf("%s: cannot read rule file (%s)", files[i], xstrerror(errno));
            rc = -1;
        } else if (rc == 0) {
            push_source(src, nsrc, files[i], text, len);
            free(text);
        }
        free(files[i]);
    }
    free(files);
    return rc;
}

static int path_files(const char *path, file_kind kind, pa_source **src, int *nsrc, char **err)
{
    struct stat sb;
    if (stat(path, &sb) != 0) {
        *err = xasprintf("%s: rule path not found (%s)", path, xstrerror(errno));
        return -1;
    }
    char **files = NULL;
    size_t n = 0, cap = 0;
    if (S_ISDIR(sb.st_mode)) {
        size_t len = strlen(path);
        char *dir = xstrndup(path, (len > 1 && path[len - 1] == '/') ? len - 1 : len);
        dirset seen = {NULL, 0, 0};
        collect(dir, kind, false, &seen, &files, &n, &cap);
        free(seen.v);
        free(dir);
    } else if (kind != FILES_LIBS && is_test_file(path) == (kind == FILES_TESTS)) {
        GROW(files, cap, 1);
        files[n++] = xstrdup(path);
    }
    return read_sources(files, n, src, nsrc, err);
}

/* The folder of a rule path: itself, or a file's folder. */
static char *path_dir(const char *path)
{
    struct stat sb;
    if (stat(path, &sb) == 0 && S_ISDIR(sb.st_mode))
        return xstrdup(path);
    const char *slash = strrchr(path, '/');
    return slash ? xstrndup(path, (size_t)(slash - path)) : xstrdup(".");
}

/*
 * A rule path's lib/ helpers: those below it, and its parent's lib/ (a pack
 * keeps lib/ beside its domain folders, rules/lib next to rules/sch). Only
 * that one parent folder, never a walk up the tree; the parent is taken
 * textually, so that lib paths prefix the rule paths (rules/sch -> rules/lib).
 */
static void add_libs(pa_registry *r, const char *path)
{
    char *dir = path_dir(path), *err = NULL;
    if (path_files(dir, FILES_LIBS, &r->libs, &r->nlibs, &err) != 0)
        free(err);
    size_t dl = strlen(dir);
    while (dl > 1 && dir[dl - 1] == '/')
        dl--;
    size_t cut = dl;
    while (cut > 0 && dir[cut - 1] != '/')
        cut--;
    char *parent = cut ? xasprintf("%.*slib", (int)cut, dir) : xstrdup("lib");
    struct stat ps;
    if (stat(parent, &ps) == 0 && S_ISDIR(ps.st_mode)) {
        char **files = NULL;
        size_t n = 0, cap = 0;
        dirset seen = {NULL, 0, 0};
        collect(parent, FILES_LIBS, true, &seen, &files, &n, &cap);
        free(seen.v);
        err = NULL;
        if (read_sources(files, n, &r->libs, &r->nlibs, &err) != 0)
            free(err);
    }
    free(parent);
    free(dir);
}

int reg_add_path(pa_registry *r, const char *path, char **err)
{
    int rc = path_files(path, FILES_RULES, &r->src, &r->nsrc, err);
    if (rc == 0)
        add_libs(r, path);
    return rc;
}

int reg_path_tests(const char *path, pa_source **src, int *n, char **err)
{
    return path_files(path, FILES_TESTS, src, n, err);
}

int reg_index(const pa_registry *r, const char *id)
{
    for (int i = 0; i < r->n; i++)
        if (strcmp(r->v[i].id, id) == 0)
            return i;
    return -1;
}

const pa_rule *reg_find(const pa_registry *r, const char *id)
{
    int i = reg_index(r, id);
    return i < 0 ? NULL : &r->v[i];
}

/* Apply one comma list; `on` is the selected value for matching rules. */
static int apply_list(pa_registry *r, const char *list, bool on, const char *opt, char **err)
{
    char *copy = xstrdup(list);
    int rc = 0;
    for (char *save = NULL, *tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
        while (*tok == ' ')
            tok++;
        if (!*tok)
            continue;
        int hits = 0;
        for (int i = 0; i < r->n; i++) {
            if (fnmatch(tok, r->v[i].id, 0) == 0) {
                hits++;
                r->v[i].selected = on;
            }
        }
        if (!hits) {
            *err = xasprintf("%s %s: no rule matches '%s' (see `pmoaudit list`)", opt, list, tok);
            rc = -1;
            break;
        }
    }
    free(copy);
    return rc;
}

int reg_select(pa_registry *r, const char *only, const char *skip, char **err)
{
    if (only) {
        for (int i = 0; i < r->n; i++)
            r->v[i].selected = false;
        if (apply_list(r, only, true, "--only", err))
            return -1;
    }
    if (skip && apply_list(r, skip, false, "--skip", err))
        return -1;
    return 0;
}

static const pa_registry *sort_reg;

static int cmp_by_id(const void *a, const void *b)
{
    return strcmp(sort_reg->v[*(const int *)a].id, sort_reg->v[*(const int *)b].id);
}

int reg_sorted(const pa_registry *r, bool selected_only, int **order)
{
    int n = 0;
    *order = xmalloc(((size_t)r->n + 1) * sizeof **order);
    for (int i = 0; i < r->n; i++)
        if (!selected_only || r->v[i].selected)
            (*order)[n++] = i;
    sort_reg = r; /* qsort has no context argument; callers are single-threaded */
    qsort(*order, (size_t)n, sizeof **order, cmp_by_id);
    return n;
}

int reg_add_override(pa_registry *r, const char *spec, char **err)
{
    const char *eq = strchr(spec, '=');
    const char *dot = NULL;
    for (const char *p = spec; eq && p < eq; p++)
        if (*p == '.')
            dot = p;
    if (!eq || !dot || dot == spec || dot + 1 == eq) {
        *err = xasprintf("--set %s: expected RULE.param=value, e.g. --set SCH-003.warn_below=0.85", spec);
        return -1;
    }
    r->ovr = xrealloc(r->ovr, (size_t)(r->novr + 1) * sizeof *r->ovr);
    pa_override *o = &r->ovr[r->novr++];
    o->rule = xstrndup(spec, (size_t)(dot - spec));
    o->param = xstrndup(dot + 1, (size_t)(eq - dot - 1));
    o->value = xstrdup(eq + 1);
    return 0;
}

bool reg_guards(const pa_rule *r, const char *gate)
{
    for (int k = 0; k < r->ngates; k++)
        if (strcasecmp(r->gates[k], gate) == 0)
            return true;
    return false;
}
