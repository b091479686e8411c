/*
 * load/dialect.h - what a CSV file is written in before libcsv sees it: its
 * encoding (UTF-8 with or without BOM, UTF-16 with a BOM, or a declared
 * single-byte code page converted with the C library's iconv), its
 * delimiter (declared, or guessed from the header line), and whether it is
 * text at all.
 */
#ifndef PA_DIALECT_H
#define PA_DIALECT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The encodings accepted in a profile, the config or --encoding, by the
 * name we print; NULL when unknown. Accepts common spellings
 * (utf8, cp1252, windows-1252, latin1, iso-8859-1, utf-16, ...). */
const char *dia_encoding_name(const char *declared);
/* The list of accepted names, for messages. */
extern const char dia_encodings_help[];

/* Which Unicode BOM starts buf: "UTF-8", "UTF-16LE", "UTF-16BE" or NULL;
 * *bom_len gets its length. */
const char *dia_bom(const char *buf, size_t len, size_t *bom_len);

/* Convert in (encoding `from`, BOM already removed) to UTF-8 in *out
 * (malloc'd, NUL-terminated). Returns 0, or -1 with the line and column
 * (in the converted text so far) of the first byte that is not valid in
 * `from`, and that byte, in *bad_line, *bad_col, *bad_byte. */
int dia_to_utf8(const char *in, size_t n, const char *from, char **out, size_t *outn, uint32_t *bad_line,
                uint32_t *bad_col, unsigned *bad_byte);

/* The delimiter of a file from its first line: the most frequent of
 * , ; TAB | outside quotes (',' when none occurs; ties go in that order). */
char dia_guess_delim(const char *buf, size_t len);
/* A delimiter setting ("," ";" "tab" "\t" "|"), or 0 when invalid. */
char dia_parse_delim(const char *s);
/* How a delimiter is printed: "," ";" "tab" "|". */
const char *dia_delim_name(char d);

/* Whether the first bytes look like binary data rather than text: a NUL
 * or many control bytes. Returns false, or true with the line and column
 * of the first offending byte and that byte. */
bool dia_binary(const char *buf, size_t len, uint32_t *line, uint32_t *col, unsigned *byte);

#endif
