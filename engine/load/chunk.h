/*
 * load/chunk.h - one big CSV file loaded as several byte ranges at once
 * (load/parallel.c runs the ranges on its threads). The result is the table, the
 * findings and the error a one-pass load_file gives, byte for byte.
 */
#ifndef PA_PCHUNK_H
#define PA_PCHUNK_H

#include "load/table_load.h"

#include <sys/types.h>

/* Files up to this size are loaded in one pass; the environment variable
 * PMOAUDIT_CHUNK_BYTES overrides it (tests use small files). */
#define PCHUNK_MIN_BYTES (8u << 20)

typedef struct pchunk_plan pchunk_plan;

/* Split path (size bytes) into up to `ranges` ranges of at least an
 * eighth of the size floor (1 MiB by default, whatever -j says), or NULL
 * when it is loaded in one pass: small, not UTF-8, no line feed to split
 * at, ... */
pchunk_plan *pchunk_plan_file(const char *path, off_t size, const pa_load_opts *o, int ranges);
int pchunk_count(const pchunk_plan *p);
/* Bytes of range k (to schedule the biggest work first). */
size_t pchunk_size(const pchunk_plan *p, int k);
/* Load range k, then append the ranges ready to be, in file order.
 * Distinct ranges may load on distinct threads at once. */
void pchunk_run(pchunk_plan *p, int k, const char *path, const char *display, const char *name,
                const pa_load_opts *o);
/* Whether, every range loaded, they were all joined: each loaded without
 * a problem or a note, each but the last ended at a row boundary outside
 * quotes, the header read the same everywhere, the rows fit --max-rows. */
bool pchunk_joins(const pchunk_plan *p);
/* Once every range is loaded: the joined table into st and its findings
 * into out, or, when a guess about the cuts did not hold or a range
 * failed, the file loaded again in one pass. Returns what load_file
 * returns; frees p. */
int pchunk_finish(pchunk_plan *p, pa_store *st, const char *path, const char *display, const char *name,
                  const pa_load_opts *o, pa_findings *out, char **err);
void pchunk_free(pchunk_plan *p);

#endif
