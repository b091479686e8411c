/*
 * report/md_escape.c - data shown in Markdown as the text it is.
 *
 * The Markdown report and the gate verdict are posted as merge-request
 * comments, where a cell value from a CSV export must not become markup:
 * no table break (`|`, line breaks), no emphasis (`*`, `_` at a word's
 * edge, `~`), no link or image (`[`, `]`, `!`), no code span (a backtick),
 * no HTML (`<`), no entity (`&`), and no @mention that would notify
 * someone (an `@` before a name gets a zero-width space after it). Each is
 * escaped as CommonMark allows, so the rendered text reads exactly as the
 * data. Text is cut at MD_CELL_MAX bytes, at a UTF-8 character boundary.
 */
#include "report/md_escape.h"

#include <string.h>

static bool word_char(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
}

/* An underscore inside a word (snake_case) is never emphasis in
 * CommonMark; one at a word's edge may be. */
static bool edge_underscore(const unsigned char *s, size_t i, size_t n)
{
    return i == 0 || i + 1 >= n || !word_char(s[i - 1]) || !word_char(s[i + 1]);
}

void md_cell(sbuf *b, const char *s)
{
    if (!s)
        return;
    const unsigned char *u = (const unsigned char *)s;
    size_t n = strlen(s), end = n;
    if (end > MD_CELL_MAX) {
        end = MD_CELL_MAX;
        while (end > 0 && (u[end] & 0xC0) == 0x80) /* not inside a character */
            end--;
    }
    for (size_t i = 0; i < end; i++) {
        unsigned char c = u[i];
        if (c == '\n' || c == '\r' || c == '\t')
            sb_putc(b, ' ');
        else if (c == '<')
            sb_puts(b, "&lt;");
        else if (c == '&')
            sb_puts(b, "&amp;");
        else if (c == '|' || c == '\\' || c == '`' || c == '*' || c == '[' || c == ']' || c == '~' ||
                 (c == '!' && i + 1 < end && u[i + 1] == '[') || (c == '_' && edge_underscore(u, i, end))) {
            sb_putc(b, '\\');
            sb_putc(b, (char)c);
        } else if (c == '@' && i + 1 < end && word_char(u[i + 1])) {
            sb_puts(b, "@\xE2\x80\x8B"); /* U+200B: no mention */
        } else {
            sb_putc(b, (char)c);
        }
    }
    if (end < n)
        sb_puts(b, "…");
}

void md_code(sbuf *b, const char *s, bool in_table)
{
    for (const char *p = s ? s : ""; *p; p++) {
        if (*p == '|' && in_table)
            sb_putc(b, '\\');
        sb_putc(b, *p == '`' ? '\'' : (*p == '\n' || *p == '\r') ? ' ' : *p);
    }
}
