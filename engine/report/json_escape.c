/*
 * report/json_escape.c - JSON string escaping with UTF-8 validation, and
 * the stricter form for JSON inside an HTML <script> element (the HTML
 * report's data block), where markup characters must not appear raw.
 */
#include "report/json_escape.h"
#include "report/emit.h"

#include <stdbool.h>
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

/*
 * Runs of plain bytes (printable ASCII but '"' and '\\'), which is nearly
 * every byte of a report, are found by a table lookup per byte and copied
 * with one append; only the rest takes the escaping path. The table
 * has a 1 for 0x20..0x7f but 0x22 ('"') and 0x5c ('\\').
 */
static const unsigned char plain[256] = {
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
};

/*
 * The same table for JSON inside an HTML <script> element: '<', '>' and
 * '&' are escaped too, so that no "</script>", "<!--" or "<script" can end
 * or change the element whatever the data holds.
 */
static const unsigned char plain_html[256] = {
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    1, 1, 0, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 0, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
};

/*
 * The one escaper of both forms: runs of bytes the table marks plain are
 * copied with one append; '"', '\\' and controls are escaped; with html,
 * '<', '>', '&' (never plain in plain_html) and U+2028/U+2029 become \\u
 * escapes too. Invalid UTF-8 becomes U+FFFD.
 */
static void escape(sbuf *b, const char *s, size_t n, const unsigned char *table, bool html)
{
    const unsigned char *u = (const unsigned char *)s;
    sb_reserve(b, n + 2);
    em_putc(b, '"');
    size_t i = 0;
    while (i < n) {
        unsigned c = u[i];
        if (table[c]) {
            size_t j = i + 1;
            while (j < n && table[u[j]])
                j++;
            em_add(b, s + i, j - i);
            i = j;
            continue;
        }
        switch (c) {
        case '"': EM_LIT(b, "\\\""); i++; continue;
        case '\\': EM_LIT(b, "\\\\"); i++; continue;
        case '\n': EM_LIT(b, "\\n"); i++; continue;
        case '\r': EM_LIT(b, "\\r"); i++; continue;
        case '\t': EM_LIT(b, "\\t"); i++; continue;
        case '<': EM_LIT(b, "\\u003c"); i++; continue; /* reached with html only */
        case '>': EM_LIT(b, "\\u003e"); i++; continue;
        case '&': EM_LIT(b, "\\u0026"); i++; continue;
        default: break;
        }
        if (c < 0x20) {
            sb_printf(b, "\\u%04x", c);
            i++;
            continue;
        }
        size_t len = utf8_seq(u + i, n - i);
        if (len == 0) {
            EM_LIT(b, "\xEF\xBF\xBD"); /* U+FFFD */
            i++;
        } else if (html && len == 3 && c == 0xE2 && u[i + 1] == 0x80 && (u[i + 2] == 0xA8 || u[i + 2] == 0xA9)) {
            if (u[i + 2] == 0xA8)
                EM_LIT(b, "\\u2028");
            else
                EM_LIT(b, "\\u2029");
            i += 3;
        } else {
            em_add(b, s + i, len);
            i += len;
        }
    }
    em_putc(b, '"');
}

void json_strn(sbuf *b, const char *s, size_t n)
{
    escape(b, s, n, plain, false);
}

void json_str(sbuf *b, const char *s)
{
    if (!s)
        EM_LIT(b, "null");
    else
        json_strn(b, s, strlen(s));
}


/*
 * A JSON string that is also inert inside <script type="application/json">:
 * as json_strn, and '<', '>', '&' become \u003c, \u003e, \u0026, and the
 * line and paragraph separators U+2028 and U+2029 (line ends to older
 * JavaScript parsers) become \u2028 and \u2029. JSON.parse reads back the
 * same text. Invalid UTF-8 becomes U+FFFD as in json_strn.
 */
void json_strn_html(sbuf *b, const char *s, size_t n)
{
    escape(b, s, n, plain_html, true);
}
