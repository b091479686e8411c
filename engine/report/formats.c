/*
 * report/formats.c - the table of report formats the run writes: -f name,
 * file extension and writer. A new format is a writer in report/ plus one
 * line here. May include core/, collect/ (the report model) and report/.
 */
#include "report/formats.h"

#include <stdlib.h>
#include <string.h>

static void write_text(const pa_report *r, const pa_text_opts *o, sbuf *out)
{
    report_text(r, o, out);
}

static void write_json(const pa_report *r, const pa_text_opts *o, sbuf *out)
{
    (void)o;
    report_json(r, out);
}

const fmt_def fmt_table[] = {
    {"text", "txt", write_text},
    {"json", "json", write_json},
    {"md", "md", report_md},
    {"csv", "csv", report_csv},
    {"html", "html", report_html},
    {"junit", "xml", report_junit},
    {"sarif", "sarif", report_sarif},
    /* formats: one line each */
};
const int fmt_count = (int)(sizeof fmt_table / sizeof *fmt_table);

static void format_names(sbuf *b)
{
    for (int i = 0; i < fmt_count; i++)
        sb_printf(b, "%s%s", i ? ", " : "", fmt_table[i].name);
}

/* An unknown name stops at once (the message names it); a repeated one is
 * dropped; an empty list ("," or "") is an error of its own. */
int fmt_parse(const char *list, int wanted[FMT_MAX], int *n, char **err)
{
    char *copy = xstrdup(list);
    *n = 0;
    sbuf names;
    sb_init(&names);
    format_names(&names);
    int rc = 0;
    for (char *save = NULL, *tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
        int k = -1;
        for (int i = 0; i < fmt_count; i++)
            if (strcmp(tok, fmt_table[i].name) == 0)
                k = i;
        if (k < 0) {
            *err = xasprintf("-f %s: unknown format '%s' (available: %s)", list, tok, names.data);
            rc = -1;
            break;
        }
        bool dup = false;
        for (int i = 0; i < *n; i++)
            dup |= wanted[i] == k;
        if (!dup && *n < FMT_MAX)
            wanted[(*n)++] = k;
    }
    if (rc == 0 && *n == 0) {
        *err = xasprintf("-f: no format given (available: %s)", names.data);
        rc = -1;
    }
    sb_free(&names);
    free(copy);
    return rc;
}
