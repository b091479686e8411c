/*
 * embed.c - build tool: writes a C file that embeds files (rules, import
 * profiles, the HTML report's assets; see core/embedded.h), byte for byte.
 * Usage: embed OUT.c FILE...
 * Each file becomes a char array written as numbers, NUL-terminated: C
 * compilers need only accept string literals of 4,095 bytes (and
 * -Wpedantic says so), and these files are longer. Paths are stored as
 * given, so messages name rules/std/STD-001.lua. Each file's SHA-256, in
 * base64, is stored beside it: the HTML report's Content-Security-Policy
 * allows its inline script by that hash (report/html.c).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- SHA-256 (FIPS 180-4), for the files' hashes ---------------------- */

typedef struct {
    uint32_t h[8];
    unsigned char blk[64];
    size_t nblk;
    uint64_t bits;
} sha256;

static const uint32_t K[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};

#define ROR(x, n) (((x) >> (n)) | ((x) << (32 - (n))))

static void sha_block(sha256 *s, const unsigned char *p)
{
    uint32_t w[64], v[8];
    for (int i = 0; i < 16; i++)
        w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 | (uint32_t)p[4 * i + 2] << 8 | p[4 * i + 3];
    for (int i = 16; i < 64; i++) {
        uint32_t s0 = ROR(w[i - 15], 7) ^ ROR(w[i - 15], 18) ^ (w[i - 15] >> 3);
        uint32_t s1 = ROR(w[i - 2], 17) ^ ROR(w[i - 2], 19) ^ (w[i - 2] >> 10);
        w[i] = w[i - 16] + s0 + w[i - 7] + s1;
    }
    memcpy(v, s->h, sizeof v);
    for (int i = 0; i < 64; i++) {
        uint32_t t1 = v[7] + (ROR(v[4], 6) ^ ROR(v[4], 11) ^ ROR(v[4], 25)) + ((v[4] & v[5]) ^ (~v[4] & v[6])) + K[i] + w[i];
        uint32_t t2 = (ROR(v[0], 2) ^ ROR(v[0], 13) ^ ROR(v[0], 22)) + ((v[0] & v[1]) ^ (v[0] & v[2]) ^ (v[1] & v[2]));
        memmove(v + 1, v, 7 * sizeof *v);
        v[4] += t1;
        v[0] = t1 + t2;
    }
    for (int i = 0; i < 8; i++)
        s->h[i] += v[i];
}

static void sha_init(sha256 *s)
{
    static const uint32_t h0[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                   0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
    memcpy(s->h, h0, sizeof h0);
    s->nblk = 0;
    s->bits = 0;
}

static void sha_byte(sha256 *s, unsigned char c)
{
    s->blk[s->nblk++] = c;
    s->bits += 8;
    if (s->nblk == 64) {
        sha_block(s, s->blk);
        s->nblk = 0;
    }
}

/* The digest in base64 (44 characters and a NUL), as CSP writes hashes. */
static void sha_base64(sha256 *s, char out[45])
{
    uint64_t bits = s->bits;
    sha_byte(s, 0x80);
    while (s->nblk != 56)
        sha_byte(s, 0);
    for (int i = 7; i >= 0; i--)
        sha_byte(s, (unsigned char)(bits >> (8 * i)));
    unsigned char d[33] = {0};
    for (int i = 0; i < 32; i++)
        d[i] = (unsigned char)(s->h[i / 4] >> (24 - 8 * (i % 4)));
    static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    int o = 0;
    for (int i = 0; i < 33; i += 3) {
        uint32_t v = (uint32_t)d[i] << 16 | (uint32_t)d[i + 1] << 8 | d[i + 2];
        out[o++] = b64[v >> 18 & 63];
        out[o++] = b64[v >> 12 & 63];
        out[o++] = i + 1 < 32 ? b64[v >> 6 & 63] : '=';
        out[o++] = i + 2 < 32 ? b64[v & 63] : '=';
    }
    out[o] = '\0';
}

/* ---- the generated file ------------------------------------------------ */

static int emit(FILE *out, const char *path, size_t *len, char hash[45])
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        perror(path);
        return -1;
    }
    sha256 s;
    sha_init(&s);
    int c, col = 0;
    *len = 0;
    fputs("{", out);
    while ((c = fgetc(f)) != EOF) {
        fprintf(out, "%d,", c);
        sha_byte(&s, (unsigned char)c);
        (*len)++;
        if (++col == 24) {
            fputs("\n", out);
            col = 0;
        }
    }
    fputs("0}", out);
    fclose(f);
    sha_base64(&s, hash);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: embed OUT.c FILE...\n");
        return 2;
    }
    FILE *out = fopen(argv[1], "w");
    if (!out) {
        perror(argv[1]);
        return 1;
    }
    /* The array is named after the output file: builtin_rules.c -> builtin_rules. */
    const char *base = strrchr(argv[1], '/') ? strrchr(argv[1], '/') + 1 : argv[1];
    char sym[64];
    snprintf(sym, sizeof sym, "%.*s", (int)strcspn(base, "."), base);
    fputs("/* Generated by engine/tools/embed.c: do not edit. */\n#include \"core/embedded.h\"\n\n", out);
    size_t *lens = calloc((size_t)argc, sizeof *lens);
    char (*hashes)[45] = calloc((size_t)argc, sizeof *hashes);
    for (int i = 2; i < argc; i++) {
        fprintf(out, "static const unsigned char text_%d[] = ", i);
        if (emit(out, argv[i], &lens[i], hashes[i]) != 0) {
            /* no half-written OUT.c that make would then take as up to date */
            free(lens);
            free(hashes);
            fclose(out);
            remove(argv[1]);
            return 1;
        }
        fputs(";\n\n", out);
    }
    fprintf(out, "const pa_embedded %s[] = {\n", sym);
    for (int i = 2; i < argc; i++)
        fprintf(out, "    {\"%s\", (const char *)text_%d, %zu, \"%s\"},\n", argv[i], i, lens[i], hashes[i]);
    fputs("    {0, 0, 0, 0}\n};\n", out);
    if (strcmp(sym, "builtin_rules") == 0)
        fprintf(out, "const int builtin_nrules = %d;\n", argc - 2);
    free(lens);
    free(hashes);
    return fclose(out) == 0 ? 0 : 1;
}
