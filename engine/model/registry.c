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
    free(x->example);
    free(x->example_from);
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
    for (int i = 0; i < r->npacks; i++) {
        free(r->packs[i].root);
        free(r->packs[i].shown);
    }
    free(r->packs);
    for (int i = 0; i < r->novr; i++) {
        free(r->ovr[i].rule);
        free(r->ovr[i].param);
        free(r->ovr[i].value);
        free(r->ovr[i].where);
    }
    free(r->ovr);
    reg_init(r);
}

static pa_source *push_source(pa_source **src, int *n, const char *path, const char *text, size_t len)
{
    *src = xrealloc(*src, (size_t)(*n + 1) * sizeof **src);
    pa_source *s = &(*src)[(*n)++];
    s->path = xstrdup(path);
    s->text = xstrndup(text, len);
    s->len = len;
    s->pack = 0;
    s->dir = NULL;
    s->name = NULL;
    s->support = false;
    return s;
}

/* A new pack; root (canonical, or NULL for the built-in one) is taken over. */
static int push_pack(pa_registry *r, char *root, const char *shown)
{
    r->packs = xrealloc(r->packs, (size_t)(r->npacks + 1) * sizeof *r->packs);
    r->packs[r->npacks].root = root;
    r->packs[r->npacks].shown = xstrdup(shown);
    return r->npacks++;
}

/* The built-in pack's index, made on first use. */
static int builtin_pack(pa_registry *r)
{
    for (int i = 0; i < r->npacks; i++)
        if (!r->packs[i].root)
            return i;
    return push_pack(r, NULL, "rules");
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

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

/*
 * Where a built-in file sits in its pack: its folder below rules/ into *dir
 * ("" at the top), and for a lib helper, rules/[FOLDER/]lib/NAME.lua, the
 * folder holding its lib/ into *dir and NAME into *name. False for a file
 * deeper in a lib/ folder, which nothing can require.
 */
static bool builtin_place(const char *path, char **dir, char **name)
{
    const char *rel = strncmp(path, "rules/", 6) == 0 ? path + 6 : path;
    const char *slash = strrchr(rel, '/');
    size_t folder = slash ? (size_t)(slash - rel) : 0;
    *name = NULL;
    if (!is_lib_file(path)) {
        *dir = xstrndup(rel, folder);
        return true;
    }
    bool top = folder == 3 && strncmp(rel, "lib", 3) == 0;
    if (!slash || !ends_with(slash, ".lua") || (!top && (folder < 4 || strncmp(slash - 4, "/lib", 4) != 0)))
        return false;
    *dir = xstrndup(rel, top ? 0 : folder - 4);
    *name = xstrndup(slash + 1, strlen(slash + 1) - 4);
    return true;
}

void reg_add_builtin(pa_registry *r)
{
    int pack = builtin_pack(r);
    for (int i = 0; i < builtin_nrules; i++) {
        const pa_embedded *e = &builtin_rules[i];
        char *dir, *name;
        if ((is_test_file(e->path) && !is_lib_file(e->path)) || !builtin_place(e->path, &dir, &name))
            continue;
        pa_source *s = name ? push_source(&r->libs, &r->nlibs, e->path, e->text, e->len)
                            : push_source(&r->src, &r->nsrc, e->path, e->text, e->len);
        s->pack = pack;
        s->dir = dir;
        s->name = name;
    }
}

/* The engine's rules are the built-in pack's DAT rules (rules/dat/): each
 * declares engine = true, which lua/rule_decl.c records. */
void reg_add_engine_rules(pa_registry *r)
{
    for (int i = 0; i < r->npacks; i++)
        if (!r->packs[i].root)
            return;
    int pack = builtin_pack(r);
    for (int i = 0; i < builtin_nrules; i++) {
        const pa_embedded *e = &builtin_rules[i];
        if (strncmp(e->path, "rules/dat/", 10) != 0 || is_test_file(e->path) || is_lib_file(e->path))
            continue;
        pa_source *s = push_source(&r->src, &r->nsrc, e->path, e->text, e->len);
        s->pack = pack;
        s->dir = xstrdup("dat");
        s->support = true;
    }
}

int reg_own_count(const pa_registry *r)
{
    int n = 0;
    for (int i = 0; i < r->n; i++)
        n += !r->v[i].support;
    return n;
}

void reg_builtin_tests(pa_registry *r, pa_source **src, int *n)
{
    int pack = builtin_pack(r);
    *src = NULL;
    *n = 0;
    for (int i = 0; i < builtin_nrules; i++) {
        const pa_embedded *e = &builtin_rules[i];
        char *dir, *name;
        if (is_test_file(e->path) && !is_lib_file(e->path) && builtin_place(e->path, &dir, &name)) {
            pa_source *s = push_source(src, n, e->path, e->text, e->len);
            s->pack = pack;
            s->dir = dir;
        }
    }
}

void reg_free_sources(pa_source *src, int n)
{
    for (int i = 0; i < n; i++) {
        free(src[i].path);
        free(src[i].text);
        free(src[i].dir);
        free(src[i].name);
    }
    free(src);
}

static int read_file(const char *path, char **text, size_t *len)
{
    *text = read_whole_file(path, len);
    return *text ? 0 : -1;
}

static int cmp_strp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * Files below dir, depth first, sorted so the order is stable: rule files or
 * test files (*_test.lua). Folders named lib/ are skipped at any depth: they
 * hold helpers, which are never rules or tests themselves.
 */
typedef enum { FILES_RULES, FILES_TESTS } file_kind;

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

/* The names in dir, sorted, without hidden ones; *nn of them (0 when dir
 * cannot be opened). */
static char **dir_names(const char *dir, size_t *nn)
{
    *nn = 0;
    DIR *d = opendir(dir);
    if (!d)
        return NULL;
    char **names = NULL;
    size_t ncap = 0;
    struct dirent *de;
    while ((de = readdir(d))) {
        if (de->d_name[0] == '.')
            continue;
        GROW(names, ncap, *nn + 1);
        names[(*nn)++] = xstrdup(de->d_name);
    }
    closedir(d);
    if (*nn > 1)
        qsort(names, *nn, sizeof *names, cmp_strp);
    return names;
}

static void collect(const char *dir, file_kind kind, dirset *seen, char ***files, size_t *n, size_t *cap)
{
    struct stat ds;
    if (stat(dir, &ds) != 0 || !dirset_enter(seen, &ds))
        return;
    size_t nn;
    char **names = dir_names(dir, &nn);
    for (size_t i = 0; i < nn; i++) {
        char *p = xasprintf("%s/%s", dir, names[i]);
        struct stat sb;
        bool want = false;
        if (stat(p, &sb) == 0 && S_ISDIR(sb.st_mode)) {
            if (strcmp(names[i], "lib") != 0)
                collect(p, kind, seen, files, n, cap);
        } else if (ends_with(names[i], ".lua")) {
            want = ends_with(names[i], "_test.lua") == (kind == FILES_TESTS);
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

/* The folder of file inside its pack whose top is top (as the walk spelt
 * it): "" for top/x.lua, "a/b" for top/a/b/x.lua. */
static char *folder_in_pack(const char *file, size_t top)
{
    const char *slash = strrchr(file, '/');
    return slash && (size_t)(slash - file) > top ? xstrndup(file + top + 1, (size_t)(slash - file) - top - 1)
                                                 : xstrdup("");
}

/* Read the files (and free the list) into src, as files of pack whose top
 * is the first top bytes of each path; -1 with *err at the first one that
 * cannot be read. */
static int read_sources(char **files, size_t n, int pack, size_t top, pa_source **src, int *nsrc, char **err)
{
    int rc = 0;
    for (size_t i = 0; i < n; i++) {
        char *text;
        size_t len;
        if (rc == 0 && read_file(files[i], &text, &len) != 0) {
            *err = xasprintf("%s: cannot read rule file (%s)", files[i], xstrerror(errno));
            rc = -1;
        } else if (rc == 0) {
            pa_source *s = push_source(src, nsrc, files[i], text, len);
            s->pack = pack;
            s->dir = folder_in_pack(files[i], top);
            free(text);
        }
        free(files[i]);
    }
    free(files);
    return rc;
}

/* The folder of a rule path: itself (without a trailing slash), or a file's
 * folder ("." for a bare file name). */
static char *path_dir(const char *path)
{
    struct stat sb;
    if (stat(path, &sb) == 0 && S_ISDIR(sb.st_mode)) {
        size_t len = strlen(path);
        while (len > 1 && path[len - 1] == '/')
            len--;
        return xstrndup(path, len);
    }
    const char *slash = strrchr(path, '/');
    return slash ? xstrndup(path, slash == path ? 1 : (size_t)(slash - path)) : xstrdup(".");
}

/* The files of a path: the file itself, or the rule (or test) files below it. */
static int path_files(const char *path, file_kind kind, int pack, pa_source **src, int *nsrc, char **err)
{
    char **files = NULL;
    size_t n = 0, cap = 0;
    char *dir = path_dir(path);
    struct stat sb;
    bool folder = stat(path, &sb) == 0 && S_ISDIR(sb.st_mode);
    if (folder) {
        dirset seen = {NULL, 0, 0};
        collect(dir, kind, &seen, &files, &n, &cap);
        free(seen.v);
    } else if (is_test_file(path) == (kind == FILES_TESTS)) {
        GROW(files, cap, 1);
        files[n++] = xstrdup(path);
    }
    size_t top = folder || strchr(path, '/') ? strlen(dir) : 0; /* "x.lua" is in ".", spelt "" */
    free(dir);
    return read_sources(files, n, pack, top, src, nsrc, err);
}

/* The helpers in one lib/ folder of a pack: the *.lua files directly in it
 * (not *_test.lua), each required by its name without ".lua"; owner is the
 * folder holding lib/, inside the pack. -1 with *err when one cannot be read. */
static int add_lib_folder(pa_registry *r, int pack, const char *lib, const char *owner, char **err)
{
    size_t nn, n = 0, cap = 0;
    char **names = dir_names(lib, &nn), **files = NULL;
    for (size_t i = 0; i < nn; i++) {
        char *p = xasprintf("%s/%s", lib, names[i]);
        struct stat sb;
        if (ends_with(names[i], ".lua") && !ends_with(names[i], "_test.lua") && stat(p, &sb) == 0 &&
            S_ISREG(sb.st_mode)) {
            GROW(files, cap, n + 1);
            files[n++] = p;
        } else {
            free(p);
        }
        free(names[i]);
    }
    free(names);
    int first = r->nlibs;
    int rc = read_sources(files, n, pack, 0, &r->libs, &r->nlibs, err);
    for (int i = first; i < r->nlibs; i++) {
        const char *base = strrchr(r->libs[i].path, '/') + 1;
        free(r->libs[i].dir);
        r->libs[i].dir = xstrdup(owner);
        r->libs[i].name = xstrndup(base, strlen(base) - 4);
    }
    return rc;
}

/* Every lib/ folder below dir (rel: dir's folder inside the pack), not
 * walking into lib/ folders, each real folder once. */
static int collect_libs(pa_registry *r, int pack, const char *dir, const char *rel, dirset *seen, char **err)
{
    struct stat ds;
    if (stat(dir, &ds) != 0 || !dirset_enter(seen, &ds))
        return 0;
    size_t nn;
    char **names = dir_names(dir, &nn);
    int rc = 0;
    for (size_t i = 0; i < nn; i++) {
        char *p = xasprintf("%s/%s", dir, names[i]);
        struct stat sb;
        if (rc == 0 && stat(p, &sb) == 0 && S_ISDIR(sb.st_mode)) {
            char *sub = *rel ? xasprintf("%s/%s", rel, names[i]) : xstrdup(names[i]);
            rc = strcmp(names[i], "lib") == 0 ? add_lib_folder(r, pack, p, rel, err)
                                              : collect_libs(r, pack, p, sub, seen, err);
            free(sub);
        }
        free(p);
        free(names[i]);
    }
    free(names);
    return rc;
}

/*
 * The pack of a rule path: its folder (a file's folder), identified by the
 * canonical path, so that `pack`, `./pack/` and a link to it are one pack
 * while `pack/sub` is another. A new pack brings the helpers of every lib/
 * folder inside it, and nothing from above it. -1 with *err when the folder
 * cannot be resolved or a helper cannot be read.
 */
static int pack_of(pa_registry *r, const char *path, char **err)
{
    char *dir = path_dir(path);
    char *root = realpath(dir, NULL);
    int pack = -1;
    if (!root)
        *err = xasprintf("%s: cannot resolve the rule folder (%s)", dir, xstrerror(errno));
    for (int i = 0; root && i < r->npacks && pack < 0; i++)
        if (r->packs[i].root && strcmp(r->packs[i].root, root) == 0)
            pack = i;
    if (root && pack >= 0) {
        free(root);
    } else if (root) {
        pack = push_pack(r, root, dir);
        dirset seen = {NULL, 0, 0};
        if (collect_libs(r, pack, dir, "", &seen, err) != 0)
            pack = -1;
        free(seen.v);
    }
    free(dir);
    return pack;
}

/* The files of path into src (rules or tests), as files of its pack. */
static int add_files(pa_registry *r, const char *path, file_kind kind, pa_source **src, int *n, char **err)
{
    struct stat sb;
    if (stat(path, &sb) != 0) {
        *err = xasprintf("%s: rule path not found (%s)", path, xstrerror(errno));
        return -1;
    }
    int pack = pack_of(r, path, err);
    return pack < 0 ? -1 : path_files(path, kind, pack, src, n, err);
}

int reg_add_path(pa_registry *r, const char *path, char **err)
{
    return add_files(r, path, FILES_RULES, &r->src, &r->nsrc, err);
}

int reg_path_tests(pa_registry *r, const char *path, pa_source **src, int *n, char **err)
{
    return add_files(r, path, FILES_TESTS, src, n, err);
}

/* Whether the pack's folder owner is dir or above it (both inside one pack,
 * "" the top), compared folder by folder. */
static bool holds(const char *owner, const char *dir)
{
    size_t n = strlen(owner);
    return n == 0 || (strncmp(dir, owner, n) == 0 && (dir[n] == '\0' || dir[n] == '/'));
}

const pa_source *reg_find_lib(const pa_registry *r, int pack, const char *dir, const char *name)
{
    const pa_source *best = NULL;
    for (int i = 0; r && i < r->nlibs; i++) {
        const pa_source *l = &r->libs[i];
        if (l->pack == pack && strcmp(l->name, name) == 0 && holds(l->dir, dir ? dir : "") &&
            (!best || strlen(l->dir) > strlen(best->dir)))
            best = l;
    }
    return best;
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

int reg_add_override(pa_registry *r, const char *spec, const char *where, char **err)
{
    const char *eq = strchr(spec, '=');
    const char *dot = NULL;
    for (const char *p = spec; eq && p < eq; p++)
        if (*p == '.')
            dot = p;
    if (!eq || !dot || dot == spec || dot + 1 == eq) {
        *err = where ? xasprintf("%s: params: '%s' is not RULE.param=value", where, spec)
                     : xasprintf("--set %s: expected RULE.param=value, e.g. --set SCH-003.warn_below=0.85", spec);
        return -1;
    }
    r->ovr = xrealloc(r->ovr, (size_t)(r->novr + 1) * sizeof *r->ovr);
    pa_override *o = &r->ovr[r->novr++];
    o->rule = xstrndup(spec, (size_t)(dot - spec));
    o->param = xstrndup(dot + 1, (size_t)(eq - dot - 1));
    o->value = xstrdup(eq + 1);
    o->where = where ? xstrdup(where) : NULL;
    return 0;
}

bool reg_guards(const pa_rule *r, const char *gate)
{
    for (int k = 0; k < r->ngates; k++)
        if (strcasecmp(r->gates[k], gate) == 0)
            return true;
    return false;
}

void reg_add_gate(pa_registry *r, const char *ids, const char *gate)
{
    char *copy = xstrdup(ids);
    for (char *save = NULL, *tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
        while (*tok == ' ')
            tok++;
        for (int i = 0; *tok && i < r->n; i++) {
            pa_rule *x = &r->v[i];
            if (fnmatch(tok, x->id, 0) != 0 || reg_guards(x, gate))
                continue;
            x->gates = xrealloc(x->gates, (size_t)(x->ngates + 1) * sizeof *x->gates);
            x->gates[x->ngates++] = xstrdup(gate);
        }
    }
    free(copy);
}
