#!/usr/bin/env python3
"""Makes the IT Dashboard export look as one saved by hand from a spreadsheet:

  mess_itdashboard.py SOURCE.csv OUT.csv

- four lines of title and disclaimer, and a blank line, above the header
  (which is then on line 6);
- every date in the day-first layout DD/MM/YYYY (a time of day is dropped);
- after each agency's projects, a "Total" row with no Project ID and the
  sums of the cost columns, and a "Grand Total" row at the end.

Everything else is kept byte for byte as the csv module writes it. Prints
the counts the tests check: projects, total rows, how many projects the
itdashboard profile's own rule closes (B2 on or before Updated Date), and
the lines of the first 20 total rows (read back from OUT).
"""
import csv
import re
import sys

DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(T[0-9:]+Z?)?$")
COST = ("Lifecycle Cost", "Planned Cost ($ M)", "Projected/Actual Cost ($ M)")


def day_first(v):
    m = DATE.match(v)
    return "%s/%s/%s" % (m.group(3), m.group(2), m.group(1)) if m else v


def main():
    src, out = sys.argv[1], sys.argv[2]
    rows = list(csv.reader(open(src, encoding="utf-8-sig", newline="")))
    header, body = rows[0], rows[1:]
    col = {h: i for i, h in enumerate(header)}
    closed = 0
    for r in body:
        b2, upd = r[col["Projected/Actual Project Completion Date (B2)"]][:10], r[col["Updated Date"]][:10]
        closed += bool(b2 and upd and b2 <= upd)
    totals = 0
    with open(out, "w", encoding="utf-8", newline="") as f:
        f.write("IT Dashboard - Projects\r\n")
        f.write("Exported from itdashboard.gov; figures in $ millions\r\n")
        f.write("\r\n")
        f.write("Disclaimer: agencies report these figures themselves\r\n")
        f.write("Source: Federal IT Dashboard\r\n")
        w = csv.writer(f)
        w.writerow(header)
        sums, agency = [0.0] * len(COST), None

        def total(name):
            r = [""] * len(header)
            r[col["Agency Name"]] = "Total " + name
            for k, c in enumerate(COST):
                r[col[c]] = "%.3f" % sums[k]
            w.writerow(r)

        for r in body:
            if agency is not None and r[col["Agency Name"]] != agency:
                total(agency)
                totals += 1
                sums = [0.0] * len(COST)
            agency = r[col["Agency Name"]]
            for k, c in enumerate(COST):
                sums[k] += float(r[col[c]] or 0)
            w.writerow([day_first(v) for v in r])
        total(agency)
        w.writerow(["Grand Total"] + [""] * (len(header) - 1))
        totals += 2
    lines, prev = [], 0
    with open(out, encoding="utf-8", newline="") as f:
        rd = csv.reader(f)
        for r in rd:
            start, prev = prev + 1, rd.line_num
            if r and (r[0] == "Grand Total" or (len(r) > 3 and r[3].startswith("Total "))):
                lines.append(start)
    print("projects %d totals %d closed %d lines %s" % (len(body), totals, closed, ",".join(map(str, lines[:20]))))


if __name__ == "__main__":
    main()
