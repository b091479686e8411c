/*
 * lua/tokens.c - Lua tokens (see lua/tokens.h), split as Lua's lexer splits
 * them: the same comments, long brackets, escapes that continue a string
 * (an escaped line break, \z), and line breaks ("\n", "\r" and their
 * pairs count one line each), so that lint's lines are Lua's. Strings keep
 * their raw contents; lua/parse.c decodes escapes.
 */
#include "lua/tokens.h"
#include "core/util.h"

#include <stdbool.h>
#include <string.h>

static int is_name_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

/* At "[" of a long bracket: its level (number of '='), or -1 if it is not one. */
static int long_level(const char *p, const char *end)
{
    if (p >= end || *p != '[')
        return -1;
    int lvl = 0;
    for (p++; p < end && *p == '='; p++)
        lvl++;
    return p < end && *p == '[' ? lvl : -1;
}

/* At a line break ("\n", "\r", "\r\n" or "\n\r", one line each, as Lua counts
 * them): past it, with *line counted. */
static const char *newline(const char *p, const char *end, int *line)
{
    char c = *p++;
    if (p < end && (*p == '\n' || *p == '\r') && *p != c)
        p++;
    (*line)++;
    return p;
}

static bool is_newline(char c)
{
    return c == '\n' || c == '\r';
}

/* Skip a long bracket of level lvl starting at p ("[==["); counts lines. */
static const char *skip_long(const char *p, const char *end, int lvl, int *line, const char **body, size_t *n)
{
    p += lvl + 2;
    *body = p;
    while (p < end) {
        if (is_newline(*p)) {
            p = newline(p, end, line);
            continue;
        }
        if (*p == ']') {
            const char *q = p + 1;
            int k = 0;
            while (q < end && *q == '=' && k < lvl)
                q++, k++;
            if (k == lvl && q < end && *q == ']') {
                *n = (size_t)(p - *body);
                return q + 1;
            }
        }
        p++;
    }
    *n = (size_t)(end - *body);
    return end;
}

/* A quoted string whose opening quote is at p: past its closing quote, or
 * NULL when it is unfinished (a line break or the end before the quote).
 * An escaped line break, and the white space a \z skips, count lines. */
static const char *skip_quoted(const char *p, const char *end, int *line)
{
    char q = *p++;
    while (p < end && *p != q) {
        if (is_newline(*p))
            return NULL;
        if (*p != '\\' || p + 1 >= end) {
            p++;
        } else if (is_newline(p[1])) {
            p = newline(p + 1, end, line);
        } else if (p[1] == 'z') {
            for (p += 2; p < end && (is_newline(*p) || *p == ' ' || *p == '\t' || *p == '\f' || *p == '\v');)
                p = is_newline(*p) ? newline(p, end, line) : p + 1;
        } else {
            p += 2;
        }
    }
    return p < end ? p + 1 : NULL;
}

static void push(lscan_tok **v, size_t *n, size_t *cap, lscan_kind k, const char *s, size_t len, int line)
{
    GROW(*v, *cap, *n + 1);
    (*v)[(*n)++] = (lscan_tok){k, s, len, line};
}

lscan_tok *lscan_tokens(const char *src, size_t len, size_t *ntok)
{
    static const char *const ops3[] = {"...", NULL};
    static const char *const ops2[] = {"..", "==", "~=", "<=", ">=", "::", "//", "<<", ">>", NULL};
    lscan_tok *v = NULL;
    size_t n = 0, cap = 0;
    int line = 1;
    const char *p = src, *end = src + len;
    if (p < end && *p == '#') /* a "#!" first line */
        while (p < end && *p != '\n')
            p++;
    while (p < end) {
        char c = *p;
        if (is_newline(c)) {
            p = newline(p, end, &line);
        } else if (c == ' ' || c == '\t' || c == '\f' || c == '\v') {
            p++;
        } else if (c == '-' && p + 1 < end && p[1] == '-') {
            int lvl = long_level(p + 2, end);
            const char *body;
            size_t bn;
            if (lvl >= 0) {
                p = skip_long(p + 2, end, lvl, &line, &body, &bn);
            } else {
                while (p < end && !is_newline(*p))
                    p++;
            }
        } else if (c == '[' && long_level(p, end) >= 0) {
            int start = line;
            const char *body;
            size_t bn;
            p = skip_long(p, end, long_level(p, end), &line, &body, &bn);
            push(&v, &n, &cap, TK_STRING, body, bn, start);
        } else if (c == '"' || c == '\'') {
            int start = line;
            const char *close = skip_quoted(p, end, &line);
            if (!close)
                break; /* unfinished string: a syntax error lint reports elsewhere */
            push(&v, &n, &cap, TK_STRING, p + 1, (size_t)(close - 1 - (p + 1)), start);
            p = close;
        } else if ((c >= '0' && c <= '9') || (c == '.' && p + 1 < end && p[1] >= '0' && p[1] <= '9')) {
            const char *s = p;
            while (p < end && (is_name_char(*p) || *p == '.' ||
                               ((*p == '+' || *p == '-') && strchr("eEpP", p[-1]))))
                p++;
            push(&v, &n, &cap, TK_NUMBER, s, (size_t)(p - s), line);
        } else if (is_name_char(c)) {
            const char *s = p;
            while (p < end && is_name_char(*p))
                p++;
            push(&v, &n, &cap, TK_NAME, s, (size_t)(p - s), line);
        } else {
            size_t k = 1;
            for (int i = 0; ops3[i]; i++)
                if (end - p >= 3 && memcmp(p, ops3[i], 3) == 0)
                    k = 3;
            for (int i = 0; k == 1 && ops2[i]; i++)
                if (end - p >= 2 && memcmp(p, ops2[i], 2) == 0)
                    k = 2;
            push(&v, &n, &cap, TK_OP, p, k, line);
            p += k;
        }
    }
    push(&v, &n, &cap, TK_EOF, end, 0, line);
    *ntok = n;
    return v;
}

int lscan_is(const lscan_tok *t, const char *text)
{
    size_t n = strlen(text);
    return t->kind != TK_EOF && t->kind != TK_STRING && t->n == n && memcmp(t->s, text, n) == 0;
}
