/*
 * json.c - JSON string escaping with UTF-8 validation.
 */
#include "json.h"

#include <string.h>

size_t utf8_seq(const unsigned char *s, size_t n)
{
    unsigned c = s[0];
    if (c < 0x80)
        return 1;
    size_t len;
    unsigned min;
    if ((c & 0xE0) == 0xC0)
        len = 2, min = 0x80;
    else if ((c & 0xF0) == 0xE0)
        len = 3, min = 0x800;
    else if ((c & 0xF8) == 0xF0)
        len = 4, min = 0x10000;
    else
        return 0;
    if (n < len)
        return 0;
    unsigned cp = c & (0x7F >> len);
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (s[i] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return len;
}

void json_strn(sbuf *b, const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    sb_reserve(b, n + 2);
    sb_putc(b, '"');
    size_t i = 0;
    while (i < n) {
        unsigned c = u[i];
        if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
            size_t j = i;
            while (j < n && u[j] >= 0x20 && u[j] < 0x80 && u[j] != '"' && u[j] != '\\')
                j++;
            sb_add(b, s + i, j - i);
            i = j;
            continue;
        }
        switch (c) {
        case '"': sb_puts(b, "\\\""); i++; continue;
        case '\\': sb_puts(b, "\\\\"); i++; continue;
        case '\n': sb_puts(b, "\\n"); i++; continue;
        case '\r': sb_puts(b, "\\r"); i++; continue;
        case '\t': sb_puts(b, "\\t"); i++; continue;
        default: break;
        }
        if (c < 0x20) {
            sb_printf(b, "\\u%04x", c);
            i++;
            continue;
        }
        size_t len = utf8_seq(u + i, n - i);
        if (len == 0) {
            sb_puts(b, "\xEF\xBF\xBD"); /* U+FFFD */
            i++;
        } else {
            sb_add(b, s + i, len);
            i += len;
        }
    }
    sb_putc(b, '"');
}

void json_str(sbuf *b, const char *s)
{
    if (!s)
        sb_puts(b, "null");
    else
        json_strn(b, s, strlen(s));
}
