/*
 * test_text_wrap.c - folding the terminal report (report/text_wrap.c): at
 * spaces, continuation lines indented under the line's text, colour codes
 * and UTF-8 continuation bytes taking no room, words longer than the width
 * left whole, short lines and width 0 untouched.
 */
#include "report/text_wrap.h"
#include "test.h"

static const char *wrapped(sbuf *b, const char *text, int width)
{
    b->len = 0;
    sb_puts(b, text);
    txw_wrap(b, 0, width);
    return b->data;
}

void suite_text_wrap(void)
{
    sbuf b;
    sb_init(&b);
    CASE("a line within the width, and width 0, are untouched");
    CHECK_STR(wrapped(&b, "  a b c\nshort\n", 20), "  a b c\nshort\n");
    CHECK_STR(wrapped(&b, "  aaaa bbbb cccc dddd eeee ffff\n", 0), "  aaaa bbbb cccc dddd eeee ffff\n");
    CASE("folds at the last space that fits; the others indented under the text, four in");
    CHECK_STR(wrapped(&b, "  aaaa bbbb cccc dddd eeee ffff gggg hhhh\n", 21),
              "  aaaa bbbb cccc dddd\n      eeee ffff gggg\n      hhhh\n");
    CASE("a run of spaces at the fold is dropped, not carried over");
    CHECK_STR(wrapped(&b, "aaaa   bbbb cccc dddd eeee ffff\n", 20), "aaaa   bbbb cccc\n    dddd eeee ffff\n");
    CASE("a word longer than the width stays whole, and the fold goes on after it");
    CHECK_STR(wrapped(&b, "  see /a/very/long/path/to/some/file.csv now ok\n", 20),
              "  see\n      /a/very/long/path/to/some/file.csv\n      now ok\n");
    CHECK_STR(wrapped(&b, "/one/word/longer/than/the/width\n", 20), "/one/word/longer/than/the/width\n");
    CASE("colour codes take no room");
    CHECK_STR(wrapped(&b, "\033[1mAAAA\033[0m bbbb cccc dddd eeee\n", 20),
              "\033[1mAAAA\033[0m bbbb cccc dddd\n    eeee\n");
    CASE("a code point counts once, however many bytes it has");
    CHECK_STR(wrapped(&b, "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9 bbbb cccc dddd eeee\n", 20),
              "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9 bbbb cccc dddd\n    eeee\n");
    CASE("only the text from `from` on is folded; a last line without newline too");
    b.len = 0;
    sb_puts(&b, "kept as it is, however long it may be\n");
    size_t from = b.len;
    sb_puts(&b, "aaaa bbbb cccc dddd eeee");
    txw_wrap(&b, from, 20);
    CHECK_STR(b.data, "kept as it is, however long it may be\naaaa bbbb cccc dddd\n    eeee");
    CASE("a terminal too narrow to indent in indents two");
    CHECK_STR(wrapped(&b, "      aaaa bbbb cccc dddd\n", 12), "      aaaa\n  bbbb cccc\n  dddd\n");
    sb_free(&b);
}
