/*
 * test.h - a minimal unit-test harness. A suite is a function of CHECKs;
 * cmd/main.c runs every suite and prints "unit: N passed, N failed". A failing
 * CHECK prints its file, line and expression and the run goes on.
 */
#ifndef PA_TEST_H
#define PA_TEST_H

#include <stdio.h>
#include <string.h>

extern int t_pass, t_fail;
extern const char *t_case;

#define CASE(name) (t_case = (name))
#define CHECK(cond)                                                                                    \
    do {                                                                                               \
        if (cond) {                                                                                    \
            t_pass++;                                                                                  \
        } else {                                                                                       \
            t_fail++;                                                                                  \
            printf("not ok - %s: %s:%d: CHECK(%s)\n", t_case ? t_case : "?", __FILE__, __LINE__, #cond); \
        }                                                                                              \
    } while (0)
#define CHECK_STR(a, b)                                                                                   \
    do {                                                                                                  \
        const char *a_ = (a), *b_ = (b);                                                                  \
        if (a_ && b_ && strcmp(a_, b_) == 0) {                                                            \
            t_pass++;                                                                                     \
        } else {                                                                                          \
            t_fail++;                                                                                     \
            printf("not ok - %s: %s:%d: \"%s\" != \"%s\"\n", t_case ? t_case : "?", __FILE__, __LINE__,   \
                   a_ ? a_ : "(null)", b_ ? b_ : "(null)");                                               \
        }                                                                                                 \
    } while (0)

void suite_value(void);
void suite_parse(void);
void suite_history(void);
void suite_csv(void);
void suite_store(void);
void suite_stream(void);
void suite_findings(void);
void suite_lscan(void);
void suite_pload(void);
void suite_chunk(void);
void suite_runtime(void);
void suite_scope(void);
void suite_outfile(void);
void suite_profile(void);
void suite_data_file(void);
void suite_test_cases(void);
void suite_period(void);
void suite_emit(void);
void suite_options(void);
void suite_text_wrap(void);
void suite_textsim(void);
void suite_split(void);
void suite_pattern(void);
void suite_network(void);
void suite_mspdi(void);
void suite_xer(void);
void suite_xlsx(void);

#endif
