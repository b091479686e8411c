/*
 * floor.c - the parse floor of `make bench`: the least work any CSV tool
 * must do over a portfolio. It reads each file named on the command line in
 * 1 MiB chunks and feeds them to libcsv with the options pmoaudit uses
 * (strict quotes, empty fields as NULL), counting rows and fields. No cell
 * is copied, typed or kept. It is built with the same CFLAGS as pmoaudit so
 * that the ratio total / floor compares like with like.
 *
 * Prints one JSON object: {"seconds": S, "files": N, "rows": R, "fields": F,
 * "bytes": B}. Exit 1 when a file cannot be read or does not parse.
 */
#include <csv.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

typedef struct {
    unsigned long long rows, fields;
} counts;

static void on_field(void *data, size_t len, void *ud)
{
    (void)data;
    (void)len;
    ((counts *)ud)->fields++;
}

static void on_row(int end, void *ud)
{
    (void)end;
    ((counts *)ud)->rows++;
}

/* One file through one parser; returns the bytes read, or -1 on error. */
static long long parse_file(const char *path, counts *c, char *buf, size_t bufsize)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        perror(path);
        return -1;
    }
    struct csv_parser p;
    csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_EMPTY_IS_NULL);
    long long total = 0;
    size_t n;
    int bad = 0;
    while (!bad && (n = fread(buf, 1, bufsize, f)) > 0) {
        if (csv_parse(&p, buf, n, on_field, on_row, c) != n)
            bad = 1;
        total += (long long)n;
    }
    if (!bad && csv_fini(&p, on_field, on_row, c) != 0)
        bad = 1;
    if (bad)
        fprintf(stderr, "%s: %s\n", path, csv_strerror(csv_error(&p)));
    csv_free(&p);
    fclose(f);
    return bad ? -1 : total;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: floor FILE.csv ...\n");
        return 2;
    }
    size_t bufsize = 1 << 20;
    char *buf = malloc(bufsize);
    if (!buf)
        return 1;
    counts c = {0, 0};
    long long bytes = 0;
    struct timespec a, b;
    clock_gettime(CLOCK_MONOTONIC, &a);
    for (int i = 1; i < argc; i++) {
        long long n = parse_file(argv[i], &c, buf, bufsize);
        if (n < 0) {
            free(buf);
            return 1;
        }
        bytes += n;
    }
    clock_gettime(CLOCK_MONOTONIC, &b);
    free(buf);
    double s = (double)(b.tv_sec - a.tv_sec) + (double)(b.tv_nsec - a.tv_nsec) / 1e9;
    printf("{\"seconds\": %.4f, \"files\": %d, \"rows\": %llu, \"fields\": %llu, \"bytes\": %lld}\n", s, argc - 1,
           c.rows, c.fields, bytes);
    return 0;
}
