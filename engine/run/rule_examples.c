/*
 * run/rule_examples.c - example findings of rules (run/rule_examples.h).
 * The tests of the rules' packs are loaded into a runtime of their own,
 * as lint loads them (a file that fails is set aside, not fatal: an
 * example is documentation, and a broken test file is `pmoaudit test`'s
 * and lint's to report). Each wanted rule's first case that expects
 * findings runs through run/case_run.c, and its findings are rendered by
 * the text report (report/text.c), so the example reads exactly as a run
 * would print it.
 */
#include "run/rule_examples.h"
#include "run/case_run.h"
#include "report/formats.h"
#include "core/util.h"

#include <stdlib.h>
#include <string.h>

/* The test files of every pack of reg, as `pmoaudit test PACK` finds them. */
static void pack_tests(pa_registry *reg, pa_source **tests, int *n)
{
    *tests = NULL;
    *n = 0;
    int npacks = reg->npacks;
    for (int i = 0; i < npacks; i++) {
        pa_source *t = NULL;
        int k = 0;
        char *err = NULL;
        if (!reg->packs[i].root)
            reg_builtin_tests(reg, &t, &k);
        else if (reg_path_tests(reg, reg->packs[i].shown, &t, &k, &err) != 0)
            free(err); /* a folder gone since the rules loaded: no examples from it */
        *tests = xrealloc(*tests, (size_t)(*n + k + 1) * sizeof **tests);
        if (k)
            memcpy(*tests + *n, t, (size_t)k * sizeof *t);
        *n += k;
        free(t);
    }
}

/* A case read through a profile loads its files from a fresh temporary
 * folder: its findings name them inside the folder (Jira.csv), so the
 * example is the same every time. */
static const pa_findings *relative_files(case_out *co)
{
    size_t dn = co->st.dir ? strlen(co->st.dir) : 0;
    for (size_t i = 0; dn && i < co->res.findings.n; i++) {
        pa_finding *f = &co->res.findings.v[i];
        if (f->file && strncmp(f->file, co->st.dir, dn) == 0 && f->file[dn] == '/')
            f->file += dn + 1;
    }
    return &co->res.findings;
}

/* Run case k, the first failing case of rule ri, into the rule's example. */
static void example_of(lrt *rt, pa_registry *reg, int k, const ltc_case *tc, int ri)
{
    pa_rule *r = &reg->v[ri];
    r->example_from = xasprintf("\"%s\" (%s:%d)", tc->name, tc->file, tc->line);
    sbuf why, b;
    sb_init(&why);
    sb_init(&b);
    case_out co;
    if (case_run(rt, reg, k, tc, &co, &why) < 0)
        sb_printf(&b, "(the case does not run: %.*s)\n", (int)why.len - (why.len && why.data[why.len - 1] == '\n'),
                  why.data);
    else if (co.res.status == ST_SKIPPED || co.res.status == ST_ERRORED)
        sb_printf(&b, "(the rule %s on the case%s%s)\n", status_name(co.res.status), co.res.message ? ": " : "",
                  co.res.message ? co.res.message : "");
    else if (co.res.findings.n == 0)
        sb_puts(&b, "(the case gives no finding: see `pmoaudit test`)\n");
    else
        report_text_example(r, relative_files(&co), REX_MAX, &b);
    r->example = sb_steal(&b);
    case_out_free(&co);
    sb_free(&why);
}

void rex_fill(pa_registry *reg, const bool *want)
{
    for (int i = 0; i < reg->n; i++) {
        free(reg->v[i].example);
        free(reg->v[i].example_from);
        reg->v[i].example = reg->v[i].example_from = NULL;
    }
    reg->examples = true;
    pa_source *tests;
    int ntests;
    pack_tests(reg, &tests, &ntests);
    lrt *rt = lrt_new(NULL);
    char *err = NULL;
    lrt_set_lint(rt); /* a file that fails is recorded, and the others load */
    if (lrt_load_sources(rt, reg, &err) == 0 && lrt_load_tests(rt, tests, ntests, &err) == 0) {
        int n = ltc_count(rt);
        for (int k = 1; k <= n; k++) {
            ltc_case tc;
            ltc_read(rt, k, &tc);
            int ri = reg_index(reg, tc.rule);
            if (ri >= 0 && (!want || want[ri]) && !reg->v[ri].example_from) {
                ltc_expect e;
                ltc_read_expect(rt, k, &e);
                if (case_expect_kind(&e) == 1)
                    example_of(rt, reg, k, &tc, ri);
                ltc_free_expect(&e);
            }
            ltc_free(&tc);
        }
    }
    free(err);
    lrt_free(rt);
    reg_free_sources(tests, ntests);
}
