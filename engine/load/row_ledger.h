/*
 * load/row_ledger.h - the row ledger's findings and text (see
 * load/row_ledger.c; the ledger itself is store/ledger.h).
 */
#ifndef PA_ROW_LEDGER_H
#define PA_ROW_LEDGER_H

#include "model/finding.h"
#include "store/ledger.h"
#include "core/util.h"

/* One DAT-008 finding per file and reason that is not an explicit filter. */
void rled_findings(const pa_ledger *l, pa_findings *out);
/* "lines 4, 7 and 9" (n of total kept lines; "and N more" for the rest). */
void rled_lines(const uint32_t *lines, int n, size_t total, sbuf *b);
/* An entry as text: "file: N rows read, N loaded (table N), N left out",
 * then one line per reason; each line starts with indent. */
void rled_describe(const pa_ledger_file *e, const char *indent, sbuf *b);

#endif
