/*
 * report/formats.h - every report format: its -f name, the extension of
 * report.<ext> in an output folder, and its writer (report/formats.c).
 */
#ifndef PA_FORMATS_H
#define PA_FORMATS_H

#include "collect/report_model.h"
#include "core/util.h"

#define FMT_MAX 16 /* formats one -f list may name */

typedef struct {
    const char *name; /* -f name */
    const char *ext;  /* report.<ext> in an output folder */
    void (*write)(const pa_report *r, const pa_text_opts *o, sbuf *out);
} fmt_def;

extern const fmt_def fmt_table[];
extern const int fmt_count;

/* Split a -f list into indexes of fmt_table, in the order given, each
 * once. Returns 0, or -1 with *err naming the unknown format (or saying
 * none was given) and listing the available ones. */
int fmt_parse(const char *list, int wanted[FMT_MAX], int *n, char **err);

/* A rule's findings as the text report lists them, without colour: the
 * rule's line, then its first max findings (and how many more); for the
 * example finding of a rule's docs (run/rule_examples.c). */
void report_text_example(const pa_rule *rule, const pa_findings *fs, size_t max, sbuf *b);

#endif
