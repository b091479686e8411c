/*
 * load/xlsx.c - reading an Excel workbook (see load/xlsx.h). The zip
 * container is libzip's; each XML part is decompressed a block at a time
 * and handed to an expat parser, so memory holds one block of XML, one
 * row of cells, the shared strings and the styles, never a whole sheet.
 *
 * The parts read: the workbook (xl/workbook.xml as Excel names it, or the
 * part the package's _rels/.rels names: sheet names and the 1900/1904
 * date system), its relationships (xl/_rels/workbook.xml.rels: which part
 * holds which sheet, the shared strings and the styles), the shared
 * strings and the styles (both optional: which cell styles show a date),
 * then the sheet's part, twice: once for its merged ranges, which follow
 * the cells, and once for the cells. A number whose style shows a date
 * becomes an ISO date; booleans read TRUE and FALSE; text escaped as
 * _xHHHH_ (Excel's way of writing a control character) is unescaped.
 *
 * A hostile file gets a located error, never a crash: every part is capped
 * in decompressed size (a zip bomb stops at the cap), a DTD is refused
 * (no entity expansion), cell references and shared-string indexes are
 * checked, and an OLE2 file (an encrypted workbook or an old .xls) is
 * named as such.
 */
#include "load/xlsx.h"
#include "core/util.h"

#include <expat.h>
#include <zip.h>

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct xlsx_book {
    zip_t *zip;
    char *wb_part, *wb_rels;   /* the workbook part and its relationships part */
    char *sst_part, *sty_part; /* the shared strings and styles parts */
    size_t max_part, max_cols;
    bool d1904;
    int nsheets;
    char **sheet_name, **sheet_rid, **sheet_part;
    sbuf sst;             /* shared strings, each followed by a NUL */
    uint32_t *sst_off, *sst_len;
    size_t nsst, sstcap;
    bool sst_read;        /* read at the first sheet (listing sheets does not need them) */
    uint8_t *xf_date;     /* per cell style (cellXfs index): shows a date */
    size_t nxf;
};

/* ---- helpers ------------------------------------------------------------ */

/* The local part of an element or attribute name ("ns local" or "x:local"). */
static const char *local(const char *name)
{
    const char *s = strrchr(name, ' ');
    if (s)
        return s + 1;
    s = strrchr(name, ':');
    return s ? s + 1 : name;
}

static const char *attr(const char **atts, const char *name)
{
    for (int i = 0; atts[i]; i += 2)
        if (strcmp(local(atts[i]), name) == 0)
            return atts[i + 1];
    return NULL;
}

bool xlsx_ref(const char *s, uint32_t *col, uint32_t *row)
{
    uint32_t c = 0, r = 0;
    size_t i = 0;
    for (; s[i] >= 'A' && s[i] <= 'Z'; i++) {
        c = c * 26 + (uint32_t)(s[i] - 'A' + 1);
        if (c > XLSX_MAX_COL)
            return false;
    }
    if (i == 0 || s[i] < '1' || s[i] > '9')
        return false;
    for (; s[i] >= '0' && s[i] <= '9'; i++) {
        r = r * 10 + (uint32_t)(s[i] - '0');
        if (r > XLSX_MAX_ROW)
            return false;
    }
    if (s[i])
        return false;
    *col = c - 1;
    *row = r;
    return true;
}

void xlsx_col_name(uint32_t col, char *out)
{
    char tmp[8];
    int n = 0;
    for (uint32_t c = col + 1; c && n < 7; c = (c - 1) / 26)
        tmp[n++] = (char)('A' + (c - 1) % 26);
    for (int i = 0; i < n; i++)
        out[i] = tmp[n - 1 - i];
    out[n] = '\0';
}

/* Days from 1970-01-01 to y-m-d and back (proleptic Gregorian). */
static void civil(int64_t z, int *y, int *m, int *d)
{
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

/*
 * Serial days: in the 1900 system day 1 is 1900-01-01 and day 60 is the
 * 29 February 1900 that Lotus 1-2-3 invented and Excel kept, so from day
 * 61 on a serial is one more than the days since 1899-12-31; that day is
 * written out as it is, and fails to read as a date (DAT-001) as it should.
 * In the 1904 system day 0 is 1904-01-01. Serials below 1 are times of day,
 * not dates: false.
 */
bool xlsx_serial_date(double serial, bool d1904, char *out, size_t n)
{
    if (!(serial >= (d1904 ? 0 : 1)) || serial >= 2958466)
        return false;
    int64_t day = (int64_t)floor(serial);
    long secs = lround((serial - (double)day) * 86400.0);
    if (secs >= 86400) {
        day++;
        secs = 0;
    }
    int y, m, d;
    if (!d1904 && day == 60) {
        y = 1900, m = 2, d = 29;
    } else {
        int64_t epoch = d1904 ? -24107 : -25568; /* 1904-01-01, 1899-12-31 as days since 1970 */
        civil(epoch + day - (!d1904 && day > 60), &y, &m, &d);
    }
    if (secs)
        snprintf(out, n, "%04d-%02d-%02dT%02ld:%02ld:%02ld", y, m, d, secs / 3600, secs / 60 % 60, secs % 60);
    else
        snprintf(out, n, "%04d-%02d-%02d", y, m, d);
    return true;
}

/*
 * Built-in formats 14-22 are dates and times, 27-36 and 50-58 the East
 * Asian dates. A custom code shows a date when, outside quoted text,
 * escapes and [...] sections, it holds d, m, y, h or s; an elapsed time
 * ([h]:mm) is a duration, not a date.
 */
bool xlsx_format_is_date(int id, const char *code)
{
    if ((id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 50 && id <= 58))
        return true;
    if (!code || id < 164)
        return false;
    bool date = false;
    for (const char *p = code; *p; p++) {
        char c = ascii_lower(*p);
        if (c == '"') {
            const char *q = strchr(p + 1, '"');
            if (!q)
                break;
            p = q;
        } else if (c == '\\' || c == '_' || c == '*') {
            if (!p[1])
                break;
            p++;
        } else if (c == '[') {
            char h = ascii_lower(p[1]);
            if (h == 'h' || h == 'm' || h == 's')
                return false;
            const char *q = strchr(p, ']');
            if (!q)
                break;
            p = q;
        } else if (c == ';') {
            break; /* the first section decides */
        } else if (c == 'd' || c == 'm' || c == 'y' || c == 'h' || c == 's') {
            date = true;
        } else if (c == 'e' && (p == code || ascii_lower(p[-1]) != 'g')) {
            date = date || p[1] == 'e'; /* "ee": a year in some locales; "General", "E+00": not dates */
        }
    }
    return date;
}

/* The code point of the escape _xHHHH_ at s (n bytes left), or -1. */
static long escape_at(const char *s, size_t n)
{
    if (n < 7 || s[0] != '_' || s[1] != 'x' || s[6] != '_')
        return -1;
    long cp = 0;
    for (int i = 2; i < 6; i++) {
        int h = hex_digit(s[i]);
        if (h < 0)
            return -1;
        cp = cp * 16 + h;
    }
    return cp;
}

/*
 * Excel writes a character that XML cannot hold (a carriage return in a
 * cell, a control character) as _xHHHH_, and a literal "_x0041_" as
 * "_x005F_x0041_": the n bytes at s unescaped in place (the UTF-8 of a
 * character is never longer than its escape); returns the new length. A
 * surrogate pair is two escapes; code point 0 and a lone surrogate stay as
 * written.
 */
static size_t unescape_x(char *s, size_t n)
{
    if (!s) /* an empty buffer has no storage yet */
        return 0;
    size_t k = 0;
    for (size_t i = 0; i < n;) {
        long cp = escape_at(s + i, n - i), lo = -1;
        size_t used = 7;
        if (cp >= 0xD800 && cp <= 0xDBFF && (lo = escape_at(s + i + 7, n - i - 7)) >= 0xDC00 && lo <= 0xDFFF) {
            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
            used = 14;
        }
        if (cp <= 0 || (cp >= 0xD800 && cp <= 0xDFFF)) {
            s[k++] = s[i++];
            continue;
        }
        unsigned char u[4];
        int len = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
        if (len == 1)
            u[0] = (unsigned char)cp;
        else {
            for (int j = len - 1; j > 0; j--, cp >>= 6)
                u[j] = (unsigned char)(0x80 | (cp & 0x3F));
            u[0] = (unsigned char)((0xF00 >> len) | cp); /* 110xxxxx, 1110xxxx, 11110xxx */
        }
        memcpy(s + k, u, (size_t)len);
        k += (size_t)len;
        i += used;
    }
    return k;
}

/* ---- parsing one part ----------------------------------------------------- */

typedef struct {
    XML_Parser p;
    char err[200]; /* set by a handler that stops the parser */
} pctx;

static void stop(pctx *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void stop(pctx *c, const char *fmt, ...)
{
    if (c->err[0])
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(c->err, sizeof c->err, fmt, ap);
    va_end(ap);
    XML_StopParser(c->p, XML_FALSE);
}

static void XMLCALL no_dtd(void *ud, const XML_Char *name, const XML_Char *sys, const XML_Char *pub, int internal)
{
    (void)name, (void)sys, (void)pub, (void)internal;
    stop(ud, "a DTD (<!DOCTYPE>) is not allowed in a workbook part");
}

/* A new parser for ctx (its first member a pctx), with the DTD refused. */
static XML_Parser new_parser(void *ctx, XML_StartElementHandler start, XML_EndElementHandler end,
                             XML_CharacterDataHandler text)
{
    XML_Parser p = XML_ParserCreateNS(NULL, ' ');
    if (!p) {
        fputs("pmoaudit: out of memory\n", stderr);
        exit(2);
    }
    ((pctx *)ctx)->p = p;
    ((pctx *)ctx)->err[0] = '\0';
    XML_SetUserData(p, ctx);
    XML_SetElementHandler(p, start, end);
    XML_SetCharacterDataHandler(p, text);
    XML_SetStartDoctypeDeclHandler(p, no_dtd);
    return p;
}

/* The index of part name (case ignored), or -1. Some writers (.NET
 * libraries on Windows) store names with backslashes between folders,
 * against the zip format: such a name is found too. */
static zip_int64_t part_index(const xlsx_book *b, const char *name)
{
    zip_int64_t i = zip_name_locate(b->zip, name, ZIP_FL_NOCASE);
    if (i >= 0 || !strchr(name, '/'))
        return i;
    char *alt = xstrdup(name);
    for (char *q = alt; *q; q++)
        if (*q == '/')
            *q = '\\';
    i = zip_name_locate(b->zip, alt, ZIP_FL_NOCASE);
    free(alt);
    return i;
}

/*
 * Feed part name to the parser p of ctx, a block at a time. Returns 0, 1
 * when the part is absent, -1 with msg set: the part too big, not
 * decompressible, or not well-formed (with its line and column).
 */
static int parse_part(xlsx_book *b, const char *name, void *ctx, char *msg, size_t n)
{
    pctx *c = ctx;
    zip_int64_t idx = part_index(b, name);
    if (idx < 0)
        return 1;
    zip_stat_t zs;
    if (zip_stat_index(b->zip, (zip_uint64_t)idx, 0, &zs) == 0 && (zs.valid & ZIP_STAT_SIZE) && zs.size > b->max_part) {
        snprintf(msg, n, "%s: the part would decompress to %llu bytes, more than the %zu allowed (a zip bomb?)",
                 name, (unsigned long long)zs.size, b->max_part);
        return -1;
    }
    zip_file_t *zf = zip_fopen_index(b->zip, (zip_uint64_t)idx, 0);
    if (!zf) {
        snprintf(msg, n, "%s: cannot open the part: %s", name, zip_strerror(b->zip));
        return -1;
    }
    char buf[65536];
    size_t total = 0;
    int rc = 0;
    for (;;) {
        zip_int64_t got = zip_fread(zf, buf, sizeof buf);
        if (got < 0) {
            snprintf(msg, n, "%s: cannot decompress the part: %s", name, zip_file_strerror(zf));
            rc = -1;
            break;
        }
        total += (size_t)got;
        if (total > b->max_part) {
            snprintf(msg, n, "%s: the part decompresses to more than the %zu bytes allowed (a zip bomb?)", name,
                     b->max_part);
            rc = -1;
            break;
        }
        if (XML_Parse(c->p, buf, (int)got, got == 0) == XML_STATUS_ERROR) {
            if (c->err[0] == '!') /* a cell's problem: the caller says which sheet */
                snprintf(msg, n, "%s", c->err);
            else if (c->err[0])
                snprintf(msg, n, "%s:%lu: %s", name, (unsigned long)XML_GetCurrentLineNumber(c->p), c->err);
            else if (XML_GetErrorCode(c->p) != XML_ERROR_ABORTED)
                snprintf(msg, n, "%s:%lu:%lu: %s", name, (unsigned long)XML_GetCurrentLineNumber(c->p),
                         (unsigned long)XML_GetCurrentColumnNumber(c->p) + 1,
                         XML_ErrorString(XML_GetErrorCode(c->p)));
            else
                msg[0] = '\0'; /* stopped by a callback: the caller knows why */
            rc = -1;
            break;
        }
        if (got == 0)
            break;
    }
    zip_fclose(zf);
    return rc;
}

/* ---- workbook, relationships, shared strings, styles ----------------------- */

typedef struct {
    pctx x;
    xlsx_book *b;
} wb_ctx;

static void XMLCALL wb_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    wb_ctx *c = ud;
    const char *n = local(name);
    if (strcmp(n, "workbookPr") == 0) {
        const char *v = attr(atts, "date1904");
        c->b->d1904 = v && (strcmp(v, "1") == 0 || strcmp(v, "true") == 0);
    } else if (strcmp(n, "sheet") == 0) {
        const char *sn = attr(atts, "name"), *id = attr(atts, "id");
        if (!sn || !id) {
            stop(&c->x, "a <sheet> without a name or r:id");
            return;
        }
        xlsx_book *b = c->b;
        b->sheet_name = xrealloc(b->sheet_name, (size_t)(b->nsheets + 1) * sizeof *b->sheet_name);
        b->sheet_rid = xrealloc(b->sheet_rid, (size_t)(b->nsheets + 1) * sizeof *b->sheet_rid);
        b->sheet_part = xrealloc(b->sheet_part, (size_t)(b->nsheets + 1) * sizeof *b->sheet_part);
        b->sheet_name[b->nsheets] = xstrdup(sn);
        b->sheet_rid[b->nsheets] = xstrdup(id);
        b->sheet_part[b->nsheets] = NULL;
        b->nsheets++;
    }
}

static void XMLCALL ignore_end(void *ud, const XML_Char *name)
{
    (void)ud, (void)name;
}

static void XMLCALL ignore_text(void *ud, const XML_Char *s, int len)
{
    (void)ud, (void)s, (void)len;
}

/*
 * The part a relationship's target names: a target starting with '/' is
 * from the package's root, any other from the folder of the part whose
 * relationships these are (dir, "" or ending in '/'); "." and ".."
 * segments are resolved ("../" past the root stays at the root).
 */
static char *resolve_target(const char *dir, const char *target)
{
    char *joined = target[0] == '/' ? xstrdup(target + 1) : xasprintf("%s%s", dir, target);
    char *out = xmalloc(strlen(joined) + 1);
    size_t k = 0;
    for (char *seg = joined, *next; seg; seg = next) {
        next = strchr(seg, '/');
        size_t n = next ? (size_t)(next++ - seg) : strlen(seg);
        if (n == 0 || (n == 1 && seg[0] == '.'))
            continue;
        if (n == 2 && seg[0] == '.' && seg[1] == '.') {
            while (k > 0 && out[--k] != '/')
                ;
            continue;
        }
        if (k > 0)
            out[k++] = '/';
        memcpy(out + k, seg, n);
        k += n;
    }
    out[k] = '\0';
    free(joined);
    return out;
}

/* Whether a relationship's Type is of kind (".../officeDocument"): the
 * transitional and the strict schemas differ before the last '/'. */
static bool rel_type(const char *type, const char *kind)
{
    const char *slash = type ? strrchr(type, '/') : NULL;
    return slash && strcmp(slash + 1, kind) == 0;
}

/* The folder of part ("xl/" for "xl/workbook.xml", "" at the root). */
static char *part_dir(const char *part)
{
    const char *slash = strrchr(part, '/');
    return xstrndup(part, slash ? (size_t)(slash - part) + 1 : 0);
}

typedef struct {
    pctx x;
    xlsx_book *b;
    char *dir; /* the folder targets are relative to */
} rel_ctx;

/* The package's relationships (_rels/.rels): the workbook part. */
static void XMLCALL pkg_rel_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    rel_ctx *c = ud;
    const char *target = attr(atts, "Target");
    if (strcmp(local(name), "Relationship") == 0 && target && !c->b->wb_part &&
        rel_type(attr(atts, "Type"), "officeDocument"))
        c->b->wb_part = resolve_target("", target);
}

/* The workbook's relationships: each sheet's part, the shared strings
 * and the styles. */
static void XMLCALL rel_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    rel_ctx *c = ud;
    if (strcmp(local(name), "Relationship") != 0)
        return;
    const char *id = attr(atts, "Id"), *target = attr(atts, "Target"), *type = attr(atts, "Type");
    if (!id || !target)
        return;
    xlsx_book *b = c->b;
    if (rel_type(type, "sharedStrings") && !b->sst_part)
        b->sst_part = resolve_target(c->dir, target);
    else if (rel_type(type, "styles") && !b->sty_part)
        b->sty_part = resolve_target(c->dir, target);
    for (int i = 0; i < b->nsheets; i++)
        if (!b->sheet_part[i] && strcmp(b->sheet_rid[i], id) == 0)
            b->sheet_part[i] = resolve_target(c->dir, target);
}

/* Parse one part with handlers; returns parse_part's result. */
static int run_part(xlsx_book *b, const char *part, void *ctx, XML_StartElementHandler s, XML_EndElementHandler e,
                    XML_CharacterDataHandler t, char *msg, size_t n)
{
    XML_Parser p = new_parser(ctx, s, e, t);
    int rc = parse_part(b, part, ctx, msg, n);
    XML_ParserFree(p);
    return rc;
}

/*
 * Where the workbook is: the officeDocument relationship of _rels/.rels
 * (a package whose workbook is not at xl/workbook.xml), else Excel's
 * xl/workbook.xml; its relationships are in the _rels folder beside it.
 */
static int find_workbook(xlsx_book *b, char *msg, size_t n)
{
    rel_ctx c = {.b = b};
    int rc = run_part(b, "_rels/.rels", &c, pkg_rel_start, ignore_end, ignore_text, msg, n);
    if (rc < 0)
        return rc;
    if (!b->wb_part || part_index(b, b->wb_part) < 0) {
        free(b->wb_part);
        b->wb_part = xstrdup("xl/workbook.xml");
    }
    char *dir = part_dir(b->wb_part);
    b->wb_rels = xasprintf("%s_rels/%s.rels", dir, b->wb_part + strlen(dir));
    free(dir);
    return 0;
}

/* The sheet list and the part of each sheet, the shared strings and the
 * styles (Excel's names when the relationships do not say). */
static bool read_workbook(xlsx_book *b, char *msg, size_t n)
{
    if (find_workbook(b, msg, n) < 0)
        return false;
    wb_ctx c = {.b = b};
    int rc = run_part(b, b->wb_part, &c, wb_start, ignore_end, ignore_text, msg, n);
    if (rc == 1)
        snprintf(msg, n, "not an Excel workbook: the zip has no %s", b->wb_part);
    if (rc != 0)
        return false;
    if (b->nsheets == 0) {
        snprintf(msg, n, "%s lists no sheet", b->wb_part);
        return false;
    }
    rel_ctx r = {.b = b, .dir = part_dir(b->wb_part)};
    rc = run_part(b, b->wb_rels, &r, rel_start, ignore_end, ignore_text, msg, n);
    if (rc == 1)
        snprintf(msg, n, "not an Excel workbook: the zip has no %s", b->wb_rels);
    if (!b->sst_part)
        b->sst_part = xasprintf("%ssharedStrings.xml", r.dir);
    if (!b->sty_part)
        b->sty_part = xasprintf("%sstyles.xml", r.dir);
    free(r.dir);
    return rc == 0;
}

typedef struct {
    pctx x;
    xlsx_book *b;
    bool in_si, in_t;
    int phonetic; /* inside <rPh>: a reading aid, not the text */
} sst_ctx;

static void XMLCALL sst_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    sst_ctx *c = ud;
    const char *n = local(name);
    (void)atts;
    if (strcmp(n, "si") == 0) {
        xlsx_book *b = c->b;
        if (b->nsst >= XLSX_MAX_STRINGS) {
            stop(&c->x, "more than %u shared strings", XLSX_MAX_STRINGS);
            return;
        }
        if (b->nsst == b->sstcap) {
            b->sstcap = b->sstcap ? b->sstcap * 2 : 256;
            b->sst_off = xrealloc(b->sst_off, b->sstcap * sizeof *b->sst_off);
            b->sst_len = xrealloc(b->sst_len, b->sstcap * sizeof *b->sst_len);
        }
        b->sst_off[b->nsst] = (uint32_t)b->sst.len;
        b->sst_len[b->nsst] = 0;
        b->nsst++;
        c->in_si = true;
    } else if (strcmp(n, "rPh") == 0) {
        c->phonetic++;
    } else if (strcmp(n, "t") == 0) {
        c->in_t = c->in_si && !c->phonetic;
    }
}

static void XMLCALL sst_end(void *ud, const XML_Char *name)
{
    sst_ctx *c = ud;
    const char *n = local(name);
    if (strcmp(n, "si") == 0 && c->in_si) {
        xlsx_book *b = c->b;
        if (b->sst_len[b->nsst - 1]) {
            uint32_t len = (uint32_t)unescape_x(b->sst.data + b->sst_off[b->nsst - 1], b->sst_len[b->nsst - 1]);
            b->sst_len[b->nsst - 1] = len;
            b->sst.len = b->sst_off[b->nsst - 1] + len;
        }
        sb_putc(&b->sst, '\0');
        c->in_si = false;
    } else if (strcmp(n, "rPh") == 0) {
        c->phonetic--;
    } else if (strcmp(n, "t") == 0) {
        c->in_t = false;
    }
}

static void XMLCALL sst_text(void *ud, const XML_Char *s, int len)
{
    sst_ctx *c = ud;
    if (!c->in_t)
        return;
    sb_add(&c->b->sst, s, (size_t)len);
    c->b->sst_len[c->b->nsst - 1] += (uint32_t)len;
}

typedef struct {
    pctx x;
    int in_xfs;
    int *fmt_id;   /* custom formats: id and code */
    char **fmt_code;
    size_t nfmt, fmtcap;
    int *xf_fmt;   /* cellXfs: the number format of each */
    size_t nxf, xfcap;
} sty_ctx;

static void XMLCALL sty_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    sty_ctx *c = ud;
    const char *n = local(name);
    if (strcmp(n, "numFmt") == 0) {
        const char *id = attr(atts, "numFmtId"), *code = attr(atts, "formatCode");
        if (!id || !code)
            return;
        GROW(c->fmt_id, c->fmtcap, c->nfmt + 1);
        c->fmt_code = xrealloc(c->fmt_code, c->fmtcap * sizeof *c->fmt_code);
        c->fmt_id[c->nfmt] = (int)strtol(id, NULL, 10);
        c->fmt_code[c->nfmt++] = xstrdup(code);
    } else if (strcmp(n, "cellXfs") == 0) {
        c->in_xfs++;
    } else if (strcmp(n, "xf") == 0 && c->in_xfs) {
        if (c->nxf >= 65536) {
            stop(&c->x, "more than 65536 cell styles");
            return;
        }
        const char *id = attr(atts, "numFmtId");
        GROW(c->xf_fmt, c->xfcap, c->nxf + 1);
        c->xf_fmt[c->nxf++] = id ? (int)strtol(id, NULL, 10) : 0;
    }
}

static void XMLCALL sty_end(void *ud, const XML_Char *name)
{
    sty_ctx *c = ud;
    if (strcmp(local(name), "cellXfs") == 0)
        c->in_xfs--;
}

/* Which cell styles show a date. */
static bool read_styles(xlsx_book *b, char *msg, size_t n)
{
    sty_ctx c;
    memset(&c, 0, sizeof c);
    int rc = run_part(b, b->sty_part, &c, sty_start, sty_end, ignore_text, msg, n);
    if (rc == 0) {
        b->nxf = c.nxf;
        b->xf_date = xcalloc(c.nxf ? c.nxf : 1, 1);
        for (size_t i = 0; i < c.nxf; i++) {
            const char *code = NULL;
            for (size_t k = 0; k < c.nfmt; k++)
                if (c.fmt_id[k] == c.xf_fmt[i])
                    code = c.fmt_code[k];
            b->xf_date[i] = xlsx_format_is_date(c.xf_fmt[i], code);
        }
    }
    for (size_t k = 0; k < c.nfmt; k++)
        free(c.fmt_code[k]);
    free(c.fmt_code);
    free(c.fmt_id);
    free(c.xf_fmt);
    return rc >= 0;
}

/* ---- opening -------------------------------------------------------------- */

static const unsigned char ole2_magic[8] = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};

static const char *ole2_message =
    "the file is an OLE2 compound document, not a zip: a password-protected workbook or an Excel 97-2003 .xls; "
    "open it in Excel and save it as .xlsx without a password";

static xlsx_book *finish_open(zip_t *z, const xlsx_limits *lim, char *err, size_t n)
{
    xlsx_book *b = xcalloc(1, sizeof *b);
    b->zip = z;
    b->max_part = lim && lim->max_part ? lim->max_part : XLSX_MAX_PART_DEFAULT;
    b->max_cols = lim && lim->max_cols && lim->max_cols < XLSX_MAX_COL ? lim->max_cols : XLSX_MAX_COL;
    sb_init(&b->sst);
    if (!read_workbook(b, err, n) || !read_styles(b, err, n)) {
        xlsx_close(b);
        return NULL;
    }
    for (int i = 0; i < b->nsheets; i++)
        if (!b->sheet_part[i]) {
            snprintf(err, n, "sheet '%s': its relationship %s is not in %s", b->sheet_name[i],
                     b->sheet_rid[i], b->wb_rels);
            xlsx_close(b);
            return NULL;
        }
    return b;
}

static void zip_message(zip_error_t *ze, char *err, size_t n)
{
    if (zip_error_code_zip(ze) == ZIP_ER_NOZIP)
        snprintf(err, n, "not an Excel workbook (.xlsx): the file is not a zip archive");
    else
        snprintf(err, n, "cannot open the workbook: %s", zip_error_strerror(ze));
}

xlsx_book *xlsx_open(const char *path, const xlsx_limits *lim, char *err, size_t n)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, n, "cannot open: %s", strerror(errno));
        return NULL;
    }
    unsigned char head[8] = {0};
    size_t got = fread(head, 1, sizeof head, f);
    fclose(f);
    if (got == sizeof head && memcmp(head, ole2_magic, sizeof head) == 0) {
        snprintf(err, n, "%s", ole2_message);
        return NULL;
    }
    int code = 0;
    zip_t *z = zip_open(path, ZIP_RDONLY, &code);
    if (!z) {
        zip_error_t ze;
        zip_error_init_with_code(&ze, code);
        zip_message(&ze, err, n);
        zip_error_fini(&ze);
        return NULL;
    }
    return finish_open(z, lim, err, n);
}

xlsx_book *xlsx_open_mem(const void *data, size_t len, const xlsx_limits *lim, char *err, size_t n)
{
    if (len >= sizeof ole2_magic && memcmp(data, ole2_magic, sizeof ole2_magic) == 0) {
        snprintf(err, n, "%s", ole2_message);
        return NULL;
    }
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(data, len, 0, &ze);
    zip_t *z = src ? zip_open_from_source(src, ZIP_RDONLY, &ze) : NULL;
    if (!z) {
        zip_message(&ze, err, n);
        if (src)
            zip_source_free(src);
        zip_error_fini(&ze);
        return NULL;
    }
    zip_error_fini(&ze);
    return finish_open(z, lim, err, n);
}

void xlsx_close(xlsx_book *b)
{
    if (!b)
        return;
    for (int i = 0; i < b->nsheets; i++) {
        free(b->sheet_name[i]);
        free(b->sheet_rid[i]);
        free(b->sheet_part[i]);
    }
    free(b->sheet_name);
    free(b->sheet_rid);
    free(b->sheet_part);
    free(b->wb_part);
    free(b->wb_rels);
    free(b->sst_part);
    free(b->sty_part);
    sb_free(&b->sst);
    free(b->sst_off);
    free(b->sst_len);
    free(b->xf_date);
    if (b->zip)
        zip_discard(b->zip);
    free(b);
}

int xlsx_nsheets(const xlsx_book *b)
{
    return b->nsheets;
}

const char *xlsx_sheet_name(const xlsx_book *b, int i)
{
    return i >= 0 && i < b->nsheets ? b->sheet_name[i] : NULL;
}

int xlsx_find_sheet(const xlsx_book *b, const char *name)
{
    for (int i = 0; i < b->nsheets; i++) {
        const char *s = b->sheet_name[i];
        size_t n = strlen(s);
        str_trim(&s, &n);
        if (str_ieq(s, n, name))
            return i;
    }
    return -1;
}

bool xlsx_date1904(const xlsx_book *b)
{
    return b->d1904;
}

/* ---- a sheet --------------------------------------------------------------- */

/* A merged range that spans rows: its value is read in each of them. */
typedef struct {
    uint32_t r1, r2, col;
    char *val; /* the value of its first cell, once its first row was read */
} merge;

#define XLSX_MAX_MERGES 1000000u

typedef struct {
    pctx x;
    merge *m;
    size_t nm, cap;
    char ref[16]; /* the last cell seen, for a message about bad XML */
} mg_ctx;

static void XMLCALL mg_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    mg_ctx *c = ud;
    if (strcmp(local(name), "c") == 0) {
        const char *r = attr(atts, "r");
        if (r)
            snprintf(c->ref, sizeof c->ref, "%.12s", r);
        return;
    }
    if (strcmp(local(name), "mergeCell") != 0)
        return;
    const char *ref = attr(atts, "ref"), *colon = ref ? strchr(ref, ':') : NULL;
    char a[16];
    uint32_t c1, r1, c2, r2;
    if (!colon || (size_t)(colon - ref) >= sizeof a)
        return;
    memcpy(a, ref, (size_t)(colon - ref));
    a[colon - ref] = '\0';
    if (!xlsx_ref(a, &c1, &r1) || !xlsx_ref(colon + 1, &c2, &r2) || r2 <= r1 || c2 < c1)
        return; /* one row: its first column holds the value already */
    if (c->nm >= XLSX_MAX_MERGES) {
        stop(&c->x, "more than %u merged ranges", XLSX_MAX_MERGES);
        return;
    }
    GROW(c->m, c->cap, c->nm + 1);
    c->m[c->nm++] = (merge){r1, r2, c1, NULL};
}

static int merge_cmp(const void *a, const void *b)
{
    const merge *x = a, *y = b;
    if (x->r1 != y->r1)
        return x->r1 < y->r1 ? -1 : 1;
    return x->col < y->col ? -1 : x->col > y->col;
}

typedef struct {
    pctx x;
    xlsx_book *b;
    const csvr_opts *co;
    size_t max_cell;
    merge *m;             /* sorted by first row */
    size_t nm, next;      /* next: the first merge not yet active */
    size_t *active, nactive;
    bool in_data, in_row, in_c, in_v, in_t, in_is, has_v;
    int phonetic;
    uint32_t row, last_row, col;
    bool any_row, any_cell;
    char type[16];
    long style;
    char ref[16];         /* the cell being read, for messages */
    sbuf text;            /* its text */
    sbuf rowtext;         /* the row's values */
    size_t *off, *len;    /* per column of the row: SIZE_MAX = no value */
    size_t width, hdr_width, cap;
    bool stopped;
} sh_ctx;

static void set_cell(sh_ctx *c, uint32_t col, const char *s, size_t n)
{
    if (col >= c->cap) {
        size_t nc = c->cap ? c->cap : 64;
        while (nc <= col)
            nc *= 2;
        c->off = xrealloc(c->off, nc * sizeof *c->off);
        c->len = xrealloc(c->len, nc * sizeof *c->len);
        for (size_t k = c->cap; k < nc; k++)
            c->off[k] = SIZE_MAX;
        c->cap = nc;
    }
    c->off[col] = c->rowtext.len;
    c->len[col] = n;
    sb_add(&c->rowtext, s, n);
    if (col + 1 > c->width)
        c->width = col + 1;
}

/* The value of the cell just closed, by its type and style. */
static void end_cell(sh_ctx *c)
{
    const char *s = c->text.data ? c->text.data : "";
    size_t n = c->text.len;
    char buf[32];
    bool inl = strcmp(c->type, "inlineStr") == 0;
    if (!inl && (!c->has_v || n == 0)) /* no <v>, or an empty <v/>: no value */
        return;
    if (n && (inl || strcmp(c->type, "str") == 0))
        n = unescape_x(c->text.data, n);
    if (strcmp(c->type, "s") == 0) {
        char *end;
        errno = 0;
        unsigned long long k = strtoull(s, &end, 10);
        if (*end || errno || s[0] == '-' || k >= c->b->nsst) {
            stop(&c->x, "!%s: shared string '%.*s' does not exist (the workbook has %zu)", c->ref,
                 (int)(n < 20 ? n : 20), s, c->b->nsst);
            return;
        }
        s = c->b->sst.data + c->b->sst_off[k];
        n = c->b->sst_len[k];
    } else if (strcmp(c->type, "b") == 0) {
        if (n == 1 && (s[0] == '0' || s[0] == '1')) {
            s = s[0] == '1' ? "TRUE" : "FALSE";
            n = strlen(s);
        }
    } else if ((c->type[0] == '\0' || strcmp(c->type, "n") == 0) && c->style >= 0 && (size_t)c->style < c->b->nxf &&
               c->b->xf_date[c->style] && n) {
        char *end;
        double v = strtod(s, &end);
        if (!*end && xlsx_serial_date(v, c->b->d1904, buf, sizeof buf)) {
            s = buf;
            n = strlen(buf);
        }
    }
    if (n && c->col >= c->b->max_cols) {
        stop(&c->x, "!%s: a value past column %zu, the limit (raise it with --max-columns or limits.max_columns)",
             c->ref, c->b->max_cols);
        return;
    }
    if (n)
        set_cell(c, c->col, s, n);
}

/* Cell attributes: its reference (checked against the row and the last
 * cell), type and style. */
static void start_cell(sh_ctx *c, const char **atts)
{
    const char *r = attr(atts, "r"), *t = attr(atts, "t"), *s = attr(atts, "s");
    uint32_t col = c->any_cell ? c->col + 1 : 0, row = c->row;
    if (r && (!xlsx_ref(r, &col, &row) || row != c->row)) {
        stop(&c->x, "!%.12s: the cell reference is not one of row %u", r, c->row);
        return;
    }
    if (c->any_cell && col <= c->col) {
        char prev[8];
        xlsx_col_name(c->col, prev);
        stop(&c->x, "!%.12s: the cell comes after %s%u in its row", r ? r : "?", prev, c->row);
        return;
    }
    char name[8];
    xlsx_col_name(col, name);
    snprintf(c->ref, sizeof c->ref, "%s%u", name, row);
    c->col = col;
    c->any_cell = true;
    snprintf(c->type, sizeof c->type, "%s", t ? t : "");
    c->style = s ? strtol(s, NULL, 10) : -1;
    c->text.len = 0;
    c->has_v = false;
    c->in_c = true;
}

static void blank(sh_ctx *c, uint32_t row)
{
    if (c->co->blank)
        c->co->blank(c->co->ud, row);
}

static void start_row(sh_ctx *c, const char **atts)
{
    const char *r = attr(atts, "r");
    uint32_t row = c->any_row ? c->last_row + 1 : 1;
    if (r) {
        char *end;
        unsigned long v = strtoul(r, &end, 10);
        if (*end || v < 1 || v > XLSX_MAX_ROW) {
            stop(&c->x, "!%.12s: not a row number", r);
            return;
        }
        row = (uint32_t)v;
    }
    if (c->any_row && row <= c->last_row) {
        stop(&c->x, "!%u:%u: the row comes after row %u", row, row, c->last_row);
        return;
    }
    if (c->any_row) /* rows the sheet skips are blank rows */
        for (uint32_t k = c->last_row + 1; k < row; k++)
            blank(c, k);
    c->row = row;
    c->in_row = true;
    c->any_cell = false;
    c->rowtext.len = 0;
    for (size_t k = 0; k < c->width; k++)
        c->off[k] = SIZE_MAX;
    c->width = 0;
}

/* Merged ranges at this row: a range starting here takes the value of its
 * first cell; one that started above gives it to the row's cell. Ranges
 * that overlap an active one are ignored (Excel does not make them). */
static void apply_merges(sh_ctx *c)
{
    size_t k = 0;
    for (size_t i = 0; i < c->nactive; i++) /* drop the ranges that ended */
        if (c->m[c->active[i]].r2 >= c->row)
            c->active[k++] = c->active[i];
    c->nactive = k;
    for (size_t i = 0; i < c->nactive; i++) {
        merge *m = &c->m[c->active[i]];
        if (m->val && (m->col >= c->width || c->off[m->col] == SIZE_MAX))
            set_cell(c, m->col, m->val, strlen(m->val));
    }
    for (; c->next < c->nm && c->m[c->next].r1 <= c->row; c->next++) {
        merge *m = &c->m[c->next];
        bool busy = m->r2 < c->row;
        for (size_t i = 0; i < c->nactive && !busy; i++)
            busy = c->m[c->active[i]].col == m->col;
        if (busy)
            continue;
        if (m->r1 == c->row && m->col < c->width && c->off[m->col] != SIZE_MAX)
            m->val = xstrndup(c->rowtext.data + c->off[m->col], c->len[m->col]);
        c->active[c->nactive++] = c->next;
    }
}

/* The row, as fields then a row (or a blank row without a value). */
static void end_row(sh_ctx *c)
{
    c->in_row = false;
    c->any_row = true;
    c->last_row = c->row;
    apply_merges(c);
    if (c->width == 0) {
        blank(c, c->row);
        return;
    }
    if (c->hdr_width == 0)
        c->hdr_width = c->width;
    size_t n = c->width > c->hdr_width ? c->width : c->hdr_width;
    for (size_t k = 0; k < n; k++) {
        bool has = k < c->width && c->off[k] != SIZE_MAX;
        c->co->field(c->co->ud, k, has ? c->rowtext.data + c->off[k] : NULL, has ? c->len[k] : 0, c->row);
    }
    if (!c->co->row(c->co->ud, n, c->row)) {
        c->stopped = true;
        XML_StopParser(c->x.p, XML_FALSE);
    }
}

static void XMLCALL sh_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    sh_ctx *c = ud;
    const char *n = local(name);
    if (!c->in_data) {
        c->in_data = strcmp(n, "sheetData") == 0;
    } else if (!c->in_row) {
        if (strcmp(n, "row") == 0)
            start_row(c, atts);
    } else if (!c->in_c) {
        if (strcmp(n, "c") == 0)
            start_cell(c, atts);
    } else if (strcmp(n, "v") == 0) {
        c->in_v = true;
        c->has_v = true;
    } else if (strcmp(n, "is") == 0) {
        c->in_is = true;
    } else if (strcmp(n, "rPh") == 0) {
        c->phonetic++;
    } else if (strcmp(n, "t") == 0) {
        c->in_t = c->in_is && !c->phonetic;
    }
}

static void XMLCALL sh_end(void *ud, const XML_Char *name)
{
    sh_ctx *c = ud;
    const char *n = local(name);
    if (!c->in_data)
        return;
    if (c->in_c) {
        if (strcmp(n, "c") == 0) {
            c->in_c = c->in_v = c->in_t = c->in_is = false;
            c->phonetic = 0;
            end_cell(c);
        } else if (strcmp(n, "v") == 0) {
            c->in_v = false;
        } else if (strcmp(n, "t") == 0) {
            c->in_t = false;
        } else if (strcmp(n, "is") == 0) {
            c->in_is = false;
        } else if (strcmp(n, "rPh") == 0) {
            c->phonetic--;
        }
    } else if (c->in_row && strcmp(n, "row") == 0) {
        end_row(c);
    } else if (!c->in_row && strcmp(n, "sheetData") == 0) {
        c->in_data = false;
    }
}

static void XMLCALL sh_text(void *ud, const XML_Char *s, int len)
{
    sh_ctx *c = ud;
    bool inl = strcmp(c->type, "inlineStr") == 0; /* its text is in <is>, any <v> is not its value */
    if (!(c->in_v && !inl) && !(c->in_t && inl))
        return;
    if (c->text.len + (size_t)len > c->max_cell) {
        stop(&c->x, "!%s: the cell holds more than %zu bytes (raise the limit with --max-cell)", c->ref,
             c->max_cell);
        return;
    }
    sb_add(&c->text, s, (size_t)len);
}

/* The shared strings, once per workbook (before its first sheet). */
static int read_strings(xlsx_book *b, char *msg, size_t n)
{
    if (b->sst_read)
        return 0;
    b->sst_read = true;
    sst_ctx sc = {.b = b};
    return run_part(b, b->sst_part, &sc, sst_start, sst_end, sst_text, msg, n) < 0 ? -1 : 0;
}

/* Whether the n bytes at s hold word (of wn bytes). */
static bool holds(const char *s, size_t n, const char *word, size_t wn)
{
    for (const char *p = s; (size_t)(p - s) + wn <= n; p++) {
        p = memchr(p, word[0], n - wn + 1 - (size_t)(p - s));
        if (!p)
            return false;
        if (memcmp(p, word, wn) == 0)
            return true;
    }
    return false;
}

/* Whether part holds the word "mergeCell" at all: a plain scan of the
 * inflated bytes, much cheaper than parsing, so that a sheet without
 * merged ranges (most) is parsed once. An error (the part too big or
 * corrupt) says yes: the parse that follows reports it. */
static int has_merges(xlsx_book *b, const char *part)
{
    static const char word[] = "mergeCell";
    zip_int64_t idx = part_index(b, part);
    zip_file_t *zf = idx < 0 ? NULL : zip_fopen_index(b->zip, (zip_uint64_t)idx, 0);
    if (!zf)
        return 1; /* the parse says what is wrong */
    char buf[65536 + sizeof word];
    size_t keep = 0, total = 0;
    int found = 0;
    for (;;) {
        zip_int64_t got = zip_fread(zf, buf + keep, sizeof buf - keep);
        if (got <= 0 || (total += (size_t)got) > b->max_part) {
            found = got < 0 || total > b->max_part;
            break;
        }
        size_t len = keep + (size_t)got;
        if (holds(buf, len, word, sizeof word - 1)) {
            found = 1;
            break;
        }
        keep = len < sizeof word - 2 ? len : sizeof word - 2; /* a word cut between two blocks */
        memmove(buf, buf + len - keep, keep);
    }
    zip_fclose(zf);
    return found;
}

/* The sheet's merged ranges that span rows, sorted by first row. */
static int read_merges(xlsx_book *b, const char *part, sh_ctx *c, char *msg, size_t n)
{
    mg_ctx m;
    memset(&m, 0, sizeof m);
    int rc = read_strings(b, msg, n);
    if (rc == 0 && part_index(b, part) < 0)
        rc = 1;
    else if (rc == 0 && has_merges(b, part))
        rc = run_part(b, part, &m, mg_start, ignore_end, ignore_text, msg, n);
    if (rc < 0 && msg[0] != '!' && m.ref[0]) { /* bad XML: say where in the sheet */
        size_t k = strlen(msg);
        snprintf(msg + k, n - k, " (after cell %s)", m.ref);
    }
    if (m.nm > 1)
        qsort(m.m, m.nm, sizeof *m.m, merge_cmp);
    c->m = m.m;
    c->nm = m.nm;
    c->active = xmalloc((m.nm ? m.nm : 1) * sizeof *c->active);
    return rc;
}

static void free_sheet(sh_ctx *c)
{
    for (size_t i = 0; i < c->nm; i++)
        free(c->m[i].val);
    free(c->m);
    free(c->active);
    sb_free(&c->text);
    sb_free(&c->rowtext);
    free(c->off);
    free(c->len);
}

int xlsx_read_sheet(xlsx_book *b, int i, const csvr_opts *co, csvr_error *e)
{
    memset(e, 0, sizeof *e);
    if (i < 0 || i >= b->nsheets) {
        e->code = CSVR_EIO;
        snprintf(e->message, sizeof e->message, "no such sheet");
        return e->code;
    }
    const char *part = b->sheet_part[i];
    sh_ctx c;
    memset(&c, 0, sizeof c);
    c.b = b;
    c.co = co;
    c.max_cell = co->max_cell ? co->max_cell : (size_t)16 << 20;
    sb_init(&c.text);
    sb_init(&c.rowtext);
    char msg[sizeof e->message];
    msg[0] = '\0';
    int rc = read_merges(b, part, &c, msg, sizeof msg);
    if (rc == 1)
        snprintf(msg, sizeof msg, "the sheet's part %s is not in the file", part);
    if (rc == 0) {
        XML_Parser p = new_parser(&c, sh_start, sh_end, sh_text);
        rc = parse_part(b, part, &c, msg, sizeof msg);
        if (rc != 0 && !c.stopped && !msg[0] && c.x.err[0])
            snprintf(msg, sizeof msg, "%s", c.x.err);
        if (rc != 0 && !c.stopped && msg[0] != '!' && c.ref[0]) { /* an XML error: say where in the sheet */
            size_t k = strlen(msg);
            snprintf(msg + k, sizeof msg - k, " (after cell %s)", c.ref);
        }
        XML_ParserFree(p);
    }
    free_sheet(&c);
    if (rc == 0)
        return CSVR_OK;
    if (c.stopped)
        return e->code = CSVR_ESTOPPED;
    e->code = CSVR_EPARSE;
    snprintf(e->message, sizeof e->message, "%s", msg);
    return e->code;
}
