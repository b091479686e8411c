/*
 * tools/mangen.c - writes a man page from its mdoc template (docs/man/) by
 * replacing marker lines with what the engine's own tables hold, so the
 * page cannot drift from the binary: the commands and their options
 * (cmd/commands.c), run's options (cmd/options.c) and the settings of
 * pmoaudit.lua. Linked with the engine's objects like pmoaudit itself.
 *
 *   mangen TEMPLATE OUT
 *
 * Markers, each alone on a line:
 *   .\" @COMMANDS@      a .Bl list: each command, synopsis, summary, options
 *   .\" @RUN_OPTIONS@   a .Bl list of run's options with their help
 *   .\" @SETTINGS@      a .Bl list of pmoaudit.lua's settings
 * and @VERSION@ / @RULE_API@ anywhere. Exit 1 with a message on failure.
 */
#include "cmd/commands.h"
#include "cmd/options.h"
#include "core/version.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* s as mdoc text lines of at most 72 bytes (mandoc -Tlint wants input
 * lines within 80): broken at spaces and at help's line breaks,
 * backslashes escaped, a line that would start with a dot or quote
 * guarded by \&. Ends the last line. */
static void text(FILE *f, const char *s)
{
    int col = 0;
    while (*s) {
        size_t w = strcspn(s, " \n");
        if (col && col + 1 + (int)w > 72) {
            fputc('\n', f);
            col = 0;
        } else if (col) {
            fputc(' ', f);
            col++;
        }
        if (col == 0 && (*s == '.' || *s == '\''))
            fputs("\\&", f);
        for (size_t i = 0; i < w; i++)
            fputs(s[i] == '\\' ? "\\e" : (char[]){s[i], 0}, f);
        col += (int)w;
        s += w;
        while (*s == ' ' || *s == '\n')
            s++;
    }
    fputc('\n', f);
}

/* An option's name after its leading dash, each '-' as \- (a minus, not
 * a hyphen, so that a name copied from the page works). */
static void flag(FILE *f, const char *name)
{
    for (const char *p = name + 1; *p; p++)
        fputs(*p == '-' ? "\\-" : (char[]){*p, 0}, f);
}

/* An option's names as an mdoc .It line: ".It Fl r , Fl \-rules Ar PATH". */
static void option_item(FILE *f, const char *lng, const char *shrt, const char *arg)
{
    fputs(".It", f);
    if (shrt)
        fprintf(f, " Fl %s ,", shrt + 1);
    fputs(" Fl ", f);
    flag(f, lng);
    if (arg)
        fprintf(f, " Ar %s", arg);
    fputc('\n', f);
}

static void commands(FILE *f)
{
    fputs(".Bl -tag -width Ds\n", f);
    for (int i = 0; i < cmds_count; i++) {
        const cmds_def *c = &cmds_table[i];
        fprintf(f, ".It Cm %s Ar %s\n", c->name, c->args);
        text(f, c->summary);
        if (c->flags & (CMDS_RUN_OPTS | CMDS_GATE_OPTS | CMDS_LIMIT_OPTS))
            fputs(".Pp\n", f);
        if (c->flags & CMDS_RUN_OPTS)
            fputs("Takes every option listed under\n.Sx OPTIONS .\n", f);
        if (c->flags & CMDS_GATE_OPTS)
            fputs("Takes the options of\n.Cm run\nexcept\n.Fl \\-only\nand\n.Fl \\-project .\n", f);
        if (c->flags & CMDS_LIMIT_OPTS)
            fputs("Takes the budget options of\n.Cm run\n.Pf ( Fl \\-max\\-instructions ,\n"
                  ".Fl \\-max\\-rule\\-memory ,\n.Fl \\-rule\\-timeout\nand the other\n.Fl \\-max\\-*\noptions).\n",
                  f);
        if (!c->opts[0].lng)
            continue;
        fputs(".Bl -tag -width Ds\n", f);
        for (const cmds_opt *o = c->opts; o->lng; o++) {
            option_item(f, o->lng, o->shrt, o->arg);
            text(f, o->help);
        }
        fputs(".El\n", f);
    }
    fputs(".El\n", f);
}

static void run_options(FILE *f)
{
    fputs(".Bl -tag -width Ds\n", f);
    for (int i = 0; i < opts_count; i++) {
        const opt_def *d = &opts_table[i];
        if (!d->lng)
            continue;
        option_item(f, d->lng, d->shrt, d->arg);
        text(f, d->help);
        if (d->key)
            fprintf(f, ".Pp\nIn pmoaudit.lua:\n.Ic %s%s .\n", (d->flags & OPT_IN_LIMITS) ? "limits." : "", d->key);
    }
    fputs(".El\n", f);
}

static void settings(FILE *f)
{
    const opt_def *set[OPTS_MAX];
    int n = opts_settings(set, false);
    fputs(".Bl -tag -width Ds\n", f);
    for (int i = 0; i < n; i++) {
        fprintf(f, ".It Ic %s\n", set[i]->key);
        text(f, set[i]->help);
        if (set[i]->lng) {
            fputs(".Pp\nThe command line's\n.Fl ", f);
            flag(f, set[i]->lng);
            fputs("\nwins.\n", f);
        }
    }
    fputs(".El\n", f);
}

static void subst(FILE *out, const char *s);

/* One template line: a marker, or the text with @VERSION@ and @RULE_API@. */
static void line(FILE *out, const char *s)
{
    if (strcmp(s, ".\\\" @COMMANDS@\n") == 0)
        commands(out);
    else if (strcmp(s, ".\\\" @RUN_OPTIONS@\n") == 0)
        run_options(out);
    else if (strcmp(s, ".\\\" @SETTINGS@\n") == 0)
        settings(out);
    else
        subst(out, s);
}

/* s with @VERSION@ and @RULE_API@ replaced. */
static void subst(FILE *out, const char *s)
{
    while (*s) {
        if (strncmp(s, "@VERSION@", 9) == 0)
            fputs(PMOAUDIT_VERSION, out), s += 9;
        else if (strncmp(s, "@RULE_API@", 10) == 0)
            fputs(PA_RULE_API, out), s += 10;
        else
            fputc(*s++, out);
    }
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fputs("usage: mangen TEMPLATE OUT\n", stderr);
        return 1;
    }
    FILE *in = fopen(argv[1], "r");
    FILE *out = in ? fopen(argv[2], "w") : NULL;
    if (!in || !out) {
        fprintf(stderr, "mangen: cannot open %s\n", in ? argv[2] : argv[1]);
        return 1;
    }
    char buf[4096];
    while (fgets(buf, sizeof buf, in))
        line(out, buf);
    fclose(in);
    return fclose(out) == 0 ? 0 : 1;
}
