/*
 * core/cellref.c - workbook locations (see core/cellref.h). A sheet name
 * cannot hold ':' (Excel forbids it), so the last ".xlsx:" of a location
 * ends its path; a column reference is the last '!' followed only by
 * capital letters.
 */
#include "core/cellref.h"

#include <stdio.h>
#include <string.h>

static bool ends_book(const char *s, size_t n)
{
    static const char ext[] = ".xlsx";
    if (n < sizeof ext - 1)
        return false;
    for (size_t i = 0; i < sizeof ext - 1; i++)
        if (ascii_lower(s[n - (sizeof ext - 1) + i]) != ext[i])
            return false;
    return true;
}

bool cref_is_book(const char *path)
{
    return path && ends_book(path, strlen(path));
}

bool cref_has_sheet(const char *loc)
{
    for (const char *p = loc ? strchr(loc, ':') : NULL; p; p = strchr(p + 1, ':'))
        if (ends_book(loc, (size_t)(p - loc)))
            return true;
    return false;
}

void cref_split(const char *loc, uint32_t line, cref_loc *out)
{
    memset(out, 0, sizeof *out);
    size_t n = strlen(loc);
    out->path_len = n;
    const char *colon = NULL;
    for (const char *p = strchr(loc, ':'); p; p = strchr(p + 1, ':'))
        if (ends_book(loc, (size_t)(p - loc)))
            colon = p;
    if (!colon) { /* a CSV's line: on every finding of every report, so no printf */
        if (line)
            u32_decimal(line, out->cell);
        return;
    }
    out->path_len = (size_t)(colon - loc);
    out->sheet = colon + 1;
    out->sheet_len = n - out->path_len - 1;
    const char *bang = strrchr(out->sheet, '!'), *col = NULL;
    if (bang && bang[1]) {
        col = bang + 1;
        for (const char *p = col; *p; p++)
            if (*p < 'A' || *p > 'Z')
                col = NULL;
    }
    if (col)
        out->sheet_len = (size_t)(bang - out->sheet);
    if (line && col && strlen(col) <= 3)
        snprintf(out->cell, sizeof out->cell, "%s%u", col, line);
    else if (line)
        snprintf(out->cell, sizeof out->cell, "%u:%u", line, line);
}

void cref_where(sbuf *b, const char *loc, uint32_t line)
{
    cref_loc c;
    cref_split(loc, line, &c);
    sb_add(b, loc, c.path_len);
    if (c.sheet) {
        sb_putc(b, ':');
        sb_add(b, c.sheet, c.sheet_len);
        if (c.cell[0])
            sb_putc(b, '!');
    } else if (c.cell[0]) {
        sb_putc(b, ':');
    }
    sb_puts(b, c.cell);
}
