/*
 * cmd/commands.c - the one list of subcommands: name, synopsis, summary,
 * and the options each takes besides the option table's (cmd/options.c).
 * From it come the usage of `pmoaudit --help`, the did-you-mean for a
 * misspelt command or option, the shell completion scripts of `pmoaudit
 * completion bash|zsh|fish` and the man page (tools/mangen.c), so that a
 * command or option added here appears in all of them. The commands
 * parse their own arguments; tests/e2e/install_test.sh checks that every
 * option a command's --help names is listed here. May include every
 * folder before cmd/, cmd/common.h and cmd/options.h.
 */
#include "cmd/commands.h"
#include "cmd/common.h"
#include "cmd/options.h"
#include "load/profile.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const cmds_opt rules_opts[] = {
    {"--rules", "-r", "PATH", ARG_FILE, NULL, "rule file or folder besides the built-in pack (repeatable)"},
    {"--no-builtin", NULL, NULL, ARG_NONE, NULL, "leave the built-in rule pack out"},
    {"--config", "-c", "FILE", ARG_FILE, NULL, "the pack's config (default ./pmoaudit.lua when present)"},
    {NULL, NULL, NULL, ARG_NONE, NULL, NULL},
};
static const cmds_opt schema_opts[] = {
    {"--config", "-c", "FILE", ARG_FILE, NULL, "the pack's config (default ./pmoaudit.lua when present)"},
    {NULL, NULL, NULL, ARG_NONE, NULL, NULL},
};
static const cmds_opt history_opts[] = {
    {"--history", NULL, "FILE", ARG_FILE, NULL, "the history file (default: the config's history setting)"},
    {"--config", "-c", "FILE", ARG_FILE, NULL, "the config whose history setting names the file"},
    {"--format", "-f", "FORMAT", ARG_WORDS, "table json csv text md junit sarif html",
     "table, json or csv; for export, report formats"},
    {"--output", "-o", "PATH", ARG_FILE, NULL, "export: where to write the report"},
    {"--project", NULL, "P", ARG_TEXT, NULL, "trend: one project"},
    {"--rule", NULL, "R", ARG_TEXT, NULL, "trend: one rule"},
    {"--domain", NULL, "D", ARG_TEXT, NULL, "trend: one domain"},
    {"--keep", NULL, "N", ARG_TEXT, NULL, "prune: keep the newest N runs"},
    {"--before", NULL, "YYYY-MM-DD", ARG_TEXT, NULL, "prune: delete runs as of before this date"},
    {NULL, NULL, NULL, ARG_NONE, NULL, NULL},
};
static const cmds_opt test_opts[] = {
    {"--config", "-c", "FILE", ARG_FILE, NULL, "the pack's config (default ./pmoaudit.lua when present)"},
    {"--verbose", "-v", NULL, ARG_NONE, NULL, "list every case, not only failures"},
    {"--coverage", NULL, NULL, ARG_NONE, NULL, "name the rules that lack a failing or a passing case"},
    {NULL, NULL, NULL, ARG_NONE, NULL, NULL},
};
static const cmds_opt lint_opts[] = {
    {"--config", "-c", "FILE", ARG_FILE, NULL, "read custom domains (domains = {...}) and rule folders"},
    {"--builtin", NULL, NULL, ARG_NONE, NULL, "check the built-in pack (also with RULE_PATHs)"},
    {NULL, NULL, NULL, ARG_NONE, NULL, NULL},
};
static const cmds_opt docs_opts[] = {
    {"--output", "-o", "DIR", ARG_DIR, NULL, "the folder to write into (default docs/rules)"},
    {"--no-builtin", NULL, NULL, ARG_NONE, NULL, "leave the built-in rule pack out"},
    {"--config", "-c", "FILE", ARG_FILE, NULL, "the pack's config (default ./pmoaudit.lua when present)"},
    {NULL, NULL, NULL, ARG_NONE, NULL, NULL},
};
static const cmds_opt inspect_opts[] = {
    {"--profile", NULL, "NAME|FILE", ARG_PROFILE, NULL, "read the file as this import profile maps it"},
    {"--config", "-c", "FILE", ARG_FILE, NULL, "a config whose profile, tables and dialect settings apply"},
    {"--table", NULL, "NAME", ARG_TEXT, NULL, "the table the file is (default: from its name)"},
    {"--delimiter", NULL, "D", ARG_TEXT, NULL, "CSV delimiter: , ; | or tab"},
    {"--encoding", NULL, "ENC", ARG_WORDS, "utf-8 utf-16 windows-1252 latin-1", "the file's encoding"},
    {"--date-format", NULL, "L", ARG_TEXT, NULL, "date layout, e.g. DD/MM/YYYY"},
    {"--rows", NULL, "N", ARG_TEXT, NULL, "how many first rows to show"},
    {NULL, NULL, NULL, ARG_NONE, NULL, NULL},
};
static const cmds_opt no_opts[] = {{NULL, NULL, NULL, ARG_NONE, NULL, NULL}};

/* In the order of `pmoaudit --help`. */
const cmds_def cmds_table[] = {
    {"run", "[DATA_DIR] [options]", "audit a data directory (default ./data)", CMDS_RUN_OPTS, ARG_DIR, NULL, no_opts},
    {"list", "[RULE_PATH...]", "list rules: id, severity, domain, tables, title", 0, ARG_FILE, NULL, rules_opts},
    {"gate", "PROJECT GATE [DIR]", "may a project pass a stage gate? PASS or BLOCKED", CMDS_GATE_OPTS, ARG_DIR,
     NULL, no_opts},
    {"explain", "RULE_ID", "a rule's documentation and params", 0, ARG_RULES, NULL, rules_opts},
    {"schema", "[RULE_PATH...]", "the data model: tables, columns, types", 0, ARG_FILE, NULL, schema_opts},
    {"inspect", "FILE", "how a CSV file is read: dialect, columns, types, problems", 0, ARG_FILE, NULL,
     inspect_opts},
    {"history", "COMMAND", "the runs kept with --history: list, show, diff, trend, prune, export", 0, ARG_WORDS,
     "list show diff trend prune export", history_opts},
    {"test", "[RULE_PATH...]", "run the rules' test cases", CMDS_LIMIT_OPTS, ARG_FILE, NULL, test_opts},
    {"lint", "[RULE_PATH...]", "check rule files without data (syntax, metadata, columns)", CMDS_LIMIT_OPTS,
     ARG_FILE, NULL, lint_opts},
    {"docs", "[RULE_PATH...]", "write a Markdown reference page per rule", 0, ARG_FILE, NULL, docs_opts},
    {"init", "[DIR]", "write a starter config, rule, test and data folder", 0, ARG_DIR, NULL, no_opts},
    {"completion", "bash|zsh|fish", "a shell completion script on stdout", 0, ARG_WORDS, "bash zsh fish", no_opts},
    {"help", "COMMAND", "help on one command", 0, ARG_WORDS, NULL, no_opts},
};
const int cmds_count = (int)(sizeof cmds_table / sizeof *cmds_table);

const cmds_def *cmds_find(const char *name)
{
    for (int i = 0; i < cmds_count; i++)
        if (strcmp(cmds_table[i].name, name) == 0)
            return &cmds_table[i];
    return NULL;
}

void cmds_usage(FILE *f)
{
    fputs("usage: pmoaudit COMMAND [ARGS]\n\n", f);
    for (int i = 0; i < cmds_count; i++) {
        char head[64];
        snprintf(head, sizeof head, "%s %s", cmds_table[i].name, cmds_table[i].args);
        fprintf(f, "  %-26s %s\n", head, cmds_table[i].summary);
    }
    fprintf(f, "  %-26s %s\n", "--version", "print the version and the git commit");
}

const char *cmds_suggest(const char *name)
{
    const char *names[sizeof cmds_table / sizeof *cmds_table + 1];
    for (int i = 0; i < cmds_count; i++)
        names[i] = cmds_table[i].name;
    names[cmds_count] = NULL;
    return str_suggest(name, names);
}

/* The table's options command c takes, by its flags. */
static bool takes_table_opt(const cmds_def *c, const opt_def *d)
{
    if (!d->lng)
        return false;
    if (c->flags & CMDS_RUN_OPTS)
        return true;
    if (c->flags & CMDS_GATE_OPTS)
        return !(d->flags & OPT_NOT_IN_GATE);
    return (c->flags & CMDS_LIMIT_OPTS) && (d->flags & OPT_IN_LIMITS);
}

/* What a table option's value is, for completion. */
static void table_kind(const opt_def *d, cmds_opt *o)
{
    o->kind = ARG_TEXT;
    o->words = NULL;
    if (d->type == OPT_FLAG)
        o->kind = ARG_NONE;
    else if (d->type == OPT_PATH || d->type == OPT_PATHS || d->type == OPT_CONFIG || d->type == OPT_WAIVERS)
        o->kind = ARG_FILE;
    else if (d->type == OPT_PROFILE)
        o->kind = ARG_PROFILE;
    else if (strcmp(d->lng, "--only") == 0 || strcmp(d->lng, "--skip") == 0)
        o->kind = ARG_RULES;
    else if (strcmp(d->lng, "--format") == 0)
        o->kind = ARG_WORDS, o->words = "text json md csv html junit sarif";
    else if (d->type == OPT_SEVERITY)
        o->kind = ARG_WORDS, o->words = "info warning error critical never";
    else if (d->type == OPT_SPLIT)
        o->kind = ARG_WORDS, o->words = "owner project";
    else if (d->type == OPT_ENCODING)
        o->kind = ARG_WORDS, o->words = "utf-8 utf-16 windows-1252 latin-1";
}

int cmds_options(const cmds_def *c, cmds_opt *out, int max)
{
    int n = 0;
    for (const cmds_opt *o = c->opts; o->lng && n < max; o++)
        out[n++] = *o;
    for (int i = 0; i < opts_count && n < max; i++) {
        const opt_def *d = &opts_table[i];
        if (!takes_table_opt(c, d))
            continue;
        cmds_opt o = {d->lng, d->shrt, d->arg, ARG_NONE, NULL, d->help};
        table_kind(d, &o);
        out[n++] = o;
    }
    return n;
}

bool cmds_takes(const cmds_def *c, const char *a)
{
    cmds_opt v[OPTS_MAX + 16];
    int n = cmds_options(c, v, OPTS_MAX + 16);
    size_t an = strcspn(a, "=");
    for (int i = 0; i < n; i++)
        if ((strlen(v[i].lng) == an && strncmp(a, v[i].lng, an) == 0) || (v[i].shrt && strcmp(a, v[i].shrt) == 0))
            return true;
    return false;
}

int cmds_unknown_option(const char *cmd, const char *a)
{
    const cmds_def *c = cmds_find(cmd);
    cmds_opt v[OPTS_MAX + 16];
    const char *names[OPTS_MAX + 17];
    int n = c ? cmds_options(c, v, OPTS_MAX + 16) : 0;
    for (int i = 0; i < n; i++)
        names[i] = v[i].lng;
    names[n] = NULL;
    char word[64];
    snprintf(word, sizeof word, "%.*s", (int)strcspn(a, "="), a);
    const char *s = str_suggest(word, names);
    return cli_fail("unknown option '%s' for %s%s%s%s (see pmoaudit help %s)", a, cmd, s ? ": did you mean '" : "",
                    s ? s : "", s ? "'?" : "", cmd);
}

/* ---- completion ---- */

typedef struct {
    sbuf rules;    /* the built-in rule ids, space-separated */
    sbuf profiles; /* the bundled profiles' names */
    sbuf cmds;     /* the command names */
} comp_words;

static void comp_words_init(comp_words *w)
{
    sb_init(&w->rules);
    sb_init(&w->profiles);
    sb_init(&w->cmds);
    pa_registry reg;
    if (cli_load_registry(&reg, true, NULL, 0, NULL, 0) == 0)
        for (int i = 0; i < reg.n; i++)
            sb_printf(&w->rules, "%s%s", i ? " " : "", reg.v[i].id);
    reg_free(&reg);
    const char *name, *desc;
    for (int i = 0; prof_bundled(i, &name, &desc); i++)
        sb_printf(&w->profiles, "%s%s", i ? " " : "", name);
    for (int i = 0; i < cmds_count; i++)
        sb_printf(&w->cmds, "%s%s", i ? " " : "", cmds_table[i].name);
}

static void comp_words_free(comp_words *w)
{
    sb_free(&w->rules);
    sb_free(&w->profiles);
    sb_free(&w->cmds);
}

/* The words a value of kind k completes to, as the script writes them:
 * the rule ids and profiles through a variable the script sets once
 * (var: "$" for bash, "${=" for zsh, "$__" for fish); "" for free text. */
static void put_words(sbuf *b, const comp_words *w, cmds_arg k, const char *words, const char *var)
{
    const char *close = strcmp(var, "${=") == 0 ? "}" : "";
    if (k == ARG_RULES)
        sb_printf(b, "%spmoaudit_rules%s", var, close);
    else if (k == ARG_PROFILE)
        sb_printf(b, "%spmoaudit_profiles%s", var, close);
    else if (k == ARG_WORDS)
        sb_puts(b, words ? words : w->cmds.data);
}

static const char *words_of(sbuf *b, const comp_words *w, cmds_arg k, const char *words, const char *var)
{
    sb_free(b);
    sb_init(b);
    put_words(b, w, k, words, var);
    return b->data ? b->data : "";
}

static bool kind_files(cmds_arg k)
{
    return k == ARG_FILE || k == ARG_DIR || k == ARG_PROFILE;
}

/* bash: one function; the previous word picks a value's completion, else
 * the command's options (after "-") or its arguments. */
static void comp_bash(const comp_words *w)
{
    printf("# bash completion for pmoaudit (made by `pmoaudit completion bash`)\n"
           "_pmoaudit() {\n"
           "    local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]} cmd=${COMP_WORDS[1]}\n"
           "    local opts='' words='' files=''\n"
           "    local pmoaudit_rules='%s' pmoaudit_profiles='%s'\n"
           "    COMPREPLY=()\n"
           "    if [ \"$COMP_CWORD\" -eq 1 ]; then\n"
           "        COMPREPLY=($(compgen -W '%s --version --help' -- \"$cur\"))\n"
           "        return 0\n"
           "    fi\n"
           "    case \"$cmd\" in\n",
           w->rules.data ? w->rules.data : "", w->profiles.data ? w->profiles.data : "", w->cmds.data);
    sbuf t;
    sb_init(&t);
    for (int i = 0; i < cmds_count; i++) {
        const cmds_def *c = &cmds_table[i];
        cmds_opt v[OPTS_MAX + 16];
        int n = cmds_options(c, v, OPTS_MAX + 16);
        printf("    %s)\n        case \"$prev\" in\n", c->name);
        for (int k = 0; k < n; k++)
            if (v[k].kind != ARG_NONE)
                printf("        %s%s%s) COMPREPLY=($(compgen %s-W \"%s\" -- \"$cur\")); return 0 ;;\n", v[k].lng,
                       v[k].shrt ? "|" : "", v[k].shrt ? v[k].shrt : "", kind_files(v[k].kind) ? "-f " : "",
                       words_of(&t, w, v[k].kind, v[k].words, "$"));
        printf("        esac\n        opts='--help");
        for (int k = 0; k < n; k++)
            printf(" %s%s%s", v[k].lng, v[k].shrt ? " " : "", v[k].shrt ? v[k].shrt : "");
        printf("'\n        words=\"%s\"; files=%s ;;\n", words_of(&t, w, c->positional, c->words, "$"),
               kind_files(c->positional) ? "yes" : "");
    }
    sb_free(&t);
    printf("    esac\n"
           "    if [[ \"$cur\" == -* ]]; then\n"
           "        COMPREPLY=($(compgen -W \"$opts\" -- \"$cur\"))\n"
           "    elif [ -n \"$files\" ]; then\n"
           "        COMPREPLY=($(compgen -f -W \"$words\" -- \"$cur\"))\n"
           "    else\n"
           "        COMPREPLY=($(compgen -W \"$words\" -- \"$cur\"))\n"
           "    fi\n"
           "}\n"
           "complete -o filenames -F _pmoaudit pmoaudit\n");
}

/* zsh: the same logic over $words and $CURRENT, with compadd and _files. */
static void comp_zsh(const comp_words *w)
{
    printf("#compdef pmoaudit\n"
           "# zsh completion for pmoaudit (made by `pmoaudit completion zsh`)\n"
           "_pmoaudit() {\n"
           "    local cur=${words[CURRENT]} prev=${words[CURRENT-1]} cmd=${words[2]}\n"
           "    local -a opts args\n"
           "    local files=''\n"
           "    local pmoaudit_rules='%s' pmoaudit_profiles='%s'\n"
           "    if (( CURRENT == 2 )); then\n"
           "        compadd -- %s --version --help\n"
           "        return\n"
           "    fi\n"
           "    case $cmd in\n",
           w->rules.data ? w->rules.data : "", w->profiles.data ? w->profiles.data : "", w->cmds.data);
    sbuf t;
    sb_init(&t);
    for (int i = 0; i < cmds_count; i++) {
        const cmds_def *c = &cmds_table[i];
        cmds_opt v[OPTS_MAX + 16];
        int n = cmds_options(c, v, OPTS_MAX + 16);
        printf("    %s)\n        case $prev in\n", c->name);
        for (int k = 0; k < n; k++)
            if (v[k].kind != ARG_NONE)
                printf("        %s%s%s) compadd -- %s%s; return ;;\n", v[k].lng, v[k].shrt ? "|" : "",
                       v[k].shrt ? v[k].shrt : "", words_of(&t, w, v[k].kind, v[k].words, "${="),
                       kind_files(v[k].kind) ? "; _files" : "");
        printf("        esac\n        opts=(--help");
        for (int k = 0; k < n; k++)
            printf(" %s%s%s", v[k].lng, v[k].shrt ? " " : "", v[k].shrt ? v[k].shrt : "");
        printf(")\n        args=(%s); files=%s ;;\n", words_of(&t, w, c->positional, c->words, "${="),
               kind_files(c->positional) ? "yes" : "");
    }
    sb_free(&t);
    printf("    esac\n"
           "    if [[ $cur == -* ]]; then\n"
           "        compadd -- $opts\n"
           "    else\n"
           "        (( ${#args} )) && compadd -- $args\n"
           "        [[ -n $files ]] && _files\n"
           "    fi\n"
           "}\n"
           "if [[ $funcstack[1] == _pmoaudit ]]; then _pmoaudit \"$@\"; else compdef _pmoaudit pmoaudit; fi\n");
}

/* s in fish's single quotes: ' and \\ escaped. */
static void fish_quoted(const char *s)
{
    putchar('\'');
    for (; *s; s++) {
        if (*s == '\'' || *s == '\\')
            putchar('\\');
        putchar(*s);
    }
    putchar('\'');
}

/* fish: one `complete` line per command and per option of each command. */
static void comp_fish(const comp_words *w)
{
    printf("# fish completion for pmoaudit (made by `pmoaudit completion fish`)\n"
           "complete -c pmoaudit -f\n"
           "set -g __pmoaudit_rules %s\n"
           "set -g __pmoaudit_profiles %s\n",
           w->rules.data ? w->rules.data : "", w->profiles.data ? w->profiles.data : "");
    sbuf t;
    sb_init(&t);
    for (int i = 0; i < cmds_count; i++) {
        printf("complete -c pmoaudit -n __fish_use_subcommand -a %s -d ", cmds_table[i].name);
        fish_quoted(cmds_table[i].summary);
        putchar('\n');
    }
    for (int i = 0; i < cmds_count; i++) {
        const cmds_def *c = &cmds_table[i];
        const char *pw = words_of(&t, w, c->positional, c->words, "$__");
        if (*pw || kind_files(c->positional))
            printf("complete -c pmoaudit -n '__fish_seen_subcommand_from %s' %s-a \"%s\"\n", c->name,
                   kind_files(c->positional) ? "-F " : "", pw);
        cmds_opt v[OPTS_MAX + 16];
        int n = cmds_options(c, v, OPTS_MAX + 16);
        for (int k = 0; k < n; k++) {
            printf("complete -c pmoaudit -n '__fish_seen_subcommand_from %s' -l %s", c->name, v[k].lng + 2);
            if (v[k].shrt)
                printf(" -s %s", v[k].shrt + 1);
            if (v[k].kind != ARG_NONE)
                printf(" %s-a \"%s\"", kind_files(v[k].kind) ? "-r -F " : "-x ",
                       words_of(&t, w, v[k].kind, v[k].words, "$__"));
            printf("\n");
        }
    }
    sb_free(&t);
}

int cmds_completion(int argc, char **argv)
{
    if (argc != 1 || (strcmp(argv[0], "bash") != 0 && strcmp(argv[0], "zsh") != 0 && strcmp(argv[0], "fish") != 0))
        return cli_fail("usage: pmoaudit completion bash|zsh|fish (see pmoaudit help completion)");
    comp_words w;
    comp_words_init(&w);
    if (strcmp(argv[0], "bash") == 0)
        comp_bash(&w);
    else if (strcmp(argv[0], "zsh") == 0)
        comp_zsh(&w);
    else
        comp_fish(&w);
    comp_words_free(&w);
    return 0;
}
