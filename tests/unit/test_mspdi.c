/*
 * test_mspdi.c - the MS Project XML reader (load/mspdi_read.c): the cells
 * each Task element becomes (durations and slack in days by the project's
 * MinutesPerDay, constraint names, links by ID with type and lag, the
 * Baseline numbered 0, resource names), the location of each row, and
 * located errors for what MSPDI never holds.
 */
#include "load/mspdi_read.h"
#include "test.h"
#include "core/util.h"

#include <stdlib.h>

#define NS "<Project xmlns=\"http://schemas.microsoft.com/project\">"

/* Column c (by its header name) of row r, as a string ("<null>" when null). */
static const char *cell(const grid *g, size_t r, const char *column)
{
    static char buf[512];
    for (size_t c = 0; c < g->width[0]; c++) {
        size_t n;
        const char *h = grid_at(g, 0, c, &n);
        if (h && strcmp(h, column) == 0) {
            const char *s = grid_at(g, r, c, &n);
            snprintf(buf, sizeof buf, "%.*s", s ? (int)n : 6, s ? s : "<null>");
            return buf;
        }
    }
    return "<no such column>";
}

static int read_doc(grid *g, const char *doc, csvr_error *e)
{
    grid_init(g);
    return mspdi_read_buffer(g, doc, strlen(doc), e);
}

static void t_values(void)
{
    CASE("mspdi: durations, slack and lags in days of MinutesPerDay; constraint names; flags as written");
    const char *doc = NS "<MinutesPerDay>420</MinutesPerDay>\n<Tasks>\n"
                         "<Task><UID> 5 </UID><ID>1</ID><Duration>PT7H0M0S</Duration><TotalSlack>-2100</TotalSlack>"
                         "<ConstraintType>7</ConstraintType><Milestone>1</Milestone></Task>\n"
                         "<Task><UID>6</UID><ID>2</ID><Duration>-PT3H30M</Duration><ConstraintType>9</ConstraintType>"
                         "<PredecessorLink><PredecessorUID>5</PredecessorUID><Type>3</Type><LinkLag>8400</LinkLag>"
                         "<LagFormat>7</LagFormat></PredecessorLink>"
                         "<PredecessorLink><PredecessorUID>5</PredecessorUID><LinkLag>-14400</LinkLag>"
                         "<LagFormat>8</LagFormat></PredecessorLink></Task>\n"
                         "<Task><UID>7</UID><ID>3</ID><Duration>P1DT0H</Duration><Duration>P1Y</Duration>"
                         "<PredecessorLink><PredecessorUID>6</PredecessorUID><Type>0</Type><LinkLag>25</LinkLag>"
                         "<LagFormat>19</LagFormat></PredecessorLink>"
                         "<PredecessorLink><PredecessorUID>8</PredecessorUID></PredecessorLink>"
                         "<PredecessorLink><PredecessorUID>6</PredecessorUID><Type>4</Type></PredecessorLink></Task>\n"
                         "</Tasks></Project>";
    grid g;
    csvr_error e;
    CHECK(read_doc(&g, doc, &e) == CSVR_OK);
    CHECK(g.nrows == 4);
    CHECK(g.line[0] == 2 && g.line[1] == 3 && g.line[2] == 4 && g.line[3] == 5);
    CHECK(g.iso_dates);
    CHECK_STR(g.part, "Tasks");
    CHECK_STR(cell(&g, 1, "Unique ID"), "5");
    CHECK_STR(cell(&g, 1, "Duration"), "1 days");
    CHECK_STR(cell(&g, 1, "Total Slack"), "-0.5 days");
    CHECK_STR(cell(&g, 1, "Constraint Type"), "Finish No Later Than");
    CHECK_STR(cell(&g, 1, "Milestone"), "1");
    CHECK_STR(cell(&g, 1, "Summary"), "<null>");
    CHECK_STR(cell(&g, 1, "Predecessors"), "<null>");
    CHECK_STR(cell(&g, 2, "Duration"), "-0.5 days");
    CHECK_STR(cell(&g, 2, "Constraint Type"), "9");
    CHECK_STR(cell(&g, 2, "Predecessors"), "1SS+2 days,1FS-1 days");
    CHECK_STR(cell(&g, 3, "Duration"), "P1Y"); /* the last of a repeated element, as written when it does not convert */
    CHECK_STR(cell(&g, 3, "Predecessors"),
              "2FF+25%,PredecessorUID 8: no task has this UID,2 Type 4");
    grid_free(&g);

    CASE("mspdi: a day of P1D is 24 hours; no MinutesPerDay is 480");
    CHECK(read_doc(&g, NS "<Tasks><Task><UID>1</UID><Duration>P1DT2H</Duration><TotalSlack>4800</TotalSlack>"
                          "<PredecessorLink><PredecessorUID>1</PredecessorUID><LinkLag>1</LinkLag></PredecessorLink>"
                          "</Task></Tasks></Project>",
                   &e) == CSVR_OK);
    CHECK_STR(cell(&g, 1, "Duration"), "3.25 days");
    CHECK_STR(cell(&g, 1, "Total Slack"), "1 days");
    CHECK_STR(cell(&g, 1, "Predecessors"), "PredecessorUID 1: the task with this UID has no ID");
    grid_free(&g);
}

static void t_records(void)
{
    CASE("mspdi: Baseline 0 only, in any order; resources by assignment; project title; skipped elements");
    const char *doc = NS "<Title>T &amp; U</Title><Tasks><Task><UID>1</UID><ID>1</ID>"
                         "<Baseline><Number>0</Number><Start>2026-01-02T08:00:00</Start><Duration>PT16H</Duration></Baseline>"
                         "<Baseline><Start>2025-01-01T08:00:00</Start><Number>1</Number></Baseline>"
                         "<ExtendedAttribute><Name>not a name</Name></ExtendedAttribute>"
                         "<Name><![CDATA[a<b]]></Name></Task>"
                         "<Task><UID>2</UID><ID>2</ID><IsNull>1</IsNull></Task></Tasks>"
                         "<Resources><Resource><UID>1</UID><Name>Ana</Name></Resource>"
                         "<Resource><UID>2</UID><Name>Lee</Name></Resource></Resources>"
                         "<Assignments><Assignment><TaskUID>1</TaskUID><ResourceUID>2</ResourceUID></Assignment>"
                         "<Assignment><TaskUID>1</TaskUID><ResourceUID>-65535</ResourceUID></Assignment>"
                         "<Assignment><TaskUID>1</TaskUID><ResourceUID>1</ResourceUID></Assignment></Assignments>"
                         "</Project>";
    grid g;
    csvr_error e;
    CHECK(read_doc(&g, doc, &e) == CSVR_OK);
    CHECK(g.nrows == 3);
    CHECK_STR(cell(&g, 1, "Baseline Start"), "2026-01-02T08:00:00");
    CHECK_STR(cell(&g, 1, "Baseline Duration"), "2 days");
    CHECK_STR(cell(&g, 1, "Baseline Finish"), "<null>");
    CHECK_STR(cell(&g, 1, "Name"), "a<b");
    CHECK_STR(cell(&g, 1, "Resource Names"), "Lee,Ana");
    CHECK_STR(cell(&g, 1, "Project Title"), "T & U");
    CHECK_STR(cell(&g, 2, "Is Null"), "1");
    CHECK_STR(cell(&g, 2, "Resource Names"), "<null>");
    grid_free(&g);
}

static void t_errors(void)
{
    grid g;
    csvr_error e;
    CASE("mspdi: a DOCTYPE is refused at its line");
    CHECK(read_doc(&g, "<?xml version=\"1.0\"?>\n<!DOCTYPE x [<!ENTITY a \"b\">]>\n" NS "</Project>", &e) == CSVR_EPARSE);
    CHECK(e.line == 2);
    CHECK(strstr(e.message, "a DOCTYPE is not accepted") == e.message);
    grid_free(&g);

    CASE("mspdi: another namespace, or none, is not MS Project XML");
    CHECK(read_doc(&g, "\n  <Project xmlns=\"urn:x\"/>", &e) == CSVR_EPARSE);
    CHECK(e.line == 2 && e.column == 3);
    CHECK_STR(e.message, "the root element is <Project> in namespace \"urn:x\", not MS Project's "
                         "<Project xmlns=\"http://schemas.microsoft.com/project\">");
    grid_free(&g);

    CASE("mspdi: bad XML names line and column; a grid is only filled on success");
    CHECK(read_doc(&g, NS "\n<Tasks><Task></Tasks>", &e) == CSVR_EPARSE);
    CHECK(e.line == 2 && e.column == 16); /* expat points at the end tag's name */
    CHECK_STR(e.message, "not well-formed XML: mismatched tag");
    CHECK(g.nrows == 0);
    grid_free(&g);

    CASE("mspdi: .xml in any case names an XML file");
    CHECK(mspdi_is_file("a/PRJ.XML") && mspdi_is_file("p.xml") && !mspdi_is_file("p.csv") && !mspdi_is_file(".xm"));
}

void suite_mspdi(void)
{
    t_values();
    t_records();
    t_errors();
}
