/*
 * cmd/main.c - runs every unit-test suite.
 */
#include "test.h"

int t_pass, t_fail;
const char *t_case;

int main(void)
{
    suite_value();
    suite_csv();
    suite_store();
    suite_pload();
    suite_chunk();
    suite_findings();
    suite_runtime();
    suite_lscan();
    suite_parse();
    suite_scope();
    suite_outfile();
    suite_stream();
    suite_profile();
    suite_data_file();
    suite_test_cases();
    suite_emit();
    suite_options();
    suite_textsim();
    suite_network();
    suite_text_wrap();
    suite_period();
    suite_split();
    suite_pattern();
    suite_mspdi();
    suite_xer();
    suite_xlsx();
    suite_history();
    printf("unit: %d passed, %d failed\n", t_pass, t_fail);
    return t_fail ? 1 : 0;
}
