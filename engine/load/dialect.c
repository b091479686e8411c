/*
 * load/dialect.c - encodings, delimiters and the text-or-binary guess.
 *
 * Conversion goes through iconv(3) from glibc, always to UTF-8, over the
 * whole file at once: files that need it (UTF-16 from Excel's "Unicode
 * text", Windows-1252 from government portals) are spreadsheet-sized, and a
 * whole buffer lets an invalid byte be reported at its line and column. A
 * UTF-8 file is never converted, so the streaming reader keeps its speed.
 */
#include "load/dialect.h"
#include "core/util.h"

#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    const char *alias; /* lower case, '-' and '_' ignored when comparing */
    const char *name;  /* what we print and hand to iconv */
} enc_alias;

static const enc_alias encs[] = {
    {"utf8", "UTF-8"},          {"utf16", "UTF-16"},        {"utf16le", "UTF-16LE"},
    {"utf16be", "UTF-16BE"},    {"windows1252", "WINDOWS-1252"}, {"cp1252", "WINDOWS-1252"},
    {"latin1", "ISO-8859-1"},   {"iso88591", "ISO-8859-1"}, {"latin9", "ISO-8859-15"},
    {"iso885915", "ISO-8859-15"}, {NULL, NULL},
};

const char dia_encodings_help[] = "utf-8, utf-16, utf-16le, utf-16be, windows-1252 (cp1252), latin-1 (iso-8859-1), "
                                  "latin-9 (iso-8859-15)";

const char *dia_encoding_name(const char *declared)
{
    char key[32];
    size_t k = 0;
    for (const char *p = declared; *p && k + 1 < sizeof key; p++)
        if (*p != '-' && *p != '_' && *p != ' ')
            key[k++] = ascii_lower(*p);
    key[k] = 0;
    for (int i = 0; encs[i].alias; i++)
        if (strcmp(key, encs[i].alias) == 0)
            return encs[i].name;
    return NULL;
}

const char *dia_bom(const char *buf, size_t len, size_t *bom_len)
{
    const unsigned char *u = (const unsigned char *)buf;
    *bom_len = 0;
    if (len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) {
        *bom_len = 3;
        return "UTF-8";
    }
    if (len >= 2 && u[0] == 0xFF && u[1] == 0xFE) {
        *bom_len = 2;
        return "UTF-16LE";
    }
    if (len >= 2 && u[0] == 0xFE && u[1] == 0xFF) {
        *bom_len = 2;
        return "UTF-16BE";
    }
    return NULL;
}

static void locate(const char *s, size_t n, uint32_t *line, uint32_t *col)
{
    *line = 1;
    size_t start = 0;
    for (size_t i = 0; i < n; i++)
        if (s[i] == '\n') {
            (*line)++;
            start = i + 1;
        }
    *col = (uint32_t)(n - start + 1);
}

int dia_to_utf8(const char *in, size_t n, const char *from, char **out, size_t *outn, uint32_t *bad_line,
                uint32_t *bad_col, unsigned *bad_byte)
{
    iconv_t cd = iconv_open("UTF-8", from);
    if (cd == (iconv_t)-1)
        return -1;
    size_t cap = n * 2 + 16, used = 0;
    char *buf = xmalloc(cap);
    char *ip = (char *)in;
    size_t ileft = n;
    int rc = 0;
    while (ileft > 0) {
        char *op = buf + used;
        size_t oleft = cap - used - 1;
        size_t r = iconv(cd, &ip, &ileft, &op, &oleft);
        used = (size_t)(op - buf);
        if (r != (size_t)-1)
            break;
        if (errno == E2BIG) {
            cap *= 2;
            buf = xrealloc(buf, cap);
            continue;
        }
        /* EILSEQ or EINVAL (a truncated sequence at the end) */
        locate(buf, used, bad_line, bad_col);
        *bad_byte = (unsigned char)*ip;
        rc = -1;
        break;
    }
    iconv_close(cd);
    if (rc) {
        free(buf);
        return -1;
    }
    buf[used] = 0;
    *out = buf;
    *outn = used;
    return 0;
}

static const char delims[] = {',', ';', '\t', '|'};

char dia_guess_delim(const char *buf, size_t len)
{
    size_t count[4] = {0};
    bool quoted = false;
    for (size_t i = 0; i < len; i++) {
        char c = buf[i];
        if (c == '"')
            quoted = !quoted;
        else if (!quoted && (c == '\n' || c == '\r'))
            break;
        else if (!quoted)
            for (int k = 0; k < 4; k++)
                count[k] += c == delims[k];
    }
    int best = 0;
    for (int k = 1; k < 4; k++)
        if (count[k] > count[best])
            best = k;
    return delims[best];
}

char dia_parse_delim(const char *s)
{
    if (strcmp(s, "tab") == 0 || strcmp(s, "\\t") == 0)
        return '\t';
    if (strlen(s) == 1)
        for (int k = 0; k < 4; k++)
            if (s[0] == delims[k])
                return s[0];
    return 0;
}

const char *dia_delim_name(char d)
{
    switch (d) {
    case '\t':
        return "tab";
    case ';':
        return ";";
    case '|':
        return "|";
    default:
        return ",";
    }
}

/* Binary: more than 1 in 16 of the first 4 KiB being control bytes other
 * than TAB, LF, CR and FF (random or compressed bytes have about 1 in 9;
 * text has next to none). A few stray NULs in a text file are a cell
 * problem instead, reported by the loader. */
bool dia_binary(const char *buf, size_t len, uint32_t *line, uint32_t *col, unsigned *byte)
{
    size_t n = len < 4096 ? len : 4096, ctl = 0, first = n;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)buf[i];
        if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') || c == 0x7F) {
            if (first == n)
                first = i;
            ctl++;
        }
    }
    if (ctl * 16 <= n || ctl < 4)
        return false;
    locate(buf, first, line, col);
    *byte = (unsigned char)buf[first];
    return true;
}
