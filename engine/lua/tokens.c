/*
 * lua/tokens.c - Lua tokens for lint (see lua/tokens.h). Strings keep their raw
 * contents (escapes are not decoded): lint compares them with column and
 * table names, which never hold escapes.
 */
#include "lua/tokens.h"
#include "core/util.h"

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

/* Skip a long bracket of level lvl starting at p ("[==["); counts lines. */
static const char *skip_long(const char *p, const char *end, int lvl, int *line, const char **body, size_t *n)
{
    p += lvl + 2;
    *body = p;
    for (; p < end; p++) {
        if (*p == '\n')
            (*line)++;
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
    }
    *n = (size_t)(end - *body);
    return end;
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
        if (c == '\n') {
            line++;
            p++;
        } else if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v') {
            p++;
        } else if (c == '-' && p + 1 < end && p[1] == '-') {
            int lvl = long_level(p + 2, end);
            const char *body;
            size_t bn;
            if (lvl >= 0) {
                p = skip_long(p + 2, end, lvl, &line, &body, &bn);
            } else {
                while (p < end && *p != '\n')
                    p++;
            }
        } else if (c == '[' && long_level(p, end) >= 0) {
            int start = line;
            const char *body;
            size_t bn;
            p = skip_long(p, end, long_level(p, end), &line, &body, &bn);
            push(&v, &n, &cap, TK_STRING, body, bn, start);
        } else if (c == '"' || c == '\'') {
            const char *body = ++p;
            int start = line;
            while (p < end && *p != c && *p != '\n') {
                if (*p == '\\' && p + 1 < end) {
                    if (p[1] == '\n')
                        line++;
                    p++;
                }
                p++;
            }
            if (p >= end || *p != c)
                break; /* unfinished string: a syntax error lint reports elsewhere */
            push(&v, &n, &cap, TK_STRING, body, (size_t)(p - body), start);
            p++;
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
