/*
 * report/json_escape.h - writing JSON text: strings escaped per RFC 8259, with invalid
 * UTF-8 (CSV cells can hold any bytes) replaced by U+FFFD so that every
 * report is valid UTF-8 JSON.
 */
#ifndef PA_JSON_H
#define PA_JSON_H

#include "core/util.h"

void json_str(sbuf *b, const char *s);           /* "..." or null for NULL */
void json_strn(sbuf *b, const char *s, size_t n);
/* As json_strn, safe inside an HTML <script> element: '<', '>', '&',
 * U+2028 and U+2029 are written as \u escapes. */
void json_strn_html(sbuf *b, const char *s, size_t n);
/* Length of the valid UTF-8 sequence at s (1-4), or 0 when invalid. */
size_t utf8_seq(const unsigned char *s, size_t n);

#endif
