/*
 * collect/findings_sort.h - report order and fingerprints of findings (see
 * collect/findings_sort.c).
 */
#ifndef PA_FINDINGS_SORT_H
#define PA_FINDINGS_SORT_H

#include "model/finding.h"

/* Sort into report order and compute fingerprints. */
void fnd_finalize(pa_findings *l);
int fnd_compare(const pa_finding *a, const pa_finding *b);
/* The fingerprint of a finding that is the occurrence-th (0 first) of its
 * identity in report order: 32 lowercase hex digits and a NUL in out. */
void fnd_fingerprint(const pa_finding *f, unsigned occurrence, char out[33]);

#endif
