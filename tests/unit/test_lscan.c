/*
 * test_lscan.c - the Lua token scanner lint reads rule code with: names,
 * strings (all four quotings), numbers, operators and lines, with comments
 * (short and long) skipped and line counts kept across them.
 */
#include "lua/tokens.h"
#include "test.h"

#include <stdlib.h>

/* The tokens of src as "kind:text@line" joined by spaces. */
static char *dump(const char *src)
{
    size_t n;
    lscan_tok *t = lscan_tokens(src, strlen(src), &n);
    static const char kinds[] = "NSDOE";
    size_t cap = 4096;
    char *out = calloc(cap, 1);
    for (size_t i = 0; i < n; i++) {
        size_t len = strlen(out);
        snprintf(out + len, cap - len, "%s%c:%.*s@%d", i ? " " : "", kinds[t[i].kind], (int)t[i].n, t[i].s,
                 t[i].line);
    }
    free(t);
    return out;
}

#define TOKENS(src, want)                                                                                  \
    do {                                                                                                   \
        char *got_ = dump(src);                                                                            \
        CHECK_STR(got_, want);                                                                             \
        free(got_);                                                                                        \
    } while (0)

void suite_lscan(void)
{
    CASE("names, dots, method calls and strings");
    TOKENS("row.name:find(\"x\")", "N:row@1 O:.@1 N:name@1 O::@1 N:find@1 O:(@1 S:x@1 O:)@1 E:@1");
    CASE("short comments are skipped, lines are counted");
    TOKENS("a -- row.old\nb", "N:a@1 N:b@2 E:@2");
    CASE("long comments of any level are skipped, with their lines");
    TOKENS("a --[==[ row.x\n ]] still\n]==] b", "N:a@1 N:b@3 E:@3");
    CASE("long strings keep their contents and start line");
    TOKENS("x = [[a\nb]] y", "N:x@1 O:=@1 S:a\nb@1 N:y@2 E:@2");
    CASE("escaped quotes stay inside a string");
    TOKENS("'it\\'s' \"q\\\"\"", "S:it\\'s@1 S:q\\\"@1 E:@1");
    CASE("numbers with exponents and hex are one token");
    TOKENS("1e+5 0x1F 3.25", "D:1e+5@1 D:0x1F@1 D:3.25@1 E:@1");
    CASE("two- and three-character operators");
    TOKENS("a..b ~= c == ...", "N:a@1 O:..@1 N:b@1 O:~=@1 N:c@1 O:==@1 O:...@1 E:@1");
    CASE("an unfinished string ends the tokens without running past the end");
    TOKENS("a \"open", "N:a@1 E:@1");
    CASE("a #! first line is skipped");
    TOKENS("#!/usr/bin/lua\nx", "N:x@2 E:@2");
    CASE("line breaks are counted as Lua counts them: \\r, \\r\\n and \\n\\r are one line each");
    TOKENS("a\rb\r\nc\n\rd\n\ne", "N:a@1 N:b@2 N:c@3 N:d@4 N:e@6 E:@6");
    CASE("a short comment ends at a \\r too");
    TOKENS("f( --x\r)", "N:f@1 O:(@1 O:)@2 E:@2");
    CASE("an escaped line break and \\z continue a quoted string over lines");
    TOKENS("'a\\\r\nb' \"c\\z \n  d\" x", "S:a\\\r\nb@1 S:c\\z \n  d@2 N:x@3 E:@3");
}
