#!/usr/bin/env node
// duckdb_run.cjs - the ten rules of bench/rules_duckdb.sql in DuckDB,
// through its Node API (@duckdb/node-api), for `make bench`.
//
//   node bench/duckdb_run.cjs MODULE DATA_DIR AS_OF THREADS TABLE...
//
// MODULE is the path of the installed @duckdb/node-api package
// (scripts/duckdb-deps.sh puts it in build/bench/node_modules). Loads each
// TABLE from DATA_DIR/TABLE.csv with read_csv, every column as text and
// empty cells kept as '' (as sqlite3's .import does), into an in-memory
// database with THREADS threads; then runs the SQL file statement by
// statement. Prints one "RULE|count" line per rule, then
// "load_s|seconds" and "rules_s|seconds" (wall time of each part).
'use strict';
const fs = require('fs');
const path = require('path');

async function main() {
    const [mod, dir, asOf, threads, ...tables] = process.argv.slice(2);
    if (!mod || !dir || !asOf || !threads || tables.length === 0) {
        console.error('usage: duckdb_run.cjs MODULE DATA_DIR AS_OF THREADS TABLE...');
        process.exit(2);
    }
    const { DuckDBInstance } = require(mod);
    const db = await DuckDBInstance.create(':memory:', { threads: String(threads) });
    const con = await db.connect();
    const quote = (s) => "'" + s.replace(/'/g, "''") + "'";
    const t0 = process.hrtime.bigint();
    for (const t of tables) {
        const file = path.join(dir, t + '.csv');
        // nullstr: a text no cell holds, so that an empty cell stays '' as in sqlite3
        await con.run(`CREATE TABLE ${t} AS SELECT * FROM read_csv(${quote(file)}, header = true, delim = ',', ` +
                      `quote = '"', escape = '"', all_varchar = true, nullstr = '\u0001', ` +
                      `null_padding = true, strict_mode = false)`);
    }
    await con.run(`CREATE TABLE run AS SELECT ${quote(asOf)} AS t`);
    const t1 = process.hrtime.bigint();
    const sql = fs.readFileSync(path.join(__dirname, 'rules_duckdb.sql'), 'utf8')
        .split('\n').filter((l) => !/^\s*--/.test(l)).join('\n');
    for (const stmt of sql.split(/;\s*\n/).map((s) => s.trim()).filter((s) => s)) {
        if (/^SELECT\b/i.test(stmt)) {
            const r = await con.runAndReadAll(stmt);
            for (const row of r.getRows())
                console.log(`${row[0]}|${row[1]}`);
        } else {
            await con.run(stmt);
        }
    }
    const t2 = process.hrtime.bigint();
    console.log(`load_s|${Number(t1 - t0) / 1e9}`);
    console.log(`rules_s|${Number(t2 - t1) / 1e9}`);
}

main().catch((e) => {
    console.error('duckdb_run: ' + (e && e.message ? e.message : e));
    process.exit(1);
});
