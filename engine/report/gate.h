/*
 * report/gate.h - the verdict of `pmoaudit gate` in the text, Markdown and
 * JSON reports (report/gate.c).
 */
#ifndef PA_REPORT_GATE_H
#define PA_REPORT_GATE_H

#include "collect/report_model.h"
#include "core/util.h"

/* The verdict for people: text for a terminal or CI log, Markdown for a
 * merge-request comment. report_text and report_md call these in a gate. */
void report_gate_text(const pa_report *r, const pa_text_opts *o, sbuf *out);
void report_gate_md(const pa_report *r, const pa_text_opts *o, sbuf *out);
/* The "gate" object of the JSON report (a trailing comma included). */
void report_gate_json(const pa_report *r, sbuf *out);

#endif
