/*
 * report/text_wrap.c - folding the text report's long lines to the width of
 * the terminal it is written to. A finding's message can run to several
 * hundred characters, and a terminal that folds it mid-word puts the rest at
 * column 0, under the file names. Lines are broken at spaces only, and the
 * continuation lines are indented under the start of the line's text, four
 * columns in, so each finding stays one block. A word longer than the width
 * (a long path, a URL) is left whole: cutting it would make it unusable.
 *
 * Widths are counted in code points, with the report's own colour codes
 * (ESC [ ... m, the only escapes left after report/text.c's neutralise)
 * taking no room. Only the terminal report is folded; files and pipes get
 * one line per finding, so reports written to disk are the same on every
 * machine.
 */
#include "report/text_wrap.h"

#include <stdbool.h>
#include <string.h>

/* The length of a colour code at s, or 0. */
static size_t color_code_at(const char *s, size_t n)
{
    if (n < 3 || s[0] != '\033' || s[1] != '[')
        return 0;
    size_t k = 2;
    while (k < n && ((s[k] >= '0' && s[k] <= '9') || s[k] == ';'))
        k++;
    return k < n && s[k] == 'm' ? k + 1 : 0;
}

/* Columns taken by s[0..n): code points, colour codes excluded. */
static size_t columns(const char *s, size_t n)
{
    size_t w = 0;
    for (size_t i = 0; i < n;) {
        size_t k = color_code_at(s + i, n - i);
        if (k) {
            i += k;
            continue;
        }
        if (((unsigned char)s[i] & 0xC0) != 0x80)
            w++;
        i++;
    }
    return w;
}

/* Leading spaces of a line: where its text starts. */
static size_t indent_of(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n && s[i] == ' ')
        i++;
    return i;
}

/* The end of the first word after the leading spaces, or 0 at the end. */
static size_t word_end(const char *s, size_t n)
{
    size_t i = indent_of(s, n);
    while (i < n && s[i] != ' ')
        i++;
    return i < n ? i : 0;
}

/*
 * Append line s[0..n) to out folded at width, the lines after the first
 * indented by cont. Breaks go at the last space that keeps the piece within
 * the room; the spaces there are dropped. A word wider than the room gets a
 * line of its own.
 */
static void fold_line(sbuf *out, const char *s, size_t n, size_t width, size_t cont)
{
    size_t room = width;
    bool first = true;
    while (columns(s, n) > room) {
        size_t cut = 0, w = 0;
        for (size_t i = 0; i < n && w <= room; i++) {
            if (s[i] == ' ' && i > 0 && s[i - 1] != ' ')
                cut = i;
            size_t k = color_code_at(s + i, n - i);
            if (k)
                i += k - 1;
            else if (((unsigned char)s[i] & 0xC0) != 0x80)
                w++;
        }
        if (cut == 0 || (first && cut <= indent_of(s, n))) /* a word longer than the room: */
            cut = word_end(s, n);                             /* whole on its own line */
        if (cut == 0 || cut >= n)
            break;
        sb_add(out, s, cut);
        sb_putc(out, '\n');
        for (size_t k = 0; k < cont; k++)
            sb_putc(out, ' ');
        while (cut < n && s[cut] == ' ')
            cut++;
        s += cut;
        n -= cut;
        room = width > cont ? width - cont : 1;
        first = false;
    }
    sb_add(out, s, n);
}

void txw_wrap(sbuf *b, size_t from, int width)
{
    if (width <= 0 || b->len <= from)
        return;
    sbuf t;
    sb_init(&t);
    sb_add(&t, b->data + from, b->len - from);
    b->len = from;
    b->data[from] = '\0';
    for (size_t i = 0; i < t.len;) {
        const char *nl = memchr(t.data + i, '\n', t.len - i);
        size_t n = nl ? (size_t)(nl - (t.data + i)) : t.len - i;
        size_t cont = indent_of(t.data + i, n) + 4;
        if (cont + 10 > (size_t)width) /* a terminal too narrow to indent in */
            cont = 2;
        fold_line(b, t.data + i, n, (size_t)width, cont);
        if (nl)
            sb_putc(b, '\n');
        i += n + (nl ? 1 : 0);
    }
    sb_free(&t);
}
