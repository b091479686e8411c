/*
 * core/json_read.c - a recursive-descent JSON parser (RFC 8259) building a tree of
 * jv values. Depth is bounded so that hostile input cannot exhaust the
 * stack; \u escapes, surrogate pairs included, are decoded to UTF-8.
 */
#include "core/json_read.h"
#include "core/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_DEPTH 64

typedef struct {
    const char *s;
    size_t n, i;
    char *err;
} parser;

static void fail(parser *p, const char *what)
{
    if (p->err)
        return;
    size_t line = 1, col = 1;
    for (size_t k = 0; k < p->i && k < p->n; k++) {
        if (p->s[k] == '\n') {
            line++;
            col = 1;
        } else {
            col++;
        }
    }
    p->err = xasprintf("line %zu, column %zu: %s", line, col, what);
}

static void skip_ws(parser *p)
{
    while (p->i < p->n && (p->s[p->i] == ' ' || p->s[p->i] == '\t' || p->s[p->i] == '\n' || p->s[p->i] == '\r'))
        p->i++;
}

static bool parse_value(parser *p, jv *out, int depth);

static bool read_hex4(parser *p, unsigned *cp)
{
    if (p->i + 4 > p->n) {
        fail(p, "truncated \\u escape");
        return false;
    }
    unsigned v = 0;
    for (int k = 0; k < 4; k++) {
        int h = hex_digit(p->s[p->i + (size_t)k]);
        if (h < 0) {
            fail(p, "bad \\u escape");
            return false;
        }
        v = v * 16 + (unsigned)h;
    }
    p->i += 4;
    *cp = v;
    return true;
}

static void put_utf8(sbuf *b, unsigned cp)
{
    if (cp < 0x80) {
        sb_putc(b, (char)cp);
    } else if (cp < 0x800) {
        sb_putc(b, (char)(0xC0 | (cp >> 6)));
        sb_putc(b, (char)(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        sb_putc(b, (char)(0xE0 | (cp >> 12)));
        sb_putc(b, (char)(0x80 | ((cp >> 6) & 0x3F)));
        sb_putc(b, (char)(0x80 | (cp & 0x3F)));
    } else {
        sb_putc(b, (char)(0xF0 | (cp >> 18)));
        sb_putc(b, (char)(0x80 | ((cp >> 12) & 0x3F)));
        sb_putc(b, (char)(0x80 | ((cp >> 6) & 0x3F)));
        sb_putc(b, (char)(0x80 | (cp & 0x3F)));
    }
}

static bool parse_string(parser *p, char **str, size_t *len)
{
    sbuf b;
    sb_init(&b);
    p->i++; /* opening quote */
    while (p->i < p->n) {
        char c = p->s[p->i++];
        if (c == '"') {
            *len = b.len;
            *str = b.data ? sb_steal(&b) : xstrdup("");
            return true;
        }
        if ((unsigned char)c < 0x20) {
            p->i--;
            fail(p, "control character in a string");
            break;
        }
        if (c != '\\') {
            sb_putc(&b, c);
            continue;
        }
        if (p->i >= p->n)
            break;
        c = p->s[p->i++];
        unsigned cp;
        switch (c) {
        case '"': sb_putc(&b, '"'); break;
        case '\\': sb_putc(&b, '\\'); break;
        case '/': sb_putc(&b, '/'); break;
        case 'b': sb_putc(&b, '\b'); break;
        case 'f': sb_putc(&b, '\f'); break;
        case 'n': sb_putc(&b, '\n'); break;
        case 'r': sb_putc(&b, '\r'); break;
        case 't': sb_putc(&b, '\t'); break;
        case 'u':
            if (!read_hex4(p, &cp))
                goto bad;
            if (cp >= 0xD800 && cp <= 0xDBFF && p->i + 6 <= p->n && p->s[p->i] == '\\' && p->s[p->i + 1] == 'u') {
                unsigned lo;
                p->i += 2;
                if (!read_hex4(p, &lo))
                    goto bad;
                cp = (lo >= 0xDC00 && lo <= 0xDFFF) ? 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00) : 0xFFFD;
            } else if (cp >= 0xD800 && cp <= 0xDFFF) {
                cp = 0xFFFD;
            }
            put_utf8(&b, cp);
            break;
        default:
            p->i--;
            fail(p, "bad escape in a string");
            goto bad;
        }
    }
    fail(p, "unterminated string");
bad:
    sb_free(&b);
    return false;
}

static bool parse_number(parser *p, jv *out)
{
    size_t start = p->i;
    if (p->i < p->n && p->s[p->i] == '-')
        p->i++;
    size_t digits = 0;
    while (p->i < p->n && ((p->s[p->i] >= '0' && p->s[p->i] <= '9') || p->s[p->i] == '.' || p->s[p->i] == 'e' ||
                           p->s[p->i] == 'E' || p->s[p->i] == '+' || p->s[p->i] == '-')) {
        digits += p->s[p->i] >= '0' && p->s[p->i] <= '9';
        p->i++;
    }
    char buf[64];
    size_t n = p->i - start;
    if (!digits || n >= sizeof buf) {
        p->i = start;
        fail(p, "bad number");
        return false;
    }
    memcpy(buf, p->s + start, n);
    buf[n] = '\0';
    char *end;
    out->num = strtod(buf, &end);
    if (*end) {
        p->i = start;
        fail(p, "bad number");
        return false;
    }
    out->type = JV_NUMBER;
    return true;
}

static bool literal(parser *p, const char *word)
{
    size_t n = strlen(word);
    if (p->i + n <= p->n && memcmp(p->s + p->i, word, n) == 0) {
        p->i += n;
        return true;
    }
    fail(p, "unexpected text (expected a JSON value)");
    return false;
}

static bool parse_container(parser *p, jv *out, int depth, bool object)
{
    size_t cap = 0;
    out->type = object ? JV_OBJECT : JV_ARRAY;
    p->i++;
    skip_ws(p);
    if (p->i < p->n && p->s[p->i] == (object ? '}' : ']')) {
        p->i++;
        return true;
    }
    for (;;) {
        skip_ws(p);
        if (out->n == cap) {
            cap = cap ? cap * 2 : 8;
            out->items = xrealloc(out->items, cap * sizeof *out->items);
            if (object)
                out->keys = xrealloc(out->keys, cap * sizeof *out->keys);
        }
        if (object) {
            if (p->i >= p->n || p->s[p->i] != '"') {
                fail(p, "expected a member name in quotes");
                return false;
            }
            size_t kl;
            if (!parse_string(p, &out->keys[out->n], &kl))
                return false;
            skip_ws(p);
            if (p->i >= p->n || p->s[p->i] != ':') {
                free(out->keys[out->n]);
                fail(p, "expected ':'");
                return false;
            }
            p->i++;
        }
        memset(&out->items[out->n], 0, sizeof *out->items);
        out->n++;
        if (!parse_value(p, &out->items[out->n - 1], depth + 1))
            return false;
        skip_ws(p);
        if (p->i < p->n && p->s[p->i] == ',') {
            p->i++;
            continue;
        }
        if (p->i < p->n && p->s[p->i] == (object ? '}' : ']')) {
            p->i++;
            return true;
        }
        fail(p, object ? "expected ',' or '}'" : "expected ',' or ']'");
        return false;
    }
}

static bool parse_value(parser *p, jv *out, int depth)
{
    if (depth > MAX_DEPTH) {
        fail(p, "nested too deeply");
        return false;
    }
    skip_ws(p);
    if (p->i >= p->n) {
        fail(p, "unexpected end of the document");
        return false;
    }
    switch (p->s[p->i]) {
    case '{': return parse_container(p, out, depth, true);
    case '[': return parse_container(p, out, depth, false);
    case '"':
        out->type = JV_STRING;
        return parse_string(p, &out->str, &out->len);
    case 't': out->type = JV_BOOL; out->b = true; return literal(p, "true");
    case 'f': out->type = JV_BOOL; out->b = false; return literal(p, "false");
    case 'n': out->type = JV_NULL; return literal(p, "null");
    default: return parse_number(p, out);
    }
}

static void free_inner(jv *v)
{
    free(v->str);
    for (size_t i = 0; i < v->n; i++) {
        free_inner(&v->items[i]);
        if (v->keys)
            free(v->keys[i]);
    }
    free(v->items);
    free(v->keys);
}

void jv_free(jv *v)
{
    if (!v)
        return;
    free_inner(v);
    free(v);
}

jv *jv_parse(const char *text, size_t len, char **err)
{
    parser p = {text, len, 0, NULL};
    jv *v = xcalloc(1, sizeof *v);
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
        p.i = 3;
    if (parse_value(&p, v, 0)) {
        skip_ws(&p);
        if (p.i != p.n)
            fail(&p, "text after the end of the JSON document");
    }
    if (p.err) {
        *err = p.err;
        jv_free(v);
        return NULL;
    }
    return v;
}

const jv *jv_get(const jv *v, const char *key)
{
    if (!v || v->type != JV_OBJECT)
        return NULL;
    for (size_t i = 0; i < v->n; i++)
        if (strcmp(v->keys[i], key) == 0)
            return &v->items[i];
    return NULL;
}

const char *jv_str(const jv *v, const char *key)
{
    const jv *m = jv_get(v, key);
    return m && m->type == JV_STRING ? m->str : NULL;
}
