/*
 * fuzz_xlsx.c - libFuzzer harness for the workbook reader (load/xlsx.c)
 * feeding a table as `pmoaudit run` does (load/table_load.h). Deflate and
 * CRCs make a zip a poor target for mutation, so the input is mostly XML:
 * its parts, split at 0xFF bytes, are the sheet, the shared strings, the
 * styles, the workbook and its relationships (a missing part gets a
 * default, so that most inputs reach the sheet), stored in a zip built
 * here with libzip. An input that starts with "PK" is a whole zip file
 * instead (the container's own checks). The first sheet loads as table
 * tasks, under a small part cap every other run (the cap's error path).
 */
#include "load/table_load.h"
#include "load/xlsx.h"
#include "model/finding.h"
#include "store/store.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define NS "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\""

static const char *const part_name[] = {"xl/worksheets/sheet1.xml", "xl/sharedStrings.xml", "xl/styles.xml",
                                        "xl/workbook.xml", "xl/_rels/workbook.xml.rels"};
static const char workbook[] =
    "<workbook " NS " xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>"
    "<sheet name=\"tasks\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";
static const char rels[] = "<Relationships><Relationship Id=\"rId1\" Target=\"worksheets/sheet1.xml\"/>"
                           "</Relationships>";
static const char *const part_default[] = {NULL, NULL, NULL, workbook, rels};

/* The parts of data, stored in a new zip; returns its bytes (to free). */
static void *build_zip(const uint8_t *data, size_t size, size_t *len)
{
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &ze);
    zip_t *z = src ? zip_open_from_source(src, ZIP_TRUNCATE, &ze) : NULL;
    zip_error_fini(&ze);
    if (!z) {
        zip_source_free(src);
        return NULL;
    }
    zip_source_keep(src);
    size_t start = 0;
    for (int i = 0; i < 5; i++) {
        const uint8_t *end = start <= size ? memchr(data + start, 0xFF, size - start) : NULL;
        size_t stop = end ? (size_t)(end - data) : size;
        const void *p = start < size ? data + start : NULL;
        size_t n = start < size ? stop - start : 0;
        if (!p && part_default[i]) {
            p = part_default[i];
            n = strlen(part_default[i]);
        }
        if (p) {
            zip_int64_t k = zip_file_add(z, part_name[i], zip_source_buffer(z, p, n, 0), 0);
            if (k >= 0)
                zip_set_file_compression(z, (zip_uint64_t)k, ZIP_CM_STORE, 0);
        }
        start = stop + 1;
    }
    void *out = NULL;
    zip_stat_t st;
    if (zip_close(z) == 0 && zip_source_open(src) == 0) {
        if (zip_source_stat(src, &st) == 0 && (st.valid & ZIP_STAT_SIZE)) {
            out = malloc(st.size ? st.size : 1);
            *len = (size_t)zip_source_read(src, out, st.size);
        }
        zip_source_close(src);
    } else {
        zip_discard(z);
    }
    zip_source_free(src);
    return out;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static unsigned runs;
    bool whole = size >= 2 && data[0] == 'P' && data[1] == 'K';
    size_t len = size;
    void *zipped = whole ? NULL : build_zip(data, size, &len);
    if (!whole && !zipped)
        return 0;
    xlsx_limits lim = {(++runs & 1) ? 512 : 0, 64};
    char msg[256];
    xlsx_book *b = xlsx_open_mem(whole ? (const void *)data : zipped, len, &lim, msg, sizeof msg);
    if (b) {
        pa_load_opts lo = {.max_cell = 1024, .max_cols = 64};
        pa_store st;
        store_init(&st, "fuzz");
        pa_findings out;
        fnd_init(&out);
        load_table *lt = load_begin(&st, "fuzz.xlsx:tasks", "tasks", &lo, &out);
        load_ledger(lt, "fuzz.xlsx", "tasks");
        load_sheet_cells(lt, "fuzz.xlsx:tasks");
        csvr_opts co;
        load_callbacks(lt, &co);
        csvr_error e;
        int rc = xlsx_read_sheet(b, 0, &co, &e);
        char *err = NULL;
        load_end(lt, rc, &e, &err);
        free(err);
        fnd_free(&out);
        store_free(&st);
        xlsx_close(b);
    }
    free(zipped);
    return 0;
}
