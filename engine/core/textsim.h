/*
 * core/textsim.h - near-duplicate texts: for each text of a list, the most
 * similar other one by the Jaccard similarity of their word sets, without
 * comparing every pair (see core/textsim.c for the method).
 *
 * A text's word set: its ASCII letters lower-cased, split at every ASCII
 * byte that is not a letter or a digit (bytes 0x80 and above belong to
 * words, so UTF-8 letters are kept whole), words of fewer than min_len bytes
 * and the stop words dropped, each word once. Two texts are similar when
 * both sets have at least min_words words and |A n B| / |A u B| >= min.
 *
 * The caller provides the memory and the accounting: every allocation goes
 * through env->alloc, which never returns NULL (it raises or exits), and
 * the work done is reported to env->charge in units of about one step of
 * a loop. Both may leave by longjmp: tsim_best holds nothing else, so
 * nothing leaks (the Lua binding allocates collectable userdata).
 */
#ifndef PA_TEXTSIM_H
#define PA_TEXTSIM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define TSIM_NONE UINT32_MAX

typedef struct {
    void *(*alloc)(void *ud, size_t n);        /* n zeroed bytes; never NULL */
    void (*charge)(void *ud, uint64_t units);  /* may not return */
    void *ud;
} tsim_env;

typedef struct {
    double min;            /* the threshold, > 0; above 1 nothing is similar */
    uint32_t min_len;      /* bytes a word needs to count */
    uint32_t min_words;    /* words a set needs to be judged at all */
    uint32_t nstop;
    const char *const *stop; /* stop words (lower-cased like the texts) */
    const size_t *stop_len;
} tsim_opts;

/* What one call did: the unit test guards the complexity with these. */
typedef struct {
    uint64_t bytes;        /* bytes of text scanned */
    uint64_t words;        /* words kept, over all texts */
    uint64_t judged;       /* texts with at least min_words words */
    uint64_t sets;         /* distinct word sets among them */
    uint64_t postings;     /* index entries visited while probing */
    uint64_t candidates;   /* pairs of distinct sets that shared a probed word */
    uint64_t verified;     /* pairs whose intersection was counted: the comparisons */
    uint64_t matches;      /* pairs of distinct sets at or above min */
} tsim_stats;

typedef struct {
    uint32_t other;        /* index of the most similar other text, or TSIM_NONE */
    uint32_t inter, uni;   /* |A n B| and |A u B| of the pair */
} tsim_match;

/* The next word of s[0..n) from *pos on, before lower-casing and before
 * min_len and stop words: true with its start and length, *pos moved past
 * it; false when there is none. */
bool tsim_next_word(const char *s, size_t n, size_t *pos, size_t *start, size_t *len);

/* For each of the n texts (text[i] of len[i] bytes; NULL: not judged and
 * never a match), out[i] is the most similar other judged text with a
 * similarity >= o->min, ties to the lowest index; other = TSIM_NONE when
 * there is none. st may be NULL. */
void tsim_best(const tsim_env *env, const tsim_opts *o, uint32_t n, const char *const *text, const size_t *len,
               tsim_match *out, tsim_stats *st);

#endif
